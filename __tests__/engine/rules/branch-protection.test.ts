import { describe, expect, it } from '@jest/globals'
import { check } from '../../../src/engine/rules/branch-protection.js'
import {
  meets,
  settingsOfClassic,
  settingsOfRules
} from '../../../src/engine/protection.js'
import type { BranchFact } from '../../../src/engine/facts.js'
import type { CheckStatus } from '../../../src/engine/rules/types.js'
import {
  NOW,
  aBranch,
  aClassicProtection,
  aFacts,
  aPullRequestRule,
  aRule,
  anEnvironmentPolicy,
  anUnreadable,
  sufficientRules,
  type EnvironmentPolicyOverrides
} from '../../../__fixtures__/facts.js'

const run = (branches: BranchFact[], policy: EnvironmentPolicyOverrides = {}) =>
  check(aFacts({ branches }), anEnvironmentPolicy(policy), NOW)

const ADMIN = anUnreadable(
  'administration: read',
  '403 Resource not accessible by integration'
)
const RULES_403 = anUnreadable('metadata: read', '403 Forbidden')

describe('branch-protection', () => {
  describe('when the policy turns it off', () => {
    it('is skipped', () => {
      const r = run([aBranch({ rules: [] })], { branchProtection: false })
      expect(r.status).toBe('skipped')
      expect(r.summary).toContain('branch_protection: false')
    })
  })

  describe('when no policy branch holds the commit', () => {
    it('fails', () => {
      const r = run([aBranch({ containsCommit: false })])
      expect(r.status).toBe('fail')
      expect(r.problems[0]).toContain(
        'a1b2c3d is on no branch matching main, so no protection applies to it'
      )
    })
  })

  describe.each<[string, BranchFact, EnvironmentPolicyOverrides]>([
    ['rulesets meet the defaults', aBranch(), {}],
    [
      'classic protection alone meets them',
      aBranch({ rules: [], classic: aClassicProtection() }),
      {}
    ],
    [
      'rulesets and classic protection together meet them',
      aBranch({
        rules: [aPullRequestRule({ requiredApprovingReviewCount: 2 })],
        classic: aClassicProtection({
          requiredApprovingReviewCount: null,
          dismissStaleReviews: false,
          requiredStatusChecks: ['build']
        })
      }),
      {
        branchProtection: {
          requiredApprovals: 2,
          requiredStatusChecks: ['build']
        }
      }
    ],
    [
      'status checks come from rulesets',
      aBranch({
        rules: [
          ...sufficientRules(),
          aRule('required_status_checks', {
            requiredStatusChecks: ['build', 'test']
          }),
          aRule('required_status_checks')
        ]
      }),
      { branchProtection: { requiredStatusChecks: ['test'] } }
    ],
    [
      'classic protection is unreadable but rulesets suffice',
      aBranch({ classic: ADMIN }),
      {}
    ],
    [
      'rulesets are unreadable but classic protection suffices',
      aBranch({ rules: RULES_403, classic: aClassicProtection() }),
      {}
    ],
    [
      'nothing is required and some ruleset applies',
      aBranch({ rules: [aRule('creation')], classic: ADMIN }),
      {
        branchProtection: {
          requiredApprovals: 0,
          dismissStaleReviews: false,
          blockForcePushes: false,
          blockDeletions: false
        }
      }
    ],
    [
      'a stronger last-push and code-owner rule is required',
      aBranch({
        rules: [
          aPullRequestRule({
            requireLastPushApproval: true,
            requireCodeOwnerReview: true
          }),
          aRule('non_fast_forward'),
          aRule('deletion')
        ]
      }),
      {
        branchProtection: {
          requireLastPushApproval: true,
          requireCodeOwnerReview: true
        }
      }
    ]
  ])('when %s', (_case, branch, policy) => {
    it('passes', () => {
      const r = run([branch], policy)
      expect(r.problems).toEqual([])
      expect(r.status).toBe('pass')
      expect(r.summary).toBe(
        'main protected with at least the required settings'
      )
      expect(r.controls).toContain('NIST SP 800-53 CM-5')
    })
  })

  describe.each<[string, BranchFact, EnvironmentPolicyOverrides, string[]]>([
    [
      'the branch has no protection at all',
      aBranch({ rules: [], classic: null }),
      {},
      [
        'branch main is not protected: add a ruleset (or branch protection) targeting main with 1 required approving review, dismissal of stale approvals on push, blocked force pushes and blocked deletion'
      ]
    ],
    [
      'the branch has no protection and nothing is required',
      aBranch({ rules: [], classic: null }),
      {
        branchProtection: {
          requiredApprovals: 0,
          dismissStaleReviews: false,
          blockForcePushes: false,
          blockDeletions: false
        }
      },
      [
        'branch main is not protected: add a ruleset (or branch protection) targeting main'
      ]
    ],
    [
      'the pull request rule asks fewer approvals than required',
      aBranch(),
      { branchProtection: { requiredApprovals: 2 } },
      [
        'main does not have 2 required approving reviews (it requires 1): set "Required approvals" to at least 2'
      ]
    ],
    [
      'the pull request rule does not dismiss stale approvals',
      aBranch({
        rules: [
          aPullRequestRule({ dismissStaleReviewsOnPush: false }),
          aRule('non_fast_forward'),
          aRule('deletion')
        ]
      }),
      {},
      [
        'main does not have dismissal of stale approvals on push: enable "Dismiss stale'
      ]
    ],
    [
      'last-push approval and code owner review are missing',
      aBranch(),
      {
        branchProtection: {
          requireLastPushApproval: true,
          requireCodeOwnerReview: true
        }
      },
      [
        'main does not have approval of the most recent push',
        'main does not have code owner review'
      ]
    ],
    [
      'force pushes are allowed',
      aBranch({ rules: [aPullRequestRule(), aRule('deletion')] }),
      {},
      ['main does not have blocked force pushes: enable "Block force pushes"']
    ],
    [
      'deletions are allowed',
      aBranch({ rules: [aPullRequestRule(), aRule('non_fast_forward')] }),
      {},
      ['main does not have blocked deletion']
    ],
    [
      'a pull request rule has no parameters',
      aBranch({
        rules: [
          aRule('pull_request'),
          aRule('non_fast_forward'),
          aRule('deletion')
        ]
      }),
      {},
      [
        'main does not have 1 required approving review (it requires 0)',
        'main does not have dismissal of stale approvals on push'
      ]
    ],
    [
      'a required status check is missing',
      aBranch({
        rules: [
          ...sufficientRules(),
          aRule('required_status_checks', { requiredStatusChecks: ['lint'] })
        ]
      }),
      { branchProtection: { requiredStatusChecks: ['build'] } },
      [
        'main does not have the required status check "build": add "build" to the required status checks'
      ]
    ],
    [
      'classic protection allows force pushes and deletions',
      aBranch({
        rules: [],
        classic: aClassicProtection({
          allowForcePushes: true,
          allowDeletions: true
        })
      }),
      {},
      [
        'main does not have blocked force pushes',
        'main does not have blocked deletion'
      ]
    ],
    [
      'classic protection requires no reviews',
      aBranch({
        rules: [],
        classic: aClassicProtection({ requiredApprovingReviewCount: null })
      }),
      {},
      ['main does not have 1 required approving review (it requires 0)']
    ]
  ])('when %s', (_case, branch, policy, problems) => {
    it('fails and says what to change', () => {
      const r = run([branch], policy)
      expect(r.status).toBe('fail')
      expect(r.summary).toBe('main not protected as production requires')
      expect(r.problems).toHaveLength(problems.length)
      problems.forEach((p, i) => expect(r.problems[i]).toContain(p))
    })
  })

  describe.each<[string, BranchFact, EnvironmentPolicyOverrides, string[]]>([
    [
      'classic protection is unreadable and rulesets are insufficient',
      aBranch({ rules: [aPullRequestRule()], classic: ADMIN }),
      {},
      [
        'cannot tell whether main has blocked force pushes and blocked deletion: its rulesets alone do not provide it and its classic branch protection cannot be read (grant the token `administration: read`; GitHub said: 403 Resource not accessible by integration); a 403 means "cannot tell", not "unprotected"'
      ]
    ],
    [
      'classic protection is unreadable and there is no ruleset',
      aBranch({ rules: [], classic: ADMIN }),
      {},
      [
        'it has no active ruleset and its classic branch protection cannot be read'
      ]
    ],
    [
      'nothing is required, there is no ruleset and classic is unreadable',
      aBranch({ rules: [], classic: ADMIN }),
      {
        branchProtection: {
          requiredApprovals: 0,
          dismissStaleReviews: false,
          blockForcePushes: false,
          blockDeletions: false
        }
      },
      ['cannot tell whether main has any protection']
    ],
    [
      'rulesets are unreadable and classic protection is insufficient',
      aBranch({
        rules: RULES_403,
        classic: aClassicProtection({ allowForcePushes: true })
      }),
      {},
      [
        'cannot tell whether main has blocked force pushes: its classic branch protection alone does not provide it and its rulesets cannot be read (grant the token `metadata: read`'
      ]
    ],
    [
      'rulesets are unreadable and there is no classic protection',
      aBranch({ rules: RULES_403, classic: null }),
      {},
      ['it has no classic branch protection and its rulesets cannot be read']
    ],
    [
      'neither can be read',
      aBranch({ rules: RULES_403, classic: ADMIN }),
      {},
      [
        'its rulesets cannot be read (grant the token `metadata: read`; GitHub said: 403 Forbidden) and its classic branch protection cannot be read (grant the token `administration: read`'
      ]
    ]
  ])('when %s', (_case, branch, policy, problems) => {
    it('is an error naming the permission', () => {
      const r = run([branch], policy)
      expect(r.status).toBe('error')
      expect(r.summary).toBe('could not verify the protection of main')
      expect(r.problems).toHaveLength(problems.length)
      problems.forEach((p, i) => expect(r.problems[i]).toContain(p))
    })
  })

  describe('when several branches hold the commit', () => {
    const release = (b: Partial<BranchFact>) =>
      aBranch({ name: 'release/1', ...b })
    const globs = { branches: ['main', 'release/*'] }

    it.each<[string, BranchFact[], CheckStatus]>([
      ['all are protected', [aBranch(), release({})], 'pass'],
      [
        'one cannot be read',
        [aBranch(), release({ rules: [], classic: ADMIN })],
        'error'
      ],
      [
        'one fails and one cannot be read',
        [aBranch({ rules: [] }), release({ rules: [], classic: ADMIN })],
        'fail'
      ],
      [
        'one outside the policy is unprotected',
        [aBranch(), aBranch({ name: 'dev', rules: [] })],
        'pass'
      ]
    ])('%s: %s', (_case, branches, status) => {
      expect(run(branches, globs).status).toBe(status)
    })

    it('checks each of them', () => {
      const r = run([aBranch(), release({ rules: [] })], globs)
      expect(r.summary).toBe(
        'main and release/1 not protected as production requires'
      )
      expect(r.problems).toEqual([
        expect.stringContaining('branch release/1 is not protected')
      ])
    })
  })
})

describe('meets', () => {
  const need = anEnvironmentPolicy().branchProtection
  if (need === false) throw new Error('the default policy requires protection')

  it('holds for rules that meet every requirement', () => {
    expect(meets(settingsOfRules(sufficientRules()), need)).toBe(true)
  })

  it('fails on any single unmet requirement', () => {
    expect(
      meets(settingsOfRules(sufficientRules()), {
        ...need,
        requiredApprovals: 2
      })
    ).toBe(false)
    expect(meets(settingsOfRules([aPullRequestRule()]), need)).toBe(false)
  })
})

describe('settings', () => {
  it('takes the strongest pull request rule', () => {
    expect(
      settingsOfRules([
        aPullRequestRule({
          requiredApprovingReviewCount: 3,
          dismissStaleReviewsOnPush: false
        }),
        aPullRequestRule({ requiredApprovingReviewCount: 1 })
      ])
    ).toMatchObject({ requiredApprovals: 3, dismissStaleReviews: true })
  })

  it('reads classic protection', () => {
    expect(
      settingsOfClassic(aClassicProtection({ allowForcePushes: true }))
    ).toEqual({
      requiredApprovals: 1,
      dismissStaleReviews: true,
      requireLastPushApproval: false,
      requireCodeOwnerReview: false,
      blockForcePushes: false,
      blockDeletions: true,
      requiredStatusChecks: []
    })
  })
})
