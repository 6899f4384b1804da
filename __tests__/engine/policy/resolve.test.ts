import { describe, expect, it } from '@jest/globals'
import {
  environmentPolicy,
  loadPolicy
} from '../../../src/engine/policy/load.js'
import { defaultsFor, env, source } from './helpers.js'

describe('loadPolicy: merging defaults', () => {
  it('uses the default branch of the repository when nothing sets branches', () => {
    expect(env('version: 1\nenvironments:\n  x: {}\n', 'x')).toEqual(
      defaultsFor('x', ['trunk'])
    )
  })

  it('lets a key set in the environment win over defaults', () => {
    const text = [
      'version: 1',
      'defaults:',
      '  soak: 1h',
      '  match: tree',
      '  branches: [main, release/*]',
      'environments:',
      '  a: {}',
      '  b:',
      '    soak: 0',
      '    branches: [main]',
      ''
    ].join('\n')
    const policy = loadPolicy(text, source)
    expect(environmentPolicy(policy, 'a')).toMatchObject({
      soakSeconds: 3_600,
      match: 'tree',
      branches: ['main', 'release/*']
    })
    expect(environmentPolicy(policy, 'b')).toMatchObject({
      soakSeconds: 0,
      match: 'tree',
      branches: ['main']
    })
  })

  it('merges mapping-valued keys one level deep', () => {
    const text = [
      'version: 1',
      'defaults:',
      '  approvals: {pull_request: 2, environment: 1, allow_bots: true}',
      '  branch_protection: {required_approvals: 2, block_deletions: false}',
      '  checks: {required: [build]}',
      '  break_glass: {approvers: [org/sre], review_within: 72h}',
      'environments:',
      '  a:',
      '    approvals: {environment: 2, independent_of: [author]}',
      '    branch_protection: {required_approvals: 3}',
      '    checks: {no_failures: false}',
      '    break_glass: {approvers: [org/oncall], review_within: 1d}',
      ''
    ].join('\n')
    const a = env(text, 'a')
    expect(a.approvals).toEqual({
      pullRequest: 2,
      environment: 2,
      independentOf: ['author'],
      reviewers: null,
      onLatestCommit: true,
      allowBots: true,
      unresolvedIdentities: 'block',
      directPushes: [],
      requireVerifiedCommits: false
    })
    expect(a.branchProtection).toEqual({
      requiredApprovals: 3,
      dismissStaleReviews: true,
      requireLastPushApproval: false,
      requireCodeOwnerReview: false,
      blockForcePushes: true,
      blockDeletions: false,
      requiredStatusChecks: []
    })
    expect(a.ciRequirement).toEqual({ required: ['build'], noFailures: false })
    expect(a.breakGlass).toEqual({
      approvers: ['org/oncall'],
      reviewWithinSeconds: 86_400
    })
  })

  it('lets false in an environment replace the whole key', () => {
    const text = [
      'version: 1',
      'defaults:',
      '  branch_protection: {required_approvals: 2}',
      '  environment_protection: {required_reviewers: 1}',
      '  checks: {required: [build]}',
      '  break_glass: {approvers: [org/sre], review_within: 72h}',
      'environments:',
      '  off:',
      '    branch_protection: false',
      '    environment_protection: false',
      '    checks: false',
      '    break_glass: false',
      '  on: {}',
      ''
    ].join('\n')
    const policy = loadPolicy(text, source)
    expect(environmentPolicy(policy, 'off')).toMatchObject({
      branchProtection: false,
      environmentProtection: false,
      ciRequirement: false,
      breakGlass: null
    })
    expect(environmentPolicy(policy, 'on')).toMatchObject({
      branchProtection: { requiredApprovals: 2 },
      environmentProtection: { requiredReviewers: 1 },
      ciRequirement: { required: ['build'] },
      breakGlass: { approvers: ['org/sre'], reviewWithinSeconds: 259_200 }
    })
  })

  it('lets a mapping in an environment replace false in defaults', () => {
    const text = [
      'version: 1',
      'defaults:',
      '  branch_protection: false',
      '  checks: false',
      'environments:',
      '  a:',
      '    branch_protection: {required_approvals: 2}',
      '    checks: {}',
      '  b: {}',
      ''
    ].join('\n')
    const policy = loadPolicy(text, source)
    const base = defaultsFor('a', ['trunk'])
    expect(environmentPolicy(policy, 'a')).toMatchObject({
      branchProtection: {
        ...(base.branchProtection as object),
        requiredApprovals: 2
      },
      ciRequirement: { required: null, noFailures: true }
    })
    expect(environmentPolicy(policy, 'b')).toMatchObject({
      branchProtection: false,
      ciRequirement: false
    })
  })

  it.each([
    ['{}', 0, false],
    ['{required_reviewers: 0}', 0, false],
    ['{required_reviewers: 2}', 2, true],
    ['{required_reviewers: 2, prevent_self_review: false}', 2, false],
    ['{required_reviewers: 0, prevent_self_review: true}', 0, true]
  ])(
    'defaults prevent_self_review from required_reviewers: %s',
    (protection, reviewers, preventSelfReview) => {
      const text = `version: 1\nenvironments:\n  a:\n    environment_protection: ${protection}\n`
      expect(env(text, 'a').environmentProtection).toEqual({
        deploymentBranches: 'protected',
        requiredReviewers: reviewers,
        preventSelfReview,
        adminBypass: true,
        waitTimer: 0
      })
    }
  )

  it('defaults prevent_self_review after merging defaults', () => {
    const text = [
      'version: 1',
      'defaults:',
      '  environment_protection: {required_reviewers: 1}',
      'environments:',
      '  a: {}',
      '  b:',
      '    environment_protection: {prevent_self_review: false}',
      '  c:',
      '    environment_protection: {required_reviewers: 0}',
      ''
    ].join('\n')
    const policy = loadPolicy(text, source)
    const protection = (name: string): unknown =>
      environmentPolicy(policy, name).environmentProtection
    expect(protection('a')).toMatchObject({
      requiredReviewers: 1,
      preventSelfReview: true
    })
    expect(protection('b')).toMatchObject({
      requiredReviewers: 1,
      preventSelfReview: false
    })
    expect(protection('c')).toMatchObject({
      requiredReviewers: 0,
      preventSelfReview: false
    })
  })

  it('accepts 0 and "0" as durations', () => {
    const text = [
      'version: 1',
      'environments:',
      '  a: {soak: 0}',
      '  b: {soak: "0"}',
      '  c: {soak: 1d12h}',
      ''
    ].join('\n')
    const policy = loadPolicy(text, source)
    expect(environmentPolicy(policy, 'a').soakSeconds).toBe(0)
    expect(environmentPolicy(policy, 'b').soakSeconds).toBe(0)
    expect(environmentPolicy(policy, 'c').soakSeconds).toBe(129_600)
  })

  it('does not share arrays between environments', () => {
    const policy = loadPolicy(
      'version: 1\ndefaults: {branches: [main]}\nenvironments:\n  a: {}\n  b: {}\n',
      source
    )
    const a = environmentPolicy(policy, 'a')
    const b = environmentPolicy(policy, 'b')
    expect(a.branches).not.toBe(b.branches)
    expect(a.approvals.independentOf).not.toBe(b.approvals.independentOf)
  })
})
