// What the action needs from the runner: @actions/core in production
// (src/action/index.ts), a recording object in tests.

import type { Logger } from '../engine/index.js'

export interface ActionIO extends Logger {
  setSecret(secret: string): void
  setOutput(name: string, value: string): void
  writeSummary(markdown: string): Promise<void>
  annotate(message: string, title: string): void
  setFailed(message: string): void
}
