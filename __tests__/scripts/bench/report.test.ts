import { describe, expect, it } from '@jest/globals'
import { renderMarkdown } from '../../../scripts/bench/report.js'
import { renderChart } from '../../../scripts/bench/chart.js'
import { evaluateTargets } from '../../../scripts/bench/targets.js'
import { remark, tableRow } from '../../../scripts/bench/table.js'
import { query, rest, result, results, sample } from './fixtures.js'

const typical = result('typical', [
  sample([
    rest('/repos/acme/shop/environments/production', 40),
    query('GateBootstrap', 22, 45_452, 41)
  ])
])
const cut = result(
  'range-100',
  [
    sample(
      [
        query('GateBootstrap', 22, 45_452),
        query('GateChanges', 0, 480_640, 200)
      ],
      { decision: 'block', exitCode: 1, changes: 0 }
    )
  ],
  { family: 'range', size: 100, changes: 100 }
)
const range20 = result(
  'range-20',
  [sample([query('GateChanges', 406, 456_608)])],
  {
    family: 'range',
    size: 20
  }
)

function full(o = {}) {
  const r = results([typical, range20, cut], o)
  return { ...r, targets: evaluateTargets(r) }
}

describe('BENCHMARKS.md', () => {
  it('gives each case its REST and GraphQL requests, points, largest query and what is left', () => {
    expect(renderMarkdown(full())).toContain(
      '| `typical` | typical | 2 | 1 | 1 | 1 | 22 | 45,452 (GateBootstrap) | 978 / 999 |'
    )
  })

  it('shows a case cut short by the rate limit as such', () => {
    expect(renderMarkdown(full())).toContain(
      "block: **rate limited**, 1 query refused once the hour's points were spent (1 run)"
    )
  })

  it("shows each query's points and nodes in the sequences", () => {
    const md = renderMarkdown(full())
    expect(md).toContain(
      'POST /graphql GateBootstrap → 200 (100 ms, 22 points, 45,452 nodes)'
    )
    expect(md).toContain(
      'POST /graphql GateChanges → 200 (100 ms, refused (480,640 nodes))'
    )
  })

  it('says the targets are judged in the table, not by the exit code', () => {
    expect(renderMarkdown(full())).toContain(
      'The SPEC §9 targets are judged in the table below, not by the exit code'
    )
  })

  it('tables the query shapes, largest first, or says there are none', () => {
    expect(renderMarkdown(full())).toContain(
      'No query shapes were costed for these results.'
    )
    const md = renderMarkdown(
      full({
        shapes: [
          {
            name: 'Small',
            what: 's',
            batch: null,
            nodes: 10,
            requests: 1,
            points: 1
          },
          {
            name: 'Big',
            what: 'b',
            batch: 20,
            nodes: 96_000,
            requests: 2_100,
            points: 21
          }
        ]
      })
    )
    expect(md).toContain(
      '| `Big` | b | 20 | 96,000 | 2,100 | 21 |\n| `Small` | s | – | 10 | 1 | 1 |'
    )
  })
})

describe('chart.svg', () => {
  it('draws the points of each family in a panel of their own', () => {
    const svg = renderChart(full())
    expect(svg).toContain('GraphQL points per decision')
    expect(svg).toContain('a GITHUB_TOKEN&apos;s hour'.replace('&apos;', "'"))
    // range-20 and range-100's points on the range line
    expect(svg).toMatch(/>406<\/text>/)
  })

  it('draws a run cut short by the rate limit hollow', () => {
    expect(renderChart(full())).toContain(
      'fill="#fff" stroke="#2ca02c" stroke-width="2"'
    )
    const none = renderChart({ ...full(), cases: [typical, range20] })
    expect(none).not.toContain('fill="#fff" stroke="#2ca02c"')
  })
})

describe('the printed table', () => {
  it('prints the budgets beside the times', () => {
    expect(tableRow(typical)).toMatch(
      /^typical\s+2\s+1\s+1\s+1\s+22\s+45,452\s+978\s/
    )
  })

  it('says a case was rate limited rather than decided unexpectedly', () => {
    expect(remark(cut)).toBe('RATE LIMITED (1 refused after 22 points)')
    expect(remark(typical)).toBe('')
  })
})
