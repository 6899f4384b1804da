// fast-check arbitraries for the property tests (__tests__/properties): a
// resolved EnvironmentPolicy, Facts a gatherer could return for it, the
// upstream chain and `now`; and the raw inputs of the adapters (policy YAML,
// runner environment, event payloads) for fuzzing.
//
// Built on the factories of facts.ts, whose defaults pass every check. Every
// dimension is skewed towards "passes" so that a fair share of the generated
// cases allow: a monotonicity property over cases that all block says
// nothing.

import fc from 'fast-check'
import { stringify } from 'yaml'
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
function w<T>(weight: number, value: T): Weighted<T> {
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
      w(10, 'run'),
      w(1, 'job'),
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

// ---------------------------------------------------------------------------
// Policy YAML

/** Environment names: real ones, and names JavaScript or the schema dislike. */
const envNameArb = weighted<string>(
  [6, fc.constantFrom('development', 'staging', 'production', 'qa', 'eu west')],
  [
    1,
    fc.constantFrom(
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      '',
      'a/b',
      'x'.repeat(300),
      '1',
      'true',
      'null'
    )
  ]
)

/** A value of the wrong type, or a wrong value of the right type. */
export const wrongValueArb: fc.Arbitrary<unknown> = weighted<unknown>(
  [2, fc.integer({ min: -5, max: 5 })],
  [
    1,
    fc.constantFrom(
      1.5,
      -0,
      Number.MAX_SAFE_INTEGER + 2,
      1e300,
      Infinity,
      -Infinity,
      NaN
    )
  ],
  [1, fc.boolean()],
  w(1, null),
  [2, fc.string({ maxLength: 12 })],
  [
    1,
    fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), {
      maxLength: 3
    })
  ],
  [1, fc.dictionary(fc.string({ maxLength: 6 }), fc.integer(), { maxKeys: 2 })],
  w(1, {}),
  w(1, []),
  [1, envNameArb]
)

/**
 * Policy documents built from the real keys, as JS values, where a value is
 * wrong (wrong type, bad duration, unknown key...) with a weight of `noise`
 * against 4 for a plausible one.
 */
function policyDocumentAt(noise: number): fc.Arbitrary<unknown> {
  const key = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
    weighted<unknown>([4, valid], [noise, wrongValueArb])
  const unknownKey = noise > 0 ? wrongValueArb : fc.constant(undefined)
  const durationArb = weighted<string | number>(
    [4, fc.constantFrom('0', '90s', '30m', '2h', '1d', '1h30m', '1d12h')],
    w(1, 0),
    [
      noise,
      fc.constantFrom(
        '2x',
        '1.5h',
        '-1h',
        '90',
        ' 2h',
        '',
        '30m1h',
        '1h1h',
        '0s',
        '00h',
        '1H'
      )
    ],
    // valid by the schema, at the edges: zeros, every unit, any number of
    // digits
    [
      1,
      fc.constantFrom(
        '0s',
        '00h',
        '1d0h0m0s',
        '104249991374d',
        '9999999999999999d',
        '99999999999999999999h'
      )
    ]
  )
  const nameArb = weighted<string>(
    [4, fc.constantFrom(...PEOPLE, 'org/team')],
    [1, fc.constantFrom('release/**', '*', 'dépôt', 'x'.repeat(300), '#1')],
    [noise, fc.string({ maxLength: 8 })]
  )
  const namesArb =
    noise > 0
      ? fc.array(nameArb, { minLength: 1, maxLength: 3 })
      : fc.uniqueArray(nameArb, { minLength: 1, maxLength: 3 })
  const countArb = weighted<number>(
    [8, fc.integer({ min: noise > 0 ? -1 : 0, max: 3 })],
    // whole numbers the schema takes, however large
    [1, fc.constantFrom(100, Number.MAX_SAFE_INTEGER, 1e300)]
  )
  const optional = { requiredKeys: [] as never[] }

  const approvals = fc.record(
    {
      pull_request: key(countArb),
      environment: key(countArb),
      independent_of: key(
        fc.subarray(
          noise > 0 ? [...MAKER_KINDS, 'reviewer'] : [...MAKER_KINDS],
          { minLength: 1 }
        )
      ),
      reviewers: key(namesArb),
      on_latest_commit: key(fc.boolean()),
      allow_bots: key(fc.boolean()),
      unresolved_identities: key(fc.constantFrom('block', 'ignore')),
      direct_pushes: key(namesArb),
      require_verified_commits: key(fc.boolean()),
      pull_requests: unknownKey
    },
    optional
  )
  const environment = fc.record(
    {
      // without noise, `after` is drawn below from the environments before
      after:
        noise > 0
          ? key(
              weighted<unknown>(
                [3, envNameArb],
                [2, fc.array(envNameArb, { minLength: 1, maxLength: 3 })]
              )
            )
          : fc.constant(undefined),
      soak: key(durationArb),
      match: key(fc.constantFrom('commit', 'tree')),
      trusted_deployers: key(namesArb),
      branches: key(namesArb),
      branch_protection: key(
        weighted<unknown>(w(1, false), [
          4,
          fc.record(
            {
              required_approvals: key(countArb),
              dismiss_stale_reviews: key(fc.boolean()),
              require_last_push_approval: key(fc.boolean()),
              require_code_owner_review: key(fc.boolean()),
              block_force_pushes: key(fc.boolean()),
              block_deletions: key(fc.boolean()),
              required_status_checks: key(namesArb)
            },
            optional
          )
        ])
      ),
      scope: key(fc.constantFrom('range', 'head')),
      approvals: key(approvals),
      deployer_independent: key(fc.boolean()),
      break_glass: key(
        weighted<unknown>(w(1, false), [
          4,
          fc.record({
            approvers: key(namesArb),
            review_within: key(durationArb)
          })
        ])
      ),
      environment_protection: key(
        weighted<unknown>(w(1, false), [
          4,
          fc.record(
            {
              deployment_branches: key(fc.constantFrom('protected', 'any')),
              required_reviewers: key(countArb),
              prevent_self_review: key(fc.boolean()),
              admin_bypass: key(fc.boolean()),
              wait_timer: key(fc.integer({ min: noise > 0 ? -1 : 0, max: 100 }))
            },
            optional
          )
        ])
      ),
      checks: key(
        weighted<unknown>(w(1, false), [
          4,
          fc.record(
            { required: key(namesArb), no_failures: key(fc.boolean()) },
            optional
          )
        ])
      ),
      soak_time: unknownKey
    },
    optional
  )
  const environments =
    noise > 0
      ? fc.dictionary(envNameArb, key(environment), { minKeys: 1, maxKeys: 4 })
      : fc
          .uniqueArray(
            fc.tuple(
              fc.constantFrom(...ENVIRONMENTS),
              environment,
              fc.option(fc.array(fc.nat(), { minLength: 1, maxLength: 2 }))
            ),
            { minLength: 1, maxLength: 4, selector: ([name]) => name }
          )
          .map((list) =>
            Object.fromEntries(
              list.map(([name, settings, picks], index) => {
                // only environments listed before: no cycles
                const before = list.slice(0, index).map(([n]) => n)
                if (picks === null || before.length === 0) {
                  return [name, settings]
                }
                const after = [
                  ...new Set(picks.map((i) => before[i % before.length]))
                ]
                return [
                  name,
                  { ...settings, after: after.length === 1 ? after[0] : after }
                ]
              })
            )
          )
  return fc.record({
    version: key(fc.constant(1)),
    defaults: weighted<unknown>(w(1, undefined), [1, key(environment)]),
    environments: key(environments),
    environment: unknownKey
  })
}

const ENVIRONMENTS = ['development', 'staging', 'production', 'qa']

/**
 * Policy documents from the real keys: some plausible throughout, most with
 * a wrong type or value here and there, some wrong everywhere; or not a
 * mapping at all.
 */
export const policyDocumentArb: fc.Arbitrary<unknown> = weighted<unknown>(
  [3, policyDocumentAt(0)],
  [4, policyDocumentAt(0.05)],
  [2, policyDocumentAt(0.5)],
  [1, wrongValueArb]
)

/** `policyDocumentArb` as YAML text, block or flow style. */
export const policyYamlArb: fc.Arbitrary<string> = fc
  .tuple(policyDocumentArb, fc.constantFrom<'block' | 'flow'>('block', 'flow'))
  .map(([doc, style]) => {
    const text = stringify(doc, {
      collectionStyle: style,
      aliasDuplicateObjects: false
    })
    return typeof text === 'string' ? text : ''
  })

/** One edit of a text: delete, insert, duplicate a line, swap two lines. */
export type TextMutation =
  | { kind: 'delete'; at: number }
  | { kind: 'insert'; at: number; char: string }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'swap-lines'; a: number; b: number }

export const textMutationArb: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    char: weighted<string>(
      [
        4,
        fc.constantFrom(
          ' ',
          '\n',
          '\t',
          ':',
          '-',
          '[',
          ']',
          '{',
          '}',
          '#',
          '&',
          '*',
          '!',
          '|',
          '>',
          "'",
          '"',
          ',',
          '?',
          '%',
          '@',
          '`',
          '0',
          'x'
        )
      ],
      [1, fc.string({ minLength: 1, maxLength: 1, unit: 'binary' })]
    )
  }),
  fc.record({ kind: fc.constant('duplicate-line' as const), line: fc.nat() }),
  fc.record({
    kind: fc.constant('swap-lines' as const),
    a: fc.nat(),
    b: fc.nat()
  })
)

export function applyMutation(text: string, m: TextMutation): string {
  switch (m.kind) {
    case 'delete': {
      if (text.length === 0) return text
      const at = m.at % text.length
      return text.slice(0, at) + text.slice(at + 1)
    }
    case 'insert': {
      const at = m.at % (text.length + 1)
      return text.slice(0, at) + m.char + text.slice(at)
    }
    case 'duplicate-line': {
      const lines = text.split('\n')
      const at = m.line % lines.length
      lines.splice(at, 0, lines[at] ?? '')
      return lines.join('\n')
    }
    case 'swap-lines': {
      const lines = text.split('\n')
      const a = m.a % lines.length
      const b = m.b % lines.length
      const la = lines[a] ?? ''
      lines[a] = lines[b] ?? ''
      lines[b] = la
      return lines.join('\n')
    }
  }
}

// ---------------------------------------------------------------------------
// The runner's environment and the event payload

/**
 * A value a user or the runner could put in a variable: a valid one (maybe
 * padded with blanks), none, or, with weight `noise`, a wrong one.
 */
const variableArb = (
  valid: fc.Arbitrary<string>,
  wrong: fc.Arbitrary<string>,
  noise: number
) =>
  weighted<string | undefined>(
    [4, valid],
    [1, valid.map((v) => ` ${v}\n`)],
    w(2, undefined),
    w(noise, ''),
    [noise * 2, wrong],
    [noise, fc.string({ maxLength: 20 })],
    [noise, fc.string({ maxLength: 20, unit: 'binary' })]
  )

export const hexShaArb = fc.stringMatching(/^[0-9a-f]{40}$/)

/** A token that is not a substring of anything else generated. */
export const tokenArb = fc
  .stringMatching(/^[A-Za-z0-9]{24}$/)
  .map((s) => `ghs_${s}`)

/** Valid and wrong values of the action's inputs (and the runner's), by name. */
const VARIABLES: Readonly<
  Record<string, { valid: fc.Arbitrary<string>; wrong: fc.Arbitrary<string> }>
> = {
  environment: {
    valid: fc.constantFrom('production', 'staging', 'eu west'),
    wrong: envNameArb
  },
  sha: {
    valid: weighted<string>(
      [3, hexShaArb],
      [1, hexShaArb.map((s) => s.toUpperCase())]
    ),
    wrong: fc.constantFrom('HEAD', 'main', '$(id)', 'a'.repeat(41), 'abc123')
  },
  policy: {
    valid: fc.constantFrom('.github/promotion-gate.yml', 'policy.yml', 'a/b'),
    wrong: fc.constantFrom('/etc/passwd', '../x.yml', 'a//b', './p', 'c:/x')
  },
  'policy-ref': {
    valid: fc.constantFrom('main', 'refs/heads/main', 'v1.0', 'release/1'),
    wrong: fc.constantFrom('a..b', 'a b', 'x~1', 'main:evil', 'x^', '[x')
  },
  mode: {
    valid: fc.constantFrom('enforce', 'report', 'audit'),
    wrong: fc.constantFrom('Enforce', 'block', 'allow')
  },
  'audit-since': {
    valid: fc.constantFrom('30d', '2024-01-31', '1h30m'),
    wrong: fc.constantFrom('last week', '-1d', '30 d')
  },
  'timeout-seconds': {
    valid: fc.constantFrom('1', '120', '3600', '007'),
    wrong: fc.constantFrom('3601', '0', '-5', '1e3', '0x10', '9'.repeat(30))
  },
  'commit-status': {
    valid: fc.constantFrom('true', 'false', 'True', 'FALSE'),
    wrong: fc.constantFrom('yes', '1', 'on')
  },
  'break-glass-reason': {
    valid: fc.constantFrom('outage', 'INC-42: payments down'),
    wrong: fc.constant(' ')
  },
  GITHUB_SHA: { valid: hexShaArb, wrong: fc.constantFrom('HEAD', '') },
  GITHUB_ACTOR: { valid: loginArb, wrong: fc.constant('') },
  GITHUB_TRIGGERING_ACTOR: { valid: loginArb, wrong: fc.constant('') },
  // not a run of hundreds of digits: a known bug (fuzz.test.ts, run ids)
  GITHUB_RUN_ID: {
    valid: fc.constantFrom('77', '0', '007'),
    wrong: fc.constantFrom('-1', '1.5', '1e3', 'x')
  },
  GITHUB_RUN_ATTEMPT: {
    valid: fc.constantFrom('1', '2'),
    wrong: fc.constantFrom('x', '-1')
  },
  GITHUB_SERVER_URL: {
    valid: fc.constantFrom('https://github.com', 'https://ghe.example.com/'),
    wrong: fc.constantFrom('ftp://x', 'not a url')
  },
  GITHUB_API_URL: {
    valid: fc.constant('https://api.github.com'),
    wrong: fc.constant('x')
  },
  GITHUB_GRAPHQL_URL: {
    valid: fc.constant('https://api.github.com/graphql'),
    wrong: fc.constant('x')
  }
}

const RUNNER_VARIABLES = Object.keys(VARIABLES).filter((k) =>
  k.startsWith('GITHUB_')
)

function actionEnvAt(
  inputNames: readonly string[],
  noise: number
): fc.Arbitrary<Record<string, string | undefined>> {
  const random = {
    valid: fc.string({ maxLength: 20 }),
    wrong: fc.string({ maxLength: 20 })
  }
  const model: Record<string, fc.Arbitrary<string | undefined>> = {}
  for (const name of [...inputNames, ...RUNNER_VARIABLES]) {
    if (name === 'token') continue
    const { valid, wrong } = VARIABLES[name] ?? random
    const key = name.startsWith('GITHUB_')
      ? name
      : `INPUT_${name.toUpperCase()}`
    model[key] = variableArb(valid, wrong, noise)
  }
  model.GITHUB_REPOSITORY = weighted<string | undefined>(
    [8, fc.constantFrom('acme/shop', 'Acme/shop.js')],
    w(noise, undefined),
    [noise, fc.constantFrom('acme', 'acme/shop/x', '/shop', 'acme/', '')],
    [noise, fc.string({ maxLength: 12 })]
  )
  return fc.record(model)
}

/**
 * A runner environment: `INPUT_<NAME>` for every input name given (random
 * strings for a name this file does not know), GITHUB_REPOSITORY and the
 * other GITHUB_* variables the action reads; mostly valid, often not.
 * `INPUT_TOKEN` and GITHUB_EVENT_PATH are the caller's.
 */
export function actionEnvArb(
  inputNames: readonly string[]
): fc.Arbitrary<Record<string, string | undefined>> {
  return weighted(
    [2, actionEnvAt(inputNames, 0)],
    [2, actionEnvAt(inputNames, 0.1)],
    [1, actionEnvAt(inputNames, 1)]
  )
}

/** What the hostile payloads put in a prototype's deployment fields. */
export const PROTOTYPE_SHA = 'from-the-prototype'

/** JSON text of an event payload, from plausible to hostile. */
export const eventTextArb: fc.Arbitrary<string> = (() => {
  const fieldArb = weighted<unknown>(
    [3, hexShaArb],
    [2, envNameArb],
    [2, fc.jsonValue({ maxDepth: 2 })],
    w(1, null)
  )
  const deploymentArb = weighted<unknown>(
    [
      3,
      fc.record({
        environment: envNameArb,
        sha: hexShaArb,
        creator: loginArb.map((login) => ({ login }))
      })
    ],
    [
      6,
      fc.record(
        {
          environment: fieldArb,
          sha: fieldArb,
          creator: weighted<unknown>(
            [3, loginArb.map((login) => ({ login }))],
            [1, fc.jsonValue({ maxDepth: 2 })]
          )
        },
        { requiredKeys: [] }
      )
    ],
    [2, fc.jsonValue({ maxDepth: 3 })],
    // every JSON type
    [2, fc.constantFrom<unknown>(null, true, 0, -1.5, 'production', [], {})]
  )
  const payloadArb = weighted<unknown>(
    [6, fc.record({ deployment: deploymentArb }, { requiredKeys: [] })],
    [2, fc.jsonValue({ maxDepth: 4 })]
  )
  // An object literal cannot carry an own `__proto__` key (it sets the
  // prototype instead): splice the hostile keys in as text. A prototype's
  // fields say PROTOTYPE_SHA, never a real payload's.
  const hostile: string[] = [
    `"__proto__": {"polluted": "yes", "deployment": {"sha": "${PROTOTYPE_SHA}"}}`,
    '"constructor": {"prototype": {"polluted": "yes"}}',
    '"prototype": {"polluted": "yes"}',
    `"deployment": {"__proto__": {"polluted": "yes", "sha": "${PROTOTYPE_SHA}", "environment": "${PROTOTYPE_SHA}"}}`
  ]
  return weighted<string>(
    [
      8,
      fc.tuple(payloadArb, fc.subarray(hostile)).map(([payload, keys]) => {
        const text = JSON.stringify(payload) ?? 'null'
        if (keys.length === 0 || !text.startsWith('{')) return text
        const rest = text === '{}' ? '' : `,${text.slice(1, -1)}`
        return `{${keys.join(',')}${rest}}`
      })
    ],
    [2, fc.string({ maxLength: 40 })],
    [1, fc.string({ maxLength: 40, unit: 'binary' })],
    [
      1,
      fc
        .integer({ min: 1, max: 200_000 })
        .map((n) => `{"deployment":${'['.repeat(n)}${']'.repeat(n)}}`)
    ],
    [
      1,
      fc
        .integer({ min: 1, max: 50_000 })
        .map((n) => `${'{"a":'.repeat(n)}null${'}'.repeat(n)}`)
    ],
    [
      1,
      fc
        .constantFrom(1, 1 << 20)
        .map(
          (n) =>
            `{"deployment":{"sha":"${'a'.repeat(n)}","environment":"${'e'.repeat(n)}"}}`
        )
    ],
    [1, fc.constantFrom('', ' ', '\uFEFF{}', 'null', '[]', '"x"', '1', '{}')]
  )
})()
