// report.html (SPEC §7): one self-contained page, exceptions first, a
// drill-down per deployment with its makers and approvers; every value from
// GitHub escaped, and only http(s) URLs ever become links.
import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { auditWorld } from '../../test-support/demo/audit-world.js'
import {
  OWNER,
  REPO,
  promote,
  tested,
  type World
} from '../../test-support/demo/scenarios.js'
import {
  startSimulator,
  type SimulatorServer
} from '../../test-support/sim/server.js'
import { writeReportHtml } from '../../src/audit/report-html.js'
import {
  exceptionItems,
  policyLines
} from '../../src/audit/report-html-summary.js'
import { esc, link, safeHref } from '../../src/audit/report-html-text.js'
import { drawSample } from '../../src/audit/sample.js'
import {
  flagged,
  type AuditReport,
  type EvidenceRecord
} from '../../src/engine/index.js'
import { cli } from '../cli/helpers.js'

let server: SimulatorServer | null = null
const dirs: string[] = []
afterEach(async () => {
  await server?.close()
  server = null
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function audit(w: World, more: string[]): ReturnType<typeof cli> {
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

/** Two reviewed releases, then mallory's direct push that skipped staging. */
function withException(): World {
  const { world: w } = auditWorld(2, { room: 4 * 3_600_000 })
  const sha = w.repo.commit({
    branch: 'main',
    author: w.people.mallory,
    message: 'hotfix'
  }).oid
  tested(w, sha)
  promote(w, sha, ['development'])
  w.sim.advance('2h')
  promote(w, sha, ['production'])
  w.sim.advance('10m')
  return w
}

const render = (
  report: AuditReport,
  o: Partial<Parameters<typeof writeReportHtml>[0]> = {}
): string => {
  const out: string[] = []
  writeReportHtml({
    report,
    recordOf: (e) => e.evidence,
    sample: null,
    apiUrl: 'https://api.github.com',
    write: (chunk) => out.push(chunk),
    ...o
  })
  return out.join('')
}

/** Every href of the page. */
const hrefs = (html: string): string[] =>
  [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1] as string)

describe('the escape of report.html', () => {
  it('turns markup and quotes into text', () => {
    expect(esc(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;'
    )
  })

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '//evil.example/x',
    'https://ok.example/a b',
    'https://ok.example/\nx',
    '#a"b',
    ''
  ])('never links %j', (url) => {
    expect(safeHref(url)).toBeNull()
    expect(link(url, 'click')).toBe('click')
  })

  it('links http(s) URLs and its own anchors, the URL escaped in the attribute', () => {
    expect(link('https://github.com/acme/shop/pull/1', 'PR #1')).toBe(
      '<a href="https://github.com/acme/shop/pull/1">PR #1</a>'
    )
    expect(link('https://x.example/?a=1&b="2"', '<b>')).toBe(
      '<a href="https://x.example/?a=1&amp;b=&quot;2&quot;">&lt;b&gt;</a>'
    )
    expect(safeHref('#d-12')).toBe('#d-12')
    expect(safeHref(null)).toBeNull()
  })
})

describe('report.html', () => {
  it('is in the packet, the same page --format html prints: exceptions first, the sample open with its approvers', async () => {
    const w = withException()
    const dir = mkdtempSync(join(tmpdir(), 'report-html-'))
    dirs.push(dir)
    const r = await audit(w, [
      '--out',
      dir,
      '--format',
      'html',
      '--sample',
      '1',
      '--seed',
      'first'
    ])
    expect(r.code).toBe(1)
    const html = readFileSync(join(dir, 'report.html'), 'utf8')
    expect(r.stdout).toBe(html)
    const manifest = JSON.parse(
      readFileSync(join(dir, 'manifest.json'), 'utf8')
    ) as { files: { path: string }[] }
    expect(manifest.files.map((f) => f.path)).toContain('report.html')

    // self-contained: no script, no stylesheet, image or frame to fetch
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|@import|url\(/i)
    for (const href of hrefs(html))
      expect(href).toMatch(/^(https?:\/\/|#d-\d+$)/)

    const at = (needle: string): number => {
      const i = html.indexOf(needle)
      expect(i).toBeGreaterThan(-1)
      return i
    }
    // the summary, then the exceptions, then the rest
    expect(html).toMatch(/<dt>Population<\/dt><dd>3 successful deployments/)
    expect(html).toMatch(
      /<dt>Completeness<\/dt><dd><span class="badge b-fail">fail<\/span> 1 commit explained by no pull request or allowed direct push: \d+ commits read on <code>main<\/code><br><span class="muted">Cannot be seen: deployments made by jobs with `environment: \{deployment: false\}`/
    )
    // mallory's push: a blocked deployment, and a commit nothing explains
    expect(html).toMatch(/<dt>Exceptions<\/dt><dd>.*2<\/dd>/)
    expect(html).toMatch(
      /<strong>unexplained commit<\/strong>: <a href="#d-\d+">Commit [0-9a-f]{7} on main \(committed \S+ by mallory; deployed as #\d+\) is explained by no pull request or allowed direct push<\/a>/
    )
    expect(html).toMatch(/<dt>Tool<\/dt><dd>promotion-gate \d+\.\d+\.\d+/)
    expect(html).toContain('seed <code>first</code>')
    // the policy version that judged them, linked to its commit
    expect(html).toMatch(
      /<dt>Policy versions<\/dt><dd>each deployment judged by the version in force at its success: blob <code>[0-9a-f]{7}<\/code> \(commit <a href="https:\/\/github\.com\/acme\/shop\/commit\/[0-9a-f]{40}">[0-9a-f]{7}<\/a>, on the ref from \S+\): 3 deployments<\/dd>/
    )
    expect(at('id="exceptions"')).toBeLessThan(at('id="timeline"'))
    // the first exception above the first allowed deployment
    expect(at('blocked deployment')).toBeLessThan(
      at('<td><span class="badge b-allow">')
    )
    expect(at('id="timeline"')).toBeLessThan(at('id="sample"'))
    expect(at('id="sample"')).toBeLessThan(at('id="deployments"'))
    expect(at('id="deployments"')).toBeLessThan(at('id="break-glass"'))
    expect(at('id="break-glass"')).toBeLessThan(at('id="access"'))
    expect(at('id="access"')).toBeLessThan(at('id="controls"'))

    // the sampled drill-down is open and names its maker and approver with the time
    const sample = html.slice(at('id="sample"'), at('id="deployments"'))
    expect(sample).toMatch(/<details class="deployment[^"]*" id="d-\d+" open>/)
    expect(sample).toMatch(/alice <span class="muted">\(author/)
    expect(sample).toMatch(
      /<a href="[^"]+#pullrequestreview-\d+">bob<\/a> <span class="muted">at \d{4}-\d\d-\d\dT/
    )
    expect(sample).toContain('Promotion path')
    expect(sample).toMatch(/deployment #\d+ to staging \(success at /)
    // the exception links to its drill-down, which is open
    const first = /href="#(d-\d+)">Deployment #\d+ of [0-9a-f]{7}/.exec(html)
    expect(first).not.toBeNull()
    expect(html).toContain(
      `<details class="deployment exception" id="${first?.[1]}" open>`
    )
    expect(html).toContain('reached main without a pull request')
    // the controls, from the engine's one mapping, with the population's counts
    expect(html).toContain('ISO/IEC 27001:2022 A.8.31')
    expect(html).toContain('SOC 2 CC8.1')
    expect(html).toContain('NIST SP 800-53 CM-5')
    expect(html).toMatch(
      /<code>promotion<\/code><\/td><td>[^]*?<\/td><td>2<\/td><td>1<\/td>/
    )
  }, 60_000)

  it('escapes every value from GitHub and links no javascript: URL', async () => {
    const w = withException()
    const r = await audit(w, ['--format', 'json'])
    const report = JSON.parse(r.stdout) as AuditReport
    const evil = '<script>alert(1)</script>"\'><img src=x onerror=alert(1)>'
    const hostile: AuditReport = {
      ...report,
      environment: evil,
      readNow: [evil],
      entries: report.entries.map((e) => ({
        ...e,
        violations: [evil],
        summary: {
          ...e.summary,
          deployer: evil,
          runUrl: 'javascript:alert(1)',
          problems: [evil]
        },
        evidence:
          e.evidence === null
            ? null
            : ({
                ...e.evidence,
                checks: e.evidence.checks.map((c) => ({
                  ...c,
                  message: evil,
                  links: c.links.map((l) => ({
                    ...l,
                    url: 'javascript:alert(document.cookie)',
                    label: evil
                  }))
                })),
                changes: e.evidence.changes.map((c) => ({
                  ...c,
                  makers: c.makers.map((m) => ({ ...m, login: evil })),
                  approvers: c.approvers.map((a) => ({
                    ...a,
                    login: evil,
                    review_url: 'JAVASCRIPT:alert(1)'
                  }))
                }))
              } satisfies EvidenceRecord)
      }))
    }
    const html = render(hostile)
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/i)
    expect(html).not.toMatch(/href="\s*javascript:/i)
    expect(html).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;'
    )
    for (const href of hrefs(html))
      expect(href).toMatch(/^(https?:\/\/|#d-\d+$)/)
    // the run's URL is shown as text, not dropped
    expect(html).toContain('javascript:alert(1)</dd>')
  }, 60_000)

  it('lists as many exceptions as the audit flags, takes items from other sources, and says when a record is missing', async () => {
    const w = withException()
    const r = await audit(w, ['--format', 'json'])
    const report = JSON.parse(r.stdout) as AuditReport
    expect(exceptionItems(report)).toHaveLength(flagged(report))
    const html = render(report, {
      recordOf: () => null,
      exceptions: [
        {
          kind: 'unexplained commit',
          title: 'abc1234 reached main without a pull request',
          detail: 'never deployed',
          link: 'https://github.com/acme/shop/commit/abc1234'
        }
      ],
      sample: drawSample(
        report.entries.map((e) => e.deployment.id),
        5,
        's'
      )
    })
    expect(html).toContain('<h2>Exceptions (3)</h2>')
    expect(html).toContain(
      '<strong>unexplained commit</strong>: <a href="https://github.com/acme/shop/commit/abc1234">abc1234 reached main without a pull request</a>'
    )
    expect(html).toContain('no evidence record (evidence/&lt;id&gt;.json')
    // every deployment drawn: none left for the second list
    expect(html).toMatch(
      /<h2>Other deployments \(0\)<\/h2>\n<p class="muted">None.<\/p>/
    )
    expect(html).toContain('over the 0 deployments whose evidence record')
  }, 60_000)

  it('says the period was clean, and what it could not read', async () => {
    const { world: w } = auditWorld(1)
    const r = await audit(w, ['--format', 'json'])
    const report = JSON.parse(r.stdout) as AuditReport
    const html = render({
      ...report,
      breakGlass: { error: 'the token needs `issues: read`' },
      access: { error: 'the token needs `administration: read`' }
    })
    expect(html).toContain('<h2>Exceptions (1)</h2>')
    expect(html).toContain('The break-glass follow-up issues could not be read')
    expect(html).toContain('Not read: the token needs `administration: read`')
    const clean = render(report)
    expect(clean).toContain('<h2>Exceptions (0)</h2>')
    expect(clean).toContain(
      'None: every deployment of the period would have passed'
    )
    expect(clean).toContain('No break-glass deployment in the period.')
    expect(clean).toMatch(
      /<dt>Completeness<\/dt><dd><span class="badge b-pass">pass<\/span> every commit explained: \d+ commits? read on <code>main<\/code><br>/
    )
    const unread = render({
      ...report,
      completeness: {
        ...report.completeness,
        missing: ['release'],
        errors: [
          'the history of main could not be read: needs `contents: read`'
        ]
      }
    })
    expect(unread).toMatch(
      /<dt>Completeness<\/dt><dd><span class="badge b-fail">fail<\/span> not established \(see the exceptions\): \d+ commits? read on <code>main<\/code>; no branch <code>release<\/code> now<br>/
    )
    expect(unread).toContain('<strong>completeness not established</strong>')
  }, 60_000)
})

describe('the policy versions line', () => {
  const report = (versions: AuditReport['policyVersions']): AuditReport =>
    ({
      repository: {
        owner: 'acme',
        name: 'shop',
        url: 'https://github.com/acme/shop'
      },
      policy: {
        path: '.github/promotion-gate.yml',
        ref: 'main',
        blobSha: 'b'.repeat(40)
      },
      policyVersions: versions
    }) as AuditReport
  const line = (r: AuditReport): string =>
    policyLines(r).find((l) => l.label === 'Policy versions')?.html ?? ''

  it('names each version, and the deployments judged where none stood or it was removed', () => {
    const html = line(
      report([
        {
          blobSha: null,
          commit: null,
          committedAt: null,
          from: null,
          deployments: [1]
        },
        {
          blobSha: 'a'.repeat(40),
          commit: 'c'.repeat(40),
          committedAt: '2026-10-01T00:00:00Z',
          from: '2026-10-02T00:00:00Z',
          deployments: [2, 3]
        },
        {
          blobSha: null,
          commit: 'd'.repeat(40),
          committedAt: '2026-11-01T00:00:00Z',
          from: '2026-11-01T00:00:00Z',
          deployments: [4]
        }
      ])
    )
    expect(html).toBe(
      'each deployment judged by the version in force at its success: ' +
        '<strong>no policy file</strong> (before its first version): 1 deployment, blocked; ' +
        `blob <code>aaaaaaa</code> (commit <a href="https://github.com/acme/shop/commit/${'c'.repeat(40)}">ccccccc</a>, on the ref from 2026-10-02T00:00:00Z): 2 deployments; ` +
        '<strong>no policy file</strong> (removed by <code>ddddddd</code>): 1 deployment, blocked'
    )
    expect(line(report([]))).toBe(
      '<span class="muted">none judged a deployment</span>'
    )
  })
})
