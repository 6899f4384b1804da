// Two ways to give gathering a GitHub: the real client against the simulator
// (what GitHub's shapes and refusals look like), and a recording port that
// answers from a script (what GitHub may send but the simulator does not).
import { GitHubApiError } from '../../../src/engine/errors.js'
import type {
  GitHubPort,
  GraphQLError,
  GraphQLResponse,
  RestResponse
} from '../../../src/engine/port.js'
import { silentLogger } from '../../../src/engine/port.js'
import { makeRequest, type EngineRequest } from '../../../src/engine/request.js'
import { createClient } from '../../../src/github/client.js'
import {
  startSimulator,
  type SimulatorServer
} from '../../../test-support/sim/server.js'
import {
  OWNER,
  POLICY_PATH,
  REPO,
  type World
} from '../../../test-support/demo/scenarios.js'

export interface Call {
  route: string
  params: Record<string, unknown>
}

/** A GraphQL answer: `data` and, when given, errors beside it. */
export const answer = (
  data: unknown,
  errors: GraphQLError[] = []
): GraphQLResponse<unknown> => ({ data, errors })

export const ok = (data: unknown): RestResponse => ({
  status: 200,
  data,
  headers: {}
})

/** What the client throws for a non-2xx REST answer. */
export const refused = (
  status: number,
  message = 'Resource not accessible by integration',
  permission?: string
): GitHubApiError => new GitHubApiError(message, { status, permission })

/**
 * A port answering GraphQL queries in order from `graphql` and REST calls
 * through `rest`; it records every call, so a test can assert the request
 * that was not made.
 */
export function scripted(o: {
  /** the answers in order, or one function answering every query */
  graphql?:
    | (GraphQLResponse<unknown> | Error)[]
    | ((variables: Record<string, unknown>) => GraphQLResponse<unknown>)
  rest?: (route: string, params: Record<string, unknown>) => RestResponse
}): GitHubPort & { calls: Call[] } {
  const calls: Call[] = []
  const answers = o.graphql
  const queue = Array.isArray(answers) ? [...answers] : []
  return {
    calls,
    async rest<T>(route: string, params: Record<string, unknown> = {}) {
      calls.push({ route, params })
      if (o.rest === undefined) throw new Error(`unexpected REST ${route}`)
      const r = o.rest(route, params)
      return { ...r, data: r.data as T }
    },
    async graphql<T>(query: string, variables: Record<string, unknown>) {
      calls.push({ route: 'POST /graphql', params: { query, ...variables } })
      const next =
        typeof answers === 'function' ? answers(variables) : queue.shift()
      if (next === undefined) throw new Error('unexpected GraphQL query')
      if (next instanceof Error) throw next
      return next as GraphQLResponse<T>
    }
  }
}

/** The request the demo world's gate run makes, with `sha`. */
export function requestFor(
  sha: string,
  o: { environment?: string; runId?: number | null } = {}
): EngineRequest {
  return makeRequest({
    owner: OWNER,
    repo: REPO,
    environment: o.environment ?? 'production',
    sha,
    policyPath: POLICY_PATH,
    run: o.runId === undefined || o.runId === null ? null : { id: o.runId },
    // GITHUB_EVENT_NAME as the demo's runner sets it
    event: 'push'
  })
}

/** The real client, with `token`, against `world` served on loopback. */
export async function onSimulator<T>(
  w: World,
  token: string,
  use: (port: GitHubPort, server: SimulatorServer) => Promise<T>
): Promise<T> {
  const server = await startSimulator(w.sim)
  try {
    const port = createClient({
      token,
      apiUrl: server.url,
      graphqlUrl: server.graphqlUrl,
      logger: silentLogger,
      timeoutMs: 20_000,
      retryBaseMs: 5
    })
    return await use(port, server)
  } finally {
    await server.close()
  }
}

/** The `METHOD /path` of each request the simulator answered. */
export const routes = (server: SimulatorServer): string[] =>
  server.requests.map((r) => `${r.method} ${r.path}`)
