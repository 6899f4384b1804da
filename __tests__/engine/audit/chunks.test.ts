// A long audit in chunks, paced by GitHub's budget and resumed from its
// checkpoint (SPEC §9), in process against the simulator: counts of what
// was asked, the simulator's budget on a clock the test moves.
import { afterEach, describe, expect, it } from '@jest/globals'
import {
  BudgetSpentError,
  runAudit,
  silentLogger,
  type AuditCheckpoint,
  type AuditDeps,
  type AuditReport,
  type EvidenceRecord,
  type GitHubPort
} from '../../../src/engine/index.js'
import { createClient } from '../../../src/github/client.js'
import { auditRows } from '../../../src/audit/render.js'
import { auditWorld } from '../../../test-support/demo/audit-world.js'
import {
  OWNER,
  POLICY_PATH,
  promote,
  READ_PERMISSIONS,
  REPO,
  tested,
  type World
} from '../../../test-support/demo/scenarios.js'
import {
  startSimulator,
  type SimulatorServer,
  type SimulatorServerOptions
} from '../../../test-support/sim/server.js'

let server: SimulatorServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

const SINCE = new Date(Date.now() - 30 * 86_400_000)
const UNTIL = new Date()

/** The deployed commits each AuditCommits query asked for, by the audit's port. */
interface Asked {
  commits: string[]
}

async function audit(
  w: World,
  o: {
    sim?: SimulatorServerOptions
    deps?: Partial<AuditDeps>
    asked?: Asked
    environment?: string
  } = {}
): Promise<AuditReport> {
  await server?.close()
  server = await startSimulator(w.sim, o.sim)
  const client = createClient({
    token: w.sim.workflowToken({ ...READ_PERMISSIONS, issues: 'read' }),
    apiUrl: server.url,
    graphqlUrl: server.graphqlUrl,
    logger: silentLogger,
    timeoutMs: 30_000,
    retryBaseMs: 5
  })
  const asked = o.asked
  const github: GitHubPort & { requests: unknown[] } = {
    rest: (route, params) => client.rest(route, params),
    graphql: (query, variables, options) => {
      if (asked !== undefined && query.startsWith('query AuditCommits('))
        asked.commits.push(
          ...Object.entries(variables)
            .filter(([k]) => /^oid\d+$/.test(k))
            .map(([, v]) => String(v))
        )
      return client.graphql(query, variables, options)
    },
    usage: () =>
      client.usage?.() ?? {
        requests: { rest: 0, graphql: 0 },
        points: null,
        budgets: []
      },
    get requests() {
      return client.requests
    }
  }
  return runAudit(
    {
      owner: OWNER,
      repo: REPO,
      environment: o.environment ?? 'production',
      policyPath: POLICY_PATH,
      policyRef: null,
      since: SINCE,
      until: UNTIL,
      serverUrl: 'https://github.com'
    },
    { github, logger: silentLogger, now: () => UNTIL, ...o.deps }
  )
}

const points = (): number =>
  (server?.requests ?? []).reduce((sum, r) => sum + (r.points ?? 0), 0)

/** What an interrupted and resumed audit must equal: all but when it ran. */
const comparable = (r: AuditReport): unknown => ({
  ...r,
  requests: null
})

describe('runAudit in chunks', () => {
  it('judges chunk by chunk, streaming each record, with the same rows as one chunk', async () => {
    const { world: w } = auditWorld(12)
    const whole = await audit(w)
    const written: number[] = []
    const saved: number[] = []
    let done = 0
    const chunked = await audit(w, {
      deps: {
        chunkSize: 5,
        chunkDone: () => {
          // after the chunk's checkpoint: its reads may be collected
          expect(saved).toHaveLength(done + 1)
          done++
        },
        evidence: (id: number, _r: EvidenceRecord) => {
          written.push(id)
          return Promise.resolve()
        },
        checkpoint: (c) => {
          // each checkpoint holds the rows so far, not the records
          expect(c.judged.every((j) => j.entry.evidence === null)).toBe(true)
          saved.push(c.judged.length)
          return Promise.resolve()
        }
      }
    })
    expect(saved).toEqual([5, 10, 12])
    expect(done).toBe(3)
    expect(written).toEqual(whole.entries.map((e) => e.deployment.id))
    expect(auditRows(chunked)).toEqual(auditRows(whole))
    expect(chunked.entries.map((e) => e.decision)).toEqual(
      whole.entries.map((e) => e.decision)
    )
  })

  it('stops with a checkpoint when the budget is spent and may not be waited for, and resumes to the same report without asking again', async () => {
    const { world: w } = auditWorld(12)
    const full = await audit(w, { deps: { chunkSize: 4 } })
    const total = points()

    // A point less than the audit costs, and no time to wait for more.
    let clock = Date.now()
    const saved: AuditCheckpoint[] = []
    const firstAsked: Asked = { commits: [] }
    const stopped = await audit(w, {
      sim: {
        graphqlPointsPerHour: { github_token: total - 1 },
        graphqlClock: () => clock
      },
      asked: firstAsked,
      deps: {
        chunkSize: 4,
        pace: {
          now: () => clock,
          sleep: () => Promise.reject(new Error('must not wait')),
          waitUntil: clock,
          // each query of this small world costs a point
          reserve: 1
        },
        checkpoint: (c) => {
          saved.push(structuredClone(c))
          return Promise.resolve()
        }
      }
    }).catch((e: unknown) => e)
    expect(stopped).toBeInstanceOf(BudgetSpentError)
    expect((stopped as Error).message).toMatch(
      /^GitHub's GraphQL budget is spent until \d\d:\d\d UTC \(\d+ points an hour for this token\); run again with --resume after then$/
    )
    const last = saved.at(-1)
    expect(last).toBeDefined()
    const done = last?.judged.length ?? 0
    expect(done).toBeGreaterThan(0)
    expect(done).toBeLessThan(12)
    expect(done % 4).toBe(0)

    // Resumed after the reset: the judged deployments are not asked again,
    // nor is the population.
    clock += 3_600_000
    const resumedAsked: Asked = { commits: [] }
    const resumed = await audit(w, {
      asked: resumedAsked,
      deps: { chunkSize: 4, resume: last }
    })
    expect(
      server?.requests.filter((r) => r.operationName === 'AuditDeployments')
    ).toHaveLength(0)
    const judgedShas = new Set(
      full.entries.slice(0, done).map((e) => e.deployment.sha)
    )
    expect(resumedAsked.commits.filter((s) => judgedShas.has(s))).toEqual([])
    expect(new Set(resumedAsked.commits).size).toBe(12 - done)
    expect(comparable(resumed)).toEqual(comparable(full))
  })

  it('waits for the reset when it may, and completes', async () => {
    const { world: w } = auditWorld(12)
    const full = await audit(w, { deps: { chunkSize: 4 } })
    const total = points()
    let clock = Date.now()
    const sleeps: number[] = []
    const paced = await audit(w, {
      sim: {
        graphqlPointsPerHour: { github_token: total - 1 },
        graphqlClock: () => clock
      },
      deps: {
        chunkSize: 4,
        pace: {
          now: () => clock,
          sleep: (ms) => {
            sleeps.push(ms)
            clock += ms
            return Promise.resolve()
          },
          waitUntil: clock + 3 * 3_600_000,
          reserve: 1
        }
      }
    })
    expect(sleeps.length).toBeGreaterThanOrEqual(1)
    // the simulator refused nothing: the audit waited instead
    expect(server?.requests.filter((r) => r.graphql && r.points === 0)).toEqual(
      []
    )
    expect(comparable(paced)).toEqual(comparable(full))
  })

  it('refuses a checkpoint made for another audit', async () => {
    const { world: w } = auditWorld(3)
    let saved: AuditCheckpoint | undefined
    await audit(w, {
      deps: {
        checkpoint: (c) => {
          saved = structuredClone(c)
          return Promise.resolve()
        }
      }
    })
    expect(saved?.judged).toHaveLength(3)
    await expect(
      audit(w, { environment: 'staging', deps: { resume: saved } })
    ).rejects.toThrow(
      'the checkpoint was made for another audit: environment production, not staging'
    )
  })

  it('does not judge a deployed commit whose deployments were not all read: it fails closed, saying why', async () => {
    const { world: w } = auditWorld(2, { room: 4 * 3_600_000 })
    const pr = w.repo.mergedPullRequest({
      author: w.people.alice,
      approvals: [w.people.bob],
      method: 'squash'
    })
    const sha = pr.data.mergeCommit as string
    tested(w, sha)
    promote(w, sha, ['development', 'staging'])
    // 20 redeployments to development push staging out of the newest 20
    for (let i = 0; i < 20; i++) promote(w, sha, ['development'])
    w.sim.advance('2h')
    promote(w, sha, ['production'])
    w.sim.advance('10m')
    const report = await audit(w)
    const entry = report.entries.at(-1)
    expect(entry?.deployment.sha).toBe(sha)
    expect(entry?.decision).toBe('block')
    expect(entry?.evidence?.failure?.message).toBe(
      `commit ${sha.slice(0, 7)} has more deployments than the audit reads for one commit (20, newest first): its upstream deployments may be among the others, so it is not judged`
    )
    expect(report.entries.slice(0, 2).map((e) => e.decision)).toEqual([
      'allow',
      'allow'
    ])
  })
})
