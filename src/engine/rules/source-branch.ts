// SPEC §5.3 `source-branch`: the deployed commit is contained in one of the
// policy's `branches`, and the run that deploys it was triggered by one of
// the policy's `allowed_events` (SPEC §4). A run of `pull_request_target`
// deploys what the default branch holds, and since 2025-12 GitHub checks
// the environment's branch rules of such a run against the default branch
// (github.blog/changelog/2025-11-07-actions-pull_request_target-and-
// environment-branch-protections-changes): a `main`-only environment lets
// it through, so the event is judged here, beside the branch.

import type { Facts } from '../facts.js'
import type { EnvironmentPolicy } from '../policy/index.js'
import type { CheckResult } from './types.js'
import {
  andList,
  containingBranches,
  matchesBranch,
  orList,
  result,
  shortSha,
  statusOf
} from './util.js'

/** Why an event outside the list is dangerous, where it says more than the list. */
const WHY: Record<string, string> = {
  pull_request_target:
    "it runs for a pull request nobody merged, with the base repository's secrets, and since 2025-12 GitHub checks the environment's branch rules of such a run against the default branch, so a main-only environment does not stop it",
  pull_request: 'it runs for a change nobody merged',
  issue_comment: 'anyone who may comment can trigger it',
  workflow_run: 'it runs for whatever run triggered it, on any branch'
}

export function check(
  facts: Facts,
  policy: EnvironmentPolicy,
  _now: Date
): CheckResult {
  const sha = shortSha(facts.sha)
  const globs = orList(policy.branches)
  const commitLink = {
    kind: 'commit' as const,
    url: facts.commit.url,
    label: `commit ${sha}`
  }
  const holding = containingBranches(facts, policy).map((b) => b.name)
  const event = eventOutcome(facts, policy)
  const problems: string[] = []
  if (holding.length === 0) {
    const existing = facts.branches
      .filter((b) => matchesBranch(b.name, policy.branches))
      .map((b) => b.name)
    problems.push(
      existing.length === 0
        ? `no branch of the repository matches ${globs}, so ${sha} cannot come from one: create the branch or fix \`branches\` for ${policy.name}`
        : `${sha} is not contained in ${orList(existing)}: merge it into one of them (through a pull request) before deploying it to ${policy.name}`
    )
  }
  if (event.problem !== null) problems.push(event.problem)
  const status = statusOf(
    holding.length === 0 || event.status === 'fail',
    event.status === 'error'
  )
  const summary =
    holding.length === 0
      ? `${sha} is not on ${globs}`
      : status === 'pass'
        ? `${sha} is on ${orList(holding)}${event.note}`
        : status === 'fail'
          ? `${event.summary} may not deploy to ${policy.name}`
          : `could not tell what triggered the run deploying ${sha}`
  return result('source-branch', status, summary, problems, [commitLink])
}

interface EventOutcome {
  status: 'pass' | 'fail' | 'error'
  problem: string | null
  /** added to a passing summary */
  note: string
  /** the run and its event, for a failing summary */
  summary: string
}

/** SPEC §4 `allowed_events`, against the event that triggered the run. */
function eventOutcome(facts: Facts, policy: EnvironmentPolicy): EventOutcome {
  const { id, event } = facts.run
  const allowed = policy.allowedEvents
  // No run (the CLI outside Actions): nothing was triggered to judge.
  if (id === null) {
    return {
      status: 'pass',
      problem: null,
      note: '; no workflow run, so no triggering event to check',
      summary: ''
    }
  }
  if (event === null) {
    return {
      status: 'error',
      problem: `what triggered run ${id} is not known, so whether \`allowed_events\` (${andList(allowed)}) lets it deploy to ${policy.name} cannot be verified: run the gate in the deploying workflow, where GITHUB_EVENT_NAME says it`,
      note: '',
      summary: ''
    }
  }
  if (allowed.includes(event)) {
    return { status: 'pass', problem: null, note: '', summary: '' }
  }
  const why = WHY[event]
  return {
    status: 'fail',
    problem: `run ${id} was triggered by \`${event}\`, which \`allowed_events\` for ${policy.name} does not list (${andList(allowed)})${why === undefined ? '' : `: ${why}`}. Deploy from a run of one of those events, or add \`${event}\` to \`allowed_events\` of ${policy.name} if such runs are meant to deploy`,
    note: '',
    summary: `a run triggered by ${event}`
  }
}
