// The audit's period: `since` and `until` as a date (2026-10-01, or a full
// ISO 8601 time) or a duration back from now (30d, 12h), as `audit-since`
// takes it (SPEC §3).

import {
  DURATION_EXAMPLES,
  InputError,
  parseDuration
} from '../engine/index.js'

const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/

/** A point in time from a date or a duration back from `now`. */
export function pointInTime(name: string, text: string, now: Date): Date {
  const value = text.trim()
  if (DATE.test(value)) {
    const t = Date.parse(/T| /.test(value) ? value : `${value}T00:00:00Z`)
    if (!Number.isNaN(t)) return new Date(t)
  } else {
    try {
      return new Date(now.getTime() - parseDuration(value) * 1000)
    } catch {
      // fall through to the one error below
    }
  }
  throw new InputError(
    `${name} must be a date (2026-10-01) or a duration back from now (${DURATION_EXAMPLES}), not "${value}"`
  )
}

/** The period [since, until], checked. */
export function period(
  since: string,
  until: string | null,
  now: Date
): { since: Date; until: Date } {
  const from = pointInTime('since', since, now)
  const to = until === null ? now : pointInTime('until', until, now)
  if (from.getTime() > to.getTime()) {
    throw new InputError(
      `the period is empty: since (${from.toISOString()}) is after until (${to.toISOString()})`
    )
  }
  return { since: from, until: to }
}
