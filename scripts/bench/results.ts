// The shape of bench/results.json, and how the samples of a case become one
// row of it.

import type { BenchCase, Family, UnavailableCase } from './cases.js'
import type { Sample } from './measure.js'
import { costsOf, type RunCosts } from './costs.js'
import type { ShapeCost } from './shapes.js'

/**
 * results.json's shape. 2: GitHub's budgets per case (RunCosts, points and
 * nodes per request) and SPEC v2's targets; version 1 had no such field.
 */
export const RESULTS_FORMAT = 2

/** One row of results.json; its budgets (RunCosts) are the representative run's. */
export interface CaseResult extends RunCosts {
  name: string
  family: Family
  size: number | null
  title: string
  runs: number
  expected: { decision: string; changes: number }
  decision: string
  violations: string[]
  exitCode: number
  /** changes listed by the evidence record */
  changes: number | null
  /** the decision (and the range read) was the expected one in every run */
  ok: boolean
  problems: string[]
  /**
   * GitHub's budget ran out in some run: the simulator refused a query as
   * rate limited. What it spent is the finding, not a wrong decision.
   */
  rateLimited: boolean
  /** GraphQL points charged, [min, max] over the runs */
  pointsRange: [number, number]
  /** HTTP requests seen by the simulator (first run; see requestsRange) */
  requests: number
  /** [min, max] over the runs */
  requestsRange: [number, number]
  /** requests the gate counted itself (evidence api_requests) */
  gateCountedRequests: number | null
  /** sequential round trips: a new one starts when every earlier request has been answered */
  roundTrips: number
  /** median over the runs, spawn to exit */
  wallMs: number
  wallMsRuns: number[]
  /** median over the runs, spawn to the first request */
  firstRequestMs: number | null
  firstRequestMsRuns: (number | null)[]
  /**
   * Start-up cases: median over the same runs of Node's own floor, a
   * one-line script sending one POST, spawned the same way (measure.ts
   * measureFloor); null where not measured
   */
  floorMs?: number | null
  /** median over the runs, spawn to the last answer */
  lastAnswerMs: number | null
  /** median over the runs: simulator compute time beyond the fixed latency */
  serverMs: number
  /** largest over the runs, MiB */
  peakRssMB: number | null
  /** where the wall time of the representative run went */
  phases: Phases
  /** the representative run's requests in order of arrival */
  requestSequence: {
    request: string
    status: number
    atMs: number
    durationMs: number
    /** GraphQL: points charged (0: refused) and nodes, as the simulator costed it */
    points?: number
    nodes?: number
  }[]
}

/**
 * The wall time of one run, cut where the gate waits for GitHub and where it
 * works: start + rounds + gaps + tail = wall.
 */
export interface Phases {
  /** spawn to the first request */
  startMs: number
  /** sum over the round trips of first request sent to last answer */
  roundsMs: number
  /** the gate's own work between one round trip's last answer and the next request */
  gapsMs: number
  gaps: { after: string; ms: number }[]
  /** last answer to exit */
  tailMs: number
}

export interface TargetResult {
  id: string
  /** the row of SPEC §9 */
  spec: string
  target: string
  measured: string
  /** null: not measured (not available, or not in this run) */
  pass: boolean | null
  cases: string[]
  note: string
}

export interface BenchResults {
  $comment: string
  /** RESULTS_FORMAT */
  format: number
  date: string
  node: string
  platform: string
  cpus: number
  /** 1-minute load average before and after the run: the machine may be shared */
  loadAverage: [number, number]
  latencyMs: number
  complete: boolean
  git: { commit: string | null; dirty: boolean | null }
  bundle: {
    path: string
    /** what a decision loaded in the bench's first run, relative to the repository (./loaded.ts) */
    loaded?: string[]
    bytes: number
    mb: number
    sha256: string
    /** older than a source file it is built from */
    /** dist/index.js is the one committed at git.commit */
    matchesHead: boolean | null
    /** uncommitted changes to the sources the bundle is built from */
    uncommittedSources: string[] | null
  }
  cases: CaseResult[]
  unavailable: UnavailableCase[]
  /** each query shape at its largest batch, costed; null: no shapes to cost */
  shapes: ShapeCost[] | null
  targets: TargetResult[]
  /** what the request logs show beyond pass/fail */
  observations: string[]
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  if (s.length === 0) return NaN
  const mid = Math.floor(s.length / 2)
  return s.length % 2 === 1
    ? (s[mid] as number)
    : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

const round1 = (n: number): number => Math.round(n * 10) / 10

function medianOrNull(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null)
  return known.length === 0 ? null : median(known)
}

/** What went wrong in one run, if anything. */
export function problemsOf(c: BenchCase, s: Sample): string[] {
  const out: string[] = []
  if (s.decision !== c.expect.decision) {
    out.push(
      `decision ${s.decision} (violations ${JSON.stringify(s.violations)}), expected ${c.expect.decision}`
    )
  }
  const exit = c.expect.decision === 'allow' ? 0 : 1
  if (s.exitCode !== exit) {
    out.push(`exit code ${s.exitCode}, expected ${exit}`)
  }
  if (s.changes !== c.expect.changes) {
    out.push(
      `the evidence lists ${s.changes ?? 'no'} changes, expected ${c.expect.changes}`
    )
  }
  if (s.requests.length === 0) out.push('the gate sent no request')
  return out
}

/** Cut a run's wall time into start, round trips, gaps and tail. */
export function phasesOf(s: Sample): Phases {
  const sorted = [...s.requests].sort((a, b) => a.atMs - b.atMs)
  const waves: { start: number; end: number; last: string }[] = []
  for (const r of sorted) {
    const end = r.atMs + r.durationMs
    const wave = waves[waves.length - 1]
    if (wave === undefined || r.atMs >= wave.end) {
      waves.push({ start: r.atMs, end, last: r.label })
    } else if (end > wave.end) {
      wave.end = end
      wave.last = r.label
    }
  }
  const gaps = waves.slice(1).map((w, i) => {
    const before = waves[i] as (typeof waves)[number]
    return { after: before.last, ms: round1(w.start - before.end) }
  })
  const first = waves[0]
  const last = waves[waves.length - 1]
  return {
    startMs: round1(first?.start ?? s.wallMs),
    roundsMs: round1(waves.reduce((sum, w) => sum + (w.end - w.start), 0)),
    gapsMs: round1(gaps.reduce((sum, g) => sum + g.ms, 0)),
    gaps,
    tailMs: round1(s.wallMs - (last?.end ?? s.wallMs))
  }
}

export function summarise(
  c: BenchCase,
  samples: Sample[],
  floors: (number | null)[] = []
): CaseResult {
  if (samples.length === 0) throw new Error(`${c.name}: no samples`)
  const wallMedian = median(samples.map((s) => s.wallMs))
  // the run closest to the median stands for the case
  const rep = samples.reduce((best, s) =>
    Math.abs(s.wallMs - wallMedian) < Math.abs(best.wallMs - wallMedian)
      ? s
      : best
  )
  const phases = phasesOf(rep)
  const problems = [...new Set(samples.flatMap((s) => problemsOf(c, s)))]
  const counts = samples.map((s) => s.requests.length)
  const costs = samples.map((s) => costsOf(s.requests))
  const points = costs.map((k) => k.points)
  const rss = samples
    .map((s) => s.peakRssMB)
    .filter((v): v is number => v !== null)
  return {
    name: c.name,
    family: c.family,
    size: c.size,
    title: c.title,
    runs: samples.length,
    expected: { ...c.expect },
    decision: rep.decision,
    violations: rep.violations,
    exitCode: rep.exitCode,
    changes: rep.changes,
    ok: problems.length === 0,
    problems,
    rateLimited: costs.some((k) => k.refused.rateLimited > 0),
    ...costsOf(rep.requests),
    pointsRange: [Math.min(...points), Math.max(...points)],
    requests: rep.requests.length,
    requestsRange: [Math.min(...counts), Math.max(...counts)],
    gateCountedRequests: rep.gateCountedRequests,
    roundTrips: phases.gaps.length + (rep.requests.length > 0 ? 1 : 0),
    wallMs: Math.round(wallMedian),
    wallMsRuns: samples.map((s) => s.wallMs),
    firstRequestMs: round1OrNull(
      medianOrNull(samples.map((s) => s.firstRequestMs))
    ),
    firstRequestMsRuns: samples.map((s) => round1OrNull(s.firstRequestMs)),
    ...(floors.length === 0
      ? {}
      : { floorMs: round1OrNull(medianOrNull(floors)) }),
    lastAnswerMs: round1OrNull(
      medianOrNull(samples.map((s) => s.lastAnswerMs))
    ),
    serverMs: round1(median(samples.map((s) => s.serverMs))),
    peakRssMB: rss.length === 0 ? null : round1(Math.max(...rss)),
    phases,
    requestSequence: rep.requests
      .slice()
      .sort((a, b) => a.atMs - b.atMs)
      .map((r) => ({
        request: r.label,
        status: r.status,
        atMs: round1(r.atMs),
        durationMs: round1(r.durationMs),
        ...(r.points === null ? {} : { points: r.points }),
        ...(r.nodes === null ? {} : { nodes: r.nodes })
      }))
  }
}

function round1OrNull(n: number | null): number | null {
  return n === null ? null : round1(n)
}
