// Batches within the query limits, and GitHub's cut-offs answered by asking
// again smaller (SPEC §9).
import { describe, expect, it } from '@jest/globals'
import { GitHubApiError } from '../../../src/engine/errors.js'
import {
  MAX_QUERY_ITEMS,
  askInBatches,
  batches,
  isCutOff,
  limited
} from '../../../src/engine/gather/budget.js'

const range = (n: number): number[] => Array.from({ length: n }, (_v, i) => i)
const cutOff = (status: number): GitHubApiError =>
  new GitHubApiError(`POST /graphql failed with ${status}`, { status })

describe('batches', () => {
  it('fills each query up to 100,000 nodes', () => {
    const got = batches(range(25), () => ({ nodes: 10_000, requests: 1 }))
    expect(got.map((b) => b.length)).toEqual([10, 10, 5])
  })

  it('fills each query up to 10 points', () => {
    const got = batches(range(7), () => ({ nodes: 1, requests: 300 }))
    expect(got.map((b) => b.length)).toEqual([3, 3, 1])
  })

  it('counts what the query costs without any item', () => {
    const got = batches(range(4), () => ({ nodes: 30_000, requests: 1 }), {
      nodes: 20_000,
      requests: 0
    })
    expect(got.map((b) => b.length)).toEqual([2, 2])
  })

  it('puts at most 100 aliases in a query, however cheap', () => {
    const got = batches(range(250), () => ({ nodes: 1, requests: 1 }))
    expect(got.map((b) => b.length)).toEqual([MAX_QUERY_ITEMS, 100, 50])
  })

  it('gives an item over the limits a query of its own', () => {
    const got = batches([1, 2], () => ({ nodes: 200_000, requests: 1 }))
    expect(got).toEqual([[1], [2]])
  })

  it('makes no query of nothing', () => {
    expect(batches([], () => ({ nodes: 1, requests: 1 }))).toEqual([])
  })
})

describe('isCutOff', () => {
  it("knows GitHub's answers to a query it gave up on", () => {
    expect([500, 502, 504].map((s) => isCutOff(cutOff(s)))).toEqual([
      true,
      true,
      true
    ])
    expect(isCutOff(cutOff(403))).toBe(false)
    expect(isCutOff(new Error('502'))).toBe(false)
  })
})

describe('askInBatches', () => {
  const each = (): { nodes: number; requests: number } => ({
    nodes: 25_000,
    requests: 1
  })

  it('asks again in halves what GitHub cut off, never the same batch twice', async () => {
    const asked: number[][] = []
    await askInBatches({
      items: range(4),
      each,
      ask: async (batch) => {
        asked.push(batch)
        if (batch.length === 4) throw cutOff(502)
      }
    })
    expect(asked).toEqual([
      [0, 1, 2, 3],
      [0, 1],
      [2, 3]
    ])
  })

  it('halves again until one item, whose failure stands', async () => {
    const asked: number[][] = []
    await expect(
      askInBatches({
        items: range(3),
        each,
        ask: async (batch) => {
          asked.push(batch)
          if (batch.includes(2)) throw cutOff(504)
        }
      })
    ).rejects.toThrow('failed with 504')
    expect(asked).toEqual([[0, 1, 2], [0, 1], [2]])
  })

  it('does not split on an error a smaller query cannot help', async () => {
    const asked: number[][] = []
    await expect(
      askInBatches({
        items: range(4),
        each,
        ask: async (batch) => {
          asked.push(batch)
          throw cutOff(403)
        }
      })
    ).rejects.toThrow('failed with 403')
    expect(asked).toEqual([[0, 1, 2, 3]])
  })

  it('keeps at most `concurrency` batches in flight', async () => {
    let inFlight = 0
    let most = 0
    await askInBatches({
      items: range(10),
      each: () => ({ nodes: 100_000, requests: 1 }),
      concurrency: 3,
      ask: async () => {
        inFlight++
        most = Math.max(most, inFlight)
        await new Promise((r) => setTimeout(r, 5))
        inFlight--
      }
    })
    expect(most).toBe(3)
  })
})

describe('limited', () => {
  it('returns the results in the order of the tasks', async () => {
    const got = await limited(
      [30, 10, 20].map((ms, i) => async () => {
        await new Promise((r) => setTimeout(r, ms))
        return i
      }),
      2
    )
    expect(got).toEqual([0, 1, 2])
  })
})
