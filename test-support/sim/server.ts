// The simulator's HTTP server: REST and GraphQL on 127.0.0.1, GitHub's
// headers on every answer, a request log, and injectable faults.
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { errorAnswer, notFound, type Answer } from './http.js'
import { executeGraphql, type GraphqlAnswer } from './graphql.js'
import {
  DEFAULT_POINTS_PER_HOUR,
  GraphqlBudgets,
  type BudgetState,
  type PointsPerHour
} from './graphql-budget.js'
import { handleRest } from './rest.js'
import { handleAppRequest } from './app.js'
import type { Simulator, Token } from './model.js'

export interface RequestLog {
  method: string
  /** path and query as sent (GHES prefix included) */
  path: string
  status: number
  durationMs: number
  graphql: boolean
  /** GraphQL operation name, when one was given */
  operationName?: string
  /** GraphQL: points charged (0 when refused), once the query was costed */
  points?: number
  /** GraphQL: the nodes the query may return, as GitHub counts them */
  nodes?: number
  /** the fault that answered, if any */
  fault?: FaultKind
}

export type FaultKind =
  | 'status'
  | 'secondary-rate-limit'
  | 'primary-rate-limit'
  | 'hang'
  | 'invalid-json'
  | 'graphql-errors'
  | 'latency'

interface FaultMatch {
  /** HTTP method, any case */
  method?: string
  /** tested against the path without the GHES prefix and without the query */
  path?: RegExp
  /** true: GraphQL requests only; false: REST only */
  graphql?: boolean
  /** how many matching requests it affects (default: all) */
  times?: number
}

export type FaultSpec = FaultMatch &
  (
    | { kind: 'status'; status: number; body?: unknown }
    | { kind: 'secondary-rate-limit'; retryAfter?: number }
    | {
        kind: 'primary-rate-limit'
        status?: 403 | 429
        resetInSeconds?: number
      }
    | { kind: 'hang' }
    | { kind: 'invalid-json' }
    | { kind: 'graphql-errors'; errors?: Record<string, unknown>[] }
    | { kind: 'latency'; ms: number }
  )

export interface Fault {
  readonly id: number
  readonly spec: FaultSpec
  /** requests it has affected */
  hits: number
  /** requests it may still affect (Infinity when unbounded) */
  remaining: number
}

export interface Faults {
  add(spec: FaultSpec): Fault
  remove(fault: Fault): void
  clear(): void
  readonly list: readonly Fault[]
}

export interface SimulatorServerOptions {
  /** delay before every answer */
  latencyMs?: number
  /** REST `x-ratelimit-limit` for installation tokens (GITHUB_TOKEN: 1000) */
  rateLimit?: number
  /**
   * GraphQL points per hour by token kind (default: GITHUB_TOKEN 1,000, App
   * installation 5,000), spent by each query's cost (graphql-cost.ts).
   */
  graphqlPointsPerHour?: Partial<PointsPerHour>
  /**
   * Length of the GraphQL budget's window in seconds (default: GitHub's
   * hour, graphql-budget.ts); shorter lets a bench pace in real time.
   */
  graphqlWindowSeconds?: number
  /** the clock the GraphQL budget's windows run on, epoch ms (default: Date.now) */
  graphqlClock?: () => number
  /**
   * The clock GitHub App JWTs and installation-token expiry are checked
   * against. Default: the wall clock, which clients such as
   * @octokit/auth-app sign with (the model's clock is `sim.now`).
   */
  authClock?: () => Date
  /**
   * GitHub ends a query that runs past 10 s with a 502 and still charges
   * its points ("Rate limits and query limits for the GraphQL API",
   * Timeouts; github.blog/changelog/2025-07-21-including-timeouts-in-primary-rate-limits).
   * How long a query runs is not the model's to know; its size is what
   * makes it run long: a query that may return more nodes than this is
   * answered as timed out.
   */
  cutOffOverNodes?: number
}

export interface SimulatorServer {
  /** REST base, e.g. `http://127.0.0.1:43121` (GITHUB_API_URL) */
  url: string
  /** `${url}/graphql` (GITHUB_GRAPHQL_URL) */
  graphqlUrl: string
  /** GHES-style bases: `${origin}/api/v3` and `${origin}/api/graphql` */
  enterprise: { url: string; graphqlUrl: string }
  port: number
  requests: RequestLog[]
  resetLog(): void
  faults: Faults
  close(): Promise<void>
}

const GRAPHQL_DOCS = 'https://docs.github.com/graphql'

/**
 * Secondary rate limit: 403 with `retry-after` and this message.
 * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits
 * (octokit's throttling plugin recognises it by /\bsecondary rate\b/i.)
 */
function secondaryMessage(requestId: string): string {
  return `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`
}

function requestId(): string {
  const h = (n: number) => randomBytes(n).toString('hex').toUpperCase()
  return `${h(2)}:${h(2)}:${h(3)}:${h(3)}:${h(4)}`
}

class FaultList implements Faults {
  private next = 1
  private faults: Fault[] = []

  get list(): readonly Fault[] {
    return this.faults
  }

  add(spec: FaultSpec): Fault {
    const f: Fault = {
      id: this.next++,
      spec,
      hits: 0,
      remaining: spec.times ?? Infinity
    }
    this.faults.push(f)
    return f
  }

  remove(fault: Fault): void {
    this.faults = this.faults.filter((f) => f !== fault)
  }

  clear(): void {
    this.faults = []
  }

  /** Matching faults, in the order added; counts them as used. */
  take(method: string, path: string, graphql: boolean): Fault[] {
    const out: Fault[] = []
    for (const f of this.faults) {
      const s = f.spec
      if (f.remaining <= 0) continue
      if (s.method !== undefined && s.method.toUpperCase() !== method) continue
      if (s.graphql !== undefined && s.graphql !== graphql) continue
      if (s.path !== undefined && !s.path.test(path)) continue
      f.remaining -= 1
      f.hits += 1
      out.push(f)
      // latency faults stack with the one that decides the answer
      if (s.kind !== 'latency') break
    }
    return out
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** Start the simulator's server on 127.0.0.1 (a free port). */
export async function startSimulator(
  sim: Simulator,
  options: SimulatorServerOptions = {}
): Promise<SimulatorServer> {
  const requests: RequestLog[] = []
  const faults = new FaultList()
  const used = new Map<string, number>()
  const resetAt = Math.floor(Date.now() / 1000) + 3600
  const budgets = new GraphqlBudgets(
    { ...DEFAULT_POINTS_PER_HOUR, ...options.graphqlPointsPerHour },
    options.graphqlClock,
    options.graphqlWindowSeconds
  )
  let origin = ''

  // GraphQL answers count points, not requests
  // https://docs.github.com/en/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api#checking-the-status-of-your-primary-rate-limit
  const pointHeaders = (b: BudgetState): Record<string, string> => ({
    'x-ratelimit-limit': String(b.limit),
    'x-ratelimit-remaining': String(b.remaining),
    'x-ratelimit-reset': String(b.reset),
    'x-ratelimit-used': String(b.used),
    'x-ratelimit-resource': 'graphql'
  })

  const rateHeaders = (token: Token | null, graphql: boolean) => {
    if (graphql && token !== null) return pointHeaders(budgets.peek(token))
    // GITHUB_TOKEN: 1,000 requests per hour per repository
    // https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#primary-rate-limit-for-github_token-in-github-actions
    const limit =
      token?.kind === 'github_token' ? 1000 : (options.rateLimit ?? 5000)
    const key = `${token?.value ?? ''}:${graphql ? 'graphql' : 'core'}`
    const n = (used.get(key) ?? 0) + 1
    used.set(key, n)
    return {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, limit - n)),
      'x-ratelimit-reset': String(resetAt),
      'x-ratelimit-used': String(n),
      'x-ratelimit-resource': graphql ? 'graphql' : 'core'
    }
  }

  const server = http.createServer((req, res) => {
    const started = performance.now()
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      void answer(req, res, Buffer.concat(chunks).toString('utf8'), started)
    })
  })

  const answer = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    rawBody: string,
    started: number
  ): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase()
    const url = new URL(req.url ?? '/', origin)
    let path = url.pathname.replace(/\/+$/, '') || '/'
    let ghes = false
    if (path.startsWith('/api/v3/') || path === '/api/v3') {
      ghes = true
      path = path.slice('/api/v3'.length) || '/'
    }
    const graphql = path === '/graphql' || path === '/api/graphql'
    if (path === '/api/graphql') ghes = true
    const apiBase = ghes ? `${origin}/api/v3` : origin
    const log: RequestLog = {
      method,
      path: `${url.pathname}${url.search}`,
      status: 0,
      durationMs: 0,
      graphql
    }
    requests.push(log)
    const rid = requestId()

    let parsed: unknown = undefined
    let parseError = false
    if (rawBody !== '') {
      try {
        parsed = JSON.parse(rawBody)
      } catch {
        parseError = true
      }
    }
    if (graphql && typeof parsed === 'object' && parsed !== null) {
      const op = (parsed as { operationName?: unknown }).operationName
      if (typeof op === 'string') log.operationName = op
      else {
        const q = (parsed as { query?: unknown }).query
        const m =
          typeof q === 'string'
            ? /^\s*(?:query|mutation)\s+(\w+)/.exec(q)
            : null
        if (m?.[1] !== undefined) log.operationName = m[1]
      }
    }

    const auth = req.headers.authorization ?? ''
    const m = /^(?:token|bearer)\s+(\S+)$/i.exec(auth)
    const authNow = options.authClock?.() ?? new Date()
    const found = m?.[1] === undefined ? null : (sim.tokens.get(m[1]) ?? null)
    // "Using an expired token produces a status code of 401 - Unauthorized"
    // https://docs.github.com/en/rest/apps/apps#create-an-installation-access-token-for-an-app
    const token =
      found?.expiresAt !== undefined && found.expiresAt <= authNow
        ? null
        : found

    const send = async (a: Answer, fault?: FaultKind): Promise<void> => {
      if (options.latencyMs !== undefined && options.latencyMs > 0) {
        await sleep(options.latencyMs)
      }
      const headers: Record<string, string> = {
        'content-type': 'application/json; charset=utf-8',
        'x-github-request-id': rid,
        'x-github-media-type': 'github.v3; format=json',
        'x-github-api-version-selected': '2022-11-28',
        ...rateHeaders(token, graphql),
        ...(a.headers ?? {})
      }
      const text = a.raw ?? JSON.stringify(a.body)
      headers['content-length'] = String(Buffer.byteLength(text))
      if (!res.destroyed) {
        res.writeHead(a.status, headers)
        res.end(text)
      }
      log.status = a.status
      log.durationMs = performance.now() - started
      if (fault !== undefined) log.fault = fault
    }

    // faults first: they stand for the network and GitHub's front end
    const hit = faults.take(method, path, graphql)
    let deciding: Fault | undefined
    for (const f of hit) {
      if (f.spec.kind === 'latency') await sleep(f.spec.ms)
      else deciding = f
    }
    if (deciding !== undefined) {
      const s = deciding.spec
      switch (s.kind) {
        case 'hang':
          // accept and never answer; close() ends the socket
          log.fault = 'hang'
          return
        case 'status':
          await send(
            {
              status: s.status,
              body:
                s.body ??
                (graphql
                  ? {
                      message: http.STATUS_CODES[s.status] ?? 'Error',
                      documentation_url: GRAPHQL_DOCS
                    }
                  : errorAnswer(
                      s.status,
                      http.STATUS_CODES[s.status] ?? 'Error'
                    ).body)
            },
            'status'
          )
          return
        case 'secondary-rate-limit':
          await send(
            {
              ...errorAnswer(
                403,
                secondaryMessage(rid),
                'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits'
              ),
              headers: { 'retry-after': String(s.retryAfter ?? 60) }
            },
            'secondary-rate-limit'
          )
          return
        case 'primary-rate-limit': {
          const reset = Math.floor(Date.now() / 1000) + (s.resetInSeconds ?? 60)
          const who =
            token === null
              ? 'user ID 0'
              : `installation ID ${token.installationId}`
          // REST: 403 or 429 with x-ratelimit-remaining: 0 and the reset.
          // GraphQL: the same status with errors[].type RATE_LIMITED, as
          // @octokit/plugin-throttling detects it (a non-2xx answer whose
          // data.errors has type RATE_LIMITED, or remaining "0").
          // https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-primary-rate-limit
          const body = graphql
            ? {
                errors: [
                  {
                    type: 'RATE_LIMITED',
                    code: 'graphql_rate_limit',
                    message: `API rate limit already exceeded for ${who}.`
                  }
                ]
              }
            : errorAnswer(
                s.status ?? 403,
                `API rate limit exceeded for ${who}.`,
                'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api'
              ).body
          const limit =
            token?.kind === 'github_token' ? 1000 : (options.rateLimit ?? 5000)
          await send(
            {
              status: s.status ?? 403,
              body,
              headers: {
                'x-ratelimit-remaining': '0',
                'x-ratelimit-used': String(limit),
                'x-ratelimit-reset': String(reset)
              }
            },
            'primary-rate-limit'
          )
          return
        }
        case 'invalid-json':
          await send(
            { status: 200, body: null, raw: '{"data": {"repository": ' },
            'invalid-json'
          )
          return
        case 'graphql-errors':
          break
        case 'latency':
          break
      }
    }

    // GitHub App routes take a JWT, not a token (app.ts)
    const appAnswer = graphql
      ? null
      : handleAppRequest(sim, {
          method,
          path,
          credential: m?.[1] ?? null,
          body: parsed,
          parseError,
          ctx: { sim, api: apiBase, web: sim.webUrl, token: null },
          now: authNow
        })
    if (appAnswer !== null) {
      await send(appAnswer)
      return
    }

    if (token === null) {
      // https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api#bad-credentials
      await send(
        graphql
          ? {
              status: 401,
              body: {
                message: 'Bad credentials',
                documentation_url: GRAPHQL_DOCS
              }
            }
          : errorAnswer(401, 'Bad credentials')
      )
      return
    }
    if (parseError) {
      await send(errorAnswer(400, 'Problems parsing JSON'))
      return
    }

    const ctx = { sim, api: apiBase, web: sim.webUrl, token }
    let result: Answer
    try {
      if (graphql) {
        if (method !== 'POST') result = notFound()
        else {
          const g: GraphqlAnswer = await executeGraphql(
            sim,
            token,
            parsed,
            ctx,
            budgets
          )
          result = g
          if (g.cost !== undefined) {
            log.points = g.cost.points
            log.nodes = g.cost.nodes
          }
          if (g.budget !== undefined) {
            result = {
              ...g,
              headers: { ...g.headers, ...pointHeaders(g.budget) }
            }
          }
          const cutOff = options.cutOffOverNodes
          if (
            cutOff !== undefined &&
            g.cost !== undefined &&
            g.cost.nodes > cutOff
          ) {
            result = {
              status: 502,
              body: { message: 'Server Error' },
              headers: result.headers
            }
          }
          if (deciding?.spec.kind === 'graphql-errors') {
            const body = result.body as { data?: unknown; errors?: unknown[] }
            const extra = deciding.spec.errors ?? [
              {
                type: 'SERVICE_UNAVAILABLE',
                message: `Something went wrong while executing your query. This may be the result of a timeout, or it could be a GitHub bug. Please include \`${rid}\` when reporting this issue.`
              }
            ]
            result = {
              ...result,
              body: {
                data: body.data ?? null,
                errors: [...(body.errors ?? []), ...extra]
              }
            }
          }
        }
      } else {
        result = handleRest(sim, {
          method,
          path,
          url: new URL(`${apiBase}${path}${url.search}`),
          query: url.searchParams,
          body: parsed,
          token,
          ctx
        })
      }
    } catch (e) {
      result = errorAnswer(
        500,
        `Simulator error: ${e instanceof Error ? e.message : String(e)}`
      )
    }
    await send(
      result,
      deciding?.spec.kind === 'graphql-errors' ? 'graphql-errors' : undefined
    )
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  origin = `http://127.0.0.1:${port}`
  return {
    url: origin,
    graphqlUrl: `${origin}/graphql`,
    enterprise: {
      url: `${origin}/api/v3`,
      graphqlUrl: `${origin}/api/graphql`
    },
    port,
    requests,
    resetLog: () => {
      requests.length = 0
    },
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
