// `mode: audit` in a node process of its own, started with a small young
// generation. A long audit parses hundreds of large GraphQL answers, each
// garbage a moment later; V8 sizes its young generation by how much
// survives, grows it under such bursts and keeps it grown, and an action
// cannot pass node flags to the process the runner starts. Measured on
// 10,000 deployments against the simulator: peak memory 331 MiB in the
// runner's process, <see BENCHMARKS.md> with `--max-semi-space-size=1`
// (SPEC §9: under 300 MB), at no measurable cost in time, since what
// survives a scavenge is small. The child is this same bundle, with the
// same environment (the inputs, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY) and the
// same stdout and stderr; no shell, and nothing from the event payload
// among its arguments.

import { spawn } from 'node:child_process'

/** Set in the child: it runs the audit itself (../action/index.ts reads it). */
export const AUDIT_PROCESS = 'PROMOTION_GATE_AUDIT_PROCESS'

/** V8's young generation at its smallest (MiB per semi-space). */
export const YOUNG_GENERATION = '--max-semi-space-size=1'

/**
 * The audit run by `script` in a child node; resolves to the exit code it
 * ends with, or rejects saying why it did not end by itself.
 */
export function runAuditProcess(o: {
  script: string
  env: Record<string, string | undefined>
  execPath?: string
  execArgv?: readonly string[]
}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      o.execPath ?? process.execPath,
      [...(o.execArgv ?? process.execArgv), YOUNG_GENERATION, o.script],
      { env: { ...o.env, [AUDIT_PROCESS]: '1' }, stdio: 'inherit' }
    )
    child.on('error', (error) => {
      reject(new Error(`the audit process could not start: ${error.message}`))
    })
    child.on('exit', (code, signal) => {
      if (code !== null) resolve(code)
      else
        reject(
          new Error(
            `the audit process was stopped by ${signal ?? 'a signal'} before it finished (out of memory?): no packet was made`
          )
        )
    })
  })
}
