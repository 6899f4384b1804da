// The branches the policy names, and for each what protects it now: the
// approvals its active rules and classic protection require, who may bypass
// its rulesets, and whether administrators are bound.

import { minimatch } from 'minimatch'
import { GitHubApiError } from '../errors.js'
import type { ClassicProtectionFact, RulesetRuleFact } from '../facts.js'
import {
  parseClassicProtection,
  parseRules
} from '../gather/parse-protection.js'
import { arr, obj, str } from '../gather/shape.js'
import { readOr } from '../gather/support.js'
import type { GitHubPort } from '../port.js'
import { readRulesets } from './bypass.js'
import {
  cannot,
  isCannot,
  type AccessRepository,
  type BranchAccess,
  type Maybe
} from './types.js'

/** A branch as read, before its approvals are judged against the policy. */
export interface BranchRead extends Omit<
  BranchAccess,
  'requiredApprovals' | 'gaps'
> {
  rules: Maybe<RulesetRuleFact[]>
  /** null: GitHub says the branch has no classic protection */
  classic: Maybe<ClassicProtectionFact> | null
  /** the most any rule or classic protection that could be read requires */
  required: number
}

type Repo = Pick<AccessRepository, 'owner' | 'name'>

/** The existing branches each policy glob names; literal names even when absent. */
export async function branchesOf(
  port: GitHubPort,
  repo: Pick<AccessRepository, 'owner' | 'name' | 'defaultBranch'>,
  globs: string[]
): Promise<{ name: string; exists: boolean }[]> {
  const literal = globs.filter((g) => !/[*?[\]{}()!+@]/.test(g))
  const patterns = globs.filter((g) => !literal.includes(g))
  // The default branch exists: a policy naming only it needs no listing
  // (a repository of a thousand branches would take ten pages).
  if (patterns.length === 0 && literal.every((b) => b === repo.defaultBranch)) {
    return literal.map((name) => ({ name, exists: true }))
  }
  const existing: string[] = []
  for (let page = 1; page <= 20; page++) {
    const r = await port.rest('GET /repos/{owner}/{repo}/branches', {
      owner: repo.owner,
      repo: repo.name,
      per_page: 100,
      page
    })
    const items = arr(r.data, 'branches')
    items.forEach((b, i) =>
      existing.push(str(obj(b, `branches[${i}]`).name, `branches[${i}].name`))
    )
    if (items.length < 100) break
  }
  const names = new Set<string>(literal)
  for (const name of existing) {
    if (patterns.some((g) => minimatch(name, g))) names.add(name)
  }
  return [...names].map((name) => ({ name, exists: existing.includes(name) }))
}

export async function readBranchAccess(
  port: GitHubPort,
  repo: Repo,
  branch: { name: string; exists: boolean }
): Promise<BranchRead> {
  const [rules, classic] = await Promise.all([
    readOr('metadata: read', async () => {
      const r = await port.rest(
        'GET /repos/{owner}/{repo}/rules/branches/{branch}',
        {
          owner: repo.owner,
          repo: repo.name,
          branch: branch.name,
          per_page: 100
        }
      )
      return parseRules(r.data, `rules/branches/${branch.name}`)
    }),
    classicProtection(port, repo, branch.name)
  ])
  const protectedBy: string[] = []
  let required = 0
  if (!isCannot(rules)) {
    for (const rule of rules) {
      if (rule.pullRequest === undefined) continue
      required = Math.max(
        required,
        rule.pullRequest.requiredApprovingReviewCount
      )
      protectedBy.push(String(rule.rulesetId ?? '?'))
    }
  }
  if (classic !== null && !isCannot(classic)) {
    required = Math.max(required, classic.requiredApprovingReviewCount ?? 0)
    protectedBy.push('classic branch protection')
  }
  const rulesetIds = isCannot(rules)
    ? []
    : [
        ...new Set(
          rules
            .map((r) => r.rulesetId)
            .filter((id): id is number => id !== null)
        )
      ]
  const { actors: bypass, names } = await readRulesets(port, repo, rulesetIds)
  // `ruleset "protect main" (1007)`: the name where the token could read it
  protectedBy.forEach((id, i) => {
    if (id === 'classic branch protection') return
    const name = names.get(Number(id))
    protectedBy[i] =
      name === undefined ? `ruleset ${id}` : `ruleset "${name}" (${id})`
  })
  // Classic protection binds administrators only with enforce_admins;
  // rulesets bind them unless the admin role is a bypass actor.
  const classicLets = classicLetsAdmins(classic)
  const rulesetsLet = isCannot(bypass)
    ? null
    : bypass.some((b) => /repository role admin|organization admins/.test(b))
  const adminsBypass =
    classicLets === true || rulesetsLet === true
      ? true
      : classicLets === null || rulesetsLet === null
        ? null
        : false
  return {
    name: branch.name,
    exists: branch.exists,
    protectedBy,
    bypassActors: bypass,
    adminsBypass,
    rules,
    classic,
    required
  }
}

/** Whether classic protection lets administrators through; null: cannot tell. */
export function classicLetsAdmins(
  classic: BranchRead['classic']
): boolean | null {
  if (classic === null) return false
  return isCannot(classic) ? null : !classic.enforceAdmins
}

/**
 * docs.github.com/en/rest/branches/branch-protection: a 404 is "no classic
 * protection", a 403 a token that may not read it.
 */
async function classicProtection(
  port: GitHubPort,
  repo: Repo,
  branch: string
): Promise<BranchRead['classic']> {
  try {
    const r = await port.rest(
      'GET /repos/{owner}/{repo}/branches/{branch}/protection',
      {
        owner: repo.owner,
        repo: repo.name,
        branch
      }
    )
    return parseClassicProtection(r.data, `branches/${branch}/protection`)
  } catch (error) {
    if (error instanceof GitHubApiError && error.status === 404) return null
    if (error instanceof GitHubApiError && error.status === 403) {
      return cannot('administration: read', error.message)
    }
    throw error
  }
}
