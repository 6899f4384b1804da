// `promotion-gate serve` as a real process (from source, through tsx): SIGTERM
// ends it with exit 0. A child process, so it runs in the scenarios project;
// the in-process runs are in serve-cli.test.ts.
import { describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'

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

describe('promotion-gate serve', () => {
  it('as a process: SIGTERM exits 0', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/index.ts', 'serve', '--port', '0'],
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
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(stdout).toContain('"msg":"stopped"')
    expect(stderr).toBe('')
  })
})
