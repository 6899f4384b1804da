// Every input and runner variable the action reads, parsed strictly in one
// place (STYLE habit 2). A bad value is an InputError naming the input; no
// typo silently becomes a default.

import { readFileSync } from 'node:fs'
import {
  InputError,
  makeRequest,
  parseDuration,
  type EngineRequest
} from '../engine/start.js'

export const INPUTS = {
  environment: 'environment',
  sha: 'sha',
  policy: 'policy',
  policyRef: 'policy-ref',
  token: 'token',
  mode: 'mode',
  auditSince: 'audit-since',
  auditExceptions: 'audit-exceptions',
  auditBaseline: 'audit-baseline',
  timeoutSeconds: 'timeout-seconds',
  commitStatus: 'commit-status',
  breakGlassReason: 'break-glass-reason',
  evidenceArtifact: 'evidence-artifact',
  evidenceRetentionDays: 'evidence-retention-days',
  attest: 'attest',
  subjectDigest: 'subject-digest',
  subjectName: 'subject-name'
} as const

export const OUTPUTS = {
  decision: 'decision',
  violations: 'violations',
  evidenceFile: 'evidence-file',
  evidenceUrl: 'evidence-url',
  summary: 'summary',
  attestationId: 'attestation-id',
  attestationUrl: 'attestation-url',
  attestationBundle: 'attestation-bundle'
} as const

export type Mode = 'enforce' | 'report' | 'audit'
const MODES: readonly Mode[] = ['enforce', 'report', 'audit']

export interface ActionInputs {
  request: EngineRequest
  token: string
  mode: Mode
  auditSince: string
  /** mode audit: `fail` the step when the audit finds exceptions, or only `report` them */
  auditExceptions: 'fail' | 'report'
  /** mode audit: the last review's access.json, as given; null: no access review */
  auditBaseline: string | null
  timeoutSeconds: number
  commitStatus: boolean
  /** the same as `request.breakGlassReason` */
  breakGlassReason: string | null
  /** upload the evidence record as an artifact of the run */
  evidenceArtifact: boolean
  /** null: the repository's artifact retention */
  evidenceRetentionDays: number | null
  /** sign the decision and store it as an attestation (SPEC §10) */
  attest: boolean
  /** the artifact deployed, a subject of the signed decision */
  subject: { name: string; sha256: string } | null
  apiUrl: string
  graphqlUrl: string | null
  /** where the environment and sha came from, for the evidence */
  sources: { environment: string; sha: string }
}

type Env = Record<string, string | undefined>

/** As @actions/core reads it: INPUT_<NAME> with spaces as underscores, hyphens kept. */
export function readInput(env: Env, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

// YAML 1.2 core-schema booleans, as core.getBooleanInput accepts them.
const TRUE = ['true', 'True', 'TRUE']
const FALSE = ['false', 'False', 'FALSE']

function booleanInput(env: Env, name: string, fallback: boolean): boolean {
  const raw = readInput(env, name)
  if (raw === '') return fallback
  if (TRUE.includes(raw)) return true
  if (FALSE.includes(raw)) return false
  throw new InputError(`input ${name} must be true or false, not "${raw}"`)
}

const SHA = /^[0-9a-f]{40}$/

interface EventDefaults {
  environment: string | null
  sha: string | null
  deployer: string | null
}

/** The few fields the gate takes from the event payload, type-checked. */
export function readEvent(path: string | undefined): EventDefaults {
  const none = { environment: null, sha: null, deployer: null }
  if (path === undefined || path === '') return none
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return none // the runner always writes it; outside the runner it may be absent
  }
  let payload: unknown
  try {
    payload = JSON.parse(text)
  } catch {
    throw new InputError(
      `the event payload at GITHUB_EVENT_PATH is not valid JSON`
    )
  }
  if (
    typeof payload !== 'object' ||
    payload === null ||
    Array.isArray(payload)
  ) {
    throw new InputError(
      'the event payload at GITHUB_EVENT_PATH is not a JSON object'
    )
  }
  const event = payload as Record<string, unknown>
  const deployment = event.deployment
  if (deployment === undefined || deployment === null) return none
  if (typeof deployment !== 'object' || Array.isArray(deployment)) {
    throw new InputError(
      'the event payload has a "deployment" that is not an object'
    )
  }
  const d = deployment as Record<string, unknown>
  const field = (key: string): string | null => {
    const v = d[key]
    if (v === undefined || v === null) return null
    if (typeof v !== 'string') {
      throw new InputError(
        `the event payload's deployment.${key} is not a string`
      )
    }
    return v
  }
  const creator = d.creator
  const creatorLogin =
    typeof creator === 'object' &&
    creator !== null &&
    typeof (creator as { login?: unknown }).login === 'string'
      ? (creator as { login: string }).login
      : null
  return {
    environment: field('environment'),
    sha: field('sha'),
    deployer: creatorLogin
  }
}

function positiveInt(
  env: Env,
  name: string,
  fallback: number,
  max: number
): number {
  const raw = readInput(env, name)
  if (raw === '') return fallback
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw new InputError(
      `input ${name} must be a whole number from 1 to ${max}, not "${raw}"`
    )
  }
  return Number(raw)
}

/** A run id or attempt: a whole number JavaScript holds exactly, else none. */
function optionalInt(value: string | undefined): number | null {
  if (value === undefined || !/^\d+$/.test(value)) return null
  const n = Number(value)
  return Number.isSafeInteger(n) ? n : null
}

export function parseInputs(env: Env): ActionInputs {
  const event = readEvent(env.GITHUB_EVENT_PATH)

  const repository = env.GITHUB_REPOSITORY ?? ''
  const [owner, repo, extra] = repository.split('/')
  if (
    owner === undefined ||
    repo === undefined ||
    extra !== undefined ||
    owner === '' ||
    repo === ''
  ) {
    throw new InputError(
      `GITHUB_REPOSITORY must be OWNER/NAME, not "${repository}"`
    )
  }

  const token = readInput(env, INPUTS.token)
  if (token === '') {
    throw new InputError(`input ${INPUTS.token} is empty`, {
      hint: 'Pass `token: ${{ github.token }}` (the default) or a token with read access.'
    })
  }

  let environment = readInput(env, INPUTS.environment)
  let environmentSource = 'input environment'
  if (environment === '' && event.environment !== null) {
    environment = event.environment
    environmentSource = 'event deployment.environment'
  }
  if (environment === '') {
    throw new InputError(
      `input ${INPUTS.environment} is empty and the event has no deployment.environment`,
      { hint: 'Set `environment:` to the environment this job deploys to.' }
    )
  }

  let sha = readInput(env, INPUTS.sha)
  let shaSource = 'input sha'
  if (sha === '') {
    if (event.sha !== null) {
      sha = event.sha
      shaSource = 'event deployment.sha'
    } else {
      sha = env.GITHUB_SHA ?? ''
      shaSource = 'GITHUB_SHA'
    }
  }
  if (/^[0-9A-Fa-f]{40}$/.test(sha)) sha = sha.toLowerCase()
  if (!SHA.test(sha)) {
    throw new InputError(
      `the commit to deploy must be a full 40-character hex sha; ${shaSource} is "${sha.slice(0, 60)}"`
    )
  }

  const policyPath =
    readInput(env, INPUTS.policy) || '.github/promotion-gate.yml'
  if (
    policyPath.startsWith('/') ||
    policyPath.split('/').some((p) => p === '..' || p === '.' || p === '') ||
    policyPath.includes(':')
  ) {
    throw new InputError(
      `input ${INPUTS.policy} must be a path inside the repository such as .github/promotion-gate.yml, not "${policyPath}"`
    )
  }
  const policyRef = readInput(env, INPUTS.policyRef)
  if (
    policyRef !== '' &&
    (/[\s:~^?*[\\]/.test(policyRef) || policyRef.includes('..'))
  ) {
    throw new InputError(
      `input ${INPUTS.policyRef} is not a valid git ref: "${policyRef}"`
    )
  }

  const mode = readInput(env, INPUTS.mode) || 'enforce'
  if (!MODES.includes(mode as Mode)) {
    throw new InputError(
      `input ${INPUTS.mode} must be one of ${MODES.join(', ')}, not "${mode}"`
    )
  }

  const auditSince = readInput(env, INPUTS.auditSince) || '30d'
  if (Number.isNaN(Date.parse(auditSince))) {
    try {
      parseDuration(auditSince)
    } catch {
      throw new InputError(
        `input ${INPUTS.auditSince} must be a date (2026-01-31) or a duration (30d), not "${auditSince}"`
      )
    }
  }

  const auditExceptions = readInput(env, INPUTS.auditExceptions) || 'fail'
  if (auditExceptions !== 'fail' && auditExceptions !== 'report') {
    throw new InputError(
      `input ${INPUTS.auditExceptions} must be fail or report, not "${auditExceptions}"`
    )
  }

  const breakGlass = readInput(env, INPUTS.breakGlassReason)
  return {
    request: makeRequest({
      owner,
      repo,
      environment,
      sha,
      policyPath,
      policyRef,
      deployer:
        env.GITHUB_TRIGGERING_ACTOR ||
        env.GITHUB_ACTOR ||
        event.deployer ||
        null,
      run: {
        id: optionalInt(env.GITHUB_RUN_ID),
        attempt: optionalInt(env.GITHUB_RUN_ATTEMPT),
        actor: env.GITHUB_ACTOR,
        triggeringActor: env.GITHUB_TRIGGERING_ACTOR
      },
      serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
      breakGlassReason: breakGlass,
      event: env.GITHUB_EVENT_NAME || null
    }),
    token,
    mode: mode as Mode,
    auditSince,
    auditExceptions,
    auditBaseline: readInput(env, INPUTS.auditBaseline) || null,
    timeoutSeconds: positiveInt(env, INPUTS.timeoutSeconds, 120, 3600),
    commitStatus: booleanInput(env, INPUTS.commitStatus, false),
    breakGlassReason: breakGlass === '' ? null : breakGlass,
    evidenceArtifact: booleanInput(env, INPUTS.evidenceArtifact, true),
    // At least 1 day; GitHub keeps artifacts 90 days unless the repository,
    // organisation or enterprise sets another period (up to 400 days for
    // private repositories); a longer value is cut to that setting
    // (@actions/artifact retention.ts reads GITHUB_RETENTION_DAYS).
    // github.com/actions/upload-artifact/pull/126, docs.github.com/en/actions/managing-workflow-runs/removing-workflow-artifacts
    evidenceRetentionDays:
      readInput(env, INPUTS.evidenceRetentionDays) === ''
        ? null
        : positiveInt(env, INPUTS.evidenceRetentionDays, 90, 400),
    ...attestInputs(env),
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    graphqlUrl: env.GITHUB_GRAPHQL_URL || null,
    sources: { environment: environmentSource, sha: shaSource }
  }
}

/** attest, subject-digest and subject-name: a subject only to sign. */
function attestInputs(env: Env): Pick<ActionInputs, 'attest' | 'subject'> {
  const attest = booleanInput(env, INPUTS.attest, false)
  const digest = readInput(env, INPUTS.subjectDigest)
  const name = readInput(env, INPUTS.subjectName)
  if (digest === '') {
    if (name !== '') {
      throw new InputError(
        `input ${INPUTS.subjectName} is set without ${INPUTS.subjectDigest}: name the artifact's digest too`
      )
    }
    return { attest, subject: null }
  }
  const hex = /^sha256:([0-9a-fA-F]{64})$/.exec(digest)?.[1]
  if (hex === undefined) {
    throw new InputError(
      `input ${INPUTS.subjectDigest} must be sha256: and 64 hex characters (as docker inspect and registries give an image digest), not "${digest.slice(0, 80)}"`
    )
  }
  if (!attest) {
    throw new InputError(
      `input ${INPUTS.subjectDigest} is a subject of the signed decision: set ${INPUTS.attest}: true, or remove it`
    )
  }
  const sha256 = hex.toLowerCase()
  return { attest, subject: { name: name || `sha256:${sha256}`, sha256 } }
}
