// The API endpoints and time budget every networked subcommand takes, from
// its options and the environment (GitHub Actions and GHES variables).

import { defaultGraphqlUrl } from '../github/client.js'
import { UsageError } from './command.js'
import { printable } from './output.js'

type Env = Record<string, string | undefined>

/** `label`: the option or variable the value came from, for the message. */
function httpUrl(command: string, label: string, value: string): string {
  let url: URL | null = null
  try {
    url = new URL(value)
  } catch {
    // reported below
  }
  if (url === null || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new UsageError(
      command,
      `${label} must be an http(s) URL, not "${printable(value)}"`
    )
  }
  if (url.username !== '' || url.password !== '') {
    throw new UsageError(
      command,
      `${label} must not carry credentials; the token comes from GITHUB_TOKEN or GH_TOKEN`
    )
  }
  return value.replace(/\/+$/, '')
}

/**
 * The web UI base the engine checks workflow-run links against: GitHub's own
 * for api.github.com, the host for GHES (/api/v3) and GHE.com (api.<name>).
 */
export function defaultServerUrl(apiUrl: string): string {
  const url = new URL(apiUrl)
  const path = url.pathname.replace(/\/+$/, '')
  if (path.endsWith('/api/v3')) {
    return `${url.origin}${path.slice(0, -'/api/v3'.length)}`
  }
  if (url.hostname.startsWith('api.') && url.hostname !== 'api.github.com') {
    return `${url.protocol}//${url.host.slice('api.'.length)}`
  }
  return 'https://github.com'
}

/** REST, GraphQL and web URLs: options first, else the job's variables. */
export function endpoints(
  command: string,
  values: Map<string, string>,
  env: Env
): { apiUrl: string; graphqlUrl: string; serverUrl: string } {
  const apiFlag = values.get('api-url')
  const apiUrl =
    apiFlag !== undefined
      ? httpUrl(command, '--api-url', apiFlag)
      : httpUrl(
          command,
          'GITHUB_API_URL',
          env.GITHUB_API_URL || 'https://api.github.com'
        )
  // An explicit --api-url wins over the job's variables: GraphQL and web
  // URLs are then derived from it rather than mixed with another host's.
  const graphqlFlag = values.get('graphql-url')
  const graphqlUrl =
    graphqlFlag !== undefined
      ? httpUrl(command, '--graphql-url', graphqlFlag)
      : apiFlag === undefined && env.GITHUB_GRAPHQL_URL
        ? httpUrl(command, 'GITHUB_GRAPHQL_URL', env.GITHUB_GRAPHQL_URL)
        : defaultGraphqlUrl(apiUrl)
  const serverUrl = (
    apiFlag === undefined && env.GITHUB_SERVER_URL
      ? env.GITHUB_SERVER_URL
      : defaultServerUrl(apiUrl)
  ).replace(/\/+$/, '')

  return { apiUrl, graphqlUrl, serverUrl }
}

/** --timeout-seconds, 1-3600, default 120. */
export function timeoutOf(
  command: string,
  values: Map<string, string>
): number {
  const rawTimeout = values.get('timeout-seconds')
  let timeoutSeconds = 120
  if (rawTimeout !== undefined) {
    timeoutSeconds = Number(rawTimeout)
    if (
      !/^\d+$/.test(rawTimeout) ||
      timeoutSeconds < 1 ||
      timeoutSeconds > 3600
    ) {
      throw new UsageError(
        command,
        `--timeout-seconds must be a whole number from 1 to 3600, not "${printable(rawTimeout)}"`
      )
    }
  }

  return timeoutSeconds
}
