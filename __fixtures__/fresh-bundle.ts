// Scenario tests run dist/ as the runner and users do: a bundle older than
// the sources would pass or fail for code that no longer exists, so each
// scenario test file refuses to start until dist/ is rebuilt.
import { fileURLToPath } from 'node:url'
import { bundleState } from '../scripts/bundle-freshness.js'

const state = bundleState(fileURLToPath(new URL('..', import.meta.url)))
if (!state.fresh) {
  throw new Error(
    `dist/ is stale, so the scenario tests would run old code: ${state.why}. ` +
      'Run `npm run bundle:fresh` (npm test does it first).'
  )
}
