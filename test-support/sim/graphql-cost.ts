// What a GraphQL query costs on GitHub, worked out from the query alone
// (GitHub charges before it runs anything): the nodes it may return, checked
// against the node limit, and the points it takes from the hourly budget.
// https://docs.github.com/en/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api
//
// Node limit: each connection may return up to its `first`/`last` times the
// page sizes of every connection around it; the sum over connections is the
// query's nodes, at most 500,000. Points: each connection needs one request
// per node of the connection around it (the outermost needs one); the sum of
// requests over 100, rounded to the nearest whole number, at least 1.
import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getVariableValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isInterfaceType,
  isObjectType,
  Kind,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode
} from 'graphql'

/** "Individual calls cannot request more than 500,000 total nodes." */
export const NODE_LIMIT = 500_000

export interface ConnectionCost {
  /** response keys from the root, e.g. `['repository', 'c0', 'commits']` */
  path: string[]
  /** `first` or `last` (the larger when both); null when neither is given */
  pageSize: number | null
  /** requests to fill it: the product of the page sizes around it */
  requests: number
  /** nodes it may return: `requests` times its own page size */
  nodes: number
}

export interface QueryCost {
  nodes: number
  requests: number
  /** what GitHub charges: `requests / 100`, rounded, at least 1 */
  points: number
  connections: ConnectionCost[]
}

export interface CostInput {
  schema: GraphQLSchema
  /** a document that passed validation against `schema` */
  document: DocumentNode
  variables?: Record<string, unknown>
  operationName?: string
}

/** "Divide by 100 and round ... The minimum point value of a call is 1." */
export function pointsFor(requests: number): number {
  return Math.max(1, Math.round(requests / 100))
}

const thousands = (n: number): string =>
  String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')

/**
 * GitHub's refusal of a query over the node limit: no `data`, one error.
 * Message as GitHub words it, e.g. "This query requests up to 2,010,050
 * possible nodes which exceeds the maximum limit of 500,000." (answers
 * quoted in pyvec/python.cz#250 and in clients' source, found with the
 * `MAX_NODE_LIMIT_EXCEEDED` type). Newer answers sometimes name the
 * connection ("By the time this query traverses to the `x` connection, it
 * is requesting up to ..."); the total, as documented, is what we count.
 */
export function nodeLimitError(nodes: number): {
  type: 'MAX_NODE_LIMIT_EXCEEDED'
  message: string
} {
  return {
    type: 'MAX_NODE_LIMIT_EXCEEDED',
    message: `This query requests up to ${thousands(nodes)} possible nodes which exceeds the maximum limit of ${thousands(NODE_LIMIT)}.`
  }
}

/** Fields of one selection, merged by response key as execution merges them. */
interface FieldGroup {
  parent: GraphQLNamedType
  key: string
  nodes: FieldNode[]
}

interface Walk {
  schema: GraphQLSchema
  fragments: Map<string, FragmentDefinitionNode>
  variables: Record<string, unknown>
  connections: ConnectionCost[]
}

function included(
  w: Walk,
  node: { readonly directives?: readonly DirectiveNode[] }
): boolean {
  // graphql-js's own reading of @skip/@include, as execution applies them
  const skip = getDirectiveValues(GraphQLSkipDirective, node, w.variables)
  if (skip?.if === true) return false
  const include = getDirectiveValues(GraphQLIncludeDirective, node, w.variables)
  return include?.if !== false
}

/**
 * The fields a selection set asks for, through fragments and inline
 * fragments. Fields under different type conditions stay apart (each is
 * counted: the cost is worked out before GitHub knows which type a node has).
 */
function collect(
  w: Walk,
  parent: GraphQLNamedType,
  set: SelectionSetNode,
  into: Map<string, FieldGroup>,
  seen: Set<string>
): void {
  for (const s of set.selections) {
    if (!included(w, s)) continue
    if (s.kind === Kind.FIELD) {
      const key = s.alias?.value ?? s.name.value
      const id = `${parent.name}.${key}`
      const group = into.get(id)
      if (group === undefined) into.set(id, { parent, key, nodes: [s] })
      else group.nodes.push(s)
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      const on =
        s.typeCondition === undefined
          ? parent
          : (w.schema.getType(s.typeCondition.name.value) ?? parent)
      collect(w, on, s.selectionSet, into, seen)
    } else {
      const name = s.name.value
      const fragment = w.fragments.get(name)
      if (fragment === undefined || seen.has(name)) continue
      seen.add(name)
      const on = w.schema.getType(fragment.typeCondition.name.value) ?? parent
      collect(w, on, fragment.selectionSet, into, seen)
    }
  }
}

function pageSize(args: Record<string, unknown>): number | null {
  const sizes = [args.first, args.last].filter(
    (v): v is number => typeof v === 'number'
  )
  return sizes.length === 0 ? null : Math.max(0, ...sizes)
}

/** `outer`: the nodes of the connections around this selection, multiplied. */
function walk(
  w: Walk,
  parent: GraphQLNamedType,
  sets: SelectionSetNode[],
  outer: number,
  path: string[]
): void {
  const groups = new Map<string, FieldGroup>()
  for (const set of sets) collect(w, parent, set, groups, new Set())
  for (const g of groups.values()) {
    const first = g.nodes[0]
    if (first === undefined) continue
    if (!isObjectType(g.parent) && !isInterfaceType(g.parent)) continue
    const def = g.parent.getFields()[first.name.value]
    if (def === undefined) continue
    const below = g.nodes.flatMap((n) =>
      n.selectionSet === undefined ? [] : [n.selectionSet]
    )
    const type = getNamedType(def.type)
    const here = [...path, g.key]
    // GitHub's connections: a `...Connection` type paged by first/last
    const paged =
      type.name.endsWith('Connection') &&
      def.args.some((a) => a.name === 'first' || a.name === 'last')
    if (!paged) {
      if (below.length > 0) walk(w, type, below, outer, here)
      continue
    }
    let args: Record<string, unknown> = {}
    try {
      args = getArgumentValues(def, first, w.variables)
    } catch {
      // an argument execution will refuse: it pages nothing
    }
    // Without first/last GitHub refuses the connection's nodes
    // (MISSING_PAGINATION_BOUNDARIES, graphql.ts), so nothing below it runs;
    // it is still one request per node around it.
    const size = pageSize(args)
    const nodes = outer * (size ?? 0)
    w.connections.push({ path: here, pageSize: size, requests: outer, nodes })
    if (below.length > 0 && nodes > 0) walk(w, type, below, nodes, here)
  }
}

function operationOf(
  doc: DocumentNode,
  name: string | undefined
): OperationDefinitionNode | null {
  const ops = doc.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION
  )
  if (name === undefined) return ops.length === 1 ? (ops[0] ?? null) : null
  return ops.find((o) => o.name?.value === name) ?? null
}

/**
 * The query's nodes, requests and points, as GitHub works them out before
 * running it. Null when the operation cannot be chosen or its variables do
 * not coerce: execution refuses those, before anything is counted.
 */
export function queryCost(input: CostInput): QueryCost | null {
  const { schema, document } = input
  const op = operationOf(document, input.operationName)
  if (op === null) return null
  const root = schema.getRootType(op.operation)
  if (root === null || root === undefined) return null
  const coerced = getVariableValues(
    schema,
    op.variableDefinitions ?? [],
    input.variables ?? {}
  )
  if (coerced.coerced === undefined) return null
  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d)
  }
  const w: Walk = {
    schema,
    fragments,
    variables: coerced.coerced,
    connections: []
  }
  walk(w, root, [op.selectionSet], 1, [])
  const nodes = w.connections.reduce((n, c) => n + c.nodes, 0)
  const requests = w.connections.reduce((n, c) => n + c.requests, 0)
  return {
    nodes,
    requests,
    points: pointsFor(requests),
    connections: w.connections
  }
}
