// What a decision cost, as the runner sees it (SPEC §9): the bundled action's
// evidence file carries `api` and its job summary the cost line.
import { describe, expect, it } from '@jest/globals'
import {
  gateRun,
  reviewedChange,
  standard
} from '../../test-support/demo/scenarios.js'
import { runGate } from './helpers.js'

interface Api {
  requests: { rest: number; graphql: number }
  points: number | null
  budgets: { resource: string; limit: number; remaining: number }[]
}

describe('the cost of a decision, run as the Actions runner runs it', () => {
  it('the evidence says the requests and budgets, the summary one cost line', async () => {
    const { world: w, sha } = standard(reviewedChange)
    const r = await runGate(w, gateRun(w, sha))
    expect(r.outputs.decision).toBe('allow')
    const api = r.evidence?.api as Api
    const graphql = r.server.requests.filter((q) => q.graphql)
    const charged = graphql.reduce((sum, q) => sum + (q.points ?? 0), 0)
    expect(api.requests).toEqual({
      rest: r.server.requests.length - graphql.length,
      graphql: graphql.length
    })
    // what the simulator charged: every query asks for its rateLimit
    expect(api.points).toBe(charged)
    expect(charged).toBeGreaterThan(0)
    const points = api.budgets.find((b) => b.resource === 'graphql')
    expect(points).toMatchObject({ limit: 1000, remaining: 1000 - charged })
    const total = api.requests.rest + api.requests.graphql
    const footer = r.summary
      .split('\n')
      .filter((l) => l.startsWith('<sub>Cost: '))
    expect(footer).toEqual([
      expect.stringMatching(
        new RegExp(
          `^<sub>Cost: ${total} requests? \\(${api.requests.graphql} GraphQL, ${api.requests.rest} REST\\), .+; left this hour: ${(1000 - charged).toLocaleString('en-US')} of 1,000 points(, [\\d,]+ of [\\d,]+ REST requests)?\\.</sub>$`
        )
      )
    ])
    expect(r.stdout).not.toContain('budget low')
  })
})
