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
