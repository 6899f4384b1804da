// report.html, the auditor's packet's readable page (SPEC §7): one
// self-contained file (inline CSS, no script, nothing from the network),
// printable to PDF. Summary, exceptions first, the timeline, a drill-down per
// deployment (the sample first), the break-glass register, the access
// matrix, the controls. Written a piece at a time, each deployment's record
// read when its row is written, so memory stays flat however long the
// population.

import { closeSync, openSync, writeSync } from 'node:fs'
import type { AuditEntry, AuditReport } from '../engine/index.js'
import type { AuditAccessReview } from './access-review.js'
import type { RecordOf } from './csv.js'
import {
  drillDown,
  TIMELINE_HEAD,
  timelineRow
} from './report-html-deployment.js'
import {
  accessSection,
  breakGlassSection,
  controlsSection,
  tally,
  type CheckTally
} from './report-html-registers.js'
import { REPORT_CSS } from './report-html-style.js'
import {
  exceptionItems,
  exceptionsSection,
  summarySection,
  type ExceptionItem
} from './report-html-summary.js'
import { anchorOf, esc } from './report-html-text.js'
import type { Sample } from './sample.js'

export const REPORT_HTML = 'report.html'

export interface ReportHtmlOptions {
  report: AuditReport
  recordOf: RecordOf
  sample: Sample | null
  /** REST base the deployments' URLs are of */
  apiUrl: string
  /** further exceptions from other sources, listed after the report's own */
  exceptions?: readonly ExceptionItem[]
  /** with a baseline: the access review, shown in the access section */
  accessReview?: AuditAccessReview | null
  /** where each piece of the page goes, in order */
  write: (chunk: string) => void
}

const byTime = (a: AuditEntry, b: AuditEntry): number =>
  a.deployment.succeededAt.localeCompare(b.deployment.succeededAt) ||
  a.deployment.id - b.deployment.id

export function writeReportHtml(o: ReportHtmlOptions): void {
  const { report, write } = o
  const repo = `${report.repository.owner}/${report.repository.name}`
  const exceptions = [...exceptionItems(report), ...(o.exceptions ?? [])]
  const linked = new Set(exceptions.map((x) => x.link))
  const isException = (e: AuditEntry): boolean =>
    linked.has(`#${anchorOf(e.deployment.id)}`)
  write(`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`promotion-gate audit: ${repo} ${report.environment}, ${report.period.since} to ${report.period.until}`)}</title>
<style>${REPORT_CSS}</style>
</head><body><main>
`)
  write(
    summarySection({ report, sample: o.sample, exceptions: exceptions.length })
  )
  write(exceptionsSection(exceptions))
  const ordered = [...report.entries].sort(byTime)
  const view = (entry: AuditEntry): Parameters<typeof timelineRow>[0] => ({
    report,
    entry,
    record: o.recordOf(entry),
    apiUrl: o.apiUrl
  })

  write(`<section class="part" id="timeline"><h2>Timeline: deployments to ${esc(report.environment)}</h2>
<p class="muted">In time order, each with its promotion path: the upstream deployments the gate relied on, with the time of each success.</p>
<table><thead><tr>${TIMELINE_HEAD.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>
`)
  for (const entry of ordered) write(timelineRow(view(entry)))
  write('</tbody></table>\n</section>\n')

  const drawn = new Set(o.sample?.ids ?? [])
  const tallies: CheckTally = new Map()
  let records = 0
  const drill = (entry: AuditEntry): void => {
    const v = view(entry)
    if (v.record !== null) {
      records++
      tally(tallies, v.record.checks)
    }
    const exception = isException(entry)
    // on screen the sample and the exceptions are open; printed, all are
    write(
      drillDown({
        ...v,
        open: drawn.has(entry.deployment.id) || exception,
        exception
      })
    )
  }
  if (o.sample !== null) {
    write(`<section class="part" id="sample"><h2>Sampled deployments (${drawn.size} of ${report.entries.length})</h2>
<p class="muted">Drawn with seed <code>${esc(o.sample.seed)}</code>; the method is in the summary.</p>
`)
    for (const entry of ordered)
      if (drawn.has(entry.deployment.id)) drill(entry)
    write('</section>\n')
  }
  const rest = ordered.filter((e) => !drawn.has(e.deployment.id))
  write(`<section class="part" id="deployments"><h2>${o.sample === null ? 'Deployments' : 'Other deployments'} (${rest.length})</h2>
`)
  if (rest.length === 0) write('<p class="muted">None.</p>\n')
  for (const entry of rest) drill(entry)
  write('</section>\n')

  write(breakGlassSection(report))
  write(accessSection(report, o.accessReview ?? null))
  write(controlsSection({ tallies, records }))
  write('</main></body></html>\n')
}

/** report.html written to `path` a piece at a time. */
export function writeReportHtmlFile(
  path: string,
  o: Omit<ReportHtmlOptions, 'write'>
): void {
  const fd = openSync(path, 'w', 0o644)
  try {
    writeReportHtml({ ...o, write: (chunk) => void writeSync(fd, chunk) })
  } finally {
    closeSync(fd)
  }
}
