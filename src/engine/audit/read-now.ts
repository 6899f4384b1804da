// What GitHub keeps no history of (SPEC §7): branch rules, classic
// protection and the environment's settings are read once, as they are now,
// through the gate's own gathering for the newest deployment, and applied
// to every deployment judged. The report says so.

import type { Facts } from '../facts.js'
import { fetchBootstrap, gatherFacts } from '../gather/index.js'
import type { EnvironmentPolicy } from '../policy/index.js'
import type { GitHubPort, Logger } from '../port.js'
import { requestFor } from './request.js'
import type { AuditRequest } from './types.js'

/** What the report names as read as of now rather than as of each deployment. */
export const READ_NOW: readonly string[] = [
  'branch rules and classic protection',
  "the environment's settings",
  'collaborators, teams and bypass actors (the access matrix)'
]

/** What the audit reads once, for the newest deployment, and applies to all. */
export type NowFacts = Pick<
  Facts,
  'repository' | 'branches' | 'environmentSettings' | 'reviewerTeams'
> & {
  /** the newest deployment's commit, whose branches were read */
  sha: string
}

export async function readNowFacts(o: {
  github: GitHubPort
  request: AuditRequest
  policy: EnvironmentPolicy
  /** upstream environments, earliest first */
  chain: string[]
  /** the newest deployment's commit */
  sha: string
  logger: Logger
  now: Date
}): Promise<NowFacts> {
  const { request: req } = o
  const request = requestFor(req, { sha: o.sha, deployer: null, run: null })
  const boot = await fetchBootstrap(o.github, request)
  if (boot.commit === null) {
    throw new Error(
      `the deployed commit ${o.sha.slice(0, 7)} does not exist in ${req.owner}/${req.repo}`
    )
  }
  const facts = await gatherFacts({
    github: o.github,
    request,
    bootstrap: boot,
    commit: boot.commit,
    // only what has no history: no range, no tests
    policy: { ...o.policy, scope: 'head', ciRequirement: false },
    chain: o.chain,
    logger: o.logger,
    now: o.now
  })
  return {
    sha: o.sha,
    repository: facts.repository,
    branches: facts.branches,
    environmentSettings: facts.environmentSettings,
    reviewerTeams: facts.reviewerTeams
  }
}
