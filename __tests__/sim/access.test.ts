/* eslint-disable @typescript-eslint/no-explicit-any -- REST answers are walked dynamically */
// The environment's own settings and who has access: environments, their
// branch policies and custom protection rules, collaborators, teams and
// their members, rulesets' bypass actors, branch protection. Bodies are
// validated against GitHub's OpenAPI description; permission denials are
// GitHub's 403.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  Simulator,
  startSimulator,
  type RepoHandle,
  type Ruleset,
  type SimulatorServer
} from '../../test-support/sim/index.js'
import { loadOpenApi, type OpenApi } from './openapi.js'

const ENV = '/repos/{owner}/{repo}/environments/{environment_name}'
const OPS: [string, string, number][] = [
  ['GET', '/repos/{owner}/{repo}/environments', 200],
  ['GET', ENV, 200],
  ['GET', `${ENV}/deployment-branch-policies`, 200],
  ['GET', `${ENV}/deployment_protection_rules`, 200],
  ['GET', '/repos/{owner}/{repo}/collaborators', 200],
  ['GET', '/repos/{owner}/{repo}/teams', 200],
  ['GET', '/orgs/{org}/teams/{team_slug}/members', 200],
  ['GET', '/repos/{owner}/{repo}/rulesets', 200],
  ['GET', '/repos/{owner}/{repo}/rulesets/{ruleset_id}', 200],
  ['GET', '/repos/{owner}/{repo}/branches/{branch}/protection', 200]
]

let openapi: OpenApi
let sim: Simulator
let server: SimulatorServer
let admin: string
let repo: RepoHandle
let personal: RepoHandle
let actionsBypass: Ruleset
let plain: Ruleset

beforeAll(async () => {
  openapi = loadOpenApi(OPS)
  sim = new Simulator({ now: new Date('2025-03-03T10:00:00Z') })
  const alice = sim.user('alice')
  const bob = sim.user('bob')
  const carol = sim.user('carol')
  const dave = sim.user('dave')
  const erin = sim.user('erin')
  const sre = sim.team('acme/sre', [bob])
  const devs = sim.team('acme/devs', [alice, carol])
  repo = sim.repo('acme/app')
  repo
    .collaborator(dave, 'admin')
    .collaborator(erin, 'read')
    .collaborator(carol, 'triage')
    .teamAccess(sre, 'maintain')
    .teamAccess(devs, 'write')
  repo.environment('production', {
    reviewers: [bob, sre],
    preventSelfReview: true,
    waitTimer: 30,
    deploymentBranches: {
      custom: ['main', { name: 'v*', type: 'tag' }, 'release/*']
    },
    canAdminsBypass: false,
    customRules: [{ app: { id: 4242, slug: 'change-freeze' } }]
  })
  repo.environment('qa', { deploymentBranches: 'protected' })
  // created by a job with `environment: staging`: no rules at all
  repo.workflowRun({ actor: alice }).deploy('staging')
  repo.protectBranch('main', {
    enforceAdmins: true,
    requiredPullRequestReviews: { requiredApprovingReviewCount: 1 }
  })
  actionsBypass = repo.ruleset({
    name: 'main',
    rules: [{ type: 'deletion' }],
    bypassActors: [
      { actorId: 15368, actorType: 'Integration', bypassMode: 'always' },
      { actorId: 5, actorType: 'RepositoryRole', bypassMode: 'pull_request' }
    ]
  })
  plain = repo.ruleset({ name: 'tags', target: 'tag', include: ['~ALL'] })
  personal = sim.repo('erin/tool')
  personal.collaborator(alice, 'write')
  server = await startSimulator(sim)
  admin = sim.adminToken()
})

afterAll(async () => {
  await server.close()
})

async function rest(
  path: string,
  token = admin
): Promise<{ status: number; headers: Headers; body: any }> {
  const res = await fetch(`${server.url}${path}`, {
    headers: { authorization: `token ${token}` }
  })
  return { status: res.status, headers: res.headers, body: await res.json() }
}

const R = '/repos/acme/app'

describe('REST bodies match GitHub OpenAPI', () => {
  it('environments, access and rules', async () => {
    const problems: string[] = []
    const v = async (op: string, url: string, token = admin) => {
      const res = await rest(url, token)
      if (res.status !== 200) problems.push(`${url}: ${res.status}`)
      for (const e of openapi.check('GET', op, 200, res.body)) {
        problems.push(`${url}: ${e}`)
      }
    }
    await v('/repos/{owner}/{repo}/environments', `${R}/environments`)
    for (const name of ['production', 'qa', 'staging']) {
      await v(ENV, `${R}/environments/${name}`)
      await v(
        `${ENV}/deployment-branch-policies`,
        `${R}/environments/${name}/deployment-branch-policies`
      )
      await v(
        `${ENV}/deployment_protection_rules`,
        `${R}/environments/${name}/deployment_protection_rules`
      )
    }
    await v('/repos/{owner}/{repo}/collaborators', `${R}/collaborators`)
    await v(
      '/repos/{owner}/{repo}/collaborators',
      '/repos/erin/tool/collaborators'
    )
    await v('/repos/{owner}/{repo}/teams', `${R}/teams`)
    await v(
      '/orgs/{org}/teams/{team_slug}/members',
      '/orgs/acme/teams/devs/members'
    )
    await v('/repos/{owner}/{repo}/rulesets', `${R}/rulesets`)
    for (const rs of [actionsBypass, plain]) {
      await v(
        '/repos/{owner}/{repo}/rulesets/{ruleset_id}',
        `${R}/rulesets/${rs.id}`
      )
      await v(
        '/repos/{owner}/{repo}/rulesets/{ruleset_id}',
        `${R}/rulesets/${rs.id}`,
        sim.workflowToken({ contents: 'read' })
      )
    }
    await v(
      '/repos/{owner}/{repo}/branches/{branch}/protection',
      `${R}/branches/main/protection`
    )
    expect(problems).toEqual([])
  })
})

describe('environments', () => {
  it('settings: branch policy, reviewers, wait timer, admin bypass', async () => {
    const { body } = await rest(`${R}/environments/production`)
    expect(body.deployment_branch_policy).toEqual({
      protected_branches: false,
      custom_branch_policies: true
    })
    // returned although GitHub's OpenAPI description lacks it (the
    // validation above allows extra properties)
    expect(body.can_admins_bypass).toBe(false)
    const rules = new Map(body.protection_rules.map((r: any) => [r.type, r]))
    expect([...rules.keys()].sort()).toEqual([
      'branch_policy',
      'required_reviewers',
      'wait_timer'
    ])
    expect(rules.get('wait_timer')).toMatchObject({ wait_timer: 30 })
    const reviewers = rules.get('required_reviewers') as any
    expect(reviewers.prevent_self_review).toBe(true)
    expect(
      reviewers.reviewers.map((r: any) => [
        r.type,
        r.reviewer.login ?? r.reviewer.slug
      ])
    ).toEqual([
      ['User', 'bob'],
      ['Team', 'sre']
    ])
    const qa = await rest(`${R}/environments/qa`)
    expect(qa.body.deployment_branch_policy).toEqual({
      protected_branches: true,
      custom_branch_policies: false
    })
  })

  it('an environment a job created has no rules and admins may bypass', async () => {
    const { body } = await rest(`${R}/environments/staging`)
    expect(body).toMatchObject({
      name: 'staging',
      protection_rules: [],
      deployment_branch_policy: null,
      can_admins_bypass: true
    })
    const list = await rest(`${R}/environments`)
    expect(list.body.total_count).toBe(3)
    expect(list.body.environments.map((e: any) => e.name)).toEqual([
      'production',
      'qa',
      'staging'
    ])
  })

  it('deployment branch policies are paged with total_count and types', async () => {
    const first = await rest(
      `${R}/environments/production/deployment-branch-policies?per_page=2`
    )
    expect(first.body.total_count).toBe(3)
    expect(
      first.body.branch_policies.map((p: any) => [p.name, p.type])
    ).toEqual([
      ['main', 'branch'],
      ['v*', 'tag']
    ])
    expect(first.headers.get('link')).toContain('rel="next"')
    const second = await rest(
      `${R}/environments/production/deployment-branch-policies?per_page=2&page=2`
    )
    expect(second.body.branch_policies.map((p: any) => p.name)).toEqual([
      'release/*'
    ])
  })

  it('custom deployment protection rules name their App', async () => {
    const { body } = await rest(
      `${R}/environments/production/deployment_protection_rules`
    )
    expect(body.total_count).toBe(1)
    expect(body.custom_deployment_protection_rules[0]).toMatchObject({
      enabled: true,
      app: {
        id: 4242,
        slug: 'change-freeze',
        integration_url: `${server.url}/apps/change-freeze`
      }
    })
    const none = await rest(
      `${R}/environments/staging/deployment_protection_rules`
    )
    expect(none.body).toEqual({
      total_count: 0,
      custom_deployment_protection_rules: []
    })
  })

  it('need actions: read; 404 for an unknown environment', async () => {
    const without = sim.workflowToken({ contents: 'read', deployments: 'read' })
    for (const path of [
      `${R}/environments`,
      `${R}/environments/production`,
      `${R}/environments/production/deployment-branch-policies`,
      `${R}/environments/production/deployment_protection_rules`
    ]) {
      const res = await rest(path, without)
      expect(res.status).toBe(403)
      expect(res.body.message).toBe('Resource not accessible by integration')
    }
    const withActions = sim.workflowToken({ actions: 'read' })
    expect(
      (await rest(`${R}/environments/production`, withActions)).status
    ).toBe(200)
    expect((await rest(`${R}/environments/nope`)).status).toBe(404)
  })
})

describe('who has access', () => {
  it('collaborators: direct and through teams, with role and permissions', async () => {
    const { body } = await rest(`${R}/collaborators`)
    expect(body.map((c: any) => [c.login, c.role_name])).toEqual([
      ['alice', 'write'],
      ['bob', 'maintain'],
      ['carol', 'write'], // triage of her own, write through devs
      ['dave', 'admin'],
      ['erin', 'read']
    ])
    expect(body.find((c: any) => c.login === 'bob').permissions).toEqual({
      admin: false,
      maintain: true,
      push: true,
      triage: true,
      pull: true
    })
    const direct = await rest(`${R}/collaborators?affiliation=direct`)
    expect(direct.body.map((c: any) => c.login)).toEqual([
      'carol',
      'dave',
      'erin'
    ])
    const outside = await rest(`${R}/collaborators?affiliation=outside`)
    expect(outside.body.map((c: any) => c.login)).toEqual(['dave', 'erin'])
    const pushers = await rest(`${R}/collaborators?permission=push`)
    expect(pushers.body.map((c: any) => c.login)).toEqual([
      'alice',
      'bob',
      'carol',
      'dave'
    ])
    const paged = await rest(`${R}/collaborators?per_page=2&page=3`)
    expect(paged.body.map((c: any) => c.login)).toEqual(['erin'])
    expect(paged.headers.get('link')).toContain('rel="first"')
  })

  it('collaborators of an organization’s repository need the Members permission', async () => {
    const workflow = sim.workflowToken({ contents: 'read', actions: 'read' })
    const res = await rest(`${R}/collaborators`, workflow)
    expect(res.status).toBe(403)
    expect(res.body.message).toBe('Resource not accessible by integration')
    const metadataOnly = sim.token({ contents: 'read' })
    expect((await rest(`${R}/collaborators`, metadataOnly)).status).toBe(403)
    const members = sim.token({ members: 'read' })
    expect((await rest(`${R}/collaborators`, members)).status).toBe(200)
    // a personal repository: metadata suffices; its owner is listed
    const mine = await rest('/repos/erin/tool/collaborators', workflow)
    expect(mine.status).toBe(200)
    expect(mine.body.map((c: any) => [c.login, c.role_name])).toEqual([
      ['alice', 'write'],
      ['erin', 'admin']
    ])
  })

  it('teams with access need administration; a GITHUB_TOKEN never has it', async () => {
    const { body } = await rest(`${R}/teams`)
    expect(body.map((t: any) => [t.slug, t.permission])).toEqual([
      ['devs', 'push'],
      ['sre', 'maintain']
    ])
    expect(body[0].permissions).toMatchObject({ push: true, maintain: false })
    const res = await rest(
      `${R}/teams`,
      sim.workflowToken({ contents: 'read' })
    )
    expect(res.status).toBe(403)
    expect(res.body.message).toBe('Resource not accessible by integration')
  })

  it('team members need the organization’s Members permission', async () => {
    const { body } = await rest('/orgs/acme/teams/devs/members')
    expect(body.map((u: any) => u.login)).toEqual(['alice', 'carol'])
    const denied = await rest(
      '/orgs/acme/teams/devs/members',
      sim.workflowToken({ contents: 'read', actions: 'read' })
    )
    expect(denied.status).toBe(403)
    expect(denied.body.documentation_url).toBe(
      'https://docs.github.com/rest/teams/members#list-team-members'
    )
    const members = sim.token({ members: 'read' })
    expect((await rest('/orgs/acme/teams/sre/members', members)).body).toEqual([
      expect.objectContaining({ login: 'bob', type: 'User' })
    ])
    expect((await rest('/orgs/acme/teams/nope/members')).status).toBe(404)
    expect((await rest('/orgs/erin/teams/devs/members')).status).toBe(404)
    expect(() => sim.workflowToken({ members: 'read' })).toThrow(/members/)
  })

  it('ruleset bypass actors only for administration; current_user_can_bypass for all', async () => {
    const full = await rest(`${R}/rulesets/${actionsBypass.id}`)
    expect(full.body.bypass_actors).toEqual([
      { actor_id: 15368, actor_type: 'Integration', bypass_mode: 'always' },
      { actor_id: 5, actor_type: 'RepositoryRole', bypass_mode: 'pull_request' }
    ])
    expect(full.body.current_user_can_bypass).toBe('never')
    // a GITHUB_TOKEN acts for GitHub Actions, the Integration bypass actor
    const workflow = sim.workflowToken({ contents: 'read' })
    const seen = await rest(`${R}/rulesets/${actionsBypass.id}`, workflow)
    expect(seen.body).not.toHaveProperty('bypass_actors')
    expect(seen.body.current_user_can_bypass).toBe('always')
    const other = await rest(`${R}/rulesets/${plain.id}`, workflow)
    expect(other.body).not.toHaveProperty('bypass_actors')
    expect(other.body.current_user_can_bypass).toBe('never')
  })

  it('branch protection says whether admins are included', async () => {
    const { body } = await rest(`${R}/branches/main/protection`)
    expect(body.enforce_admins).toEqual({
      url: `${server.url}${R}/branches/main/protection/enforce_admins`,
      enabled: true
    })
  })
})
