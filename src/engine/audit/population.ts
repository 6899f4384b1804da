// The audit's population (SPEC §7): every deployment to the environment that
// succeeded in the period, and where each one's range of changes starts (the
// previous deployment that counted, as the gate would have found it then).

import {
  previousSuccess,
  qualify,
  type DeploymentContext
} from '../deployments.js'
import { GitHubApiError } from '../errors.js'
import type { DeploymentFact, JobsFact } from '../facts.js'
import { bindDeployments, type JobsRead } from '../gather/jobs.js'
import {
  assertComplete,
  completeStatuses,
  deploymentPage,
  type DeploymentPage
} from '../gather/index.js'
import {
  DEPLOYMENT_FIELDS,
  type PageSelection,
  RATE_LIMIT
} from '../gather/queries.js'
import { obj, optObj, type Json } from '../gather/shape.js'
import type { EnvironmentPolicy } from '../policy/index.js'
import type { GitHubPort } from '../port.js'
import type { AuditRequest } from './types.js'

/** Further pages of deployments to the audited environment: at most this many. */
const MAX_DEPLOYMENT_PAGES = 300

export const ENV_DEPLOYMENTS = `
query AuditDeployments($owner: String!, $name: String!, $environment: String!, $after: String) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    deployments(environments: [$environment], first: 100, after: $after, orderBy: {field: CREATED_AT, direction: DESC}) { ...GateDeployments }
  }
}
${DEPLOYMENT_FIELDS}`

/** A deployment of the population. */
export interface Member {
  deployment: DeploymentFact
  /** its first success: the moment it is judged as of */
  succeededAt: string
  /** the workflow run its success links to */
  runId: number | null
}

export interface Population {
  /** every deployment read, newest first, down to where the oldest range starts */
  read: DeploymentFact[]
  /** the deployments that succeeded in the period, oldest first */
  members: Member[]
}

/**
 * What makes a deployment to the audited environment count (SPEC §5.2),
 * with the jobs' check runs read so far (completed in place).
 */
export function deploymentContext(
  req: AuditRequest,
  policy: EnvironmentPolicy,
  jobs: JobsFact
): DeploymentContext {
  return {
    owner: req.owner,
    repo: req.repo,
    serverUrl: req.serverUrl,
    sha: '',
    trustedDeployers: policy.trustedDeployers,
    trustedWorkflows: policy.trustedWorkflows,
    jobs
  }
}

/**
 * The deployments that succeeded in the period, and the older ones read
 * with them; every github-actions[bot] record among them bound to its job
 * in `jobs`, as the gate binds them, before it is judged.
 */
export async function readPopulation(o: {
  github: GitHubPort
  request: AuditRequest
  context: DeploymentContext
  jobs: JobsRead
}): Promise<Population> {
  const { request: req } = o
  const bind = (all: DeploymentFact[], nowMs: number): Promise<void> =>
    bindDeployments({
      github: o.github,
      request: req,
      read: o.jobs,
      ctx: o.context,
      all,
      newest: [],
      counts: () => false,
      nowMs
    })
  const read = await environmentDeployments({
    github: o.github,
    request: req,
    enough: async (older) => {
      await bind(older, req.since.getTime())
      return (
        previousSuccess(
          older,
          req.environment,
          o.context,
          req.since.getTime()
        ) !== null
      )
    }
  })
  await bind(read, req.until.getTime())
  const members = read
    .flatMap((d): Member[] => {
      const success = firstSuccess(d)
      if (success === null) return []
      const at = Date.parse(success)
      const inPeriod = at >= req.since.getTime() && at <= req.until.getTime()
      if (!inPeriod) return []
      return [{ deployment: d, succeededAt: success, runId: runIdOf(d) }]
    })
    .sort((a, b) => Date.parse(a.succeededAt) - Date.parse(b.succeededAt))
  return { read, members }
}

/**
 * The environment's deployments, newest first, down to the first one
 * created before the period that `enough` accepts (the deployment the
 * oldest range of the period starts at).
 */
async function environmentDeployments(o: {
  github: GitHubPort
  request: AuditRequest
  enough: (older: DeploymentFact[]) => Promise<boolean>
}): Promise<DeploymentFact[]> {
  const { github: port, request: req } = o
  const environment = req.environment
  const list: DeploymentFact[] = []
  const statusPages: PageSelection[] = []
  const totals = new Map<number, number | null>()
  let after: string | null = null
  for (let pages = 0; ; pages++) {
    if (pages >= MAX_DEPLOYMENT_PAGES) {
      throw new GitHubApiError(
        `more than ${MAX_DEPLOYMENT_PAGES * 100} deployments to ${environment}; the audit stops reading there: audit a shorter period`
      )
    }
    const answer = await port.graphql<Json>(ENV_DEPLOYMENTS, {
      owner: req.owner,
      name: req.repo,
      environment,
      after
    })
    const repository = optObj(obj(answer.data, 'data').repository, 'repository')
    if (repository === null) {
      throw new GitHubApiError(
        `the deployments to ${environment} could not be read: the token needs \`deployments: read\``,
        { permission: 'deployments: read' }
      )
    }
    assertComplete(answer.errors, `the deployments to ${environment}`)
    const page: DeploymentPage = deploymentPage(
      repository.deployments,
      `deployments(${environment})`
    )
    list.push(...page.list)
    statusPages.push(...page.statusPages)
    for (const [id, total] of page.statusTotals) totals.set(id, total)
    const older = list.filter(
      (d) => Date.parse(d.createdAt) < req.since.getTime()
    )
    if (page.cursor === null || (older.length > 0 && (await o.enough(older))))
      break
    after = page.cursor
  }
  const repo = { owner: req.owner, repo: req.repo }
  const byEnvironment = new Map([[environment, list]])
  await completeStatuses(port, repo, statusPages, byEnvironment, totals)
  return list
}

function firstSuccess(d: DeploymentFact): string | null {
  return d.statuses.find((s) => s.state === 'success')?.createdAt ?? null
}

/** The run a deployment's success links to. */
function runIdOf(d: DeploymentFact): number | null {
  const success = d.statuses.find((s) => s.state === 'success')
  const m = /\/actions\/runs\/(\d+)/.exec(success?.logUrl ?? '')
  return m === null ? null : Number(m[1])
}

/**
 * Where each member's range starts: the previous deployment that counted
 * just before its success (none with `scope: head`, which has no range).
 */
export function startsOf(o: {
  population: Population
  policy: EnvironmentPolicy
  environment: string
  context: DeploymentContext
}): (string | null)[] {
  const { members } = o.population
  if (o.policy.scope === 'head') return members.map(() => null)
  return rangeStarts({
    list: o.population.read,
    times: members.map((m) => Date.parse(m.succeededAt)),
    environment: o.environment,
    context: o.context
  })
}

/**
 * For each time (ascending), the sha of the newest deployment that counted
 * as a success just before it: what `previousSuccess` answers as of
 * `time - 1`, for all the population in one pass instead of one scan each
 * (10,000 deployments would be 10^8 checks).
 *
 * A deployment counts as of t when it qualifies as of its own success (a
 * trusted deployer, a linked run, no failure stamped with the success) and
 * no failure or error status came after the success by t. Once that failure
 * has come it never counts again, so a stack ordered by success time can
 * drop it for good.
 */
export function rangeStarts(o: {
  list: readonly DeploymentFact[]
  times: readonly number[]
  environment: string
  context: DeploymentContext
}): (string | null)[] {
  const candidates = successes(o)
  const stack: Success[] = []
  let next = 0
  return o.times.map((time) => {
    const t = time - 1
    while (next < candidates.length && (candidates[next]?.at ?? 0) <= t) {
      stack.push(candidates[next] as Success)
      next++
    }
    // the newest success still standing at t: one that failed by t is gone
    // for every later t too
    while (stack.length > 0 && (stack[stack.length - 1]?.failedAt ?? 0) <= t)
      stack.pop()
    // an older success hidden under a newer failed one stays reachable
    return stack[stack.length - 1]?.sha ?? null
  })
}

interface Success {
  sha: string
  index: number
  at: number
  /** when a later failure or error withdrew it; Infinity: never */
  failedAt: number
}

/** The deployments that qualify as of their own success, oldest success first. */
function successes(o: {
  list: readonly DeploymentFact[]
  environment: string
  context: DeploymentContext
}): Success[] {
  return (
    o.list
      .flatMap((d, index) => {
        const success = d.statuses.find((x) => x.state === 'success')
        if (success === undefined) return []
        const at = Date.parse(success.createdAt)
        if (typeof qualify(d, o.environment, o.context, at) === 'string')
          return []
        const failed = d.statuses.find(
          (x) =>
            (x.state === 'failure' || x.state === 'error') &&
            Date.parse(x.createdAt) > at
        )
        const failedAt =
          failed === undefined ? Infinity : Date.parse(failed.createdAt)
        return [{ sha: d.sha, index, at, failedAt }]
      })
      // on a tie previousSuccess keeps the first in the list: put it on top
      .sort((a, b) => a.at - b.at || b.index - a.index)
  )
}
