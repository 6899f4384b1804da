// `promotion-gate serve` as a real process, from source (through tsx) and
// from the bundle users run (dist/cli/index.js, its chunks minified by
// scripts/bundle.ts): it answers, checks a delivery's signature, and SIGTERM
// ends it with exit 0. A child process, so it runs in the scenarios project;
// the in-process runs are in serve-cli.test.ts.
import { describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { createHmac, generateKeyPairSync } from 'node:crypto'

const KEY = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' }
}).privateKey
const ENV = {
  APP_ID: '1',
  PRIVATE_KEY: KEY,
  WEBHOOK_SECRET: 'the webhook secret, long enough',
  HOST: '127.0.0.1',
  GITHUB_API_URL: 'http://127.0.0.1:9'
}

/** A delivery GitHub would send, signed with `secret`. */
function delivery(secret: string): RequestInit {
  const body = JSON.stringify({ action: 'requested' })
  const signature = createHmac('sha256', secret).update(body).digest('hex')
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'deployment_protection_rule',
      'x-github-delivery': '1',
      'x-hub-signature-256': `sha256=${signature}`
    },
    body
  }
}

describe.each([
  ['from source', ['--import', 'tsx', 'src/cli/index.ts']],
  ['from the bundle', ['dist/cli/index.js']]
])('promotion-gate serve %s', (_, command) => {
  it('as a process: verifies a delivery, and SIGTERM exits 0', async () => {
    const child = spawn(
      process.execPath,
      [...command, 'serve', '--port', '0'],
      {
        env: { PATH: process.env.PATH, ...ENV },
        stdio: ['ignore', 'pipe', 'pipe']
      }
    )
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    const listening = new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString()
        const m = /"url":"(http:[^"]+)"/.exec(stdout)
        if (m !== null) resolve(m[1] as string)
      })
      child.on('exit', () => reject(new Error(`exited early: ${stderr}`)))
    })
    const exited = new Promise<number | null>((r) =>
      child.on('exit', (code) => r(code))
    )
    const url = await listening
    expect((await fetch(`${url}/healthz`)).status).toBe(200)
    const hook = `${url}/api/github/webhooks`
    // signed, but not a delivery the gate can judge: refused as malformed
    const signed = await fetch(hook, delivery(ENV.WEBHOOK_SECRET))
    expect(signed.status).toBe(400)
    expect(await signed.text()).toContain('deployment_callback_url is missing')
    const forged = await fetch(hook, delivery('another secret'))
    expect(forged.status).toBe(401)
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(stdout).toContain('"msg":"stopped"')
    expect(stdout).toContain('delivery refused: signature missing or wrong')
    expect(stderr).toBe('')
  })
})
