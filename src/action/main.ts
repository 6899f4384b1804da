// The action adapter: inputs -> engine -> evidence, outputs, summary,
// annotations, exit. The order is fixed (STYLE habit 9): decide, publish the
// status, write evidence, set outputs, write the summary, then fail the step.
// Nothing here can turn `block` into `allow`; failing to write evidence turns
// `allow` into `block`.

import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { evaluate, revokeBreakGlass, type Decision } from '../engine/index.js'
import { getErrorMessage, toFailure, type Failure } from '../engine/errors.js'
import type { GitHubPort, Logger } from '../engine/port.js'
import { createClient, type GitHubClient } from '../github/client.js'
import { buildEvidence, type EvidenceRecord } from '../report/evidence.js'
import { evidenceProblems } from '../report/validate-evidence.js'
import { oneLine, renderSummary, violations } from '../report/summary.js'
import {
  INPUTS,
  OUTPUTS,
  parseInputs,
  readInput,
  type ActionInputs
} from './inputs.js'
import { publishStatus } from './status.js'
import { runAuditMode } from './audit.js'
import { openFollowUpIssue, type FollowUpIssue } from './break-glass.js'

/** What the adapter needs from the runner; @actions/core in production. */
export interface ActionIO extends Logger {
  setSecret(secret: string): void
  setOutput(name: string, value: string): void
  writeSummary(markdown: string): Promise<void>
  annotate(message: string, title: string): void
  setFailed(message: string): void
}

export interface ActionDeps {
  env: Record<string, string | undefined>
  io: ActionIO
  now: () => Date
  /** injected for tests; defaults to the real client */
  client?: (inputs: ActionInputs, logger: Logger) => GitHubClient
}

export async function runAction(deps: ActionDeps): Promise<void> {
  const { io, env } = deps
  const modeInput = readInput(env, INPUTS.mode)
  const failStep = modeInput !== 'report'
  let inputs: ActionInputs
  try {
    inputs = parseInputs(env)
    io.setSecret(inputs.token)
  } catch (error) {
    const token = readInput(env, INPUTS.token)
    if (token !== '') io.setSecret(token)
    return failEarly(io, toFailure(error), failStep)
  }

  const client = (deps.client ?? defaultClient)(inputs, io)
  if (inputs.mode === 'audit') {
    return runAuditMode(inputs, { env, io, now: deps.now, client })
  }
  const notes: string[] = []
  let decision: Decision = await evaluate(inputs.request, {
    github: client,
    logger: io,
    now: deps.now
  })
  // SPEC §5.7: a break-glass allow stands only with its follow-up issue.
  let followUp: FollowUpIssue | null = null
  if (decision.breakGlass !== null) {
    const opened = await openFollowUpIssue(
      client,
      decision,
      decision.breakGlass
    )
    if ('problem' in opened) {
      decision = revokeBreakGlass(decision, opened.problem)
    } else {
      followUp = opened.issue
      if (opened.warning !== null) {
        notes.push(opened.warning)
        io.warning(opened.warning)
      }
    }
  }
  if (decision.breakGlassNote !== null) notes.push(decision.breakGlassNote)

  if (inputs.commitStatus) {
    const problem = await publishStatus(
      client,
      inputs,
      decision,
      oneLine(decision)
    )
    if (problem !== null) {
      notes.push(problem)
      io.warning(problem)
    }
  }

  let evidence = buildEvidence(decision, {
    mode: inputs.mode,
    requests: client.requests.length,
    notes,
    followUpIssue: followUp
  })
  let evidencePath: string | null = null
  try {
    const problems = evidenceProblems(evidence)
    if (problems.length > 0) {
      throw new Error(
        `the evidence record does not match its schema: ${problems.join('; ')}`
      )
    }
    evidencePath = writeEvidence(env, evidence)
  } catch (error) {
    // No evidence, no allow.
    const message = `evidence could not be written: ${getErrorMessage(error)}`
    io.error(message)
    decision =
      decision.breakGlass === null
        ? { ...decision, decision: 'block' }
        : revokeBreakGlass(
            decision,
            `the break-glass allow was withdrawn: ${message}`
          )
    evidence = {
      ...evidence,
      decision: 'block',
      notes: [...evidence.notes, message]
    }
  }

  const summary = oneLine(decision)
  io.setOutput(OUTPUTS.decision, decision.decision)
  io.setOutput(OUTPUTS.violations, JSON.stringify(violations(decision)))
  io.setOutput(OUTPUTS.evidenceFile, evidencePath ?? '')
  io.setOutput(OUTPUTS.summary, summary)

  try {
    await io.writeSummary(renderSummary(decision, evidence, evidencePath))
  } catch (error) {
    io.warning(
      `the job summary could not be written: ${getErrorMessage(error)}`
    )
  }

  const grant = decision.breakGlass
  if (grant !== null) {
    io.warning(
      `${summary}${followUp === null ? '' : `; follow-up issue: ${followUp.url}`}`
    )
  }
  for (const check of decision.checks) {
    if (check.status !== 'fail' && check.status !== 'error') continue
    const text = [check.summary, ...check.problems].join('\n')
    if (grant?.overridden.includes(check.id) === true) {
      io.warning(
        `promotion-gate: ${check.id} (${check.status}, overridden by break-glass): ${text}`
      )
      continue
    }
    const title =
      `promotion-gate: ${check.id} ${check.status === 'error' ? '(could not verify)' : ''}`.trim()
    io.annotate(text, title)
  }
  if (decision.breakGlassNote !== null) {
    if (decision.decision === 'block') {
      io.annotate(
        decision.breakGlassNote,
        'promotion-gate: break-glass refused'
      )
    } else {
      io.warning(decision.breakGlassNote)
    }
  }
  if (decision.failure?.hint) io.info(`hint: ${decision.failure.hint}`)

  if (decision.decision === 'allow') {
    if (grant === null) io.info(summary)
  } else if (inputs.mode === 'enforce') {
    io.setFailed(summary)
  } else {
    io.warning(`${summary} (mode: report, the step does not fail)`)
  }
}

function defaultClient(inputs: ActionInputs, logger: Logger): GitHubClient {
  return createClient({
    token: inputs.token,
    apiUrl: inputs.apiUrl,
    graphqlUrl: inputs.graphqlUrl ?? undefined,
    logger,
    timeoutMs: inputs.timeoutSeconds * 1000
  })
}

function failEarly(io: ActionIO, failure: Failure, failStep: boolean): void {
  const message = `promotion-gate blocked: ${failure.message}`
  io.setOutput(OUTPUTS.decision, 'block')
  io.setOutput(OUTPUTS.violations, '[]')
  io.setOutput(OUTPUTS.evidenceFile, '')
  io.setOutput(OUTPUTS.summary, message)
  io.annotate(
    failure.hint ? `${failure.message}\n${failure.hint}` : failure.message,
    'promotion-gate: cannot decide'
  )
  if (failStep) io.setFailed(message)
  else io.warning(`${message} (mode: report, the step does not fail)`)
}

function writeEvidence(
  env: Record<string, string | undefined>,
  record: EvidenceRecord
): string {
  const dir = join(env.RUNNER_TEMP || tmpdir(), 'promotion-gate')
  mkdirSync(dir, { recursive: true })
  const safeEnv = record.environment.replace(/[^A-Za-z0-9._-]/g, '_')
  const run =
    record.run.id === null
      ? 'local'
      : `${record.run.id}-${record.run.attempt ?? 1}`
  const file = join(
    dir,
    `evidence-${safeEnv}-${record.sha.slice(0, 7)}-${run}.json`
  )
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o644 })
  return file
}

export type { GitHubPort }
