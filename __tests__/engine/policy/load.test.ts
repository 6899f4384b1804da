import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { Ajv } from 'ajv'
import { PolicyError, type PolicyProblem } from '../../../src/engine/errors.js'
import {
  environmentPolicy,
  loadPolicy
} from '../../../src/engine/policy/load.js'
import {
  policyJsonSchema,
  type ApprovalsDocument,
  type BranchProtectionDocument,
  type BreakGlassDocument,
  type ChecksDocument,
  type EnvironmentDocument,
  type EnvironmentProtectionDocument,
  type PolicyDocument
} from '../../../src/engine/policy/schema.js'
import type {
  EnvironmentPolicy,
  MakerKind,
  Policy,
  PolicySource
} from '../../../src/engine/policy/types.js'
import {
  renderSchema,
  repositoryRoot,
  schemaFiles
} from '../../../scripts/write-schemas.js'
import { upstreamChain } from '../../../src/engine/rules/promotion.js'

const source: PolicySource = {
  path: '.github/promotion-gate.yml',
  ref: 'main',
  blobSha: null,
  defaultBranch: 'trunk'
}

function fixture(name: string): string {
  return readFileSync(
    resolve(repositoryRoot, '__fixtures__/policies', name),
    'utf8'
  )
}

/** The PolicyError loading `text` throws; fails the test when it loads. */
function policyError(text: string): PolicyError {
  try {
    loadPolicy(text, source)
  } catch (error) {
    if (error instanceof PolicyError) return error
    throw error
  }
  throw new Error('expected the policy to be rejected')
}

function problems(text: string): PolicyProblem[] {
  return policyError(text).problems
}

function env(text: string, name: string): EnvironmentPolicy {
  return environmentPolicy(loadPolicy(text, source), name)
}

const ALL_MAKERS: MakerKind[] = [
  'author',
  'commit_authors',
  'committers',
  'co_authors',
  'deployer'
]

/** Everything SPEC §4 fills in when an environment says nothing. */
function defaultsFor(name: string, branches: string[]): EnvironmentPolicy {
  return {
    name,
    after: [],
    soakSeconds: 0,
    match: 'commit',
    trustedDeployers: ['github-actions[bot]'],
    branches,
    branchProtection: {
      requiredApprovals: 1,
      dismissStaleReviews: true,
      requireLastPushApproval: false,
      requireCodeOwnerReview: false,
      blockForcePushes: true,
      blockDeletions: true,
      requiredStatusChecks: []
    },
    scope: 'range',
    approvals: {
      pullRequest: 1,
      environment: 0,
      independentOf: [...ALL_MAKERS],
      reviewers: null,
      onLatestCommit: true,
      allowBots: false,
      unresolvedIdentities: 'block',
      directPushes: [],
      requireVerifiedCommits: false
    },
    deployerIndependent: false,
    breakGlass: null,
    environmentProtection: {
      deploymentBranches: 'protected',
      requiredReviewers: 0,
      preventSelfReview: false,
      adminBypass: true,
      waitTimer: 0
    },
    checks: { required: null, noFailures: true }
  }
}

describe('loadPolicy: the SPEC §4 example (valid.yml)', () => {
  const policy = loadPolicy(fixture('valid.yml'), source)

  it('keeps the environments in file order', () => {
    expect(policy.version).toBe(1)
    expect(Object.keys(policy.environments)).toEqual([
      'development',
      'staging',
      'production'
    ])
  })

  it('fills every default, with defaults.branches merged in', () => {
    expect(environmentPolicy(policy, 'development')).toEqual(
      defaultsFor('development', ['main'])
    )
    expect(environmentPolicy(policy, 'staging')).toEqual({
      ...defaultsFor('staging', ['main']),
      after: ['development']
    })
  })

  it('resolves production as written', () => {
    const base = defaultsFor('production', ['main'])
    expect(environmentPolicy(policy, 'production')).toEqual({
      ...base,
      after: ['staging'],
      soakSeconds: 7_200,
      approvals: { ...base.approvals, pullRequest: 1, environment: 1 },
      deployerIndependent: true,
      breakGlass: {
        approvers: ['my-org/sre-leads'],
        reviewWithinSeconds: 259_200
      }
    })
  })
})

describe('loadPolicy: rejected files name file, line, column and key', () => {
  it('unknown-key.yml: points at each unknown key and says what is allowed', () => {
    const error = policyError(fixture('unknown-key.yml'))
    expect(error.file).toBe('.github/promotion-gate.yml')
    expect(error.code).toBe('policy')
    expect(error.problems).toEqual([
      {
        path: 'environments.production.soka',
        line: 6,
        column: 5,
        message:
          'unknown key "soka", did you mean "soak"? (allowed: after, soak, ' +
          'match, trusted_deployers, branches, branch_protection, scope, ' +
          'approvals, deployer_independent, break_glass, ' +
          'environment_protection, checks)'
      },
      {
        path: 'environments.production.approvals.pull_requests',
        line: 8,
        column: 7,
        message:
          'unknown key "pull_requests", did you mean "pull_request"? ' +
          '(allowed: pull_request, environment, independent_of, reviewers, ' +
          'on_latest_commit, allow_bots, unresolved_identities, direct_pushes, require_verified_commits)'
      }
    ])
    expect(error.message.split('\n')[0]).toBe(
      '.github/promotion-gate.yml:6:5: environments.production.soka: ' +
        'unknown key "soka", did you mean "soak"? (allowed: after, soak, ' +
        'match, trusted_deployers, branches, branch_protection, scope, ' +
        'approvals, deployer_independent, break_glass, ' +
        'environment_protection, checks)'
    )
    expect(error.hint).toContain('.github/promotion-gate.yml on main')
  })

  it('bad-duration.yml: says why each value is not a duration', () => {
    expect(problems(fixture('bad-duration.yml'))).toEqual([
      {
        path: 'environments.staging.soak',
        line: 4,
        column: 11,
        message: '"2x" is not a duration (use e.g. 90s, 30m, 2h, 1d, 1h30m)'
      },
      {
        path: 'environments.production.soak',
        line: 7,
        column: 11,
        message:
          '"1m1h" is not a duration: write each unit once, largest first ' +
          '(d, h, m, s), e.g. 1h30m'
      },
      {
        path: 'environments.production.break_glass.review_within',
        line: 10,
        column: 22,
        message:
          '90 is not a duration: add a unit (use e.g. 90s, 30m, 2h, 1d, ' +
          '1h30m); only 0 may be written without one'
      }
    ])
  })

  it('bad-after.yml: names the missing environment and the ones that exist', () => {
    expect(problems(fixture('bad-after.yml'))).toEqual([
      {
        path: 'environments.staging.after',
        line: 5,
        column: 12,
        message:
          '"developmnet" is not an environment in this policy (environments: ' +
          'development, staging, production); did you mean "development"?'
      },
      {
        path: 'environments.production.after[1]',
        line: 7,
        column: 22,
        message:
          '"qa" is not an environment in this policy (environments: ' +
          'development, staging, production)'
      }
    ])
  })

  it('cycle.yml: names the cycle and an environment after itself', () => {
    expect(problems(fixture('cycle.yml'))).toEqual([
      {
        path: 'environments.development.after',
        line: 4,
        column: 12,
        message:
          'environments come after each other in a cycle: development after ' +
          'production after staging after development'
      },
      {
        path: 'environments.sandbox.after',
        line: 10,
        column: 12,
        message: 'environment "sandbox" cannot come after itself'
      }
    ])
  })

  it('duplicate-key.yml: points at the second occurrence', () => {
    expect(problems(fixture('duplicate-key.yml'))).toEqual([
      {
        path: 'environments.production.soak',
        line: 6,
        column: 5,
        message:
          'duplicate key "soak" (a key may appear only once in a mapping)'
      }
    ])
  })

  it('syntax-error.yml: reports the YAML error where the parser found it', () => {
    const found = problems(fixture('syntax-error.yml'))
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ path: '', line: 5, column: 3 })
    expect(found[0]?.message).toMatch(/^invalid YAML: Flow sequence .* \]$/)
  })

  it('wrong-types.yml: one human message per bad value, sorted by line', () => {
    expect(problems(fixture('wrong-types.yml'))).toEqual([
      { path: 'version', line: 1, column: 10, message: 'must be 1 (got 2)' },
      {
        path: 'environments.production.match',
        line: 4,
        column: 12,
        message: 'must be one of: commit, tree (got "sha")'
      },
      {
        path: 'environments.production.branches',
        line: 5,
        column: 15,
        message: 'must not be an empty list'
      },
      {
        path: 'environments.production.branch_protection',
        line: 6,
        column: 24,
        message: 'must be false or a mapping (got true)'
      },
      {
        path: 'environments.production.approvals.pull_request',
        line: 8,
        column: 21,
        message: 'must be 0 or more (got -1)'
      },
      {
        path: 'environments.production.approvals.independent_of[1]',
        line: 9,
        column: 32,
        message:
          'must be one of: author, commit_authors, committers, co_authors, ' +
          'deployer (got "reviewer")'
      },
      {
        path: 'environments.production.approvals.allow_bots',
        line: 10,
        column: 19,
        message: 'must be true or false (got "yes")'
      },
      {
        path: 'environments.production.checks.required',
        line: 12,
        column: 17,
        message: 'must be a list (got "checks")'
      },
      {
        path: 'environments.production.environment_protection.wait_timer',
        line: 14,
        column: 19,
        message: 'must be a whole number (got 1.5)'
      },
      {
        path: 'environments.production.break_glass.review_within',
        line: 15,
        column: 5,
        message: 'missing required key "review_within"'
      }
    ])
  })

  it('empty.yml: an empty file is a problem at 1:1', () => {
    expect(problems(fixture('empty.yml'))).toEqual([
      {
        path: '',
        line: 1,
        column: 1,
        message:
          'the policy file is empty: it needs at least "version: 1" and ' +
          '"environments:"'
      }
    ])
    expect(problems('# nothing but a comment\n')).toHaveLength(1)
  })

  it.each([
    ['a list', '- production\n', 'not a list'],
    ['a string', 'production\n', 'not "production"']
  ])('a top level that is %s is a problem at 1:1', (_, text, not) => {
    expect(problems(text)).toEqual([
      {
        path: '',
        line: 1,
        column: 1,
        message:
          'the policy must be a mapping with the keys version and ' +
          `environments, ${not}`
      }
    ])
  })
})

describe('loadPolicy: more problems', () => {
  it('requires version and environments', () => {
    expect(problems('defaults: {}\n')).toEqual([
      {
        path: 'environments',
        line: 1,
        column: 1,
        message: 'missing required key "environments"'
      },
      {
        path: 'version',
        line: 1,
        column: 1,
        message: 'missing required key "version"'
      }
    ])
  })

  it('rejects unknown top-level keys', () => {
    expect(problems('version: 1\nenvironments: {}\nproduction: {}\n')).toEqual([
      {
        path: 'production',
        line: 3,
        column: 1,
        message:
          'unknown key "production" (allowed: version, defaults, environments)'
      }
    ])
  })

  it('explains an environment with no value', () => {
    expect(problems('version: 1\nenvironments:\n  development:\n')).toEqual([
      {
        path: 'environments.development',
        line: 3,
        column: 3,
        message:
          'has no settings: write {} for an environment that uses only the ' +
          'defaults'
      }
    ])
  })

  it('checks environment names, quoting odd ones in the path', () => {
    const text =
      'version: 1\nenvironments:\n  "eu/west": {}\n  "eu west.2":\n    soka: 1\n'
    expect(problems(text)).toEqual([
      {
        path: 'environments["eu/west"]',
        line: 3,
        column: 3,
        message:
          '"eu/west" is not a valid environment name (use letters, digits, ' +
          '".", "_", "-" and spaces, at most 255 characters)'
      },
      {
        path: 'environments["eu west.2"].soka',
        line: 5,
        column: 5,
        message: expect.stringMatching(
          /^unknown key "soka", did you mean "soak"\?/
        )
      }
    ])
  })

  it('reports inside a mapping-or-false key instead of "must be false or a mapping"', () => {
    const text = [
      'version: 1',
      'environments:',
      '  production:',
      '    branch_protection:',
      '      required_approvals: two',
      '      bogus: true',
      ''
    ].join('\n')
    expect(problems(text)).toEqual([
      {
        path: 'environments.production.branch_protection.required_approvals',
        line: 5,
        column: 27,
        message: 'must be a whole number (got "two")'
      },
      {
        path: 'environments.production.branch_protection.bogus',
        line: 6,
        column: 7,
        message: expect.stringMatching(/^unknown key "bogus" \(allowed: /)
      }
    ])
  })

  it('checks the shape of after', () => {
    const text = [
      'version: 1',
      'environments:',
      '  a: {after: [b, b]}',
      '  b: {after: 5}',
      '  c: {after: []}',
      ''
    ].join('\n')
    expect(problems(text)).toEqual([
      {
        path: 'environments.a.after',
        line: 3,
        column: 14,
        message: 'lists "b" more than once'
      },
      {
        path: 'environments.b.after',
        line: 4,
        column: 14,
        message: 'must be a string or a list of strings (got 5)'
      },
      {
        path: 'environments.c.after',
        line: 5,
        column: 14,
        message: 'must not be an empty list'
      }
    ])
  })

  it('reports schema and after problems together', () => {
    const text = [
      'version: 1',
      'environments:',
      '  staging:',
      '    soka: 1h',
      '  production:',
      '    after: stagin',
      ''
    ].join('\n')
    expect(problems(text).map((p) => [p.path, p.line, p.column])).toEqual([
      ['environments.staging.soka', 4, 5],
      ['environments.production.after', 6, 12]
    ])
  })

  it('finds a cycle through a list of after', () => {
    const text = [
      'version: 1',
      'environments:',
      '  a:',
      '    after: [b, c]',
      '  b:',
      '    after: c',
      '  c:',
      '    after: a',
      ''
    ].join('\n')
    expect(problems(text)).toEqual([
      {
        path: 'environments.a.after[1]',
        line: 4,
        column: 16,
        message:
          'environments come after each other in a cycle: a after c after a'
      }
    ])
  })

  it('rejects defaults.after that puts an environment after itself', () => {
    const text =
      'version: 1\ndefaults:\n  after: a\nenvironments:\n  a: {}\n  b: {}\n'
    expect(problems(text)).toEqual([
      {
        path: 'defaults.after',
        line: 3,
        column: 10,
        message:
          'defaults.after makes "a" come after itself; set after on each ' +
          'environment instead of in defaults'
      }
    ])
  })

  it('points at an alias whose anchor does not exist', () => {
    expect(problems('version: 1\nenvironments:\n  a: *missing\n')).toEqual([
      {
        path: '',
        line: 3,
        column: 6,
        message: expect.stringMatching(
          /^cannot read the YAML: Unresolved alias/
        )
      }
    ])
  })

  it('rejects a mapping key that is a list', () => {
    expect(problems('version: 1\nenvironments:\n  ? [a, b]\n  : {}\n')).toEqual(
      [
        {
          path: '',
          line: 3,
          column: 5,
          message: 'a key must be a plain string, not a list or mapping'
        }
      ]
    )
  })

  it('finds the path of a duplicate key inside a list', () => {
    const text = [
      'version: 1',
      'environments:',
      '  a:',
      '    branches:',
      '      - main',
      '      - {x: 1, x: 2}',
      '      - ""',
      ''
    ].join('\n')
    expect(problems(text)).toEqual([
      {
        path: 'environments.a.branches[1]',
        line: 6,
        column: 9,
        message: 'must be a string (got a mapping)'
      },
      {
        path: 'environments.a.branches[1].x',
        line: 6,
        column: 16,
        message: 'duplicate key "x" (a key may appear only once in a mapping)'
      },
      {
        path: 'environments.a.branches[2]',
        line: 7,
        column: 9,
        message: 'must not be empty'
      }
    ])
  })

  it('shows special numbers as they are', () => {
    const text =
      'version: 1\nenvironments:\n  a:\n    environment_protection: {wait_timer: .inf}\n'
    expect(problems(text)).toEqual([
      {
        path: 'environments.a.environment_protection.wait_timer',
        line: 4,
        column: 42,
        message: 'must be a whole number (got Infinity)'
      }
    ])
  })

  it('treats YAML warnings (an unknown tag) as problems', () => {
    expect(problems('version: 1\nenvironments:\n  a: !custom {}\n')).toEqual([
      {
        path: '',
        line: 3,
        column: 6,
        message: 'invalid YAML: Unresolved tag: !custom'
      }
    ])
  })

  it('reports several duplicate keys and the other problems with them', () => {
    const text = [
      'version: 1',
      'environments:',
      '  a: {}',
      '  a: {}',
      '  b:',
      '    soka: 1',
      ''
    ].join('\n')
    expect(problems(text).map((p) => [p.path, p.line, p.column])).toEqual([
      ['environments.a', 4, 3],
      ['environments.b.soka', 6, 5]
    ])
  })
})

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
    expect(a.checks).toEqual({ required: ['build'], noFailures: false })
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
      checks: false,
      breakGlass: null
    })
    expect(environmentPolicy(policy, 'on')).toMatchObject({
      branchProtection: { requiredApprovals: 2 },
      environmentProtection: { requiredReviewers: 1 },
      checks: { required: ['build'] },
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
      checks: { required: null, noFailures: true }
    })
    expect(environmentPolicy(policy, 'b')).toMatchObject({
      branchProtection: false,
      checks: false
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

// The engine's chain (rules/promotion.ts), checked here on loaded policies.
const chainOf = (policy: Policy, env: string): string[] =>
  upstreamChain(policy.environments, env).map((e) => e.name)

describe('upstreamChain', () => {
  it('orders a chain from the first environment on', () => {
    const policy = loadPolicy(fixture('valid.yml'), source)
    expect(chainOf(policy, 'production')).toEqual(['development', 'staging'])
    expect(chainOf(policy, 'staging')).toEqual(['development'])
    expect(chainOf(policy, 'development')).toEqual([])
  })

  it('lists a shared predecessor once, before everything after it (diamond)', () => {
    const text = [
      'version: 1',
      'environments:',
      '  dev: {}',
      '  qa: {after: dev}',
      '  staging: {after: dev}',
      '  production: {after: [staging, qa]}',
      '  canary: {after: production}',
      ''
    ].join('\n')
    const policy = loadPolicy(text, source)
    expect(chainOf(policy, 'production')).toEqual(['dev', 'staging', 'qa'])
    expect(chainOf(policy, 'canary')).toEqual([
      'dev',
      'staging',
      'qa',
      'production'
    ])
  })

  it('puts each environment after all of its predecessors', () => {
    const text = [
      'version: 1',
      'environments:',
      '  a: {}',
      '  b: {after: a}',
      '  c: {after: [a, b]}',
      '  d: {after: [a, c]}',
      ''
    ].join('\n')
    expect(chainOf(loadPolicy(text, source), 'd')).toEqual(['a', 'b', 'c'])
  })
})

describe('environmentPolicy', () => {
  const policy = loadPolicy(fixture('valid.yml'), source)

  it('returns the resolved environment', () => {
    expect(environmentPolicy(policy, 'staging').name).toBe('staging')
  })

  it('throws a PolicyError listing the environments the policy has', () => {
    let thrown: unknown
    try {
      environmentPolicy(policy, 'prodution')
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(PolicyError)
    const error = thrown as PolicyError
    expect(error.file).toBe('.github/promotion-gate.yml')
    expect(error.problems).toEqual([
      {
        path: 'environments',
        line: 0,
        column: 0,
        message:
          'environment "prodution" is not in the policy (it has: ' +
          'development, staging, production); did you mean "production"?'
      }
    ])
    expect(error.message).toBe(
      '.github/promotion-gate.yml: environments: environment "prodution" is ' +
        'not in the policy (it has: development, staging, production); did ' +
        'you mean "production"?'
    )
  })

  it.each(['constructor', 'toString', '__proto__'])(
    'does not mistake %p for an environment',
    (name) => {
      expect(() => environmentPolicy(policy, name)).toThrow(PolicyError)
    }
  )
})

describe('policyJsonSchema', () => {
  it('is what schema/promotion-gate.schema.json holds (run scripts/write-schemas.ts)', () => {
    const file = schemaFiles.find(
      (f) => f.path === 'schema/promotion-gate.schema.json'
    )
    expect(file?.schema).toBe(policyJsonSchema)
    for (const { path, schema } of schemaFiles) {
      const written = readFileSync(resolve(repositoryRoot, path), 'utf8')
      expect(written).toBe(renderSchema(schema))
    }
  })

  it('is a valid draft-07 schema with an id and a title', () => {
    const ajv = new Ajv({ strict: true })
    expect(ajv.validateSchema(policyJsonSchema)).toBe(true)
    expect(ajv.errors ?? null).toBeNull()
    expect(policyJsonSchema.$id).toBe(
      'https://github.com/promotion-gate/promotion-gate/schema/promotion-gate.schema.json'
    )
    expect(policyJsonSchema.title).toBeTruthy()
  })

  it('describes every property, for editors', () => {
    const missing: string[] = []
    const walk = (node: unknown, where: string): void => {
      if (Array.isArray(node)) {
        node.forEach((item, i) => walk(item, `${where}/${i}`))
        return
      }
      if (typeof node !== 'object' || node === null) return
      const record = node as Record<string, unknown>
      const properties = record.properties
      if (typeof properties === 'object' && properties !== null) {
        for (const [key, value] of Object.entries(properties)) {
          const described =
            typeof value === 'object' &&
            value !== null &&
            typeof (value as { description?: unknown }).description === 'string'
          if (!described) missing.push(`${where}/properties/${key}`)
        }
      }
      for (const [key, value] of Object.entries(record)) {
        walk(value, `${where}/${key}`)
      }
    }
    walk(policyJsonSchema, '#')
    expect(missing).toEqual([])
  })

  it('is strict: ajv compiles it in strict mode', () => {
    expect(() =>
      new Ajv({ strict: true, allErrors: true }).compile(policyJsonSchema)
    ).not.toThrow()
  })
})

// Compile-time: the YAML document types name exactly the schema's keys, so
// the loader and the published schema cannot drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
type Keys<T> = T extends { properties: infer P } ? keyof P : never
type Definitions = typeof policyJsonSchema.definitions
type EnvironmentProperties = Definitions['environment']['properties']
type ObjectBranch<K extends keyof EnvironmentProperties> =
  EnvironmentProperties[K] extends { anyOf: readonly (infer B)[] }
    ? Extract<B, { type: 'object' }>
    : never

describe('schema document types', () => {
  it('match the schema keys', () => {
    const checks: true[] = [
      true satisfies Same<keyof PolicyDocument, Keys<typeof policyJsonSchema>>,
      true satisfies Same<
        keyof EnvironmentDocument,
        Keys<Definitions['environment']>
      >,
      true satisfies Same<
        keyof ApprovalsDocument,
        Keys<Definitions['approvals']>
      >,
      true satisfies Same<
        keyof BranchProtectionDocument,
        Keys<ObjectBranch<'branch_protection'>>
      >,
      true satisfies Same<
        keyof BreakGlassDocument,
        Keys<ObjectBranch<'break_glass'>>
      >,
      true satisfies Same<
        keyof EnvironmentProtectionDocument,
        Keys<ObjectBranch<'environment_protection'>>
      >,
      true satisfies Same<keyof ChecksDocument, Keys<ObjectBranch<'checks'>>>
    ]
    expect(checks.every(Boolean)).toBe(true)
  })
})
