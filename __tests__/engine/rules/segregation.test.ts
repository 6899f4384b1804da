import { describe, expect, it } from '@jest/globals'
import { check } from '../../../src/engine/rules/segregation.js'
import type { ChangeFact } from '../../../src/engine/facts.js'
import {
  NOW,
  aChange,
  aCommit,
  aDirectPush,
  aFacts,
  aPullRequest,
  anActor,
  anEnvironmentPolicy,
  anIdentity,
  sha,
  type EnvironmentPolicyOverrides
} from '../../../__fixtures__/facts.js'

const C1 = sha('c1c1c1c')
const byCommit = (commit: Parameters<typeof aCommit>[0]): ChangeFact =>
  aChange({
    pullRequest: aPullRequest({ commits: [aCommit({ oid: C1, ...commit })] })
  })

/** A run `deployer` started by hand (workflow_dispatch), unless `event` says otherwise. */
const run = (
  changes: ChangeFact[],
  deployer: string | null = 'dave',
  policy: EnvironmentPolicyOverrides = {},
  event = 'workflow_dispatch'
) =>
  check(
    aFacts({
      changes,
      deployer,
      run: {
        ...aFacts().run,
        actor: deployer,
        triggeringActor: deployer,
        event
      }
    }),
    anEnvironmentPolicy({ deployerIndependent: true, ...policy }),
    NOW
  )

/** The run `actor` started; `triggeringActor` started its current attempt. */
const rerun = (
  changes: ChangeFact[],
  actor: string | null,
  triggeringActor: string | null
) =>
  check(
    aFacts({
      changes,
      deployer: triggeringActor ?? actor,
      run: { ...aFacts().run, actor, triggeringActor }
    }),
    anEnvironmentPolicy({ deployerIndependent: true }),
    NOW
  )

describe('segregation', () => {
  describe('when the deployer need not be independent', () => {
    it('is skipped', () => {
      const r = run([aChange()], 'alice', { deployerIndependent: false })
      expect(r.status).toBe('skipped')
      expect(r.summary).toContain('deployer_independent: false')
    })
  })

  describe('when the deployer is unknown', () => {
    it('is an error', () => {
      const r = run([aChange()], null)
      expect(r.status).toBe('error')
      expect(r.summary).toBe('the deployer is unknown')
      expect(r.problems[0]).toContain('cannot be verified')
    })
  })

  describe('when the deployer made none of the changes', () => {
    it('passes', () => {
      const r = run([aChange(), aDirectPush('ops')])
      expect(r.status).toBe('pass')
      expect(r.summary).toBe('dave made none of the changes in scope')
      expect(r.controls).toContain('NIST SP 800-53 AC-5')
    })
  })

  describe.each<[string, ChangeFact[], string | null, string, string]>([
    [
      'is the pull request author',
      [aChange()],
      'Alice',
      'Alice deployed PR #12 but is the author of PR #12 and 5d6e7f8 and the committer of 5d6e7f8: ask someone who made none of the changes to deploy to production',
      'pull_request'
    ],
    [
      'is a commit author',
      [byCommit({ author: anIdentity('dave') })],
      'dave',
      'dave deployed PR #12 but is the author of c1c1c1c',
      'pull_request'
    ],
    [
      'is a committer',
      [byCommit({ committer: anIdentity('dave') })],
      'dave',
      'dave deployed PR #12 but is the committer of c1c1c1c',
      'pull_request'
    ],
    [
      'is a co-author (even when co-authors may approve)',
      [byCommit({ coAuthors: [anIdentity('dave')] })],
      'dave',
      'dave deployed PR #12 but is a co-author of c1c1c1c',
      'pull_request'
    ],
    [
      'pushed a change directly',
      [aChange(), aDirectPush('dave', { oid: sha('d1d1d1d') })],
      'dave',
      'dave deployed the direct push d1d1d1d but is the author of d1d1d1d and the committer of d1d1d1d',
      'commit'
    ]
  ])('when the deployer %s', (_case, changes, deployer, problem, kind) => {
    it('fails naming the change', () => {
      const r = run(changes, deployer, {
        approvals: { independentOf: ['author'] }
      })
      expect(r.status).toBe('fail')
      expect(r.summary).toBe(`${deployer} deployed changes they made`)
      expect(r.problems).toEqual([expect.stringContaining(problem)])
      expect(r.links.map((l) => l.kind)).toEqual([kind])
    })
  })

  describe('when a push deploys', () => {
    it('names the merge as what made the maker the deployer, and the way out', () => {
      const r = run([aChange()], 'alice', {}, 'push')
      expect(r.status).toBe('fail')
      expect(r.problems).toEqual([
        'alice merged or pushed, and so deployed, PR #12 but is the author of PR #12 and 5d6e7f8 and the committer of 5d6e7f8: a push deploys as whoever merged or pushed it, and a re-run still does: someone who made none of the changes must start a new run to deploy to production (for example with workflow_dispatch); next time, let the reviewer merge'
      ])
    })

    it('passes when the reviewer merged', () => {
      expect(run([aChange()], 'bob', {}, 'push').status).toBe('pass')
    })
  })

  describe('when the same pull request brought several changes', () => {
    it('names it once', () => {
      const change = aChange({
        pullRequest: aPullRequest({ author: anActor('dave') })
      })
      const r = run([
        change,
        { ...change, commit: aCommit({ oid: sha('b2') }) }
      ])
      expect(r.problems).toHaveLength(1)
    })
  })
})

describe('segregation of a re-run', () => {
  it('blocks the maker who started the run someone else re-ran', () => {
    const r = rerun([aChange()], 'alice', 'dora')
    expect(r.status).toBe('fail')
    expect(r.summary).toBe('alice deployed changes they made')
    expect(r.problems).toEqual([
      'alice started the run (github.actor) that dora re-ran to deploy PR #12 but is the author of PR #12 and 5d6e7f8 and the committer of 5d6e7f8: a re-run keeps the privileges of whoever started the run, so someone who made none of the changes must start a new run to deploy to production'
    ])
    expect(r.links.map((l) => l.label)).toEqual(['PR #12'])
  })

  it('blocks the maker who re-ran a run someone else started', () => {
    const r = rerun([aChange()], 'dora', 'alice')
    expect(r.problems).toEqual([
      'alice re-ran the run that deploys PR #12 but is the author of PR #12 and 5d6e7f8 and the committer of 5d6e7f8: ask someone who made none of the changes to deploy to production'
    ])
  })

  it('names both when both made the change, and links it once', () => {
    const change = aChange({
      pullRequest: aPullRequest({
        commits: [aCommit({ oid: C1, author: anIdentity('dora') })]
      })
    })
    const r = rerun([change], 'alice', 'dora')
    expect(r.summary).toBe('alice and dora deployed changes they made')
    expect(r.problems).toHaveLength(2)
    expect(r.links).toHaveLength(1)
  })

  it('passes when neither made a change, naming both', () => {
    const r = rerun([aChange()], 'dora', 'erin')
    expect(r.status).toBe('pass')
    expect(r.summary).toBe('dora and erin made none of the changes in scope')
  })

  it('knows the deployer from the run alone', () => {
    expect(rerun([aChange()], 'alice', null).status).toBe('fail')
    expect(rerun([aChange()], null, null).status).toBe('error')
  })
})
