// Forged test results and runs of the wrong trigger, through dist/index.js
// against the simulator (issue 14, items 2 and 6): a required check pinned
// to GitHub Actions counts only from a workflow job, and a run triggered by
// pull_request_target may not deploy unless the policy lists that event.
import { describe, expect, it } from '@jest/globals'
import {
  PROTECTIVE_RULES,
  POLICY,
  gateRun,
  reviewedChange,
  standard,
  type World
} from '../../test-support/demo/scenarios.js'
import { GITHUB_ACTIONS_APP } from '../../test-support/sim/model.js'
import { runGate } from './helpers.js'

/** main's ruleset also requires `e2e`, pinned to GitHub Actions (15368). */
function pinE2e(w: World): void {
  w.repo.ruleset({
    name: 'protect main',
    include: ['~DEFAULT_BRANCH'],
    rules: [
      ...PROTECTIVE_RULES,
      {
        type: 'required_status_checks',
        parameters: {
          strict_required_status_checks_policy: false,
          required_status_checks: [
            { context: 'e2e', integration_id: GITHUB_ACTIONS_APP.id }
          ]
        }
      }
    ]
  })
}

/** The reviewed change, deployed upstream, with `e2e` required and pinned. */
function pinnedWorld(policy = POLICY) {
  return standard(reviewedChange, { policy, ruleset: false })
}

describe('forged test results (a required check pinned to GitHub Actions)', () => {
  it('blocks a commit status `e2e` posted with a workflow token', async () => {
    const { world, sha } = pinnedWorld()
    pinE2e(world)
    // any workflow with `statuses: write` can post it, as github-actions[bot]
    world.repo.commitStatus(sha, 'success', {
      context: 'e2e',
      creator: world.sim.githubActions
    })
    const r = await runGate(world, gateRun(world, sha))
    expect(r.outputs.decision).toBe('block')
    expect(r.violations).toEqual(['checks'])
    expect(r.stdout).toContain(
      'the required check `e2e` must come from GitHub Actions (a workflow job); the result on'
    )
    // GraphQL names a bot by its login without `[bot]`
    expect(r.stdout).toContain('is a commit status posted by github-actions:')
    expect(r.stdout).toContain('run `e2e` as a job of a workflow')
  }, 60_000)

  it('blocks a check run `e2e` a workflow token created through the Checks API', async () => {
    const { world, sha } = pinnedWorld()
    pinE2e(world)
    // GitHub files it under GitHub Actions, in the commit's first run's suite
    world.repo.apiCheckRun(sha, 'e2e', 'success', { app: GITHUB_ACTIONS_APP })
    const r = await runGate(world, gateRun(world, sha))
    expect(r.outputs.decision).toBe('block')
    expect(r.violations).toEqual(['checks'])
    expect(r.stdout).toContain(
      'is a check run created through the Checks API (no workflow job behind it)'
    )
    // the one extra query that asked whether it is a job
    expect(r.server.requests.length).toBe(4)
  }, 60_000)

  it('allows the real job, asking one more query (1 point) for it', async () => {
    const { world, sha } = pinnedWorld()
    pinE2e(world)
    world.repo
      .workflowRun({
        actor: world.people.alice,
        headSha: sha,
        name: 'e2e',
        path: '.github/workflows/e2e.yml'
      })
      .job('e2e')
    const r = await runGate(world, gateRun(world, sha))
    expect(r.outputs.decision).toBe('allow')
    expect(r.server.requests.length).toBe(4)
    const jobs = r.server.requests.filter(
      (q) => q.operationName === 'GateSteps'
    )
    expect(jobs.map((q) => q.points)).toEqual([1])
  }, 60_000)

  it('still takes a commit status when the check is not pinned', async () => {
    const { world, sha } = standard(reviewedChange)
    world.repo.commitStatus(sha, 'success', {
      context: 'e2e',
      creator: world.sim.githubActions
    })
    const r = await runGate(world, gateRun(world, sha))
    expect(r.outputs.decision).toBe('allow')
    expect(r.server.requests.length).toBe(3)
  }, 60_000)
})

describe('runs of the wrong trigger (allowed_events)', () => {
  it('blocks a pull_request_target run, which a main-only environment lets through', async () => {
    const { world, sha } = standard(reviewedChange)
    // GitHub runs pull_request_target on the default branch's head: its
    // GITHUB_SHA is main's latest commit, here the reviewed change
    const r = await runGate(world, gateRun(world, sha), {
      env: { GITHUB_EVENT_NAME: 'pull_request_target' }
    })
    expect(r.outputs.decision).toBe('block')
    expect(r.violations).toEqual(['source-branch'])
    expect(r.stdout).toContain(
      'was triggered by `pull_request_target`, which `allowed_events` for production does not list'
    )
    expect(r.stdout).toContain(
      "since 2025-12 GitHub checks the environment's branch rules of such a run against the default branch"
    )
  }, 60_000)

  it('allows it when the policy lists pull_request_target', async () => {
    const policy = POLICY.replace(
      '    deployer_independent: true',
      '    deployer_independent: true\n    allowed_events: [push, pull_request_target]'
    )
    const { world, sha } = standard(reviewedChange, { policy })
    const r = await runGate(world, gateRun(world, sha), {
      env: { GITHUB_EVENT_NAME: 'pull_request_target' }
    })
    expect(r.outputs.decision).toBe('allow')
  }, 60_000)
})
