// The action's audit collects garbage once per chunk with V8's own gc, which
// an action cannot ask for with a flag.
import { describe, expect, it } from '@jest/globals'
import { runInNewContext } from 'node:vm'
import { collector } from '../../src/action/collect.js'

describe('collector', () => {
  it("gives V8's full collection", () => {
    const collect = collector()
    expect(runInNewContext('typeof gc')).toBe('function')
    expect(() => collect()).not.toThrow()
  })
})
