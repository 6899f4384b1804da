// Command-line parsing with node:util parseArgs, strict: unknown options,
// missing values and repeated options are UsageErrors with one clear line
// (parseArgs's own messages are multi-line and name no command).

import { parseArgs } from 'node:util'
import { UsageError } from './command.js'
import { errorText, printable } from './output.js'

export interface OptionSpec {
  type: 'string' | 'boolean'
  short?: string
}

export interface ParsedArgs {
  strings: Map<string, string>
  flags: Set<string>
  positionals: string[]
  help: boolean
}

/**
 * Parses `args` against `options` (plus -h/--help). An option given twice is
 * an error: with a security decision, "the last one wins" hides mistakes.
 */
export function parseCommandArgs(
  command: string | null,
  args: readonly string[],
  options: Record<string, OptionSpec>,
  o: { positionals: boolean }
): ParsedArgs {
  const all: Record<string, OptionSpec> = {
    ...options,
    help: { type: 'boolean', short: 'h' }
  }
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({
      args: [...args],
      options: all,
      strict: true,
      allowPositionals: o.positionals,
      tokens: true
    })
  } catch (error) {
    // --help wins over whatever else is wrong on the line.
    const end = args.indexOf('--')
    const before = end < 0 ? args : args.slice(0, end)
    if (before.includes('--help') || before.includes('-h')) {
      return {
        strings: new Map(),
        flags: new Set(),
        positionals: [],
        help: true
      }
    }
    throw new UsageError(command, describe(error, Object.keys(options)))
  }
  const strings = new Map<string, string>()
  const flags = new Set<string>()
  const seen = new Set<string>()
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option') continue
    if (seen.has(token.name) && token.name !== 'help') {
      throw new UsageError(command, `--${token.name} was given more than once`)
    }
    seen.add(token.name)
    if (all[token.name]?.type === 'string') {
      strings.set(token.name, token.value ?? '')
    } else {
      flags.add(token.name)
    }
  }
  return {
    strings,
    flags,
    positionals: [...parsed.positionals],
    help: flags.has('help')
  }
}

/** parseArgs's error as one line, with a guess for a misspelt option. */
function describe(error: unknown, known: readonly string[]): string {
  const code =
    typeof error === 'object' && error !== null && 'code' in error
      ? String(error.code)
      : ''
  const message = errorText(error)
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? ''
  const name = printable(quoted.replace(/ <value>$/, ''))
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const guess = closest(name.replace(/^-+/, '').split('=')[0] ?? '', known)
      return (
        `unknown option ${name}` +
        (guess === undefined ? '' : ` (did you mean --${guess}?)`)
      )
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${name}"`
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(message)) {
        return `${name} takes no value`
      }
      if (/ambiguous/.test(message)) {
        return `${name} needs a value (to pass a value that starts with "-", write ${name}=VALUE)`
      }
      return `${name} needs a value`
    default:
      return printable(message.split('\n')[0] ?? message)
  }
}

/** The known name at edit distance ≤ 2, when there is exactly one best. */
export function closest(
  name: string,
  known: readonly string[]
): string | undefined {
  let best: string | undefined
  let bestDistance = 3
  for (const candidate of known) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase())
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return best
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      )
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

/** One of `choices`, else a UsageError listing them. */
export function choice<T extends string>(
  command: string,
  option: string,
  value: string | undefined,
  choices: readonly T[],
  fallback: T
): T {
  if (value === undefined) return fallback
  if ((choices as readonly string[]).includes(value)) return value as T
  throw new UsageError(
    command,
    `--${option} must be one of ${choices.join(', ')}, not "${printable(value)}"`
  )
}
