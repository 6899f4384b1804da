// The gaps of the access matrix: what is read, judged against the policy.
// The environment's settings are judged by the gate's own rule, so the
// matrix and the gate never disagree about what is open.

import type { EnvironmentPolicy } from '../policy/index.js'
import { settingsProblems } from '../rules/environment.js'
import { classicLetsAdmins, type BranchRead } from './branches.js'
import type { EnvironmentRead } from './environments.js'
import { cutGap } from './pages.js'
import {
  isCannot,
  type AccessMatrix,
  type BranchAccess,
  type EnvironmentAccess,
  type Maybe
} from './types.js'

export function environmentWithGaps(
  read: EnvironmentRead,
  policy: EnvironmentPolicy
): EnvironmentAccess {
  const { fact, access } = read
  if ('unreadable' in fact) {
    return {
      ...access,
      gaps: [
        `its settings could not be read: the token needs \`${fact.permission}\``
      ]
    }
  }
  if (!fact.exists) {
    return {
      ...access,
      gaps: [
        'it does not exist in the repository settings: any workflow that names it creates it with no rules'
      ]
    }
  }
  const want = policy.environmentProtection
  const gaps =
    want === false
      ? []
      : settingsProblems(fact.settings, want, policy.branches).problems.map(
          stripWhere
        )
  for (const r of access.reviewers) {
    if (isCannot(r.members)) {
      gaps.push(
        `the members of reviewer team ${r.name} could not be read: the token needs \`${r.members.permission}\``
      )
    }
    if (r.membersTruncated !== undefined) {
      gaps.push(
        cutGap(r.membersTruncated, `members of reviewer team ${r.name}`)
      )
    }
  }
  if (isCannot(access.customRules)) {
    gaps.push(
      `its custom protection rules could not be read: the token needs \`${access.customRules.permission}\``
    )
  }
  return { ...access, gaps }
}

/** The messages of the checks end with where to fix them; the matrix links the page once. */
function stripWhere(problem: string): string {
  return problem.replace(/ under Settings → Environments → [^(]+\([^)]+\)/g, '')
}

/** `wantApprovals`: the most any environment's policy asks of its branches. */
export function branchWithGaps(
  read: BranchRead,
  wantApprovals: number
): BranchAccess {
  const { required } = read
  const gaps: string[] = []
  const unread = [read.rules, read.classic].filter(isCannot)
  let requiredApprovals: Maybe<number> = required
  const first = unread[0]
  if (first !== undefined && required < wantApprovals) {
    requiredApprovals = first
    gaps.push(
      `its required approvals could not be read completely: the token needs \`${unread.map((u) => u.permission).join('` and `')}\``
    )
  } else if (required < wantApprovals && read.rulesTruncated !== null) {
    // A rule past the limit may require more: not known to be too few.
    gaps.push(
      `its required approvals could not be read completely: the rules read require ${required}; the policy asks for ${wantApprovals}`
    )
  } else if (required < wantApprovals) {
    gaps.push(
      `it requires ${required} approving review${required === 1 ? '' : 's'}; the policy asks for ${wantApprovals}`
    )
  }
  if (read.rulesTruncated !== null) {
    gaps.push(
      `${cutGap(read.rulesTruncated, 'its rules')}; the approvals, rulesets and bypass actors shown are those of the rules read`
    )
  }
  if (!read.exists) gaps.push('it does not exist')
  const bypass = read.bypassActors
  if (isCannot(bypass)) {
    gaps.push(
      `who may bypass its rulesets could not be read: the token needs \`${bypass.permission}\``
    )
  } else if (bypass.length > 0) {
    gaps.push(
      `${bypass.length} actor${bypass.length === 1 ? '' : 's'} may bypass its rulesets: ${bypass.join(', ')}`
    )
    // `exempt`: "rules will not be run for that actor and a bypass audit
    // entry will not be created" (docs.github.com/en/rest/repos/rules#
    // create-a-repository-ruleset, `bypass_mode`): nothing records its pushes.
    const exempt = bypass.filter((a) => a.endsWith(' (exempt)'))
    if (exempt.length > 0) {
      gaps.push(
        `${andWords(exempt.map((a) => a.slice(0, -' (exempt)'.length)))} ${exempt.length === 1 ? 'is' : 'are'} exempt from its rulesets: the rules are not even evaluated for ${exempt.length === 1 ? 'it' : 'them'} and GitHub creates no bypass audit entry: set the bypass mode to "always" or remove ${exempt.length === 1 ? 'it' : 'them'}`
      )
    }
  }
  if (classicLetsAdmins(read.classic) === true) {
    gaps.push(
      'administrators are not bound by its classic protection (enforce admins is off)'
    )
  }
  return {
    name: read.name,
    exists: read.exists,
    requiredApprovals,
    protectedBy: read.protectedBy,
    bypassActors: bypass,
    adminsBypass: read.adminsBypass,
    ...(read.rulesTruncated === null
      ? {}
      : { rulesTruncated: read.rulesTruncated }),
    gaps
  }
}

function andWords(items: string[]): string {
  return items.length < 2
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`
}

/** Every gap of the matrix, prefixed with what it is about. */
export function matrixGaps(
  m: Pick<
    AccessMatrix,
    | 'environments'
    | 'branches'
    | 'writers'
    | 'writerTeams'
    | 'writersTruncated'
    | 'writerTeamsTruncated'
    | 'branchesTruncated'
  >
): string[] {
  const gaps = [
    ...m.environments.flatMap((e) =>
      e.gaps.map((g) => `environment ${e.name}: ${g}`)
    ),
    ...m.branches.flatMap((b) => b.gaps.map((g) => `branch ${b.name}: ${g}`))
  ]
  if (isCannot(m.writers)) {
    gaps.push(
      `who holds write access could not be read: the token needs \`${m.writers.permission}\``
    )
  }
  if (isCannot(m.writerTeams)) {
    gaps.push(
      `which teams hold write access could not be read: the token needs \`${m.writerTeams.permission}\``
    )
  }
  // A cut list is not "nobody else": what it could not reach is a gap.
  if (m.writersTruncated !== undefined) {
    gaps.push(`${cutGap(m.writersTruncated)}; others may hold write access`)
  }
  if (m.writerTeamsTruncated !== undefined) {
    gaps.push(
      `${cutGap(m.writerTeamsTruncated, 'teams with access')}; other teams may hold write access`
    )
  }
  if (m.branchesTruncated !== undefined) {
    gaps.push(
      `${cutGap(m.branchesTruncated)}; branches past them that match the policy are not in the matrix`
    )
  }
  return gaps
}
