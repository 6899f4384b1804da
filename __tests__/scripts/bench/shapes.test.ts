import { describe, expect, it } from '@jest/globals'
import { shapeCosts } from '../../../scripts/bench/shapes.js'
import {
  costOf,
  queryShapes,
  type QueryShape
} from '../../../test-support/query-shapes.js'

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
  variables: { owner: 'acme', name: 'shop' },
  batch: null,
  each: null
}

describe('shapeCosts', () => {
  it("costs a shape by GitHub's method and keeps its batch", () => {
    expect(shapeCosts([nested, { ...nested, batch: 20 }])).toEqual([
      {
        name: 'Nested',
        what: 'pull requests and their commits',
        batch: null,
        nodes: 10_100,
        requests: 101,
        points: 1
      },
      expect.objectContaining({ batch: 20, nodes: 10_100 })
    ])
  })

  it('uses the costing it is given', () => {
    const fixed = () => ({
      nodes: 7,
      requests: 300,
      points: 3,
      connections: []
    })
    expect(shapeCosts([nested], fixed)[0]).toMatchObject({
      nodes: 7,
      requests: 300,
      points: 3
    })
  })

  it('costs every shape the product can build, by default', () => {
    const shapes = queryShapes()
    const rows = shapeCosts()
    expect(rows.map((r) => r.name)).toEqual(shapes.map((s) => s.name))
    rows.forEach((r, i) => {
      const cost = costOf(shapes[i] as QueryShape)
      expect(r).toMatchObject({
        batch: shapes[i]?.batch,
        nodes: cost.nodes,
        requests: cost.requests,
        points: cost.points
      })
    })
  })
})
