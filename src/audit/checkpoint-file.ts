// The audit's checkpoint as a file (`--checkpoint FILE`, or
// DIR/checkpoint.json with `--out DIR`), and `--max-wait`'s durations.

import { readFileSync, renameSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { InputError, type AuditCheckpoint } from '../engine/index.js'

/**
 * Saves each checkpoint whole: written beside the file, then renamed over
 * it, so a run stopped mid-write leaves the previous one.
 */
export function checkpointWriter(
  file: string
): (checkpoint: AuditCheckpoint) => Promise<void> {
  const temp = `${file}.tmp`
  return async (checkpoint) => {
    await writeFile(temp, JSON.stringify(checkpoint), { mode: 0o600 })
    renameSync(temp, file)
  }
}

/** The checkpoint `--resume` goes on from; an InputError when there is none. */
export function readCheckpoint(file: string | undefined): AuditCheckpoint {
  if (file === undefined)
    throw new InputError(
      '--resume needs the checkpoint: give --checkpoint FILE or --out DIR'
    )
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    throw new InputError(`there is no checkpoint to resume at ${file}`, {
      hint: 'Run the audit without --resume: it saves one after each chunk.'
    })
  }
  try {
    const parsed = JSON.parse(text) as unknown
    if (
      typeof parsed !== 'object' ||
      parsed === null ||
      !Array.isArray((parsed as { members?: unknown }).members) ||
      !Array.isArray((parsed as { judged?: unknown }).judged)
    )
      throw new Error('not a checkpoint')
    return parsed as AuditCheckpoint
  } catch {
    throw new InputError(`${file} is not an audit checkpoint`, {
      hint: 'Run the audit again without --resume.'
    })
  }
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 }

/** `90s`, `30m`, `2h` or bare seconds; absent: 0. */
export function durationMs(text: string | undefined): number {
  if (text === undefined) return 0
  const m = /^(\d+)([smh]?)$/.exec(text.trim())
  if (m === null)
    throw new InputError(
      `--max-wait must be a duration such as 90s, 30m or 2h, not ${JSON.stringify(text)}`
    )
  return Number(m[1]) * (UNIT_MS[m[2] || 's'] ?? 1000)
}
