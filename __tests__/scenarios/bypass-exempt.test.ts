// Ruleset bypass actors through dist/index.js (SPEC §5.4, issue 14 item 7):
// an `exempt` actor, for which "rules will not be run ... and a bypass audit
// entry will not be created" (docs.github.com/en/rest/repos/rules), is named
// in branch-protection's message when the token can read the ruleset (an
// App's token with Administration); a workflow token never can, and the
// message says so instead. A note, not a violation: the decision stands.
import { describe, expect, it } from '@jest/globals'
import {
  READ_PERMISSIONS,
  reviewedChange,
  standard
} from '../../test-support/demo/scenarios.js'
import { runGate } from './helpers.js'

interface Evidence {
  checks: { id: string; status: string; message: string }[]
}

const branchProtection = (evidence: unknown): Evidence['checks'][number] => {
  const found = (evidence as Evidence).checks.find(
    (c) => c.id === 'branch-protection'
  )
  if (found === undefined) throw new Error('no branch-protection check')
  return found
}

function exemptWorld(): ReturnType<typeof standard> & { id: number } {
  const built = standard(reviewedChange)
  const rs = built.world.repo.ruleset({
    name: 'release train',
    include: ['~DEFAULT_BRANCH'],
    rules: [{ type: 'non_fast_forward' }],
    bypassActors: [
      { actorId: 42, actorType: 'Integration', bypassMode: 'exempt' },
      { actorId: 7, actorType: 'Team', bypassMode: 'always' }
    ]
  })
  return { ...built, id: rs.id }
}

describe('ruleset bypass actors in branch-protection’s message', () => {
  it('names an exempt actor when an App token with Administration reads the ruleset', async () => {
    const { world, run, id } = exemptWorld()
    const token = world.sim.token({
      ...READ_PERMISSIONS,
      administration: 'read'
    })
    const r = await runGate(world, { ...run, token })
    expect(r.outputs.decision).toBe('allow')
    expect(r.violations).toEqual([])
    const check = branchProtection(r.evidence)
    expect(check.status).toBe('pass')
    expect(check.message).toContain(
      `ruleset "release train" (${id}) exempts Integration 42 (bypass mode "exempt"): GitHub does not run its rules for it and creates no bypass audit entry`
    )
    expect(check.message).not.toContain('Team 7')
    expect(check.message).not.toContain('cannot be read')
    // the job summary a user reads carries it
    expect(r.summary).toContain('exempts Integration 42')
    expect(r.server.requests.map((q) => q.path)).toContain(
      `/repos/acme/shop/rulesets/${id}`
    )
  }, 60_000)

  it('says the bypass actors could not be read with a workflow token, without a request for them', async () => {
    const { world, run, id } = exemptWorld()
    const r = await runGate(world, run)
    expect(r.outputs.decision).toBe('allow')
    const check = branchProtection(r.evidence)
    expect(check.status).toBe('pass')
    expect(check.message).toMatch(
      new RegExp(
        `the bypass actors of ruleset \\d+ and ruleset ${id} cannot be read with this token \\(needs \`administration: read\``
      )
    )
    expect(check.message).toContain(
      'an exempt actor would bypass the rules without a trace'
    )
    expect(check.message).toContain(
      '`promotion-gate access` with an admin token'
    )
    expect(check.message).not.toContain('Integration 42')
    expect(r.summary).toContain('cannot be read with this token')
    expect(
      r.server.requests.filter((q) => q.path.includes('/rulesets/'))
    ).toEqual([])
  }, 60_000)
})
