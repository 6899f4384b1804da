// Whether dist/ was built from the sources as they are now: a content hash of
// everything that goes into the bundle, stored beside dist/ in a git-ignored
// stamp. A hash, not mtimes: a checkout or a clone sets every mtime anew.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** What the runner and the `bin` run, and the rest of the action; all from one `npm run bundle`. */
export const BUNDLES = [
  'dist/index.js',
  'dist/action/index.js',
  'dist/cli/index.js'
] as const
export const STAMP = 'dist/.bundle-stamp.json'
/** What `npm run bundle` runs: the builds' options, the licence join, the chunks' minifying. */
const BUILD_SCRIPT = 'scripts/bundle.ts'
/** Everything sourcesHash reads, for git to compare with the commit. */
export const BUNDLE_INPUTS = [
  'src',
  'package-lock.json',
  'package.json',
  'tsconfig.json',
  BUILD_SCRIPT
] as const

interface Stamp {
  sources: string
  bundles: string
}

export type BundleState = { fresh: true } | { fresh: false; why: string }

function filesUnder(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? filesUnder(root, `${dir}/${e.name}`)
        : e.isFile()
          ? [`${dir}/${e.name}`]
          : []
    )
    .sort()
}

/**
 * src/, the locked dependencies, the compiler settings and the bundle
 * command and script: a change to any of them changes what ncc builds.
 */
export function sourcesHash(root: string): string {
  const hash = createHash('sha256')
  for (const file of [...filesUnder(root, 'src'), 'package-lock.json']) {
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(root, file)))
      .update('\0')
  }
  hash.update(readFileSync(join(root, 'tsconfig.json')))
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>
  }
  hash.update(`\0${pkg.scripts?.bundle ?? ''}`)
  hash.update(readFileSync(join(root, BUILD_SCRIPT)))
  return hash.digest('hex')
}

/**
 * Every file of dist/ but the stamp: the entries, the chunk files they
 * import() on some paths, the source maps and the licences. null when an
 * entry is missing.
 */
function bundlesHash(root: string): string | null {
  if (BUNDLES.some((file) => !existsSync(join(root, file)))) return null
  const hash = createHash('sha256')
  for (const file of filesUnder(root, 'dist')) {
    if (file === STAMP) continue
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(root, file)))
      .update('\0')
  }
  return hash.digest('hex')
}

function readStamp(root: string): Stamp | null {
  try {
    return JSON.parse(readFileSync(join(root, STAMP), 'utf8')) as Stamp
  } catch {
    return null
  }
}

export function bundleState(root: string): BundleState {
  const bundles = bundlesHash(root)
  if (bundles === null) {
    return { fresh: false, why: `${BUNDLES.join(' or ')} is missing` }
  }
  const stamp = readStamp(root)
  if (stamp === null) {
    return {
      fresh: false,
      why: `${STAMP} is missing: this checkout has not built dist/ yet`
    }
  }
  if (stamp.bundles !== bundles) {
    return { fresh: false, why: 'dist/ changed since it was built here' }
  }
  if (stamp.sources !== sourcesHash(root)) {
    return {
      fresh: false,
      why: 'src/, package-lock.json, tsconfig.json or the bundle command changed since dist/ was built'
    }
  }
  return { fresh: true }
}

/** Record that dist/ now holds a build of the sources whose hash is given. */
export function stampBundle(root: string, sources: string): void {
  const bundles = bundlesHash(root)
  if (bundles === null) throw new Error(`${BUNDLES.join(' or ')} is missing`)
  const stamp: Stamp = { sources, bundles }
  writeFileSync(join(root, STAMP), `${JSON.stringify(stamp, null, 2)}\n`)
}
