// The environment's own settings and the deployed commit's tests (SPEC §5.8,
// §5.9), each scenario running the committed dist/index.js as the runner
// does, against the simulator on 127.0.0.1.
import { describe, expect, it } from '@jest/globals'
import {
  gateRun,
  POLICY,
  READ_PERMISSIONS,
  reviewedChange,
  standard,
  type World
} from '../../test-support/demo/scenarios.js'
import type { EvidenceRecord } from '../../src/engine/evidence/index.js'
import { runGate, type Ran } from './helpers.js'

const evidence = (r: Ran): EvidenceRecord | undefined =>
  (r.evidence ?? undefined) as EvidenceRecord | undefined

/** The demo policy with production's settings added. */
function policyWith(production: string): string {
  return POLICY.replace(
    '    deployer_independent: true\n',
    `    deployer_independent: true\n${production}`
  )
}

async function gate(
  w: World,
  sha: string,
  o: Parameters<typeof gateRun>[2] = {}
): Promise<Ran> {
  return runGate(w, gateRun(w, sha, o))
}

/** A copy of the permissions without one of them. */
function without(
  permissions: typeof READ_PERMISSIONS,
  dropped: string
): typeof READ_PERMISSIONS {
  return Object.fromEntries(
    Object.entries(permissions).filter(([name]) => name !== dropped)
  ) as typeof READ_PERMISSIONS
}

function check(r: Ran, id: string) {
  const found = evidence(r)?.checks.find((c) => c.id === id)
  if (found === undefined) throw new Error(`no ${id} check in the evidence`)
  return found
}

describe('environment: no way around the gate', () => {
  it('blocks when production accepts deployments from every branch, saying where to fix it', async () => {
    const { world: w, sha } = standard(reviewedChange)
    w.repo.environment('production', { deploymentBranches: 'all' })
    const r = await gate(w, sha)
    expect(r.outputs.decision).toBe('block')
    expect(r.violations).toEqual(['environment'])
    const env = check(r, 'environment')
    expect(env.status).toBe('fail')
    expect(env.problems[0]).toMatch(
      /accepts deployments from every branch: a workflow edited on an unreviewed branch could deploy without the gate/
    )
    expect(env.problems[0]).toMatch(
      /https:\/\/github\.com\/acme\/shop\/settings\/environments\/\d+\/edit/
    )
    expect(r.evidence?.environment_settings).toMatchObject({
      name: 'production',
      exists: true,
      deployment_branch_policy: null
    })
  })

  it('blocks a custom branch pattern broader than the policy’s branches', async () => {
    const { world: w, sha } = standard(reviewedChange)
    w.repo.environment('production', {
      deploymentBranches: { custom: ['main', 'feature/*'] }
    })
    const r = await gate(w, sha)
    expect(r.violations).toEqual(['environment'])
    expect(check(r, 'environment').problems[0]).toMatch(
      /accepts deployments from branch feature\/\*, outside the policy's branches main/
    )
  })

  it('blocks an environment that a workflow created implicitly, with no rules', async () => {
    const { world: w, sha } = standard(reviewedChange, { settings: false })
    const r = await gate(w, sha)
    expect(r.violations).toEqual(['environment'])
    expect(check(r, 'environment').problems[0]).toMatch(/every branch/)
  })

  it('blocks when the policy asks for reviewers and production has none', async () => {
    const { world: w, sha } = standard(reviewedChange, {
      policy: policyWith(
        '    environment_protection:\n      required_reviewers: 1\n'
      )
    })
    const r = await gate(w, sha)
    expect(r.violations).toEqual(['environment'])
    expect(check(r, 'environment').problems).toEqual([
      expect.stringMatching(/has 0 required reviewers; the policy asks for 1/),
      expect.stringMatching(
        /lets the person who started a deployment approve it/
      )
    ])
  })

  it('blocks reviewers without self-review prevention', async () => {
    const { world: w, sha } = standard(reviewedChange, {
      policy: policyWith(
        '    environment_protection:\n      required_reviewers: 1\n'
      )
    })
    w.repo.environment('production', {
      reviewers: [w.people.carol],
      preventSelfReview: false
    })
    const r = await gate(w, sha)
    expect(r.violations).toEqual(['environment'])
    expect(check(r, 'environment').problems).toEqual([
      expect.stringMatching(/turn on "Prevent self-review"/)
    ])
  })

  it('blocks admin bypass when the policy forbids it, and allows once it is off', async () => {
    const policy = policyWith(
      '    environment_protection:\n      admin_bypass: false\n'
    )
    const open = standard(reviewedChange, { policy })
    const r = await gate(open.world, open.sha)
    expect(r.violations).toEqual(['environment'])
    expect(check(r, 'environment').problems[0]).toMatch(
      /administrators can bypass the protection rules of production/
    )
    const closed = standard(reviewedChange, { policy })
    closed.world.repo.environment('production', { canAdminsBypass: false })
    const again = await gate(closed.world, closed.sha)
    expect(again.outputs.decision).toBe('allow')
  })

  it('skips the settings with environment_protection: false', async () => {
    const { world: w, sha } = standard(reviewedChange, {
      policy: policyWith('    environment_protection: false\n')
    })
    w.repo.environment('production', { deploymentBranches: 'all' })
    const r = await gate(w, sha)
    expect(r.outputs.decision).toBe('allow')
    expect(check(r, 'environment').status).toBe('skipped')
    expect(r.evidence?.environment_settings).toBeNull()
  })

  it('names actions: read when the environment cannot be read', async () => {
    const { world: w, sha } = standard(reviewedChange)
    const permissions = without(READ_PERMISSIONS, 'actions')
    const r = await gate(w, sha, { token: w.sim.workflowToken(permissions) })
    expect(r.outputs.decision).toBe('block')
    const env = check(r, 'environment')
    expect(env.status).toBe('error')
    expect(env.problems[0]).toContain('`actions: read`')
  })
})

describe('checks: the deployed commit passed its tests', () => {
  it('blocks a failed check run on the deployed commit', async () => {
    const { world: w, sha } = standard(reviewedChange)
    w.repo
      .workflowRun({ actor: w.people.alice, headSha: sha, name: 'nightly' })
      .job('integration', 'failure')
    const r = await gate(w, sha)
    expect(r.violations).toEqual(['checks'])
    expect(check(r, 'checks').problems[0]).toMatch(
      /check integration on [0-9a-f]{7} ended in failure/
    )
    expect(evidence(r)?.checks_relied_on).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'integration',
          conclusion: 'failure',
          sha
        })
      ])
    )
  })

  it('blocks a failing commit status from another context', async () => {
    const { world: w, sha } = standard(reviewedChange)
    w.repo.commitStatus(sha, 'error', { context: 'security/scan' })
    const r = await gate(w, sha)
    expect(r.violations).toEqual(['checks'])
    expect(check(r, 'checks').problems[0]).toMatch(
      /status security\/scan on [0-9a-f]{7} ended in error/
    )
  })

  it('blocks when a required check never ran', async () => {
    const { world: w, sha } = standard(reviewedChange, {
      policy: policyWith('    checks:\n      required: [test, lint]\n')
    })
    const r = await gate(w, sha)
    expect(r.violations).toEqual(['checks'])
    expect(check(r, 'checks').problems).toEqual([
      expect.stringMatching(
        /required check lint has not run on [0-9a-f]{7} nor on PR #\d+'s final head/
      )
    ])
  })

  it('accepts a required check that succeeded only on the pull request’s final head', async () => {
    const { world: w, sha } = standard(
      (world) => {
        const pr = world.repo.mergedPullRequest({
          author: world.people.alice,
          approvals: [world.people.bob],
          method: 'squash'
        })
        world.repo
          .workflowRun({
            actor: world.people.alice,
            headSha: pr.headOid,
            name: 'pr'
          })
          .job('lint', 'success')
        return pr.data.mergeCommit as string
      },
      { policy: policyWith('    checks:\n      required: [lint]\n') }
    )
    const r = await gate(w, sha)
    expect(r.outputs.decision).toBe('allow')
    expect(evidence(r)?.checks_relied_on).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'lint', conclusion: 'success' })
      ])
    )
    const lint = evidence(r)?.checks_relied_on.find((c) => c.name === 'lint')
    expect(lint?.sha).not.toBe(sha)
  })

  it('never counts the current run’s jobs, the deploy job itself in progress included', async () => {
    const { world: w, sha } = standard(reviewedChange)
    const run = gateRun(w, sha)
    const current = w.repo.run(run.runId as number)
    current.job('deploy', null)
    current.job('smoke', 'cancelled')
    const r = await runGate(w, run)
    expect(r.outputs.decision).toBe('allow')
    // the deploy jobs of development and staging are on the commit too (a
    // job's check run is on its commit, one per name relied on); this
    // run's are not counted
    const relied = evidence(r)?.checks_relied_on ?? []
    expect(relied.map((c) => c.name).sort()).toEqual(['deploy', 'test'])
    expect(
      relied.filter((c) => c.url?.includes(`/runs/${String(run.runId)}/`))
    ).toEqual([])
  })

  it('takes the required checks from the branch’s ruleset', async () => {
    const { world: w, sha } = standard(reviewedChange)
    w.repo.ruleset({
      name: 'checks',
      include: ['~DEFAULT_BRANCH'],
      rules: [
        {
          type: 'required_status_checks',
          parameters: {
            strict_required_status_checks_policy: false,
            required_status_checks: [{ context: 'e2e' }]
          }
        }
      ]
    })
    const r = await gate(w, sha)
    expect(r.violations).toEqual(['checks'])
    expect(check(r, 'checks').problems[0]).toMatch(
      /required check e2e has not run/
    )
    w.repo
      .workflowRun({ actor: w.people.alice, headSha: sha, name: 'e2e' })
      .job('e2e', 'success')
    const again = await gate(w, sha)
    expect(again.outputs.decision).toBe('allow')
  })

  it('names the permission when check runs cannot be read (403)', async () => {
    const { world: w, sha } = standard(reviewedChange)
    const permissions = without(READ_PERMISSIONS, 'checks')
    const r = await gate(w, sha, { token: w.sim.workflowToken(permissions) })
    expect(r.outputs.decision).toBe('block')
    const c = check(r, 'checks')
    expect(c.status).toBe('error')
    expect(c.problems[0]).toMatch(
      /could not be read .*the token needs `checks: read`/
    )
  })

  it('keeps a typical decision with both checks on within 3 requests', async () => {
    const { world: w, sha } = standard(reviewedChange)
    const r = await gate(w, sha)
    expect(r.outputs.decision).toBe('allow')
    expect(check(r, 'environment').status).toBe('pass')
    expect(check(r, 'checks').status).toBe('pass')
    expect(r.server.requests).toHaveLength(3)
  })
})
