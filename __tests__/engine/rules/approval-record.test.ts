import { describe, expect, it } from '@jest/globals'
import { check } from '../../../src/engine/rules/approval-record.js'
import type { ChangeFact, RunFact } from '../../../src/engine/facts.js'
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

const run = (
  changes: ChangeFact[],
  policy: EnvironmentPolicyOverrides = {},
  approvals: RunFact['approvals'] = null
) =>
  check(
    aFacts({ changes, run: { ...aFacts().run, approvals } }),
    anEnvironmentPolicy(policy),
    NOW
  )

const withPr = (overrides: Parameters<typeof aPullRequest>[0]) =>
  aChange({ pullRequest: aPullRequest(overrides) })

describe('approval-record', () => {
  describe('when every change came through an approved pull request', () => {
    it('passes and links the pull request and the approval', () => {
      const r = run([
        aChange(),
        aChange({ commit: aCommit({ oid: sha('b2') }) })
      ])
      expect(r.status).toBe('pass')
      expect(r.summary).toBe(
        'every change in scope has an approval record: 2 changes'
      )
      expect(r.links.map((l) => [l.kind, l.label])).toEqual([
        ['pull_request', 'PR #12'],
        ['review', 'approval of PR #12 on 5d6e7f8']
      ])
      expect(r.controls).toContain('NIST SP 800-53 CM-3')
    })
  })

  describe.each<[string, ChangeFact, string[]]>([
    [
      'by an allowed author through web-flow',
      aDirectPush('Ops-Bot', { committer: WEB_FLOW }),
      ['ops-bot']
    ],
    ['by an allowed author and committer', aDirectPush('ops-bot'), ['OPS-BOT']]
  ])('when a direct push is made %s', (_case, change, directPushes) => {
    it('passes', () => {
      const r = run([change], { approvals: { directPushes } })
      expect(r.status).toBe('pass')
      expect(r.summary).toBe(
        'every change in scope has an approval record: 1 change (1 allowed direct push)'
      )
      expect(r.links[0]?.label).toBe(
        'direct push a1b2c3d (approvals.direct_pushes)'
      )
    })
  })

  describe('when a merge carried in a commit no pull request of its own merged (SPEC §5.5)', () => {
    const carried = {
      ...aDirectPush('mallory'),
      carriedBy: sha('c9')
    }

    it('fails, naming the commit and the merge that carried it', () => {
      const r = run([carried], { approvals: { directPushes: ['carol'] } })
      expect(r.status).toBe('fail')
      expect(r.problems).toEqual([
        `a1b2c3d (by mallory) was carried into main by the merge ${sha('c9').slice(0, 7)}, not by a merged pull request of its own: every commit a merge brings in needs its own approval record; merge a1b2c3d through an approved pull request, or list mallory in approvals.direct_pushes`
      ])
    })

    it('passes when its author and committer may push directly, and says which merge carried it', () => {
      const r = run([carried], { approvals: { directPushes: ['mallory'] } })
      expect(r.status).toBe('pass')
      expect(r.links[0]?.label).toBe(
        `direct push a1b2c3d carried in by ${sha('c9').slice(0, 7)} (approvals.direct_pushes)`
      )
    })
  })

  describe('when two direct pushes are allowed', () => {
    it('counts them', () => {
      const r = run(
        [aDirectPush('ops'), aDirectPush('ops', { oid: sha('b2') })],
        {
          approvals: { directPushes: ['ops'] }
        }
      )
      expect(r.summary).toContain('(2 allowed direct pushes)')
    })
  })

  describe.each<[string, ChangeFact, EnvironmentPolicyOverrides, string]>([
    [
      'a direct push by someone not listed',
      aDirectPush('mallory'),
      {},
      'a1b2c3d reached main without a pull request (direct push by mallory): merge changes through a pull request, or list mallory in approvals.direct_pushes'
    ],
    [
      'a direct push committed by someone not listed',
      aDirectPush('ops', { committer: anIdentity('mallory') }),
      { approvals: { directPushes: ['ops'] } },
      '(direct push by mallory)'
    ],
    [
      'a direct push by an unmapped identity',
      aDirectPush(null, { committer: WEB_FLOW }),
      { approvals: { directPushes: ['ops'] } },
      '(direct push by unknown@example.com (no GitHub account))'
    ],
    [
      'a pull request that was never merged',
      withPr({ merged: false }),
      {},
      'a1b2c3d reached main outside PR #12, which is not merged'
    ],
    [
      'a pull request merged into another branch',
      withPr({ baseRefName: 'develop' }),
      {},
      'PR #12 was merged into develop, not into main'
    ],
    [
      'an approval given before the last push',
      withPr({ reviews: [aReview({ commitOid: OLD_HEAD })] }),
      {},
      'PR #12 was approved on 1a2b3c4 but its final head is 5d6e7f8 (a push came after the approval): ask for an approving review of 5d6e7f8'
    ],
    [
      'an approval GitHub lost the commit of',
      withPr({ reviews: [aReview({ commitOid: null })] }),
      {},
      'PR #12 was approved, but GitHub no longer knows on which commit, so no approval is bound to its final head 5d6e7f8'
    ],
    [
      'no approval',
      withPr({ reviews: [aReview({ state: 'COMMENTED' })] }),
      {},
      'PR #12 was merged without an attributable approving review'
    ],
    [
      'an approval by a deleted account only',
      withPr({ reviews: [aReview({ author: null })] }),
      {},
      'PR #12 was merged without an attributable approving review'
    ],
    [
      'an approval given after the time judged',
      withPr({ reviews: [aReview({ submittedAt: '2024-05-01T13:00:00Z' })] }),
      {},
      'PR #12 was merged without an attributable approving review'
    ]
  ])('when a change has %s', (_case, change, policy, problem) => {
    it('fails', () => {
      const r = run([change], policy)
      expect(r.status).toBe('fail')
      expect(r.summary).toBe('1 change without an approval record')
      expect(r.problems).toEqual([expect.stringContaining(problem)])
    })
  })

  describe('when the commit is on no policy branch', () => {
    it('names the policy branches', () => {
      const r = check(
        aFacts({ changes: [aDirectPush('mallory')], branches: [] }),
        anEnvironmentPolicy({ branches: ['main', 'release/*'] }),
        NOW
      )
      expect(r.problems[0]).toContain(
        'a1b2c3d reached main or release/* without a pull request'
      )
    })
  })

  describe('when an approval has no submission time', () => {
    it('still counts', () => {
      const r = run([withPr({ reviews: [aReview({ submittedAt: null })] })])
      expect(r.status).toBe('pass')
    })
  })

  describe('when the same pull request brought several changes', () => {
    it('judges it once', () => {
      const stale = withPr({ reviews: [] })
      const r = run([stale, { ...stale, commit: aCommit({ oid: sha('b2') }) }])
      expect(r.problems).toHaveLength(1)
    })
  })

  describe('when the policy asks for an environment approval', () => {
    const policy = { approvals: { environment: 1 } }

    it.each<[string, RunFact['approvals']]>([
      ['approved for the environment', [anEnvironmentApproval('erin')]],
      [
        'approved for the environment in another case',
        [
          anEnvironmentApproval('erin', {
            environments: ['staging', 'Production']
          })
        ]
      ]
    ])('passes when the run was %s', (_case, approvals) => {
      expect(run([aChange()], policy, approvals).status).toBe('pass')
    })

    it.each<[string, RunFact['approvals'], string]>([
      [
        'is not a workflow run',
        null,
        "no workflow run approvals available (the gate must run inside the deployment's workflow run)"
      ],
      [
        'was approved for another environment only',
        [anEnvironmentApproval('erin', { environments: ['staging'] })],
        'this run has no approval for the production environment, and production needs 1 environment approval'
      ],
      [
        'was rejected',
        [anEnvironmentApproval('erin', { state: 'rejected' })],
        'this run has no approval for the production environment'
      ]
    ])('fails when the run %s', (_case, approvals, problem) => {
      const r = run([aChange()], policy, approvals)
      expect(r.status).toBe('fail')
      expect(r.summary).toBe('this run carries no environment approval record')
      expect(r.problems).toEqual([expect.stringContaining(problem)])
    })

    it('is an error when the approvals cannot be read', () => {
      const r = run([aChange()], policy, anUnreadable('actions: read', '403'))
      expect(r.status).toBe('error')
      expect(r.summary).toBe(
        'could not read the environment approvals of this run'
      )
      expect(r.problems).toEqual([
        'cannot read the environment approvals of this run: grant the token `actions: read` (GitHub said: 403)'
      ])
    })

    it('fails when a change fails too', () => {
      const r = run(
        [aDirectPush('mallory')],
        policy,
        anUnreadable('actions: read')
      )
      expect(r.status).toBe('fail')
      expect(r.summary).toBe('1 change without an approval record')
      expect(r.problems).toHaveLength(2)
    })

    it('is not asked for otherwise', () => {
      expect(run([aChange()], {}, null).status).toBe('pass')
    })
  })

  describe('when a reviewer is a bot or the author', () => {
    it('still records the approval (maker-checker judges independence)', () => {
      const r = run([
        withPr({ reviews: [aReview({ author: anActor('alice') })] })
      ])
      expect(r.status).toBe('pass')
    })
  })
})
