// The audit reads in bulk: batches within the query limits, a few in flight
// at once.

import { limited as inFlight } from '../gather/budget.js'

/** Requests in flight at once: GitHub asks clients not to flood it. */
export const CONCURRENCY = 4

/** Runs `tasks` with at most CONCURRENCY in flight, results in order. */
export function limited<T>(tasks: (() => Promise<T>)[]): Promise<T[]> {
  return inFlight(tasks, CONCURRENCY)
}
