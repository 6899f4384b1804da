// The access matrix an auditor asks for (SPEC §7): for each environment in
// the policy, who and what may deploy to it; for each branch in `branches`,
// the approvals it requires, who may bypass them, and who may push. Every
// gap against the policy is flagged; whatever the token cannot read is named
// with the permission that would read it, never shown as "nobody", and a
// list cut at its page limit says so.

import type { Policy } from '../policy/index.js'
import type { GitHubPort } from '../port.js'
import { branchesOf, readBranchAccess } from './branches.js'
import { readEnvironmentAccess } from './environments.js'
import { branchWithGaps, environmentWithGaps, matrixGaps } from './gaps.js'
import { teamsOf, writersOf } from './holders.js'
import { ACCESS_LIMITS, type AccessLimits } from './pages.js'
import type { AccessMatrix, AccessRepository, Truncated } from './types.js'

export interface AccessMatrixOptions {
  /** how far each list is read (default: ACCESS_LIMITS, what users get) */
  limits?: Partial<AccessLimits>
}

export async function accessMatrix(
  o: {
    github: GitHubPort
    repository: AccessRepository
    policy: Policy
    now: Date
  } & AccessMatrixOptions
): Promise<AccessMatrix> {
  const { github: port, repository: repo, policy, now } = o
  const limits: AccessLimits = { ...ACCESS_LIMITS, ...o.limits }
  const envPolicies = Object.values(policy.environments)
  const globs = [...new Set(envPolicies.flatMap((e) => e.branches))]
  const [environments, listed, writers, writerTeams] = await Promise.all([
    Promise.all(
      envPolicies.map(async (e) =>
        environmentWithGaps(
          await readEnvironmentAccess(port, repo, {
            name: e.name,
            membersLimit: limits.teamMembers
          }),
          e
        )
      )
    ),
    branchesOf(port, repo, { globs, limit: limits.branches }),
    writersOf(port, repo, limits.collaborators),
    teamsOf(port, repo, limits.teams)
  ])
  const wantApprovals = Math.max(
    0,
    ...envPolicies.map((e) =>
      e.branchProtection === false ? 0 : e.branchProtection.requiredApprovals
    )
  )
  const branches = await Promise.all(
    listed.branches.map(async (branch) =>
      branchWithGaps(
        await readBranchAccess(port, repo, {
          branch,
          rulesLimit: limits.branchRules
        }),
        wantApprovals
      )
    )
  )
  // A marker only on a list that was cut: an absent one means all was read.
  const cut = (
    key: 'writersTruncated' | 'writerTeamsTruncated' | 'branchesTruncated',
    t: Truncated | null
  ): Partial<AccessMatrix> => (t === null ? {} : { [key]: t })
  const truncated = {
    ...cut('writersTruncated', writers.truncated),
    ...cut('writerTeamsTruncated', writerTeams.truncated),
    ...cut('branchesTruncated', listed.truncated)
  }
  return {
    repository: `${repo.owner}/${repo.name}`,
    generatedAt: now.toISOString(),
    environments,
    branches,
    writers: writers.value,
    writerTeams: writerTeams.value,
    ...truncated,
    gaps: matrixGaps({
      environments,
      branches,
      writers: writers.value,
      writerTeams: writerTeams.value,
      ...truncated
    })
  }
}
