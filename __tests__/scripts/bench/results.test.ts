import { describe, expect, it } from '@jest/globals'
import { query, rest, result, sample } from './fixtures.js'

describe('summarise', () => {
  it("keeps the representative run's budgets and the points of every run", () => {
    const c = result('typical', [
      sample([rest('/a'), query('GateBootstrap', 22, 45_452)], { wallMs: 200 }),
      sample([rest('/a'), query('GateBootstrap', 3, 900)], { wallMs: 300 }),
      sample([rest('/a'), query('GateBootstrap', 3, 900)], { wallMs: 400 })
    ])
    expect(c.points).toBe(3)
    expect(c.pointsRange).toEqual([3, 22])
    expect(c.largestNodes).toBe(900)
    expect(c.budgetLeft).toEqual({ graphqlPoints: 997, restRequests: 999 })
    expect(c.requestSequence[1]).toMatchObject({ points: 3, nodes: 900 })
    expect(c.requestSequence[0]).not.toHaveProperty('points')
  })

  it('marks a case rate limited when any run had a query refused for the budget', () => {
    const c = result('range-100', [
      sample([query('GateChanges', 900, 480_640)]),
      sample(
        [query('GateChanges', 900, 480_640), query('GateChanges', 0, 480_640)],
        {
          decision: 'block',
          exitCode: 1,
          changes: 0
        }
      )
    ])
    expect(c.rateLimited).toBe(true)
    expect(c.ok).toBe(false)
  })

  it('does not take a query refused for its nodes as rate limited', () => {
    const c = result('range-20', [sample([query('GatePages', 0, 524_400)])])
    expect(c.rateLimited).toBe(false)
    expect(c.refused).toEqual({ rateLimited: 0, nodeLimit: 1 })
  })
})
