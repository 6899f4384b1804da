// The cost of each query shape the product can build, at its largest batch,
// by the simulator's costing (GitHub's documented method): the table
// "query shape, batch, nodes, requests, points" and the node target over it.

import {
  costOf as simCostOf,
  queryShapes,
  type QueryShape
} from '../../test-support/query-shapes.js'
import type { QueryCost } from '../../test-support/sim/index.js'
import type { CaseResult, TargetResult } from './results.js'
import { plural } from './target-kit.js'

export interface ShapeCost {
  name: string
  what: string
  /** items in the batch it was built at; null for a query that batches nothing */
  batch: number | null
  nodes: number
  requests: number
  points: number
}

export const NODES_TARGET = 100_000

/** Each shape the product can build (test-support/query-shapes.ts), costed. */
export function shapeCosts(
  shapes: QueryShape[] = queryShapes(),
  costOf: (shape: QueryShape) => QueryCost = simCostOf
): ShapeCost[] {
  return shapes.map((s) => {
    const cost = costOf(s)
    return {
      name: s.name,
      what: s.what,
      batch: s.batch,
      nodes: cost.nodes,
      requests: cost.requests,
      points: cost.points
    }
  })
}

function largestSent(cases: CaseResult[]): TargetResult {
  const sent = cases.filter((c) => c.largestNodes !== null)
  const base = {
    id: 'nodes-sent',
    spec: 'every query the bench cases sent',
    target: `at most ${NODES_TARGET.toLocaleString('en-US')} nodes`,
    cases: sent.map((c) => c.name)
  }
  if (sent.length === 0) {
    return { ...base, measured: 'not run', pass: null, note: '' }
  }
  const largest = sent.reduce((a, b) =>
    (b.largestNodes ?? 0) > (a.largestNodes ?? 0) ? b : a
  )
  const over = sent.filter((c) => (c.largestNodes ?? 0) > NODES_TARGET)
  const refused = sent.filter((c) => c.refused.nodeLimit > 0)
  return {
    ...base,
    measured: `${(largest.largestNodes ?? 0).toLocaleString('en-US')} nodes (${largest.largestQuery ?? '–'} in ${largest.name})`,
    pass: over.length === 0,
    note:
      over.length === 0
        ? ''
        : `Over in ${plural(over.length, 'case')}: ${over.map((c) => `${c.name} (${c.largestQuery ?? '–'}, ${(c.largestNodes ?? 0).toLocaleString('en-US')})`).join(', ')}.` +
          (refused.length === 0
            ? ''
            : ` Refused by GitHub's 500,000-node limit: ${refused.map((c) => `${c.name} ${plural(c.refused.nodeLimit, 'query', 'queries')}`).join(', ')}.`)
  }
}

function largestShape(shapes: ShapeCost[] | null): TargetResult {
  const base = {
    id: 'nodes-shapes',
    spec: 'every query shape the product can build, at its largest batch',
    target: `at most ${NODES_TARGET.toLocaleString('en-US')} nodes`,
    cases: [] as string[]
  }
  if (shapes === null || shapes.length === 0) {
    return {
      ...base,
      measured: 'not measured',
      pass: null,
      note: 'No query shapes were costed for these results.'
    }
  }
  const largest = shapes.reduce((a, b) => (b.nodes > a.nodes ? b : a))
  const over = shapes
    .filter((s) => s.nodes > NODES_TARGET)
    .sort((a, b) => b.nodes - a.nodes)
  return {
    ...base,
    measured: `${largest.nodes.toLocaleString('en-US')} nodes (${largest.name}${largest.batch === null ? '' : `, batch of ${largest.batch}`})`,
    pass: over.length === 0,
    note:
      over.length === 0
        ? `${plural(shapes.length, 'shape')}, costed as GitHub costs them (table below).`
        : `Over: ${over.map((s) => `${s.name} ${s.nodes.toLocaleString('en-US')}${s.batch === null ? '' : ` (batch of ${s.batch})`}`).join(', ')}; the table below has every shape.`
  }
}

export function nodesTargets(
  cases: CaseResult[],
  shapes: ShapeCost[] | null
): TargetResult[] {
  return [largestSent(cases), largestShape(shapes)]
}
