// Peak memory of the gate's process without changing the bundle: a tiny
// CommonJS preload, given to the child as NODE_OPTIONS=--require <file>,
// writes process.resourceUsage().maxRSS (KiB) to BENCH_MAX_RSS_FILE when the
// process exits. Its source is kept here (and written to a temporary file at
// run time) so that it is type-checked and linted with the rest of the bench.

import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const MAX_RSS_ENV = 'BENCH_MAX_RSS_FILE'

export const MAX_RSS_PRELOAD = `'use strict'
// written by scripts/bench/max-rss.ts
const file = process.env.${MAX_RSS_ENV}
if (file !== undefined && file !== '') {
  process.on('exit', () => {
    require('node:fs').writeFileSync(
      file,
      String(process.resourceUsage().maxRSS)
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
