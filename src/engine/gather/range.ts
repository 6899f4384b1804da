// The range of changes a decision covers: with `scope: range`, every commit
// that entered the branch since the previous successful deployment to the
// target, every parent followed (SPEC §4 `scope`), each with the pull
// request it entered through (SPEC §5.5); with `scope: head`, the deployed
// change alone.

import { GitHubApiError, ShapeError } from '../errors.js'
import type {
  ChangeFact,
  CommitFact,
  DeploymentFact,
  Facts,
  Unreadable
} from '../facts.js'
import type { EnvironmentPolicy } from '../policy/index.js'
import type { GitHubPort } from '../port.js'
import type { EngineRequest } from '../request.js'
import { assertComplete } from './errors.js'
import { parseCommit, type ParsedPullRequest } from './parse.js'
import {
  associated,
  choosePullRequest,
  completePullRequests,
  type RangeView
} from './pull-requests.js'
import { askInBatches } from './budget.js'
import { lineage, rangeCommits } from './lineage.js'
import { CHANGE_COST, changesQuery } from './queries.js'
import { arr, num, obj, str, type Json } from './shape.js'

export interface RangeInput {
  github: GitHubPort
  request: EngineRequest
  commit: CommitFact
  /** the pull requests GitHub associates with the deployed commit */
  pullRequests: ParsedPullRequest[]
  policy: EnvironmentPolicy
  /** the deployments to the target environment */
  here: DeploymentFact[] | Unreadable
  /** the previous successful deployment in a list of them */
  previousOf: (list: DeploymentFact[]) => string | null
}

/**
 * Where a deployment's range starts, before any history is read: settled
 * (only the deployed change is in scope, and why) or a walk back from the
 * commit to `walkFrom`, the previous successful deployment. The gate and the
 * audit both start here, so they say the same scope for the same deployment.
 */
export type RangeStart = { settled: Facts['scope'] } | { walkFrom: string }

export function rangeStart(o: {
  scope: EnvironmentPolicy['scope']
  environment: string
  commit: Pick<CommitFact, 'oid' | 'parents'>
  /** the previous successful deployment here; asked only for `scope: range` */
  previous: () => string | null
}): RangeStart {
  if (o.scope === 'head')
    return { settled: { kind: 'head', since: null, note: null } }
  const previous = o.previous()
  if (
    previous === null ||
    previous === o.commit.oid ||
    // one parent, the previous deployment: nothing else can be in the
    // range. A merge's other parents can bring in anything.
    (o.commit.parents?.length === 1 && o.commit.parents[0] === previous)
  ) {
    return {
      settled: {
        kind: 'range',
        since: previous,
        note:
          previous === null
            ? `no earlier successful deployment to ${o.environment}: only the deployed change is in scope`
            : null
      }
    }
  }
  return { walkFrom: previous }
}

export async function changesInScope(
  input: RangeInput
): Promise<{ changes: ChangeFact[]; scope: Facts['scope'] }> {
  const { github: port, request: req, commit, policy, here } = input
  const headOnly = async (): Promise<ChangeFact[]> => {
    const pr = choosePullRequest(commit, input.pullRequests, policy, null)
    await completePullRequests(port, req, pr === null ? [] : [pr])
    return [{ commit, pullRequest: pr?.fact ?? null }]
  }

  const start = rangeStart({
    scope: policy.scope,
    environment: req.environment,
    commit,
    previous: () => {
      if ('unreadable' in here) {
        throw new GitHubApiError(
          `the deployments to ${req.environment} could not be read, so the changes since the last one are unknown: ${here.detail}`,
          { permission: here.permission }
        )
      }
      return input.previousOf(here)
    }
  })
  if ('settled' in start)
    return { changes: await headOnly(), scope: start.settled }
  const previous = start.walkFrom
  const since: Facts['scope'] = { kind: 'range', since: previous, note: null }
  if (isGitHubMergeOnto(commit, previous, input.pullRequests, policy)) {
    return { changes: await headOnly(), scope: since }
  }
  const graph = await compareGraph(port, req, previous, commit.oid)
  if (graph === null) {
    return {
      changes: await headOnly(),
      scope: {
        ...since,
        note: `${commit.oid.slice(0, 7)} is not ahead of the previous deployment ${previous.slice(0, 7)} (a rollback): only the deployed change is in scope`
      }
    }
  }
  return {
    changes: await rangeChanges({ ...input, graph, previous }),
    scope: since
  }
}

/**
 * A merge commit GitHub made of P's final head onto the previous
 * deployment: committed by web-flow and signed by GitHub, so GitHub made it
 * (merge button, merge queue, merge API) with the base's tip of that moment
 * as its first parent, and P's commits, which GitHub lists against that
 * tip, are exactly what its second parent brings in. Nothing else is in the
 * range, and the typical decision needs no compare. A local merge (anyone
 * can choose its first parent) always takes the walk.
 */
function isGitHubMergeOnto(
  commit: CommitFact,
  previous: string,
  candidates: ParsedPullRequest[],
  policy: EnvironmentPolicy
): boolean {
  const pr = choosePullRequest(commit, candidates, policy, null)
  const parents = commit.parents ?? []
  return (
    pr !== null &&
    parents.length === 2 &&
    parents[0] === previous &&
    parents[1] === pr.fact.headRefOid &&
    commit.committer.isWebFlow &&
    commit.signature?.byGitHub === true &&
    commit.signature.valid
  )
}

/** What the walk knows of a commit of the range. */
interface Known {
  commit: CommitFact
  candidates: ParsedPullRequest[]
}

/**
 * Every change of the range: each commit of the first-parent chain, and each
 * commit some merge carried in that is not one of the merging pull
 * request's own commits. Read in two steps, so that what a merged pull
 * request brought in costs nothing: the chain first, then only the commits
 * its pull requests do not account for.
 */
async function rangeChanges(
  input: RangeInput & { graph: Graph; previous: string }
): Promise<ChangeFact[]> {
  const { github: port, request: req, commit, policy, graph } = input
  const order = rangeCommits({
    parents: graph.parents,
    rank: graph.rank,
    head: commit.oid,
    base: input.previous
  })
  const range = new Set(order)
  const lines = lineage({ parents: graph.parents, range, head: commit.oid })
  const known = new Map<string, Known>([
    [commit.oid, { commit, candidates: input.pullRequests }]
  ])
  const view: RangeView = {
    parents: graph.parents,
    range,
    candidatesOf: (oid) => known.get(oid)?.candidates ?? null
  }
  const chosen = new Map<string, ParsedPullRequest | null>()
  const choose = async (oids: string[]): Promise<void> => {
    await readChanges(port, req, oids, known)
    const prs: ParsedPullRequest[] = []
    for (const oid of oids) {
      const k = known.get(oid) as Known
      const pr = choosePullRequest(k.commit, k.candidates, policy, view)
      chosen.set(oid, pr)
      if (pr !== null) prs.push(pr)
    }
    await completePullRequests(port, req, prs)
  }
  await choose(lines.chain)
  // What a pull request's merge commit brought in of its own commits is
  // that pull request's: its makers and approvals already cover it.
  const carried = order.filter((oid) => {
    const merge = lines.carrier.get(oid)
    if (merge === undefined) return false
    const pr = chosen.get(merge)?.fact
    return !(
      pr !== undefined &&
      pr.mergeCommitOid === merge &&
      pr.commits.some((c) => c.oid === oid)
    )
  })
  await choose(carried)
  const change = (oid: string): ChangeFact => ({
    commit: (known.get(oid) as Known).commit,
    pullRequest: chosen.get(oid)?.fact ?? null
  })
  return [
    ...lines.chain.map(change),
    ...carried.map((oid) => ({
      ...change(oid),
      carriedBy: lines.carrier.get(oid) as string
    }))
  ]
}

/** Each commit not yet known, with the pull requests GitHub associates with it: one round trip. */
async function readChanges(
  port: GitHubPort,
  req: EngineRequest,
  oids: string[],
  known: Map<string, Known>
): Promise<void> {
  await askInBatches({
    items: oids.filter((oid) => !known.has(oid)),
    each: () => CHANGE_COST,
    ask: async (batch) => {
      const { query, variables } = changesQuery(batch)
      const answer = await port.graphql<Json>(
        query,
        { owner: req.owner, name: req.repo, ...variables },
        { splittable: true }
      )
      assertComplete(answer.errors, 'the changes since the previous deployment')
      const repo = obj(obj(answer.data, 'data').repository, 'repository')
      batch.forEach((oid, j) => {
        const node = obj(repo[`c${j}`], `commit ${oid}`)
        known.set(oid, {
          commit: parseCommit(node, `commit ${oid}`),
          candidates: associated(node, `commit ${oid}`)
        })
      })
    }
  })
}

/** The commits of a comparison with their parents, newest first by rank. */
interface Graph {
  parents: Map<string, string[]>
  rank: (oid: string) => number
}

/**
 * Every commit in `base..head` with all its parents, from REST compare: "a
 * list of commits reachable from one commit but not reachable from another",
 * every page of it (github.blog/changelog/2021-03-22-compare-rest-api-now-supports-pagination;
 * docs.github.com/en/rest/commits/commits#compare-two-commits). Null when
 * head is not ahead of base. A list shorter than GitHub's own count would
 * hide commits from the walk: it blocks.
 */
async function compareGraph(
  port: GitHubPort,
  req: EngineRequest,
  base: string,
  head: string
): Promise<Graph | null> {
  const route = 'GET /repos/{owner}/{repo}/compare/{basehead}'
  const params = {
    owner: req.owner,
    repo: req.repo,
    basehead: `${base}...${head}`,
    per_page: 100
  }
  const first = obj(
    (await port.rest(route, { ...params, page: 1 })).data,
    'compare'
  )
  const status = str(first.status, 'compare.status')
  if (status !== 'ahead' && status !== 'diverged') return null
  const total = num(first.total_commits, 'compare.total_commits')
  const pages = Math.ceil(total / 100)
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, pages - 1) }, (_v, i) =>
      port
        .rest(route, { ...params, page: i + 2 })
        .then((r) => obj(r.data, 'compare'))
    )
  )
  const parents = new Map<string, string[]>()
  for (const page of [first, ...rest]) {
    arr(page.commits, 'compare.commits').forEach((c, i) => {
      const item = obj(c, `compare.commits[${i}]`)
      parents.set(
        str(item.sha, `compare.commits[${i}].sha`),
        arr(item.parents, `compare.commits[${i}].parents`).map((p, j) =>
          str(
            obj(p, `compare.commits[${i}].parents[${j}]`).sha,
            `compare.commits[${i}].parents[${j}].sha`
          )
        )
      )
    })
  }
  if (!parents.has(head)) {
    throw new ShapeError(
      `compare ${base.slice(0, 7)}...${head.slice(0, 7)} does not list the deployed commit`
    )
  }
  if (parents.size < total) {
    throw new GitHubApiError(
      `GitHub listed ${parents.size} of the ${total} commits since the previous deployment ${base.slice(0, 7)}: the others cannot be checked`,
      {
        hint: 'Deploy more often, so that fewer commits lie between two deployments.'
      }
    )
  }
  // Compare lists parents before children: newest first is the reverse.
  const oids = [...parents.keys()]
  const rank = new Map(oids.map((oid, i) => [oid, oids.length - i]))
  // the walk ranks only commits `parents` knows: each has a rank
  return { parents, rank: (oid) => rank.get(oid) as number }
}
