// The GraphQL API's primary rate limit: points per hour, spent by each
// query's cost (graphql-cost.ts).
// https://docs.github.com/en/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api#primary-rate-limit
import type { Token } from './model.js'

/** Points per hour by token kind. */
export type PointsPerHour = Record<Token['kind'], number>

/**
 * GitHub's budgets: a `GITHUB_TOKEN` 1,000 points per hour (per repository);
 * an App installation 5,000 (more for many repositories or users, at most
 * 12,500; not modelled).
 */
export const DEFAULT_POINTS_PER_HOUR: PointsPerHour = {
  github_token: 1000,
  installation: 5000
}

export interface BudgetState {
  limit: number
  used: number
  remaining: number
  /** when the window ends, in UTC epoch seconds */
  reset: number
}

export type Spend =
  { ok: true; state: BudgetState } | { ok: false; state: BudgetState }

interface Window {
  used: number
  reset: number
}

const HOUR_SECONDS = 3600
/** the key of the budget all GITHUB_TOKENs share (installation ids are > 0) */
const GITHUB_TOKENS = -1

/**
 * One budget per installation: tokens minted for one App installation share
 * it, as on GitHub. Every GITHUB_TOKEN shares one budget: GitHub counts a
 * GITHUB_TOKEN's points per repository, shared by every workflow of it
 * (same docs page, "Primary rate limit"), and the model ties no token to a
 * repository, so all of them count together: never kinder than GitHub,
 * stricter only for a world of several repositories.
 */
export class GraphqlBudgets {
  private readonly windows = new Map<number, Window>()

  constructor(
    private readonly perHour: PointsPerHour,
    /** epoch milliseconds */
    private readonly now: () => number = Date.now,
    /**
     * GitHub's window is an hour from the first query after the last
     * window ended, its end stated as `rateLimit.resetAt` and
     * `x-ratelimit-reset` ("Rate limits and query limits for the GraphQL
     * API", https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api#primary-rate-limit).
     * Shorter windows are the bench's, to pace in real time; never kinder:
     * the points per window stay GitHub's per hour.
     */
    private readonly windowSeconds: number = HOUR_SECONDS
  ) {}

  private window(token: Token): Window {
    const seconds = Math.floor(this.now() / 1000)
    const key =
      token.kind === 'github_token' ? GITHUB_TOKENS : token.installationId
    const w = this.windows.get(key)
    if (w !== undefined && seconds < w.reset) return w
    // a window starts with the first query after the last one ended
    const fresh = { used: 0, reset: seconds + this.windowSeconds }
    this.windows.set(key, fresh)
    return fresh
  }

  private state(token: Token, w: Window): BudgetState {
    const limit = this.perHour[token.kind]
    return {
      limit,
      used: w.used,
      remaining: Math.max(0, limit - w.used),
      reset: w.reset
    }
  }

  /** The budget as it stands, without spending. */
  peek(token: Token): BudgetState {
    return this.state(token, this.window(token))
  }

  /**
   * Spend `points`, or refuse without spending when fewer remain: GitHub
   * refuses a query whose cost exceeds what is left, so a refused answer's
   * remaining need not be 0 (octokit/plugin-throttling.js#636).
   */
  spend(token: Token, points: number): Spend {
    const w = this.window(token)
    if (w.used + points > this.perHour[token.kind]) {
      return { ok: false, state: this.state(token, w) }
    }
    w.used += points
    return { ok: true, state: this.state(token, w) }
  }
}
