// Ajv's schema errors turned into one human message each, placed at the key
// or value it is about: "unknown key "sok", did you mean "soak"?" rather
// than "must NOT have additional properties".

import type { ErrorObject } from 'ajv'
import { durationMessage } from './durations.js'
import { PATTERN_WORDS } from './patterns.js'
import { closest } from './suggest.js'
import { describeValue, isRecord } from './values.js'
import type { PendingProblem, Segment } from './yaml-text.js'

const DURATION_ANY_OF = '#/definitions/duration/anyOf'

/** One problem per mistake in `data`, from the errors the validator gave. */
export function schemaProblems(
  errors: readonly ErrorObject[],
  data: unknown
): PendingProblem[] {
  const dropped = new Set<ErrorObject>()
  const composites = new Set<ErrorObject>()

  // anyOf: report the errors of the alternative whose type the value has
  // (a mapping's bad key, say), or one "must be X or Y" for the location.
  for (const error of errors) {
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') continue
    // oneOf matching several alternatives has no errors underneath to show.
    if (isRecord(error.params) && 'passingSchemas' in error.params) {
      if (error.params.passingSchemas !== null) continue
    }
    const prefix = `${error.schemaPath}/`
    const branches = new Map<string, ErrorObject[]>()
    for (const sub of errors) {
      if (sub === error || !sub.schemaPath.startsWith(prefix)) continue
      if (!isWithin(sub.instancePath, error.instancePath)) continue
      const branch = sub.schemaPath.slice(prefix.length).split('/')[0] ?? ''
      branches.set(branch, [...(branches.get(branch) ?? []), sub])
    }
    // A branch that is a $ref reports its inner errors under the referenced
    // schema's path, so a branch without errors here failed only deeper.
    const count = Array.isArray(error.schema) ? error.schema.length : 0
    let fitting: string | undefined
    for (let i = 0; i < count && fitting === undefined; i++) {
      const subs = branches.get(String(i)) ?? []
      const fits = subs.every(
        (sub) =>
          sub.instancePath !== error.instancePath ||
          (sub.keyword !== 'type' && sub.keyword !== 'const')
      )
      if (fits) fitting = String(i)
    }
    const isDuration = error.schemaPath === DURATION_ANY_OF
    for (const [branch, subs] of branches) {
      if (branch !== fitting || isDuration) for (const s of subs) dropped.add(s)
    }
    if (fitting !== undefined && !isDuration) dropped.add(error)
    else composites.add(error)
  }

  const problems: PendingProblem[] = []
  for (const error of errors) {
    if (dropped.has(error)) continue
    // propertyNames reports the failing inner keyword too; keep one.
    if (error.propertyName !== undefined) continue
    const path = pointerPath(error.instancePath, data)
    problems.push(
      composites.has(error)
        ? { path, at: 'value', message: compositeMessage(error) }
        : toProblem(error, path)
    )
  }
  if (problems.length > 0) return problems
  // Never let an invalid document through for want of a nice message.
  return errors.map((error) => ({
    path: pointerPath(error.instancePath, data),
    at: 'value',
    message: error.message ?? 'is invalid'
  }))
}

/** JSON pointer → path, with array indices as numbers. */
function pointerPath(pointer: string, data: unknown): Segment[] {
  if (pointer === '') return []
  const path: Segment[] = []
  let current: unknown = data
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (Array.isArray(current)) {
      const index = Number(segment)
      path.push(index)
      current = current[index] as unknown
    } else {
      path.push(segment)
      current = isRecord(current) ? current[segment] : undefined
    }
  }
  return path
}

function isWithin(path: string, parent: string): boolean {
  return path === parent || path.startsWith(`${parent}/`)
}

function compositeMessage(error: ErrorObject): string {
  if (error.schemaPath === DURATION_ANY_OF) {
    return durationMessage(error.data)
  }
  const alternatives = Array.isArray(error.schema)
    ? error.schema.map(describeSchema)
    : []
  return `must be ${joinOr(alternatives)} (got ${describeValue(error.data)})`
}

function toProblem(error: ErrorObject, path: Segment[]): PendingProblem {
  const got = `(got ${describeValue(error.data)})`
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty)
      const allowed = Object.keys(schemaProperties(error.parentSchema))
      const guess = closest(key, allowed)
      return {
        path: [...path, key],
        at: 'key',
        message:
          `unknown key ${JSON.stringify(key)}` +
          (guess === undefined
            ? ''
            : `, did you mean ${JSON.stringify(guess)}?`) +
          ` (allowed: ${allowed.join(', ')})`
      }
    }
    case 'propertyNames': {
      const name = String(params.propertyName)
      return {
        path: [...path, name],
        at: 'key',
        message:
          `${JSON.stringify(name)} is not a valid environment name (use ` +
          'letters, digits, ".", "_", "-" and spaces, at most 255 characters)'
      }
    }
    case 'required': {
      const key = String(params.missingProperty)
      return {
        path: [...path, key],
        at: 'key',
        message: `missing required key ${JSON.stringify(key)}`
      }
    }
    case 'type': {
      const expected = typeName(params.type)
      if (error.data === null && params.type === 'object') {
        const isEnvironment = path.length === 2 && path[0] === 'environments'
        return {
          path,
          at: 'value',
          message: isEnvironment
            ? 'has no settings: write {} for an environment that uses only ' +
              'the defaults'
            : `must be ${expected}, but is empty (write {} for no settings)`
        }
      }
      return { path, at: 'value', message: `must be ${expected} ${got}` }
    }
    case 'const':
      return {
        path,
        at: 'value',
        message: `must be ${describeValue(params.allowedValue)} ${got}`
      }
    case 'enum': {
      const values = Array.isArray(params.allowedValues)
        ? params.allowedValues.map(String)
        : []
      return {
        path,
        at: 'value',
        message: `must be one of: ${values.join(', ')} ${got}`
      }
    }
    case 'pattern': {
      // the schema's words for its pattern, never the regular expression
      const words = PATTERN_WORDS[String(params.pattern)] ?? 'of another form'
      const data = error.data
      const fix =
        typeof data === 'string' && data.startsWith('@')
          ? `: write ${JSON.stringify(data.slice(1))}, without "@"`
          : ''
      return { path, at: 'value', message: `must be ${words} ${got}${fix}` }
    }
    case 'minItems':
      return { path, at: 'value', message: 'must not be an empty list' }
    case 'minLength':
      return { path, at: 'value', message: 'must not be empty' }
    case 'minimum':
      return {
        path,
        at: 'value',
        message: `must be ${String(params.limit)} or more ${got}`
      }
    case 'uniqueItems': {
      const items = Array.isArray(error.data) ? error.data : []
      const index = typeof params.j === 'number' ? params.j : 0
      const item: unknown = items[index]
      return {
        path,
        at: 'value',
        message: `lists ${describeValue(item)} more than once`
      }
    }
    default:
      return { path, at: 'value', message: error.message ?? 'is invalid' }
  }
}

function schemaProperties(schema: unknown): Record<string, unknown> {
  if (isRecord(schema) && isRecord(schema.properties)) return schema.properties
  return {}
}

function typeName(type: unknown): string {
  const names: Record<string, string> = {
    object: 'a mapping',
    array: 'a list',
    string: 'a string',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    null: 'null'
  }
  const types = Array.isArray(type) ? type.map(String) : [String(type)]
  return joinOr(types.map((t) => names[t] ?? t))
}

function describeSchema(schema: unknown): string {
  if (!isRecord(schema)) return 'valid'
  if ('const' in schema) return describeValue(schema.const)
  if (schema.type === 'array') {
    const items = schema.items
    return isRecord(items) && items.type === 'string'
      ? 'a list of strings'
      : 'a list'
  }
  return typeName(schema.type)
}

function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? ''
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`
}
