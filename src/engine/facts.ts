// What the gatherer learned from GitHub, in one plain object. Rules are pure
// functions of Facts, the resolved Policy and a time; they never call GitHub.
// Every field that could not be read says so explicitly (`Unreadable`), so a
// rule can tell "none" from "cannot tell" and fail closed on the second.

export type ActorType = 'User' | 'Bot' | 'Organization' | 'Mannequin' | 'Other'

export interface Actor {
  login: string
  type: ActorType
}

/** Something the token could not read, and the permission that would read it. */
export interface Unreadable {
  unreadable: true
  /** e.g. `administration: read` */
  permission: string
  /** what GitHub said */
  detail: string
}

export function isUnreadable(value: unknown): value is Unreadable {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { unreadable?: unknown }).unreadable === true
  )
}

/** A person in a commit: a git identity, mapped to an account when GitHub could. */
export interface GitIdentity {
  name: string | null
  email: string | null
  /** the GitHub account GitHub mapped the email to; null when unmapped */
  login: string | null
  /** true for GitHub's own `web-flow` committer, which is not a person */
  isWebFlow: boolean
}

export interface CommitFact {
  oid: string
  treeOid: string
  url: string
  message: string
  author: GitIdentity
  committer: GitIdentity
  /** `Co-authored-by` trailers, mapped to accounts where GitHub mapped them */
  coAuthors: GitIdentity[]
  /** null: not asked (a pull request's own commits need none) */
  parents: string[] | null
  committedDate: string
  /** GitHub's verification of the commit's signature; null: unsigned or unknown */
  signature: SignatureFact | null
}

export interface SignatureFact {
  /** GitHub shows it as Verified */
  valid: boolean
  /** GitHub's state, e.g. VALID, BAD_EMAIL, UNKNOWN_KEY */
  state: string
  /** signed by GitHub itself (merges, squashes, suggestions made on github.com) */
  byGitHub: boolean
}

export type ReviewState =
  'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING'

export interface ReviewFact {
  /** null: the account was deleted */
  author: Actor | null
  state: ReviewState
  /** the head the review was given on; null when GitHub no longer knows it */
  commitOid: string | null
  submittedAt: string | null
  url: string
  /** GitHub's `authorCanPushToRepository`: write access at review time */
  authorCanPush: boolean
}

export interface PullRequestFact {
  number: number
  url: string
  /** null: the account was deleted */
  author: Actor | null
  merged: boolean
  mergedAt: string | null
  baseRefName: string
  headRefOid: string
  mergeCommitOid: string | null
  /** every commit of the pull request, all pages */
  commits: CommitFact[]
  /** every review, all pages, in submission order */
  reviews: ReviewFact[]
}

/**
 * One change that entered the branch since the previous deployment, with
 * the pull request it entered through (null for a direct push): a commit of
 * the first-parent chain down to the previous deployment, or a commit a
 * merge carried in that is not one of that merge's pull request's own
 * commits (SPEC §5.5), which needs an approval record of its own.
 */
export interface ChangeFact {
  commit: CommitFact
  pullRequest: PullRequestFact | null
  /** the merge commit that carried it in, when it is not on the first-parent chain */
  carriedBy?: string
}

export const DEPLOYMENT_STATES = [
  'success',
  'failure',
  'error',
  'inactive',
  'in_progress',
  'queued',
  'pending',
  'waiting'
] as const

export type DeploymentState = (typeof DEPLOYMENT_STATES)[number]

export interface DeploymentStatusFact {
  state: DeploymentState
  createdAt: string
  logUrl: string | null
  environmentUrl: string | null
}

export interface DeploymentFact {
  id: number
  environment: string
  sha: string
  /**
   * the ref it was made for, fully qualified (`refs/heads/main`); null when
   * it was made for a sha or GitHub no longer knows the ref (`trusted_workflows`'
   * `@ref` then cannot hold); undefined when not asked
   */
  ref?: string | null
  /** tree of the deployed commit, when known (for `match: tree`) */
  treeOid: string | null
  creator: Actor | null
  createdAt: string
  /** oldest first */
  statuses: DeploymentStatusFact[]
}

/**
 * A GitHub Actions job as its check run shows it (GraphQL `CheckRun`; the
 * job id is the check run's databaseId): what binds a github-actions[bot]
 * deployment record to the job GitHub ran for it (SPEC §5.2).
 */
export interface JobCheckRunFact {
  /** the check run's databaseId, which is the job id */
  id: number
  /** `CheckRun.deployment.databaseId`: the deployment GitHub made for this job; null: none */
  deploymentId: number | null
  /** the check suite's app; null when GitHub showed none */
  app: { id: number | null; slug: string | null } | null
  /** the workflow run of its check suite; null when it has none */
  run: { id: number; event: string | null; path: string | null } | null
}

/** The job check runs read to bind deployment records to jobs. */
export interface JobsFact {
  /** by check run id (= job id) */
  checkRuns: Record<string, JobCheckRunFact>
  /**
   * commits whose every check run was read, by sha: a job id not among the
   * check runs and whose record's commit is here is no job of that commit
   */
  complete: Record<string, true>
  /** commits whose check runs the token could not read, by sha */
  unreadable: Record<string, Unreadable>
}

export type RuleType =
  | 'pull_request'
  | 'non_fast_forward'
  | 'deletion'
  | 'required_status_checks'
  | 'update'
  | 'creation'
  | 'required_linear_history'
  | 'required_signatures'
  | 'other'

export interface RulesetRuleFact {
  type: RuleType
  /** raw `type` as GitHub wrote it */
  rawType: string
  rulesetId: number | null
  /** only for pull_request */
  pullRequest?: {
    requiredApprovingReviewCount: number
    dismissStaleReviewsOnPush: boolean
    requireCodeOwnerReview: boolean
    requireLastPushApproval: boolean
  }
  /** only for required_status_checks */
  requiredStatusChecks?: string[]
  /** the required checks of this rule pinned to an app (`integration_id`) */
  pinnedChecks?: PinnedCheck[]
}

/**
 * A required check that only one app may satisfy: a ruleset's
 * `integration_id`, classic protection's `checks[].app_id` (SPEC §5.9).
 */
export interface PinnedCheck {
  context: string
  appId: number
}

export interface ClassicProtectionFact {
  requiredApprovingReviewCount: number | null
  dismissStaleReviews: boolean
  requireLastPushApproval: boolean
  requireCodeOwnerReviews: boolean
  allowForcePushes: boolean
  allowDeletions: boolean
  requiredStatusChecks: string[]
  /** the required checks pinned to an app (`checks[].app_id`) */
  pinnedChecks?: PinnedCheck[]
  enforceAdmins: boolean
}

/**
 * A ruleset bypass actor (REST `GET /repos/{o}/{r}/rulesets/{id}`); `exempt`:
 * "rules will not be run for that actor and a bypass audit entry will not be
 * created" (docs.github.com/en/rest/repos/rules, `bypass_mode`).
 */
export interface BypassActorFact {
  /** `actor_type`, e.g. `Integration`; `actor_id`: null for `DeployKey` */
  actorType: string
  actorId: number | null
  mode: 'always' | 'pull_request' | 'exempt'
}

/** One active ruleset of a branch and its bypass actors (SPEC §5.4, §7). */
export interface RulesetBypassFact {
  id: number
  /** null: the ruleset was not read */
  name: string | null
  actors: BypassActorFact[] | Unreadable
}

export interface BranchFact {
  name: string
  /** the deployed commit is reachable from the branch head */
  containsCommit: boolean
  /** active rules from every ruleset that targets the branch (evaluate-mode excluded) */
  rules: RulesetRuleFact[] | Unreadable
  /** null: GitHub says the branch has no classic protection, or it was not read */
  classic: ClassicProtectionFact | null | Unreadable
  /**
   * The classic protection rule as non-admins see it (GraphQL
   * `refUpdateRule`): null when GitHub showed none, undefined when not asked.
   */
  visibleClassic?: { pattern: string; requiredStatusChecks: string[] } | null
  /** bypass actors of the rulesets its rules come from; undefined: not asked */
  rulesetBypass?: RulesetBypassFact[]
}

export interface EnvironmentApprovalFact {
  user: Actor
  state: 'approved' | 'rejected'
  environments: string[]
  comment: string
}

export interface RunFact {
  id: number | null
  attempt: number | null
  url: string | null
  actor: string | null
  triggeringActor: string | null
  /** `github.event_name`: what triggered the run; null when not known */
  event: string | null
  /** environment approvals of this run; null when not needed or no run */
  approvals: EnvironmentApprovalFact[] | Unreadable | null
}

/** A required reviewer of an environment, as GitHub lists it. */
export interface EnvironmentReviewerFact {
  type: 'User' | 'Team'
  /** a user's login, or `org/team-slug` */
  name: string
}

/**
 * The GitHub environment's own settings, as `GET /repos/{o}/{r}/environments/{name}`
 * returned them. docs.github.com/en/rest/deployments/environments#get-an-environment
 */
export interface EnvironmentSettingsFact {
  name: string
  /** the settings page, where each setting is fixed */
  settingsUrl: string
  /** null: deployments from any branch */
  deploymentBranchPolicy: {
    protectedBranches: boolean
    customBranchPolicies: boolean
  } | null
  /** the custom branch and tag patterns; null unless custom policies are on */
  branchPolicies: { name: string; type: 'branch' | 'tag' }[] | Unreadable | null
  reviewers: EnvironmentReviewerFact[]
  preventSelfReview: boolean
  /** null: GitHub did not say (absent from its OpenAPI description); counts as allowed */
  canAdminsBypass: boolean | null
  /** minutes */
  waitTimer: number
  /**
   * With "protected branches only": for each of the policy's branches that
   * holds the commit, whether classic branch protection covers it; null
   * when the environment does not use that setting.
   */
  classicProtection:
    { branch: string; protected: boolean }[] | Unreadable | null
}

/** The environment as read: its settings, or that it does not exist. */
export type EnvironmentFact =
  | { exists: true; settings: EnvironmentSettingsFact }
  | { exists: false; name: string; settingsUrl: string }
  | Unreadable

/** One entry of a commit's status check rollup: a check run or a commit status. */
export interface CheckResultFact {
  kind: 'check_run' | 'status'
  /** a check run's name, or a status's context */
  name: string
  /**
   * lower case: a check run's conclusion (success, failure, neutral, skipped,
   * cancelled, timed_out, action_required, startup_failure, stale), or its
   * status while not completed (queued, in_progress, ...); a commit status's
   * state (success, failure, error, pending, expected)
   */
  state: string
  completed: boolean
  url: string | null
  /** the workflow run a GitHub Actions job belongs to */
  workflowRunId: number | null
  /** the app of a check run, or who posted a status */
  by: string | null
  /** a check run's app id (GitHub Actions is 15368); absent: not read */
  appId?: number | null
  /** a check run's GraphQL node id, to ask about it later */
  nodeId?: string
  /**
   * Whether a GitHub Actions check run is the check run of a workflow job
   * (it has steps: the Checks API cannot create any); absent: not asked.
   */
  job?: boolean | Unreadable
  /** when a check run started or a status was posted */
  at: string | null
}

/** The check runs and statuses of one commit. */
export interface CommitCiResultsFact {
  sha: string
  results: CheckResultFact[] | Unreadable
}

export interface CiResultsFact {
  /** the deployed commit */
  commit: CommitCiResultsFact
  /** the final head of the pull request that introduced the deployed commit */
  pullRequestHead: (CommitCiResultsFact & { pullRequest: number }) | null
}

export interface Facts {
  repository: {
    owner: string
    name: string
    url: string
    defaultBranch: string
  }
  /** base of the web UI, e.g. https://github.com */
  serverUrl: string
  environment: string
  sha: string
  commit: CommitFact
  /** the login that triggered this deployment */
  deployer: string | null
  /** the changes in scope, newest first; always contains the deployed commit */
  changes: ChangeFact[]
  /** how the scope was determined, for the evidence */
  scope: {
    kind: 'range' | 'head'
    /** sha of the previous successful deployment to this environment */
    since: string | null
    note: string | null
  }
  /** deployments of every upstream environment, keyed by environment name */
  upstream: Record<string, DeploymentFact[] | Unreadable>
  /**
   * the jobs' check runs read for the github-actions[bot] records among
   * them; absent: none read, so no such record counts
   */
  jobs?: JobsFact
  /** the branches in the policy's `branches` that exist */
  branches: BranchFact[]
  run: RunFact
  /** null when `environment_protection` is off */
  environmentSettings: EnvironmentFact | null
  /** the CI results (check runs and statuses) read; null when the policy's `checks` is off */
  ciResults: CiResultsFact | null
  /**
   * Members of the `org/team` entries of `approvals.reviewers`, by entry;
   * absent when the policy names no team (or they were not read).
   */
  reviewerTeams?: Record<string, string[] | Unreadable>
}
