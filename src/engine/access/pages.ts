// REST lists read page by page up to a limit. The limits bound what one
// matrix spends of the repository's API budget (SPEC §9); where one stops a
// list that GitHub has more of, the list says so (SPEC §7).

import { arr } from '../gather/shape.js'
import type { GitHubPort } from '../port.js'
import type { Truncated } from './types.js'

export interface PageLimit {
  pages: number
  /** 1 to 100, GitHub's most */
  perPage: number
}

/** How far each list of the matrix is read. */
export interface AccessLimits {
  /** the repository's branches, matched against the policy's patterns */
  branches: PageLimit
  collaborators: PageLimit
  /** the teams with access to the repository */
  teams: PageLimit
  /** the members of an environment's reviewer team */
  teamMembers: PageLimit
  /** a branch's active rules */
  branchRules: PageLimit
}

/** The limits users get: 2,000 branches and collaborators, 100 teams and rules, 1,000 members. */
export const ACCESS_LIMITS: Readonly<AccessLimits> = {
  branches: { pages: 20, perPage: 100 },
  collaborators: { pages: 20, perPage: 100 },
  teams: { pages: 1, perPage: 100 },
  teamMembers: { pages: 10, perPage: 100 },
  branchRules: { pages: 1, perPage: 100 }
}

export interface Listed {
  items: unknown[]
  /** null: the whole list was read */
  truncated: Truncated | null
}

/**
 * Every page of `route` up to `limit`. A short page ends the list. A full
 * page at the limit is cut where GitHub links a next page, or sends no Link
 * header to tell (GitHub omits it on a single page, so exactly `perPage`
 * items on page 1 is reported as cut: the safe side).
 */
export async function listPages(o: {
  port: GitHubPort
  route: string
  params: Record<string, unknown>
  limit: PageLimit
  /** what is listed, in the marker: `collaborators` */
  list: string
  /** where in GitHub's answer, in shape errors (default: `list`) */
  path?: string
}): Promise<Listed> {
  const { limit } = o
  const items: unknown[] = []
  for (let page = 1; page <= limit.pages; page++) {
    const r = await o.port.rest(o.route, {
      ...o.params,
      per_page: limit.perPage,
      page
    })
    const got = arr(r.data, o.path ?? o.list)
    items.push(...got)
    if (got.length < limit.perPage) break
    if (page === limit.pages && hasNext(r.headers.link)) {
      return {
        items,
        truncated: {
          list: o.list,
          read: items.length,
          pages: limit.pages,
          perPage: limit.perPage
        }
      }
    }
  }
  return { items, truncated: null }
}

function hasNext(link: string | number | undefined): boolean {
  return typeof link === 'string' ? /rel="next"/.test(link) : true
}

/** `2,000` */
export const count = (x: number): string => x.toLocaleString('en-US')

/** `the list was cut at 20 pages of 100` */
export function cutAt(t: Truncated): string {
  return `the list was cut at ${count(t.pages)} page${t.pages === 1 ? '' : 's'} of ${count(t.perPage)}`
}

/** What a renderer prints next to a cut list: `first 2,000 collaborators read: the list was cut at 20 pages of 100` */
export function truncatedNote(t: Truncated): string {
  return `first ${count(t.read)} ${t.list} read: ${cutAt(t)}`
}

/** A gap for a cut list: `could not read all collaborators: the list was cut at 20 pages of 100 (2,000 read)` */
export function cutGap(t: Truncated, what: string = t.list): string {
  return `could not read all ${what}: ${cutAt(t)} (${count(t.read)} read)`
}
