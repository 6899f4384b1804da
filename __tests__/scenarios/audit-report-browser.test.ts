// report.html looked at as people will (issue 16 item 6): the bundled CLI
// writes the packet against the simulator, Debian's Chromium renders it
// (puppeteer-core, nothing downloaded), and the test reads what a person
// sees: the exceptions above the first allowed deployment, the sampled
// drill-down's approvers, nothing wider than 1280 px, every drill-down open
// in print. Skipped only where no Chromium is installed, and never in CI.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'puppeteer-core'
import {
  auditPacket,
  CHROMIUM,
  launchBrowser,
  photographReport,
  reportWorld
} from '../../scripts/screenshots.js'

const found = existsSync(CHROMIUM)
if (!found && process.env.CI !== undefined) {
  throw new Error(
    `no Chromium at ${CHROMIUM}: CI must render report.html (apt-get install chromium, or set CHROMIUM)`
  )
}
if (!found) {
  console.warn(
    `SKIPPED report.html in a browser: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM=/path)`
  )
}
const inBrowser = found ? describe : describe.skip

inBrowser('report.html in Chromium', () => {
  let browser: Browser
  let tab: Page
  let dir: string
  let html: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'audit-report-'))
    const r = await auditPacket({
      world: reportWorld(8),
      dir: join(dir, 'packet'),
      sample: 2,
      seed: 'browser'
    })
    expect(r.code).toBe(1)
    html = join(dir, 'packet', 'report.html')
    browser = await launchBrowser()
    tab = await browser.newPage()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('shows the exceptions above the first allowed deployment, the sample open with its approvers, within 1280 px', async () => {
    const shots = await photographReport(tab, { html, dir })
    expect(shots.map((s) => s.slice(dir.length + 1))).toEqual([
      'audit-report-top.png',
      'audit-report-drilldown.png'
    ])
    // run in the page (the tests' TypeScript has no DOM library)
    const seen = (await tab.evaluate(`(() => {
      const top = (selector) =>
        document.querySelector(selector)?.getBoundingClientRect().top ?? null
      const sampled = document.querySelector('#sample details.deployment')
      return {
        text: document.body.innerText,
        width: document.documentElement.scrollWidth,
        exception: top('ol.exceptions li'),
        allowed: top('#timeline td .b-allow'),
        sampled: sampled?.innerText ?? '',
        sampledOpen: sampled?.open ?? false
      }
    })()`)) as {
      text: string
      width: number
      exception: number | null
      allowed: number | null
      sampled: string
      sampledOpen: boolean
    }
    expect(seen.width).toBeLessThanOrEqual(1280)
    // the direct push (its deployment, and its commit nothing explains), the
    // unapproved change, the break-glass deployment and its missing review
    expect(seen.text).toMatch(/Exceptions \(5\)/)
    expect(seen.text).toContain('reached main without a pull request')
    expect(seen.text).toMatch(
      /unexplained commit: Commit [0-9a-f]{7} on main \(committed \S+ by mallory; deployed as #\d+\)/
    )
    expect(seen.text).toMatch(/Break-glass issue #\d+ .*review missing/)
    expect(seen.exception).not.toBeNull()
    expect(seen.allowed).not.toBeNull()
    expect(seen.exception as number).toBeLessThan(seen.allowed as number)
    // the sampled deployment's people, as a person reads them
    expect(seen.sampledOpen).toBe(true)
    expect(seen.sampled).toMatch(/alice \(author/)
    expect(seen.sampled).toMatch(/bob at \d{4}-\d\d-\d\dT/)
    expect(seen.sampled).toMatch(/deployment #\d+ to staging \(success at /)
  }, 60_000)

  it('prints every drill-down open, and makes a PDF of several pages', async () => {
    await tab.goto(`file://${html}`, { waitUntil: 'load' })
    // folded drill-downs, and how many of them a person can see
    const closed = async (): Promise<{ count: number; shown: number }> =>
      (await tab.evaluate(`(() => {
        const folded = [
          ...document.querySelectorAll('details.deployment:not([open]) > .body')
        ]
        // content-visibility: hidden (a folded <details>) is not visible
        return {
          count: folded.length,
          shown: folded.filter((b) => b.checkVisibility()).length
        }
      })()`)) as { count: number; shown: number }
    const screen = await closed()
    expect(screen.count).toBeGreaterThan(0)
    expect(screen.shown).toBe(0)
    await tab.emulateMediaType('print')
    const printed = await closed()
    expect(printed.shown).toBe(printed.count)
    const pdf = Buffer.from(
      await tab.pdf({ format: 'A4', printBackground: true })
    ).toString('latin1')
    expect(pdf.startsWith('%PDF-')).toBe(true)
    expect(pdf.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0).toBeGreaterThan(3)
    await tab.emulateMediaType('screen')
  }, 60_000)
})
