// In-memory model of GitHub repositories for the simulator. State is plain
// data (the interfaces below); the `Simulator` class and the handles it
// returns (`RepoHandle`, `PullHandle`, ...) are a builder API for tests and
// the demo. The REST and GraphQL layers read the same data, so whatever a
// test builds is answered identically by both APIs.
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import {
  blobOid,
  buildTree,
  coAuthors,
  commitOid,
  fnmatch,
  type GitSignature,
  type TreeEntry
} from './git.js'

// ---------------------------------------------------------------------------
// Plain data

export type ActorType = 'User' | 'Bot' | 'Organization'

export interface User {
  id: number
  login: string
  type: ActorType
  name: string | null
  /** verified emails; the noreply forms are always recognised too */
  emails: string[]
  /** a deleted account: answered as `ghost` (REST) or null (GraphQL) */
  deleted: boolean
  siteAdmin: boolean
  createdAt: Date
}

export interface Team {
  id: number
  org: string
  slug: string
  name: string
  members: User[]
}

export type RepoRole = 'read' | 'triage' | 'write' | 'maintain' | 'admin'

export interface Commit {
  oid: string
  tree: string
  files: ReadonlyMap<string, string>
  author: GitSignature
  committer: GitSignature
  /** as stored by git, without the trailing newline git adds */
  message: string
  parents: string[]
  /** the owner of the key the commit was signed with; absent: unsigned */
  signedBy?: User
}

export interface PushEvent {
  branch: string
  before: string | null
  after: string
  forced: boolean
  pusher: User | null
  at: Date
}

export type MergeMethod = 'merge' | 'squash' | 'rebase'

export type ReviewState =
  'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING'

export interface Review {
  id: number
  author: User
  state: ReviewState
  body: string
  /** the pull request's head when the review was submitted */
  commitId: string
  submittedAt: Date
}

export interface PullRequest {
  id: number
  number: number
  title: string
  body: string | null
  author: User
  base: string
  head: string
  draft: boolean
  state: 'open' | 'closed'
  createdAt: Date
  updatedAt: Date
  closedAt: Date | null
  merged: boolean
  mergedAt: Date | null
  mergedBy: User | null
  mergeMethod: MergeMethod | null
  /** merge commit, squash commit, or the last rebased commit */
  mergeCommit: string | null
  /** every head the pull request had, oldest first */
  headHistory: { oid: string; at: Date; pusher: User | null }[]
  /** frozen at merge; while open the list is computed from the branches */
  mergedCommits: string[] | null
  /** commits GitHub created on the base branch for this pull request */
  landedCommits: string[]
  /** the base branch's head when the pull request was merged */
  baseOidAtMerge: string | null
  reviews: Review[]
}

export type DeploymentState =
  | 'error'
  | 'failure'
  | 'inactive'
  | 'in_progress'
  | 'queued'
  | 'pending'
  | 'success'
  /**
   * A job's deployment while protection rules are pending. REST lists it
   * though the OpenAPI enum omits it (octokit/webhooks.net#52); GraphQL
   * has DeploymentStatusState.WAITING.
   */
  | 'waiting'

export interface DeploymentStatus {
  id: number
  state: DeploymentState
  creator: User
  description: string
  environment: string
  targetUrl: string
  logUrl: string
  environmentUrl: string
  createdAt: Date
  updatedAt: Date
}

export interface Deployment {
  id: number
  sha: string
  ref: string
  task: string
  payload: Record<string, unknown> | string
  originalEnvironment: string
  environment: string
  description: string | null
  creator: User
  createdAt: Date
  updatedAt: Date
  transientEnvironment: boolean
  productionEnvironment: boolean
  statuses: DeploymentStatus[]
  /** the workflow run that created it, when made by a job with `environment:` */
  runId: number | null
  /** that job's check run (its id is the job id in the log URL), when made by a job */
  jobId: number | null
}

export type Reviewer =
  { type: 'User'; user: User } | { type: 'Team'; team: Team }

export interface Environment {
  id: number
  name: string
  createdAt: Date
  updatedAt: Date
  reviewers: Reviewer[]
  preventSelfReview: boolean
  waitTimer: number
  /** null: any branch may deploy */
  deploymentBranchPolicy: {
    protectedBranches: boolean
    customBranchPolicies: boolean
  } | null
  branchPolicies: { id: number; name: string; type: 'branch' | 'tag' }[]
  canAdminsBypass: boolean
  /** ids of custom deployment protection rules (GitHub Apps) */
  customRules: { id: number; app: { id: number; slug: string } }[]
}

export interface EnvironmentApproval {
  user: User
  state: 'approved' | 'rejected'
  comment: string
  environments: string[]
  at: Date
}

export interface WorkflowRun {
  id: number
  name: string
  path: string
  event: string
  status: 'queued' | 'in_progress' | 'completed' | 'waiting'
  conclusion: string | null
  runNumber: number
  runAttempt: number
  actor: User
  triggeringActor: User
  headSha: string
  headBranch: string | null
  createdAt: Date
  updatedAt: Date
  runStartedAt: Date
  approvals: EnvironmentApproval[]
  /** custom deployment protection rules' answers (see app.ts) */
  protectionVerdicts: ProtectionVerdict[]
  /** custom deployment protection rules' status reports (no state) */
  protectionReports: ProtectionReport[]
}

export interface ProtectionVerdict {
  environment: string
  state: 'approved' | 'rejected'
  comment: string
  app: { id: number; slug: string }
  at: Date
}

export type ProtectionReport = Omit<ProtectionVerdict, 'state'>

export type RulesetEnforcement = 'active' | 'evaluate' | 'disabled'

export interface RulesetRule {
  type: string
  parameters?: Record<string, unknown>
}

export interface BypassActor {
  actorId: number | null
  actorType:
    | 'Integration'
    | 'OrganizationAdmin'
    | 'RepositoryRole'
    | 'Team'
    | 'DeployKey'
    | 'User'
  bypassMode: 'always' | 'pull_request' | 'exempt'
}

export interface Ruleset {
  id: number
  name: string
  target: 'branch' | 'tag' | 'push'
  enforcement: RulesetEnforcement
  sourceType: 'Repository' | 'Organization'
  source: string
  include: string[]
  exclude: string[]
  rules: RulesetRule[]
  bypassActors: BypassActor[]
  createdAt: Date
  updatedAt: Date
}

export interface BranchProtection {
  id: number
  /** branch name pattern (fnmatch), e.g. `main` or `release/*` */
  pattern: string
  requiredStatusChecks: {
    strict: boolean
    contexts: string[]
    checks: { context: string; appId: number | null }[]
  } | null
  enforceAdmins: boolean
  requiredPullRequestReviews: {
    requiredApprovingReviewCount: number
    dismissStaleReviews: boolean
    requireCodeOwnerReviews: boolean
    requireLastPushApproval: boolean
    dismissalRestrictions: { users: User[]; teams: Team[] } | null
    bypassPullRequestAllowances: { users: User[]; teams: Team[] }
  } | null
  restrictions: { users: User[]; teams: Team[] } | null
  requiredLinearHistory: boolean
  allowForcePushes: boolean
  allowDeletions: boolean
  blockCreations: boolean
  requiredConversationResolution: boolean
  lockBranch: boolean
  allowForkSyncing: boolean
  requiredSignatures: boolean
}

export type CommitState = 'error' | 'failure' | 'pending' | 'success'

export interface CommitStatus {
  id: number
  sha: string
  state: CommitState
  context: string
  description: string | null
  targetUrl: string | null
  creator: User
  createdAt: Date
  updatedAt: Date
}

export type CheckConclusion =
  | 'success'
  | 'failure'
  | 'neutral'
  | 'cancelled'
  | 'skipped'
  | 'timed_out'
  | 'action_required'
  | 'stale'

/** The GitHub App a check run (and its check suite) belongs to. */
export interface CheckApp {
  id: number
  slug: string
  name: string
}

/** GitHub Actions' own App: every job's check run belongs to it. */
export const GITHUB_ACTIONS_APP: CheckApp = {
  id: 15368,
  slug: 'github-actions',
  name: 'GitHub Actions'
}

/**
 * A check run. It belongs to a check suite: one per workflow run for GitHub
 * Actions (its re-runs add check runs to the same suite), else one per App
 * and commit. "A check suite is a collection of the check runs created by a
 * single GitHub App for a specific commit."
 * https://docs.github.com/en/rest/guides/using-the-rest-api-to-interact-with-checks#about-check-suites
 */
export interface CheckRun {
  id: number
  headSha: string
  name: string
  status: 'queued' | 'in_progress' | 'completed'
  conclusion: CheckConclusion | null
  startedAt: Date
  completedAt: Date | null
  app: CheckApp
  detailsUrl: string | null
  checkSuiteId: number
  /** the workflow run whose job this is (GitHub Actions only) */
  runId: number | null
  /**
   * A workflow job's steps (GraphQL `CheckRun.steps`). The Checks API has
   * no way to create steps (docs.github.com/en/rest/checks/runs#create-a-check-run
   * takes a name, status, conclusion, output and actions), so a check run
   * made through it has none, whatever token made it.
   */
  steps: string[]
  /**
   * The deployment GitHub made for this job, when the job references an
   * environment: GraphQL `CheckRun.deployment`, "The corresponding
   * deployment for this job, if any" (@octokit/graphql-schema), REST check
   * run `deployment`, "A deployment created as the result of an Actions
   * check run from a workflow that references an environment"
   * (@octokit/openapi `deployment-simple`). A deployment created through
   * the API, by any token, is the deployment of no check run.
   */
  deploymentId: number | null
}

/** Why an issue is in its state, as REST's `state_reason` spells it. */
export type IssueStateReason =
  'completed' | 'not_planned' | 'duplicate' | 'reopened'

/** A closed or reopened event of an issue's timeline. */
export interface IssueEvent {
  id: number
  kind: 'closed' | 'reopened'
  actor: User
  at: Date
  stateReason: IssueStateReason | null
}

export interface Issue {
  id: number
  /** shares the repository's sequence with pull requests, as on GitHub */
  number: number
  title: string
  body: string | null
  author: User
  /** label names; each is one of the repository's labels */
  labels: string[]
  assignees: User[]
  state: 'open' | 'closed'
  stateReason: IssueStateReason | null
  createdAt: Date
  updatedAt: Date
  closedAt: Date | null
  closedBy: User | null
  /** closed and reopened events, oldest first */
  events: IssueEvent[]
}

export interface Label {
  id: number
  name: string
  /** 6 hex digits, no `#` */
  color: string
  description: string | null
  isDefault: boolean
  createdAt: Date
}

export interface Repository {
  id: number
  owner: User
  name: string
  description: string | null
  defaultBranch: string
  visibility: 'public' | 'private' | 'internal'
  createdAt: Date
  pushedAt: Date
  commits: Map<string, Commit>
  trees: Map<string, TreeEntry[]>
  blobs: Map<string, string>
  branches: Map<string, string>
  tags: Map<string, string>
  pushes: PushEvent[]
  pulls: PullRequest[]
  deployments: Deployment[]
  commitStatuses: CommitStatus[]
  checkRuns: CheckRun[]
  rulesets: Ruleset[]
  protections: BranchProtection[]
  environments: Environment[]
  runs: WorkflowRun[]
  collaborators: Map<string, { user: User; role: RepoRole }>
  teams: Map<number, { team: Team; role: RepoRole }>
  issues: Issue[]
  labels: Label[]
  /** next issue / pull request number (they share one sequence) */
  nextNumber: number
}

export type Permission = 'none' | 'read' | 'write'

export const PERMISSION_NAMES = [
  'metadata',
  'contents',
  'pull_requests',
  'deployments',
  'actions',
  'checks',
  'statuses',
  'issues',
  'administration',
  /** organization permission "Members": teams and their members */
  'members'
] as const

export type PermissionName = (typeof PERMISSION_NAMES)[number]
export type TokenPermissions = Record<PermissionName, Permission>

export interface Token {
  value: string
  /** `github_token`: a workflow's GITHUB_TOKEN; `installation`: an App's */
  kind: 'github_token' | 'installation'
  permissions: TokenPermissions
  /** who acts with it: github-actions[bot] or the App's bot */
  actor: User
  installationId: number
  /** installation tokens expire (server.ts refuses them after) */
  expiresAt?: Date
  /** an installation token narrowed to these repositories */
  repositoryIds?: number[]
}

/** A GitHub App registration (see app.ts for its routes and webhooks). */
export interface App {
  id: number
  slug: string
  name: string
  /** `Iv23...`; a JWT's `iss` may be this or the numeric id */
  clientId: string
  description: string | null
  owner: User
  /** what the App asks for; metadata read is implied */
  permissions: Partial<TokenPermissions>
  events: string[]
  /** PKCS#1 PEM, the format GitHub's "Generate a private key" downloads */
  privateKey: string
  /** SPKI PEM; the simulator verifies JWTs with it */
  publicKey: string
  webhookSecret: string
  hookId: number
  /** `<slug>[bot]`, who acts with the App's installation tokens */
  bot: User
  createdAt: Date
  updatedAt: Date
}

export interface Installation {
  id: number
  app: App
  account: User
  repositorySelection: 'all' | 'selected'
  /** the selected repositories' ids (selection `selected`) */
  repositoryIds: number[]
  permissions: Partial<TokenPermissions>
  events: string[]
  createdAt: Date
  updatedAt: Date
  suspendedAt: Date | null
}

export interface AppInput {
  slug: string
  name?: string
  permissions?: Partial<TokenPermissions>
  /** default: `['deployment_protection_rule']` */
  events?: string[]
  owner?: User
  description?: string
  webhookSecret?: string
}

// ---------------------------------------------------------------------------
// Well-known accounts (ids as on github.com)

/** The account deleted users' content is shown under. https://github.com/ghost */
export const GHOST_ID = 10137
/** GitHub's committer for web merges: `GitHub <noreply@github.com>`. */
export const WEB_FLOW_ID = 19864447
export const GITHUB_ACTIONS_ID = 41898282
export const DEPENDABOT_ID = 49699333
/** github-merge-queue[bot], the account that pushes a merge queue's groups */
export const MERGE_QUEUE_ID = 118344674

export const WEB_FLOW_SIGNATURE = {
  name: 'GitHub',
  email: 'noreply@github.com'
}

// ---------------------------------------------------------------------------
// Inputs of the builder

export type AuthorInput = User | { name: string; email: string }

export interface CommitInput {
  /** branch to commit on: parent is its head and the branch moves */
  branch?: string
  /** explicit parents (default: the branch head, or none) */
  parents?: string[]
  message?: string
  author?: AuthorInput
  committer?: AuthorInput
  coAuthors?: AuthorInput[]
  /** path -> content; null deletes. Applied on top of the first parent. */
  files?: Record<string, string | null>
  /** replace the whole snapshot instead of applying changes */
  snapshot?: Record<string, string>
  date?: Date
  committerDate?: Date
  /** who pushed (for the push log); default: the author when a User */
  pusher?: User
  /** sign the commit with this account's key */
  signedBy?: User
}

export interface PullInput {
  head: string
  base?: string
  author: User
  title?: string
  body?: string
  draft?: boolean
}

export interface ReviewInput {
  body?: string
  /** default: the current head */
  commitId?: string
}

export interface MergeInput {
  by: User
  method?: MergeMethod
  title?: string
  message?: string
  /** delete the head branch after merging */
  deleteBranch?: boolean
}

export interface DeploymentInput {
  environment: string
  sha?: string
  ref?: string
  task?: string
  creator?: User
  description?: string | null
  payload?: Record<string, unknown> | string
  transientEnvironment?: boolean
  productionEnvironment?: boolean
  /** the workflow run whose job made it (sets creator and URLs, and makes the job) */
  run?: WorkflowRun
  /** that job's name, default `deploy` */
  job?: string
  createdAt?: Date
}

export interface DeploymentStatusInput {
  creator?: User
  description?: string
  environment?: string
  logUrl?: string
  targetUrl?: string
  environmentUrl?: string
  autoInactive?: boolean
}

export interface EnvironmentInput {
  reviewers?: (User | Team)[]
  preventSelfReview?: boolean
  waitTimer?: number
  /** `null`/absent: all branches; `protected`; or custom branch patterns */
  deploymentBranches?:
    | null
    | 'all'
    | 'protected'
    | { custom: (string | { name: string; type: 'branch' | 'tag' })[] }
  canAdminsBypass?: boolean
  customRules?: { id?: number; app: { id: number; slug: string } }[]
}

export interface RulesetInput {
  name?: string
  enforcement?: RulesetEnforcement
  target?: 'branch' | 'tag' | 'push'
  /** ref_name include patterns: `~DEFAULT_BRANCH`, `~ALL`, `refs/heads/x*` */
  include?: string[]
  exclude?: string[]
  rules?: RulesetRule[]
  bypassActors?: BypassActor[]
  sourceType?: 'Repository' | 'Organization'
}

export interface ProtectionInput {
  requiredStatusChecks?: {
    strict?: boolean
    contexts?: string[]
    checks?: { context: string; appId?: number | null }[]
  } | null
  enforceAdmins?: boolean
  requiredPullRequestReviews?: {
    requiredApprovingReviewCount?: number
    dismissStaleReviews?: boolean
    requireCodeOwnerReviews?: boolean
    requireLastPushApproval?: boolean
    dismissalRestrictions?: { users?: User[]; teams?: Team[] } | null
    bypassPullRequestAllowances?: { users?: User[]; teams?: Team[] }
  } | null
  restrictions?: { users?: User[]; teams?: Team[] } | null
  requiredLinearHistory?: boolean
  allowForcePushes?: boolean
  allowDeletions?: boolean
  blockCreations?: boolean
  requiredConversationResolution?: boolean
  lockBranch?: boolean
  allowForkSyncing?: boolean
  requiredSignatures?: boolean
}

export interface RunInput {
  actor: User
  triggeringActor?: User
  headSha?: string
  headBranch?: string
  name?: string
  path?: string
  event?: string
  status?: WorkflowRun['status']
  conclusion?: string | null
  runAttempt?: number
}

export interface SimulatorOptions {
  now?: Date
  /** where html_url / log_url point (never fetched) */
  webUrl?: string
}

// ---------------------------------------------------------------------------
// Durations

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000
}

/** `90s`, `30m`, `2h`, `1d`, `1h30m`, or milliseconds as a number. */
export function durationMs(d: number | string): number {
  if (typeof d === 'number') return d
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g
  let total = 0
  let consumed = 0
  for (const m of d.matchAll(re)) {
    total += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? 0)
    consumed += m[0].length
  }
  if (consumed !== d.length || consumed === 0) {
    throw new Error(`not a duration: ${d}`)
  }
  return total
}

// ---------------------------------------------------------------------------
// Git graph helpers (pure functions over a repository)

export function getCommit(repo: Repository, oid: string): Commit {
  const c = repo.commits.get(oid)
  if (c === undefined) throw new Error(`no commit ${oid} in ${fullName(repo)}`)
  return c
}

export function fullName(repo: Repository): string {
  return `${repo.owner.login}/${repo.name}`
}

/** Every commit reachable from `oid`, itself included. */
export function ancestors(repo: Repository, oid: string): Set<string> {
  const seen = new Set<string>()
  const stack = [oid]
  while (stack.length > 0) {
    const o = stack.pop() ?? ''
    if (seen.has(o)) continue
    const c = repo.commits.get(o)
    if (c === undefined) continue
    seen.add(o)
    for (const p of c.parents) stack.push(p)
  }
  return seen
}

export function isAncestor(
  repo: Repository,
  ancestor: string,
  of: string
): boolean {
  return ancestors(repo, of).has(ancestor)
}

/** The best common ancestor (the newest of the common ones), as git. */
export function mergeBase(
  repo: Repository,
  a: string,
  b: string
): string | null {
  const fromA = ancestors(repo, a)
  const common = [...ancestors(repo, b)].filter((o) => fromA.has(o))
  // Drop every common commit that is an ancestor of another common one.
  // The common commits hold all their own ancestors, so such a commit is
  // always the parent of a common commit: dropping parents is enough, and
  // linear where walking each parent's ancestors was quadratic.
  const set = new Set(common)
  for (const o of common) {
    for (const p of getCommit(repo, o).parents) set.delete(p)
  }
  const best = [...set].sort(
    (x, y) =>
      getCommit(repo, y).committer.date.getTime() -
      getCommit(repo, x).committer.date.getTime()
  )
  return best[0] ?? null
}

/**
 * `git log base..head` in chronological (topological, parents first) order,
 * as the compare API and a pull request's commits list it.
 */
export function commitsBetween(
  repo: Repository,
  base: string | null,
  head: string
): string[] {
  const exclude = base === null ? new Set<string>() : ancestors(repo, base)
  const out: string[] = []
  const done = new Set<string>()
  const stack: { oid: string; expanded: boolean }[] = [
    { oid: head, expanded: false }
  ]
  while (stack.length > 0) {
    const top = stack.pop()
    if (top === undefined) break
    if (done.has(top.oid) || exclude.has(top.oid)) continue
    if (top.expanded) {
      done.add(top.oid)
      out.push(top.oid)
      continue
    }
    stack.push({ oid: top.oid, expanded: true })
    const c = repo.commits.get(top.oid)
    if (c === undefined) continue
    for (const p of [...c.parents].reverse()) {
      if (!done.has(p) && !exclude.has(p))
        stack.push({ oid: p, expanded: false })
    }
  }
  return out
}

/** Branch names whose history contains the commit. */
export function branchesContaining(repo: Repository, oid: string): string[] {
  return [...repo.branches.entries()]
    .filter(([, head]) => isAncestor(repo, oid, head))
    .map(([name]) => name)
}

/**
 * A ref as the REST API accepts it: a full or abbreviated (>= 4 hex) sha, a
 * branch, a tag, `refs/heads/x`, `refs/tags/x`, or `HEAD` (default branch).
 */
export function resolveRef(repo: Repository, ref: string): string | null {
  if (ref === 'HEAD') return repo.branches.get(repo.defaultBranch) ?? null
  if (ref.startsWith('refs/heads/')) {
    return repo.branches.get(ref.slice('refs/heads/'.length)) ?? null
  }
  if (ref.startsWith('refs/tags/')) {
    return repo.tags.get(ref.slice('refs/tags/'.length)) ?? null
  }
  if (ref.startsWith('heads/')) return repo.branches.get(ref.slice(6)) ?? null
  if (ref.startsWith('tags/')) return repo.tags.get(ref.slice(5)) ?? null
  const branch = repo.branches.get(ref)
  if (branch !== undefined) return branch
  const tag = repo.tags.get(ref)
  if (tag !== undefined) return tag
  if (/^[0-9a-f]{4,40}$/i.test(ref)) {
    const lower = ref.toLowerCase()
    if (repo.commits.has(lower)) return lower
    const matches = [...repo.commits.keys()].filter((o) => o.startsWith(lower))
    if (matches.length === 1) return matches[0] ?? null
  }
  return null
}

/** Commits of a pull request: frozen at merge, live while open. */
export function pullCommits(repo: Repository, pr: PullRequest): string[] {
  if (pr.mergedCommits !== null) return pr.mergedCommits
  const head = pr.headHistory[pr.headHistory.length - 1]?.oid
  if (head === undefined) return []
  const base = repo.branches.get(pr.base) ?? null
  return commitsBetween(repo, base, head)
}

export function pullHeadOid(pr: PullRequest): string {
  return pr.headHistory[pr.headHistory.length - 1]?.oid ?? ''
}

/**
 * Pull requests GitHub associates with a commit: those whose commits include
 * it (any head it ever had), whose merge/squash commit it is, or that created
 * it by rebasing.
 * https://docs.github.com/en/rest/commits/commits#list-pull-requests-associated-with-a-commit
 */
export function pullsForCommit(repo: Repository, oid: string): PullRequest[] {
  return repo.pulls.filter(
    (pr) =>
      pr.mergeCommit === oid ||
      pr.landedCommits.includes(oid) ||
      pr.headHistory.some((h) => h.oid === oid) ||
      pullCommits(repo, pr).includes(oid)
  )
}

/** Rules of rulesets whose ref conditions match the branch. */
export function rulesetAppliesTo(
  repo: Repository,
  rs: Ruleset,
  branch: string
): boolean {
  if (rs.target !== 'branch') return false
  const ref = `refs/heads/${branch}`
  const matches = (p: string) =>
    p === '~ALL' ||
    (p === '~DEFAULT_BRANCH' && branch === repo.defaultBranch) ||
    fnmatch(p, ref)
  return rs.include.some(matches) && !rs.exclude.some(matches)
}

/** The classic protection rule applying to a branch (exact names win). */
export function protectionFor(
  repo: Repository,
  branch: string
): BranchProtection | null {
  const exact = repo.protections.find((p) => p.pattern === branch)
  if (exact !== undefined) return exact
  return repo.protections.find((p) => fnmatch(p.pattern, branch)) ?? null
}

/** The permission GitHub reports for a user on a repository. */
export function roleOf(repo: Repository, user: User): RepoRole | null {
  if (user.id === repo.owner.id) return 'admin'
  const order: RepoRole[] = ['read', 'triage', 'write', 'maintain', 'admin']
  let best = repo.collaborators.get(user.login)?.role ?? null
  for (const { team, role } of repo.teams.values()) {
    if (!team.members.some((m) => m.id === user.id)) continue
    if (best === null || order.indexOf(role) > order.indexOf(best)) best = role
  }
  return best
}

/**
 * Who has access to a repository, as GET /collaborators lists it: for
 * `all`, its direct collaborators, the members of teams with access and,
 * for a personal repository, its owner; each with their highest role.
 * `direct`: only those with a role of their own (and the owner); `outside`
 * (an organization's repository): direct collaborators in none of its
 * teams with access (organization membership is approximated by those
 * teams). Organization owners and base permissions are not modelled.
 * Sorted by login.
 * https://docs.github.com/en/rest/collaborators/collaborators#list-repository-collaborators
 */
export function collaboratorsOf(
  repo: Repository,
  affiliation: 'all' | 'direct' | 'outside' = 'all'
): { user: User; role: RepoRole }[] {
  const users = new Map<number, User>()
  const isOrg = repo.owner.type === 'Organization'
  if (!isOrg && affiliation !== 'outside') users.set(repo.owner.id, repo.owner)
  for (const { user } of repo.collaborators.values()) users.set(user.id, user)
  if (affiliation === 'all') {
    for (const { team } of repo.teams.values()) {
      for (const m of team.members) users.set(m.id, m)
    }
  }
  const inOrgTeam = (u: User) =>
    [...repo.teams.values()].some(
      ({ team }) =>
        team.org === repo.owner.login && team.members.some((m) => m.id === u.id)
    )
  return [...users.values()]
    .filter((u) => !u.deleted)
    .filter((u) => affiliation !== 'outside' || (isOrg && !inOrgTeam(u)))
    .flatMap((user) => {
      const role = roleOf(repo, user)
      return role === null ? [] : [{ user, role }]
    })
    .sort((a, b) => a.user.login.localeCompare(b.user.login))
}

/** `Co-authored-by` trailers of a commit's message. */
export function coAuthorsOf(c: Commit): { name: string; email: string }[] {
  return coAuthors(c.message)
}

export function latestStatus(d: Deployment): DeploymentStatus | null {
  return d.statuses[d.statuses.length - 1] ?? null
}

/**
 * A commit's check runs as GitHub shows them (REST `filter=latest`,
 * GraphQL `statusCheckRollup`): the latest run of each name within each
 * check suite. Runs of other suites stay listed beside it, whatever they
 * concluded: a second workflow run on the same commit adds its check runs
 * next to the first run's, while re-running a run replaces them
 * (netresearch/git-workflow-skill#223, measured; rjmurillo/ai-agents#4112
 * and getsentry/sentry#122183 report superseded runs kept in the rollup).
 */
export function latestCheckRuns(repo: Repository, oid: string): CheckRun[] {
  const latest = new Map<string, CheckRun>()
  for (const k of repo.checkRuns) {
    if (k.headSha === oid) latest.set(`${k.checkSuiteId}:${k.name}`, k)
  }
  return [...latest.values()]
}

/** The latest status of each context on a commit, oldest context first. */
export function latestCommitStatuses(
  repo: Repository,
  oid: string
): CommitStatus[] {
  const latest = new Map<string, CommitStatus>()
  for (const s of repo.commitStatuses) {
    if (s.sha === oid) latest.set(s.context, s)
  }
  return [...latest.values()]
}

// ---------------------------------------------------------------------------
// The simulator

export class Simulator {
  readonly webUrl: string
  private clock: Date
  private nextIdValue = 1000
  /**
   * Job ids (= check run ids) of the jobs that deploy, drawn apart: on
   * GitHub they come from the check runs' own sequence, and drawing them
   * from `nextId` would shift the id of every object made after a
   * deployment. Below 2^31: GraphQL's `databaseId: Int` is 32-bit.
   */
  private nextJobIdValue = 900_000_000
  readonly users = new Map<string, User>()
  readonly teams = new Map<string, Team>()
  readonly repos = new Map<string, RepoHandle>()
  readonly tokens = new Map<string, Token>()
  readonly apps = new Map<number, App>()
  readonly installations = new Map<number, Installation>()
  readonly ghost: User
  readonly webFlow: User
  readonly githubActions: User
  readonly dependabot: User

  constructor(options: SimulatorOptions = {}) {
    this.clock = new Date(options.now ?? new Date('2025-01-06T09:00:00Z'))
    this.webUrl = (options.webUrl ?? 'https://github.com').replace(/\/$/, '')
    this.ghost = this.addUser('ghost', { id: GHOST_ID, name: 'Deleted user' })
    this.webFlow = this.addUser('web-flow', {
      id: WEB_FLOW_ID,
      name: 'GitHub',
      emails: ['noreply@github.com']
    })
    this.githubActions = this.bot('github-actions', { id: GITHUB_ACTIONS_ID })
    this.dependabot = this.bot('dependabot', { id: DEPENDABOT_ID })
  }

  // -- clock ---------------------------------------------------------------

  /** The simulated time; every timestamp the model records is taken from it. */
  get now(): Date {
    return new Date(this.clock)
  }

  set now(d: Date) {
    this.clock = new Date(d)
  }

  /** Move the clock forward: `advance('2h')`, `advance(90_000)`. */
  advance(d: number | string): Date {
    this.clock = new Date(this.clock.getTime() + durationMs(d))
    return this.now
  }

  /** An id unique across the whole simulator. */
  nextId(): number {
    return this.nextIdValue++
  }

  /** The id of a deploying job's check run (see `nextJobIdValue`). */
  nextJobId(): number {
    return this.nextJobIdValue++
  }

  // -- accounts ------------------------------------------------------------

  private addUser(
    login: string,
    o: {
      id?: number
      name?: string | null
      emails?: string[]
      type?: ActorType
      siteAdmin?: boolean
    }
  ): User {
    if (this.users.has(login.toLowerCase())) {
      throw new Error(`user ${login} exists`)
    }
    const u: User = {
      id: o.id ?? this.nextId(),
      login,
      type: o.type ?? 'User',
      name: o.name ?? null,
      emails: o.emails ?? [],
      deleted: false,
      siteAdmin: o.siteAdmin ?? false,
      createdAt: this.now
    }
    this.users.set(login.toLowerCase(), u)
    return u
  }

  /** A person. Default email `login@example.com`; pass `emails: []` for none. */
  user(
    login: string,
    o: {
      name?: string
      emails?: string[]
      id?: number
      siteAdmin?: boolean
    } = {}
  ): User {
    return this.addUser(login, {
      ...o,
      name: o.name ?? login,
      emails: o.emails ?? [`${login}@example.com`]
    })
  }

  /** A bot account: `bot('renovate')` is `renovate[bot]`. */
  bot(name: string, o: { id?: number } = {}): User {
    const login = name.endsWith('[bot]') ? name : `${name}[bot]`
    return this.addUser(login, {
      id: o.id,
      type: 'Bot',
      name: null,
      emails: []
    })
  }

  /** An organization account (owner of repositories and teams). */
  org(login: string): User {
    return (
      this.users.get(login.toLowerCase()) ??
      this.addUser(login, { type: 'Organization', name: login })
    )
  }

  /** A team `org/slug` with members. */
  team(orgSlug: string, members: User[] = []): Team {
    const [org = '', slug = ''] = orgSlug.split('/')
    this.org(org)
    const t: Team = { id: this.nextId(), org, slug, name: slug, members }
    this.teams.set(orgSlug.toLowerCase(), t)
    return t
  }

  userByLogin(login: string): User | null {
    return this.users.get(login.toLowerCase()) ?? null
  }

  /** Delete an account: its content now shows as `ghost`. */
  deleteUser(user: User): void {
    user.deleted = true
  }

  /**
   * The account a commit email belongs to: a verified email, or the noreply
   * forms `ID+login@users.noreply.github.com` / `login@users.noreply...`.
   * https://docs.github.com/en/account-and-profile/setting-up-and-managing-your-personal-account-on-github/managing-email-preferences/setting-your-commit-email-address
   */
  userByEmail(email: string): User | null {
    const e = email.toLowerCase()
    const noreply = /^(?:(\d+)\+)?([^@]+)@users\.noreply\.github\.com$/.exec(e)
    for (const u of this.users.values()) {
      if (u.deleted || u.type === 'Organization') continue
      if (u.emails.some((x) => x.toLowerCase() === e)) return u
      if (noreply !== null && noreply[2] === u.login.toLowerCase()) {
        if (noreply[1] === undefined || Number(noreply[1]) === u.id) return u
      }
    }
    return null
  }

  /** The noreply address GitHub gives an account. */
  noreplyEmail(user: User): string {
    return `${user.id}+${user.login}@users.noreply.github.com`
  }

  /** The git signature a user commits with (first email, else noreply). */
  signature(who: AuthorInput, date?: Date): GitSignature {
    if ('login' in who) {
      return {
        name: who.name ?? who.login,
        email: who.emails[0] ?? this.noreplyEmail(who),
        date: date ?? this.now
      }
    }
    return { name: who.name, email: who.email, date: date ?? this.now }
  }

  // -- repositories ----------------------------------------------------------

  /**
   * A repository `owner/name`. The owner account is created (as a user when
   * absent) and is admin. The default branch gets an initial commit unless
   * `empty` is set.
   */
  repo(
    nameWithOwner: string,
    o: {
      defaultBranch?: string
      visibility?: Repository['visibility']
      description?: string
      empty?: boolean
      files?: Record<string, string>
    } = {}
  ): RepoHandle {
    const [ownerLogin = '', name = ''] = nameWithOwner.split('/')
    const owner =
      this.userByLogin(ownerLogin) ?? this.user(ownerLogin, { emails: [] })
    const repo: Repository = {
      id: this.nextId(),
      owner,
      name,
      description: o.description ?? null,
      defaultBranch: o.defaultBranch ?? 'main',
      visibility: o.visibility ?? 'private',
      createdAt: this.now,
      pushedAt: this.now,
      commits: new Map(),
      trees: new Map(),
      blobs: new Map(),
      branches: new Map(),
      tags: new Map(),
      pushes: [],
      pulls: [],
      deployments: [],
      commitStatuses: [],
      checkRuns: [],
      rulesets: [],
      protections: [],
      environments: [],
      runs: [],
      collaborators: new Map(),
      teams: new Map(),
      issues: [],
      labels: [],
      nextNumber: 1
    }
    const handle = new RepoHandle(this, repo)
    this.repos.set(nameWithOwner.toLowerCase(), handle)
    if (o.empty !== true) {
      handle.commit({
        branch: repo.defaultBranch,
        message: 'Initial commit',
        author: owner.type === 'Organization' ? this.webFlow : owner,
        snapshot: o.files ?? { 'README.md': `# ${name}\n` }
      })
    }
    return handle
  }

  getRepo(owner: string, name: string): RepoHandle | null {
    return this.repos.get(`${owner}/${name}`.toLowerCase()) ?? null
  }

  // -- tokens ----------------------------------------------------------------

  /**
   * A token bound to a permission set, like a GitHub App installation token.
   * Unnamed permissions are `none` (metadata is always `read`).
   * https://docs.github.com/en/rest/authentication/permissions-required-for-github-apps
   */
  token(
    permissions: Partial<TokenPermissions> = {},
    o: { kind?: Token['kind']; actor?: User; value?: string } = {}
  ): string {
    const kind = o.kind ?? 'installation'
    const perms: TokenPermissions = {
      metadata: 'read',
      contents: 'none',
      pull_requests: 'none',
      deployments: 'none',
      actions: 'none',
      checks: 'none',
      statuses: 'none',
      issues: 'none',
      administration: 'none',
      members: 'none',
      ...permissions
    }
    if (perms.metadata === 'none') perms.metadata = 'read'
    // No workflow `permissions:` key grants Administration or the
    // organization's Members permission.
    // https://docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication#permissions-for-the-github_token
    for (const p of ['administration', 'members'] as const) {
      if (kind === 'github_token' && perms[p] !== 'none') {
        throw new Error(`a GITHUB_TOKEN never has the ${p} permission`)
      }
    }
    // both GITHUB_TOKEN and installation tokens start with ghs_
    // https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/
    const value = o.value ?? `ghs_${randomBytes(18).toString('base64url')}`
    this.tokens.set(value, {
      value,
      kind,
      permissions: perms,
      actor: o.actor ?? this.githubActions,
      installationId: this.nextId()
    })
    return value
  }

  /** A workflow GITHUB_TOKEN with the given `permissions:` block. */
  workflowToken(permissions: Partial<TokenPermissions> = {}): string {
    return this.token(permissions, { kind: 'github_token' })
  }

  /** An installation token with every permission at `write`. */
  adminToken(): string {
    const all = Object.fromEntries(
      PERMISSION_NAMES.map((p) => [p, 'write' as const])
    ) as TokenPermissions
    return this.token(all)
  }

  revokeToken(value: string): void {
    this.tokens.delete(value)
  }

  // -- GitHub Apps -------------------------------------------------------------

  /**
   * Register a GitHub App with a fresh RSA key pair (its `privateKey` signs
   * the JWTs app.ts verifies) and a `<slug>[bot]` account. Install it with
   * `repo.install(app)`.
   * https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/managing-private-keys-for-github-apps
   */
  app(input: AppInput): App {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' }
    })
    const now = this.now
    const app: App = {
      id: this.nextId(),
      slug: input.slug,
      name: input.name ?? input.slug,
      clientId: `Iv23li${randomBytes(7).toString('hex')}`,
      description: input.description ?? null,
      owner: input.owner ?? this.org(`${input.slug}-owner`),
      permissions: { metadata: 'read', ...input.permissions },
      events: input.events ?? ['deployment_protection_rule'],
      privateKey,
      publicKey,
      webhookSecret: input.webhookSecret ?? randomBytes(20).toString('hex'),
      hookId: this.nextId(),
      bot: this.bot(input.slug),
      createdAt: now,
      updatedAt: now
    }
    this.apps.set(app.id, app)
    return app
  }
}

// ---------------------------------------------------------------------------
// Handles: builder methods bound to one object

export class RepoHandle {
  constructor(
    readonly sim: Simulator,
    readonly data: Repository
  ) {}

  get fullName(): string {
    return fullName(this.data)
  }

  /** Head oid of a branch (throws when missing). */
  head(branch = this.data.defaultBranch): string {
    const oid = this.data.branches.get(branch)
    if (oid === undefined) throw new Error(`no branch ${branch}`)
    return oid
  }

  getCommit(oid: string): Commit {
    return getCommit(this.data, oid)
  }

  // -- access --------------------------------------------------------------

  collaborator(user: User, role: RepoRole = 'write'): this {
    this.data.collaborators.set(user.login, { user, role })
    return this
  }

  teamAccess(team: Team, role: RepoRole = 'write'): this {
    this.data.teams.set(team.id, { team, role })
    return this
  }

  /**
   * Install a GitHub App on this repository's owner, with access to this
   * repository (`selected`, added to an existing installation) or to all of
   * the owner's repositories. The installation gets the App's permissions.
   */
  install(app: App, o: { all?: boolean } = {}): Installation {
    const owner = this.data.owner
    const existing = [...this.sim.installations.values()].find(
      (i) => i.app.id === app.id && i.account.id === owner.id
    )
    if (existing !== undefined) {
      if (o.all === true) existing.repositorySelection = 'all'
      if (!existing.repositoryIds.includes(this.data.id)) {
        existing.repositoryIds.push(this.data.id)
      }
      existing.updatedAt = this.sim.now
      return existing
    }
    const now = this.sim.now
    const installation: Installation = {
      id: this.sim.nextId(),
      app,
      account: owner,
      repositorySelection: o.all === true ? 'all' : 'selected',
      repositoryIds: [this.data.id],
      permissions: { ...app.permissions },
      events: [...app.events],
      createdAt: now,
      updatedAt: now,
      suspendedAt: null
    }
    this.sim.installations.set(installation.id, installation)
    return installation
  }

  // -- git -----------------------------------------------------------------

  private store(files: ReadonlyMap<string, string>): string {
    const built = buildTree(files)
    for (const [oid, entries] of built.trees) this.data.trees.set(oid, entries)
    for (const content of files.values()) {
      this.data.blobs.set(blobOid(content), content)
    }
    return built.root
  }

  /**
   * Create a commit. With `branch`, the parent defaults to its head and the
   * branch moves to the new commit (created when missing).
   */
  commit(input: CommitInput = {}): Commit {
    const sim = this.sim
    const parents =
      input.parents ??
      (input.branch !== undefined && this.data.branches.has(input.branch)
        ? [this.head(input.branch)]
        : [])
    const first = parents[0]
    let files: Map<string, string>
    if (input.snapshot !== undefined) {
      files = new Map(Object.entries(input.snapshot))
    } else {
      files = new Map(
        first === undefined ? [] : getCommit(this.data, first).files
      )
      for (const [path, content] of Object.entries(input.files ?? {})) {
        if (content === null) files.delete(path)
        else files.set(path, content)
      }
    }
    const authorIn = input.author ?? this.data.owner
    const author = sim.signature(authorIn, input.date)
    const committer = sim.signature(
      input.committer ?? authorIn,
      input.committerDate ?? input.date
    )
    let message = input.message ?? `Commit ${this.data.commits.size + 1}`
    if (input.coAuthors !== undefined && input.coAuthors.length > 0) {
      const trailers = input.coAuthors.map((c) => {
        const s = sim.signature(c)
        return `Co-authored-by: ${s.name} <${s.email}>`
      })
      message = `${message.trimEnd()}\n\n${trailers.join('\n')}`
    }
    return this.writeCommit(
      { files, author, committer, message, parents, signedBy: input.signedBy },
      input
    )
  }

  private writeCommit(
    c: {
      files: ReadonlyMap<string, string>
      author: GitSignature
      committer: GitSignature
      message: string
      parents: string[]
      signedBy?: User
    },
    push?: { branch?: string; pusher?: User; author?: AuthorInput }
  ): Commit {
    for (const p of c.parents) getCommit(this.data, p)
    const tree = this.store(c.files)
    const gitMessage = c.message.endsWith('\n') ? c.message : `${c.message}\n`
    const oid = commitOid({
      tree,
      parents: c.parents,
      author: c.author,
      committer: c.committer,
      message: gitMessage
    })
    const commit: Commit = {
      oid,
      tree,
      files: c.files,
      author: c.author,
      committer: c.committer,
      message: c.message.replace(/\n+$/, ''),
      parents: c.parents,
      ...(c.signedBy === undefined ? {} : { signedBy: c.signedBy })
    }
    this.data.commits.set(oid, commit)
    if (push?.branch !== undefined) {
      const pusher =
        push.pusher ??
        (push.author !== undefined && 'login' in push.author
          ? push.author
          : null)
      this.setBranch(push.branch, oid, { pusher })
    }
    return commit
  }

  /** Several commits in a row on a branch; returns them oldest first. */
  commits(
    count: number,
    input: CommitInput & { branch: string },
    each?: (i: number) => Partial<CommitInput>
  ): Commit[] {
    const out: Commit[] = []
    for (let i = 0; i < count; i++) {
      out.push(
        this.commit({
          message: `Commit ${i + 1} on ${input.branch}`,
          files: { [`changes/${input.branch}-${i + 1}.txt`]: `${i + 1}\n` },
          ...input,
          ...(each?.(i) ?? {})
        })
      )
    }
    return out
  }

  /** Create a branch at a commit or at another branch's head. */
  branch(name: string, from: string = this.data.defaultBranch): string {
    const oid = resolveRef(this.data, from)
    if (oid === null) throw new Error(`cannot resolve ${from}`)
    this.setBranch(name, oid, { pusher: null })
    return oid
  }

  /** Point a branch at an existing commit (a push). Fast-forward only. */
  push(branch: string, oid: string, pusher: User | null = null): void {
    const before = this.data.branches.get(branch)
    if (before !== undefined && !isAncestor(this.data, before, oid)) {
      throw new Error(`push to ${branch} is not a fast-forward; use forcePush`)
    }
    this.setBranch(branch, oid, { pusher })
  }

  /** Point a branch anywhere (rewrites history). */
  forcePush(branch: string, oid: string, pusher: User | null = null): void {
    this.setBranch(branch, oid, { pusher, force: true })
  }

  deleteBranch(branch: string): void {
    this.data.branches.delete(branch)
  }

  tag(name: string, ref: string = this.data.defaultBranch): string {
    const oid = resolveRef(this.data, ref)
    if (oid === null) throw new Error(`cannot resolve ${ref}`)
    this.data.tags.set(name, oid)
    return oid
  }

  private setBranch(
    branch: string,
    oid: string,
    o: { pusher: User | null; force?: boolean }
  ): void {
    getCommit(this.data, oid)
    const before = this.data.branches.get(branch) ?? null
    this.data.branches.set(branch, oid)
    const now = this.sim.now
    this.data.pushedAt = now
    this.data.pushes.push({
      branch,
      before,
      after: oid,
      forced:
        o.force === true &&
        before !== null &&
        !isAncestor(this.data, before, oid),
      pusher: o.pusher,
      at: now
    })
    // an open pull request from this branch gets the new head
    for (const pr of this.data.pulls) {
      if (
        pr.state === 'open' &&
        pr.head === branch &&
        pullHeadOid(pr) !== oid
      ) {
        pr.headHistory.push({ oid, at: now, pusher: o.pusher })
        pr.updatedAt = now
      }
    }
  }

  // -- pull requests ---------------------------------------------------------

  /** Open a pull request from an existing head branch. */
  pullRequest(input: PullInput): PullHandle {
    const now = this.sim.now
    const head = this.head(input.head)
    const number = this.data.nextNumber++
    const pr: PullRequest = {
      id: this.sim.nextId(),
      number,
      title: input.title ?? `Pull request from ${input.head}`,
      body: input.body ?? null,
      author: input.author,
      base: input.base ?? this.data.defaultBranch,
      head: input.head,
      draft: input.draft ?? false,
      state: 'open',
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      merged: false,
      mergedAt: null,
      mergedBy: null,
      mergeMethod: null,
      mergeCommit: null,
      headHistory: [{ oid: head, at: now, pusher: input.author }],
      mergedCommits: null,
      landedCommits: [],
      baseOidAtMerge: null,
      reviews: []
    }
    this.data.pulls.push(pr)
    return new PullHandle(this, pr)
  }

  pull(number: number): PullHandle {
    const pr = this.data.pulls.find((p) => p.number === number)
    if (pr === undefined) throw new Error(`no pull request #${number}`)
    return new PullHandle(this, pr)
  }

  /**
   * The usual story in one call: branch from base, commit (by `author`, or
   * by each of `commits`), open a pull request, add the reviews, merge.
   */
  mergedPullRequest(input: {
    author: User
    head?: string
    base?: string
    title?: string
    /** one entry per commit (default: one commit by `author`) */
    commits?: Partial<CommitInput>[]
    approvals?: User[]
    reviews?: { by: User; state: ReviewState; commitId?: string }[]
    by?: User
    method?: MergeMethod
  }): PullHandle {
    const base = input.base ?? this.data.defaultBranch
    const head = input.head ?? `feature-${this.data.nextNumber}`
    this.branch(head, base)
    const specs = input.commits ?? [{}]
    specs.forEach((c, i) => {
      this.commit({
        message: `Change ${i + 1} of ${head}`,
        files: { [`src/${head}-${i + 1}.ts`]: `export const v = ${i + 1}\n` },
        author: input.author,
        ...c,
        branch: head
      })
    })
    const pr = this.pullRequest({
      head,
      base,
      author: input.author,
      title: input.title
    })
    for (const u of input.approvals ?? []) pr.review(u, 'APPROVED')
    for (const r of input.reviews ?? []) {
      pr.review(r.by, r.state, { commitId: r.commitId })
    }
    pr.merge({
      by: input.by ?? input.approvals?.[0] ?? input.author,
      method: input.method
    })
    return pr
  }

  /**
   * A local `git merge` of `from` into `branch`, pushed: a merge commit
   * whose parents are the branch's head and `from`, authored and committed
   * by the person who merged (git-scm.com/docs/git-merge), not by web-flow
   * and not signed by GitHub. GitHub marks no pull request merged for it
   * here (it would only for a pull request whose head became reachable).
   */
  localMerge(input: {
    branch?: string
    from: string
    by: User
    message?: string
  }): Commit {
    const branch = input.branch ?? this.data.defaultBranch
    const ours = this.head(branch)
    const files = this.mergeFiles(
      mergeBase(this.data, ours, input.from),
      ours,
      input.from
    )
    return this.commit({
      branch,
      parents: [ours, input.from],
      snapshot: Object.fromEntries(files),
      author: input.by,
      message: input.message ?? `Merge ${input.from.slice(0, 7)} into ${branch}`
    })
  }

  /**
   * Pull requests merged through the merge queue, as GitHub does it: each
   * entry's changes are built (with the queue's merge method, as the merge
   * button would) on the base's head plus the entries ahead of it, on a
   * temporary branch `gh-readonly-queue/<base>/pr-<number>-<sha of what it
   * was built on>`; `merge_group` workflow runs report their jobs there;
   * then the base is fast-forwarded to the group's head by
   * `github-merge-queue[bot]`, so the commit that lands is the very commit
   * those checks ran on. Each pull request is merged by whoever added it to
   * the queue (GitHub links each queued pull request "to the actor that
   * added the pull request to the merge queue"); the temporary branches go.
   * docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/configuring-pull-request-merges/managing-a-merge-queue
   * ("temporary branches with a special prefix", `gh-readonly-queue/{base_branch}`);
   * github.blog/changelog/label/merge-queue (each queued pull request "linked
   * to the actor that added the pull request to the merge queue");
   * github.com/datafuselabs/fusebots/issues/19 quoting GitHub's docs ("GitHub
   * merges the pull request by fast-forwarding the default branch");
   * github.com/ahrefs/monorobot/pull/205 ("merge-queue merges are attributed
   * to github-merge-queue[bot] as the pusher").
   */
  mergeQueue(input: {
    entries: { pull: PullHandle; by: User }[]
    method?: MergeMethod
    /** job names each `merge_group` run reports (GitHub Actions check runs) */
    jobs?: string[]
  }): { landed: Commit; runs: RunHandle[] } {
    const sim = this.sim
    const queueBot =
      sim.userByLogin('github-merge-queue[bot]') ??
      sim.bot('github-merge-queue', { id: MERGE_QUEUE_ID })
    const base = input.entries[0]?.pull.data.base ?? this.data.defaultBranch
    let tip = this.head(base)
    const built: {
      pull: PullHandle
      by: User
      on: string
      commits: string[]
      landed: Commit[]
    }[] = []
    const runs: RunHandle[] = []
    for (const { pull, by } of input.entries) {
      const commits = pullCommits(this.data, pull.data)
      const landed = pull.land({ by, method: input.method }, tip)
      const head = (landed[landed.length - 1] as Commit).oid
      const branch = `gh-readonly-queue/${base}/pr-${pull.number}-${tip}`
      this.setBranch(branch, head, { pusher: queueBot })
      if ((input.jobs ?? []).length > 0) {
        const run = this.workflowRun({
          actor: by,
          headSha: head,
          headBranch: branch,
          event: 'merge_group'
        })
        for (const job of input.jobs ?? []) run.job(job)
        run.complete()
        runs.push(run)
      }
      built.push({ pull, by, on: tip, commits, landed })
      tip = head
    }
    this.push(base, tip, queueBot)
    for (const b of built) {
      b.pull.recordMerge({
        by: b.by,
        method: input.method,
        baseOid: b.on,
        commits: b.commits,
        landed: b.landed
      })
      this.deleteBranch(`gh-readonly-queue/${base}/pr-${b.pull.number}-${b.on}`)
    }
    return { landed: getCommit(this.data, tip), runs }
  }

  // -- deployments -----------------------------------------------------------

  /**
   * Create a deployment. A deployment to an environment that does not exist
   * creates it with no protection rules, as GitHub does.
   * https://docs.github.com/en/actions/managing-workflow-runs-and-deployments/managing-deployments/managing-environments-for-deployment
   */
  deploy(input: DeploymentInput): DeploymentHandle {
    const now = input.createdAt ?? this.sim.now
    const ref =
      input.ref ?? input.run?.headBranch ?? input.sha ?? this.data.defaultBranch
    const sha = input.sha ?? input.run?.headSha ?? resolveRef(this.data, ref)
    if (sha === null) throw new Error(`cannot resolve ${ref}`)
    const creator = input.creator ?? this.sim.githubActions
    const d: Deployment = {
      id: this.sim.nextId(),
      sha,
      ref,
      task: input.task ?? 'deploy',
      payload: input.payload ?? {},
      originalEnvironment: input.environment,
      environment: input.environment,
      description: input.description ?? null,
      creator,
      createdAt: now,
      updatedAt: now,
      transientEnvironment: input.transientEnvironment ?? false,
      // REST default: true for `production` (API), Actions jobs set false
      // https://docs.github.com/en/rest/deployments/deployments#create-a-deployment
      productionEnvironment:
        input.productionEnvironment ??
        (input.run === undefined && input.environment === 'production'),
      statuses: [],
      runId: input.run?.id ?? null,
      jobId: null
    }
    this.ensureEnvironment(input.environment)
    this.data.deployments.push(d)
    if (input.run !== undefined) {
      // the job that references the environment: its check run (from the
      // GitHub Actions app, in the run's suite) names this deployment, and
      // its id is the job id of the statuses' log URL ("the job ID is the
      // same as the check run ID", docs.github.com/en/rest/actions/workflow-jobs:
      // a job's `check_run_url` is `.../check-runs/<job id>`)
      const job = this.checkRun(
        input.run.headSha,
        input.job ?? 'deploy',
        null,
        {
          run: input.run,
          id: this.sim.nextJobId()
        }
      )
      job.deploymentId = d.id
      d.jobId = job.id
    }
    return new DeploymentHandle(this, d)
  }

  /**
   * What a job with `environment:` leaves behind: a deployment by
   * github-actions[bot] for the run's commit, and the job's check run (from
   * the GitHub Actions app, in the run's check suite) linking it; the
   * statuses' log URL is that job, `<run url>/job/<job id>`, the job id
   * being the check run's id ("the job ID is the same as the check run
   * ID", docs.github.com/en/rest/actions/workflow-jobs: a job's
   * `check_run_url` is `.../check-runs/<job id>`). `state` default
   * `success`; the job ends as the deployment does (see addDeploymentStatus).
   */
  deployFromRun(
    run: WorkflowRun,
    environment: string,
    o: {
      state?: DeploymentState
      environmentUrl?: string
      /** the job's name, default `deploy` */
      job?: string
    } = {}
  ): DeploymentHandle {
    const d = this.deploy({ environment, run, job: o.job })
    d.status('in_progress')
    d.status(o.state ?? 'success', { environmentUrl: o.environmentUrl })
    return d
  }

  deployment(id: number): DeploymentHandle {
    const d = this.data.deployments.find((x) => x.id === id)
    if (d === undefined) throw new Error(`no deployment ${id}`)
    return new DeploymentHandle(this, d)
  }

  ensureEnvironment(name: string): Environment {
    const existing = this.data.environments.find(
      (e) => e.name.toLowerCase() === name.toLowerCase()
    )
    if (existing !== undefined) return existing
    const now = this.sim.now
    const env: Environment = {
      id: this.sim.nextId(),
      name,
      createdAt: now,
      updatedAt: now,
      reviewers: [],
      preventSelfReview: false,
      waitTimer: 0,
      deploymentBranchPolicy: null,
      branchPolicies: [],
      canAdminsBypass: true,
      customRules: []
    }
    this.data.environments.push(env)
    return env
  }

  /** Create or update an environment's settings. */
  environment(name: string, input: EnvironmentInput = {}): Environment {
    const env = this.ensureEnvironment(name)
    env.updatedAt = this.sim.now
    if (input.reviewers !== undefined) {
      env.reviewers = input.reviewers.map((r) =>
        'slug' in r ? { type: 'Team', team: r } : { type: 'User', user: r }
      )
    }
    if (input.preventSelfReview !== undefined) {
      env.preventSelfReview = input.preventSelfReview
    }
    if (input.waitTimer !== undefined) env.waitTimer = input.waitTimer
    if (input.canAdminsBypass !== undefined) {
      env.canAdminsBypass = input.canAdminsBypass
    }
    if (input.customRules !== undefined) {
      env.customRules = input.customRules.map((r) => ({
        id: r.id ?? this.sim.nextId(),
        app: r.app
      }))
    }
    const b = input.deploymentBranches
    if (b !== undefined) {
      if (b === null || b === 'all') {
        env.deploymentBranchPolicy = null
        env.branchPolicies = []
      } else if (b === 'protected') {
        env.deploymentBranchPolicy = {
          protectedBranches: true,
          customBranchPolicies: false
        }
        env.branchPolicies = []
      } else {
        env.deploymentBranchPolicy = {
          protectedBranches: false,
          customBranchPolicies: true
        }
        env.branchPolicies = b.custom.map((p) => ({
          id: this.sim.nextId(),
          ...(typeof p === 'string' ? { name: p, type: 'branch' as const } : p)
        }))
      }
    }
    return env
  }

  // -- workflow runs ---------------------------------------------------------

  workflowRun(input: RunInput): RunHandle {
    const now = this.sim.now
    const headBranch = input.headBranch ?? this.data.defaultBranch
    const headSha = input.headSha ?? this.data.branches.get(headBranch) ?? ''
    const number = this.data.runs.length + 1
    const run: WorkflowRun = {
      id: this.sim.nextId(),
      name: input.name ?? 'Deploy',
      path: input.path ?? '.github/workflows/deploy.yml',
      event: input.event ?? 'push',
      status: input.status ?? 'in_progress',
      conclusion: input.conclusion ?? null,
      runNumber: number,
      runAttempt: input.runAttempt ?? 1,
      actor: input.actor,
      triggeringActor: input.triggeringActor ?? input.actor,
      headSha,
      headBranch,
      createdAt: now,
      updatedAt: now,
      runStartedAt: now,
      approvals: [],
      protectionVerdicts: [],
      protectionReports: []
    }
    this.data.runs.push(run)
    return new RunHandle(this, run)
  }

  run(id: number): RunHandle {
    const r = this.data.runs.find((x) => x.id === id)
    if (r === undefined) throw new Error(`no run ${id}`)
    return new RunHandle(this, r)
  }

  runUrl(run: WorkflowRun): string {
    return `${this.sim.webUrl}/${this.fullName}/actions/runs/${run.id}`
  }

  // -- rules -----------------------------------------------------------------

  /** A repository ruleset. Default: active, on the default branch. */
  ruleset(input: RulesetInput = {}): Ruleset {
    const now = this.sim.now
    const rs: Ruleset = {
      id: this.sim.nextId(),
      name: input.name ?? `ruleset-${this.data.rulesets.length + 1}`,
      target: input.target ?? 'branch',
      enforcement: input.enforcement ?? 'active',
      sourceType: input.sourceType ?? 'Repository',
      source:
        input.sourceType === 'Organization'
          ? this.data.owner.login
          : this.fullName,
      include: input.include ?? ['~DEFAULT_BRANCH'],
      exclude: input.exclude ?? [],
      rules: input.rules ?? [],
      bypassActors: input.bypassActors ?? [],
      createdAt: now,
      updatedAt: now
    }
    this.data.rulesets.push(rs)
    return rs
  }

  /** Classic branch protection on a branch name pattern. */
  protectBranch(
    pattern: string,
    input: ProtectionInput = {}
  ): BranchProtection {
    const rsc = input.requiredStatusChecks
    const prr = input.requiredPullRequestReviews
    const p: BranchProtection = {
      id: this.sim.nextId(),
      pattern,
      requiredStatusChecks:
        rsc === undefined || rsc === null
          ? null
          : {
              strict: rsc.strict ?? false,
              contexts:
                rsc.contexts ?? (rsc.checks ?? []).map((c) => c.context),
              checks:
                rsc.checks?.map((c) => ({
                  context: c.context,
                  appId: c.appId ?? null
                })) ??
                (rsc.contexts ?? []).map((c) => ({ context: c, appId: null }))
            },
      enforceAdmins: input.enforceAdmins ?? false,
      requiredPullRequestReviews:
        prr === undefined || prr === null
          ? null
          : {
              requiredApprovingReviewCount:
                prr.requiredApprovingReviewCount ?? 1,
              dismissStaleReviews: prr.dismissStaleReviews ?? false,
              requireCodeOwnerReviews: prr.requireCodeOwnerReviews ?? false,
              requireLastPushApproval: prr.requireLastPushApproval ?? false,
              dismissalRestrictions:
                prr.dismissalRestrictions === undefined ||
                prr.dismissalRestrictions === null
                  ? null
                  : {
                      users: prr.dismissalRestrictions.users ?? [],
                      teams: prr.dismissalRestrictions.teams ?? []
                    },
              bypassPullRequestAllowances: {
                users: prr.bypassPullRequestAllowances?.users ?? [],
                teams: prr.bypassPullRequestAllowances?.teams ?? []
              }
            },
      restrictions:
        input.restrictions === undefined || input.restrictions === null
          ? null
          : {
              users: input.restrictions.users ?? [],
              teams: input.restrictions.teams ?? []
            },
      requiredLinearHistory: input.requiredLinearHistory ?? false,
      allowForcePushes: input.allowForcePushes ?? false,
      allowDeletions: input.allowDeletions ?? false,
      blockCreations: input.blockCreations ?? false,
      requiredConversationResolution:
        input.requiredConversationResolution ?? false,
      lockBranch: input.lockBranch ?? false,
      allowForkSyncing: input.allowForkSyncing ?? false,
      requiredSignatures: input.requiredSignatures ?? false
    }
    this.data.protections = this.data.protections.filter(
      (x) => x.pattern !== pattern
    )
    this.data.protections.push(p)
    return p
  }

  unprotectBranch(pattern: string): void {
    this.data.protections = this.data.protections.filter(
      (x) => x.pattern !== pattern
    )
  }

  /** Active rulesets' rules that apply to a branch (what GitHub enforces). */
  rulesFor(branch: string): { rule: RulesetRule; ruleset: Ruleset }[] {
    return this.data.rulesets
      .filter(
        (rs) =>
          rs.enforcement === 'active' && rulesetAppliesTo(this.data, rs, branch)
      )
      .flatMap((rs) => rs.rules.map((rule) => ({ rule, ruleset: rs })))
  }

  // -- commit statuses, check runs, issues -----------------------------------

  commitStatus(
    sha: string,
    state: CommitState,
    o: {
      context?: string
      description?: string | null
      targetUrl?: string | null
      creator?: User
    } = {}
  ): CommitStatus {
    const now = this.sim.now
    const s: CommitStatus = {
      id: this.sim.nextId(),
      sha,
      state,
      context: o.context ?? 'default',
      description: o.description ?? null,
      targetUrl: o.targetUrl ?? null,
      creator: o.creator ?? this.sim.githubActions,
      createdAt: now,
      updatedAt: now
    }
    this.data.commitStatuses.push(s)
    return s
  }

  /**
   * A check run on a commit; `null` conclusion: still in progress. With
   * `run` it is that workflow run's job (GitHub Actions, in the run's check
   * suite, on the run's commit: see `RunHandle.job`). Without, it joins the
   * check suite of its App (default GitHub Actions) on that commit. A check
   * run of the same name in the same suite later supersedes it.
   */
  checkRun(
    sha: string,
    name: string,
    conclusion: CheckConclusion | null = 'success',
    o: {
      app?: CheckApp
      detailsUrl?: string
      run?: WorkflowRun | RunHandle
      /** default: the next id */
      id?: number
    } = {}
  ): CheckRun {
    const now = this.sim.now
    const run = o.run instanceof RunHandle ? o.run.data : o.run
    const app =
      run === undefined ? (o.app ?? GITHUB_ACTIONS_APP) : GITHUB_ACTIONS_APP
    const id = o.id ?? this.sim.nextId()
    // Suite ids are derived, not drawn, so that adding suites to the model
    // changed no other object's id: a workflow run's suite is `run id + 1`
    // (as the REST workflow run's `check_suite_id` says), an App's suite on
    // a commit is `first check run's id + 1`.
    const sibling = this.data.checkRuns.find(
      (k) => k.runId === null && k.headSha === sha && k.app.id === app.id
    )
    const checkSuiteId =
      run !== undefined ? run.id + 1 : (sibling?.checkSuiteId ?? id + 1)
    const c: CheckRun = {
      id,
      headSha: run?.headSha ?? sha,
      name,
      status: conclusion === null ? 'in_progress' : 'completed',
      conclusion,
      startedAt: now,
      completedAt: conclusion === null ? null : now,
      app,
      detailsUrl:
        o.detailsUrl ??
        (run === undefined ? null : `${this.runUrl(run)}/job/${id}`),
      checkSuiteId,
      runId: run?.id ?? null,
      // the runner's own steps around the job's (a job always has them)
      steps: run === undefined ? [] : ['Set up job', name, 'Complete job'],
      deploymentId: null
    }
    this.data.checkRuns.push(c)
    return c
  }

  /**
   * A check run created through the Checks API (`POST /check-runs`) with a
   * token acting as `app`. A workflow's GITHUB_TOKEN acts as GitHub Actions,
   * and GitHub adds such a check run to the GitHub Actions check suite of
   * the commit's first workflow run: "GitHub Actions just picks the
   * workflow run that was created first and adds all Checks to it"
   * (bencherdev/bencher#536, LouisBrunner/checks-action#26, community
   * discussion 24616). So it shows under a workflow run, from the GitHub
   * Actions app, but it is no job: it has no steps.
   */
  apiCheckRun(
    sha: string,
    name: string,
    conclusion: CheckConclusion | null,
    o: { app: CheckApp; detailsUrl?: string | null }
  ): CheckRun {
    const first =
      o.app.id === GITHUB_ACTIONS_APP.id
        ? this.data.runs.find((r) => r.headSha === sha)
        : undefined
    const c = this.checkRun(sha, name, conclusion, {
      app: o.app,
      ...(o.detailsUrl == null ? {} : { detailsUrl: o.detailsUrl })
    })
    if (first !== undefined) {
      c.checkSuiteId = first.id + 1
      c.runId = first.id
    }
    return c
  }

  /**
   * An open issue (default author: github-actions[bot], as a workflow's
   * token opens it). Labels the repository lacks are created, as the REST
   * API does (see the POST /issues route in rest.ts).
   */
  issue(input: {
    title: string
    body?: string | null
    author?: User
    labels?: string[]
    assignees?: User[]
  }): Issue {
    const now = this.sim.now
    const labels: string[] = []
    for (const name of input.labels ?? []) {
      const label = this.label(name)
      if (!labels.includes(label.name)) labels.push(label.name)
    }
    const i: Issue = {
      id: this.sim.nextId(),
      number: this.data.nextNumber++,
      title: input.title,
      body: input.body ?? null,
      author: input.author ?? this.sim.githubActions,
      labels,
      assignees: input.assignees ?? [],
      state: 'open',
      stateReason: null,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      closedBy: null,
      events: []
    }
    this.data.issues.push(i)
    return i
  }

  /**
   * The repository's label `name` (matched case-insensitively, as GitHub
   * does), created with GitHub's default colour `ededed` and no
   * description when absent.
   */
  label(name: string, o: { color?: string; description?: string } = {}): Label {
    const found = this.data.labels.find(
      (l) => l.name.toLowerCase() === name.toLowerCase()
    )
    if (found !== undefined) return found
    const label: Label = {
      id: this.sim.nextId(),
      name,
      color: o.color ?? 'ededed',
      description: o.description ?? null,
      isDefault: false,
      createdAt: this.sim.now
    }
    this.data.labels.push(label)
    return label
  }

  getIssue(number: number): Issue | null {
    return this.data.issues.find((i) => i.number === number) ?? null
  }

  /** Close issue `number` as `by` (default reason: completed). */
  closeIssue(
    number: number,
    by: User,
    reason: Exclude<IssueStateReason, 'reopened'> = 'completed'
  ): Issue {
    return this.setIssueState(number, 'closed', by, reason)
  }

  /** Reopen issue `number` as `by`. */
  reopenIssue(number: number, by: User): Issue {
    return this.setIssueState(number, 'open', by, 'reopened')
  }

  /**
   * Move an issue to `state`. Closing an open issue records a closed event;
   * closing a closed one only changes its reason. Reopening records a
   * reopened event and clears `closedAt` and `closedBy`, with the reason
   * `reopened`, as GitHub shows a reopened issue.
   */
  setIssueState(
    number: number,
    state: Issue['state'],
    by: User,
    reason: IssueStateReason | null
  ): Issue {
    const issue = this.getIssue(number)
    if (issue === null) throw new Error(`no issue #${number}`)
    const now = this.sim.now
    issue.updatedAt = now
    if (state === 'closed') {
      issue.stateReason = reason ?? 'completed'
      if (issue.state === 'closed') return issue
      issue.state = 'closed'
      issue.closedAt = now
      issue.closedBy = by
      issue.events.push({
        id: this.sim.nextId(),
        kind: 'closed',
        actor: by,
        at: now,
        stateReason: issue.stateReason
      })
      return issue
    }
    if (issue.state === 'open') return issue
    issue.state = 'open'
    issue.stateReason = 'reopened'
    issue.closedAt = null
    issue.closedBy = null
    issue.events.push({
      id: this.sim.nextId(),
      kind: 'reopened',
      actor: by,
      at: now,
      stateReason: 'reopened'
    })
    return issue
  }

  // -- merging (used by PullHandle) ------------------------------------------

  /** Three-way merge of file snapshots; throws on a conflict. */
  mergeFiles(
    base: string | null,
    ours: string,
    theirs: string
  ): Map<string, string> {
    const b =
      base === null
        ? new Map<string, string>()
        : getCommit(this.data, base).files
    const o = getCommit(this.data, ours).files
    const t = getCommit(this.data, theirs).files
    const out = new Map<string, string>()
    const paths = new Set([...b.keys(), ...o.keys(), ...t.keys()])
    for (const p of paths) {
      const bv = b.get(p)
      const ov = o.get(p)
      const tv = t.get(p)
      let v: string | undefined
      if (ov === tv) v = ov
      else if (ov === bv) v = tv
      else if (tv === bv) v = ov
      else throw new Error(`merge conflict in ${p}`)
      if (v !== undefined) out.set(p, v)
    }
    return out
  }

  /** @internal */
  createCommit(c: {
    files: ReadonlyMap<string, string>
    author: GitSignature
    committer: GitSignature
    message: string
    parents: string[]
  }): Commit {
    // GitHub signs the commits it makes on github.com (merges, squashes,
    // rebases, suggestions) with its own key: they show as Verified.
    // https://docs.github.com/en/authentication/managing-commit-signature-verification/about-commit-signature-verification
    const byGitHub = c.committer.email === WEB_FLOW_SIGNATURE.email
    return this.writeCommit(byGitHub ? { ...c, signedBy: this.sim.webFlow } : c)
  }
}

export class PullHandle {
  constructor(
    readonly repo: RepoHandle,
    readonly data: PullRequest
  ) {}

  get number(): number {
    return this.data.number
  }

  get headOid(): string {
    return pullHeadOid(this.data)
  }

  /** Commit on the head branch (a push to the pull request). */
  push(input: Omit<CommitInput, 'branch'> = {}): Commit {
    return this.repo.commit({
      author: this.data.author,
      ...input,
      branch: this.data.head
    })
  }

  /** Submit a review on the current head (or `commitId`). */
  review(by: User, state: ReviewState, o: ReviewInput = {}): Review {
    const r: Review = {
      id: this.repo.sim.nextId(),
      author: by,
      state,
      body: o.body ?? (state === 'APPROVED' ? '' : 'Please change this.'),
      commitId: o.commitId ?? this.headOid,
      submittedAt: this.repo.sim.now
    }
    this.data.reviews.push(r)
    this.data.updatedAt = r.submittedAt
    return r
  }

  approve(by: User, o: ReviewInput = {}): Review {
    return this.review(by, 'APPROVED', o)
  }

  dismiss(review: Review): void {
    review.state = 'DISMISSED'
  }

  /**
   * "Update branch" (traditional merge) on the pull request page: GitHub
   * merges the base branch into the head branch ("The resulting merge commit
   * merges the base branch into the head branch of the pull request",
   * docs.github.com/en/pull-requests/collaborating-with-pull-requests/proposing-changes-to-your-work-with-pull-requests/keeping-your-pull-request-in-sync-with-the-base-branch).
   * The merge commit is authored by whoever clicked and committed by GitHub,
   * `Merge branch '<base>' into <head>`, parents the old head and the base
   * head (strands-labs/robots#3190: git author the clicker's linked account,
   * committer `GitHub <noreply@github.com>`, web-flow); the clicker is its
   * last pusher (chipsalliance/Caliptra#28: "you were the last pusher").
   * Only offered when the head is behind the base.
   */
  updateBranch(by: User): Commit {
    const repo = this.repo
    const pr = this.data
    if (pr.state !== 'open') throw new Error(`#${pr.number} is not open`)
    const headOid = this.headOid
    const baseOid = repo.head(pr.base)
    if (isAncestor(repo.data, baseOid, headOid)) {
      throw new Error(`#${pr.number} is already up to date with ${pr.base}`)
    }
    const now = repo.sim.now
    const commit = repo.createCommit({
      files: repo.mergeFiles(
        mergeBase(repo.data, headOid, baseOid),
        headOid,
        baseOid
      ),
      author: repo.sim.signature(by, now),
      committer: { ...WEB_FLOW_SIGNATURE, date: now },
      message: `Merge branch '${pr.base}' into ${pr.head}`,
      parents: [headOid, baseOid]
    })
    repo.push(pr.head, commit.oid, by)
    return commit
  }

  close(): void {
    const now = this.repo.sim.now
    this.data.state = 'closed'
    this.data.closedAt = now
    this.data.updatedAt = now
  }

  /**
   * Merge as GitHub's merge button does.
   * - merge: a merge commit (parents: base head, pull request head) authored
   *   by the merger and committed by web-flow, message
   *   `Merge pull request #N from owner/branch` + blank line + title.
   * - squash: one commit on the base head, authored by the pull request
   *   author, committed by web-flow, `Title (#N)` with the commit messages as
   *   bullets and a `Co-authored-by` trailer for every other commit author.
   * - rebase: each commit copied onto the base head, author kept, committed
   *   by web-flow.
   * https://docs.github.com/en/pull-requests/collaborating-with-pull-requests/incorporating-changes-from-a-pull-request/about-pull-request-merges
   */
  merge(input: MergeInput): Commit {
    const pr = this.data
    if (pr.state !== 'open') throw new Error(`#${pr.number} is not open`)
    const baseOid = this.repo.head(pr.base)
    const commits = pullCommits(this.repo.data, pr)
    const landed = this.land(input, baseOid)
    const last = landed[landed.length - 1] as Commit
    this.repo.push(pr.base, last.oid, input.by)
    this.recordMerge({ ...input, baseOid, commits, landed })
    if (input.deleteBranch === true) this.repo.deleteBranch(pr.head)
    return last
  }

  /**
   * The commits merging creates on `baseOid` (the base's head, or a merge
   * queue's group ahead of it), without moving any branch.
   * @internal
   */
  land(input: MergeInput, baseOid: string): Commit[] {
    const repo = this.repo
    const sim = repo.sim
    const pr = this.data
    const method = input.method ?? 'merge'
    const headOid = this.headOid
    const commits = pullCommits(repo.data, pr)
    const base = mergeBase(repo.data, baseOid, headOid)
    const files = repo.mergeFiles(base, baseOid, headOid)
    const now = sim.now
    const webFlow = { ...WEB_FLOW_SIGNATURE, date: now }
    let landed: Commit[]
    if (method === 'merge') {
      const title =
        input.title ??
        `Merge pull request #${pr.number} from ${repo.data.owner.login}/${pr.head}`
      const body = input.message ?? pr.title
      landed = [
        repo.createCommit({
          files,
          author: sim.signature(input.by, now),
          committer: webFlow,
          message: `${title}\n\n${body}`,
          parents: [baseOid, headOid]
        })
      ]
    } else if (method === 'squash') {
      const msgs = commits.map((o) => getCommit(repo.data, o).message)
      const only = commits.length === 1 ? msgs[0] : undefined
      const defaultTitle =
        only !== undefined
          ? `${only.split('\n')[0] ?? ''} (#${pr.number})`
          : `${pr.title} (#${pr.number})`
      const defaultBody =
        only !== undefined
          ? only.split('\n').slice(1).join('\n').trim()
          : msgs.map((m) => `* ${m}`).join('\n\n')
      const author = sim.signature(pr.author, now)
      const seen = new Set([author.email.toLowerCase()])
      const trailers: string[] = []
      for (const o of commits) {
        const c = getCommit(repo.data, o)
        for (const who of [c.author, ...coAuthors(c.message)]) {
          const key = who.email.toLowerCase()
          if (seen.has(key)) continue
          seen.add(key)
          trailers.push(`Co-authored-by: ${who.name} <${who.email}>`)
        }
      }
      let body = input.message ?? defaultBody
      // existing trailers in the bullets are moved to the end, not repeated
      body = body
        .split('\n')
        .filter((l) => !/^co-authored-by:/i.test(l.trim()))
        .join('\n')
        .trim()
      const parts = [input.title ?? defaultTitle]
      if (body !== '') parts.push(body)
      if (trailers.length > 0) parts.push(trailers.join('\n'))
      landed = [
        repo.createCommit({
          files,
          author,
          committer: webFlow,
          message: parts.join('\n\n'),
          parents: [baseOid]
        })
      ]
    } else {
      landed = []
      let parent = baseOid
      for (const o of commits) {
        const c = getCommit(repo.data, o)
        const f = repo.mergeFiles(c.parents[0] ?? null, parent, o)
        const copy = repo.createCommit({
          files: f,
          author: c.author,
          committer: webFlow,
          message: c.message,
          parents: [parent]
        })
        landed.push(copy)
        parent = copy.oid
      }
    }
    if (landed.length === 0) throw new Error(`#${pr.number} has no commits`)
    return landed
  }

  /**
   * The pull request closed as merged by `by`, its commits frozen.
   * @internal
   */
  recordMerge(o: {
    by: User
    method?: MergeMethod
    baseOid: string
    /** the pull request's commits before it merged */
    commits: string[]
    landed: Commit[]
  }): void {
    const pr = this.data
    const now = this.repo.sim.now
    pr.mergedCommits = o.commits
    pr.baseOidAtMerge = o.baseOid
    pr.state = 'closed'
    pr.merged = true
    pr.mergedAt = now
    pr.closedAt = now
    pr.updatedAt = now
    pr.mergedBy = o.by
    pr.mergeMethod = o.method ?? 'merge'
    pr.mergeCommit = o.landed[o.landed.length - 1]?.oid ?? null
    pr.landedCommits = o.landed.map((c) => c.oid)
  }
}

export class DeploymentHandle {
  constructor(
    readonly repo: RepoHandle,
    readonly data: Deployment
  ) {}

  get id(): number {
    return this.data.id
  }

  /**
   * Add a status. A `success` marks earlier successful deployments of the
   * same environment `inactive` (unless `autoInactive: false`), skipping
   * transient and production-environment deployments, as documented:
   * "Adds a new inactive status to all prior non-transient, non-production
   * environment deployments with the same repository and environment name as
   * the created status's deployment. An inactive status is only added to
   * deployments that had a success state."
   * https://docs.github.com/en/rest/deployments/statuses#create-a-deployment-status
   */
  status(
    state: DeploymentState,
    input: DeploymentStatusInput = {}
  ): DeploymentStatus {
    return addDeploymentStatus(this.repo, this.data, state, input)
  }
}

export function addDeploymentStatus(
  repo: RepoHandle,
  d: Deployment,
  state: DeploymentState,
  input: DeploymentStatusInput = {}
): DeploymentStatus {
  const sim = repo.sim
  const now = sim.now
  const run =
    d.runId === null ? undefined : repo.data.runs.find((r) => r.id === d.runId)
  // the job's log: the job id is its check run's id (see deployFromRun)
  const runLog =
    run === undefined || d.jobId === null
      ? ''
      : `${repo.runUrl(run)}/job/${d.jobId}`
  const logUrl = input.logUrl ?? input.targetUrl ?? runLog
  const environment =
    input.environment ?? latestStatus(d)?.environment ?? d.environment
  const s: DeploymentStatus = {
    id: sim.nextId(),
    state,
    creator: input.creator ?? d.creator,
    description: input.description ?? '',
    environment,
    // log_url also sets target_url
    targetUrl: input.targetUrl ?? logUrl,
    logUrl,
    environmentUrl: input.environmentUrl ?? '',
    createdAt: now,
    updatedAt: now
  }
  d.statuses.push(s)
  d.environment = environment
  d.updatedAt = now
  // the job that made it ends as its deployment does
  const job =
    d.jobId === null
      ? undefined
      : repo.data.checkRuns.find((k) => k.id === d.jobId)
  const ended =
    state === 'success' || state === 'inactive'
      ? 'success'
      : state === 'failure' || state === 'error'
        ? 'failure'
        : null
  if (job !== undefined && ended !== null && job.status !== 'completed') {
    job.status = 'completed'
    job.conclusion = ended
    job.completedAt = now
  }
  repo.ensureEnvironment(environment)
  if (state === 'success' && input.autoInactive !== false) {
    for (const other of repo.data.deployments) {
      if (other === d || other.id > d.id) continue
      if (other.environment !== environment) continue
      if (other.transientEnvironment || other.productionEnvironment) continue
      if (latestStatus(other)?.state !== 'success') continue
      other.statuses.push({
        id: sim.nextId(),
        state: 'inactive',
        creator: s.creator,
        description: '',
        environment,
        targetUrl: latestStatus(other)?.targetUrl ?? '',
        logUrl: latestStatus(other)?.logUrl ?? '',
        environmentUrl: '',
        createdAt: now,
        updatedAt: now
      })
      other.updatedAt = now
    }
  }
  return s
}

export class RunHandle {
  constructor(
    readonly repo: RepoHandle,
    readonly data: WorkflowRun
  ) {}

  get id(): number {
    return this.data.id
  }

  /** Approve the pending deployment to environments (a reviewer's click). */
  approve(user: User, environments: string | string[], comment = ''): this {
    return this.record(user, 'approved', environments, comment)
  }

  reject(user: User, environments: string | string[], comment = ''): this {
    return this.record(user, 'rejected', environments, comment)
  }

  private record(
    user: User,
    state: EnvironmentApproval['state'],
    environments: string | string[],
    comment: string
  ): this {
    const names =
      typeof environments === 'string' ? [environments] : environments
    for (const n of names) this.repo.ensureEnvironment(n)
    this.data.approvals.push({
      user,
      state,
      comment,
      environments: names,
      at: this.repo.sim.now
    })
    return this
  }

  /** The deployment its job creates for an environment, and that job. */
  deploy(
    environment: string,
    o: { state?: DeploymentState; job?: string } = {}
  ): DeploymentHandle {
    return this.repo.deployFromRun(this.data, environment, o)
  }

  /**
   * A job of this run, as GitHub Actions reports it: a check run named
   * after the job on the run's commit, in the run's check suite, its
   * details URL the job's log. `null`: still running. Calling it again for
   * the same name (after `rerun`) supersedes the earlier result.
   */
  job(
    name: string,
    conclusion: CheckConclusion | null = 'success',
    o: { detailsUrl?: string } = {}
  ): CheckRun {
    return this.repo.checkRun(this.data.headSha, name, conclusion, {
      ...o,
      run: this.data
    })
  }

  /** Re-run: same id, next attempt, new triggering actor. */
  rerun(by: User): this {
    this.data.runAttempt += 1
    this.data.triggeringActor = by
    this.data.updatedAt = this.repo.sim.now
    return this
  }

  complete(conclusion = 'success'): this {
    this.data.status = 'completed'
    this.data.conclusion = conclusion
    this.data.updatedAt = this.repo.sim.now
    return this
  }
}
