// Reading which app a required check is pinned to, and whether the check
// runs of GitHub Actions a pinned check relies on are workflow jobs.
import { describe, expect, it } from '@jest/globals'
import type { CheckResultFact } from '../../../src/engine/facts.js'
import { readRollup } from '../../../src/engine/gather/ci-results.js'
import {
  parseClassicProtection,
  parseRefRules,
  parseRules
} from '../../../src/engine/gather/parse-protection.js'
import {
  pinnedToActions,
  proveJobs
} from '../../../src/engine/gather/workflow-jobs.js'
import { BOOTSTRAP_QUERY } from '../../../src/engine/gather/queries.js'
import {
  READ_PERMISSIONS,
  reviewedChange,
  standard
} from '../../../test-support/demo/scenarios.js'
import { GITHUB_ACTIONS_APP } from '../../../test-support/sim/model.js'
import {
  aBranch,
  aClassicProtection,
  aRule,
  anUnreadable
} from '../../../__fixtures__/facts.js'
import { onSimulator, routes, scripted } from './ports.js'

describe('the pin of a required check', () => {
  it('is read from a ruleset rule over REST (`integration_id`)', () => {
    const [rule] = parseRules(
      [
        {
          type: 'required_status_checks',
          ruleset_id: 3,
          parameters: {
            strict_required_status_checks_policy: false,
            required_status_checks: [
              { context: 'test', integration_id: 15368 },
              { context: 'lint' }
            ]
          }
        }
      ],
      'rules'
    )
    expect(rule?.requiredStatusChecks).toEqual(['test', 'lint'])
    expect(rule?.pinnedChecks).toEqual([{ context: 'test', appId: 15368 }])
  })

  it('is read from GraphQL `Ref.rules` (`integrationId`), and asked there', () => {
    expect(BOOTSTRAP_QUERY).toContain(
      'requiredStatusChecks { context integrationId }'
    )
    const rules = parseRefRules(
      {
        pageInfo: { hasNextPage: false, endCursor: null },
        nodes: [
          {
            type: 'REQUIRED_STATUS_CHECKS',
            parameters: {
              __typename: 'RequiredStatusChecksParameters',
              requiredStatusChecks: [
                { context: 'test', integrationId: 15368 },
                { context: 'lint', integrationId: null }
              ]
            },
            repositoryRuleset: { databaseId: 3, enforcement: 'ACTIVE' }
          }
        ]
      },
      'rules'
    )
    expect(rules?.[0]?.pinnedChecks).toEqual([
      { context: 'test', appId: 15368 }
    ])
  })

  it('is read from classic protection (`checks[].app_id`); -1 and null are any app', () => {
    const classic = parseClassicProtection(
      {
        required_status_checks: {
          contexts: ['test', 'lint', 'e2e'],
          checks: [
            { context: 'test', app_id: 15368 },
            { context: 'lint', app_id: -1 },
            { context: 'e2e', app_id: null }
          ]
        }
      },
      'protection'
    )
    expect(classic.requiredStatusChecks).toEqual(['test', 'lint', 'e2e'])
    expect(classic.pinnedChecks).toEqual([{ context: 'test', appId: 15368 }])
    expect(
      parseClassicProtection({ required_status_checks: null }, 'p').pinnedChecks
    ).toBeUndefined()
  })

  it('names the contexts pinned to GitHub Actions, from readable rules and protection', () => {
    const names = pinnedToActions([
      aBranch({
        rules: [
          aRule('required_status_checks', {
            pinnedChecks: [
              { context: 'test', appId: 15368 },
              { context: 'other', appId: 9 }
            ]
          })
        ],
        classic: aClassicProtection({
          pinnedChecks: [{ context: 'build', appId: 15368 }]
        })
      }),
      aBranch({ rules: anUnreadable(), classic: anUnreadable() })
    ])
    expect([...names].sort()).toEqual(['build', 'test'])
  })
})

describe('proveJobs, against the simulator', () => {
  it('tells the job of a workflow run from a check run a workflow token made through the Checks API', async () => {
    const { world, sha } = standard(reviewedChange)
    // the test job of the CI run `standard` made, and a forged `lint`
    const token = world.sim.workflowToken({
      ...READ_PERMISSIONS,
      checks: 'write'
    })
    const forged = await onSimulator(world, token, async (port) => {
      const made = await port.rest('POST /repos/{owner}/{repo}/check-runs', {
        owner: 'acme',
        repo: 'shop',
        name: 'lint',
        head_sha: sha,
        status: 'completed',
        conclusion: 'success'
      })
      return made.data as { app: { id: number }; check_suite: { id: number } }
    })
    // GitHub files it under the GitHub Actions app, in the suite of the
    // commit's first workflow run
    expect(forged.app.id).toBe(GITHUB_ACTIONS_APP.id)
    const first = world.repo.data.runs.find((r) => r.headSha === sha)
    expect(forged.check_suite.id).toBe((first?.id ?? 0) + 1)

    const read = await onSimulator(world, token, async (port, server) => {
      const answer = await port.graphql<Record<string, unknown>>(
        BOOTSTRAP_QUERY,
        {
          owner: 'acme',
          name: 'shop',
          sha,
          head: sha,
          environment: 'production',
          policyExpression: 'main:.github/promotion-gate.yml',
          policyPath: '.github/promotion-gate.yml'
        }
      )
      const repo = (answer.data as { repository: { checks: unknown } })
        .repository
      const rollup = readRollup(
        repo.checks as Record<string, unknown>,
        sha,
        'checks',
        []
      )
      const results = rollup.results as CheckResultFact[]
      const before = server.requests.length
      await proveJobs(port, [{ sha, results }], new Set(['test', 'lint']))
      return { results, asked: routes(server).slice(before) }
    })
    const byName = new Map(read.results.map((r) => [r.name, r]))
    expect(byName.get('test')).toMatchObject({ appId: 15368, job: true })
    expect(byName.get('lint')).toMatchObject({ appId: 15368, job: false })
    // one query for both
    expect(read.asked).toEqual(['POST /graphql'])
  }, 30_000)

  it('asks nothing when no check is pinned to GitHub Actions', async () => {
    const port = scripted({})
    const results = [
      {
        kind: 'check_run' as const,
        name: 'test',
        state: 'success',
        completed: true,
        url: null,
        workflowRunId: 1,
        by: 'github-actions',
        appId: 15368,
        nodeId: 'CR_1',
        at: null
      }
    ]
    await proveJobs(port, [{ sha: 'a'.repeat(40), results }], new Set())
    await proveJobs(port, [{ sha: 'a'.repeat(40), results }], new Set(['x']))
    expect(port.calls).toEqual([])
  })

  it('takes an error or a missing node as "cannot tell", naming checks: read', async () => {
    const run = (nodeId: string | undefined): CheckResultFact => ({
      kind: 'check_run',
      name: 'test',
      state: 'success',
      completed: true,
      url: null,
      workflowRunId: 1,
      by: 'github-actions',
      appId: 15368,
      ...(nodeId === undefined ? {} : { nodeId }),
      at: null
    })
    const results = [run('CR_1'), run('CR_2'), run(undefined)]
    const port = scripted({
      graphql: [
        {
          data: { j0: null, j1: null },
          errors: [{ message: 'Forbidden', path: ['j0'] }]
        }
      ]
    })
    await proveJobs(port, [{ sha: 'a'.repeat(40), results }], new Set(['test']))
    expect(results.map((r) => r.job)).toEqual([
      anUnreadable('checks: read', 'Forbidden'),
      anUnreadable('checks: read', 'GitHub did not return the check run'),
      anUnreadable('checks: read', 'GitHub gave no id for the check run')
    ])
  })

  it('skips a rollup it could not read, asks once for a check run two rollups share, and takes an answer without data as "cannot tell"', async () => {
    const run = (): CheckResultFact => ({
      kind: 'check_run',
      name: 'test',
      state: 'success',
      completed: true,
      url: null,
      workflowRunId: 1,
      by: 'github-actions',
      appId: 15368,
      nodeId: 'CR_1',
      at: null
    })
    const shared = [run(), run()]
    const unread = anUnreadable()
    const port = scripted({
      graphql: [
        {
          data: null,
          errors: [{ message: 'Something went wrong while executing' }]
        }
      ]
    })
    await proveJobs(
      port,
      [
        { sha: 'a'.repeat(40), results: [shared[0] as CheckResultFact] },
        { sha: 'b'.repeat(40), results: unread },
        { sha: 'c'.repeat(40), results: [shared[1] as CheckResultFact] }
      ],
      new Set(['test'])
    )
    // one check run asked, once
    expect(port.calls).toHaveLength(1)
    expect(port.calls[0]?.params).toMatchObject({ id0: 'CR_1' })
    expect(port.calls[0]?.params).not.toHaveProperty('id1')
    expect(shared.map((r) => r.job)).toEqual([
      anUnreadable('checks: read', 'GitHub did not return the check run'),
      anUnreadable('checks: read', 'GitHub did not return the check run')
    ])
    expect(unread).toEqual(anUnreadable())
  })
})
