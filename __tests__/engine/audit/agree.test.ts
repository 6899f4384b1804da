// SPEC §7: "for the same data, the audit and the gate agree". A first
// deployment to production (none before it) judged live by the gate as it
// deploys, then by the audit as of its own time: the same scope, the same
// checks, the same decision.
import { afterEach, describe, expect, it } from '@jest/globals'
import {
  evaluate,
  makeRequest,
  recordEvidence,
  runAudit,
  silentLogger
} from '../../../src/engine/index.js'
import { createClient } from '../../../src/github/client.js'
import {
  OWNER,
  POLICY_PATH,
  READ_PERMISSIONS,
  REPO,
  promote,
  reviewedChange,
  tested,
  world
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

describe('the audit and the live gate', () => {
  it('say the same scope and decision for a first deployment', async () => {
    const w = world()
    const sha = reviewedChange(w)
    tested(w, sha)
    promote(w, sha, ['development', 'staging'])
    w.sim.advance('2h')
    const run = w.repo.workflowRun({ actor: w.people.dora, headSha: sha })
    server = await startSimulator(w.sim)
    const github = createClient({
      token: w.sim.workflowToken({ ...READ_PERMISSIONS, issues: 'read' }),
      apiUrl: server.url,
      graphqlUrl: server.graphqlUrl,
      logger: silentLogger,
      timeoutMs: 20_000,
      retryBaseMs: 5
    })

    // the gate, as the production job asks it
    const at = new Date(w.sim.now.getTime())
    const live = await evaluate(
      makeRequest({
        owner: OWNER,
        repo: REPO,
        environment: 'production',
        sha,
        policyPath: POLICY_PATH,
        run: { id: run.id, attempt: 1, actor: 'dora', triggeringActor: 'dora' },
        event: 'push'
      }),
      { github, logger: silentLogger, now: () => at }
    )
    const gate = recordEvidence(
      live,
      { mode: 'check', requests: null, notes: [] },
      () => null
    ).evidence

    // the deployment it allowed, then the audit of the period
    w.repo.deployFromRun(run.data, 'production')
    w.sim.advance('10m')
    const report = await runAudit(
      {
        owner: OWNER,
        repo: REPO,
        environment: 'production',
        policyPath: POLICY_PATH,
        policyRef: null,
        since: new Date(at.getTime() - 86_400_000),
        until: new Date(),
        serverUrl: 'https://github.com'
      },
      { github, logger: silentLogger, now: () => new Date() }
    )
    expect(report.entries).toHaveLength(1)
    const audit = report.entries[0]?.evidence ?? undefined
    expect(Date.parse(report.entries[0]?.deployment.succeededAt ?? '')).toBe(
      at.getTime()
    )

    const firstOnly = {
      kind: 'range',
      since: null,
      note: 'no earlier successful deployment to production: only the deployed change is in scope'
    }
    expect(gate.scope).toEqual(firstOnly)
    expect(audit?.scope).toEqual(gate.scope)
    expect(gate.decision).toBe('allow')
    expect(audit?.decision).toBe(gate.decision)
    const statuses = (e: typeof gate | undefined) =>
      e?.checks.map((c) => [c.id, c.status])
    expect(statuses(audit)).toEqual(statuses(gate))
    expect(audit?.changes.map((c) => c.sha)).toEqual(
      gate.changes.map((c) => c.sha)
    )
  })
})
