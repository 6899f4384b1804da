// What the request logs show about the gate beyond pass/fail, computed from
// the run so that each statement carries its own evidence.

import type { BenchResults, CaseResult } from './results.js'
import { ms } from './target-kit.js'

function count(c: CaseResult, suffix: string): number {
  return c.requestSequence.filter((r) => r.request.endsWith(suffix)).length
}

export function observe(
  r: Pick<BenchResults, 'cases' | 'latencyMs'>
): string[] {
  const out: string[] = []
  const byName = new Map(r.cases.map((c) => [c.name, c]))

  const typical = byName.get('typical')
  const afterBoot = typical?.phases.gaps.find((g) =>
    g.after.endsWith('GateBootstrap')
  )
  if (typical !== undefined && afterBoot !== undefined && afterBoot.ms >= 30) {
    out.push(
      `**The gate pauses ${ms(afterBoot.ms)} between GateBootstrap's answer and its next requests** (typical decision, median run), and spends ${ms(typical.phases.tailMs)} between the last answer and exit. ` +
        'Both are CPU work of the gate on the critical path, not waiting for GitHub: parsing and checking the policy and gathering facts after the first answer, the rules, the evidence and the summary before exit. (The validators of both schemas are compiled ahead of time since this bench first measured Ajv compiling them on every run, about 200 ms.)'
    )
  }

  for (const c of r.cases.filter((x) => x.family === 'pr-commits')) {
    const pages = 1 + count(c, 'GatePages')
    if (c.size !== null && c.size > pages * 100) {
      out.push(
        `**${c.name}: the gate read ${pages} pages of the pull request's commits (GateBootstrap, then ${pages - 1} GatePages: at most ${(pages * 100).toLocaleString('en-US')} of ${c.size.toLocaleString('en-US')}) and allowed.** ` +
          "The simulator cuts GraphQL's `PullRequest.commits` at 250, as GitHub documents for the REST list of a pull request's commits; reports from other projects (dcoapp/app#310, linuxfoundation/easycla#4801) say GitHub's GraphQL connection is not cut. " +
          'Either way something needs fixing. If the cut is real, the gate fails open: it never notices that the list is short, so the later commits are never checked against the approvers (found while writing this bench: a merged pull request of 300 commits whose last commit is by its approver is allowed; with 250 commits it is blocked for maker-checker). ' +
          `If it is not, the simulator under-measures this row: at 100 commits a page, GitHub would take ${Math.ceil(c.size / 100) - 1} GatePages, ${c.requests - (pages - 1) + Math.ceil(c.size / 100) - 1} requests in all. ` +
          "The gate should check that it read as many commits as the pull request has (the connection's `totalCount`, or an independent count such as compare between the pull request's base and head) and block when it did not."
      )
    }
  }

  const crowded = byName.get('deployments-1000')
  if (crowded !== undefined) {
    const pages = count(crowded, 'GateContext')
    out.push(
      pages === 0
        ? `**Upstream history does not cost requests**: ${crowded.name} took ${crowded.requests} requests in ${crowded.roundTrips} round trips (${ms(crowded.wallMs)}) although the deployed commit's deployment sits behind 998 newer ones: GateBootstrap asks for the commit's own deployments (\`Commit.deployments\`) and the target environment's latest, which settle the promotion and the range's start without paging.`
        : `**Upstream deployments are read 100 per sequential round trip**: ${crowded.name} took ${pages} GateContext queries in ${crowded.roundTrips} round trips (${ms(crowded.wallMs)}). The reading stops at 50 pages (5,000 deployments) and then blocks.`
    )
  }

  const audit = byName.get('audit-10000')
  const audit1000 = byName.get('audit-1000')
  // a run cut short by the rate limit says nothing about growth
  if (
    audit !== undefined &&
    audit1000 !== undefined &&
    !audit.rateLimited &&
    !audit1000.rateLimited
  ) {
    out.push(
      `**Audits grow linearly in requests**: ${audit1000.requests.toLocaleString('en-US')} for 1,000 deployments, ${audit.requests.toLocaleString('en-US')} for 10,000 (deployments, history and workflow runs 100 a page; deployed commits in batches sized by their nodes, four queries in flight). ` +
        `At 10,000 the wall time (${ms(audit.wallMs)}) is mostly the simulator's own work (sim ms ${audit.serverMs.toLocaleString('en-US')}, summed over concurrent answers): it recomputes ancestries over a 10,000-commit history for every commit it describes, where GitHub answers from indexes. The gate's peak memory was ${audit.peakRssMB?.toFixed(0) ?? '?'} MiB: each deployment's evidence record is written to its own file as it is judged, and only the report's rows stay in memory.`
    )
  }

  for (const c of r.cases.filter((x) => x.family === 'range')) {
    const batches = c.requestSequence.filter((q) =>
      q.request.endsWith('GateChanges')
    )
    if (batches.length < 2) continue
    const starts = batches.map((b) => b.atMs)
    const sequential = batches.every(
      (b, i) =>
        i === 0 ||
        b.atMs >=
          (batches[i - 1]?.atMs ?? 0) + (batches[i - 1]?.durationMs ?? 0)
    )
    if (sequential) {
      out.push(
        `**${c.name}: the ${batches.length} GateChanges batches (50 commits each) go out one after the other** (at ${starts.map((s) => ms(s)).join(', ')}), although none depends on another: sent together they would save ${batches.length - 1} round trip${batches.length === 2 ? '' : 's'} (about ${ms((batches.length - 1) * r.latencyMs)} here).`
      )
    }
  }

  const limited = r.cases.filter((c) => c.rateLimited)
  if (limited.length > 0) {
    out.push(
      `**A GITHUB_TOKEN's hour of GraphQL points runs out** in ${limited.map((c) => `${c.name} (${c.points.toLocaleString('en-US')} points charged, then ${c.refused.rateLimited} refused)`).join(', ')}: the simulator gives each run one hour, 1,000 points, as GitHub gives a repository's workflows, and each of these blocked as rate limited before it could decide. Its wall time, requests and memory are those of a run cut short.`
    )
  }

  const mismatched = r.cases.filter(
    (c) =>
      c.gateCountedRequests !== null && c.gateCountedRequests !== c.requests
  )
  if (mismatched.length > 0) {
    out.push(
      `The evidence's \`api_requests\` differs from the requests the simulator saw in ${mismatched.map((c) => `${c.name} (${c.gateCountedRequests} vs ${c.requests})`).join(', ')}.`
    )
  } else if (r.cases.length > 0) {
    out.push(
      "The evidence's `api_requests` matched the simulator's count in every case."
    )
  }

  const rss = r.cases
    .map((c) => c.peakRssMB)
    .filter((v): v is number => v !== null)
  const decisions = r.cases
    .filter((c) => c.family !== 'audit')
    .map((c) => c.peakRssMB)
    .filter((v): v is number => v !== null)
  if (rss.length > 0 && decisions.length > 0) {
    out.push(
      `Peak memory of a decision stays between ${Math.min(...decisions).toFixed(0)} and ${Math.max(...decisions).toFixed(0)} MiB: it does not grow with the size of the pull request, the deployment history or the range at these sizes. An audit's grows with its population (${Math.max(...rss).toFixed(0)} MiB at its largest).`
    )
  }
  return out
}
