// Text into report.html. Names, messages, branch names and URLs come from
// GitHub users: every value goes through `esc`, and only an http(s) URL (or
// one of the report's own anchors) ever becomes an href, so a value cannot
// open a tag, leave an attribute or run as a `javascript:` link.

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;'
}

/** The one escape: text and attribute values alike. */
export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)
}

/** The href a value may become, or null: http(s) URLs and `#anchors` only. */
export function safeHref(url: string | null | undefined): string | null {
  if (url === null || url === undefined) return null
  if (/^#[A-Za-z0-9_-]+$/.test(url)) return url
  // no whitespace or control character: a URL GitHub gives has none
  return /^https?:\/\/[^\s\p{Cc}]+$/iu.test(url) ? url : null
}

/** `text` linked to `url` when it is a URL that may be linked, else plain. */
export function link(url: string | null | undefined, text: string): string {
  const href = safeHref(url)
  return href === null ? esc(text) : `<a href="${esc(href)}">${esc(text)}</a>`
}

/** The anchor of a deployment's drill-down. */
export const anchorOf = (deploymentId: number): string =>
  `d-${Math.trunc(deploymentId)}`

export const short = (sha: string): string => sha.slice(0, 7)

/** One HTML table: a header row and rows of cells already escaped. */
export function htmlTable(o: {
  head: readonly string[]
  rows: readonly (readonly string[])[]
  className?: string
}): string {
  const cls = o.className === undefined ? '' : ` class="${esc(o.className)}"`
  const head = o.head.map((h) => `<th>${esc(h)}</th>`).join('')
  const rows = o.rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('\n')
  return `<table${cls}><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>\n`
}

/** A list of escaped items, or `none` when empty. */
export function items(list: readonly string[], none = 'none'): string {
  return list.length === 0
    ? `<span class="muted">${esc(none)}</span>`
    : list.join('<br>')
}

/** A status word with its colour: pass, fail, error, skipped, allow, block… */
export function badge(word: string): string {
  const kind = /^[a-z-]+$/.test(word) ? word : 'other'
  return `<span class="badge b-${kind}">${esc(word)}</span>`
}
