// The audit reads in bulk: batches within the query limits, a few in flight
// at once.

import { limited as inFlight } from '../gather/budget.js'

/** Requests in flight at once: GitHub asks clients not to flood it. */
export const CONCURRENCY = 4

/** Runs `tasks` with at most CONCURRENCY in flight, results in order. */
export function limited<T>(tasks: (() => Promise<T>)[]): Promise<T[]> {
  return inFlight(tasks, CONCURRENCY)
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size))
  return out
}
