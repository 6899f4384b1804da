import { describe, expect, it } from '@jest/globals'
import type { DeploymentFact } from '../../../src/engine/facts.js'
import {
  environmentsToRead,
  settledByBootstrap,
  unsettled,
  wantMore,
  type DeploymentNeed,
  type DeploymentPage
} from '../../../src/engine/gather/deployments.js'
import { makeRequest } from '../../../src/engine/request.js'
import {
  SHA,
  aDeployment,
  anEnvironmentPolicy,
  type EnvironmentPolicyOverrides
} from '../../../__fixtures__/facts.js'

const PREVIOUS = 'b'.repeat(40)

function aNeed(
  policy: EnvironmentPolicyOverrides = {},
  previous: string | null = null
): DeploymentNeed {
  return {
    request: makeRequest({
      owner: 'acme',
      repo: 'shop',
      environment: 'production',
      sha: SHA,
      policyPath: '.github/promotion-gate.yml'
    }),
    policy: anEnvironmentPolicy(policy),
    chain: ['development', 'staging'],
    committedDate: '2024-05-01T06:00:00Z',
    previous: () => previous
  }
}

function aPage(
  list: DeploymentFact[],
  cursor: string | null = null
): DeploymentPage {
  return {
    list,
    cursor,
    statusPages: list.map((d) => ({
      alias: `s${d.id}`,
      id: `D_${d.id}`,
      kind: 'statuses' as const,
      after: 'c'
    })),
    statusTotals: new Map(list.map((d) => [d.id, 1]))
  }
}

describe('environmentsToRead', () => {
  it('reads the upstream chain, and the target itself for a range', () => {
    expect(environmentsToRead(aNeed())).toEqual([
      'development',
      'staging',
      'production'
    ])
    expect(environmentsToRead(aNeed({ scope: 'head' }))).toEqual([
      'development',
      'staging'
    ])
  })
})

describe('settledByBootstrap', () => {
  const staging = aDeployment({ id: 1, environment: 'staging' })
  const production = aDeployment({ id: 2, environment: 'production' })
  const envs = ['development', 'staging', 'production']

  it('takes the commit’s deployments upstream and the target’s last page', () => {
    const read = settledByBootstrap(
      { here: aPage([production]), shipped: aPage([staging]) },
      envs,
      aNeed()
    )
    expect([...read.byEnvironment]).toEqual([
      ['development', []],
      ['staging', [staging]],
      ['production', [production]]
    ])
    expect(read.statusPages.map((p) => p.alias)).toEqual(['s1', 's2'])
    expect([...read.statusTotals]).toEqual([
      [1, 1],
      [2, 1]
    ])
    expect(unsettled(envs, read)).toEqual([])
  })

  it('leaves to the context query what may lie beyond a page', () => {
    const read = settledByBootstrap(
      { here: aPage([production], 'more'), shipped: aPage([staging], 'more') },
      envs,
      aNeed()
    )
    expect(read.byEnvironment.size).toBe(0)
    expect(unsettled(envs, read)).toEqual([
      { alias: 'd0', environment: 'development', after: null },
      { alias: 'd1', environment: 'staging', after: null },
      { alias: 'd2', environment: 'production', after: null }
    ])
  })

  it('settles the target on a page that holds its previous success', () => {
    const read = settledByBootstrap(
      { here: aPage([production], 'more'), shipped: null },
      envs,
      aNeed({}, PREVIOUS)
    )
    expect([...read.byEnvironment.keys()]).toEqual(['production'])
  })

  it('settles nothing upstream when another commit’s deployment may count', () => {
    const read = settledByBootstrap(
      { here: aPage([]), shipped: aPage([staging]) },
      envs,
      aNeed({ match: 'tree' })
    )
    expect([...read.byEnvironment.keys()]).toEqual(['production'])
  })

  it('settles nothing without the bootstrap’s pages', () => {
    expect(settledByBootstrap(null, envs, aNeed()).byEnvironment.size).toBe(0)
  })
})

describe('wantMore', () => {
  const at = (createdAt: string): DeploymentFact[] => [
    aDeployment({ createdAt })
  ]

  it.each([
    ['the target, until its previous success', 'production', aNeed(), true],
    [
      'the target, once its previous success is read',
      'production',
      aNeed({}, PREVIOUS),
      false
    ],
    [
      'upstream with match: tree, always',
      'staging',
      aNeed({ match: 'tree' }),
      true
    ]
  ])('%s', (_case, env, need, more) => {
    expect(wantMore(env, at('2024-05-01T08:00:00Z'), need)).toBe(more)
  })

  it('stops upstream at deployments older than the commit', () => {
    expect(wantMore('staging', at('2024-05-01T08:00:00Z'), aNeed())).toBe(true)
    expect(wantMore('staging', at('2024-05-01T05:00:00Z'), aNeed())).toBe(false)
    expect(wantMore('staging', [], aNeed())).toBe(false)
  })
})
