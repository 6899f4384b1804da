// The audit's access matrix as a periodic access review (SPEC §7, issue 16
// item 7): with a baseline (the last review's access.json, or `access
// --format json`), what changed since goes into the packet (access-review.md),
// into report.html (its access section, and each change that opens access as
// an exception) and into the exit code. When today's matrix could not be
// read, the review could not be made: that is an exception too, never a
// review that found nothing.

import { renderReview, type BaselineFile } from '../access/baseline.js'
import { mdCell } from '../access/render.js'
import { reviewAccess, type AccessReview } from '../access/review.js'
import type { AuditReport } from '../engine/index.js'
import type { ExceptionItem } from './report-html-summary.js'

export const ACCESS_JSON = 'access.json'
export const ACCESS_REVIEW_MD = 'access-review.md'

/** The anchor of the review in report.html's access section. */
export const REVIEW_ANCHOR = 'access-review'

/** The review an audit made against its baseline, or why it made none. */
export type AuditAccessReview =
  | { baseline: BaselineFile; review: AccessReview }
  | { baseline: BaselineFile; error: string }

export function auditAccessReview(
  report: AuditReport,
  baseline: BaselineFile
): AuditAccessReview {
  return 'error' in report.access
    ? {
        baseline,
        error: `the access matrix of now could not be read: ${report.access.error}`
      }
    : { baseline, review: reviewAccess(baseline.matrix, report.access) }
}

/**
 * Each finding of the review that needs a person, one exception item each:
 * every change that opens access or could not be compared, every gap new
 * since the baseline; or the review that could not be made.
 */
export function reviewExceptions(r: AuditAccessReview): ExceptionItem[] {
  const link = `#${REVIEW_ANCHOR}`
  const since = `since the last review (baseline ${r.baseline.name}, made at ${r.baseline.matrix.generatedAt})`
  if ('error' in r) {
    return [
      {
        kind: 'access review not made',
        title: `What changed in access ${since} could not be established`,
        detail: r.error,
        link
      }
    ]
  }
  const weakenedFirst = [
    ...r.review.changes.filter((c) => c.direction === 'weakened'),
    ...r.review.changes.filter((c) => c.direction === 'unknown')
  ]
  return [
    ...weakenedFirst.map((c): ExceptionItem => ({
      kind:
        c.direction === 'weakened'
          ? 'access opened'
          : 'access change not compared',
      title: `${c.subject}: ${c.what}`,
      detail: `${c.direction === 'weakened' ? 'weakened' : 'could not be compared'} ${since}`,
      link
    })),
    ...r.review.newGaps.map((g): ExceptionItem => ({
      kind: 'access gap new',
      title: g,
      detail: `a gap against the policy ${since}`,
      link
    }))
  ]
}

/** access-review.md: the matrix of now, then what changed since the baseline. */
export function reviewMarkdown(
  report: AuditReport,
  r: AuditAccessReview,
  rendered: string
): string {
  if ('error' in r || 'error' in report.access)
    return `${rendered}\n## Changes since the last review\n\nNot made against ${mdCell(r.baseline.name)} (made at ${mdCell(r.baseline.matrix.generatedAt)}): ${mdCell('error' in r ? r.error : 'the access matrix was not read')}\n`
  return renderReview(report.access, r.review, 'md', rendered)
}

/** What the manifest records of the baseline and its review. */
export function baselineManifest(
  r: AuditAccessReview
): Record<string, unknown> {
  return {
    file: r.baseline.name,
    sha256: r.baseline.sha256,
    generated_at: r.baseline.matrix.generatedAt,
    ...('error' in r
      ? { changes: null, not_reviewed: r.error }
      : {
          changes: r.review.changes.length,
          needing_attention: reviewExceptions(r).length,
          new_gaps: r.review.newGaps.length,
          resolved_gaps: r.review.resolvedGaps.length
        })
  }
}
