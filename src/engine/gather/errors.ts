// GraphQL answers carry data and errors together. These turn the errors into
// a GitHubApiError that names what could not be read and, when GitHub said
// "forbidden", the permission the token most likely lacks.

import { GitHubApiError } from '../errors.js'
import type { GraphQLError } from '../port.js'

/** The errors' messages, ready to append to a sentence; empty when none. */
export function errorText(errors: GraphQLError[]): string {
  return errors.length === 0
    ? ''
    : ` (${errors.map((e) => e.message).join('; ')})`
}

export function errorAt(
  errors: GraphQLError[],
  alias: string
): GraphQLError | undefined {
  return errorsAt(errors, alias)[0]
}

export function errorsAt(
  errors: GraphQLError[],
  alias: string
): GraphQLError[] {
  return errors.filter((e) => e.path !== undefined && e.path.includes(alias))
}

/** The permission a GraphQL error on this path most likely lacks. */
export function permissionForPath(
  path: (string | number)[] | undefined
): string {
  const joined = (path ?? []).join('.')
  if (/deployments|statuses/.test(joined)) return 'deployments: read'
  if (/ullRequest|reviews|\.p\d+/.test(joined)) return 'pull-requests: read'
  return 'contents: read'
}

/**
 * GitHub answers GraphQL with data and errors together when part of the
 * answer could not be read. Any error left after `tolerated` means a fact is
 * missing, and a missing fact must never read as "none": block, naming it.
 */
export function assertComplete(
  errors: GraphQLError[],
  what: string,
  tolerated: (e: GraphQLError) => boolean = () => false
): void {
  const incomplete = incompleteness(errors, what, tolerated)
  if (incomplete !== null) throw incomplete
}

/** What `assertComplete` throws, or null when nothing is missing. */
export function incompleteness(
  errors: GraphQLError[],
  what: string,
  tolerated: (e: GraphQLError) => boolean
): GitHubApiError | null {
  const left = errors.filter((e) => !tolerated(e))
  if (left.length === 0) return null
  const forbidden = left.find(
    (e) => e.type === 'FORBIDDEN' || /not accessible/i.test(e.message)
  )
  const permission =
    forbidden === undefined ? undefined : permissionForPath(forbidden.path)
  return new GitHubApiError(
    `${what} could not be read completely: ${left.map((e) => e.message).join('; ')}`,
    {
      permission,
      hint:
        permission === undefined
          ? undefined
          : `The token probably lacks the \`${permission}\` permission.`
    }
  )
}

/** The repository itself could not be read: nothing else can be. */
export function repositoryUnreadable(
  req: { owner: string; repo: string },
  errors: GraphQLError[]
): GitHubApiError {
  return new GitHubApiError(
    `repository ${req.owner}/${req.repo} was not found or the token cannot read it${errorText(errors)}`,
    { permission: 'contents: read' }
  )
}
