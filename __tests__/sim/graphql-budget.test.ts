// The simulator charges GraphQL as GitHub does: each query's points from an
// hourly budget per installation, `rateLimit` and the x-ratelimit-* headers
// in points, RATE_LIMITED once spent, MAX_NODE_LIMIT_EXCEEDED over the limit.
// https://docs.github.com/en/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api
import { afterEach, describe, expect, it } from '@jest/globals'
import {
  executeGraphql,
  GraphqlBudgets,
  startSimulator,
  type SimulatorServer,
  type SimulatorServerOptions
} from '../../test-support/sim/index.js'
import { world } from './fixture.js'

const REPO = `repository(owner: "acme", name: "app")`
/** 1 + 100 + 100 requests: 2 points; 100 + 100 + 100 nodes */
const TWO_POINTS = `query Two { ${REPO} { pullRequests(first: 100) { nodes {
  commits(first: 1) { totalCount } reviews(first: 1) { totalCount } } } } }`
/** 100 + 10,000 + 1,000,000 nodes */
const TOO_BIG = `query Big { ${REPO} { pullRequests(first: 100) { nodes {
  commits(first: 100) { nodes { commit { authors(first: 100) { nodes { name } } } } } } } } }`

let server: SimulatorServer | undefined

afterEach(async () => {
  await server?.close()
  server = undefined
})

async function setup(options: SimulatorServerOptions = {}) {
  const w = world()
  server = await startSimulator(w.sim, options)
  const s = server
  const post = async (query: string, token = w.sim.adminToken()) => {
    const res = await fetch(s.graphqlUrl, {
      method: 'POST',
      headers: { authorization: `bearer ${token}` },
      body: JSON.stringify({ query })
    })
    const limit = (h: string) => res.headers.get(`x-ratelimit-${h}`)
    return {
      status: res.status,
      body: (await res.json()) as Record<string, unknown>,
      headers: {
        limit: limit('limit'),
        remaining: limit('remaining'),
        used: limit('used'),
        reset: limit('reset'),
        resource: limit('resource')
      }
    }
  }
  return { w, s, post }
}

describe('points', () => {
  it('rateLimit and the headers tell the truth, in points', async () => {
    const { w, s, post } = await setup()
    const token = w.sim.adminToken()
    const first = await post(TWO_POINTS, token)
    expect(first.headers).toMatchObject({
      limit: '5000',
      remaining: '4998',
      used: '2',
      resource: 'graphql'
    })
    const t0 = Date.now() / 1000
    const r = await post(
      `query Rate { ${REPO} { issues(first: 10) { nodes { number } } }
        rateLimit { cost nodeCount limit used remaining resetAt } }`,
      token
    )
    const rate = (r.body.data as { rateLimit: Record<string, unknown> })
      .rateLimit
    expect(rate).toMatchObject({
      cost: 1,
      nodeCount: 10,
      limit: 5000,
      used: 3,
      remaining: 4997
    })
    const reset = Date.parse(String(rate.resetAt)) / 1000
    expect(reset).toBe(Number(r.headers.reset))
    expect(reset - t0).toBeGreaterThan(3590)
    expect(reset - t0).toBeLessThanOrEqual(3601)
    expect(r.headers).toMatchObject({ remaining: '4997', used: '3' })
    expect(s.requests.map((q) => [q.operationName, q.points, q.nodes])).toEqual(
      [
        ['Two', 2, 300],
        ['Rate', 1, 10]
      ]
    )
  })

  it('a GITHUB_TOKEN has 1,000 points an hour; tokens of one installation share theirs', async () => {
    const { w, post } = await setup()
    const wf = w.sim.workflowToken({ contents: 'read' })
    expect((await post(TWO_POINTS, wf)).headers).toMatchObject({
      limit: '1000',
      remaining: '998'
    })
    const a = w.sim.adminToken()
    const b = w.sim.adminToken()
    const ta = w.sim.tokens.get(a)
    const tb = w.sim.tokens.get(b)
    if (ta === undefined || tb === undefined) throw new Error('no token')
    tb.installationId = ta.installationId
    await post(TWO_POINTS, a)
    expect((await post(TWO_POINTS, b)).headers.used).toBe('4')
  })

  it("every workflow's GITHUB_TOKEN spends the repository's one budget", async () => {
    const { w, post } = await setup()
    await post(TWO_POINTS, w.sim.workflowToken({ contents: 'read' }))
    const other = await post(TWO_POINTS, w.sim.workflowToken())
    expect(other.headers).toMatchObject({ used: '4', remaining: '996' })
  })

  it('refuses with RATE_LIMITED, status 200 and no data, when the budget cannot cover a query', async () => {
    const { w, s, post } = await setup({
      graphqlPointsPerHour: { installation: 3 }
    })
    const token = w.sim.adminToken()
    const installation = w.sim.tokens.get(token)?.installationId
    await post(TWO_POINTS, token)
    const refused = await post(TWO_POINTS, token)
    expect(refused.status).toBe(200)
    expect(refused.body).toEqual({
      errors: [
        {
          type: 'RATE_LIMITED',
          message: `API rate limit exceeded for installation ID ${installation}.`
        }
      ]
    })
    // not charged: the last point still buys a 1-point query
    expect(refused.headers).toMatchObject({
      limit: '3',
      remaining: '1',
      used: '2'
    })
    const last = await post(`{ ${REPO} { name } }`, token)
    expect(last.body).toEqual({ data: { repository: { name: 'app' } } })
    expect(last.headers.remaining).toBe('0')
    const after = await post(`{ ${REPO} { name } }`, token)
    expect((after.body.errors as { type: string }[])[0]?.type).toBe(
      'RATE_LIMITED'
    )
    expect(s.requests.map((q) => q.points)).toEqual([2, 0, 1, 0])
  })
})

describe('node limit', () => {
  it('refuses a query over 500,000 nodes before it runs, without charging it', async () => {
    const { w, s, post } = await setup()
    const r = await post(TOO_BIG, w.sim.adminToken())
    expect(r.status).toBe(200)
    expect(r.body).toEqual({
      errors: [
        {
          type: 'MAX_NODE_LIMIT_EXCEEDED',
          message:
            'This query requests up to 1,010,100 possible nodes which exceeds the maximum limit of 500,000.'
        }
      ]
    })
    expect(r.headers.used).toBe('0')
    expect(s.requests[0]).toMatchObject({
      operationName: 'Big',
      points: 0,
      nodes: 1_010_100
    })
  })
})

describe('executeGraphql on its own', () => {
  it('charges from a fresh hour when given no budgets', async () => {
    const w = world()
    const token = w.sim.tokens.get(w.sim.adminToken())
    if (token === undefined) throw new Error('no token')
    const shape = { sim: w.sim, api: 'http://x', web: w.sim.webUrl, token }
    const a = await executeGraphql(w.sim, token, { query: TWO_POINTS }, shape)
    expect(a.cost).toEqual({ points: 2, nodes: 300 })
    expect(a.budget).toMatchObject({ limit: 5000, used: 2, remaining: 4998 })
  })
})

describe('GraphqlBudgets', () => {
  it('a window lasts an hour from its first query, then the budget is whole again', () => {
    let now = 1_000_000_000_000
    const budgets = new GraphqlBudgets(
      { github_token: 10, installation: 50 },
      () => now
    )
    const w = world()
    const token = w.sim.tokens.get(w.sim.workflowToken())
    if (token === undefined) throw new Error('no token')
    expect(budgets.spend(token, 8)).toEqual({
      ok: true,
      state: { limit: 10, used: 8, remaining: 2, reset: 1_000_003_600 }
    })
    now += 3_599_000
    expect(budgets.spend(token, 3).ok).toBe(false)
    now += 1000
    expect(budgets.spend(token, 3)).toEqual({
      ok: true,
      state: { limit: 10, used: 3, remaining: 7, reset: 1_000_007_200 }
    })
  })
})

describe('timeouts', () => {
  it('cuts off a query over the size given as one that ran past 10 s, and still charges it', async () => {
    const { s, post } = await setup({ cutOffOverNodes: 250 })
    const cut = await post(TWO_POINTS)
    expect(cut.status).toBe(502)
    expect(cut.body).toEqual({ message: 'Server Error' })
    // charged all the same (github.blog changelog, 2025-07-21)
    expect(cut.headers.used).toBe('2')
    expect(s.requests[0]?.points).toBe(2)
    const small = await post(`query One { ${REPO} { url } }`)
    expect(small.status).toBe(200)
  })
})
