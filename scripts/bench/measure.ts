// One measured run: a fresh simulator with a fixed per-request latency, the
// bundled gate spawned against it exactly as the runner does, and what the
// simulator and the preload saw.

import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import {
  startSimulator,
  type RequestLog
} from '../../test-support/sim/server.js'
import { runBundledAction } from '../../test-support/demo/run-action.js'
import {
  OWNER,
  REPO,
  type GateRun,
  type World
} from '../../test-support/demo/scenarios.js'
import { MAX_RSS_ENV, preloadOptions, readPeakKiB } from './max-rss.js'
import { LOADED_ENV } from './loaded.js'
import { TOKEN_BUDGET, type CostedRequest } from './costs.js'

export interface TimedRequest extends CostedRequest {
  /** e.g. `POST /graphql GateContext`, `GET /repos/acme/shop/rules/branches/main` */
  label: string
  status: number
  /** arrival at the simulator, ms after the spawn */
  atMs: number
  /** time the simulator took to answer, the fixed latency included */
  durationMs: number
}

export interface Sample {
  exitCode: number
  decision: string
  violations: string[]
  /** changes listed in the evidence record, null when there is none */
  changes: number | null
  /** requests the gate itself counted (evidence `api_requests`) */
  gateCountedRequests: number | null
  requests: TimedRequest[]
  /** spawn to exit (runBundledAction's ms) */
  wallMs: number
  /** spawn to the first request arriving at the simulator */
  firstRequestMs: number | null
  /** spawn to the last answer sent */
  lastAnswerMs: number | null
  /** time the simulator spent computing answers, beyond the fixed latency */
  serverMs: number
  /** peak resident set size of the gate's process, MiB */
  peakRssMB: number | null
  summary: string
  stderr: string
}

function label(r: RequestLog): string {
  const path = r.path.replace(/\?.*$/, '')
  return r.graphql
    ? `${r.method} ${path} ${r.operationName ?? '(anonymous)'}`
    : `${r.method} ${path}`
}

/**
 * When each request reached the simulator: its log is pushed to as each
 * arrives, on the clock of performance.now() here.
 */
function noteArrivals(log: RequestLog[]): Map<RequestLog, number> {
  const arrivals = new Map<RequestLog, number>()
  const push = log.push.bind(log)
  log.push = (...items: RequestLog[]): number => {
    const at = performance.now()
    for (const item of items) arrivals.set(item, at)
    return push(...items)
  }
  return arrivals
}

export async function measure(
  built: { world: World; run: GateRun; budgetWindowSeconds?: number },
  o: {
    latencyMs: number
    preload: string
    tmp: string
    timeoutMs: number
    /** also record the files the run loads (./loaded.ts): not a timed run */
    loaded?: { preload: string; file: string }
  }
): Promise<Sample> {
  const server = await startSimulator(built.world.sim, {
    latencyMs: o.latencyMs,
    // stated, not assumed: the budget left is reckoned against it (costs.ts)
    graphqlPointsPerHour: { github_token: TOKEN_BUDGET.graphqlPoints },
    // a case that must pace gets a short window (cases.ts)
    ...(built.budgetWindowSeconds === undefined
      ? {}
      : { graphqlWindowSeconds: built.budgetWindowSeconds })
  })
  const arrivals = noteArrivals(server.requests)
  const log = server.requests
  const rssFile = join(o.tmp, `max-rss-${process.hrtime.bigint()}`)
  try {
    const spawned = performance.now()
    const result = await runBundledAction({
      apiUrl: server.url,
      graphqlUrl: server.graphqlUrl,
      repository: `${OWNER}/${REPO}`,
      run: built.run,
      timeoutMs: o.timeoutMs,
      env: {
        NODE_OPTIONS:
          o.loaded === undefined
            ? preloadOptions(o.preload)
            : `${preloadOptions(o.preload)} ${preloadOptions(o.loaded.preload)}`,
        [MAX_RSS_ENV]: rssFile,
        ...(o.loaded === undefined ? {} : { [LOADED_ENV]: o.loaded.file })
      }
    })
    const requests: TimedRequest[] = log.map((r) => ({
      label: label(r),
      graphql: r.graphql,
      points: r.points ?? null,
      nodes: r.nodes ?? null,
      status: r.status,
      atMs: (arrivals.get(r) ?? spawned) - spawned,
      durationMs: r.durationMs
    }))
    const first = requests.reduce((min, r) => Math.min(min, r.atMs), Infinity)
    const last = requests.reduce(
      (max, r) => Math.max(max, r.atMs + r.durationMs),
      -Infinity
    )
    const evidence = result.evidence
    // An audit's file lists its population under `entries`.
    const changes =
      evidence !== null && Array.isArray(evidence.changes)
        ? evidence.changes.length
        : evidence !== null && Array.isArray(evidence.entries)
          ? evidence.entries.length
          : null
    const counted =
      evidence !== null && typeof evidence.api_requests === 'number'
        ? evidence.api_requests
        : null
    let violations: string[] = []
    try {
      const parsed: unknown = JSON.parse(result.outputs.violations ?? '[]')
      if (Array.isArray(parsed)) violations = parsed.map(String)
    } catch {
      violations = [result.outputs.violations ?? '']
    }
    const kib = existsSync(rssFile)
      ? readPeakKiB(readFileSync(rssFile, 'utf8'))
      : NaN
    return {
      exitCode: result.exitCode,
      decision: result.outputs.decision ?? '(none)',
      violations,
      changes,
      gateCountedRequests: counted,
      requests,
      wallMs: result.ms,
      firstRequestMs: Number.isFinite(first) ? first : null,
      lastAnswerMs: Number.isFinite(last) ? last : null,
      serverMs: log.reduce(
        (sum, r) => sum + Math.max(0, r.durationMs - o.latencyMs),
        0
      ),
      peakRssMB: Number.isFinite(kib) ? kib / 1024 : null,
      summary: result.summary,
      stderr: result.stderr
    }
  } finally {
    rmSync(rssFile, { force: true })
    await server.close()
  }
}

/**
 * Node's own floor for the same measure: a one-line CommonJS script that
 * sends one POST to GITHUB_GRAPHQL_URL, spawned exactly as the gate is (the
 * runner's environment, the preload, a fresh simulator), spawn to arrival.
 * What the gate adds to its first request is its time above this one.
 */
export const FLOOR_SCRIPT = `'use strict'
require('node:http')
  .request(process.env.GITHUB_GRAPHQL_URL, {
    method: 'POST',
    headers: {
      authorization: 'token ' + process.env.INPUT_TOKEN,
      'content-type': 'application/json'
    }
  })
  .on('error', () => {})
  .end('{"query":"{ rateLimit { remaining } }"}')
`

export async function measureFloor(
  built: { world: World; run: GateRun },
  o: { latencyMs: number; preload: string; tmp: string; timeoutMs: number }
): Promise<number | null> {
  const script = join(o.tmp, 'floor.cjs')
  if (!existsSync(script)) writeFileSync(script, FLOOR_SCRIPT)
  const server = await startSimulator(built.world.sim, {
    latencyMs: o.latencyMs
  })
  const arrivals = noteArrivals(server.requests)
  try {
    const spawned = performance.now()
    await runBundledAction({
      apiUrl: server.url,
      graphqlUrl: server.graphqlUrl,
      repository: `${OWNER}/${REPO}`,
      run: built.run,
      bundle: script,
      timeoutMs: o.timeoutMs,
      env: {
        NODE_OPTIONS: preloadOptions(o.preload),
        [MAX_RSS_ENV]: join(o.tmp, 'floor-max-rss')
      }
    })
    const first = Math.min(...arrivals.values())
    return Number.isFinite(first) ? first - spawned : null
  } finally {
    await server.close()
  }
}
