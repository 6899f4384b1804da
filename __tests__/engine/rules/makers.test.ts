import { describe, expect, it } from '@jest/globals'
import {
  deployersOf,
  describeIdentity,
  describeMaker,
  makersOf,
  mergeMakers,
  onlyBranchUpdates,
  type Maker
} from '../../../src/engine/rules/makers.js'
import {
  WEB_FLOW,
  aChange,
  aCommit,
  aDirectPush,
  aFacts,
  aPullRequest,
  anActor,
  anEnvironmentPolicy,
  anIdentity,
  sha
} from '../../../__fixtures__/facts.js'
import type { MakerKind } from '../../../src/engine/policy/types.js'

const C1 = sha('c1c1c1c')
const C2 = sha('c2c2c2c')

/** PR #12 by alice: C1 authored by carol, committed by dan, co-authored by erin */
const pr = aPullRequest({
  commits: [
    aCommit({
      oid: C1,
      author: anIdentity('carol'),
      committer: anIdentity('dan'),
      coAuthors: [anIdentity('erin'), anIdentity(null, { email: 'x@corp.com' })]
    }),
    aCommit({
      oid: C2,
      author: anIdentity('Carol'),
      committer: WEB_FLOW,
      coAuthors: [anIdentity(null, { email: 'X@corp.com' })]
    })
  ]
})

const kindsOf = (makers: Map<string, Maker>): Record<string, MakerKind[]> =>
  Object.fromEntries([...makers].map(([k, m]) => [k, m.kinds]))

describe('makersOf', () => {
  describe('when a pull request has several makers', () => {
    it('finds each by kind and skips web-flow', () => {
      const { makers, unresolved } = makersOf(
        aChange({ pullRequest: pr }),
        aFacts({ deployer: 'Dave' }),
        anEnvironmentPolicy({
          approvals: {
            independentOf: [
              'author',
              'commit_authors',
              'committers',
              'co_authors',
              'deployer'
            ]
          }
        })
      )
      expect(kindsOf(makers)).toEqual({
        alice: ['author'],
        carol: ['commit_authors'],
        dan: ['committers'],
        erin: ['co_authors'],
        dave: ['deployer']
      })
      expect(makers.has('web-flow')).toBe(false)
      expect(makers.get('carol')?.roles).toEqual([
        { kind: 'commit_authors', where: 'c1c1c1c' },
        { kind: 'commit_authors', where: 'c2c2c2c' }
      ])
      expect(unresolved).toEqual([
        {
          name: 'Unknown Person',
          email: 'x@corp.com',
          login: null,
          isWebFlow: false,
          kind: 'co_authors',
          commit: 'c1c1c1c'
        }
      ])
    })
  })

  describe('when the policy is independent of only some kinds', () => {
    it('keeps only those', () => {
      const { makers, unresolved } = makersOf(
        aChange({ pullRequest: pr }),
        aFacts(),
        anEnvironmentPolicy({ approvals: { independentOf: ['committers'] } })
      )
      expect(kindsOf(makers)).toEqual({ dan: ['committers'] })
      expect(unresolved).toEqual([])
    })

    it('takes the kinds as an argument too', () => {
      const { makers } = makersOf(
        aChange({ pullRequest: pr }),
        aFacts(),
        anEnvironmentPolicy({ approvals: { independentOf: [] } }),
        ['author', 'deployer']
      )
      expect(kindsOf(makers)).toEqual({ alice: ['author'], dave: ['deployer'] })
    })
  })

  describe('when the change is a direct push', () => {
    it('counts the commit author as the author', () => {
      const { makers } = makersOf(
        aDirectPush('frank', { committer: WEB_FLOW }),
        aFacts({ deployer: null }),
        anEnvironmentPolicy()
      )
      expect(kindsOf(makers)).toEqual({ frank: ['author', 'commit_authors'] })
      expect(describeMaker(makers.get('frank') as Maker)).toBe(
        'the author of a1b2c3d'
      )
    })

    it('reports an unmapped author once', () => {
      const { unresolved } = makersOf(
        aDirectPush(null),
        aFacts(),
        anEnvironmentPolicy()
      )
      expect(unresolved.map((u) => u.kind)).toEqual(['author'])
    })

    it('reports an identity with neither email nor name', () => {
      const nobody = anIdentity(null, { email: null, name: null })
      const { unresolved } = makersOf(
        aDirectPush(null, { author: nobody, committer: nobody }),
        aFacts(),
        anEnvironmentPolicy()
      )
      expect(unresolved).toHaveLength(1)
    })
  })

  describe('when the pull request author was deleted', () => {
    it('has no author maker', () => {
      const { makers } = makersOf(
        aChange({ pullRequest: aPullRequest({ author: null, commits: [] }) }),
        aFacts({ deployer: null }),
        anEnvironmentPolicy()
      )
      expect(makers.size).toBe(0)
    })
  })
})

describe('makersOf with bots', () => {
  /** a commit of Copilot's agent for erin (login as parse.ts names it) */
  const copilot = aCommit({
    oid: sha('c0c0c0c'),
    author: anIdentity('Copilot', {
      email: '198982749+Copilot@users.noreply.github.com'
    }),
    committer: WEB_FLOW,
    coAuthors: [anIdentity('erin')]
  })
  const change = aChange({
    pullRequest: aPullRequest({
      author: anActor('copilot-swe-agent[bot]', 'Bot'),
      commits: [copilot]
    })
  })
  const kinds = (independentOf: MakerKind[]) =>
    kindsOf(
      makersOf(
        change,
        aFacts(),
        anEnvironmentPolicy({ approvals: { independentOf } })
      ).makers
    )

  it("counts the human in a bot commit's Co-authored-by as a co-author", () => {
    expect(kinds(['author', 'commit_authors', 'co_authors'])).toEqual({
      'copilot-swe-agent[bot]': ['author'],
      copilot: ['commit_authors'],
      erin: ['co_authors']
    })
  })

  it('counts them as the bot commit author when co-authors are not asked', () => {
    expect(kinds(['commit_authors'])).toEqual({
      copilot: ['commit_authors'],
      erin: ['commit_authors']
    })
  })

  it('counts them as the author when only authors are asked', () => {
    expect(kinds(['author'])).toEqual({
      'copilot-swe-agent[bot]': ['author'],
      erin: ['author']
    })
  })

  it("leaves a person's co-authors to co_authors", () => {
    const human = aChange({
      pullRequest: aPullRequest({
        commits: [{ ...copilot, author: anIdentity('alice') }]
      })
    })
    const { makers } = makersOf(
      human,
      aFacts(),
      anEnvironmentPolicy({ approvals: { independentOf: ['commit_authors'] } })
    )
    expect(kindsOf(makers)).toEqual({ alice: ['commit_authors'] })
  })

  it('makes a named bot a maker, not an unresolved identity', () => {
    const { makers, unresolved } = makersOf(
      aDirectPush('dependabot[bot]', { committer: WEB_FLOW }),
      aFacts(),
      anEnvironmentPolicy()
    )
    expect(kindsOf(makers)).toEqual({
      'dependabot[bot]': ['author', 'commit_authors']
    })
    expect(unresolved).toEqual([])
  })
})

describe('deployersOf', () => {
  const facts = (actor: string | null, triggering: string | null) =>
    aFacts({
      deployer: triggering ?? actor,
      run: { ...aFacts().run, actor, triggeringActor: triggering }
    })

  it('is who started the run and who re-ran it', () => {
    expect(deployersOf(facts('alice', 'bob'))).toEqual(['alice', 'bob'])
  })

  it('names one person once, whatever the case', () => {
    expect(deployersOf(facts('Dora', 'dora'))).toEqual(['Dora'])
  })

  it("adds the request's deployer when no run names one", () => {
    expect(
      deployersOf(
        aFacts({
          deployer: 'erin',
          run: { ...aFacts().run, actor: null, triggeringActor: null }
        })
      )
    ).toEqual(['erin'])
    expect(deployersOf(facts(null, null))).toEqual([])
  })

  it('makes every deployer a maker when independent_of lists deployer', () => {
    const { makers } = makersOf(
      aChange(),
      facts('alice', 'bob'),
      anEnvironmentPolicy({ approvals: { independentOf: ['deployer'] } })
    )
    expect(kindsOf(makers)).toEqual({ alice: ['deployer'], bob: ['deployer'] })
  })
})

describe('an "Update branch" merge', () => {
  const merge = aCommit({
    oid: sha('9f8e7d6'),
    message: "Merge branch 'main' into fix\n",
    author: anIdentity('bob'),
    committer: WEB_FLOW,
    parents: [sha('5d6e7f8'), sha('a1a1a1a')]
  })
  const change = aChange({ pullRequest: aPullRequest({ commits: [merge] }) })

  it('makes who clicked a maker, marked as the branch update', () => {
    const { makers } = makersOf(change, aFacts(), anEnvironmentPolicy())
    const bob = makers.get('bob') as Maker
    expect(bob.roles).toEqual([
      { kind: 'commit_authors', where: '9f8e7d6', branchUpdate: true }
    ])
    expect(onlyBranchUpdates(bob)).toEqual(['9f8e7d6'])
    expect(describeMaker(bob)).toBe(
      'the one who updated the branch with 9f8e7d6'
    )
    expect(
      mergeMakers([{ makers, unresolved: [] }]).makers.get('bob')?.roles
    ).toEqual(bob.roles)
  })

  it('is an ordinary commit when its author is asked for no more', () => {
    const { makers } = makersOf(
      change,
      aFacts(),
      anEnvironmentPolicy({ approvals: { independentOf: ['author'] } })
    )
    expect(makers.has('bob')).toBe(false)
  })
})

describe('mergeMakers', () => {
  it('unites makers and unresolved identities', () => {
    const facts = aFacts()
    const policy = anEnvironmentPolicy()
    const merged = mergeMakers([
      makersOf(aChange({ pullRequest: pr }), facts, policy),
      makersOf(aDirectPush('alice'), facts, policy)
    ])
    expect(merged.makers.get('alice')?.kinds).toEqual([
      'author',
      'commit_authors',
      'committers'
    ])
    expect(merged.unresolved).toHaveLength(1)
  })
})

describe('describeMaker', () => {
  it.each<[Maker, string]>([
    [
      {
        login: 'bob',
        kinds: ['author', 'co_authors'],
        roles: [
          { kind: 'author', where: 'PR #12' },
          { kind: 'co_authors', where: '1a2b3c4' }
        ]
      },
      'the author of PR #12 and a co-author of 1a2b3c4'
    ],
    [
      {
        login: 'bob',
        kinds: ['committers'],
        roles: ['a', 'b', 'c', 'd', 'e'].map((where) => ({
          kind: 'committers' as const,
          where
        }))
      },
      'the committer of a, b, c and 2 more'
    ],
    [
      {
        login: 'bob',
        kinds: ['deployer'],
        roles: [{ kind: 'deployer', where: 'the deployment' }]
      },
      'the deployer'
    ]
  ])('describes %j', (maker, text) => {
    expect(describeMaker(maker)).toBe(text)
  })
})

describe('describeIdentity', () => {
  it.each([
    [anIdentity(null, { email: 'a@b.c' }), 'a@b.c'],
    [anIdentity(null, { email: null, name: 'Ann' }), 'Ann'],
    [
      anIdentity(null, { email: null, name: null }),
      'an identity with no name or email'
    ]
  ])('names %j', (identity, text) => {
    expect(describeIdentity(identity)).toBe(text)
  })
})
