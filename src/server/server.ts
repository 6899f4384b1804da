// The GitHub App's webhook server (SPEC §2, deployment protection rule),
// composed of: the HTTP listener (http.ts), the webhook's reading of a
// delivery (webhook.ts), the accepted deliveries and their decisions
// (deliveries.ts, job.ts) and /healthz (health.ts).
//   POST {WEBHOOK_PATH}  deliveries: signature checked first (401), then
//                        202 at once and the decision in the background
//   GET  /healthz        200 (503 while draining) JSON: status and counts
// shutdown() stops accepting, finishes what is in flight within the grace
// period, and answers `rejected` (re-run the job) for what could not finish.

import {
  createClient,
  type ClientOptions,
  type GitHubClient
} from '../github/client.js'
import type { ServerConfig } from './config.js'
import { Deliveries, type ShutdownReport } from './deliveries.js'
import { healthOf, newCounts, type Health } from './health.js'
import { HEALTH_PATH, listen, type Listener } from './http.js'
import type { Delivery, JobDeps, Outcome } from './job.js'
import type { ServerLogger } from './log.js'
import { appTokens, type TokenSource } from './tokens.js'
import { WebhookReceiver } from './webhook.js'

export { HEALTH_PATH } from './http.js'
export type { ShutdownReport } from './deliveries.js'
export type { Counts, Health } from './health.js'

export interface GateServerOptions {
  config: ServerConfig
  logger: ServerLogger
  /** default: the App's tokens through @octokit/auth-app */
  tokens?: TokenSource
  /** default: createClient (tests wrap it to see which token is used) */
  client?: (options: ClientOptions) => GitHubClient
  now?: () => Date
  /** how long to keep retrying a verdict GitHub did not take (default 60 s) */
  callbackBudgetMs?: number
  /** back-off base of those retries (default 1 s) */
  retryBaseMs?: number
  /** called once per accepted delivery when its work ends */
  onOutcome?: (delivery: Delivery, outcome: Outcome) => void
}

export interface GateServer {
  /** http://host:port */
  url: string
  webhookUrl: string
  port: number
  health(): Health
  /** stop accepting, finish in-flight decisions within the grace period */
  shutdown(): Promise<ShutdownReport>
}

export async function startServer(o: GateServerOptions): Promise<GateServer> {
  const { config, logger } = o
  const startedAt = Date.now()
  const counts = newCounts()
  const deliveries = new Deliveries({
    concurrency: config.concurrency,
    counts,
    logger,
    deps: jobDeps(o),
    onOutcome: o.onOutcome
  })
  const webhook = new WebhookReceiver({ config, logger, counts, deliveries })
  const health = (): Health =>
    healthOf({
      draining: deliveries.draining,
      startedAt,
      inFlight: deliveries.inFlight,
      running: deliveries.running,
      counts
    })
  const listener = await listen({
    host: config.host,
    port: config.port,
    logger,
    routes: {
      webhookPath: config.webhookPath,
      draining: () => deliveries.draining,
      health: () => {
        const h = health()
        return { status: h.status === 'ok' ? 200 : 503, body: { ...h } }
      },
      arrived: (req) => webhook.arrived(req),
      delivery: (req, body) => webhook.receive(req, body)
    }
  })
  logger.log('info', `listening on ${listener.url}`, {
    url: listener.url,
    webhook_path: config.webhookPath,
    health_path: HEALTH_PATH,
    api_url: config.apiUrl,
    app_id: config.appId,
    evidence_dir: config.evidenceDir
  })
  if (config.evidenceDir === null) {
    // GitHub keeps only the verdict's comment: the directory is the record
    logger.log(
      'warning',
      'PROMOTION_GATE_EVIDENCE_DIR is not set: decisions keep no evidence record beyond the comment on each run; set it to a durable directory, which is the record an auditor asks for',
      { evidence_dir: null }
    )
  }
  let stopping: Promise<ShutdownReport> | null = null
  return {
    url: listener.url,
    webhookUrl: `${listener.url}${config.webhookPath}`,
    port: listener.port,
    health,
    shutdown: () => {
      stopping ??= shutdown({ deliveries, listener, config, logger })
      return stopping
    }
  }
}

function jobDeps(o: GateServerOptions): JobDeps {
  return {
    config: o.config,
    tokens: o.tokens ?? appTokens(o.config, o.logger),
    client: o.client ?? createClient,
    now: o.now ?? (() => new Date()),
    callbackBudgetMs: o.callbackBudgetMs ?? 60_000,
    retryBaseMs: o.retryBaseMs ?? 1000
  }
}

/** Stop accepting, drain what is in flight, then close every connection. */
async function shutdown(o: {
  deliveries: Deliveries
  listener: Listener
  config: ServerConfig
  logger: ServerLogger
}): Promise<ShutdownReport> {
  o.deliveries.stopAccepting()
  const closed = o.listener.stop()
  const report = await o.deliveries.drain(o.config.shutdownSeconds)
  o.listener.closeAll()
  await closed
  o.logger.log('info', 'stopped', { ...report })
  return report
}
