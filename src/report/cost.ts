// What a decision cost on GitHub's budgets, in one line for people (SPEC §9):
// the job summary's footer and the CLI's verbose output.

import type { EvidenceRecord } from '../engine/index.js'

type Api = NonNullable<EvidenceRecord['api']>

const number = new Intl.NumberFormat('en-US')

const plural = (n: number, one: string, many = `${one}s`): string =>
  `${number.format(n)} ${n === 1 ? one : many}`

/** GraphQL first, then REST, then any other budget by name. */
const ORDER = ['graphql', 'core']
const rank = (resource: string): number => {
  const i = ORDER.indexOf(resource)
  return i === -1 ? ORDER.length : i
}

function left(b: Api['budgets'][number]): string {
  const unit =
    b.resource === 'graphql'
      ? 'points'
      : b.resource === 'core'
        ? 'REST requests'
        : `${b.resource} requests`
  return `${number.format(b.remaining)} of ${number.format(b.limit)} ${unit}`
}

/**
 * `Cost: 3 requests (1 GraphQL, 2 REST), 2 GraphQL points; left this hour:
 * 996 of 1,000 points, 4,990 of 5,000 REST requests.`
 */
export function costLine(api: Api): string {
  const { rest, graphql } = api.requests
  const points =
    api.points === null
      ? 'GraphQL points unknown (an answer did not say what it cost)'
      : plural(api.points, 'GraphQL point')
  const budgets = [...api.budgets].sort(
    (a, b) =>
      rank(a.resource) - rank(b.resource) ||
      a.resource.localeCompare(b.resource)
  )
  const remaining =
    budgets.length === 0
      ? ''
      : `; left this hour: ${budgets.map(left).join(', ')}`
  return `Cost: ${plural(rest + graphql, 'request')} (${number.format(graphql)} GraphQL, ${number.format(rest)} REST), ${points}${remaining}.`
}
