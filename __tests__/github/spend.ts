// Spends GraphQL points of the simulator's budget before the gate runs, as
// other workflows of the repository would (every GITHUB_TOKEN shares it).
import { expect } from '@jest/globals'
import type { SimulatorServer } from '../../test-support/sim/server.js'

/**
 * One query costing exactly `points`: each alias needs 1 request for its
 * pull requests and 99 for their commits, 100 requests, 1 point (GitHub's
 * method, test-support/sim/graphql-cost.ts), with few nodes.
 */
export async function spendPoints(
  server: SimulatorServer,
  token: string,
  points: number
): Promise<void> {
  const alias = (i: number): string =>
    `p${i}: repository(owner: "acme", name: "shop") { pullRequests(first: 99) { nodes { commits(first: 1) { totalCount } } } }`
  const query = `query Spend { ${Array.from({ length: points }, (_, i) => alias(i)).join(' ')} }`
  const response = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { authorization: `token ${token}` },
    body: JSON.stringify({ query })
  })
  expect(response.status).toBe(200)
  expect(response.headers.get('x-ratelimit-used')).not.toBeNull()
  const last = server.requests.at(-1)
  expect(last?.points).toBe(points)
}
