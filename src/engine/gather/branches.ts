// Branches: the policy's branches that exist, whether each contains the
// deployed commit, and their active ruleset rules. GraphQL answers most of
// it in the context round trip; REST fills in what it could not.

import { minimatch } from 'minimatch'
import { GitHubApiError } from '../errors.js'
import type { BranchFact, RulesetRuleFact, Unreadable } from '../facts.js'
import type { EnvironmentPolicy } from '../policy/index.js'
import type { GitHubPort, GraphQLError } from '../port.js'
import type { EngineRequest } from '../request.js'
import { parseRefRules, parseRefUpdateRule } from './parse-protection.js'
import { readBranchRules } from './protection.js'
import type { RefSelection } from './queries.js'
import { obj, optObj, str, type Json } from './shape.js'

/** A branch as GraphQL answered: null/undefined fields are asked again over REST. */
export interface RefAnswer {
  name: string
  /** null: GraphQL could not compare */
  contains: boolean | null
  /** null: no usable answer */
  rules: RulesetRuleFact[] | null
  /** undefined: no usable answer */
  visibleClassic: BranchFact['visibleClassic']
}

export function refAnswer(
  ref: Json,
  name: string,
  errors: GraphQLError[],
  path: string
): RefAnswer {
  const failed = (field: string): boolean =>
    errors.some((e) => (e.path ?? []).includes(field))
  return {
    name,
    contains: contains(ref, name),
    rules: failed('rules') ? null : parseRefRules(ref.rules, `${path}.rules`),
    visibleClassic:
      failed('refUpdateRule') || !('refUpdateRule' in ref)
        ? undefined
        : parseRefUpdateRule(ref.refUpdateRule, `${path}.refUpdateRule`)
  }
}

/**
 * `ref.compare(headRef: sha)`: BEHIND or IDENTICAL means the branch contains
 * the sha. Null when GitHub gave no comparison.
 */
function contains(ref: Json, name: string): boolean | null {
  const cmp = optObj(ref.compare, `ref(${name}).compare`)
  if (cmp === null) return null
  const status = str(cmp.status, `ref(${name}).compare.status`)
  return status === 'BEHIND' || status === 'IDENTICAL'
}

const isGlob = (pattern: string): boolean => /[*?[\]{}()!+@]/.test(pattern)
/** What comes before the first glob character: `release/` of `release/*`. */
const globPrefix = (pattern: string): string =>
  pattern.replace(/[*?[\]{}()!+@].*$/s, '')

/** Which branches to ask for, and which the bootstrap already answered. */
export interface BranchPlan {
  /** the policy's branches named exactly */
  literal: string[]
  /** answers already in hand, by branch name */
  known: Map<string, RefAnswer>
  selections: RefSelection[]
}

export function planBranches(
  policy: EnvironmentPolicy,
  defaultBranch: { name: string; ref: RefAnswer }
): BranchPlan {
  const literal = policy.branches.filter((b) => !isGlob(b))
  const globs = policy.branches.filter(isGlob)
  const known = new Map<string, RefAnswer>()
  if (literal.includes(defaultBranch.name)) {
    known.set(defaultBranch.name, defaultBranch.ref)
  }
  const selections: RefSelection[] = [
    ...literal
      .filter((name) => !known.has(name))
      .map((name, i) => ({
        alias: `b${i}`,
        name,
        glob: false,
        after: null
      })),
    ...globs.map((g, i) => ({
      alias: `g${i}`,
      name: globPrefix(g),
      glob: true,
      after: null
    }))
  ]
  return { literal, known, selections }
}

export interface BranchesInput {
  github: GitHubPort
  request: EngineRequest
  policy: EnvironmentPolicy
  plan: BranchPlan
  /** every ref the context queries answered, in order */
  refs: RefAnswer[]
  defaultBranch: string
  /** the default branch's rules, already asked over REST, when GraphQL gave none */
  defaultRules: Promise<RulesetRuleFact[] | Unreadable> | null
}

/** Each policy branch that exists, once, with its containment and rules. */
export async function branchFacts(input: BranchesInput): Promise<BranchFact[]> {
  const { github, request, policy, plan, defaultBranch, defaultRules } = input
  const seen = new Set<string>()
  const matching = input.refs.filter((ref) => {
    if (seen.has(ref.name)) return false
    seen.add(ref.name)
    return policy.branches.some((g) => minimatch(ref.name, g))
  })
  return Promise.all(
    matching.map(async (ref) => {
      const containsCommit =
        ref.contains ?? (await containsByRest(github, request, ref.name))
      // GraphQL's rules when it gave them; else REST, for a branch that
      // holds the commit or that the policy names.
      const rules =
        ref.rules ??
        (ref.name === defaultBranch && defaultRules !== null
          ? await defaultRules
          : containsCommit || plan.literal.includes(ref.name)
            ? await readBranchRules(github, request, ref.name)
            : [])
      const branch: BranchFact = {
        name: ref.name,
        containsCommit,
        rules,
        classic: null
      }
      if (ref.visibleClassic !== undefined) {
        branch.visibleClassic = ref.visibleClassic
      }
      return branch
    })
  )
}

/**
 * The same question through REST, when GraphQL gave no comparison:
 * `GET /repos/{o}/{r}/compare/{branch}...{sha}` is `behind` or `identical`
 * when the branch contains the sha.
 * docs.github.com/en/rest/commits/commits#compare-two-commits
 */
async function containsByRest(
  port: GitHubPort,
  req: EngineRequest,
  branch: string
): Promise<boolean> {
  try {
    const r = await port.rest('GET /repos/{owner}/{repo}/compare/{basehead}', {
      owner: req.owner,
      repo: req.repo,
      basehead: `${branch}...${req.sha}`,
      per_page: 1
    })
    const status = str(obj(r.data, 'compare').status, 'compare.status')
    return status === 'behind' || status === 'identical'
  } catch (error) {
    if (error instanceof GitHubApiError && error.status === 404) return false
    throw error
  }
}
