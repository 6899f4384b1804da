// The packet's access matrix as a periodic access review (SPEC §7, issue 16
// item 7): `audit --out DIR` keeps access.json, exactly what `access
// --format json` prints, and the next quarter's `audit --baseline
// <last packet>/access.json` lists what changed since, as access-review.md,
// in report.html (each change that opens access an exception) and in the
// exit code.
import { afterEach, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { auditWorld, release } from '../../test-support/demo/audit-world.js'
import { OWNER, REPO, type World } from '../../test-support/demo/scenarios.js'
import {
  startSimulator,
  type SimulatorServer
} from '../../test-support/sim/server.js'
import { readBaselineFile } from '../../src/access/baseline.js'
import {
  auditAccessReview,
  reviewExceptions,
  reviewMarkdown
} from '../../src/audit/access-review.js'
import { writePacket } from '../../src/audit/packet.js'
import type { AuditReport } from '../../src/engine/index.js'
import { cli, type CliResult } from '../cli/helpers.js'

let server: SimulatorServer | null = null
const dirs: string[] = []
afterEach(async () => {
  await server?.close()
  server = null
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function outDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'review-packet-'))
  dirs.push(dir)
  return dir
}

async function run(w: World, args: string[]): Promise<CliResult> {
  await server?.close()
  server = await startSimulator(w.sim)
  return cli([...args, '--api-url', server.url], {
    GITHUB_TOKEN: w.sim.adminToken()
  })
}

const audit = (w: World, more: string[]): Promise<CliResult> =>
  run(w, [
    'audit',
    '--repo',
    `${OWNER}/${REPO}`,
    '--environment',
    'production',
    '--since',
    '30d',
    '--quiet',
    ...more
  ])

/** Since the last review: erin made admin, an exempt bypass actor on main; mallory's write access removed. */
function opened(w: World): void {
  w.repo.collaborator(w.sim.user('erin'), 'admin')
  w.repo.data.collaborators.delete('mallory')
  const main = w.repo.data.rulesets.find((r) => r.name === 'protect main')
  if (main === undefined) throw new Error('no ruleset protects main')
  main.bypassActors.push({
    actorId: w.sim.team(`${OWNER}/release-bots`).id,
    actorType: 'Team',
    bypassMode: 'exempt'
  })
}

interface Manifest {
  counts: { exceptions: number }
  access_matrix: { file: string | null; not_read?: string }
  baseline: {
    file: string
    sha256: string
    generated_at: string
    changes: number | null
    needing_attention?: number
    not_reviewed?: string
  } | null
  files: { path: string }[]
}

const manifestOf = (dir: string): Manifest =>
  JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest

const withoutTime = (json: string): unknown => ({
  ...(JSON.parse(json) as Record<string, unknown>),
  generatedAt: null
})

describe('audit --out DIR: access.json', () => {
  it('is the matrix `access --format json` prints, hashed in the manifest, and `access --baseline` accepts it', async () => {
    const { world: w } = auditWorld(2)
    const dir = outDir()
    const r = await audit(w, ['--out', dir])
    expect(r.code).toBe(0)
    const file = join(dir, 'access.json')
    const printed = await run(w, [
      'access',
      '--repo',
      `${OWNER}/${REPO}`,
      '--format',
      'json'
    ])
    expect(withoutTime(readFileSync(file, 'utf8'))).toEqual(
      withoutTime(printed.stdout)
    )
    const manifest = manifestOf(dir)
    expect(manifest.access_matrix.file).toBe('access.json')
    expect(manifest.baseline).toBeNull()
    expect(manifest.files.map((f) => f.path)).toContain('access.json')
    expect(existsSync(join(dir, 'access-review.md'))).toBe(false)

    const reviewed = await run(w, [
      'access',
      '--repo',
      `${OWNER}/${REPO}`,
      '--baseline',
      file
    ])
    expect(reviewed.stderr).not.toContain('--baseline')
    expect(reviewed.code).toBe(0)
    expect(reviewed.stdout).toContain(
      'No change in who may deploy, approve, bypass or push.'
    )
  }, 90_000)
})

describe('audit --baseline <last packet>/access.json', () => {
  it('lists what opened since, weakened first, as exceptions of report.html and of the exit code', async () => {
    const { world: w } = auditWorld(2)
    const first = outDir()
    expect((await audit(w, ['--out', first])).code).toBe(0)
    const baseline = join(first, 'access.json')
    const made = (
      JSON.parse(readFileSync(baseline, 'utf8')) as {
        generatedAt: string
      }
    ).generatedAt
    opened(w)
    const second = outDir()
    const r = await audit(w, ['--out', second, '--baseline', baseline])
    expect(r.code).toBe(1)

    // the md report ends with the review
    expect(r.stdout).toContain('## Changes since the last review')
    expect(r.stdout).toContain(
      `| repository ${OWNER}/${REPO} | ⚠️ weakened | new collaborator with admin access: erin |`
    )
    expect(r.stdout.indexOf('## Access matrix')).toBeLessThan(
      r.stdout.indexOf('## Changes since the last review')
    )

    const md = readFileSync(join(second, 'access-review.md'), 'utf8')
    expect(md).toContain('## Changes since the last review')
    expect(md).toMatch(/new bypass actor: Team \d+ \(exempt\)/)
    expect(md).toMatch(/### Gaps new since the last review\n\n- ⚠️ .*exempt/)

    const html = readFileSync(join(second, 'report.html'), 'utf8')
    expect(html).toContain(
      `<h3 id="access-review">Since the last review (baseline made at ${made})</h3>`
    )
    expect(html).toContain(
      '<strong>access opened</strong>: <a href="#access-review">repository acme/shop: new collaborator with admin access: erin</a>'
    )
    expect(html).toMatch(
      /<strong>access gap new<\/strong>: <a href="#access-review">[^<]*exempt/
    )
    expect(html).toContain('<span class="badge b-weakened">weakened</span>')
    const section = html.slice(html.indexOf('id="access-review"'))
    expect(section).toContain('new bypass actor')
    expect(section).toContain(
      '<span class="badge b-strengthened">strengthened</span></td><td>collaborator mallory no longer holds write access'
    )
    // weakened first
    expect(section.lastIndexOf('b-weakened')).toBeLessThan(
      section.indexOf('b-strengthened')
    )
    expect(html).not.toContain(
      'collaborator mallory no longer holds write access</a>'
    )

    const manifest = manifestOf(second)
    const exceptions = manifest.counts.exceptions
    // two changes opened access, the exempt actor makes two new gaps; no
    // deployment failed, and the access removed is no exception
    expect(exceptions).toBe(4)
    expect(html).toContain(`<h2>Exceptions (${exceptions})</h2>`)
    expect(manifest.baseline).toEqual({
      file: 'access.json',
      sha256: createHash('sha256').update(readFileSync(baseline)).digest('hex'),
      generated_at: made,
      changes: 3,
      needing_attention: 4,
      new_gaps: 2,
      resolved_gaps: 0
    })
    expect(manifest.files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['access.json', 'access-review.md'])
    )

    // the same review in the page `--format html` prints
    const page = await audit(w, ['--format', 'html', '--baseline', baseline])
    expect(page.code).toBe(1)
    expect(page.stdout).toContain('<strong>access opened</strong>')
  }, 120_000)

  it('finds nothing since an unchanged baseline: the exit code is the deployments’ alone', async () => {
    const { world: w } = auditWorld(2, { room: 4 * 3_600_000 })
    const first = outDir()
    expect((await audit(w, ['--out', first])).code).toBe(0)
    const baseline = join(first, 'access.json')
    const clean = outDir()
    const r = await audit(w, ['--out', clean, '--baseline', baseline])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(
      'No change in who may deploy, approve, bypass or push.'
    )
    expect(manifestOf(clean).baseline).toMatchObject({
      changes: 0,
      needing_attention: 0
    })
    expect(manifestOf(clean).counts.exceptions).toBe(0)
    expect(readFileSync(join(clean, 'report.html'), 'utf8')).toContain(
      '<h2>Exceptions (0)</h2>'
    )
    // a self-reviewed release fails the audit on its own
    release(w, { approvals: [w.people.alice] })
    const blocked = await audit(w, ['--baseline', baseline, '--format', 'json'])
    expect(blocked.code).toBe(1)
  }, 120_000)

  it('refuses, before any API call, a baseline of another repository or one that is not a matrix', async () => {
    const { world: w } = auditWorld(1)
    const dir = outDir()
    await audit(w, ['--out', dir])
    const other = await cli(
      [
        'audit',
        '--repo',
        'acme/other',
        '--environment',
        'production',
        '--since',
        '30d',
        '--baseline',
        join(dir, 'access.json')
      ],
      { GITHUB_TOKEN: 'ghs_x' }
    )
    expect(other.code).toBe(2)
    expect(other.stderr).toContain(
      `--baseline ${join(dir, 'access.json')} is not an access matrix of \`access --format json\`: it is the matrix of ${OWNER}/${REPO}, not of acme/other`
    )
    expect(other.stderr).toContain('promotion-gate audit --help')
    const missing = await audit(w, ['--baseline', join(dir, 'nope.json')])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain(
      `--baseline ${join(dir, 'nope.json')} could not be read: ENOENT`
    )
    const junk = join(dir, 'junk.json')
    writeFileSync(junk, '{"decision": "allow"}')
    const bad = await audit(w, ['--baseline', junk])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('no `repository`')
  }, 90_000)
})

describe('when the access matrix of now could not be read', () => {
  it('writes no access.json, says why, and counts the review that could not be made as an exception', async () => {
    const { world: w } = auditWorld(1)
    const first = outDir()
    const held = await audit(w, ['--out', first, '--format', 'json'])
    const report = {
      ...(JSON.parse(held.stdout) as AuditReport),
      access: { error: 'the token needs `administration: read`' }
    }
    const baseline = readBaselineFile(
      join(first, 'access.json'),
      `${OWNER}/${REPO}`
    )
    const review = auditAccessReview(report, baseline)
    const dir = outDir()
    const written = writePacket({
      dir,
      report,
      context: {
        arguments: ['audit'],
        apiUrl: 'https://api.github.com',
        graphqlUrl: 'https://api.github.com/graphql',
        tokenKind: 'test',
        calls: { rest: {}, graphql: {} },
        usage: null,
        sample: null,
        accessReview: review
      }
    })
    expect(written.files).not.toContain('access.json')
    expect(written.files).not.toContain('access-review.md')
    expect(existsSync(join(dir, 'access.json'))).toBe(false)
    const manifest = manifestOf(dir)
    expect(manifest.access_matrix).toEqual({
      file: null,
      not_read: 'the token needs `administration: read`'
    })
    expect(manifest.baseline).toMatchObject({
      file: 'access.json',
      changes: null,
      not_reviewed:
        'the access matrix of now could not be read: the token needs `administration: read`'
    })
    const html = readFileSync(join(dir, 'report.html'), 'utf8')
    expect(html).toContain(
      'Not read: the token needs `administration: read`; so the packet holds no access.json.'
    )
    expect(html).toContain('<strong>access review not made</strong>')
    expect(html).toContain(
      'Not made: the access matrix of now could not be read'
    )
    expect(reviewExceptions(review)).toHaveLength(1)
    expect(reviewMarkdown(report, review, '')).toContain(
      'Not made against access.json'
    )
  }, 90_000)
})
