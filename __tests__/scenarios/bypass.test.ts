// Attempts to get around the gate, each through dist/index.js against the
// simulator. (More live in gate.test.ts: a policy weakened inside the
// deployed change, forged upstream records, co-author, committer, stale and
// bot approvals, direct pushes, evaluate-only rulesets, deployer = author.)
import { describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  POLICY,
  gateRun,
  reviewedChange,
  standard,
  type World
} from '../../test-support/demo/scenarios.js'
import { runGate } from './helpers.js'

const squash = (
  w: World,
  o: Parameters<World['repo']['mergedPullRequest']>[0]
): string =>
  w.repo.mergedPullRequest({ method: 'squash', ...o }).data
    .mergeCommit as string

describe('bypass attempts', () => {
  it('blocks approval by the reviewer whose suggestion was applied', async () => {
    // "Commit suggestion" on github.com: the clicker is the author, the
    // suggester a Co-authored-by trailer, web-flow the committer.
    const { world, sha } = standard((w) =>
      squash(w, {
        author: w.people.alice,
        commits: [
          { author: w.people.alice },
          {
            author: w.people.alice,
            committer: w.sim.webFlow,
            coAuthors: [w.people.bob],
            message: 'Apply suggestions from code review'
          }
        ],
        approvals: [w.people.bob]
      })
    )
    const r = await runGate(world, gateRun(world, sha))
    expect(r.violations).toEqual(['maker-checker'])
    expect(r.stdout).toMatch(/co-author/)
  }, 30_000)

  it('blocks approval by the workflow token (github-actions[bot])', async () => {
    const { world, sha } = standard((w) =>
      squash(w, { author: w.people.alice, approvals: [w.sim.githubActions] })
    )
    const r = await runGate(world, gateRun(world, sha))
    expect(r.violations).toEqual(['maker-checker'])
  }, 30_000)

  describe('environment approvals (approvals.environment: 1)', () => {
    const policy = POLICY.replace(
      'pull_request: 1',
      'pull_request: 1\n      environment: 1'
    )

    it('blocks when the only environment approver wrote the change', async () => {
      const { world, run } = standard(reviewedChange, { policy })
      world.repo
        .run(run.runId as number)
        .approve(world.people.alice, 'production')
      const r = await runGate(world, run)
      expect(r.violations).toEqual(['maker-checker'])
      expect(r.stdout).toMatch(/alice/)
    }, 30_000)

    it('allows an environment approval by someone independent', async () => {
      const { world, run } = standard(reviewedChange, { policy })
      world.repo
        .run(run.runId as number)
        .approve(world.people.carol, 'production')
      const r = await runGate(world, run)
      expect(r.outputs.decision).toBe('allow')
      expect(r.server.requests.map((q) => q.path)).toContain(
        `/repos/acme/shop/actions/runs/${run.runId}/approvals`
      )
    }, 30_000)

    it('blocks when the run has no environment approval at all', async () => {
      const { world, run } = standard(reviewedChange, { policy })
      const r = await runGate(world, run)
      expect(r.violations).toEqual(['approval-record', 'maker-checker'])
    }, 30_000)
  })

  it('cannot see through a spoofed author email (documented in SECURITY.md)', async () => {
    // mallory commits as bob: GitHub maps the email to bob, and so does
    // the gate. Only signatures tell them apart.
    const { world, sha } = standard((w) =>
      squash(w, {
        author: w.people.mallory,
        commits: [{ author: { name: 'bob', email: 'bob@example.com' } }],
        approvals: [w.people.carol]
      })
    )
    const r = await runGate(world, gateRun(world, sha))
    expect(r.outputs.decision).toBe('allow')
    const evidence = r.evidence as {
      changes: { makers: { login: string }[] }[]
    }
    expect(evidence.changes[0]?.makers.map((m) => m.login)).toContain('bob')
  }, 30_000)

  describe('approvals.require_verified_commits: true', () => {
    const policy = POLICY.replace(
      'pull_request: 1',
      'pull_request: 1\n      require_verified_commits: true'
    )

    it('allows commits signed with keys GitHub verifies for their committer', async () => {
      const { world, sha } = standard(
        (w) =>
          squash(w, {
            author: w.people.alice,
            commits: [{ author: w.people.alice, signedBy: w.people.alice }],
            approvals: [w.people.bob]
          }),
        { policy }
      )
      const r = await runGate(world, gateRun(world, sha))
      expect(r.outputs.decision).toBe('allow')
    }, 30_000)

    it('blocks the spoofed author email: mallory cannot sign as bob', async () => {
      const { world, sha } = standard(
        (w) =>
          squash(w, {
            author: w.people.mallory,
            commits: [
              {
                author: { name: 'bob', email: 'bob@example.com' },
                signedBy: w.people.mallory
              }
            ],
            approvals: [w.people.carol]
          }),
        { policy }
      )
      const r = await runGate(world, gateRun(world, sha))
      expect(r.violations).toEqual(['maker-checker'])
      expect(r.stdout).toMatch(/GitHub does not verify \(BAD_EMAIL\)/)
    }, 30_000)

    it('blocks an unsigned commit', async () => {
      const { world, run } = standard(reviewedChange, { policy })
      const r = await runGate(world, run)
      expect(r.violations).toEqual(['maker-checker'])
      expect(r.stdout).toMatch(/is not signed/)
    }, 30_000)
  })

  describe('hygiene', () => {
    it('talks only to GITHUB_API_URL and GITHUB_GRAPHQL_URL (GitHub Enterprise Server)', async () => {
      const { world, run } = standard(reviewedChange)
      const r = await runGate(world, run, { enterprise: true })
      expect(r.outputs.decision).toBe('allow')
      expect(r.server.requests.length).toBe(3)
      expect(
        r.server.requests.every((q) => /^\/api\/(v3|graphql)/.test(q.path))
      ).toBe(true)
    }, 30_000)

    it('never runs what an input or the event payload says', async () => {
      const marker = join(mkdtempSync(join(tmpdir(), 'pg-shell-')), 'pwned')
      const evil = `$(touch ${marker});touch ${marker};\`touch ${marker}\``
      const { world, run } = standard(reviewedChange)
      const r = await runGate(world, {
        ...run,
        environment: '',
        inputs: { environment: '', policy: evil },
        event: { deployment: { environment: evil, sha: run.sha } }
      })
      expect(r.outputs.decision).toBe('block')
      expect(r.stdout).toMatch(/no policy file at \$\(touch/)
      expect(existsSync(marker)).toBe(false)
      const r2 = await runGate(world, {
        ...run,
        environment: '',
        inputs: { environment: '' },
        event: { deployment: { environment: evil, sha: run.sha } }
      })
      expect(r2.outputs.decision).toBe('block')
      expect(r2.violations).toEqual(['policy'])
      expect(existsSync(marker)).toBe(false)
    }, 30_000)
  })
})
