// The table `npm run bench` prints as it goes: one row per case, the budgets
// GitHub rations (REST requests, GraphQL points, nodes) beside the times.

import type { CaseResult, TargetResult } from './results.js'

const COLUMNS: [string, number][] = [
  ['case', 18],
  ['requests', 8],
  ['REST', 4],
  ['GQL', 4],
  ['trips', 5],
  ['points', 6],
  ['max nodes', 9],
  ['pts left', 8],
  ['wall ms', 8],
  ['1st req ms', 10],
  ['RSS MB', 7],
  ['sim ms', 7],
  ['decision', 8],
  ['', 0]
]

function row(cells: string[]): string {
  return cells
    .map((cell, i) => {
      const [, width] = COLUMNS[i] ?? ['', 0]
      return i === 0 ? cell.padEnd(width) : cell.padStart(width)
    })
    .join('  ')
    .trimEnd()
}

export function tableHeader(): string {
  return (
    row(COLUMNS.map(([name]) => name)) +
    '\n' +
    row(COLUMNS.map(([, w]) => '-'.repeat(w)))
  )
}

const span = ([lo, hi]: [number, number], value: number): string =>
  lo === hi ? String(value) : `${lo}-${hi}`

/** What the last column says beside the decision. */
export function remark(r: CaseResult): string {
  if (r.rateLimited) {
    return `RATE LIMITED (${r.refused.rateLimited} refused after ${r.points} points)`
  }
  if (!r.ok) return 'UNEXPECTED'
  if (r.refused.nodeLimit > 0) return `${r.refused.nodeLimit} over node limit`
  return r.runs > 1 ? `median of ${r.runs}` : ''
}

export function tableRow(r: CaseResult): string {
  const fmt = (n: number | null, digits = 0): string =>
    n === null ? '-' : n.toFixed(digits)
  return row([
    r.name,
    span(r.requestsRange, r.requests),
    String(r.restRequests),
    String(r.graphqlRequests),
    String(r.roundTrips),
    span(r.pointsRange, r.points),
    r.largestNodes === null ? '-' : r.largestNodes.toLocaleString('en-US'),
    String(r.budgetLeft.graphqlPoints),
    fmt(r.wallMs),
    fmt(r.firstRequestMs),
    fmt(r.peakRssMB, 1),
    fmt(r.serverMs),
    r.decision,
    remark(r)
  ])
}

export function targetLine(t: TargetResult): string {
  const verdict = t.pass === null ? 'n/a ' : t.pass ? 'pass' : 'FAIL'
  return `  ${verdict}  ${t.spec}: ${t.target}; measured ${t.measured}`
}
