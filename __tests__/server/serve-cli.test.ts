// `promotion-gate serve` as a command: help, configuration errors (exit 2,
// one line, no stack trace), and a run that SIGTERM ends with exit 0, in
// process (as a real process: serve-process.test.ts).
import { afterEach, describe, expect, it } from '@jest/globals'
import { generateKeyPairSync } from 'node:crypto'
import { EventEmitter } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { useSignals } from '../../src/cli/serve.js'
import { EXIT } from '../../src/cli/main.js'
import { cli } from '../cli/helpers.js'

const KEY = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' }
}).privateKey
const SECRET = 'the webhook secret, long enough'
const ENV = {
  APP_ID: '1',
  PRIVATE_KEY: KEY,
  WEBHOOK_SECRET: SECRET,
  HOST: '127.0.0.1',
  GITHUB_API_URL: 'http://127.0.0.1:9'
}

afterEach(() => useSignals(process))

describe('promotion-gate serve', () => {
  it('--help documents every variable and endpoint', async () => {
    const r = await cli(['serve', '--help'])
    expect(r.code).toBe(EXIT.ok)
    for (const text of [
      'APP_ID',
      'PRIVATE_KEY',
      'PRIVATE_KEY_PATH',
      'WEBHOOK_SECRET',
      'GITHUB_API_URL',
      'GITHUB_GRAPHQL_URL',
      'PROMOTION_GATE_POLICY',
      'PROMOTION_GATE_EVIDENCE_DIR',
      '/healthz',
      '--port',
      '--host'
    ]) {
      expect(r.stdout).toContain(text)
    }
  })

  it('missing configuration: exit 2, one line, no stack trace', async () => {
    const r = await cli(['serve'], {})
    expect(r).toEqual({
      code: EXIT.usage,
      stdout: '',
      stderr:
        "promotion-gate serve: APP_ID is not set: give the App's ID (a number, on the App's settings page)\nrun promotion-gate serve --help\n"
    })
    const noSecret = await cli(['serve'], { ...ENV, WEBHOOK_SECRET: '' })
    expect(noSecret.code).toBe(EXIT.usage)
    expect(noSecret.stderr).toMatch(
      /^promotion-gate serve: WEBHOOK_SECRET is not set/
    )
    const port = await cli(['serve', '--port', '99999'], ENV)
    expect(port.stderr).toMatch(/--port must be a whole number from 0 to 65535/)
    expect(port.code).toBe(EXIT.usage)
  })

  it('a port already taken: exit 2, saying so', async () => {
    const taken = http.createServer()
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r))
    try {
      const port = (taken.address() as AddressInfo).port
      const r = await cli(['serve', '--port', String(port)], ENV)
      expect(r.code).toBe(EXIT.usage)
      expect(r.stderr).toMatch(
        new RegExp(
          `^promotion-gate serve: cannot listen on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE`
        )
      )
    } finally {
      await new Promise((r) => taken.close(r))
    }
  })

  it('serves until SIGTERM, then exits 0; the log is JSON without secrets', async () => {
    const signals = new EventEmitter()
    useSignals(signals)
    const out: string[] = []
    const ctx = {
      env: ENV,
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => out.push(s) },
      now: () => new Date()
    }
    const { runCli } = await import('../../src/cli/main.js')
    const done = runCli(['serve', '--port', '0'], ctx)
    let url = ''
    for (let i = 0; i < 200 && url === ''; i++) {
      await new Promise((r) => setTimeout(r, 10))
      const line = out
        .join('')
        .split('\n')
        .find((l) => l.includes('listening'))
      if (line !== undefined)
        url = String((JSON.parse(line) as { url: string }).url)
    }
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const health = await fetch(`${url}/healthz`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ status: 'ok', in_flight: 0 })
    signals.emit('SIGTERM')
    expect(await done).toBe(EXIT.ok)
    const lines = out
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines.map((l) => l.msg)).toEqual([
      `listening on ${url}`,
      expect.stringMatching(/^PROMOTION_GATE_EVIDENCE_DIR is not set: /),
      'SIGTERM: stopping',
      'shutting down: 0 decisions in flight',
      'stopped'
    ])
    const text = out.join('')
    expect(text).not.toContain(SECRET)
    expect(text).not.toContain('PRIVATE KEY')
  })
})
