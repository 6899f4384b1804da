// The audit's pacing (SPEC §9) when GitHub refuses by throwing, when an
// answer states no budget, and when answers arrive out of order: a scripted
// port, the injected clock, no real sleep.
import { describe, expect, it } from '@jest/globals'
import { pacedPort } from '../../../src/engine/audit/pace.js'
import {
  BudgetSpentError,
  type GitHubPort,
  type GraphQLResponse
} from '../../../src/engine/index.js'

const T0 = Date.parse('2026-12-01T13:05:00Z')
const HOUR = 3_600_000

type Step = (() => unknown) | { throws: unknown }

/** The budget an answer states: `remaining` left until `resetAt`. */
const budget = (
  remaining: number,
  resetAt: number,
  limit: number | null = 1000
): { rateLimit: Record<string, unknown> } => ({
  rateLimit: {
    remaining,
    resetAt: new Date(resetAt).toISOString(),
    ...(limit === null ? {} : { limit })
  }
})

/**
 * A port answering from `script`, one step a query (then answers stating
 * nothing); `usage` states the reset of the last refusal when `reset` is set.
 */
function scripted(
  script: Step[],
  o: { reset?: number; requests?: unknown[] } = {}
): {
  port: GitHubPort & { requests?: unknown[] }
  clock: { t: number }
  sleeps: number[]
  sent: () => number
  paced: (waitUntil: number, reserve?: number) => GitHubPort
} {
  const clock = { t: T0 }
  const sleeps: number[] = []
  let sent = 0
  const port: GitHubPort & { requests?: unknown[] } = {
    rest: () => Promise.reject(new Error('no REST here')),
    graphql: <T>(): Promise<GraphQLResponse<T>> => {
      const step = script[sent++]
      if (step !== undefined && 'throws' in step)
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a client may throw anything: what is not an Error is tested too
        return Promise.reject(step.throws)
      const data = step === undefined ? {} : step()
      return Promise.resolve({ data: data as T, errors: [] })
    },
    ...(o.reset === undefined
      ? {}
      : {
          usage: () => ({
            requests: { rest: 0, graphql: sent },
            points: null,
            budgets: [
              {
                resource: 'graphql',
                limit: 1000,
                remaining: 0,
                used: 1000,
                reset: new Date(o.reset as number).toISOString()
              }
            ]
          })
        }),
    ...(o.requests === undefined ? {} : { requests: o.requests })
  }
  return {
    port,
    clock,
    sleeps,
    sent: () => sent,
    paced: (waitUntil, reserve) =>
      pacedPort(port, {
        now: () => clock.t,
        sleep: (ms) => {
          sleeps.push(ms)
          clock.t += ms
          return Promise.resolve()
        },
        waitUntil,
        ...(reserve === undefined ? {} : { reserve })
      })
  }
}

const ask = (port: GitHubPort): Promise<unknown> => port.graphql('{}', {})

/** An error as the client throws it, with GitHub's answer as its cause. */
const apiError = (
  o: { status?: number; message?: string; data?: unknown },
  cause?: unknown
): Error => Object.assign(new Error(o.message ?? 'failed'), { ...o, cause })

describe('pacedPort: a refusal thrown by the client', () => {
  it.each([
    [
      'a 403 saying the rate limit',
      apiError({
        status: 403,
        message: 'API rate limit exceeded for installation'
      })
    ],
    [
      'a 429 saying the rate limit',
      apiError({
        status: 429,
        message: 'You have exceeded a secondary rate limit'
      })
    ],
    [
      'an answer whose errors say RATE_LIMITED',
      apiError({ data: { errors: [{ type: 'RATE_LIMITED' }] } })
    ],
    [
      'a rate limit a few causes down',
      new Error('gave up', {
        cause: new Error('request failed', {
          cause: apiError({ status: 403, message: 'rate limit exceeded' })
        })
      })
    ]
  ])(
    '%s: waits for the reset the port heard and asks again',
    async (_, refusal) => {
      const reset = T0 + 20 * 60_000
      const s = scripted([{ throws: refusal }, () => budget(999, T0 + HOUR)], {
        reset
      })
      const answer = await ask(s.paced(T0 + HOUR))
      expect(answer).toEqual({ data: budget(999, T0 + HOUR), errors: [] })
      expect(s.sent()).toBe(2)
      // the stated reset, and a second for the clocks' difference
      expect(s.sleeps).toEqual([reset + 1000 - T0])
    }
  )

  it('keeps the refusal as the cause when the reset is too far away', async () => {
    const refusal = apiError({
      status: 403,
      message: 'API rate limit exceeded'
    })
    const s = scripted([{ throws: refusal }], { reset: T0 + HOUR })
    const stopped = await ask(s.paced(T0 + 60_000)).catch((e: unknown) => e)
    expect(stopped).toBeInstanceOf(BudgetSpentError)
    expect((stopped as Error).cause).toBe(refusal)
    expect((stopped as BudgetSpentError).resetAt.getTime()).toBe(T0 + HOUR)
    expect(s.sent()).toBe(1)
  })

  it('without a stated reset, counts an hour from now and names no limit', async () => {
    const s = scripted([
      { throws: apiError({ status: 429, message: 'rate limit' }) }
    ])
    const stopped = await ask(s.paced(T0 + 30 * 60_000)).catch(
      (e: unknown) => e
    )
    expect((stopped as BudgetSpentError).resetAt.getTime()).toBe(T0 + HOUR)
    expect((stopped as Error).message).toBe(
      "GitHub's GraphQL budget is spent until 14:05 UTC; run again with --resume after then"
    )
  })

  it('without a stated reset, waits for the reset the last answer stated', async () => {
    const s = scripted([
      () => budget(500, T0 + 10 * 60_000, null),
      { throws: apiError({ status: 403, message: 'API rate limit exceeded' }) },
      () => budget(999, T0 + 70 * 60_000)
    ])
    const port = s.paced(T0 + HOUR)
    await ask(port)
    await ask(port)
    expect(s.sleeps).toEqual([10 * 60_000 + 1000])
    expect(s.sent()).toBe(3)
  })

  it.each([
    [
      'a 403 that is not a rate limit',
      apiError({
        status: 403,
        message: 'Resource not accessible by integration'
      })
    ],
    [
      'a 500 saying the rate limit',
      apiError({ status: 500, message: 'rate limit service down' })
    ],
    ['a thrown string', 'boom'],
    [
      'an error whose errors are not a list',
      apiError({ data: { errors: 'RATE_LIMITED' } })
    ]
  ])('rethrows %s at once, and frees its reservation', async (_, error) => {
    const s = scripted([
      () => budget(1, T0 + HOUR),
      { throws: error },
      () => budget(0, T0 + HOUR)
    ])
    const port = s.paced(T0, 1)
    await ask(port)
    await expect(ask(port)).rejects.toBe(error)
    // the point held for the failed query is free again: the next one fits
    await expect(ask(port)).resolves.toBeDefined()
    expect(s.sleeps).toEqual([])
    expect(s.sent()).toBe(3)
  })

  it('gives up looking for a rate limit five causes down', async () => {
    let deep: unknown = apiError({
      status: 403,
      message: 'rate limit exceeded'
    })
    for (let i = 0; i < 5; i++)
      deep = new Error(`wrapped ${i}`, { cause: deep })
    const s = scripted([{ throws: deep }], { reset: T0 + 60_000 })
    await expect(ask(s.paced(T0 + HOUR))).rejects.toBe(deep)
    expect(s.sleeps).toEqual([])
  })
})

describe('pacedPort: what the answers state', () => {
  it.each([
    ['no rateLimit', () => ({})],
    ['a null answer', () => null],
    ['a rateLimit that is not an object', () => ({ rateLimit: 'plenty' })],
    [
      'no remaining',
      () => ({ rateLimit: { resetAt: new Date(T0 + HOUR).toISOString() } })
    ],
    [
      'a resetAt that is not a time',
      () => ({ rateLimit: { remaining: 0, resetAt: 'soon' } })
    ],
    [
      'a resetAt that is not a string',
      () => ({ rateLimit: { remaining: 0, resetAt: T0 + HOUR } })
    ]
  ])(
    'learns nothing from %s: the next query is not held back',
    async (_, answer) => {
      const s = scripted([answer, () => budget(0, T0 + HOUR)])
      const port = s.paced(T0)
      await ask(port)
      await ask(port)
      expect(s.sent()).toBe(2)
      expect(s.sleeps).toEqual([])
    }
  )

  it('keeps the least remaining of one window, whatever order the answers come in', async () => {
    // two queries in flight at once; the second's answer was made earlier
    const s = scripted([
      () => budget(5, T0 + HOUR),
      () => budget(40, T0 + HOUR),
      () => budget(990, T0 + 2 * HOUR)
    ])
    const port = s.paced(T0 + 3 * HOUR, 10)
    await Promise.all([ask(port), ask(port)])
    expect(s.sleeps).toEqual([])
    await ask(port) // 5 left: 10 do not fit, it waits for the reset
    expect(s.sleeps).toEqual([HOUR + 1000])
    expect(s.sent()).toBe(3)
  })

  it.each([
    [
      'a later window replaces an earlier one',
      990,
      T0 + HOUR,
      0,
      T0 + 2 * HOUR
    ],
    [
      'an earlier window arriving late is ignored',
      0,
      T0 + 2 * HOUR,
      990,
      T0 + HOUR
    ]
  ])('%s', async (_, left1, reset1, left2, reset2) => {
    const s = scripted([
      () => budget(left1, reset1),
      () => budget(left2, reset2),
      () => budget(990, T0 + 3 * HOUR)
    ])
    const port = s.paced(T0 + 3 * HOUR, 10)
    await Promise.all([ask(port), ask(port)])
    expect(s.sleeps).toEqual([])
    // the later window says nothing is left until T0 + 2h
    await ask(port)
    expect(s.sleeps).toEqual([2 * HOUR + 1000])
    expect(s.sent()).toBe(3)
  })

  it('asks without waiting once the stated reset has passed', async () => {
    const s = scripted([
      () => budget(0, T0 + 60_000),
      () => budget(999, T0 + HOUR)
    ])
    const port = s.paced(T0)
    await ask(port)
    s.clock.t = T0 + 60_000
    await ask(port)
    expect(s.sent()).toBe(2)
    expect(s.sleeps).toEqual([])
  })

  it("keeps the client's log of requests and has no usage when the port has none", () => {
    const log = [{ graphql: true }]
    const s = scripted([], { requests: log })
    const port = s.paced(T0) as GitHubPort & { requests?: unknown[] }
    expect(port.requests).toBe(log)
    expect('usage' in port).toBe(false)
  })
})
