// The API calls an audit made, by REST route and GraphQL operation, for the
// packet's manifest (SPEC §7: "how the population was produced ... queries"):
// an auditor can see what was asked of GitHub and re-run it. Counted at the
// port, so a call is one route or one operation, whatever its retries.

import type { GitHubPort } from '../engine/index.js'

export interface ApiCalls {
  /** `GET /repos/{owner}/{repo}/...` → calls */
  rest: Record<string, number>
  /** the operation's name (`query AuditHistory`) → calls */
  graphql: Record<string, number>
}

/** The operation name of a GraphQL document; `anonymous` when it has none. */
export function operationOf(query: string): string {
  const m = /^\s*(query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(
    query
  )
  return m === null ? 'anonymous' : `${m[1]} ${m[2]}`
}

/** `port`, every call it makes counted. */
export function countingPort<T extends GitHubPort>(
  port: T
): { port: T; calls: () => ApiCalls } {
  const rest = new Map<string, number>()
  const graphql = new Map<string, number>()
  const add = (map: Map<string, number>, key: string): void => {
    map.set(key, (map.get(key) ?? 0) + 1)
  }
  const counting: GitHubPort = {
    rest: (route, params) => {
      add(rest, route)
      return port.rest(route, params)
    },
    graphql: (query, variables, options) => {
      add(graphql, operationOf(query))
      return port.graphql(query, variables, options)
    }
  }
  // the port's other members (its request log, its usage) stay its own
  const counted: T = { ...port, ...counting }
  const sorted = (map: Map<string, number>): Record<string, number> =>
    Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)))
  return {
    port: counted,
    calls: () => ({ rest: sorted(rest), graphql: sorted(graphql) })
  }
}
