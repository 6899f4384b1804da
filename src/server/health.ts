// What GET /healthz reports: whether the server takes deliveries, how many
// decisions are under way, and what became of every delivery so far.

import { VERSION } from '../version.js'

export interface Counts {
  /** POSTs to the webhook path */
  deliveries: number
  unauthorized: number
  malformed: number
  ignored: number
  accepted: number
  approved: number
  rejected: number
  /** accepted, but no verdict could be posted */
  unanswered: number
  /** rejected because the server stopped before deciding */
  abandoned: number
}

export interface Health {
  status: 'ok' | 'draining'
  version: string
  uptime_seconds: number
  /** accepted and not yet answered: running + queued */
  in_flight: number
  running: number
  queued: number
  counts: Counts
}

export function newCounts(): Counts {
  return {
    deliveries: 0,
    unauthorized: 0,
    malformed: 0,
    ignored: 0,
    accepted: 0,
    approved: 0,
    rejected: 0,
    unanswered: 0,
    abandoned: 0
  }
}

export function healthOf(o: {
  draining: boolean
  /** epoch ms the server started */
  startedAt: number
  inFlight: number
  running: number
  counts: Counts
}): Health {
  return {
    status: o.draining ? 'draining' : 'ok',
    version: VERSION,
    uptime_seconds: Math.floor((Date.now() - o.startedAt) / 1000),
    in_flight: o.inFlight,
    running: o.running,
    queued: o.inFlight - o.running,
    counts: { ...o.counts }
  }
}
