// One deployment in report.html: its row of the timeline (its promotion path
// with times) and its drill-down (the path, every change with its pull
// request, makers, approvers and approval times, its checks, who deployed,
// links to GitHub). Both read the deployment's evidence record, or say that
// there is none.

import type {
  AuditEntry,
  AuditReport,
  EvidenceRecord
} from '../engine/index.js'
import { deploymentUrl } from './csv.js'
import {
  anchorOf,
  badge,
  esc,
  htmlTable,
  items,
  link,
  short
} from './report-html-text.js'

type EvidenceChange = EvidenceRecord['changes'][number]

export interface DeploymentView {
  report: AuditReport
  entry: AuditEntry
  record: EvidenceRecord | null
  apiUrl: string
}

const NO_RECORD =
  'unknown: no evidence record (evidence/<id>.json is missing or unreadable)'

/** The upstream deployments the promotion check relied on, each linked. */
function upstream(record: EvidenceRecord): string[] {
  return record.checks
    .filter((c) => c.id === 'promotion')
    .flatMap((c) => c.links)
    .filter((l) => l.kind === 'deployment')
    .map((l) => link(l.url, l.label))
}

/** Upstream deployments, then this one: the promotion path in time order. */
function pathItems(v: DeploymentView): string[] {
  const d = v.entry.deployment
  const self = `<strong>deployment #${d.id} to ${esc(v.report.environment)} (success at ${esc(d.succeededAt)})</strong>`
  if (v.record === null)
    return [`<span class="muted">${esc(NO_RECORD)}</span>`, self]
  const up = upstream(v.record)
  return [
    ...(up.length === 0
      ? ['<span class="muted">no upstream deployment relied on</span>']
      : up),
    self
  ]
}

function commitLink(v: DeploymentView, sha: string): string {
  return link(`${v.report.repository.url}/commit/${sha}`, short(sha))
}

/** The timeline's row of one deployment. */
export function timelineRow(v: DeploymentView): string {
  const d = v.entry.deployment
  const cells = [
    esc(d.succeededAt),
    `<a href="#${anchorOf(d.id)}">#${d.id}</a>`,
    `<code>${commitLink(v, d.sha)}</code>`,
    esc(v.entry.summary.deployer ?? 'unknown'),
    `<ol class="path">${pathItems(v)
      .map((i) => `<li>${i}</li>`)
      .join('')}</ol>`,
    `${badge(v.entry.decision)}${v.entry.breakGlass === null ? '' : ` ${badge('break-glass')}`}`
  ]
  return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>\n`
}

export const TIMELINE_HEAD = [
  'Succeeded at',
  'Deployment',
  'Commit',
  'Deployer',
  'Promotion path',
  'Decision'
] as const

function approversCell(c: EvidenceChange): string {
  return items(
    c.approvers.map(
      (a) =>
        `${link(a.review_url, a.login)} <span class="muted">at ${esc(a.submitted_at ?? 'time unknown')}${a.commit === null ? '' : ` on ${esc(short(a.commit))}`}</span>`
    )
  )
}

function makersCell(c: EvidenceChange): string {
  return items([
    ...c.makers.map(
      (m) =>
        `${esc(m.login)} <span class="muted">(${esc(m.roles.join(', '))})</span>`
    ),
    ...c.unresolved_identities.map(
      (u) =>
        `unresolved: ${esc(u.name ?? 'no name')} &lt;${esc(u.email ?? 'no email')}&gt; <span class="muted">(${esc(u.role)})</span>`
    )
  ])
}

/** Every change in scope, from the summary, with the record's people where it has them. */
function changesTable(v: DeploymentView): string {
  const bySha = new Map((v.record?.changes ?? []).map((c) => [c.sha, c]))
  const rows = v.entry.summary.changes.map((s) => {
    const c = bySha.get(s.sha)
    const entered =
      s.carriedBy !== undefined
        ? `carried in by merge ${esc(short(s.carriedBy))}`
        : s.pullRequest === null
          ? 'direct push'
          : link(c?.pull_request?.url, `pull request #${s.pullRequest}`)
    const unknown = `<span class="muted">${esc(NO_RECORD)}</span>`
    return [
      `<code>${commitLink(v, s.sha)}</code>`,
      entered,
      c === undefined ? unknown : esc(c.pull_request?.merged_at ?? ''),
      c === undefined ? unknown : makersCell(c),
      c === undefined ? unknown : approversCell(c),
      c === undefined
        ? unknown
        : items(
            c.excluded_approvals.map(
              (x) =>
                `${link(x.review_url, x.login ?? 'unknown')}: ${esc(x.reason)}`
            )
          )
    ]
  })
  return htmlTable({
    head: [
      'Change',
      'Entered by',
      'Merged at',
      'Makers',
      'Approvers (approved at)',
      'Approvals not counted'
    ],
    rows
  })
}

function checksTable(record: EvidenceRecord): string {
  return htmlTable({
    head: ['Check', 'Status', 'Message', 'Controls evidenced'],
    rows: record.checks.map((c) => [
      `<code>${esc(c.id)}</code>`,
      badge(c.status),
      `${esc(c.message)}${c.problems.map((p) => `<br>• ${esc(p)}`).join('')}${
        c.links.length === 0
          ? ''
          : `<br><span class="muted">relied on: ${c.links
              .map((l) => link(l.url, l.label))
              .join(', ')}</span>`
      }`,
      `<span class="muted">${esc(c.controls.join(', '))}</span>`
    ]),
    className: 'checks'
  })
}

function facts(v: DeploymentView): string {
  const { entry: e, record: r } = v
  const d = e.deployment
  const run = r?.run
  const deployers =
    run === undefined
      ? esc(e.summary.deployer ?? 'unknown')
      : `${esc(r?.deployer ?? 'unknown')} <span class="muted">(run actor ${esc(run.actor ?? 'unknown')}, triggered by ${esc(run.triggering_actor ?? 'unknown')})</span>`
  const rows: [string, string][] = [
    [
      'Commit',
      `<code>${link(`${v.report.repository.url}/commit/${d.sha}`, d.sha)}</code>`
    ],
    [
      'Succeeded at',
      `${esc(d.succeededAt)} <span class="muted">(created ${esc(d.createdAt)})</span>`
    ],
    ['Deployed by', deployers],
    ['Workflow run', link(e.summary.runUrl, e.summary.runUrl ?? 'unknown')],
    [
      'Deployment',
      link(
        deploymentUrl(v.apiUrl, v.report, d.id),
        `deployment #${d.id} (API record, created by ${d.creator ?? 'unknown'})`
      )
    ],
    [
      'Policy',
      r === null
        ? esc(NO_RECORD)
        : `<code>${esc(r.policy.path)}</code> at <code>${esc(r.policy.ref ?? 'default branch')}</code>, blob <code>${esc(r.policy.blob_sha ?? 'unknown')}</code>`
    ]
  ]
  if (e.breakGlass !== null) {
    const b = e.breakGlass
    rows.push([
      'Break-glass',
      `${link(b.issue.url, `issue #${b.issue.number}`)}: approved by ${esc(b.approvedBy)}, review due ${esc(b.due)}, ${badge(b.review)}`
    ])
  }
  return `<dl class="facts">${rows
    .map(([k, val]) => `<dt>${esc(k)}</dt><dd>${val}</dd>`)
    .join('')}</dl>`
}

/** The drill-down of one deployment; open on screen when asked (always open in print). */
export function drillDown(
  v: DeploymentView & { open: boolean; exception: boolean }
): string {
  const e = v.entry
  const d = e.deployment
  const problems =
    e.summary.problems.length === 0
      ? ''
      : `<div class="note"><strong>What failed</strong>${e.summary.problems
          .map((p) => `<br>• ${esc(p)}`)
          .join('')}</div>`
  return `<details class="deployment${v.exception ? ' exception' : ''}" id="${anchorOf(d.id)}"${v.open ? ' open' : ''}>
<summary>${badge(e.decision)}${e.breakGlass === null ? '' : ` ${badge('break-glass')}`} <strong>Deployment #${d.id}</strong> · ${esc(d.succeededAt)} · <code>${esc(short(d.sha))}</code> · deployed by ${esc(e.summary.deployer ?? 'unknown')}${e.violations.length === 0 ? '' : ` · <span class="muted">${esc(e.violations.join(', '))}</span>`}</summary>
<div class="body">
${facts(v)}
${problems}
<h3>Promotion path</h3>
<ol class="path">${pathItems(v)
    .map((i) => `<li>${i}</li>`)
    .join('')}</ol>
<h3>Changes (${e.summary.changes.length})</h3>
${changesTable(v)}
<h3>Checks</h3>
${v.record === null ? `<p class="muted">${esc(NO_RECORD)}</p>` : checksTable(v.record)}
</div>
</details>
`
}
