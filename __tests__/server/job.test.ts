// One delivery's decision end to end on 127.0.0.1 (job.ts, decide.ts,
// evidence.ts): the simulator plays GitHub (the App's JWT, installation
// tokens, the deployment_protection_rule delivery and its callback), the
// server decides with the engine, as the action would.
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
import { looksLikeJwt } from '../../test-support/sim/app.js'
import { sleep, start, verdictOf, withApp, type Running } from './helpers.js'

let running: Running | null = null
afterEach(async () => {
  await running?.close()
  running = null
})

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

  it('says at start-up, once, when no evidence directory keeps the record', async () => {
    const aw = withApp(standard(reviewedChange))
    running = await start(aw)
    const warned = (r: Running): Record<string, unknown>[] =>
      r.logs.filter(
        (l) =>
          l.level === 'warning' &&
          String(l.msg).includes('PROMOTION_GATE_EVIDENCE_DIR is not set')
      )
    expect(warned(running)).toHaveLength(1)
    expect(String(warned(running)[0]?.msg)).toContain('durable directory')
    await running.close()
    const dir = mkdtempSync(join(tmpdir(), 'pg-evidence-'))
    try {
      running = await start(aw, { env: { PROMOTION_GATE_EVIDENCE_DIR: dir } })
      expect(warned(running)).toEqual([])
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
