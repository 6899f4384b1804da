// The access matrix as a periodic access review (SPEC §7, issue 16 item 7):
// what changed since the last review's matrix (`access --format json`, kept
// as the baseline). Each change says whether it opens access (weakened),
// closes it (strengthened), or could not be compared (unknown: counted as
// needing a look, since what cannot be compared cannot be called unchanged).

import {
  isCannot,
  type AccessMatrix,
  type BranchAccess,
  type EnvironmentAccess,
  type Holder,
  type Maybe
} from '../engine/index.js'

export type Direction = 'weakened' | 'strengthened' | 'unknown'

export interface AccessChange {
  /** `environment production`, `branch main`, `repository acme/shop` */
  subject: string
  direction: Direction
  what: string
}

export interface AccessReview {
  /** when the baseline was read */
  baseline: string
  changes: AccessChange[]
  /** gaps flagged now and not in the baseline */
  newGaps: string[]
  /** gaps of the baseline no longer flagged */
  resolvedGaps: string[]
}

/** The review needs a person: something opened, a new gap, or a change that could not be compared. */
export function needsAttention(review: AccessReview): boolean {
  return (
    review.newGaps.length > 0 ||
    review.changes.some((c) => c.direction !== 'strengthened')
  )
}

// docs.github.com/en/rest/collaborators/collaborators: permissions read,
// triage, write (push), maintain, admin; a custom role ranks as unknown.
const ROLE_RANK: Record<string, number> = {
  read: 0,
  triage: 1,
  write: 2,
  maintain: 3,
  admin: 4
}

// docs.github.com/en/rest/repos/rules: bypass_mode `pull_request` bypasses
// only through a pull request, `always` also by pushing, `exempt` without
// any audit entry.
const BYPASS_RANK: Record<string, number> = {
  pull_request: 0,
  always: 1,
  exempt: 2
}

type Add = (direction: Direction, what: string) => void

/** Compare two readings of a value; either may be unreadable. */
function bothRead<T>(
  add: Add,
  what: string,
  before: Maybe<T> | null,
  after: Maybe<T> | null,
  compare: (before: T, after: T) => void
): void {
  if (before === null || after === null) {
    if (before !== after)
      add(
        'unknown',
        `${what}: not read ${before === null ? 'in the baseline' : 'now'}, so it cannot be compared`
      )
    return
  }
  if (isCannot(before) || isCannot(after)) {
    const which = isCannot(before) ? before : (after as { permission: string })
    if (!(isCannot(before) && isCannot(after)))
      add(
        'unknown',
        `${what}: could not be read ${isCannot(before) ? 'in the baseline' : 'now'} (needs ${which.permission}), so it cannot be compared`
      )
    return
  }
  compare(before, after)
}

function holders(
  add: Add,
  kind: string,
  before: Holder[],
  after: Holder[]
): void {
  const was = new Map(before.map((h) => [h.login, h.role]))
  const now = new Map(after.map((h) => [h.login, h.role]))
  for (const [login, role] of now) {
    const old = was.get(login)
    if (old === undefined)
      add('weakened', `new ${kind} with ${role} access: ${login}`)
    else if (old !== role) {
      const [a, b] = [ROLE_RANK[old], ROLE_RANK[role]]
      add(
        a === undefined || b === undefined
          ? 'unknown'
          : b > a
            ? 'weakened'
            : 'strengthened',
        `${kind} ${login}: ${old} → ${role}`
      )
    }
  }
  for (const [login, role] of was) {
    if (!now.has(login))
      add('strengthened', `${kind} ${login} no longer holds ${role} access`)
  }
}

/** `Team acme/sre (always)` → its actor and mode. */
function bypassParts(text: string): { actor: string; mode: string } {
  const m = /^(.*) \(([^()]+)\)$/.exec(text)
  return m === null
    ? { actor: text, mode: 'always' }
    : { actor: m[1] as string, mode: m[2] as string }
}

function bypassActors(add: Add, before: string[], after: string[]): void {
  const was = new Map(
    before.map((t) => [bypassParts(t).actor, bypassParts(t).mode])
  )
  const now = new Map(
    after.map((t) => [bypassParts(t).actor, bypassParts(t).mode])
  )
  for (const [actor, mode] of now) {
    const old = was.get(actor)
    if (old === undefined)
      add('weakened', `new bypass actor: ${actor} (${mode})`)
    else if (old !== mode) {
      const [a, b] = [BYPASS_RANK[old], BYPASS_RANK[mode]]
      add(
        a === undefined || b === undefined
          ? 'unknown'
          : b > a
            ? 'weakened'
            : 'strengthened',
        `bypass actor ${actor}: ${old} → ${mode}`
      )
    }
  }
  for (const [actor, mode] of was) {
    if (!now.has(actor))
      add('strengthened', `bypass actor removed: ${actor} (${mode})`)
  }
}

function branchesAllowed(
  add: Add,
  before: 'any' | 'protected' | string[],
  after: 'any' | 'protected' | string[]
): void {
  const text = (v: typeof before): string =>
    v === 'any'
      ? 'any branch'
      : v === 'protected'
        ? 'protected branches only'
        : v.join(', ') || 'none'
  if (Array.isArray(before) && Array.isArray(after)) {
    const added = after.filter((p) => !before.includes(p))
    const removed = before.filter((p) => !after.includes(p))
    if (added.length > 0)
      add('weakened', `deployment branch patterns added: ${added.join(', ')}`)
    if (removed.length > 0)
      add(
        'strengthened',
        `deployment branch patterns removed: ${removed.join(', ')}`
      )
    return
  }
  if (before === after) return
  // `any` is the widest; between `protected` and patterns no order holds
  const direction: Direction =
    after === 'any' ? 'weakened' : before === 'any' ? 'strengthened' : 'unknown'
  add(direction, `deployment branches: ${text(before)} → ${text(after)}`)
}

function environment(
  add: Add,
  b: EnvironmentAccess,
  a: EnvironmentAccess
): void {
  if (b.exists !== a.exists) {
    add(
      a.exists === false
        ? 'weakened'
        : a.exists === null
          ? 'unknown'
          : 'strengthened',
      `exists: ${String(b.exists)} → ${String(a.exists)}`
    )
  }
  bothRead(
    add,
    'deployment branches',
    b.deploymentBranches,
    a.deploymentBranches,
    (x, y) => branchesAllowed(add, x, y)
  )
  const key = (r: EnvironmentAccess['reviewers'][number]): string =>
    `${r.type === 'Team' ? 'team ' : ''}${r.name}`
  const was = new Set(b.reviewers.map(key))
  const now = new Set(a.reviewers.map(key))
  for (const r of was)
    if (!now.has(r)) add('weakened', `required reviewer removed: ${r}`)
  for (const r of now)
    if (!was.has(r)) add('strengthened', `required reviewer added: ${r}`)
  // a team's members who may now approve
  for (const r of a.reviewers) {
    const old = b.reviewers.find((x) => key(x) === key(r))
    if (r.type !== 'Team' || old === undefined) continue
    bothRead(
      add,
      `members of reviewer team ${r.name}`,
      old.members,
      r.members,
      (x, y) => {
        const added = y.filter((m) => !x.includes(m))
        const removed = x.filter((m) => !y.includes(m))
        if (added.length > 0)
          add(
            'weakened',
            `reviewer team ${r.name}: new members ${added.join(', ')}`
          )
        if (removed.length > 0)
          add(
            'strengthened',
            `reviewer team ${r.name}: members removed ${removed.join(', ')}`
          )
      }
    )
  }
  if (b.preventSelfReview !== a.preventSelfReview) {
    add(
      a.preventSelfReview === true
        ? 'strengthened'
        : a.preventSelfReview === false
          ? 'weakened'
          : 'unknown',
      `prevent self-review: ${String(b.preventSelfReview)} → ${String(a.preventSelfReview)}`
    )
  }
  // null: GitHub did not say, which counts as allowed
  const bypass = (v: boolean | null): boolean => v !== false
  if (bypass(b.adminBypass) !== bypass(a.adminBypass)) {
    add(
      bypass(a.adminBypass) ? 'weakened' : 'strengthened',
      `admin bypass turned ${bypass(a.adminBypass) ? 'on' : 'off'}`
    )
  }
  if (b.waitTimer !== a.waitTimer) {
    add(
      b.waitTimer === null || a.waitTimer === null
        ? 'unknown'
        : a.waitTimer < b.waitTimer
          ? 'weakened'
          : 'strengthened',
      `wait timer: ${b.waitTimer ?? 'unknown'} → ${a.waitTimer ?? 'unknown'} minutes`
    )
  }
  bothRead(
    add,
    'custom protection rules',
    b.customRules,
    a.customRules,
    (x, y) => {
      for (const r of x)
        if (!y.includes(r))
          add('weakened', `custom protection rule removed: ${r}`)
      for (const r of y)
        if (!x.includes(r))
          add('strengthened', `custom protection rule added: ${r}`)
    }
  )
}

function branch(add: Add, b: BranchAccess, a: BranchAccess): void {
  bothRead(
    add,
    'required approvals',
    b.requiredApprovals,
    a.requiredApprovals,
    (x, y) => {
      if (x !== y)
        add(
          y < x ? 'weakened' : 'strengthened',
          `required approvals: ${x} → ${y}`
        )
    }
  )
  bothRead(
    add,
    'ruleset bypass actors',
    b.bypassActors,
    a.bypassActors,
    (x, y) => bypassActors(add, x, y)
  )
  if (b.adminsBypass !== a.adminsBypass) {
    add(
      a.adminsBypass === true
        ? 'weakened'
        : a.adminsBypass === false
          ? 'strengthened'
          : 'unknown',
      `administrators bypass the protection: ${String(b.adminsBypass)} → ${String(a.adminsBypass)}`
    )
  }
}

/** Everything that changed from `before` (the baseline) to `after`. */
export function reviewAccess(
  before: AccessMatrix,
  after: AccessMatrix
): AccessReview {
  const changes: AccessChange[] = []
  const adder =
    (subject: string): Add =>
    (direction, what) =>
      changes.push({ subject, direction, what })
  const repo = adder(`repository ${after.repository}`)
  bothRead(
    repo,
    'people with write, maintain or admin',
    before.writers,
    after.writers,
    (x, y) => holders(repo, 'collaborator', x, y)
  )
  bothRead(
    repo,
    'teams with write, maintain or admin',
    before.writerTeams,
    after.writerTeams,
    (x, y) => holders(repo, 'team', x, y)
  )
  for (const [what, cut] of [
    ['people with write, maintain or admin', after.writersTruncated],
    ['teams with write, maintain or admin', after.writerTeamsTruncated]
  ] as const) {
    if (cut !== undefined)
      repo(
        'unknown',
        `${what}: the list was cut now, so holders past it cannot be compared`
      )
  }
  const pairs = <T extends { name: string }>(
    kind: string,
    was: T[],
    now: T[],
    compare: (add: Add, b: T, a: T) => void
  ): void => {
    for (const a of now) {
      const add = adder(`${kind} ${a.name}`)
      const b = was.find((x) => x.name === a.name)
      if (b === undefined)
        add('unknown', `not in the baseline: review it whole`)
      else compare(add, b, a)
    }
    for (const b of was) {
      if (!now.some((a) => a.name === b.name))
        adder(`${kind} ${b.name}`)(
          'unknown',
          'no longer in the matrix (out of the policy, or deleted)'
        )
    }
  }
  pairs('environment', before.environments, after.environments, environment)
  pairs('branch', before.branches, after.branches, branch)
  return {
    baseline: before.generatedAt,
    changes,
    newGaps: after.gaps.filter((g) => !before.gaps.includes(g)),
    resolvedGaps: before.gaps.filter((g) => !after.gaps.includes(g))
  }
}
