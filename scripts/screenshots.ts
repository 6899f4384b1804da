// npm run screenshots: the job summaries people read, rendered as GitHub
// renders them and photographed in a browser, into docs/screenshots/.
//
// Each summary is written by the bundle (dist/index.js) against the embedded
// simulator, turned into HTML by cmark-gfm with GitHub's extensions (GitHub's
// Markdown is cmark-gfm: github.github.com/gfm), styled with GitHub's own
// Markdown CSS (github-markdown-css), and photographed by the Chromium of the
// machine's packages through puppeteer-core: nothing downloads a browser.
//
// The auditor's report.html is photographed as a browser shows it, from a
// packet of 100 deployments the bundled CLI writes against the simulator
// into docs/sample-packet/.
//
//   npm run screenshots                 all of them
//   CHROMIUM=/path/to/chrome npm run screenshots

import { execFile, execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'puppeteer-core'
import { startSimulator } from '../test-support/sim/server.js'
import { auditWorld, release } from '../test-support/demo/audit-world.js'
import {
  BREAK_GLASS_LABEL,
  renderBreakGlassMarker
} from '../src/engine/break-glass/marker.js'
import { startResultsService } from '../test-support/runner/results.js'
import { runBundledAction } from '../test-support/demo/run-action.js'
import {
  OWNER,
  REPO,
  promote,
  reviewedChange,
  tested,
  standard,
  type GateRun,
  type World
} from '../test-support/demo/scenarios.js'

const root = fileURLToPath(new URL('..', import.meta.url))

export interface Shot {
  file: string
  title: string
  build: () => { world: World; run: GateRun }
}

/** A change pushed straight to main, never deployed to staging, on an unprotected branch. */
function manyViolations(): { world: World; run: GateRun } {
  const { world, run } = standard(
    (w) =>
      w.repo.commit({
        branch: 'main',
        author: w.people.mallory,
        message: 'hotfix: skip the queue'
      }).oid,
    { environments: ['development'], ruleset: false }
  )
  return { world, run }
}

export const SHOTS: Shot[] = [
  {
    file: 'summary-allow.png',
    title: 'A reviewed change promoted through staging: allowed',
    build: () => standard(reviewedChange)
  },
  {
    file: 'summary-block.png',
    title: 'A direct push that skipped staging, on an unprotected branch',
    build: manyViolations
  },
  {
    file: 'summary-report.png',
    title: 'The same in mode: report (would block; the step passes)',
    build: () => {
      const { world, run } = manyViolations()
      return {
        world,
        run: { ...run, inputs: { ...run.inputs, mode: 'report' } }
      }
    }
  }
]

/** GitHub-flavoured Markdown -> HTML, as GitHub renders a job summary. */
export function renderMarkdown(markdown: string): string {
  return execFileSync(
    'cmark-gfm',
    [
      '--extension',
      'table',
      '--extension',
      'strikethrough',
      '--extension',
      'autolink',
      '--extension',
      'tagfilter',
      '--extension',
      'tasklist',
      // the summary's <details>, <sub> and <br>: GitHub keeps them, and
      // tagfilter still removes what GitHub removes (script, iframe, …)
      '--unsafe'
    ],
    { input: markdown, encoding: 'utf8' }
  )
}

/** A page as github.com lays out a job summary: GitHub's CSS, its width. */
export function page(body: string): string {
  const css = readFileSync(
    `${root}node_modules/github-markdown-css/github-markdown-light.css`,
    'utf8'
  )
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}
body { margin: 0; background: #fff; }
.markdown-body { box-sizing: border-box; width: 960px; padding: 24px 32px; }
</style></head><body><article class="markdown-body">${body}</article></body></html>`
}

async function summaryOf(shot: Shot): Promise<string> {
  const { world, run } = shot.build()
  const server = await startSimulator(world.sim)
  // the runner's artifact storage, so the footer links the record as on GitHub
  const results = await startResultsService()
  try {
    const r = await runBundledAction({
      apiUrl: server.url,
      graphqlUrl: server.graphqlUrl,
      repository: `${OWNER}/${REPO}`,
      run,
      env: {
        ACTIONS_RUNTIME_TOKEN: results.token,
        ACTIONS_RESULTS_URL: `${results.url}/`
      }
    })
    return r.summary
  } finally {
    await results.close()
    await server.close()
  }
}

/** The machine's Chromium (Debian's package), or CHROMIUM's. */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'

export async function launchBrowser(): Promise<Browser> {
  const { launch } = await import('puppeteer-core')
  return launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu'],
    headless: true
  })
}

/**
 * A production that received `n` deployments: reviewed releases through
 * development and staging, then three exceptions an auditor must see: a
 * direct push that skipped staging, a change merged with no approval, and a
 * break-glass deployment whose independent review never came.
 */
export function reportWorld(n: number): World {
  const { world: w } = auditWorld(Math.max(n - 3, 0), {
    room: 8 * 3_600_000
  })
  const hotfix = w.repo.commit({
    branch: 'main',
    author: w.people.mallory,
    message: 'hotfix: skip the queue'
  }).oid
  tested(w, hotfix)
  promote(w, hotfix, ['development'])
  w.sim.advance('2h')
  promote(w, hotfix, ['production'])
  w.sim.advance('1h')
  release(w, { approvals: [] })
  const pr = w.repo.mergedPullRequest({
    author: w.people.alice,
    approvals: [w.people.bob],
    method: 'squash'
  })
  const sha = pr.data.mergeCommit as string
  const run = w.repo.workflowRun({ actor: w.people.dora, headSha: sha })
  w.repo.deployFromRun(run.data, 'production')
  const marker = renderBreakGlassMarker({
    environment: 'production',
    sha,
    run_id: run.id,
    approved_by: 'carol',
    deployer: 'dora',
    makers: ['alice'],
    due: new Date(w.sim.now.getTime() + 3_600_000).toISOString()
  })
  w.repo.issue({
    title: `Break-glass review: production ${sha.slice(0, 7)}`,
    body: `${marker}\nchecks skipped`,
    labels: [BREAK_GLASS_LABEL]
  })
  w.sim.advance('2h')
  return w
}

/**
 * The auditor's packet of `world`'s production, written into `dir` by the
 * bundled CLI (dist/cli/index.js) against the simulator; its exit code.
 */
export async function auditPacket(o: {
  world: World
  dir: string
  sample: number
  seed: string
}): Promise<{ code: number; stdout: string; stderr: string }> {
  const server = await startSimulator(o.world.sim)
  rmSync(o.dir, { recursive: true, force: true })
  try {
    const r = await promisify(execFile)(
      process.execPath,
      [
        `${root}dist/cli/index.js`,
        'audit',
        '--repo',
        `${OWNER}/${REPO}`,
        '--environment',
        'production',
        '--since',
        '30d',
        '--api-url',
        server.url,
        '--out',
        o.dir,
        '--sample',
        String(o.sample),
        '--seed',
        o.seed,
        '--quiet'
      ],
      {
        env: { PATH: process.env.PATH, GITHUB_TOKEN: o.world.sim.adminToken() },
        maxBuffer: 64 * 1024 * 1024
      }
    ).then(
      (done) => ({ code: 0, stdout: done.stdout, stderr: done.stderr }),
      (failed: { code?: number; stdout?: string; stderr?: string }) => ({
        code: failed.code ?? -1,
        stdout: failed.stdout ?? '',
        stderr: failed.stderr ?? ''
      })
    )
    return r
  } finally {
    await server.close()
  }
}

/** report.html's two photographs: its top (summary, exceptions first) and the first sampled drill-down. */
export async function photographReport(
  tab: Page,
  o: { html: string; dir: string }
): Promise<string[]> {
  await tab.setViewport({ width: 1280, height: 1000, deviceScaleFactor: 1 })
  await tab.goto(`file://${o.html}`, { waitUntil: 'load' })
  const top = `${o.dir}/audit-report-top.png` as const
  await tab.screenshot({ path: top })
  const drill = `${o.dir}/audit-report-drilldown.png` as const
  const sampled = await tab.$('#sample details.deployment')
  if (sampled === null)
    throw new Error('report.html shows no sampled drill-down')
  await sampled.screenshot({ path: drill })
  return [top, drill]
}

async function main(): Promise<number> {
  const browser = await launchBrowser()
  const dir = `${root}docs/screenshots`
  mkdirSync(dir, { recursive: true })
  try {
    const tab = await browser.newPage()
    await tab.setViewport({ width: 960, height: 600, deviceScaleFactor: 1 })
    for (const shot of SHOTS) {
      const html = page(renderMarkdown(await summaryOf(shot)))
      await tab.setContent(html, { waitUntil: 'load' })
      await tab.screenshot({
        path: `${dir}/${shot.file}` as `${string}.png`,
        fullPage: true
      })
      console.log(`docs/screenshots/${shot.file}: ${shot.title}`)
    }
    // the sample packet is small enough to commit: 100 deployments
    const packet = `${root}docs/sample-packet`
    const audited = await auditPacket({
      world: reportWorld(100),
      dir: packet,
      sample: 15,
      seed: 'sample-packet'
    })
    // 1: the exceptions it was built with; anything else is a fault
    if (audited.code !== 1) throw new Error(`audit: ${audited.stderr}`)
    console.log('docs/sample-packet/: 100 deployments, with exceptions')
    for (const file of await photographReport(tab, {
      html: `${packet}/report.html`,
      dir
    })) {
      console.log(file.slice(root.length))
    }
  } finally {
    await browser.close()
  }
  return 0
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    }
  )
}
