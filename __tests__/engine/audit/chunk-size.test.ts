// The audit's default chunk (SPEC §9: an audit of 10,000 deployments under
// 300 MB): a chunk's parsed answers are what a long audit holds at its peak,
// so a chunk is three full queries of deployed commits, no more, and cutting
// the population there neither adds a partly filled query nor changes a row.
import { afterEach, describe, expect, it } from '@jest/globals'
import { CHUNK } from '../../../src/engine/audit/run.js'
import {
  runAudit,
  silentLogger,
  type AuditDeps,
  type AuditReport
} from '../../../src/engine/index.js'
import { createClient } from '../../../src/github/client.js'
import { auditRows } from '../../../src/audit/render.js'
import { auditWorld } from '../../../test-support/demo/audit-world.js'
import {
  OWNER,
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

const UNTIL = new Date()
const SINCE = new Date(UNTIL.getTime() - 30 * 86_400_000)

/** An audit of `w`; each AuditCommits query's count of deployed commits into `batches`. */
async function audit(
  w: World,
  o: { batches: number[]; deps?: Partial<AuditDeps> }
): Promise<AuditReport> {
  await server?.close()
  server = await startSimulator(w.sim)
  const client = createClient({
    token: w.sim.workflowToken({ ...READ_PERMISSIONS, issues: 'read' }),
    apiUrl: server.url,
    graphqlUrl: server.graphqlUrl,
    logger: silentLogger,
    timeoutMs: 30_000,
    retryBaseMs: 5
  })
  return runAudit(
    {
      owner: OWNER,
      repo: REPO,
      environment: 'production',
      policyPath: POLICY_PATH,
      policyRef: null,
      since: SINCE,
      until: UNTIL,
      serverUrl: 'https://github.com'
    },
    {
      github: {
        rest: (route, params) => client.rest(route, params),
        graphql: (query, variables, options) => {
          if (query.startsWith('query AuditCommits('))
            o.batches.push(
              Object.keys(variables).filter((k) => /^oid\d+$/.test(k)).length
            )
          return client.graphql(query, variables, options)
        }
      },
      logger: silentLogger,
      now: () => UNTIL,
      ...o.deps
    }
  )
}

describe('the audit chunk', () => {
  it('is three full queries of deployed commits', async () => {
    const n = CHUNK + 2
    const { world: w } = auditWorld(n)
    const progress: string[] = []
    const chunked: number[] = []
    const report = await audit(w, {
      batches: chunked,
      deps: { progress: (m) => progress.push(m) }
    })
    expect(report.entries).toHaveLength(n)
    expect(CHUNK % 3).toBe(0)
    const full = CHUNK / 3
    // GitHub's node limit fills a query with 28 deployed commits (SPEC §9)
    expect(full).toBe(28)
    expect(chunked).toEqual([full, full, full, 2])
    expect(progress).toContain(`judging deployments 1-${CHUNK} of ${n}`)
    expect(progress).toContain(`judging deployments ${CHUNK + 1}-${n} of ${n}`)

    // the same rows as one chunk of everything
    const whole: number[] = []
    const one = await audit(w, { batches: whole, deps: { chunkSize: n } })
    expect(whole).toEqual([full, full, full, 2])
    expect(auditRows(report)).toEqual(auditRows(one))
  }, 120_000)
})
