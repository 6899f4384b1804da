// SPEC v2 §9's audit targets: 1,000 deployments in at most 500 points and
// 300 REST requests (half of one GITHUB_TOKEN hour), under 30 s; 10,000
// complete within the budget given, in under 300 MB.

import type { CaseResult, TargetResult } from './results.js'
import {
  casesNamed,
  limitTarget,
  ms,
  plural,
  pointsOf,
  short
} from './target-kit.js'

export const AUDIT_POINTS_LIMIT = 500
export const AUDIT_REST_LIMIT = 300
export const AUDIT_WALL_LIMIT_MS = 30_000
export const AUDIT_RSS_LIMIT_MB = 300

const restCause = (c: CaseResult): string =>
  `${c.restByEndpoint
    .slice(0, 4)
    .map((e) => `${e.requests} × ${short(e.endpoint)}`)
    .join(', ')}`

function completes(c: CaseResult | undefined): TargetResult {
  const base = {
    id: 'audit-10000-completes',
    spec: 'audit of 10,000 deployments (`audit-10000`)',
    target: 'completes within the budget it is given',
    cases: c === undefined ? [] : [c.name]
  }
  if (c === undefined) {
    return { ...base, measured: 'not run', pass: null, note: '' }
  }
  const entries = c.changes === null ? 'no' : c.changes.toLocaleString('en-US')
  if (c.rateLimited) {
    return {
      ...base,
      measured: `${c.decision}, rate limited after ${plural(c.points, 'point')}`,
      pass: false,
      note: `The simulator gave it a GITHUB_TOKEN's hour (1,000 points) and refused its queries once that was spent: ${pointsOf(c)}. The evidence lists ${entries} entries.`
    }
  }
  return {
    ...base,
    measured: `${c.decision}, ${entries} entries, ${plural(c.points, 'point')}, ${plural(c.restRequests, 'REST request')}`,
    pass: c.ok,
    note: c.ok ? '' : c.problems.join('; ')
  }
}

function memory(c: CaseResult | undefined): TargetResult {
  const base = {
    id: 'audit-10000-memory',
    spec: 'audit of 10,000 deployments (`audit-10000`)',
    target: `peak memory under ${AUDIT_RSS_LIMIT_MB} MB`,
    cases: c === undefined ? [] : [c.name]
  }
  if (c === undefined || c.peakRssMB === null) {
    return { ...base, measured: 'not run', pass: null, note: '' }
  }
  const measured = `${c.peakRssMB.toFixed(0)} MiB`
  // a run cut short by the rate limit shows nothing about a whole audit
  if (c.rateLimited) {
    return {
      ...base,
      measured: `${measured} (cut short)`,
      pass: null,
      note: `Not judged: the rate limit cut the run short (${pointsOf(c)}), so it never held a whole audit.`
    }
  }
  return { ...base, measured, pass: c.peakRssMB < AUDIT_RSS_LIMIT_MB, note: '' }
}

export function auditTargets(
  cases: Map<string, CaseResult>,
  latencyMs: number
): TargetResult[] {
  const thousand = casesNamed(cases, ['audit-1000'])
  const spec = 'audit of 1,000 deployments (`audit-1000`)'
  const wall = limitTarget({
    id: 'audit-wall',
    spec,
    target: `under ${AUDIT_WALL_LIMIT_MS / 1000} s at 100 ms per request`,
    cases: thousand,
    value: (c) => c.wallMs,
    limit: AUDIT_WALL_LIMIT_MS,
    unit: 'ms',
    units: 'ms',
    cause: (c) =>
      `${ms(c.wallMs)} in ${plural(c.roundTrips, 'round trip')}; the simulator's own work ${ms(c.serverMs)} of it (summed over concurrent answers)`
  })
  return [
    limitTarget({
      id: 'audit-points',
      spec,
      target: `at most ${AUDIT_POINTS_LIMIT} GraphQL points`,
      cases: thousand,
      value: (c) => c.points,
      limit: AUDIT_POINTS_LIMIT,
      unit: 'point',
      cause: pointsOf
    }),
    limitTarget({
      id: 'audit-rest',
      spec,
      target: `at most ${AUDIT_REST_LIMIT} REST requests`,
      cases: thousand,
      value: (c) => c.restRequests,
      limit: AUDIT_REST_LIMIT,
      unit: 'REST request',
      cause: restCause
    }),
    latencyMs === 100 || wall.pass === null
      ? wall
      : {
          ...wall,
          pass: null,
          note: `measured at ${latencyMs} ms per request, not 100 ms: not comparable`
        },
    completes(cases.get('audit-10000')),
    memory(cases.get('audit-10000'))
  ]
}
