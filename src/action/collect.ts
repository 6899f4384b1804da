// Garbage collection on demand for the action's audit. An action cannot pass
// flags to the node that runs it, and V8 lets its heap grow far past what a
// long audit keeps alive before it collects (peak memory is what a runner
// runs out of: SPEC §9 keeps a 10,000-deployment audit under 300 MB). A
// context created after `--expose-gc` is set has V8's `gc`; collecting once
// per audited chunk keeps the heap near what is alive.

import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/** V8's full collection, or nothing where it cannot be had. */
export function collector(): () => void {
  setFlagsFromString('--expose-gc')
  const gc: unknown = runInNewContext('typeof gc === "function" ? gc : null')
  return typeof gc === 'function' ? () => (gc as () => void)() : () => undefined
}
