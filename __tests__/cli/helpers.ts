// Runs the command line in process, with recorded streams, and builds the
// demo worlds the checks run against (the simulator on 127.0.0.1).
import { runCli, type CliContext } from '../../src/cli/main.js'

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

export async function cli(
  argv: string[],
  env: Record<string, string | undefined> = {},
  o: Partial<Pick<CliContext, 'client' | 'now'>> = {}
): Promise<CliResult> {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, {
    env,
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    now: o.now ?? (() => new Date()),
    client: o.client
  })
  return { code, stdout: out.join(''), stderr: err.join('') }
}

export const SHA = 'a'.repeat(40)
