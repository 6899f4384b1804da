// The follow-up issue of a break-glass allow (SPEC §5.7): opened with the
// workflow token (`issues: write`), labelled `promotion-gate:break-glass`,
// with the machine-readable marker the audit reads (marker.ts).
// No issue, no break-glass: the caller turns a failure here into `block`.
// docs.github.com/en/rest/issues/issues#create-an-issue

import {
  BREAK_GLASS_LABEL,
  renderBreakGlassMarker,
  type BreakGlassMarker
} from './marker.js'
import { getErrorMessage } from '../errors.js'
import type { Decision, FollowUpIssue } from '../decision.js'
import type { BreakGlassGrant } from './grant.js'
import type { GitHubPort } from '../port.js'
import { arr, num, obj, str } from '../gather/shape.js'
import { formatDuration } from '../rules/util.js'

export const ISSUES_PERMISSION = 'issues: write'

export type Opened =
  { issue: FollowUpIssue; warning: string | null } | { problem: string }

/** GitHub's limits: a title of 256 characters, a body of 65,536. */
const TITLE_MAX = 256
const BODY_BUDGET = 60_000
const PROBLEMS_PER_CHECK = 10
const PROBLEM_MAX = 600

export function followUpMarker(
  decision: Decision,
  grant: BreakGlassGrant
): BreakGlassMarker {
  const req = decision.request
  return {
    environment: req.environment,
    sha: req.sha,
    run_id: req.run.id ?? 0,
    approved_by: grant.approvedBy,
    deployer: grant.deployer,
    makers: grant.makers,
    due: grant.reviewDue
  }
}

export function followUpTitle(decision: Decision): string {
  const req = decision.request
  const title = `Break-glass review: ${req.environment} ${req.sha.slice(0, 7)} (run ${req.run.id ?? '?'})`
  return title.length <= TITLE_MAX ? title : `${title.slice(0, TITLE_MAX - 1)}…`
}

/** Text from inputs or GitHub, made inert: no HTML, so no second marker. */
function inert(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function code(login: string): string {
  return `\`${login.replace(/`/g, '')}\``
}

export function followUpBody(
  decision: Decision,
  grant: BreakGlassGrant
): string {
  const req = decision.request
  const sha7 = req.sha.slice(0, 7)
  const repoUrl = `${req.serverUrl}/${req.owner}/${req.repo}`
  const makers =
    grant.makers.length === 0 ? 'none found' : grant.makers.map(code).join(', ')
  const excluded = [grant.deployer, grant.approvedBy, ...grant.makers]
  const head = [
    renderBreakGlassMarker(followUpMarker(decision, grant)),
    '',
    `promotion-gate allowed \`${sha7}\` to **${inert(req.environment)}** by **break-glass**, overriding ${grant.overridden.map((id) => `\`${id}\``).join(', ')}.`,
    '',
    `**Independent review needed by ${grant.reviewDue}** (${formatDuration(grant.reviewWithin)} after the deployment): someone who is not ${[...new Set(excluded)].map(code).join(', ')} reviews what was deployed and closes this issue as **completed**. Closing it as not planned, or by any of them, is not a review.`,
    '',
    '**Reason given**',
    '',
    ...inert(grant.reason)
      .split(/\r?\n/)
      .map((line) => `> ${line}`),
    '',
    '| | |',
    '| --- | --- |',
    `| Approved by | ${code(grant.approvedBy)} (environment approval of the run, listed in \`break_glass.approvers\`) |`,
    `| Deployer | ${code(grant.deployer)} |`,
    `| Makers of the changes | ${makers} |`,
    `| Commit | [\`${sha7}\`](${repoUrl}/commit/${req.sha}) |`,
    `| Workflow run | ${req.run.url === null ? 'unknown' : `[run ${req.run.id ?? '?'}](${req.run.url})`} |`,
    `| Deployed at | ${decision.evaluatedAt} |`,
    `| Review due | ${grant.reviewDue} |`,
    '',
    '### Overridden checks',
    ''
  ]
  const checks: string[] = []
  for (const check of decision.results) {
    if (!grant.overridden.includes(check.id)) continue
    checks.push(
      `- **\`${check.id}\`** (${check.status}): ${inert(check.summary)}`
    )
    for (const p of check.problems.slice(0, PROBLEMS_PER_CHECK)) {
      const text = p.length > PROBLEM_MAX ? `${p.slice(0, PROBLEM_MAX)}…` : p
      checks.push(`  - ${inert(text.replace(/\r?\n/g, ' '))}`)
    }
    if (check.problems.length > PROBLEMS_PER_CHECK) {
      checks.push(
        `  - and ${check.problems.length - PROBLEMS_PER_CHECK} more (see the evidence record of the run)`
      )
    }
  }
  const foot = [
    '',
    `<sub>Opened by promotion-gate. The first line of this issue is read by \`promotion-gate audit\`: do not edit it.</sub>`,
    ''
  ]
  let body = [...head, ...checks, ...foot].join('\n')
  while (body.length > BODY_BUDGET && checks.length > 1) {
    checks.splice(-2, 2, '- … (cut to fit; see the evidence record of the run)')
    body = [...head, ...checks, ...foot].join('\n')
  }
  return body
}

/**
 * Opens the follow-up issue. Never throws: a failure is a `problem` naming
 * `issues: write`, and the caller blocks.
 */
export async function openFollowUpIssue(
  github: GitHubPort,
  decision: Decision,
  grant: BreakGlassGrant
): Promise<Opened> {
  const req = decision.request
  const failed = (why: string): Opened => ({
    problem: `break-glass was verified (approved by ${grant.approvedBy}) but its follow-up issue could not be opened, so the deployment is blocked: grant the job \`${ISSUES_PERMISSION}\` in its permissions (${why})`
  })
  if (req.run.id === null) return failed('the workflow run id is unknown')
  try {
    const r = await github.rest('POST /repos/{owner}/{repo}/issues', {
      owner: req.owner,
      repo: req.repo,
      title: followUpTitle(decision),
      body: followUpBody(decision, grant),
      labels: [BREAK_GLASS_LABEL]
    })
    const data = obj(r.data, 'issue')
    const issue = {
      number: num(data.number, 'issue.number'),
      url: str(data.html_url, 'issue.html_url')
    }
    const labels = arr(data.labels ?? [], 'issue.labels').map((l) =>
      typeof l === 'string' ? l : String(obj(l, 'issue.labels[]').name)
    )
    const warning = labels.includes(BREAK_GLASS_LABEL)
      ? null
      : `the follow-up issue #${issue.number} was opened without the label ${BREAK_GLASS_LABEL} (GitHub dropped it): add the label to ${issue.url} so that the audit finds it`
    return { issue, warning }
  } catch (error) {
    return failed(`GitHub said: ${getErrorMessage(error)}`)
  }
}
