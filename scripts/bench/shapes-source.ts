// Where the query shapes come from: test-support/query-shapes.ts, which
// lists every query the product can send at its largest batch. Read through
// this adapter so that the bench runs (and says so) without it.

import { fileURLToPath } from 'node:url'
import type { QueryCost } from '../../test-support/sim/index.js'
import type { QueryShape } from './shapes.js'

const MODULE = '../../test-support/query-shapes.js'

export interface ShapeSource {
  shapes: QueryShape[]
  /** the module's own costing, when it offers one */
  costOf?: (shape: QueryShape) => QueryCost
}

function isShape(v: unknown): v is QueryShape {
  const s = v as Partial<Record<keyof QueryShape, unknown>> | null
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.name === 'string' &&
    typeof s.what === 'string' &&
    typeof s.query === 'string' &&
    typeof s.variables === 'object' &&
    s.variables !== null
  )
}

/** The shapes, or null when the module is not there. */
export async function loadShapes(
  specifier: string = MODULE
): Promise<ShapeSource | null> {
  let mod: { queryShapes?: unknown; costOf?: unknown }
  try {
    mod = (await import(specifier)) as typeof mod
  } catch (error) {
    // the module itself missing (node: ERR_MODULE_NOT_FOUND, jest's
    // resolver: MODULE_NOT_FOUND), not something it imports
    const { code, message } = error as { code?: unknown; message?: unknown }
    const path = fileURLToPath(new URL(specifier, import.meta.url))
    if (
      (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
      typeof message === 'string' &&
      message.includes(`'${path}'`)
    ) {
      return null
    }
    throw error
  }
  if (typeof mod.queryShapes !== 'function') {
    throw new Error(`${specifier} exports no queryShapes()`)
  }
  const shapes: unknown = (mod.queryShapes as () => unknown)()
  if (!Array.isArray(shapes) || !shapes.every(isShape)) {
    throw new Error(`${specifier}: queryShapes() returned something else`)
  }
  const costOf =
    typeof mod.costOf === 'function'
      ? (mod.costOf as (shape: QueryShape) => QueryCost)
      : undefined
  return costOf === undefined ? { shapes } : { shapes, costOf }
}
