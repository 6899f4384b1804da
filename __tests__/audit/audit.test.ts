// `promotion-gate audit` in process against the simulator on 127.0.0.1:
// every production deployment in a period, each judged as of its own time.
import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AuditReport, EvidenceRecord } from '../../src/engine/index.js'
import { auditWorld, release } from '../../test-support/demo/audit-world.js'
import {
  BREAK_GLASS_LABEL,
  renderBreakGlassMarker
} from '../../src/engine/break-glass/marker.js'
import { OWNER, REPO, type World } from '../../test-support/demo/scenarios.js'
import {
  startSimulator,
  type SimulatorServer
} from '../../test-support/sim/server.js'
import { cli } from '../cli/helpers.js'

let server: SimulatorServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

async function audit(
  w: World,
  more: string[] = [],
  token = w.sim.adminToken()
): Promise<Awaited<ReturnType<typeof cli>>> {
  server = await startSimulator(w.sim)
  return cli(
    [
      'audit',
      '--repo',
      `${OWNER}/${REPO}`,
      '--environment',
      'production',
      '--api-url',
      server.url,
      ...more
    ],
    { GITHUB_TOKEN: token }
  )
}

const json = (stdout: string): AuditReport => JSON.parse(stdout) as AuditReport

describe('promotion-gate audit', () => {
  it('judges every production deployment of the period and exits 0 when all would pass', async () => {
    const { world: w, releases } = auditWorld(5)
    const r = await audit(w, ['--since', '30d', '--format', 'json'])
    // progress on stderr while it reads, the report alone on stdout
    expect(r.stderr).toContain(
      'promotion-gate audit: reading the deployments to production'
    )
    expect(r.stderr).toContain('5 deployments, 0 would not have passed')
    expect(r.code).toBe(0)
    const report = json(r.stdout)
    expect(report.entries.map((e) => e.deployment.sha)).toEqual(
      releases.map((x) => x.sha)
    )
    expect(report.entries.every((e) => e.decision === 'allow')).toBe(true)
    // each range is the one change since the previous deployment
    expect(
      report.entries.slice(1).map((e) => e.evidence?.changes.length)
    ).toEqual([1, 1, 1, 1])
    expect(report.entries[1]?.evidence?.scope?.since).toBe(releases[0]?.sha)
    expect(report.entries[0]?.evidence?.run.triggering_actor).toBe('dora')
  })

  it('does not count an approval given after the deployment', async () => {
    const { world: w } = auditWorld(2, { room: 4 * 3_600_000 })
    const pr = w.repo.mergedPullRequest({
      author: w.people.alice,
      approvals: [],
      method: 'squash',
      title: 'Unreviewed'
    })
    const sha = pr.data.mergeCommit as string
    w.repo
      .workflowRun({ actor: w.people.alice, headSha: sha, name: 'ci' })
      .job('test', 'success')
    w.sim.advance('1m')
    w.repo.deployFromRun(
      w.repo.workflowRun({ actor: w.people.dora, headSha: sha }).data,
      'development'
    )
    w.sim.advance('10m')
    w.repo.deployFromRun(
      w.repo.workflowRun({ actor: w.people.dora, headSha: sha }).data,
      'staging'
    )
    w.sim.advance('2h')
    w.repo.deployFromRun(
      w.repo.workflowRun({ actor: w.people.dora, headSha: sha }).data,
      'production'
    )
    w.sim.advance('30m')
    pr.approve(w.people.bob)
    const r = await audit(w, ['--since', '30d', '--format', 'json'])
    expect(r.code).toBe(1)
    const last = json(r.stdout).entries.at(-1)
    expect(last?.deployment.sha).toBe(sha)
    expect(last?.decision).toBe('block')
    expect(last?.violations).toEqual(
      expect.arrayContaining(['approval-record'])
    )
  })

  it('lists only deployments inside the period', async () => {
    const { world: w, releases } = auditWorld(4)
    const r = await audit(w, ['--since', '7h', '--format', 'json'])
    const shas = json(r.stdout).entries.map((e) => e.deployment.sha)
    expect(shas).toEqual(releases.slice(-2).map((x) => x.sha))
  })

  it('prints Markdown with the access matrix, and CSV with one row per deployment', async () => {
    const { world: w } = auditWorld(3)
    const md = await audit(w, ['--since', '30d'])
    expect(md.stdout).toContain('# Deployments to production: acme/shop')
    expect(md.stdout).toContain('**3** successful deployments')
    expect(md.stdout).toContain('## Access matrix')
    await server?.close()
    const csv = await audit(w, ['--since', '30d', '--format', 'csv'])
    // population.csv: one header, CRLF, no second table after a blank line
    const lines = csv.stdout.split('\r\n')
    expect(lines[0]).toMatch(
      /^deployment_id,deployment_url,environment,sha,succeeded_at,/
    )
    expect(lines).toEqual([...lines.slice(0, 4), ''])
    expect(csv.stdout).not.toContain('section,subject,field,value')
  })

  it('blocks a self-reviewed release and says why', async () => {
    const { world: w } = auditWorld(1, { room: 4 * 3_600_000 })
    release(w, { approvals: [w.people.alice] })
    const r = await audit(w, ['--since', '30d'])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/⛔ block .*maker-checker/)
  })

  it('checks --repo and --policy as check does, and names the command without a token', async () => {
    const { world: w } = auditWorld(1)
    const bad = await audit(w, ['--since', '1d', '--policy', '../etc/x.yml'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain(
      'promotion-gate audit: --policy must be a path inside the repository'
    )
    const noToken = await cli(
      [
        'audit',
        '--repo',
        'acme/shop',
        '--environment',
        'production',
        '--since',
        '1d'
      ],
      {}
    )
    expect(noToken.code).toBe(2)
    expect(noToken.stderr).toContain('promotion-gate audit: no token')
  })

  it('rejects a bad period as a usage error', async () => {
    const { world: w } = auditWorld(1)
    const r = await audit(w, ['--since', 'yesterday'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('since must be a date')
  })

  describe('break-glass deployments', () => {
    /** A release pushed to production without staging, by break-glass. */
    function brokeGlass(w: World): { sha: string; issue: number } {
      const pr = w.repo.mergedPullRequest({
        author: w.people.alice,
        approvals: [w.people.bob],
        method: 'squash'
      })
      const sha = pr.data.mergeCommit as string
      const run = w.repo.workflowRun({ actor: w.people.dora, headSha: sha })
      w.repo.deployFromRun(run.data, 'production')
      const marker = renderBreakGlassMarker({
        environment: 'production',
        sha,
        run_id: run.id,
        approved_by: 'carol',
        deployer: 'dora',
        makers: ['alice'],
        due: new Date(w.sim.now.getTime() + 3_600_000).toISOString()
      })
      const issue = w.repo.issue({
        title: `Break-glass review: production ${sha.slice(0, 7)}`,
        body: `${marker}\nchecks skipped`,
        labels: [BREAK_GLASS_LABEL]
      })
      return { sha, issue: issue.number }
    }

    it('reports a break-glass whose review is missing, and exits 1', async () => {
      const { world: w } = auditWorld(1, { room: 4 * 3_600_000 })
      const { sha, issue } = brokeGlass(w)
      w.sim.advance('2h')
      const r = await audit(w, ['--since', '30d', '--format', 'json'])
      expect(r.code).toBe(1)
      const report = json(r.stdout)
      const entry = report.entries.find((e) => e.deployment.sha === sha)
      expect(entry?.decision).toBe('block')
      expect(entry?.breakGlass).toMatchObject({
        issue: { number: issue },
        review: 'missing',
        approvedBy: 'carol'
      })
    })

    it('accepts a break-glass reviewed in time by someone independent', async () => {
      const { world: w } = auditWorld(1, { room: 4 * 3_600_000 })
      const { issue } = brokeGlass(w)
      w.sim.advance('30m')
      w.repo.closeIssue(issue, w.people.mallory, 'completed')
      // the same change then goes the normal way, so nothing else is flagged
      w.sim.advance('1h')
      const md = await audit(w, ['--since', '30d'])
      expect(md.stdout).toContain('## Break-glass deployments')
      expect(md.stdout).toMatch(/\| ✅ done \|/)
      expect(md.stdout).toContain('(break-glass, review done)')
      expect(md.code).toBe(0)
    })

    it('does not count a review by the approver', async () => {
      const { world: w } = auditWorld(1, { room: 4 * 3_600_000 })
      const { issue } = brokeGlass(w)
      w.sim.advance('30m')
      w.repo.closeIssue(issue, w.people.carol, 'completed')
      w.sim.advance('2h')
      const r = await audit(w, ['--since', '30d', '--format', 'json'])
      const report = json(r.stdout)
      expect(
        'error' in report.breakGlass ? null : report.breakGlass[0]?.review
      ).toBe('missing')
      expect(r.code).toBe(1)
    })

    it('names issues: read when the issues cannot be read', async () => {
      const { world: w } = auditWorld(1)
      const r = await audit(
        w,
        ['--since', '30d'],
        w.sim.workflowToken({
          contents: 'read',
          pull_requests: 'read',
          deployments: 'read',
          actions: 'read',
          checks: 'read',
          statuses: 'read'
        })
      )
      expect(r.stdout).toContain('the token needs `issues: read`')
      expect(r.code).toBe(1)
    })
  })
})

describe('promotion-gate audit --out', () => {
  it('writes each evidence record to DIR/evidence/<deployment id>.json and the report without them', async () => {
    const { world: w } = auditWorld(3)
    const dir = mkdtempSync(join(tmpdir(), 'audit-out-'))
    try {
      const r = await audit(w, [
        '--since',
        '30d',
        '--format',
        'json',
        '--out',
        dir
      ])
      expect(r.code).toBe(0)
      const report = json(r.stdout)
      expect(report.entries).toHaveLength(3)
      for (const e of report.entries) {
        expect(e.evidence).toBeNull()
        const file = join(dir, 'evidence', `${e.deployment.id}.json`)
        const record = JSON.parse(readFileSync(file, 'utf8')) as EvidenceRecord
        expect(record.sha).toBe(e.deployment.sha)
        expect(record.mode).toBe('audit')
        expect(record.changes.map((c) => c.sha)).toEqual(
          e.summary.changes.map((c) => c.sha)
        )
      }
      expect(readdirSync(join(dir, 'evidence'))).toHaveLength(3)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
