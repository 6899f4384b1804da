// `--sample N --seed S`: a reproducible random sample of the population
// (SPEC §7), drawn as the printed method says, so an auditor can re-draw it.
import { afterEach, describe, expect, it } from '@jest/globals'
import { parse } from 'csv-parse/sync'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { drawSample, newSeed, SAMPLE_METHOD } from '../../src/audit/sample.js'
import { auditWorld } from '../../test-support/demo/audit-world.js'
import { OWNER, REPO, type World } from '../../test-support/demo/scenarios.js'
import {
  startSimulator,
  type SimulatorServer
} from '../../test-support/sim/server.js'
import { cli } from '../cli/helpers.js'

/**
 * The method as an auditor would follow SAMPLE_METHOD's words, written
 * apart from the product's code: sort, then for each i a SHA-256 of
 * "<seed>:<i>", its first 8 bytes as a number, a swap.
 */
function byTheWords(ids: number[], n: number, seed: string): number[] {
  const order = [...ids].sort((a, b) => a - b)
  const m = order.length
  for (let i = 0; i < Math.min(n, m); i++) {
    const hex = createHash('sha256')
      .update(`${seed}:${i}`)
      .digest('hex')
      .slice(0, 16)
    const k = BigInt(`0x${hex}`)
    const j = i + Number(k % BigInt(m - i))
    ;[order[i], order[j]] = [order[j] as number, order[i] as number]
  }
  return order.slice(0, Math.min(n, m)).sort((a, b) => a - b)
}

const population = Array.from({ length: 100 }, (_, i) => 1000 + i * 7)

describe('drawSample', () => {
  it('draws the same sample from the same seed, whatever order the population comes in', () => {
    const a = drawSample(population, 15, 'audit-2026-q4')
    const b = drawSample([...population].reverse(), 15, 'audit-2026-q4')
    expect(a.ids).toHaveLength(15)
    expect(new Set(a.ids).size).toBe(15)
    expect(a.ids.every((id) => population.includes(id))).toBe(true)
    expect(b.ids).toEqual(a.ids)
  })

  it('draws another sample from another seed', () => {
    const a = drawSample(population, 15, 'seed-a')
    const b = drawSample(population, 15, 'seed-b')
    expect(b.ids).not.toEqual(a.ids)
  })

  it('takes every deployment when N is the population or more', () => {
    expect(drawSample(population, 100, 's').ids).toEqual(population)
    expect(drawSample(population, 500, 's').ids).toEqual(population)
    expect(drawSample([], 5, 's').ids).toEqual([])
  })

  it('is what the printed method says, step by step', () => {
    expect(drawSample(population, 1, 'x').method).toBe(SAMPLE_METHOD)
    expect(SAMPLE_METHOD).toContain('SHA-256')
    expect(SAMPLE_METHOD).toContain('"<seed>:<i>"')
    for (const seed of ['audit-2026-q4', 'a', newSeed(), newSeed()]) {
      for (const n of [1, 15, 20, 99]) {
        expect(drawSample(population, n, seed).ids).toEqual(
          byTheWords(population, n, seed)
        )
      }
    }
  })

  it('draws each deployment about as often as any other', () => {
    // 2,000 draws of 10 of 100: each id about 200 times; a biased method
    // (e.g. always the lowest ids) falls far outside
    const counts = new Map<number, number>()
    for (let s = 0; s < 2000; s++) {
      for (const id of drawSample(population, 10, `s${s}`).ids) {
        counts.set(id, (counts.get(id) ?? 0) + 1)
      }
    }
    expect(counts.size).toBe(100)
    for (const c of counts.values()) {
      expect(c).toBeGreaterThan(140)
      expect(c).toBeLessThan(260)
    }
  })
})

let server: SimulatorServer | null = null
const dirs: string[] = []
afterEach(async () => {
  await server?.close()
  server = null
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function audit(
  w: World,
  more: string[]
): Promise<Awaited<ReturnType<typeof cli>>> {
  await server?.close()
  server = await startSimulator(w.sim)
  return cli(
    [
      'audit',
      '--repo',
      `${OWNER}/${REPO}`,
      '--environment',
      'production',
      '--since',
      '30d',
      '--api-url',
      server.url,
      ...more
    ],
    { GITHUB_TOKEN: w.sim.adminToken() }
  )
}

function idsOf(csv: string): string[] {
  return parse<Record<string, string>>(csv, {
    columns: true,
    record_delimiter: '\r\n'
  }).map((r) => r.deployment_id as string)
}

describe('promotion-gate audit --sample N --seed S', () => {
  it('writes sample.csv with the population’s columns, lists the sample first and prints the seed and method', async () => {
    const { world: w } = auditWorld(5)
    const dir = mkdtempSync(join(tmpdir(), 'sample-'))
    dirs.push(dir)
    const r = await audit(w, ['--out', dir, '--sample', '2', '--seed', 'q4'])
    expect(r.code).toBe(0)
    const population = readFileSync(join(dir, 'population.csv'), 'utf8')
    const sample = readFileSync(join(dir, 'sample.csv'), 'utf8')
    expect(sample.split('\r\n')[0]).toBe(population.split('\r\n')[0])
    const all = idsOf(population)
    const drawn = drawSample(all.map(Number), 2, 'q4').ids.map(String)
    expect(idsOf(sample)).toEqual(drawn)
    // each sampled row is the population's row
    for (const line of sample.split('\r\n').slice(1, -1)) {
      expect(population).toContain(line)
    }
    expect(r.stderr).toContain(
      'sample of 2 of 5 deployments, seed q4 (re-draw: --sample 2 --seed q4)'
    )
    expect(r.stderr).toContain(SAMPLE_METHOD)
    const md = r.stdout
    expect(md).toContain('## Sample: 2 of 5 deployments')
    expect(md.indexOf('## Sample')).toBeLessThan(md.indexOf('| Deployment |'))
    const section = md.slice(
      md.indexOf('## Sample'),
      md.indexOf(
        '\n\n| Deployment | Succeeded | Commit | Deployer | Decision | Changes | Problems |'
      )
    )
    for (const id of drawn) expect(section).toContain(`#${id}`)
    expect(section).toMatch(/\| alice \| bob \(#\d+, \d{4}-[^)]+\) \|/)
    const manifest = JSON.parse(
      readFileSync(join(dir, 'manifest.json'), 'utf8')
    ) as { sample: { seed: string; deployment_ids: number[] } }
    expect(manifest.sample.seed).toBe('q4')
    expect(manifest.sample.deployment_ids.map(String)).toEqual(drawn)
  }, 60_000)

  it('draws a seed when none is given and prints it: the same seed draws the same sample again', async () => {
    const { world: w } = auditWorld(6)
    const first = await audit(w, ['--sample', '3', '--format', 'csv'])
    const seed = /seed ([0-9a-f]{16}) \(re-draw/.exec(first.stderr)?.[1]
    expect(seed).toBeDefined()
    const dirA = mkdtempSync(join(tmpdir(), 'sample-'))
    const dirB = mkdtempSync(join(tmpdir(), 'sample-'))
    dirs.push(dirA, dirB)
    await audit(w, ['--out', dirA, '--sample', '3', '--seed', seed ?? ''])
    await audit(w, ['--out', dirB, '--sample', '3', '--seed', seed ?? ''])
    const a = idsOf(readFileSync(join(dirA, 'sample.csv'), 'utf8'))
    expect(a).toHaveLength(3)
    expect(idsOf(readFileSync(join(dirB, 'sample.csv'), 'utf8'))).toEqual(a)
  }, 60_000)

  it('refuses --seed without --sample, and a sample that is not a whole number', async () => {
    const { world: w } = auditWorld(1)
    const seedOnly = await audit(w, ['--seed', 'x'])
    expect(seedOnly.code).toBe(2)
    expect(seedOnly.stderr).toContain('--seed needs --sample N')
    const zero = await audit(w, ['--sample', '0'])
    expect(zero.code).toBe(2)
    expect(zero.stderr).toContain('--sample must be a whole number')
  }, 60_000)
})
