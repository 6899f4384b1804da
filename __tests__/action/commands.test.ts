// The bundled action's workflow commands against @actions/core 3 itself:
// for the same calls, the same bytes on stdout, in GITHUB_OUTPUT (up to the
// random delimiter) and in GITHUB_STEP_SUMMARY, and the same exit code. The
// escaping is what keeps a pull request title from issuing a command of its
// own, so it is held to core's for any text (seeded property).

import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  jest
} from '@jest/globals'
import * as core from '@actions/core'
import fc from 'fast-check'
import {
  chmodSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { commandLine, runnerIO } from '../../src/action/commands.js'
import type { ActionIO } from '../../src/action/io.js'

const SEED = 13

let dir = ''
const saved = { ...process.env }
const savedExitCode = process.exitCode

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'promotion-gate-commands-'))
})

afterEach(() => {
  for (const k of ['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY', 'RUNNER_DEBUG']) {
    if (saved[k] === undefined) delete process.env[k]
    else process.env[k] = saved[k]
  }
  process.exitCode = savedExitCode
  jest.restoreAllMocks()
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

function file(name: string): string {
  const path = join(dir, name)
  writeFileSync(path, '')
  return path
}

const sameDelimiter = (text: string): string =>
  text.replace(/ghadelimiter_[0-9a-f-]{36}/g, 'ghadelimiter_X')

/** What one side wrote: stdout, the exit code it set, and the files. */
interface Written {
  stdout: string
  exitCode: number | string | null | undefined
  output: string
  summary: string
}

/** Calls `act` on our IO and on the same calls to @actions/core. */
async function bothSides(
  act: (io: ActionIO) => unknown,
  env: { output: boolean } = { output: true }
): Promise<{ ours: Written; core: Written }> {
  const run = async (side: 'ours' | 'core'): Promise<Written> => {
    const output = env.output ? file(`${side}-output`) : ''
    if (output === '') delete process.env.GITHUB_OUTPUT
    else process.env.GITHUB_OUTPUT = output
    const summary = file(`${side}-summary`)
    process.env.GITHUB_STEP_SUMMARY = summary
    process.exitCode = undefined
    const chunks: string[] = []
    const spy = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk: string | Uint8Array) => {
        chunks.push(String(chunk))
        return true
      })
    let failed = false
    const io: ActionIO =
      side === 'ours'
        ? runnerIO({
            env: process.env,
            write: (text) => {
              process.stdout.write(text)
            },
            fail: () => {
              failed = true
            }
          })
        : {
            debug: (m) => core.debug(m),
            info: (m) => core.info(m),
            warning: (m) => core.warning(m),
            error: (m) => core.error(m),
            setSecret: (s) => core.setSecret(s),
            setOutput: (n, v) => core.setOutput(n, v),
            // core's one summary remembers its file: core-summary, always
            writeSummary: async (md) => {
              await core.summary.addRaw(md).write()
            },
            annotate: (message, title) => core.error(message, { title }),
            setFailed: (m) => core.setFailed(m)
          }
    try {
      await act(io)
    } finally {
      spy.mockRestore()
    }
    const exitCode =
      side === 'ours' ? (failed ? 1 : undefined) : process.exitCode
    process.exitCode = undefined
    return {
      stdout: chunks.join(''),
      exitCode,
      output: output === '' ? '' : sameDelimiter(readFileSync(output, 'utf8')),
      summary: readFileSync(summary, 'utf8')
    }
  }
  return { ours: await run('ours'), core: await run('core') }
}

// text a runner could choke on: command markers, escapes, newlines, unicode
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc
    .array(fc.constantFrom('%', '\r', '\n', ':', ',', '::', '%0A', 'a', ' '), {
      maxLength: 20
    })
    .map((parts) => parts.join(''))
)

describe('runnerIO writes what @actions/core writes', () => {
  it('for every kind of call, with any text (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        text,
        text,
        fc.constantFrom(
          'debug',
          'info',
          'warning',
          'error',
          'setSecret',
          'annotate',
          'setFailed',
          'setOutput',
          'writeSummary'
        ),
        async (a, b, call) => {
          const { ours, core: theirs } = await bothSides(async (io) => {
            if (call === 'annotate') io.annotate(a, b)
            else if (call === 'setOutput') io.setOutput(`name${b}`, a)
            else await io[call](a)
          })
          expect(ours).toEqual(theirs)
        }
      ),
      { seed: SEED, numRuns: 150 }
    )
  })

  it('a whole step: outputs, a masked token, annotations, a failure', async () => {
    const { ours, core: theirs } = await bothSides(async (io) => {
      io.setSecret('ghs_token')
      io.debug('GET /repos/acme/shop: 200\n::set-output name=decision::allow')
      io.setOutput('decision', 'block')
      io.setOutput('violations', JSON.stringify(['promotion', 'maker-checker']))
      io.setOutput('summary', 'line 1\nline 2\r\n100%')
      io.annotate('no approval\nby anyone', 'promotion-gate: maker-checker')
      io.annotate('empty title', '')
      io.warning('50% of the budget: a:b,c')
      await io.writeSummary('## promotion-gate\n\n| a | b |\n')
      io.setFailed('promotion-gate blocked: 2 problems')
    })
    expect(ours).toEqual(theirs)
    expect(ours.exitCode).toBe(1)
    expect(ours.stdout).toContain('::add-mask::ghs_token')
    expect(ours.stdout).toContain(
      '::error title=promotion-gate%3A maker-checker::no approval%0Aby anyone'
    )
    expect(ours.output).toContain(
      'summary<<ghadelimiter_X\nline 1\nline 2\r\n100%\nghadelimiter_X'
    )
  })

  it('without GITHUB_OUTPUT, sets outputs by the older stdout command', async () => {
    const { ours, core: theirs } = await bothSides(
      (io) => io.setOutput('summary', 'a\nb'),
      { output: false }
    )
    expect(ours).toEqual(theirs)
    expect(ours.stdout).toBe('\n::set-output name=summary::a%0Ab\n')
  })
})

describe('runnerIO where the runner gives no files', () => {
  const io = (env: Record<string, string | undefined>): ActionIO =>
    runnerIO({ env, write: () => undefined, fail: () => undefined })

  it('refuses an output file that is not there, as core does', () => {
    const missing = join(dir, 'no-such-output')
    expect(() => io({ GITHUB_OUTPUT: missing }).setOutput('a', 'b')).toThrow(
      `Missing file at path: ${missing}`
    )
  })

  it('says why the job summary cannot be written', async () => {
    await expect(io({}).writeSummary('x')).rejects.toThrow(
      'Unable to find environment variable for $GITHUB_STEP_SUMMARY'
    )
    const missing = join(dir, 'no-such-summary')
    await expect(
      io({ GITHUB_STEP_SUMMARY: missing }).writeSummary('x')
    ).rejects.toThrow(`Unable to access summary file: '${missing}'`)
    const locked = file('locked-summary')
    chmodSync(locked, 0o400)
    // root may write anyway; the refusal is for a runner's ordinary user
    if (process.getuid?.() !== 0) {
      await expect(
        io({ GITHUB_STEP_SUMMARY: locked }).writeSummary('x')
      ).rejects.toThrow('Unable to access summary file')
    }
  })

  it('knows step debug logging by RUNNER_DEBUG=1 alone', () => {
    const debugging = (value: string | undefined): boolean =>
      runnerIO({
        env: { RUNNER_DEBUG: value },
        write: () => undefined,
        fail: () => undefined
      }).isDebug()
    for (const value of [undefined, '', '0', 'true']) {
      process.env.RUNNER_DEBUG = value ?? ''
      expect(debugging(value)).toBe(core.isDebug())
      expect(debugging(value)).toBe(false)
    }
    process.env.RUNNER_DEBUG = '1'
    expect(debugging('1')).toBe(core.isDebug())
    expect(debugging('1')).toBe(true)
  })
})

describe('runnerIO.preload', () => {
  it('loads what writing outputs and the summary needs, and writes nothing', () => {
    const written: string[] = []
    const load = jest.spyOn(process, 'getBuiltinModule')
    runnerIO({
      env: {},
      write: (text) => written.push(text),
      fail: () => undefined
    }).preload()
    expect(load.mock.calls.map(([id]) => id).sort()).toEqual([
      'node:crypto',
      'node:fs/promises'
    ])
    expect(written).toEqual([])
  })
})

describe('commandLine', () => {
  it('leaves out properties without a value, keeping core`s space', () => {
    expect(commandLine('warning', {}, 'm')).toBe('::warning::m')
    expect(commandLine('error', { title: '' }, 'm')).toBe('::error ::m')
    expect(
      commandLine('error', { title: 'a,b', file: undefined, line: '3' }, 'm')
    ).toBe('::error title=a%2Cb,line=3::m')
  })
})
