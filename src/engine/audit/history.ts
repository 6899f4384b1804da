// The default branch's history that links the deployments: each one's range
// is every commit reachable from it and not from where its range starts,
// every parent followed, as the gate's (gather/lineage.ts). Where a range
// starts is decided as the gate decides it (`rangeStart`), so the audit and
// the gate say the same scope for the same deployment. GitHub's `history`
// lists every parent's commits, "in the same order as git log" (the
// Commit.history field of docs.github.com/en/graphql/reference/objects#commit).

import { RATE_LIMIT } from '../gather/queries.js'
import type { Facts } from '../facts.js'
import { assertComplete } from '../gather/index.js'
import { lineage, rangeCommits, type Lineage } from '../gather/lineage.js'
import { rangeStart } from '../gather/range.js'
import { connection, obj, optObj, str, type Json } from '../gather/shape.js'
import type { EnvironmentPolicy } from '../policy/index.js'
import type { GitHubPort } from '../port.js'
import type { Repo } from './types.js'

/** History pages walked to link the deployed commits: at most this many. */
const MAX_HISTORY_PAGES = 500

export const HISTORY = `
query AuditHistory($owner: String!, $name: String!, $until: GitTimestamp, $after: String) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    defaultBranchRef { target { ... on Commit {
      history(first: 100, after: $after, until: $until) {
        pageInfo { hasNextPage endCursor }
        nodes { oid parents(first: 2) { nodes { oid } } }
      }
    } } }
  }
}`

/** Parents of the default branch's commits, by oid. */
export type Parents = Map<string, string[]>

/**
 * Parents of the default branch's commits, newest first, until every oid
 * in `wanted` was seen (or the history ends): the links that make each
 * deployment's range of changes.
 */
export async function history(o: {
  github: GitHubPort
  repo: Repo
  until: Date
  wanted: ReadonlySet<string>
}): Promise<Parents> {
  const parents: Parents = new Map()
  const missing = new Set(o.wanted)
  let after: string | null = null
  for (let pages = 0; missing.size > 0; pages++) {
    if (pages >= MAX_HISTORY_PAGES) break
    const answer = await o.github.graphql<Json>(HISTORY, {
      owner: o.repo.owner,
      name: o.repo.repo,
      until: o.until.toISOString(),
      after
    })
    assertComplete(answer.errors, 'the history of the default branch')
    const repository = obj(obj(answer.data, 'data').repository, 'repository')
    const ref = optObj(repository.defaultBranchRef, 'defaultBranchRef')
    const target = ref === null ? null : optObj(ref.target, 'target')
    if (target === null || target.history === undefined) break
    const c = connection(target.history, 'history')
    c.nodes.forEach((n, i) => {
      const node = obj(n, `history[${i}]`)
      const oid = str(node.oid, `history[${i}].oid`)
      parents.set(
        oid,
        connection(node.parents, `history[${i}].parents`).nodes.map((p, j) =>
          str(obj(p, `history[${i}].parents[${j}]`).oid, 'parent.oid')
        )
      )
      missing.delete(oid)
    })
    if (!c.hasNextPage || c.endCursor === null) break
    after = c.endCursor
  }
  return parents
}

/** A deployment's range of changes. */
export interface Range {
  /**
   * the commits of its changes: the first-parent chain, newest first (the
   * deployed commit first); then, once read, what merges carried in that is
   * not their pull requests' own
   */
  oids: string[]
  scope: Facts['scope']
  /** the range's commits and how each came in; null: the deployed change alone */
  lines: { range: Set<string>; lineage: Lineage } | null
}

/** Walks back further than this are not followed: a history gone astray. */
const MAX_RANGE = 10_000

/** The commits from the deployed commit back to its range's start, every parent followed. */
export function rangeOf(o: {
  sha: string
  /** where its range starts: the previous deployment that counted */
  start: string | null
  parents: Parents
  /** `historyRank(parents)` */
  rank: (oid: string) => number
  policy: EnvironmentPolicy
  environment: string
}): Range {
  const { sha } = o
  const start = rangeStart({
    scope: o.policy.scope,
    environment: o.environment,
    commit: { oid: sha, parents: o.parents.get(sha) ?? [] },
    previous: () => o.start
  })
  if ('settled' in start)
    return { oids: [sha], scope: start.settled, lines: null }
  const base = start.walkFrom
  const note = `${sha.slice(0, 7)} is not ahead of the previous deployment ${base.slice(0, 7)} on the default branch (a rollback, or another branch): only the deployed change is in scope`
  const headOnly: Range = {
    oids: [sha],
    scope: { kind: 'range', since: base, note },
    lines: null
  }
  // The history is read newest first, as git log lists it: its order paints the walk.
  if (!o.parents.has(base) || !o.parents.has(sha)) return headOnly
  const order = rangeCommits({
    parents: o.parents,
    rank: o.rank,
    head: sha,
    base
  })
  if (order.length === 0 || order.length > MAX_RANGE) return headOnly
  const range = new Set(order)
  const lines = lineage({ parents: o.parents, range, head: sha })
  return {
    oids: lines.chain,
    scope: { kind: 'range', since: base, note: null },
    lines: { range, lineage: lines }
  }
}

/** Each commit's place in the history as read, newest first: once per history, for `rangeOf`. */
export function historyRank(parents: Parents): (oid: string) => number {
  const rank = new Map([...parents.keys()].map((oid, i) => [oid, i]))
  return (oid) => rank.get(oid) ?? Number.MAX_SAFE_INTEGER
}
