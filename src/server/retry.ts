// What is worth trying again when GitHub does not answer as hoped, and for
// how long: attempts within a deadline, the wait doubling from a base to at
// most 16 times it. Minting installation tokens and posting the verdict both
// go through here; the engine's own calls retry in the GitHub client.

import { RequestError } from '@octokit/request-error'
import { getErrorMessage, GitHubApiError } from '../engine/index.js'
import type { ServerLogger } from './log.js'

/** How long one attempt to mint a token or post the verdict may take. */
export const ATTEMPT_MS = 10_000

/** Time as the retries see it; tests pass one that does not wait. */
export interface Clock {
  now(): number
  sleep(ms: number): Promise<void>
}

export const realClock: Clock = Object.freeze({
  now: () => Date.now(),
  sleep: (ms: number) =>
    new Promise<void>((r) => setTimeout(r, Math.max(0, ms)))
})

/** The HTTP status of a GitHub answer, undefined when there was none. */
export function statusOf(error: unknown): number | undefined {
  return error instanceof GitHubApiError || error instanceof RequestError
    ? error.status
    : undefined
}

/** Worth minting again: no answer, a server error, a rate limit. */
export function transient(error: unknown): boolean {
  const status = statusOf(error)
  return (
    status === undefined || status === 408 || status === 429 || status >= 500
  )
}

/** Worth posting again: as above, or a 401 (a token not yet replicated). */
export function retryablePost(error: unknown): boolean {
  return transient(error) || statusOf(error) === 401
}

/** The wait after failed attempt `attempt` (0-based). */
export function backoff(baseMs: number, attempt: number): number {
  return Math.min(baseMs * 2 ** attempt, baseMs * 16)
}

export interface RetryOptions {
  /** what is tried, for the log: "posting the verdict" */
  what: string
  /** epoch ms; no wait may reach past it */
  deadline: number
  retryable: (error: unknown) => boolean
  /** back-off base */
  baseMs: number
  log: Pick<ServerLogger, 'warning'>
  clock?: Clock
}

/**
 * `attempt(n)` until it succeeds, fails in a way not worth retrying, or the
 * next wait would end past the deadline; then its last error is thrown.
 */
export async function retrying<T>(
  o: RetryOptions,
  attempt: (n: number) => Promise<T>
): Promise<T> {
  const clock = o.clock ?? realClock
  for (let n = 0; ; n++) {
    try {
      return await attempt(n)
    } catch (error) {
      const wait = backoff(o.baseMs, n)
      if (!o.retryable(error) || clock.now() + wait >= o.deadline) throw error
      o.log.warning(
        `${o.what} failed (attempt ${n + 1}): ${getErrorMessage(error)}; retrying in ${wait} ms`
      )
      await clock.sleep(wait)
    }
  }
}
