// Pieces shared by the REST and GraphQL front ends: answers, GitHub's error
// bodies, and REST pagination.

export interface Answer {
  status: number
  body: unknown
  headers?: Record<string, string>
  /** raw text instead of JSON (used by the invalid-json fault) */
  raw?: string
}

export const DOCS = 'https://docs.github.com/rest'

/**
 * GitHub's error body: `message`, `documentation_url` and, since 2023,
 * `status` as a string. e.g. `{"message":"Not Found","documentation_url":
 * "https://docs.github.com/rest","status":"404"}`
 */
export function errorAnswer(
  status: number,
  message: string,
  documentationUrl: string = DOCS,
  extra: Record<string, unknown> = {}
): Answer {
  return {
    status,
    body: {
      message,
      ...extra,
      documentation_url: documentationUrl,
      status: String(status)
    }
  }
}

export function notFound(doc: string = DOCS): Answer {
  return errorAnswer(404, 'Not Found', doc)
}

/** 422 with GitHub's `errors` array. */
export function validationFailed(
  doc: string,
  errors: Record<string, unknown>[]
): Answer {
  return errorAnswer(422, 'Validation Failed', doc, { errors })
}

export interface PageParams {
  perPage: number
  page: number
}

/**
 * `per_page` (default 30, at most 100) and `page` (from 1).
 * https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api
 */
export function pageParams(
  query: URLSearchParams,
  defaultPerPage = 30
): PageParams {
  const pp = Number.parseInt(query.get('per_page') ?? '', 10)
  const pg = Number.parseInt(query.get('page') ?? '', 10)
  return {
    perPage: Number.isFinite(pp) && pp > 0 ? Math.min(pp, 100) : defaultPerPage,
    page: Number.isFinite(pg) && pg > 0 ? pg : 1
  }
}

/**
 * RFC 5988 Link header as GitHub sends it: prev, next, last, first; next and
 * last only when there is a next page, prev and first only past page 1.
 */
export function linkHeader(
  url: URL,
  page: number,
  perPage: number,
  total: number
): string | undefined {
  const last = Math.max(1, Math.ceil(total / perPage))
  const at = (p: number) => {
    const u = new URL(url)
    u.searchParams.set('per_page', String(perPage))
    u.searchParams.set('page', String(p))
    return `<${u.toString()}>`
  }
  const parts: string[] = []
  if (page > 1) parts.push(`${at(Math.min(page - 1, last))}; rel="prev"`)
  if (page < last) {
    parts.push(`${at(page + 1)}; rel="next"`)
    parts.push(`${at(last)}; rel="last"`)
  }
  if (page > 1) parts.push(`${at(1)}; rel="first"`)
  return parts.length === 0 ? undefined : parts.join(', ')
}

export function paginate<T>(
  items: T[],
  url: URL,
  query: URLSearchParams
): { items: T[]; headers: Record<string, string> } {
  const { perPage, page } = pageParams(query)
  const slice = items.slice((page - 1) * perPage, page * perPage)
  const link = linkHeader(url, page, perPage, items.length)
  return { items: slice, headers: link === undefined ? {} : { link } }
}
