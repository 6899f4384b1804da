// npm run bundle: the action (dist/) and the command line (dist/cli/), each
// built by ncc, minified, with source maps. What only some paths need (audit
// mode, the proxy's undici, each CLI command) is loaded by import() from
// chunk files ncc writes beside index.js (NNN.index.js, deterministic ids).
//
// ncc writes the licences of each chunk's packages to a file named after the
// chunk (one fixed name would keep the last chunk's only); they are joined
// here into the one licenses.txt, the entry's first, duplicates left in.

import { spawnSync } from 'node:child_process'
import {
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const BUILDS = [
  { entry: 'src/action/index.ts', out: 'dist' },
  { entry: 'src/cli/index.ts', out: 'dist/cli' }
] as const

const LICENSES = 'licenses.txt'
const PER_CHUNK = /^(.+)\.licenses\.txt$/

/** Files a build writes: everything in `out` but folders and dotfiles. */
function clean(root: string, out: string): void {
  const dir = join(root, out)
  let names: string[] = []
  try {
    names = readdirSync(dir)
  } catch {
    return
  }
  for (const name of names) {
    const path = join(dir, name)
    // dist/cli/ is the other build's; dist/.bundle-stamp.json is the stamp's
    if (!name.startsWith('.') && statSync(path).isFile()) rmSync(path)
  }
}

/** `main` (the entry) first, then the chunks by their numeric id. */
function chunkOrder(a: string, b: string): number {
  if (a === 'main') return -1
  if (b === 'main') return 1
  return Number(a) - Number(b)
}

function joinLicenses(dir: string): void {
  const files = readdirSync(dir)
    .map((name) => PER_CHUNK.exec(name)?.[1])
    .filter((chunk): chunk is string => chunk !== undefined)
    .sort(chunkOrder)
  const texts = files.map((chunk) => {
    const path = join(dir, `${chunk}.licenses.txt`)
    const text = readFileSync(path, 'utf8').trimEnd()
    rmSync(path)
    return text
  })
  writeFileSync(join(dir, LICENSES), `${texts.join('\n\n')}\n`)
}

function main(): number {
  const root = fileURLToPath(new URL('..', import.meta.url))
  const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc')
  for (const { out } of BUILDS) clean(root, out)
  for (const { entry, out } of BUILDS) {
    const build = spawnSync(
      process.execPath,
      [
        join(ncc, 'cli.js'),
        'build',
        entry,
        '-o',
        out,
        '--minify',
        '--source-map',
        // Node maps stack traces itself (process.setSourceMapsEnabled in
        // each entry): no 41 kB source-map-support to load at every start.
        '--no-source-map-register',
        '--license',
        '[name].licenses.txt'
      ],
      { cwd: root, stdio: 'inherit' }
    )
    if (build.status !== 0) return 1
    joinLicenses(join(root, out))
  }
  return 0
}

process.exit(main())
