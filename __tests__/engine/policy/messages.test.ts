import { describe, expect, it } from '@jest/globals'
import { problems } from './helpers.js'

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
