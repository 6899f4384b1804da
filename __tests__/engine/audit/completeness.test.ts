// Completeness (SPEC §7, issue 16 item 4): the commits on the deployed
// branches in the period that no pull request or allowed direct push
// explains, deployed or not, through runAudit in process against the
// simulator; and what it says when the history cannot be read.
import { afterEach, describe, expect, it } from '@jest/globals'
import { flagged, runAudit, silentLogger } from '../../../src/engine/index.js'
import type { AuditReport, GitHubPort } from '../../../src/engine/index.js'
import { createClient } from '../../../src/github/client.js'
import {
  branchHistory,
  MAX_BRANCH_PAGES
} from '../../../src/engine/audit/completeness-read.js'
import { auditWorld, release } from '../../../test-support/demo/audit-world.js'
import {
  OWNER,
  POLICY,
  POLICY_PATH,
  READ_PERMISSIONS,
  REPO,
  type World
} from '../../../test-support/demo/scenarios.js'
import {
  startSimulator,
  type SimulatorServer
} from '../../../test-support/sim/server.js'

let server: SimulatorServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

const DIRECT = POLICY.replace(
  'pull_request: 1',
  'pull_request: 1\n      direct_pushes: [carol]'
)

async function audit(
  w: World,
  wrap: (port: GitHubPort) => GitHubPort = (p) => p
): Promise<AuditReport> {
  server = await startSimulator(w.sim)
  const github = createClient({
    token: w.sim.workflowToken({ ...READ_PERMISSIONS, issues: 'read' }),
    apiUrl: server.url,
    graphqlUrl: server.graphqlUrl,
    logger: silentLogger,
    timeoutMs: 20_000,
    retryBaseMs: 5
  })
  return runAudit(
    {
      owner: OWNER,
      repo: REPO,
      environment: 'production',
      policyPath: POLICY_PATH,
      policyRef: null,
      since: afterSetup(w),
      until: new Date(),
      serverUrl: 'https://github.com'
    },
    { github: wrap(github), logger: silentLogger, now: () => new Date() }
  )
}

/**
 * Just after the world's first commit, pushed by its owner to set the
 * repository up: the period starts with the first release.
 */
function afterSetup(w: World): Date {
  let c = w.repo.getCommit(w.repo.head())
  while (c.parents[0] !== undefined) c = w.repo.getCommit(c.parents[0])
  return new Date(c.committer.date.getTime() + 1000)
}

/** A commit pushed straight to main by `who`. */
function directPush(w: World, who: keyof World['people']): string {
  return w.repo.commit({
    branch: 'main',
    author: w.people[who],
    message: 'Hotfix pushed straight to main',
    files: { 'src/hotfix.ts': `export const by = '${String(who)}'\n` }
  }).oid
}

describe('completeness of the audit', () => {
  it('lists a commit pushed straight to main and never deployed, naming who and why', async () => {
    const { world: w } = auditWorld(2, { room: 4 * 3_600_000 })
    const sha = directPush(w, 'mallory')
    w.sim.advance('10m')
    const report = await audit(w)
    const c = report.completeness
    expect(c.branches).toEqual(['main'])
    expect(c.errors).toEqual([])
    expect(c.missing).toEqual([])
    expect(c.commitsRead).toBeGreaterThanOrEqual(2)
    expect(c.unexplained).toEqual([
      {
        sha,
        url: expect.stringContaining(sha),
        branch: 'main',
        author: 'mallory',
        committer: 'mallory',
        pusher: null,
        committedAt: expect.any(String),
        carriedBy: null,
        deployment: null,
        why: `${sha.slice(0, 7)} reached main without a pull request (direct push by mallory): merge changes through a pull request, or list mallory in approvals.direct_pushes`
      }
    ])
    // every deployment passed: the unexplained commit alone is the exception
    expect(report.entries.every((e) => e.decision === 'allow')).toBe(true)
    expect(flagged(report)).toBe(1)
  }, 60_000)

  it('does not list a direct push by a login approvals.direct_pushes allows', async () => {
    const { world: w } = auditWorld(2, {
      policy: DIRECT,
      room: 4 * 3_600_000
    })
    directPush(w, 'carol')
    w.sim.advance('10m')
    const report = await audit(w)
    expect(report.completeness.unexplained).toEqual([])
    expect(report.completeness.errors).toEqual([])
    expect(flagged(report)).toBe(0)
  }, 60_000)

  it('explains every commit of merge, squash and rebase pull requests and of the merge queue', async () => {
    const { world: w } = auditWorld(1, { room: 4 * 3_600_000 })
    for (const method of ['merge', 'rebase', 'squash'] as const) {
      w.repo.mergedPullRequest({
        author: w.people.alice,
        approvals: [w.people.bob],
        method,
        commits: [
          { files: { [`src/${method}-1.ts`]: '1\n' } },
          { files: { [`src/${method}-2.ts`]: '2\n' } }
        ]
      })
      w.sim.advance('10m')
    }
    const head = w.repo.branch('queued')
    w.repo.commit({
      branch: 'queued',
      author: w.people.alice,
      files: { 'src/queued.ts': `q ${head}\n` }
    })
    const queued = w.repo.pullRequest({
      head: 'queued',
      author: w.people.alice
    })
    queued.approve(w.people.bob)
    w.repo.mergeQueue({ entries: [{ pull: queued, by: w.people.bob }] })
    w.sim.advance('10m')
    release(w)
    const report = await audit(w)
    expect(report.completeness.commitsRead).toBeGreaterThanOrEqual(8)
    expect(report.completeness.unexplained).toEqual([])
    expect(report.completeness.errors).toEqual([])
  }, 60_000)

  it('lists a commit an allowed pusher’s local merge carried in, not the merge itself', async () => {
    const { world: w } = auditWorld(1, {
      policy: DIRECT,
      room: 4 * 3_600_000
    })
    w.repo.branch('sneaky')
    const side = w.repo.commit({
      branch: 'sneaky',
      author: w.people.mallory,
      message: 'Turn off the fraud check',
      files: { 'src/fraud.ts': 'export const enabled = false\n' }
    }).oid
    const merge = w.repo.localMerge({ from: side, by: w.people.carol }).oid
    w.sim.advance('10m')
    const after = release(w)
    const report = await audit(w)
    const [only] = report.completeness.unexplained
    expect(report.completeness.unexplained).toHaveLength(1)
    expect(only?.sha).toBe(side)
    expect(only?.carriedBy).toBe(merge)
    expect(only?.why).toContain(
      `was carried into main by the merge ${merge.slice(0, 7)}, not by a merged pull request of its own`
    )
    // the merge itself is carol's allowed direct push; the release after it
    // deployed neither as its own commit
    expect(only?.deployment).toBeNull()
    expect(report.entries.map((e) => e.deployment.sha)).toContain(after.sha)
  }, 60_000)

  it('names the deployment of an unexplained commit that reached production', async () => {
    const { world: w } = auditWorld(1, { room: 6 * 3_600_000 })
    const sha = directPush(w, 'mallory')
    w.sim.advance('10m')
    const { promote, tested } =
      await import('../../../test-support/demo/scenarios.js')
    tested(w, sha)
    promote(w, sha, ['development', 'staging'])
    w.sim.advance('2h')
    promote(w, sha, ['production'])
    w.sim.advance('10m')
    const report = await audit(w)
    const entry = report.entries.find((e) => e.deployment.sha === sha)
    expect(entry?.decision).toBe('block')
    const [only] = report.completeness.unexplained
    expect(only?.sha).toBe(sha)
    expect(only?.deployment).toEqual({
      id: entry?.deployment.id,
      succeededAt: entry?.deployment.succeededAt
    })
  }, 60_000)

  it('says completeness is not established for branches matched by a glob, and lists a policy branch that does not exist', async () => {
    const { world: w } = auditWorld(1, {
      policy: POLICY.replace(
        'branches: [main]',
        "branches: [main, 'release/*', hotfix]"
      ),
      room: 4 * 3_600_000
    })
    const report = await audit(w)
    const c = report.completeness
    expect(c.branches).toEqual(['main', 'hotfix'])
    expect(c.missing).toEqual(['hotfix'])
    expect(c.errors).toEqual([
      'the branches matching release/* (environments.production.branches) were not read: completeness is established for main, hotfix only; list the branches the environment deploys from by name to have them read'
    ])
    expect(flagged(report)).toBe(1)
  }, 60_000)

  it('fails closed when the history cannot be read, naming the permission', async () => {
    const { world: w } = auditWorld(1, { room: 4 * 3_600_000 })
    const report = await audit(w, (port) => ({
      ...port,
      graphql: <T>(
        query: string,
        variables: Record<string, unknown>,
        options?: { splittable?: boolean }
      ) =>
        query.includes('AuditBranchHistory')
          ? Promise.resolve({
              data: { repository: { ref: null } } as T,
              errors: [
                {
                  type: 'FORBIDDEN',
                  message: 'Resource not accessible by integration',
                  path: ['repository', 'ref']
                }
              ]
            })
          : port.graphql<T>(query, variables, options)
    }))
    const c = report.completeness
    expect(c.unexplained).toEqual([])
    expect(c.errors).toHaveLength(1)
    expect(c.errors[0]).toContain(
      'the history of main in the period could not be read, so completeness is not established'
    )
    expect(c.errors[0]).toContain('contents: read')
    expect(flagged(report)).toBe(1)
  }, 60_000)
})

describe('branchHistory', () => {
  it('stops at its page limit and says the history was cut short', async () => {
    let asked = 0
    const node = {
      oid: 'a'.repeat(40),
      url: 'https://github.com/acme/shop/commit/a',
      message: 'm',
      committedDate: '2026-01-01T00:00:00Z',
      tree: { oid: 'b'.repeat(40) },
      author: { name: 'A', email: 'a@example.com', user: { login: 'a' } },
      committer: { name: 'A', email: 'a@example.com', user: { login: 'a' } },
      signature: null,
      parents: { totalCount: 0, nodes: [] },
      associatedPullRequests: { nodes: [] }
    }
    const port = {
      graphql: () => {
        asked += 1
        return Promise.resolve({
          data: {
            repository: {
              ref: {
                target: {
                  history: {
                    pageInfo: { hasNextPage: true, endCursor: `c${asked}` },
                    nodes: [node]
                  }
                }
              }
            }
          },
          errors: []
        })
      }
    } as unknown as GitHubPort
    const h = await branchHistory({
      github: port,
      repo: { owner: 'acme', repo: 'shop' },
      branch: 'main',
      since: new Date(0),
      until: new Date()
    })
    expect(asked).toBe(MAX_BRANCH_PAGES)
    expect(h).toMatchObject({
      branch: 'main',
      truncated: `more than ${MAX_BRANCH_PAGES * 100} commits on main in the period: only the newest ${MAX_BRANCH_PAGES} were read; audit a shorter period`
    })
  })
})
