// SPEC §5.4 `branch-protection`: every policy branch holding the deployed
// commit is protected, by rulesets or classic protection, with at least the
// required settings. Rulesets in `evaluate` mode never reach Facts (the
// gatherer keeps active rules only). A 403 is "cannot tell", never
// "unprotected"; a 404 on classic protection (null) means none. Exempt
// ruleset bypass actors, and bypass actors the token cannot read, are
// noted in the message (bypass-note.ts).

import {
  isUnreadable,
  type BranchFact,
  type Facts,
  type Unreadable
} from '../facts.js'
import type {
  BranchProtectionRequirement,
  EnvironmentPolicy
} from '../policy/index.js'
import {
  NO_PROTECTION,
  needsOf,
  provides,
  settingsOfClassic,
  settingsOfRules,
  strongest,
  type BooleanSetting,
  type Need,
  type ProtectionSettings
} from '../protection.js'
import { bypassNote } from './bypass-note.js'
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

/** A need in words: what the branch must have, what it has, how to fix it. */
interface Requirement {
  /** what the branch must have, e.g. `blocked force pushes` */
  what: string
  met: (s: ProtectionSettings) => boolean
  /** what it has instead, when that helps */
  actual: (s: ProtectionSettings) => string
  fix: string
}

const nothing = (): string => ''

const FLAG_WORDS: Record<BooleanSetting, { what: string; fix: string }> = {
  dismissStaleReviews: {
    what: 'dismissal of stale approvals on push',
    fix: 'enable "Dismiss stale pull request approvals when new commits are pushed"'
  },
  requireLastPushApproval: {
    what: 'approval of the most recent push',
    fix: 'enable "Require approval of the most recent reviewable push"'
  },
  requireCodeOwnerReview: {
    what: 'code owner review',
    fix: 'enable "Require review from Code Owners"'
  },
  blockForcePushes: {
    what: 'blocked force pushes',
    fix: 'enable "Block force pushes" in a ruleset (or turn off "Allow force pushes" in branch protection)'
  },
  blockDeletions: {
    what: 'blocked deletion',
    fix: 'enable "Restrict deletions" in a ruleset (or turn off "Allow deletions" in branch protection)'
  }
}

function inWords(need: Need): Requirement {
  const met = (s: ProtectionSettings): boolean => provides(s, need)
  switch (need.kind) {
    case 'approvals':
      return {
        what: plural(need.count, 'required approving review'),
        met,
        actual: (s) => ` (it requires ${s.requiredApprovals})`,
        fix: `set "Required approvals" to at least ${need.count} in the pull request rule of a ruleset (or in branch protection)`
      }
    case 'statusCheck':
      return {
        what: `the required status check "${need.context}"`,
        met,
        actual: nothing,
        fix: `add "${need.context}" to the required status checks`
      }
    case 'flag':
      return { ...FLAG_WORDS[need.setting], met, actual: nothing }
  }
}

function requirements(req: BranchProtectionRequirement): Requirement[] {
  return needsOf(req).map(inWords)
}

interface BranchOutcome {
  status: CheckStatus
  problems: string[]
}

function evaluateBranch(
  branch: BranchFact,
  req: BranchProtectionRequirement
): BranchOutcome {
  const { rules, classic } = branch
  const name = branch.name
  let known = NO_PROTECTION
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
  return result(
    'branch-protection',
    status,
    summary + bypassNote(facts, branches),
    problems
  )
}
