// Deployment records forged with a workflow token (issue 14, item 1),
// through dist/index.js against the simulator: a github-actions[bot] record
// counts only when GitHub made it for the job its log links to (SPEC §5.2).
import { describe, expect, it } from '@jest/globals'
import { forgeRecord, jobOf } from '../../test-support/demo/forged.js'
import {
  POLICY,
  ago,
  firstRelease,
  gateRun,
  promote,
  reviewedChange,
  standard,
  tested,
  world
} from '../../test-support/demo/scenarios.js'
import { durationMs } from '../../test-support/sim/model.js'
import { runGate } from './helpers.js'

interface Check {
  id: string
  status: string
  message: string
  problems: string[]
}

const checkOf = (evidence: unknown, id: string): Check | undefined =>
  (evidence as { checks: Check[] }).checks.find((c) => c.id === id)

describe('forged deployment records', () => {
  it('blocks a staging record a workflow token made, linking a real CI job of the commit', async () => {
    const { world: w, sha } = standard(reviewedChange, {
      environments: ['development']
    })
    const job = jobOf(w, sha, 'test')
    const forged = forgeRecord(w, { environment: 'staging', sha, job })
    const r = await runGate(w, gateRun(w, sha))
    expect(r.outputs.decision).toBe('block')
    expect(r.violations).toEqual(['promotion'])
    const message = checkOf(r.evidence, 'promotion')?.problems.join('\n') ?? ''
    expect(message).toContain(
      `the deployment #${forged} of ${sha.slice(0, 7)} to staging was not made by a job GitHub ran for staging`
    )
    expect(message).toContain(
      `its log links to job ${job.id}, whose check run names no deployment`
    )
    expect(message).toContain('created through the API')
    expect(message).toContain('through the deployment workflow')
  }, 60_000)

  it("blocks a record linking another deployment's job: that check run names the other deployment", async () => {
    const { world: w, sha } = standard(reviewedChange, {
      environments: ['development']
    })
    const dev = w.repo.data.deployments.find(
      (d) => d.sha === sha && d.environment === 'development'
    )
    const job = jobOf(w, sha, 'deploy', 'development')
    forgeRecord(w, { environment: 'staging', sha, job })
    const r = await runGate(w, gateRun(w, sha))
    expect(r.violations).toEqual(['promotion'])
    expect(checkOf(r.evidence, 'promotion')?.problems.join('\n')).toContain(
      `its log links to job ${job.id}, whose check run names deployment #${String(dev?.id)}`
    )
  }, 60_000)

  it('keeps the range from the last real production deployment when a forged one would start it after an unreviewed push', async () => {
    const w = world()
    const released = firstRelease(w)
    const hotfix = w.repo.commit({
      branch: 'main',
      author: w.people.mallory,
      message: 'hotfix'
    }).oid
    tested(w, hotfix)
    // production "deployed" at the hotfix: the range would start after it
    forgeRecord(w, {
      environment: 'production',
      sha: hotfix,
      job: jobOf(w, hotfix, 'test')
    })
    w.sim.advance('1h')
    const sha = reviewedChange(w)
    tested(w, sha)
    ago(w, durationMs('2h') + durationMs('10m'))
    promote(w, sha, ['development', 'staging'])
    const r = await runGate(w, gateRun(w, sha))
    expect(r.outputs.decision).toBe('block')
    expect(r.violations).toEqual(['approval-record'])
    expect(r.evidence).toMatchObject({ scope: { since: released } })
    expect(
      checkOf(r.evidence, 'approval-record')?.problems.join('\n')
    ).toContain(hotfix.slice(0, 7))
  }, 60_000)

  it('allows the legitimate flow: development and staging deployed by their jobs', async () => {
    const { world: w, run } = standard(reviewedChange)
    const r = await runGate(w, run)
    expect(r.outputs.decision).toBe('allow')
    expect(r.violations).toEqual([])
    expect(checkOf(r.evidence, 'promotion')?.status).toBe('pass')
  }, 60_000)

  it('allows with trusted_workflows naming the deploy workflow at its ref', async () => {
    const policy = POLICY.replace(
      '  staging:\n    after: development',
      '  staging:\n    after: development\n    trusted_workflows: [.github/workflows/deploy.yml@main]'
    ).replace(
      '  development: {}',
      '  development:\n    trusted_workflows: [.github/workflows/deploy.yml@refs/heads/main]'
    )
    const { world: w, run } = standard(reviewedChange, { policy })
    const r = await runGate(w, run)
    expect(r.outputs.decision).toBe('allow')
  }, 60_000)

  it('blocks when the job that deployed upstream ran a workflow outside trusted_workflows', async () => {
    const policy = POLICY.replace(
      '  staging:\n    after: development',
      '  staging:\n    after: development\n    trusted_workflows: [.github/workflows/release.yml]'
    )
    const { world: w, run, sha } = standard(reviewedChange, { policy })
    const r = await runGate(w, run)
    expect(r.outputs.decision).toBe('block')
    expect(r.violations).toEqual(['promotion'])
    const message = checkOf(r.evidence, 'promotion')?.problems.join('\n') ?? ''
    expect(message).toContain(
      `to staging was made by job ${jobOf(w, sha, 'deploy', 'staging').id} of .github/workflows/deploy.yml@refs/heads/main, not by a workflow in trusted_workflows (.github/workflows/release.yml)`
    )
  }, 60_000)
})
