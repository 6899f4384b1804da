// The action adapter in process: a recording IO (as codeql-action's
// getRecordingLogger) and the simulator on 127.0.0.1.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import type { ActionIO } from '../../src/action/main.js'
import { CHECK_IDS } from '../../src/engine/index.js'
import { runFromEnv } from '../../__fixtures__/action.js'
import {
  OWNER,
  POLICY,
  READ_PERMISSIONS,
  REPO,
  reviewedChange,
  standard,
  type GateRun
} from '../../test-support/demo/scenarios.js'
import {
  startSimulator,
  type SimulatorServer
} from '../../test-support/sim/server.js'
import type { World } from '../../test-support/demo/scenarios.js'
import {
  BREAK_GLASS_LABEL,
  parseBreakGlassMarker,
  renderBreakGlassMarker,
  type BreakGlassMarker
} from '../../src/engine/break-glass/marker.js'
import type { EvidenceRecord } from '../../src/engine/evidence/index.js'
import { evidenceProblems } from '../../src/engine/evidence/index.js'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv

/** Problems of a record against the published schema file itself. */
function schemaProblems(record: unknown): string[] {
  const schema = JSON.parse(
    readFileSync(
      new URL('../../schema/evidence.schema.json', import.meta.url),
      'utf8'
    )
  ) as Record<string, unknown>
  const ajv = new Ajv({ allErrors: true, strict: false })
  addFormats(ajv)
  const validate = ajv.compile(schema)
  if (validate(record)) return []
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath} ${e.message ?? ''}`
  )
}

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
  await runFromEnv({
    env: {
      GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
      GITHUB_SHA: run.sha,
      GITHUB_ACTOR: run.actor,
      GITHUB_RUN_ID: String(run.runId),
      // a runner always says what triggered the run (SPEC §4 allowed_events)
      GITHUB_EVENT_NAME: 'push',
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
    // nothing was blocked: warnings, never error annotations, and the
    // summary says what enforce would have done
    expect(rec.annotations).toEqual([])
    expect(rec.log).toContainEqual(
      expect.stringMatching(
        /^warning promotion-gate: promotion \(would block\): /
      )
    )
    const summary = rec.summary.join('')
    expect(summary).toContain('⚠️ **would block** (mode: report)')
    expect(summary).toContain('promotion-gate would block ')
    expect(summary).not.toContain('⛔')
  })

  it('mode audit: the report as the job summary and a JSON file, the step failed for its exception', async () => {
    const { world, run } = standard(reviewedChange)
    const rec = await act(world, run, {
      INPUT_MODE: 'audit',
      'INPUT_AUDIT-SINCE': '31d'
    })
    // The first release went to production ten minutes after staging: less
    // than the policy's hour of soak. The audit says so and fails the step:
    // an exception must be answered (audit-exceptions: report to only report).
    // The period (31 days) also holds the repository's initial commit, pushed
    // by its owner without a pull request: completeness lists it.
    expect(rec.failed).toEqual([
      expect.stringMatching(
        /1 would not have passed the gate; 1 commit on the deployed branches no pull request or allowed direct push explains; 3 exceptions to answer \(see the job summary/
      )
    ])
    expect(rec.outputs.decision).toBe('block')
    expect(rec.outputs.violations).toBe('["promotion"]')
    expect(rec.outputs.summary).toMatch(
      /audit of production, .*: 1 deployments, 1 would not have passed the gate/
    )
    const file = rec.outputs['evidence-file'] ?? ''
    const report = JSON.parse(readFileSync(file, 'utf8')) as {
      entries: { decision: string }[]
    }
    expect(report.entries.map((e) => e.decision)).toEqual(['block'])
    expect(rec.summary.join('')).toContain('# Deployments to production')
  })

  it('mode audit fails the step, naming the input, on a bad audit-since', async () => {
    const { world, run } = standard(reviewedChange)
    const rec = await act(world, run, {
      INPUT_MODE: 'audit',
      'INPUT_AUDIT-SINCE': 'last week'
    })
    expect(rec.outputs.decision).toBe('block')
    expect(rec.failed[0]).toMatch(/audit-since/)
  })

  it('blocks on bad input before any request, naming the input', async () => {
    const { world, run } = standard(reviewedChange)
    const rec = await act(world, run, { INPUT_SHA: 'nope' })
    // every check named as not verified: a block never reports none
    expect(rec.outputs).toMatchObject({
      decision: 'block',
      violations: JSON.stringify(CHECK_IDS),
      'evidence-file': ''
    })
    expect(rec.failed[0]).toMatch(/40-character/)
    // and the job summary says what to fix
    expect(rec.summary).toHaveLength(1)
    expect(rec.summary[0]).toMatch(
      /^## promotion-gate: ⛔ \*\*block\*\*, cannot decide\n[\s\S]*### What to fix\n\nthe commit to deploy must be a full 40-character hex sha; input sha is "nope"/
    )
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

  describe('break-glass (SPEC §5.7)', () => {
    const REASON = 'checkout is down for every customer'
    const policy = `${POLICY}    break_glass:\n      approvers: [erin]\n      review_within: 72h\n`

    /** never deployed to staging; erin approved the run; the job may write issues */
    function emergency(o: { issues?: boolean; approver?: string } = {}) {
      const { world, run } = standard(reviewedChange, {
        environments: ['development'],
        policy
      })
      const approver = world.sim.user(o.approver ?? 'erin')
      world.repo.run(run.runId as number).approve(approver, 'production')
      const token = world.sim.workflowToken({
        ...READ_PERMISSIONS,
        ...(o.issues === false ? {} : { issues: 'write' as const })
      })
      return { world, run: { ...run, token } }
    }

    async function actEmergency(
      world: World,
      run: GateRun,
      extra: Record<string, string> = {}
    ) {
      const rec = await act(world, run, {
        INPUT_TOKEN: run.token,
        'INPUT_BREAK-GLASS-REASON': REASON,
        ...extra
      })
      const file = rec.outputs['evidence-file'] as string
      const evidence = JSON.parse(readFileSync(file, 'utf8')) as EvidenceRecord
      return { rec, evidence }
    }

    it('allows, opens the follow-up issue with its marker and label, and records it', async () => {
      const { world, run } = emergency()
      const { rec, evidence } = await actEmergency(world, run)
      expect(rec.failed).toEqual([])
      expect(rec.outputs.decision).toBe('allow')
      // the overridden check is still a violation
      expect(rec.outputs.violations).toBe('["promotion"]')
      expect(rec.outputs.summary).toMatch(
        /^promotion-gate allowed [0-9a-f]{7} to production by BREAK-GLASS \(approved by erin\), overriding promotion/
      )

      const issues = world.repo.data.issues
      expect(issues).toHaveLength(1)
      const issue = issues[0] as (typeof issues)[number]
      const lastPull = Math.max(...world.repo.data.pulls.map((p) => p.number))
      expect(issue.number).toBe(lastPull + 1)
      expect(issue.title).toBe(
        `Break-glass review: production ${run.sha.slice(0, 7)} (run ${run.runId})`
      )
      expect(issue.labels).toEqual([BREAK_GLASS_LABEL])
      expect(issue.author.login).toBe('github-actions[bot]')
      const marker = parseBreakGlassMarker(issue.body)
      expect(marker).toEqual({
        environment: 'production',
        sha: run.sha,
        run_id: run.runId,
        approved_by: 'erin',
        deployer: 'dora',
        makers: ['alice'],
        due: evidence.break_glass?.review_due
      })
      expect((issue.body ?? '').split('\n')[0]).toBe(
        renderBreakGlassMarker(marker as BreakGlassMarker)
      )
      expect(issue.body).toContain(REASON)
      expect(issue.body).toContain('**`promotion`** (fail)')
      expect(issue.body).toContain(
        `https://github.com/acme/shop/actions/runs/${run.runId}`
      )

      expect(evidence.decision).toBe('allow')
      expect(evidence.break_glass).toEqual({
        reason: REASON,
        approved_by: 'erin',
        overridden_checks: ['promotion'],
        review_within: 259_200,
        review_due: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        follow_up_issue: {
          number: issue.number,
          url: `https://github.com/acme/shop/issues/${issue.number}`
        }
      })
      expect(
        Date.parse(evidence.break_glass?.review_due ?? '') -
          Date.parse(evidence.time)
      ).toBe(259_200_000)
      expect(evidence.checks.find((c) => c.id === 'promotion')?.status).toBe(
        'fail'
      )
      expect(evidenceProblems(evidence)).toEqual([])
      expect(schemaProblems(evidence)).toEqual([])

      const summary = rec.summary.join('')
      expect(summary).toContain('🚨 **allow by break-glass**')
      expect(summary).toContain(
        'This deployment was allowed by break-glass, not because it passed the gate.'
      )
      expect(summary).toContain(
        '| `promotion` | ❌ fail (overridden by break-glass) |'
      )
      expect(summary).toContain(
        `[#${issue.number}](https://github.com/acme/shop/issues/${issue.number})`
      )
      // overridden checks are warnings, not error annotations
      expect(rec.annotations).toEqual([])
      expect(
        rec.log.some((l) =>
          l.startsWith('warning promotion-gate: promotion (fail, overridden')
        )
      ).toBe(true)
    })

    it('blocks, naming issues: write, when the follow-up issue cannot be opened (403)', async () => {
      const { world, run } = emergency({ issues: false })
      const { rec, evidence } = await actEmergency(world, run)
      expect(rec.outputs.decision).toBe('block')
      expect(world.repo.data.issues).toHaveLength(0)
      expect(rec.failed).toHaveLength(1)
      expect(rec.failed[0]).toContain('`issues: write`')
      expect(rec.failed[0]).toContain('follow-up issue could not be opened')
      expect(rec.annotations.map((a) => a.title)).toEqual([
        'promotion-gate: promotion',
        'promotion-gate: break-glass refused'
      ])
      expect(evidence.decision).toBe('block')
      expect(evidence.break_glass).toBeNull()
      expect(evidence.notes.join('\n')).toMatch(
        /follow-up issue could not be opened.*issues: write.*Resource not accessible by integration/
      )
      expect(evidenceProblems(evidence)).toEqual([])
      expect(schemaProblems(evidence)).toEqual([])
    })

    it('blocks and says why when the approval does not count', async () => {
      const { world, run } = emergency({ approver: 'frank' })
      const { rec, evidence } = await actEmergency(world, run)
      expect(rec.outputs.decision).toBe('block')
      expect(world.repo.data.issues).toHaveLength(0)
      expect(rec.failed[0]).toContain(
        'frank approved the run but is not in break_glass.approvers (erin)'
      )
      const refused = rec.annotations.find(
        (a) => a.title === 'promotion-gate: break-glass refused'
      )
      expect(refused?.message).toMatch(/^break-glass requested but /)
      expect(evidence.break_glass).toBeNull()
      expect(schemaProblems(evidence)).toEqual([])
    })

    it('opens no issue when every check passed, and notes the reason was not needed', async () => {
      const { world, run } = standard(reviewedChange, { policy })
      const token = world.sim.workflowToken({
        ...READ_PERMISSIONS,
        issues: 'write'
      })
      const { rec, evidence } = await actEmergency(world, { ...run, token })
      expect(rec.outputs.decision).toBe('allow')
      expect(rec.outputs.summary).toMatch(/checks passed$/)
      expect(world.repo.data.issues).toHaveLength(0)
      expect(evidence.break_glass).toBeNull()
      expect(evidence.notes.join('\n')).toMatch(/every check passed/)
    })

    it('the evidence it cannot write withdraws the break-glass allow', async () => {
      const { world, run } = emergency()
      const file = join(temp, 'a-file')
      writeFileSync(file, '')
      const rec = await act(world, run, {
        INPUT_TOKEN: run.token,
        'INPUT_BREAK-GLASS-REASON': REASON,
        RUNNER_TEMP: file
      })
      expect(rec.outputs.decision).toBe('block')
      expect(rec.failed).toHaveLength(1)
      expect(rec.failed[0]).toMatch(/break-glass allow was withdrawn/)
    })
  })
})
