// SPEC §5.9: a required check pinned to an app counts only from that app;
// pinned to GitHub Actions, only from the check run of a workflow job.
import { describe, expect, it } from '@jest/globals'
import { check } from '../../../src/engine/rules/checks.js'
import { fromPinned, pinsOf } from '../../../src/engine/rules/pinned-checks.js'
import type {
  BranchFact,
  CheckResultFact,
  CiResultsFact
} from '../../../src/engine/facts.js'
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
  sufficientRules
} from '../../../__fixtures__/facts.js'

const ACTIONS = 15368

/** A branch whose ruleset requires `test`, pinned to `app`. */
const pinnedBranch = (app = ACTIONS): BranchFact =>
  aBranch({
    rules: [
      ...sufficientRules(),
      aRule('required_status_checks', {
        requiredStatusChecks: ['test'],
        pinnedChecks: [{ context: 'test', appId: app }]
      })
    ]
  })

const job = (overrides: Partial<CheckResultFact> = {}): CheckResultFact =>
  aCheckRun('test', 'success', { appId: ACTIONS, job: true, ...overrides })

const run = (
  results: CheckResultFact[],
  o: {
    branch?: BranchFact
    head?: CiResultsFact['pullRequestHead']
    required?: string[] | null
  } = {}
) =>
  check(
    aFacts({
      branches: [o.branch ?? pinnedBranch()],
      ciResults: {
        commit: { sha: SHA, results },
        pullRequestHead: o.head ?? null
      }
    }),
    anEnvironmentPolicy({
      ciRequirement: { required: o.required ?? null, noFailures: true }
    }),
    NOW
  )

describe('a required check pinned to GitHub Actions', () => {
  it('passes on the check run of a workflow job', () => {
    const r = run([job()])
    expect(r.status).toBe('pass')
    expect(r.summary).toBe('a1b2c3d: test succeeded and nothing failed')
  })

  it('fails on a commit status of the same name, naming who posted it', () => {
    const r = run([aCommitStatus('test', 'success', { by: 'mallory' })])
    expect(r.status).toBe('fail')
    expect(r.problems).toEqual([
      "the required check `test` must come from GitHub Actions (a workflow job); the result on a1b2c3d is a commit status posted by mallory: run `test` as a job of a workflow on a1b2c3d (a status or a check run posted through the API by any token does not count), or change the required check's source in the ruleset or branch protection"
    ])
  })

  it('fails on a check run of GitHub Actions created through the Checks API', () => {
    const r = run([job({ job: false })])
    expect(r.status).toBe('fail')
    expect(r.problems[0]).toContain(
      'the result on a1b2c3d is a check run created through the Checks API (no workflow job behind it)'
    )
  })

  it('fails on a check run of another app', () => {
    const r = run([job({ appId: 99, by: 'other-ci', job: undefined })])
    expect(r.status).toBe('fail')
    expect(r.problems[0]).toContain(
      'is a check run of the app other-ci (id 99)'
    )
  })

  it('is an error when whether the check run is a job could not be learned', () => {
    const r = run([job({ job: anUnreadable('checks: read', 'Forbidden') })])
    expect(r.status).toBe('error')
    expect(r.problems).toEqual([
      'cannot tell whether the success of required check `test` comes from GitHub Actions (a workflow job): Forbidden (the token needs `checks: read`)'
    ])
  })

  it('is an error when nobody asked whether it is a job', () => {
    expect(run([job({ job: undefined })]).status).toBe('error')
  })

  it("passes on the job of the pull request's final head, not on a status of the deployed commit", () => {
    const r = run([aCommitStatus('test')], {
      head: { sha: HEAD, pullRequest: 12, results: [job()] }
    })
    expect(r.status).toBe('pass')
  })

  it('fails naming both commits when neither has a job', () => {
    const r = run([], {
      head: { sha: HEAD, pullRequest: 12, results: [aCommitStatus('test')] }
    })
    expect(r.status).toBe('fail')
    expect(r.problems[0]).toContain("on a1b2c3d or PR #12's final head")
  })

  it('applies the pin to a name the policy lists itself', () => {
    expect(run([aCommitStatus('test')], { required: ['test'] }).status).toBe(
      'fail'
    )
  })

  it('still reports a check that never ran as not run', () => {
    const r = run([])
    expect(r.status).toBe('fail')
    expect(r.problems[0]).toMatch(/required check test has not run on a1b2c3d/)
  })
})

describe('a required check pinned to another app', () => {
  it('passes on that app only', () => {
    const branch = pinnedBranch(42)
    expect(
      run([aCheckRun('test', 'success', { appId: 42 })], { branch }).status
    ).toBe('pass')
    const r = run([job()], { branch })
    expect(r.status).toBe('fail')
    expect(r.problems[0]).toContain(
      'must come from the GitHub App with id 42; the result on a1b2c3d is a check run of the app github-actions (id 15368): have that app report `test` on a1b2c3d'
    )
  })
})

describe('what a result that does not satisfy a pin is, in words', () => {
  it('names a status by an account GitHub no longer knows, and a check run of an app it cannot name', () => {
    const status = run([aCommitStatus('test', 'success', { by: null })])
    expect(status.problems[0]).toContain(
      'the result on a1b2c3d is a commit status posted by an unknown account'
    )
    const branch = pinnedBranch(42)
    const nameless = run(
      [aCheckRun('test', 'success', { by: null, appId: null })],
      { branch }
    )
    expect(nameless.problems[0]).toContain(
      'the result on a1b2c3d is a check run of an unknown app: have that app report `test`'
    )
  })

  it("says where the results ran when they are on the pull request's final head", () => {
    const r = run([], {
      head: {
        sha: HEAD,
        pullRequest: 7,
        results: [aCommitStatus('test', 'success')]
      }
    })
    expect(r.status).toBe('fail')
    expect(r.problems[0]).toContain(
      "the result on a1b2c3d or PR #7's final head is a commit status posted by ci-bot"
    )
  })
})

describe('an unpinned required check', () => {
  it('is satisfied by a commit status, as before', () => {
    const branch = aBranch({
      rules: [
        ...sufficientRules(),
        aRule('required_status_checks', { requiredStatusChecks: ['test'] })
      ]
    })
    expect(run([aCommitStatus('test')], { branch }).status).toBe('pass')
  })
})

describe('pinsOf', () => {
  it('reads pins from rulesets and classic protection of branches holding the commit', () => {
    const facts = aFacts({
      branches: [
        aBranch({
          rules: [
            aRule('required_status_checks', {
              requiredStatusChecks: ['test', 'lint'],
              pinnedChecks: [{ context: 'test', appId: ACTIONS }]
            })
          ],
          classic: aClassicProtection({
            requiredStatusChecks: ['test', 'e2e'],
            pinnedChecks: [
              { context: 'test', appId: ACTIONS },
              { context: 'e2e', appId: 7 }
            ]
          })
        }),
        aBranch({
          name: 'release/1',
          containsCommit: false,
          rules: [
            aRule('required_status_checks', {
              requiredStatusChecks: ['x'],
              pinnedChecks: [{ context: 'x', appId: 3 }]
            })
          ]
        })
      ]
    })
    const pins = pinsOf(facts, anEnvironmentPolicy({ branches: ['**'] }))
    expect(Object.fromEntries(pins)).toEqual({ test: [ACTIONS], e2e: [7] })
  })

  it('reads none from unreadable rules or protection', () => {
    const facts = aFacts({
      branches: [aBranch({ rules: anUnreadable(), classic: anUnreadable() })]
    })
    expect(pinsOf(facts, anEnvironmentPolicy()).size).toBe(0)
  })
})

describe('fromPinned', () => {
  it('accepts anything when nothing is pinned, and needs every pinned app', () => {
    expect(fromPinned(aCommitStatus('test'), [])).toBe(true)
    expect(fromPinned(job(), [ACTIONS, 42])).toBe(false)
  })
})
