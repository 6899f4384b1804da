// Narrowing of GitHub answers at the boundary. Anything that is not the shape
// the gate relies on becomes a ShapeError naming the field, so a rule never
// sees `undefined` where GitHub promised a value.

import { ShapeError } from '../errors.js'

export type Json = Record<string, unknown>

export function obj(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ShapeError(`${path}: expected an object, got ${describe(value)}`)
  }
  return value as Json
}

export function optObj(value: unknown, path: string): Json | null {
  return value === null || value === undefined ? null : obj(value, path)
}

export function arr(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) {
    throw new ShapeError(`${path}: expected a list, got ${describe(value)}`)
  }
  return value
}

export function str(value: unknown, path: string): string {
  if (typeof value !== 'string') {
    throw new ShapeError(`${path}: expected a string, got ${describe(value)}`)
  }
  return value
}

export function optStr(value: unknown, path: string): string | null {
  return value === null || value === undefined ? null : str(value, path)
}

/** An ISO 8601 time, as GitHub sends them; anything unreadable is a shape error. */
export function date(value: unknown, path: string): string {
  const text = str(value, path)
  if (Number.isNaN(Date.parse(text))) {
    throw new ShapeError(
      `${path}: expected a time, got ${JSON.stringify(text.slice(0, 40))}`
    )
  }
  return text
}

export function optDate(value: unknown, path: string): string | null {
  return value === null || value === undefined ? null : date(value, path)
}

export function num(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ShapeError(`${path}: expected a number, got ${describe(value)}`)
  }
  return value
}

export function bool(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') {
    throw new ShapeError(
      `${path}: expected true or false, got ${describe(value)}`
    )
  }
  return value
}

/**
 * A GraphQL connection's nodes, page info and, when asked for, totalCount.
 * A next page without a cursor to reach it is a shape error, never "done".
 */
export function connection(
  value: unknown,
  path: string
): {
  nodes: unknown[]
  hasNextPage: boolean
  endCursor: string | null
  totalCount: number | null
} {
  const c = obj(value, path)
  const nodes = arr(c.nodes, `${path}.nodes`)
  const pageInfo = optObj(c.pageInfo, `${path}.pageInfo`)
  const hasNextPage =
    pageInfo === null
      ? false
      : bool(pageInfo.hasNextPage, `${path}.pageInfo.hasNextPage`)
  const endCursor =
    pageInfo === null
      ? null
      : optStr(pageInfo.endCursor, `${path}.pageInfo.endCursor`)
  if (hasNextPage && endCursor === null) {
    throw new ShapeError(`${path}: a next page is announced without a cursor`)
  }
  return {
    nodes,
    hasNextPage,
    endCursor,
    totalCount:
      c.totalCount === undefined || c.totalCount === null
        ? null
        : num(c.totalCount, `${path}.totalCount`)
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  return typeof value
}
