// The cost of each query shape the product can build, at its largest batch,
// by the simulator's costing (GitHub's documented method): the table
// "query shape, batch, nodes, requests, points" and the node target over it.

import { parse, validate, Kind, type SelectionSetNode } from 'graphql'
import {
  githubSchema,
  queryCost,
  type QueryCost
} from '../../test-support/sim/index.js'
import type { CaseResult, TargetResult } from './results.js'
import { plural } from './target-kit.js'

/** As test-support/query-shapes.ts describes a query the product sends. */
export interface QueryShape {
  name: string
  what: string
  /** the query text exactly as the product sends it, at its largest batch */
  query: string
  variables: Record<string, unknown>
}

export interface ShapeCost {
  name: string
  what: string
  /** the most aliases of one field side by side: the batch it was built at */
  batch: number
  nodes: number
  requests: number
  points: number
}

export const NODES_TARGET = 100_000

/**
 * The largest number of aliased selections of one field in one selection
 * set (`c0: object(…) c1: object(…)` is 2); 1 when nothing is batched.
 */
export function batchOf(query: string): number {
  let most = 1
  const visit = (set: SelectionSetNode | undefined): void => {
    if (set === undefined) return
    const byField = new Map<string, number>()
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.alias !== undefined) {
          const n = (byField.get(s.name.value) ?? 0) + 1
          byField.set(s.name.value, n)
          most = Math.max(most, n)
        }
        visit(s.selectionSet)
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        visit(s.selectionSet)
      }
    }
  }
  for (const d of parse(query).definitions) {
    if (
      d.kind === Kind.OPERATION_DEFINITION ||
      d.kind === Kind.FRAGMENT_DEFINITION
    ) {
      visit(d.selectionSet)
    }
  }
  return most
}

/** What GitHub would charge for one shape, costed against the simulator's schema. */
export function defaultCostOf(shape: QueryShape): QueryCost {
  const schema = githubSchema()
  const document = parse(shape.query)
  const invalid = validate(schema, document)
  if (invalid.length > 0) {
    throw new Error(
      `query shape ${shape.name} does not validate against the simulator's schema: ${invalid.map((e) => e.message).join('; ')}`
    )
  }
  const cost = queryCost({ schema, document, variables: shape.variables })
  if (cost === null) {
    throw new Error(`query shape ${shape.name}: its variables do not coerce`)
  }
  return cost
}

export function shapeCosts(
  shapes: QueryShape[],
  costOf: (shape: QueryShape) => QueryCost = defaultCostOf
): ShapeCost[] {
  return shapes.map((s) => {
    const cost = costOf(s)
    return {
      name: s.name,
      what: s.what,
      batch: batchOf(s.query),
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
      note: 'test-support/query-shapes.ts is not there to list the shapes.'
    }
  }
  const largest = shapes.reduce((a, b) => (b.nodes > a.nodes ? b : a))
  const over = shapes
    .filter((s) => s.nodes > NODES_TARGET)
    .sort((a, b) => b.nodes - a.nodes)
  return {
    ...base,
    measured: `${largest.nodes.toLocaleString('en-US')} nodes (${largest.name}, batch of ${largest.batch})`,
    pass: over.length === 0,
    note:
      over.length === 0
        ? `${plural(shapes.length, 'shape')}, costed as GitHub costs them (table below).`
        : `Over: ${over.map((s) => `${s.name} ${s.nodes.toLocaleString('en-US')} (batch of ${s.batch})`).join(', ')}; the table below has every shape.`
  }
}

export function nodesTargets(
  cases: CaseResult[],
  shapes: ShapeCost[] | null
): TargetResult[] {
  return [largestSent(cases), largestShape(shapes)]
}
