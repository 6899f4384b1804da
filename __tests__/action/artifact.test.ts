import { describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  uploadDirectory,
  uploadEvidence,
  uploadProblem,
  type Upload,
  type Uploader
} from '../../src/action/artifact.js'

const RUNNER = {
  ACTIONS_RUNTIME_TOKEN: 'jwt',
  ACTIONS_RESULTS_URL: 'http://127.0.0.1:1/'
}
const base = {
  file: '/tmp/promotion-gate/evidence-production-1a2b3c4-77-1.json',
  retentionDays: null,
  env: RUNNER,
  runUrl: 'https://github.com/acme/shop/actions/runs/77',
  timeoutMs: 5_000
}

describe('uploadEvidence', () => {
  it('uploads the one file under its own name and links it from the run', async () => {
    const calls: unknown[] = []
    const upload: Uploader = async (u) => {
      calls.push(u)
      return { id: 4242 }
    }
    const outcome = await uploadEvidence(
      { ...base, retentionDays: 400 },
      upload
    )
    expect(outcome).toEqual({
      kind: 'uploaded',
      name: 'evidence-production-1a2b3c4-77-1.json',
      url: 'https://github.com/acme/shop/actions/runs/77/artifacts/4242'
    })
    expect(calls).toEqual([
      {
        name: 'evidence-production-1a2b3c4-77-1.json',
        files: [base.file],
        root: '/tmp/promotion-gate',
        direct: true,
        retentionDays: 400
      }
    ])
  })

  it.each([
    [
      'no runtime token',
      { ACTIONS_RESULTS_URL: 'x' },
      base.runUrl,
      /ACTIONS_RUNTIME_TOKEN unset/
    ],
    [
      'neither variable',
      {},
      base.runUrl,
      /ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL unset/
    ],
    ['no workflow run', RUNNER, null, /no workflow run/]
  ])(
    'is skipped with %s: there is no artifact storage',
    async (_n, env, runUrl, why) => {
      const upload: Uploader = () => {
        throw new Error('must not be called')
      }
      const outcome = await uploadEvidence({ ...base, env, runUrl }, upload)
      expect(outcome.kind).toBe('skipped')
      expect(outcome.kind === 'skipped' && outcome.why).toMatch(why)
      expect(uploadProblem(outcome, base.file)).toBeNull()
    }
  )

  it('a failed upload says where the record is and what to do', async () => {
    const outcome = await uploadEvidence(base, () =>
      Promise.reject(
        new Error(
          '@actions/artifact v2.0.0+, upload-artifact@v4+ and download-artifact@v4+ are not currently supported on GHES.'
        )
      )
    )
    expect(outcome.kind).toBe('failed')
    expect(uploadProblem(outcome, base.file)).toBe(
      `the evidence record was not uploaded as an artifact (@actions/artifact v2.0.0+, upload-artifact@v4+ and download-artifact@v4+ are not currently supported on GHES.); it is at ${base.file} on the runner only: keep it with actions/upload-artifact and the evidence-file output, or set evidence-artifact: false`
    )
  })

  it('an upload that never ends fails after its time', async () => {
    const outcome = await uploadEvidence(
      { ...base, timeoutMs: 20 },
      () => new Promise(() => undefined)
    )
    expect(outcome).toEqual({ kind: 'failed', why: 'no answer within 0.02s' })
  })

  it('zips a directory (the audit packet) into one artifact, every file below it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-packet-'))
    try {
      mkdirSync(join(dir, 'evidence'))
      writeFileSync(join(dir, 'report.json'), '{}')
      writeFileSync(join(dir, 'evidence', '1.json'), '{}')
      const calls: Upload[] = []
      const outcome = await uploadDirectory(
        { ...base, name: 'promotion-gate-audit-production-1', dir },
        async (u) => {
          calls.push(u)
          return { id: 7 }
        }
      )
      expect(outcome).toMatchObject({
        kind: 'uploaded',
        url: `${base.runUrl}/artifacts/7`
      })
      expect(calls).toEqual([
        {
          name: 'promotion-gate-audit-production-1',
          files: [join(dir, 'evidence', '1.json'), join(dir, 'report.json')],
          root: dir,
          direct: false
        }
      ])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
