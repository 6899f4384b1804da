// The audit's checkpoint file and --max-wait's durations.
import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  checkpointWriter,
  durationMs,
  readCheckpoint
} from '../../src/audit/checkpoint-file.js'
import type { AuditCheckpoint } from '../../src/engine/index.js'

const CHECKPOINT: AuditCheckpoint = {
  version: 1,
  request: {
    repository: 'o/r',
    environment: 'production',
    policyPath: '.github/promotion-gate.yml',
    policyRef: null,
    since: '2026-10-01T00:00:00.000Z',
    until: '2026-12-31T00:00:00.000Z'
  },
  policyBlob: 'a'.repeat(40),
  members: [],
  starts: [],
  judged: []
}

describe('checkpoint file', () => {
  it('is written whole (no temporary file left) and read back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-checkpoint-'))
    const file = join(dir, 'checkpoint.json')
    await checkpointWriter(file)(CHECKPOINT)
    expect(readdirSync(dir)).toEqual(['checkpoint.json'])
    expect(readCheckpoint(file)).toEqual(CHECKPOINT)
  })

  it('refuses a missing or foreign file with a clear message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-checkpoint-'))
    expect(() => readCheckpoint(undefined)).toThrow(
      '--resume needs the checkpoint: give --checkpoint FILE or --out DIR'
    )
    expect(() => readCheckpoint(join(dir, 'none.json'))).toThrow(
      `there is no checkpoint to resume at ${join(dir, 'none.json')}`
    )
    const other = join(dir, 'other.json')
    writeFileSync(other, '{"decision":"allow"}')
    expect(() => readCheckpoint(other)).toThrow(
      `${other} is not an audit checkpoint`
    )
  })
})

describe('durationMs', () => {
  it.each([
    [undefined, 0],
    ['90', 90_000],
    ['90s', 90_000],
    ['30m', 1_800_000],
    ['2h', 7_200_000]
  ])('%s is %d ms', (text, ms) => {
    expect(durationMs(text)).toBe(ms)
  })

  it('refuses anything else', () => {
    expect(() => durationMs('2 hours')).toThrow(
      '--max-wait must be a duration such as 90s, 30m or 2h, not "2 hours"'
    )
  })
})
