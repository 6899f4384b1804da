// Ruleset bypass actors as the gate reads them (SPEC §5.4): over REST, the
// only API whose `bypass_mode` includes `exempt`, and only when the
// bootstrap's `viewerCanAdminister` says the token may see them; a token
// that may not is told apart from a ruleset without bypass actors.
import { describe, expect, it } from '@jest/globals'
import { ShapeError } from '../../../src/engine/errors.js'
import type { BranchFact } from '../../../src/engine/facts.js'
import {
  parseBypassActors,
  readRulesetBypass
} from '../../../src/engine/gather/bypass.js'
import { fetchBootstrap } from '../../../src/engine/gather/bootstrap.js'
import {
  READ_PERMISSIONS,
  reviewedChange,
  standard,
  type World
} from '../../../test-support/demo/scenarios.js'
import { aBranch, aRule, anUnreadable } from '../../../__fixtures__/facts.js'
import {
  ok,
  onSimulator,
  refused,
  requestFor,
  routes,
  scripted
} from './ports.js'

const AT = { owner: 'acme', repo: 'shop' }

/** The demo world with a second ruleset on main whose bypass list has an exempt app. */
function exemptWorld(): { world: World; sha: string; id: number } {
  const { world, sha } = standard(reviewedChange)
  const rs = world.repo.ruleset({
    name: 'no force pushes',
    include: ['~DEFAULT_BRANCH'],
    rules: [{ type: 'non_fast_forward' }],
    bypassActors: [
      { actorId: 42, actorType: 'Integration', bypassMode: 'exempt' },
      { actorId: 5, actorType: 'RepositoryRole', bypassMode: 'always' }
    ]
  })
  return { world, sha, id: rs.id }
}

const mainWith = (ids: number[]): BranchFact =>
  aBranch({ rules: ids.map((id) => aRule('deletion', { rulesetId: id })) })

describe('readRulesetBypass, against the simulator', () => {
  it('reads each ruleset of the branch with a token that can administer it', async () => {
    const { world, sha, id } = exemptWorld()
    const token = world.sim.adminToken()
    const { branch, asked, admin } = await onSimulator(
      world,
      token,
      async (port, server) => {
        const boot = await fetchBootstrap(port, requestFor(sha))
        const rules = boot.defaultRef.rules ?? []
        const branch = aBranch({ rules })
        await readRulesetBypass({
          github: port,
          request: AT,
          branches: [branch],
          viewerCanAdminister: boot.viewerCanAdminister
        })
        return {
          branch,
          asked: routes(server),
          admin: boot.viewerCanAdminister
        }
      }
    )
    expect(admin).toBe(true)
    const protect = world.repo.data.rulesets[0]?.id as number
    expect(branch.rulesetBypass).toEqual([
      { id: protect, name: 'protect main', actors: [] },
      {
        id,
        name: 'no force pushes',
        actors: [
          { actorType: 'Integration', actorId: 42, mode: 'exempt' },
          { actorType: 'RepositoryRole', actorId: 5, mode: 'always' }
        ]
      }
    ])
    expect(asked).toContain(`GET /repos/acme/shop/rulesets/${id}`)
  })

  it('asks nothing with a workflow token: the bootstrap says it cannot administer', async () => {
    const { world, sha } = exemptWorld()
    const token = world.sim.workflowToken(READ_PERMISSIONS)
    const { branch, asked, admin } = await onSimulator(
      world,
      token,
      async (port, server) => {
        const boot = await fetchBootstrap(port, requestFor(sha))
        const branch = aBranch({ rules: boot.defaultRef.rules ?? [] })
        const before = routes(server).length
        await readRulesetBypass({
          github: port,
          request: AT,
          branches: [branch],
          viewerCanAdminister: boot.viewerCanAdminister
        })
        return {
          branch,
          asked: routes(server).slice(before),
          admin: boot.viewerCanAdminister
        }
      }
    )
    expect(admin).toBe(false)
    expect(asked).toEqual([])
    expect(branch.rulesetBypass).toHaveLength(2)
    for (const r of branch.rulesetBypass ?? []) {
      expect(r.name).toBeNull()
      expect(r.actors).toMatchObject({
        unreadable: true,
        permission: 'administration: read',
        detail: expect.stringContaining('viewerCanAdminister is false')
      })
    }
  })

  it('takes a ruleset GitHub returns without bypass actors as unreadable, not as none', async () => {
    // A hint that is wrong costs a request, never an "exempt-free" answer:
    // GitHub leaves `bypass_actors` out for a token that may not edit the ruleset.
    const { world, id } = exemptWorld()
    const token = world.sim.workflowToken(READ_PERMISSIONS)
    const branch = mainWith([id])
    await onSimulator(world, token, (port) =>
      readRulesetBypass({
        github: port,
        request: AT,
        branches: [branch],
        viewerCanAdminister: true
      })
    )
    expect(branch.rulesetBypass).toEqual([
      {
        id,
        name: 'no force pushes',
        actors: anUnreadable(
          'administration: read',
          'GitHub returned the ruleset without its bypass actors: it shows them only to those who may edit the ruleset'
        )
      }
    ])
  })
})

describe('readRulesetBypass', () => {
  it('reads each ruleset once for all branches, and none for a branch without the commit or rules', async () => {
    const port = scripted({
      rest: (_route, params) =>
        ok({
          id: params.ruleset_id,
          name: `r${String(params.ruleset_id)}`,
          bypass_actors: []
        })
    })
    const main = mainWith([1, 2, 1])
    const release = aBranch({
      name: 'release',
      rules: [aRule('deletion', { rulesetId: 2 })]
    })
    const old = aBranch({
      name: 'old',
      containsCommit: false,
      rules: [aRule('deletion', { rulesetId: 3 })]
    })
    const classicOnly = aBranch({
      name: 'classic',
      rules: [aRule('deletion', { rulesetId: null })]
    })
    const hidden = aBranch({
      name: 'hidden',
      rules: anUnreadable('metadata: read', '403')
    })
    await readRulesetBypass({
      github: port,
      request: AT,
      branches: [main, release, old, classicOnly, hidden],
      viewerCanAdminister: true
    })
    expect(port.calls.map((c) => c.params.ruleset_id)).toEqual([1, 2])
    expect(main.rulesetBypass?.map((r) => r.name)).toEqual(['r1', 'r2'])
    expect(release.rulesetBypass?.map((r) => r.name)).toEqual(['r2'])
    for (const b of [old, classicOnly, hidden]) {
      expect(b).not.toHaveProperty('rulesetBypass')
    }
  })

  it('asks nothing when no rule comes from a ruleset', async () => {
    const port = scripted({})
    const main = aBranch({ rules: [] })
    await readRulesetBypass({
      github: port,
      request: AT,
      branches: [main],
      viewerCanAdminister: true
    })
    expect(port.calls).toEqual([])
    expect(main).not.toHaveProperty('rulesetBypass')
  })

  it('says so when GitHub did not say whether the token can administer', async () => {
    const port = scripted({})
    const main = mainWith([1])
    await readRulesetBypass({
      github: port,
      request: AT,
      branches: [main],
      viewerCanAdminister: null
    })
    expect(port.calls).toEqual([])
    expect(main.rulesetBypass?.[0]?.actors).toMatchObject({
      unreadable: true,
      detail:
        'GitHub did not say whether the token can administer the repository'
    })
  })

  it.each([403, 404])(
    'takes a %i on the ruleset as unreadable',
    async (status) => {
      const port = scripted({
        rest: () => {
          throw refused(status)
        }
      })
      const main = mainWith([1])
      await readRulesetBypass({
        github: port,
        request: AT,
        branches: [main],
        viewerCanAdminister: true
      })
      expect(main.rulesetBypass).toEqual([
        {
          id: 1,
          name: null,
          actors: anUnreadable(
            'administration: read',
            'Resource not accessible by integration'
          )
        }
      ])
    }
  )

  it('throws on any other failure (fail closed)', async () => {
    const port = scripted({
      rest: () => {
        throw refused(500, 'Server Error')
      }
    })
    await expect(
      readRulesetBypass({
        github: port,
        request: AT,
        branches: [mainWith([1])],
        viewerCanAdminister: true
      })
    ).rejects.toThrow('Server Error')
  })
})

describe('parseBypassActors', () => {
  it('reads GitHub’s default mode, always, where none is given, and a deploy key without id', () => {
    expect(
      parseBypassActors(
        { bypass_actors: [{ actor_type: 'DeployKey', actor_id: null }, {}] },
        'rs'
      )
    ).toEqual([
      { actorType: 'DeployKey', actorId: null, mode: 'always' },
      { actorType: 'unknown', actorId: null, mode: 'always' }
    ])
  })

  it('refuses a mode it does not know rather than take it for a milder one', () => {
    expect(() =>
      parseBypassActors(
        {
          bypass_actors: [
            { actor_type: 'Team', actor_id: 1, bypass_mode: 'silent' }
          ]
        },
        'rs'
      )
    ).toThrow(ShapeError)
  })

  it('takes a null bypass list as unread', () => {
    expect(parseBypassActors({ bypass_actors: null }, 'rs')).toMatchObject({
      unreadable: true
    })
  })
})
