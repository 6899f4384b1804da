// GitHub Apps in the simulator: JWT authentication, installation tokens,
// and custom deployment protection rules (the `deployment_protection_rule`
// webhook, its delivery, and the callback that approves or rejects).
// Apps and installations are plain data in model.ts (`sim.app()`,
// `repo.install()`); this module serves them.
import {
  createHmac,
  randomBytes,
  randomUUID,
  sign,
  verify as verifySignature
} from 'node:crypto'
import {
  addDeploymentStatus,
  fullName,
  latestStatus,
  PERMISSION_NAMES,
  pullsForCommit,
  type App,
  type Deployment,
  type Environment,
  type Installation,
  type Permission,
  type PermissionName,
  type Repository,
  type RunHandle,
  type Simulator,
  type Token,
  type TokenPermissions,
  type User,
  type WorkflowRun
} from './model.js'
import { errorAnswer, notFound, type Answer } from './http.js'
import * as shape from './rest-shapes.js'
import type { Route, RouteContext } from './rest.js'

type Json = Record<string, unknown>

const D = 'https://docs.github.com/rest'

// ---------------------------------------------------------------------------
// JWT authentication
// https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app

/** GitHub's words for JWTs it refuses (all 401). */
export const JWT_ERRORS = {
  // a bad signature, an unknown app id, or not a JWT at all: the message
  // auth-app.js#375 reports for a valid key with the wrong app id
  // (https://github.com/octokit/auth-app.js/issues/375)
  undecodable: 'A JSON web token could not be decoded',
  // https://github.com/actions/create-github-app-token/issues/386
  issuer: "'Issuer' claim ('iss') must be an Integer",
  // the three clock-skew messages @octokit/auth-app retries on
  // (its hook.js `isNotTimeSkewError`); issue #698 shows the first
  tooFar: "'Expiration time' claim ('exp') is too far in the future",
  expired:
    "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
  issuedAt:
    "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued"
} as const

/**
 * How far `iat` may be ahead of the server's clock. GitHub asks clients to
 * backdate `iat` by 60 s against drift; a maintainer of palantir/policy-bot
 * observes JWTs fail when clocks are more than a minute apart
 * (https://github.com/palantir/policy-bot/issues/106).
 */
export const IAT_DRIFT_SECONDS = 60
/** `exp` at most 10 minutes into the future (GitHub's docs, above). */
export const JWT_MAX_LIFETIME_SECONDS = 600
/** "Installation tokens expire one hour from the time you create them." */
export const INSTALLATION_TOKEN_SECONDS = 3600

export type JwtCheck = { ok: true; app: App } | { ok: false; answer: Answer }

function b64json(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
  } catch {
    return undefined
  }
}

/** Three base64url segments whose first decodes to a JOSE header. */
export function looksLikeJwt(credential: string): boolean {
  const parts = credential.split('.')
  if (parts.length !== 3) return false
  const header = b64json(parts[0] ?? '')
  return typeof header === 'object' && header !== null && 'alg' in header
}

/**
 * Verify a GitHub App JWT as GitHub does: RS256 signed with the App's key;
 * `iss` the App's id (number or numeric string) or client id; `iat` an
 * integer not in the future (beyond the drift allowance); `exp` in the
 * future and no more than 10 minutes ahead of `now`. GitHub's own example
 * sets iat = now - 60 and exp = now + 600, so the 10 minutes count from the
 * server's clock, not from `iat`.
 */
export function verifyAppJwt(sim: Simulator, jwt: string, now: Date): JwtCheck {
  const refuse = (message: string): JwtCheck => ({
    ok: false,
    answer: errorAnswer(401, message)
  })
  const parts = jwt.split('.')
  const [h = '', p = '', s = ''] = parts
  const header = b64json(h) as Json | undefined
  const claims = b64json(p) as Json | undefined
  if (
    parts.length !== 3 ||
    typeof header !== 'object' ||
    header === null ||
    typeof claims !== 'object' ||
    claims === null ||
    header.alg !== 'RS256'
  ) {
    return refuse(JWT_ERRORS.undecodable)
  }
  const iss = claims.iss
  let app: App | undefined
  if (
    typeof iss === 'number' ||
    (typeof iss === 'string' && /^\d+$/.test(iss))
  ) {
    app = sim.apps.get(Number(iss))
  } else if (typeof iss === 'string') {
    app = [...sim.apps.values()].find((a) => a.clientId === iss)
    if (app === undefined) return refuse(JWT_ERRORS.issuer)
  } else {
    return refuse(JWT_ERRORS.issuer)
  }
  if (app === undefined) return refuse(JWT_ERRORS.undecodable)
  const signed = verifySignature(
    'sha256',
    Buffer.from(`${h}.${p}`),
    app.publicKey,
    Buffer.from(s, 'base64url')
  )
  if (!signed) return refuse(JWT_ERRORS.undecodable)
  const t = Math.floor(now.getTime() / 1000)
  const { iat, exp } = claims
  if (typeof iat !== 'number' || !Number.isInteger(iat)) {
    return refuse(JWT_ERRORS.issuedAt)
  }
  if (iat > t + IAT_DRIFT_SECONDS) return refuse(JWT_ERRORS.issuedAt)
  if (typeof exp !== 'number' || exp <= t) return refuse(JWT_ERRORS.expired)
  if (exp > t + JWT_MAX_LIFETIME_SECONDS) return refuse(JWT_ERRORS.tooFar)
  return { ok: true, app }
}

/** Sign a JWT for an App (tests; clients use @octokit/auth-app). */
export function signAppJwt(
  app: App,
  claims: { iat?: number; exp?: number; iss?: number | string } = {},
  now: Date = new Date()
): string {
  const t = Math.floor(now.getTime() / 1000)
  const header = { alg: 'RS256', typ: 'JWT' }
  const payload = {
    iat: claims.iat ?? t - 60,
    exp: claims.exp ?? t + 540,
    iss: claims.iss ?? app.id
  }
  const enc = (o: unknown) =>
    Buffer.from(JSON.stringify(o), 'utf8').toString('base64url')
  const input = `${enc(header)}.${enc(payload)}`
  // RS256: RSASSA-PKCS1-v1_5 with SHA-256
  const sig = sign('sha256', Buffer.from(input), app.privateKey)
  return `${input}.${sig.toString('base64url')}`
}

// ---------------------------------------------------------------------------
// Shapes

function appPermissions(p: Partial<TokenPermissions>): Json {
  const out: Json = {}
  for (const name of PERMISSION_NAMES) {
    const level = p[name]
    if (level !== undefined && level !== 'none') out[name] = level
  }
  return out
}

/** GET /app: the Integration schema. */
export function integration(ctx: shape.ShapeContext, app: App): Json {
  const html = `${ctx.web}/apps/${app.slug}`
  return {
    id: app.id,
    slug: app.slug,
    node_id: shape.nodeId('App', app.id),
    client_id: app.clientId,
    owner: shape.simpleUser(ctx, app.owner),
    name: app.name,
    description: app.description,
    external_url: html,
    html_url: html,
    created_at: shape.iso(app.createdAt),
    updated_at: shape.iso(app.updatedAt),
    permissions: appPermissions(app.permissions),
    events: app.events,
    installations_count: [...ctx.sim.installations.values()].filter(
      (i) => i.app.id === app.id
    ).length
  }
}

/** An Installation (GET /app/installations/{id}, /repos/.../installation). */
export function installation(ctx: shape.ShapeContext, i: Installation): Json {
  const org = i.account.type === 'Organization'
  return {
    id: i.id,
    account: shape.simpleUser(ctx, i.account),
    repository_selection: i.repositorySelection,
    access_tokens_url: `${ctx.api}/app/installations/${i.id}/access_tokens`,
    repositories_url: `${ctx.api}/installation/repositories`,
    html_url: org
      ? `${ctx.web}/organizations/${i.account.login}/settings/installations/${i.id}`
      : `${ctx.web}/settings/installations/${i.id}`,
    app_id: i.app.id,
    client_id: i.app.clientId,
    app_slug: i.app.slug,
    target_id: i.account.id,
    target_type: i.account.type,
    permissions: appPermissions(i.permissions),
    events: i.events,
    created_at: shape.iso(i.createdAt),
    updated_at: shape.iso(i.updatedAt),
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: i.suspendedAt === null ? null : shape.iso(i.suspendedAt)
  }
}

// ---------------------------------------------------------------------------
// Installations and their tokens

/** Repositories an installation reaches. */
export function installationRepos(
  sim: Simulator,
  i: Installation
): Repository[] {
  return [...sim.repos.values()]
    .map((h) => h.data)
    .filter((r) =>
      i.repositorySelection === 'all'
        ? r.owner.id === i.account.id
        : i.repositoryIds.includes(r.id)
    )
}

/** The installation of `app` that reaches `repo`, if any. */
export function installationFor(
  sim: Simulator,
  app: App,
  repo: Repository
): Installation | undefined {
  return [...sim.installations.values()].find(
    (i) =>
      i.app.id === app.id &&
      installationRepos(sim, i).some((r) => r.id === repo.id)
  )
}

/**
 * Whether a token may see a repository. Installation tokens reach only
 * their installation's repositories (narrowed further when minted with
 * `repositories`); other tokens (sim.token, workflowToken) reach all.
 */
export function tokenReaches(
  sim: Simulator,
  token: Token,
  repo: Repository
): boolean {
  if (token.repositoryIds !== undefined) {
    return token.repositoryIds.includes(repo.id)
  }
  const inst = sim.installations.get(token.installationId)
  if (inst === undefined) return true
  return installationRepos(sim, inst).some((r) => r.id === repo.id)
}

const RANK: Record<Permission, number> = { none: 0, read: 1, write: 2 }

export interface MintedToken {
  token: string
  expiresAt: Date
  permissions: Partial<TokenPermissions>
  repositories: Repository[] | null
}

/**
 * POST /app/installations/{id}/access_tokens: a token with the
 * installation's permissions (or the requested subset) for its repositories
 * (or the requested subset), acting as `<slug>[bot]`, valid for an hour.
 * Asking for more than the installation has, or for a repository it does
 * not reach, is a 422 with GitHub's messages.
 * https://docs.github.com/en/rest/apps/apps#create-an-installation-access-token-for-an-app
 */
export function mintInstallationToken(
  sim: Simulator,
  i: Installation,
  request: {
    repositories?: string[]
    repositoryIds?: number[]
    permissions?: Record<string, unknown>
  },
  now: Date
): MintedToken | { error: Answer } {
  const doc = `${D}/apps/apps#create-an-installation-access-token-for-an-app`
  const reachable = installationRepos(sim, i)
  let repositories: Repository[] | null = null
  if (
    request.repositories !== undefined ||
    request.repositoryIds !== undefined
  ) {
    const wanted: Repository[] = []
    for (const name of request.repositories ?? []) {
      const r = reachable.find(
        (x) => x.name.toLowerCase() === name.toLowerCase()
      )
      if (r === undefined) return { error: notReachable(doc) }
      wanted.push(r)
    }
    for (const id of request.repositoryIds ?? []) {
      const r = reachable.find((x) => x.id === id)
      if (r === undefined) return { error: notReachable(doc) }
      wanted.push(r)
    }
    repositories = [...new Set(wanted)]
  }
  let permissions: Partial<TokenPermissions> = { ...i.permissions }
  if (request.permissions !== undefined) {
    permissions = { metadata: 'read' }
    for (const [name, level] of Object.entries(request.permissions)) {
      const held = i.permissions[name as PermissionName]
      if (
        !(PERMISSION_NAMES as readonly string[]).includes(name) ||
        (level !== 'read' && level !== 'write') ||
        held === undefined ||
        RANK[held] < RANK[level]
      ) {
        return {
          error: errorAnswer(
            422,
            'The permissions requested are not granted to this installation.',
            doc
          )
        }
      }
      permissions[name as PermissionName] = level
    }
  }
  const value = sim.token(permissions, {
    kind: 'installation',
    actor: i.app.bot
  })
  const token = sim.tokens.get(value)
  if (token === undefined) throw new Error('token not stored')
  const expiresAt = new Date(now.getTime() + INSTALLATION_TOKEN_SECONDS * 1000)
  token.installationId = i.id
  token.expiresAt = expiresAt
  if (repositories !== null) token.repositoryIds = repositories.map((r) => r.id)
  return { token: value, expiresAt, permissions, repositories }
}

function notReachable(doc: string): Answer {
  // https://docs.github.com/en/rest/apps/apps#create-an-installation-access-token-for-an-app
  // (message as GitHub answers it; widely reproduced in clients' fixtures)
  return errorAnswer(
    422,
    'There is at least one repository that does not exist or is not accessible to the parent installation.',
    doc
  )
}

// ---------------------------------------------------------------------------
// Routes that take a JWT

export interface AppRequest {
  method: string
  /** path without the GHES `/api/v3` prefix */
  path: string
  /** the Authorization credential, without its scheme */
  credential: string | null
  body: unknown
  parseError: boolean
  ctx: shape.ShapeContext
  /** the clock JWTs and installation tokens are checked against */
  now: Date
}

interface AppRoute {
  method: 'GET' | 'POST'
  pattern: RegExp
  doc: string
  handle: (
    sim: Simulator,
    app: App,
    m: RegExpExecArray,
    r: AppRequest
  ) => Answer
}

const appRoutes: AppRoute[] = [
  {
    method: 'GET',
    pattern: /^\/app$/,
    doc: `${D}/apps/apps#get-the-authenticated-app`,
    handle: (_sim, app, _m, r) => ({
      status: 200,
      body: integration(r.ctx, app)
    })
  },
  {
    method: 'GET',
    pattern: /^\/app\/installations$/,
    doc: `${D}/apps/apps#list-installations-for-the-authenticated-app`,
    handle: (sim, app, _m, r) => ({
      status: 200,
      body: [...sim.installations.values()]
        .filter((i) => i.app.id === app.id)
        .map((i) => installation(r.ctx, i))
    })
  },
  {
    method: 'GET',
    pattern: /^\/app\/installations\/(\d+)$/,
    doc: `${D}/apps/apps#get-an-installation-for-the-authenticated-app`,
    handle: (sim, app, m, r) => {
      const i = sim.installations.get(Number(m[1]))
      if (i === undefined || i.app.id !== app.id) {
        return notFound(
          `${D}/apps/apps#get-an-installation-for-the-authenticated-app`
        )
      }
      return { status: 200, body: installation(r.ctx, i) }
    }
  },
  {
    method: 'POST',
    pattern: /^\/app\/installations\/(\d+)\/access_tokens$/,
    doc: `${D}/apps/apps#create-an-installation-access-token-for-an-app`,
    handle: (sim, app, m, r) => {
      const doc = `${D}/apps/apps#create-an-installation-access-token-for-an-app`
      const i = sim.installations.get(Number(m[1]))
      if (i === undefined || i.app.id !== app.id) return notFound(doc)
      const b =
        typeof r.body === 'object' && r.body !== null ? (r.body as Json) : {}
      const strings = (v: unknown) =>
        Array.isArray(v)
          ? v.filter((x): x is string => typeof x === 'string')
          : undefined
      const numbers = (v: unknown) =>
        Array.isArray(v)
          ? v.filter((x): x is number => typeof x === 'number')
          : undefined
      const minted = mintInstallationToken(
        sim,
        i,
        {
          repositories: strings(b.repositories),
          repositoryIds: numbers(b.repository_ids),
          permissions:
            typeof b.permissions === 'object' && b.permissions !== null
              ? (b.permissions as Json)
              : undefined
        },
        r.now
      )
      if ('error' in minted) return minted.error
      const body: Json = {
        token: minted.token,
        expires_at: shape.iso(minted.expiresAt),
        permissions: appPermissions(minted.permissions),
        repository_selection:
          minted.repositories === null ? i.repositorySelection : 'selected'
      }
      const listed =
        minted.repositories ??
        (i.repositorySelection === 'selected'
          ? installationRepos(sim, i)
          : null)
      if (listed !== null) {
        body.repositories = listed.map((x) => shape.repository(r.ctx, x))
      }
      return { status: 201, body }
    }
  },
  {
    method: 'GET',
    pattern: /^\/repos\/([^/]+)\/([^/]+)\/installation$/,
    doc: `${D}/apps/apps#get-a-repository-installation-for-the-authenticated-app`,
    handle: (sim, app, m, r) => {
      const doc = `${D}/apps/apps#get-a-repository-installation-for-the-authenticated-app`
      const repo = sim.getRepo(
        decodeURIComponent(m[1] ?? ''),
        decodeURIComponent(m[2] ?? '')
      )
      const i = repo === null ? undefined : installationFor(sim, app, repo.data)
      // GitHub's words for a missing installation on the sibling
      // /orgs/{org}/installation lookup (actions/create-github-app-token#76)
      if (i === undefined) return errorAnswer(404, 'Integration not found', doc)
      return { status: 200, body: installation(r.ctx, i) }
    }
  }
]

/**
 * Answer a request to a route that takes a JWT (`/app`, `/app/...`,
 * `/repos/{o}/{r}/installation`), or null for any other route. Any other
 * credential on these routes is refused as GitHub refuses a JWT it cannot
 * decode.
 */
export function handleAppRequest(sim: Simulator, r: AppRequest): Answer | null {
  for (const route of appRoutes) {
    const m = route.pattern.exec(r.path)
    if (m === null || route.method !== r.method) continue
    if (r.credential === null || !looksLikeJwt(r.credential)) {
      return errorAnswer(401, JWT_ERRORS.undecodable, route.doc)
    }
    const check = verifyAppJwt(sim, r.credential, r.now)
    if (!check.ok) return check.answer
    if (r.parseError) return errorAnswer(400, 'Problems parsing JSON')
    return route.handle(sim, check.app, m, r)
  }
  return null
}

// ---------------------------------------------------------------------------
// Custom deployment protection rules
// https://docs.github.com/en/actions/how-tos/deploy/configure-and-manage-deployments/create-custom-protection-rules

export interface WebhookEvent {
  /** X-GitHub-Event */
  name: string
  /** X-GitHub-Delivery (a GUID) */
  id: string
  payload: Json
  /** the App's webhook: X-GitHub-Hook-ID and the installation target */
  hook: { id: number; targetType: 'integration'; targetId: number }
}

function findEnvironment(
  repo: Repository,
  name: string
): Environment | undefined {
  return repo.environments.find(
    (e) => e.name.toLowerCase() === name.toLowerCase()
  )
}

function isRule(env: Environment, app: { id: number }): boolean {
  return env.customRules.some((r) => r.app.id === app.id)
}

/** The run's deployment to `environment` that waits on protection rules. */
export function waitingDeployment(
  repo: Repository,
  run: WorkflowRun,
  environment: string
): Deployment | undefined {
  return repo.deployments.find(
    (d) =>
      d.runId === run.id &&
      d.environment.toLowerCase() === environment.toLowerCase() &&
      latestStatus(d)?.state === 'waiting'
  )
}

/**
 * The run's job reaches `environment`: GitHub creates the job's deployment
 * with a `waiting` status while protection rules are pending (the status
 * turns `queued` once they pass; CloudSnorkel/cdk-github-runners#416,
 * octokit/webhooks.net#52) and the run shows as `waiting` (the run in
 * dsoftwareinc/ghactions-manager#178). Idempotent per run and environment.
 */
export function awaitProtectionRules(
  run: RunHandle,
  environment: string
): Deployment {
  const repo = run.repo
  const env = repo.ensureEnvironment(environment)
  const existing = waitingDeployment(repo.data, run.data, env.name)
  if (existing !== undefined) return existing
  const d = repo.deploy({ environment: env.name, run: run.data })
  d.status('waiting')
  run.data.status = 'waiting'
  run.data.updatedAt = repo.sim.now
  return d.data
}

function organizationSimple(ctx: shape.ShapeContext, org: User): Json {
  const u = `${ctx.api}/orgs/${org.login}`
  return {
    login: org.login,
    id: org.id,
    node_id: shape.nodeId('Organization', org.id),
    url: u,
    repos_url: `${u}/repos`,
    events_url: `${u}/events`,
    hooks_url: `${u}/hooks`,
    issues_url: `${u}/issues`,
    members_url: `${u}/members{/member}`,
    public_members_url: `${u}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${org.id}?v=4`,
    description: null
  }
}

/**
 * The `deployment_protection_rule` event (action `requested`) GitHub sends
 * an App that is a custom protection rule of `environment` when the run's
 * job reaches it. The deployment is the run's waiting deployment (created
 * when absent). Fields follow @octokit/openapi-webhooks'
 * `webhook-deployment-protection-rule-requested` schema plus `sha` and
 * `ref`, which real deliveries carry (a recorded payload:
 * https://github.com/zaniebot/release-authenticator-app/blob/main/testdata/deployment-protection-requested.json);
 * `sender` is the run's triggering actor there too. The callback URL is the
 * only place the run id appears.
 * https://docs.github.com/en/webhooks/webhook-events-and-payloads#deployment_protection_rule
 */
export function deploymentProtectionRuleEvent(input: {
  run: RunHandle
  environment: string
  app: App
  /** the REST base the App calls back (server.url or server.enterprise.url) */
  apiUrl: string
  sender?: User
}): WebhookEvent {
  const { run, app } = input
  const repo = run.repo
  const sim = repo.sim
  const env = findEnvironment(repo.data, input.environment)
  if (env === undefined || !isRule(env, app)) {
    throw new Error(
      `${app.slug} is not a custom deployment protection rule of ${input.environment}`
    )
  }
  const inst = installationFor(sim, app, repo.data)
  if (inst === undefined) {
    throw new Error(`${app.slug} is not installed on ${repo.fullName}`)
  }
  const d = awaitProtectionRules(run, env.name)
  const api = input.apiUrl.replace(/\/$/, '')
  const ctx: shape.ShapeContext = { sim, api, web: sim.webUrl, token: null }
  const r = run.data
  const pulls =
    r.event === 'pull_request' || r.event === 'pull_request_target'
      ? pullsForCommit(repo.data, r.headSha).filter((p) => p.state === 'open')
      : []
  const payload: Json = {
    action: 'requested',
    environment: env.name,
    event: r.event,
    sha: r.headSha,
    ref: r.headBranch,
    deployment_callback_url: `${api}/repos/${fullName(repo.data)}/actions/runs/${r.id}/deployment_protection_rule`,
    deployment: shape.deployment(ctx, repo.data, d),
    pull_requests: pulls.map((p) => shape.pullRequest(ctx, repo.data, p, true)),
    repository: shape.repository(ctx, repo.data),
    ...(repo.data.owner.type === 'Organization'
      ? { organization: organizationSimple(ctx, repo.data.owner) }
      : {}),
    installation: {
      id: inst.id,
      node_id: shape.nodeId('IntegrationInstallation', inst.id)
    },
    sender: shape.simpleUser(ctx, input.sender ?? r.triggeringActor)
  }
  return {
    name: 'deployment_protection_rule',
    id: randomUUID(),
    payload,
    hook: { id: app.hookId, targetType: 'integration', targetId: app.id }
  }
}

/**
 * Every event the run's job reaching `environment` sends: one per custom
 * protection rule App installed on the repository and subscribed to the
 * event. None (and no waiting deployment) when the environment has none.
 */
export function requestProtectionRules(
  run: RunHandle,
  environment: string,
  o: { apiUrl: string; sender?: User }
): { app: App; event: WebhookEvent }[] {
  const repo = run.repo
  const env = repo.ensureEnvironment(environment)
  const apps = env.customRules.flatMap((rule) => {
    const app = repo.sim.apps.get(rule.app.id)
    return app !== undefined &&
      installationFor(repo.sim, app, repo.data) !== undefined &&
      app.events.includes('deployment_protection_rule')
      ? [app]
      : []
  })
  return apps.map((app) => ({
    app,
    event: deploymentProtectionRuleEvent({
      run,
      environment: env.name,
      app,
      apiUrl: o.apiUrl,
      sender: o.sender
    })
  }))
}

/** `sha256=<hex HMAC>` of the body, as X-Hub-Signature-256 carries it. */
export function signWebhook(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
}

export interface Delivery {
  status: number
  headers: Headers
  body: string
  /** what was sent */
  request: { headers: Record<string, string>; body: string }
}

// one Hookshot build per simulator process, as GitHub's agent string
const HOOKSHOT = `GitHub-Hookshot/${randomBytes(4).toString('hex').slice(0, 7)}`

/**
 * POST an event to a webhook URL as GitHub does: JSON body, X-GitHub-Event,
 * X-GitHub-Delivery, X-GitHub-Hook-ID, the installation target headers
 * (`integration` and the App id for an App's webhook), X-Hub-Signature-256
 * (HMAC-SHA256 of the body with the secret) and the legacy SHA-1
 * X-Hub-Signature, User-Agent `GitHub-Hookshot/<build>`.
 * https://docs.github.com/en/webhooks/webhook-events-and-payloads#delivery-headers
 * https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
 * (Target type `integration` with the App id, as in recorded App
 * deliveries; docs issue github/docs#41739 notes the values are undocumented.)
 */
export async function deliver(
  url: string,
  event: WebhookEvent,
  secret: string
): Promise<Delivery> {
  const body = JSON.stringify(event.payload)
  const headers: Record<string, string> = {
    accept: '*/*',
    'content-type': 'application/json',
    'user-agent': HOOKSHOT,
    'x-github-event': event.name,
    'x-github-delivery': event.id,
    'x-github-hook-id': String(event.hook.id),
    'x-github-hook-installation-target-type': event.hook.targetType,
    'x-github-hook-installation-target-id': String(event.hook.targetId),
    'x-hub-signature': `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`,
    'x-hub-signature-256': signWebhook(secret, body)
  }
  const res = await fetch(url, { method: 'POST', headers, body })
  return {
    status: res.status,
    headers: res.headers,
    body: await res.text(),
    request: { headers, body }
  }
}

// ---------------------------------------------------------------------------
// The callback: POST /repos/{o}/{r}/actions/runs/{run_id}/deployment_protection_rule

/** Status reports allowed per deployment (GitHub's docs, above). */
export const MAX_STATUS_REPORTS = 10
/** Status reports "can be up to 1024 characters long". */
export const MAX_COMMENT_LENGTH = 1024

function invalid(doc: string, detail: string): Answer {
  // GitHub's JSON-schema validation answer: 422, "Invalid request.\n\n" and
  // the failing property (e.g. "Invalid request.\n\nFor 'properties/body',
  // nil is not a string.", "... \"title\" wasn't supplied.").
  return errorAnswer(422, `Invalid request.\n\n${detail}`, doc)
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nil'
  return JSON.stringify(v)
}

const REPO = '^/repos/([^/]+)/([^/]+)'

/**
 * Apply a verdict to the waiting deployment. "Once a job is approved (and
 * any other deployment protection rules have passed), the job will
 * proceed"; "If a job is rejected, the workflow will fail."
 * https://docs.github.com/en/actions/managing-workflow-runs-and-deployments/managing-deployments/reviewing-deployments
 * Proceeding shows as a `queued` status (cdk-github-runners#416). The status
 * a rejected job's deployment gets is not documented: the simulator adds
 * `failure`.
 */
function settle(r: RouteContext, run: WorkflowRun, env: Environment): void {
  const d = waitingDeployment(r.data, run, env.name)
  if (d === undefined) return
  const verdicts = run.protectionVerdicts.filter(
    (v) => v.environment === env.name && v.at >= d.createdAt
  )
  const latest = (appId: number) =>
    verdicts.filter((v) => v.app.id === appId).at(-1)?.state
  if (env.customRules.some((rule) => latest(rule.app.id) === 'rejected')) {
    addDeploymentStatus(r.repo, d, 'failure')
    run.status = 'completed'
    run.conclusion = 'failure'
    run.updatedAt = r.sim.now
    return
  }
  const rulesPass = env.customRules.every(
    (rule) => latest(rule.app.id) === 'approved'
  )
  const reviewersPass =
    env.reviewers.length === 0 ||
    run.approvals.some(
      (a) => a.state === 'approved' && a.environments.includes(env.name)
    )
  if (!rulesPass || !reviewersPass) return
  addDeploymentStatus(r.repo, d, 'queued')
  const stillWaiting = r.data.deployments.some(
    (x) => x.runId === run.id && latestStatus(x)?.state === 'waiting'
  )
  if (!stillWaiting && run.status === 'waiting') {
    run.status = 'in_progress'
    run.updatedAt = r.sim.now
  }
}

function reviewCustomGates(r: RouteContext): Answer {
  const doc = `${D}/actions/workflow-runs#review-custom-deployment-protection-rules-for-a-workflow-run`
  const run = r.data.runs.find((x) => x.id === Number(r.params[2]))
  if (run === undefined) return notFound(doc)
  const b =
    typeof r.body === 'object' && r.body !== null ? (r.body as Json) : {}
  // body: anyOf {environment_name, comment} | {environment_name, state}
  if (b.environment_name === undefined) {
    return invalid(doc, '"environment_name" wasn\'t supplied.')
  }
  if (typeof b.environment_name !== 'string') {
    return invalid(
      doc,
      `For 'properties/environment_name', ${describe(b.environment_name)} is not a string.`
    )
  }
  if (
    b.state !== undefined &&
    b.state !== 'approved' &&
    b.state !== 'rejected'
  ) {
    return invalid(
      doc,
      `For 'properties/state', ${describe(b.state)} is not a member of ["approved", "rejected"].`
    )
  }
  if (b.state === undefined && b.comment === undefined) {
    return invalid(doc, '"comment" wasn\'t supplied.')
  }
  if (b.comment !== undefined && typeof b.comment !== 'string') {
    return invalid(
      doc,
      `For 'properties/comment', ${describe(b.comment)} is not a string.`
    )
  }
  const comment = typeof b.comment === 'string' ? b.comment : ''
  if (comment.length > MAX_COMMENT_LENGTH) {
    // the limit is documented; these words are the simulator's
    return invalid(
      doc,
      `For 'properties/comment', the comment is longer than ${MAX_COMMENT_LENGTH} characters.`
    )
  }
  // "GitHub Apps can only review their own custom deployment protection
  // rules" (the endpoint's description): a token that is not an
  // installation token of one of the environment's rule Apps is refused as
  // GitHub refuses a token without access (the exact answer is not
  // documented).
  const inst = r.sim.installations.get(r.token.installationId)
  const env = findEnvironment(r.data, b.environment_name)
  if (inst === undefined || env === undefined || !isRule(env, inst.app)) {
    return errorAnswer(403, 'Resource not accessible by integration', doc)
  }
  const app = { id: inst.app.id, slug: inst.app.slug }
  const at = r.sim.now
  if (b.state === undefined) {
    const d = waitingDeployment(r.data, run, env.name)
    const since = d?.createdAt ?? new Date(0)
    const sent = run.protectionReports.filter(
      (x) => x.environment === env.name && x.app.id === app.id && x.at >= since
    ).length
    if (sent >= MAX_STATUS_REPORTS) {
      // the limit is documented; these words are the simulator's
      return errorAnswer(
        422,
        `No more than ${MAX_STATUS_REPORTS} status reports per deployment.`,
        doc
      )
    }
    run.protectionReports.push({ environment: env.name, comment, app, at })
    return { status: 204, body: null, raw: '' }
  }
  run.protectionVerdicts.push({
    environment: env.name,
    state: b.state,
    comment,
    app,
    at
  })
  settle(r, run, env)
  // "Response code 204 indicates a successful POST request."
  return { status: 204, body: null, raw: '' }
}

/** GET pending_deployments: environments the run waits on, with reviewers. */
function pendingDeployments(r: RouteContext): Answer {
  const doc = `${D}/actions/workflow-runs#get-pending-deployments-for-a-workflow-run`
  const run = r.data.runs.find((x) => x.id === Number(r.params[2]))
  if (run === undefined) return notFound(doc)
  const waiting = r.data.deployments.filter(
    (d) => d.runId === run.id && latestStatus(d)?.state === 'waiting'
  )
  const body = waiting.flatMap((d) => {
    const env = findEnvironment(r.data, d.environment)
    if (env === undefined) return []
    const actor = r.token.actor
    const canApprove = env.reviewers.some((x) =>
      x.type === 'User'
        ? x.user.id === actor.id
        : x.team.members.some((m) => m.id === actor.id)
    )
    const s = shape.environmentSummary(r.ctx, r.data, env)
    return [
      {
        environment: {
          id: s.id,
          node_id: s.node_id,
          name: s.name,
          url: s.url,
          html_url: s.html_url
        },
        wait_timer: env.waitTimer,
        wait_timer_started_at:
          env.waitTimer > 0 ? shape.iso(d.createdAt) : null,
        current_user_can_approve: canApprove,
        reviewers: env.reviewers.map((x) =>
          x.type === 'User'
            ? { type: 'User', reviewer: shape.simpleUser(r.ctx, x.user) }
            : {
                type: 'Team',
                reviewer: {
                  id: x.team.id,
                  node_id: shape.nodeId('Team', x.team.id),
                  url: `${r.ctx.api}/teams/${x.team.id}`,
                  html_url: `${r.ctx.web}/orgs/${x.team.org}/teams/${x.team.slug}`,
                  name: x.team.name,
                  slug: x.team.slug,
                  description: null,
                  privacy: 'closed',
                  notification_setting: 'notifications_enabled',
                  permission: 'pull',
                  members_url: `${r.ctx.api}/teams/${x.team.id}/members{/member}`,
                  repositories_url: `${r.ctx.api}/teams/${x.team.id}/repos`,
                  type: 'organization',
                  parent: null
                }
              }
        )
      }
    ]
  })
  return { status: 200, body }
}

/** Installation-token routes, registered in rest.ts's route table. */
export const protectionRuleRoutes: Route[] = [
  {
    method: 'POST',
    pattern: new RegExp(
      `${REPO}/actions/runs/(\\d+)/deployment_protection_rule$`
    ),
    // "GitHub Apps must have read and write permission for Deployments to
    // use this endpoint." (the endpoint's description in earlier versions
    // of GitHub's OpenAPI description, as octokit's generated clients keep
    // it); the docs' setup asks for Deployments: Read and write.
    needs: [['deployments', 'write']],
    doc: `${D}/actions/workflow-runs#review-custom-deployment-protection-rules-for-a-workflow-run`,
    handle: reviewCustomGates
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/actions/runs/(\\d+)/pending_deployments$`),
    // "Anyone with read access to the repository can use this endpoint";
    // Actions read, as the other workflow-run reads here
    needs: [['actions', 'read']],
    doc: `${D}/actions/workflow-runs#get-pending-deployments-for-a-workflow-run`,
    handle: pendingDeployments
  }
]
