// Fuzzing the adapters' inputs (SPEC §8): the policy file, the runner's
// environment and the event payload. Whatever comes in, the gate never
// crashes with an unexpected error (which would lose the message), fails
// closed with a message that says what is wrong, and never leaks the token.
// Each property has a fixed seed, so a failure reproduces.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  INPUTS,
  parseInputs,
  readEvent,
  type ActionInputs
} from '../../src/action/inputs.js'
import { InputError, PolicyError } from '../../src/engine/errors.js'
import { loadPolicy } from '../../src/engine/policy/load.js'
import {
  ENVIRONMENT_NAME_PATTERN,
  MAKER_KINDS
} from '../../src/engine/policy/schema.js'
import type {
  EnvironmentPolicy,
  Policy,
  PolicySource
} from '../../src/engine/policy/types.js'
import { upstreamChain } from '../../src/engine/rules/index.js'
import { weighted } from '../../__fixtures__/arbitraries.js'
import {
  PROTOTYPE_SHA,
  actionEnvArb,
  applyMutation,
  eventTextArb,
  policyYamlArb,
  textMutationArb,
  tokenArb
} from '../../__fixtures__/input-arbitraries.js'

const SOURCE: PolicySource = {
  path: '.github/promotion-gate.yml',
  ref: 'main',
  blobSha: null,
  defaultBranch: 'main'
}

const VALID_YML = readFileSync(
  fileURLToPath(
    new URL('../../__fixtures__/policies/valid.yml', import.meta.url)
  ),
  'utf8'
)

const prototypeKeys = (): string =>
  Object.getOwnPropertyNames(Object.prototype).sort().join(',')
const PROTOTYPE_KEYS = prototypeKeys()

/** Nothing reached Object.prototype. */
function expectNoPollution(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  expect(prototypeKeys()).toBe(PROTOTYPE_KEYS)
}

function describeError(error: unknown): string {
  return error instanceof Error
    ? `${error.constructor.name}: ${error.message}`
    : String(error)
}

// ---------------------------------------------------------------------------
// Policy

const isCount = (n: unknown): boolean =>
  typeof n === 'number' && Number.isInteger(n) && n >= 0
const isName = (s: unknown): boolean => typeof s === 'string' && s !== ''
const ENV_NAME = new RegExp(ENVIRONMENT_NAME_PATTERN)

/** A light sanity check of a resolved environment. */
function expectSaneEnvironment(
  policy: Policy,
  name: string,
  env: EnvironmentPolicy
): void {
  expect(env.name).toBe(name)
  expect(name).toMatch(ENV_NAME)
  expect(new Set(env.after).size).toBe(env.after.length)
  for (const after of env.after) {
    expect(Object.hasOwn(policy.environments, after)).toBe(true)
    expect(after).not.toBe(name)
  }
  const chain = upstreamChain(policy.environments, name).map((e) => e.name)
  expect(chain).not.toContain(name)
  expect(Number.isSafeInteger(env.soakSeconds)).toBe(true)
  expect(env.soakSeconds).toBeGreaterThanOrEqual(0)
  expect(['commit', 'tree']).toContain(env.match)
  expect(['range', 'head']).toContain(env.scope)
  expect(env.trustedDeployers.every(isName)).toBe(true)
  expect(env.branches.length).toBeGreaterThan(0)
  expect(env.branches.every(isName)).toBe(true)
  if (env.branchProtection !== false) {
    expect(isCount(env.branchProtection.requiredApprovals)).toBe(true)
    expect(env.branchProtection.requiredStatusChecks.every(isName)).toBe(true)
  }
  const a = env.approvals
  expect(isCount(a.pullRequest) && isCount(a.environment)).toBe(true)
  for (const kind of a.independentOf) expect(MAKER_KINDS).toContain(kind)
  expect(a.reviewers === null || a.reviewers.every(isName)).toBe(true)
  expect(['block', 'ignore']).toContain(a.unresolvedIdentities)
  expect(a.directPushes.every(isName)).toBe(true)
  if (env.breakGlass !== null) {
    expect(env.breakGlass.approvers.length).toBeGreaterThan(0)
    expect(Number.isSafeInteger(env.breakGlass.reviewWithinSeconds)).toBe(true)
  }
  if (env.environmentProtection !== false) {
    const p = env.environmentProtection
    expect(['protected', 'any']).toContain(p.deploymentBranches)
    expect(isCount(p.requiredReviewers) && isCount(p.waitTimer)).toBe(true)
  }
  if (env.ciRequirement !== false) {
    expect(
      env.ciRequirement.required === null ||
        Array.isArray(env.ciRequirement.required)
    ).toBe(true)
  }
}

/** A PolicyError that says what is wrong, where, in which file. */
function expectClearPolicyError(error: PolicyError): void {
  expect(error.code).toBe('policy')
  expect(error.file).toBe(SOURCE.path)
  expect(error.message).toContain(SOURCE.path)
  expect(error.problems.length).toBeGreaterThan(0)
  for (const p of error.problems) {
    expect(typeof p.path).toBe('string')
    expect(p.message.trim()).not.toBe('')
    expect(Number.isInteger(p.line) && p.line >= 0).toBe(true)
    expect(Number.isInteger(p.column) && p.column >= 0).toBe(true)
  }
}

/**
 * loadPolicy either returns a sane Policy or throws a clear PolicyError;
 * anything else thrown fails the property with what was thrown.
 */
function expectWellBehavedLoad(text: string): 'loaded' | 'refused' {
  let policy: Policy
  try {
    policy = loadPolicy(text, SOURCE)
  } catch (error) {
    if (!(error instanceof PolicyError)) {
      throw new Error(
        `loadPolicy threw ${describeError(error)} instead of a PolicyError`
      )
    }
    expectClearPolicyError(error)
    return 'refused'
  } finally {
    expectNoPollution()
  }
  expect(policy.version).toBe(1)
  for (const [name, env] of Object.entries(policy.environments)) {
    expectSaneEnvironment(policy, name, env)
  }
  return 'loaded'
}

/** Both outcomes were exercised, each in at least a tenth of `runs`. */
function expectBoth(
  outcomes: Readonly<Record<string, number>>,
  runs: number
): void {
  for (const count of Object.values(outcomes)) {
    expect(count).toBeGreaterThan(runs / 10)
  }
}

/**
 * A `soak` or `review_within` the schema accepts but too long to count in
 * seconds: a known bug (see the test below), kept out of the general fuzz so
 * that it can still find others.
 */
const OVERLONG_DURATION = /\b\d{15,}[dhms]/

describe('loadPolicy fuzz', () => {
  it('accepts valid.yml (the seed of the mutations)', () => {
    expect(Object.keys(loadPolicy(VALID_YML, SOURCE).environments)).toEqual([
      'development',
      'staging',
      'production'
    ])
  })

  it('on arbitrary strings: a sane policy or a clear PolicyError', () => {
    fc.assert(
      fc.property(
        weighted<string>(
          [2, fc.string({ maxLength: 200 })],
          [2, fc.string({ maxLength: 200, unit: 'binary' })],
          [
            1,
            fc.string({
              maxLength: 200,
              unit: fc.constantFrom(...'version: 1\nenvironments:{}[]-&*!#')
            })
          ]
        ),
        (text) => {
          expectWellBehavedLoad(text)
        }
      ),
      { seed: 6001, numRuns: 400 }
    )
  })

  it('on documents built from the real keys with wrong types and values', () => {
    const outcomes = { loaded: 0, refused: 0 }
    fc.assert(
      fc.property(policyYamlArb, (text) => {
        fc.pre(!OVERLONG_DURATION.test(text))
        outcomes[expectWellBehavedLoad(text)] += 1
      }),
      { seed: 6002, numRuns: 400 }
    )
    expectBoth(outcomes, 400)
  })

  it('on mutations of valid.yml (delete or insert a character, duplicate or swap lines)', () => {
    const outcomes = { loaded: 0, refused: 0 }
    fc.assert(
      fc.property(
        fc.array(textMutationArb, { minLength: 1, maxLength: 3 }),
        (mutations) => {
          const text = mutations.reduce(applyMutation, VALID_YML)
          fc.pre(!OVERLONG_DURATION.test(text))
          outcomes[expectWellBehavedLoad(text)] += 1
        }
      ),
      { seed: 6003, numRuns: 500 }
    )
    expectBoth(outcomes, 500)
  })

  // Regression (found by fuzzing): a duration the schema's pattern admits
  // but too long to use threw a plain Error without file, line or column;
  // it is now a PolicyError at its place.
  it('reports an overlong duration as a PolicyError naming file, line and column', () => {
    const text = [
      'version: 1',
      'environments:',
      '  production:',
      '    soak: 9999999999999999d',
      ''
    ].join('\n')
    expectWellBehavedLoad(text)
  })
})

// ---------------------------------------------------------------------------
// A policy that loads says what its text says

interface EnvironmentSpec {
  after: string | null
  soak: string
  deployerIndependent: boolean
  pullRequest: number
}

const SECONDS: Readonly<Record<string, number>> = {
  '0': 0,
  '90s': 90,
  '30m': 1800,
  '2h': 7200,
  '1d12h': 129600
}

const environmentSpecArb: fc.Arbitrary<EnvironmentSpec> = fc.record({
  after: fc.constantFrom(null, 'development'),
  soak: fc.constantFrom(...Object.keys(SECONDS)),
  deployerIndependent: fc.boolean(),
  pullRequest: fc.integer({ min: 0, max: 3 })
})

type Style = 'block' | 'flow' | '!!map'

function environmentYaml(spec: EnvironmentSpec, style: Style): string {
  const entries = [
    ...(spec.after === null ? [] : [`after: ${spec.after}`]),
    `soak: ${spec.soak}`,
    `deployer_independent: ${String(spec.deployerIndependent)}`,
    `approvals: {pull_request: ${spec.pullRequest}}`
  ]
  switch (style) {
    case 'block':
      return `\n${entries.map((e) => `    ${e}`).join('\n')}`
    case 'flow':
      return ` {${entries.join(', ')}}`
    case '!!map':
      return ` !!map {${entries.join(', ')}}`
  }
}

function policyText(production: string): string {
  return [
    'version: 1',
    'environments:',
    '  development: {}',
    `  production:${production}`,
    ''
  ].join('\n')
}

function expectFaithful(text: string, spec: EnvironmentSpec): void {
  let policy: Policy
  try {
    policy = loadPolicy(text, SOURCE)
  } catch (error) {
    if (error instanceof PolicyError) return // refusing is always safe
    throw error
  }
  const env = policy.environments.production
  expect(env).toBeDefined()
  expect(env?.after).toEqual(spec.after === null ? [] : [spec.after])
  expect(env?.soakSeconds).toBe(SECONDS[spec.soak])
  expect(env?.deployerIndependent).toBe(spec.deployerIndependent)
  expect(env?.approvals.pullRequest).toBe(spec.pullRequest)
}

describe('a policy that loads says what its text says (never weaker)', () => {
  it('in block style, flow style and with an explicit !!map tag', () => {
    fc.assert(
      fc.property(
        environmentSpecArb,
        fc.constantFrom<Style>('block', 'flow', '!!map'),
        (spec, style) =>
          expectFaithful(policyText(environmentYaml(spec, style)), spec)
      ),
      { seed: 6101, numRuns: 200 }
    )
  })

  // Regression (found by fuzzing): YAML 1.1 tags such as !!omap made a
  // Map the schema saw as an empty object, so the environment's after,
  // soak and approvals were silently dropped. Such values are now refused
  // at their place.
  it('an environment written as an !!omap keeps its after, soak and approvals, or is refused', () => {
    const spec: EnvironmentSpec = {
      after: 'development',
      soak: '2h',
      deployerIndependent: true,
      pullRequest: 2
    }
    const text = [
      'version: 1',
      'environments:',
      '  development: {}',
      '  production: !!omap',
      '    - after: development',
      '    - soak: 2h',
      '    - deployer_independent: true',
      '    - approvals: {pull_request: 2}',
      ''
    ].join('\n')
    expectFaithful(text, spec)
  })

  it('approvals written as an !!omap keep their counts, or are refused', () => {
    const text = [
      'version: 1',
      'environments:',
      '  production:',
      '    approvals: !!omap [pull_request: 2, environment: 1]',
      ''
    ].join('\n')
    let policy: Policy | null = null
    try {
      policy = loadPolicy(text, SOURCE)
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error
    }
    if (policy !== null) {
      expect(policy.environments.production?.approvals.pullRequest).toBe(2)
      expect(policy.environments.production?.approvals.environment).toBe(1)
    }
  })
})

// ---------------------------------------------------------------------------
// The runner's environment and the event payload

let dir = ''
/** Event files the environment may point GITHUB_EVENT_PATH at. */
let eventPaths: Array<string | undefined> = []

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pg-fuzz-'))
  const write = (name: string, content: string): string => {
    const file = join(dir, name)
    writeFileSync(file, content)
    return file
  }
  mkdirSync(join(dir, 'a-directory'))
  eventPaths = [
    undefined,
    '',
    join(dir, 'missing.json'),
    join(dir, 'a-directory'),
    write(
      'deployment.json',
      JSON.stringify({
        deployment: {
          environment: 'production',
          sha: 'b'.repeat(40),
          creator: { login: 'dora' }
        }
      })
    ),
    write('push.json', JSON.stringify({ ref: 'refs/heads/main' })),
    write('not-json.json', '{"deployment": '),
    write('array.json', '[]'),
    write('bad-sha.json', JSON.stringify({ deployment: { sha: 42 } })),
    write('bad-deployment.json', JSON.stringify({ deployment: 'production' })),
    write(
      'proto.json',
      `{"__proto__": {"polluted": "yes"}, "deployment": {"__proto__": {"sha": "${PROTOTYPE_SHA}"}}}`
    )
  ]
})

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true })
})

const SHA40 = /^[0-9a-f]{40}$/

/** What a parsed ActionInputs must look like. */
function expectWellFormedInputs(
  inputs: ActionInputs,
  env: Record<string, string | undefined>
): void {
  const { request } = inputs
  expect(request.sha).toMatch(SHA40)
  expect(['enforce', 'report', 'audit']).toContain(inputs.mode)
  expect(Number.isInteger(inputs.timeoutSeconds)).toBe(true)
  expect(inputs.timeoutSeconds).toBeGreaterThanOrEqual(1)
  expect(inputs.timeoutSeconds).toBeLessThanOrEqual(3600)
  expect(typeof inputs.commitStatus).toBe('boolean')
  expect(inputs.token).toBe((env.INPUT_TOKEN ?? '').trim())
  expect(inputs.token).not.toBe('')
  expect(typeof request.environment).toBe('string')
  expect(request.environment).not.toBe('')
  expect(request.owner).toMatch(/^[^/]+$/)
  expect(request.repo).toMatch(/^[^/]+$/)
  expect(request.policyPath.startsWith('/')).toBe(false)
  expect(request.policyPath).not.toContain(':')
  for (const part of request.policyPath.split('/')) {
    expect(['', '.', '..']).not.toContain(part)
  }
  if (request.policyRef !== null) {
    expect(request.policyRef).not.toMatch(/[\s:~^?*[\\]|\.\./)
  }
  expect(inputs.breakGlassReason).not.toBe('')
  expect(inputs.apiUrl).not.toBe('')
  for (const n of [request.run.id, request.run.attempt]) {
    expect(n === null || Number.isSafeInteger(n)).toBe(true)
  }
  expect(typeof inputs.sources.sha).toBe('string')
}

const tokenInputArb = weighted<string | undefined>(
  [8, tokenArb],
  [1, tokenArb.map((t) => `  ${t}\n`)],
  [1, fc.constantFrom(undefined, '', '   ')]
)

describe('parseInputs fuzz', () => {
  it('returns well-formed inputs or throws an InputError that does not contain the token', () => {
    const outcomes = { parsed: 0, refused: 0 }
    fc.assert(
      fc.property(
        actionEnvArb(Object.values(INPUTS)),
        tokenInputArb,
        fc.nat(),
        (generated, token, event) => {
          const env: Record<string, string | undefined> = {
            ...generated,
            INPUT_TOKEN: token,
            GITHUB_EVENT_PATH: eventPaths[event % eventPaths.length]
          }
          const secret = (token ?? '').trim()
          let inputs: ActionInputs
          try {
            inputs = parseInputs(env)
          } catch (error) {
            if (!(error instanceof InputError)) {
              throw new Error(
                `parseInputs threw ${describeError(error)} instead of an InputError`
              )
            }
            expect(error.message.trim()).not.toBe('')
            if (secret !== '') {
              expect(error.message).not.toContain(secret)
              expect(error.hint ?? '').not.toContain(secret)
            }
            outcomes.refused += 1
            return
          } finally {
            expectNoPollution()
          }
          expectWellFormedInputs(inputs, env)
          outcomes.parsed += 1
        }
      ),
      { seed: 7001, numRuns: 500 }
    )
    expectBoth(outcomes, 500)
  })

  // Regression (found by fuzzing): a long GITHUB_RUN_ID became Infinity in
  // the run URL; only whole numbers JavaScript holds exactly are kept.
  it('keeps run ids whole numbers', () => {
    let inputs: ActionInputs
    try {
      inputs = parseInputs({
        GITHUB_REPOSITORY: 'acme/shop',
        GITHUB_SHA: 'a'.repeat(40),
        INPUT_TOKEN: 'ghs_secret',
        INPUT_ENVIRONMENT: 'production',
        GITHUB_RUN_ID: '9'.repeat(400)
      })
    } catch (error) {
      if (error instanceof InputError) return
      throw error
    }
    const id = inputs.request.run.id
    expect(id === null || Number.isSafeInteger(id)).toBe(true)
  })
})

describe('readEvent fuzz', () => {
  it('returns strings or nulls, or throws an InputError; never pollutes Object.prototype', () => {
    const file = join(dir, 'event.json')
    const outcomes = { read: 0, refused: 0 }
    fc.assert(
      fc.property(eventTextArb, (text) => {
        writeFileSync(file, text)
        let fields: ReturnType<typeof readEvent>
        try {
          fields = readEvent(file)
        } catch (error) {
          if (!(error instanceof InputError)) {
            throw new Error(
              `readEvent threw ${describeError(error)} instead of an InputError`
            )
          }
          expect(error.message).toMatch(/event payload/)
          outcomes.refused += 1
          return
        } finally {
          expectNoPollution()
        }
        for (const value of [fields.environment, fields.sha, fields.deployer]) {
          expect(value === null || typeof value === 'string').toBe(true)
        }
        // the prototype's keys never become the deployment's
        expect(fields.sha).not.toBe(PROTOTYPE_SHA)
        expect(fields.environment).not.toBe(PROTOTYPE_SHA)
        outcomes.read += 1
      }),
      { seed: 7002, numRuns: 400 }
    )
    expectBoth(outcomes, 400)
  })

  it('then parseInputs still gives a 40-hex sha or an InputError', () => {
    const file = join(dir, 'event-for-inputs.json')
    let parsed = 0
    fc.assert(
      fc.property(eventTextArb, tokenArb, (text, token) => {
        writeFileSync(file, text)
        const env = {
          GITHUB_REPOSITORY: 'acme/shop',
          GITHUB_EVENT_PATH: file,
          INPUT_TOKEN: token
        }
        try {
          const inputs = parseInputs(env)
          expect(inputs.request.sha).toMatch(SHA40)
          expect(inputs.request.environment).not.toBe('')
          parsed += 1
        } catch (error) {
          if (!(error instanceof InputError)) {
            throw new Error(
              `parseInputs threw ${describeError(error)} instead of an InputError`
            )
          }
          expect(error.message).not.toContain(token)
        }
        expectNoPollution()
      }),
      { seed: 7003, numRuns: 300 }
    )
    // the event alone named a good sha and environment often enough
    expect(parsed).toBeGreaterThan(300 / 20)
  })
})
