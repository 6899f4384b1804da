// Who holds access: the people and teams with write, maintain or admin on the
// repository, and the members of a team (for reviewer teams). Each list is
// read up to its limit and says when the limit cut it.

import { obj, optObj, optStr, str, type Json } from '../gather/shape.js'
import { readOr } from '../gather/support.js'
import type { GitHubPort } from '../port.js'
import { listPages, type PageLimit } from './pages.js'
import {
  isCannot,
  type AccessRepository,
  type Holder,
  type Maybe,
  type Truncated
} from './types.js'

type Repo = Pick<AccessRepository, 'owner' | 'name'>

/** A list as read: the items, or what the token could not read, and whether a limit cut it. */
export interface ListRead<T> {
  value: Maybe<T[]>
  truncated: Truncated | null
}

/** `readOr` for a paged list: a refused list is not a cut one. */
async function readListOr<T>(
  permission: string,
  read: () => Promise<{ value: T[]; truncated: Truncated | null }>
): Promise<ListRead<T>> {
  const got = await readOr(permission, read)
  return isCannot(got) ? { value: got, truncated: null } : got
}

/** docs.github.com/en/rest/teams/members#list-team-members (organization `members: read`) */
export async function teamMembers(
  port: GitHubPort,
  team: { org: string; slug: string },
  limit: PageLimit
): Promise<ListRead<string>> {
  return readListOr('members: read (organization)', async () => {
    const { items, truncated } = await listPages({
      port,
      route: 'GET /orgs/{org}/teams/{team_slug}/members',
      params: { org: team.org, team_slug: team.slug },
      limit,
      list: `members of team ${team.org}/${team.slug}`,
      path: 'team members'
    })
    return {
      value: items.map((m, i) =>
        str(obj(m, `members[${i}]`).login, `members[${i}].login`)
      ),
      truncated
    }
  })
}

/**
 * docs.github.com/en/rest/collaborators/collaborators#list-repository-collaborators
 * and docs.github.com/en/rest/repos/repos#list-repository-teams.
 */
export async function writersOf(
  port: GitHubPort,
  repo: Repo,
  limit: PageLimit
): Promise<ListRead<Holder>> {
  return readListOr(
    'administration: read (or a token of a repository writer)',
    async () => {
      const { items, truncated } = await listPages({
        port,
        route: 'GET /repos/{owner}/{repo}/collaborators',
        params: { owner: repo.owner, repo: repo.name, affiliation: 'all' },
        limit,
        list: 'collaborators'
      })
      const value = items.flatMap((item, i): Holder[] => {
        const c = obj(item, `collaborators[${i}]`)
        const role = roleOf(c, `collaborators[${i}]`)
        return role === null
          ? []
          : [
              {
                login: str(c.login, `collaborators[${i}].login`),
                type: 'User',
                role
              }
            ]
      })
      return { value, truncated }
    }
  )
}

export async function teamsOf(
  port: GitHubPort,
  repo: Repo,
  limit: PageLimit
): Promise<ListRead<Holder>> {
  return readListOr('administration: read', async () => {
    const { items, truncated } = await listPages({
      port,
      route: 'GET /repos/{owner}/{repo}/teams',
      params: { owner: repo.owner, repo: repo.name },
      limit,
      list: 'teams'
    })
    const value = items.flatMap((item, i): Holder[] => {
      const t = obj(item, `teams[${i}]`)
      const permission = optStr(t.permission, `teams[${i}].permission`)
      if (
        permission === null ||
        !['push', 'maintain', 'admin'].includes(permission)
      )
        return []
      const org = /\/orgs\/([^/]+)\/teams\//.exec(
        optStr(t.html_url, `teams[${i}].html_url`) ?? ''
      )?.[1]
      const slug = str(t.slug, `teams[${i}].slug`)
      return [
        {
          login: org === undefined ? slug : `${org}/${slug}`,
          type: 'Team',
          role: permission === 'push' ? 'write' : permission
        }
      ]
    })
    return { value, truncated }
  })
}

function roleOf(c: Json, path: string): string | null {
  const p = optObj(c.permissions, `${path}.permissions`)
  if (p === null) return null
  if (p.admin === true) return 'admin'
  if (p.maintain === true) return 'maintain'
  if (p.push === true) return 'write'
  return null
}
