// Which files of the bundle a run loads, without changing the bundle: a
// CommonJS preload (NODE_OPTIONS=--require <file>) that registers Node's
// module hooks (module.registerHooks, Node 22.15 and later) and appends the
// URL of every file module loaded, CommonJS or ES module, to
// BENCH_LOADED_FILE. The bundle size of SPEC §9 is what a decision loads:
// the entry, the rest of the action it imports, and any chunk that path
// reaches, found by running one, not by reading import() calls.

import { statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export const LOADED_ENV = 'BENCH_LOADED_FILE'

export const LOADED_PRELOAD = `'use strict'
// written by scripts/bench/loaded.ts
const file = process.env.${LOADED_ENV}
const { registerHooks } = require('node:module')
if (file !== undefined && file !== '' && typeof registerHooks === 'function') {
  const { appendFileSync } = require('node:fs')
  registerHooks({
    load(url, context, nextLoad) {
      if (url.startsWith('file:')) appendFileSync(file, url + '\\n')
      return nextLoad(url, context)
    }
  })
}
`

/** Write the preload into `dir`; returns its path. */
export function writeLoadedPreload(dir: string): string {
  const file = join(dir, 'loaded.cjs')
  writeFileSync(file, LOADED_PRELOAD)
  return file
}

export interface LoadedBytes {
  /** paths relative to `root`, in the order first loaded */
  files: string[]
  bytes: number
}

/**
 * The files under `dir` (of `root`) the preload saw loaded, read back from
 * its file, with their sizes summed; each counted once.
 */
export function loadedBytes(
  text: string,
  root: string,
  dir = 'dist'
): LoadedBytes {
  const files: string[] = []
  for (const line of text.split('\n')) {
    if (!line.startsWith('file:')) continue
    const path = relative(root, fileURLToPath(line))
    if (path.startsWith(`${dir}/`) && !files.includes(path)) files.push(path)
  }
  return {
    files,
    bytes: files.reduce((sum, f) => sum + statSync(join(root, f)).size, 0)
  }
}
