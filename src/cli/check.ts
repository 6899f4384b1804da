// `promotion-gate check`: one decision, as the action makes it, for a commit
// and an environment named on the command line. Same engine, same evidence
// record (validated against its schema), rendered as a table or as JSON.
// Exit 0 allow, 1 block (any failure included), 2 usage error.

import { writeFileSync } from 'node:fs'
import {
  evaluate,
  makeRequest,
  recordEvidence,
  type Decision,
  type EngineRequest
} from '../engine/index.js'
import { costLine } from '../report/cost.js'
import { oneLine } from '../report/summary.js'
import { choice, parseCommandArgs, type OptionSpec } from './args.js'
import {
  EXIT,
  UsageError,
  type CliContext,
  type Command,
  type ExitCode
} from './command.js'
import { printable } from './output.js'
import { endpoints, timeoutOf } from './endpoints.js'
import { connect, policyOptions, repoOption } from './repository.js'
import { renderTable } from './table.js'

const NAME = 'check'
const FORMATS = ['table', 'json'] as const
type Format = (typeof FORMATS)[number]

const OPTIONS: Record<string, OptionSpec> = {
  repo: { type: 'string' },
  environment: { type: 'string' },
  sha: { type: 'string' },
  policy: { type: 'string' },
  'policy-ref': { type: 'string' },
  deployer: { type: 'string' },
  'api-url': { type: 'string' },
  'graphql-url': { type: 'string' },
  'timeout-seconds': { type: 'string' },
  format: { type: 'string' },
  'evidence-file': { type: 'string' },
  verbose: { type: 'boolean' }
}

const HELP = `Usage: promotion-gate check --repo OWNER/NAME --environment ENV --sha SHA
                            [options]

Decides whether commit SHA may be deployed to environment ENV, exactly as the
action does: the policy is read through the API from the repository (never
from a local file), and every check of the policy is run.

Options:
  --repo OWNER/NAME       the repository (required)
  --environment ENV       the environment deployed to; must be in the policy
                          (required)
  --sha SHA               the commit deployed: 40 hex characters (required)
  --policy PATH           the policy file in the repository
                          (default: .github/promotion-gate.yml)
  --policy-ref REF        the ref the policy is read from
                          (default: the repository's default branch)
  --deployer LOGIN        who deploys, for deployer_independent (default: in
                          a GitHub Actions job, GITHUB_TRIGGERING_ACTOR, else
                          GITHUB_ACTOR; elsewhere none)
  --api-url URL           REST API base
                          (default: GITHUB_API_URL, else https://api.github.com)
  --graphql-url URL       GraphQL endpoint (default: GITHUB_GRAPHQL_URL when
                          --api-url is not given, else derived from the API
                          URL: .../api/v3 -> .../api/graphql)
  --timeout-seconds N     total time for API calls, retries included, 1-3600;
                          past it the gate blocks (default: 120)
  --format table|json     table: the checks and the decision; json: the
                          evidence record, as the action writes it
                          (default: table)
  --evidence-file PATH    also write the evidence record (JSON) to PATH
  --verbose               debug lines on stderr
  -h, --help              show this help

Environment:
  GITHUB_TOKEN, else GH_TOKEN   the token (required; never printed)
  GITHUB_API_URL, GITHUB_GRAPHQL_URL, GITHUB_SERVER_URL
                                GitHub Enterprise Server endpoints

Output goes to stdout; progress and warnings go to stderr.

Exit codes:
  0  allow
  1  block, including any failure to read what the decision needs
  2  usage error (bad option or value, no token)
`

export interface CheckOptions {
  request: EngineRequest
  apiUrl: string
  graphqlUrl: string
  timeoutSeconds: number
  format: Format
  evidenceFile: string | null
  verbose: boolean
}

type Env = Record<string, string | undefined>

const SHA = /^[0-9a-fA-F]{40}$/
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?(?:\[bot\])?$/

function usage(message: string): UsageError {
  return new UsageError(NAME, message)
}

function required(values: Map<string, string>, name: string): string {
  const value = values.get(name)?.trim()
  if (value === undefined || value === '') {
    throw usage(`--${name} is required`)
  }
  return value
}

function optionalInt(value: string | undefined): number | null {
  if (value === undefined || !/^\d+$/.test(value)) return null
  const n = Number(value)
  return Number.isSafeInteger(n) ? n : null
}

/** Every option checked, and the EngineRequest the action would build. */
export function parseCheckOptions(
  values: Map<string, string>,
  flags: Set<string>,
  env: Env
): CheckOptions {
  const { owner, repo } = repoOption(NAME, values.get('repo'))
  const environment = required(values, 'environment')
  const rawSha = required(values, 'sha')
  if (!SHA.test(rawSha)) {
    throw usage(
      `--sha must be a full 40-character hex commit sha, not "${printable(rawSha.slice(0, 60))}" (git rev-parse gives one)`
    )
  }
  const sha = rawSha.toLowerCase()

  const { policyPath, policyRef } = policyOptions(NAME, values)

  // Inside a GitHub Actions job the run and its actor are known, as the
  // action knows them; elsewhere only --deployer names the deployer.
  const inActions = env.GITHUB_ACTIONS === 'true'
  const deployer =
    values.get('deployer') ??
    (inActions ? env.GITHUB_TRIGGERING_ACTOR || env.GITHUB_ACTOR || null : null)
  if (deployer !== null && !LOGIN.test(deployer)) {
    throw usage(
      `--deployer must be a GitHub login, not "${printable(deployer)}"`
    )
  }

  const { apiUrl, graphqlUrl, serverUrl } = endpoints(NAME, values, env)

  const timeoutSeconds = timeoutOf(NAME, values)

  const format = choice(NAME, 'format', values.get('format'), FORMATS, 'table')
  const evidenceFile = values.get('evidence-file') ?? null
  if (evidenceFile === '') throw usage('--evidence-file needs a path')

  return {
    request: makeRequest({
      owner,
      repo,
      environment,
      sha,
      policyPath,
      policyRef,
      deployer,
      run: inActions
        ? {
            id: optionalInt(env.GITHUB_RUN_ID),
            attempt: optionalInt(env.GITHUB_RUN_ATTEMPT),
            actor: env.GITHUB_ACTOR,
            triggeringActor: env.GITHUB_TRIGGERING_ACTOR
          }
        : null,
      serverUrl,
      // break-glass (SPEC §5.7) is the action's alone: it needs the run's approvals
      breakGlassReason: null,
      event: inActions ? env.GITHUB_EVENT_NAME || null : null
    }),
    apiUrl,
    graphqlUrl,
    timeoutSeconds,
    format,
    evidenceFile,
    verbose: flags.has('verbose')
  }
}

async function run(
  args: readonly string[],
  ctx: CliContext
): Promise<ExitCode> {
  const parsed = parseCommandArgs(NAME, args, OPTIONS, { positionals: false })
  if (parsed.help) {
    ctx.stdout.write(HELP)
    return EXIT.ok
  }
  const options = parseCheckOptions(parsed.strings, parsed.flags, ctx.env)
  const { client, logger, stdout } = connect(
    NAME,
    parsed.strings,
    ctx,
    options.verbose
  )
  const req = options.request
  logger.info(
    `checking ${req.owner}/${req.repo} ${req.sha} for ${req.environment} through ${options.apiUrl}`
  )
  const started = Date.now()
  const evaluated = await evaluate(req, {
    github: client,
    logger,
    now: ctx.now
  })
  logger.debug(
    `${client.requests.length} API requests in ${Date.now() - started} ms`
  )

  const file = options.evidenceFile
  const recorded = recordEvidence(
    evaluated,
    {
      mode: 'check',
      requests: client.requests.length,
      usage: client.usage?.() ?? null,
      notes: deployerNotes(evaluated)
    },
    (_record, text) => {
      if (file === null) return null
      writeFileSync(file, text, { mode: 0o644 })
      return file
    }
  )
  if (recorded.problem !== null) logger.error(recorded.problem)
  for (const warning of recorded.warnings) logger.warning(warning)
  const { decision, evidence, file: evidencePath } = recorded
  if (evidence.api !== null) logger.debug(costLine(evidence.api))

  if (options.format === 'json') {
    stdout.write(`${JSON.stringify(evidence, null, 2)}\n`)
    logger.info(oneLine(decision))
    if (decision.failure?.hint) logger.info(`hint: ${decision.failure.hint}`)
  } else {
    stdout.write(renderTable(decision, evidence, evidencePath))
  }
  return decision.decision === 'allow' ? EXIT.ok : EXIT.block
}

/**
 * Outside a workflow run only `--deployer` names who deploys: when a check
 * could not tell the deployer apart for want of it, say which option fixes it.
 */
function deployerNotes(decision: Decision): string[] {
  if (decision.request.deployer !== null) return []
  const unknown = decision.results.filter(
    (c) =>
      (c.id === 'segregation' || c.id === 'maker-checker') &&
      c.status === 'error'
  )
  return unknown.length === 0
    ? []
    : [
        `no --deployer given: ${unknown.map((c) => c.id).join(' and ')} cannot tell the deployer from the makers; pass --deployer LOGIN (who starts the deployment)`
      ]
}

export const check: Command = {
  name: NAME,
  summary: 'decide whether a commit may be deployed to an environment',
  help: HELP,
  failure: EXIT.block,
  run
}
