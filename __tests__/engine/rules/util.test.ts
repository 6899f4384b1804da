import { describe, expect, it } from '@jest/globals'
import {
  andList,
  formatDuration,
  orList,
  plural
} from '../../../src/engine/rules/util.js'

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [-5, '0s'],
    [45, '45s'],
    [1500, '25m'],
    [5700, '1h35m'],
    [7200, '2h'],
    [93784, '1d2h3m4s']
  ])('%s seconds -> %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text)
  })
})

describe('lists', () => {
  it.each([
    [[], ''],
    [['a'], 'a'],
    [['a', 'b'], 'a or b'],
    [['a', 'b', 'c'], 'a, b or c']
  ])('%j', (items, text) => {
    expect(orList(items)).toBe(text)
    expect(andList(items)).toBe(text.replace(' or ', ' and '))
  })

  it('pluralizes', () => {
    expect(plural(1, 'change')).toBe('1 change')
    expect(plural(2, 'change')).toBe('2 changes')
    expect(plural(2, 'push', 'pushes')).toBe('2 pushes')
  })
})
