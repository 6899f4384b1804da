// Unit tests run in process: one that starts a child process (the bundle, the
// CLI, git) belongs in the scenarios project, which waits for a fresh dist/.
// Patched for each unit test file and put back after it, since a jest worker
// may run a scenario test file next.
import { afterAll } from '@jest/globals'

// Not imported: the test file's own `import { spawn }` must see the patch, and
// an import here would fix jest's copy of the module's exports before it.
const childProcess = process.getBuiltinModule('node:child_process')

const NAMES = [
  'spawn',
  'spawnSync',
  'exec',
  'execSync',
  'execFile',
  'execFileSync',
  'fork'
] as const
const originals = NAMES.map((name) => [name, childProcess[name]] as const)

for (const name of NAMES) {
  Object.defineProperty(childProcess, name, {
    configurable: true,
    writable: true,
    value: () => {
      throw new Error(
        `a unit test called child_process.${name}: tests that start a child ` +
          'process belong in the scenarios project (SCENARIOS in jest.config.js)'
      )
    }
  })
}

afterAll(() => {
  for (const [name, value] of originals) {
    Object.defineProperty(childProcess, name, {
      configurable: true,
      writable: true,
      value
    })
  }
})
