// The range walk through changesInScope, on scripted compare and GraphQL
// answers: which change each commit of the range is judged under (SPEC §4
// `scope`, §5.5), including what a merge carried in and the commits whose
// pull requests were never read.
import { describe, expect, it } from '@jest/globals'
import type { ChangeFact } from '../../../src/engine/facts.js'
import type { ParsedPullRequest } from '../../../src/engine/gather/parse.js'
import { changesInScope } from '../../../src/engine/gather/range.js'
import {
  aCommit,
  aPullRequest,
  anEnvironmentPolicy,
  sha
} from '../../../__fixtures__/facts.js'
import { answer, ok, requestFor, scripted } from './ports.js'

const B0 = sha('b0')

/** A pull request as GitHub associates it with a commit, in GraphQL's shape. */
const prNode = (o: {
  number: number
  mergeCommit: string
  commits: string[]
}): Record<string, unknown> => ({
  id: `PR_${o.number}`,
  number: o.number,
  url: `https://github.com/acme/shop/pull/${o.number}`,
  author: { __typename: 'User', login: 'alice' },
  merged: true,
  mergedAt: '2024-05-01T08:00:00Z',
  baseRefName: 'main',
  headRefOid: sha(`4ead${o.number}`),
  mergeCommit: { oid: o.mergeCommit },
  commits: {
    totalCount: o.commits.length,
    pageInfo: { hasNextPage: false, endCursor: null },
    nodes: o.commits.map((oid) => ({ commit: commitNode(oid, []) }))
  },
  reviews: {
    totalCount: 0,
    pageInfo: { hasNextPage: false, endCursor: null },
    nodes: []
  }
})

/** A commit of the range in GraphQL's shape, with its pull requests. */
function commitNode(
  oid: string,
  parents: string[],
  prs: Record<string, unknown>[] = []
): Record<string, unknown> {
  const alice = {
    name: 'alice',
    email: 'alice@example.com',
    user: { login: 'alice' }
  }
  return {
    oid,
    url: `https://github.com/acme/shop/commit/${oid}`,
    message: 'Change things',
    committedDate: '2024-05-01T07:00:00Z',
    tree: { oid: sha('7ee') },
    author: alice,
    committer: alice,
    authors: { nodes: [alice] },
    parents: { nodes: parents.map((p) => ({ oid: p })) },
    signature: null,
    associatedPullRequests: { nodes: prs }
  }
}

/** What bootstrap parsed of a pull request of the deployed commit. */
const parsed = (
  number: number,
  mergeCommitOid: string,
  commits: string[]
): ParsedPullRequest => ({
  id: `PR_${number}`,
  commitsCursor: null,
  reviewsCursor: null,
  commitsTotal: commits.length,
  reviewsTotal: 0,
  fact: aPullRequest({
    number,
    mergeCommitOid,
    commits: commits.map((oid) => aCommit({ oid })),
    reviews: []
  })
})

/**
 * A port answering compare with `history` (parents first, as GitHub lists
 * it) and each GateChanges query with the commits `nodes` holds.
 */
function world(
  history: [string, string[]][],
  nodes: Map<string, Record<string, unknown>>
): ReturnType<typeof scripted> {
  return scripted({
    rest: () =>
      ok({
        status: 'ahead',
        total_commits: history.length,
        commits: history.map(([oid, parents]) => ({
          sha: oid,
          parents: parents.map((p) => ({ sha: p }))
        }))
      }),
    graphql: (variables) => {
      const repository: Record<string, unknown> = {}
      for (const [name, oid] of Object.entries(variables)) {
        const m = /^oid(\d+)$/.exec(name)
        if (m !== null) repository[`c${m[1]}`] = nodes.get(oid as string)
      }
      return answer({ repository })
    }
  })
}

/** Each change as [commit, pull request number, carried by]. */
const summary = (changes: ChangeFact[]): [string, number | null, string?][] =>
  changes.map((c) => {
    const row: [string, number | null, string?] = [
      c.commit.oid,
      c.pullRequest?.number ?? null
    ]
    if (c.carriedBy !== undefined) row.push(c.carriedBy)
    return row
  })

describe('changesInScope over a range', () => {
  it('judges each rebased copy under the pull request whose copies lead to its merge commit', async () => {
    // R1 <- R2 <- R3 on b0: a rebase merge of #3's three commits, deployed
    const [r1, r2, r3] = [sha('a1'), sha('a2'), sha('a3')]
    const pr3 = prNode({ number: 3, mergeCommit: r3, commits: [r1, r2, r3] })
    const github = world(
      [
        [r1, [B0]],
        [r2, [r1]],
        [r3, [r2]]
      ],
      new Map([
        [r2, commitNode(r2, [r1], [pr3])],
        [r1, commitNode(r1, [B0], [pr3])]
      ])
    )
    const { changes, scope } = await changesInScope({
      github,
      request: requestFor(r3),
      commit: aCommit({ oid: r3, parents: [r2] }),
      pullRequests: [parsed(3, r3, [r1, r2, r3])],
      policy: anEnvironmentPolicy(),
      here: [],
      previousOf: () => B0
    })
    expect(scope).toEqual({ kind: 'range', since: B0, note: null })
    expect(summary(changes)).toEqual([
      [r3, 3],
      [r2, 3],
      [r1, 3]
    ])
    // one compare, one GraphQL query for the two commits not yet known
    expect(github.calls.map((c) => c.route)).toEqual([
      'GET /repos/{owner}/{repo}/compare/{basehead}',
      'POST /graphql'
    ])
    expect(github.calls[1]?.params).toMatchObject({ oid0: r2, oid1: r1 })
  })

  it('judges what a merge carried in on its own, and takes no commit whose associations were not read as a copy', async () => {
    // M = merge(b0, Y) by #1, whose only commit is S; Y (#2's merge commit)
    // sits on S, and X below S. #1 accounts for S; Y and X are carried in.
    // X is associated with #2 but is neither #2's commit nor on a line of
    // #2's commits: S between them was never read, so nothing vouches for it.
    const [m, y, s, x] = [sha('ee'), sha('99'), sha('55'), sha('88')]
    const pr2 = prNode({
      number: 2,
      mergeCommit: y,
      commits: [sha('d1'), sha('d2'), sha('d3')]
    })
    const github = world(
      [
        [x, [B0]],
        [s, [x]],
        [y, [s]],
        [m, [B0, y]]
      ],
      new Map([
        [y, commitNode(y, [s], [pr2])],
        [x, commitNode(x, [B0], [pr2])]
      ])
    )
    const { changes } = await changesInScope({
      github,
      request: requestFor(m),
      commit: aCommit({ oid: m, parents: [B0, y] }),
      pullRequests: [parsed(1, m, [s])],
      policy: anEnvironmentPolicy(),
      here: [],
      previousOf: () => B0
    })
    expect(summary(changes)).toEqual([
      [m, 1],
      [y, 2, m],
      [x, null, m]
    ])
    // S, #1's own commit, was never asked for
    const asked = github.calls
      .filter((c) => c.route === 'POST /graphql')
      .map((c) => [c.params.oid0, c.params.oid1])
    expect(asked).toEqual([[y, x]])
  })

  it('walks the range of a commit whose parents GitHub did not give, and names a rollback', async () => {
    const commit = aCommit({ oid: sha('c0'), parents: null })
    const github = scripted({
      rest: () => ok({ status: 'behind', total_commits: 0, commits: [] })
    })
    const { changes, scope } = await changesInScope({
      github,
      request: requestFor(commit.oid),
      commit,
      pullRequests: [],
      policy: anEnvironmentPolicy(),
      here: [],
      previousOf: () => B0
    })
    // without parents nothing settles the range: compare is asked
    expect(github.calls.map((c) => c.params.basehead)).toEqual([
      `${B0}...${commit.oid}`
    ])
    expect(scope).toEqual({
      kind: 'range',
      since: B0,
      note: `${commit.oid.slice(0, 7)} is not ahead of the previous deployment ${B0.slice(0, 7)} (a rollback): only the deployed change is in scope`
    })
    expect(summary(changes)).toEqual([[commit.oid, null]])
  })
})
