// SPEC §5.3 `source-branch`: the deployed commit is contained in one of the
// policy's `branches`.

import type { Facts } from '../facts.js'
import type { EnvironmentPolicy } from '../policy/index.js'
import type { CheckResult } from './types.js'
import {
  containingBranches,
  matchesBranch,
  orList,
  result,
  shortSha
} from './util.js'

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
  if (holding.length > 0) {
    return result(
      'source-branch',
      'pass',
      `${sha} is on ${orList(holding)}`,
      [],
      [commitLink]
    )
  }
  const existing = facts.branches
    .filter((b) => matchesBranch(b.name, policy.branches))
    .map((b) => b.name)
  const problem =
    existing.length === 0
      ? `no branch of the repository matches ${globs}, so ${sha} cannot come from one: create the branch or fix \`branches\` for ${policy.name}`
      : `${sha} is not contained in ${orList(existing)}: merge it into one of them (through a pull request) before deploying it to ${policy.name}`
  return result(
    'source-branch',
    'fail',
    `${sha} is not on ${globs}`,
    [problem],
    [commitLink]
  )
}
