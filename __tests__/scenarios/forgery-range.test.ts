// Issue 14, item 3: every commit of the range, every parent followed, and
// "entered through pull request P" as SPEC §5.5 defines it, through
// dist/index.js against the simulator. Attacks: a direct pusher's local
// merge carrying in a commit no pull request merged, and one carrying in a
// single commit of a squash-merged pull request. Legitimate flows: a rebase
// merge, merge-commit pull requests, the merge queue.
import { describe, expect, it } from '@jest/globals'
import { durationMs } from '../../test-support/sim/model.js'
import {
  POLICY,
  ago,
  firstRelease,
  gateRun,
  promote,
  tested,
  world,
  type GateRun,
  type World
} from '../../test-support/demo/scenarios.js'
import { runGate } from './helpers.js'

/** carol may push to main without a pull request (she does not deploy: dora does) */
const DIRECT = POLICY.replace(
  'pull_request: 1',
  'pull_request: 1\n      direct_pushes: [carol]'
)

/**
 * The first release in production, then `change`, through development and
 * staging 2h ago; its CI's `test` run only when `test` is not false.
 */
function deployed(
  change: (w: World) => string,
  o: { policy?: string; test?: boolean } = {}
): { w: World; sha: string; run: GateRun } {
  const w = world({ policy: o.policy })
  firstRelease(w)
  const sha = change(w)
  if (o.test !== false) tested(w, sha)
  ago(w, durationMs('2h') + durationMs('10m'))
  promote(w, sha, ['development', 'staging'])
  return { w, sha, run: gateRun(w, sha) }
}

const short = (oid: string): string => oid.slice(0, 7)

describe('every parent followed (SPEC §4 scope, §5.5)', () => {
  it('blocks a direct pusher’s local merge that carries in a commit no pull request merged, naming it and the merge', async () => {
    let side = ''
    const { w, run, sha } = deployed(
      (w) => {
        w.repo.branch('sneaky')
        side = w.repo.commit({
          branch: 'sneaky',
          author: w.people.mallory,
          message: 'Turn off the fraud check',
          files: { 'src/fraud.ts': 'export const enabled = false\n' }
        }).oid
        return w.repo.localMerge({ from: side, by: w.people.carol }).oid
      },
      { policy: DIRECT }
    )
    const r = await runGate(w, run)
    expect(r.outputs.decision).toBe('block')
    expect(r.violations).toContain('approval-record')
    expect(r.stdout).toContain(
      `${short(side)} (by mallory) was carried into main by the merge ${short(sha)}, not by a merged pull request of its own`
    )
    expect(r.stdout).toContain('needs its own approval record')
  }, 60_000)

  it('blocks one commit of a squash-merged pull request merged in by a local merge: the squash’s approval is not its record', async () => {
    let commits: string[] = []
    const { w, run, sha } = deployed(
      (w) => {
        const pr = w.repo.mergedPullRequest({
          author: w.people.alice,
          approvals: [w.people.bob],
          method: 'squash',
          commits: [
            { files: { 'src/search.ts': 'export const limit = 10\n' } },
            // a debug backdoor, removed again before review ended
            { files: { 'src/debug.ts': 'export const open = true\n' } },
            { files: { 'src/debug.ts': null } }
          ]
        })
        commits = pr.data.mergedCommits as string[]
        // the middle commit, never reviewed on its own
        return w.repo.localMerge({
          from: commits[1] as string,
          by: w.people.carol
        }).oid
      },
      { policy: DIRECT }
    )
    const r = await runGate(w, run)
    expect(r.outputs.decision).toBe('block')
    expect(r.violations).toContain('approval-record')
    expect(r.stdout).toContain(
      `${short(commits[1] as string)} (by alice) was carried into main by the merge ${short(sha)}`
    )
  }, 60_000)

  it('allows the same local merge by the direct pusher when the carried commit is also hers', async () => {
    const { w, run } = deployed(
      (w) => {
        w.repo.branch('hotfix')
        const side = w.repo.commit({
          branch: 'hotfix',
          author: w.people.carol,
          files: { 'src/hotfix.ts': 'export const fixed = true\n' }
        }).oid
        return w.repo.localMerge({ from: side, by: w.people.carol }).oid
      },
      { policy: DIRECT }
    )
    const r = await runGate(w, run)
    expect(r.outputs.decision).toBe('allow')
  }, 60_000)

  it('allows a rebase-merged pull request: its rebased copies entered through it', async () => {
    const { w, run } = deployed((w) => {
      const pr = w.repo.mergedPullRequest({
        author: w.people.alice,
        approvals: [w.people.bob],
        method: 'rebase',
        commits: [{}, {}, {}]
      })
      return pr.data.mergeCommit as string
    })
    const r = await runGate(w, run)
    expect(r.violations).toEqual([])
    expect(r.outputs.decision).toBe('allow')
  }, 60_000)

  it('allows merge-commit pull requests: their own commits came in through their merge commits', async () => {
    const { w, run } = deployed((w) => {
      w.repo.mergedPullRequest({
        author: w.people.alice,
        approvals: [w.people.bob],
        method: 'merge',
        commits: [{}, {}]
      })
      w.sim.advance('1m')
      const pr = w.repo.mergedPullRequest({
        author: w.people.carol,
        approvals: [w.people.bob],
        method: 'merge',
        commits: [{}, {}, {}]
      })
      return pr.data.mergeCommit as string
    })
    const r = await runGate(w, run)
    expect(r.violations).toEqual([])
    expect(r.outputs.decision).toBe('allow')
  }, 60_000)

  describe('the merge queue', () => {
    const CHECKED = POLICY.replace(
      '    deployer_independent: true',
      '    deployer_independent: true\n    checks:\n      required: [test]'
    )
    const queued =
      (jobs: string[]) =>
      (w: World): string => {
        w.repo.branch('queued')
        w.repo.commit({ branch: 'queued', author: w.people.alice })
        const pull = w.repo.pullRequest({
          head: 'queued',
          author: w.people.alice,
          title: 'Queued change'
        })
        pull.approve(w.people.bob)
        // bob, the only approver, adds it to the queue: the merger, not a maker
        return w.repo.mergeQueue({
          entries: [{ pull, by: w.people.bob }],
          jobs
        }).landed.oid
      }

    it('allows a pull request merged by the queue; the enqueuer is not a maker and the merge_group run’s test counts', async () => {
      const { w, run } = deployed(queued(['test']), {
        policy: CHECKED,
        test: false
      })
      const r = await runGate(w, run)
      expect(r.violations).toEqual([])
      expect(r.outputs.decision).toBe('allow')
    }, 60_000)

    it('blocks the same queue merge when no merge_group run reported test', async () => {
      const { w, run } = deployed(queued([]), {
        policy: CHECKED,
        test: false
      })
      const r = await runGate(w, run)
      expect(r.violations).toEqual(['checks'])
    }, 60_000)
  })
})
