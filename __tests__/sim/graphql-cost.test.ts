// What a query costs, as GitHub documents it:
// https://docs.github.com/en/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api
// The docs' three queries run here as published: every field they use is in
// GitHub's public schema (@octokit/graphql-schema), so none is rewritten.
import { describe, expect, it } from '@jest/globals'
import { parse, validate } from 'graphql'
import { githubSchema } from '../../test-support/sim/index.js'
import {
  NODE_LIMIT,
  nodeLimitError,
  pointsFor,
  queryCost,
  type QueryCost
} from '../../test-support/sim/graphql-cost.js'

function cost(
  query: string,
  variables: Record<string, unknown> = {},
  operationName?: string
): QueryCost {
  const schema = githubSchema()
  const document = parse(query)
  expect(validate(schema, document).map((e) => e.message)).toEqual([])
  const c = queryCost({ schema, document, variables, operationName })
  if (c === null) throw new Error('not costed')
  return c
}

const paths = (c: QueryCost): [string, number, number][] =>
  c.connections.map((x) => [x.path.join('.'), x.requests, x.nodes])

describe("GitHub's documented examples", () => {
  it('simple query: 550 nodes', () => {
    const c = cost(`query { viewer {
      repositories(first: 50) { edges { repository: node { name
        issues(first: 10) { totalCount edges { node { title bodyHTML } } } } } } } }`)
    expect(c.nodes).toBe(550)
    expect(paths(c)).toEqual([
      ['viewer.repositories', 1, 50],
      ['viewer.repositories.edges.repository.issues', 50, 500]
    ])
    expect(c.requests).toBe(51)
    expect(c.points).toBe(1)
  })

  it('complex query: 22,060 nodes', () => {
    const c = cost(`query { viewer {
      repositories(first: 50) { edges { repository: node { name
        pullRequests(first: 20) { edges { pullRequest: node { title
          comments(first: 10) { edges { comment: node { bodyHTML } } } } } }
        issues(first: 20) { totalCount edges { issue: node { title bodyHTML
          comments(first: 10) { edges { comment: node { bodyHTML } } } } } } } } }
      followers(first: 10) { edges { follower: node { login } } } } }`)
    expect(c.nodes).toBe(22_060)
    // 1 + 50 + 1,000 + 50 + 1,000 + 1
    expect(c.requests).toBe(2102)
    expect(c.points).toBe(21)
  })

  it('score: 5,101 requests, 51 points', () => {
    const c = cost(`query { viewer { login
      repositories(first: 100) { edges { node { id
        issues(first: 50) { edges { node { id
          labels(first: 60) { edges { node { id name } } } } } } } } } } }`)
    expect(paths(c).map(([p, requests]) => [p, requests])).toEqual([
      ['viewer.repositories', 1],
      ['viewer.repositories.edges.node.issues', 100],
      ['viewer.repositories.edges.node.issues.edges.node.labels', 5000]
    ])
    expect(c.requests).toBe(5101)
    expect(c.points).toBe(51)
    expect(c.nodes).toBe(100 + 5000 + 300_000)
  })
})

describe('points', () => {
  it.each([
    [0, 1],
    [1, 1],
    [149, 1],
    [150, 2],
    [2248, 22],
    [5101, 51]
  ])('%i requests are %i points', (requests, points) => {
    expect(pointsFor(requests)).toBe(points)
  })
})

describe('what counts', () => {
  const REPO = `repository(owner: "acme", name: "app")`

  it('aliases: each alias is its own connection', () => {
    const c = cost(`{ ${REPO} {
      a: pullRequests(first: 10) { nodes { number } }
      b: pullRequests(first: 30) { nodes { number } } } }`)
    expect(paths(c)).toEqual([
      ['repository.a', 1, 10],
      ['repository.b', 1, 30]
    ])
    expect(c.nodes).toBe(40)
  })

  it('a field asked twice under one key counts once, as execution merges it', () => {
    const c = cost(`{ ${REPO} {
      pullRequests(first: 10) { nodes { number } }
      ...More } }
      fragment More on Repository { pullRequests(first: 10) { nodes { title } } }`)
    expect(paths(c)).toEqual([['repository.pullRequests', 1, 10]])
  })

  it('fragments and inline fragments are followed, nested connections multiply', () => {
    const c = cost(`{ ${REPO} {
      object(expression: "main") { ... on Commit { ...Prs } } } }
      fragment Prs on Commit {
        associatedPullRequests(first: 5) { nodes {
          commits(first: 100) { nodes { commit { authors(first: 20) { nodes { name } } } } } } } }`)
    expect(paths(c)).toEqual([
      ['repository.object.associatedPullRequests', 1, 5],
      ['repository.object.associatedPullRequests.nodes.commits', 5, 500],
      [
        'repository.object.associatedPullRequests.nodes.commits.nodes.commit.authors',
        500,
        10_000
      ]
    ])
    expect(c.requests).toBe(506)
    expect(c.points).toBe(5)
  })

  it('each type-conditioned branch counts: the type is not known before running', () => {
    const c = cost(`{ node(id: "x") {
      ... on PullRequest { commits(first: 10) { nodes { id } } }
      ... on Issue { comments(first: 20) { nodes { id } } } } }`)
    expect(paths(c)).toEqual([
      ['node.commits', 1, 10],
      ['node.comments', 1, 20]
    ])
  })

  it('first and last from variables, with defaults; the larger when both', () => {
    const c = cost(
      `query Q($n: Int!, $m: Int = 7) { ${REPO} {
        a: deployments(first: $n) { nodes { id } }
        b: deployments(last: $m) { nodes { id } }
        c: deployments(first: 3, last: 9) { nodes { id } } } }`,
      { n: 40 }
    )
    expect(c.connections.map((x) => x.pageSize)).toEqual([40, 7, 9])
    expect(c.nodes).toBe(56)
  })

  it('the operation named by operationName', () => {
    const q = `query A { ${REPO} { issues(first: 10) { nodes { id } } } }
      query B { ${REPO} { issues(first: 20) { nodes { id } } } }`
    expect(cost(q, {}, 'B').nodes).toBe(20)
  })

  it('@skip and @include are honoured', () => {
    const c = cost(
      `query Q($no: Boolean!) { ${REPO} {
        a: issues(first: 10) @skip(if: true) { nodes { id } }
        b: issues(first: 20) @include(if: $no) { nodes { id } }
        c: issues(first: 30) { nodes { id } } } }`,
      { no: false }
    )
    expect(paths(c)).toEqual([['repository.c', 1, 30]])
  })

  it('a connection without first or last: one request, no nodes, nothing below it', () => {
    // GitHub refuses such a connection's nodes with "You must provide a
    // `first` or `last` value to properly paginate" (graphql.ts).
    const c = cost(`{ ${REPO} { pullRequests { totalCount
      nodes { commits(first: 100) { totalCount } } } } }`)
    expect(c.connections).toEqual([
      {
        path: ['repository', 'pullRequests'],
        pageSize: null,
        requests: 1,
        nodes: 0
      }
    ])
    expect(c.points).toBe(1)
  })

  it('a query with no connection costs the minimum, 1 point', () => {
    const c = cost(`{ ${REPO} { name } rateLimit { cost } }`)
    expect(c).toEqual({ nodes: 0, requests: 0, points: 1, connections: [] })
  })

  it('cannot cost what execution refuses: unknown operation, bad variables', () => {
    const schema = githubSchema()
    const document = parse(
      `query Q($n: Int!) { ${REPO} { issues(first: $n) { totalCount } } }`
    )
    expect(queryCost({ schema, document, variables: {} })).toBeNull()
    expect(
      queryCost({ schema, document, variables: { n: 1 }, operationName: 'X' })
    ).toBeNull()
  })
})

describe('node limit', () => {
  it('is 500,000, worded as GitHub refuses it', () => {
    expect(NODE_LIMIT).toBe(500_000)
    expect(nodeLimitError(2_010_050)).toEqual({
      type: 'MAX_NODE_LIMIT_EXCEEDED',
      message:
        'This query requests up to 2,010,050 possible nodes which exceeds the maximum limit of 500,000.'
    })
  })

  it('three nested pages of 100 go over it', () => {
    const c = cost(`{ repository(owner: "acme", name: "app") {
      pullRequests(first: 100) { nodes { commits(first: 100) { nodes { commit {
        authors(first: 100) { nodes { name } } } } } } } } }`)
    expect(c.nodes).toBe(100 + 10_000 + 1_000_000)
    expect(c.nodes).toBeGreaterThan(NODE_LIMIT)
  })
})
