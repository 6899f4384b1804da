// SPEC §11: the README's quick start, applied as written to a new repository
// by a team of three, lets a reviewed change flow development → staging →
// production, and blocks the violations the README names. Everything below
// comes from the README: the policy file, the workflow (its jobs, their
// `needs:`, `environment:`, `permissions:` and the gate step's `with:`), the
// settings (its `gh api` commands) and the words of each block it quotes.
// The jobs run as the runner runs them: one workflow run per push, each job
// named after its environment, the gate (dist/index.js) as its first step
// with its job's token, and GitHub's deployment record once the job is done.
import { describe, expect, it } from '@jest/globals'
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml'
import { ago, world, type World } from '../../test-support/demo/scenarios.js'
import type { RunHandle, User } from '../../test-support/sim/model.js'
import { runGate, type Ran } from './helpers.js'
import { block, section, workflow } from './quick-start-readme.js'
import { applySettings, parseGhApi } from './quick-start-settings.js'

const POLICY = block('policy')
const WORKFLOW = workflow(block('workflow'))
const SETTINGS = parseGhApi(block('settings'))
const REPORT = parseYaml(block('report')) as { with: Record<string, string> }[]

// ------------------------------------------------------------------ worlds

/** A new repository with the quick start's policy and settings, nothing deployed yet. */
function adopted(o: { waitTimer?: boolean } = {}): World {
  const w = world({ policy: POLICY, ruleset: false, environments: false })
  applySettings(
    w.repo,
    o.waitTimer === false ? withoutWaitTimer(SETTINGS) : SETTINGS
  )
  return w
}

function withoutWaitTimer(
  calls: ReturnType<typeof parseGhApi>
): ReturnType<typeof parseGhApi> {
  return calls.map((c) => {
    const body = { ...c.body }
    delete body.wait_timer
    return { ...c, body }
  })
}

/** The production environment's wait timer, in minutes, as the settings make it. */
function waitTimerOf(w: World, environment: string): number {
  const env = w.repo.data.environments.find((e) => e.name === environment)
  return env?.waitTimer ?? 0
}

/** alice writes, bob approves, `merger` merges (squash, as the button does). */
function reviewedChange(w: World, merger: User): string {
  const pr = w.repo.mergedPullRequest({
    author: w.people.alice,
    approvals: [w.people.bob],
    by: merger,
    method: 'squash',
    title: 'Faster search'
  })
  return pr.data.mergeCommit as string
}

interface Pipeline {
  run: RunHandle
  /** the gate's result per environment, for the jobs that ran */
  gates: Map<string, Ran>
}

/**
 * The run a push to main starts, as `actor` (whoever merged or pushed): each
 * job in order; a job whose gate blocks fails, and the jobs that need it do
 * not start. GitHub records a job's deployment once the job succeeds. A job
 * with a wait timer starts that many minutes after the jobs it needs finished.
 */
async function pipeline(
  w: World,
  sha: string,
  actor: User,
  o: {
    skip?: string[]
    inputs?: Record<string, string>
    /** a required reviewer's approval of an environment's job, before it starts */
    approvals?: Record<string, User>
  } = {}
): Promise<Pipeline> {
  const run = w.repo.workflowRun({
    actor,
    headSha: sha,
    event: 'push',
    name: WORKFLOW.name,
    path: WORKFLOW.path
  })
  const gates = new Map<string, Ran>()
  const done = new Set<string>()
  for (const job of WORKFLOW.jobs) {
    if (o.skip?.includes(job.id)) {
      done.add(job.id)
      continue
    }
    if (!job.needs.every((n) => done.has(n))) break
    // a wait timer runs from when the jobs it needs have finished
    const wait = waitTimerOf(w, job.environment)
    if (wait > 0) w.sim.advance(`${wait}m`)
    const approver = o.approvals?.[job.environment]
    if (approver !== undefined) run.approve(approver, job.environment)
    const { environment, ...inputs } = job.gate.with
    const r = await runGate(w, {
      environment: environment ?? job.environment,
      sha,
      token: w.sim.workflowToken(job.permissions),
      actor: actor.login,
      runId: run.id,
      inputs: { ...inputs, ...o.inputs },
      event: { ref: 'refs/heads/main', after: sha }
    })
    gates.set(job.environment, r)
    if (r.exitCode !== 0) break
    w.sim.advance('1m')
    run.deploy(job.environment, { job: job.id })
    done.add(job.id)
  }
  return { run, gates }
}

/**
 * Moves the simulated clock to as long before the real now as the pipeline
 * takes (a minute a job, and the wait timers), so that its last gate runs
 * now: the gate judges soak against the real clock, as on a runner.
 */
function beforeThePush(w: World): void {
  const minutes = WORKFLOW.jobs.reduce(
    (sum, j) => sum + 1 + waitTimerOf(w, j.environment),
    0
  )
  ago(w, `${minutes}m`)
}

function expectAllowed(p: Pipeline): void {
  expect([...p.gates.keys()]).toEqual(WORKFLOW.jobs.map((j) => j.environment))
  for (const [env, r] of p.gates) {
    expect({ env, violations: r.violations }).toEqual({ env, violations: [] })
    expect({ env, decision: r.outputs.decision }).toEqual({
      env,
      decision: 'allow'
    })
    expect(r.exitCode).toBe(0)
  }
}

// ------------------------------------------------------------------- tests

describe("the README's quick start", () => {
  it('is the files the README shows: a policy, a workflow deploying the whole path, settings, report mode', () => {
    expect(POLICY).toMatch(/^# \.github\/promotion-gate\.yml$/m)
    expect(WORKFLOW.path).toBe('.github/workflows/deploy.yml')
    expect(WORKFLOW.events).toContain('push')
    expect(WORKFLOW.jobs.map((j) => j.environment)).toEqual([
      'development',
      'staging',
      'production'
    ])
    for (const job of WORKFLOW.jobs) {
      expect(job.gate.with.environment).toBe(job.environment)
      expect(job.gate.uses).toBe(`OWNER/promotion-gate@v1`)
    }
    expect(SETTINGS.map((c) => `${c.method} ${c.path}`)).toEqual(
      expect.arrayContaining([
        'PUT repos/{owner}/{repo}/environments/production',
        'POST repos/{owner}/{repo}/rulesets'
      ])
    )
    expect(REPORT[0]?.with.mode).toBe('report')
    const w = adopted()
    for (const env of ['development', 'staging', 'production']) {
      const e = w.repo.data.environments.find((x) => x.name === env)
      expect(e?.branchPolicies.map((p) => p.name)).toEqual(['main'])
    }
    expect(waitTimerOf(w, 'production')).toBeGreaterThan(30)
  })

  describe.each<[string, 'alice' | 'bob' | 'carol']>([
    ['the author (alice)', 'alice'],
    ['the reviewer (bob)', 'bob'],
    ['someone else (carol)', 'carol']
  ])(
    'alice writes, bob approves, %s merges: the pipeline promotes',
    (_who, merger) => {
      it('allows development, staging and production', async () => {
        const w = adopted()
        beforeThePush(w)
        const by = w.people[merger]
        const sha = reviewedChange(w, by)
        const p = await pipeline(w, sha, by)
        expectAllowed(p)
        const production = p.gates.get('production')
        expect(production?.evidence).toMatchObject({
          decision: 'allow',
          changes: [{ sha, approvers: [{ login: 'bob' }] }]
        })
      })
    }
  )

  it('allows the next change too: the range starts at the last deployment', async () => {
    const w = adopted()
    ago(w, '1d')
    const first = reviewedChange(w, w.people.bob)
    await pipeline(w, first, w.people.bob).then(expectAllowed)
    w.sim.advance('2h')
    const pr = w.repo.mergedPullRequest({
      author: w.people.carol,
      approvals: [w.people.alice],
      by: w.people.carol,
      method: 'squash'
    })
    const second = pr.data.mergeCommit as string
    expectAllowed(await pipeline(w, second, w.people.carol))
  })

  describe('the stricter release-manager setup, one key away', () => {
    /** The quick start's policy with production as the README's snippet has it. */
    function releaseManaged(): World {
      const policy = parseYaml(POLICY) as {
        environments: Record<string, unknown>
      }
      const snippet = parseYaml(block('release-manager')) as {
        production: unknown
      }
      policy.environments.production = snippet.production
      const text = `# .github/promotion-gate.yml\n${stringifyYaml(policy)}`
      const w = world({ policy: text, ruleset: false, environments: false })
      applySettings(w.repo, SETTINGS)
      // the README's Required reviewers, with Prevent self-review
      w.repo.environment('production', {
        reviewers: [w.people.carol],
        preventSelfReview: true
      })
      return w
    }

    it('allows: alice writes, bob approves and merges, carol approves production', async () => {
      const w = releaseManaged()
      beforeThePush(w)
      const sha = reviewedChange(w, w.people.bob)
      const p = await pipeline(w, sha, w.people.bob, {
        approvals: { production: w.people.carol }
      })
      expectAllowed(p)
    })

    it('blocks production without the release manager: the run approval is missing', async () => {
      const w = releaseManaged()
      beforeThePush(w)
      const sha = reviewedChange(w, w.people.bob)
      const p = await pipeline(w, sha, w.people.bob)
      const r = p.gates.get('production')!
      expect(r.violations).toEqual(['approval-record', 'maker-checker'])
      expect(r.stdout).toContain('0 independent environment approvals')
    })

    it('blocks production when the author merges, saying who should', async () => {
      const w = releaseManaged()
      beforeThePush(w)
      const sha = reviewedChange(w, w.people.alice)
      const p = await pipeline(w, sha, w.people.alice, {
        approvals: { production: w.people.carol }
      })
      expect(p.gates.get('staging')?.outputs.decision).toBe('allow')
      const r = p.gates.get('production')!
      expect(r.violations).toEqual(['segregation'])
      const named = section('### Stricter: a release manager').replace(
        /\s+/g,
        ' '
      )
      for (const words of [
        'merged or pushed, and so deployed',
        'let the reviewer merge'
      ]) {
        expect(named).toContain(words)
        expect(r.stdout.replace(/\s+/g, ' ')).toContain(words)
      }
    })
  })

  describe('blocks each violation it names, with its words', () => {
    // the README's words, as a reader sees them (lines rewrapped)
    const named = section('## Quick start').replace(/\s+/g, ' ')

    it('a self-approved change: maker-checker, at development', async () => {
      const w = adopted()
      beforeThePush(w)
      const pr = w.repo.mergedPullRequest({
        author: w.people.alice,
        commits: [{ author: w.people.alice }, { author: w.people.bob }],
        approvals: [w.people.bob],
        by: w.people.bob,
        method: 'squash'
      })
      const p = await pipeline(w, pr.data.mergeCommit as string, w.people.bob)
      expect([...p.gates.keys()]).toEqual(['development'])
      const r = p.gates.get('development')!
      expect(r.outputs.decision).toBe('block')
      expect(r.exitCode).not.toBe(0)
      expect(r.violations).toEqual(['maker-checker'])
      for (const words of [
        'has 0 independent approvals',
        'bob approved but is the author of'
      ]) {
        expect(named).toContain(words)
        expect(r.stdout).toContain(words)
      }
    })

    it('a direct push to main: approval-record, at development', async () => {
      const w = adopted()
      beforeThePush(w)
      const sha = w.repo.commit({
        branch: 'main',
        author: w.people.carol,
        message: 'hotfix'
      }).oid
      const p = await pipeline(w, sha, w.people.carol)
      const r = p.gates.get('development')!
      expect(r.outputs.decision).toBe('block')
      expect(r.violations).toEqual(['approval-record'])
      const words = 'reached main without a pull request'
      expect(named).toContain(words)
      expect(r.stdout).toContain(words)
      expect(p.gates.has('staging')).toBe(false)
    })

    it('skipping staging: promotion, at production', async () => {
      const w = adopted()
      beforeThePush(w)
      const sha = reviewedChange(w, w.people.bob)
      const p = await pipeline(w, sha, w.people.bob, { skip: ['staging'] })
      const r = p.gates.get('production')!
      expect(p.gates.get('development')?.outputs.decision).toBe('allow')
      expect(r.outputs.decision).toBe('block')
      expect(r.violations).toEqual(['promotion'])
      const words = 'never deployed successfully to staging'
      expect(named).toContain(words)
      expect(r.stdout).toContain(words)
    })

    it('production before the soak (no wait timer): promotion, at production', async () => {
      const w = adopted({ waitTimer: false })
      beforeThePush(w)
      const sha = reviewedChange(w, w.people.bob)
      const p = await pipeline(w, sha, w.people.bob)
      expect(p.gates.get('staging')?.outputs.decision).toBe('allow')
      const r = p.gates.get('production')!
      expect(r.outputs.decision).toBe('block')
      expect(r.violations).toEqual(['promotion'])
      const words = /needs (\S+) soak/.exec(named)
      expect(words).not.toBeNull()
      expect(r.stdout).toContain(words![0])
    })

    it('with mode: report (step 5), the same block only reports', async () => {
      const w = adopted()
      beforeThePush(w)
      const sha = w.repo.commit({
        branch: 'main',
        author: w.people.carol,
        message: 'hotfix'
      }).oid
      // the gate step as step 5 shows it; each job keeps its environment
      const report = { ...REPORT[0]?.with }
      delete report.environment
      const p = await pipeline(w, sha, w.people.carol, { inputs: report })
      // nothing fails: every job runs, each reporting what it would block
      expect([...p.gates.keys()]).toEqual(
        WORKFLOW.jobs.map((j) => j.environment)
      )
      const r = p.gates.get('development')!
      expect(r.exitCode).toBe(0)
      expect(r.outputs.decision).toBe('block')
      expect(r.summary).toContain('would block')
    })
  })
})
