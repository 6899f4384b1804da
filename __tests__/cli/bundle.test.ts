// The bundled command line (dist/cli/index.js, the package's `bin`), run as
// a user runs it: a fresh node process, the token in GITHUB_TOKEN, and
// --api-url pointing at the simulator on 127.0.0.1. Build it first with
// `npm run bundle`; dist/ is committed, as for the action.
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import {
  OWNER,
  REPO,
  reviewedChange,
  standard
} from '../../test-support/demo/scenarios.js'
import type { EvidenceRecord } from '../../src/engine/evidence/index.js'
import { evidenceProblems } from '../../src/engine/evidence/index.js'
import {
  startSimulator,
  type SimulatorServer
} from '../../test-support/sim/server.js'
import { VERSION } from '../../src/version.js'

const BIN = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url))

interface Ran {
  code: number
  stdout: string
  stderr: string
  ms: number
}

function run(args: string[], env: Record<string, string> = {}): Promise<Ran> {
  const started = Date.now()
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        // nothing from this machine's environment: no proxy, no token
        env: { PATH: process.env.PATH ?? '', ...env },
        timeout: 60_000,
        maxBuffer: 32 * 1024 * 1024
      },
      (error, stdout, stderr) => {
        const code =
          error === null ? 0 : typeof error.code === 'number' ? error.code : -1
        done({ code, stdout, stderr, ms: Date.now() - started })
      }
    )
  })
}

let server: SimulatorServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

beforeAll(() => {
  if (!existsSync(BIN)) {
    throw new Error(`${BIN} is missing: run npm run bundle first`)
  }
})

describe('dist/cli/index.js', () => {
  it('is an executable node script', () => {
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(
      true
    )
    expect(statSync(BIN).mode & 0o111).not.toBe(0)
    const pkg = JSON.parse(
      readFileSync(
        new URL('../../dist/cli/package.json', import.meta.url),
        'utf8'
      )
    ) as { type: string }
    expect(pkg.type).toBe('module')
  })

  it('--version', async () => {
    const r = await run(['--version'])
    expect(r).toMatchObject({ code: 0, stdout: `${VERSION}\n`, stderr: '' })
  })

  it('check --format json: exit 0 and the evidence record on stdout', async () => {
    const { world: w, run: gate } = standard(reviewedChange)
    server = await startSimulator(w.sim)
    const r = await run(
      [
        'check',
        '--repo',
        `${OWNER}/${REPO}`,
        '--environment',
        'production',
        '--sha',
        gate.sha,
        '--deployer',
        gate.actor,
        '--api-url',
        server.url,
        '--format',
        'json'
      ],
      { GITHUB_TOKEN: gate.token }
    )
    expect(r.stderr).toContain('promotion-gate allowed')
    expect(r.code).toBe(0)
    const evidence = JSON.parse(r.stdout) as EvidenceRecord
    expect(evidenceProblems(evidence)).toEqual([])
    expect(evidence).toMatchObject({
      decision: 'allow',
      mode: 'check',
      repository: 'acme/shop',
      sha: gate.sha,
      tool: { name: 'promotion-gate', version: VERSION }
    })
    expect(`${r.stdout}${r.stderr}`).not.toContain(gate.token)
  })

  it('check: a block exits 1; a usage error exits 2 with one line', async () => {
    const { world: w, run: gate } = standard(reviewedChange, {
      environments: ['development']
    })
    server = await startSimulator(w.sim)
    const args = [
      'check',
      '--repo',
      `${OWNER}/${REPO}`,
      '--environment',
      'production',
      '--sha',
      gate.sha,
      '--deployer',
      gate.actor,
      '--api-url',
      server.url
    ]
    const blocked = await run(args, { GITHUB_TOKEN: gate.token })
    expect(blocked.code).toBe(1)
    expect(blocked.stdout).toMatch(/^promotion\s+fail\s+/m)
    expect(blocked.stdout).toContain('\ndecision: block\n')

    const noToken = await run(args)
    expect(noToken.code).toBe(2)
    expect(noToken.stdout).toBe('')
    expect(noToken.stderr).toBe(
      'promotion-gate check: no token: set GITHUB_TOKEN or GH_TOKEN to a token that can read the repository\nrun promotion-gate check --help\n'
    )
  })

  it('validate: exit 0 valid, 2 invalid', async () => {
    const ok = await run(['validate', '__fixtures__/policies/valid.yml'])
    expect(ok.code).toBe(0)
    const bad = await run(['validate', '__fixtures__/policies/cycle.yml'])
    expect(bad.code).toBe(2)
    expect(bad.stdout).toMatch(/^__fixtures__\/policies\/cycle\.yml:4:12: /)
  })
})
