// The evidence record (SPEC §6): what it says of the environment as read,
// of a break-glass allow, and that no evidence means no allow.
import { describe, expect, it } from '@jest/globals'
import type { BreakGlassGrant } from '../../../src/engine/break-glass/grant.js'
import { decided, type Decision } from '../../../src/engine/decision.js'
import {
  buildEvidence,
  environmentEvidence,
  evidenceProblems,
  recordEvidence,
  type EvidenceRecord
} from '../../../src/engine/evidence/index.js'
import type { CheckResult } from '../../../src/engine/rules/types.js'
import { makeRequest } from '../../../src/engine/request.js'
import {
  ENVIRONMENT_SETTINGS_URL,
  NOW,
  SHA,
  aChange,
  aCommit,
  aFacts,
  anEnvironmentPolicy,
  anIdentity,
  anEnvironmentSettings,
  anUnreadable
} from '../../../__fixtures__/facts.js'

const REQUEST = makeRequest({
  owner: 'acme',
  repo: 'shop',
  environment: 'production',
  sha: SHA,
  policyPath: '.github/promotion-gate.yml',
  run: { id: 2002, attempt: 1, actor: 'dave' }
})

const PASS: CheckResult = {
  id: 'policy',
  status: 'pass',
  summary: 'policy read',
  problems: [],
  controls: [],
  links: []
}

function anAllow(o: Partial<Decision> = {}): Decision {
  return {
    ...decided({
      request: REQUEST,
      now: NOW,
      policy: {
        record: { path: REQUEST.policyPath, ref: null, blobSha: null },
        environment: anEnvironmentPolicy(),
        chain: ['staging']
      },
      facts: aFacts(),
      results: [PASS]
    }),
    ...o
  }
}

const CONTEXT = { mode: 'enforce', requests: 3, notes: [] }

describe('environmentEvidence', () => {
  it('is null when the policy does not look at the environment', () => {
    expect(environmentEvidence('production', null)).toBeNull()
  })

  it('names the permission when the environment could not be read', () => {
    expect(
      environmentEvidence('production', anUnreadable('actions: read'))
    ).toMatchObject({
      name: 'production',
      exists: null,
      unreadable: 'actions: read'
    })
  })

  it('says where to create an environment that does not exist', () => {
    expect(
      environmentEvidence('production', {
        exists: false,
        name: 'production',
        settingsUrl: 'https://github.com/acme/shop/settings/environments'
      })
    ).toMatchObject({
      exists: false,
      url: 'https://github.com/acme/shop/settings/environments',
      unreadable: null
    })
  })

  it('records the settings as read, and branch patterns it could not read', () => {
    expect(
      environmentEvidence('production', {
        exists: true,
        settings: anEnvironmentSettings({
          deploymentBranchPolicy: null,
          branchPolicies: anUnreadable('actions: read')
        })
      })
    ).toEqual({
      name: 'production',
      exists: true,
      url: ENVIRONMENT_SETTINGS_URL,
      deployment_branch_policy: null,
      branch_policies: null,
      reviewers: [{ type: 'User', name: 'erin' }],
      prevent_self_review: true,
      can_admins_bypass: false,
      wait_timer: 0,
      unreadable: 'actions: read'
    })
  })
})

describe('buildEvidence', () => {
  const glass: BreakGlassGrant = {
    reason: 'outage',
    approvedBy: 'erin',
    deployer: 'dave',
    makers: ['alice'],
    overridden: ['checks'],
    reviewWithin: 86_400,
    reviewDue: '2024-05-02T12:00:00.000Z'
  }

  it('records a break-glass allow and the follow-up issue it opened', () => {
    const issue = { number: 42, url: 'https://github.com/acme/shop/issues/42' }
    const record = buildEvidence(anAllow({ breakGlass: glass }), {
      ...CONTEXT,
      followUpIssue: issue
    })
    expect(record.break_glass).toEqual({
      reason: 'outage',
      approved_by: 'erin',
      overridden_checks: ['checks'],
      review_within: 86_400,
      review_due: '2024-05-02T12:00:00.000Z',
      follow_up_issue: issue
    })
    expect(
      buildEvidence(anAllow({ breakGlass: glass }), CONTEXT).break_glass
        ?.follow_up_issue
    ).toBeNull()
  })

  it('records an identity no account could be found for', () => {
    const ghost = anIdentity(null, {
      name: 'Ghost',
      email: 'ghost@example.com'
    })
    const record = buildEvidence(
      anAllow({
        facts: aFacts({
          changes: [
            aChange({
              commit: aCommit({ coAuthors: [ghost] }),
              pullRequest: null
            })
          ]
        })
      }),
      CONTEXT
    )
    expect(record.changes[0]?.unresolved_identities).toEqual([
      { name: 'Ghost', email: 'ghost@example.com', role: 'co_authors' }
    ])
  })

  it('records no changes, settings or results when nothing was gathered', () => {
    const record = buildEvidence(anAllow({ facts: null }), CONTEXT)
    expect(record).toMatchObject({
      scope: null,
      changes: [],
      environment_settings: null,
      checks_relied_on: []
    })
  })
})

describe('evidenceProblems', () => {
  const valid = (): EvidenceRecord => buildEvidence(anAllow(), CONTEXT)

  it('finds none in a record the engine built', () => {
    expect(evidenceProblems(valid())).toEqual([])
  })

  it('names each field that does not match, at its path', () => {
    const broken = {
      ...valid(),
      decision: 'maybe'
    } as unknown as EvidenceRecord
    expect(evidenceProblems(broken)).toEqual([
      '/decision must be equal to one of the allowed values'
    ])
    const rest: Partial<EvidenceRecord> = valid()
    delete rest.kind
    expect(evidenceProblems(rest as EvidenceRecord)).toEqual([
      "/ must have required property 'kind'"
    ])
  })
})

describe('recordEvidence: no evidence, no allow', () => {
  it('withdraws a break-glass allow whose record cannot be kept, saying so', () => {
    const glass: BreakGlassGrant = {
      reason: 'outage',
      approvedBy: 'erin',
      deployer: 'dave',
      makers: ['alice'],
      overridden: ['checks'],
      reviewWithin: 86_400,
      reviewDue: '2024-05-02T12:00:00.000Z'
    }
    const r = recordEvidence(anAllow({ breakGlass: glass }), CONTEXT, () => {
      throw new Error('disk full')
    })
    expect(r.decision).toMatchObject({
      decision: 'block',
      breakGlass: null,
      breakGlassNote:
        'the break-glass allow was withdrawn: evidence could not be written: disk full'
    })
  })

  it('notes why a break-glass reason made no allow', () => {
    const r = recordEvidence(
      anAllow({ breakGlassNote: 'not needed: every check passed' }),
      { ...CONTEXT, notes: ['from the adapter'] },
      () => null
    )
    expect(r.evidence.notes).toEqual([
      'from the adapter',
      'not needed: every check passed'
    ])
  })

  it('keeps a valid record and leaves the decision as it was', () => {
    const kept: string[] = []
    const r = recordEvidence(anAllow(), CONTEXT, (_record, text) => {
      kept.push(text)
      return 'evidence.json'
    })
    expect(r).toMatchObject({ file: 'evidence.json', problem: null })
    expect(r.decision.decision).toBe('allow')
    expect(JSON.parse(kept[0] ?? '')).toEqual(r.evidence)
  })

  it('blocks when the record does not match its schema, and keeps nothing', () => {
    const kept: string[] = []
    const r = recordEvidence(anAllow(), { ...CONTEXT, mode: 'bogus' }, () => {
      kept.push('x')
      return 'evidence.json'
    })
    expect(kept).toEqual([])
    expect(r.decision.decision).toBe('block')
    expect(r.problem).toMatch(
      /^evidence could not be written: the evidence record does not match its schema: \/mode /
    )
    expect(r.evidence.decision).toBe('block')
    expect(r.decision.failure).toMatchObject({
      code: 'internal',
      message: 'the evidence record could not be written'
    })
  })

  it('blocks when the record cannot be kept, naming the error code but no path', () => {
    const r = recordEvidence(
      anAllow(),
      CONTEXT,
      () => {
        throw Object.assign(new Error("EACCES: permission denied, open '/x'"), {
          code: 'EACCES'
        })
      },
      'Check the evidence-path input.'
    )
    expect(r.decision.failure).toEqual({
      code: 'internal',
      message: 'the evidence record could not be written (EACCES)',
      hint: 'Check the evidence-path input.'
    })
    expect(r.file).toBeNull()
  })
})
