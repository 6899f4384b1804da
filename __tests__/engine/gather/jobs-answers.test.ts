// Binding records to their jobs over recorded answers: what GitHub may send
// for a rollup (no suite, no app, pages, errors, commits it does not know)
// and which commits GateJobs is asked for, in what batches.
import { describe, expect, it } from '@jest/globals'
import type { DeploymentContext } from '../../../src/engine/deployments.js'
import { GitHubApiError } from '../../../src/engine/errors.js'
import type { DeploymentFact } from '../../../src/engine/facts.js'
import {
  bindDeployments,
  bootstrapJobs,
  noJobs,
  parseJob,
  readJobs
} from '../../../src/engine/gather/jobs.js'
import type { GraphQLResponse } from '../../../src/engine/port.js'
import {
  NOW,
  aSuccessfulDeployment,
  anActor,
  anUnreadable,
  jobIdOf,
  sha
} from '../../../__fixtures__/facts.js'
import { answer, scripted } from './ports.js'

const REQ = { owner: 'acme', repo: 'shop' }

/** A rollup's contexts page: `ids` as job check runs of GitHub Actions. */
function contexts(ids: number[], endCursor: string | null = null): unknown {
  return {
    totalCount: ids.length,
    pageInfo: { hasNextPage: endCursor !== null, endCursor },
    nodes: ids.map((id) => ({
      __typename: 'CheckRun',
      databaseId: id,
      deployment: { databaseId: id - 500_000 },
      checkSuite: {
        app: { databaseId: 15368, slug: 'github-actions' },
        workflowRun: {
          databaseId: 1001,
          event: 'push',
          file: { path: '.github/workflows/deploy.yml' }
        }
      }
    }))
  }
}

describe('parseJob', () => {
  it('reads a status as no job, and a check run without a suite, an app, a run file or an app id as far as GitHub said', () => {
    expect(
      parseJob({ __typename: 'StatusContext', context: 'ci' }, 'n')
    ).toBeNull()
    expect(
      parseJob({ __typename: 'CheckRun', databaseId: 5, deployment: null }, 'n')
    ).toEqual({ id: 5, deploymentId: null, app: null, run: null })
    expect(
      parseJob(
        {
          __typename: 'CheckRun',
          databaseId: 6,
          checkSuite: {
            app: null,
            workflowRun: { databaseId: 9, event: 'push', file: null }
          }
        },
        'n'
      )
    ).toEqual({
      id: 6,
      deploymentId: null,
      app: null,
      run: { id: 9, event: 'push', path: null }
    })
    expect(
      parseJob(
        {
          __typename: 'CheckRun',
          databaseId: 7,
          checkSuite: { app: { databaseId: null, slug: 'forged' } }
        },
        'n'
      )
    ).toMatchObject({ app: { id: null, slug: 'forged' }, run: null })
  })
})

describe('bootstrapJobs', () => {
  it('reads nothing when GitHub returned no repository and no deployments', () => {
    expect(
      bootstrapJobs({
        data: { repository: null, recent: null },
        errors: [],
        sha: sha('a')
      })
    ).toEqual(noJobs())
  })

  it('reads each latest record’s commit once: known, unknown to GitHub, or refused', () => {
    const read = bootstrapJobs({
      data: {
        repository: { checks: null },
        recent: {
          hereJobs: {
            nodes: [
              {
                commitOid: sha('b'),
                commit: {
                  statusCheckRollup: { id: 'SCR_b', contexts: contexts([11]) }
                }
              },
              // the same commit again: read once
              {
                commitOid: sha('b'),
                commit: {
                  statusCheckRollup: { id: 'SCR_b', contexts: contexts([99]) }
                }
              },
              { commitOid: sha('c'), commit: null },
              {
                commitOid: sha('d'),
                commit: { statusCheckRollup: null }
              }
            ]
          }
        }
      },
      errors: [
        { message: 'no path' },
        {
          message: 'Resource not accessible by integration',
          path: [
            'recent',
            'hereJobs',
            'nodes',
            3,
            'commit',
            'statusCheckRollup',
            'contexts',
            'nodes',
            0,
            'deployment'
          ]
        }
      ],
      sha: sha('a')
    })
    expect(Object.keys(read.fact.checkRuns)).toEqual(['11'])
    expect(read.fact.complete).toEqual({ [sha('b')]: true, [sha('c')]: true })
    expect(read.fact.unreadable).toEqual({
      [sha('d')]: anUnreadable(
        'deployments: read',
        'Resource not accessible by integration'
      )
    })
  })
})

describe('readJobs (GateJobs and further pages)', () => {
  it('throws, naming GitHub’s words, when the repository cannot be read', async () => {
    const port = scripted({
      graphql: [
        answer({ repository: null }, [
          { message: 'Could not resolve to a Repository' }
        ])
      ]
    })
    await expect(
      readJobs(port, REQ, noJobs(), [sha('a'), sha('b')])
    ).rejects.toThrow(
      new GitHubApiError(
        'the check runs of 2 commits could not be read: Could not resolve to a Repository'
      )
    )
  })

  it('reads unknown commits as having no job, refused ones or a rollup gone while paging as unreadable, and every page of the rest', async () => {
    const shas = [sha('a'), sha('b'), sha('c'), sha('d'), sha('e')]
    const queue: GraphQLResponse<unknown>[] = [
      answer(
        {
          repository: {
            j0: null,
            j1: null,
            j2: {
              statusCheckRollup: { id: 'SCR_c', contexts: contexts([1], 'c1') }
            },
            j3: {
              statusCheckRollup: { id: 'SCR_d', contexts: contexts([2], 'd1') }
            },
            j4: {
              statusCheckRollup: { id: 'SCR_e', contexts: contexts([3], 'e1') }
            }
          }
        },
        [
          { message: 'elsewhere' },
          {
            message: 'Resource not accessible by integration',
            path: ['repository', 'j1', 'statusCheckRollup', 'contexts']
          },
          {
            message: 'Must have admin rights to Repository.',
            path: ['repository', 'j0', 'statusCheckRollup']
          }
        ]
      ),
      // the second pages: c has a third, d's rollup is gone, e is refused
      answer({ k2: { contexts: contexts([4], 'c2') }, k3: null, k4: null }, [
        {
          message: 'Resource not accessible by integration',
          path: ['k4', 'contexts', 'nodes', 0, 'checkSuite', 'workflowRun']
        }
      ]),
      answer({ k2: { contexts: contexts([5]) } })
    ]
    const port = scripted({ graphql: queue })
    const read = noJobs()
    await readJobs(port, REQ, read, shas)

    const asked = port.calls.map((c) => c.params)
    expect(asked).toHaveLength(3)
    expect(asked[0]?.query).toContain('query GateJobs(')
    expect(asked[0]).toMatchObject({
      owner: 'acme',
      name: 'shop',
      oid0: sha('a'),
      oid4: sha('e')
    })
    expect(asked[1]?.query).toContain('query GatePages(')
    expect(asked[1]).toMatchObject({
      id0: 'SCR_c',
      after0: 'c1',
      id1: 'SCR_d',
      after1: 'd1',
      id2: 'SCR_e',
      after2: 'e1'
    })
    expect(asked[2]).toMatchObject({ id0: 'SCR_c', after0: 'c2' })
    expect(asked[2]).not.toHaveProperty('id1')

    expect(Object.keys(read.fact.checkRuns).sort()).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5'
    ])
    expect(read.fact.complete).toEqual({
      [sha('a')]: true,
      [sha('c')]: true
    })
    expect(read.fact.unreadable).toEqual({
      [sha('b')]: anUnreadable(
        'checks: read',
        'Resource not accessible by integration'
      ),
      [sha('d')]: anUnreadable(
        'checks: read',
        'GitHub did not return the further check runs of commit d000000'
      ),
      [sha('e')]: anUnreadable(
        'actions: read',
        'Resource not accessible by integration'
      )
    })
    expect(read.more.size).toBe(0)
  })
})

describe('bindDeployments', () => {
  const ctx: DeploymentContext = {
    owner: 'acme',
    repo: 'shop',
    serverUrl: 'https://github.com',
    trustedWorkflows: null,
    sha: sha('f'),
    trustedDeployers: []
  }
  /** record `id` on its own commit, a success `id` minutes past 08:00 */
  const record = (
    id: number,
    overrides: Partial<DeploymentFact> = {}
  ): DeploymentFact =>
    aSuccessfulDeployment(`2024-05-01T08:${String(id).padStart(2, '0')}:00Z`, {
      id,
      sha: sha(`${id}`.padStart(2, '0')),
      ...overrides
    })
  /** GitHub knows none of the commits asked */
  const unknown = (): ReturnType<typeof scripted> =>
    scripted({
      graphql: (variables) =>
        answer({
          repository: Object.fromEntries(
            Object.keys(variables)
              .filter((k) => k.startsWith('oid'))
              .map((k) => [`j${k.slice(3)}`, null])
          )
        })
    })
  const oids = (params: Record<string, unknown>): unknown[] =>
    Object.keys(params)
      .filter((k) => k.startsWith('oid'))
      .map((k) => params[k])

  it('walks back from the newest success ten commits at a time, skipping records no job of which can be read', async () => {
    const bots = Array.from({ length: 12 }, (_, i) => record(i + 1))
    const newest = [
      ...bots,
      // made by a person: no job binds it
      record(20, { creator: anActor('mallory') }),
      // its commit's check runs were refused already
      record(21),
      // its success is after now: not a previous success
      record(22, {
        statuses: [
          {
            state: 'success',
            createdAt: '2024-05-01T13:00:00Z',
            logUrl: `https://github.com/acme/shop/actions/runs/1001/job/${jobIdOf(22)}`,
            environmentUrl: null
          }
        ]
      })
    ]
    const read = noJobs()
    read.fact.unreadable[sha('21')] = anUnreadable('checks: read', 'refused')
    const port = unknown()
    await bindDeployments({
      github: port,
      request: REQ,
      read,
      ctx,
      all: [],
      newest,
      counts: () => false,
      nowMs: NOW.getTime()
    })
    const byNewest = [...bots].reverse().map((d) => d.sha)
    expect(port.calls.map((c) => oids(c.params))).toEqual([
      byNewest.slice(0, 10),
      byNewest.slice(10)
    ])
    for (const s of byNewest) expect(read.fact.complete[s]).toBe(true)
  })

  it('stops at the first record that counts, and reads every record of `all` that waits', async () => {
    const [older, counted, newer] = [record(1), record(2), record(3)]
    const elsewhere = record(4)
    const read = noJobs()
    read.fact.complete[counted.sha] = true
    const port = unknown()
    await bindDeployments({
      github: port,
      request: REQ,
      read,
      ctx,
      all: [elsewhere],
      newest: [older, counted, newer],
      counts: (d) => d.id === counted.id,
      nowMs: NOW.getTime()
    })
    expect(port.calls.map((c) => oids(c.params))).toEqual([
      [elsewhere.sha, newer.sha]
    ])
    expect(read.fact.complete[older.sha]).toBeUndefined()
  })
})
