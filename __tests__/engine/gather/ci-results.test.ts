// The deployed commit's CI results (check runs and commit statuses), as the
// gate reads them: every page, and "cannot tell" whenever GitHub hides one.
// A hidden failure must never read as "no failures".
import { describe, expect, it } from '@jest/globals'
import { GitHubApiError, ShapeError } from '../../../src/engine/errors.js'
import type {
  CheckResultFact,
  CommitCiResultsFact
} from '../../../src/engine/facts.js'
import {
  fetchBootstrap,
  type Bootstrap
} from '../../../src/engine/gather/bootstrap.js'
// The one import of the CI results reader (it may be renamed ci-results.ts).
import {
  checksFact,
  completeRollups,
  readRollup,
  rollupPermission,
  type RollupRead
} from '../../../src/engine/gather/ci-results.js'
import {
  READ_PERMISSIONS,
  reviewedChange,
  standard
} from '../../../test-support/demo/scenarios.js'
import { HEAD, SHA } from '../../../__fixtures__/facts.js'
import { answer, onSimulator, requestFor, scripted } from './ports.js'

const REPOSITORY = { owner: 'acme', name: 'shop' }
const FORBIDDEN = 'Resource not accessible by integration'

type Built = ReturnType<typeof standard>

/** The demo world: a reviewed change, tested by `ci`, with `extra` results. */
function worldWith(extra: (w: Built) => void = () => {}): Built {
  const built = standard(reviewedChange)
  extra(built)
  return built
}

/** The bootstrap's rollups, completed, as gathering reads them. */
async function readChecks(
  built: Built,
  permissions: Record<string, string> = READ_PERMISSIONS
): Promise<{
  boot: Bootstrap
  rollups: CommitCiResultsFact[]
  graphql: number
}> {
  const token = built.world.sim.workflowToken(permissions)
  return onSimulator(built.world, token, async (port, server) => {
    const boot = await fetchBootstrap(port, requestFor(built.sha))
    const rollups = await completeRollups(port, REPOSITORY, [
      boot.ciResults,
      ...boot.heads.values()
    ])
    const graphql = server.requests.filter((r) => r.graphql).length
    return { boot, rollups, graphql }
  })
}

const names = (results: CheckResultFact[] | { unreadable: true }): string[] =>
  'unreadable' in results ? [] : results.map((r) => r.name)

describe('CI results against the simulator', () => {
  it('reads check runs and statuses past the first page of 100, in one more query', async () => {
    const built = worldWith(({ world, sha }) => {
      for (let i = 0; i < 120; i++) world.repo.checkRun(sha, `lint-${i}`)
      world.repo.commitStatus(sha, 'failure', {
        context: 'deploy/preview',
        targetUrl: 'https://preview.example/1',
        creator: world.people.carol
      })
    })
    const { rollups, graphql } = await readChecks(built)
    const [commit] = rollups
    expect(commit?.sha).toBe(built.sha)
    // 120 lints, test, the status, and the jobs that deployed the commit
    // upstream (development, staging) and the gate's own job deploying it
    // to production: a job's check run is on its commit
    expect(names(commit!.results)).toHaveLength(125)
    // the status sits on the second page: a failure only paging finds
    expect(
      (commit!.results as CheckResultFact[]).find((r) => r.kind === 'status')
    ).toEqual({
      kind: 'status',
      name: 'deploy/preview',
      state: 'failure',
      completed: true,
      url: 'https://preview.example/1',
      workflowRunId: null,
      by: 'carol',
      at: expect.any(String)
    })
    expect(graphql).toBe(2)
  })

  it('reads a job of a workflow run with its run id and app', async () => {
    const built = worldWith()
    const { rollups } = await readChecks(built)
    const results = rollups[0]?.results as CheckResultFact[]
    expect(results.filter((r) => r.name !== 'deploy')).toEqual([
      expect.objectContaining({
        kind: 'check_run',
        name: 'test',
        state: 'success',
        completed: true,
        workflowRunId: expect.any(Number),
        by: 'github-actions'
      })
    ])
  })

  it('reads a pending status and an unfinished check run as not completed', async () => {
    const built = worldWith(({ world, sha }) => {
      world.repo.commitStatus(sha, 'pending', { context: 'e2e' })
      world.repo.checkRun(sha, 'slow', null)
    })
    const { rollups } = await readChecks(built)
    const results = rollups[0]?.results as CheckResultFact[]
    expect(
      results.map((r) => [r.name, r.state, r.completed, r.url])
    ).toContainEqual(['e2e', 'pending', false, null])
    expect(results.map((r) => [r.name, r.state, r.completed])).toContainEqual([
      'slow',
      'in_progress',
      false
    ])
  })

  it('without statuses: read the results cannot be told, naming both permissions, and no page is asked', async () => {
    const built = worldWith(({ world, sha }) => {
      for (let i = 0; i < 120; i++) world.repo.checkRun(sha, `lint-${i}`)
      world.repo.commitStatus(sha, 'failure', { context: 'e2e' })
    })
    // the status is on page 2: page 1 reads, the second page hides it
    const { rollups, graphql } = await readChecks(built, {
      ...READ_PERMISSIONS,
      statuses: 'none'
    })
    expect(rollups[0]?.results).toEqual({
      unreadable: true,
      permission: 'checks: read` and `statuses: read',
      detail: expect.stringContaining(FORBIDDEN)
    })
    expect(graphql).toBe(2)
  })

  it('without checks: read on the first page, no further page is asked', async () => {
    const built = worldWith(({ world, sha }) => {
      world.repo.commitStatus(sha, 'success', { context: 'e2e' })
      for (let i = 0; i < 120; i++) world.repo.checkRun(sha, `lint-${i}`)
    })
    const { rollups, graphql } = await readChecks(built, {
      ...READ_PERMISSIONS,
      checks: 'none'
    })
    expect(rollups[0]?.results).toMatchObject({
      unreadable: true,
      permission: 'checks: read` and `statuses: read'
    })
    expect(graphql).toBe(1)
  })

  it('without actions: read a workflow job cannot be told, naming actions: read', async () => {
    const built = worldWith()
    const { rollups } = await readChecks(built, {
      ...READ_PERMISSIONS,
      actions: 'none'
    })
    expect(rollups[0]?.results).toMatchObject({
      unreadable: true,
      permission: 'actions: read'
    })
  })

  it('reads the final head of the pull request, which checksFact attaches', async () => {
    const built = worldWith()
    const { boot, rollups } = await readChecks(built)
    const pr = boot.pullRequests[0]!.fact
    const heads = [...boot.heads.values()]
    expect(heads.map((h) => h.sha)).toEqual([pr.headRefOid])
    const fact = checksFact(rollups, pr, boot.heads)
    expect(fact.pullRequestHead).toMatchObject({
      sha: pr.headRefOid,
      pullRequest: pr.number
    })
  })
})

const run = (name: string): Record<string, unknown> => ({
  __typename: 'CheckRun',
  name,
  status: 'COMPLETED',
  conclusion: 'SUCCESS',
  detailsUrl: null,
  url: `https://github.com/acme/shop/runs/${name}`,
  startedAt: '2024-05-01T10:00:00Z',
  checkSuite: null
})

const contexts = (
  nodes: unknown[],
  o: { totalCount?: number; next?: string } = {}
): Record<string, unknown> => ({
  totalCount: o.totalCount ?? nodes.length,
  pageInfo: { hasNextPage: o.next !== undefined, endCursor: o.next ?? null },
  nodes
})

describe('readRollup', () => {
  it('reads no rollup, or no commit, as no results at all', () => {
    expect(readRollup({ statusCheckRollup: null }, SHA, 'checks', [])).toEqual({
      sha: SHA,
      results: [],
      more: null,
      total: 0
    })
    expect(readRollup(null, SHA, 'checks', [])).toEqual({
      sha: SHA,
      results: [],
      more: null,
      total: 0
    })
  })

  it('keeps the rollup id and cursor when GitHub has more', () => {
    const read = readRollup(
      {
        statusCheckRollup: {
          id: 'SCR_1',
          contexts: contexts([run('a')], { totalCount: 150, next: 'c1' })
        }
      },
      SHA,
      'checks',
      []
    )
    expect(read.more).toEqual({ id: 'SCR_1', after: 'c1' })
    expect(read.total).toBe(150)
    // a check run outside any suite: its link, no run, no app
    expect(read.results).toEqual([
      {
        kind: 'check_run',
        name: 'a',
        state: 'success',
        completed: true,
        url: 'https://github.com/acme/shop/runs/a',
        workflowRunId: null,
        by: null,
        at: '2024-05-01T10:00:00Z'
      }
    ])
  })

  it('reads a status whose creator GitHub no longer knows', () => {
    const read = readRollup(
      {
        statusCheckRollup: {
          id: 'SCR_1',
          contexts: contexts([
            {
              __typename: 'StatusContext',
              context: 'legacy-ci',
              state: 'EXPECTED',
              targetUrl: null,
              createdAt: '2024-05-01T10:00:00Z',
              creator: null
            }
          ])
        }
      },
      SHA,
      'checks',
      []
    )
    expect(read.results).toEqual([
      {
        kind: 'status',
        name: 'legacy-ci',
        state: 'expected',
        completed: false,
        url: null,
        workflowRunId: null,
        by: null,
        at: '2024-05-01T10:00:00Z'
      }
    ])
  })

  it('refuses an entry that is neither a check run nor a status', () => {
    expect(() =>
      readRollup(
        {
          statusCheckRollup: {
            id: 'SCR_1',
            contexts: contexts([{ __typename: 'Mystery' }])
          }
        },
        SHA,
        'checks',
        []
      )
    ).toThrow(
      new ShapeError(
        'checks.statusCheckRollup.contexts.nodes[0]: expected a CheckRun or a StatusContext, got Mystery'
      )
    )
  })

  it('reads any error on the rollup as unreadable, whatever data came with it', () => {
    const read = readRollup(
      { statusCheckRollup: { id: 'x', contexts: contexts([]) } },
      SHA,
      'checks',
      [
        { message: 'one', path: ['repository', 'checks', 'x', 'nodes', 0] },
        { message: 'two' }
      ]
    )
    expect(read).toEqual({
      sha: SHA,
      results: {
        unreadable: true,
        permission: 'checks: read` and `statuses: read',
        detail: 'one; two'
      },
      more: null,
      total: null
    })
  })
})

describe('rollupPermission', () => {
  it('names actions: read for a hidden workflow run, else checks and statuses', () => {
    expect(
      rollupPermission([
        { message: 'x', path: ['n', 0, 'checkSuite', 'workflowRun'] }
      ])
    ).toBe('actions: read')
    expect(rollupPermission([{ message: 'x' }])).toBe(
      'checks: read` and `statuses: read'
    )
  })
})

describe('completeRollups', () => {
  const first = (o: Partial<RollupRead> = {}): RollupRead => ({
    sha: SHA,
    results: [],
    more: { id: 'SCR_1', after: 'c1' },
    total: 2,
    ...o
  })

  it('pages each rollup until GitHub has no more, one query per round', async () => {
    const port = scripted({
      graphql: [
        answer({ r0: { contexts: contexts([run('a')], { next: 'c2' }) } }),
        answer({ r0: { contexts: contexts([run('b')]) } })
      ]
    })
    const [got] = await completeRollups(port, REPOSITORY, [first()])
    expect(names(got!.results)).toEqual(['a', 'b'])
    expect(port.calls.map((c) => [c.params.id0, c.params.after0])).toEqual([
      ['SCR_1', 'c1'],
      ['SCR_1', 'c2']
    ])
  })

  it('asks nothing when every rollup is complete or unreadable', async () => {
    const port = scripted({})
    const unreadable = {
      unreadable: true as const,
      permission: 'actions: read',
      detail: 'hidden'
    }
    const got = await completeRollups(port, REPOSITORY, [
      first({ more: null, total: 0 }),
      first({ sha: HEAD, results: unreadable })
    ])
    expect(got).toEqual([
      { sha: SHA, results: [] },
      { sha: HEAD, results: unreadable }
    ])
    expect(port.calls).toEqual([])
  })

  it('blocks when GitHub lists fewer results than it counts', async () => {
    const port = scripted({
      graphql: [answer({ r0: { contexts: contexts([run('a')]) } })]
    })
    await expect(
      completeRollups(port, REPOSITORY, [first({ total: 3 })])
    ).rejects.toThrow(
      new GitHubApiError(
        `GitHub listed 1 of the 3 checks and statuses of commit ${SHA.slice(0, 7)}: whether any failed cannot be verified`
      )
    )
  })

  it('takes an error on a later page as unreadable for that commit only', async () => {
    const port = scripted({
      graphql: [
        answer(
          {
            r0: null,
            r1: { contexts: contexts([run('b')]) }
          },
          [
            {
              message: FORBIDDEN,
              type: 'FORBIDDEN',
              path: ['r0', 'contexts', 'nodes', 0]
            }
          ]
        )
      ]
    })
    const got = await completeRollups(port, REPOSITORY, [
      first({ total: 1 }),
      first({ sha: HEAD, total: 1, more: { id: 'SCR_2', after: 'h1' } })
    ])
    expect(got).toEqual([
      {
        sha: SHA,
        results: {
          unreadable: true,
          permission: 'checks: read` and `statuses: read',
          detail: FORBIDDEN
        }
      },
      { sha: HEAD, results: [expect.objectContaining({ name: 'b' })] }
    ])
  })
})

describe('checksFact', () => {
  const commit = { sha: SHA, results: [] }
  const head = (sha: string): RollupRead => ({
    sha,
    results: [],
    more: null,
    total: 0
  })

  it('has no pull request head for a direct push', () => {
    expect(checksFact([commit], null, new Map())).toEqual({
      commit,
      pullRequestHead: null
    })
  })

  it('attaches the head GitHub answered for the pull request', () => {
    expect(
      checksFact(
        [commit, { sha: HEAD, results: [] }],
        { number: 7, headRefOid: HEAD },
        new Map([[7, head(HEAD)]])
      ).pullRequestHead
    ).toEqual({ sha: HEAD, results: [], pullRequest: 7 })
  })

  it.each([
    ['was not answered', new Map<number, RollupRead>([[8, head(HEAD)]])],
    [
      'moved since (another head)',
      new Map<number, RollupRead>([[7, head(SHA)]])
    ]
  ])(
    'cannot tell the head’s results when it %s, naming pull-requests: read',
    (_case, heads) => {
      const rollups = [commit, ...[...heads.values()].map((h) => h)]
      expect(
        checksFact(rollups, { number: 7, headRefOid: HEAD }, heads)
          .pullRequestHead
      ).toEqual({
        sha: HEAD,
        pullRequest: 7,
        results: {
          unreadable: true,
          permission: 'pull-requests: read',
          detail: "the checks of pull request #7's final head were not returned"
        }
      })
    }
  )

  it('refuses to judge without the deployed commit’s results', () => {
    expect(() => checksFact([], null, new Map())).toThrow(
      'no rollup for the deployed commit'
    )
  })
})
