import { describe, expect, it } from '@jest/globals'
import { check } from '../../../src/engine/rules/source-branch.js'
import type { BranchFact } from '../../../src/engine/facts.js'
import {
  NOW,
  aBranch,
  aFacts,
  anEnvironmentPolicy
} from '../../../__fixtures__/facts.js'

const run = (branches: BranchFact[], globs = ['main', 'release/*']) =>
  check(aFacts({ branches }), anEnvironmentPolicy({ branches: globs }), NOW)

describe('source-branch', () => {
  describe.each<[string, BranchFact[], string]>([
    ['main holds the commit', [aBranch()], 'a1b2c3d is on main'],
    [
      'a release branch holds it',
      [
        aBranch({ containsCommit: false }),
        aBranch({ name: 'release/1.2', containsCommit: true })
      ],
      'a1b2c3d is on release/1.2'
    ]
  ])('when %s', (_case, branches, summary) => {
    it('passes', () => {
      const r = run(branches)
      expect(r.status).toBe('pass')
      expect(r.summary).toBe(summary)
      expect(r.links).toEqual([
        {
          kind: 'commit',
          url: expect.stringContaining('/commit/a1b2c3d'),
          label: 'commit a1b2c3d'
        }
      ])
      expect(r.controls).toContain('SOC 2 CC8.1')
    })
  })

  describe.each<[string, BranchFact[], string]>([
    [
      'the policy branches do not hold the commit',
      [
        aBranch({ containsCommit: false }),
        aBranch({ name: 'release/1.2', containsCommit: false })
      ],
      'a1b2c3d is not contained in main or release/1.2: merge it into one of them (through a pull request) before deploying it to production'
    ],
    [
      'only a branch outside the policy holds the commit',
      [aBranch({ name: 'feature/x' })],
      'no branch of the repository matches main or release/*, so a1b2c3d cannot come from one'
    ],
    [
      'no branch exists',
      [],
      'no branch of the repository matches main or release/*'
    ]
  ])('when %s', (_case, branches, problem) => {
    it('fails naming the branches', () => {
      const r = run(branches)
      expect(r.status).toBe('fail')
      expect(r.summary).toBe('a1b2c3d is not on main or release/*')
      expect(r.problems).toHaveLength(1)
      expect(r.problems[0]).toContain(problem)
    })
  })
})

describe('source-branch: allowed_events', () => {
  const withEvent = (
    event: string | null,
    o: { id?: number | null; allowed?: string[]; branches?: BranchFact[] } = {}
  ) =>
    check(
      aFacts({
        branches: o.branches ?? [aBranch()],
        run: {
          ...aFacts().run,
          id: o.id === undefined ? 2002 : o.id,
          event
        }
      }),
      anEnvironmentPolicy(
        o.allowed === undefined ? {} : { allowedEvents: o.allowed }
      ),
      NOW
    )

  it.each([
    'push',
    'workflow_dispatch',
    'deployment',
    'release',
    'schedule',
    'merge_group',
    'repository_dispatch'
  ])('passes a run triggered by %s (a default)', (event) => {
    const r = withEvent(event)
    expect(r.status).toBe('pass')
    expect(r.summary).toBe('a1b2c3d is on main')
  })

  it.each<[string, string]>([
    [
      'pull_request_target',
      "since 2025-12 GitHub checks the environment's branch rules of such a run against the default branch"
    ],
    ['pull_request', 'it runs for a change nobody merged'],
    ['issue_comment', 'anyone who may comment can trigger it'],
    ['workflow_run', 'it runs for whatever run triggered it'],
    ['watch', 'does not list']
  ])('fails a run triggered by %s, saying why', (event, why) => {
    const r = withEvent(event)
    expect(r.status).toBe('fail')
    expect(r.summary).toBe(
      `a run triggered by ${event} may not deploy to production`
    )
    expect(r.problems).toHaveLength(1)
    expect(r.problems[0]).toContain(
      `run 2002 was triggered by \`${event}\`, which \`allowed_events\` for production does not list (push, workflow_dispatch,`
    )
    expect(r.problems[0]).toContain(why)
    expect(r.problems[0]).toContain(
      `or add \`${event}\` to \`allowed_events\` of production`
    )
  })

  it('passes an event the policy lists', () => {
    expect(
      withEvent('pull_request_target', {
        allowed: ['push', 'pull_request_target']
      }).status
    ).toBe('pass')
  })

  it('reports both a foreign branch and a refused event', () => {
    const r = withEvent('issue_comment', {
      branches: [aBranch({ containsCommit: false })]
    })
    expect(r.status).toBe('fail')
    expect(r.summary).toBe('a1b2c3d is not on main')
    expect(r.problems).toHaveLength(2)
  })

  it('is an error when the run is known but not what triggered it', () => {
    const r = withEvent(null)
    expect(r.status).toBe('error')
    expect(r.summary).toBe(
      'could not tell what triggered the run deploying a1b2c3d'
    )
    expect(r.problems[0]).toContain(
      'what triggered run 2002 is not known, so whether `allowed_events`'
    )
  })

  it('says so when there is no run at all (the CLI outside Actions)', () => {
    const r = withEvent(null, { id: null })
    expect(r.status).toBe('pass')
    expect(r.summary).toBe(
      'a1b2c3d is on main; no workflow run, so no triggering event to check'
    )
  })
})
