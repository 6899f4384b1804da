// Samples and cases for the bench's pure parts: what measure() would return
// for a run whose requests are given, and the case that expects it.

import type { BenchCase, Family } from '../../../scripts/bench/cases.js'
import type { Sample, TimedRequest } from '../../../scripts/bench/measure.js'
import {
  RESULTS_FORMAT,
  summarise,
  type BenchResults,
  type CaseResult
} from '../../../scripts/bench/results.js'

/** A REST request at `atMs`, answered in 100 ms. */
export function rest(path: string, atMs = 0): TimedRequest {
  return {
    label: `GET ${path}`,
    graphql: false,
    points: null,
    nodes: null,
    status: 200,
    atMs,
    durationMs: 100
  }
}

/** A GraphQL query charged `points` (0: refused) with `nodes`. */
export function query(
  operation: string,
  points: number,
  nodes: number,
  atMs = 0
): TimedRequest {
  return {
    label: `POST /graphql ${operation}`,
    graphql: true,
    points,
    nodes,
    status: 200,
    atMs,
    durationMs: 100
  }
}

export function sample(
  requests: TimedRequest[],
  o: Partial<Sample> = {}
): Sample {
  return {
    exitCode: 0,
    decision: 'allow',
    violations: [],
    changes: 1,
    gateCountedRequests: requests.length,
    requests,
    wallMs: 250,
    firstRequestMs: requests.length === 0 ? null : 40,
    lastAnswerMs: 200,
    serverMs: 5,
    peakRssMB: 90,
    summary: '',
    stderr: '',
    ...o
  }
}

export function benchCase(
  name: string,
  o: { family?: Family; size?: number | null; changes?: number } = {}
): BenchCase {
  return {
    name,
    family: o.family ?? 'typical',
    size: o.size ?? null,
    title: name,
    runs: 1,
    expect: { decision: 'allow', changes: o.changes ?? 1 },
    build: () => {
      throw new Error('not built in these tests')
    }
  }
}

/** One case's row from the given runs. */
export function result(
  name: string,
  samples: Sample[],
  o: {
    family?: Family
    size?: number | null
    changes?: number
    /** Node's own floor, measured beside the runs (start-up cases) */
    floors?: (number | null)[]
  } = {}
): CaseResult {
  return summarise(benchCase(name, o), samples, o.floors)
}

export function results(
  cases: CaseResult[],
  o: Partial<BenchResults> = {}
): BenchResults {
  return {
    $comment: '',
    format: RESULTS_FORMAT,
    date: '2026-12-05T00:00:00.000Z',
    node: 'v24.0.0',
    platform: 'linux-x64',
    cpus: 2,
    loadAverage: [0.1, 0.2],
    latencyMs: 100,
    complete: true,
    git: { commit: 'abcdef0123456789', dirty: false },
    bundle: {
      path: 'dist/index.js',
      bytes: 1_200_000,
      mb: 1.2,
      sha256: '0'.repeat(64),
      matchesHead: true,
      uncommittedSources: []
    },
    cases,
    unavailable: [],
    shapes: null,
    targets: [],
    observations: [],
    ...o
  }
}
