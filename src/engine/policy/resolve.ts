// Merges `defaults` into every environment and fills in SPEC §4's defaults:
// the document the schema accepted becomes the Policy the rules read.

import { parseDuration } from '../duration.js'
import {
  DEFAULT_ALLOWED_EVENTS,
  DEFAULT_INDEPENDENT_OF,
  type ApprovalsDocument,
  type EnvironmentDocument,
  type PolicyDocument
} from './schema.js'
import type {
  EnvironmentPolicy,
  MakerKind,
  Policy,
  PolicySource,
  TrustedWorkflow
} from './types.js'

/** The Policy of a valid document; `source` stays with it for messages. */
export function resolvePolicy(
  document: PolicyDocument,
  source: PolicySource
): Policy {
  const defaults = document.defaults ?? {}
  const environments = Object.fromEntries(
    Object.entries(document.environments).map(([name, env]) => [
      name,
      resolveEnvironment({
        name,
        own: env,
        defaults,
        defaultBranch: source.defaultBranch
      })
    ])
  )
  return { version: 1, environments, source }
}

function resolveEnvironment({
  name,
  own,
  defaults,
  defaultBranch
}: {
  name: string
  own: EnvironmentDocument
  defaults: EnvironmentDocument
  defaultBranch: string
}): EnvironmentPolicy {
  const pick = <K extends keyof EnvironmentDocument>(
    key: K
  ): EnvironmentDocument[K] =>
    Object.hasOwn(own, key) ? own[key] : defaults[key]

  const after = pick('after')
  const branchProtection = mergeOneLevel(
    defaults.branch_protection,
    own.branch_protection
  )
  const approvals: ApprovalsDocument =
    mergeOneLevel(defaults.approvals, own.approvals) || {}
  const breakGlass = mergeOneLevel(defaults.break_glass, own.break_glass)
  const protection = mergeOneLevel(
    defaults.environment_protection,
    own.environment_protection
  )
  const checks = mergeOneLevel(defaults.checks, own.checks)
  const independentOf: MakerKind[] = [
    ...(approvals.independent_of ?? DEFAULT_INDEPENDENT_OF)
  ]

  return {
    name,
    after: after === undefined ? [] : [...new Set([after].flat())],
    soakSeconds: parseDuration(pick('soak') ?? 0),
    match: pick('match') ?? 'commit',
    trustedDeployers: [
      ...(pick('trusted_deployers') ?? ['github-actions[bot]'])
    ],
    trustedWorkflows: trustedWorkflows(pick('trusted_workflows')),
    branches: [...(pick('branches') ?? [defaultBranch])],
    allowedEvents: [...(pick('allowed_events') ?? DEFAULT_ALLOWED_EVENTS)],
    branchProtection:
      branchProtection === false
        ? false
        : {
            requiredApprovals: branchProtection?.required_approvals ?? 1,
            dismissStaleReviews:
              branchProtection?.dismiss_stale_reviews ?? true,
            requireLastPushApproval:
              branchProtection?.require_last_push_approval ?? false,
            requireCodeOwnerReview:
              branchProtection?.require_code_owner_review ?? false,
            blockForcePushes: branchProtection?.block_force_pushes ?? true,
            blockDeletions: branchProtection?.block_deletions ?? true,
            requiredStatusChecks: [
              ...(branchProtection?.required_status_checks ?? [])
            ]
          },
    scope: pick('scope') ?? 'range',
    approvals: {
      pullRequest: approvals.pull_request ?? 1,
      environment: approvals.environment ?? 0,
      independentOf,
      reviewers:
        approvals.reviewers === undefined ? null : [...approvals.reviewers],
      onLatestCommit: approvals.on_latest_commit ?? true,
      allowBots: approvals.allow_bots ?? false,
      unresolvedIdentities: approvals.unresolved_identities ?? 'block',
      directPushes: [...(approvals.direct_pushes ?? [])],
      requireVerifiedCommits: approvals.require_verified_commits ?? false
    },
    deployerIndependent: pick('deployer_independent') ?? false,
    breakGlass:
      breakGlass === false || breakGlass === undefined
        ? null
        : {
            approvers: [...breakGlass.approvers],
            reviewWithinSeconds: parseDuration(breakGlass.review_within)
          },
    environmentProtection:
      protection === false
        ? false
        : {
            deploymentBranches: protection?.deployment_branches ?? 'protected',
            requiredReviewers: protection?.required_reviewers ?? 0,
            preventSelfReview:
              protection?.prevent_self_review ??
              (protection?.required_reviewers ?? 0) > 0,
            adminBypass: protection?.admin_bypass ?? true,
            waitTimer: protection?.wait_timer ?? 0
          },
    ciRequirement:
      checks === false
        ? false
        : {
            required:
              checks?.required === undefined ? null : [...checks.required],
            noFailures: checks?.no_failures ?? true
          }
  }
}

/**
 * One level deep: the environment's fields win; `false` on either side means
 * the whole key is what the environment says (off, or its own mapping alone).
 */
function mergeOneLevel<T extends object>(
  base: T | false | undefined,
  own: T | false | undefined
): T | false | undefined {
  if (own === undefined) return base
  if (own === false || base === undefined || base === false) return own
  return { ...base, ...own }
}

/**
 * `path@ref` entries: a ref without `refs/` names a branch (`main` is
 * `refs/heads/main`), as GitHub's `job_workflow_ref` always spells it in full.
 */
function trustedWorkflows(
  entries: readonly string[] | undefined
): TrustedWorkflow[] | null {
  if (entries === undefined) return null
  return entries.map((text) => {
    const at = text.indexOf('@')
    if (at < 0) return { text, path: text, ref: null }
    const ref = text.slice(at + 1)
    return {
      text,
      path: text.slice(0, at),
      ref: ref.startsWith('refs/') ? ref : `refs/heads/${ref}`
    }
  })
}
