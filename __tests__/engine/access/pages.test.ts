// listPages: how the matrix tells a list its limit cut from one it read
// whole, from GitHub's Link header or, without one, a full last page.
import { describe, expect, it } from '@jest/globals'
import {
  cutGap,
  listPages,
  truncatedNote
} from '../../../src/engine/access/pages.js'
import type { GitHubPort } from '../../../src/engine/port.js'

/** `total` items `n1`..., `perPage` a page, with or without GitHub's Link header. */
function lister(
  total: number,
  o: { link: boolean }
): GitHubPort & { pages: number[] } {
  const pages: number[] = []
  return {
    pages,
    async rest<T>(_route: string, params: Record<string, unknown> = {}) {
      const page = Number(params.page)
      const perPage = Number(params.per_page)
      pages.push(page)
      const all = Array.from({ length: total }, (_, i) => ({ n: i + 1 }))
      const data = all.slice((page - 1) * perPage, page * perPage)
      const last = Math.max(1, Math.ceil(total / perPage))
      const headers: Record<string, string> = {}
      if (o.link && last > 1) {
        headers.link =
          page < last
            ? `<https://api.github.com/x?page=${page + 1}>; rel="next", <https://api.github.com/x?page=${last}>; rel="last"`
            : `<https://api.github.com/x?page=${page - 1}>; rel="prev", <https://api.github.com/x?page=1>; rel="first"`
      }
      return { status: 200, data: data as T, headers }
    },
    async graphql() {
      throw new Error('REST only')
    }
  }
}

const read = (port: GitHubPort, pages: number) =>
  listPages({
    port,
    route: 'GET /x',
    params: {},
    limit: { pages, perPage: 2 },
    list: 'things'
  })

describe('listPages', () => {
  it.each([
    // total, pages, link, read, cut, pages asked
    [3, 1, true, 2, true, [1]],
    [3, 2, true, 3, false, [1, 2]],
    // exactly full at the limit: the Link header says there is no next page
    [4, 2, true, 4, false, [1, 2]],
    [5, 2, true, 4, true, [1, 2]],
    // no Link header: a full page at the limit may have more, and says so
    [2, 1, false, 2, true, [1]],
    [1, 1, false, 1, false, [1]],
    [0, 3, false, 0, false, [1]]
  ])(
    '%i items, %i pages of 2, Link header %s: %i read, cut %s',
    async (total, pages, link, count, cut, asked) => {
      const port = lister(total, { link })
      const got = await read(port, pages)
      expect(got.items).toHaveLength(count)
      expect(got.truncated).toEqual(
        cut ? { list: 'things', read: count, pages, perPage: 2 } : null
      )
      expect(port.pages).toEqual(asked)
    }
  )
})

describe('what a cut list says', () => {
  it('counts with thousands separators and names the limit', () => {
    const t = { list: 'collaborators', read: 2000, pages: 20, perPage: 100 }
    expect(truncatedNote(t)).toBe(
      'first 2,000 collaborators read: the list was cut at 20 pages of 100'
    )
    expect(cutGap(t)).toBe(
      'could not read all collaborators: the list was cut at 20 pages of 100 (2,000 read)'
    )
    expect(
      cutGap({ ...t, list: 'teams', read: 100, pages: 1 }, 'teams with access')
    ).toBe(
      'could not read all teams with access: the list was cut at 1 page of 100 (100 read)'
    )
  })
})
