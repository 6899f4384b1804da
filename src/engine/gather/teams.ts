// The members of `org/team` entries of `break_glass.approvers` (SPEC §5.7).
// GET /orgs/{org}/teams/{team_slug}/members needs the organization
// permission "Members" (read), which no workflow `permissions:` key grants:
// with the action's token a team is always unreadable, and the break-glass
// is refused with a message saying so.
// https://docs.github.com/en/rest/teams/members#list-team-members

import { GitHubApiError } from '../errors.js'
import type { Unreadable } from '../facts.js'
import type { GitHubPort } from '../port.js'
import { arr, obj, str } from './shape.js'
import { readOr } from './support.js'

export const MEMBERS_PERMISSION = 'members: read'

/** More than this many pages (10,000 members) is not a team we can trust to list. */
const MAX_PAGES = 100

/**
 * Each `org/team` entry's member logins, or Unreadable when GitHub refused
 * (403) or does not show the team to this token (404). Other errors throw.
 */
export async function readTeams(
  port: GitHubPort,
  entries: readonly string[]
): Promise<Map<string, string[] | Unreadable>> {
  const read = await Promise.all(
    [...new Set(entries)].map(
      async (entry) => [entry, await readTeam(port, entry)] as const
    )
  )
  return new Map(read)
}

async function readTeam(
  port: GitHubPort,
  entry: string
): Promise<string[] | Unreadable> {
  const at = entry.indexOf('/')
  const org = entry.slice(0, at)
  const slug = entry.slice(at + 1)
  return readOr(MEMBERS_PERMISSION, async () => {
    const logins: string[] = []
    for (let page = 1; page <= MAX_PAGES; page++) {
      const r = await port.rest('GET /orgs/{org}/teams/{team_slug}/members', {
        org,
        team_slug: slug,
        per_page: 100,
        page
      })
      const path = `teams/${entry}/members`
      const list = arr(r.data, path)
      list.forEach((m, i) => {
        logins.push(str(obj(m, `${path}[${i}]`).login, `${path}[${i}].login`))
      })
      const link = r.headers.link
      if (typeof link !== 'string' || !/rel="next"/.test(link)) return logins
    }
    throw new GitHubApiError(
      `team ${entry} lists more than ${MAX_PAGES * 100} members; its membership cannot be verified`
    )
  })
}

/**
 * Members of the teams named in `approvals.reviewers` (the `org/team`
 * entries): they decide who may approve. Undefined, with no request, when it
 * names no team.
 */
export function readReviewerTeams(
  port: GitHubPort,
  reviewers: readonly string[] | null
): Promise<Record<string, string[] | Unreadable> | undefined> {
  const entries = (reviewers ?? []).filter((entry) => entry.includes('/'))
  return entries.length === 0
    ? Promise.resolve(undefined)
    : readTeams(port, entries).then((m) => Object.fromEntries(m))
}
