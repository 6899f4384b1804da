// The policy's branches: which exist, whether each holds the deployed commit,
// and their rules; GraphQL first, REST only for what it could not answer.
import { describe, expect, it } from '@jest/globals'
import { GitHubApiError } from '../../../src/engine/errors.js'
import {
  branchFacts,
  planBranches,
  refAnswer,
  type BranchPlan,
  type RefAnswer
} from '../../../src/engine/gather/branches.js'
import type { GitHubPort } from '../../../src/engine/port.js'
import {
  READ_PERMISSIONS,
  reviewedChange,
  standard
} from '../../../test-support/demo/scenarios.js'
import {
  SHA,
  anEnvironmentPolicy,
  sufficientRules
} from '../../../__fixtures__/facts.js'
import { onSimulator, requestFor, routes, scripted } from './ports.js'

const answered = (name: string, o: Partial<RefAnswer> = {}): RefAnswer => ({
  name,
  contains: true,
  rules: sufficientRules(),
  visibleClassic: undefined,
  ...o
})

describe('refAnswer', () => {
  const ref = {
    name: 'main',
    compare: { status: 'IDENTICAL' },
    rules: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] },
    refUpdateRule: { pattern: 'main', requiredStatusCheckContexts: ['test'] }
  }

  it('reads containment, rules and the visible classic rule', () => {
    expect(refAnswer(ref, 'main', [], 'ref(main)')).toEqual({
      name: 'main',
      contains: true,
      rules: [],
      visibleClassic: { pattern: 'main', requiredStatusChecks: ['test'] }
    })
  })

  it('leaves to REST what GraphQL failed on, and knows nothing of a classic rule it was not asked', () => {
    const withoutRule: Record<string, unknown> = { ...ref }
    delete withoutRule.refUpdateRule
    expect(
      refAnswer(
        { ...ref, compare: null },
        'main',
        [
          { message: 'z' },
          { message: 'x', path: ['repository', 'b0', 'rules'] },
          { message: 'y', path: ['repository', 'b0', 'refUpdateRule'] }
        ],
        'ref(main)'
      )
    ).toEqual({
      name: 'main',
      contains: null,
      rules: null,
      visibleClassic: undefined
    })
    expect(refAnswer(withoutRule, 'main', [], 'ref(main)')).toMatchObject({
      visibleClassic: undefined
    })
  })

  it.each([
    ['BEHIND', true],
    ['IDENTICAL', true],
    ['AHEAD', false],
    ['DIVERGED', false]
  ])('compare %s: contains the commit is %s', (status, contains) => {
    expect(
      refAnswer({ ...ref, compare: { status } }, 'main', [], 'ref(main)')
        .contains
    ).toBe(contains)
  })
})

describe('planBranches', () => {
  const mainRef = answered('main')

  it('asks for literal branches the bootstrap did not answer and a prefix for each glob', () => {
    const plan = planBranches(
      anEnvironmentPolicy({
        branches: ['main', 'stable', 'release/*', 'v[0-9]*']
      }),
      { name: 'main', ref: mainRef }
    )
    expect(plan.literal).toEqual(['main', 'stable'])
    expect([...plan.known]).toEqual([['main', mainRef]])
    expect(plan.selections).toEqual([
      { alias: 'b0', name: 'stable', glob: false, after: null },
      { alias: 'g0', name: 'release/', glob: true, after: null },
      { alias: 'g1', name: 'v', glob: true, after: null }
    ])
  })

  it('does not use the default branch the policy does not name', () => {
    const plan = planBranches(anEnvironmentPolicy({ branches: ['stable'] }), {
      name: 'main',
      ref: mainRef
    })
    expect(plan.known.size).toBe(0)
    expect(plan.selections.map((s) => s.name)).toEqual(['stable'])
  })
})

describe('branchFacts', () => {
  const policy = anEnvironmentPolicy({ branches: ['main', 'release/*'] })
  const plan: BranchPlan = {
    literal: ['main'],
    known: new Map(),
    selections: []
  }
  const facts = (
    github: GitHubPort,
    refs: RefAnswer[],
    defaultRules: BranchPlanInput['defaultRules'] = null,
    sha = SHA
  ): ReturnType<typeof branchFacts> =>
    branchFacts({
      github,
      request: requestFor(sha),
      policy,
      plan,
      refs,
      defaultBranch: 'main',
      defaultRules
    })
  type BranchPlanInput = Parameters<typeof branchFacts>[0]

  it('keeps each matching branch once, with the classic rule GraphQL showed', async () => {
    const port = scripted({})
    const visible = { pattern: 'main', requiredStatusChecks: [] }
    const got = await facts(port, [
      answered('main', { visibleClassic: visible }),
      answered('main', { contains: false }),
      // refs(query: "release/") also finds what the glob does not match
      answered('release/1/hotfix')
    ])
    expect(got).toEqual([
      {
        name: 'main',
        containsCommit: true,
        rules: sufficientRules(),
        classic: null,
        visibleClassic: visible
      }
    ])
    expect(port.calls).toEqual([])
  })

  it('takes the default branch’s rules from the REST call already made', async () => {
    const port = scripted({})
    const got = await facts(
      port,
      [answered('main', { rules: null })],
      Promise.resolve([])
    )
    expect(got[0]?.rules).toEqual([])
    expect(port.calls).toEqual([])
  })

  it('asks no rules of a matching branch that neither holds the commit nor is named', async () => {
    const port = scripted({})
    const got = await facts(port, [
      answered('release/2', { contains: false, rules: null })
    ])
    expect(got[0]).toMatchObject({ containsCommit: false, rules: [] })
    expect(port.calls).toEqual([])
  })

  describe('against the simulator', () => {
    it('asks REST whether each branch holds the commit, and its rules, when GraphQL could not say', async () => {
      const { world, sha } = standard(reviewedChange)
      world.repo.branch('release/1', sha)
      world.repo.branch('release/2', world.repo.getCommit(sha).parents[0])
      const token = world.sim.workflowToken(READ_PERMISSIONS)
      const { got, asked } = await onSimulator(
        world,
        token,
        async (port, server) => {
          const got = await facts(
            port,
            ['main', 'release/1', 'release/2', 'release/gone'].map((n) =>
              answered(n, { contains: null, rules: null })
            ),
            null,
            sha
          )
          return { got, asked: routes(server) }
        }
      )
      expect(got.map((b) => [b.name, b.containsCommit])).toEqual([
        ['main', true],
        ['release/1', true],
        ['release/2', false],
        // deleted since GraphQL listed it: GitHub answers 404
        ['release/gone', false]
      ])
      // rules of the branches holding the commit, and of the one named
      expect(
        asked.filter((r) => r.includes('/rules/branches/')).sort()
      ).toEqual([
        'GET /repos/acme/shop/rules/branches/main?per_page=100',
        'GET /repos/acme/shop/rules/branches/release%2F1?per_page=100'
      ])
    })

    it('throws when the comparison fails otherwise', async () => {
      const { world, sha } = standard(reviewedChange)
      const token = world.sim.workflowToken(READ_PERMISSIONS)
      const thrown = await onSimulator(world, token, (port, server) => {
        server.faults.add({ kind: 'status', status: 422, path: /compare/ })
        return facts(
          port,
          [answered('main', { contains: null })],
          null,
          sha
        ).catch((e: unknown) => e)
      })
      expect(thrown).toBeInstanceOf(GitHubApiError)
      expect(thrown).toMatchObject({ status: 422 })
    })
  })
})
