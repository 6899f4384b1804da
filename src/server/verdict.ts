// The answer: the verdict POSTed through the run's deployment protection
// rule callback, retried on no answer, 5xx, 429 and a 401 (a token not yet
// replicated, or expired: minted again) until the budget is spent.

import { getErrorMessage, GitHubApiError } from '../engine/index.js'
import type { ClientOptions, GitHubClient } from '../github/client.js'
import type { ServerConfig } from './config.js'
import type { ServerLogger } from './log.js'
import type { CallbackTarget } from './payload.js'
import {
  ATTEMPT_MS,
  realClock,
  retryablePost,
  retrying,
  statusOf,
  type Clock
} from './retry.js'
import type { InstallationToken } from './tokens.js'

export type Verdict = 'approved' | 'rejected'

export interface PostVerdictOptions {
  target: CallbackTarget
  state: Verdict
  /** the comment GitHub shows on the run */
  comment: string
  /** how long to keep trying, token included */
  budgetMs: number
  token: Pick<InstallationToken, 'get'>
  client: (options: ClientOptions) => GitHubClient
  config: Pick<ServerConfig, 'apiUrl' | 'graphqlUrl'>
  /** back-off base of the retries */
  retryBaseMs: number
  log: ServerLogger
  clock?: Clock
}

/** The verdict posted, or null when it could not be (logged). */
export async function postVerdict(
  o: PostVerdictOptions
): Promise<Verdict | null> {
  const clock = o.clock ?? realClock
  const deadline = clock.now() + o.budgetMs
  let refused = false
  try {
    await retrying(
      {
        what: 'posting the verdict',
        deadline,
        retryable: retryablePost,
        baseMs: o.retryBaseMs,
        log: o.log,
        clock
      },
      async () => {
        const token = await o.token.get({ deadline, refresh: refused })
        try {
          await callback(o, token, deadline - clock.now())
        } catch (error) {
          refused = statusOf(error) === 401
          throw error
        }
      }
    )
    o.log.log('info', `answered: ${o.state}`, { state: o.state })
    return o.state
  } catch (error) {
    const hint =
      error instanceof GitHubApiError && error.status === 403
        ? ' (the App needs Deployments: read and write, and must be a protection rule of this environment)'
        : ''
    o.log.log(
      'error',
      `the verdict (${o.state}) could not be posted: ${getErrorMessage(error)}${hint}`,
      { state: null }
    )
    return null
  }
}

/** One POST to the callback, within what is left of the budget. */
async function callback(
  o: PostVerdictOptions,
  token: string,
  leftMs: number
): Promise<void> {
  const t = o.target
  const client = o.client({
    token,
    apiUrl: o.config.apiUrl,
    graphqlUrl: o.config.graphqlUrl,
    logger: o.log,
    timeoutMs: Math.max(1000, Math.min(ATTEMPT_MS * 3, leftMs)),
    retryBaseMs: o.retryBaseMs
  })
  await client.rest(
    'POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule',
    {
      owner: t.owner,
      repo: t.repo,
      run_id: t.runId,
      environment_name: t.environment,
      state: o.state,
      comment: o.comment
    }
  )
}
