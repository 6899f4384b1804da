// The action adapter: inputs -> engine -> evidence, outputs, summary,
// annotations, exit. The order is fixed (STYLE habit 9): decide, publish the
// status, write evidence, upload it, set outputs, write the summary, then fail
// the step.
// Nothing here can turn `block` into `allow`; failing to write evidence turns
// `allow` into `block`.

import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import {
  evaluate,
  getErrorMessage,
  recordEvidence,
  type Decision,
  type Logger,
  type Recorded
} from '../engine/index.js'
import { createClient, type GitHubClient } from '../github/client.js'
import type { EarlyRequests } from '../github/early.js'
import { oneLine, renderSummary, violations } from '../report/summary.js'
import {
  uploadEvidence,
  uploadProblem,
  type UploadOutcome,
  type Uploader
} from './artifact.js'
import type { SignStatement } from './attest.js'
import { OUTPUTS, type ActionInputs } from './inputs.js'
import type { ActionIO } from './io.js'
import { publishStatus } from './status.js'

export interface ActionDeps {
  env: Record<string, string | undefined>
  io: ActionIO
  now: () => Date
  /** injected for tests; defaults to the real client */
  client?: (inputs: ActionInputs, logger: Logger) => GitHubClient
  /** the first requests, sent before this module loaded (src/action/index.ts) */
  early?: EarlyRequests
  /** injected for tests; defaults to @actions/artifact */
  upload?: Uploader
  /** injected for tests; defaults to @actions/attest (attest: true) */
  sign?: SignStatement
}

export type { ActionIO } from './io.js'

export async function runAction(
  inputs: ActionInputs,
  deps: ActionDeps
): Promise<void> {
  const { io, env } = deps
  const client = (deps.client ?? defaultClient)(inputs, io, deps.early)
  if (inputs.mode === 'audit') {
    // only a scheduled audit needs it: loaded then, not at every start
    const { runAuditMode } = await import('./audit.js')
    return runAuditMode(inputs, {
      env,
      io,
      now: deps.now,
      client,
      upload: deps.upload,
      sign: deps.sign
    })
  }
  const evaluated = await evaluate(inputs.request, {
    github: client,
    logger: io,
    now: deps.now
  })
  for (const warning of evaluated.warnings) io.warning(warning)

  const notes: string[] = []
  if (inputs.commitStatus) {
    const problem = await publishStatus(
      client,
      inputs,
      evaluated,
      oneLine(evaluated)
    )
    if (problem !== null) {
      notes.push(problem)
      io.warning(problem)
    }
  }

  const record = (made: Decision, note?: string): Recorded =>
    recordEvidence(
      made,
      {
        mode: inputs.mode,
        requests: client.requests.length,
        usage: client.usage?.() ?? null,
        notes: note === undefined ? notes : [...notes, note]
      },
      (_record, text) => writeEvidence(env, evaluated, text)
    )
  let recorded = record(evaluated)
  // SPEC §10: signed once written, before it is uploaded (./attest-step.ts)
  const signed = inputs.attest
    ? await (
        await import('./attest-step.js')
      ).attestStep({
        inputs,
        env,
        io,
        github: client,
        recorded,
        rerecord: record,
        sign: deps.sign
      })
    : null
  recorded = signed?.recorded ?? recorded
  if (recorded.problem !== null) io.error(recorded.problem)
  // the budget running low: an annotation, as the engine's other warnings
  for (const warning of recorded.warnings) io.warning(warning)
  const { decision, evidence } = recorded
  const evidencePath = recorded.file
  const followUp = decision.followUp
  const attestation = signed?.outcome ?? null
  const bundleFile =
    attestation === null || attestation.kind === 'failed'
      ? null
      : attestation.bundleFile
  const uploaded = await keepEvidence(inputs, deps, evidencePath)
  // the signed decision beside it: where GitHub keeps no attestation, this
  // artifact is the only copy that outlives the runner
  if (uploaded !== null && bundleFile !== null) {
    const kept = await keepEvidence(
      inputs,
      deps,
      bundleFile,
      'the signed decision',
      'attestation-bundle'
    )
    if (kept !== null) {
      io.info(`signed decision uploaded as artifact ${kept.name}: ${kept.url}`)
    }
  }

  const summary = oneLine(decision)
  io.setOutput(OUTPUTS.decision, decision.decision)
  io.setOutput(OUTPUTS.violations, JSON.stringify(violations(decision)))
  io.setOutput(OUTPUTS.evidenceFile, evidencePath ?? '')
  io.setOutput(OUTPUTS.evidenceUrl, uploaded?.url ?? '')
  io.setOutput(OUTPUTS.summary, summary)
  io.setOutput(
    OUTPUTS.attestationId,
    attestation?.kind === 'stored' ? attestation.id : ''
  )
  io.setOutput(
    OUTPUTS.attestationUrl,
    attestation?.kind === 'stored' ? attestation.url : ''
  )
  io.setOutput(OUTPUTS.attestationBundle, bundleFile ?? '')

  try {
    await io.writeSummary(
      renderSummary(decision, evidence, evidencePath, uploaded?.url ?? null)
    )
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
  for (const check of decision.results) {
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
    // mode: report blocks nothing, so nothing is annotated as an error
    if (inputs.mode === 'report') io.warning(`${title} (would block): ${text}`)
    else io.annotate(text, title)
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

/** A file uploaded as an artifact of the run (its own name), unless turned off. */
async function keepEvidence(
  inputs: ActionInputs,
  deps: ActionDeps,
  file: string | null,
  what = 'the evidence record',
  output = 'evidence-file'
): Promise<Extract<UploadOutcome, { kind: 'uploaded' }> | null> {
  if (file === null || !inputs.evidenceArtifact) return null
  const r = inputs.request
  const outcome = await uploadEvidence(
    {
      file,
      retentionDays: inputs.evidenceRetentionDays,
      env: deps.env,
      runUrl:
        r.run.id === null
          ? null
          : `${r.serverUrl.replace(/\/+$/, '')}/${r.owner}/${r.repo}/actions/runs/${r.run.id}`,
      timeoutMs: inputs.timeoutSeconds * 1000
    },
    deps.upload
  )
  if (outcome.kind === 'skipped') {
    deps.io.info(`${what.replace(/^the /, '')} not uploaded: ${outcome.why}`)
    return null
  }
  const problem = uploadProblem(outcome, file, what, output)
  if (problem !== null) deps.io.warning(problem)
  return outcome.kind === 'uploaded' ? outcome : null
}

function defaultClient(
  inputs: ActionInputs,
  logger: Logger,
  early?: EarlyRequests
): GitHubClient {
  return createClient({
    early,
    token: inputs.token,
    apiUrl: inputs.apiUrl,
    graphqlUrl: inputs.graphqlUrl ?? undefined,
    logger,
    timeoutMs: inputs.timeoutSeconds * 1000
  })
}

function writeEvidence(
  env: Record<string, string | undefined>,
  decision: Decision,
  text: string
): string {
  const dir = join(env.RUNNER_TEMP || tmpdir(), 'promotion-gate')
  mkdirSync(dir, { recursive: true })
  const req = decision.request
  const safeEnv = req.environment.replace(/[^A-Za-z0-9._-]/g, '_')
  const run =
    req.run.id === null ? 'local' : `${req.run.id}-${req.run.attempt ?? 1}`
  const file = join(
    dir,
    `evidence-${safeEnv}-${req.sha.slice(0, 7)}-${run}.json`
  )
  writeFileSync(file, text, { mode: 0o644 })
  return file
}
