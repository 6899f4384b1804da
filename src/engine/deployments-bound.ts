// Whether a github-actions[bot] deployment record is the one GitHub made for
// a job (SPEC §4 `trusted_workflows`, §5.2). Every workflow token acts as
// github-actions[bot] and can create a deployment through the REST API and
// post a success whose log URL is any real job, so the record counts only
// when that job's check run, from the GitHub Actions app, names this very
// deployment (GraphQL `CheckRun.deployment`, "The corresponding deployment
// for this job, if any"). Pure: the check runs were read by gathering
// (gather/jobs.ts).

import type {
  DeploymentFact,
  DeploymentStatusFact,
  JobCheckRunFact,
  JobsFact
} from './facts.js'
import type { TrustedWorkflow } from './policy/index.js'

/** GitHub Actions' App: id 15368, slug github-actions. */
export const GITHUB_ACTIONS_APP = { id: 15368, slug: 'github-actions' }

export interface JobBindingContext {
  owner: string
  repo: string
  /** web UI base, e.g. https://github.com */
  serverUrl: string
  /** the job check runs read; absent: none */
  jobs?: JobsFact
  /** null: any workflow of the repository */
  trustedWorkflows: TrustedWorkflow[] | null
}

/** The job a log URL names: `<web>/<owner>/<repo>/actions/runs/<run>/job/<job>`. */
export interface JobLink {
  runId: number
  jobId: number
}

/**
 * The run and job of a job URL of this repository (host and owner/repo
 * case-insensitive, as GitHub treats them), optionally followed by a slash,
 * a query or a fragment; null for anything else.
 */
export function jobOfThisRepository(
  url: string | null,
  ctx: Pick<JobBindingContext, 'owner' | 'repo' | 'serverUrl'>
): JobLink | null {
  if (url === null) return null
  const base = escape(ctx.serverUrl.replace(/\/+$/, ''))
  const repo = `${escape(ctx.owner)}/${escape(ctx.repo)}`
  const m = new RegExp(
    `^${base}/${repo}/actions/runs/(\\d+)/job/(\\d+)/?(?:[?#].*)?$`,
    'i'
  ).exec(url)
  if (m === null) return null
  return { runId: Number(m[1]), jobId: Number(m[2]) }
}

/**
 * `<serverUrl>/<owner>/<repo>/actions/runs/<id>`, optionally followed by
 * `/job/<id>` or `/attempts/<n>`, a slash, a query or a fragment.
 */
export function isRunOfThisRepository(
  url: string | null,
  ctx: Pick<JobBindingContext, 'owner' | 'repo' | 'serverUrl'>
): boolean {
  if (url === null) return false
  const base = escape(ctx.serverUrl.replace(/\/+$/, ''))
  const repo = `${escape(ctx.owner)}/${escape(ctx.repo)}`
  const pattern = new RegExp(
    `^${base}/${repo}/actions/runs/\\d+(?:/job/\\d+|/attempts/\\d+)?/?(?:[?#].*)?$`,
    'i'
  )
  return pattern.test(url)
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

/** Whether a record's check runs must be looked up: what gathering asks for. */
export type JobNeed =
  { kind: 'none' } | { kind: 'job'; link: JobLink; sha: string }

/**
 * The job a github-actions[bot] record's success links to, when its binding
 * depends on a check run the gate may not have read yet.
 */
export function jobNeed(
  d: DeploymentFact,
  success: DeploymentStatusFact,
  ctx: JobBindingContext
): JobNeed {
  const link = jobOfThisRepository(success.logUrl, ctx)
  if (link === null) return { kind: 'none' }
  return { kind: 'job', link, sha: d.sha }
}

/**
 * Why the record is not the one GitHub made for a job of a trusted
 * workflow, or null when it is. `name` names the record in the message.
 */
export function bindingProblem(o: {
  deployment: DeploymentFact
  success: DeploymentStatusFact
  ctx: JobBindingContext
  name: string
  /** what to do, e.g. "deploy a1b2c3d to staging again" */
  again: string
}): string | null {
  const { deployment: d, success, ctx, name } = o
  const fix = `${o.again} through the deployment workflow (a job with \`environment:\`), whose deployment GitHub makes itself`
  const link = jobOfThisRepository(success.logUrl, ctx)
  if (link === null) {
    const url = success.logUrl === null ? 'no log url' : success.logUrl
    const what = isRunOfThisRepository(success.logUrl, ctx)
      ? `links to a workflow run, not to a job of it (${url})`
      : `links to no job of a workflow run of ${ctx.owner}/${ctx.repo} (${url})`
    return `${name} by github-actions[bot] ${what}, so it cannot be told from a record any workflow token can create through the API: ${fix}`
  }
  const job = ctx.jobs?.checkRuns[String(link.jobId)]
  if (job === undefined) return unknownJob(d, link, ctx, name, fix)
  const problem = jobProblem(d, link, job)
  if (problem !== null) {
    return `${name} was not made by a job GitHub ran for ${d.environment}: ${problem}. It was created through the API; ${fix}`
  }
  return workflowProblem(d, job, ctx, name, o.again)
}

function unknownJob(
  d: DeploymentFact,
  link: JobLink,
  ctx: JobBindingContext,
  name: string,
  fix: string
): string {
  const blocked = ctx.jobs?.unreadable[d.sha]
  if (blocked !== undefined) {
    return `${name} links to job ${link.jobId}, whose check run could not be read, so whether GitHub made the record for that job cannot be verified: grant the token \`${blocked.permission}\` (GitHub said: ${blocked.detail})`
  }
  if (ctx.jobs?.complete[d.sha] !== true) {
    return `${name} links to job ${link.jobId}, whose check run was not read, so whether GitHub made the record for that job cannot be verified`
  }
  return `${name} was not made by a job GitHub ran for ${d.environment}: its log links to job ${link.jobId} of run ${link.runId}, which is no check run of ${d.sha.slice(0, 7)}. It was created through the API; ${fix}`
}

/** Why the check run is not the job that made this record, or null. */
function jobProblem(
  d: DeploymentFact,
  link: JobLink,
  job: JobCheckRunFact
): string | null {
  if (job.app?.id !== GITHUB_ACTIONS_APP.id) {
    const app = job.app?.slug ?? job.app?.id ?? 'no app'
    return `its log links to check run ${job.id}, made by ${String(app)}, not by a GitHub Actions job`
  }
  if (job.run?.id !== link.runId) {
    const run = job.run === null ? 'no workflow run' : `run ${job.run.id}`
    return `its log links to job ${job.id} of run ${link.runId}, but that job belongs to ${run}`
  }
  if (job.deploymentId === null) {
    return `its log links to job ${job.id}, whose check run names no deployment`
  }
  if (job.deploymentId !== d.id) {
    return `its log links to job ${job.id}, whose check run names deployment #${job.deploymentId}`
  }
  return null
}

/** `trusted_workflows`: the job's workflow file, and the record's ref. */
function workflowProblem(
  d: DeploymentFact,
  job: JobCheckRunFact,
  ctx: JobBindingContext,
  name: string,
  again: string
): string | null {
  const trusted = ctx.trustedWorkflows
  if (trusted === null) return null
  const path = job.run?.path ?? null
  const ref = d.ref ?? null
  const fits = trusted.some(
    (w) => w.path === path && (w.ref === null || w.ref === ref)
  )
  if (fits) return null
  const list = trusted.map((w) => w.text).join(', ')
  const made = `${path ?? 'an unknown workflow file'}${ref === null ? '' : `@${ref}`}`
  return `${name} was made by job ${job.id} of ${made}, not by a workflow in trusted_workflows (${list}): ${again} with one of them`
}
