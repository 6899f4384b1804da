// What the gate reads over REST beside the GraphQL round trips: the GitHub
// environment's settings, the run's environment approvals, and who started
// a run. A refusal is "cannot tell", naming the permission; any other
// failure throws.
import { describe, expect, it } from '@jest/globals'
import { GitHubApiError } from '../../../src/engine/errors.js'
import type { EnvironmentFact } from '../../../src/engine/facts.js'
import { fetchApprovals } from '../../../src/engine/gather/approvals.js'
import { readEnvironment } from '../../../src/engine/gather/environment.js'
import { readRun } from '../../../src/engine/gather/run.js'
import {
  READ_PERMISSIONS,
  reviewedChange,
  standard,
  type World
} from '../../../test-support/demo/scenarios.js'
import { ok, onSimulator, refused, routes, scripted } from './ports.js'

const REPO = {
  owner: 'acme',
  name: 'shop',
  url: 'https://github.com/acme/shop'
}
const LIST = 'https://github.com/acme/shop/settings/environments'

async function environmentOf(
  w: World,
  name = 'production',
  token = w.sim.workflowToken(READ_PERMISSIONS)
): Promise<{ fact: EnvironmentFact; asked: string[] }> {
  return onSimulator(w, token, async (port, server) => {
    const fact = await readEnvironment(port, REPO, name)
    return { fact, asked: routes(server) }
  })
}

describe('readEnvironment, against the simulator', () => {
  it('reads reviewers (users and teams), self-review, the wait timer and the admin bypass', async () => {
    const { world } = standard(reviewedChange)
    const sre = world.sim.team('acme/sre', [world.people.bob])
    world.repo.environment('production', {
      reviewers: [world.people.carol, sre],
      preventSelfReview: true,
      waitTimer: 30,
      deploymentBranches: 'protected',
      canAdminsBypass: false
    })
    const { fact, asked } = await environmentOf(world)
    expect(fact).toEqual({
      exists: true,
      settings: expect.objectContaining({
        name: 'production',
        settingsUrl: expect.stringMatching(
          /^https:\/\/github\.com\/acme\/shop\/settings\/environments\/\d+\/edit$/
        ),
        deploymentBranchPolicy: {
          protectedBranches: true,
          customBranchPolicies: false
        },
        branchPolicies: null,
        reviewers: [
          { type: 'User', name: 'carol' },
          { type: 'Team', name: 'acme/sre' }
        ],
        preventSelfReview: true,
        canAdminsBypass: false,
        waitTimer: 30
      })
    })
    // the first page of patterns is asked alongside, in case; no custom
    // patterns: its answer is not used, and nothing more is asked
    expect(asked.sort()).toEqual([
      'GET /repos/acme/shop/environments/production',
      'GET /repos/acme/shop/environments/production/deployment-branch-policies?per_page=100&page=1'
    ])
  })

  it('reads every custom branch pattern, past the first page of 100', async () => {
    const { world } = standard(reviewedChange)
    world.repo.environment('production', {
      deploymentBranches: {
        custom: [
          ...Array.from({ length: 120 }, (_v, i) => `release/${i}`),
          { name: 'v*', type: 'tag' as const }
        ]
      }
    })
    const { fact, asked } = await environmentOf(world)
    const policies =
      'exists' in fact && fact.exists ? fact.settings.branchPolicies : null
    expect(Array.isArray(policies) && policies.length).toBe(121)
    expect(Array.isArray(policies) && policies.at(-1)).toEqual({
      name: 'v*',
      type: 'tag'
    })
    expect(asked).toHaveLength(3)
  })

  it('reads an environment that does not exist as absent, with where to create it', async () => {
    const { world } = standard(reviewedChange)
    const { fact } = await environmentOf(world, 'canary')
    expect(fact).toEqual({ exists: false, name: 'canary', settingsUrl: LIST })
  })

  it('takes a refusal as unreadable, naming actions: read', async () => {
    const { world } = standard(reviewedChange)
    const token = world.sim.workflowToken({
      ...READ_PERMISSIONS,
      actions: 'none'
    })
    const { fact } = await environmentOf(world, 'production', token)
    expect(fact).toMatchObject({
      unreadable: true,
      permission: 'actions: read'
    })
  })
})

describe('readEnvironment, over recorded answers', () => {
  const ENV = {
    id: 77,
    name: 'production',
    deployment_branch_policy: {
      protected_branches: false,
      custom_branch_policies: true
    },
    protection_rules: [
      { id: 1, type: 'branch_policy' },
      {
        id: 2,
        type: 'required_reviewers',
        reviewers: [
          // a team answered without html_url: its slug alone
          { type: 'Team', reviewer: { slug: 'sre' } }
        ]
      }
    ]
  }
  const policies = (
    names: string[],
    total: number
  ): Record<string, unknown> => ({
    total_count: total,
    branch_policies: names.map((name) => ({ name }))
  })
  const port = (
    answer: (route: string, page: unknown) => unknown
  ): ReturnType<typeof scripted> =>
    scripted({
      rest: (route, params) => {
        const got = answer(route, params.page)
        if (got instanceof Error) throw got
        return ok(got)
      }
    })

  it('reads what GitHub leaves out as its defaults: no bypass said, no reviewers listed', async () => {
    const p = port((route) =>
      route.endsWith('{environment_name}')
        ? { id: 77, name: 'production', deployment_branch_policy: null }
        : null
    )
    expect(await readEnvironment(p, REPO, 'production')).toEqual({
      exists: true,
      settings: {
        name: 'production',
        settingsUrl: `${LIST}/77/edit`,
        deploymentBranchPolicy: null,
        branchPolicies: null,
        reviewers: [],
        preventSelfReview: false,
        canAdminsBypass: null,
        waitTimer: 0,
        classicProtection: null
      }
    })
  })

  it('reads a required-reviewers rule without reviewers, and a team by its slug', async () => {
    const p = port((route) =>
      route.endsWith('{environment_name}')
        ? {
            ...ENV,
            protection_rules: [
              ...ENV.protection_rules,
              { id: 3, type: 'required_reviewers', prevent_self_review: true }
            ]
          }
        : policies(['main'], 1)
    )
    const got = await readEnvironment(p, REPO, 'production')
    expect('exists' in got && got.exists && got.settings).toMatchObject({
      reviewers: [],
      preventSelfReview: true,
      branchPolicies: [{ name: 'main', type: 'branch' }]
    })
    const first = port((route) =>
      route.endsWith('{environment_name}') ? ENV : policies(['main'], 1)
    )
    const team = await readEnvironment(first, REPO, 'production')
    expect('exists' in team && team.exists && team.settings.reviewers).toEqual([
      { type: 'Team', name: 'sre' }
    ])
  })

  it.each([403, 404])(
    'takes a %i on the branch patterns as unreadable, naming actions: read',
    async (status) => {
      const p = port((route) =>
        route.endsWith('{environment_name}') ? ENV : refused(status)
      )
      const got = await readEnvironment(p, REPO, 'production')
      expect(
        'exists' in got && got.exists && got.settings.branchPolicies
      ).toEqual({
        unreadable: true,
        permission: 'actions: read',
        detail: 'Resource not accessible by integration'
      })
    }
  )

  it('throws on any other failure, of the environment or of its patterns', async () => {
    const env = port(() => refused(500, 'Server Error'))
    await expect(readEnvironment(env, REPO, 'production')).rejects.toThrow(
      'Server Error'
    )
    const patterns = port((route) =>
      route.endsWith('{environment_name}') ? ENV : refused(502, 'Bad Gateway')
    )
    await expect(readEnvironment(patterns, REPO, 'production')).rejects.toThrow(
      'Bad Gateway'
    )
  })

  it('blocks when GitHub lists fewer patterns than it counts', async () => {
    const p = port((route, page) =>
      route.endsWith('{environment_name}')
        ? ENV
        : page === 1
          ? policies(['main'], 3)
          : policies([], 3)
    )
    await expect(readEnvironment(p, REPO, 'production')).rejects.toThrow(
      new GitHubApiError(
        'GitHub listed 1 of the 3 deployment branch policies of production'
      )
    )
  })

  it('stops at 1000 patterns instead of reading without end', async () => {
    const p = port((route) =>
      route.endsWith('{environment_name}')
        ? ENV
        : policies(
            Array.from({ length: 100 }, (_v, i) => `b${i}`),
            5000
          )
    )
    await expect(readEnvironment(p, REPO, 'production')).rejects.toThrow(
      'environment production has more than 1000 deployment branch policies; the gate stops reading there'
    )
    expect(p.calls).toHaveLength(11)
  })
})

describe('fetchApprovals', () => {
  it('reads who approved or rejected the run’s deployments, against the simulator', async () => {
    const { world } = standard(reviewedChange)
    const run = world.repo.workflowRun({ actor: world.people.dora })
    run.approve(world.people.bob, ['production', 'staging'], 'ok')
    run.reject(world.people.carol, 'production')
    const token = world.sim.workflowToken(READ_PERMISSIONS)
    const got = await onSimulator(world, token, (port) =>
      fetchApprovals(port, { owner: 'acme', repo: 'shop', run: { id: run.id } })
    )
    expect(got).toEqual([
      {
        user: { login: 'bob', type: 'User' },
        state: 'approved',
        environments: ['production', 'staging'],
        comment: 'ok'
      },
      {
        user: { login: 'carol', type: 'User' },
        state: 'rejected',
        environments: ['production'],
        comment: ''
      }
    ])
  })

  it('asks nothing without a run', async () => {
    const port = scripted({})
    expect(
      await fetchApprovals(port, {
        owner: 'acme',
        repo: 'shop',
        run: { id: null }
      })
    ).toBeNull()
    expect(port.calls).toEqual([])
  })

  it('takes a refusal as unreadable, naming actions: read', async () => {
    const port = scripted({
      rest: () => {
        throw refused(403)
      }
    })
    expect(
      await fetchApprovals(port, {
        owner: 'acme',
        repo: 'shop',
        run: { id: 5 }
      })
    ).toMatchObject({ unreadable: true, permission: 'actions: read' })
  })

  it('refuses an approval without its user, and reads a missing comment as none', async () => {
    const answer = (user: unknown): ReturnType<typeof scripted> =>
      scripted({
        rest: () =>
          ok([
            {
              user,
              state: 'approved',
              environments: [{ name: 'production' }],
              comment: null
            }
          ])
      })
    await expect(
      fetchApprovals(answer(null), {
        owner: 'acme',
        repo: 'shop',
        run: { id: 5 }
      })
    ).rejects.toThrow('approvals[0].user: missing')
    expect(
      await fetchApprovals(answer({ login: 'bob', type: 'User' }), {
        owner: 'acme',
        repo: 'shop',
        run: { id: 5 }
      })
    ).toEqual([
      {
        user: { login: 'bob', type: 'User' },
        state: 'approved',
        environments: ['production'],
        comment: ''
      }
    ])
  })
})

describe('readRun', () => {
  const record = {
    id: 9,
    attempt: null,
    url: 'https://github.com/acme/shop/actions/runs/9',
    actor: null,
    triggeringActor: null
  }

  it('reads who started the run and this attempt, against the simulator', async () => {
    const { world } = standard(reviewedChange)
    const run = world.repo.workflowRun({ actor: world.people.dora })
    run.rerun(world.people.carol)
    const token = world.sim.workflowToken(READ_PERMISSIONS)
    const got = await onSimulator(world, token, (port) =>
      readRun(port, {
        owner: 'acme',
        repo: 'shop',
        run: { ...record, id: run.id }
      })
    )
    expect(got).toMatchObject({
      id: run.id,
      actor: 'dora',
      triggeringActor: 'carol',
      attempt: 2
    })
  })

  it('knows no one and no attempt when GitHub does not say', async () => {
    const port = scripted({
      rest: () =>
        ok({ actor: null, triggering_actor: { id: 1 }, run_attempt: 1.5 })
    })
    expect(
      await readRun(port, { owner: 'acme', repo: 'shop', run: record })
    ).toEqual({ ...record, actor: null, triggeringActor: null, attempt: null })
  })
})
