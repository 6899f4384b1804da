// The evidence record of one decision (SPEC §6): a pure function of the
// Decision, validated against schema/evidence.schema.json before it is
// written. No evidence, no allow.

import type { Decision } from '../decision.js'
import type { CheckId } from '../rules/types.js'
import type { EnvironmentFact } from '../facts.js'
import { reliedOn } from '../rules/checks.js'
import { approversOf } from '../rules/approvers.js'
import { makersOf } from '../rules/makers.js'
import { VERSION } from '../../version.js'
import type { EvidenceApi } from './api.js'

export interface EvidenceChange {
  sha: string
  url: string
  pull_request: {
    number: number
    url: string
    head_sha: string
    merged_at: string | null
  } | null
  makers: { login: string; roles: string[] }[]
  unresolved_identities: {
    name: string | null
    email: string | null
    role: string
  }[]
  approvers: {
    login: string
    review_url: string
    submitted_at: string | null
    commit: string | null
  }[]
  excluded_approvals: {
    login: string | null
    review_url: string
    reason: string
  }[]
}

export interface EvidenceRecord {
  $schema: string
  kind: 'promotion-gate/decision'
  tool: { name: 'promotion-gate'; version: string }
  time: string
  decision: 'allow' | 'block'
  mode: string
  repository: string
  environment: string
  sha: string
  deployer: string | null
  run: {
    id: number | null
    attempt: number | null
    url: string | null
    actor: string | null
    triggering_actor: string | null
  }
  policy: { path: string; ref: string | null; blob_sha: string | null }
  scope: {
    kind: 'range' | 'head'
    since: string | null
    note: string | null
  } | null
  checks: {
    id: string
    status: string
    message: string
    problems: string[]
    controls: string[]
    links: { kind: string; url: string; label: string }[]
  }[]
  changes: EvidenceChange[]
  /** the GitHub environment's own settings as read */
  environment_settings: EvidenceEnvironment | null
  /** the check runs and statuses relied on */
  checks_relied_on: {
    name: string
    kind: 'check_run' | 'status'
    sha: string
    conclusion: string
    url: string | null
    by: string | null
  }[]
  /** SPEC §5.7: set when the decision is a break-glass allow */
  break_glass: EvidenceBreakGlass | null
  failure: { code: string; message: string; hint: string | null } | null
  api_requests: number | null
  /** SPEC §9: what the decision cost and what is left; null: not counted */
  api: EvidenceApi | null
  notes: string[]
}

export interface EvidenceBreakGlass {
  /** the `break-glass-reason` given */
  reason: string
  /** whose environment approval of the run granted it */
  approved_by: string
  /** the checks that failed or could not be verified, overridden */
  overridden_checks: CheckId[]
  /** `break_glass.review_within`, in seconds */
  review_within: number
  /** ISO 8601: the decision time plus review_within */
  review_due: string
  /** the issue asking for the independent review; null: not opened */
  follow_up_issue: { number: number; url: string } | null
}

export interface EvidenceEnvironment {
  name: string
  /** null: the settings could not be read */
  exists: boolean | null
  url: string | null
  deployment_branch_policy: {
    protected_branches: boolean
    custom_branch_policies: boolean
  } | null
  branch_policies: { name: string; type: 'branch' | 'tag' }[] | null
  reviewers: { type: 'User' | 'Team'; name: string }[]
  prevent_self_review: boolean | null
  can_admins_bypass: boolean | null
  wait_timer: number | null
  /** the permission that would read what could not be read */
  unreadable: string | null
}

export function environmentEvidence(
  name: string,
  read: EnvironmentFact | null
): EvidenceEnvironment | null {
  if (read === null) return null
  const empty = {
    name,
    exists: null,
    url: null,
    deployment_branch_policy: null,
    branch_policies: null,
    reviewers: [],
    prevent_self_review: null,
    can_admins_bypass: null,
    wait_timer: null,
    unreadable: null
  }
  if ('unreadable' in read) return { ...empty, unreadable: read.permission }
  if (!read.exists) return { ...empty, exists: false, url: read.settingsUrl }
  const s = read.settings
  const policies = s.branchPolicies
  return {
    name: s.name,
    exists: true,
    url: s.settingsUrl,
    deployment_branch_policy:
      s.deploymentBranchPolicy === null
        ? null
        : {
            protected_branches: s.deploymentBranchPolicy.protectedBranches,
            custom_branch_policies:
              s.deploymentBranchPolicy.customBranchPolicies
          },
    branch_policies:
      policies === null || 'unreadable' in policies
        ? null
        : policies.map((p) => ({ name: p.name, type: p.type })),
    reviewers: s.reviewers.map((r) => ({ type: r.type, name: r.name })),
    prevent_self_review: s.preventSelfReview,
    can_admins_bypass: s.canAdminsBypass,
    wait_timer: s.waitTimer,
    unreadable:
      policies !== null && 'unreadable' in policies ? policies.permission : null
  }
}

export const EVIDENCE_SCHEMA_ID =
  'https://github.com/promotion-gate/promotion-gate/schema/evidence.schema.json'

export function buildEvidence(
  decision: Decision,
  context: {
    mode: string
    requests: number | null
    /** the client's usage; absent or null when it does not count */
    usage?: EvidenceApi | null
    notes: string[]
    /** the break-glass follow-up issue, when one was opened */
    followUpIssue?: { number: number; url: string } | null
  }
): EvidenceRecord {
  const req = decision.request
  const facts = decision.facts
  const policy = decision.environmentPolicy
  const changes: EvidenceChange[] =
    facts === null || policy === null
      ? []
      : facts.changes.map((change) => {
          const { makers, unresolved } = makersOf(change, facts, policy, [
            'author',
            'commit_authors',
            'committers',
            'co_authors'
          ])
          const independent = makersOf(change, facts, policy)
          const pr = change.pullRequest
          const counted =
            pr === null
              ? null
              : approversOf(
                  pr,
                  independent.makers,
                  policy,
                  new Date(decision.evaluatedAt),
                  facts.reviewerTeams
                )
          return {
            sha: change.commit.oid,
            url: change.commit.url,
            pull_request:
              pr === null
                ? null
                : {
                    number: pr.number,
                    url: pr.url,
                    head_sha: pr.headRefOid,
                    merged_at: pr.mergedAt
                  },
            makers: [...makers.values()].map((m) => ({
              login: m.login,
              roles: [...new Set(m.roles.map((r) => r.kind))]
            })),
            unresolved_identities: unresolved.map((u) => ({
              name: u.name,
              email: u.email,
              role: u.kind
            })),
            approvers: (counted?.approvers ?? []).map((a) => ({
              login: a.login,
              review_url: a.review.url,
              submitted_at: a.review.submittedAt,
              commit: a.review.commitOid
            })),
            excluded_approvals: (counted?.excluded ?? []).map((e) => ({
              login: e.login,
              review_url: e.review.url,
              reason: e.message
            }))
          }
        })
  return {
    $schema: EVIDENCE_SCHEMA_ID,
    kind: 'promotion-gate/decision',
    tool: { name: 'promotion-gate', version: VERSION },
    time: decision.evaluatedAt,
    decision: decision.decision,
    mode: context.mode,
    repository: `${req.owner}/${req.repo}`,
    environment: req.environment,
    sha: req.sha,
    deployer: req.deployer,
    run: {
      id: req.run.id,
      attempt: req.run.attempt,
      url: req.run.url,
      actor: req.run.actor,
      triggering_actor: req.run.triggeringActor
    },
    policy: {
      path: decision.policy.path,
      ref: decision.policy.ref,
      blob_sha: decision.policy.blobSha
    },
    scope: facts === null ? null : facts.scope,
    checks: decision.results.map((c) => ({
      id: c.id,
      status: c.status,
      message: c.summary,
      problems: c.problems,
      controls: c.controls,
      links: c.links.map((l) => ({ kind: l.kind, url: l.url, label: l.label }))
    })),
    changes,
    environment_settings:
      facts === null
        ? null
        : environmentEvidence(req.environment, facts.environmentSettings),
    checks_relied_on:
      facts === null || policy === null
        ? []
        : reliedOn(facts, policy).map(({ sha, result: r }) => ({
            name: r.name,
            kind: r.kind,
            sha,
            conclusion: r.state,
            url: r.url,
            by: r.by
          })),
    break_glass:
      decision.breakGlass === null
        ? null
        : {
            reason: decision.breakGlass.reason,
            approved_by: decision.breakGlass.approvedBy,
            overridden_checks: [...decision.breakGlass.overridden],
            review_within: decision.breakGlass.reviewWithin,
            review_due: decision.breakGlass.reviewDue,
            follow_up_issue:
              context.followUpIssue === undefined ||
              context.followUpIssue === null
                ? null
                : {
                    number: context.followUpIssue.number,
                    url: context.followUpIssue.url
                  }
          },
    failure:
      decision.failure === null
        ? null
        : {
            code: decision.failure.code,
            message: decision.failure.message,
            hint: decision.failure.hint ?? null
          },
    api_requests: context.requests,
    api: apiOf(context.usage ?? null),
    notes: context.notes
  }
}

/** A copy: the record must not change as the client goes on counting. */
function apiOf(usage: EvidenceApi | null): EvidenceApi | null {
  if (usage === null) return null
  return {
    requests: { rest: usage.requests.rest, graphql: usage.requests.graphql },
    points: usage.points,
    budgets: usage.budgets.map((b) => ({
      resource: b.resource,
      limit: b.limit,
      remaining: b.remaining,
      used: b.used,
      reset: b.reset
    }))
  }
}
