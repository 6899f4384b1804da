// GitHub Apps in the simulator: JWTs, installation tokens, the
// deployment_protection_rule webhook and its callback.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createAppAuth } from '@octokit/auth-app'
import { Octokit } from '@octokit/core'
import { Webhooks } from '@octokit/webhooks'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import {
  deliver,
  JWT_ERRORS,
  latestStatus,
  requestProtectionRules,
  signAppJwt,
  Simulator,
  startSimulator,
  waitingDeployment,
  type App,
  type Installation,
  type RepoHandle,
  type RunHandle,
  type SimulatorServer,
  type User
} from '../../test-support/sim/index.js'
import { loadOpenApi, type OpenApi } from './openapi.js'

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv

const OPS: [string, string, number][] = [
  ['GET', '/app', 200],
  ['GET', '/app/installations/{installation_id}', 200],
  ['POST', '/app/installations/{installation_id}/access_tokens', 201],
  ['GET', '/repos/{owner}/{repo}/installation', 200],
  [
    'GET',
    '/repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments',
    200
  ]
]

let openapi: OpenApi
let webhookSchema: ValidateFunction
let sim: Simulator
let server: SimulatorServer
let clock: Date | null = null
let alice: User
let repo: RepoHandle
let other: RepoHandle
let gate: App
let bystander: App
let inst: Installation
let bystanderInst: Installation

/** The deployment_protection_rule.requested schema, $refs resolved by ajv. */
function loadWebhookSchema(): ValidateFunction {
  const require = createRequire(import.meta.url)
  const file =
    require.resolve('@octokit/openapi-webhooks/generated/api.github.com.json')
  const doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
  const ajv = new Ajv({ strict: false, allErrors: true })
  addFormats(ajv)
  ajv.addSchema(doc, 'webhooks')
  return ajv.compile({
    $ref: 'webhooks#/components/schemas/webhook-deployment-protection-rule-requested'
  })
}

beforeAll(async () => {
  openapi = loadOpenApi(OPS)
  webhookSchema = loadWebhookSchema()
  sim = new Simulator({ now: new Date('2025-03-03T10:00:00Z') })
  sim.org('acme')
  alice = sim.user('alice')
  repo = sim.repo('acme/app')
  other = sim.repo('acme/other')
  repo.collaborator(alice, 'write')
  gate = sim.app({
    slug: 'promotion-gate',
    name: 'Promotion Gate',
    permissions: {
      actions: 'read',
      contents: 'read',
      deployments: 'write',
      pull_requests: 'read',
      statuses: 'write'
    }
  })
  bystander = sim.app({
    slug: 'bystander',
    permissions: { actions: 'read', deployments: 'write' }
  })
  inst = repo.install(gate)
  bystanderInst = repo.install(bystander)
  repo.environment('production', { customRules: [{ app: gate }] })
  server = await startSimulator(sim, { authClock: () => clock ?? new Date() })
})

afterAll(async () => {
  await server.close()
})

interface Res {
  status: number
  body: unknown
}

async function call(
  method: string,
  path: string,
  o: { auth?: string | null; body?: unknown } = {}
): Promise<Res> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(o.auth === undefined || o.auth === null
        ? {}
        : { authorization: `Bearer ${o.auth}` }),
      accept: 'application/vnd.github+json'
    },
    body: o.body === undefined ? undefined : JSON.stringify(o.body)
  })
  const text = await res.text()
  return { status: res.status, body: text === '' ? null : JSON.parse(text) }
}

function message(r: Res): unknown {
  return (r.body as { message?: unknown }).message
}

const now = () => Math.floor(Date.now() / 1000)

async function mint(body: unknown = {}): Promise<Res> {
  return call('POST', `/app/installations/${inst.id}/access_tokens`, {
    auth: signAppJwt(gate),
    body
  })
}

async function tokenFor(body: unknown = {}): Promise<string> {
  const r = await mint(body)
  expect(r.status).toBe(201)
  return (r.body as { token: string }).token
}

describe('JWT authentication', () => {
  it('accepts a JWT signed with the App key, issued by its id or client id', async () => {
    const byId = await call('GET', '/app', { auth: signAppJwt(gate) })
    expect(byId.status).toBe(200)
    expect(openapi.check('GET', '/app', 200, byId.body)).toEqual([])
    expect(byId.body).toMatchObject({
      id: gate.id,
      slug: 'promotion-gate',
      client_id: gate.clientId,
      permissions: { deployments: 'write', metadata: 'read' },
      events: ['deployment_protection_rule']
    })
    const byClientId = await call('GET', '/app', {
      auth: signAppJwt(gate, { iss: gate.clientId })
    })
    expect(byClientId.status).toBe(200)
  })

  it('refuses a JWT signed with another key', async () => {
    const r = await call('GET', '/app', {
      auth: signAppJwt(bystander, { iss: gate.id })
    })
    expect(r.status).toBe(401)
    expect(message(r)).toBe(JWT_ERRORS.undecodable)
  })

  it('refuses an expired JWT with GitHub message', async () => {
    const t = now()
    const r = await call('GET', '/app', {
      auth: signAppJwt(gate, { iat: t - 700, exp: t - 100 })
    })
    expect(r.status).toBe(401)
    expect(message(r)).toBe(JWT_ERRORS.expired)
  })

  it('refuses exp more than 10 minutes ahead, and iat in the future', async () => {
    const t = now()
    const far = await call('GET', '/app', {
      auth: signAppJwt(gate, { iat: t - 60, exp: t + 660 })
    })
    expect(far.status).toBe(401)
    expect(message(far)).toBe(JWT_ERRORS.tooFar)
    // GitHub's own example: iat 60 s back, exp 600 s ahead
    const docs = await call('GET', '/app', {
      auth: signAppJwt(gate, { iat: t - 60, exp: t + 590 })
    })
    expect(docs.status).toBe(200)
    const future = await call('GET', '/app', {
      auth: signAppJwt(gate, { iat: t + 300, exp: t + 500 })
    })
    expect(future.status).toBe(401)
    expect(message(future)).toBe(JWT_ERRORS.issuedAt)
  })

  it('refuses a non-numeric issuer, a token, and no credential', async () => {
    const iss = await call('GET', '/app', {
      auth: signAppJwt(gate, { iss: 'not-an-app' })
    })
    expect(iss.status).toBe(401)
    expect(message(iss)).toBe(JWT_ERRORS.issuer)
    const token = await call('GET', '/app', { auth: sim.adminToken() })
    expect(token.status).toBe(401)
    expect(message(token)).toBe(JWT_ERRORS.undecodable)
    const none = await call('GET', '/app')
    expect(none.status).toBe(401)
  })

  it('finds the installation of a repository', async () => {
    const r = await call('GET', '/repos/acme/app/installation', {
      auth: signAppJwt(gate)
    })
    expect(r.status).toBe(200)
    expect(
      openapi.check('GET', '/repos/{owner}/{repo}/installation', 200, r.body)
    ).toEqual([])
    expect(r.body).toMatchObject({
      id: inst.id,
      app_id: gate.id,
      app_slug: 'promotion-gate',
      repository_selection: 'selected',
      account: { login: 'acme', type: 'Organization' }
    })
    const one = await call('GET', `/app/installations/${inst.id}`, {
      auth: signAppJwt(gate)
    })
    expect(
      openapi.check(
        'GET',
        '/app/installations/{installation_id}',
        200,
        one.body
      )
    ).toEqual([])
    const missing = await call('GET', '/repos/acme/other/installation', {
      auth: signAppJwt(gate)
    })
    expect(missing.status).toBe(404)
    // another App's installation is not this App's to see
    const theirs = await call('GET', `/app/installations/${bystanderInst.id}`, {
      auth: signAppJwt(gate)
    })
    expect(theirs.status).toBe(404)
  })
})

describe('installation tokens', () => {
  it('mints a token with the installation permissions', async () => {
    const r = await mint()
    expect(r.status).toBe(201)
    expect(
      openapi.check(
        'POST',
        '/app/installations/{installation_id}/access_tokens',
        201,
        r.body
      )
    ).toEqual([])
    const body = r.body as {
      token: string
      expires_at: string
      permissions: Record<string, string>
      repository_selection: string
    }
    expect(body.token).toMatch(/^ghs_/)
    expect(body.permissions).toEqual({
      metadata: 'read',
      actions: 'read',
      contents: 'read',
      deployments: 'write',
      pull_requests: 'read',
      statuses: 'write'
    })
    expect(body.repository_selection).toBe('selected')
    const ttl = Date.parse(body.expires_at) - Date.now()
    expect(ttl).toBeGreaterThan(59 * 60_000)
    expect(ttl).toBeLessThanOrEqual(60 * 60_000)
  })

  it('works with the existing permission checks, as <slug>[bot]', async () => {
    const token = await tokenFor()
    const auth = { auth: token }
    expect(
      (await call('GET', '/repos/acme/app/deployments', auth)).status
    ).toBe(200)
    // no administration permission
    const protection = await call(
      'GET',
      '/repos/acme/app/branches/main/protection',
      auth
    )
    expect(protection.status).toBe(403)
    expect(message(protection)).toBe('Resource not accessible by integration')
    // a repository the installation does not reach
    expect((await call('GET', '/repos/acme/other', auth)).status).toBe(404)
    const status = await call(
      'POST',
      `/repos/acme/app/statuses/${repo.head()}`,
      {
        ...auth,
        body: { state: 'success', context: 'gate' }
      }
    )
    expect(status.status).toBe(201)
    expect(status.body).toMatchObject({
      creator: { login: 'promotion-gate[bot]', type: 'Bot' }
    })
    const gql = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { authorization: `bearer ${token}` },
      body: JSON.stringify({
        query: '{ repository(owner: "acme", name: "app") { name } }'
      })
    })
    expect(await gql.json()).toEqual({ data: { repository: { name: 'app' } } })
  })

  it('narrows permissions and repositories on request, and no further', async () => {
    const narrow = await tokenFor({
      permissions: { contents: 'read' },
      repositories: ['app']
    })
    expect(
      (await call('GET', '/repos/acme/app/deployments', { auth: narrow }))
        .status
    ).toBe(403)
    expect(
      (await call('GET', '/repos/acme/app/commits/main', { auth: narrow }))
        .status
    ).toBe(200)
    const more = await mint({ permissions: { administration: 'write' } })
    expect(more.status).toBe(422)
    expect(message(more)).toBe(
      'The permissions requested are not granted to this installation.'
    )
    const outside = await mint({ repositories: ['other'] })
    expect(outside.status).toBe(422)
    expect(message(outside)).toMatch(
      /not accessible to the parent installation/
    )
    const unknown = await call('POST', '/app/installations/1/access_tokens', {
      auth: signAppJwt(gate)
    })
    expect(unknown.status).toBe(404)
  })

  it('refuses the token once it has expired', async () => {
    const token = await tokenFor()
    clock = new Date(Date.now() + 61 * 60_000)
    try {
      const r = await call('GET', '/repos/acme/app', { auth: token })
      expect(r.status).toBe(401)
      expect(message(r)).toBe('Bad credentials')
    } finally {
      clock = null
    }
  })
})

describe('@octokit/auth-app against the simulator', () => {
  it('authenticates as the App and as its installation', async () => {
    const octokit = new Octokit({
      baseUrl: server.url,
      authStrategy: createAppAuth,
      auth: {
        appId: gate.id,
        privateKey: gate.privateKey,
        installationId: inst.id
      }
    })
    const app = await octokit.request('GET /app')
    expect(app.data).toMatchObject({ slug: 'promotion-gate' })
    const deployments = await octokit.request(
      'GET /repos/{owner}/{repo}/deployments',
      { owner: 'acme', repo: 'app' }
    )
    expect(deployments.status).toBe(200)
    const auth = createAppAuth({
      appId: gate.clientId,
      privateKey: gate.privateKey,
      request: octokit.request
    })
    const installation = await auth({
      type: 'installation',
      installationId: inst.id
    })
    expect(installation.token).toMatch(/^ghs_/)
    expect(installation.permissions).toMatchObject({ deployments: 'write' })
  })
})

describe('custom deployment protection rules', () => {
  function newRun(): RunHandle {
    return repo.workflowRun({ actor: alice, event: 'workflow_dispatch' })
  }

  it('builds the requested event with a real waiting deployment', () => {
    const run = newRun()
    const sent = requestProtectionRules(run, 'production', {
      apiUrl: server.url
    })
    // only the rule's App is asked, not every installed App
    expect(sent.map((s) => s.app.slug)).toEqual(['promotion-gate'])
    const event = sent[0]?.event
    if (event === undefined) throw new Error('no event')
    expect(event.name).toBe('deployment_protection_rule')
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(webhookSchema(event.payload)).toBe(true)
    expect(webhookSchema.errors ?? []).toEqual([])
    const d = waitingDeployment(repo.data, run.data, 'production')
    expect(d).toBeDefined()
    expect(latestStatus(d!)?.state).toBe('waiting')
    expect(run.data.status).toBe('waiting')
    expect(event.payload).toMatchObject({
      action: 'requested',
      environment: 'production',
      event: 'workflow_dispatch',
      sha: run.data.headSha,
      ref: 'main',
      deployment_callback_url: `${server.url}/repos/acme/app/actions/runs/${run.id}/deployment_protection_rule`,
      deployment: {
        id: d!.id,
        environment: 'production',
        sha: run.data.headSha
      },
      installation: { id: inst.id },
      organization: { login: 'acme' },
      sender: { login: 'alice' }
    })
    // asking again reuses the waiting deployment
    requestProtectionRules(run, 'production', { apiUrl: server.url })
    expect(
      repo.data.deployments.filter((x) => x.runId === run.id)
    ).toHaveLength(1)
  })

  it('delivers with a signature @octokit/webhooks verifies', async () => {
    const run = newRun()
    const [sent] = requestProtectionRules(run, 'production', {
      apiUrl: server.url
    })
    if (sent === undefined) throw new Error('no event')
    const webhooks = new Webhooks({ secret: gate.webhookSecret })
    const received: unknown[] = []
    webhooks.on('deployment_protection_rule.requested', ({ payload }) => {
      received.push(payload.deployment_callback_url)
    })
    const receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8')
        const signature = String(req.headers['x-hub-signature-256'])
        void webhooks
          .verifyAndReceive({
            id: String(req.headers['x-github-delivery']),
            name: 'deployment_protection_rule',
            payload: body,
            signature
          })
          .then(
            () => res.writeHead(200).end('ok'),
            () => res.writeHead(400).end('bad signature')
          )
      })
    })
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r))
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`
      const ok = await deliver(url, sent.event, gate.webhookSecret)
      expect(ok.status).toBe(200)
      expect(received).toEqual([sent.event.payload.deployment_callback_url])
      expect(
        await webhooks.verify(
          ok.request.body,
          ok.request.headers['x-hub-signature-256'] ?? ''
        )
      ).toBe(true)
      expect(ok.request.headers).toMatchObject({
        'x-github-event': 'deployment_protection_rule',
        'x-github-delivery': sent.event.id,
        'x-github-hook-id': String(gate.hookId),
        'x-github-hook-installation-target-type': 'integration',
        'x-github-hook-installation-target-id': String(gate.id),
        'content-type': 'application/json'
      })
      expect(ok.request.headers['user-agent']).toMatch(/^GitHub-Hookshot\//)
      const forged = await deliver(url, sent.event, 'wrong secret')
      expect(forged.status).toBe(400)
    } finally {
      await new Promise<void>((r) => receiver.close(() => r()))
    }
  })

  it('records an approval by the rule App and lets the job proceed', async () => {
    const run = newRun()
    requestProtectionRules(run, 'production', { apiUrl: server.url })
    const token = await tokenFor()
    const path = `/repos/acme/app/actions/runs/${run.id}/deployment_protection_rule`
    const pending = await call(
      'GET',
      `/repos/acme/app/actions/runs/${run.id}/pending_deployments`,
      { auth: token }
    )
    expect(
      openapi.check(
        'GET',
        '/repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments',
        200,
        pending.body
      )
    ).toEqual([])
    expect(pending.body).toMatchObject([
      { environment: { name: 'production' }, current_user_can_approve: false }
    ])
    const report = await call('POST', path, {
      auth: token,
      body: { environment_name: 'production', comment: 'checking…' }
    })
    expect(report.status).toBe(204)
    expect(run.data.protectionReports).toMatchObject([
      { environment: 'production', comment: 'checking…' }
    ])
    const r = await call('POST', path, {
      auth: token,
      body: {
        environment_name: 'production',
        state: 'approved',
        comment: 'All checks passed.'
      }
    })
    expect(r.status).toBe(204)
    expect(r.body).toBeNull()
    expect(run.data.protectionVerdicts).toEqual([
      {
        environment: 'production',
        state: 'approved',
        comment: 'All checks passed.',
        app: { id: gate.id, slug: 'promotion-gate' },
        at: sim.now
      }
    ])
    const d = repo.data.deployments.find((x) => x.runId === run.id)
    expect(latestStatus(d!)?.state).toBe('queued')
    expect(run.data.status).toBe('in_progress')
    const after = await call(
      'GET',
      `/repos/acme/app/actions/runs/${run.id}/pending_deployments`,
      { auth: token }
    )
    expect(after.body).toEqual([])
  })

  it('fails the run on a rejection', async () => {
    const run = newRun()
    requestProtectionRules(run, 'production', { apiUrl: server.url })
    const r = await call(
      'POST',
      `/repos/acme/app/actions/runs/${run.id}/deployment_protection_rule`,
      {
        auth: await tokenFor(),
        body: {
          environment_name: 'production',
          state: 'rejected',
          comment: 'No.'
        }
      }
    )
    expect(r.status).toBe(204)
    expect(run.data.conclusion).toBe('failure')
    const d = repo.data.deployments.find((x) => x.runId === run.id)
    expect(latestStatus(d!)?.state).toBe('failure')
  })

  it('refuses an App that is not a rule of the environment, and GITHUB_TOKEN', async () => {
    const run = newRun()
    requestProtectionRules(run, 'production', { apiUrl: server.url })
    const path = `/repos/acme/app/actions/runs/${run.id}/deployment_protection_rule`
    const body = {
      environment_name: 'production',
      state: 'approved',
      comment: ''
    }
    const theirs = await call(
      'POST',
      `/app/installations/${bystanderInst.id}/access_tokens`,
      {
        auth: signAppJwt(bystander)
      }
    )
    const byBystander = await call('POST', path, {
      auth: (theirs.body as { token: string }).token,
      body
    })
    expect(byBystander.status).toBe(403)
    const byWorkflow = await call('POST', path, {
      auth: sim.workflowToken({ deployments: 'write' }),
      body
    })
    expect(byWorkflow.status).toBe(403)
    // deployments: write is required before anything else
    const readOnly = await tokenFor({ permissions: { deployments: 'read' } })
    expect((await call('POST', path, { auth: readOnly, body })).status).toBe(
      403
    )
    expect(run.data.protectionVerdicts).toEqual([])
    expect(run.data.status).toBe('waiting')
  })

  it('validates the body with GitHub 422 shape', async () => {
    const run = newRun()
    requestProtectionRules(run, 'production', { apiUrl: server.url })
    const token = await tokenFor()
    const path = `/repos/acme/app/actions/runs/${run.id}/deployment_protection_rule`
    const post = (body: unknown) => call('POST', path, { auth: token, body })
    const long = await post({
      environment_name: 'production',
      state: 'approved',
      comment: 'x'.repeat(1025)
    })
    expect(long.status).toBe(422)
    expect(long.body).toMatchObject({
      message: expect.stringMatching(/^Invalid request\.\n\n/),
      status: '422',
      documentation_url: expect.stringContaining('workflow-runs')
    })
    const state = await post({ environment_name: 'production', state: 'maybe' })
    expect(state.status).toBe(422)
    expect(message(state)).toContain(
      'is not a member of ["approved", "rejected"]'
    )
    const noEnv = await post({ state: 'approved' })
    expect(message(noEnv)).toBe(
      'Invalid request.\n\n"environment_name" wasn\'t supplied.'
    )
    const nothing = await post({ environment_name: 'production' })
    expect(nothing.status).toBe(422)
    const exact = await post({
      environment_name: 'production',
      state: 'approved',
      comment: 'x'.repeat(1024)
    })
    expect(exact.status).toBe(204)
    // at most 10 status reports per deployment
    const run2 = newRun()
    requestProtectionRules(run2, 'production', { apiUrl: server.url })
    const path2 = `/repos/acme/app/actions/runs/${run2.id}/deployment_protection_rule`
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) {
      const r = await call('POST', path2, {
        auth: token,
        body: { environment_name: 'production', comment: `report ${i}` }
      })
      statuses.push(r.status)
    }
    expect(statuses).toEqual([...Array(10).fill(204), 422])
    expect(run2.data.protectionReports).toHaveLength(10)
  })

  it('uses the repository owner as organization only for organizations', () => {
    const solo = sim.repo('alice/tool')
    solo.install(gate)
    solo.environment('prod', { customRules: [{ app: gate }] })
    const run = solo.workflowRun({ actor: alice })
    const [sent] = requestProtectionRules(run, 'prod', { apiUrl: server.url })
    expect(sent?.event.payload.organization).toBeUndefined()
    expect(webhookSchema(sent?.event.payload)).toBe(true)
  })

  it('asks nothing, and does not wait, without custom rules', () => {
    const run = newRun()
    expect(
      requestProtectionRules(run, 'staging', { apiUrl: server.url })
    ).toEqual([])
    expect(waitingDeployment(repo.data, run.data, 'staging')).toBeUndefined()
    expect(run.data.status).toBe('in_progress')
    expect(other.data.deployments).toEqual([])
  })
})
