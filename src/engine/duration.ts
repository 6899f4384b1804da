// Durations as the policy file and the inputs write them: `0`, or one or more
// `<whole number><unit>` with units d, h, m, s, largest first (`90s`, `30m`,
// `2h`, `1d`, `1h30m`, `1d12h`). Values are seconds.

const UNIT_SECONDS = { d: 86_400, h: 3_600, m: 60, s: 1 } as const
type Unit = keyof typeof UNIT_SECONDS
const UNITS: readonly Unit[] = ['d', 'h', 'm', 's']

/**
 * The accepted strings as a regular expression source, shared with the JSON
 * Schema so the editor and the loader agree on what a duration is.
 */
export const DURATION_PATTERN =
  '^(0|[0-9]+d([0-9]+h)?([0-9]+m)?([0-9]+s)?|[0-9]+h([0-9]+m)?([0-9]+s)?' +
  '|[0-9]+m([0-9]+s)?|[0-9]+s)$'

export const DURATION_EXAMPLES = '90s, 30m, 2h, 1d, 1h30m'

const DURATION_RE = new RegExp(DURATION_PATTERN)
const PART_RE = /([0-9]+)([dhms])/g

/** Parses a duration into seconds; throws an Error saying what is wrong. */
export function parseDuration(value: string | number): number {
  if (typeof value === 'number') {
    if (value === 0) return 0
    throw new Error(
      Number.isInteger(value) && value > 0
        ? `${value} is not a duration: add a unit (use e.g. ` +
            `${DURATION_EXAMPLES}); only 0 may be written without one`
        : `${value} is not a duration (use e.g. ${DURATION_EXAMPLES})`
    )
  }
  if (typeof value !== 'string') {
    throw new Error(
      `${describe(value)} is not a duration (use e.g. ${DURATION_EXAMPLES})`
    )
  }
  if (!DURATION_RE.test(value)) {
    const reason = why(value)
    throw new Error(
      `${JSON.stringify(value)} is not a duration` +
        (reason === undefined
          ? ` (use e.g. ${DURATION_EXAMPLES})`
          : `: ${reason}`)
    )
  }
  let seconds = 0
  for (const [, amount, unit] of value.matchAll(PART_RE)) {
    seconds += Number(amount) * UNIT_SECONDS[unit as Unit]
  }
  if (!Number.isSafeInteger(seconds)) {
    throw new Error(`${JSON.stringify(value)} is too long a duration`)
  }
  return seconds
}

/** What is wrong with a string that is not a duration, when we can tell. */
function why(value: string): string | undefined {
  const use = `use e.g. ${DURATION_EXAMPLES}`
  if (value.trim() === '') return `it is empty (${use}, or 0)`
  if (value.trim() !== value) return 'remove the surrounding spaces'
  if (value.startsWith('-')) return `durations cannot be negative (${use})`
  if (/^[0-9]+$/.test(value)) {
    return `add a unit (${use}); only 0 may be written without one`
  }
  if (/[0-9]\.[0-9]/.test(value)) {
    return `use whole numbers, e.g. 1h30m instead of 1.5h`
  }
  if (/^([0-9]+[dhms])+$/.test(value)) {
    return `write each unit once, largest first (d, h, m, s), e.g. 1h30m`
  }
  return undefined
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

/**
 * Formats seconds the way the policy writes them: 5400 -> `1h30m`,
 * 90 -> `1m30s`, 0 -> `0s`. Fractions are rounded down; a negative value (clock
 * skew) keeps its sign.
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds)
  if (seconds < 0) return `-${formatDuration(-seconds)}`
  let rest = Math.floor(seconds)
  if (rest === 0) return '0s'
  let out = ''
  for (const unit of UNITS) {
    const size = UNIT_SECONDS[unit]
    const amount = Math.floor(rest / size)
    if (amount > 0) {
      out += `${amount}${unit}`
      rest -= amount * size
    }
  }
  return out
}
