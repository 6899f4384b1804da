// `promotion-gate serve` end to end on 127.0.0.1: the simulator plays
// GitHub (the App's JWT, installation tokens, the deployment_protection_rule
// delivery and its callback), the server decides with the engine.
import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  reviewedChange,
  SCENARIOS,
  standard
} from '../../test-support/demo/scenarios.js'
import { createClient, type ClientOptions } from '../../src/github/client.js'
import { evidenceProblems } from '../../src/engine/evidence/index.js'
import type { EvidenceRecord } from '../../src/engine/evidence/index.js'
import { MAX_COMMENT } from '../../src/server/comment.js'
import { looksLikeJwt, signWebhook } from '../../test-support/sim/app.js'
import {
  sleep,
  start,
  verdictOf,
  withApp,
  type AppWorld,
  type Running
} from './helpers.js'

let running: Running | null = null
afterEach(async () => {
  await running?.close()
  running = null
})

async function post(
  url: string,
  body: string,
  headers: Record<string, string>
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers, body })
  const text = await res.text()
  return {
    status: res.status,
    body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>)
  }
}

function signed(
  aw: AppWorld,
  body: string,
  event = 'deployment_protection_rule',
  delivery = '11111111-2222-3333-4444-555555555555'
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-github-event': event,
    'x-github-delivery': delivery,
    'x-hub-signature-256': signWebhook(aw.app.webhookSecret, body)
  }
}

describe('decisions, as the action makes them', () => {
  it.each(SCENARIOS.map((s) => ({ name: s.name, s })))(
    '$name: the verdict matches the scenario',
    async ({ s }) => {
      const aw = withApp(s.build())
      running = await start(aw)
      const r = running
      const sent = await r.send(r.event(aw.run))
      expect(sent.status).toBe(202)
      expect(JSON.parse(sent.body)).toMatchObject({ message: 'accepted' })
      const v = await verdictOf(aw.run)
      expect(v.state).toBe(
        s.expect.decision === 'allow' ? 'approved' : 'rejected'
      )
      expect(v.comment.length).toBeLessThanOrEqual(MAX_COMMENT)
      for (const id of s.expect.violations) {
        expect(v.comment).toContain(`**${id}**`)
      }
      if (s.expect.decision === 'allow') {
        expect(v.comment).toMatch(/^\*\*promotion-gate approved\*\*/)
        expect(aw.run.data.status).toBe('in_progress')
      } else {
        expect(v.comment).toMatch(/^\*\*promotion-gate rejected\*\*/)
        expect(aw.run.data.conclusion).toBe('failure')
      }
    }
  )

  it('names what to fix: skipped staging, self-approval', async () => {
    const skipped = withApp(
      standard(reviewedChange, { environments: ['development'] })
    )
    running = await start(skipped)
    await running.send(running.event(skipped.run))
    const v = await verdictOf(skipped.run)
    expect(v.state).toBe('rejected')
    expect(v.comment).toContain('Violations: **promotion**')
    expect(v.comment).toMatch(/- promotion: .*staging/)
    expect(v.comment).toContain('re-run the deployment job')
    await running.close()
    running = null

    const self = SCENARIOS.find((s) => s.name === 'self-approval')
    const aw = withApp(self!.build())
    running = await start(aw)
    await running.send(running.event(aw.run))
    const w = await verdictOf(aw.run)
    expect(w.state).toBe('rejected')
    expect(w.comment).toContain('Violations: **maker-checker**')
    expect(w.comment).toMatch(/- maker-checker: .*bob/)
  })

  it('uses the installation token, never the JWT, for the engine and the callback', async () => {
    const aw = withApp(standard(reviewedChange))
    const tokens: string[] = []
    running = await start(aw, {
      server: {
        client: (o: ClientOptions) => {
          tokens.push(o.token)
          return createClient(o)
        }
      }
    })
    await running.send(running.event(aw.run))
    expect((await verdictOf(aw.run)).state).toBe('approved')
    expect(tokens.length).toBeGreaterThanOrEqual(2) // engine + callback
    for (const t of tokens) {
      expect(t).toMatch(/^ghs_/)
      expect(looksLikeJwt(t)).toBe(false)
    }
    // the JWT went only to the App routes: one mint for the decision
    const mints = running.sim.requests.filter((q) =>
      /\/app\/installations\/\d+\/access_tokens$/.test(q.path)
    )
    expect(mints).toHaveLength(1)
    expect(
      running.sim.requests.filter((q) => q.path.startsWith('/app'))
    ).toEqual(mints)
    // and no token, key or secret reached the log
    const log = running.logText()
    expect(log).not.toContain(tokens[0])
    expect(log).not.toContain(aw.app.webhookSecret)
    expect(log).not.toContain('PRIVATE KEY')
  })

  it('writes one valid evidence record per decision', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-evidence-'))
    try {
      const aw = withApp(standard(reviewedChange))
      running = await start(aw, {
        env: { PROMOTION_GATE_EVIDENCE_DIR: dir }
      })
      const event = running.event(aw.run)
      await running.send(event)
      const v = await verdictOf(aw.run)
      expect(v.state).toBe('approved')
      await sleep(50)
      const files = readdirSync(dir)
      expect(files).toHaveLength(1)
      expect(files[0]).toContain(event.id)
      expect(v.comment).toContain(files[0]!)
      const record = JSON.parse(
        readFileSync(join(dir, files[0]!), 'utf8')
      ) as EvidenceRecord
      expect(evidenceProblems(record)).toEqual([])
      expect(record).toMatchObject({
        mode: 'server',
        decision: 'allow',
        environment: 'production',
        sha: aw.sha,
        deployer: 'dora',
        run: {
          id: aw.run.id,
          attempt: 1,
          actor: 'dora',
          triggering_actor: 'dora'
        }
      })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('no evidence, no approval: a decision it cannot record is rejected', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-evidence-'))
    const aw = withApp(standard(reviewedChange))
    running = await start(aw, {
      env: { PROMOTION_GATE_EVIDENCE_DIR: dir }
    })
    rmSync(dir, { recursive: true, force: true })
    await running.send(running.event(aw.run))
    const v = await verdictOf(aw.run)
    expect(v.state).toBe('rejected')
    expect(v.comment).toMatch(
      /It could not be decided: the evidence record could not be written \(ENOENT\)/
    )
    expect(v.comment).toContain(
      "Hint: Check PROMOTION_GATE_EVIDENCE_DIR on the gate's server."
    )
  })

  it('takes the deployer from the run: a re-run by the change author is segregation', async () => {
    const aw = withApp(standard(reviewedChange))
    // dora started the run; alice, who wrote the change, re-ran it
    aw.run.data.triggeringActor = aw.world.people.alice
    running = await start(aw)
    await running.send(running.event(aw.run))
    const v = await verdictOf(aw.run)
    expect(v.state).toBe('rejected')
    expect(v.comment).toContain('**segregation**')
    expect(v.comment).toContain('alice')
  })

  it('answers through GitHub Enterprise Server paths (/api/v3)', async () => {
    const aw = withApp(standard(reviewedChange))
    running = await start(aw, { enterprise: true })
    const event = running.event(aw.run)
    expect(String(event.payload.deployment_callback_url)).toContain('/api/v3/')
    await running.send(event)
    expect((await verdictOf(aw.run)).state).toBe('approved')
  })
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

describe('health, concurrency and shutdown', () => {
  it('GET /healthz reports status and counts', async () => {
    const aw = withApp(standard(reviewedChange))
    running = await start(aw)
    await running.send(running.event(aw.run))
    await verdictOf(aw.run)
    await sleep(20)
    const res = await fetch(`${running.gate.url}/healthz`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/application\/json/)
    expect(await res.json()).toMatchObject({
      status: 'ok',
      in_flight: 0,
      counts: { deliveries: 1, accepted: 1, approved: 1, rejected: 0 }
    })
  })

  it('answers 20 concurrent deliveries, each with its own run', async () => {
    const built = standard(reviewedChange)
    const aw = withApp(built)
    const { repo, people } = aw.world
    // half deployed by dora (independent), half by alice (wrote the change)
    const runs = Array.from({ length: 20 }, (_, i) =>
      repo.workflowRun({
        actor: i % 2 === 0 ? people.dora : people.alice,
        headSha: aw.sha
      })
    )
    running = await start(aw, { sim: { latencyMs: 20 } })
    const r = running
    const events = runs.map((run) => r.event(run))
    const sent = await Promise.all(events.map((e) => r.send(e)))
    expect(sent.map((s) => s.status)).toEqual(Array(20).fill(202))
    const verdicts = await Promise.all(runs.map((run) => verdictOf(run)))
    verdicts.forEach((v, i) => {
      expect(v.state).toBe(i % 2 === 0 ? 'approved' : 'rejected')
      if (i % 2 === 1) expect(v.comment).toContain('**segregation**')
    })
    for (const run of runs) expect(run.data.protectionVerdicts).toHaveLength(1)
    // one installation token for all of them
    expect(
      r.sim.requests.filter((q) => q.path.endsWith('/access_tokens'))
    ).toHaveLength(1)
  })

  it('queues decisions beyond PROMOTION_GATE_CONCURRENCY, and repeats none', async () => {
    const aw = withApp(standard(reviewedChange))
    const runs = Array.from({ length: 6 }, () =>
      aw.world.repo.workflowRun({
        actor: aw.world.people.dora,
        headSha: aw.sha
      })
    )
    running = await start(aw, {
      env: { PROMOTION_GATE_CONCURRENCY: '2' },
      // slow enough that no decision ends while the six are being sent,
      // even on a loaded machine
      sim: { latencyMs: 400 }
    })
    const r = running
    const events = runs.map((run) => r.event(run))
    await Promise.all(events.map((e) => r.send(e)))
    expect(r.gate.health()).toMatchObject({ running: 2, queued: 4 })
    // GitHub's "Redeliver" of a delivery still in progress does nothing more
    const again = await r.send(events[5]!)
    expect(again.status).toBe(202)
    expect(JSON.parse(again.body)).toMatchObject({
      message: 'already in progress'
    })
    const verdicts = await Promise.all(runs.map((run) => verdictOf(run)))
    expect(verdicts.map((v) => v.state)).toEqual(Array(6).fill('approved'))
    // the simulator records a verdict before its (slow) answer reaches the server
    for (let i = 0; i < 100 && r.gate.health().in_flight > 0; i++)
      await sleep(20)
    for (const run of runs) expect(run.data.protectionVerdicts).toHaveLength(1)
    expect(r.gate.health()).toMatchObject({
      in_flight: 0,
      counts: { accepted: 6, approved: 6 }
    })
  })

  it('finishes an in-flight decision on shutdown', async () => {
    const aw = withApp(standard(reviewedChange))
    running = await start(aw)
    running.sim.faults.add({ kind: 'latency', ms: 400, graphql: true })
    await running.send(running.event(aw.run))
    const stopping = running.gate.shutdown()
    expect(running.gate.health()).toMatchObject({
      status: 'draining',
      in_flight: 1
    })
    const report = await stopping
    expect(report).toEqual({ finished: 1, abandoned: 0 })
    expect(aw.run.data.protectionVerdicts).toMatchObject([
      { state: 'approved' }
    ])
    // no longer accepting
    await expect(fetch(`${running.gate.url}/healthz`)).rejects.toThrow()
  })

  it('rejects what cannot finish within the grace period, saying why', async () => {
    const aw = withApp(standard(reviewedChange))
    running = await start(aw, {
      // the engine's own budget ends the hung call soon after
      env: {
        PROMOTION_GATE_SHUTDOWN_SECONDS: '0',
        PROMOTION_GATE_TIMEOUT_SECONDS: '1'
      }
    })
    running.sim.faults.add({ kind: 'hang', graphql: true })
    await running.send(running.event(aw.run))
    await sleep(200)
    const report = await running.gate.shutdown()
    expect(report).toEqual({ finished: 0, abandoned: 1 })
    const v = await verdictOf(aw.run)
    expect(v.state).toBe('rejected')
    expect(v.comment).toMatch(/stopped before it finished deciding/)
    expect(v.comment).toMatch(/Re-run the deployment job/)
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

  it('rejects when the App cannot read the run, naming the permission', async () => {
    const aw = withApp(standard(reviewedChange), {
      contents: 'read',
      deployments: 'write',
      pull_requests: 'read'
    })
    running = await start(aw)
    await running.send(running.event(aw.run))
    const v = await verdictOf(aw.run)
    expect(v.state).toBe('rejected')
    expect(v.comment).toMatch(/actions: read/)
  })
})
