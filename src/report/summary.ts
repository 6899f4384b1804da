// Decision -> Markdown for the job summary, and one line for humans. Pure;
// writing is the adapter's job (STYLE habit 9).

import type { Decision } from '../engine/index.js'
import type { CheckResult, CheckStatus } from '../engine/index.js'
import type { EvidenceRecord } from '../engine/index.js'
import { costLine } from './cost.js'
import { missingPermissions, permissionsSection } from './permissions.js'

const ICON: Record<CheckStatus, string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  error: '⚠️ error',
  skipped: '⏭️ skipped'
}

export function violations(decision: Decision): string[] {
  return decision.results
    .filter((c) => c.status === 'fail' || c.status === 'error')
    .map((c) => c.id)
}

export function oneLine(decision: Decision): string {
  const r = decision.request
  const where = `${r.sha.slice(0, 7)} to ${r.environment}`
  const grant = decision.breakGlass
  if (decision.decision === 'allow' && grant !== null) {
    return `promotion-gate allowed ${where} by BREAK-GLASS (approved by ${grant.approvedBy}), overriding ${grant.overridden.join(', ')}; independent review due by ${grant.reviewDue}`
  }
  if (decision.decision === 'allow') {
    return `promotion-gate allowed ${where}: all ${decision.results.filter((c) => c.status === 'pass').length} checks passed`
  }
  const failed = decision.results.filter(
    (c) => c.status === 'fail' || c.status === 'error'
  )
  const first = failed[0]
  const reason =
    first === undefined
      ? // a block no check explains (the evidence or its signature failed)
        (decision.failure?.message ?? 'no check passed')
      : `${first.id}: ${first.problems[0] ?? first.summary}`
  // every failing check named: the one line may be all a reader sees
  const others = failed.slice(1).map((c) => c.id)
  const more = others.length > 0 ? `; also ${others.join(', ')}` : ''
  const note =
    decision.breakGlassNote === null ? '' : `; ${decision.breakGlassNote}`
  return `promotion-gate blocked ${where}: ${reason}${more}${note}`
}

/** Markdown cells must not break the table. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>')
}

function links(check: CheckResult): string {
  if (check.links.length === 0) return ''
  const shown = check.links
    .slice(0, 12)
    .map((l) => `[${cell(l.label)}](${l.url})`)
  const more =
    check.links.length > 12 ? ` and ${check.links.length - 12} more` : ''
  return `<br>${shown.join(', ')}${more}`
}

/** What a break-glass allow overrode, said plainly, above the checks. */
function breakGlassSection(evidence: EvidenceRecord): string[] {
  const bg = evidence.break_glass
  if (bg === null) return []
  const issue =
    bg.follow_up_issue === null
      ? 'no follow-up issue was opened'
      : `follow-up issue [#${bg.follow_up_issue.number}](${bg.follow_up_issue.url})`
  const quote = (text: string): string => `> ${cell(text)}`
  return [
    quote(
      `**This deployment was allowed by break-glass, not because it passed the gate.** It overrode ${bg.overridden_checks.length === 1 ? 'the failed check' : `${bg.overridden_checks.length} failed checks`}: ${bg.overridden_checks.map((id) => `\`${id}\``).join(', ')}.`
    ),
    '>',
    quote(
      `Approved by @${bg.approved_by} (an environment approval of this run); deployed by ${evidence.deployer === null ? 'an unknown deployer' : `@${evidence.deployer}`}.`
    ),
    '>',
    quote(`Reason: ${bg.reason.replace(/</g, '&lt;').replace(/>/g, '&gt;')}`),
    '>',
    quote(
      `An independent review is due by ${bg.review_due}: ${issue} must be closed as completed by someone who is neither the deployer, the approver nor a maker of the changes.`
    )
  ]
}

function row(check: CheckResult, overridden: boolean): string {
  const details = [check.summary, ...check.problems.map((p) => `• ${p}`)]
    .map(cell)
    .join('<br>')
  const note = overridden ? ' (overridden by break-glass)' : ''
  return `| \`${check.id}\` | ${ICON[check.status]}${note} | ${details}${links(check)} |`
}

function verdictOf(decision: Decision, report: boolean): string {
  if (decision.decision === 'allow') {
    return decision.breakGlass === null
      ? '✅ **allow**'
      : '🚨 **allow by break-glass**'
  }
  // mode: report blocks nothing: say what enforce would have done
  return report ? '⚠️ **would block** (mode: report)' : '⛔ **block**'
}

/**
 * The job summary: what failed first, each with what was found and what to
 * do, the token's missing permissions in one place, then the checks that
 * passed, folded.
 */
export function renderSummary(
  decision: Decision,
  evidence: EvidenceRecord,
  evidencePath: string | null,
  /** the record uploaded as an artifact of the run: it outlives the runner */
  evidenceUrl: string | null = null
): string {
  const r = decision.request
  const grant = decision.breakGlass
  const report = evidence.mode === 'report'
  const headline = report
    ? oneLine(decision).replace(
        /^promotion-gate blocked /,
        'promotion-gate would block '
      )
    : oneLine(decision)
  const lines: string[] = [
    `## promotion-gate: ${verdictOf(decision, report)} \`${r.sha.slice(0, 7)}\` → ${cell(r.environment)}`,
    '',
    headline,
    ''
  ]
  if (report && decision.decision === 'block') {
    lines.push(
      '> Nothing was blocked: `mode: report` only reports. With `mode: enforce` this deployment would stop here.',
      ''
    )
  }
  if (grant !== null) lines.push(...breakGlassSection(evidence), '')
  const failed = decision.results.filter(
    (c) => c.status === 'fail' || c.status === 'error'
  )
  const rest = decision.results.filter(
    (c) => c.status !== 'fail' && c.status !== 'error'
  )
  const overridden = (c: CheckResult): boolean =>
    grant?.overridden.includes(c.id) === true
  if (failed.length > 0) {
    lines.push(
      grant === null ? '### What to fix' : '### What break-glass overrode',
      '',
      '| Check | Result | What was found, and what to do |',
      '| --- | --- | --- |',
      ...failed.map((c) => row(c, overridden(c))),
      ''
    )
    lines.push(...permissionsSection(missingPermissions(decision)))
  }
  if (rest.length > 0) {
    const passed = rest.filter((c) => c.status === 'pass').length
    const skipped = rest.length - passed
    const title = `${passed} check${passed === 1 ? '' : 's'} passed${skipped === 0 ? '' : `, ${skipped} turned off by the policy`}`
    // folded when something failed: the failures are what to read
    lines.push(
      failed.length > 0
        ? `<details><summary>${title}</summary>`
        : `### ${title}`,
      '',
      '| Check | Result | Details |',
      '| --- | --- | --- |',
      ...rest.map((c) => row(c, false)),
      ''
    )
    if (failed.length > 0) lines.push('</details>', '')
  }
  if (evidence.changes.length > 0) {
    lines.push(
      '### Changes in scope',
      '',
      '| Change | Makers | Independent approvers |',
      '| --- | --- | --- |'
    )
    for (const change of evidence.changes) {
      const what =
        change.pull_request === null
          ? `[${change.sha.slice(0, 7)}](${change.url}) (direct push)`
          : `[#${change.pull_request.number}](${change.pull_request.url}) ([${change.sha.slice(0, 7)}](${change.url}))`
      const makers = change.makers
        .map((m) => `@${m.login}`)
        .concat(
          change.unresolved_identities.map(
            (u) => `${u.email ?? u.name ?? '?'} (no account)`
          )
        )
      const approvers = change.approvers.map(
        (a) => `[@${a.login}](${a.review_url})`
      )
      lines.push(
        `| ${what} | ${cell(makers.join(', ') || '—')} | ${approvers.join(', ') || '—'} |`
      )
    }
  }
  if (evidence.scope?.note) lines.push('', `> ${cell(evidence.scope.note)}`)
  for (const note of evidence.notes) lines.push('', `> ${cell(note)}`)
  lines.push(
    '',
    `<sub>Policy \`${cell(evidence.policy.path)}\` at \`${cell(evidence.policy.ref ?? '?')}\`` +
      (evidence.policy.blob_sha
        ? ` (blob \`${evidence.policy.blob_sha.slice(0, 7)}\`)`
        : '') +
      ` · promotion-gate ${evidence.tool.version}` +
      // the cost line below says the requests, and more
      (evidence.api_requests === null || evidence.api !== null
        ? ''
        : ` · ${evidence.api_requests} API requests`) +
      (evidenceUrl !== null
        ? ` · [evidence record](${evidenceUrl}) (artifact of this run)`
        : evidencePath === null
          ? ''
          : ` · evidence: \`${cell(evidencePath)}\``) +
      '</sub>',
    ''
  )
  if (evidence.api !== null) {
    lines.push(`<sub>${cell(costLine(evidence.api))}</sub>`, '')
  }
  return lines.join('\n')
}
