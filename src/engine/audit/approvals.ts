// The runs' environment approvals in bulk: GitHub's GraphQL keeps the same
// review history REST's "Get the review history for a workflow run" does
// (WorkflowRun.deploymentReviews, docs.github.com/en/graphql/reference/objects#workflowrun),
// so 100 runs cost one query of 6 points instead of 100 REST requests. A
// run whose node id is not known, whose answer GitHub refused or whose
// reviews run past one page is asked the REST way, exactly as the gate asks.

import type { EnvironmentApprovalFact, Unreadable } from '../facts.js'
import { askInBatches, type QueryCost } from '../gather/budget.js'
import { fetchApprovals } from '../gather/index.js'
import { parseActor } from '../gather/parse.js'
import { RATE_LIMIT } from '../gather/queries.js'
import { connection, obj, optObj, str, type Json } from '../gather/shape.js'
import { ShapeError } from '../errors.js'
import type { GitHubPort } from '../port.js'
import { CONCURRENCY } from './batch.js'
import type { Repo } from './types.js'

/** Reviews per run, and environments per review, asked in one page. */
const REVIEWS = 5
const ENVIRONMENTS = 5

/** What one run adds to AuditApprovals (GitHub's counting: ../gather/budget.ts). */
export const APPROVALS_COST: QueryCost = {
  nodes: REVIEWS + REVIEWS * ENVIRONMENTS,
  requests: 1 + REVIEWS
}

const REVIEW_FIELDS = `... on WorkflowRun {
      databaseId
      deploymentReviews(first: ${REVIEWS}) { totalCount nodes {
        state comment user { __typename login }
        environments(first: ${ENVIRONMENTS}) { totalCount nodes { name } } } }
    }`

export function approvalsQuery(nodeIds: string[]): {
  query: string
  variables: Record<string, unknown>
} {
  const variables: Record<string, unknown> = {}
  const declarations: string[] = []
  const parts = nodeIds.map((id, i) => {
    declarations.push(`$r${i}: ID!`)
    variables[`r${i}`] = id
    return `r${i}: node(id: $r${i}) { ${REVIEW_FIELDS} }`
  })
  return {
    query: `query AuditApprovals(${declarations.join(', ')}) {
  ${RATE_LIMIT}
  ${parts.join('\n  ')}
}`,
    variables
  }
}

export type Approvals = Map<number, EnvironmentApprovalFact[] | Unreadable>

/** Each run's environment approvals: GraphQL where it can, REST where it must. */
export async function runApprovals(o: {
  github: GitHubPort
  repo: Repo
  runs: { id: number; nodeId: string | null }[]
}): Promise<Approvals> {
  const approvals: Approvals = new Map()
  const byNode = o.runs.filter(
    (r): r is { id: number; nodeId: string } => r.nodeId !== null
  )
  await askInBatches({
    items: byNode,
    each: () => APPROVALS_COST,
    concurrency: CONCURRENCY,
    ask: async (batch) => {
      const { query, variables } = approvalsQuery(batch.map((r) => r.nodeId))
      const answer = await o.github.graphql<Json>(query, variables, {
        splittable: true
      })
      const data = obj(answer.data, 'data')
      batch.forEach((run, i) => {
        const refused = answer.errors.some((e) => e.path?.[0] === `r${i}`)
        const node = optObj(data[`r${i}`], `run ${run.id}`)
        if (refused || node === null) return
        const got = parseReviews(node, `run ${run.id}`)
        if (got !== null) approvals.set(run.id, got)
      })
    }
  })
  // the rest, one request each, as the gate reads them
  for (const run of o.runs) {
    if (approvals.has(run.id)) continue
    const got = await fetchApprovals(o.github, { ...o.repo, run })
    if (got === null) throw new Error('approvals of a run without an id')
    approvals.set(run.id, got)
  }
  return approvals
}

/** A run's reviews as REST would list them; null when more than a page. */
function parseReviews(
  node: Json,
  at: string
): EnvironmentApprovalFact[] | null {
  const reviews = connection(node.deploymentReviews, `${at}.deploymentReviews`)
  if (reviews.nodes.length < (reviews.totalCount ?? 0)) return null
  const out: EnvironmentApprovalFact[] = []
  for (const [i, value] of reviews.nodes.entries()) {
    const r = obj(value, `${at}.reviews[${i}]`)
    const user = parseActor(r.user, `${at}.reviews[${i}].user`)
    if (user === null) throw new ShapeError(`${at}.reviews[${i}].user: missing`)
    const envs = connection(r.environments, `${at}.reviews[${i}].environments`)
    if (envs.nodes.length < (envs.totalCount ?? 0)) return null
    out.push({
      user,
      state:
        str(r.state, `${at}.reviews[${i}].state`) === 'APPROVED'
          ? 'approved'
          : 'rejected',
      environments: envs.nodes.map((e, j) =>
        str(
          obj(e, `${at}.environments[${j}]`).name,
          `${at}.environments[${j}].name`
        )
      ),
      comment: typeof r.comment === 'string' ? r.comment : ''
    })
  }
  return out
}
