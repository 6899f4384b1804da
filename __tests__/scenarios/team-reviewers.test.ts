// `approvals.reviewers` naming a team (SPEC §4): its members may approve when
// the token can read them; with the workflow token it cannot, and the block
// names `members: read`. Through the bundle, against the simulator.
import { describe, expect, it } from '@jest/globals'
import {
  gateRun,
  POLICY,
  reviewedChange,
  standard
} from '../../test-support/demo/scenarios.js'
import { runGate } from './helpers.js'

const policy = POLICY.replace(
  '      pull_request: 1\n',
  '      pull_request: 1\n      reviewers: [example/reviewers]\n'
)

/** bob belongs to the team of the organization `example` */
function world() {
  const built = standard(reviewedChange, { policy })
  built.world.sim.team('example/reviewers', [built.world.people.bob])
  return built
}

describe('team reviewers', () => {
  it('counts an approval by a member of the listed team', async () => {
    const { world: w, sha } = world()
    const r = await runGate(w, gateRun(w, sha, { token: w.sim.adminToken() }))
    expect(r.outputs.decision).toBe('allow')
  })

  it('blocks naming members: read when the token cannot read the team', async () => {
    const { world: w, run } = world()
    const r = await runGate(w, run)
    expect(r.outputs.decision).toBe('block')
    expect(r.violations).toEqual(['maker-checker'])
    expect(r.stdout).toContain('members: read')
  })
})
