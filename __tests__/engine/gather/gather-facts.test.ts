// gatherFacts as the engine calls it, through evaluate against the simulator:
// what a policy switches off is not asked, and what a policy needs but GitHub
// would not give blocks the decision, naming why.
import { describe, expect, it } from '@jest/globals'
import { evaluate, type Decision } from '../../../src/engine/index.js'
import { silentLogger, type GitHubPort } from '../../../src/engine/port.js'
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
  o: {
    token?: string
    before?: (server: SimulatorServer) => void
    /** what GitHub may send but the simulator does not */
    port?: (real: GitHubPort) => GitHubPort
  } = {}
): Promise<{ decision: Decision; asked: string[] }> {
  const run = w.repo.workflowRun({ actor: w.people.dora, headSha: sha })
  return onSimulator(w, o.token ?? w.sim.adminToken(), async (real, server) => {
    o.before?.(server)
    const port = o.port?.(real) ?? real
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

  it('asks no ruleset’s bypass actors when the policy switches branch protection off', async () => {
    const policy = POLICY.replace(
      '    deployer_independent: true\n',
      '    deployer_independent: true\n    branch_protection: false\n'
    )
    const { world, sha } = standard(reviewedChange, { policy })
    const { decision, asked } = await decide(world, sha)
    expect(decision.decision).toBe('allow')
    expect(asked.filter((r) => r.includes('/rulesets/'))).toEqual([])
    expect(decision.facts?.branches.map((b) => b.rulesetBypass)).toEqual(
      decision.facts?.branches.map(() => undefined)
    )
    // the same world with the key left on reads them
    const on = standard(reviewedChange)
    const checked = await decide(on.world, on.sha)
    expect(checked.asked.filter((r) => r.includes('/rulesets/'))).not.toEqual(
      []
    )
  })

  it('blocks the promotion, naming the environment, when GitHub answers null for the upstream deployments', async () => {
    // `match: tree`: the bootstrap's page of the commit's own deployments
    // does not settle staging, so the context query asks for it
    const policy = POLICY.replace(
      '    deployer_independent: true\n',
      '    deployer_independent: true\n    match: tree\n'
    )
    const { world, sha } = standard(reviewedChange, { policy })
    // GitHub's schema makes `deployments` non-null, but the gate must not
    // trust an answer that nulls one environment alone
    const nullStaging = (real: GitHubPort): GitHubPort =>
      ({
        rest: (route, params) => real.rest(route, params),
        graphql: async (query, variables, options) => {
          const got = await real.graphql(query, variables, options)
          if (!query.startsWith('query GateContext')) return got
          const i = Object.entries(variables).find(
            ([k, v]) => /^env\d+$/.test(k) && v === 'staging'
          )?.[0]
          const repository = (
            got.data as { repository: Record<string, unknown> }
          ).repository
          if (i !== undefined) repository[`d${i.slice(3)}`] = null
          return got
        }
      }) as GitHubPort
    const { decision } = await decide(world, sha, { port: nullStaging })
    expect(decision.facts?.upstream.staging).toMatchObject({
      unreadable: true,
      permission: 'deployments: read'
    })
    expect(decision.decision).toBe('block')
    const promotion = decision.results.find((r) => r.id === 'promotion')
    expect(promotion?.status).toBe('error')
    expect(promotion?.summary).toContain('development → staging')
    expect(promotion?.problems).toEqual([
      expect.stringContaining(
        'cannot read the deployments of staging: grant the token `deployments: read`'
      )
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
