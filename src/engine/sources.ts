// Where a decision's data comes from. The pipeline asks a source for the
// policy file, then, once the policy says what matters, for the facts. The
// live source reads GitHub now; the audit's reads what it gathered for a
// past deployment (SPEC §7: the same pipeline, as of the deployment's time).

import { InputError } from './errors.js'
import type { Facts } from './facts.js'
import { fetchBootstrap, gatherFacts } from './gather/index.js'
import type { EnvironmentPolicy } from './policy/index.js'
import type { GitHubPort, Logger } from './port.js'
import type { EngineRequest } from './request.js'

export type PolicyRead =
  | { text: string; blobSha: string; ref: string; defaultBranch: string }
  /** no policy file: why, and the ref it was looked for on */
  | { missing: string; ref: string }

export interface FactsQuestion {
  policy: EnvironmentPolicy
  /** upstream environments, earliest first */
  chain: string[]
  now: Date
}

/** What a source answers first: the policy, and how to read the rest. */
export interface SourceRead {
  policy: PolicyRead
  /** throws when the facts cannot all be read */
  facts(question: FactsQuestion): Promise<Facts>
}

export type FactSource = () => Promise<SourceRead>

/** GitHub as it is now: one bootstrap query, then what the policy needs. */
export function liveSource(
  request: EngineRequest,
  deps: { github: GitHubPort; logger: Logger }
): FactSource {
  return async () => {
    const boot = await fetchBootstrap(deps.github, request)
    const policy: PolicyRead =
      'missing' in boot.policy
        ? {
            missing: boot.policy.missing,
            ref: request.policyRef ?? boot.defaultBranch
          }
        : { ...boot.policy, defaultBranch: boot.defaultBranch }
    return {
      policy,
      facts: async ({ policy: envPolicy, chain, now }) => {
        if (boot.incomplete !== null) throw boot.incomplete
        if (boot.commit === null) {
          throw new InputError(
            `commit ${request.sha} does not exist in ${request.owner}/${request.repo}`
          )
        }
        return gatherFacts({
          github: deps.github,
          request,
          bootstrap: boot,
          commit: boot.commit,
          policy: envPolicy,
          chain,
          logger: deps.logger,
          now
        })
      }
    }
  }
}
