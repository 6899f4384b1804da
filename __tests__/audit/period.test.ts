// The audit's period (SPEC §3): `since` and `until` as dates, ISO 8601
// times or durations back from now, and an empty period refused.
import { describe, expect, it } from '@jest/globals'
import { period, pointInTime } from '../../src/audit/period.js'
import { InputError } from '../../src/engine/index.js'

const NOW = new Date('2026-12-01T13:05:00Z')

describe('pointInTime', () => {
  it.each([
    ['2026-10-01', '2026-10-01T00:00:00.000Z'],
    ['  2026-10-01 ', '2026-10-01T00:00:00.000Z'],
    ['2026-10-01T08:30:00Z', '2026-10-01T08:30:00.000Z'],
    ['2026-10-01T08:30:00+02:00', '2026-10-01T06:30:00.000Z'],
    ['2026-10-01 08:30:00.250Z', '2026-10-01T08:30:00.250Z'],
    ['30d', '2026-11-01T13:05:00.000Z'],
    ['12h', '2026-12-01T01:05:00.000Z'],
    ['1h30m', '2026-12-01T11:35:00.000Z']
  ])('reads %j as %s', (text, iso) => {
    expect(pointInTime('since', text, NOW).toISOString()).toBe(iso)
  })

  it.each([
    // shaped as a date, but no such day
    ['2026-13-45'],
    ['2026-10-01T99:99'],
    ['yesterday'],
    ['30 days'],
    ['']
  ])('refuses %j, naming the option and what it takes', (text) => {
    const error = (() => {
      try {
        return pointInTime('until', text, NOW)
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(InputError)
    expect((error as Error).message).toBe(
      `until must be a date (2026-10-01) or a duration back from now (90s, 30m, 2h, 1d, 1h30m), not "${text.trim()}"`
    )
  })
})

describe('period', () => {
  it('ends now when no until is given', () => {
    expect(period('7d', null, NOW)).toEqual({
      since: new Date('2026-11-24T13:05:00Z'),
      until: NOW
    })
  })

  it('takes both ends, and a period of one instant', () => {
    expect(period('2026-10-01', '2026-11-01', NOW)).toEqual({
      since: new Date('2026-10-01T00:00:00Z'),
      until: new Date('2026-11-01T00:00:00Z')
    })
    expect(period('1d', '24h', NOW).since).toEqual(
      period('1d', '24h', NOW).until
    )
  })

  it('refuses a period whose since is after its until', () => {
    expect(() => period('1d', '2d', NOW)).toThrow(
      'the period is empty: since (2026-11-30T13:05:00.000Z) is after until (2026-11-29T13:05:00.000Z)'
    )
  })

  it('names the end that is wrong', () => {
    expect(() => period('2026-10-01', 'tomorrow', NOW)).toThrow(
      /^until must be a date/
    )
    expect(() => period('soon', null, NOW)).toThrow(/^since must be a date/)
  })
})
