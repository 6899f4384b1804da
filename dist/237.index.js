export const id = 237;
export const ids = [237];
export const modules = {

/***/ 55237:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runAuditMode: () => (/* binding */ runAuditMode)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/engine/index.ts + 95 modules
var engine = __webpack_require__(68834);
;// CONCATENATED MODULE: ./src/audit/period.ts
// The audit's period: `since` and `until` as a date (2026-10-01, or a full
// ISO 8601 time) or a duration back from now (30d, 12h), as `audit-since`
// takes it (SPEC §3).

const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
/** A point in time from a date or a duration back from `now`. */
function pointInTime(name, text, now) {
    const value = text.trim();
    if (DATE.test(value)) {
        const t = Date.parse(/T| /.test(value) ? value : `${value}T00:00:00Z`);
        if (!Number.isNaN(t))
            return new Date(t);
    }
    else {
        try {
            return new Date(now.getTime() - (0,engine/* parseDuration */.E9)(value) * 1000);
        }
        catch {
            // fall through to the one error below
        }
    }
    throw new engine/* InputError */.dz(`${name} must be a date (2026-10-01) or a duration back from now (${engine/* DURATION_EXAMPLES */.rJ}), not "${value}"`);
}
/** The period [since, until], checked. */
function period(since, until, now) {
    const from = pointInTime('since', since, now);
    const to = until === null ? now : pointInTime('until', until, now);
    if (from.getTime() > to.getTime()) {
        throw new engine/* InputError */.dz(`the period is empty: since (${from.toISOString()}) is after until (${to.toISOString()})`);
    }
    return { since: from, until: to };
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
;// CONCATENATED MODULE: ./src/audit/evidence-dir.ts
// Each audited deployment's evidence record, written to a file of its own
// as soon as it is judged (`evidence/<deployment id>.json`, the packet's
// evidence/ of SPEC §7), so the audit holds only the report's rows.



/** The directory's `evidence/`, created, and a writer of one record per deployment. */
function evidenceDirectory(dir) {
    const evidence = (0,external_node_path_.join)(dir, 'evidence');
    (0,external_node_fs_.mkdirSync)(evidence, { recursive: true });
    return (deploymentId, record) => (0,promises_.writeFile)((0,external_node_path_.join)(evidence, `${deploymentId}.json`), `${JSON.stringify(record, null, 2)}\n`, { mode: 0o644 });
}

// EXTERNAL MODULE: external "node:v8"
var external_node_v8_ = __webpack_require__(78877);
// EXTERNAL MODULE: external "node:vm"
var external_node_vm_ = __webpack_require__(30714);
;// CONCATENATED MODULE: ./src/action/collect.ts
// Garbage collection on demand for the action's audit. An action cannot pass
// flags to the node that runs it, and V8 lets its heap grow far past what a
// long audit keeps alive before it collects (peak memory is what a runner
// runs out of: SPEC §9 keeps a 10,000-deployment audit under 300 MB). A
// context created after `--expose-gc` is set has V8's `gc`; collecting once
// per audited chunk keeps the heap near what is alive.


/** V8's full collection, or nothing where it cannot be had. */
function collector() {
    (0,external_node_v8_.setFlagsFromString)('--expose-gc');
    const gc = (0,external_node_vm_.runInNewContext)('typeof gc === "function" ? gc : null');
    return typeof gc === 'function' ? () => gc() : () => undefined;
}

;// CONCATENATED MODULE: ./src/access/render.ts
// The access matrix as Markdown (people), JSON (machines) or CSV
// (spreadsheets). Whatever could not be read is printed as such, with the
// permission that would read it; never as an empty cell. A list cut at its
// page limit says so next to it: a `FIELD: truncated` row in CSV, a note in
// the same cell in Markdown, `…Truncated` beside the list in JSON.

function show(value, text) {
    if (value === null)
        return 'not read';
    if ((0,engine/* isCannot */.Sl)(value))
        return `cannot read (needs ${value.permission})`;
    return text(value);
}
const list = (items) => items.length === 0 ? 'none' : items.join(', ');
/** The field of the row that says the list in `field` was cut. */
const TRUNCATED = ': truncated';
const cutNote = (cut) => {
    const notes = cut.flatMap((t) => (t === undefined ? [] : [(0,engine/* truncatedNote */.z$)(t)]));
    return notes.length === 0 ? null : notes.join('; ');
};
const yes = (b, unknown = 'unknown') => b === null ? unknown : b ? 'yes' : 'no';
/** One row per fact: the same content for CSV and, flattened, for Markdown. */
function matrixRows(m) {
    const rows = [];
    for (const e of m.environments) {
        const add = (field, value) => {
            if (value !== null)
                rows.push(['environment', e.name, field, value]);
        };
        add('exists', yes(e.exists, 'cannot read'));
        add('deployment branches', show(e.deploymentBranches, (v) => v === 'any'
            ? 'any branch'
            : v === 'protected'
                ? 'protected branches only'
                : list(v)));
        add('required reviewers', list(e.reviewers.map((r) => r.type === 'User'
            ? r.name
            : `team ${r.name} (${show(r.members, (members) => list(members))})`)));
        add(`required reviewers${TRUNCATED}`, cutNote(e.reviewers.map((r) => r.membersTruncated)));
        add('prevent self-review', yes(e.preventSelfReview));
        add('admins may bypass', yes(e.adminBypass, 'yes (GitHub did not say)'));
        add('wait timer (minutes)', e.waitTimer === null ? 'unknown' : String(e.waitTimer));
        add('custom protection rules', show(e.customRules, list));
    }
    for (const b of m.branches) {
        const add = (field, value) => {
            if (value !== null)
                rows.push(['branch', b.name, field, value]);
        };
        add('required approvals', show(b.requiredApprovals, String));
        add('protected by', list(b.protectedBy));
        add(`protected by${TRUNCATED}`, cutNote([b.rulesTruncated]));
        add('ruleset bypass actors', show(b.bypassActors, list));
        add('admins may bypass', yes(b.adminsBypass));
    }
    const add = (field, value) => {
        if (value !== null)
            rows.push(['repository', m.repository, field, value]);
    };
    add(`branches${TRUNCATED}`, cutNote([m.branchesTruncated]));
    add('write, maintain or admin', show(m.writers, (w) => list(w.map((h) => `${h.login} (${h.role})`))));
    add(`write, maintain or admin${TRUNCATED}`, cutNote([m.writersTruncated]));
    add('teams with write, maintain or admin', show(m.writerTeams, (w) => list(w.map((h) => `${h.login} (${h.role})`))));
    add(`teams with write, maintain or admin${TRUNCATED}`, cutNote([m.writerTeamsTruncated]));
    for (const gap of m.gaps)
        rows.push(['gap', m.repository, 'gap', gap]);
    return rows;
}
function csvCell(value) {
    // Cells that a spreadsheet would run as a formula are quoted as text.
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
function mdCell(value) {
    return value.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}
function renderMatrix(m, format) {
    switch (format) {
        case 'json':
            return `${JSON.stringify(m, null, 2)}\n`;
        case 'csv':
            return `${[['section', 'subject', 'field', 'value'], ...matrixRows(m)]
                .map((r) => r.map(csvCell).join(','))
                .join('\n')}\n`;
        case 'md':
            return renderMarkdown(m);
    }
}
function renderMarkdown(m) {
    const rows = matrixRows(m);
    const at = (section, subject, field) => rows.find((r) => r[0] === section && r[1] === subject && r[2] === field)?.[3] ?? '';
    // The cell of a list, with the note of its cut beside it.
    const cell = (section, subject, field) => {
        const note = at(section, subject, `${field}${TRUNCATED}`);
        const value = at(section, subject, field);
        return note === '' ? value : `${value} (⚠️ ${note})`;
    };
    const isNote = (r) => r[2].endsWith(TRUNCATED);
    const branchesCut = at('repository', m.repository, `branches${TRUNCATED}`);
    const lines = [`## Access matrix: ${mdCell(m.repository)}`, ''];
    lines.push(`<sub>read ${m.generatedAt}</sub>`, '');
    for (const section of ['environment', 'branch']) {
        const own = rows.filter((r) => r[0] === section && !isNote(r));
        const subjects = [...new Set(own.map((r) => r[1]))];
        const cut = section === 'branch' && branchesCut !== '';
        if (subjects.length === 0 && !cut)
            continue;
        const fields = [...new Set(own.map((r) => r[2]))];
        lines.push(`### ${section === 'environment' ? 'Environments' : 'Branches'}`, '');
        if (cut)
            lines.push(`⚠️ ${mdCell(branchesCut)}`, '');
        if (subjects.length > 0) {
            lines.push(`| ${section} | ${fields.map(mdCell).join(' | ')} |`, `| --- | ${fields.map(() => '---').join(' | ')} |`);
        }
        for (const subject of subjects) {
            const cells = fields.map((f) => cell(section, subject, f));
            lines.push(`| ${mdCell(subject)} | ${cells.map(mdCell).join(' | ')} |`);
        }
        lines.push('');
    }
    lines.push('### Who may push', '');
    for (const r of rows.filter((row) => row[0] === 'repository')) {
        if (isNote(r))
            continue;
        const field = r[2];
        lines.push(`- ${field}: ${mdCell(cell('repository', m.repository, field))}`);
    }
    lines.push('', '### Gaps against the policy', '');
    if (m.gaps.length === 0)
        lines.push('None.');
    for (const gap of m.gaps)
        lines.push(`- ⚠️ ${mdCell(gap)}`);
    lines.push('');
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./src/audit/csv.ts
// The packet's tables (SPEC §7): population.csv, one row per deployment, and
// changes.csv, one row per change of each deployment. RFC 4180: one header,
// CRLF line ends, fields with a comma, quote or line break quoted. Lists in a
// cell are joined with `; `. What comes from a deployment's evidence record
// says so when the record is not at hand, never an empty cell.

const NO_RECORD = 'unknown (no evidence record)';
const POPULATION_HEADER = [
    'deployment_id',
    'deployment_url',
    'environment',
    'sha',
    'succeeded_at',
    'created_at',
    'deployer',
    'run_url',
    'decision',
    'violations',
    'problems',
    'break_glass',
    'pull_requests',
    'pull_request_urls',
    'direct_pushes',
    'carried_in',
    'makers',
    'approvers',
    'approval_times',
    'upstream_deployments',
    'policy_path',
    'policy_blob'
];
const CHANGES_HEADER = [
    'deployment_id',
    'change_sha',
    'change_url',
    'entered_by',
    'carried_by',
    'pull_request',
    'pull_request_url',
    'merged_at',
    'makers',
    'unresolved_identities',
    'approvers',
    'approval_times',
    'excluded_approvals'
];
/** One RFC 4180 record, with its CRLF. */
function csvLine(cells) {
    return `${cells.map(csvCell).join(',')}\r\n`;
}
const join = (items) => [...new Set(items)].join('; ');
/** `--api-url`'s deployment resource: GitHub's own `url` of a deployment. */
function deploymentUrl(apiUrl, report, id) {
    const { owner, name } = report.repository;
    return `${apiUrl.replace(/\/+$/, '')}/repos/${owner}/${name}/deployments/${id}`;
}
function approvalTimes(changes) {
    return changes.flatMap((c) => c.approvers.map((a) => `${c.pull_request === null ? c.sha.slice(0, 7) : `#${c.pull_request.number}`} ${a.login} ${a.submitted_at ?? 'time unknown'}`));
}
function populationRow(o) {
    const { entry: e, record: r } = o;
    const fromRecord = (cell) => r === null ? NO_RECORD : cell(r);
    const prs = (r) => r.changes.filter((c) => c.pull_request !== null);
    return [
        String(e.deployment.id),
        deploymentUrl(o.apiUrl, o.report, e.deployment.id),
        o.report.environment,
        e.deployment.sha,
        e.deployment.succeededAt,
        e.deployment.createdAt,
        e.summary.deployer ?? 'unknown',
        e.summary.runUrl ?? '',
        e.decision,
        e.violations.join('; '),
        e.summary.problems.join('; '),
        e.breakGlass === null
            ? ''
            : `#${e.breakGlass.issue.number} review ${e.breakGlass.review}`,
        join(e.summary.changes.flatMap((c) => c.pullRequest === null ? [] : [`#${c.pullRequest}`])),
        fromRecord((r) => join(prs(r).map((c) => c.pull_request?.url ?? ''))),
        join(e.summary.changes.flatMap((c) => c.pullRequest === null && c.carriedBy === undefined ? [c.sha] : [])),
        join(e.summary.changes.flatMap((c) => c.carriedBy === undefined ? [] : [`${c.sha} by merge ${c.carriedBy}`])),
        fromRecord((r) => join(r.changes.flatMap((c) => c.makers.map((m) => m.login)))),
        fromRecord((r) => join(r.changes.flatMap((c) => c.approvers.map((a) => a.login)))),
        fromRecord((r) => join(approvalTimes(r.changes))),
        fromRecord((r) => join(r.checks
            .filter((c) => c.id === 'promotion')
            .flatMap((c) => c.links)
            .filter((l) => l.kind === 'deployment')
            .map((l) => `${l.label} ${l.url}`))),
        fromRecord((r) => r.policy.path),
        r?.policy.blob_sha ?? o.report.policy.blobSha
    ];
}
/** How a change reached the branch, as the summary of its deployment says. */
function enteredBy(change) {
    if (change.carriedBy !== undefined)
        return 'carried by a merge';
    return change.pullRequest === null ? 'direct push' : 'merged pull request';
}
function changeRows(o) {
    const { entry: e, record: r } = o;
    const bySha = new Map((r?.changes ?? []).map((c) => [c.sha, c]));
    return e.summary.changes.map((s) => {
        const c = bySha.get(s.sha);
        const known = (cell) => c === undefined ? NO_RECORD : cell(c);
        return [
            String(e.deployment.id),
            s.sha,
            known((c) => c.url),
            enteredBy(s),
            s.carriedBy ?? '',
            s.pullRequest === null ? '' : String(s.pullRequest),
            known((c) => c.pull_request?.url ?? ''),
            known((c) => c.pull_request?.merged_at ?? ''),
            known((c) => join(c.makers.map((m) => `${m.login} (${m.roles.join(', ')})`))),
            known((c) => join(c.unresolved_identities.map((u) => `${u.name ?? 'no name'} <${u.email ?? 'no email'}> (${u.role})`))),
            known((c) => join(c.approvers.map((a) => a.login))),
            known((c) => join(c.approvers.map((a) => `${a.login} ${a.submitted_at ?? 'time unknown'}`))),
            known((c) => join(c.excluded_approvals.map((x) => `${x.login ?? 'unknown'}: ${x.reason}`)))
        ];
    });
}
/** population.csv whole, for `--format csv` (the packet streams it instead). */
function populationCsv(o) {
    const rows = (o.entries ?? o.report.entries).map((entry) => csvLine(populationRow({
        report: o.report,
        entry,
        record: o.recordOf(entry),
        apiUrl: o.apiUrl
    })));
    return csvLine(POPULATION_HEADER) + rows.join('');
}

;// CONCATENATED MODULE: ./src/audit/render.ts
// The audit report as Markdown (an auditor reading it, the sample first),
// JSON (every deployment's full evidence record) or CSV (the packet's
// population.csv: one row per deployment, for a spreadsheet); the access
// matrix follows in Markdown and JSON.


const render_short = (sha) => sha.slice(0, 7);
function changesOf(e) {
    return e.summary.changes
        .map((c) => c.pullRequest === null
        ? `${render_short(c.sha)} (direct push)`
        : `#${c.pullRequest}`)
        .join(' ');
}
function problemsOf(e) {
    return e.summary.problems.join('; ');
}
/** Each deployment's row as the report shows it (what chunking must not change). */
function auditRows(r) {
    return r.entries.map((e) => [
        String(e.deployment.id),
        e.deployment.succeededAt,
        e.deployment.sha,
        e.summary.deployer ?? '',
        e.summary.runUrl ?? '',
        e.decision,
        e.violations.join(' '),
        changesOf(e),
        problemsOf(e),
        e.breakGlass === null
            ? ''
            : `#${e.breakGlass.issue.number} review ${e.breakGlass.review}`
    ]);
}
function deploymentCell(e) {
    return e.summary.runUrl === null
        ? `#${e.deployment.id}`
        : `[#${e.deployment.id}](${e.summary.runUrl})`;
}
function decisionCell(e) {
    return `${e.decision === 'allow' ? '✅ allow' : '⛔ block'}${e.breakGlass === null ? '' : ` (break-glass, review ${e.breakGlass.review})`}`;
}
function renderAudit(r, format, o = {}) {
    const recordOf = o.recordOf ?? ((e) => e.evidence);
    switch (format) {
        case 'json':
            return `${JSON.stringify(r, null, 2)}\n`;
        case 'csv':
            // one table a spreadsheet imports: the access matrix is `access --format csv`
            return populationCsv({
                report: r,
                recordOf,
                apiUrl: o.apiUrl ?? 'https://api.github.com'
            });
        case 'md':
            return render_renderMarkdown(r, o.sample ?? null, recordOf);
    }
}
function render_renderMarkdown(r, sample, recordOf) {
    const blocked = r.entries.filter((e) => e.decision === 'block');
    const lines = [
        `# Deployments to ${mdCell(r.environment)}: ${mdCell(`${r.repository.owner}/${r.repository.name}`)}`,
        '',
        `Period ${r.period.since} to ${r.period.until}; policy \`${mdCell(r.policy.path)}\` at \`${mdCell(r.policy.ref)}\` (blob \`${render_short(r.policy.blobSha)}\`); generated ${r.generatedAt}.`,
        '',
        `**${r.entries.length}** successful deployment${r.entries.length === 1 ? '' : 's'}: **${r.entries.length - blocked.length}** would pass the gate as of their own time, **${blocked.length}** would not${'error' in r.breakGlass ? '' : `; ${r.breakGlass.length} broke the glass`}.`,
        '',
        `Each deployment is judged as of its first success status: reviews, upstream statuses and test results that came later do not count. Read as they are now (GitHub keeps no history of them): ${r.readNow.join('; ')}.`,
        ''
    ];
    if (sample !== null)
        lines.push(...sampleSection(r, sample, recordOf));
    if (r.entries.length > 0) {
        lines.push('| Deployment | Succeeded | Commit | Deployer | Decision | Changes | Problems |', '| --- | --- | --- | --- | --- | --- | --- |');
        for (const e of r.entries) {
            const deployer = e.summary.deployer ?? 'unknown';
            lines.push(`| ${deploymentCell(e)} | ${e.deployment.succeededAt} | \`${render_short(e.deployment.sha)}\` | ${mdCell(deployer)} | ${decisionCell(e)} | ${mdCell(changesOf(e))} | ${mdCell(problemsOf(e))} |`);
        }
        lines.push('');
    }
    lines.push('## Break-glass deployments', '');
    if ('error' in r.breakGlass) {
        lines.push(`⚠️ ${mdCell(r.breakGlass.error)}`, '');
    }
    else if (r.breakGlass.length === 0) {
        lines.push('None in the period.', '');
    }
    else {
        lines.push('| Issue | Commit | Deployer | Approved by | Review due | Review | Closed |', '| --- | --- | --- | --- | --- | --- | --- |');
        for (const b of r.breakGlass) {
            const review = b.review === 'done'
                ? '✅ done'
                : b.review === 'pending'
                    ? '⏳ pending'
                    : `⚠️ ${b.review}`;
            const closed = b.closed === null
                ? 'open'
                : `${b.closed.at} by ${b.closed.by ?? 'unknown'} (${b.closed.reason ?? 'no reason'})`;
            lines.push(`| [#${b.issue.number}](${b.issue.url}) | \`${render_short(b.sha)}\` | ${mdCell(b.deployer)} | ${mdCell(b.approvedBy)} | ${b.due} | ${review}${b.problem === null ? '' : `: ${mdCell(b.problem)}`} | ${mdCell(closed)} |`);
        }
        lines.push('');
    }
    lines.push('error' in r.access
        ? `## Access matrix\n\nNot read: ${mdCell(r.access.error)}\n`
        : renderMatrix(r.access, 'md'));
    return lines.join('\n');
}
/** The sampled deployments, each with who made, approved and deployed it. */
function sampleSection(r, sample, recordOf) {
    const drawn = new Set(sample.ids);
    const lines = [
        `## Sample: ${sample.ids.length} of ${r.entries.length} deployments`,
        '',
        `Drawn with seed \`${mdCell(sample.seed)}\` (re-draw it with \`--sample ${sample.size} --seed ${mdCell(sample.seed)}\`). Method: ${mdCell(sample.method)}.`,
        ''
    ];
    if (sample.ids.length === 0)
        return [...lines, 'No deployment to draw.', ''];
    lines.push('| Deployment | Succeeded | Commit | Deployer | Decision | Changes | Makers | Approvers (approved at) | Problems |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const e of r.entries.filter((x) => drawn.has(x.deployment.id))) {
        const record = recordOf(e);
        const makers = record === null
            ? 'unknown (no evidence record)'
            : [
                ...new Set(record.changes.flatMap((c) => c.makers.map((m) => m.login)))
            ].join(', ') || 'none';
        const approvers = record === null
            ? 'unknown (no evidence record)'
            : record.changes
                .flatMap((c) => c.approvers.map((a) => `${a.login} (${c.pull_request === null ? '' : `#${c.pull_request.number}, `}${a.submitted_at ?? 'time unknown'})`))
                .join(', ') || 'none';
        lines.push(`| ${deploymentCell(e)} | ${e.deployment.succeededAt} | \`${render_short(e.deployment.sha)}\` | ${mdCell(e.summary.deployer ?? 'unknown')} | ${decisionCell(e)} | ${mdCell(changesOf(e))} | ${mdCell(makers)} | ${mdCell(approvers)} | ${mdCell(problemsOf(e))} |`);
    }
    lines.push('');
    return lines;
}

;// CONCATENATED MODULE: ./src/audit/calls.ts
// The API calls an audit made, by REST route and GraphQL operation, for the
// packet's manifest (SPEC §7: "how the population was produced ... queries"):
// an auditor can see what was asked of GitHub and re-run it. Counted at the
// port, so a call is one route or one operation, whatever its retries.
/** The operation name of a GraphQL document; `anonymous` when it has none. */
function operationOf(query) {
    const m = /^\s*(query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(query);
    return m === null ? 'anonymous' : `${m[1]} ${m[2]}`;
}
/** `port`, every call it makes counted. */
function countingPort(port) {
    const rest = new Map();
    const graphql = new Map();
    const add = (map, key) => {
        map.set(key, (map.get(key) ?? 0) + 1);
    };
    const counting = {
        rest: (route, params) => {
            add(rest, route);
            return port.rest(route, params);
        },
        graphql: (query, variables, options) => {
            add(graphql, operationOf(query));
            return port.graphql(query, variables, options);
        }
    };
    // the port's other members (its request log, its usage) stay its own
    const counted = { ...port, ...counting };
    const sorted = (map) => Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)));
    return {
        port: counted,
        calls: () => ({ rest: sorted(rest), graphql: sorted(graphql) })
    };
}

// EXTERNAL MODULE: ./src/audit/manifest.ts
var audit_manifest = __webpack_require__(76918);
;// CONCATENATED MODULE: ./src/audit/packet.ts
// The auditor's packet of SPEC §7 in `--out DIR`, beside the evidence/ the
// audit wrote as it judged: population.csv, changes.csv, sample.csv (with a
// sample) and, last, manifest.json with the sha256 of every other file. The
// tables are written a row at a time from the records on disk, so memory
// stays flat however long the population.




const PACKET_FILES = {
    population: 'population.csv',
    changes: 'changes.csv',
    sample: 'sample.csv'
};
/** The entry's record: held in it, else the one evidence/ holds; null when neither. */
function packetRecords(dir) {
    return (entry) => {
        if (entry.evidence !== null)
            return entry.evidence;
        try {
            const text = (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(dir, 'evidence', `${entry.deployment.id}.json`), 'utf8');
            return JSON.parse(text);
        }
        catch {
            // missing or unreadable: its cells say there is no record
            return null;
        }
    };
}
/** A CSV file written a record at a time. */
function table(path, header) {
    const fd = (0,external_node_fs_.openSync)(path, 'w', 0o644);
    const write = (cells) => {
        (0,external_node_fs_.writeSync)(fd, csvLine(cells));
    };
    write(header);
    return { row: write, close: () => (0,external_node_fs_.closeSync)(fd) };
}
function writePacket(o) {
    const { dir, report } = o;
    const recordOf = packetRecords(dir);
    const sampled = new Set(o.context.sample?.ids ?? []);
    const files = [PACKET_FILES.population, PACKET_FILES.changes];
    const population = table((0,external_node_path_.join)(dir, PACKET_FILES.population), POPULATION_HEADER);
    const changes = table((0,external_node_path_.join)(dir, PACKET_FILES.changes), CHANGES_HEADER);
    const sample = o.context.sample === null
        ? null
        : table((0,external_node_path_.join)(dir, PACKET_FILES.sample), POPULATION_HEADER);
    if (sample !== null)
        files.push(PACKET_FILES.sample);
    let changeCount = 0;
    try {
        for (const entry of report.entries) {
            const record = recordOf(entry);
            const row = populationRow({
                report,
                entry,
                record,
                apiUrl: o.context.apiUrl
            });
            population.row(row);
            if (sampled.has(entry.deployment.id))
                sample?.row(row);
            for (const change of changeRows({ entry, record })) {
                changes.row(change);
                changeCount++;
            }
        }
    }
    finally {
        population.close();
        changes.close();
        sample?.close();
    }
    // last: it names the digest of everything else in the directory
    const manifest = (0,audit_manifest/* buildManifest */.u1)(report, { ...o.context, changes: changeCount }, (0,audit_manifest/* digests */.cI)(dir));
    (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(dir, audit_manifest/* MANIFEST */.e0), `${JSON.stringify(manifest, null, 2)}\n`, {
        mode: 0o644
    });
    return { files: [...files, audit_manifest/* MANIFEST */.e0], changes: changeCount };
}

// EXTERNAL MODULE: ./src/github/urls.ts
var urls = __webpack_require__(15945);
// EXTERNAL MODULE: ./src/action/inputs.ts
var action_inputs = __webpack_require__(81729);
// EXTERNAL MODULE: ./src/action/artifact.ts
var artifact = __webpack_require__(48338);
;// CONCATENATED MODULE: ./src/action/audit.ts
// `mode: audit` (SPEC §3, §7): the audit of a scheduled workflow. Writes the
// report as the job summary and as a JSON file (`evidence-file`), uploads the
// report and every evidence record as one artifact of the run, sets
// `decision` to `block` when any deployment of the period would not have
// passed the gate, and fails the step then (an exception nobody sees is no
// control), unless `audit-exceptions: report`; it always fails when the audit
// cannot be made.














/** Blocked deployments named one by one in the log; the rest are counted. */
const NAMED = 10;
async function runAuditMode(inputs, deps) {
    const { io, env } = deps;
    const req = inputs.request;
    // The client gives up at its time budget: no refill is waited for past it.
    const waitUntil = deps.now().getTime() + inputs.timeoutSeconds * 1000;
    const dir = (0,external_node_path_.join)(env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'promotion-gate', `audit-${req.environment.replace(/[^A-Za-z0-9._-]/g, '_')}`);
    const counted = countingPort(deps.client);
    try {
        const when = period(inputs.auditSince, null, deps.now());
        const report = await (0,engine/* runAudit */.bD)({
            owner: req.owner,
            repo: req.repo,
            environment: req.environment,
            policyPath: req.policyPath,
            policyRef: req.policyRef,
            since: when.since,
            until: when.until,
            serverUrl: req.serverUrl
        }, {
            github: counted.port,
            logger: io,
            now: deps.now,
            progress: (message) => io.info(message),
            pace: {
                now: () => deps.now().getTime(),
                sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
                waitUntil,
                then: 'run the workflow again after then',
                wait: 'a longer timeout-seconds'
            },
            // each record to a file as it is judged: the report holds rows only
            evidence: evidenceDirectory(dir),
            chunkDone: collector()
        });
        (0,external_node_fs_.mkdirSync)(dir, { recursive: true });
        const file = (0,external_node_path_.join)(dir, `report-${report.generatedAt.slice(0, 10)}.json`);
        (0,external_node_fs_.writeFileSync)(file, renderAudit(report, 'json'), { mode: 0o644 });
        // the auditor's packet beside it (SPEC §7): population.csv, changes.csv
        // and manifest.json, which hashes every file, the report included
        writePacket({
            dir,
            report,
            context: {
                arguments: [
                    'mode: audit',
                    `environment: ${req.environment}`,
                    `audit-since: ${inputs.auditSince}`
                ],
                apiUrl: inputs.apiUrl,
                graphqlUrl: inputs.graphqlUrl ?? (0,urls/* defaultGraphqlUrl */.sd)(inputs.apiUrl),
                tokenKind: (0,audit_manifest/* tokenKind */.aA)(inputs.token),
                calls: counted.calls(),
                usage: deps.client.usage?.() ?? null,
                sample: null
            }
        });
        // signed after the manifest is written, before the packet is uploaded
        const unsigned = inputs.attest
            ? await (await __webpack_require__.e(/* import() */ 994).then(__webpack_require__.bind(__webpack_require__, 32994))).attestPacket({
                dir,
                inputs,
                env,
                io,
                github: deps.client,
                sign: deps.sign
            })
            : null;
        const blocked = report.entries.filter((e) => e.decision === 'block');
        const summary = `promotion-gate audit of ${req.environment}, ${report.period.since} to ${report.period.until}: ${report.entries.length} deployments, ${blocked.length} would not have passed the gate`;
        const exceptions = (0,engine/* flagged */.fv)(report);
        const packet = inputs.evidenceArtifact
            ? await (0,artifact/* uploadDirectory */.zA)({
                name: `promotion-gate-audit-${req.environment.replace(/[^A-Za-z0-9._-]/g, '_')}-${req.run.id ?? 'local'}-${req.run.attempt ?? 1}`,
                dir,
                retentionDays: inputs.evidenceRetentionDays,
                env,
                runUrl: req.run.id === null
                    ? null
                    : `${req.serverUrl.replace(/\/+$/, '')}/${req.owner}/${req.repo}/actions/runs/${req.run.id}`,
                timeoutMs: inputs.timeoutSeconds * 1000
            }, deps.upload)
            : null;
        const problem = packet === null ? null : (0,artifact/* uploadProblem */.Pm)(packet, dir, 'the audit packet');
        if (problem !== null)
            io.warning(problem);
        if (packet?.kind === 'skipped') {
            io.info(`audit packet not uploaded: ${packet.why}`);
        }
        io.setOutput(action_inputs/* OUTPUTS */.py.evidenceUrl, packet?.kind === 'uploaded' ? packet.url : '');
        io.setOutput(action_inputs/* OUTPUTS */.py.decision, exceptions === 0 ? 'allow' : 'block');
        io.setOutput(action_inputs/* OUTPUTS */.py.violations, JSON.stringify([...new Set(blocked.flatMap((e) => e.violations))]));
        io.setOutput(action_inputs/* OUTPUTS */.py.evidenceFile, file);
        io.setOutput(action_inputs/* OUTPUTS */.py.summary, summary);
        try {
            await io.writeSummary(renderAudit(report, 'md') +
                (packet?.kind === 'uploaded'
                    ? `\n<sub>[The audit packet](${packet.url}) (artifact of this run): this report and every deployment's evidence record.</sub>\n`
                    : ''));
        }
        catch (error) {
            io.warning(`the job summary could not be written: ${(0,engine/* getErrorMessage */.u1)(error)}`);
        }
        for (const e of blocked.slice(0, NAMED)) {
            io.warning(`deployment #${e.deployment.id} of ${e.deployment.sha.slice(0, 7)} at ${e.deployment.succeededAt} would not have passed: ${e.violations.join(', ')}`);
        }
        if (blocked.length > NAMED) {
            io.warning(`${blocked.length - NAMED} more: see the job summary`);
        }
        if (unsigned !== null) {
            // an auditor was promised a signed packet: an unsigned one fails
            io.setFailed(`${summary}; attest: true, and ${unsigned}`);
        }
        else if (exceptions > 0 && inputs.auditExceptions === 'fail') {
            io.setFailed(`${summary}; ${exceptions} exception${exceptions === 1 ? '' : 's'} to answer (see the job summary; audit-exceptions: report only reports them)`);
        }
        else {
            io.info(summary);
        }
    }
    catch (error) {
        const failure = (0,engine/* toFailure */.w2)(error);
        const message = `promotion-gate audit could not be made: ${failure.message}`;
        io.setOutput(action_inputs/* OUTPUTS */.py.decision, 'block');
        io.setOutput(action_inputs/* OUTPUTS */.py.violations, '[]');
        io.setOutput(action_inputs/* OUTPUTS */.py.evidenceFile, '');
        io.setOutput(action_inputs/* OUTPUTS */.py.summary, message);
        io.annotate(failure.hint ? `${failure.message}\n${failure.hint}` : failure.message, 'promotion-gate: audit');
        io.setFailed(message);
    }
}


/***/ }),

/***/ 76918:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aA: () => (/* binding */ tokenKind),
/* harmony export */   cI: () => (/* binding */ digests),
/* harmony export */   e0: () => (/* binding */ MANIFEST),
/* harmony export */   u1: () => (/* binding */ buildManifest)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _engine_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(68834);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(311);
// The packet's manifest.json (SPEC §7): how the population was produced
// (repository, environment, period, tool version, token kind, the API calls,
// when, the counts) and the sha256 of every other file in the packet, so an
// auditor can check that nothing was changed or left out and run it again.





const MANIFEST = 'manifest.json';
/**
 * What a token is, from the prefix GitHub gives each kind
 * (github.blog/changelog/2021-03-31-authentication-token-format-updates-are-generally-available;
 * `github_pat_` for fine-grained tokens, github.blog/2022-10-18-introducing-fine-grained-personal-access-tokens-for-github).
 * Only the kind is kept, never the token.
 */
function tokenKind(token) {
    const kinds = [
        ['github_pat_', 'fine-grained personal access token'],
        ['ghp_', 'personal access token (classic)'],
        ['gho_', 'OAuth app token'],
        ['ghu_', 'GitHub App user-to-server token'],
        // GITHUB_TOKEN is an installation token of the Actions app: same prefix
        ['ghs_', 'GitHub App installation token (or a workflow GITHUB_TOKEN)']
    ];
    return (kinds.find(([prefix]) => token.startsWith(prefix))?.[1] ??
        'unknown (no prefix GitHub documents)');
}
/** Every file under `dir` but the manifest itself, sorted by path. */
function digests(dir) {
    const out = [];
    const walk = (at) => {
        for (const entry of (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readdirSync)(at, { withFileTypes: true })) {
            const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(at, entry.name);
            if (entry.isDirectory())
                walk(path);
            else if (entry.isFile() && path !== (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, MANIFEST)) {
                const data = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(path);
                out.push({
                    path: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.relative)(dir, path).split(node_path__WEBPACK_IMPORTED_MODULE_2__.sep).join('/'),
                    bytes: data.length,
                    sha256: (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(data).digest('hex')
                });
            }
        }
    };
    walk(dir);
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
function buildManifest(report, context, files) {
    const blocked = report.entries.filter((e) => e.decision === 'block').length;
    return {
        kind: 'promotion-gate/audit-packet',
        tool: { name: 'promotion-gate', version: _version_js__WEBPACK_IMPORTED_MODULE_4__/* .VERSION */ .x },
        repository: `${report.repository.owner}/${report.repository.name}`,
        repository_url: report.repository.url,
        environment: report.environment,
        period: report.period,
        policy: {
            path: report.policy.path,
            ref: report.policy.ref,
            blob_sha: report.policy.blobSha
        },
        generated_at: report.generatedAt,
        arguments: [...context.arguments],
        api: {
            rest_url: context.apiUrl,
            graphql_url: context.graphqlUrl,
            token_kind: context.tokenKind,
            rest_routes: context.calls.rest,
            graphql_operations: context.calls.graphql,
            http_requests: context.usage?.requests ?? null,
            graphql_points: context.usage?.points ?? null
        },
        read_as_of_now: report.readNow,
        counts: {
            deployments: report.entries.length,
            allowed: report.entries.length - blocked,
            blocked,
            changes: context.changes,
            exceptions: (0,_engine_index_js__WEBPACK_IMPORTED_MODULE_3__/* .flagged */ .fv)(report),
            break_glass: 'error' in report.breakGlass ? null : report.breakGlass.length
        },
        sample: context.sample === null
            ? null
            : {
                size: context.sample.size,
                drawn: context.sample.ids.length,
                seed: context.sample.seed,
                method: context.sample.method,
                deployment_ids: context.sample.ids
            },
        files
    };
}


/***/ })

};

//# sourceMappingURL=237.index.js.map