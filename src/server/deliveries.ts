// Accepted deliveries from acceptance to answer. Decisions run at most
// `concurrency` at a time, the rest wait in order; every accepted one is
// tracked until answered, so a stopping server can finish them within its
// grace period and answer `rejected` (re-run the job) for the rest.

import { getErrorMessage } from '../engine/index.js'
import type { Counts } from './health.js'
import { Job, type Delivery, type JobDeps, type Outcome } from './job.js'
import type { ServerLogger } from './log.js'
import type { Verdict } from './verdict.js'

/** how long an answer to a stopping server's leftover deliveries may take */
const ABANDON_BUDGET_MS = 5000

export interface ShutdownReport {
  /** decisions that finished within the grace period */
  finished: number
  /** decisions answered `rejected` because the grace period ended */
  abandoned: number
}

export interface DeliveriesOptions {
  /** decisions at once */
  concurrency: number
  /** shared with the webhook, which counts what it refuses */
  counts: Counts
  logger: ServerLogger
  deps: JobDeps
  /** called once per decided delivery when its work ends */
  onOutcome?: (delivery: Delivery, outcome: Outcome) => void
}

/** At most `size` holders at once; the rest wait in order. */
class Slots {
  private active = 0
  private readonly waiting: (() => void)[] = []

  constructor(private readonly size: number) {}

  acquire(): Promise<void> {
    if (this.active < this.size) {
      this.active += 1
      return Promise.resolve()
    }
    return new Promise((resolve) => this.waiting.push(resolve))
  }

  release(): void {
    const next = this.waiting.shift()
    if (next === undefined) this.active -= 1
    else next()
  }
}

interface Tracked {
  job: Job
  /** holds a decision slot (else queued) */
  running: boolean
}

export class Deliveries {
  private readonly inflight = new Map<string, Tracked>()
  private readonly slots: Slots
  private idleWaiters: (() => void)[] = []
  private finished = 0
  private stopping = false

  constructor(private readonly o: DeliveriesOptions) {
    this.slots = new Slots(o.concurrency)
  }

  /** no longer deciding what arrives: stopping */
  get draining(): boolean {
    return this.stopping
  }

  /** accepted and not yet answered */
  get inFlight(): number {
    return this.inflight.size
  }

  /** holding a decision slot */
  get running(): number {
    return [...this.inflight.values()].filter((t) => t.running).length
  }

  /** a delivery with this id is still being worked on */
  has(id: string): boolean {
    return this.inflight.has(id)
  }

  /** Decide it and answer, in turn with the others. */
  accept(delivery: Delivery): void {
    this.track(delivery, (t) => this.decide(t))
  }

  /** Arrived while stopping: answered `rejected` at once, saying why. */
  refuse(delivery: Delivery, reason: string): void {
    this.track(delivery, (t) => this.abandonAtOnce(t, reason))
  }

  stopAccepting(): void {
    this.stopping = true
  }

  /**
   * Wait for what is in flight, at most `graceSeconds`; then answer
   * `rejected` for every decision still unanswered.
   */
  async drain(graceSeconds: number): Promise<ShutdownReport> {
    this.o.logger.log(
      'info',
      `shutting down: ${this.inflight.size} decisions in flight`,
      { in_flight: this.inflight.size, grace_seconds: graceSeconds }
    )
    const before = this.finished
    const idle = await this.idleWithin(graceSeconds * 1000)
    const abandoned = idle ? 0 : await this.abandonUnfinished(graceSeconds)
    return { finished: this.finished - before, abandoned }
  }

  private track(delivery: Delivery, work: (t: Tracked) => Promise<void>): void {
    const log = this.o.logger.child({
      delivery: delivery.id,
      repository: `${delivery.target.owner}/${delivery.target.repo}`,
      run: delivery.target.runId,
      environment: delivery.target.environment
    })
    const tracked: Tracked = {
      job: new Job({ delivery, deps: this.o.deps, log }),
      running: false
    }
    this.inflight.set(delivery.id, tracked)
    void work(tracked)
      .catch((error: unknown) => {
        // Job.run catches what it expects; this is a bug, logged, not fatal.
        this.o.counts.unanswered += 1
        log.error(`unexpected error: ${getErrorMessage(error)}`)
      })
      .finally(() => this.untrack(delivery.id))
  }

  private untrack(id: string): void {
    this.inflight.delete(id)
    if (this.inflight.size > 0) return
    const waiters = this.idleWaiters
    this.idleWaiters = []
    for (const w of waiters) w()
  }

  private async decide(t: Tracked): Promise<void> {
    await this.slots.acquire()
    t.running = true
    try {
      if (t.job.isAnswered) return // abandoned while it waited
      const outcome = await t.job.run()
      if (t.job.wasAbandoned) return // counted by drain()
      this.count(outcome.state)
      this.finished += 1
      t.job.log.log('info', `done in ${outcome.ms} ms`, {
        state: outcome.state,
        ms: outcome.ms
      })
      this.o.onOutcome?.(t.job.delivery, outcome)
    } finally {
      this.slots.release()
    }
  }

  private async abandonAtOnce(t: Tracked, reason: string): Promise<void> {
    const state = await t.job.abandon(reason, ABANDON_BUDGET_MS)
    this.o.counts.abandoned += 1
    this.count(state)
  }

  private count(state: Verdict | null): void {
    const counts = this.o.counts
    if (state === 'approved') counts.approved += 1
    else if (state === 'rejected') counts.rejected += 1
    else counts.unanswered += 1
  }

  /** true: nothing in flight any more; false: the time ran out first */
  private async idleWithin(ms: number): Promise<boolean> {
    const idle = new Promise<true>((resolve) => {
      if (this.inflight.size === 0) resolve(true)
      else this.idleWaiters.push(() => resolve(true))
    })
    let timer: NodeJS.Timeout | undefined
    const over = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), ms)
    })
    const result = await Promise.race([idle, over])
    clearTimeout(timer)
    return result
  }

  /** The grace period is over: `rejected` for whatever has not answered. */
  private async abandonUnfinished(graceSeconds: number): Promise<number> {
    // a job already posting its verdict is left to finish
    const left = [...this.inflight.values()].filter((t) => !t.job.isAnswered)
    const reason = `the gate\u2019s server stopped before it finished deciding (grace period of ${graceSeconds}s)`
    const answers = await Promise.all(
      left.map((t) => t.job.abandon(reason, ABANDON_BUDGET_MS))
    )
    const abandoned = answers.filter((a) => a !== null).length
    const counts = this.o.counts
    counts.abandoned += abandoned
    counts.rejected += abandoned
    counts.unanswered += answers.length - abandoned
    this.o.logger.log(
      'warning',
      `grace period over: ${abandoned} of ${left.length} unfinished decisions answered rejected`,
      { abandoned, unfinished: left.length }
    )
    return abandoned
  }
}
