// bench/chart.svg, written by hand: requests, wall time and GraphQL points
// against size, one line per family (pull request commits, upstream
// deployments, pull requests in the range; the audits in rows of their own),
// logarithmic x axis.

import type { BenchResults, CaseResult } from './results.js'
import { TOKEN_BUDGET } from './costs.js'
import { WALL_LIMIT_MS } from './targets.js'
import { AUDIT_POINTS_LIMIT, AUDIT_WALL_LIMIT_MS } from './targets-audit.js'

interface Series {
  family: string
  label: string
  color: string
  marker: 'circle' | 'square' | 'diamond'
  /** where its value labels go, so that equal values stay readable */
  place: 'left' | 'below' | 'right'
}

const SERIES: Series[] = [
  {
    family: 'pr-commits',
    label: 'commits in the pull request',
    color: '#1f77b4',
    marker: 'circle',
    place: 'left'
  },
  {
    family: 'deployments',
    label: 'deployments in the upstream environment',
    color: '#d62728',
    marker: 'square',
    place: 'below'
  },
  {
    family: 'range',
    label: 'pull requests since the previous deployment',
    color: '#2ca02c',
    marker: 'diamond',
    place: 'right'
  }
]

/** The audits, drawn in a row of their own: their sizes run to 10,000. */
const AUDIT_SERIES: Series[] = [
  {
    family: 'audit',
    label: 'deployments audited (second row)',
    color: '#9467bd',
    marker: 'circle',
    place: 'left'
  }
]

/** The legend's example of a hollow marker. */
const HOLLOW_KEY: Series = {
  family: '',
  label: '',
  color: '#555',
  marker: 'circle',
  place: 'left'
}

const PANEL = {
  width: 440,
  height: 300,
  left: 56,
  right: 16,
  top: 36,
  bottom: 44
}
// a little room either side of 1 and 1,000 so that no point sits on the frame
const X_MIN = 0.3
const X_MAX = 2000

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** A round number at least `value` whose fifths are round too. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1
  const power = 10 ** Math.floor(Math.log10(value))
  for (const m of [1, 1.5, 2, 2.5, 3, 5, 10]) {
    if (m * power >= value) return m * power
  }
  return 10 * power
}

const fmt = (n: number): string => String(Math.round(n * 10) / 10)

/** Hollow: the rate limit cut the run short, so its value is a floor. */
function marker(s: Series, x: number, y: number, hollow = false): string {
  const at = hollow
    ? `fill="#fff" stroke="${s.color}" stroke-width="2"`
    : `fill="${s.color}" stroke="#fff" stroke-width="1"`
  switch (s.marker) {
    case 'circle':
      return `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="4" ${at}/>`
    case 'square':
      return `<rect x="${fmt(x - 3.5)}" y="${fmt(y - 3.5)}" width="7" height="7" ${at}/>`
    case 'diamond':
      return `<path d="M${fmt(x)} ${fmt(y - 5)}L${fmt(x + 5)} ${fmt(y)}L${fmt(x)} ${fmt(y + 5)}L${fmt(x - 5)} ${fmt(y)}Z" ${at}/>`
  }
}

function panel(
  cases: CaseResult[],
  o: {
    x0: number
    title: string
    yLabel: string
    value: (c: CaseResult) => number
    /** where the dashed line of the SPEC §9 target goes */
    target?: number
    /** further dashed lines, labelled (e.g. a GITHUB_TOKEN's hour) */
    marks?: { value: number; label: string }[]
    /** the panel's top; default the first row */
    y0?: number
    series?: Series[]
    /** the log axis: its range and labelled sizes */
    x?: { min: number; max: number; ticks: number[] }
  }
): string {
  const series = o.series ?? SERIES
  const xAxis = o.x ?? { min: X_MIN, max: X_MAX, ticks: [1, 10, 100, 1000] }
  const plotW = PANEL.width - PANEL.left - PANEL.right
  const plotH = PANEL.height - PANEL.top - PANEL.bottom
  const left = o.x0 + PANEL.left
  const y0 = o.y0 ?? 0
  const top = y0 + PANEL.top
  const values = cases.map(o.value)
  const marks = o.marks ?? []
  const yMax = niceCeiling(
    Math.max(...values, o.target ?? 0, ...marks.map((m) => m.value), 1) * 1.1
  )
  const sx = (v: number): number =>
    left +
    ((Math.log10(v) - Math.log10(xAxis.min)) /
      (Math.log10(xAxis.max) - Math.log10(xAxis.min))) *
      plotW
  const sy = (v: number): number => top + plotH - (v / yMax) * plotH
  const out: string[] = []
  out.push(
    `<text x="${fmt(left + plotW / 2)}" y="${fmt(y0 + 20)}" text-anchor="middle" font-weight="bold">${escapeXml(o.title)}</text>`
  )
  // grid and axes
  for (let i = 0; i <= 5; i++) {
    const v = (yMax / 5) * i
    const y = sy(v)
    out.push(
      `<line x1="${fmt(left)}" y1="${fmt(y)}" x2="${fmt(left + plotW)}" y2="${fmt(y)}" stroke="#e5e5e5"/>`,
      `<text x="${fmt(left - 6)}" y="${fmt(y + 4)}" text-anchor="end">${fmt(v)}</text>`
    )
  }
  for (const v of xAxis.ticks) {
    const x = sx(v)
    out.push(
      `<line x1="${fmt(x)}" y1="${fmt(top)}" x2="${fmt(x)}" y2="${fmt(top + plotH)}" stroke="#e5e5e5"/>`,
      `<text x="${fmt(x)}" y="${fmt(top + plotH + 16)}" text-anchor="middle">${v.toLocaleString('en-US')}</text>`
    )
  }
  out.push(
    `<rect x="${fmt(left)}" y="${fmt(top)}" width="${fmt(plotW)}" height="${fmt(plotH)}" fill="none" stroke="#999"/>`,
    `<text x="${fmt(left + plotW / 2)}" y="${fmt(top + plotH + 34)}" text-anchor="middle">size (log scale)</text>`,
    `<text transform="translate(${fmt(o.x0 + 14)} ${fmt(top + plotH / 2)}) rotate(-90)" text-anchor="middle">${escapeXml(o.yLabel)}</text>`
  )
  if (o.target !== undefined) {
    const y = sy(o.target)
    out.push(
      `<line x1="${fmt(left)}" y1="${fmt(y)}" x2="${fmt(left + plotW)}" y2="${fmt(y)}" stroke="#555" stroke-dasharray="5 4"/>`
    )
  }
  for (const m of marks) {
    const y = sy(m.value)
    out.push(
      `<line x1="${fmt(left)}" y1="${fmt(y)}" x2="${fmt(left + plotW)}" y2="${fmt(y)}" stroke="#b00" stroke-dasharray="2 3"/>`,
      `<text x="${fmt(left + 4)}" y="${fmt(y - 4)}" fill="#b00">${escapeXml(m.label)}</text>`
    )
  }
  for (const s of series) {
    const points = cases
      .filter((c) => c.family === s.family && c.size !== null)
      .sort((a, b) => (a.size ?? 0) - (b.size ?? 0))
      .map((c) => ({
        x: sx(c.size ?? 1),
        y: sy(o.value(c)),
        v: o.value(c),
        hollow: c.rateLimited
      }))
    if (points.length === 0) continue
    out.push(
      `<polyline points="${points.map((p) => `${fmt(p.x)},${fmt(p.y)}`).join(' ')}" fill="none" stroke="${s.color}" stroke-width="2"/>`
    )
    for (const p of points) {
      const at =
        s.place === 'left'
          ? `x="${fmt(p.x - 7)}" y="${fmt(p.y - 6)}" text-anchor="end"`
          : s.place === 'right'
            ? `x="${fmt(p.x + 7)}" y="${fmt(p.y - 6)}"`
            : `x="${fmt(p.x)}" y="${fmt(p.y + 16)}" text-anchor="middle"`
      out.push(
        marker(s, p.x, p.y, p.hollow),
        `<text ${at} fill="${s.color}">${fmt(p.v)}</text>`
      )
    }
  }
  return out.join('\n')
}

export function renderChart(r: BenchResults): string {
  const cases = r.cases.filter((c) => SERIES.some((s) => s.family === c.family))
  const audits = r.cases.filter((c) =>
    AUDIT_SERIES.some((s) => s.family === c.family)
  )
  const shown = audits.length > 0 ? [...SERIES, ...AUDIT_SERIES] : SERIES
  const width = PANEL.width * 2
  // requests and time; the audits' when there are any; then the points
  const auditY = PANEL.height
  const pointsY = PANEL.height * (audits.length > 0 ? 2 : 1)
  const legendY = pointsY + PANEL.height + 8
  const height = legendY + (shown.length + 2) * 18 + 24
  const auditAxis = { min: 30, max: 30_000, ticks: [100, 1000, 10_000] }
  const hour = {
    value: TOKEN_BUDGET.graphqlPoints,
    label: `a GITHUB_TOKEN's hour: ${TOKEN_BUDGET.graphqlPoints.toLocaleString('en-US')} points`
  }
  const auditRow =
    audits.length === 0
      ? ''
      : [
          panel(audits, {
            x0: 0,
            y0: auditY,
            series: AUDIT_SERIES,
            x: auditAxis,
            title: 'HTTP requests per audit',
            yLabel: 'requests',
            value: (c) => c.requests
          }),
          panel(audits, {
            x0: PANEL.width,
            y0: auditY,
            series: AUDIT_SERIES,
            x: auditAxis,
            title: 'Wall time per audit (spawn to exit)',
            yLabel: 'ms',
            value: (c) => c.wallMs,
            target: r.latencyMs === 100 ? AUDIT_WALL_LIMIT_MS : undefined
          })
        ].join('\n')
  const pointsRow = [
    panel(cases, {
      x0: 0,
      y0: pointsY,
      title: 'GraphQL points per decision',
      yLabel: 'points',
      value: (c) => c.points,
      target: 3,
      marks: [hour]
    }),
    audits.length === 0
      ? ''
      : panel(audits, {
          x0: PANEL.width,
          y0: pointsY,
          series: AUDIT_SERIES,
          x: auditAxis,
          title: 'GraphQL points per audit',
          yLabel: 'points',
          value: (c) => c.points,
          target: AUDIT_POINTS_LIMIT,
          marks: [hour]
        })
  ].join('\n')
  const legend = shown.map((s, i) => {
    const y = legendY + i * 18
    return [
      `<line x1="${PANEL.left}" y1="${y}" x2="${PANEL.left + 24}" y2="${y}" stroke="${s.color}" stroke-width="2"/>`,
      marker(s, PANEL.left + 12, y),
      `<text x="${PANEL.left + 32}" y="${y + 4}">${escapeXml(s.label)}</text>`
    ].join('\n')
  })
  const y = legendY + shown.length * 18
  legend.push(
    `<line x1="${PANEL.left}" y1="${y}" x2="${PANEL.left + 24}" y2="${y}" stroke="#555" stroke-dasharray="5 4"/>`,
    `<text x="${PANEL.left + 32}" y="${y + 4}">SPEC §9 targets: a typical decision at most 3 requests, 3 points, under 0.3 s; an audit of 1,000 deployments at most 500 points, under 30 s${r.latencyMs === 100 ? '' : ' (times not drawn: not measured at 100 ms per request)'}</text>`,
    marker(HOLLOW_KEY, PANEL.left + 12, y + 18, true),
    `<text x="${PANEL.left + 32}" y="${y + 22}">hollow: the run was cut short by the rate limit (GitHub refused a query once the hour's points were spent)</text>`
  )
  const caption = `promotion-gate ${r.date.slice(0, 10)}, node ${r.node}, ${r.latencyMs} ms per request (simulator on 127.0.0.1)`
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="11">
<rect width="100%" height="100%" fill="#fff"/>
${panel(cases, {
  x0: 0,
  title: 'HTTP requests per decision',
  yLabel: 'requests',
  value: (c) => c.requests,
  target: 3
})}
${panel(cases, {
  x0: PANEL.width,
  title: 'Wall time per decision (spawn to exit)',
  yLabel: 'ms',
  value: (c) => c.wallMs,
  target: r.latencyMs === 100 ? WALL_LIMIT_MS : undefined
})}
${auditRow}
${pointsRow}
${legend.join('\n')}
<text x="${width - PANEL.right}" y="${height - 8}" text-anchor="end" fill="#777">${escapeXml(caption)}</text>
</svg>
`
}
