// GitHub Enterprise Server: the oldest version promotion-gate supports, and
// what to say when a server is older (SPEC §9). An older server refuses the
// gate's queries whole, with GraphQL validation errors, so without this the
// user would see "Field 'rules' doesn't exist on type 'Ref'" and guess.

import { GitHubApiError } from '../engine/index.js'

/** The oldest GitHub Enterprise Server whose schema has every field we ask for. */
export const OLDEST_GHES = '3.13'

/**
 * The version GHES puts on its API answers (docs.github.com/en/
 * enterprise-server@3.8/rest/enterprise-admin#version-information).
 */
export const VERSION_HEADER = 'x-github-enterprise-version'

/**
 * Fields our queries use that GHES gained late, and the first version with
 * them. `Ref.rules` (rulesets on a ref, RepositoryRuleConnection) is absent
 * from GitHub's published GHES 3.12 GraphQL schema and present from 3.13
 * (github/docs src/graphql/data/ghes-3.12/schema.json and ghes-3.13/schema.json).
 */
const SINCE: Readonly<Record<string, string>> = { 'Ref.rules': '3.13' }

export interface UnknownField {
  typeName: string
  fieldName: string
}

// "Field 'rules' doesn't exist on type 'Ref'", the message GitHub sends with
// extensions { code: 'undefinedField', typeName, fieldName } and no `data`.
const UNDEFINED_FIELD = /^Field '(\w+)' doesn't exist on type '(\w+)'/

/**
 * The fields a GraphQL answer's errors say the server's schema lacks, from
 * `extensions` when given, else from the message; none for other errors.
 */
export function unknownFields(errors: readonly unknown[]): UnknownField[] {
  const out: UnknownField[] = []
  for (const e of errors) {
    const field = unknownField(e)
    if (
      field !== undefined &&
      !out.some(
        (f) => f.typeName === field.typeName && f.fieldName === field.fieldName
      )
    ) {
      out.push(field)
    }
  }
  return out
}

function unknownField(e: unknown): UnknownField | undefined {
  if (typeof e !== 'object' || e === null) return undefined
  const { extensions, message } = e as {
    extensions?: unknown
    message?: unknown
  }
  const ext = (extensions ?? {}) as Record<string, unknown>
  if (
    ext.code === 'undefinedField' &&
    typeof ext.typeName === 'string' &&
    typeof ext.fieldName === 'string'
  ) {
    return { typeName: ext.typeName, fieldName: ext.fieldName }
  }
  const m = typeof message === 'string' ? UNDEFINED_FIELD.exec(message) : null
  return m?.[1] !== undefined && m[2] !== undefined
    ? { typeName: m[2], fieldName: m[1] }
    : undefined
}

/**
 * The one error for a server whose schema lacks fields the gate needs: it
 * names them, the version that has them, the oldest GHES supported and,
 * when the server sent it, its own version.
 */
export function schemaMismatch(o: {
  fields: readonly UnknownField[]
  serverVersion: string | undefined
}): GitHubApiError {
  const names = o.fields
    .map((f) => {
      const name = `${f.typeName}.${f.fieldName}`
      const since = SINCE[name]
      return since === undefined
        ? `\`${name}\``
        : `\`${name}\` (needs ${since} or later)`
    })
    .join(', ')
  const server =
    o.serverVersion === undefined
      ? 'this GitHub Enterprise Server'
      : `GitHub Enterprise Server ${o.serverVersion}`
  return new GitHubApiError(
    `${server} does not know ${names}: promotion-gate supports GitHub Enterprise Server ${OLDEST_GHES} and later`,
    {
      hint: `Upgrade GitHub Enterprise Server to ${OLDEST_GHES} or later${o.serverVersion === undefined ? `; its version is in the ${VERSION_HEADER} header of any API answer` : ''}.`
    }
  )
}

/**
 * How to ask Octokit for a GraphQL endpoint. @octokit/plugin-throttling
 * treats a request as GraphQL (queues it with the writes, retries a 200
 * answer whose errors say RATE_LIMITED) only when its path starts with
 * /graphql, and GHES serves GraphQL at /api/graphql; so `.../api/graphql`
 * goes as base `.../api` and path `/graphql`, which Octokit joins back.
 */
export function graphqlRoute(graphqlUrl: string): {
  baseUrl?: string
  url: string
} {
  const url = graphqlUrl.replace(/\/+$/, '')
  return url.endsWith('/graphql')
    ? { baseUrl: url.slice(0, -'/graphql'.length), url: '/graphql' }
    : { url }
}
