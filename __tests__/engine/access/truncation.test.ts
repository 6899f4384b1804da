// A list of the access matrix cut at its page limit says so (SPEC §7): in the
// data, next to the list in each format, and as a gap, never as "nobody
// else". In process against the simulator, which pages with GitHub's Link
// header; the limits are made small instead of the repository large.
import { afterEach, describe, expect, it } from '@jest/globals'
import { matrixRows, renderMatrix } from '../../../src/access/render.js'
import {
  ACCESS_LIMITS,
  accessMatrix,
  silentLogger,
  type AccessLimits,
  type AccessMatrix
} from '../../../src/engine/index.js'
import { loadPolicy } from '../../../src/engine/policy/load.js'
import { createClient } from '../../../src/github/client.js'
import { PROTECTIVE_RULES } from '../../../test-support/demo/scenarios.js'
import { Simulator } from '../../../test-support/sim/model.js'
import {
  startSimulator,
  type SimulatorServer
} from '../../../test-support/sim/server.js'

const NOW = new Date('2026-11-23T12:00:00Z')
const POLICY_TEXT = `version: 1
defaults:
  branches: [main, 'release/*']
environments:
  production:
    branch_protection:
      required_approvals: 2
    environment_protection:
      required_reviewers: 1
      admin_bypass: false
`
const POLICY = loadPolicy(POLICY_TEXT, {
  path: '.github/promotion-gate.yml',
  ref: 'main',
  defaultBranch: 'main'
})

let server: SimulatorServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

/**
 * acme/shop: 3 collaborators with write, 3 teams with write, branches main
 * and release/1 to 3, a reviewer team of 3 on production and 3 rules on
 * main (one of them asks for 1 approval).
 */
function world(): Simulator {
  const sim = new Simulator({ now: NOW })
  sim.org('acme')
  const people = ['ann', 'ben', 'cat'].map((login) => sim.user(login))
  const repo = sim.repo('acme/shop', {
    files: { '.github/promotion-gate.yml': POLICY_TEXT }
  })
  for (const p of people) repo.collaborator(p, 'write')
  for (const slug of ['t1', 't2', 't3']) {
    repo.teamAccess(sim.team(`acme/${slug}`), 'write')
  }
  for (const b of ['release/1', 'release/2', 'release/3']) repo.branch(b)
  repo.environment('production', {
    reviewers: [sim.team('acme/sre', people)],
    preventSelfReview: true,
    canAdminsBypass: false,
    deploymentBranches: { custom: ['main'] }
  })
  repo.ruleset({
    name: 'protect main',
    include: ['~DEFAULT_BRANCH'],
    rules: PROTECTIVE_RULES
  })
  return sim
}

async function read(
  sim: Simulator,
  limits?: Partial<AccessLimits>
): Promise<AccessMatrix> {
  server = await startSimulator(sim)
  const client = createClient({
    token: sim.adminToken(),
    apiUrl: server.url,
    graphqlUrl: server.graphqlUrl,
    logger: silentLogger,
    timeoutMs: 20_000,
    retryBaseMs: 5
  })
  return accessMatrix({
    github: client,
    repository: {
      owner: 'acme',
      name: 'shop',
      url: 'https://github.com/acme/shop',
      defaultBranch: 'main'
    },
    policy: POLICY,
    now: NOW,
    ...(limits === undefined ? {} : { limits })
  })
}

const page = { pages: 1, perPage: 2 }
const tiny: AccessLimits = {
  branches: page,
  collaborators: page,
  teams: page,
  teamMembers: page,
  branchRules: page
}
const cut = (list: string) => ({ list, read: 2, pages: 1, perPage: 2 })

describe('access matrix: lists cut at their page limit', () => {
  it('marks each cut list with what was read and the limit that cut it', async () => {
    const m = await read(world(), tiny)
    expect(m.writers).toEqual([
      { login: 'ann', type: 'User', role: 'write' },
      { login: 'ben', type: 'User', role: 'write' }
    ])
    expect(m.writersTruncated).toEqual(cut('collaborators'))
    expect(m.writerTeams).toHaveLength(2)
    expect(m.writerTeamsTruncated).toEqual(cut('teams'))
    // main and release/1 only: release/2 and 3 are past the limit
    expect(m.branches.map((b) => b.name)).toEqual(['main', 'release/1'])
    expect(m.branchesTruncated).toEqual(cut('branches'))
    const reviewers = m.environments[0]?.reviewers
    expect(reviewers).toEqual([
      {
        type: 'Team',
        name: 'acme/sre',
        members: ['ann', 'ben'],
        membersTruncated: cut('members of team acme/sre')
      }
    ])
    expect(m.branches[0]?.rulesTruncated).toEqual(cut('rules'))
    expect(m.branches[1]).not.toHaveProperty('rulesTruncated')
  })

  it('flags each cut list as a gap, never as nobody', async () => {
    const m = await read(world(), tiny)
    expect(m.gaps).toEqual([
      'environment production: could not read all members of reviewer team acme/sre: the list was cut at 1 page of 2 (2 read)',
      // the first rule read asks for 1: a rule past the limit may ask for more
      'branch main: its required approvals could not be read completely: the rules read require 1; the policy asks for 2',
      'branch main: could not read all its rules: the list was cut at 1 page of 2 (2 read); the approvals, rulesets and bypass actors shown are those of the rules read',
      'branch release/1: it requires 0 approving reviews; the policy asks for 2',
      'could not read all collaborators: the list was cut at 1 page of 2 (2 read); others may hold write access',
      'could not read all teams with access: the list was cut at 1 page of 2 (2 read); other teams may hold write access',
      'could not read all branches: the list was cut at 1 page of 2 (2 read); branches past them that match the policy are not in the matrix'
    ])
  })

  it('says so next to the list in Markdown, CSV and JSON', async () => {
    const m = await read(world(), tiny)
    const md = renderMatrix(m, 'md')
    expect(md).toContain(
      '| production | yes | main | team acme/sre (ann, ben) (⚠️ first 2 members of team acme/sre read: the list was cut at 1 page of 2) |'
    )
    expect(md).toMatch(
      /\| main \| 1 \| ruleset "protect main" \(\d+\) \(⚠️ first 2 rules read: the list was cut at 1 page of 2\) \|/
    )
    expect(md).toContain(
      '### Branches\n\n⚠️ first 2 branches read: the list was cut at 1 page of 2\n\n| branch |'
    )
    expect(md).toContain(
      '- write, maintain or admin: ann (write), ben (write) (⚠️ first 2 collaborators read: the list was cut at 1 page of 2)'
    )
    expect(md).toContain(
      '- teams with write, maintain or admin: acme/t1 (write), acme/t2 (write) (⚠️ first 2 teams read: the list was cut at 1 page of 2)'
    )
    expect(md).not.toMatch(/\| [^|]*: truncated \|/)
    expect(md).toContain(
      '- ⚠️ could not read all collaborators: the list was cut at 1 page of 2 (2 read); others may hold write access'
    )

    const csv = renderMatrix(m, 'csv').trim().split('\n')
    expect(csv).toHaveLength(matrixRows(m).length + 1)
    expect(csv).toEqual(
      expect.arrayContaining([
        'environment,production,required reviewers: truncated,first 2 members of team acme/sre read: the list was cut at 1 page of 2',
        'branch,main,protected by: truncated,first 2 rules read: the list was cut at 1 page of 2',
        'repository,acme/shop,branches: truncated,first 2 branches read: the list was cut at 1 page of 2',
        'repository,acme/shop,"write, maintain or admin: truncated",first 2 collaborators read: the list was cut at 1 page of 2',
        'repository,acme/shop,"teams with write, maintain or admin: truncated",first 2 teams read: the list was cut at 1 page of 2'
      ])
    )

    const json = JSON.parse(renderMatrix(m, 'json')) as AccessMatrix
    expect(json.writersTruncated).toEqual(cut('collaborators'))
    expect(json.writerTeamsTruncated).toEqual(cut('teams'))
    expect(json.branchesTruncated).toEqual(cut('branches'))
    expect(json.branches[0]?.rulesTruncated).toEqual(cut('rules'))
    expect(json.environments[0]?.reviewers[0]?.membersTruncated).toEqual(
      cut('members of team acme/sre')
    )
  })

  it('reads every page up to the limit: a list that fits shows no marker', async () => {
    // 2 pages of 2 hold the 3 collaborators, teams and members, and exactly
    // the 4 branches: the Link header of the last page names no next page.
    const two = { pages: 2, perPage: 2 }
    const m = await read(world(), {
      branches: two,
      collaborators: two,
      teams: two,
      teamMembers: two,
      branchRules: two
    })
    expect(m.writers).toHaveLength(3)
    expect(m.writerTeams).toHaveLength(3)
    expect(m.branches.map((b) => b.name)).toEqual([
      'main',
      'release/1',
      'release/2',
      'release/3'
    ])
    expect(m.environments[0]?.reviewers[0]?.members).toEqual([
      'ann',
      'ben',
      'cat'
    ])
    for (const key of [
      'writersTruncated',
      'writerTeamsTruncated',
      'branchesTruncated'
    ]) {
      expect(m).not.toHaveProperty(key)
    }
    expect(m.branches[0]).not.toHaveProperty('rulesTruncated')
    expect(m.environments[0]?.reviewers[0]).not.toHaveProperty(
      'membersTruncated'
    )
    expect(m.gaps.join('\n')).not.toMatch(/could not read all|cut at/)
    expect(renderMatrix(m, 'md')).not.toMatch(/cut at|truncated/)
    expect(renderMatrix(m, 'csv')).not.toMatch(/cut at|truncated/)
  })

  it('reads with the limits users get when none are given', async () => {
    expect(ACCESS_LIMITS).toEqual({
      branches: { pages: 20, perPage: 100 },
      collaborators: { pages: 20, perPage: 100 },
      teams: { pages: 1, perPage: 100 },
      teamMembers: { pages: 10, perPage: 100 },
      branchRules: { pages: 1, perPage: 100 }
    })
    const sim = world()
    const m = await read(sim)
    expect(m.writers).toHaveLength(3)
    expect(JSON.stringify(m)).not.toMatch(/Truncated/)
    const asked = server?.requests.map((r) => r.path) ?? []
    expect(asked.filter((u) => u.includes('/collaborators?'))).toEqual([
      expect.stringMatching(/per_page=100&page=1/)
    ])
  })
})
