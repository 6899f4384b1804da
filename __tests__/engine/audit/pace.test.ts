// The audit's pacing by GraphQL budget (SPEC §9), through a fake port whose
// answers state the budget: counts and the injected clock, no real sleep.
import { describe, expect, it } from '@jest/globals'
import { pacedPort } from '../../../src/engine/audit/pace.js'
import {
  BudgetSpentError,
  type GitHubPort,
  type GraphQLResponse
} from '../../../src/engine/index.js'

const T0 = Date.parse('2026-12-01T13:05:00Z')
const HOUR = 3_600_000

/** A budget of `limit` points an hour from T0; each query costs `cost`. */
function fakeGitHub(o: { limit: number; cost: number; refuse?: number }): {
  port: GitHubPort
  clock: { t: number }
  sleeps: number[]
  sent: () => number
} {
  const clock = { t: T0 }
  const sleeps: number[] = []
  let used = 0
  let reset = T0 + HOUR
  let sent = 0
  let refuse = o.refuse ?? 0
  const port: GitHubPort = {
    rest: () => Promise.reject(new Error('no REST here')),
    graphql: <T>(): Promise<GraphQLResponse<T>> => {
      sent++
      if (clock.t >= reset) {
        used = 0
        reset = clock.t + HOUR
      }
      if (refuse > 0 || used + o.cost > o.limit) {
        refuse--
        return Promise.resolve({
          data: null,
          errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded' }]
        })
      }
      used += o.cost
      const rateLimit = {
        cost: o.cost,
        limit: o.limit,
        remaining: o.limit - used,
        resetAt: new Date(reset).toISOString()
      }
      return Promise.resolve({ data: { rateLimit } as T, errors: [] })
    },
    usage: () => ({
      requests: { rest: 0, graphql: sent },
      points: used,
      budgets: [
        {
          resource: 'graphql',
          limit: o.limit,
          remaining: o.limit - used,
          used,
          reset: new Date(reset).toISOString()
        }
      ]
    })
  }
  return { port, clock, sleeps, sent: () => sent }
}

function pace(
  f: ReturnType<typeof fakeGitHub>,
  waitUntil: number,
  then?: string
): GitHubPort {
  return pacedPort(f.port, {
    then,
    now: () => f.clock.t,
    sleep: (ms) => {
      f.sleeps.push(ms)
      f.clock.t += ms
      return Promise.resolve()
    },
    waitUntil
  })
}

const ask = (port: GitHubPort): Promise<unknown> => port.graphql('{}', {})

describe('pacedPort', () => {
  it('waits for the reset when the next query would not fit, and then goes on', async () => {
    // 10 points a query: 5 fit the hour, the 6th waits for the next
    const f = fakeGitHub({ limit: 50, cost: 10 })
    const port = pace(f, T0 + 3 * HOUR)
    for (let i = 0; i < 12; i++) await ask(port)
    expect(f.sent()).toBe(12)
    expect(f.sleeps).toHaveLength(2)
    expect(f.clock.t).toBeGreaterThanOrEqual(T0 + 2 * HOUR)
  })

  it('reserves the points of queries in flight', async () => {
    const f = fakeGitHub({ limit: 50, cost: 10 })
    const port = pace(f, T0 + 3 * HOUR)
    await ask(port) // the budget is known: 40 left
    // 4 fit in flight, the 5th waits for the reset
    await Promise.all([1, 2, 3, 4, 5].map(() => ask(port)))
    expect(f.sent()).toBe(6)
    expect(f.sleeps).toHaveLength(1)
  })

  it('stops with the reset and the limit when it may not wait that long', async () => {
    const f = fakeGitHub({ limit: 1000, cost: 10 })
    const port = pace(f, T0 + HOUR / 2)
    for (let i = 0; i < 100; i++) await ask(port)
    const stopped = await ask(port).catch((e: unknown) => e)
    expect(stopped).toBeInstanceOf(BudgetSpentError)
    expect((stopped as Error).message).toBe(
      "GitHub's GraphQL budget is spent until 14:05 UTC (1,000 points an hour for this token); run again with --resume after then"
    )
    expect((stopped as BudgetSpentError).resetAt.getTime()).toBe(T0 + HOUR)
    expect(f.sent()).toBe(100)
    expect(f.sleeps).toHaveLength(0)
  })

  it('says what to do next in the words of the adapter that stopped', async () => {
    const f = fakeGitHub({ limit: 10, cost: 10 })
    const port = pace(f, T0, 'run the workflow again after then')
    await ask(port)
    await expect(ask(port)).rejects.toThrow(
      /spent until 14:05 UTC \(10 points an hour for this token\); run the workflow again after then$/
    )
  })

  it('treats a RATE_LIMITED answer as the budget spent: waits for the reset and asks again', async () => {
    // someone else spent it: the first answer is a refusal
    const f = fakeGitHub({ limit: 1000, cost: 10, refuse: 1 })
    const port = pace(f, T0 + 2 * HOUR)
    const answer = await port.graphql<{ rateLimit: unknown }>('{}', {})
    expect(answer.errors).toEqual([])
    expect(f.sent()).toBe(2)
    expect(f.sleeps).toHaveLength(1)
    expect(f.clock.t).toBeGreaterThanOrEqual(T0 + HOUR)
  })

  it('stops on a RATE_LIMITED answer when the reset is too far away', async () => {
    const f = fakeGitHub({ limit: 1000, cost: 10, refuse: 1 })
    const port = pace(f, T0 + 60_000)
    await expect(ask(port)).rejects.toThrow(
      "GitHub's GraphQL budget is spent until 14:05 UTC"
    )
    expect(f.sent()).toBe(1)
  })

  it('forwards REST calls and the usage untouched', async () => {
    const f = fakeGitHub({ limit: 1000, cost: 10 })
    const port = pace(f, T0)
    await expect(port.rest('GET /x')).rejects.toThrow('no REST here')
    expect(port.usage?.().budgets[0]?.limit).toBe(1000)
  })
})
