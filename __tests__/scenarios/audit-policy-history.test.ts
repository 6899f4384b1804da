// The audit through the bundle (mode: audit): each deployment judged by the
// policy file as it stood on the policy ref at its success (SPEC §7), and
// the report naming the versions it used.
import { describe, expect, it } from '@jest/globals'
import { auditWorld, release } from '../../test-support/demo/audit-world.js'
import {
  gateRun,
  POLICY,
  POLICY_PATH,
  type World
} from '../../test-support/demo/scenarios.js'
import { runGate, type Ran } from './helpers.js'

/** A reviewed change of the policy file, squash-merged onto main. */
function changePolicy(w: World, text: string): void {
  w.repo.mergedPullRequest({
    author: w.people.alice,
    approvals: [w.people.bob],
    method: 'squash',
    commits: [{ files: { [POLICY_PATH]: text } }]
  })
  w.sim.advance('10m')
}

async function auditOf(w: World, sha: string): Promise<Ran> {
  const run = gateRun(w, sha)
  return runGate(w, {
    ...run,
    inputs: {
      ...run.inputs,
      mode: 'audit',
      'audit-since': '31d',
      'audit-exceptions': 'report'
    }
  })
}

/** The Markdown table rows of the report's "Policy versions" section. */
function versionRows(summary: string): string[] {
  const section = summary.split(
    '| Blob | Commit | On the ref from | Judged |'
  )[1]
  return (
    (section ?? '')
      .split('\n\n')[0]
      ?.split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| ---')) ?? []
  )
}

describe('audit: the policy of each deployment’s time', () => {
  it('keeps three releases under pull_request: 1 allowed after it is raised to 2, and blocks a fourth with one approval', async () => {
    const { world: w } = auditWorld(3, { room: 6 * 3_600_000 })
    changePolicy(w, POLICY.replace('pull_request: 1', 'pull_request: 2'))
    const fourth = release(w)
    const r = await auditOf(w, fourth.sha)
    expect(r.stderr).toBe('')
    expect(r.exitCode).toBe(0)
    expect(r.outputs.summary).toMatch(
      /4 deployments, 1 would not have passed the gate/
    )
    const rows = r.summary
      .split('\n')
      .filter((l) => /^\| \[?#?\d|^\| .*\d{4}-\d\d-\d\dT/.test(l))
      .filter((l) => l.includes('allow') || l.includes('block'))
    expect(rows.filter((l) => l.includes('block'))).toHaveLength(1)
    expect(rows.find((l) => l.includes('block'))).toContain(
      fourth.sha.slice(0, 7)
    )
    expect(rows.find((l) => l.includes('block'))).toContain('maker-checker')
    const versions = versionRows(r.summary)
    expect(versions).toHaveLength(2)
    expect(versions[0]).toMatch(/3 deployments: /)
    expect(versions[1]).toMatch(/1 deployment: /)
    // two different blobs: the one raised, and the one before
    const blobs = versions.map((l) => /^\| `([0-9a-f]{7})`/.exec(l)?.[1])
    expect(new Set(blobs).size).toBe(2)
    expect(r.summary).toContain(
      'Each deployment is judged by `.github/promotion-gate.yml` as it stood on `main` at its success'
    )
  }, 120_000)

  it('does not turn a violating release into allow when the policy is loosened after it', async () => {
    const strict = POLICY.replace('pull_request: 1', 'pull_request: 2')
    const { world: w, releases } = auditWorld(1, {
      policy: strict,
      room: 4 * 3_600_000
    })
    changePolicy(w, POLICY)
    const second = release(w)
    const r = await auditOf(w, second.sha)
    expect(r.exitCode).toBe(0)
    expect(r.outputs.summary).toMatch(
      /2 deployments, 1 would not have passed the gate/
    )
    const blocked = r.summary
      .split('\n')
      .find((l) => l.includes('block') && l.includes('maker-checker'))
    expect(blocked).toContain(releases[0]?.sha.slice(0, 7))
    expect(versionRows(r.summary)).toHaveLength(2)
  }, 120_000)
})
