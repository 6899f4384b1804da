// The action adapter in process: a recording IO (as codeql-action's
// getRecordingLogger) and the simulator on 127.0.0.1.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { runAction, type ActionIO } from '../../src/action/main.js'
import {
  OWNER,
  READ_PERMISSIONS,
  REPO,
  reviewedChange,
  standard,
  type GateRun
} from '../../src/demo/scenarios.js'
import { startSimulator, type SimulatorServer } from '../../src/sim/server.js'
import type { World } from '../../src/demo/scenarios.js'

interface Recorded {
  io: ActionIO
  outputs: Record<string, string>
  secrets: string[]
  summary: string[]
  annotations: { title: string; message: string }[]
  failed: string[]
  log: string[]
}

function recording(): Recorded {
  const r: Omit<Recorded, 'io'> = {
    outputs: {},
    secrets: [],
    summary: [],
    annotations: [],
    failed: [],
    log: []
  }
  const io: ActionIO = {
    debug: (m) => r.log.push(`debug ${m}`),
    info: (m) => r.log.push(`info ${m}`),
    warning: (m) => r.log.push(`warning ${m}`),
    error: (m) => r.log.push(`error ${m}`),
    setSecret: (s) => r.secrets.push(s),
    setOutput: (n, v) => (r.outputs[n] = v),
    writeSummary: (md) => {
      r.summary.push(md)
      return Promise.resolve()
    },
    annotate: (message, title) => r.annotations.push({ title, message }),
    setFailed: (m) => r.failed.push(m)
  }
  return { ...r, io }
}

let temp: string
let server: SimulatorServer | null = null

beforeEach(() => {
  temp = mkdtempSync(join(tmpdir(), 'pg-action-'))
})
afterEach(async () => {
  await server?.close()
  server = null
  rmSync(temp, { recursive: true, force: true })
})

async function act(
  w: World,
  run: GateRun,
  extra: Record<string, string> = {}
): Promise<Recorded> {
  server = await startSimulator(w.sim)
  const rec = recording()
  await runAction({
    env: {
      GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
      GITHUB_SHA: run.sha,
      GITHUB_ACTOR: run.actor,
      GITHUB_RUN_ID: String(run.runId),
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_API_URL: server.url,
      GITHUB_GRAPHQL_URL: server.graphqlUrl,
      RUNNER_TEMP: temp,
      INPUT_ENVIRONMENT: run.environment,
      INPUT_SHA: run.sha,
      INPUT_TOKEN: run.token,
      ...extra
    },
    io: rec.io,
    now: () => new Date()
  })
  return rec
}

describe('runAction', () => {
  it('allows, masks the token, writes outputs, evidence and the summary', async () => {
    const { world, run } = standard(reviewedChange)
    const rec = await act(world, run)
    expect(rec.secrets).toEqual([run.token])
    expect(rec.failed).toEqual([])
    expect(rec.outputs).toMatchObject({ decision: 'allow', violations: '[]' })
    expect(rec.outputs.summary).toMatch(
      /^promotion-gate allowed [0-9a-f]{7} to production/
    )
    const evidence = JSON.parse(
      readFileSync(rec.outputs['evidence-file'] as string, 'utf8')
    ) as Record<string, unknown>
    expect(evidence).toMatchObject({
      decision: 'allow',
      repository: 'acme/shop',
      environment: 'production',
      sha: run.sha,
      run: { id: run.runId, attempt: 1, actor: 'dora' },
      api_requests: 3
    })
    expect(rec.summary.join('')).toContain('| `promotion` | ✅ pass |')
    expect(rec.summary.join('')).toMatch(
      /\[#\d+\]\(https:\/\/github.com\/acme\/shop\/pull\/\d+\)/
    )
  })

  it('fails the step with one annotation per violation', async () => {
    const { world, run } = standard(reviewedChange, {
      environments: ['development']
    })
    const rec = await act(world, run)
    expect(rec.outputs.decision).toBe('block')
    expect(rec.annotations.map((a) => a.title)).toEqual([
      'promotion-gate: promotion'
    ])
    expect(rec.failed).toHaveLength(1)
    expect(rec.failed[0]).toMatch(/never deployed successfully to staging/)
  })

  it('mode report: same decision, the step does not fail', async () => {
    const { world, run } = standard(reviewedChange, {
      environments: ['development']
    })
    const rec = await act(world, run, { INPUT_MODE: 'report' })
    expect(rec.outputs.decision).toBe('block')
    expect(rec.failed).toEqual([])
    expect(
      rec.log.some((l) => l.startsWith('warning') && l.includes('mode: report'))
    ).toBe(true)
  })

  it('mode audit is refused (not in this version), and blocks', async () => {
    const { world, run } = standard(reviewedChange)
    const rec = await act(world, run, { INPUT_MODE: 'audit' })
    expect(rec.outputs.decision).toBe('block')
    expect(rec.failed[0]).toMatch(/mode audit is not available/)
  })

  it('blocks on bad input before any request, naming the input', async () => {
    const { world, run } = standard(reviewedChange)
    const rec = await act(world, run, { INPUT_SHA: 'nope' })
    expect(rec.outputs).toMatchObject({
      decision: 'block',
      violations: '[]',
      'evidence-file': ''
    })
    expect(rec.failed[0]).toMatch(/40-character/)
    expect(server?.requests).toHaveLength(0)
    expect(rec.secrets).toEqual([run.token])
  })

  it('publishes the commit status promotion-gate/<environment>', async () => {
    const { world, run } = standard(reviewedChange)
    const token = world.sim.workflowToken({
      ...READ_PERMISSIONS,
      statuses: 'write'
    })
    const rec = await act(
      world,
      { ...run, token },
      { INPUT_TOKEN: token, 'INPUT_COMMIT-STATUS': 'true' }
    )
    expect(rec.outputs.decision).toBe('allow')
    const statuses = world.repo.data.commitStatuses.filter(
      (s) => s.sha === run.sha
    )
    expect(statuses).toHaveLength(1)
    expect(statuses[0]).toMatchObject({
      state: 'success',
      context: 'promotion-gate/production',
      targetUrl: `https://github.com/acme/shop/actions/runs/${run.runId}`
    })
    expect((statuses[0]?.description ?? '').length).toBeLessThanOrEqual(140)
  })

  it('records a commit status it could not post, without changing the decision', async () => {
    const { world, run } = standard(reviewedChange)
    const rec = await act(world, run, { 'INPUT_COMMIT-STATUS': 'true' })
    expect(rec.outputs.decision).toBe('allow')
    const evidence = JSON.parse(
      readFileSync(rec.outputs['evidence-file'] as string, 'utf8')
    ) as { notes: string[] }
    expect(evidence.notes.join(' ')).toMatch(/statuses: write/)
  })

  it('turns allow into block when the evidence cannot be written', async () => {
    const { world, run } = standard(reviewedChange)
    // a directory cannot be made inside a regular file, even by root
    const file = join(temp, 'a-file')
    writeFileSync(file, '')
    const rec = await act(world, run, { RUNNER_TEMP: file })
    expect(rec.outputs.decision).toBe('block')
    expect(rec.outputs['evidence-file']).toBe('')
    expect(rec.failed).toHaveLength(1)
    expect(
      rec.log.some((l) => l.includes('evidence could not be written'))
    ).toBe(true)
  })

  it('notes that break-glass is not available and decides as usual', async () => {
    const { world, run } = standard(reviewedChange, {
      environments: ['development']
    })
    const rec = await act(world, run, {
      'INPUT_BREAK-GLASS-REASON': 'prod is down'
    })
    expect(rec.outputs.decision).toBe('block')
    expect(
      rec.log.some((l) => l.includes('break-glass is not available'))
    ).toBe(true)
  })
})
