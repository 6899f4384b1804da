// The App's installation tokens: minted through @octokit/auth-app against the
// simulator, one delivery's token shared and minted again only when needed,
// and a failed mint in words an operator can act on.
import { afterEach, describe, expect, it } from '@jest/globals'
import { reviewedChange, standard } from '../../test-support/demo/scenarios.js'
import {
  startSimulator,
  type SimulatorServer
} from '../../test-support/sim/server.js'
import {
  appTokens,
  InstallationToken,
  tokenError,
  type TokenSource
} from '../../src/server/tokens.js'
import {
  apiError,
  fakeClock,
  octokitError,
  post,
  recordingLogger,
  signed,
  sleep,
  start,
  withApp,
  type Running
} from './helpers.js'

const TARGET = {
  owner: 'acme',
  repo: 'shop',
  installationId: 77
}

type Call = {
  installationId: number
  repo: string
  validForMs: number
  refresh?: boolean
}

/** A token source answering from `answers` in turn, recording each call. */
function scripted(
  answers: (string | Error)[]
): TokenSource & { calls: Call[] } {
  const calls: Call[] = []
  return {
    calls,
    token: async (installationId, repo, o) => {
      calls.push({ installationId, repo, ...o })
      const next = answers.shift()
      if (next === undefined) throw new Error('no more answers')
      if (next instanceof Error) throw next
      return next
    }
  }
}

function tokenFor(tokens: TokenSource) {
  const { logger, lines } = recordingLogger()
  const clock = fakeClock()
  const token = new InstallationToken({
    tokens,
    target: TARGET,
    validForMs: 150_000,
    retryBaseMs: 100,
    log: logger,
    clock
  })
  return { token, lines, clock, deadline: clock.now() + 60_000 }
}

describe('one delivery’s installation token', () => {
  it('is minted once, for the repository, and shared by those who ask at once', async () => {
    const tokens = scripted(['ghs_one'])
    const { token, deadline } = tokenFor(tokens)
    const both = await Promise.all([
      token.get({ deadline }),
      token.get({ deadline })
    ])
    expect(both).toEqual(['ghs_one', 'ghs_one'])
    expect(await token.get({ deadline })).toBe('ghs_one')
    expect(tokens.calls).toEqual([
      { installationId: 77, repo: 'shop', validForMs: 150_000, refresh: false }
    ])
  })

  it('is minted anew when refused, and the new one kept', async () => {
    const tokens = scripted(['ghs_one', 'ghs_two'])
    const { token, deadline } = tokenFor(tokens)
    expect(await token.get({ deadline })).toBe('ghs_one')
    expect(await token.get({ deadline, refresh: true })).toBe('ghs_two')
    expect(await token.get({ deadline })).toBe('ghs_two')
    expect(tokens.calls.map((c) => c.refresh)).toEqual([false, true])
  })

  it('retries a mint GitHub did not answer, bypassing the cache', async () => {
    const tokens = scripted([octokitError(502), octokitError(429), 'ghs_one'])
    const { token, deadline, lines, clock } = tokenFor(tokens)
    expect(await token.get({ deadline })).toBe('ghs_one')
    expect(tokens.calls.map((c) => c.refresh)).toEqual([false, true, true])
    expect(clock.slept).toEqual([100, 200])
    expect(lines().map((l) => l.msg)).toEqual([
      'minting an installation token failed (attempt 1): HTTP 502; retrying in 100 ms',
      'minting an installation token failed (attempt 2): HTTP 429; retrying in 200 ms'
    ])
  })

  it('gives up at once on a refusal, and mints again next time', async () => {
    const refused = octokitError(404)
    const tokens = scripted([refused, 'ghs_one'])
    const { token, deadline } = tokenFor(tokens)
    await expect(token.get({ deadline })).rejects.toBe(refused)
    expect(tokens.calls).toHaveLength(1)
    // a failed mint is not remembered
    expect(await token.get({ deadline })).toBe('ghs_one')
  })

  it('stops retrying when its deadline comes', async () => {
    const tokens = scripted(Array.from({ length: 10 }, () => octokitError(503)))
    const { token, clock } = tokenFor(tokens)
    await expect(token.get({ deadline: clock.now() + 1000 })).rejects.toThrow(
      'HTTP 503'
    )
    // waits of 100, 200 and 400 fit in the second; the next does not
    expect(tokens.calls).toHaveLength(4)
  })
})

describe('a failed mint, in words', () => {
  it.each([
    {
      status: 401,
      words:
        "GitHub refused the App's JWT (401): check APP_ID, the private key and this server's clock"
    },
    {
      status: 403,
      words:
        'GitHub refused an installation token (403): the installation 77 may be suspended'
    },
    {
      status: 404,
      words:
        'installation 77 of this App was not found (404): is the App installed, and is APP_ID the App that receives these webhooks?'
    },
    {
      status: 422,
      words:
        "installation 77 does not reach acme/shop (422): add the repository to the App's installation"
    },
    {
      status: 500,
      words: 'minting an installation token failed with 500: HTTP 500'
    }
  ])('$status', ({ status, words }) => {
    expect(tokenError(octokitError(status), TARGET)).toBe(words)
  })

  it('names what failed when GitHub gave no answer', () => {
    expect(tokenError(new TypeError('fetch failed'), TARGET)).toBe(
      'minting an installation token failed: fetch failed'
    )
    // only @octokit/auth-app's errors are read by status
    expect(tokenError(apiError(404, 'Not Found'), TARGET)).toBe(
      'minting an installation token failed: Not Found'
    )
  })
})

describe('the App’s tokens, from the simulator', () => {
  let sim: SimulatorServer | null = null
  afterEach(async () => {
    await sim?.close()
    sim = null
  })

  async function app() {
    const aw = withApp(standard(reviewedChange))
    sim = await startSimulator(aw.world.sim)
    const s = sim
    const installation = aw.world.repo.install(aw.app)
    const tokens = appTokens(
      {
        appId: String(aw.app.id),
        privateKey: aw.app.privateKey,
        apiUrl: s.url
      },
      recordingLogger().logger
    )
    const mints = () =>
      s.requests.filter((q) => q.path.endsWith('/access_tokens')).length
    return { tokens, installation, repo: aw.world.repo.data.name, mints }
  }

  it('caches a token while it is valid long enough; refresh mints anew', async () => {
    const { tokens, installation, repo, mints } = await app()
    const first = await tokens.token(installation.id, repo, {
      validForMs: 60_000
    })
    expect(first).toMatch(/^ghs_/)
    expect(
      await tokens.token(installation.id, repo, { validForMs: 60_000 })
    ).toBe(first)
    expect(mints()).toBe(1)
    const fresh = await tokens.token(installation.id, repo, {
      validForMs: 60_000,
      refresh: true
    })
    expect(fresh).not.toBe(first)
    expect(mints()).toBe(2)
  })

  it('mints anew when the cached token would expire too soon', async () => {
    const { tokens, installation, repo, mints } = await app()
    const first = await tokens.token(installation.id, repo, {
      validForMs: 60_000
    })
    // installation tokens live an hour: not long enough for two
    const longer = await tokens.token(installation.id, repo, {
      validForMs: 2 * 3600_000
    })
    expect(longer).not.toBe(first)
    expect(mints()).toBe(2)
  })

  it('refuses an installation the App does not have, as GitHub does', async () => {
    const { tokens, repo } = await app()
    const error: unknown = await tokens
      .token(4242, repo, { validForMs: 60_000 })
      .catch((e: unknown) => e)
    expect(tokenError(error, { ...TARGET, installationId: 4242 })).toBe(
      'installation 4242 of this App was not found (404): is the App installed, and is APP_ID the App that receives these webhooks?'
    )
  })
})

describe('no token, through the server and the simulator', () => {
  let running: Running | null = null
  afterEach(async () => {
    await running?.close()
    running = null
  })

  it('logs, and counts, a delivery it cannot answer: no installation token', async () => {
    const aw = withApp(standard(reviewedChange))
    running = await start(aw)
    const event = running.event(aw.run)
    const body = JSON.stringify({
      ...event.payload,
      installation: { id: 4242 }
    })
    const r = await post(running.gate.webhookUrl, body, signed(aw, body))
    expect(r.status).toBe(202)
    const until = Date.now() + 10_000
    while (running.gate.health().counts.unanswered === 0) {
      if (Date.now() > until) throw new Error('never gave up')
      await sleep(20)
    }
    expect(aw.run.data.protectionVerdicts).toEqual([])
    expect(running.logs.find((l) => l.level === 'error')).toMatchObject({
      msg: 'cannot answer: installation 4242 of this App was not found (404): is the App installed, and is APP_ID the App that receives these webhooks?',
      repository: 'acme/shop',
      run: aw.run.id
    })
  })
})
