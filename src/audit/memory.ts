// Garbage collection on demand for long audits. An action cannot pass flags
// to the node that runs it, and V8 lets its heap grow far past what a long
// audit keeps alive before it collects: reading the population of 10,000
// deployments (200 queries' answers parsed one after another) grew the heap
// to 200 MB while 40 MB stayed alive, and a heap once grown is kept, so
// peak memory (what a runner runs out of; SPEC §9 keeps a 10,000-deployment
// audit under 300 MB) was set there. A context created after `--expose-gc`
// is set has V8's `gc`; the audit collects once per judged chunk, and the
// port below collects whenever what the heap holds has grown by `slack`
// since the last collection, so the heap stays near what is alive in every
// phase, not only while judging.

import { getHeapStatistics, setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { GitHubPort } from '../engine/index.js'

/** V8's full collection, or nothing where it cannot be had. */
export function collector(): () => void {
  setFlagsFromString('--expose-gc')
  const gc: unknown = runInNewContext('typeof gc === "function" ? gc : null')
  return typeof gc === 'function' ? () => (gc as () => void)() : () => undefined
}

/** How far the heap may grow past what the last collection left. */
export const SLACK_BYTES = 48 * 1024 * 1024

/**
 * `port`, collecting after an answer once the heap has grown by `slack`
 * since the last collection (an answer is parsed and handed on by then, so
 * what it no longer needs is garbage).
 */
export function collectingPort<T extends GitHubPort>(
  port: T,
  o: {
    collect: () => void
    slack?: number
    heapUsed?: () => number
  }
): T {
  const used = o.heapUsed ?? ((): number => getHeapStatistics().used_heap_size)
  const slack = o.slack ?? SLACK_BYTES
  let base = used()
  const settle = <R>(answer: Promise<R>): Promise<R> =>
    answer.finally(() => {
      // after the caller's own continuation: queued behind it
      setImmediate(() => {
        if (used() - base < slack) return
        o.collect()
        base = used()
      })
    })
  const collecting: GitHubPort = {
    rest: (route, params) => settle(port.rest(route, params)),
    graphql: (query, variables, options) =>
      settle(port.graphql(query, variables, options))
  }
  // the port's other members (its request log, its usage) stay its own
  return { ...port, ...collecting }
}
