// The audit (SPEC §7): every successful deployment to an environment in a
// period, each judged by the same pipeline as the gate, as of its own time:
// reviews submitted, upstream statuses posted and tests finished after the
// deployment do not count. What GitHub keeps no history of (branch rules,
// the environment's settings, who holds access) is read as it is now, and
// the report says so.

import { accessMatrix, type AccessMatrix } from '../access/index.js'
import type { DeploymentContext } from '../deployments.js'
import { toFailure } from '../errors.js'
import {
  breakGlassIssues,
  reviewBreakGlass,
  type JudgedRun
} from './break-glass-reviews.js'
import { judgeDeployment } from './judge.js'
import { readAuditPolicy, type AuditPolicy } from './policy.js'
import {
  deploymentContext,
  readPopulation,
  startsOf,
  type Population
} from './population.js'
import { readForAudit } from './reads.js'
import { newReport } from './report.js'
import type { AuditDeps, AuditReport, AuditRequest } from './types.js'

/** The audit's population, judged; throws only when nothing can be judged. */
export async function runAudit(
  req: AuditRequest,
  deps: AuditDeps
): Promise<AuditReport> {
  const progress = deps.progress ?? ((): void => undefined)
  const repo = { owner: req.owner, repo: req.repo }

  // 1. The policy, and the population: the deployments that succeeded in
  //    the period, and the older ones the first of their ranges starts at.
  const policy = await readAuditPolicy(deps.github, req)
  const context = deploymentContext(req, policy.environment)
  progress(`reading the deployments to ${req.environment}`)
  const population = await readPopulation({
    github: deps.github,
    request: req,
    context
  })
  const count = population.members.length
  progress(
    `${count} successful deployment${count === 1 ? '' : 's'} to ${req.environment} in the period`
  )

  // 2. Read alongside: the access matrix and the break-glass issues.
  const access = readAccess(req, policy, deps)
  const issues = breakGlassIssues({
    github: deps.github,
    repo,
    since: req.since
  })

  // 3. Each deployment judged as of its success.
  const report = newReport({ request: req, policy, now: deps.now() })
  const judged =
    count === 0
      ? []
      : await judgeAll({
          request: req,
          policy,
          population,
          context,
          deps,
          progress
        })
  report.entries = judged.map((j) => j.entry)

  // 4. The break-glass register, linked to the deployments it covers.
  report.breakGlass = reviewBreakGlass({
    issues: await issues,
    request: req,
    judged,
    now: deps.now()
  })
  report.access = await access
  report.requests = deps.github.requests?.length ?? null
  return report
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

/** Where each range starts, what judging needs, then each deployment in turn. */
async function judgeAll(o: {
  request: AuditRequest
  policy: AuditPolicy
  population: Population
  context: DeploymentContext
  deps: AuditDeps
  progress: (message: string) => void
}): Promise<JudgedRun[]> {
  const { request, policy, population, deps } = o
  const starts = startsOf({
    population,
    policy: policy.environment,
    environment: request.environment,
    context: o.context
  })
  const { reads, ranges } = await readForAudit({
    github: deps.github,
    request,
    policy,
    population,
    starts,
    logger: deps.logger,
    now: deps.now(),
    progress: o.progress
  })
  const judged: JudgedRun[] = []
  for (const [i, member] of population.members.entries()) {
    const range = ranges[i] as (typeof ranges)[number]
    const entry = await judgeDeployment({
      request,
      policy,
      member,
      range,
      reads
    })
    const sink = deps.evidence
    if (sink !== undefined && entry.evidence !== null) {
      await sink(entry.deployment.id, entry.evidence)
      judged.push({ entry: { ...entry, evidence: null }, runId: member.runId })
    } else {
      judged.push({ entry, runId: member.runId })
    }
  }
  return judged
}
