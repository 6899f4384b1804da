// The access matrix an auditor asks for (SPEC §7): for each environment in
// the policy, who and what may deploy to it; for each branch in `branches`,
// the approvals it requires, who may bypass them, and who may push. Every
// gap against the policy is flagged; whatever the token cannot read is named
// with the permission that would read it, never shown as "nobody".

import type { Policy } from '../policy/index.js'
import type { GitHubPort } from '../port.js'
import { branchesOf, readBranchAccess } from './branches.js'
import { readEnvironmentAccess } from './environments.js'
import { branchWithGaps, environmentWithGaps, matrixGaps } from './gaps.js'
import { teamsOf, writersOf } from './holders.js'
import type { AccessMatrix, AccessRepository } from './types.js'

export async function accessMatrix(
  port: GitHubPort,
  repo: AccessRepository,
  policy: Policy,
  now: Date
): Promise<AccessMatrix> {
  const envPolicies = Object.values(policy.environments)
  const globs = [...new Set(envPolicies.flatMap((e) => e.branches))]
  const [environments, branchNames, writers, writerTeams] = await Promise.all([
    Promise.all(
      envPolicies.map(async (e) =>
        environmentWithGaps(await readEnvironmentAccess(port, repo, e.name), e)
      )
    ),
    branchesOf(port, repo, globs),
    writersOf(port, repo),
    teamsOf(port, repo)
  ])
  const wantApprovals = Math.max(
    0,
    ...envPolicies.map((e) =>
      e.branchProtection === false ? 0 : e.branchProtection.requiredApprovals
    )
  )
  const branches = await Promise.all(
    branchNames.map(async (b) =>
      branchWithGaps(await readBranchAccess(port, repo, b), wantApprovals)
    )
  )
  return {
    repository: `${repo.owner}/${repo.name}`,
    generatedAt: now.toISOString(),
    environments,
    branches,
    writers,
    writerTeams,
    gaps: matrixGaps({ environments, branches, writers, writerTeams })
  }
}
