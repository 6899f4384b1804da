// Pull requests: those GitHub associates with a commit, the one the commit
// entered the branch through, and every page of its commits and reviews.

import { minimatch } from 'minimatch'
import { GitHubApiError } from '../errors.js'
import type { CommitFact } from '../facts.js'
import type { EnvironmentPolicy } from '../policy/index.js'
import type { GitHubPort } from '../port.js'
import type { EngineRequest } from '../request.js'
import { assertComplete, errorText } from './errors.js'
import {
  parseCommit,
  parsePullRequest,
  parseReview,
  type ParsedPullRequest
} from './parse.js'
import { readPages } from './pages.js'
import { sideOf, type Parents } from './lineage.js'
import type { PageSelection } from './queries.js'
import { connection, obj, optObj, type Json } from './shape.js'

/** The pull requests GitHub associates with a commit node. */
export function associated(
  commitNode: Json,
  path: string
): ParsedPullRequest[] {
  const prs = optObj(
    commitNode.associatedPullRequests,
    `${path}.associatedPullRequests`
  )
  if (prs === null) return []
  return connection(prs, `${path}.associatedPullRequests`).nodes.map((n, i) =>
    parsePullRequest(n, `${path}.associatedPullRequests.nodes[${i}]`)
  )
}

/** The range around a commit, where the commit is one of a range's. */
export interface RangeView {
  parents: Parents
  /** the commits of the range */
  range: ReadonlySet<string>
  /** the pull requests GitHub associates with a commit of the range; null: not read */
  candidatesOf: (oid: string) => ParsedPullRequest[] | null
}

/**
 * The pull request a commit entered the branch through (SPEC §5.5), if any:
 * a merged pull request P into one of the policy's branches such that the
 * commit is
 * - P's merge or squash commit (`mergeCommit`, which for a rebase merge is
 *   the last rebased copy);
 * - one of P's own commits that P's merge commit brought in: reachable from
 *   its other parents, not from its first;
 * - one of P's rebased copies (or, when P's head was pushed to the base by
 *   hand, one of P's own commits): on the first-parent line below P's merge
 *   commit, no further than P has commits, every commit on the way
 *   associated with P (GitHub associates a rebase merge's copies with it).
 * Any other commit, a commit a direct pusher's local merge carried in for
 * one, entered through no pull request (whatever GitHub associates it with)
 * and needs an approval record of its own. Without a range (`view` null:
 * the deployed change alone is in scope) only the first holds.
 */
export function choosePullRequest(
  commit: CommitFact,
  candidates: ParsedPullRequest[],
  policy: EnvironmentPolicy,
  view: RangeView | null
): ParsedPullRequest | null {
  const merged = candidates.filter(
    (c) =>
      c.fact.merged &&
      policy.branches.some((g) => minimatch(c.fact.baseRefName, g))
  )
  return (
    merged.find((c) => c.fact.mergeCommitOid === commit.oid) ??
    (view === null
      ? undefined
      : merged.find(
          (c) => broughtInBy(c, commit.oid, view) || copyOf(c, commit.oid, view)
        )) ??
    null
  )
}

/** One of P's own commits, brought in by P's merge commit. */
function broughtInBy(
  pr: ParsedPullRequest,
  oid: string,
  view: RangeView
): boolean {
  const merge = pr.fact.mergeCommitOid
  if (merge === null || !view.range.has(merge)) return false
  if (!pr.fact.commits.some((c) => c.oid === oid)) return false
  return sideOf({ parents: view.parents, range: view.range, merge }).has(oid)
}

/** One of P's rebased copies, or of its commits pushed to the base by hand. */
function copyOf(pr: ParsedPullRequest, oid: string, view: RangeView): boolean {
  const merge = pr.fact.mergeCommitOid
  if (merge === null) return false
  const most = Math.max(pr.commitsTotal ?? 0, pr.fact.commits.length)
  let at: string | undefined = merge
  for (let step = 0; step < most && at !== undefined; step++) {
    if (!view.range.has(at)) return false
    const ofPr =
      step === 0 ||
      (view.candidatesOf(at) ?? []).some(
        (c) => c.fact.number === pr.fact.number
      )
    if (!ofPr) return false
    if (at === oid) return true
    at = view.parents.get(at)?.[0]
  }
  return false
}

/** Every commit and review of the chosen pull requests, all pages. */
export async function completePullRequests(
  port: GitHubPort,
  req: Pick<EngineRequest, 'owner' | 'repo'>,
  prs: ParsedPullRequest[]
): Promise<void> {
  const byNumber = new Map<number, ParsedPullRequest[]>()
  // One parsed copy per commit that led to the pull request; each gets
  // every page, and none twice.
  for (const pr of new Set(prs)) {
    const n = pr.fact.number
    byNumber.set(n, [...(byNumber.get(n) ?? []), pr])
  }
  type PullPage = Extract<PageSelection, { kind: 'commits' | 'reviews' }>
  const todo: PullPage[] = []
  for (const [number, copies] of byNumber) {
    const pr = copies[0] as ParsedPullRequest
    const alias = (): string => `p${todo.length}`
    if (pr.commitsCursor !== null) {
      todo.push({
        alias: alias(),
        number,
        kind: 'commits',
        after: pr.commitsCursor
      })
    }
    if (pr.reviewsCursor !== null) {
      todo.push({
        alias: alias(),
        number,
        kind: 'reviews',
        after: pr.reviewsCursor
      })
    }
  }
  const repository = { owner: req.owner, name: req.repo }
  await readPages(port, repository, todo, (batch, answer) => {
    assertComplete(answer.errors, 'further pages of pull requests')
    const repo = obj(obj(answer.data, 'data').repository, 'repository')
    const next: PullPage[] = []
    for (const p of batch) {
      const node = optObj(repo[p.alias], p.alias)
      if (node === null) {
        throw new GitHubApiError(
          `pull request #${p.number} could not be read further${errorText(answer.errors)}`,
          { permission: 'pull-requests: read' }
        )
      }
      const c = connection(node[p.kind], `#${p.number}.${p.kind}`)
      // every page asked is of a pull request in byNumber
      for (const pr of byNumber.get(p.number) as ParsedPullRequest[]) {
        if (p.kind === 'commits') {
          pr.fact.commits.push(
            ...c.nodes.map((n, i) =>
              parseCommit(
                obj(n, `#${p.number}.commits[${i}]`).commit,
                `#${p.number}.commits[${i}].commit`
              )
            )
          )
        } else {
          pr.fact.reviews.push(
            ...c.nodes.map((n, i) =>
              parseReview(n, `#${p.number}.reviews[${i}]`)
            )
          )
        }
      }
      if (c.hasNextPage && c.endCursor !== null) {
        next.push({ ...p, after: c.endCursor })
      }
    }
    return next
  })
  // GitHub stops listing a pull request's commits at 250 (its REST docs say
  // so; "List commits on a pull request"). What was not listed cannot be
  // checked: a maker could hide there. Block rather than judge a part.
  for (const [number, copies] of byNumber) {
    const pr = copies[0] as ParsedPullRequest
    const read = {
      commits: pr.fact.commits.length,
      reviews: pr.fact.reviews.length
    }
    if (pr.commitsTotal !== null && read.commits < pr.commitsTotal) {
      throw new GitHubApiError(
        `GitHub listed ${read.commits} of the ${pr.commitsTotal} commits of pull request #${number}: the makers of the others cannot be verified`,
        { hint: 'Split the change into pull requests of at most 250 commits.' }
      )
    }
    if (pr.reviewsTotal !== null && read.reviews < pr.reviewsTotal) {
      throw new GitHubApiError(
        `GitHub listed ${read.reviews} of the ${pr.reviewsTotal} reviews of pull request #${number}: a later review that withdraws an approval cannot be ruled out`
      )
    }
  }
}
