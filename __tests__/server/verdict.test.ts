// Posting the verdict through the run's callback: what is retried, a refused
// token minted anew, and when it gives up. A scripted callback stands in for
// GitHub and a clock that does not wait for time; then through the server,
// with the simulator's callback failing.
import { afterEach, describe, expect, it } from '@jest/globals'
import { reviewedChange, standard } from '../../test-support/demo/scenarios.js'
import type { ClientOptions, GitHubClient } from '../../src/github/client.js'
import type { RestResponse } from '../../src/engine/index.js'
import { InstallationToken, type TokenSource } from '../../src/server/tokens.js'
import { postVerdict } from '../../src/server/verdict.js'
import {
  apiError,
  fakeClock,
  recordingLogger,
  sleep,
  start,
  verdictOf,
  withApp,
  type Running
} from './helpers.js'

const TARGET = {
  owner: 'acme',
  repo: 'shop',
  runId: 501,
  environment: 'production',
  installationId: 77
}

interface Post {
  token: string
  route: string
  params: Record<string, unknown>
}

/** GitHub's callback answering from `answers` in turn (null: 204). */
function callback(answers: (Error | null)[]) {
  const posts: Post[] = []
  const client = (o: ClientOptions): GitHubClient => ({
    requests: [],
    rest: (async (route: string, params?: Record<string, unknown>) => {
      posts.push({ token: o.token, route, params: params ?? {} })
      const next = answers.shift() ?? null
      if (next !== null) throw next
      return { status: 204, data: undefined, headers: {} } as RestResponse
    }) as GitHubClient['rest'],
    graphql: async () => {
      throw new Error('the callback is REST')
    }
  })
  return { client, posts }
}

/** Tokens ghs_1, ghs_2, ... one per mint, recording whether it was a refresh. */
function minting() {
  const refreshes: boolean[] = []
  const source: TokenSource = {
    token: async (_id, _repo, o) => {
      refreshes.push(o.refresh === true)
      return `ghs_${refreshes.length}`
    }
  }
  return { source, refreshes }
}

function setup(answers: (Error | null)[], budgetMs = 60_000) {
  const gh = callback(answers)
  const tokens = minting()
  const { logger, lines } = recordingLogger()
  const clock = fakeClock()
  const token = new InstallationToken({
    tokens: tokens.source,
    target: TARGET,
    validForMs: 150_000,
    retryBaseMs: 100,
    log: logger,
    clock
  })
  const post = () =>
    postVerdict({
      target: TARGET,
      state: 'approved',
      comment: '**promotion-gate approved**',
      budgetMs,
      token,
      client: gh.client,
      config: {
        apiUrl: 'https://api.github.test',
        graphqlUrl: 'https://api.github.test/graphql'
      },
      retryBaseMs: 100,
      log: logger,
      clock
    })
  return { post, posts: gh.posts, refreshes: tokens.refreshes, lines, clock }
}

describe('posting the verdict', () => {
  it('posts the state and comment to the run’s callback once', async () => {
    const s = setup([null])
    expect(await s.post()).toBe('approved')
    expect(s.posts).toEqual([
      {
        token: 'ghs_1',
        route:
          'POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule',
        params: {
          owner: 'acme',
          repo: 'shop',
          run_id: 501,
          environment_name: 'production',
          state: 'approved',
          comment: '**promotion-gate approved**'
        }
      }
    ])
    expect(s.lines().at(-1)).toMatchObject({
      level: 'info',
      msg: 'answered: approved',
      state: 'approved'
    })
  })

  it('mints a fresh token when the callback refuses the one it had (401)', async () => {
    const s = setup([apiError(401, 'Bad credentials'), null])
    expect(await s.post()).toBe('approved')
    expect(s.posts.map((p) => p.token)).toEqual(['ghs_1', 'ghs_2'])
    expect(s.refreshes).toEqual([false, true])
  })

  it('keeps the token through a server error, and posts again', async () => {
    const s = setup([apiError(502), apiError(503), null])
    expect(await s.post()).toBe('approved')
    expect(s.posts.map((p) => p.token)).toEqual(['ghs_1', 'ghs_1', 'ghs_1'])
    expect(s.refreshes).toEqual([false])
    expect(
      s.lines().filter((l) => /posting the verdict failed/.test(String(l.msg)))
    ).toHaveLength(2)
  })

  it('gives up at once on a 403, naming what the App needs', async () => {
    const s = setup([apiError(403, 'Resource not accessible by integration')])
    expect(await s.post()).toBeNull()
    expect(s.posts).toHaveLength(1)
    expect(s.lines().at(-1)).toMatchObject({
      level: 'error',
      msg: 'the verdict (approved) could not be posted: Resource not accessible by integration (the App needs Deployments: read and write, and must be a protection rule of this environment)',
      state: null
    })
  })

  it('gives up when its budget is spent, and says so', async () => {
    const s = setup(
      Array.from({ length: 10 }, () => apiError(503)),
      1000
    )
    expect(await s.post()).toBeNull()
    // waits of 100, 200 and 400 fit in the budget; the next does not
    expect(s.posts).toHaveLength(4)
    expect(s.clock.slept).toEqual([100, 200, 400])
    expect(s.lines().at(-1)).toMatchObject({
      level: 'error',
      msg: 'the verdict (approved) could not be posted: GitHub answered 503'
    })
  })
})

describe('the verdict, through the server and the simulator', () => {
  let running: Running | null = null
  afterEach(async () => {
    await running?.close()
    running = null
  })

  it('retries a callback GitHub did not take, within bounds', async () => {
    const aw = withApp(standard(reviewedChange))
    running = await start(aw)
    running.sim.faults.add({
      kind: 'status',
      status: 502,
      method: 'POST',
      path: /deployment_protection_rule$/,
      times: 5
    })
    await running.send(running.event(aw.run))
    expect((await verdictOf(aw.run)).state).toBe('approved')
    expect(
      running.logs.some((l) =>
        /posting the verdict failed \(attempt 1\)/.test(String(l.msg))
      )
    ).toBe(true)
  })

  it('gives up on a callback after its budget, and logs it', async () => {
    const aw = withApp(standard(reviewedChange))
    running = await start(aw, { server: { callbackBudgetMs: 300 } })
    running.sim.faults.add({
      kind: 'status',
      status: 503,
      method: 'POST',
      path: /deployment_protection_rule$/
    })
    await running.send(running.event(aw.run))
    const until = Date.now() + 10_000
    while (running.gate.health().counts.unanswered === 0) {
      if (Date.now() > until) throw new Error('never gave up')
      await sleep(20)
    }
    expect(aw.run.data.protectionVerdicts).toEqual([])
    expect(
      running.logs.some(
        (l) =>
          l.level === 'error' &&
          /could not be posted/.test(String(l.msg)) &&
          l.delivery !== undefined
      )
    ).toBe(true)
  })
})
