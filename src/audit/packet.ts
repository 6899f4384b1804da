// The auditor's packet of SPEC §7 in `--out DIR`, beside the evidence/ the
// audit wrote as it judged: population.csv, changes.csv, sample.csv (with a
// sample), access.json (and access-review.md with a baseline), report.html and, last, manifest.json with the sha256 of every other file. The
// tables are written a row at a time from the records on disk, so memory
// stays flat however long the population.

import {
  closeSync,
  openSync,
  readFileSync,
  writeFileSync,
  writeSync
} from 'node:fs'
import { join } from 'node:path'
import type {
  AuditEntry,
  AuditReport,
  EvidenceRecord
} from '../engine/index.js'
import {
  changeRows,
  CHANGES_HEADER,
  csvLine,
  populationRow,
  POPULATION_HEADER,
  type RecordOf
} from './csv.js'
import { UNEXPLAINED_FILE, unexplainedCsv } from './completeness.js'
import {
  buildManifest,
  digests,
  MANIFEST,
  type ManifestContext
} from './manifest.js'
import { REPORT_HTML, writeReportHtmlFile } from './report-html.js'
import { renderMatrix } from '../access/render.js'
import {
  ACCESS_JSON,
  ACCESS_REVIEW_MD,
  reviewExceptions,
  reviewMarkdown
} from './access-review.js'

export const PACKET_FILES = {
  population: 'population.csv',
  changes: 'changes.csv',
  sample: 'sample.csv',
  report: REPORT_HTML,
  unexplained: UNEXPLAINED_FILE,
  access: ACCESS_JSON,
  accessReview: ACCESS_REVIEW_MD
} as const

/** The entry's record: held in it, else the one evidence/ holds; null when neither. */
export function packetRecords(dir: string): RecordOf {
  return (entry) => {
    if (entry.evidence !== null) return entry.evidence
    try {
      const text = readFileSync(
        join(dir, 'evidence', `${entry.deployment.id}.json`),
        'utf8'
      )
      return JSON.parse(text) as EvidenceRecord
    } catch {
      // missing or unreadable: its cells say there is no record
      return null
    }
  }
}

/** A CSV file written a record at a time. */
function table(
  path: string,
  header: readonly string[]
): {
  row: (cells: string[]) => void
  close: () => void
} {
  const fd = openSync(path, 'w', 0o644)
  const write = (cells: readonly string[]): void => {
    writeSync(fd, csvLine(cells))
  }
  write(header)
  return { row: write, close: () => closeSync(fd) }
}

export interface PacketWritten {
  files: string[]
  changes: number
}

export function writePacket(o: {
  dir: string
  report: AuditReport
  context: Omit<ManifestContext, 'changes'>
}): PacketWritten {
  const { dir, report } = o
  const recordOf = packetRecords(dir)
  const sampled = new Set(o.context.sample?.ids ?? [])
  const files: string[] = [PACKET_FILES.population, PACKET_FILES.changes]
  const population = table(
    join(dir, PACKET_FILES.population),
    POPULATION_HEADER
  )
  const changes = table(join(dir, PACKET_FILES.changes), CHANGES_HEADER)
  const sample =
    o.context.sample === null
      ? null
      : table(join(dir, PACKET_FILES.sample), POPULATION_HEADER)
  if (sample !== null) files.push(PACKET_FILES.sample)
  let changeCount = 0
  try {
    for (const entry of report.entries as readonly AuditEntry[]) {
      const record = recordOf(entry)
      const row = populationRow({
        report,
        entry,
        record,
        apiUrl: o.context.apiUrl
      })
      population.row(row)
      if (sampled.has(entry.deployment.id)) sample?.row(row)
      for (const change of changeRows({ entry, record })) {
        changes.row(change)
        changeCount++
      }
    }
  } finally {
    population.close()
    changes.close()
    sample?.close()
  }
  // the commits completeness found unexplained (SPEC §7), one header
  writeFileSync(
    join(dir, PACKET_FILES.unexplained),
    unexplainedCsv(report.completeness),
    { mode: 0o644 }
  )
  files.push(PACKET_FILES.unexplained)
  // the matrix exactly as `access --format json` prints it, so this packet's
  // access.json is the next review's --baseline; none when it was not read
  // (the manifest and report.html say why)
  const review = o.context.accessReview ?? null
  if (!('error' in report.access)) {
    const matrix = renderMatrix(report.access, 'md')
    writeFileSync(
      join(dir, PACKET_FILES.access),
      renderMatrix(report.access, 'json'),
      { mode: 0o644 }
    )
    files.push(PACKET_FILES.access)
    if (review !== null) {
      writeFileSync(
        join(dir, PACKET_FILES.accessReview),
        reviewMarkdown(report, review, matrix),
        { mode: 0o644 }
      )
      files.push(PACKET_FILES.accessReview)
    }
  }
  // the page people read, each record read again as its drill-down is written
  writeReportHtmlFile(join(dir, PACKET_FILES.report), {
    report,
    recordOf,
    sample: o.context.sample,
    apiUrl: o.context.apiUrl,
    exceptions: review === null ? [] : reviewExceptions(review),
    accessReview: review
  })
  files.push(PACKET_FILES.report)
  // last: it names the digest of everything else in the directory
  const manifest = buildManifest(
    report,
    { ...o.context, changes: changeCount },
    digests(dir)
  )
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, {
    mode: 0o644
  })
  return { files: [...files, MANIFEST], changes: changeCount }
}
