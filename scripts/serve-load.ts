// npm run bench:serve: `promotion-gate serve` under concurrent deliveries.
// The simulator plays GitHub with a fixed latency per request (100 ms by
// default, as npm run bench); the App server runs in this process on
// 127.0.0.1; N signed deployment_protection_rule deliveries, one per
// distinct workflow run, go out at once. Half the runs are started by dora
// (independent: approved), half by alice, who wrote the change
// (deployer_independent: rejected for segregation), so every verdict has a
// known right answer. Prints, per delivery, the time from sending it to the
// verdict reaching the simulator (min / median / p95 / max), the API
// requests per decision, and whether every verdict was right.
//
//   npm run bench:serve
//   npm run bench:serve -- --latency 50 --deliveries 40 --concurrency 8

import { cpus } from 'node:os'
import { parseArgs } from 'node:util'
import { reviewedChange, standard } from '../test-support/demo/scenarios.js'
import { parseConfig } from '../src/server/config.js'
import { jsonLogger } from '../src/server/log.js'
import { startServer } from '../src/server/server.js'
import type { Outcome } from '../src/server/job.js'
import {
  deliver,
  deploymentProtectionRuleEvent
} from '../test-support/sim/app.js'
import type { RunHandle } from '../test-support/sim/model.js'
import { startSimulator } from '../test-support/sim/server.js'

const DEFAULT_LATENCY_MS = 100
const DEFAULT_DELIVERIES = 20
const TIMEOUT_MS = 120_000

function options(argv: string[]): {
  latencyMs: number
  deliveries: number
  concurrency: number | null
} {
  const { values } = parseArgs({
    args: argv,
    options: {
      latency: { type: 'string' },
      deliveries: { type: 'string' },
      concurrency: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false }
    },
    strict: true,
    allowPositionals: false
  })
  if (values.help === true) {
    console.log(
      'usage: npm run bench:serve -- [--latency <ms>] [--deliveries <n>] [--concurrency <n>]'
    )
    process.exit(0)
  }
  const whole = (raw: string | undefined, fallback: number, min: number) => {
    if (raw === undefined) return fallback
    const n = Number(raw)
    if (!Number.isInteger(n) || n < min) {
      throw new Error(`wanted a whole number of at least ${min}, not ${raw}`)
    }
    return n
  }
  return {
    latencyMs: whole(values.latency, DEFAULT_LATENCY_MS, 0),
    deliveries: whole(values.deliveries, DEFAULT_DELIVERIES, 1),
    concurrency:
      values.concurrency === undefined ? null : whole(values.concurrency, 1, 1)
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  const i = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1
  )
  return sorted[Math.max(0, i)] as number
}

const ms = (n: number) => `${Math.round(n)} ms`

async function main(): Promise<number> {
  const o = options(process.argv.slice(2))

  // The world: a reviewed change promoted through development and staging,
  // the App installed and production's custom protection rule.
  const built = standard(reviewedChange)
  const { world, sha } = built
  const app = world.sim.app({
    slug: 'promotion-gate',
    permissions: {
      actions: 'read',
      contents: 'read',
      deployments: 'write',
      pull_requests: 'read',
      checks: 'read',
      statuses: 'read'
    }
  })
  world.repo.install(app)
  world.repo.environment('production', { customRules: [{ app }] })
  const runs: { run: RunHandle; expected: 'approved' | 'rejected' }[] =
    Array.from({ length: o.deliveries }, (_, i) => {
      const independent = i % 2 === 0
      return {
        run: world.repo.workflowRun({
          actor: independent ? world.people.dora : world.people.alice,
          headSha: sha
        }),
        expected: independent ? 'approved' : 'rejected'
      }
    })

  const sim = await startSimulator(world.sim, { latencyMs: o.latencyMs })
  const config = parseConfig({
    APP_ID: String(app.id),
    PRIVATE_KEY: app.privateKey,
    WEBHOOK_SECRET: app.webhookSecret,
    HOST: '127.0.0.1',
    PORT: '0',
    GITHUB_API_URL: sim.url,
    GITHUB_GRAPHQL_URL: sim.graphqlUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    ...(o.concurrency === null
      ? {}
      : { PROMOTION_GATE_CONCURRENCY: String(o.concurrency) })
  })
  const errors: string[] = []
  const logger = jsonLogger(
    {
      write: (line: string) => {
        const l = JSON.parse(line) as { level: string; msg: string }
        if (l.level === 'error') errors.push(l.msg)
      }
    },
    { level: 'warning' }
  )
  const outcomes = new Map<string, Outcome>()
  const gate = await startServer({
    config,
    logger,
    onOutcome: (d, outcome) => outcomes.set(d.id, outcome)
  })

  const events = runs.map(({ run }) =>
    deploymentProtectionRuleEvent({
      run,
      environment: 'production',
      app,
      apiUrl: sim.url
    })
  )
  sim.resetLog()
  const started = performance.now()
  const results = await Promise.all(
    runs.map(async ({ run, expected }, i) => {
      const event = events[i]!
      const sent = performance.now()
      const answer = await deliver(gate.webhookUrl, event, app.webhookSecret)
      const acceptedMs = performance.now() - sent
      const until = Date.now() + TIMEOUT_MS
      while (run.data.protectionVerdicts.length === 0) {
        if (Date.now() > until) break
        await new Promise((r) => setTimeout(r, 2))
      }
      const verdict = run.data.protectionVerdicts.at(-1)
      return {
        id: event.id,
        status: answer.status,
        acceptedMs,
        ms: performance.now() - sent,
        expected,
        state: verdict?.state ?? null,
        verdicts: run.data.protectionVerdicts.length
      }
    })
  )
  const wall = performance.now() - started
  const requests = [...sim.requests]
  await gate.shutdown()
  await sim.close()

  const times = results.map((r) => r.ms).sort((a, b) => a - b)
  const accepted = results.map((r) => r.acceptedMs).sort((a, b) => a - b)
  const decisionRequests = results.map(
    (r) => outcomes.get(r.id)?.requests ?? NaN
  )
  const mints = requests.filter((r) =>
    /\/app\/installations\/\d+\/access_tokens$/.test(r.path)
  ).length
  const callbacks = requests.filter((r) =>
    r.path.endsWith('/deployment_protection_rule')
  ).length
  const right = results.filter(
    (r) => r.status === 202 && r.state === r.expected && r.verdicts === 1
  ).length

  console.log(
    `promotion-gate serve under load: node ${process.version}, ${cpus().length} CPUs, ` +
      `${o.latencyMs} ms per simulated GitHub request, ${o.deliveries} concurrent ${o.deliveries === 1 ? 'delivery' : 'deliveries'}, ` +
      `${config.concurrency} decisions at a time`
  )
  console.log('')
  console.log(
    `webhook answered (202):   min ${ms(accepted[0]!)}, median ${ms(percentile(accepted, 50))}, max ${ms(accepted.at(-1)!)}`
  )
  console.log(
    `delivery -> verdict:      min ${ms(times[0]!)}, median ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}, max ${ms(times.at(-1)!)}`
  )
  console.log(`all ${o.deliveries} verdicts in:     ${ms(wall)}`)
  const per = [...new Set(decisionRequests)].sort((a, b) => a - b)
  console.log(
    `API requests per decision: ${per.join(' or ')} (the run, then the engine), ` +
      `+ 1 callback each; ${mints} installation token minted for all; ` +
      `${requests.length} requests in all = ${(requests.length / o.deliveries).toFixed(2)} per delivery`
  )
  console.log(`callbacks posted:         ${callbacks}`)
  // The simulator shares this process's one JavaScript thread with the
  // server and the engine: its answers come later than the fixed latency
  // by its own work and by waiting for the thread.
  const extra =
    requests.reduce(
      (sum, r) => sum + Math.max(0, r.durationMs - o.latencyMs),
      0
    ) / Math.max(1, requests.length)
  console.log(
    `simulator answers:        ${ms(extra)} later than the fixed latency on average (one thread shared with the server)`
  )
  console.log(
    `verdicts right:           ${right} of ${o.deliveries} ` +
      `(${results.filter((r) => r.expected === 'approved').length} approved expected, ` +
      `${results.filter((r) => r.expected === 'rejected').length} rejected for segregation expected)`
  )
  for (const e of errors) console.log(`error logged: ${e}`)
  return right === o.deliveries ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error))
    process.exit(1)
  }
)
