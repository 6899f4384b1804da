// npm test and npm run demo: rebuild dist/ only when it was not built from
// the sources as they are now (see bundle-freshness.ts).
//
//   tsx scripts/fresh-bundle.ts           rebuild if stale
//   tsx scripts/fresh-bundle.ts --check   only tell; exit 1 if stale

import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { bundleState, sourcesHash, stampBundle } from './bundle-freshness.js'

const root = fileURLToPath(new URL('..', import.meta.url))

function main(): number {
  const state = bundleState(root)
  const node = `node ${process.version}`
  if (state.fresh) {
    console.log(`dist/ is fresh (${node})`)
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

process.exit(main())
