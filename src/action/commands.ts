// The ActionIO of the bundled action: the runner's workflow commands
// (`::debug::`, `::add-mask::`, annotations) on stdout and its file commands
// (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY), written exactly as @actions/core 3
// writes them (__tests__/action/commands.test.ts holds the two side by side).
// Not @actions/core itself: its entry loads @actions/http-client and undici
// for OIDC tokens the gate never asks for, and that evaluation alone took
// longer than the whole start-up budget (SPEC §9: first request under 100 ms).
// Protocol: https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands

import { appendFileSync, constants, existsSync } from 'node:fs'
import { EOL } from 'node:os'
import type { ActionIO } from './io.js'

/**
 * A built-in module loaded when first needed, not at the start: node:crypto
 * and node:fs/promises take longer to load than the first request may
 * (SPEC §9), and are needed only once the decision is written.
 */
const fsPromises = (): typeof import('node:fs/promises') =>
  builtin('node:fs/promises')

function builtin<T>(id: string): T {
  return (
    process as unknown as { getBuiltinModule(id: string): T }
  ).getBuiltinModule(id)
}

export interface Runner {
  env: Record<string, string | undefined>
  /** process.stdout.write */
  write: (text: string) => void
  /** marks the step failed when the process exits (process.exitCode = 1) */
  fail: () => void
}

export interface RunnerIO extends ActionIO {
  /** step debug logging is on (RUNNER_DEBUG=1) */
  isDebug(): boolean
  /**
   * Loads the built-in modules that writing outputs and the job summary
   * needs (node:crypto for the output delimiter, node:fs/promises), so that
   * it can happen while the process waits for the network.
   */
  preload(): void
}

// Escaping keeps a message from ending its command early or starting
// another one: a pull request title holding "\n::add-mask::" stays text.
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/** `::name key=value,...::message`; empty properties are left out. */
export function commandLine(
  name: string,
  properties: Record<string, string | undefined>,
  message: string
): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string] => Boolean(entry[1]))
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
    .join(',')
  // @actions/core adds the space whenever properties were given, set or not
  const space = Object.keys(properties).length > 0 ? ' ' : ''
  return `::${name}${space}${props}::${escapeData(message)}`
}

/** A `name<<delimiter` block: any value, newlines included, stays one output. */
function keyValueBlock(name: string, value: string): string {
  const { randomUUID } = builtin<typeof import('node:crypto')>('node:crypto')
  const delimiter = `ghadelimiter_${randomUUID()}`
  if (name.includes(delimiter) || value.includes(delimiter)) {
    throw new Error(`Unexpected input: the delimiter "${delimiter}" occurs`)
  }
  return `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}`
}

export function runnerIO(runner: Runner): RunnerIO {
  const { env, write } = runner
  const issue = (
    name: string,
    message: string,
    properties: Record<string, string | undefined> = {}
  ): void => write(`${commandLine(name, properties, message)}${EOL}`)
  const error = (message: string): void => issue('error', message)
  return {
    debug: (message) => issue('debug', message),
    info: (message) => write(`${message}${EOL}`),
    warning: (message) => issue('warning', message),
    error,
    isDebug: () => env.RUNNER_DEBUG === '1',
    preload: () => {
      builtin('node:crypto')
      fsPromises()
    },
    setSecret: (secret) => issue('add-mask', secret),
    setOutput: (name, value) => {
      const file = env.GITHUB_OUTPUT || ''
      if (file === '') {
        write(EOL)
        issue('set-output', value, { name })
        return
      }
      if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`)
      appendFileSync(file, `${keyValueBlock(name, value)}${EOL}`, 'utf8')
    },
    writeSummary: async (markdown) => {
      const file = env.GITHUB_STEP_SUMMARY
      if (!file) {
        throw new Error(
          'Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.'
        )
      }
      try {
        await fsPromises().access(file, constants.R_OK | constants.W_OK)
      } catch {
        throw new Error(
          `Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`
        )
      }
      await fsPromises().appendFile(file, markdown, 'utf8')
    },
    annotate: (message, title) => issue('error', message, { title }),
    setFailed: (message) => {
      runner.fail()
      error(message)
    }
  }
}
