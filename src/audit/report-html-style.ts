// report.html's only style: inline, system fonts, no network. On screen the
// drill-downs fold; printed (to paper or PDF) every one is open, a row is
// never cut across pages, and each section starts a page.

export const REPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #1f2328;
  font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
main { max-width: 1200px; margin: 0 auto; padding: 24px 32px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; border-bottom: 1px solid #d1d9e0; padding-bottom: 4px; margin: 28px 0 12px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
p { margin: 6px 0; }
a { color: #0969da; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border: 1px solid #d1d9e0; padding: 4px 8px; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
th { background: #f6f8fa; font-weight: 600; }
table.checks td:nth-child(1) { width: 150px; }
table.checks td:nth-child(2) { width: 70px; }
table.checks td:nth-child(4) { width: 240px; font-size: 12px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.muted { color: #59636e; }
.badge { display: inline-block; padding: 0 6px; border-radius: 10px; font-size: 12px;
  font-weight: 600; border: 1px solid #d1d9e0; white-space: nowrap; }
.b-allow, .b-pass, .b-done { background: #dafbe1; border-color: #4ac26b; color: #116329; }
.b-block, .b-fail, .b-error, .b-missing, .b-late { background: #ffebe9; border-color: #ff8182; color: #a40e26; }
.b-skipped, .b-pending, .b-other { background: #f6f8fa; color: #59636e; }
.b-break-glass { background: #fff8c5; border-color: #d4a72c; color: #7d4e00; }
.b-weakened { background: #ffebe9; border-color: #ff8182; color: #a40e26; }
.b-strengthened { background: #dafbe1; border-color: #4ac26b; color: #116329; }
.b-not-compared { background: #fff8c5; border-color: #d4a72c; color: #7d4e00; }
ol.exceptions { padding-left: 24px; }
ol.exceptions li { margin: 4px 0; overflow-wrap: anywhere; }
details.deployment { border: 1px solid #d1d9e0; border-radius: 6px; margin: 8px 0; }
details.deployment > summary { cursor: pointer; padding: 6px 10px; background: #f6f8fa;
  overflow-wrap: anywhere; }
details.deployment.exception > summary { background: #fff5f5; }
details.deployment > .body { padding: 4px 12px 8px; }
ol.path { margin: 4px 0; padding-left: 24px; }
.note { border-left: 4px solid #d4a72c; background: #fff8c5; padding: 6px 10px; margin: 8px 0; }
@media print {
  body { font-size: 11px; }
  main { max-width: none; padding: 0; }
  section.part { break-before: page; }
  section.part:first-of-type { break-before: auto; }
  tr, li, dl.facts, details.deployment > summary { break-inside: avoid; }
  thead { display: table-header-group; }
  h2, h3 { break-after: avoid; }
  details.deployment { break-inside: auto; }
  /* every drill-down printed open, whatever it was on screen */
  details::details-content { content-visibility: visible; display: block; }
  details > summary { list-style: none; }
  a { color: inherit; text-decoration: underline; }
}
`
