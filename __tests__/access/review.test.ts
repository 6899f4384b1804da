// `promotion-gate access --baseline previous.json`: the access matrix as a
// periodic access review, against two states of the simulator: the last
// review's (saved with --format json) and today's.
import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AccessMatrix } from '../../src/engine/index.js'
import type { AccessReview } from '../../src/access/review.js'
import {
  OWNER,
  REPO,
  reviewedChange,
  standard,
  type World
} from '../../test-support/demo/scenarios.js'
import {
  startSimulator,
  type SimulatorServer
} from '../../test-support/sim/server.js'
import { cli } from '../cli/helpers.js'

let server: SimulatorServer | null = null
const dirs: string[] = []
afterEach(async () => {
  await server?.close()
  server = null
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function access(
  w: World,
  more: string[] = []
): Promise<Awaited<ReturnType<typeof cli>>> {
  await server?.close()
  server = await startSimulator(w.sim)
  return cli(
    ['access', '--repo', `${OWNER}/${REPO}`, '--api-url', server.url, ...more],
    { GITHUB_TOKEN: w.sim.adminToken() }
  )
}

/** The matrix of `w` as it is now, saved as a baseline file. */
async function baselineOf(w: World): Promise<string> {
  const r = await access(w, ['--format', 'json'])
  const dir = mkdtempSync(join(tmpdir(), 'baseline-'))
  dirs.push(dir)
  const file = join(dir, 'previous.json')
  writeFileSync(file, r.stdout)
  return file
}

/** Last review's state: production with a reviewer, no self-review, no admin bypass, a 30-minute wait. */
function reviewed(): World {
  const { world: w } = standard(reviewedChange)
  w.repo.environment('production', {
    reviewers: [w.people.carol],
    preventSelfReview: true,
    canAdminsBypass: false,
    waitTimer: 30
  })
  return w
}

/** Today's state: every loosening an access review must catch. */
function loosened(w: World): void {
  w.repo.collaborator(w.sim.user('erin'), 'admin')
  w.repo.collaborator(w.people.alice, 'maintain')
  w.repo.data.collaborators.delete('bob')
  w.repo.environment('production', {
    reviewers: [],
    deploymentBranches: 'all',
    canAdminsBypass: true,
    waitTimer: 5
  })
  const main = w.repo.data.rulesets.find((r) => r.name === 'protect main')
  main?.bypassActors.push({
    actorId: w.sim.team(`${OWNER}/release-bots`).id,
    actorType: 'Team',
    bypassMode: 'exempt'
  })
}

type Reviewed = AccessMatrix & { review: AccessReview }

describe('promotion-gate access --baseline', () => {
  it('names every change that opens access since the last review, and exits 1', async () => {
    const w = reviewed()
    const file = await baselineOf(w)
    loosened(w)
    const r = await access(w, ['--baseline', file, '--format', 'json'])
    expect(r.code).toBe(1)
    const { review } = JSON.parse(r.stdout) as Reviewed
    const said = review.changes.map(
      (c) => `${c.subject} | ${c.direction} | ${c.what}`
    )
    const repo = `repository ${OWNER}/${REPO}`
    expect(said).toEqual(
      expect.arrayContaining([
        `${repo} | weakened | new collaborator with admin access: erin`,
        `${repo} | weakened | collaborator alice: write → maintain`,
        `${repo} | strengthened | collaborator bob no longer holds write access`,
        'environment production | weakened | required reviewer removed: carol',
        'environment production | weakened | deployment branches: main → any branch',
        'environment production | weakened | admin bypass turned on',
        'environment production | weakened | prevent self-review: true → false',
        'environment production | weakened | wait timer: 30 → 5 minutes',
        expect.stringMatching(
          /^branch main \| weakened \| new bypass actor: Team \d+ \(exempt\)$/
        )
      ])
    )
    expect(review.newGaps.join('\n')).toMatch(/exempt/)
    expect(review.newGaps.join('\n')).toMatch(/every branch/)
    expect(review.resolvedGaps).toEqual([])
    // still a baseline for the next review
    expect(r.stdout).toContain('"environments"')
  }, 60_000)

  it('shows the changes in Markdown after the matrix, the weakening first, and as CSV rows under one header', async () => {
    const w = reviewed()
    const file = await baselineOf(w)
    loosened(w)
    const md = await access(w, ['--baseline', file])
    expect(md.stdout).toContain('## Changes since the last review')
    expect(md.stdout).toContain(
      '| environment production | ⚠️ weakened | required reviewer removed: carol |'
    )
    expect(md.stdout.indexOf('⚠️ weakened')).toBeLessThan(
      md.stdout.indexOf('✅ strengthened')
    )
    expect(md.stdout).toMatch(/### Gaps new since the last review\n\n- ⚠️ /)
    expect(md.stderr).toMatch(
      /since the baseline of .*: \d+ changes that open access/
    )
    const csv = await access(w, ['--baseline', file, '--format', 'csv'])
    const lines = csv.stdout.trim().split('\n')
    expect(
      lines.filter((l) => l === 'section,subject,field,value')
    ).toHaveLength(1)
    expect(lines).toContain(
      'change,environment production,weakened,admin bypass turned on'
    )
  }, 60_000)

  it('counts the reverse as strengthened and the gaps it closes as resolved', async () => {
    const w = reviewed()
    loosened(w)
    const file = await baselineOf(w)
    w.repo.environment('production', {
      reviewers: [w.people.carol],
      deploymentBranches: { custom: ['main'] },
      canAdminsBypass: false,
      waitTimer: 30
    })
    const r = await access(w, ['--baseline', file, '--format', 'json'])
    const { review } = JSON.parse(r.stdout) as Reviewed
    const production = review.changes.filter(
      (c) => c.subject === 'environment production'
    )
    expect(production.map((c) => c.direction)).toEqual(
      production.map(() => 'strengthened')
    )
    expect(production.map((c) => c.what)).toEqual(
      expect.arrayContaining([
        'required reviewer added: carol',
        'deployment branches: any branch → main',
        'admin bypass turned off',
        'wait timer: 5 → 30 minutes'
      ])
    )
    expect(review.resolvedGaps.join('\n')).toMatch(/every branch/)
  }, 60_000)

  it('says nothing changed, and exits 0, against a baseline of the same state', async () => {
    const { world: w } = standard(reviewedChange)
    const file = await baselineOf(w)
    const r = await access(w, ['--baseline', file])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(
      'No change in who may deploy, approve, bypass or push.'
    )
  }, 60_000)

  it('refuses a baseline that is not a matrix, or is of another repository', async () => {
    const { world: w } = standard(reviewedChange)
    const dir = mkdtempSync(join(tmpdir(), 'baseline-'))
    dirs.push(dir)
    const junk = join(dir, 'junk.json')
    writeFileSync(junk, '{"decision": "allow"}')
    const bad = await access(w, ['--baseline', junk])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain(
      'is not an access matrix of `access --format json`: no `repository`'
    )
    const file = await baselineOf(w)
    const other = await cli(
      ['access', '--repo', 'acme/other', '--baseline', file],
      { GITHUB_TOKEN: 'ghs_x' }
    )
    expect(other.code).toBe(2)
    expect(other.stderr).toContain(
      `it is the matrix of ${OWNER}/${REPO}, not of acme/other`
    )
  }, 60_000)
})
