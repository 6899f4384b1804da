// SPEC §5.9: a required check whose rule pins its source (a ruleset's
// `integration_id`, classic protection's `checks[].app_id`) is satisfied
// only by a check run of that app; for GitHub Actions only by the check run
// of a workflow job. A commit status never is: any token with
// `statuses: write` posts any context. Nor is a check run a token created
// through the Checks API: a workflow's GITHUB_TOKEN makes it as the GitHub
// Actions app, but it has no job (and so no steps) behind it.

import type { CheckResultFact, Facts, Unreadable } from '../facts.js'
import type { EnvironmentPolicy } from '../policy/index.js'
import { andList, containingBranches } from './util.js'

/** GitHub Actions' app id, as rulesets name it (`integration_id`). */
const GITHUB_ACTIONS = 15368

/**
 * The apps each required context is pinned to, by the readable rules and
 * classic protection of the policy's branches that hold the commit. Pins
 * apply to names the policy lists in `checks.required` too.
 */
export function pinsOf(
  facts: Facts,
  policy: EnvironmentPolicy
): Map<string, number[]> {
  const pins = new Map<string, number[]>()
  for (const b of containingBranches(facts, policy)) {
    const sources = [
      ...('unreadable' in b.rules ? [] : b.rules),
      ...(b.classic === null || 'unreadable' in b.classic ? [] : [b.classic])
    ]
    for (const p of sources.flatMap((s) => s.pinnedChecks ?? [])) {
      const apps = pins.get(p.context) ?? []
      if (!apps.includes(p.appId)) pins.set(p.context, [...apps, p.appId])
    }
  }
  return pins
}

/**
 * Whether `r` comes from every app in `apps`: true, false, or Unreadable
 * when whether a GitHub Actions check run is a job could not be learned.
 */
export function fromPinned(
  r: CheckResultFact,
  apps: readonly number[]
): boolean | Unreadable {
  for (const app of apps) {
    if (r.kind !== 'check_run' || r.appId !== app) return false
    if (app !== GITHUB_ACTIONS) continue
    if (r.job === undefined) {
      return {
        unreadable: true,
        permission: 'checks: read',
        detail: 'whether it is the check run of a workflow job was not asked'
      }
    }
    if (r.job !== true) return r.job
  }
  return true
}

/** The app a pin names, in words. */
export function appName(app: number): string {
  return app === GITHUB_ACTIONS
    ? 'GitHub Actions (a workflow job)'
    : `the GitHub App with id ${app}`
}

/** What a result that does not satisfy the pin is, in words. */
function whatItIs(r: CheckResultFact): string {
  if (r.kind === 'status') {
    return `a commit status posted by ${r.by ?? 'an unknown account'}`
  }
  if (r.appId === GITHUB_ACTIONS && r.job === false) {
    return 'a check run created through the Checks API (no workflow job behind it)'
  }
  return `a check run of ${r.by === null ? 'an unknown app' : `the app ${r.by}`}${r.appId === undefined || r.appId === null ? '' : ` (id ${r.appId})`}`
}

/** The problem of a pinned check whose only successes come from elsewhere. */
export function pinnedProblem(o: {
  name: string
  apps: readonly number[]
  /** the commit the results ran on, shortened */
  where: string
  /** the successes of the name that do not satisfy the pin */
  others: readonly CheckResultFact[]
}): string {
  const from = andList(o.apps.map(appName))
  const found = andList([...new Set(o.others.map(whatItIs))])
  const fix = o.apps.includes(GITHUB_ACTIONS)
    ? `run \`${o.name}\` as a job of a workflow on ${o.where} (a status or a check run posted through the API by any token does not count)`
    : `have that app report \`${o.name}\` on ${o.where}`
  return `the required check \`${o.name}\` must come from ${from}; the result on ${o.where} is ${found}: ${fix}, or change the required check's source in the ruleset or branch protection`
}
