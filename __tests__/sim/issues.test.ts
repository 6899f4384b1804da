/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are walked dynamically */
// Issues in the simulator: the model, REST (validated against GitHub's
// OpenAPI description) and GraphQL (against GitHub's schema).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  Simulator,
  startSimulator,
  type SimulatorServer
} from '../../test-support/sim/index.js'
import { loadOpenApi, type OpenApi } from './openapi.js'

const OPS: [string, string, number][] = [
  ['POST', '/repos/{owner}/{repo}/issues', 201],
  ['GET', '/repos/{owner}/{repo}/issues/{issue_number}', 200],
  ['PATCH', '/repos/{owner}/{repo}/issues/{issue_number}', 200]
]

function build() {
  const sim = new Simulator({ now: new Date('2025-03-03T10:00:00Z') })
  const alice = sim.user('alice')
  const bob = sim.user('bob')
  const frank = sim.user('frank')
  const repo = sim.repo('acme/app')
  repo.collaborator(alice, 'write').collaborator(bob, 'maintain')
  const pr = repo.mergedPullRequest({
    author: alice,
    approvals: [bob],
    method: 'squash'
  })
  return { sim, alice, bob, frank, repo, pr }
}

describe('the model', () => {
  it('shares the number sequence with pull requests and creates missing labels', () => {
    const { repo, pr, sim } = build()
    repo.label('bug', { color: 'd73a4a', description: 'Something is broken' })
    const issue = repo.issue({
      title: 'Review',
      labels: ['promotion-gate:break-glass', 'BUG', 'bug']
    })
    expect(issue.number).toBe(pr.data.number + 1)
    expect(issue.author).toBe(sim.githubActions)
    expect(issue.labels).toEqual(['promotion-gate:break-glass', 'bug'])
    expect(repo.data.labels.map((l) => [l.name, l.color])).toEqual([
      ['bug', 'd73a4a'],
      ['promotion-gate:break-glass', 'ededed']
    ])
    expect(issue).toMatchObject({
      state: 'open',
      stateReason: null,
      closedAt: null,
      closedBy: null,
      events: []
    })
    repo.branch('feature-x')
    const next = repo.pullRequest({
      head: 'feature-x',
      author: sim.user('zed')
    })
    expect(next.data.number).toBe(issue.number + 1)
  })

  it('closes, re-closes with another reason, and reopens', () => {
    const { repo, sim, frank, bob } = build()
    const { number } = repo.issue({ title: 'Review' })
    sim.advance('1h')
    const closed = repo.closeIssue(number, frank)
    expect(closed).toMatchObject({
      state: 'closed',
      stateReason: 'completed',
      closedBy: frank,
      closedAt: sim.now
    })
    expect(closed.events.map((e) => [e.kind, e.actor.login])).toEqual([
      ['closed', 'frank']
    ])
    repo.closeIssue(number, bob, 'not_planned')
    expect(closed.stateReason).toBe('not_planned')
    expect(closed.closedBy).toBe(frank)
    expect(closed.events).toHaveLength(1)
    repo.reopenIssue(number, bob)
    expect(closed).toMatchObject({
      state: 'open',
      stateReason: 'reopened',
      closedAt: null,
      closedBy: null
    })
    repo.reopenIssue(number, bob)
    expect(closed.events.map((e) => e.kind)).toEqual(['closed', 'reopened'])
    expect(() => repo.closeIssue(999, frank)).toThrow('no issue #999')
  })
})

describe('REST and GraphQL', () => {
  let openapi: OpenApi
  let w: ReturnType<typeof build>
  let server: SimulatorServer
  let admin: string
  const R = '/repos/acme/app'

  beforeAll(async () => {
    openapi = loadOpenApi(OPS)
    w = build()
    server = await startSimulator(w.sim)
    admin = w.sim.adminToken()
  })

  afterAll(async () => {
    await server.close()
  })

  async function call(
    method: string,
    path: string,
    o: { token?: string; body?: unknown } = {}
  ): Promise<{ status: number; body: any }> {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `token ${o.token ?? admin}`,
        accept: 'application/vnd.github+json'
      },
      body: o.body === undefined ? undefined : JSON.stringify(o.body)
    })
    return { status: res.status, body: await res.json() }
  }

  async function valid(
    method: string,
    op: string,
    path: string,
    status: number,
    o: { token?: string; body?: unknown } = {}
  ): Promise<any> {
    const res = await call(method, path, o)
    expect(res.status).toBe(status)
    expect(openapi.check(method, op, status, res.body)).toEqual([])
    return res.body
  }

  async function gql(
    query: string,
    variables: Record<string, unknown> = {},
    token = admin
  ): Promise<{ data?: any; errors?: any[] }> {
    const res = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { authorization: `bearer ${token}` },
      body: JSON.stringify({ query, variables })
    })
    expect(res.status).toBe(200)
    return (await res.json()) as { data?: any; errors?: any[] }
  }

  it('a workflow token with issues: write opens an issue, as github-actions[bot]', async () => {
    const token = w.sim.workflowToken({ issues: 'write' })
    const issue = await valid(
      'POST',
      '/repos/{owner}/{repo}/issues',
      `${R}/issues`,
      201,
      {
        token,
        body: {
          title: 'Break-glass review: production 1a2b3c4 (run 7)',
          body: '<!-- marker -->\nreview me',
          labels: ['promotion-gate:break-glass', { name: 'urgent' }]
        }
      }
    )
    expect(issue).toMatchObject({
      number: w.pr.data.number + 1,
      state: 'open',
      state_reason: null,
      user: { login: 'github-actions[bot]' },
      html_url: `https://github.com/acme/app/issues/${w.pr.data.number + 1}`,
      closed_by: null
    })
    expect(
      issue.labels.map((l: any) => [l.name, l.color, l.description])
    ).toEqual([
      ['promotion-gate:break-glass', 'ededed', null],
      ['urgent', 'ededed', null]
    ])
  })

  it('refuses tokens without issues: write, and bad bodies', async () => {
    const read = w.sim.workflowToken({ issues: 'read', contents: 'read' })
    const denied = await call('POST', `${R}/issues`, {
      token: read,
      body: { title: 'x' }
    })
    expect(denied.status).toBe(403)
    expect(denied.body.message).toBe('Resource not accessible by integration')
    expect((await call('POST', `${R}/issues`, { body: {} })).status).toBe(422)
    const badLabels = await call('POST', `${R}/issues`, {
      body: { title: 'x', labels: 'urgent' }
    })
    expect(badLabels.status).toBe(422)
    expect(badLabels.body.errors).toEqual([
      { resource: 'Issue', code: 'invalid', field: 'labels' }
    ])
    expect(
      (
        await call('POST', `${R}/issues`, {
          body: { title: 'x', labels: [''] }
        })
      ).status
    ).toBe(422)
  })

  it('GET an issue, and a pull request as an issue', async () => {
    const { number } = w.repo.issue({ title: 'Get me', labels: ['urgent'] })
    const issue = await valid(
      'GET',
      '/repos/{owner}/{repo}/issues/{issue_number}',
      `${R}/issues/${number}`,
      200
    )
    expect(issue).toMatchObject({ number, title: 'Get me' })
    expect(issue.pull_request).toBeUndefined()

    const pr = await valid(
      'GET',
      '/repos/{owner}/{repo}/issues/{issue_number}',
      `${R}/issues/${w.pr.data.number}`,
      200,
      { token: w.sim.workflowToken({ pull_requests: 'read' }) }
    )
    expect(pr.pull_request.url).toMatch(/\/pulls\/\d+$/)
    expect(pr.pull_request.merged_at).not.toBeNull()
    expect(pr.state).toBe('closed')

    const none = w.sim.workflowToken({ contents: 'read' })
    expect(
      (await call('GET', `${R}/issues/${number}`, { token: none })).status
    ).toBe(403)
    expect(
      (
        await call('GET', `${R}/issues/${number}`, {
          token: w.sim.workflowToken({ pull_requests: 'read' })
        })
      ).status
    ).toBe(403)
    expect((await call('GET', `${R}/issues/9999`)).status).toBe(404)
  })

  it('PATCH closes with a state reason, as the token actor, and reopens', async () => {
    const { number } = w.repo.issue({ title: 'Close me' })
    w.sim.advance('5m')
    const closed = await valid(
      'PATCH',
      '/repos/{owner}/{repo}/issues/{issue_number}',
      `${R}/issues/${number}`,
      200,
      { body: { state: 'closed', state_reason: 'not_planned' } }
    )
    expect(closed).toMatchObject({
      state: 'closed',
      state_reason: 'not_planned',
      closed_at: '2025-03-03T10:05:00Z',
      closed_by: { login: 'github-actions[bot]' }
    })
    const retitled = await valid(
      'PATCH',
      '/repos/{owner}/{repo}/issues/{issue_number}',
      `${R}/issues/${number}`,
      200,
      { body: { state: 'open', title: 'Reopened', body: null, labels: ['x'] } }
    )
    expect(retitled).toMatchObject({
      state: 'open',
      state_reason: 'reopened',
      closed_at: null,
      closed_by: null,
      title: 'Reopened',
      body: null
    })
    expect(retitled.labels.map((l: any) => l.name)).toEqual(['x'])
    const completed = await call('PATCH', `${R}/issues/${number}`, {
      body: { state: 'closed' }
    })
    expect(completed.body.state_reason).toBe('completed')

    for (const body of [
      { state: 'shut' },
      { state: 'closed', state_reason: 'later' },
      { state: 'closed', state_reason: 'reopened' },
      { title: '' },
      { labels: 'x' }
    ]) {
      expect(
        (await call('PATCH', `${R}/issues/${number}`, { body })).status
      ).toBe(422)
    }
    expect(
      (
        await call('PATCH', `${R}/issues/${number}`, {
          token: w.sim.workflowToken({ issues: 'read' }),
          body: { state: 'closed' }
        })
      ).status
    ).toBe(403)
    expect(
      (await call('PATCH', `${R}/issues/${w.pr.data.number}`, { body: {} }))
        .status
    ).toBe(404)
  })

  it('GraphQL: issues by label and state, with who closed them and why', async () => {
    const sim = new Simulator({ now: new Date('2025-03-03T10:00:00Z') })
    const frank = sim.user('frank')
    const repo = sim.repo('acme/gate')
    const a = repo.issue({
      title: 'A',
      body: 'first',
      labels: ['promotion-gate:break-glass']
    })
    sim.advance('1h')
    const b = repo.issue({
      title: 'B',
      labels: ['promotion-gate:break-glass', 'x']
    })
    sim.advance('1h')
    repo.issue({ title: 'C', labels: ['other'] })
    sim.advance('1h')
    repo.closeIssue(a.number, frank)
    repo.closeIssue(b.number, frank, 'duplicate')
    const s = await startSimulator(sim)
    try {
      const query = `query($labels: [String!], $states: [IssueState!]) {
        repository(owner: "acme", name: "gate") {
          issues(labels: $labels, states: $states, first: 10, orderBy: {field: CREATED_AT, direction: DESC}) {
            totalCount
            pageInfo { hasNextPage endCursor }
            nodes {
              number url title body state stateReason createdAt closedAt
              dup: stateReason(enableDuplicate: true)
              author { login }
              labels(first: 10) { nodes { name } }
              timelineItems(itemTypes: [CLOSED_EVENT], last: 1) {
                totalCount filteredCount pageCount
                nodes { __typename ... on ClosedEvent { actor { login } createdAt stateReason } }
              }
            }
          }
        }
      }`
      const res = await fetch(s.graphqlUrl, {
        method: 'POST',
        headers: { authorization: `bearer ${sim.adminToken()}` },
        body: JSON.stringify({
          query,
          variables: {
            labels: ['promotion-gate:break-glass'],
            states: ['CLOSED']
          }
        })
      })
      const r = (await res.json()) as { data?: any; errors?: any[] }
      expect(r.errors).toBeUndefined()
      const conn = r.data.repository.issues
      expect(conn.totalCount).toBe(2)
      expect(conn.nodes.map((n: any) => n.title)).toEqual(['B', 'A'])
      const [nb, na] = conn.nodes
      expect(na).toMatchObject({
        number: a.number,
        url: `https://github.com/acme/gate/issues/${a.number}`,
        body: 'first',
        state: 'CLOSED',
        stateReason: 'COMPLETED',
        createdAt: '2025-03-03T10:00:00Z',
        closedAt: '2025-03-03T13:00:00Z',
        author: { login: 'github-actions' },
        labels: { nodes: [{ name: 'promotion-gate:break-glass' }] },
        timelineItems: {
          totalCount: 1,
          filteredCount: 1,
          pageCount: 1,
          nodes: [
            {
              __typename: 'ClosedEvent',
              actor: { login: 'frank' },
              createdAt: '2025-03-03T13:00:00Z',
              stateReason: 'COMPLETED'
            }
          ]
        }
      })
      expect(nb).toMatchObject({
        body: '',
        stateReason: 'NOT_PLANNED',
        dup: 'DUPLICATE'
      })
    } finally {
      await s.close()
    }
  })

  it('GraphQL: filterBy, paging, one issue by number, and issues: read', async () => {
    const { number } = w.repo.issue({ title: 'Find me', labels: ['findable'] })
    const r = await gql(`{
      repository(owner: "acme", name: "app") {
        page1: issues(first: 1, filterBy: {labels: ["findable", "nope"], states: [OPEN], createdBy: "github-actions[bot]"}) {
          totalCount pageInfo { hasNextPage }
          nodes { number timelineItems(first: 5) { totalCount nodes { __typename } } }
        }
        one: issue(number: ${number}) { title closed }
        none: issues(first: 5, filterBy: {assignee: "*"}) { totalCount }
        since: issues(first: 5, filterBy: {since: "2999-01-01T00:00:00Z"}) { totalCount }
      }
    }`)
    expect(r.errors).toBeUndefined()
    expect(r.data.repository.page1).toEqual({
      totalCount: 1,
      pageInfo: { hasNextPage: false },
      nodes: [{ number, timelineItems: { totalCount: 0, nodes: [] } }]
    })
    expect(r.data.repository.one).toEqual({ title: 'Find me', closed: false })
    expect(r.data.repository.none.totalCount).toBe(0)
    expect(r.data.repository.since.totalCount).toBe(0)

    const missing = await gql(
      `{ repository(owner: "acme", name: "app") { issue(number: 9999) { title } } }`
    )
    expect(missing.errors?.[0]).toMatchObject({
      type: 'NOT_FOUND',
      message: 'Could not resolve to an Issue with the number of 9999.'
    })

    const noIssues = w.sim.workflowToken({ contents: 'read' })
    const forbidden = await gql(
      `{ repository(owner: "acme", name: "app") { issues(first: 1) { totalCount } } }`,
      {},
      noIssues
    )
    expect(forbidden.errors?.[0]).toMatchObject({
      type: 'FORBIDDEN',
      path: ['repository', 'issues']
    })
    const unbounded = await gql(
      `{ repository(owner: "acme", name: "app") { issues { totalCount } } }`
    )
    expect(unbounded.errors?.[0]?.type).toBe('MISSING_PAGINATION_BOUNDARIES')
  })
})
