import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it
} from '@jest/globals'
import { Octokit } from '@octokit/core'
import { throttling } from '@octokit/plugin-throttling'
import {
  Simulator,
  startSimulator,
  type SimulatorServer
} from '../../test-support/sim/index.js'

let sim: Simulator
let server: SimulatorServer
let token: string

beforeAll(async () => {
  sim = new Simulator()
  sim.repo('acme/app')
  server = await startSimulator(sim)
  token = sim.adminToken()
})

afterAll(async () => {
  await server.close()
})

beforeEach(() => {
  server.faults.clear()
  server.resetLog()
})

function get(path: string, init: RequestInit = {}) {
  return fetch(`${server.url}${path}`, {
    ...init,
    headers: { authorization: `token ${token}` }
  })
}

function gql(query: string) {
  return fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { authorization: `token ${token}` },
    body: JSON.stringify({ query })
  })
}

describe('request log', () => {
  it('counts and logs every request', async () => {
    await get('/repos/acme/app')
    await get('/repos/acme/app/deployments?per_page=5')
    await gql('query Probe { rateLimit { limit } }')
    expect(
      server.requests.map((r) => [r.method, r.path, r.status, r.graphql])
    ).toEqual([
      ['GET', '/repos/acme/app', 200, false],
      ['GET', '/repos/acme/app/deployments?per_page=5', 200, false],
      ['POST', '/graphql', 200, true]
    ])
    expect(server.requests[2]?.operationName).toBe('Probe')
    expect(server.requests.every((r) => r.durationMs >= 0)).toBe(true)
    server.resetLog()
    expect(server.requests).toHaveLength(0)
  })

  it('applies latencyMs to every answer', async () => {
    const slow = await startSimulator(sim, { latencyMs: 60 })
    try {
      const t0 = performance.now()
      await fetch(`${slow.url}/repos/acme/app`, {
        headers: { authorization: `token ${token}` }
      })
      expect(performance.now() - t0).toBeGreaterThanOrEqual(55)
      expect(slow.requests[0]?.durationMs).toBeGreaterThanOrEqual(55)
    } finally {
      await slow.close()
    }
  })

  it('rate limit headers count down per token', async () => {
    const a = await get('/repos/acme/app')
    const b = await get('/repos/acme/app')
    const ra = Number(a.headers.get('x-ratelimit-remaining'))
    expect(Number(b.headers.get('x-ratelimit-remaining'))).toBe(ra - 1)
    const wf = sim.workflowToken({ contents: 'read' })
    const c = await fetch(`${server.url}/repos/acme/app`, {
      headers: { authorization: `token ${wf}` }
    })
    expect(c.headers.get('x-ratelimit-limit')).toBe('1000')
  })
})

describe('faults', () => {
  it('status: any code, GitHub body, for `times` requests', async () => {
    server.faults.add({
      path: /^\/repos\/acme\/app$/,
      kind: 'status',
      status: 502,
      times: 2
    })
    const r1 = await get('/repos/acme/app')
    expect(r1.status).toBe(502)
    expect(await r1.json()).toMatchObject({
      message: 'Bad Gateway',
      status: '502'
    })
    expect(r1.headers.get('x-github-request-id')).toBeTruthy()
    expect((await get('/repos/acme/app')).status).toBe(502)
    expect((await get('/repos/acme/app')).status).toBe(200)
    expect(server.requests.map((r) => r.fault)).toEqual([
      'status',
      'status',
      undefined
    ])
  })

  it('matches on method and graphql', async () => {
    server.faults.add({ graphql: true, kind: 'status', status: 500 })
    expect((await get('/repos/acme/app')).status).toBe(200)
    expect((await gql('{ rateLimit { limit } }')).status).toBe(500)
    server.faults.clear()
    server.faults.add({ method: 'post', kind: 'status', status: 503 })
    expect((await get('/repos/acme/app')).status).toBe(200)
    expect((await gql('{ rateLimit { limit } }')).status).toBe(503)
  })

  it('secondary-rate-limit: 403, retry-after, the documented message', async () => {
    server.faults.add({ kind: 'secondary-rate-limit', retryAfter: 7, times: 1 })
    const r = await get('/repos/acme/app')
    expect(r.status).toBe(403)
    expect(r.headers.get('retry-after')).toBe('7')
    const body = (await r.json()) as { message: string }
    expect(body.message).toMatch(/^You have exceeded a secondary rate limit/)
  })

  it('secondary-rate-limit is recognised and retried by octokit throttling', async () => {
    server.faults.add({ kind: 'secondary-rate-limit', retryAfter: 1, times: 1 })
    const seen: number[] = []
    const MyOctokit = Octokit.plugin(throttling)
    const octokit = new MyOctokit({
      auth: token,
      baseUrl: server.url,
      throttle: {
        onRateLimit: () => false,
        onSecondaryRateLimit: (retryAfter: number) => {
          seen.push(retryAfter)
          return seen.length === 1
        }
      }
    })
    const res = await octokit.request('GET /repos/{owner}/{repo}', {
      owner: 'acme',
      repo: 'app'
    })
    expect(res.status).toBe(200)
    expect(seen).toEqual([1])
    expect(server.requests.map((r) => r.status)).toEqual([403, 200])
  })

  it('primary-rate-limit: 403 or 429 with remaining 0 and a reset', async () => {
    server.faults.add({
      kind: 'primary-rate-limit',
      times: 1,
      resetInSeconds: 30
    })
    server.faults.add({ kind: 'primary-rate-limit', status: 429, times: 1 })
    const r1 = await get('/repos/acme/app')
    expect(r1.status).toBe(403)
    expect(r1.headers.get('x-ratelimit-remaining')).toBe('0')
    const reset = Number(r1.headers.get('x-ratelimit-reset'))
    expect(reset - Date.now() / 1000).toBeGreaterThan(25)
    expect(((await r1.json()) as { message: string }).message).toMatch(
      /^API rate limit exceeded/
    )
    const r2 = await get('/repos/acme/app')
    expect(r2.status).toBe(429)
    expect(r2.headers.get('x-ratelimit-remaining')).toBe('0')
  })

  it('primary-rate-limit on GraphQL: RATE_LIMITED error', async () => {
    server.faults.add({ kind: 'primary-rate-limit', graphql: true, times: 1 })
    const r = await gql('{ rateLimit { limit } }')
    expect(r.status).toBe(403)
    expect(r.headers.get('x-ratelimit-remaining')).toBe('0')
    const body = (await r.json()) as { errors: { type: string }[] }
    expect(body.errors[0]?.type).toBe('RATE_LIMITED')
  })

  it('hang: accepts and never answers until close', async () => {
    const s = await startSimulator(sim)
    s.faults.add({ kind: 'hang' })
    const pending = fetch(`${s.url}/repos/acme/app`, {
      headers: { authorization: `token ${token}` }
    }).then(
      () => 'answered',
      () => 'failed'
    )
    const raced = await Promise.race([
      pending,
      new Promise((r) => setTimeout(() => r('still waiting'), 150))
    ])
    expect(raced).toBe('still waiting')
    expect(s.requests[0]?.fault).toBe('hang')
    await s.close()
    expect(await pending).toBe('failed')
  })

  it('invalid-json: 200 with a body that does not parse', async () => {
    server.faults.add({ kind: 'invalid-json', times: 1 })
    const r = await get('/repos/acme/app')
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toBe(
      'application/json; charset=utf-8'
    )
    await expect(r.json()).rejects.toThrow()
  })

  it('graphql-errors: 200 with data and errors together', async () => {
    server.faults.add({ kind: 'graphql-errors', times: 1 })
    const r = await gql('{ rateLimit { limit } }')
    expect(r.status).toBe(200)
    const body = (await r.json()) as {
      data: unknown
      errors: { message: string }[]
    }
    expect(body.data).toEqual({ rateLimit: { limit: 5000 } })
    expect(body.errors[0]?.message).toMatch(
      /^Something went wrong while executing your query/
    )
  })

  it('latency: extra delay, then the normal answer', async () => {
    server.faults.add({ kind: 'latency', ms: 80, times: 1 })
    const t0 = performance.now()
    const r = await get('/repos/acme/app')
    expect(r.status).toBe(200)
    expect(performance.now() - t0).toBeGreaterThanOrEqual(75)
  })
})
