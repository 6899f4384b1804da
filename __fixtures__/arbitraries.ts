// fast-check arbitraries for the property tests (__tests__/properties): a
// resolved EnvironmentPolicy, Facts a gatherer could return for it, the
// upstream chain and `now`. The raw inputs of the adapters, for fuzzing, are
// in input-arbitraries.ts.
//
// Built on the factories of facts.ts, whose defaults pass every check. Every
// dimension is skewed towards "passes" so that a fair share of the generated
// cases allow: a monotonicity property over cases that all block says
// nothing.

import fc from 'fast-check'
import type {
  Actor,
  BranchFact,
  ChangeFact,
  ClassicProtectionFact,
  CommitFact,
  DeploymentFact,
  DeploymentState,
  EnvironmentApprovalFact,
  Facts,
  GitIdentity,
  PullRequestFact,
  ReviewFact,
  ReviewState,
  RulesetRuleFact,
  RunFact,
  Unreadable
} from '../src/engine/facts.js'
import type {
  ApprovalPolicy,
  BranchProtectionRequirement,
  EnvironmentPolicy,
  MakerKind
} from '../src/engine/policy/types.js'
import type { UpstreamEnvironment } from '../src/engine/rules/index.js'
import { DEPLOYMENT_STATES } from '../src/engine/facts.js'
import { MAKER_KINDS } from '../src/engine/policy/schema.js'
import {
  GITHUB_ACTIONS,
  NOW,
  REPO_URL,
  SHA,
  TREE,
  WEB_FLOW,
  aClassicProtection,
  aCommit,
  aFacts,
  aPullRequestRule,
  aRule,
  anActor,
  anEnvironmentPolicy,
  anIdentity,
  anUnreadable,
  runUrl,
  sha
} from './facts.js'

// ---------------------------------------------------------------------------
// Helpers

type Weighted<T> = readonly [number, fc.Arbitrary<T>]

/**
 * `fc.oneof` with weights, written as [weight, arbitrary] pairs. Weights may
 * be fractions (they are scaled to integers); choices of weight 0 are left
 * out.
 */
export function weighted<T>(
  ...choices: ReadonlyArray<Weighted<T>>
): fc.Arbitrary<T> {
  const kept = choices
    .map(([weight, arbitrary]) => ({
      weight: Math.round(weight * 100),
      arbitrary
    }))
    .filter(({ weight }) => weight > 0)
  return fc.oneof(...kept)
}

/** A constant with a weight, for `weighted`. */
export function w<T>(weight: number, value: T): Weighted<T> {
  return [weight, fc.constant(value)]
}

/** ISO time `minutes` after NOW (before it when negative). */
export function minutesFromNow(minutes: number, base: Date = NOW): string {
  return new Date(base.getTime() + minutes * 60_000).toISOString()
}

const minutesArb = (min: number, max: number) => fc.integer({ min, max })

// ---------------------------------------------------------------------------
// Names and shapes shared by every noise level

/** Users. Case variants of the same login are the same account. */
export const PEOPLE = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank']

export const loginArb: fc.Arbitrary<string> = weighted<string>(
  [12, fc.constantFrom(...PEOPLE)],
  [2, fc.constantFrom('Bob', 'CAROL', 'Dave', 'ALICE')]
)

/**
 * Reviewers who rarely make changes, and a release manager who never does:
 * they keep a fair share of cases independent (and so allowed).
 */
export const CHECKERS = ['grace', 'heidi']
export const RELEASE_MANAGER = 'olivia'

const checkerLoginArb = weighted<string>(
  [6, fc.constantFrom(...CHECKERS, 'Grace')],
  [6, loginArb]
)

/** Bots and other non-persons: never independent approvers by default. */
const BOTS: readonly Actor[] = [
  anActor('dependabot[bot]', 'Bot'),
  anActor('renovate', 'Bot'),
  anActor('sneaky[bot]', 'User'),
  anActor('ghost', 'Mannequin')
]

export { MAKER_KINDS }

/** oid of the `index`th commit of pull request `number` (hex). */
export const prCommitOid = (number: number, index: number): string =>
  sha(`cc${number}0${index}`)

/** oid of the `index`th change on the branch; the first is the deployed one. */
export const changeOid = (index: number): string =>
  index === 0 ? SHA : sha(`ee${index}`)

/** Environments a route may require. */
export const UPSTREAM_ENVIRONMENTS = ['development', 'qa', 'staging'] as const

/** Position on the path, to skew deployment times into path order. */
const POSITION: Readonly<Record<string, number>> = {
  development: 0,
  qa: 1,
  staging: 1
}

const STATES: readonly DeploymentState[] = DEPLOYMENT_STATES

/** A `production` route: its direct `after` and the chain given to runChecks. */
export interface Route {
  after: string[]
  chain: Array<string | UpstreamEnvironment>
}

const env = (name: string, after: string[] = []): UpstreamEnvironment => ({
  name,
  after
})

const ROUTES: ReadonlyArray<() => Route> = [
  () => ({ after: [], chain: [] }),
  () => ({
    after: ['staging'],
    chain: [env('development'), env('staging', ['development'])]
  }),
  () => ({ after: ['staging'], chain: ['development', 'staging'] }),
  () => ({ after: ['staging'], chain: [] }),
  () => ({
    after: ['development', 'staging'],
    chain: [env('development'), env('staging', ['development'])]
  }),
  () => ({
    after: ['qa', 'staging'],
    chain: [
      env('development'),
      env('qa', ['development']),
      env('staging', ['development'])
    ]
  })
]

/** Everything `runChecks` takes. */
export interface Scenario {
  facts: Facts
  policy: EnvironmentPolicy
  chain: Array<string | UpstreamEnvironment>
  now: Date
}

interface CommitSpec {
  /** null: the pull request's author */
  author: GitIdentity | null
  committer: GitIdentity | 'author'
  coAuthors: GitIdentity[]
  minutes: number
}

type ReviewTarget = 'head' | 'older' | 'unknown'

interface ReviewSpec {
  author: Actor | null
  state: ReviewState
  on: ReviewTarget
  minutes: number | null
  canPush: boolean
}

interface PullRequestSpec {
  author: Actor | null
  commits: CommitSpec[]
  reviews: ReviewSpec[]
  merged: boolean
  base: string
  headIsLast: boolean
}

type ChangeSpec =
  | { kind: 'pr'; pr: PullRequestSpec }
  /** another commit of the previous pull request (a rebase merge) */
  | { kind: 'same-pr' }
  | { kind: 'direct'; author: GitIdentity; committer: GitIdentity | 'author' }

type LogKind = 'run' | 'job' | 'foreign' | 'none'

interface DeploymentSpec {
  sameSha: boolean
  tree: 'same' | 'other' | 'none'
  creator: Actor | null
  minutes: number
  history: DeploymentState[]
  gaps: number[]
  log: LogKind
}

type UpstreamSpec = DeploymentSpec[] | 'unreadable' | 'missing'

// ---------------------------------------------------------------------------
// Builders: specs to Facts

function buildPullRequest(
  spec: PullRequestSpec,
  number: number,
  mergeCommitOid: string
): PullRequestFact {
  const prAuthor = anIdentity(spec.author?.login ?? null)
  const commits: CommitFact[] = spec.commits.map((c, index) => {
    const author = c.author ?? prAuthor
    return aCommit({
      oid: prCommitOid(number, index),
      treeOid: sha(`7ee${number}0${index}`),
      author,
      committer: c.committer === 'author' ? author : c.committer,
      coAuthors: c.coAuthors,
      parents: [index === 0 ? sha('ba5e') : prCommitOid(number, index - 1)],
      committedDate: minutesFromNow(c.minutes)
    })
  })
  const last = commits[commits.length - 1]?.oid ?? prCommitOid(number, 0)
  const headRefOid = spec.headIsLast ? last : prCommitOid(number, 9)
  const older = commits.length > 1 ? prCommitOid(number, 0) : sha('01d')
  const reviews: ReviewFact[] = [...spec.reviews]
    .sort((a, b) => (a.minutes ?? -Infinity) - (b.minutes ?? -Infinity))
    .map((r, index) => ({
      author: r.author,
      state: r.state,
      commitOid: r.on === 'head' ? headRefOid : r.on === 'older' ? older : null,
      submittedAt: r.minutes === null ? null : minutesFromNow(r.minutes),
      url: `${REPO_URL}/pull/${number}#pullrequestreview-${number}0${index}`,
      authorCanPush: r.canPush
    }))
  return {
    number,
    url: `${REPO_URL}/pull/${number}`,
    author: spec.author,
    merged: spec.merged,
    mergedAt: spec.merged ? minutesFromNow(-2000) : null,
    baseRefName: spec.base,
    headRefOid,
    mergeCommitOid: spec.merged ? mergeCommitOid : null,
    commits,
    reviews
  }
}

function buildChanges(specs: readonly ChangeSpec[]): ChangeFact[] {
  const changes: ChangeFact[] = []
  let previous: PullRequestFact | null = null
  specs.forEach((spec, index) => {
    const oid = changeOid(index)
    const parents = [changeOid(index + 1)]
    if (spec.kind === 'direct' || (spec.kind === 'same-pr' && !previous)) {
      const author = spec.kind === 'direct' ? spec.author : anIdentity('erin')
      const committer =
        spec.kind === 'direct' && spec.committer !== 'author'
          ? spec.committer
          : author
      changes.push({
        commit: aCommit({ oid, author, committer, parents }),
        pullRequest: null
      })
      return
    }
    const pr: PullRequestFact =
      spec.kind === 'pr'
        ? buildPullRequest(spec.pr, 10 + index, oid)
        : (previous as PullRequestFact)
    previous = pr
    changes.push({
      commit: aCommit({
        oid,
        author: anIdentity(pr.author?.login ?? null),
        committer: WEB_FLOW,
        parents
      }),
      pullRequest: pr
    })
  })
  return changes
}

function buildDeployment(
  spec: DeploymentSpec,
  id: number,
  environment: string
): DeploymentFact {
  const start = Math.min(spec.minutes + (POSITION[environment] ?? 0) * 1000, 30)
  let at = start
  const logUrl =
    spec.log === 'run'
      ? runUrl(500 + id)
      : spec.log === 'job'
        ? `${runUrl(500 + id)}/job/${id}`
        : spec.log === 'foreign'
          ? 'https://github.com/evil/shop/actions/runs/1'
          : null
  const statuses = spec.history.map((state, index) => {
    at += spec.gaps[index] ?? 1
    return {
      state,
      createdAt: minutesFromNow(at),
      logUrl,
      environmentUrl: null
    }
  })
  return {
    id,
    environment,
    sha: spec.sameSha ? SHA : sha('0the5a'),
    treeOid:
      spec.tree === 'same' ? TREE : spec.tree === 'other' ? sha('7ee0') : null,
    creator: spec.creator,
    createdAt: minutesFromNow(start),
    statuses
  }
}

function buildUpstream(
  specs: Readonly<Record<string, UpstreamSpec>>
): Facts['upstream'] {
  const upstream: Facts['upstream'] = {}
  let id = 1
  for (const name of UPSTREAM_ENVIRONMENTS) {
    const spec = specs[name] ?? 'missing'
    if (spec === 'missing') continue
    upstream[name] =
      spec === 'unreadable'
        ? anUnreadable('deployments: read', '403 Forbidden')
        : spec.map((d) => buildDeployment(d, id++, name))
  }
  return upstream
}

// ---------------------------------------------------------------------------
// Arbitraries, at a level of noise

/**
 * Scenarios where each "bad" choice (one that makes some check fail) has its
 * weight multiplied by `noise`: 0 gives varied but mostly passing cases, 1
 * gives every oddity often.
 */
export function scenarioAt(noise: number): fc.Arbitrary<Scenario> {
  const b = (weight: number): number => weight * noise

  const actorArb = weighted<Actor>(
    [12, checkerLoginArb.map((login) => anActor(login))],
    [b(1), fc.constantFrom(...BOTS)]
  )
  const makerActorArb = weighted<Actor>(
    [12, loginArb.map((login) => anActor(login))],
    [b(1), fc.constantFrom(...BOTS)]
  )
  const identityArb = weighted<GitIdentity>(
    [12, loginArb.map((login) => anIdentity(login))],
    [1, fc.constant(anIdentity('dependabot[bot]'))],
    [
      b(2),
      fc.constantFrom(
        anIdentity(null),
        anIdentity(null, { name: null, email: 'ci@example.com' }),
        anIdentity(null, { name: null, email: null })
      )
    ]
  )
  const committerArb = weighted<GitIdentity>(w(5, WEB_FLOW), [5, identityArb])

  const commitSpecArb: fc.Arbitrary<CommitSpec> = fc.record({
    author: weighted<GitIdentity | null>(w(6, null), [3, identityArb]),
    committer: weighted<GitIdentity | 'author'>(w(4, 'author'), [
      4,
      committerArb
    ]),
    coAuthors: weighted<GitIdentity[]>(w(6, []), [
      2,
      fc.array(identityArb, { minLength: 1, maxLength: 2 })
    ]),
    minutes: minutesArb(-6000, -3000)
  })

  const reviewSpecArb: fc.Arbitrary<ReviewSpec> = fc.record({
    author: weighted<Actor | null>([14, actorArb], w(b(1), null)),
    state: weighted<ReviewState>(
      w(10, 'APPROVED'),
      w(1, 'COMMENTED'),
      w(b(1), 'CHANGES_REQUESTED'),
      w(b(1), 'DISMISSED'),
      w(b(1), 'PENDING')
    ),
    on: weighted<ReviewTarget>(
      w(10, 'head'),
      w(b(1), 'older'),
      w(b(1), 'unknown')
    ),
    minutes: weighted<number | null>(
      [12, minutesArb(-2900, -1)],
      [b(1), minutesArb(1, 120)],
      w(b(1), null)
    ),
    canPush: weighted(w(12, true), w(b(1), false))
  })

  const pullRequestSpecArb: fc.Arbitrary<PullRequestSpec> = fc.record({
    author: weighted<Actor | null>([14, makerActorArb], w(b(1), null)),
    commits: fc.array(commitSpecArb, { minLength: 1, maxLength: 4 }),
    reviews: weighted<ReviewSpec[]>(
      [10, fc.array(reviewSpecArb, { minLength: 1, maxLength: 3 })],
      [b(1), fc.array(reviewSpecArb, { maxLength: 5 })]
    ),
    merged: weighted(w(14, true), w(b(1), false)),
    base: weighted(w(12, 'main'), w(b(2), 'release/1'), w(b(1), 'feature/x')),
    headIsLast: weighted(w(12, true), w(1, false))
  })

  const changeSpecArb: fc.Arbitrary<ChangeSpec> = weighted<ChangeSpec>(
    [10, pullRequestSpecArb.map((pr) => ({ kind: 'pr' as const, pr }))],
    w(1, { kind: 'same-pr' as const }),
    [
      b(2),
      fc.record({
        kind: fc.constant('direct' as const),
        author: identityArb,
        committer: weighted<GitIdentity | 'author'>(w(3, 'author'), [
          2,
          committerArb
        ])
      })
    ]
  )

  const deploymentSpecArb: fc.Arbitrary<DeploymentSpec> = fc.record({
    sameSha: weighted(w(10, true), w(b(1), false)),
    tree: weighted<DeploymentSpec['tree']>(
      w(8, 'same'),
      w(b(1), 'other'),
      w(b(1), 'none')
    ),
    creator: weighted<Actor | null>(
      w(10, GITHUB_ACTIONS),
      w(b(1), anActor('deploy-bot', 'Bot')),
      [b(1), makerActorArb],
      w(b(1), null)
    ),
    minutes: weighted(
      [12, minutesArb(-3000, -2400)],
      [b(1), minutesArb(-2400, 30)]
    ),
    history: weighted<DeploymentState[]>(
      w(6, ['in_progress', 'success']),
      w(2, ['success', 'inactive']),
      [
        b(3),
        fc.array(
          weighted<DeploymentState>(w(4, 'success'), [
            4,
            fc.constantFrom(...STATES)
          ]),
          { maxLength: 4 }
        )
      ]
    ),
    gaps: fc.array(minutesArb(0, 240), { minLength: 4, maxLength: 4 }),
    log: weighted<LogKind>(
      // a job's log is what GitHub's own records link (SPEC §5.2); a run's
      // log or another repository's never counts
      w(1, 'run'),
      w(10, 'job'),
      w(b(1), 'foreign'),
      w(b(1), 'none')
    )
  })

  const upstreamSpecArb = weighted<UpstreamSpec>(
    [14, fc.array(deploymentSpecArb, { minLength: 1, maxLength: 3 })],
    w(b(1), []),
    w(b(1), 'unreadable'),
    w(b(1), 'missing')
  )

  const checkNamesArb = weighted<string[]>(w(6, []), [
    2,
    fc.subarray(['ci', 'lint'], { minLength: 1 })
  ])

  const pullRequestRuleArb: fc.Arbitrary<RulesetRuleFact> = fc
    .record({
      requiredApprovingReviewCount: weighted(w(6, 1), w(2, 2), w(b(1), 0)),
      dismissStaleReviewsOnPush: weighted(w(6, true), w(b(1), false)),
      requireCodeOwnerReview: fc.boolean(),
      requireLastPushApproval: fc.boolean()
    })
    .map((settings) => aPullRequestRule(settings))

  const ruleArb = weighted<RulesetRuleFact>(
    [3, pullRequestRuleArb],
    w(2, aRule('non_fast_forward')),
    w(2, aRule('deletion')),
    [
      1,
      checkNamesArb.map((requiredStatusChecks) =>
        aRule('required_status_checks', { requiredStatusChecks })
      )
    ],
    w(1, aRule('required_linear_history')),
    w(1, aRule('other', { rawType: 'merge_queue' })),
    // a pull_request rule GitHub sent without parameters
    w(1, aRule('pull_request'))
  )

  const sufficientRulesArb = fc
    .tuple(
      pullRequestRuleArb,
      checkNamesArb,
      fc.array(ruleArb, { maxLength: 2 })
    )
    .map(([pullRequest, checks, extra]) => [
      pullRequest,
      aRule('non_fast_forward'),
      aRule('deletion'),
      ...(checks.length > 0
        ? [aRule('required_status_checks', { requiredStatusChecks: checks })]
        : []),
      ...extra
    ])

  const rulesArb = weighted<RulesetRuleFact[] | Unreadable>(
    [10, sufficientRulesArb],
    [b(4), fc.array(ruleArb, { maxLength: 4 })],
    w(b(1), anUnreadable('contents: read', '403 Resource not accessible'))
  )

  const classicArb: fc.Arbitrary<ClassicProtectionFact> = fc
    .record({
      requiredApprovingReviewCount: weighted<number | null>(
        w(4, 1),
        w(1, 2),
        w(1, 0),
        w(1, null)
      ),
      dismissStaleReviews: fc.boolean(),
      requireLastPushApproval: fc.boolean(),
      requireCodeOwnerReviews: fc.boolean(),
      allowForcePushes: weighted(w(3, false), w(1, true)),
      allowDeletions: weighted(w(3, false), w(1, true)),
      requiredStatusChecks: checkNamesArb,
      enforceAdmins: fc.boolean()
    })
    .map((settings) => aClassicProtection(settings))

  const branchArb: fc.Arbitrary<BranchFact> = fc.record({
    name: weighted(w(10, 'main'), w(2, 'release/1'), w(1, 'feature/x')),
    containsCommit: weighted(w(12, true), w(b(1), false)),
    rules: rulesArb,
    classic: weighted<ClassicProtectionFact | null | Unreadable>(
      w(8, null),
      [3, classicArb],
      w(2, anUnreadable())
    )
  })

  const mainBranchArb = branchArb.map((branch) => ({ ...branch, name: 'main' }))

  const branchesArb = weighted<BranchFact[]>(
    [
      14,
      fc
        .tuple(
          mainBranchArb,
          fc.uniqueArray(branchArb, { maxLength: 2, selector: (x) => x.name })
        )
        .map(([main, others]) => [
          main,
          ...others.filter((x) => x.name !== 'main')
        ])
    ],
    [b(2), fc.uniqueArray(branchArb, { maxLength: 3, selector: (x) => x.name })]
  )

  const environmentApprovalArb: fc.Arbitrary<EnvironmentApprovalFact> =
    fc.record({
      user: actorArb,
      state: weighted<'approved' | 'rejected'>(
        w(6, 'approved'),
        w(1, 'rejected')
      ),
      environments: weighted<string[]>(
        w(8, ['production']),
        w(1, ['PRODUCTION']),
        w(1, ['staging', 'production']),
        w(b(1), ['staging'])
      ),
      comment: fc.constant('ok')
    })

  const runApprovalsArb = weighted<RunFact['approvals']>(
    [8, fc.array(environmentApprovalArb, { minLength: 1, maxLength: 3 })],
    w(b(3), null),
    w(b(1), anUnreadable('actions: read', '403 Forbidden')),
    w(b(1), [])
  )

  const requirementArb: fc.Arbitrary<BranchProtectionRequirement> = fc.record({
    requiredApprovals: weighted(w(6, 1), w(2, 0), w(b(1), 2)),
    dismissStaleReviews: weighted(w(4, true), w(1, false)),
    requireLastPushApproval: weighted(w(4, false), w(b(1), true)),
    requireCodeOwnerReview: weighted(w(4, false), w(b(1), true)),
    blockForcePushes: weighted(w(4, true), w(1, false)),
    blockDeletions: weighted(w(4, true), w(1, false)),
    requiredStatusChecks: weighted<string[]>(w(6, []), w(b(1), ['ci']))
  })

  const approvalsArb: fc.Arbitrary<Partial<ApprovalPolicy>> = fc.record({
    pullRequest: weighted(w(6, 1), w(2, 0), w(b(2), 2)),
    environment: weighted(w(6, 0), w(2, 1), w(b(1), 2)),
    independentOf: weighted<MakerKind[]>(w(6, [...MAKER_KINDS]), [
      2,
      fc.subarray([...MAKER_KINDS])
    ]),
    reviewers: weighted<string[] | null>(w(8, null), [
      b(2),
      fc.subarray([...PEOPLE, 'acme/release-team'], { minLength: 1 })
    ]),
    onLatestCommit: weighted(w(5, true), w(1, false)),
    allowBots: weighted(w(5, false), w(1, true)),
    unresolvedIdentities: weighted<'block' | 'ignore'>(
      w(5, 'block'),
      w(1, 'ignore')
    ),
    directPushes: weighted<string[]>(w(6, []), [2, fc.subarray([...PEOPLE])])
  })

  const policySpecArb = fc.record({
    route: fc.constantFrom(...ROUTES).map((route) => route()),
    soakSeconds: weighted(w(4, 0), w(2, 60), w(2, 7200), w(b(1), 3 * 86400)),
    match: weighted<'commit' | 'tree'>(w(4, 'commit'), w(1, 'tree')),
    trustedDeployers: weighted<string[]>(
      w(6, ['github-actions[bot]']),
      w(1, ['github-actions[bot]', 'deploy-bot']),
      w(b(1), ['deploy-bot'])
    ),
    branches: weighted<string[]>(
      w(8, ['main']),
      w(1, ['main', 'release/*']),
      w(b(1), ['release/*'])
    ),
    branchProtection: weighted<BranchProtectionRequirement | false>(
      w(1, false),
      [6, requirementArb]
    ),
    scope: fc.constantFrom<'range' | 'head'>('range', 'head'),
    approvals: approvalsArb,
    deployerIndependent: fc.boolean()
  })

  return fc
    .record({
      policy: policySpecArb,
      changes: fc.array(changeSpecArb, { minLength: 1, maxLength: 4 }),
      upstream: fc.record({
        development: upstreamSpecArb,
        qa: upstreamSpecArb,
        staging: upstreamSpecArb
      }),
      branches: branchesArb,
      deployer: weighted<string | null>(
        w(6, RELEASE_MANAGER),
        [6, loginArb],
        w(b(1), null)
      ),
      approvals: runApprovalsArb,
      now: weighted<number>(w(8, 0), [2, minutesArb(-600, 600)])
    })
    .map((spec): Scenario => {
      const { route, ...policy } = spec.policy
      const changes = buildChanges(spec.changes)
      const facts = aFacts({
        commit: changes[0]?.commit ?? aCommit(),
        deployer: spec.deployer,
        changes,
        scope: { kind: policy.scope, since: null, note: null },
        upstream: buildUpstream(spec.upstream),
        branches: spec.branches,
        run: {
          id: 2002,
          attempt: 1,
          url: runUrl(2002),
          actor: spec.deployer,
          triggeringActor: spec.deployer,
          event: 'push',
          approvals: spec.approvals
        }
      })
      return {
        facts,
        policy: anEnvironmentPolicy({ ...policy, after: route.after }),
        chain: route.chain,
        now: new Date(NOW.getTime() + spec.now * 60_000)
      }
    })
}

/**
 * Facts, policy, chain and now: a third of them nearly clean (so that many
 * allow), the rest with every kind of oddity.
 */
export const scenarioArb: fc.Arbitrary<Scenario> = weighted<Scenario>(
  [2, scenarioAt(0)],
  [2, scenarioAt(0.3)],
  [1, scenarioAt(1)]
)

/** A deep copy (Dates survive it). */
export function cloneScenario(s: Scenario): Scenario {
  return structuredClone(s)
}
