// The audit report as Markdown (an auditor reading it), JSON (every
// deployment's full evidence record) or CSV (one row per deployment, for a
// spreadsheet); the access matrix follows in the same format.

import {
  csvCell,
  mdCell,
  renderMatrix,
  type MatrixFormat
} from '../access/render.js'
import type { AuditEntry, AuditReport } from '../engine/index.js'

export type AuditFormat = MatrixFormat

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

const HEADER = [
  'deployment',
  'succeeded_at',
  'sha',
  'deployer',
  'run',
  'decision',
  'violations',
  'changes',
  'problems',
  'break_glass'
]

export function renderAudit(r: AuditReport, format: AuditFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(r, null, 2)}\n`
    case 'csv': {
      const table = [HEADER, ...auditRows(r)]
        .map((row) => row.map(csvCell).join(','))
        .join('\n')
      const access =
        'error' in r.access
          ? `access matrix,not read: ${csvCell(r.access.error)}\n`
          : renderMatrix(r.access, 'csv')
      return `${table}\n\n${access}`
    }
    case 'md':
      return renderMarkdown(r)
  }
}

function renderMarkdown(r: AuditReport): string {
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
  if (r.entries.length > 0) {
    lines.push(
      '| Deployment | Succeeded | Commit | Deployer | Decision | Changes | Problems |',
      '| --- | --- | --- | --- | --- | --- | --- |'
    )
    for (const e of r.entries) {
      const deployer = e.summary.deployer ?? 'unknown'
      const id =
        e.summary.runUrl === null
          ? `#${e.deployment.id}`
          : `[#${e.deployment.id}](${e.summary.runUrl})`
      lines.push(
        `| ${id} | ${e.deployment.succeededAt} | \`${short(e.deployment.sha)}\` | ${mdCell(deployer)} | ${e.decision === 'allow' ? '✅ allow' : '⛔ block'}${e.breakGlass === null ? '' : ` (break-glass, review ${e.breakGlass.review})`} | ${mdCell(changesOf(e))} | ${mdCell(problemsOf(e))} |`
      )
    }
    lines.push('')
  }
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
