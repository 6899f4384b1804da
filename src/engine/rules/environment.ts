// SPEC §5.8 `environment`: the GitHub environment deployed to exists in the
// repository's settings and itself enforces `environment_protection`, so that
// no workflow, edited on any branch, can deploy around the gate.
//
// "Protected branches only" (`deployment_branch_policy.protected_branches`):
// GitHub lets a branch deploy when a branch protection rule covers it, and
// "if no branch protection rules are defined for any branch in the
// repository, then all branches can deploy" (docs.github.com/en/actions/
// reference/workflows-and-actions/deployments-and-environments, "Deployment
// branches and tags"; github.com/github/roadmap/issues/164: "all branches
// matching the Branch Protection Rules"). The documentation speaks of branch
// protection rules only, not of rulesets, so the gate accepts the setting
// only when classic protection is seen on the policy's branch that holds the
// commit; protected by rulesets alone, or not at all, it fails, and the
// message recommends selected branches instead, which do not depend on it.

import { minimatch } from 'minimatch'
import type { EnvironmentSettingsFact, Facts } from '../facts.js'
import type {
  EnvironmentPolicy,
  EnvironmentProtectionRequirement
} from '../policy/index.js'
import type { CheckLink, CheckResult } from './types.js'
import { andList, orList, plural, result, statusOf } from './util.js'

export function check(
  facts: Facts,
  policy: EnvironmentPolicy,
  _now: Date
): CheckResult {
  const want = policy.environmentProtection
  const env = policy.name
  if (want === false) {
    return result(
      'environment',
      'skipped',
      `the settings of environment ${env} are not checked (environment_protection: false)`
    )
  }
  const read = facts.environmentSettings
  if (read === null) {
    return result(
      'environment',
      'error',
      `the settings of environment ${env} were not read`,
      [
        `the settings of environment ${env} were not read, so whether it can be deployed to around the gate cannot be verified`
      ]
    )
  }
  if ('unreadable' in read) {
    return result(
      'environment',
      'error',
      `the settings of environment ${env} could not be read`,
      [
        `the settings of environment ${env} could not be read (${read.detail}): the token needs \`${read.permission}\``
      ]
    )
  }
  if (!read.exists) {
    return result(
      'environment',
      'fail',
      `environment ${env} does not exist in the repository's settings`,
      [
        `environment ${env} does not exist in the repository's settings: a workflow job that names it creates it with no rules, so a workflow edited on an unreviewed branch could deploy without the gate. Create it under Settings → Environments (${read.settingsUrl}), with deployment branches restricted to ${orList(policy.branches)}`
      ],
      [{ kind: 'settings', url: read.settingsUrl, label: 'environments' }]
    )
  }
  const s = read.settings
  const link: CheckLink = {
    kind: 'settings',
    url: s.settingsUrl,
    label: `environment ${s.name}`
  }
  const { problems, failed, unverified } = settingsProblems(
    s,
    want,
    policy.branches
  )
  const status = statusOf(failed, unverified)
  if (status === 'pass') {
    return result('environment', 'pass', describe(s, want), [], [link])
  }
  return result(
    'environment',
    status,
    status === 'fail'
      ? `environment ${s.name} leaves a way around the gate`
      : `the settings of environment ${s.name} could not be verified`,
    problems,
    [link]
  )
}

/**
 * What the environment's settings leave open against the policy, each with
 * the setting that closes it. `failed`: something definitely open;
 * `unverified`: something that could not be read. Also used by the access
 * matrix to flag gaps.
 */
export function settingsProblems(
  s: EnvironmentSettingsFact,
  want: EnvironmentProtectionRequirement,
  branches: readonly string[]
): { problems: string[]; failed: boolean; unverified: boolean } {
  const problems: string[] = []
  let failed = false
  let unverified = false
  const where = `under Settings → Environments → ${s.name} (${s.settingsUrl})`

  if (want.deploymentBranches === 'protected') {
    const open = deploymentBranchProblems(s, branches, where)
    problems.push(...open.problems)
    if (open.unverified) unverified = true
    else if (open.problems.length > 0) failed = true
  }
  const before = problems.length
  if (s.reviewers.length < want.requiredReviewers) {
    problems.push(
      `environment ${s.name} has ${plural(s.reviewers.length, 'required reviewer')}; the policy asks for ${want.requiredReviewers}: add reviewers ${where}, under "Required reviewers"`
    )
  }
  if (want.preventSelfReview && !s.preventSelfReview) {
    problems.push(
      `environment ${s.name} lets the person who started a deployment approve it: turn on "Prevent self-review" ${where}`
    )
  }
  if (!want.adminBypass && s.canAdminsBypass !== false) {
    problems.push(
      s.canAdminsBypass === null
        ? `GitHub did not say whether administrators can bypass the protection rules of ${s.name}, so they are taken to be able to: turn off "Allow administrators to bypass configured protection rules" ${where}`
        : `administrators can bypass the protection rules of ${s.name}: turn off "Allow administrators to bypass configured protection rules" ${where}`
    )
  }
  if (s.waitTimer < want.waitTimer) {
    problems.push(
      `environment ${s.name} waits ${plural(s.waitTimer, 'minute')} before a deployment; the policy asks for ${want.waitTimer}: set "Wait timer" ${where}`
    )
  }
  if (problems.length > before) failed = true
  return { problems, failed, unverified }
}

function deploymentBranchProblems(
  s: EnvironmentSettingsFact,
  branches: readonly string[],
  where: string
): { problems: string[]; unverified: boolean } {
  const fix = `set "Deployment branches and tags" to "Selected branches and tags" with ${orList(branches)} ${where}`
  const policy = s.deploymentBranchPolicy
  if (policy === null) {
    return {
      problems: [
        `environment ${s.name} accepts deployments from every branch: a workflow edited on an unreviewed branch could deploy without the gate; ${fix}`
      ],
      unverified: false
    }
  }
  if (policy.protectedBranches) {
    const classic = s.classicProtection
    if (
      classic === null ||
      (!('unreadable' in classic) && classic.length === 0)
    ) {
      return {
        problems: [
          `environment ${s.name} accepts "protected branches only", but no branch of the policy holding the commit was read: ${fix}`
        ],
        unverified: true
      }
    }
    if ('unreadable' in classic) {
      return {
        problems: [
          `environment ${s.name} accepts "protected branches only", which GitHub applies to classic branch protection rules; whether any exists could not be read (the token needs \`${classic.permission}\`): ${fix}, which the gate can verify`
        ],
        unverified: true
      }
    }
    const bare = classic.filter((c) => !c.protected).map((c) => c.branch)
    if (bare.length > 0) {
      return {
        problems: [
          `environment ${s.name} accepts "protected branches only", but ${andList(bare)} has no classic branch protection rule; protected by rulesets alone, GitHub lets every branch deploy: ${fix}`
        ],
        unverified: false
      }
    }
    return { problems: [], unverified: false }
  }
  const patterns = s.branchPolicies
  if (patterns === null) {
    return {
      problems: [`the branch patterns of environment ${s.name} were not read`],
      unverified: true
    }
  }
  if ('unreadable' in patterns) {
    return {
      problems: [
        `the branch patterns of environment ${s.name} could not be read (${patterns.detail}): the token needs \`${patterns.permission}\``
      ],
      unverified: true
    }
  }
  const outside = patterns.filter(
    (p) => p.type === 'tag' || !withinBranches(p.name, branches)
  )
  if (outside.length > 0) {
    return {
      problems: [
        `environment ${s.name} accepts deployments from ${andList(outside.map((p) => `${p.type} ${p.name}`))}, outside the policy's branches ${orList(branches)}: a workflow edited there could deploy without the gate; remove ${outside.length === 1 ? 'that pattern' : 'those patterns'} ${where}`
      ],
      unverified: false
    }
  }
  return { problems: [], unverified: false }
}

/**
 * Every branch the environment pattern admits is one of the policy's
 * branches. GitHub's patterns are fnmatch-style and `*` does not cross `/`
 * (docs.github.com/en/actions/reference/workflows-and-actions/deployments-and-environments),
 * as in minimatch; so a pattern whose wildcards are `*` and `?` only is
 * within a policy glob whose only wildcard is `*` and that matches the
 * pattern's own text (a glob's `?`, class, escape or negation could match the
 * pattern's `*` as a character: `a*` is not within `a?`). A pattern without
 * wildcards names one branch, within a glob without `**` that matches it.
 * Anything more (`**`, classes, braces) must be one of the policy's globs
 * exactly.
 */
export function withinBranches(
  pattern: string,
  branches: readonly string[]
): boolean {
  if (branches.includes(pattern)) return true
  if (/\*\*|[[\]{}()!+@]/.test(pattern)) return false
  const wild = /[*?]/.test(pattern)
  return branches.some(
    (glob) =>
      !glob.includes('**') &&
      !(wild && /[?[\]{}()!+@\\]/.test(glob)) &&
      minimatch(pattern, glob)
  )
}

function describe(
  s: EnvironmentSettingsFact,
  want: EnvironmentProtectionRequirement
): string {
  const parts: string[] = []
  const policy = s.deploymentBranchPolicy
  parts.push(
    policy === null
      ? 'any branch may deploy'
      : policy.protectedBranches
        ? 'protected branches only'
        : !Array.isArray(s.branchPolicies)
          ? 'custom branch patterns (not read)'
          : s.branchPolicies.length === 0
            ? 'no branch may deploy'
            : `branches ${orList(s.branchPolicies.map((p) => p.name))}`
  )
  if (want.requiredReviewers > 0 || s.reviewers.length > 0) {
    parts.push(plural(s.reviewers.length, 'required reviewer'))
  }
  if (s.preventSelfReview) parts.push('no self-review')
  if (s.canAdminsBypass === false) parts.push('no admin bypass')
  if (s.waitTimer > 0) parts.push(`wait ${plural(s.waitTimer, 'minute')}`)
  return `environment ${s.name}: ${parts.join(', ')}`
}
