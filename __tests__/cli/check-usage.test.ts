// `check` says what the decision cost (SPEC §9): the evidence's `api`, the
// cost line with --verbose, and a warning on stderr when a budget runs low.
import { afterEach, describe, expect, it } from '@jest/globals'
import { EXIT } from '../../src/cli/main.js'
import {
  evidenceProblems,
  type EvidenceRecord
} from '../../src/engine/evidence/index.js'
import {
  OWNER,
  READ_PERMISSIONS,
  REPO,
  reviewedChange,
  standard
} from '../../test-support/demo/scenarios.js'
import {
  startSimulator,
  type SimulatorServer
} from '../../test-support/sim/server.js'
import { spendPoints } from '../github/spend.js'
import { cli, type CliResult } from './helpers.js'

let server: SimulatorServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

/** `check` on the happy path, after `spent` points went elsewhere. */
async function check(
  more: string[],
  spent = 0
): Promise<CliResult & { server: SimulatorServer }> {
  const { world, run } = standard(reviewedChange)
  server = await startSimulator(world.sim)
  if (spent > 0) {
    await spendPoints(server, world.sim.workflowToken(READ_PERMISSIONS), spent)
    server.resetLog()
  }
  const r = await cli(
    [
      'check',
      '--repo',
      `${OWNER}/${REPO}`,
      '--environment',
      run.environment,
      '--sha',
      run.sha,
      '--deployer',
      run.actor,
      '--api-url',
      server.url,
      ...more
    ],
    { GITHUB_TOKEN: run.token }
  )
  return { ...r, server }
}

const budgetWarnings = (stderr: string): string[] =>
  stderr.split('\n').filter((l) => l.includes('budget low'))

describe('promotion-gate check: what the decision cost', () => {
  it('--format json: the evidence has the requests and the budgets left', async () => {
    const r = await check(['--format', 'json'])
    expect(r.code).toBe(EXIT.ok)
    const evidence = JSON.parse(r.stdout) as EvidenceRecord
    expect(evidenceProblems(evidence)).toEqual([])
    const graphql = r.server.requests.filter((q) => q.graphql).length
    expect(evidence.api).toMatchObject({
      requests: { rest: r.server.requests.length - graphql, graphql },
      budgets: expect.arrayContaining([
        expect.objectContaining({ resource: 'graphql', limit: 1000 })
      ])
    })
    expect(budgetWarnings(r.stderr)).toEqual([])
  })

  it('--verbose: the cost line on stderr', async () => {
    const r = await check(['--verbose'])
    expect(r.stderr).toMatch(
      /^debug: Cost: \d+ requests? \(\d+ GraphQL, \d+ REST\), .*; left this hour: [\d,]+ of 1,000 points.*\.$/m
    )
    // the table on stdout stays as it was
    expect(r.stdout).not.toContain('Cost:')
  })

  it('without --verbose, no cost line', async () => {
    const r = await check([])
    expect(r.stderr).not.toContain('Cost:')
  })

  it('warns on stderr, and notes in the table, when less than 20 % is left', async () => {
    const r = await check([], 850)
    expect(r.code).toBe(EXIT.ok)
    const [warning, ...more] = budgetWarnings(r.stderr)
    expect(more).toEqual([])
    expect(warning).toMatch(
      /^warning: GitHub API budget low: \d+ of 1,000 GraphQL points left this hour \(resets \d\d:\d\d UTC\); /
    )
    expect(r.stdout).toContain(`note: ${warning!.slice('warning: '.length)}`)
  })
})
