// The cost of a decision in one line (SPEC §9), in the job summary's footer
// and the CLI's verbose output.
import { describe, expect, it } from '@jest/globals'
import {
  cannotDecide,
  makeRequest,
  recordEvidence,
  type ApiUsage
} from '../../src/engine/index.js'
import { costLine } from '../../src/report/cost.js'
import { renderSummary } from '../../src/report/summary.js'

const RESET = '2026-12-01T14:05:00.000Z'
const USAGE: ApiUsage = {
  requests: { rest: 2, graphql: 1 },
  points: 2,
  budgets: [
    {
      resource: 'core',
      limit: 5000,
      remaining: 4990,
      used: 10,
      reset: RESET
    },
    {
      resource: 'graphql',
      limit: 1000,
      remaining: 996,
      used: 4,
      reset: RESET
    }
  ]
}
const LINE =
  'Cost: 3 requests (1 GraphQL, 2 REST), 2 GraphQL points; left this hour: 996 of 1,000 points, 4,990 of 5,000 REST requests.'

describe('costLine', () => {
  it('says the requests, the points and what is left, GraphQL first', () => {
    expect(costLine(USAGE)).toBe(LINE)
  })

  it.each([
    [
      'one request, one point',
      { requests: { rest: 0, graphql: 1 }, points: 1, budgets: [] },
      'Cost: 1 request (1 GraphQL, 0 REST), 1 GraphQL point.'
    ],
    [
      'points no answer said',
      { requests: { rest: 0, graphql: 2 }, points: null, budgets: [] },
      'Cost: 2 requests (2 GraphQL, 0 REST), GraphQL points unknown (an answer did not say what it cost).'
    ],
    [
      'other budgets, after REST, by name',
      {
        requests: { rest: 1200, graphql: 0 },
        points: 0,
        budgets: [
          {
            ...USAGE.budgets[0]!,
            resource: 'search',
            limit: 30,
            remaining: 29
          },
          USAGE.budgets[0]!,
          {
            ...USAGE.budgets[0]!,
            resource: 'code_search',
            limit: 10,
            remaining: 10
          }
        ]
      },
      'Cost: 1,200 requests (0 GraphQL, 1,200 REST), 0 GraphQL points; left this hour: 4,990 of 5,000 REST requests, 10 of 10 code_search requests, 29 of 30 search requests.'
    ]
  ])('with %s', (_case, api, line) => {
    expect(costLine(api)).toBe(line)
  })
})

describe('renderSummary: the cost', () => {
  const request = makeRequest({
    owner: 'acme',
    repo: 'shop',
    environment: 'production',
    sha: 'a'.repeat(40),
    policyPath: '.github/promotion-gate.yml',
    run: { id: 7, attempt: 1, actor: 'dora' }
  })
  const decision = cannotDecide({ request, failure: null, now: new Date(0) })
  const footer = (usage: ApiUsage | null): string[] => {
    const { evidence } = recordEvidence(
      decision,
      { mode: 'enforce', requests: 3, usage, notes: [] },
      () => null
    )
    return renderSummary(decision, evidence, '/tmp/e.json')
      .split('\n')
      .filter((l) => l.startsWith('<sub>'))
  }

  it('puts the cost in the footer, below the policy line', () => {
    expect(footer(USAGE)).toEqual([
      expect.stringMatching(
        /^<sub>Policy `\.github\/promotion-gate\.yml` at `\?` · promotion-gate [^·]+ · evidence: `\/tmp\/e\.json`<\/sub>$/
      ),
      `<sub>${LINE}</sub>`
    ])
  })

  it('links the uploaded record instead of the path on the runner', () => {
    const { evidence } = recordEvidence(
      decision,
      { mode: 'enforce', requests: 3, usage: USAGE, notes: [] },
      () => null
    )
    const url = 'https://github.com/acme/shop/actions/runs/77/artifacts/4242'
    const text = renderSummary(decision, evidence, '/tmp/e.json', url)
    expect(text).toContain(
      ` · [evidence record](${url}) (artifact of this run)</sub>`
    )
    expect(text).not.toContain('/tmp/e.json')
  })

  it('says the requests alone when the client did not count more', () => {
    const lines = footer(null)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(' · 3 API requests · evidence:')
  })
})
