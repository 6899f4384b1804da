// `promotion-gate audit --out DIR`: the auditor's packet of SPEC §7 beside
// evidence/: population.csv and changes.csv (RFC 4180, read back with a real
// parser), sample.csv, and manifest.json with the sha256 of every file.
import { afterEach, describe, expect, it } from '@jest/globals'
import { parse } from 'csv-parse/sync'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { auditWorld } from '../../test-support/demo/audit-world.js'
import {
  OWNER,
  POLICY,
  REPO,
  promote,
  tested,
  type World
} from '../../test-support/demo/scenarios.js'
import {
  startSimulator,
  type SimulatorServer
} from '../../test-support/sim/server.js'
import {
  changeRows,
  csvLine,
  NO_RECORD,
  populationCsv,
  POPULATION_HEADER,
  CHANGES_HEADER
} from '../../src/audit/csv.js'
import type { AuditReport } from '../../src/engine/index.js'
import { cli } from '../cli/helpers.js'

let server: SimulatorServer | null = null
const dirs: string[] = []
afterEach(async () => {
  await server?.close()
  server = null
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function outDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'packet-'))
  dirs.push(dir)
  return dir
}

async function audit(
  w: World,
  more: string[]
): Promise<Awaited<ReturnType<typeof cli>>> {
  await server?.close()
  server = await startSimulator(w.sim)
  return cli(
    [
      'audit',
      '--repo',
      `${OWNER}/${REPO}`,
      '--environment',
      'production',
      '--since',
      '30d',
      '--api-url',
      server.url,
      ...more
    ],
    { GITHUB_TOKEN: w.sim.adminToken() }
  )
}

/** RFC 4180 read strictly: every row as long as the header, nothing skipped. */
function table(text: string): Record<string, string>[] {
  return parse<Record<string, string>>(text, {
    columns: true,
    record_delimiter: '\r\n',
    relax_column_count: false,
    skip_empty_lines: false
  })
}

function rowsOf(text: string): string[][] {
  return parse(text, {
    record_delimiter: '\r\n',
    relax_column_count: false,
    skip_empty_lines: false
  })
}

/** carol may push to main without a pull request */
const DIRECT = POLICY.replace(
  'pull_request: 1',
  'pull_request: 1\n      direct_pushes: [carol]'
)

/**
 * Two reviewed releases, then one made of carol's direct push and her local
 * merge carrying in a commit of mallory's that no pull request merged.
 */
function withCarriedCommit(): {
  w: World
  direct: string
  side: string
  merge: string
} {
  const { world: w } = auditWorld(2, { policy: DIRECT, room: 4 * 3_600_000 })
  const direct = w.repo.commit({
    branch: 'main',
    author: w.people.carol,
    message: 'Bump the version'
  }).oid
  w.repo.branch('sneaky')
  const side = w.repo.commit({
    branch: 'sneaky',
    author: w.people.mallory,
    message: 'Turn off the fraud check',
    files: { 'src/fraud.ts': 'export const enabled = false\n' }
  }).oid
  const merge = w.repo.localMerge({ from: side, by: w.people.carol }).oid
  tested(w, merge)
  promote(w, merge, ['development', 'staging'])
  w.sim.advance('2h')
  promote(w, merge, ['production'])
  w.sim.advance('10m')
  return { w, direct, side, merge }
}

describe('the CSV writer (RFC 4180)', () => {
  it('round-trips a field with a comma, a quote and a line break, and ends each record with CRLF', () => {
    const tricky = 'Fix "billing", then\nrelease'
    const text = csvLine(['1', tricky, 'plain']) + csvLine(['2', '', 'x'])
    expect(text).toBe('1,"Fix ""billing"", then\nrelease",plain\r\n2,,x\r\n')
    expect(rowsOf(text)).toEqual([
      ['1', tricky, 'plain'],
      ['2', '', 'x']
    ])
  })
})

describe('promotion-gate audit --out DIR: the packet', () => {
  it('writes population.csv, changes.csv and a manifest whose digests match every file', async () => {
    const { w, direct, side, merge } = withCarriedCommit()
    const dir = outDir()
    const r = await audit(w, ['--out', dir, '--format', 'json'])
    expect(r.code).toBe(1)

    const populationText = readFileSync(join(dir, 'population.csv'), 'utf8')
    // one header, CRLF line ends, no blank line, no second table
    expect(populationText.split('\r\n')[0]).toBe(POPULATION_HEADER.join(','))
    expect(populationText.endsWith('\r\n')).toBe(true)
    expect(populationText).not.toMatch(/\r\n\r\n/)
    const raw = rowsOf(populationText)
    expect(raw.every((row) => row.length === POPULATION_HEADER.length)).toBe(
      true
    )
    expect(raw.filter((row) => row[0] === 'deployment_id')).toHaveLength(1)
    const population = table(populationText)
    expect(population).toHaveLength(3)
    const [first, , last] = population
    expect(first).toMatchObject({
      environment: 'production',
      decision: 'allow',
      deployer: 'dora',
      makers: 'alice',
      approvers: 'bob',
      policy_path: '.github/promotion-gate.yml'
    })
    expect(first?.deployment_url).toBe(
      `${server?.url}/repos/${OWNER}/${REPO}/deployments/${first?.deployment_id}`
    )
    expect(first?.pull_requests).toMatch(/^#\d+$/)
    expect(first?.pull_request_urls).toMatch(
      new RegExp(`/${OWNER}/${REPO}/pull/\\d+$`)
    )
    expect(first?.approval_times).toMatch(
      /^#\d+ bob \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/
    )
    expect(first?.upstream_deployments).toMatch(
      /deployment #\d+ to staging \(success at [^)]+\) http/
    )
    expect(first?.policy_blob).toMatch(/^[0-9a-f]{40}$/)
    expect(last?.sha).toBe(merge)
    expect(last?.decision).toBe('block')
    expect(last?.violations).toContain('approval-record')
    // the problem's text holds commas: quoted, and read back whole
    const report = JSON.parse(r.stdout) as {
      entries: { summary: { problems: string[] } }[]
    }
    expect(last?.problems).toBe(report.entries[2]?.summary.problems.join('; '))
    expect(last?.problems).toContain(',')
    expect((last?.direct_pushes ?? '').split('; ').sort()).toEqual(
      [direct, merge].sort()
    )
    expect(last?.carried_in).toBe(`${side} by merge ${merge}`)

    const changes = table(readFileSync(join(dir, 'changes.csv'), 'utf8'))
    expect(Object.keys(changes[0] ?? {})).toEqual([...CHANGES_HEADER])
    const ofLast = changes.filter(
      (c) => c.deployment_id === last?.deployment_id
    )
    const entered = Object.fromEntries(
      ofLast.map((c) => [c.change_sha, [c.entered_by, c.carried_by]])
    )
    expect(entered).toEqual({
      [merge]: ['direct push', ''],
      [direct]: ['direct push', ''],
      [side]: ['carried by a merge', merge]
    })
    const reviewed = changes.find(
      (c) => c.deployment_id === first?.deployment_id
    )
    expect(reviewed).toMatchObject({
      entered_by: 'merged pull request',
      approvers: 'bob'
    })
    expect(reviewed?.makers).toMatch(/^alice \(/)

    const manifest = JSON.parse(
      readFileSync(join(dir, 'manifest.json'), 'utf8')
    ) as {
      repository: string
      environment: string
      tool: { version: string }
      api: {
        token_kind: string
        graphql_operations: Record<string, number>
        rest_routes: Record<string, number>
        http_requests: { rest: number; graphql: number }
      }
      counts: Record<string, number>
      sample: unknown
      files: { path: string; bytes: number; sha256: string }[]
    }
    expect(manifest.repository).toBe(`${OWNER}/${REPO}`)
    expect(manifest.environment).toBe('production')
    expect(manifest.api.token_kind).toMatch(/GitHub App installation token/)
    expect(manifest.api.graphql_operations['query AuditDeployments']).toBe(1)
    expect(Object.keys(manifest.api.rest_routes).length).toBeGreaterThan(0)
    expect(manifest.api.http_requests.graphql).toBeGreaterThan(0)
    expect(manifest.counts).toMatchObject({
      deployments: 3,
      blocked: 1,
      allowed: 2,
      changes: changes.length
    })
    expect(manifest.counts.exceptions).toBeGreaterThanOrEqual(1)
    expect(manifest.sample).toBeNull()
    const listed = manifest.files.map((f) => f.path)
    const evidence = readdirSync(join(dir, 'evidence')).map(
      (f) => `evidence/${f}`
    )
    expect(listed.sort()).toEqual(
      [
        'access.json',
        'changes.csv',
        'population.csv',
        'report.html',
        'unexplained.csv',
        ...evidence
      ].sort()
    )
    for (const f of manifest.files) {
      const data = readFileSync(join(dir, f.path))
      expect(f.bytes).toBe(data.length)
      expect(f.sha256).toBe(createHash('sha256').update(data).digest('hex'))
    }
  }, 60_000)

  it('prints population.csv itself with --format csv: one header, one table', async () => {
    const { world: w } = auditWorld(3)
    const dir = outDir()
    const r = await audit(w, ['--out', dir, '--format', 'csv'])
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(readFileSync(join(dir, 'population.csv'), 'utf8'))
    const rows = table(r.stdout)
    expect(rows).toHaveLength(3)
    expect(rows.every((row) => row.makers === 'alice')).toBe(true)
    // without --out the records are held: the same table
    const held = await audit(w, ['--format', 'csv'])
    expect(table(held.stdout).map((row) => row.approvers)).toEqual([
      'bob',
      'bob',
      'bob'
    ])
  }, 60_000)

  it('says a record is missing in its cells rather than leaving them empty', async () => {
    const { world: w } = auditWorld(1)
    const r = await audit(w, ['--format', 'json'])
    const report = JSON.parse(r.stdout) as AuditReport
    const [row] = table(
      populationCsv({
        report,
        recordOf: () => null,
        apiUrl: 'https://ghe.example/api/v3'
      })
    )
    expect(row).toMatchObject({
      makers: NO_RECORD,
      approvers: NO_RECORD,
      approval_times: NO_RECORD,
      upstream_deployments: NO_RECORD,
      decision: 'allow',
      policy_blob: report.policy.blobSha
    })
    expect(row?.deployment_url).toMatch(
      /^https:\/\/ghe\.example\/api\/v3\/repos\/acme\/shop\/deployments\/\d+$/
    )
    const entry = report.entries[0]
    if (entry === undefined) throw new Error('no entry')
    const [change] = changeRows({ entry, record: null })
    expect(change?.[1]).toBe(entry.summary.changes[0]?.sha)
    expect(change?.[3]).toBe('merged pull request')
    expect(change?.slice(8)).toEqual([
      NO_RECORD,
      NO_RECORD,
      NO_RECORD,
      NO_RECORD,
      NO_RECORD
    ])
  }, 60_000)
})
