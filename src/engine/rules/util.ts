// Small helpers shared by the checks. Internal to src/engine/rules.

import { minimatch } from 'minimatch'
import type {
  Actor,
  BranchFact,
  EnvironmentApprovalFact,
  Facts
} from '../facts.js'
import type { EnvironmentPolicy } from '../policy/index.js'
import {
  CONTROLS,
  type CheckId,
  type CheckLink,
  type CheckResult,
  type CheckStatus
} from './types.js'

/** The 7-character form of a sha, for messages. */
export function shortSha(sha: string): string {
  return sha.slice(0, 7)
}

/** Logins are case-insensitive on GitHub. */
export function loginKey(login: string): string {
  return login.toLowerCase()
}

export function sameLogin(a: string, b: string): boolean {
  return loginKey(a) === loginKey(b)
}

export function includesLogin(list: readonly string[], login: string): boolean {
  return list.some((entry) => sameLogin(entry, login))
}

/**
 * A bot's login: the `[bot]` suffix, or `Copilot`, the REST login of the Bot
 * account (198982749) of Copilot's coding agent, which has none
 * (posit-dev/ark#1001: `"login": "Copilot"`, `"type": "Bot"`).
 */
export function isBotLogin(login: string): boolean {
  const key = loginKey(login)
  return key.endsWith('[bot]') || key === 'copilot'
}

/** A bot account: GitHub says so, or its login is a bot's. */
export function isBot(actor: Actor): boolean {
  return actor.type === 'Bot' || isBotLogin(actor.login)
}

/**
 * The run's approvals of `env` (environment names compare case-insensitively,
 * as GitHub's do), one per approver: the first, in GitHub's order.
 */
export function approvalsOf(
  approvals: readonly EnvironmentApprovalFact[],
  env: string
): EnvironmentApprovalFact[] {
  const seen = new Set<string>()
  return approvals.filter((a) => {
    if (
      a.state !== 'approved' ||
      !a.environments.some((e) => e.toLowerCase() === env.toLowerCase())
    ) {
      return false
    }
    const key = loginKey(a.user.login)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

export function matchesBranch(name: string, globs: readonly string[]): boolean {
  return globs.some((glob) => minimatch(name, glob))
}

/** The policy branches that hold the deployed commit. */
export function containingBranches(
  facts: Facts,
  policy: EnvironmentPolicy
): BranchFact[] {
  return facts.branches.filter(
    (b) => b.containsCommit && matchesBranch(b.name, policy.branches)
  )
}

/** How to name "the branch" in a message: the one holding the commit. */
export function branchLabel(facts: Facts, policy: EnvironmentPolicy): string {
  const names = containingBranches(facts, policy).map((b) => b.name)
  return orList(names.length > 0 ? names : policy.branches)
}

/** `a`, `a or b`, `a, b or c` */
export function orList(items: readonly string[]): string {
  return joinList(items, 'or')
}

/** `a`, `a and b`, `a, b and c` */
export function andList(items: readonly string[]): string {
  return joinList(items, 'and')
}

function joinList(items: readonly string[], word: string): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} ${word} ${items.slice(-1).join('')}`
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`
}

/** `1d2h`, `1h35m`, `25m`, `45s`, `0s` */
export function formatDuration(seconds: number): string {
  let rest = Math.max(0, Math.round(seconds))
  const parts: string[] = []
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size)
    rest -= n * size
    if (n > 0) parts.push(`${n}${unit}`)
  }
  return parts.length > 0 ? parts.join('') : '0s'
}

const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
  ['s', 1]
]

/** Milliseconds since the epoch of an ISO 8601 time from the facts. */
export function timeOf(iso: string): number {
  return Date.parse(iso)
}

/**
 * A definite violation outweighs "cannot tell": `fail` when anything was
 * verified to be wrong, else `error` when anything could not be verified,
 * else `pass`. Both block.
 */
export function statusOf(failed: boolean, unverified: boolean): CheckStatus {
  if (failed) return 'fail'
  return unverified ? 'error' : 'pass'
}

export function result(
  id: CheckId,
  status: CheckStatus,
  summary: string,
  problems: string[] = [],
  links: CheckLink[] = []
): CheckResult {
  return {
    id,
    status,
    summary,
    problems,
    controls: [...CONTROLS[id]],
    links
  }
}
