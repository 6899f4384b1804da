// `promotion-gate serve`: the GitHub App's webhook server (SPEC §2,
// deployment protection rule). Configured by environment variables; --port
// and --host override PORT and HOST. Runs until SIGTERM or SIGINT, then
// stops accepting, finishes the decisions in flight (bounded) and exits 0.

import { parseCommandArgs, type OptionSpec } from './args.js'
import {
  EXIT,
  UsageError,
  type CliContext,
  type Command,
  type ExitCode
} from './command.js'
import { DEFAULTS, ENV, parseConfig } from '../server/config.js'
import { jsonLogger } from '../server/log.js'
import { HEALTH_PATH, startServer } from '../server/server.js'
import { errorText, printable } from './output.js'

const NAME = 'serve'

const OPTIONS: Record<string, OptionSpec> = {
  port: { type: 'string' },
  host: { type: 'string' },
  verbose: { type: 'boolean' }
}

const HELP = `Usage: promotion-gate serve [--port N] [--host ADDRESS] [--verbose]

Runs the GitHub App that answers deployment_protection_rule webhooks: GitHub
asks it before any job deploys to an environment that has the App as a
custom protection rule, whatever the workflow says. Each delivery's
signature is checked, the App mints an installation token, the same engine
as the action decides, and the App approves or rejects the deployment with
a comment naming each violation.

Endpoints:
  POST ${DEFAULTS.webhookPath}  webhook deliveries (path: WEBHOOK_PATH)
  GET  ${HEALTH_PATH}              200 {"status":"ok",...} with counts;
                             503 while shutting down

Options:
  --port N        port to listen on, 0-65535 (default: PORT, else ${DEFAULTS.port})
  --host ADDRESS  address to listen on (default: HOST, else ${DEFAULTS.host})
  --verbose       debug lines in the log (as LOG_LEVEL=debug)
  -h, --help      show this help

Environment (required):
  ${ENV.appId}                the App's ID
  ${ENV.privateKey}           the App's private key (PEM), or
  ${ENV.privateKeyPath}      the path of its .pem file
  ${ENV.webhookSecret}        the App's webhook secret
Environment (optional):
  ${ENV.apiUrl}        REST API (default: https://api.github.com)
  ${ENV.graphqlUrl}    GraphQL (default: derived from GITHUB_API_URL)
  ${ENV.serverUrl}     web UI (default: derived from GITHUB_API_URL)
  ${ENV.policy}
                        policy path (default: ${DEFAULTS.policy})
  ${ENV.evidenceDir}
                        directory for one evidence JSON per decision
  ${ENV.timeout}
                        API time per decision, retries included (${DEFAULTS.timeoutSeconds})
  ${ENV.shutdown}
                        grace for decisions in flight on SIGTERM (${DEFAULTS.shutdownSeconds})
  ${ENV.concurrency}
                        decisions computed at once (${DEFAULTS.concurrency})
  ${ENV.webhookPath}          (default: ${DEFAULTS.webhookPath})
  ${ENV.logLevel}             debug, info, warning or error (default: ${DEFAULTS.logLevel})

The log is JSON lines on stdout; the key, the secret and tokens never
appear in it. A second SIGINT stops at once.

Exit codes:
  0  stopped by SIGTERM or SIGINT
  2  missing or invalid configuration (or the port could not be opened)
`

/** Something to wait on for a stop signal; the process in production. */
export interface Signals {
  once(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown
  off(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown
}

let signals: Signals = process

/** Tests replace the process's signals with their own emitter. */
export function useSignals(s: Signals): void {
  signals = s
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
  const config = parseConfig(ctx.env, {
    port: parsed.strings.get('port'),
    host: parsed.strings.get('host')
  })
  const logger = jsonLogger(ctx.stdout, {
    level: parsed.flags.has('verbose') ? 'debug' : config.logLevel,
    now: ctx.now,
    secrets: [config.webhookSecret, config.privateKey]
  })
  let server
  try {
    server = await startServer({ config, logger })
  } catch (error) {
    throw new UsageError(
      NAME,
      `cannot listen on ${printable(config.host)}:${config.port}: ${printable(errorText(error))}`
    )
  }
  const signal = await new Promise<string>((resolve) => {
    const term = (): void => finish('SIGTERM')
    const int = (): void => finish('SIGINT')
    const finish = (name: string): void => {
      signals.off('SIGTERM', term)
      signals.off('SIGINT', int)
      resolve(name)
    }
    signals.once('SIGTERM', term)
    signals.once('SIGINT', int)
  })
  logger.info(`${signal}: stopping`)
  await server.shutdown()
  return EXIT.ok
}

export const serve: Command = {
  name: NAME,
  summary: 'run the GitHub App that answers deployment protection rules',
  help: HELP,
  failure: EXIT.usage,
  run
}
