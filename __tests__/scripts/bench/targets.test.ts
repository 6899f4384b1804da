import { describe, expect, it } from '@jest/globals'
import {
  evaluateTargets,
  TYPICAL_ENVELOPE
} from '../../../scripts/bench/targets.js'
import type {
  CaseResult,
  TargetResult
} from '../../../scripts/bench/results.js'
import { query, rest, result, results, sample } from './fixtures.js'

function target(all: TargetResult[], id: string): TargetResult {
  const t = all.find((x) => x.id === id)
  if (t === undefined) throw new Error(`no target ${id}`)
  return t
}

/** 1 round trip: everything sent at once, before any answer. */
const oneTrip = (points: number) => [
  rest('/repos/acme/shop/environments/production', 40),
  query('GateBootstrap', points, 9_000, 41),
  rest('/repos/acme/shop/rules/branches/main', 42)
]

const evaluate = (cases: CaseResult[], o = {}) =>
  evaluateTargets(results(cases, o))

describe('the typical decision', () => {
  it('passes in 3 requests, 1 round trip and 3 points', () => {
    const all = evaluate(
      TYPICAL_ENVELOPE.map((n) => result(n, [sample(oneTrip(3))]))
    )
    for (const id of [
      'typical-requests',
      'typical-round-trips',
      'typical-points'
    ]) {
      expect(target(all, id).pass).toBe(true)
    }
    expect(target(all, 'typical-points').measured).toBe(
      TYPICAL_ENVELOPE.map((n) => `${n} 3 points`).join(', ')
    )
  })

  it('fails on points, naming the query that spent them, once for cases alike', () => {
    const all = evaluate([
      result('typical', [sample(oneTrip(22))]),
      result('range-1', [sample(oneTrip(22))]),
      result('pr-commits-1', [sample(oneTrip(2))])
    ])
    const t = target(all, 'typical-points')
    expect(t.pass).toBe(false)
    expect(t.note).toBe(
      'typical, range-1: 22 points (GateBootstrap 1 query 22 points); its largest query, GateBootstrap, may return 9,000 nodes.'
    )
  })

  it('is not 1 round trip when a request went out after an answer came back', () => {
    // the branch policies asked after the environment answered at 140 ms,
    // while GateBootstrap (slower) was still in flight
    const requests = [
      rest('/repos/acme/shop/environments/production', 40),
      { ...query('GateBootstrap', 1, 9_000, 41), durationMs: 200 },
      rest(
        '/repos/acme/shop/environments/production/deployment-branch-policies',
        150
      )
    ]
    const c = result('typical', [sample(requests)])
    expect(c.roundTrips).toBe(1)
    const t = target(evaluate([c]), 'typical-round-trips')
    expect(t.pass).toBe(false)
    expect(t.measured).toBe('2 round trips')
    expect(t.note).toContain(
      'sent after the first answer had arrived: GET /repos/acme/shop/environments/production/deployment-branch-policies'
    )
  })

  it('is n/a when no case of the envelope ran', () => {
    const t = target(evaluate([]), 'typical-points')
    expect(t).toMatchObject({ pass: null, measured: 'not run' })
  })
})

describe('ranges', () => {
  it('fails range-100 cut short by the rate limit, with the points it spent', () => {
    const requests = [
      query('GateBootstrap', 22, 45_452, 0),
      query('GateChanges', 405, 480_640, 200),
      query('GateChanges', 405, 480_640, 200),
      query('GateChanges', 0, 480_640, 400)
    ]
    const c = result(
      'range-100',
      [sample(requests, { decision: 'block', exitCode: 1, changes: 0 })],
      { family: 'range', size: 100, changes: 100 }
    )
    expect(c.ok).toBe(false)
    expect(c.rateLimited).toBe(true)
    const t = target(evaluate([c]), 'range-100-points')
    expect(t.pass).toBe(false)
    expect(t.measured).toBe('832 points (rate limited)')
    expect(t.note).toBe(
      "range-100: 832 points charged (GateChanges 3 queries 810 points, GateBootstrap 1 query 22 points), then 1 query refused as rate limited: the token's hour was spent."
    )
  })

  it('fails a rate-limited run even under the limit: it was cut short', () => {
    const c = result(
      'large-range',
      [sample([rest('/a'), query('GateBootstrap', 0, 9_000)])],
      { family: 'large-range', size: 20, changes: 20 }
    )
    const t = target(evaluate([c]), 'large-range-requests')
    expect(t.pass).toBe(false)
    expect(t.note).toMatch(/^large-range: cut short: 0 points charged/)
  })

  it('names the REST endpoints and queries of a large range over 8 requests', () => {
    const compare = `/repos/acme/shop/compare/${'a'.repeat(40)}...${'b'.repeat(40)}`
    const c = result(
      'large-range',
      [
        sample([
          ...Array.from({ length: 7 }, () => rest(compare)),
          query('GateBootstrap', 2, 1_000),
          query('GateChanges', 5, 50_000)
        ])
      ],
      { family: 'large-range', size: 20, changes: 20 }
    )
    const all = evaluate([c])
    expect(target(all, 'large-range-requests').note).toBe(
      'large-range: 7 REST (7 × GET /repos/acme/shop/compare/…) and 2 GraphQL (GateChanges 1 query 5 points, GateBootstrap 1 query 2 points).'
    )
    expect(target(all, 'large-range-points').pass).toBe(true)
  })
})

describe('nodes', () => {
  it('judges the largest query any case sent', () => {
    const all = evaluate([
      result('typical', [sample(oneTrip(1))]),
      result('range-20', [sample([query('GateChanges', 40, 120_000)])], {
        family: 'range',
        size: 20
      })
    ])
    const t = target(all, 'nodes-sent')
    expect(t.pass).toBe(false)
    expect(t.measured).toBe('120,000 nodes (GateChanges in range-20)')
    expect(t.note).toBe('Over in 1 case: range-20 (GateChanges, 120,000).')
  })

  it('judges the shapes when there are some, and says when there are none', () => {
    expect(target(evaluate([]), 'nodes-shapes').pass).toBeNull()
    const shapes = [
      {
        name: 'A',
        what: 'a',
        batch: 20,
        nodes: 99_000,
        requests: 990,
        points: 10
      },
      {
        name: 'B',
        what: 'b',
        batch: null,
        nodes: 100_001,
        requests: 2,
        points: 1
      }
    ]
    const t = target(evaluate([], { shapes }), 'nodes-shapes')
    expect(t.pass).toBe(false)
    expect(t.measured).toBe('100,001 nodes (B)')
    expect(t.note).toBe('Over: B 100,001; the table below has every shape.')
  })
})

describe('time and size', () => {
  it('judges the typical wall time against 0.3 s and the bundle against 1.5 MB', () => {
    const fast = result('typical', [sample(oneTrip(1), { wallMs: 290 })])
    const slow = result('typical', [sample(oneTrip(1), { wallMs: 310 })])
    expect(target(evaluate([fast]), 'typical-wall').pass).toBe(true)
    const missed = target(evaluate([slow]), 'typical-wall')
    expect(missed.pass).toBe(false)
    expect(missed.note).toMatch(/^Missed by 10 ms\./)
    const big = results([], {
      bundle: { ...results([]).bundle, bytes: 1_500_000, mb: 1.5 }
    })
    expect(target(evaluateTargets(big), 'bundle-size').pass).toBe(false)
    expect(target(evaluate([]), 'bundle-size').pass).toBe(true)
  })

  it('does not judge times taken at another latency', () => {
    const c = result('typical', [sample(oneTrip(1), { wallMs: 100 })])
    expect(
      target(evaluate([c], { latencyMs: 50 }), 'typical-wall').pass
    ).toBeNull()
  })

  it('judges start to first request against 100 ms', () => {
    const c = (ms: number) =>
      result('cold-start', [sample(oneTrip(1), { firstRequestMs: ms })])
    expect(target(evaluate([c(99)]), 'start-to-first-request').pass).toBe(true)
    expect(target(evaluate([c(101)]), 'start-to-first-request').pass).toBe(
      false
    )
  })

  it("gives Node's own floor beside it, and the gate's share above it", () => {
    const runs = [96, 99, 101].map((ms) =>
      sample(oneTrip(1), { firstRequestMs: ms })
    )
    const c = result('cold-start', runs, {
      family: 'cold-start',
      floors: [88, null, 90]
    })
    expect(c.floorMs).toBe(89)
    const t = target(evaluate([c]), 'start-to-first-request')
    expect(t.measured).toMatch(
      /^99 ms \(median of 3: 96, 99, 101 ms\); Node's own floor 89 ms$/
    )
    expect(t.note).toContain("the gate's share is 10 ms")
    // none measured: nothing said of a floor
    const bare = result('cold-start', runs)
    expect(bare.floorMs).toBeUndefined()
    expect(target(evaluate([bare]), 'start-to-first-request').note).not.toMatch(
      /floor/
    )
  })
})

describe('audits', () => {
  const audit = (
    name: string,
    requests: ReturnType<typeof rest>[],
    o: Parameters<typeof sample>[1] = {}
  ) =>
    result(name, [sample(requests, { changes: 1000, ...o })], {
      family: 'audit',
      size: 1000,
      changes: 1000
    })

  it('judges 1,000 deployments by points, REST requests and time', () => {
    const within = evaluate([
      audit('audit-1000', [
        ...Array.from({ length: 300 }, (_, i) =>
          rest(`/repos/a/b/actions/runs/${i}`)
        ),
        query('AuditCommits', 500, 300_000)
      ])
    ])
    expect(target(within, 'audit-points').pass).toBe(true)
    expect(target(within, 'audit-rest').pass).toBe(true)
    expect(target(within, 'audit-wall')).toMatchObject({
      pass: true,
      measured: '250 ms'
    })
    const over = evaluate([
      audit('audit-1000', [
        ...Array.from({ length: 301 }, (_, i) =>
          rest(`/repos/a/b/actions/runs/${i}`)
        ),
        query('AuditCommits', 501, 300_000)
      ])
    ])
    expect(target(over, 'audit-points').pass).toBe(false)
    expect(target(over, 'audit-rest').note).toBe(
      'audit-1000: 301 × GET /repos/a/b/actions/runs/{id}.'
    )
  })

  it('says 10,000 did not complete when the rate limit cut it short', () => {
    const cut = audit(
      'audit-10000',
      [query('AuditCommits', 999, 300_000), query('AuditCommits', 0, 300_000)],
      { decision: 'block', exitCode: 1, changes: 0, peakRssMB: 120 }
    )
    const all = evaluate([cut])
    const t = target(all, 'audit-10000-completes')
    expect(t.pass).toBe(false)
    expect(t.measured).toBe('block, rate limited after 999 points')
    // memory of an audit that never finished shows nothing
    expect(target(all, 'audit-10000-memory')).toMatchObject({
      pass: null,
      measured: '120 MiB (cut short)'
    })
  })

  it('passes 10,000 that completed in under 300 MB', () => {
    const done = audit('audit-10000', [query('AuditCommits', 10, 1_000)], {
      peakRssMB: 310
    })
    const all = evaluate([done])
    expect(target(all, 'audit-10000-completes').pass).toBe(true)
    expect(target(all, 'audit-10000-memory').pass).toBe(false)
  })
})
