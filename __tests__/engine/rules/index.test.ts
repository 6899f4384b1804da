import { describe, expect, it } from '@jest/globals'
import {
  CHECK_IDS,
  CONTROLS,
  assertNever,
  decide,
  policyCheck,
  policyFailure,
  runChecks,
  type CheckResult,
  type CheckStatus
} from '../../../src/engine/rules/index.js'
import {
  NOW,
  aFacts,
  aSuccessfulDeployment,
  anEnvironmentPolicy
} from '../../../__fixtures__/facts.js'

const aResult = (status: CheckStatus): CheckResult => ({
  id: 'promotion',
  status,
  summary: status,
  problems: [],
  controls: [],
  links: []
})

describe('runChecks', () => {
  describe('when everything holds', () => {
    it('runs every check but policy, in SPEC order, and allows', () => {
      const facts = aFacts({
        upstream: {
          staging: [aSuccessfulDeployment('2024-05-01T09:00:00Z')]
        }
      })
      const results = runChecks(
        facts,
        anEnvironmentPolicy({ after: ['staging'] }),
        NOW,
        ['staging']
      )
      expect(results.map((r) => r.id)).toEqual(CHECK_IDS.slice(1))
      expect(results.map((r) => r.status)).toEqual([
        'pass',
        'pass',
        'pass',
        'pass',
        'pass',
        'skipped',
        'pass',
        'pass'
      ])
      expect(decide([policyCheck('pass', 'read'), ...results])).toBe('allow')
    })
  })

  describe('when the deployer made the change they deploy', () => {
    it('blocks', () => {
      const results = runChecks(
        aFacts({ deployer: 'alice' }),
        anEnvironmentPolicy({ deployerIndependent: true }),
        NOW,
        []
      )
      expect(results.find((r) => r.id === 'segregation')?.status).toBe('fail')
      expect(decide(results)).toBe('block')
    })
  })
})

describe('decide', () => {
  it.each<[string, CheckStatus[], 'allow' | 'block']>([
    ['no results', [], 'block'],
    ['only skipped results', ['skipped', 'skipped'], 'block'],
    ['passes and skips', ['pass', 'skipped', 'pass'], 'allow'],
    ['a failure', ['pass', 'fail'], 'block'],
    ['an error', ['pass', 'skipped', 'error'], 'block']
  ])('%s -> %s', (_case, statuses, verdict) => {
    expect(decide(statuses.map(aResult))).toBe(verdict)
  })

  it('throws on a status it does not know, rather than allow', () => {
    expect(() => decide([aResult('maybe' as CheckStatus)])).toThrow(
      'unexpected value: "maybe"'
    )
  })
})

describe('policyCheck', () => {
  it('passes', () => {
    expect(policyCheck('pass', 'read .github/promotion-gate.yml')).toEqual({
      id: 'policy',
      status: 'pass',
      summary: 'read .github/promotion-gate.yml',
      problems: [],
      controls: [...CONTROLS.policy],
      links: []
    })
  })

  it('fails with the summary as its problem', () => {
    const r = policyCheck('fail', 'environment qa is not in the policy')
    expect(r.status).toBe('fail')
    expect(r.problems).toEqual(['environment qa is not in the policy'])
  })

  it('takes explicit problems', () => {
    const r = policyCheck('error', 'unreadable', ['a', 'b'])
    expect(r.status).toBe('error')
    expect(r.problems).toEqual(['a', 'b'])
  })

  it('builds a failure from a multi-line message', () => {
    const r = policyFailure('policy.yml:3:1: bad\npolicy.yml:4:2: worse')
    expect(r).toMatchObject({
      status: 'fail',
      summary: 'policy.yml:3:1: bad',
      problems: ['policy.yml:3:1: bad', 'policy.yml:4:2: worse']
    })
    expect(policyFailure('403', 'error').status).toBe('error')
  })
})

describe('types', () => {
  it('declares each check id once, with controls', () => {
    expect(new Set(CHECK_IDS).size).toBe(CHECK_IDS.length)
    for (const id of CHECK_IDS) {
      expect(CONTROLS[id].length).toBeGreaterThan(0)
    }
  })

  it('assertNever throws', () => {
    expect(() => assertNever('x' as never)).toThrow('unexpected value: "x"')
  })
})
