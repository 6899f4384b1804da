// GitHub's answers about branch protection -> Facts: ruleset rules (REST and
// GraphQL `Ref.rules`), the classic rule GraphQL shows (`refUpdateRule`) and
// classic protection over REST. Pure; every value narrowed (shape.ts).

import type {
  ClassicProtectionFact,
  PinnedCheck,
  RulesetRuleFact,
  RuleType
} from '../facts.js'
import { arr, connection, num, obj, optObj, str, type Json } from './shape.js'

const RULE_TYPES: Record<string, RuleType> = {
  pull_request: 'pull_request',
  non_fast_forward: 'non_fast_forward',
  deletion: 'deletion',
  required_status_checks: 'required_status_checks',
  update: 'update',
  creation: 'creation',
  required_linear_history: 'required_linear_history',
  required_signatures: 'required_signatures'
}

/** REST `GET /repos/{o}/{r}/rules/branches/{branch}` items. */
export function parseRules(value: unknown, path: string): RulesetRuleFact[] {
  return arr(value, path).map((item, i) => {
    const p = `${path}[${i}]`
    const r = obj(item, p)
    const rawType = str(r.type, `${p}.type`)
    const params = optObj(r.parameters, `${p}.parameters`)
    const rule: RulesetRuleFact = {
      type: RULE_TYPES[rawType] ?? 'other',
      rawType,
      rulesetId: typeof r.ruleset_id === 'number' ? r.ruleset_id : null
    }
    if (rawType === 'pull_request' && params !== null) {
      rule.pullRequest = {
        requiredApprovingReviewCount: num(
          params.required_approving_review_count,
          `${p}.parameters.required_approving_review_count`
        ),
        dismissStaleReviewsOnPush:
          params.dismiss_stale_reviews_on_push === true,
        requireCodeOwnerReview: params.require_code_owner_review === true,
        requireLastPushApproval: params.require_last_push_approval === true
      }
    }
    if (rawType === 'required_status_checks' && params !== null) {
      const checks = arr(
        params.required_status_checks,
        `${p}.parameters.required_status_checks`
      ).map((c, j) => {
        const at = `${p}.parameters.required_status_checks[${j}]`
        const check = obj(c, at)
        return {
          context: str(check.context, `${at}.context`),
          appId: appPin(check.integration_id, `${at}.integration_id`)
        }
      })
      rule.requiredStatusChecks = checks.map((c) => c.context)
      const pinned = checks.flatMap((c) =>
        c.appId === null ? [] : [{ context: c.context, appId: c.appId }]
      )
      if (pinned.length > 0) rule.pinnedChecks = pinned
    }
    return rule
  })
}

/**
 * GraphQL `Ref.rules`, in the REST shape `parseRules` reads. Null when
 * GitHub gave no answer or more than a page: REST is asked instead.
 */
export function parseRefRules(
  value: unknown,
  path: string
): RulesetRuleFact[] | null {
  const rules = optObj(value, path)
  if (rules === null) return null
  const c = connection(rules, path)
  if (c.hasNextPage) return null
  const rest: Json[] = []
  c.nodes.forEach((item, i) => {
    const p = `${path}.nodes[${i}]`
    const r = obj(item, p)
    const ruleset = optObj(r.repositoryRuleset, `${p}.repositoryRuleset`)
    // Only active rulesets protect; `evaluate` only reports.
    if (ruleset !== null && ruleset.enforcement !== 'ACTIVE') return
    const params = optObj(r.parameters, `${p}.parameters`)
    rest.push({
      type: str(r.type, `${p}.type`).toLowerCase(),
      ruleset_id: ruleset === null ? null : ruleset.databaseId,
      parameters:
        params === null
          ? null
          : {
              required_approving_review_count:
                params.requiredApprovingReviewCount,
              dismiss_stale_reviews_on_push: params.dismissStaleReviewsOnPush,
              require_code_owner_review: params.requireCodeOwnerReview,
              require_last_push_approval: params.requireLastPushApproval,
              required_status_checks: Array.isArray(params.requiredStatusChecks)
                ? params.requiredStatusChecks.map((c) => {
                    const check = obj(c, `${p}.parameters.requiredStatusChecks`)
                    return {
                      context: check.context,
                      integration_id: check.integrationId
                    }
                  })
                : params.requiredStatusChecks
            }
    })
  })
  return parseRules(rest, path)
}

/** GraphQL `Ref.refUpdateRule`: the classic rule non-admins may see, if any. */
export function parseRefUpdateRule(
  value: unknown,
  path: string
): { pattern: string; requiredStatusChecks: string[] } | null {
  const r = optObj(value, path)
  if (r === null) return null
  return {
    pattern: str(r.pattern, `${path}.pattern`),
    requiredStatusChecks: arr(
      r.requiredStatusCheckContexts ?? [],
      `${path}.requiredStatusCheckContexts`
    ).map((c, i) => str(c, `${path}.requiredStatusCheckContexts[${i}]`))
  }
}

/** REST `GET /repos/{o}/{r}/branches/{branch}/protection`. */
export function parseClassicProtection(
  value: unknown,
  path: string
): ClassicProtectionFact {
  const p = obj(value, path)
  const reviews = optObj(
    p.required_pull_request_reviews,
    `${path}.required_pull_request_reviews`
  )
  const checks = optObj(
    p.required_status_checks,
    `${path}.required_status_checks`
  )
  const flag = (key: string): boolean => {
    const v = optObj(p[key], `${path}.${key}`)
    return v !== null && v.enabled === true
  }
  const contexts: string[] = []
  const pinned: PinnedCheck[] = []
  if (checks !== null) {
    if (Array.isArray(checks.contexts)) {
      checks.contexts.forEach((c, i) =>
        contexts.push(str(c, `${path}.required_status_checks.contexts[${i}]`))
      )
    }
    if (Array.isArray(checks.checks)) {
      checks.checks.forEach((c, i) => {
        const at = `${path}.required_status_checks.checks[${i}]`
        const check = obj(c, at)
        const context = str(check.context, `${at}.context`)
        if (!contexts.includes(context)) contexts.push(context)
        const appId = appPin(check.app_id, `${at}.app_id`)
        if (appId !== null) pinned.push({ context, appId })
      })
    }
  }
  return {
    requiredApprovingReviewCount:
      reviews === null
        ? null
        : typeof reviews.required_approving_review_count === 'number'
          ? reviews.required_approving_review_count
          : 0,
    dismissStaleReviews: reviews?.dismiss_stale_reviews === true,
    requireLastPushApproval: reviews?.require_last_push_approval === true,
    requireCodeOwnerReviews: reviews?.require_code_owner_reviews === true,
    allowForcePushes: flag('allow_force_pushes'),
    allowDeletions: flag('allow_deletions'),
    requiredStatusChecks: contexts,
    ...(pinned.length > 0 ? { pinnedChecks: pinned } : {}),
    enforceAdmins: flag('enforce_admins')
  }
}

/**
 * The app a required check is pinned to, or null for any source: a
 * ruleset's `integration_id` is optional, and classic protection's `app_id`
 * -1 "explicitly allow[s] any app" (docs.github.com/en/rest/branches/
 * branch-protection#update-branch-protection, `checks[].app_id`).
 */
function appPin(value: unknown, path: string): number | null {
  if (value === null || value === undefined) return null
  const id = num(value, path)
  return id > 0 ? id : null
}
