// The command table, help, version and argument errors: nothing here needs
// a token or the network.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { closest, parseCommandArgs } from '../../src/cli/args.js'
import { UsageError } from '../../src/cli/command.js'
import { COMMANDS, EXIT } from '../../src/cli/main.js'
import { VERSION } from '../../src/version.js'
import { cli, SHA } from './helpers.js'

describe('promotion-gate (no command)', () => {
  it('--help lists exactly the commands that exist, on stdout', async () => {
    const r = await cli(['--help'])
    expect(r.code).toBe(EXIT.ok)
    expect(r.stderr).toBe('')
    expect(r.stdout).toContain('Usage: promotion-gate <command> [options]')
    expect(COMMANDS.map((c) => c.name)).toEqual([
      'check',
      'validate',
      'audit',
      'access',
      'serve',
      'verify'
    ])
    for (const c of COMMANDS) expect(r.stdout).toContain(`  ${c.name}`)
    expect((await cli(['-h'])).stdout).toBe(r.stdout)
  })

  it('--version prints the version of src/version.ts and package.json', async () => {
    const r = await cli(['--version'])
    expect(r).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' })
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      version: string
      bin: Record<string, string>
    }
    expect(pkg.version).toBe(VERSION)
    expect(pkg.bin).toEqual({ 'promotion-gate': 'dist/cli/index.js' })
  })

  it('help, and help <command>, are --help', async () => {
    expect(await cli(['help'])).toEqual(await cli(['--help']))
    expect(await cli(['help', 'audit'])).toEqual(await cli(['audit', '--help']))
    const r = await cli(['help', 'chek'])
    expect(r.code).toBe(EXIT.usage)
    expect(r.stderr).toMatch(/unknown command "chek" \(did you mean check\?\)/)
  })

  it('without arguments shows the help on stderr and exits 2', async () => {
    const r = await cli([])
    expect(r.code).toBe(EXIT.usage)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('Usage: promotion-gate <command>')
  })

  it.each([
    [['chek'], 'promotion-gate: unknown command "chek" (did you mean check?)'],
    [['--bogus'], 'promotion-gate: unknown option --bogus'],
    [
      ['--versoin'],
      'promotion-gate: unknown option --versoin (did you mean --version?)'
    ]
  ])(
    '%j is a usage error with one line and a pointer to --help',
    async (argv, line) => {
      const r = await cli(argv)
      expect(r.code).toBe(EXIT.usage)
      expect(r.stdout).toBe('')
      expect(r.stderr).toBe(`${line}\nrun promotion-gate --help\n`)
    }
  )
})

describe('promotion-gate <command> --help', () => {
  it.each(COMMANDS.map((c) => [c.name]))(
    '%s --help prints its usage and exits 0, whatever else is given',
    async (name) => {
      const r = await cli([name, '--sha', 'nope', '--help'])
      expect(r.code).toBe(EXIT.ok)
      expect(r.stdout).toMatch(new RegExp(`^Usage: promotion-gate ${name} `))
      expect(r.stdout).toContain('Exit codes:')
      expect(r.stderr).toBe('')
      // help fits a terminal
      for (const line of r.stdout.split('\n')) {
        expect(line.length).toBeLessThanOrEqual(80)
      }
    }
  )

  it('check --help documents every option it accepts', async () => {
    const { stdout } = await cli(['check', '--help'])
    for (const option of [
      '--repo',
      '--environment',
      '--sha',
      '--policy',
      '--policy-ref',
      '--deployer',
      '--api-url',
      '--graphql-url',
      '--timeout-seconds',
      '--format',
      '--evidence-file',
      'GITHUB_TOKEN',
      'GH_TOKEN'
    ]) {
      expect(stdout).toContain(option)
    }
  })
})

describe('check: usage errors exit 2 before anything is read', () => {
  const base = ['check', '--repo', 'acme/shop', '--environment', 'production']
  const env = { GITHUB_TOKEN: 'ghs_unused' }

  it.each([
    [[...base, '--sha', SHA, '--bogus'], 'unknown option --bogus'],
    [
      [...base, '--sha', SHA, '--enviroment', 'x'],
      'unknown option --enviroment (did you mean --environment?)'
    ],
    [
      ['check', '--environment', 'production', '--sha', SHA],
      '--repo is required'
    ],
    [
      ['check', '--repo', 'acme/shop', '--sha', SHA],
      '--environment is required'
    ],
    [base, '--sha is required'],
    [
      [...base, '--sha', 'abc1234'],
      '--sha must be a full 40-character hex commit sha, not "abc1234" (git rev-parse gives one)'
    ],
    [
      [...base, '--sha', `${SHA}0`],
      '--sha must be a full 40-character hex commit sha'
    ],
    [[...base, '--sha', SHA, '--sha', SHA], '--sha was given more than once'],
    [
      ['check', '--repo', 'acme', '--environment', 'p', '--sha', SHA],
      '--repo must be OWNER/NAME, not "acme"'
    ],
    [
      ['check', '--repo', 'a/b/c', '--environment', 'p', '--sha', SHA],
      '--repo must be OWNER/NAME'
    ],
    [['check', '--repo', '--environment', 'p'], '--repo needs a value'],
    [
      [...base, '--sha', SHA, '--format', 'yaml'],
      '--format must be one of table, json, not "yaml"'
    ],
    [
      [...base, '--sha', SHA, '--timeout-seconds', '0'],
      '--timeout-seconds must be a whole number from 1 to 3600'
    ],
    [
      [...base, '--sha', SHA, '--timeout-seconds', '1e3'],
      '--timeout-seconds must be a whole number'
    ],
    [
      [...base, '--sha', SHA, '--policy', '../x.yml'],
      '--policy must be a path inside the repository'
    ],
    [
      [...base, '--sha', SHA, '--policy-ref', 'main..x'],
      '--policy-ref is not a valid git ref'
    ],
    [
      [...base, '--sha', SHA, '--deployer', 'not a login'],
      '--deployer must be a GitHub login'
    ],
    [
      [...base, '--sha', SHA, '--api-url', 'ftp://x'],
      '--api-url must be an http(s) URL'
    ],
    [
      [...base, '--sha', SHA, '--api-url', 'https://u:p@ghe.example/api/v3'],
      '--api-url must not carry credentials'
    ],
    [[...base, '--sha', SHA, 'extra'], 'unexpected argument "extra"'],
    [[...base, '--sha', SHA, '--verbose=yes'], '--verbose takes no value'],
    [
      [...base, '--sha', `\u001b[31m${SHA}`],
      '--sha must be a full 40-character hex commit sha, not "\\u001b[31m'
    ]
  ])('%j', async (argv, message) => {
    const r = await cli(argv, env)
    expect(r.code).toBe(EXIT.usage)
    expect(r.stdout).toBe('')
    const [first, second, ...more] = r.stderr.split('\n')
    expect(first).toContain(`promotion-gate check: ${message}`)
    expect(second).toBe('run promotion-gate check --help')
    expect(more).toEqual([''])
    expect(r.stderr).not.toContain('\u001b')
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/) // no stack trace
  })

  it('a bad GITHUB_API_URL is named as such', async () => {
    const r = await cli([...base, '--sha', SHA], {
      ...env,
      GITHUB_API_URL: 'not a url'
    })
    expect(r.code).toBe(EXIT.usage)
    expect(r.stderr).toContain('GITHUB_API_URL must be an http(s) URL')
  })

  it.each([[{}], [{ GITHUB_TOKEN: '', GH_TOKEN: '  ' }]])(
    'no token (%j) exits 2 naming GITHUB_TOKEN and GH_TOKEN',
    async (tokens) => {
      const r = await cli([...base, '--sha', SHA], tokens)
      expect(r.code).toBe(EXIT.usage)
      expect(r.stderr).toBe(
        'promotion-gate check: no token: set GITHUB_TOKEN or GH_TOKEN to a token that can read the repository\nrun promotion-gate check --help\n'
      )
    }
  )
})

describe('parseCommandArgs', () => {
  const options = {
    name: { type: 'string' as const },
    on: { type: 'boolean' as const }
  }

  it('collects strings, flags and positionals', () => {
    const p = parseCommandArgs('x', ['a', '--name=n', '--on', 'b'], options, {
      positionals: true
    })
    expect(p.strings).toEqual(new Map([['name', 'n']]))
    expect([...p.flags]).toEqual(['on'])
    expect(p.positionals).toEqual(['a', 'b'])
    expect(p.help).toBe(false)
  })

  it('throws UsageErrors that point at the command help', () => {
    let thrown: unknown
    try {
      parseCommandArgs('x', ['--on', '--on'], options, { positionals: false })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(UsageError)
    expect(thrown).toMatchObject({
      code: 'input',
      command: 'x',
      message: '--on was given more than once',
      hint: 'run promotion-gate x --help'
    })
  })

  it('closest: one edit-distance guess, or none', () => {
    expect(closest('sah', ['sha', 'repo'])).toBe('sha')
    expect(closest('zzzzzz', ['sha', 'repo'])).toBeUndefined()
  })
})
