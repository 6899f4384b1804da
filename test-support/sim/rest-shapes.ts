// REST response bodies in GitHub's shapes, built from the model. Field names
// and required fields follow GitHub's OpenAPI description
// (https://github.com/github/rest-api-description, as @octokit/openapi ships
// it); __tests__/sim validates every body against it.
import { blobOid } from './git.js'
import {
  fullName,
  getCommit,
  GITHUB_ACTIONS_APP,
  latestStatus,
  protectionFor,
  pullCommits,
  pullHeadOid,
  roleOf,
  type BranchProtection,
  type CheckApp,
  type CheckRun,
  type Commit,
  type CommitStatus,
  type Deployment,
  type DeploymentStatus,
  type Environment,
  type Issue,
  type Label,
  type PullRequest,
  type RepoRole,
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

export interface ShapeContext {
  sim: Simulator
  /** REST base, e.g. `http://127.0.0.1:4000` or `.../api/v3` */
  api: string
  /** web base for html_url, e.g. `https://github.com` */
  web: string
  token: Token | null
}

type Json = Record<string, unknown>

/** GitHub timestamps: ISO 8601 in UTC, no fraction. */
export function iso(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/**
 * Legacy global node id: base64 of `0<len>:<Type><id>`, e.g. `MDQ6VXNlcjE=`
 * for User 1. https://docs.github.com/en/graphql/guides/using-global-node-ids
 */
export function nodeId(type: string, id: number | string): string {
  return Buffer.from(`0${type.length}:${type}${id}`).toString('base64')
}

function visible(ctx: ShapeContext, u: User): User {
  return u.deleted ? ctx.sim.ghost : u
}

export function simpleUser(ctx: ShapeContext, user: User): Json {
  const u = visible(ctx, user)
  // `github-actions[bot]` -> `/users/github-actions%5Bbot%5D`, as GitHub
  const base = `${ctx.api}/users/${encodeURIComponent(u.login)}`
  const html =
    u.type === 'Bot'
      ? `${ctx.web}/apps/${u.login.replace(/\[bot\]$/, '')}`
      : `${ctx.web}/${u.login}`
  return {
    login: u.login,
    id: u.id,
    node_id: nodeId(u.type === 'Bot' ? 'Bot' : u.type, u.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
    gravatar_id: '',
    url: base,
    html_url: html,
    followers_url: `${base}/followers`,
    following_url: `${base}/following{/other_user}`,
    gists_url: `${base}/gists{/gist_id}`,
    starred_url: `${base}/starred{/owner}{/repo}`,
    subscriptions_url: `${base}/subscriptions`,
    organizations_url: `${base}/orgs`,
    repos_url: `${base}/repos`,
    events_url: `${base}/events{/privacy}`,
    received_events_url: `${base}/received_events`,
    type: u.type,
    user_view_type: 'public',
    site_admin: u.siteAdmin
  }
}

/**
 * The user a commit email maps to, or null (REST `author: null`). Unlike
 * GraphQL's `GitActor.user`, REST gives a bot's account for its noreply
 * address (`type: "Bot"`: NVIDIA/nodewright#554 tells Dependabot and Renovate
 * commits of `pulls.listCommits` apart by `c.author?.type === 'Bot'`).
 */
function commitUser(ctx: ShapeContext, email: string): Json | null {
  const u = ctx.sim.userByEmail(email)
  return u === null ? null : simpleUser(ctx, u)
}

export function repoUrl(ctx: ShapeContext, repo: Repository): string {
  return `${ctx.api}/repos/${fullName(repo)}`
}

function htmlRepo(ctx: ShapeContext, repo: Repository): string {
  return `${ctx.web}/${fullName(repo)}`
}

/** Full Repository; also a superset of Repository and Minimal Repository. */
export function repository(ctx: ShapeContext, repo: Repository): Json {
  const u = repoUrl(ctx, repo)
  const host = new URL(ctx.web).host
  const openIssues =
    repo.issues.filter((i) => i.state === 'open').length +
    repo.pulls.filter((p) => p.state === 'open').length
  return {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: fullName(repo),
    private: repo.visibility !== 'public',
    owner: simpleUser(ctx, repo.owner),
    html_url: htmlRepo(ctx, repo),
    description: repo.description,
    fork: false,
    url: u,
    archive_url: `${u}/{archive_format}{/ref}`,
    assignees_url: `${u}/assignees{/user}`,
    blobs_url: `${u}/git/blobs{/sha}`,
    branches_url: `${u}/branches{/branch}`,
    collaborators_url: `${u}/collaborators{/collaborator}`,
    comments_url: `${u}/comments{/number}`,
    commits_url: `${u}/commits{/sha}`,
    compare_url: `${u}/compare/{base}...{head}`,
    contents_url: `${u}/contents/{+path}`,
    contributors_url: `${u}/contributors`,
    deployments_url: `${u}/deployments`,
    downloads_url: `${u}/downloads`,
    events_url: `${u}/events`,
    forks_url: `${u}/forks`,
    git_commits_url: `${u}/git/commits{/sha}`,
    git_refs_url: `${u}/git/refs{/sha}`,
    git_tags_url: `${u}/git/tags{/sha}`,
    git_url: `git://${host}/${fullName(repo)}.git`,
    issue_comment_url: `${u}/issues/comments{/number}`,
    issue_events_url: `${u}/issues/events{/number}`,
    issues_url: `${u}/issues{/number}`,
    keys_url: `${u}/keys{/key_id}`,
    labels_url: `${u}/labels{/name}`,
    languages_url: `${u}/languages`,
    merges_url: `${u}/merges`,
    milestones_url: `${u}/milestones{/number}`,
    notifications_url: `${u}/notifications{?since,all,participating}`,
    pulls_url: `${u}/pulls{/number}`,
    releases_url: `${u}/releases{/id}`,
    ssh_url: `git@${host}:${fullName(repo)}.git`,
    stargazers_url: `${u}/stargazers`,
    statuses_url: `${u}/statuses/{sha}`,
    subscribers_url: `${u}/subscribers`,
    subscription_url: `${u}/subscription`,
    tags_url: `${u}/tags`,
    teams_url: `${u}/teams`,
    trees_url: `${u}/git/trees{/sha}`,
    clone_url: `${htmlRepo(ctx, repo)}.git`,
    mirror_url: null,
    hooks_url: `${u}/hooks`,
    svn_url: htmlRepo(ctx, repo),
    homepage: null,
    language: 'TypeScript',
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: repo.blobs.size,
    default_branch: repo.defaultBranch,
    open_issues_count: openIssues,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: repo.visibility,
    pushed_at: iso(repo.pushedAt),
    created_at: iso(repo.createdAt),
    updated_at: iso(repo.pushedAt),
    allow_rebase_merge: true,
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    allow_forking: true,
    web_commit_signoff_required: false,
    subscribers_count: 0,
    network_count: 0,
    license: null,
    forks: 0,
    open_issues: openIssues,
    watchers: 0
  }
}

export function gitUser(s: { name: string; email: string; date: Date }): Json {
  return { name: s.name, email: s.email, date: iso(s.date) }
}

/** The `Commit` object of the commits, compare and pulls/commits APIs. */
export function commit(
  ctx: ShapeContext,
  repo: Repository,
  c: Commit,
  o: { files?: boolean } = {}
): Json {
  const u = repoUrl(ctx, repo)
  const out: Json = {
    sha: c.oid,
    node_id: nodeId('Commit', c.oid),
    commit: {
      author: gitUser(c.author),
      committer: gitUser(c.committer),
      message: c.message,
      tree: { sha: c.tree, url: `${u}/git/trees/${c.tree}` },
      url: `${u}/git/commits/${c.oid}`,
      comment_count: 0,
      verification: {
        verified: false,
        reason: 'unsigned',
        signature: null,
        payload: null,
        verified_at: null
      }
    },
    url: `${u}/commits/${c.oid}`,
    html_url: `${htmlRepo(ctx, repo)}/commit/${c.oid}`,
    comments_url: `${u}/commits/${c.oid}/comments`,
    author: commitUser(ctx, c.author.email),
    committer: commitUser(ctx, c.committer.email),
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${u}/commits/${p}`,
      html_url: `${htmlRepo(ctx, repo)}/commit/${p}`
    }))
  }
  if (o.files === true) {
    const parent =
      c.parents[0] === undefined ? null : getCommit(repo, c.parents[0])
    const files = diffFiles(
      ctx,
      repo,
      parent?.files ?? new Map(),
      c.files,
      c.oid
    )
    const additions = files.reduce((n, f) => n + Number(f.additions), 0)
    const deletions = files.reduce((n, f) => n + Number(f.deletions), 0)
    out.stats = { total: additions + deletions, additions, deletions }
    out.files = files
  }
  return out
}

function lines(s: string | undefined): number {
  if (s === undefined || s === '') return 0
  return s.replace(/\n$/, '').split('\n').length
}

/** Diff entries between two snapshots (whole-file line counts). */
export function diffFiles(
  ctx: ShapeContext,
  repo: Repository,
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
  ref: string
): Json[] {
  const out: Json[] = []
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort()
  for (const path of paths) {
    const a = before.get(path)
    const b = after.get(path)
    if (a === b) continue
    const status =
      a === undefined ? 'added' : b === undefined ? 'removed' : 'modified'
    const additions = lines(b)
    const deletions = lines(a)
    const sha = b === undefined ? null : blobOid(b)
    out.push({
      sha,
      filename: path,
      status,
      additions,
      deletions,
      changes: additions + deletions,
      blob_url: `${htmlRepo(ctx, repo)}/blob/${ref}/${path}`,
      raw_url: `${htmlRepo(ctx, repo)}/raw/${ref}/${path}`,
      contents_url: `${repoUrl(ctx, repo)}/contents/${path}?ref=${ref}`
    })
  }
  return out
}

export function authorAssociation(repo: Repository, user: User): string {
  if (user.id === repo.owner.id) return 'OWNER'
  if (repo.collaborators.has(user.login)) return 'COLLABORATOR'
  for (const { team } of repo.teams.values()) {
    if (team.members.some((m) => m.id === user.id)) return 'MEMBER'
  }
  return 'NONE'
}

function link(href: string): Json {
  return { href }
}

function pullBranch(
  ctx: ShapeContext,
  repo: Repository,
  ref: string,
  sha: string
): Json {
  return {
    label: `${repo.owner.login}:${ref}`,
    ref,
    sha,
    user: simpleUser(ctx, repo.owner),
    repo: repository(ctx, repo)
  }
}

/** Pull Request Simple (`full: false`) or Pull Request (`full: true`). */
export function pullRequest(
  ctx: ShapeContext,
  repo: Repository,
  pr: PullRequest,
  full: boolean
): Json {
  const u = `${repoUrl(ctx, repo)}/pulls/${pr.number}`
  const html = `${htmlRepo(ctx, repo)}/pull/${pr.number}`
  const issue = `${repoUrl(ctx, repo)}/issues/${pr.number}`
  const head = pullHeadOid(pr)
  const baseSha = pr.baseOidAtMerge ?? repo.branches.get(pr.base) ?? head
  const out: Json = {
    url: u,
    id: pr.id,
    node_id: nodeId('PullRequest', pr.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issue,
    commits_url: `${u}/commits`,
    review_comments_url: `${u}/comments`,
    review_comment_url: `${repoUrl(ctx, repo)}/pulls/comments{/number}`,
    comments_url: `${issue}/comments`,
    statuses_url: `${repoUrl(ctx, repo)}/statuses/${head}`,
    number: pr.number,
    state: pr.state,
    locked: false,
    title: pr.title,
    user: simpleUser(ctx, pr.author),
    body: pr.body,
    labels: [],
    milestone: null,
    active_lock_reason: null,
    created_at: iso(pr.createdAt),
    updated_at: iso(pr.updatedAt),
    closed_at: pr.closedAt === null ? null : iso(pr.closedAt),
    merged_at: pr.mergedAt === null ? null : iso(pr.mergedAt),
    merge_commit_sha: pr.mergeCommit,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: pullBranch(ctx, repo, pr.head, head),
    base: pullBranch(ctx, repo, pr.base, baseSha),
    _links: {
      self: link(u),
      html: link(html),
      issue: link(issue),
      comments: link(`${issue}/comments`),
      review_comments: link(`${u}/comments`),
      review_comment: link(`${repoUrl(ctx, repo)}/pulls/comments{/number}`),
      commits: link(`${u}/commits`),
      statuses: link(`${repoUrl(ctx, repo)}/statuses/${head}`)
    },
    author_association: authorAssociation(repo, pr.author),
    auto_merge: null,
    draft: pr.draft
  }
  if (full) {
    const commits = pullCommits(repo, pr)
    Object.assign(out, {
      merged: pr.merged,
      mergeable: pr.state === 'open' ? true : null,
      rebaseable: pr.state === 'open' ? true : null,
      mergeable_state: pr.state === 'open' ? 'clean' : 'unknown',
      merged_by: pr.mergedBy === null ? null : simpleUser(ctx, pr.mergedBy),
      comments: 0,
      review_comments: 0,
      maintainer_can_modify: false,
      commits: commits.length,
      additions: 0,
      deletions: 0,
      changed_files: 0
    })
  }
  return out
}

export function review(
  ctx: ShapeContext,
  repo: Repository,
  pr: PullRequest,
  r: Review
): Json {
  const prUrl = `${repoUrl(ctx, repo)}/pulls/${pr.number}`
  const html = `${htmlRepo(ctx, repo)}/pull/${pr.number}#pullrequestreview-${r.id}`
  return {
    id: r.id,
    node_id: nodeId('PullRequestReview', r.id),
    user: simpleUser(ctx, r.author),
    body: r.body,
    state: r.state,
    html_url: html,
    pull_request_url: prUrl,
    author_association: authorAssociation(repo, r.author),
    _links: { html: link(html), pull_request: link(prUrl) },
    submitted_at: iso(r.submittedAt),
    commit_id: r.commitId
  }
}

export function deployment(
  ctx: ShapeContext,
  repo: Repository,
  d: Deployment
): Json {
  const u = `${repoUrl(ctx, repo)}/deployments/${d.id}`
  return {
    url: u,
    id: d.id,
    node_id: nodeId('Deployment', d.id),
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: d.payload,
    original_environment: d.originalEnvironment,
    environment: d.environment,
    description: d.description,
    creator: simpleUser(ctx, d.creator),
    created_at: iso(d.createdAt),
    updated_at: iso(d.updatedAt),
    statuses_url: `${u}/statuses`,
    repository_url: repoUrl(ctx, repo),
    transient_environment: d.transientEnvironment,
    production_environment: d.productionEnvironment,
    ...(d.runId !== null ? { performed_via_github_app: null } : {})
  }
}

export function deploymentStatus(
  ctx: ShapeContext,
  repo: Repository,
  d: Deployment,
  s: DeploymentStatus
): Json {
  const du = `${repoUrl(ctx, repo)}/deployments/${d.id}`
  return {
    url: `${du}/statuses/${s.id}`,
    id: s.id,
    node_id: nodeId('DeploymentStatus', s.id),
    state: s.state,
    creator: simpleUser(ctx, s.creator),
    description: s.description,
    environment: s.environment,
    target_url: s.targetUrl,
    created_at: iso(s.createdAt),
    updated_at: iso(s.updatedAt),
    deployment_url: du,
    repository_url: repoUrl(ctx, repo),
    environment_url: s.environmentUrl,
    log_url: s.logUrl
  }
}

export function rulesetRule(rule: RulesetRule): Json {
  return rule.parameters === undefined
    ? { type: rule.type }
    : { type: rule.type, parameters: rule.parameters }
}

/**
 * A ruleset. `bypass_actors` is only shown to callers who can edit the
 * ruleset (administration); the others get the ruleset without the key, and
 * everyone gets `current_user_can_bypass`, "never" unless they are a bypass
 * actor. Measured with an admin and a non-admin account on one ruleset
 * (upex-galaxy/agentic-qa-boilerplate#35); a workflow's GITHUB_TOKEN is not
 * enough to see bypass_actors (intent-hq/intent#5510). (GraphQL:
 * ossf/scorecard#3354 notes bypass actors are nil "depending on the auth
 * token used".)
 */
export function ruleset(
  ctx: ShapeContext,
  repo: Repository,
  rs: Ruleset,
  full: boolean
): Json {
  const self = `${repoUrl(ctx, repo)}/rulesets/${rs.id}`
  // no token (an anonymous request) is no admin either
  const canAdmin = (ctx.token?.permissions.administration ?? 'none') !== 'none'
  const out: Json = {
    id: rs.id,
    name: rs.name,
    target: rs.target,
    source_type: rs.sourceType,
    source: rs.source,
    enforcement: rs.enforcement,
    node_id: nodeId('RepositoryRuleset', rs.id),
    _links: {
      self: link(self),
      html: link(`${htmlRepo(ctx, repo)}/rules/${rs.id}`)
    },
    created_at: iso(rs.createdAt),
    updated_at: iso(rs.updatedAt)
  }
  if (full) {
    if (canAdmin) {
      out.bypass_actors = rs.bypassActors.map((b) => ({
        actor_id: b.actorId,
        actor_type: b.actorType,
        bypass_mode: b.bypassMode
      }))
    }
    out.current_user_can_bypass = currentUserCanBypass(ctx, rs)
    out.conditions = { ref_name: { include: rs.include, exclude: rs.exclude } }
    out.rules = rs.rules.map(rulesetRule)
  }
  return out
}

/**
 * How the caller may bypass a ruleset. A token acts for an App: GitHub
 * Actions for a GITHUB_TOKEN, else the App of its installation; it bypasses
 * when that App is an `Integration` bypass actor.
 */
function currentUserCanBypass(ctx: ShapeContext, rs: Ruleset): string {
  const token = ctx.token
  if (token === null) return 'never'
  const appId =
    token.kind === 'github_token'
      ? GITHUB_ACTIONS_APP.id
      : ctx.sim.installations.get(token.installationId)?.app.id
  const actor = rs.bypassActors.find(
    (b) => b.actorType === 'Integration' && b.actorId === appId
  )
  switch (actor?.bypassMode) {
    case 'always':
      return 'always'
    case 'pull_request':
      return 'pull_requests_only'
    case 'exempt':
      return 'exempt'
    case undefined:
      return 'never'
  }
}

function teamShape(ctx: ShapeContext, t: Team): Json {
  const u = `${ctx.api}/teams/${t.id}`
  return {
    id: t.id,
    node_id: nodeId('Team', t.id),
    url: u,
    html_url: `${ctx.web}/orgs/${t.org}/teams/${t.slug}`,
    name: t.name,
    slug: t.slug,
    description: null,
    privacy: 'closed',
    notification_setting: 'notifications_enabled',
    permission: 'pull',
    members_url: `${u}/members{/member}`,
    repositories_url: `${u}/repos`,
    type: 'organization',
    parent: null
  }
}

/** GET /branches/{b}/protection: the full classic protection. */
export function branchProtection(
  ctx: ShapeContext,
  repo: Repository,
  branch: string,
  p: BranchProtection
): Json {
  const u = `${repoUrl(ctx, repo)}/branches/${branch}/protection`
  const out: Json = { url: u }
  if (p.requiredStatusChecks !== null) {
    out.required_status_checks = {
      url: `${u}/required_status_checks`,
      strict: p.requiredStatusChecks.strict,
      contexts: p.requiredStatusChecks.contexts,
      contexts_url: `${u}/required_status_checks/contexts`,
      checks: p.requiredStatusChecks.checks.map((c) => ({
        context: c.context,
        app_id: c.appId
      }))
    }
  }
  const prr = p.requiredPullRequestReviews
  if (prr !== null) {
    const reviews: Json = {
      url: `${u}/required_pull_request_reviews`,
      dismiss_stale_reviews: prr.dismissStaleReviews,
      require_code_owner_reviews: prr.requireCodeOwnerReviews,
      required_approving_review_count: prr.requiredApprovingReviewCount,
      require_last_push_approval: prr.requireLastPushApproval
    }
    if (prr.dismissalRestrictions !== null) {
      reviews.dismissal_restrictions = {
        url: `${u}/dismissal_restrictions`,
        users_url: `${u}/dismissal_restrictions/users`,
        teams_url: `${u}/dismissal_restrictions/teams`,
        users: prr.dismissalRestrictions.users.map((x) => simpleUser(ctx, x)),
        teams: prr.dismissalRestrictions.teams.map((t) => teamShape(ctx, t)),
        apps: []
      }
    }
    const bypass = prr.bypassPullRequestAllowances
    if (bypass.users.length > 0 || bypass.teams.length > 0) {
      reviews.bypass_pull_request_allowances = {
        users: bypass.users.map((x) => simpleUser(ctx, x)),
        teams: bypass.teams.map((t) => teamShape(ctx, t)),
        apps: []
      }
    }
    out.required_pull_request_reviews = reviews
  }
  out.required_signatures = {
    url: `${u}/required_signatures`,
    enabled: p.requiredSignatures
  }
  out.enforce_admins = { url: `${u}/enforce_admins`, enabled: p.enforceAdmins }
  if (p.restrictions !== null) {
    out.restrictions = {
      url: `${u}/restrictions`,
      users_url: `${u}/restrictions/users`,
      teams_url: `${u}/restrictions/teams`,
      apps_url: `${u}/restrictions/apps`,
      users: p.restrictions.users.map((x) => simpleUser(ctx, x)),
      teams: p.restrictions.teams.map((t) => teamShape(ctx, t)),
      apps: []
    }
  }
  out.required_linear_history = { enabled: p.requiredLinearHistory }
  out.allow_force_pushes = { enabled: p.allowForcePushes }
  out.allow_deletions = { enabled: p.allowDeletions }
  out.block_creations = { enabled: p.blockCreations }
  out.required_conversation_resolution = {
    enabled: p.requiredConversationResolution
  }
  out.lock_branch = { enabled: p.lockBranch }
  out.allow_fork_syncing = { enabled: p.allowForkSyncing }
  return out
}

/**
 * GET /branches/{b}: `protection` here is the partial view any reader gets
 * (only required status checks), unlike the admin-only protection endpoint.
 * (isaacs/github#1940: "returns just a partial view of
 * required_status_checks".)
 */
export function branch(
  ctx: ShapeContext,
  repo: Repository,
  name: string
): Json {
  const oid = repo.branches.get(name) ?? ''
  const p = protectionFor(repo, name)
  const checks = p?.requiredStatusChecks ?? null
  const u = `${repoUrl(ctx, repo)}/branches/${name}`
  return {
    name,
    commit: commit(ctx, repo, getCommit(repo, oid)),
    _links: { self: u, html: `${htmlRepo(ctx, repo)}/tree/${name}` },
    protected: p !== null,
    protection: {
      enabled: p !== null,
      required_status_checks: {
        enforcement_level:
          checks === null
            ? 'off'
            : p?.enforceAdmins === true
              ? 'everyone'
              : 'non_admins',
        contexts: checks?.contexts ?? [],
        checks: (checks?.checks ?? []).map((c) => ({
          context: c.context,
          app_id: c.appId
        }))
      }
    },
    protection_url: `${u}/protection`
  }
}

export function environment(
  ctx: ShapeContext,
  repo: Repository,
  e: Environment
): Json {
  const rules: Json[] = []
  if (e.waitTimer > 0) {
    rules.push({
      id: e.id * 10 + 1,
      node_id: nodeId('Gate', e.id * 10 + 1),
      type: 'wait_timer',
      wait_timer: e.waitTimer
    })
  }
  if (e.reviewers.length > 0) {
    rules.push({
      id: e.id * 10 + 2,
      node_id: nodeId('Gate', e.id * 10 + 2),
      prevent_self_review: e.preventSelfReview,
      type: 'required_reviewers',
      reviewers: e.reviewers.map((r) =>
        r.type === 'User'
          ? { type: 'User', reviewer: simpleUser(ctx, r.user) }
          : { type: 'Team', reviewer: teamShape(ctx, r.team) }
      )
    })
  }
  if (e.deploymentBranchPolicy !== null) {
    rules.push({
      id: e.id * 10 + 3,
      node_id: nodeId('Gate', e.id * 10 + 3),
      type: 'branch_policy'
    })
  }
  return {
    ...environmentSummary(ctx, repo, e),
    protection_rules: rules,
    deployment_branch_policy:
      e.deploymentBranchPolicy === null
        ? null
        : {
            protected_branches: e.deploymentBranchPolicy.protectedBranches,
            custom_branch_policies:
              e.deploymentBranchPolicy.customBranchPolicies
          },
    // Not in the OpenAPI description, but returned by both environment
    // endpoints: https://github.com/google/go-github/issues/2722
    can_admins_bypass: e.canAdminsBypass
  }
}

export function environmentSummary(
  ctx: ShapeContext,
  repo: Repository,
  e: Environment
): Json {
  return {
    id: e.id,
    node_id: nodeId('Environment', e.id),
    name: e.name,
    url: `${repoUrl(ctx, repo)}/environments/${encodeURIComponent(e.name)}`,
    html_url: `${htmlRepo(ctx, repo)}/deployments/activity_log?environments_filter=${encodeURIComponent(e.name)}`,
    created_at: iso(e.createdAt),
    updated_at: iso(e.updatedAt)
  }
}

function minimalRepository(ctx: ShapeContext, repo: Repository): Json {
  return repository(ctx, repo)
}

/** A workflow's id, the same for every run of its file. */
export function workflowDatabaseId(run: WorkflowRun): number {
  return 1000 + (run.path.length % 97)
}

export function workflowRun(
  ctx: ShapeContext,
  repo: Repository,
  run: WorkflowRun
): Json {
  const u = `${repoUrl(ctx, repo)}/actions/runs/${run.id}`
  const head = repo.commits.get(run.headSha)
  const workflowId = workflowDatabaseId(run)
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId('WorkflowRun', run.id),
    check_suite_id: run.id + 1,
    check_suite_node_id: nodeId('CheckSuite', run.id + 1),
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: run.path,
    display_title: head?.message.split('\n')[0] ?? run.name,
    run_number: run.runNumber,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: workflowId,
    url: u,
    html_url: `${htmlRepo(ctx, repo)}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: iso(run.createdAt),
    updated_at: iso(run.updatedAt),
    actor: simpleUser(ctx, run.actor),
    run_attempt: run.runAttempt,
    referenced_workflows: [],
    run_started_at: iso(run.runStartedAt),
    triggering_actor: simpleUser(ctx, run.triggeringActor),
    jobs_url: `${u}/jobs`,
    logs_url: `${u}/logs`,
    check_suite_url: `${repoUrl(ctx, repo)}/check-suites/${run.id + 1}`,
    artifacts_url: `${u}/artifacts`,
    cancel_url: `${u}/cancel`,
    rerun_url: `${u}/rerun`,
    previous_attempt_url:
      run.runAttempt > 1 ? `${u}/attempts/${run.runAttempt - 1}` : null,
    workflow_url: `${repoUrl(ctx, repo)}/actions/workflows/${workflowId}`,
    head_commit:
      head === undefined
        ? null
        : {
            id: head.oid,
            tree_id: head.tree,
            message: head.message,
            timestamp: iso(head.committer.date),
            author: { name: head.author.name, email: head.author.email },
            committer: {
              name: head.committer.name,
              email: head.committer.email
            }
          },
    repository: minimalRepository(ctx, repo),
    head_repository: minimalRepository(ctx, repo)
  }
}

export function runApprovals(
  ctx: ShapeContext,
  repo: Repository,
  run: WorkflowRun
): Json[] {
  return run.approvals.map((a) => ({
    environments: a.environments.flatMap((n) => {
      const e = repo.environments.find((x) => x.name === n)
      return e === undefined ? [] : [environmentSummary(ctx, repo, e)]
    }),
    state: a.state,
    user: simpleUser(ctx, a.user),
    comment: a.comment
  }))
}

export function commitStatus(
  ctx: ShapeContext,
  repo: Repository,
  s: CommitStatus
): Json {
  return {
    url: `${repoUrl(ctx, repo)}/statuses/${s.sha}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${s.creator.id}?v=4`,
    id: s.id,
    node_id: nodeId('StatusContext', s.id),
    state: s.state,
    description: s.description,
    target_url: s.targetUrl,
    context: s.context,
    created_at: iso(s.createdAt),
    updated_at: iso(s.updatedAt),
    creator: simpleUser(ctx, s.creator)
  }
}

/** The combined state: failure/error wins, then pending, else success. */
export function combinedState(statuses: CommitStatus[]): string {
  if (statuses.length === 0) return 'pending'
  if (statuses.some((s) => s.state === 'error' || s.state === 'failure')) {
    return 'failure'
  }
  if (statuses.some((s) => s.state === 'pending')) return 'pending'
  return 'success'
}

export function checkRun(
  ctx: ShapeContext,
  repo: Repository,
  c: CheckRun
): Json {
  const u = `${repoUrl(ctx, repo)}/check-runs/${c.id}`
  return {
    id: c.id,
    head_sha: c.headSha,
    node_id: nodeId('CheckRun', c.id),
    external_id: '',
    url: u,
    html_url: `${htmlRepo(ctx, repo)}/runs/${c.id}`,
    details_url: c.detailsUrl,
    status: c.status,
    conclusion: c.conclusion,
    started_at: iso(c.startedAt),
    completed_at: c.completedAt === null ? null : iso(c.completedAt),
    output: {
      title: null,
      summary: null,
      text: null,
      annotations_count: 0,
      annotations_url: `${u}/annotations`
    },
    name: c.name,
    // the same suite GraphQL's CheckRun.checkSuite.databaseId names
    check_suite: { id: c.checkSuiteId },
    app: checkApp(ctx, c.app),
    pull_requests: [],
    // the deployment GitHub made for this job (@octokit/openapi
    // `deployment-simple`: "A deployment created as the result of an
    // Actions check run from a workflow that references an environment")
    ...deploymentOf(ctx, repo, c)
  }
}

function deploymentOf(
  ctx: ShapeContext,
  repo: Repository,
  c: CheckRun
): { deployment?: Json } {
  const d = repo.deployments.find((x) => x.id === c.deploymentId)
  if (d === undefined) return {}
  const full = deployment(ctx, repo, d)
  const simple = Object.fromEntries(
    Object.entries(full).filter(
      ([k]) => !['sha', 'ref', 'payload', 'creator'].includes(k)
    )
  )
  return { deployment: simple }
}

/** The App of a check run: a registered App as it is, else GitHub's own. */
function checkApp(ctx: ShapeContext, a: CheckApp): Json {
  const registered = ctx.sim.apps.get(a.id)
  const owner =
    registered?.owner ?? ctx.sim.userByLogin('github') ?? ctx.sim.webFlow
  return {
    id: a.id,
    slug: a.slug,
    node_id: nodeId('App', a.id),
    owner: simpleUser(ctx, owner),
    name: a.name,
    description: registered?.description ?? null,
    external_url: `${ctx.web}/apps/${a.slug}`,
    html_url: `${ctx.web}/apps/${a.slug}`,
    created_at: iso(registered?.createdAt ?? new Date('2018-07-30T09:30:17Z')),
    updated_at: iso(registered?.updatedAt ?? new Date('2024-04-10T20:33:16Z')),
    permissions: {},
    events: []
  }
}

/** The `permissions` hash of a role: each permission the role includes. */
function rolePermissions(role: RepoRole | null): Json {
  return {
    admin: role === 'admin',
    maintain: role === 'admin' || role === 'maintain',
    push: role === 'admin' || role === 'maintain' || role === 'write',
    triage: role !== null && role !== 'read',
    pull: role !== null
  }
}

/** GET /collaborators: a user with their permissions and role. */
export function collaborator(
  ctx: ShapeContext,
  user: User,
  role: RepoRole
): Json {
  return {
    ...simpleUser(ctx, user),
    permissions: rolePermissions(role),
    role_name: role
  }
}

/**
 * GET /repos/{o}/{r}/teams: a team with access, `permission` in the legacy
 * names (pull, triage, push, maintain, admin).
 */
export function repoTeam(ctx: ShapeContext, t: Team, role: RepoRole): Json {
  const legacy: Record<RepoRole, string> = {
    read: 'pull',
    triage: 'triage',
    write: 'push',
    maintain: 'maintain',
    admin: 'admin'
  }
  return {
    ...teamShape(ctx, t),
    permission: legacy[role],
    permissions: rolePermissions(role)
  }
}

/**
 * A custom deployment protection rule: an App gating the environment.
 * https://docs.github.com/en/rest/deployments/protection-rules#get-all-deployment-protection-rules-for-an-environment
 */
export function deploymentProtectionRule(
  ctx: ShapeContext,
  rule: Environment['customRules'][number]
): Json {
  return {
    id: rule.id,
    node_id: nodeId('DeploymentProtectionRule', rule.id),
    enabled: true,
    app: {
      id: rule.app.id,
      slug: rule.app.slug,
      integration_url: `${ctx.api}/apps/${rule.app.slug}`,
      node_id: nodeId('App', rule.app.id)
    }
  }
}

/** `permission` is the legacy read/write/admin/none; role_name the role. */
export function collaboratorPermission(
  ctx: ShapeContext,
  repo: Repository,
  user: User
): Json {
  const role = roleOf(repo, user)
  const legacy =
    role === null
      ? 'none'
      : role === 'maintain'
        ? 'write'
        : role === 'triage'
          ? 'read'
          : role
  return {
    permission: legacy,
    role_name: role ?? 'none',
    user: {
      ...simpleUser(ctx, user),
      permissions: rolePermissions(role),
      role_name: role ?? 'none'
    }
  }
}

export function label(ctx: ShapeContext, repo: Repository, l: Label): Json {
  return {
    id: l.id,
    node_id: nodeId('Label', l.id),
    url: `${repoUrl(ctx, repo)}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    description: l.description,
    color: l.color,
    default: l.isDefault
  }
}

/** Issue, as the issues routes answer it. */
export function issue(ctx: ShapeContext, repo: Repository, i: Issue): Json {
  const u = `${repoUrl(ctx, repo)}/issues/${i.number}`
  const labels = i.labels.flatMap((name) => {
    const l = repo.labels.find((x) => x.name === name)
    return l === undefined ? [] : [label(ctx, repo, l)]
  })
  return {
    id: i.id,
    node_id: nodeId('Issue', i.id),
    url: u,
    repository_url: repoUrl(ctx, repo),
    labels_url: `${u}/labels{/name}`,
    comments_url: `${u}/comments`,
    events_url: `${u}/events`,
    html_url: `${htmlRepo(ctx, repo)}/issues/${i.number}`,
    number: i.number,
    state: i.state,
    state_reason: i.stateReason,
    title: i.title,
    body: i.body,
    user: simpleUser(ctx, i.author),
    labels,
    assignee:
      i.assignees[0] === undefined ? null : simpleUser(ctx, i.assignees[0]),
    assignees: i.assignees.map((a) => simpleUser(ctx, a)),
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: 0,
    closed_at: i.closedAt === null ? null : iso(i.closedAt),
    created_at: iso(i.createdAt),
    updated_at: iso(i.updatedAt),
    closed_by: i.closedBy === null ? null : simpleUser(ctx, i.closedBy),
    author_association: authorAssociation(repo, i.author)
  }
}

/**
 * A pull request as the issues API answers it: the issue every pull request
 * also is, with `pull_request` links.
 * https://docs.github.com/en/rest/issues/issues#get-an-issue
 */
export function pullAsIssue(
  ctx: ShapeContext,
  repo: Repository,
  pr: PullRequest
): Json {
  const html = `${htmlRepo(ctx, repo)}/pull/${pr.number}`
  const base = issue(ctx, repo, {
    id: pr.id,
    number: pr.number,
    title: pr.title,
    body: pr.body,
    author: pr.author,
    labels: [],
    assignees: [],
    state: pr.state,
    stateReason: null,
    createdAt: pr.createdAt,
    updatedAt: pr.updatedAt,
    closedAt: pr.closedAt,
    closedBy: pr.state === 'closed' ? pr.mergedBy : null,
    events: []
  })
  return {
    ...base,
    node_id: nodeId('PullRequest', pr.id),
    html_url: html,
    pull_request: {
      url: `${repoUrl(ctx, repo)}/pulls/${pr.number}`,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      merged_at: pr.mergedAt === null ? null : iso(pr.mergedAt)
    }
  }
}

/** A deployment's latest status state, for filters. */
export function deploymentState(d: Deployment): string | null {
  return latestStatus(d)?.state ?? null
}
