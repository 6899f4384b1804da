import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { parseInputs, readEvent } from '../../src/action/inputs.js'
import { InputError } from '../../src/engine/errors.js'

const SHA = 'a'.repeat(40)
const base = {
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_SHA: SHA,
  GITHUB_ACTOR: 'dora',
  GITHUB_RUN_ID: '77',
  GITHUB_RUN_ATTEMPT: '2',
  INPUT_TOKEN: 'ghs_secret',
  INPUT_ENVIRONMENT: 'production'
}

function eventFile(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pg-event-'))
  const file = join(dir, 'event.json')
  writeFileSync(file, content)
  return file
}

function inputError(env: Record<string, string>): InputError {
  try {
    parseInputs(env)
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
  throw new Error('expected an InputError')
}

describe('parseInputs', () => {
  it('reads the defaults of action.yml', () => {
    const inputs = parseInputs(base)
    expect(inputs.request).toMatchObject({
      owner: 'acme',
      repo: 'shop',
      environment: 'production',
      sha: SHA,
      policyPath: '.github/promotion-gate.yml',
      policyRef: null,
      deployer: 'dora',
      serverUrl: 'https://github.com',
      run: {
        id: 77,
        attempt: 2,
        url: 'https://github.com/acme/shop/actions/runs/77'
      }
    })
    expect(inputs).toMatchObject({
      mode: 'enforce',
      timeoutSeconds: 120,
      commitStatus: false,
      breakGlassReason: null,
      apiUrl: 'https://api.github.com',
      graphqlUrl: null
    })
  })

  it('keeps hyphens in input names as the runner does', () => {
    const inputs = parseInputs({
      ...base,
      'INPUT_POLICY-REF': 'release',
      'INPUT_TIMEOUT-SECONDS': '30',
      'INPUT_COMMIT-STATUS': 'true'
    })
    expect(inputs.request.policyRef).toBe('release')
    expect(inputs.timeoutSeconds).toBe(30)
    expect(inputs.commitStatus).toBe(true)
  })

  it('takes environment and sha from a deployment event', () => {
    const other = 'b'.repeat(40)
    const inputs = parseInputs({
      ...base,
      INPUT_ENVIRONMENT: '',
      GITHUB_EVENT_PATH: eventFile(
        JSON.stringify({
          deployment: {
            environment: 'staging',
            sha: other,
            creator: { login: 'erin' }
          }
        })
      ),
      GITHUB_ACTOR: ''
    })
    expect(inputs.request.environment).toBe('staging')
    expect(inputs.request.sha).toBe(other)
    expect(inputs.request.deployer).toBe('erin')
    expect(inputs.sources).toEqual({
      environment: 'event deployment.environment',
      sha: 'event deployment.sha'
    })
  })

  it('normalises an upper-case sha', () => {
    expect(
      parseInputs({ ...base, INPUT_SHA: 'A'.repeat(40) }).request.sha
    ).toBe(SHA)
  })

  it('prefers the triggering actor as deployer (a re-run is deployed by who re-ran it)', () => {
    expect(
      parseInputs({ ...base, GITHUB_TRIGGERING_ACTOR: 'fay' }).request.deployer
    ).toBe('fay')
  })

  it.each([
    ['a short sha', { INPUT_SHA: 'abc123' }, /40-character/],
    ['a 41-character sha', { INPUT_SHA: 'a'.repeat(41) }, /40-character/],
    [
      'a shell injection in the sha',
      { INPUT_SHA: '$(rm -rf /)' },
      /40-character/
    ],
    [
      'a mode typo',
      { INPUT_MODE: 'enforced' },
      /mode must be one of enforce, report, audit/
    ],
    [
      'a boolean typo',
      { 'INPUT_COMMIT-STATUS': 'yes' },
      /commit-status must be true or false/
    ],
    [
      'a zero timeout',
      { 'INPUT_TIMEOUT-SECONDS': '0' },
      /timeout-seconds must be a whole number/
    ],
    [
      'a non-numeric timeout',
      { 'INPUT_TIMEOUT-SECONDS': '2m' },
      /timeout-seconds/
    ],
    [
      'an absolute policy path',
      { INPUT_POLICY: '/etc/passwd' },
      /path inside the repository/
    ],
    [
      'a policy path escaping the repository',
      { INPUT_POLICY: '../x.yml' },
      /path inside the repository/
    ],
    [
      'a policy ref with a colon',
      { 'INPUT_POLICY-REF': 'main:evil' },
      /not a valid git ref/
    ],
    ['a bad audit-since', { 'INPUT_AUDIT-SINCE': 'last week' }, /audit-since/],
    ['no environment', { INPUT_ENVIRONMENT: '' }, /environment is empty/],
    ['no token', { INPUT_TOKEN: '' }, /token is empty/],
    ['a bad repository', { GITHUB_REPOSITORY: 'acme' }, /OWNER\/NAME/]
  ])('rejects %s', (_name, overrides, message) => {
    const error = inputError({ ...base, ...overrides })
    expect(error.code).toBe('input')
    expect(error.message).toMatch(message)
  })

  it('never echoes the token in an error', () => {
    const error = inputError({ ...base, INPUT_SHA: 'nope' })
    expect(error.message).not.toContain('ghs_secret')
  })
})

describe('readEvent', () => {
  it('rejects a payload that is not JSON', () => {
    expect(() => readEvent(eventFile('{not json'))).toThrow(/not valid JSON/)
  })
  it('rejects a payload that is not an object', () => {
    expect(() => readEvent(eventFile('[1,2]'))).toThrow(/not a JSON object/)
  })
  it('rejects a deployment of the wrong shape', () => {
    expect(() => readEvent(eventFile('{"deployment": "x"}'))).toThrow(
      /not an object/
    )
    expect(() => readEvent(eventFile('{"deployment": {"sha": 5}}'))).toThrow(
      /deployment.sha is not a string/
    )
  })
  it('ignores events without a deployment', () => {
    expect(readEvent(eventFile('{"push": {}}'))).toEqual({
      environment: null,
      sha: null,
      deployer: null
    })
  })
  it('treats a missing file as no event', () => {
    expect(readEvent('/nonexistent/event.json')).toEqual({
      environment: null,
      sha: null,
      deployer: null
    })
  })
})
