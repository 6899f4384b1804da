// SPEC §5.4 `branch-protection`: every policy branch holding the deployed
// commit is protected, by rulesets or classic protection, with at least the
// required settings. Rulesets in `evaluate` mode never reach Facts (the
// gatherer keeps active rules only). A 403 is "cannot tell", never
// "unprotected"; a 404 on classic protection (null) means none.

import {
  isUnreadable,
  type BranchFact,
  type ClassicProtectionFact,
  type Facts,
  type RulesetRuleFact,
  type Unreadable
} from '../facts.js'
import type {
  BranchProtectionRequirement,
  EnvironmentPolicy
} from '../policy/index.js'
import type { CheckResult, CheckStatus } from './types.js'
import {
  andList,
  containingBranches,
  orList,
  plural,
  result,
  shortSha,
  statusOf
} from './util.js'

/** What a branch enforces, from its rules, its classic protection, or both. */
export interface ProtectionSettings {
  requiredApprovals: number
  dismissStaleReviews: boolean
  requireLastPushApproval: boolean
  requireCodeOwnerReview: boolean
  blockForcePushes: boolean
  blockDeletions: boolean
  requiredStatusChecks: string[]
}

const NONE: ProtectionSettings = {
  requiredApprovals: 0,
  dismissStaleReviews: false,
  requireLastPushApproval: false,
  requireCodeOwnerReview: false,
  blockForcePushes: false,
  blockDeletions: false,
  requiredStatusChecks: []
}

export function settingsOfRules(rules: RulesetRuleFact[]): ProtectionSettings {
  const settings = { ...NONE, requiredStatusChecks: [] as string[] }
  for (const rule of rules) {
    if (rule.type === 'pull_request' && rule.pullRequest !== undefined) {
      settings.requiredApprovals = Math.max(
        settings.requiredApprovals,
        rule.pullRequest.requiredApprovingReviewCount
      )
      settings.dismissStaleReviews ||=
        rule.pullRequest.dismissStaleReviewsOnPush
      settings.requireLastPushApproval ||=
        rule.pullRequest.requireLastPushApproval
      settings.requireCodeOwnerReview ||=
        rule.pullRequest.requireCodeOwnerReview
    }
    if (rule.type === 'non_fast_forward') settings.blockForcePushes = true
    if (rule.type === 'deletion') settings.blockDeletions = true
    if (rule.type === 'required_status_checks') {
      settings.requiredStatusChecks.push(...(rule.requiredStatusChecks ?? []))
    }
  }
  return settings
}

export function settingsOfClassic(
  classic: ClassicProtectionFact
): ProtectionSettings {
  return {
    requiredApprovals: classic.requiredApprovingReviewCount ?? 0,
    dismissStaleReviews: classic.dismissStaleReviews,
    requireLastPushApproval: classic.requireLastPushApproval,
    requireCodeOwnerReview: classic.requireCodeOwnerReviews,
    blockForcePushes: !classic.allowForcePushes,
    blockDeletions: !classic.allowDeletions,
    requiredStatusChecks: [...classic.requiredStatusChecks]
  }
}

/** Rulesets and classic protection both apply: the stronger setting wins. */
export function strongest(
  a: ProtectionSettings,
  b: ProtectionSettings
): ProtectionSettings {
  return {
    requiredApprovals: Math.max(a.requiredApprovals, b.requiredApprovals),
    dismissStaleReviews: a.dismissStaleReviews || b.dismissStaleReviews,
    requireLastPushApproval:
      a.requireLastPushApproval || b.requireLastPushApproval,
    requireCodeOwnerReview:
      a.requireCodeOwnerReview || b.requireCodeOwnerReview,
    blockForcePushes: a.blockForcePushes || b.blockForcePushes,
    blockDeletions: a.blockDeletions || b.blockDeletions,
    requiredStatusChecks: [
      ...new Set([...a.requiredStatusChecks, ...b.requiredStatusChecks])
    ]
  }
}

type BooleanSetting =
  | 'dismissStaleReviews'
  | 'requireLastPushApproval'
  | 'requireCodeOwnerReview'
  | 'blockForcePushes'
  | 'blockDeletions'

interface Requirement {
  /** what the branch must have, e.g. `blocked force pushes` */
  what: string
  met: (s: ProtectionSettings) => boolean
  /** what it has instead, when that helps */
  actual: (s: ProtectionSettings) => string
  fix: string
}

const nothing = (): string => ''

function requirements(req: BranchProtectionRequirement): Requirement[] {
  const list: Requirement[] = []
  const n = req.requiredApprovals
  if (n > 0) {
    list.push({
      what: plural(n, 'required approving review'),
      met: (s) => s.requiredApprovals >= n,
      actual: (s) => ` (it requires ${s.requiredApprovals})`,
      fix: `set "Required approvals" to at least ${n} in the pull request rule of a ruleset (or in branch protection)`
    })
  }
  const flags: Array<[boolean, BooleanSetting, string, string]> = [
    [
      req.dismissStaleReviews,
      'dismissStaleReviews',
      'dismissal of stale approvals on push',
      'enable "Dismiss stale pull request approvals when new commits are pushed"'
    ],
    [
      req.requireLastPushApproval,
      'requireLastPushApproval',
      'approval of the most recent push',
      'enable "Require approval of the most recent reviewable push"'
    ],
    [
      req.requireCodeOwnerReview,
      'requireCodeOwnerReview',
      'code owner review',
      'enable "Require review from Code Owners"'
    ],
    [
      req.blockForcePushes,
      'blockForcePushes',
      'blocked force pushes',
      'enable "Block force pushes" in a ruleset (or turn off "Allow force pushes" in branch protection)'
    ],
    [
      req.blockDeletions,
      'blockDeletions',
      'blocked deletion',
      'enable "Restrict deletions" in a ruleset (or turn off "Allow deletions" in branch protection)'
    ]
  ]
  for (const [required, key, what, fix] of flags) {
    if (required) {
      list.push({ what, met: (s) => s[key], actual: nothing, fix })
    }
  }
  for (const context of req.requiredStatusChecks) {
    list.push({
      what: `the required status check "${context}"`,
      met: (s) => s.requiredStatusChecks.includes(context),
      actual: nothing,
      fix: `add "${context}" to the required status checks`
    })
  }
  return list
}

interface BranchOutcome {
  status: CheckStatus
  problems: string[]
}

/** Whether the settings meet every requirement of the policy. */
export function meets(
  settings: ProtectionSettings,
  req: BranchProtectionRequirement
): boolean {
  return requirements(req).every((r) => r.met(settings))
}

function evaluateBranch(
  branch: BranchFact,
  req: BranchProtectionRequirement
): BranchOutcome {
  const { rules, classic } = branch
  const name = branch.name
  let known = NONE
  if (!isUnreadable(rules)) known = strongest(known, settingsOfRules(rules))
  if (classic !== null && !isUnreadable(classic)) {
    known = strongest(known, settingsOfClassic(classic))
  }
  const wanted = requirements(req)
  const unmet = wanted.filter((r) => !r.met(known))
  const noRules = !isUnreadable(rules) && rules.length === 0
  if (noRules && classic === null) {
    const needs =
      wanted.length > 0 ? ` with ${andList(wanted.map((r) => r.what))}` : ''
    return {
      status: 'fail',
      problems: [
        `branch ${name} is not protected: add a ruleset (or branch protection) targeting ${name}${needs}`
      ]
    }
  }
  const unreadable: Array<[string, Unreadable]> = []
  if (isUnreadable(rules)) unreadable.push(['rulesets', rules])
  if (isUnreadable(classic)) {
    unreadable.push(['classic branch protection', classic])
  }
  if (unreadable.length === 0) {
    return {
      status: unmet.length === 0 ? 'pass' : 'fail',
      problems: unmet.map(
        (r) => `${name} does not have ${r.what}${r.actual(known)}: ${r.fix}`
      )
    }
  }
  const hasRules = !isUnreadable(rules) && rules.length > 0
  const hasClassic = classic !== null && !isUnreadable(classic)
  if (unmet.length === 0 && (hasRules || hasClassic)) {
    return { status: 'pass', problems: [] }
  }
  const readPart = whatWasRead(rules, classic)
  const cannotRead = unreadable.map(
    ([what, u]) =>
      `its ${what} cannot be read (grant the token \`${u.permission}\`; GitHub said: ${u.detail})`
  )
  const needs =
    unmet.length > 0 ? andList(unmet.map((r) => r.what)) : 'any protection'
  return {
    status: 'error',
    problems: [
      `cannot tell whether ${name} has ${needs}: ${andList([...readPart, ...cannotRead])}; a 403 means "cannot tell", not "unprotected"`
    ]
  }
}

/** What the readable half says, next to the unreadable half. */
function whatWasRead(
  rules: BranchFact['rules'],
  classic: BranchFact['classic']
): string[] {
  if (!isUnreadable(rules)) {
    return [
      rules.length > 0
        ? 'its rulesets alone do not provide it'
        : 'it has no active ruleset'
    ]
  }
  if (classic === null) return ['it has no classic branch protection']
  if (isUnreadable(classic)) return []
  return ['its classic branch protection alone does not provide it']
}

export function check(
  facts: Facts,
  policy: EnvironmentPolicy,
  _now: Date
): CheckResult {
  const req = policy.branchProtection
  if (req === false) {
    return result(
      'branch-protection',
      'skipped',
      `branch protection is not required for ${policy.name} (branch_protection: false)`
    )
  }
  const branches = containingBranches(facts, policy)
  const globs = orList(policy.branches)
  if (branches.length === 0) {
    const sha = shortSha(facts.sha)
    return result(
      'branch-protection',
      'fail',
      `${sha} is on no branch matching ${globs}`,
      [
        `${sha} is on no branch matching ${globs}, so no protection applies to it: merge it into ${globs} through a pull request`
      ]
    )
  }
  const outcomes = branches.map((b) => evaluateBranch(b, req))
  const problems = outcomes.flatMap((o) => o.problems)
  const status = statusOf(
    outcomes.some((o) => o.status === 'fail'),
    outcomes.some((o) => o.status === 'error')
  )
  const names = andList(branches.map((b) => b.name))
  const summary =
    status === 'pass'
      ? `${names} protected with at least the required settings`
      : status === 'fail'
        ? `${names} not protected as ${policy.name} requires`
        : `could not verify the protection of ${names}`
  return result('branch-protection', status, summary, problems)
}
