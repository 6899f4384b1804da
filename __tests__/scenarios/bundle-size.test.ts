// SPEC §9: dist/index.js under 1.5 MB (decimal), minified, with what only
// some paths need in chunk files loaded by import(). The action is two
// bundles (scripts/bundle.ts): dist/index.js, a small CommonJS entry of our
// own code that sends the first requests, and the rest, dist/action/, which
// it imports. Here: the size, what the entry holds (its source map's
// sources), that every chunk a bundle can import is beside it with its map
// and licences, how Node loads each folder, and that a path through a chunk
// (mode: audit) runs from the bundle. Start-up time is measured by
// `npm run bench` (cold-start), not timed here.
import { describe, expect, it } from '@jest/globals'
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  LOADED_ENV,
  loadedBytes,
  writeLoadedPreload
} from '../../scripts/bench/loaded.js'
import { preloadOptions } from '../../scripts/bench/max-rss.js'
import { reviewedChange, standard } from '../../test-support/demo/scenarios.js'
import { runGate } from './helpers.js'

const LIMIT = 1_500_000
/** The ncc bundles: the rest of the action, and the command line. */
const ENTRIES = ['dist/action', 'dist/cli'] as const

const path = (file: string): string =>
  fileURLToPath(new URL(`../../${file}`, import.meta.url))

/** The files (node_modules/… or src/…) a bundle file was built from. */
function sourcesOf(file: string): string[] {
  const map = JSON.parse(readFileSync(path(`${file}.map`), 'utf8')) as {
    sources: string[]
  }
  return map.sources.map((s) => s.replace(/^.*?\/(node_modules|src)\//, '$1/'))
}

/** Chunk ids a bundle file loads (webpack's `__require__.e(id)`). */
function loads(file: string): string[] {
  const code = readFileSync(path(file), 'utf8')
  return [...new Set([...code.matchAll(/\.e\((\d+)\)/g)].map((m) => m[1]))]
    .filter((id): id is string => id !== undefined)
    .sort()
}

/** Every chunk the entry can load, on any path, through other chunks too. */
function chunkIds(dir: string): string[] {
  const seen = new Set<string>()
  const todo = loads(`${dir}/index.js`)
  for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
    if (seen.has(id)) continue
    seen.add(id)
    todo.push(...loads(`${dir}/${id}.index.js`))
  }
  return [...seen].sort()
}

const size = (file: string): number => statSync(path(file)).size

describe('dist/index.js', () => {
  it('is the entry of the action, light enough to send the first requests at once', () => {
    const file = path('dist/index.js')
    expect(existsSync(file)).toBe(true)
    const code = readFileSync(file, 'utf8')
    expect(code).toContain('promotion-gate failed unexpectedly and blocks')
    // minified: long lines (the queries' text keeps its own line breaks)
    expect(code.length / code.split('\n').length).toBeGreaterThan(100)
    expect(code).toMatch(/\n\/\/# sourceMappingURL=index\.js\.map\n?$/)
    const entry = sourcesOf('dist/index.js')
    expect(entry).toContain('src/action/start.ts')
    expect(entry).toContain('src/github/early.ts')
    // our own code only: it has no licences to name
    expect(entry.filter((s) => !s.startsWith('src/'))).toEqual([])
    // the engine and Octokit load while the first requests travel
    expect(entry).not.toContain('src/engine/pipeline.ts')
    expect(entry).not.toContain('src/action/main.ts')
    expect(code).toContain('import("./action/index.js")')
    expect(size('dist/index.js')).toBeLessThan(40_000)
  })

  it('is CommonJS, and the bundles beside it ES modules, by the package.json of each folder', () => {
    const type = (dir: string): unknown =>
      (
        JSON.parse(readFileSync(path(`${dir}/package.json`), 'utf8')) as {
          type?: unknown
        }
      ).type
    expect(type('dist')).toBe('commonjs')
    for (const dir of ENTRIES) expect(type(dir)).toBe('module')
    expect(readFileSync(path('dist/index.js'), 'utf8')).toMatch(
      /^"use strict";/
    )
  })

  it(`loads under ${LIMIT.toLocaleString('en')} bytes for a decision, seen in a run of one`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'promotion-gate-loaded-'))
    try {
      const record = join(dir, 'loaded.txt')
      const { world, run } = standard(reviewedChange)
      const r = await runGate(world, run, {
        env: {
          NODE_OPTIONS: preloadOptions(writeLoadedPreload(dir)),
          [LOADED_ENV]: record
        }
      })
      expect(r.outputs.decision).toBe('allow')
      const loaded = loadedBytes(
        readFileSync(record, 'utf8'),
        path('.').replace(/\/$/, '')
      )
      expect(loaded.files.slice(0, 2)).toEqual([
        'dist/index.js',
        'dist/action/index.js'
      ])
      // the decision's code comes from chunk files beside the rest's entry
      expect(loaded.files.length).toBeGreaterThan(2)
      const sources = loaded.files
        .filter((f) => f.endsWith('.js'))
        .flatMap(sourcesOf)
      expect(sources).toContain('src/engine/pipeline.ts')
      expect(sources).toContain('src/action/main.ts')
      expect(loaded.bytes).toBeGreaterThan(100_000)
      expect(loaded.bytes).toBeLessThan(LIMIT)
      // not what only some paths need
      const eager = sources.filter((s) =>
        /^(node_modules\/(undici|tunnel|@actions\/core|@actions\/exec)\/|src\/action\/audit\.ts$|node_modules\/@actions\/http-client\/lib\/index\.js$)/.test(
          s
        )
      )
      expect(eager).toEqual([])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe.each(ENTRIES)('%s/ chunk files', (dir) => {
  it('are all there, minified, each with its source map', () => {
    const ids = chunkIds(dir)
    // the proxy's undici at least; the action's audit mode too
    expect(ids.length).toBeGreaterThanOrEqual(dir === 'dist/action' ? 3 : 2)
    for (const id of ids) {
      const chunk = `${dir}/${id}.index.js`
      expect(existsSync(path(chunk))).toBe(true)
      const code = readFileSync(path(chunk), 'utf8')
      expect(code).toContain(`//# sourceMappingURL=${id}.index.js.map`)
      // ncc minifies only its entries, scripts/bundle.ts the chunks: long
      // lines (ncc's own run to 30 characters or so)
      expect(code.length / code.split('\n').length).toBeGreaterThan(200)
      expect(sourcesOf(chunk).length).toBeGreaterThan(0)
    }
    const lazy = ids.flatMap((id) => sourcesOf(`${dir}/${id}.index.js`))
    expect(lazy.some((s) => s.startsWith('node_modules/undici/'))).toBe(true)
  })

  it('have their packages named in the one licenses.txt', () => {
    const licenses = readFileSync(path(`${dir}/licenses.txt`), 'utf8')
    const packages = new Set(
      [dir, ...chunkIds(dir).map((id) => `${dir}/${id}.index.js`)]
        .flatMap((file) => sourcesOf(file === dir ? `${dir}/index.js` : file))
        .map((s) => /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(s)?.[1])
        .filter((p): p is string => p !== undefined)
    )
    expect(packages.has('undici')).toBe(true)
    expect(packages.has('yaml')).toBe(true)
    // each package's notice starts with its name on a line of its own
    const named = new Set(licenses.split('\n'))
    expect([...packages].filter((name) => !named.has(name))).toEqual([])
  })
})

describe('a path through a chunk, run from the bundle', () => {
  it('mode: audit loads its chunk and writes the report', async () => {
    const { world, run } = standard(reviewedChange)
    const r = await runGate(world, {
      ...run,
      inputs: {
        ...run.inputs,
        mode: 'audit',
        'audit-since': '31d',
        'audit-exceptions': 'report'
      }
    })
    expect(r.stderr).toBe('')
    expect(r.exitCode).toBe(0)
    expect(r.outputs.summary).toMatch(
      /audit of production, .*: 1 deployments, 1 would not have passed the gate/
    )
    expect(r.summary).toContain('# Deployments to production')
  })
})
