// Faults, through dist/index.js as the runner runs it (issue: fail closed).
// Each case states the outcome and the time the gate took.
import { describe, expect, it } from '@jest/globals'
import {
  gateRun,
  reviewedChange,
  standard
} from '../../test-support/demo/scenarios.js'
import { runGate } from './helpers.js'

const typical = () => standard(reviewedChange)

describe('faults', () => {
  it('rides out a burst of 5xx and allows', async () => {
    const { world, run } = typical()
    const r = await runGate(world, run, {
      before: (s) => s.faults.add({ kind: 'status', status: 502, times: 2 })
    })
    expect(r.outputs.decision).toBe('allow')
    const statuses = r.server.requests.map((q) => q.status)
    expect(statuses.slice(0, 2)).toEqual([502, 502])
  }, 30_000)

  it('blocks within the time budget when 5xx never stops, naming the call', async () => {
    const { world, run } = typical()
    const r = await runGate(
      world,
      { ...run, inputs: { 'timeout-seconds': '4' } },
      { before: (s) => s.faults.add({ kind: 'status', status: 503 }) }
    )
    expect(r.outputs.decision).toBe('block')
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(/POST \/graphql/)
    expect(r.ms).toBeLessThan(9_000)
  }, 30_000)

  it('waits out a secondary rate limit as GitHub asks (retry-after) and allows', async () => {
    const { world, run } = typical()
    const r = await runGate(world, run, {
      before: (s) =>
        s.faults.add({ kind: 'secondary-rate-limit', retryAfter: 1, times: 1 })
    })
    expect(r.outputs.decision).toBe('allow')
    expect(r.server.requests[0]?.status).toBe(403)
    expect(r.ms).toBeGreaterThanOrEqual(1_000)
  }, 30_000)

  it('blocks at once when the primary rate limit resets after the budget, naming the reset', async () => {
    const { world, run } = typical()
    const r = await runGate(world, run, {
      before: (s) =>
        s.faults.add({ kind: 'primary-rate-limit', resetInSeconds: 3600 })
    })
    expect(r.outputs.decision).toBe('block')
    expect(r.stdout).toMatch(/rate limit/i)
    expect(r.stdout).toMatch(/resets at \d{4}-\d\d-\d\dT/)
    expect(r.ms).toBeLessThan(5_000)
  }, 30_000)

  it('blocks within the time budget on a hung connection', async () => {
    const { world, run } = typical()
    const r = await runGate(
      world,
      { ...run, inputs: { 'timeout-seconds': '3' } },
      { before: (s) => s.faults.add({ kind: 'hang' }) }
    )
    expect(r.outputs.decision).toBe('block')
    expect(r.stdout).toMatch(/time budget of 3s/)
    expect(r.ms).toBeLessThan(8_000)
  }, 30_000)

  it('blocks on an answer that is not JSON', async () => {
    const { world, run } = typical()
    const r = await runGate(world, run, {
      before: (s) => s.faults.add({ kind: 'invalid-json', graphql: true })
    })
    expect(r.outputs.decision).toBe('block')
    expect(r.stdout).toMatch(/not JSON|unexpected shape|expected an object/i)
  }, 30_000)

  it("retries GitHub's transient 'Something went wrong' GraphQL error and allows", async () => {
    const { world, run } = typical()
    const r = await runGate(world, run, {
      before: (s) =>
        s.faults.add({ kind: 'graphql-errors', graphql: true, times: 1 })
    })
    expect(r.outputs.decision).toBe('allow')
    expect(r.server.requests.filter((q) => q.graphql)).toHaveLength(2) // the failed bootstrap and its retry
  }, 30_000)

  it('blocks on a GraphQL answer with data and errors together, naming the permission', async () => {
    const { world, run } = typical()
    const r = await runGate(world, run, {
      before: (s) =>
        s.faults.add({
          kind: 'graphql-errors',
          graphql: true,
          times: 1,
          errors: [
            {
              type: 'FORBIDDEN',
              path: ['repository', 'commit', 'associatedPullRequests'],
              message: 'Resource not accessible by integration'
            }
          ]
        })
    })
    expect(r.outputs.decision).toBe('block')
    expect(r.stdout).toMatch(/could not be read completely/)
    expect(r.stdout).toMatch(/pull-requests: read/)
  }, 30_000)

  it('does not count the approval of a deleted account (ghost)', async () => {
    const { world, run } = typical()
    world.sim.deleteUser(world.people.bob)
    const r = await runGate(world, run)
    expect(r.violations).toContain('maker-checker')
    expect(r.stdout).toMatch(/deleted account/)
  }, 30_000)

  it('does not count an approval whose commit GitHub no longer has', async () => {
    const { world, sha } = standard((w) => {
      w.repo.branch('gc')
      w.repo.commit({
        branch: 'gc',
        author: w.people.alice,
        files: { 'g.ts': '1' }
      })
      const pr = w.repo.pullRequest({ head: 'gc', author: w.people.alice })
      pr.approve(w.people.bob, { commitId: 'f'.repeat(40) })
      return pr.merge({ by: w.people.bob, method: 'squash' }).oid
    })
    const r = await runGate(world, gateRun(world, sha))
    expect(r.outputs.decision).toBe('block')
    expect(r.violations).toEqual(
      expect.arrayContaining(['approval-record', 'maker-checker'])
    )
  }, 30_000)
})
