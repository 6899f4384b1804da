// What the engine is asked: which commit, to which environment, under which
// policy, by whom. Every adapter (action, CLI, App server, audit) builds it
// through `makeRequest`, so the same question is asked the same way.

import { InputError } from './errors.js'

export interface RunRecord {
  id: number | null
  attempt: number | null
  url: string | null
  /** `github.actor`: who started the run */
  actor: string | null
  /** `github.triggering_actor`: who started this attempt (a re-run) */
  triggeringActor: string | null
}

export interface EngineRequest {
  readonly owner: string
  readonly repo: string
  readonly environment: string
  /** 40 lowercase hex */
  readonly sha: string
  readonly policyPath: string
  /** null: the repository's default branch */
  readonly policyRef: string | null
  readonly deployer: string | null
  readonly run: Readonly<RunRecord>
  /** web UI base, e.g. https://github.com */
  readonly serverUrl: string
  /** SPEC §5.7: the emergency path's reason; null for a normal decision */
  readonly breakGlassReason: string | null
  /**
   * `github.event_name` of the run that deploys (SPEC §4 `allowed_events`);
   * null: no run, or the caller does not know it
   */
  readonly event?: string | null
}

export interface RequestSpec {
  owner: string
  repo: string
  environment: string
  sha: string
  policyPath: string
  policyRef?: string | null
  /** the run that deploys, when there is one; its url is derived */
  run?: {
    id: number | null
    attempt?: number | null
    url?: string | null
    actor?: string | null
    triggeringActor?: string | null
  } | null
  /**
   * Who deploys, as messages name them. Absent: the run's triggering actor,
   * else its actor. Null: nobody known. The rules count the run's actor and
   * triggering actor as deployers too: a re-run keeps the privileges of
   * whoever started the run (rules/makers.ts deployersOf).
   */
  deployer?: string | null
  serverUrl?: string
  breakGlassReason?: string | null
  /** `GITHUB_EVENT_NAME`, or the workflow run's `event` */
  event?: string | null
}

const SHA = /^[0-9a-f]{40}$/i

/** The one constructor of an EngineRequest; refuses what no adapter may ask. */
export function makeRequest(spec: RequestSpec): EngineRequest {
  if (!SHA.test(spec.sha)) {
    throw new InputError(
      `the commit must be a full 40-character hex sha, not "${spec.sha.slice(0, 60)}"`
    )
  }
  if (spec.environment.trim() === '') {
    throw new InputError('the environment must be named')
  }
  const serverUrl = (spec.serverUrl ?? 'https://github.com').replace(/\/+$/, '')
  const run = spec.run ?? null
  const id = run?.id ?? null
  const record: RunRecord = {
    id,
    attempt: id === null ? null : (run?.attempt ?? null),
    url:
      run?.url ??
      (id === null
        ? null
        : `${serverUrl}/${spec.owner}/${spec.repo}/actions/runs/${id}`),
    actor: run?.actor || null,
    triggeringActor: run?.triggeringActor || null
  }
  const deployer =
    spec.deployer === undefined
      ? (record.triggeringActor ?? record.actor)
      : spec.deployer || null
  const reason = spec.breakGlassReason ?? null
  return Object.freeze({
    owner: spec.owner,
    repo: spec.repo,
    environment: spec.environment,
    sha: spec.sha.toLowerCase(),
    policyPath: spec.policyPath,
    policyRef: spec.policyRef || null,
    deployer,
    run: Object.freeze(record),
    serverUrl,
    breakGlassReason: reason === '' ? null : reason,
    event: spec.event || null
  })
}
