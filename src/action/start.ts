// What the action does before the engine loads: read its inputs (failing
// the step, with what to fix, when they are not valid) and send the requests
// every decision starts with. Only light modules are imported here: the
// engine's start door, the inputs, the runner's commands (SPEC §9: the first
// request under 100 ms of the start).

import {
  CHECK_IDS,
  firstAsks,
  getErrorMessage,
  toFailure,
  type Failure
} from '../engine/start.js'
import { sendEarly, type EarlyRequests } from '../github/early.js'
import { defaultGraphqlUrl } from '../github/urls.js'
import {
  INPUTS,
  OUTPUTS,
  parseInputs,
  readInput,
  type ActionInputs
} from './inputs.js'
import type { ActionIO } from './io.js'

/**
 * The typed inputs, or null when they are not valid: the step has then
 * already been failed (or warned, in report mode) with what to fix, the
 * token masked first. Valid inputs are returned with nothing written: the
 * caller masks the token before it writes anything (./index.ts).
 */
export async function readInputs(
  env: Record<string, string | undefined>,
  io: ActionIO
): Promise<ActionInputs | null> {
  try {
    return parseInputs(env)
  } catch (error) {
    const token = readInput(env, INPUTS.token)
    if (token !== '') io.setSecret(token)
    await failEarly(
      io,
      toFailure(error),
      readInput(env, INPUTS.mode) !== 'report'
    )
    return null
  }
}

/**
 * A block before any check could run: every check is named as not verified
 * (a block never reports no violations), the step fails (or warns, in
 * report mode), and the job summary says what to fix.
 */
export async function failEarly(
  io: ActionIO,
  failure: Failure,
  failStep: boolean
): Promise<void> {
  const message = `promotion-gate blocked: ${failure.message}`
  io.setOutput(OUTPUTS.decision, 'block')
  io.setOutput(OUTPUTS.violations, JSON.stringify(CHECK_IDS))
  io.setOutput(OUTPUTS.evidenceFile, '')
  io.setOutput(OUTPUTS.summary, message)
  io.annotate(
    failure.hint ? `${failure.message}\n${failure.hint}` : failure.message,
    'promotion-gate: cannot decide'
  )
  try {
    await io.writeSummary(earlySummary(failure, !failStep))
  } catch (error) {
    io.warning(
      `the job summary could not be written: ${getErrorMessage(error)}`
    )
  }
  if (failStep) io.setFailed(message)
  else io.warning(`${message} (mode: report, the step does not fail)`)
}

/** The job summary of a block before any check ran. */
export function earlySummary(failure: Failure, report: boolean): string {
  const verdict = report ? '⚠️ **would block** (mode: report)' : '⛔ **block**'
  return [
    `## promotion-gate: ${verdict}, cannot decide`,
    '',
    'The inputs could not be read, so no check ran: none is verified.',
    '',
    '### What to fix',
    '',
    failure.message,
    ...(failure.hint === undefined ? [] : ['', failure.hint]),
    '',
    `<sub>Not verified: ${CHECK_IDS.join(', ')}.</sub>`,
    ''
  ].join('\n')
}

/** The first requests of a decision, sent now; none for an audit. */
export function startEarly(
  inputs: ActionInputs,
  env: Record<string, string | undefined>
): EarlyRequests | undefined {
  if (inputs.mode === 'audit') return undefined
  return sendEarly({
    token: inputs.token,
    apiUrl: inputs.apiUrl,
    graphqlUrl: inputs.graphqlUrl ?? defaultGraphqlUrl(inputs.apiUrl),
    asks: firstAsks(inputs.request),
    env
  })
}
