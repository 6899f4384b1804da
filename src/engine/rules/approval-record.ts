// SPEC §5.5 `approval-record`: every change in scope entered the branch
// through a merged pull request with an approving review bound to its final
// head (or is a direct push by a login in `direct_pushes`), and, when the
// policy asks for environment approvals, this run carries one. Whether the
// approvals are independent of the makers is maker-checker's question.

import {
  isUnreadable,
  type ChangeFact,
  type CommitFact,
  type Facts,
  type GitIdentity,
  type PullRequestFact,
  type RunFact
} from '../facts.js'
import type { EnvironmentPolicy } from '../policy/index.js'
import { describeIdentity } from './makers.js'
import type { CheckLink, CheckResult } from './types.js'
import {
  andList,
  branchLabel,
  includesLogin,
  matchesBranch,
  orList,
  plural,
  result,
  shortSha,
  statusOf,
  timeOf
} from './util.js'

export function check(
  facts: Facts,
  policy: EnvironmentPolicy,
  now: Date
): CheckResult {
  const problems: string[] = []
  const links: CheckLink[] = []
  const branch = branchLabel(facts, policy)
  const seen = new Set<number>()
  let directPushes = 0

  for (const change of facts.changes) {
    const pr = change.pullRequest
    if (pr === null) {
      const problem = directPushProblem(change, policy, branch)
      if (problem !== null) {
        problems.push(problem)
        continue
      }
      directPushes += 1
      const carried =
        change.carriedBy === undefined
          ? ''
          : ` carried in by ${shortSha(change.carriedBy)}`
      links.push({
        kind: 'commit',
        url: change.commit.url,
        label: `direct push ${shortSha(change.commit.oid)}${carried} (approvals.direct_pushes)`
      })
      continue
    }
    if (seen.has(pr.number)) continue
    seen.add(pr.number)
    links.push({ kind: 'pull_request', url: pr.url, label: `PR #${pr.number}` })
    const outcome = pullRequestRecord(pr, change.commit, policy, branch, now)
    if (typeof outcome === 'string') problems.push(outcome)
    else links.push(outcome)
  }
  const changeProblems = problems.length

  let failed = changeProblems > 0
  let unverified = false
  if (policy.approvals.environment > 0) {
    const run = runRecord(facts.run, facts.environment, policy)
    if (run !== null) {
      problems.push(run.problem)
      if (run.unverified) unverified = true
      else failed = true
    }
  }

  const status = statusOf(failed, unverified)
  const direct =
    directPushes > 0
      ? ` (${plural(directPushes, 'allowed direct push', 'allowed direct pushes')})`
      : ''
  const count = plural(facts.changes.length, 'change')
  const summary =
    status === 'pass'
      ? `every change in scope has an approval record: ${count}${direct}`
      : changeProblems > 0
        ? `${plural(changeProblems, 'change')} without an approval record`
        : status === 'fail'
          ? 'this run carries no environment approval record'
          : 'could not read the environment approvals of this run'
  return result('approval-record', status, summary, problems, links)
}

export function directPushProblem(
  change: ChangeFact,
  policy: EnvironmentPolicy,
  branch: string
): string | null {
  const commit = change.commit
  const allowed = policy.approvals.directPushes
  const ok = (identity: GitIdentity): boolean =>
    identity.login !== null && includesLogin(allowed, identity.login)
  const offenders = [commit.author]
  if (!commit.committer.isWebFlow) offenders.push(commit.committer)
  const names = [
    ...new Set(offenders.filter((i) => !ok(i)).map((i) => name(i)))
  ]
  if (names.length === 0) return null
  const who = andList(names)
  if (change.carriedBy !== undefined) {
    // SPEC §5.5: only a pull request's own merge brings its commits in; a
    // commit another merge (a local merge pushed directly) carried in is a
    // change of its own, whatever pull request GitHub associates it with.
    const merge = shortSha(change.carriedBy)
    return `${shortSha(commit.oid)} (by ${who}) was carried into ${branch} by the merge ${merge}, not by a merged pull request of its own: every commit a merge brings in needs its own approval record; merge ${shortSha(commit.oid)} through an approved pull request, or list ${who} in approvals.direct_pushes`
  }
  return `${shortSha(commit.oid)} reached ${branch} without a pull request (direct push by ${who}): merge changes through a pull request, or list ${who} in approvals.direct_pushes`
}

function name(identity: GitIdentity): string {
  return identity.login ?? `${describeIdentity(identity)} (no GitHub account)`
}

/** The review that makes the record, or what is missing. */
function pullRequestRecord(
  pr: PullRequestFact,
  commit: CommitFact,
  policy: EnvironmentPolicy,
  branch: string,
  now: Date
): CheckLink | string {
  const sha = shortSha(commit.oid)
  const head = shortSha(pr.headRefOid)
  if (!pr.merged) {
    return `${sha} reached ${branch} outside PR #${pr.number}, which is not merged: merge changes through an approved pull request`
  }
  if (!matchesBranch(pr.baseRefName, policy.branches)) {
    return `PR #${pr.number} was merged into ${pr.baseRefName}, not into ${orList(policy.branches)}: merge changes into ${orList(policy.branches)} through an approved pull request`
  }
  const approvals = pr.reviews.filter(
    (r) =>
      r.state === 'APPROVED' &&
      r.author !== null &&
      (r.submittedAt === null || timeOf(r.submittedAt) <= now.getTime())
  )
  const bound = approvals.find((r) => r.commitOid === pr.headRefOid)
  if (bound !== undefined) {
    return {
      kind: 'review',
      url: bound.url,
      label: `approval of PR #${pr.number} on ${head}`
    }
  }
  const stale = approvals.filter((r) => r.commitOid !== null)
  const last = stale[stale.length - 1]
  if (last?.commitOid) {
    return `PR #${pr.number} was approved on ${shortSha(last.commitOid)} but its final head is ${head} (a push came after the approval): ask for an approving review of ${head}`
  }
  if (approvals.length > 0) {
    return `PR #${pr.number} was approved, but GitHub no longer knows on which commit, so no approval is bound to its final head ${head}: ask for an approving review of ${head}`
  }
  return `PR #${pr.number} was merged without an attributable approving review: merge changes only after someone approves them, and require approvals in the branch's protection`
}

function runRecord(
  run: RunFact,
  environment: string,
  policy: EnvironmentPolicy
): { problem: string; unverified: boolean } | null {
  const approvals = run.approvals
  if (approvals === null) {
    return {
      unverified: false,
      problem: `no workflow run approvals available (the gate must run inside the deployment's workflow run): ${policy.name} needs ${plural(policy.approvals.environment, 'environment approval')}; run the gate in the job that deploys to ${environment}`
    }
  }
  if (isUnreadable(approvals)) {
    return {
      unverified: true,
      problem: `cannot read the environment approvals of this run: grant the token \`${approvals.permission}\` (GitHub said: ${approvals.detail})`
    }
  }
  const env = environment.toLowerCase()
  const approved = approvals.some(
    (a) =>
      a.state === 'approved' &&
      a.environments.some((e) => e.toLowerCase() === env)
  )
  if (approved) return null
  return {
    unverified: false,
    problem: `this run has no approval for the ${environment} environment, and ${policy.name} needs ${plural(policy.approvals.environment, 'environment approval')}: add required reviewers to the ${environment} environment so that every deployment waits for one`
  }
}
