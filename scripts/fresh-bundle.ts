// npm test and npm run demo: rebuild dist/ only when it was not built from
// the sources as they are now (see bundle-freshness.ts).
//
//   tsx scripts/fresh-bundle.ts           rebuild if stale
//   tsx scripts/fresh-bundle.ts --check   only tell; exit 1 if stale
//   tsx scripts/fresh-bundle.ts --committed
//       (npm run demo) also take dist/ as fresh in a checkout that never
//       built it when git says neither dist/ nor anything it is built from
//       differs from the commit: dist/ is then the commit's own build, which
//       CI (.ci/run) rebuilt and compared before it landed. npm test never
//       takes this shortcut.

import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import {
  BUNDLE_INPUTS,
  bundleState,
  sourcesHash,
  STAMP,
  stampBundle
} from './bundle-freshness.js'

const root = fileURLToPath(new URL('..', import.meta.url))

function main(): number {
  const state = bundleState(root)
  const node = `node ${process.version}`
  if (state.fresh) {
    console.log(`dist/ is fresh (${node})`)
    return 0
  }
  if (process.argv.includes('--committed') && committedBuild()) {
    console.log(
      `dist/ is this commit's committed build (unchanged since checkout; CI built and compared it): not rebuilt (${node})`
    )
    return 0
  }
  if (process.argv.includes('--check')) {
    console.error(`dist/ is stale: ${state.why}`)
    return 1
  }
  console.log(`dist/ is stale (${state.why}): npm run bundle (${node})`)
  // hashed before building, so an edit made during the build counts as stale
  const sources = sourcesHash(root)
  const started = Date.now()
  const build = spawnSync('npm', ['run', 'bundle', '--silent'], {
    cwd: root,
    stdio: 'inherit'
  })
  if (build.status !== 0) {
    console.error(`npm run bundle failed (${build.status ?? build.signal})`)
    return 1
  }
  stampBundle(root, sources)
  console.log(`dist/ rebuilt in ${Math.round((Date.now() - started) / 1000)} s`)
  return 0
}

/** No stamp, and git sees no change to dist/ or to what it is built from. */
function committedBuild(): boolean {
  const status = spawnSync(
    'git',
    ['status', '--porcelain', '--', ...BUNDLE_INPUTS, 'dist'],
    { cwd: root, encoding: 'utf8' }
  )
  return (
    status.status === 0 &&
    status.stdout.trim() === '' &&
    bundleState(root).fresh === false &&
    !existsSync(join(root, STAMP))
  )
}

process.exit(main())
