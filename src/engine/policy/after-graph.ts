// `after`: names that exist, no environment after itself, no cycles. Runs on
// whatever the schema left usable, so these problems come with the others.

import { closest } from './suggest.js'
import { isRecord } from './values.js'
import type { PolicyText, Segment } from './yaml-text.js'

interface AfterEntry {
  name: string
  path: Segment[]
}

function afterEntries(value: unknown, path: Segment[]): AfterEntry[] {
  if (typeof value === 'string') return [{ name: value, path }]
  if (!Array.isArray(value)) return []
  const entries: AfterEntry[] = []
  value.forEach((item: unknown, index) => {
    if (typeof item === 'string')
      entries.push({ name: item, path: [...path, index] })
  })
  return entries
}

/** Adds a problem for each unknown name, self-reference and cycle. */
export function checkAfter(data: unknown, file: PolicyText): void {
  if (!isRecord(data) || !isRecord(data.environments)) return
  const environments = data.environments
  const names = Object.keys(environments)
  const exists = (name: string): boolean => Object.hasOwn(environments, name)
  const unknown = (entry: AfterEntry): void => {
    const guess = closest(entry.name, names)
    file.add({
      path: entry.path,
      at: 'value',
      message:
        `${JSON.stringify(entry.name)} is not an environment in this policy ` +
        `(environments: ${names.join(', ') || 'none'})` +
        (guess === undefined ? '' : `; did you mean ${JSON.stringify(guess)}?`)
    })
  }

  const defaults = isRecord(data.defaults) ? data.defaults : {}
  const inherited = Object.hasOwn(defaults, 'after')
    ? afterEntries(defaults.after, ['defaults', 'after'])
    : []
  for (const entry of inherited) if (!exists(entry.name)) unknown(entry)

  const edges = new Map<string, AfterEntry[]>()
  for (const name of names) {
    const env = environments[name]
    const own = isRecord(env) && Object.hasOwn(env, 'after')
    const entries = own
      ? afterEntries(env.after, ['environments', name, 'after'])
      : inherited
    const usable: AfterEntry[] = []
    for (const entry of entries) {
      if (!exists(entry.name)) {
        if (own) unknown(entry)
      } else if (entry.name === name) {
        file.add({
          path: entry.path,
          at: 'value',
          message: own
            ? `environment ${JSON.stringify(name)} cannot come after itself`
            : `defaults.after makes ${JSON.stringify(name)} come after ` +
              'itself; set after on each environment instead of in defaults'
        })
      } else usable.push(entry)
    }
    edges.set(name, usable)
  }

  for (const cycle of findCycles(names, edges)) {
    const [first] = cycle
    if (first === undefined) continue
    file.add({
      path: first.path,
      at: 'value',
      message:
        'environments come after each other in a cycle: ' +
        [...cycle.map((edge) => edge.from), first.from].join(' after ')
    })
  }
}

interface CycleEdge extends AfterEntry {
  from: string
}

/**
 * One shortest cycle per strongly connected group of environments, starting
 * at the group's first environment in file order; each as its edges.
 */
function findCycles(
  names: readonly string[],
  edges: ReadonlyMap<string, readonly AfterEntry[]>
): CycleEdge[][] {
  const reported = new Set<string>()
  const cycles: CycleEdge[][] = []
  for (const start of names) {
    if (reported.has(start)) continue
    // Breadth-first from start until we are back at start.
    const via = new Map<string, CycleEdge>()
    const queue: string[] = [start]
    let closing: CycleEdge | undefined
    search: for (let i = 0; i < queue.length; i++) {
      const from = queue[i] as string
      for (const entry of edges.get(from) ?? []) {
        const edge = { ...entry, from }
        if (entry.name === start) {
          closing = edge
          break search
        }
        if (via.has(entry.name)) continue
        via.set(entry.name, edge)
        queue.push(entry.name)
      }
    }
    if (closing === undefined) continue
    const cycle: CycleEdge[] = [closing]
    for (let node = closing.from; node !== start;) {
      const edge = via.get(node)
      if (edge === undefined) break
      cycle.unshift(edge)
      node = edge.from
    }
    for (const member of stronglyConnected(start, edges)) reported.add(member)
    cycles.push(cycle)
  }
  return cycles
}

/** Environments that both reach `start` and are reached from it. */
function stronglyConnected(
  start: string,
  edges: ReadonlyMap<string, readonly AfterEntry[]>
): Set<string> {
  const forward = reachable(start, (n) =>
    (edges.get(n) ?? []).map((e) => e.name)
  )
  const backward = reachable(start, (n) =>
    [...edges]
      .filter(([, out]) => out.some((e) => e.name === n))
      .map(([k]) => k)
  )
  return new Set([...forward].filter((n) => backward.has(n)))
}

function reachable(
  start: string,
  next: (node: string) => string[]
): Set<string> {
  const seen = new Set<string>([start])
  const stack = [start]
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    for (const other of next(node)) {
      if (!seen.has(other)) {
        seen.add(other)
        stack.push(other)
      }
    }
  }
  return seen
}
