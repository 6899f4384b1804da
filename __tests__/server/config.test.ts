// The server's configuration: every variable checked, one clear message per
// mistake, never the key or the secret in it.
import { describe, expect, it } from '@jest/globals'
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { UsageError } from '../../src/cli/command.js'
import { DEFAULTS, parseConfig } from '../../src/server/config.js'

const KEY = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' }
}).privateKey
const SECRET = 'a webhook secret of some length'
const BASE = { APP_ID: '123', PRIVATE_KEY: KEY, WEBHOOK_SECRET: SECRET }

function problem(
  env: Record<string, string | undefined>,
  overrides: { port?: string; host?: string } = {}
): string {
  try {
    parseConfig(env, overrides, () => {
      throw Object.assign(new Error('ENOENT: no such file or directory'), {
        code: 'ENOENT'
      })
    })
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError)
    const message = (error as UsageError).message
    expect(message).not.toContain(SECRET)
    expect(message).not.toContain('MII')
    expect((error as UsageError).command).toBe('serve')
    return message
  }
  throw new Error('no problem found')
}

describe('parseConfig', () => {
  it('takes the defaults', () => {
    const c = parseConfig(BASE)
    expect(c).toEqual({
      appId: '123',
      privateKey: KEY,
      webhookSecret: SECRET,
      webhookPath: '/api/github/webhooks',
      port: 3000,
      host: '0.0.0.0',
      apiUrl: 'https://api.github.com',
      graphqlUrl: 'https://api.github.com/graphql',
      serverUrl: 'https://github.com',
      policyPath: '.github/promotion-gate.yml',
      evidenceDir: null,
      timeoutSeconds: 120,
      shutdownSeconds: 30,
      concurrency: 32,
      logLevel: 'info'
    })
    expect(DEFAULTS.port).toBe(3000)
  })

  it('reads every variable, and --port/--host win over PORT/HOST', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-config-'))
    try {
      const c = parseConfig(
        {
          ...BASE,
          APP_ID: 'Iv23liAbCdEf012345',
          PORT: '8080',
          HOST: '127.0.0.1',
          WEBHOOK_PATH: '/hooks/github',
          GITHUB_API_URL: 'https://ghe.example/api/v3/',
          PROMOTION_GATE_POLICY: 'ops/gate.yml',
          PROMOTION_GATE_EVIDENCE_DIR: join(dir, 'evidence'),
          PROMOTION_GATE_TIMEOUT_SECONDS: '60',
          PROMOTION_GATE_SHUTDOWN_SECONDS: '0',
          PROMOTION_GATE_CONCURRENCY: '4',
          LOG_LEVEL: 'DEBUG'
        },
        { port: '0', host: '::1' }
      )
      expect(c).toMatchObject({
        appId: 'Iv23liAbCdEf012345',
        port: 0,
        host: '::1',
        webhookPath: '/hooks/github',
        apiUrl: 'https://ghe.example/api/v3',
        graphqlUrl: 'https://ghe.example/api/graphql',
        serverUrl: 'https://ghe.example',
        policyPath: 'ops/gate.yml',
        evidenceDir: join(dir, 'evidence'),
        timeoutSeconds: 60,
        shutdownSeconds: 0,
        concurrency: 4,
        logLevel: 'debug'
      })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('accepts a key with escaped newlines, or from PRIVATE_KEY_PATH', () => {
    const escaped = KEY.replace(/\n/g, '\\n')
    expect(parseConfig({ ...BASE, PRIVATE_KEY: escaped }).privateKey).toBe(KEY)
    const dir = mkdtempSync(join(tmpdir(), 'pg-key-'))
    try {
      const file = join(dir, 'app.pem')
      writeFileSync(file, KEY)
      const c = parseConfig({
        ...BASE,
        PRIVATE_KEY: undefined,
        PRIVATE_KEY_PATH: file
      })
      expect(c.privateKey).toBe(KEY)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it.each([
    [
      { APP_ID: undefined },
      "APP_ID is not set: give the App's ID (a number, on the App's settings page)"
    ],
    [
      { APP_ID: 'my-app' },
      'APP_ID must be the App\'s numeric ID or its client ID (Iv…), not "my-app"'
    ],
    [
      { PRIVATE_KEY: undefined },
      "no private key: set PRIVATE_KEY to the App's private key (PEM) or PRIVATE_KEY_PATH to its file"
    ],
    [
      { PRIVATE_KEY: 'MIIEowIBAAKCAQEA' },
      'PRIVATE_KEY is not a PEM private key; use the .pem file GitHub generates for the App (it begins with -----BEGIN RSA PRIVATE KEY-----)'
    ],
    [
      { PRIVATE_KEY_PATH: '/etc/app.pem' },
      'set PRIVATE_KEY or PRIVATE_KEY_PATH, not both (which one would be meant is not clear)'
    ],
    [
      { PRIVATE_KEY: undefined, PRIVATE_KEY_PATH: '/nowhere/app.pem' },
      'PRIVATE_KEY_PATH: cannot read /nowhere/app.pem: ENOENT: no such file or directory'
    ],
    [
      { WEBHOOK_SECRET: '  ' },
      "WEBHOOK_SECRET is not set: give the App's webhook secret; without it no delivery can be verified"
    ],
    [
      { PORT: '70000' },
      'PORT must be a whole number from 0 to 65535, not "70000"'
    ],
    [{ PORT: '80a' }, 'PORT must be a whole number from 0 to 65535, not "80a"'],
    [{ HOST: 'a b' }, 'HOST must be a host name or IP address, not "a b"'],
    [
      { WEBHOOK_PATH: 'hooks' },
      'WEBHOOK_PATH must be a URL path such as /api/github/webhooks, not "hooks"'
    ],
    [
      { WEBHOOK_PATH: '/healthz' },
      'WEBHOOK_PATH cannot be /healthz, the health endpoint'
    ],
    [
      { GITHUB_API_URL: 'ftp://x' },
      'GITHUB_API_URL must be an http(s) URL, not "ftp://x"'
    ],
    [
      { PROMOTION_GATE_POLICY: '../gate.yml' },
      'PROMOTION_GATE_POLICY must be a path inside the repository such as .github/promotion-gate.yml, not "../gate.yml"'
    ],
    [
      { PROMOTION_GATE_TIMEOUT_SECONDS: '0' },
      'PROMOTION_GATE_TIMEOUT_SECONDS must be a whole number from 1 to 3600, not "0"'
    ],
    [
      { PROMOTION_GATE_CONCURRENCY: '-1' },
      'PROMOTION_GATE_CONCURRENCY must be a whole number from 1 to 1000, not "-1"'
    ],
    [
      { LOG_LEVEL: 'loud' },
      'LOG_LEVEL must be one of debug, info, warning, error, not "loud"'
    ],
    [
      { PROMOTION_GATE_EVIDENCE_DIR: '/dev/null/evidence' },
      expect.stringMatching(
        /^PROMOTION_GATE_EVIDENCE_DIR: \/dev\/null\/evidence is not a writable directory: ENOTDIR/
      )
    ]
  ])('%j: %s', (env, message) => {
    expect(problem({ ...BASE, ...env })).toEqual(message)
  })

  it('names the option when --port or --host is wrong', () => {
    expect(problem(BASE, { port: 'x' })).toBe(
      '--port must be a whole number from 0 to 65535, not "x"'
    )
    expect(problem(BASE, { host: '$(x)' })).toBe(
      '--host must be a host name or IP address, not "$(x)"'
    )
  })

  it('refuses a key that is not RSA', () => {
    const ec = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' }
    }).privateKey
    expect(problem({ ...BASE, PRIVATE_KEY: ec })).toBe(
      'PRIVATE_KEY is not an RSA key (it is ec); GitHub App keys are RSA (the .pem file GitHub generates for the App)'
    )
  })
})
