// The audit (SPEC §7): every successful deployment to an environment in a
// period, each judged by the same rules as the gate, as of its own time:
// reviews submitted, upstream statuses posted and tests finished after the
// deployment do not count. What GitHub keeps no history of (branch rules,
// the environment's settings, who holds access) is read as it is now, and
// the report says so.

import { accessMatrix, type AccessMatrix } from '../engine/index.js'
import {
  previousSuccess,
  qualify,
  type DeploymentContext
} from '../engine/deployments.js'
import { GitHubApiError, toFailure } from '../engine/errors.js'
import type {
  ChangeFact,
  ChecksFact,
  CommitChecksFact,
  DeploymentFact,
  Facts,
  RunFact
} from '../engine/facts.js'
import { completeRollups, type RollupRead } from '../engine/gather/checks.js'
import {
  choosePullRequest,
  completePullRequests,
  fetchBootstrap,
  fetchPolicy,
  gatherFacts,
  type EngineRequest
} from '../engine/gather/index.js'
import type { ParsedPullRequest } from '../engine/gather/parse.js'
import {
  evaluateAsOf,
  makeRequest,
  recordEvidence,
  type PolicyRead
} from '../engine/index.js'
import { environmentPolicy, loadPolicy } from '../engine/policy/load.js'
import type { EnvironmentPolicy } from '../engine/policy/types.js'
import type { GitHubPort, Logger } from '../engine/port.js'
import {
  upstreamChain,
  type UpstreamEnvironment
} from '../engine/rules/index.js'
import type { EvidenceRecord } from '../engine/evidence/index.js'
import {
  BREAK_GLASS_LABEL,
  judgeReview,
  parseBreakGlassMarker,
  type ReviewState
} from '../engine/break-glass/index.js'
import {
  breakGlassIssues,
  changeCommits,
  deployedCommits,
  environmentDeployments,
  history,
  runApprovals,
  deploymentRuns,
  type BreakGlassIssue,
  type DeployedCommit,
  type RunInfo
} from './gather.js'

export interface AuditRequest {
  owner: string
  repo: string
  environment: string
  policyPath: string
  /** null: the default branch */
  policyRef: string | null
  since: Date
  until: Date
  /** web UI base, e.g. https://github.com */
  serverUrl: string
}

/** One deployment of the population, judged as of its success. */
export interface AuditEntry {
  deployment: {
    id: number
    sha: string
    createdAt: string
    /** the first success status: the moment it is judged as of */
    succeededAt: string
    creator: string | null
  }
  decision: 'allow' | 'block'
  violations: string[]
  /** the same record the gate would have written at that moment */
  evidence: EvidenceRecord
  /** the follow-up issue when this deployment broke the glass */
  breakGlass: BreakGlassReview | null
}

/** A break-glass deployment's follow-up issue and its independent review. */
export interface BreakGlassReview {
  issue: { number: number; url: string }
  environment: string
  sha: string
  runId: number
  approvedBy: string
  deployer: string
  due: string
  review: ReviewState
  closed: { at: string; by: string | null; reason: string | null } | null
  /** the audited deployment it belongs to, when in the period */
  deployment: number | null
  /** why the record itself is doubtful, e.g. not opened by the gate */
  problem: string | null
}

export interface AuditReport {
  repository: { owner: string; name: string; url: string }
  environment: string
  period: { since: string; until: string }
  policy: { path: string; ref: string; blobSha: string }
  generatedAt: string
  /** what is read as of now rather than as of each deployment */
  readNow: string[]
  entries: AuditEntry[]
  /** every break-glass follow-up issue of the environment in the period */
  breakGlass: BreakGlassReview[] | { error: string }
  access: AccessMatrix | { error: string }
  requests: number | null
}

export interface AuditDeps {
  github: GitHubPort & { requests?: unknown[] }
  logger: Logger
  now: () => Date
  /** progress for long audits (the CLI prints it on stderr) */
  progress?: (message: string) => void
}

const READ_NOW = [
  'branch rules and classic protection',
  "the environment's settings",
  'collaborators, teams and bypass actors (the access matrix)'
]

/** The audit's population, judged; throws only when nothing can be judged. */
export async function runAudit(
  req: AuditRequest,
  deps: AuditDeps
): Promise<AuditReport> {
  const { github: port } = deps
  const progress = deps.progress ?? ((): void => undefined)
  const repo = { owner: req.owner, repo: req.repo }
  const read = await fetchPolicy(port, req)
  if ('missing' in read.policy) {
    throw new Error(
      `${read.policy.missing}; the audit judges deployments against it`
    )
  }
  const source = read.policy
  const all = loadPolicy(source.text, {
    path: req.policyPath,
    ref: source.ref,
    blobSha: source.blobSha,
    defaultBranch: read.defaultBranch
  })
  const policy = environmentPolicy(all, req.environment)
  const chain = upstreamChain(all.environments, req.environment)
  const ctx: DeploymentContext = {
    owner: req.owner,
    repo: req.repo,
    serverUrl: req.serverUrl,
    sha: '',
    trustedDeployers: policy.trustedDeployers
  }

  // 1. The population: deployments that succeeded in the period, and the
  //    older ones the first of their ranges starts at.
  progress(`reading the deployments to ${req.environment}`)
  const list = await environmentDeployments(
    port,
    repo,
    req.environment,
    req.since,
    (older) =>
      previousSuccess(older, req.environment, ctx, req.since.getTime()) !== null
  )
  const population = list
    .map((d) => ({ d, success: firstSuccess(d) }))
    .filter(
      (x): x is { d: DeploymentFact; success: string } =>
        x.success !== null &&
        Date.parse(x.success) >= req.since.getTime() &&
        Date.parse(x.success) <= req.until.getTime()
    )
    .sort((a, b) => Date.parse(a.success) - Date.parse(b.success))
  progress(
    `${population.length} successful deployment${population.length === 1 ? '' : 's'} to ${req.environment} in the period`
  )

  const access = accessMatrix(
    port,
    {
      owner: req.owner,
      name: req.repo,
      url: read.repositoryUrl,
      defaultBranch: read.defaultBranch
    },
    all,
    deps.now()
  ).catch((error: unknown) => ({ error: toFailure(error).message }))

  const issues = breakGlassIssues(port, repo, BREAK_GLASS_LABEL, req.since)

  const report: AuditReport = {
    repository: { owner: req.owner, name: req.repo, url: read.repositoryUrl },
    environment: req.environment,
    period: { since: req.since.toISOString(), until: req.until.toISOString() },
    policy: { path: req.policyPath, ref: source.ref, blobSha: source.blobSha },
    generatedAt: deps.now().toISOString(),
    readNow: READ_NOW,
    entries: [],
    breakGlass: [],
    access: { error: 'not read' },
    requests: null
  }
  if (population.length === 0) {
    report.breakGlass = reviews(await issues, req, new Map(), deps.now())
    report.access = await access
    report.requests = port.requests?.length ?? null
    return report
  }

  // 2. Where each range starts, and the history that links them.
  const bases =
    policy.scope === 'head'
      ? population.map(() => null)
      : rangeStarts(
          list,
          population.map((p) => Date.parse(p.success)),
          req.environment,
          ctx
        )
  const deployedOids = [...new Set(population.map((p) => p.d.sha))]
  progress(`reading ${deployedOids.length} deployed commits and their history`)
  const newest = population[population.length - 1] as { d: DeploymentFact }
  const [parents, deployed, runs, base] = await Promise.all([
    history(
      port,
      repo,
      req.until,
      new Set([
        ...deployedOids,
        ...bases.filter((b): b is string => b !== null)
      ])
    ),
    deployedCommits(port, repo, deployedOids),
    deploymentRuns(
      port,
      repo,
      [
        ...new Set(
          population
            .map(({ d }) => runId(d))
            .filter((id): id is number => id !== null)
        )
      ],
      new Date(req.since.getTime() - 86_400_000),
      req.until
    ),
    baseFacts(port, req, policy, chain, newest.d, deps)
  ])

  const ranges = population.map(({ d }, i) =>
    rangeOf(d.sha, bases[i] ?? null, parents, policy, req.environment)
  )
  const others = [
    ...new Set(
      ranges.flatMap((r) => r.oids).filter((oid) => !deployed.has(oid))
    )
  ]
  if (others.length > 0)
    progress(`reading ${others.length} further changes between deployments`)
  const changes = await changeCommits(port, repo, others)
  const candidatesOf = (
    oid: string
  ): {
    commit: DeployedCommit['commit']
    candidates: ParsedPullRequest[]
  } | null => deployed.get(oid) ?? changes.get(oid) ?? null
  const chosen = new Map<string, ParsedPullRequest | null>()
  for (const r of ranges) {
    for (const oid of r.oids) {
      const c = candidatesOf(oid)
      if (c !== null && !chosen.has(oid))
        chosen.set(oid, choosePullRequest(c.commit, c.candidates, policy))
    }
  }
  await completePullRequests(
    port,
    repo,
    [...chosen.values()].filter((p): p is ParsedPullRequest => p !== null)
  )

  // 3. Tests: every deployed commit's and its pull requests' heads', all pages.
  const reads: RollupRead[] = []
  for (const c of deployed.values()) {
    if (c === null) continue
    reads.push(c.checks, ...c.heads.values())
  }
  const rollups = new Map<string, CommitChecksFact>()
  for (const r of await completeRollups(
    port,
    { owner: req.owner, name: req.repo },
    reads
  ))
    rollups.set(r.sha, r)

  // 4. Environment approvals: one request per run, only when required.
  const runOf = population.map(({ d }) => runId(d))
  const approvals = new Map<number, RunFact['approvals']>()
  if (policy.approvals.environment > 0) {
    const ids = [...new Set(runOf.filter((id): id is number => id !== null))]
    progress(`reading the environment approvals of ${ids.length} runs`)
    for (const id of ids) approvals.set(id, await runApprovals(port, repo, id))
  }

  // 5. Judge each deployment as of its success.
  // The same pipeline as a live decision, with the facts as of `at`.
  const policyRead: PolicyRead = {
    ...source,
    defaultBranch: read.defaultBranch
  }
  for (const [i, { d, success }] of population.entries()) {
    const at = new Date(success)
    const range = ranges[i] as RangeOf
    const id = runOf[i] ?? null
    const info: RunInfo | null =
      id === null || 'unreadable' in runs ? null : (runs.get(id) ?? null)
    const facts = factsAt({
      req,
      d,
      at,
      range,
      deployed: deployed.get(d.sha) ?? null,
      commitOf: candidatesOf,
      chosen,
      parents,
      base,
      rollups,
      run: {
        id,
        attempt: info?.attempt ?? null,
        url: info?.url ?? null,
        actor: info?.actor ?? null,
        triggeringActor: info?.triggeringActor ?? null,
        approvals: id === null ? null : (approvals.get(id) ?? null)
      },
      chain: chain.map((e) => e.name)
    })
    const request = engineRequest(
      req,
      d.sha,
      facts?.deployer ?? null,
      facts?.run ?? null
    )
    const judged = await evaluateAsOf(
      request,
      () =>
        Promise.resolve({
          policy: policyRead,
          facts: () =>
            facts === null
              ? Promise.reject(
                  new GitHubApiError(
                    'the deployed commit or a change in its range could not be read'
                  )
                )
              : Promise.resolve(facts)
        }),
      at
    )
    const notes = [...range.notes]
    if ('unreadable' in runs)
      notes.push(
        `who started the deployment's run is unknown: the token needs \`${runs.permission}\``
      )
    const { decision, evidence } = recordEvidence(
      judged,
      { mode: 'audit', requests: null, notes },
      () => null
    )
    report.entries.push({
      deployment: {
        id: d.id,
        sha: d.sha,
        createdAt: d.createdAt,
        succeededAt: success,
        creator: d.creator?.login ?? null
      },
      decision: decision.decision,
      violations: evidence.checks
        .filter((c) => c.status === 'fail' || c.status === 'error')
        .map((c) => c.id),
      evidence,
      breakGlass: null
    })
  }
  const byRun = new Map<string, AuditEntry>()
  population.forEach(({ d }, i) => {
    const id = runOf[i]
    if (id !== null && id !== undefined)
      byRun.set(`${d.sha}/${id}`, report.entries[i] as AuditEntry)
  })
  report.breakGlass = reviews(await issues, req, byRun, deps.now())
  if (!('error' in report.breakGlass)) {
    for (const r of report.breakGlass) {
      const entry = byRun.get(`${r.sha}/${r.runId}`)
      if (entry !== undefined && r.problem === null) entry.breakGlass = r
    }
  }
  report.access = await access
  report.requests = port.requests?.length ?? null
  return report
}

/** The issue authors the gate opens follow-up issues as (GraphQL shows the bot without `[bot]`). */
const GATE_AUTHORS = ['github-actions', 'github-actions[bot]']

/** The break-glass issues of the audited environment, each with its review judged. */
function reviews(
  issues:
    | BreakGlassIssue[]
    | { unreadable: true; permission: string; detail: string },
  req: AuditRequest,
  byRun: Map<string, AuditEntry>,
  now: Date
): BreakGlassReview[] | { error: string } {
  if ('unreadable' in issues) {
    return {
      error: `the break-glass issues could not be read (${issues.detail}): the token needs \`${issues.permission}\``
    }
  }
  const out: BreakGlassReview[] = []
  for (const issue of issues) {
    const marker = parseBreakGlassMarker(issue.body)
    if (marker === null || marker.environment !== req.environment) continue
    const opened = Date.parse(issue.createdAt)
    if (opened < req.since.getTime() || opened > req.until.getTime()) continue
    const entry = byRun.get(`${marker.sha}/${marker.run_id}`)
    const problem =
      issue.author === null || !GATE_AUTHORS.includes(issue.author)
        ? `opened by ${issue.author ?? 'a deleted account'}, not by the gate's workflow token: not a record the gate made`
        : null
    out.push({
      issue: { number: issue.number, url: issue.url },
      environment: marker.environment,
      sha: marker.sha,
      runId: marker.run_id,
      approvedBy: marker.approved_by,
      deployer: marker.deployer,
      due: marker.due,
      review: judgeReview(marker, issue.closed, now),
      closed: issue.closed,
      deployment: entry?.deployment.id ?? null,
      problem
    })
  }
  return out
}

/**
 * Deployments that need an auditor's attention: those that would not have
 * passed, unless a break-glass covers them and its review is done or not
 * yet due; and every break-glass whose review is missing or late.
 */
export function flagged(report: AuditReport): number {
  const deployments = report.entries.filter(
    (e) =>
      e.decision === 'block' &&
      !(
        e.breakGlass !== null &&
        (e.breakGlass.review === 'done' || e.breakGlass.review === 'pending')
      )
  ).length
  const reviewsFlagged =
    'error' in report.breakGlass
      ? 1
      : report.breakGlass.filter(
          (r) =>
            r.problem !== null || r.review === 'missing' || r.review === 'late'
        ).length
  return deployments + reviewsFlagged
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
export function rangeStarts(
  list: readonly DeploymentFact[],
  times: readonly number[],
  env: string,
  ctx: DeploymentContext
): (string | null)[] {
  const candidates = list
    .flatMap((d, index) => {
      const success = d.statuses.find((x) => x.state === 'success')
      if (success === undefined) return []
      const at = Date.parse(success.createdAt)
      if (typeof qualify(d, env, ctx, at) === 'string') return []
      const failed = d.statuses.find(
        (x) =>
          (x.state === 'failure' || x.state === 'error') &&
          Date.parse(x.createdAt) > at
      )
      return [
        {
          sha: d.sha,
          index,
          at,
          failedAt:
            failed === undefined ? Infinity : Date.parse(failed.createdAt)
        }
      ]
    })
    // on a tie previousSuccess keeps the first in the list: put it on top
    .sort((a, b) => a.at - b.at || b.index - a.index)
  const stack: typeof candidates = []
  let next = 0
  return times.map((time) => {
    const t = time - 1
    while (next < candidates.length && (candidates[next]?.at ?? 0) <= t) {
      stack.push(candidates[next] as (typeof candidates)[number])
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

function firstSuccess(d: DeploymentFact): string | null {
  return d.statuses.find((s) => s.state === 'success')?.createdAt ?? null
}

/** The run a deployment's success links to. */
function runId(d: DeploymentFact): number | null {
  const success = d.statuses.find((s) => s.state === 'success')
  const m = /\/actions\/runs\/(\d+)/.exec(success?.logUrl ?? '')
  return m === null ? null : Number(m[1])
}

interface RangeOf {
  /** newest first; always starts with the deployed commit */
  oids: string[]
  since: string | null
  notes: string[]
}

/** The first-parent chain from the deployed commit back to the range's start. */
function rangeOf(
  sha: string,
  base: string | null,
  parents: Map<string, string[]>,
  policy: EnvironmentPolicy,
  environment: string
): RangeOf {
  const only = (note: string | null): RangeOf => ({
    oids: [sha],
    since: base,
    notes: note === null ? [] : [note]
  })
  if (policy.scope === 'head') return only(null)
  if (base === null)
    return only(
      `no earlier successful deployment to ${environment}: only the deployed change is in scope`
    )
  if (base === sha) return only(null)
  const oids: string[] = []
  for (let oid: string | undefined = sha; oid !== undefined;) {
    if (oid === base) return { oids, since: base, notes: [] }
    if (!parents.has(oid) || oids.length > 10_000) break
    oids.push(oid)
    oid = parents.get(oid)?.[0]
  }
  return only(
    `${sha.slice(0, 7)} is not ahead of the previous deployment ${base.slice(0, 7)} on the default branch (a rollback, or another branch): only the deployed change is in scope`
  )
}

/** What the audit reads once, for the newest deployment, and applies to all. */
type BaseFacts = Pick<
  Facts,
  'repository' | 'branches' | 'environmentSettings' | 'reviewerTeams'
> & { sha: string }

/**
 * Branch rules and the environment's settings, read once through the
 * gate's own gathering for the newest deployment: GitHub keeps no history
 * of either.
 */
async function baseFacts(
  port: GitHubPort,
  req: AuditRequest,
  policy: EnvironmentPolicy,
  chain: UpstreamEnvironment[],
  newest: DeploymentFact,
  deps: AuditDeps
): Promise<BaseFacts> {
  const request = engineRequest(req, newest.sha, null, null)
  const boot = await fetchBootstrap(port, request)
  if (boot.commit === null) {
    throw new Error(
      `the deployed commit ${newest.sha.slice(0, 7)} does not exist in ${req.owner}/${req.repo}`
    )
  }
  const facts = await gatherFacts({
    github: port,
    request,
    bootstrap: boot,
    commit: boot.commit,
    policy: { ...policy, scope: 'head', checks: false },
    chain: chain.map((e) => e.name),
    logger: deps.logger,
    now: deps.now()
  })
  return {
    sha: newest.sha,
    repository: facts.repository,
    branches: facts.branches,
    environmentSettings: facts.environmentSettings,
    reviewerTeams: facts.reviewerTeams
  }
}

function engineRequest(
  req: AuditRequest,
  sha: string,
  deployer: string | null,
  run: RunFact | null
): EngineRequest {
  return makeRequest({
    owner: req.owner,
    repo: req.repo,
    environment: req.environment,
    sha,
    policyPath: req.policyPath,
    policyRef: req.policyRef,
    deployer,
    run,
    serverUrl: req.serverUrl,
    breakGlassReason: null
  })
}

const notAfter = (iso: string | null, at: Date): boolean =>
  iso === null || Date.parse(iso) <= at.getTime()

/** The facts the gate would have gathered at `at`, from what the audit read. */
function factsAt(o: {
  req: AuditRequest
  d: DeploymentFact
  at: Date
  range: RangeOf
  deployed: DeployedCommit | null
  commitOf: (oid: string) => { commit: DeployedCommit['commit'] } | null
  chosen: Map<string, ParsedPullRequest | null>
  parents: Map<string, string[]>
  base: BaseFacts
  rollups: Map<string, CommitChecksFact>
  run: RunFact
  chain: string[]
}): Facts | null {
  const { req, d, at, deployed } = o
  if (deployed === null) return null
  const changes: ChangeFact[] = []
  for (const oid of o.range.oids) {
    const c = o.commitOf(oid)
    if (c === null) return null
    const pr = o.chosen.get(oid)?.fact ?? null
    changes.push({
      commit: c.commit,
      // Reviews given after the deployment do not count for it.
      pullRequest:
        pr === null
          ? null
          : {
              ...pr,
              reviews: pr.reviews.filter(
                (r) => r.submittedAt !== null && notAfter(r.submittedAt, at)
              )
            }
    })
  }
  const upstream: Facts['upstream'] = {}
  for (const env of o.chain) {
    upstream[env] = deployed.deployments
      .filter((x) => x.environment === env && notAfter(x.createdAt, at))
      .map((x) => ({
        ...x,
        statuses: x.statuses.filter((s) => notAfter(s.createdAt, at))
      }))
  }
  // Which branches hold the commit is known for the newest deployment; for
  // the others, only the default branch's history was walked.
  const branches = o.base.branches.map((b) => ({
    ...b,
    containsCommit:
      d.sha === o.base.sha
        ? b.containsCommit
        : b.name === o.base.repository.defaultBranch && o.parents.has(d.sha)
  }))
  const asOf = (
    c: CommitChecksFact | undefined,
    sha: string
  ): CommitChecksFact =>
    c === undefined
      ? {
          sha,
          results: {
            unreadable: true,
            permission: 'checks: read` and `statuses: read',
            detail: 'not read'
          }
        }
      : {
          sha,
          results:
            'unreadable' in c.results
              ? c.results
              : c.results.filter((r) => notAfter(r.at, at))
        }
  const pr = changes[0]?.pullRequest ?? null
  const checks: ChecksFact = {
    commit: asOf(o.rollups.get(d.sha), d.sha),
    pullRequestHead:
      pr === null
        ? null
        : {
            ...asOf(o.rollups.get(pr.headRefOid), pr.headRefOid),
            pullRequest: pr.number
          }
  }
  return {
    repository: o.base.repository,
    serverUrl: req.serverUrl,
    environment: req.environment,
    sha: d.sha,
    commit: deployed.commit,
    deployer: o.run.triggeringActor ?? o.run.actor,
    changes,
    scope: {
      kind:
        o.range.since === null && o.range.oids.length === 1 ? 'head' : 'range',
      since: o.range.since,
      note: o.range.notes[0] ?? null
    },
    upstream,
    branches,
    run: o.run,
    environmentSettings: o.base.environmentSettings,
    checks,
    ...(o.base.reviewerTeams === undefined
      ? {}
      : { reviewerTeams: o.base.reviewerTeams })
  }
}
