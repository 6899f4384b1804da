// The document as plain values, before the schema has said what they are:
// telling mappings apart, naming a value in a message, and finding values
// that are not plain JSON data at all.

import type { Path, Segment } from './yaml-text.js'

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** How a message names a value the user wrote: `"2x"`, `a list`, `null`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'a list'
  if (isRecord(value)) return 'a mapping'
  if (typeof value === 'string') return JSON.stringify(value)
  if (
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    typeof value === 'bigint' ||
    value === null
  ) {
    return String(value)
  }
  return typeof value
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * The first value that is not plain JSON data, and where it is. YAML tags
 * such as !!omap, !!set or !!timestamp make Maps, Sets and dates, which a
 * JSON Schema sees as objects with no keys.
 */
export function exoticValue(
  value: unknown,
  path: Segment[]
): { path: Path; kind: string } | null {
  if (value === null || typeof value !== 'object') return null
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = exoticValue(item, [...path, i])
      if (found !== null) return found
    }
    return null
  }
  const proto: unknown = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) {
    const name = (value as { constructor?: { name?: string } }).constructor
      ?.name
    return { path, kind: name ?? 'non-plain value' }
  }
  for (const [key, item] of Object.entries(value)) {
    const found = exoticValue(item, [...path, key])
    if (found !== null) return found
  }
  return null
}
