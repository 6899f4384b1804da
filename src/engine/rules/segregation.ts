// SPEC §5.7 `segregation` (when `deployer_independent`): the person who
// triggered the deployment made none of the changes in it, whatever
// `approvals.independent_of` says.

import type { Facts } from '../facts.js'
import type { EnvironmentPolicy, MakerKind } from '../policy/index.js'
import { describeMaker, makersOf } from './makers.js'
import type { CheckLink, CheckResult } from './types.js'
import { loginKey, result, shortSha } from './util.js'

const MAKING: readonly MakerKind[] = [
  'author',
  'commit_authors',
  'committers',
  'co_authors'
]

export function check(
  facts: Facts,
  policy: EnvironmentPolicy,
  _now: Date
): CheckResult {
  if (!policy.deployerIndependent) {
    return result(
      'segregation',
      'skipped',
      `the deployer of ${policy.name} need not be independent (deployer_independent: false)`
    )
  }
  const deployer = facts.deployer
  if (deployer === null) {
    return result('segregation', 'error', 'the deployer is unknown', [
      `the deployer is unknown, so their independence from the changes cannot be verified: run the gate from the deployment's workflow run, or pass the deployment event`
    ])
  }
  const problems: string[] = []
  const links: CheckLink[] = []
  const seen = new Set<number>()
  for (const change of facts.changes) {
    const pr = change.pullRequest
    if (pr !== null && seen.has(pr.number)) continue
    if (pr !== null) seen.add(pr.number)
    const maker = makersOf(change, facts, policy, MAKING).makers.get(
      loginKey(deployer)
    )
    if (maker === undefined) continue
    const sha = shortSha(change.commit.oid)
    const what = pr === null ? `the direct push ${sha}` : `PR #${pr.number}`
    problems.push(
      `${deployer} deployed ${what} but is ${describeMaker(maker)}: ask someone who made none of the changes to deploy to ${policy.name}`
    )
    links.push(
      pr === null
        ? { kind: 'commit', url: change.commit.url, label: `commit ${sha}` }
        : { kind: 'pull_request', url: pr.url, label: `PR #${pr.number}` }
    )
  }
  if (problems.length > 0) {
    return result(
      'segregation',
      'fail',
      `${deployer} deployed changes they made`,
      problems,
      links
    )
  }
  return result(
    'segregation',
    'pass',
    `${deployer} made none of the changes in scope`
  )
}
