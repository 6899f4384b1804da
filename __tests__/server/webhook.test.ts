// What the webhook refuses, ignores or cannot read (webhook.ts, http.ts),
// end to end on 127.0.0.1 against the simulator: nothing is decided, and
// the answer says why.
import { afterEach, describe, expect, it } from '@jest/globals'
import { reviewedChange, standard } from '../../test-support/demo/scenarios.js'
import { deploymentProtectionRuleEvent } from '../../test-support/sim/app.js'
import type { ClientOptions, GitHubClient } from '../../src/github/client.js'
import type { RestResponse } from '../../src/engine/index.js'
import { parseConfig } from '../../src/server/config.js'
import { Deliveries } from '../../src/server/deliveries.js'
import { newCounts } from '../../src/server/health.js'
import { WebhookReceiver } from '../../src/server/webhook.js'
import {
  post,
  recordingLogger,
  signed,
  sleep,
  start,
  verdictOf,
  withApp,
  type Running
} from './helpers.js'

let running: Running | null = null
afterEach(async () => {
  await running?.close()
  running = null
})

describe('deliveries that are not acted on', () => {
  it('refuses a bad or missing signature with 401 and does nothing', async () => {
    const aw = withApp(standard(reviewedChange))
    running = await start(aw)
    const event = running.event(aw.run)
    const before = running.sim.requests.length
    const forged = await running.send(event, 'not the secret')
    expect(forged.status).toBe(401)
    const body = JSON.stringify(event.payload)
    const unsigned = await post(running.gate.webhookUrl, body, {
      'content-type': 'application/json',
      'x-github-event': 'deployment_protection_rule',
      'x-github-delivery': event.id
    })
    expect(unsigned.status).toBe(401)
    expect(unsigned.body.message).toMatch(/not signed/)
    // a signature of another body
    const tampered = await post(
      running.gate.webhookUrl,
      body.replace('"production"', '"staging"'),
      signed(aw, body)
    )
    expect(tampered.status).toBe(401)
    await sleep(300)
    expect(running.sim.requests.length).toBe(before)
    expect(aw.run.data.protectionVerdicts).toEqual([])
    expect(running.gate.health().counts).toMatchObject({
      unauthorized: 3,
      accepted: 0
    })
  })

  it('refuses a malformed payload with 400, no stack trace', async () => {
    const aw = withApp(standard(reviewedChange))
    running = await start(aw)
    const url = running.gate.webhookUrl
    const notJson = await post(
      url,
      'payload=%7B%7D',
      signed(aw, 'payload=%7B%7D')
    )
    expect(notJson.status).toBe(400)
    expect(notJson.body.message).toMatch(/not JSON/)
    const event = running.event(aw.run)
    const noCallback = JSON.stringify({
      ...event.payload,
      deployment_callback_url: undefined
    })
    const r1 = await post(url, noCallback, signed(aw, noCallback))
    expect(r1.status).toBe(400)
    expect(r1.body.message).toBe(
      'malformed payload: deployment_callback_url is missing: it is where the verdict goes'
    )
    const elsewhere = JSON.stringify({
      ...event.payload,
      deployment_callback_url: String(
        event.payload.deployment_callback_url
      ).replace('127.0.0.1', 'localhost')
    })
    const r2 = await post(url, elsewhere, signed(aw, elsewhere))
    expect(r2.status).toBe(400)
    expect(r2.body.message).toMatch(/not on the configured GitHub API/)
    for (const r of [notJson, r1, r2]) {
      expect(JSON.stringify(r.body)).not.toMatch(/\n\s+at /)
    }
    await sleep(200)
    expect(aw.run.data.protectionVerdicts).toEqual([])
  })

  it('rejects, with the reason, a payload it can answer but not read', async () => {
    const aw = withApp(standard(reviewedChange))
    running = await start(aw)
    const event = running.event(aw.run)
    const bad = JSON.stringify({
      ...event.payload,
      sha: 'nope',
      deployment: { ...(event.payload.deployment as object), sha: 'nope' }
    })
    const r = await post(running.gate.webhookUrl, bad, signed(aw, bad))
    expect(r.status).toBe(400)
    expect(r.body.message).toMatch(/deployment\.sha must be a full/)
    const v = await verdictOf(aw.run)
    expect(v.state).toBe('rejected')
    expect(v.comment).toMatch(/deployment\.sha must be a full 40-character/)
  })

  it('refuses a delivery without event headers, or too large', async () => {
    const aw = withApp(standard(reviewedChange))
    running = await start(aw)
    const body = JSON.stringify({ zen: 'x' })
    const headers = signed(aw, body)
    delete headers['x-github-event']
    const r = await post(running.gate.webhookUrl, body, headers)
    expect(r).toEqual({
      status: 400,
      body: { message: 'missing X-GitHub-Event or X-GitHub-Delivery header' }
    })
    const big = 'x'.repeat(6 * 1024 * 1024)
    const large = await fetch(running.gate.webhookUrl, {
      method: 'POST',
      headers: signed(aw, 'x'),
      body: big
    })
    expect(large.status).toBe(413)
  })

  it('answers ping, ignores other events, and 404/405 elsewhere', async () => {
    const aw = withApp(standard(reviewedChange))
    running = await start(aw)
    const url = running.gate.webhookUrl
    const body = JSON.stringify({ zen: 'Keep it logically awesome.' })
    const ping = await post(url, body, signed(aw, body, 'ping'))
    expect(ping).toEqual({ status: 200, body: { message: 'pong' } })
    const push = await post(url, body, signed(aw, body, 'push'))
    expect(push.status).toBe(202)
    expect(push.body.message).toMatch(/ignored: push/)
    expect((await fetch(url)).status).toBe(405)
    expect((await fetch(url)).headers.get('allow')).toBe('POST')
    expect((await fetch(`${running.gate.url}/nope`)).status).toBe(404)
    expect(
      (await fetch(`${running.gate.url}/healthz`, { method: 'POST' })).status
    ).toBe(405)
    expect(running.gate.health().counts).toMatchObject({
      ignored: 2,
      accepted: 0
    })
    expect(
      running.logs.some((l) => String(l.msg).includes('ignored: push'))
    ).toBe(true)
  })
})

describe('a delivery while the server stops', () => {
  it('is answered 503 and its deployment rejected, saying why', async () => {
    const aw = withApp(standard(reviewedChange))
    const apiUrl = 'https://api.github.test'
    const config = parseConfig({
      APP_ID: String(aw.app.id),
      PRIVATE_KEY: aw.app.privateKey,
      WEBHOOK_SECRET: aw.app.webhookSecret,
      GITHUB_API_URL: apiUrl
    })
    // GitHub's callback, without a network
    const posted: Record<string, unknown>[] = []
    const client = (o: ClientOptions): GitHubClient => ({
      requests: [],
      rest: (async (_route: string, params?: Record<string, unknown>) => {
        posted.push({ token: o.token, ...params })
        return { status: 204, data: undefined, headers: {} } as RestResponse
      }) as GitHubClient['rest'],
      graphql: async () => {
        throw new Error('nothing is decided')
      }
    })
    const { logger } = recordingLogger()
    const counts = newCounts()
    const deliveries = new Deliveries({
      concurrency: 1,
      counts,
      logger,
      deps: {
        config,
        tokens: { token: async () => 'ghs_test' },
        client,
        now: () => new Date(),
        callbackBudgetMs: 10_000,
        retryBaseMs: 1
      }
    })
    const webhook = new WebhookReceiver({ config, logger, counts, deliveries })
    deliveries.stopAccepting()

    const event = deploymentProtectionRuleEvent({
      run: aw.run,
      environment: 'production',
      app: aw.app,
      apiUrl
    })
    const body = JSON.stringify(event.payload)
    const headers = signed(aw, body)
    const req = {
      header: (name: string) => headers[name] ?? null,
      remote: '127.0.0.1'
    }
    expect(webhook.arrived(req)).toBeNull()
    expect(await webhook.receive(req, body)).toEqual({
      status: 503,
      body: {
        message:
          'shutting down: the deployment is rejected; re-run the job to ask again',
        delivery: headers['x-github-delivery']
      },
      headers: { connection: 'close' }
    })
    expect(await deliveries.drain(30)).toEqual({ finished: 0, abandoned: 0 })
    expect(posted).toMatchObject([
      {
        token: 'ghs_test',
        run_id: aw.run.id,
        environment_name: 'production',
        state: 'rejected'
      }
    ])
    expect(String(posted[0]!.comment)).toContain(
      'the gate\u2019s server was shutting down when this deployment asked it'
    )
    expect(counts).toMatchObject({
      deliveries: 1,
      accepted: 1,
      abandoned: 1,
      rejected: 1,
      unanswered: 0
    })
  })
})
