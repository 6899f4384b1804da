// Further pages of connections the first answers left open, asked together
// in batches within the query limits, until none is left.

import type { GitHubPort, GraphQLResponse } from '../port.js'
import { askInBatches, type QueryCost } from './budget.js'
import { pagesQuery, PAGE_COST, type PageSelection } from './queries.js'
import type { Json } from './shape.js'

/**
 * Reads every page in `first` and whatever further pages `read` asks for,
 * round after round. `read` takes one batch's answer and returns the pages
 * still to read for it.
 */
export async function readPages<P extends PageSelection>(
  port: GitHubPort,
  repository: { owner: string; name: string },
  first: P[],
  read: (batch: P[], answer: GraphQLResponse<Json>) => P[]
): Promise<void> {
  let todo = first
  while (todo.length > 0) {
    const next: P[] = []
    await askInBatches({
      items: todo,
      each: (): QueryCost => PAGE_COST,
      ask: async (batch) => {
        const { query, variables } = pagesQuery(batch, repository)
        const answer = await port.graphql<Json>(query, variables, {
          splittable: true
        })
        next.push(...read(batch, answer))
      }
    })
    todo = next
  }
}
