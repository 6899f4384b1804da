// `promotion-gate audit`: every successful deployment to an environment in
// a period, each judged as of its own time, and the access matrix (SPEC §7).
// Exit 0 when every deployment would have passed, 1 when any would not (or
// the audit could not be made), 2 usage.

import { period } from '../audit/period.js'
import { evidenceDirectory } from '../audit/evidence-dir.js'
import { renderAudit } from '../audit/render.js'
import { writeReportHtml } from '../audit/report-html.js'
import { countingPort } from '../audit/calls.js'
import { tokenKind } from '../audit/manifest.js'
import { packetRecords, writePacket } from '../audit/packet.js'
import { drawSample, newSeed, type Sample } from '../audit/sample.js'
import {
  auditAccessReview,
  reviewExceptions,
  reviewMarkdown
} from '../audit/access-review.js'
import { baselineOption } from './access.js'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import {
  checkpointWriter,
  durationMs,
  readCheckpoint
} from '../audit/checkpoint-file.js'
import {
  BudgetSpentError,
  flagged,
  InputError,
  PolicyError,
  runAudit,
  toFailure
} from '../engine/index.js'
import { choice, parseCommandArgs, type OptionSpec } from './args.js'
import { endpoints, timeoutOf } from './endpoints.js'
import { connect, policyOptions, readToken, repoOption } from './repository.js'
import {
  EXIT,
  UsageError,
  type CliContext,
  type Command,
  type ExitCode
} from './command.js'

const NAME = 'audit'
const FORMATS = ['md', 'json', 'csv', 'html'] as const

const OPTIONS: Record<string, OptionSpec> = {
  repo: { type: 'string' },
  environment: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  policy: { type: 'string' },
  'policy-ref': { type: 'string' },
  'api-url': { type: 'string' },
  'graphql-url': { type: 'string' },
  'timeout-seconds': { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  checkpoint: { type: 'string' },
  resume: { type: 'boolean' },
  'max-wait': { type: 'string' },
  sample: { type: 'string' },
  seed: { type: 'string' },
  baseline: { type: 'string' },
  quiet: { type: 'boolean' },
  verbose: { type: 'boolean' }
}

const HELP = `Usage: promotion-gate audit --repo OWNER/NAME --environment NAME
                            --since WHEN [options]

Re-evaluates every successful deployment to the environment in the period,
each as of its own time (reviews, upstream statuses and test results that
came after it do not count), and prints the population with each decision
and its reasons, the break-glass deployments with the state of their
independent review, then the access matrix. Branch rules, the environment's
settings and access are read as they are now: GitHub keeps no history of
them.

Options:
  --repo OWNER/NAME       the repository (required)
  --environment NAME      the environment audited (required; in the policy)
  --since WHEN            start of the period (required): a date
                          (2026-10-01, or an ISO 8601 time) or a duration
                          back from now (30d)
  --until WHEN            end of the period (default: now)
  --policy PATH           the policy file in the repository
                          (default: .github/promotion-gate.yml)
  --policy-ref REF        the ref the policy is read from
                          (default: the repository's default branch)
  --api-url URL           REST API base
                          (default: GITHUB_API_URL, else https://api.github.com)
  --graphql-url URL       GraphQL endpoint (default: derived from the API URL)
  --timeout-seconds N     total time for API calls, 1-3600 (default: 120)
  --format md|json|csv|html
                          (default: md); json holds each deployment's full
                          evidence record, unless --out is given; csv is
                          population.csv, one row per deployment (--out also
                          writes changes.csv, one row per change); html is
                          report.html, one self-contained page to read or
                          print
  --out DIR               write the auditor's packet to DIR: each
                          deployment's evidence record to
                          evidence/<deployment id>.json as soon as it is
                          judged (memory stays flat), then population.csv,
                          changes.csv, sample.csv (with --sample),
                          access.json (the access matrix, the next
                          review's --baseline), report.html and
                          manifest.json (how it was
                          produced, the sha256 of every other file)
  --sample N              draw N deployments at random, reproducibly: listed
                          first in the Markdown report, and DIR/sample.csv
                          with --out; the seed and method are printed
  --seed S                the sample's seed (default: a random one, printed):
                          the same seed over the same population draws the
                          same sample
  --baseline FILE         the last review's access matrix (its packet's
                          access.json, or \`access --format json\`): a
                          periodic access review; what changed since is
                          printed after the matrix, written to
                          DIR/access-review.md and report.html, and each
                          change that opens access (or could not be
                          compared) and each new gap is an exception
  --checkpoint FILE       where the audit saves how far it got, after each
                          500 deployments (default with --out:
                          DIR/checkpoint.json); removed when it completes
  --resume                go on from the checkpoint: its population, the
                          deployments judged before not asked again; the
                          period is the checkpoint's (--since and --until
                          may be left out; given, they must match)
  --max-wait DURATION     how long the audit may wait for GitHub's GraphQL
                          budget to refill (90s, 30m, 2h; default 0: it
                          stops with a checkpoint when the budget is spent)
  --quiet                 no progress on stderr
  --verbose               debug lines on stderr
  -h, --help              show this help

Environment:
  GITHUB_TOKEN, else GH_TOKEN   the token (required; never printed): read
                                access to contents, pull requests,
                                deployments, actions, checks and statuses

Exit codes:
  0  every deployment in the period would have passed the gate (or broke
     the glass with its review done or not yet due)
  1  findings: a deployment that would not have passed, a break-glass
     review missing or late, with --baseline access opened since it; or
     the audit could not be made
  2  usage error (bad option or value, no token)
`

async function run(
  args: readonly string[],
  ctx: CliContext
): Promise<ExitCode> {
  const parsed = parseCommandArgs(NAME, args, OPTIONS, { positionals: false })
  if (parsed.help) {
    ctx.stdout.write(HELP)
    return EXIT.ok
  }
  const values = parsed.strings
  const { owner, repo } = repoOption(NAME, values.get('repo'))
  const { policyPath, policyRef } = policyOptions(NAME, values)
  const environment = values.get('environment')?.trim() ?? ''
  if (environment === '')
    throw new UsageError(NAME, '--environment is required')
  const out = values.get('out')
  const checkpointFile =
    values.get('checkpoint') ??
    (out === undefined ? undefined : join(out, 'checkpoint.json'))
  // A missing or foreign checkpoint is a bad option value: exit 2.
  const resume = parsed.flags.has('resume')
    ? usage(() => readCheckpoint(checkpointFile))
    : undefined
  const sinceText = values.get('since')
  if (sinceText === undefined && resume === undefined)
    throw new UsageError(NAME, '--since is required')
  const when = usage(() =>
    sinceText === undefined && resume !== undefined
      ? {
          since: new Date(resume.request.since),
          until: new Date(resume.request.until)
        }
      : period(sinceText ?? '', values.get('until') ?? null, ctx.now())
  )
  const maxWaitMs = usage(() => durationMs(values.get('max-wait')))
  const sampleSize = sampleOption(values.get('sample'))
  const seedGiven = values.get('seed')
  if (seedGiven !== undefined && sampleSize === null)
    throw new UsageError(NAME, '--seed needs --sample N')
  if (seedGiven !== undefined && seedGiven.trim() === '')
    throw new UsageError(NAME, '--seed must not be empty')
  const format = choice(NAME, 'format', values.get('format'), FORMATS, 'md')
  const baselineFile = values.get('baseline')
  // read before any API call: a bad baseline is a usage error (exit 2)
  const baseline =
    baselineFile === undefined
      ? null
      : baselineOption(NAME, baselineFile, `${owner}/${repo}`)
  const { client, logger, stdout, stderr, serverUrl } = connect(
    NAME,
    values,
    ctx,
    parsed.flags.has('verbose'),
    maxWaitMs
  )
  const quiet = parsed.flags.has('quiet')
  const { apiUrl, graphqlUrl } = endpoints(NAME, values, ctx.env)
  const counted = countingPort(client)
  // It waits for a refill only while the client's time lasts.
  const waitUntil =
    ctx.now().getTime() + timeoutOf(NAME, values) * 1000 + maxWaitMs
  try {
    const report = await runAudit(
      {
        owner,
        repo,
        environment,
        policyPath,
        policyRef,
        since: when.since,
        until: when.until,
        serverUrl
      },
      {
        github: counted.port,
        logger,
        now: ctx.now,
        ...(out === undefined ? {} : { evidence: evidenceDirectory(out) }),
        ...(checkpointFile === undefined
          ? {}
          : { checkpoint: checkpointWriter(checkpointFile) }),
        ...(resume === undefined ? {} : { resume }),
        pace: {
          now: () => ctx.now().getTime(),
          sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
          waitUntil
        },
        progress: quiet
          ? undefined
          : (message) => stderr.write(`promotion-gate audit: ${message}\n`)
      }
    )
    // Done: nothing is left to resume.
    if (checkpointFile !== undefined) rmSync(checkpointFile, { force: true })
    const sample: Sample | null =
      sampleSize === null
        ? null
        : drawSample(
            report.entries.map((e) => e.deployment.id),
            sampleSize,
            seedGiven ?? newSeed()
          )
    if (sample !== null) {
      // printed even with --quiet: without the seed no one can re-draw it
      stderr.write(
        `promotion-gate audit: sample of ${sample.ids.length} of ${report.entries.length} deployments, seed ${sample.seed} (re-draw: --sample ${sample.size} --seed ${sample.seed}); method: ${sample.method}\n`
      )
    }
    const review =
      baseline === null ? null : auditAccessReview(report, baseline)
    const reviewFindings = review === null ? [] : reviewExceptions(review)
    if (out !== undefined) {
      const packet = writePacket({
        dir: out,
        report,
        context: {
          arguments: [NAME, ...args],
          apiUrl,
          graphqlUrl,
          tokenKind: tokenKind(readToken(NAME, ctx.env)),
          calls: counted.calls(),
          usage: client.usage?.() ?? null,
          sample,
          accessReview: review
        }
      })
      if (!quiet) {
        stderr.write(
          `promotion-gate audit: the packet is in ${out}: evidence/, ${packet.files.join(', ')}\n`
        )
      }
    }
    const recordOf = out === undefined ? undefined : packetRecords(out)
    if (format === 'html') {
      writeReportHtml({
        report,
        recordOf: recordOf ?? ((e) => e.evidence),
        sample,
        apiUrl,
        exceptions: reviewFindings,
        accessReview: review,
        write: (chunk) => stdout.write(chunk)
      })
    } else {
      stdout.write(
        renderAudit(report, format, {
          sample,
          apiUrl,
          ...(recordOf === undefined ? {} : { recordOf })
        })
      )
      // the review after the matrix the Markdown report ends with
      if (format === 'md' && review !== null)
        stdout.write(reviewMarkdown(report, review, ''))
    }
    const blocked = report.entries.filter((e) => e.decision === 'block')
    const attention = flagged(report) + reviewFindings.length
    if (!quiet) {
      stderr.write(
        `promotion-gate audit: ${report.entries.length} deployments, ${blocked.length} would not have passed; ${attention} finding${attention === 1 ? '' : 's'}; ${client.requests.length} API requests\n`
      )
      if (review !== null)
        stderr.write(
          `promotion-gate audit: access since the baseline ${review.baseline.name} of ${review.baseline.matrix.generatedAt}: ${'error' in review ? `not reviewed (${review.error})` : `${review.review.changes.length} change${review.review.changes.length === 1 ? '' : 's'}`}, ${reviewFindings.length} needing attention\n`
        )
    }
    return attention === 0 ? EXIT.ok : EXIT.block
  } catch (error) {
    const failure = toFailure(error)
    logger.error(
      error instanceof PolicyError
        ? `the policy is not valid:\n${failure.message}`
        : `the audit could not be made: ${failure.message}`
    )
    if (failure.hint) logger.info(`hint: ${failure.hint}`)
    if (error instanceof BudgetSpentError)
      logger.info(
        checkpointFile === undefined
          ? 'no checkpoint was kept: give --checkpoint FILE (or --out DIR) to resume instead of starting again'
          : `the checkpoint is ${checkpointFile}`
      )
    return EXIT.block
  }
}

/** --sample: a whole number of deployments, at least 1; null when not given. */
function sampleOption(text: string | undefined): number | null {
  if (text === undefined) return null
  const n = Number(text)
  if (!/^\d+$/.test(text.trim()) || n < 1 || !Number.isSafeInteger(n))
    throw new UsageError(
      NAME,
      `--sample must be a whole number of deployments, 1 or more (got ${JSON.stringify(text)})`
    )
  return n
}

/** `read()`, its InputError a usage error of this command. */
function usage<T>(read: () => T): T {
  try {
    return read()
  } catch (error) {
    if (error instanceof InputError) throw new UsageError(NAME, error.message)
    throw error
  }
}

export const audit: Command = {
  name: NAME,
  summary:
    'judge every deployment to an environment in a period, as of its own time',
  help: HELP,
  failure: EXIT.block,
  run
}
