// `promotion-gate access`: the access matrix of SPEC §7 alone. Who may deploy
// to each environment of the policy, who approves, who may bypass, and who
// may push to the policy's branches, with every gap against the policy.
// With --baseline, a periodic access review: what changed since the matrix
// of the last review.
// Exit 0 when no gap is flagged and nothing opened since the baseline, 1
// when anything is (or anything fails), 2 usage.

import { accessMatrix, getErrorMessage } from '../engine/index.js'
import { renderMatrix, type MatrixFormat } from '../access/render.js'
import {
  readBaselineFile,
  renderReview,
  type BaselineFile
} from '../access/baseline.js'
import { needsAttention, reviewAccess } from '../access/review.js'
import { PolicyError, toFailure } from '../engine/index.js'
import { fetchPolicy } from '../engine/index.js'
import { loadPolicy } from '../engine/index.js'
import { choice, parseCommandArgs, type OptionSpec } from './args.js'
import { connect, policyOptions, repoOption } from './repository.js'
import {
  EXIT,
  UsageError,
  type CliContext,
  type Command,
  type ExitCode
} from './command.js'

const NAME = 'access'
const FORMATS = ['md', 'json', 'csv'] as const

const OPTIONS: Record<string, OptionSpec> = {
  repo: { type: 'string' },
  policy: { type: 'string' },
  'policy-ref': { type: 'string' },
  'api-url': { type: 'string' },
  'graphql-url': { type: 'string' },
  'timeout-seconds': { type: 'string' },
  format: { type: 'string' },
  baseline: { type: 'string' },
  verbose: { type: 'boolean' }
}

const HELP = `Usage: promotion-gate access --repo OWNER/NAME [options]

Prints the access matrix of the repository: for each environment of the
policy, the branches that may deploy to it, its required reviewers (teams
expanded to members where the token can read them), self-review prevention,
admin bypass, wait timer and custom protection rules; for each branch of the
policy, the approvals it requires, who may bypass them and who may push.
Gaps against the policy are flagged; whatever the token cannot read is named
with the permission that would read it.

Options:
  --repo OWNER/NAME       the repository (required)
  --policy PATH           the policy file in the repository
                          (default: .github/promotion-gate.yml)
  --policy-ref REF        the ref the policy is read from
                          (default: the repository's default branch)
  --api-url URL           REST API base
                          (default: GITHUB_API_URL, else https://api.github.com)
  --graphql-url URL       GraphQL endpoint (default: derived from the API URL)
  --timeout-seconds N     total time for API calls, 1-3600 (default: 120)
  --format md|json|csv    (default: md); json is the baseline of the next
                          review
  --baseline FILE         the last review's matrix (--format json): show
                          what changed since: people and teams given or
                          removed write, maintain or admin, new bypass
                          actors and modes, environments weakened or
                          strengthened (reviewers, deployment branches,
                          admin bypass, wait timer), gaps new and resolved
  --verbose               debug lines on stderr
  -h, --help              show this help

Environment:
  GITHUB_TOKEN, else GH_TOKEN   the token (required; never printed). A token
                                of a repository administrator reads it all;
                                a workflow token cannot read collaborators,
                                teams or ruleset bypass actors.

Exit codes:
  0  printed; no gap against the policy (and, with --baseline, nothing
     opened or left uncompared since it)
  1  printed with gaps, or with access opened since the baseline (a new
     holder, bypass actor or gap, an environment weakened, a change that
     could not be compared), or the matrix could not be made
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
  const format: MatrixFormat = choice(
    NAME,
    'format',
    values.get('format'),
    FORMATS,
    'md'
  )
  const baselineFile = values.get('baseline')
  const baseline =
    baselineFile === undefined
      ? null
      : baselineOption(NAME, baselineFile, `${owner}/${repo}`).matrix
  const { client, logger, stdout, serverUrl } = connect(
    NAME,
    values,
    ctx,
    parsed.flags.has('verbose')
  )
  try {
    const read = await fetchPolicy(client, {
      owner,
      repo,
      policyPath,
      policyRef
    })
    if ('missing' in read.policy) {
      logger.error(`${read.policy.missing}: the matrix flags gaps against it`)
      return EXIT.block
    }
    const policy = loadPolicy(read.policy.text, {
      path: policyPath,
      ref: read.policy.ref,
      blobSha: read.policy.blobSha,
      defaultBranch: read.defaultBranch
    })
    logger.info(
      `reading the access matrix of ${owner}/${repo} (policy ${policyPath} at ${read.policy.ref})`
    )
    const matrix = await accessMatrix({
      github: client,
      repository: {
        owner,
        name: repo,
        url: read.repositoryUrl || `${serverUrl}/${owner}/${repo}`,
        defaultBranch: read.defaultBranch
      },
      policy,
      now: ctx.now()
    })
    const review = baseline === null ? null : reviewAccess(baseline, matrix)
    const rendered = renderMatrix(matrix, format)
    stdout.write(
      review === null
        ? rendered
        : renderReview(matrix, review, format, rendered)
    )
    logger.debug(`${client.requests.length} API requests`)
    let exit: ExitCode = EXIT.ok
    if (matrix.gaps.length > 0) {
      logger.warning(
        `${matrix.gaps.length} gap${matrix.gaps.length === 1 ? '' : 's'} against the policy`
      )
      exit = EXIT.block
    }
    if (review !== null && needsAttention(review)) {
      const opened = review.changes.filter(
        (c) => c.direction !== 'strengthened'
      )
      logger.warning(
        `since the baseline of ${review.baseline}: ${opened.length} change${opened.length === 1 ? '' : 's'} that open access or could not be compared, ${review.newGaps.length} new gap${review.newGaps.length === 1 ? '' : 's'}`
      )
      exit = EXIT.block
    }
    return exit
  } catch (error) {
    const failure = toFailure(error)
    logger.error(
      error instanceof PolicyError
        ? `the policy is not valid:\n${failure.message}`
        : `the access matrix could not be made: ${failure.message}`
    )
    if (failure.hint) logger.info(`hint: ${failure.hint}`)
    return EXIT.block
  }
}

/**
 * The file of a `--baseline` option, or a usage error of `command` saying
 * what is wrong with it (shared by access and audit).
 */
export function baselineOption(
  command: string,
  file: string,
  repository: string
): BaselineFile {
  try {
    return readBaselineFile(file, repository)
  } catch (error) {
    throw new UsageError(
      command,
      `--baseline ${file} ${getErrorMessage(error)}`
    )
  }
}

export const access: Command = {
  name: NAME,
  summary: 'print who may deploy, approve, bypass and push (the access matrix)',
  help: HELP,
  failure: EXIT.block,
  run
}
