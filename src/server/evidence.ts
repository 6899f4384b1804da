// Where the server keeps a decision's evidence (PROMOTION_GATE_EVIDENCE_DIR):
// one JSON file per delivery, named so an operator finds it by repository,
// environment, commit, run and delivery. The engine's evidence step decides
// what an unwritable record means (no evidence, no allow).

import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  recordEvidence,
  type ApiUsage,
  type Decision,
  type Recorded
} from '../engine/index.js'
import type { CallbackTarget } from './payload.js'

export interface KeepOptions {
  decision: Decision
  deliveryId: string
  target: CallbackTarget
  /** null: no record is kept on disk */
  dir: string | null
  /** API requests the decision made */
  requests: number
  /** what they cost, as the client counted (null: it did not) */
  usage: ApiUsage | null
}

export function keepEvidence(o: KeepOptions): Recorded {
  const { decision, target: t } = o
  return recordEvidence(
    decision,
    {
      mode: 'server',
      requests: o.requests,
      usage: o.usage,
      notes: [
        `deployment_protection_rule delivery ${o.deliveryId}, answered through the run's deployment_callback_url`
      ]
    },
    (_record, text) => {
      if (o.dir === null) return null
      const req = decision.request
      const name = [
        'evidence',
        safe(t.owner),
        safe(t.repo),
        safe(t.environment),
        req.sha.slice(0, 7),
        `run${t.runId}-${req.run.attempt ?? 1}`,
        safe(o.deliveryId)
      ].join('-')
      const file = join(o.dir, `${name}.json`)
      writeFileSync(file, text, { mode: 0o644 })
      return file
    },
    "Check PROMOTION_GATE_EVIDENCE_DIR on the gate's server."
  )
}

/** A name part that cannot leave the directory or surprise a shell. */
function safe(part: string): string {
  return part.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100)
}
