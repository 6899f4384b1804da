// Configuration of `promotion-gate serve`, from environment variables (the
// names Probot uses where one exists) and the --port / --host options,
// parsed strictly into one typed object. Any missing or invalid value is a
// UsageError naming the variable: the command prints one line and exits 2.
// The private key and the webhook secret are never part of a message.

import { createPrivateKey } from 'node:crypto'
import { accessSync, constants, mkdirSync, readFileSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { UsageError } from '../cli/command.js'
import { endpoints } from '../cli/endpoints.js'
import { errorText, printable } from '../cli/output.js'

type Env = Record<string, string | undefined>

export const COMMAND = 'serve'

/** Every variable the server reads, by name, for the help and the README. */
export const ENV = {
  appId: 'APP_ID',
  privateKey: 'PRIVATE_KEY',
  privateKeyPath: 'PRIVATE_KEY_PATH',
  webhookSecret: 'WEBHOOK_SECRET',
  webhookPath: 'WEBHOOK_PATH',
  port: 'PORT',
  host: 'HOST',
  apiUrl: 'GITHUB_API_URL',
  graphqlUrl: 'GITHUB_GRAPHQL_URL',
  serverUrl: 'GITHUB_SERVER_URL',
  policy: 'PROMOTION_GATE_POLICY',
  evidenceDir: 'PROMOTION_GATE_EVIDENCE_DIR',
  timeout: 'PROMOTION_GATE_TIMEOUT_SECONDS',
  shutdown: 'PROMOTION_GATE_SHUTDOWN_SECONDS',
  concurrency: 'PROMOTION_GATE_CONCURRENCY',
  logLevel: 'LOG_LEVEL'
} as const

export const LOG_LEVELS = ['debug', 'info', 'warning', 'error'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

export const DEFAULTS = {
  port: 3000,
  host: '0.0.0.0',
  webhookPath: '/api/github/webhooks',
  policy: '.github/promotion-gate.yml',
  timeoutSeconds: 120,
  shutdownSeconds: 30,
  concurrency: 32,
  logLevel: 'info' as LogLevel
} as const

export interface ServerConfig {
  /** the App's numeric id or its client id (Iv…) */
  appId: string
  /** PEM; never logged */
  privateKey: string
  /** never logged */
  webhookSecret: string
  webhookPath: string
  port: number
  host: string
  apiUrl: string
  graphqlUrl: string
  serverUrl: string
  policyPath: string
  /** null: evidence is validated but not written */
  evidenceDir: string | null
  /** total time for one decision's API calls, retries included */
  timeoutSeconds: number
  /** how long SIGTERM waits for decisions in flight */
  shutdownSeconds: number
  /** decisions computed at the same time; more wait their turn */
  concurrency: number
  logLevel: LogLevel
}

function usage(message: string): UsageError {
  return new UsageError(COMMAND, message)
}

function value(env: Env, name: string): string | undefined {
  const v = env[name]?.trim()
  return v === undefined || v === '' ? undefined : v
}

function wholeNumber(
  raw: string,
  label: string,
  min: number,
  max: number
): number {
  const n = Number(raw)
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw usage(
      `${label} must be a whole number from ${min} to ${max}, not "${printable(raw.slice(0, 40))}"`
    )
  }
  return n
}

/**
 * The App's private key: PRIVATE_KEY (the PEM itself, real or `\n`-escaped
 * newlines, as a secret store may hold it) or PRIVATE_KEY_PATH (the file
 * GitHub's "Generate a private key" downloads), exactly one of them. Checked
 * to be an RSA private key, since GitHub signs App JWTs with RS256.
 */
function readPrivateKey(env: Env, readFile: (path: string) => string): string {
  const raw = env[ENV.privateKey] ?? ''
  const inline = raw.trim() === '' ? '' : raw
  const path = value(env, ENV.privateKeyPath)
  if (inline !== '' && path !== undefined) {
    throw usage(
      `set ${ENV.privateKey} or ${ENV.privateKeyPath}, not both (which one would be meant is not clear)`
    )
  }
  let pem: string
  let source: string
  if (inline !== '') {
    pem = inline.includes('\\n') ? inline.replace(/\\n/g, '\n') : inline
    source = ENV.privateKey
  } else if (path !== undefined) {
    source = `${ENV.privateKeyPath} (${printable(path)})`
    try {
      pem = readFile(path)
    } catch (error) {
      throw usage(
        `${ENV.privateKeyPath}: cannot read ${printable(path)}: ${printable(errorText(error))}`
      )
    }
  } else {
    throw usage(
      `no private key: set ${ENV.privateKey} to the App's private key (PEM) or ${ENV.privateKeyPath} to its file`
    )
  }
  let type: string | undefined
  try {
    type = createPrivateKey(pem).asymmetricKeyType
  } catch {
    // the parser's message may quote the input; say what is expected instead
    throw usage(
      `${source} is not a PEM private key; use the .pem file GitHub generates for the App (it begins with -----BEGIN RSA PRIVATE KEY-----)`
    )
  }
  if (type !== 'rsa') {
    throw usage(
      `${source} is not an RSA key (it is ${type ?? 'of an unknown type'}); GitHub App keys are RSA (the .pem file GitHub generates for the App)`
    )
  }
  return pem
}

function policyPathOf(env: Env): string {
  const p = value(env, ENV.policy) ?? DEFAULTS.policy
  if (
    p.startsWith('/') ||
    p.split('/').some((s) => s === '..' || s === '.' || s === '') ||
    p.includes(':')
  ) {
    throw usage(
      `${ENV.policy} must be a path inside the repository such as ${DEFAULTS.policy}, not "${printable(p)}"`
    )
  }
  return p
}

/** Created when missing, and checked writable now rather than per decision. */
function evidenceDirOf(env: Env): string | null {
  const raw = value(env, ENV.evidenceDir)
  if (raw === undefined) return null
  const dir = isAbsolute(raw) ? raw : resolve(raw)
  try {
    mkdirSync(dir, { recursive: true })
    accessSync(dir, constants.W_OK)
  } catch (error) {
    throw usage(
      `${ENV.evidenceDir}: ${printable(dir)} is not a writable directory: ${printable(errorText(error))}`
    )
  }
  return dir
}

export interface ConfigOverrides {
  port?: string
  host?: string
}

/** Every setting checked; the first problem is thrown as a UsageError. */
export function parseConfig(
  env: Env,
  overrides: ConfigOverrides = {},
  readFile: (path: string) => string = (p) => readFileSync(p, 'utf8')
): ServerConfig {
  const appId = value(env, ENV.appId)
  if (appId === undefined) {
    throw usage(
      `${ENV.appId} is not set: give the App's ID (a number, on the App's settings page)`
    )
  }
  if (!/^[1-9]\d{0,15}$/.test(appId) && !/^Iv[0-9A-Za-z.]{4,60}$/.test(appId)) {
    throw usage(
      `${ENV.appId} must be the App's numeric ID or its client ID (Iv…), not "${printable(appId.slice(0, 40))}"`
    )
  }
  const privateKey = readPrivateKey(env, readFile)
  // A secret is compared as given: surrounding spaces are part of it.
  const webhookSecret = env[ENV.webhookSecret] ?? ''
  if (webhookSecret.trim() === '') {
    throw usage(
      `${ENV.webhookSecret} is not set: give the App's webhook secret; without it no delivery can be verified`
    )
  }

  const webhookPath = value(env, ENV.webhookPath) ?? DEFAULTS.webhookPath
  if (!/^\/[A-Za-z0-9._~/-]*$/.test(webhookPath)) {
    throw usage(
      `${ENV.webhookPath} must be a URL path such as ${DEFAULTS.webhookPath}, not "${printable(webhookPath)}"`
    )
  }
  if (webhookPath === '/healthz') {
    throw usage(`${ENV.webhookPath} cannot be /healthz, the health endpoint`)
  }

  const portRaw = overrides.port ?? value(env, ENV.port)
  const port =
    portRaw === undefined
      ? DEFAULTS.port
      : wholeNumber(
          portRaw,
          overrides.port !== undefined ? '--port' : ENV.port,
          0,
          65535
        )
  const host = overrides.host ?? value(env, ENV.host) ?? DEFAULTS.host
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(host)) {
    throw usage(
      `${overrides.host !== undefined ? '--host' : ENV.host} must be a host name or IP address, not "${printable(host)}"`
    )
  }

  const { apiUrl, graphqlUrl, serverUrl } = endpoints(COMMAND, new Map(), env)

  const timeoutRaw = value(env, ENV.timeout)
  const shutdownRaw = value(env, ENV.shutdown)
  const concurrencyRaw = value(env, ENV.concurrency)
  const level = value(env, ENV.logLevel)?.toLowerCase() ?? DEFAULTS.logLevel
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw usage(
      `${ENV.logLevel} must be one of ${LOG_LEVELS.join(', ')}, not "${printable(level)}"`
    )
  }

  return {
    appId,
    privateKey,
    webhookSecret,
    webhookPath,
    port,
    host,
    apiUrl,
    graphqlUrl,
    serverUrl,
    policyPath: policyPathOf(env),
    evidenceDir: evidenceDirOf(env),
    timeoutSeconds:
      timeoutRaw === undefined
        ? DEFAULTS.timeoutSeconds
        : wholeNumber(timeoutRaw, ENV.timeout, 1, 3600),
    shutdownSeconds:
      shutdownRaw === undefined
        ? DEFAULTS.shutdownSeconds
        : wholeNumber(shutdownRaw, ENV.shutdown, 0, 3600),
    concurrency:
      concurrencyRaw === undefined
        ? DEFAULTS.concurrency
        : wholeNumber(concurrencyRaw, ENV.concurrency, 1, 1000),
    logLevel: level as LogLevel
  }
}
