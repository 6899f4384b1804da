// branch-protection and ruleset bypass actors (SPEC §5.4, §7): an `exempt`
// actor is named in the message, whatever the status; bypass actors the
// token could not read are said to be unread; `always` and `pull_request`
// actors change nothing (as before).
import { describe, expect, it } from '@jest/globals'
import { check } from '../../../src/engine/rules/branch-protection.js'
import type {
  BranchFact,
  BypassActorFact,
  RulesetBypassFact
} from '../../../src/engine/facts.js'
import {
  NOW,
  aBranch,
  aFacts,
  anEnvironmentPolicy,
  anUnreadable
} from '../../../__fixtures__/facts.js'

const run = (branches: BranchFact[], globs = ['main']) =>
  check(aFacts({ branches }), anEnvironmentPolicy({ branches: globs }), NOW)

const actor = (
  actorType: string,
  actorId: number | null,
  mode: BypassActorFact['mode']
): BypassActorFact => ({ actorType, actorId, mode })

const ruleset = (
  actors: RulesetBypassFact['actors'],
  o: Partial<RulesetBypassFact> = {}
): RulesetBypassFact => ({ id: 1, name: 'protect main', actors, ...o })

const UNREAD = anUnreadable(
  'administration: read',
  'the token cannot administer the repository'
)
const SETTINGS = 'https://github.com/acme/shop/settings/rules'

describe('branch-protection: ruleset bypass actors', () => {
  it.each<[string, BypassActorFact[], string]>([
    [
      'an exempt app',
      [actor('Integration', 42, 'exempt')],
      `main protected with at least the required settings; note: ruleset "protect main" (1) exempts Integration 42 (bypass mode "exempt"): GitHub does not run its rules for it and creates no bypass audit entry, so its pushes skip this protection without a trace; set the bypass mode to "always" or remove it (${SETTINGS})`
    ],
    [
      'exempt roles and teams, next to an always actor',
      [
        actor('RepositoryRole', 5, 'exempt'),
        actor('Team', 7, 'always'),
        actor('OrganizationAdmin', 1, 'exempt'),
        actor('DeployKey', null, 'exempt'),
        actor('RepositoryRole', 9, 'exempt'),
        actor('EnterpriseOwner', null, 'exempt')
      ],
      `main protected with at least the required settings; note: ruleset "protect main" (1) exempts repository role admin, organization admins, deploy keys, repository role 9 and EnterpriseOwner (bypass mode "exempt"): GitHub does not run its rules for them and creates no bypass audit entry, so their pushes skip this protection without a trace; set the bypass mode to "always" or remove them (${SETTINGS})`
    ]
  ])('names %s in a passing message', (_n, actors, summary) => {
    const r = run([aBranch({ rulesetBypass: [ruleset(actors)] })])
    expect(r.status).toBe('pass')
    expect(r.problems).toEqual([])
    expect(r.summary).toBe(summary)
  })

  it('keeps today’s message for always and pull_request actors', () => {
    const r = run([
      aBranch({
        rulesetBypass: [
          ruleset([
            actor('Team', 7, 'always'),
            actor('Integration', 15368, 'pull_request')
          ])
        ]
      })
    ])
    expect(r.summary).toBe('main protected with at least the required settings')
  })

  it('says when the token cannot read the bypass actors, naming each ruleset once', () => {
    const r = run(
      [
        aBranch({
          rulesetBypass: [
            ruleset(UNREAD, { name: null }),
            ruleset(UNREAD, { id: 9, name: null })
          ]
        }),
        aBranch({
          name: 'release',
          rulesetBypass: [ruleset(UNREAD, { id: 9, name: null })]
        })
      ],
      ['main', 'release']
    )
    expect(r.status).toBe('pass')
    expect(r.summary).toBe(
      `main and release protected with at least the required settings; note: the bypass actors of ruleset 1 and ruleset 9 cannot be read with this token (needs \`administration: read\` or a repository admin's token; a workflow's GITHUB_TOKEN never can): an exempt actor would bypass the rules without a trace; check them in the ruleset settings (${SETTINGS}) or run \`promotion-gate access\` with an admin token`
    )
  })

  it('names exempt actors and unread rulesets together, in a failing message too', () => {
    const r = run([
      aBranch({
        rules: [],
        classic: null,
        rulesetBypass: [
          ruleset([actor('User', 3, 'exempt')]),
          ruleset(UNREAD, { id: 2, name: 'org rules' })
        ]
      })
    ])
    expect(r.status).toBe('fail')
    expect(r.summary).toMatch(
      /^main not protected as production requires; note: ruleset "protect main" \(1\) exempts User 3 .*; the bypass actors of ruleset "org rules" \(2\) cannot be read/
    )
    // a note, never a violation of its own
    expect(r.problems).toHaveLength(1)
    expect(r.problems[0]).toContain('branch main is not protected')
  })

  it('says nothing when no ruleset applies or none was read', () => {
    expect(run([aBranch({ rulesetBypass: [] })]).summary).toBe(
      'main protected with at least the required settings'
    )
    expect(run([aBranch()]).summary).toBe(
      'main protected with at least the required settings'
    )
  })
})
