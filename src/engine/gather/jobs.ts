// The check runs that bind github-actions[bot] deployment records to the
// job GitHub ran for them (SPEC §5.2, ../deployments-bound.ts). A job's
// check run is on the commit its run built, which is the commit of the
// deployment the job made, so it is found in that commit's status check
// rollup: the bootstrap reads the deployed commit's and those of the latest
// deployments to the target environment; any other commit whose record must
// be bound is asked here, in batches, never skipped.

import { jobOfThisRepository } from '../deployments-bound.js'
import type { DeploymentContext } from '../deployments.js'
import { GitHubApiError } from '../errors.js'
import type { DeploymentFact, JobCheckRunFact, JobsFact } from '../facts.js'
import type { GitHubPort, GraphQLError } from '../port.js'
import type { EngineRequest } from '../request.js'
import { askInBatches, type QueryCost } from './budget.js'
import { readPages } from './pages.js'
import {
  PAGE,
  ROLLUP_CONTEXTS,
  commitsQuery,
  type PageSelection
} from './queries.js'
import {
  connection,
  num,
  obj,
  optObj,
  optStr,
  str,
  type Json
} from './shape.js'
import { unreadable } from './support.js'

/** What one commit adds to GateJobs: its rollup's first page of contexts. */
export const JOBS_COST: QueryCost = { nodes: PAGE, requests: 1 }

/** GateJobs batches in flight at once. */
const JOBS_CONCURRENCY = 2

/** Commits asked per round when walking back to the previous success. */
const PREVIOUS_BATCH = 10

/** The job check runs read so far, and where each commit's rollup goes on. */
export interface JobsRead {
  fact: JobsFact
  /** commits whose rollup has further pages: its node id and cursor */
  more: Map<string, { id: string; after: string }>
}

export function noJobs(): JobsRead {
  return {
    fact: { checkRuns: {}, complete: {}, unreadable: {} },
    more: new Map()
  }
}

/** The permission an error inside a rollup's check run names. */
function permissionOf(errors: GraphQLError[]): string {
  const last = (e: GraphQLError): unknown => e.path?.at(-1)
  if (errors.some((e) => last(e) === 'deployment')) return 'deployments: read'
  if (errors.some((e) => last(e) === 'workflowRun')) return 'actions: read'
  return 'checks: read'
}

/**
 * Adds one commit's `statusCheckRollup` (null: GitHub knows no check run on
 * it) as the bootstrap or GateJobs returned it, with the errors under it.
 */
export function addRollup(o: {
  read: JobsRead
  sha: string
  rollup: Json | null
  errors: GraphQLError[]
  path: string
}): void {
  const { read, sha } = o
  if (o.errors.length > 0) {
    read.fact.unreadable[sha] = unreadable(
      permissionOf(o.errors),
      o.errors.map((e) => e.message).join('; ')
    )
    read.more.delete(sha)
    return
  }
  if (o.rollup === null) {
    read.fact.complete[sha] = true
    return
  }
  const c = connection(o.rollup.contexts, `${o.path}.contexts`)
  addContexts(read, c.nodes, `${o.path}.contexts`)
  if (c.hasNextPage && c.endCursor !== null) {
    read.more.set(sha, {
      id: str(o.rollup.id, `${o.path}.id`),
      after: c.endCursor
    })
  } else {
    read.more.delete(sha)
    read.fact.complete[sha] = true
  }
}

function addContexts(read: JobsRead, nodes: unknown[], path: string): void {
  nodes.forEach((n, i) => {
    const job = parseJob(n, `${path}.nodes[${i}]`)
    if (job !== null) read.fact.checkRuns[String(job.id)] = job
  })
}

/** A rollup context that is a check run, as a job; null for a status. */
export function parseJob(value: unknown, path: string): JobCheckRunFact | null {
  const n = obj(value, path)
  if (n.__typename !== 'CheckRun') return null
  const deployment = optObj(n.deployment, `${path}.deployment`)
  const suite = optObj(n.checkSuite, `${path}.checkSuite`)
  const app =
    suite === null ? null : optObj(suite.app, `${path}.checkSuite.app`)
  const run =
    suite === null
      ? null
      : optObj(suite.workflowRun, `${path}.checkSuite.workflowRun`)
  const file = run === null ? null : optObj(run.file, `${path}.file`)
  return {
    id: num(n.databaseId, `${path}.databaseId`),
    deploymentId:
      deployment === null
        ? null
        : num(deployment.databaseId, `${path}.deployment.databaseId`),
    app:
      app === null
        ? null
        : {
            id:
              app.databaseId === null || app.databaseId === undefined
                ? null
                : num(app.databaseId, `${path}.checkSuite.app.databaseId`),
            slug: optStr(app.slug, `${path}.checkSuite.app.slug`)
          },
    run:
      run === null
        ? null
        : {
            id: num(
              run.databaseId,
              `${path}.checkSuite.workflowRun.databaseId`
            ),
            event: optStr(run.event, `${path}.checkSuite.workflowRun.event`),
            path: file === null ? null : optStr(file.path, `${path}.file.path`)
          }
  }
}

/**
 * The bootstrap's rollups: the deployed commit's (`repository.checks`) and
 * those of the latest deployments to the target (`recent.hereJobs`).
 */
export function bootstrapJobs(o: {
  data: Json
  errors: GraphQLError[]
  sha: string
}): JobsRead {
  const read = noJobs()
  const under = (...prefix: (string | number)[]): GraphQLError[] =>
    o.errors.filter((e) => {
      const path = e.path ?? []
      return prefix.every((p, i) => path[i] === p) && path.includes('contexts')
    })
  const repo = optObj(o.data.repository, 'repository')
  const checks = repo === null ? null : optObj(repo.checks, 'repository.checks')
  if (checks !== null) {
    addRollup({
      read,
      sha: o.sha,
      rollup: optObj(
        checks.statusCheckRollup,
        'repository.checks.statusCheckRollup'
      ),
      errors: under('repository', 'checks'),
      path: 'repository.checks.statusCheckRollup'
    })
  }
  const recent = optObj(o.data.recent, 'recent')
  const here =
    recent === null ? null : optObj(recent.hereJobs, 'recent.hereJobs')
  if (here === null) return read
  connection(here, 'recent.hereJobs').nodes.forEach((n, i) => {
    const at = `recent.hereJobs.nodes[${i}]`
    const d = obj(n, at)
    const sha = str(d.commitOid, `${at}.commitOid`)
    if (read.fact.complete[sha] === true) return
    const commit = optObj(d.commit, `${at}.commit`)
    addRollup({
      read,
      sha,
      rollup:
        commit === null
          ? null
          : optObj(commit.statusCheckRollup, `${at}.commit.statusCheckRollup`),
      errors: under('recent', 'hereJobs', 'nodes', i),
      path: `${at}.commit.statusCheckRollup`
    })
  })
  return read
}

/** Whether a record's binding waits on check runs not read yet. */
function waitsOnJobs(
  d: DeploymentFact,
  read: JobsRead,
  ctx: DeploymentContext
): boolean {
  if (d.creator?.login.toLowerCase() !== 'github-actions[bot]') return false
  if (read.fact.complete[d.sha] === true) return false
  if (read.fact.unreadable[d.sha] !== undefined) return false
  return d.statuses.some((s) => {
    if (s.state !== 'success') return false
    const link = jobOfThisRepository(s.logUrl, ctx)
    return (
      link !== null && read.fact.checkRuns[String(link.jobId)] === undefined
    )
  })
}

/** The first success as of `nowMs`, as `qualify` takes it; NaN: none. */
function successAt(d: DeploymentFact, nowMs: number): number {
  const s = d.statuses.find((x) => {
    const t = Date.parse(x.createdAt)
    return x.state === 'success' && (Number.isNaN(t) || t <= nowMs)
  })
  return s === undefined ? NaN : Date.parse(s.createdAt)
}

/**
 * Reads the check runs every record of `all` waits on, and, walking
 * `newest` from the newest success down, those of the records that could
 * be the previous success until one is found that counts (`counts`): the
 * range's start is never decided on a record not yet bound.
 */
export async function bindDeployments(o: {
  github: GitHubPort
  request: Pick<EngineRequest, 'owner' | 'repo'>
  read: JobsRead
  ctx: DeploymentContext
  all: readonly DeploymentFact[]
  newest: readonly DeploymentFact[]
  counts: (d: DeploymentFact) => boolean
  nowMs: number
}): Promise<void> {
  const order = [...o.newest]
    .filter((d) => !Number.isNaN(successAt(d, o.nowMs)))
    .sort((a, b) => successAt(b, o.nowMs) - successAt(a, o.nowMs))
  for (;;) {
    const shas = new Set<string>()
    for (const d of o.all) if (waitsOnJobs(d, o.read, o.ctx)) shas.add(d.sha)
    const waiting: string[] = []
    for (const d of order) {
      if (waitsOnJobs(d, o.read, o.ctx)) {
        if (!waiting.includes(d.sha)) waiting.push(d.sha)
        if (waiting.length >= PREVIOUS_BATCH) break
      } else if (o.counts(d)) break
    }
    waiting.forEach((sha) => shas.add(sha))
    if (shas.size === 0) return
    await readJobs(o.github, o.request, o.read, [...shas])
  }
}

/** Every check run of each commit: its rollup, all pages. */
export async function readJobs(
  port: GitHubPort,
  req: Pick<EngineRequest, 'owner' | 'repo'>,
  read: JobsRead,
  shas: string[]
): Promise<void> {
  const unseen = shas.filter((sha) => !read.more.has(sha))
  await askInBatches({
    items: unseen,
    each: () => JOBS_COST,
    // a decision needs one batch at most; the audit's population (a batch
    // per 100 commits) is asked a few at a time, not all at once
    concurrency: JOBS_CONCURRENCY,
    ask: async (batch) => {
      const { query, variables } = jobsQuery(batch)
      const answer = await port.graphql<Json>(
        query,
        { owner: req.owner, name: req.repo, ...variables },
        { splittable: true }
      )
      const repo = optObj(obj(answer.data, 'data').repository, 'repository')
      if (repo === null) {
        throw new GitHubApiError(
          `the check runs of ${batch.length} commits could not be read: ${answer.errors.map((e) => e.message).join('; ')}`
        )
      }
      batch.forEach((sha, i) => {
        const alias = `j${i}`
        const errors = answer.errors.filter((e) => {
          const path = e.path ?? []
          return path[1] === alias && path.includes('contexts')
        })
        const commit = optObj(repo[alias], alias)
        if (commit === null && errors.length === 0) {
          // GitHub knows no such commit: no job of it can be found
          read.fact.complete[sha] = true
          return
        }
        addRollup({
          read,
          sha,
          rollup:
            commit === null
              ? null
              : optObj(commit.statusCheckRollup, `${alias}.statusCheckRollup`),
          errors,
          path: `${alias}.statusCheckRollup`
        })
      })
    }
  })
  await readRest(port, req, read, shas)
}

/** Further pages of the rollups that have them. */
async function readRest(
  port: GitHubPort,
  req: Pick<EngineRequest, 'owner' | 'repo'>,
  read: JobsRead,
  shas: string[]
): Promise<void> {
  type ContextsPage = PageSelection & { kind: 'contexts' }
  const bySha = new Map<string, string>()
  const first: ContextsPage[] = shas.flatMap((sha, i) => {
    const more = read.more.get(sha)
    if (more === undefined) return []
    bySha.set(`k${i}`, sha)
    return [
      { alias: `k${i}`, kind: 'contexts', id: more.id, after: more.after }
    ]
  })
  await readPages(
    port,
    { owner: req.owner, name: req.repo },
    first,
    (batch, answer) => {
      const data = obj(answer.data, 'data')
      const next: ContextsPage[] = []
      for (const page of batch) {
        const sha = bySha.get(page.alias) as string
        const errors = answer.errors.filter((e) => e.path?.[0] === page.alias)
        const node = optObj(data[page.alias], page.alias)
        if (node === null && errors.length === 0) {
          // the rollup paged is gone: its further check runs are unknown
          // (kept in `more`, it would be asked for again and again)
          read.fact.unreadable[sha] = unreadable(
            'checks: read',
            `GitHub did not return the further check runs of commit ${sha.slice(0, 7)}`
          )
          read.more.delete(sha)
          continue
        }
        addRollup({
          read,
          sha,
          rollup: node === null ? null : { ...node, id: page.id },
          errors,
          path: page.alias
        })
        const more = read.more.get(sha)
        if (more !== undefined) next.push({ ...page, after: more.after })
      }
      return next
    }
  )
}

/** The first page of each commit's rollup: GateJobs. */
export function jobsQuery(oids: string[]): {
  query: string
  variables: Record<string, unknown>
} {
  return commitsQuery({
    operation: 'GateJobs',
    alias: 'j',
    oids,
    selection: `... on Commit { statusCheckRollup { id contexts(first: ${PAGE}) { ${ROLLUP_CONTEXTS} } } }`,
    fragments: ''
  })
}
