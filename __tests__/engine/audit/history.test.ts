// Each deployment's range of changes in the audit: where it starts is the
// gate's own rangeStart, then the default branch's first-parent history is
// walked back to it.
import { describe, expect, it } from '@jest/globals'
import { rangeOf, type Parents } from '../../../src/engine/audit/history.js'
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
      'the next commit: its first parent was deployed',
      { sha: C, start: B, scope: 'range' as const },
      { oids: [C], scope: { kind: 'range', since: B, note: null } }
    ],
    [
      'two changes since the previous deployment, first parents only',
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
        policy: anEnvironmentPolicy({ scope: input.scope }),
        environment: 'production'
      })
    ).toEqual(expected)
  })
})
