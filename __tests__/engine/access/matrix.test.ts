// The access matrix from GitHub answers given route by route: what it shows,
// the gaps it flags, and how it names what it could not read.
import { describe, expect, it } from '@jest/globals'
import { renderMatrix } from '../../../src/access/render.js'
import { FULL, forbidden, matrix, notFound, environment } from './fixtures.js'

describe('access matrix', () => {
  it('shows each environment, each branch and who may push, with the gaps', async () => {
    const m = await matrix(FULL)
    const production = m.environments.find((e) => e.name === 'production')
    expect(production).toMatchObject({
      exists: true,
      url: 'https://github.com/acme/shop/settings/environments/2/edit',
      deploymentBranches: ['main'],
      preventSelfReview: true,
      adminBypass: false,
      waitTimer: 5,
      customRules: ['promotion-gate'],
      gaps: []
    })
    expect(production?.reviewers).toEqual([
      { type: 'User', name: 'erin', members: null },
      { type: 'Team', name: 'acme/sre', members: ['sam', 'sue'] }
    ])
    expect(m.branches.map((b) => b.name)).toEqual(['main', 'release/1.0'])
    const main = m.branches[0]
    expect(main).toMatchObject({
      requiredApprovals: 2,
      protectedBy: ['ruleset "protect main" (11)'],
      bypassActors: ['repository role admin (always)'],
      adminsBypass: true
    })
    expect(m.writers).toEqual([
      { login: 'alice', type: 'User', role: 'write' },
      { login: 'olga', type: 'User', role: 'admin' }
    ])
    expect(m.writerTeams).toEqual([
      { login: 'acme/sre', type: 'Team', role: 'maintain' }
    ])
    // the gaps: the admin role bypasses main's ruleset; release/1.0 is unprotected
    expect(m.gaps).toEqual([
      'branch main: 1 actor may bypass its rulesets: repository role admin (always)',
      'branch release/1.0: it requires 0 approving reviews; the policy asks for 2'
    ])
  })

  it('flags an environment open to every branch, and one that does not exist', async () => {
    const m = await matrix({
      ...FULL,
      'GET /repos/acme/shop/environments/staging': notFound(),
      'GET /repos/acme/shop/environments/production': environment(
        'production',
        2,
        {
          deployment_branch_policy: null
        }
      )
    })
    const [staging, production] = m.environments
    expect(staging).toMatchObject({ exists: false, deploymentBranches: 'any' })
    expect(staging?.gaps[0]).toMatch(/does not exist/)
    expect(production?.deploymentBranches).toBe('any')
    expect(production?.adminBypass).toBeNull()
    expect(production?.gaps.join('\n')).toMatch(
      /accepts deployments from every branch/
    )
    expect(production?.gaps.join('\n')).toMatch(
      /0 required reviewers; the policy asks for 1/
    )
    expect(production?.gaps.join('\n')).toMatch(
      /did not say whether administrators can bypass/
    )
    expect(
      m.gaps.filter((g) => g.startsWith('environment production:'))
    ).toHaveLength(4)
  })

  it('names a ruleset read without its bypass actors, and says who may bypass is unknown', async () => {
    const m = await matrix({
      ...FULL,
      // GitHub shows bypass_actors only to those who may edit the ruleset
      'GET /repos/acme/shop/rulesets/11': { id: 11, name: 'protect main' }
    })
    expect(m.branches[0]).toMatchObject({
      protectedBy: ['ruleset "protect main" (11)'],
      bypassActors: { unreadable: true, permission: 'administration: read' },
      adminsBypass: null
    })
  })

  it('names the permission for everything it could not read, never "nobody"', async () => {
    const m = await matrix({
      ...FULL,
      'GET /repos/acme/shop/environments/staging': forbidden('environments'),
      'GET /orgs/acme/teams/sre/members': forbidden('members'),
      'GET /repos/acme/shop/environments/production/deployment_protection_rules':
        forbidden('rules'),
      'GET /repos/acme/shop/rulesets/11': forbidden('ruleset'),
      'GET /repos/acme/shop/collaborators': forbidden('collaborators'),
      'GET /repos/acme/shop/teams': forbidden('teams')
    })
    expect(m.environments[0]?.deploymentBranches).toMatchObject({
      unreadable: true,
      permission: 'actions: read'
    })
    const production = m.environments[1]
    expect(production?.reviewers[1]?.members).toMatchObject({
      unreadable: true,
      permission: 'members: read (organization)'
    })
    expect(production?.customRules).toMatchObject({ unreadable: true })
    expect(m.branches[0]?.bypassActors).toMatchObject({
      unreadable: true,
      permission: 'administration: read'
    })
    expect(m.branches[0]?.adminsBypass).toBeNull()
    expect(m.writers).toMatchObject({ unreadable: true })
    expect(m.writerTeams).toMatchObject({ unreadable: true })
    expect(m.gaps).toEqual(
      expect.arrayContaining([
        'environment staging: its settings could not be read: the token needs `actions: read`',
        'environment production: the members of reviewer team acme/sre could not be read: the token needs `members: read (organization)`',
        'environment production: its custom protection rules could not be read: the token needs `actions: read`',
        'branch main: who may bypass its rulesets could not be read: the token needs `administration: read`'
      ])
    )
    const text = renderMatrix(m, 'md')
    expect(text).toContain('cannot read (needs administration: read)')
    expect(text).not.toMatch(/\| none \|.*bypass/)
  })

  it('asks for classic protection and counts its approvals and admin enforcement', async () => {
    const m = await matrix({
      ...FULL,
      'GET /repos/acme/shop/branches/release/1.0/protection': {
        required_pull_request_reviews: {
          required_approving_review_count: 2,
          dismiss_stale_reviews: true,
          require_code_owner_reviews: false,
          require_last_push_approval: false
        },
        enforce_admins: { enabled: false },
        allow_force_pushes: { enabled: false },
        allow_deletions: { enabled: false }
      }
    })
    const release = m.branches[1]
    expect(release).toMatchObject({
      requiredApprovals: 2,
      protectedBy: ['classic branch protection'],
      adminsBypass: true
    })
    expect(release?.gaps).toEqual([
      'administrators are not bound by its classic protection (enforce admins is off)'
    ])
  })
})

describe('access matrix: exempt bypass actors', () => {
  it('names an exempt actor as a gap of its own: no rule runs for it and nothing is recorded', async () => {
    const m = await matrix({
      ...FULL,
      'GET /repos/acme/shop/rulesets/11': {
        id: 11,
        name: 'protect main',
        bypass_actors: [
          { actor_id: 5, actor_type: 'RepositoryRole', bypass_mode: 'always' },
          { actor_id: 42, actor_type: 'Integration', bypass_mode: 'exempt' }
        ]
      }
    })
    expect(m.branches[0]?.bypassActors).toEqual([
      'repository role admin (always)',
      'Integration 42 (exempt)'
    ])
    expect(m.gaps).toContain(
      'branch main: Integration 42 is exempt from its rulesets: the rules are not even evaluated for it and GitHub creates no bypass audit entry: set the bypass mode to "always" or remove it'
    )
  })
})
