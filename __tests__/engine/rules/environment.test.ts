import { describe, expect, it } from '@jest/globals'
import {
  check,
  settingsProblems,
  withinBranches
} from '../../../src/engine/rules/environment.js'
import type {
  EnvironmentFact,
  EnvironmentSettingsFact
} from '../../../src/engine/facts.js'
import type { EnvironmentProtectionRequirement } from '../../../src/engine/policy/types.js'
import {
  ENVIRONMENT_SETTINGS_URL,
  NOW,
  aFacts,
  anEnvironmentPolicy,
  anEnvironmentSettings,
  anUnreadable,
  type EnvironmentPolicyOverrides
} from '../../../__fixtures__/facts.js'

const DEFAULT_WANT: EnvironmentProtectionRequirement = {
  deploymentBranches: 'protected',
  requiredReviewers: 0,
  preventSelfReview: false,
  adminBypass: true,
  waitTimer: 0
}

const want = (
  overrides: Partial<EnvironmentProtectionRequirement> = {}
): EnvironmentProtectionRequirement => ({ ...DEFAULT_WANT, ...overrides })

const runFact = (
  environmentSettings: EnvironmentFact | null,
  policy: EnvironmentPolicyOverrides = {}
) => check(aFacts({ environmentSettings }), anEnvironmentPolicy(policy), NOW)

const run = (
  settings: Partial<EnvironmentSettingsFact> = {},
  protection: Partial<EnvironmentProtectionRequirement> = {},
  policy: EnvironmentPolicyOverrides = {}
) =>
  runFact(
    { exists: true, settings: anEnvironmentSettings(settings) },
    { environmentProtection: want(protection), ...policy }
  )

const WHERE = `under Settings → Environments → production (${ENVIRONMENT_SETTINGS_URL})`
const SETTINGS_LINK = {
  kind: 'settings',
  url: ENVIRONMENT_SETTINGS_URL,
  label: 'environment production'
}
const PROTECTED_ONLY = { protectedBranches: true, customBranchPolicies: false }
const SELECTED = `set "Deployment branches and tags" to "Selected branches and tags" with main ${WHERE}`

describe('environment', () => {
  describe('when the policy turns it off', () => {
    it('is skipped, without looking at the settings', () => {
      const r = runFact(null, { environmentProtection: false })
      expect(r.status).toBe('skipped')
      expect(r.summary).toBe(
        'the settings of environment production are not checked (environment_protection: false)'
      )
      expect(r.problems).toEqual([])
    })
  })

  describe('when the settings were not read', () => {
    it('is an error', () => {
      const r = runFact(null)
      expect(r.status).toBe('error')
      expect(r.summary).toBe(
        'the settings of environment production were not read'
      )
      expect(r.problems).toEqual([
        'the settings of environment production were not read, so whether it can be deployed to around the gate cannot be verified'
      ])
    })
  })

  describe('when the settings could not be read', () => {
    it('is an error naming the permission', () => {
      const r = runFact(anUnreadable('actions: read', '403 Forbidden'))
      expect(r.status).toBe('error')
      expect(r.summary).toBe(
        'the settings of environment production could not be read'
      )
      expect(r.problems).toEqual([
        'the settings of environment production could not be read (403 Forbidden): the token needs `actions: read`'
      ])
    })
  })

  describe('when the environment does not exist', () => {
    it('fails saying a workflow could deploy without the gate, and where to create it', () => {
      const url = 'https://github.com/acme/shop/settings/environments'
      const r = runFact(
        { exists: false, name: 'production', settingsUrl: url },
        { branches: ['main', 'release/*'] }
      )
      expect(r.status).toBe('fail')
      expect(r.summary).toBe(
        "environment production does not exist in the repository's settings"
      )
      expect(r.problems).toHaveLength(1)
      expect(r.problems[0]).toContain(
        'a workflow job that names it creates it with no rules, so a workflow edited on an unreviewed branch could deploy without the gate'
      )
      expect(r.problems[0]).toContain(
        `Create it under Settings → Environments (${url}), with deployment branches restricted to main or release/*`
      )
      expect(r.links).toEqual([
        { kind: 'settings', url, label: 'environments' }
      ])
    })
  })

  describe('when the settings meet the policy', () => {
    it('passes, describing the settings', () => {
      const r = run()
      expect(r.status).toBe('pass')
      expect(r.summary).toBe(
        'environment production: branches main, 1 required reviewer, no self-review, no admin bypass'
      )
      expect(r.problems).toEqual([])
      expect(r.links).toEqual([SETTINGS_LINK])
      expect(r.controls).toContain('ISO/IEC 27001:2022 A.8.31')
    })

    it('describes every setting it saw', () => {
      const r = run(
        {
          branchPolicies: [
            { name: 'main', type: 'branch' },
            { name: 'release/*', type: 'branch' }
          ],
          reviewers: [
            { type: 'User', name: 'erin' },
            { type: 'Team', name: 'acme/sre' }
          ],
          waitTimer: 30
        },
        {
          requiredReviewers: 2,
          preventSelfReview: true,
          adminBypass: false,
          waitTimer: 15
        },
        { branches: ['main', 'release/*'] }
      )
      expect(r.status).toBe('pass')
      expect(r.summary).toBe(
        'environment production: branches main or release/*, 2 required reviewers, no self-review, no admin bypass, wait 30 minutes'
      )
    })

    it('leaves out what is neither asked nor set', () => {
      const r = run(
        {
          deploymentBranchPolicy: null,
          reviewers: [],
          preventSelfReview: false,
          canAdminsBypass: true,
          waitTimer: 1
        },
        { deploymentBranches: 'any' }
      )
      expect(r.status).toBe('pass')
      expect(r.summary).toBe(
        'environment production: any branch may deploy, wait 1 minute'
      )
    })

    it('leaves reviewers out when none are asked or set', () => {
      const r = run({ reviewers: [] }, { requiredReviewers: 0 })
      expect(r.summary).toBe(
        'environment production: branches main, no self-review, no admin bypass'
      )
    })
  })

  describe('deployment branches', () => {
    describe('when any branch may deploy', () => {
      it('fails with the "every branch" message and the setting to change', () => {
        const r = run({ deploymentBranchPolicy: null, branchPolicies: null })
        expect(r.status).toBe('fail')
        expect(r.summary).toBe(
          'environment production leaves a way around the gate'
        )
        expect(r.problems).toEqual([
          `environment production accepts deployments from every branch: a workflow edited on an unreviewed branch could deploy without the gate; ${SELECTED}`
        ])
        expect(r.links).toEqual([SETTINGS_LINK])
      })
    })

    describe('when only protected branches may deploy', () => {
      it.each<[string, EnvironmentSettingsFact['classicProtection']]>([
        ['not read', null],
        ['read for no branch', []]
      ])(
        'is an error when classic protection was %s',
        (_case, classicProtection) => {
          const r = run({
            deploymentBranchPolicy: PROTECTED_ONLY,
            branchPolicies: null,
            classicProtection
          })
          expect(r.status).toBe('error')
          expect(r.summary).toBe(
            'the settings of environment production could not be verified'
          )
          expect(r.problems).toEqual([
            `environment production accepts "protected branches only", but no branch of the policy holding the commit was read: ${SELECTED}`
          ])
        }
      )

      it('is an error naming the permission when classic protection is unreadable', () => {
        const r = run({
          deploymentBranchPolicy: PROTECTED_ONLY,
          branchPolicies: null,
          classicProtection: anUnreadable('administration: read')
        })
        expect(r.status).toBe('error')
        expect(r.problems).toEqual([
          `environment production accepts "protected branches only", which GitHub applies to classic branch protection rules; whether any exists could not be read (the token needs \`administration: read\`): ${SELECTED}, which the gate can verify`
        ])
      })

      it('fails when a branch has no classic protection, mentioning rulesets', () => {
        const r = run(
          {
            deploymentBranchPolicy: PROTECTED_ONLY,
            branchPolicies: null,
            classicProtection: [
              { branch: 'main', protected: true },
              { branch: 'release/1', protected: false },
              { branch: 'release/2', protected: false }
            ]
          },
          {},
          { branches: ['main', 'release/*'] }
        )
        expect(r.status).toBe('fail')
        expect(r.summary).toBe(
          'environment production leaves a way around the gate'
        )
        expect(r.problems).toEqual([
          `environment production accepts "protected branches only", but release/1 and release/2 has no classic branch protection rule; protected by rulesets alone, GitHub lets every branch deploy: set "Deployment branches and tags" to "Selected branches and tags" with main or release/* ${WHERE}`
        ])
      })

      it('passes when classic protection covers every branch', () => {
        const r = run({
          deploymentBranchPolicy: PROTECTED_ONLY,
          branchPolicies: null,
          classicProtection: [{ branch: 'main', protected: true }]
        })
        expect(r.status).toBe('pass')
        expect(r.summary).toBe(
          'environment production: protected branches only, 1 required reviewer, no self-review, no admin bypass'
        )
        expect(r.problems).toEqual([])
      })
    })

    describe('with custom patterns', () => {
      it.each<[string, string[], { name: string; type: 'branch' | 'tag' }[]]>([
        ['the branch itself', ['main'], [{ name: 'main', type: 'branch' }]],
        [
          'a narrower glob',
          ['release/*'],
          [{ name: 'release/v*', type: 'branch' }]
        ],
        [
          'the same glob',
          ['release/**'],
          [{ name: 'release/**', type: 'branch' }]
        ],
        [
          'two patterns',
          ['main', 'release/*'],
          [
            { name: 'main', type: 'branch' },
            { name: 'release/*', type: 'branch' }
          ]
        ]
      ])('passes with %s', (_case, branches, branchPolicies) => {
        const r = run({ branchPolicies }, {}, { branches })
        expect(r.status).toBe('pass')
        expect(r.summary).toContain(
          `environment production: branches ${branchPolicies.map((p) => p.name).join(' or ')},`
        )
        expect(r.problems).toEqual([])
      })

      it.each<
        [string, string[], { name: string; type: 'branch' | 'tag' }[], string]
      >([
        [
          'every branch',
          ['main'],
          [{ name: '*', type: 'branch' }],
          "branch *, outside the policy's branches main"
        ],
        [
          'a broader glob',
          ['release/*'],
          [{ name: 'release/**', type: 'branch' }],
          "branch release/**, outside the policy's branches release/*"
        ],
        [
          'a tag',
          ['main'],
          [
            { name: 'main', type: 'branch' },
            { name: 'main', type: 'tag' }
          ],
          "tag main, outside the policy's branches main"
        ]
      ])('fails with %s', (_case, branches, branchPolicies, outside) => {
        const r = run({ branchPolicies }, {}, { branches })
        expect(r.status).toBe('fail')
        expect(r.summary).toBe(
          'environment production leaves a way around the gate'
        )
        expect(r.problems).toEqual([
          `environment production accepts deployments from ${outside}: a workflow edited there could deploy without the gate; remove that pattern ${WHERE}`
        ])
      })

      it('names every pattern outside the branches', () => {
        const r = run({
          branchPolicies: [
            { name: 'dev', type: 'branch' },
            { name: 'v*', type: 'tag' }
          ]
        })
        expect(r.status).toBe('fail')
        expect(r.problems).toEqual([
          `environment production accepts deployments from branch dev and tag v*, outside the policy's branches main: a workflow edited there could deploy without the gate; remove those patterns ${WHERE}`
        ])
      })

      it('is an error naming the permission when the patterns are unreadable', () => {
        const r = run({
          branchPolicies: anUnreadable('actions: read', '403 Forbidden')
        })
        expect(r.status).toBe('error')
        expect(r.summary).toBe(
          'the settings of environment production could not be verified'
        )
        expect(r.problems).toEqual([
          'the branch patterns of environment production could not be read (403 Forbidden): the token needs `actions: read`'
        ])
      })

      it('is an error when the patterns were not read', () => {
        const r = run({ branchPolicies: null })
        expect(r.status).toBe('error')
        expect(r.problems).toEqual([
          'the branch patterns of environment production were not read'
        ])
      })
    })

    describe('when the policy accepts any branch', () => {
      it.each<[string, Partial<EnvironmentSettingsFact>]>([
        ['any branch', { deploymentBranchPolicy: null }],
        [
          'unprotected branches',
          {
            deploymentBranchPolicy: PROTECTED_ONLY,
            classicProtection: [{ branch: 'main', protected: false }]
          }
        ],
        [
          'unreadable classic protection',
          {
            deploymentBranchPolicy: PROTECTED_ONLY,
            classicProtection: anUnreadable()
          }
        ],
        [
          'a broader pattern',
          { branchPolicies: [{ name: '*', type: 'branch' }] }
        ],
        ['unreadable patterns', { branchPolicies: anUnreadable() }]
      ])('ignores %s', (_case, settings) => {
        const r = run(settings, { deploymentBranches: 'any' })
        expect(r.status).toBe('pass')
        expect(r.problems).toEqual([])
        expect(r.summary).toMatch(/^environment production: /)
      })
    })
  })

  describe('protection rules', () => {
    it('fails with fewer required reviewers than asked', () => {
      const r = run({}, { requiredReviewers: 2 })
      expect(r.status).toBe('fail')
      expect(r.problems).toEqual([
        `environment production has 1 required reviewer; the policy asks for 2: add reviewers ${WHERE}, under "Required reviewers"`
      ])
      expect(r.links).toEqual([SETTINGS_LINK])
    })

    it('fails when self-review is allowed but the policy prevents it', () => {
      const r = run({ preventSelfReview: false }, { preventSelfReview: true })
      expect(r.status).toBe('fail')
      expect(r.problems).toEqual([
        `environment production lets the person who started a deployment approve it: turn on "Prevent self-review" ${WHERE}`
      ])
    })

    it('lets self-review be allowed when the policy does not prevent it', () => {
      const r = run({ preventSelfReview: false }, { preventSelfReview: false })
      expect(r.status).toBe('pass')
      expect(r.summary).not.toContain('self-review')
    })

    it('fails when administrators can bypass and the policy refuses it', () => {
      const r = run({ canAdminsBypass: true }, { adminBypass: false })
      expect(r.status).toBe('fail')
      expect(r.problems).toEqual([
        `administrators can bypass the protection rules of production: turn off "Allow administrators to bypass configured protection rules" ${WHERE}`
      ])
    })

    it('takes an absent bypass setting as allowed', () => {
      const r = run({ canAdminsBypass: null }, { adminBypass: false })
      expect(r.status).toBe('fail')
      expect(r.problems).toEqual([
        `GitHub did not say whether administrators can bypass the protection rules of production, so they are taken to be able to: turn off "Allow administrators to bypass configured protection rules" ${WHERE}`
      ])
    })

    it('passes when administrators cannot bypass', () => {
      const r = run({ canAdminsBypass: false }, { adminBypass: false })
      expect(r.status).toBe('pass')
      expect(r.summary).toContain('no admin bypass')
    })

    it('lets administrators bypass when the policy allows it', () => {
      const r = run({ canAdminsBypass: null }, { adminBypass: true })
      expect(r.status).toBe('pass')
      expect(r.summary).not.toContain('admin bypass')
    })

    it('fails with a shorter wait timer than asked', () => {
      const r = run({ waitTimer: 5 }, { waitTimer: 10 })
      expect(r.status).toBe('fail')
      expect(r.problems).toEqual([
        `environment production waits 5 minutes before a deployment; the policy asks for 10: set "Wait timer" ${WHERE}`
      ])
    })
  })

  describe('when several settings fall short', () => {
    it('fails listing all of them', () => {
      const r = run(
        {
          deploymentBranchPolicy: null,
          reviewers: [],
          preventSelfReview: false,
          canAdminsBypass: true,
          waitTimer: 0
        },
        {
          requiredReviewers: 1,
          preventSelfReview: true,
          adminBypass: false,
          waitTimer: 1
        }
      )
      expect(r.status).toBe('fail')
      expect(r.summary).toBe(
        'environment production leaves a way around the gate'
      )
      expect(r.problems).toHaveLength(5)
      expect(r.problems[0]).toContain('accepts deployments from every branch')
      expect(r.problems[1]).toContain(
        'has 0 required reviewers; the policy asks for 1'
      )
      expect(r.problems[2]).toContain('"Prevent self-review"')
      expect(r.problems[3]).toContain('administrators can bypass')
      expect(r.problems[4]).toContain('waits 0 minutes')
      for (const p of r.problems) expect(p).toContain(ENVIRONMENT_SETTINGS_URL)
    })

    it('fails when one is definite and another could not be verified', () => {
      const r = run(
        { branchPolicies: anUnreadable('actions: read'), waitTimer: 0 },
        { waitTimer: 5 }
      )
      expect(r.status).toBe('fail')
      expect(r.summary).toBe(
        'environment production leaves a way around the gate'
      )
      expect(r.problems).toEqual([
        expect.stringContaining('the token needs `actions: read`'),
        expect.stringContaining('waits 0 minutes')
      ])
    })

    it('is an error when the only problem could not be verified', () => {
      const r = run({
        deploymentBranchPolicy: PROTECTED_ONLY,
        classicProtection: anUnreadable('administration: read')
      })
      expect(r.status).toBe('error')
      expect(r.summary).toBe(
        'the settings of environment production could not be verified'
      )
      expect(r.problems).toEqual([
        expect.stringContaining('the token needs `administration: read`')
      ])
    })
  })
})

describe('settingsProblems', () => {
  it('reports nothing for settings that meet the requirement', () => {
    expect(settingsProblems(anEnvironmentSettings(), want(), ['main'])).toEqual(
      { problems: [], failed: false, unverified: false }
    )
  })

  it('tells a definite gap from one it cannot verify', () => {
    expect(
      settingsProblems(
        anEnvironmentSettings({ deploymentBranchPolicy: null }),
        want(),
        ['main']
      )
    ).toEqual({
      problems: [expect.stringContaining('every branch')],
      failed: true,
      unverified: false
    })
    expect(
      settingsProblems(
        anEnvironmentSettings({ branchPolicies: null }),
        want(),
        ['main']
      )
    ).toEqual({
      problems: [expect.stringContaining('were not read')],
      failed: false,
      unverified: true
    })
  })
})

describe('withinBranches', () => {
  it.each<[string, string[], boolean]>([
    ['main', ['main'], true],
    ['main', ['develop', 'main'], true],
    ['main', ['ma*'], true],
    ['release/1.0', ['release/*'], true],
    ['release/v*', ['release/*'], true],
    ['release/v?', ['release/*'], true],
    ['release/v*', ['release/v*'], true],
    ['release/**', ['release/**'], true],
    ['release-1', ['release-?'], true],
    ['*', ['main'], false],
    ['*', ['*/*'], false],
    ['release/**', ['release/*'], false],
    ['release/*', ['release/**'], false],
    ['release/1.0', ['release/**'], false],
    ['release/*', ['main'], false],
    ['release/[0-9]', ['release/*'], false],
    ['{main,dev}', ['*'], false],
    ['!(main)', ['*'], false],
    ['feature', [], false],
    // a glob's own `?`, classes, escapes or negation match the pattern's `*`
    // as a character: the pattern admits more than the glob
    ['release-*', ['release-?'], false],
    ['*', ['?'], false],
    ['a*', ['[a]*'], false],
    ['*', ['[*]'], false],
    ['a*', ['a\\*'], false],
    ['*', ['!main'], false]
  ])('%s within %j: %s', (pattern, branches, expected) => {
    expect(withinBranches(pattern, branches)).toBe(expected)
  })

  describe('the pass summary for custom patterns', () => {
    it('says when no branch may deploy', () => {
      const r = run({ branchPolicies: [] })
      expect(r.status).toBe('pass')
      expect(r.summary).toMatch(/^environment production: no branch may deploy/)
    })

    it('says when the patterns were not read and the policy allows any branch', () => {
      const r = run(
        {
          branchPolicies: {
            unreadable: true,
            permission: 'actions: read',
            detail: '403'
          }
        },
        { deploymentBranches: 'any' }
      )
      expect(r.status).toBe('pass')
      expect(r.summary).toMatch(/custom branch patterns \(not read\)/)
    })
  })
})
