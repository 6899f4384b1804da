// The one place an Octokit is built (STYLE habit 7). Retries and rate limits
// follow GitHub's guidance through @octokit/plugin-retry and
// @octokit/plugin-throttling, all inside one time budget: past it every call
// fails, so the gate blocks in bounded time instead of hanging.
// Guidance: docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api
// (retry-after, x-ratelimit-reset, secondary limits).

import { STATUS_CODES } from 'node:http'
import { Octokit } from '@octokit/core'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import Bottleneck from 'bottleneck/light.js'
import { GitHubApiError } from '../engine/index.js'
import type {
  GitHubPort,
  GraphQLError,
  GraphQLOptions,
  GraphQLResponse,
  Logger,
  RestResponse
} from '../engine/index.js'
import { toApiError } from './errors.js'
import { unreachable } from './unreachable.js'
import { proxyFetch } from './proxy.js'
import {
  VERSION_HEADER,
  graphqlRoute,
  schemaMismatch,
  unknownFields
} from './ghes.js'
import { usageMeter } from './usage.js'
import type { EarlyAnswer, EarlyRequests } from './early.js'

import { DEFAULT_API_URL, USER_AGENT, defaultGraphqlUrl } from './urls.js'

export { DEFAULT_API_URL, USER_AGENT, defaultGraphqlUrl } from './urls.js'

export interface ClientOptions {
  token: string
  /** REST base, e.g. https://api.github.com or https://ghe.example/api/v3 */
  apiUrl?: string
  /** GraphQL endpoint, e.g. https://api.github.com/graphql or https://ghe.example/api/graphql */
  graphqlUrl?: string
  logger: Logger
  /** total time for every call, retries included */
  timeoutMs: number
  /** longest a single attempt may take before it is abandoned and retried */
  attemptTimeoutMs?: number
  /** base of the retry back-off; tests shrink it */
  retryBaseMs?: number
  now?: () => number
  /** answers to requests sent before the client was built (early.ts) */
  early?: EarlyRequests
}

export interface RequestRecord {
  method: string
  url: string
  status: number | null
  ms: number
}

export interface GitHubClient extends GitHubPort {
  readonly requests: RequestRecord[]
}

// `unreachable` first: its error hook must run before the retry plugin's
const MyOctokit = Octokit.plugin(unreachable, retry, throttling)

export { proxyFetch } from './proxy.js'

/** Octokit's logger over ours: its warnings are ours, the rest is debug. */
export function octokitLog(log: Logger): {
  debug: (m: string) => void
  info: (m: string) => void
  warn: (m: string) => void
  error: (m: string) => void
} {
  return {
    debug: (m) => log.debug(m),
    info: (m) => log.debug(m),
    warn: (m) => log.warning(m),
    error: (m) => log.debug(m)
  }
}

export function createClient(options: ClientOptions): GitHubClient {
  const apiUrl = (options.apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, '')
  const graphqlUrl = options.graphqlUrl ?? defaultGraphqlUrl(apiUrl)
  const now = options.now ?? Date.now
  const deadline = now() + options.timeoutMs
  const attemptMs = options.attemptTimeoutMs ?? 30_000
  const retryBase = options.retryBaseMs ?? 1000
  const log = options.logger
  const requests: RequestRecord[] = []
  const meter = usageMeter()
  /** where GraphQL attempts go, as Octokit joins the route back */
  const graphqlTarget = graphqlUrl.replace(/\/+$/, '')
  /** the GHES version the server last said it runs, for schema errors */
  let serverVersion: string | undefined

  const remaining = (): number => deadline - now()
  /** wait `seconds` only if the budget allows it */
  const fits = (seconds: number): boolean => seconds * 1000 < remaining()

  const budget = `${Math.round(options.timeoutMs / 1000)}s`
  const baseFetch = proxyFetch(apiUrl) ?? globalThis.fetch
  /**
   * Every HTTP attempt, retries included, goes through here: it is counted
   * (with the budget its answer states), and it may take at most attemptMs and never outlive the time budget, so
   * a hung connection is abandoned (and retried while the budget allows).
   */
  const attemptFetch: typeof fetch = async (input, init) => {
    // octokit passes the URL as a string and the method; the rest is the type's
    const url =
      typeof input === 'string'
        ? input
        : input instanceof URL
          ? input.href
          : input.url
    const record: RequestRecord = {
      method: init?.method ?? 'GET',
      url,
      status: null,
      ms: 0
    }
    requests.push(record)
    meter.sent(url.split('?')[0] === graphqlTarget)
    const started = now()
    const left = remaining()
    if (left <= 0) {
      throw new GitHubApiError(
        `time budget of ${budget} spent before ${record.method} ${url}`,
        { hint: 'Raise the timeout-seconds input, or check GitHub status.' }
      )
    }
    const signals = [
      AbortSignal.timeout(Math.max(1, Math.min(attemptMs, left)))
    ]
    if (init?.signal) signals.push(init.signal)
    try {
      const signal = AbortSignal.any(signals)
      const response =
        (await earlyAnswer(options.early, record, init, signal)) ??
        (await baseFetch(input, { ...init, signal }))
      record.status = response.status
      meter.headers(response.headers)
      serverVersion = response.headers.get(VERSION_HEADER) ?? serverVersion
      return response
    } finally {
      record.ms = now() - started
    }
  }

  /** The call, retries and rate-limit waits included, ends by the deadline. */
  const withinBudget = async <R>(
    what: string,
    call: Promise<R>
  ): Promise<R> => {
    let timer: NodeJS.Timeout | undefined
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new GitHubApiError(
              `${what} did not succeed within the time budget of ${budget} (retries included)`,
              {
                hint: 'Raise the timeout-seconds input, or check GitHub status.'
              }
            )
          ),
        Math.max(0, remaining())
      )
    })
    try {
      return await Promise.race([call, expired])
    } finally {
      clearTimeout(timer)
    }
  }

  const endpoint = graphqlRoute(graphqlUrl)
  /** a request's URL in logs: GraphQL's whole, as it was asked for */
  const shown = (url: string): string =>
    url === endpoint.url ? graphqlUrl : url

  const octokit = new MyOctokit({
    auth: options.token,
    baseUrl: apiUrl,
    userAgent: USER_AGENT,
    request: { fetch: attemptFetch },
    log: octokitLog(log),
    retry: {
      // 4xx answers are decisions, not hiccups; rate limits are the
      // throttling plugin's to retry.
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
      retries: 3,
      retryAfterBaseValue: retryBase
    },
    throttle: {
      // Reads over GraphQL are POSTs; GitHub's one-second spacing is for
      // content-creating requests, and the gate writes at most two.
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
      retryAfterBaseValue: retryBase,
      onRateLimit: (retryAfter: number, o: { method: string; url: string }) => {
        const ok = fits(retryAfter)
        log.warning(
          `rate limit reached on ${o.method} ${shown(o.url)}; ${ok ? `retrying in ${retryAfter}s` : `reset in ${retryAfter}s is past the time budget`}`
        )
        return ok
      },
      onSecondaryRateLimit: (
        retryAfter: number,
        o: { method: string; url: string },
        _octokit: unknown,
        retryCount: number
      ) => {
        const ok = retryCount < 3 && fits(retryAfter)
        log.warning(
          `secondary rate limit on ${o.method} ${shown(o.url)}; ${ok ? `retrying in ${retryAfter}s` : 'giving up'}`
        )
        return ok
      }
    }
  })

  const rest = async <T>(
    route: string,
    params: Record<string, unknown> = {}
  ): Promise<RestResponse<T>> => {
    try {
      const response = await withinBudget(route, octokit.request(route, params))
      return {
        status: response.status,
        data: response.data as T,
        headers: response.headers
      }
    } catch (error) {
      throw toApiError(route, params, error, options.timeoutMs)
    }
  }

  const graphql = async <T>(
    query: string,
    variables: Record<string, unknown>,
    graphqlOptions: GraphQLOptions = {}
  ): Promise<GraphQLResponse<T>> => {
    const route = `POST ${graphqlUrl}`
    let body: unknown
    try {
      const response = await withinBudget(
        'POST /graphql',
        octokit.request({
          method: 'POST',
          ...endpoint,
          query,
          variables,
          // A query its caller can split is asked again smaller, not the
          // same (SPEC §9): no retry here.
          ...(graphqlOptions.splittable === true
            ? { request: { retries: 0 } }
            : {})
        })
      )
      body = response.data
    } catch (error) {
      throw toApiError('POST /graphql', {}, error, options.timeoutMs)
    }
    meter.graphqlBody(body)
    if (typeof body !== 'object' || body === null) {
      throw new GitHubApiError(
        `${route} answered with something that is not JSON`
      )
    }
    const { data, errors } = body as { data?: unknown; errors?: unknown }
    // A server older than the schema we query refuses the query whole.
    const unknown = unknownFields(Array.isArray(errors) ? errors : [])
    if (unknown.length > 0) {
      throw schemaMismatch({ fields: unknown, serverVersion })
    }
    const list: GraphQLError[] = Array.isArray(errors)
      ? errors.map((e: unknown) => {
          // Object(): null and undefined read as {}, an object as itself
          const err = Object(e) as Record<string, unknown>
          return {
            type: typeof err.type === 'string' ? err.type : undefined,
            message:
              typeof err.message === 'string'
                ? err.message
                : 'unknown GraphQL error',
            path: Array.isArray(err.path)
              ? (err.path as (string | number)[])
              : undefined
          }
        })
      : []
    if ((data === undefined || data === null) && list.length > 0) {
      throw new GitHubApiError(
        `GraphQL query failed: ${list.map((e) => e.message).join('; ')}`
      )
    }
    if (typeof data !== 'object' || data === null) {
      throw new GitHubApiError(`GraphQL answer had no data`)
    }
    return { data: data as T, errors: list }
  }

  return { rest, graphql, requests, usage: () => meter.usage() }
}

/**
 * The answer to this attempt's request if it was sent early, as a Response;
 * undefined when it was not, or when the early request failed (the attempt
 * then sends it itself, its retries untouched).
 */
export async function earlyAnswer(
  early: EarlyRequests | undefined,
  record: { method: string; url: string },
  init: RequestInit | undefined,
  signal: AbortSignal
): Promise<Response | undefined> {
  if (early === undefined) return undefined
  let body: unknown = null
  if (typeof init?.body === 'string') {
    try {
      body = JSON.parse(init.body)
    } catch {
      return undefined
    }
  }
  const pending = early.take(record.method, record.url, body)
  if (pending === undefined) return undefined
  let answer: EarlyAnswer
  try {
    answer = await Promise.race([pending, aborted(signal)])
  } catch (error) {
    if (signal.aborted) throw error
    return undefined
  }
  return earlyResponse(answer, record.url)
}

/**
 * The early answer as the Response Octokit reads (status, statusText, url,
 * headers to iterate and get, text, arrayBuffer, json). Not a `Response`:
 * Node builds that global from its bundled undici, whose loading on first
 * use costs more than the rest of a typical decision's work (SPEC §9: a
 * typical decision under 0.3 s).
 */
function earlyResponse(answer: EarlyAnswer, url: string): Response {
  const headers = new Map(
    Object.entries(answer.headers).map(([k, v]) => [k.toLowerCase(), v])
  )
  const text = (): Promise<string> =>
    Promise.resolve(answer.body.toString('utf8'))
  const like = {
    ok: answer.status >= 200 && answer.status < 300,
    status: answer.status,
    statusText: STATUS_CODES[answer.status] ?? '',
    url,
    redirected: false,
    body: null,
    headers: {
      get: (name: string): string | null =>
        headers.get(name.toLowerCase()) ?? null,
      has: (name: string): boolean => headers.has(name.toLowerCase()),
      [Symbol.iterator]: () => headers.entries(),
      entries: () => headers.entries(),
      forEach: (f: (value: string, key: string) => void): void =>
        headers.forEach((v, k) => f(v, k))
    },
    text,
    json: async (): Promise<unknown> => JSON.parse(await text()) as unknown,
    arrayBuffer: (): Promise<ArrayBuffer> =>
      Promise.resolve(new Uint8Array(answer.body).buffer)
  }
  return like as unknown as Response
}

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    const fail = (): void => reject(signal.reason as Error)
    if (signal.aborted) fail()
    else signal.addEventListener('abort', fail, { once: true })
  })
}
