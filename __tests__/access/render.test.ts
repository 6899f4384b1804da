// The access matrix as Markdown, JSON and CSV, from the same GitHub answers.
import { describe, expect, it } from '@jest/globals'
import { matrixRows, renderMatrix } from '../../src/access/render.js'
import { FULL, matrix } from '../engine/access/fixtures.js'

describe('access matrix rendering', () => {
  it('renders the same rows as Markdown, JSON and CSV', async () => {
    const m = await matrix(FULL)
    const rows = matrixRows(m)
    expect(rows).toContainEqual([
      'environment',
      'production',
      'required reviewers',
      'erin, team acme/sre (sam, sue)'
    ])
    expect(rows).toContainEqual(['branch', 'main', 'required approvals', '2'])
    const csv = renderMatrix(m, 'csv').trim().split('\n')
    expect(csv[0]).toBe('section,subject,field,value')
    expect(csv).toHaveLength(rows.length + 1)
    expect(JSON.parse(renderMatrix(m, 'json'))).toEqual(
      JSON.parse(JSON.stringify(m))
    )
    const md = renderMatrix(m, 'md')
    expect(md).toContain('| production | yes | main |')
    expect(md).toContain('### Gaps against the policy')
  })

  it('keeps a spreadsheet from running a cell as a formula', async () => {
    const m = await matrix({
      ...FULL,
      'GET /repos/acme/shop/collaborators': [
        {
          login: '=HYPERLINK("x")',
          permissions: { admin: false, maintain: false, push: true }
        }
      ]
    })
    const csv = renderMatrix(m, 'csv')
    expect(csv).toContain(`"'=HYPERLINK(""x"") (write)"`)
  })

  it('puts the note of each cut reviewer team in one cell, and none where nothing was cut', async () => {
    const m = await matrix(FULL)
    expect(matrixRows(m).filter((r) => r[2]?.endsWith(': truncated'))).toEqual(
      []
    )
    const production = m.environments[1]
    if (production === undefined) throw new Error('no production')
    const cut = { read: 100, pages: 1, perPage: 100 }
    const reviewers = [
      {
        type: 'Team' as const,
        name: 'acme/a',
        members: ['x'],
        membersTruncated: { list: 'members of team acme/a', ...cut }
      },
      {
        type: 'Team' as const,
        name: 'acme/b',
        members: ['y'],
        membersTruncated: { list: 'members of team acme/b', ...cut }
      }
    ]
    const rows = matrixRows({
      ...m,
      environments: [{ ...production, reviewers }]
    })
    expect(rows).toContainEqual([
      'environment',
      'production',
      'required reviewers: truncated',
      'first 100 members of team acme/a read: the list was cut at 1 page of 100; first 100 members of team acme/b read: the list was cut at 1 page of 100'
    ])
  })
})
