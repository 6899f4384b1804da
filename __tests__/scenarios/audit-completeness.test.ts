// Completeness of the audit (SPEC §7, issue 16 item 4) through dist/index.js
// against the simulator, `mode: audit`: a commit pushed straight to main by
// someone `approvals.direct_pushes` does not name, never deployed, is an
// exception and fails the step; an allowed direct pusher's commit and
// commits that came through pull requests are not listed.
import { describe, expect, it } from '@jest/globals'
import { auditWorld } from '../../test-support/demo/audit-world.js'
import {
  POLICY,
  READ_PERMISSIONS,
  gateRun,
  type World
} from '../../test-support/demo/scenarios.js'
import { runGate, type Ran } from './helpers.js'

interface Report {
  completeness: {
    branches: string[]
    commitsRead: number
    errors: string[]
    unexplained: {
      sha: string
      author: string
      deployment: unknown
      why: string
    }[]
  }
}

/** Two reviewed releases in production, then whatever `then` pushes. */
async function audited(
  then: (w: World) => void,
  policy = POLICY
): Promise<Ran & { report: Report }> {
  const { world: w, releases } = auditWorld(2, {
    policy,
    room: 4 * 3_600_000
  })
  then(w)
  w.sim.advance('10m')
  const run = gateRun(w, (releases[1] as { sha: string }).sha)
  const r = await runGate(w, {
    ...run,
    token: w.sim.workflowToken({ ...READ_PERMISSIONS, issues: 'read' }),
    inputs: { ...run.inputs, mode: 'audit', 'audit-since': '2d' }
  })
  return { ...r, report: r.evidence as unknown as Report }
}

const hotfix = (w: World, who: 'mallory' | 'carol'): string =>
  w.repo.commit({
    branch: 'main',
    author: w.people[who],
    message: 'Hotfix pushed straight to main',
    files: { 'src/hotfix.ts': 'export const fixed = true\n' }
  }).oid

describe('completeness through the bundle (mode: audit)', () => {
  it('lists a commit pushed straight to main and never deployed, and fails the step', async () => {
    let sha = ''
    const r = await audited((w) => {
      sha = hotfix(w, 'mallory')
    })
    expect(r.exitCode).not.toBe(0)
    expect(r.outputs.decision).toBe('block')
    // every deployment passed: the commit alone is the exception
    expect(r.outputs.summary).toMatch(
      /: 2 deployments, 0 would not have passed the gate; 1 commit on the deployed branches no pull request or allowed direct push explains$/
    )
    expect(r.report.completeness.unexplained).toEqual([
      expect.objectContaining({
        sha,
        author: 'mallory',
        deployment: null,
        why: `${sha.slice(0, 7)} reached main without a pull request (direct push by mallory): merge changes through a pull request, or list mallory in approvals.direct_pushes`
      })
    ])
    // what a person reads: the job summary's section and the step's warning
    expect(r.summary).toContain('## Completeness')
    expect(r.summary).toContain(
      '⛔ **1** commit no pull request or allowed direct push explains'
    )
    expect(r.summary).toContain(`[\`${sha.slice(0, 7)}\`]`)
    expect(r.summary).toContain('`environment: {deployment: false}`')
    expect(r.stdout).toContain(`commit ${sha.slice(0, 7)} on main (`)
    expect(r.stdout).toContain('never deployed) is not explained')
    expect(r.stdout).toContain('1 exception to answer')
  }, 90_000)

  it('does not list a direct push by a login approvals.direct_pushes allows', async () => {
    const r = await audited(
      (w) => {
        hotfix(w, 'carol')
      },
      POLICY.replace(
        'pull_request: 1',
        'pull_request: 1\n      direct_pushes: [carol]'
      )
    )
    expect(r.exitCode).toBe(0)
    expect(r.outputs.decision).toBe('allow')
    expect(r.report.completeness.unexplained).toEqual([])
    expect(r.report.completeness.errors).toEqual([])
    expect(r.summary).toContain(
      '✅ every commit is explained by a merged pull request or an allowed direct push'
    )
  }, 90_000)

  it('finds no exception when every commit came through a pull request', async () => {
    const r = await audited(() => undefined)
    expect(r.exitCode).toBe(0)
    expect(r.outputs.decision).toBe('allow')
    expect(r.report.completeness.branches).toEqual(['main'])
    expect(r.report.completeness.commitsRead).toBeGreaterThanOrEqual(2)
    expect(r.report.completeness.unexplained).toEqual([])
    expect(r.outputs.summary).toMatch(/0 would not have passed the gate$/)
  }, 90_000)
})
