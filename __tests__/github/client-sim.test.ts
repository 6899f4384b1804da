// The one Octokit factory against the simulator: retries and rate limits
// inside one time budget, a refusal that names the permission, and answers
// that are not what GitHub promised. Every failure says which call failed.
import { createServer, type Server } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from '@jest/globals'
import { GitHubApiError } from '../../src/engine/errors.js'
import type { Logger } from '../../src/engine/port.js'
import {
  createClient,
  octokitLog,
  proxyFetch,
  type GitHubClient
} from '../../src/github/client.js'
import {
  READ_PERMISSIONS,
  reviewedChange,
  standard
} from '../../test-support/demo/scenarios.js'
import {
  startSimulator,
  type SimulatorServer
} from '../../test-support/sim/server.js'

const ENVIRONMENT = 'GET /repos/{owner}/{repo}/environments/{environment_name}'
const AT = { owner: 'acme', repo: 'shop', environment_name: 'production' }
const QUERY = 'query { repository(owner: "acme", name: "shop") { name } }'

interface Recorded extends Logger {
  warnings: string[]
}

function recording(): Recorded {
  const warnings: string[] = []
  return {
    warnings,
    debug: () => undefined,
    info: () => undefined,
    warning: (m) => warnings.push(m),
    error: () => undefined
  }
}

let server: SimulatorServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function client(
  o: {
    timeoutMs?: number
    attemptTimeoutMs?: number
    now?: () => number
    logger?: Logger
    token?: 'none' | 'read'
  } = {}
): Promise<{ github: GitHubClient; sim: SimulatorServer }> {
  const { world } = standard(reviewedChange)
  server = await startSimulator(world.sim)
  const github = createClient({
    token:
      o.token === 'none'
        ? 'no-such-token'
        : world.sim.workflowToken(READ_PERMISSIONS),
    apiUrl: `${server.url}/`,
    logger: o.logger ?? recording(),
    timeoutMs: o.timeoutMs ?? 10_000,
    attemptTimeoutMs: o.attemptTimeoutMs,
    retryBaseMs: 5,
    now: o.now
  })
  return { github, sim: server }
}

const failure = (p: Promise<unknown>): Promise<GitHubApiError> =>
  p.then(
    () => {
      throw new Error('expected a failure')
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(GitHubApiError)
      return e as GitHubApiError
    }
  )

describe('createClient: REST', () => {
  it('answers, and records each attempt with its status', async () => {
    const { github } = await client()
    const r = await github.rest<{ name: string }>(ENVIRONMENT, AT)
    expect(r.status).toBe(200)
    expect(r.data.name).toBe('production')
    expect(github.requests).toEqual([
      {
        method: 'GET',
        url: expect.stringMatching(
          /\/repos\/acme\/shop\/environments\/production$/
        ),
        status: 200,
        ms: expect.any(Number)
      }
    ])
  })

  it('names the permission a 403 lacks, with GitHub’s message and request id', async () => {
    const { github, sim } = await client()
    sim.faults.add({ kind: 'status', status: 403, path: /environments/ })
    const e = await failure(github.rest(ENVIRONMENT, AT))
    expect(e.message).toBe(
      'GET /repos/acme/shop/environments/production failed with 403: Forbidden'
    )
    expect(e).toMatchObject({
      status: 403,
      permission: 'actions: read',
      hint: 'The token probably lacks the `actions: read` permission.',
      requestId: expect.any(String)
    })
  })

  it('reads a bare path as a GET, and shows a parameter it was not given', async () => {
    const { github, sim } = await client()
    sim.faults.add({ kind: 'status', status: 404, path: /repos/ })
    const e = await failure(
      github.rest('/repos/{owner}/{repo}/deployments', { owner: 'acme' })
    )
    expect(e.message).toBe(
      'GET /repos/acme/{repo}/deployments failed with 404: Not Found'
    )
    // only a 403 names a permission: a 404 may be "none"
    expect(e.permission).toBeUndefined()
  })

  it.each([
    ['a short text', 'upstream broke', 'upstream broke'],
    ['no message', { errors: [] }, 'Unknown error: \\{"errors":\\[\\]\\}']
  ])(
    'shows GitHub’s words when the answer is %s',
    async (_case, body, shown) => {
      const { github, sim } = await client()
      sim.faults.add({
        kind: 'status',
        status: 422,
        body,
        path: /environments/
      })
      const e = await failure(github.rest(ENVIRONMENT, AT))
      expect(e.message).toMatch(new RegExp(`failed with 422: ${shown}$`))
    }
  )

  it('fails a cancelled call, naming it', async () => {
    const { github } = await client()
    const e = await failure(
      github.rest(ENVIRONMENT, {
        ...AT,
        request: { signal: AbortSignal.abort() }
      })
    )
    expect(e.message).toMatch(
      /^GET \/repos\/acme\/shop\/environments\/production failed/
    )
  })

  it('asks api.github.com unless told otherwise, and says when it cannot be reached', async () => {
    const github = createClient({
      token: 't',
      logger: recording(),
      timeoutMs: 5000,
      retryBaseMs: 5
    })
    const e = await failure(github.rest('GET /rate_limit'))
    // this machine reaches loopback only (__fixtures__/no-network.ts)
    expect(e.message).toMatch(
      /^GET \/rate_limit failed with 500: test tried to fetch https:\/\/api\.github\.com\/rate_limit/
    )
    expect(e.requestId).toBeUndefined()
  })

  it('rides out a 5xx burst by retrying', async () => {
    const { github, sim } = await client()
    sim.faults.add({ kind: 'status', status: 502, times: 2 })
    expect((await github.rest(ENVIRONMENT, AT)).status).toBe(200)
    expect(github.requests.map((r) => r.status)).toEqual([502, 502, 200])
  })
})

describe('createClient: a GraphQL query GitHub cut off', () => {
  const QUERY =
    'query Q($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { url } }'
  const VARS = { owner: 'acme', name: 'shop' }

  it('is not repeated when its caller asks again smaller', async () => {
    const { github, sim } = await client()
    sim.faults.add({ kind: 'status', status: 502, graphql: true, times: 1 })
    const e = await failure(github.graphql(QUERY, VARS, { splittable: true }))
    expect(e.status).toBe(502)
    expect(github.requests.map((r) => r.status)).toEqual([502])
  })

  it('is retried as it is when it cannot be made smaller', async () => {
    const { github, sim } = await client()
    sim.faults.add({ kind: 'status', status: 502, graphql: true, times: 1 })
    await github.graphql(QUERY, VARS)
    expect(github.requests.map((r) => r.status)).toEqual([502, 200])
  })
})

describe('createClient: the time budget', () => {
  it('abandons a hung connection and names the call and the budget', async () => {
    const { github, sim } = await client({ attemptTimeoutMs: 100 })
    sim.faults.add({ kind: 'hang' })
    const e = await failure(github.rest(ENVIRONMENT, AT))
    expect(e.message).toBe(
      'GET /repos/acme/shop/environments/production did not answer within the time budget (10s)'
    )
    expect(e.hint).toMatch(/timeout-seconds/)
    // the first attempt and three retries
    expect(github.requests).toHaveLength(4)
  })

  it('ends every call, retries included, by the deadline', async () => {
    const { github, sim } = await client({ timeoutMs: 300 })
    sim.faults.add({ kind: 'hang' })
    const e = await failure(github.rest(ENVIRONMENT, AT))
    expect(e.message).toBe(
      `${ENVIRONMENT} did not succeed within the time budget of 0s (retries included)`
    )
  })

  it('sends nothing once the budget is spent', async () => {
    let t = 1_000_000
    const { github, sim } = await client({ timeoutMs: 1000, now: () => t })
    t += 2000
    const e = await failure(github.rest(ENVIRONMENT, AT))
    expect(e.message).toMatch(/time budget of 1s/)
    expect(sim.requests).toEqual([])
  })
})

describe('createClient: rate limits', () => {
  it('waits out a primary rate limit that resets within the budget', async () => {
    const logger = recording()
    const { github, sim } = await client({ logger })
    sim.faults.add({ kind: 'primary-rate-limit', resetInSeconds: 1, times: 1 })
    expect((await github.rest(ENVIRONMENT, AT)).status).toBe(200)
    expect(logger.warnings[0]).toMatch(
      /^rate limit reached on GET \/repos\/\{owner\}\/\{repo\}\/environments\/\{environment_name\}; retrying in \d+s$/
    )
  })

  it('fails at once, naming the reset, when it resets after the budget', async () => {
    const logger = recording()
    const { github, sim } = await client({ logger })
    sim.faults.add({ kind: 'primary-rate-limit', resetInSeconds: 3600 })
    const e = await failure(github.rest(ENVIRONMENT, AT))
    expect(e.message).toMatch(
      /failed with 403: API rate limit exceeded for installation ID \d+\. \(rate limit resets at \d{4}-\d\d-\d\dT/
    )
    // a rate limit is not a missing permission
    expect(e.permission).toBeUndefined()
    expect(e.hint).toBe('The API rate limit outlasted the time budget.')
    expect(logger.warnings[0]).toMatch(/is past the time budget$/)
  })

  it('retries a secondary rate limit as GitHub asks, and gives up after three', async () => {
    const logger = recording()
    const { github, sim } = await client({ logger })
    sim.faults.add({ kind: 'secondary-rate-limit', retryAfter: 1 })
    const e = await failure(github.rest(ENVIRONMENT, AT))
    expect(e.status).toBe(403)
    // a rate limit is not a missing permission
    expect(e.permission).toBeUndefined()
    expect(logger.warnings.at(-1)).toMatch(
      /secondary rate limit on GET .*; giving up$/
    )
    expect(
      logger.warnings.slice(0, -1).every((w) => /retrying in 1s$/.test(w))
    ).toBe(true)
    expect(github.requests).toHaveLength(4)
  })
})

describe('createClient: GraphQL', () => {
  it('returns data and errors together', async () => {
    const { github, sim } = await client()
    sim.faults.add({
      kind: 'graphql-errors',
      errors: [
        { type: 'FORBIDDEN', message: 'hidden', path: ['repository', 'name'] },
        { message: 42, path: 'not a list' }
      ]
    })
    const got = await github.graphql(QUERY, {})
    expect(got.data).toEqual({ repository: { name: 'shop' } })
    expect(got.errors).toEqual([
      { type: 'FORBIDDEN', message: 'hidden', path: ['repository', 'name'] },
      { type: undefined, message: 'unknown GraphQL error', path: undefined }
    ])
  })

  it('names the call when an answer breaks a plugin', async () => {
    const { github, sim } = await client()
    // @octokit/plugin-throttling reads each error's type: null breaks it
    sim.faults.add({ kind: 'graphql-errors', errors: [null] as never })
    const e = await failure(github.graphql(QUERY, {}))
    expect(e.message).toMatch(
      /^POST \/graphql failed: Cannot read properties of null/
    )
  })

  it.each([
    [
      'errors without data',
      { errors: [{ message: 'Something went wrong' }] },
      'GraphQL query failed: Something went wrong'
    ],
    ['neither data nor errors', {}, 'GraphQL answer had no data'],
    ['a text', 'maintenance', 'answered with something that is not JSON']
  ])('refuses an answer with %s', async (_case, body, message) => {
    const { github, sim } = await client()
    sim.faults.add({ kind: 'status', status: 200, body, graphql: true })
    const e = await failure(github.graphql(QUERY, {}))
    expect(e.message).toContain(message)
  })

  it('names the call when GraphQL is refused', async () => {
    const { github } = await client({ token: 'none' })
    const e = await failure(github.graphql(QUERY, {}))
    expect(e.message).toBe('POST /graphql failed with 401: Bad credentials')
  })

  it('derives the GHES GraphQL URL from /api/v3', async () => {
    const { world } = standard(reviewedChange)
    server = await startSimulator(world.sim)
    const github = createClient({
      token: world.sim.workflowToken(READ_PERMISSIONS),
      apiUrl: server.enterprise.url,
      logger: recording(),
      timeoutMs: 10_000
    })
    await github.graphql(QUERY, {})
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/graphql'
    ])
  })
})

describe('octokitLog', () => {
  it('passes octokit’s warnings on and keeps the rest for debugging', () => {
    const debug: string[] = []
    const logger = { ...recording(), debug: (m: string) => debug.push(m) }
    const log = octokitLog(logger)
    log.warn('deprecated')
    log.debug('a')
    log.info('b')
    log.error('c')
    expect(logger.warnings).toEqual(['deprecated'])
    expect(debug).toEqual(['a', 'b', 'c'])
  })
})

describe('proxyFetch', () => {
  let proxy: Server | undefined
  const saved = {
    HTTPS_PROXY: process.env.HTTPS_PROXY,
    NO_PROXY: process.env.NO_PROXY
  }
  afterEach(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
    await new Promise((resolve) => proxy?.close(resolve) ?? resolve(undefined))
    proxy = undefined
  })

  it('sends requests through the runner’s proxy', async () => {
    const { world } = standard(reviewedChange)
    server = await startSimulator(world.sim)
    const tunnels: string[] = []
    // a CONNECT proxy on loopback, as a runner's would be
    proxy = createServer()
    proxy.on('connect', (req, socket, head) => {
      tunnels.push(String(req.url))
      const [host, port] = String(req.url).split(':')
      const upstream = connect(Number(port), host, () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
        upstream.write(head)
        upstream.pipe(socket)
        socket.pipe(upstream)
      })
    })
    await new Promise<void>((resolve) => proxy?.listen(0, '127.0.0.1', resolve))
    const port = (proxy.address() as AddressInfo).port
    process.env.HTTPS_PROXY = `http://127.0.0.1:${port}`
    delete process.env.NO_PROXY
    const through = proxyFetch('https://api.github.com')
    expect(through).toBeDefined()
    const r = await through!(`${server.url}/repos/acme/shop`, {
      headers: {
        authorization: `token ${world.sim.workflowToken(READ_PERMISSIONS)}`
      }
    })
    expect(r.status).toBe(200)
    expect(tunnels).toEqual([new URL(server.url).host])
  })
})
