// The App server against the simulator on 127.0.0.1: a demo world with the
// App installed and registered as production's custom protection rule, the
// simulator and the server on ephemeral ports, signed deliveries in.
import {
  deliver,
  deploymentProtectionRuleEvent,
  type Delivery as SentDelivery,
  type WebhookEvent
} from '../../test-support/sim/app.js'
import type { App, RunHandle } from '../../test-support/sim/model.js'
import { signWebhook } from '../../test-support/sim/app.js'
import {
  startSimulator,
  type SimulatorServer,
  type SimulatorServerOptions
} from '../../test-support/sim/server.js'
import type { GateRun, World } from '../../test-support/demo/scenarios.js'
import { parseConfig, type ServerConfig } from '../../src/server/config.js'
import { jsonLogger, type ServerLogger } from '../../src/server/log.js'
import type { Clock } from '../../src/server/retry.js'
import { GitHubApiError } from '../../src/engine/index.js'
import { RequestError } from '@octokit/request-error'
import {
  startServer,
  type GateServer,
  type GateServerOptions
} from '../../src/server/server.js'

/** SPEC §2's App permissions, plus what the `checks` check reads. */
export const APP_PERMISSIONS = {
  actions: 'read',
  contents: 'read',
  deployments: 'write',
  pull_requests: 'read',
  checks: 'read',
  statuses: 'read'
} as const

export interface AppWorld {
  world: World
  app: App
  run: RunHandle
  sha: string
}

/** A scenario's world with the App as production's protection rule. */
export function withApp(
  built: { world: World; run: GateRun },
  permissions: Partial<Record<string, 'read' | 'write'>> = APP_PERMISSIONS
): AppWorld {
  const { world, run } = built
  const app = world.sim.app({
    slug: 'promotion-gate',
    name: 'Promotion Gate',
    permissions
  })
  world.repo.install(app)
  world.repo.environment(run.environment, { customRules: [{ app }] })
  if (run.runId === null) throw new Error('the scenario has no run')
  return { world, app, run: world.repo.run(run.runId), sha: run.sha }
}

export interface Running {
  sim: SimulatorServer
  gate: GateServer
  config: ServerConfig
  /** every log line, parsed */
  logs: Record<string, unknown>[]
  /** raw log text (for "no secret in the log") */
  logText: () => string
  event(run: RunHandle, environment?: string): WebhookEvent
  send(event: WebhookEvent, secret?: string): Promise<SentDelivery>
  close(): Promise<void>
}

export async function start(
  aw: AppWorld,
  o: {
    env?: Record<string, string>
    sim?: SimulatorServerOptions
    server?: Partial<Omit<GateServerOptions, 'config' | 'logger'>>
    enterprise?: boolean
  } = {}
): Promise<Running> {
  const sim = await startSimulator(aw.world.sim, o.sim)
  const urls = o.enterprise === true ? sim.enterprise : sim
  const config = parseConfig({
    APP_ID: String(aw.app.id),
    PRIVATE_KEY: aw.app.privateKey,
    WEBHOOK_SECRET: aw.app.webhookSecret,
    HOST: '127.0.0.1',
    PORT: '0',
    GITHUB_API_URL: urls.url,
    GITHUB_GRAPHQL_URL: urls.graphqlUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    ...o.env
  })
  const lines: string[] = []
  const logger = jsonLogger(
    { write: (s: string) => lines.push(s) },
    {
      level: 'debug',
      secrets: [config.webhookSecret, config.privateKey]
    }
  )
  const gate = await startServer({
    config,
    logger,
    retryBaseMs: 20,
    ...o.server
  })
  return {
    sim,
    gate,
    config,
    get logs() {
      return lines
        .join('')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
    },
    logText: () => lines.join(''),
    event: (run, environment = 'production') =>
      deploymentProtectionRuleEvent({
        run,
        environment,
        app: aw.app,
        apiUrl: urls.url
      }),
    send: (event, secret = aw.app.webhookSecret) =>
      deliver(gate.webhookUrl, event, secret),
    close: async () => {
      await gate.shutdown()
      await sim.close()
    }
  }
}

/** The run's verdict once it arrives (polling the simulator's model). */
export async function verdictOf(
  run: RunHandle,
  timeoutMs = 20_000
): Promise<{ state: string; comment: string }> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const v = run.data.protectionVerdicts.at(-1)
    if (v !== undefined) return { state: v.state, comment: v.comment }
    if (Date.now() > until) throw new Error(`no verdict for run ${run.id}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** Time that passes only when slept: retries counted, never timed. */
export function fakeClock(): Clock & { slept: number[] } {
  let now = 1_000_000
  const slept: number[] = []
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms)
      now += ms
    }
  }
}

/** A logger that keeps every line, parsed. */
export function recordingLogger(): {
  logger: ServerLogger
  /** every line so far, parsed */
  lines: () => Record<string, unknown>[]
} {
  const text: string[] = []
  const logger = jsonLogger(
    { write: (s: string) => text.push(s) },
    { level: 'debug' }
  )
  return {
    logger,
    lines: () =>
      text
        .join('')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
  }
}

/** A GitHub API error as the client throws it. */
export const apiError = (
  status: number,
  message = `GitHub answered ${status}`
) => new GitHubApiError(message, { status })

/** An error as @octokit/auth-app throws it. */
export const octokitError = (status: number, message = `HTTP ${status}`) =>
  new RequestError(message, status, {
    request: { method: 'POST', url: 'https://api.github.test/x', headers: {} }
  })

/** A raw POST to the server, its JSON answer read. */
export async function post(
  url: string,
  body: string,
  headers: Record<string, string>
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers, body })
  const text = await res.text()
  return {
    status: res.status,
    body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>)
  }
}

/** The headers of a delivery of `body`, signed with the App\u2019s secret. */
export function signed(
  aw: AppWorld,
  body: string,
  event = 'deployment_protection_rule',
  delivery = '11111111-2222-3333-4444-555555555555'
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-github-event': event,
    'x-github-delivery': delivery,
    'x-hub-signature-256': signWebhook(aw.app.webhookSecret, body)
  }
}
