// One delivery's decision, in the background after the webhook was answered:
// installation token -> the run (who deploys) -> the engine -> evidence ->
// the verdict through the run's callback. Fail closed: whatever cannot be
// verified is `rejected` with the reason in the comment. The verdict is
// posted at most once per delivery, retried within a bounded time.

import { writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import {
  createAppAuth,
  type InstallationAccessTokenAuthentication
} from '@octokit/auth-app'
import { Octokit } from '@octokit/core'
import { RequestError } from '@octokit/request-error'
import {
  cannotDecide,
  evaluate,
  getErrorMessage,
  GitHubApiError,
  makeRequest,
  readRun,
  recordEvidence,
  toFailure,
  type Decision,
  type RequestSpec,
  type RunRecord
} from '../engine/index.js'
import {
  proxyFetch,
  USER_AGENT,
  type ClientOptions,
  type GitHubClient
} from '../github/client.js'
import { violations } from '../report/summary.js'
import { renderComment, renderFailureComment } from './comment.js'
import type { ServerConfig } from './config.js'
import type { ServerLogger } from './log.js'
import type { CallbackTarget, DeploymentRequest } from './payload.js'

/** Installation tokens, minted and cached by @octokit/auth-app. */
export interface TokenSource {
  /**
   * A token of the installation narrowed to `repo`, valid for at least
   * `validForMs` more; `refresh` mints a new one whatever the cache holds.
   */
  token(
    installationId: number,
    repo: string,
    o: { validForMs: number; refresh?: boolean }
  ): Promise<string>
}

/** How long one attempt to mint a token or post the verdict may take. */
const ATTEMPT_MS = 10_000

/**
 * The App's tokens, through @octokit/auth-app with its `request` pointed at
 * the configured API (GHES, the simulator) and its proxy.
 */
export function appTokens(
  config: Pick<ServerConfig, 'appId' | 'privateKey' | 'apiUrl'>,
  logger: ServerLogger
): TokenSource {
  const base = proxyFetch(config.apiUrl) ?? globalThis.fetch
  const request = new Octokit({
    baseUrl: config.apiUrl,
    userAgent: USER_AGENT,
    request: {
      fetch: ((input, init) =>
        base(input, {
          ...init,
          signal: AbortSignal.timeout(ATTEMPT_MS)
        })) as typeof fetch
    }
  }).request
  const auth = createAppAuth({
    // GitHub wants a numeric `iss` for an App id; a client id stays a string.
    appId: /^\d+$/.test(config.appId) ? Number(config.appId) : config.appId,
    privateKey: config.privateKey,
    request,
    log: { warn: (m: string) => logger.warning(m) }
  })
  return {
    async token(installationId, repo, o) {
      const mint = (
        refresh: boolean
      ): Promise<InstallationAccessTokenAuthentication> =>
        auth({
          type: 'installation',
          installationId,
          repositoryNames: [repo],
          refresh
        })
      let a = await mint(o.refresh === true)
      if (Date.parse(a.expiresAt) - Date.now() < o.validForMs) {
        a = await mint(true)
      }
      return a.token
    }
  }
}

/** One accepted delivery and its fate. */
export interface Delivery {
  /** X-GitHub-Delivery */
  id: string
  receivedAt: number
  target: CallbackTarget
  /** null when the payload could not be read past the target */
  deployment: DeploymentRequest | null
  /** set: reject with this reason, without asking the engine */
  problem: string | null
}

export type Verdict = 'approved' | 'rejected'

export interface Outcome {
  /** null: no verdict could be posted */
  state: Verdict | null
  violations: string[]
  comment: string | null
  evidence: string | null
  /** API requests of the decision (token and callback not counted) */
  requests: number
  /** from delivery to verdict posted (or given up) */
  ms: number
  error: string | null
}

export interface DecideDeps {
  config: ServerConfig
  tokens: TokenSource
  /** the engine's client; tests wrap it to see the token */
  client: (options: ClientOptions) => GitHubClient
  logger: ServerLogger
  now: () => Date
  /** time to keep retrying the callback (and the token it needs) */
  callbackBudgetMs: number
  /** back-off base of retries; tests shrink it */
  retryBaseMs: number
}

const sleep = (ms: number): Promise<void> =>
  new Promise<void>((r) => setTimeout(r, Math.max(0, ms)))

function statusOf(error: unknown): number | undefined {
  return error instanceof GitHubApiError || error instanceof RequestError
    ? error.status
    : undefined
}

/** Worth minting again: no answer, a server error, a rate limit. */
function transient(error: unknown): boolean {
  const status = statusOf(error)
  return (
    status === undefined || status === 408 || status === 429 || status >= 500
  )
}

/** Worth posting again: as above, or a 401 (a token not yet replicated). */
function retryablePost(error: unknown): boolean {
  return transient(error) || statusOf(error) === 401
}

/** What a failed token mint means, in words an operator can act on. */
function tokenError(error: unknown, d: Delivery): string {
  const t = d.target
  if (error instanceof RequestError) {
    switch (error.status) {
      case 401:
        return `GitHub refused the App's JWT (401): check APP_ID, the private key and this server's clock`
      case 403:
        return `GitHub refused an installation token (403): the installation ${t.installationId} may be suspended`
      case 404:
        return `installation ${t.installationId} of this App was not found (404): is the App installed, and is APP_ID the App that receives these webhooks?`
      case 422:
        return `installation ${t.installationId} does not reach ${t.owner}/${t.repo} (422): add the repository to the App's installation`
      default:
        return `minting an installation token failed with ${error.status}: ${error.message}`
    }
  }
  return `minting an installation token failed: ${getErrorMessage(error)}`
}

function safe(part: string): string {
  return part.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100)
}

/**
 * The work of one delivery. `run()` decides and answers; `abandon()`, when
 * the server must stop first, answers `rejected` instead. Whichever answers
 * first wins; the other does nothing.
 */
export class Job {
  private answered = false
  private abandoned = false
  private token: string | null = null
  private minting: Promise<string> | null = null

  constructor(
    readonly delivery: Delivery,
    private readonly deps: DecideDeps,
    readonly log: ServerLogger
  ) {}

  /** a verdict was posted, is being posted, or was given up on */
  get isAnswered(): boolean {
    return this.answered
  }

  /** answered by abandon(), not by a decision */
  get wasAbandoned(): boolean {
    return this.abandoned
  }

  async run(): Promise<Outcome> {
    const started = this.delivery.receivedAt
    const d = this.delivery
    const cfg = this.deps.config
    const outcome: Outcome = {
      state: null,
      violations: [],
      comment: null,
      evidence: null,
      requests: 0,
      ms: 0,
      error: null
    }
    const finish = (): Outcome => ({ ...outcome, ms: Date.now() - started })

    let token: string
    try {
      token = await this.installationToken(
        Date.now() + this.deps.callbackBudgetMs
      )
    } catch (error) {
      outcome.error = `cannot answer: ${tokenError(error, d)}`
      this.log.error(outcome.error)
      return finish()
    }

    if (d.problem !== null || d.deployment === null) {
      const reason = d.problem ?? 'the payload carries no deployment'
      outcome.comment = renderFailureComment(
        `GitHub's event could not be read: ${reason}`,
        {
          delivery: d.id,
          evidence: null,
          sha: d.deployment?.sha ?? null,
          environment: d.target.environment
        },
        'Re-run the deployment job; if this repeats, report it with the delivery id.'
      )
      outcome.state = this.claim()
        ? await this.post('rejected', outcome.comment)
        : null
      return finish()
    }

    const client = this.deps.client({
      token,
      apiUrl: cfg.apiUrl,
      graphqlUrl: cfg.graphqlUrl,
      logger: this.log,
      timeoutMs: cfg.timeoutSeconds * 1000,
      retryBaseMs: this.deps.retryBaseMs
    })
    const t = d.target
    const spec: RequestSpec = {
      owner: t.owner,
      repo: t.repo,
      environment: t.environment,
      sha: d.deployment.sha,
      policyPath: cfg.policyPath,
      policyRef: null,
      run: { id: t.runId },
      serverUrl: cfg.serverUrl,
      // Break-glass (SPEC §5.7) is an input of the workflow step; a
      // deployment protection rule has no way to be given a reason.
      breakGlassReason: null
    }
    let req = makeRequest(spec)

    let decision: Decision
    try {
      // The deployer is who set the run going this time (a re-run's
      // triggering actor), as the action reads GITHUB_TRIGGERING_ACTOR.
      const run = await readRun(client, req)
      this.noteSender(run)
      req = makeRequest({ ...spec, run })
      decision = await evaluate(req, {
        github: client,
        logger: this.log,
        now: this.deps.now
      })
    } catch (error) {
      decision = cannotDecide({
        request: req,
        failure: toFailure(error),
        now: this.deps.now()
      })
    }
    outcome.requests = client.requests.length
    if (this.answered) {
      // the server gave up on this delivery while the engine ran
      this.log.warning('decided after the delivery was abandoned; not posted')
      return finish()
    }

    const dir = cfg.evidenceDir
    const recorded = recordEvidence(
      decision,
      {
        mode: 'server',
        requests: client.requests.length,
        notes: [
          `deployment_protection_rule delivery ${d.id}, answered through the run's deployment_callback_url`
        ]
      },
      (_record, text) => {
        if (dir === null) return null
        const name = [
          'evidence',
          safe(t.owner),
          safe(t.repo),
          safe(t.environment),
          req.sha.slice(0, 7),
          `run${t.runId}-${req.run.attempt ?? 1}`,
          safe(d.id)
        ].join('-')
        const file = join(dir, `${name}.json`)
        writeFileSync(file, text, { mode: 0o644 })
        return file
      },
      "Check PROMOTION_GATE_EVIDENCE_DIR on the gate's server."
    )
    // The comment says why without the server's paths; the log has them.
    if (recorded.problem !== null) this.log.error(recorded.problem)
    decision = recorded.decision
    outcome.evidence = recorded.file

    outcome.violations = violations(decision)
    outcome.comment = renderComment(decision, {
      delivery: d.id,
      evidence: outcome.evidence === null ? null : basename(outcome.evidence)
    })
    const state: Verdict =
      decision.decision === 'allow' ? 'approved' : 'rejected'
    this.log.log('info', `decided: ${state}`, {
      decision: decision.decision,
      violations: outcome.violations.join(',') || null,
      sha: req.sha,
      deployer: req.deployer,
      requests: outcome.requests,
      evidence: outcome.evidence
    })
    if (!this.claim()) return finish() // abandoned meanwhile
    outcome.state = await this.post(state, outcome.comment)
    if (outcome.state === null) {
      outcome.error = 'the verdict could not be posted'
    }
    return finish()
  }

  /**
   * Answer `rejected` now (the server is stopping): at most `budgetMs`,
   * nothing when the job has answered already.
   */
  async abandon(reason: string, budgetMs: number): Promise<Verdict | null> {
    if (!this.claim()) return null
    this.abandoned = true
    const d = this.delivery
    const comment = renderFailureComment(
      reason,
      {
        delivery: d.id,
        evidence: null,
        sha: d.deployment?.sha ?? null,
        environment: d.target.environment
      },
      'Re-run the deployment job to ask the gate again.'
    )
    try {
      await this.installationToken(Date.now() + budgetMs)
    } catch (error) {
      this.log.error(`cannot answer: ${tokenError(error, d)}`)
      return null
    }
    return this.post('rejected', comment, budgetMs)
  }

  /** The right to answer: true once, for run() or abandon(). */
  private claim(): boolean {
    if (this.answered) return false
    this.answered = true
    return true
  }

  /**
   * One mint shared by run() and abandon(), retried within the deadline;
   * `refresh`: a new token whatever the cache holds (the last was refused).
   */
  private async installationToken(
    deadline: number,
    refresh = false
  ): Promise<string> {
    if (this.token !== null && !refresh) return this.token
    this.minting ??= this.retrying(
      'minting an installation token',
      deadline,
      transient,
      (attempt) =>
        this.deps.tokens.token(
          this.delivery.target.installationId,
          this.delivery.target.repo,
          {
            validForMs:
              this.deps.config.timeoutSeconds * 1000 +
              this.deps.callbackBudgetMs +
              60_000,
            refresh: refresh || attempt > 0
          }
        )
    ).finally(() => {
      this.minting = null
    })
    this.token = await this.minting
    return this.token
  }

  /** The deployer is the run's, whoever the event names as its sender. */
  private noteSender(run: RunRecord): void {
    const deployer = run.triggeringActor ?? run.actor
    const sender = this.delivery.deployment?.sender ?? null
    if (sender !== null && deployer !== null && sender !== deployer) {
      this.log.info(
        `the event's sender ${sender} is not the run's triggering actor ${deployer}; the run's is used`
      )
    }
  }

  /**
   * POST the verdict; retried on no answer, 5xx, 429 and a 401 (a token not
   * yet replicated, or expired: minted again) until `budgetMs` is spent.
   * null when it could not be posted.
   */
  private async post(
    state: Verdict,
    comment: string,
    budgetMs = this.deps.callbackBudgetMs
  ): Promise<Verdict | null> {
    const t = this.delivery.target
    const deadline = Date.now() + budgetMs
    try {
      let refused = false
      await this.retrying(
        'posting the verdict',
        deadline,
        retryablePost,
        async () => {
          const token = await this.installationToken(deadline, refused)
          const client = this.deps.client({
            token,
            apiUrl: this.deps.config.apiUrl,
            graphqlUrl: this.deps.config.graphqlUrl,
            logger: this.log,
            timeoutMs: Math.max(
              1000,
              Math.min(ATTEMPT_MS * 3, deadline - Date.now())
            ),
            retryBaseMs: this.deps.retryBaseMs
          })
          try {
            await client.rest(
              'POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule',
              {
                owner: t.owner,
                repo: t.repo,
                run_id: t.runId,
                environment_name: t.environment,
                state,
                comment
              }
            )
          } catch (error) {
            refused = statusOf(error) === 401
            throw error
          }
        }
      )
      this.log.log('info', `answered: ${state}`, { state })
      return state
    } catch (error) {
      const hint =
        error instanceof GitHubApiError && error.status === 403
          ? ' (the App needs Deployments: read and write, and must be a protection rule of this environment)'
          : ''
      this.log.log(
        'error',
        `the verdict (${state}) could not be posted: ${getErrorMessage(error)}${hint}`,
        { state: null }
      )
      return null
    }
  }

  /** `f` until it succeeds, fails for good, or the deadline passes. */
  private async retrying<T>(
    what: string,
    deadline: number,
    retryable: (error: unknown) => boolean,
    f: (attempt: number) => Promise<T>
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await f(attempt)
      } catch (error) {
        const wait = Math.min(
          this.deps.retryBaseMs * 2 ** attempt,
          this.deps.retryBaseMs * 16
        )
        if (!retryable(error) || Date.now() + wait >= deadline) throw error
        this.log.warning(
          `${what} failed (attempt ${attempt + 1}): ${getErrorMessage(error)}; retrying in ${wait} ms`
        )
        await sleep(wait)
      }
    }
  }
}
