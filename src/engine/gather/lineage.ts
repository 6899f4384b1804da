// The shape of a range of history, as SPEC §4 `scope` defines it: every
// commit reachable from the deployed commit and not from the previous
// deployment, every parent followed (`git log base..head`), and for each
// commit the change that brought it onto the branch. The gate (from REST
// compare) and the audit (from the default branch's history) both build
// their ranges here, so they judge the same commits the same way.

/** Parents of commits, by oid; a commit missing here is outside what was read. */
export type Parents = ReadonlyMap<string, readonly string[]>

const HEAD = 1
const BASE = 2

/**
 * The commits reachable from `head` and not from `base` among those
 * `parents` knows, newest first. `rank` orders commits newest first (0 the
 * newest), as `git log` lists them: the walk paints both sides in that
 * order, as git finds a merge base, and stops once only commits reachable
 * from `base` are left to visit. A commit `parents` does not know ends its
 * path: for the gate that is a commit below the range, for the audit one
 * older than the history it read.
 */
export function rangeCommits(o: {
  parents: Parents
  rank: (oid: string) => number
  head: string
  base: string | null
}): string[] {
  const flags = new Map<string, number>()
  const queue = new RankQueue(o.rank)
  // queued commits reachable from head alone: while any is left, the range
  // may still grow
  let pending = 0
  const mark = (oid: string, flag: number): void => {
    const before = flags.get(oid) ?? 0
    const after = before | flag
    if (after === before) return
    flags.set(oid, after)
    if (!o.parents.has(oid)) return
    if (queue.has(oid) && before === HEAD) pending -= 1
    queue.push(oid)
    if (after === HEAD) pending += 1
  }
  mark(o.head, HEAD)
  if (o.base !== null) mark(o.base, BASE)
  const order: string[] = []
  // Only a commit `parents` knows is queued, painted before it is; and
  // `pending` counts queued commits, so the queue is never empty here.
  while (pending > 0) {
    const oid = queue.pop()
    const flag = flags.get(oid) as number
    if (flag === HEAD) {
      pending -= 1
      order.push(oid)
    }
    for (const p of o.parents.get(oid) as readonly string[]) mark(p, flag)
  }
  // A commit painted from base after it was listed (clock skew in the
  // order) is not in the range.
  return order.filter((oid) => flags.get(oid) === HEAD)
}

/** A small binary heap of oids, lowest rank first; an oid at most once queued. */
class RankQueue {
  private readonly items: string[] = []
  private readonly queued = new Set<string>()
  constructor(private readonly rank: (oid: string) => number) {}

  has(oid: string): boolean {
    return this.queued.has(oid)
  }

  push(oid: string): void {
    if (this.queued.has(oid)) return
    this.queued.add(oid)
    const a = this.items
    a.push(oid)
    let i = a.length - 1
    while (i > 0) {
      const up = (i - 1) >> 1
      if (this.rank(a[up] as string) <= this.rank(oid)) break
      a[i] = a[up] as string
      i = up
    }
    a[i] = oid
  }

  /** The lowest-ranked oid; only called while one is queued. */
  pop(): string {
    const a = this.items
    const top = a[0] as string
    this.queued.delete(top)
    const last = a.pop() as string
    if (a.length > 0) {
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        if (l >= a.length) break
        const r = l + 1
        const c =
          r < a.length && this.rank(a[r] as string) < this.rank(a[l] as string)
            ? r
            : l
        if (this.rank(a[c] as string) >= this.rank(last)) break
        a[i] = a[c] as string
        i = c
      }
      a[i] = last
    }
    return top
  }
}

/** How each commit of a range came onto the branch. */
export interface Lineage {
  /**
   * The first-parent chain from the deployed commit within the range,
   * newest first: each entry is one change that entered the branch (a merge,
   * a squash, a rebased copy, a direct push).
   */
  chain: string[]
  /**
   * Every other commit of the range, with the commit of the chain (a merge)
   * that brought it in: the oldest one it is reachable from.
   */
  carrier: Map<string, string>
}

export function lineage(o: {
  parents: Parents
  /** the commits of the range */
  range: ReadonlySet<string>
  head: string
}): Lineage {
  const chain: string[] = []
  for (
    let oid: string | undefined = o.head;
    oid !== undefined && o.range.has(oid) && !chain.includes(oid);
    oid = o.parents.get(oid)?.[0]
  ) {
    chain.push(oid)
  }
  const onChain = new Set(chain)
  const carrier = new Map<string, string>()
  // Oldest first: what an older merge brought in is not a newer one's.
  for (const merge of [...chain].reverse()) {
    const stack = [...(o.parents.get(merge) ?? []).slice(1)]
    while (stack.length > 0) {
      const oid = stack.pop() as string
      if (!o.range.has(oid) || onChain.has(oid) || carrier.has(oid)) continue
      carrier.set(oid, merge)
      stack.push(...(o.parents.get(oid) ?? []))
    }
  }
  return { chain, carrier }
}

/**
 * The commits of the range a merge brought in: reachable from its other
 * parents and not from its first (within the range, the part of history
 * that is not reachable from the previous deployment either).
 */
export function sideOf(o: {
  parents: Parents
  range: ReadonlySet<string>
  merge: string
}): Set<string> {
  const first = new Set<string>()
  const walk = (starts: readonly string[], into: Set<string>): void => {
    const stack = [...starts]
    while (stack.length > 0) {
      const oid = stack.pop() as string
      if (!o.range.has(oid) || into.has(oid) || first.has(oid)) continue
      into.add(oid)
      stack.push(...(o.parents.get(oid) ?? []))
    }
  }
  const parents = o.parents.get(o.merge) ?? []
  walk(parents.slice(0, 1), first)
  const side = new Set<string>()
  walk(parents.slice(1), side)
  return side
}
