// SPEC §2 and §7: every mode gives the same decision for the same data, and
// the audit judges a deployment as the gate did. Each world below is judged
// by the action, the CLI and the App server before its production deployment
// runs, then by the audit once that deployment succeeded; all four must give
// the same decision and the same `violations`.
import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ActionIO } from '../src/action/main.js'
import type { AuditReport, EvidenceRecord } from '../src/engine/index.js'
import { createClient } from '../src/github/client.js'
import { runFromEnv } from '../__fixtures__/action.js'
import {
  OWNER,
  REPO,
  SCENARIOS,
  gateRun,
  promote,
  reviewedChange,
  standard,
  tested,
  world,
  ago,
  type GateRun,
  type World
} from '../test-support/demo/scenarios.js'
import type { FaultSpec } from '../test-support/sim/server.js'
import { cli } from './cli/helpers.js'
import { start, verdictOf, withApp, type Running } from './server/helpers.js'

interface Judged {
  decision: string
  violations: string[]
}

interface ParityWorld {
  name: string
  build: () => { world: World; run: GateRun }
  /** a fault every mode meets on its way */
  fault?: FaultSpec
  expect: Judged
}

/** No earlier production deployment: the range starts at the branch's root. */
function firstDeployment(): { world: World; run: GateRun } {
  const w = world()
  const sha = reviewedChange(w)
  tested(w, sha)
  ago(w, '2h10m')
  promote(w, sha, ['development', 'staging'])
  return { world: w, run: gateRun(w, sha) }
}

const WORLDS: ParityWorld[] = [
  ...SCENARIOS.map((s) => ({
    name: s.name,
    build: () => s.build(),
    expect: { decision: s.expect.decision, violations: s.expect.violations }
  })),
  {
    name: 'first-deployment',
    build: firstDeployment,
    expect: { decision: 'allow', violations: [] }
  },
  {
    name: 'fault: the environment cannot be read',
    build: () => standard(reviewedChange),
    fault: {
      kind: 'status',
      status: 500,
      path: /^\/repos\/[^/]+\/[^/]+\/environments\/production$/
    },
    // a GitHub failure the gate cannot work around: nothing is verified,
    // every check the policy asks for is `error`
    expect: {
      decision: 'block',
      violations: [
        'promotion',
        'source-branch',
        'branch-protection',
        'approval-record',
        'maker-checker',
        'segregation',
        'environment',
        'checks'
      ]
    }
  }
]

let running: Running | null = null
afterEach(async () => {
  await running?.close()
  running = null
})

const quiet = (): void => undefined

async function byAction(r: Running, run: GateRun, at: Date): Promise<Judged> {
  const temp = mkdtempSync(join(tmpdir(), 'pg-parity-'))
  const outputs: Record<string, string> = {}
  const io: ActionIO = {
    debug: quiet,
    info: quiet,
    warning: quiet,
    error: quiet,
    setSecret: quiet,
    setOutput: (n, v) => (outputs[n] = v),
    writeSummary: () => Promise.resolve(),
    annotate: quiet,
    setFailed: quiet
  }
  try {
    await runFromEnv({
      env: {
        GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
        GITHUB_ACTOR: run.actor,
        GITHUB_TRIGGERING_ACTOR: run.actor,
        GITHUB_RUN_ID: String(run.runId),
        // a runner always says what triggered the run (SPEC §4 allowed_events)
        GITHUB_EVENT_NAME: 'push',
        GITHUB_RUN_ATTEMPT: '1',
        GITHUB_API_URL: r.sim.url,
        GITHUB_GRAPHQL_URL: r.sim.graphqlUrl,
        RUNNER_TEMP: temp,
        INPUT_ENVIRONMENT: run.environment,
        INPUT_SHA: run.sha,
        INPUT_TOKEN: run.token
      },
      io,
      now: () => at,
      client: (inputs, logger) =>
        createClient({
          token: inputs.token,
          apiUrl: inputs.apiUrl,
          graphqlUrl: inputs.graphqlUrl ?? undefined,
          logger,
          timeoutMs: 20_000,
          retryBaseMs: 1
        })
    })
  } finally {
    rmSync(temp, { recursive: true, force: true })
  }
  return {
    decision: outputs.decision ?? 'none',
    violations: JSON.parse(outputs.violations ?? 'null') as string[]
  }
}

const failing = (e: EvidenceRecord): string[] =>
  e.checks
    .filter((c) => c.status === 'fail' || c.status === 'error')
    .map((c) => c.id)

async function byCli(r: Running, run: GateRun, at: Date): Promise<Judged> {
  const out = await cli(
    [
      'check',
      '--repo',
      `${OWNER}/${REPO}`,
      '--environment',
      run.environment,
      '--sha',
      run.sha,
      '--deployer',
      run.actor,
      '--api-url',
      r.sim.url,
      '--format',
      'json'
    ],
    { GITHUB_TOKEN: run.token },
    {
      now: () => at,
      client: (o) => createClient({ ...o, retryBaseMs: 1 })
    }
  )
  const evidence = JSON.parse(out.stdout) as EvidenceRecord
  return { decision: evidence.decision, violations: failing(evidence) }
}

async function byServer(
  r: Running,
  w: ParityWorld,
  built: ReturnType<typeof withApp>
): Promise<Judged> {
  await r.send(r.event(built.run))
  const verdict = await verdictOf(built.run)
  const decided = r.logs.find(
    (l) => typeof l.msg === 'string' && l.msg.startsWith('decided: ')
  )
  expect({ world: w.name, decided: decided !== undefined }).toEqual({
    world: w.name,
    decided: true
  })
  const listed =
    typeof decided?.violations === 'string' ? decided.violations : ''
  return {
    decision: verdict.state === 'approved' ? 'allow' : 'block',
    violations: listed === '' ? [] : listed.split(',')
  }
}

async function byAudit(r: Running, run: GateRun): Promise<Judged> {
  const out = await cli(
    [
      'audit',
      '--repo',
      `${OWNER}/${REPO}`,
      '--environment',
      'production',
      '--since',
      '31d',
      '--api-url',
      r.sim.url,
      '--format',
      'json'
    ],
    { GITHUB_TOKEN: run.token },
    { client: (o) => createClient({ ...o, retryBaseMs: 1 }) }
  )
  if (out.stdout === '') throw new Error(`the audit failed: ${out.stderr}`)
  const report = JSON.parse(out.stdout) as AuditReport
  const entry = report.entries.find((e) => e.deployment.sha === run.sha)
  if (entry === undefined) {
    throw new Error(`the audit has no deployment of ${run.sha}: ${out.stderr}`)
  }
  return { decision: entry.decision, violations: entry.violations }
}

describe('every mode judges the same world the same way', () => {
  it.each(WORLDS.map((w) => ({ name: w.name, w })))(
    '$name',
    async ({ w }) => {
      const base = w.build()
      const built = withApp(base)
      const run = base.run
      // the production deployment is asked for now
      built.world.sim.now = new Date()
      const at = built.world.sim.now
      running = await start(built)
      if (w.fault !== undefined) running.sim.faults.add(w.fault)

      const modes: Record<string, Judged> = {
        action: await byAction(running, run, at),
        cli: await byCli(running, run, at),
        server: await byServer(running, w, built)
      }
      // the deployment the App let through (or not) runs now: the audit
      // judges it as of that moment
      const waiting = built.world.repo.data.deployments.find(
        (d) => d.runId === built.run.id && d.environment === 'production'
      )
      if (waiting === undefined) throw new Error('no production deployment')
      built.world.repo.deployment(waiting.id).status('success')
      modes.audit = await byAudit(running, run)

      const sorted = (j: Judged): Judged => ({
        decision: j.decision,
        violations: [...j.violations].sort()
      })
      const expected = sorted(w.expect)
      expect(
        Object.fromEntries(
          Object.entries(modes).map(([mode, j]) => [mode, sorted(j)])
        )
      ).toEqual({
        action: expected,
        cli: expected,
        server: expected,
        audit: expected
      })
    },
    60_000
  )
})
