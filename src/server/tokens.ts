// The App's credentials: installation tokens minted with its JWT through
// @octokit/auth-app (which caches them), one delivery's token shared by its
// decision and its answer, and what a failed mint means in words an operator
// can act on.

import {
  createAppAuth,
  type InstallationAccessTokenAuthentication
} from '@octokit/auth-app'
import { Octokit } from '@octokit/core'
import { RequestError } from '@octokit/request-error'
import { getErrorMessage } from '../engine/index.js'
import { proxyFetch, USER_AGENT } from '../github/client.js'
import type { ServerConfig } from './config.js'
import type { ServerLogger } from './log.js'
import type { CallbackTarget } from './payload.js'
import { ATTEMPT_MS, retrying, transient, type Clock } from './retry.js'

/** Installation tokens, minted and cached by @octokit/auth-app. */
export interface TokenSource {
  /**
   * A token of the installation narrowed to `repo`, valid for at least
   * `validForMs` more; `refresh` mints a new one whatever the cache holds.
   */
  token(
    installationId: number,
    repo: string,
    o: { validForMs: number; refresh?: boolean }
  ): Promise<string>
}

/**
 * The App's tokens, through @octokit/auth-app with its `request` pointed at
 * the configured API (GHES, the simulator) and its proxy.
 */
export function appTokens(
  config: Pick<ServerConfig, 'appId' | 'privateKey' | 'apiUrl'>,
  logger: ServerLogger
): TokenSource {
  const base = proxyFetch(config.apiUrl) ?? globalThis.fetch
  const request = new Octokit({
    baseUrl: config.apiUrl,
    userAgent: USER_AGENT,
    request: {
      fetch: ((input, init) =>
        base(input, {
          ...init,
          signal: AbortSignal.timeout(ATTEMPT_MS)
        })) as typeof fetch
    }
  }).request
  const auth = createAppAuth({
    // GitHub wants a numeric `iss` for an App id; a client id stays a string.
    appId: /^\d+$/.test(config.appId) ? Number(config.appId) : config.appId,
    privateKey: config.privateKey,
    request,
    log: { warn: (m: string) => logger.warning(m) }
  })
  return {
    async token(installationId, repo, o) {
      const mint = (
        refresh: boolean
      ): Promise<InstallationAccessTokenAuthentication> =>
        auth({
          type: 'installation',
          installationId,
          repositoryNames: [repo],
          refresh
        })
      let a = await mint(o.refresh === true)
      if (Date.parse(a.expiresAt) - Date.now() < o.validForMs) {
        a = await mint(true)
      }
      return a.token
    }
  }
}

/** What a failed token mint means, in words an operator can act on. */
export function tokenError(
  error: unknown,
  target: Pick<CallbackTarget, 'installationId' | 'owner' | 'repo'>
): string {
  const id = target.installationId
  if (error instanceof RequestError) {
    switch (error.status) {
      case 401:
        return `GitHub refused the App's JWT (401): check APP_ID, the private key and this server's clock`
      case 403:
        return `GitHub refused an installation token (403): the installation ${id} may be suspended`
      case 404:
        return `installation ${id} of this App was not found (404): is the App installed, and is APP_ID the App that receives these webhooks?`
      case 422:
        return `installation ${id} does not reach ${target.owner}/${target.repo} (422): add the repository to the App's installation`
      default:
        return `minting an installation token failed with ${error.status}: ${error.message}`
    }
  }
  return `minting an installation token failed: ${getErrorMessage(error)}`
}

export interface InstallationTokenOptions {
  tokens: TokenSource
  target: Pick<CallbackTarget, 'installationId' | 'repo'>
  /** how long a token handed out must still be valid */
  validForMs: number
  /** back-off base of the mint's retries */
  retryBaseMs: number
  log: Pick<ServerLogger, 'warning'>
  clock?: Clock
}

/**
 * One delivery's installation token: one mint shared by its decision and
 * its answer (even when both ask at once), retried while it is transient.
 */
export class InstallationToken {
  private token: string | null = null
  private minting: Promise<string> | null = null

  constructor(private readonly o: InstallationTokenOptions) {}

  /**
   * The token, minted by `deadline` at the latest; `refresh`: a new one
   * whatever the cache holds (the last was refused).
   */
  async get(o: { deadline: number; refresh?: boolean }): Promise<string> {
    const refresh = o.refresh === true
    if (this.token !== null && !refresh) return this.token
    this.minting ??= this.mint(o.deadline, refresh).finally(() => {
      this.minting = null
    })
    this.token = await this.minting
    return this.token
  }

  private mint(deadline: number, refresh: boolean): Promise<string> {
    const { tokens, target, validForMs } = this.o
    return retrying(
      {
        what: 'minting an installation token',
        deadline,
        retryable: transient,
        baseMs: this.o.retryBaseMs,
        log: this.o.log,
        clock: this.o.clock
      },
      // a retry mints anew rather than trust auth-app's cache again
      (attempt) =>
        tokens.token(target.installationId, target.repo, {
          validForMs,
          refresh: refresh || attempt > 0
        })
    )
  }
}
