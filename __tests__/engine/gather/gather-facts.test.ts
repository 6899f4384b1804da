// gatherFacts as the engine calls it, through evaluate against the simulator:
// what a policy switches off is not asked, and what a policy needs but GitHub
// would not give blocks the decision, naming why.
import { describe, expect, it } from '@jest/globals'
import { evaluate, type Decision } from '../../../src/engine/index.js'
import { silentLogger } from '../../../src/engine/port.js'
import { makeRequest } from '../../../src/engine/request.js'
import {
  OWNER,
  POLICY,
  POLICY_PATH,
  REPO,
  reviewedChange,
  standard,
  type World
} from '../../../test-support/demo/scenarios.js'
import type { SimulatorServer } from '../../../test-support/sim/server.js'
import { onSimulator, routes } from './ports.js'

async function decide(
  w: World,
  sha: string,
  o: { token?: string; before?: (server: SimulatorServer) => void } = {}
): Promise<{ decision: Decision; asked: string[] }> {
  const run = w.repo.workflowRun({ actor: w.people.dora, headSha: sha })
  return onSimulator(w, o.token ?? w.sim.adminToken(), async (port, server) => {
    o.before?.(server)
    const decision = await evaluate(
      makeRequest({
        owner: OWNER,
        repo: REPO,
        environment: 'production',
        sha,
        policyPath: POLICY_PATH,
        run: { id: run.id, actor: 'dora' },
        event: run.data.event
      }),
      { github: port, logger: silentLogger, now: () => new Date() }
    )
    return { decision, asked: routes(server) }
  })
}

const statusOf = (d: Decision, id: string): string | undefined =>
  d.results.find((c) => c.id === id)?.status

describe('gatherFacts, against the simulator', () => {
  it('asks neither the environment’s rules nor CI results when the policy switches them off', async () => {
    const policy = POLICY.replace(
      '    deployer_independent: true\n',
      '    deployer_independent: true\n    environment_protection: false\n    checks: false\n'
    )
    const { world, sha } = standard(reviewedChange, { policy })
    const { decision, asked } = await decide(world, sha)
    expect(decision.facts?.environmentSettings).toBeNull()
    expect(decision.facts?.ciResults).toBeNull()
    expect(decision.facts).not.toHaveProperty('reviewerTeams')
    expect(decision.decision).toBe('allow')
    // only the reads sent alongside the bootstrap, before the policy is
    // known (one round trip): nothing asked after it
    expect(asked.filter((r) => r.includes('/environments/'))).toEqual([
      'GET /repos/acme/shop/environments/production/deployment-branch-policies?per_page=100&page=1',
      'GET /repos/acme/shop/environments/production'
    ])
  })

  it('reads the members of a team named in approvals.reviewers', async () => {
    const policy = POLICY.replace(
      '      pull_request: 1\n',
      '      pull_request: 1\n      reviewers: [example/reviewers]\n'
    )
    const { world, sha } = standard(reviewedChange, { policy })
    world.sim.team('example/reviewers', [world.people.bob])
    const { decision } = await decide(world, sha)
    expect(decision.facts?.reviewerTeams).toEqual({
      'example/reviewers': ['bob']
    })
    expect(decision.decision).toBe('allow')
  })

  it('reads the target’s deployments past the first page until its previous success', async () => {
    const { world, sha } = standard(reviewedChange)
    const released = world.repo.data.deployments.find(
      (d) => d.environment === 'production'
    )?.sha
    // 110 failed attempts since: the last success is on the second page
    for (let i = 0; i < 110; i++) {
      world.repo.deploy({ environment: 'production', sha }).status('failure')
    }
    const { decision } = await decide(world, sha)
    expect(decision.facts?.scope).toMatchObject({
      kind: 'range',
      since: released
    })
    expect(decision.facts?.upstream).toBeDefined()
  })

  it('blocks, naming the call, when the environment cannot be read for a reason other than permission', async () => {
    const { world, sha } = standard(reviewedChange)
    const { decision } = await decide(world, sha, {
      before: (server) =>
        server.faults.add({
          kind: 'status',
          status: 422,
          path: /\/environments\/production$/
        })
    })
    expect(decision.decision).toBe('block')
    expect(decision.failure?.message).toMatch(
      /GET \/repos\/acme\/shop\/environments\/production failed with 422/
    )
    expect(statusOf(decision, 'environment')).not.toBe('pass')
  })
})
