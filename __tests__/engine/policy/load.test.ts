import { describe, expect, it } from '@jest/globals'
import { PolicyError } from '../../../src/engine/errors.js'
import {
  environmentPolicy,
  loadPolicy
} from '../../../src/engine/policy/load.js'
import {
  defaultsFor,
  fixture,
  policyError,
  problems,
  source
} from './helpers.js'

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
          'match, trusted_deployers, trusted_workflows, branches, allowed_events, ' +
          'branch_protection, scope, ' +
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
        'match, trusted_deployers, trusted_workflows, branches, allowed_events, ' +
        'branch_protection, scope, ' +
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
