// The comment GitHub shows with the App's verdict on the run's deployment
// review: Markdown, at most 1024 characters (GitHub's limit). A rejection
// names every check that did not pass in its first lines, then as many of
// the problems (each says what is wrong and what would fix it) as fit; what
// does not fit is counted, never cut mid-character.

import type { Decision } from '../engine/index.js'
import type { CheckResult } from '../engine/index.js'

/** "Status reports can be up to 1024 characters long." */
export const MAX_COMMENT = 1024
/**
 * The longest a problem line may be when there are `n`: one may take most
 * of the comment, several share it, so one long message cannot starve the
 * others.
 */
function maxLine(n: number): number {
  return Math.max(240, Math.floor(720 / Math.max(1, n)))
}

export interface CommentContext {
  /** X-GitHub-Delivery, to find the decision in the server's log */
  delivery: string
  /** the evidence file's name on the server, when one was written */
  evidence: string | null
}

// C0 and C1 controls (newlines included) become spaces: a message from
// GitHub data must not start a Markdown block of its own.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g

/** One line of plain text, Markdown-inert enough for a list item. */
export function inline(text: string): string {
  return text.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim()
}

/**
 * At most `max` UTF-16 units (what GitHub's limit and JavaScript's length
 * count, and never fewer code points), ending with … when cut; a surrogate
 * pair is never split.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text
  if (max <= 0) return ''
  let end = max - 1
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end -= 1
  return `${text.slice(0, end)}…`
}

function failed(decision: Decision): CheckResult[] {
  return decision.results.filter(
    (c) => c.status === 'fail' || c.status === 'error'
  )
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``
}

/** The comment for a decision the engine made (allow or block). */
export function renderComment(decision: Decision, ctx: CommentContext): string {
  const r = decision.request
  const where = `${code(r.sha.slice(0, 7))} to ${code(inline(r.environment))}`
  const policy = `${decision.policy.path}${decision.policy.ref === null ? '' : `@${decision.policy.ref}`}`
  const footer = inline(
    `Policy ${policy}; delivery ${ctx.delivery}${ctx.evidence === null ? '' : `; evidence ${ctx.evidence}`}.`
  )
  if (decision.decision === 'allow') {
    const passed = decision.results.filter((c) => c.status === 'pass').length
    const skipped = decision.results.filter((c) => c.status === 'skipped')
    return fit(
      [
        `**promotion-gate approved** ${where}: all ${passed} checks passed` +
          (skipped.length === 0
            ? '.'
            : ` (${skipped.map((c) => c.id).join(', ')} turned off by the policy).`)
      ],
      [],
      footer
    )
  }
  const bad = failed(decision)
  const ids = (status: 'fail' | 'error'): string =>
    bad
      .filter((c) => c.status === status)
      .map((c) => `**${c.id}**`)
      .join(', ')
  const head = [`**promotion-gate rejected** ${where}.`]
  if (bad.length === 0) {
    head.push(
      decision.failure === null
        ? 'No check passed.'
        : `It could not be decided: ${clip(inline(decision.failure.message), 300)}`
    )
  }
  if (ids('fail') !== '') head.push(`Violations: ${ids('fail')}.`)
  if (ids('error') !== '') head.push(`Could not be verified: ${ids('error')}.`)
  const hint = decision.failure?.hint
  if (hint !== undefined && hint !== '') {
    head.push(`Hint: ${clip(inline(hint), 300)}`)
  }
  // One line per distinct problem: a failure that stopped every check is
  // said once, with the checks it stopped.
  const problemsOf = (c: CheckResult): string[] =>
    c.problems.length > 0 ? c.problems : [c.summary]
  const max = maxLine(new Set(bad.flatMap(problemsOf)).size)
  const byProblem = new Map<string, string[]>()
  for (const check of bad) {
    for (const p of problemsOf(check)) {
      const text = clip(inline(p), max)
      const list = byProblem.get(text) ?? []
      if (!list.includes(check.id)) list.push(check.id)
      byProblem.set(text, list)
    }
  }
  const lines = [...byProblem].map(
    ([text, checks]) =>
      `- ${checks.length > 3 ? `${checks.length} checks` : checks.join(', ')}: ${text}`
  )
  return fit(
    head,
    lines,
    `${footer} Fix the above, then re-run the deployment job.`
  )
}

/**
 * A rejection for a deployment the engine could not be asked about (a
 * payload that cannot be trusted, an unreadable run, a server stopping).
 */
export function renderFailureComment(
  reason: string,
  ctx: CommentContext & { sha: string | null; environment: string },
  fix: string
): string {
  const where =
    ctx.sha === null
      ? `the deployment to ${code(inline(ctx.environment))}`
      : `${code(ctx.sha.slice(0, 7))} to ${code(inline(ctx.environment))}`
  return fit(
    [`**promotion-gate rejected** ${where}: it could not be verified.`],
    [`- ${clip(inline(reason), 600)}`],
    inline(`${fix} Delivery ${ctx.delivery}.`)
  )
}

/**
 * head, then as many body lines as fit, then "…and N more", then the
 * footer; the result is at most MAX_COMMENT long whatever the inputs.
 */
function fit(head: string[], body: string[], footer: string): string {
  const top = clip(head.join('\n'), 600)
  const bottom = clip(footer, MAX_COMMENT - top.length - 4)
  const budget = MAX_COMMENT - top.length - bottom.length - 4
  const shown: string[] = []
  let used = 0
  for (let i = 0; i < body.length; i++) {
    const line = body[i] as string
    const left = body.length - i - 1
    const more = left === 0 ? 0 : `\n- …and ${left} more`.length
    if (used + line.length + 1 + more > budget) {
      const rest = body.length - i
      const note = `- …and ${rest} more (see the server's log or evidence)`
      if (used + note.length + 1 <= budget) shown.push(note)
      else if (used + 14 <= budget) shown.push(`- …and ${rest} more`)
      break
    }
    shown.push(line)
    used += line.length + 1
  }
  const text = [top, shown.join('\n'), bottom]
    .filter((s) => s !== '')
    .join('\n\n')
  return clip(text, MAX_COMMENT)
}
