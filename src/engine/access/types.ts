// The access matrix an auditor asks for (SPEC §7), as data: what each
// environment and branch of the policy allows, who may push, and every gap
// against the policy. Whatever the token could not read is a `Cannot` naming
// the permission that would read it, never an empty list.

import { isUnreadable, type Unreadable } from '../facts.js'

/** Something the token could not read: the same shape as the gate's facts. */
export type Cannot = Unreadable

export type Maybe<T> = T | Cannot

export const isCannot = isUnreadable

export const cannot = (permission: string, detail: string): Cannot => ({
  unreadable: true,
  permission,
  detail
})

/**
 * A list cut at its page limit while GitHub had more (SPEC §7: "a truncated
 * list says so"). The limits bound the API budget; the list next to this
 * marker holds what was read. Absent when the whole list was read.
 */
export interface Truncated {
  /** what was listed, e.g. `collaborators`, `members of team acme/sre` */
  list: string
  /** how many items GitHub returned before the limit */
  read: number
  /** the limit that cut it: `pages` pages of `perPage` */
  pages: number
  perPage: number
}

/** The repository the matrix is of. */
export interface AccessRepository {
  owner: string
  name: string
  url: string
  defaultBranch: string
}

export interface ReviewerAccess {
  type: 'User' | 'Team'
  name: string
  /** a team's members; null for a user */
  members: Maybe<string[]> | null
  /** `members` holds only the first pages of the team */
  membersTruncated?: Truncated
}

export interface EnvironmentAccess {
  name: string
  /** null: could not be read */
  exists: boolean | null
  url: string | null
  /** `any`, `protected` (branches with classic protection), or the patterns */
  deploymentBranches: Maybe<'any' | 'protected' | string[]> | null
  reviewers: ReviewerAccess[]
  preventSelfReview: boolean | null
  /** null: GitHub did not say, which counts as allowed */
  adminBypass: boolean | null
  waitTimer: number | null
  /** the GitHub Apps whose custom protection rules are enabled */
  customRules: Maybe<string[]> | null
  gaps: string[]
}

export interface Holder {
  login: string
  type: 'User' | 'Team'
  role: string
}

export interface BranchAccess {
  name: string
  exists: boolean
  /** the most any active rule or classic protection requires */
  requiredApprovals: Maybe<number>
  /** where the requirement comes from */
  protectedBy: string[]
  /** ruleset bypass actors, e.g. `Team acme/sre (always)` */
  bypassActors: Maybe<string[]>
  /** administrators are not bound by the protection; null: cannot tell */
  adminsBypass: boolean | null
  /**
   * the branch's active rules were cut: the approvals, rulesets and bypass
   * actors above are those of the rules read
   */
  rulesTruncated?: Truncated
  gaps: string[]
}

export interface AccessMatrix {
  repository: string
  generatedAt: string
  environments: EnvironmentAccess[]
  branches: BranchAccess[]
  /** the people who hold write, maintain or admin access */
  writers: Maybe<Holder[]>
  /** the teams that hold it */
  writerTeams: Maybe<Holder[]>
  /** `writers` comes from the first pages of the collaborators */
  writersTruncated?: Truncated
  /** `writerTeams` comes from the first pages of the teams with access */
  writerTeamsTruncated?: Truncated
  /**
   * the repository's branches were cut, so branches past them that match a
   * pattern of the policy are not in `branches`
   */
  branchesTruncated?: Truncated
  /** every gap, prefixed with what it is about */
  gaps: string[]
}
