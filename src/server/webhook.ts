// A delivery to the webhook path, read in this order (SPEC §2):
//   1. signed with the App's webhook secret, else 401 and nothing is done;
//   2. its event and delivery headers (400);
//   3. the event: ping is answered, other events are ignored (202);
//   4. the payload: 400 when it cannot say where the answer goes;
//   5. accepted: 202 at once and decided in the background; while the
//      server stops, 503 and `rejected` (re-run the job).

import { Webhooks } from '@octokit/webhooks'
import type { Deliveries } from './deliveries.js'
import type { Counts } from './health.js'
import type { Incoming, Reply } from './http.js'
import type { Delivery } from './job.js'
import type { ServerConfig } from './config.js'
import type { ServerLogger } from './log.js'
import {
  parsePayload,
  type CallbackTarget,
  type ParsedPayload
} from './payload.js'

const DELIVERY_ID = /^[A-Za-z0-9-]{1,100}$/

export interface WebhookOptions {
  config: Pick<ServerConfig, 'webhookSecret' | 'apiUrl'>
  logger: ServerLogger
  /** shared with the deliveries, which count what becomes of them */
  counts: Counts
  deliveries: Deliveries
}

/** A payload that says where the answer goes (it may say nothing more). */
type Answerable = ParsedPayload & { target: CallbackTarget }

export class WebhookReceiver {
  private readonly webhooks: Webhooks

  constructor(private readonly o: WebhookOptions) {
    this.webhooks = new Webhooks({ secret: o.config.webhookSecret })
  }

  /** Before the body is read: counted, and refused when not signed. */
  arrived(req: Incoming): Reply | null {
    this.o.counts.deliveries += 1
    return req.header('x-hub-signature-256') === null
      ? this.unauthorized(req, null)
      : null
  }

  async receive(req: Incoming, body: string): Promise<Reply> {
    const signature = req.header('x-hub-signature-256')
    if (!(await this.verified(body, signature))) {
      return this.unauthorized(req, signature)
    }
    const event = req.header('x-github-event')
    const id = req.header('x-github-delivery')
    if (event === null || id === null || !DELIVERY_ID.test(id)) {
      this.o.counts.malformed += 1
      return {
        status: 400,
        body: { message: 'missing X-GitHub-Event or X-GitHub-Delivery header' }
      }
    }
    const log = this.o.logger.child({ delivery: id, event })
    if (event === 'deployment_protection_rule') {
      return this.deploymentRule({ id, body, log })
    }
    this.o.counts.ignored += 1
    if (event === 'ping') {
      log.info('ping')
      return { status: 200, body: { message: 'pong' } }
    }
    log.info(`ignored: ${event} events are not acted on`)
    return {
      status: 202,
      body: { message: `ignored: ${event} events are not acted on` }
    }
  }

  private async verified(
    body: string,
    signature: string | null
  ): Promise<boolean> {
    if (signature === null || body === '') return false
    try {
      return await this.webhooks.verify(body, signature)
    } catch {
      return false
    }
  }

  /** 401, logged; nothing else is done with the delivery. */
  private unauthorized(req: Incoming, signature: string | null): Reply {
    this.o.counts.unauthorized += 1
    this.o.logger.log(
      'warning',
      'delivery refused: signature missing or wrong',
      {
        delivery: req.header('x-github-delivery'),
        remote: req.remote
      }
    )
    return signature === null
      ? {
          status: 401,
          body: {
            message: 'missing X-Hub-Signature-256: the delivery is not signed'
          },
          headers: { connection: 'close' }
        }
      : {
          status: 401,
          body: {
            message:
              'X-Hub-Signature-256 does not match: check WEBHOOK_SECRET against the App\u2019s webhook secret'
          }
        }
  }

  private deploymentRule(o: {
    id: string
    body: string
    log: ServerLogger
  }): Reply {
    const { id, log } = o
    const payload = this.answerable(o.body, log)
    if ('status' in payload) return payload
    if (this.o.deliveries.has(id)) {
      log.info('a redelivery of a delivery still in progress: not repeated')
      return {
        status: 202,
        body: { message: 'already in progress', delivery: id }
      }
    }
    const delivery: Delivery = {
      id,
      receivedAt: Date.now(),
      target: payload.target,
      deployment: payload.ok ? payload.deployment : null,
      problem: payload.ok ? null : payload.problem
    }
    this.o.counts.accepted += 1
    return this.o.deliveries.draining
      ? this.refuse(delivery)
      : this.accept(delivery, log)
  }

  /** The payload, when it says where the answer goes; else a 400. */
  private answerable(body: string, log: ServerLogger): Answerable | Reply {
    let payload: unknown
    try {
      payload = JSON.parse(body)
    } catch {
      this.o.counts.malformed += 1
      log.warning('delivery refused: the body is not JSON')
      return {
        status: 400,
        body: {
          message:
            'the payload is not JSON: the App\u2019s webhook must send application/json'
        }
      }
    }
    const parsed = parsePayload(payload, this.o.config.apiUrl)
    if (parsed.target !== null) return { ...parsed, target: parsed.target }
    const problem = parsed.ok ? 'no callback' : parsed.problem
    this.o.counts.malformed += 1
    log.warning(`delivery refused: ${problem}`)
    return { status: 400, body: { message: `malformed payload: ${problem}` } }
  }

  /** The server is stopping: `rejected` at once, and 503. */
  private refuse(delivery: Delivery): Reply {
    this.o.deliveries.refuse(
      delivery,
      'the gate\u2019s server was shutting down when this deployment asked it'
    )
    return {
      status: 503,
      body: {
        message:
          'shutting down: the deployment is rejected; re-run the job to ask again',
        delivery: delivery.id
      },
      headers: { connection: 'close' }
    }
  }

  private accept(delivery: Delivery, log: ServerLogger): Reply {
    this.o.deliveries.accept(delivery)
    const { id, target, deployment, problem } = delivery
    if (problem !== null) {
      this.o.counts.malformed += 1
      log.warning(`malformed payload, rejecting the deployment: ${problem}`)
      return {
        status: 400,
        body: {
          message: `malformed payload: ${problem}; the deployment is being rejected`,
          delivery: id
        }
      }
    }
    log.log('info', 'accepted', {
      repository: `${target.owner}/${target.repo}`,
      run: target.runId,
      environment: target.environment,
      sha: deployment?.sha ?? null
    })
    return { status: 202, body: { message: 'accepted', delivery: id } }
  }
}
