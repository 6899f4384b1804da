// What the action needs from the runner: the workflow and file commands in production
// (src/action/commands.ts), a recording object in tests.

import type { Logger } from '../engine/index.js'

export interface ActionIO extends Logger {
  setSecret(secret: string): void
  setOutput(name: string, value: string): void
  writeSummary(markdown: string): Promise<void>
  annotate(message: string, title: string): void
  setFailed(message: string): void
}
