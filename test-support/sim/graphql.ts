// GraphQL endpoint of the simulator: graphql-js executes queries against
// GitHub's real public schema (@octokit/graphql-schema). Resolvers are plain
// objects built from the model: a property is a field, a method
// `(args) => value` a field with arguments; interfaces and unions resolve by
// `__typename`. Errors are shaped as GitHub sends them: `type`, `path`,
// `locations`, `message`.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  buildSchema,
  execute,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type GraphQLResolveInfo,
  type GraphQLSchema
} from 'graphql'
import {
  ancestors,
  coAuthorsOf,
  commitsBetween,
  getCommit,
  latestCheckRuns,
  latestCommitStatuses,
  latestStatus,
  GITHUB_ACTIONS_APP,
  mergeBase,
  protectionFor,
  pullCommits,
  pullHeadOid,
  pullsForCommit,
  resolveRef,
  roleOf,
  rulesetAppliesTo,
  type BranchProtection,
  type CheckApp,
  type CheckRun,
  type Commit,
  type CommitStatus,
  type Deployment,
  type DeploymentStatus,
  type Environment,
  type Issue,
  type IssueEvent,
  type IssueStateReason,
  type Label,
  type PullRequest,
  type Repository,
  type Review,
  type Ruleset,
  type RulesetRule,
  type Simulator,
  type Team,
  type Token,
  type User,
  type WorkflowRun
} from './model.js'
import { blobOid } from './git.js'
import {
  DEFAULT_POINTS_PER_HOUR,
  GraphqlBudgets,
  type BudgetState
} from './graphql-budget.js'
import { NODE_LIMIT, nodeLimitError, queryCost } from './graphql-cost.js'
import type { Answer } from './http.js'
import {
  authorAssociation,
  iso,
  nodeId,
  workflowDatabaseId,
  type ShapeContext
} from './rest-shapes.js'

let schemaCache: GraphQLSchema | undefined

/**
 * GitHub's public schema, built once. `assumeValidSDL`: the published SDL
 * defines a few fields twice (e.g. EnterpriseOwnerInfo.repositoryDeployKeySetting),
 * which strict SDL validation rejects.
 */
export function githubSchema(): GraphQLSchema {
  if (schemaCache === undefined) {
    schemaCache = buildSchema(readFileSync(schemaFile(), 'utf8'), {
      assumeValidSDL: true
    })
  }
  return schemaCache
}

/**
 * schema.graphql of @octokit/graphql-schema. The package exports only its
 * index (which eagerly parses the 5 MB JSON schema), so the file is found by
 * walking up to node_modules from here and from the working directory.
 */
function schemaFile(): string {
  const rel = join(
    'node_modules',
    '@octokit',
    'graphql-schema',
    'schema.graphql'
  )
  for (const start of [
    dirname(fileURLToPath(import.meta.url)),
    process.cwd()
  ]) {
    let dir = start
    for (;;) {
      const candidate = join(dir, rel)
      if (existsSync(candidate)) return candidate
      const up = dirname(dir)
      if (up === dir) break
      dir = up
    }
  }
  throw new Error('cannot find @octokit/graphql-schema/schema.graphql')
}

interface Ctx {
  sim: Simulator
  token: Token
  shape: ShapeContext
  /** what this query costs and the budget after it (`rateLimit`) */
  rate: { cost: number; nodeCount: number; budget: BudgetState }
}

type Obj = Record<string, unknown>

interface ConnArgs {
  first?: number | null
  last?: number | null
  after?: string | null
  before?: string | null
}

function gqlError(
  type: string,
  message: string,
  extensions: Obj = {}
): GraphQLError {
  return new GraphQLError(message, { extensions: { type, ...extensions } })
}

// https://docs.github.com/en/graphql/guides/using-pagination-in-the-graphql-api
// "you must supply a first or last argument on any connection. The value of
// these arguments must be between 1 and 100." Messages as GitHub words them.
function checkBounds(args: ConnArgs, info: GraphQLResolveInfo): void {
  const name = info.fieldName
  const first = args.first ?? null
  const last = args.last ?? null
  if (first === null && last === null) {
    throw gqlError(
      'MISSING_PAGINATION_BOUNDARIES',
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`
    )
  }
  if (first !== null && first > 100) {
    throw gqlError(
      'EXCESSIVE_PAGINATION',
      `Requesting ${first} records on the \`${name}\` connection exceeds the \`first\` limit of 100 records.`
    )
  }
  if (last !== null && last > 100) {
    throw gqlError(
      'EXCESSIVE_PAGINATION',
      `Requesting ${last} records on the \`${name}\` connection exceeds the \`last\` limit of 100 records.`
    )
  }
}

function cursor(index: number): string {
  return Buffer.from(`cursor:v2:${index}`).toString('base64')
}

function fromCursor(c: string | null | undefined): number | null {
  if (c === null || c === undefined) return null
  const m = /^cursor:v2:(\d+)$/.exec(Buffer.from(c, 'base64').toString('utf8'))
  if (m === null) {
    throw gqlError(
      'INVALID_CURSOR_ARGUMENTS',
      `\`${c}\` does not appear to be a valid cursor.`
    )
  }
  return Number(m[1])
}

/** A Relay connection over a list, with GitHub's bounds. */
function connection<T>(
  items: T[],
  args: ConnArgs,
  info: GraphQLResolveInfo,
  toNode: (t: T) => unknown,
  extra: Obj = {}
): Obj {
  checkBounds(args, info)
  let start = 0
  let end = items.length
  const after = fromCursor(args.after)
  const before = fromCursor(args.before)
  if (after !== null) start = Math.max(start, after + 1)
  if (before !== null) end = Math.min(end, before)
  if (typeof args.first === 'number')
    end = Math.min(end, start + Math.max(0, args.first))
  if (typeof args.last === 'number')
    start = Math.max(start, end - Math.max(0, args.last))
  const edges: { cursor: string; node: unknown }[] = []
  for (let i = start; i < end; i++) {
    const item = items[i]
    if (item === undefined) continue
    edges.push({ cursor: cursor(i), node: toNode(item) })
  }
  return {
    totalCount: items.length,
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null
    },
    ...extra
  }
}

const RANK = { none: 0, read: 1, write: 2 } as const

/**
 * Field-level permission check. Without the permission GitHub answers the
 * field with null and a FORBIDDEN error "Resource not accessible by
 * integration" (the rest of the query still resolves).
 */
function need(ctx: Ctx, perm: keyof Token['permissions']): void {
  if (!readable(ctx, perm)) throw forbidden()
}

function readable(ctx: Ctx, perm: keyof Token['permissions']): boolean {
  return RANK[ctx.token.permissions[perm]] >= RANK.read
}

/**
 * GitHub's FORBIDDEN error. Thrown by a resolver it nulls that field; put
 * in a list in place of an item it nulls that item only (graphql-js treats
 * an Error value as the item's error), with the item's index in `path`.
 */
function forbidden(): GraphQLError {
  return gqlError('FORBIDDEN', 'Resource not accessible by integration', {
    saml_failure: false
  })
}

// ---------------------------------------------------------------------------
// Object builders

function actor(ctx: Ctx, user: User | null): Obj | null {
  // A deleted account: GitHub's UI shows `ghost`, the GraphQL API gives null
  // for nullable actor fields (atlassian/github-for-jira#164: "In the REST
  // API, we return the Ghost User ... In GraphQL we handle this by returning
  // null").
  if (user === null || user.deleted) return null
  return actorOf(ctx, user)
}

/** For non-null Actor fields (Deployment.creator): the ghost account. */
function actorNonNull(ctx: Ctx, user: User): Obj {
  return actorOf(ctx, user.deleted ? ctx.sim.ghost : user)
}

function actorOf(ctx: Ctx, u: User): Obj {
  const web = ctx.shape.web
  const typename =
    u.type === 'Bot'
      ? 'Bot'
      : u.type === 'Organization'
        ? 'Organization'
        : 'User'
  const login = u.type === 'Bot' ? u.login.replace(/\[bot\]$/, '') : u.login
  return {
    __typename: typename,
    id: nodeId(typename, u.id),
    databaseId: u.id,
    // A Bot's GraphQL login has no `[bot]` suffix; REST's does.
    login,
    name: u.name,
    email: u.emails[0] ?? '',
    url: u.type === 'Bot' ? `${web}/apps/${login}` : `${web}/${u.login}`,
    resourcePath: u.type === 'Bot' ? `/apps/${login}` : `/${u.login}`,
    avatarUrl: () => `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
    createdAt: iso(u.createdAt),
    isSiteAdmin: u.siteAdmin
  }
}

function teamNode(ctx: Ctx, t: Team): Obj {
  return {
    __typename: 'Team',
    id: nodeId('Team', t.id),
    databaseId: t.id,
    name: t.name,
    slug: t.slug,
    combinedSlug: `${t.org}/${t.slug}`,
    url: `${ctx.shape.web}/orgs/${t.org}/teams/${t.slug}`,
    members: (args: ConnArgs, _c: unknown, info: GraphQLResolveInfo) =>
      connection(t.members, args, info, (m) => actorOf(ctx, m))
  }
}

function gitActor(
  ctx: Ctx,
  s: { name: string; email: string; date?: Date }
): Obj {
  const user = ctx.sim.userByEmail(s.email)
  return {
    name: s.name,
    email: s.email,
    date: s.date === undefined ? null : iso(s.date),
    // `user: User`, "The GitHub user corresponding to the email field. Null
    // if no such user exists." (@octokit/graphql-schema, GitActor.user). A
    // bot is a `Bot`, not a `User`: its noreply address, such as
    // `49699333+dependabot[bot]@users.noreply.github.com`, resolves to null
    // (apache/devlake#9086: `commit.author.user` is typed `User` and GitHub
    // rejects `... on Bot` there; sourcecred/sourcecred#996 on GitActor.user
    // and bots). REST's commit `author` does give the bot (rest-shapes.ts).
    user: user === null || user.type !== 'User' ? null : actorOf(ctx, user),
    avatarUrl: () =>
      `https://avatars.githubusercontent.com/u/${user?.id ?? 0}?v=4`
  }
}

function statusState(s: string): string {
  return s.toUpperCase()
}

/**
 * GitHub shows a signature as Verified (isValid, state VALID) when the key's
 * owner has a verified email equal to the committer's email; GitHub's own
 * web-flow signatures are always valid. Otherwise the state says why
 * (BAD_EMAIL here). Unsigned: null.
 * https://docs.github.com/en/authentication/managing-commit-signature-verification/about-commit-signature-verification
 */
function signatureNode(ctx: Ctx, c: Commit): Obj | null {
  const signer = c.signedBy
  if (signer === undefined) return null
  const byGitHub = signer === ctx.sim.webFlow
  const valid =
    byGitHub ||
    signer.emails.some(
      (e) => e.toLowerCase() === c.committer.email.toLowerCase()
    )
  return {
    __typename: 'GpgSignature',
    email: c.committer.email,
    isValid: valid,
    state: valid ? 'VALID' : 'BAD_EMAIL',
    payload: '',
    signature: '',
    signer: byGitHub ? null : actorOf(ctx, signer),
    wasSignedByGitHub: byGitHub,
    verifiedAt: valid ? iso(c.committer.date) : null,
    keyId: null
  }
}

function commitNode(ctx: Ctx, repo: Repository, c: Commit): Obj {
  const web = `${ctx.shape.web}/${repo.owner.login}/${repo.name}`
  const [headline = '', ...rest] = c.message.split('\n')
  return {
    __typename: 'Commit',
    id: nodeId('Commit', c.oid),
    oid: c.oid,
    abbreviatedOid: c.oid.slice(0, 7),
    url: `${web}/commit/${c.oid}`,
    commitUrl: `${web}/commit/${c.oid}`,
    resourcePath: `/${repo.owner.login}/${repo.name}/commit/${c.oid}`,
    message: c.message,
    messageHeadline: headline,
    messageBody: rest.join('\n').trim(),
    committedDate: iso(c.committer.date),
    authoredDate: iso(c.author.date),
    committedViaWeb: c.committer.email === 'noreply@github.com',
    authoredByCommitter:
      c.author.email === c.committer.email &&
      c.author.name === c.committer.name,
    pushedDate: null,
    signature: signatureNode(ctx, c),
    additions: 0,
    deletions: 0,
    changedFiles: 0,
    changedFilesIfAvailable: null,
    repository: () => repositoryNode(ctx, repo),
    tree: () => treeNode(ctx, repo, c.tree),
    author: () => gitActor(ctx, c.author),
    committer: () => gitActor(ctx, c.committer),
    // The author, then every `Co-authored-by` trailer, each mapped to an
    // account by email. https://docs.github.com/en/graphql/reference/objects#commit
    authors: (args: ConnArgs, _c: unknown, info: GraphQLResolveInfo) => {
      const list: { name: string; email: string; date?: Date }[] = [
        c.author,
        ...coAuthorsOf(c)
      ]
      return connection(list, args, info, (a) => gitActor(ctx, a))
    },
    parents: (args: ConnArgs, _c: unknown, info: GraphQLResolveInfo) =>
      connection(c.parents, args, info, (o) =>
        commitNode(ctx, repo, getCommit(repo, o))
      ),
    // newest first, as `git log`. `since`/`until` "allow specifying a
    // beginning/ending time or date for fetching commits" (Commit.history in
    // @octokit/graphql-schema); as `git log --since/--until`, they compare
    // the committer date, not the author date (git-log "Commit Limiting";
    // isomorphic-git/isomorphic-git#227), so a rebased commit counts when it
    // was re-committed.
    history: (
      args: ConnArgs & { since?: string; until?: string; path?: string },
      _c: unknown,
      info: GraphQLResolveInfo
    ) => {
      let list = commitsBetween(repo, null, c.oid).reverse()
      if (args.since !== undefined && args.since !== null) {
        const t = Date.parse(args.since)
        list = list.filter(
          (o) => getCommit(repo, o).committer.date.getTime() >= t
        )
      }
      if (args.until !== undefined && args.until !== null) {
        const t = Date.parse(args.until)
        list = list.filter(
          (o) => getCommit(repo, o).committer.date.getTime() <= t
        )
      }
      if (args.path !== undefined && args.path !== null) {
        const walked = pathHistory(repo, c.oid, args.path)
        list = list.filter((o) => walked.has(o))
      }
      return connection(list, args, info, (o) =>
        commitNode(ctx, repo, getCommit(repo, o))
      )
    },
    // "The tree entry representing the file located at the given path"
    // (Commit.file, docs.github.com/en/graphql/reference/objects#commit):
    // null where the commit has no such file.
    file: ({ path }: { path: string }) => fileEntry(ctx, repo, c, path),
    associatedPullRequests: (
      args: ConnArgs & { orderBy?: { field: string; direction: string } },
      _c: unknown,
      info: GraphQLResolveInfo
    ) => {
      need(ctx, 'pull_requests')
      // "The merged Pull Request that introduced the commit to the repository.
      // If the commit is not present in the default branch, additionally
      // returns open Pull Requests associated with the commit" (schema
      // description); includes the squash/rebase copies GitHub made.
      let pulls = pullsForCommit(repo, c.oid)
      const def = repo.branches.get(repo.defaultBranch)
      const onDefault = def !== undefined && ancestors(repo, def).has(c.oid)
      if (onDefault) pulls = pulls.filter((p) => p.merged)
      else pulls = pulls.filter((p) => p.merged || p.state === 'open')
      pulls = orderPulls(pulls, args.orderBy)
      return connection(pulls, args, info, (p) => pullNode(ctx, repo, p))
    },
    deployments: (
      args: ConnArgs & {
        environments?: string[] | null
        orderBy?: { field: string; direction: string }
      },
      _c: unknown,
      info: GraphQLResolveInfo
    ) => {
      need(ctx, 'deployments')
      return deploymentConnection(ctx, repo, args, info, c.oid)
    },
    status: () => {
      need(ctx, 'statuses')
      const latest = latestCommitStatuses(repo, c.oid)
      if (latest.length === 0) return null
      return {
        id: nodeId('Status', c.oid),
        state: combined(latest.map((s) => s.state)),
        contexts: latest.map((s) => statusContextNode(ctx, repo, s)),
        context: ({ name }: { name: string }) => {
          const s = latest.find((x) => x.context === name)
          return s === undefined ? null : statusContextNode(ctx, repo, s)
        },
        commit: () => commitNode(ctx, repo, c)
      }
    },
    statusCheckRollup: () => rollupNode(ctx, repo, c)
  }
}

/**
 * The commits `history(path:)` lists: "commits touching files under this
 * path" (Commit.history in GitHub's schema), as `git log -- <path>` with its
 * default simplification, which visits "only the first TREESAME parent of a
 * merge commit, when one exists" (git mailing list, Stolee, 2020-04,
 * mail.spinics.net/lists/git/msg378880.html; git-log "History
 * Simplification"): a merge that took the file from one side is not listed,
 * the commit on that side that changed it is, with its own (earlier) date.
 */
function pathHistory(
  repo: Repository,
  head: string,
  path: string
): Set<string> {
  const under = (x: Commit): string =>
    [...x.files]
      .filter(([f]) => f === path || f.startsWith(`${path}/`))
      .map(([f, content]) => `${f}\0${blobOid(content)}`)
      .sort()
      .join('\n')
  const listed = new Set<string>()
  const seen = new Set<string>()
  const stack = [head]
  while (stack.length > 0) {
    const oid = stack.pop() as string
    if (seen.has(oid)) continue
    seen.add(oid)
    const x = getCommit(repo, oid)
    const mine = under(x)
    const same = x.parents.find((p) => under(getCommit(repo, p)) === mine)
    if (same !== undefined) {
      stack.push(same)
      continue
    }
    if (x.parents.length > 0 || mine !== '') listed.add(oid)
    stack.push(...x.parents)
  }
  return listed
}

function fileEntry(
  ctx: Ctx,
  repo: Repository,
  c: Commit,
  path: string
): Obj | null {
  const content = c.files.get(path)
  if (content === undefined) return null
  const oid = blobOid(content)
  const name = path.split('/').pop() ?? path
  return {
    name,
    path,
    oid,
    type: 'blob',
    mode: 0o100644,
    size: Buffer.byteLength(content),
    isGenerated: false,
    extension: name.includes('.') ? `.${name.split('.').pop() ?? ''}` : null,
    object: () => blobNode(ctx, repo, oid)
  }
}

function combined(states: string[]): string {
  if (states.some((s) => s === 'error')) return 'ERROR'
  if (states.some((s) => s === 'failure')) return 'FAILURE'
  if (states.some((s) => s === 'pending')) return 'PENDING'
  return 'SUCCESS'
}

type RollupContext =
  { kind: 'check'; run: CheckRun } | { kind: 'status'; status: CommitStatus }

/** The global id of a commit's rollup, which `node(id:)` resolves. */
function rollupId(repo: Repository, oid: string): string {
  return nodeId('StatusCheckRollup', `${repo.id}:${oid}`)
}

/**
 * Commit.statusCheckRollup: the commit's check runs (the latest of each
 * name per check suite) and commit statuses (the latest per context), or
 * null when it has neither. `contexts` counts and pages through all of them
 * whatever the token may read; a context it may not read is answered as
 * null with a FORBIDDEN error on its path, as GitHub does: without
 * `statuses: read`, "Resource not accessible by integration" at
 * `...statusCheckRollup.contexts.nodes.14`
 * (philips-software/pull-request-report-action#557). The same is done for
 * check runs without `checks: read`.
 * https://docs.github.com/en/graphql/reference/objects#statuscheckrollup
 */
function rollupNode(ctx: Ctx, repo: Repository, c: Commit): Obj | null {
  const checks = latestCheckRuns(repo, c.oid)
  const statuses = latestCommitStatuses(repo, c.oid)
  if (checks.length === 0 && statuses.length === 0) return null
  const contexts: RollupContext[] = [
    ...checks.map((run): RollupContext => ({ kind: 'check', run })),
    ...statuses.map((status): RollupContext => ({ kind: 'status', status }))
  ]
  const states = [
    ...statuses.map((s) => s.state),
    ...checks.map((k) =>
      k.status !== 'completed'
        ? 'pending'
        : ['success', 'neutral', 'skipped'].includes(k.conclusion ?? '')
          ? 'success'
          : 'failure'
    )
  ]
  return {
    __typename: 'StatusCheckRollup',
    id: rollupId(repo, c.oid),
    state: combined(states),
    commit: () => commitNode(ctx, repo, c),
    contexts: (args: ConnArgs, _c: unknown, info: GraphQLResolveInfo) =>
      connection(
        contexts,
        args,
        info,
        (x) => {
          if (x.kind === 'check') {
            return readable(ctx, 'checks')
              ? checkRunNode(ctx, repo, x.run)
              : forbidden()
          }
          return readable(ctx, 'statuses')
            ? statusContextNode(ctx, repo, x.status)
            : forbidden()
        },
        {
          checkRunCount: checks.length,
          statusContextCount: statuses.length,
          checkRunCountsByState: countBy(checks.map(checkRunState)),
          statusContextCountsByState: countBy(
            statuses.map((s) => statusState(s.state))
          )
        }
      )
  }
}

function countBy(states: string[]): { state: string; count: number }[] {
  const counts = new Map<string, number>()
  for (const s of states) counts.set(s, (counts.get(s) ?? 0) + 1)
  return [...counts.entries()].map(([state, count]) => ({ state, count }))
}

/** CheckRunState: the conclusion once completed, else the status. */
function checkRunState(k: CheckRun): string {
  return (
    k.status === 'completed' ? (k.conclusion ?? k.status) : k.status
  ).toUpperCase()
}

function statusContextNode(ctx: Ctx, repo: Repository, s: CommitStatus): Obj {
  return {
    __typename: 'StatusContext',
    id: nodeId('StatusContext', s.id),
    context: s.context,
    state: statusState(s.state),
    description: s.description,
    targetUrl: s.targetUrl,
    createdAt: iso(s.createdAt),
    creator: actor(ctx, s.creator),
    avatarUrl: () =>
      `https://avatars.githubusercontent.com/u/${s.creator.id}?v=4`,
    isRequired: () => false,
    commit: () => commitNode(ctx, repo, getCommit(repo, s.sha))
  }
}

function checkRunNode(ctx: Ctx, repo: Repository, k: CheckRun): Obj {
  const web = `${ctx.shape.web}/${repo.owner.login}/${repo.name}`
  return {
    __typename: 'CheckRun',
    id: nodeId('CheckRun', k.id),
    databaseId: k.id,
    name: k.name,
    status: k.status.toUpperCase(),
    conclusion: k.conclusion === null ? null : k.conclusion.toUpperCase(),
    startedAt: iso(k.startedAt),
    completedAt: k.completedAt === null ? null : iso(k.completedAt),
    detailsUrl: k.detailsUrl,
    externalId: '',
    title: null,
    summary: null,
    text: null,
    url: `${web}/runs/${k.id}`,
    permalink: `${web}/runs/${k.id}`,
    resourcePath: `/${repo.owner.login}/${repo.name}/runs/${k.id}`,
    isRequired: () => false,
    repository: () => repositoryNode(ctx, repo),
    checkSuite: () => checkSuiteNode(ctx, repo, k),
    // CheckRun.steps, "the check run's steps": a workflow job's, none for a
    // check run made through the Checks API (see `apiCheckRun` in model.ts)
    steps: (args: ConnArgs, _c: unknown, info: GraphQLResolveInfo) =>
      connection(
        k.steps.map((name, i) => ({ name, number: i + 1 })),
        args,
        info,
        (step) => ({
          __typename: 'CheckStep',
          name: step.name,
          number: step.number,
          status: k.status.toUpperCase(),
          conclusion: k.conclusion === null ? null : 'SUCCESS',
          externalId: null,
          startedAt: iso(k.startedAt),
          completedAt: k.completedAt === null ? null : iso(k.completedAt),
          secondsToCompletion: null
        })
      ),
    // "The corresponding deployment for this job, if any": the one GitHub
    // made for a job that references an environment; a deployment created
    // through the API is no check run's (@octokit/graphql-schema CheckRun).
    // Refused without `deployments: read`, as every deployment is here.
    deployment: () => {
      if (k.deploymentId === null) return null
      const d = repo.deployments.find((x) => x.id === k.deploymentId)
      if (d === undefined) return null
      need(ctx, 'deployments')
      return deploymentNode(ctx, repo, d)
    }
  }
}

/**
 * A check suite, from any of its check runs: GitHub Actions' suite of a
 * workflow run, or an App's suite on a commit. Its status and conclusion
 * sum up its latest check runs.
 */
function checkSuiteNode(ctx: Ctx, repo: Repository, k: CheckRun): Obj {
  // The suite's runs, worked out only when a field needs them: every
  // rollup context has a suite, and most queries ask only its app and run.
  let suite: { all: CheckRun[]; current: CheckRun[]; done: boolean } | null =
    null
  const runs = (): { all: CheckRun[]; current: CheckRun[]; done: boolean } => {
    if (suite !== null) return suite
    const all = repo.checkRuns.filter((x) => x.checkSuiteId === k.checkSuiteId)
    const latest = new Map<string, CheckRun>()
    for (const x of all) latest.set(x.name, x)
    const current = [...latest.values()]
    suite = {
      all,
      current,
      done: current.every((x) => x.status === 'completed')
    }
    return suite
  }
  const run =
    k.runId === null ? undefined : repo.runs.find((r) => r.id === k.runId)
  const path = `/${repo.owner.login}/${repo.name}/commit/${k.headSha}/checks?check_suite_id=${k.checkSuiteId}`
  return {
    __typename: 'CheckSuite',
    id: nodeId('CheckSuite', k.checkSuiteId),
    databaseId: k.checkSuiteId,
    app: appNode(ctx, k.app),
    status: () => (runs().done ? 'COMPLETED' : 'IN_PROGRESS'),
    conclusion: () => (runs().done ? suiteConclusion(runs().current) : null),
    createdAt: () => iso(run?.createdAt ?? (runs().all[0] ?? k).startedAt),
    updatedAt: () => {
      const all = runs().all
      const last = all[all.length - 1] ?? k
      return iso(last.completedAt ?? last.startedAt)
    },
    url: `${ctx.shape.web}${path}`,
    resourcePath: path,
    creator: null,
    push: null,
    commit: () => commitNode(ctx, repo, getCommit(repo, k.headSha)),
    repository: () => repositoryNode(ctx, repo),
    branch: () =>
      run?.headBranch == null
        ? null
        : refNode(ctx, repo, 'refs/heads/', run.headBranch),
    // Without `actions: read` GitHub refuses the workflow run behind a
    // GitHub Actions suite: FORBIDDEN at `...checkSuite.workflowRun` (the
    // cli/cli report quoted in awesomestvi/navet#187). Other Apps' suites
    // have none.
    workflowRun: () => {
      if (k.app.id !== GITHUB_ACTIONS_APP.id) return null
      need(ctx, 'actions')
      return run === undefined ? null : workflowRunNode(ctx, repo, run, k)
    },
    checkRuns: (
      args: ConnArgs & {
        filterBy?: { checkType?: string | null; checkName?: string | null }
      },
      _c: unknown,
      info: GraphQLResolveInfo
    ) => {
      need(ctx, 'checks')
      // CheckRunFilter.checkType: LATEST (default) or ALL
      let list =
        args.filterBy?.checkType === 'ALL' ? runs().all : runs().current
      const name = args.filterBy?.checkName
      if (typeof name === 'string') list = list.filter((x) => x.name === name)
      return connection(list, args, info, (x) => checkRunNode(ctx, repo, x))
    }
  }
}

/** The worst conclusion of a suite's latest check runs. */
function suiteConclusion(runs: CheckRun[]): string {
  const order = [
    'action_required',
    'startup_failure',
    'timed_out',
    'failure',
    'cancelled',
    'stale'
  ]
  for (const c of order) {
    if (runs.some((x) => x.conclusion === c)) return c.toUpperCase()
  }
  if (runs.length > 0 && runs.every((x) => x.conclusion === 'skipped')) {
    return 'SKIPPED'
  }
  if (runs.some((x) => x.conclusion === 'success')) return 'SUCCESS'
  return runs.length === 0 ? 'SUCCESS' : 'NEUTRAL'
}

function appNode(ctx: Ctx, a: CheckApp): Obj {
  const registered = ctx.sim.apps.get(a.id)
  return {
    __typename: 'App',
    id: nodeId('App', a.id),
    databaseId: a.id,
    slug: a.slug,
    name: a.name,
    description: registered?.description ?? null,
    clientId: registered?.clientId ?? null,
    url: `${ctx.shape.web}/apps/${a.slug}`,
    createdAt: iso(registered?.createdAt ?? new Date('2018-07-30T09:30:17Z')),
    updatedAt: iso(registered?.updatedAt ?? new Date('2024-04-10T20:33:16Z')),
    logoBackgroundColor: '000000',
    logoUrl: () => `https://avatars.githubusercontent.com/in/${a.id}?v=4`
  }
}

function workflowRunNode(
  ctx: Ctx,
  repo: Repository,
  run: WorkflowRun,
  /** a check run of its suite; null when it has none in the model */
  suiteRun: CheckRun | null
): Obj {
  const web = `${ctx.shape.web}/${repo.owner.login}/${repo.name}`
  const path = `/${repo.owner.login}/${repo.name}/actions/runs/${run.id}`
  const workflow = workflowDatabaseId(run)
  const file = run.path.split('/').pop() ?? run.path
  return {
    __typename: 'WorkflowRun',
    id: nodeId('WorkflowRun', run.id),
    databaseId: run.id,
    runNumber: run.runNumber,
    event: run.event,
    createdAt: iso(run.createdAt),
    updatedAt: iso(run.updatedAt),
    url: `${ctx.shape.web}${path}`,
    resourcePath: path,
    workflow: {
      __typename: 'Workflow',
      id: nodeId('Workflow', workflow),
      databaseId: workflow,
      name: run.name,
      state: 'ACTIVE',
      createdAt: iso(repo.createdAt),
      updatedAt: iso(repo.createdAt),
      url: `${web}/actions/workflows/${file}`,
      resourcePath: `/${repo.owner.login}/${repo.name}/actions/workflows/${file}`
    },
    file: () => ({
      __typename: 'WorkflowRunFile',
      id: nodeId('WorkflowRunFile', `${run.id}:${run.path}`),
      path: run.path,
      url: `${web}/blob/${run.headSha}/${run.path}`,
      resourcePath: `/${repo.owner.login}/${repo.name}/blob/${run.headSha}/${run.path}`,
      repositoryFileUrl: `${web}/blob/${run.headSha}/${run.path}`,
      repositoryName: web,
      viewerCanPushRepository: false,
      viewerCanReadRepository: true,
      run: () => workflowRunNode(ctx, repo, run, suiteRun)
    }),
    checkSuite: () => {
      if (suiteRun === null)
        throw new Error(`the model has no check suite for run ${run.id}`)
      return checkSuiteNode(ctx, repo, suiteRun)
    },
    // "The log of deployment reviews": the same history as REST's "Get the
    // review history for a workflow run" (rest-shapes.ts runApprovals), in
    // the order it was recorded; state APPROVED or REJECTED, the reviewer a
    // User, the environments reviewed a connection.
    // https://docs.github.com/en/graphql/reference/objects#workflowrun
    // https://docs.github.com/en/graphql/reference/objects#deploymentreview
    deploymentReviews: (
      args: ConnArgs,
      _c: unknown,
      info: GraphQLResolveInfo
    ) =>
      connection(run.approvals, args, info, (a) => {
        const index = run.approvals.indexOf(a)
        const reviewId = run.id * 100 + index
        return {
          __typename: 'DeploymentReview',
          id: nodeId('DeploymentReview', reviewId),
          databaseId: reviewId,
          comment: a.comment,
          state: a.state === 'approved' ? 'APPROVED' : 'REJECTED',
          user: actorOf(ctx, a.user),
          environments: (
            envArgs: ConnArgs,
            _e: unknown,
            envInfo: GraphQLResolveInfo
          ) =>
            connection(
              a.environments.flatMap((n) => {
                const e = repo.environments.find((x) => x.name === n)
                return e === undefined ? [] : [e]
              }),
              envArgs,
              envInfo,
              (e) => environmentNode(ctx, repo, e)
            )
        }
      })
  }
}

function treeNode(ctx: Ctx, repo: Repository, oid: string, prefix = ''): Obj {
  const web = `${ctx.shape.web}/${repo.owner.login}/${repo.name}`
  return {
    __typename: 'Tree',
    id: nodeId('Tree', oid),
    oid,
    abbreviatedOid: oid.slice(0, 7),
    commitUrl: web,
    commitResourcePath: `/${repo.owner.login}/${repo.name}`,
    repository: () => repositoryNode(ctx, repo),
    entries: () =>
      (repo.trees.get(oid) ?? []).map((e) => ({
        name: e.name,
        path: `${prefix}${e.name}`,
        oid: e.oid,
        type: e.type,
        mode: Number.parseInt(e.mode, 8),
        size:
          e.type === 'blob'
            ? Buffer.byteLength(repo.blobs.get(e.oid) ?? '')
            : 0,
        isGenerated: false,
        extension:
          e.type === 'blob' && e.name.includes('.')
            ? `.${e.name.split('.').pop() ?? ''}`
            : null,
        object: () =>
          e.type === 'blob'
            ? blobNode(ctx, repo, e.oid)
            : treeNode(ctx, repo, e.oid, `${prefix}${e.name}/`)
      }))
  }
}

function blobNode(ctx: Ctx, repo: Repository, oid: string): Obj {
  const text = repo.blobs.get(oid) ?? ''
  const isBinary = text.includes('\0')
  const size = Buffer.byteLength(text, 'utf8')
  // GitHub truncates blob text at 512 KB
  const truncated = size > 512 * 1024
  return {
    __typename: 'Blob',
    id: nodeId('Blob', oid),
    oid,
    abbreviatedOid: oid.slice(0, 7),
    byteSize: size,
    isBinary,
    isTruncated: truncated,
    text: isBinary ? null : truncated ? text.slice(0, 512 * 1024) : text,
    commitUrl: `${ctx.shape.web}/${repo.owner.login}/${repo.name}`,
    commitResourcePath: `/${repo.owner.login}/${repo.name}`,
    repository: () => repositoryNode(ctx, repo)
  }
}

// ---------------------------------------------------------------------------
// Issues

interface IssueFiltersArg {
  labels?: string[] | null
  states?: string[] | null
  createdBy?: string | null
  assignee?: string | null
  since?: string | null
}

/**
 * `Repository.issues`: issues only (pull requests have their own
 * connection). `labels` (and `filterBy.labels`) keep issues carrying any of
 * the names: the GraphQL API has no AND over labels (sendgrid/dx-automator
 * #59; cli/cli#419, where `gh` used it and returned the union). Default
 * order: creation time, ascending.
 */
function issueConnection(
  ctx: Ctx,
  repo: Repository,
  args: ConnArgs & {
    labels?: string[] | null
    states?: string[] | null
    filterBy?: IssueFiltersArg | null
    orderBy?: { field: string; direction: string } | null
  },
  info: GraphQLResolveInfo
): Obj {
  const anyLabel = (names: string[]) => (i: Issue) =>
    i.labels.some((l) => names.some((n) => n.toLowerCase() === l.toLowerCase()))
  let list = repo.issues
  if (args.labels !== undefined && args.labels !== null) {
    list = list.filter(anyLabel(args.labels))
  }
  const inStates = (states: string[]) => (i: Issue) =>
    states.includes(i.state.toUpperCase())
  if (args.states !== undefined && args.states !== null) {
    list = list.filter(inStates(args.states))
  }
  const f = args.filterBy
  if (f !== undefined && f !== null) {
    if (f.states !== undefined && f.states !== null) {
      list = list.filter(inStates(f.states))
    }
    if (f.labels !== undefined && f.labels !== null) {
      list = list.filter(anyLabel(f.labels))
    }
    if (typeof f.createdBy === 'string') {
      const by = f.createdBy.toLowerCase()
      list = list.filter((i) => i.author.login.toLowerCase() === by)
    }
    if (typeof f.assignee === 'string') {
      const who = f.assignee.toLowerCase()
      list = list.filter((i) =>
        who === '*'
          ? i.assignees.length > 0
          : i.assignees.some((a) => a.login.toLowerCase() === who)
      )
    }
    if (typeof f.since === 'string') {
      const since = Date.parse(f.since)
      list = list.filter((i) => i.updatedAt.getTime() >= since)
    }
  }
  const key = (i: Issue) =>
    args.orderBy?.field === 'UPDATED_AT'
      ? i.updatedAt.getTime()
      : args.orderBy?.field === 'COMMENTS'
        ? 0
        : i.createdAt.getTime()
  list = [...list].sort((a, b) => key(a) - key(b) || a.number - b.number)
  if (args.orderBy?.direction === 'DESC') list.reverse()
  return connection(list, args, info, (i) => issueNode(ctx, repo, i))
}

/**
 * `stateReason` in GraphQL's enum; DUPLICATE only with
 * `enableDuplicate: true` ("To retrieve this value, set
 * `(enableDuplicate: true)`", IssueStateReason in GitHub's schema), else it
 * reads as NOT_PLANNED, what a duplicate was before the value existed.
 */
function stateReasonValue(
  reason: IssueStateReason | null,
  enableDuplicate: boolean | null | undefined
): string | null {
  if (reason === null) return null
  if (reason === 'duplicate' && enableDuplicate !== true) return 'NOT_PLANNED'
  return reason.toUpperCase()
}

function labelNode(ctx: Ctx, repo: Repository, l: Label): Obj {
  const web = `${ctx.shape.web}/${repo.owner.login}/${repo.name}/labels/${encodeURIComponent(l.name)}`
  return {
    __typename: 'Label',
    id: nodeId('Label', l.id),
    name: l.name,
    color: l.color,
    description: l.description,
    isDefault: l.isDefault,
    createdAt: iso(l.createdAt),
    updatedAt: iso(l.createdAt),
    url: web,
    resourcePath: new URL(web).pathname,
    repository: () => repositoryNode(ctx, repo)
  }
}

function issueEventNode(
  ctx: Ctx,
  repo: Repository,
  issue: Issue,
  e: IssueEvent
): Obj {
  const path = `/${repo.owner.login}/${repo.name}/issues/${issue.number}#event-${e.id}`
  const common = {
    id: nodeId(e.kind === 'closed' ? 'ClosedEvent' : 'ReopenedEvent', e.id),
    actor: actor(ctx, e.actor),
    createdAt: iso(e.at),
    closable: () => issueNode(ctx, repo, issue)
  }
  if (e.kind === 'reopened') {
    return {
      __typename: 'ReopenedEvent',
      ...common,
      stateReason: ({ enableDuplicate }: { enableDuplicate?: boolean }) =>
        stateReasonValue(e.stateReason, enableDuplicate)
    }
  }
  return {
    __typename: 'ClosedEvent',
    ...common,
    // the pull request or commit that closed it; the simulator closes
    // issues only by hand
    closer: null,
    stateReason: ({ enableDuplicate }: { enableDuplicate?: boolean }) =>
      stateReasonValue(e.stateReason, enableDuplicate),
    url: `${ctx.shape.web}${path}`,
    resourcePath: path
  }
}

const TIMELINE_TYPES: Readonly<Record<IssueEvent['kind'], string>> = {
  closed: 'CLOSED_EVENT',
  reopened: 'REOPENED_EVENT'
}

function issueNode(ctx: Ctx, repo: Repository, i: Issue): Obj {
  const path = `/${repo.owner.login}/${repo.name}/issues/${i.number}`
  const web = `${ctx.shape.web}${path}`
  return {
    __typename: 'Issue',
    id: nodeId('Issue', i.id),
    databaseId: i.id,
    number: i.number,
    url: web,
    resourcePath: path,
    title: i.title,
    body: i.body ?? '',
    bodyText: i.body ?? '',
    state: i.state.toUpperCase(),
    stateReason: ({ enableDuplicate }: { enableDuplicate?: boolean }) =>
      stateReasonValue(i.stateReason, enableDuplicate),
    closed: i.state === 'closed',
    closedAt: i.closedAt === null ? null : iso(i.closedAt),
    createdAt: iso(i.createdAt),
    updatedAt: iso(i.updatedAt),
    locked: false,
    author: actor(ctx, i.author),
    authorAssociation: authorAssociation(repo, i.author),
    repository: () => repositoryNode(ctx, repo),
    labels: (args: ConnArgs, _c: unknown, info: GraphQLResolveInfo) => {
      const list = i.labels.flatMap((name) => {
        const l = repo.labels.find((x) => x.name === name)
        return l === undefined ? [] : [l]
      })
      return connection(list, args, info, (l) => labelNode(ctx, repo, l))
    },
    timelineItems: (
      args: ConnArgs & {
        itemTypes?: string[] | null
        since?: string | null
        skip?: number | null
      },
      _c: unknown,
      info: GraphQLResolveInfo
    ) => {
      // Only closed and reopened events are simulated; other item types
      // give an empty list.
      let list = i.events
      const types = args.itemTypes
      if (types !== undefined && types !== null && types.length > 0) {
        list = list.filter((e) => types.includes(TIMELINE_TYPES[e.kind]))
      }
      if (typeof args.since === 'string') {
        const since = Date.parse(args.since)
        list = list.filter((e) => e.at.getTime() >= since)
      }
      const filteredCount = list.length
      if (typeof args.skip === 'number') list = list.slice(args.skip)
      const conn = connection(list, args, info, (e) =>
        issueEventNode(ctx, repo, i, e)
      )
      return {
        ...conn,
        totalCount: i.events.length,
        filteredCount,
        pageCount: (conn.nodes as unknown[]).length,
        updatedAt: iso(i.updatedAt)
      }
    }
  }
}

function orderPulls(
  pulls: PullRequest[],
  orderBy: { field: string; direction: string } | undefined
): PullRequest[] {
  const key = (p: PullRequest) =>
    orderBy?.field === 'UPDATED_AT'
      ? p.updatedAt.getTime()
      : p.createdAt.getTime()
  const sorted = [...pulls].sort(
    (a, b) => key(a) - key(b) || a.number - b.number
  )
  return orderBy?.direction === 'DESC' ? sorted.reverse() : sorted
}

function pullNode(ctx: Ctx, repo: Repository, pr: PullRequest): Obj {
  const web = `${ctx.shape.web}/${repo.owner.login}/${repo.name}/pull/${pr.number}`
  const head = pullHeadOid(pr)
  return {
    __typename: 'PullRequest',
    id: nodeId('PullRequest', pr.id),
    databaseId: pr.id,
    number: pr.number,
    url: web,
    permalink: web,
    resourcePath: `/${repo.owner.login}/${repo.name}/pull/${pr.number}`,
    title: pr.title,
    body: pr.body ?? '',
    state: pr.merged ? 'MERGED' : pr.state === 'open' ? 'OPEN' : 'CLOSED',
    closed: pr.state === 'closed',
    isDraft: pr.draft,
    merged: pr.merged,
    mergedAt: pr.mergedAt === null ? null : iso(pr.mergedAt),
    mergedBy: actor(ctx, pr.mergedBy),
    mergeCommit: () =>
      pr.mergeCommit === null
        ? null
        : commitNode(ctx, repo, getCommit(repo, pr.mergeCommit)),
    author: actor(ctx, pr.author),
    authorAssociation: authorAssociation(repo, pr.author),
    baseRefName: pr.base,
    headRefName: pr.head,
    headRefOid: head,
    baseRefOid: pr.baseOidAtMerge ?? repo.branches.get(pr.base) ?? '',
    baseRef: () => refNode(ctx, repo, 'refs/heads/', pr.base),
    headRef: () =>
      repo.branches.has(pr.head)
        ? refNode(ctx, repo, 'refs/heads/', pr.head)
        : null,
    createdAt: iso(pr.createdAt),
    updatedAt: iso(pr.updatedAt),
    closedAt: pr.closedAt === null ? null : iso(pr.closedAt),
    repository: () => repositoryNode(ctx, repo),
    baseRepository: () => repositoryNode(ctx, repo),
    headRepository: () => repositoryNode(ctx, repo),
    commits: (args: ConnArgs, _c: unknown, info: GraphQLResolveInfo) => {
      // Unlike REST's "List commits on a pull request" (at most 250),
      // GraphQL's PullRequest.commits pages through every commit, as
      // projects that rely on it report: dcoapp/app#310,
      // linuxfoundation/easycla#4801.
      const list = pullCommits(repo, pr)
      return connection(list, args, info, (o) => ({
        __typename: 'PullRequestCommit',
        id: nodeId('PullRequestCommit', `${pr.id}:${o}`),
        url: `${web}/commits/${o}`,
        resourcePath: `/${repo.owner.login}/${repo.name}/pull/${pr.number}/commits/${o}`,
        commit: commitNode(ctx, repo, getCommit(repo, o)),
        pullRequest: () => pullNode(ctx, repo, pr)
      }))
    },
    reviews: (
      args: ConnArgs & { states?: string[] | null; author?: string | null },
      _c: unknown,
      info: GraphQLResolveInfo
    ) => {
      let list = pr.reviews.filter((r) => r.state !== 'PENDING')
      const states = args.states
      if (states !== undefined && states !== null) {
        list = list.filter((r) => states.includes(r.state))
      }
      if (typeof args.author === 'string') {
        const login = args.author.toLowerCase()
        list = list.filter((r) => r.author.login.toLowerCase() === login)
      }
      return connection(list, args, info, (r) => reviewNode(ctx, repo, pr, r))
    },
    latestReviews: (args: ConnArgs, _c: unknown, info: GraphQLResolveInfo) =>
      connection(latestPerAuthor(pr.reviews, false), args, info, (r) =>
        reviewNode(ctx, repo, pr, r)
      ),
    // latest APPROVED or CHANGES_REQUESTED review of each author
    latestOpinionatedReviews: (
      args: ConnArgs & { writersOnly?: boolean },
      _c: unknown,
      info: GraphQLResolveInfo
    ) => {
      let list = latestPerAuthor(pr.reviews, true)
      if (args.writersOnly === true) {
        list = list.filter((r) => canPush(ctx, repo, r.author))
      }
      return connection(list, args, info, (r) => reviewNode(ctx, repo, pr, r))
    }
  }
}

function latestPerAuthor(reviews: Review[], opinionated: boolean): Review[] {
  const latest = new Map<number, Review>()
  for (const r of reviews) {
    if (r.state === 'PENDING') continue
    if (
      opinionated &&
      r.state !== 'APPROVED' &&
      r.state !== 'CHANGES_REQUESTED'
    )
      continue
    latest.set(r.author.id, r)
  }
  return [...latest.values()]
}

/**
 * `authorCanPushToRepository`: "Indicates whether the author of this review
 * has push access to the repository" (@octokit/graphql-schema): a write role,
 * or for an App's bot an installation on the repository with `contents:
 * write` ("Contents" write is what pushing needs,
 * docs.github.com/en/rest/authentication/permissions-required-for-github-apps).
 */
function canPush(ctx: Ctx, repo: Repository, user: User): boolean {
  if (user.type === 'Bot') {
    return [...ctx.sim.installations.values()].some(
      (i) =>
        i.app.bot.id === user.id &&
        i.suspendedAt === null &&
        i.permissions.contents === 'write' &&
        i.account.id === repo.owner.id &&
        (i.repositorySelection === 'all' || i.repositoryIds.includes(repo.id))
    )
  }
  const role = roleOf(repo, user)
  return role === 'write' || role === 'maintain' || role === 'admin'
}

function reviewNode(
  ctx: Ctx,
  repo: Repository,
  pr: PullRequest,
  r: Review
): Obj {
  const url = `${ctx.shape.web}/${repo.owner.login}/${repo.name}/pull/${pr.number}#pullrequestreview-${r.id}`
  return {
    __typename: 'PullRequestReview',
    id: nodeId('PullRequestReview', r.id),
    databaseId: r.id,
    author: actor(ctx, r.author),
    authorAssociation: authorAssociation(repo, r.author),
    authorCanPushToRepository: canPush(ctx, repo, r.author),
    state: r.state,
    body: r.body,
    bodyText: r.body,
    submittedAt: iso(r.submittedAt),
    publishedAt: iso(r.submittedAt),
    createdAt: iso(r.submittedAt),
    updatedAt: iso(r.submittedAt),
    url,
    resourcePath: new URL(url).pathname + new URL(url).hash,
    commit: () =>
      repo.commits.has(r.commitId)
        ? commitNode(ctx, repo, getCommit(repo, r.commitId))
        : null,
    pullRequest: () => pullNode(ctx, repo, pr),
    repository: () => repositoryNode(ctx, repo)
  }
}

function deploymentStatusNode(
  ctx: Ctx,
  repo: Repository,
  d: Deployment,
  s: DeploymentStatus
): Obj {
  return {
    __typename: 'DeploymentStatus',
    id: nodeId('DeploymentStatus', s.id),
    state: s.state.toUpperCase(),
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
    creator: actorNonNull(ctx, s.creator),
    description: s.description === '' ? null : s.description,
    environment: s.environment,
    environmentUrl: s.environmentUrl === '' ? null : s.environmentUrl,
    logUrl: s.logUrl === '' ? null : s.logUrl,
    deployment: () => deploymentNode(ctx, repo, d)
  }
}

/**
 * Deployment.state from the latest status: success -> ACTIVE (the current
 * deployment of its environment), inactive -> INACTIVE, or DESTROYED for a
 * transient one. https://docs.github.com/en/graphql/reference/enums#deploymentstate
 */
function deploymentState(d: Deployment): string {
  const s = latestStatus(d)?.state
  if (s === undefined) return 'PENDING'
  if (s === 'success') return 'ACTIVE'
  if (s === 'inactive') return d.transientEnvironment ? 'DESTROYED' : 'INACTIVE'
  return s.toUpperCase()
}

function deploymentNode(ctx: Ctx, repo: Repository, d: Deployment): Obj {
  return {
    __typename: 'Deployment',
    id: nodeId('Deployment', d.id),
    databaseId: d.id,
    commitOid: d.sha,
    commit: () =>
      repo.commits.has(d.sha)
        ? commitNode(ctx, repo, getCommit(repo, d.sha))
        : null,
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
    creator: actorNonNull(ctx, d.creator),
    description: d.description,
    environment: d.environment,
    latestEnvironment: d.environment,
    originalEnvironment: d.originalEnvironment,
    payload:
      typeof d.payload === 'string' ? d.payload : JSON.stringify(d.payload),
    task: d.task,
    state: deploymentState(d),
    ref: () =>
      repo.branches.has(d.ref)
        ? refNode(ctx, repo, 'refs/heads/', d.ref)
        : null,
    repository: () => repositoryNode(ctx, repo),
    latestStatus: () => {
      const s = latestStatus(d)
      return s === null ? null : deploymentStatusNode(ctx, repo, d, s)
    },
    // newest first, like the REST list (and as `statuses(first: 1)` is used)
    statuses: (args: ConnArgs, _c: unknown, info: GraphQLResolveInfo) =>
      connection([...d.statuses].reverse(), args, info, (s) =>
        deploymentStatusNode(ctx, repo, d, s)
      )
  }
}

function deploymentConnection(
  ctx: Ctx,
  repo: Repository,
  args: ConnArgs & {
    environments?: string[] | null
    orderBy?: { field: string; direction: string }
  },
  info: GraphQLResolveInfo,
  sha?: string
): Obj {
  let list = repo.deployments
  const envs = args.environments
  if (envs !== undefined && envs !== null) {
    list = list.filter((d) => envs.includes(d.environment))
  }
  if (sha !== undefined) list = list.filter((d) => d.sha === sha)
  // default orderBy {field: CREATED_AT, direction: ASC}; ties by id
  list = [...list].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id
  )
  if (args.orderBy?.direction === 'DESC') list.reverse()
  return connection(list, args, info, (d) => deploymentNode(ctx, repo, d))
}

function environmentNode(ctx: Ctx, repo: Repository, e: Environment): Obj {
  const rules: Obj[] = []
  if (e.reviewers.length > 0) {
    rules.push({
      databaseId: e.id * 10 + 2,
      type: 'REQUIRED_REVIEWERS',
      preventSelfReview: e.preventSelfReview,
      timeout: 0,
      reviewers: (args: ConnArgs, _c: unknown, info: GraphQLResolveInfo) =>
        connection(e.reviewers, args, info, (r) =>
          r.type === 'User' ? actorOf(ctx, r.user) : teamNode(ctx, r.team)
        )
    })
  }
  if (e.waitTimer > 0) {
    rules.push({
      databaseId: e.id * 10 + 1,
      type: 'WAIT_TIMER',
      preventSelfReview: null,
      timeout: e.waitTimer,
      reviewers: (args: ConnArgs, _c: unknown, info: GraphQLResolveInfo) =>
        connection([], args, info, (x) => x)
    })
  }
  if (e.deploymentBranchPolicy !== null) {
    rules.push({
      databaseId: e.id * 10 + 3,
      type: 'BRANCH_POLICY',
      preventSelfReview: null,
      timeout: 0,
      reviewers: (args: ConnArgs, _c: unknown, info: GraphQLResolveInfo) =>
        connection([], args, info, (x) => x)
    })
  }
  return {
    __typename: 'Environment',
    id: nodeId('Environment', e.id),
    databaseId: e.id,
    name: e.name,
    isPinned: false,
    pinnedPosition: null,
    latestCompletedDeployment: () => {
      const done = repo.deployments.filter(
        (d) =>
          d.environment === e.name &&
          ['success', 'failure', 'error'].includes(latestStatus(d)?.state ?? '')
      )
      const last = done[done.length - 1]
      return last === undefined ? null : deploymentNode(ctx, repo, last)
    },
    protectionRules: (args: ConnArgs, _c: unknown, info: GraphQLResolveInfo) =>
      connection(rules, args, info, (r) => r)
  }
}

function ruleTypeEnum(type: string): string {
  return type.toUpperCase()
}

/** Rule parameters as the GraphQL RuleParameters union (camelCase). */
function ruleParameters(rule: RulesetRule): Obj | null {
  const p = rule.parameters ?? {}
  const get = (k: string) => p[k]
  switch (rule.type) {
    case 'pull_request':
      return {
        __typename: 'PullRequestParameters',
        allowedMergeMethods: get('allowed_merge_methods') ?? [
          'merge',
          'squash',
          'rebase'
        ],
        dismissStaleReviewsOnPush:
          get('dismiss_stale_reviews_on_push') ?? false,
        requireCodeOwnerReview: get('require_code_owner_review') ?? false,
        requireLastPushApproval: get('require_last_push_approval') ?? false,
        requiredApprovingReviewCount:
          get('required_approving_review_count') ?? 0,
        requiredReviewThreadResolution:
          get('required_review_thread_resolution') ?? false
      }
    case 'required_status_checks': {
      const checks = get('required_status_checks')
      return {
        __typename: 'RequiredStatusChecksParameters',
        doNotEnforceOnCreate: get('do_not_enforce_on_create') ?? false,
        strictRequiredStatusChecksPolicy:
          get('strict_required_status_checks_policy') ?? false,
        requiredStatusChecks: (Array.isArray(checks) ? checks : []).map(
          (c: unknown) => {
            const o = typeof c === 'object' && c !== null ? (c as Obj) : {}
            return {
              context: o.context,
              integrationId: o.integration_id ?? null
            }
          }
        )
      }
    }
    case 'required_deployments':
      return {
        __typename: 'RequiredDeploymentsParameters',
        requiredDeploymentEnvironments:
          get('required_deployment_environments') ?? []
      }
    case 'update':
      return {
        __typename: 'UpdateParameters',
        updateAllowsFetchAndMerge: get('update_allows_fetch_and_merge') ?? false
      }
    case 'commit_message_pattern':
    case 'commit_author_email_pattern':
    case 'committer_email_pattern':
    case 'branch_name_pattern':
    case 'tag_name_pattern': {
      const names: Record<string, string> = {
        commit_message_pattern: 'CommitMessagePatternParameters',
        commit_author_email_pattern: 'CommitAuthorEmailPatternParameters',
        committer_email_pattern: 'CommitterEmailPatternParameters',
        branch_name_pattern: 'BranchNamePatternParameters',
        tag_name_pattern: 'TagNamePatternParameters'
      }
      return {
        __typename: names[rule.type],
        name: get('name') ?? null,
        negate: get('negate') ?? false,
        operator: get('operator'),
        pattern: get('pattern')
      }
    }
    default:
      return null
  }
}

function rulesetNode(ctx: Ctx, repo: Repository, rs: Ruleset): Obj {
  return {
    __typename: 'RepositoryRuleset',
    id: nodeId('RepositoryRuleset', rs.id),
    databaseId: rs.id,
    name: rs.name,
    enforcement: rs.enforcement.toUpperCase(),
    target: rs.target.toUpperCase(),
    createdAt: iso(rs.createdAt),
    updatedAt: iso(rs.updatedAt),
    source: () => repositoryNode(ctx, repo),
    conditions: {
      refName: { include: rs.include, exclude: rs.exclude },
      repositoryId: null,
      repositoryName: null,
      repositoryProperty: null
    },
    rules: (
      args: ConnArgs & { type?: string | null },
      _c: unknown,
      info: GraphQLResolveInfo
    ) => {
      let list = rs.rules
      if (typeof args.type === 'string') {
        const t = args.type
        list = list.filter((r) => ruleTypeEnum(r.type) === t)
      }
      return connection(list, args, info, (r) => ruleNode(ctx, repo, rs, r))
    },
    // only for callers who can administer the ruleset (see rest-shapes.ts)
    bypassActors: (args: ConnArgs, _c: unknown, info: GraphQLResolveInfo) => {
      if (RANK[ctx.token.permissions.administration] === 0) return null
      return connection(rs.bypassActors, args, info, (b) => ({
        id: nodeId(
          'RepositoryRulesetBypassActor',
          `${rs.id}:${b.actorId ?? 0}`
        ),
        bypassMode: b.bypassMode.toUpperCase(),
        organizationAdmin: b.actorType === 'OrganizationAdmin',
        repositoryRoleDatabaseId:
          b.actorType === 'RepositoryRole' ? b.actorId : null,
        repositoryRoleName:
          b.actorType === 'RepositoryRole'
            ? ((
                { 1: 'read', 2: 'triage', 4: 'write', 5: 'maintain' } as Record<
                  number,
                  string
                >
              )[b.actorId ?? 0] ?? 'admin')
            : null,
        actor: null,
        enterpriseOwner: false,
        deployKey: b.actorType === 'DeployKey'
      }))
    }
  }
}

function ruleNode(
  ctx: Ctx,
  repo: Repository,
  rs: Ruleset,
  r: RulesetRule
): Obj {
  const index = rs.rules.indexOf(r)
  return {
    __typename: 'RepositoryRule',
    id: nodeId('RepositoryRule', `${rs.id}:${index}`),
    type: ruleTypeEnum(r.type),
    parameters: ruleParameters(r),
    repositoryRuleset: () => rulesetNode(ctx, repo, rs)
  }
}

function protectionNode(ctx: Ctx, repo: Repository, p: BranchProtection): Obj {
  const prr = p.requiredPullRequestReviews
  const rsc = p.requiredStatusChecks
  return {
    __typename: 'BranchProtectionRule',
    id: nodeId('BranchProtectionRule', p.id),
    databaseId: p.id,
    pattern: p.pattern,
    requiresApprovingReviews: prr !== null,
    requiredApprovingReviewCount: prr?.requiredApprovingReviewCount ?? null,
    dismissesStaleReviews: prr?.dismissStaleReviews ?? false,
    requiresCodeOwnerReviews: prr?.requireCodeOwnerReviews ?? false,
    requireLastPushApproval: prr?.requireLastPushApproval ?? false,
    requiresStatusChecks: rsc !== null,
    requiresStrictStatusChecks: rsc?.strict ?? false,
    requiredStatusCheckContexts: rsc?.contexts ?? [],
    requiredStatusChecks: (rsc?.checks ?? []).map((c) => ({
      context: c.context,
      app: c.appId === null ? null : { databaseId: c.appId }
    })),
    allowsForcePushes: p.allowForcePushes,
    allowsDeletions: p.allowDeletions,
    isAdminEnforced: p.enforceAdmins,
    requiresLinearHistory: p.requiredLinearHistory,
    requiresConversationResolution: p.requiredConversationResolution,
    requiresCommitSignatures: p.requiredSignatures,
    requiresDeployments: false,
    requiredDeploymentEnvironments: [],
    restrictsPushes: p.restrictions !== null,
    restrictsReviewDismissals: prr?.dismissalRestrictions != null,
    lockBranch: p.lockBranch,
    lockAllowsFetchAndMerge: false,
    blocksCreations: p.blockCreations,
    repository: () => repositoryNode(ctx, repo),
    matchingRefs: (args: ConnArgs, _c: unknown, info: GraphQLResolveInfo) => {
      const names = [...repo.branches.keys()].filter(
        (b) => protectionFor(repo, b) === p
      )
      return connection(names, args, info, (b) =>
        refNode(ctx, repo, 'refs/heads/', b)
      )
    },
    bypassPullRequestAllowances: (
      args: ConnArgs,
      _c: unknown,
      info: GraphQLResolveInfo
    ) => {
      const list: Obj[] = [
        ...(prr?.bypassPullRequestAllowances.users ?? []).map((u) => ({
          id: nodeId('BypassPullRequestAllowance', `${p.id}:u${u.id}`),
          actor: actorOf(ctx, u)
        })),
        ...(prr?.bypassPullRequestAllowances.teams ?? []).map((t) => ({
          id: nodeId('BypassPullRequestAllowance', `${p.id}:t${t.id}`),
          actor: teamNode(ctx, t)
        }))
      ]
      return connection(list, args, info, (x) => x)
    },
    bypassForcePushAllowances: (
      args: ConnArgs,
      _c: unknown,
      info: GraphQLResolveInfo
    ) => connection([], args, info, (x) => x)
  }
}

function refNode(
  ctx: Ctx,
  repo: Repository,
  prefix: string,
  name: string
): Obj | null {
  const oid =
    prefix === 'refs/tags/' ? repo.tags.get(name) : repo.branches.get(name)
  if (oid === undefined) return null
  const branch = prefix === 'refs/heads/' ? name : null
  return {
    __typename: 'Ref',
    id: nodeId('Ref', `${repo.id}:${prefix}${name}`),
    name,
    prefix,
    repository: () => repositoryNode(ctx, repo),
    target: () => commitNode(ctx, repo, getCommit(repo, oid)),
    compare: ({ headRef }: { headRef: string }) => {
      const head = resolveRef(repo, headRef)
      if (head === null) return null
      return comparisonNode(ctx, repo, oid, head)
    },
    // Classic protection needs Administration read; without it GitHub gives
    // null, not an error (prodigyeducation/branch-cleaner#27: without admin
    // access "totalCount will be 0").
    branchProtectionRule: () => {
      if (branch === null) return null
      if (RANK[ctx.token.permissions.administration] === 0) return null
      const p = protectionFor(repo, branch)
      return p === null ? null : protectionNode(ctx, repo, p)
    },
    // "Branch protection rules that are viewable by non-admins"
    refUpdateRule: () => {
      if (branch === null) return null
      const p = protectionFor(repo, branch)
      if (p === null) return null
      const prr = p.requiredPullRequestReviews
      return {
        pattern: p.pattern,
        allowsDeletions: p.allowDeletions,
        allowsForcePushes: p.allowForcePushes,
        blocksCreations: p.blockCreations,
        requiredApprovingReviewCount: prr?.requiredApprovingReviewCount ?? null,
        requiredStatusCheckContexts: p.requiredStatusChecks?.contexts ?? [],
        requiresCodeOwnerReviews: prr?.requireCodeOwnerReviews ?? false,
        requiresConversationResolution: p.requiredConversationResolution,
        requiresLinearHistory: p.requiredLinearHistory,
        requiresSignatures: p.requiredSignatures,
        viewerAllowedToDismissReviews: false,
        viewerCanPush: false
      }
    },
    // "A list of rules from active Repository and Organization rulesets that
    // apply to this ref."
    rules: (args: ConnArgs, _c: unknown, info: GraphQLResolveInfo) => {
      const list =
        branch === null
          ? []
          : repo.rulesets
              .filter(
                (rs) =>
                  rs.enforcement === 'active' &&
                  rulesetAppliesTo(repo, rs, branch)
              )
              .flatMap((rs) => rs.rules.map((r) => ({ rs, r })))
      return connection(list, args, info, ({ rs, r }) =>
        ruleNode(ctx, repo, rs, r)
      )
    },
    associatedPullRequests: (
      args: ConnArgs & {
        states?: string[] | null
        baseRefName?: string | null
      },
      _c: unknown,
      info: GraphQLResolveInfo
    ) => {
      need(ctx, 'pull_requests')
      let list = repo.pulls.filter((p) => p.head === name)
      if (args.states !== undefined && args.states !== null) {
        const states = args.states
        list = list.filter((p) =>
          states.includes(p.merged ? 'MERGED' : p.state.toUpperCase())
        )
      }
      if (typeof args.baseRefName === 'string') {
        list = list.filter((p) => p.base === args.baseRefName)
      }
      return connection(list, args, info, (p) => pullNode(ctx, repo, p))
    }
  }
}

function comparisonNode(
  ctx: Ctx,
  repo: Repository,
  base: string,
  head: string
): Obj {
  const ahead = commitsBetween(repo, base, head)
  const behind = commitsBetween(repo, head, base)
  const status =
    base === head
      ? 'IDENTICAL'
      : behind.length === 0
        ? 'AHEAD'
        : ahead.length === 0
          ? 'BEHIND'
          : 'DIVERGED'
  return {
    __typename: 'Comparison',
    id: nodeId('Comparison', `${base}...${head}`),
    status,
    aheadBy: ahead.length,
    behindBy: behind.length,
    baseTarget: () => commitNode(ctx, repo, getCommit(repo, base)),
    headTarget: () => commitNode(ctx, repo, getCommit(repo, head)),
    mergeBase: () => {
      const mb = mergeBase(repo, base, head)
      return mb === null ? null : commitNode(ctx, repo, getCommit(repo, mb))
    },
    commits: (args: ConnArgs, _c: unknown, info: GraphQLResolveInfo) =>
      connection(
        ahead,
        args,
        info,
        (o) => commitNode(ctx, repo, getCommit(repo, o)),
        {
          authorCount: new Set(
            ahead.map((o) => getCommit(repo, o).author.email)
          ).size
        }
      )
  }
}

/** `Repository.object(expression:)`: `REV`, `REV:path`; HEAD = default branch. */
function resolveObject(
  ctx: Ctx,
  repo: Repository,
  expression: string
): Obj | null {
  const colon = expression.indexOf(':')
  const rev = colon === -1 ? expression : expression.slice(0, colon)
  const path =
    colon === -1 ? null : expression.slice(colon + 1).replace(/^\/+|\/+$/g, '')
  const oid = resolveRef(repo, rev === '' ? 'HEAD' : rev)
  if (oid === null) return null
  const c = getCommit(repo, oid)
  if (path === null) return commitNode(ctx, repo, c)
  if (path === '') return treeNode(ctx, repo, c.tree)
  const content = c.files.get(path)
  if (content !== undefined) return blobNode(ctx, repo, blobOid(content))
  // a directory
  let tree = c.tree
  for (const part of path.split('/')) {
    const e = repo.trees
      .get(tree)
      ?.find((x) => x.name === part && x.type === 'tree')
    if (e === undefined) return null
    tree = e.oid
  }
  return treeNode(ctx, repo, tree, `${path}/`)
}

function resolveOid(ctx: Ctx, repo: Repository, oid: string): Obj | null {
  const o = oid.toLowerCase()
  const c = repo.commits.get(o)
  if (c !== undefined) return commitNode(ctx, repo, c)
  if (repo.blobs.has(o)) return blobNode(ctx, repo, o)
  if (repo.trees.has(o)) return treeNode(ctx, repo, o)
  return null
}

function repositoryNode(ctx: Ctx, repo: Repository): Obj {
  const web = `${ctx.shape.web}/${repo.owner.login}/${repo.name}`
  return {
    __typename: 'Repository',
    id: nodeId('Repository', repo.id),
    databaseId: repo.id,
    name: repo.name,
    nameWithOwner: `${repo.owner.login}/${repo.name}`,
    owner: actorOf(ctx, repo.owner),
    url: web,
    resourcePath: `/${repo.owner.login}/${repo.name}`,
    description: repo.description,
    isPrivate: repo.visibility !== 'public',
    visibility: repo.visibility.toUpperCase(),
    isArchived: false,
    isFork: false,
    createdAt: iso(repo.createdAt),
    pushedAt: iso(repo.pushedAt),
    updatedAt: iso(repo.pushedAt),
    mergeCommitAllowed: true,
    squashMergeAllowed: true,
    rebaseMergeAllowed: true,
    // "Indicates whether the viewer has admin permissions on this repository"
    // (docs.github.com/en/graphql/reference/objects#repository). No workflow
    // `permissions:` key grants Administration (docs.github.com/en/actions/
    // security-for-github-actions/security-guides/automatic-token-authentication),
    // so a GITHUB_TOKEN is never an admin. GitHub documents no mapping for an
    // App's installation token: modelled as its Administration permission,
    // the same test rest-shapes.ts `ruleset` uses to show `bypass_actors`.
    viewerCanAdminister:
      ctx.token.kind !== 'github_token' &&
      ctx.token.permissions.administration !== 'none',
    defaultBranchRef: () =>
      refNode(ctx, repo, 'refs/heads/', repo.defaultBranch),
    object: ({
      expression,
      oid
    }: {
      expression?: string | null
      oid?: string | null
    }) => {
      need(ctx, 'contents')
      if (typeof oid === 'string') return resolveOid(ctx, repo, oid)
      if (typeof expression === 'string')
        return resolveObject(ctx, repo, expression)
      return null
    },
    ref: ({ qualifiedName }: { qualifiedName: string }) => {
      if (qualifiedName.startsWith('refs/tags/')) {
        return refNode(ctx, repo, 'refs/tags/', qualifiedName.slice(10))
      }
      const name = qualifiedName.replace(/^refs\/heads\//, '')
      return refNode(ctx, repo, 'refs/heads/', name)
    },
    refs: (
      args: ConnArgs & {
        refPrefix: string
        query?: string | null
        direction?: string | null
      },
      _c: unknown,
      info: GraphQLResolveInfo
    ) => {
      const prefix = args.refPrefix.endsWith('/')
        ? args.refPrefix
        : `${args.refPrefix}/`
      const source =
        prefix === 'refs/tags/'
          ? repo.tags
          : prefix === 'refs/heads/'
            ? repo.branches
            : new Map<string, string>()
      let names = [...source.keys()].sort()
      if (typeof args.query === 'string') {
        const q = args.query
        names = names.filter((n) => n.includes(q))
      }
      if (args.direction === 'DESC') names.reverse()
      return connection(names, args, info, (n) => refNode(ctx, repo, prefix, n))
    },
    issue: ({ number }: { number: number }) => {
      need(ctx, 'issues')
      const issue = repo.issues.find((i) => i.number === number)
      if (issue === undefined) {
        throw gqlError(
          'NOT_FOUND',
          `Could not resolve to an Issue with the number of ${number}.`
        )
      }
      return issueNode(ctx, repo, issue)
    },
    issues: (
      args: ConnArgs & {
        labels?: string[] | null
        states?: string[] | null
        filterBy?: IssueFiltersArg | null
        orderBy?: { field: string; direction: string } | null
      },
      _c: unknown,
      info: GraphQLResolveInfo
    ) => {
      need(ctx, 'issues')
      return issueConnection(ctx, repo, args, info)
    },
    pullRequest: ({ number }: { number: number }) => {
      need(ctx, 'pull_requests')
      const pr = repo.pulls.find((p) => p.number === number)
      if (pr === undefined) {
        throw gqlError(
          'NOT_FOUND',
          `Could not resolve to a PullRequest with the number of ${number}.`
        )
      }
      return pullNode(ctx, repo, pr)
    },
    pullRequests: (
      args: ConnArgs & {
        states?: string[] | null
        baseRefName?: string | null
        headRefName?: string | null
        orderBy?: { field: string; direction: string }
      },
      _c: unknown,
      info: GraphQLResolveInfo
    ) => {
      need(ctx, 'pull_requests')
      let list = repo.pulls
      const states = args.states
      if (states !== undefined && states !== null) {
        list = list.filter((p) =>
          states.includes(p.merged ? 'MERGED' : p.state.toUpperCase())
        )
      }
      if (typeof args.baseRefName === 'string')
        list = list.filter((p) => p.base === args.baseRefName)
      if (typeof args.headRefName === 'string')
        list = list.filter((p) => p.head === args.headRefName)
      return connection(orderPulls(list, args.orderBy), args, info, (p) =>
        pullNode(ctx, repo, p)
      )
    },
    deployments: (
      args: ConnArgs & {
        environments?: string[] | null
        orderBy?: { field: string; direction: string }
      },
      _c: unknown,
      info: GraphQLResolveInfo
    ) => {
      need(ctx, 'deployments')
      return deploymentConnection(ctx, repo, args, info)
    },
    environment: ({ name }: { name: string }) => {
      need(ctx, 'actions')
      const e = repo.environments.find(
        (x) => x.name.toLowerCase() === name.toLowerCase()
      )
      return e === undefined ? null : environmentNode(ctx, repo, e)
    },
    environments: (
      args: ConnArgs & { names?: string[] | null },
      _c: unknown,
      info: GraphQLResolveInfo
    ) => {
      need(ctx, 'actions')
      let list = [...repo.environments].sort((a, b) =>
        a.name.localeCompare(b.name)
      )
      const names = args.names
      if (names !== undefined && names !== null && names.length > 0) {
        list = list.filter((e) => names.includes(e.name))
      }
      return connection(list, args, info, (e) => environmentNode(ctx, repo, e))
    },
    rulesets: (
      args: ConnArgs & { targets?: string[] | null },
      _c: unknown,
      info: GraphQLResolveInfo
    ) => {
      let list = repo.rulesets
      const targets = args.targets
      if (targets !== undefined && targets !== null) {
        list = list.filter((rs) => targets.includes(rs.target.toUpperCase()))
      }
      return connection(list, args, info, (rs) => rulesetNode(ctx, repo, rs))
    },
    branchProtectionRules: (
      args: ConnArgs,
      _c: unknown,
      info: GraphQLResolveInfo
    ) => {
      // without Administration read: an empty list, no error
      const list =
        RANK[ctx.token.permissions.administration] === 0 ? [] : repo.protections
      return connection(list, args, info, (p) => protectionNode(ctx, repo, p))
    }
  }
}

/** The root `Query` value. */
function rootValue(ctx: Ctx): Obj {
  return {
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const repo = ctx.sim.getRepo(owner, name)
      if (repo === null) {
        throw gqlError(
          'NOT_FOUND',
          `Could not resolve to a Repository with the name '${owner}/${name}'.`
        )
      }
      return repositoryNode(ctx, repo.data)
    },
    // Query.node: global ids as nodeId() makes them (`0<len>:<Type><id>`,
    // base64). GitHub resolves any Node by id; the gate uses it to page
    // through one pull request's commits or reviews, or one deployment's
    // statuses. https://docs.github.com/en/graphql/guides/using-global-node-ids
    node: ({ id }: { id: string }) => {
      const decoded = /^0(\d+):(.*)$/.exec(
        Buffer.from(id, 'base64').toString('utf8')
      )
      const len = Number(decoded?.[1] ?? 0)
      const rest = decoded?.[2] ?? ''
      const type = rest.slice(0, len)
      const key = Number(rest.slice(len))
      for (const handle of ctx.sim.repos.values()) {
        const repo = handle.data
        // `<repository id>:<oid>`: a client pages a rollup's contexts here
        if (type === 'StatusCheckRollup') {
          const [repoId, oid = ''] = rest.slice(len).split(':')
          const c = repo.commits.get(oid)
          if (Number(repoId) === repo.id && c !== undefined) {
            const rollup = rollupNode(ctx, repo, c)
            if (rollup !== null) return rollup
          }
        }
        if (type === 'PullRequest') {
          const pr = repo.pulls.find((p) => p.id === key)
          if (pr !== undefined) {
            need(ctx, 'pull_requests')
            return pullNode(ctx, repo, pr)
          }
        }
        // A workflow run by the node_id REST gives it; without `actions:
        // read` refused as behind a check suite (see checkSuiteNode).
        if (type === 'WorkflowRun') {
          const run = repo.runs.find((r) => r.id === key)
          if (run !== undefined) {
            need(ctx, 'actions')
            const k = repo.checkRuns.find((x) => x.runId === run.id) ?? null
            return workflowRunNode(ctx, repo, run, k)
          }
        }
        // A check run by the id the rollup gave it (the gate asks whether
        // a check run of GitHub Actions is a job); without `checks: read`
        // refused as in the rollup.
        if (type === 'CheckRun') {
          const k = repo.checkRuns.find((x) => x.id === key)
          if (k !== undefined) {
            need(ctx, 'checks')
            return checkRunNode(ctx, repo, k)
          }
        }
        if (type === 'Deployment') {
          const d = repo.deployments.find((x) => x.id === key)
          if (d !== undefined) {
            need(ctx, 'deployments')
            return deploymentNode(ctx, repo, d)
          }
        }
      }
      throw gqlError(
        'NOT_FOUND',
        `Could not resolve to a node with the global id of '${id}'`
      )
    },
    // https://docs.github.com/en/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api#checking-the-status-of-your-primary-rate-limit
    rateLimit: () => ({
      cost: ctx.rate.cost,
      limit: ctx.rate.budget.limit,
      nodeCount: ctx.rate.nodeCount,
      remaining: ctx.rate.budget.remaining,
      resetAt: iso(new Date(ctx.rate.budget.reset * 1000)),
      used: ctx.rate.budget.used
    })
  }
}

/** graphql-js error -> GitHub's error shape. */
function formatError(e: GraphQLError): Obj {
  const ext = { ...(e.extensions ?? {}) }
  const type = typeof ext.type === 'string' ? ext.type : undefined
  delete ext.type
  const out: Obj = {}
  if (type !== undefined) out.type = type
  if (e.path !== undefined) out.path = e.path
  if (e.locations !== undefined) out.locations = e.locations
  let message = e.message
  // GitHub's wording for the most common validation error
  const undefinedField = /^Cannot query field "(\w+)" on type "(\w+)"\./.exec(
    message
  )
  if (undefinedField !== null) {
    message = `Field '${undefinedField[1] ?? ''}' doesn't exist on type '${undefinedField[2] ?? ''}'`
    ext.code = 'undefinedField'
    ext.typeName = undefinedField[2]
    ext.fieldName = undefinedField[1]
  }
  if (Object.keys(ext).length > 0) out.extensions = ext
  out.message = message
  return out
}

export interface GraphqlAnswer extends Answer {
  /** points charged (0 when refused) and nodes counted, once costed */
  cost?: { points: number; nodes: number }
  /** the points budget after this query, or as it stood when refused */
  budget?: BudgetState
}

const answer = (
  body: Obj,
  extra: Partial<GraphqlAnswer> = {}
): GraphqlAnswer => ({
  status: 200,
  body,
  ...extra
})

/**
 * Execute a POST /graphql body. Always 200 once authenticated. A valid query
 * is costed before it runs (graphql-cost.ts): over the node limit it is
 * refused, and its points are spent from `budgets` or, when they do not
 * cover them, it is refused as rate limited. Without `budgets`, each call
 * has a fresh hour.
 */
export async function executeGraphql(
  sim: Simulator,
  token: Token,
  body: unknown,
  shape: ShapeContext,
  budgets: GraphqlBudgets = new GraphqlBudgets(DEFAULT_POINTS_PER_HOUR)
): Promise<GraphqlAnswer> {
  const b = typeof body === 'object' && body !== null ? (body as Obj) : {}
  const query = typeof b.query === 'string' ? b.query : null
  if (query === null) {
    return answer({
      errors: [
        { message: 'A query attribute must be specified and must be a string.' }
      ]
    })
  }
  const schema = githubSchema()
  let document: DocumentNode
  try {
    document = parse(query)
  } catch (e) {
    if (e instanceof GraphQLError) return answer({ errors: [formatError(e)] })
    throw e
  }
  const invalid = validate(schema, document)
  if (invalid.length > 0) return answer({ errors: invalid.map(formatError) })
  const variables =
    typeof b.variables === 'object' && b.variables !== null
      ? (b.variables as Obj)
      : undefined
  const operationName =
    typeof b.operationName === 'string' ? b.operationName : undefined
  // null: no operation to run or variables that do not coerce; execution
  // refuses those before anything is counted
  const cost = queryCost({ schema, document, variables, operationName })
  let rate: Ctx['rate'] = {
    cost: 0,
    nodeCount: 0,
    budget: budgets.peek(token)
  }
  if (cost !== null) {
    // Refused before it runs, and not charged: no data, one error.
    // https://docs.github.com/en/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api#node-limit
    if (cost.nodes > NODE_LIMIT) {
      return answer(
        { errors: [nodeLimitError(cost.nodes)] },
        { cost: { points: 0, nodes: cost.nodes }, budget: rate.budget }
      )
    }
    const spent = budgets.spend(token, cost.points)
    if (!spent.ok) {
      // 200 with a RATE_LIMITED error and no data:
      // https://docs.github.com/en/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api#exceeding-the-rate-limit
      // the body as GitHub sent it in renovatebot/renovate#21861 (see also
      // github/docs#22607, octokit/plugin-throttling.js#632).
      return answer(
        {
          errors: [
            {
              type: 'RATE_LIMITED',
              message: `API rate limit exceeded for installation ID ${token.installationId}.`
            }
          ]
        },
        { cost: { points: 0, nodes: cost.nodes }, budget: spent.state }
      )
    }
    rate = { cost: cost.points, nodeCount: cost.nodes, budget: spent.state }
  }
  const ctx: Ctx = { sim, token, shape, rate }
  const r = await execute({
    schema,
    document,
    rootValue: rootValue(ctx),
    contextValue: ctx,
    variableValues: variables,
    operationName
  })
  const out: Obj = {}
  if ('data' in r) out.data = r.data
  if (r.errors !== undefined && r.errors.length > 0) {
    out.errors = r.errors.map(formatError)
  }
  return answer(out, {
    cost: { points: rate.cost, nodes: rate.nodeCount },
    budget: rate.budget
  })
}
