// The audit within GitHub's GraphQL budget (SPEC §9): a GITHUB_TOKEN has
// 1,000 points an hour, so a long audit paces itself. Every answer states
// what is left and when it is refilled (`rateLimit { remaining resetAt }`,
// asked at every query's root); a query that would not fit what is left,
// counting the queries still in flight, waits for the refill when the
// audit may wait that long, and otherwise stops the audit with a
// BudgetSpentError (the caller keeps its checkpoint). A RATE_LIMITED
// answer (someone else spent the budget) is treated the same way.
// https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api

import { GateError } from '../errors.js'
import type { GitHubPort, GraphQLResponse } from '../port.js'

/** What every audit query may cost at most: each shape is held to it by a test. */
export const MAX_QUERY_POINTS = 10

/** How long past the stated reset to wait: GitHub's clock and ours differ. */
const RESET_MARGIN_MS = 1000

export interface PaceOptions {
  /** epoch milliseconds */
  now: () => number
  sleep: (ms: number) => Promise<void>
  /** epoch milliseconds: a refill later than this is not waited for */
  waitUntil: number
  /**
   * Points held back for each query in flight (default MAX_QUERY_POINTS,
   * what the dearest shape may cost; a test of a small world sets less)
   */
  reserve?: number
  /** what to do once the budget is refilled (default: run again with --resume) */
  then?: string
  /** how to let the audit wait longer (default: the CLI's --max-wait) */
  wait?: string
}

/** The GraphQL budget is spent until `resetAt`, later than the audit may wait. */
export class BudgetSpentError extends GateError {
  readonly resetAt: Date

  constructor(o: {
    resetAt: Date
    limit: number | null
    then?: string
    wait?: string
    cause?: unknown
  }) {
    const hhmm = o.resetAt.toISOString().slice(11, 16)
    const perHour =
      o.limit === null
        ? ''
        : ` (${o.limit.toLocaleString('en-US')} points an hour for this token)`
    super(
      'github-api',
      `GitHub's GraphQL budget is spent until ${hhmm} UTC${perHour}; ${o.then ?? 'run again with --resume after then'}`,
      {
        hint: `Give the audit more time to wait for the budget (${o.wait ?? '--max-wait'}), or ${o.then === undefined ? 'resume it' : 'run it again'} after the reset.`,
        cause: o.cause
      }
    )
    this.resetAt = o.resetAt
  }
}

interface Known {
  remaining: number
  /** epoch milliseconds */
  resetAt: number
  limit: number | null
}

type Port = GitHubPort & { requests?: unknown[] }

/** `port`, its GraphQL queries paced by the budget their answers state. */
export function pacedPort(port: Port, o: PaceOptions): Port {
  const cost = o.reserve ?? MAX_QUERY_POINTS
  let known: Known | null = null
  let reserved = 0
  /** the refusal that emptied the budget, if one did */
  let refusal: unknown

  const learn = (next: Known): void => {
    // Answers arrive out of order: within one window the least remaining
    // is the latest; a later window replaces an earlier one.
    if (known === null || next.resetAt > known.resetAt) known = next
    else if (next.resetAt === known.resetAt)
      known = { ...known, remaining: Math.min(known.remaining, next.remaining) }
  }

  /**
   * Waits until `cost` fits what is left and reserves it (no await between
   * the two: concurrent callers see each other's reservations), or throws
   * when the refill is later than the audit may wait.
   */
  const room = async (cost: number): Promise<void> => {
    for (;;) {
      const k: Known | null = known
      if (k === null || o.now() >= k.resetAt) {
        known = null
        reserved += cost
        return
      }
      if (k.remaining - reserved >= cost) {
        reserved += cost
        return
      }
      const until = k.resetAt + RESET_MARGIN_MS
      if (until > o.waitUntil) {
        throw new BudgetSpentError({
          resetAt: new Date(k.resetAt),
          limit: k.limit,
          then: o.then,
          wait: o.wait,
          cause: refusal
        })
      }
      await o.sleep(until - o.now())
    }
  }

  const graphql = async <T>(
    query: string,
    variables: Record<string, unknown>,
    options?: Parameters<GitHubPort['graphql']>[2]
  ): Promise<GraphQLResponse<T>> => {
    for (;;) {
      await room(cost)
      let answer: GraphQLResponse<T>
      try {
        answer = await port.graphql<T>(query, variables, options)
      } catch (error) {
        if (!rateLimited(error)) throw error
        spent(error)
        continue
      } finally {
        reserved -= cost
      }
      if (answer.errors.some((e) => e.type === 'RATE_LIMITED')) {
        spent(answer)
        continue
      }
      const rate = rateLimitOf(answer.data)
      if (rate !== null) learn(rate)
      return answer
    }
  }

  /** Nothing is left until the reset GitHub stated (or, unstated, an hour). */
  const spent = (cause: unknown): void => {
    const stated = graphqlReset(port)
    const resetAt = stated ?? known?.resetAt ?? o.now() + 3_600_000
    known = { remaining: 0, resetAt, limit: known?.limit ?? null }
    refusal = cause
  }

  const usage = port.usage?.bind(port)
  const paced: Port = {
    rest: (route, params) => port.rest(route, params),
    graphql,
    ...(usage === undefined ? {} : { usage })
  }
  // the client's own log of requests, read by the report at the end
  Object.defineProperty(paced, 'requests', { get: () => port.requests })
  return paced
}

/** An answer's `rateLimit`, when it asked. */
function rateLimitOf(data: unknown): Known | null {
  const rate = (data as { rateLimit?: unknown } | null)?.rateLimit as
    { remaining?: unknown; resetAt?: unknown; limit?: unknown } | undefined
  if (typeof rate !== 'object' || rate === null) return null
  const resetAt =
    typeof rate.resetAt === 'string' ? Date.parse(rate.resetAt) : NaN
  if (typeof rate.remaining !== 'number' || Number.isNaN(resetAt)) return null
  return {
    remaining: rate.remaining,
    resetAt,
    limit: typeof rate.limit === 'number' ? rate.limit : null
  }
}

/** When the port last heard the GraphQL budget is refilled (`x-ratelimit-reset`). */
function graphqlReset(port: GitHubPort): number | null {
  const budget = port.usage?.().budgets.find((b) => b.resource === 'graphql')
  const at = budget === undefined ? NaN : Date.parse(budget.reset)
  return Number.isNaN(at) ? null : at
}

/**
 * A call the client gave up on because the budget was spent: a RATE_LIMITED
 * answer, or a 403/429 saying the rate limit, anywhere in its causes.
 */
function rateLimited(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; depth < 5; depth++) {
    if (typeof e !== 'object' || e === null) return false
    const { data, status, message } = e as {
      data?: { errors?: unknown }
      status?: unknown
      message?: unknown
    }
    const errors = Array.isArray(data?.errors) ? data.errors : []
    if (errors.some((x) => (x as { type?: unknown })?.type === 'RATE_LIMITED'))
      return true
    if (
      (status === 403 || status === 429) &&
      typeof message === 'string' &&
      /rate limit/i.test(message)
    )
      return true
    e = (e as { cause?: unknown }).cause
  }
  return false
}
