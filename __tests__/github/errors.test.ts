// toApiError for what @octokit/plugin-throttling throws on a 200 GraphQL
// answer whose errors say RATE_LIMITED: GitHub's words and the reset.
import { describe, expect, it } from '@jest/globals'
import { toApiError } from '../../src/github/errors.js'

const limited = (message?: unknown, reset?: string): unknown => ({
  data: { errors: [{ type: 'RATE_LIMITED', message }] },
  response: {
    headers: reset === undefined ? {} : { 'x-ratelimit-reset': reset }
  }
})

describe('a GraphQL answer that says RATE_LIMITED', () => {
  it("is GitHub's words with the reset, and says the budget outlasted the time", () => {
    const e = toApiError(
      'POST /graphql',
      {},
      limited('API rate limit exceeded for installation', '1767225600'),
      60_000
    )
    expect(e.message).toBe(
      'POST /graphql failed: API rate limit exceeded for installation (rate limit resets at 2026-01-01T00:00:00.000Z)'
    )
    expect(e.hint).toBe('The API rate limit outlasted the time budget.')
  })

  it('has words of its own when GitHub gave none, and no reset it was not told', () => {
    const e = toApiError('POST /graphql', {}, limited(42), 60_000)
    expect(e.message).toBe('POST /graphql failed: API rate limit exceeded')
  })

  it('is not taken for an error of another type', () => {
    const e = toApiError(
      'POST /graphql',
      {},
      { data: { errors: [{ type: 'NOT_FOUND', message: 'gone' }] } },
      60_000
    )
    expect(e.message).toBe(
      'POST /graphql failed: {"data":{"errors":[{"type":"NOT_FOUND","message":"gone"}]}}'
    )
  })

  it('a thrown string is said as it is', () => {
    expect(toApiError('GET /x', {}, 'socket hang up', 60_000).message).toBe(
      'GET /x failed: socket hang up'
    )
  })
})
