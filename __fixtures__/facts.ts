// Typed factories for engine tests: a complete, passing Facts and a resolved
// EnvironmentPolicy with SPEC §4 defaults. Each takes overrides; tests change
// only what the case is about.

import { DEFAULT_ALLOWED_EVENTS } from '../src/engine/policy/schema.js'
import type {
  Actor,
  ActorType,
  BranchFact,
  ChangeFact,
  CheckResultFact,
  ClassicProtectionFact,
  CommitFact,
  DeploymentFact,
  DeploymentStatusFact,
  EnvironmentApprovalFact,
  EnvironmentSettingsFact,
  Facts,
  GitIdentity,
  JobsFact,
  PullRequestFact,
  ReviewFact,
  RulesetRuleFact,
  Unreadable
} from '../src/engine/facts.js'
import type {
  ApprovalPolicy,
  BranchProtectionRequirement,
  EnvironmentPolicy
} from '../src/engine/policy/types.js'

/** A 40-hex sha from a short hex prefix, e.g. sha('5d6e7f8'). */
export const sha = (prefix: string): string => prefix.padEnd(40, '0')

/** the deployed commit */
export const SHA = sha('a1b2c3d')
/** its tree */
export const TREE = sha('7ee7ee7')
/** the final head of the default pull request */
export const HEAD = sha('5d6e7f8')
/** an older head of the default pull request */
export const OLD_HEAD = sha('1a2b3c4')

export const SERVER_URL = 'https://github.com'
export const REPO_URL = `${SERVER_URL}/acme/shop`
export const NOW = new Date('2024-05-01T12:00:00Z')

/** a workflow run of this repository */
export const runUrl = (id = 1001): string => `${REPO_URL}/actions/runs/${id}`

export function anActor(login: string, type: ActorType = 'User'): Actor {
  return { login, type }
}

export const GITHUB_ACTIONS = anActor('github-actions[bot]', 'Bot')

export function anIdentity(
  login: string | null,
  overrides: Partial<GitIdentity> = {}
): GitIdentity {
  return {
    name: login ?? 'Unknown Person',
    email: `${login ?? 'unknown'}@example.com`,
    login,
    isWebFlow: false,
    ...overrides
  }
}

export const WEB_FLOW: GitIdentity = {
  name: 'GitHub',
  email: 'noreply@github.com',
  login: 'web-flow',
  isWebFlow: true
}

export function aCommit(overrides: Partial<CommitFact> = {}): CommitFact {
  const oid = overrides.oid ?? SHA
  return {
    oid,
    treeOid: TREE,
    url: `${REPO_URL}/commit/${oid}`,
    message: 'Change things',
    author: anIdentity('alice'),
    committer: WEB_FLOW,
    coAuthors: [],
    parents: [sha('0ld0ld0')],
    committedDate: '2024-05-01T07:00:00Z',
    signature: null,
    ...overrides
  }
}

export function aReview(overrides: Partial<ReviewFact> = {}): ReviewFact {
  return {
    author: anActor('bob'),
    state: 'APPROVED',
    commitOid: HEAD,
    submittedAt: '2024-05-01T06:00:00Z',
    url: `${REPO_URL}/pull/12#pullrequestreview-1`,
    authorCanPush: true,
    ...overrides
  }
}

export function aPullRequest(
  overrides: Partial<PullRequestFact> = {}
): PullRequestFact {
  const number = overrides.number ?? 12
  return {
    number,
    url: `${REPO_URL}/pull/${number}`,
    author: anActor('alice'),
    merged: true,
    mergedAt: '2024-05-01T07:00:00Z',
    baseRefName: 'main',
    headRefOid: HEAD,
    mergeCommitOid: SHA,
    commits: [
      aCommit({
        oid: HEAD,
        author: anIdentity('alice'),
        committer: anIdentity('alice')
      })
    ],
    reviews: [aReview()],
    ...overrides
  }
}

export function aChange(overrides: Partial<ChangeFact> = {}): ChangeFact {
  return { commit: aCommit(), pullRequest: aPullRequest(), ...overrides }
}

/** a change pushed straight to the branch by `login` */
export function aDirectPush(
  login: string | null,
  overrides: Partial<CommitFact> = {}
): ChangeFact {
  return {
    commit: aCommit({
      author: anIdentity(login),
      committer: anIdentity(login),
      ...overrides
    }),
    pullRequest: null
  }
}

export function aStatus(
  overrides: Partial<DeploymentStatusFact> = {}
): DeploymentStatusFact {
  return {
    state: 'success',
    createdAt: '2024-05-01T08:05:00Z',
    logUrl: runUrl(),
    environmentUrl: null,
    ...overrides
  }
}

/** The log URL of the job GitHub ran for deployment `id` (job ids as the fixtures draw them). */
export const jobUrl = (id: number, run = 1001): string =>
  `${runUrl(run)}/job/${jobIdOf(id)}`
export const jobIdOf = (deploymentId: number): number => 500_000 + deploymentId

/**
 * A deployment its job made: statuses left with `aStatus`'s default log URL
 * link to that job (see `jobsFor`).
 */
export function aDeployment(
  overrides: Partial<DeploymentFact> = {}
): DeploymentFact {
  const id = overrides.id ?? 1
  const statuses = (overrides.statuses ?? [aStatus()]).map((s) =>
    s.logUrl === runUrl() ? { ...s, logUrl: jobUrl(id) } : s
  )
  return {
    id,
    environment: 'staging',
    sha: SHA,
    treeOid: TREE,
    creator: GITHUB_ACTIONS,
    createdAt: '2024-05-01T08:00:00Z',
    ...overrides,
    statuses
  }
}

/**
 * The check runs GitHub keeps for the jobs that made these deployments:
 * every job a success's log URL names, from the GitHub Actions app, in the
 * run the URL names, naming the deployment, of `.github/workflows/deploy.yml`.
 */
export function jobsFor(deployments: readonly DeploymentFact[]): JobsFact {
  const jobs: JobsFact = { checkRuns: {}, complete: {}, unreadable: {} }
  for (const d of deployments) {
    jobs.complete[d.sha] = true
    for (const s of d.statuses) {
      const m = /\/actions\/runs\/(\d+)\/job\/(\d+)$/.exec(s.logUrl ?? '')
      if (m === null) continue
      jobs.checkRuns[m[2] as string] = {
        id: Number(m[2]),
        deploymentId: d.id,
        app: { id: 15368, slug: 'github-actions' },
        run: {
          id: Number(m[1]),
          event: 'push',
          path: '.github/workflows/deploy.yml'
        }
      }
    }
  }
  return jobs
}

/** a deployment created at `at` that succeeded five minutes later */
export function aSuccessfulDeployment(
  at: string,
  overrides: Partial<DeploymentFact> = {}
): DeploymentFact {
  const created = new Date(at)
  const done = new Date(created.getTime() + 5 * 60_000).toISOString()
  return aDeployment({
    createdAt: created.toISOString(),
    statuses: [aStatus({ state: 'success', createdAt: done })],
    ...overrides
  })
}

export function aPullRequestRule(
  overrides: Partial<NonNullable<RulesetRuleFact['pullRequest']>> = {}
): RulesetRuleFact {
  return {
    type: 'pull_request',
    rawType: 'pull_request',
    rulesetId: 1,
    pullRequest: {
      requiredApprovingReviewCount: 1,
      dismissStaleReviewsOnPush: true,
      requireCodeOwnerReview: false,
      requireLastPushApproval: false,
      ...overrides
    }
  }
}

export function aRule(
  type: RulesetRuleFact['type'],
  overrides: Partial<RulesetRuleFact> = {}
): RulesetRuleFact {
  return { type, rawType: type, rulesetId: 1, ...overrides }
}

/** rules meeting the default branch protection requirement */
export function sufficientRules(): RulesetRuleFact[] {
  return [aPullRequestRule(), aRule('non_fast_forward'), aRule('deletion')]
}

export function aClassicProtection(
  overrides: Partial<ClassicProtectionFact> = {}
): ClassicProtectionFact {
  return {
    requiredApprovingReviewCount: 1,
    dismissStaleReviews: true,
    requireLastPushApproval: false,
    requireCodeOwnerReviews: false,
    allowForcePushes: false,
    allowDeletions: false,
    requiredStatusChecks: [],
    enforceAdmins: true,
    ...overrides
  }
}

export function anUnreadable(
  permission = 'administration: read',
  detail = '403 Resource not accessible by integration'
): Unreadable {
  return { unreadable: true, permission, detail }
}

export function aBranch(overrides: Partial<BranchFact> = {}): BranchFact {
  return {
    name: 'main',
    containsCommit: true,
    rules: sufficientRules(),
    classic: null,
    ...overrides
  }
}

export function anEnvironmentApproval(
  login: string,
  overrides: Partial<EnvironmentApprovalFact> = {}
): EnvironmentApprovalFact {
  return {
    user: anActor(login),
    state: 'approved',
    environments: ['production'],
    comment: 'ship it',
    ...overrides
  }
}

/** Facts whose upstream records were made by their jobs, unless `jobs` says otherwise. */
export function aFacts(overrides: Partial<Facts> = {}): Facts {
  const upstream = Object.values(overrides.upstream ?? {}).flatMap((list) =>
    Array.isArray(list) ? list : []
  )
  return {
    jobs: jobsFor(upstream),
    repository: {
      owner: 'acme',
      name: 'shop',
      url: REPO_URL,
      defaultBranch: 'main'
    },
    serverUrl: SERVER_URL,
    environment: 'production',
    sha: SHA,
    commit: aCommit(),
    deployer: 'dave',
    changes: [aChange()],
    scope: { kind: 'range', since: null, note: null },
    upstream: {},
    branches: [aBranch()],
    run: {
      id: 2002,
      attempt: 1,
      url: runUrl(2002),
      actor: 'dave',
      triggeringActor: 'dave',
      event: 'push',
      approvals: null
    },
    environmentSettings: { exists: true, settings: anEnvironmentSettings() },
    ciResults: {
      commit: { sha: SHA, results: [aCheckRun('test')] },
      pullRequestHead: null
    },
    ...overrides
  }
}

export const ENVIRONMENT_SETTINGS_URL = `${REPO_URL}/settings/environments/77/edit`

/** production: deployments from main only, one reviewer, no self-review */
export function anEnvironmentSettings(
  overrides: Partial<EnvironmentSettingsFact> = {}
): EnvironmentSettingsFact {
  return {
    name: 'production',
    settingsUrl: ENVIRONMENT_SETTINGS_URL,
    deploymentBranchPolicy: {
      protectedBranches: false,
      customBranchPolicies: true
    },
    branchPolicies: [{ name: 'main', type: 'branch' }],
    reviewers: [{ type: 'User', name: 'erin' }],
    preventSelfReview: true,
    canAdminsBypass: false,
    waitTimer: 0,
    classicProtection: null,
    ...overrides
  }
}

/** a completed GitHub Actions job of another run */
export function aCheckRun(
  name: string,
  state = 'success',
  overrides: Partial<CheckResultFact> = {}
): CheckResultFact {
  return {
    kind: 'check_run',
    name,
    state,
    completed: ![
      'queued',
      'in_progress',
      'pending',
      'waiting',
      'requested'
    ].includes(state),
    url: `${REPO_URL}/actions/runs/1001/job/${name.length}`,
    workflowRunId: 1001,
    by: 'github-actions',
    at: '2024-05-01T08:00:00Z',
    ...overrides
  }
}

/** a commit status (a StatusContext of the rollup) */
export function aCommitStatus(
  context: string,
  state = 'success',
  overrides: Partial<CheckResultFact> = {}
): CheckResultFact {
  return {
    kind: 'status',
    name: context,
    state,
    completed: state !== 'pending' && state !== 'expected',
    url: `https://ci.example.com/${context}`,
    workflowRunId: null,
    by: 'ci-bot',
    at: '2024-05-01T08:00:00Z',
    ...overrides
  }
}

export const DEFAULT_BRANCH_PROTECTION: BranchProtectionRequirement = {
  requiredApprovals: 1,
  dismissStaleReviews: true,
  requireLastPushApproval: false,
  requireCodeOwnerReview: false,
  blockForcePushes: true,
  blockDeletions: true,
  requiredStatusChecks: []
}

export const DEFAULT_APPROVALS: ApprovalPolicy = {
  pullRequest: 1,
  environment: 0,
  independentOf: ['author', 'commit_authors', 'committers', 'co_authors'],
  reviewers: null,
  onLatestCommit: true,
  allowBots: false,
  unresolvedIdentities: 'block',
  directPushes: [],
  requireVerifiedCommits: false
}

export type EnvironmentPolicyOverrides = Omit<
  Partial<EnvironmentPolicy>,
  'approvals' | 'branchProtection'
> & {
  approvals?: Partial<ApprovalPolicy>
  branchProtection?: Partial<BranchProtectionRequirement> | false
}

/** `production` with every SPEC §4 default, as the loader resolves it. */
export function anEnvironmentPolicy(
  overrides: EnvironmentPolicyOverrides = {}
): EnvironmentPolicy {
  const { approvals, branchProtection, ...rest } = overrides
  return {
    name: 'production',
    after: [],
    soakSeconds: 0,
    match: 'commit',
    trustedDeployers: ['github-actions[bot]'],
    trustedWorkflows: null,
    branches: ['main'],
    allowedEvents: [...DEFAULT_ALLOWED_EVENTS],
    branchProtection:
      branchProtection === false
        ? false
        : { ...DEFAULT_BRANCH_PROTECTION, ...branchProtection },
    scope: 'range',
    approvals: {
      ...DEFAULT_APPROVALS,
      independentOf: [...DEFAULT_APPROVALS.independentOf],
      ...approvals
    },
    deployerIndependent: false,
    breakGlass: null,
    environmentProtection: {
      deploymentBranches: 'protected',
      requiredReviewers: 0,
      preventSelfReview: false,
      adminBypass: true,
      waitTimer: 0
    },
    ciRequirement: { required: null, noFailures: true },
    ...rest
  }
}
