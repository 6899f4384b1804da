// Long audits collect garbage with V8's own gc, which an action cannot ask
// for with a flag: once per judged chunk, and whenever the heap has grown by
// the slack since the last collection.
import { describe, expect, it } from '@jest/globals'
import { runInNewContext } from 'node:vm'
import { collectingPort, collector } from '../../src/audit/memory.js'
import type { GitHubPort } from '../../src/engine/index.js'

const nextTurn = (): Promise<void> =>
  new Promise((resolve) => setImmediate(resolve))

describe('collector', () => {
  it("gives V8's full collection", () => {
    const collect = collector()
    expect(runInNewContext('typeof gc')).toBe('function')
    expect(() => collect()).not.toThrow()
  })
})

describe('collectingPort', () => {
  it('collects after an answer once the heap has grown by the slack, and measures from there', async () => {
    let heap = 100
    const collected: number[] = []
    const port: GitHubPort & { requests: string[] } = {
      requests: [],
      rest: async <T>() => ({ status: 200, data: {} as T, headers: {} }),
      graphql: async <T>() => {
        heap += 30
        return {} as T
      }
    }
    const p = collectingPort(port, {
      collect: () => {
        collected.push(heap)
        heap = 110
      },
      slack: 50,
      heapUsed: () => heap
    })
    expect(p.requests).toBe(port.requests)
    await p.graphql('query A { a }', {})
    await nextTurn()
    expect(collected).toEqual([]) // 130: grown by 30
    await p.graphql('query A { a }', {})
    await nextTurn()
    expect(collected).toEqual([160]) // grown by 60: collected, down to 110
    await p.graphql('query A { a }', {})
    await nextTurn()
    expect(collected).toEqual([160]) // 140 from 110
    heap += 100
    await p.rest('GET /x')
    await nextTurn()
    expect(collected).toEqual([160, 240])
  })

  it('passes a failed answer on as it came, and still settles', async () => {
    const collected: number[] = []
    const port: GitHubPort = {
      rest: () => Promise.reject(new Error('HTTP 502')),
      graphql: () => Promise.reject(new Error('no'))
    }
    let heap = 0
    const p = collectingPort(port, {
      collect: () => collected.push(heap),
      slack: 1,
      heapUsed: () => (heap += 10)
    })
    await expect(p.rest('GET /x')).rejects.toThrow('HTTP 502')
    await nextTurn()
    expect(collected).toHaveLength(1)
  })
})
