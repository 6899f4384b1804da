// The GitHub App's webhook server (SPEC §2, deployment protection rule).
//   POST {WEBHOOK_PATH}  deliveries: signature checked first (401), then
//                        202 at once and the decision in the background
//   GET  /healthz        200 (503 while draining) JSON: status and counts
// Anything else is 404, or 405 on a known path. Decisions run at most
// `concurrency` at a time; every accepted one is tracked until answered, so
// shutdown() can stop accepting, finish them within the grace period, and
// answer `rejected` (re-run the job) for whatever could not finish.

import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhooks } from '@octokit/webhooks'
import { getErrorMessage } from '../engine/index.js'
import {
  createClient,
  type ClientOptions,
  type GitHubClient
} from '../github/client.js'
import { VERSION } from '../version.js'
import type { ServerConfig } from './config.js'
import {
  appTokens,
  Job,
  type Delivery,
  type Outcome,
  type TokenSource
} from './decide.js'
import type { ServerLogger } from './log.js'
import { parsePayload } from './payload.js'

export const HEALTH_PATH = '/healthz'
/** GitHub caps webhook payloads at 25 MB; this event's are a few kB. */
const MAX_BODY = 5 * 1024 * 1024
/** how long an answer to a stopping server's leftover deliveries may take */
const ABANDON_BUDGET_MS = 5000

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

export interface Counts {
  /** POSTs to the webhook path */
  deliveries: number
  unauthorized: number
  malformed: number
  ignored: number
  accepted: number
  approved: number
  rejected: number
  /** accepted, but no verdict could be posted */
  unanswered: number
  /** rejected because the server stopped before deciding */
  abandoned: number
}

export interface Health {
  status: 'ok' | 'draining'
  version: string
  uptime_seconds: number
  /** accepted and not yet answered: running + queued */
  in_flight: number
  running: number
  queued: number
  counts: Counts
}

export interface ShutdownReport {
  /** decisions that finished within the grace period */
  finished: number
  /** decisions answered `rejected` because the grace period ended */
  abandoned: number
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

interface Tracked {
  job: Job
  /** holds a decision slot (else queued) */
  running: boolean
}

function send(
  res: http.ServerResponse,
  status: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {}
): void {
  const text = `${JSON.stringify(body)}\n`
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...headers
  })
  res.end(text)
}

function header(req: http.IncomingMessage, name: string): string | null {
  const v = req.headers[name]
  return typeof v === 'string' && v !== '' ? v : null
}

export async function startServer(o: GateServerOptions): Promise<GateServer> {
  const { config, logger } = o
  const webhooks = new Webhooks({ secret: config.webhookSecret })
  const tokens = o.tokens ?? appTokens(config, logger)
  const deps = {
    config,
    tokens,
    client: o.client ?? createClient,
    logger,
    now: o.now ?? (() => new Date()),
    callbackBudgetMs: o.callbackBudgetMs ?? 60_000,
    retryBaseMs: o.retryBaseMs ?? 1000
  }
  const started = Date.now()
  const counts: Counts = {
    deliveries: 0,
    unauthorized: 0,
    malformed: 0,
    ignored: 0,
    accepted: 0,
    approved: 0,
    rejected: 0,
    unanswered: 0,
    abandoned: 0
  }
  const inflight = new Map<string, Tracked>()
  let idleWaiters: (() => void)[] = []
  let draining = false
  let finished = 0

  // At most `concurrency` decisions at once; the rest wait in order.
  let active = 0
  const queue: (() => void)[] = []
  const acquire = (): Promise<void> => {
    if (active < config.concurrency) {
      active += 1
      return Promise.resolve()
    }
    return new Promise((resolve) => queue.push(resolve))
  }
  const release = (): void => {
    const next = queue.shift()
    if (next === undefined) active -= 1
    else next()
  }

  const health = (): Health => {
    const running = [...inflight.values()].filter((t) => t.running).length
    return {
      status: draining ? 'draining' : 'ok',
      version: VERSION,
      uptime_seconds: Math.floor((Date.now() - started) / 1000),
      in_flight: inflight.size,
      running,
      queued: inflight.size - running,
      counts: { ...counts }
    }
  }

  const track = (delivery: Delivery, abandonAtOnce: string | null): void => {
    const log = logger.child({
      delivery: delivery.id,
      repository: `${delivery.target.owner}/${delivery.target.repo}`,
      run: delivery.target.runId,
      environment: delivery.target.environment
    })
    const job = new Job(delivery, deps, log)
    const tracked: Tracked = { job, running: false }
    const work = async (): Promise<void> => {
      if (abandonAtOnce !== null) {
        const state = await job.abandon(abandonAtOnce, ABANDON_BUDGET_MS)
        counts.abandoned += 1
        if (state === null) counts.unanswered += 1
        else counts.rejected += 1
        return
      }
      await acquire()
      tracked.running = true
      try {
        if (job.isAnswered) return // abandoned while it waited
        const outcome = await job.run()
        if (job.wasAbandoned) return // counted by shutdown()
        if (outcome.state === 'approved') counts.approved += 1
        else if (outcome.state === 'rejected') counts.rejected += 1
        else counts.unanswered += 1
        finished += 1
        log.log('info', `done in ${outcome.ms} ms`, {
          state: outcome.state,
          ms: outcome.ms
        })
        o.onOutcome?.(delivery, outcome)
      } finally {
        release()
      }
    }
    void work()
      .catch((error: unknown) => {
        // Job.run catches what it expects; this is a bug, logged, not fatal.
        counts.unanswered += 1
        log.error(`unexpected error: ${getErrorMessage(error)}`)
      })
      .finally(() => {
        inflight.delete(delivery.id)
        if (inflight.size === 0) {
          const waiters = idleWaiters
          idleWaiters = []
          for (const w of waiters) w()
        }
      })
    inflight.set(delivery.id, tracked)
  }

  /** 401, logged; nothing else is done with the delivery. */
  const unauthorized = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    signature: string | null
  ): void => {
    counts.unauthorized += 1
    logger.log('warning', 'delivery refused: signature missing or wrong', {
      delivery: header(req, 'x-github-delivery'),
      remote: req.socket.remoteAddress ?? null
    })
    send(
      res,
      401,
      {
        message:
          signature === null
            ? 'missing X-Hub-Signature-256: the delivery is not signed'
            : 'X-Hub-Signature-256 does not match: check WEBHOOK_SECRET against the App\u2019s webhook secret'
      },
      signature === null ? { connection: 'close' } : {}
    )
  }

  const onWebhook = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: string
  ): Promise<void> => {
    const signature = header(req, 'x-hub-signature-256')
    let verified = false
    if (signature !== null && body !== '') {
      try {
        verified = await webhooks.verify(body, signature)
      } catch {
        verified = false
      }
    }
    if (!verified) {
      unauthorized(req, res, signature)
      return
    }
    const event = header(req, 'x-github-event')
    const id = header(req, 'x-github-delivery')
    if (event === null || id === null || !/^[A-Za-z0-9-]{1,100}$/.test(id)) {
      counts.malformed += 1
      send(res, 400, {
        message: 'missing X-GitHub-Event or X-GitHub-Delivery header'
      })
      return
    }
    const log = logger.child({ delivery: id, event })
    if (event === 'ping') {
      counts.ignored += 1
      log.info('ping')
      send(res, 200, { message: 'pong' })
      return
    }
    if (event !== 'deployment_protection_rule') {
      counts.ignored += 1
      log.info(`ignored: ${event} events are not acted on`)
      send(res, 202, { message: `ignored: ${event} events are not acted on` })
      return
    }
    let payload: unknown
    try {
      payload = JSON.parse(body)
    } catch {
      counts.malformed += 1
      log.warning('delivery refused: the body is not JSON')
      send(res, 400, {
        message:
          'the payload is not JSON: the App\u2019s webhook must send application/json'
      })
      return
    }
    const parsed = parsePayload(payload, config.apiUrl)
    const target = parsed.target
    if (target === null) {
      const problem = parsed.ok ? 'no callback' : parsed.problem
      counts.malformed += 1
      log.warning(`delivery refused: ${problem}`)
      send(res, 400, { message: `malformed payload: ${problem}` })
      return
    }
    if (inflight.has(id)) {
      log.info('a redelivery of a delivery still in progress: not repeated')
      send(res, 202, { message: 'already in progress', delivery: id })
      return
    }
    const delivery: Delivery = {
      id,
      receivedAt: Date.now(),
      target,
      deployment: parsed.ok ? parsed.deployment : null,
      problem: parsed.ok ? null : parsed.problem
    }
    counts.accepted += 1
    if (draining) {
      track(
        delivery,
        'the gate\u2019s server was shutting down when this deployment asked it'
      )
      send(
        res,
        503,
        {
          message:
            'shutting down: the deployment is rejected; re-run the job to ask again',
          delivery: id
        },
        { connection: 'close' }
      )
      return
    }
    track(delivery, null)
    if (!parsed.ok) {
      counts.malformed += 1
      log.warning(
        `malformed payload, rejecting the deployment: ${parsed.problem}`
      )
      send(res, 400, {
        message: `malformed payload: ${parsed.problem}; the deployment is being rejected`,
        delivery: id
      })
      return
    }
    log.log('info', 'accepted', {
      repository: `${target.owner}/${target.repo}`,
      run: target.runId,
      environment: target.environment,
      sha: parsed.deployment.sha
    })
    send(res, 202, { message: 'accepted', delivery: id })
  }

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/'
    const method = req.method ?? 'GET'
    if (draining) res.setHeader('connection', 'close')
    if (path === HEALTH_PATH) {
      if (method !== 'GET' && method !== 'HEAD') {
        send(res, 405, { message: 'use GET' }, { allow: 'GET, HEAD' })
        return
      }
      const h = health()
      send(res, draining ? 503 : 200, { ...h })
      return
    }
    if (path !== config.webhookPath) {
      send(res, 404, { message: 'not found' })
      return
    }
    if (method !== 'POST') {
      send(res, 405, { message: 'use POST' }, { allow: 'POST' })
      return
    }
    counts.deliveries += 1
    // Unsigned: refused before the body is read.
    if (header(req, 'x-hub-signature-256') === null) {
      unauthorized(req, res, null)
      req.resume()
      return
    }
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > MAX_BODY) {
      send(res, 413, { message: 'payload too large' }, { connection: 'close' })
      req.destroy()
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        send(
          res,
          413,
          { message: 'payload too large' },
          { connection: 'close' }
        )
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => {
      if (res.headersSent) return
      onWebhook(req, res, Buffer.concat(chunks).toString('utf8')).catch(
        (error: unknown) => {
          logger.error(`webhook handling failed: ${getErrorMessage(error)}`)
          if (!res.headersSent) send(res, 500, { message: 'internal error' })
        }
      )
    })
    req.on('error', () => undefined)
  })
  // Slow or stuck clients cannot hold the server.
  server.requestTimeout = 30_000
  server.headersTimeout = 15_000
  server.keepAliveTimeout = 5_000

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const shownHost =
    address.family === 'IPv6' ? `[${address.address}]` : address.address
  const url = `http://${shownHost}:${address.port}`
  logger.log('info', `listening on ${url}`, {
    url,
    webhook_path: config.webhookPath,
    health_path: HEALTH_PATH,
    api_url: config.apiUrl,
    app_id: config.appId,
    evidence_dir: config.evidenceDir
  })

  let stopping: Promise<ShutdownReport> | null = null
  const shutdown = (): Promise<ShutdownReport> => {
    stopping ??= (async () => {
      draining = true
      const closed = new Promise<void>((resolve) =>
        server.close(() => resolve())
      )
      server.closeIdleConnections()
      const waiting = inflight.size
      logger.log('info', `shutting down: ${waiting} decisions in flight`, {
        in_flight: waiting,
        grace_seconds: config.shutdownSeconds
      })
      const idle = new Promise<void>((resolve) => {
        if (inflight.size === 0) resolve()
        else idleWaiters.push(resolve)
      })
      let timer: NodeJS.Timeout | undefined
      const graceOver = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), config.shutdownSeconds * 1000)
      })
      const before = finished
      const late = (await Promise.race([idle, graceOver])) === 'late'
      clearTimeout(timer)
      let abandoned = 0
      if (late) {
        // a job already posting its verdict is left to finish
        const left = [...inflight.values()].filter((t) => !t.job.isAnswered)
        const reason = `the gate\u2019s server stopped before it finished deciding (grace period of ${config.shutdownSeconds}s)`
        const answers = await Promise.all(
          left.map((t) => t.job.abandon(reason, ABANDON_BUDGET_MS))
        )
        abandoned = answers.filter((a) => a !== null).length
        counts.abandoned += abandoned
        counts.rejected += abandoned
        counts.unanswered += answers.length - abandoned
        logger.log(
          'warning',
          `grace period over: ${abandoned} of ${left.length} unfinished decisions answered rejected`,
          { abandoned, unfinished: left.length }
        )
      }
      server.closeAllConnections()
      await closed
      const report = { finished: finished - before, abandoned }
      logger.log('info', 'stopped', { ...report })
      return report
    })()
    return stopping
  }

  return {
    url,
    webhookUrl: `${url}${config.webhookPath}`,
    port: address.port,
    health,
    shutdown
  }
}
