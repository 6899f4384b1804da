export const id = 960;
export const ids = [960];
export const modules = {

/***/ 25351:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fs: () => (/* binding */ renderReview),
/* harmony export */   s$: () => (/* binding */ readBaselineFile)
/* harmony export */ });
/* unused harmony export parseBaseline */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _engine_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(91727);
/* harmony import */ var _render_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(52960);
// `access --baseline previous.json`: the last review's matrix read back, and
// what changed since shown next to today's matrix: a section in Markdown,
// `change` rows in CSV, a `review` member in JSON (which stays a baseline
// for the next review: a baseline's `review` is not read).





const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isMaybeList = (v) => Array.isArray(v) || (isObject(v) && v.unreadable === true);
/**
 * The baseline, checked to be a matrix of `repository`; throws an Error
 * saying what is wrong with it.
 */
function parseBaseline(text, repository) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        throw new Error('it is not JSON');
    }
    const problems = [];
    if (!isObject(value))
        throw new Error('it is not a JSON object');
    if (typeof value.repository !== 'string')
        problems.push('no `repository`');
    if (typeof value.generatedAt !== 'string')
        problems.push('no `generatedAt`');
    for (const list of ['environments', 'branches']) {
        const items = value[list];
        if (!Array.isArray(items) ||
            !items.every((i) => isObject(i) && typeof i.name === 'string'))
            problems.push(`\`${list}\` is not a list of named entries`);
    }
    if (Array.isArray(value.environments) &&
        !value.environments.every((e) => isObject(e) && Array.isArray(e.reviewers)))
        problems.push('an environment has no `reviewers` list');
    if (!isMaybeList(value.writers))
        problems.push('no `writers`');
    if (!isMaybeList(value.writerTeams))
        problems.push('no `writerTeams`');
    if (!Array.isArray(value.gaps) ||
        !value.gaps.every((g) => typeof g === 'string'))
        problems.push('no `gaps` list');
    if (problems.length > 0)
        throw new Error(problems.join('; '));
    const matrix = value;
    if (matrix.repository !== repository)
        throw new Error(`it is the matrix of ${matrix.repository}, not of ${repository}`);
    return matrix;
}
/**
 * The baseline in `path`, checked as parseBaseline checks it; throws an
 * Error whose message follows the file's name (`could not be read: …`), so
 * `access --baseline`, `audit --baseline` and the action's `audit-baseline`
 * say the same thing about the same file.
 */
function readBaselineFile(path, repository) {
    let bytes;
    try {
        bytes = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(path);
    }
    catch (error) {
        throw new Error(`could not be read: ${(0,_engine_index_js__WEBPACK_IMPORTED_MODULE_3__/* .getErrorMessage */ .u1)(error)}`);
    }
    try {
        return {
            matrix: parseBaseline(bytes.toString('utf8'), repository),
            name: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)(path),
            sha256: (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(bytes).digest('hex')
        };
    }
    catch (error) {
        throw new Error(`is not an access matrix of \`access --format json\`: ${(0,_engine_index_js__WEBPACK_IMPORTED_MODULE_3__/* .getErrorMessage */ .u1)(error)}`);
    }
}
const SIGN = {
    weakened: '⚠️ weakened',
    strengthened: '✅ strengthened',
    unknown: '❔ not compared'
};
function renderReview(matrix, review, format, rendered) {
    switch (format) {
        case 'json':
            return `${JSON.stringify({ ...matrix, review }, null, 2)}\n`;
        case 'csv':
            return (rendered +
                [
                    ...review.changes.map((c) => [
                        'change',
                        c.subject,
                        c.direction,
                        c.what
                    ]),
                    ...review.newGaps.map((g) => [
                        'gap since baseline',
                        matrix.repository,
                        'new',
                        g
                    ]),
                    ...review.resolvedGaps.map((g) => [
                        'gap since baseline',
                        matrix.repository,
                        'resolved',
                        g
                    ])
                ]
                    .map((r) => `${r.map(_render_js__WEBPACK_IMPORTED_MODULE_4__/* .csvCell */ .rK).join(',')}\n`)
                    .join(''));
        case 'md': {
            const lines = [
                `## Changes since the last review`,
                '',
                `Compared with the matrix read ${review.baseline}.`,
                ''
            ];
            if (review.changes.length === 0)
                lines.push('No change in who may deploy, approve, bypass or push.', '');
            else {
                lines.push('| Subject | Change | What |', '| --- | --- | --- |');
                const order = ['weakened', 'unknown', 'strengthened'];
                for (const direction of order) {
                    for (const c of review.changes.filter((x) => x.direction === direction))
                        lines.push(`| ${(0,_render_js__WEBPACK_IMPORTED_MODULE_4__/* .mdCell */ .cz)(c.subject)} | ${SIGN[direction]} | ${(0,_render_js__WEBPACK_IMPORTED_MODULE_4__/* .mdCell */ .cz)(c.what)} |`);
                }
                lines.push('');
            }
            lines.push('### Gaps new since the last review', '');
            if (review.newGaps.length === 0)
                lines.push('None.');
            for (const g of review.newGaps)
                lines.push(`- ⚠️ ${(0,_render_js__WEBPACK_IMPORTED_MODULE_4__/* .mdCell */ .cz)(g)}`);
            lines.push('', '### Gaps resolved since the last review', '');
            if (review.resolvedGaps.length === 0)
                lines.push('None.');
            for (const g of review.resolvedGaps)
                lines.push(`- ✅ ${(0,_render_js__WEBPACK_IMPORTED_MODULE_4__/* .mdCell */ .cz)(g)}`);
            lines.push('');
            return `${rendered}\n${lines.join('\n')}`;
        }
    }
}


/***/ }),

/***/ 52960:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CW: () => (/* binding */ renderMatrix),
/* harmony export */   cz: () => (/* binding */ mdCell),
/* harmony export */   rK: () => (/* binding */ csvCell),
/* harmony export */   vj: () => (/* binding */ TRUNCATED),
/* harmony export */   xI: () => (/* binding */ matrixRows)
/* harmony export */ });
/* harmony import */ var _engine_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(91727);
// The access matrix as Markdown (people), JSON (machines) or CSV
// (spreadsheets). Whatever could not be read is printed as such, with the
// permission that would read it; never as an empty cell. A list cut at its
// page limit says so next to it: a `FIELD: truncated` row in CSV, a note in
// the same cell in Markdown, `…Truncated` beside the list in JSON.

function show(value, text) {
    if (value === null)
        return 'not read';
    if ((0,_engine_index_js__WEBPACK_IMPORTED_MODULE_0__/* .isCannot */ .Sl)(value))
        return `cannot read (needs ${value.permission})`;
    return text(value);
}
const list = (items) => items.length === 0 ? 'none' : items.join(', ');
/** The field of the row that says the list in `field` was cut. */
const TRUNCATED = ': truncated';
const cutNote = (cut) => {
    const notes = cut.flatMap((t) => (t === undefined ? [] : [(0,_engine_index_js__WEBPACK_IMPORTED_MODULE_0__/* .truncatedNote */ .z$)(t)]));
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


/***/ }),

/***/ 3960:
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
// EXTERNAL MODULE: ./src/engine/index.ts + 99 modules
var engine = __webpack_require__(91727);
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
;// CONCATENATED MODULE: ./src/audit/memory.ts
// Garbage collection on demand for long audits. An action cannot pass flags
// to the node that runs it, and V8 lets its heap grow far past what a long
// audit keeps alive before it collects: reading the population of 10,000
// deployments (200 queries' answers parsed one after another) grew the heap
// to 200 MB while 40 MB stayed alive, and a heap once grown is kept, so
// peak memory (what a runner runs out of; SPEC §9 keeps a 10,000-deployment
// audit under 300 MB) was set there. A context created after `--expose-gc`
// is set has V8's `gc`; the audit collects once per judged chunk, and the
// port below collects whenever what the heap holds has grown by `slack`
// since the last collection, so the heap stays near what is alive in every
// phase, not only while judging.


/** V8's full collection, or nothing where it cannot be had. */
function collector() {
    (0,external_node_v8_.setFlagsFromString)('--expose-gc');
    const gc = (0,external_node_vm_.runInNewContext)('typeof gc === "function" ? gc : null');
    return typeof gc === 'function' ? () => gc() : () => undefined;
}
/** How far the heap may grow past what the last collection left. */
const SLACK_BYTES = 48 * 1024 * 1024;
/**
 * `port`, collecting after an answer once the heap has grown by `slack`
 * since the last collection (an answer is parsed and handed on by then, so
 * what it no longer needs is garbage).
 */
function collectingPort(port, o) {
    const used = o.heapUsed ?? (() => (0,external_node_v8_.getHeapStatistics)().used_heap_size);
    const slack = o.slack ?? SLACK_BYTES;
    let base = used();
    const settle = (answer) => answer.finally(() => {
        // after the caller's own continuation: queued behind it
        setImmediate(() => {
            if (used() - base < slack)
                return;
            o.collect();
            base = used();
        });
    });
    const collecting = {
        rest: (route, params) => settle(port.rest(route, params)),
        graphql: (query, variables, options) => settle(port.graphql(query, variables, options))
    };
    // the port's other members (its request log, its usage) stay its own
    return { ...port, ...collecting };
}

// EXTERNAL MODULE: ./src/access/render.ts
var render = __webpack_require__(52960);
// EXTERNAL MODULE: ./src/audit/csv.ts
var csv = __webpack_require__(23151);
// EXTERNAL MODULE: ./src/audit/completeness.ts
var completeness = __webpack_require__(29083);
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
            return (0,csv/* populationCsv */.Em)({
                report: r,
                recordOf,
                apiUrl: o.apiUrl ?? 'https://api.github.com'
            });
        case 'md':
            return renderMarkdown(r, o.sample ?? null, recordOf);
    }
}
function renderMarkdown(r, sample, recordOf) {
    const blocked = r.entries.filter((e) => e.decision === 'block');
    const lines = [
        `# Deployments to ${(0,render/* mdCell */.cz)(r.environment)}: ${(0,render/* mdCell */.cz)(`${r.repository.owner}/${r.repository.name}`)}`,
        '',
        `Period ${r.period.since} to ${r.period.until}; policy \`${(0,render/* mdCell */.cz)(r.policy.path)}\` at \`${(0,render/* mdCell */.cz)(r.policy.ref)}\` (blob \`${render_short(r.policy.blobSha)}\`); generated ${r.generatedAt}.`,
        '',
        `**${r.entries.length}** successful deployment${r.entries.length === 1 ? '' : 's'}: **${r.entries.length - blocked.length}** would pass the gate as of their own time, **${blocked.length}** would not${'error' in r.breakGlass ? '' : `; ${r.breakGlass.length} broke the glass`}.`,
        '',
        `Each deployment is judged as of its first success status: reviews, upstream statuses and test results that came later do not count. Read as they are now (GitHub keeps no history of them): ${r.readNow.join('; ')}.`,
        ''
    ];
    lines.push(...policySection(r));
    if (sample !== null)
        lines.push(...sampleSection(r, sample, recordOf));
    if (r.entries.length > 0) {
        lines.push('| Deployment | Succeeded | Commit | Deployer | Decision | Changes | Problems |', '| --- | --- | --- | --- | --- | --- | --- |');
        for (const e of r.entries) {
            const deployer = e.summary.deployer ?? 'unknown';
            lines.push(`| ${deploymentCell(e)} | ${e.deployment.succeededAt} | \`${render_short(e.deployment.sha)}\` | ${(0,render/* mdCell */.cz)(deployer)} | ${decisionCell(e)} | ${(0,render/* mdCell */.cz)(changesOf(e))} | ${(0,render/* mdCell */.cz)(problemsOf(e))} |`);
        }
        lines.push('');
    }
    lines.push(...(0,completeness/* completenessSection */.AL)(r.completeness));
    lines.push('## Break-glass deployments', '');
    if ('error' in r.breakGlass) {
        lines.push(`⚠️ ${(0,render/* mdCell */.cz)(r.breakGlass.error)}`, '');
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
            lines.push(`| [#${b.issue.number}](${b.issue.url}) | \`${render_short(b.sha)}\` | ${(0,render/* mdCell */.cz)(b.deployer)} | ${(0,render/* mdCell */.cz)(b.approvedBy)} | ${b.due} | ${review}${b.problem === null ? '' : `: ${(0,render/* mdCell */.cz)(b.problem)}`} | ${(0,render/* mdCell */.cz)(closed)} |`);
        }
        lines.push('');
    }
    lines.push('error' in r.access
        ? `## Access matrix\n\nNot read: ${(0,render/* mdCell */.cz)(r.access.error)}\n`
        : (0,render/* renderMatrix */.CW)(r.access, 'md'));
    return lines.join('\n');
}
/** The policy versions that judged the population (SPEC §7), oldest first. */
function policySection(r) {
    if (r.policyVersions.length === 0)
        return [];
    const rows = r.policyVersions.map((v) => {
        const n = v.deployments.length;
        const judged = `${n} deployment${n === 1 ? '' : 's'}: ${v.deployments.join(', ')}`;
        return v.commit === null
            ? `| none stood | | | ⚠️ ${judged} (blocked: no policy on \`${(0,render/* mdCell */.cz)(r.policy.ref)}\`) |`
            : `| ${v.blobSha === null ? 'removed or unreadable' : `\`${render_short(v.blobSha)}\``} | [\`${render_short(v.commit)}\`](${r.repository.url}/commit/${v.commit}) | ${v.from ?? ''} | ${judged} |`;
    });
    return [
        '## Policy versions',
        '',
        `Each deployment is judged by \`${(0,render/* mdCell */.cz)(r.policy.path)}\` as it stood on \`${(0,render/* mdCell */.cz)(r.policy.ref)}\` at its success. What the audit reads (the upstream chain, each range) follows today's version (blob \`${render_short(r.policy.blobSha)}\`).`,
        '',
        '| Blob | Commit | On the ref from | Judged |',
        '| --- | --- | --- | --- |',
        ...rows,
        ''
    ];
}
/** The sampled deployments, each with who made, approved and deployed it. */
function sampleSection(r, sample, recordOf) {
    const drawn = new Set(sample.ids);
    const lines = [
        `## Sample: ${sample.ids.length} of ${r.entries.length} deployments`,
        '',
        `Drawn with seed \`${(0,render/* mdCell */.cz)(sample.seed)}\` (re-draw it with \`--sample ${sample.size} --seed ${(0,render/* mdCell */.cz)(sample.seed)}\`). Method: ${(0,render/* mdCell */.cz)(sample.method)}.`,
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
        lines.push(`| ${deploymentCell(e)} | ${e.deployment.succeededAt} | \`${render_short(e.deployment.sha)}\` | ${(0,render/* mdCell */.cz)(e.summary.deployer ?? 'unknown')} | ${decisionCell(e)} | ${(0,render/* mdCell */.cz)(changesOf(e))} | ${(0,render/* mdCell */.cz)(makers)} | ${(0,render/* mdCell */.cz)(approvers)} | ${(0,render/* mdCell */.cz)(problemsOf(e))} |`);
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
;// CONCATENATED MODULE: ./src/audit/report-html-text.ts
// Text into report.html. Names, messages, branch names and URLs come from
// GitHub users: every value goes through `esc`, and only an http(s) URL (or
// one of the report's own anchors) ever becomes an href, so a value cannot
// open a tag, leave an attribute or run as a `javascript:` link.
const ENTITIES = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;'
};
/** The one escape: text and attribute values alike. */
function esc(value) {
    return value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
/** The href a value may become, or null: http(s) URLs and `#anchors` only. */
function safeHref(url) {
    if (url === null || url === undefined)
        return null;
    if (/^#[A-Za-z0-9_-]+$/.test(url))
        return url;
    // no whitespace or control character: a URL GitHub gives has none
    return /^https?:\/\/[^\s\p{Cc}]+$/iu.test(url) ? url : null;
}
/** `text` linked to `url` when it is a URL that may be linked, else plain. */
function report_html_text_link(url, text) {
    const href = safeHref(url);
    return href === null ? esc(text) : `<a href="${esc(href)}">${esc(text)}</a>`;
}
/** The anchor of a deployment's drill-down. */
const anchorOf = (deploymentId) => `d-${Math.trunc(deploymentId)}`;
const report_html_text_short = (sha) => sha.slice(0, 7);
/** One HTML table: a header row and rows of cells already escaped. */
function htmlTable(o) {
    const cls = o.className === undefined ? '' : ` class="${esc(o.className)}"`;
    const head = o.head.map((h) => `<th>${esc(h)}</th>`).join('');
    const rows = o.rows
        .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
        .join('\n');
    return `<table${cls}><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>\n`;
}
/** A list of escaped items, or `none` when empty. */
function items(list, none = 'none') {
    return list.length === 0
        ? `<span class="muted">${esc(none)}</span>`
        : list.join('<br>');
}
/** A status word with its colour: pass, fail, error, skipped, allow, block… */
function badge(word) {
    const kind = /^[a-z-]+$/.test(word) ? word : 'other';
    return `<span class="badge b-${kind}">${esc(word)}</span>`;
}

;// CONCATENATED MODULE: ./src/audit/report-html-deployment.ts
// One deployment in report.html: its row of the timeline (its promotion path
// with times) and its drill-down (the path, every change with its pull
// request, makers, approvers and approval times, its checks, who deployed,
// links to GitHub). Both read the deployment's evidence record, or say that
// there is none.


const NO_RECORD = 'unknown: no evidence record (evidence/<id>.json is missing or unreadable)';
/** The upstream deployments the promotion check relied on, each linked. */
function upstream(record) {
    return record.checks
        .filter((c) => c.id === 'promotion')
        .flatMap((c) => c.links)
        .filter((l) => l.kind === 'deployment')
        .map((l) => report_html_text_link(l.url, l.label));
}
/** Upstream deployments, then this one: the promotion path in time order. */
function pathItems(v) {
    const d = v.entry.deployment;
    const self = `<strong>deployment #${d.id} to ${esc(v.report.environment)} (success at ${esc(d.succeededAt)})</strong>`;
    if (v.record === null)
        return [`<span class="muted">${esc(NO_RECORD)}</span>`, self];
    const up = upstream(v.record);
    return [
        ...(up.length === 0
            ? ['<span class="muted">no upstream deployment relied on</span>']
            : up),
        self
    ];
}
function commitLink(v, sha) {
    return report_html_text_link(`${v.report.repository.url}/commit/${sha}`, report_html_text_short(sha));
}
/** The timeline's row of one deployment. */
function timelineRow(v) {
    const d = v.entry.deployment;
    const cells = [
        esc(d.succeededAt),
        `<a href="#${anchorOf(d.id)}">#${d.id}</a>`,
        `<code>${commitLink(v, d.sha)}</code>`,
        esc(v.entry.summary.deployer ?? 'unknown'),
        `<ol class="path">${pathItems(v)
            .map((i) => `<li>${i}</li>`)
            .join('')}</ol>`,
        `${badge(v.entry.decision)}${v.entry.breakGlass === null ? '' : ` ${badge('break-glass')}`}`
    ];
    return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>\n`;
}
const TIMELINE_HEAD = [
    'Succeeded at',
    'Deployment',
    'Commit',
    'Deployer',
    'Promotion path',
    'Decision'
];
function approversCell(c) {
    return items(c.approvers.map((a) => `${report_html_text_link(a.review_url, a.login)} <span class="muted">at ${esc(a.submitted_at ?? 'time unknown')}${a.commit === null ? '' : ` on ${esc(report_html_text_short(a.commit))}`}</span>`));
}
function makersCell(c) {
    return items([
        ...c.makers.map((m) => `${esc(m.login)} <span class="muted">(${esc(m.roles.join(', '))})</span>`),
        ...c.unresolved_identities.map((u) => `unresolved: ${esc(u.name ?? 'no name')} &lt;${esc(u.email ?? 'no email')}&gt; <span class="muted">(${esc(u.role)})</span>`)
    ]);
}
/** Every change in scope, from the summary, with the record's people where it has them. */
function changesTable(v) {
    const bySha = new Map((v.record?.changes ?? []).map((c) => [c.sha, c]));
    const rows = v.entry.summary.changes.map((s) => {
        const c = bySha.get(s.sha);
        const entered = s.carriedBy !== undefined
            ? `carried in by merge ${esc(report_html_text_short(s.carriedBy))}`
            : s.pullRequest === null
                ? 'direct push'
                : report_html_text_link(c?.pull_request?.url, `pull request #${s.pullRequest}`);
        const unknown = `<span class="muted">${esc(NO_RECORD)}</span>`;
        return [
            `<code>${commitLink(v, s.sha)}</code>`,
            entered,
            c === undefined ? unknown : esc(c.pull_request?.merged_at ?? ''),
            c === undefined ? unknown : makersCell(c),
            c === undefined ? unknown : approversCell(c),
            c === undefined
                ? unknown
                : items(c.excluded_approvals.map((x) => `${report_html_text_link(x.review_url, x.login ?? 'unknown')}: ${esc(x.reason)}`))
        ];
    });
    return htmlTable({
        head: [
            'Change',
            'Entered by',
            'Merged at',
            'Makers',
            'Approvers (approved at)',
            'Approvals not counted'
        ],
        rows
    });
}
function checksTable(record) {
    return htmlTable({
        head: ['Check', 'Status', 'Message', 'Controls evidenced'],
        rows: record.checks.map((c) => [
            `<code>${esc(c.id)}</code>`,
            badge(c.status),
            `${esc(c.message)}${c.problems.map((p) => `<br>• ${esc(p)}`).join('')}${c.links.length === 0
                ? ''
                : `<br><span class="muted">relied on: ${c.links
                    .map((l) => report_html_text_link(l.url, l.label))
                    .join(', ')}</span>`}`,
            `<span class="muted">${esc(c.controls.join(', '))}</span>`
        ]),
        className: 'checks'
    });
}
function facts(v) {
    const { entry: e, record: r } = v;
    const d = e.deployment;
    const run = r?.run;
    const deployers = run === undefined
        ? esc(e.summary.deployer ?? 'unknown')
        : `${esc(r?.deployer ?? 'unknown')} <span class="muted">(run actor ${esc(run.actor ?? 'unknown')}, triggered by ${esc(run.triggering_actor ?? 'unknown')})</span>`;
    const rows = [
        [
            'Commit',
            `<code>${report_html_text_link(`${v.report.repository.url}/commit/${d.sha}`, d.sha)}</code>`
        ],
        [
            'Succeeded at',
            `${esc(d.succeededAt)} <span class="muted">(created ${esc(d.createdAt)})</span>`
        ],
        ['Deployed by', deployers],
        ['Workflow run', report_html_text_link(e.summary.runUrl, e.summary.runUrl ?? 'unknown')],
        [
            'Deployment',
            report_html_text_link((0,csv/* deploymentUrl */.PM)(v.apiUrl, v.report, d.id), `deployment #${d.id} (API record, created by ${d.creator ?? 'unknown'})`)
        ],
        [
            'Policy',
            r === null
                ? esc(NO_RECORD)
                : `<code>${esc(r.policy.path)}</code> at <code>${esc(r.policy.ref ?? 'default branch')}</code>, blob <code>${esc(r.policy.blob_sha ?? 'unknown')}</code>`
        ]
    ];
    if (e.breakGlass !== null) {
        const b = e.breakGlass;
        rows.push([
            'Break-glass',
            `${report_html_text_link(b.issue.url, `issue #${b.issue.number}`)}: approved by ${esc(b.approvedBy)}, review due ${esc(b.due)}, ${badge(b.review)}`
        ]);
    }
    return `<dl class="facts">${rows
        .map(([k, val]) => `<dt>${esc(k)}</dt><dd>${val}</dd>`)
        .join('')}</dl>`;
}
/** The drill-down of one deployment; open on screen when asked (always open in print). */
function drillDown(v) {
    const e = v.entry;
    const d = e.deployment;
    const problems = e.summary.problems.length === 0
        ? ''
        : `<div class="note"><strong>What failed</strong>${e.summary.problems
            .map((p) => `<br>• ${esc(p)}`)
            .join('')}</div>`;
    return `<details class="deployment${v.exception ? ' exception' : ''}" id="${anchorOf(d.id)}"${v.open ? ' open' : ''}>
<summary>${badge(e.decision)}${e.breakGlass === null ? '' : ` ${badge('break-glass')}`} <strong>Deployment #${d.id}</strong> · ${esc(d.succeededAt)} · <code>${esc(report_html_text_short(d.sha))}</code> · deployed by ${esc(e.summary.deployer ?? 'unknown')}${e.violations.length === 0 ? '' : ` · <span class="muted">${esc(e.violations.join(', '))}</span>`}</summary>
<div class="body">
${facts(v)}
${problems}
<h3>Promotion path</h3>
<ol class="path">${pathItems(v)
        .map((i) => `<li>${i}</li>`)
        .join('')}</ol>
<h3>Changes (${e.summary.changes.length})</h3>
${changesTable(v)}
<h3>Checks</h3>
${v.record === null ? `<p class="muted">${esc(NO_RECORD)}</p>` : checksTable(v.record)}
</div>
</details>
`;
}

// EXTERNAL MODULE: ./src/audit/access-review.ts + 1 modules
var access_review = __webpack_require__(37123);
;// CONCATENATED MODULE: ./src/audit/report-html-registers.ts
// report.html's closing sections: the break-glass register, the access
// matrix (the same rows as `access`, src/access/render.ts, as HTML tables)
// and the controls each check evidences, with how the population fared on
// each check.




function breakGlassSection(report) {
    const head = '<section class="part" id="break-glass"><h2>Break-glass register</h2>\n';
    if ('error' in report.breakGlass) {
        return `${head}<p class="note">Not read: ${esc(report.breakGlass.error)}</p>\n</section>\n`;
    }
    if (report.breakGlass.length === 0) {
        return `${head}<p>No break-glass deployment in the period.</p>\n</section>\n`;
    }
    const rows = report.breakGlass.map((b) => [
        report_html_text_link(b.issue.url, `#${b.issue.number}`),
        b.deployment === null
            ? `<code>${esc(report_html_text_short(b.sha))}</code>`
            : `<a href="#${anchorOf(b.deployment)}"><code>${esc(report_html_text_short(b.sha))}</code></a>`,
        esc(b.deployer),
        esc(b.approvedBy),
        esc(b.due),
        `${badge(b.review)}${b.problem === null ? '' : ` ${esc(b.problem)}`}`,
        b.closed === null
            ? 'open'
            : esc(`${b.closed.at} by ${b.closed.by ?? 'unknown'} (${b.closed.reason ?? 'no reason'})`)
    ]);
    return `${head}${htmlTable({
        head: [
            'Issue',
            'Commit',
            'Deployer',
            'Approved by',
            'Review due',
            'Review',
            'Closed'
        ],
        rows
    })}</section>\n`;
}
/** One table of a matrix section: a row per subject, a column per field. */
function sectionTable(rows, section) {
    const own = rows.filter((r) => r[0] === section && !(r[2] ?? '').endsWith(render/* TRUNCATED */.vj));
    const subjects = [...new Set(own.map((r) => r[1] ?? ''))];
    const fields = [...new Set(own.map((r) => r[2] ?? ''))];
    if (subjects.length === 0)
        return '';
    const at = (subject, field) => rows.find((r) => r[0] === section && r[1] === subject && r[2] === field)?.[3] ?? '';
    return htmlTable({
        head: [section, ...fields],
        rows: subjects.map((s) => [
            `<strong>${esc(s)}</strong>`,
            ...fields.map((f) => {
                const cut = at(s, `${f}${render/* TRUNCATED */.vj}`);
                return `${esc(at(s, f))}${cut === '' ? '' : `<br><span class="note">⚠ ${esc(cut)}</span>`}`;
            })
        ])
    });
}
function matrixHtml(m) {
    const rows = (0,render/* matrixRows */.xI)(m);
    const repo = rows.filter((r) => r[0] === 'repository');
    return `<p class="muted">Read ${esc(m.generatedAt)}, as it is now: GitHub keeps no history of access.</p>
<h3>Environments</h3>
${sectionTable(rows, 'environment') || '<p class="muted">none</p>'}
<h3>Branches</h3>
${sectionTable(rows, 'branch') || '<p class="muted">none</p>'}
<h3>Who may push</h3>
${htmlTable({ head: ['Field', 'Value'], rows: repo.map((r) => [esc(r[2] ?? ''), esc(r[3] ?? '')]) })}
<h3>Gaps against the policy</h3>
${m.gaps.length === 0 ? '<p>None.</p>' : `<ul>${m.gaps.map((g) => `<li>${badge('fail')} ${esc(g)}</li>`).join('')}</ul>`}
`;
}
const DIRECTION = {
    weakened: 'weakened',
    unknown: 'not-compared',
    strengthened: 'strengthened'
};
/** "Since the last review": each change with its direction, weakened ones first. */
function reviewHtml(r) {
    const head = `<h3 id="${access_review/* REVIEW_ANCHOR */.LA}">Since the last review (baseline made at ${esc(r.baseline.matrix.generatedAt)})</h3>
<p class="muted">Compared with <code>${esc(r.baseline.name)}</code> (sha256 <code>${esc(r.baseline.sha256)}</code>).</p>
`;
    if ('error' in r)
        return `${head}<p class="note">Not made: ${esc(r.error)}</p>\n`;
    const order = [
        'weakened',
        'unknown',
        'strengthened'
    ];
    const changes = order.flatMap((d) => r.review.changes.filter((c) => c.direction === d));
    const gaps = (list, word) => list.length === 0
        ? '<p>None.</p>'
        : `<ul>${list.map((g) => `<li>${badge(word)} ${esc(g)}</li>`).join('')}</ul>`;
    return `${head}${changes.length === 0
        ? '<p>No change in who may deploy, approve, bypass or push.</p>\n'
        : htmlTable({
            head: ['Subject', 'Direction', 'What changed'],
            rows: changes.map((c) => [
                esc(c.subject),
                badge(DIRECTION[c.direction]),
                esc(c.what)
            ])
        })}<h4>Gaps new since the last review</h4>
${gaps(r.review.newGaps, 'fail')}
<h4>Gaps resolved since the last review</h4>
${gaps(r.review.resolvedGaps, 'pass')}
`;
}
function accessSection(report, review = null) {
    const body = 'error' in report.access
        ? `<p class="note">Not read: ${esc(report.access.error)}; so the packet holds no ${access_review/* ACCESS_JSON */.KP}.</p>`
        : matrixHtml(report.access);
    return `<section class="part" id="access"><h2>Access matrix</h2>\n${body}${review === null ? '' : reviewHtml(review)}</section>\n`;
}
function tally(into, checks) {
    for (const c of checks) {
        const of = into.get(c.id) ?? new Map();
        of.set(c.status, (of.get(c.status) ?? 0) + 1);
        into.set(c.id, of);
    }
}
const STATUSES = ['pass', 'fail', 'error', 'skipped'];
function controlsSection(o) {
    const rows = engine/* CHECK_IDS */.Sh.map((id) => {
        const of = o.tallies.get(id) ?? new Map();
        return [
            `<code>${esc(id)}</code>`,
            engine/* CONTROLS */.VH[id].map(esc).join('<br>'),
            ...STATUSES.map((s) => String(of.get(s) ?? 0))
        ];
    });
    return `<section class="part" id="controls"><h2>Controls evidenced</h2>
<p>Each check of the gate evidences these controls (ISO/IEC 27001:2022, SOC 2, NIST SP 800-53). The counts are over the ${o.records} deployment${o.records === 1 ? '' : 's'} whose evidence record the packet holds.</p>
${htmlTable({ head: ['Check', 'Controls', ...STATUSES], rows })}</section>\n`;
}

;// CONCATENATED MODULE: ./src/audit/report-html-style.ts
// report.html's only style: inline, system fonts, no network. On screen the
// drill-downs fold; printed (to paper or PDF) every one is open, a row is
// never cut across pages, and each section starts a page.
const REPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #1f2328;
  font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
main { max-width: 1200px; margin: 0 auto; padding: 24px 32px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; border-bottom: 1px solid #d1d9e0; padding-bottom: 4px; margin: 28px 0 12px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
p { margin: 6px 0; }
a { color: #0969da; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border: 1px solid #d1d9e0; padding: 4px 8px; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
th { background: #f6f8fa; font-weight: 600; }
table.checks td:nth-child(1) { width: 150px; }
table.checks td:nth-child(2) { width: 70px; }
table.checks td:nth-child(4) { width: 240px; font-size: 12px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.muted { color: #59636e; }
.badge { display: inline-block; padding: 0 6px; border-radius: 10px; font-size: 12px;
  font-weight: 600; border: 1px solid #d1d9e0; white-space: nowrap; }
.b-allow, .b-pass, .b-done { background: #dafbe1; border-color: #4ac26b; color: #116329; }
.b-block, .b-fail, .b-error, .b-missing, .b-late { background: #ffebe9; border-color: #ff8182; color: #a40e26; }
.b-skipped, .b-pending, .b-other { background: #f6f8fa; color: #59636e; }
.b-break-glass { background: #fff8c5; border-color: #d4a72c; color: #7d4e00; }
.b-weakened { background: #ffebe9; border-color: #ff8182; color: #a40e26; }
.b-strengthened { background: #dafbe1; border-color: #4ac26b; color: #116329; }
.b-not-compared { background: #fff8c5; border-color: #d4a72c; color: #7d4e00; }
ol.exceptions { padding-left: 24px; }
ol.exceptions li { margin: 4px 0; overflow-wrap: anywhere; }
details.deployment { border: 1px solid #d1d9e0; border-radius: 6px; margin: 8px 0; }
details.deployment > summary { cursor: pointer; padding: 6px 10px; background: #f6f8fa;
  overflow-wrap: anywhere; }
details.deployment.exception > summary { background: #fff5f5; }
details.deployment > .body { padding: 4px 12px 8px; }
ol.path { margin: 4px 0; padding-left: 24px; }
.note { border-left: 4px solid #d4a72c; background: #fff8c5; padding: 6px 10px; margin: 8px 0; }
@media print {
  body { font-size: 11px; }
  main { max-width: none; padding: 0; }
  section.part { break-before: page; }
  section.part:first-of-type { break-before: auto; }
  tr, li, dl.facts, details.deployment > summary { break-inside: avoid; }
  thead { display: table-header-group; }
  h2, h3 { break-after: avoid; }
  details.deployment { break-inside: auto; }
  /* every drill-down printed open, whatever it was on screen */
  details::details-content { content-visibility: visible; display: block; }
  details > summary { list-style: none; }
  a { color: inherit; text-decoration: underline; }
}
`;

// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
;// CONCATENATED MODULE: ./src/audit/report-html-summary.ts
// report.html's top: the summary an auditor reads first (population,
// exceptions, period, policy versions, tool version, the sample) and the
// exceptions, each linking to its drill-down. The exceptions are a list of
// items any source can feed (blocked deployments and break-glass reviews
// today; further findings append their own items).



/** A block that broke the glass and whose review is done or not yet due is no exception (as `flagged` counts). */
function isException(e) {
    return (e.decision === 'block' &&
        !(e.breakGlass !== null &&
            (e.breakGlass.review === 'done' || e.breakGlass.review === 'pending')));
}
/** The report's own exceptions: as many as `flagged(report)` counts. */
function exceptionItems(report) {
    const deployments = report.entries
        .filter(isException)
        .sort((a, b) => a.deployment.succeededAt.localeCompare(b.deployment.succeededAt))
        .map((e) => ({
        kind: 'blocked deployment',
        title: `Deployment #${e.deployment.id} of ${report_html_text_short(e.deployment.sha)} at ${e.deployment.succeededAt} would not have passed the gate (${e.violations.join(', ') || 'no check named'})`,
        detail: e.summary.problems.join('; '),
        link: `#${anchorOf(e.deployment.id)}`
    }));
    const unexplained = completenessItems(report);
    if ('error' in report.breakGlass) {
        return [
            ...deployments,
            {
                kind: 'break-glass register',
                title: 'The break-glass follow-up issues could not be read',
                detail: report.breakGlass.error,
                link: null
            },
            ...unexplained
        ];
    }
    const reviews = report.breakGlass
        .filter((r) => r.problem !== null || r.review === 'missing' || r.review === 'late')
        .map((r) => ({
        kind: 'break-glass review',
        title: `Break-glass issue #${r.issue.number} (${report_html_text_short(r.sha)}, deployed by ${r.deployer}): review ${r.review}`,
        detail: r.problem ??
            `an independent review was due by ${r.due}; approved by ${r.approvedBy}`,
        link: r.issue.url
    }));
    return [...deployments, ...reviews, ...unexplained];
}
/**
 * Completeness (SPEC §7): each commit on a deployed branch that no pull
 * request or allowed direct push explains, deployed or not, and each reason
 * completeness could not be established; flagged() counts them alike.
 */
function completenessItems(report) {
    const c = report.completeness;
    return [
        ...c.unexplained.map((u) => ({
            kind: 'unexplained commit',
            title: `Commit ${report_html_text_short(u.sha)} on ${u.branch} (committed ${u.committedAt} by ${u.committer}; ${u.deployment === null ? 'never deployed' : `deployed as #${u.deployment.id}`}) is explained by no pull request or allowed direct push`,
            detail: u.why,
            link: u.deployment === null ? u.url : `#${anchorOf(u.deployment.id)}`
        })),
        ...c.errors.map((e) => ({
            kind: 'completeness not established',
            title: 'The deployed branches’ history could not be read in full',
            detail: e,
            link: null
        }))
    ];
}
/** The policy the report names; one line per version as the report has them. */
function policyLines(report) {
    const p = report.policy;
    const versions = report.policyVersions;
    return [
        {
            label: 'Policy',
            html: `<code>${esc(p.path)}</code> at <code>${esc(p.ref)}</code>, blob <code>${esc(p.blobSha)}</code> today`
        },
        {
            label: 'Policy versions',
            html: versions.length === 0
                ? '<span class="muted">none judged a deployment</span>'
                : `each deployment judged by the version in force at its success: ${versions
                    .map((v) => versionHtml(report, v))
                    .join('; ')}`
        }
    ];
}
/** One version: its blob and commit, from when it stood, how many it judged. */
function versionHtml(report, v) {
    const n = v.deployments.length;
    const judged = `${n} deployment${n === 1 ? '' : 's'}`;
    if (v.commit === null || v.blobSha === null) {
        return `<strong>no policy file</strong>${v.commit === null ? ' (before its first version)' : ` (removed by <code>${esc(v.commit.slice(0, 7))}</code>)`}: ${judged}, blocked`;
    }
    const commit = report_html_text_link(`${report.repository.url}/commit/${v.commit}`, v.commit.slice(0, 7));
    return `blob <code>${esc(v.blobSha.slice(0, 7))}</code> (commit ${commit}, on the ref from ${esc(v.from ?? v.committedAt ?? '?')}): ${judged}`;
}
/** What the population saw of the branches, and what no audit can see. */
function completenessHtml(report) {
    const c = report.completeness;
    const state = c.errors.length > 0
        ? `${badge('fail')} not established (see the exceptions)`
        : c.unexplained.length === 0
            ? `${badge('pass')} every commit explained`
            : `${badge('fail')} ${c.unexplained.length} commit${c.unexplained.length === 1 ? '' : 's'} explained by no pull request or allowed direct push`;
    const missing = c.missing.length === 0
        ? ''
        : `; no branch ${c.missing.map((b) => `<code>${esc(b)}</code>`).join(', ')} now`;
    return `${state}: ${c.commitsRead} commit${c.commitsRead === 1 ? '' : 's'} read on ${c.branches.map((b) => `<code>${esc(b)}</code>`).join(', ')}${missing}<br><span class="muted">Cannot be seen: ${esc(completeness/* CANNOT_SEE */.cM.join('; '))}</span>`;
}
function decisionsHtml(report) {
    const blocked = report.entries.filter((e) => e.decision === 'block').length;
    const glass = report.entries.filter((e) => e.breakGlass !== null).length;
    return `${badge('allow')} ${report.entries.length - blocked} would pass the gate as of their own time; ${badge('block')} ${blocked} would not; ${glass} broke the glass`;
}
function summaryLines(o) {
    const r = o.report;
    const repo = `${r.repository.owner}/${r.repository.name}`;
    const lines = [
        { label: 'Repository', html: report_html_text_link(r.repository.url, repo) },
        { label: 'Environment', html: `<code>${esc(r.environment)}</code>` },
        {
            label: 'Period',
            html: `${esc(r.period.since)} to ${esc(r.period.until)}`
        },
        {
            label: 'Population',
            html: `${r.entries.length} successful deployment${r.entries.length === 1 ? '' : 's'} to ${esc(r.environment)}`
        },
        {
            label: 'Exceptions',
            html: `${o.exceptions === 0 ? badge('pass') : badge('fail')} ${o.exceptions}`
        },
        { label: 'Decisions', html: decisionsHtml(r) },
        { label: 'Completeness', html: completenessHtml(r) },
        ...policyLines(r),
        { label: 'Tool', html: `promotion-gate ${esc(version/* VERSION */.x)}` },
        { label: 'Generated at', html: esc(r.generatedAt) },
        {
            label: 'Read as of now',
            html: `${esc(r.readNow.join('; '))} <span class="muted">(GitHub keeps no history of them)</span>`
        }
    ];
    if (o.sample !== null) {
        const s = o.sample;
        lines.push({
            label: 'Sample',
            html: `${s.ids.length} of ${r.entries.length} deployments, seed <code>${esc(s.seed)}</code> (re-draw: <code>--sample ${s.size} --seed ${esc(s.seed)}</code>)<br><span class="muted">Method: ${esc(s.method)}</span>`
        });
    }
    return lines;
}
function summarySection(o) {
    const r = o.report;
    const facts = summaryLines(o)
        .map((l) => `<dt>${esc(l.label)}</dt><dd>${l.html}</dd>`)
        .join('\n');
    return `<header>
<h1>Deployments to ${esc(r.environment)}: ${esc(`${r.repository.owner}/${r.repository.name}`)}</h1>
<p class="muted">The auditor's packet of promotion-gate: each deployment judged as of its first success status (reviews, upstream statuses and test results that came later do not count).</p>
</header>
<section class="part" id="summary"><h2>Summary</h2>
<dl class="facts">
${facts}
</dl>
</section>
`;
}
function exceptionsSection(list) {
    const body = list.length === 0
        ? '<p>None: every deployment of the period would have passed the gate, and every break-glass review is done or not yet due.</p>'
        : `<ol class="exceptions">\n${list
            .map((x) => `<li>${badge('block')} <strong>${esc(x.kind)}</strong>: ${report_html_text_link(x.link, x.title)}${x.detail === '' ? '' : `<br><span class="muted">${esc(x.detail)}</span>`}</li>`)
            .join('\n')}\n</ol>`;
    return `<section class="part" id="exceptions"><h2>Exceptions (${list.length})</h2>
${body}
</section>
`;
}

;// CONCATENATED MODULE: ./src/audit/report-html.ts
// report.html, the auditor's packet's readable page (SPEC §7): one
// self-contained file (inline CSS, no script, nothing from the network),
// printable to PDF. Summary, exceptions first, the timeline, a drill-down per
// deployment (the sample first), the break-glass register, the access
// matrix, the controls. Written a piece at a time, each deployment's record
// read when its row is written, so memory stays flat however long the
// population.






const REPORT_HTML = 'report.html';
const byTime = (a, b) => a.deployment.succeededAt.localeCompare(b.deployment.succeededAt) ||
    a.deployment.id - b.deployment.id;
function writeReportHtml(o) {
    const { report, write } = o;
    const repo = `${report.repository.owner}/${report.repository.name}`;
    const exceptions = [...exceptionItems(report), ...(o.exceptions ?? [])];
    const linked = new Set(exceptions.map((x) => x.link));
    const isException = (e) => linked.has(`#${anchorOf(e.deployment.id)}`);
    write(`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`promotion-gate audit: ${repo} ${report.environment}, ${report.period.since} to ${report.period.until}`)}</title>
<style>${REPORT_CSS}</style>
</head><body><main>
`);
    write(summarySection({ report, sample: o.sample, exceptions: exceptions.length }));
    write(exceptionsSection(exceptions));
    const ordered = [...report.entries].sort(byTime);
    const view = (entry) => ({
        report,
        entry,
        record: o.recordOf(entry),
        apiUrl: o.apiUrl
    });
    write(`<section class="part" id="timeline"><h2>Timeline: deployments to ${esc(report.environment)}</h2>
<p class="muted">In time order, each with its promotion path: the upstream deployments the gate relied on, with the time of each success.</p>
<table><thead><tr>${TIMELINE_HEAD.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>
`);
    for (const entry of ordered)
        write(timelineRow(view(entry)));
    write('</tbody></table>\n</section>\n');
    const drawn = new Set(o.sample?.ids ?? []);
    const tallies = new Map();
    let records = 0;
    const drill = (entry) => {
        const v = view(entry);
        if (v.record !== null) {
            records++;
            tally(tallies, v.record.checks);
        }
        const exception = isException(entry);
        // on screen the sample and the exceptions are open; printed, all are
        write(drillDown({
            ...v,
            open: drawn.has(entry.deployment.id) || exception,
            exception
        }));
    };
    if (o.sample !== null) {
        write(`<section class="part" id="sample"><h2>Sampled deployments (${drawn.size} of ${report.entries.length})</h2>
<p class="muted">Drawn with seed <code>${esc(o.sample.seed)}</code>; the method is in the summary.</p>
`);
        for (const entry of ordered)
            if (drawn.has(entry.deployment.id))
                drill(entry);
        write('</section>\n');
    }
    const rest = ordered.filter((e) => !drawn.has(e.deployment.id));
    write(`<section class="part" id="deployments"><h2>${o.sample === null ? 'Deployments' : 'Other deployments'} (${rest.length})</h2>
`);
    if (rest.length === 0)
        write('<p class="muted">None.</p>\n');
    for (const entry of rest)
        drill(entry);
    write('</section>\n');
    write(breakGlassSection(report));
    write(accessSection(report, o.accessReview ?? null));
    write(controlsSection({ tallies, records }));
    write('</main></body></html>\n');
}
/** report.html written to `path` a piece at a time. */
function writeReportHtmlFile(path, o) {
    const fd = (0,external_node_fs_.openSync)(path, 'w', 0o644);
    try {
        writeReportHtml({ ...o, write: (chunk) => void (0,external_node_fs_.writeSync)(fd, chunk) });
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}

;// CONCATENATED MODULE: ./src/audit/packet.ts
// The auditor's packet of SPEC §7 in `--out DIR`, beside the evidence/ the
// audit wrote as it judged: population.csv, changes.csv, sample.csv (with a
// sample), access.json (and access-review.md with a baseline), report.html and, last, manifest.json with the sha256 of every other file. The
// tables are written a row at a time from the records on disk, so memory
// stays flat however long the population.








const PACKET_FILES = {
    population: 'population.csv',
    changes: 'changes.csv',
    sample: 'sample.csv',
    report: REPORT_HTML,
    unexplained: completeness/* UNEXPLAINED_FILE */.tT,
    access: access_review/* ACCESS_JSON */.KP,
    accessReview: access_review/* ACCESS_REVIEW_MD */.Oc
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
        (0,external_node_fs_.writeSync)(fd, (0,csv/* csvLine */.zT)(cells));
    };
    write(header);
    return { row: write, close: () => (0,external_node_fs_.closeSync)(fd) };
}
function writePacket(o) {
    const { dir, report } = o;
    const recordOf = packetRecords(dir);
    const sampled = new Set(o.context.sample?.ids ?? []);
    const files = [PACKET_FILES.population, PACKET_FILES.changes];
    const population = table((0,external_node_path_.join)(dir, PACKET_FILES.population), csv/* POPULATION_HEADER */.Mw);
    const changes = table((0,external_node_path_.join)(dir, PACKET_FILES.changes), csv/* CHANGES_HEADER */.mb);
    const sample = o.context.sample === null
        ? null
        : table((0,external_node_path_.join)(dir, PACKET_FILES.sample), csv/* POPULATION_HEADER */.Mw);
    if (sample !== null)
        files.push(PACKET_FILES.sample);
    let changeCount = 0;
    try {
        for (const entry of report.entries) {
            const record = recordOf(entry);
            const row = (0,csv/* populationRow */.CL)({
                report,
                entry,
                record,
                apiUrl: o.context.apiUrl
            });
            population.row(row);
            if (sampled.has(entry.deployment.id))
                sample?.row(row);
            for (const change of (0,csv/* changeRows */.QP)({ entry, record })) {
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
    // the commits completeness found unexplained (SPEC §7), one header
    (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(dir, PACKET_FILES.unexplained), (0,completeness/* unexplainedCsv */.We)(report.completeness), { mode: 0o644 });
    files.push(PACKET_FILES.unexplained);
    // the matrix exactly as `access --format json` prints it, so this packet's
    // access.json is the next review's --baseline; none when it was not read
    // (the manifest and report.html say why)
    const review = o.context.accessReview ?? null;
    if (!('error' in report.access)) {
        const matrix = (0,render/* renderMatrix */.CW)(report.access, 'md');
        (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(dir, PACKET_FILES.access), (0,render/* renderMatrix */.CW)(report.access, 'json'), { mode: 0o644 });
        files.push(PACKET_FILES.access);
        if (review !== null) {
            (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(dir, PACKET_FILES.accessReview), (0,access_review/* reviewMarkdown */.Wq)(report, review, matrix), { mode: 0o644 });
            files.push(PACKET_FILES.accessReview);
        }
    }
    // the page people read, each record read again as its drill-down is written
    writeReportHtmlFile((0,external_node_path_.join)(dir, PACKET_FILES.report), {
        report,
        recordOf,
        sample: o.context.sample,
        apiUrl: o.context.apiUrl,
        exceptions: review === null ? [] : (0,access_review/* reviewExceptions */.ZP)(review),
        accessReview: review
    });
    files.push(PACKET_FILES.report);
    // last: it names the digest of everything else in the directory
    const manifest = (0,audit_manifest/* buildManifest */.u1)(report, { ...o.context, changes: changeCount }, (0,audit_manifest/* digests */.cI)(dir));
    (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(dir, audit_manifest/* MANIFEST */.e0), `${JSON.stringify(manifest, null, 2)}\n`, {
        mode: 0o644
    });
    return { files: [...files, audit_manifest/* MANIFEST */.e0], changes: changeCount };
}

// EXTERNAL MODULE: ./src/github/urls.ts
var urls = __webpack_require__(15945);
// EXTERNAL MODULE: ./src/action/inputs.ts + 1 modules
var action_inputs = __webpack_require__(69695);
// EXTERNAL MODULE: ./src/access/baseline.ts
var baseline = __webpack_require__(25351);
// EXTERNAL MODULE: ./src/action/artifact.ts
var artifact = __webpack_require__(48338);
;// CONCATENATED MODULE: ./src/action/audit.ts
// `mode: audit` (SPEC §3, §7): the audit of a scheduled workflow. Writes the
// report as the job summary and as a JSON file (`evidence-file`), uploads the
// report and every evidence record as one artifact of the run, sets
// `decision` to `block` when any deployment of the period would not have
// passed the gate (or, with `audit-baseline`, access opened since the last
// review), and fails the step then (an exception nobody sees is no control),
// unless `audit-exceptions: report`; it always fails when the audit cannot be
// made or its baseline cannot be used.
















/**
 * The input audit-baseline read and checked, as `audit --baseline` reads
 * it; a relative path is in the workspace. An InputError naming the input
 * when it cannot be used.
 */
function auditBaseline(inputs, env) {
    if (inputs.auditBaseline === null)
        return null;
    const path = (0,external_node_path_.resolve)(env.GITHUB_WORKSPACE || '.', inputs.auditBaseline);
    try {
        return (0,baseline/* readBaselineFile */.s$)(path, `${inputs.request.owner}/${inputs.request.repo}`);
    }
    catch (error) {
        throw new engine/* InputError */.dz(`input ${action_inputs/* INPUTS */.mc.auditBaseline}: ${inputs.auditBaseline} ${(0,engine/* getErrorMessage */.u1)(error)}`);
    }
}
/** Blocked deployments named one by one in the log; the rest are counted. */
const NAMED = 10;
async function runAuditMode(inputs, deps) {
    const { io, env } = deps;
    const req = inputs.request;
    // The client gives up at its time budget: no refill is waited for past it.
    const waitUntil = deps.now().getTime() + inputs.timeoutSeconds * 1000;
    const dir = (0,external_node_path_.join)(env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'promotion-gate', `audit-${req.environment.replace(/[^A-Za-z0-9._-]/g, '_')}`);
    // collects when the heap has grown, in every phase (../audit/memory.ts)
    const collect = collector();
    const counted = countingPort(collectingPort(deps.client, { collect }));
    try {
        const when = period(inputs.auditSince, null, deps.now());
        // read before any API call: a baseline that cannot be used fails the step
        const baseline = auditBaseline(inputs, env);
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
            chunkDone: collect
        });
        const review = baseline === null ? null : (0,access_review/* auditAccessReview */.Um)(report, baseline);
        const reviewFindings = review === null ? [] : (0,access_review/* reviewExceptions */.ZP)(review);
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
                    `audit-since: ${inputs.auditSince}`,
                    ...(inputs.auditBaseline === null
                        ? []
                        : [`audit-baseline: ${inputs.auditBaseline}`])
                ],
                apiUrl: inputs.apiUrl,
                graphqlUrl: inputs.graphqlUrl ?? (0,urls/* defaultGraphqlUrl */.sd)(inputs.apiUrl),
                tokenKind: (0,audit_manifest/* tokenKind */.aA)(inputs.token),
                calls: counted.calls(),
                usage: deps.client.usage?.() ?? null,
                sample: null,
                accessReview: review
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
        const unexplained = report.completeness.unexplained;
        const incomplete = unexplained.length > 0 || report.completeness.errors.length > 0
            ? `; ${unexplained.length} commit${unexplained.length === 1 ? '' : 's'} on the deployed branches no pull request or allowed direct push explains${report.completeness.errors.length > 0 ? ' (completeness not established)' : ''}`
            : '';
        const opened = review === null
            ? ''
            : `; access since the baseline of ${review.baseline.matrix.generatedAt}: ${reviewFindings.length} finding${reviewFindings.length === 1 ? '' : 's'}`;
        const summary = `promotion-gate audit of ${req.environment}, ${report.period.since} to ${report.period.until}: ${report.entries.length} deployments, ${blocked.length} would not have passed the gate${incomplete}${opened}`;
        const exceptions = (0,engine/* flagged */.fv)(report) + reviewFindings.length;
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
                (review === null ? '' : (0,access_review/* reviewMarkdown */.Wq)(report, review, '')) +
                (packet?.kind === 'uploaded'
                    ? `\n<sub>[The audit packet](${packet.url}) (artifact of this run): this report and every deployment's evidence record.</sub>\n`
                    : ''));
        }
        catch (error) {
            io.warning(`the job summary could not be written: ${(0,engine/* getErrorMessage */.u1)(error)}`);
        }
        warnFirst(io, blocked.map((e) => `deployment #${e.deployment.id} of ${e.deployment.sha.slice(0, 7)} at ${e.deployment.succeededAt} would not have passed: ${e.violations.join(', ')}`), 'more');
        // completeness (SPEC §7): each unexplained commit, deployed or not
        warnFirst(io, unexplained.map((u) => `commit ${u.sha.slice(0, 7)} on ${u.branch} (${u.committedAt}, ${u.deployment === null ? 'never deployed' : `deployed as #${u.deployment.id}`}) is not explained: ${u.why}`), 'more unexplained commits');
        for (const e of report.completeness.errors)
            io.warning(e);
        // the access review (SPEC §7): each change that opens access, each new gap
        warnFirst(io, reviewFindings.map((x) => `${x.kind}: ${x.title} (${x.detail})`), 'more access findings');
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
/** The first NAMED as warnings each, the rest counted. */
function warnFirst(io, lines, more) {
    for (const line of lines.slice(0, NAMED))
        io.warning(line);
    if (lines.length > NAMED) {
        io.warning(`${lines.length - NAMED} ${more}: see the job summary`);
    }
}


/***/ }),

/***/ 37123:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  KP: () => (/* binding */ ACCESS_JSON),
  Oc: () => (/* binding */ ACCESS_REVIEW_MD),
  LA: () => (/* binding */ REVIEW_ANCHOR),
  Um: () => (/* binding */ auditAccessReview),
  re: () => (/* binding */ baselineManifest),
  ZP: () => (/* binding */ reviewExceptions),
  Wq: () => (/* binding */ reviewMarkdown)
});

// EXTERNAL MODULE: ./src/access/baseline.ts
var baseline = __webpack_require__(25351);
// EXTERNAL MODULE: ./src/access/render.ts
var render = __webpack_require__(52960);
// EXTERNAL MODULE: ./src/engine/index.ts + 99 modules
var engine = __webpack_require__(91727);
;// CONCATENATED MODULE: ./src/access/review.ts
// The access matrix as a periodic access review (SPEC §7, issue 16 item 7):
// what changed since the last review's matrix (`access --format json`, kept
// as the baseline). Each change says whether it opens access (weakened),
// closes it (strengthened), or could not be compared (unknown: counted as
// needing a look, since what cannot be compared cannot be called unchanged).

/** The review needs a person: something opened, a new gap, or a change that could not be compared. */
function needsAttention(review) {
    return (review.newGaps.length > 0 ||
        review.changes.some((c) => c.direction !== 'strengthened'));
}
// docs.github.com/en/rest/collaborators/collaborators: permissions read,
// triage, write (push), maintain, admin; a custom role ranks as unknown.
const ROLE_RANK = {
    read: 0,
    triage: 1,
    write: 2,
    maintain: 3,
    admin: 4
};
// docs.github.com/en/rest/repos/rules: bypass_mode `pull_request` bypasses
// only through a pull request, `always` also by pushing, `exempt` without
// any audit entry.
const BYPASS_RANK = {
    pull_request: 0,
    always: 1,
    exempt: 2
};
/** Compare two readings of a value; either may be unreadable. */
function bothRead(add, what, before, after, compare) {
    if (before === null || after === null) {
        if (before !== after)
            add('unknown', `${what}: not read ${before === null ? 'in the baseline' : 'now'}, so it cannot be compared`);
        return;
    }
    if ((0,engine/* isCannot */.Sl)(before) || (0,engine/* isCannot */.Sl)(after)) {
        const which = (0,engine/* isCannot */.Sl)(before) ? before : after;
        if (!((0,engine/* isCannot */.Sl)(before) && (0,engine/* isCannot */.Sl)(after)))
            add('unknown', `${what}: could not be read ${(0,engine/* isCannot */.Sl)(before) ? 'in the baseline' : 'now'} (needs ${which.permission}), so it cannot be compared`);
        return;
    }
    compare(before, after);
}
function holders(add, kind, before, after) {
    const was = new Map(before.map((h) => [h.login, h.role]));
    const now = new Map(after.map((h) => [h.login, h.role]));
    for (const [login, role] of now) {
        const old = was.get(login);
        if (old === undefined)
            add('weakened', `new ${kind} with ${role} access: ${login}`);
        else if (old !== role) {
            const [a, b] = [ROLE_RANK[old], ROLE_RANK[role]];
            add(a === undefined || b === undefined
                ? 'unknown'
                : b > a
                    ? 'weakened'
                    : 'strengthened', `${kind} ${login}: ${old} → ${role}`);
        }
    }
    for (const [login, role] of was) {
        if (!now.has(login))
            add('strengthened', `${kind} ${login} no longer holds ${role} access`);
    }
}
/** `Team acme/sre (always)` → its actor and mode. */
function bypassParts(text) {
    const m = /^(.*) \(([^()]+)\)$/.exec(text);
    return m === null
        ? { actor: text, mode: 'always' }
        : { actor: m[1], mode: m[2] };
}
function bypassActors(add, before, after) {
    const was = new Map(before.map((t) => [bypassParts(t).actor, bypassParts(t).mode]));
    const now = new Map(after.map((t) => [bypassParts(t).actor, bypassParts(t).mode]));
    for (const [actor, mode] of now) {
        const old = was.get(actor);
        if (old === undefined)
            add('weakened', `new bypass actor: ${actor} (${mode})`);
        else if (old !== mode) {
            const [a, b] = [BYPASS_RANK[old], BYPASS_RANK[mode]];
            add(a === undefined || b === undefined
                ? 'unknown'
                : b > a
                    ? 'weakened'
                    : 'strengthened', `bypass actor ${actor}: ${old} → ${mode}`);
        }
    }
    for (const [actor, mode] of was) {
        if (!now.has(actor))
            add('strengthened', `bypass actor removed: ${actor} (${mode})`);
    }
}
function branchesAllowed(add, before, after) {
    const text = (v) => v === 'any'
        ? 'any branch'
        : v === 'protected'
            ? 'protected branches only'
            : v.join(', ') || 'none';
    if (Array.isArray(before) && Array.isArray(after)) {
        const added = after.filter((p) => !before.includes(p));
        const removed = before.filter((p) => !after.includes(p));
        if (added.length > 0)
            add('weakened', `deployment branch patterns added: ${added.join(', ')}`);
        if (removed.length > 0)
            add('strengthened', `deployment branch patterns removed: ${removed.join(', ')}`);
        return;
    }
    if (before === after)
        return;
    // `any` is the widest; between `protected` and patterns no order holds
    const direction = after === 'any' ? 'weakened' : before === 'any' ? 'strengthened' : 'unknown';
    add(direction, `deployment branches: ${text(before)} → ${text(after)}`);
}
function environment(add, b, a) {
    if (b.exists !== a.exists) {
        add(a.exists === false
            ? 'weakened'
            : a.exists === null
                ? 'unknown'
                : 'strengthened', `exists: ${String(b.exists)} → ${String(a.exists)}`);
    }
    bothRead(add, 'deployment branches', b.deploymentBranches, a.deploymentBranches, (x, y) => branchesAllowed(add, x, y));
    const key = (r) => `${r.type === 'Team' ? 'team ' : ''}${r.name}`;
    const was = new Set(b.reviewers.map(key));
    const now = new Set(a.reviewers.map(key));
    for (const r of was)
        if (!now.has(r))
            add('weakened', `required reviewer removed: ${r}`);
    for (const r of now)
        if (!was.has(r))
            add('strengthened', `required reviewer added: ${r}`);
    // a team's members who may now approve
    for (const r of a.reviewers) {
        const old = b.reviewers.find((x) => key(x) === key(r));
        if (r.type !== 'Team' || old === undefined)
            continue;
        bothRead(add, `members of reviewer team ${r.name}`, old.members, r.members, (x, y) => {
            const added = y.filter((m) => !x.includes(m));
            const removed = x.filter((m) => !y.includes(m));
            if (added.length > 0)
                add('weakened', `reviewer team ${r.name}: new members ${added.join(', ')}`);
            if (removed.length > 0)
                add('strengthened', `reviewer team ${r.name}: members removed ${removed.join(', ')}`);
        });
    }
    if (b.preventSelfReview !== a.preventSelfReview) {
        add(a.preventSelfReview === true
            ? 'strengthened'
            : a.preventSelfReview === false
                ? 'weakened'
                : 'unknown', `prevent self-review: ${String(b.preventSelfReview)} → ${String(a.preventSelfReview)}`);
    }
    // null: GitHub did not say, which counts as allowed
    const bypass = (v) => v !== false;
    if (bypass(b.adminBypass) !== bypass(a.adminBypass)) {
        add(bypass(a.adminBypass) ? 'weakened' : 'strengthened', `admin bypass turned ${bypass(a.adminBypass) ? 'on' : 'off'}`);
    }
    if (b.waitTimer !== a.waitTimer) {
        add(b.waitTimer === null || a.waitTimer === null
            ? 'unknown'
            : a.waitTimer < b.waitTimer
                ? 'weakened'
                : 'strengthened', `wait timer: ${b.waitTimer ?? 'unknown'} → ${a.waitTimer ?? 'unknown'} minutes`);
    }
    bothRead(add, 'custom protection rules', b.customRules, a.customRules, (x, y) => {
        for (const r of x)
            if (!y.includes(r))
                add('weakened', `custom protection rule removed: ${r}`);
        for (const r of y)
            if (!x.includes(r))
                add('strengthened', `custom protection rule added: ${r}`);
    });
}
function branch(add, b, a) {
    bothRead(add, 'required approvals', b.requiredApprovals, a.requiredApprovals, (x, y) => {
        if (x !== y)
            add(y < x ? 'weakened' : 'strengthened', `required approvals: ${x} → ${y}`);
    });
    bothRead(add, 'ruleset bypass actors', b.bypassActors, a.bypassActors, (x, y) => bypassActors(add, x, y));
    if (b.adminsBypass !== a.adminsBypass) {
        add(a.adminsBypass === true
            ? 'weakened'
            : a.adminsBypass === false
                ? 'strengthened'
                : 'unknown', `administrators bypass the protection: ${String(b.adminsBypass)} → ${String(a.adminsBypass)}`);
    }
}
/** Everything that changed from `before` (the baseline) to `after`. */
function reviewAccess(before, after) {
    const changes = [];
    const adder = (subject) => (direction, what) => changes.push({ subject, direction, what });
    const repo = adder(`repository ${after.repository}`);
    bothRead(repo, 'people with write, maintain or admin', before.writers, after.writers, (x, y) => holders(repo, 'collaborator', x, y));
    bothRead(repo, 'teams with write, maintain or admin', before.writerTeams, after.writerTeams, (x, y) => holders(repo, 'team', x, y));
    for (const [what, cut] of [
        ['people with write, maintain or admin', after.writersTruncated],
        ['teams with write, maintain or admin', after.writerTeamsTruncated]
    ]) {
        if (cut !== undefined)
            repo('unknown', `${what}: the list was cut now, so holders past it cannot be compared`);
    }
    const pairs = (kind, was, now, compare) => {
        for (const a of now) {
            const add = adder(`${kind} ${a.name}`);
            const b = was.find((x) => x.name === a.name);
            if (b === undefined)
                add('unknown', `not in the baseline: review it whole`);
            else
                compare(add, b, a);
        }
        for (const b of was) {
            if (!now.some((a) => a.name === b.name))
                adder(`${kind} ${b.name}`)('unknown', 'no longer in the matrix (out of the policy, or deleted)');
        }
    };
    pairs('environment', before.environments, after.environments, environment);
    pairs('branch', before.branches, after.branches, branch);
    return {
        baseline: before.generatedAt,
        changes,
        newGaps: after.gaps.filter((g) => !before.gaps.includes(g)),
        resolvedGaps: before.gaps.filter((g) => !after.gaps.includes(g))
    };
}

;// CONCATENATED MODULE: ./src/audit/access-review.ts
// The audit's access matrix as a periodic access review (SPEC §7, issue 16
// item 7): with a baseline (the last review's access.json, or `access
// --format json`), what changed since goes into the packet (access-review.md),
// into report.html (its access section, and each change that opens access as
// an exception) and into the exit code. When today's matrix could not be
// read, the review could not be made: that is an exception too, never a
// review that found nothing.



const ACCESS_JSON = 'access.json';
const ACCESS_REVIEW_MD = 'access-review.md';
/** The anchor of the review in report.html's access section. */
const REVIEW_ANCHOR = 'access-review';
function auditAccessReview(report, baseline) {
    return 'error' in report.access
        ? {
            baseline,
            error: `the access matrix of now could not be read: ${report.access.error}`
        }
        : { baseline, review: reviewAccess(baseline.matrix, report.access) };
}
/**
 * Each finding of the review that needs a person, one exception item each:
 * every change that opens access or could not be compared, every gap new
 * since the baseline; or the review that could not be made.
 */
function reviewExceptions(r) {
    const link = `#${REVIEW_ANCHOR}`;
    const since = `since the last review (baseline ${r.baseline.name}, made at ${r.baseline.matrix.generatedAt})`;
    if ('error' in r) {
        return [
            {
                kind: 'access review not made',
                title: `What changed in access ${since} could not be established`,
                detail: r.error,
                link
            }
        ];
    }
    const weakenedFirst = [
        ...r.review.changes.filter((c) => c.direction === 'weakened'),
        ...r.review.changes.filter((c) => c.direction === 'unknown')
    ];
    return [
        ...weakenedFirst.map((c) => ({
            kind: c.direction === 'weakened'
                ? 'access opened'
                : 'access change not compared',
            title: `${c.subject}: ${c.what}`,
            detail: `${c.direction === 'weakened' ? 'weakened' : 'could not be compared'} ${since}`,
            link
        })),
        ...r.review.newGaps.map((g) => ({
            kind: 'access gap new',
            title: g,
            detail: `a gap against the policy ${since}`,
            link
        }))
    ];
}
/** access-review.md: the matrix of now, then what changed since the baseline. */
function reviewMarkdown(report, r, rendered) {
    if ('error' in r || 'error' in report.access)
        return `${rendered}\n## Changes since the last review\n\nNot made against ${(0,render/* mdCell */.cz)(r.baseline.name)} (made at ${(0,render/* mdCell */.cz)(r.baseline.matrix.generatedAt)}): ${(0,render/* mdCell */.cz)('error' in r ? r.error : 'the access matrix was not read')}\n`;
    return (0,baseline/* renderReview */.Fs)(report.access, r.review, 'md', rendered);
}
/** What the manifest records of the baseline and its review. */
function baselineManifest(r) {
    return {
        file: r.baseline.name,
        sha256: r.baseline.sha256,
        generated_at: r.baseline.matrix.generatedAt,
        ...('error' in r
            ? { changes: null, not_reviewed: r.error }
            : {
                changes: r.review.changes.length,
                needing_attention: reviewExceptions(r).length,
                new_gaps: r.review.newGaps.length,
                resolved_gaps: r.review.resolvedGaps.length
            })
    };
}


/***/ }),

/***/ 29083:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AL: () => (/* binding */ completenessSection),
/* harmony export */   Q5: () => (/* binding */ completenessManifest),
/* harmony export */   We: () => (/* binding */ unexplainedCsv),
/* harmony export */   cM: () => (/* binding */ CANNOT_SEE),
/* harmony export */   tT: () => (/* binding */ UNEXPLAINED_FILE)
/* harmony export */ });
/* unused harmony exports UNEXPLAINED_HEADER, CAN_SEE */
/* harmony import */ var _access_render_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(52960);
/* harmony import */ var _csv_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(23151);
// Completeness in the auditor's packet (SPEC §7): the Markdown section, the
// rows of unexplained.csv and the manifest's block, which states what the
// population can and cannot see.


const UNEXPLAINED_FILE = 'unexplained.csv';
const UNEXPLAINED_HEADER = [
    'sha',
    'commit_url',
    'branch',
    'author',
    'committer',
    'pusher',
    'committed_at',
    'carried_by',
    'deployed',
    'deployment_id',
    'deployment_succeeded_at',
    'why'
];
/**
 * What the population cannot see, as fixed text: GitHub keeps no record of
 * it, or this audit does not read it. A job that names an environment makes
 * a deployment record (docs.github.com/en/actions/using-jobs/using-environments-for-jobs);
 * one run with `environment: {deployment: false}` uses the environment
 * without one (issue 16; asked for in github.com/orgs/community/discussions/110491).
 */
const CANNOT_SEE = [
    'deployments made by jobs with `environment: {deployment: false}`: GitHub creates no deployment record for them',
    'deployments made outside GitHub (by hand, or by a system that does not record them in GitHub)',
    'history rewritten by force pushes: commits no longer on a branch are not listed',
    'deployments deleted through the API',
    'commits whose committer date (set by whoever made the commit) lies outside the period',
    'branch rules and environment settings, read as they are now (GitHub keeps no history of them)'
];
const CAN_SEE = [
    'every successful deployment record of the environment in the period',
    "every commit committed in the period on the branches the environment deploys from (the default branch and the policy's `branches` named literally), every parent followed"
];
/** The rows of unexplained.csv, its header first (RFC 4180). */
function unexplainedCsv(c) {
    const rows = c.unexplained.map((u) => (0,_csv_js__WEBPACK_IMPORTED_MODULE_1__/* .csvLine */ .zT)([
        u.sha,
        u.url,
        u.branch,
        u.author,
        u.committer,
        u.pusher ?? 'unknown (GitHub does not record who pushed a commit)',
        u.committedAt,
        u.carriedBy ?? '',
        u.deployment === null ? 'no' : 'yes',
        u.deployment === null ? '' : String(u.deployment.id),
        u.deployment?.succeededAt ?? '',
        u.why
    ]));
    return (0,_csv_js__WEBPACK_IMPORTED_MODULE_1__/* .csvLine */ .zT)(UNEXPLAINED_HEADER) + rows.join('');
}
/** The manifest's completeness block. */
function completenessManifest(c) {
    return {
        established: c.errors.length === 0,
        branches: c.branches,
        missing_branches: c.missing,
        since: c.since,
        until: c.until,
        commits_read: c.commitsRead,
        unexplained: c.unexplained.length,
        unexplained_deployed: c.unexplained.filter((u) => u.deployment !== null)
            .length,
        errors: c.errors,
        can_see: CAN_SEE,
        cannot_see: CANNOT_SEE
    };
}
/** The report's "Completeness" section. */
function completenessSection(c) {
    const lines = ['## Completeness', ''];
    const state = c.errors.length > 0
        ? '⚠️ completeness is **not established**'
        : c.unexplained.length === 0
            ? '✅ every commit is explained by a merged pull request or an allowed direct push'
            : `⛔ **${c.unexplained.length}** commit${c.unexplained.length === 1 ? '' : 's'} no pull request or allowed direct push explains`;
    lines.push(`${c.commitsRead} commit${c.commitsRead === 1 ? '' : 's'} on ${c.branches.map((b) => `\`${(0,_access_render_js__WEBPACK_IMPORTED_MODULE_0__/* .mdCell */ .cz)(b)}\``).join(', ') || 'no branch'} committed in the period: ${state}.`, '');
    for (const e of c.errors)
        lines.push(`- ⚠️ ${(0,_access_render_js__WEBPACK_IMPORTED_MODULE_0__/* .mdCell */ .cz)(e)}`);
    if (c.missing.length > 0) {
        lines.push(`- Not on GitHub now, not read: ${c.missing.map((b) => `\`${(0,_access_render_js__WEBPACK_IMPORTED_MODULE_0__/* .mdCell */ .cz)(b)}\``).join(', ')}`);
    }
    if (c.errors.length > 0 || c.missing.length > 0)
        lines.push('');
    if (c.unexplained.length > 0) {
        lines.push('| Commit | Branch | Author | Committer | Committed | Deployed | Why |', '| --- | --- | --- | --- | --- | --- | --- |');
        for (const u of c.unexplained) {
            const deployed = u.deployment === null
                ? 'no'
                : `#${u.deployment.id} at ${u.deployment.succeededAt}`;
            lines.push(`| [\`${u.sha.slice(0, 7)}\`](${u.url}) | ${(0,_access_render_js__WEBPACK_IMPORTED_MODULE_0__/* .mdCell */ .cz)(u.branch)} | ${(0,_access_render_js__WEBPACK_IMPORTED_MODULE_0__/* .mdCell */ .cz)(u.author)} | ${(0,_access_render_js__WEBPACK_IMPORTED_MODULE_0__/* .mdCell */ .cz)(u.committer)} | ${u.committedAt} | ${deployed} | ${(0,_access_render_js__WEBPACK_IMPORTED_MODULE_0__/* .mdCell */ .cz)(u.why)} |`);
        }
        lines.push('');
    }
    lines.push(`Not visible to this audit: ${CANNOT_SEE.join('; ')}.`, '');
    return lines;
}


/***/ }),

/***/ 23151:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CL: () => (/* binding */ populationRow),
/* harmony export */   Em: () => (/* binding */ populationCsv),
/* harmony export */   Mw: () => (/* binding */ POPULATION_HEADER),
/* harmony export */   PM: () => (/* binding */ deploymentUrl),
/* harmony export */   QP: () => (/* binding */ changeRows),
/* harmony export */   mb: () => (/* binding */ CHANGES_HEADER),
/* harmony export */   zT: () => (/* binding */ csvLine)
/* harmony export */ });
/* unused harmony export NO_RECORD */
/* harmony import */ var _access_render_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(52960);
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
    return `${cells.map(_access_render_js__WEBPACK_IMPORTED_MODULE_0__/* .csvCell */ .rK).join(',')}\r\n`;
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
/* harmony import */ var _engine_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(91727);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(311);
/* harmony import */ var _completeness_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(29083);
/* harmony import */ var _access_review_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(37123);
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
/**
 * A file's size and sha256, read a block at a time into `block`: report.html of 10,000
 * deployments is tens of MB, and the audit's memory must stay flat.
 */
function hashFile(path, block) {
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(path, 'r');
    let bytes = 0;
    try {
        for (;;) {
            const n = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readSync)(fd, block, 0, block.length, null);
            if (n === 0)
                break;
            hash.update(block.subarray(0, n));
            bytes += n;
        }
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(fd);
    }
    return { bytes, sha256: hash.digest('hex') };
}
/** Every file under `dir` but the manifest itself, sorted by path. */
function digests(dir) {
    const out = [];
    // one block for every file: a new one per file would be garbage outside
    // the heap, freed only when V8 next collects
    const block = Buffer.allocUnsafe(1 << 16);
    const walk = (at) => {
        for (const entry of (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readdirSync)(at, { withFileTypes: true })) {
            const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(at, entry.name);
            if (entry.isDirectory())
                walk(path);
            else if (entry.isFile() && path !== (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, MANIFEST)) {
                out.push({
                    path: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.relative)(dir, path).split(node_path__WEBPACK_IMPORTED_MODULE_2__.sep).join('/'),
                    ...hashFile(path, block)
                });
            }
        }
    };
    walk(dir);
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
function buildManifest(report, context, files) {
    const blocked = report.entries.filter((e) => e.decision === 'block').length;
    const review = context.accessReview ?? null;
    return {
        kind: 'promotion-gate/audit-packet',
        tool: { name: 'promotion-gate', version: _version_js__WEBPACK_IMPORTED_MODULE_6__/* .VERSION */ .x },
        repository: `${report.repository.owner}/${report.repository.name}`,
        repository_url: report.repository.url,
        environment: report.environment,
        period: report.period,
        policy: {
            path: report.policy.path,
            ref: report.policy.ref,
            blob_sha: report.policy.blobSha,
            // each deployment was judged by the version that stood at its success
            versions: report.policyVersions.map((v) => ({
                blob_sha: v.blobSha,
                commit: v.commit,
                committed_at: v.committedAt,
                from: v.from,
                deployments: v.deployments
            }))
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
            exceptions: (0,_engine_index_js__WEBPACK_IMPORTED_MODULE_3__/* .flagged */ .fv)(report) +
                (review === null ? 0 : (0,_access_review_js__WEBPACK_IMPORTED_MODULE_5__/* .reviewExceptions */ .ZP)(review).length),
            break_glass: 'error' in report.breakGlass ? null : report.breakGlass.length
        },
        completeness: (0,_completeness_js__WEBPACK_IMPORTED_MODULE_4__/* .completenessManifest */ .Q5)(report.completeness),
        // the matrix as `access --format json` prints it: the next review's baseline
        access_matrix: 'error' in report.access
            ? { file: null, not_read: report.access.error }
            : { file: _access_review_js__WEBPACK_IMPORTED_MODULE_5__/* .ACCESS_JSON */ .KP, generated_at: report.access.generatedAt },
        baseline: review === null ? null : (0,_access_review_js__WEBPACK_IMPORTED_MODULE_5__/* .baselineManifest */ .re)(review),
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

//# sourceMappingURL=960.index.js.map