// Every GraphQL query shape the gate and the audit can send, at its largest
// batch: valid against GitHub's public schema, and within SPEC §9's limits
// by GitHub's own counting (docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api),
// as the simulator reads it: at most 100,000 nodes (5x under GitHub's
// 500,000) and at most 10 points a query.
import { describe, expect, it } from '@jest/globals'
import {
  MAX_QUERY_NODES,
  MAX_QUERY_REQUESTS
} from '../../../src/engine/gather/budget.js'
import { BRANCH_HISTORY_COST } from '../../../src/engine/audit/index.js'
import {
  costOf,
  queryShapes,
  schemaErrors
} from '../../../test-support/query-shapes.js'

const shapes = queryShapes()
const table = shapes.map((s) => [`${s.name} (${s.what})`, s] as const)

describe('every query shape, at its largest batch', () => {
  it('covers every operation the product names', () => {
    expect(new Set(shapes.map((s) => s.name))).toEqual(
      new Set([
        'GatePolicy',
        'GateBootstrap',
        'GateContext',
        'GateChanges',
        'GateCoAuthors',
        'GateJobs',
        'GatePages',
        'GateSteps',
        'AuditDeployments',
        'AuditHistory',
        'AuditPolicyHistory',
        'AuditBranchHistory',
        'AuditBreakGlass',
        'AuditCommits',
        'AuditApprovals'
      ])
    )
  })

  it.each(table)('%s is valid against the public schema', (_n, shape) => {
    expect(schemaErrors(shape)).toEqual([])
  })

  it.each(table)('%s stays within 100,000 nodes and 10 points', (_n, shape) => {
    const cost = costOf(shape)
    expect(cost.nodes).toBeLessThanOrEqual(MAX_QUERY_NODES)
    expect(cost.requests).toBeLessThanOrEqual(MAX_QUERY_REQUESTS)
  })

  it.each(table.filter(([, s]) => s.each !== null))(
    '%s: what its builder declares an item costs is what GitHub counts',
    (_n, shape) => {
      // The batch is full: by the builder's own count, one more item would
      // not fit; by GitHub's, the batch costs what the builder says.
      const each = shape.each as { nodes: number; requests: number }
      const batch = shape.batch as number
      const cost = costOf(shape)
      const perItem = {
        nodes: Math.floor(cost.nodes / batch),
        requests: Math.floor(cost.requests / batch)
      }
      expect(perItem).toEqual(each)
    }
  )

  it("reads the policy's history at 1 point a page of 100 versions", () => {
    // 1 request for the history, 100 for the pull requests inside it: 101,
    // which GitHub rounds to 1 point; 100 versions and 5 pull requests each
    const page = shapes.find((s) => s.name === 'AuditPolicyHistory')
    if (page === undefined) throw new Error('no AuditPolicyHistory shape')
    expect(costOf(page)).toMatchObject({ requests: 101, points: 1, nodes: 600 })
  })

  it('declares what a page of a branch’s history costs as GitHub counts it', () => {
    // completeness reads 100 commits a page: 4 points, as the audit's
    // budget (SPEC §9: 1,000 deployments in at most 500 points) allows
    const page = shapes.find((s) => s.name === 'AuditBranchHistory')
    if (page === undefined) throw new Error('no AuditBranchHistory shape')
    const cost = costOf(page)
    expect({ nodes: cost.nodes, requests: cost.requests }).toEqual(
      BRANCH_HISTORY_COST
    )
    expect(cost.points).toBe(4)
  })

  it('asks the budget left in every query', () => {
    for (const s of shapes) expect(s.query).toContain('rateLimit {')
  })

  it('keeps the bootstrap, all a typical decision sends, at most 3 points', () => {
    const boot = shapes.find((s) => s.name === 'GateBootstrap')
    expect(boot === undefined ? null : costOf(boot).points).toBeLessThanOrEqual(
      3
    )
  })

  it('asks the bootstrap whether the token can administer the repository at no cost', () => {
    // A scalar is no connection: the bootstrap stays at 208 of GitHub's
    // "requests", 2 points, with or without it (gather/bypass.ts reads the
    // rulesets' bypass actors only when it is true).
    const boot = shapes.find((s) => s.name === 'GateBootstrap')
    if (boot === undefined) throw new Error('no GateBootstrap shape')
    expect(boot.query).toMatch(
      /repository\(owner: \$owner, name: \$name\) \{\s+url\s+viewerCanAdminister\s/
    )
    const without = {
      ...boot,
      query: boot.query.replace('viewerCanAdminister', '')
    }
    expect(costOf(boot)).toEqual(costOf(without))
    expect(costOf(boot)).toMatchObject({ requests: 208, points: 2 })
  })
})
