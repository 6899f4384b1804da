// The deployed commit's test results: GraphQL `statusCheckRollup`, asked in
// the bootstrap round trip for the commit and for the final head of its pull
// request, paged through `node(id:)` when a commit has more than a page.

import { GitHubApiError, ShapeError } from '../errors.js'
import type {
  CheckResultFact,
  CiResultsFact,
  CommitCiResultsFact,
  Unreadable
} from '../facts.js'
import type { GitHubPort, GraphQLError } from '../port.js'
import { readPages } from './pages.js'
import type { PageSelection } from './queries.js'
import {
  connection,
  num,
  obj,
  optObj,
  optStr,
  str,
  type Json
} from './shape.js'

/** A rollup as first read: its results and whether more pages remain. */
export interface RollupRead {
  sha: string
  results: CheckResultFact[] | Unreadable
  /** the rollup's node id and cursor, when GitHub has more */
  more: { id: string; after: string } | null
  total: number | null
}

/**
 * GitHub nulls each context the token may not see and says why in an error
 * on its path, e.g. `...statusCheckRollup.contexts.nodes.14` without
 * `statuses: read` (github.com/philips-software/pull-request-report-action/issues/557)
 * and `...contexts.nodes.0.checkSuite.workflowRun` without `actions: read`
 * (the cli/cli report quoted in github.com/awesomestvi/navet/pull/187).
 * Any such error makes the whole commit's results unreadable: a hidden
 * failure must never read as "no failures".
 */
export function rollupPermission(errors: GraphQLError[]): string {
  return errors.some((e) => e.path?.at(-1) === 'workflowRun')
    ? 'actions: read'
    : 'checks: read` and `statuses: read'
}

/**
 * A check run's `deployment` is read to bind deployment records to their
 * jobs (jobs.ts), not a test result: its error (no `deployments: read`)
 * hides no failure.
 */
function aboutResults(e: GraphQLError): boolean {
  return e.path?.at(-1) !== 'deployment'
}

export function readRollup(
  commit: Json | null,
  sha: string,
  path: string,
  all: GraphQLError[]
): RollupRead {
  const errors = all.filter(aboutResults)
  if (errors.length > 0) {
    const permission = rollupPermission(errors)
    return {
      sha,
      results: {
        unreadable: true,
        permission,
        detail: errors.map((e) => e.message).join('; ')
      },
      more: null,
      total: null
    }
  }
  const rollup =
    commit === null
      ? null
      : optObj(commit.statusCheckRollup, `${path}.statusCheckRollup`)
  // No rollup: GitHub knows no check run and no status for the commit.
  if (rollup === null) return { sha, results: [], more: null, total: 0 }
  const c = connection(rollup.contexts, `${path}.statusCheckRollup.contexts`)
  return {
    sha,
    results: parseContexts(c.nodes, `${path}.statusCheckRollup.contexts`),
    more:
      c.hasNextPage && c.endCursor !== null
        ? {
            id: str(rollup.id, `${path}.statusCheckRollup.id`),
            after: c.endCursor
          }
        : null,
    total: c.totalCount
  }
}

function parseContexts(nodes: unknown[], path: string): CheckResultFact[] {
  return nodes.map((n, i) => parseContext(n, `${path}.nodes[${i}]`))
}

function parseContext(value: unknown, path: string): CheckResultFact {
  const n = obj(value, path)
  switch (n.__typename) {
    case 'CheckRun': {
      const status = str(n.status, `${path}.status`).toLowerCase()
      const completed = status === 'completed'
      const conclusion = optStr(n.conclusion, `${path}.conclusion`)
      const suite = optObj(n.checkSuite, `${path}.checkSuite`)
      const app =
        suite === null ? null : optObj(suite.app, `${path}.checkSuite.app`)
      const run =
        suite === null
          ? null
          : optObj(suite.workflowRun, `${path}.checkSuite.workflowRun`)
      return {
        kind: 'check_run',
        name: str(n.name, `${path}.name`),
        state:
          completed && conclusion !== null ? conclusion.toLowerCase() : status,
        completed,
        url:
          optStr(n.detailsUrl, `${path}.detailsUrl`) ??
          optStr(n.url, `${path}.url`),
        workflowRunId:
          run === null
            ? null
            : num(run.databaseId, `${path}.checkSuite.workflowRun.databaseId`),
        by:
          app === null ? null : optStr(app.slug, `${path}.checkSuite.app.slug`),
        ...(app === null || app.databaseId == null
          ? {}
          : {
              appId: num(app.databaseId, `${path}.checkSuite.app.databaseId`)
            }),
        ...(typeof n.id === 'string' ? { nodeId: n.id } : {}),
        at: optStr(n.startedAt, `${path}.startedAt`)
      }
    }
    case 'StatusContext': {
      const state = str(n.state, `${path}.state`).toLowerCase()
      const creator = optObj(n.creator, `${path}.creator`)
      return {
        kind: 'status',
        name: str(n.context, `${path}.context`),
        state,
        completed: state !== 'pending' && state !== 'expected',
        url: optStr(n.targetUrl, `${path}.targetUrl`),
        workflowRunId: null,
        by:
          creator === null
            ? null
            : optStr(creator.login, `${path}.creator.login`),
        at: optStr(n.createdAt, `${path}.createdAt`)
      }
    }
    default:
      throw new ShapeError(
        `${path}: expected a CheckRun or a StatusContext, got ${String(n.__typename)}`
      )
  }
}

/**
 * Reads the further pages of every rollup that has them and checks that
 * GitHub's total was reached, so a commit is never judged on part of its
 * results.
 */
export async function completeRollups(
  port: GitHubPort,
  repository: { owner: string; name: string },
  reads: RollupRead[]
): Promise<CommitCiResultsFact[]> {
  const results = reads.map((r) => r.results)
  type ContextsPage = PageSelection & { kind: 'contexts' }
  const first: ContextsPage[] = reads.flatMap((r, i) =>
    r.more !== null && !('unreadable' in r.results)
      ? [
          {
            alias: `r${i}`,
            kind: 'contexts',
            id: r.more.id,
            after: r.more.after
          }
        ]
      : []
  )
  await readPages(port, repository, first, (batch, answer) => {
    const data = obj(answer.data, 'data')
    const next: ContextsPage[] = []
    for (const page of batch) {
      const alias = page.alias
      const i = Number(alias.slice(1))
      const errors = answer.errors.filter(
        (e) => e.path?.[0] === alias && aboutResults(e)
      )
      if (errors.length > 0) {
        results[i] = {
          unreadable: true,
          permission: rollupPermission(errors),
          detail: errors.map((e) => e.message).join('; ')
        }
        continue
      }
      const node = obj(data[alias], alias)
      const c = connection(node.contexts, `${alias}.contexts`)
      ;(results[i] as CheckResultFact[]).push(
        ...parseContexts(c.nodes, `${alias}.contexts`)
      )
      if (c.hasNextPage && c.endCursor !== null) {
        next.push({ ...page, after: c.endCursor })
      }
    }
    return next
  })
  return reads.map((r, i) => {
    const got = results[i] as CheckResultFact[] | Unreadable
    if (!('unreadable' in got) && r.total !== null && got.length < r.total) {
      throw new GitHubApiError(
        `GitHub listed ${got.length} of the ${r.total} checks and statuses of commit ${r.sha.slice(0, 7)}: whether any failed cannot be verified`
      )
    }
    return { sha: r.sha, results: got }
  })
}

/**
 * The deployed commit's results, and its pull request's final head's:
 * `rollups` as `completeRollups` returned them for the commit and then each
 * of `heads`, in that map's order.
 */
export function checksFact(
  rollups: CommitCiResultsFact[],
  pullRequest: { number: number; headRefOid: string } | null,
  heads: Map<number, RollupRead>
): CiResultsFact {
  const [commit, ...headResults] = rollups
  if (commit === undefined) throw new Error('no rollup for the deployed commit')
  if (pullRequest === null) return { commit, pullRequestHead: null }
  const numbers = [...heads.keys()]
  const i = numbers.indexOf(pullRequest.number)
  const head = i < 0 ? undefined : headResults[i]
  return {
    commit,
    pullRequestHead:
      head !== undefined && head.sha === pullRequest.headRefOid
        ? { ...head, pullRequest: pullRequest.number }
        : {
            sha: pullRequest.headRefOid,
            pullRequest: pullRequest.number,
            results: {
              unreadable: true,
              permission: 'pull-requests: read',
              detail: `the checks of pull request #${pullRequest.number}'s final head were not returned`
            }
          }
  }
}
