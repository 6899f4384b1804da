// Deployments: which environments' deployments a decision needs, which of
// them the bootstrap's pages already settle, when a further page may hold the
// answer, and every status of each deployment read.

import { GitHubApiError } from '../errors.js'
import type { DeploymentFact, JobsFact, Unreadable } from '../facts.js'
import type { EnvironmentPolicy } from '../policy/index.js'
import type { GitHubPort } from '../port.js'
import type { EngineRequest } from '../request.js'
import { previousSuccess, type DeploymentContext } from '../deployments.js'
import { assertComplete } from './errors.js'
import { chronological, parseDeployment, parseStatus } from './parse.js'
import { readPages } from './pages.js'
import type { DeploymentSelection, PageSelection } from './queries.js'
import { connection, obj, optObj, type Json } from './shape.js'

/** One page of a deployments connection, parsed. */
export interface DeploymentPage {
  list: DeploymentFact[]
  cursor: string | null
  statusPages: PageSelection[]
  statusTotals: Map<number, number | null>
}

/**
 * The bootstrap's deployment pages, asked ahead of the policy: the latest
 * deployments to the target environment, and every deployment of the
 * deployed commit (null when unread).
 */
export interface RecentDeployments {
  here: DeploymentPage
  shipped: DeploymentPage | null
}

/** The deployments read so far, by environment, and their statuses' pages. */
export interface DeploymentsRead {
  byEnvironment: Map<string, DeploymentFact[] | Unreadable>
  statusPages: PageSelection[]
  /** deployment id -> how many statuses GitHub says it has */
  statusTotals: Map<number, number | null>
}

/** What decides how far back deployments are read. */
export interface DeploymentNeed {
  request: EngineRequest
  policy: EnvironmentPolicy
  chain: string[]
  /** the deployed commit's date: none of its deployments can be older */
  committedDate: string
  /** the previous successful deployment to the target, in a list of its deployments */
  previous: (list: DeploymentFact[]) => string | null
}

/** Pages read per environment before the gate stops. */
export const MAX_PAGES = 50

/** A deployments connection: its deployments, next cursor and status pages to read. */
export function deploymentPage(value: unknown, label: string): DeploymentPage {
  const page: DeploymentPage = {
    list: [],
    cursor: null,
    statusPages: [],
    statusTotals: new Map()
  }
  const c = connection(value, label)
  page.list = c.nodes.map((n, i) => {
    const parsed = parseDeployment(n, `${label}.nodes[${i}]`)
    page.statusTotals.set(parsed.fact.id, parsed.statusesTotal)
    if (parsed.statusesCursor !== null) {
      page.statusPages.push({
        alias: `s${parsed.fact.id}`,
        id: parsed.id,
        kind: 'statuses',
        after: parsed.statusesCursor
      })
    }
    return parsed.fact
  })
  page.cursor = c.hasNextPage ? c.endCursor : null
  return page
}

/** The bootstrap's deployment pages: the target environment's and the commit's. */
export function recentPages(recent: Json): RecentDeployments {
  const shipped = optObj(recent.shipped, 'recent.shipped')
  return {
    here: deploymentPage(recent.here, 'recent.here'),
    shipped:
      shipped === null || shipped.deployments === undefined
        ? null
        : deploymentPage(shipped.deployments, 'recent.shipped.deployments')
  }
}

/** What makes a deployment evidence for this decision, with the jobs read so far. */
export function deploymentContextOf(
  request: EngineRequest,
  policy: EnvironmentPolicy,
  jobs: JobsFact
): DeploymentContext {
  return {
    owner: request.owner,
    repo: request.repo,
    serverUrl: request.serverUrl,
    sha: request.sha,
    trustedDeployers: policy.trustedDeployers,
    trustedWorkflows: policy.trustedWorkflows,
    jobs
  }
}

/**
 * Where the range of changes starts: the previous success to the target.
 * A record whose job was not read yet does not count here: bind it first
 * (jobs.ts `bindDeployments`), or more is read than needed, never less.
 */
export function previousSuccessOf(
  ctx: DeploymentContext,
  environment: string,
  now: Date
): (list: DeploymentFact[]) => string | null {
  return (list) => previousSuccess(list, environment, ctx, now.getTime())
}

/** The upstream environments, and the target itself when the range is asked. */
export function environmentsToRead(need: DeploymentNeed): string[] {
  const envs = [...need.chain]
  if (
    need.policy.scope === 'range' &&
    !envs.includes(need.request.environment)
  ) {
    envs.push(need.request.environment)
  }
  return envs
}

/**
 * What the bootstrap already answered, ahead of knowing the policy: the
 * target environment's latest page settles it when the range's start (its
 * previous success) is on it; an upstream environment is settled by the
 * commit's own deployments when they all fit on one page and only the very
 * same commit counts (`match: commit`).
 */
export function settledByBootstrap(
  recent: RecentDeployments | null,
  envs: string[],
  need: DeploymentNeed
): DeploymentsRead {
  const read: DeploymentsRead = {
    byEnvironment: new Map(),
    statusPages: [],
    statusTotals: new Map()
  }
  if (recent === null) return read
  const settledBy = (env: string): DeploymentPage | null => {
    if (isTarget(env, need)) {
      const here = recent.here
      return here.cursor === null || need.previous(here.list) !== null
        ? here
        : null
    }
    const shipped = recent.shipped
    return need.policy.match === 'commit' &&
      shipped !== null &&
      shipped.cursor === null
      ? shipped
      : null
  }
  for (const env of envs) {
    const page = settledBy(env)
    if (page === null) continue
    const list = page.list.filter((d) => d.environment === env)
    read.byEnvironment.set(env, list)
    const ids = new Set(list.map((d) => d.id))
    read.statusPages.push(
      ...page.statusPages.filter((p) => ids.has(Number(p.alias.slice(1))))
    )
    for (const [id, total] of page.statusTotals)
      if (ids.has(id)) read.statusTotals.set(id, total)
  }
  return read
}

/** The environments still to ask for, one alias each. */
export function unsettled(
  envs: string[],
  read: DeploymentsRead
): DeploymentSelection[] {
  return envs
    .filter((environment) => !read.byEnvironment.has(environment))
    .map((environment, i) => ({
      alias: `d${i}`,
      environment,
      after: null
    }))
}

/** The target environment, when it is not also upstream of itself. */
function isTarget(env: string, need: DeploymentNeed): boolean {
  return env === need.request.environment && !need.chain.includes(env)
}

/** Whether the answer may lie beyond the deployments read so far. */
export function wantMore(
  env: string,
  list: DeploymentFact[],
  need: DeploymentNeed
): boolean {
  if (isTarget(env, need)) {
    // The range starts at the previous successful deployment: stop once found.
    return need.previous(list) === null
  }
  if (need.policy.match === 'tree') return true
  // Newest first: a deployment of this commit cannot predate the commit.
  // (A forged future commit date only makes the gate read less and block.)
  const oldest = list[list.length - 1]
  return (
    oldest !== undefined &&
    Date.parse(oldest.createdAt) >= Date.parse(need.committedDate)
  )
}

/** Every status of every deployment read, oldest first. */
export async function completeStatuses(
  port: GitHubPort,
  req: Pick<EngineRequest, 'owner' | 'repo'>,
  pages: PageSelection[],
  deployments: Map<string, DeploymentFact[] | Unreadable>,
  totals: Map<number, number | null>
): Promise<void> {
  const byId = new Map<number, DeploymentFact>()
  for (const list of deployments.values()) {
    if ('unreadable' in list) continue
    for (const d of list) byId.set(d.id, d)
  }
  await readPages(
    port,
    { owner: req.owner, name: req.repo },
    pages,
    (batch, answer) => {
      assertComplete(answer.errors, 'further pages')
      const data = obj(answer.data, 'data')
      const next: PageSelection[] = []
      for (const p of batch) {
        const node = obj(data[p.alias], p.alias)
        const c = connection(node.statuses, `${p.alias}.statuses`)
        const d = byId.get(Number(p.alias.slice(1)))
        d?.statuses.push(
          ...c.nodes.map((n, i) => parseStatus(n, `${p.alias}.statuses[${i}]`))
        )
        if (c.hasNextPage && c.endCursor !== null)
          next.push({ ...p, after: c.endCursor })
      }
      return next
    }
  )
  for (const d of byId.values()) {
    const total = totals.get(d.id) ?? null
    if (total !== null && d.statuses.length < total) {
      throw new GitHubApiError(
        `GitHub listed ${d.statuses.length} of the ${total} statuses of deployment #${d.id}: whether it failed later cannot be verified`
      )
    }
    d.statuses = chronological(d.statuses)
  }
}
