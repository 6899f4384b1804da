// The server's JSON-lines log: levels, fields, and no secret ever.
import { describe, expect, it } from '@jest/globals'
import { jsonLogger } from '../../src/server/log.js'

function capture(level: 'debug' | 'info' | 'warning' | 'error' = 'info') {
  const lines: string[] = []
  const logger = jsonLogger(
    { write: (s: string) => lines.push(s) },
    {
      level,
      now: () => new Date('2026-01-01T00:00:00Z'),
      secrets: [
        'webhook-secret-value',
        '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAabcdefghijklmnop\n-----END RSA PRIVATE KEY-----\n'
      ]
    }
  )
  return {
    logger,
    parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    text: () => lines.join('')
  }
}

describe('jsonLogger', () => {
  it('writes one JSON object per line, with the fields of its child', () => {
    const c = capture()
    c.logger.child({ delivery: 'd-1', run: 7 }).log('info', 'accepted', {
      sha: 'abc'
    })
    expect(c.text().endsWith('\n')).toBe(true)
    expect(c.parsed()).toEqual([
      {
        time: '2026-01-01T00:00:00.000Z',
        level: 'info',
        msg: 'accepted',
        delivery: 'd-1',
        run: 7,
        sha: 'abc'
      }
    ])
  })

  it('drops lines below its level', () => {
    const c = capture('warning')
    c.logger.debug('d')
    c.logger.info('i')
    c.logger.warning('w')
    c.logger.error('e')
    expect(c.parsed().map((l) => l.msg)).toEqual(['w', 'e'])
  })

  it('hides the secret, the key, tokens and JWTs wherever they appear', () => {
    const c = capture()
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOjEyM30.c2lnbmF0dXJlc2lnbmF0dXJl'
    c.logger.error(
      `secret webhook-secret-value, key line MIIEowIBAAKCAQEAabcdefghijklmnop, token ghs_${'a'.repeat(36)}, jwt ${jwt}`
    )
    c.logger.log('info', 'x', { header: `token ghp_${'b'.repeat(36)}` })
    const text = c.text()
    expect(text).not.toContain('webhook-secret-value')
    expect(text).not.toContain('MIIEow')
    expect(text).not.toContain('ghs_')
    expect(text).not.toContain('ghp_')
    expect(text).not.toContain('eyJ')
    expect(c.parsed()[0]?.msg).toBe(
      'secret ***, key line ***, token ***, jwt ***'
    )
  })
})
