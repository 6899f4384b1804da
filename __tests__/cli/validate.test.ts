// `validate` on the policy fixtures: the gate's own loader, offline.
import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatProblem, validateFile } from '../../src/cli/validate.js'
import { EXIT } from '../../src/cli/main.js'
import { cli } from './helpers.js'

const fixture = (name: string) => `__fixtures__/policies/${name}.yml`
const INVALID = [
  'bad-after',
  'bad-duration',
  'cycle',
  'duplicate-key',
  'empty',
  'syntax-error',
  'unknown-key',
  'wrong-types'
]

describe('promotion-gate validate', () => {
  it('a valid policy: exit 0, one line naming its environments', async () => {
    const r = await cli(['validate', fixture('valid')])
    expect(r).toEqual({
      code: EXIT.ok,
      stdout: `${fixture('valid')}: valid (environments: development, staging, production)\n`,
      stderr: ''
    })
  })

  it('prints every problem as FILE:LINE:COLUMN: KEY: message', async () => {
    const r = await cli(['validate', fixture('unknown-key')])
    expect(r.code).toBe(EXIT.usage)
    expect(r.stdout.split('\n')).toEqual([
      expect.stringMatching(
        /^__fixtures__\/policies\/unknown-key\.yml:6:5: environments\.production\.soka: unknown key "soka", did you mean "soak"\?/
      ),
      expect.stringMatching(
        /^__fixtures__\/policies\/unknown-key\.yml:8:7: environments\.production\.approvals\.pull_requests: unknown key "pull_requests", did you mean "pull_request"\?/
      ),
      ''
    ])
    expect(r.stderr).toBe('1 of 1 file invalid (2 problems)\n')
  })

  it.each(INVALID)(
    '%s.yml is invalid, each problem with a position',
    async (name) => {
      const r = await cli(['validate', fixture(name)])
      expect(r.code).toBe(EXIT.usage)
      const lines = r.stdout.trimEnd().split('\n')
      expect(lines.length).toBeGreaterThan(0)
      for (const line of lines) {
        expect(line).toMatch(
          new RegExp(`^__fixtures__/policies/${name}\\.yml:\\d+:\\d+: \\S`)
        )
      }
    }
  )

  it('the same messages as the gate gives for the policy on GitHub', () => {
    const r = validateFile(fixture('bad-duration'))
    expect(r.valid).toBe(false)
    expect(r.problems.map((p) => [p.line, p.column, p.path])).toEqual([
      [4, 11, 'environments.staging.soak'],
      [7, 11, 'environments.production.soak'],
      [10, 22, 'environments.production.break_glass.review_within']
    ])
  })

  it('many files: all are reported; one invalid makes exit 2', async () => {
    const files = [fixture('valid'), ...INVALID.map(fixture), 'missing.yml']
    const r = await cli(['validate', ...files])
    expect(r.code).toBe(EXIT.usage)
    for (const f of files) expect(r.stdout).toContain(`${f}:`)
    expect(r.stdout).toContain('missing.yml: cannot read: no such file\n')
    expect(r.stderr).toMatch(/^9 of 10 files invalid \(\d+ problems\)\n$/)
  })

  it('unreadable: a directory, a missing file', () => {
    expect(validateFile('__fixtures__').problems).toEqual([
      { line: 0, column: 0, path: '', message: 'cannot read: is a directory' }
    ])
    expect(validateFile('nope.yml')).toEqual({
      file: 'nope.yml',
      valid: false,
      environments: [],
      problems: [
        { line: 0, column: 0, path: '', message: 'cannot read: no such file' }
      ],
      warnings: []
    })
  })

  it('--format json: every file, valid or not, with positions', async () => {
    const r = await cli([
      'validate',
      '--format',
      'json',
      fixture('valid'),
      fixture('duplicate-key')
    ])
    expect(r.code).toBe(EXIT.usage)
    expect(JSON.parse(r.stdout)).toEqual({
      valid: false,
      files: [
        {
          file: fixture('valid'),
          valid: true,
          environments: ['development', 'staging', 'production'],
          problems: [],
          warnings: []
        },
        {
          file: fixture('duplicate-key'),
          valid: false,
          environments: [],
          problems: [
            {
              line: 6,
              column: 5,
              path: 'environments.production.soak',
              message: expect.stringContaining('duplicate key "soak"')
            }
          ],
          warnings: []
        }
      ]
    })
    const ok = await cli(['validate', fixture('valid'), '--format=json'])
    expect(ok.code).toBe(EXIT.ok)
    expect(JSON.parse(ok.stdout)).toMatchObject({ valid: true })
  })

  describe('names that can never match, and settings the gate ignores', () => {
    const inDir = async (
      text: string,
      args: string[] = []
    ): Promise<Awaited<ReturnType<typeof cli>>> => {
      const dir = mkdtempSync(join(tmpdir(), 'pg-validate-'))
      try {
        const file = join(dir, 'policy.yml')
        writeFileSync(file, text)
        const r = await cli(['validate', ...args, file])
        return { ...r, stdout: r.stdout.split(file).join('FILE') }
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    }

    it('refuses reviewers that can never match, in words', async () => {
      const r = await inDir(
        'version: 1\nenvironments:\n  production:\n    approvals:\n      reviewers: ["@bob", "acme/", "a b"]\n'
      )
      expect(r.code).toBe(EXIT.usage)
      const lines = r.stdout.trimEnd().split('\n')
      expect(lines).toEqual([
        expect.stringMatching(
          /^FILE:5:19: environments\.production\.approvals\.reviewers\[0\]: must be a GitHub login .* or a team as org\/team-slug \(got "@bob"\): write "bob", without "@"$/
        ),
        expect.stringMatching(
          /^FILE:5:27: environments\.production\.approvals\.reviewers\[1\]: must be a GitHub login .*\(got "acme\/"\)$/
        ),
        expect.stringMatching(
          /^FILE:5:36: environments\.production\.approvals\.reviewers\[2\]: must be a GitHub login .*\(got "a b"\)$/
        )
      ])
      expect(r.stdout).not.toContain('^')
    })

    it('warns, and still passes, on soak without after: the gate ignores it', async () => {
      const text =
        'version: 1\ndefaults:\n  soak: 1h\nenvironments:\n  development:\n    soak: 30m\n  staging: {}\n  production:\n    after: staging\n'
      const r = await inDir(text)
      expect(r.code).toBe(EXIT.ok)
      expect(r.stdout.trimEnd().split('\n')).toEqual([
        'FILE: valid (environments: development, staging, production)',
        'FILE:6:11: environments.development.soak: warning: development has no `after` environment, so there is nothing to soak in: the gate ignores soak here; add `after`, or remove soak',
        'FILE:3:9: environments.staging.soak: warning: staging has no `after` environment, so there is nothing to soak in: the gate ignores soak here (set in defaults); add `after`, or remove soak'
      ])
      const json = await inDir(text, ['--format', 'json'])
      expect(json.code).toBe(EXIT.ok)
      const parsed = JSON.parse(json.stdout) as {
        files: { warnings: { path: string; line: number }[] }[]
      }
      expect(parsed.files[0]?.warnings.map((w) => [w.path, w.line])).toEqual([
        ['environments.development.soak', 6],
        ['environments.staging.soak', 3]
      ])
    })

    it('gives no warning when every soak has an after', async () => {
      const r = await cli(['validate', fixture('valid')])
      expect(r.stdout).not.toContain('warning')
    })
  })

  it('control characters in a file cannot drive the terminal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-validate-'))
    try {
      const file = join(dir, 'p.yml')
      writeFileSync(
        file,
        'version: 1\nenvironments:\n  "prod\\u001b[2J": { soak: x }\n'
      )
      const r = await cli(['validate', file])
      expect(r.code).toBe(EXIT.usage)
      expect(r.stdout).not.toContain('\u001b')
      expect(r.stdout).toContain('\\u001b[2J')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('formatProblem without a position names the file only', () => {
    expect(
      formatProblem('p.yml', { line: 0, column: 0, path: '', message: 'm' })
    ).toBe('p.yml: m')
  })

  it.each([
    [['validate'], 'name at least one policy FILE to validate'],
    [
      ['validate', 'x.yml', '--format', 'md'],
      '--format must be one of table, json, not "md"'
    ],
    [['validate', 'x.yml', '--strict'], 'unknown option --strict']
  ])('%j is a usage error', async (argv, message) => {
    const r = await cli(argv)
    expect(r.code).toBe(EXIT.usage)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(
      `promotion-gate validate: ${message}\nrun promotion-gate validate --help\n`
    )
  })
})
