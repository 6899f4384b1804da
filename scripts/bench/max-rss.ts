// Peak memory of the gate's process without changing the bundle: a tiny
// CommonJS preload, given to the child as NODE_OPTIONS=--require <file>,
// appends process.resourceUsage().maxRSS (KiB) to BENCH_MAX_RSS_FILE when the
// process exits. Every node process of the gate appends its own line (the
// audit runs in a second one, src/action/audit-process.ts, which inherits
// NODE_OPTIONS), and the peak reported is their sum: an upper bound of what
// the runner holds at once. Its source is kept here (and written to a
// temporary file at run time) so that it is type-checked and linted with the
// rest of the bench.

import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const MAX_RSS_ENV = 'BENCH_MAX_RSS_FILE'

export const MAX_RSS_PRELOAD = `'use strict'
// written by scripts/bench/max-rss.ts
const file = process.env.${MAX_RSS_ENV}
if (file !== undefined && file !== '') {
  process.on('exit', () => {
    require('node:fs').appendFileSync(
      file,
      String(process.resourceUsage().maxRSS) + '\\n'
    )
  })
}
`

/** Write the preload into `dir`; returns its path. */
export function writePreload(dir: string): string {
  const file = join(dir, 'max-rss.cjs')
  writeFileSync(file, MAX_RSS_PRELOAD)
  return file
}

/** NODE_OPTIONS that load the preload (quoted, as Node parses the variable). */
export function preloadOptions(file: string): string {
  return `--require ${JSON.stringify(file)}`
}

/** The preload's file read back: the sum of every process's peak (KiB). */
export function readPeakKiB(text: string): number {
  const peaks = text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map(Number)
  return peaks.length === 0 || peaks.some((p) => !Number.isFinite(p))
    ? NaN
    : peaks.reduce((a, b) => a + b, 0)
}
