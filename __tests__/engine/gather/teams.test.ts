// Team members for break-glass approvers: pages, and what "cannot read" is.
import { describe, expect, it } from '@jest/globals'
import { GitHubApiError } from '../../../src/engine/errors.js'
import { readTeams } from '../../../src/engine/gather/teams.js'
import type { GitHubPort, RestResponse } from '../../../src/engine/port.js'

function port(
  answer: (params: Record<string, unknown>) => RestResponse
): GitHubPort & { calls: Record<string, unknown>[] } {
  const calls: Record<string, unknown>[] = []
  return {
    calls,
    async rest<T>(route: string, params: Record<string, unknown> = {}) {
      expect(route).toBe('GET /orgs/{org}/teams/{team_slug}/members')
      calls.push(params)
      const r = answer(params)
      return { ...r, data: r.data as T }
    },
    async graphql() {
      throw new Error('no GraphQL here')
    }
  }
}

const page = (logins: string[], next: boolean): RestResponse => ({
  status: 200,
  data: logins.map((login) => ({ login, id: 1 })),
  headers: next ? { link: '<https://api.github.com/x?page=2>; rel="next"' } : {}
})

describe('readTeams', () => {
  it('lists every page of every team, once per entry', async () => {
    const p = port((params) =>
      params.team_slug === 'sre'
        ? params.page === 1
          ? page(['erin'], true)
          : page(['frank'], false)
        : page(['gina'], false)
    )
    const teams = await readTeams(p, ['acme/sre', 'acme/ops', 'acme/sre'])
    expect(teams).toEqual(
      new Map([
        ['acme/sre', ['erin', 'frank']],
        ['acme/ops', ['gina']]
      ])
    )
    expect(p.calls).toContainEqual({
      org: 'acme',
      team_slug: 'sre',
      per_page: 100,
      page: 2
    })
    expect(p.calls).toHaveLength(3)
  })

  it('asks nothing for no entries', async () => {
    const p = port(() => page([], false))
    expect(await readTeams(p, [])).toEqual(new Map())
    expect(p.calls).toHaveLength(0)
  })

  it.each([403, 404])(
    'a %i is unreadable, naming members: read',
    async (status) => {
      const p = port(() => {
        throw new GitHubApiError('Resource not accessible by integration', {
          status
        })
      })
      expect(await readTeams(p, ['acme/sre'])).toEqual(
        new Map([
          [
            'acme/sre',
            {
              unreadable: true,
              permission: 'members: read',
              detail: 'Resource not accessible by integration'
            }
          ]
        ])
      )
    }
  )

  it('other failures throw (the caller refuses the break-glass)', async () => {
    const p = port(() => {
      throw new GitHubApiError('Server Error', { status: 502 })
    })
    await expect(readTeams(p, ['acme/sre'])).rejects.toThrow('Server Error')
    const shape = port(() => ({ status: 200, data: [{ id: 1 }], headers: {} }))
    await expect(readTeams(shape, ['acme/sre'])).rejects.toThrow(/login/)
  })

  it('refuses a team with more pages than it will read', async () => {
    const p = port(() => page(['x'], true))
    await expect(readTeams(p, ['acme/huge'])).rejects.toThrow(
      /more than 10000 members/
    )
  })
})
