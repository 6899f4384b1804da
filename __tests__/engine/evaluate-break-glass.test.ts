// Break-glass (SPEC §5.7) through the engine, in process, against the
// simulator on 127.0.0.1: what is read, and when the decision flips.
import { describe, expect, it } from '@jest/globals'
import { evaluate } from '../../src/engine/index.js'
import { silentLogger } from '../../src/engine/port.js'
import { createClient } from '../../src/github/client.js'
import { startSimulator } from '../../test-support/sim/server.js'
import {
  POLICY,
  POLICY_PATH,
  READ_PERMISSIONS,
  reviewedChange,
  standard,
  type GateRun,
  type World
} from '../../test-support/demo/scenarios.js'
import { requestFor } from '../../__fixtures__/request.js'

const REASON = 'checkout is down for every customer'

function policyWith(approvers: string): string {
  return `${POLICY}    break_glass:\n      approvers: ${approvers}\n      review_within: 72h\n`
}

async function decide(w: World, run: GateRun, reason: string | null = REASON) {
  const server = await startSimulator(w.sim)
  try {
    const client = createClient({
      token: run.token,
      apiUrl: server.url,
      graphqlUrl: server.graphqlUrl,
      logger: silentLogger,
      timeoutMs: 20_000,
      retryBaseMs: 5
    })
    const now = new Date()
    const decision = await evaluate(
      requestFor(run, { breakGlassReason: reason }),
      {
        github: client,
        logger: silentLogger,
        now: () => now
      }
    )
    return {
      decision,
      now,
      requests: server.requests.map((r) => `${r.method} ${r.path}`)
    }
  } finally {
    await server.close()
  }
}

/** Never deployed to staging (promotion fails); erin approved the run. */
function skippedStaging(approvers = '[erin]') {
  const built = standard(reviewedChange, {
    environments: ['development'],
    policy: policyWith(approvers)
  })
  const erin = built.world.sim.user('erin')
  if (built.run.runId === null) throw new Error('no run')
  built.world.repo.run(built.run.runId).approve(erin, 'production', 'go')
  return { ...built, erin }
}

describe('evaluate with a break-glass reason', () => {
  it('allows, overriding the failed checks, when a listed approver approved the run', async () => {
    const { world, run } = skippedStaging()
    const token = world.sim.token({ ...READ_PERMISSIONS, issues: 'write' })
    const { decision, now, requests } = await decide(world, { ...run, token })
    expect(decision.decision).toBe('allow')
    expect(decision.results.find((c) => c.id === 'promotion')?.status).toBe(
      'fail'
    )
    expect(decision.breakGlass).toEqual({
      reason: REASON,
      approvedBy: 'erin',
      deployer: 'dora',
      makers: ['alice'],
      overridden: ['promotion'],
      reviewWithin: 72 * 3600,
      reviewDue: new Date(now.getTime() + 72 * 3600 * 1000).toISOString()
    })
    expect(decision.breakGlassNote).toBeNull()
    // a break-glass allow stands only with its follow-up issue
    expect(decision.followUp?.url).toMatch(/\/issues\/\d+$/)
    expect(requests).toContain('POST /repos/acme/shop/issues')
    // the run's approvals are read although approvals.environment is 0
    expect(requests).toContain(
      `GET /repos/acme/shop/actions/runs/${run.runId}/approvals`
    )
  })

  it('blocks a verified break-glass whose follow-up issue cannot be opened, naming issues: write', async () => {
    const { world, run } = skippedStaging()
    const { decision, requests } = await decide(world, run)
    expect(decision.decision).toBe('block')
    expect(decision.breakGlass).toBeNull()
    expect(decision.followUp).toBeNull()
    expect(decision.breakGlassNote).toMatch(
      /^break-glass was verified \(approved by erin\) but its follow-up issue could not be opened.*`issues: write`/
    )
    expect(requests).toContain('POST /repos/acme/shop/issues')
  })

  it('without a reason, the same run blocks and its approvals are not read', async () => {
    const { world, run } = skippedStaging()
    const { decision, requests } = await decide(world, run, null)
    expect(decision.decision).toBe('block')
    expect(decision.breakGlass).toBeNull()
    expect(decision.breakGlassNote).toBeNull()
    expect(requests.some((r) => r.includes('/approvals'))).toBe(false)
  })

  it('refuses when the approver is the deployer', async () => {
    const { world, run } = skippedStaging('[dora]')
    world.repo.run(run.runId as number).approve(world.people.dora, 'production')
    const { decision } = await decide(world, run)
    expect(decision.decision).toBe('block')
    expect(decision.breakGlass).toBeNull()
    expect(decision.breakGlassNote).toMatch(
      /^break-glass requested but no approval of this run counts: /
    )
    expect(decision.breakGlassNote).toContain(
      'dora approved the run but is the deployer'
    )
  })

  it('refuses a team approver the workflow token cannot expand, naming members: read', async () => {
    const { world, run, erin } = skippedStaging('[ops/sre-leads]')
    world.sim.team('ops/sre-leads', [erin])
    const { decision, requests } = await decide(world, run)
    expect(decision.decision).toBe('block')
    expect(decision.breakGlassNote).toContain('`members: read`')
    expect(decision.breakGlassNote).toContain(
      "list the approvers' logins in break_glass.approvers"
    )
    expect(requests).toContainEqual(
      expect.stringMatching(
        /^GET \/orgs\/ops\/teams\/sre-leads\/members\?per_page=100&page=1$/
      )
    )
  })

  it('expands the team with a token that may read members', async () => {
    const { world, run, erin } = skippedStaging('[ops/sre-leads]')
    world.sim.team('ops/sre-leads', [erin])
    const token = world.sim.token({
      ...READ_PERMISSIONS,
      members: 'read',
      issues: 'write'
    })
    const { decision } = await decide(world, { ...run, token })
    expect(decision.decision).toBe('allow')
    expect(decision.breakGlass?.approvedBy).toBe('erin')
  })

  it('refuses when the policy has no break_glass for the environment', async () => {
    const { world, run } = standard(reviewedChange, {
      environments: ['development']
    })
    const { decision } = await decide(world, run)
    expect(decision.decision).toBe('block')
    expect(decision.breakGlassNote).toMatch(/gives production no break_glass/)
  })

  it('never overrides a policy that is missing', async () => {
    const { world, run } = skippedStaging()
    world.repo.commit({
      branch: 'main',
      author: world.people.alice,
      message: 'drop the policy',
      files: { [POLICY_PATH]: null }
    })
    const { decision } = await decide(world, run)
    expect(decision.decision).toBe('block')
    expect(decision.results.find((c) => c.id === 'policy')?.status).toBe('fail')
    expect(decision.breakGlassNote).toMatch(/policy check did not pass/)
  })

  it('notes that it was not needed when every check passed', async () => {
    const { world, run } = standard(reviewedChange, {
      policy: policyWith('[erin]')
    })
    const { decision } = await decide(world, run)
    expect(decision.decision).toBe('allow')
    expect(decision.breakGlass).toBeNull()
    expect(decision.breakGlassNote).toMatch(/every check passed/)
  })

  it('does not allow when verifying fails: an API error reading a team blocks', async () => {
    const { world, run, erin } = skippedStaging('[ops/sre-leads]')
    world.sim.team('ops/sre-leads', [erin])
    const token = world.sim.token({ ...READ_PERMISSIONS, members: 'read' })
    const server = await startSimulator(world.sim)
    server.faults.add({
      kind: 'status',
      status: 500,
      path: /^\/orgs\//
    })
    try {
      const client = createClient({
        token,
        apiUrl: server.url,
        graphqlUrl: server.graphqlUrl,
        logger: silentLogger,
        timeoutMs: 5_000,
        retryBaseMs: 5
      })
      const decision = await evaluate(
        requestFor(run, { breakGlassReason: REASON }),
        {
          github: client,
          logger: silentLogger,
          now: () => new Date()
        }
      )
      expect(decision.decision).toBe('block')
      expect(decision.breakGlass).toBeNull()
      expect(decision.breakGlassNote).toMatch(
        /^break-glass requested but it could not be verified/
      )
    } finally {
      await server.close()
    }
  })
})
