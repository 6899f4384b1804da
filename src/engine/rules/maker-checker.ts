// SPEC §5.6 `maker-checker`: each pull request has enough approving reviewers
// outside its makers, and the run has enough environment approvers outside
// the makers of every change in scope.
//
// Direct pushes (no pull request) have no reviews to count: whether they were
// allowed at all is approval-record's question (`approvals.direct_pushes`).
// Their makers still count against the run's environment approvers.

import { isUnreadable, type Facts } from '../facts.js'
import type { EnvironmentPolicy, MakerKind } from '../policy/index.js'
import { approversOf, type ExcludedApproval } from './approvers.js'
import {
  describeIdentity,
  describeMaker,
  makersOf,
  mergeMakers,
  type Makers
} from './makers.js'
import type { CheckLink, CheckResult } from './types.js'
import {
  andList,
  approvalsOf,
  isBot,
  loginKey,
  plural,
  result,
  shortSha,
  statusOf
} from './util.js'

const ROLE: Readonly<Record<MakerKind, string>> = {
  author: 'author',
  commit_authors: 'author',
  committers: 'committer',
  co_authors: 'co-author',
  deployer: 'deployer'
}

export function check(
  facts: Facts,
  policy: EnvironmentPolicy,
  now: Date
): CheckResult {
  const needed = policy.approvals.pullRequest
  const problems: string[] = []
  const links: CheckLink[] = []
  const everyChange: Makers[] = []
  const seen = new Set<number>()
  let failed = false
  let pullRequests = 0
  let directPushes = 0

  for (const change of facts.changes) {
    const pr = change.pullRequest
    if (pr !== null && seen.has(pr.number)) continue
    const makers = makersOf(change, facts, policy)
    everyChange.push(makers)
    const label =
      pr === null
        ? `direct push ${shortSha(change.commit.oid)}`
        : `PR #${pr.number}`
    if (policy.approvals.unresolvedIdentities === 'block') {
      for (const identity of makers.unresolved) {
        failed = true
        problems.push(
          `${label}: ${describeIdentity(identity)} (${ROLE[identity.kind]} of ${identity.commit}) is not linked to a GitHub account, so it cannot be told apart from the approvers: link the email to a GitHub account, or set approvals.unresolved_identities: ignore`
        )
      }
    }
    if (policy.approvals.requireVerifiedCommits) {
      for (const commit of pr === null ? [change.commit] : pr.commits) {
        const sig = commit.signature
        if (sig?.valid === true) continue
        failed = true
        const why =
          sig === null
            ? 'is not signed'
            : `has a signature GitHub does not verify (${sig.state})`
        problems.push(
          `${label}: commit ${shortSha(commit.oid)} ${why}, so who made it is only what git says: approvals.require_verified_commits needs every commit signed with a key GitHub verifies for its committer`
        )
      }
    }
    if (pr === null) {
      directPushes += 1
      continue
    }
    seen.add(pr.number)
    pullRequests += 1
    links.push({ kind: 'pull_request', url: pr.url, label })
    const { approvers, excluded } = approversOf(
      pr,
      makers.makers,
      policy,
      now,
      facts.reviewerTeams
    )
    for (const a of approvers) {
      links.push({
        kind: 'review',
        url: a.review.url,
        label: `approval of ${label} by ${a.login}`
      })
    }
    if (approvers.length < needed) {
      failed = true
      const why =
        excluded.length > 0
          ? ` (${excluded.map((e) => e.message).join('; ')})`
          : ''
      problems.push(
        `${label} has ${plural(approvers.length, 'independent approval')}, ${policy.name} needs ${needed}${why}: ${approvalFix(excluded, makers, facts, policy.name)}`
      )
    }
  }

  let unverified = false
  const envNeeded = policy.approvals.environment
  if (envNeeded > 0) {
    const outcome = environmentApprovals(
      facts,
      policy,
      mergeMakers(everyChange)
    )
    if (outcome !== null) {
      problems.push(outcome.problem)
      if (outcome.unverified) unverified = true
      else failed = true
    }
  }

  const status = statusOf(failed, unverified)
  const parts = [
    `${plural(pullRequests, 'pull request')} independently approved`
  ]
  if (directPushes > 0) {
    parts.push(
      `${plural(directPushes, 'direct push', 'direct pushes')} left to approval-record`
    )
  }
  if (envNeeded > 0) parts.push('the run independently approved')
  const summary =
    status === 'pass'
      ? parts.join('; ')
      : status === 'fail'
        ? `changes to ${policy.name} lack independent approval`
        : `could not verify the independent approval of this run`
  return result('maker-checker', status, summary, problems, links)
}

function environmentApprovals(
  facts: Facts,
  policy: EnvironmentPolicy,
  makers: Makers
): { problem: string; unverified: boolean } | null {
  const needed = policy.approvals.environment
  const env = facts.environment
  const approvals = facts.run.approvals
  if (approvals === null) {
    return {
      unverified: false,
      problem: `no workflow run approvals available (the gate must run inside the deployment's workflow run): ${policy.name} needs ${plural(needed, 'independent environment approval')}`
    }
  }
  if (isUnreadable(approvals)) {
    return {
      unverified: true,
      problem: `cannot read the environment approvals of this run: grant the token \`${approvals.permission}\` (GitHub said: ${approvals.detail})`
    }
  }
  const counted = new Set<string>()
  const excluded: string[] = []
  for (const approval of approvalsOf(approvals, env)) {
    const login = approval.user.login
    const key = loginKey(login)
    const reasons: string[] = []
    if (!policy.approvals.allowBots && isBot(approval.user)) {
      reasons.push('is a bot (approvals.allow_bots is false)')
    }
    const maker = makers.makers.get(key)
    if (maker !== undefined) reasons.push(`is ${describeMaker(maker)}`)
    if (reasons.length > 0) {
      excluded.push(`${login} approved the run but ${andList(reasons)}`)
    } else {
      counted.add(key)
    }
  }
  if (counted.size >= needed) return null
  const why = excluded.length > 0 ? ` (${excluded.join('; ')})` : ''
  return {
    unverified: false,
    problem: `this run has ${plural(counted.size, 'independent environment approval')} for ${env}, ${policy.name} needs ${needed}${why}: ask a reviewer of the ${env} environment who made none of the changes${policy.approvals.independentOf.includes('deployer') ? ' and did not start this run' : ''} to approve the run`
  }
}

/**
 * What to do about a pull request short of independent approvals. A
 * reviewer who is left out only as the deployer (`deployer` in
 * `approvals.independent_of`) made none of the changes: the fix is a
 * deployment by someone else, or another approval.
 */
function approvalFix(
  excluded: readonly ExcludedApproval[],
  makers: Makers,
  facts: Facts,
  env: string
): string {
  const deploying = excluded.flatMap((e) => {
    const kinds =
      e.login === null
        ? []
        : (makers.makers.get(loginKey(e.login))?.kinds ?? [])
    return kinds.length > 0 && kinds.every((k) => k === 'deployer')
      ? [e.login as string]
      : []
  })
  if (deploying.length === 0) {
    return 'ask someone who made none of its changes to approve it'
  }
  const push =
    facts.run.event === 'push'
      ? 'a push deploys as whoever merged or pushed it, so '
      : ''
  return `approvals.independent_of lists deployer and ${andList(deploying)} ${deploying.length === 1 ? 'deploys' : 'deploy'} this run: ${push}someone who neither made nor approved the change must start a new run to deploy to ${env}, or someone else who made none of its changes must approve it`
}
