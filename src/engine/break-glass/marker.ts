// The follow-up issue of a break-glass deployment (SPEC §5.7), as both sides
// read it: the action writes the marker into the issue it opens, the audit
// finds the issue by its label, parses the marker and judges the review.
// Pure: no GitHub, no clock.
//
// The marker is one line of the issue body, an HTML comment (invisible when
// GitHub renders the issue) holding one JSON object on one line:
//
//   <!-- promotion-gate:break-glass {"environment":"production","sha":"…","run_id":123,"approved_by":"erin","deployer":"dave","makers":["alice","bob"],"due":"2024-05-04T12:00:00.000Z"} -->
//
// Anyone who can edit the issue can edit the marker: the audit should check
// that the issue's author is the token that opened it (github-actions[bot]
// for the action) and compare the marker with the deployment it names.

/** The label of every follow-up issue. */
export const BREAK_GLASS_LABEL = 'promotion-gate:break-glass'

const MARKER_NAME = 'promotion-gate:break-glass'

export interface BreakGlassMarker {
  environment: string
  /** the deployed commit, 40 lower-case hex */
  sha: string
  /** the workflow run that deployed */
  run_id: number
  /** the login whose environment approval granted the break-glass */
  approved_by: string
  /** the login that triggered the deployment */
  deployer: string
  /** logins of the authors, committers and co-authors of every change in scope */
  makers: string[]
  /** ISO 8601: the deployment time plus `break_glass.review_within` */
  due: string
}

/**
 * The marker line. `<`, `>` and `&` are written as JSON escapes, so no value
 * can end the HTML comment early; JSON.parse reads them back unchanged.
 */
export function renderBreakGlassMarker(marker: BreakGlassMarker): string {
  const json = JSON.stringify({
    environment: marker.environment,
    sha: marker.sha,
    run_id: marker.run_id,
    approved_by: marker.approved_by,
    deployer: marker.deployer,
    makers: marker.makers,
    due: marker.due
  }).replace(
    /[<>&]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
  return `<!-- ${MARKER_NAME} ${json} -->`
}

const MARKER_LINE = /^[ \t]*<!-- promotion-gate:break-glass (.+) -->[ \t]*$/

/**
 * The marker of an issue body, or null when the body has none, has more than
 * one (ambiguous), or its JSON is not a valid marker.
 */
export function parseBreakGlassMarker(
  body: string | null | undefined
): BreakGlassMarker | null {
  if (typeof body !== 'string') return null
  const found = body
    .split(/\r?\n/)
    .map((line) => MARKER_LINE.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
  if (found.length !== 1) return null
  const [match] = found as [RegExpExecArray]
  let value: unknown
  try {
    value = JSON.parse(match[1] as string)
  } catch {
    return null
  }
  return asMarker(value)
}

function asMarker(value: unknown): BreakGlassMarker | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return null
  }
  const v = value as Record<string, unknown>
  const text = (x: unknown): x is string =>
    typeof x === 'string' && x.length > 0
  if (
    !text(v.environment) ||
    typeof v.sha !== 'string' ||
    !/^[0-9a-f]{40}$/.test(v.sha) ||
    typeof v.run_id !== 'number' ||
    !Number.isSafeInteger(v.run_id) ||
    v.run_id < 1 ||
    !text(v.approved_by) ||
    !text(v.deployer) ||
    !Array.isArray(v.makers) ||
    !v.makers.every(text) ||
    !text(v.due) ||
    Number.isNaN(Date.parse(v.due))
  ) {
    return null
  }
  return {
    environment: v.environment,
    sha: v.sha,
    run_id: v.run_id,
    approved_by: v.approved_by,
    deployer: v.deployer,
    makers: [...v.makers],
    due: v.due
  }
}

/** How the issue was last closed; pass null while it is open. */
export interface IssueClosure {
  /** ISO 8601 */
  at: string
  /** login of who closed it; null: unknown or a deleted account */
  by: string | null
  /** GitHub's state reason: `completed`, `not_planned`, `duplicate` (any case) */
  reason: string | null
}

/**
 * - `done`: closed as completed, by an independent reviewer, by the due time;
 * - `late`: the same, after the due time;
 * - `pending`: no independent review yet, and the due time is still ahead;
 * - `missing`: no independent review, and the due time has passed.
 */
export type ReviewState = 'done' | 'late' | 'missing' | 'pending'

/**
 * Whether `login` may do the independent review: not the deployer, not the
 * break-glass approver, not a maker of any change, and not a bot (a bot
 * closing an issue, e.g. a stale-issue bot, reviews nothing). Logins compare
 * case-insensitively, as GitHub's do.
 */
export function isIndependentReviewer(
  marker: BreakGlassMarker,
  login: string | null
): boolean {
  if (login === null || login === '') return false
  const key = login.toLowerCase()
  if (key.endsWith('[bot]')) return false
  return ![marker.deployer, marker.approved_by, ...marker.makers].some(
    (other) => other.toLowerCase() === key
  )
}

/**
 * The review of a break-glass deployment as of `now`. Only a closure as
 * `completed` by an independent reviewer is a review; a closure as not
 * planned or duplicate, or by the deployer, the approver, a maker or a bot,
 * counts as no review at all.
 */
export function judgeReview(
  marker: BreakGlassMarker,
  closed: IssueClosure | null,
  now: Date
): ReviewState {
  const due = Date.parse(marker.due)
  if (closed !== null && isReview(marker, closed)) {
    return Date.parse(closed.at) <= due ? 'done' : 'late'
  }
  return now.getTime() <= due ? 'pending' : 'missing'
}

function isReview(marker: BreakGlassMarker, closed: IssueClosure): boolean {
  return (
    (closed.reason ?? '').toLowerCase() === 'completed' &&
    !Number.isNaN(Date.parse(closed.at)) &&
    isIndependentReviewer(marker, closed.by)
  )
}
