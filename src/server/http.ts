// The HTTP side of the server, and nothing it decides:
//   POST {webhookPath}  a delivery: unsigned ones refused before the body is
//                       read, bodies over MAX_BODY refused (413), the rest
//                       handed on with their body
//   GET  /healthz       what the health route says
// Anything else is 404, or 405 on a known path. Every answer is JSON.

import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { getErrorMessage } from '../engine/index.js'
import type { ServerLogger } from './log.js'

export const HEALTH_PATH = '/healthz'
/** GitHub caps webhook payloads at 25 MB; this event's are a few kB. */
const MAX_BODY = 5 * 1024 * 1024

/** An answer, as a route gives it. */
export interface Reply {
  status: number
  body: Record<string, unknown>
  headers?: Record<string, string>
}

/** A request, as a route sees it. */
export interface Incoming {
  /** a header's value; null when absent or empty */
  header(name: string): string | null
  /** the client's address, for the log */
  readonly remote: string | null
}

export interface Routes {
  webhookPath: string
  /** stopping: every connection is closed after its answer */
  draining(): boolean
  health(): Reply
  /** A POST to the webhook path before its body is read; a reply refuses it */
  arrived(req: Incoming): Reply | null
  /** Its body, once read. */
  delivery(req: Incoming, body: string): Promise<Reply>
}

export interface Listener {
  /** http://host:port */
  url: string
  port: number
  /** Stop accepting, close idle connections; resolves once all are closed. */
  stop(): Promise<void>
  /** Close the connections still open (after the last answers). */
  closeAll(): void
}

export async function listen(o: {
  host: string
  port: number
  routes: Routes
  logger: ServerLogger
}): Promise<Listener> {
  const server = http.createServer((req, res) => {
    handle({ req, res, routes: o.routes, logger: o.logger })
  })
  // Slow or stuck clients cannot hold the server.
  server.requestTimeout = 30_000
  server.headersTimeout = 15_000
  server.keepAliveTimeout = 5_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(o.port, o.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const shownHost =
    address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    stop: () => {
      const closed = new Promise<void>((resolve) =>
        server.close(() => resolve())
      )
      server.closeIdleConnections()
      return closed
    },
    closeAll: () => server.closeAllConnections()
  }
}

interface Exchange {
  req: http.IncomingMessage
  res: http.ServerResponse
  routes: Routes
  logger: ServerLogger
}

function handle(x: Exchange): void {
  const { req, res, routes } = x
  const path = (req.url ?? '/').split('?', 1)[0] ?? '/'
  const method = req.method ?? 'GET'
  if (routes.draining()) res.setHeader('connection', 'close')
  if (path === HEALTH_PATH) {
    if (method !== 'GET' && method !== 'HEAD') {
      send(res, {
        status: 405,
        body: { message: 'use GET' },
        headers: { allow: 'GET, HEAD' }
      })
      return
    }
    send(res, routes.health())
    return
  }
  if (path !== routes.webhookPath) {
    send(res, { status: 404, body: { message: 'not found' } })
    return
  }
  if (method !== 'POST') {
    send(res, {
      status: 405,
      body: { message: 'use POST' },
      headers: { allow: 'POST' }
    })
    return
  }
  const incoming = incomingOf(req)
  const refused = routes.arrived(incoming)
  if (refused !== null) {
    send(res, refused)
    req.resume()
    return
  }
  readBody(x, (body) => {
    routes.delivery(incoming, body).then(
      (reply) => send(res, reply),
      (error: unknown) => {
        x.logger.error(`webhook handling failed: ${getErrorMessage(error)}`)
        if (!res.headersSent) {
          send(res, { status: 500, body: { message: 'internal error' } })
        }
      }
    )
  })
}

/** The body, unless it is larger than MAX_BODY (413, connection closed). */
function readBody(x: Exchange, then: (body: string) => void): void {
  const { req, res } = x
  const tooLarge = (): void => {
    send(res, {
      status: 413,
      body: { message: 'payload too large' },
      headers: { connection: 'close' }
    })
    req.destroy()
  }
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) {
    tooLarge()
    return
  }
  const chunks: Buffer[] = []
  let size = 0
  req.on('data', (c: Buffer) => {
    size += c.length
    if (size > MAX_BODY) tooLarge()
    else chunks.push(c)
  })
  req.on('end', () => {
    if (res.headersSent) return
    then(Buffer.concat(chunks).toString('utf8'))
  })
  req.on('error', () => undefined)
}

function incomingOf(req: http.IncomingMessage): Incoming {
  return {
    header: (name) => {
      const v = req.headers[name]
      return typeof v === 'string' && v !== '' ? v : null
    },
    remote: req.socket.remoteAddress ?? null
  }
}

function send(res: http.ServerResponse, reply: Reply): void {
  const text = `${JSON.stringify(reply.body)}\n`
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...reply.headers
  })
  res.end(text)
}
