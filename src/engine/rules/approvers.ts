// Which approving reviews of a pull request count, as GitHub counts them
// (SPEC §4 `approvals`): still APPROVED, by someone who can push, not
// overruled by a later standing request for changes, and independent of the
// change's makers (makers.ts).

import {
  isUnreadable,
  type Actor,
  type Facts,
  type PullRequestFact,
  type ReviewFact,
  type ReviewState
} from '../facts.js'
import type { EnvironmentPolicy } from '../policy/index.js'
import { describeMaker, onlyBranchUpdates, type Maker } from './makers.js'
import {
  andList,
  isBot,
  loginKey,
  sameLogin,
  shortSha,
  timeOf
} from './util.js'

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
  /** position of `latest` in the pull request's reviews (submission order) */
  at: number
  approved: boolean
}

/**
 * The approvals of a pull request that count under the policy: an APPROVED
 * review that is its reviewer's latest state-bearing review (a dismissed one
 * is DISMISSED), on the final head when `on_latest_commit`, not by a bot
 * unless `allow_bots`, not by a deleted account, by someone who could push
 * to the repository (GitHub ignores the others), by an allowed reviewer
 * (`reviewers` grants no write access), with no later request for changes
 * standing against it, and not by a maker. With `asOf`, reviews submitted
 * later are ignored (audit as of a past time). Every approval that does not
 * count is returned with the reason.
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

  pr.reviews.forEach((review, at) => {
    if (!submittedBy(review, asOf)) return
    if (review.author === null) {
      if (review.state === 'APPROVED') {
        excluded.push({
          login: null,
          review,
          message:
            'an approval by a deleted account does not count (it cannot be attributed)'
        })
      }
      return
    }
    const key = loginKey(review.author.login)
    const history = histories.get(key) ?? {
      actor: review.author,
      latest: null,
      at: -1,
      approved: false
    }
    histories.set(key, history)
    if (STATE_BEARING.has(review.state)) {
      history.latest = review
      history.at = at
    }
    if (review.state === 'APPROVED') history.approved = true
  })

  const standing = standingChangeRequests(histories)
  for (const [key, { actor, latest, at, approved }] of histories) {
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
    const reasons = [
      ...exclusionReasons(pr, latest, actor, policy, teams),
      ...overruledBy(pr, latest, at, standing),
      ...makerReasons(login, makers.get(key))
    ]
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

interface ChangeRequest {
  login: string
  review: ReviewFact
  at: number
}

/**
 * Requests for changes that still stand: the reviewer's latest verdict (a
 * later approval by the same person replaces it, a dismissed one is
 * DISMISSED), by someone with write access. GitHub: "If a collaborator with
 * admin, owner, or write access to the repository submits a review requesting
 * changes, the pull request cannot be merged until the same collaborator
 * submits another review approving the changes"
 * (docs.github.com/en/pull-requests/how-tos/review-pull-requests/approving-a-pull-request-with-required-reviews);
 * approvals count only "from people with write or admin permissions" (same page).
 */
function standingChangeRequests(
  histories: ReadonlyMap<string, ReviewerHistory>
): ChangeRequest[] {
  const found: ChangeRequest[] = []
  for (const { actor, latest, at } of histories.values()) {
    if (latest?.state === 'CHANGES_REQUESTED' && latest.authorCanPush) {
      found.push({ login: actor.login, review: latest, at })
    }
  }
  return found
}

/**
 * The standing requests for changes submitted after `approval` on the same
 * head: the commit it approved, or the final head (the change as merged). A
 * request whose commit GitHub no longer knows counts too: it cannot be shown
 * to be about another head.
 */
function overruledBy(
  pr: PullRequestFact,
  approval: ReviewFact,
  approvalAt: number,
  standing: readonly ChangeRequest[]
): string[] {
  return standing
    .filter(
      (cr) =>
        cr.at > approvalAt &&
        (cr.review.commitOid === null ||
          cr.review.commitOid === approval.commitOid ||
          cr.review.commitOid === pr.headRefOid)
    )
    .map(
      (cr) =>
        `${cr.login} later requested changes${cr.review.commitOid === null ? '' : ` on ${shortSha(cr.review.commitOid)}`}, which stands until ${cr.login} approves or the review is dismissed`
    )
}

function exclusionReasons(
  pr: PullRequestFact,
  review: ReviewFact,
  actor: Actor,
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
  }
  // GitHub counts only approving reviews "from people with write or admin
  // permissions" (GraphQL PullRequestReview.authorCanPushToRepository);
  // being listed in approvals.reviewers gives no write access.
  if (!review.authorCanPush) {
    reasons.push(
      'had no write access to the repository (GitHub does not count approvals from people without it)'
    )
  }
  return reasons
}

function makerReasons(login: string, maker: Maker | undefined): string[] {
  if (maker === undefined) return []
  const updates = onlyBranchUpdates(maker)
  if (updates === null) return [`is ${describeMaker(maker)}`]
  return [
    `updated the branch with merge commit ${andList(updates)}, which makes ${login} a maker of this change: another reviewer must approve, or someone who does not review must update the branch`
  ]
}
