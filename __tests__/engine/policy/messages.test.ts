import { describe, expect, it } from '@jest/globals'
import { env, problems } from './helpers.js'

describe('loadPolicy: schema problems, in words', () => {
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
})

describe('loadPolicy: names that can never match, in words', () => {
  const LOGIN =
    'must be a GitHub login: letters, digits and hyphens, at most 39 characters, a bot ending in [bot]'
  const LOGIN_OR_TEAM =
    'must be a GitHub login (letters, digits and hyphens, at most 39 characters, a bot ending in [bot]) or a team as org/team-slug'
  const policy = (env: string): string =>
    `version: 1\nenvironments:\n  production:\n${env}`

  it.each<[string, string, string, string]>([
    [
      'a reviewer written with @',
      '    approvals:\n      reviewers: ["@bob"]\n',
      'environments.production.approvals.reviewers[0]',
      `${LOGIN_OR_TEAM} (got "@bob"): write "bob", without "@"`
    ],
    [
      'a team without its slug',
      '    approvals:\n      reviewers: [acme/]\n',
      'environments.production.approvals.reviewers[0]',
      `${LOGIN_OR_TEAM} (got "acme/")`
    ],
    [
      'a reviewer with a space',
      '    approvals:\n      reviewers: [a b]\n',
      'environments.production.approvals.reviewers[0]',
      `${LOGIN_OR_TEAM} (got "a b")`
    ],
    [
      'a login longer than 39 characters',
      `    approvals:\n      direct_pushes: [${'a'.repeat(40)}]\n`,
      'environments.production.approvals.direct_pushes[0]',
      `${LOGIN} (got "${'a'.repeat(40)}")`
    ],
    [
      'a team among direct pushers (logins only)',
      '    approvals:\n      direct_pushes: [acme/sre]\n',
      'environments.production.approvals.direct_pushes[0]',
      `${LOGIN} (got "acme/sre")`
    ],
    [
      'a break-glass approver with @',
      '    break_glass:\n      approvers: ["@acme/sre"]\n      review_within: 72h\n',
      'environments.production.break_glass.approvers[0]',
      `${LOGIN_OR_TEAM} (got "@acme/sre"): write "acme/sre", without "@"`
    ],
    [
      'a trusted deployer that is not a login',
      '    trusted_deployers: ["github actions"]\n',
      'environments.production.trusted_deployers[0]',
      `${LOGIN} (got "github actions")`
    ],
    [
      'a workflow that is not under .github/workflows',
      '    trusted_workflows: [deploy.yml]\n',
      'environments.production.trusted_workflows[0]',
      'must be a workflow file under .github/workflows/ ending in .yml or .yaml, optionally followed by @ref (got "deploy.yml")'
    ],
    [
      'an event in capitals',
      '    allowed_events: [Push]\n',
      'environments.production.allowed_events[0]',
      'must be an event name as github.event_name spells it: lower-case letters and underscores, e.g. push or workflow_dispatch (got "Push")'
    ]
  ])('%s', (_case, env, path, message) => {
    const found = problems(policy(env))
    expect(found).toEqual([expect.objectContaining({ path, message })])
    expect(found[0]?.message).not.toMatch(/\^|\$|\\\[/)
  })

  it.each([
    ['users and teams', '["bob", "Bob-2", "acme/sre-leads", "acme/team_1.x"]'],
    ['a bot', '["renovate[bot]"]']
  ])('accepts %s', (_case, list) => {
    const loaded = env(
      policy(`    approvals:\n      reviewers: ${list}\n`),
      'production'
    )
    expect(loaded.approvals.reviewers).toEqual(JSON.parse(list))
  })
})
