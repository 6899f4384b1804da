// GitHub's answers for the access matrix, route by route: a port that
// replays them, and the answers of a repository where everything is readable.
import { accessMatrix, type AccessMatrix } from '../../../src/engine/index.js'
import { GitHubApiError } from '../../../src/engine/errors.js'
import { loadPolicy } from '../../../src/engine/policy/load.js'
import type { GitHubPort } from '../../../src/engine/port.js'

export const REPO = {
  owner: 'acme',
  name: 'shop',
  url: 'https://github.com/acme/shop',
  defaultBranch: 'main'
}
export const NOW = new Date('2026-11-23T12:00:00Z')

export const POLICY = loadPolicy(
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
export type Answer = unknown

export const forbidden = (what: string) =>
  new GitHubApiError(`Resource not accessible by integration (${what})`, {
    status: 403
  })

export const notFound = () => new GitHubApiError('Not Found', { status: 404 })

/** A port answering REST from a table keyed by `METHOD path` with params filled in. */
export function port(
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

export const environment = (
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

export const FULL: Record<string, Answer> = {
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

export async function matrix(
  answers: Record<string, Answer>
): Promise<AccessMatrix> {
  return accessMatrix({
    github: port(answers),
    repository: REPO,
    policy: POLICY,
    now: NOW
  })
}
