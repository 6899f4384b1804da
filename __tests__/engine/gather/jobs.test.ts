// Binding deployment records to their jobs while gathering, against the
// simulator: the bootstrap's rollups bind a typical decision's records; a
// record beyond them is bound through GateJobs, never skipped.
import { describe, expect, it } from '@jest/globals'
import { evaluate, type Decision } from '../../../src/engine/index.js'
import { silentLogger } from '../../../src/engine/port.js'
import { makeRequest } from '../../../src/engine/request.js'
import { forgeRecord, jobOf } from '../../../test-support/demo/forged.js'
import {
  OWNER,
  POLICY,
  POLICY_PATH,
  REPO,
  ago,
  firstRelease,
  promote,
  reviewedChange,
  standard,
  tested,
  world,
  type World
} from '../../../test-support/demo/scenarios.js'
import { durationMs } from '../../../test-support/sim/model.js'
import { onSimulator } from './ports.js'

async function decide(
  w: World,
  sha: string
): Promise<{ decision: Decision; operations: string[] }> {
  const run = w.repo.workflowRun({ actor: w.people.dora, headSha: sha })
  return onSimulator(w, w.sim.adminToken(), async (port, server) => {
    const decision = await evaluate(
      makeRequest({
        owner: OWNER,
        repo: REPO,
        environment: 'production',
        sha,
        policyPath: POLICY_PATH,
        run: { id: run.id, actor: 'dora' },
        event: 'push'
      }),
      { github: port, logger: silentLogger, now: () => new Date() }
    )
    return {
      decision,
      operations: server.requests.flatMap((r) =>
        r.operationName === undefined ? [] : [r.operationName]
      )
    }
  })
}

describe('binding records to their jobs while gathering', () => {
  it('binds a typical decision through the bootstrap alone', async () => {
    const { world: w, sha } = standard(reviewedChange)
    const { decision, operations } = await decide(w, sha)
    expect(decision.decision).toBe('allow')
    expect(operations).not.toContain('GateJobs')
    const deploys = w.repo.data.deployments.filter((d) => d.sha === sha)
    for (const d of deploys) {
      expect(decision.facts?.jobs?.checkRuns[String(d.jobId)]).toMatchObject({
        deploymentId: d.id,
        app: { id: 15368, slug: 'github-actions' },
        run: { id: d.runId, path: '.github/workflows/deploy.yml' }
      })
    }
  }, 30_000)

  it('asks GateJobs for the records past the latest ten, and starts the range at the real previous deployment', async () => {
    const w = world()
    const released = firstRelease(w)
    // eleven forged production records on commits pushed since: the
    // bootstrap reads the check runs of the latest ten records' commits
    for (let i = 0; i < 11; i++) {
      const c = w.repo.commit({
        branch: 'main',
        author: w.people.mallory,
        message: `push ${i}`
      }).oid
      tested(w, c)
      forgeRecord(w, {
        environment: 'production',
        sha: c,
        job: jobOf(w, c, 'test')
      })
      w.sim.advance('1m')
    }
    const sha = reviewedChange(w)
    tested(w, sha)
    ago(w, durationMs('2h') + durationMs('10m'))
    promote(w, sha, ['development', 'staging'])
    const { decision, operations } = await decide(w, sha)
    expect(operations.filter((o) => o === 'GateJobs')).toHaveLength(1)
    expect(decision.facts?.scope.since).toBe(released)
    expect(decision.decision).toBe('block')
    expect(
      decision.results.find((c) => c.id === 'approval-record')?.status
    ).toBe('fail')
  }, 60_000)

  it('binds a match: tree record on another commit through GateJobs', async () => {
    const policy = POLICY.replace(
      '    after: staging\n',
      '    after: staging\n    match: tree\n'
    )
    const { world: w, sha } = standard(reviewedChange, {
      policy,
      environments: ['development']
    })
    // staging deployed a commit with the same tree, by its own job
    const files = w.repo.data.commits.get(sha)?.files ?? new Map()
    const twin = w.repo.commit({
      branch: 'twin',
      parents: [],
      snapshot: Object.fromEntries(files),
      author: w.people.dora,
      message: 'same tree'
    }).oid
    const run = w.repo.workflowRun({
      actor: w.people.dora,
      headSha: twin,
      headBranch: 'twin'
    })
    w.repo.deployFromRun(run.data, 'staging')
    const { decision, operations } = await decide(w, sha)
    expect(operations).toContain('GateJobs')
    expect(decision.results.find((c) => c.id === 'promotion')?.status).toBe(
      'pass'
    )
  }, 60_000)
})
