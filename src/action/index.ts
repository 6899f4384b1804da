// Entry of the bundled action (dist/index.js): wires the runner's workflow
// commands to the adapter. Any throw, of any kind, ends as a failed step: the
// gate fails closed.

import { getErrorMessage } from '../engine/index.js'
import { runnerIO } from './commands.js'
import { readInputs, runAction } from './main.js'

const io = runnerIO({
  env: process.env,
  write: (text) => {
    process.stdout.write(text)
  },
  fail: () => {
    process.exitCode = 1
  }
})

function failClosed(error: unknown): void {
  io.setOutput('decision', 'block')
  io.setFailed(
    `promotion-gate failed unexpectedly and blocks: ${getErrorMessage(error)}`
  )
  if (io.isDebug() && error instanceof Error && error.stack)
    io.debug(error.stack)
}

process.on('unhandledRejection', failClosed)

try {
  const inputs = readInputs(process.env, io)
  if (inputs !== null) {
    await runAction(inputs, { env: process.env, io, now: () => new Date() })
  }
} catch (error) {
  failClosed(error)
}
// The decision is written. Retry or rate-limit timers still pending after a
// time-budget failure must not keep the step open: the budget is the bound.
// Exit once stdout has drained (pipes are asynchronous on macOS runners).
process.stdout.write('', () => process.exit())
