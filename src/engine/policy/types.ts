// The resolved policy: the YAML of SPEC §4 after validation, with `defaults`
// merged into every environment and every default filled in. Rules read only
// this shape; the raw YAML never leaves the loader.

export type MakerKind =
  'author' | 'commit_authors' | 'committers' | 'co_authors' | 'deployer'

export interface BranchProtectionRequirement {
  requiredApprovals: number
  dismissStaleReviews: boolean
  requireLastPushApproval: boolean
  requireCodeOwnerReview: boolean
  blockForcePushes: boolean
  blockDeletions: boolean
  requiredStatusChecks: string[]
}

export interface ApprovalPolicy {
  pullRequest: number
  environment: number
  independentOf: MakerKind[]
  /** users or `org/team`; null means anyone with write access */
  reviewers: string[] | null
  onLatestCommit: boolean
  allowBots: boolean
  unresolvedIdentities: 'block' | 'ignore'
  directPushes: string[]
  /** every commit must carry a signature GitHub verified */
  requireVerifiedCommits: boolean
}

export interface EnvironmentProtectionRequirement {
  deploymentBranches: 'protected' | 'any'
  requiredReviewers: number
  preventSelfReview: boolean
  /** true: bypass allowed; false: the environment must refuse it */
  adminBypass: boolean
  waitTimer: number
}

/** The policy's `checks` key: the CI results a deployment needs (SPEC §4). */
export interface CiRequirement {
  /** null: the required status checks of the branch's rules and protection */
  required: string[] | null
  noFailures: boolean
}

export interface BreakGlassPolicy {
  approvers: string[]
  reviewWithinSeconds: number
}

/** A `trusted_workflows` entry: a workflow file, optionally with a ref. */
export interface TrustedWorkflow {
  /** as written, for messages */
  text: string
  path: string
  /** fully qualified (`refs/heads/main`); null: any ref */
  ref: string | null
}

export interface EnvironmentPolicy {
  name: string
  /** direct predecessors, as written */
  after: string[]
  soakSeconds: number
  match: 'commit' | 'tree'
  trustedDeployers: string[]
  /**
   * the workflow files whose jobs' deployments count for this environment;
   * null: any workflow of the repository
   */
  trustedWorkflows: TrustedWorkflow[] | null
  /** minimatch globs */
  branches: string[]
  /**
   * `github.event_name`s that may trigger a run deploying here (SPEC §4
   * `allowed_events`); checked by `source-branch`
   */
  allowedEvents: string[]
  branchProtection: BranchProtectionRequirement | false
  scope: 'range' | 'head'
  approvals: ApprovalPolicy
  deployerIndependent: boolean
  breakGlass: BreakGlassPolicy | null
  environmentProtection: EnvironmentProtectionRequirement | false
  /** the policy's `checks` key */
  ciRequirement: CiRequirement | false
}

export interface Policy {
  version: 1
  environments: Record<string, EnvironmentPolicy>
  /** where it was read from, for messages about it later */
  source: PolicySource
}

/** Where the policy text came from, for messages and evidence. */
export interface PolicySource {
  path: string
  ref: string
  /** git blob sha of the file, when known */
  blobSha?: string | null
  /** the repository's default branch, the default for `branches` */
  defaultBranch: string
}
