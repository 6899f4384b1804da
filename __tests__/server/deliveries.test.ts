// Accepted deliveries (deliveries.ts, health.ts): counted in /healthz,
// decided at most PROMOTION_GATE_CONCURRENCY at a time, never twice, and
// finished or answered `rejected` when the server stops. End to end on
// 127.0.0.1 against the simulator.
import { afterEach, describe, expect, it } from '@jest/globals'
import { reviewedChange, standard } from '../../test-support/demo/scenarios.js'
import { sleep, start, verdictOf, withApp, type Running } from './helpers.js'

let running: Running | null = null
afterEach(async () => {
  await running?.close()
  running = null
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
})
