// Completeness (SPEC §7): the commits on the branches the environment
// deploys from, committed in the period, that no merged pull request into
// the branch and no allowed direct push explains, deployed or not. Judged
// by the gate's own code: the pull request a commit entered through is
// `choosePullRequest`'s choice over the period's history (a merge, squash or
// rebase commit, or a pull request's own commit its merge brought in), and a
// commit with none is approval-record's direct push, allowed only for
// `approvals.direct_pushes`. So the audit and the gate call the same commit
// explained. Every commit GitHub lists is judged, not only the first-parent
// line: a commit a local merge carried in entered the branch as much as the
// merge did (SPEC §4 `scope`).

import { minimatch } from 'minimatch'
import { toFailure } from '../errors.js'
import type { ChangeFact, GitIdentity } from '../facts.js'
import {
  choosePullRequest,
  completePullRequests,
  type RangeView
} from '../gather/index.js'
import { lineage } from '../gather/lineage.js'
import type { ParsedPullRequest } from '../gather/parse.js'
import type { EnvironmentPolicy } from '../policy/index.js'
import type { GitHubPort } from '../port.js'
import { directPushProblem } from '../rules/approval-record.js'
import { describeIdentity } from '../rules/makers.js'
import { changeCommits } from './commits.js'
import {
  branchHistory,
  type BranchCommit,
  type BranchHistory
} from './completeness-read.js'
import type { Member } from './population.js'
import type { Completeness, Repo, UnexplainedCommit } from './types.js'

const isGlob = (pattern: string): boolean => /[*?[\]{}()!+@]/.test(pattern)

/** The completeness of the period; never throws: what fails is an error of the report. */
export async function readCompleteness(o: {
  github: GitHubPort
  repo: Repo
  policy: EnvironmentPolicy
  defaultBranch: string
  since: Date
  until: Date
  /** the audited environment's deployments in the period */
  members: Member[]
}): Promise<Completeness> {
  const literal = o.policy.branches.filter((b) => !isGlob(b))
  const globs = o.policy.branches.filter(isGlob)
  const branches = [...new Set([o.defaultBranch, ...literal])]
  const out: Completeness = {
    branches,
    missing: [],
    since: o.since.toISOString(),
    until: o.until.toISOString(),
    commitsRead: 0,
    unexplained: [],
    // Branches matching a glob are not listed by this audit: what was pushed
    // to them cannot be shown complete (fail closed, naming the pattern).
    errors: globs.map(
      (g) =>
        `the branches matching ${g} (environments.${o.policy.name}.branches) were not read: completeness is established for ${branches.join(', ')} only; list the branches the environment deploys from by name to have them read`
    )
  }
  const deployedAt = new Map<string, Member>()
  for (const m of o.members) {
    if (!deployedAt.has(m.deployment.sha)) deployedAt.set(m.deployment.sha, m)
  }
  const read = await Promise.all(
    branches.map((branch) =>
      branchHistory({ ...o, branch }).catch((error: unknown) => ({
        branch,
        failed: failureText(error)
      }))
    )
  )
  for (const h of read) {
    if ('failed' in h) {
      out.errors.push(
        `the history of ${h.branch} in the period could not be read, so completeness is not established: ${h.failed}`
      )
      continue
    }
    if ('missing' in h) {
      out.missing.push(h.branch)
      continue
    }
    out.commitsRead += h.commits.length
    if (h.truncated !== null) out.errors.push(h.truncated)
    try {
      const found = await unexplained({ ...o, history: h })
      out.unexplained.push(
        ...found.map((u) => {
          const m = deployedAt.get(u.sha)
          return {
            ...u,
            deployment:
              m === undefined
                ? null
                : { id: m.deployment.id, succeededAt: m.succeededAt }
          }
        })
      )
    } catch (error) {
      out.errors.push(
        `the pull requests of ${h.branch}'s commits could not be read, so completeness is not established: ${failureText(error)}`
      )
    }
  }
  return out
}

/** The commits of one branch's history that nothing explains. */
async function unexplained(o: {
  github: GitHubPort
  repo: Repo
  policy: EnvironmentPolicy
  history: Extract<BranchHistory, { commits: unknown }>
}): Promise<Omit<UnexplainedCommit, 'deployment'>[]> {
  const { history: h } = o
  const byOid = new Map<string, BranchCommit>(
    h.commits.map((c) => [c.commit.oid, c])
  )
  const parents = new Map(
    h.commits.map((c) => [c.commit.oid, c.commit.parents ?? []])
  )
  const view: RangeView = {
    parents,
    range: new Set(byOid.keys()),
    candidatesOf: (oid) => byOid.get(oid)?.candidates ?? null
  }
  // Only this branch's pull requests explain its commits.
  const policy = { ...o.policy, branches: [h.branch] }
  const choose = (c: BranchCommit): ParsedPullRequest | null =>
    choosePullRequest(c.commit, c.candidates, policy, view)
  // One associated pull request was read per commit; where it explains
  // nothing, the commit's others (as many as the gate asks) and every page
  // of their commits are read before it is called unexplained.
  const doubtful = h.commits.filter(
    (c) => choose(c) === null && c.candidates.length > 0
  )
  if (doubtful.length > 0) {
    const again = await changeCommits({
      github: o.github,
      repo: o.repo,
      oids: doubtful.map((c) => c.commit.oid)
    })
    for (const [oid, c] of again) {
      const known = byOid.get(oid) as BranchCommit
      known.candidates = c.candidates
    }
    await completePullRequests(
      o.github,
      o.repo,
      doubtful.flatMap((c) =>
        c.candidates.filter(
          (p) =>
            p.commitsCursor !== null &&
            p.fact.merged &&
            minimatch(p.fact.baseRefName, h.branch)
        )
      )
    )
  }
  const left = h.commits.filter((c) => choose(c) === null)
  if (left.length === 0) return []
  // Which merge carried in a commit off the first-parent line: the branch's
  // newest commit in the period heads it, as git log lists it first.
  const head = h.commits[0] as BranchCommit
  const { carrier } = lineage({
    parents,
    range: view.range,
    head: head.commit.oid
  })
  const found: Omit<UnexplainedCommit, 'deployment'>[] = []
  for (const c of left) {
    const carriedBy = carrier.get(c.commit.oid)
    const change: ChangeFact = {
      commit: c.commit,
      pullRequest: null,
      ...(carriedBy === undefined ? {} : { carriedBy })
    }
    const why = directPushProblem(change, o.policy, h.branch)
    if (why === null) continue
    found.push({
      sha: c.commit.oid,
      url: c.commit.url,
      branch: h.branch,
      author: who(c.commit.author),
      committer: who(c.commit.committer),
      pusher: null,
      committedAt: c.commit.committedDate,
      carriedBy: carriedBy ?? null,
      why
    })
  }
  return found
}

/** A failure's message, with its hint (the permission that would read it). */
function failureText(error: unknown): string {
  const f = toFailure(error)
  return f.hint === undefined ? f.message : `${f.message} (${f.hint})`
}

function who(identity: GitIdentity): string {
  if (identity.login !== null) return identity.login
  return identity.name !== null && identity.email !== null
    ? `${identity.name} <${identity.email}>`
    : describeIdentity(identity)
}
