// The screenshots' rendering: the job summary's Markdown as GitHub renders
// it (cmark-gfm with GitHub's extensions), inside GitHub's Markdown CSS. The
// photographs themselves are `npm run screenshots` (a browser, not a test).
import { describe, expect, it } from '@jest/globals'
import { page, renderMarkdown, SHOTS } from '../../scripts/screenshots.js'

describe('the summary as GitHub renders it', () => {
  it('keeps tables, folded passes and small print, and drops what GitHub drops', () => {
    const html = renderMarkdown(
      [
        '### What to fix',
        '',
        '| Check | Result |',
        '| --- | --- |',
        '| `promotion` | ❌ fail |',
        '',
        '<details><summary>6 checks passed</summary>',
        '',
        'text',
        '',
        '</details>',
        '',
        '<sub>Policy</sub>',
        '',
        '<script>alert(1)</script>'
      ].join('\n')
    )
    expect(html).toContain('<table>')
    expect(html).toContain('<td><code>promotion</code></td>')
    expect(html).toContain('<details><summary>6 checks passed</summary>')
    expect(html).toContain('<sub>Policy</sub>')
    // tagfilter: GitHub never runs a script from Markdown
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script>')
  })

  it('lays it out in GitHub Markdown CSS, one file per screenshot', () => {
    expect(page('<p>x</p>')).toMatch(
      /^<!doctype html>.*\.markdown-body.*<article class="markdown-body"><p>x<\/p><\/article>/s
    )
    expect(SHOTS.map((s) => s.file)).toEqual([
      'summary-allow.png',
      'summary-block.png',
      'summary-report.png'
    ])
  })
})
