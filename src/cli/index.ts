#!/usr/bin/env node
// Entry of the bundled command line (dist/cli/index.js, the package's `bin`).
// Binds runCli to the process; any throw or stray rejection fails closed
// (exit 1). Exits once stdout and stderr have drained: pipes are
// asynchronous on some platforms, and retry timers left after a spent time
// budget must not keep the process alive.

import { EXIT, runCli } from './main.js'
import { errorText } from './output.js'

// Stack traces of internal errors name the sources (dist/cli/*.map).
process.setSourceMapsEnabled(true)

function drainAndExit(code: number): void {
  let pending = 2
  const done = (): void => {
    pending -= 1
    if (pending === 0) process.exit(code)
  }
  process.exitCode = code
  process.stdout.write('', done)
  process.stderr.write('', done)
  // A stream that cannot drain (its reader is gone) must not hold the exit;
  // exitCode already carries the code if the process ends on its own.
  setTimeout(() => process.exit(code), 2000).unref()
}

function failClosed(error: unknown): void {
  process.stderr.write(
    `promotion-gate failed unexpectedly: ${errorText(error)}\n`
  )
  drainAndExit(EXIT.block)
}

process.on('unhandledRejection', failClosed)
// A reader that goes away (`promotion-gate check ... | head`) is not a
// failure of the gate: later writes are dropped and the exit code stays the
// decision's.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') failClosed(error)
})

try {
  const code = await runCli(process.argv.slice(2), {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    now: () => new Date()
  })
  drainAndExit(code)
} catch (error) {
  failClosed(error)
}
