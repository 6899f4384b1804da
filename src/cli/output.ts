// Output hygiene for the command line: nothing GitHub sends can drive the
// terminal (control characters are shown, not obeyed), the token never
// reaches a stream, and the logger writes to stderr only, so stdout holds
// just the result (a table or the evidence JSON).

import { getErrorMessage } from '../engine/index.js'
import type { Logger } from '../engine/index.js'
import type { Writer } from './command.js'

// C0 and C1 controls except tab and newline, and DEL.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g

/** Text safe to print to a terminal: controls become \uXXXX escapes. */
export function printable(text: string): string {
  return text.replace(
    CONTROL,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
}

/** A writer that replaces every occurrence of the secrets with ***. */
export function redacting(writer: Writer, secrets: readonly string[]): Writer {
  const hidden = secrets.filter((s) => s.length >= 4)
  if (hidden.length === 0) return writer
  return {
    write: (chunk: string) => {
      let text = chunk
      for (const secret of hidden) text = text.split(secret).join('***')
      return writer.write(text)
    }
  }
}

/** Lines on stderr, prefixed with their level; debug only when verbose. */
export function stderrLogger(stderr: Writer, verbose: boolean): Logger {
  const line = (prefix: string, message: string): void => {
    stderr.write(`${prefix}${printable(message)}\n`)
  }
  return {
    debug: (m) => {
      if (verbose) line('debug: ', m)
    },
    info: (m) => line('', m),
    warning: (m) => line('warning: ', m),
    error: (m) => line('error: ', m)
  }
}

/** An error's message, whatever realm threw it. */
export const errorText = getErrorMessage
