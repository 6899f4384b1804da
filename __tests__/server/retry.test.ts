// What the server retries when minting a token or posting the verdict, and
// when it stops: a clock that does not wait stands in for time, so every
// expectation is a count of attempts, never a duration.
import { describe, expect, it } from '@jest/globals'
import { GitHubApiError } from '../../src/engine/index.js'
import {
  backoff,
  retryablePost,
  retrying,
  statusOf,
  transient
} from '../../src/server/retry.js'
import {
  apiError as api,
  fakeClock,
  octokitError as octokit
} from './helpers.js'

function recorder(): { warning: (m: string) => void; lines: string[] } {
  const lines: string[] = []
  return { lines, warning: (m) => lines.push(m) }
}

describe('what is worth retrying', () => {
  it.each([
    { error: new TypeError('fetch failed'), status: undefined },
    { error: api(404), status: 404 },
    { error: octokit(422), status: 422 },
    { error: new GitHubApiError('no answer'), status: undefined }
  ])('statusOf($error.message) is $status', ({ error, status }) => {
    expect(statusOf(error)).toBe(status)
  })

  it.each([
    // no answer at all, a timeout, a rate limit, a server error
    {
      what: 'no answer',
      error: new TypeError('fetch failed'),
      mint: true,
      post: true
    },
    { what: '408', error: api(408), mint: true, post: true },
    { what: '429', error: octokit(429), mint: true, post: true },
    { what: '500', error: api(500), mint: true, post: true },
    { what: '502', error: octokit(502), mint: true, post: true },
    { what: '503', error: api(503), mint: true, post: true },
    // a token not yet replicated: worth posting again, not minting again
    { what: '401', error: api(401), mint: false, post: true },
    { what: '401 (octokit)', error: octokit(401), mint: false, post: true },
    // answers that will not change
    { what: '400', error: api(400), mint: false, post: false },
    { what: '403', error: api(403), mint: false, post: false },
    { what: '404', error: octokit(404), mint: false, post: false },
    { what: '422', error: api(422), mint: false, post: false }
  ])('$what: mint again $mint, post again $post', ({ error, mint, post }) => {
    expect(transient(error)).toBe(mint)
    expect(retryablePost(error)).toBe(post)
  })

  it('waits twice as long each time, at most 16 times the base', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => backoff(100, n))).toEqual([
      100, 200, 400, 800, 1600, 1600, 1600
    ])
  })
})

describe('retrying', () => {
  it('tries again after what is transient, and returns what succeeds', async () => {
    const clock = fakeClock()
    const log = recorder()
    const attempts: number[] = []
    const result = await retrying(
      {
        what: 'posting the verdict',
        deadline: clock.now() + 60_000,
        retryable: transient,
        baseMs: 100,
        log,
        clock
      },
      async (n) => {
        attempts.push(n)
        if (n < 2) throw api(502)
        return 'posted'
      }
    )
    expect(result).toBe('posted')
    expect(attempts).toEqual([0, 1, 2])
    expect(clock.slept).toEqual([100, 200])
    expect(log.lines).toEqual([
      'posting the verdict failed (attempt 1): GitHub answered 502; retrying in 100 ms',
      'posting the verdict failed (attempt 2): GitHub answered 502; retrying in 200 ms'
    ])
  })

  it('gives up at once on what will not change, with its error', async () => {
    const clock = fakeClock()
    const log = recorder()
    let attempts = 0
    const refused = api(404)
    await expect(
      retrying(
        {
          what: 'minting an installation token',
          deadline: clock.now() + 60_000,
          retryable: transient,
          baseMs: 100,
          log,
          clock
        },
        async () => {
          attempts += 1
          throw refused
        }
      )
    ).rejects.toBe(refused)
    expect(attempts).toBe(1)
    expect(clock.slept).toEqual([])
    expect(log.lines).toEqual([])
  })

  it('stops when the next wait would reach the deadline, with the last error', async () => {
    const clock = fakeClock()
    let attempts = 0
    const errors = [api(500), api(502), api(503), api(504), api(500)]
    await expect(
      retrying(
        {
          what: 'posting the verdict',
          // waits of 100, 200, 400 fit in 1000 ms; the next (800) does not
          deadline: clock.now() + 1000,
          retryable: retryablePost,
          baseMs: 100,
          log: recorder(),
          clock
        },
        async (n) => {
          attempts += 1
          throw errors[n]!
        }
      )
    ).rejects.toBe(errors[3])
    expect(attempts).toBe(4)
    expect(clock.slept).toEqual([100, 200, 400])
  })

  it('makes one attempt when the deadline has passed already', async () => {
    const clock = fakeClock()
    let attempts = 0
    await expect(
      retrying(
        {
          what: 'posting the verdict',
          deadline: clock.now(),
          retryable: retryablePost,
          baseMs: 100,
          log: recorder(),
          clock
        },
        async () => {
          attempts += 1
          throw api(503)
        }
      )
    ).rejects.toThrow('GitHub answered 503')
    expect(attempts).toBe(1)
  })
})
