import { describe, expect, it } from '@jest/globals'
import {
  DURATION_PATTERN,
  formatDuration,
  parseDuration
} from '../../src/engine/duration.js'

describe('parseDuration', () => {
  it.each([
    [0, 0],
    ['0', 0],
    ['0s', 0],
    ['90s', 90],
    ['30m', 1_800],
    ['2h', 7_200],
    ['1d', 86_400],
    ['1h30m', 5_400],
    ['1d12h', 129_600],
    ['1d2h3m4s', 93_784],
    ['72h', 259_200],
    ['100m', 6_000]
  ])('reads %p as %p seconds', (input, seconds) => {
    expect(parseDuration(input)).toBe(seconds)
  })

  it.each([
    ['2x', /^"2x" is not a duration \(use e\.g\. 90s, 30m, 2h, 1d, 1h30m\)$/],
    ['', /^"" is not a duration: it is empty/],
    [' 1h', /remove the surrounding spaces/],
    ['-1h', /cannot be negative/],
    ['1.5h', /whole numbers, e\.g\. 1h30m instead of 1\.5h/],
    ['1m1h', /each unit once, largest first \(d, h, m, s\)/],
    ['1h1h', /each unit once, largest first/],
    ['90', /^"90" is not a duration: add a unit .*only 0 may be written/],
    ['00', /add a unit/],
    ['h', /is not a duration/],
    ['1H', /is not a duration/],
    ['1h 30m', /is not a duration/],
    ['1w', /is not a duration/],
    ['9'.repeat(20) + 'd', /too long a duration/]
  ])('rejects the string %p', (input, message) => {
    expect(() => parseDuration(input)).toThrow(message)
  })

  it('rejects a plain number other than 0: it needs a unit', () => {
    expect(() => parseDuration(90)).toThrow(
      '90 is not a duration: add a unit (use e.g. 90s, 30m, 2h, 1d, 1h30m); ' +
        'only 0 may be written without one'
    )
  })

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'rejects the number %p',
    (input) => {
      expect(() => parseDuration(input)).toThrow(
        `${input} is not a duration (use e.g. 90s, 30m, 2h, 1d, 1h30m)`
      )
    }
  )

  it('rejects other values from untyped callers', () => {
    const value: unknown = JSON.parse('true')
    expect(() => parseDuration(value as string)).toThrow(
      'true is not a duration (use e.g. 90s, 30m, 2h, 1d, 1h30m)'
    )
  })

  it('throws a plain Error', () => {
    expect(() => parseDuration('2x')).toThrow(Error)
  })

  it('agrees with the pattern the JSON Schema publishes', () => {
    const pattern = new RegExp(DURATION_PATTERN)
    const samples = [
      '0',
      '0s',
      '00',
      '1d',
      '1d1s',
      '1h30m',
      '1m1h',
      '1s1s',
      '2x',
      '',
      '-1h',
      '1.5h',
      '12',
      'd',
      '1d2h3m4s',
      '1d 2h'
    ]
    for (const sample of samples) {
      let parses = true
      try {
        parseDuration(sample)
      } catch {
        parses = false
      }
      expect([sample, pattern.test(sample)]).toEqual([sample, parses])
    }
  })
})

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [59, '59s'],
    [90, '1m30s'],
    [3_600, '1h'],
    [5_400, '1h30m'],
    [86_400, '1d'],
    [129_600, '1d12h'],
    [93_784, '1d2h3m4s'],
    [90.9, '1m30s'],
    [-90, '-1m30s']
  ])('writes %p seconds as %p', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text)
  })

  it('round-trips through parseDuration', () => {
    for (const seconds of [0, 1, 59, 60, 61, 3_599, 3_600, 86_399, 90_061]) {
      expect(parseDuration(formatDuration(seconds))).toBe(seconds)
    }
  })
})
