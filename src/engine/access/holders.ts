// Who holds access: the people and teams with write, maintain or admin on the
// repository, and the members of a team (for reviewer teams).

import { arr, obj, optObj, optStr, str, type Json } from '../gather/shape.js'
import { readOr } from '../gather/support.js'
import type { GitHubPort } from '../port.js'
import type { AccessRepository, Holder, Maybe } from './types.js'

type Repo = Pick<AccessRepository, 'owner' | 'name'>

/** docs.github.com/en/rest/teams/members#list-team-members (organization `members: read`) */
export async function teamMembers(
  port: GitHubPort,
  org: string,
  slug: string
): Promise<Maybe<string[]>> {
  return readOr('members: read (organization)', async () => {
    const out: string[] = []
    for (let page = 1; page <= 10; page++) {
      const r = await port.rest('GET /orgs/{org}/teams/{team_slug}/members', {
        org,
        team_slug: slug,
        per_page: 100,
        page
      })
      const items = arr(r.data, 'team members')
      items.forEach((m, i) =>
        out.push(str(obj(m, `members[${i}]`).login, `members[${i}].login`))
      )
      if (items.length < 100) break
    }
    return out
  })
}

/**
 * docs.github.com/en/rest/collaborators/collaborators#list-repository-collaborators
 * and docs.github.com/en/rest/repos/repos#list-repository-teams.
 */
export async function writersOf(
  port: GitHubPort,
  repo: Repo
): Promise<Maybe<Holder[]>> {
  return readOr(
    'administration: read (or a token of a repository writer)',
    async () => {
      const out: Holder[] = []
      for (let page = 1; page <= 20; page++) {
        const r = await port.rest('GET /repos/{owner}/{repo}/collaborators', {
          owner: repo.owner,
          repo: repo.name,
          affiliation: 'all',
          per_page: 100,
          page
        })
        const items = arr(r.data, 'collaborators')
        items.forEach((value, i) => {
          const c = obj(value, `collaborators[${i}]`)
          const role = roleOf(c, `collaborators[${i}]`)
          if (role !== null)
            out.push({
              login: str(c.login, `collaborators[${i}].login`),
              type: 'User',
              role
            })
        })
        if (items.length < 100) break
      }
      return out
    }
  )
}

export async function teamsOf(
  port: GitHubPort,
  repo: Repo
): Promise<Maybe<Holder[]>> {
  return readOr('administration: read', async () => {
    const r = await port.rest('GET /repos/{owner}/{repo}/teams', {
      owner: repo.owner,
      repo: repo.name,
      per_page: 100
    })
    return arr(r.data, 'teams').flatMap((value, i): Holder[] => {
      const t = obj(value, `teams[${i}]`)
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
