// The commits the audit judges, in bulk: each deployed commit with its pull
// requests, their final heads' tests, its own tests and its deployments to
// every environment (the promotion path); then the other commits of the
// ranges, each with the pull requests it may have come through.

import type { CommitFact, DeploymentFact } from '../facts.js'
import { readRollup, type RollupRead } from '../gather/ci-results.js'
import {
  assertComplete,
  associated,
  completeStatuses,
  deploymentPage
} from '../gather/index.js'
import { parseCommit, type ParsedPullRequest } from '../gather/parse.js'
import {
  CHANGE_COST,
  DEPLOYMENT_FIELDS,
  PAGE,
  PULL_REQUEST_FIELDS,
  ROLLUP_FIELDS,
  changesQuery,
  commitsQuery,
  type PageSelection
} from '../gather/queries.js'
import {
  connection,
  num,
  obj,
  optObj,
  str,
  type Json
} from '../gather/shape.js'
import type { GitHubPort, GraphQLError } from '../port.js'
import { askInBatches, plus, times, type QueryCost } from '../gather/budget.js'
import { CONCURRENCY } from './batch.js'
import type { Repo } from './types.js'

const DEPLOYED_PULL_REQUESTS = 3
/** a deployed commit's deployments read: beyond them it is not judged */
export const DEPLOYED_DEPLOYMENTS = 20

/**
 * What one deployed commit adds to AuditCommits: its pull requests, their
 * first pages of commits and reviews and their final heads' tests, its own
 * tests, its deployments and their statuses (GitHub's counting: see
 * ../gather/budget.ts).
 */
export const DEPLOYED_COST: QueryCost = plus(
  plus(
    {
      nodes: DEPLOYED_PULL_REQUESTS + PAGE + DEPLOYED_DEPLOYMENTS,
      requests: 3
    },
    times(DEPLOYED_PULL_REQUESTS, { nodes: 3 * PAGE + 1, requests: 4 })
  ),
  times(DEPLOYED_DEPLOYMENTS, { nodes: PAGE, requests: 1 })
)

/** A deployed commit: the change it is, its pull requests' heads' tests, its own deployments. */
const DEPLOYED = `... on Commit {
      ...GateCommit
      associatedPullRequests(first: ${DEPLOYED_PULL_REQUESTS}) { nodes { ...GatePullRequest
        headCommit: commits(last: 1) { nodes { commit { oid statusCheckRollup { ...GateRollup } } } } } }
      statusCheckRollup { ...GateRollup }
      deployments(first: ${DEPLOYED_DEPLOYMENTS}, orderBy: {field: CREATED_AT, direction: DESC}) { ...GateDeployments }
    }`

export function deployedQuery(oids: string[]): {
  query: string
  variables: Record<string, unknown>
} {
  return commitsQuery({
    operation: 'AuditCommits',
    alias: 'c',
    oids,
    selection: DEPLOYED,
    fragments: `${PULL_REQUEST_FIELDS}\n${ROLLUP_FIELDS}\n${DEPLOYMENT_FIELDS}`
  })
}

/** A commit in a range, and the pull requests it may have come through. */
export interface RangeCommit {
  commit: CommitFact
  candidates: ParsedPullRequest[]
}

/** A deployed commit as the audit reads it. */
export interface DeployedCommit extends RangeCommit {
  ciResults: RollupRead
  /** final heads of its pull requests' tests, by pull request number */
  heads: Map<number, RollupRead>
  /** its own deployments to every environment, newest first */
  deployments: DeploymentFact[]
  /** more deployments of it exist than were read */
  moreDeployments: boolean
}

/** Where further pages of the deployed commits' deployment statuses are. */
interface StatusPages {
  pages: PageSelection[]
  totals: Map<number, number | null>
}

/** The deployed commits, batched; null for an oid GitHub does not know. */
export async function deployedCommits(o: {
  github: GitHubPort
  repo: Repo
  oids: string[]
}): Promise<Map<string, DeployedCommit | null>> {
  const found = new Map<string, DeployedCommit | null>()
  const more: StatusPages = { pages: [], totals: new Map() }
  await askInBatches({
    items: o.oids,
    each: () => DEPLOYED_COST,
    concurrency: CONCURRENCY,
    ask: async (batch) => {
      const { query, variables } = deployedQuery(batch)
      const answer = await o.github.graphql<Json>(
        query,
        { owner: o.repo.owner, name: o.repo.repo, ...variables },
        { splittable: true }
      )
      const repository = obj(obj(answer.data, 'data').repository, 'repository')
      // Tests a token cannot read are reported per commit by readRollup.
      assertComplete(
        answer.errors,
        'the deployed commits',
        (e) =>
          (e.path ?? []).includes('statusCheckRollup') ||
          (e.type === 'NOT_FOUND' && (e.path ?? []).length === 2)
      )
      batch.forEach((oid, i) => {
        const node = optObj(repository[`c${i}`], `commit ${oid.slice(0, 7)}`)
        const errors = answer.errors.filter((e) => e.path?.[1] === `c${i}`)
        found.set(
          oid,
          node === null || node.oid === undefined
            ? null
            : parseDeployed({ node, oid, errors, more })
        )
      })
    }
  })
  const byEnv = new Map<string, DeploymentFact[]>()
  for (const d of found.values()) {
    if (d === null) continue
    for (const dep of d.deployments)
      byEnv.set(dep.environment, [...(byEnv.get(dep.environment) ?? []), dep])
  }
  await completeStatuses(o.github, o.repo, more.pages, byEnv, more.totals)
  return found
}

/** One deployed commit of a batch's answer; notes where more statuses are. */
function parseDeployed(o: {
  node: Json
  oid: string
  /** the batch's errors on this commit's path */
  errors: GraphQLError[]
  more: StatusPages
}): DeployedCommit {
  const { node, oid, errors } = o
  const at = `commit ${oid.slice(0, 7)}`
  const page = deploymentPage(node.deployments, `${at}.deployments`)
  o.more.pages.push(...page.statusPages)
  for (const [id, total] of page.statusTotals) o.more.totals.set(id, total)
  return {
    commit: parseCommit(node, at),
    candidates: associated(node, at),
    ciResults: readRollup(
      node,
      oid,
      at,
      errors.filter(
        (e) => e.path?.length === 3 && e.path[2] === 'statusCheckRollup'
      )
    ),
    heads: headRollups(node, at, errors),
    deployments: page.list,
    moreDeployments: page.cursor !== null
  }
}

/** The tests of each of a commit's pull requests' final heads. */
function headRollups(
  node: Json,
  at: string,
  errors: GraphQLError[]
): Map<number, RollupRead> {
  const heads = new Map<number, RollupRead>()
  const prs = optObj(
    node.associatedPullRequests,
    `${at}.associatedPullRequests`
  )
  if (prs === null) return heads
  connection(prs, `${at}.associatedPullRequests`).nodes.forEach((n, j) => {
    const pr = obj(n, `${at}.pr[${j}]`)
    const last = connection(pr.headCommit, `${at}.pr[${j}].head`).nodes[0]
    const head =
      last === undefined
        ? null
        : optObj(obj(last, 'head').commit, 'head.commit')
    if (head === null) return
    heads.set(
      num(pr.number, `${at}.pr[${j}].number`),
      readRollup(
        head,
        str(head.oid, 'head.oid'),
        `${at}.pr[${j}].head`,
        errors.filter(
          (e) =>
            e.path?.[3] === j && (e.path ?? []).includes('statusCheckRollup')
        )
      )
    )
  })
  return heads
}

/** Commits of the ranges that were not deployed themselves. */
export async function changeCommits(o: {
  github: GitHubPort
  repo: Repo
  oids: string[]
}): Promise<Map<string, RangeCommit>> {
  const found = new Map<string, RangeCommit>()
  await askInBatches({
    items: o.oids,
    each: () => CHANGE_COST,
    concurrency: CONCURRENCY,
    ask: async (batch) => {
      const { query, variables } = changesQuery(batch)
      const answer = await o.github.graphql<Json>(
        query,
        { owner: o.repo.owner, name: o.repo.repo, ...variables },
        { splittable: true }
      )
      assertComplete(answer.errors, 'the changes between deployments')
      const repository = obj(obj(answer.data, 'data').repository, 'repository')
      batch.forEach((oid, j) => {
        const node = obj(repository[`c${j}`], `commit ${oid}`)
        found.set(oid, {
          commit: parseCommit(node, `commit ${oid}`),
          candidates: associated(node, `commit ${oid}`)
        })
      })
    }
  })
  return found
}
