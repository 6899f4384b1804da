import { describe, expect, it } from '@jest/globals'
import { check } from '../../../src/engine/rules/maker-checker.js'
import type {
  ChangeFact,
  Facts,
  ReviewFact,
  RunFact
} from '../../../src/engine/facts.js'
import {
  NOW,
  OLD_HEAD,
  WEB_FLOW,
  aChange,
  aCommit,
  aDirectPush,
  aFacts,
  aPullRequest,
  aReview,
  anActor,
  anEnvironmentApproval,
  anEnvironmentPolicy,
  anIdentity,
  anUnreadable,
  sha,
  type EnvironmentPolicyOverrides
} from '../../../__fixtures__/facts.js'

const C1 = sha('c1c1c1c')

/** PR #12 by alice with one commit C1 authored by alice */
const withReviews = (
  reviews: ReviewFact[],
  commit: Parameters<typeof aCommit>[0] = {}
): ChangeFact =>
  aChange({
    pullRequest: aPullRequest({
      reviews,
      commits: [
        aCommit({
          oid: C1,
          author: anIdentity('alice'),
          committer: WEB_FLOW,
          ...commit
        })
      ]
    })
  })

const run = (
  changes: ChangeFact[],
  policy: EnvironmentPolicyOverrides = {},
  facts: Partial<Facts> = {}
) => check(aFacts({ changes, ...facts }), anEnvironmentPolicy(policy), NOW)

const withApprovals = (approvals: RunFact['approvals']): Partial<Facts> => ({
  run: { ...aFacts().run, approvals }
})

describe('maker-checker', () => {
  describe('when an independent reviewer approved the final head', () => {
    it('passes and links the approval', () => {
      const r = run([aChange()])
      expect(r.status).toBe('pass')
      expect(r.summary).toBe('1 pull request independently approved')
      expect(r.links.map((l) => l.label)).toEqual([
        'PR #12',
        'approval of PR #12 by bob'
      ])
      expect(r.controls).toContain('NIST SP 800-53 AC-5')
    })
  })

  describe('when the only approver is left out as the deployer', () => {
    const deployerOut: EnvironmentPolicyOverrides = {
      approvals: { independentOf: ['author', 'deployer'] }
    }
    const byDave = withReviews([aReview({ author: anActor('dave') })])

    it('says a push deploys as whoever merged, and that another run or approver is the fix', () => {
      const r = run([byDave], deployerOut)
      expect(r.problems).toEqual([
        'PR #12 has 0 independent approvals, production needs 1 (dave approved but is the deployer): approvals.independent_of lists deployer and dave deploys this run: a push deploys as whoever merged or pushed it, so someone who neither made nor approved the change must start a new run to deploy to production, or someone else who made none of its changes must approve it'
      ])
    })

    it('names no push when the run was started by hand', () => {
      const r = run([byDave], deployerOut, {
        run: { ...aFacts().run, event: 'workflow_dispatch' }
      })
      expect(r.problems[0]).toContain(
        'dave deploys this run: someone who neither made nor approved'
      )
    })

    it('names every deployer who approved: who started the run and who re-ran it', () => {
      const r = run(
        [
          withReviews([
            aReview({ author: anActor('dave') }),
            aReview({ author: anActor('erin') })
          ])
        ],
        deployerOut,
        { run: { ...aFacts().run, actor: 'dave', triggeringActor: 'erin' } }
      )
      expect(r.problems[0]).toContain('dave and erin deploy this run')
    })

    it('keeps the usual fix when the deployer is also a maker', () => {
      const r = run(
        [
          withReviews([aReview({ author: anActor('dave') })], {
            author: anIdentity('dave')
          })
        ],
        { approvals: { independentOf: ['commit_authors', 'deployer'] } }
      )
      expect(r.problems[0]).toMatch(
        /: ask someone who made none of its changes to approve it$/
      )
    })
  })

  describe.each<[string, ChangeFact, EnvironmentPolicyOverrides, string]>([
    [
      'the author approved their own pull request',
      withReviews([aReview({ author: anActor('alice') })]),
      {},
      'PR #12 has 0 independent approvals, production needs 1 (alice approved but is the author of PR #12 and c1c1c1c): ask someone who made none of its changes to approve it'
    ],
    [
      'a co-author approved',
      withReviews([aReview()], { coAuthors: [anIdentity('bob')] }),
      {},
      'bob approved but is a co-author of c1c1c1c'
    ],
    [
      'a committer approved',
      withReviews([aReview()], { committer: anIdentity('bob') }),
      {},
      'bob approved but is the committer of c1c1c1c'
    ],
    [
      'a commit author approved',
      withReviews([aReview()], { author: anIdentity('Bob') }),
      {},
      'bob approved but is the author of c1c1c1c'
    ],
    [
      'the deployer approved, with deployer in independent_of',
      withReviews([aReview({ author: anActor('dave') })]),
      { approvals: { independentOf: ['author', 'deployer'] } },
      'dave approved but is the deployer'
    ],
    [
      'the approval was given before the last push',
      withReviews([aReview({ commitOid: OLD_HEAD })]),
      {},
      'bob approved but gave it on 1a2b3c4, not on the final head 5d6e7f8'
    ],
    [
      'the approval was cancelled by a later changes-requested',
      withReviews([aReview(), aReview({ state: 'CHANGES_REQUESTED' })]),
      {},
      'bob approved but later requested changes'
    ],
    [
      'a bot approved',
      withReviews([aReview({ author: anActor('dependabot[bot]', 'Bot') })]),
      {},
      'dependabot[bot] approved but is a bot (approvals.allow_bots is false)'
    ],
    [
      'a deleted account approved',
      withReviews([aReview({ author: null })]),
      {},
      'an approval by a deleted account does not count'
    ],
    [
      'a reviewer outside approvals.reviewers approved',
      withReviews([aReview()]),
      { approvals: { reviewers: ['carol', 'acme/leads'] } },
      'bob approved but is not listed in approvals.reviewers, and the members of acme/leads could not be read'
    ],
    [
      'only one of two required reviewers approved',
      withReviews([aReview()]),
      { approvals: { pullRequest: 2 } },
      'PR #12 has 1 independent approval, production needs 2: ask someone'
    ],
    [
      'nobody reviewed',
      withReviews([]),
      {},
      'PR #12 has 0 independent approvals, production needs 1: ask someone'
    ],
    [
      'a commit author has no GitHub account',
      withReviews([aReview()], {
        author: anIdentity(null, { email: 'ghost@corp.com' })
      }),
      {},
      'PR #12: ghost@corp.com (author of c1c1c1c) is not linked to a GitHub account, so it cannot be told apart from the approvers: link the email to a GitHub account, or set approvals.unresolved_identities: ignore'
    ]
  ])('when %s', (_case, change, policy, problem) => {
    it('fails and says who was excluded and why', () => {
      const r = run([change], policy)
      expect(r.status).toBe('fail')
      expect(r.summary).toBe('changes to production lack independent approval')
      expect(r.problems).toEqual([expect.stringContaining(problem)])
    })
  })

  describe.each<[string, ChangeFact, EnvironmentPolicyOverrides]>([
    [
      'web-flow committed the change and an approver exists',
      withReviews([aReview()], { committer: WEB_FLOW }),
      {}
    ],
    [
      'a stale approval is allowed by on_latest_commit: false',
      withReviews([aReview({ commitOid: OLD_HEAD })]),
      { approvals: { onLatestCommit: false } }
    ],
    [
      'a bot approved and allow_bots is true',
      withReviews([aReview({ author: anActor('helper[bot]', 'Bot') })]),
      { approvals: { allowBots: true } }
    ],
    [
      'a listed reviewer approved',
      withReviews([aReview()]),
      { approvals: { reviewers: ['Bob'] } }
    ],
    [
      'a co-author approved but co-authors may approve',
      withReviews([aReview()], { coAuthors: [anIdentity('bob')] }),
      { approvals: { independentOf: ['author', 'commit_authors'] } }
    ],
    [
      'an unmapped author is ignored by policy',
      withReviews([aReview()], { author: anIdentity(null) }),
      { approvals: { unresolvedIdentities: 'ignore' } }
    ],
    [
      'no approval is required',
      withReviews([]),
      { approvals: { pullRequest: 0 } }
    ],
    [
      'a comment follows the approval',
      withReviews([aReview(), aReview({ state: 'COMMENTED' })]),
      {}
    ]
  ])('when %s', (_case, change, policy) => {
    it('passes', () => {
      const r = run([change], policy)
      expect(r.problems).toEqual([])
      expect(r.status).toBe('pass')
    })
  })

  describe('when a change was pushed directly', () => {
    it('leaves it to approval-record', () => {
      const r = run([aChange(), aDirectPush('ops')])
      expect(r.status).toBe('pass')
      expect(r.summary).toBe(
        '1 pull request independently approved; 1 direct push left to approval-record'
      )
    })

    it('still blocks on an unmapped identity in it', () => {
      const r = run([aDirectPush(null)])
      expect(r.status).toBe('fail')
      expect(r.problems[0]).toContain(
        'direct push a1b2c3d: unknown@example.com (author of a1b2c3d)'
      )
    })

    it('names committers and co-authors without accounts', () => {
      const r = run([
        aDirectPush('ops', {
          committer: anIdentity(null, { email: 'c@corp.com' }),
          coAuthors: [anIdentity(null, { email: 'co@corp.com' })]
        })
      ])
      expect(r.problems).toEqual([
        expect.stringContaining('c@corp.com (committer of a1b2c3d)'),
        expect.stringContaining('co@corp.com (co-author of a1b2c3d)')
      ])
    })
  })

  describe('when the policy requires verified commits', () => {
    const verified = { valid: true, state: 'VALID', byGitHub: false }
    const strict = { approvals: { requireVerifiedCommits: true } }

    it('passes when every commit of the pull request is verified', () => {
      const r = run([withReviews([aReview()], { signature: verified })], strict)
      expect(r.status).toBe('pass')
    })

    it('fails an unsigned commit, naming it', () => {
      const r = run([withReviews([aReview()])], strict)
      expect(r.status).toBe('fail')
      expect(r.problems).toEqual([
        expect.stringContaining('PR #12: commit c1c1c1c is not signed')
      ])
    })

    it('fails a signature GitHub does not verify, with its state', () => {
      const r = run(
        [
          withReviews([aReview()], {
            signature: { valid: false, state: 'BAD_EMAIL', byGitHub: false }
          })
        ],
        strict
      )
      expect(r.problems[0]).toContain(
        'has a signature GitHub does not verify (BAD_EMAIL)'
      )
    })

    it('checks the commit itself for a direct push', () => {
      expect(run([aDirectPush('ops')], strict).status).toBe('fail')
      expect(
        run([aDirectPush('ops', { signature: verified })], strict).status
      ).toBe('pass')
    })

    it('ignores signatures when not required', () => {
      expect(run([withReviews([aReview()])]).status).toBe('pass')
    })
  })

  describe('when the same pull request brought several changes', () => {
    it('judges it once', () => {
      const change = withReviews([])
      const r = run([
        change,
        { ...change, commit: aCommit({ oid: sha('b2') }) }
      ])
      expect(r.problems).toHaveLength(1)
    })
  })

  describe('when the run needs an independent environment approval', () => {
    const policy = { approvals: { environment: 1 } }

    it.each<[string, RunFact['approvals'], EnvironmentPolicyOverrides]>([
      ['an independent approver', [anEnvironmentApproval('erin')], {}],
      [
        'an approver listed twice with a rejection for another environment',
        [
          anEnvironmentApproval('erin'),
          anEnvironmentApproval('Erin', { environments: ['PRODUCTION'] }),
          anEnvironmentApproval('zed', { state: 'rejected' }),
          anEnvironmentApproval('yan', { environments: ['staging'] })
        ],
        {}
      ],
      [
        'a bot approver when bots are allowed',
        [anEnvironmentApproval('ops[bot]')],
        { approvals: { allowBots: true } }
      ],
      [
        'the deployer approving when the deployer may',
        [anEnvironmentApproval('dave')],
        { approvals: { independentOf: ['author'] } }
      ],
      [
        'the deployer approving under the default independent_of (SPEC v2)',
        [anEnvironmentApproval('dave')],
        {}
      ]
    ])('passes with %s', (_case, approvals, extra) => {
      const r = run(
        [aChange()],
        { ...extra, approvals: { environment: 1, ...extra.approvals } },
        withApprovals(approvals)
      )
      expect(r.problems).toEqual([])
      expect(r.status).toBe('pass')
      expect(r.summary).toContain('the run independently approved')
    })

    it.each<[string, RunFact['approvals'], string]>([
      [
        'no run',
        null,
        "no workflow run approvals available (the gate must run inside the deployment's workflow run): production needs 1 independent environment approval"
      ],
      [
        'the author of a change as the only approver',
        [anEnvironmentApproval('alice')],
        'this run has 0 independent environment approvals for production, production needs 1 (alice approved the run but is the author of PR #12 and 5d6e7f8 and the committer of 5d6e7f8): ask a reviewer of the production environment who made none of the changes and did not start this run to approve the run'
      ],
      [
        'the maker of a direct push as the only approver',
        [anEnvironmentApproval('ops')],
        'ops approved the run but is the author of a1b2c3d and the committer of a1b2c3d'
      ],
      [
        'the deployer as the only approver',
        [anEnvironmentApproval('dave')],
        'dave approved the run but is the deployer'
      ],
      [
        'a bot as the only approver',
        [anEnvironmentApproval('ops[bot]')],
        'ops[bot] approved the run but is a bot (approvals.allow_bots is false)'
      ],
      [
        'nobody approving',
        [],
        'this run has 0 independent environment approvals for production, production needs 1: ask'
      ]
    ])('fails with %s', (_case, approvals, problem) => {
      const r = run(
        [aChange(), aDirectPush('ops')],
        {
          approvals: {
            environment: 1,
            independentOf: [
              'author',
              'commit_authors',
              'committers',
              'co_authors',
              'deployer'
            ]
          }
        },
        withApprovals(approvals)
      )
      expect(r.status).toBe('fail')
      expect(r.problems).toEqual([expect.stringContaining(problem)])
    })

    it('asks only for a reviewer who made none of the changes when the deployer may approve', () => {
      const r = run(
        [aChange()],
        { approvals: { environment: 1 } },
        withApprovals([anEnvironmentApproval('alice')])
      )
      expect(r.problems).toEqual([
        expect.stringMatching(
          /: ask a reviewer of the production environment who made none of the changes to approve the run$/
        )
      ])
    })

    it('is an error when the approvals cannot be read', () => {
      const r = run(
        [aChange()],
        policy,
        withApprovals(anUnreadable('actions: read', '403'))
      )
      expect(r.status).toBe('error')
      expect(r.summary).toBe(
        'could not verify the independent approval of this run'
      )
      expect(r.problems).toEqual([
        'cannot read the environment approvals of this run: grant the token `actions: read` (GitHub said: 403)'
      ])
    })

    it('fails when a pull request fails too', () => {
      const r = run(
        [withReviews([])],
        policy,
        withApprovals(anUnreadable('actions: read'))
      )
      expect(r.status).toBe('fail')
      expect(r.problems).toHaveLength(2)
    })
  })
})
