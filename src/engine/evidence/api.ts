// The API cost of a decision in its evidence (SPEC §6, §9): requests, GraphQL
// points and the budgets left, and the warning when a budget runs low.

import type { ApiUsage } from '../port.js'

/** The evidence's `api`: the client's usage as the decision left it. */
export type EvidenceApi = ApiUsage

/** Below this share of a budget left, the decision warns (SPEC §9). */
export const LOW_BUDGET = 0.2

export const evidenceApiJsonSchema = {
  description:
    'The API cost of the decision: HTTP requests (retries included), GraphQL points and the rate-limit budgets left; null when the client did not count.',
  anyOf: [
    { type: 'null' },
    {
      type: 'object',
      additionalProperties: false,
      required: ['requests', 'points', 'budgets'],
      properties: {
        requests: {
          type: 'object',
          additionalProperties: false,
          required: ['rest', 'graphql'],
          properties: {
            rest: { type: 'integer', minimum: 0 },
            graphql: { type: 'integer', minimum: 0 }
          }
        },
        points: {
          type: ['integer', 'null'],
          minimum: 0,
          description:
            'GraphQL points spent (rateLimit.cost summed); null: an answer did not say what it cost'
        },
        budgets: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['resource', 'limit', 'remaining', 'used', 'reset'],
            properties: {
              resource: {
                type: 'string',
                minLength: 1,
                description:
                  'x-ratelimit-resource: core (REST requests), graphql (points), ...'
              },
              limit: { type: 'integer', minimum: 0 },
              remaining: { type: 'integer', minimum: 0 },
              used: { type: 'integer', minimum: 0 },
              reset: { type: 'string', format: 'date-time' }
            }
          }
        }
      }
    }
  ]
} as const

const number = new Intl.NumberFormat('en-US')

/** What a budget counts: `1,000 GraphQL points`, `5,000 REST requests`. */
export function budgetUnit(resource: string): string {
  if (resource === 'graphql') return 'GraphQL points'
  if (resource === 'core') return 'REST requests'
  return `${resource} requests`
}

/**
 * One warning per budget with less than LOW_BUDGET of it left, naming it:
 * what is left, when it refills, and that others draw on it too.
 */
export function lowBudgetWarnings(usage: ApiUsage | null): string[] {
  if (usage === null) return []
  return usage.budgets
    .filter((b) => b.limit > 0 && b.remaining / b.limit < LOW_BUDGET)
    .map(
      (b) =>
        `GitHub API budget low: ${number.format(b.remaining)} of ${number.format(b.limit)} ${budgetUnit(b.resource)} left this hour (resets ${b.reset.slice(11, 16)} UTC); everything using this token draws on it, and a GITHUB_TOKEN's is shared by every workflow of the repository`
    )
}
