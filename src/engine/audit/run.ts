// The audit (SPEC §7): every successful deployment to an environment in a
// period, each judged by the same pipeline as the gate, as of its own time:
// reviews submitted, upstream statuses posted and tests finished after the
// deployment do not count. What GitHub keeps no history of (branch rules,
// the environment's settings, who holds access) is read as it is now, and
// the report says so.

import { accessMatrix, type AccessMatrix } from '../access/index.js'
import type { DeploymentContext } from '../deployments.js'
import { toFailure } from '../errors.js'
import { batches, MAX_QUERY_ITEMS } from '../gather/budget.js'
import { noJobs, type JobsRead } from '../gather/jobs.js'
import {
  breakGlassIssues,
  reviewBreakGlass,
  type JudgedRun
} from './break-glass-reviews.js'
import { readCompleteness } from './completeness.js'
import { judgeDeployment } from './judge.js'
import { readAuditPolicy, type AuditPolicy } from './policy.js'
import { versionsUsed } from './policy-at.js'
import {
  checkResume,
  checkpointRequest,
  CHECKPOINT_VERSION,
  type AuditCheckpoint
} from './checkpoint.js'
import { DEPLOYED_COST } from './commits.js'
import { pacedPort } from './pace.js'
import {
  deploymentContext,
  readPopulation,
  startsOf,
  type Member
} from './population.js'
import { readForAudit, readShared, RUN_LEAD_MS } from './reads.js'
import { newReport } from './report.js'
import type { AuditDeps, AuditReport, AuditRequest } from './types.js'

/**
 * Members judged together: their reads are dropped before the next ones'.
 * Three full queries of deployed commits. A chunk's parsed answers are held
 * until its members are judged, and that, more than what the audit keeps,
 * sets its peak memory: 250 members held about 65 MB at once, enough for V8
 * to grow its young generation for good (an audit of 1,000 peaked at 259 MiB
 * with 21 MB alive at the end; with 84, at about 190 MiB).
 */
export const CHUNK =
  3 *
  (
    batches(
      Array.from({ length: MAX_QUERY_ITEMS }, () => null),
      () => DEPLOYED_COST
    )[0] as null[]
  ).length

/** The audit's population, judged; throws only when nothing can be judged. */
export async function runAudit(
  req: AuditRequest,
  deps: AuditDeps
): Promise<AuditReport> {
  const progress = deps.progress ?? ((): void => undefined)
  const repo = { owner: req.owner, repo: req.repo }
  const github =
    deps.pace === undefined ? deps.github : pacedPort(deps.github, deps.pace)
  const paced = { ...deps, github }

  // 1. The policy, and the population: the deployments that succeeded in
  //    the period, and where each one's range starts (or the checkpoint's).
  const policy = await readAuditPolicy(github, req)
  // the jobs' check runs that bind deployment records, read once for all
  const jobs = noJobs()
  const context = deploymentContext(req, policy.environment, jobs.fact)
  const start = await populationOf({
    request: req,
    policy,
    context,
    jobs,
    deps: paced
  })
  const count = start.members.length
  progress(
    `${count} successful deployment${count === 1 ? '' : 's'} to ${req.environment} in the period${start.judged.length > 0 ? `, ${start.judged.length} judged before` : ''}`
  )

  // 2. Read alongside: the access matrix and the break-glass issues.
  const access = readAccess(req, policy, paced)
  const issues = breakGlassIssues({ github, repo, since: req.since })
  // Neither may reject unheard while the deployments are judged.
  issues.catch(() => undefined)
  // Completeness: what reached the deployed branches, deployed or not
  // (never rejects: what it cannot read is in its errors).
  const completeness = readCompleteness({
    github,
    repo,
    policy: policy.environment,
    defaultBranch: policy.defaultBranch,
    since: req.since,
    until: req.until,
    members: start.members
  })

  // 3. Each deployment judged as of its success, a chunk at a time.
  const report = newReport({ request: req, policy, now: deps.now() })
  const judged = await judgeAll({
    request: req,
    policy,
    start,
    jobs,
    deps: paced,
    progress
  })
  report.entries = judged.map((j) => j.entry)
  report.policyVersions = versionsUsed({
    history: policy.history,
    entries: report.entries,
    defaultBranch: policy.defaultBranch
  })

  // 4. The break-glass register, linked to the deployments it covers.
  report.breakGlass = reviewBreakGlass({
    issues: await issues,
    request: req,
    judged,
    now: deps.now()
  })
  report.access = await access
  report.completeness = await completeness
  report.requests = deps.github.requests?.length ?? null
  return report
}

/** The population and where each range starts: read, or the checkpoint's. */
async function populationOf(o: {
  request: AuditRequest
  policy: AuditPolicy
  context: DeploymentContext
  jobs: JobsRead
  deps: AuditDeps
}): Promise<AuditCheckpoint> {
  const { request: req, policy, deps } = o
  if (deps.resume !== undefined) {
    checkResume(deps.resume, {
      request: req,
      policyBlob: policy.read.blobSha,
      policyVersions: versionCommits(policy)
    })
    return deps.resume
  }
  deps.progress?.(`reading the deployments to ${req.environment}`)
  const population = await readPopulation({
    github: deps.github,
    request: req,
    context: o.context,
    jobs: o.jobs
  })
  const starts = startsOf({
    population,
    policy: policy.environment,
    environment: req.environment,
    context: o.context
  })
  return {
    version: CHECKPOINT_VERSION,
    request: checkpointRequest(req),
    policyBlob: policy.read.blobSha,
    policyVersions: versionCommits(policy),
    members: population.members,
    starts,
    judged: []
  }
}

/** The policy's history as a checkpoint keeps it: its versions' commits. */
function versionCommits(policy: AuditPolicy): string[] {
  return policy.history.versions.map((v) => v.commit)
}

function readAccess(
  req: AuditRequest,
  policy: AuditPolicy,
  deps: AuditDeps
): Promise<AccessMatrix | { error: string }> {
  const repository = {
    owner: req.owner,
    name: req.repo,
    url: policy.repositoryUrl,
    defaultBranch: policy.defaultBranch
  }
  return accessMatrix({
    github: deps.github,
    repository,
    policy: policy.all,
    now: deps.now()
  }).catch((error: unknown) => ({ error: toFailure(error).message }))
}

/**
 * The members not yet judged, CHUNK at a time: each chunk's reads, its
 * members judged, their records to the sink, the checkpoint saved; only
 * the rows are kept.
 */
async function judgeAll(o: {
  request: AuditRequest
  policy: AuditPolicy
  start: AuditCheckpoint
  jobs: JobsRead
  deps: AuditDeps
  progress: (message: string) => void
}): Promise<JudgedRun[]> {
  const { request, policy, start, deps } = o
  const { members, starts } = start
  const judged = [...start.judged]
  if (judged.length === members.length) return judged
  const shared = await readShared({
    github: deps.github,
    request,
    policy,
    members: members.slice(judged.length),
    starts: starts.slice(judged.length),
    logger: deps.logger,
    now: deps.now(),
    progress: o.progress
  })
  const size = Math.max(1, deps.chunkSize ?? CHUNK)
  while (judged.length < members.length) {
    const from = judged.length
    const chunk = members.slice(from, from + size)
    const last = from + chunk.length === members.length
    if (members.length > size)
      o.progress(
        `judging deployments ${from + 1}-${from + chunk.length} of ${members.length}`
      )
    const { reads, ranges } = await readForAudit({
      github: deps.github,
      request,
      policy,
      population: { members: chunk },
      starts: starts.slice(from, from + chunk.length),
      shared,
      jobs: o.jobs,
      runsIn: runsIn({ request, chunk, first: from === 0, last }),
      logger: deps.logger,
      now: deps.now(),
      progress: o.progress
    })
    for (const [i, member] of chunk.entries()) {
      const entry = await judgeDeployment({
        request,
        policy,
        member,
        range: ranges[i] as (typeof ranges)[number],
        reads
      })
      const sink = deps.evidence
      if (sink !== undefined && entry.evidence !== null) {
        await sink(entry.deployment.id, entry.evidence)
        judged.push({
          entry: { ...entry, evidence: null },
          runId: member.runId
        })
      } else {
        judged.push({ entry, runId: member.runId })
      }
    }
    await deps.checkpoint?.({ ...start, judged })
    deps.chunkDone?.()
  }
  return judged
}

/**
 * The window the chunk's runs were created in: the period's (from a day
 * before it) at its ends, the chunk's own deployments' between, so each
 * chunk lists only its own runs.
 */
function runsIn(o: {
  request: AuditRequest
  chunk: Member[]
  first: boolean
  last: boolean
}): { from: Date; to: Date } {
  const oldest = o.chunk[0] as Member
  const newest = o.chunk[o.chunk.length - 1] as Member
  const lead = (iso: string): Date => new Date(Date.parse(iso) - RUN_LEAD_MS)
  return {
    from: o.first
      ? lead(o.request.since.toISOString())
      : lead(
          o.chunk.reduce(
            (a, m) => (m.deployment.createdAt < a ? m.deployment.createdAt : a),
            oldest.deployment.createdAt
          )
        ),
    to: o.last ? o.request.until : new Date(newest.succeededAt)
  }
}
