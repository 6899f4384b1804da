// `check` in process against the simulator on 127.0.0.1: the same worlds the
// action's scenarios use, the same decisions.
import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ActionIO } from '../../src/action/main.js'
import { runFromEnv } from '../../__fixtures__/action.js'
import { parseInputs } from '../../src/action/inputs.js'
import { parseCheckOptions } from '../../src/cli/check.js'
import { defaultServerUrl } from '../../src/cli/endpoints.js'
import { EXIT } from '../../src/cli/main.js'
import {
  OWNER,
  REPO,
  reviewedChange,
  SCENARIOS,
  standard,
  type GateRun,
  type World
} from '../../test-support/demo/scenarios.js'
import { createClient } from '../../src/github/client.js'
import { evidenceProblems } from '../../src/engine/evidence/index.js'
import type { EvidenceRecord } from '../../src/engine/evidence/index.js'
import {
  startSimulator,
  type SimulatorServer
} from '../../test-support/sim/server.js'
import { cli, type CliResult } from './helpers.js'

let server: SimulatorServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

function argv(run: GateRun, more: string[] = []): string[] {
  return [
    'check',
    '--repo',
    `${OWNER}/${REPO}`,
    '--environment',
    run.environment,
    '--sha',
    run.sha,
    '--deployer',
    run.actor,
    ...more
  ]
}

async function check(
  w: World,
  run: GateRun,
  more: string[] = [],
  o: {
    env?: Record<string, string>
    before?: (s: SimulatorServer) => void
  } & Parameters<typeof cli>[2] = {}
): Promise<CliResult & { server: SimulatorServer }> {
  server = await startSimulator(w.sim)
  o.before?.(server)
  const r = await cli(
    argv(run, ['--api-url', server.url, ...more]),
    { GITHUB_TOKEN: run.token, ...o.env },
    o
  )
  expect(r.stdout).not.toContain(run.token)
  expect(r.stderr).not.toContain(run.token)
  return { ...r, server }
}

function evidenceOf(r: CliResult): EvidenceRecord {
  const record = JSON.parse(r.stdout) as EvidenceRecord
  expect(evidenceProblems(record)).toEqual([])
  return record
}

describe('promotion-gate check', () => {
  it('allows the happy path: exit 0, a table on stdout, progress on stderr', async () => {
    const { world: w, run } = standard(reviewedChange)
    const r = await check(w, run)
    expect(r.code).toBe(EXIT.ok)
    const lines = r.stdout.split('\n')
    expect(lines[0]).toBe(
      `promotion-gate 0.1.0: acme/shop ${run.sha.slice(0, 7)} -> production`
    )
    expect(lines[1]).toMatch(
      /^policy: \.github\/promotion-gate\.yml at main \(blob [0-9a-f]{7}\)$/
    )
    expect(lines[3]).toMatch(/^CHECK\s+STATUS\s+MESSAGE$/)
    expect(r.stdout).toMatch(/^policy\s+pass\s+read /m)
    expect(r.stdout).toMatch(/^maker-checker\s+pass\s+/m)
    expect(r.stdout).toContain('\ndecision: allow\npromotion-gate allowed ')
    expect(r.stderr).toBe(
      `checking acme/shop ${run.sha} for production through ${r.server.url}\n`
    )
    expect(r.server.requests.length).toBeLessThanOrEqual(3)
  })

  it('--format json prints the evidence record, valid against its schema', async () => {
    const { world: w, run } = standard(reviewedChange)
    const r = await check(w, run, ['--format', 'json'])
    expect(r.code).toBe(EXIT.ok)
    const evidence = evidenceOf(r)
    expect(evidence).toMatchObject({
      kind: 'promotion-gate/decision',
      decision: 'allow',
      mode: 'check',
      repository: 'acme/shop',
      environment: 'production',
      sha: run.sha,
      deployer: 'dora',
      run: { id: null, url: null },
      policy: { path: '.github/promotion-gate.yml', ref: 'main' },
      changes: [
        { makers: [{ login: 'alice' }], approvers: [{ login: 'bob' }] }
      ],
      api_requests: r.server.requests.length
    })
    expect(r.stderr).toMatch(
      /\npromotion-gate allowed [0-9a-f]{7} to production/
    )
  })

  it('blocks a change that skipped staging: exit 1, the failing check and why', async () => {
    const { world: w, run } = standard(reviewedChange, {
      environments: ['development']
    })
    const r = await check(w, run)
    expect(r.code).toBe(EXIT.block)
    expect(r.stdout).toMatch(/^promotion\s+fail\s+/m)
    expect(r.stdout).toMatch(/^\s+- .*never deployed successfully to staging/m)
    expect(r.stdout).toContain('\ndecision: block\npromotion-gate blocked ')
  })

  it('blocks a deployer who made the change (--deployer)', async () => {
    const { world: w, run } = standard(reviewedChange)
    const r = await check(w, { ...run, actor: 'alice' }, ['--format', 'json'])
    expect(r.code).toBe(EXIT.block)
    const evidence = evidenceOf(r)
    expect(evidence.decision).toBe('block')
    expect(
      evidence.checks
        .filter((c) => c.status !== 'pass' && c.status !== 'skipped')
        .map((c) => c.id)
    ).toEqual(['segregation'])
  })

  it('without --deployer outside Actions the deployer is unknown: segregation cannot pass', async () => {
    const { world: w, run } = standard(reviewedChange)
    server = await startSimulator(w.sim)
    const args = argv(run, ['--api-url', server.url]).filter(
      (a) => a !== '--deployer' && a !== run.actor
    )
    const r = await cli(args, { GITHUB_TOKEN: run.token })
    expect(r.code).toBe(EXIT.block)
    expect(r.stdout).toMatch(/^segregation\s+error\s+the deployer is unknown/m)
    expect(r.stdout).toMatch(
      /^note: no --deployer given: segregation cannot tell the deployer from the makers; pass --deployer LOGIN/m
    )
  })

  it('makes the same decision as the action for the same data', async () => {
    for (const s of SCENARIOS) {
      const { world: w, run } = s.build()
      server = await startSimulator(w.sim)
      // one clock for both: a message that says how long ago something was
      // must not differ because a minute turned between the two runs
      const at = new Date()
      const temp = mkdtempSync(join(tmpdir(), 'pg-cli-same-'))
      const outputs: Record<string, string> = {}
      const quiet = () => undefined
      const io: ActionIO = {
        debug: quiet,
        info: quiet,
        warning: quiet,
        error: quiet,
        setSecret: quiet,
        setOutput: (n, v) => (outputs[n] = v),
        writeSummary: () => Promise.resolve(),
        annotate: quiet,
        setFailed: quiet
      }
      const ghEnv = {
        GITHUB_ACTIONS: 'true',
        GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
        GITHUB_ACTOR: run.actor,
        GITHUB_TRIGGERING_ACTOR: run.actor,
        GITHUB_RUN_ID: String(run.runId),
        GITHUB_RUN_ATTEMPT: '1',
        // a runner always says what triggered the run (SPEC §4 allowed_events)
        GITHUB_EVENT_NAME: 'push',
        GITHUB_API_URL: server.url,
        GITHUB_GRAPHQL_URL: server.graphqlUrl,
        GITHUB_SERVER_URL: 'https://github.com',
        RUNNER_TEMP: temp
      }
      try {
        await runFromEnv({
          env: {
            ...ghEnv,
            INPUT_ENVIRONMENT: run.environment,
            INPUT_SHA: run.sha,
            INPUT_TOKEN: run.token
          },
          io,
          now: () => at
        })
        const fromAction = JSON.parse(
          readFileSync(outputs['evidence-file'] as string, 'utf8')
        ) as EvidenceRecord
        // In a job, the CLI knows the run and the actor as the action does.
        const r = await cli(
          [
            'check',
            '--repo',
            `${OWNER}/${REPO}`,
            '--environment',
            run.environment,
            '--sha',
            run.sha,
            '--format',
            'json'
          ],
          { ...ghEnv, GITHUB_TOKEN: run.token },
          { now: () => at }
        )
        const fromCli = evidenceOf(r)
        const shape = (e: EvidenceRecord) => ({
          decision: e.decision,
          deployer: e.deployer,
          run: e.run,
          checks: e.checks.map((c) => [c.id, c.status, c.problems]),
          changes: e.changes
        })
        expect({ name: s.name, ...shape(fromCli) }).toEqual({
          name: s.name,
          ...shape(fromAction)
        })
        expect(fromCli.decision).toBe(s.expect.decision)
        expect(r.code).toBe(
          s.expect.decision === 'allow' ? EXIT.ok : EXIT.block
        )
      } finally {
        rmSync(temp, { recursive: true, force: true })
        await server.close()
        server = null
      }
    }
  })

  it('fails closed when GitHub keeps failing: exit 1, the API error named', async () => {
    const { world: w, run } = standard(reviewedChange)
    const r = await check(w, run, ['--format', 'json'], {
      before: (s) => s.faults.add({ kind: 'status', status: 503 }),
      client: (o) => createClient({ ...o, retryBaseMs: 1 })
    })
    expect(r.code).toBe(EXIT.block)
    const evidence = evidenceOf(r)
    expect(evidence.decision).toBe('block')
    expect(evidence.failure).toMatchObject({ code: 'github-api' })
  })

  it('an unexpected throw blocks (exit 1) with one line, no stack', async () => {
    const { world: w, run } = standard(reviewedChange)
    const r = await check(w, run, [], {
      client: () => {
        throw new TypeError('boom')
      }
    })
    expect(r.code).toBe(EXIT.block)
    expect(r.stdout).toBe('')
    // one line for the error, and no stack
    expect(r.stderr).toBe('promotion-gate check: unexpected error: boom\n')
  })

  it('fails closed within --timeout-seconds when GitHub hangs', async () => {
    const { world: w, run } = standard(reviewedChange)
    const started = Date.now()
    const r = await check(w, run, ['--timeout-seconds', '1'], {
      before: (s) => s.faults.add({ kind: 'hang' }),
      // retries after the budget is spent fail at once; short back-off lets
      // their timers end with the test (the real CLI exits regardless)
      client: (o) => createClient({ ...o, retryBaseMs: 1 })
    })
    expect(r.code).toBe(EXIT.block)
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(r.stdout).toMatch(/time budget of 1s/)
  })

  it('a fault shared by every check is stated once, not on every row', async () => {
    const { world: w, run } = standard(reviewedChange)
    const unknown = 'f'.repeat(40)
    const r = await check(w, { ...run, sha: unknown })
    expect(r.code).toBe(EXIT.block)
    const rows = r.stdout.split('\n')
    const cause = rows.filter((l) => l.includes(unknown.slice(0, 7)))
    // the header names the sha, then one check states why; the rest point to it
    const errors = rows.filter((l) => /^[a-z-]+\s+error\s/.test(l))
    expect(errors.length).toBeGreaterThan(3)
    const pointers = errors.filter((l) =>
      /not verified: the same cause as [a-z-]+$/.test(l)
    )
    expect(pointers.length).toBeGreaterThanOrEqual(errors.length - 2)
    expect(cause.length).toBeLessThanOrEqual(4)
  })

  it('an unknown token blocks (exit 1) and is never printed', async () => {
    const { world: w, run } = standard(reviewedChange)
    const r = await check(
      w,
      { ...run, token: 'ghp_not_a_real_token_0123456789' },
      ['--verbose']
    )
    expect(r.code).toBe(EXIT.block)
    expect(r.stdout).toMatch(/^policy\s+error\s+/m)
  })

  it('an environment the policy does not name blocks with the names it has', async () => {
    const { world: w, run } = standard(reviewedChange)
    const r = await check(w, { ...run, environment: 'prod' })
    expect(r.code).toBe(EXIT.block)
    expect(r.stdout).toMatch(/^policy\s+fail\s+/m)
    expect(r.stdout).toContain(
      'environment "prod" is not in the policy (it has: development, staging, production)'
    )
  })

  it('--evidence-file writes the record; an unwritable one blocks', async () => {
    const { world: w, run } = standard(reviewedChange)
    const dir = mkdtempSync(join(tmpdir(), 'pg-cli-evidence-'))
    try {
      const file = join(dir, 'evidence.json')
      const r = await check(w, run, ['--evidence-file', file])
      expect(r.code).toBe(EXIT.ok)
      expect(r.stdout).toContain(`\nevidence: ${file}\n`)
      const record = JSON.parse(readFileSync(file, 'utf8')) as EvidenceRecord
      expect(evidenceProblems(record)).toEqual([])
      expect(record.decision).toBe('allow')
      await server?.close()
      server = null

      const bad = await check(w, run, [
        '--evidence-file',
        join(dir, 'no', 'such', 'dir.json'),
        '--format',
        'json'
      ])
      expect(bad.code).toBe(EXIT.block)
      const evidence = evidenceOf(bad)
      expect(evidence.decision).toBe('block')
      expect(evidence.notes).toEqual([
        expect.stringMatching(/^evidence could not be written: ENOENT/)
      ])
      expect(bad.stderr).toMatch(/^error: evidence could not be written/m)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('GitHub Enterprise Server: GITHUB_API_URL .../api/v3 -> .../api/graphql', async () => {
    const { world: w, run } = standard(reviewedChange)
    server = await startSimulator(w.sim)
    const r = await cli(argv(run), {
      GH_TOKEN: run.token,
      GITHUB_API_URL: server.enterprise.url,
      GITHUB_SERVER_URL: 'https://github.com'
    })
    expect(r.code).toBe(EXIT.ok)
    expect(server.requests.map((q) => q.path)).toContain('/api/graphql')
  })
})

describe('parseCheckOptions', () => {
  const values = (o: Record<string, string>) => new Map(Object.entries(o))
  const sha = 'ABCDEF0123456789ABCDEF0123456789ABCDEF01'

  it('builds the EngineRequest the action builds from the same job', () => {
    const env = {
      GITHUB_ACTIONS: 'true',
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_SHA: sha,
      GITHUB_ACTOR: 'dora',
      GITHUB_TRIGGERING_ACTOR: 'erin',
      GITHUB_RUN_ID: '42',
      GITHUB_RUN_ATTEMPT: '2',
      GITHUB_SERVER_URL: 'https://ghe.example',
      GITHUB_API_URL: 'https://ghe.example/api/v3',
      GITHUB_GRAPHQL_URL: 'https://ghe.example/api/graphql',
      INPUT_ENVIRONMENT: 'production',
      INPUT_TOKEN: 't',
      'INPUT_POLICY-REF': 'release'
    }
    const action = parseInputs(env)
    const options = parseCheckOptions(
      values({
        repo: 'acme/shop',
        environment: 'production',
        sha,
        'policy-ref': 'release'
      }),
      new Set(),
      env
    )
    expect(options.request).toEqual(action.request)
    expect(options.apiUrl).toBe(action.apiUrl)
    expect(options.graphqlUrl).toBe(action.graphqlUrl)
    expect(options.timeoutSeconds).toBe(action.timeoutSeconds)
  })

  it('outside Actions: no run, no deployer unless --deployer', () => {
    const o = parseCheckOptions(
      values({ repo: 'acme/shop', environment: 'p', sha }),
      new Set(),
      { GITHUB_RUN_ID: '42', GITHUB_ACTOR: 'dora' }
    )
    expect(o.request.run).toEqual({
      id: null,
      attempt: null,
      url: null,
      actor: null,
      triggeringActor: null
    })
    expect(o.request.deployer).toBeNull()
    expect(o.request.sha).toBe(sha.toLowerCase())
    expect(o).toMatchObject({
      apiUrl: 'https://api.github.com',
      graphqlUrl: 'https://api.github.com/graphql',
      format: 'table',
      evidenceFile: null,
      timeoutSeconds: 120,
      verbose: false
    })
    expect(o.request.serverUrl).toBe('https://github.com')
  })

  it('--api-url wins over the job variables, and GraphQL and web URLs follow it', () => {
    const o = parseCheckOptions(
      values({
        repo: 'acme/shop',
        environment: 'p',
        sha,
        'api-url': 'https://ghe.example/api/v3/'
      }),
      new Set(),
      {
        GITHUB_API_URL: 'https://api.github.com',
        GITHUB_GRAPHQL_URL: 'https://api.github.com/graphql',
        GITHUB_SERVER_URL: 'https://github.com'
      }
    )
    expect(o.apiUrl).toBe('https://ghe.example/api/v3')
    expect(o.graphqlUrl).toBe('https://ghe.example/api/graphql')
    expect(o.request.serverUrl).toBe('https://ghe.example')
  })

  it.each([
    ['https://api.github.com', 'https://github.com'],
    ['https://ghe.example/api/v3', 'https://ghe.example'],
    ['https://ghe.example/prefix/api/v3/', 'https://ghe.example/prefix'],
    ['https://api.acme.ghe.com', 'https://acme.ghe.com'],
    ['http://127.0.0.1:8080', 'https://github.com']
  ])('defaultServerUrl(%s) = %s', (api, web) => {
    expect(defaultServerUrl(api)).toBe(web)
  })
})
