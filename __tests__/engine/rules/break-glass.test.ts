// SPEC §5.7: the break-glass allow, and every way it is refused.
import { describe, expect, it } from '@jest/globals'
import type { Facts, Unreadable } from '../../../src/engine/facts.js'
import type { EnvironmentPolicy } from '../../../src/engine/policy/types.js'
import {
  breakGlassDecision,
  teamsToRead,
  type BreakGlassInput,
  type BreakGlassVerdict
} from '../../../src/engine/break-glass/grant.js'
import { decide, policyCheck } from '../../../src/engine/rules/index.js'
import type { CheckResult } from '../../../src/engine/rules/types.js'
import { result } from '../../../src/engine/rules/util.js'
import {
  NOW,
  aChange,
  aCommit,
  aFacts,
  aPullRequest,
  anActor,
  anEnvironmentApproval,
  anEnvironmentPolicy,
  anIdentity,
  anUnreadable,
  sha,
  type EnvironmentPolicyOverrides
} from '../../../__fixtures__/facts.js'

const REASON = 'checkout is down for every customer'
const SEVENTY_TWO_HOURS = 72 * 3600

/** policy passed, promotion failed, checks could not be verified */
function blockingChecks(): CheckResult[] {
  return [
    policyCheck('pass', 'read .github/promotion-gate.yml'),
    result('promotion', 'fail', 'not promoted', ['never deployed to staging']),
    result('source-branch', 'pass', 'on main'),
    result('segregation', 'skipped', 'off'),
    result('checks', 'error', 'cannot read checks', ['grant checks: read'])
  ]
}

function policyWith(
  approvers: string[] | null,
  overrides: EnvironmentPolicyOverrides = {}
): EnvironmentPolicy {
  return anEnvironmentPolicy({
    breakGlass:
      approvers === null
        ? null
        : { approvers, reviewWithinSeconds: SEVENTY_TWO_HOURS },
    ...overrides
  })
}

/** alice's PR #12 (reviewed by bob) and carol's PR #13, deployed by dave */
function factsWith(
  approvals: Facts['run']['approvals'],
  overrides: Partial<Facts> = {}
): Facts {
  const base = aFacts()
  return aFacts({
    changes: [
      aChange(),
      aChange({
        commit: aCommit({ oid: sha('c0c0c0c') }),
        pullRequest: aPullRequest({
          number: 13,
          author: anActor('carol'),
          commits: [
            aCommit({
              oid: sha('c1c1c1c'),
              author: anIdentity('carol'),
              committer: anIdentity('carol')
            })
          ]
        })
      })
    ],
    run: { ...base.run, approvals },
    ...overrides
  })
}

function input(o: Partial<BreakGlassInput> = {}): BreakGlassInput {
  return {
    reason: REASON,
    results: blockingChecks(),
    facts: factsWith([anEnvironmentApproval('erin')]),
    policy: policyWith(['erin']),
    teams: new Map(),
    now: NOW,
    ...o
  }
}

function refusal(verdict: BreakGlassVerdict): string {
  if (verdict.verdict !== 'block') throw new Error('expected a refusal')
  expect(verdict.message).toMatch(/^break-glass requested but /)
  return verdict.message
}

describe('breakGlassDecision: allowed', () => {
  it('an approval by a listed approver who made nothing and did not deploy', () => {
    const checks = blockingChecks()
    expect(decide(checks)).toBe('block')
    const verdict = breakGlassDecision(input({ results: checks }))
    expect(verdict).toEqual({
      verdict: 'allow',
      grant: {
        reason: REASON,
        approvedBy: 'erin',
        deployer: 'dave',
        makers: ['alice', 'carol'],
        overridden: ['promotion', 'checks'],
        reviewWithin: SEVENTY_TWO_HOURS,
        reviewDue: '2024-05-04T12:00:00.000Z'
      }
    })
  })

  it('matches logins and the environment case-insensitively', () => {
    const verdict = breakGlassDecision(
      input({
        facts: factsWith([
          anEnvironmentApproval('Erin', { environments: ['Production'] })
        ]),
        policy: policyWith(['ERIN'])
      })
    )
    expect(verdict.verdict).toBe('allow')
  })

  it('a member of a listed team, when its members could be read', () => {
    const verdict = breakGlassDecision(
      input({
        policy: policyWith(['acme/other', 'acme/sre-leads']),
        teams: new Map([
          ['acme/other', ['zed']],
          ['acme/sre-leads', ['frank', 'erin']]
        ])
      })
    )
    expect(verdict).toMatchObject({
      verdict: 'allow',
      grant: { approvedBy: 'erin' }
    })
  })

  it('the first eligible approver, past ones who are not', () => {
    const verdict = breakGlassDecision(
      input({
        facts: factsWith([
          anEnvironmentApproval('alice'),
          anEnvironmentApproval('erin'),
          anEnvironmentApproval('frank')
        ]),
        policy: policyWith(['alice', 'erin', 'frank'])
      })
    )
    expect(verdict).toMatchObject({ grant: { approvedBy: 'erin' } })
  })

  it('with unresolved identities when the policy says to ignore them', () => {
    const facts = factsWith([anEnvironmentApproval('erin')], {
      changes: [
        aChange({
          pullRequest: aPullRequest({
            commits: [aCommit({ author: anIdentity(null) })]
          })
        })
      ]
    })
    const verdict = breakGlassDecision(
      input({
        facts,
        policy: policyWith(['erin'], {
          approvals: { unresolvedIdentities: 'ignore' }
        })
      })
    )
    expect(verdict).toMatchObject({ grant: { makers: ['alice'] } })
  })
})

describe('breakGlassDecision: refused', () => {
  it('when the approver made a change', () => {
    const message = refusal(
      breakGlassDecision(
        input({
          facts: factsWith([anEnvironmentApproval('carol')]),
          policy: policyWith(['carol'])
        })
      )
    )
    expect(message).toContain(
      'carol approved the run but is the author of PR #13 and c1c1c1c and the committer of c1c1c1c'
    )
    expect(message).toMatch(/Ask one of carol who made none of the changes/)
  })

  it('when the approver is the deployer', () => {
    const message = refusal(
      breakGlassDecision(
        input({
          facts: factsWith([anEnvironmentApproval('dave')]),
          policy: policyWith(['dave'])
        })
      )
    )
    expect(message).toContain('dave approved the run but is the deployer')
  })

  it('when the approver is not in break_glass.approvers', () => {
    const message = refusal(
      breakGlassDecision(
        input({
          facts: factsWith([anEnvironmentApproval('frank')]),
          policy: policyWith(['erin', 'acme/sre-leads']),
          teams: new Map([['acme/sre-leads', ['gina']]])
        })
      )
    )
    expect(message).toContain(
      'frank approved the run but is not in break_glass.approvers (erin and acme/sre-leads)'
    )
  })

  it('when the approver is a bot', () => {
    const message = refusal(
      breakGlassDecision(
        input({
          facts: factsWith([
            anEnvironmentApproval('robot[bot]', {
              user: anActor('robot[bot]', 'Bot')
            })
          ]),
          policy: policyWith(['robot[bot]'])
        })
      )
    )
    expect(message).toContain('robot[bot] approved the run but is a bot')
  })

  it('when team approvers cannot be read, naming members: read and suggesting logins', () => {
    const unreadable: Unreadable = anUnreadable(
      'members: read',
      'Resource not accessible by integration'
    )
    const message = refusal(
      breakGlassDecision(
        input({
          policy: policyWith(['acme/sre-leads']),
          teams: new Map([['acme/sre-leads', unreadable]])
        })
      )
    )
    expect(message).toContain('it cannot be verified')
    expect(message).toContain(
      'erin approved the run but may be a member of acme/sre-leads, which cannot be read'
    )
    expect(message).toContain('`members: read`')
    expect(message).toContain(
      '(GitHub said: Resource not accessible by integration)'
    )
    expect(message).toMatch(
      /list the approvers' logins in break_glass.approvers instead of the team$/
    )
  })

  it('when a team was not read at all', () => {
    const message = refusal(
      breakGlassDecision(input({ policy: policyWith(['acme/sre-leads']) }))
    )
    expect(message).toContain('`members: read`')
    expect(message).not.toContain('GitHub said')
  })

  it('says what excludes an approver before asking about teams', () => {
    const message = refusal(
      breakGlassDecision(
        input({
          facts: factsWith([anEnvironmentApproval('alice')]),
          policy: policyWith(['acme/sre-leads'])
        })
      )
    )
    expect(message).toContain(
      'alice approved the run but is the author of PR #12'
    )
    expect(message).not.toContain('members: read')
  })

  it('when the policy has no break_glass for the environment', () => {
    expect(
      refusal(breakGlassDecision(input({ policy: policyWith(null) })))
    ).toBe(
      'break-glass requested but the policy gives production no break_glass: add break_glass (approvers, review_within) to environments.production to allow it'
    )
  })

  it('never overrides a policy check that did not pass', () => {
    for (const status of ['fail', 'error'] as const) {
      const checks = [
        policyCheck(status, 'the policy is not valid'),
        ...blockingChecks().slice(1)
      ]
      expect(refusal(breakGlassDecision(input({ results: checks })))).toMatch(
        /the policy check did not pass: a missing, unreadable or invalid policy is never overridden/
      )
    }
    expect(
      refusal(breakGlassDecision(input({ results: blockingChecks().slice(1) })))
    ).toMatch(/policy check did not pass/)
    expect(refusal(breakGlassDecision(input({ policy: null })))).toMatch(
      /policy check did not pass/
    )
  })

  it('when the approvals of the run cannot be read', () => {
    const message = refusal(
      breakGlassDecision(
        input({ facts: factsWith(anUnreadable('actions: read', 'HTTP 403')) })
      )
    )
    expect(message).toBe(
      'break-glass requested but the environment approvals of this run cannot be read: grant the token `actions: read` (GitHub said: HTTP 403)'
    )
  })

  it('when the run carries no approvals (no workflow run)', () => {
    expect(
      refusal(breakGlassDecision(input({ facts: factsWith(null) })))
    ).toMatch(/this run carries no environment approvals/)
  })

  it('when no approval is for this environment', () => {
    const message = refusal(
      breakGlassDecision(
        input({
          facts: factsWith([
            anEnvironmentApproval('erin', { environments: ['staging'] }),
            anEnvironmentApproval('erin', { state: 'rejected' })
          ]),
          policy: policyWith(['erin', 'acme/sre-leads'])
        })
      )
    )
    expect(message).toBe(
      'break-glass requested but this run has no approval for the production environment: add erin and acme/sre-leads as required reviewers of the production environment, so that one of them approves the run'
    )
  })

  it('when the facts could not be gathered', () => {
    expect(refusal(breakGlassDecision(input({ facts: null })))).toMatch(
      /their makers are unknown/
    )
  })

  it('when the deployer is unknown', () => {
    const facts = factsWith([anEnvironmentApproval('erin')], { deployer: null })
    expect(refusal(breakGlassDecision(input({ facts })))).toMatch(
      /the deployer is unknown/
    )
  })

  it('when a maker is not linked to an account (unresolved_identities: block)', () => {
    const one = factsWith([anEnvironmentApproval('erin')], {
      changes: [
        aChange({
          pullRequest: aPullRequest({
            commits: [
              aCommit({ author: anIdentity(null) }),
              aCommit({ author: anIdentity(null) })
            ]
          })
        })
      ]
    })
    expect(refusal(breakGlassDecision(input({ facts: one })))).toContain(
      'unknown@example.com (a1b2c3d) is not linked to a GitHub account'
    )
    const two = factsWith([anEnvironmentApproval('erin')], {
      changes: [
        aChange({
          pullRequest: aPullRequest({
            commits: [
              aCommit({
                author: anIdentity(null),
                committer: anIdentity(null, { email: 'x@example.com' })
              })
            ]
          })
        })
      ]
    })
    expect(refusal(breakGlassDecision(input({ facts: two })))).toMatch(
      /unknown@example.com \(a1b2c3d\) and x@example.com \(a1b2c3d\) are not linked/
    )
  })

  it('when nothing failed (nothing to override)', () => {
    const checks = [
      policyCheck('pass', 'ok'),
      result('promotion', 'pass', 'ok')
    ]
    expect(refusal(breakGlassDecision(input({ results: checks })))).toMatch(
      /nothing to override/
    )
  })

  it('counts each approver once', () => {
    const message = refusal(
      breakGlassDecision(
        input({
          facts: factsWith([
            anEnvironmentApproval('frank'),
            anEnvironmentApproval('frank')
          ])
        })
      )
    )
    expect(message.match(/frank approved/g)).toHaveLength(1)
  })
})

describe('teamsToRead', () => {
  const without = (i: BreakGlassInput): Omit<BreakGlassInput, 'teams'> => ({
    reason: i.reason,
    results: i.results,
    facts: i.facts,
    policy: i.policy,
    now: i.now
  })

  it('the team entries, when an eligible approver is not listed by login', () => {
    expect(
      teamsToRead(
        without(input({ policy: policyWith(['frank', 'acme/a', 'acme/b']) }))
      )
    ).toEqual(['acme/a', 'acme/b'])
  })

  it('none when a listed login already grants the break-glass', () => {
    expect(
      teamsToRead(without(input({ policy: policyWith(['erin', 'acme/a']) })))
    ).toEqual([])
  })

  it('none when no approver could be eligible, or there is no break_glass', () => {
    expect(
      teamsToRead(
        without(
          input({
            facts: factsWith([anEnvironmentApproval('alice')]),
            policy: policyWith(['acme/a'])
          })
        )
      )
    ).toEqual([])
    expect(teamsToRead(without(input({ policy: policyWith(null) })))).toEqual(
      []
    )
  })
})
