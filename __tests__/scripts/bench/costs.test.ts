import { describe, expect, it } from '@jest/globals'
import {
  TOKEN_BUDGET,
  costsOf,
  endpointOf,
  operationOf,
  refusalOf,
  spentBy
} from '../../../scripts/bench/costs.js'
import { query, rest } from './fixtures.js'

describe('refusalOf', () => {
  it.each([
    ['a charged query', query('Q', 1, 10), null],
    ['a REST request', rest('/repos/a/b'), null],
    ['a query over the node limit', query('Q', 0, 500_001), 'node-limit'],
    ['a query refused for the budget', query('Q', 0, 45_452), 'rate-limited'],
    // not costed, or no connections: cannot be told apart, so not counted
    ['a query of 0 nodes and 0 points', query('Q', 0, 0), null]
  ])('%s: %s', (_, r, expected) => {
    expect(refusalOf(r)).toBe(expected)
  })

  it('takes a query of exactly 500,000 nodes as within the limit', () => {
    expect(refusalOf(query('Q', 0, 500_000))).toBe('rate-limited')
  })
})

describe('costsOf', () => {
  const run = [
    rest('/repos/acme/shop/environments/production'),
    query('GateBootstrap', 22, 45_452),
    rest('/repos/acme/shop/compare/' + 'a'.repeat(40) + '...' + 'b'.repeat(40)),
    query('GateChanges', 384, 456_608),
    query('GateChanges', 384, 456_608),
    query('GateChanges', 0, 480_640),
    query('GatePages', 0, 524_400)
  ]
  const costs = costsOf(run)

  it('counts REST and GraphQL requests apart', () => {
    expect(costs.restRequests).toBe(2)
    expect(costs.graphqlRequests).toBe(5)
  })

  it('sums the points charged and names the largest query, refused or not', () => {
    expect(costs.points).toBe(22 + 384 + 384)
    expect(costs.largestNodes).toBe(524_400)
    expect(costs.largestQuery).toBe('GatePages')
  })

  it('counts the refusals by cause', () => {
    expect(costs.refused).toEqual({ rateLimited: 1, nodeLimit: 1 })
  })

  it("leaves the GITHUB_TOKEN's hour less what was spent", () => {
    expect(TOKEN_BUDGET).toEqual({ graphqlPoints: 1000, restRequests: 1000 })
    expect(costs.budgetLeft).toEqual({ graphqlPoints: 210, restRequests: 998 })
    expect(
      costsOf([query('Q', 900, 1), query('Q', 300, 1)]).budgetLeft.graphqlPoints
    ).toBe(0)
  })

  it('adds up each operation, the most points first', () => {
    expect(costs.byOperation).toEqual([
      { operation: 'GateChanges', queries: 3, points: 768, maxNodes: 480_640 },
      { operation: 'GateBootstrap', queries: 1, points: 22, maxNodes: 45_452 },
      { operation: 'GatePages', queries: 1, points: 0, maxNodes: 524_400 }
    ])
  })

  it('groups REST requests by endpoint', () => {
    expect(
      costsOf([
        rest('/repos/acme/shop/deployments/12/statuses'),
        rest('/repos/acme/shop/deployments/13/statuses'),
        rest('/repos/acme/shop/environments/production')
      ]).restByEndpoint
    ).toEqual([
      {
        endpoint: 'GET /repos/acme/shop/deployments/{id}/statuses',
        requests: 2
      },
      { endpoint: 'GET /repos/acme/shop/environments/production', requests: 1 }
    ])
  })

  it('has no largest query when nothing was sent to GraphQL', () => {
    const none = costsOf([rest('/a')])
    expect(none.largestNodes).toBeNull()
    expect(none.largestQuery).toBeNull()
    expect(none.points).toBe(0)
  })
})

describe('labels', () => {
  it('takes the operation from a GraphQL label', () => {
    expect(operationOf('POST /graphql GateChanges')).toBe('GateChanges')
    expect(operationOf('POST /graphql (anonymous)')).toBe('(anonymous)')
  })

  it('puts placeholders for ids and shas in an endpoint', () => {
    const sha = 'c'.repeat(40)
    expect(endpointOf(`GET /repos/a/b/commits/${sha}/statuses`)).toBe(
      'GET /repos/a/b/commits/{sha}/statuses'
    )
    expect(endpointOf(`GET /repos/a/b/compare/${sha}...${sha}`)).toBe(
      'GET /repos/a/b/compare/{base}...{head}'
    )
    expect(endpointOf('GET /repos/a/b/actions/runs/42')).toBe(
      'GET /repos/a/b/actions/runs/{id}'
    )
  })

  it('says who spent the points, leaving out what spent none', () => {
    expect(
      spentBy([
        { operation: 'GateChanges', queries: 5, points: 810, maxNodes: 1 },
        { operation: 'GateBootstrap', queries: 1, points: 1, maxNodes: 1 },
        { operation: 'GatePages', queries: 1, points: 0, maxNodes: 1 }
      ])
    ).toBe('GateChanges 5 queries 810 points, GateBootstrap 1 query 1 point')
  })
})
