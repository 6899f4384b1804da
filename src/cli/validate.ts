// `promotion-gate validate FILE...`: the policy loader the gate itself uses
// (YAML, JSON Schema, semantic checks), on local files. Every problem is one
// `FILE:LINE:COLUMN: message` line, as compilers print them, so editors and
// CI problem matchers can point at it. Exit 0 all valid, 2 otherwise.
// Warnings (a setting the gate ignores) print the same way and do not fail.

import { readFileSync } from 'node:fs'
import { LineCounter, parseDocument } from 'yaml'
import { PolicyError } from '../engine/index.js'
import { loadPolicy, type Policy } from '../engine/index.js'
import { choice, parseCommandArgs, type OptionSpec } from './args.js'
import {
  EXIT,
  UsageError,
  type CliContext,
  type Command,
  type ExitCode
} from './command.js'
import { errorText, printable } from './output.js'

const NAME = 'validate'
const FORMATS = ['table', 'json'] as const

const OPTIONS: Record<string, OptionSpec> = {
  format: { type: 'string' }
}

const HELP = `Usage: promotion-gate validate FILE... [--format table|json]

Validates policy files (SPEC §4) with the loader and JSON Schema the gate
uses, without a token or the network. Each problem is printed as
FILE:LINE:COLUMN: KEY: message; a warning (a setting the gate ignores) as
FILE:LINE:COLUMN: KEY: warning: message, and does not make a file invalid.

Options:
  --format table|json   table: one line per problem, and one per valid file;
                        json: {"valid": ..., "files": [...]} (default: table)
  -h, --help            show this help

Exit codes:
  0  every file is a valid policy
  2  a file is invalid or unreadable, or a usage error
`

export interface FileProblem {
  /** 1-based; 0 when the problem has no position (the file is unreadable) */
  line: number
  column: number
  /** dotted path of the key, e.g. environments.production.soak; may be empty */
  path: string
  message: string
}

export interface FileResult {
  file: string
  valid: boolean
  /** the environments of a valid policy, in file order */
  environments: string[]
  problems: FileProblem[]
  /** settings of a valid policy that the gate ignores */
  warnings: FileProblem[]
}

/** One file through the gate's own loader. Never throws. */
export function validateFile(file: string): FileResult {
  const invalid = (problems: FileProblem[]): FileResult => ({
    file,
    valid: false,
    environments: [],
    problems,
    warnings: []
  })
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    const code =
      typeof error === 'object' && error !== null && 'code' in error
        ? String(error.code)
        : ''
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : errorText(error)
    return invalid([
      { line: 0, column: 0, path: '', message: `cannot read: ${reason}` }
    ])
  }
  try {
    const policy = loadPolicy(text, {
      path: file,
      ref: 'the working tree',
      blobSha: null,
      defaultBranch: 'main'
    })
    return {
      file,
      valid: true,
      environments: Object.keys(policy.environments),
      problems: [],
      warnings: ignoredSettings(text, policy)
    }
  } catch (error) {
    if (error instanceof PolicyError) {
      return invalid(
        error.problems.map((p) => ({
          line: p.line,
          column: p.column,
          path: p.path,
          message: p.message
        }))
      )
    }
    return invalid([
      { line: 0, column: 0, path: '', message: errorText(error) }
    ])
  }
}

/**
 * Settings of a valid policy that the gate ignores: `soak` in an environment
 * with no `after` (it is measured from the success in each `after`
 * environment, SPEC §4), set there or through `defaults`.
 */
function ignoredSettings(text: string, policy: Policy): FileProblem[] {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines })
  const at = (path: string[]): FileProblem | null => {
    const node = doc.getIn(path, true) as { range?: [number] } | undefined
    if (node?.range === undefined) return null
    const { line, col } = lines.linePos(node.range[0])
    return { line, column: col, path: path.join('.'), message: '' }
  }
  const warnings: FileProblem[] = []
  for (const [name, env] of Object.entries(policy.environments)) {
    if (env.soakSeconds === 0 || env.after.length > 0) continue
    const own = at(['environments', name, 'soak'])
    const where = own ?? at(['defaults', 'soak'])
    if (where === null) continue
    warnings.push({
      ...where,
      path: `environments.${name}.soak`,
      message: `${name} has no \`after\` environment, so there is nothing to soak in: the gate ignores soak here${own === null ? ' (set in defaults)' : ''}; add \`after\`, or remove soak`
    })
  }
  return warnings
}

/** `FILE:LINE:COLUMN: KEY: message`, as the gate's own PolicyError reads. */
export function formatProblem(file: string, p: FileProblem): string {
  const where = p.line > 0 ? `${file}:${p.line}:${p.column}` : file
  const key = p.path === '' ? '' : ` ${p.path}:`
  return printable(`${where}:${key} ${p.message}`).replace(/\r?\n/g, ' ')
}

function run(args: readonly string[], ctx: CliContext): ExitCode {
  const parsed = parseCommandArgs(NAME, args, OPTIONS, { positionals: true })
  if (parsed.help) {
    ctx.stdout.write(HELP)
    return EXIT.ok
  }
  const format = choice(
    NAME,
    'format',
    parsed.strings.get('format'),
    FORMATS,
    'table'
  )
  if (parsed.positionals.length === 0) {
    throw new UsageError(NAME, 'name at least one policy FILE to validate')
  }
  const results = parsed.positionals.map(validateFile)
  const valid = results.every((r) => r.valid)
  if (format === 'json') {
    ctx.stdout.write(`${JSON.stringify({ valid, files: results }, null, 2)}\n`)
  } else {
    const lines: string[] = []
    for (const r of results) {
      if (r.valid) {
        lines.push(
          printable(
            `${r.file}: valid (environments: ${r.environments.join(', ') || 'none'})`
          )
        )
      }
      for (const p of r.problems) lines.push(formatProblem(r.file, p))
      for (const w of r.warnings) {
        lines.push(
          formatProblem(r.file, { ...w, message: `warning: ${w.message}` })
        )
      }
    }
    ctx.stdout.write(`${lines.join('\n')}\n`)
    const bad = results.filter((r) => !r.valid)
    if (bad.length > 0) {
      const problems = bad.reduce((n, r) => n + r.problems.length, 0)
      ctx.stderr.write(
        `${bad.length} of ${results.length} file${results.length === 1 ? '' : 's'} invalid (${problems} problem${problems === 1 ? '' : 's'})\n`
      )
    }
  }
  return valid ? EXIT.ok : EXIT.usage
}

export const validate: Command = {
  name: NAME,
  summary: 'check policy files against the schema, offline',
  help: HELP,
  failure: EXIT.usage,
  run
}
