// The action says what a decision cost (SPEC §9): the evidence's `api`, the
// summary's cost line, and a warning when a GitHub budget runs low.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import type { ActionIO } from '../../src/action/main.js'
import { runFromEnv } from '../../__fixtures__/action.js'
import type { EvidenceRecord } from '../../src/engine/evidence/index.js'
import {
  OWNER,
  READ_PERMISSIONS,
  REPO,
  reviewedChange,
  standard
} from '../../test-support/demo/scenarios.js'
import {
  startSimulator,
  type SimulatorServer
} from '../../test-support/sim/server.js'
import { spendPoints } from '../github/spend.js'

interface Ran {
  log: string[]
  summary: string
  evidence: EvidenceRecord
  server: SimulatorServer
}

let temp: string
let server: SimulatorServer | null = null
beforeEach(() => {
  temp = mkdtempSync(join(tmpdir(), 'pg-usage-'))
})
afterEach(async () => {
  await server?.close()
  server = null
  rmSync(temp, { recursive: true, force: true })
})

/** The happy path, after `spent` points of the hour went elsewhere. */
async function act(spent = 0): Promise<Ran> {
  const { world, run } = standard(reviewedChange)
  server = await startSimulator(world.sim)
  if (spent > 0) {
    await spendPoints(server, world.sim.workflowToken(READ_PERMISSIONS), spent)
    server.resetLog()
  }
  const log: string[] = []
  const summary: string[] = []
  const outputs: Record<string, string> = {}
  const io: ActionIO = {
    debug: () => undefined,
    info: (m) => log.push(`info ${m}`),
    warning: (m) => log.push(`warning ${m}`),
    error: (m) => log.push(`error ${m}`),
    setSecret: () => undefined,
    setOutput: (n, v) => (outputs[n] = v),
    writeSummary: (md) => {
      summary.push(md)
      return Promise.resolve()
    },
    annotate: (m) => log.push(`annotate ${m}`),
    setFailed: (m) => log.push(`failed ${m}`)
  }
  await runFromEnv({
    env: {
      GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
      GITHUB_SHA: run.sha,
      GITHUB_ACTOR: run.actor,
      GITHUB_RUN_ID: String(run.runId),
      // a runner always says what triggered the run (SPEC §4 allowed_events)
      GITHUB_EVENT_NAME: 'push',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_API_URL: server.url,
      GITHUB_GRAPHQL_URL: server.graphqlUrl,
      RUNNER_TEMP: temp,
      INPUT_ENVIRONMENT: run.environment,
      INPUT_SHA: run.sha,
      INPUT_TOKEN: run.token
    },
    io,
    now: () => new Date()
  })
  expect(outputs.decision).toBe('allow')
  const evidence = JSON.parse(
    readFileSync(outputs['evidence-file'] as string, 'utf8')
  ) as EvidenceRecord
  return { log, summary: summary.join(''), evidence, server }
}

const charged = (s: SimulatorServer): number =>
  s.requests.reduce((sum, r) => sum + (r.graphql ? (r.points ?? 0) : 0), 0)

describe('runAction: what the decision cost', () => {
  it('records the requests, the points and the budgets left in the evidence', async () => {
    const r = await act()
    const api = r.evidence.api
    if (api === null) throw new Error('no api in the evidence')
    const graphql = r.server.requests.filter((q) => q.graphql).length
    expect(api.requests).toEqual({
      rest: r.server.requests.length - graphql,
      graphql
    })
    expect(api.requests.rest + api.requests.graphql).toBe(
      r.evidence.api_requests
    )
    // every query asks for its rateLimit: the points are known
    expect(api.points).toBe(charged(r.server))
    expect(api.points).toBeGreaterThan(0)
    expect(api.budgets.find((b) => b.resource === 'graphql')).toMatchObject({
      limit: 1000,
      used: charged(r.server),
      remaining: 1000 - charged(r.server)
    })
    expect(r.log.filter((l) => l.includes('budget low'))).toEqual([])
  })

  it('puts the cost line in the job summary', async () => {
    const r = await act()
    const api = r.evidence.api!
    const total = api.requests.rest + api.requests.graphql
    expect(r.summary).toContain(
      `<sub>Cost: ${total} request${total === 1 ? '' : 's'} (${api.requests.graphql} GraphQL, ${api.requests.rest} REST), `
    )
    expect(r.summary).toMatch(
      /; left this hour: [\d,]+ of 1,000 points(, [\d,]+ of 1,000 REST requests)?\.<\/sub>/
    )
  })

  it('warns, naming the budget, when less than 20 % of it is left', async () => {
    const r = await act(850)
    const left = 150 - charged(r.server)
    const warning = `GitHub API budget low: ${left} of 1,000 GraphQL points left this hour (resets `
    expect(r.log).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^warning ${warning.replace(/[()]/g, '\\$&')}\\d\\d:\\d\\d UTC\\)`
        )
      )
    )
    expect(r.evidence.notes).toContainEqual(expect.stringContaining(warning))
    expect(r.summary).toContain(`> ${warning}`)
    // a warning only: the decision stands
    expect(r.evidence.decision).toBe('allow')
  })
})
