// The first round trip, before the policy is known, and the policy file:
// what GitHub answered, what it could not, and what is merely absent.
import { describe, expect, it } from '@jest/globals'
import { GitHubApiError, ShapeError } from '../../../src/engine/errors.js'
import { fetchBootstrap } from '../../../src/engine/gather/bootstrap.js'
import {
  defaultBranchRef,
  fetchPolicy,
  policyOf
} from '../../../src/engine/gather/policy-file.js'
import type { GitHubPort } from '../../../src/engine/port.js'
import { makeRequest } from '../../../src/engine/request.js'
import {
  POLICY,
  POLICY_PATH,
  READ_PERMISSIONS,
  reviewedChange,
  standard
} from '../../../test-support/demo/scenarios.js'
import { SHA } from '../../../__fixtures__/facts.js'
import { onSimulator, requestFor, routes } from './ports.js'

const FORBIDDEN = 'Resource not accessible by integration'

/** Rewrites each GraphQL answer's data before gathering sees it. */
function editing(
  port: GitHubPort,
  edit: (data: Record<string, unknown>) => void
): GitHubPort {
  return {
    rest: (route, params) => port.rest(route, params),
    graphql: async (query, variables) => {
      const got = await port.graphql<Record<string, unknown>>(query, variables)
      if (got.data !== null) edit(got.data)
      return got as never
    }
  }
}

describe('fetchBootstrap, against the simulator', () => {
  it('reads the policy, the commit, its pull request, results and recent deployments in one query, the environment beside it', async () => {
    const { world, sha } = standard(reviewedChange)
    const token = world.sim.workflowToken(READ_PERMISSIONS)
    const { boot, asked, environment } = await onSimulator(
      world,
      token,
      async (port, server) => {
        const boot = await fetchBootstrap(port, requestFor(sha))
        const environment = await boot.environment
        return { boot, asked: routes(server).sort(), environment }
      }
    )
    expect(asked).toEqual([
      'GET /repos/acme/shop/environments/production',
      'GET /repos/acme/shop/environments/production/deployment-branch-policies?per_page=100&page=1',
      'POST /graphql'
    ])
    expect(boot).toMatchObject({
      defaultBranch: 'main',
      policy: { text: POLICY, ref: 'main', blobSha: expect.any(String) },
      commit: { oid: sha },
      incomplete: null,
      defaultRef: { name: 'main', contains: true }
    })
    expect(boot.pullRequests.map((p) => p.fact.merged)).toEqual([true])
    expect(boot.heads.size).toBe(1)
    expect(boot.recent?.here.list.length).toBeGreaterThan(0)
    expect(environment).toMatchObject({ exists: true })
  })

  it('names contents: read when the repository cannot be read', async () => {
    const { world, sha } = standard(reviewedChange)
    const token = world.sim.workflowToken(READ_PERMISSIONS)
    const thrown = await onSimulator(world, token, (port) =>
      fetchBootstrap(
        port,
        makeRequest({
          owner: 'acme',
          repo: 'gone',
          environment: 'production',
          sha,
          policyPath: POLICY_PATH
        })
      ).catch((e: unknown) => e)
    )
    expect(thrown).toBeInstanceOf(GitHubApiError)
    expect(thrown).toMatchObject({
      message: expect.stringMatching(
        /^repository acme\/gone was not found or the token cannot read it \(.+\)$/
      ),
      permission: 'contents: read'
    })
  })

  it('finds no commit, pull request or results for a sha GitHub does not know', async () => {
    const { world } = standard(reviewedChange)
    const token = world.sim.workflowToken(READ_PERMISSIONS)
    const boot = await onSimulator(world, token, (port) =>
      fetchBootstrap(port, requestFor('0'.repeat(40)))
    )
    expect(boot.commit).toBeNull()
    expect(boot.pullRequests).toEqual([])
    expect(boot.heads.size).toBe(0)
    expect(boot.ciResults.results).toEqual([])
  })

  it('tolerates errors handled where they are used, and reports any other, naming the permission', async () => {
    const { world, sha } = standard(reviewedChange)
    const token = world.sim.workflowToken(READ_PERMISSIONS)
    const tolerated = [
      {
        type: 'NOT_FOUND',
        message: 'no policy',
        path: ['repository', 'policy']
      },
      { message: 'slow', path: ['recent', 'here'] },
      { message: 'slow', path: ['repository', 'checks', 'statusCheckRollup'] },
      {
        type: 'FORBIDDEN',
        message: FORBIDDEN,
        path: [
          'repository',
          'heads',
          'associatedPullRequests',
          'nodes',
          0,
          'headCommit'
        ]
      }
    ]
    const read = (errors: Record<string, unknown>[]) =>
      onSimulator(world, token, (port, server) => {
        server.faults.add({ kind: 'graphql-errors', errors })
        return fetchBootstrap(port, requestFor(sha))
      })
    const quiet = await read(tolerated)
    expect(quiet.incomplete).toBeNull()
    // each result set carries its own errors: the head's, not the commit's
    expect(quiet.ciResults.results).toMatchObject({ unreadable: true })
    expect([...quiet.heads.values()][0]?.results).toMatchObject({
      unreadable: true,
      permission: 'checks: read` and `statuses: read'
    })
    const boot = await read([
      ...tolerated,
      {
        type: 'FORBIDDEN',
        message: FORBIDDEN,
        path: ['repository', 'commit', 'associatedPullRequests']
      },
      { type: 'NOT_FOUND', message: 'no path' }
    ])
    expect(boot.incomplete).toMatchObject({
      message: `the deployed commit ${sha.slice(0, 7)} and its pull requests could not be read completely: ${FORBIDDEN}; no path`,
      permission: 'pull-requests: read'
    })
  })

  it('skips a pull request whose head GitHub did not list', async () => {
    const { world, sha } = standard(reviewedChange)
    const token = world.sim.workflowToken(READ_PERMISSIONS)
    const boot = await onSimulator(world, token, (port) =>
      fetchBootstrap(
        editing(port, (data) => {
          const repo = data.repository as Record<string, unknown>
          const heads = repo.heads as {
            associatedPullRequests: { nodes: Record<string, unknown>[] }
          }
          const [pr] = heads.associatedPullRequests.nodes
          heads.associatedPullRequests.nodes = [
            { ...pr, number: 101, headCommit: { nodes: [] } },
            { ...pr, number: 102, headCommit: { nodes: [{ commit: null }] } },
            pr!
          ]
        }),
        requestFor(sha)
      )
    )
    expect([...boot.heads.keys()]).toEqual([boot.pullRequests[0]?.fact.number])
  })

  it('takes an answer without a boolean viewerCanAdminister as "GitHub did not say", never as an administrator', async () => {
    // the schema says Boolean!, but whatever answers in GitHub's place
    // (a proxy, an older GHES) may leave it out: not knowing is not true
    const { world, sha } = standard(reviewedChange)
    const token = world.sim.workflowToken(READ_PERMISSIONS)
    const read = (edit: (repo: Record<string, unknown>) => void) =>
      onSimulator(world, token, (port) =>
        fetchBootstrap(
          editing(port, (data) => {
            edit(data.repository as Record<string, unknown>)
          }),
          requestFor(sha)
        )
      )
    const as = await read(() => undefined)
    expect(as.viewerCanAdminister).toBe(false)
    const missing = await read((repo) => {
      delete repo.viewerCanAdminister
    })
    expect(missing.viewerCanAdminister).toBeNull()
    const text = await read((repo) => {
      repo.viewerCanAdminister = 'true'
    })
    expect(text.viewerCanAdminister).toBeNull()
  })

  it('reads no recent deployments without deployments: read, and leaves it to the context query', async () => {
    const { world, sha } = standard(reviewedChange)
    const token = world.sim.workflowToken({
      ...READ_PERMISSIONS,
      deployments: 'none'
    })
    const boot = await onSimulator(world, token, (port) =>
      fetchBootstrap(port, requestFor(sha))
    )
    expect(boot.recent).toBeNull()
    expect(boot.incomplete).toBeNull()
    expect(boot.commit?.oid).toBe(sha)
  })

  it('settles the environment as failed rather than rejecting', async () => {
    const { world, sha } = standard(reviewedChange)
    const token = world.sim.workflowToken(READ_PERMISSIONS)
    const environment = await onSimulator(
      world,
      token,
      async (port, server) => {
        server.faults.add({ kind: 'status', status: 422, path: /environments/ })
        return (await fetchBootstrap(port, requestFor(sha))).environment
      }
    )
    expect(environment).toEqual({ failed: expect.any(GitHubApiError) })
  })
})

describe('fetchPolicy, against the simulator', () => {
  it('reads the policy alone, from the default branch or a ref', async () => {
    const { world } = standard(reviewedChange)
    world.repo.branch('policies')
    const token = world.sim.workflowToken(READ_PERMISSIONS)
    const at = { owner: 'acme', repo: 'shop', policyPath: POLICY_PATH }
    const [onDefault, onRef, elsewhere] = await onSimulator(
      world,
      token,
      (port) =>
        Promise.all([
          fetchPolicy(port, { ...at, policyRef: null }),
          fetchPolicy(port, { ...at, policyRef: 'policies' }),
          fetchPolicy(port, {
            ...at,
            policyPath: 'nope.yml',
            policyRef: 'policies'
          })
        ])
    )
    expect(onDefault).toMatchObject({
      defaultBranch: 'main',
      repositoryUrl: expect.stringMatching(/\/acme\/shop$/),
      policy: { text: POLICY, ref: 'main' }
    })
    expect(onRef.policy).toMatchObject({ text: POLICY, ref: 'policies' })
    expect(elsewhere.policy).toEqual({
      missing: 'no policy file at nope.yml on policies'
    })
  })

  it('reads a policy that is not there as missing, not as an error', async () => {
    const { world } = standard(reviewedChange)
    const token = world.sim.workflowToken(READ_PERMISSIONS)
    const got = await onSimulator(world, token, (port, server) => {
      server.faults.add({
        kind: 'graphql-errors',
        errors: [
          { type: 'NOT_FOUND', message: 'gone', path: ['repository', 'policy'] }
        ]
      })
      return fetchPolicy(port, {
        owner: 'acme',
        repo: 'shop',
        policyPath: POLICY_PATH,
        policyRef: null
      })
    })
    expect(got.policy).toMatchObject({ text: POLICY })
  })

  it('names contents: read when the repository cannot be read', async () => {
    const { world } = standard(reviewedChange)
    const token = world.sim.workflowToken(READ_PERMISSIONS)
    await expect(
      onSimulator(world, token, (port) =>
        fetchPolicy(port, {
          owner: 'acme',
          repo: 'gone',
          policyPath: POLICY_PATH,
          policyRef: null
        })
      )
    ).rejects.toMatchObject({ permission: 'contents: read' })
  })
})

describe('policyOf, over recorded answers', () => {
  const at = { policyPath: POLICY_PATH, policyRef: null }
  const blob = (o: Record<string, unknown>): Record<string, unknown> => ({
    oid: SHA,
    text: 'version: 1',
    isTruncated: false,
    isBinary: false,
    ...o
  })
  const onDefault = (object: unknown): Record<string, unknown> => ({
    name: 'main',
    target: { file: object === undefined ? null : { object } }
  })

  it('reads the blob at the expression, else the default branch’s file', () => {
    expect(
      policyOf({ policy: blob({}) }, onDefault(undefined), 'main', at)
    ).toEqual({ text: 'version: 1', blobSha: SHA, ref: 'main' })
    expect(
      policyOf({ policy: null }, onDefault(blob({})), 'main', at)
    ).toMatchObject({ text: 'version: 1' })
  })

  it.each([
    ['no default branch commit', { name: 'main', target: null }],
    ['no file there', onDefault(undefined)]
  ])('is missing with %s', (_case, ref) => {
    expect(policyOf({ policy: null }, ref, 'main', at)).toEqual({
      missing: `no policy file at ${POLICY_PATH} on main`
    })
  })

  it('does not fall back to the default branch when a ref is named', () => {
    expect(
      policyOf({ policy: null }, onDefault(blob({})), 'main', {
        ...at,
        policyRef: 'v2'
      })
    ).toEqual({ missing: `no policy file at ${POLICY_PATH} on v2` })
  })

  it('names a binary or truncated file instead of reading part of it', () => {
    expect(
      policyOf({ policy: blob({ text: null, isBinary: true }) }, {}, 'main', at)
    ).toEqual({ missing: `the policy file ${POLICY_PATH} on main is binary` })
    expect(
      policyOf({ policy: blob({ isTruncated: true }) }, {}, 'main', at)
    ).toEqual({
      missing: `the policy file ${POLICY_PATH} on main is too large`
    })
  })

  it('refuses a repository without a default branch', () => {
    expect(() =>
      defaultBranchRef(
        { defaultBranchRef: null },
        {
          owner: 'acme',
          repo: 'empty',
          policyPath: POLICY_PATH,
          policyRef: null
        }
      )
    ).toThrow(new ShapeError('repository acme/empty has no default branch'))
  })
})
