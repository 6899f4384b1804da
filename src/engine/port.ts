// The engine's view of GitHub: two calls, no Octokit. Adapters (action, CLI,
// server) construct the real client in src/github/client.ts; tests pass the
// same client pointed at the simulator.

export interface RestResponse<T = unknown> {
  status: number
  data: T
  headers: Record<string, string | number | undefined>
}

export interface GraphQLError {
  type?: string
  message: string
  path?: (string | number)[]
}

export interface GraphQLResponse<T> {
  data: T | null
  errors: GraphQLError[]
}

export interface GraphQLOptions {
  /**
   * The caller asks again in smaller batches when GitHub cuts the query off
   * (gather/budget.ts): the client must not repeat the same query itself.
   */
  splittable?: boolean
}

/**
 * One of GitHub's rate-limit budgets as an answer last stated it: the
 * `x-ratelimit-*` headers, or a GraphQL answer's `rateLimit`.
 */
export interface ApiBudget {
  /** GitHub's name for it: `core` (REST), `graphql` (points), `search`, ... */
  resource: string
  limit: number
  remaining: number
  used: number
  /** ISO 8601: when the budget is refilled */
  reset: string
}

/** What the calls so far cost and what is left (SPEC §9). */
export interface ApiUsage {
  /** HTTP requests sent, retries included */
  requests: { rest: number; graphql: number }
  /**
   * GraphQL points spent, each answer's `rateLimit.cost` summed; null when
   * an answer did not say what it cost (a failed attempt, or a query that
   * did not ask), since any figure would be a guess.
   */
  points: number | null
  /** the latest state of each budget the answers named */
  budgets: ApiBudget[]
}

export interface GitHubPort {
  /** REST call; throws GitHubApiError on any non-2xx answer. */
  rest<T = unknown>(
    route: string,
    params?: Record<string, unknown>
  ): Promise<RestResponse<T>>
  /**
   * GraphQL query; returns data and errors together (GitHub sends both for
   * partial answers). Throws GitHubApiError when there is no usable answer.
   */
  graphql<T>(
    query: string,
    variables: Record<string, unknown>,
    options?: GraphQLOptions
  ): Promise<GraphQLResponse<T>>
  /**
   * What the calls so far cost. Optional: a port that does not count (a
   * test's fake) leaves the evidence's `api` empty.
   */
  usage?(): ApiUsage
}

export interface Logger {
  debug(message: string): void
  info(message: string): void
  warning(message: string): void
  error(message: string): void
}

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined
}
