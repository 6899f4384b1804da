// mode: audit runs in a node process of its own, started with a small young
// generation (src/action/audit-process.ts): through the bundle, the audit
// is made in the second process, with the flag, and its outputs and exit
// code are the step's; a process that does not end by itself fails closed.
import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  runAuditProcess,
  YOUNG_GENERATION
} from '../../src/action/audit-process.js'
import { auditWorld } from '../../test-support/demo/audit-world.js'
import { gateRun, READ_PERMISSIONS } from '../../test-support/demo/scenarios.js'
import { runGate } from './helpers.js'

const dir = mkdtempSync(join(tmpdir(), 'pg-audit-process-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('mode: audit in a process of its own', () => {
  it('audits in a second node started with a small young generation, whose outputs and exit are the step’s', async () => {
    const { world: w } = auditWorld(2)
    const seen = join(dir, 'processes.log')
    const preload = join(dir, 'argv.cjs')
    writeFileSync(
      preload,
      `require('node:fs').appendFileSync(${JSON.stringify(seen)}, process.pid + ' ' + JSON.stringify(process.execArgv) + '\\n')\n`
    )
    const run = gateRun(w, w.repo.data.branches.get('main') as string, {
      token: w.sim.workflowToken({ ...READ_PERMISSIONS, issues: 'read' })
    })
    const r = await runGate(
      w,
      {
        ...run,
        inputs: { ...run.inputs, mode: 'audit', 'audit-since': '30d' }
      },
      { env: { NODE_OPTIONS: `--require ${JSON.stringify(preload)}` } }
    )
    expect(r.exitCode).toBe(0)
    expect(r.outputs.decision).toBe('allow')
    expect(r.outputs.summary).toMatch(/2 deployments, 0 would not have passed/)
    const lines = readFileSync(seen, 'utf8').trim().split('\n')
    expect(lines).toHaveLength(2)
    const argv = lines.map((l) => JSON.parse(l.slice(l.indexOf(' ') + 1)))
    expect(argv[0]).not.toContain(YOUNG_GENERATION)
    expect(argv[1]).toContain(YOUNG_GENERATION)
  }, 60_000)

  it('ends with the exit code the audit process ends with', async () => {
    const script = join(dir, 'exit3.mjs')
    writeFileSync(script, 'process.exit(3)\n')
    await expect(runAuditProcess({ script, env: {} })).resolves.toBe(3)
  })

  it('fails closed when the audit process is killed or cannot start', async () => {
    const script = join(dir, 'killed.mjs')
    writeFileSync(script, "process.kill(process.pid, 'SIGKILL')\n")
    await expect(runAuditProcess({ script, env: {} })).rejects.toThrow(
      'the audit process was stopped by SIGKILL before it finished (out of memory?): no packet was made'
    )
    await expect(
      runAuditProcess({
        script,
        env: {},
        execPath: join(dir, 'no-such-node')
      })
    ).rejects.toThrow(/^the audit process could not start: spawn .*ENOENT/)
  })
})
