// npm run bench (SPEC §9, issue 5): the bundled gate (dist/index.js), spawned
// as the runner spawns it, against the GitHub simulator on 127.0.0.1 with a
// fixed latency per request. Per case: HTTP requests (REST and GraphQL), the
// GraphQL points and nodes GitHub would charge, wall time, time to the
// first request, peak memory, and a check that the decision is the expected
// one. A full run at the default latency writes bench/results.json,
// bench/chart.svg and BENCHMARKS.md.
//
//   npm run bench
//   npm run bench -- --quick                  skip the sizes of 1,000
//   npm run bench -- --only typical,range-20  only these cases
//   npm run bench -- --latency 50             another latency per request
//   npm run bench -- --runs 1                 runs per case (default: 7 typical, 3 others)
//   npm run bench -- --write                  write the outputs of a partial run too
//   npm run bench -- --render                 re-render the report from bench/results.json

import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { CASES, UNAVAILABLE, isLarge, type BenchCase } from './bench/cases.js'
import { measure, measureFloor, type Sample } from './bench/measure.js'
import {
  loadedBytes,
  writeLoadedPreload,
  type LoadedBytes
} from './bench/loaded.js'
import { writePreload } from './bench/max-rss.js'
import {
  RESULTS_FORMAT,
  summarise,
  type BenchResults,
  type CaseResult
} from './bench/results.js'
import { tableHeader, tableRow, targetLine } from './bench/table.js'
import { DEFAULT_LATENCY_MS, evaluateTargets } from './bench/targets.js'
import { observe } from './bench/observations.js'
import { renderMarkdown } from './bench/report.js'
import { renderChart } from './bench/chart.js'
import { shapeCosts } from './bench/shapes.js'
import { standard, reviewedChange } from '../test-support/demo/scenarios.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BUNDLE = join(ROOT, 'dist', 'index.js')
// an audit of 10,000 deployments runs for minutes; a hang still ends
const RUN_TIMEOUT_MS = 600_000

interface Options {
  latencyMs: number
  only: string[] | null
  quick: boolean
  write: boolean
  /** only re-render BENCHMARKS.md and the chart from bench/results.json */
  render: boolean
  /** runs per case instead of each case's own */
  runs: number | null
}

function usage(): string {
  const names = [...CASES.map((c) => c.name), 'bundle-size']
  return [
    'usage: npm run bench -- [--latency <ms>] [--only <case,...>] [--quick] [--runs <n>] [--write]',
    `cases: ${names.join(', ')}`,
    `not available yet: ${UNAVAILABLE.map((u) => u.name).join(', ')}`
  ].join('\n')
}

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      latency: { type: 'string' },
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      runs: { type: 'string' },
      write: { type: 'boolean', default: false },
      render: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false }
    },
    strict: true,
    allowPositionals: false
  })
  if (values.help === true) {
    console.log(usage())
    process.exit(0)
  }
  const latencyMs =
    values.latency === undefined ? DEFAULT_LATENCY_MS : Number(values.latency)
  if (!Number.isInteger(latencyMs) || latencyMs < 0) {
    throw new Error(
      `--latency wants a whole number of ms, not ${values.latency}`
    )
  }
  const runs = values.runs === undefined ? null : Number(values.runs)
  if (runs !== null && (!Number.isInteger(runs) || runs < 1)) {
    throw new Error(
      `--runs wants a whole number of 1 or more, not ${values.runs}`
    )
  }
  const only =
    values.only === undefined
      ? null
      : values.only
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '')
  if (only !== null) {
    const known = new Set([
      ...CASES.map((c) => c.name),
      ...UNAVAILABLE.map((u) => u.name),
      'bundle-size'
    ])
    const unknown = only.filter((n) => !known.has(n))
    if (unknown.length > 0) {
      throw new Error(`no case ${unknown.join(', ')}\n${usage()}`)
    }
  }
  return {
    latencyMs,
    only,
    quick: values.quick === true,
    write: values.write === true,
    render: values.render === true,
    runs
  }
}

/** git's output; with `status`, 'yes'/'no' for exit code 0/1 instead. */
function git(args: string[], status = false): string | null {
  try {
    const out = execFileSync('git', args, {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore']
    })
    return status ? 'yes' : out.trimEnd()
  } catch (error) {
    const code = (error as { status?: unknown }).status
    return status && code === 1 ? 'no' : null
  }
}

/** The sources the action's bundles are built from (not the simulator or the demo). */
const BUNDLED_SOURCES = [
  'src/action',
  'src/engine',
  'src/github',
  'src/report',
  'src/types',
  'src/version.ts'
]

/**
 * What a decision loads, seen in one run of it (./bench/loaded.ts): the
 * entry, dist/index.js, the rest of the action it imports and any chunk
 * that path reaches; not what only other paths load (audit mode, the proxy
 * client). The run is the bench's unmeasured first one.
 */
async function decisionBytes(o: {
  preload: string
  tmp: string
}): Promise<LoadedBytes> {
  const file = join(o.tmp, 'loaded.txt')
  // One unmeasured run: the simulator builds GitHub's GraphQL schema on its
  // first query (about half a second) and the OS caches node and the
  // bundle. Neither is the gate's cost.
  await measure(standard(reviewedChange), {
    latencyMs: 0,
    preload: o.preload,
    tmp: o.tmp,
    timeoutMs: RUN_TIMEOUT_MS,
    loaded: { preload: writeLoadedPreload(o.tmp), file }
  })
  const loaded = existsSync(file)
    ? loadedBytes(readFileSync(file, 'utf8'), ROOT)
    : { files: [], bytes: 0 }
  if (!loaded.files.includes('dist/index.js')) {
    throw new Error(
      'the bench saw no dist/index.js loaded: Node lacks module.registerHooks (22.15 or later), or the decision did not run'
    )
  }
  return loaded
}

function bundleInfo(loaded: LoadedBytes): BenchResults['bundle'] {
  const bytes = loaded.bytes
  const same = git(['diff', '--quiet', 'HEAD', '--', 'dist/index.js'], true)
  const changed = git(['status', '--porcelain', '--', ...BUNDLED_SOURCES])
  return {
    path: 'dist/index.js',
    loaded: loaded.files,
    bytes,
    mb: bytes / 1_000_000,
    sha256: createHash('sha256').update(readFileSync(BUNDLE)).digest('hex'),
    matchesHead: same === null ? null : same === 'yes',
    uncommittedSources:
      changed === null
        ? null
        : changed
            .split('\n')
            .map((l) => l.slice(3).trim())
            .filter((l) => l !== '')
  }
}

// -- main --------------------------------------------------------------------

/** The report and chart again from the measured results, shapes, targets and observations recomputed. */
function render(): number {
  const file = join(ROOT, 'bench', 'results.json')
  const measured = JSON.parse(readFileSync(file, 'utf8')) as BenchResults
  if (measured.format !== RESULTS_FORMAT) {
    console.error(
      `bench/results.json is format ${measured.format ?? 1}, not ${RESULTS_FORMAT} (it has no GraphQL points): run \`npm run bench\` again`
    )
    return 2
  }
  const costed = { ...measured, shapes: shapeCosts() }
  const all: BenchResults = {
    ...costed,
    targets: evaluateTargets(costed),
    observations: observe(measured)
  }
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`)
  writeFileSync(join(ROOT, 'bench', 'chart.svg'), renderChart(all))
  writeFileSync(join(ROOT, 'BENCHMARKS.md'), renderMarkdown(all))
  console.log('re-rendered bench/results.json, bench/chart.svg, BENCHMARKS.md')
  return 0
}

async function main(): Promise<number> {
  const o = options(process.argv.slice(2))
  if (o.render) return render()
  if (!existsSync(BUNDLE)) {
    console.error('dist/index.js is missing: run `npm run bundle` first')
    return 2
  }
  const wanted = (name: string): boolean =>
    o.only === null || o.only.includes(name)
  const chosen = CASES.filter((c) => wanted(c.name) && !(o.quick && isLarge(c)))
  const complete = o.only === null && !o.quick
  const loadBefore = loadavg()[0] ?? 0
  const tmp = mkdtempSync(join(tmpdir(), 'promotion-gate-bench-'))
  const preload = writePreload(tmp)
  try {
    const loaded = await decisionBytes({ preload, tmp })
    const bundle = bundleInfo(loaded)
    if (bundle.matchesHead === false) {
      console.warn(
        'note: dist/index.js differs from the one committed at HEAD (a local build)'
      )
    }
    if (
      bundle.uncommittedSources !== null &&
      bundle.uncommittedSources.length > 0
    ) {
      console.warn(
        `note: uncommitted changes in ${bundle.uncommittedSources.join(', ')}; the bench measures dist/index.js as it is (npm run bundle to include them)`
      )
    }
    console.log(
      `promotion-gate bench: node ${process.version}, ${o.latencyMs} ms per request, ${cpus().length} CPUs, a decision loads ${loaded.files.join(' + ')}: ${bundle.bytes.toLocaleString('en-US')} bytes`
    )
    if (chosen.length > 0) console.log(tableHeader())
    const results: CaseResult[] = []
    const failures: { c: BenchCase; sample: Sample }[] = []
    for (const c of chosen) {
      const samples: Sample[] = []
      const floors: (number | null)[] = []
      const options = {
        latencyMs: o.latencyMs,
        preload,
        tmp,
        timeoutMs: RUN_TIMEOUT_MS
      }
      for (let i = 0; i < (o.runs ?? c.runs); i++) {
        // built right before it runs: the gate judges soak by the real clock
        samples.push(await measure(c.build(), options))
        // the start-up case alternates with Node's own floor, so that both
        // see the machine as it is at the moment
        if (c.family === 'cold-start') {
          floors.push(await measureFloor(c.build(), options))
        }
      }
      const result = summarise(c, samples, floors)
      results.push(result)
      console.log(tableRow(result))
      // a run GitHub's budget cut short is reported: its points are the finding
      if (!result.ok && !result.rateLimited) {
        const bad = samples.find(
          (s) =>
            s.decision !== c.expect.decision || s.changes !== c.expect.changes
        )
        failures.push({ c, sample: bad ?? (samples[0] as Sample) })
      }
    }
    if (wanted('bundle-size')) {
      console.log(
        `bundle-size         ${bundle.bytes.toLocaleString('en-US')} bytes (${bundle.mb.toFixed(2)} MB)`
      )
    }
    for (const u of UNAVAILABLE) {
      if (wanted(u.name)) console.log(`${u.name.padEnd(18)}  ${u.reason}`)
    }

    if (failures.length > 0) {
      for (const { c, sample } of failures) {
        console.error(
          `\n✗ ${c.name}: ${summarise(c, [sample]).problems.join('; ')}`
        )
        console.error(
          `  requests: ${sample.requests.map((r) => `${r.label} ${r.status}${r.points === null ? '' : ` (${r.points} points)`}`).join(', ')}`
        )
        console.error(sample.summary.trim())
        if (sample.stderr.trim() !== '') console.error(sample.stderr.trim())
      }
      console.error(
        `\n${failures.length} case${failures.length === 1 ? '' : 's'} decided unexpectedly: the measurements are worthless and nothing was written.`
      )
      return 1
    }

    const status = git(['status', '--porcelain'])
    const partial: Omit<BenchResults, 'targets' | 'observations'> = {
      $comment:
        'Written by `npm run bench` (scripts/bench.ts). See BENCHMARKS.md.',
      format: RESULTS_FORMAT,
      date: new Date().toISOString(),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      cpus: cpus().length,
      loadAverage: [
        Math.round(loadBefore * 100) / 100,
        Math.round((loadavg()[0] ?? 0) * 100) / 100
      ],
      latencyMs: o.latencyMs,
      complete,
      git: {
        commit: git(['rev-parse', 'HEAD']),
        dirty: status === null ? null : status !== ''
      },
      bundle,
      cases: results,
      unavailable: UNAVAILABLE,
      shapes: shapeCosts()
    }
    const all: BenchResults = {
      ...partial,
      targets: evaluateTargets(partial),
      observations: observe(partial)
    }
    console.log('\nSPEC §9 targets:')
    for (const t of all.targets) console.log(targetLine(t))

    const write = o.write || (complete && o.latencyMs === DEFAULT_LATENCY_MS)
    if (!write) {
      console.log(
        '\nPartial run (or not at the default latency): bench/results.json, bench/chart.svg and BENCHMARKS.md were not written (add --write to write them anyway).'
      )
      return 0
    }
    mkdirSync(join(ROOT, 'bench'), { recursive: true })
    writeFileSync(
      join(ROOT, 'bench', 'results.json'),
      `${JSON.stringify(all, null, 2)}\n`
    )
    writeFileSync(join(ROOT, 'bench', 'chart.svg'), renderChart(all))
    writeFileSync(join(ROOT, 'BENCHMARKS.md'), renderMarkdown(all))
    console.log('\nwrote bench/results.json, bench/chart.svg, BENCHMARKS.md')
    return 0
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(2)
  }
)
