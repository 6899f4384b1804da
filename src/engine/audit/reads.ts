// Everything the audit reads to judge its population, in bulk and in as
// few round trips as the population's pages allow (SPEC §9: 1,000
// deployments in at most 300 requests): the history that links the
// deployments, the deployed commits, the runs that made them and what
// GitHub keeps no history of; then the other changes of the ranges, their
// pull requests' remaining pages, every test result, and the runs'
// environment approvals when the policy asks for them.

import type { CommitCiResultsFact, JobsFact, RunFact } from '../facts.js'
import { bindDeployments, type JobsRead } from '../gather/jobs.js'
import { completeRollups, type RollupRead } from '../gather/ci-results.js'
import {
  choosePullRequest,
  completePullRequests,
  resolveCoAuthors
} from '../gather/index.js'
import type { RangeView } from '../gather/index.js'
import type { ParsedPullRequest } from '../gather/parse.js'
import type { GitHubPort, Logger } from '../port.js'
import {
  changeCommits,
  deployedCommits,
  type DeployedCommit,
  type RangeCommit
} from './commits.js'
import {
  history,
  historyRank,
  rangeOf,
  type Parents,
  type Range
} from './history.js'
import type { AuditPolicy } from './policy.js'
import { deploymentContext, type Population } from './population.js'
import { readNowFacts, type NowFacts } from './read-now.js'
import { runApprovals } from './approvals.js'
import { deploymentRuns, type Runs } from './runs.js'
import type { AuditRequest, Repo } from './types.js'

/** What the audit read, from which each deployment's facts are built. */
export interface AuditReads {
  parents: Parents
  deployed: Map<string, DeployedCommit | null>
  /** a commit of a range, deployed or not; null when it was not read */
  commitOf: (oid: string) => RangeCommit | null
  /** the pull request each commit of a range entered through */
  chosen: Map<string, ParsedPullRequest | null>
  /** the merge that carried in each change off its range's first-parent chain */
  carriedBy: Map<string, string>
  /** test results by commit, every page read */
  rollups: Map<string, CommitCiResultsFact>
  /** what has no history, as it is now; `failed`: it could not be read */
  now: NowFacts | { failed: unknown }
  runs: Runs
  /** environment approvals by run, when the policy asks for them */
  approvals: Map<number, RunFact['approvals']>
  /** the jobs' check runs that bind deployment records (SPEC §5.2) */
  jobs: JobsFact
}

export interface ReadsInput {
  github: GitHubPort
  request: AuditRequest
  policy: AuditPolicy
  /** the members read here: the population, or one chunk of it */
  population: Pick<Population, 'members'>
  /** where each member's range starts */
  starts: (string | null)[]
  /** what every chunk shares: read once by `readShared` */
  shared: Shared
  /** the jobs' check runs read so far, completed in place */
  jobs: JobsRead
  /** the runs listed are those created in this window */
  runsIn: { from: Date; to: Date }
  logger: Logger
  now: Date
  progress: (message: string) => void
}

/** What the whole population shares: the history linking it, what has no history. */
export type Shared = Pick<AuditReads, 'parents' | 'now'>

/** A day before the period: runs deploying early in it may have started then. */
export const RUN_LEAD_MS = 86_400_000

/** Reads what judging these members needs; their ranges with it. */
export async function readForAudit(
  o: ReadsInput
): Promise<{ reads: AuditReads; ranges: Range[] }> {
  const repo = { owner: o.request.owner, repo: o.request.repo }
  const linked = await readLinked(o, repo)
  const { parents } = o.shared
  const rank = historyRank(parents)
  const chains = o.population.members.map((m, i) =>
    rangeOf({
      sha: m.deployment.sha,
      start: o.starts[i] ?? null,
      parents,
      rank,
      policy: o.policy.environment,
      environment: o.request.environment
    })
  )
  // As the gate: the first-parent chains first, then only what merges
  // carried in that their pull requests do not account for.
  const found = new Map<string, RangeCommit>()
  const commitOf = (oid: string): RangeCommit | null =>
    linked.deployed.get(oid) ?? found.get(oid) ?? null
  const chosen = new Map<string, ParsedPullRequest | null>()
  const step = { o, repo, parents, found, commitOf, chosen }
  await readAndChoose(step, chains)
  const carriedBy = new Map<string, string>()
  const ranges = chains.map((r) => {
    const carried = uncovered(r, chosen)
    for (const [oid, merge] of carried) carriedBy.set(oid, merge)
    return { ...r, oids: [...r.oids, ...carried.keys()] }
  })
  await readAndChoose(step, ranges)
  const rollups = await readTests(o, linked.deployed)
  const approvals = await readApprovals(o, repo, linked.runs)
  await bindUpstream(o, linked.deployed)
  const reads = {
    ...o.shared,
    ...linked,
    commitOf,
    chosen,
    carriedBy,
    rollups,
    approvals,
    jobs: o.jobs.fact
  }
  return { reads, ranges }
}

/** The commits a range's merges carried in that are not their pull requests' own, with the merge. */
function uncovered(
  r: Range,
  chosen: Map<string, ParsedPullRequest | null>
): Map<string, string> {
  const out = new Map<string, string>()
  if (r.lines === null) return out
  for (const oid of r.lines.range) {
    const merge = r.lines.lineage.carrier.get(oid)
    if (merge === undefined) continue
    const pr = chosen.get(merge)?.fact
    const own =
      pr !== undefined &&
      pr.mergeCommitOid === merge &&
      pr.commits.some((c) => c.oid === oid)
    if (!own) out.set(oid, merge)
  }
  return out
}

/**
 * The history that links the members (all of them: its pages are read once,
 * newest first, not once a chunk) and what has no history, as it is now.
 */
export async function readShared(o: {
  github: GitHubPort
  request: AuditRequest
  policy: AuditPolicy
  members: Population['members']
  starts: (string | null)[]
  logger: Logger
  now: Date
  progress: (message: string) => void
}): Promise<Shared> {
  const repo = { owner: o.request.owner, repo: o.request.repo }
  const req = o.request
  const deployed = new Set(o.members.map((m) => m.deployment.sha))
  const starts = o.starts.filter((s): s is string => s !== null)
  o.progress(`reading the history of ${deployed.size} deployed commits`)
  const newest = o.members[
    o.members.length - 1
  ] as Population['members'][number]
  const [parents, now] = await Promise.all([
    history({
      github: o.github,
      repo,
      until: req.until,
      wanted: new Set([...deployed, ...starts])
    }),
    readNowFacts({
      github: o.github,
      request: req,
      policy: o.policy.environment,
      chain: o.policy.chain.map((e) => e.name),
      sha: newest.deployment.sha,
      logger: o.logger,
      now: o.now
    }).catch((failed: unknown) => ({ failed }))
  ])
  return { parents, now }
}

/** Round trip one: the deployed commits and the runs. */
async function readLinked(
  o: ReadsInput,
  repo: Repo
): Promise<Pick<AuditReads, 'deployed' | 'runs'>> {
  const { members } = o.population
  const deployedOids = [...new Set(members.map((m) => m.deployment.sha))]
  o.progress(`reading ${deployedOids.length} deployed commits`)
  const runIds = members
    .map((m) => m.runId)
    .filter((id): id is number => id !== null)
  const [deployed, runs] = await Promise.all([
    deployedCommits({ github: o.github, repo, oids: deployedOids }),
    deploymentRuns({
      github: o.github,
      repo,
      ids: [...new Set(runIds)],
      from: o.runsIn.from,
      to: o.runsIn.to
    })
  ])
  return { deployed, runs }
}

/**
 * The ranges' commits not read yet, then the pull request each entered
 * through, as the gate chooses it (in its range), all pages read.
 */
async function readAndChoose(
  step: {
    o: ReadsInput
    repo: Repo
    parents: Parents
    found: Map<string, RangeCommit>
    commitOf: AuditReads['commitOf']
    chosen: AuditReads['chosen']
  },
  ranges: Range[]
): Promise<void> {
  const { o, repo, found, commitOf, chosen } = step
  const missing = [
    ...new Set(
      ranges.flatMap((r) => r.oids).filter((oid) => commitOf(oid) === null)
    )
  ]
  if (missing.length > 0) {
    o.progress(`reading ${missing.length} further changes between deployments`)
    const read = await changeCommits({ github: o.github, repo, oids: missing })
    for (const [oid, c] of read) found.set(oid, c)
  }
  const prs: ParsedPullRequest[] = []
  const fresh: string[] = []
  for (const r of ranges) {
    const view: RangeView | null =
      r.lines === null
        ? null
        : {
            parents: step.parents,
            range: r.lines.range,
            candidatesOf: (oid) => commitOf(oid)?.candidates ?? null
          }
    for (const oid of r.oids) {
      const c = commitOf(oid)
      if (c === null || chosen.has(oid)) continue
      const pr = choosePullRequest(
        c.commit,
        c.candidates,
        o.policy.environment,
        view
      )
      chosen.set(oid, pr)
      fresh.push(oid)
      if (pr !== null) prs.push(pr)
    }
  }
  await completePullRequests(o.github, repo, prs)
  await resolveCoAuthors(o.github, repo, [
    ...fresh.flatMap((oid) => {
      const c = commitOf(oid)
      return c === null ? [] : [c.commit]
    }),
    ...prs.flatMap((p) => p.fact.commits)
  ])
}

/** Tests: every deployed commit's and its pull requests' heads', all pages. */
async function readTests(
  o: ReadsInput,
  deployed: AuditReads['deployed']
): Promise<AuditReads['rollups']> {
  const reads: RollupRead[] = []
  for (const c of deployed.values()) {
    if (c === null) continue
    reads.push(c.ciResults, ...c.heads.values())
  }
  const repository = { owner: o.request.owner, name: o.request.repo }
  const rollups = new Map<string, CommitCiResultsFact>()
  for (const r of await completeRollups(o.github, repository, reads))
    rollups.set(r.sha, r)
  return rollups
}

/** Environment approvals, only when the policy asks for them: in bulk by the runs' node ids. */
async function readApprovals(
  o: ReadsInput,
  repo: Repo,
  runs: Runs
): Promise<AuditReads['approvals']> {
  if (o.policy.environment.approvals.environment <= 0) return new Map()
  const ids = [
    ...new Set(
      o.population.members
        .map((m) => m.runId)
        .filter((id): id is number => id !== null)
    )
  ]
  o.progress(`reading the environment approvals of ${ids.length} runs`)
  const nodeId = (id: number): string | null =>
    'unreadable' in runs ? null : (runs.get(id)?.nodeId ?? null)
  return runApprovals({
    github: o.github,
    repo,
    runs: ids.map((id) => ({ id, nodeId: nodeId(id) }))
  })
}

/**
 * The deployed commits' own upstream records bound to their jobs, as the
 * gate binds them (most were read with the population: same commits).
 */
async function bindUpstream(
  o: ReadsInput,
  deployed: Map<string, DeployedCommit | null>
): Promise<void> {
  const upstream = new Set(o.policy.chain.map((e) => e.name))
  await bindDeployments({
    github: o.github,
    request: o.request,
    read: o.jobs,
    ctx: deploymentContext(o.request, o.policy.environment, o.jobs.fact),
    all: [...deployed.values()].flatMap((d) =>
      (d?.deployments ?? []).filter((x) => upstream.has(x.environment))
    ),
    newest: [],
    counts: () => false,
    nowMs: o.now.getTime()
  })
}
