// The history of a branch in the audit's period, for completeness (SPEC §7):
// every commit GitHub lists on it, with its parents and the pull request
// GitHub says introduced it, a page of 100 commits a query.
//
// GitHub's `Commit.history(since:, until:)` lists every ancestor, all
// parents followed, "in the same order as git log" (Commit.history,
// docs.github.com/en/graphql/reference/objects#commit), and, as `git log
// --since/--until`, filters on the committer date, not the author date
// (isomorphic-git/isomorphic-git#227, git's own revision walk): a rebased or
// amended commit counts at the time it was rewritten. `associatedPullRequests`
// is "the merged Pull Request that introduced the commit to the repository"
// (its schema description), the squash or rebase copy included: one is read
// here, and a commit it does not explain is asked again with more
// (completeness.ts).

import { GitHubApiError } from '../errors.js'
import type { CommitFact } from '../facts.js'
import { assertComplete, associated } from '../gather/index.js'
import { parseCommit, type ParsedPullRequest } from '../gather/parse.js'
import { PULL_REQUEST_FIELDS, RATE_LIMIT } from '../gather/queries.js'
import { connection, obj, optObj, type Json } from '../gather/shape.js'
import type { GitHubPort } from '../port.js'
import type { Repo } from './types.js'

/** Pages of a branch's history read: beyond them completeness is not established. */
export const MAX_BRANCH_PAGES = 100

/**
 * 4 points a page: `history` 1 request, then per commit its parents, its
 * pull request, and that pull request's first pages of commits and reviews
 * (GitHub counts each connection once per parent node: 1 + 4 x 100 = 401
 * requests; 100 + 200 + 100 + 2 x 10,000 nodes).
 */
export const BRANCH_HISTORY_COST = { nodes: 20_400, requests: 401 }

export const BRANCH_HISTORY = `
query AuditBranchHistory($owner: String!, $name: String!, $branch: String!, $since: GitTimestamp!, $until: GitTimestamp!, $after: String) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    ref(qualifiedName: $branch) { target { ... on Commit {
      history(first: 100, after: $after, since: $since, until: $until) {
        pageInfo { hasNextPage endCursor }
        nodes {
          ...GateCommit
          parents(first: 2) { totalCount nodes { oid } }
          associatedPullRequests(first: 1) { nodes { ...GatePullRequest } }
        }
      }
    } } }
  }
}
${PULL_REQUEST_FIELDS}`

/** A commit of the branch in the period, as read. */
export interface BranchCommit {
  commit: CommitFact
  /** the pull requests GitHub associates with it (one, until asked again) */
  candidates: ParsedPullRequest[]
}

/** What was read of one branch. */
export type BranchHistory =
  | {
      branch: string
      /** newest first, as git log lists them */
      commits: BranchCommit[]
      /** why the history stops short of the period's start; null: read to it */
      truncated: string | null
    }
  /** the branch does not exist now */
  | { branch: string; missing: true }

/** Every commit of `branch` committed in the period, newest first. */
export async function branchHistory(o: {
  github: GitHubPort
  repo: Repo
  branch: string
  since: Date
  until: Date
}): Promise<BranchHistory> {
  const commits: BranchCommit[] = []
  let after: string | null = null
  for (let page = 0; ; page++) {
    if (page >= MAX_BRANCH_PAGES) {
      return {
        branch: o.branch,
        commits,
        truncated: `more than ${MAX_BRANCH_PAGES * 100} commits on ${o.branch} in the period: only the newest ${commits.length} were read; audit a shorter period`
      }
    }
    const answer = await o.github.graphql<Json>(BRANCH_HISTORY, {
      owner: o.repo.owner,
      name: o.repo.repo,
      branch: `refs/heads/${o.branch}`,
      since: o.since.toISOString(),
      until: o.until.toISOString(),
      after
    })
    assertComplete(answer.errors, `the history of ${o.branch}`)
    const repository = obj(obj(answer.data, 'data').repository, 'repository')
    const ref = optObj(repository.ref, `ref(${o.branch})`)
    if (ref === null) return { branch: o.branch, missing: true }
    const target = obj(ref.target, `ref(${o.branch}).target`)
    if (target.history === undefined) {
      throw new GitHubApiError(
        `${o.branch} does not point at a commit: its history cannot be read`
      )
    }
    const c = connection(target.history, `${o.branch}.history`)
    c.nodes.forEach((n, i) => {
      const at = `${o.branch}.history[${i}]`
      const node = obj(n, at)
      commits.push({
        commit: parseCommit(node, at),
        candidates: associated(node, at)
      })
    })
    if (!c.hasNextPage || c.endCursor === null) {
      return { branch: o.branch, commits, truncated: null }
    }
    after = c.endCursor
  }
}
