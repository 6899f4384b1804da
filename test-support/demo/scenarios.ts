// Named scenarios against the simulator, shared by `npm run demo`, the
// scenario tests and the benchmark. Each builds a small but complete world:
// a repository protected by a ruleset, a policy on the default branch, a
// change merged through a reviewed pull request, deployed by workflow runs to
// development and staging, and a production deployment asking the gate.

import {
  durationMs,
  type RulesetRule,
  Simulator,
  type RepoHandle,
  type User
} from '../sim/model.js'
import { forgeRecord, jobOf } from './forged.js'

export const OWNER = 'acme'
export const REPO = 'shop'
export const POLICY_PATH = '.github/promotion-gate.yml'

export const POLICY = `# promotion-gate policy (SPEC §4)
version: 1
defaults:
  branches: [main]
environments:
  development: {}
  staging:
    after: development
  production:
    after: staging
    soak: 1h
    approvals:
      pull_request: 1
    deployer_independent: true
`

/** The rules of a main branch protected as the default policy asks. */
export const PROTECTIVE_RULES: RulesetRule[] = [
  {
    type: 'pull_request',
    parameters: {
      required_approving_review_count: 1,
      dismiss_stale_reviews_on_push: true,
      require_code_owner_review: false,
      require_last_push_approval: false,
      required_review_thread_resolution: false
    }
  },
  { type: 'non_fast_forward' },
  { type: 'deletion' }
]

export interface People {
  alice: User // writes the change
  bob: User // reviews
  carol: User // reviews
  dora: User // SRE, deploys
  mallory: User // tries to get around the gate
}

export interface World {
  sim: Simulator
  repo: RepoHandle
  people: People
}

/** What the action is run with. */
export interface GateRun {
  environment: string
  sha: string
  /** workflow token permissions */
  token: string
  actor: string
  runId: number | null
  /** extra INPUT_* (names as in action.yml) */
  inputs: Record<string, string>
  /** an event payload to write to GITHUB_EVENT_PATH */
  event: Record<string, unknown>
}

export interface Scenario {
  name: string
  title: string
  expect: { decision: 'allow' | 'block'; violations: string[] }
  build(): { world: World; run: GateRun }
}

export const READ_PERMISSIONS = {
  contents: 'read',
  pull_requests: 'read',
  deployments: 'read',
  actions: 'read',
  checks: 'read',
  statuses: 'read'
} as const

/** The repository, its people, its protection and its policy. */
export function world(
  o: {
    policy?: string
    ruleset?: boolean
    environments?: boolean
    /** how long before the real now history starts (default 30d) */
    history?: number
  } = {}
): World {
  // History starts a month before the real now: the gate judges soak against
  // the real clock, as it does on a runner, so a scenario places its last
  // upstream success a known time before the moment the gate runs.
  const start =
    Math.floor(Date.now() / 1000) * 1000 - (o.history ?? durationMs('30d'))
  const sim = new Simulator({ now: new Date(start) })
  const people: People = {
    alice: sim.user('alice'),
    bob: sim.user('bob'),
    carol: sim.user('carol'),
    dora: sim.user('dora'),
    mallory: sim.user('mallory')
  }
  const repo = sim.repo(`${OWNER}/${REPO}`, {
    files: { 'README.md': '# shop\n', [POLICY_PATH]: o.policy ?? POLICY }
  })
  for (const p of [
    people.alice,
    people.bob,
    people.carol,
    people.dora,
    people.mallory
  ]) {
    repo.collaborator(p, 'write')
  }
  if (o.ruleset !== false) {
    repo.ruleset({
      name: 'protect main',
      include: ['~DEFAULT_BRANCH'],
      rules: PROTECTIVE_RULES
    })
  }
  if (o.environments !== false) {
    // Each environment accepts deployments from main only: no workflow
    // edited on another branch can deploy around the gate (SPEC §5.8).
    for (const name of ['development', 'staging', 'production']) {
      repo.environment(name, { deploymentBranches: { custom: ['main'] } })
    }
  }
  return { sim, repo, people }
}

/** The CI run a push to main triggers: its `test` job passes on `sha`. */
export function tested(
  w: World,
  sha: string,
  conclusion: 'success' | 'failure' = 'success'
): void {
  w.repo
    .workflowRun({
      actor: w.people.alice,
      headSha: sha,
      name: 'ci',
      path: '.github/workflows/ci.yml'
    })
    .job('test', conclusion)
}

/** Deploy `sha` through the environments in order, each from a workflow run. */
export function promote(
  w: World,
  sha: string,
  environments: string[],
  gap = '10m'
): void {
  environments.forEach((environment, i) => {
    if (i > 0) w.sim.advance(gap)
    const run = w.repo.workflowRun({ actor: w.people.dora, headSha: sha })
    w.repo.deployFromRun(run.data, environment)
  })
}

/** Move the simulated clock to `duration` before the real now (never backwards). */
export function ago(w: World, duration: string | number): void {
  const target = Date.now() - durationMs(duration)
  if (target < w.sim.now.getTime()) {
    throw new Error(
      `the scenario's clock is already past ${String(duration)} ago`
    )
  }
  w.sim.now = new Date(target)
}

/** A first release already in production: the range of the next one starts there. */
export function firstRelease(w: World): string {
  const pr = w.repo.mergedPullRequest({
    author: w.people.carol,
    approvals: [w.people.bob],
    method: 'squash',
    title: 'Checkout page'
  })
  const sha = pr.data.mergeCommit as string
  tested(w, sha)
  promote(w, sha, ['development', 'staging', 'production'])
  w.sim.advance('1d')
  return sha
}

/** The run of the production deploy job that asks the gate. */
export function gateRun(
  w: World,
  sha: string,
  o: Partial<GateRun> = {}
): GateRun {
  const actor = o.actor ?? w.people.dora.login
  const run = w.repo.workflowRun({
    actor: w.sim.userByLogin(actor) ?? w.people.dora,
    headSha: sha
  })
  const environment = o.environment ?? 'production'
  // The job the gate runs in references the environment, so GitHub has
  // already made its deployment, in progress, when the gate's step starts:
  // the newest deployment to the target is the run's own, not a success.
  // ("When a workflow job that references an environment runs, it creates a
  // deployment object …", GitHub docs reusable environment-deployment-event;
  // "by default, when a workflow job references an environment, GitHub
  // creates a deployment object", docs/content/actions/how-tos/deploy/
  // configure-and-manage-deployments/control-deployments.md, github/docs#60278)
  w.repo.deploy({ environment, run: run.data }).status('in_progress')
  return {
    environment,
    sha,
    token: w.sim.workflowToken(READ_PERMISSIONS),
    actor,
    runId: run.id,
    inputs: {},
    event: {},
    ...o
  }
}

/** The usual change: alice writes, bob approves, squash-merged. */
export function reviewedChange(w: World): string {
  const pr = w.repo.mergedPullRequest({
    author: w.people.alice,
    approvals: [w.people.bob],
    method: 'squash',
    title: 'Faster search'
  })
  return pr.data.mergeCommit as string
}

/**
 * The first release in production, then `change`, promoted so that the last
 * upstream success is `age` old (default 2h) when the gate runs.
 */
export function standard(
  change: (w: World) => string,
  o: {
    environments?: string[]
    age?: string
    policy?: string
    ruleset?: boolean
    /** configure the GitHub environments (default true) */
    settings?: boolean
  } = {}
): { world: World; run: GateRun; sha: string } {
  const w = world({
    policy: o.policy,
    ruleset: o.ruleset,
    environments: o.settings
  })
  firstRelease(w)
  const sha = change(w)
  tested(w, sha)
  const environments = o.environments ?? ['development', 'staging']
  ago(
    w,
    durationMs(o.age ?? '2h') + durationMs('10m') * (environments.length - 1)
  )
  promote(w, sha, environments)
  return { world: w, run: gateRun(w, sha), sha }
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'happy-path',
    title:
      'Reviewed by someone else, promoted through development and staging, soaked',
    expect: { decision: 'allow', violations: [] },
    build: () => standard(reviewedChange)
  },
  {
    name: 'skipped-staging',
    title: 'Deployed to development, never to staging',
    expect: { decision: 'block', violations: ['promotion'] },
    build: () => standard(reviewedChange, { environments: ['development'] })
  },
  {
    name: 'self-approval',
    title: 'Approved by bob, who also pushed a commit to the pull request',
    expect: { decision: 'block', violations: ['maker-checker'] },
    build: () =>
      standard((w) => {
        const pr = w.repo.mergedPullRequest({
          author: w.people.alice,
          commits: [{ author: w.people.alice }, { author: w.people.bob }],
          approvals: [w.people.bob],
          method: 'squash'
        })
        return pr.data.mergeCommit as string
      })
  },
  {
    name: 'too-recent',
    title: 'Staging success 20 minutes ago; production needs 1h of soak',
    expect: { decision: 'block', violations: ['promotion'] },
    build: () => standard(reviewedChange, { age: '20m' })
  },
  {
    name: 'direct-push',
    title: 'A commit pushed straight to main, without a pull request',
    expect: { decision: 'block', violations: ['approval-record'] },
    build: () =>
      standard(
        (w) =>
          w.repo.commit({
            branch: 'main',
            author: w.people.mallory,
            message: 'hotfix'
          }).oid
      )
  },
  {
    name: 'forged-upstream',
    title: 'Staging deployment created by hand through the API',
    expect: { decision: 'block', violations: ['promotion'] },
    build: () => {
      const { world: w, sha } = standard(reviewedChange, {
        environments: ['development']
      })
      const forged = w.repo.deploy({
        environment: 'staging',
        sha,
        creator: w.people.mallory
      })
      forged.status('success')
      return { world: w, run: gateRun(w, sha) }
    }
  },
  {
    name: 'forged-staging-record',
    title:
      "A workflow token's staging record, linking the commit's real CI job",
    expect: { decision: 'block', violations: ['promotion'] },
    build: () => {
      const { world: w, sha } = standard(reviewedChange, {
        environments: ['development']
      })
      const job = jobOf(w, sha, 'test')
      forgeRecord(w, { environment: 'staging', sha, job })
      return { world: w, run: gateRun(w, sha) }
    }
  },
  {
    name: 'unprotected-branch',
    title:
      'main has no ruleset; classic protection is unreadable with the workflow token',
    expect: { decision: 'block', violations: ['branch-protection'] },
    build: () => standard(reviewedChange, { ruleset: false })
  },
  {
    name: 'deployer-wrote-it',
    title: 'alice deploys her own change (deployer_independent: true)',
    expect: { decision: 'block', violations: ['segregation'] },
    build: () => {
      const { world: w, sha } = standard(reviewedChange)
      return { world: w, run: gateRun(w, sha, { actor: 'alice' }) }
    }
  },
  {
    name: 'any-branch',
    title:
      'production accepts deployments from every branch: a workflow on another branch could drop the gate',
    expect: { decision: 'block', violations: ['environment'] },
    build: () => {
      const built = standard(reviewedChange)
      built.world.repo.environment('production', { deploymentBranches: 'all' })
      return built
    }
  },
  {
    name: 'tests-failed',
    title: "The deployed commit's test job failed when CI re-ran it",
    expect: { decision: 'block', violations: ['checks'] },
    build: () => {
      const built = standard(reviewedChange)
      built.world.sim.advance('1m')
      tested(built.world, built.sha, 'failure')
      return built
    }
  }
]

export function scenario(name: string): Scenario {
  const found = SCENARIOS.find((s) => s.name === name)
  if (found === undefined) throw new Error(`no scenario ${name}`)
  return found
}
