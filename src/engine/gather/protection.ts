// Branch protection as GitHub stores it: the active ruleset rules of a branch
// (REST, when GraphQL gave none) and classic protection, read only for
// branches holding the commit whose rules alone do not settle the question.

import { GitHubApiError } from '../errors.js'
import {
  isUnreadable,
  type BranchFact,
  type EnvironmentFact,
  type RulesetRuleFact,
  type Unreadable
} from '../facts.js'
import type { EnvironmentPolicy } from '../policy/index.js'
import type { GitHubPort } from '../port.js'
import type { EngineRequest } from '../request.js'
import { parseClassicProtection, parseRules } from './parse-protection.js'
import { rulesMeet, unreadable } from './support.js'

/** The active rules of one branch: `GET /repos/{o}/{r}/rules/branches/{b}`. */
export function readBranchRules(
  port: GitHubPort,
  req: Pick<EngineRequest, 'owner' | 'repo'>,
  branch: string
): Promise<RulesetRuleFact[] | Unreadable> {
  return port
    .rest('GET /repos/{owner}/{repo}/rules/branches/{branch}', {
      owner: req.owner,
      repo: req.repo,
      branch,
      per_page: 100
    })
    .then((r) => parseRules(r.data, `rules/branches/${branch}`))
    .catch((error: unknown) => {
      if (
        error instanceof GitHubApiError &&
        (error.status === 403 || error.status === 404)
      ) {
        return unreadable(error.permission ?? 'metadata: read', error.message)
      }
      throw error
    })
}

export async function classicProtection(
  port: GitHubPort,
  req: Pick<EngineRequest, 'owner' | 'repo'>,
  branch: string
): Promise<BranchFact['classic']> {
  try {
    const r = await port.rest(
      'GET /repos/{owner}/{repo}/branches/{branch}/protection',
      {
        owner: req.owner,
        repo: req.repo,
        branch
      }
    )
    return parseClassicProtection(r.data, `branches/${branch}/protection`)
  } catch (error) {
    if (error instanceof GitHubApiError && error.status === 404) return null
    if (error instanceof GitHubApiError && error.status === 403) {
      // 403 is "cannot tell", never "unprotected" (SPEC §5.4).
      return unreadable('administration: read', error.message)
    }
    throw error
  }
}

export interface ClassicInput {
  github: GitHubPort
  request: Pick<EngineRequest, 'owner' | 'repo'>
  policy: EnvironmentPolicy
  /** completed in place: `classic` of each branch that needs it */
  branches: BranchFact[]
  /** completed in place: `classicProtection` when the environment needs it */
  environmentSettings: EnvironmentFact | null
}

/**
 * Classic protection of each branch holding the commit, where the policy's
 * requirement or the environment's "protected branches only" setting needs
 * it; and what that setting then sees.
 */
export async function readClassicProtection(
  input: ClassicInput
): Promise<void> {
  const { github, request, policy, branches, environmentSettings } = input
  // "Protected branches only" counts classic protection alone (the
  // environment rule reads it so), so that setting needs the classic rules read.
  const settings =
    environmentSettings !== null &&
    'exists' in environmentSettings &&
    environmentSettings.exists
      ? environmentSettings.settings
      : null
  const onlyProtected =
    settings?.deploymentBranchPolicy?.protectedBranches === true
  await Promise.all(
    branches.map(async (b) => {
      if (!b.containsCommit) return
      const forBranchProtection =
        policy.branchProtection !== false &&
        ('unreadable' in b.rules ||
          !rulesMeet(b.rules, policy.branchProtection))
      // A classic rule non-admins can see answers "is it protected?".
      const forEnvironment = onlyProtected && !b.visibleClassic
      if (!forBranchProtection && !forEnvironment) return
      b.classic = await classicProtection(github, request, b.name)
    })
  )
  if (settings === null || !onlyProtected) return
  const holding = branches.filter((b) => b.containsCommit)
  const isProtected = (b: BranchFact): boolean | Unreadable =>
    b.visibleClassic
      ? true
      : isUnreadable(b.classic)
        ? b.classic
        : b.classic !== null
  const unread = holding
    .map(isProtected)
    .find((p): p is Unreadable => typeof p !== 'boolean')
  settings.classicProtection =
    unread !== undefined
      ? unread
      : holding.map((b) => ({
          branch: b.name,
          protected: isProtected(b) === true
        }))
}
