// Gathering: GitHub -> Facts in as few round trips as GitHub allows.
//   1. bootstrap (GraphQL): policy blob, default branch, the deployed commit
//      with its pull requests, their commits and reviews;
//   2. context (GraphQL), in parallel with the rules of each named branch
//      (REST) and, when needed, the run's environment approvals (REST);
//   then only what the first answers show is missing: further pages, the
//   range since the previous deployment, classic protection.
// SPEC §9: a typical decision takes three requests.

import { minimatch } from 'minimatch'
import { GitHubApiError, ShapeError } from '../errors.js'
import {
  isUnreadable,
  type BranchFact,
  type ChangeFact,
  type ChecksFact,
  type CommitChecksFact,
  type CommitFact,
  type DeploymentFact,
  type EnvironmentApprovalFact,
  type EnvironmentFact,
  type Facts,
  type RulesetRuleFact,
  type Unreadable
} from '../facts.js'
import type { EnvironmentPolicy } from '../policy/types.js'
import type { GitHubPort, GraphQLError, Logger } from '../port.js'
import {
  chronological,
  parseActor,
  parseClassicProtection,
  parseCommit,
  parseDeployment,
  parsePullRequest,
  parseRefRules,
  parseRefUpdateRule,
  parseReview,
  parseRules,
  parseStatus,
  type ParsedPullRequest
} from './parse.js'
import {
  BOOTSTRAP_QUERY,
  POLICY_QUERY,
  changesQuery,
  contextQuery,
  pagesQuery,
  type DeploymentSelection,
  type PageSelection,
  type RefSelection
} from './queries.js'
import { arr, connection, num, obj, optObj, str, type Json } from './shape.js'
import { previousSuccess, type DeploymentContext } from '../deployments.js'
import { readOr, rulesMeet } from './support.js'
import { completeRollups, readRollup, type RollupRead } from './checks.js'
import { readEnvironment } from './environment.js'
import { readTeams } from './teams.js'
import type { EngineRequest } from '../request.js'

export type { EngineRequest } from '../request.js'

export interface Bootstrap {
  repositoryUrl: string
  defaultBranch: string
  policy: { text: string; blobSha: string; ref: string } | { missing: string }
  commit: CommitFact | null
  /** pull requests GitHub associates with the deployed commit */
  pullRequests: ParsedPullRequest[]
  /** set when part of the commit's data could not be read */
  incomplete: GitHubApiError | null
  /** the default branch as the bootstrap saw it */
  defaultRef: RefAnswer
  /** the deployed commit's checks and statuses */
  checks: RollupRead
  /** the same for the final head of each associated pull request, by number */
  heads: Map<number, RollupRead>
  /**
   * Asked ahead of the policy: the latest deployments to the target
   * environment, and every deployment of the deployed commit; null when
   * unread.
   */
  recent: { here: DeploymentPage; shipped: DeploymentPage | null } | null
  /**
   * The environment's settings, asked in parallel with the bootstrap query
   * (most policies check them); settled, never rejected.
   */
  environment: Promise<EnvironmentFact | { failed: unknown }>
}

/** One page of a deployments connection, parsed. */
export interface DeploymentPage {
  list: DeploymentFact[]
  cursor: string | null
  statusPages: PageSelection[]
  statusTotals: Map<number, number | null>
}

/** Bootstrap fields whose errors are handled where they are used. */
const SPECULATIVE = new Set([
  'checks',
  'heads',
  'compare',
  'rules',
  'refUpdateRule'
])

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

function refAnswer(
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

const MAX_PAGES = 50

export async function fetchBootstrap(
  port: GitHubPort,
  req: EngineRequest
): Promise<Bootstrap> {
  const expression = `${req.policyRef ?? 'HEAD'}:${req.policyPath}`
  const environment = readEnvironment(
    port,
    {
      owner: req.owner,
      name: req.repo,
      url: `${req.serverUrl}/${req.owner}/${req.repo}`
    },
    req.environment
  ).then(
    (fact) => fact,
    (failed: unknown) => ({ failed })
  )
  const answer = await port.graphql<Json>(BOOTSTRAP_QUERY, {
    owner: req.owner,
    name: req.repo,
    sha: req.sha,
    head: req.sha,
    environment: req.environment,
    policyExpression: expression,
    policyPath: req.policyPath
  })
  const data = obj(answer.data, 'data')
  if (data.repository === null || data.repository === undefined) {
    throw new GitHubApiError(
      `repository ${req.owner}/${req.repo} was not found or the token cannot read it${errorText(answer.errors)}`,
      { permission: 'contents: read' }
    )
  }
  // The policy may simply be absent (NOT_FOUND); anything else is missing
  // data about the commit, reported once the policy is known.
  let incomplete: GitHubApiError | null = null
  try {
    assertComplete(
      answer.errors,
      `the deployed commit ${req.sha.slice(0, 7)} and its pull requests`,
      (e) =>
        (e.type === 'NOT_FOUND' &&
          (e.path ?? []).some((p) => p === 'policy' || p === 'file')) ||
        e.path?.[0] === 'recent' ||
        (e.path ?? []).some((p) => typeof p === 'string' && SPECULATIVE.has(p))
    )
  } catch (error) {
    if (!(error instanceof GitHubApiError)) throw error
    incomplete = error
  }
  const repo = obj(data.repository, 'repository')
  const defaultRef = optObj(
    repo.defaultBranchRef,
    'repository.defaultBranchRef'
  )
  if (defaultRef === null) {
    throw new ShapeError(
      `repository ${req.owner}/${req.repo} has no default branch`
    )
  }
  const defaultBranch = str(defaultRef.name, 'repository.defaultBranchRef.name')
  const policy = policyOf(repo, defaultRef, defaultBranch, req)
  const commitNode = optObj(repo.commit, 'repository.commit')
  const commit =
    commitNode === null || commitNode.oid === undefined
      ? null
      : parseCommit(commitNode, 'repository.commit')
  const found = commitNode !== null && commitNode.oid !== undefined
  const pullRequests = found ? associated(commitNode, 'repository.commit') : []
  const errorsUnder = (alias: string): GraphQLError[] =>
    answer.errors.filter(
      (e) => e.path?.[0] === 'repository' && e.path[1] === alias
    )
  const checksNode = optObj(repo.checks, 'repository.checks')
  const heads = new Map<number, RollupRead>()
  const headsNode = optObj(repo.heads, 'repository.heads')
  const headErrors = errorsUnder('heads')
  const headPrs =
    headsNode === null
      ? null
      : optObj(
          headsNode.associatedPullRequests,
          'repository.heads.associatedPullRequests'
        )
  if (headPrs !== null) {
    connection(
      headPrs,
      'repository.heads.associatedPullRequests'
    ).nodes.forEach((n, i) => {
      const at = `repository.heads.associatedPullRequests.nodes[${i}]`
      const pr = obj(n, at)
      const number = num(pr.number, `${at}.number`)
      const last = connection(pr.headCommit, `${at}.headCommit`).nodes[0]
      const commitOf =
        last === undefined
          ? null
          : optObj(
              obj(last, `${at}.headCommit.nodes[0]`).commit,
              `${at}.headCommit.nodes[0].commit`
            )
      if (commitOf === null) return
      heads.set(
        number,
        readRollup(
          commitOf,
          str(commitOf.oid, `${at}.headCommit.oid`),
          `${at}.headCommit`,
          headErrors.filter((e) => e.path?.[4] === i)
        )
      )
    })
  }
  const recentRepo = optObj(obj(answer.data, 'data').recent, 'recent')
  return {
    repositoryUrl: str(repo.url, 'repository.url'),
    defaultBranch,
    policy,
    commit,
    pullRequests,
    incomplete,
    defaultRef: refAnswer(
      defaultRef,
      defaultBranch,
      answer.errors.filter((e) => e.path?.[1] === 'defaultBranchRef'),
      'repository.defaultBranchRef'
    ),
    checks: readRollup(
      checksNode,
      req.sha,
      'repository.checks',
      errorsUnder('checks')
    ),
    heads,
    recent: recentRepo === null ? null : recentPages(recentRepo),
    environment
  }
}

/** The bootstrap's deployment pages: the target environment's and the commit's. */
function recentPages(recent: Json): NonNullable<Bootstrap['recent']> {
  const shipped = optObj(recent.shipped, 'recent.shipped')
  return {
    here: deploymentPage(recent.here, 'recent.here'),
    shipped:
      shipped === null || shipped.deployments === undefined
        ? null
        : deploymentPage(shipped.deployments, 'recent.shipped.deployments')
  }
}

/** The policy blob of a `repository` answer (BOOTSTRAP_QUERY or POLICY_QUERY). */
function policyOf(
  repo: Json,
  defaultRef: Json,
  defaultBranch: string,
  req: { policyPath: string; policyRef: string | null }
): Bootstrap['policy'] {
  const blob =
    optObj(repo.policy, 'repository.policy') ??
    (req.policyRef === null ? defaultBranchFile(defaultRef) : null)
  const ref = req.policyRef ?? defaultBranch
  let policy: Bootstrap['policy']
  if (blob === null || typeof blob.text !== 'string') {
    policy = {
      missing:
        blob === null
          ? `no policy file at ${req.policyPath} on ${ref}`
          : `the policy file ${req.policyPath} on ${ref} is binary`
    }
  } else if (blob.isTruncated === true) {
    policy = {
      missing: `the policy file ${req.policyPath} on ${ref} is too large`
    }
  } else {
    policy = {
      text: blob.text,
      blobSha: str(blob.oid, 'repository.policy.oid'),
      ref
    }
  }
  return policy
}

/**
 * The policy alone, for what needs no commit (the access matrix, audits):
 * the same reading as the bootstrap's, from `policy-ref` or the default branch.
 */
export async function fetchPolicy(
  port: GitHubPort,
  req: {
    owner: string
    repo: string
    policyPath: string
    policyRef: string | null
  }
): Promise<{
  repositoryUrl: string
  defaultBranch: string
  policy: Bootstrap['policy']
}> {
  const answer = await port.graphql<Json>(POLICY_QUERY, {
    owner: req.owner,
    name: req.repo,
    policyExpression: `${req.policyRef ?? 'HEAD'}:${req.policyPath}`,
    policyPath: req.policyPath
  })
  const data = obj(answer.data, 'data')
  const repo = optObj(data.repository, 'repository')
  if (repo === null) {
    throw new GitHubApiError(
      `repository ${req.owner}/${req.repo} was not found or the token cannot read it${errorText(answer.errors)}`,
      { permission: 'contents: read' }
    )
  }
  assertComplete(answer.errors, 'the policy', (e) => e.type === 'NOT_FOUND')
  const defaultRef = optObj(
    repo.defaultBranchRef,
    'repository.defaultBranchRef'
  )
  if (defaultRef === null) {
    throw new ShapeError(
      `repository ${req.owner}/${req.repo} has no default branch`
    )
  }
  const defaultBranch = str(defaultRef.name, 'repository.defaultBranchRef.name')
  return {
    repositoryUrl: str(repo.url, 'repository.url'),
    defaultBranch,
    policy: policyOf(repo, defaultRef, defaultBranch, req)
  }
}

function defaultBranchFile(ref: Json): Json | null {
  const target = optObj(ref.target, 'repository.defaultBranchRef.target')
  const file =
    target === null ? null : optObj(target.file, 'defaultBranchRef.target.file')
  return file === null
    ? null
    : optObj(file.object, 'defaultBranchRef.target.file.object')
}

export function associated(
  commitNode: Json,
  path: string
): ParsedPullRequest[] {
  const prs = optObj(
    commitNode.associatedPullRequests,
    `${path}.associatedPullRequests`
  )
  if (prs === null) return []
  return connection(prs, `${path}.associatedPullRequests`).nodes.map((n, i) =>
    parsePullRequest(n, `${path}.associatedPullRequests.nodes[${i}]`)
  )
}

export function errorText(errors: GraphQLError[]): string {
  return errors.length === 0
    ? ''
    : ` (${errors.map((e) => e.message).join('; ')})`
}

function errorAt(
  errors: GraphQLError[],
  alias: string
): GraphQLError | undefined {
  return errorsAt(errors, alias)[0]
}

function errorsAt(errors: GraphQLError[], alias: string): GraphQLError[] {
  return errors.filter((e) => e.path !== undefined && e.path.includes(alias))
}

/** The permission a GraphQL error on this path most likely lacks. */
function permissionForPath(path: (string | number)[] | undefined): string {
  const joined = (path ?? []).join('.')
  if (/deployments|statuses/.test(joined)) return 'deployments: read'
  if (/ullRequest|reviews|\.p\d+/.test(joined)) return 'pull-requests: read'
  return 'contents: read'
}

/**
 * GitHub answers GraphQL with data and errors together when part of the
 * answer could not be read. Any error left after `tolerated` means a fact is
 * missing, and a missing fact must never read as "none": block, naming it.
 */
export function assertComplete(
  errors: GraphQLError[],
  what: string,
  tolerated: (e: GraphQLError) => boolean = () => false
): void {
  const left = errors.filter((e) => !tolerated(e))
  const first = left[0]
  if (first === undefined) return
  const forbidden = left.find(
    (e) => e.type === 'FORBIDDEN' || /not accessible/i.test(e.message)
  )
  const permission =
    forbidden === undefined ? undefined : permissionForPath(forbidden.path)
  throw new GitHubApiError(
    `${what} could not be read completely: ${left.map((e) => e.message).join('; ')}`,
    {
      permission,
      hint:
        permission === undefined
          ? undefined
          : `The token probably lacks the \`${permission}\` permission.`
    }
  )
}

function unreadable(permission: string, detail: string): Unreadable {
  return { unreadable: true, permission, detail }
}

const isGlob = (pattern: string): boolean => /[*?[\]{}()!+@]/.test(pattern)
const globPrefix = (pattern: string): string =>
  pattern.split(/[*?[\]{}()!+@]/)[0] ?? ''

/**
 * Commits per changes query. GitHub refuses a query that may return more than
 * 500,000 nodes, counting each connection's `first` times its parents'
 * (docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api#node-limit);
 * one commit with its pull requests, their commits' authors and reviews may
 * be about 24,000 (__tests__/engine/gather/node-limit.test.ts counts them).
 */
export const CHANGES_PER_QUERY = 20

export async function gatherFacts(
  port: GitHubPort,
  req: EngineRequest,
  boot: Bootstrap,
  commit: CommitFact,
  policy: EnvironmentPolicy,
  chain: string[],
  logger: Logger,
  now: Date
): Promise<Facts> {
  const owner = req.owner
  const ctx: DeploymentContext = {
    owner,
    repo: req.repo,
    serverUrl: req.serverUrl,
    sha: req.sha,
    trustedDeployers: policy.trustedDeployers
  }
  const previous = (list: DeploymentFact[]): string | null =>
    previousSuccess(list, req.environment, ctx, now.getTime())
  const repo = req.repo
  const envs = [...chain]
  if (policy.scope === 'range' && !envs.includes(req.environment)) {
    envs.push(req.environment)
  }
  const literal = policy.branches.filter((b) => !isGlob(b))
  const globs = policy.branches.filter(isGlob)
  const rulesFor = (branch: string): Promise<RulesetRuleFact[] | Unreadable> =>
    port
      .rest('GET /repos/{owner}/{repo}/rules/branches/{branch}', {
        owner,
        repo,
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

  // Round trip 2, with everything that does not depend on its answer.
  // What the bootstrap already answered, ahead of knowing the policy, is not
  // asked again: an environment whose deployments the repository's latest
  // page settles, and the default branch's comparison with the commit.
  const deployments = new Map<string, DeploymentFact[] | Unreadable>()
  const statusPages: PageSelection[] = []
  const statusTotals = new Map<number, number | null>()
  const recent = boot.recent
  if (recent !== null) {
    // The target environment's latest page settles it when the range's start
    // (its previous success) is on it; an upstream environment is settled by
    // the commit's own deployments when they all fit on one page and only
    // the very same commit counts (`match: commit`).
    const settledBy = (env: string): DeploymentPage | null => {
      if (env === req.environment && !chain.includes(env)) {
        const here = recent.here
        return here.cursor === null || previous(here.list) !== null
          ? here
          : null
      }
      const shipped = recent.shipped
      return policy.match === 'commit' &&
        shipped !== null &&
        shipped.cursor === null
        ? shipped
        : null
    }
    for (const env of envs) {
      const page = settledBy(env)
      if (page === null) continue
      const list = page.list.filter((d) => d.environment === env)
      deployments.set(env, list)
      const ids = new Set(list.map((d) => d.id))
      statusPages.push(
        ...page.statusPages.filter((p) => ids.has(Number(p.alias.slice(1))))
      )
      for (const id of ids)
        statusTotals.set(id, page.statusTotals.get(id) ?? null)
    }
  }
  const deploymentSel: DeploymentSelection[] = envs
    .filter((environment) => !deployments.has(environment))
    .map((environment, i) => ({
      alias: `d${i}`,
      environment,
      after: null
    }))
  const known = new Map<string, RefAnswer>()
  if (literal.includes(boot.defaultBranch)) {
    known.set(boot.defaultBranch, boot.defaultRef)
  }
  const refSel: RefSelection[] = [
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
  const needApprovals =
    policy.approvals.environment > 0 || req.breakGlassReason !== null
  const repository = {
    owner,
    name: repo,
    url: boot.repositoryUrl
  }
  const defaultRules =
    known.get(boot.defaultBranch)?.rules === null
      ? rulesFor(boot.defaultBranch)
      : null
  // Teams named in approvals.reviewers: their members decide who may
  // approve (GET /orgs/{org}/teams/{slug}/members, `members: read`).
  const teamEntries = (policy.approvals.reviewers ?? []).filter((entry) =>
    entry.includes('/')
  )
  const [context, approvals, environmentSettings, rollups, reviewerTeams] =
    await Promise.all([
      runContext(port, req, deploymentSel, refSel),
      needApprovals ? fetchApprovals(port, req) : Promise.resolve(null),
      policy.environmentProtection === false
        ? Promise.resolve(null)
        : boot.environment.then((got) => {
            if ('failed' in got) throw got.failed
            return got
          }),
      policy.checks === false
        ? Promise.resolve(null)
        : completeRollups(port, repository, [
            boot.checks,
            ...boot.heads.values()
          ]),
      teamEntries.length === 0
        ? Promise.resolve(undefined)
        : readTeams(port, teamEntries).then((m) => Object.fromEntries(m))
    ])

  // Deployments: further pages only where the answer may lie beyond page one.
  let pending = deploymentSel.map((sel) => ({ sel, pages: 1 }))
  let answer = context
  statusPages.push(...context.statusPages)
  for (const [id, total] of context.statusTotals) statusTotals.set(id, total)
  for (;;) {
    const next: { sel: DeploymentSelection; pages: number }[] = []
    for (const { sel, pages } of pending) {
      const got = answer.deployments.get(sel.alias)
      if (got === undefined) continue
      if ('unreadable' in got) {
        deployments.set(sel.environment, got)
        continue
      }
      const list = [
        ...((deployments.get(sel.environment) as
          DeploymentFact[] | undefined) ?? []),
        ...got.list
      ]
      deployments.set(sel.environment, list)
      if (got.cursor === null) continue
      if (
        !wantMore(sel.environment, list, req, commit, policy, chain, previous)
      )
        continue
      if (pages >= MAX_PAGES) {
        throw new GitHubApiError(
          `more than ${MAX_PAGES * 100} deployments to ${sel.environment}; the gate stops reading there`
        )
      }
      next.push({ sel: { ...sel, after: got.cursor }, pages: pages + 1 })
    }
    if (next.length === 0) break
    logger.debug(
      `reading further pages of deployments: ${next.map((n) => n.sel.environment).join(', ')}`
    )
    answer = await runContext(
      port,
      req,
      next.map((n) => n.sel),
      []
    )
    statusPages.push(...answer.statusPages)
    for (const [id, total] of answer.statusTotals) statusTotals.set(id, total)
    pending = next
  }
  await completeStatuses(port, req, statusPages, deployments, statusTotals)

  // Branches: which exist, which contain the commit, their rules and protection.
  const refs: RefAnswer[] = [...known.values(), ...context.refs]
  let globPending = context.globCursors
  while (globPending.length > 0) {
    const more = await runContext(port, req, [], globPending)
    refs.push(...more.refs)
    globPending = more.globCursors
  }
  const seen = new Set<string>()
  const matching = refs.filter((ref) => {
    if (seen.has(ref.name)) return false
    seen.add(ref.name)
    return policy.branches.some((g) => minimatch(ref.name, g))
  })
  const branches: BranchFact[] = await Promise.all(
    matching.map(async (ref) => {
      const containsCommit =
        ref.contains ?? (await containsByRest(port, req, ref.name))
      // GraphQL's rules when it gave them; else REST, for a branch that
      // holds the commit or that the policy names.
      const rules =
        ref.rules ??
        (ref.name === boot.defaultBranch && defaultRules !== null
          ? await defaultRules
          : containsCommit || literal.includes(ref.name)
            ? await rulesFor(ref.name)
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
  // "Protected branches only" counts classic protection alone (see
  // rules/environment.ts), so that setting needs the classic rules read.
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
      b.classic = await classicProtection(port, owner, repo, b.name)
    })
  )
  if (settings !== null && onlyProtected) {
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

  // Scope: the changes since the previous successful deployment here.
  const upstream: Record<string, DeploymentFact[] | Unreadable> = {}
  for (const env of chain) upstream[env] = deployments.get(env) ?? []
  const scope = await changesInScope(
    port,
    req,
    boot,
    commit,
    policy,
    deployments.get(req.environment) ?? [],
    previous
  )

  const run = {
    ...req.run,
    approvals
  }
  return {
    repository: {
      owner,
      name: repo,
      url: boot.repositoryUrl,
      defaultBranch: boot.defaultBranch
    },
    serverUrl: req.serverUrl,
    environment: req.environment,
    sha: req.sha,
    commit,
    deployer: req.deployer,
    changes: scope.changes,
    scope: scope.scope,
    upstream,
    branches,
    run,
    environmentSettings,
    checks:
      rollups === null
        ? null
        : checksFact(rollups, scope.changes[0]?.pullRequest ?? null, boot),
    ...(reviewerTeams === undefined ? {} : { reviewerTeams })
  }
}

/** The deployed commit's results, and its pull request's final head's. */
function checksFact(
  rollups: CommitChecksFact[],
  pullRequest: { number: number; headRefOid: string } | null,
  boot: Bootstrap
): ChecksFact {
  const [commit, ...heads] = rollups
  if (commit === undefined) throw new Error('no rollup for the deployed commit')
  if (pullRequest === null) return { commit, pullRequestHead: null }
  const numbers = [...boot.heads.keys()]
  const i = numbers.indexOf(pullRequest.number)
  const head = i < 0 ? undefined : heads[i]
  return {
    commit,
    pullRequestHead:
      head !== undefined && head.sha === pullRequest.headRefOid
        ? { ...head, pullRequest: pullRequest.number }
        : {
            sha: pullRequest.headRefOid,
            pullRequest: pullRequest.number,
            results: {
              unreadable: true,
              permission: 'pull-requests: read',
              detail: `the checks of pull request #${pullRequest.number}'s final head were not returned`
            }
          }
  }
}

interface ContextAnswer {
  deployments: Map<
    string,
    { list: DeploymentFact[]; cursor: string | null } | Unreadable
  >
  statusPages: PageSelection[]
  /** deployment id -> how many statuses GitHub says it has */
  statusTotals: Map<number, number | null>
  refs: RefAnswer[]
  globCursors: RefSelection[]
}

async function runContext(
  port: GitHubPort,
  req: EngineRequest,
  deployments: DeploymentSelection[],
  refs: RefSelection[]
): Promise<ContextAnswer> {
  const out: ContextAnswer = {
    deployments: new Map(),
    statusPages: [],
    statusTotals: new Map(),
    refs: [],
    globCursors: []
  }
  if (deployments.length === 0 && refs.length === 0) return out
  const { query, variables } = contextQuery(deployments, refs, req.sha)
  const answer = await port.graphql<Json>(query, {
    owner: req.owner,
    name: req.repo,
    ...variables
  })
  const repo = optObj(obj(answer.data, 'data').repository, 'repository')
  if (repo === null) {
    // `deployments` is non-null in GitHub's schema: an error on it nulls the
    // whole repository (GraphQL's null propagation), so name it here.
    const envs = deployments
      .filter((d) => errorAt(answer.errors, d.alias) !== undefined)
      .map((d) => d.environment)
    if (envs.length > 0) {
      throw new GitHubApiError(
        `the deployments of ${envs.join(', ')} could not be read${errorText(answer.errors)}: the token needs \`deployments: read\``,
        { permission: 'deployments: read' }
      )
    }
    throw new GitHubApiError(
      `repository ${req.owner}/${req.repo} could not be read${errorText(answer.errors)}`
    )
  }
  // Tolerated, because handled below: a whole environment's deployments
  // unreadable (reported per environment), and a branch comparison GitHub
  // could not make (asked again over REST).
  const aliases = new Set(deployments.map((d) => d.alias))
  assertComplete(answer.errors, 'the deployments and branches', (e) => {
    const path = e.path ?? []
    const alias = path[1]
    return (
      (typeof alias === 'string' &&
        aliases.has(alias) &&
        path.length === 2 &&
        (repo[alias] === null || repo[alias] === undefined)) ||
      path.includes('compare') ||
      path.includes('rules') ||
      path.includes('refUpdateRule')
    )
  })
  for (const sel of deployments) {
    const value = repo[sel.alias]
    if (value === null || value === undefined) {
      const err = errorAt(answer.errors, sel.alias)
      out.deployments.set(
        sel.alias,
        unreadable(
          'deployments: read',
          err?.message ?? 'GitHub returned no deployments'
        )
      )
      continue
    }
    const page = deploymentPage(value, `deployments(${sel.environment})`)
    out.statusPages.push(...page.statusPages)
    for (const [id, total] of page.statusTotals) out.statusTotals.set(id, total)
    out.deployments.set(sel.alias, { list: page.list, cursor: page.cursor })
  }
  for (const sel of refs) {
    const value = repo[sel.alias]
    if (!sel.glob) {
      const ref = optObj(value, `ref(${sel.name})`)
      if (ref === null) {
        const err = errorAt(answer.errors, sel.alias)
        if (err !== undefined) {
          throw new GitHubApiError(
            `branch ${sel.name} could not be read: ${err.message}`,
            {
              permission: 'contents: read'
            }
          )
        }
        continue // the branch does not exist
      }
      out.refs.push(
        refAnswer(
          ref,
          sel.name,
          errorsAt(answer.errors, sel.alias),
          `ref(${sel.name})`
        )
      )
      continue
    }
    const c = connection(value, `refs(${sel.name})`)
    c.nodes.forEach((n, i) => {
      const ref = obj(n, `refs(${sel.name}).nodes[${i}]`)
      const name = str(ref.name, `refs(${sel.name}).nodes[${i}].name`)
      out.refs.push(
        refAnswer(
          ref,
          name,
          errorsAt(answer.errors, sel.alias).filter((e) => e.path?.[3] === i),
          `refs(${sel.name}).nodes[${i}]`
        )
      )
    })
    if (c.hasNextPage && c.endCursor !== null) {
      out.globCursors.push({ ...sel, after: c.endCursor })
    }
  }
  return out
}

/** A deployments connection: its deployments, next cursor and status pages to read. */
export function deploymentPage(value: unknown, label: string): DeploymentPage {
  const page: DeploymentPage = {
    list: [],
    cursor: null,
    statusPages: [],
    statusTotals: new Map()
  }
  const c = connection(value, label)
  page.list = c.nodes.map((n, i) => {
    const parsed = parseDeployment(n, `${label}.nodes[${i}]`)
    page.statusTotals.set(parsed.fact.id, parsed.statusesTotal)
    if (parsed.statusesCursor !== null) {
      page.statusPages.push({
        alias: `s${parsed.fact.id}`,
        id: parsed.id,
        kind: 'statuses',
        after: parsed.statusesCursor
      })
    }
    return parsed.fact
  })
  page.cursor = c.hasNextPage ? c.endCursor : null
  return page
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

function wantMore(
  env: string,
  list: DeploymentFact[],
  req: EngineRequest,
  commit: CommitFact,
  policy: EnvironmentPolicy,
  chain: string[],
  previous: (list: DeploymentFact[]) => string | null
): boolean {
  if (env === req.environment && !chain.includes(env)) {
    // The range starts at the previous successful deployment: stop once found.
    return previous(list) === null
  }
  if (policy.match === 'tree') return true
  // Newest first: a deployment of this commit cannot predate the commit.
  // (A forged future commit date only makes the gate read less and block.)
  const oldest = list[list.length - 1]
  return (
    oldest !== undefined &&
    Date.parse(oldest.createdAt) >= Date.parse(commit.committedDate)
  )
}

export async function completeStatuses(
  port: GitHubPort,
  req: Pick<EngineRequest, 'owner' | 'repo'>,
  pages: PageSelection[],
  deployments: Map<string, DeploymentFact[] | Unreadable>,
  totals: Map<number, number | null>
): Promise<void> {
  const byId = new Map<number, DeploymentFact>()
  for (const list of deployments.values()) {
    if ('unreadable' in list) continue
    for (const d of list) byId.set(d.id, d)
  }
  let todo = pages
  while (todo.length > 0) {
    const { query, variables } = pagesQuery(todo, {
      owner: req.owner,
      name: req.repo
    })
    const answer = await port.graphql<Json>(query, variables)
    assertComplete(answer.errors, 'further pages')
    const data = obj(answer.data, 'data')
    const next: PageSelection[] = []
    for (const p of todo) {
      const node = obj(data[p.alias], p.alias)
      const c = connection(node.statuses, `${p.alias}.statuses`)
      const d = byId.get(Number(p.alias.slice(1)))
      d?.statuses.push(
        ...c.nodes.map((n, i) => parseStatus(n, `${p.alias}.statuses[${i}]`))
      )
      if (c.hasNextPage && c.endCursor !== null)
        next.push({ ...p, after: c.endCursor })
    }
    todo = next
  }
  for (const d of byId.values()) {
    const total = totals.get(d.id) ?? null
    if (total !== null && d.statuses.length < total) {
      throw new GitHubApiError(
        `GitHub listed ${d.statuses.length} of the ${total} statuses of deployment #${d.id}: whether it failed later cannot be verified`
      )
    }
    d.statuses = chronological(d.statuses)
  }
}

export async function fetchApprovals(
  port: GitHubPort,
  req: Pick<EngineRequest, 'owner' | 'repo'> & { run: { id: number | null } }
): Promise<EnvironmentApprovalFact[] | Unreadable | null> {
  const runId = req.run.id
  if (runId === null) return null
  return readOr('actions: read', async () => {
    const r = await port.rest(
      'GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals',
      {
        owner: req.owner,
        repo: req.repo,
        run_id: runId
      }
    )
    return arr(r.data, 'approvals').map((item, i) => {
      const a = obj(item, `approvals[${i}]`)
      const user = parseActor(a.user, `approvals[${i}].user`)
      if (user === null) throw new ShapeError(`approvals[${i}].user: missing`)
      const state = str(a.state, `approvals[${i}].state`)
      return {
        user,
        state: state === 'approved' ? 'approved' : 'rejected',
        environments: arr(a.environments, `approvals[${i}].environments`).map(
          (e, j) =>
            str(
              obj(e, `approvals[${i}].environments[${j}]`).name,
              `approvals[${i}].environments[${j}].name`
            )
        ),
        comment: typeof a.comment === 'string' ? a.comment : ''
      }
    })
  })
}

async function classicProtection(
  port: GitHubPort,
  owner: string,
  repo: string,
  branch: string
): Promise<BranchFact['classic']> {
  try {
    const r = await port.rest(
      'GET /repos/{owner}/{repo}/branches/{branch}/protection',
      {
        owner,
        repo,
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

async function changesInScope(
  port: GitHubPort,
  req: EngineRequest,
  boot: Bootstrap,
  commit: CommitFact,
  policy: EnvironmentPolicy,
  here: DeploymentFact[] | Unreadable,
  previousOf: (list: DeploymentFact[]) => string | null
): Promise<{ changes: ChangeFact[]; scope: Facts['scope'] }> {
  /** Each change with the pull request it came through, all pages read. */
  const resolve = async (
    list: { commit: CommitFact; candidates: ParsedPullRequest[] }[]
  ): Promise<ChangeFact[]> => {
    const chosen = list.map((c) => ({
      commit: c.commit,
      pr: choosePullRequest(c.commit, c.candidates, policy)
    }))
    await completePullRequests(
      port,
      req,
      chosen.flatMap((c) => (c.pr === null ? [] : [c.pr]))
    )
    return chosen.map((c) => ({
      commit: c.commit,
      pullRequest: c.pr?.fact ?? null
    }))
  }
  const headOnly = (): Promise<ChangeFact[]> =>
    resolve([{ commit, candidates: boot.pullRequests }])

  if (policy.scope === 'head') {
    return {
      changes: await headOnly(),
      scope: { kind: 'head', since: null, note: null }
    }
  }
  if ('unreadable' in here) {
    throw new GitHubApiError(
      `the deployments to ${req.environment} could not be read, so the changes since the last one are unknown: ${here.detail}`,
      { permission: here.permission }
    )
  }
  const previous = previousOf(here)
  if (
    previous === null ||
    previous === commit.oid ||
    commit.parents[0] === previous
  ) {
    return {
      changes: await headOnly(),
      scope: {
        kind: 'range',
        since: previous,
        note:
          previous === null
            ? `no earlier successful deployment to ${req.environment}: only the deployed change is in scope`
            : null
      }
    }
  }
  const chainOids = await firstParentChain(port, req, previous, commit.oid)
  if (chainOids === null) {
    return {
      changes: await headOnly(),
      scope: {
        kind: 'range',
        since: previous,
        note: `${commit.oid.slice(0, 7)} is not ahead of the previous deployment ${previous.slice(0, 7)} (a rollback): only the deployed change is in scope`
      }
    }
  }
  const found = new Map<
    string,
    { commit: CommitFact; candidates: ParsedPullRequest[] }
  >([[commit.oid, { commit, candidates: boot.pullRequests }]])
  const others = chainOids.filter((oid) => oid !== commit.oid)
  const batches: string[][] = []
  for (let i = 0; i < others.length; i += CHANGES_PER_QUERY)
    batches.push(others.slice(i, i + CHANGES_PER_QUERY))
  // The batches do not depend on each other: one round trip for all.
  await Promise.all(
    batches.map(async (batch) => {
      const { query, variables } = changesQuery(batch)
      const answer = await port.graphql<Json>(query, {
        owner: req.owner,
        name: req.repo,
        ...variables
      })
      assertComplete(answer.errors, 'the changes since the previous deployment')
      const repo = obj(obj(answer.data, 'data').repository, 'repository')
      batch.forEach((oid, j) => {
        const node = obj(repo[`c${j}`], `commit ${oid}`)
        found.set(oid, {
          commit: parseCommit(node, `commit ${oid}`),
          candidates: associated(node, `commit ${oid}`)
        })
      })
    })
  )
  return {
    changes: await resolve(
      chainOids.map(
        (oid) =>
          found.get(oid) as {
            commit: CommitFact
            candidates: ParsedPullRequest[]
          }
      )
    ),
    scope: { kind: 'range', since: previous, note: null }
  }
}

/**
 * The first-parent chain from `head` back to (not including) `base`: each
 * entry is one change that entered the branch (a merge, a squash, a direct
 * push). Null when head is not ahead of base.
 */
async function firstParentChain(
  port: GitHubPort,
  req: EngineRequest,
  base: string,
  head: string
): Promise<string[] | null> {
  const route = 'GET /repos/{owner}/{repo}/compare/{basehead}'
  const params = {
    owner: req.owner,
    repo: req.repo,
    basehead: `${base}...${head}`,
    per_page: 100
  }
  const first = obj(
    (await port.rest(route, { ...params, page: 1 })).data,
    'compare'
  )
  const status = str(first.status, 'compare.status')
  if (status !== 'ahead' && status !== 'diverged') return null
  const total =
    typeof first.total_commits === 'number' ? first.total_commits : 0
  const pages = Math.ceil(total / 100)
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, pages - 1) }, (_v, i) =>
      port
        .rest(route, { ...params, page: i + 2 })
        .then((r) => obj(r.data, 'compare'))
    )
  )
  const parents = new Map<string, string[]>()
  for (const page of [first, ...rest]) {
    arr(page.commits, 'compare.commits').forEach((c, i) => {
      const item = obj(c, `compare.commits[${i}]`)
      parents.set(
        str(item.sha, `compare.commits[${i}].sha`),
        arr(item.parents, `compare.commits[${i}].parents`).map((p, j) =>
          str(
            obj(p, `compare.commits[${i}].parents[${j}]`).sha,
            `compare.commits[${i}].parents[${j}].sha`
          )
        )
      )
    })
  }
  if (!parents.has(head)) {
    throw new ShapeError(
      `compare ${base.slice(0, 7)}...${head.slice(0, 7)} does not list the deployed commit`
    )
  }
  const chain: string[] = []
  for (
    let oid: string | undefined = head;
    oid !== undefined && parents.has(oid);
  ) {
    chain.push(oid)
    oid = parents.get(oid)?.[0]
  }
  return chain
}

/** The pull request a commit entered the branch through, if any. */
export function choosePullRequest(
  commit: CommitFact,
  candidates: ParsedPullRequest[],
  policy: EnvironmentPolicy
): ParsedPullRequest | null {
  const merged = candidates.filter(
    (c) =>
      c.fact.merged &&
      policy.branches.some((g) => minimatch(c.fact.baseRefName, g))
  )
  return (
    merged.find((c) => c.fact.mergeCommitOid === commit.oid) ??
    merged.find((c) => c.fact.commits.some((x) => x.oid === commit.oid)) ??
    // Rebase merges: GitHub associates the rebased copies with the pull request.
    merged[0] ??
    null
  )
}

/** Every commit and review of the chosen pull requests, all pages. */
export async function completePullRequests(
  port: GitHubPort,
  req: Pick<EngineRequest, 'owner' | 'repo'>,
  prs: ParsedPullRequest[]
): Promise<void> {
  const byNumber = new Map<number, ParsedPullRequest[]>()
  // One parsed copy per commit that led to the pull request; each gets
  // every page, and none twice.
  for (const pr of new Set(prs)) {
    const n = pr.fact.number
    byNumber.set(n, [...(byNumber.get(n) ?? []), pr])
  }
  type PullPage = Extract<PageSelection, { kind: 'commits' | 'reviews' }>
  let todo: PullPage[] = []
  for (const [number, copies] of byNumber) {
    const pr = copies[0] as ParsedPullRequest
    const alias = (): string => `p${todo.length}`
    if (pr.commitsCursor !== null) {
      todo.push({
        alias: alias(),
        number,
        kind: 'commits',
        after: pr.commitsCursor
      })
    }
    if (pr.reviewsCursor !== null) {
      todo.push({
        alias: alias(),
        number,
        kind: 'reviews',
        after: pr.reviewsCursor
      })
    }
  }
  const repository = { owner: req.owner, name: req.repo }
  while (todo.length > 0) {
    const { query, variables } = pagesQuery(todo, repository)
    const answer = await port.graphql<Json>(query, variables)
    assertComplete(answer.errors, 'further pages of pull requests')
    const repo = obj(obj(answer.data, 'data').repository, 'repository')
    const next: PullPage[] = []
    for (const p of todo) {
      const node = optObj(repo[p.alias], p.alias)
      if (node === null) {
        throw new GitHubApiError(
          `pull request #${p.number} could not be read further${errorText(answer.errors)}`,
          { permission: 'pull-requests: read' }
        )
      }
      const c = connection(node[p.kind], `#${p.number}.${p.kind}`)
      for (const pr of byNumber.get(p.number) ?? []) {
        if (p.kind === 'commits') {
          pr.fact.commits.push(
            ...c.nodes.map((n, i) =>
              parseCommit(
                obj(n, `#${p.number}.commits[${i}]`).commit,
                `#${p.number}.commits[${i}].commit`
              )
            )
          )
        } else {
          pr.fact.reviews.push(
            ...c.nodes.map((n, i) =>
              parseReview(n, `#${p.number}.reviews[${i}]`)
            )
          )
        }
      }
      if (c.hasNextPage && c.endCursor !== null) {
        next.push({ ...p, after: c.endCursor })
      }
    }
    todo = next
  }
  // GitHub stops listing a pull request's commits at 250 (its REST docs say
  // so; "List commits on a pull request"). What was not listed cannot be
  // checked: a maker could hide there. Block rather than judge a part.
  for (const [number, copies] of byNumber) {
    const pr = copies[0] as ParsedPullRequest
    const read = {
      commits: pr.fact.commits.length,
      reviews: pr.fact.reviews.length
    }
    if (pr.commitsTotal !== null && read.commits < pr.commitsTotal) {
      throw new GitHubApiError(
        `GitHub listed ${read.commits} of the ${pr.commitsTotal} commits of pull request #${number}: the makers of the others cannot be verified`,
        { hint: 'Split the change into pull requests of at most 250 commits.' }
      )
    }
    if (pr.reviewsTotal !== null && read.reviews < pr.reviewsTotal) {
      throw new GitHubApiError(
        `GitHub listed ${read.reviews} of the ${pr.reviewsTotal} reviews of pull request #${number}: a later review that withdraws an approval cannot be ruled out`
      )
    }
  }
}
