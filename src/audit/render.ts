// The audit report as Markdown (an auditor reading it, the sample first),
// JSON (every deployment's full evidence record) or CSV (the packet's
// population.csv: one row per deployment, for a spreadsheet); the access
// matrix follows in Markdown and JSON.

import { mdCell, renderMatrix, type MatrixFormat } from '../access/render.js'
import type { AuditEntry, AuditReport } from '../engine/index.js'
import { populationCsv, type RecordOf } from './csv.js'
import type { Sample } from './sample.js'
import { completenessSection } from './completeness.js'

export type AuditFormat = MatrixFormat

export interface RenderOptions {
  /** the deployments drawn, shown first in Markdown */
  sample?: Sample | null
  /** each entry's evidence record (default: the one it holds) */
  recordOf?: RecordOf
  /** REST base the deployments' URLs are of (default: api.github.com) */
  apiUrl?: string
}

const short = (sha: string): string => sha.slice(0, 7)

function changesOf(e: AuditEntry): string {
  return e.summary.changes
    .map((c) =>
      c.pullRequest === null
        ? `${short(c.sha)} (direct push)`
        : `#${c.pullRequest}`
    )
    .join(' ')
}

function problemsOf(e: AuditEntry): string {
  return e.summary.problems.join('; ')
}

/** Each deployment's row as the report shows it (what chunking must not change). */
export function auditRows(r: AuditReport): string[][] {
  return r.entries.map((e) => [
    String(e.deployment.id),
    e.deployment.succeededAt,
    e.deployment.sha,
    e.summary.deployer ?? '',
    e.summary.runUrl ?? '',
    e.decision,
    e.violations.join(' '),
    changesOf(e),
    problemsOf(e),
    e.breakGlass === null
      ? ''
      : `#${e.breakGlass.issue.number} review ${e.breakGlass.review}`
  ])
}

function deploymentCell(e: AuditEntry): string {
  return e.summary.runUrl === null
    ? `#${e.deployment.id}`
    : `[#${e.deployment.id}](${e.summary.runUrl})`
}

function decisionCell(e: AuditEntry): string {
  return `${e.decision === 'allow' ? '✅ allow' : '⛔ block'}${e.breakGlass === null ? '' : ` (break-glass, review ${e.breakGlass.review})`}`
}

export function renderAudit(
  r: AuditReport,
  format: AuditFormat,
  o: RenderOptions = {}
): string {
  const recordOf = o.recordOf ?? ((e: AuditEntry) => e.evidence)
  switch (format) {
    case 'json':
      return `${JSON.stringify(r, null, 2)}\n`
    case 'csv':
      // one table a spreadsheet imports: the access matrix is `access --format csv`
      return populationCsv({
        report: r,
        recordOf,
        apiUrl: o.apiUrl ?? 'https://api.github.com'
      })
    case 'md':
      return renderMarkdown(r, o.sample ?? null, recordOf)
  }
}

function renderMarkdown(
  r: AuditReport,
  sample: Sample | null,
  recordOf: RecordOf
): string {
  const blocked = r.entries.filter((e) => e.decision === 'block')
  const lines = [
    `# Deployments to ${mdCell(r.environment)}: ${mdCell(`${r.repository.owner}/${r.repository.name}`)}`,
    '',
    `Period ${r.period.since} to ${r.period.until}; policy \`${mdCell(r.policy.path)}\` at \`${mdCell(r.policy.ref)}\` (blob \`${short(r.policy.blobSha)}\`); generated ${r.generatedAt}.`,
    '',
    `**${r.entries.length}** successful deployment${r.entries.length === 1 ? '' : 's'}: **${r.entries.length - blocked.length}** would pass the gate as of their own time, **${blocked.length}** would not${'error' in r.breakGlass ? '' : `; ${r.breakGlass.length} broke the glass`}.`,
    '',
    `Each deployment is judged as of its first success status: reviews, upstream statuses and test results that came later do not count. Read as they are now (GitHub keeps no history of them): ${r.readNow.join('; ')}.`,
    ''
  ]
  lines.push(...policySection(r))
  if (sample !== null) lines.push(...sampleSection(r, sample, recordOf))
  if (r.entries.length > 0) {
    lines.push(
      '| Deployment | Succeeded | Commit | Deployer | Decision | Changes | Problems |',
      '| --- | --- | --- | --- | --- | --- | --- |'
    )
    for (const e of r.entries) {
      const deployer = e.summary.deployer ?? 'unknown'
      lines.push(
        `| ${deploymentCell(e)} | ${e.deployment.succeededAt} | \`${short(e.deployment.sha)}\` | ${mdCell(deployer)} | ${decisionCell(e)} | ${mdCell(changesOf(e))} | ${mdCell(problemsOf(e))} |`
      )
    }
    lines.push('')
  }
  lines.push(...completenessSection(r.completeness))
  lines.push('## Break-glass deployments', '')
  if ('error' in r.breakGlass) {
    lines.push(`⚠️ ${mdCell(r.breakGlass.error)}`, '')
  } else if (r.breakGlass.length === 0) {
    lines.push('None in the period.', '')
  } else {
    lines.push(
      '| Issue | Commit | Deployer | Approved by | Review due | Review | Closed |',
      '| --- | --- | --- | --- | --- | --- | --- |'
    )
    for (const b of r.breakGlass) {
      const review =
        b.review === 'done'
          ? '✅ done'
          : b.review === 'pending'
            ? '⏳ pending'
            : `⚠️ ${b.review}`
      const closed =
        b.closed === null
          ? 'open'
          : `${b.closed.at} by ${b.closed.by ?? 'unknown'} (${b.closed.reason ?? 'no reason'})`
      lines.push(
        `| [#${b.issue.number}](${b.issue.url}) | \`${short(b.sha)}\` | ${mdCell(b.deployer)} | ${mdCell(b.approvedBy)} | ${b.due} | ${review}${b.problem === null ? '' : `: ${mdCell(b.problem)}`} | ${mdCell(closed)} |`
      )
    }
    lines.push('')
  }
  lines.push(
    'error' in r.access
      ? `## Access matrix\n\nNot read: ${mdCell(r.access.error)}\n`
      : renderMatrix(r.access, 'md')
  )
  return lines.join('\n')
}

/** The policy versions that judged the population (SPEC §7), oldest first. */
function policySection(r: AuditReport): string[] {
  if (r.policyVersions.length === 0) return []
  const rows = r.policyVersions.map((v) => {
    const n = v.deployments.length
    const judged = `${n} deployment${n === 1 ? '' : 's'}: ${v.deployments.join(', ')}`
    return v.commit === null
      ? `| none stood | | | ⚠️ ${judged} (blocked: no policy on \`${mdCell(r.policy.ref)}\`) |`
      : `| ${v.blobSha === null ? 'removed or unreadable' : `\`${short(v.blobSha)}\``} | [\`${short(v.commit)}\`](${r.repository.url}/commit/${v.commit}) | ${v.from ?? ''} | ${judged} |`
  })
  return [
    '## Policy versions',
    '',
    `Each deployment is judged by \`${mdCell(r.policy.path)}\` as it stood on \`${mdCell(r.policy.ref)}\` at its success. What the audit reads (the upstream chain, each range) follows today's version (blob \`${short(r.policy.blobSha)}\`).`,
    '',
    '| Blob | Commit | On the ref from | Judged |',
    '| --- | --- | --- | --- |',
    ...rows,
    ''
  ]
}

/** The sampled deployments, each with who made, approved and deployed it. */
function sampleSection(
  r: AuditReport,
  sample: Sample,
  recordOf: RecordOf
): string[] {
  const drawn = new Set(sample.ids)
  const lines = [
    `## Sample: ${sample.ids.length} of ${r.entries.length} deployments`,
    '',
    `Drawn with seed \`${mdCell(sample.seed)}\` (re-draw it with \`--sample ${sample.size} --seed ${mdCell(sample.seed)}\`). Method: ${mdCell(sample.method)}.`,
    ''
  ]
  if (sample.ids.length === 0) return [...lines, 'No deployment to draw.', '']
  lines.push(
    '| Deployment | Succeeded | Commit | Deployer | Decision | Changes | Makers | Approvers (approved at) | Problems |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |'
  )
  for (const e of r.entries.filter((x) => drawn.has(x.deployment.id))) {
    const record = recordOf(e)
    const makers =
      record === null
        ? 'unknown (no evidence record)'
        : [
            ...new Set(
              record.changes.flatMap((c) => c.makers.map((m) => m.login))
            )
          ].join(', ') || 'none'
    const approvers =
      record === null
        ? 'unknown (no evidence record)'
        : record.changes
            .flatMap((c) =>
              c.approvers.map(
                (a) =>
                  `${a.login} (${c.pull_request === null ? '' : `#${c.pull_request.number}, `}${a.submitted_at ?? 'time unknown'})`
              )
            )
            .join(', ') || 'none'
    lines.push(
      `| ${deploymentCell(e)} | ${e.deployment.succeededAt} | \`${short(e.deployment.sha)}\` | ${mdCell(e.summary.deployer ?? 'unknown')} | ${decisionCell(e)} | ${mdCell(changesOf(e))} | ${mdCell(makers)} | ${mdCell(approvers)} | ${mdCell(problemsOf(e))} |`
    )
  }
  lines.push('')
  return lines
}
