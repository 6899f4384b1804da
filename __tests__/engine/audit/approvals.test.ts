// The runs' environment approvals in bulk (issue 13): one GraphQL query per
// 100 runs gives exactly what REST's one request per run gives, and a run
// GraphQL cannot answer in one page is asked the REST way.
import { afterEach, describe, expect, it } from '@jest/globals'
import { silentLogger } from '../../../src/engine/index.js'
import { runApprovals } from '../../../src/engine/audit/approvals.js'
import { fetchApprovals } from '../../../src/engine/gather/index.js'
import { createClient } from '../../../src/github/client.js'
import {
  OWNER,
  READ_PERMISSIONS,
  REPO,
  world
} from '../../../test-support/demo/scenarios.js'
import { costOf, schemaErrors } from '../../../test-support/query-shapes.js'
import {
  approvalsQuery,
  APPROVALS_COST
} from '../../../src/engine/audit/approvals.js'
import { batches } from '../../../src/engine/gather/budget.js'
import { nodeId } from '../../../test-support/sim/rest-shapes.js'
import {
  startSimulator,
  type SimulatorServer
} from '../../../test-support/sim/server.js'

let server: SimulatorServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

describe('runApprovals', () => {
  it('reads in one query what REST reads run by run, and falls back to REST past a page', async () => {
    const w = world({})
    const { alice, bob, carol } = w.people
    const run = (): ReturnType<typeof w.repo.workflowRun> =>
      w.repo.workflowRun({ actor: w.people.dora })
    const none = run()
    const one = run().approve(carol, 'production', 'ship it')
    const mixed = run()
      .reject(bob, ['staging', 'production'], 'not yet')
      .approve(carol, ['staging', 'production'])
    const many = run()
    for (let i = 0; i < 6; i++)
      many.approve(i % 2 === 0 ? alice : carol, 'production')
    const runs = [none, one, mixed, many].map((r) => ({
      id: r.data.id,
      // the first as if its node id were not known
      nodeId: r === none ? null : nodeId('WorkflowRun', r.data.id)
    }))
    server = await startSimulator(w.sim)
    const github = createClient({
      token: w.sim.workflowToken({ ...READ_PERMISSIONS }),
      apiUrl: server.url,
      graphqlUrl: server.graphqlUrl,
      logger: silentLogger,
      timeoutMs: 20_000,
      retryBaseMs: 5
    })
    const repo = { owner: OWNER, repo: REPO }
    const bulk = await runApprovals({
      github,
      repo,
      runs
    })
    const asked = server.requests.map((r) =>
      r.graphql ? r.operationName : r.path.replace(/^.*\/runs\//, 'runs/')
    )
    // one query for three, then REST for the unknown one and the one past a page
    expect(asked).toEqual([
      'AuditApprovals',
      `runs/${none.data.id}/approvals`,
      `runs/${many.data.id}/approvals`
    ])
    for (const r of runs) {
      const rest = await fetchApprovals(github, {
        owner: OWNER,
        repo: REPO,
        run: r
      })
      expect(bulk.get(r.id)).toEqual(rest)
    }
    expect(bulk.get(one.data.id)).toEqual([
      {
        user: { login: 'carol', type: 'User' },
        state: 'approved',
        environments: ['production'],
        comment: 'ship it'
      }
    ])
    expect(bulk.get(mixed.data.id)).toHaveLength(2)
  })

  it('reads nothing without actions: read, as REST says', async () => {
    const w = world({})
    const r = w.repo
      .workflowRun({ actor: w.people.dora })
      .approve(w.people.carol, 'production')
    server = await startSimulator(w.sim)
    const github = createClient({
      token: w.sim.workflowToken({ ...READ_PERMISSIONS, actions: 'none' }),
      apiUrl: server.url,
      graphqlUrl: server.graphqlUrl,
      logger: silentLogger,
      timeoutMs: 20_000,
      retryBaseMs: 5
    })
    const repo = { owner: OWNER, repo: REPO }
    const got = await runApprovals({
      github,
      repo,
      runs: [{ id: r.data.id, nodeId: nodeId('WorkflowRun', r.data.id) }]
    })
    // refused by GraphQL, then REST says what the gate says: unreadable
    expect(got.get(r.data.id)).toEqual(
      await fetchApprovals(github, { ...repo, run: { id: r.data.id } })
    )
    expect(got.get(r.data.id)).toMatchObject({
      unreadable: true,
      permission: 'actions: read'
    })
  })

  it('keeps a full batch within the limits and costs what it declares', () => {
    const items = Array.from({ length: 500 }, (_v, i) =>
      nodeId('WorkflowRun', i + 1)
    )
    const batch = batches(items, () => APPROVALS_COST)[0] ?? []
    const { query, variables } = approvalsQuery(batch)
    const shape = {
      name: 'AuditApprovals',
      what: `${batch.length} runs`,
      query,
      variables,
      each: APPROVALS_COST,
      batch: batch.length
    }
    expect(schemaErrors(shape)).toEqual([])
    const cost = costOf(shape)
    expect(cost.requests).toBe(batch.length * APPROVALS_COST.requests)
    expect(cost.nodes).toBe(batch.length * APPROVALS_COST.nodes)
    expect(cost.points).toBeLessThanOrEqual(10)
  })
})
