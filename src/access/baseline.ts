// `access --baseline previous.json`: the last review's matrix read back, and
// what changed since shown next to today's matrix: a section in Markdown,
// `change` rows in CSV, a `review` member in JSON (which stays a baseline
// for the next review: a baseline's `review` is not read).

import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { getErrorMessage, type AccessMatrix } from '../engine/index.js'
import { csvCell, mdCell, type MatrixFormat } from './render.js'
import type { AccessReview, Direction } from './review.js'

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const isMaybeList = (v: unknown): boolean =>
  Array.isArray(v) || (isObject(v) && v.unreadable === true)

/**
 * The baseline, checked to be a matrix of `repository`; throws an Error
 * saying what is wrong with it.
 */
export function parseBaseline(text: string, repository: string): AccessMatrix {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new Error('it is not JSON')
  }
  const problems: string[] = []
  if (!isObject(value)) throw new Error('it is not a JSON object')
  if (typeof value.repository !== 'string') problems.push('no `repository`')
  if (typeof value.generatedAt !== 'string') problems.push('no `generatedAt`')
  for (const list of ['environments', 'branches'] as const) {
    const items = value[list]
    if (
      !Array.isArray(items) ||
      !items.every((i) => isObject(i) && typeof i.name === 'string')
    )
      problems.push(`\`${list}\` is not a list of named entries`)
  }
  if (
    Array.isArray(value.environments) &&
    !value.environments.every((e) => isObject(e) && Array.isArray(e.reviewers))
  )
    problems.push('an environment has no `reviewers` list')
  if (!isMaybeList(value.writers)) problems.push('no `writers`')
  if (!isMaybeList(value.writerTeams)) problems.push('no `writerTeams`')
  if (
    !Array.isArray(value.gaps) ||
    !value.gaps.every((g) => typeof g === 'string')
  )
    problems.push('no `gaps` list')
  if (problems.length > 0) throw new Error(problems.join('; '))
  const matrix = value as unknown as AccessMatrix
  if (matrix.repository !== repository)
    throw new Error(
      `it is the matrix of ${matrix.repository}, not of ${repository}`
    )
  return matrix
}

/** A baseline read from its file: what the manifest of a review records. */
export interface BaselineFile {
  matrix: AccessMatrix
  /** its file name, without the directory */
  name: string
  sha256: string
}

/**
 * The baseline in `path`, checked as parseBaseline checks it; throws an
 * Error whose message follows the file's name (`could not be read: …`), so
 * `access --baseline`, `audit --baseline` and the action's `audit-baseline`
 * say the same thing about the same file.
 */
export function readBaselineFile(
  path: string,
  repository: string
): BaselineFile {
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch (error) {
    throw new Error(`could not be read: ${getErrorMessage(error)}`)
  }
  try {
    return {
      matrix: parseBaseline(bytes.toString('utf8'), repository),
      name: basename(path),
      sha256: createHash('sha256').update(bytes).digest('hex')
    }
  } catch (error) {
    throw new Error(
      `is not an access matrix of \`access --format json\`: ${getErrorMessage(error)}`
    )
  }
}

const SIGN: Record<Direction, string> = {
  weakened: '⚠️ weakened',
  strengthened: '✅ strengthened',
  unknown: '❔ not compared'
}

export function renderReview(
  matrix: AccessMatrix,
  review: AccessReview,
  format: MatrixFormat,
  rendered: string
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify({ ...matrix, review }, null, 2)}\n`
    case 'csv':
      return (
        rendered +
        [
          ...review.changes.map((c) => [
            'change',
            c.subject,
            c.direction,
            c.what
          ]),
          ...review.newGaps.map((g) => [
            'gap since baseline',
            matrix.repository,
            'new',
            g
          ]),
          ...review.resolvedGaps.map((g) => [
            'gap since baseline',
            matrix.repository,
            'resolved',
            g
          ])
        ]
          .map((r) => `${r.map(csvCell).join(',')}\n`)
          .join('')
      )
    case 'md': {
      const lines = [
        `## Changes since the last review`,
        '',
        `Compared with the matrix read ${review.baseline}.`,
        ''
      ]
      if (review.changes.length === 0)
        lines.push('No change in who may deploy, approve, bypass or push.', '')
      else {
        lines.push('| Subject | Change | What |', '| --- | --- | --- |')
        const order: Direction[] = ['weakened', 'unknown', 'strengthened']
        for (const direction of order) {
          for (const c of review.changes.filter(
            (x) => x.direction === direction
          ))
            lines.push(
              `| ${mdCell(c.subject)} | ${SIGN[direction]} | ${mdCell(c.what)} |`
            )
        }
        lines.push('')
      }
      lines.push('### Gaps new since the last review', '')
      if (review.newGaps.length === 0) lines.push('None.')
      for (const g of review.newGaps) lines.push(`- ⚠️ ${mdCell(g)}`)
      lines.push('', '### Gaps resolved since the last review', '')
      if (review.resolvedGaps.length === 0) lines.push('None.')
      for (const g of review.resolvedGaps) lines.push(`- ✅ ${mdCell(g)}`)
      lines.push('')
      return `${rendered}\n${lines.join('\n')}`
    }
  }
}
