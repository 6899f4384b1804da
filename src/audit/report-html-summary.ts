// report.html's top: the summary an auditor reads first (population,
// exceptions, period, policy versions, tool version, the sample) and the
// exceptions, each linking to its drill-down. The exceptions are a list of
// items any source can feed (blocked deployments and break-glass reviews
// today; further findings append their own items).

import type {
  AuditEntry,
  AuditReport,
  PolicyVersionUsed
} from '../engine/index.js'
import { VERSION } from '../version.js'
import { CANNOT_SEE } from './completeness.js'
import type { Sample } from './sample.js'
import { anchorOf, badge, esc, link, short } from './report-html-text.js'

/** One finding that needs the auditor's attention. */
export interface ExceptionItem {
  /** what sort of finding, e.g. `blocked deployment` */
  kind: string
  title: string
  detail: string
  /** its drill-down (`#d-123`) or its page on GitHub; null: none */
  link: string | null
}

/** One labelled line of the summary; `html` already escaped. */
export interface SummaryLine {
  label: string
  html: string
}

/** A block that broke the glass and whose review is done or not yet due is no exception (as `flagged` counts). */
function isException(e: AuditEntry): boolean {
  return (
    e.decision === 'block' &&
    !(
      e.breakGlass !== null &&
      (e.breakGlass.review === 'done' || e.breakGlass.review === 'pending')
    )
  )
}

/** The report's own exceptions: as many as `flagged(report)` counts. */
export function exceptionItems(report: AuditReport): ExceptionItem[] {
  const deployments = report.entries
    .filter(isException)
    .sort((a, b) =>
      a.deployment.succeededAt.localeCompare(b.deployment.succeededAt)
    )
    .map((e): ExceptionItem => ({
      kind: 'blocked deployment',
      title: `Deployment #${e.deployment.id} of ${short(e.deployment.sha)} at ${e.deployment.succeededAt} would not have passed the gate (${e.violations.join(', ') || 'no check named'})`,
      detail: e.summary.problems.join('; '),
      link: `#${anchorOf(e.deployment.id)}`
    }))
  const unexplained = completenessItems(report)
  if ('error' in report.breakGlass) {
    return [
      ...deployments,
      {
        kind: 'break-glass register',
        title: 'The break-glass follow-up issues could not be read',
        detail: report.breakGlass.error,
        link: null
      },
      ...unexplained
    ]
  }
  const reviews = report.breakGlass
    .filter(
      (r) => r.problem !== null || r.review === 'missing' || r.review === 'late'
    )
    .map((r): ExceptionItem => ({
      kind: 'break-glass review',
      title: `Break-glass issue #${r.issue.number} (${short(r.sha)}, deployed by ${r.deployer}): review ${r.review}`,
      detail:
        r.problem ??
        `an independent review was due by ${r.due}; approved by ${r.approvedBy}`,
      link: r.issue.url
    }))
  return [...deployments, ...reviews, ...unexplained]
}

/**
 * Completeness (SPEC §7): each commit on a deployed branch that no pull
 * request or allowed direct push explains, deployed or not, and each reason
 * completeness could not be established; flagged() counts them alike.
 */
function completenessItems(report: AuditReport): ExceptionItem[] {
  const c = report.completeness
  return [
    ...c.unexplained.map((u): ExceptionItem => ({
      kind: 'unexplained commit',
      title: `Commit ${short(u.sha)} on ${u.branch} (committed ${u.committedAt} by ${u.committer}; ${u.deployment === null ? 'never deployed' : `deployed as #${u.deployment.id}`}) is explained by no pull request or allowed direct push`,
      detail: u.why,
      link: u.deployment === null ? u.url : `#${anchorOf(u.deployment.id)}`
    })),
    ...c.errors.map((e): ExceptionItem => ({
      kind: 'completeness not established',
      title: 'The deployed branches’ history could not be read in full',
      detail: e,
      link: null
    }))
  ]
}

/** The policy the report names; one line per version as the report has them. */
export function policyLines(report: AuditReport): SummaryLine[] {
  const p = report.policy
  const versions = report.policyVersions
  return [
    {
      label: 'Policy',
      html: `<code>${esc(p.path)}</code> at <code>${esc(p.ref)}</code>, blob <code>${esc(p.blobSha)}</code> today`
    },
    {
      label: 'Policy versions',
      html:
        versions.length === 0
          ? '<span class="muted">none judged a deployment</span>'
          : `each deployment judged by the version in force at its success: ${versions
              .map((v) => versionHtml(report, v))
              .join('; ')}`
    }
  ]
}

/** One version: its blob and commit, from when it stood, how many it judged. */
function versionHtml(report: AuditReport, v: PolicyVersionUsed): string {
  const n = v.deployments.length
  const judged = `${n} deployment${n === 1 ? '' : 's'}`
  if (v.commit === null || v.blobSha === null) {
    return `<strong>no policy file</strong>${v.commit === null ? ' (before its first version)' : ` (removed by <code>${esc(v.commit.slice(0, 7))}</code>)`}: ${judged}, blocked`
  }
  const commit = link(
    `${report.repository.url}/commit/${v.commit}`,
    v.commit.slice(0, 7)
  )
  return `blob <code>${esc(v.blobSha.slice(0, 7))}</code> (commit ${commit}, on the ref from ${esc(v.from ?? v.committedAt ?? '?')}): ${judged}`
}

/** What the population saw of the branches, and what no audit can see. */
function completenessHtml(report: AuditReport): string {
  const c = report.completeness
  const state =
    c.errors.length > 0
      ? `${badge('fail')} not established (see the exceptions)`
      : c.unexplained.length === 0
        ? `${badge('pass')} every commit explained`
        : `${badge('fail')} ${c.unexplained.length} commit${c.unexplained.length === 1 ? '' : 's'} explained by no pull request or allowed direct push`
  const missing =
    c.missing.length === 0
      ? ''
      : `; no branch ${c.missing.map((b) => `<code>${esc(b)}</code>`).join(', ')} now`
  return `${state}: ${c.commitsRead} commit${c.commitsRead === 1 ? '' : 's'} read on ${c.branches.map((b) => `<code>${esc(b)}</code>`).join(', ')}${missing}<br><span class="muted">Cannot be seen: ${esc(CANNOT_SEE.join('; '))}</span>`
}

function decisionsHtml(report: AuditReport): string {
  const blocked = report.entries.filter((e) => e.decision === 'block').length
  const glass = report.entries.filter((e) => e.breakGlass !== null).length
  return `${badge('allow')} ${report.entries.length - blocked} would pass the gate as of their own time; ${badge('block')} ${blocked} would not; ${glass} broke the glass`
}

export function summaryLines(o: {
  report: AuditReport
  sample: Sample | null
  exceptions: number
}): SummaryLine[] {
  const r = o.report
  const repo = `${r.repository.owner}/${r.repository.name}`
  const lines: SummaryLine[] = [
    { label: 'Repository', html: link(r.repository.url, repo) },
    { label: 'Environment', html: `<code>${esc(r.environment)}</code>` },
    {
      label: 'Period',
      html: `${esc(r.period.since)} to ${esc(r.period.until)}`
    },
    {
      label: 'Population',
      html: `${r.entries.length} successful deployment${r.entries.length === 1 ? '' : 's'} to ${esc(r.environment)}`
    },
    {
      label: 'Exceptions',
      html: `${o.exceptions === 0 ? badge('pass') : badge('fail')} ${o.exceptions}`
    },
    { label: 'Decisions', html: decisionsHtml(r) },
    { label: 'Completeness', html: completenessHtml(r) },
    ...policyLines(r),
    { label: 'Tool', html: `promotion-gate ${esc(VERSION)}` },
    { label: 'Generated at', html: esc(r.generatedAt) },
    {
      label: 'Read as of now',
      html: `${esc(r.readNow.join('; '))} <span class="muted">(GitHub keeps no history of them)</span>`
    }
  ]
  if (o.sample !== null) {
    const s = o.sample
    lines.push({
      label: 'Sample',
      html: `${s.ids.length} of ${r.entries.length} deployments, seed <code>${esc(s.seed)}</code> (re-draw: <code>--sample ${s.size} --seed ${esc(s.seed)}</code>)<br><span class="muted">Method: ${esc(s.method)}</span>`
    })
  }
  return lines
}

export function summarySection(o: {
  report: AuditReport
  sample: Sample | null
  exceptions: number
}): string {
  const r = o.report
  const facts = summaryLines(o)
    .map((l) => `<dt>${esc(l.label)}</dt><dd>${l.html}</dd>`)
    .join('\n')
  return `<header>
<h1>Deployments to ${esc(r.environment)}: ${esc(`${r.repository.owner}/${r.repository.name}`)}</h1>
<p class="muted">The auditor's packet of promotion-gate: each deployment judged as of its first success status (reviews, upstream statuses and test results that came later do not count).</p>
</header>
<section class="part" id="summary"><h2>Summary</h2>
<dl class="facts">
${facts}
</dl>
</section>
`
}

export function exceptionsSection(list: readonly ExceptionItem[]): string {
  const body =
    list.length === 0
      ? '<p>None: every deployment of the period would have passed the gate, and every break-glass review is done or not yet due.</p>'
      : `<ol class="exceptions">\n${list
          .map(
            (x) =>
              `<li>${badge('block')} <strong>${esc(x.kind)}</strong>: ${link(x.link, x.title)}${x.detail === '' ? '' : `<br><span class="muted">${esc(x.detail)}</span>`}</li>`
          )
          .join('\n')}\n</ol>`
  return `<section class="part" id="exceptions"><h2>Exceptions (${list.length})</h2>
${body}
</section>
`
}
