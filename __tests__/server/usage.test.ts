// The App server says what a decision cost (SPEC §9): the evidence's `api`
// with the installation's budgets, and a logged warning when one runs low.
import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { reviewedChange, standard } from '../../test-support/demo/scenarios.js'
import {
  evidenceProblems,
  type EvidenceRecord
} from '../../src/engine/evidence/index.js'
import type { SimulatorServerOptions } from '../../test-support/sim/server.js'
import { sleep, start, verdictOf, withApp, type Running } from './helpers.js'

let running: Running | null = null
let dir: string | null = null
afterEach(async () => {
  await running?.close()
  running = null
  if (dir !== null) rmSync(dir, { recursive: true, force: true })
  dir = null
})

async function decided(
  sim: SimulatorServerOptions = {}
): Promise<{ record: EvidenceRecord; r: Running }> {
  dir = mkdtempSync(join(tmpdir(), 'pg-usage-'))
  const aw = withApp(standard(reviewedChange))
  running = await start(aw, {
    env: { PROMOTION_GATE_EVIDENCE_DIR: dir },
    sim
  })
  await running.send(running.event(aw.run))
  expect((await verdictOf(aw.run)).state).toBe('approved')
  await sleep(50)
  const [file] = readdirSync(dir)
  const record = JSON.parse(
    readFileSync(join(dir, file!), 'utf8')
  ) as EvidenceRecord
  expect(evidenceProblems(record)).toEqual([])
  return { record, r: running }
}

const warnings = (r: Running): unknown[] =>
  r.logs
    .filter((l) => l.level === 'warning')
    .map((l) => l.msg)
    .filter((m) => String(m).includes('budget low'))

describe('the App server: what a decision cost', () => {
  it('records the requests and the installation’s budgets', async () => {
    const { record, r } = await decided()
    const api = record.api
    if (api === null) throw new Error('no api in the evidence')
    expect(api.requests.rest + api.requests.graphql).toBe(record.api_requests)
    expect(api.requests.graphql).toBeGreaterThan(0)
    // an App installation's GraphQL budget, not a GITHUB_TOKEN's
    expect(api.budgets.find((b) => b.resource === 'graphql')).toMatchObject({
      limit: 5000
    })
    expect(warnings(r)).toEqual([])
  })

  it('logs a warning naming the budget when less than 20 % is left', async () => {
    // an installation allowed one REST request an hour
    const { record, r } = await decided({ rateLimit: 1 })
    const low = expect.stringMatching(
      /^GitHub API budget low: 0 of 1 REST requests left this hour \(resets \d\d:\d\d UTC\); /
    )
    expect(warnings(r)).toEqual([low])
    expect(record.notes).toContainEqual(low)
    expect(record.decision).toBe('allow')
  })
})
