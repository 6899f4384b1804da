// What the client's calls cost, counted as the answers come in: REST and
// GraphQL requests apart (retries included), GraphQL points from each
// answer's `rateLimit`, and the budgets left as the answers state them.
import { afterEach, describe, expect, it } from '@jest/globals'
import type { Logger } from '../../src/engine/port.js'
import { createClient, type GitHubClient } from '../../src/github/client.js'
import {
  budgetFromHeaders,
  rateLimitOf,
  usageMeter
} from '../../src/github/usage.js'
import {
  READ_PERMISSIONS,
  reviewedChange,
  standard
} from '../../test-support/demo/scenarios.js'
import {
  startSimulator,
  type SimulatorServer,
  type SimulatorServerOptions
} from '../../test-support/sim/server.js'

const ENVIRONMENT = 'GET /repos/{owner}/{repo}/environments/{environment_name}'
const AT = { owner: 'acme', repo: 'shop', environment_name: 'production' }
const REPO = 'repository(owner: "acme", name: "shop") { name }'
const COUNTED = `query Counted { ${REPO} rateLimit { cost limit remaining used resetAt } }`
const UNCOUNTED = `query Uncounted { ${REPO} }`

const quiet: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined
}

let server: SimulatorServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function client(
  options: SimulatorServerOptions = {}
): Promise<{ github: GitHubClient; sim: SimulatorServer }> {
  const { world } = standard(reviewedChange)
  server = await startSimulator(world.sim, options)
  const github = createClient({
    token: world.sim.workflowToken(READ_PERMISSIONS),
    apiUrl: server.url,
    logger: quiet,
    timeoutMs: 10_000,
    retryBaseMs: 5
  })
  return { github, sim: server }
}

/** the points the simulator charged, by GitHub's method */
const charged = (sim: SimulatorServer): number =>
  sim.requests.reduce((sum, r) => sum + (r.graphql ? (r.points ?? 0) : 0), 0)

const usageOf = (github: GitHubClient) => {
  if (github.usage === undefined) throw new Error('the client counts nothing')
  return github.usage()
}

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/

describe('createClient: usage', () => {
  it('counts nothing before the first call', async () => {
    const { github } = await client()
    expect(usageOf(github)).toEqual({
      requests: { rest: 0, graphql: 0 },
      points: 0,
      budgets: []
    })
  })

  it('counts REST and GraphQL apart, the points charged and both budgets', async () => {
    const { github, sim } = await client()
    await github.rest(ENVIRONMENT, AT)
    await github.rest(ENVIRONMENT, AT)
    await github.graphql(COUNTED, {})
    await github.graphql(COUNTED, {})
    const usage = usageOf(github)
    expect(charged(sim)).toBeGreaterThanOrEqual(2)
    expect(usage.requests).toEqual({ rest: 2, graphql: 2 })
    expect(usage.requests.rest + usage.requests.graphql).toBe(
      github.requests.length
    )
    expect(usage.points).toBe(charged(sim))
    expect(usage.budgets).toEqual([
      {
        resource: 'core',
        limit: 1000,
        remaining: 998,
        used: 2,
        reset: expect.stringMatching(ISO)
      },
      {
        resource: 'graphql',
        limit: 1000,
        remaining: 1000 - charged(sim),
        used: charged(sim),
        reset: expect.stringMatching(ISO)
      }
    ])
  })

  it('reads the GraphQL budget of the limit it is given', async () => {
    const { github } = await client({
      graphqlPointsPerHour: { github_token: 50 }
    })
    await github.graphql(COUNTED, {})
    const graphql = usageOf(github).budgets.find(
      (b) => b.resource === 'graphql'
    )
    expect(graphql).toMatchObject({ limit: 50, remaining: 49, used: 1 })
  })

  it('says points are unknown when a query did not ask what it cost', async () => {
    const { github, sim } = await client()
    await github.graphql(COUNTED, {})
    await github.graphql(UNCOUNTED, {})
    const usage = usageOf(github)
    expect(usage.requests.graphql).toBe(2)
    expect(usage.points).toBeNull()
    // the headers still tell the budget, after both queries
    expect(usage.budgets.find((b) => b.resource === 'graphql')).toMatchObject({
      used: charged(sim),
      remaining: 1000 - charged(sim)
    })
  })

  it('says points are unknown when an attempt failed and was retried', async () => {
    const { github } = await client()
    server?.faults.add({ kind: 'status', status: 502, times: 1 })
    await github.graphql(COUNTED, {})
    const usage = usageOf(github)
    expect(usage.requests).toEqual({ rest: 0, graphql: 2 })
    expect(github.requests.map((r) => r.status)).toEqual([502, 200])
    expect(usage.points).toBeNull()
  })

  it('counts a refused query, and keeps the budget its answer stated', async () => {
    const { github } = await client()
    server?.faults.add({ kind: 'status', status: 403, path: /environments/ })
    await expect(github.rest(ENVIRONMENT, AT)).rejects.toThrow(/403/)
    expect(usageOf(github)).toMatchObject({
      requests: { rest: 1, graphql: 0 },
      points: 0,
      budgets: [{ resource: 'core', remaining: 999 }]
    })
  })

  it('returns a copy: later calls do not change what was read', async () => {
    const { github } = await client()
    await github.rest(ENVIRONMENT, AT)
    const first = usageOf(github)
    await github.rest(ENVIRONMENT, AT)
    expect(first.requests.rest).toBe(1)
    expect(first.budgets[0]?.remaining).toBe(999)
  })
})

const headers = (o: Record<string, string>): Headers => new Headers(o)
const RESET = 1_900_000_000
const CORE = {
  'x-ratelimit-resource': 'core',
  'x-ratelimit-limit': '5000',
  'x-ratelimit-remaining': '4990',
  'x-ratelimit-used': '10',
  'x-ratelimit-reset': String(RESET)
}

describe('budgetFromHeaders', () => {
  it('reads GitHub’s five headers, the reset as a time', () => {
    expect(budgetFromHeaders(headers(CORE))).toEqual({
      resource: 'core',
      limit: 5000,
      remaining: 4990,
      used: 10,
      reset: new Date(RESET * 1000).toISOString()
    })
  })

  it.each([
    ['x-ratelimit-resource', ''],
    ['x-ratelimit-limit', 'lots'],
    ['x-ratelimit-remaining', '-1'],
    ['x-ratelimit-reset', '1.5']
  ])('reads nothing when %s is %j', (name, value) => {
    expect(budgetFromHeaders(headers({ ...CORE, [name]: value }))).toBe(
      undefined
    )
  })

  it('reads nothing from an answer without the headers (GHES, limits off)', () => {
    expect(budgetFromHeaders(headers({}))).toBeUndefined()
  })
})

describe('rateLimitOf', () => {
  const rate = {
    cost: 2,
    limit: 1000,
    remaining: 900,
    used: 100,
    resetAt: '2026-12-01T14:05:00Z'
  }

  it('reads the cost and the budget', () => {
    expect(rateLimitOf({ data: { rateLimit: rate } })).toEqual({
      cost: 2,
      budget: {
        resource: 'graphql',
        limit: 1000,
        remaining: 900,
        used: 100,
        reset: '2026-12-01T14:05:00.000Z'
      }
    })
  })

  it.each([
    ['no body', undefined],
    ['no data', { errors: [{ type: 'RATE_LIMITED' }] }],
    ['data null', { data: null }],
    ['no rateLimit', { data: { repository: null } }],
    ['a rateLimit that is not an object', { data: { rateLimit: 'x' } }]
  ])('reads nothing from %s', (_case, body) => {
    expect(rateLimitOf(body)).toEqual({ cost: undefined, budget: undefined })
  })

  it('keeps the cost when the budget is not all there, and the reverse', () => {
    expect(
      rateLimitOf({ data: { rateLimit: { ...rate, resetAt: 'soon' } } })
    ).toEqual({ cost: 2, budget: undefined })
    expect(
      rateLimitOf({ data: { rateLimit: { ...rate, cost: -1 } } }).cost
    ).toBeUndefined()
  })

  it('works out `used` when the server does not say it', () => {
    const older: Partial<typeof rate> = { ...rate }
    delete older.used
    expect(rateLimitOf({ data: { rateLimit: older } }).budget?.used).toBe(100)
  })
})

describe('usageMeter', () => {
  it('keeps the lowest remaining of a window: answers may arrive out of order', () => {
    const meter = usageMeter()
    meter.headers(headers({ ...CORE, 'x-ratelimit-remaining': '4980' }))
    meter.headers(headers({ ...CORE, 'x-ratelimit-remaining': '4990' }))
    expect(meter.usage().budgets[0]?.remaining).toBe(4980)
  })

  it('takes a new window’s reading, though more is left in it', () => {
    const meter = usageMeter()
    meter.headers(headers({ ...CORE, 'x-ratelimit-remaining': '3' }))
    meter.headers(
      headers({
        ...CORE,
        'x-ratelimit-remaining': '4999',
        'x-ratelimit-reset': String(RESET + 3600)
      })
    )
    expect(meter.usage().budgets[0]).toMatchObject({
      remaining: 4999,
      reset: new Date((RESET + 3600) * 1000).toISOString()
    })
  })

  it('reads the budget from a query’s own rateLimit, its answer’s headers or not', () => {
    const meter = usageMeter()
    meter.sent(true)
    meter.graphqlBody({
      data: {
        rateLimit: {
          cost: 1,
          limit: 1000,
          remaining: 990,
          used: 10,
          resetAt: new Date(RESET * 1000).toISOString()
        }
      }
    })
    meter.graphqlBody({
      data: {
        rateLimit: {
          cost: 3,
          limit: 1000,
          remaining: 987,
          used: 13,
          resetAt: new Date(RESET * 1000).toISOString()
        }
      }
    })
    meter.sent(true)
    expect(meter.usage()).toEqual({
      requests: { rest: 0, graphql: 2 },
      points: 4,
      budgets: [
        {
          resource: 'graphql',
          limit: 1000,
          remaining: 987,
          used: 13,
          reset: new Date(RESET * 1000).toISOString()
        }
      ]
    })
  })
})
