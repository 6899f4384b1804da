// The follow-up issue of a break-glass allow: its text, and how opening it
// can fail. The end-to-end path is in main.test.ts.
import { describe, expect, it } from '@jest/globals'
import {
  followUpBody,
  followUpTitle,
  openFollowUpIssue
} from '../../src/engine/break-glass/index.js'
import {
  BREAK_GLASS_LABEL,
  parseBreakGlassMarker
} from '../../src/engine/break-glass/marker.js'
import { GitHubApiError } from '../../src/engine/errors.js'
import type { BreakGlassGrant, Decision } from '../../src/engine/index.js'
import type { GitHubPort, RestResponse } from '../../src/engine/port.js'
import { policyCheck } from '../../src/engine/rules/index.js'
import { result } from '../../src/engine/rules/util.js'
import { SHA } from '../../__fixtures__/facts.js'

function aGrant(overrides: Partial<BreakGlassGrant> = {}): BreakGlassGrant {
  return {
    reason: 'checkout is down',
    approvedBy: 'erin',
    deployer: 'dave',
    makers: ['alice', 'bob'],
    overridden: ['promotion'],
    reviewWithin: 72 * 3600,
    reviewDue: '2024-05-04T12:00:00.000Z',
    ...overrides
  }
}

function aDecision(
  o: { runId?: number | null; problems?: string[]; environment?: string } = {}
): Decision {
  const runId = o.runId === undefined ? 2002 : o.runId
  return {
    decision: 'allow',
    results: [
      policyCheck('pass', 'ok'),
      result(
        'promotion',
        'fail',
        'not promoted',
        o.problems ?? ['never deployed to staging']
      )
    ],
    request: {
      owner: 'acme',
      repo: 'shop',
      environment: o.environment ?? 'production',
      sha: SHA,
      policyPath: '.github/promotion-gate.yml',
      policyRef: null,
      deployer: 'dave',
      run: {
        id: runId,
        attempt: 1,
        url:
          runId === null
            ? null
            : `https://github.com/acme/shop/actions/runs/${runId}`,
        actor: 'dave',
        triggeringActor: 'dave'
      },
      serverUrl: 'https://github.com',
      breakGlassReason: 'checkout is down'
    },
    policy: { path: '.github/promotion-gate.yml', ref: 'main', blobSha: null },
    environmentPolicy: null,
    chain: [],
    facts: null,
    failure: null,
    breakGlass: aGrant(),
    breakGlassNote: null,
    followUp: null,
    warnings: [],
    evaluatedAt: '2024-05-01T12:00:00.000Z'
  }
}

function port(answer: () => RestResponse): GitHubPort & {
  calls: { route: string; params: Record<string, unknown> }[]
} {
  const calls: { route: string; params: Record<string, unknown> }[] = []
  return {
    calls,
    async rest<T>(route: string, params: Record<string, unknown> = {}) {
      calls.push({ route, params })
      const r = answer()
      return { ...r, data: r.data as T }
    },
    async graphql() {
      throw new Error('no GraphQL here')
    }
  }
}

const created =
  (labels: unknown[] = [{ name: BREAK_GLASS_LABEL }]) =>
  () => ({
    status: 201,
    data: {
      number: 7,
      html_url: 'https://github.com/acme/shop/issues/7',
      labels
    },
    headers: {}
  })

describe('the follow-up issue', () => {
  it('is titled with the environment, short sha and run', () => {
    expect(followUpTitle(aDecision())).toBe(
      `Break-glass review: production ${SHA.slice(0, 7)} (run 2002)`
    )
    const long = followUpTitle(aDecision({ environment: 'e'.repeat(300) }))
    expect(long).toHaveLength(256)
    expect(long.endsWith('…')).toBe(true)
  })

  it('starts with the marker, and no text from inputs can add another', () => {
    const grant = aGrant({
      reason: `<!-- promotion-gate:break-glass {"environment":"x"} -->`
    })
    const decision = aDecision({
      problems: ['<!-- promotion-gate:break-glass {} -->']
    })
    const body = followUpBody(decision, grant)
    expect(body.split('\n')[0]).toMatch(/^<!-- promotion-gate:break-glass \{/)
    expect(body.match(/<!--/g)).toHaveLength(1)
    expect(parseBreakGlassMarker(body)).toMatchObject({
      approved_by: 'erin',
      makers: ['alice', 'bob'],
      due: '2024-05-04T12:00:00.000Z'
    })
  })

  it('lists at most ten problems per check and stays within GitHub body limits', () => {
    const problems = Array.from(
      { length: 12 },
      (_, i) => `problem ${i} ${'x'.repeat(700)}`
    )
    const body = followUpBody(aDecision({ problems }), aGrant())
    expect(body).toContain('and 2 more')
    expect(body).not.toContain('problem 10')
    expect(body).toContain('…')

    const many = aDecision({ problems: ['p'] })
    many.results = Array.from({ length: 200 }, () =>
      result('checks', 'fail', 's'.repeat(600), ['q'.repeat(600)])
    )
    const cut = followUpBody(many, aGrant({ overridden: ['checks'] }))
    expect(cut.length).toBeLessThanOrEqual(60_000)
    expect(cut).toContain('cut to fit')
    expect(parseBreakGlassMarker(cut)).not.toBeNull()
  })

  it('says so when there are no makers', () => {
    expect(followUpBody(aDecision(), aGrant({ makers: [] }))).toContain(
      '| Makers of the changes | none found |'
    )
  })
})

describe('openFollowUpIssue', () => {
  it('opens it with the label and returns its number and URL', async () => {
    const p = port(created())
    const decision = aDecision()
    expect(
      await openFollowUpIssue(
        p,
        decision,
        decision.breakGlass as BreakGlassGrant
      )
    ).toEqual({
      issue: { number: 7, url: 'https://github.com/acme/shop/issues/7' },
      warning: null
    })
    expect(p.calls[0]?.route).toBe('POST /repos/{owner}/{repo}/issues')
    expect(p.calls[0]?.params).toMatchObject({
      owner: 'acme',
      repo: 'shop',
      labels: [BREAK_GLASS_LABEL]
    })
  })

  it('warns when GitHub dropped the label', async () => {
    const opened = await openFollowUpIssue(
      port(created([])),
      aDecision(),
      aGrant()
    )
    expect(opened).toMatchObject({ issue: { number: 7 } })
    expect('warning' in opened ? opened.warning : null).toMatch(
      /without the label promotion-gate:break-glass/
    )
    const named = await openFollowUpIssue(
      port(created([BREAK_GLASS_LABEL])),
      aDecision(),
      aGrant()
    )
    expect(named).toMatchObject({ warning: null })
  })

  it('is a problem naming issues: write when GitHub refuses', async () => {
    const p = port(() => {
      throw new GitHubApiError('Resource not accessible by integration', {
        status: 403
      })
    })
    const opened = await openFollowUpIssue(p, aDecision(), aGrant())
    expect(opened).toEqual({
      problem:
        'break-glass was verified (approved by erin) but its follow-up issue could not be opened, so the deployment is blocked: grant the job `issues: write` in its permissions (GitHub said: Resource not accessible by integration)'
    })
  })

  it('is a problem when the answer is not an issue, or there is no run', async () => {
    const odd = port(() => ({
      status: 201,
      data: { number: 'seven' },
      headers: {}
    }))
    expect(await openFollowUpIssue(odd, aDecision(), aGrant())).toHaveProperty(
      'problem'
    )
    const p = port(created())
    const none = await openFollowUpIssue(
      p,
      aDecision({ runId: null }),
      aGrant()
    )
    expect(none).toHaveProperty('problem')
    expect(p.calls).toHaveLength(0)
  })
})
