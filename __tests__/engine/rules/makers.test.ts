import { describe, expect, it } from '@jest/globals'
import {
  approversOf,
  describeIdentity,
  describeMaker,
  makersOf,
  mergeMakers,
  type Maker
} from '../../../src/engine/rules/makers.js'
import type { ReviewFact } from '../../../src/engine/facts.js'
import {
  HEAD,
  OLD_HEAD,
  WEB_FLOW,
  aChange,
  aCommit,
  aDirectPush,
  aFacts,
  aPullRequest,
  aReview,
  anActor,
  anEnvironmentPolicy,
  anIdentity,
  anUnreadable,
  sha,
  type EnvironmentPolicyOverrides
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
        anEnvironmentPolicy()
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

describe('approversOf with team reviewers', () => {
  const policy = anEnvironmentPolicy({
    approvals: { reviewers: ['acme/sre', 'carol'] }
  })
  const pull = aPullRequest({ reviews: [aReview()] })

  it('counts a member of a listed team the token could read', () => {
    const r = approversOf(pull, new Map(), policy, undefined, {
      'acme/sre': ['dora', 'Bob']
    })
    expect(r.approvers.map((a) => a.login)).toEqual(['bob'])
  })

  it('does not count someone outside every listed team', () => {
    const r = approversOf(pull, new Map(), policy, undefined, {
      'acme/sre': ['dora']
    })
    expect(r.approvers).toEqual([])
    expect(r.excluded.map((e) => e.message)).toEqual([
      'bob approved but is not listed in approvals.reviewers'
    ])
  })

  it('names members: read when a team could not be read', () => {
    const r = approversOf(pull, new Map(), policy, undefined, {
      'acme/sre': anUnreadable('members: read')
    })
    expect(r.approvers).toEqual([])
    expect(r.excluded[0]?.message).toContain(
      'the members of acme/sre could not be read (the token needs `members: read`'
    )
  })
})

describe('approversOf', () => {
  const approve = (
    reviews: ReviewFact[],
    policy: EnvironmentPolicyOverrides = {},
    asOf?: Date
  ) => {
    const facts = aFacts({ deployer: 'dave' })
    const change = aChange({ pullRequest: aPullRequest({ reviews }) })
    const { makers } = makersOf(change, facts, anEnvironmentPolicy(policy))
    const pull = change.pullRequest ?? aPullRequest()
    const r = approversOf(pull, makers, anEnvironmentPolicy(policy), asOf)
    return {
      logins: r.approvers.map((a) => a.login),
      excluded: r.excluded.map((e) => e.message)
    }
  }

  describe.each<
    [string, ReviewFact[], EnvironmentPolicyOverrides, string[], string[]]
  >([
    ['an independent approval', [aReview()], {}, ['bob'], []],
    [
      'a self-approval by the author',
      [aReview({ author: anActor('alice') })],
      {},
      [],
      [
        'alice approved but is the author of PR #12 and 5d6e7f8 and the committer of 5d6e7f8'
      ]
    ],
    [
      'an approval by the deployer',
      [aReview({ author: anActor('DAVE') })],
      {},
      [],
      ['DAVE approved but is the deployer']
    ],
    [
      'an approval by the deployer when the deployer may approve',
      [aReview({ author: anActor('dave') })],
      { approvals: { independentOf: ['author'] } },
      ['dave'],
      []
    ],
    [
      'a stale approval',
      [aReview({ commitOid: OLD_HEAD })],
      {},
      [],
      ['bob approved but gave it on 1a2b3c4, not on the final head 5d6e7f8']
    ],
    [
      'a stale approval when on_latest_commit is false',
      [aReview({ commitOid: OLD_HEAD })],
      { approvals: { onLatestCommit: false } },
      ['bob'],
      []
    ],
    [
      'an approval GitHub lost the commit of',
      [aReview({ commitOid: null })],
      {},
      [],
      [
        'bob approved but GitHub no longer knows which commit it was given on, so it is not bound to the final head 5d6e7f8'
      ]
    ],
    [
      'an approval cancelled by later changes requested',
      [aReview(), aReview({ state: 'CHANGES_REQUESTED' })],
      {},
      [],
      ['bob approved but later requested changes']
    ],
    [
      'an approval followed by a comment',
      [
        aReview(),
        aReview({ state: 'COMMENTED' }),
        aReview({ state: 'PENDING' })
      ],
      {},
      ['bob'],
      []
    ],
    [
      'changes requested, then approved',
      [aReview({ state: 'CHANGES_REQUESTED' }), aReview()],
      {},
      ['bob'],
      []
    ],
    [
      'changes requested only',
      [aReview({ state: 'CHANGES_REQUESTED' })],
      {},
      [],
      []
    ],
    ['a comment only', [aReview({ state: 'COMMENTED' })], {}, [], []],
    [
      'a dismissed approval',
      [aReview({ state: 'DISMISSED' })],
      {},
      [],
      ["bob's review was dismissed; bob must approve again"]
    ],
    [
      'an approval after a dismissal',
      [aReview({ state: 'DISMISSED' }), aReview()],
      {},
      ['bob'],
      []
    ],
    [
      'a bot approval',
      [aReview({ author: anActor('helper', 'Bot') })],
      {},
      [],
      ['helper approved but is a bot (approvals.allow_bots is false)']
    ],
    [
      'a [bot] login approval typed as a user',
      [aReview({ author: anActor('renovate[bot]') })],
      {},
      [],
      ['renovate[bot] approved but is a bot (approvals.allow_bots is false)']
    ],
    [
      'a bot approval with allow_bots',
      [aReview({ author: anActor('helper', 'Bot') })],
      { approvals: { allowBots: true } },
      ['helper'],
      []
    ],
    [
      'an approval by a deleted account',
      [
        aReview({ author: null }),
        aReview({ author: null, state: 'COMMENTED' })
      ],
      {},
      [],
      [
        'an approval by a deleted account does not count (it cannot be attributed)'
      ]
    ],
    [
      'an approval by a listed reviewer',
      [aReview()],
      { approvals: { reviewers: ['BOB'] } },
      ['bob'],
      []
    ],
    [
      'an approval by an unlisted reviewer',
      [aReview()],
      { approvals: { reviewers: ['carol'] } },
      [],
      ['bob approved but is not listed in approvals.reviewers']
    ],
    [
      'an approval when the list has a team',
      [aReview({ authorCanPush: false })],
      { approvals: { reviewers: ['acme/sre', 'carol'] } },
      [],
      [
        'bob approved but is not listed in approvals.reviewers, and the members of acme/sre could not be read (the token needs `members: read`, which a workflow token cannot have; list the logins instead)'
      ]
    ],
    [
      'an approval without write access',
      [aReview({ authorCanPush: false })],
      {},
      [],
      ['bob approved but had no write access to the repository']
    ],
    [
      'approvals by two independent reviewers',
      [aReview(), aReview({ author: anActor('Carol') })],
      {},
      ['bob', 'Carol'],
      []
    ]
  ])(
    'when the pull request has %s',
    (_case, reviews, policy, logins, excluded) => {
      it('counts and explains', () => {
        expect(approve(reviews, policy)).toEqual({ logins, excluded })
      })
    }
  )

  describe('when judged as of a past time', () => {
    it('ignores reviews submitted later', () => {
      const reviews = [
        aReview({
          submittedAt: '2024-05-01T06:00:00Z',
          author: anActor('bob')
        }),
        aReview({
          submittedAt: '2024-05-01T13:00:00Z',
          author: anActor('carol')
        }),
        aReview({ submittedAt: null, author: anActor('erin') })
      ]
      expect(
        approve(reviews, {}, new Date('2024-05-01T12:00:00Z')).logins
      ).toEqual(['bob', 'erin'])
      expect(approve(reviews).logins).toEqual(['bob', 'carol', 'erin'])
    })
  })

  it('binds to the pull request head', () => {
    expect(HEAD).toBe(aPullRequest().headRefOid)
  })
})
