// The policy's YAML text: the parsed document, where each key and value sits
// (line and column), and the problems found so far, each placed at its node.

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
import type { PolicyProblem } from '../errors.js'

export type Segment = string | number
export type Path = readonly Segment[]
/** Point at a mapping key, or at its value. */
export type Part = 'key' | 'value'

/** A problem found in the data, to be placed at its YAML node. */
export interface PendingProblem {
  path: Path
  at: Part
  message: string
}

type YamlDocument = ReturnType<typeof parseDocument>

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
export class PolicyText {
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

  /** Adds a problem once, however many checks find it. */
  addAt(problem: PolicyProblem): void {
    const { path, line, column, message } = problem
    const id = `${path}\u0000${line}\u0000${column}\u0000${message}`
    if (this.seen.has(id)) return
    this.seen.add(id)
    this.problems.push({ path, line, column, message })
  }

  add(problem: PendingProblem): void {
    const { line, column } = this.position(problem.path, problem.at)
    this.addAt({
      path: formatPath(problem.path),
      line,
      column,
      message: problem.message
    })
  }

  addYamlError(error: YAMLError): void {
    const [start, end] = error.pos
    const { line, col } = this.lineCounter.linePos(start)
    if (error.code === 'DUPLICATE_KEY') {
      const path = this.pathAt(start)
      const key = path.at(-1) ?? this.text.slice(start, end)
      this.addAt({
        path: formatPath(path),
        line,
        column: col,
        message:
          `duplicate key ${JSON.stringify(String(key))} (a key may appear ` +
          'only once in a mapping)'
      })
    } else {
      // After a syntax error the structure around it is a guess: no path.
      this.addAt({
        path: '',
        line,
        column: col,
        message: `invalid YAML: ${error.message}`
      })
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
        this.addAt({
          path: '',
          line,
          column: col,
          message: 'a key must be a plain string, not a list or mapping'
        })
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
