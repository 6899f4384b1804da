// The engine end to end, in process, against the simulator on 127.0.0.1.
import { describe, expect, it } from '@jest/globals'
import { evaluate, type EngineRequest } from '../../src/engine/index.js'
import type { GitHubPort } from '../../src/engine/port.js'
import { silentLogger } from '../../src/engine/port.js'
import { createClient } from '../../src/github/client.js'
import { startSimulator } from '../../src/sim/server.js'
import {
  OWNER,
  POLICY_PATH,
  READ_PERMISSIONS,
  REPO,
  reviewedChange,
  standard,
  type GateRun,
  type World
} from '../../src/demo/scenarios.js'

function requestFor(run: GateRun): EngineRequest {
  return {
    owner: OWNER,
    repo: REPO,
    environment: run.environment,
    sha: run.sha,
    policyPath: POLICY_PATH,
    policyRef: null,
    deployer: run.actor,
    run: {
      id: run.runId,
      attempt: 1,
      url: `https://github.com/${OWNER}/${REPO}/actions/runs/${run.runId}`,
      actor: run.actor,
      triggeringActor: run.actor
    },
    serverUrl: 'https://github.com'
  }
}

async function decide(
  w: World,
  run: GateRun,
  o: {
    enterprise?: boolean
    wrap?: (port: GitHubPort) => GitHubPort
  } = {}
) {
  const server = await startSimulator(w.sim)
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
      requests: server.requests.map((r) => `${r.method} ${r.path}`)
    }
  } finally {
    await server.close()
  }
}

const statusOf = (
  d: Awaited<ReturnType<typeof decide>>['decision'],
  id: string
) => d.checks.find((c) => c.id === id)

/** Drops every `compare` field from GraphQL answers, as a GitHub without it would. */
function withoutGraphqlCompare(port: GitHubPort): GitHubPort {
  const strip = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return
    for (const [k, v] of Object.entries(value)) {
      if (k === 'compare') (value as Record<string, unknown>)[k] = null
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
  it('allows the typical decision in 3 requests: 2 GraphQL, 1 REST', async () => {
    const { world, run } = standard(reviewedChange)
    const { decision, requests } = await decide(world, run)
    expect(decision.decision).toBe('allow')
    expect(requests).toHaveLength(3)
    expect(requests.filter((r) => r.startsWith('POST /graphql'))).toHaveLength(
      2
    )
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
    expect(JSON.stringify(decision.checks)).not.toContain(
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
    const { decision, requests } = await decide(world, run)
    expect(decision.decision).toBe('allow')
    expect(decision.facts?.changes).toHaveLength(20)
    expect(requests.length).toBeLessThanOrEqual(8)
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
