// The access matrix as Markdown (people), JSON (machines) or CSV
// (spreadsheets). Whatever could not be read is printed as such, with the
// permission that would read it; never as an empty cell. A list cut at its
// page limit says so next to it: a `FIELD: truncated` row in CSV, a note in
// the same cell in Markdown, `…Truncated` beside the list in JSON.

import {
  isCannot,
  truncatedNote,
  type AccessMatrix,
  type Maybe,
  type Truncated
} from '../engine/index.js'

export type MatrixFormat = 'md' | 'json' | 'csv'

function show<T>(value: Maybe<T> | null, text: (v: T) => string): string {
  if (value === null) return 'not read'
  if (isCannot(value)) return `cannot read (needs ${value.permission})`
  return text(value)
}

const list = (items: string[]): string =>
  items.length === 0 ? 'none' : items.join(', ')

/** The field of the row that says the list in `field` was cut. */
export const TRUNCATED = ': truncated'

const cutNote = (cut: (Truncated | undefined)[]): string | null => {
  const notes = cut.flatMap((t) => (t === undefined ? [] : [truncatedNote(t)]))
  return notes.length === 0 ? null : notes.join('; ')
}

const yes = (b: boolean | null, unknown = 'unknown'): string =>
  b === null ? unknown : b ? 'yes' : 'no'

/** One row per fact: the same content for CSV and, flattened, for Markdown. */
export function matrixRows(m: AccessMatrix): string[][] {
  const rows: string[][] = []
  for (const e of m.environments) {
    const add = (field: string, value: string | null): void => {
      if (value !== null) rows.push(['environment', e.name, field, value])
    }
    add('exists', yes(e.exists, 'cannot read'))
    add(
      'deployment branches',
      show(e.deploymentBranches, (v) =>
        v === 'any'
          ? 'any branch'
          : v === 'protected'
            ? 'protected branches only'
            : list(v)
      )
    )
    add(
      'required reviewers',
      list(
        e.reviewers.map((r) =>
          r.type === 'User'
            ? r.name
            : `team ${r.name} (${show(r.members, (members) => list(members))})`
        )
      )
    )
    add(
      `required reviewers${TRUNCATED}`,
      cutNote(e.reviewers.map((r) => r.membersTruncated))
    )
    add('prevent self-review', yes(e.preventSelfReview))
    add('admins may bypass', yes(e.adminBypass, 'yes (GitHub did not say)'))
    add(
      'wait timer (minutes)',
      e.waitTimer === null ? 'unknown' : String(e.waitTimer)
    )
    add('custom protection rules', show(e.customRules, list))
  }
  for (const b of m.branches) {
    const add = (field: string, value: string | null): void => {
      if (value !== null) rows.push(['branch', b.name, field, value])
    }
    add('required approvals', show(b.requiredApprovals, String))
    add('protected by', list(b.protectedBy))
    add(`protected by${TRUNCATED}`, cutNote([b.rulesTruncated]))
    add('ruleset bypass actors', show(b.bypassActors, list))
    add('admins may bypass', yes(b.adminsBypass))
  }
  const add = (field: string, value: string | null): void => {
    if (value !== null) rows.push(['repository', m.repository, field, value])
  }
  add(`branches${TRUNCATED}`, cutNote([m.branchesTruncated]))
  add(
    'write, maintain or admin',
    show(m.writers, (w) => list(w.map((h) => `${h.login} (${h.role})`)))
  )
  add(`write, maintain or admin${TRUNCATED}`, cutNote([m.writersTruncated]))
  add(
    'teams with write, maintain or admin',
    show(m.writerTeams, (w) => list(w.map((h) => `${h.login} (${h.role})`)))
  )
  add(
    `teams with write, maintain or admin${TRUNCATED}`,
    cutNote([m.writerTeamsTruncated])
  )
  for (const gap of m.gaps) rows.push(['gap', m.repository, 'gap', gap])
  return rows
}

export function csvCell(value: string): string {
  // Cells that a spreadsheet would run as a formula are quoted as text.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export function mdCell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>')
}

export function renderMatrix(m: AccessMatrix, format: MatrixFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(m, null, 2)}\n`
    case 'csv':
      return `${[['section', 'subject', 'field', 'value'], ...matrixRows(m)]
        .map((r) => r.map(csvCell).join(','))
        .join('\n')}\n`
    case 'md':
      return renderMarkdown(m)
  }
}

function renderMarkdown(m: AccessMatrix): string {
  const rows = matrixRows(m)
  const at = (section: string, subject: string, field: string): string =>
    rows.find(
      (r) => r[0] === section && r[1] === subject && r[2] === field
    )?.[3] ?? ''
  // The cell of a list, with the note of its cut beside it.
  const cell = (section: string, subject: string, field: string): string => {
    const note = at(section, subject, `${field}${TRUNCATED}`)
    const value = at(section, subject, field)
    return note === '' ? value : `${value} (⚠️ ${note})`
  }
  const isNote = (r: string[]): boolean => (r[2] as string).endsWith(TRUNCATED)
  const branchesCut = at('repository', m.repository, `branches${TRUNCATED}`)
  const lines: string[] = [`## Access matrix: ${mdCell(m.repository)}`, '']
  lines.push(`<sub>read ${m.generatedAt}</sub>`, '')
  for (const section of ['environment', 'branch'] as const) {
    const own = rows.filter((r) => r[0] === section && !isNote(r))
    const subjects = [...new Set(own.map((r) => r[1] as string))]
    const cut = section === 'branch' && branchesCut !== ''
    if (subjects.length === 0 && !cut) continue
    const fields = [...new Set(own.map((r) => r[2] as string))]
    lines.push(
      `### ${section === 'environment' ? 'Environments' : 'Branches'}`,
      ''
    )
    if (cut) lines.push(`⚠️ ${mdCell(branchesCut)}`, '')
    if (subjects.length > 0) {
      lines.push(
        `| ${section} | ${fields.map(mdCell).join(' | ')} |`,
        `| --- | ${fields.map(() => '---').join(' | ')} |`
      )
    }
    for (const subject of subjects) {
      const cells = fields.map((f) => cell(section, subject, f))
      lines.push(`| ${mdCell(subject)} | ${cells.map(mdCell).join(' | ')} |`)
    }
    lines.push('')
  }
  lines.push('### Who may push', '')
  for (const r of rows.filter((row) => row[0] === 'repository')) {
    if (isNote(r)) continue
    const field = r[2] as string
    lines.push(`- ${field}: ${mdCell(cell('repository', m.repository, field))}`)
  }
  lines.push('', '### Gaps against the policy', '')
  if (m.gaps.length === 0) lines.push('None.')
  for (const gap of m.gaps) lines.push(`- ⚠️ ${mdCell(gap)}`)
  lines.push('')
  return lines.join('\n')
}
