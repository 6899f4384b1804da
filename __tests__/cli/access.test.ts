// `promotion-gate access` in process against the simulator on 127.0.0.1.
import { afterEach, describe, expect, it } from '@jest/globals'
import type { AccessMatrix } from '../../src/engine/index.js'
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
import { cli } from './helpers.js'

let server: SimulatorServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

async function access(
  w: World,
  token: string,
  more: string[] = []
): Promise<Awaited<ReturnType<typeof cli>>> {
  server = await startSimulator(w.sim)
  return cli(
    ['access', '--repo', `${OWNER}/${REPO}`, '--api-url', server.url, ...more],
    { GITHUB_TOKEN: token }
  )
}

describe('promotion-gate access', () => {
  it('prints the matrix and exits 0 when an admin token reads it all and nothing is open', async () => {
    const { world } = standard(reviewedChange)
    const r = await access(world, world.sim.adminToken())
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(
      '| production | yes | main | none | no | yes | 0 | none |'
    )
    expect(r.stdout).toMatch(
      /\| main \| 1 \| ruleset "protect main" \(\d+\) \| none \| no \|/
    )
    expect(r.stdout).toContain('alice (write)')
    expect(r.stdout).toMatch(/### Gaps against the policy\n\nNone\./)
  })

  it('names what a workflow token cannot read, and exits 1', async () => {
    const { world } = standard(reviewedChange)
    const r = await access(
      world,
      world.sim.workflowToken({ contents: 'read', actions: 'read' })
    )
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('cannot read (needs administration: read)')
    expect(r.stdout).toContain(
      'who may bypass its rulesets could not be read: the token needs `administration: read`'
    )
    expect(r.stderr).toMatch(/gaps? against the policy/)
  })

  it('flags production open to every branch, with reviewers the policy asks for missing', async () => {
    const { world } = standard(reviewedChange, {
      policy: `version: 1
environments:
  production:
    environment_protection:
      required_reviewers: 1
      admin_bypass: false
`
    })
    world.repo.environment('production', { deploymentBranches: 'all' })
    const r = await access(world, world.sim.adminToken(), ['--format', 'json'])
    expect(r.code).toBe(1)
    const m = JSON.parse(r.stdout) as AccessMatrix
    const production = m.environments.find((e) => e.name === 'production')
    expect(production?.deploymentBranches).toBe('any')
    expect(m.gaps.join('\n')).toMatch(
      /environment production: .*accepts deployments from every branch/
    )
    expect(m.gaps.join('\n')).toMatch(
      /0 required reviewers; the policy asks for 1/
    )
    expect(m.gaps.join('\n')).toMatch(/administrators can bypass/)
  })

  it('prints CSV rows for spreadsheets', async () => {
    const { world } = standard(reviewedChange)
    const r = await access(world, world.sim.adminToken(), ['--format', 'csv'])
    const lines = r.stdout.trim().split('\n')
    expect(lines[0]).toBe('section,subject,field,value')
    expect(lines).toContain('environment,production,deployment branches,main')
  })

  it('says the teams list was cut at its page limit, next to it and as a gap', async () => {
    // 101 teams with write: one more than the page of 100 users get
    const { world } = standard(reviewedChange)
    for (let i = 0; i <= 100; i++) {
      const slug = `team-${String(i).padStart(3, '0')}`
      world.repo.teamAccess(world.sim.team(`${OWNER}/${slug}`), 'write')
    }
    const md = await access(world, world.sim.adminToken())
    expect(md.code).toBe(1)
    expect(md.stdout).toMatch(
      /- teams with write, maintain or admin: .*team-099 \(write\) \(⚠️ first 100 teams read: the list was cut at 1 page of 100\)\n/
    )
    expect(md.stdout).not.toContain('team-100')
    expect(md.stdout).toContain(
      '- ⚠️ could not read all teams with access: the list was cut at 1 page of 100 (100 read); other teams may hold write access'
    )
    await server?.close()
    const json = await access(world, world.sim.adminToken(), [
      '--format',
      'json'
    ])
    const m = JSON.parse(json.stdout) as AccessMatrix
    expect(m.writerTeamsTruncated).toEqual({
      list: 'teams',
      read: 100,
      pages: 1,
      perPage: 100
    })
    expect(m).not.toHaveProperty('writersTruncated')
    await server?.close()
    const csv = await access(world, world.sim.adminToken(), ['--format', 'csv'])
    expect(csv.stdout).toContain(
      'repository,acme/shop,"teams with write, maintain or admin: truncated",first 100 teams read: the list was cut at 1 page of 100\n'
    )
  })

  it('shows no cut where every list was read whole', async () => {
    const { world } = standard(reviewedChange)
    const r = await access(world, world.sim.adminToken(), ['--format', 'json'])
    expect(r.stdout).not.toMatch(/Truncated|cut at/)
  })

  it('is a usage error without --repo, and exits 2', async () => {
    const r = await cli(['access'], { GITHUB_TOKEN: 'x' })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--repo is required')
    expect(r.stderr).toContain('promotion-gate access --help')
  })

  it('blocks when the repository has no policy', async () => {
    const { world } = standard(reviewedChange)
    const r = await access(world, world.sim.adminToken(), [
      '--policy',
      '.github/none.yml'
    ])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('no policy file at .github/none.yml on main')
  })
})
