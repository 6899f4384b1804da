// npm run bundle: the action and the command line, minified, with source
// maps, in three builds:
//
// - dist/index.js, the action's entry: what it does before its first
//   requests (inputs, the requests themselves, the runner's commands),
//   built by esbuild as one small CommonJS file. Node loads CommonJS faster
//   than a module, and esbuild's output has no module runtime to set up:
//   5 ms less to the first request than ncc's entry (SPEC §9). It holds our
//   own sources only (checked here), so it has no licences of its own.
// - dist/action/, the rest of the action (src/action/rest.ts, the entry's
//   ./main.js), and dist/cli/, the command line: ncc, as ES modules. The
//   decision's code and what only some paths need (audit mode, the proxy's
//   undici, each CLI command) are loaded by import() from chunk files ncc
//   writes beside index.js (NNN.index.js, deterministic ids). ncc minifies
//   only its entries; the chunks are minified here by esbuild, which keeps
//   the parentheses around each module's function (V8 compiles such a
//   function as it reads it, not again when it first runs) and follows
//   ncc's source maps back to the sources. A decision loads 0.65 MB
//   instead of 1.37, and its rest is loaded 11 ms sooner (SPEC §9).
//
// Each folder says how Node loads its .js files (a package.json with only
// "type"), since the repository's own says "module".
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
import { build as esbuild, type Plugin } from 'esbuild'

/** The action's entry, and where its import of the rest goes. */
const START = {
  entry: 'src/action/index.ts',
  out: 'dist/index.js',
  rest: { source: './main.js', bundle: './action/index.js' }
} as const

const BUILDS = [
  { entry: 'src/action/rest.ts', out: 'dist/action' },
  { entry: 'src/cli/index.ts', out: 'dist/cli' }
] as const

/** How Node loads each folder's .js files. */
const TYPES = [
  { dir: 'dist', type: 'commonjs' },
  { dir: 'dist/action', type: 'module' },
  { dir: 'dist/cli', type: 'module' }
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
    // folders are other builds'; dist/.bundle-stamp.json is the stamp's
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

/** The entry's import of the rest, left as an import of the rest's bundle. */
const restOfAction: Plugin = {
  name: 'rest-of-action',
  setup(build) {
    build.onResolve({ filter: /^\.\/main\.js$/ }, (args) =>
      args.path === START.rest.source && args.importer.endsWith(START.entry)
        ? { path: START.rest.bundle, external: true }
        : undefined
    )
  }
}

/** A bundle's chunk files: ncc's ids, `NNN.index.js`. */
const CHUNK = /^\d+\.index\.js$/

/**
 * `out`'s chunk files minified in place, with their maps. Names are kept,
 * as ncc keeps them in its entries (terser's keep_fnames and
 * keep_classnames): errors name their class (`new.target.name`).
 */
async function minifyChunks(root: string, out: string): Promise<void> {
  const chunks = readdirSync(join(root, out))
    .filter((name) => CHUNK.test(name))
    .map((name) => join(out, name))
  await esbuild({
    absWorkingDir: root,
    entryPoints: chunks,
    outdir: out,
    allowOverwrite: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    minify: true,
    keepNames: true,
    // the input's own map (ncc's, named by its sourceMappingURL) is
    // followed, so the output's maps to the sources
    sourcemap: true,
    legalComments: 'inline',
    logLevel: 'warning'
  })
}

/** dist/index.js; an error names what went wrong. */
async function buildStart(root: string): Promise<string | null> {
  const result = await esbuild({
    absWorkingDir: root,
    entryPoints: [START.entry],
    outfile: START.out,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node24',
    minify: true,
    sourcemap: true,
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [restOfAction]
  })
  const foreign = Object.keys(result.metafile.inputs).filter(
    (input) => !input.startsWith('src/')
  )
  if (foreign.length > 0) {
    return `${START.out} would hold code other than ours, without its licence: ${foreign.join(', ')}`
  }
  const output = result.metafile.outputs[START.out]
  const imports =
    output?.imports.filter((i) => i.external && !i.path.startsWith('node:')) ??
    []
  if (imports.length !== 1 || imports[0]?.path !== START.rest.bundle) {
    return `${START.out} must import the rest of the action from ${START.rest.bundle} and nothing else of its own; it imports ${imports.map((i) => i.path).join(', ') || 'nothing'}`
  }
  return null
}

async function main(): Promise<number> {
  const root = fileURLToPath(new URL('..', import.meta.url))
  const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc')
  for (const { dir } of TYPES) clean(root, dir)
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
    await minifyChunks(root, out)
  }
  const failed = await buildStart(root)
  if (failed !== null) {
    console.error(`npm run bundle: ${failed}`)
    return 1
  }
  for (const { dir, type } of TYPES) {
    writeFileSync(
      join(root, dir, 'package.json'),
      `${JSON.stringify({ type }, null, 2)}\n`
    )
  }
  console.log(
    `${START.out}: ${statSync(join(root, START.out)).size.toLocaleString('en-US')} bytes (esbuild, CommonJS)`
  )
  return 0
}

process.exit(await main())
