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

/** A GraphQL connection's nodes and page info. */
export function connection(
  value: unknown,
  path: string
): { nodes: unknown[]; hasNextPage: boolean; endCursor: string | null } {
  const c = obj(value, path)
  const nodes = arr(c.nodes, `${path}.nodes`)
  const pageInfo = optObj(c.pageInfo, `${path}.pageInfo`)
  return {
    nodes,
    hasNextPage:
      pageInfo === null
        ? false
        : bool(pageInfo.hasNextPage, `${path}.pageInfo.hasNextPage`),
    endCursor:
      pageInfo === null
        ? null
        : optStr(pageInfo.endCursor, `${path}.pageInfo.endCursor`)
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  return typeof value
}
