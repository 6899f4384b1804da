// Each deployment's range of changes in the audit: where it starts is the
// gate's own rangeStart, then every commit reachable from the deployed
// commit and not from that start (every parent followed), as the gate's.
import { describe, expect, it } from '@jest/globals'
import {
  historyRank,
  rangeOf,
  type Parents
} from '../../../src/engine/audit/history.js'
import { anEnvironmentPolicy, sha } from '../../../__fixtures__/facts.js'

const A = sha('a')
const B = sha('b')
const C = sha('c')
const D = sha('d')
// main: A <- B <- C (C a merge of B and D)
const parents: Parents = new Map([
  [C, [B, D]],
  [B, [A]],
  [A, []]
])
const NO_EARLIER =
  'no earlier successful deployment to production: only the deployed change is in scope'

describe('rangeOf', () => {
  it.each([
    [
      'a first deployment: the range scope, with nothing before it',
      { sha: C, start: null, scope: 'range' as const },
      { oids: [C], scope: { kind: 'range', since: null, note: NO_EARLIER } }
    ],
    [
      'scope: head, the deployed change alone',
      { sha: C, start: A, scope: 'head' as const },
      { oids: [C], scope: { kind: 'head', since: null, note: null } }
    ],
    [
      'the same commit deployed again',
      { sha: C, start: C, scope: 'range' as const },
      { oids: [C], scope: { kind: 'range', since: C, note: null } }
    ],
    [
      'the next commit, a merge: its first parent was deployed',
      { sha: C, start: B, scope: 'range' as const },
      { oids: [C], scope: { kind: 'range', since: B, note: null } }
    ],
    [
      'two changes since the previous deployment: the first-parent chain',
      { sha: C, start: A, scope: 'range' as const },
      { oids: [C, B], scope: { kind: 'range', since: A, note: null } }
    ],
    [
      'a rollback: not ahead of the previous deployment',
      { sha: A, start: C, scope: 'range' as const },
      {
        oids: [A],
        scope: {
          kind: 'range',
          since: C,
          note: `${A.slice(0, 7)} is not ahead of the previous deployment ${C.slice(0, 7)} on the default branch (a rollback, or another branch): only the deployed change is in scope`
        }
      }
    ]
  ])('%s', (_name, input, expected) => {
    expect(
      rangeOf({
        sha: input.sha,
        start: input.start,
        parents,
        rank: historyRank(parents),
        policy: anEnvironmentPolicy({ scope: input.scope }),
        environment: 'production'
      })
    ).toMatchObject(expected)
  })

  // main: A <- B <- M (a local merge of B and S2), S1 <- S2 on a side branch
  // from A; the history lists M, S2, S1, B, A (newest first, as git log)
  const M = sha('m')
  const S1 = sha('s1')
  const S2 = sha('s2')
  const merged: Parents = new Map([
    [M, [B, S2]],
    [S2, [S1]],
    [S1, [A]],
    [B, [A]],
    [A, []]
  ])

  it('follows every parent: what a merge carried in is in the range, with the merge that carried it', () => {
    const range = rangeOf({
      sha: M,
      start: A,
      parents: merged,
      rank: historyRank(merged),
      policy: anEnvironmentPolicy(),
      environment: 'production'
    })
    expect(range.oids).toEqual([M, B])
    expect([...(range.lines?.range ?? [])].sort()).toEqual(
      [M, B, S1, S2].sort()
    )
    expect(range.lines?.lineage.carrier).toEqual(
      new Map([
        [S2, M],
        [S1, M]
      ])
    )
  })

  it('starts after a previous deployment on the side branch: what it already shipped is out', () => {
    const range = rangeOf({
      sha: M,
      start: S1,
      parents: merged,
      rank: historyRank(merged),
      policy: anEnvironmentPolicy(),
      environment: 'production'
    })
    // S1 and A are reachable from S1; B is not
    expect([...(range.lines?.range ?? [])].sort()).toEqual([M, B, S2].sort())
    expect(range.oids).toEqual([M, B])
    expect(range.scope).toEqual({ kind: 'range', since: S1, note: null })
  })
})
