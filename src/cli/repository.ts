// What the commands that read a repository share: --repo, --policy and
// --policy-ref checked alike, the token from the environment, and a client
// and logger that never print it.

import { createClient, type GitHubClient } from '../github/client.js'
import type { Logger } from '../engine/index.js'
import { UsageError, type CliContext, type Writer } from './command.js'
import { endpoints, timeoutOf } from './endpoints.js'
import { printable, redacting, stderrLogger } from './output.js'

type Env = Record<string, string | undefined>

const NAME_PART = /^[A-Za-z0-9_.-]+$/

/** `--repo OWNER/NAME`, required. */
export function repoOption(
  command: string,
  value: string | undefined
): { owner: string; repo: string } {
  const repository = value?.trim() ?? ''
  const [owner = '', repo = '', extra] = repository.split('/')
  if (
    extra !== undefined ||
    !NAME_PART.test(owner) ||
    !NAME_PART.test(repo) ||
    repo === '.' ||
    repo === '..'
  ) {
    throw new UsageError(
      command,
      repository === ''
        ? '--repo is required'
        : `--repo must be OWNER/NAME, not "${printable(repository)}"`
    )
  }
  return { owner, repo }
}

/** `--policy` (a path inside the repository) and `--policy-ref` (a git ref). */
export function policyOptions(
  command: string,
  values: Map<string, string>
): { policyPath: string; policyRef: string | null } {
  const policyPath = values.get('policy') ?? '.github/promotion-gate.yml'
  if (
    policyPath.startsWith('/') ||
    policyPath.split('/').some((p) => p === '..' || p === '.' || p === '') ||
    policyPath.includes(':')
  ) {
    throw new UsageError(
      command,
      `--policy must be a path inside the repository such as .github/promotion-gate.yml, not "${printable(policyPath)}"`
    )
  }
  const policyRef = values.get('policy-ref') ?? ''
  if (
    values.has('policy-ref') &&
    (policyRef === '' ||
      /[\s:~^?*[\\]/.test(policyRef) ||
      policyRef.includes('..'))
  ) {
    throw new UsageError(
      command,
      `--policy-ref is not a valid git ref: "${printable(policyRef)}"`
    )
  }
  return { policyPath, policyRef: values.has('policy-ref') ? policyRef : null }
}

/** GITHUB_TOKEN, else GH_TOKEN (as gh reads them); blank counts as unset. */
export function readToken(command: string, env: Env): string {
  const token = env.GITHUB_TOKEN?.trim() || env.GH_TOKEN?.trim() || ''
  if (token === '') {
    throw new UsageError(
      command,
      'no token: set GITHUB_TOKEN or GH_TOKEN to a token that can read the repository'
    )
  }
  return token
}

export interface Session {
  client: GitHubClient
  logger: Logger
  /** stdout and stderr that blank the token */
  stdout: Writer
  stderr: Writer
  /** web UI base, e.g. https://github.com */
  serverUrl: string
}

/** The client, logger and streams of a command that reads GitHub. */
export function connect(
  command: string,
  values: Map<string, string>,
  ctx: CliContext,
  verbose: boolean,
  /** time it may also spend waiting for GitHub's budget (audit --max-wait) */
  waitMs = 0
): Session {
  const { apiUrl, graphqlUrl, serverUrl } = endpoints(command, values, ctx.env)
  const timeoutSeconds = timeoutOf(command, values)
  const token = readToken(command, ctx.env)
  const stdout = redacting(ctx.stdout, [token])
  const stderr = redacting(ctx.stderr, [token])
  const logger = stderrLogger(stderr, verbose)
  const client = (ctx.client ?? createClient)({
    token,
    apiUrl,
    graphqlUrl,
    logger,
    timeoutMs: timeoutSeconds * 1000 + waitMs
  })
  return { client, logger, stdout, stderr, serverUrl }
}
