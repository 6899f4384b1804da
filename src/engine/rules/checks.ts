// SPEC §5.9 `checks`: the deployed commit passed its tests. Every required
// name succeeded on the deployed commit, or on the final head of the pull
// request that introduced it; with `no_failures`, nothing on the deployed
// commit ended badly. The jobs of the current workflow run (the deploy job
// itself is still running) and the gate's own commit statuses never count.

import type {
  CheckResultFact,
  CommitCiResultsFact,
  Facts,
  Unreadable
} from '../facts.js'
import type { EnvironmentPolicy } from '../policy/index.js'
import { appName, fromPinned, pinnedProblem, pinsOf } from './pinned-checks.js'
import type { CheckLink, CheckResult } from './types.js'
import {
  andList,
  containingBranches,
  plural,
  result,
  shortSha,
  statusOf
} from './util.js'

/** The gate's own status contexts, `promotion-gate/<environment>`. */
export const OWN_STATUS_PREFIX = 'promotion-gate/'

/**
 * What satisfies a required check: "required status checks must have a
 * successful, skipped, or neutral status" (docs.github.com/en/repositories/
 * configuring-branches-and-merges-in-your-repository/managing-protected-branches/
 * about-protected-branches#require-status-checks-before-merging).
 */
const SUCCEEDED = new Set(['success', 'neutral', 'skipped'])

/** SPEC §4 `no_failures`, plus `startup_failure`, a workflow that never ran. */
const FAILED = new Set([
  'failure',
  'error',
  'timed_out',
  'cancelled',
  'action_required',
  'startup_failure'
])

/** The results that count: not the current run's jobs, not the gate's own status. */
export function counted(
  results: readonly CheckResultFact[],
  runId: number | null
): CheckResultFact[] {
  const kept = results.filter(
    (r) =>
      !(r.kind === 'status' && r.name.startsWith(OWN_STATUS_PREFIX)) &&
      !(runId !== null && r.workflowRunId === runId)
  )
  // The rollup keeps the latest run of a check per check suite, so a second
  // workflow run on the same commit lists its job beside the first one's
  // (a re-run replaces it). As for a required check on GitHub, the latest
  // run of a name by the same app is what counts.
  const key = (r: CheckResultFact): string => JSON.stringify([r.by, r.name])
  const latest = new Map<string, CheckResultFact>()
  for (const r of kept) {
    if (r.kind !== 'check_run') continue
    const seen = latest.get(key(r))
    if (seen === undefined || String(seen.at) < String(r.at))
      latest.set(key(r), r)
  }
  return kept.filter((r) => r.kind !== 'check_run' || latest.get(key(r)) === r)
}

export function succeeded(r: CheckResultFact): boolean {
  return r.completed && SUCCEEDED.has(r.state)
}

export function failed(r: CheckResultFact): boolean {
  return r.completed && FAILED.has(r.state)
}

/**
 * The required names: the policy's list, or else the required status checks
 * of the rulesets and classic protection of the policy's branches that hold
 * the commit. A string is a problem that keeps them from being known.
 */
export function requiredChecks(
  facts: Facts,
  policy: EnvironmentPolicy
): { names: string[]; source: string } | { unknown: string } {
  if (policy.ciRequirement === false) return { names: [], source: 'off' }
  if (policy.ciRequirement.required !== null) {
    return { names: [...policy.ciRequirement.required], source: 'the policy' }
  }
  const names = new Set<string>()
  for (const b of containingBranches(facts, policy)) {
    if ('unreadable' in b.rules) {
      return {
        unknown: `the rules of branch ${b.name} could not be read, so its required checks are unknown (the token needs \`${b.rules.permission}\`); or list them in checks.required`
      }
    }
    for (const rule of b.rules) {
      for (const name of rule.requiredStatusChecks ?? []) names.add(name)
    }
    // Classic protection's required checks: from its full settings when
    // read, else from the rule non-admins see (GraphQL refUpdateRule).
    const classic = b.classic
    if (classic !== null && !('unreadable' in classic)) {
      for (const name of classic.requiredStatusChecks) names.add(name)
    } else if (b.visibleClassic !== undefined) {
      for (const name of b.visibleClassic?.requiredStatusChecks ?? []) {
        names.add(name)
      }
    } else if (classic !== null) {
      return {
        unknown: `the classic protection of branch ${b.name} could not be read, so its required checks are unknown (the token needs \`${classic.permission}\`); or list them in checks.required`
      }
    }
  }
  return {
    names: [...names],
    source: "the required status checks of the branch's rules and protection"
  }
}

/** A check run or status the decision relied on, and the commit it ran on. */
export interface ReliedCheck {
  sha: string
  result: CheckResultFact
}

export function check(
  facts: Facts,
  policy: EnvironmentPolicy,
  _now: Date
): CheckResult {
  return judge(facts, policy).result
}

/**
 * Every check run and status the decision relied on: those counted on the
 * deployed commit, and the required ones found on the pull request's head.
 */
export function reliedOn(
  facts: Facts,
  policy: EnvironmentPolicy
): ReliedCheck[] {
  return judge(facts, policy).relied
}

function judge(
  facts: Facts,
  policy: EnvironmentPolicy
): { result: CheckResult; relied: ReliedCheck[] } {
  const done = (
    r: CheckResult,
    relied: ReliedCheck[] = []
  ): { result: CheckResult; relied: ReliedCheck[] } => ({
    result: r,
    relied
  })
  const want = policy.ciRequirement
  if (want === false) {
    return done(
      result(
        'checks',
        'skipped',
        'test results are not checked (checks: false)'
      )
    )
  }
  const short = shortSha(facts.sha)
  const read = facts.ciResults
  if (read === null) {
    return done(
      result('checks', 'error', `the checks of ${short} were not read`, [
        `the checks of ${short} were not read, so whether its tests passed cannot be verified`
      ])
    )
  }
  const commit = read.commit
  if ('unreadable' in commit.results) {
    return done(unreadable(short, commit))
  }
  const runId = facts.run.id
  const here = counted(commit.results, runId)
  const required = requiredChecks(facts, policy)
  const problems: string[] = []
  const links: CheckLink[] = []
  let definite = false
  let unverified = false
  const fromHead = new Set<CheckResultFact>()
  const relied = new Set<CheckResultFact>()

  if ('unknown' in required) {
    problems.push(required.unknown)
    unverified = true
  } else {
    const pins = pinsOf(facts, policy)
    for (const name of required.names) {
      const apps = pins.get(name) ?? []
      // A success of the name from elsewhere than the pinned app, and one
      // whose being a job could not be learned (SPEC §5.9).
      const others: CheckResultFact[] = []
      let cannotTell: Unreadable | null = null
      const fits = (r: CheckResultFact): boolean => {
        if (r.name !== name || !succeeded(r)) return false
        const from = fromPinned(r, apps)
        if (from === true) return true
        if (from === false) others.push(r)
        else cannotTell ??= from
        return false
      }
      const ok = here.find(fits)
      if (ok !== undefined) {
        relied.add(ok)
        continue
      }
      const head = read.pullRequestHead
      if (head !== null && head.sha !== facts.sha) {
        if ('unreadable' in head.results) {
          problems.push(
            `required check ${name} did not succeed on ${short}, and the checks of PR #${head.pullRequest}'s final head ${shortSha(head.sha)} could not be read (the token needs \`${head.results.permission}\`)`
          )
          unverified = true
          continue
        }
        const onHead = counted(head.results, runId).find(fits)
        if (onHead !== undefined) {
          relied.add(onHead)
          fromHead.add(onHead)
          continue
        }
      }
      const unsure = cannotTell as Unreadable | null
      if (unsure !== null) {
        problems.push(
          `cannot tell whether the success of required check \`${name}\` comes from ${andList(apps.map(appName))}: ${unsure.detail} (the token needs \`${unsure.permission}\`)`
        )
        unverified = true
        continue
      }
      definite = true
      if (others.length > 0) {
        problems.push(
          pinnedProblem({
            name,
            apps,
            where:
              head === null || others.every((r) => here.includes(r))
                ? short
                : `${short} or PR #${head.pullRequest}'s final head`,
            others
          })
        )
        continue
      }
      // Reached only when head is null, unreadable (handled above) or the
      // commit itself, or the head had no success for the name.
      const other =
        head !== null &&
        head.sha !== facts.sha &&
        !('unreadable' in head.results)
          ? {
              label: `PR #${head.pullRequest}'s final head`,
              runs: counted(head.results, runId).filter((r) => r.name === name)
            }
          : null
      const seen = [
        ...here.filter((r) => r.name === name),
        ...(other === null ? [] : other.runs)
      ]
      problems.push(
        seen.length === 0
          ? `required check ${name} has not run on ${short}${other === null ? '' : ` nor on ${other.label}`}: run it, or correct the name in checks.required or the branch's required status checks`
          : `required check ${name} did not succeed on ${short}${other !== null && other.runs.length > 0 ? ` or on ${other.label}` : ''}: it is ${andList(seen.map((r) => r.state))}`
      )
    }
  }

  if (want.noFailures) {
    for (const r of here.filter(failed)) {
      definite = true
      relied.add(r)
      problems.push(
        `${r.kind === 'status' ? 'status' : 'check'} ${r.name} on ${short} ended in ${r.state}${r.url === null ? '' : ` (${r.url})`}: fix it and run it again before deploying`
      )
    }
  }
  for (const r of relied) {
    if (r.url !== null)
      links.push({ kind: 'check', url: r.url, label: `${r.name}: ${r.state}` })
  }
  const headSha = read.pullRequestHead?.sha ?? facts.sha
  const all: ReliedCheck[] = [
    ...here.map((r) => ({ sha: facts.sha, result: r })),
    ...[...fromHead].map((r) => ({ sha: headSha, result: r }))
  ]
  const status = statusOf(definite, unverified)
  const names = 'names' in required ? required.names : []
  if (status === 'pass') {
    return done(
      result(
        'checks',
        'pass',
        names.length === 0
          ? `${short}: no check is required and ${plural(here.length, 'check and status', 'checks and statuses')} show no failure`
          : `${short}: ${andList(names)} succeeded${want.noFailures ? ' and nothing failed' : ''}`,
        [],
        links
      ),
      all
    )
  }
  return done(
    result(
      'checks',
      status,
      status === 'fail'
        ? `the tests of ${short} did not all pass`
        : `the tests of ${short} could not be verified`,
      problems,
      links
    ),
    all
  )
}

function unreadable(short: string, c: CommitCiResultsFact): CheckResult {
  const u = c.results as { permission: string; detail: string }
  return result('checks', 'error', `the checks of ${short} could not be read`, [
    `the check runs and statuses of ${short} could not be read (${u.detail}): the token needs \`${u.permission}\``
  ])
}
