// The first requests sent before the client loads (SPEC §9: the first request
// under 100 ms of the start), and the client taking their answers instead of
// asking again: never a request twice, never an answer the client would not
// have got itself.
import http from 'node:http'
import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { endpoint } from '@octokit/endpoint'
import { evaluate } from '../../src/engine/index.js'
import { firstAsks } from '../../src/engine/start.js'
import { silentLogger } from '../../src/engine/port.js'
import { createClient, earlyAnswer } from '../../src/github/client.js'
import {
  restUrl,
  sendEarly,
  type EarlyRequests
} from '../../src/github/early.js'
import { requestFor } from '../../__fixtures__/request.js'
import { reviewedChange, standard } from '../../test-support/demo/scenarios.js'
import {
  startSimulator,
  type SimulatorServer
} from '../../test-support/sim/server.js'

let server: SimulatorServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function decideWith(
  early: (o: {
    token: string
    apiUrl: string
    graphqlUrl: string
    asks: ReturnType<typeof firstAsks>
  }) => ReturnType<typeof sendEarly>
) {
  const { world, run } = standard(reviewedChange)
  server = await startSimulator(world.sim)
  const request = requestFor(run)
  const sent = early({
    token: run.token,
    apiUrl: server.url,
    graphqlUrl: server.graphqlUrl,
    asks: firstAsks(request)
  })
  await sent.sent
  const client = createClient({
    token: run.token,
    apiUrl: server.url,
    graphqlUrl: server.graphqlUrl,
    logger: silentLogger,
    timeoutMs: 20_000,
    retryBaseMs: 5,
    early: sent
  })
  const decision = await evaluate(request, {
    github: client,
    logger: silentLogger,
    now: () => new Date()
  })
  return {
    decision,
    client,
    asked: server.requests.map((r) => r.operationName ?? r.path)
  }
}

describe('sendEarly', () => {
  it('sends the first requests, whose answers the client takes instead of asking again', async () => {
    const { decision, client, asked } = await decideWith((o) =>
      sendEarly({ ...o, env: {} })
    )
    expect(decision.decision).toBe('allow')
    // each asked once, by the early requests
    expect(asked.sort()).toEqual(
      [
        'GateBootstrap',
        '/repos/acme/shop/environments/production',
        '/repos/acme/shop/environments/production/deployment-branch-policies?per_page=100&page=1'
      ].sort()
    )
    // and counted as the client's own
    expect(client.requests).toHaveLength(3)
    expect(client.usage?.().points).toBeGreaterThan(0)
  })

  it('sends nothing where a proxy may apply: the client asks through it', async () => {
    const { decision, asked } = await decideWith((o) =>
      sendEarly({ ...o, env: { HTTPS_PROXY: 'http://127.0.0.1:1' } })
    )
    expect(decision.decision).toBe('allow')
    expect(asked).toHaveLength(3)
  })

  it('leaves the client to ask for itself when an early request fails', async () => {
    const { decision, asked } = await decideWith((o) =>
      sendEarly({
        ...o,
        // nothing listens there: every early request fails
        apiUrl: 'http://127.0.0.1:1',
        graphqlUrl: 'https://127.0.0.1:1/graphql',
        env: {}
      })
    )
    expect(decision.decision).toBe('allow')
    expect(asked).toHaveLength(3)
  })

  it('gives each answer once, and none for a request it did not send', async () => {
    const { world, run } = standard(reviewedChange)
    server = await startSimulator(world.sim)
    const asks = firstAsks(requestFor(run))
    const early = sendEarly({
      token: run.token,
      apiUrl: server.url,
      graphqlUrl: server.graphqlUrl,
      asks,
      env: {}
    })
    const body = {
      query: asks.graphql.query,
      variables: asks.graphql.variables
    }
    const other = {
      ...body,
      variables: { ...body.variables, sha: 'f'.repeat(40) }
    }
    expect(early.take('POST', server.graphqlUrl, other)).toBeUndefined()
    const answer = await early.take('POST', server.graphqlUrl, body)
    expect(answer?.status).toBe(200)
    expect(early.take('POST', server.graphqlUrl, body)).toBeUndefined()
  })
})

describe('sendEarly: the order the first requests leave in', () => {
  async function early() {
    const { world, run } = standard(reviewedChange)
    server = await startSimulator(world.sim)
    const asks = firstAsks(requestFor(run))
    const s = server
    return {
      asks,
      server: s,
      early: sendEarly({
        token: run.token,
        apiUrl: s.url,
        graphqlUrl: s.graphqlUrl,
        asks,
        env: {}
      })
    }
  }

  it('starts the query at once and the REST reads once the event loop has turned', async () => {
    const request = jest.spyOn(http, 'request')
    try {
      const { server: s, early: e } = await early()
      // only the query exists before the turn
      expect(request.mock.calls.map(([url]) => String(url))).toEqual([
        s.graphqlUrl
      ])
      await e.sent
      expect(request).toHaveBeenCalledTimes(3)
      for (let i = 0; i < 100 && s.requests.length < 3; i++)
        await new Promise((r) => setTimeout(r, 10))
      const [first, ...then] = s.requests.map((r) => r.operationName ?? r.path)
      expect(first).toBe('GateBootstrap')
      expect(then.sort()).toEqual([
        '/repos/acme/shop/environments/production',
        '/repos/acme/shop/environments/production/deployment-branch-policies?per_page=100&page=1'
      ])
    } finally {
      request.mockRestore()
    }
  })

  it('starts the REST reads at once when their answer is asked for before the turn', async () => {
    const { asks, server: s, early: e } = await early()
    const [environment] = asks.rest
    if (environment === undefined) throw new Error('no REST ask')
    const answer = e.take('GET', restUrl(s.url, environment), null)
    expect(answer).toBeDefined()
    expect((await answer)?.status).toBe(200)
    await e.sent
    // and never twice
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 10))
    expect(s.requests).toHaveLength(3)
  })
})

describe('restUrl', () => {
  it.each(['production', 'prod env', 'staging/eu', 'prüfung', "o'neil (eu)*!"])(
    'expands %s as Octokit does',
    (name) => {
      for (const ask of firstAsks({
        owner: 'acme',
        repo: 'shop',
        sha: 'a'.repeat(40),
        environment: name,
        policyPath: '.github/promotion-gate.yml',
        policyRef: null
      }).rest) {
        const [method, url] = ask.route.split(' ') as [string, string]
        expect(restUrl('https://api.github.com', ask)).toBe(
          endpoint(`${method} ${url}`, ask.params).url
        )
      }
    }
  )
})

describe('earlyAnswer: the client taking an early answer', () => {
  const answered = (status: number, body = ''): EarlyRequests => ({
    sent: Promise.resolve(),
    take: () =>
      Promise.resolve({
        status,
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(body)
      })
  })
  const record = { method: 'POST', url: 'http://127.0.0.1:1/graphql' }

  it('builds the Response the request would have had', async () => {
    const r = await earlyAnswer(
      answered(200, '{"data":{}}'),
      record,
      { body: '{"query":"q"}' },
      new AbortController().signal
    )
    expect(r?.status).toBe(200)
    expect(await r?.json()).toEqual({ data: {} })
  })

  it('reads as Octokit reads a Response: status, headers, body', async () => {
    const r = await earlyAnswer(
      answered(404, '{"message":"Not Found"}'),
      record,
      undefined,
      new AbortController().signal
    )
    if (r === undefined) throw new Error('no answer')
    expect([r.ok, r.status, r.statusText, r.url]).toEqual([
      false,
      404,
      'Not Found',
      record.url
    ])
    expect(r.headers.get('Content-Type')).toBe('application/json')
    expect(r.headers.has('content-type')).toBe(true)
    expect([...r.headers]).toEqual([['content-type', 'application/json']])
    expect([...r.headers.entries()]).toEqual([...r.headers])
    const seen: string[] = []
    r.headers.forEach((v, k) => seen.push(`${k}: ${v}`))
    expect(seen).toEqual(['content-type: application/json'])
    expect(await r.text()).toBe('{"message":"Not Found"}')
    expect(new TextDecoder().decode(await r.arrayBuffer())).toBe(
      '{"message":"Not Found"}'
    )
  })

  it('gives a status without a body none', async () => {
    const r = await earlyAnswer(
      answered(204, ''),
      record,
      undefined,
      new AbortController().signal
    )
    expect(r?.status).toBe(204)
    expect(r?.body).toBeNull()
  })

  it('takes nothing when the early request failed: the attempt sends its own', async () => {
    const failed: EarlyRequests = {
      sent: Promise.resolve(),
      take: () => Promise.reject(new Error('socket hang up'))
    }
    expect(
      await earlyAnswer(failed, record, undefined, new AbortController().signal)
    ).toBeUndefined()
  })

  it('takes nothing for a body that is not JSON', async () => {
    expect(
      await earlyAnswer(
        answered(200, '{}'),
        record,
        { body: 'not json' },
        new AbortController().signal
      )
    ).toBeUndefined()
  })

  it('stops waiting when the attempt is abandoned', async () => {
    const pending: EarlyRequests = {
      sent: Promise.resolve(),
      take: () => new Promise(() => undefined)
    }
    const abandon = new AbortController()
    const waiting = earlyAnswer(pending, record, undefined, abandon.signal)
    abandon.abort(new Error('attempt timed out'))
    await expect(waiting).rejects.toThrow('attempt timed out')
  })
})
