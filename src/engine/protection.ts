// What a branch's protection amounts to: its active ruleset rules and its
// classic protection read as one set of settings, and whether those meet a
// policy's requirement. Facts-level, so gathering (which reads classic
// protection only when the rules fall short) and the `branch-protection`
// rule (which words the shortfall) share one reading.

import type { ClassicProtectionFact, RulesetRuleFact } from './facts.js'
import type { BranchProtectionRequirement } from './policy/index.js'

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

export const NO_PROTECTION: ProtectionSettings = {
  requiredApprovals: 0,
  dismissStaleReviews: false,
  requireLastPushApproval: false,
  requireCodeOwnerReview: false,
  blockForcePushes: false,
  blockDeletions: false,
  requiredStatusChecks: []
}

export function settingsOfRules(rules: RulesetRuleFact[]): ProtectionSettings {
  const settings = { ...NO_PROTECTION, requiredStatusChecks: [] as string[] }
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

export type BooleanSetting =
  | 'dismissStaleReviews'
  | 'requireLastPushApproval'
  | 'requireCodeOwnerReview'
  | 'blockForcePushes'
  | 'blockDeletions'

/** One thing a requirement asks of a branch. */
export type Need =
  | { kind: 'approvals'; count: number }
  | { kind: 'flag'; setting: BooleanSetting }
  | { kind: 'statusCheck'; context: string }

/** The boolean settings in the order a shortfall is reported. */
const FLAGS: BooleanSetting[] = [
  'dismissStaleReviews',
  'requireLastPushApproval',
  'requireCodeOwnerReview',
  'blockForcePushes',
  'blockDeletions'
]

/** Every need of the requirement, in the order a shortfall is reported. */
export function needsOf(req: BranchProtectionRequirement): Need[] {
  const list: Need[] = []
  if (req.requiredApprovals > 0) {
    list.push({ kind: 'approvals', count: req.requiredApprovals })
  }
  for (const setting of FLAGS) {
    if (req[setting]) list.push({ kind: 'flag', setting })
  }
  for (const context of req.requiredStatusChecks) {
    list.push({ kind: 'statusCheck', context })
  }
  return list
}

export function provides(settings: ProtectionSettings, need: Need): boolean {
  switch (need.kind) {
    case 'approvals':
      return settings.requiredApprovals >= need.count
    case 'flag':
      return settings[need.setting]
    case 'statusCheck':
      return settings.requiredStatusChecks.includes(need.context)
  }
}

/** Whether the settings meet every requirement of the policy. */
export function meets(
  settings: ProtectionSettings,
  req: BranchProtectionRequirement
): boolean {
  return needsOf(req).every((need) => provides(settings, need))
}
