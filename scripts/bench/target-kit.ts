// The pieces every SPEC §9 target is built from: how a case's numbers are
// worded, and one target over some cases with a limit.

import { spentBy } from './costs.js'
import type { CaseResult, Phases, TargetResult } from './results.js'

export const ms = (n: number): string =>
  `${Math.round(n).toLocaleString('en-US')} ms`
export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`

export const short = (request: string): string =>
  request.replace(/\/compare\/.*/, '/compare/…')

export const sequenceOf = (c: CaseResult): string =>
  c.requestSequence.map((r) => short(r.request)).join(', ')

/** "22 points (GateBootstrap 1 query 22 points)", or what the rate limit cut short. */
export function pointsOf(c: CaseResult): string {
  const spent = spentBy(c.byOperation)
  const by = spent === '' ? '' : ` (${spent})`
  return c.rateLimited
    ? `${plural(c.points, 'point')} charged${by}, then ${plural(c.refused.rateLimited, 'query', 'queries')} refused as rate limited: the token's hour was spent`
    : `${plural(c.points, 'point')}${by}`
}

/** "start 190 ms + 2 round trips 230 ms + the gate's own work 130 ms + exit 80 ms" */
export function breakdown(c: CaseResult, latencyMs: number): string {
  const p: Phases = c.phases
  const gaps = p.gaps
    .filter((g) => g.ms >= 10)
    .map((g) => `${ms(g.ms)} after ${short(g.after)}`)
  return (
    `spawn to first request ${ms(p.startMs)}; ${plural(c.roundTrips, 'round trip')} ${ms(p.roundsMs)} ` +
    `(${ms(c.roundTrips * latencyMs)} of it the fixed latency, the rest the simulator computing); ` +
    `the gate's own work between round trips ${ms(p.gapsMs)}${gaps.length > 0 ? ` (${gaps.join(', ')})` : ''}; ` +
    `last answer to exit ${ms(p.tailMs)}`
  )
}

export function casesNamed(
  cases: Map<string, CaseResult>,
  names: string[]
): CaseResult[] {
  return names.flatMap((n) => {
    const c = cases.get(n)
    return c === undefined ? [] : [c]
  })
}

/** "a, b: same cause; c: other cause." (cases with one cause said once) */
function grouped(cases: CaseResult[], why: (c: CaseResult) => string): string {
  const byCause = new Map<string, string[]>()
  for (const c of cases) {
    const cause = why(c)
    byCause.set(cause, [...(byCause.get(cause) ?? []), c.name])
  }
  return (
    [...byCause]
      .map(([cause, names]) => `${names.join(', ')}: ${cause}`)
      .join('; ') + '.'
  )
}

/**
 * Requests sent after the run's first answer had arrived: they may have
 * waited for it, so a decision with any is not shown to take 1 round trip
 * (requests that overlap a slower answer count as one round trip in
 * `roundTrips`, which cannot see what waited for what).
 */
export function afterFirstAnswer(c: CaseResult): string[] {
  const first = Math.min(...c.requestSequence.map((r) => r.atMs + r.durationMs))
  return c.requestSequence
    .filter((r) => r.atMs >= first)
    .map((r) => short(r.request))
}

/**
 * One target over some cases: each measured by `value`, missed where
 * `value` exceeds `limit` or the rate limit cut the run short.
 */
export function limitTarget(o: {
  id: string
  spec: string
  target: string
  cases: CaseResult[]
  value: (c: CaseResult) => number
  limit: number
  unit: string
  /** the unit's plural, when not `${unit}s` */
  units?: string
  /** why one case is over: what the numbers show */
  cause: (c: CaseResult) => string
  /** said when every case is within */
  within?: string
}): TargetResult {
  if (o.cases.length === 0) {
    return {
      id: o.id,
      spec: o.spec,
      target: o.target,
      measured: 'not run',
      pass: null,
      cases: [],
      note: ''
    }
  }
  // a run the rate limit cut short meets no budget, whatever it counted
  const over = o.cases.filter((c) => o.value(c) > o.limit || c.rateLimited)
  const why = (c: CaseResult): string =>
    o.value(c) <= o.limit ? `cut short: ${pointsOf(c)}` : o.cause(c)
  const measured = o.cases
    .map(
      (c) =>
        `${o.cases.length > 1 ? `${c.name} ` : ''}${plural(o.value(c), o.unit, o.units)}${c.rateLimited ? ' (rate limited)' : ''}`
    )
    .join(', ')
  return {
    id: o.id,
    spec: o.spec,
    target: o.target,
    measured,
    pass: over.length === 0,
    cases: o.cases.map((c) => c.name),
    note: over.length === 0 ? (o.within ?? '') : grouped(over, why)
  }
}
