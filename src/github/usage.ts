// What a client's calls cost on GitHub's budgets (SPEC §9), counted as the
// answers come in. GitHub states each budget on every answer:
// - REST: x-ratelimit-limit, -remaining, -used, -reset (epoch seconds) and
//   -resource (docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
//   #checking-the-status-of-your-rate-limit);
// - GraphQL: the same headers with resource `graphql`, counted in points, and
//   a query's own `rateLimit { cost limit remaining used resetAt }`
//   (docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api
//   #checking-the-status-of-your-primary-rate-limit).

import type { ApiBudget, ApiUsage } from '../engine/index.js'

export interface UsageMeter {
  /** one HTTP attempt sent, retries included */
  sent(graphql: boolean): void
  /** an attempt's answer headers */
  headers(headers: Headers): void
  /** a GraphQL answer's body: its `data.rateLimit`, when it asked */
  graphqlBody(body: unknown): void
  usage(): ApiUsage
}

const HEADER = 'x-ratelimit-'

/** A budget from an answer's headers; undefined when any is missing. */
export function budgetFromHeaders(headers: Headers): ApiBudget | undefined {
  const resource = headers.get(`${HEADER}resource`)
  const [limit, remaining, used, reset] = [
    'limit',
    'remaining',
    'used',
    'reset'
  ].map((name) => count(headers.get(`${HEADER}${name}`)))
  if (
    resource === null ||
    resource === '' ||
    limit === undefined ||
    remaining === undefined ||
    used === undefined ||
    reset === undefined
  ) {
    return undefined
  }
  const at = new Date(reset * 1000)
  return { resource, limit, remaining, used, reset: at.toISOString() }
}

/** `data.rateLimit` of a GraphQL answer, read defensively. */
export function rateLimitOf(body: unknown): {
  cost: number | undefined
  budget: ApiBudget | undefined
} {
  const data = field(body, 'data')
  const rate = field(data, 'rateLimit')
  const cost = count(field(rate, 'cost'))
  const limit = count(field(rate, 'limit'))
  const remaining = count(field(rate, 'remaining'))
  const used = count(field(rate, 'used'))
  const resetAt = field(rate, 'resetAt')
  const reset =
    typeof resetAt === 'string' ? new Date(resetAt) : new Date(Number.NaN)
  const budget =
    limit === undefined ||
    remaining === undefined ||
    Number.isNaN(reset.getTime())
      ? undefined
      : {
          resource: 'graphql',
          limit,
          remaining,
          // older servers may not say; what the two others imply
          used: used ?? Math.max(0, limit - remaining),
          reset: reset.toISOString()
        }
  return { cost, budget }
}

export function usageMeter(): UsageMeter {
  const requests = { rest: 0, graphql: 0 }
  let points = 0
  /** GraphQL answers that said what they cost */
  let costed = 0
  const budgets = new Map<string, ApiBudget>()

  const seen = (b: ApiBudget): void => {
    const current = budgets.get(b.resource)
    // Answers to concurrent calls may arrive out of order: within one window
    // `remaining` only falls, so a higher one is an older state.
    if (
      current !== undefined &&
      current.reset === b.reset &&
      current.remaining < b.remaining
    ) {
      return
    }
    budgets.set(b.resource, b)
  }

  return {
    sent: (graphql) => {
      if (graphql) requests.graphql++
      else requests.rest++
    },
    headers: (headers) => {
      const b = budgetFromHeaders(headers)
      if (b !== undefined) seen(b)
    },
    graphqlBody: (body) => {
      const { cost, budget } = rateLimitOf(body)
      if (cost !== undefined) {
        points += cost
        costed++
      }
      // the query's own account, read after its headers: preferred
      if (budget !== undefined) seen(budget)
    },
    usage: () => ({
      requests: { ...requests },
      // every GraphQL attempt must have said its cost, or the sum is a guess
      points: costed === requests.graphql ? points : null,
      budgets: [...budgets.values()]
        .map((b) => ({ ...b }))
        .sort((a, b) => a.resource.localeCompare(b.resource))
    })
  }
}

function field(value: unknown, name: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined
  return (value as Record<string, unknown>)[name]
}

/** A non-negative integer from a header or a field; undefined otherwise. */
function count(value: unknown): number | undefined {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d+$/.test(value.trim())
        ? Number(value)
        : Number.NaN
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined
}
