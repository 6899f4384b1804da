// The engine end to end, in process, against the simulator on 127.0.0.1.
import { describe, expect, it } from '@jest/globals'
import { evaluate } from '../../src/engine/index.js'
import type { GitHubPort } from '../../src/engine/port.js'
import { silentLogger } from '../../src/engine/port.js'
import { createClient } from '../../src/github/client.js'
import {
  startSimulator,
  type SimulatorServerOptions
} from '../../test-support/sim/server.js'
import {
  POLICY,
  PROTECTIVE_RULES,
  READ_PERMISSIONS,
  reviewedChange,
  standard,
  type GateRun,
  type World
} from '../../test-support/demo/scenarios.js'
import { requestFor } from '../../__fixtures__/request.js'

async function decide(
  w: World,
  run: GateRun,
  o: {
    enterprise?: boolean
    wrap?: (port: GitHubPort) => GitHubPort
    server?: SimulatorServerOptions
  } = {}
) {
  const server = await startSimulator(w.sim, o.server)
  try {
    const urls = o.enterprise === true ? server.enterprise : server
    const client = createClient({
      token: run.token,
      apiUrl: urls.url,
      graphqlUrl: o.enterprise === true ? undefined : urls.graphqlUrl,
      logger: silentLogger,
      timeoutMs: 20_000,
      retryBaseMs: 5
    })
    const port = o.wrap ? o.wrap(client) : client
    const decision = await evaluate(requestFor(run), {
      github: port,
      logger: silentLogger,
      now: () => new Date()
    })
    return {
      decision,
      requests: server.requests.map((r) => `${r.method} ${r.path}`),
      log: [...server.requests],
      points: server.requests.reduce((sum, r) => sum + (r.points ?? 0), 0)
    }
  } finally {
    await server.close()
  }
}

const statusOf = (
  d: Awaited<ReturnType<typeof decide>>['decision'],
  id: string
) => d.results.find((c) => c.id === id)

/** Nulls every `field` in GraphQL answers, as a GitHub without it would. */
function dropField(field: string): (port: GitHubPort) => GitHubPort {
  return (port) => nulling(port, field)
}

function withoutGraphqlCompare(port: GitHubPort): GitHubPort {
  return nulling(port, 'compare')
}

function nulling(port: GitHubPort, field: string): GitHubPort {
  const strip = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return
    for (const [k, v] of Object.entries(value)) {
      if (k === field) (value as Record<string, unknown>)[k] = null
      else strip(v)
    }
  }
  return {
    rest: (route, params) => port.rest(route, params),
    graphql: async (query, variables) => {
      const answer = await port.graphql<unknown>(query, variables)
      strip(answer.data)
      return answer as never
    }
  }
}

describe('evaluate, against the simulator', () => {
  it('allows the typical decision in 3 requests: the bootstrap, the environment and its branch patterns', async () => {
    const { world, run } = standard(reviewedChange)
    const { decision, requests } = await decide(world, run)
    expect(decision.decision).toBe('allow')
    expect(decision.results.map((c) => [c.id, c.status])).toEqual([
      ['policy', 'pass'],
      ['promotion', 'pass'],
      ['source-branch', 'pass'],
      ['branch-protection', 'pass'],
      ['approval-record', 'pass'],
      ['maker-checker', 'pass'],
      ['segregation', 'pass'],
      ['environment', 'pass'],
      ['checks', 'pass']
    ])
    // the bootstrap query and the environment in parallel, then the patterns
    expect(requests.sort()).toEqual([
      'GET /repos/acme/shop/environments/production',
      'GET /repos/acme/shop/environments/production/deployment-branch-policies?per_page=100&page=1',
      'POST /graphql'
    ])
  })

  it('asks REST for the rules when GraphQL gives none', async () => {
    const { world, run } = standard(reviewedChange)
    const { decision, requests } = await decide(world, run, {
      wrap: dropField('rules')
    })
    expect(decision.decision).toBe('allow')
    expect(requests).toContain(
      'GET /repos/acme/shop/rules/branches/main?per_page=100'
    )
  })

  it('honours GitHub Enterprise Server URLs (/api/v3, /api/graphql)', async () => {
    const { world, run } = standard(reviewedChange)
    const { decision, requests } = await decide(world, run, {
      enterprise: true
    })
    expect(decision.decision).toBe('allow')
    expect(
      requests.every((r) => /^(GET|POST) \/api\/(v3|graphql)/.test(r))
    ).toBe(true)
  })

  it('asks REST whether the branch contains the commit when GraphQL cannot compare', async () => {
    const { world, run } = standard(reviewedChange)
    const { decision, requests } = await decide(world, run, {
      wrap: withoutGraphqlCompare
    })
    expect(decision.decision).toBe('allow')
    expect(
      requests.some((r) =>
        r.startsWith(`GET /repos/acme/shop/compare/main...${run.sha}`)
      )
    ).toBe(true)
  })

  it('names deployments: read when the token cannot read deployments', async () => {
    const { world, run } = standard(reviewedChange)
    const token = world.sim.workflowToken({
      ...READ_PERMISSIONS,
      deployments: 'none'
    })
    const { decision } = await decide(world, { ...run, token })
    expect(decision.decision).toBe('block')
    expect(statusOf(decision, 'promotion')).toMatchObject({ status: 'error' })
    expect(statusOf(decision, 'promotion')?.problems.join(' ')).toContain(
      'deployments: read'
    )
  })

  it('names pull-requests: read instead of calling the change a direct push', async () => {
    const { world, run } = standard(reviewedChange)
    const token = world.sim.workflowToken({
      ...READ_PERMISSIONS,
      pull_requests: 'none'
    })
    const { decision } = await decide(world, { ...run, token })
    expect(decision.decision).toBe('block')
    expect(decision.failure?.message).toMatch(/could not be read completely/)
    expect(statusOf(decision, 'approval-record')).toMatchObject({
      status: 'error'
    })
    expect(JSON.stringify(decision.results)).not.toContain(
      'without a pull request'
    )
    expect(decision.failure).toMatchObject({ code: 'github-api' })
  })

  it('reads every review of a pull request with more than 100', async () => {
    const { world, run } = standard((w) => {
      w.repo.branch('busy')
      w.repo.commit({
        branch: 'busy',
        author: w.people.alice,
        files: { 'b.ts': '1' }
      })
      const pr = w.repo.pullRequest({ head: 'busy', author: w.people.alice })
      for (let i = 0; i < 120; i++) pr.review(w.people.carol, 'COMMENTED')
      // the only approval comes last, on the second page
      pr.approve(w.people.bob)
      return pr.merge({ by: w.people.bob, method: 'squash' }).oid
    })
    const { decision, requests } = await decide(world, run)
    expect(decision.decision).toBe('allow')
    expect(requests.length).toBe(4)
  })

  it('judges a range of 20 pull requests and 300 commits in at most 8 requests', async () => {
    const { world, run } = standard((w) => {
      let last = ''
      for (let p = 0; p < 20; p++) {
        last = w.repo.mergedPullRequest({
          author: w.people.alice,
          commits: Array.from({ length: 15 }, (_v, i) => ({
            files: { [`pr${p}/f${i}.ts`]: `${i}` }
          })),
          approvals: [w.people.bob],
          method: 'merge'
        }).data.mergeCommit as string
      }
      return last
    })
    const { decision, requests, points } = await decide(world, run)
    expect(decision.decision).toBe('allow')
    expect(decision.facts?.changes).toHaveLength(20)
    expect(requests.length).toBeLessThanOrEqual(8)
    // SPEC §9: at most 10 GraphQL points
    expect(points).toBeLessThanOrEqual(10)
  })

  /** `count` reviewed squash merges, the last one deployed. */
  const squashes = (count: number) =>
    standard((w) => {
      let last = ''
      for (let p = 0; p < count; p++) {
        last = w.repo.mergedPullRequest({
          author: w.people.alice,
          commits: [{ files: { [`pr${p}.ts`]: `${p}` } }],
          approvals: [w.people.bob],
          method: 'squash'
        }).data.mergeCommit as string
      }
      return last
    })

  it('judges a range of 100 pull requests in at most 30 points', async () => {
    const { world, run } = squashes(100)
    const { decision, points } = await decide(world, run)
    expect(decision.decision).toBe('allow')
    expect(decision.facts?.changes).toHaveLength(100)
    expect(points).toBeLessThanOrEqual(30)
  })

  it('asks again in halves a query GitHub cuts off, never the same one', async () => {
    // 30 changes make one GateChanges query of about 60,000 nodes: cut off.
    const { world, run } = squashes(31)
    const { decision, log } = await decide(world, run, {
      server: { cutOffOverNodes: 50_000 }
    })
    expect(decision.decision).toBe('allow')
    expect(decision.facts?.changes).toHaveLength(31)
    const changes = log.filter((r) => r.operationName === 'GateChanges')
    expect(changes.map((r) => r.status)).toEqual([502, 200, 200])
    expect(changes.map((r) => (r.nodes ?? 0) > 50_000)).toEqual([
      true,
      false,
      false
    ])
  })

  describe('match: tree', () => {
    const policy = (match: string): string => `version: 1
environments:
  development: {}
  staging:
    after: development
  production:
    after: staging
    match: ${match}
    scope: head
    approvals:
      pull_request: 0
      direct_pushes: [dora]
`
    // Y: an empty commit on top of X, so the same tree; only X went upstream.
    const build = (match: string) => {
      const { world, sha: x } = standard(reviewedChange, {
        policy: policy(match)
      })
      const y = world.repo.commit({
        branch: 'main',
        author: world.people.dora,
        message: 'Release'
      }).oid
      expect(world.repo.getCommit(y).tree).toBe(world.repo.getCommit(x).tree)
      return { world, run: { ...run0(world), sha: y } }
    }
    const run0 = (w: World): GateRun => ({
      environment: 'production',
      sha: '',
      token: w.sim.workflowToken(READ_PERMISSIONS),
      actor: 'dora',
      runId: w.repo.workflowRun({ actor: w.people.dora }).id,
      inputs: {},
      event: {}
    })

    it('accepts a commit whose tree went through staging', async () => {
      const { world, run } = build('tree')
      const { decision } = await decide(world, run)
      expect(statusOf(decision, 'promotion')?.status).toBe('pass')
      expect(decision.decision).toBe('allow')
    })

    it('requires the very same commit with match: commit', async () => {
      const { world, run } = build('commit')
      const { decision } = await decide(world, run)
      expect(statusOf(decision, 'promotion')?.status).toBe('fail')
    })
  })

  it('matches branch globs through refs(query:) and checks each', async () => {
    const policy = `version: 1
defaults:
  branches: ['release/*']
environments:
  development: {}
  staging:
    after: development
  production:
    after: staging
`
    const { world, run } = standard(
      (w) => {
        w.repo.ruleset({
          include: ['refs/heads/release/*'],
          rules: PROTECTIVE_RULES
        })
        w.repo.branch('release/1.0')
        return w.repo.mergedPullRequest({
          author: w.people.alice,
          base: 'release/1.0',
          approvals: [w.people.bob],
          method: 'squash'
        }).data.mergeCommit as string
      },
      { policy }
    )
    world.repo.environment('production', {
      deploymentBranches: { custom: ['release/*'] }
    })
    world.repo.branch('release/2.0', 'main')
    const { decision, requests } = await decide(world, run)
    expect(statusOf(decision, 'source-branch')?.status).toBe('pass')
    expect(
      decision.facts?.branches.map((b) => [b.name, b.containsCommit])
    ).toEqual([
      ['release/1.0', true],
      ['release/2.0', false]
    ])
    expect(decision.decision).toBe('allow')
    // the rules of each branch came with it from GraphQL
    expect(requests.some((r) => r.includes('/rules/branches/'))).toBe(false)
  })

  it('with scope: head checks only the change that introduced the commit', async () => {
    const policy = POLICY.replace('deployer_independent: true', 'scope: head')
    const { world, run } = standard(
      (w) => {
        w.repo.commit({
          branch: 'main',
          author: w.people.mallory,
          message: 'sneak'
        })
        return reviewedChange(w)
      },
      { policy }
    )
    const { decision } = await decide(world, run)
    expect(decision.facts?.scope.kind).toBe('head')
    expect(decision.facts?.changes).toHaveLength(1)
    expect(decision.decision).toBe('allow')
  })

  it('treats a rollback to an older commit as the head change only', async () => {
    const { world, run } = standard(reviewedChange)
    // production moves ahead to the new commit, then rolls back to the first
    const prod = world.repo.workflowRun({
      actor: world.people.dora,
      headSha: run.sha
    })
    world.repo.deployFromRun(prod.data, 'production')
    const first = world.repo.data.deployments.find(
      (d) => d.environment === 'production'
    )
    const { decision } = await decide(world, { ...run, sha: first!.sha })
    expect(decision.facts?.scope.note).toMatch(/rollback/)
    expect(decision.facts?.changes).toHaveLength(1)
  })

  it('reads classic protection when rulesets alone do not meet the policy', async () => {
    const { world, run } = standard(reviewedChange, { ruleset: false })
    world.repo.protectBranch('main', {
      requiredPullRequestReviews: {
        requiredApprovingReviewCount: 1,
        dismissStaleReviews: true
      },
      allowForcePushes: false,
      allowDeletions: false
    })
    const { decision, requests } = await decide(world, {
      ...run,
      token: world.sim.adminToken()
    })
    expect(statusOf(decision, 'branch-protection')?.status).toBe('pass')
    expect(requests).toContain('GET /repos/acme/shop/branches/main/protection')
    expect(decision.decision).toBe('allow')
  })

  it('reads every status of a deployment with more than 100', async () => {
    const { world, run } = standard(reviewedChange)
    const staging = world.repo.data.deployments.filter(
      (d) => d.environment === 'staging' && d.sha === run.sha
    )[0]
    // GitHub lists statuses newest first: 110 later ones push the success
    // onto the second page, where only complete pagination finds it.
    for (let i = 0; i < 110; i++) {
      world.repo.deployment(staging!.id).status('inactive')
    }
    const { decision, requests } = await decide(world, run)
    expect(statusOf(decision, 'promotion')?.status).toBe('pass')
    expect(requests).toHaveLength(4)
  })

  it('reads every commit of a pull request with more than 250 (GraphQL has no cap)', async () => {
    const { world, run } = standard(
      (w) =>
        w.repo.mergedPullRequest({
          author: w.people.alice,
          commits: Array.from({ length: 300 }, (_v, i) => ({
            author: i === 299 ? w.people.bob : w.people.alice,
            files: { [`big/f${i}.ts`]: `${i}` }
          })),
          approvals: [w.people.bob],
          method: 'merge'
        }).data.mergeCommit as string
    )
    const { decision } = await decide(world, run)
    expect(statusOf(decision, 'maker-checker')?.status).toBe('fail')
    expect(statusOf(decision, 'maker-checker')?.problems.join(' ')).toMatch(
      /bob/
    )
  })

  it('blocks when GitHub lists fewer commits of a pull request than it counts', async () => {
    const { world, run } = standard(reviewedChange)
    // a GitHub (or GHES) that truncates the list but counts every commit
    const truncating = (port: GitHubPort): GitHubPort => ({
      rest: (route, params) => port.rest(route, params),
      graphql: async (query, variables) => {
        const answer = await port.graphql<unknown>(query, variables)
        const text = JSON.stringify(answer.data).replace(
          /"commits":\{"totalCount":(\d+)/g,
          (_m, n: string) => `"commits":{"totalCount":${Number(n) + 1}`
        )
        return { ...answer, data: JSON.parse(text) as never }
      }
    })
    const { decision } = await decide(world, run, { wrap: truncating })
    expect(decision.decision).toBe('block')
    expect(decision.failure?.message).toMatch(
      /GitHub listed 1 of the 2 commits of pull request #\d+/
    )
  })

  it('asks the co-authors GitHub lists only for a commit that names one', async () => {
    const { world, run } = standard(
      (w) =>
        w.repo.mergedPullRequest({
          author: w.people.carol,
          commits: [
            { author: w.people.carol, files: { 'a.ts': '1' } },
            {
              author: w.people.carol,
              coAuthors: [w.people.bob],
              files: { 'b.ts': '2' }
            }
          ],
          approvals: [w.people.bob],
          method: 'merge'
        }).data.mergeCommit as string
    )
    const { decision, log } = await decide(world, run)
    expect(decision.decision).toBe('block')
    const checker = decision.results.find((c) => c.id === 'maker-checker')
    expect(checker?.status).toBe('fail')
    // bob is named by his account, as GitHub mapped his e-mail
    expect(checker?.problems.join('\n')).toMatch(/bob/)
    const coAuthors = log.filter((r) => r.operationName === 'GateCoAuthors')
    expect(coAuthors).toHaveLength(1)
    expect(
      decision.facts?.changes[0]?.pullRequest?.commits[1]?.coAuthors
    ).toEqual([expect.objectContaining({ login: 'bob' })])
  })

  it('asks for no co-authors when no commit names one', async () => {
    const { world, run } = standard(reviewedChange)
    const { decision, log } = await decide(world, run)
    expect(decision.decision).toBe('allow')
    expect(log.map((r) => r.operationName ?? r.path)).not.toContain(
      'GateCoAuthors'
    )
  })

  it('blocks an unapproved change early in a range', async () => {
    const { world, run } = standard((w) => {
      w.repo.commit({
        branch: 'main',
        author: w.people.mallory,
        message: 'sneak'
      })
      return reviewedChange(w)
    })
    const { decision } = await decide(world, run)
    expect(decision.decision).toBe('block')
    expect(statusOf(decision, 'approval-record')?.problems.join(' ')).toMatch(
      /without a pull request/
    )
  })
})
