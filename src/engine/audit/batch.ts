// The audit reads in bulk: batches of a fixed size, a few in flight at once.

/** Requests in flight at once: GitHub asks clients not to flood it. */
const CONCURRENCY = 4

/** Runs `tasks` with at most CONCURRENCY in flight, results in order. */
export async function limited<T>(tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++
      results[i] = await (tasks[i] as () => Promise<T>)()
    }
  }
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, tasks.length) }, worker)
  )
  return results
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size))
  return out
}
