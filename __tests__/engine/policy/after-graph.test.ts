import { describe, expect, it } from '@jest/globals'
import { loadPolicy } from '../../../src/engine/policy/load.js'
import type { Policy } from '../../../src/engine/policy/types.js'
import { upstreamChain } from '../../../src/engine/rules/promotion.js'
import { fixture, problems, source } from './helpers.js'

describe('loadPolicy: after', () => {
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
