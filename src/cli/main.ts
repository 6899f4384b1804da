// The `promotion-gate` command line, in process: argv in, exit code out, all
// output through the injected streams. src/cli/index.ts is the thin entry
// that binds it to the process. A subcommand is one Command in COMMANDS
// (audit, access and serve will be further entries, SPEC §2 and §7).

import { toFailure } from '../engine/index.js'
import { VERSION } from '../version.js'
import { closest, parseCommandArgs } from './args.js'
import { access } from './access.js'
import { audit } from './audit.js'
import { check } from './check.js'
import {
  EXIT,
  UsageError,
  type CliContext,
  type Command,
  type ExitCode
} from './command.js'
import { errorText, printable } from './output.js'
import { validate } from './validate.js'
import { serve } from './serve.js'
import { verify } from './verify.js'

export type { CliContext, Command, ExitCode, Writer } from './command.js'
export { EXIT } from './command.js'

export const COMMANDS: readonly Command[] = [
  check,
  validate,
  audit,
  access,
  serve,
  verify
]

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length))
  return `promotion-gate ${VERSION}: gates a deployment on its promotion path, independent
approvals, branch protection and tests, and leaves evidence of why.

Usage: promotion-gate <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Options:
  -h, --help   show this help; promotion-gate help <command> for a command
  --version    print the version

Exit codes: 0 allow (or valid), 1 block, 2 usage error (or invalid policy).
`
}

export async function runCli(
  argv: readonly string[],
  ctx: CliContext
): Promise<ExitCode> {
  const [first, ...rest] = argv
  const command =
    first === undefined ? undefined : COMMANDS.find((c) => c.name === first)
  try {
    if (command !== undefined) return await command.run(rest, ctx)
    if (first === 'help') return await help(rest, ctx)
    return topLevel(argv, ctx)
  } catch (error) {
    if (error instanceof UsageError) {
      const where =
        error.command === null
          ? 'promotion-gate'
          : `promotion-gate ${error.command}`
      ctx.stderr.write(`${where}: ${printable(error.message)}\n`)
      ctx.stderr.write(`${error.hint ?? 'run promotion-gate --help'}\n`)
      return EXIT.usage
    }
    // Anything else is a bug or an environment fault: say so in one line and
    // fail closed (a `check` that cannot finish blocks).
    const failure = toFailure(error)
    ctx.stderr.write(
      `promotion-gate${command === undefined ? '' : ` ${command.name}`}: ${printable(
        failure.code === 'internal'
          ? `unexpected error: ${errorText(error)}`
          : failure.message
      )}\n`
    )
    return command?.failure ?? EXIT.usage
  }
}

/** `help [command]`, as git and npm take it: the same as `--help`. */
async function help(
  rest: readonly string[],
  ctx: CliContext
): Promise<ExitCode> {
  const [name, ...more] = rest
  if (name === undefined) return topLevel(['--help'], ctx)
  const command = COMMANDS.find((c) => c.name === name)
  if (command === undefined || more.length > 0) return topLevel(rest, ctx)
  return command.run(['--help'], ctx)
}

/** No subcommand: --help, --version, or a usage error. */
function topLevel(argv: readonly string[], ctx: CliContext): ExitCode {
  const [first] = argv
  if (first !== undefined && !first.startsWith('-')) {
    const guess = closest(
      first,
      COMMANDS.map((c) => c.name)
    )
    throw new UsageError(
      null,
      `unknown command "${printable(first)}"` +
        (guess === undefined
          ? ` (commands: ${COMMANDS.map((c) => c.name).join(', ')})`
          : ` (did you mean ${guess}?)`)
    )
  }
  const parsed = parseCommandArgs(
    null,
    argv,
    { version: { type: 'boolean' } },
    { positionals: false }
  )
  if (parsed.help) {
    ctx.stdout.write(helpText())
    return EXIT.ok
  }
  if (parsed.flags.has('version')) {
    ctx.stdout.write(`${VERSION}\n`)
    return EXIT.ok
  }
  ctx.stderr.write(helpText())
  return EXIT.usage
}
