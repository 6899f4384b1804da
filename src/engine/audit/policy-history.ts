// The policy file's history on the policy ref (SPEC §7 "as of its own
// time"): every version the file had, and from when it stood on the ref,
// read in one query a page of 100 versions (1 point a page: 1 request for
// the history and 100 for the pull requests inside it, rounded).
//
// `Commit.history(path:)` lists "commits touching files under this path",
// "in the same order as `git log`", and `Commit.file(path:)` is "the tree
// entry representing the file located at the given path" at that commit
// (docs.github.com/en/graphql/reference/objects#commit). Like `git log --
// <path>`, it follows only the side of a merge the file came from, so a
// change made on a pull request's branch is listed as that branch's commit,
// dated when it was committed there, not when it was merged.

import { assertComplete } from '../gather/index.js'
import { RATE_LIMIT } from '../gather/queries.js'
import {
  connection,
  date,
  obj,
  optDate,
  optObj,
  optStr,
  str,
  type Json
} from '../gather/shape.js'
import type { GitHubPort } from '../port.js'
import type { AuditRequest } from './types.js'

/** Pages of 100 versions read at most; older versions are named as unread. */
export const MAX_POLICY_PAGES = 10

export const POLICY_HISTORY = `
query AuditPolicyHistory($owner: String!, $name: String!, $ref: String!, $path: String!, $after: String) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    defaultBranchRef { name }
    ref: object(expression: $ref) { ... on Commit {
      history(first: 100, path: $path, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes {
          oid committedDate
          file(path: $path) { object { ... on Blob { oid text isTruncated isBinary } } }
          associatedPullRequests(first: 5) { nodes { mergedAt baseRefName } }
        }
      }
    } }
  }
}`

/** One version of the policy file: what a commit on the ref made it. */
export interface PolicyVersion {
  commit: string
  committedAt: string
  /**
   * From when it stood on the ref, as far as GitHub tells: see `standsFrom`.
   */
  from: string
  /** its text, or why there is none (removed, binary, too large) */
  file: { text: string; blobSha: string } | { missing: string }
}

export interface PolicyHistory {
  /** the ref as the report names it, e.g. `main` */
  ref: string
  path: string
  /** oldest first, by `from` */
  versions: PolicyVersion[]
  /** false: older versions than the first here were not read */
  complete: boolean
}

/**
 * The policy file's versions on the policy ref (or the default branch).
 * Throws when the ref's history cannot be read: then no deployment can be
 * judged by the policy of its time.
 */
export async function readPolicyHistory(o: {
  github: GitHubPort
  request: AuditRequest
}): Promise<PolicyHistory> {
  const { request: req } = o
  // HEAD is the default branch, as the gate reads the policy (gather's
  // policy-file.ts), so this runs beside that read, not after it
  const expression = req.policyRef ?? 'HEAD'
  let ref = expression
  const found: Json[] = []
  let after: string | null = null
  let complete = false
  for (let page = 0; page < MAX_POLICY_PAGES; page++) {
    const answer = await o.github.graphql<Json>(POLICY_HISTORY, {
      owner: req.owner,
      name: req.repo,
      ref: expression,
      path: req.policyPath,
      after
    })
    const what = `the history of ${req.policyPath} on ${ref}`
    assertComplete(answer.errors, what)
    const repository = obj(obj(answer.data, 'data').repository, 'repository')
    if (req.policyRef === null) {
      const branch = optObj(repository.defaultBranchRef, 'defaultBranchRef')
      if (branch !== null) ref = str(branch.name, 'defaultBranchRef.name')
    }
    const target = optObj(repository.ref, 'repository.ref')
    if (target === null || target.history === undefined)
      throw new Error(
        `${what} cannot be read: ${ref} names no commit; the audit judges each deployment by the policy of its time`
      )
    const c = connection(target.history, 'history')
    c.nodes.forEach((n, i) => found.push(obj(n, `history[${i}]`)))
    if (!c.hasNextPage || c.endCursor === null) {
      complete = true
      break
    }
    after = c.endCursor
  }
  // newest first from GitHub; the sort is stable, so among versions that
  // stood from the same moment the newer (listed first) ends up last
  const branch = ref.replace(/^refs\/heads\//, '')
  const versions = found
    .map((node) => versionOf(node, branch))
    .reverse()
    .sort((a, b) => Date.parse(a.from) - Date.parse(b.from))
  return { ref, path: req.policyPath, versions, complete }
}

function versionOf(node: Json, branch: string): PolicyVersion {
  const commit = str(node.oid, 'history.oid')
  const committedAt = date(node.committedDate, 'history.committedDate')
  const merged = connection(
    node.associatedPullRequests,
    'history.associatedPullRequests'
  )
    .nodes.map((p) => obj(p, 'associatedPullRequests.node'))
    .filter((p) => optStr(p.baseRefName, 'baseRefName') === branch)
    .map((p) => optDate(p.mergedAt, 'mergedAt'))
    .filter((t): t is string => t !== null)
  return {
    commit,
    committedAt,
    from: standsFrom(committedAt, merged),
    file: fileOf(node, commit)
  }
}

/**
 * When a version began to stand on the ref. GitHub keeps no time a commit
 * reached a branch (`Commit.pushedDate` is "no longer supported"), so this
 * is the latest of what it does keep: the commit's committer date, and the
 * earliest merge into the branch of a pull request that carried it (a
 * change made on a pull request's branch stood only once merged). A commit
 * pushed straight to the branch is dated when it was committed, which the
 * pusher's clock sets and may be earlier than the push: the limit of what
 * GitHub records.
 */
export function standsFrom(committedAt: string, mergedAt: string[]): string {
  const earliestMerge = [...mergedAt].sort(
    (a, b) => Date.parse(a) - Date.parse(b)
  )[0]
  return earliestMerge !== undefined &&
    Date.parse(earliestMerge) > Date.parse(committedAt)
    ? earliestMerge
    : committedAt
}

function fileOf(node: Json, commit: string): PolicyVersion['file'] {
  const short = commit.slice(0, 7)
  const entry = optObj(node.file, 'history.file')
  const blob = entry === null ? null : optObj(entry.object, 'file.object')
  if (blob === null)
    return { missing: `commit ${short} removed the policy file` }
  if (typeof blob.text !== 'string')
    return { missing: `the policy file at commit ${short} is binary` }
  if (blob.isTruncated === true)
    return { missing: `the policy file at commit ${short} is too large` }
  return { text: blob.text, blobSha: str(blob.oid, 'file.object.oid') }
}
