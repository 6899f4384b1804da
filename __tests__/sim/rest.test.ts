import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  startSimulator,
  type SimulatorServer
} from '../../test-support/sim/index.js'
import { loadOpenApi, type OpenApi } from './openapi.js'
import { world } from './fixture.js'

const OPS: [string, string, number][] = [
  ['GET', '/repos/{owner}/{repo}', 200],
  ['GET', '/repos/{owner}/{repo}/contents/{path}', 200],
  ['GET', '/repos/{owner}/{repo}/commits/{ref}', 200],
  ['GET', '/repos/{owner}/{repo}/commits/{commit_sha}/pulls', 200],
  ['GET', '/repos/{owner}/{repo}/compare/{basehead}', 200],
  ['GET', '/repos/{owner}/{repo}/pulls/{pull_number}', 200],
  ['GET', '/repos/{owner}/{repo}/pulls/{pull_number}/commits', 200],
  ['GET', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews', 200],
  ['GET', '/repos/{owner}/{repo}/deployments', 200],
  ['POST', '/repos/{owner}/{repo}/deployments', 201],
  ['GET', '/repos/{owner}/{repo}/deployments/{deployment_id}', 200],
  ['GET', '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses', 200],
  ['POST', '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses', 201],
  ['GET', '/repos/{owner}/{repo}/rules/branches/{branch}', 200],
  ['GET', '/repos/{owner}/{repo}/rulesets', 200],
  ['GET', '/repos/{owner}/{repo}/rulesets/{ruleset_id}', 200],
  ['GET', '/repos/{owner}/{repo}/branches/{branch}', 200],
  ['GET', '/repos/{owner}/{repo}/branches/{branch}/protection', 200],
  ['GET', '/repos/{owner}/{repo}/environments', 200],
  ['GET', '/repos/{owner}/{repo}/environments/{environment_name}', 200],
  [
    'GET',
    '/repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies',
    200
  ],
  ['GET', '/repos/{owner}/{repo}/actions/runs/{run_id}', 200],
  ['GET', '/repos/{owner}/{repo}/actions/runs', 200],
  ['GET', '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', 200],
  ['GET', '/repos/{owner}/{repo}/actions/runs/{run_id}/approvals', 200],
  ['POST', '/repos/{owner}/{repo}/statuses/{sha}', 201],
  ['GET', '/repos/{owner}/{repo}/commits/{ref}/status', 200],
  ['GET', '/repos/{owner}/{repo}/commits/{ref}/statuses', 200],
  ['GET', '/repos/{owner}/{repo}/commits/{ref}/check-runs', 200],
  ['GET', '/repos/{owner}/{repo}/collaborators/{username}/permission', 200],
  ['POST', '/repos/{owner}/{repo}/issues', 201]
]

let openapi: OpenApi
let w: ReturnType<typeof world>
let server: SimulatorServer
let admin: string

beforeAll(async () => {
  openapi = loadOpenApi(OPS)
  w = world()
  server = await startSimulator(w.sim)
  admin = w.sim.adminToken()
})

afterAll(async () => {
  await server.close()
})

interface Res {
  status: number
  headers: Headers
  body: unknown
}

async function call(
  method: string,
  path: string,
  o: { token?: string | null; body?: unknown; base?: string } = {}
): Promise<Res> {
  const token = o.token === undefined ? admin : o.token
  const res = await fetch(`${o.base ?? server.url}${path}`, {
    method,
    headers: {
      ...(token === null ? {} : { authorization: `token ${token}` }),
      accept: 'application/vnd.github+json'
    },
    body: o.body === undefined ? undefined : JSON.stringify(o.body)
  })
  return { status: res.status, headers: res.headers, body: await res.json() }
}

const R = '/repos/acme/app'

describe('REST answers match GitHub OpenAPI', () => {
  it('every implemented endpoint', async () => {
    const { repo, merged, squashed, open, active, run2, prod, head } = w
    const problems: string[] = []
    const v = async (op: string, url: string, status = 200, body?: unknown) => {
      const [method = 'GET', path = ''] = op.split(' ')
      const res = await call(method, url, { body })
      if (res.status !== status) problems.push(`${url}: status ${res.status}`)
      else {
        for (const e of openapi.check(method, path, status, res.body)) {
          problems.push(`${method} ${url}: ${e}`)
        }
      }
      return res
    }
    await v('GET /repos/{owner}/{repo}', R)
    await v(
      'GET /repos/{owner}/{repo}/contents/{path}',
      `${R}/contents/README.md?ref=main`
    )
    await v('GET /repos/{owner}/{repo}/contents/{path}', `${R}/contents/src`)
    await v(
      'GET /repos/{owner}/{repo}/commits/{ref}',
      `${R}/commits/${merged.data.mergeCommit}`
    )
    await v('GET /repos/{owner}/{repo}/commits/{ref}', `${R}/commits/main`)
    await v(
      'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls',
      `${R}/commits/${head}/pulls`
    )
    await v(
      'GET /repos/{owner}/{repo}/compare/{basehead}',
      `${R}/compare/${repo.data.pushes[0]?.after}...main`
    )
    for (const pr of [merged, squashed, open]) {
      await v(
        'GET /repos/{owner}/{repo}/pulls/{pull_number}',
        `${R}/pulls/${pr.number}`
      )
      await v(
        'GET /repos/{owner}/{repo}/pulls/{pull_number}/commits',
        `${R}/pulls/${pr.number}/commits`
      )
      await v(
        'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
        `${R}/pulls/${pr.number}/reviews`
      )
    }
    await v('GET /repos/{owner}/{repo}/deployments', `${R}/deployments`)
    const made = await v(
      'POST /repos/{owner}/{repo}/deployments',
      `${R}/deployments`,
      201,
      {
        ref: 'main',
        environment: 'qa',
        required_contexts: []
      }
    )
    const id = (made.body as { id: number }).id
    await v(
      'GET /repos/{owner}/{repo}/deployments/{deployment_id}',
      `${R}/deployments/${prod.id}`
    )
    await v(
      'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
      `${R}/deployments/${prod.id}/statuses`
    )
    await v(
      'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
      `${R}/deployments/${id}/statuses`,
      201,
      {
        state: 'success',
        log_url: 'https://example.com/log',
        environment_url: 'https://qa.example.com'
      }
    )
    await v(
      'GET /repos/{owner}/{repo}/rules/branches/{branch}',
      `${R}/rules/branches/main`
    )
    await v('GET /repos/{owner}/{repo}/rulesets', `${R}/rulesets`)
    await v(
      'GET /repos/{owner}/{repo}/rulesets/{ruleset_id}',
      `${R}/rulesets/${active.id}`
    )
    await v('GET /repos/{owner}/{repo}/branches/{branch}', `${R}/branches/main`)
    await v('GET /repos/{owner}/{repo}/branches/{branch}', `${R}/branches/wip`)
    await v(
      'GET /repos/{owner}/{repo}/branches/{branch}/protection',
      `${R}/branches/main/protection`
    )
    await v('GET /repos/{owner}/{repo}/environments', `${R}/environments`)
    await v(
      'GET /repos/{owner}/{repo}/environments/{environment_name}',
      `${R}/environments/production`
    )
    await v(
      'GET /repos/{owner}/{repo}/environments/{environment_name}',
      `${R}/environments/staging`
    )
    await v(
      'GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies',
      `${R}/environments/production/deployment-branch-policies`
    )
    await v(
      'GET /repos/{owner}/{repo}/actions/runs/{run_id}',
      `${R}/actions/runs/${run2.id}`
    )
    await v(
      'GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals',
      `${R}/actions/runs/${run2.id}/approvals`
    )
    const created = `2000-01-01T00:00:00Z..${new Date(Date.now() + 864e5).toISOString()}`
    const runs = await v(
      'GET /repos/{owner}/{repo}/actions/runs',
      `${R}/actions/runs?created=${created}&per_page=2`
    )
    const listed = runs.body as {
      total_count: number
      workflow_runs: { workflow_id: number }[]
    }
    expect(listed.total_count).toBeGreaterThan(0)
    const workflow = listed.workflow_runs[0]?.workflow_id ?? 0
    const ofWorkflow = await v(
      'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
      `${R}/actions/workflows/${workflow}/runs?created=${created}`
    )
    expect(
      (
        ofWorkflow.body as { workflow_runs: { workflow_id: number }[] }
      ).workflow_runs.every((x) => x.workflow_id === workflow)
    ).toBe(true)
    expect(
      (await call('GET', `${R}/actions/runs?created=not-a-date`)).status
    ).toBe(422)
    await v(
      'POST /repos/{owner}/{repo}/statuses/{sha}',
      `${R}/statuses/${head}`,
      201,
      {
        state: 'failure',
        context: 'promotion-gate/production',
        description: 'blocked'
      }
    )
    await v(
      'GET /repos/{owner}/{repo}/commits/{ref}/status',
      `${R}/commits/${head}/status`
    )
    await v(
      'GET /repos/{owner}/{repo}/commits/{ref}/statuses',
      `${R}/commits/main/statuses`
    )
    await v(
      'GET /repos/{owner}/{repo}/commits/{ref}/check-runs',
      `${R}/commits/${head}/check-runs`
    )
    await v(
      'GET /repos/{owner}/{repo}/collaborators/{username}/permission',
      `${R}/collaborators/bob/permission`
    )
    await v(
      'GET /repos/{owner}/{repo}/collaborators/{username}/permission',
      `${R}/collaborators/acme/permission`
    )
    await v('POST /repos/{owner}/{repo}/issues', `${R}/issues`, 201, {
      title: 'Review break-glass deployment',
      labels: ['break-glass'],
      assignees: ['bob']
    })
    expect(problems).toEqual([])
  })
})

describe('REST semantics', () => {
  it('401 for a missing or unknown token, with GitHub body', async () => {
    for (const token of [null, 'ghs_nope']) {
      const res = await call('GET', R, { token })
      expect(res.status).toBe(401)
      expect(res.body).toMatchObject({
        message: 'Bad credentials',
        status: '401'
      })
      expect(res.headers.get('content-type')).toBe(
        'application/json; charset=utf-8'
      )
    }
  })

  it('403 "Resource not accessible by integration" without the permission', async () => {
    const token = w.sim.workflowToken({ contents: 'read' })
    const res = await call('GET', `${R}/branches/main/protection`, { token })
    expect(res.status).toBe(403)
    expect(res.body).toEqual({
      message: 'Resource not accessible by integration',
      documentation_url:
        'https://docs.github.com/rest/branches/branch-protection#get-branch-protection',
      status: '403'
    })
    expect((await call('GET', `${R}/deployments`, { token })).status).toBe(403)
    // rules for a branch need only metadata
    expect(
      (await call('GET', `${R}/rules/branches/main`, { token })).status
    ).toBe(200)
  })

  it('a GITHUB_TOKEN can never get administration', () => {
    expect(() => w.sim.workflowToken({ administration: 'read' })).toThrow(
      /administration/
    )
  })

  it('404s: unknown route, repository, branch not protected', async () => {
    expect((await call('GET', '/nope')).body).toMatchObject({
      message: 'Not Found'
    })
    expect((await call('GET', '/repos/acme/none')).status).toBe(404)
    const res = await call('GET', `${R}/branches/wip/protection`)
    expect(res.status).toBe(404)
    expect(res.body).toMatchObject({ message: 'Branch not protected' })
    expect((await call('GET', `${R}/commits/nothere`)).status).toBe(422)
  })

  it('paginates with per_page, page and a Link header', async () => {
    const { sim } = w
    const r = sim.repo('acme/many')
    for (let i = 0; i < 130; i++) r.deploy({ environment: 'dev' })
    const first = await call('GET', '/repos/acme/many/deployments')
    expect((first.body as unknown[]).length).toBe(30)
    const link = first.headers.get('link') ?? ''
    expect(link).toContain('rel="next"')
    expect(link).toContain('rel="last"')
    expect(link).toMatch(/page=5>; rel="last"/)
    const last = await call(
      'GET',
      '/repos/acme/many/deployments?per_page=50&page=3'
    )
    expect((last.body as unknown[]).length).toBe(30)
    const l2 = last.headers.get('link') ?? ''
    expect(l2).toContain('rel="prev"')
    expect(l2).toContain('rel="first"')
    expect(l2).not.toContain('rel="next"')
    const big = await call('GET', '/repos/acme/many/deployments?per_page=500')
    expect((big.body as unknown[]).length).toBe(100) // per_page is capped
    const ids = (first.body as { id: number }[]).map((d) => d.id)
    expect(ids).toEqual([...ids].sort((a, b) => b - a)) // newest first
  })

  it('filters deployments by environment and sha', async () => {
    const res = await call('GET', `${R}/deployments?environment=production`)
    const list = res.body as { environment: string; sha: string }[]
    expect(list.length).toBeGreaterThan(0)
    expect(list.every((d) => d.environment === 'production')).toBe(true)
    const bySha = await call(
      'GET',
      `${R}/deployments?sha=${w.head}&environment=staging`
    )
    expect((bySha.body as unknown[]).length).toBe(1)
  })

  it('marks earlier successful deployments of the environment inactive', async () => {
    const { repo } = w
    const a = repo.deploy({ environment: 'preview' })
    a.status('success')
    const b = repo.deploy({ environment: 'preview' })
    b.status('success', { autoInactive: false })
    expect(a.data.statuses.map((s) => s.state)).toEqual(['success'])
    const c = repo.deploy({ environment: 'preview' })
    await call('POST', `${R}/deployments/${c.id}/statuses`, {
      body: { state: 'success' }
    })
    expect(a.data.statuses.map((s) => s.state)).toEqual(['success', 'inactive'])
    expect(b.data.statuses.map((s) => s.state)).toEqual(['success', 'inactive'])
    const statuses = await call('GET', `${R}/deployments/${a.id}/statuses`)
    expect((statuses.body as { state: string }[])[0]?.state).toBe('inactive')
  })

  it('a deployment to an unknown environment creates it without rules', async () => {
    expect((await call('GET', `${R}/environments/brand-new`)).status).toBe(404)
    await call('POST', `${R}/deployments`, {
      body: { ref: 'main', environment: 'brand-new', required_contexts: [] }
    })
    const env = await call('GET', `${R}/environments/brand-new`)
    expect(env.status).toBe(200)
    expect(env.body).toMatchObject({
      protection_rules: [],
      deployment_branch_policy: null
    })
  })

  it('409 when required contexts are not green', async () => {
    w.repo.commitStatus(w.head, 'failure', { context: 'lint' })
    const res = await call('POST', `${R}/deployments`, {
      body: { ref: w.head, environment: 'x' }
    })
    expect(res.status).toBe(409)
  })

  it('rules for a branch: only active rulesets, with their source', async () => {
    const res = await call('GET', `${R}/rules/branches/main`)
    const rules = res.body as {
      type: string
      ruleset_id: number
      ruleset_source: string
    }[]
    expect(rules.map((r) => r.type)).toEqual([
      'pull_request',
      'non_fast_forward',
      'deletion'
    ])
    expect(rules.every((r) => r.ruleset_id === w.active.id)).toBe(true)
    expect(rules[0]?.ruleset_source).toBe('acme/app')
    const other = await call('GET', `${R}/rules/branches/feature/x`)
    expect(other.body).toEqual([])
  })

  it('ruleset bypass actors only with administration', async () => {
    const withAdmin = await call('GET', `${R}/rulesets/${w.active.id}`)
    expect(withAdmin.body).toHaveProperty('bypass_actors')
    const token = w.sim.workflowToken({ contents: 'read' })
    const without = await call('GET', `${R}/rulesets/${w.active.id}`, { token })
    expect(without.body).not.toHaveProperty('bypass_actors')
  })

  it('compare: ahead, behind, identical, diverged; paged commits', async () => {
    const { repo, sim, alice } = w
    const base = repo.head()
    repo.branch('side', base)
    repo.commits(3, { branch: 'side', author: alice })
    const status = async (spec: string) =>
      (await call('GET', `${R}/compare/${spec}`)).body as {
        status: string
        ahead_by: number
        behind_by: number
        total_commits: number
        commits: unknown[]
      }
    expect(await status('main...side')).toMatchObject({
      status: 'ahead',
      ahead_by: 3,
      behind_by: 0
    })
    expect(await status('side...main')).toMatchObject({
      status: 'behind',
      ahead_by: 0,
      behind_by: 3
    })
    expect(await status('main...main')).toMatchObject({
      status: 'identical',
      total_commits: 0
    })
    repo.commit({ branch: 'main', author: alice, message: 'direct push' })
    expect(await status('main...side')).toMatchObject({
      status: 'diverged',
      ahead_by: 3,
      behind_by: 1
    })
    const paged = await call(
      'GET',
      `${R}/compare/${base}...side?per_page=2&page=1`
    )
    expect((paged.body as { commits: unknown[] }).commits.length).toBe(2)
    expect(paged.headers.get('link')).toContain('rel="next"')
    sim.advance('1m')
  })

  it('GHES prefix /api/v3 answers the same routes with matching URLs', async () => {
    const res = await call('GET', `${R}/pulls/${w.merged.number}`, {
      base: server.enterprise.url
    })
    expect(res.status).toBe(200)
    expect((res.body as { url: string }).url).toBe(
      `${server.enterprise.url}${R}/pulls/${w.merged.number}`
    )
  })

  it('contents: base64 file with the blob sha', async () => {
    const res = await call('GET', `${R}/contents/README.md`)
    const body = res.body as { content: string; sha: string; encoding: string }
    expect(body.encoding).toBe('base64')
    expect(Buffer.from(body.content, 'base64').toString('utf8')).toBe('# app\n')
    expect(body.sha).toBe('e2bd1550b11947a1bcbec6a139dc428f93a47d33')
  })

  it('commit pulls: the merged pull request for a commit on the default branch', async () => {
    const res = await call(
      'GET',
      `${R}/commits/${w.squashed.data.mergeCommit}/pulls`
    )
    expect((res.body as { number: number }[]).map((p) => p.number)).toEqual([
      w.squashed.number
    ])
    const openHead = await call('GET', `${R}/commits/${w.open.headOid}/pulls`)
    expect(
      (openHead.body as { number: number }[]).map((p) => p.number)
    ).toEqual([w.open.number])
  })

  it('every answer carries the rate limit and request id headers', async () => {
    const res = await call('GET', R)
    for (const h of [
      'x-ratelimit-limit',
      'x-ratelimit-remaining',
      'x-ratelimit-reset',
      'x-ratelimit-used',
      'x-github-request-id'
    ]) {
      expect(res.headers.get(h)).not.toBeNull()
    }
  })
})
