// A server that refuses the connection, a host name DNS does not know, a port
// fetch will not use or a certificate the runtime rejects answers no better a
// second later. Such a failure is reported at once, naming the address,
// instead of being retried for half a minute and shown as "failed with 500"
// (octokit turns every fetch failure into a 500: @octokit/request's
// fetch-wrapper). Transient faults (a reset connection, a DNS timeout) are
// still the retry plugin's.

import type { Octokit } from '@octokit/core'
import { GitHubApiError } from '../engine/index.js'

/** Node's codes for what retrying cannot fix, and what each means. */
const PERMANENT: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'the host name is not known',
  ERR_INVALID_URL: 'the address is not a valid URL',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate cannot be verified',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its TLS certificate cannot be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host'
}

/** Why the request could not reach the server at all, if retrying cannot help. */
export function permanentReason(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; depth < 4; depth += 1) {
    // duck-typed: fetch's errors may come from another realm (a test's VM)
    if (typeof e !== 'object' || e === null) return undefined
    const { code, message, cause } = e as {
      code?: unknown
      message?: unknown
      cause?: unknown
    }
    if (typeof code === 'string' && PERMANENT[code] !== undefined) {
      return `${PERMANENT[code]} (${code})`
    }
    // undici refuses ports browsers block with a bare "bad port"
    if (message === 'bad port') return 'fetch does not use that port'
    e = cause
  }
  return undefined
}

/**
 * Octokit plugin. Register it before the retry plugin: hooks registered
 * first run innermost, so the retry plugin sees an error without a status
 * and does not retry it.
 */
export function unreachable(octokit: Octokit): void {
  octokit.hook.error('request', (error, options) => {
    const reason = permanentReason(error)
    if (reason === undefined) throw error
    const url = typeof options.url === 'string' ? options.url : ''
    const where = originOf(url, options.baseUrl)
    throw Object.assign(
      new GitHubApiError(`cannot reach ${where}: ${reason}`, {
        hint: 'Check the API address (GITHUB_API_URL, GITHUB_GRAPHQL_URL, --api-url) and that the server is up.',
        cause: error
      }),
      // what the retry plugin reads to decide; no status: not retried
      { request: options }
    )
  })
}

export function originOf(url: string, base: unknown): string {
  try {
    return new URL(url, typeof base === 'string' ? base : undefined).origin
  } catch {
    return typeof base === 'string' ? base : url
  }
}
