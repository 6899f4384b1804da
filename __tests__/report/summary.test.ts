// The job summary as people read it: what failed first with what to do,
// the token's missing permissions once, the passes folded below.
import { describe, expect, it } from '@jest/globals'
import {
  cannotDecide,
  makeRequest,
  recordEvidence,
  type CheckResult,
  type Decision
} from '../../src/engine/index.js'
import { oneLine, renderSummary } from '../../src/report/summary.js'
import { missingPermissions } from '../../src/report/permissions.js'

const request = makeRequest({
  owner: 'acme',
  repo: 'shop',
  environment: 'production',
  sha: 'a'.repeat(40),
  policyPath: '.github/promotion-gate.yml',
  run: { id: 7, attempt: 1, actor: 'dora' }
})

const check = (
  id: CheckResult['id'],
  status: CheckResult['status'],
  problems: string[] = []
): CheckResult => ({
  id,
  status,
  summary: `${id}: ${status}`,
  problems,
  controls: [],
  links: []
})

function decisionOf(results: CheckResult[]): Decision {
  const base = cannotDecide({ request, failure: null, now: new Date(0) })
  const blocked = results.some(
    (c) => c.status === 'fail' || c.status === 'error'
  )
  return { ...base, results, decision: blocked ? 'block' : 'allow' }
}

function summaryOf(d: Decision, mode = 'enforce'): string {
  const { evidence } = recordEvidence(
    d,
    { mode, requests: 3, notes: [] },
    () => null
  )
  return renderSummary(d, evidence, null)
}

describe('renderSummary', () => {
  it('puts the failures first, then the passes folded', () => {
    const text = summaryOf(
      decisionOf([
        check('policy', 'pass'),
        check('promotion', 'pass'),
        check('maker-checker', 'fail', ['bob approved but wrote a commit']),
        check('segregation', 'skipped')
      ])
    )
    const fix = text.indexOf('### What to fix')
    const failure = text.indexOf('| `maker-checker` | ❌ fail |')
    const folded = text.indexOf(
      '<details><summary>2 checks passed, 1 turned off by the policy</summary>'
    )
    const pass = text.indexOf('| `policy` | ✅ pass |')
    expect([fix, failure, folded, pass].every((i) => i >= 0)).toBe(true)
    expect(fix).toBeLessThan(failure)
    expect(failure).toBeLessThan(folded)
    expect(folded).toBeLessThan(pass)
    expect(text).toContain('• bob approved but wrote a commit')
    expect(text).toContain('</details>')
  })

  it('names every failing check in its one line, the first with its reason', () => {
    const d = decisionOf([
      check('promotion', 'fail', ['never deployed to staging']),
      check('policy', 'pass'),
      check('branch-protection', 'error', ['cannot tell']),
      check('approval-record', 'fail', ['a direct push'])
    ])
    expect(oneLine(d)).toBe(
      `promotion-gate blocked ${d.request.sha.slice(0, 7)} to ${d.request.environment}: promotion: never deployed to staging; also branch-protection, approval-record`
    )
  })

  it('shows an allow with its passes unfolded and nothing to fix', () => {
    const text = summaryOf(
      decisionOf([check('policy', 'pass'), check('promotion', 'pass')])
    )
    expect(text).toContain('✅ **allow**')
    expect(text).toContain('### 2 checks passed')
    expect(text).not.toContain('What to fix')
    expect(text).not.toContain('<details>')
  })

  it('names every missing permission once, with the permissions block that fixes it', () => {
    const d = decisionOf([
      check('policy', 'pass'),
      check('promotion', 'error', ['the token needs `deployments: read`']),
      check('checks', 'error', [
        'cannot read: needs `checks: read`',
        'and `statuses: read`'
      ]),
      check('environment', 'error', ['needs `actions: read`']),
      check('branch-protection', 'error', [
        'classic protection needs `administration: read`'
      ]),
      check('approval-record', 'error', ['needs `pull_requests: read`'])
    ])
    expect(missingPermissions(d)).toEqual({
      workflow: [
        'deployments: read',
        'checks: read',
        'statuses: read',
        'actions: read',
        'pull-requests: read'
      ],
      other: ['administration: read']
    })
    const text = summaryOf(d)
    expect(text).toContain(
      '```yaml\npermissions:\n  deployments: read\n  checks: read\n  statuses: read\n  actions: read\n  pull-requests: read\n```'
    )
    expect(text).toContain(
      'No workflow token can be given `administration: read`'
    )
  })

  it('names no permission when none is missing', () => {
    const text = summaryOf(
      decisionOf([check('policy', 'pass'), check('promotion', 'fail', ['x'])])
    )
    expect(text).not.toContain('permissions:')
  })

  it('in report mode says the deployment would be blocked, not that it was', () => {
    const text = summaryOf(
      decisionOf([check('policy', 'pass'), check('promotion', 'fail', ['x'])]),
      'report'
    )
    expect(text).toContain('⚠️ **would block** (mode: report)')
    expect(text).toContain('Nothing was blocked')
    expect(text).not.toContain('⛔')
  })
})
