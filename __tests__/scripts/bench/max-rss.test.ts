// The bench's peak memory: a preload every node process of the gate runs
// (the audit runs in a second one), each appending its own peak; the peak
// reported is their sum.
import { describe, expect, it } from '@jest/globals'
import { Script } from 'node:vm'
import { MAX_RSS_PRELOAD, readPeakKiB } from '../../../scripts/bench/max-rss.js'

describe('the peak-memory preload', () => {
  it('is valid JavaScript that appends one line per process', () => {
    expect(() => new Script(MAX_RSS_PRELOAD)).not.toThrow()
    expect(MAX_RSS_PRELOAD).toContain('appendFileSync')
    expect(MAX_RSS_PRELOAD).toContain(`+ '\\n'`)
  })

  it('sums the peaks of every process, and reads nothing as unknown', () => {
    expect(readPeakKiB('51200\n210944\n')).toBe(262144)
    expect(readPeakKiB('1024')).toBe(1024)
    expect(readPeakKiB('')).toBeNaN()
    expect(readPeakKiB('12\nnot a number\n')).toBeNaN()
  })
})
