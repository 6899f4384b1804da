// runAudit through the engine's door, in process against the simulator:
// the reads a population needs beyond one change per deployment, and the
// requests an audit spends (SPEC §9), which must not grow.
import { afterEach, describe, expect, it } from '@jest/globals'
import { runAudit, silentLogger } from '../../../src/engine/index.js'
import type {
  AuditDeps,
  AuditReport,
  EvidenceRecord
} from '../../../src/engine/index.js'
import { createClient } from '../../../src/github/client.js'
import { auditRows } from '../../../src/audit/render.js'
import { auditWorld, release } from '../../../test-support/demo/audit-world.js'
import {
  OWNER,
  POLICY,
  POLICY_PATH,
  READ_PERMISSIONS,
  REPO,
  type World
} from '../../../test-support/demo/scenarios.js'
import {
  startSimulator,
  type SimulatorServer
} from '../../../test-support/sim/server.js'

let server: SimulatorServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

async function audit(
  w: World,
  days = 30,
  extra: Partial<AuditDeps> = {},
  // the client's budget for the whole audit: a large one on a loaded
  // machine needs more than 20 s, and its cost, not its time, is tested
  timeoutMs = 20_000
): Promise<AuditReport> {
  server = await startSimulator(w.sim)
  const github = createClient({
    token: w.sim.workflowToken({ ...READ_PERMISSIONS, issues: 'read' }),
    apiUrl: server.url,
    graphqlUrl: server.graphqlUrl,
    logger: silentLogger,
    timeoutMs,
    retryBaseMs: 5
  })
  return runAudit(
    {
      owner: OWNER,
      repo: REPO,
      environment: 'production',
      policyPath: POLICY_PATH,
      policyRef: null,
      since: new Date(Date.now() - days * 86_400_000),
      until: new Date(),
      serverUrl: 'https://github.com'
    },
    { github, logger: silentLogger, now: () => new Date(), ...extra }
  )
}

const requests = (path: RegExp): number =>
  server?.requests.filter((r) => path.test(r.path)).length ?? 0

describe('runAudit', () => {
  it('judges every change merged since the previous deployment, each with its pull request', async () => {
    const { world: w } = auditWorld(2, { room: 4 * 3_600_000 })
    const reviewed = w.repo.mergedPullRequest({
      author: w.people.alice,
      approvals: [w.people.bob],
      method: 'squash'
    })
    w.sim.advance('10m')
    const unreviewed = w.repo.mergedPullRequest({
      author: w.people.alice,
      approvals: [],
      method: 'squash'
    })
    w.sim.advance('10m')
    const last = release(w)
    const report = await audit(w)
    const entry = report.entries.at(-1)
    expect(entry?.deployment.sha).toBe(last.sha)
    expect(entry?.evidence?.changes.map((c) => c.pull_request?.number)).toEqual(
      [last.number, unreviewed.data.number, reviewed.data.number]
    )
    expect(entry?.decision).toBe('block')
    expect(entry?.violations).toEqual(['approval-record', 'maker-checker'])
  })

  it('reads environment approvals of every run in one query when the policy asks for them', async () => {
    const policy = POLICY.replace(
      'pull_request: 1',
      'pull_request: 1\n      environment: 1'
    )
    const { world: w } = auditWorld(3, { policy, room: 4 * 3_600_000 })
    const approved = release(w, { approvedBy: w.people.carol })
    const report = await audit(w)
    expect(report.entries).toHaveLength(4)
    expect(requests(/\/actions\/runs\/\d+\/approvals$/)).toBe(0)
    expect(
      server?.requests.filter((r) => r.operationName === 'AuditApprovals')
    ).toHaveLength(1)
    for (const entry of report.entries.slice(0, 3)) {
      expect(entry.decision).toBe('block')
      expect(entry.violations).toContain('approval-record')
    }
    const last = report.entries[3]
    expect(last?.deployment.sha).toBe(approved.sha)
    expect(last?.violations).not.toContain('approval-record')
  })

  it("spends no more than measured: 100 deployments in 34 requests (two chunks: each lists its own runs), 49 points (binding each record to its job: one GateJobs; the policy's history: one AuditPolicyHistory; completeness: one page of main’s history, 4 points)", async () => {
    const { world: w } = auditWorld(100)
    const report = await audit(w)
    expect(report.entries).toHaveLength(100)
    expect(report.entries.every((e) => e.decision === 'allow')).toBe(true)
    expect(report.requests).toBe(server?.requests.length)
    expect(report.requests).toBeLessThanOrEqual(34)
    expect(
      server?.requests.filter((r) => r.operationName === 'AuditPolicyHistory')
    ).toHaveLength(1)
    const points = (server?.requests ?? []).reduce(
      (sum, r) => sum + (r.points ?? 0),
      0
    )
    expect(points).toBeLessThanOrEqual(49)
  })

  it('audits 1,000 deployments within SPEC §9: at most 500 points and 300 REST requests (measured 492 and 64, approvals asked; 10 of the points bind records to their jobs, 40 read main’s history for completeness; chunks of 84 list their runs in 12 windows)', async () => {
    const policy = POLICY.replace(
      'pull_request: 1',
      'pull_request: 1\n      environment: 1'
    )
    const { world: w } = auditWorld(1000, { policy })
    const report = await audit(w, 140, {}, 150_000)
    expect(report.entries).toHaveLength(1000)
    const log = server?.requests ?? []
    const points = log.reduce((sum, r) => sum + (r.points ?? 0), 0)
    const rest = log.filter((r) => !r.graphql).length
    expect(points).toBeLessThanOrEqual(492)
    expect(rest).toBeLessThanOrEqual(64)
  }, 180_000)

  it('hands each record to the evidence sink as it is judged and holds only the rows', async () => {
    const { world: w } = auditWorld(3)
    const held = await audit(w)
    await server?.close()
    const written: [number, EvidenceRecord][] = []
    const streamed = await audit(w, 30, {
      evidence: (id, record) => {
        // judged one at a time: the report holds none of them yet
        written.push([id, record])
        return Promise.resolve()
      }
    })
    expect(written.map(([id]) => id)).toEqual(
      held.entries.map((e) => e.deployment.id)
    )
    expect(written.map(([, r]) => r)).toEqual(
      held.entries.map((e) => e.evidence)
    )
    expect(streamed.entries.every((e) => e.evidence === null)).toBe(true)
    expect(streamed.entries.map((e) => e.summary)).toEqual(
      held.entries.map((e) => e.summary)
    )
    // the report's rows (md, csv) read the summary alone
    expect(auditRows(streamed)).toEqual(auditRows(held))
  })
})
