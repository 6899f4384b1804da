// What every subcommand of the `promotion-gate` command line shares: the
// context it runs in (injected, so commands run in-process in tests), the
// exit codes, and the shape a command registers in main.ts's table.

import { InputError } from '../engine/index.js'
import type { ClientOptions, GitHubClient } from '../github/client.js'

/** Where output goes: process.stdout / process.stderr, or a buffer in tests. */
export interface Writer {
  write(chunk: string): unknown
}

export interface CliContext {
  env: Record<string, string | undefined>
  stdout: Writer
  stderr: Writer
  now: () => Date
  /** injected for tests; defaults to the real client */
  client?: (options: ClientOptions) => GitHubClient
}

/**
 * 0: allowed, or every file valid. 1: blocked (any failure of `check`,
 * API errors included: the gate fails closed). 2: the command line was
 * wrong, no token was given, or a policy file is invalid or unreadable.
 */
export const EXIT = { ok: 0, block: 1, usage: 2 } as const
export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

export interface Command {
  name: string
  /** one line for the command list of `promotion-gate --help` */
  summary: string
  /** the full text of `promotion-gate <name> --help` */
  help: string
  /** the exit code when the command throws unexpectedly */
  failure: ExitCode
  run(args: readonly string[], ctx: CliContext): Promise<ExitCode> | ExitCode
}

/** A mistake on the command line: one line, then a pointer to the help. */
export class UsageError extends InputError {
  /** the subcommand whose help to point at; null: the top-level help */
  readonly command: string | null

  constructor(command: string | null, message: string) {
    super(message, {
      hint: `run promotion-gate ${command === null ? '' : `${command} `}--help`
    })
    this.command = command
  }
}
