// Runs the bundled action the way the Actions runner does: a fresh `node`
// process with INPUT_* (hyphens kept), GITHUB_* and the file commands
// (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY) in a temporary directory. No shell is
// involved anywhere: arguments go to execFile as an array.

import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { tmpdir } from 'node:os'
import type { GateRun } from './scenarios.js'

export interface ActionResult {
  exitCode: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  evidence: Record<string, unknown> | null
  ms: number
}

export interface RunOptions {
  apiUrl: string
  graphqlUrl: string
  repository: string
  run: GateRun
  /** default: dist/index.js of this checkout */
  bundle?: string
  /** default: this node; PROMOTION_GATE_NODE overrides (e.g. a Node 24 binary) */
  node?: string
  serverUrl?: string
  /** more environment for the process */
  env?: Record<string, string>
  timeoutMs?: number
}

/** `name<<DELIMITER\nvalue\nDELIMITER` blocks, as @actions/core writes them. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc !== null) {
      const [, name = '', delimiter] = heredoc
      const value: string[] = []
      for (i++; i < lines.length && lines[i] !== delimiter; i++)
        value.push(lines[i] ?? '')
      out[name] = value.join('\n')
    } else if (line.includes('=')) {
      const at = line.indexOf('=')
      out[line.slice(0, at)] = line.slice(at + 1)
    }
  }
  return out
}

export async function runBundledAction(o: RunOptions): Promise<ActionResult> {
  const dir = mkdtempSync(join(tmpdir(), 'promotion-gate-run-'))
  const files = {
    event: join(dir, 'event.json'),
    output: join(dir, 'output'),
    summary: join(dir, 'summary.md'),
    temp: join(dir, 'runner-temp')
  }
  writeFileSync(files.event, JSON.stringify(o.run.event))
  writeFileSync(files.output, '')
  writeFileSync(files.summary, '')
  const inputs: Record<string, string> = {
    environment: o.run.environment,
    sha: o.run.sha,
    token: o.run.token,
    ...o.run.inputs
  }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_REPOSITORY: o.repository,
    GITHUB_SHA: o.run.sha,
    GITHUB_ACTOR: o.run.actor,
    GITHUB_TRIGGERING_ACTOR: o.run.actor,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_API_URL: o.apiUrl,
    GITHUB_GRAPHQL_URL: o.graphqlUrl,
    GITHUB_SERVER_URL: o.serverUrl ?? 'https://github.com',
    RUNNER_TEMP: files.temp,
    ...(o.run.runId === null
      ? {}
      : { GITHUB_RUN_ID: String(o.run.runId), GITHUB_RUN_ATTEMPT: '1' }),
    ...Object.fromEntries(
      Object.entries(inputs).map(([k, v]) => [
        `INPUT_${k.replace(/ /g, '_').toUpperCase()}`,
        v
      ])
    ),
    ...o.env
  }
  const node = o.node ?? process.env.PROMOTION_GATE_NODE ?? process.execPath
  const bundle =
    o.bundle ?? fileURLToPath(new URL('../../dist/index.js', import.meta.url))
  const started = Date.now()
  const { code, stdout, stderr } = await new Promise<{
    code: number
    stdout: string
    stderr: string
  }>((done) => {
    execFile(
      node,
      [bundle],
      { env, timeout: o.timeoutMs ?? 60_000, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code =
          error === null ? 0 : typeof error.code === 'number' ? error.code : 1
        done({ code, stdout, stderr })
      }
    )
  })
  const ms = Date.now() - started
  const outputs = parseOutputFile(readFileSync(files.output, 'utf8'))
  const summary = readFileSync(files.summary, 'utf8')
  let evidence: Record<string, unknown> | null = null
  const evidenceFile = outputs['evidence-file']
  if (evidenceFile !== undefined && evidenceFile !== '') {
    evidence = JSON.parse(readFileSync(evidenceFile, 'utf8')) as Record<
      string,
      unknown
    >
  }
  rmSync(dir, { recursive: true, force: true })
  return { exitCode: code, stdout, stderr, outputs, summary, evidence, ms }
}
