// A failed call as one GitHubApiError: the call, GitHub's own words, the
// request id, the permission a 403 most likely lacks, and the reset of a
// rate limit that outlasted the time budget.

import { RequestError } from '@octokit/request-error'
import { GitHubApiError, getErrorMessage } from '../engine/index.js'
import { permissionFor } from './permissions.js'

export function toApiError(
  route: string,
  params: Record<string, unknown>,
  error: unknown,
  timeoutMs: number
): GitHubApiError {
  if (error instanceof GitHubApiError) return error
  // `METHOD /path`, or a bare path, which octokit sends as a GET
  const [method, path] = route.includes(' ')
    ? (route.split(' ', 2) as [string, string])
    : ['GET', route]
  const shown = path.replace(/\{(\w+)\}/g, (_m, key: string) => {
    const v = params[key]
    return typeof v === 'string' || typeof v === 'number'
      ? String(v)
      : `{${key}}`
  })
  if (error instanceof RequestError) {
    const headers = error.response?.headers ?? {}
    const requestId = headers['x-github-request-id']
    const ghMessage = messageOf(error.response?.data) ?? error.message
    const permission =
      error.status === 403 ? permissionFor(method, path) : undefined
    if (
      error.status === 500 &&
      (/abort|timeout/i.test(error.message) || isTimeout(error.cause))
    ) {
      return new GitHubApiError(
        `${method} ${shown} did not answer within the time budget (${Math.round(timeoutMs / 1000)}s)`,
        {
          hint: 'Raise the timeout-seconds input, or check GitHub status.',
          cause: error
        }
      )
    }
    const reset = headers['x-ratelimit-reset']
    const rateLimited =
      (error.status === 403 || error.status === 429) &&
      (headers['x-ratelimit-remaining'] === '0' ||
        /rate limit/i.test(ghMessage))
    return new GitHubApiError(
      `${method} ${shown} failed with ${error.status}: ${ghMessage}${rateLimited ? resetText(reset) : ''}`,
      {
        status: error.status,
        requestId: typeof requestId === 'string' ? requestId : undefined,
        permission: rateLimited ? undefined : permission,
        hint: rateLimited
          ? 'The API rate limit outlasted the time budget.'
          : permission !== undefined
            ? `The token probably lacks the \`${permission}\` permission.`
            : undefined,
        cause: error
      }
    )
  }
  const limited = graphqlRateLimit(error)
  if (limited !== undefined) {
    return new GitHubApiError(
      `${method} ${shown} failed: ${limited.message}${resetText(limited.reset)}`,
      { hint: 'The API rate limit outlasted the time budget.', cause: error }
    )
  }
  return new GitHubApiError(
    `${method} ${shown} failed: ${getErrorMessage(error)}`,
    {
      cause: error
    }
  )
}

function resetText(reset: unknown): string {
  return reset === undefined
    ? ''
    : ` (rate limit resets at ${new Date(Number(reset) * 1000).toISOString()})`
}

/**
 * @octokit/plugin-throttling's own error for a 200 GraphQL answer whose
 * errors say RATE_LIMITED (it keeps the answer): GitHub's words and reset.
 */
function graphqlRateLimit(
  error: unknown
): { message: string; reset: unknown } | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const { data, response } = error as {
    data?: { errors?: unknown }
    response?: { headers?: Record<string, unknown> }
  }
  const errors: unknown[] = Array.isArray(data?.errors) ? data.errors : []
  const hit = errors.find(
    (e) => (e as { type?: unknown } | null)?.type === 'RATE_LIMITED'
  ) as { message?: unknown } | undefined
  if (hit === undefined) return undefined
  return {
    message:
      typeof hit.message === 'string' ? hit.message : 'API rate limit exceeded',
    reset: response?.headers?.['x-ratelimit-reset']
  }
}

/**
 * An attempt abandoned by its AbortSignal.timeout. By name, not by class or
 * message: @octokit/request words it "Unknown Error" when the DOMException
 * comes from another realm (as under jest's VM).
 */
function isTimeout(cause: unknown): boolean {
  return (
    (cause as { name?: unknown } | null | undefined)?.name === 'TimeoutError'
  )
}

function messageOf(data: unknown): string | undefined {
  if (typeof data === 'object' && data !== null) {
    const m = (data as { message?: unknown }).message
    if (typeof m === 'string') return m
  }
  return typeof data === 'string' && data.length > 0 && data.length < 300
    ? data
    : undefined
}
