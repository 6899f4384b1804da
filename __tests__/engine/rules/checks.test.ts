import { describe, expect, it } from '@jest/globals'
import {
  OWN_STATUS_PREFIX,
  check,
  counted,
  failed,
  reliedOn,
  requiredChecks,
  succeeded
} from '../../../src/engine/rules/checks.js'
import type {
  BranchFact,
  CheckResultFact,
  CiResultsFact,
  Facts
} from '../../../src/engine/facts.js'
import type { CiRequirement } from '../../../src/engine/policy/types.js'
import {
  HEAD,
  NOW,
  SHA,
  aBranch,
  aCheckRun,
  aClassicProtection,
  aCommitStatus,
  aFacts,
  aRule,
  anEnvironmentPolicy,
  anUnreadable,
  sufficientRules,
  type EnvironmentPolicyOverrides
} from '../../../__fixtures__/facts.js'

/** the id of the current workflow run in aFacts() */
const CURRENT_RUN = 2002

const onCommit = (
  results: CheckResultFact[] | ReturnType<typeof anUnreadable>,
  pullRequestHead: CiResultsFact['pullRequestHead'] = null
): CiResultsFact => ({ commit: { sha: SHA, results }, pullRequestHead })

const onHead = (
  results: CheckResultFact[] | ReturnType<typeof anUnreadable>,
  sha = HEAD
): CiResultsFact['pullRequestHead'] => ({ sha, results, pullRequest: 12 })

const factsWith = (
  checks: CiResultsFact | null,
  overrides: Partial<Facts> = {}
): Facts => aFacts({ ciResults: checks, ...overrides })

const policyWith = (
  checks: Partial<CiRequirement> | false = {},
  overrides: EnvironmentPolicyOverrides = {}
) =>
  anEnvironmentPolicy({
    ciRequirement:
      checks === false
        ? false
        : { required: null, noFailures: true, ...checks },
    ...overrides
  })

const run = (
  checks: CiResultsFact | null,
  want: Partial<CiRequirement> | false = {},
  overrides: Partial<Facts> = {}
) => check(factsWith(checks, overrides), policyWith(want), NOW)

const withRequired = (...names: string[]): BranchFact =>
  aBranch({
    rules: [
      ...sufficientRules(),
      aRule('required_status_checks', { requiredStatusChecks: names })
    ]
  })

const link = (r: CheckResultFact) => ({
  kind: 'check',
  url: r.url,
  label: `${r.name}: ${r.state}`
})

describe('checks', () => {
  describe('when the policy turns it off', () => {
    it('is skipped, without looking at the checks', () => {
      const r = run(null, false)
      expect(r.status).toBe('skipped')
      expect(r.summary).toBe('test results are not checked (checks: false)')
      expect(r.problems).toEqual([])
      expect(reliedOn(factsWith(null), policyWith(false))).toEqual([])
    })
  })

  describe('when the checks were not read', () => {
    it('is an error', () => {
      const r = run(null)
      expect(r.status).toBe('error')
      expect(r.summary).toBe('the checks of a1b2c3d were not read')
      expect(r.problems).toEqual([
        'the checks of a1b2c3d were not read, so whether its tests passed cannot be verified'
      ])
    })
  })

  describe("when the commit's checks could not be read", () => {
    it('is an error naming the permission', () => {
      const r = run(onCommit(anUnreadable('checks: read', '403 Forbidden')))
      expect(r.status).toBe('error')
      expect(r.summary).toBe('the checks of a1b2c3d could not be read')
      expect(r.problems).toEqual([
        'the check runs and statuses of a1b2c3d could not be read (403 Forbidden): the token needs `checks: read`'
      ])
      expect(
        reliedOn(
          factsWith(onCommit(anUnreadable('checks: read'))),
          policyWith()
        )
      ).toEqual([])
    })
  })

  describe('when nothing is required', () => {
    it('passes when nothing failed', () => {
      const test = aCheckRun('test')
      const lint = aCommitStatus('lint')
      const r = run(onCommit([test, lint]))
      expect(r.status).toBe('pass')
      expect(r.summary).toBe(
        'a1b2c3d: no check is required and 2 checks and statuses show no failure'
      )
      expect(r.problems).toEqual([])
      expect(r.links).toEqual([])
      expect(r.controls).toContain('SOC 2 CC8.1')
    })

    it('passes a commit with no checks at all', () => {
      const r = run(onCommit([]))
      expect(r.status).toBe('pass')
      expect(r.summary).toBe(
        'a1b2c3d: no check is required and 0 checks and statuses show no failure'
      )
    })

    it('counts one check in the singular', () => {
      const r = run(onCommit([aCheckRun('test')]))
      expect(r.summary).toBe(
        'a1b2c3d: no check is required and 1 check and status show no failure'
      )
    })
  })

  describe('the required names', () => {
    it('come from the policy when it lists them', () => {
      const facts = factsWith(onCommit([]), { branches: [withRequired('ci')] })
      expect(
        requiredChecks(facts, policyWith({ required: ['build', 'test'] }))
      ).toEqual({ names: ['build', 'test'], source: 'the policy' })
    })

    it('are none when checks are off', () => {
      expect(requiredChecks(aFacts(), policyWith(false))).toEqual({
        names: [],
        source: 'off'
      })
    })

    it('come from the rulesets and classic protection of the branches holding the commit', () => {
      const facts = aFacts({
        branches: [
          aBranch({
            rules: [
              aRule('required_status_checks', {
                requiredStatusChecks: ['build', 'test']
              }),
              aRule('deletion')
            ],
            classic: aClassicProtection({
              requiredStatusChecks: ['test', 'lint']
            })
          }),
          aBranch({
            name: 'release/1',
            rules: [
              aRule('required_status_checks', {
                requiredStatusChecks: ['e2e']
              })
            ]
          }),
          aBranch({
            name: 'old',
            containsCommit: false,
            rules: [
              aRule('required_status_checks', {
                requiredStatusChecks: ['elsewhere']
              })
            ]
          }),
          aBranch({
            name: 'feature',
            rules: [
              aRule('required_status_checks', {
                requiredStatusChecks: ['unrelated']
              })
            ]
          })
        ]
      })
      expect(
        requiredChecks(
          facts,
          policyWith({}, { branches: ['main', 'release/*', 'old'] })
        )
      ).toEqual({
        names: ['build', 'test', 'lint', 'e2e'],
        source:
          "the required status checks of the branch's rules and protection"
      })
    })

    it.each<[string, Partial<BranchFact>, string[]]>([
      [
        'classic protection is null',
        {
          classic: null,
          visibleClassic: { pattern: 'main', requiredStatusChecks: ['ci'] }
        },
        ['ci']
      ],
      [
        'classic protection is unreadable',
        {
          classic: anUnreadable(),
          visibleClassic: { pattern: 'ma*', requiredStatusChecks: ['ci'] }
        },
        ['ci']
      ],
      [
        'GitHub showed no classic rule',
        { classic: anUnreadable(), visibleClassic: null },
        []
      ],
      [
        'there is no classic protection and it was not asked',
        { classic: null },
        []
      ]
    ])('come from the rule non-admins see when %s', (_case, branch, names) => {
      const facts = aFacts({ branches: [aBranch({ rules: [], ...branch })] })
      expect(requiredChecks(facts, policyWith())).toEqual({
        names,
        source: expect.any(String)
      })
    })

    it('ignore the rule non-admins see when classic protection was read', () => {
      const facts = aFacts({
        branches: [
          aBranch({
            classic: aClassicProtection({ requiredStatusChecks: ['build'] }),
            visibleClassic: { pattern: 'main', requiredStatusChecks: ['ci'] }
          })
        ]
      })
      expect(requiredChecks(facts, policyWith())).toMatchObject({
        names: ['build']
      })
    })

    it("are unknown when the branch's rules are unreadable", () => {
      const facts = aFacts({
        branches: [aBranch({ rules: anUnreadable('metadata: read') })]
      })
      expect(requiredChecks(facts, policyWith())).toEqual({
        unknown:
          'the rules of branch main could not be read, so its required checks are unknown (the token needs `metadata: read`); or list them in checks.required'
      })
    })

    it('are unknown when classic protection is unreadable and nothing else shows it', () => {
      const facts = aFacts({
        branches: [aBranch({ classic: anUnreadable('administration: read') })]
      })
      expect(requiredChecks(facts, policyWith())).toEqual({
        unknown:
          'the classic protection of branch main could not be read, so its required checks are unknown (the token needs `administration: read`); or list them in checks.required'
      })
    })
  })

  describe('when the required names are unknown', () => {
    it('is an error naming the permission', () => {
      const r = run(
        onCommit([aCheckRun('test')]),
        {},
        {
          branches: [aBranch({ classic: anUnreadable('administration: read') })]
        }
      )
      expect(r.status).toBe('error')
      expect(r.summary).toBe('the tests of a1b2c3d could not be verified')
      expect(r.problems).toEqual([
        expect.stringContaining('the token needs `administration: read`')
      ])
    })

    it('fails when something also failed', () => {
      const broken = aCheckRun('test', 'failure')
      const r = run(
        onCommit([broken]),
        {},
        {
          branches: [aBranch({ rules: anUnreadable('metadata: read') })]
        }
      )
      expect(r.status).toBe('fail')
      expect(r.summary).toBe('the tests of a1b2c3d did not all pass')
      expect(r.problems).toEqual([
        expect.stringContaining('the token needs `metadata: read`'),
        `check test on a1b2c3d ended in failure (${broken.url}): fix it and run it again before deploying`
      ])
    })
  })

  describe('a required check', () => {
    it('passes when it succeeded on the deployed commit, with a link to it', () => {
      const build = aCheckRun('build')
      const ci = aCommitStatus('ci/jenkins')
      const r = run(onCommit([build, ci, aCheckRun('other')]), {
        required: ['build', 'ci/jenkins']
      })
      expect(r.status).toBe('pass')
      expect(r.summary).toBe(
        'a1b2c3d: build and ci/jenkins succeeded and nothing failed'
      )
      expect(r.problems).toEqual([])
      expect(r.links).toEqual([link(build), link(ci)])
    })

    it('is found among the required status checks of the branch', () => {
      const r = run(
        onCommit([aCheckRun('build')]),
        {},
        {
          branches: [withRequired('build')]
        }
      )
      expect(r.status).toBe('pass')
      expect(r.summary).toBe('a1b2c3d: build succeeded and nothing failed')
    })

    it('does not claim "nothing failed" when failures are not checked', () => {
      const r = run(
        onCommit([aCheckRun('build'), aCheckRun('flaky', 'failure')]),
        { required: ['build'], noFailures: false }
      )
      expect(r.status).toBe('pass')
      expect(r.summary).toBe('a1b2c3d: build succeeded')
    })

    it.each(['neutral', 'skipped'])('counts %s as success', (state) => {
      const r = run(onCommit([aCheckRun('build', state)]), {
        required: ['build']
      })
      expect(r.status).toBe('pass')
      expect(r.links).toEqual([
        { kind: 'check', url: expect.any(String), label: `build: ${state}` }
      ])
    })

    it('links nothing for a result without a url', () => {
      const r = run(onCommit([aCommitStatus('ci', 'success', { url: null })]), {
        required: ['ci']
      })
      expect(r.status).toBe('pass')
      expect(r.links).toEqual([])
    })

    it('fails when it has not run, saying so', () => {
      const r = run(onCommit([aCheckRun('test')]), { required: ['build'] })
      expect(r.status).toBe('fail')
      expect(r.summary).toBe('the tests of a1b2c3d did not all pass')
      expect(r.problems).toEqual([
        "required check build has not run on a1b2c3d: run it, or correct the name in checks.required or the branch's required status checks"
      ])
    })

    it('fails when it has not run, the PR head being the deployed commit', () => {
      const r = run(onCommit([], onHead([aCheckRun('build')], SHA)), {
        required: ['build']
      })
      expect(r.status).toBe('fail')
      expect(r.problems).toEqual([
        expect.stringMatching(/^required check build has not run on a1b2c3d: /)
      ])
    })

    it.each(['failure', 'cancelled', 'timed_out'])(
      'fails when it ended in %s, naming the state',
      (state) => {
        const build = aCheckRun('build', state)
        const r = run(onCommit([build]), {
          required: ['build'],
          noFailures: false
        })
        expect(r.status).toBe('fail')
        expect(r.problems).toEqual([
          `required check build did not succeed on a1b2c3d: it is ${state}`
        ])
      }
    )

    it('fails when it is still in progress', () => {
      const r = run(onCommit([aCheckRun('build', 'in_progress')]), {
        required: ['build']
      })
      expect(r.status).toBe('fail')
      expect(r.problems).toEqual([
        'required check build did not succeed on a1b2c3d: it is in_progress'
      ])
    })

    it('fails on a pending commit status', () => {
      const r = run(onCommit([aCommitStatus('ci', 'pending')]), {
        required: ['ci']
      })
      expect(r.status).toBe('fail')
      expect(r.problems).toEqual([
        'required check ci did not succeed on a1b2c3d: it is pending'
      ])
    })

    it('names every state it is in', () => {
      const r = run(
        onCommit([
          aCheckRun('build', 'failure'),
          aCommitStatus('build', 'pending')
        ]),
        { required: ['build'], noFailures: false }
      )
      expect(r.problems).toEqual([
        'required check build did not succeed on a1b2c3d: it is failure and pending'
      ])
    })

    it("passes when it succeeded on the pull request's final head only, relying on it", () => {
      const build = aCheckRun('build', 'success', { workflowRunId: 900 })
      const checks = onCommit([aCheckRun('test')], onHead([build]))
      const r = run(checks, { required: ['build'] })
      expect(r.status).toBe('pass')
      expect(r.summary).toBe('a1b2c3d: build succeeded and nothing failed')
      expect(r.links).toEqual([link(build)])
      expect(
        reliedOn(factsWith(checks), policyWith({ required: ['build'] }))
      ).toEqual([
        { sha: SHA, result: aCheckRun('test') },
        { sha: HEAD, result: build }
      ])
    })

    it("fails when it did not run on the commit and failed on the PR's final head", () => {
      const r = run(onCommit([], onHead([aCheckRun('build', 'failure')])), {
        required: ['build']
      })
      expect(r.status).toBe('fail')
      expect(r.problems).toEqual([
        "required check build did not succeed on a1b2c3d or on PR #12's final head: it is failure"
      ])
    })

    it("fails when it ran neither on the commit nor on the PR's final head", () => {
      const r = run(onCommit([], onHead([aCheckRun('lint')])), {
        required: ['build']
      })
      expect(r.status).toBe('fail')
      expect(r.problems).toEqual([
        "required check build has not run on a1b2c3d nor on PR #12's final head: run it, or correct the name in checks.required or the branch's required status checks"
      ])
    })

    it("is an error when the PR's final head could not be read", () => {
      const r = run(
        onCommit(
          [aCheckRun('build', 'in_progress')],
          onHead(anUnreadable('checks: read'))
        ),
        { required: ['build'] }
      )
      expect(r.status).toBe('error')
      expect(r.summary).toBe('the tests of a1b2c3d could not be verified')
      expect(r.problems).toEqual([
        "required check build did not succeed on a1b2c3d, and the checks of PR #12's final head 5d6e7f8 could not be read (the token needs `checks: read`)"
      ])
    })

    it("does not read the PR's final head when the commit has it", () => {
      const r = run(
        onCommit([aCheckRun('build')], onHead(anUnreadable('checks: read'))),
        { required: ['build'] }
      )
      expect(r.status).toBe('pass')
    })

    it('is never satisfied by a job of the current run', () => {
      const mine = aCheckRun('build', 'success', {
        workflowRunId: CURRENT_RUN
      })
      const r = run(onCommit([mine], onHead([mine])), { required: ['build'] })
      expect(r.status).toBe('fail')
      expect(r.problems).toEqual([
        expect.stringContaining('required check build has not run on a1b2c3d')
      ])
      expect(r.links).toEqual([])
    })

    it("is never satisfied by the gate's own status", () => {
      const own = aCommitStatus(`${OWN_STATUS_PREFIX}staging`)
      const r = run(onCommit([own], onHead([own])), {
        required: [`${OWN_STATUS_PREFIX}staging`]
      })
      expect(r.status).toBe('fail')
      expect(r.problems).toEqual([
        expect.stringContaining(
          'required check promotion-gate/staging has not run on a1b2c3d'
        )
      ])
    })

    it('lists every required check that is missing', () => {
      const r = run(onCommit([aCheckRun('build')]), {
        required: ['build', 'test', 'lint']
      })
      expect(r.status).toBe('fail')
      expect(r.problems).toEqual([
        expect.stringContaining('required check test has not run'),
        expect.stringContaining('required check lint has not run')
      ])
    })
  })

  describe('no_failures', () => {
    it.each([
      'failure',
      'error',
      'timed_out',
      'cancelled',
      'action_required',
      'startup_failure'
    ])('fails on a check run that ended in %s', (state) => {
      const bad = aCheckRun('deploy-preview', state)
      const r = run(onCommit([aCheckRun('test'), bad]))
      expect(r.status).toBe('fail')
      expect(r.summary).toBe('the tests of a1b2c3d did not all pass')
      expect(r.problems).toEqual([
        `check deploy-preview on a1b2c3d ended in ${state} (${bad.url}): fix it and run it again before deploying`
      ])
      expect(r.links).toEqual([link(bad)])
    })

    it.each(['failure', 'error'])(
      'fails on a commit status from another context in %s',
      (state) => {
        const bad = aCommitStatus('ci/jenkins', state)
        const r = run(onCommit([bad]))
        expect(r.status).toBe('fail')
        expect(r.problems).toEqual([
          `status ci/jenkins on a1b2c3d ended in ${state} (https://ci.example.com/ci/jenkins): fix it and run it again before deploying`
        ])
      }
    )

    it('leaves the url out when there is none', () => {
      const r = run(onCommit([aCheckRun('x', 'failure', { url: null })]))
      expect(r.problems).toEqual([
        'check x on a1b2c3d ended in failure: fix it and run it again before deploying'
      ])
      expect(r.links).toEqual([])
    })

    it.each([
      'success',
      'neutral',
      'skipped',
      'stale',
      'in_progress',
      'pending'
    ])('does not count %s as a failure', (state) => {
      const r = run(onCommit([aCheckRun('x', state)]))
      expect(r.status).toBe('pass')
    })

    it("ignores the current run's jobs and the gate's own status", () => {
      const r = run(
        onCommit([
          aCheckRun('deploy', 'failure', { workflowRunId: CURRENT_RUN }),
          aCommitStatus(`${OWN_STATUS_PREFIX}production`, 'failure'),
          aCommitStatus(`${OWN_STATUS_PREFIX}staging`, 'error')
        ])
      )
      expect(r.status).toBe('pass')
      expect(r.summary).toBe(
        'a1b2c3d: no check is required and 0 checks and statuses show no failure'
      )
    })

    it('counts a check run named like the gate', () => {
      const r = run(
        onCommit([aCheckRun(`${OWN_STATUS_PREFIX}production`, 'failure')])
      )
      expect(r.status).toBe('fail')
    })

    it('ignores failures when off', () => {
      const r = run(
        onCommit([aCheckRun('flaky', 'failure'), aCommitStatus('ci', 'error')]),
        { noFailures: false }
      )
      expect(r.status).toBe('pass')
      expect(r.summary).toBe(
        'a1b2c3d: no check is required and 2 checks and statuses show no failure'
      )
      expect(r.problems).toEqual([])
    })

    it('adds failures to missing required checks', () => {
      const r = run(onCommit([aCheckRun('lint', 'failure')]), {
        required: ['build']
      })
      expect(r.status).toBe('fail')
      expect(r.problems).toEqual([
        expect.stringContaining('required check build has not run'),
        expect.stringContaining('check lint on a1b2c3d ended in failure')
      ])
    })

    it('fails a required check that succeeded on the PR head but failed on the commit', () => {
      const r = run(
        onCommit([aCheckRun('build', 'failure')], onHead([aCheckRun('build')])),
        { required: ['build'] }
      )
      expect(r.status).toBe('fail')
      expect(r.problems).toEqual([
        expect.stringContaining('check build on a1b2c3d ended in failure')
      ])
    })
  })
})

describe('counted', () => {
  it("drops the current run's jobs and the gate's own statuses", () => {
    const kept = [
      aCheckRun('test'),
      aCommitStatus('ci'),
      aCheckRun(`${OWN_STATUS_PREFIX}x`),
      aCommitStatus('promotion-gate')
    ]
    const results = [
      ...kept,
      aCheckRun('deploy', 'in_progress', { workflowRunId: CURRENT_RUN }),
      aCommitStatus(`${OWN_STATUS_PREFIX}production`)
    ]
    expect(counted(results, CURRENT_RUN)).toEqual(kept)
  })

  it('keeps every job when there is no current run', () => {
    const job = aCheckRun('deploy', 'success', { workflowRunId: null })
    expect(counted([job], null)).toEqual([job])
    expect(counted([aCheckRun('test')], null)).toHaveLength(1)
  })
})

describe('succeeded and failed', () => {
  it.each<[string, boolean, boolean]>([
    ['success', true, false],
    ['neutral', true, false],
    ['skipped', true, false],
    ['failure', false, true],
    ['error', false, true],
    ['timed_out', false, true],
    ['cancelled', false, true],
    ['action_required', false, true],
    ['startup_failure', false, true],
    ['stale', false, false],
    ['in_progress', false, false]
  ])('%s: succeeded %s, failed %s', (state, ok, bad) => {
    const r = aCheckRun('x', state)
    expect(succeeded(r)).toBe(ok)
    expect(failed(r)).toBe(bad)
  })

  it('counts neither while not completed', () => {
    const r = aCheckRun('x', 'success', { completed: false })
    expect(succeeded(r)).toBe(false)
    expect(failed({ ...r, state: 'failure' })).toBe(false)
  })
})

describe('reliedOn', () => {
  it('returns the counted results of the commit with its sha', () => {
    const test = aCheckRun('test')
    const ci = aCommitStatus('ci', 'failure')
    const facts = factsWith(
      onCommit([
        test,
        ci,
        aCheckRun('deploy', 'in_progress', { workflowRunId: CURRENT_RUN })
      ])
    )
    expect(reliedOn(facts, policyWith())).toEqual([
      { sha: SHA, result: test },
      { sha: SHA, result: ci }
    ])
  })

  it("adds the required ones found on the PR's final head, with its sha", () => {
    const build = aCheckRun('build')
    const other = aCheckRun('other')
    const facts = factsWith(
      onCommit([aCheckRun('test')], onHead([build, other]))
    )
    expect(
      reliedOn(facts, policyWith({ required: ['build', 'test'] }))
    ).toEqual([
      { sha: SHA, result: aCheckRun('test') },
      { sha: HEAD, result: build }
    ])
  })

  describe('several runs of one check on the commit', () => {
    const older = (state: string) =>
      aCheckRun('build', state, {
        at: '2024-05-01T07:00:00Z',
        workflowRunId: 900
      })
    const newer = (state: string) =>
      aCheckRun('build', state, {
        at: '2024-05-01T09:00:00Z',
        workflowRunId: 901
      })

    it('counts the latest run by the same app: a later success supersedes a failure', () => {
      const r = run(onCommit([older('failure'), newer('success')]), {
        required: ['build']
      })
      expect(r.status).toBe('pass')
    })

    it('and a later failure outweighs an earlier success', () => {
      const r = run(onCommit([newer('failure'), older('success')]), {
        required: ['build']
      })
      expect(r.status).toBe('fail')
      expect(r.problems.join('\n')).toMatch(
        /build did not succeed on a1b2c3d: it is failure/
      )
    })

    it('keeps runs of the same name by different apps apart', () => {
      const r = run(
        onCommit([
          newer('success'),
          older('failure'),
          aCheckRun('build', 'failure', { by: 'other-ci', at: null })
        ]),
        { required: ['build'] }
      )
      expect(r.status).toBe('fail')
      expect(r.problems).toHaveLength(1)
      expect(r.problems[0]).toMatch(/check build on a1b2c3d ended in failure/)
    })
  })
})
