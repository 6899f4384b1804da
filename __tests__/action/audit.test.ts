// `mode: audit` in the action (SPEC §3, §7, §9) in process against the
// simulator on 127.0.0.1, through a recording IO: each evidence record
// streamed to a file beside the report, blocked deployments named in the
// log, and a budget spent stopping the step with what to do.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import type { ActionIO } from '../../src/action/main.js'
import type { Upload, Uploader } from '../../src/action/artifact.js'
import type { AuditReport } from '../../src/engine/index.js'
import { runFromEnv } from '../../__fixtures__/action.js'
import { auditWorld, release } from '../../test-support/demo/audit-world.js'
import {
  OWNER,
  READ_PERMISSIONS,
  REPO,
  type World
} from '../../test-support/demo/scenarios.js'
import {
  startSimulator,
  type SimulatorServer,
  type SimulatorServerOptions
} from '../../test-support/sim/server.js'

interface Recorded {
  io: ActionIO
  outputs: Record<string, string>
  summary: string[]
  annotations: { title: string; message: string }[]
  failed: string[]
  log: string[]
}

function recording(o: { summaryFails?: boolean } = {}): Recorded {
  const r: Omit<Recorded, 'io'> = {
    outputs: {},
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
    setSecret: () => undefined,
    setOutput: (n, v) => (r.outputs[n] = v),
    writeSummary: (md) => {
      if (o.summaryFails === true)
        return Promise.reject(new Error('EACCES: the summary file'))
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
  temp = mkdtempSync(join(tmpdir(), 'pg-action-audit-'))
})
afterEach(async () => {
  await server?.close()
  server = null
  rmSync(temp, { recursive: true, force: true })
})

async function audit(
  w: World,
  o: {
    sim?: SimulatorServerOptions
    summaryFails?: boolean
    inputs?: Record<string, string>
    env?: Record<string, string>
    upload?: Uploader
  } = {}
): Promise<Recorded> {
  server = await startSimulator(w.sim, o.sim)
  const rec = recording(o)
  const sha = 'f'.repeat(40)
  await runFromEnv({
    env: {
      GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
      GITHUB_SHA: sha,
      GITHUB_ACTOR: 'dora',
      GITHUB_RUN_ID: '1',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_API_URL: server.url,
      GITHUB_GRAPHQL_URL: server.graphqlUrl,
      RUNNER_TEMP: temp,
      INPUT_MODE: 'audit',
      'INPUT_AUDIT-SINCE': '30d',
      INPUT_ENVIRONMENT: 'production',
      INPUT_SHA: sha,
      INPUT_TOKEN: w.sim.workflowToken({ ...READ_PERMISSIONS, issues: 'read' }),
      ...o.inputs,
      ...o.env
    },
    io: rec.io,
    now: () => new Date(),
    upload: o.upload
  })
  return rec
}

describe('mode: audit', () => {
  it('streams each evidence record to a file beside the report, which holds the rows only', async () => {
    const { world: w } = auditWorld(3)
    const rec = await audit(w)
    expect(rec.failed).toEqual([])
    expect(rec.outputs.decision).toBe('allow')
    expect(rec.outputs.violations).toBe('[]')
    const file = rec.outputs['evidence-file'] ?? ''
    const dir = join(temp, 'promotion-gate', 'audit-production')
    expect(file.startsWith(join(dir, 'report-'))).toBe(true)
    const report = JSON.parse(readFileSync(file, 'utf8')) as AuditReport
    expect(report.entries).toHaveLength(3)
    expect(report.entries.every((e) => e.evidence === null)).toBe(true)
    expect(readdirSync(join(dir, 'evidence')).sort()).toEqual(
      report.entries.map((e) => `${e.deployment.id}.json`).sort()
    )
    expect(rec.log).toContain('info reading the deployments to production')
  })

  it('names the first ten deployments that would not have passed, counts the rest, and fails the step', async () => {
    const { world: w } = auditWorld(0, { room: 12 * 190 * 60_000 })
    // eleven self-reviewed releases
    const shas = Array.from(
      { length: 11 },
      () => release(w, { approvals: [w.people.alice] }).sha
    )
    const rec = await audit(w)
    expect(rec.failed).toEqual([
      expect.stringMatching(
        /: 11 deployments, 11 would not have passed the gate; 11 exceptions to answer \(see the job summary; audit-exceptions: report only reports them\)$/
      )
    ])
    expect(rec.outputs.decision).toBe('block')
    expect(JSON.parse(rec.outputs.violations ?? '')).toContain('maker-checker')
    const named = rec.log.filter((l) =>
      /^warning deployment #\d+ of [0-9a-f]{7} at \S+ would not have passed: .*maker-checker/.test(
        l
      )
    )
    expect(named).toHaveLength(10)
    expect(named.map((l) => l.split(' ')[4])).toEqual(
      shas.slice(0, 10).map((s) => s.slice(0, 7))
    )
    expect(rec.log).toContain('warning 1 more: see the job summary')
    expect(rec.outputs.summary).toMatch(
      /: 11 deployments, 11 would not have passed the gate$/
    )
  })

  it('audit-exceptions: report keeps the step green and still says block', async () => {
    const { world: w } = auditWorld(0, { room: 2 * 190 * 60_000 })
    release(w, { approvals: [w.people.alice] })
    const rec = await audit(w, {
      inputs: { 'INPUT_AUDIT-EXCEPTIONS': 'report' }
    })
    expect(rec.failed).toEqual([])
    expect(rec.outputs.decision).toBe('block')
    expect(rec.outputs.summary).toMatch(/1 would not have passed the gate$/)
  })

  it('uploads the report and every evidence record as one artifact, linked from the summary', async () => {
    const { world: w } = auditWorld(2)
    const uploads: Upload[] = []
    const rec = await audit(w, {
      env: {
        ACTIONS_RUNTIME_TOKEN: 'jwt',
        ACTIONS_RESULTS_URL: 'http://127.0.0.1:1/'
      },
      upload: async (u) => {
        uploads.push(u)
        return { id: 99 }
      }
    })
    expect(rec.failed).toEqual([])
    const dir = join(temp, 'promotion-gate', 'audit-production')
    expect(uploads).toHaveLength(1)
    expect(uploads[0]).toMatchObject({
      name: 'promotion-gate-audit-production-1-1',
      root: dir,
      direct: false
    })
    expect(uploads[0]?.files.map((f) => f.slice(dir.length + 1))).toEqual([
      'access.json',
      'changes.csv',
      ...readdirSync(join(dir, 'evidence'))
        .sort()
        .map((f) => join('evidence', f)),
      'manifest.json',
      'population.csv',
      (rec.outputs['evidence-file'] ?? '').slice(dir.length + 1),
      'report.html',
      'unexplained.csv'
    ])
    // the manifest vouches for every other file of the packet
    const manifest = JSON.parse(
      readFileSync(join(dir, 'manifest.json'), 'utf8')
    ) as { files: { path: string }[] }
    expect(manifest.files.map((f) => f.path).sort()).toEqual(
      uploads[0]?.files
        .map((f) => f.slice(dir.length + 1))
        .filter((f) => f !== 'manifest.json')
        .sort()
    )
    const url = 'https://github.com/acme/shop/actions/runs/1/artifacts/99'
    expect(rec.outputs['evidence-url']).toBe(url)
    expect(rec.summary.join('')).toContain(`[The audit packet](${url})`)
  })

  it('warns, and goes on, when the job summary cannot be written', async () => {
    const { world: w } = auditWorld(1)
    const rec = await audit(w, { summaryFails: true })
    expect(rec.failed).toEqual([])
    expect(rec.log).toContain(
      'warning the job summary could not be written: EACCES: the summary file'
    )
    expect(rec.outputs['evidence-file']).not.toBe('')
  })

  it('waits for a refill due within timeout-seconds, and completes', async () => {
    const { world: w } = auditWorld(2)
    /** the report's rows: read at once, the next run writes the same file */
    const rows = (r: Recorded): unknown =>
      (
        JSON.parse(
          readFileSync(r.outputs['evidence-file'] ?? '', 'utf8')
        ) as AuditReport
      ).entries.map((e) => [e.deployment.id, e.decision])
    const full = rows(await audit(w))
    const total = (server?.requests ?? []).reduce(
      (sum, q) => sum + (q.points ?? 0),
      0
    )
    await server?.close()
    // Less than the audit costs, refilled every second: it must wait.
    const started = Date.now()
    const rec = await audit(w, {
      sim: {
        graphqlPointsPerHour: { github_token: Math.ceil(total / 2) + 10 },
        graphqlWindowSeconds: 1
      }
    })
    expect(rec.failed).toEqual([])
    expect(full).toHaveLength(2)
    expect(rows(rec)).toEqual(full)
    // nothing was refused: it waited instead
    expect(server?.requests.filter((q) => q.graphql && q.points === 0)).toEqual(
      []
    )
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
  })

  it('fails the step when the budget is spent, saying to run the workflow again', async () => {
    const { world: w } = auditWorld(2)
    // five points an hour: the refill is further than the step may wait
    const rec = await audit(w, {
      sim: { graphqlPointsPerHour: { github_token: 5 } }
    })
    expect(rec.outputs).toMatchObject({
      decision: 'block',
      violations: '[]',
      'evidence-file': ''
    })
    const said =
      /^GitHub's GraphQL budget is spent until \d\d:\d\d UTC \(5 points an hour for this token\); run the workflow again after then$/
    expect(rec.failed).toHaveLength(1)
    expect(
      rec.failed[0]?.replace('promotion-gate audit could not be made: ', '')
    ).toMatch(said)
    expect(rec.outputs.summary).toBe(rec.failed[0])
    expect(rec.annotations).toHaveLength(1)
    const [message, hint] = rec.annotations[0]?.message.split('\n') ?? []
    expect(rec.annotations[0]?.title).toBe('promotion-gate: audit')
    expect(message).toMatch(said)
    // the error's hint on the annotation's second line
    // in the action's own terms: it has no --max-wait or --resume
    expect(hint).toBe(
      'Give the audit more time to wait for the budget (a longer timeout-seconds), or run it again after the reset.'
    )
  })
})

describe('mode: audit with audit-baseline: a periodic access review', () => {
  /** The last review's packet's access.json, kept in the workspace. */
  async function lastReview(w: World): Promise<string> {
    const rec = await audit(w)
    expect(rec.failed).toEqual([])
    await server?.close()
    const ws = join(temp, 'workspace')
    mkdirSync(join(ws, 'reviews'), { recursive: true })
    copyFileSync(
      join(temp, 'promotion-gate', 'audit-production', 'access.json'),
      join(ws, 'reviews', 'last.json')
    )
    return ws
  }

  it('fails the step on access opened since the last review, and lists it in the summary and the packet', async () => {
    const { world: w } = auditWorld(2)
    const production = (waitTimer: number): void =>
      void w.repo.environment('production', {
        deploymentBranches: { custom: ['main'] },
        waitTimer
      })
    production(30)
    const ws = await lastReview(w)
    // the workflow token reads environments: production now waits less
    production(5)
    const rec = await audit(w, {
      inputs: { 'INPUT_AUDIT-BASELINE': 'reviews/last.json' },
      env: { GITHUB_WORKSPACE: ws }
    })
    expect(rec.outputs.decision).toBe('block')
    expect(rec.failed).toEqual([
      expect.stringMatching(
        /: 2 deployments, 0 would not have passed the gate; access since the baseline of \S+: 1 finding; 1 exception to answer/
      )
    ])
    expect(rec.log).toContain(
      'warning access opened: environment production: wait timer: 30 → 5 minutes (weakened since the last review (baseline last.json, made at '
        .concat(
          (
            JSON.parse(
              readFileSync(join(ws, 'reviews', 'last.json'), 'utf8')
            ) as { generatedAt: string }
          ).generatedAt
        )
        .concat('))')
    )
    expect(rec.summary.join('')).toContain('## Changes since the last review')
    const dir = join(temp, 'promotion-gate', 'audit-production')
    expect(readFileSync(join(dir, 'access-review.md'), 'utf8')).toContain(
      '| environment production | ⚠️ weakened | wait timer: 30 → 5 minutes |'
    )
    const manifest = JSON.parse(
      readFileSync(join(dir, 'manifest.json'), 'utf8')
    ) as { arguments: string[]; baseline: { file: string; changes: number } }
    expect(manifest.arguments).toContain('audit-baseline: reviews/last.json')
    expect(manifest.baseline).toMatchObject({ file: 'last.json', changes: 1 })
  })

  it('keeps the step green when nothing changed since the last review', async () => {
    const { world: w } = auditWorld(1)
    const ws = await lastReview(w)
    const rec = await audit(w, {
      inputs: { 'INPUT_AUDIT-BASELINE': join(ws, 'reviews', 'last.json') }
    })
    expect(rec.failed).toEqual([])
    expect(rec.outputs.decision).toBe('allow')
    expect(rec.outputs.summary).toMatch(
      /access since the baseline of \S+: 0 findings$/
    )
  })

  it('fails the step, naming the input, before any API call when the baseline cannot be used', async () => {
    const { world: w } = auditWorld(1)
    const ws = await lastReview(w)
    const missing = await audit(w, {
      inputs: { 'INPUT_AUDIT-BASELINE': 'reviews/none.json' },
      env: { GITHUB_WORKSPACE: ws }
    })
    expect(missing.failed).toEqual([
      expect.stringMatching(
        /^promotion-gate audit could not be made: input audit-baseline: reviews\/none.json could not be read: ENOENT/
      )
    ])
    expect(missing.outputs.decision).toBe('block')
    expect(server?.requests).toEqual([])
    await server?.close()
    const other = join(ws, 'reviews', 'other.json')
    writeFileSync(
      other,
      readFileSync(join(ws, 'reviews', 'last.json'), 'utf8').replace(
        `"repository": "${OWNER}/${REPO}"`,
        `"repository": "${OWNER}/other"`
      )
    )
    const foreign = await audit(w, {
      inputs: { 'INPUT_AUDIT-BASELINE': other }
    })
    expect(foreign.failed).toEqual([
      `promotion-gate audit could not be made: input audit-baseline: ${other} is not an access matrix of \`access --format json\`: it is the matrix of ${OWNER}/other, not of ${OWNER}/${REPO}`
    ])
  })
})
