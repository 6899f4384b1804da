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
      ]
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
          problems: []
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
          ]
        }
      ]
    })
    const ok = await cli(['validate', fixture('valid'), '--format=json'])
    expect(ok.code).toBe(EXIT.ok)
    expect(JSON.parse(ok.stdout)).toMatchObject({ valid: true })
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
