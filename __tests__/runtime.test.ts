// The tests run on the action's runtime (action.yml `runs.using`): the `node`
// devDependency installs that Node into node_modules/.bin, which npm scripts
// and npx put first on PATH, so jest and the bundles it starts run on it.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'

const read = (path: string): string =>
  readFileSync(new URL(`../${path}`, import.meta.url), 'utf8')
const major = (version: string): number =>
  Number(/^v?(\d+)\./.exec(version)?.[1])
const runtime = Number(
  /^\s+using:\s*node(\d+)\s*$/m.exec(read('action.yml'))?.[1]
)

describe("the tests' Node", () => {
  it('the action runs on a Node major', () => {
    expect(runtime).toBeGreaterThanOrEqual(24)
  })

  it('the `node` devDependency is that major', () => {
    const pkg = JSON.parse(read('package.json')) as {
      devDependencies: Record<string, string>
    }
    const installed = JSON.parse(read('node_modules/node/package.json')) as {
      version: string
    }
    expect(pkg.devDependencies.node).toMatch(new RegExp(`^\\^${runtime}\\.`))
    expect(major(installed.version)).toBe(runtime)
  })

  it('runs these tests (npm test, npx jest: not a Node from elsewhere on PATH)', () => {
    expect({ node: major(process.version) }).toEqual({ node: runtime })
  })
})
