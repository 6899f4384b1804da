import { describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import {
  batchOf,
  defaultCostOf,
  shapeCosts,
  type QueryShape
} from '../../../scripts/bench/shapes.js'
import { loadShapes } from '../../../scripts/bench/shapes-source.js'

// 1 repository, 100 pull requests each with 100 commits: GitHub's method
// counts 100 + 100 × 100 = 10,100 nodes and 1 + 100 = 101 requests, 1 point.
const nested: QueryShape = {
  name: 'Nested',
  what: 'pull requests and their commits',
  query: `query Nested($owner: String!, $name: String!) {
    repository(owner: $owner, name: $name) {
      pullRequests(first: 100) { nodes { commits(first: 100) { totalCount } } }
    }
  }`,
  variables: { owner: 'acme', name: 'shop' }
}

const batched: QueryShape = {
  name: 'Batched',
  what: 'three objects by id',
  query: `query Batched($a: ID!, $b: ID!, $c: ID!) {
    a: node(id: $a) { id }
    b: node(id: $b) { id }
    c: node(id: $c) { id ... on Commit { p0: parents(first: 2) { totalCount } } }
  }`,
  variables: { a: 'x', b: 'y', c: 'z' }
}

describe('batchOf', () => {
  it('counts the aliases of one field side by side', () => {
    expect(batchOf(batched.query)).toBe(3)
  })

  it('is 1 for a query that batches nothing', () => {
    expect(batchOf(nested.query)).toBe(1)
  })

  it('looks into fragments', () => {
    expect(
      batchOf(
        `query Q { ...F } fragment F on Query { x: node(id: "1") { id } y: node(id: "2") { id } }`
      )
    ).toBe(2)
  })
})

describe('shapeCosts', () => {
  it("costs each shape by GitHub's method against the simulator's schema", () => {
    expect(shapeCosts([nested, batched])).toEqual([
      {
        name: 'Nested',
        what: 'pull requests and their commits',
        batch: 1,
        nodes: 10_100,
        requests: 101,
        points: 1
      },
      expect.objectContaining({
        name: 'Batched',
        batch: 3,
        nodes: 2,
        points: 1
      })
    ])
  })

  it('uses the costing it is given', () => {
    const costOf = () => ({
      nodes: 7,
      requests: 300,
      points: 3,
      connections: []
    })
    expect(shapeCosts([nested], costOf)[0]).toMatchObject({
      nodes: 7,
      points: 3
    })
  })

  it('refuses a shape the schema does not accept', () => {
    expect(() =>
      defaultCostOf({ ...nested, query: 'query { nothing }' })
    ).toThrow(/does not validate/)
  })
})

describe('loadShapes', () => {
  it('is null when the module is not there', async () => {
    const missing = join(tmpdir(), 'no-such-query-shapes.mjs')
    await expect(loadShapes(missing)).resolves.toBeNull()
  })

  it('takes queryShapes() and costOf() from the module', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-shapes-'))
    try {
      const file = join(dir, 'shapes.mjs')
      writeFileSync(
        file,
        `export const queryShapes = () => [${JSON.stringify(nested)}]
export const costOf = () => ({ nodes: 1, requests: 1, points: 1, connections: [] })
`
      )
      const source = await loadShapes(file)
      expect(source?.shapes).toEqual([nested])
      expect(source?.costOf?.(nested).points).toBe(1)
      writeFileSync(
        join(dir, 'bad.mjs'),
        'export const queryShapes = () => [1]\n'
      )
      // what the module imports missing is an error, not "no shapes"
      writeFileSync(
        join(dir, 'broken.mjs'),
        "import './not-there.mjs'\nexport const queryShapes = () => []\n"
      )
      await expect(loadShapes(join(dir, 'broken.mjs'))).rejects.toThrow(
        /not-there/
      )
      await expect(loadShapes(join(dir, 'bad.mjs'))).rejects.toThrow(
        /returned something else/
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
