// The range walk (SPEC §4 `scope`: every parent followed) and how each
// commit of the range came in, on hand-made histories.
import { describe, expect, it } from '@jest/globals'
import {
  lineage,
  rangeCommits,
  sideOf,
  type Parents
} from '../../../src/engine/gather/lineage.js'

/** newest first, as git log lists them */
function rankOf(order: string[]): (oid: string) => number {
  return (oid) => {
    const i = order.indexOf(oid)
    return i < 0 ? Number.MAX_SAFE_INTEGER : i
  }
}

const walk = (
  parents: Parents,
  order: string[],
  head: string,
  base: string | null
): string[] => rangeCommits({ parents, rank: rankOf(order), head, base }).sort()

describe('rangeCommits', () => {
  // A <- B <- M, M = merge(B, S2); S1 <- S2 from A
  const merge: Parents = new Map([
    ['M', ['B', 'S2']],
    ['S2', ['S1']],
    ['S1', ['A']],
    ['B', ['A']],
    ['A', []]
  ])
  const order = ['M', 'S2', 'S1', 'B', 'A']

  it.each([
    ['a merge brings in its side branch', 'M', 'A', ['B', 'M', 'S1', 'S2']],
    [
      'the first parent deployed: the side branch alone',
      'M',
      'B',
      ['M', 'S1', 'S2']
    ],
    ['the previous deployment on the side branch', 'M', 'S1', ['B', 'M', 'S2']],
    ['the same commit: nothing', 'M', 'M', []],
    ['a rollback: nothing', 'A', 'M', []],
    ['no previous deployment: everything known', 'B', null, ['A', 'B']]
  ])('%s', (_name, head, base, expected) => {
    expect(walk(merge, order, head, base)).toEqual(expected)
  })

  it('takes a criss-cross history whole: both merges and both sides', () => {
    // X and Y each merge the other's parent: X = merge(P, Q), Y = merge(Q, P)
    const criss: Parents = new Map([
      ['H', ['X', 'Y']],
      ['X', ['P', 'Q']],
      ['Y', ['Q', 'P']],
      ['P', ['O']],
      ['Q', ['O']],
      ['O', []]
    ])
    const o = ['H', 'X', 'Y', 'P', 'Q', 'O']
    expect(walk(criss, o, 'H', 'O')).toEqual(['H', 'P', 'Q', 'X', 'Y'])
    expect(walk(criss, o, 'H', 'X')).toEqual(['H', 'Y'])
  })

  it('stops at commits it does not know (below the compared range)', () => {
    const compared: Parents = new Map([
      ['C', ['B']],
      ['B', ['base']]
    ])
    expect(walk(compared, ['C', 'B'], 'C', 'base')).toEqual(['B', 'C'])
  })

  it('does not count a commit reachable from base though clock skew lists it early', () => {
    // B is listed before M though it is M's parent (its date is later)
    const skewed = ['B', 'M', 'S2', 'S1', 'A']
    expect(walk(merge, skewed, 'M', 'B')).toEqual(['M', 'S1', 'S2'])
  })
})

describe('lineage', () => {
  // A <- L1 <- L2 (L1 = merge(A, X2), L2 = merge(L1, Y)); X1 <- X2 from A,
  // Y from X1 (so X1 is reachable from both merges: the older one brought it)
  const parents: Parents = new Map([
    ['L2', ['L1', 'Y']],
    ['Y', ['X1']],
    ['L1', ['A', 'X2']],
    ['X2', ['X1']],
    ['X1', ['A']]
  ])
  const range = new Set(['L2', 'Y', 'L1', 'X2', 'X1'])

  it('walks the first parents, and gives each other commit the oldest merge that brought it in', () => {
    expect(lineage({ parents, range, head: 'L2' })).toEqual({
      chain: ['L2', 'L1'],
      carrier: new Map([
        ['X2', 'L1'],
        ['X1', 'L1'],
        ['Y', 'L2']
      ])
    })
  })

  it('knows what a merge brought in: its other parents’ side, not its first parent’s', () => {
    expect(sideOf({ parents, range, merge: 'L2' })).toEqual(new Set(['Y']))
    expect(sideOf({ parents, range, merge: 'L1' })).toEqual(
      new Set(['X2', 'X1'])
    )
    expect(sideOf({ parents, range, merge: 'X2' })).toEqual(new Set())
  })

  // A range may hold a commit whose parents were not read (the edge of the
  // history read): its path ends there, and nothing below it is guessed.
  it('ends the chain and the carried paths at commits whose parents it does not know', () => {
    // H = merge(F, S); only H's parents are known
    const edge: Parents = new Map([['H', ['F', 'S']]])
    const all = new Set(['H', 'F', 'S'])
    expect(lineage({ parents: edge, range: all, head: 'H' })).toEqual({
      chain: ['H', 'F'],
      carrier: new Map([['S', 'H']])
    })
    expect(sideOf({ parents: edge, range: all, merge: 'H' })).toEqual(
      new Set(['S'])
    )
  })

  it('finds nothing carried by a merge whose parents it does not know', () => {
    const none: Parents = new Map()
    const head = new Set(['H'])
    expect(lineage({ parents: none, range: head, head: 'H' })).toEqual({
      chain: ['H'],
      carrier: new Map()
    })
    expect(sideOf({ parents: none, range: head, merge: 'H' })).toEqual(
      new Set()
    )
  })
})
