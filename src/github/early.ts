// The first requests of a decision, sent the moment the inputs are read and
// before the client and the engine have loaded (SPEC §9: the first request
// under 100 ms of the start; loading the rest takes longer than that). They
// go out over node:http(s), which Node has ready, not fetch, whose first use
// alone loads a large module. The client (client.ts) takes each answer in
// place of sending the same request again; a request it never makes, or
// one that failed here, leaves nothing behind: the client then asks for
// itself, with its retries and its budget.

import type { FirstAsks, RestAsk } from '../engine/start.js'
import { USER_AGENT } from './urls.js'

export interface EarlyAnswer {
  status: number
  headers: Record<string, string>
  body: Buffer
}

export interface EarlyRequests {
  /**
   * Settles once every early request has been handed to the network (or
   * failed). Loading the rest of the action blocks the thread, and with it
   * the connection's own progress: it waits for this first.
   */
  sent: Promise<void>
  /**
   * The answer to the request, if it was sent early and not yet taken;
   * each is taken once.
   */
  take(
    method: string,
    url: string,
    body: unknown
  ): Promise<EarlyAnswer> | undefined
}

interface Sent {
  method: string
  url: string
  /** the GraphQL body as sent, parsed; null for a GET */
  body: unknown
  answer: Promise<EarlyAnswer>
}

const PROXY_VARIABLES = ['https_proxy', 'http_proxy', 'all_proxy']

/** Whether a proxy may apply: then the client's proxy support decides. */
function proxied(env: Record<string, string | undefined>): boolean {
  return Object.entries(env).some(
    ([k, v]) =>
      PROXY_VARIABLES.includes(k.toLowerCase()) && v !== undefined && v !== ''
  )
}

/** RFC 6570 simple expansion, as Octokit's URL templates apply it. */
const expand = (v: string | number): string =>
  encodeURIComponent(String(v)).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  )

/** A REST route with its parameters as Octokit expands it. */
export function restUrl(apiUrl: string, ask: RestAsk): string {
  const template = ask.route.slice(ask.route.indexOf(' ') + 1)
  const used = new Set<string>()
  const path = template.replace(/\{(\w+)\}/g, (_m, key: string) => {
    used.add(key)
    return expand(ask.params[key] as string | number)
  })
  const query = Object.entries(ask.params)
    .filter(([k]) => !used.has(k))
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&')
  return `${apiUrl.replace(/\/+$/, '')}${path}${query === '' ? '' : `?${query}`}`
}

function send(
  method: string,
  url: string,
  token: string,
  body: string | null
): { answer: Promise<EarlyAnswer>; sent: Promise<void> } {
  let flushed!: () => void
  const sent = new Promise<void>((resolve) => {
    flushed = resolve
  })
  const answer = new Promise<EarlyAnswer>((resolve, reject) => {
    const target = new URL(url)
    // Only the module the URL needs (node:https loads TLS), and loaded
    // now, not by import(): the request is on its way when this returns,
    // before the caller writes its first line.
    const { request } = process.getBuiltinModule(
      target.protocol === 'http:' ? 'node:http' : 'node:https'
    ) as typeof import('node:http')
    const req = request(
      target,
      {
        method,
        headers: {
          accept: 'application/vnd.github.v3+json',
          authorization: `token ${token}`,
          'user-agent': USER_AGENT,
          ...(body === null
            ? {}
            : {
                'content-type': 'application/json; charset=utf-8',
                'content-length': Buffer.byteLength(body)
              })
        }
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('error', reject)
        res.on('end', () => {
          // GitHub's API repeats no header the client reads: one value each
          const headers: Record<string, string> = {}
          const raw = res.rawHeaders
          for (let i = 0; i + 1 < raw.length; i += 2) {
            headers[(raw[i] as string).toLowerCase()] = raw[i + 1] as string
          }
          resolve({
            // always set on a response (undefined only on a request)
            status: res.statusCode as number,
            headers,
            body: Buffer.concat(chunks)
          })
        })
      }
    )
    req.on('error', reject)
    req.on('finish', flushed)
    req.end(body ?? undefined)
  })
  // Sent or failed: either way nothing more is waited for.
  answer.then(flushed, flushed)
  return { answer, sent }
}

/**
 * Sends `asks` now. Nothing is sent when a proxy may apply or the URLs are
 * not HTTP(S): the client then asks as it always does.
 */
export function sendEarly(o: {
  token: string
  apiUrl: string
  graphqlUrl: string
  asks: FirstAsks
  env: Record<string, string | undefined>
}): EarlyRequests {
  const sent: Sent[] = []
  const flushed: Promise<void>[] = []
  const web = (u: string): boolean => /^https?:\/\//.test(u)
  if (proxied(o.env) || !web(o.apiUrl) || !web(o.graphqlUrl)) {
    return { sent: Promise.resolve(), take: () => undefined }
  }
  const started = (s: Omit<Sent, 'answer'>, text: string | null): void => {
    const { answer, sent: out } = send(s.method, s.url, o.token, text)
    // Settled here too: an answer nobody takes is no unhandled rejection.
    answer.catch(() => undefined)
    sent.push({ ...s, answer })
    flushed.push(out)
  }
  const body = {
    query: o.asks.graphql.query,
    variables: o.asks.graphql.variables
  }
  started({ method: 'POST', url: o.graphqlUrl, body }, JSON.stringify(body))
  // The REST reads follow once the event loop has turned, so that the
  // query, the slowest to answer, is written to its socket first rather
  // than after the REST reads' sockets are set up (3 ms here, SPEC §9);
  // or at once, when their answers are asked for before.
  let restStarted = false
  const startRest = (): void => {
    if (restStarted) return
    restStarted = true
    for (const ask of o.asks.rest) {
      started({ method: 'GET', url: restUrl(o.apiUrl, ask), body: null }, null)
    }
  }
  const rest = new Promise<void>((resolve) => {
    setImmediate(() => {
      startRest()
      resolve()
    })
  })
  return {
    sent: rest.then(() => Promise.all(flushed)).then(() => undefined),
    take(method, url, body) {
      startRest()
      const i = sent.findIndex(
        (s) =>
          s.method === method.toUpperCase() &&
          s.url === url &&
          // plain JSON from one builder: the same text when the same
          JSON.stringify(s.body) === JSON.stringify(body)
      )
      if (i < 0) return undefined
      const [found] = sent.splice(i, 1)
      return found?.answer
    }
  }
}
