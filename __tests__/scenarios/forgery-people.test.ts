// Issue 14, items 4 and 5: approvals and identities as GitHub counts and
// resolves them, through dist/index.js against the simulator. A bot's commit
// e-mail resolves to no GraphQL User, yet is that bot; bots never approve
// unless allow_bots; approvals need write access, must not be dismissed or
// overruled by a standing request for changes; environment approvals count
// for their own environment; everyone who deploys a run counts for
// deployer_independent; and a reviewer who clicked "Update branch" made a
// commit of the change.
import { describe, expect, it } from '@jest/globals'
import {
  gateRun,
  POLICY,
  standard,
  type GateRun,
  type World
} from '../../test-support/demo/scenarios.js'
import type { PullHandle } from '../../test-support/sim/model.js'
import { runGate } from './helpers.js'

const withApprovals = (lines: string): string =>
  POLICY.replace('      pull_request: 1\n', `      pull_request: 1\n${lines}`)

/** a Dependabot pull request, squash-merged, approved by `approvers` */
function dependabotChange(
  approvers: (w: World) => World['people']['bob'][]
): (w: World) => string {
  return (w) =>
    w.repo.mergedPullRequest({
      author: w.sim.dependabot,
      approvals: approvers(w),
      method: 'squash',
      title: 'Bump lodash from 4.17.20 to 4.17.21'
    }).data.mergeCommit as string
}

/** alice's pull request; `review` acts on it before bob squash-merges it */
function reviewed(review: (pr: PullHandle, w: World) => void) {
  return (w: World): string => {
    const head = `feature-${w.repo.data.nextNumber}`
    w.repo.branch(head)
    w.repo.commit({
      branch: head,
      author: w.people.alice,
      message: 'Faster search',
      files: { 'src/search.ts': 'export const fast = true\n' }
    })
    const pr = w.repo.pullRequest({
      head,
      author: w.people.alice,
      title: 'Faster search'
    })
    review(pr, w)
    pr.merge({ by: w.people.bob, method: 'squash' })
    return pr.data.mergeCommit as string
  }
}

/** A bot of a GitHub App installed with `contents: write`: it can push. */
function reviewBot(w: World): World['people']['bob'] {
  const app = w.sim.app({
    slug: 'review-bot',
    permissions: { contents: 'write', pull_requests: 'write' }
  })
  w.repo.install(app)
  return app.bot
}

describe('identities as GitHub resolves them', () => {
  it('(a) allows a Dependabot pull request approved by a human', async () => {
    const { world: w, run } = standard(dependabotChange((w) => [w.people.bob]))
    const r = await runGate(w, run)
    expect(r.violations).toEqual([])
    expect(r.outputs.decision).toBe('allow')
    expect(r.evidence).toMatchObject({
      changes: [
        {
          makers: [{ login: 'dependabot[bot]' }],
          approvers: [{ login: 'bob' }]
        }
      ]
    })
    expect(r.stdout).not.toContain('not linked to a GitHub account')
  })

  it("(b) blocks it with only a bot's approval, and allows it with allow_bots", async () => {
    const blocked = standard(dependabotChange((w) => [reviewBot(w)]))
    const r = await runGate(blocked.world, blocked.run)
    expect(r.outputs.decision).toBe('block')
    expect(r.violations).toEqual(['maker-checker'])
    expect(r.stdout).toContain(
      'review-bot[bot] approved but is a bot (approvals.allow_bots is false)'
    )

    const allowed = standard(
      dependabotChange((w) => [reviewBot(w)]),
      {
        policy: withApprovals('      allow_bots: true\n')
      }
    )
    const ok = await runGate(allowed.world, allowed.run)
    expect(ok.violations).toEqual([])
    expect(ok.outputs.decision).toBe('allow')
  })

  it('(b) still blocks a bot that cannot push, even with allow_bots', async () => {
    const { world: w, run } = standard(
      dependabotChange((w) => [w.sim.githubActions]),
      { policy: withApprovals('      allow_bots: true\n') }
    )
    const r = await runGate(w, run)
    expect(r.violations).toEqual(['maker-checker'])
    expect(r.stdout).toContain(
      'github-actions[bot] approved but had no write access to the repository'
    )
  })
})

describe('approvals as GitHub counts them', () => {
  it('(c) blocks an approval by a read-only user, even one listed in reviewers', async () => {
    const readOnly = (w: World): World['people']['bob'] => {
      const rita = w.sim.user('rita')
      w.repo.collaborator(rita, 'read')
      return rita
    }
    for (const policy of [POLICY, withApprovals('      reviewers: [rita]\n')]) {
      const { world: w, run } = standard(
        reviewed((pr, w) => pr.approve(readOnly(w))),
        { policy }
      )
      const r = await runGate(w, run)
      expect(r.outputs.decision).toBe('block')
      expect(r.violations).toEqual(['maker-checker'])
      expect(r.stdout).toContain(
        'rita approved but had no write access to the repository (GitHub does not count approvals from people without it)'
      )
    }
  })

  it('(d) blocks a dismissed approval', async () => {
    const { world: w, run } = standard(
      reviewed((pr, w) => pr.dismiss(pr.approve(w.people.bob)))
    )
    const r = await runGate(w, run)
    expect(r.outputs.decision).toBe('block')
    // no approving review is left to record it either
    expect(r.violations).toEqual(['approval-record', 'maker-checker'])
    expect(r.stdout).toContain(
      "bob's review was dismissed; bob must approve again"
    )
  })

  it('(e) blocks an approval overruled by a standing request for changes from a writer', async () => {
    const { world: w, run } = standard(
      reviewed((pr, w) => {
        pr.approve(w.people.bob)
        pr.review(w.people.carol, 'CHANGES_REQUESTED')
      })
    )
    const r = await runGate(w, run)
    expect(r.outputs.decision).toBe('block')
    expect(r.violations).toEqual(['maker-checker'])
    expect(r.stdout).toMatch(
      /bob approved but carol later requested changes on [0-9a-f]{7}, which stands until carol approves or the review is dismissed/
    )
  })

  it('(e) allows it once the writer who requested changes approves', async () => {
    const { world: w, run } = standard(
      reviewed((pr, w) => {
        pr.approve(w.people.bob)
        pr.review(w.people.carol, 'CHANGES_REQUESTED')
        pr.approve(w.people.carol)
      })
    )
    const r = await runGate(w, run)
    expect(r.violations).toEqual([])
    expect(r.outputs.decision).toBe('allow')
  })

  it('(g) blocks when the only approver clicked "Update branch", and says what to do', async () => {
    const { world: w, run } = standard(
      reviewed((pr, w) => {
        // main moves on (carol's reviewed change), then bob updates the branch
        w.repo.mergedPullRequest({
          author: w.people.carol,
          approvals: [w.people.dora],
          method: 'squash',
          title: 'Checkout copy'
        })
        const merge = pr.updateBranch(w.people.bob)
        expect(merge.message).toMatch(/^Merge branch 'main' into feature-/)
        pr.approve(w.people.bob)
      })
    )
    const r = await runGate(w, run)
    expect(r.outputs.decision).toBe('block')
    expect(r.violations).toEqual(['maker-checker'])
    expect(r.stdout).toMatch(
      /bob approved but updated the branch with merge commit [0-9a-f]{7}, which makes bob a maker of this change: another reviewer must approve, or someone who does not review must update the branch/
    )
  })
})

describe('who deploys', () => {
  it('(f) blocks a maker who dispatched the run someone else re-ran (deployer_independent)', async () => {
    const { world: w, sha } = standard(
      reviewed((pr, w) => pr.approve(w.people.bob))
    )
    const handle = w.repo.workflowRun({ actor: w.people.alice, headSha: sha })
    handle.rerun(w.people.dora)
    const run: GateRun = {
      ...gateRun(w, sha),
      actor: 'alice',
      runId: handle.id
    }
    const r = await runGate(w, run, {
      env: { GITHUB_TRIGGERING_ACTOR: 'dora', GITHUB_RUN_ATTEMPT: '2' }
    })
    expect(r.outputs.decision).toBe('block')
    expect(r.violations).toEqual(['segregation'])
    expect(r.stdout).toMatch(
      /alice started the run \(github\.actor\) that dora re-ran to deploy PR #\d+ but is the author of PR #\d+/
    )
    expect(r.stdout).toContain(
      'a re-run keeps the privileges of whoever started the run, so someone who made none of the changes must start a new run to deploy to production'
    )
  })

  it('(f) allows the same re-run when neither person made the change', async () => {
    const { world: w, sha } = standard(
      reviewed((pr, w) => pr.approve(w.people.bob))
    )
    const handle = w.repo.workflowRun({ actor: w.people.carol, headSha: sha })
    handle.rerun(w.people.dora)
    const run: GateRun = {
      ...gateRun(w, sha),
      actor: 'carol',
      runId: handle.id
    }
    const r = await runGate(w, run, {
      env: { GITHUB_TRIGGERING_ACTOR: 'dora', GITHUB_RUN_ATTEMPT: '2' }
    })
    expect(r.violations).toEqual([])
    expect(r.outputs.decision).toBe('allow')
  })

  it('(h) blocks an environment approval given for staging only in a run deploying production', async () => {
    const policy = withApprovals('      environment: 1\n')
    const decide = async (environments: string[]) => {
      const { world: w, sha } = standard(
        reviewed((pr, w) => pr.approve(w.people.bob)),
        { policy }
      )
      const handle = w.repo.workflowRun({ actor: w.people.dora, headSha: sha })
      handle.approve(w.people.carol, environments)
      return runGate(w, { ...gateRun(w, sha), runId: handle.id })
    }
    const r = await decide(['staging'])
    expect(r.outputs.decision).toBe('block')
    // nor is there an environment approval record for production
    expect(r.violations).toEqual(['approval-record', 'maker-checker'])
    expect(r.stdout).toContain(
      'this run has 0 independent environment approvals for production, production needs 1'
    )
    const ok = await decide(['staging', 'production'])
    expect(ok.violations).toEqual([])
    expect(ok.outputs.decision).toBe('allow')
  })
})
