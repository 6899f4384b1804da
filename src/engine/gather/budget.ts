// How much one GraphQL query may ask for, and asking in batches that fit.
//
// GitHub works out a query's cost before it runs it
// (docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api):
// its nodes, the sum over connections of the product of the `first`/`last`
// around and at each, refused over 500,000; and its requests, the sum over
// connections of the product of the page sizes around each, charged as
// requests / 100 points. A query that runs past 10 s is cut off with a 502 or
// 504 and still costs. SPEC §9 keeps every query at most 100,000 nodes, five
// times under the limit; we also keep each under 10 points, so that one
// batch is never a large part of an hour's budget and a batch GitHub still
// cuts off can be asked again in halves instead of whole.

import { GitHubApiError } from '../errors.js'

export interface QueryCost {
  /** nodes the query may return, as GitHub counts them */
  nodes: number
  /** requests GitHub needs to fill its connections (points = requests / 100) */
  requests: number
}

/** SPEC §9: at most 100,000 nodes per query. */
export const MAX_QUERY_NODES = 100_000
/** 10 points per query. */
export const MAX_QUERY_REQUESTS = 1_000
/** Aliases per query: a bound on the query's text, whatever the cost. */
export const MAX_QUERY_ITEMS = 100

export const NO_COST: QueryCost = { nodes: 0, requests: 0 }

export function plus(a: QueryCost, b: QueryCost): QueryCost {
  return { nodes: a.nodes + b.nodes, requests: a.requests + b.requests }
}

export function times(n: number, c: QueryCost): QueryCost {
  return { nodes: n * c.nodes, requests: n * c.requests }
}

/**
 * Items grouped into queries that each stay within the limits: `each` is
 * what one item adds to the query, `base` what the query costs without any.
 */
export function batches<T>(
  items: readonly T[],
  each: (item: T) => QueryCost,
  base: QueryCost = NO_COST
): T[][] {
  const out: T[][] = []
  let current: T[] = []
  let cost = base
  for (const item of items) {
    const next = plus(cost, each(item))
    const over =
      next.nodes > MAX_QUERY_NODES ||
      next.requests > MAX_QUERY_REQUESTS ||
      current.length >= MAX_QUERY_ITEMS
    if (over && current.length > 0) {
      out.push(current)
      current = []
      cost = plus(base, each(item))
    } else {
      cost = next
    }
    current.push(item)
  }
  if (current.length > 0) out.push(current)
  return out
}

/**
 * GitHub's answers to a query it gave up on: 502 or 504 when it ran past
 * 10 s, and 500 for "Something went wrong while executing your query. This
 * may be the result of a timeout" (octokit's retry plugin turns that answer
 * into a 500). A smaller query is the only retry that can help.
 */
export function isCutOff(error: unknown): boolean {
  return (
    error instanceof GitHubApiError &&
    (error.status === 500 || error.status === 502 || error.status === 504)
  )
}

/** Runs `tasks` with at most `concurrency` in flight, results in order. */
export async function limited<T>(
  tasks: (() => Promise<T>)[],
  concurrency: number
): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++
      results[i] = await (tasks[i] as () => Promise<T>)()
    }
  }
  await Promise.all(
    Array.from({ length: Math.min(concurrency, tasks.length) }, worker)
  )
  return results
}

/**
 * Asks for every item in batches within the limits, `concurrency` batches
 * at once (default: all, one round trip). A batch GitHub cuts off is asked
 * again in two halves (SPEC §9: "retried smaller, not the same"), down to
 * one item, whose failure stands.
 */
export async function askInBatches<T>(o: {
  items: readonly T[]
  each: (item: T) => QueryCost
  ask: (batch: T[]) => Promise<void>
  base?: QueryCost
  concurrency?: number
}): Promise<void> {
  const attempt = async (batch: T[]): Promise<void> => {
    try {
      await o.ask(batch)
    } catch (error) {
      if (!isCutOff(error) || batch.length < 2) throw error
      const half = Math.ceil(batch.length / 2)
      await Promise.all([
        attempt(batch.slice(0, half)),
        attempt(batch.slice(half))
      ])
    }
  }
  const all = batches(o.items, o.each, o.base)
  await limited(
    all.map((batch) => () => attempt(batch)),
    o.concurrency ?? all.length
  )
}
