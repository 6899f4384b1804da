// The API cost in the evidence record (SPEC §6, §9): requests, GraphQL
// points and the budgets left, as the client counted them; and the warning
// when less than 20 % of a budget is left.
import { describe, expect, it } from '@jest/globals'
import { decided, type Decision } from '../../../src/engine/decision.js'
import {
  buildEvidence,
  evidenceProblems,
  lowBudgetWarnings,
  recordEvidence,
  type EvidenceApi,
  type EvidenceRecord
} from '../../../src/engine/evidence/index.js'
import { makeRequest } from '../../../src/engine/request.js'
import {
  NOW,
  SHA,
  aFacts,
  anEnvironmentPolicy
} from '../../../__fixtures__/facts.js'

const REQUEST = makeRequest({
  owner: 'acme',
  repo: 'shop',
  environment: 'production',
  sha: SHA,
  policyPath: '.github/promotion-gate.yml',
  run: { id: 2002, attempt: 1, actor: 'dave' }
})

function anAllow(): Decision {
  return decided({
    request: REQUEST,
    now: NOW,
    policy: {
      record: { path: REQUEST.policyPath, ref: null, blobSha: null },
      environment: anEnvironmentPolicy(),
      chain: ['staging']
    },
    facts: aFacts(),
    results: [
      {
        id: 'policy',
        status: 'pass',
        summary: 'policy read',
        problems: [],
        controls: [],
        links: []
      }
    ]
  })
}

const RESET = '2026-12-01T14:05:00.000Z'

function usage(o: { graphql?: number; core?: number } = {}): EvidenceApi {
  return {
    requests: { rest: 2, graphql: 1 },
    points: 2,
    budgets: [
      {
        resource: 'core',
        limit: 5000,
        remaining: o.core ?? 4990,
        used: 5000 - (o.core ?? 4990),
        reset: RESET
      },
      {
        resource: 'graphql',
        limit: 1000,
        remaining: o.graphql ?? 996,
        used: 1000 - (o.graphql ?? 996),
        reset: RESET
      }
    ]
  }
}

const LOW_GRAPHQL =
  "GitHub API budget low: 150 of 1,000 GraphQL points left this hour (resets 14:05 UTC); everything using this token draws on it, and a GITHUB_TOKEN's is shared by every workflow of the repository"

describe('buildEvidence: api', () => {
  it('records the usage, and the record matches its schema', () => {
    const record = buildEvidence(anAllow(), {
      mode: 'enforce',
      requests: 3,
      usage: usage(),
      notes: []
    })
    expect(record.api).toEqual(usage())
    expect(record.api_requests).toBe(3)
    expect(evidenceProblems(record)).toEqual([])
  })

  it('is null when the client did not count, and still valid', () => {
    for (const given of [undefined, null]) {
      const record = buildEvidence(anAllow(), {
        mode: 'audit',
        requests: null,
        usage: given,
        notes: []
      })
      expect(record.api).toBeNull()
      expect(evidenceProblems(record)).toEqual([])
    }
  })

  it('records unknown points as null', () => {
    const record = buildEvidence(anAllow(), {
      mode: 'check',
      requests: 3,
      usage: { ...usage(), points: null },
      notes: []
    })
    expect(record.api?.points).toBeNull()
    expect(evidenceProblems(record)).toEqual([])
  })

  it('copies the usage: the client counting on does not change the record', () => {
    const live = usage()
    const record = buildEvidence(anAllow(), {
      mode: 'enforce',
      requests: 3,
      usage: live,
      notes: []
    })
    live.requests.rest = 9
    live.budgets[0]!.remaining = 0
    expect(record.api).toEqual(usage())
  })
})

describe('evidenceProblems: api', () => {
  const valid = buildEvidence(anAllow(), {
    mode: 'enforce',
    requests: 3,
    usage: usage(),
    notes: []
  })
  const withApi = (api: unknown): EvidenceRecord =>
    ({ ...valid, api }) as EvidenceRecord
  const budget = usage().budgets[0]!

  it.each([
    ['points that are not whole', { ...usage(), points: 1.5 }, '/api/points'],
    [
      'a negative request count',
      { ...usage(), requests: { rest: -1, graphql: 1 } },
      '/api/requests/rest'
    ],
    [
      'a reset that is not a time',
      { ...usage(), budgets: [{ ...budget, reset: 'soon' }] },
      '/api/budgets/0/reset'
    ],
    [
      'a budget without its resource',
      { ...usage(), budgets: [{ ...budget, resource: '' }] },
      '/api/budgets/0/resource'
    ],
    ['no budgets', { requests: usage().requests, points: 2 }, '/api'],
    ['a field it does not know', { ...usage(), nodes: 12 }, '/api']
  ])('refuses %s', (_case, api, path) => {
    const problems = evidenceProblems(withApi(api))
    expect(problems.some((p) => p.startsWith(`${path} `))).toBe(true)
  })

  it('refuses a record without api at all', () => {
    const without: Partial<EvidenceRecord> = { ...valid }
    delete without.api
    expect(evidenceProblems(without as EvidenceRecord)).toContain(
      "/ must have required property 'api'"
    )
  })
})

describe('lowBudgetWarnings', () => {
  it('names the budget under 20 % left, what is left and when it refills', () => {
    expect(lowBudgetWarnings(usage({ graphql: 150 }))).toEqual([LOW_GRAPHQL])
  })

  it.each([
    ['exactly 20 % left', usage({ graphql: 200 })],
    ['plenty left', usage()],
    ['nothing counted', null],
    [
      'a budget without a limit',
      {
        ...usage(),
        budgets: [{ ...usage().budgets[0]!, limit: 0, remaining: 0 }]
      }
    ]
  ])('says nothing with %s', (_case, given) => {
    expect(lowBudgetWarnings(given)).toEqual([])
  })

  it('names each budget that runs low, REST requests by their name', () => {
    expect(lowBudgetWarnings(usage({ graphql: 0, core: 999 }))).toEqual([
      expect.stringMatching(
        /^GitHub API budget low: 999 of 5,000 REST requests left this hour \(resets 14:05 UTC\);/
      ),
      expect.stringMatching(/^GitHub API budget low: 0 of 1,000 GraphQL points/)
    ])
  })

  it('names another budget by its resource', () => {
    const search = {
      ...usage(),
      budgets: [
        {
          resource: 'search',
          limit: 30,
          remaining: 1,
          used: 29,
          reset: RESET
        }
      ]
    }
    expect(lowBudgetWarnings(search)[0]).toMatch(/1 of 30 search requests left/)
  })
})

describe('recordEvidence: a budget running low', () => {
  it('warns once, in the decision, the record and for the adapter', () => {
    const r = recordEvidence(
      anAllow(),
      {
        mode: 'enforce',
        requests: 3,
        usage: usage({ graphql: 150 }),
        notes: ['a note']
      },
      () => null
    )
    expect(r.warnings).toEqual([LOW_GRAPHQL])
    expect(r.decision.warnings).toEqual([LOW_GRAPHQL])
    expect(r.evidence.notes).toEqual([LOW_GRAPHQL, 'a note'])
    // a warning, not a reason to block
    expect(r.decision.decision).toBe('allow')
    expect(r.evidence.api?.budgets[1]?.remaining).toBe(150)
  })

  it('adds nothing when enough is left', () => {
    const r = recordEvidence(
      anAllow(),
      { mode: 'enforce', requests: 3, usage: usage(), notes: [] },
      () => null
    )
    expect(r.warnings).toEqual([])
    expect(r.decision.warnings).toEqual([])
    expect(r.evidence.notes).toEqual([])
  })

  it('still warns when the record cannot be kept', () => {
    const r = recordEvidence(
      anAllow(),
      {
        mode: 'enforce',
        requests: 3,
        usage: usage({ graphql: 150 }),
        notes: []
      },
      () => {
        throw new Error('disk full')
      }
    )
    expect(r.decision.decision).toBe('block')
    expect(r.warnings).toEqual([LOW_GRAPHQL])
    expect(r.evidence.notes[0]).toBe(LOW_GRAPHQL)
  })
})
