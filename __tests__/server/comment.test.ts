// The verdict's comment: Markdown, at most 1024 characters whatever the
// decision holds, every violation named, never a split character.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import type { Decision } from '../../src/engine/index.js'
import {
  CHECK_IDS,
  type CheckId,
  type CheckResult
} from '../../src/engine/rules/types.js'
import {
  clip,
  inline,
  MAX_COMMENT,
  renderComment,
  renderFailureComment
} from '../../src/server/comment.js'

const SHA = 'abcdef0123456789abcdef0123456789abcdef01'
const CTX = { delivery: 'd-1', evidence: null }

function check(
  id: CheckId,
  status: CheckResult['status'],
  problems: string[] = []
): CheckResult {
  return {
    id,
    status,
    summary: `${id} ${status}`,
    problems,
    controls: [],
    links: []
  }
}

function decision(checks: CheckResult[], o: Partial<Decision> = {}): Decision {
  return {
    decision: checks.every((c) => c.status === 'pass' || c.status === 'skipped')
      ? 'allow'
      : 'block',
    results: checks,
    request: {
      owner: 'acme',
      repo: 'shop',
      environment: 'production',
      sha: SHA,
      policyPath: '.github/promotion-gate.yml',
      policyRef: null,
      deployer: 'dora',
      run: {
        id: 1,
        attempt: 1,
        url: null,
        actor: 'dora',
        triggeringActor: 'dora'
      },
      serverUrl: 'https://github.com',
      breakGlassReason: null
    },
    policy: { path: '.github/promotion-gate.yml', ref: 'main', blobSha: null },
    environmentPolicy: null,
    chain: [],
    facts: null,
    failure: null,
    breakGlass: null,
    breakGlassNote: null,
    followUp: null,
    warnings: [],
    evaluatedAt: '2026-01-01T00:00:00.000Z',
    ...o
  }
}

describe('renderComment', () => {
  it('approves in one line, naming what the policy turned off', () => {
    const text = renderComment(
      decision([
        ...CHECK_IDS.filter((id) => id !== 'segregation').map((id) =>
          check(id, 'pass')
        ),
        check('segregation', 'skipped')
      ]),
      { delivery: 'd-1', evidence: 'evidence-x.json' }
    )
    expect(text).toBe(
      '**promotion-gate approved** `abcdef0` to `production`: all 8 checks passed (segregation turned off by the policy).\n\n' +
        'Policy .github/promotion-gate.yml@main; delivery d-1; evidence evidence-x.json.'
    )
  })

  it('rejects naming each violation and each problem, failed apart from unverified', () => {
    const text = renderComment(
      decision([
        check('policy', 'pass'),
        check('promotion', 'fail', ['never deployed to staging: deploy it']),
        check('maker-checker', 'fail', ['PR #2 has 0 independent approvals']),
        check('branch-protection', 'error', ['grant administration: read'])
      ]),
      CTX
    )
    expect(text.split('\n')).toEqual([
      '**promotion-gate rejected** `abcdef0` to `production`.',
      'Violations: **promotion**, **maker-checker**.',
      'Could not be verified: **branch-protection**.',
      '',
      '- promotion: never deployed to staging: deploy it',
      '- maker-checker: PR #2 has 0 independent approvals',
      '- branch-protection: grant administration: read',
      '',
      'Policy .github/promotion-gate.yml@main; delivery d-1. Fix the above, then re-run the deployment job.'
    ])
  })

  it('says a failure that stopped every check once, with its hint', () => {
    const message = 'GET /repos/acme/shop/actions/runs/1 failed with 403'
    const text = renderComment(
      decision(
        CHECK_IDS.map((id) => check(id, 'error', [message])),
        {
          failure: {
            code: 'github-api',
            message,
            hint: 'The token probably lacks the `actions: read` permission.'
          }
        }
      ),
      CTX
    )
    expect(text).toContain(
      'Hint: The token probably lacks the `actions: read` permission.'
    )
    expect(text.match(/failed with 403/g)).toHaveLength(1)
    expect(text).toContain(`- 9 checks: ${message}`)
  })

  it('says why a decision whose checks passed was still rejected', () => {
    const text = renderComment(
      decision(
        CHECK_IDS.map((id) => check(id, 'pass')),
        {
          decision: 'block',
          failure: {
            code: 'internal',
            message: 'evidence could not be written: EACCES',
            hint: undefined
          }
        }
      ),
      CTX
    )
    expect(text.split('\n').slice(0, 2)).toEqual([
      '**promotion-gate rejected** `abcdef0` to `production`.',
      'It could not be decided: evidence could not be written: EACCES'
    ])
  })

  it('stays within 1024 characters with many long violations, and counts the rest', () => {
    const long = (id: string, i: number) =>
      `${id} problem ${i}: ${'x'.repeat(300)} what to fix`
    const text = renderComment(
      decision(
        CHECK_IDS.map((id) =>
          check(
            id,
            'fail',
            Array.from({ length: 20 }, (_, i) => long(id, i))
          )
        )
      ),
      CTX
    )
    expect(text.length).toBeLessThanOrEqual(MAX_COMMENT)
    for (const id of CHECK_IDS) expect(text).toContain(`**${id}**`)
    expect(text).toMatch(/- …and \d+ more/)
    expect(text).toMatch(/re-run the deployment job\.$/)
  })

  it('keeps control characters and newlines of GitHub data out of the Markdown', () => {
    const text = renderComment(
      decision([
        check('promotion', 'fail', ['line one\n# heading\u001b[31m red'])
      ]),
      CTX
    )
    expect(text).toContain('- promotion: line one # heading [31m red')
  })

  it('holds its bounds for any problems (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            id: fc.constantFrom(...CHECK_IDS),
            status: fc.constantFrom('fail' as const, 'error' as const),
            problems: fc.array(fc.string({ unit: 'binary', maxLength: 2000 }), {
              maxLength: 30
            })
          }),
          { minLength: 1, maxLength: 12 }
        ),
        fc.string({ unit: 'binary', maxLength: 300 }),
        (checks, environment) => {
          const base = decision(
            checks.map((c) => check(c.id, c.status, c.problems))
          )
          const d = { ...base, request: { ...base.request, environment } }
          const text = renderComment(d, CTX)
          expect(text.length).toBeLessThanOrEqual(MAX_COMMENT)
          expect(text).toMatch(/^\*\*promotion-gate rejected\*\*/)
          // no lone surrogate from a cut
          expect(() => encodeURIComponent(text)).not.toThrow()
        }
      ),
      { numRuns: 200 }
    )
  })
})

describe('renderFailureComment', () => {
  it('rejects saying why nothing could be verified and what to do', () => {
    const text = renderFailureComment(
      'the server stopped',
      { ...CTX, sha: SHA, environment: 'production' },
      'Re-run the deployment job.'
    )
    expect(text).toBe(
      '**promotion-gate rejected** `abcdef0` to `production`: it could not be verified.\n\n' +
        '- the server stopped\n\n' +
        'Re-run the deployment job. Delivery d-1.'
    )
    const huge = renderFailureComment(
      'y'.repeat(5000),
      { ...CTX, sha: null, environment: 'e'.repeat(3000) },
      'z'.repeat(3000)
    )
    expect(huge.length).toBeLessThanOrEqual(MAX_COMMENT)
  })
})

describe('clip and inline', () => {
  it('cuts at a character boundary with an ellipsis', () => {
    expect(clip('abcdef', 10)).toBe('abcdef')
    expect(clip('abcdef', 4)).toBe('abc…')
    // 😀 is two UTF-16 units: never cut in half
    expect(clip('ab😀cd', 4)).toBe('ab…')
    expect(clip('ab😀cd', 5)).toBe('ab😀…')
    expect(clip('abc', 0)).toBe('')
  })

  it('makes one line of any text', () => {
    expect(inline(' a\r\n\tb\u0000c  ')).toBe('a b c')
  })
})
