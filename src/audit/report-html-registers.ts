// report.html's closing sections: the break-glass register, the access
// matrix (the same rows as `access`, src/access/render.ts, as HTML tables)
// and the controls each check evidences, with how the population fared on
// each check.

import { matrixRows, TRUNCATED } from '../access/render.js'
import type { AccessChange } from '../access/review.js'
import {
  ACCESS_JSON,
  REVIEW_ANCHOR,
  type AuditAccessReview
} from './access-review.js'
import {
  CHECK_IDS,
  CONTROLS,
  type AccessMatrix,
  type AuditReport
} from '../engine/index.js'
import {
  anchorOf,
  badge,
  esc,
  htmlTable,
  link,
  short
} from './report-html-text.js'

export function breakGlassSection(report: AuditReport): string {
  const head =
    '<section class="part" id="break-glass"><h2>Break-glass register</h2>\n'
  if ('error' in report.breakGlass) {
    return `${head}<p class="note">Not read: ${esc(report.breakGlass.error)}</p>\n</section>\n`
  }
  if (report.breakGlass.length === 0) {
    return `${head}<p>No break-glass deployment in the period.</p>\n</section>\n`
  }
  const rows = report.breakGlass.map((b) => [
    link(b.issue.url, `#${b.issue.number}`),
    b.deployment === null
      ? `<code>${esc(short(b.sha))}</code>`
      : `<a href="#${anchorOf(b.deployment)}"><code>${esc(short(b.sha))}</code></a>`,
    esc(b.deployer),
    esc(b.approvedBy),
    esc(b.due),
    `${badge(b.review)}${b.problem === null ? '' : ` ${esc(b.problem)}`}`,
    b.closed === null
      ? 'open'
      : esc(
          `${b.closed.at} by ${b.closed.by ?? 'unknown'} (${b.closed.reason ?? 'no reason'})`
        )
  ])
  return `${head}${htmlTable({
    head: [
      'Issue',
      'Commit',
      'Deployer',
      'Approved by',
      'Review due',
      'Review',
      'Closed'
    ],
    rows
  })}</section>\n`
}

/** One table of a matrix section: a row per subject, a column per field. */
function sectionTable(rows: string[][], section: string): string {
  const own = rows.filter(
    (r) => r[0] === section && !(r[2] ?? '').endsWith(TRUNCATED)
  )
  const subjects = [...new Set(own.map((r) => r[1] ?? ''))]
  const fields = [...new Set(own.map((r) => r[2] ?? ''))]
  if (subjects.length === 0) return ''
  const at = (subject: string, field: string): string =>
    rows.find(
      (r) => r[0] === section && r[1] === subject && r[2] === field
    )?.[3] ?? ''
  return htmlTable({
    head: [section, ...fields],
    rows: subjects.map((s) => [
      `<strong>${esc(s)}</strong>`,
      ...fields.map((f) => {
        const cut = at(s, `${f}${TRUNCATED}`)
        return `${esc(at(s, f))}${cut === '' ? '' : `<br><span class="note">⚠ ${esc(cut)}</span>`}`
      })
    ])
  })
}

function matrixHtml(m: AccessMatrix): string {
  const rows = matrixRows(m)
  const repo = rows.filter((r) => r[0] === 'repository')
  return `<p class="muted">Read ${esc(m.generatedAt)}, as it is now: GitHub keeps no history of access.</p>
<h3>Environments</h3>
${sectionTable(rows, 'environment') || '<p class="muted">none</p>'}
<h3>Branches</h3>
${sectionTable(rows, 'branch') || '<p class="muted">none</p>'}
<h3>Who may push</h3>
${htmlTable({ head: ['Field', 'Value'], rows: repo.map((r) => [esc(r[2] ?? ''), esc(r[3] ?? '')]) })}
<h3>Gaps against the policy</h3>
${m.gaps.length === 0 ? '<p>None.</p>' : `<ul>${m.gaps.map((g) => `<li>${badge('fail')} ${esc(g)}</li>`).join('')}</ul>`}
`
}

const DIRECTION: Record<AccessChange['direction'], string> = {
  weakened: 'weakened',
  unknown: 'not-compared',
  strengthened: 'strengthened'
}

/** "Since the last review": each change with its direction, weakened ones first. */
function reviewHtml(r: AuditAccessReview): string {
  const head = `<h3 id="${REVIEW_ANCHOR}">Since the last review (baseline made at ${esc(r.baseline.matrix.generatedAt)})</h3>
<p class="muted">Compared with <code>${esc(r.baseline.name)}</code> (sha256 <code>${esc(r.baseline.sha256)}</code>).</p>
`
  if ('error' in r)
    return `${head}<p class="note">Not made: ${esc(r.error)}</p>\n`
  const order: AccessChange['direction'][] = [
    'weakened',
    'unknown',
    'strengthened'
  ]
  const changes = order.flatMap((d) =>
    r.review.changes.filter((c) => c.direction === d)
  )
  const gaps = (list: string[], word: string): string =>
    list.length === 0
      ? '<p>None.</p>'
      : `<ul>${list.map((g) => `<li>${badge(word)} ${esc(g)}</li>`).join('')}</ul>`
  return `${head}${
    changes.length === 0
      ? '<p>No change in who may deploy, approve, bypass or push.</p>\n'
      : htmlTable({
          head: ['Subject', 'Direction', 'What changed'],
          rows: changes.map((c) => [
            esc(c.subject),
            badge(DIRECTION[c.direction]),
            esc(c.what)
          ])
        })
  }<h4>Gaps new since the last review</h4>
${gaps(r.review.newGaps, 'fail')}
<h4>Gaps resolved since the last review</h4>
${gaps(r.review.resolvedGaps, 'pass')}
`
}

export function accessSection(
  report: AuditReport,
  review: AuditAccessReview | null = null
): string {
  const body =
    'error' in report.access
      ? `<p class="note">Not read: ${esc(report.access.error)}; so the packet holds no ${ACCESS_JSON}.</p>`
      : matrixHtml(report.access)
  return `<section class="part" id="access"><h2>Access matrix</h2>\n${body}${review === null ? '' : reviewHtml(review)}</section>\n`
}

/** How many deployments ended each check in each status. */
export type CheckTally = Map<string, Map<string, number>>

export function tally(
  into: CheckTally,
  checks: readonly { id: string; status: string }[]
): void {
  for (const c of checks) {
    const of = into.get(c.id) ?? new Map<string, number>()
    of.set(c.status, (of.get(c.status) ?? 0) + 1)
    into.set(c.id, of)
  }
}

const STATUSES = ['pass', 'fail', 'error', 'skipped'] as const

export function controlsSection(o: {
  tallies: CheckTally
  records: number
}): string {
  const rows = CHECK_IDS.map((id) => {
    const of = o.tallies.get(id) ?? new Map<string, number>()
    return [
      `<code>${esc(id)}</code>`,
      CONTROLS[id].map(esc).join('<br>'),
      ...STATUSES.map((s) => String(of.get(s) ?? 0))
    ]
  })
  return `<section class="part" id="controls"><h2>Controls evidenced</h2>
<p>Each check of the gate evidences these controls (ISO/IEC 27001:2022, SOC 2, NIST SP 800-53). The counts are over the ${o.records} deployment${o.records === 1 ? '' : 's'} whose evidence record the packet holds.</p>
${htmlTable({ head: ['Check', 'Controls', ...STATUSES], rows })}</section>\n`
}
