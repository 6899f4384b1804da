// The range of changes a decision covers: with `scope: range`, every change
// that entered the branch since the previous successful deployment to the
// target (the first-parent chain between the two), each with the pull
// request it came through; with `scope: head`, the deployed change alone.

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
  completePullRequests
} from './pull-requests.js'
import { askInBatches } from './budget.js'
import { CHANGE_COST, changesQuery } from './queries.js'
import { arr, obj, str, type Json } from './shape.js'

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

/** A commit in the range, and the pull requests it may have come through. */
interface Candidate {
  commit: CommitFact
  candidates: ParsedPullRequest[]
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
    o.commit.parents?.[0] === previous
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
  /** Each change with the pull request it came through, all pages read. */
  const resolve = async (list: Candidate[]): Promise<ChangeFact[]> => {
    const chosen = list.map((c) => ({
      commit: c.commit,
      pr: choosePullRequest(c.commit, c.candidates, policy)
    }))
    await completePullRequests(
      port,
      req,
      chosen.flatMap((c) => (c.pr === null ? [] : [c.pr]))
    )
    return chosen.map((c) => ({
      commit: c.commit,
      pullRequest: c.pr?.fact ?? null
    }))
  }
  const headOnly = (): Promise<ChangeFact[]> =>
    resolve([{ commit, candidates: input.pullRequests }])

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
  const chainOids = await firstParentChain(port, req, previous, commit.oid)
  if (chainOids === null) {
    return {
      changes: await headOnly(),
      scope: {
        kind: 'range',
        since: previous,
        note: `${commit.oid.slice(0, 7)} is not ahead of the previous deployment ${previous.slice(0, 7)} (a rollback): only the deployed change is in scope`
      }
    }
  }
  const found = new Map<string, Candidate>([
    [commit.oid, { commit, candidates: input.pullRequests }]
  ])
  const others = chainOids.filter((oid) => oid !== commit.oid)
  // The batches do not depend on each other: one round trip for all.
  await askInBatches({
    items: others,
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
        found.set(oid, {
          commit: parseCommit(node, `commit ${oid}`),
          candidates: associated(node, `commit ${oid}`)
        })
      })
    }
  })
  return {
    changes: await resolve(chainOids.map((oid) => found.get(oid) as Candidate)),
    scope: { kind: 'range', since: previous, note: null }
  }
}

/**
 * The first-parent chain from `head` back to (not including) `base`: each
 * entry is one change that entered the branch (a merge, a squash, a direct
 * push). Null when head is not ahead of base.
 */
async function firstParentChain(
  port: GitHubPort,
  req: EngineRequest,
  base: string,
  head: string
): Promise<string[] | null> {
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
  const total =
    typeof first.total_commits === 'number' ? first.total_commits : 0
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
  const chain: string[] = []
  for (
    let oid: string | undefined = head;
    oid !== undefined && parents.has(oid);
  ) {
    chain.push(oid)
    oid = parents.get(oid)?.[0]
  }
  return chain
}
