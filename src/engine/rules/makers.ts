// Who made a change, and which approvals of it are independent of them
// (SPEC §4 `approvals`, §5.6 maker-checker, §5.7 segregation).

import {
  isUnreadable,
  type Actor,
  type ChangeFact,
  type CommitFact,
  type Facts,
  type GitIdentity,
  type PullRequestFact,
  type ReviewFact,
  type ReviewState
} from '../facts.js'
import type { EnvironmentPolicy, MakerKind } from '../policy/index.js'
import {
  andList,
  isBot,
  loginKey,
  sameLogin,
  shortSha,
  timeOf
} from './util.js'

export { MAKER_KINDS } from '../policy/index.js'

export interface MakerRole {
  kind: MakerKind
  /** what makes the person a maker: `PR #12`, a short sha, `the deployment` */
  where: string
}

export interface Maker {
  login: string
  kinds: MakerKind[]
  roles: MakerRole[]
}

/** A git identity GitHub could not map to an account: it cannot be excluded. */
export interface UnresolvedIdentity extends GitIdentity {
  kind: MakerKind
  /** short sha of the commit it appears in */
  commit: string
}

export interface Makers {
  /** keyed by lower-cased login */
  makers: Map<string, Maker>
  unresolved: UnresolvedIdentity[]
}

/**
 * The makers of one change, for the given kinds (by default the policy's
 * `approvals.independent_of`):
 * - `author`: the pull request's author; for a direct push, the commit's
 *   author (the person the change came from).
 * - `commit_authors`, `committers`, `co_authors`: of every commit of the pull
 *   request, or of the commit itself for a direct push. The merge or squash
 *   commit GitHub makes when the pull request is merged is not one of them:
 *   its author is whoever pressed "merge", typically the approver.
 * - `deployer`: `facts.deployer`.
 * GitHub's `web-flow` committer is not a person and is skipped. A deleted
 * pull request author (null) cannot approve either, so it is not reported.
 */
export function makersOf(
  change: ChangeFact,
  facts: Facts,
  policy: EnvironmentPolicy,
  kinds: readonly MakerKind[] = policy.approvals.independentOf
): Makers {
  const wanted = new Set(kinds)
  const makers = new Map<string, Maker>()
  const unresolved: UnresolvedIdentity[] = []
  const seenUnresolved = new Set<string>()

  const add = (login: string, kind: MakerKind, where: string): void => {
    record(makers, login, kind, where)
  }

  const addIdentity = (
    identity: GitIdentity,
    kind: MakerKind,
    commit: CommitFact
  ): void => {
    if (!wanted.has(kind) || identity.isWebFlow) return
    if (identity.login !== null) {
      add(identity.login, kind, shortSha(commit.oid))
      return
    }
    const key = `${(identity.email ?? '').toLowerCase()}|${identity.name ?? ''}`
    if (seenUnresolved.has(key)) return
    seenUnresolved.add(key)
    unresolved.push({ ...identity, kind, commit: shortSha(commit.oid) })
  }

  const pr = change.pullRequest
  if (pr === null) {
    addIdentity(change.commit.author, 'author', change.commit)
  } else if (wanted.has('author') && pr.author !== null) {
    add(pr.author.login, 'author', `PR #${pr.number}`)
  }
  for (const commit of pr === null ? [change.commit] : pr.commits) {
    addIdentity(commit.author, 'commit_authors', commit)
    addIdentity(commit.committer, 'committers', commit)
    for (const coAuthor of commit.coAuthors) {
      addIdentity(coAuthor, 'co_authors', commit)
    }
  }
  if (wanted.has('deployer') && facts.deployer !== null) {
    add(facts.deployer, 'deployer', 'the deployment')
  }
  return { makers, unresolved }
}

function record(
  makers: Map<string, Maker>,
  login: string,
  kind: MakerKind,
  where: string
): void {
  const key = loginKey(login)
  let maker = makers.get(key)
  if (maker === undefined) {
    maker = { login, kinds: [], roles: [] }
    makers.set(key, maker)
  }
  if (!maker.kinds.includes(kind)) maker.kinds.push(kind)
  if (!maker.roles.some((r) => r.kind === kind && r.where === where)) {
    maker.roles.push({ kind, where })
  }
}

/** Merges the makers of several changes (e.g. every change in scope). */
export function mergeMakers(all: readonly Makers[]): Makers {
  const makers = new Map<string, Maker>()
  const unresolved: UnresolvedIdentity[] = []
  for (const one of all) {
    unresolved.push(...one.unresolved)
    for (const maker of one.makers.values()) {
      for (const role of maker.roles) {
        record(makers, maker.login, role.kind, role.where)
      }
    }
  }
  return { makers, unresolved }
}

const PREFIX: Readonly<Record<MakerKind, string>> = {
  author: 'the author of',
  commit_authors: 'the author of',
  committers: 'the committer of',
  co_authors: 'a co-author of',
  deployer: 'the deployer'
}

/** `the author of PR #12 and 5d6e7f8 and a co-author of 1a2b3c4` */
export function describeMaker(maker: Maker): string {
  const groups = new Map<string, string[]>()
  for (const role of maker.roles) {
    const prefix = PREFIX[role.kind]
    const where = groups.get(prefix) ?? []
    groups.set(prefix, where)
    if (role.kind !== 'deployer' && !where.includes(role.where)) {
      where.push(role.where)
    }
  }
  return andList(
    [...groups].map(([prefix, where]) =>
      where.length === 0 ? prefix : `${prefix} ${shortList(where)}`
    )
  )
}

function shortList(items: readonly string[]): string {
  if (items.length <= 3) return andList(items)
  return `${items.slice(0, 3).join(', ')} and ${items.length - 3} more`
}

/** How to name an identity without a login in a message. */
export function describeIdentity(identity: GitIdentity): string {
  return identity.email ?? identity.name ?? 'an identity with no name or email'
}

export interface Approval {
  login: string
  review: ReviewFact
}

export interface ExcludedApproval {
  /** null: a deleted account */
  login: string | null
  review: ReviewFact
  /** one sentence, e.g. `bob approved but is a co-author of 1a2b3c4` */
  message: string
}

export interface Approvers {
  approvers: Approval[]
  excluded: ExcludedApproval[]
}

/** Review states that replace a reviewer's earlier verdict; COMMENTED does not. */
const STATE_BEARING: ReadonlySet<ReviewState> = new Set<ReviewState>([
  'APPROVED',
  'CHANGES_REQUESTED',
  'DISMISSED'
])

interface ReviewerHistory {
  actor: Actor
  latest: ReviewFact | null
  approved: boolean
}

/**
 * The approvals of a pull request that count under the policy: an APPROVED
 * review that is its reviewer's latest state-bearing review, on the final
 * head when `on_latest_commit`, not by a bot unless `allow_bots`, not by a
 * deleted account, by an allowed reviewer, and not by a maker. With `asOf`,
 * reviews submitted later are ignored (audit as of a past time). Every
 * approval that does not count is returned with the reason.
 */
export function approversOf(
  pr: PullRequestFact,
  makers: ReadonlyMap<string, Maker>,
  policy: EnvironmentPolicy,
  asOf?: Date,
  teams?: Facts['reviewerTeams']
): Approvers {
  const approvers: Approval[] = []
  const excluded: ExcludedApproval[] = []
  const histories = new Map<string, ReviewerHistory>()

  for (const review of pr.reviews) {
    if (!submittedBy(review, asOf)) continue
    if (review.author === null) {
      if (review.state === 'APPROVED') {
        excluded.push({
          login: null,
          review,
          message:
            'an approval by a deleted account does not count (it cannot be attributed)'
        })
      }
      continue
    }
    const key = loginKey(review.author.login)
    const history = histories.get(key) ?? {
      actor: review.author,
      latest: null,
      approved: false
    }
    histories.set(key, history)
    if (STATE_BEARING.has(review.state)) history.latest = review
    if (review.state === 'APPROVED') history.approved = true
  }

  for (const [key, { actor, latest, approved }] of histories) {
    const login = actor.login
    if (latest === null) continue
    if (latest.state === 'DISMISSED') {
      excluded.push({
        login,
        review: latest,
        message: `${login}'s review was dismissed; ${login} must approve again`
      })
      continue
    }
    if (latest.state !== 'APPROVED') {
      if (approved) {
        excluded.push({
          login,
          review: latest,
          message: `${login} approved but later requested changes`
        })
      }
      continue
    }
    const reasons = exclusionReasons(
      pr,
      latest,
      actor,
      makers.get(key),
      policy,
      teams
    )
    if (reasons.length === 0) {
      approvers.push({ login, review: latest })
    } else {
      excluded.push({
        login,
        review: latest,
        message: `${login} approved but ${andList(reasons)}`
      })
    }
  }
  return { approvers, excluded }
}

/**
 * Whether the review existed at `asOf`. A time that cannot be read counts as
 * before: the review exists, and ignoring it could hide a later change of
 * mind (a CHANGES_REQUESTED that replaces an approval).
 */
function submittedBy(review: ReviewFact, asOf: Date | undefined): boolean {
  if (asOf === undefined || review.submittedAt === null) return true
  const at = timeOf(review.submittedAt)
  return Number.isNaN(at) || at <= asOf.getTime()
}

function exclusionReasons(
  pr: PullRequestFact,
  review: ReviewFact,
  actor: Actor,
  maker: Maker | undefined,
  policy: EnvironmentPolicy,
  teams: Facts['reviewerTeams']
): string[] {
  const { onLatestCommit, allowBots, reviewers } = policy.approvals
  const reasons: string[] = []
  const head = shortSha(pr.headRefOid)
  if (onLatestCommit && review.commitOid !== pr.headRefOid) {
    reasons.push(
      review.commitOid === null
        ? `GitHub no longer knows which commit it was given on, so it is not bound to the final head ${head}`
        : `gave it on ${shortSha(review.commitOid)}, not on the final head ${head}`
    )
  }
  if (!allowBots && isBot(actor)) {
    reasons.push('is a bot (approvals.allow_bots is false)')
  }
  if (reviewers !== null) {
    // A login listed, or a member of a listed `org/team` whose members the
    // token could read; a team it could not read never admits anyone.
    const entries = reviewers.filter((entry) => entry.includes('/'))
    const members = (entry: string): string[] | null => {
      const read = teams?.[entry]
      return read === undefined || isUnreadable(read) ? null : read
    }
    const allowed =
      reviewers.some(
        (entry) => !entry.includes('/') && sameLogin(entry, actor.login)
      ) ||
      entries.some((entry) =>
        (members(entry) ?? []).some((m) => sameLogin(m, actor.login))
      )
    if (!allowed) {
      const unread = entries.filter((entry) => members(entry) === null)
      reasons.push(
        unread.length > 0
          ? `is not listed in approvals.reviewers, and the members of ${andList(unread)} could not be read (the token needs \`members: read\`, which a workflow token cannot have; list the logins instead)`
          : 'is not listed in approvals.reviewers'
      )
    }
  } else if (!review.authorCanPush) {
    reasons.push('had no write access to the repository')
  }
  if (maker !== undefined) reasons.push(`is ${describeMaker(maker)}`)
  return reasons
}
