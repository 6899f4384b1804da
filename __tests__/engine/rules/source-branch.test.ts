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
