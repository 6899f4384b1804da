// Break-glass (SPEC §5.7) through the bundle, as the runner runs it: an
// environment approval by a listed approver who made none of the changes
// allows a deployment that skipped staging, and opens the follow-up issue.
import { describe, expect, it } from '@jest/globals'
import {
  BREAK_GLASS_LABEL,
  parseBreakGlassMarker
} from '../../src/engine/break-glass/marker.js'
import {
  POLICY,
  READ_PERMISSIONS,
  reviewedChange,
  standard
} from '../../test-support/demo/scenarios.js'
import { runGate } from './helpers.js'

const policy = `${POLICY}    break_glass:\n      approvers: [erin, alice]\n      review_within: 72h\n`

function emergency(issues: boolean, approver = 'erin') {
  const { world, run } = standard(reviewedChange, {
    environments: ['development'],
    policy
  })
  world.repo
    .run(run.runId as number)
    .approve(
      world.sim.userByLogin(approver) ?? world.sim.user(approver),
      'production'
    )
  const token = world.sim.workflowToken({
    ...READ_PERMISSIONS,
    ...(issues ? { issues: 'write' as const } : {})
  })
  return {
    world,
    run: {
      ...run,
      token,
      inputs: { 'break-glass-reason': 'checkout is down' }
    }
  }
}

describe('break-glass through the bundle', () => {
  it('allows (exit 0) and opens the labelled follow-up issue', async () => {
    const { world, run } = emergency(true)
    const r = await runGate(world, run)
    expect(r.exitCode).toBe(0)
    expect(r.outputs.decision).toBe('allow')
    expect(r.violations).toEqual(['promotion'])
    const [issue] = world.repo.data.issues
    expect(issue?.labels).toEqual([BREAK_GLASS_LABEL])
    expect(parseBreakGlassMarker(issue?.body)).toMatchObject({
      approved_by: 'erin',
      deployer: 'dora',
      run_id: run.runId
    })
    expect(r.evidence?.break_glass).toMatchObject({
      follow_up_issue: { number: issue?.number }
    })
  })

  it('blocks (exit 1) naming issues: write when the job may not open issues', async () => {
    const { world, run } = emergency(false)
    const r = await runGate(world, run)
    expect(r.exitCode).toBe(1)
    expect(r.outputs.decision).toBe('block')
    expect(r.outputs.summary).toContain('`issues: write`')
    expect(world.repo.data.issues).toHaveLength(0)
  })

  it('is refused when the only approval is by a maker of the change', async () => {
    const { world, run } = emergency(true, 'alice')
    const r = await runGate(world, run)
    expect(r.exitCode).toBe(1)
    expect(r.outputs.decision).toBe('block')
    expect(r.stdout).toContain('break-glass refused')
    expect(world.repo.data.issues).toHaveLength(0)
  })
})
