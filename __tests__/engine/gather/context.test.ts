// The context round trip: deployments of several environments and the
// policy's branches in one query, then further pages only where needed.
// What GitHub could not answer is named, never read as "none".
import { describe, expect, it } from '@jest/globals'
import { GitHubApiError } from '../../../src/engine/errors.js'
import type { DeploymentFact, Unreadable } from '../../../src/engine/facts.js'
import {
  readDeploymentPages,
  readRefPages,
  runContext,
  type ContextAnswer
} from '../../../src/engine/gather/context.js'
import type { DeploymentsRead } from '../../../src/engine/gather/deployments.js'
import type {
  DeploymentSelection,
  RefSelection
} from '../../../src/engine/gather/queries.js'
import { silentLogger } from '../../../src/engine/port.js'
import {
  READ_PERMISSIONS,
  reviewedChange,
  standard
} from '../../../test-support/demo/scenarios.js'
import { SHA } from '../../../__fixtures__/facts.js'
import {
  answer,
  onSimulator,
  requestFor,
  scripted,
  type Call
} from './ports.js'

const REQUEST = requestFor(SHA)
const FORBIDDEN = 'Resource not accessible by integration'
const staging: DeploymentSelection = {
  alias: 'd0',
  environment: 'staging',
  after: null
}
const development: DeploymentSelection = {
  alias: 'd1',
  environment: 'development',
  after: null
}
const literal = (name: string, alias = 'b0'): RefSelection => ({
  alias,
  name,
  glob: false,
  after: null
})
const glob = (name: string, alias = 'g0'): RefSelection => ({
  alias,
  name,
  glob: true,
  after: null
})

/** A deployment as GraphQL answers it. */
function deploymentNode(id: number): Record<string, unknown> {
  return {
    id: `DE_${id}`,
    databaseId: id,
    environment: 'staging',
    commitOid: SHA,
    createdAt: '2024-05-01T10:00:00Z',
    creator: { __typename: 'Bot', login: 'github-actions' },
    commit: { tree: { oid: 'f'.repeat(40) } },
    statuses: {
      totalCount: 1,
      pageInfo: { hasNextPage: false, endCursor: null },
      nodes: [{ state: 'SUCCESS', createdAt: '2024-05-01T10:01:00Z' }]
    }
  }
}

const deployments = (
  ids: number[],
  next: string | null = null
): Record<string, unknown> => ({
  totalCount: ids.length,
  pageInfo: { hasNextPage: next !== null, endCursor: next },
  nodes: ids.map(deploymentNode)
})

/** A branch as GraphQL answers it: contains the commit, no rules. */
const ref = (name: string): Record<string, unknown> => ({
  name,
  compare: { status: 'BEHIND' },
  rules: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] },
  refUpdateRule: null
})

const emptyRead = (): DeploymentsRead => ({
  byEnvironment: new Map(),
  statusPages: [],
  statusTotals: new Map()
})

const queried = (calls: Call[]): Call[] =>
  calls.filter((c) => c.route === 'POST /graphql')

describe('runContext', () => {
  it('asks nothing when no environment and no branch is wanted', async () => {
    const port = scripted({})
    const got = await runContext(port, REQUEST, [], [])
    expect(got.deployments.size).toBe(0)
    expect(got.refs).toEqual([])
    expect(port.calls).toEqual([])
  })

  it('names deployments: read when GitHub nulls the repository over them', async () => {
    // `deployments` is non-null: its error nulls the whole repository
    const port = scripted({
      graphql: [
        answer({ repository: null }, [
          { message: FORBIDDEN, type: 'FORBIDDEN', path: ['repository', 'd1'] }
        ])
      ]
    })
    const thrown = await runContext(
      port,
      REQUEST,
      [staging, development],
      []
    ).catch((e: unknown) => e)
    expect(thrown).toBeInstanceOf(GitHubApiError)
    expect(thrown).toMatchObject({
      message: `the deployments of development could not be read (${FORBIDDEN}): the token needs \`deployments: read\``,
      permission: 'deployments: read'
    })
  })

  it('names the repository when it is null for another reason', async () => {
    const port = scripted({
      graphql: [
        answer({ repository: null }, [
          { message: 'Could not resolve to a Repository', type: 'NOT_FOUND' }
        ])
      ]
    })
    await expect(runContext(port, REQUEST, [staging], [])).rejects.toThrow(
      new GitHubApiError(
        'repository acme/shop could not be read (Could not resolve to a Repository)'
      )
    )
  })

  it('takes an environment GitHub answered null for as unreadable, the others as read', async () => {
    const port = scripted({
      graphql: [
        answer({ repository: { d0: null, d1: deployments([7]) } }, [
          { message: FORBIDDEN, type: 'FORBIDDEN', path: ['repository', 'd0'] }
        ])
      ]
    })
    const got = await runContext(port, REQUEST, [staging, development], [])
    expect(got.deployments.get(staging)).toEqual({
      unreadable: true,
      permission: 'deployments: read',
      detail: FORBIDDEN
    })
    expect(got.deployments.get(development)).toMatchObject({
      list: [expect.objectContaining({ id: 7 })],
      cursor: null
    })
    expect([...got.statusTotals]).toEqual([[7, 1]])
  })

  it.each([
    ['without an error', [], 'GitHub returned no deployments'],
    [
      'with an error on it',
      [{ message: FORBIDDEN, path: ['repository', 'd0'] }],
      FORBIDDEN
    ]
  ])(
    'never reads a missing answer as no deployments (%s)',
    async (_case, errors, detail) => {
      const port = scripted({ graphql: [answer({ repository: {} }, errors)] })
      const got = await runContext(port, REQUEST, [staging], [])
      expect(got.deployments.get(staging)).toEqual({
        unreadable: true,
        permission: 'deployments: read',
        detail
      })
    }
  )

  it.each([
    ['under a deployment', ['repository', 'd0', 'nodes', 0, 'statuses']],
    ['without a path', undefined]
  ])(
    'blocks on any other error (%s), naming what is incomplete',
    async (_case, path) => {
      const port = scripted({
        graphql: [
          answer({ repository: { d0: deployments([7]) } }, [
            { message: 'timeout', path }
          ])
        ]
      })
      await expect(runContext(port, REQUEST, [staging], [])).rejects.toThrow(
        'the deployments and branches could not be read completely: timeout'
      )
    }
  )

  it('reads a branch that does not exist as absent, and an unreadable one as an error naming contents: read', async () => {
    const absent = scripted({
      graphql: [answer({ repository: { b0: null, b1: ref('main') } })]
    })
    const got = await runContext(
      absent,
      REQUEST,
      [],
      [literal('gone'), literal('main', 'b1')]
    )
    expect(got.refs.map((r) => r.name)).toEqual(['main'])

    const hidden = scripted({
      graphql: [
        answer({ repository: { b0: null } }, [
          // tolerated by assertComplete, as a rules error would be, so that
          // the branch itself reports it
          {
            message: 'Something went wrong',
            path: ['repository', 'b0', 'rules']
          }
        ])
      ]
    })
    const thrown = await runContext(hidden, REQUEST, [], [literal('main')])
      .then(() => null)
      .catch((e: unknown) => e)
    expect(thrown).toMatchObject({
      message: 'branch main could not be read: Something went wrong',
      permission: 'contents: read'
    })
  })

  it('asks REST again for what GraphQL could not say of one matching branch only', async () => {
    const port = scripted({
      graphql: [
        answer(
          {
            repository: {
              g0: {
                pageInfo: { hasNextPage: true, endCursor: 'r2' },
                nodes: [
                  ref('release/1'),
                  { ...ref('release/2'), compare: null, rules: null }
                ]
              }
            }
          },
          [
            {
              message: 'compare failed',
              path: ['repository', 'g0', 'nodes', 1, 'compare']
            },
            {
              message: 'rules failed',
              path: ['repository', 'g0', 'nodes', 1, 'rules']
            }
          ]
        )
      ]
    })
    const got = await runContext(port, REQUEST, [], [glob('release/')])
    expect(got.refs).toEqual([
      {
        name: 'release/1',
        contains: true,
        rules: [],
        visibleClassic: null
      },
      {
        name: 'release/2',
        contains: null,
        rules: null,
        visibleClassic: null
      }
    ])
    expect(got.globCursors).toEqual([{ ...glob('release/'), after: 'r2' }])
  })
})

describe('further pages, against the simulator', () => {
  it('reads every branch matching a glob, 100 a page', async () => {
    const { world, sha } = standard(reviewedChange)
    for (let i = 0; i < 130; i++) world.repo.branch(`release/${i}`)
    const token = world.sim.workflowToken(READ_PERMISSIONS)
    const { refs, queries } = await onSimulator(
      world,
      token,
      async (port, server) => {
        const req = requestFor(sha)
        const first = await runContext(port, req, [], [glob('release/')])
        const refs = await readRefPages(port, req, first)
        return { refs, queries: server.requests.length }
      }
    )
    expect(refs).toHaveLength(130)
    expect(new Set(refs.map((r) => r.name)).size).toBe(130)
    expect(refs.every((r) => r.contains === true)).toBe(true)
    expect(queries).toBe(2)
  })

  it('reads deployments past the first page only while the answer may lie there', async () => {
    const { world, sha } = standard(reviewedChange)
    for (let i = 0; i < 150; i++) world.repo.deploy({ environment: 'qa', sha })
    const token = world.sim.workflowToken(READ_PERMISSIONS)
    const qa: DeploymentSelection = {
      alias: 'd0',
      environment: 'qa',
      after: null
    }
    const read = async (wantMore: boolean): Promise<[number, number]> =>
      onSimulator(world, token, async (port, server) => {
        const req = requestFor(sha)
        const first = await runContext(port, req, [qa], [])
        const got = emptyRead()
        await readDeploymentPages({
          github: port,
          request: req,
          logger: silentLogger,
          first,
          read: got,
          wantMore: () => wantMore
        })
        const list = got.byEnvironment.get('qa') as DeploymentFact[]
        return [list.length, server.requests.length]
      })
    expect(await read(true)).toEqual([150, 2])
    expect(await read(false)).toEqual([100, 1])
  })
})

describe('readDeploymentPages', () => {
  type Got = { list: DeploymentFact[]; cursor: string | null } | Unreadable
  const firstOf = (entries: [DeploymentSelection, Got][]): ContextAnswer => ({
    deployments: new Map(entries),
    statusPages: [],
    statusTotals: new Map([[1, 1]]),
    refs: [],
    globCursors: []
  })

  it('keeps an unreadable environment as unreadable and asks no more', async () => {
    const port = scripted({})
    const read = emptyRead()
    const hidden = {
      unreadable: true as const,
      permission: 'deployments: read',
      detail: FORBIDDEN
    }
    await readDeploymentPages({
      github: port,
      request: REQUEST,
      logger: silentLogger,
      first: firstOf([[staging, hidden]]),
      read,
      wantMore: () => true
    })
    expect(read.byEnvironment.get('staging')).toEqual(hidden)
    expect([...read.statusTotals]).toEqual([[1, 1]])
    expect(port.calls).toEqual([])
  })

  it('stops at 50 pages of one environment instead of reading without end', async () => {
    let id = 0
    const port = scripted({
      graphql: () =>
        answer({ repository: { d0: deployments([(id += 1)], `c${id}`) } })
    })
    const debug: string[] = []
    const thrown = await readDeploymentPages({
      github: port,
      request: REQUEST,
      logger: { ...silentLogger, debug: (m) => debug.push(m) },
      first: firstOf([[staging, { list: [], cursor: 'c0' }]]),
      read: emptyRead(),
      wantMore: () => true
    }).catch((e: unknown) => e)
    expect(thrown).toEqual(
      new GitHubApiError(
        'more than 5000 deployments to staging; the gate stops reading there'
      )
    )
    // the first page came with the context query: 49 more were asked
    expect(queried(port.calls)).toHaveLength(49)
    expect(debug[0]).toBe('reading further pages of deployments: staging')
  })
})
