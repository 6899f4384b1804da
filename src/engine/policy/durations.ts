// Durations (`soak`, `break_glass.review_within`): the message for a value
// that is not one, and the ones the schema's pattern admits but that are too
// long to use (e.g. 9999999999999999d).

import { DURATION_EXAMPLES, parseDuration } from '../duration.js'
import { describeValue, errorText, isRecord } from './values.js'
import type { PolicyText, Segment } from './yaml-text.js'

/** Why `value` is not a duration, in the words parseDuration uses. */
export function durationMessage(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number') {
    try {
      parseDuration(value)
    } catch (error) {
      return errorText(error)
    }
  }
  return (
    `${describeValue(value)} is not a duration ` +
    `(use e.g. ${DURATION_EXAMPLES}, or 0)`
  )
}

/** Adds a problem, at its place, for each duration parseDuration refuses. */
export function checkDurations(data: unknown, file: PolicyText): void {
  if (!isRecord(data)) return
  const places: [unknown, Segment[]][] = []
  const collect = (env: unknown, base: Segment[]): void => {
    if (!isRecord(env)) return
    places.push([env.soak, [...base, 'soak']])
    const glass = env.break_glass
    if (isRecord(glass)) {
      places.push([
        glass.review_within,
        [...base, 'break_glass', 'review_within']
      ])
    }
  }
  collect(data.defaults, ['defaults'])
  if (isRecord(data.environments)) {
    for (const [name, env] of Object.entries(data.environments)) {
      collect(env, ['environments', name])
    }
  }
  for (const [value, path] of places) {
    if (typeof value !== 'string' && typeof value !== 'number') continue
    try {
      parseDuration(value)
    } catch (error) {
      file.add({ path, at: 'value', message: errorText(error) })
    }
  }
}
