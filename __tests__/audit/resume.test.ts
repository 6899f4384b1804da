// `promotion-gate audit` stopped by GitHub's GraphQL budget and resumed from
// its checkpoint (SPEC §9), in process against the simulator on 127.0.0.1:
// --checkpoint, --resume and --max-wait, their errors and exit codes.
import { afterEach, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  runAudit,
  silentLogger,
  type AuditCheckpoint,
  type AuditReport
} from '../../src/engine/index.js'
import { createClient } from '../../src/github/client.js'
import { auditWorld } from '../../test-support/demo/audit-world.js'
import {
  OWNER,
  POLICY_PATH,
  REPO,
  type World
} from '../../test-support/demo/scenarios.js'
import {
  startSimulator,
  type SimulatorServer,
  type SimulatorServerOptions
} from '../../test-support/sim/server.js'
import { cli, type CliResult } from '../cli/helpers.js'

let server: SimulatorServer | null = null
let dir = ''
afterEach(async () => {
  await server?.close()
  server = null
  if (dir !== '') rmSync(dir, { recursive: true, force: true })
  dir = ''
})

const tempDir = (): string => {
  dir = mkdtempSync(join(tmpdir(), 'pg-resume-'))
  return dir
}

async function serve(w: World, o?: SimulatorServerOptions): Promise<string> {
  await server?.close()
  server = await startSimulator(w.sim, o)
  return server.url
}

async function audit(
  w: World,
  more: string[],
  o: { sim?: SimulatorServerOptions; environment?: string } = {}
): Promise<CliResult> {
  const url = await serve(w, o.sim)
  return cli(
    [
      'audit',
      '--repo',
      `${OWNER}/${REPO}`,
      '--environment',
      o.environment ?? 'production',
      '--api-url',
      url,
      ...more
    ],
    { GITHUB_TOKEN: w.sim.adminToken() }
  )
}

const SINCE = new Date(Date.now() - 30 * 86_400_000)
const UNTIL = new Date()

/**
 * The checkpoint a run of the engine saved last, with only the first
 * `judged` of its deployments judged: where a run stopped by the budget
 * after a chunk stands.
 */
async function checkpointOf(
  w: World,
  judged: number
): Promise<AuditCheckpoint> {
  const url = await serve(w)
  let last: AuditCheckpoint | undefined
  await runAudit(
    {
      owner: OWNER,
      repo: REPO,
      environment: 'production',
      policyPath: POLICY_PATH,
      policyRef: null,
      since: SINCE,
      until: UNTIL,
      serverUrl: 'https://github.com'
    },
    {
      github: createClient({
        token: w.sim.adminToken(),
        apiUrl: url,
        graphqlUrl: `${url}/graphql`,
        logger: silentLogger,
        timeoutMs: 30_000
      }),
      logger: silentLogger,
      now: () => UNTIL,
      checkpoint: (c) => {
        last = structuredClone(c)
        return Promise.resolve()
      }
    }
  )
  if (last === undefined) throw new Error('no checkpoint was saved')
  return { ...last, judged: last.judged.slice(0, judged) }
}

const json = (stdout: string): AuditReport => JSON.parse(stdout) as AuditReport

/** What a resumed audit must equal: all but when it ran and what it asked. */
const rows = (r: AuditReport): unknown =>
  r.entries.map((e) => ({
    id: e.deployment.id,
    decision: e.decision,
    violations: e.violations
  }))

describe('promotion-gate audit --resume', () => {
  it('goes on from the checkpoint without --since, does not read the population again, and removes the checkpoint once complete', async () => {
    const { world: w } = auditWorld(5)
    const full = await audit(w, ['--since', '30d', '--format', 'json'])
    expect(full.code).toBe(0)
    const file = join(tempDir(), 'audit.checkpoint')
    writeFileSync(file, JSON.stringify(await checkpointOf(w, 3)))

    const r = await audit(w, [
      '--checkpoint',
      file,
      '--resume',
      '--format',
      'json'
    ])
    expect(r.stderr).toContain(
      '5 successful deployments to production in the period, 3 judged before'
    )
    expect(r.code).toBe(0)
    const report = json(r.stdout)
    // the checkpoint's period, not one from now
    expect(report.period).toEqual({
      since: SINCE.toISOString(),
      until: UNTIL.toISOString()
    })
    expect(rows(report)).toEqual(rows(json(full.stdout)))
    // the population is the checkpoint's: not read again
    expect(
      server?.requests.filter((q) => q.operationName === 'AuditDeployments')
    ).toEqual([])
    expect(existsSync(file)).toBe(false)
  })

  it('finds the checkpoint in the --out directory', async () => {
    const { world: w } = auditWorld(2)
    const out = tempDir()
    writeFileSync(
      join(out, 'checkpoint.json'),
      JSON.stringify(await checkpointOf(w, 1))
    )
    const r = await audit(w, ['--out', out, '--resume', '--format', 'json'])
    expect(r.code).toBe(0)
    expect(json(r.stdout).entries).toHaveLength(2)
    expect(existsSync(join(out, 'checkpoint.json'))).toBe(false)
  })

  it('refuses a checkpoint made for another audit: the audit is not made, the checkpoint kept', async () => {
    const { world: w } = auditWorld(2)
    const file = join(tempDir(), 'checkpoint.json')
    writeFileSync(file, JSON.stringify(await checkpointOf(w, 1)))
    const r = await audit(w, ['--checkpoint', file, '--resume'], {
      environment: 'staging'
    })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(
      'the audit could not be made: the checkpoint was made for another audit: environment production, not staging'
    )
    expect(r.stderr).toContain(
      'hint: Resume with the options the audit was started with, or start it again without --resume.'
    )
    expect(r.stdout).toBe('')
    expect(existsSync(file)).toBe(true)
  })

  it('refuses a --since that is not the checkpoint’s', async () => {
    const { world: w } = auditWorld(2)
    const file = join(tempDir(), 'checkpoint.json')
    writeFileSync(file, JSON.stringify(await checkpointOf(w, 1)))
    const r = await audit(w, [
      '--checkpoint',
      file,
      '--resume',
      '--since',
      '2026-01-01'
    ])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(
      /the checkpoint was made for another audit: since \S+, not 2026-01-01T00:00:00\.000Z; until /
    )
  })

  it.each([
    [
      'no checkpoint named',
      (): string[] => ['--resume'],
      (): string =>
        '--resume needs the checkpoint: give --checkpoint FILE or --out DIR'
    ],
    [
      'no checkpoint file',
      (): string[] => ['--resume', '--checkpoint', join(dir, 'none.json')],
      (): string =>
        `there is no checkpoint to resume at ${join(dir, 'none.json')}`
    ],
    [
      'a file that is not a checkpoint',
      (): string[] => {
        writeFileSync(join(dir, 'report.json'), '{"entries":[]}')
        return ['--resume', '--checkpoint', join(dir, 'report.json')]
      },
      (): string => `${join(dir, 'report.json')} is not an audit checkpoint`
    ]
  ])('is a usage error with %s, before any request', async (_, args, said) => {
    const { world: w } = auditWorld(1)
    tempDir()
    const r = await audit(w, args())
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`promotion-gate audit: ${said()}\n`)
    expect(r.stderr).toContain('run promotion-gate audit --help')
    expect(server?.requests).toEqual([])
  })

  it('needs a non-blank --environment', async () => {
    const { world: w } = auditWorld(1)
    const r = await audit(w, ['--since', '1d'], { environment: ' ' })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      'promotion-gate audit: --environment is required'
    )
    expect(server?.requests).toEqual([])
  })

  it('still needs --since without --resume', async () => {
    const { world: w } = auditWorld(1)
    const r = await audit(w, [])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('promotion-gate audit: --since is required')
  })
})

describe('promotion-gate audit when the budget is spent', () => {
  // Five points an hour: the first query's answer says too little is left
  // for the next, and the refill is an hour away.
  const sim: SimulatorServerOptions = {
    graphqlPointsPerHour: { installation: 5 }
  }

  it('stops, names the reset and the checkpoint to resume from, and exits 1', async () => {
    const { world: w } = auditWorld(2)
    const file = join(tempDir(), 'checkpoint.json')
    const r = await audit(
      w,
      ['--since', '30d', '--checkpoint', file, '--max-wait', '30s'],
      { sim }
    )
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(
      /the audit could not be made: GitHub's GraphQL budget is spent until \d\d:\d\d UTC \(5 points an hour for this token\); run again with --resume after then/
    )
    expect(r.stderr).toContain(
      'hint: Give the audit more time to wait for the budget (--max-wait), or resume it after the reset.'
    )
    expect(r.stderr).toContain(`the checkpoint is ${file}`)
    expect(r.stdout).toBe('')
  })

  it('says how to keep a checkpoint when none was asked for', async () => {
    const { world: w } = auditWorld(2)
    const r = await audit(w, ['--since', '30d'], { sim })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(
      'no checkpoint was kept: give --checkpoint FILE (or --out DIR) to resume instead of starting again'
    )
  })
})

describe('promotion-gate audit --max-wait', () => {
  it('waits for a refill due before its time is up, and completes', async () => {
    const { world: w } = auditWorld(2)
    const full = await audit(w, ['--since', '30d', '--format', 'json'])
    const total = (server?.requests ?? []).reduce(
      (sum, q) => sum + (q.points ?? 0),
      0
    )
    // Less than the audit costs, refilled every second: it must wait.
    const started = Date.now()
    const r = await audit(
      w,
      ['--since', '30d', '--format', 'json', '--max-wait', '30s'],
      {
        sim: {
          graphqlPointsPerHour: { installation: Math.ceil(total / 2) + 10 },
          graphqlWindowSeconds: 1
        }
      }
    )
    expect(r.code).toBe(0)
    expect(rows(json(r.stdout))).toEqual(rows(json(full.stdout)))
    // nothing was refused: it waited instead
    expect(
      server?.requests.filter((q) => q.graphql === true && q.points === 0)
    ).toEqual([])
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
  })

  it.each(['2 hours', '1.5h', '1d', 'soon'])(
    'refuses %j as a usage error, before any request',
    async (text) => {
      const { world: w } = auditWorld(1)
      const r = await audit(w, ['--since', '1d', '--max-wait', text])
      expect(r.code).toBe(2)
      expect(r.stderr).toContain(
        `promotion-gate audit: --max-wait must be a duration such as 90s, 30m or 2h, not ${JSON.stringify(text)}`
      )
      expect(server?.requests).toEqual([])
    }
  )
})

describe('promotion-gate audit --checkpoint', () => {
  it('removes a checkpoint left by an earlier run once the audit completes', async () => {
    const { world: w } = auditWorld(2)
    const file = join(tempDir(), 'checkpoint.json')
    writeFileSync(file, 'left over')
    const r = await audit(w, ['--since', '30d', '--checkpoint', file])
    expect(r.code).toBe(0)
    expect(existsSync(file)).toBe(false)
  })
})
