// The scenarios, each running the committed dist/index.js as the
// Actions runner does, against the simulator on 127.0.0.1.
import { describe, expect, it } from '@jest/globals'
import {
  ago,
  firstRelease,
  standard,
  gateRun,
  promote,
  reviewedChange,
  world,
  POLICY,
  POLICY_PATH,
  PROTECTIVE_RULES,
  type World
} from '../../test-support/demo/scenarios.js'
import { runGate } from './helpers.js'

/** first release in production, then `change`, promoted; staging success `age` ago. */
function prepared(
  change: (w: World) => string,
  o: Parameters<typeof standard>[1] = {}
): { w: World; sha: string } {
  const { world: w, sha } = standard(change, o)
  return { w, sha }
}

function squash(
  w: World,
  o: Parameters<World['repo']['mergedPullRequest']>[0]
): string {
  return w.repo.mergedPullRequest({ method: 'squash', ...o }).data
    .mergeCommit as string
}

describe('the gate, run as the Actions runner runs it', () => {
  it('allows the happy path in at most 3 API requests', async () => {
    const { w, sha } = prepared(reviewedChange)
    const r = await runGate(w, gateRun(w, sha))
    expect(r.outputs.decision).toBe('allow')
    expect(r.exitCode).toBe(0)
    expect(r.violations).toEqual([])
    expect(r.server.requests.length).toBeLessThanOrEqual(3)
    expect(r.evidence).toMatchObject({
      decision: 'allow',
      policy: { path: POLICY_PATH, ref: 'main' },
      changes: [
        { sha, makers: [{ login: 'alice' }], approvers: [{ login: 'bob' }] }
      ]
    })
    expect(r.summary).toContain('| `maker-checker` | ✅ pass |')
  })

  describe('upstream deployments', () => {
    it('blocks when staging was skipped', async () => {
      const { w, sha } = prepared(reviewedChange, {
        environments: ['development']
      })
      const r = await runGate(w, gateRun(w, sha))
      expect(r.violations).toEqual(['promotion'])
      expect(r.stdout).toContain('never deployed successfully to staging')
    })

    it('blocks when the staging deployment failed', async () => {
      const { w, sha } = prepared(reviewedChange, {
        environments: ['development']
      })
      const run = w.repo.workflowRun({ actor: w.people.dora, headSha: sha })
      w.repo.deployFromRun(run.data, 'staging', { state: 'failure' })
      const r = await runGate(w, gateRun(w, sha))
      expect(r.violations).toEqual(['promotion'])
    })

    it('blocks when staging succeeded and was later marked failed', async () => {
      const { w, sha } = prepared(reviewedChange)
      const staging = w.repo.data.deployments.filter(
        (d) => d.environment === 'staging' && d.sha === sha
      )[0]
      w.repo.deployment(staging!.id).status('failure')
      const r = await runGate(w, gateRun(w, sha))
      expect(r.violations).toEqual(['promotion'])
      expect(r.stdout).toMatch(/then was marked failure/)
    })

    it('blocks when staging succeeded too recently for the soak', async () => {
      const { w, sha } = prepared(reviewedChange, { age: '15m' })
      const r = await runGate(w, gateRun(w, sha))
      expect(r.violations).toEqual(['promotion'])
      expect(r.stdout).toMatch(/soak/)
    })

    it('blocks when staging came before development', async () => {
      const { w, sha } = prepared(reviewedChange, {
        environments: ['staging', 'development']
      })
      const r = await runGate(w, gateRun(w, sha))
      expect(r.violations).toEqual(['promotion'])
    })

    it('blocks a staging deployment created by hand through the API', async () => {
      const { w, sha } = prepared(reviewedChange, {
        environments: ['development']
      })
      w.repo
        .deploy({ environment: 'staging', sha, creator: w.people.mallory })
        .status('success')
      const r = await runGate(w, gateRun(w, sha))
      expect(r.violations).toEqual(['promotion'])
      expect(r.stdout).toContain('not a trusted deployer')
    })

    it('blocks a github-actions record that links to no workflow run', async () => {
      const { w, sha } = prepared(reviewedChange, {
        environments: ['development']
      })
      w.repo
        .deploy({ environment: 'staging', sha })
        .status('success', { logUrl: 'https://example.com/x' })
      const r = await runGate(w, gateRun(w, sha))
      expect(r.violations).toEqual(['promotion'])
      expect(r.stdout).toContain('links to no job of a workflow run')
    })

    it('finds the staging success behind more than 100 later deployments', async () => {
      const w = world()
      const previous = firstRelease(w)
      const sha = reviewedChange(w)
      ago(w, '6h')
      promote(w, sha, ['development', 'staging'])
      for (let i = 0; i < 150; i++) {
        w.sim.advance('1m')
        const run = w.repo.workflowRun({
          actor: w.people.dora,
          headSha: previous
        })
        w.repo.deployFromRun(run.data, 'staging')
      }
      const r = await runGate(w, gateRun(w, sha))
      expect(r.outputs.decision).toBe('allow')
      expect(r.server.requests.length).toBeLessThanOrEqual(5)
    })
  })

  describe('maker-checker', () => {
    it('blocks an approval by someone who pushed a commit to the pull request', async () => {
      const { w, sha } = prepared((w) =>
        squash(w, {
          author: w.people.alice,
          commits: [{ author: w.people.alice }, { author: w.people.bob }],
          approvals: [w.people.bob]
        })
      )
      const r = await runGate(w, gateRun(w, sha))
      expect(r.violations).toEqual(['maker-checker'])
    })

    it('blocks an approval by a co-author', async () => {
      const { w, sha } = prepared((w) =>
        squash(w, {
          author: w.people.alice,
          commits: [{ author: w.people.alice, coAuthors: [w.people.bob] }],
          approvals: [w.people.bob]
        })
      )
      const r = await runGate(w, gateRun(w, sha))
      expect(r.violations).toEqual(['maker-checker'])
      expect(r.stdout).toMatch(/co-author/)
    })

    it('blocks an approval by a committer', async () => {
      const { w, sha } = prepared((w) =>
        squash(w, {
          author: w.people.alice,
          commits: [{ author: w.people.alice, committer: w.people.bob }],
          approvals: [w.people.bob]
        })
      )
      const r = await runGate(w, gateRun(w, sha))
      expect(r.violations).toEqual(['maker-checker'])
      expect(r.stdout).toMatch(/committer/)
    })

    it('blocks an approval given before a later push', async () => {
      const { w, sha } = prepared((w) => {
        w.repo.branch('late-push')
        w.repo.commit({
          branch: 'late-push',
          author: w.people.alice,
          files: { 'a.ts': '1' }
        })
        const pr = w.repo.pullRequest({
          head: 'late-push',
          author: w.people.alice
        })
        pr.approve(w.people.bob)
        pr.push({ files: { 'a.ts': '2' } })
        return pr.merge({ by: w.people.alice, method: 'squash' }).oid
      })
      const r = await runGate(w, gateRun(w, sha))
      expect(r.violations).toEqual(['approval-record', 'maker-checker'])
      expect(r.stdout).toMatch(/final head/)
    })

    it('blocks an approval by a bot', async () => {
      const { w, sha } = prepared((w) =>
        squash(w, { author: w.people.alice, approvals: [w.sim.githubActions] })
      )
      const r = await runGate(w, gateRun(w, sha))
      expect(r.violations).toEqual(['maker-checker'])
    })

    it('finds a maker hidden past the first 100 commits of a pull request', async () => {
      const { w, sha } = prepared((w) => {
        const specs = Array.from({ length: 150 }, (_v, i) => ({
          author: i === 129 ? w.people.bob : w.people.alice,
          files: { [`f${i}.ts`]: `${i}` }
        }))
        // a merge commit: bob shows only on the second page of the PR's commits
        // (a squash would also name him in a Co-authored-by trailer)
        return w.repo.mergedPullRequest({
          author: w.people.alice,
          commits: specs,
          approvals: [w.people.bob],
          method: 'merge'
        }).data.mergeCommit as string
      })
      const r = await runGate(w, gateRun(w, sha))
      expect(r.violations).toEqual(['maker-checker'])
      expect(r.stdout).toMatch(/bob/)
    })

    it('checks every change since the previous production deployment', async () => {
      const { w, sha } = prepared((w) => {
        squash(w, {
          author: w.people.carol,
          commits: [{ author: w.people.carol, coAuthors: [w.people.bob] }],
          approvals: [w.people.bob]
        })
        return reviewedChange(w)
      })
      const r = await runGate(w, gateRun(w, sha))
      expect(r.violations).toEqual(['maker-checker'])
      expect((r.evidence as { changes: unknown[] }).changes).toHaveLength(2)
    })

    it('blocks when the deployer wrote the change (deployer_independent)', async () => {
      const { w, sha } = prepared(reviewedChange)
      const r = await runGate(w, gateRun(w, sha, { actor: 'alice' }))
      expect(r.violations).toEqual(['segregation'])
      expect(r.stdout).toMatch(/alice/)
    })
  })

  describe('approval record and branches', () => {
    it('blocks a direct push', async () => {
      const { w, sha } = prepared(
        (w) => w.repo.commit({ branch: 'main', author: w.people.alice }).oid
      )
      const r = await runGate(w, gateRun(w, sha))
      expect(r.violations).toContain('approval-record')
    })

    it('blocks a commit that is on no allowed branch', async () => {
      const { w, sha } = prepared((w) => {
        w.repo.branch('feature')
        return w.repo.commit({ branch: 'feature', author: w.people.alice }).oid
      })
      const r = await runGate(w, gateRun(w, sha))
      expect(r.violations).toContain('source-branch')
    })

    it('ignores a policy weakened inside the deployed commit', async () => {
      const { w, sha } = prepared((w) => {
        w.repo.branch('weaken')
        return w.repo.commit({
          branch: 'weaken',
          author: w.people.mallory,
          files: {
            [POLICY_PATH]:
              'version: 1\nenvironments:\n  production:\n    branches: ["**"]\n    branch_protection: false\n    approvals: { pull_request: 0 }\n'
          }
        }).oid
      })
      const r = await runGate(w, gateRun(w, sha))
      expect(r.outputs.decision).toBe('block')
      expect(r.violations).toContain('source-branch')
      expect(r.evidence).toMatchObject({ policy: { ref: 'main' } })
    })
  })

  describe('branch protection', () => {
    it('errors, naming the permission, on a branch with no rulesets and unreadable protection', async () => {
      const { w, sha } = prepared(reviewedChange, { ruleset: false })
      const r = await runGate(w, gateRun(w, sha))
      expect(r.violations).toEqual(['branch-protection'])
      expect(r.stdout).toContain('administration: read')
    })

    it('fails an unprotected branch when the token can read protection', async () => {
      const { w, sha } = prepared(reviewedChange, { ruleset: false })
      const r = await runGate(w, gateRun(w, sha, { token: w.sim.adminToken() }))
      expect(r.violations).toEqual(['branch-protection'])
      expect(r.stdout).toMatch(/not protected/)
    })

    it('does not count a ruleset in evaluate mode', async () => {
      const { w, sha } = prepared(reviewedChange, { ruleset: false })
      w.repo.ruleset({ enforcement: 'evaluate', rules: PROTECTIVE_RULES })
      const r = await runGate(w, gateRun(w, sha, { token: w.sim.adminToken() }))
      expect(r.violations).toEqual(['branch-protection'])
    })

    it('blocks when force pushes are allowed', async () => {
      const { w, sha } = prepared(reviewedChange, { ruleset: false })
      w.repo.protectBranch('main', {
        requiredPullRequestReviews: {
          requiredApprovingReviewCount: 1,
          dismissStaleReviews: true
        },
        allowForcePushes: true
      })
      const r = await runGate(w, gateRun(w, sha, { token: w.sim.adminToken() }))
      expect(r.violations).toEqual(['branch-protection'])
      expect(r.stdout).toMatch(/force push/)
    })
  })

  describe('bad input', () => {
    it('blocks a malformed policy, naming file, line and column', async () => {
      const policy = POLICY.replace('soak: 1h', 'soak: 1h\n    soka: 2h')
      const { w, sha } = prepared(reviewedChange, { policy })
      const r = await runGate(w, gateRun(w, sha))
      expect(r.violations).toEqual(['policy'])
      expect(r.stdout).toMatch(
        /\.github\/promotion-gate\.yml:\d+:\d+: environments\.production\.soka: unknown key "soka"/
      )
    })

    it('blocks an environment the policy does not name', async () => {
      const { w, sha } = prepared(reviewedChange)
      const r = await runGate(w, gateRun(w, sha, { environment: 'prod' }))
      expect(r.violations).toEqual(['policy'])
      expect(r.stdout).toContain('prod')
    })

    it('blocks an invalid sha with a clear message and no stack trace', async () => {
      const { w } = prepared(reviewedChange)
      const r = await runGate(w, gateRun(w, 'abc', { sha: 'abc' }))
      expect(r.exitCode).toBe(1)
      expect(r.outputs.decision).toBe('block')
      expect(r.stdout).toContain('40-character')
      expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /)
      // still a job summary, and every check named as not verified
      expect(r.summary).toContain('cannot decide')
      expect(r.summary).toContain('40-character')
      expect(r.violations).toHaveLength(9)
    })

    it('blocks a sha that is not in the repository', async () => {
      const { w } = prepared(reviewedChange)
      const r = await runGate(w, gateRun(w, 'f'.repeat(40)))
      expect(r.outputs.decision).toBe('block')
      expect(r.stdout).toContain('does not exist')
    })
  })

  it('mode: report reports a block without failing the step', async () => {
    const { w, sha } = prepared(reviewedChange, {
      environments: ['development']
    })
    const r = await runGate(w, gateRun(w, sha, { inputs: { mode: 'report' } }))
    expect(r.outputs.decision).toBe('block')
    expect(r.violations).toEqual(['promotion'])
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toContain('::warning')
  })
})
