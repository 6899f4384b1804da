// Branch protection as the gate reads it: ruleset rules over REST and classic
// protection, where a refusal is "cannot tell" and never "unprotected"
// (SPEC §5.4; a 404 on classic protection is GitHub's "Branch not protected").
import { describe, expect, it } from '@jest/globals'
import { GitHubApiError } from '../../../src/engine/errors.js'
import type { BranchFact, EnvironmentFact } from '../../../src/engine/facts.js'
import {
  classicProtection,
  readBranchRules,
  readClassicProtection
} from '../../../src/engine/gather/protection.js'
import {
  READ_PERMISSIONS,
  reviewedChange,
  standard
} from '../../../test-support/demo/scenarios.js'
import {
  aBranch,
  aClassicProtection,
  anEnvironmentPolicy,
  anEnvironmentSettings,
  anUnreadable,
  sufficientRules
} from '../../../__fixtures__/facts.js'
import { ok, onSimulator, refused, scripted } from './ports.js'

const AT = { owner: 'acme', repo: 'shop' }
const CLASSIC = 'GET /repos/{owner}/{repo}/branches/{branch}/protection'

describe('readBranchRules, against the simulator', () => {
  it('reads the active rules of a branch', async () => {
    const { world } = standard(reviewedChange)
    const token = world.sim.workflowToken(READ_PERMISSIONS)
    const rules = await onSimulator(world, token, (port) =>
      readBranchRules(port, AT, 'main')
    )
    expect(Array.isArray(rules) && rules.map((r) => r.type)).toEqual([
      'pull_request',
      'non_fast_forward',
      'deletion'
    ])
  })

  it.each([
    [403, 'metadata: read'],
    [404, 'metadata: read']
  ])('takes a %i as unreadable, naming %s', async (status, permission) => {
    const { world } = standard(reviewedChange)
    const token = world.sim.workflowToken(READ_PERMISSIONS)
    const rules = await onSimulator(world, token, (port, server) => {
      server.faults.add({ kind: 'status', status, path: /rules\/branches/ })
      return readBranchRules(port, AT, 'main')
    })
    expect(rules).toMatchObject({ unreadable: true, permission })
  })

  it('throws on any other failure', async () => {
    const { world } = standard(reviewedChange)
    const token = world.sim.workflowToken(READ_PERMISSIONS)
    const thrown = await onSimulator(world, token, (port, server) => {
      server.faults.add({ kind: 'status', status: 422, path: /rules/ })
      return readBranchRules(port, AT, 'main').catch((e: unknown) => e)
    })
    expect(thrown).toBeInstanceOf(GitHubApiError)
    expect(thrown).toMatchObject({ status: 422 })
  })
})

describe('classicProtection, against the simulator', () => {
  it('reads a protected branch with a token that may', async () => {
    const { world } = standard(reviewedChange, { ruleset: false })
    world.repo.protectBranch('main', {
      requiredPullRequestReviews: { requiredApprovingReviewCount: 2 }
    })
    const got = await onSimulator(world, world.sim.adminToken(), (port) =>
      classicProtection(port, AT, 'main')
    )
    expect(got).toMatchObject({ requiredApprovingReviewCount: 2 })
  })

  it('reads GitHub’s 404 "Branch not protected" as no protection', async () => {
    const { world } = standard(reviewedChange, { ruleset: false })
    const got = await onSimulator(world, world.sim.adminToken(), (port) =>
      classicProtection(port, AT, 'main')
    )
    expect(got).toBeNull()
  })

  it('takes a refusal as unreadable, naming administration: read', async () => {
    const { world } = standard(reviewedChange, { ruleset: false })
    world.repo.protectBranch('main')
    const token = world.sim.workflowToken(READ_PERMISSIONS)
    const got = await onSimulator(world, token, (port) =>
      classicProtection(port, AT, 'main')
    )
    expect(got).toMatchObject({
      unreadable: true,
      permission: 'administration: read'
    })
  })

  it('throws on any other failure', async () => {
    const port = scripted({
      rest: () => {
        throw refused(500, 'Server Error')
      }
    })
    await expect(classicProtection(port, AT, 'main')).rejects.toThrow(
      'Server Error'
    )
  })
})

describe('readClassicProtection', () => {
  const protectedOnly = (): EnvironmentFact => ({
    exists: true,
    settings: anEnvironmentSettings({
      deploymentBranchPolicy: {
        protectedBranches: true,
        customBranchPolicies: false
      },
      branchPolicies: null
    })
  })
  const answering = (
    byBranch: Record<string, 'protected' | 404 | 403>
  ): ReturnType<typeof scripted> =>
    scripted({
      rest: (route, params) => {
        expect(route).toBe(CLASSIC)
        const a = byBranch[params.branch as string]
        if (a === 'protected') return ok(PROTECTION)
        throw refused(
          a ?? 404,
          a === 403 ? 'Forbidden' : 'Branch not protected'
        )
      }
    })

  it('reads no classic protection where the rules already meet the policy', async () => {
    const port = answering({})
    const branches = [aBranch()]
    await readClassicProtection({
      github: port,
      request: AT,
      policy: anEnvironmentPolicy(),
      branches,
      environmentSettings: null
    })
    expect(port.calls).toEqual([])
    expect(branches[0]?.classic).toBeNull()
  })

  it('reads it for a branch whose rules fall short or are unreadable, only where it holds the commit', async () => {
    const port = answering({ main: 'protected', hotfix: 403 })
    const branches = [
      aBranch({ rules: [] }),
      aBranch({ name: 'hotfix', rules: anUnreadable('metadata: read') }),
      aBranch({ name: 'old', rules: [], containsCommit: false })
    ]
    await readClassicProtection({
      github: port,
      request: AT,
      policy: anEnvironmentPolicy(),
      branches,
      environmentSettings: null
    })
    expect(port.calls.map((c) => c.params.branch).sort()).toEqual([
      'hotfix',
      'main'
    ])
    expect(branches.map((b) => b.classic)).toEqual([
      aClassicProtection(),
      {
        unreadable: true,
        permission: 'administration: read',
        detail: 'Forbidden'
      },
      null
    ])
  })

  it('reads none without a branch protection requirement', async () => {
    const port = answering({})
    await readClassicProtection({
      github: port,
      request: AT,
      policy: anEnvironmentPolicy({ branchProtection: false }),
      branches: [aBranch({ rules: [] })],
      environmentSettings: { exists: true, settings: anEnvironmentSettings() }
    })
    expect(port.calls).toEqual([])
  })

  it('tells "protected branches only" which branches holding the commit are protected', async () => {
    const port = answering({ main: 'protected' })
    const settings = protectedOnly()
    await readClassicProtection({
      github: port,
      request: AT,
      policy: anEnvironmentPolicy({ branchProtection: false }),
      branches: [
        aBranch(),
        aBranch({
          name: 'release',
          visibleClassic: { pattern: 'release', requiredStatusChecks: [] }
        }),
        aBranch({ name: 'feature' }),
        aBranch({ name: 'old', containsCommit: false })
      ],
      environmentSettings: settings
    })
    // the classic rule GraphQL showed answers for release: not asked
    expect(port.calls.map((c) => c.params.branch).sort()).toEqual([
      'feature',
      'main'
    ])
    expect(
      'exists' in settings &&
        settings.exists &&
        settings.settings.classicProtection
    ).toEqual([
      { branch: 'main', protected: true },
      { branch: 'release', protected: true },
      { branch: 'feature', protected: false }
    ])
  })

  it('cannot tell "protected branches only" when a branch’s protection is unreadable', async () => {
    const port = answering({ main: 403 })
    const settings = protectedOnly()
    await readClassicProtection({
      github: port,
      request: AT,
      policy: anEnvironmentPolicy({ branchProtection: false }),
      branches: [aBranch(), aBranch({ name: 'feature' })],
      environmentSettings: settings
    })
    expect(
      'exists' in settings &&
        settings.exists &&
        settings.settings.classicProtection
    ).toEqual({
      unreadable: true,
      permission: 'administration: read',
      detail: 'Forbidden'
    })
  })

  it.each<[string, EnvironmentFact]>([
    ['is unreadable', anUnreadable('actions: read')],
    [
      'does not exist',
      { exists: false, name: 'production', settingsUrl: 'https://x' }
    ]
  ])('asks nothing for the environment when it %s', async (_case, env) => {
    const port = answering({})
    await readClassicProtection({
      github: port,
      request: AT,
      policy: anEnvironmentPolicy({ branchProtection: false }),
      branches: [aBranch({ rules: sufficientRules() })] as BranchFact[],
      environmentSettings: env
    })
    expect(port.calls).toEqual([])
  })
})

/** GitHub's classic protection answer that reads as aClassicProtection(). */
const PROTECTION = {
  url: 'https://api.github.com/repos/acme/shop/branches/main/protection',
  required_pull_request_reviews: {
    required_approving_review_count: 1,
    dismiss_stale_reviews: true,
    require_code_owner_reviews: false,
    require_last_push_approval: false
  },
  enforce_admins: { enabled: true },
  allow_force_pushes: { enabled: false },
  allow_deletions: { enabled: false }
}
