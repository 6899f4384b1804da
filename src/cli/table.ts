// Decision -> plain text for a terminal or a CI log: a table of the checks
// (id, status, message, with each problem on its own line below) and the
// decision. Pure, like the job summary renderer; no colour, no Markdown.

import type { Decision } from '../engine/index.js'
import type { EvidenceRecord } from '../engine/index.js'
import { oneLine } from '../report/summary.js'
import { printable } from './output.js'

function lines(text: string): string[] {
  return printable(text).split(/\r?\n/)
}

export function renderTable(
  decision: Decision,
  evidence: EvidenceRecord,
  evidencePath: string | null
): string {
  const r = decision.request
  const idWidth = Math.max(5, ...decision.results.map((c) => c.id.length))
  const statusWidth = Math.max(
    6,
    ...decision.results.map((c) => c.status.length)
  )
  const indent = ' '.repeat(idWidth + statusWidth + 4)
  const row = (id: string, status: string, message: string): string =>
    `${id.padEnd(idWidth)}  ${status.padEnd(statusWidth)}  ${message}`.trimEnd()

  const policy = evidence.policy
  const out: string[] = [
    `promotion-gate ${evidence.tool.version}: ${printable(`${r.owner}/${r.repo}`)} ${r.sha.slice(0, 7)} -> ${printable(r.environment)}`,
    `policy: ${printable(policy.path)} at ${printable(policy.ref ?? '?')}` +
      (policy.blob_sha === null
        ? ''
        : ` (blob ${policy.blob_sha.slice(0, 7)})`),
    '',
    row('CHECK', 'STATUS', 'MESSAGE')
  ]
  // One fault (an unreachable server, a missing permission) leaves every
  // check unverified for the same reason: say it once.
  const firstWith = new Map<string, string>()
  for (const check of decision.results) {
    const cause = check.status === 'error' ? check.problems.join('\n') : ''
    const earlier = cause === '' ? undefined : firstWith.get(cause)
    if (earlier !== undefined) {
      out.push(
        row(
          check.id,
          check.status,
          `not verified: the same cause as ${earlier}`
        )
      )
      continue
    }
    if (cause !== '') firstWith.set(cause, check.id)
    const [first = '', ...rest] = lines(check.summary)
    out.push(row(check.id, check.status, first))
    for (const more of rest) out.push(`${indent}${more}`.trimEnd())
    // a problem the message already states is not repeated below it
    const news = check.problems.filter((p) => !check.summary.includes(p))
    for (const problem of news) {
      const [head = '', ...tail] = lines(problem)
      out.push(`${indent}- ${head}`.trimEnd())
      for (const more of tail) out.push(`${indent}  ${more}`.trimEnd())
    }
  }
  out.push('', `decision: ${decision.decision}`, ...lines(oneLine(decision)))
  if (decision.failure?.hint)
    out.push(...lines(`hint: ${decision.failure.hint}`))
  for (const note of evidence.notes) out.push(...lines(`note: ${note}`))
  if (evidencePath !== null) out.push(`evidence: ${printable(evidencePath)}`)
  return `${out.join('\n')}\n`
}
