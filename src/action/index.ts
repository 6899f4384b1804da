// Entry of the bundled action (dist/index.js): wires the runner's workflow
// commands to the adapter, which it loads only once the inputs are read and
// the first requests sent (./start.ts). Any throw, of any kind, ends as a
// failed step: the gate fails closed. Built apart from the rest (a small
// CommonJS file, scripts/bundle.ts); ./main.js is the rest's bundle,
// dist/action/index.js.

import { CHECK_IDS, getErrorMessage } from '../engine/start.js'
import { runnerIO } from './commands.js'
import type { ActionInputs } from './inputs.js'
import { readInputs, startEarly } from './start.js'

/**
 * In the audit's own process (./audit-process.ts AUDIT_PROCESS; spelled
 * here so that the start loads nothing more), never starting another.
 */
const inAuditProcess = (env: NodeJS.ProcessEnv): boolean =>
  env.PROMOTION_GATE_AUDIT_PROCESS === '1' ||
  process.execArgv.some((a) => a.startsWith('--max-semi-space-size'))

// Stack traces of internal errors are printed only in debug mode: only then
// are the sources mapped (dist/*.map), since Node reads every loaded file's
// map as it loads it, tens of milliseconds before the first request.
if (process.env.RUNNER_DEBUG === '1') process.setSourceMapsEnabled(true)

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
  // nothing is verified: a block never reports no violations
  io.setOutput('violations', JSON.stringify(CHECK_IDS))
  io.setFailed(
    `promotion-gate failed unexpectedly and blocks: ${getErrorMessage(error)}`
  )
  if (io.isDebug() && error instanceof Error && error.stack)
    io.debug(error.stack)
}

process.on('unhandledRejection', failClosed)

/** The longest the rest waits for the first requests to leave. */
const EARLY_WAIT_MS = 50

/** Runs the step for valid inputs: a decision here, an audit in a node of its own. */
async function run(inputs: ActionInputs): Promise<void> {
  // A decision's first requests go out now, and the rest loads while they
  // travel. Loading it holds the thread: the requests leave first, for at
  // most a moment (a slow handshake must not delay the rest for long).
  // Nothing is written before them: the first line creates the stream on
  // the runner's stdout pipe (5 ms here, SPEC §9), and the first line is
  // the token's mask.
  const early = startEarly(inputs, process.env)
  await Promise.race([
    early?.sent,
    new Promise((resolve) => setTimeout(resolve, EARLY_WAIT_MS).unref())
  ])
  io.setSecret(inputs.token)
  if (inputs.mode === 'audit' && !inAuditProcess(process.env)) {
    // a long audit runs in a node of its own, with a small young
    // generation (./audit-process.ts), and ends as that process ends
    const { runAuditProcess } = await import('./audit-process.js')
    process.exitCode = await runAuditProcess({
      script: process.argv[1] ?? '',
      env: process.env
    })
    return
  }
  const { runAction } = await import('./main.js')
  // What writing the decision needs, loaded while the answers may still
  // be on their way rather than after they came.
  io.preload()
  await runAction(inputs, {
    env: process.env,
    io,
    now: () => new Date(),
    early
  })
}

/**
 * The step: inputs, then a decision or an audit. Called, not awaited at
 * the top level: the entry is built as CommonJS (scripts/bundle.ts), which
 * Node loads faster than a module (SPEC §9).
 */
async function main(): Promise<void> {
  try {
    const inputs = await readInputs(process.env, io)
    if (inputs !== null) await run(inputs)
  } catch (error) {
    failClosed(error)
  }
  // The decision is written. Retry or rate-limit timers still pending after
  // a time-budget failure must not keep the step open: the budget is the
  // bound. Exit once stdout has drained (pipes are asynchronous on macOS
  // runners).
  process.stdout.write('', () => process.exit())
}

void main()
