import { describe, expect, it } from '@jest/globals'
import {
  check,
  isRunOfThisRepository,
  upstreamChain
} from '../../../src/engine/rules/promotion.js'
import type { DeploymentFact, Facts } from '../../../src/engine/facts.js'
import {
  NOW,
  REPO_URL,
  SHA,
  TREE,
  aCommit,
  aDeployment,
  aFacts,
  aStatus,
  aSuccessfulDeployment,
  anActor,
  anEnvironmentPolicy,
  anUnreadable,
  jobUrl,
  runUrl,
  sha,
  type EnvironmentPolicyOverrides
} from '../../../__fixtures__/facts.js'

const CHAIN = ['development', 'staging']

/** production after staging after development, both deployed in order */
function promoted(
  upstream: Facts['upstream'] = {},
  policy: EnvironmentPolicyOverrides = {},
  facts: Partial<Facts> = {},
  chain: Parameters<typeof check>[3] = CHAIN
): ReturnType<typeof check> {
  return check(
    aFacts({
      upstream: {
        development: [
          aSuccessfulDeployment('2024-05-01T08:00:00Z', {
            id: 1,
            environment: 'development'
          })
        ],
        staging: [aSuccessfulDeployment('2024-05-01T09:00:00Z', { id: 2 })],
        ...upstream
      },
      ...facts
    }),
    anEnvironmentPolicy({ after: ['staging'], ...policy }),
    NOW,
    chain
  )
}

const staging = (...deployments: DeploymentFact[]): Facts['upstream'] => ({
  staging: deployments
})

describe('promotion', () => {
  describe('when the environment has no upstream', () => {
    it('passes', () => {
      const r = check(aFacts(), anEnvironmentPolicy(), NOW)
      expect(r.status).toBe('pass')
      expect(r.summary).toBe('no upstream environment required')
      expect(r.id).toBe('promotion')
      expect(r.controls).toContain('ISO/IEC 27001:2022 A.8.31')
    })
  })

  describe('when the commit went through the path in order', () => {
    it('passes and links the deployments it relied on', () => {
      const r = promoted()
      expect(r.status).toBe('pass')
      expect(r.problems).toEqual([])
      expect(r.summary).toBe(
        'a1b2c3d was promoted through development → staging'
      )
      expect(r.links.map((l) => l.label)).toEqual([
        'deployment #1 to development (success at 2024-05-01T08:05:00.000Z)',
        'deployment #2 to staging (success at 2024-05-01T09:05:00.000Z)'
      ])
      expect(r.links[0]?.kind).toBe('deployment')
      expect(r.links[0]?.url).toBe(jobUrl(1))
    })

    it('says the soak in the summary', () => {
      const r = promoted({}, { soakSeconds: 3600 })
      expect(r.status).toBe('pass')
      expect(r.summary).toContain('and soaked 1h')
    })
  })

  describe.each([
    [
      'was never deployed there',
      staging(
        aSuccessfulDeployment('2024-05-01T09:00:00Z', { sha: sha('ffff') })
      ),
      {},
      'a1b2c3d was never deployed successfully to staging: deploy it to staging before production'
    ],
    [
      'has another sha with the same tree but match is commit',
      staging(
        aSuccessfulDeployment('2024-05-01T09:00:00Z', { sha: sha('ffff') })
      ),
      { match: 'commit' as const },
      'never deployed successfully to staging'
    ],
    [
      'has another sha, tree match, but no tree known',
      staging(
        aSuccessfulDeployment('2024-05-01T09:00:00Z', {
          sha: sha('ffff'),
          treeOid: null
        })
      ),
      { match: 'tree' as const },
      'neither a1b2c3d nor a commit with its tree (7ee7ee7) was ever deployed successfully to staging'
    ],
    [
      'succeeded then failed',
      staging(
        aDeployment({
          id: 42,
          statuses: [
            aStatus({ createdAt: '2024-05-01T09:05:00Z' }),
            aStatus({ state: 'failure', createdAt: '2024-05-01T09:30:00Z' })
          ]
        })
      ),
      {},
      'the deployment #42 of a1b2c3d to staging succeeded at 2024-05-01T09:05:00Z then was marked failure at 2024-05-01T09:30:00Z: deploy a1b2c3d to staging again'
    ],
    [
      'succeeded then errored',
      staging(
        aDeployment({
          statuses: [
            aStatus(),
            aStatus({ state: 'error', createdAt: '2024-05-01T09:30:00Z' })
          ]
        })
      ),
      {},
      'then was marked error'
    ],
    [
      'never reached success',
      staging(aDeployment({ statuses: [aStatus({ state: 'in_progress' })] })),
      {},
      'never reached success (last state: in_progress)'
    ],
    [
      'has no status at all',
      staging(aDeployment({ statuses: [] })),
      {},
      'never reached success (no status)'
    ],
    [
      'succeeded only after now',
      staging(
        aDeployment({
          statuses: [aStatus({ createdAt: '2024-05-01T12:00:01Z' })]
        })
      ),
      {},
      'never reached success (no status)'
    ],
    [
      'was created after now',
      staging(aSuccessfulDeployment('2024-05-01T12:30:00Z')),
      {},
      'never deployed successfully to staging'
    ],
    [
      'was forged by hand',
      staging(aDeployment({ id: 7, creator: anActor('mallory') })),
      {},
      'the deployment #7 of a1b2c3d to staging was created by mallory, not a trusted deployer (github-actions[bot])'
    ],
    [
      'was made by a deleted account',
      staging(aDeployment({ creator: null })),
      {},
      'was created by a deleted account, not a trusted deployer'
    ],
    [
      'is by github-actions[bot] without a log url',
      staging(aDeployment({ id: 7, statuses: [aStatus({ logUrl: null })] })),
      {},
      'the deployment #7 of a1b2c3d to staging by github-actions[bot] links to no job of a workflow run of acme/shop (no log url)'
    ],
    [
      "is by github-actions[bot] linking another repository's run",
      staging(
        aDeployment({
          statuses: [
            aStatus({ logUrl: 'https://github.com/evil/fork/actions/runs/1' })
          ]
        })
      ),
      {},
      'links to no job of a workflow run of acme/shop (https://github.com/evil/fork/actions/runs/1)'
    ]
  ])('when the staging deployment %s', (_case, upstream, policy, problem) => {
    it('fails and says why', () => {
      const r = promoted(upstream, policy)
      expect(r.status).toBe('fail')
      expect(r.summary).toBe(
        'a1b2c3d did not come through development → staging as production requires'
      )
      expect(r.problems.join('\n')).toContain(problem)
    })
  })

  describe.each([
    [
      'was superseded (inactive) after success',
      staging(
        aDeployment({
          statuses: [
            aStatus(),
            aStatus({ state: 'inactive', createdAt: '2024-05-01T10:00:00Z' })
          ]
        })
      ),
      {}
    ],
    [
      'failed once before it succeeded',
      staging(
        aDeployment({
          statuses: [
            aStatus({ state: 'failure', createdAt: '2024-05-01T08:01:00Z' }),
            aStatus({ createdAt: '2024-05-01T08:10:00Z' })
          ]
        })
      ),
      {}
    ],
    [
      'failed only after now',
      staging(
        aDeployment({
          statuses: [
            aStatus(),
            aStatus({ state: 'failure', createdAt: '2024-05-01T12:30:00Z' })
          ]
        })
      ),
      {}
    ],
    [
      'is of another commit with the same tree (match: tree)',
      staging(
        aSuccessfulDeployment('2024-05-01T09:00:00Z', { sha: sha('ffff') })
      ),
      { match: 'tree' as const }
    ],
    [
      'has one forged record and one real one',
      staging(
        aDeployment({ id: 7, creator: anActor('mallory') }),
        aSuccessfulDeployment('2024-05-01T09:00:00Z')
      ),
      {}
    ],
    [
      'links a job of a run',
      staging(
        aDeployment({
          statuses: [aStatus({ logUrl: `${runUrl(5)}/job/77` })]
        })
      ),
      {}
    ],
    [
      'is by a trusted deployer other than github-actions[bot], without a log url',
      staging(
        aDeployment({
          creator: anActor('deploy-bot[bot]', 'Bot'),
          statuses: [aStatus({ logUrl: null })]
        })
      ),
      { trustedDeployers: ['github-actions[bot]', 'Deploy-Bot[bot]'] }
    ],
    [
      'is by GitHub-Actions[bot] in another case',
      staging(aDeployment({ creator: anActor('GitHub-Actions[bot]', 'Bot') })),
      {}
    ]
  ])('when the staging deployment %s', (_case, upstream, policy) => {
    it('passes', () => {
      const r = promoted(upstream, policy)
      expect(r.problems).toEqual([])
      expect(r.status).toBe('pass')
    })
  })

  describe('when a deployment without a log url is relied on', () => {
    it('links the environment deployments page', () => {
      const r = promoted(
        staging(
          aDeployment({
            creator: anActor('deploy-bot[bot]', 'Bot'),
            statuses: [aStatus({ logUrl: null })]
          })
        ),
        { trustedDeployers: ['deploy-bot[bot]', 'github-actions[bot]'] },
        { serverUrl: 'https://github.com/' }
      )
      expect(r.links.map((l) => l.url)).toContain(
        `${REPO_URL}/deployments/staging`
      )
    })
  })

  describe('when the promotion is out of order', () => {
    it('fails when development succeeded after staging', () => {
      const r = promoted({
        development: [
          aSuccessfulDeployment('2024-05-01T10:00:00Z', {
            environment: 'development'
          })
        ],
        staging: [aSuccessfulDeployment('2024-05-01T09:00:00Z')]
      })
      expect(r.status).toBe('fail')
      expect(r.problems).toEqual([
        'development succeeded after staging: promotion out of order (a1b2c3d last succeeded in staging at 2024-05-01T09:05:00.000Z, first in development at 2024-05-01T10:05:00.000Z); deploy it to staging again'
      ])
    })

    it('passes when a later staging success follows development', () => {
      const r = promoted({
        development: [
          aSuccessfulDeployment('2024-05-01T08:00:00Z', {
            environment: 'development'
          })
        ],
        staging: [
          aSuccessfulDeployment('2024-05-01T09:00:00Z', { id: 3 }),
          aSuccessfulDeployment('2024-05-01T07:00:00Z', { id: 2 })
        ]
      })
      expect(r.status).toBe('pass')
      expect(r.links.map((l) => l.label)).toContain(
        'deployment #3 to staging (success at 2024-05-01T09:05:00.000Z)'
      )
    })

    it('does not order environments that are not on one path', () => {
      const policy = { after: ['staging', 'qa'] }
      const r = promoted(
        {
          qa: [
            aSuccessfulDeployment('2024-05-01T08:30:00Z', { environment: 'qa' })
          ]
        },
        policy,
        {},
        [
          { name: 'development', after: [] },
          { name: 'qa', after: ['development'] },
          { name: 'staging', after: ['development'] }
        ]
      )
      expect(r.status).toBe('pass')
      expect(r.summary).toContain('development → qa → staging')
    })

    it('orders after the latest of several predecessors', () => {
      const qa = [
        aSuccessfulDeployment('2024-05-01T07:00:00Z', { environment: 'qa' })
      ]
      const chain = [
        { name: 'development', after: [] },
        { name: 'qa', after: [] },
        { name: 'staging', after: ['development', 'qa'] }
      ]
      expect(promoted({ qa }, {}, {}, chain).status).toBe('pass')
      const late = promoted(
        {
          qa: [
            aSuccessfulDeployment('2024-05-01T09:30:00Z', { environment: 'qa' })
          ]
        },
        {},
        {},
        chain
      )
      expect(late.problems[0]).toContain('qa succeeded after staging')
    })

    it('reads a list of names as one path', () => {
      const r = promoted(
        {
          qa: [
            aSuccessfulDeployment('2024-05-01T08:30:00Z', { environment: 'qa' })
          ]
        },
        {},
        {},
        ['development', 'staging', 'qa']
      )
      expect(r.status).toBe('fail')
      expect(r.problems[0]).toContain('staging succeeded after qa')
    })
  })

  describe('when the soak has not passed', () => {
    it('fails with the time to go', () => {
      const r = promoted(
        staging(aSuccessfulDeployment('2024-05-01T11:30:00Z')),
        { soakSeconds: 7200 }
      )
      expect(r.status).toBe('fail')
      expect(r.problems).toEqual([
        'staging succeeded 25m ago; production needs 2h soak (1h35m to go)'
      ])
    })

    it('measures from the earliest success, not a redeploy', () => {
      const r = promoted(
        staging(
          aSuccessfulDeployment('2024-05-01T09:00:00Z'),
          aSuccessfulDeployment('2024-05-01T11:50:00Z')
        ),
        { soakSeconds: 7200 }
      )
      expect(r.status).toBe('pass')
    })

    it('passes once exactly the soak has passed', () => {
      // staging succeeded at 09:05, now is 12:00
      expect(promoted({}, { soakSeconds: 2 * 3600 + 55 * 60 }).status).toBe(
        'pass'
      )
      expect(
        promoted({}, { soakSeconds: 2 * 3600 + 55 * 60 + 1 }).problems
      ).toEqual([
        'staging succeeded 2h55m ago; production needs 2h55m1s soak (1s to go)'
      ])
    })
  })

  describe('when a direct after environment is missing from the chain', () => {
    it('still checks it', () => {
      const r = promoted(staging(), {}, {}, [])
      expect(r.status).toBe('fail')
      expect(r.summary).toContain('through staging')
      expect(r.problems[0]).toContain('never deployed successfully to staging')
    })
  })

  describe('when upstream deployments cannot be read', () => {
    it('is an error naming the permission', () => {
      const r = promoted({
        staging: anUnreadable('deployments: read', '403 Forbidden')
      })
      expect(r.status).toBe('error')
      expect(r.summary).toBe(
        'could not verify that a1b2c3d came through development → staging'
      )
      expect(r.problems).toEqual([
        'cannot read the deployments of staging: grant the token `deployments: read` (GitHub said: 403 Forbidden)'
      ])
    })

    it('is an error when they were not gathered', () => {
      const facts = aFacts({ upstream: {} })
      const r = check(facts, anEnvironmentPolicy({ after: ['staging'] }), NOW, [
        'staging'
      ])
      expect(r.status).toBe('error')
      expect(r.problems[0]).toContain(
        'the deployments of staging were not gathered'
      )
    })

    it('fails when another environment definitely fails', () => {
      const r = promoted({
        development: anUnreadable('deployments: read'),
        staging: []
      })
      expect(r.status).toBe('fail')
      expect(r.problems).toHaveLength(2)
    })
  })

  describe('when the deployed commit is compared by tree', () => {
    it('uses the tree of the deployed commit', () => {
      const r = promoted(
        staging(
          aSuccessfulDeployment('2024-05-01T09:00:00Z', {
            sha: sha('ffff'),
            treeOid: sha('0ther')
          })
        ),
        { match: 'tree' },
        { commit: aCommit({ treeOid: TREE }) }
      )
      expect(r.status).toBe('fail')
      expect(r.problems[0]).toContain('nor a commit with its tree')
    })
  })
})

describe('isRunOfThisRepository', () => {
  const facts = aFacts()
  it.each([
    [runUrl(123), true],
    [`${runUrl(123)}/`, true],
    [`${runUrl(123)}/job/456`, true],
    [`${runUrl(123)}/attempts/2`, true],
    [`${runUrl(123)}?pr=4`, true],
    ['https://GITHUB.com/ACME/Shop/actions/runs/123', true],
    [null, false],
    ['https://github.com/acme/shop/actions/runs/abc', false],
    ['https://github.com/acme/shop/actions/runs/123/job/x', false],
    ['https://github.com/acme/shopping/actions/runs/123', false],
    ['https://github.com.evil.com/acme/shop/actions/runs/123', false],
    ['https://evil.com/acme/shop/actions/runs/123', false],
    ['http://github.com/acme/shop/actions/runs/123', false],
    ['https://github.com/acme/shop/actions/runs/123/../../../x', false]
  ])('%s -> %s', (url, expected) => {
    expect(isRunOfThisRepository(url, facts)).toBe(expected)
  })

  it('honours a GitHub Enterprise Server url', () => {
    const ghes = aFacts({ serverUrl: 'https://ghe.example.com/' })
    expect(
      isRunOfThisRepository(
        'https://ghe.example.com/acme/shop/actions/runs/9',
        ghes
      )
    ).toBe(true)
    expect(isRunOfThisRepository(runUrl(9), ghes)).toBe(false)
  })
})

describe('upstreamChain', () => {
  const env = (name: string, after: string[]) =>
    anEnvironmentPolicy({ name, after })
  const environments = {
    development: env('development', []),
    qa: env('qa', ['development']),
    staging: env('staging', ['development']),
    production: env('production', ['staging', 'qa'])
  }

  it('orders the transitive chain earliest first', () => {
    expect(upstreamChain(environments, 'production')).toEqual([
      { name: 'development', after: [], trustedWorkflows: null },
      { name: 'staging', after: ['development'], trustedWorkflows: null },
      { name: 'qa', after: ['development'], trustedWorkflows: null }
    ])
  })

  it('is empty without after', () => {
    expect(upstreamChain(environments, 'development')).toEqual([])
  })

  it('is empty for an unknown environment', () => {
    expect(upstreamChain(environments, 'nowhere')).toEqual([])
  })

  it('cuts cycles and treats unknown names as having no predecessors', () => {
    expect(
      upstreamChain({ a: env('a', ['b']), b: env('b', ['a', 'ghost']) }, 'a')
    ).toEqual([
      { name: 'ghost', after: [], trustedWorkflows: null },
      { name: 'b', after: ['a', 'ghost'], trustedWorkflows: null }
    ])
  })
})

// keep SHA used for readability of the fixtures above
void SHA
