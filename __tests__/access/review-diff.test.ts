// reviewAccess on matrices built by hand: the cases two simulator states do
// not reach (unreadable lists, bypass modes changed, approvals lowered).
import { describe, expect, it } from '@jest/globals'
import { needsAttention, reviewAccess } from '../../src/access/review.js'
import type {
  AccessMatrix,
  BranchAccess,
  EnvironmentAccess
} from '../../src/engine/index.js'

function environment(o: Partial<EnvironmentAccess> = {}): EnvironmentAccess {
  return {
    name: 'production',
    exists: true,
    url: null,
    deploymentBranches: ['main'],
    reviewers: [{ type: 'Team', name: 'acme/sre', members: ['carol', 'dan'] }],
    preventSelfReview: true,
    adminBypass: false,
    waitTimer: 30,
    customRules: ['soak-check'],
    gaps: [],
    ...o
  }
}

function branch(o: Partial<BranchAccess> = {}): BranchAccess {
  return {
    name: 'main',
    exists: true,
    requiredApprovals: 1,
    protectedBy: ['ruleset "protect main" (1)'],
    bypassActors: ['Team 7 (pull_request)', 'repository role admin (always)'],
    adminsBypass: false,
    gaps: [],
    ...o
  }
}

function matrix(o: Partial<AccessMatrix> = {}): AccessMatrix {
  return {
    repository: 'acme/shop',
    generatedAt: '2026-10-01T00:00:00.000Z',
    environments: [],
    branches: [branch()],
    writers: [{ login: 'alice', type: 'User', role: 'write' }],
    writerTeams: [],
    gaps: [],
    ...o
  }
}

const said = (before: AccessMatrix, after: AccessMatrix): string[] =>
  reviewAccess(before, after).changes.map(
    (c) => `${c.subject} | ${c.direction} | ${c.what}`
  )

describe('reviewAccess', () => {
  it('finds nothing between a matrix and itself, and needs no attention', () => {
    const review = reviewAccess(matrix(), matrix())
    expect(review.changes).toEqual([])
    expect(needsAttention(review)).toBe(false)
  })

  it('weighs bypass modes: exempt over always over pull_request', () => {
    const after = matrix({
      branches: [
        branch({
          bypassActors: [
            'Team 7 (exempt)',
            'repository role admin (pull_request)'
          ]
        })
      ]
    })
    expect(said(matrix(), after)).toEqual([
      'branch main | weakened | bypass actor Team 7: pull_request → exempt',
      'branch main | strengthened | bypass actor repository role admin: always → pull_request'
    ])
  })

  it('flags approvals lowered and administrators let through', () => {
    const after = matrix({
      branches: [branch({ requiredApprovals: 0, adminsBypass: true })]
    })
    expect(said(matrix(), after)).toEqual([
      'branch main | weakened | required approvals: 1 → 0',
      'branch main | weakened | administrators bypass the protection: false → true'
    ])
  })

  it('says what could not be compared, and counts it as needing attention', () => {
    const unread = {
      unreadable: true as const,
      permission: 'administration: read',
      detail: 'x'
    }
    const review = reviewAccess(matrix({ writers: unread }), matrix())
    expect(review.changes).toEqual([
      {
        subject: 'repository acme/shop',
        direction: 'unknown',
        what: 'people with write, maintain or admin: could not be read in the baseline (needs administration: read), so it cannot be compared'
      }
    ])
    expect(needsAttention(review)).toBe(true)
  })

  it('only strengthening needs no attention; a new gap does', () => {
    const tighter = reviewAccess(matrix(), matrix({ writers: [], gaps: [] }))
    expect(tighter.changes.map((c) => c.direction)).toEqual(['strengthened'])
    expect(needsAttention(tighter)).toBe(false)
    const gap = reviewAccess(matrix(), matrix({ gaps: ['branch main: open'] }))
    expect(gap.newGaps).toEqual(['branch main: open'])
    expect(needsAttention(gap)).toBe(true)
  })

  it('compares an environment field by field: patterns, team members, custom rules, existence', () => {
    const before = matrix({ environments: [environment()] })
    const after = matrix({
      environments: [
        environment({
          deploymentBranches: ['main', 'release/*'],
          reviewers: [
            { type: 'Team', name: 'acme/sre', members: ['carol', 'mallory'] }
          ],
          customRules: ['datadog-gate'],
          exists: null
        })
      ]
    })
    expect(said(before, after)).toEqual([
      'environment production | unknown | exists: true → null',
      'environment production | weakened | deployment branch patterns added: release/*',
      'environment production | weakened | reviewer team acme/sre: new members mallory',
      'environment production | strengthened | reviewer team acme/sre: members removed dan',
      'environment production | weakened | custom protection rule removed: soak-check',
      'environment production | strengthened | custom protection rule added: datadog-gate'
    ])
    expect(
      said(
        matrix({
          environments: [environment({ deploymentBranches: 'protected' })]
        }),
        before
      )
    ).toEqual([
      'environment production | unknown | deployment branches: protected branches only → main'
    ])
  })

  it('asks for a whole review of what is new, and names what left the matrix', () => {
    const before = matrix({ environments: [environment({ name: 'staging' })] })
    const after = matrix({ environments: [environment()], branches: [] })
    expect(said(before, after)).toEqual([
      'environment production | unknown | not in the baseline: review it whole',
      'environment staging | unknown | no longer in the matrix (out of the policy, or deleted)',
      'branch main | unknown | no longer in the matrix (out of the policy, or deleted)'
    ])
  })

  it('cannot compare what was not read, nor holders past a list cut now', () => {
    const before = matrix({
      environments: [environment({ deploymentBranches: null })]
    })
    const after = matrix({
      environments: [environment()],
      writersTruncated: {
        list: 'collaborators',
        read: 100,
        pages: 1,
        perPage: 100
      }
    })
    expect(said(before, after)).toEqual([
      'repository acme/shop | unknown | people with write, maintain or admin: the list was cut now, so holders past it cannot be compared',
      'environment production | unknown | deployment branches: not read in the baseline, so it cannot be compared'
    ])
  })
})
