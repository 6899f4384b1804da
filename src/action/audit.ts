// `mode: audit` (SPEC §3, §7): the audit of a scheduled workflow. Writes the
// report as the job summary and as a JSON file (`evidence-file`), uploads the
// report and every evidence record as one artifact of the run, sets
// `decision` to `block` when any deployment of the period would not have
// passed the gate (or, with `audit-baseline`, access opened since the last
// review), and fails the step then (an exception nobody sees is no control),
// unless `audit-exceptions: report`; it always fails when the audit cannot be
// made or its baseline cannot be used.

import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { period } from '../audit/period.js'
import { evidenceDirectory } from '../audit/evidence-dir.js'
import { collectingPort, collector } from '../audit/memory.js'
import { renderAudit } from '../audit/render.js'
import { countingPort } from '../audit/calls.js'
import { tokenKind } from '../audit/manifest.js'
import { writePacket } from '../audit/packet.js'
import { defaultGraphqlUrl } from '../github/urls.js'
import {
  flagged,
  getErrorMessage,
  InputError,
  runAudit,
  toFailure
} from '../engine/index.js'
import type { GitHubClient } from '../github/client.js'
import type { ActionIO } from './io.js'
import { INPUTS, OUTPUTS, type ActionInputs } from './inputs.js'
import { readBaselineFile, type BaselineFile } from '../access/baseline.js'
import {
  auditAccessReview,
  reviewExceptions,
  reviewMarkdown
} from '../audit/access-review.js'
import { uploadDirectory, uploadProblem, type Uploader } from './artifact.js'
import type { SignStatement } from './attest.js'

/**
 * The input audit-baseline read and checked, as `audit --baseline` reads
 * it; a relative path is in the workspace. An InputError naming the input
 * when it cannot be used.
 */
function auditBaseline(
  inputs: ActionInputs,
  env: Record<string, string | undefined>
): BaselineFile | null {
  if (inputs.auditBaseline === null) return null
  const path = resolve(env.GITHUB_WORKSPACE || '.', inputs.auditBaseline)
  try {
    return readBaselineFile(
      path,
      `${inputs.request.owner}/${inputs.request.repo}`
    )
  } catch (error) {
    throw new InputError(
      `input ${INPUTS.auditBaseline}: ${inputs.auditBaseline} ${getErrorMessage(error)}`
    )
  }
}

/** Blocked deployments named one by one in the log; the rest are counted. */
const NAMED = 10

export async function runAuditMode(
  inputs: ActionInputs,
  deps: {
    env: Record<string, string | undefined>
    io: ActionIO
    now: () => Date
    client: GitHubClient
    upload?: Uploader
    /** injected for tests; defaults to @actions/attest (attest: true) */
    sign?: SignStatement
  }
): Promise<void> {
  const { io, env } = deps
  const req = inputs.request
  // The client gives up at its time budget: no refill is waited for past it.
  const waitUntil = deps.now().getTime() + inputs.timeoutSeconds * 1000
  const dir = join(
    env.RUNNER_TEMP || tmpdir(),
    'promotion-gate',
    `audit-${req.environment.replace(/[^A-Za-z0-9._-]/g, '_')}`
  )
  // collects when the heap has grown, in every phase (../audit/memory.ts)
  const collect = collector()
  const counted = countingPort(collectingPort(deps.client, { collect }))
  try {
    const when = period(inputs.auditSince, null, deps.now())
    // read before any API call: a baseline that cannot be used fails the step
    const baseline = auditBaseline(inputs, env)
    const report = await runAudit(
      {
        owner: req.owner,
        repo: req.repo,
        environment: req.environment,
        policyPath: req.policyPath,
        policyRef: req.policyRef,
        since: when.since,
        until: when.until,
        serverUrl: req.serverUrl
      },
      {
        github: counted.port,
        logger: io,
        now: deps.now,
        progress: (message) => io.info(message),
        pace: {
          now: () => deps.now().getTime(),
          sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
          waitUntil,
          then: 'run the workflow again after then',
          wait: 'a longer timeout-seconds'
        },
        // each record to a file as it is judged: the report holds rows only
        evidence: evidenceDirectory(dir),
        chunkDone: collect
      }
    )
    const review =
      baseline === null ? null : auditAccessReview(report, baseline)
    const reviewFindings = review === null ? [] : reviewExceptions(review)
    mkdirSync(dir, { recursive: true })
    const file = join(dir, `report-${report.generatedAt.slice(0, 10)}.json`)
    writeFileSync(file, renderAudit(report, 'json'), { mode: 0o644 })
    // the auditor's packet beside it (SPEC §7): population.csv, changes.csv
    // and manifest.json, which hashes every file, the report included
    writePacket({
      dir,
      report,
      context: {
        arguments: [
          'mode: audit',
          `environment: ${req.environment}`,
          `audit-since: ${inputs.auditSince}`,
          ...(inputs.auditBaseline === null
            ? []
            : [`audit-baseline: ${inputs.auditBaseline}`])
        ],
        apiUrl: inputs.apiUrl,
        graphqlUrl: inputs.graphqlUrl ?? defaultGraphqlUrl(inputs.apiUrl),
        tokenKind: tokenKind(inputs.token),
        calls: counted.calls(),
        usage: deps.client.usage?.() ?? null,
        sample: null,
        accessReview: review
      }
    })
    // signed after the manifest is written, before the packet is uploaded
    const unsigned = inputs.attest
      ? await (
          await import('./attest-packet.js')
        ).attestPacket({
          dir,
          inputs,
          env,
          io,
          github: deps.client,
          sign: deps.sign
        })
      : null
    const blocked = report.entries.filter((e) => e.decision === 'block')
    const unexplained = report.completeness.unexplained
    const incomplete =
      unexplained.length > 0 || report.completeness.errors.length > 0
        ? `; ${unexplained.length} commit${unexplained.length === 1 ? '' : 's'} on the deployed branches no pull request or allowed direct push explains${report.completeness.errors.length > 0 ? ' (completeness not established)' : ''}`
        : ''
    const opened =
      review === null
        ? ''
        : `; access since the baseline of ${review.baseline.matrix.generatedAt}: ${reviewFindings.length} finding${reviewFindings.length === 1 ? '' : 's'}`
    const summary = `promotion-gate audit of ${req.environment}, ${report.period.since} to ${report.period.until}: ${report.entries.length} deployments, ${blocked.length} would not have passed the gate${incomplete}${opened}`
    const exceptions = flagged(report) + reviewFindings.length
    const packet = inputs.evidenceArtifact
      ? await uploadDirectory(
          {
            name: `promotion-gate-audit-${req.environment.replace(/[^A-Za-z0-9._-]/g, '_')}-${req.run.id ?? 'local'}-${req.run.attempt ?? 1}`,
            dir,
            retentionDays: inputs.evidenceRetentionDays,
            env,
            runUrl:
              req.run.id === null
                ? null
                : `${req.serverUrl.replace(/\/+$/, '')}/${req.owner}/${req.repo}/actions/runs/${req.run.id}`,
            timeoutMs: inputs.timeoutSeconds * 1000
          },
          deps.upload
        )
      : null
    const problem =
      packet === null ? null : uploadProblem(packet, dir, 'the audit packet')
    if (problem !== null) io.warning(problem)
    if (packet?.kind === 'skipped') {
      io.info(`audit packet not uploaded: ${packet.why}`)
    }
    io.setOutput(
      OUTPUTS.evidenceUrl,
      packet?.kind === 'uploaded' ? packet.url : ''
    )
    io.setOutput(OUTPUTS.decision, exceptions === 0 ? 'allow' : 'block')
    io.setOutput(
      OUTPUTS.violations,
      JSON.stringify([...new Set(blocked.flatMap((e) => e.violations))])
    )
    io.setOutput(OUTPUTS.evidenceFile, file)
    io.setOutput(OUTPUTS.summary, summary)
    try {
      await io.writeSummary(
        renderAudit(report, 'md') +
          (review === null ? '' : reviewMarkdown(report, review, '')) +
          (packet?.kind === 'uploaded'
            ? `\n<sub>[The audit packet](${packet.url}) (artifact of this run): this report and every deployment's evidence record.</sub>\n`
            : '')
      )
    } catch (error) {
      io.warning(
        `the job summary could not be written: ${getErrorMessage(error)}`
      )
    }
    warnFirst(
      io,
      blocked.map(
        (e) =>
          `deployment #${e.deployment.id} of ${e.deployment.sha.slice(0, 7)} at ${e.deployment.succeededAt} would not have passed: ${e.violations.join(', ')}`
      ),
      'more'
    )
    // completeness (SPEC §7): each unexplained commit, deployed or not
    warnFirst(
      io,
      unexplained.map(
        (u) =>
          `commit ${u.sha.slice(0, 7)} on ${u.branch} (${u.committedAt}, ${u.deployment === null ? 'never deployed' : `deployed as #${u.deployment.id}`}) is not explained: ${u.why}`
      ),
      'more unexplained commits'
    )
    for (const e of report.completeness.errors) io.warning(e)
    // the access review (SPEC §7): each change that opens access, each new gap
    warnFirst(
      io,
      reviewFindings.map((x) => `${x.kind}: ${x.title} (${x.detail})`),
      'more access findings'
    )
    if (unsigned !== null) {
      // an auditor was promised a signed packet: an unsigned one fails
      io.setFailed(`${summary}; attest: true, and ${unsigned}`)
    } else if (exceptions > 0 && inputs.auditExceptions === 'fail') {
      io.setFailed(
        `${summary}; ${exceptions} exception${exceptions === 1 ? '' : 's'} to answer (see the job summary; audit-exceptions: report only reports them)`
      )
    } else {
      io.info(summary)
    }
  } catch (error) {
    const failure = toFailure(error)
    const message = `promotion-gate audit could not be made: ${failure.message}`
    io.setOutput(OUTPUTS.decision, 'block')
    io.setOutput(OUTPUTS.violations, '[]')
    io.setOutput(OUTPUTS.evidenceFile, '')
    io.setOutput(OUTPUTS.summary, message)
    io.annotate(
      failure.hint ? `${failure.message}\n${failure.hint}` : failure.message,
      'promotion-gate: audit'
    )
    io.setFailed(message)
  }
}

/** The first NAMED as warnings each, the rest counted. */
function warnFirst(io: ActionIO, lines: string[], more: string): void {
  for (const line of lines.slice(0, NAMED)) io.warning(line)
  if (lines.length > NAMED) {
    io.warning(`${lines.length - NAMED} ${more}: see the job summary`)
  }
}
