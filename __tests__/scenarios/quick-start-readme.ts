// The README's quick start as the test reads it: the fenced block after each
// `<!-- quick-start: NAME -->` marker, a section's words, and the workflow's
// jobs as the runner would start them. Read with `yaml`, as written.
import { expect } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import {
  PERMISSION_NAMES,
  type PermissionName
} from '../../test-support/sim/model.js'

export const README = readFileSync(
  new URL('../../README.md', import.meta.url),
  'utf8'
)

/** The fenced block after `<!-- quick-start: NAME -->` in the README. */
export function block(name: string): string {
  const marker = `<!-- quick-start: ${name} -->\n`
  const at = README.indexOf(marker)
  if (at === -1) throw new Error(`the README has no ${marker.trim()}`)
  const m = /^```\w*\n([\s\S]*?)^```$/m.exec(README.slice(at + marker.length))
  if (m === null || m.index !== 0) {
    throw new Error(`no fenced block right after ${marker.trim()}`)
  }
  return m[1] ?? ''
}

/**
 * The section of the README under `heading`, to the next heading of its
 * level or above (a `#` line inside a fenced block is not a heading).
 */
export function section(heading: string): string {
  const lines = README.split('\n')
  const start = lines.indexOf(heading)
  if (start === -1) throw new Error(`the README has no ${heading}`)
  const level = /^#+/.exec(heading)?.[0].length ?? 2
  const heads = new RegExp(`^#{1,${level}} `)
  let fenced = false
  let end = start + 1
  for (; end < lines.length; end++) {
    const line = lines[end] ?? ''
    if (line.startsWith('```')) fenced = !fenced
    else if (!fenced && heads.test(line)) break
  }
  return lines.slice(start + 1, end).join('\n')
}

// ------------------------------------------------------------ the workflow

export interface GateStep {
  uses: string
  with: Record<string, string>
}

export interface Job {
  id: string
  needs: string[]
  environment: string
  permissions: Partial<Record<PermissionName, 'read' | 'write'>>
  gate: GateStep
}

export interface Workflow {
  path: string
  name: string
  events: string[]
  /** in the order the runner starts them (each after its `needs:`) */
  jobs: Job[]
}

export function workflow(text: string): Workflow {
  const path = /^# (\.github\/workflows\/[\w.-]+\.ya?ml)$/m.exec(text)?.[1]
  if (path === undefined) throw new Error('the workflow names no file')
  const doc = parseYaml(text) as {
    name: string
    on: Record<string, unknown>
    permissions: Record<string, string>
    jobs: Record<
      string,
      {
        needs?: string | string[]
        environment: string
        permissions: Record<string, 'read' | 'write'>
        steps: { uses?: string; with?: Record<string, unknown> }[]
      }
    >
  }
  expect(doc.permissions).toEqual({})
  const jobs = Object.entries(doc.jobs).map(([id, j]): Job => {
    const first = j.steps[0]
    if (first?.uses === undefined || !first.uses.includes('/promotion-gate@')) {
      throw new Error(`job ${id}: the gate is not the first step`)
    }
    const permissions: Job['permissions'] = {}
    for (const [name, level] of Object.entries(j.permissions)) {
      const key = name.replace(/-/g, '_') as PermissionName
      if (!PERMISSION_NAMES.includes(key)) {
        throw new Error(`job ${id}: unknown permission ${name}`)
      }
      permissions[key] = level
    }
    return {
      id,
      needs: j.needs === undefined ? [] : [j.needs].flat(),
      environment: j.environment,
      permissions,
      gate: {
        uses: first.uses,
        with: Object.fromEntries(
          Object.entries(first.with ?? {}).map(([k, v]) => [k, String(v)])
        )
      }
    }
  })
  // the runner's order: a job starts once every job it needs has finished
  const ordered: Job[] = []
  while (ordered.length < jobs.length) {
    const next = jobs.find(
      (j) =>
        !ordered.includes(j) &&
        j.needs.every((n) => ordered.some((o) => o.id === n))
    )
    if (next === undefined) throw new Error('the jobs need each other')
    ordered.push(next)
  }
  return { path, name: doc.name, events: Object.keys(doc.on), jobs: ordered }
}
