// The access matrix an auditor asks for (SPEC §7): for each environment in
// the policy, who and what may deploy to it; for each branch in `branches`,
// the approvals it requires, who may bypass them, and who may push. Every
// gap against the policy is flagged; whatever the token cannot read is named
// with the permission that would read it, never shown as "nobody".

import { minimatch } from 'minimatch'
import { GitHubApiError } from '../engine/errors.js'
import type { EnvironmentFact, Unreadable } from '../engine/facts.js'
import { readEnvironment } from '../engine/gather/environment.js'
import { parseClassicProtection, parseRules } from '../engine/gather/parse.js'
import {
  arr,
  num,
  obj,
  optObj,
  optStr,
  str,
  type Json
} from '../engine/gather/shape.js'
import type { Policy } from '../engine/policy/types.js'
import type { GitHubPort } from '../engine/port.js'
import { settingsProblems } from '../engine/rules/environment.js'
import { readOr } from '../engine/gather/support.js'

export interface Cannot {
  unreadable: true
  permission: string
  detail: string
}

export type Maybe<T> = T | Cannot

export interface ReviewerAccess {
  type: 'User' | 'Team'
  name: string
  /** a team's members; null for a user */
  members: Maybe<string[]> | null
}

export interface EnvironmentAccess {
  name: string
  /** null: could not be read */
  exists: boolean | null
  url: string | null
  /** `any`, `protected` (branches with classic protection), or the patterns */
  deploymentBranches: Maybe<'any' | 'protected' | string[]> | null
  reviewers: ReviewerAccess[]
  preventSelfReview: boolean | null
  /** null: GitHub did not say, which counts as allowed */
  adminBypass: boolean | null
  waitTimer: number | null
  /** the GitHub Apps whose custom protection rules are enabled */
  customRules: Maybe<string[]> | null
  gaps: string[]
}

export interface Holder {
  login: string
  type: 'User' | 'Team'
  role: string
}

export interface BranchAccess {
  name: string
  exists: boolean
  /** the most any active rule or classic protection requires */
  requiredApprovals: Maybe<number>
  /** where the requirement comes from */
  protectedBy: string[]
  /** ruleset bypass actors, e.g. `Team acme/sre (always)` */
  bypassActors: Maybe<string[]>
  /** administrators are not bound by the protection; null: cannot tell */
  adminsBypass: boolean | null
  gaps: string[]
}

export interface AccessMatrix {
  repository: string
  generatedAt: string
  environments: EnvironmentAccess[]
  branches: BranchAccess[]
  /** the people who hold write, maintain or admin access */
  writers: Maybe<Holder[]>
  /** the teams that hold it */
  writerTeams: Maybe<Holder[]>
  /** every gap, prefixed with what it is about */
  gaps: string[]
}

const cannot = (permission: string, detail: string): Cannot => ({
  unreadable: true,
  permission,
  detail
})

const isCannot = (v: unknown): v is Cannot =>
  typeof v === 'object' && v !== null && (v as Cannot).unreadable === true

export async function accessMatrix(
  port: GitHubPort,
  repo: { owner: string; name: string; url: string; defaultBranch: string },
  policy: Policy,
  now: Date
): Promise<AccessMatrix> {
  const envPolicies = Object.values(policy.environments)
  const globs = [...new Set(envPolicies.flatMap((e) => e.branches))]
  const [environments, branchNames, writers, writerTeams] = await Promise.all([
    Promise.all(envPolicies.map((e) => environmentAccess(port, repo, e))),
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
    branchNames.map((b) => branchAccess(port, repo, b, wantApprovals))
  )
  const gaps = [
    ...environments.flatMap((e) =>
      e.gaps.map((g) => `environment ${e.name}: ${g}`)
    ),
    ...branches.flatMap((b) => b.gaps.map((g) => `branch ${b.name}: ${g}`))
  ]
  if (isCannot(writers)) {
    gaps.push(
      `who holds write access could not be read: the token needs \`${writers.permission}\``
    )
  }
  if (isCannot(writerTeams)) {
    gaps.push(
      `which teams hold write access could not be read: the token needs \`${writerTeams.permission}\``
    )
  }
  return {
    repository: `${repo.owner}/${repo.name}`,
    generatedAt: now.toISOString(),
    environments,
    branches,
    writers,
    writerTeams,
    gaps
  }
}

async function environmentAccess(
  port: GitHubPort,
  repo: { owner: string; name: string; url: string },
  policy: Policy['environments'][string]
): Promise<EnvironmentAccess> {
  const read: EnvironmentFact = await readEnvironment(port, repo, policy.name)
  const base: EnvironmentAccess = {
    name: policy.name,
    exists: null,
    url: null,
    deploymentBranches: null,
    reviewers: [],
    preventSelfReview: null,
    adminBypass: null,
    waitTimer: null,
    customRules: null,
    gaps: []
  }
  if ('unreadable' in read) {
    return {
      ...base,
      deploymentBranches: cannot(read.permission, read.detail),
      gaps: [
        `its settings could not be read: the token needs \`${read.permission}\``
      ]
    }
  }
  if (!read.exists) {
    return {
      ...base,
      exists: false,
      url: read.settingsUrl,
      deploymentBranches: 'any',
      gaps: [
        'it does not exist in the repository settings: any workflow that names it creates it with no rules'
      ]
    }
  }
  const s = read.settings
  const custom = await readOr('actions: read', async () => {
    const r = await port.rest(
      'GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules',
      { owner: repo.owner, repo: repo.name, environment_name: s.name }
    )
    const body = obj(r.data, 'deployment_protection_rules')
    return arr(
      body.custom_deployment_protection_rules,
      'custom_deployment_protection_rules'
    )
      .map((item, i) => obj(item, `custom_deployment_protection_rules[${i}]`))
      .filter((rule) => rule.enabled !== false)
      .map((rule, i) => {
        const app = obj(
          rule.app,
          `custom_deployment_protection_rules[${i}].app`
        )
        return str(
          app.slug,
          `custom_deployment_protection_rules[${i}].app.slug`
        )
      })
  })
  const reviewers = await Promise.all(
    s.reviewers.map(async (r): Promise<ReviewerAccess> => {
      if (r.type === 'User')
        return { type: 'User', name: r.name, members: null }
      const [org, slug] = r.name.includes('/')
        ? (r.name.split('/', 2) as [string, string])
        : [repo.owner, r.name]
      return {
        type: 'Team',
        name: r.name,
        members: await teamMembers(port, org, slug)
      }
    })
  )
  const want = policy.environmentProtection
  const policies = s.deploymentBranchPolicy
  const gaps =
    want === false
      ? []
      : settingsProblems(s, want, policy.branches).problems.map(stripWhere)
  for (const r of reviewers) {
    if (isCannot(r.members)) {
      gaps.push(
        `the members of reviewer team ${r.name} could not be read: the token needs \`${r.members.permission}\``
      )
    }
  }
  if (isCannot(custom)) {
    gaps.push(
      `its custom protection rules could not be read: the token needs \`${custom.permission}\``
    )
  }
  return {
    name: s.name,
    exists: true,
    url: s.settingsUrl,
    deploymentBranches:
      policies === null
        ? 'any'
        : policies.protectedBranches
          ? 'protected'
          : s.branchPolicies === null
            ? cannot('actions: read', 'the branch patterns were not read')
            : 'unreadable' in s.branchPolicies
              ? cannot(s.branchPolicies.permission, s.branchPolicies.detail)
              : s.branchPolicies.map((p) =>
                  p.type === 'tag' ? `tag:${p.name}` : p.name
                ),
    reviewers,
    preventSelfReview: s.preventSelfReview,
    adminBypass: s.canAdminsBypass,
    waitTimer: s.waitTimer,
    customRules: custom,
    gaps
  }
}

/** The messages of the checks end with where to fix them; the matrix links the page once. */
function stripWhere(problem: string): string {
  return problem.replace(/ under Settings → Environments → [^(]+\([^)]+\)/g, '')
}

/** docs.github.com/en/rest/teams/members#list-team-members (organization `members: read`) */
async function teamMembers(
  port: GitHubPort,
  org: string,
  slug: string
): Promise<Maybe<string[]>> {
  return readOr('members: read (organization)', async () => {
    const out: string[] = []
    for (let page = 1; page <= 10; page++) {
      const r = await port.rest('GET /orgs/{org}/teams/{team_slug}/members', {
        org,
        team_slug: slug,
        per_page: 100,
        page
      })
      const items = arr(r.data, 'team members')
      items.forEach((m, i) =>
        out.push(str(obj(m, `members[${i}]`).login, `members[${i}].login`))
      )
      if (items.length < 100) break
    }
    return out
  })
}

/** The existing branches each policy glob names; literal names even when absent. */
async function branchesOf(
  port: GitHubPort,
  repo: { owner: string; name: string; defaultBranch: string },
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

async function branchAccess(
  port: GitHubPort,
  repo: { owner: string; name: string },
  branch: { name: string; exists: boolean },
  wantApprovals: number
): Promise<BranchAccess> {
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
    (async () => {
      try {
        const r = await port.rest(
          'GET /repos/{owner}/{repo}/branches/{branch}/protection',
          {
            owner: repo.owner,
            repo: repo.name,
            branch: branch.name
          }
        )
        return parseClassicProtection(
          r.data,
          `branches/${branch.name}/protection`
        )
      } catch (error) {
        if (error instanceof GitHubApiError && error.status === 404) return null
        if (error instanceof GitHubApiError && error.status === 403) {
          return cannot('administration: read', error.message)
        }
        throw error
      }
    })()
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
  const { actors: bypass, names } = await bypassActors(port, repo, rulesetIds)
  // `ruleset "protect main" (1007)`: the name where the token could read it
  protectedBy.forEach((id, i) => {
    if (id === 'classic branch protection') return
    const name = names.get(Number(id))
    protectedBy[i] =
      name === undefined ? `ruleset ${id}` : `ruleset "${name}" (${id})`
  })
  const gaps: string[] = []
  const unread = [rules, classic].filter(isCannot)
  let requiredApprovals: Maybe<number> = required
  if (unread.length > 0 && required < wantApprovals) {
    const first = unread[0] as Cannot
    requiredApprovals = first
    gaps.push(
      `its required approvals could not be read completely: the token needs \`${unread.map((u) => u.permission).join('` and `')}\``
    )
  } else if (required < wantApprovals) {
    gaps.push(
      `it requires ${required} approving review${required === 1 ? '' : 's'}; the policy asks for ${wantApprovals}`
    )
  }
  if (!branch.exists) gaps.push('it does not exist')
  if (isCannot(bypass)) {
    gaps.push(
      `who may bypass its rulesets could not be read: the token needs \`${bypass.permission}\``
    )
  } else if (bypass.length > 0) {
    gaps.push(
      `${bypass.length} actor${bypass.length === 1 ? '' : 's'} may bypass its rulesets: ${bypass.join(', ')}`
    )
  }
  // Classic protection binds administrators only with enforce_admins;
  // rulesets bind them unless the admin role is a bypass actor.
  const classicLets =
    classic === null ? false : isCannot(classic) ? null : !classic.enforceAdmins
  const rulesetsLet = isCannot(bypass)
    ? null
    : bypass.some((b) => /repository role admin|organization admins/.test(b))
  const adminsBypass =
    classicLets === true || rulesetsLet === true
      ? true
      : classicLets === null || rulesetsLet === null
        ? null
        : false
  if (classicLets === true) {
    gaps.push(
      'administrators are not bound by its classic protection (enforce admins is off)'
    )
  }
  return {
    name: branch.name,
    exists: branch.exists,
    requiredApprovals,
    protectedBy,
    bypassActors: bypass,
    adminsBypass,
    gaps
  }
}

/**
 * docs.github.com/en/rest/repos/rules#get-a-repository-ruleset: GitHub shows
 * `bypass_actors` only to those who may edit the ruleset; without it the
 * bypass list is unknown, never empty.
 */
async function bypassActors(
  port: GitHubPort,
  repo: { owner: string; name: string },
  ids: number[]
): Promise<{ actors: Maybe<string[]>; names: Map<number, string> }> {
  const names = new Map<number, string>()
  const actors = await actorsOf(port, repo, ids, names)
  return { actors, names }
}

async function actorsOf(
  port: GitHubPort,
  repo: { owner: string; name: string },
  ids: number[],
  names: Map<number, string>
): Promise<Maybe<string[]>> {
  const out: string[] = []
  let unread: Cannot | null = null
  for (const id of ids) {
    const got = await readOr('administration: read', async () => {
      const r = await port.rest(
        'GET /repos/{owner}/{repo}/rulesets/{ruleset_id}',
        {
          owner: repo.owner,
          repo: repo.name,
          ruleset_id: id
        }
      )
      return obj(r.data, `rulesets/${id}`)
    })
    if (isCannot(got)) return got
    if (typeof got.name === 'string') names.set(id, got.name)
    if (!Array.isArray(got.bypass_actors)) {
      unread ??= cannot(
        'administration: read',
        `ruleset ${id} was read without its bypass actors`
      )
      continue
    }
    got.bypass_actors.forEach((value, i) => {
      const a = obj(value, `rulesets/${id}.bypass_actors[${i}]`)
      const type =
        optStr(a.actor_type, `bypass_actors[${i}].actor_type`) ?? 'actor'
      const actorId =
        a.actor_id === null || a.actor_id === undefined
          ? ''
          : ` ${num(a.actor_id, `bypass_actors[${i}].actor_id`)}`
      const mode =
        optStr(a.bypass_mode, `bypass_actors[${i}].bypass_mode`) ?? 'always'
      out.push(`${bypassName(type, actorId)} (${mode})`)
    })
  }
  return unread ?? out
}

function bypassName(type: string, id: string): string {
  // Repository roles by id in bypass actors: 2 maintain, 4 write, 5 admin
  // (docs.github.com/en/rest/repos/rules, `actor_id`); others shown by id.
  if (type === 'RepositoryRole') {
    const role: Record<string, string> = {
      ' 2': 'maintain',
      ' 4': 'write',
      ' 5': 'admin'
    }
    return `repository role ${role[id] ?? id.trim()}`
  }
  if (type === 'OrganizationAdmin') return 'organization admins'
  if (type === 'DeployKey') return 'deploy keys'
  return `${type}${id}`
}

/**
 * docs.github.com/en/rest/collaborators/collaborators#list-repository-collaborators
 * and docs.github.com/en/rest/repos/repos#list-repository-teams.
 */
async function writersOf(
  port: GitHubPort,
  repo: { owner: string; name: string }
): Promise<Maybe<Holder[]>> {
  const people = await readOr(
    'administration: read (or a token of a repository writer)',
    async () => {
      const out: Holder[] = []
      for (let page = 1; page <= 20; page++) {
        const r = await port.rest('GET /repos/{owner}/{repo}/collaborators', {
          owner: repo.owner,
          repo: repo.name,
          affiliation: 'all',
          per_page: 100,
          page
        })
        const items = arr(r.data, 'collaborators')
        items.forEach((value, i) => {
          const c = obj(value, `collaborators[${i}]`)
          const role = roleOf(c, `collaborators[${i}]`)
          if (role !== null)
            out.push({
              login: str(c.login, `collaborators[${i}].login`),
              type: 'User',
              role
            })
        })
        if (items.length < 100) break
      }
      return out
    }
  )
  return people
}

async function teamsOf(
  port: GitHubPort,
  repo: { owner: string; name: string }
): Promise<Maybe<Holder[]>> {
  return readOr('administration: read', async () => {
    const r = await port.rest('GET /repos/{owner}/{repo}/teams', {
      owner: repo.owner,
      repo: repo.name,
      per_page: 100
    })
    return arr(r.data, 'teams').flatMap((value, i): Holder[] => {
      const t = obj(value, `teams[${i}]`)
      const permission = optStr(t.permission, `teams[${i}].permission`)
      if (
        permission === null ||
        !['push', 'maintain', 'admin'].includes(permission)
      )
        return []
      const org = /\/orgs\/([^/]+)\/teams\//.exec(
        optStr(t.html_url, `teams[${i}].html_url`) ?? ''
      )?.[1]
      const slug = str(t.slug, `teams[${i}].slug`)
      return [
        {
          login: org === undefined ? slug : `${org}/${slug}`,
          type: 'Team',
          role: permission === 'push' ? 'write' : permission
        }
      ]
    })
  })
}

function roleOf(c: Json, path: string): string | null {
  const p = optObj(c.permissions, `${path}.permissions`)
  if (p === null) return null
  if (p.admin === true) return 'admin'
  if (p.maintain === true) return 'maintain'
  if (p.push === true) return 'write'
  return null
}

export type { Unreadable }
