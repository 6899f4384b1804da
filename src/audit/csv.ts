// The packet's tables (SPEC §7): population.csv, one row per deployment, and
// changes.csv, one row per change of each deployment. RFC 4180: one header,
// CRLF line ends, fields with a comma, quote or line break quoted. Lists in a
// cell are joined with `; `. What comes from a deployment's evidence record
// says so when the record is not at hand, never an empty cell.

import { csvCell } from '../access/render.js'
import type {
  AuditEntry,
  AuditReport,
  EvidenceRecord
} from '../engine/index.js'

type EvidenceChange = EvidenceRecord['changes'][number]

/** A deployment's evidence record: held in the entry, or read back from the packet. */
export type RecordOf = (entry: AuditEntry) => EvidenceRecord | null

export const NO_RECORD = 'unknown (no evidence record)'

export const POPULATION_HEADER = [
  'deployment_id',
  'deployment_url',
  'environment',
  'sha',
  'succeeded_at',
  'created_at',
  'deployer',
  'run_url',
  'decision',
  'violations',
  'problems',
  'break_glass',
  'pull_requests',
  'pull_request_urls',
  'direct_pushes',
  'carried_in',
  'makers',
  'approvers',
  'approval_times',
  'upstream_deployments',
  'policy_path',
  'policy_blob'
] as const

export const CHANGES_HEADER = [
  'deployment_id',
  'change_sha',
  'change_url',
  'entered_by',
  'carried_by',
  'pull_request',
  'pull_request_url',
  'merged_at',
  'makers',
  'unresolved_identities',
  'approvers',
  'approval_times',
  'excluded_approvals'
] as const

/** One RFC 4180 record, with its CRLF. */
export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`
}

const join = (items: Iterable<string>): string => [...new Set(items)].join('; ')

/** `--api-url`'s deployment resource: GitHub's own `url` of a deployment. */
export function deploymentUrl(
  apiUrl: string,
  report: Pick<AuditReport, 'repository'>,
  id: number
): string {
  const { owner, name } = report.repository
  return `${apiUrl.replace(/\/+$/, '')}/repos/${owner}/${name}/deployments/${id}`
}

function approvalTimes(changes: EvidenceChange[]): string[] {
  return changes.flatMap((c) =>
    c.approvers.map(
      (a) =>
        `${c.pull_request === null ? c.sha.slice(0, 7) : `#${c.pull_request.number}`} ${a.login} ${a.submitted_at ?? 'time unknown'}`
    )
  )
}

export function populationRow(o: {
  report: AuditReport
  entry: AuditEntry
  record: EvidenceRecord | null
  apiUrl: string
}): string[] {
  const { entry: e, record: r } = o
  const fromRecord = (cell: (r: EvidenceRecord) => string): string =>
    r === null ? NO_RECORD : cell(r)
  const prs = (r: EvidenceRecord): EvidenceChange[] =>
    r.changes.filter((c) => c.pull_request !== null)
  return [
    String(e.deployment.id),
    deploymentUrl(o.apiUrl, o.report, e.deployment.id),
    o.report.environment,
    e.deployment.sha,
    e.deployment.succeededAt,
    e.deployment.createdAt,
    e.summary.deployer ?? 'unknown',
    e.summary.runUrl ?? '',
    e.decision,
    e.violations.join('; '),
    e.summary.problems.join('; '),
    e.breakGlass === null
      ? ''
      : `#${e.breakGlass.issue.number} review ${e.breakGlass.review}`,
    join(
      e.summary.changes.flatMap((c) =>
        c.pullRequest === null ? [] : [`#${c.pullRequest}`]
      )
    ),
    fromRecord((r) => join(prs(r).map((c) => c.pull_request?.url ?? ''))),
    join(
      e.summary.changes.flatMap((c) =>
        c.pullRequest === null && c.carriedBy === undefined ? [c.sha] : []
      )
    ),
    join(
      e.summary.changes.flatMap((c) =>
        c.carriedBy === undefined ? [] : [`${c.sha} by merge ${c.carriedBy}`]
      )
    ),
    fromRecord((r) =>
      join(r.changes.flatMap((c) => c.makers.map((m) => m.login)))
    ),
    fromRecord((r) =>
      join(r.changes.flatMap((c) => c.approvers.map((a) => a.login)))
    ),
    fromRecord((r) => join(approvalTimes(r.changes))),
    fromRecord((r) =>
      join(
        r.checks
          .filter((c) => c.id === 'promotion')
          .flatMap((c) => c.links)
          .filter((l) => l.kind === 'deployment')
          .map((l) => `${l.label} ${l.url}`)
      )
    ),
    fromRecord((r) => r.policy.path),
    r?.policy.blob_sha ?? o.report.policy.blobSha
  ]
}

/** How a change reached the branch, as the summary of its deployment says. */
function enteredBy(change: AuditEntry['summary']['changes'][number]): string {
  if (change.carriedBy !== undefined) return 'carried by a merge'
  return change.pullRequest === null ? 'direct push' : 'merged pull request'
}

export function changeRows(o: {
  entry: AuditEntry
  record: EvidenceRecord | null
}): string[][] {
  const { entry: e, record: r } = o
  const bySha = new Map((r?.changes ?? []).map((c) => [c.sha, c]))
  return e.summary.changes.map((s) => {
    const c = bySha.get(s.sha)
    const known = (cell: (c: EvidenceChange) => string): string =>
      c === undefined ? NO_RECORD : cell(c)
    return [
      String(e.deployment.id),
      s.sha,
      known((c) => c.url),
      enteredBy(s),
      s.carriedBy ?? '',
      s.pullRequest === null ? '' : String(s.pullRequest),
      known((c) => c.pull_request?.url ?? ''),
      known((c) => c.pull_request?.merged_at ?? ''),
      known((c) =>
        join(c.makers.map((m) => `${m.login} (${m.roles.join(', ')})`))
      ),
      known((c) =>
        join(
          c.unresolved_identities.map(
            (u) =>
              `${u.name ?? 'no name'} <${u.email ?? 'no email'}> (${u.role})`
          )
        )
      ),
      known((c) => join(c.approvers.map((a) => a.login))),
      known((c) =>
        join(
          c.approvers.map(
            (a) => `${a.login} ${a.submitted_at ?? 'time unknown'}`
          )
        )
      ),
      known((c) =>
        join(
          c.excluded_approvals.map(
            (x) => `${x.login ?? 'unknown'}: ${x.reason}`
          )
        )
      )
    ]
  })
}

/** population.csv whole, for `--format csv` (the packet streams it instead). */
export function populationCsv(o: {
  report: AuditReport
  entries?: readonly AuditEntry[]
  recordOf: RecordOf
  apiUrl: string
}): string {
  const rows = (o.entries ?? o.report.entries).map((entry) =>
    csvLine(
      populationRow({
        report: o.report,
        entry,
        record: o.recordOf(entry),
        apiUrl: o.apiUrl
      })
    )
  )
  return csvLine(POPULATION_HEADER) + rows.join('')
}
