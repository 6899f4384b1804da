// The access matrix from GitHub answers given route by route: what it shows,
// the gaps it flags, and how it names what it could not read.
import { describe, expect, it } from '@jest/globals'
import { accessMatrix, type AccessMatrix } from '../../src/access/matrix.js'
import { matrixRows, renderMatrix } from '../../src/access/render.js'
import { GitHubApiError } from '../../src/engine/errors.js'
import { loadPolicy } from '../../src/engine/policy/load.js'
import type { GitHubPort } from '../../src/engine/port.js'

const REPO = {
  owner: 'acme',
  name: 'shop',
  url: 'https://github.com/acme/shop',
  defaultBranch: 'main'
}
const NOW = new Date('2026-11-23T12:00:00Z')

const POLICY = loadPolicy(
  `version: 1
defaults:
  branches: [main, 'release/*']
environments:
  staging: {}
  production:
    after: staging
    branch_protection:
      required_approvals: 2
    environment_protection:
      required_reviewers: 1
      admin_bypass: false
`,
  { path: '.github/promotion-gate.yml', ref: 'main', defaultBranch: 'main' }
)

/** a REST body, or the GitHubApiError to throw */
type Answer = unknown

const forbidden = (what: string) =>
  new GitHubApiError(`Resource not accessible by integration (${what})`, {
    status: 403
  })

const notFound = () => new GitHubApiError('Not Found', { status: 404 })

/** A port answering REST from a table keyed by `METHOD path` with params filled in. */
function port(
  answers: Record<string, Answer>
): GitHubPort & { asked: string[] } {
  const asked: string[] = []
  return {
    asked,
    async rest<T>(route: string, params: Record<string, unknown> = {}) {
      const path = route.replace(/\{(\w+)\}/g, (_, k: string) =>
        String(params[k])
      )
      asked.push(path)
      const answer = answers[path]
      if (answer === undefined) throw notFound()
      if (answer instanceof GitHubApiError) throw answer
      return { status: 200, data: answer as T, headers: {} }
    },
    async graphql() {
      throw new Error('the access matrix reads REST only')
    }
  }
}

const environment = (
  name: string,
  id: number,
  o: Record<string, unknown> = {}
) => ({
  id,
  node_id: `E${id}`,
  name,
  url: `https://api.github.com/repos/acme/shop/environments/${name}`,
  html_url: `https://github.com/acme/shop/deployments/activity_log?environments_filter=${name}`,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  deployment_branch_policy: {
    protected_branches: false,
    custom_branch_policies: true
  },
  protection_rules: [],
  ...o
})

const FULL: Record<string, Answer> = {
  'GET /repos/acme/shop/environments/staging': environment('staging', 1),
  'GET /repos/acme/shop/environments/staging/deployment-branch-policies': {
    total_count: 1,
    branch_policies: [{ id: 1, node_id: 'B1', name: 'main', type: 'branch' }]
  },
  'GET /repos/acme/shop/environments/staging/deployment_protection_rules': {
    total_count: 0,
    custom_deployment_protection_rules: []
  },
  'GET /repos/acme/shop/environments/production': environment('production', 2, {
    can_admins_bypass: false,
    protection_rules: [
      {
        id: 3,
        node_id: 'R3',
        type: 'required_reviewers',
        prevent_self_review: true,
        reviewers: [
          { type: 'User', reviewer: { login: 'erin', id: 5 } },
          {
            type: 'Team',
            reviewer: {
              slug: 'sre',
              id: 9,
              html_url: 'https://github.com/orgs/acme/teams/sre'
            }
          }
        ]
      },
      { id: 4, node_id: 'R4', type: 'wait_timer', wait_timer: 5 }
    ]
  }),
  'GET /repos/acme/shop/environments/production/deployment-branch-policies': {
    total_count: 1,
    branch_policies: [{ id: 2, node_id: 'B2', name: 'main', type: 'branch' }]
  },
  'GET /repos/acme/shop/environments/production/deployment_protection_rules': {
    total_count: 1,
    custom_deployment_protection_rules: [
      {
        id: 7,
        node_id: 'C7',
        enabled: true,
        app: {
          id: 70,
          slug: 'promotion-gate',
          node_id: 'A70',
          integration_url: 'https://api.github.com/apps/promotion-gate'
        }
      }
    ]
  },
  'GET /orgs/acme/teams/sre/members': [{ login: 'sam' }, { login: 'sue' }],
  'GET /repos/acme/shop/branches': [
    { name: 'main' },
    { name: 'release/1.0' },
    { name: 'feature/x' }
  ],
  'GET /repos/acme/shop/rules/branches/main': [
    {
      type: 'pull_request',
      ruleset_id: 11,
      parameters: {
        required_approving_review_count: 2,
        dismiss_stale_reviews_on_push: true,
        require_code_owner_review: false,
        require_last_push_approval: false
      }
    }
  ],
  'GET /repos/acme/shop/rules/branches/release/1.0': [],
  'GET /repos/acme/shop/rulesets/11': {
    id: 11,
    name: 'protect main',
    bypass_actors: [
      { actor_id: 5, actor_type: 'RepositoryRole', bypass_mode: 'always' }
    ]
  },
  'GET /repos/acme/shop/collaborators': [
    {
      login: 'alice',
      permissions: {
        admin: false,
        maintain: false,
        push: true,
        triage: true,
        pull: true
      }
    },
    {
      login: 'olga',
      permissions: {
        admin: true,
        maintain: true,
        push: true,
        triage: true,
        pull: true
      }
    },
    {
      login: 'rita',
      permissions: {
        admin: false,
        maintain: false,
        push: false,
        triage: false,
        pull: true
      }
    }
  ],
  'GET /repos/acme/shop/teams': [
    {
      slug: 'sre',
      permission: 'maintain',
      html_url: 'https://github.com/orgs/acme/teams/sre'
    },
    {
      slug: 'readers',
      permission: 'pull',
      html_url: 'https://github.com/orgs/acme/teams/readers'
    }
  ]
}

async function matrix(answers: Record<string, Answer>): Promise<AccessMatrix> {
  return accessMatrix(port(answers), REPO, POLICY, NOW)
}

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
