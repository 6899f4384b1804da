/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are walked dynamically */
// A commit's test results: check runs in check suites (workflow runs'
// jobs and other Apps'), commit statuses, and how GraphQL's
// statusCheckRollup and the REST checks/statuses routes answer them,
// permissions included.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  nodeId,
  Simulator,
  startSimulator,
  type CheckRun,
  type RepoHandle,
  type RunHandle,
  type SimulatorServer,
  type User
} from '../../test-support/sim/index.js'
import { loadOpenApi, type OpenApi } from './openapi.js'

const OPS: [string, string, number][] = [
  ['GET', '/repos/{owner}/{repo}/commits/{ref}/check-runs', 200],
  ['GET', '/repos/{owner}/{repo}/commits/{ref}/status', 200],
  ['GET', '/repos/{owner}/{repo}/commits/{ref}/statuses', 200],
  ['GET', '/repos/{owner}/{repo}/actions/runs/{run_id}', 200]
]

const CODECOV = { id: 254, slug: 'codecov', name: 'Codecov' }

let openapi: OpenApi
let sim: Simulator
let server: SimulatorServer
let admin: string
let alice: User
let repo: RepoHandle
let head: string
let ci: RunHandle
let again: RunHandle
let failedFirst: CheckRun
let passedOnRerun: CheckRun
let coverage: CheckRun
let prNumber: number

beforeAll(async () => {
  openapi = loadOpenApi(OPS)
  sim = new Simulator({ now: new Date('2025-03-03T10:00:00Z') })
  alice = sim.user('alice')
  const bob = sim.user('bob')
  repo = sim.repo('acme/app')
  repo.collaborator(alice, 'write').collaborator(bob, 'write')
  const pr = repo.mergedPullRequest({
    author: alice,
    approvals: [bob],
    method: 'squash'
  })
  prNumber = pr.number
  // the pull request's own CI, on its head
  repo
    .workflowRun({ actor: alice, headSha: pr.headOid, event: 'pull_request' })
    .job('test', 'success')
  head = repo.head()
  sim.advance('1m')
  // CI: `test` fails, is re-run and passes; `lint` passes
  ci = repo.workflowRun({
    actor: alice,
    headSha: head,
    name: 'CI',
    path: '.github/workflows/ci.yml'
  })
  failedFirst = ci.job('test', 'failure')
  ci.job('lint', 'success')
  sim.advance('5m')
  ci.rerun(alice)
  passedOnRerun = ci.job('test', 'success')
  // a second run of the workflow on the same commit: its own suite
  sim.advance('5m')
  again = repo.workflowRun({
    actor: alice,
    headSha: head,
    name: 'CI',
    path: '.github/workflows/ci.yml'
  })
  again.job('test', null)
  // another App's check run, and a commit status updated once
  coverage = repo.checkRun(head, 'codecov/patch', 'success', { app: CODECOV })
  repo.commitStatus(head, 'pending', { context: 'preview' })
  sim.advance('1m')
  repo.commitStatus(head, 'success', {
    context: 'preview',
    description: 'Preview ready',
    targetUrl: 'https://preview.example.com/1',
    creator: alice
  })
  server = await startSimulator(sim)
  admin = sim.adminToken()
})

afterAll(async () => {
  await server.close()
})

interface GqlResult {
  data?: Record<string, any> | null
  errors?: {
    type?: string
    message: string
    path?: (string | number)[]
    extensions?: Record<string, unknown>
  }[]
}

async function gql(
  query: string,
  variables: Record<string, unknown> = {},
  token = admin
): Promise<GqlResult> {
  const res = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { authorization: `bearer ${token}` },
    body: JSON.stringify({ query, variables })
  })
  expect(res.status).toBe(200)
  return (await res.json()) as GqlResult
}

async function rest(
  path: string,
  token = admin
): Promise<{ status: number; headers: Headers; body: any }> {
  const res = await fetch(`${server.url}${path}`, {
    headers: { authorization: `token ${token}` }
  })
  return { status: res.status, headers: res.headers, body: await res.json() }
}

// What the gate asks: docs.github.com/en/graphql/reference/objects#statuscheckrollup
const CONTEXTS = `totalCount checkRunCount statusContextCount
  pageInfo { hasNextPage endCursor }
  nodes {
    __typename
    ... on CheckRun { databaseId name status conclusion detailsUrl url
      checkSuite { databaseId status conclusion app { slug name databaseId }
        commit { oid }
        workflowRun { databaseId runNumber url workflow { name } } } }
    ... on StatusContext { context state targetUrl createdAt description creator { login } }
  }`

const ROLLUP = `query($oid: GitObjectID!) { repository(owner: "acme", name: "app") {
  object(oid: $oid) { ... on Commit { statusCheckRollup { id state contexts(first: 100) { ${CONTEXTS} } } } } } }`

describe('check suites in the model', () => {
  it('a job is a check run in its workflow run’s suite, linked to the job', () => {
    expect(failedFirst).toMatchObject({
      headSha: head,
      runId: ci.id,
      checkSuiteId: ci.id + 1,
      app: { slug: 'github-actions' },
      detailsUrl: `https://github.com/acme/app/actions/runs/${ci.id}/job/${failedFirst.id}`
    })
    expect(passedOnRerun.checkSuiteId).toBe(failedFirst.checkSuiteId)
    expect(again.job('build', 'success').checkSuiteId).toBe(again.id + 1)
  })

  it('an App’s check runs on one commit share one suite', () => {
    const other = repo.checkRun(head, 'codecov/project', 'success', {
      app: CODECOV
    })
    expect(other.checkSuiteId).toBe(coverage.checkSuiteId)
    expect(other.runId).toBeNull()
    expect(other.checkSuiteId).not.toBe(failedFirst.checkSuiteId)
  })
})

describe('statusCheckRollup', () => {
  it('latest check run per name per suite, statuses per context, with suites', async () => {
    const r = await gql(ROLLUP, { oid: head })
    expect(r.errors).toBeUndefined()
    const rollup = r.data?.repository.object.statusCheckRollup
    const c = rollup.contexts
    const checks = c.nodes.filter((n: any) => n.__typename === 'CheckRun')
    // the re-run's `test` replaced the failed one; the second run's
    // `test` and `build` stand beside the first run's
    expect(
      checks.map((n: any) => `${n.checkSuite.databaseId}:${n.name}`).sort()
    ).toEqual(
      [
        `${ci.id + 1}:lint`,
        `${ci.id + 1}:test`,
        `${again.id + 1}:build`,
        `${again.id + 1}:test`,
        `${coverage.checkSuiteId}:codecov/patch`,
        `${coverage.checkSuiteId}:codecov/project`
      ].sort()
    )
    expect(c.checkRunCount).toBe(6)
    expect(c.statusContextCount).toBe(1)
    expect(c.totalCount).toBe(7)
    expect(c.pageInfo.hasNextPage).toBe(false)
    expect(rollup.state).toBe('PENDING') // the second run's test is running
    const test = checks.find(
      (n: any) => n.name === 'test' && n.checkSuite.databaseId === ci.id + 1
    )
    expect(test).toMatchObject({
      databaseId: passedOnRerun.id,
      status: 'COMPLETED',
      conclusion: 'SUCCESS',
      detailsUrl: passedOnRerun.detailsUrl,
      checkSuite: {
        status: 'COMPLETED',
        conclusion: 'SUCCESS',
        app: {
          slug: 'github-actions',
          name: 'GitHub Actions',
          databaseId: 15368
        },
        commit: { oid: head },
        workflowRun: {
          databaseId: ci.id,
          runNumber: ci.data.runNumber,
          url: `https://github.com/acme/app/actions/runs/${ci.id}`,
          workflow: { name: 'CI' }
        }
      }
    })
    const running = checks.find(
      (n: any) => n.name === 'test' && n.checkSuite.databaseId === again.id + 1
    )
    expect(running).toMatchObject({ status: 'IN_PROGRESS', conclusion: null })
    expect(running.checkSuite).toMatchObject({
      status: 'IN_PROGRESS',
      conclusion: null
    })
    const cov = checks.find((n: any) => n.name === 'codecov/patch')
    expect(cov.checkSuite.app).toEqual({
      slug: 'codecov',
      name: 'Codecov',
      databaseId: 254
    })
    expect(cov.checkSuite.workflowRun).toBeNull()
    const status = c.nodes.find((n: any) => n.__typename === 'StatusContext')
    expect(status).toEqual({
      __typename: 'StatusContext',
      context: 'preview',
      state: 'SUCCESS',
      targetUrl: 'https://preview.example.com/1',
      createdAt: '2025-03-03T10:12:00Z',
      description: 'Preview ready',
      creator: { login: 'alice' }
    })
  })

  it('REST check runs name the same suites; filter=all keeps superseded runs', async () => {
    const latest = await rest(`/repos/acme/app/commits/${head}/check-runs`)
    expect(latest.status).toBe(200)
    expect(
      openapi.check(
        'GET',
        '/repos/{owner}/{repo}/commits/{ref}/check-runs',
        200,
        latest.body
      )
    ).toEqual([])
    const byId = new Map<number, any>(
      latest.body.check_runs.map((k: any) => [k.id, k])
    )
    expect(latest.body.total_count).toBe(6)
    expect(byId.has(failedFirst.id)).toBe(false)
    expect(byId.get(passedOnRerun.id)).toMatchObject({
      check_suite: { id: ci.id + 1 },
      app: { id: 15368, slug: 'github-actions' },
      details_url: passedOnRerun.detailsUrl
    })
    expect(byId.get(coverage.id)?.app).toMatchObject({ slug: 'codecov' })
    const all = await rest(
      `/repos/acme/app/commits/${head}/check-runs?filter=all`
    )
    expect(all.body.total_count).toBe(7)
    // the workflow run's check_suite_id is the suite of its jobs
    const run = await rest(`/repos/acme/app/actions/runs/${ci.id}`)
    expect(run.body.check_suite_id).toBe(ci.id + 1)
    expect(
      openapi.check(
        'GET',
        '/repos/{owner}/{repo}/actions/runs/{run_id}',
        200,
        run.body
      )
    ).toEqual([])
  })

  it('REST statuses and the combined status agree with StatusContext', async () => {
    const list = await rest(`/repos/acme/app/commits/${head}/statuses`)
    expect(list.body.map((s: any) => s.state)).toEqual(['success', 'pending'])
    const combined = await rest(`/repos/acme/app/commits/${head}/status`)
    expect(combined.body).toMatchObject({
      state: 'success',
      total_count: 1,
      statuses: [
        {
          context: 'preview',
          state: 'success',
          target_url: 'https://preview.example.com/1',
          description: 'Preview ready',
          created_at: '2025-03-03T10:12:00Z'
        }
      ]
    })
    for (const [path, body] of [
      ['/repos/{owner}/{repo}/commits/{ref}/statuses', list.body],
      ['/repos/{owner}/{repo}/commits/{ref}/status', combined.body]
    ] as const) {
      expect(openapi.check('GET', path, 200, body)).toEqual([])
    }
  })

  it('without statuses: read each StatusContext is null with a FORBIDDEN on its path', async () => {
    const t = sim.token({ contents: 'read', checks: 'read', actions: 'read' })
    const r = await gql(
      `query($oid: GitObjectID!) { repository(owner: "acme", name: "app") {
        object(oid: $oid) { ... on Commit { statusCheckRollup {
          contexts(first: 100) { totalCount statusContextCount nodes { __typename ... on StatusContext { context } ... on CheckRun { name } } }
        } } } } }`,
      { oid: head },
      t
    )
    const c = r.data?.repository.object.statusCheckRollup.contexts
    expect(c.totalCount).toBe(7)
    expect(c.statusContextCount).toBe(1)
    const nulls = c.nodes
      .map((n: any, i: number) => (n === null ? i : -1))
      .filter((i: number) => i >= 0)
    expect(nulls).toEqual([6])
    expect(r.errors).toMatchObject([
      {
        type: 'FORBIDDEN',
        path: [
          'repository',
          'object',
          'statusCheckRollup',
          'contexts',
          'nodes',
          6
        ],
        extensions: { saml_failure: false },
        locations: [{ line: 3 }],
        message: 'Resource not accessible by integration'
      }
    ])
  })

  it('without checks: read each CheckRun is null, on nodes and on edges', async () => {
    const t = sim.token({ contents: 'read', statuses: 'read' })
    const r = await gql(
      `query($oid: GitObjectID!) { repository(owner: "acme", name: "app") {
        object(oid: $oid) { ... on Commit { statusCheckRollup {
          contexts(first: 100) { checkRunCount edges { cursor node { __typename } } }
        } } } } }`,
      { oid: head },
      t
    )
    const c = r.data?.repository.object.statusCheckRollup.contexts
    expect(c.checkRunCount).toBe(6)
    expect(c.edges.map((e: any) => e.node?.__typename ?? null)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      'StatusContext'
    ])
    expect(r.errors?.map((e) => e.path?.slice(3))).toEqual(
      [0, 1, 2, 3, 4, 5].map((i) => ['contexts', 'edges', i, 'node'])
    )
    expect(r.errors?.every((e) => e.type === 'FORBIDDEN')).toBe(true)
  })

  it('without actions: read the workflow run of an Actions suite is FORBIDDEN', async () => {
    const t = sim.token({ contents: 'read', checks: 'read', statuses: 'read' })
    const r = await gql(ROLLUP, { oid: head }, t)
    const nodes = r.data?.repository.object.statusCheckRollup.contexts.nodes
    const paths = (r.errors ?? []).map((e) => e.path)
    const actions = nodes
      .map((n: any, i: number) =>
        n.__typename === 'CheckRun' &&
        n.checkSuite.app.slug === 'github-actions'
          ? i
          : -1
      )
      .filter((i: number) => i >= 0)
    expect(actions).toHaveLength(4)
    expect(paths).toEqual(
      actions.map((i: number) => [
        'repository',
        'object',
        'statusCheckRollup',
        'contexts',
        'nodes',
        i,
        'checkSuite',
        'workflowRun'
      ])
    )
    expect(r.errors?.every((e) => e.type === 'FORBIDDEN')).toBe(true)
    // the rest of each check run is there; codecov has no workflow run
    for (const i of actions) {
      expect(nodes[i].checkSuite.workflowRun).toBeNull()
      expect(nodes[i].checkSuite.app.slug).toBe('github-actions')
    }
  })

  it('a pull request’s last commit carries its rollup', async () => {
    const r = await gql(
      `query($n: Int!) { repository(owner: "acme", name: "app") { pullRequest(number: $n) {
        commits(last: 1) { nodes { commit { oid statusCheckRollup { state contexts(first: 10) { totalCount } } } } } } } }`,
      { n: prNumber }
    )
    expect(r.errors).toBeUndefined()
    const node = r.data?.repository.pullRequest.commits.nodes[0]
    expect(node.commit.oid).toBe(repo.pull(prNumber).headOid)
    expect(node.commit.statusCheckRollup).toEqual({
      state: 'SUCCESS',
      contexts: { totalCount: 1 }
    })
  })
})

describe('a rollup with more than a page of contexts', () => {
  it('pages with cursors, and node(id:) resumes on the rollup', async () => {
    const big = new Simulator({ now: new Date('2025-03-03T10:00:00Z') })
    const dev = big.user('dev')
    const r = big.repo('big/checks')
    const sha = r.head()
    const run = r.workflowRun({ actor: dev, headSha: sha })
    for (let i = 0; i < 40; i++)
      run.job(`job-${i}`, i === 33 ? 'failure' : 'success')
    for (let i = 0; i < 110; i++) {
      r.commitStatus(sha, 'success', { context: `status-${i}` })
    }
    const s = await startSimulator(big)
    const t = big.workflowToken({
      contents: 'read',
      checks: 'read',
      statuses: 'read',
      actions: 'read'
    })
    const ask = async (query: string, variables: Record<string, unknown>) => {
      const res = await fetch(s.graphqlUrl, {
        method: 'POST',
        headers: { authorization: `bearer ${t}` },
        body: JSON.stringify({ query, variables })
      })
      return (await res.json()) as GqlResult
    }
    try {
      const first = await ask(
        `query($oid: GitObjectID!) { repository(owner: "big", name: "checks") {
          object(oid: $oid) { ... on Commit { statusCheckRollup { id state
            contexts(first: 100) { ${CONTEXTS} } } } } } }`,
        { oid: sha }
      )
      expect(first.errors).toBeUndefined()
      const rollup = first.data?.repository.object.statusCheckRollup
      expect(rollup.state).toBe('FAILURE')
      expect(rollup.contexts.totalCount).toBe(150)
      expect(rollup.contexts.checkRunCount).toBe(40)
      expect(rollup.contexts.statusContextCount).toBe(110)
      expect(rollup.contexts.nodes).toHaveLength(100)
      expect(rollup.contexts.pageInfo.hasNextPage).toBe(true)
      const rest = await ask(
        `query($id: ID!, $after: String) { node(id: $id) { __typename ... on StatusCheckRollup {
          contexts(first: 100, after: $after) { ${CONTEXTS} } } } }`,
        { id: rollup.id, after: rollup.contexts.pageInfo.endCursor }
      )
      expect(rest.errors).toBeUndefined()
      expect(rest.data?.node.__typename).toBe('StatusCheckRollup')
      const page2 = rest.data?.node.contexts
      expect(page2.nodes).toHaveLength(50)
      expect(page2.pageInfo.hasNextPage).toBe(false)
      const names = [...rollup.contexts.nodes, ...page2.nodes].map(
        (n: any) => n.name ?? n.context
      )
      expect(new Set(names).size).toBe(150)
      const missing = await ask(`query($id: ID!) { node(id: $id) { id } }`, {
        id: nodeId('StatusCheckRollup', `${r.data.id}:${'0'.repeat(40)}`)
      })
      expect(missing.errors?.[0]?.type).toBe('NOT_FOUND')
    } finally {
      await s.close()
    }
  })
})
