// Where GitHub answers, and who the gate says it is: shared by the client and
// the requests sent before it loads (early.ts).

export const USER_AGENT = 'promotion-gate'
export const DEFAULT_API_URL = 'https://api.github.com'

/** GITHUB_GRAPHQL_URL when set; otherwise derived as GitHub does for GHES. */
export function defaultGraphqlUrl(apiUrl: string): string {
  const base = apiUrl.replace(/\/+$/, '')
  // GHES serves REST at /api/v3 and GraphQL at /api/graphql.
  if (base.endsWith('/api/v3')) return `${base.slice(0, -'v3'.length)}graphql`
  return `${base}/graphql`
}
