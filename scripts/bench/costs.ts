// What a run cost in GitHub's budgets (SPEC §9 v2), from the simulator's
// request log: REST requests, GraphQL queries, the points they were charged,
// the nodes of the largest, what the simulator refused, and what is left of
// the hour.

import {
  DEFAULT_POINTS_PER_HOUR,
  NODE_LIMIT
} from '../../test-support/sim/index.js'

/**
 * A GITHUB_TOKEN's hour, which every run here spends (the cases run with a
 * workflow token): 1,000 REST requests
 * (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#primary-rate-limit-for-github_token-in-github-actions)
 * and 1,000 GraphQL points
 * (https://docs.github.com/en/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api#primary-rate-limit).
 * measure.ts gives the simulator this GraphQL budget, so the two agree.
 */
export const TOKEN_BUDGET = {
  graphqlPoints: DEFAULT_POINTS_PER_HOUR.github_token,
  restRequests: 1000
}

/** One request as the bench keeps it: enough to cost it. */
export interface CostedRequest {
  /** e.g. `POST /graphql GateChanges` */
  label: string
  graphql: boolean
  /** GraphQL: points charged, 0 when refused (null: not costed) */
  points: number | null
  /** GraphQL: nodes the query may return (null: not costed) */
  nodes: number | null
}

export type Refusal = 'rate-limited' | 'node-limit'

/**
 * Why the simulator refused a GraphQL query, read from its log: a costed
 * query is charged at least 1 point, so 0 points means it was refused, over
 * the node limit when its nodes exceed it, otherwise for the budget. (A query
 * without connections has 0 nodes and cannot be told from one whose
 * variables did not coerce, which is not charged either; it is not counted.)
 */
export function refusalOf(r: CostedRequest): Refusal | null {
  if (!r.graphql || r.points !== 0 || r.nodes === null || r.nodes === 0) {
    return null
  }
  return r.nodes > NODE_LIMIT ? 'node-limit' : 'rate-limited'
}

export interface OperationCost {
  /** the GraphQL operation, e.g. `GateChanges` */
  operation: string
  queries: number
  points: number
  /** the largest of its queries */
  maxNodes: number
}

export interface RunCosts {
  restRequests: number
  graphqlRequests: number
  /** GraphQL points charged, summed over the queries */
  points: number
  /** nodes of the largest query, refused ones included; null: no query costed */
  largestNodes: number | null
  /** the operation of that query */
  largestQuery: string | null
  refused: { rateLimited: number; nodeLimit: number }
  /** what is left of the token's hour after the run */
  budgetLeft: { graphqlPoints: number; restRequests: number }
  /** points and nodes by operation, the most points first */
  byOperation: OperationCost[]
  /** REST requests by endpoint (ids and shas as placeholders), the most first */
  restByEndpoint: { endpoint: string; requests: number }[]
}

/** `GET /repos/acme/shop/deployments/12/statuses` -> `GET /repos/acme/shop/deployments/{id}/statuses` */
export function endpointOf(label: string): string {
  return label
    .replace(/[0-9a-f]{40}\.\.\.[0-9a-f]{40}/g, '{base}...{head}')
    .replace(/\/[0-9a-f]{40}(?=\/|$)/g, '/{sha}')
    .replace(/\/\d+(?=\/|$)/g, '/{id}')
}

/** `POST /graphql GateChanges` -> `GateChanges` */
export function operationOf(label: string): string {
  const parts = label.split(' ')
  return parts.length >= 3 ? parts.slice(2).join(' ') : label
}

export function costsOf(
  requests: CostedRequest[],
  budget: typeof TOKEN_BUDGET = TOKEN_BUDGET
): RunCosts {
  const graphql = requests.filter((r) => r.graphql)
  const rest = requests.length - graphql.length
  const points = graphql.reduce((sum, r) => sum + (r.points ?? 0), 0)
  let largest: CostedRequest | null = null
  const ops = new Map<string, OperationCost>()
  for (const r of graphql) {
    if (
      r.nodes !== null &&
      (largest === null || r.nodes > (largest.nodes ?? 0))
    )
      largest = r
    const name = operationOf(r.label)
    const op = ops.get(name) ?? {
      operation: name,
      queries: 0,
      points: 0,
      maxNodes: 0
    }
    op.queries += 1
    op.points += r.points ?? 0
    op.maxNodes = Math.max(op.maxNodes, r.nodes ?? 0)
    ops.set(name, op)
  }
  const refusals = graphql.map(refusalOf)
  const endpoints = new Map<string, number>()
  for (const r of requests.filter((x) => !x.graphql)) {
    const e = endpointOf(r.label)
    endpoints.set(e, (endpoints.get(e) ?? 0) + 1)
  }
  return {
    restRequests: rest,
    graphqlRequests: graphql.length,
    points,
    largestNodes: largest?.nodes ?? null,
    largestQuery: largest === null ? null : operationOf(largest.label),
    refused: {
      rateLimited: refusals.filter((x) => x === 'rate-limited').length,
      nodeLimit: refusals.filter((x) => x === 'node-limit').length
    },
    budgetLeft: {
      graphqlPoints: Math.max(0, budget.graphqlPoints - points),
      restRequests: Math.max(0, budget.restRequests - rest)
    },
    byOperation: [...ops.values()].sort(
      (a, b) => b.points - a.points || a.operation.localeCompare(b.operation)
    ),
    restByEndpoint: [...endpoints]
      .map(([endpoint, n]) => ({ endpoint, requests: n }))
      .sort(
        (a, b) =>
          b.requests - a.requests || a.endpoint.localeCompare(b.endpoint)
      )
  }
}

/** "GateChanges 5 queries 900 points, GateBootstrap 1 query 22 points" */
export function spentBy(ops: OperationCost[], limit = 3): string {
  return ops
    .filter((o) => o.points > 0)
    .slice(0, limit)
    .map(
      (o) =>
        `${o.operation} ${o.queries} quer${o.queries === 1 ? 'y' : 'ies'} ${o.points.toLocaleString('en-US')} point${o.points === 1 ? '' : 's'}`
    )
    .join(', ')
}
