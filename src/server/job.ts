// One delivery's work, in the background after the webhook was answered:
// installation token -> the run and the engine's decision -> evidence -> the
// verdict through the run's callback. Fail closed: whatever cannot be
// verified is `rejected` with the reason in the comment. The verdict is
// posted at most once per delivery, retried within a bounded time.

import { basename } from 'node:path'
import type { ApiUsage, Decision } from '../engine/index.js'
import type { ClientOptions, GitHubClient } from '../github/client.js'
import { violations } from '../report/summary.js'
import { renderComment, renderFailureComment } from './comment.js'
import type { ServerConfig } from './config.js'
import { decide } from './decide.js'
import { keepEvidence } from './evidence.js'
import type { ServerLogger } from './log.js'
import type { CallbackTarget, DeploymentRequest } from './payload.js'
import { InstallationToken, tokenError, type TokenSource } from './tokens.js'
import { postVerdict, type Verdict } from './verdict.js'

export type { Verdict } from './verdict.js'

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

export interface JobDeps {
  config: ServerConfig
  tokens: TokenSource
  /** the engine's client; tests wrap it to see the token */
  client: (options: ClientOptions) => GitHubClient
  now: () => Date
  /** time to keep retrying the callback (and the token it needs) */
  callbackBudgetMs: number
  /** back-off base of retries; tests shrink it */
  retryBaseMs: number
}

/** What run() says, before posting, about a decision it made. */
interface Answer {
  state: Verdict
  comment: string
  violations: string[]
  evidence: string | null
  requests: number
}

/**
 * The work of one delivery. `run()` decides and answers; `abandon()`, when
 * the server must stop first, answers `rejected` instead. Whichever answers
 * first wins; the other does nothing.
 */
export class Job {
  readonly delivery: Delivery
  readonly log: ServerLogger
  private readonly deps: JobDeps
  private readonly token: InstallationToken
  private answered = false
  private abandoned = false

  constructor(o: { delivery: Delivery; deps: JobDeps; log: ServerLogger }) {
    this.delivery = o.delivery
    this.deps = o.deps
    this.log = o.log
    this.token = new InstallationToken({
      tokens: o.deps.tokens,
      target: o.delivery.target,
      // long enough for the decision and the answer, with a minute to spare
      validForMs:
        o.deps.config.timeoutSeconds * 1000 + o.deps.callbackBudgetMs + 60_000,
      retryBaseMs: o.deps.retryBaseMs,
      log: o.log
    })
  }

  /** a verdict was posted, is being posted, or was given up on */
  get isAnswered(): boolean {
    return this.answered
  }

  /** answered by abandon(), not by a decision */
  get wasAbandoned(): boolean {
    return this.abandoned
  }

  async run(): Promise<Outcome> {
    const d = this.delivery
    const token = await this.mintFirstToken(
      Date.now() + this.deps.callbackBudgetMs
    )
    if (typeof token !== 'string') return this.finish({ error: token.error })
    if (d.problem !== null || d.deployment === null) {
      return this.finish(await this.rejectUnread(d.problem))
    }
    const { decision, requests, usage } = await this.decide(token, d.deployment)
    if (this.answered) {
      // the server gave up on this delivery while the engine ran
      this.log.warning('decided after the delivery was abandoned; not posted')
      return this.finish({ requests })
    }
    const answer = this.explain(decision, requests, usage)
    // abandoned meanwhile: abandon() answered
    if (!this.claim()) return this.finish({ ...answer, state: null })
    const state = await this.post(answer.state, answer.comment)
    const error = state === null ? 'the verdict could not be posted' : null
    return this.finish({ ...answer, state, error })
  }

  /**
   * Answer `rejected` now (the server is stopping): at most `budgetMs`,
   * nothing when the job has answered already.
   */
  async abandon(reason: string, budgetMs: number): Promise<Verdict | null> {
    if (!this.claim()) return null
    this.abandoned = true
    const comment = this.failureComment(
      reason,
      'Re-run the deployment job to ask the gate again.'
    )
    const token = await this.mintFirstToken(Date.now() + budgetMs)
    if (typeof token !== 'string') return null
    return this.post('rejected', comment, budgetMs)
  }

  /** The installation's token, or why there is none (logged). */
  private async mintFirstToken(
    deadline: number
  ): Promise<string | { error: string }> {
    try {
      return await this.token.get({ deadline })
    } catch (error) {
      const message = `cannot answer: ${tokenError(error, this.delivery.target)}`
      this.log.error(message)
      return { error: message }
    }
  }

  /** A payload past its target that could not be read: `rejected`, why. */
  private async rejectUnread(
    problem: string | null
  ): Promise<Partial<Outcome>> {
    const reason = problem ?? 'the payload carries no deployment'
    const comment = this.failureComment(
      `GitHub's event could not be read: ${reason}`,
      'Re-run the deployment job; if this repeats, report it with the delivery id.'
    )
    const state = this.claim() ? await this.post('rejected', comment) : null
    return { comment, state }
  }

  /** The engine's decision, with the installation's client. */
  private async decide(
    token: string,
    deployment: DeploymentRequest
  ): Promise<{
    decision: Decision
    requests: number
    usage: ApiUsage | null
  }> {
    const cfg = this.deps.config
    const client = this.deps.client({
      token,
      apiUrl: cfg.apiUrl,
      graphqlUrl: cfg.graphqlUrl,
      logger: this.log,
      timeoutMs: cfg.timeoutSeconds * 1000,
      retryBaseMs: this.deps.retryBaseMs
    })
    const decision = await decide({
      client,
      target: this.delivery.target,
      deployment,
      config: cfg,
      now: this.deps.now,
      log: this.log
    })
    return {
      decision,
      requests: client.requests.length,
      usage: client.usage?.() ?? null
    }
  }

  /** Evidence kept, then the verdict and its comment (logged). */
  private explain(
    made: Decision,
    requests: number,
    usage: ApiUsage | null
  ): Answer {
    const d = this.delivery
    const recorded = keepEvidence({
      decision: made,
      deliveryId: d.id,
      target: d.target,
      dir: this.deps.config.evidenceDir,
      requests,
      usage
    })
    // The comment says why without the server's paths; the log has them.
    if (recorded.problem !== null) this.log.error(recorded.problem)
    for (const warning of recorded.warnings) this.log.warning(warning)
    const decision = recorded.decision
    const evidence = recorded.file
    const answer: Answer = {
      state: decision.decision === 'allow' ? 'approved' : 'rejected',
      comment: renderComment(decision, {
        delivery: d.id,
        evidence: evidence === null ? null : basename(evidence)
      }),
      violations: violations(decision),
      evidence,
      requests
    }
    this.log.log('info', `decided: ${answer.state}`, {
      decision: decision.decision,
      violations: answer.violations.join(',') || null,
      sha: decision.request.sha,
      deployer: decision.request.deployer,
      requests,
      evidence
    })
    return answer
  }

  /** The right to answer: true once, for run() or abandon(). */
  private claim(): boolean {
    if (this.answered) return false
    this.answered = true
    return true
  }

  private post(
    state: Verdict,
    comment: string,
    budgetMs = this.deps.callbackBudgetMs
  ): Promise<Verdict | null> {
    return postVerdict({
      target: this.delivery.target,
      state,
      comment,
      budgetMs,
      token: this.token,
      client: this.deps.client,
      config: this.deps.config,
      retryBaseMs: this.deps.retryBaseMs,
      log: this.log
    })
  }

  private failureComment(reason: string, hint: string): string {
    const d = this.delivery
    return renderFailureComment(
      reason,
      {
        delivery: d.id,
        evidence: null,
        sha: d.deployment?.sha ?? null,
        environment: d.target.environment
      },
      hint
    )
  }

  /** The outcome so far, timed from the delivery. */
  private finish(part: Partial<Outcome>): Outcome {
    return {
      state: null,
      violations: [],
      comment: null,
      evidence: null,
      requests: 0,
      error: null,
      ...part,
      ms: Date.now() - this.delivery.receivedAt
    }
  }
}
