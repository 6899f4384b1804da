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
})
