// Histories for the audit (SPEC §7): a repository whose production received
// `n` deployments, each of a reviewed change promoted through development
// and staging and soaked, one after another. Shared by the audit's tests,
// the demo and the benchmark.

import type { User } from '../sim/model.js'
import { promote, tested, world, type World } from './scenarios.js'

export interface Release {
  sha: string
  /** the pull request that brought it */
  number: number
}

/** One reviewed change through every environment; returns it. */
export function release(
  w: World,
  o: {
    author?: User
    approvals?: User[]
    soak?: string
    /** who approves the production deployment in its run (none: no one) */
    approvedBy?: User
  } = {}
): Release {
  // Every release edits the same file: a history of thousands of releases
  // then holds a few files, not one more per release in every commit.
  const n = w.repo.data.nextNumber
  const pr = w.repo.mergedPullRequest({
    author: o.author ?? w.people.alice,
    approvals: o.approvals ?? [w.people.bob],
    method: 'squash',
    commits: [{ files: { 'src/release.ts': `export const release = ${n}\n` } }]
  })
  const sha = pr.data.mergeCommit as string
  tested(w, sha)
  promote(w, sha, ['development', 'staging'])
  w.sim.advance(o.soak ?? '2h')
  if (o.approvedBy === undefined) promote(w, sha, ['production'])
  else {
    const run = w.repo.workflowRun({ actor: w.people.dora, headSha: sha })
    run.approve(o.approvedBy, 'production')
    run.deploy('production')
  }
  w.sim.advance('1h')
  return { sha, number: pr.data.number }
}

/** How long before its first release the repository was set up: beyond any audit period the tests ask. */
const SETUP_MS = 400 * 86_400_000

/** Each release takes 3h10m of simulated time (see `release`). */
export const RELEASE_MS = 190 * 60_000

/**
 * A world whose production received `n` releases, one every 3h10m, the
 * last about an hour before the real now.
 */
export function auditWorld(
  n: number,
  o: {
    policy?: string
    /** further simulated time left before now, ms */ room?: number
  } = {}
): { world: World; releases: Release[] } {
  // The repository was set up (its initial commit, pushed by its owner
  // without a pull request) well before the releases: an audit of the
  // releases' period does not list its setup as an unexplained commit.
  const w = world({
    policy: o.policy,
    history: SETUP_MS + n * RELEASE_MS + 3_600_000 + (o.room ?? 0)
  })
  w.sim.advance(SETUP_MS)
  const releases: Release[] = []
  for (let i = 0; i < n; i++) releases.push(release(w))
  return { world: w, releases }
}
