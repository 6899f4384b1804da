// npm run screenshots: the job summaries people read, rendered as GitHub
// renders them and photographed in a browser, into docs/screenshots/.
//
// Each summary is written by the bundle (dist/index.js) against the embedded
// simulator, turned into HTML by cmark-gfm with GitHub's extensions (GitHub's
// Markdown is cmark-gfm: github.github.com/gfm), styled with GitHub's own
// Markdown CSS (github-markdown-css), and photographed by the Chromium of the
// machine's packages through puppeteer-core: nothing downloads a browser.
//
//   npm run screenshots                 all of them
//   CHROMIUM=/path/to/chrome npm run screenshots

import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { startSimulator } from '../test-support/sim/server.js'
import { startResultsService } from '../test-support/runner/results.js'
import { runBundledAction } from '../test-support/demo/run-action.js'
import {
  OWNER,
  REPO,
  reviewedChange,
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

async function main(): Promise<number> {
  const { launch } = await import('puppeteer-core')
  const browser = await launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
    headless: true
  })
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
