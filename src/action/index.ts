// Entry of the bundled action (dist/index.js): wires @actions/core to the
// adapter. Any throw, of any kind, ends as a failed step: the gate fails closed.

import * as core from '@actions/core'
import { getErrorMessage } from '../engine/index.js'
import { readInputs, runAction, type ActionIO } from './main.js'

const io: ActionIO = {
  debug: (m) => core.debug(m),
  info: (m) => core.info(m),
  warning: (m) => core.warning(m),
  error: (m) => core.error(m),
  setSecret: (s) => core.setSecret(s),
  setOutput: (n, v) => core.setOutput(n, v),
  writeSummary: async (md) => {
    await core.summary.addRaw(md).write()
  },
  annotate: (message, title) => core.error(message, { title }),
  setFailed: (m) => core.setFailed(m)
}

function failClosed(error: unknown): void {
  core.setOutput('decision', 'block')
  core.setFailed(
    `promotion-gate failed unexpectedly and blocks: ${getErrorMessage(error)}`
  )
  if (core.isDebug() && error instanceof Error && error.stack)
    core.debug(error.stack)
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
