// The server's logger (STYLE habit 8): one JSON object per line, with the
// delivery, repository and run each line is about. Secrets never reach it:
// the webhook secret, the private key and every installation token minted
// are replaced by ***, and so is anything shaped like a GitHub token or a JWT.

import type { Logger } from '../engine/index.js'
import type { Writer } from '../cli/command.js'
import type { LogLevel } from './config.js'

export type Fields = Record<string, string | number | boolean | null>

export interface ServerLogger extends Logger {
  /** one line at `level` with structured fields */
  log(level: LogLevel, message: string, fields?: Fields): void
  /** a logger whose every line carries `fields` too */
  child(fields: Fields): ServerLogger
  /** hide this value wherever it would appear from now on */
  secret(value: string): void
}

const RANK: Record<LogLevel, number> = {
  debug: 0,
  info: 1,
  warning: 2,
  error: 3
}

// ghs_ (installation), ghp_/gho_/ghu_/ghr_ tokens, github_pat_, and JWTs
// (three base64url parts, the first a JSON header: "eyJ").
const TOKEN_SHAPES = [
  /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g
]

export function jsonLogger(
  out: Writer,
  o: { level: LogLevel; now?: () => Date; secrets?: string[] }
): ServerLogger {
  const secrets = new Set<string>()
  const hide = (v: string): void => {
    // Short values would blank ordinary words; real secrets are long.
    if (v.length >= 8) secrets.add(v)
    // A PEM key could leak line by line.
    for (const line of v.split('\n')) {
      if (line.length >= 16 && !line.startsWith('-----')) secrets.add(line)
    }
  }
  for (const s of o.secrets ?? []) hide(s)
  const now = o.now ?? (() => new Date())
  const redact = (text: string): string => {
    let t = text
    for (const s of secrets) if (t.includes(s)) t = t.split(s).join('***')
    for (const shape of TOKEN_SHAPES) t = t.replace(shape, '***')
    return t
  }

  const make = (base: Fields): ServerLogger => {
    const log = (
      level: LogLevel,
      message: string,
      fields: Fields = {}
    ): void => {
      if (RANK[level] < RANK[o.level]) return
      const line: Record<string, unknown> = {
        time: now().toISOString(),
        level,
        msg: redact(message)
      }
      for (const [k, v] of Object.entries({ ...base, ...fields })) {
        line[k] = typeof v === 'string' ? redact(v) : v
      }
      out.write(`${JSON.stringify(line)}\n`)
    }
    return {
      log,
      debug: (m) => log('debug', m),
      info: (m) => log('info', m),
      warning: (m) => log('warning', m),
      error: (m) => log('error', m),
      child: (fields) => make({ ...base, ...fields }),
      secret: hide
    }
  }
  return make({})
}
