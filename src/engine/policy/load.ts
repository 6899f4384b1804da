// Reads the policy file of SPEC §4: YAML → schema validation → semantic
// checks → defaults merged and filled in. Every problem found is reported at
// once, each with the key's dotted path and the line and column of the YAML
// node, so one round of fixes is enough.

import type { ErrorObject, ValidateFunction } from 'ajv'
import validatePolicy from './policy-validator.generated.js'
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type YAMLError
} from 'yaml'
import { DURATION_EXAMPLES, parseDuration } from '../duration.js'
import { PolicyError, type PolicyProblem } from '../errors.js'
import {
  MAKER_KINDS,
  type ApprovalsDocument,
  type EnvironmentDocument,
  type PolicyDocument
} from './schema.js'
import type {
  EnvironmentPolicy,
  MakerKind,
  Policy,
  PolicySource
} from './types.js'

type Segment = string | number
type Path = readonly Segment[]
type YamlDocument = ReturnType<typeof parseDocument>

/** Where each loaded policy came from, for messages about it later. */
const sources = new WeakMap<Policy, PolicySource>()

/**
 * The schema validator, compiled ahead of time from policyJsonSchema by
 * scripts/write-schemas.ts (compiling at run time was most of a decision's
 * CPU time); a test keeps the generated module in step with the schema.
 */
function validator(): ValidateFunction {
  return validatePolicy
}

/**
 * Parses, validates and resolves a policy. Throws a PolicyError naming every
 * problem (path, line, column) when the text is not a valid policy.
 */
export function loadPolicy(text: string, source: PolicySource): Policy {
  const file = new PolicyText(text)
  const failure = (): PolicyError =>
    new PolicyError(
      source.path,
      file.sortedProblems(),
      `Fix ${source.path} on ${source.ref}: the gate reads the policy from ` +
        'there and blocks every deployment while it is invalid.'
    )

  const { doc } = file
  for (const error of doc.errors) file.addYamlError(error)
  for (const warning of doc.warnings) file.addYamlError(warning)
  // A duplicate key leaves a usable document (the last value wins), so keep
  // going and report the rest too; after a syntax error the shape is a guess.
  if (doc.errors.some((e) => e.code !== 'DUPLICATE_KEY')) throw failure()

  if (doc.contents === null) {
    file.addAt(
      '',
      1,
      1,
      'the policy file is empty: it needs at least "version: 1" and ' +
        '"environments:"'
    )
    throw failure()
  }
  if (!isMap(doc.contents)) {
    file.addAt(
      '',
      1,
      1,
      'the policy must be a mapping with the keys version and environments, ' +
        `not ${describeValue(doc.contents.toJSON())}`
    )
    throw failure()
  }

  // `? [a, b]: ...` keys cannot become object keys without losing meaning.
  if (file.addCollectionKeys() > 0) throw failure()

  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: 100 })
  } catch (error) {
    const { line, column } = file.unresolvedAlias() ?? { line: 1, column: 1 }
    file.addAt('', line, column, `cannot read the YAML: ${errorText(error)}`)
    throw failure()
  }

  // YAML tags such as !!omap, !!set, !!pairs, !!binary or !!timestamp make
  // Maps, Sets, buffers and dates, which a JSON Schema sees as objects with
  // no keys: a setting written that way would silently be dropped.
  const exotic = exoticValue(data, [])
  if (exotic !== null) {
    file.add(
      exotic.path,
      'value',
      `a ${exotic.kind} (from a YAML tag such as !!omap or !!set) is not allowed here: write a plain mapping, list or value`
    )
    throw failure()
  }

  const validate = validator()
  if (!validate(data)) {
    for (const problem of schemaProblems(validate.errors ?? [], data)) {
      file.add(problem.path, problem.at, problem.message)
    }
  }
  checkAfter(data, file)
  // Only once the shapes are right: a bad duration is already reported.
  if (file.problems.length === 0) checkDurations(data, file)
  if (file.problems.length > 0) throw failure()

  const policy = resolvePolicy(data as PolicyDocument, source)
  sources.set(policy, source)
  return policy
}

/**
 * The policy of one environment; throws a PolicyError listing the
 * environments the policy has when `name` is not one of them.
 */
export function environmentPolicy(
  policy: Policy,
  name: string
): EnvironmentPolicy {
  if (Object.hasOwn(policy.environments, name)) {
    const env = policy.environments[name]
    if (env !== undefined) return env
  }
  const source = sources.get(policy)
  const file = source?.path ?? 'the policy file'
  const names = Object.keys(policy.environments)
  const known =
    names.length === 0 ? 'it has none' : `it has: ${names.join(', ')}`
  const guess = closest(name, names)
  throw new PolicyError(
    file,
    [
      {
        path: 'environments',
        line: 0,
        column: 0,
        message:
          `environment ${JSON.stringify(name)} is not in the policy ` +
          `(${known})` +
          (guess === undefined
            ? ''
            : `; did you mean ${JSON.stringify(guess)}?`)
      }
    ],
    `Add ${JSON.stringify(name)} under environments: in ${file}, or deploy ` +
      'to an environment the policy names.'
  )
}

// ---------------------------------------------------------------------------
// Positions

type Part = 'key' | 'value'

interface PendingProblem {
  path: Path
  at: Part
  message: string
}

interface Range3 {
  range: [number, number, number]
}

function hasRange(node: unknown): node is Range3 {
  if (typeof node !== 'object' || node === null || !('range' in node)) {
    return false
  }
  const { range } = node
  return Array.isArray(range) && typeof range[0] === 'number'
}

/** The parsed text, its nodes' positions, and the problems found so far. */
class PolicyText {
  readonly lineCounter = new LineCounter()
  readonly doc: YamlDocument
  readonly problems: PolicyProblem[] = []
  private readonly seen = new Set<string>()

  constructor(readonly text: string) {
    this.doc = parseDocument(text, {
      lineCounter: this.lineCounter,
      uniqueKeys: true,
      prettyErrors: false
    })
  }

  addAt(path: string, line: number, column: number, message: string): void {
    const id = `${path}\u0000${line}\u0000${column}\u0000${message}`
    if (this.seen.has(id)) return
    this.seen.add(id)
    this.problems.push({ path, line, column, message })
  }

  add(path: Path, at: Part, message: string): void {
    const { line, column } = this.position(path, at)
    this.addAt(formatPath(path), line, column, message)
  }

  addYamlError(error: YAMLError): void {
    const [start, end] = error.pos
    const { line, col } = this.lineCounter.linePos(start)
    if (error.code === 'DUPLICATE_KEY') {
      const path = this.pathAt(start)
      const key = path.at(-1) ?? this.text.slice(start, end)
      this.addAt(
        formatPath(path),
        line,
        col,
        `duplicate key ${JSON.stringify(String(key))} (a key may appear only ` +
          'once in a mapping)'
      )
    } else {
      // After a syntax error the structure around it is a guess: no path.
      this.addAt('', line, col, `invalid YAML: ${error.message}`)
    }
  }

  sortedProblems(): PolicyProblem[] {
    return [...this.problems].sort(
      (a, b) =>
        a.line - b.line ||
        a.column - b.column ||
        a.path.localeCompare(b.path) ||
        a.message.localeCompare(b.message)
    )
  }

  /**
   * Line and column of the key (`key`) or the value (`value`) at `path`,
   * falling back to the nearest node that exists, then to 1:1.
   */
  position(path: Path, at: Part): { line: number; column: number } {
    const node = this.nodeAt(path, at)
    if (node === undefined) return { line: 1, column: 1 }
    const { line, col } = this.lineCounter.linePos(node.range[0])
    return { line, column: col }
  }

  private nodeAt(path: Path, at: Part): Range3 | undefined {
    let node: unknown = this.doc.contents
    let key: unknown = undefined
    let best: Range3 | undefined = hasRange(node) ? node : undefined
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(this.doc)
      let next: { key: unknown; value: unknown } | undefined
      if (isMap(node)) {
        const pair = node.items.findLast(
          (item) => keyText(item.key) === String(segment)
        )
        if (pair !== undefined) next = { key: pair.key, value: pair.value }
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment]
        if (item !== undefined) next = { key: item, value: item }
      }
      if (next === undefined) return best
      key = next.key
      node = next.value
      const anchor = hasRange(key) ? key : undefined
      best = anchor ?? (hasRange(node) ? node : best)
    }
    if (at === 'key' && hasRange(key)) return key
    // An absent value (`soak:`) has an empty range at the end of the line;
    // its key is the more useful place to point at.
    if (hasRange(node) && node.range[1] > node.range[0]) return node
    return best
  }

  /** Adds a problem for each mapping key that is a list or mapping. */
  addCollectionKeys(): number {
    let count = 0
    visit(this.doc, {
      Pair: (_, pair) => {
        if (isScalar(pair.key) || pair.key === null || !hasRange(pair.key)) {
          return
        }
        const { line, col } = this.lineCounter.linePos(pair.key.range[0])
        this.addAt(
          '',
          line,
          col,
          'a key must be a plain string, not a list or mapping'
        )
        count++
      }
    })
    return count
  }

  /** Position of the first alias whose anchor is not defined before it. */
  unresolvedAlias(): { line: number; column: number } | undefined {
    const found: number[] = []
    visit(this.doc, {
      Alias: (_, node) => {
        if (node.resolve(this.doc) !== undefined || !hasRange(node)) return
        found.push(node.range[0])
        return visit.BREAK
      }
    })
    const [offset] = found
    if (offset === undefined) return undefined
    const { line, col } = this.lineCounter.linePos(offset)
    return { line, column: col }
  }

  /** Path of the innermost mapping key or sequence item around `offset`. */
  pathAt(offset: number): Segment[] {
    const path: Segment[] = []
    let node: unknown = this.doc.contents
    for (;;) {
      if (isMap(node)) {
        const pair = node.items.find(
          (item) =>
            within(item.key, offset) ||
            (within(item.value, offset) && !isScalar(item.value))
        )
        if (pair === undefined) return path
        path.push(keyText(pair.key))
        if (within(pair.key, offset)) return path
        node = pair.value
      } else if (isSeq(node)) {
        const index = node.items.findIndex(
          (item) => within(item, offset) && !isScalar(item)
        )
        if (index < 0) return path
        path.push(index)
        node = node.items[index]
      } else {
        return path
      }
    }
  }
}

function within(node: unknown, offset: number): boolean {
  return hasRange(node) && node.range[0] <= offset && offset < node.range[2]
}

function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value)
  return String(key)
}

/** `environments.production.soak`, `after[1]`, `environments["eu west"]` */
function formatPath(path: Path): string {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else if (/^[A-Za-z0-9_-]+$/.test(segment)) {
      out += out === '' ? segment : `.${segment}`
    } else out += `[${JSON.stringify(segment)}]`
  }
  return out
}

// ---------------------------------------------------------------------------
// Schema errors → human messages

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

function schemaProblems(
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
    const isDuration = error.schemaPath === '#/definitions/duration/anyOf'
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

function isWithin(path: string, parent: string): boolean {
  return path === parent || path.startsWith(`${parent}/`)
}

function compositeMessage(error: ErrorObject): string {
  if (error.schemaPath === '#/definitions/duration/anyOf') {
    return durationMessage(error.data)
  }
  const alternatives = Array.isArray(error.schema)
    ? error.schema.map(describeSchema)
    : []
  return `must be ${joinOr(alternatives)} (got ${describeValue(error.data)})`
}

function durationMessage(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number') {
    try {
      parseDuration(value)
    } catch (error) {
      return errorText(error)
    }
  }
  return (
    `${describeValue(value)} is not a duration ` +
    `(use e.g. ${DURATION_EXAMPLES}, or 0)`
  )
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

function describeValue(value: unknown): string {
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

function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? ''
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The closest candidate by edit distance, when it is close enough. */
function closest(
  word: string,
  candidates: readonly string[]
): string | undefined {
  let best: string | undefined
  let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase())
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return best
}

/** Levenshtein distance with adjacent transpositions. */
function distance(a: string, b: string): number {
  const rows: number[][] = []
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i]
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j)
        continue
      }
      const above = rows[i - 1] ?? []
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min(
        (above[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (above[j - 1] ?? 0) + cost
      )
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (rows[i - 2]?.[j - 2] ?? 0) + 1)
      }
      row.push(d)
    }
    rows.push(row)
  }
  return rows[a.length]?.[b.length] ?? 0
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// ---------------------------------------------------------------------------
// `after`: names that exist, no environment after itself, no cycles. Runs on
// whatever the schema left usable, so these problems come with the others.

interface AfterEntry {
  name: string
  path: Segment[]
}

function afterEntries(value: unknown, path: Segment[]): AfterEntry[] {
  if (typeof value === 'string') return [{ name: value, path }]
  if (!Array.isArray(value)) return []
  const entries: AfterEntry[] = []
  value.forEach((item: unknown, index) => {
    if (typeof item === 'string')
      entries.push({ name: item, path: [...path, index] })
  })
  return entries
}

/** The first value that is not plain JSON data, and where it is. */
function exoticValue(
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

/**
 * Durations the schema's pattern admits but that are too long to use
 * (e.g. 9999999999999999d), reported at their place like any problem.
 */
function checkDurations(data: unknown, file: PolicyText): void {
  if (!isRecord(data)) return
  const places: [unknown, Segment[]][] = []
  const collect = (env: unknown, base: Segment[]): void => {
    if (!isRecord(env)) return
    places.push([env.soak, [...base, 'soak']])
    const glass = env.break_glass
    if (isRecord(glass)) {
      places.push([
        glass.review_within,
        [...base, 'break_glass', 'review_within']
      ])
    }
  }
  collect(data.defaults, ['defaults'])
  if (isRecord(data.environments)) {
    for (const [name, env] of Object.entries(data.environments)) {
      collect(env, ['environments', name])
    }
  }
  for (const [value, path] of places) {
    if (typeof value !== 'string' && typeof value !== 'number') continue
    try {
      parseDuration(value)
    } catch (error) {
      file.add(path, 'value', errorText(error))
    }
  }
}

function checkAfter(data: unknown, file: PolicyText): void {
  if (!isRecord(data) || !isRecord(data.environments)) return
  const environments = data.environments
  const names = Object.keys(environments)
  const exists = (name: string): boolean => Object.hasOwn(environments, name)
  const unknown = (entry: AfterEntry): void => {
    const guess = closest(entry.name, names)
    file.add(
      entry.path,
      'value',
      `${JSON.stringify(entry.name)} is not an environment in this policy ` +
        `(environments: ${names.join(', ') || 'none'})` +
        (guess === undefined ? '' : `; did you mean ${JSON.stringify(guess)}?`)
    )
  }

  const defaults = isRecord(data.defaults) ? data.defaults : {}
  const inherited = Object.hasOwn(defaults, 'after')
    ? afterEntries(defaults.after, ['defaults', 'after'])
    : []
  for (const entry of inherited) if (!exists(entry.name)) unknown(entry)

  const edges = new Map<string, AfterEntry[]>()
  for (const name of names) {
    const env = environments[name]
    const own = isRecord(env) && Object.hasOwn(env, 'after')
    const entries = own
      ? afterEntries(env.after, ['environments', name, 'after'])
      : inherited
    const usable: AfterEntry[] = []
    for (const entry of entries) {
      if (!exists(entry.name)) {
        if (own) unknown(entry)
      } else if (entry.name === name) {
        file.add(
          entry.path,
          'value',
          own
            ? `environment ${JSON.stringify(name)} cannot come after itself`
            : `defaults.after makes ${JSON.stringify(name)} come after ` +
                'itself; set after on each environment instead of in defaults'
        )
      } else usable.push(entry)
    }
    edges.set(name, usable)
  }

  for (const cycle of findCycles(names, edges)) {
    const [first] = cycle
    if (first === undefined) continue
    file.add(
      first.path,
      'value',
      'environments come after each other in a cycle: ' +
        [...cycle.map((edge) => edge.from), first.from].join(' after ')
    )
  }
}

interface CycleEdge extends AfterEntry {
  from: string
}

/**
 * One shortest cycle per strongly connected group of environments, starting
 * at the group's first environment in file order; each as its edges.
 */
function findCycles(
  names: readonly string[],
  edges: ReadonlyMap<string, readonly AfterEntry[]>
): CycleEdge[][] {
  const reported = new Set<string>()
  const cycles: CycleEdge[][] = []
  for (const start of names) {
    if (reported.has(start)) continue
    // Breadth-first from start until we are back at start.
    const via = new Map<string, CycleEdge>()
    const queue: string[] = [start]
    let closing: CycleEdge | undefined
    search: for (let i = 0; i < queue.length; i++) {
      const from = queue[i] as string
      for (const entry of edges.get(from) ?? []) {
        const edge = { ...entry, from }
        if (entry.name === start) {
          closing = edge
          break search
        }
        if (via.has(entry.name)) continue
        via.set(entry.name, edge)
        queue.push(entry.name)
      }
    }
    if (closing === undefined) continue
    const cycle: CycleEdge[] = [closing]
    for (let node = closing.from; node !== start;) {
      const edge = via.get(node)
      if (edge === undefined) break
      cycle.unshift(edge)
      node = edge.from
    }
    for (const member of stronglyConnected(start, edges)) reported.add(member)
    cycles.push(cycle)
  }
  return cycles
}

/** Environments that both reach `start` and are reached from it. */
function stronglyConnected(
  start: string,
  edges: ReadonlyMap<string, readonly AfterEntry[]>
): Set<string> {
  const forward = reachable(start, (n) =>
    (edges.get(n) ?? []).map((e) => e.name)
  )
  const backward = reachable(start, (n) =>
    [...edges]
      .filter(([, out]) => out.some((e) => e.name === n))
      .map(([k]) => k)
  )
  return new Set([...forward].filter((n) => backward.has(n)))
}

function reachable(
  start: string,
  next: (node: string) => string[]
): Set<string> {
  const seen = new Set<string>([start])
  const stack = [start]
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    for (const other of next(node)) {
      if (!seen.has(other)) {
        seen.add(other)
        stack.push(other)
      }
    }
  }
  return seen
}

// ---------------------------------------------------------------------------
// Merge `defaults` and fill in SPEC §4's defaults

/**
 * One level deep: the environment's fields win; `false` on either side means
 * the whole key is what the environment says (off, or its own mapping alone).
 */
function mergeOneLevel<T extends object>(
  base: T | false | undefined,
  own: T | false | undefined
): T | false | undefined {
  if (own === undefined) return base
  if (own === false || base === undefined || base === false) return own
  return { ...base, ...own }
}

function resolvePolicy(document: PolicyDocument, source: PolicySource): Policy {
  const defaults = document.defaults ?? {}
  const environments = Object.fromEntries(
    Object.entries(document.environments).map(([name, env]) => [
      name,
      resolveEnvironment(name, env, defaults, source)
    ])
  )
  return { version: 1, environments }
}

function resolveEnvironment(
  name: string,
  own: EnvironmentDocument,
  defaults: EnvironmentDocument,
  source: PolicySource
): EnvironmentPolicy {
  const pick = <K extends keyof EnvironmentDocument>(
    key: K
  ): EnvironmentDocument[K] =>
    Object.hasOwn(own, key) ? own[key] : defaults[key]

  const after = pick('after')
  const branchProtection = mergeOneLevel(
    defaults.branch_protection,
    own.branch_protection
  )
  const approvals: ApprovalsDocument =
    mergeOneLevel(defaults.approvals, own.approvals) || {}
  const breakGlass = mergeOneLevel(defaults.break_glass, own.break_glass)
  const protection = mergeOneLevel(
    defaults.environment_protection,
    own.environment_protection
  )
  const checks = mergeOneLevel(defaults.checks, own.checks)
  const independentOf: MakerKind[] = [
    ...(approvals.independent_of ?? MAKER_KINDS)
  ]

  return {
    name,
    after: after === undefined ? [] : [...new Set([after].flat())],
    soakSeconds: parseDuration(pick('soak') ?? 0),
    match: pick('match') ?? 'commit',
    trustedDeployers: [
      ...(pick('trusted_deployers') ?? ['github-actions[bot]'])
    ],
    branches: [...(pick('branches') ?? [source.defaultBranch])],
    branchProtection:
      branchProtection === false
        ? false
        : {
            requiredApprovals: branchProtection?.required_approvals ?? 1,
            dismissStaleReviews:
              branchProtection?.dismiss_stale_reviews ?? true,
            requireLastPushApproval:
              branchProtection?.require_last_push_approval ?? false,
            requireCodeOwnerReview:
              branchProtection?.require_code_owner_review ?? false,
            blockForcePushes: branchProtection?.block_force_pushes ?? true,
            blockDeletions: branchProtection?.block_deletions ?? true,
            requiredStatusChecks: [
              ...(branchProtection?.required_status_checks ?? [])
            ]
          },
    scope: pick('scope') ?? 'range',
    approvals: {
      pullRequest: approvals.pull_request ?? 1,
      environment: approvals.environment ?? 0,
      independentOf,
      reviewers:
        approvals.reviewers === undefined ? null : [...approvals.reviewers],
      onLatestCommit: approvals.on_latest_commit ?? true,
      allowBots: approvals.allow_bots ?? false,
      unresolvedIdentities: approvals.unresolved_identities ?? 'block',
      directPushes: [...(approvals.direct_pushes ?? [])],
      requireVerifiedCommits: approvals.require_verified_commits ?? false
    },
    deployerIndependent: pick('deployer_independent') ?? false,
    breakGlass:
      breakGlass === false || breakGlass === undefined
        ? null
        : {
            approvers: [...breakGlass.approvers],
            reviewWithinSeconds: parseDuration(breakGlass.review_within)
          },
    environmentProtection:
      protection === false
        ? false
        : {
            deploymentBranches: protection?.deployment_branches ?? 'protected',
            requiredReviewers: protection?.required_reviewers ?? 0,
            preventSelfReview:
              protection?.prevent_self_review ??
              (protection?.required_reviewers ?? 0) > 0,
            adminBypass: protection?.admin_bypass ?? true,
            waitTimer: protection?.wait_timer ?? 0
          },
    checks:
      checks === false
        ? false
        : {
            required:
              checks?.required === undefined ? null : [...checks.required],
            noFailures: checks?.no_failures ?? true
          }
  }
}
