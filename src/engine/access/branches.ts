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
import { obj, str } from '../gather/shape.js'
import { readOr } from '../gather/support.js'
import type { GitHubPort } from '../port.js'
import { readRulesets } from './bypass.js'
import { listPages, type PageLimit } from './pages.js'
import {
  cannot,
  isCannot,
  type AccessRepository,
  type BranchAccess,
  type Maybe,
  type Truncated
} from './types.js'

/** A branch as read, before its approvals are judged against the policy. */
export interface BranchRead extends Omit<
  BranchAccess,
  'requiredApprovals' | 'gaps' | 'rulesTruncated'
> {
  rules: Maybe<RulesetRuleFact[]>
  /** null: every active rule was read */
  rulesTruncated: Truncated | null
  /** null: GitHub says the branch has no classic protection */
  classic: Maybe<ClassicProtectionFact> | null
  /** the most any rule or classic protection that could be read requires */
  required: number
}

type Repo = Pick<AccessRepository, 'owner' | 'name'>

/** The branches the policy names, and whether the listing of the repository's was cut. */
export interface BranchesOf {
  branches: { name: string; exists: boolean }[]
  truncated: Truncated | null
}

/** The existing branches each policy glob names; literal names even when absent. */
export async function branchesOf(
  port: GitHubPort,
  repo: Pick<AccessRepository, 'owner' | 'name' | 'defaultBranch'>,
  o: { globs: string[]; limit: PageLimit }
): Promise<BranchesOf> {
  const literal = o.globs.filter((g) => !/[*?[\]{}()!+@]/.test(g))
  const patterns = o.globs.filter((g) => !literal.includes(g))
  // The default branch exists: a policy naming only it needs no listing
  // (a repository of a thousand branches would take ten pages).
  if (patterns.length === 0 && literal.every((b) => b === repo.defaultBranch)) {
    return {
      branches: literal.map((name) => ({ name, exists: true })),
      truncated: null
    }
  }
  const { items, truncated } = await listPages({
    port,
    route: 'GET /repos/{owner}/{repo}/branches',
    params: { owner: repo.owner, repo: repo.name },
    limit: o.limit,
    list: 'branches'
  })
  const existing = items.map((b, i) =>
    str(obj(b, `branches[${i}]`).name, `branches[${i}].name`)
  )
  const names = new Set<string>(literal)
  for (const name of existing) {
    if (patterns.some((g) => minimatch(name, g))) names.add(name)
  }
  return {
    branches: [...names].map((name) => ({
      name,
      exists: existing.includes(name)
    })),
    truncated
  }
}

export async function readBranchAccess(
  port: GitHubPort,
  repo: Repo,
  o: { branch: { name: string; exists: boolean }; rulesLimit: PageLimit }
): Promise<BranchRead> {
  const { branch } = o
  const [rulesRead, classic] = await Promise.all([
    readOr('metadata: read', async () => {
      const { items, truncated } = await listPages({
        port,
        route: 'GET /repos/{owner}/{repo}/rules/branches/{branch}',
        params: { owner: repo.owner, repo: repo.name, branch: branch.name },
        limit: o.rulesLimit,
        list: 'rules',
        path: `rules/branches/${branch.name}`
      })
      return {
        rules: parseRules(items, `rules/branches/${branch.name}`),
        truncated
      }
    }),
    classicProtection(port, repo, branch.name)
  ])
  const rules = isCannot(rulesRead) ? rulesRead : rulesRead.rules
  const rulesTruncated = isCannot(rulesRead) ? null : rulesRead.truncated
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
    rulesTruncated,
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
