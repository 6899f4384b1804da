// The follow-up issue's marker and the review judgement (SPEC §5.7), shared
// by the action that writes the marker and the audit that reads it.
import { describe, expect, it } from '@jest/globals'
import {
  BREAK_GLASS_LABEL,
  isIndependentReviewer,
  judgeReview,
  parseBreakGlassMarker,
  renderBreakGlassMarker,
  type BreakGlassMarker
} from '../../src/engine/break-glass/marker.js'
import { SHA } from '../../__fixtures__/facts.js'

const DUE = '2024-05-04T12:00:00.000Z'

function aMarker(overrides: Partial<BreakGlassMarker> = {}): BreakGlassMarker {
  return {
    environment: 'production',
    sha: SHA,
    run_id: 2002,
    approved_by: 'erin',
    deployer: 'dave',
    makers: ['alice', 'bob'],
    due: DUE,
    ...overrides
  }
}

describe('the marker', () => {
  it('is one HTML comment line with the JSON in a fixed key order', () => {
    expect(renderBreakGlassMarker(aMarker())).toBe(
      `<!-- promotion-gate:break-glass {"environment":"production","sha":"${SHA}","run_id":2002,"approved_by":"erin","deployer":"dave","makers":["alice","bob"],"due":"${DUE}"} -->`
    )
    expect(BREAK_GLASS_LABEL).toBe('promotion-gate:break-glass')
  })

  it('round-trips through an issue body', () => {
    const marker = aMarker({ makers: [] })
    const body = `${renderBreakGlassMarker(marker)}\n\n# Review\n\ntext\n`
    expect(parseBreakGlassMarker(body)).toEqual(marker)
    expect(
      parseBreakGlassMarker(
        `intro\r\n  ${renderBreakGlassMarker(marker)}  \r\n`
      )
    ).toEqual(marker)
  })

  it('cannot be closed early by a value: <, > and & are escaped, and read back', () => {
    const marker = aMarker({ environment: 'prod --> <b>&' })
    const line = renderBreakGlassMarker(marker)
    expect(line.indexOf('-->')).toBe(line.length - 3)
    expect(line).not.toMatch(/<b>/)
    expect(parseBreakGlassMarker(line)).toEqual(marker)
  })

  it('is null when absent, ambiguous, or not valid JSON', () => {
    const line = renderBreakGlassMarker(aMarker())
    expect(parseBreakGlassMarker(null)).toBeNull()
    expect(parseBreakGlassMarker(undefined)).toBeNull()
    expect(parseBreakGlassMarker('no marker here')).toBeNull()
    expect(parseBreakGlassMarker(`${line}\n${line}`)).toBeNull()
    expect(
      parseBreakGlassMarker('<!-- promotion-gate:break-glass {not json} -->')
    ).toBeNull()
    // the marker must be a line of its own
    expect(parseBreakGlassMarker(`see ${line}`)).toBeNull()
  })

  it.each<[string, unknown]>([
    ['an array', []],
    ['a string', 'x'],
    ['no environment', { ...aMarker(), environment: '' }],
    ['a short sha', { ...aMarker(), sha: 'a1b2c3d' }],
    ['an upper-case sha', { ...aMarker(), sha: SHA.toUpperCase() }],
    ['a string run id', { ...aMarker(), run_id: '2002' }],
    ['a fractional run id', { ...aMarker(), run_id: 1.5 }],
    ['a run id of 0', { ...aMarker(), run_id: 0 }],
    ['no approver', { ...aMarker(), approved_by: null }],
    ['no deployer', { ...aMarker(), deployer: '' }],
    ['makers not a list', { ...aMarker(), makers: 'alice' }],
    ['a maker not a login', { ...aMarker(), makers: ['alice', 7] }],
    ['no due time', { ...aMarker(), due: '' }],
    ['a due time that is not a time', { ...aMarker(), due: 'soon' }]
  ])('is null for %s', (_what, value) => {
    const body = `<!-- promotion-gate:break-glass ${JSON.stringify(value)} -->`
    expect(parseBreakGlassMarker(body)).toBeNull()
  })

  it('ignores keys it does not know', () => {
    const body = `<!-- promotion-gate:break-glass ${JSON.stringify({ ...aMarker(), extra: 1 })} -->`
    expect(parseBreakGlassMarker(body)).toEqual(aMarker())
  })
})

describe('isIndependentReviewer', () => {
  it('is nobody of the deployment, compared case-insensitively, and no bot', () => {
    const m = aMarker()
    expect(isIndependentReviewer(m, 'frank')).toBe(true)
    for (const login of ['Dave', 'ERIN', 'alice', 'Bob']) {
      expect(isIndependentReviewer(m, login)).toBe(false)
    }
    expect(isIndependentReviewer(m, 'stale[bot]')).toBe(false)
    expect(isIndependentReviewer(m, null)).toBe(false)
    expect(isIndependentReviewer(m, '')).toBe(false)
  })
})

describe('judgeReview', () => {
  const before = new Date('2024-05-03T00:00:00Z')
  const after = new Date('2024-05-10T00:00:00Z')
  const closed = (
    at: string,
    by: string | null = 'frank',
    reason: string | null = 'completed'
  ) => ({ at, by, reason })

  it('done: closed as completed by an independent reviewer in time', () => {
    expect(judgeReview(aMarker(), closed('2024-05-02T09:00:00Z'), after)).toBe(
      'done'
    )
    // exactly at the due time still counts; GraphQL's upper-case reason too
    expect(
      judgeReview(aMarker(), closed(DUE, 'frank', 'COMPLETED'), after)
    ).toBe('done')
  })

  it('late: the same, after the due time', () => {
    expect(judgeReview(aMarker(), closed('2024-05-05T09:00:00Z'), after)).toBe(
      'late'
    )
  })

  it('pending or missing while open, depending on the due time', () => {
    expect(judgeReview(aMarker(), null, before)).toBe('pending')
    expect(judgeReview(aMarker(), null, new Date(DUE))).toBe('pending')
    expect(judgeReview(aMarker(), null, after)).toBe('missing')
  })

  it.each<[string, ReturnType<typeof closed>]>([
    ['by the deployer', closed('2024-05-02T09:00:00Z', 'dave')],
    ['by the approver', closed('2024-05-02T09:00:00Z', 'Erin')],
    ['by a maker', closed('2024-05-02T09:00:00Z', 'bob')],
    ['by a bot', closed('2024-05-02T09:00:00Z', 'stale[bot]')],
    ['by a deleted account', closed('2024-05-02T09:00:00Z', null)],
    ['as not planned', closed('2024-05-02T09:00:00Z', 'frank', 'not_planned')],
    ['as a duplicate', closed('2024-05-02T09:00:00Z', 'frank', 'DUPLICATE')],
    ['with no reason', closed('2024-05-02T09:00:00Z', 'frank', null)],
    ['at a time that cannot be read', closed('yesterday')]
  ])('a closure %s is no review', (_what, closure) => {
    expect(judgeReview(aMarker(), closure, before)).toBe('pending')
    expect(judgeReview(aMarker(), closure, after)).toBe('missing')
  })
})
