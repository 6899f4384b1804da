import { describe, expect, it } from '@jest/globals'
import { approversOf } from '../../../src/engine/rules/approvers.js'
import { makersOf } from '../../../src/engine/rules/makers.js'
import type { ReviewFact } from '../../../src/engine/facts.js'
import {
  HEAD,
  OLD_HEAD,
  WEB_FLOW,
  aChange,
  aCommit,
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

/** carol requests changes on the final head; she has write access */
const carolRequests = (overrides: Partial<ReviewFact> = {}): ReviewFact =>
  aReview({
    author: anActor('carol'),
    state: 'CHANGES_REQUESTED',
    ...overrides
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
      'an approval by the deployer when the deployer may not approve',
      [aReview({ author: anActor('DAVE') })],
      { approvals: { independentOf: ['author', 'deployer'] } },
      [],
      ['DAVE approved but is the deployer']
    ],
    [
      'an approval by the deployer under the default independent_of',
      [aReview({ author: anActor('dave') })],
      {},
      ['dave'],
      []
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
        'bob approved but is not listed in approvals.reviewers, and the members of acme/sre could not be read (the token needs `members: read`, which a workflow token cannot have; list the logins instead) and had no write access to the repository (GitHub does not count approvals from people without it)'
      ]
    ],
    [
      'an approval without write access',
      [aReview({ authorCanPush: false })],
      {},
      [],
      [
        'bob approved but had no write access to the repository (GitHub does not count approvals from people without it)'
      ]
    ],
    [
      'an approval by a listed reviewer without write access',
      [aReview({ authorCanPush: false })],
      { approvals: { reviewers: ['bob'] } },
      [],
      [
        'bob approved but had no write access to the repository (GitHub does not count approvals from people without it)'
      ]
    ],
    [
      'a later request for changes by a writer on the same head',
      [aReview(), carolRequests()],
      {},
      [],
      [
        'bob approved but carol later requested changes on 5d6e7f8, which stands until carol approves or the review is dismissed'
      ]
    ],
    [
      'a later request for changes followed by a comment',
      [aReview(), carolRequests(), carolRequests({ state: 'COMMENTED' })],
      {},
      [],
      [
        'bob approved but carol later requested changes on 5d6e7f8, which stands until carol approves or the review is dismissed'
      ]
    ],
    [
      'a later request for changes by someone without write access',
      [aReview(), carolRequests({ authorCanPush: false })],
      {},
      ['bob'],
      []
    ],
    [
      'an earlier request for changes by a writer',
      [carolRequests(), aReview()],
      {},
      ['bob'],
      []
    ],
    [
      'a later request for changes that was dismissed',
      [aReview(), carolRequests({ state: 'DISMISSED' })],
      {},
      ['bob'],
      // GitHub shows a dismissed review as DISMISSED, whatever it said
      ["carol's review was dismissed; carol must approve again"]
    ],
    [
      'a later request for changes its author replaced with an approval',
      [aReview(), carolRequests(), carolRequests({ state: 'APPROVED' })],
      {},
      ['bob', 'carol'],
      []
    ],
    [
      'a later request for changes on an older head',
      [aReview(), carolRequests({ commitOid: OLD_HEAD })],
      {},
      ['bob'],
      []
    ],
    [
      'a later request for changes on the final head after an older approval',
      [aReview({ commitOid: OLD_HEAD }), carolRequests()],
      { approvals: { onLatestCommit: false } },
      [],
      [
        'bob approved but carol later requested changes on 5d6e7f8, which stands until carol approves or the review is dismissed'
      ]
    ],
    [
      'a later request for changes on the same older head',
      [
        aReview({ commitOid: OLD_HEAD }),
        carolRequests({ commitOid: OLD_HEAD })
      ],
      { approvals: { onLatestCommit: false } },
      [],
      [
        'bob approved but carol later requested changes on 1a2b3c4, which stands until carol approves or the review is dismissed'
      ]
    ],
    [
      'a later request for changes whose commit GitHub lost',
      [aReview(), carolRequests({ commitOid: null })],
      {},
      [],
      [
        'bob approved but carol later requested changes, which stands until carol approves or the review is dismissed'
      ]
    ],
    [
      'a later request for changes by a deleted account',
      [aReview(), carolRequests({ author: null })],
      {},
      ['bob'],
      []
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

describe('approversOf when the approver clicked "Update branch"', () => {
  const UPDATE = sha('9f8e7d6')
  /** GitHub's merge of main into the head, authored by who clicked */
  const update = (login: string, message = "Merge branch 'main' into fix") =>
    aCommit({
      oid: UPDATE,
      message,
      author: anIdentity(login),
      committer: WEB_FLOW,
      parents: null
    })
  const judge = (commits: ReturnType<typeof aCommit>[]) => {
    const change = aChange({
      pullRequest: aPullRequest({
        commits: [
          aCommit({
            oid: HEAD,
            author: anIdentity('alice'),
            committer: anIdentity('alice')
          }),
          ...commits
        ]
      })
    })
    const policy = anEnvironmentPolicy()
    const { makers } = makersOf(change, aFacts(), policy)
    const r = approversOf(change.pullRequest ?? aPullRequest(), makers, policy)
    return { logins: r.approvers.map((a) => a.login), excluded: r.excluded }
  }

  it('says the update made them a maker, and what to do', () => {
    const r = judge([update('bob')])
    expect(r.logins).toEqual([])
    expect(r.excluded.map((e) => e.message)).toEqual([
      'bob approved but updated the branch with merge commit 9f8e7d6, which makes bob a maker of this change: another reviewer must approve, or someone who does not review must update the branch'
    ])
  })

  it('names every role when the updater made more than the update', () => {
    const r = judge([
      update('bob'),
      aCommit({
        oid: sha('c0ffee0'),
        author: anIdentity('alice'),
        committer: WEB_FLOW,
        coAuthors: [anIdentity('bob')]
      })
    ])
    expect(r.excluded.map((e) => e.message)).toEqual([
      'bob approved but is the one who updated the branch with 9f8e7d6 and a co-author of c0ffee0'
    ])
  })

  it('treats a merge of another branch, or one made locally, as any commit', () => {
    expect(
      judge([update('bob', "Merge branch 'dev' into fix")]).excluded[0]?.message
    ).toBe('bob approved but is the author of 9f8e7d6')
    expect(
      judge([{ ...update('bob'), committer: anIdentity('bob') }]).excluded[0]
        ?.message
    ).toBe(
      'bob approved but is the author of 9f8e7d6 and the committer of 9f8e7d6'
    )
    expect(
      judge([{ ...update('bob'), parents: [HEAD] }]).excluded[0]?.message
    ).toBe('bob approved but is the author of 9f8e7d6')
  })

  it('counts another reviewer who did not update the branch', () => {
    const change = aChange({
      pullRequest: aPullRequest({
        commits: [update('carol')],
        reviews: [aReview()]
      })
    })
    const policy = anEnvironmentPolicy()
    const { makers } = makersOf(change, aFacts(), policy)
    expect(
      approversOf(change.pullRequest ?? aPullRequest(), makers, policy)
        .approvers
    ).toHaveLength(1)
  })
})
