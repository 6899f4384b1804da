export const id = 39;
export const ids = [39];
export const modules = {

/***/ 48338:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Pm: () => (/* binding */ uploadProblem),
/* harmony export */   di: () => (/* binding */ uploadEvidence),
/* harmony export */   zA: () => (/* binding */ uploadDirectory)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _engine_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(91727);
// The evidence outlives the runner: uploaded as an artifact of the run with
// @actions/artifact. A decision's record is the one file as it is (no zip:
// "direct uploads", actions/upload-artifact v7,
// github.com/actions/upload-artifact/pull/764), so an auditor downloads the
// JSON the gate wrote; the artifact is named after the file (GitHub names
// direct uploads so), which is unique per environment, commit, run and
// attempt. An audit's packet (a directory) is one zipped artifact.
//
// An upload that fails does not change the decision: the record was written
// and its path is the `evidence-file` output; the warning says what to do.



async function uploadEvidence(r, upload = artifactUpload) {
    return uploadArtifact({ ...r, name: (0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(r.file), files: [r.file], root: (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(r.file) }, upload);
}
/** A directory's files (the audit's packet), zipped into one artifact. */
async function uploadDirectory(r, upload = artifactUpload) {
    return uploadArtifact({ ...r, files: filesBelow(r.dir), root: r.dir, direct: false }, upload);
}
async function uploadArtifact(r, upload) {
    // Every job on GitHub's runners has both; without them there is no
    // artifact storage to write to (a local run, act, a test).
    const missing = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL'].filter((k) => (r.env[k] ?? '') === '');
    if (missing.length > 0 || r.runUrl === null) {
        return {
            kind: 'skipped',
            why: `no artifact storage on this runner (${missing.length > 0 ? `${missing.join(' and ')} unset` : 'no workflow run'})`
        };
    }
    const name = r.name;
    let timer;
    const late = new Promise((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${r.timeoutMs / 1000}s`)), r.timeoutMs);
    });
    try {
        const { id } = await Promise.race([
            upload({
                name,
                files: r.files,
                root: r.root,
                direct: r.direct ?? true,
                ...(r.retentionDays === null ? {} : { retentionDays: r.retentionDays })
            }),
            late
        ]);
        return { kind: 'uploaded', name, url: `${r.runUrl}/artifacts/${id}` };
    }
    catch (error) {
        return { kind: 'failed', why: (0,_engine_index_js__WEBPACK_IMPORTED_MODULE_2__/* .getErrorMessage */ .u1)(error) };
    }
    finally {
        clearTimeout(timer);
    }
}
/** What to tell the user when the record stayed on the runner. */
function uploadProblem(outcome, file, what = 'the evidence record', output = 'evidence-file') {
    if (outcome.kind !== 'failed')
        return null;
    return `${what} was not uploaded as an artifact (${outcome.why}); it is at ${file} on the runner only: keep it with actions/upload-artifact and the ${output} output, or set evidence-artifact: false`;
}
function filesBelow(dir) {
    return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(e.parentPath, e.name))
        .sort();
}
/** @actions/artifact, loaded only when something is uploaded. */
const artifactUpload = async (u) => {
    const { DefaultArtifactClient } = await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(779), __webpack_require__.e(208), __webpack_require__.e(252)]).then(__webpack_require__.bind(__webpack_require__, 91252));
    const result = await new DefaultArtifactClient().uploadArtifact(u.name, u.files, u.root, {
        skipArchive: u.direct,
        ...(u.retentionDays === undefined
            ? {}
            : { retentionDays: u.retentionDays })
    });
    if (result.id === undefined)
        throw new Error('GitHub returned no artifact id');
    return { id: result.id };
};


/***/ }),

/***/ 69695:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  mc: () => (/* binding */ INPUTS),
  py: () => (/* binding */ OUTPUTS)
});

// UNUSED EXPORTS: parseInputs, readEvent, readInput

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./src/engine/errors.ts
var errors = __webpack_require__(17679);
// EXTERNAL MODULE: ./src/engine/duration.ts
var duration = __webpack_require__(84964);
// EXTERNAL MODULE: ./src/engine/request.ts
var request = __webpack_require__(67915);
// EXTERNAL MODULE: ./src/engine/gather/first-asks.ts
var first_asks = __webpack_require__(6053);
// EXTERNAL MODULE: ./src/engine/rules/types.ts
var types = __webpack_require__(33867);
;// CONCATENATED MODULE: ./src/engine/start.ts
// The engine's second door, for what an adapter needs before the engine
// itself has loaded: reading its inputs into a request, and the requests
// every decision sends first, so that they can go out while the rest loads
// (SPEC §9: the first request under 100 ms of the start). Everything here
// is also exported by ./index.ts; nothing here decides anything.






;// CONCATENATED MODULE: ./src/action/inputs.ts
// Every input and runner variable the action reads, parsed strictly in one
// place (STYLE habit 2). A bad value is an InputError naming the input; no
// typo silently becomes a default.


const INPUTS = {
    environment: 'environment',
    sha: 'sha',
    policy: 'policy',
    policyRef: 'policy-ref',
    token: 'token',
    mode: 'mode',
    auditSince: 'audit-since',
    auditExceptions: 'audit-exceptions',
    auditBaseline: 'audit-baseline',
    timeoutSeconds: 'timeout-seconds',
    commitStatus: 'commit-status',
    breakGlassReason: 'break-glass-reason',
    evidenceArtifact: 'evidence-artifact',
    evidenceRetentionDays: 'evidence-retention-days',
    attest: 'attest',
    subjectDigest: 'subject-digest',
    subjectName: 'subject-name'
};
const OUTPUTS = {
    decision: 'decision',
    violations: 'violations',
    evidenceFile: 'evidence-file',
    evidenceUrl: 'evidence-url',
    summary: 'summary',
    attestationId: 'attestation-id',
    attestationUrl: 'attestation-url',
    attestationBundle: 'attestation-bundle'
};
const MODES = (/* unused pure expression or super */ null && (['enforce', 'report', 'audit']));
/** As @actions/core reads it: INPUT_<NAME> with spaces as underscores, hyphens kept. */
function readInput(env, name) {
    return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}
// YAML 1.2 core-schema booleans, as core.getBooleanInput accepts them.
const TRUE = (/* unused pure expression or super */ null && (['true', 'True', 'TRUE']));
const FALSE = (/* unused pure expression or super */ null && (['false', 'False', 'FALSE']));
function booleanInput(env, name, fallback) {
    const raw = readInput(env, name);
    if (raw === '')
        return fallback;
    if (TRUE.includes(raw))
        return true;
    if (FALSE.includes(raw))
        return false;
    throw new InputError(`input ${name} must be true or false, not "${raw}"`);
}
const SHA = /^[0-9a-f]{40}$/;
/** The few fields the gate takes from the event payload, type-checked. */
function readEvent(path) {
    const none = { environment: null, sha: null, deployer: null };
    if (path === undefined || path === '')
        return none;
    let text;
    try {
        text = readFileSync(path, 'utf8');
    }
    catch {
        return none; // the runner always writes it; outside the runner it may be absent
    }
    let payload;
    try {
        payload = JSON.parse(text);
    }
    catch {
        throw new InputError(`the event payload at GITHUB_EVENT_PATH is not valid JSON`);
    }
    if (typeof payload !== 'object' ||
        payload === null ||
        Array.isArray(payload)) {
        throw new InputError('the event payload at GITHUB_EVENT_PATH is not a JSON object');
    }
    const event = payload;
    const deployment = event.deployment;
    if (deployment === undefined || deployment === null)
        return none;
    if (typeof deployment !== 'object' || Array.isArray(deployment)) {
        throw new InputError('the event payload has a "deployment" that is not an object');
    }
    const d = deployment;
    const field = (key) => {
        const v = d[key];
        if (v === undefined || v === null)
            return null;
        if (typeof v !== 'string') {
            throw new InputError(`the event payload's deployment.${key} is not a string`);
        }
        return v;
    };
    const creator = d.creator;
    const creatorLogin = typeof creator === 'object' &&
        creator !== null &&
        typeof creator.login === 'string'
        ? creator.login
        : null;
    return {
        environment: field('environment'),
        sha: field('sha'),
        deployer: creatorLogin
    };
}
function positiveInt(env, name, fallback, max) {
    const raw = readInput(env, name);
    if (raw === '')
        return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
        throw new InputError(`input ${name} must be a whole number from 1 to ${max}, not "${raw}"`);
    }
    return Number(raw);
}
/** A run id or attempt: a whole number JavaScript holds exactly, else none. */
function optionalInt(value) {
    if (value === undefined || !/^\d+$/.test(value))
        return null;
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : null;
}
function parseInputs(env) {
    const event = readEvent(env.GITHUB_EVENT_PATH);
    const repository = env.GITHUB_REPOSITORY ?? '';
    const [owner, repo, extra] = repository.split('/');
    if (owner === undefined ||
        repo === undefined ||
        extra !== undefined ||
        owner === '' ||
        repo === '') {
        throw new InputError(`GITHUB_REPOSITORY must be OWNER/NAME, not "${repository}"`);
    }
    const token = readInput(env, INPUTS.token);
    if (token === '') {
        throw new InputError(`input ${INPUTS.token} is empty`, {
            hint: 'Pass `token: ${{ github.token }}` (the default) or a token with read access.'
        });
    }
    let environment = readInput(env, INPUTS.environment);
    let environmentSource = 'input environment';
    if (environment === '' && event.environment !== null) {
        environment = event.environment;
        environmentSource = 'event deployment.environment';
    }
    if (environment === '') {
        throw new InputError(`input ${INPUTS.environment} is empty and the event has no deployment.environment`, { hint: 'Set `environment:` to the environment this job deploys to.' });
    }
    let sha = readInput(env, INPUTS.sha);
    let shaSource = 'input sha';
    if (sha === '') {
        if (event.sha !== null) {
            sha = event.sha;
            shaSource = 'event deployment.sha';
        }
        else {
            sha = env.GITHUB_SHA ?? '';
            shaSource = 'GITHUB_SHA';
        }
    }
    if (/^[0-9A-Fa-f]{40}$/.test(sha))
        sha = sha.toLowerCase();
    if (!SHA.test(sha)) {
        throw new InputError(`the commit to deploy must be a full 40-character hex sha; ${shaSource} is "${sha.slice(0, 60)}"`);
    }
    const policyPath = readInput(env, INPUTS.policy) || '.github/promotion-gate.yml';
    if (policyPath.startsWith('/') ||
        policyPath.split('/').some((p) => p === '..' || p === '.' || p === '') ||
        policyPath.includes(':')) {
        throw new InputError(`input ${INPUTS.policy} must be a path inside the repository such as .github/promotion-gate.yml, not "${policyPath}"`);
    }
    const policyRef = readInput(env, INPUTS.policyRef);
    if (policyRef !== '' &&
        (/[\s:~^?*[\\]/.test(policyRef) || policyRef.includes('..'))) {
        throw new InputError(`input ${INPUTS.policyRef} is not a valid git ref: "${policyRef}"`);
    }
    const mode = readInput(env, INPUTS.mode) || 'enforce';
    if (!MODES.includes(mode)) {
        throw new InputError(`input ${INPUTS.mode} must be one of ${MODES.join(', ')}, not "${mode}"`);
    }
    const auditSince = readInput(env, INPUTS.auditSince) || '30d';
    if (Number.isNaN(Date.parse(auditSince))) {
        try {
            parseDuration(auditSince);
        }
        catch {
            throw new InputError(`input ${INPUTS.auditSince} must be a date (2026-01-31) or a duration (30d), not "${auditSince}"`);
        }
    }
    const auditExceptions = readInput(env, INPUTS.auditExceptions) || 'fail';
    if (auditExceptions !== 'fail' && auditExceptions !== 'report') {
        throw new InputError(`input ${INPUTS.auditExceptions} must be fail or report, not "${auditExceptions}"`);
    }
    const breakGlass = readInput(env, INPUTS.breakGlassReason);
    return {
        request: makeRequest({
            owner,
            repo,
            environment,
            sha,
            policyPath,
            policyRef,
            deployer: env.GITHUB_TRIGGERING_ACTOR ||
                env.GITHUB_ACTOR ||
                event.deployer ||
                null,
            run: {
                id: optionalInt(env.GITHUB_RUN_ID),
                attempt: optionalInt(env.GITHUB_RUN_ATTEMPT),
                actor: env.GITHUB_ACTOR,
                triggeringActor: env.GITHUB_TRIGGERING_ACTOR
            },
            serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
            breakGlassReason: breakGlass,
            event: env.GITHUB_EVENT_NAME || null
        }),
        token,
        mode: mode,
        auditSince,
        auditExceptions,
        auditBaseline: readInput(env, INPUTS.auditBaseline) || null,
        timeoutSeconds: positiveInt(env, INPUTS.timeoutSeconds, 120, 3600),
        commitStatus: booleanInput(env, INPUTS.commitStatus, false),
        breakGlassReason: breakGlass === '' ? null : breakGlass,
        evidenceArtifact: booleanInput(env, INPUTS.evidenceArtifact, true),
        // At least 1 day; GitHub keeps artifacts 90 days unless the repository,
        // organisation or enterprise sets another period (up to 400 days for
        // private repositories); a longer value is cut to that setting
        // (@actions/artifact retention.ts reads GITHUB_RETENTION_DAYS).
        // github.com/actions/upload-artifact/pull/126, docs.github.com/en/actions/managing-workflow-runs/removing-workflow-artifacts
        evidenceRetentionDays: readInput(env, INPUTS.evidenceRetentionDays) === ''
            ? null
            : positiveInt(env, INPUTS.evidenceRetentionDays, 90, 400),
        ...attestInputs(env),
        apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
        graphqlUrl: env.GITHUB_GRAPHQL_URL || null,
        sources: { environment: environmentSource, sha: shaSource }
    };
}
/** attest, subject-digest and subject-name: a subject only to sign. */
function attestInputs(env) {
    const attest = booleanInput(env, INPUTS.attest, false);
    const digest = readInput(env, INPUTS.subjectDigest);
    const name = readInput(env, INPUTS.subjectName);
    if (digest === '') {
        if (name !== '') {
            throw new InputError(`input ${INPUTS.subjectName} is set without ${INPUTS.subjectDigest}: name the artifact's digest too`);
        }
        return { attest, subject: null };
    }
    const hex = /^sha256:([0-9a-fA-F]{64})$/.exec(digest)?.[1];
    if (hex === undefined) {
        throw new InputError(`input ${INPUTS.subjectDigest} must be sha256: and 64 hex characters (as docker inspect and registries give an image digest), not "${digest.slice(0, 80)}"`);
    }
    if (!attest) {
        throw new InputError(`input ${INPUTS.subjectDigest} is a subject of the signed decision: set ${INPUTS.attest}: true, or remove it`);
    }
    const sha256 = hex.toLowerCase();
    return { attest, subject: { name: name || `sha256:${sha256}`, sha256 } };
}


/***/ }),

/***/ 50039:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runAction: () => (/* binding */ runAction)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./src/engine/index.ts + 99 modules
var engine = __webpack_require__(91727);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
// EXTERNAL MODULE: ./node_modules/@octokit/core/dist-src/index.js + 12 modules
var dist_src = __webpack_require__(14730);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(49735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(86856);
// EXTERNAL MODULE: ./node_modules/bottleneck/light.js
var light = __webpack_require__(63251);
var light_default = /*#__PURE__*/__webpack_require__.n(light);
// EXTERNAL MODULE: ./node_modules/@octokit/request-error/dist-src/index.js
var request_error_dist_src = __webpack_require__(31015);
;// CONCATENATED MODULE: ./src/github/permissions.ts
// Which token permission a REST route needs, so a 403 can name it.
// Source: GitHub's "Permissions required for GitHub Apps" reference
// (docs.github.com/en/rest/authentication/permissions-required-for-github-apps).
const RULES = [
    // [path pattern, permission for reads, permission for writes]
    [
        /\/branches\/[^/]+\/protection/,
        'administration: read',
        'administration: write'
    ],
    [/\/rulesets|\/rules\/branches\//, 'metadata: read', 'administration: write'],
    [/\/deployments/, 'deployments: read', 'deployments: write'],
    [/\/environments/, 'actions: read', 'administration: write'],
    [/\/actions\//, 'actions: read', 'actions: write'],
    [/\/pulls/, 'pull-requests: read', 'pull-requests: write'],
    [/\/check-runs|\/check-suites/, 'checks: read', 'checks: write'],
    [/\/statuses\/|\/status$|\/statuses$/, 'statuses: read', 'statuses: write'],
    [/\/issues/, 'issues: read', 'issues: write'],
    [/\/collaborators/, 'metadata: read', 'administration: write'],
    [
        /\/contents\/|\/compare\/|\/commits|\/git\//,
        'contents: read',
        'contents: write'
    ]
];
function permissionFor(method, path) {
    const write = method !== 'GET' && method !== 'HEAD';
    for (const [pattern, read, writePermission] of RULES) {
        if (pattern.test(path))
            return write ? writePermission : read;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/github/errors.ts
// A failed call as one GitHubApiError: the call, GitHub's own words, the
// request id, the permission a 403 most likely lacks, and the reset of a
// rate limit that outlasted the time budget.



function toApiError(route, params, error, timeoutMs) {
    if (error instanceof engine/* GitHubApiError */.OS)
        return error;
    // `METHOD /path`, or a bare path, which octokit sends as a GET
    const [method, path] = route.includes(' ')
        ? route.split(' ', 2)
        : ['GET', route];
    const shown = path.replace(/\{(\w+)\}/g, (_m, key) => {
        const v = params[key];
        return typeof v === 'string' || typeof v === 'number'
            ? String(v)
            : `{${key}}`;
    });
    if (error instanceof request_error_dist_src/* RequestError */.G) {
        const headers = error.response?.headers ?? {};
        const requestId = headers['x-github-request-id'];
        const ghMessage = messageOf(error.response?.data) ?? error.message;
        const permission = error.status === 403 ? permissionFor(method, path) : undefined;
        if (error.status === 500 &&
            (/abort|timeout/i.test(error.message) || isTimeout(error.cause))) {
            return new engine/* GitHubApiError */.OS(`${method} ${shown} did not answer within the time budget (${Math.round(timeoutMs / 1000)}s)`, {
                hint: 'Raise the timeout-seconds input, or check GitHub status.',
                cause: error
            });
        }
        const reset = headers['x-ratelimit-reset'];
        const rateLimited = (error.status === 403 || error.status === 429) &&
            (headers['x-ratelimit-remaining'] === '0' ||
                /rate limit/i.test(ghMessage));
        return new engine/* GitHubApiError */.OS(`${method} ${shown} failed with ${error.status}: ${ghMessage}${rateLimited ? resetText(reset) : ''}`, {
            status: error.status,
            requestId: typeof requestId === 'string' ? requestId : undefined,
            permission: rateLimited ? undefined : permission,
            hint: rateLimited
                ? 'The API rate limit outlasted the time budget.'
                : permission !== undefined
                    ? `The token probably lacks the \`${permission}\` permission.`
                    : undefined,
            cause: error
        });
    }
    const limited = graphqlRateLimit(error);
    if (limited !== undefined) {
        return new engine/* GitHubApiError */.OS(`${method} ${shown} failed: ${limited.message}${resetText(limited.reset)}`, { hint: 'The API rate limit outlasted the time budget.', cause: error });
    }
    return new engine/* GitHubApiError */.OS(`${method} ${shown} failed: ${(0,engine/* getErrorMessage */.u1)(error)}`, {
        cause: error
    });
}
function resetText(reset) {
    return reset === undefined
        ? ''
        : ` (rate limit resets at ${new Date(Number(reset) * 1000).toISOString()})`;
}
/**
 * @octokit/plugin-throttling's own error for a 200 GraphQL answer whose
 * errors say RATE_LIMITED (it keeps the answer): GitHub's words and reset.
 */
function graphqlRateLimit(error) {
    if (typeof error !== 'object' || error === null)
        return undefined;
    const { data, response } = error;
    const errors = Array.isArray(data?.errors) ? data.errors : [];
    const hit = errors.find((e) => e?.type === 'RATE_LIMITED');
    if (hit === undefined)
        return undefined;
    return {
        message: typeof hit.message === 'string' ? hit.message : 'API rate limit exceeded',
        reset: response?.headers?.['x-ratelimit-reset']
    };
}
/**
 * An attempt abandoned by its AbortSignal.timeout. By name, not by class or
 * message: @octokit/request words it "Unknown Error" when the DOMException
 * comes from another realm (as under jest's VM).
 */
function isTimeout(cause) {
    return (cause?.name === 'TimeoutError');
}
function messageOf(data) {
    if (typeof data === 'object' && data !== null) {
        const m = data.message;
        if (typeof m === 'string')
            return m;
    }
    return typeof data === 'string' && data.length > 0 && data.length < 300
        ? data
        : undefined;
}

;// CONCATENATED MODULE: ./src/github/unreachable.ts
// A server that refuses the connection, a host name DNS does not know, a port
// fetch will not use or a certificate the runtime rejects answers no better a
// second later. Such a failure is reported at once, naming the address,
// instead of being retried for half a minute and shown as "failed with 500"
// (octokit turns every fetch failure into a 500: @octokit/request's
// fetch-wrapper). Transient faults (a reset connection, a DNS timeout) are
// still the retry plugin's.

/** Node's codes for what retrying cannot fix, and what each means. */
const PERMANENT = {
    ECONNREFUSED: 'the connection was refused',
    ENOTFOUND: 'the host name is not known',
    ERR_INVALID_URL: 'the address is not a valid URL',
    CERT_HAS_EXPIRED: 'its TLS certificate has expired',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
    SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain is self-signed',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate cannot be verified',
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its TLS certificate cannot be verified',
    ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host'
};
/** Why the request could not reach the server at all, if retrying cannot help. */
function permanentReason(error) {
    for (let e = error, depth = 0; depth < 4; depth += 1) {
        // duck-typed: fetch's errors may come from another realm (a test's VM)
        if (typeof e !== 'object' || e === null)
            return undefined;
        const { code, message, cause } = e;
        if (typeof code === 'string' && PERMANENT[code] !== undefined) {
            return `${PERMANENT[code]} (${code})`;
        }
        // undici refuses ports browsers block with a bare "bad port"
        if (message === 'bad port')
            return 'fetch does not use that port';
        e = cause;
    }
    return undefined;
}
/**
 * Octokit plugin. Register it before the retry plugin: hooks registered
 * first run innermost, so the retry plugin sees an error without a status
 * and does not retry it.
 */
function unreachable(octokit) {
    octokit.hook.error('request', (error, options) => {
        const reason = permanentReason(error);
        if (reason === undefined)
            throw error;
        const url = typeof options.url === 'string' ? options.url : '';
        const where = originOf(url, options.baseUrl);
        throw Object.assign(new engine/* GitHubApiError */.OS(`cannot reach ${where}: ${reason}`, {
            hint: 'Check the API address (GITHUB_API_URL, GITHUB_GRAPHQL_URL, --api-url) and that the server is up.',
            cause: error
        }), 
        // what the retry plugin reads to decide; no status: not retried
        { request: options });
    });
}
function originOf(url, base) {
    try {
        return new URL(url, typeof base === 'string' ? base : undefined).origin;
    }
    catch {
        return typeof base === 'string' ? base : url;
    }
}

// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/proxy.js
var proxy = __webpack_require__(19783);
;// CONCATENATED MODULE: ./src/github/proxy.ts
// The runner's proxy (HTTPS_PROXY / HTTP_PROXY, NO_PROXY), by
// @actions/http-client's rules, as @actions/github applies them. Whether a
// proxy applies is decided by http-client's small proxy module alone; undici
// (about 900 kB of source, and http2, tls and zlib with it) is loaded only
// when a proxy does apply, at the first request: most runners have none, and
// evaluating it took longer than everything else before the first request.

/**
 * A fetch through the proxy that applies to `url` (NO_PROXY and loopback
 * excepted); undefined when none applies.
 */
function proxyFetch(url) {
    // getAgentDispatcher's own test: a proxy URL with a host
    if (!(0,proxy/* getProxyUrl */.s)(new URL(url))?.hostname)
        return undefined;
    let loaded;
    return async (input, init) => {
        loaded ??= throughProxy(url);
        return (await loaded)(input, init);
    };
}
async function throughProxy(url) {
    const [{ HttpClient }, { fetch: undiciFetch }] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(779)]).then(__webpack_require__.bind(__webpack_require__, 22779)),
        __webpack_require__.e(/* import() */ 752).then(__webpack_require__.t.bind(__webpack_require__, 24371, 19))
    ]);
    const dispatcher = new HttpClient().getAgentDispatcher(url);
    return (input, init) => undiciFetch(input, {
        ...init,
        dispatcher
    });
}

;// CONCATENATED MODULE: ./src/github/ghes.ts
// GitHub Enterprise Server: the oldest version promotion-gate supports, and
// what to say when a server is older (SPEC §9). An older server refuses the
// gate's queries whole, with GraphQL validation errors, so without this the
// user would see "Field 'rules' doesn't exist on type 'Ref'" and guess.

/** The oldest GitHub Enterprise Server whose schema has every field we ask for. */
const OLDEST_GHES = '3.13';
/**
 * The version GHES puts on its API answers (docs.github.com/en/
 * enterprise-server@3.8/rest/enterprise-admin#version-information).
 */
const VERSION_HEADER = 'x-github-enterprise-version';
/**
 * Fields our queries use that GHES gained late, and the first version with
 * them. `Ref.rules` (rulesets on a ref, RepositoryRuleConnection) is absent
 * from GitHub's published GHES 3.12 GraphQL schema and present from 3.13
 * (github/docs src/graphql/data/ghes-3.12/schema.json and ghes-3.13/schema.json).
 */
const SINCE = { 'Ref.rules': '3.13' };
// "Field 'rules' doesn't exist on type 'Ref'", the message GitHub sends with
// extensions { code: 'undefinedField', typeName, fieldName } and no `data`.
const UNDEFINED_FIELD = /^Field '(\w+)' doesn't exist on type '(\w+)'/;
/**
 * The fields a GraphQL answer's errors say the server's schema lacks, from
 * `extensions` when given, else from the message; none for other errors.
 */
function unknownFields(errors) {
    const out = [];
    for (const e of errors) {
        const field = unknownField(e);
        if (field !== undefined &&
            !out.some((f) => f.typeName === field.typeName && f.fieldName === field.fieldName)) {
            out.push(field);
        }
    }
    return out;
}
function unknownField(e) {
    if (typeof e !== 'object' || e === null)
        return undefined;
    const { extensions, message } = e;
    const ext = (extensions ?? {});
    if (ext.code === 'undefinedField' &&
        typeof ext.typeName === 'string' &&
        typeof ext.fieldName === 'string') {
        return { typeName: ext.typeName, fieldName: ext.fieldName };
    }
    const m = typeof message === 'string' ? UNDEFINED_FIELD.exec(message) : null;
    return m?.[1] !== undefined && m[2] !== undefined
        ? { typeName: m[2], fieldName: m[1] }
        : undefined;
}
/**
 * The one error for a server whose schema lacks fields the gate needs: it
 * names them, the version that has them, the oldest GHES supported and,
 * when the server sent it, its own version.
 */
function schemaMismatch(o) {
    const names = o.fields
        .map((f) => {
        const name = `${f.typeName}.${f.fieldName}`;
        const since = SINCE[name];
        return since === undefined
            ? `\`${name}\``
            : `\`${name}\` (needs ${since} or later)`;
    })
        .join(', ');
    const server = o.serverVersion === undefined
        ? 'this GitHub Enterprise Server'
        : `GitHub Enterprise Server ${o.serverVersion}`;
    return new engine/* GitHubApiError */.OS(`${server} does not know ${names}: promotion-gate supports GitHub Enterprise Server ${OLDEST_GHES} and later`, {
        hint: `Upgrade GitHub Enterprise Server to ${OLDEST_GHES} or later${o.serverVersion === undefined ? `; its version is in the ${VERSION_HEADER} header of any API answer` : ''}.`
    });
}
/**
 * How to ask Octokit for a GraphQL endpoint. @octokit/plugin-throttling
 * treats a request as GraphQL (queues it with the writes, retries a 200
 * answer whose errors say RATE_LIMITED) only when its path starts with
 * /graphql, and GHES serves GraphQL at /api/graphql; so `.../api/graphql`
 * goes as base `.../api` and path `/graphql`, which Octokit joins back.
 */
function graphqlRoute(graphqlUrl) {
    const url = graphqlUrl.replace(/\/+$/, '');
    return url.endsWith('/graphql')
        ? { baseUrl: url.slice(0, -'/graphql'.length), url: '/graphql' }
        : { url };
}

;// CONCATENATED MODULE: ./src/github/usage.ts
// What a client's calls cost on GitHub's budgets (SPEC §9), counted as the
// answers come in. GitHub states each budget on every answer:
// - REST: x-ratelimit-limit, -remaining, -used, -reset (epoch seconds) and
//   -resource (docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
//   #checking-the-status-of-your-rate-limit);
// - GraphQL: the same headers with resource `graphql`, counted in points, and
//   a query's own `rateLimit { cost limit remaining used resetAt }`
//   (docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api
//   #checking-the-status-of-your-primary-rate-limit).
const HEADER = 'x-ratelimit-';
/** A budget from an answer's headers; undefined when any is missing. */
function budgetFromHeaders(headers) {
    const resource = headers.get(`${HEADER}resource`);
    const [limit, remaining, used, reset] = [
        'limit',
        'remaining',
        'used',
        'reset'
    ].map((name) => count(headers.get(`${HEADER}${name}`)));
    if (resource === null ||
        resource === '' ||
        limit === undefined ||
        remaining === undefined ||
        used === undefined ||
        reset === undefined) {
        return undefined;
    }
    const at = new Date(reset * 1000);
    return { resource, limit, remaining, used, reset: at.toISOString() };
}
/** `data.rateLimit` of a GraphQL answer, read defensively. */
function rateLimitOf(body) {
    const data = field(body, 'data');
    const rate = field(data, 'rateLimit');
    const cost = count(field(rate, 'cost'));
    const limit = count(field(rate, 'limit'));
    const remaining = count(field(rate, 'remaining'));
    const used = count(field(rate, 'used'));
    const resetAt = field(rate, 'resetAt');
    const reset = typeof resetAt === 'string' ? new Date(resetAt) : new Date(Number.NaN);
    const budget = limit === undefined ||
        remaining === undefined ||
        Number.isNaN(reset.getTime())
        ? undefined
        : {
            resource: 'graphql',
            limit,
            remaining,
            // older servers may not say; what the two others imply
            used: used ?? Math.max(0, limit - remaining),
            reset: reset.toISOString()
        };
    return { cost, budget };
}
function usageMeter() {
    const requests = { rest: 0, graphql: 0 };
    let points = 0;
    /** GraphQL answers that said what they cost */
    let costed = 0;
    const budgets = new Map();
    const seen = (b) => {
        const current = budgets.get(b.resource);
        // Answers to concurrent calls may arrive out of order: within one window
        // `remaining` only falls, so a higher one is an older state.
        if (current !== undefined &&
            current.reset === b.reset &&
            current.remaining < b.remaining) {
            return;
        }
        budgets.set(b.resource, b);
    };
    return {
        sent: (graphql) => {
            if (graphql)
                requests.graphql++;
            else
                requests.rest++;
        },
        headers: (headers) => {
            const b = budgetFromHeaders(headers);
            if (b !== undefined)
                seen(b);
        },
        graphqlBody: (body) => {
            const { cost, budget } = rateLimitOf(body);
            if (cost !== undefined) {
                points += cost;
                costed++;
            }
            // the query's own account, read after its headers: preferred
            if (budget !== undefined)
                seen(budget);
        },
        usage: () => ({
            requests: { ...requests },
            // every GraphQL attempt must have said its cost, or the sum is a guess
            points: costed === requests.graphql ? points : null,
            budgets: [...budgets.values()]
                .map((b) => ({ ...b }))
                .sort((a, b) => a.resource.localeCompare(b.resource))
        })
    };
}
function field(value, name) {
    if (typeof value !== 'object' || value === null)
        return undefined;
    return value[name];
}
/** A non-negative integer from a header or a field; undefined otherwise. */
function count(value) {
    const n = typeof value === 'number'
        ? value
        : typeof value === 'string' && /^\d+$/.test(value.trim())
            ? Number(value)
            : Number.NaN;
    return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

// EXTERNAL MODULE: ./src/github/urls.ts
var urls = __webpack_require__(15945);
;// CONCATENATED MODULE: ./src/github/client.ts
// The one place an Octokit is built (STYLE habit 7). Retries and rate limits
// follow GitHub's guidance through @octokit/plugin-retry and
// @octokit/plugin-throttling, all inside one time budget: past it every call
// fails, so the gate blocks in bounded time instead of hanging.
// Guidance: docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api
// (retry-after, x-ratelimit-reset, secondary limits).













// `unreachable` first: its error hook must run before the retry plugin's
const MyOctokit = dist_src/* Octokit */.E.plugin(unreachable, dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);

/** Octokit's logger over ours: its warnings are ours, the rest is debug. */
function octokitLog(log) {
    return {
        debug: (m) => log.debug(m),
        info: (m) => log.debug(m),
        warn: (m) => log.warning(m),
        error: (m) => log.debug(m)
    };
}
function createClient(options) {
    const apiUrl = (options.apiUrl ?? urls/* DEFAULT_API_URL */.rK).replace(/\/+$/, '');
    const graphqlUrl = options.graphqlUrl ?? (0,urls/* defaultGraphqlUrl */.sd)(apiUrl);
    const now = options.now ?? Date.now;
    const deadline = now() + options.timeoutMs;
    const attemptMs = options.attemptTimeoutMs ?? 30_000;
    const retryBase = options.retryBaseMs ?? 1000;
    const log = options.logger;
    const requests = [];
    const meter = usageMeter();
    /** where GraphQL attempts go, as Octokit joins the route back */
    const graphqlTarget = graphqlUrl.replace(/\/+$/, '');
    /** the GHES version the server last said it runs, for schema errors */
    let serverVersion;
    const remaining = () => deadline - now();
    /** wait `seconds` only if the budget allows it */
    const fits = (seconds) => seconds * 1000 < remaining();
    const budget = `${Math.round(options.timeoutMs / 1000)}s`;
    const baseFetch = proxyFetch(apiUrl) ?? globalThis.fetch;
    /**
     * Every HTTP attempt, retries included, goes through here: it is counted
     * (with the budget its answer states), and it may take at most attemptMs and never outlive the time budget, so
     * a hung connection is abandoned (and retried while the budget allows).
     */
    const attemptFetch = async (input, init) => {
        // octokit passes the URL as a string and the method; the rest is the type's
        const url = typeof input === 'string'
            ? input
            : input instanceof URL
                ? input.href
                : input.url;
        const record = {
            method: init?.method ?? 'GET',
            url,
            status: null,
            ms: 0
        };
        requests.push(record);
        meter.sent(url.split('?')[0] === graphqlTarget);
        const started = now();
        const left = remaining();
        if (left <= 0) {
            throw new engine/* GitHubApiError */.OS(`time budget of ${budget} spent before ${record.method} ${url}`, { hint: 'Raise the timeout-seconds input, or check GitHub status.' });
        }
        const signals = [
            AbortSignal.timeout(Math.max(1, Math.min(attemptMs, left)))
        ];
        if (init?.signal)
            signals.push(init.signal);
        try {
            const signal = AbortSignal.any(signals);
            const response = (await earlyAnswer(options.early, record, init, signal)) ??
                (await baseFetch(input, { ...init, signal }));
            record.status = response.status;
            meter.headers(response.headers);
            serverVersion = response.headers.get(VERSION_HEADER) ?? serverVersion;
            return response;
        }
        finally {
            record.ms = now() - started;
        }
    };
    /** The call, retries and rate-limit waits included, ends by the deadline. */
    const withinBudget = async (what, call) => {
        let timer;
        const expired = new Promise((_resolve, reject) => {
            timer = setTimeout(() => reject(new engine/* GitHubApiError */.OS(`${what} did not succeed within the time budget of ${budget} (retries included)`, {
                hint: 'Raise the timeout-seconds input, or check GitHub status.'
            })), Math.max(0, remaining()));
        });
        try {
            return await Promise.race([call, expired]);
        }
        finally {
            clearTimeout(timer);
        }
    };
    const endpoint = graphqlRoute(graphqlUrl);
    /** a request's URL in logs: GraphQL's whole, as it was asked for */
    const shown = (url) => url === endpoint.url ? graphqlUrl : url;
    const octokit = new MyOctokit({
        auth: options.token,
        baseUrl: apiUrl,
        userAgent: urls/* USER_AGENT */._O,
        request: { fetch: attemptFetch },
        log: octokitLog(log),
        retry: {
            // 4xx answers are decisions, not hiccups; rate limits are the
            // throttling plugin's to retry.
            doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
            retries: 3,
            retryAfterBaseValue: retryBase
        },
        throttle: {
            // Reads over GraphQL are POSTs; GitHub's one-second spacing is for
            // content-creating requests, and the gate writes at most two.
            write: new (light_default()).Group({ maxConcurrent: 1, minTime: 0 }),
            retryAfterBaseValue: retryBase,
            onRateLimit: (retryAfter, o) => {
                const ok = fits(retryAfter);
                log.warning(`rate limit reached on ${o.method} ${shown(o.url)}; ${ok ? `retrying in ${retryAfter}s` : `reset in ${retryAfter}s is past the time budget`}`);
                return ok;
            },
            onSecondaryRateLimit: (retryAfter, o, _octokit, retryCount) => {
                const ok = retryCount < 3 && fits(retryAfter);
                log.warning(`secondary rate limit on ${o.method} ${shown(o.url)}; ${ok ? `retrying in ${retryAfter}s` : 'giving up'}`);
                return ok;
            }
        }
    });
    const rest = async (route, params = {}) => {
        try {
            const response = await withinBudget(route, octokit.request(route, params));
            return {
                status: response.status,
                data: response.data,
                headers: response.headers
            };
        }
        catch (error) {
            throw toApiError(route, params, error, options.timeoutMs);
        }
    };
    const graphql = async (query, variables, graphqlOptions = {}) => {
        const route = `POST ${graphqlUrl}`;
        let body;
        try {
            const response = await withinBudget('POST /graphql', octokit.request({
                method: 'POST',
                ...endpoint,
                query,
                variables,
                // A query its caller can split is asked again smaller, not the
                // same (SPEC §9): no retry here.
                ...(graphqlOptions.splittable === true
                    ? { request: { retries: 0 } }
                    : {})
            }));
            body = response.data;
        }
        catch (error) {
            throw toApiError('POST /graphql', {}, error, options.timeoutMs);
        }
        meter.graphqlBody(body);
        if (typeof body !== 'object' || body === null) {
            throw new engine/* GitHubApiError */.OS(`${route} answered with something that is not JSON`);
        }
        const { data, errors } = body;
        // A server older than the schema we query refuses the query whole.
        const unknown = unknownFields(Array.isArray(errors) ? errors : []);
        if (unknown.length > 0) {
            throw schemaMismatch({ fields: unknown, serverVersion });
        }
        const list = Array.isArray(errors)
            ? errors.map((e) => {
                // Object(): null and undefined read as {}, an object as itself
                const err = Object(e);
                return {
                    type: typeof err.type === 'string' ? err.type : undefined,
                    message: typeof err.message === 'string'
                        ? err.message
                        : 'unknown GraphQL error',
                    path: Array.isArray(err.path)
                        ? err.path
                        : undefined
                };
            })
            : [];
        if ((data === undefined || data === null) && list.length > 0) {
            throw new engine/* GitHubApiError */.OS(`GraphQL query failed: ${list.map((e) => e.message).join('; ')}`);
        }
        if (typeof data !== 'object' || data === null) {
            throw new engine/* GitHubApiError */.OS(`GraphQL answer had no data`);
        }
        return { data: data, errors: list };
    };
    return { rest, graphql, requests, usage: () => meter.usage() };
}
/**
 * The answer to this attempt's request if it was sent early, as a Response;
 * undefined when it was not, or when the early request failed (the attempt
 * then sends it itself, its retries untouched).
 */
async function earlyAnswer(early, record, init, signal) {
    if (early === undefined)
        return undefined;
    let body = null;
    if (typeof init?.body === 'string') {
        try {
            body = JSON.parse(init.body);
        }
        catch {
            return undefined;
        }
    }
    const pending = early.take(record.method, record.url, body);
    if (pending === undefined)
        return undefined;
    let answer;
    try {
        answer = await Promise.race([pending, aborted(signal)]);
    }
    catch (error) {
        if (signal.aborted)
            throw error;
        return undefined;
    }
    return earlyResponse(answer, record.url);
}
/**
 * The early answer as the Response Octokit reads (status, statusText, url,
 * headers to iterate and get, text, arrayBuffer, json). Not a `Response`:
 * Node builds that global from its bundled undici, whose loading on first
 * use costs more than the rest of a typical decision's work (SPEC §9: a
 * typical decision under 0.3 s).
 */
function earlyResponse(answer, url) {
    const headers = new Map(Object.entries(answer.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const text = () => Promise.resolve(answer.body.toString('utf8'));
    const like = {
        ok: answer.status >= 200 && answer.status < 300,
        status: answer.status,
        statusText: external_node_http_.STATUS_CODES[answer.status] ?? '',
        url,
        redirected: false,
        body: null,
        headers: {
            get: (name) => headers.get(name.toLowerCase()) ?? null,
            has: (name) => headers.has(name.toLowerCase()),
            [Symbol.iterator]: () => headers.entries(),
            entries: () => headers.entries(),
            forEach: (f) => headers.forEach((v, k) => f(v, k))
        },
        text,
        json: async () => JSON.parse(await text()),
        arrayBuffer: () => Promise.resolve(new Uint8Array(answer.body).buffer)
    };
    return like;
}
function aborted(signal) {
    return new Promise((_resolve, reject) => {
        const fail = () => reject(signal.reason);
        if (signal.aborted)
            fail();
        else
            signal.addEventListener('abort', fail, { once: true });
    });
}

;// CONCATENATED MODULE: ./src/report/cost.ts
// What a decision cost on GitHub's budgets, in one line for people (SPEC §9):
// the job summary's footer and the CLI's verbose output.
const number = new Intl.NumberFormat('en-US');
const plural = (n, one, many = `${one}s`) => `${number.format(n)} ${n === 1 ? one : many}`;
/** GraphQL first, then REST, then any other budget by name. */
const ORDER = ['graphql', 'core'];
const rank = (resource) => {
    const i = ORDER.indexOf(resource);
    return i === -1 ? ORDER.length : i;
};
function left(b) {
    const unit = b.resource === 'graphql'
        ? 'points'
        : b.resource === 'core'
            ? 'REST requests'
            : `${b.resource} requests`;
    return `${number.format(b.remaining)} of ${number.format(b.limit)} ${unit}`;
}
/**
 * `Cost: 3 requests (1 GraphQL, 2 REST), 2 GraphQL points; left this hour:
 * 996 of 1,000 points, 4,990 of 5,000 REST requests.`
 */
function costLine(api) {
    const { rest, graphql } = api.requests;
    const points = api.points === null
        ? 'GraphQL points unknown (an answer did not say what it cost)'
        : plural(api.points, 'GraphQL point');
    const budgets = [...api.budgets].sort((a, b) => rank(a.resource) - rank(b.resource) ||
        a.resource.localeCompare(b.resource));
    const remaining = budgets.length === 0
        ? ''
        : `; left this hour: ${budgets.map(left).join(', ')}`;
    return `Cost: ${plural(rest + graphql, 'request')} (${number.format(graphql)} GraphQL, ${number.format(rest)} REST), ${points}${remaining}.`;
}

;// CONCATENATED MODULE: ./src/report/permissions.ts
// Every permission the token lacked, named once: the problems of the checks
// that could not be verified name them (`checks: read`), and a job's
// `permissions:` block is what fixes those a workflow token can be given.
/**
 * The keys a workflow's `permissions:` block accepts. Others (administration,
 * members, metadata) no workflow token can be given: a GitHub App or a
 * fine-grained token can. docs.github.com/en/actions/writing-workflows/
 * workflow-syntax-for-github-actions#permissions; __tests__/workflows.test.ts
 * holds the list against the workflow parser's own schema.
 */
const WORKFLOW_PERMISSIONS = new Set([
    'actions',
    'artifact-metadata',
    'attestations',
    'checks',
    'code-quality',
    'contents',
    'copilot-requests',
    'deployments',
    'discussions',
    'drives',
    'id-token',
    'issues',
    'models',
    'packages',
    'pages',
    'pull-requests',
    'repository-projects',
    'security-events',
    'statuses',
    'vulnerability-alerts'
]);
const NAMED = /`([a-z][a-z_-]*): (read|write)`/g;
function missingPermissions(decision) {
    const level = new Map();
    for (const check of decision.results) {
        if (check.status !== 'error')
            continue;
        for (const text of [check.summary, ...check.problems]) {
            for (const [, raw = '', access = 'read'] of text.matchAll(NAMED)) {
                // GitHub Apps write pull_requests; workflows pull-requests
                const name = raw.replace(/_/g, '-');
                if (level.get(name) !== 'write')
                    level.set(name, access);
            }
        }
    }
    const named = [...level].map(([name, access]) => `${name}: ${access}`);
    return {
        workflow: named.filter((p) => WORKFLOW_PERMISSIONS.has(p.split(':')[0] ?? '')),
        other: named.filter((p) => !WORKFLOW_PERMISSIONS.has(p.split(':')[0] ?? ''))
    };
}
/** One paragraph, or none: what the token lacked and the block that fixes it. */
function permissionsSection(missing) {
    const lines = [];
    if (missing.workflow.length > 0) {
        lines.push(`**The token lacked ${missing.workflow.map((p) => `\`${p}\``).join(', ')}.** Add them to the deploy job:`, '', '```yaml', 'permissions:', ...missing.workflow.map((p) => `  ${p}`), '```', '');
    }
    if (missing.other.length > 0) {
        lines.push(`No workflow token can be given ${missing.other.map((p) => `\`${p}\``).join(', ')}: run the gate with a GitHub App's token (or \`promotion-gate serve\`) that has ${missing.other.length === 1 ? 'it' : 'them'}, or turn off what needs ${missing.other.length === 1 ? 'it' : 'them'} in the policy.`, '');
    }
    return lines;
}

;// CONCATENATED MODULE: ./src/report/summary.ts
// Decision -> Markdown for the job summary, and one line for humans. Pure;
// writing is the adapter's job (STYLE habit 9).


const ICON = {
    pass: '✅ pass',
    fail: '❌ fail',
    error: '⚠️ error',
    skipped: '⏭️ skipped'
};
function violations(decision) {
    return decision.results
        .filter((c) => c.status === 'fail' || c.status === 'error')
        .map((c) => c.id);
}
function oneLine(decision) {
    const r = decision.request;
    const where = `${r.sha.slice(0, 7)} to ${r.environment}`;
    const grant = decision.breakGlass;
    if (decision.decision === 'allow' && grant !== null) {
        return `promotion-gate allowed ${where} by BREAK-GLASS (approved by ${grant.approvedBy}), overriding ${grant.overridden.join(', ')}; independent review due by ${grant.reviewDue}`;
    }
    if (decision.decision === 'allow') {
        return `promotion-gate allowed ${where}: all ${decision.results.filter((c) => c.status === 'pass').length} checks passed`;
    }
    const failed = decision.results.filter((c) => c.status === 'fail' || c.status === 'error');
    const first = failed[0];
    const reason = first === undefined
        ? // a block no check explains (the evidence or its signature failed)
            (decision.failure?.message ?? 'no check passed')
        : `${first.id}: ${first.problems[0] ?? first.summary}`;
    // every failing check named: the one line may be all a reader sees
    const others = failed.slice(1).map((c) => c.id);
    const more = others.length > 0 ? `; also ${others.join(', ')}` : '';
    const note = decision.breakGlassNote === null ? '' : `; ${decision.breakGlassNote}`;
    return `promotion-gate blocked ${where}: ${reason}${more}${note}`;
}
/** Markdown cells must not break the table. */
function cell(text) {
    return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}
function links(check) {
    if (check.links.length === 0)
        return '';
    const shown = check.links
        .slice(0, 12)
        .map((l) => `[${cell(l.label)}](${l.url})`);
    const more = check.links.length > 12 ? ` and ${check.links.length - 12} more` : '';
    return `<br>${shown.join(', ')}${more}`;
}
/** What a break-glass allow overrode, said plainly, above the checks. */
function breakGlassSection(evidence) {
    const bg = evidence.break_glass;
    if (bg === null)
        return [];
    const issue = bg.follow_up_issue === null
        ? 'no follow-up issue was opened'
        : `follow-up issue [#${bg.follow_up_issue.number}](${bg.follow_up_issue.url})`;
    const quote = (text) => `> ${cell(text)}`;
    return [
        quote(`**This deployment was allowed by break-glass, not because it passed the gate.** It overrode ${bg.overridden_checks.length === 1 ? 'the failed check' : `${bg.overridden_checks.length} failed checks`}: ${bg.overridden_checks.map((id) => `\`${id}\``).join(', ')}.`),
        '>',
        quote(`Approved by @${bg.approved_by} (an environment approval of this run); deployed by ${evidence.deployer === null ? 'an unknown deployer' : `@${evidence.deployer}`}.`),
        '>',
        quote(`Reason: ${bg.reason.replace(/</g, '&lt;').replace(/>/g, '&gt;')}`),
        '>',
        quote(`An independent review is due by ${bg.review_due}: ${issue} must be closed as completed by someone who is neither the deployer, the approver nor a maker of the changes.`)
    ];
}
function row(check, overridden) {
    const details = [check.summary, ...check.problems.map((p) => `• ${p}`)]
        .map(cell)
        .join('<br>');
    const note = overridden ? ' (overridden by break-glass)' : '';
    return `| \`${check.id}\` | ${ICON[check.status]}${note} | ${details}${links(check)} |`;
}
function verdictOf(decision, report) {
    if (decision.decision === 'allow') {
        return decision.breakGlass === null
            ? '✅ **allow**'
            : '🚨 **allow by break-glass**';
    }
    // mode: report blocks nothing: say what enforce would have done
    return report ? '⚠️ **would block** (mode: report)' : '⛔ **block**';
}
/**
 * The job summary: what failed first, each with what was found and what to
 * do, the token's missing permissions in one place, then the checks that
 * passed, folded.
 */
function renderSummary(decision, evidence, evidencePath, 
/** the record uploaded as an artifact of the run: it outlives the runner */
evidenceUrl = null) {
    const r = decision.request;
    const grant = decision.breakGlass;
    const report = evidence.mode === 'report';
    const headline = report
        ? oneLine(decision).replace(/^promotion-gate blocked /, 'promotion-gate would block ')
        : oneLine(decision);
    const lines = [
        `## promotion-gate: ${verdictOf(decision, report)} \`${r.sha.slice(0, 7)}\` → ${cell(r.environment)}`,
        '',
        headline,
        ''
    ];
    if (report && decision.decision === 'block') {
        lines.push('> Nothing was blocked: `mode: report` only reports. With `mode: enforce` this deployment would stop here.', '');
    }
    if (grant !== null)
        lines.push(...breakGlassSection(evidence), '');
    const failed = decision.results.filter((c) => c.status === 'fail' || c.status === 'error');
    const rest = decision.results.filter((c) => c.status !== 'fail' && c.status !== 'error');
    const overridden = (c) => grant?.overridden.includes(c.id) === true;
    if (failed.length > 0) {
        lines.push(grant === null ? '### What to fix' : '### What break-glass overrode', '', '| Check | Result | What was found, and what to do |', '| --- | --- | --- |', ...failed.map((c) => row(c, overridden(c))), '');
        lines.push(...permissionsSection(missingPermissions(decision)));
    }
    if (rest.length > 0) {
        const passed = rest.filter((c) => c.status === 'pass').length;
        const skipped = rest.length - passed;
        const title = `${passed} check${passed === 1 ? '' : 's'} passed${skipped === 0 ? '' : `, ${skipped} turned off by the policy`}`;
        // folded when something failed: the failures are what to read
        lines.push(failed.length > 0
            ? `<details><summary>${title}</summary>`
            : `### ${title}`, '', '| Check | Result | Details |', '| --- | --- | --- |', ...rest.map((c) => row(c, false)), '');
        if (failed.length > 0)
            lines.push('</details>', '');
    }
    if (evidence.changes.length > 0) {
        lines.push('### Changes in scope', '', '| Change | Makers | Independent approvers |', '| --- | --- | --- |');
        for (const change of evidence.changes) {
            const what = change.pull_request === null
                ? `[${change.sha.slice(0, 7)}](${change.url}) (direct push)`
                : `[#${change.pull_request.number}](${change.pull_request.url}) ([${change.sha.slice(0, 7)}](${change.url}))`;
            const makers = change.makers
                .map((m) => `@${m.login}`)
                .concat(change.unresolved_identities.map((u) => `${u.email ?? u.name ?? '?'} (no account)`));
            const approvers = change.approvers.map((a) => `[@${a.login}](${a.review_url})`);
            lines.push(`| ${what} | ${cell(makers.join(', ') || '—')} | ${approvers.join(', ') || '—'} |`);
        }
    }
    if (evidence.scope?.note)
        lines.push('', `> ${cell(evidence.scope.note)}`);
    for (const note of evidence.notes)
        lines.push('', `> ${cell(note)}`);
    lines.push('', `<sub>Policy \`${cell(evidence.policy.path)}\` at \`${cell(evidence.policy.ref ?? '?')}\`` +
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
        '</sub>', '');
    if (evidence.api !== null) {
        lines.push(`<sub>${cell(costLine(evidence.api))}</sub>`, '');
    }
    return lines.join('\n');
}

// EXTERNAL MODULE: ./src/action/artifact.ts
var artifact = __webpack_require__(48338);
// EXTERNAL MODULE: ./src/action/inputs.ts + 1 modules
var action_inputs = __webpack_require__(69695);
;// CONCATENATED MODULE: ./src/action/status.ts
// `commit-status: true`: the decision as commit status promotion-gate/<env>.
// docs.github.com/en/rest/commits/statuses#create-a-commit-status
// (description is limited to 140 characters by GitHub).

const STATUS_DESCRIPTION_MAX = 140;
function statusContext(environment) {
    return `promotion-gate/${environment}`;
}
function statusDescription(line) {
    const text = line.replace(/^promotion-gate /, '');
    return text.length <= STATUS_DESCRIPTION_MAX
        ? text
        : `${text.slice(0, STATUS_DESCRIPTION_MAX - 1)}…`;
}
/** Posts the status; returns a problem to record, or null. Never throws. */
async function publishStatus(github, inputs, decision, line) {
    const req = inputs.request;
    try {
        await github.rest('POST /repos/{owner}/{repo}/statuses/{sha}', {
            owner: req.owner,
            repo: req.repo,
            sha: req.sha,
            state: decision.decision === 'allow' ? 'success' : 'failure',
            context: statusContext(req.environment),
            description: statusDescription(line),
            ...(req.run.url === null ? {} : { target_url: req.run.url })
        });
        return null;
    }
    catch (error) {
        return `the commit status ${statusContext(req.environment)} could not be posted (needs statuses: write): ${(0,engine/* getErrorMessage */.u1)(error)}`;
    }
}

;// CONCATENATED MODULE: ./src/action/main.ts
// The action adapter: inputs -> engine -> evidence, outputs, summary,
// annotations, exit. The order is fixed (STYLE habit 9): decide, publish the
// status, write evidence, upload it, set outputs, write the summary, then fail
// the step.
// Nothing here can turn `block` into `allow`; failing to write evidence turns
// `allow` into `block`.









async function runAction(inputs, deps) {
    const { io, env } = deps;
    const client = (deps.client ?? defaultClient)(inputs, io, deps.early);
    if (inputs.mode === 'audit') {
        // only a scheduled audit needs it: loaded then, not at every start
        const { runAuditMode } = await __webpack_require__.e(/* import() */ 960).then(__webpack_require__.bind(__webpack_require__, 3960));
        return runAuditMode(inputs, {
            env,
            io,
            now: deps.now,
            client,
            upload: deps.upload,
            sign: deps.sign
        });
    }
    const evaluated = await (0,engine/* evaluate */._3)(inputs.request, {
        github: client,
        logger: io,
        now: deps.now
    });
    for (const warning of evaluated.warnings)
        io.warning(warning);
    const notes = [];
    if (inputs.commitStatus) {
        const problem = await publishStatus(client, inputs, evaluated, oneLine(evaluated));
        if (problem !== null) {
            notes.push(problem);
            io.warning(problem);
        }
    }
    const record = (made, note) => (0,engine/* recordEvidence */.ti)(made, {
        mode: inputs.mode,
        requests: client.requests.length,
        usage: client.usage?.() ?? null,
        notes: note === undefined ? notes : [...notes, note]
    }, (_record, text) => writeEvidence(env, evaluated, text));
    let recorded = record(evaluated);
    // SPEC §10: signed once written, before it is uploaded (./attest-step.ts)
    const signed = inputs.attest
        ? await (await __webpack_require__.e(/* import() */ 256).then(__webpack_require__.bind(__webpack_require__, 38256))).attestStep({
            inputs,
            env,
            io,
            github: client,
            recorded,
            rerecord: record,
            sign: deps.sign
        })
        : null;
    recorded = signed?.recorded ?? recorded;
    if (recorded.problem !== null)
        io.error(recorded.problem);
    // the budget running low: an annotation, as the engine's other warnings
    for (const warning of recorded.warnings)
        io.warning(warning);
    const { decision, evidence } = recorded;
    const evidencePath = recorded.file;
    const followUp = decision.followUp;
    const attestation = signed?.outcome ?? null;
    const bundleFile = attestation === null || attestation.kind === 'failed'
        ? null
        : attestation.bundleFile;
    const uploaded = await keepEvidence(inputs, deps, evidencePath);
    // the signed decision beside it: where GitHub keeps no attestation, this
    // artifact is the only copy that outlives the runner
    if (uploaded !== null && bundleFile !== null) {
        const kept = await keepEvidence(inputs, deps, bundleFile, 'the signed decision', 'attestation-bundle');
        if (kept !== null) {
            io.info(`signed decision uploaded as artifact ${kept.name}: ${kept.url}`);
        }
    }
    const summary = oneLine(decision);
    io.setOutput(action_inputs/* OUTPUTS */.py.decision, decision.decision);
    io.setOutput(action_inputs/* OUTPUTS */.py.violations, JSON.stringify(violations(decision)));
    io.setOutput(action_inputs/* OUTPUTS */.py.evidenceFile, evidencePath ?? '');
    io.setOutput(action_inputs/* OUTPUTS */.py.evidenceUrl, uploaded?.url ?? '');
    io.setOutput(action_inputs/* OUTPUTS */.py.summary, summary);
    io.setOutput(action_inputs/* OUTPUTS */.py.attestationId, attestation?.kind === 'stored' ? attestation.id : '');
    io.setOutput(action_inputs/* OUTPUTS */.py.attestationUrl, attestation?.kind === 'stored' ? attestation.url : '');
    io.setOutput(action_inputs/* OUTPUTS */.py.attestationBundle, bundleFile ?? '');
    try {
        await io.writeSummary(renderSummary(decision, evidence, evidencePath, uploaded?.url ?? null));
    }
    catch (error) {
        io.warning(`the job summary could not be written: ${(0,engine/* getErrorMessage */.u1)(error)}`);
    }
    const grant = decision.breakGlass;
    if (grant !== null) {
        io.warning(`${summary}${followUp === null ? '' : `; follow-up issue: ${followUp.url}`}`);
    }
    for (const check of decision.results) {
        if (check.status !== 'fail' && check.status !== 'error')
            continue;
        const text = [check.summary, ...check.problems].join('\n');
        if (grant?.overridden.includes(check.id) === true) {
            io.warning(`promotion-gate: ${check.id} (${check.status}, overridden by break-glass): ${text}`);
            continue;
        }
        const title = `promotion-gate: ${check.id} ${check.status === 'error' ? '(could not verify)' : ''}`.trim();
        // mode: report blocks nothing, so nothing is annotated as an error
        if (inputs.mode === 'report')
            io.warning(`${title} (would block): ${text}`);
        else
            io.annotate(text, title);
    }
    if (decision.breakGlassNote !== null) {
        if (decision.decision === 'block') {
            io.annotate(decision.breakGlassNote, 'promotion-gate: break-glass refused');
        }
        else {
            io.warning(decision.breakGlassNote);
        }
    }
    if (decision.failure?.hint)
        io.info(`hint: ${decision.failure.hint}`);
    if (decision.decision === 'allow') {
        if (grant === null)
            io.info(summary);
    }
    else if (inputs.mode === 'enforce') {
        io.setFailed(summary);
    }
    else {
        io.warning(`${summary} (mode: report, the step does not fail)`);
    }
}
/** A file uploaded as an artifact of the run (its own name), unless turned off. */
async function keepEvidence(inputs, deps, file, what = 'the evidence record', output = 'evidence-file') {
    if (file === null || !inputs.evidenceArtifact)
        return null;
    const r = inputs.request;
    const outcome = await (0,artifact/* uploadEvidence */.di)({
        file,
        retentionDays: inputs.evidenceRetentionDays,
        env: deps.env,
        runUrl: r.run.id === null
            ? null
            : `${r.serverUrl.replace(/\/+$/, '')}/${r.owner}/${r.repo}/actions/runs/${r.run.id}`,
        timeoutMs: inputs.timeoutSeconds * 1000
    }, deps.upload);
    if (outcome.kind === 'skipped') {
        deps.io.info(`${what.replace(/^the /, '')} not uploaded: ${outcome.why}`);
        return null;
    }
    const problem = (0,artifact/* uploadProblem */.Pm)(outcome, file, what, output);
    if (problem !== null)
        deps.io.warning(problem);
    return outcome.kind === 'uploaded' ? outcome : null;
}
function defaultClient(inputs, logger, early) {
    return createClient({
        early,
        token: inputs.token,
        apiUrl: inputs.apiUrl,
        graphqlUrl: inputs.graphqlUrl ?? undefined,
        logger,
        timeoutMs: inputs.timeoutSeconds * 1000
    });
}
function writeEvidence(env, decision, text) {
    const dir = (0,external_node_path_.join)(env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'promotion-gate');
    (0,external_node_fs_.mkdirSync)(dir, { recursive: true });
    const req = decision.request;
    const safeEnv = req.environment.replace(/[^A-Za-z0-9._-]/g, '_');
    const run = req.run.id === null ? 'local' : `${req.run.id}-${req.run.attempt ?? 1}`;
    const file = (0,external_node_path_.join)(dir, `evidence-${safeEnv}-${req.sha.slice(0, 7)}-${run}.json`);
    (0,external_node_fs_.writeFileSync)(file, text, { mode: 0o644 });
    return file;
}


/***/ }),

/***/ 84964:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cq: () => (/* binding */ DURATION_PATTERN),
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   rJ: () => (/* binding */ DURATION_EXAMPLES)
/* harmony export */ });
/* unused harmony export formatDuration */
// Durations as the policy file and the inputs write them: `0`, or one or more
// `<whole number><unit>` with units d, h, m, s, largest first (`90s`, `30m`,
// `2h`, `1d`, `1h30m`, `1d12h`). Values are seconds.
const UNIT_SECONDS = { d: 86_400, h: 3_600, m: 60, s: 1 };
const UNITS = (/* unused pure expression or super */ null && (['d', 'h', 'm', 's']));
/**
 * The accepted strings as a regular expression source, shared with the JSON
 * Schema so the editor and the loader agree on what a duration is.
 */
const DURATION_PATTERN = '^(0|[0-9]+d([0-9]+h)?([0-9]+m)?([0-9]+s)?|[0-9]+h([0-9]+m)?([0-9]+s)?' +
    '|[0-9]+m([0-9]+s)?|[0-9]+s)$';
const DURATION_EXAMPLES = '90s, 30m, 2h, 1d, 1h30m';
const DURATION_RE = new RegExp(DURATION_PATTERN);
const PART_RE = /([0-9]+)([dhms])/g;
/** Parses a duration into seconds; throws an Error saying what is wrong. */
function parseDuration(value) {
    if (typeof value === 'number') {
        if (value === 0)
            return 0;
        throw new Error(Number.isInteger(value) && value > 0
            ? `${value} is not a duration: add a unit (use e.g. ` +
                `${DURATION_EXAMPLES}); only 0 may be written without one`
            : `${value} is not a duration (use e.g. ${DURATION_EXAMPLES})`);
    }
    if (typeof value !== 'string') {
        throw new Error(`${describe(value)} is not a duration (use e.g. ${DURATION_EXAMPLES})`);
    }
    if (!DURATION_RE.test(value)) {
        const reason = why(value);
        throw new Error(`${JSON.stringify(value)} is not a duration` +
            (reason === undefined
                ? ` (use e.g. ${DURATION_EXAMPLES})`
                : `: ${reason}`));
    }
    let seconds = 0;
    for (const [, amount, unit] of value.matchAll(PART_RE)) {
        seconds += Number(amount) * UNIT_SECONDS[unit];
    }
    if (!Number.isSafeInteger(seconds)) {
        throw new Error(`${JSON.stringify(value)} is too long a duration`);
    }
    return seconds;
}
/** What is wrong with a string that is not a duration, when we can tell. */
function why(value) {
    const use = `use e.g. ${DURATION_EXAMPLES}`;
    if (value.trim() === '')
        return `it is empty (${use}, or 0)`;
    if (value.trim() !== value)
        return 'remove the surrounding spaces';
    if (value.startsWith('-'))
        return `durations cannot be negative (${use})`;
    if (/^[0-9]+$/.test(value)) {
        return `add a unit (${use}); only 0 may be written without one`;
    }
    if (/[0-9]\.[0-9]/.test(value)) {
        return `use whole numbers, e.g. 1h30m instead of 1.5h`;
    }
    if (/^([0-9]+[dhms])+$/.test(value)) {
        return `write each unit once, largest first (d, h, m, s), e.g. 1h30m`;
    }
    return undefined;
}
function describe(value) {
    try {
        return JSON.stringify(value) ?? String(value);
    }
    catch {
        return String(value);
    }
}
/**
 * Formats seconds the way the policy writes them: 5400 -> `1h30m`,
 * 90 -> `1m30s`, 0 -> `0s`. Fractions are rounded down; a negative value (clock
 * skew) keeps its sign.
 */
function formatDuration(seconds) {
    if (!Number.isFinite(seconds))
        return String(seconds);
    if (seconds < 0)
        return `-${formatDuration(-seconds)}`;
    let rest = Math.floor(seconds);
    if (rest === 0)
        return '0s';
    let out = '';
    for (const unit of UNITS) {
        const size = UNIT_SECONDS[unit];
        const amount = Math.floor(rest / size);
        if (amount > 0) {
            out += `${amount}${unit}`;
            rest -= amount * size;
        }
    }
    return out;
}


/***/ }),

/***/ 17679:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OS: () => (/* binding */ GitHubApiError),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   pn: () => (/* binding */ PolicyError),
/* harmony export */   u1: () => (/* binding */ getErrorMessage),
/* harmony export */   ue: () => (/* binding */ GateError),
/* harmony export */   w2: () => (/* binding */ toFailure),
/* harmony export */   ym: () => (/* binding */ ShapeError)
/* harmony export */ });
// Coded errors. Every failure the gate reports is one of these; `toFailure`
// turns anything thrown (including non-Error values) into one shape, so no
// adapter can fail open on an unexpected throw.
class GateError extends Error {
    code;
    /** what the user can do about it */
    hint;
    constructor(code, message, options = {}) {
        super(message, { cause: options.cause });
        this.name = new.target.name;
        this.code = code;
        this.hint = options.hint;
    }
}
/** A mistake in what the user passed: inputs, event payload, CLI arguments. */
class InputError extends GateError {
    constructor(message, options = {}) {
        super('input', message, options);
    }
}
/** The policy could not be read, parsed or validated. */
class PolicyError extends GateError {
    file;
    problems;
    constructor(file, problems, hint) {
        super('policy', formatProblems(file, problems), { hint });
        this.file = file;
        this.problems = problems;
    }
}
function formatProblems(file, problems) {
    return problems
        .map((p) => {
        const where = p.line > 0 ? `${file}:${p.line}:${p.column}` : file;
        const key = p.path === '' ? '' : ` ${p.path}:`;
        return `${where}:${key} ${p.message}`;
    })
        .join('\n');
}
/** GitHub answered with an error, or not at all. */
class GitHubApiError extends GateError {
    status;
    requestId;
    /** the token permission that would probably let the call through */
    permission;
    constructor(message, options = {}) {
        super('github-api', message, options);
        this.status = options.status;
        this.requestId = options.requestId;
        this.permission = options.permission;
    }
}
/** A GitHub answer did not have the shape we rely on. */
class ShapeError extends GateError {
    constructor(message) {
        super('shape', message, {
            hint: 'GitHub answered in an unexpected shape; the gate blocks rather than guess.'
        });
    }
}
/**
 * An error's message, read by shape: errors thrown by node itself (fs,
 * parseArgs) may come from another realm, where `instanceof Error` fails.
 */
function getErrorMessage(error) {
    if (typeof error === 'object' &&
        error !== null &&
        'message' in error &&
        typeof error.message === 'string') {
        return error.message;
    }
    if (typeof error === 'string')
        return error;
    try {
        return JSON.stringify(error) ?? String(error);
    }
    catch {
        return String(error);
    }
}
function toFailure(error) {
    if (error instanceof GateError) {
        return { code: error.code, message: error.message, hint: error.hint };
    }
    return {
        code: 'internal',
        message: `unexpected error: ${getErrorMessage(error)}`,
        hint: undefined
    };
}


/***/ }),

/***/ 84907:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ds: () => (/* binding */ askInBatches),
/* harmony export */   Hn: () => (/* binding */ times),
/* harmony export */   TJ: () => (/* binding */ limited),
/* harmony export */   Xy: () => (/* binding */ batches),
/* harmony export */   tY: () => (/* binding */ plus),
/* harmony export */   zH: () => (/* binding */ MAX_QUERY_ITEMS)
/* harmony export */ });
/* unused harmony exports MAX_QUERY_NODES, MAX_QUERY_REQUESTS, NO_COST, isCutOff */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(17679);
// How much one GraphQL query may ask for, and asking in batches that fit.
//
// GitHub works out a query's cost before it runs it
// (docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api):
// its nodes, the sum over connections of the product of the `first`/`last`
// around and at each, refused over 500,000; and its requests, the sum over
// connections of the product of the page sizes around each, charged as
// requests / 100 points. A query that runs past 10 s is cut off with a 502 or
// 504 and still costs. SPEC §9 keeps every query at most 100,000 nodes, five
// times under the limit; we also keep each under 10 points, so that one
// batch is never a large part of an hour's budget and a batch GitHub still
// cuts off can be asked again in halves instead of whole.

/** SPEC §9: at most 100,000 nodes per query. */
const MAX_QUERY_NODES = 100_000;
/** 10 points per query. */
const MAX_QUERY_REQUESTS = 1_000;
/** Aliases per query: a bound on the query's text, whatever the cost. */
const MAX_QUERY_ITEMS = 100;
const NO_COST = { nodes: 0, requests: 0 };
function plus(a, b) {
    return { nodes: a.nodes + b.nodes, requests: a.requests + b.requests };
}
function times(n, c) {
    return { nodes: n * c.nodes, requests: n * c.requests };
}
/**
 * Items grouped into queries that each stay within the limits: `each` is
 * what one item adds to the query, `base` what the query costs without any.
 */
function batches(items, each, base = NO_COST) {
    const out = [];
    let current = [];
    let cost = base;
    for (const item of items) {
        const next = plus(cost, each(item));
        const over = next.nodes > MAX_QUERY_NODES ||
            next.requests > MAX_QUERY_REQUESTS ||
            current.length >= MAX_QUERY_ITEMS;
        if (over && current.length > 0) {
            out.push(current);
            current = [];
            cost = plus(base, each(item));
        }
        else {
            cost = next;
        }
        current.push(item);
    }
    if (current.length > 0)
        out.push(current);
    return out;
}
/**
 * GitHub's answers to a query it gave up on: 502 or 504 when it ran past
 * 10 s, and 500 for "Something went wrong while executing your query. This
 * may be the result of a timeout" (octokit's retry plugin turns that answer
 * into a 500). A smaller query is the only retry that can help.
 */
function isCutOff(error) {
    return (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GitHubApiError */ .OS &&
        (error.status === 500 || error.status === 502 || error.status === 504));
}
/** Runs `tasks` with at most `concurrency` in flight, results in order. */
async function limited(tasks, concurrency) {
    const results = new Array(tasks.length);
    let next = 0;
    const worker = async () => {
        while (next < tasks.length) {
            const i = next++;
            results[i] = await tasks[i]();
        }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
    return results;
}
/**
 * Asks for every item in batches within the limits, `concurrency` batches
 * at once (default: all, one round trip). A batch GitHub cuts off is asked
 * again in two halves (SPEC §9: "retried smaller, not the same"), down to
 * one item, whose failure stands.
 */
async function askInBatches(o) {
    const attempt = async (batch) => {
        try {
            await o.ask(batch);
        }
        catch (error) {
            if (!isCutOff(error) || batch.length < 2)
                throw error;
            const half = Math.ceil(batch.length / 2);
            await Promise.all([
                attempt(batch.slice(0, half)),
                attempt(batch.slice(half))
            ]);
        }
    };
    const all = batches(o.items, o.each, o.base);
    await limited(all.map((batch) => () => attempt(batch)), o.concurrency ?? all.length);
}


/***/ }),

/***/ 66853:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C7: () => (/* binding */ incompleteness),
/* harmony export */   Os: () => (/* binding */ errorAt),
/* harmony export */   Q9: () => (/* binding */ assertComplete),
/* harmony export */   hJ: () => (/* binding */ errorsAt),
/* harmony export */   kc: () => (/* binding */ errorText),
/* harmony export */   uL: () => (/* binding */ repositoryUnreadable)
/* harmony export */ });
/* unused harmony export permissionForPath */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(17679);
// GraphQL answers carry data and errors together. These turn the errors into
// a GitHubApiError that names what could not be read and, when GitHub said
// "forbidden", the permission the token most likely lacks.

/** The errors' messages, ready to append to a sentence; empty when none. */
function errorText(errors) {
    return errors.length === 0
        ? ''
        : ` (${errors.map((e) => e.message).join('; ')})`;
}
function errorAt(errors, alias) {
    return errorsAt(errors, alias)[0];
}
function errorsAt(errors, alias) {
    return errors.filter((e) => e.path !== undefined && e.path.includes(alias));
}
/** The permission a GraphQL error on this path most likely lacks. */
function permissionForPath(path) {
    const joined = (path ?? []).join('.');
    if (/deployments|statuses/.test(joined))
        return 'deployments: read';
    if (/ullRequest|reviews|\.p\d+/.test(joined))
        return 'pull-requests: read';
    return 'contents: read';
}
/**
 * GitHub answers GraphQL with data and errors together when part of the
 * answer could not be read. Any error left after `tolerated` means a fact is
 * missing, and a missing fact must never read as "none": block, naming it.
 */
function assertComplete(errors, what, tolerated = () => false) {
    const incomplete = incompleteness(errors, what, tolerated);
    if (incomplete !== null)
        throw incomplete;
}
/** What `assertComplete` throws, or null when nothing is missing. */
function incompleteness(errors, what, tolerated) {
    const left = errors.filter((e) => !tolerated(e));
    if (left.length === 0)
        return null;
    const forbidden = left.find((e) => e.type === 'FORBIDDEN' || /not accessible/i.test(e.message));
    const permission = forbidden === undefined ? undefined : permissionForPath(forbidden.path);
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GitHubApiError */ .OS(`${what} could not be read completely: ${left.map((e) => e.message).join('; ')}`, {
        permission,
        hint: permission === undefined
            ? undefined
            : `The token probably lacks the \`${permission}\` permission.`
    });
}
/** The repository itself could not be read: nothing else can be. */
function repositoryUnreadable(req, errors) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GitHubApiError */ .OS(`repository ${req.owner}/${req.repo} was not found or the token cannot read it${errorText(errors)}`, { permission: 'contents: read' });
}


/***/ }),

/***/ 6053:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $e: () => (/* binding */ firstAsks),
/* harmony export */   Up: () => (/* binding */ branchPoliciesAsk),
/* harmony export */   X2: () => (/* binding */ environmentAsk)
/* harmony export */ });
/* harmony import */ var _policy_file_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(36539);
/* harmony import */ var _queries_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(80192);
// What every decision asks first, before the policy is known: the bootstrap
// query and the environment's settings with the first page of its branch
// patterns. Built here once, for the bootstrap itself and for an adapter
// that sends them before the rest of the engine has loaded (SPEC §9: the
// first request under 100 ms of the start).


/** docs.github.com/en/rest/deployments/environments#get-an-environment */
const ENVIRONMENT_ROUTE = 'GET /repos/{owner}/{repo}/environments/{environment_name}';
/** docs.github.com/en/rest/deployments/branch-policies#list-deployment-branch-policies */
const BRANCH_POLICIES_ROUTE = 'GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies';
function branchPoliciesAsk(repo, environment, page) {
    return {
        route: BRANCH_POLICIES_ROUTE,
        params: {
            owner: repo.owner,
            repo: repo.name,
            environment_name: environment,
            per_page: 100,
            page
        }
    };
}
function environmentAsk(repo, environment) {
    return {
        route: ENVIRONMENT_ROUTE,
        params: {
            owner: repo.owner,
            repo: repo.name,
            environment_name: environment
        }
    };
}
function firstAsks(req) {
    const repo = { owner: req.owner, name: req.repo };
    return {
        graphql: {
            query: _queries_js__WEBPACK_IMPORTED_MODULE_1__/* .BOOTSTRAP_QUERY */ .it,
            variables: {
                owner: req.owner,
                name: req.repo,
                sha: req.sha,
                head: req.sha,
                environment: req.environment,
                policyExpression: (0,_policy_file_js__WEBPACK_IMPORTED_MODULE_0__/* .policyExpression */ .ty)(req),
                policyPath: req.policyPath
            }
        },
        rest: [
            environmentAsk(repo, req.environment),
            branchPoliciesAsk(repo, req.environment, 1)
        ]
    };
}


/***/ }),

/***/ 36539:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BU: () => (/* binding */ fetchPolicy),
/* harmony export */   US: () => (/* binding */ policyOf),
/* harmony export */   fe: () => (/* binding */ defaultBranchRef),
/* harmony export */   ty: () => (/* binding */ policyExpression)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(17679);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(66853);
/* harmony import */ var _queries_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(80192);
/* harmony import */ var _shape_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(41705);
// The policy file: a blob at `policy-path` on `policy-ref`, or on the default
// branch when no ref is given. The bootstrap asks for it with everything
// else; what needs no commit (the access matrix, audits) asks for it alone.




/** The `rev:path` expression GitHub's `object(expression:)` reads. */
function policyExpression(req) {
    return `${req.policyRef ?? 'HEAD'}:${req.policyPath}`;
}
/** A repository's default branch ref; a repository without one cannot be gated. */
function defaultBranchRef(repo, req) {
    const ref = (0,_shape_js__WEBPACK_IMPORTED_MODULE_3__/* .optObj */ .vW)(repo.defaultBranchRef, 'repository.defaultBranchRef');
    if (ref === null) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ShapeError */ .ym(`repository ${req.owner}/${req.repo} has no default branch`);
    }
    return ref;
}
/** The policy blob of a `repository` answer (BOOTSTRAP_QUERY or POLICY_QUERY). */
function policyOf(repo, defaultRef, defaultBranch, req) {
    const blob = (0,_shape_js__WEBPACK_IMPORTED_MODULE_3__/* .optObj */ .vW)(repo.policy, 'repository.policy') ??
        (req.policyRef === null ? defaultBranchFile(defaultRef) : null);
    const ref = req.policyRef ?? defaultBranch;
    if (blob === null || typeof blob.text !== 'string') {
        return {
            missing: blob === null
                ? `no policy file at ${req.policyPath} on ${ref}`
                : `the policy file ${req.policyPath} on ${ref} is binary`
        };
    }
    if (blob.isTruncated === true) {
        return {
            missing: `the policy file ${req.policyPath} on ${ref} is too large`
        };
    }
    return {
        text: blob.text,
        blobSha: (0,_shape_js__WEBPACK_IMPORTED_MODULE_3__/* .str */ .gx)(blob.oid, 'repository.policy.oid'),
        ref
    };
}
function defaultBranchFile(ref) {
    const target = (0,_shape_js__WEBPACK_IMPORTED_MODULE_3__/* .optObj */ .vW)(ref.target, 'repository.defaultBranchRef.target');
    const file = target === null ? null : (0,_shape_js__WEBPACK_IMPORTED_MODULE_3__/* .optObj */ .vW)(target.file, 'defaultBranchRef.target.file');
    return file === null
        ? null
        : (0,_shape_js__WEBPACK_IMPORTED_MODULE_3__/* .optObj */ .vW)(file.object, 'defaultBranchRef.target.file.object');
}
/**
 * The policy alone, for what needs no commit (the access matrix, audits):
 * the same reading as the bootstrap's, from `policy-ref` or the default branch.
 */
async function fetchPolicy(port, req) {
    const answer = await port.graphql(_queries_js__WEBPACK_IMPORTED_MODULE_2__/* .POLICY_QUERY */ .qs, {
        owner: req.owner,
        name: req.repo,
        policyExpression: policyExpression(req),
        policyPath: req.policyPath
    });
    const data = (0,_shape_js__WEBPACK_IMPORTED_MODULE_3__/* .obj */ .WL)(answer.data, 'data');
    const repo = (0,_shape_js__WEBPACK_IMPORTED_MODULE_3__/* .optObj */ .vW)(data.repository, 'repository');
    if (repo === null)
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .repositoryUnreadable */ .uL)(req, answer.errors);
    (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .assertComplete */ .Q9)(answer.errors, 'the policy', (e) => e.type === 'NOT_FOUND');
    const defaultRef = defaultBranchRef(repo, req);
    const defaultBranch = (0,_shape_js__WEBPACK_IMPORTED_MODULE_3__/* .str */ .gx)(defaultRef.name, 'repository.defaultBranchRef.name');
    return {
        repositoryUrl: (0,_shape_js__WEBPACK_IMPORTED_MODULE_3__/* .str */ .gx)(repo.url, 'repository.url'),
        defaultBranch,
        policy: policyOf(repo, defaultRef, defaultBranch, req)
    };
}


/***/ }),

/***/ 80192:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DK: () => (/* binding */ coAuthorsQuery),
/* harmony export */   Eh: () => (/* binding */ CO_AUTHORS_COST),
/* harmony export */   FP: () => (/* binding */ CHANGE_COST),
/* harmony export */   Hu: () => (/* binding */ GLOB_REF_COST),
/* harmony export */   KL: () => (/* binding */ PAGE),
/* harmony export */   SN: () => (/* binding */ PAGE_COST),
/* harmony export */   SP: () => (/* binding */ changesQuery),
/* harmony export */   UF: () => (/* binding */ contextQuery),
/* harmony export */   Wi: () => (/* binding */ PULL_REQUEST_FIELDS),
/* harmony export */   Ye: () => (/* binding */ REF_COST),
/* harmony export */   it: () => (/* binding */ BOOTSTRAP_QUERY),
/* harmony export */   jS: () => (/* binding */ RATE_LIMIT),
/* harmony export */   pd: () => (/* binding */ commitsQuery),
/* harmony export */   qs: () => (/* binding */ POLICY_QUERY),
/* harmony export */   v9: () => (/* binding */ ROLLUP_FIELDS),
/* harmony export */   vN: () => (/* binding */ pagesQuery),
/* harmony export */   wm: () => (/* binding */ DEPLOYMENT_FIELDS),
/* harmony export */   ys: () => (/* binding */ ROLLUP_CONTEXTS),
/* harmony export */   zn: () => (/* binding */ DEPLOYMENTS_COST)
/* harmony export */ });
/* unused harmony exports PULL_REQUESTS_PER_COMMIT, COMMIT_FIELDS, CO_AUTHORS_PAGE, REF_RULES, HERE_JOBS, HERE_PAGE */
/* harmony import */ var _budget_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(84907);
// The GraphQL the gate sends. Every field is checked against GitHub's public
// schema (@octokit/graphql-schema) by __tests__/engine/gather/queries.test.ts.

const PAGE = 100;
/**
 * Asked at the root of every query: what it cost and what is left of the
 * hour (docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api,
 * "Checking the status of your primary rate limit"). Free: not a connection.
 */
const RATE_LIMIT = `rateLimit { cost limit remaining used resetAt }`;
/** Pull requests asked for per commit. */
const PULL_REQUESTS_PER_COMMIT = 10;
const ACTOR = `__typename login`;
const GIT_ACTOR = `name email user { login }`;
/**
 * A commit as the gate needs it, with no connection inside: under a pull
 * request's `commits(first: 100)` every connection here would cost 100
 * requests per pull request (GitHub charges each connection the product of
 * the page sizes around it), and `authors` and `parents` did, 20 of the 22
 * points the bootstrap cost. Co-authors come from `coAuthorsQuery`, asked
 * only for commits whose message names one; parents from `CHANGE` (the
 * commits of the range) and REST compare.
 */
const COMMIT_FIELDS = `
fragment GateCommit on Commit {
  oid
  url
  message
  committedDate
  tree { oid }
  author { ${GIT_ACTOR} }
  committer { ${GIT_ACTOR} }
  signature { isValid state wasSignedByGitHub }
}`;
/** What GitHub returns per commit and alias in `coAuthorsQuery`. */
const CO_AUTHORS_PAGE = 100;
const PR_COMMITS = `totalCount pageInfo { hasNextPage endCursor } nodes { commit { ...GateCommit } }`;
const PR_REVIEWS = `totalCount pageInfo { hasNextPage endCursor } nodes {
      author { ${ACTOR} } state submittedAt url authorCanPushToRepository commit { oid } }`;
const PULL_REQUEST_FIELDS = `
fragment GatePullRequest on PullRequest {
  id
  number
  url
  merged
  mergedAt
  baseRefName
  headRefOid
  author { ${ACTOR} }
  mergeCommit { oid }
  commits(first: ${PAGE}) { ${PR_COMMITS} }
  reviews(first: ${PAGE}) { ${PR_REVIEWS} }
}
${COMMIT_FIELDS}`;
const CHANGE = `... on Commit {
      ...GateCommit
      parents(first: 2) { totalCount nodes { oid } }
      associatedPullRequests(first: ${PULL_REQUESTS_PER_COMMIT}) { nodes { ...GatePullRequest } }
    }`;
/** What one page alias adds to a GatePages query: a connection, nothing inside. */
const PAGE_COST = { nodes: PAGE, requests: 1 };
/** What one commit adds to GateCoAuthors. */
const CO_AUTHORS_COST = {
    nodes: CO_AUTHORS_PAGE,
    requests: 1
};
/**
 * What one commit adds to GateChanges: its parents and pull requests, each
 * pull request's first pages of commits and reviews.
 */
const CHANGE_COST = (0,_budget_js__WEBPACK_IMPORTED_MODULE_0__/* .plus */ .tY)({ nodes: 2 + PULL_REQUESTS_PER_COMMIT, requests: 2 }, (0,_budget_js__WEBPACK_IMPORTED_MODULE_0__/* .times */ .Hn)(PULL_REQUESTS_PER_COMMIT, { nodes: 2 * PAGE, requests: 2 }));
/**
 * A branch's rules as GraphQL gives them to non-admins: `rules`, "rules from
 * active Repository and Organization rulesets that apply to this ref", as
 * REST `rules/branches/{b}` does; and `refUpdateRule`, the classic branch
 * protection rule "viewable by non-admins" (not every setting, but whether
 * one exists and its required checks). Both from GitHub's schema
 * descriptions (docs.github.com/en/graphql/reference/objects#ref).
 */
const REF_RULES = `rules(first: ${PAGE}) { pageInfo { hasNextPage endCursor } nodes { type
        parameters { __typename
          ... on PullRequestParameters { requiredApprovingReviewCount dismissStaleReviewsOnPush requireCodeOwnerReview requireLastPushApproval }
          ... on RequiredStatusChecksParameters { requiredStatusChecks { context integrationId } } }
        repositoryRuleset { databaseId enforcement } } }
      refUpdateRule { pattern requiredStatusCheckContexts }`;
/** The policy alone, for commands that need no commit (access, audit). */
const POLICY_QUERY = `
query GatePolicy($owner: String!, $name: String!, $policyExpression: String!, $policyPath: String!) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    url
    defaultBranchRef {
      name
      target { ... on Commit { file(path: $policyPath) { object { ... on Blob { oid text isTruncated isBinary } } } } }
    }
    policy: object(expression: $policyExpression) { ... on Blob { oid text isTruncated isBinary } }
  }
}`;
const ROLLUP_CONTEXTS = `totalCount pageInfo { hasNextPage endCursor } nodes {
      __typename
      ... on CheckRun { id name status conclusion detailsUrl url startedAt databaseId deployment { databaseId }
        checkSuite { app { databaseId slug } workflowRun { databaseId event file { path } } } }
      ... on StatusContext { context state targetUrl createdAt creator { login } }
    }`;
/**
 * A commit's check runs and statuses, as GitHub rolls them up (the latest
 * run per check and the latest status per context).
 * docs.github.com/en/graphql/reference/objects#statuscheckrollup
 */
const ROLLUP_FIELDS = `
fragment GateRollup on StatusCheckRollup {
  id
  contexts(first: ${PAGE}) { ${ROLLUP_CONTEXTS} }
}`;
const DEPLOYMENT_FIELDS = `
fragment GateDeployments on DeploymentConnection {
  totalCount
  pageInfo { hasNextPage endCursor }
  nodes {
    id
    databaseId
    environment
    commitOid
    createdAt
    ref { name prefix }
    creator { ${ACTOR} }
    commit { tree { oid } }
    statuses(first: ${PAGE}) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { state createdAt logUrl environmentUrl }
    }
  }
}`;
/**
 * The latest deployments to the target whose commits' check runs the
 * bootstrap reads: the jobs that made them bind them (SPEC §5.2), so that
 * the range's start is usually settled without another round trip.
 */
const HERE_JOBS = 10;
/**
 * The latest deployments to the target the bootstrap reads (where the range
 * starts): half a page, so that binding their jobs (HERE_JOBS) keeps the
 * bootstrap at 2 points (208 of GitHub's "requests"; 258, which rounds to 3,
 * with a full page). A previous success further back is read page by page.
 */
const HERE_PAGE = 50;
/**
 * Everything that does not depend on the policy: one round trip. Besides
 * the policy and the deployed commit it asks, ahead of knowing whether they
 * are needed, for what a typical decision needs next, so that nothing else
 * has to be asked: the default branch's comparison with the commit, the
 * commit's test results and those of its pull request's final head, the
 * latest deployments to the target environment (where the range starts) and
 * every deployment of the commit itself (its promotion), and the check runs
 * of the latest deployments' commits (the jobs that made them). The deployments sit
 * under their own `repository` alias: `deployments` is non-null, and an
 * error on it (no `deployments: read`) must not null the policy with it.
 * `viewerCanAdminister` (a scalar: no points) says whether reading rulesets'
 * bypass actors is worth a request (gather/bypass.ts).
 */
const BOOTSTRAP_QUERY = `
query GateBootstrap($owner: String!, $name: String!, $sha: GitObjectID!,
    $head: String!, $environment: String!, $policyExpression: String!, $policyPath: String!) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    url
    viewerCanAdminister
    defaultBranchRef {
      name
      compare(headRef: $head) { status }
      ${REF_RULES}
      target { ... on Commit { file(path: $policyPath) { object { ... on Blob { oid text isTruncated isBinary } } } } }
    }
    policy: object(expression: $policyExpression) { ... on Blob { oid text isTruncated isBinary } }
    commit: object(oid: $sha) { ${CHANGE} }
    checks: object(oid: $sha) { ... on Commit { statusCheckRollup { ...GateRollup } } }
    heads: object(oid: $sha) { ... on Commit {
      associatedPullRequests(first: 10) { nodes { number
        headCommit: commits(last: 1) { nodes { commit { oid statusCheckRollup { ...GateRollup } } } } } }
    } }
  }
  recent: repository(owner: $owner, name: $name) {
    here: deployments(environments: [$environment], first: ${HERE_PAGE}, orderBy: {field: CREATED_AT, direction: DESC}) { ...GateDeployments }
    shipped: object(oid: $sha) { ... on Commit {
      deployments(first: ${PAGE}, orderBy: {field: CREATED_AT, direction: DESC}) { ...GateDeployments } } }
    hereJobs: deployments(environments: [$environment], first: ${HERE_JOBS}, orderBy: {field: CREATED_AT, direction: DESC}) {
      nodes { commitOid commit { statusCheckRollup { id contexts(first: ${PAGE}) { ${ROLLUP_CONTEXTS} } } } } }
  }
}
${PULL_REQUEST_FIELDS}
${ROLLUP_FIELDS}
${DEPLOYMENT_FIELDS}`;
const REF_FIELDS = `name compare(headRef: $sha) { status } ${REF_RULES}`;
/** What one environment's deployments add to a query: a page, each with its statuses. */
const DEPLOYMENTS_COST = {
    nodes: PAGE + PAGE * PAGE,
    requests: 1 + PAGE
};
/** What one branch adds to GateContext: its rules. */
const REF_COST = { nodes: PAGE, requests: 1 };
/** What one branch pattern adds to GateContext: a page of branches, each with its rules. */
const GLOB_REF_COST = {
    nodes: PAGE + PAGE * PAGE,
    requests: 1 + PAGE
};
/** Deployments of several environments and the branches: one round trip. */
function contextQuery(deployments, refs, sha) {
    const variables = {};
    const declarations = ['$owner: String!', '$name: String!'];
    // GraphQL rejects a declared variable that no field uses.
    if (refs.length > 0) {
        declarations.push('$sha: String!');
        variables.sha = sha;
    }
    const parts = [];
    deployments.forEach((d, i) => {
        declarations.push(`$env${i}: String!`, `$envAfter${i}: String`);
        variables[`env${i}`] = d.environment;
        variables[`envAfter${i}`] = d.after;
        parts.push(`${d.alias}: deployments(environments: [$env${i}], first: ${PAGE}, after: $envAfter${i}, orderBy: {field: CREATED_AT, direction: DESC}) { ...GateDeployments }`);
    });
    refs.forEach((r, i) => {
        declarations.push(`$ref${i}: String!`);
        if (r.glob) {
            declarations.push(`$refAfter${i}: String`);
            variables[`ref${i}`] = r.name;
            variables[`refAfter${i}`] = r.after;
            parts.push(`${r.alias}: refs(refPrefix: "refs/heads/", query: $ref${i}, first: ${PAGE}, after: $refAfter${i}) { pageInfo { hasNextPage endCursor } nodes { ${REF_FIELDS} } }`);
        }
        else {
            variables[`ref${i}`] = `refs/heads/${r.name}`;
            parts.push(`${r.alias}: ref(qualifiedName: $ref${i}) { ${REF_FIELDS} }`);
        }
    });
    const fragments = deployments.length > 0 ? DEPLOYMENT_FIELDS : '';
    return {
        query: `query GateContext(${declarations.join(', ')}) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    ${parts.join('\n    ')}
  }
}
${fragments}`,
        variables
    };
}
/**
 * One query asking for several commits by oid, each under its own alias
 * (`${alias}0`, `${alias}1`, ...), with the same selection.
 */
function commitsQuery(o) {
    const variables = {};
    const declarations = ['$owner: String!', '$name: String!'];
    const parts = o.oids.map((oid, i) => {
        declarations.push(`$oid${i}: GitObjectID!`);
        variables[`oid${i}`] = oid;
        return `${o.alias}${i}: object(oid: $oid${i}) { ${o.selection} }`;
    });
    return {
        query: `query ${o.operation}(${declarations.join(', ')}) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    ${parts.join('\n    ')}
  }
}
${o.fragments}`,
        variables
    };
}
/** Commits of the range (other than the deployed one) with their pull requests. */
function changesQuery(oids) {
    return commitsQuery({
        operation: 'GateChanges',
        alias: 'c',
        oids,
        selection: CHANGE,
        fragments: PULL_REQUEST_FIELDS
    });
}
/**
 * The authors GitHub lists for each commit: "the git author and the
 * Co-authored-by message trailer", each with the account GitHub maps the
 * e-mail to (docs.github.com/en/graphql/reference/objects#commit, `authors`).
 * One request per commit.
 */
function coAuthorsQuery(oids) {
    return commitsQuery({
        operation: 'GateCoAuthors',
        alias: 'a',
        oids,
        selection: `... on Commit { authors(first: ${CO_AUTHORS_PAGE}) { totalCount nodes { ${GIT_ACTOR} } } }`,
        fragments: ''
    });
}
/**
 * Further pages of pull request commits and reviews (through
 * `repository.pullRequest(number:)`, under `data.repository`) and of
 * deployment statuses (through `node(id:)`, GraphQL's only way to a
 * deployment, under `data`).
 */
function pagesQuery(pages, repository) {
    const variables = {};
    const declarations = [];
    const pulls = [];
    const nodes = [];
    pages.forEach((p, i) => {
        declarations.push(`$after${i}: String!`);
        variables[`after${i}`] = p.after;
        switch (p.kind) {
            case 'commits':
            case 'reviews': {
                declarations.push(`$number${i}: Int!`);
                variables[`number${i}`] = p.number;
                const fields = p.kind === 'commits' ? PR_COMMITS : PR_REVIEWS;
                pulls.push(`${p.alias}: pullRequest(number: $number${i}) { ${p.kind}(first: ${PAGE}, after: $after${i}) { ${fields} } }`);
                break;
            }
            case 'statuses':
                declarations.push(`$id${i}: ID!`);
                variables[`id${i}`] = p.id;
                nodes.push(`${p.alias}: node(id: $id${i}) { ... on Deployment { statuses(first: ${PAGE}, after: $after${i}) { totalCount pageInfo { hasNextPage endCursor } nodes { state createdAt logUrl environmentUrl } } } }`);
                break;
            case 'contexts':
                declarations.push(`$id${i}: ID!`);
                variables[`id${i}`] = p.id;
                nodes.push(`${p.alias}: node(id: $id${i}) { ... on StatusCheckRollup { contexts(first: ${PAGE}, after: $after${i}) { ${ROLLUP_CONTEXTS} } } }`);
                break;
        }
    });
    if (pulls.length > 0) {
        declarations.push('$owner: String!', '$name: String!');
        variables.owner = repository.owner;
        variables.name = repository.name;
    }
    const needsCommit = pages.some((p) => p.kind === 'commits');
    return {
        query: `query GatePages(${declarations.join(', ')}) {
  ${RATE_LIMIT}
  ${pulls.length > 0 ? `repository(owner: $owner, name: $name) {\n    ${pulls.join('\n    ')}\n  }` : ''}
  ${nodes.join('\n  ')}
}
${needsCommit ? COMMIT_FIELDS : ''}`,
        variables
    };
}


/***/ }),

/***/ 41705:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FI: () => (/* binding */ connection),
/* harmony export */   QL: () => (/* binding */ arr),
/* harmony export */   VK: () => (/* binding */ optStr),
/* harmony export */   WL: () => (/* binding */ obj),
/* harmony export */   bu: () => (/* binding */ num),
/* harmony export */   gx: () => (/* binding */ str),
/* harmony export */   lc: () => (/* binding */ bool),
/* harmony export */   p6: () => (/* binding */ date),
/* harmony export */   vW: () => (/* binding */ optObj),
/* harmony export */   wE: () => (/* binding */ optDate)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(17679);
// Narrowing of GitHub answers at the boundary. Anything that is not the shape
// the gate relies on becomes a ShapeError naming the field, so a rule never
// sees `undefined` where GitHub promised a value.

function obj(value, path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ShapeError */ .ym(`${path}: expected an object, got ${describe(value)}`);
    }
    return value;
}
function optObj(value, path) {
    return value === null || value === undefined ? null : obj(value, path);
}
function arr(value, path) {
    if (!Array.isArray(value)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ShapeError */ .ym(`${path}: expected a list, got ${describe(value)}`);
    }
    return value;
}
function str(value, path) {
    if (typeof value !== 'string') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ShapeError */ .ym(`${path}: expected a string, got ${describe(value)}`);
    }
    return value;
}
function optStr(value, path) {
    return value === null || value === undefined ? null : str(value, path);
}
/** An ISO 8601 time, as GitHub sends them; anything unreadable is a shape error. */
function date(value, path) {
    const text = str(value, path);
    if (Number.isNaN(Date.parse(text))) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ShapeError */ .ym(`${path}: expected a time, got ${JSON.stringify(text.slice(0, 40))}`);
    }
    return text;
}
function optDate(value, path) {
    return value === null || value === undefined ? null : date(value, path);
}
function num(value, path) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ShapeError */ .ym(`${path}: expected a number, got ${describe(value)}`);
    }
    return value;
}
function bool(value, path) {
    if (typeof value !== 'boolean') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ShapeError */ .ym(`${path}: expected true or false, got ${describe(value)}`);
    }
    return value;
}
/**
 * A GraphQL connection's nodes, page info and, when asked for, totalCount.
 * A next page without a cursor to reach it is a shape error, never "done".
 */
function connection(value, path) {
    const c = obj(value, path);
    const nodes = arr(c.nodes, `${path}.nodes`);
    const pageInfo = optObj(c.pageInfo, `${path}.pageInfo`);
    const hasNextPage = pageInfo === null
        ? false
        : bool(pageInfo.hasNextPage, `${path}.pageInfo.hasNextPage`);
    const endCursor = pageInfo === null
        ? null
        : optStr(pageInfo.endCursor, `${path}.pageInfo.endCursor`);
    if (hasNextPage && endCursor === null) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ShapeError */ .ym(`${path}: a next page is announced without a cursor`);
    }
    return {
        nodes,
        hasNextPage,
        endCursor,
        totalCount: c.totalCount === undefined || c.totalCount === null
            ? null
            : num(c.totalCount, `${path}.totalCount`)
    };
}
function describe(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'a list';
    return typeof value;
}


/***/ }),

/***/ 91727:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Sh: () => (/* reexport */ types/* CHECK_IDS */.Sh),
  VH: () => (/* reexport */ types/* CONTROLS */.VH),
  rJ: () => (/* reexport */ duration/* DURATION_EXAMPLES */.rJ),
  OS: () => (/* reexport */ errors/* GitHubApiError */.OS),
  dz: () => (/* reexport */ errors/* InputError */.dz),
  _3: () => (/* reexport */ pipeline_evaluate),
  fv: () => (/* reexport */ flagged),
  u1: () => (/* reexport */ errors/* getErrorMessage */.u1),
  Sl: () => (/* reexport */ isCannot),
  E9: () => (/* reexport */ duration/* parseDuration */.E9),
  ti: () => (/* reexport */ recordEvidence),
  bD: () => (/* reexport */ runAudit),
  w2: () => (/* reexport */ errors/* toFailure */.w2),
  z$: () => (/* reexport */ truncatedNote)
});

// UNUSED EXPORTS: ACCESS_LIMITS, BudgetSpentError, GateError, PolicyError, ShapeError, accessMatrix, cannotDecide, evaluateAsOf, fetchPolicy, firstAsks, loadPolicy, makeRequest, readRun, silentLogger

// EXTERNAL MODULE: ./src/engine/request.ts
var request = __webpack_require__(67915);
// EXTERNAL MODULE: ./src/engine/errors.ts
var errors = __webpack_require__(17679);
;// CONCATENATED MODULE: ./src/engine/facts.ts
// What the gatherer learned from GitHub, in one plain object. Rules are pure
// functions of Facts, the resolved Policy and a time; they never call GitHub.
// Every field that could not be read says so explicitly (`Unreadable`), so a
// rule can tell "none" from "cannot tell" and fail closed on the second.
function isUnreadable(value) {
    return (typeof value === 'object' &&
        value !== null &&
        value.unreadable === true);
}
const DEPLOYMENT_STATES = [
    'success',
    'failure',
    'error',
    'inactive',
    'in_progress',
    'queued',
    'pending',
    'waiting'
];

// EXTERNAL MODULE: ./node_modules/minimatch/dist/esm/index.js + 7 modules
var esm = __webpack_require__(33581);
// EXTERNAL MODULE: ./src/engine/rules/types.ts
var types = __webpack_require__(33867);
;// CONCATENATED MODULE: ./src/engine/rules/util.ts
// Small helpers shared by the checks. Internal to src/engine/rules.


/** The 7-character form of a sha, for messages. */
function shortSha(sha) {
    return sha.slice(0, 7);
}
/** Logins are case-insensitive on GitHub. */
function loginKey(login) {
    return login.toLowerCase();
}
function sameLogin(a, b) {
    return loginKey(a) === loginKey(b);
}
function includesLogin(list, login) {
    return list.some((entry) => sameLogin(entry, login));
}
/**
 * A bot's login: the `[bot]` suffix, or `Copilot`, the REST login of the Bot
 * account (198982749) of Copilot's coding agent, which has none
 * (posit-dev/ark#1001: `"login": "Copilot"`, `"type": "Bot"`).
 */
function isBotLogin(login) {
    const key = loginKey(login);
    return key.endsWith('[bot]') || key === 'copilot';
}
/** A bot account: GitHub says so, or its login is a bot's. */
function isBot(actor) {
    return actor.type === 'Bot' || isBotLogin(actor.login);
}
/**
 * The run's approvals of `env` (environment names compare case-insensitively,
 * as GitHub's do), one per approver: the first, in GitHub's order.
 */
function approvalsOf(approvals, env) {
    const seen = new Set();
    return approvals.filter((a) => {
        if (a.state !== 'approved' ||
            !a.environments.some((e) => e.toLowerCase() === env.toLowerCase())) {
            return false;
        }
        const key = loginKey(a.user.login);
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}
function matchesBranch(name, globs) {
    return globs.some((glob) => (0,esm/* minimatch */.xF)(name, glob));
}
/** The policy branches that hold the deployed commit. */
function containingBranches(facts, policy) {
    return facts.branches.filter((b) => b.containsCommit && matchesBranch(b.name, policy.branches));
}
/** How to name "the branch" in a message: the one holding the commit. */
function branchLabel(facts, policy) {
    const names = containingBranches(facts, policy).map((b) => b.name);
    return orList(names.length > 0 ? names : policy.branches);
}
/** `a`, `a or b`, `a, b or c` */
function orList(items) {
    return joinList(items, 'or');
}
/** `a`, `a and b`, `a, b and c` */
function andList(items) {
    return joinList(items, 'and');
}
function joinList(items, word) {
    if (items.length <= 1)
        return items.join('');
    return `${items.slice(0, -1).join(', ')} ${word} ${items.slice(-1).join('')}`;
}
function plural(count, one, many = `${one}s`) {
    return `${count} ${count === 1 ? one : many}`;
}
/** `1d2h`, `1h35m`, `25m`, `45s`, `0s` */
function formatDuration(seconds) {
    let rest = Math.max(0, Math.round(seconds));
    const parts = [];
    for (const [unit, size] of UNITS) {
        const n = Math.floor(rest / size);
        rest -= n * size;
        if (n > 0)
            parts.push(`${n}${unit}`);
    }
    return parts.length > 0 ? parts.join('') : '0s';
}
const UNITS = [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1]
];
/** Milliseconds since the epoch of an ISO 8601 time from the facts. */
function timeOf(iso) {
    return Date.parse(iso);
}
/**
 * A definite violation outweighs "cannot tell": `fail` when anything was
 * verified to be wrong, else `error` when anything could not be verified,
 * else `pass`. Both block.
 */
function statusOf(failed, unverified) {
    if (failed)
        return 'fail';
    return unverified ? 'error' : 'pass';
}
function result(id, status, summary, problems = [], links = []) {
    return {
        id,
        status,
        summary,
        problems,
        controls: [...types/* CONTROLS */.VH[id]],
        links
    };
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./src/engine/policy/suggest.ts
// "Did you mean ...?": the nearest known name to a misspelt one.
/** The closest candidate by edit distance, when it is close enough. */
function closest(word, candidates) {
    let best;
    let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
    for (const candidate of candidates) {
        const d = distance(word.toLowerCase(), candidate.toLowerCase());
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best;
}
/** Levenshtein distance with adjacent transpositions. */
function distance(a, b) {
    const rows = [];
    for (let i = 0; i <= a.length; i++) {
        const row = [i];
        for (let j = 1; j <= b.length; j++) {
            if (i === 0) {
                row.push(j);
                continue;
            }
            const above = rows[i - 1] ?? [];
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let d = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
                d = Math.min(d, (rows[i - 2]?.[j - 2] ?? 0) + 1);
            }
            row.push(d);
        }
        rows.push(row);
    }
    return rows[a.length]?.[b.length] ?? 0;
}

;// CONCATENATED MODULE: ./src/engine/policy/values.ts
// The document as plain values, before the schema has said what they are:
// telling mappings apart, naming a value in a message, and finding values
// that are not plain JSON data at all.
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** How a message names a value the user wrote: `"2x"`, `a list`, `null`. */
function describeValue(value) {
    if (value === undefined)
        return 'nothing';
    if (Array.isArray(value))
        return 'a list';
    if (isRecord(value))
        return 'a mapping';
    if (typeof value === 'string')
        return JSON.stringify(value);
    if (typeof value === 'number' ||
        typeof value === 'boolean' ||
        typeof value === 'bigint' ||
        value === null) {
        return String(value);
    }
    return typeof value;
}
function errorText(error) {
    return error instanceof Error ? error.message : String(error);
}
/**
 * The first value that is not plain JSON data, and where it is. YAML tags
 * such as !!omap, !!set or !!timestamp make Maps, Sets and dates, which a
 * JSON Schema sees as objects with no keys.
 */
function exoticValue(value, path) {
    if (value === null || typeof value !== 'object')
        return null;
    if (Array.isArray(value)) {
        for (const [i, item] of value.entries()) {
            const found = exoticValue(item, [...path, i]);
            if (found !== null)
                return found;
        }
        return null;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
        const name = value.constructor
            ?.name;
        return { path, kind: name ?? 'non-plain value' };
    }
    for (const [key, item] of Object.entries(value)) {
        const found = exoticValue(item, [...path, key]);
        if (found !== null)
            return found;
    }
    return null;
}

;// CONCATENATED MODULE: ./src/engine/policy/after-graph.ts
// `after`: names that exist, no environment after itself, no cycles. Runs on
// whatever the schema left usable, so these problems come with the others.


function afterEntries(value, path) {
    if (typeof value === 'string')
        return [{ name: value, path }];
    if (!Array.isArray(value))
        return [];
    const entries = [];
    value.forEach((item, index) => {
        if (typeof item === 'string')
            entries.push({ name: item, path: [...path, index] });
    });
    return entries;
}
/** Adds a problem for each unknown name, self-reference and cycle. */
function checkAfter(data, file) {
    if (!isRecord(data) || !isRecord(data.environments))
        return;
    const environments = data.environments;
    const names = Object.keys(environments);
    const exists = (name) => Object.hasOwn(environments, name);
    const unknown = (entry) => {
        const guess = closest(entry.name, names);
        file.add({
            path: entry.path,
            at: 'value',
            message: `${JSON.stringify(entry.name)} is not an environment in this policy ` +
                `(environments: ${names.join(', ') || 'none'})` +
                (guess === undefined ? '' : `; did you mean ${JSON.stringify(guess)}?`)
        });
    };
    const defaults = isRecord(data.defaults) ? data.defaults : {};
    const inherited = Object.hasOwn(defaults, 'after')
        ? afterEntries(defaults.after, ['defaults', 'after'])
        : [];
    for (const entry of inherited)
        if (!exists(entry.name))
            unknown(entry);
    const edges = new Map();
    for (const name of names) {
        const env = environments[name];
        const own = isRecord(env) && Object.hasOwn(env, 'after');
        const entries = own
            ? afterEntries(env.after, ['environments', name, 'after'])
            : inherited;
        const usable = [];
        for (const entry of entries) {
            if (!exists(entry.name)) {
                if (own)
                    unknown(entry);
            }
            else if (entry.name === name) {
                file.add({
                    path: entry.path,
                    at: 'value',
                    message: own
                        ? `environment ${JSON.stringify(name)} cannot come after itself`
                        : `defaults.after makes ${JSON.stringify(name)} come after ` +
                            'itself; set after on each environment instead of in defaults'
                });
            }
            else
                usable.push(entry);
        }
        edges.set(name, usable);
    }
    for (const cycle of findCycles(names, edges)) {
        const [first] = cycle;
        if (first === undefined)
            continue;
        file.add({
            path: first.path,
            at: 'value',
            message: 'environments come after each other in a cycle: ' +
                [...cycle.map((edge) => edge.from), first.from].join(' after ')
        });
    }
}
/**
 * One shortest cycle per strongly connected group of environments, starting
 * at the group's first environment in file order; each as its edges.
 */
function findCycles(names, edges) {
    const reported = new Set();
    const cycles = [];
    for (const start of names) {
        if (reported.has(start))
            continue;
        // Breadth-first from start until we are back at start.
        const via = new Map();
        const queue = [start];
        let closing;
        search: for (let i = 0; i < queue.length; i++) {
            const from = queue[i];
            for (const entry of edges.get(from) ?? []) {
                const edge = { ...entry, from };
                if (entry.name === start) {
                    closing = edge;
                    break search;
                }
                if (via.has(entry.name))
                    continue;
                via.set(entry.name, edge);
                queue.push(entry.name);
            }
        }
        if (closing === undefined)
            continue;
        const cycle = [closing];
        for (let node = closing.from; node !== start;) {
            const edge = via.get(node);
            if (edge === undefined)
                break;
            cycle.unshift(edge);
            node = edge.from;
        }
        for (const member of stronglyConnected(start, edges))
            reported.add(member);
        cycles.push(cycle);
    }
    return cycles;
}
/** Environments that both reach `start` and are reached from it. */
function stronglyConnected(start, edges) {
    const forward = reachable(start, (n) => (edges.get(n) ?? []).map((e) => e.name));
    const backward = reachable(start, (n) => [...edges]
        .filter(([, out]) => out.some((e) => e.name === n))
        .map(([k]) => k));
    return new Set([...forward].filter((n) => backward.has(n)));
}
function reachable(start, next) {
    const seen = new Set([start]);
    const stack = [start];
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
        for (const other of next(node)) {
            if (!seen.has(other)) {
                seen.add(other);
                stack.push(other);
            }
        }
    }
    return seen;
}

// EXTERNAL MODULE: ./src/engine/duration.ts
var duration = __webpack_require__(84964);
;// CONCATENATED MODULE: ./src/engine/policy/durations.ts
// Durations (`soak`, `break_glass.review_within`): the message for a value
// that is not one, and the ones the schema's pattern admits but that are too
// long to use (e.g. 9999999999999999d).


/** Why `value` is not a duration, in the words parseDuration uses. */
function durationMessage(value) {
    if (typeof value === 'string' || typeof value === 'number') {
        try {
            (0,duration/* parseDuration */.E9)(value);
        }
        catch (error) {
            return errorText(error);
        }
    }
    return (`${describeValue(value)} is not a duration ` +
        `(use e.g. ${duration/* DURATION_EXAMPLES */.rJ}, or 0)`);
}
/** Adds a problem, at its place, for each duration parseDuration refuses. */
function checkDurations(data, file) {
    if (!isRecord(data))
        return;
    const places = [];
    const collect = (env, base) => {
        if (!isRecord(env))
            return;
        places.push([env.soak, [...base, 'soak']]);
        const glass = env.break_glass;
        if (isRecord(glass)) {
            places.push([
                glass.review_within,
                [...base, 'break_glass', 'review_within']
            ]);
        }
    };
    collect(data.defaults, ['defaults']);
    if (isRecord(data.environments)) {
        for (const [name, env] of Object.entries(data.environments)) {
            collect(env, ['environments', name]);
        }
    }
    for (const [value, path] of places) {
        if (typeof value !== 'string' && typeof value !== 'number')
            continue;
        try {
            (0,duration/* parseDuration */.E9)(value);
        }
        catch (error) {
            file.add({ path, at: 'value', message: errorText(error) });
        }
    }
}

;// CONCATENATED MODULE: ./src/engine/policy/patterns.ts
// The patterns of the policy schema (schema.ts) and what each asks, in
// words: a message never shows a regular expression (messages.ts).
/** A GitHub login, a bot's included (`github-actions[bot]`). */
const LOGIN_PATTERN = '^[A-Za-z0-9-]{1,39}(\\[bot\\])?$';
/** A login, or a team as `org/team-slug`. */
const LOGIN_OR_TEAM_PATTERN = '^[A-Za-z0-9-]{1,39}(\\[bot\\]|/[A-Za-z0-9_.-]{1,255})?$';
const WORKFLOW_FILE_PATTERN = '^\\.github/workflows/[^@\\s]+\\.ya?ml(@[^@\\s]+)?$';
const EVENT_NAME_PATTERN = '^[a-z_]+$';
/**
 * What each pattern of the schema asks, in words: a message never shows a
 * regular expression (policy/messages.ts).
 */
const PATTERN_WORDS = {
    [LOGIN_PATTERN]: 'a GitHub login: letters, digits and hyphens, at most 39 characters, ' +
        'a bot ending in [bot]',
    [LOGIN_OR_TEAM_PATTERN]: 'a GitHub login (letters, digits and hyphens, at most 39 characters, ' +
        'a bot ending in [bot]) or a team as org/team-slug',
    [WORKFLOW_FILE_PATTERN]: 'a workflow file under .github/workflows/ ending in .yml or .yaml, ' +
        'optionally followed by @ref',
    [EVENT_NAME_PATTERN]: 'an event name as github.event_name spells it: lower-case letters ' +
        'and underscores, e.g. push or workflow_dispatch'
};

;// CONCATENATED MODULE: ./src/engine/policy/messages.ts
// Ajv's schema errors turned into one human message each, placed at the key
// or value it is about: "unknown key "sok", did you mean "soak"?" rather
// than "must NOT have additional properties".




const DURATION_ANY_OF = '#/definitions/duration/anyOf';
/** One problem per mistake in `data`, from the errors the validator gave. */
function schemaProblems(errors, data) {
    const dropped = new Set();
    const composites = new Set();
    // anyOf: report the errors of the alternative whose type the value has
    // (a mapping's bad key, say), or one "must be X or Y" for the location.
    for (const error of errors) {
        if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf')
            continue;
        // oneOf matching several alternatives has no errors underneath to show.
        if (isRecord(error.params) && 'passingSchemas' in error.params) {
            if (error.params.passingSchemas !== null)
                continue;
        }
        const prefix = `${error.schemaPath}/`;
        const branches = new Map();
        for (const sub of errors) {
            if (sub === error || !sub.schemaPath.startsWith(prefix))
                continue;
            if (!isWithin(sub.instancePath, error.instancePath))
                continue;
            const branch = sub.schemaPath.slice(prefix.length).split('/')[0] ?? '';
            branches.set(branch, [...(branches.get(branch) ?? []), sub]);
        }
        // A branch that is a $ref reports its inner errors under the referenced
        // schema's path, so a branch without errors here failed only deeper.
        const count = Array.isArray(error.schema) ? error.schema.length : 0;
        let fitting;
        for (let i = 0; i < count && fitting === undefined; i++) {
            const subs = branches.get(String(i)) ?? [];
            const fits = subs.every((sub) => sub.instancePath !== error.instancePath ||
                (sub.keyword !== 'type' && sub.keyword !== 'const'));
            if (fits)
                fitting = String(i);
        }
        const isDuration = error.schemaPath === DURATION_ANY_OF;
        for (const [branch, subs] of branches) {
            if (branch !== fitting || isDuration)
                for (const s of subs)
                    dropped.add(s);
        }
        if (fitting !== undefined && !isDuration)
            dropped.add(error);
        else
            composites.add(error);
    }
    const problems = [];
    for (const error of errors) {
        if (dropped.has(error))
            continue;
        // propertyNames reports the failing inner keyword too; keep one.
        if (error.propertyName !== undefined)
            continue;
        const path = pointerPath(error.instancePath, data);
        problems.push(composites.has(error)
            ? { path, at: 'value', message: compositeMessage(error) }
            : toProblem(error, path));
    }
    if (problems.length > 0)
        return problems;
    // Never let an invalid document through for want of a nice message.
    return errors.map((error) => ({
        path: pointerPath(error.instancePath, data),
        at: 'value',
        message: error.message ?? 'is invalid'
    }));
}
/** JSON pointer → path, with array indices as numbers. */
function pointerPath(pointer, data) {
    if (pointer === '')
        return [];
    const path = [];
    let current = data;
    for (const raw of pointer.split('/').slice(1)) {
        const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
        if (Array.isArray(current)) {
            const index = Number(segment);
            path.push(index);
            current = current[index];
        }
        else {
            path.push(segment);
            current = isRecord(current) ? current[segment] : undefined;
        }
    }
    return path;
}
function isWithin(path, parent) {
    return path === parent || path.startsWith(`${parent}/`);
}
function compositeMessage(error) {
    if (error.schemaPath === DURATION_ANY_OF) {
        return durationMessage(error.data);
    }
    const alternatives = Array.isArray(error.schema)
        ? error.schema.map(describeSchema)
        : [];
    return `must be ${joinOr(alternatives)} (got ${describeValue(error.data)})`;
}
function toProblem(error, path) {
    const got = `(got ${describeValue(error.data)})`;
    const params = error.params;
    switch (error.keyword) {
        case 'additionalProperties': {
            const key = String(params.additionalProperty);
            const allowed = Object.keys(schemaProperties(error.parentSchema));
            const guess = closest(key, allowed);
            return {
                path: [...path, key],
                at: 'key',
                message: `unknown key ${JSON.stringify(key)}` +
                    (guess === undefined
                        ? ''
                        : `, did you mean ${JSON.stringify(guess)}?`) +
                    ` (allowed: ${allowed.join(', ')})`
            };
        }
        case 'propertyNames': {
            const name = String(params.propertyName);
            return {
                path: [...path, name],
                at: 'key',
                message: `${JSON.stringify(name)} is not a valid environment name (use ` +
                    'letters, digits, ".", "_", "-" and spaces, at most 255 characters)'
            };
        }
        case 'required': {
            const key = String(params.missingProperty);
            return {
                path: [...path, key],
                at: 'key',
                message: `missing required key ${JSON.stringify(key)}`
            };
        }
        case 'type': {
            const expected = typeName(params.type);
            if (error.data === null && params.type === 'object') {
                const isEnvironment = path.length === 2 && path[0] === 'environments';
                return {
                    path,
                    at: 'value',
                    message: isEnvironment
                        ? 'has no settings: write {} for an environment that uses only ' +
                            'the defaults'
                        : `must be ${expected}, but is empty (write {} for no settings)`
                };
            }
            return { path, at: 'value', message: `must be ${expected} ${got}` };
        }
        case 'const':
            return {
                path,
                at: 'value',
                message: `must be ${describeValue(params.allowedValue)} ${got}`
            };
        case 'enum': {
            const values = Array.isArray(params.allowedValues)
                ? params.allowedValues.map(String)
                : [];
            return {
                path,
                at: 'value',
                message: `must be one of: ${values.join(', ')} ${got}`
            };
        }
        case 'pattern': {
            // the schema's words for its pattern, never the regular expression
            const words = PATTERN_WORDS[String(params.pattern)] ?? 'of another form';
            const data = error.data;
            const fix = typeof data === 'string' && data.startsWith('@')
                ? `: write ${JSON.stringify(data.slice(1))}, without "@"`
                : '';
            return { path, at: 'value', message: `must be ${words} ${got}${fix}` };
        }
        case 'minItems':
            return { path, at: 'value', message: 'must not be an empty list' };
        case 'minLength':
            return { path, at: 'value', message: 'must not be empty' };
        case 'minimum':
            return {
                path,
                at: 'value',
                message: `must be ${String(params.limit)} or more ${got}`
            };
        case 'uniqueItems': {
            const items = Array.isArray(error.data) ? error.data : [];
            const index = typeof params.j === 'number' ? params.j : 0;
            const item = items[index];
            return {
                path,
                at: 'value',
                message: `lists ${describeValue(item)} more than once`
            };
        }
        default:
            return { path, at: 'value', message: error.message ?? 'is invalid' };
    }
}
function schemaProperties(schema) {
    if (isRecord(schema) && isRecord(schema.properties))
        return schema.properties;
    return {};
}
function typeName(type) {
    const names = {
        object: 'a mapping',
        array: 'a list',
        string: 'a string',
        integer: 'a whole number',
        number: 'a number',
        boolean: 'true or false',
        null: 'null'
    };
    const types = Array.isArray(type) ? type.map(String) : [String(type)];
    return joinOr(types.map((t) => names[t] ?? t));
}
function describeSchema(schema) {
    if (!isRecord(schema))
        return 'valid';
    if ('const' in schema)
        return describeValue(schema.const);
    if (schema.type === 'array') {
        const items = schema.items;
        return isRecord(items) && items.type === 'string'
            ? 'a list of strings'
            : 'a list';
    }
    return typeName(schema.type);
}
function joinOr(items) {
    if (items.length <= 1)
        return items[0] ?? '';
    return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}

// EXTERNAL MODULE: ./node_modules/ajv/dist/runtime/ucs2length.js
var ucs2length = __webpack_require__(36214);
;// CONCATENATED MODULE: ./src/engine/policy/policy-validator.generated.js
// Generated by scripts/write-schemas.ts from src/engine/policy/schema.ts: do not edit.

const validate = (/* unused pure expression or super */ null && (validate10));
/* harmony default export */ const policy_validator_generated = (validate10);
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://raw.githubusercontent.com/OWNER/promotion-gate/v1/schema/promotion-gate.schema.json","title":"promotion-gate policy","description":"Policy file of the promotion-gate deployment gate (.github/promotion-gate.yml): which environments exist, the order commits must be promoted through them, and the approvals, branch protection, environment settings and checks each one requires.","type":"object","additionalProperties":false,"required":["version","environments"],"properties":{"version":{"description":"Version of the policy format. Always 1.","type":"integer","const":1},"defaults":{"description":"Environment settings merged into every environment. A key set in an environment wins; approvals, branch_protection, environment_protection, checks and break_glass are merged one level deep, and false replaces the whole key.","$ref":"#/definitions/environment"},"environments":{"description":"The environments the gate knows, by the name of their GitHub environment. Deploying to an environment not listed here is blocked.","type":"object","propertyNames":{"description":"Name of the GitHub environment.","type":"string","pattern":"^[A-Za-z0-9._ -]{1,255}$"},"additionalProperties":{"$ref":"#/definitions/environment"}}},"definitions":{"duration":{"description":"A duration: 0, or whole numbers with units d, h, m, s, largest first (90s, 30m, 2h, 1d, 1h30m, 1d12h).","anyOf":[{"type":"string","pattern":"^(0|[0-9]+d([0-9]+h)?([0-9]+m)?([0-9]+s)?|[0-9]+h([0-9]+m)?([0-9]+s)?|[0-9]+m([0-9]+s)?|[0-9]+s)$"},{"type":"integer","const":0}]},"environment":{"description":"What a deployment to this environment requires.","type":"object","additionalProperties":false,"properties":{"after":{"description":"Environment (or list of environments, all of which must hold) the commit must have been deployed to successfully first. Transitive: the commit must have passed every environment up the chain. Default: none.","anyOf":[{"type":"string","minLength":1},{"type":"array","items":{"type":"string","minLength":1},"minItems":1,"uniqueItems":true}]},"soak":{"description":"Minimum time since the commit succeeded in each `after` environment (90s, 30m, 2h, 1d, 1h30m). Default: 0.","$ref":"#/definitions/duration"},"match":{"description":"`commit` requires the very same sha upstream; `tree` also accepts a commit with an identical tree (merge-based branch promotion). Default: commit.","type":"string","enum":["commit","tree"]},"trusted_deployers":{"description":"Creators whose deployment records count as evidence; a deployment record anyone could create by hand through the API proves nothing. Default: [github-actions[bot]].","type":"array","items":{"type":"string","pattern":"^[A-Za-z0-9-]{1,39}(\\[bot\\])?$"},"uniqueItems":true},"trusted_workflows":{"description":"Workflow files (path, optionally @ref) whose jobs' deployments count as evidence for this environment, e.g. .github/workflows/deploy.yml@refs/heads/main. A ref without refs/ is a branch; with a ref, the deployment must have been made for it. Default: any workflow of the repository.","type":"array","items":{"description":"A workflow file, optionally @ref.","type":"string","pattern":"^\\.github/workflows/[^@\\s]+\\.ya?ml(@[^@\\s]+)?$"},"minItems":1,"uniqueItems":true},"branches":{"description":"Branches (minimatch globs); the commit must be contained in one of them. Default: the repository's default branch.","type":"array","items":{"type":"string","minLength":1},"minItems":1,"uniqueItems":true},"allowed_events":{"description":"Events (github.event_name) that may trigger a run deploying to this environment. pull_request, pull_request_target, issue_comment and workflow_run are refused unless listed: since 2025-12 GitHub checks environment branch rules of pull_request_target runs against the default branch. Default: [push, workflow_dispatch, deployment, release, schedule, merge_group, repository_dispatch].","type":"array","items":{"type":"string","pattern":"^[a-z_]+$"},"minItems":1,"uniqueItems":true},"branch_protection":{"description":"Protection the branch must have (classic branch protection or rulesets), or false to not check it. Default: the defaults of each setting.","anyOf":[{"description":"Do not check branch protection.","type":"boolean","const":false},{"description":"Settings the branch protection or rulesets must enforce.","type":"object","additionalProperties":false,"properties":{"required_approvals":{"description":"Minimum number of approving reviews the protection requires. Default: 1.","type":"integer","minimum":0},"dismiss_stale_reviews":{"description":"New commits must dismiss earlier approvals. Default: true.","type":"boolean"},"require_last_push_approval":{"description":"The most recent push must be approved by someone other than its pusher. Default: false.","type":"boolean"},"require_code_owner_review":{"description":"Code owners must review. Default: false.","type":"boolean"},"block_force_pushes":{"description":"Force pushes must be blocked. Default: true.","type":"boolean"},"block_deletions":{"description":"Deleting the branch must be blocked. Default: true.","type":"boolean"},"required_status_checks":{"description":"Status check contexts the protection must require. Default: [].","type":"array","items":{"type":"string","minLength":1},"uniqueItems":true}}}]},"scope":{"description":"`range` checks every change since this environment's previous successful deployment; `head` only the change that introduced the deployed commit. Default: range.","type":"string","enum":["range","head"]},"approvals":{"description":"Independent approvals: how many each change and each run need, who may not give them and who may.","$ref":"#/definitions/approvals"},"deployer_independent":{"description":"The person who triggered the deployment may not be a maker of any change in it. Default: false.","type":"boolean"},"break_glass":{"description":"Emergency path: who may approve a deployment that skips the gate, and how soon it must be reviewed afterwards; false turns it off. Default: off.","anyOf":[{"description":"No break-glass path.","type":"boolean","const":false},{"description":"The emergency path.","type":"object","additionalProperties":false,"required":["approvers","review_within"],"properties":{"approvers":{"description":"Users or org/team who may approve a break-glass deployment.","type":"array","items":{"type":"string","pattern":"^[A-Za-z0-9-]{1,39}(\\[bot\\]|/[A-Za-z0-9_.-]{1,255})?$"},"minItems":1,"uniqueItems":true},"review_within":{"description":"How soon after a break-glass deployment it must be reviewed (90s, 30m, 2h, 1d, 1h30m).","$ref":"#/definitions/duration"}}}]},"environment_protection":{"description":"What the GitHub environment of the same name must itself enforce, or false to not check it. Default: the defaults of each setting.","anyOf":[{"description":"Do not check the environment settings.","type":"boolean","const":false},{"description":"Settings the GitHub environment must itself enforce.","type":"object","additionalProperties":false,"properties":{"deployment_branches":{"description":"`protected`: only protected branches, or custom branch policies whose every pattern falls within `branches`; `any`: not checked. Default: protected.","type":"string","enum":["protected","any"]},"required_reviewers":{"description":"Minimum number of configured required reviewers (users or teams). Default: 0.","type":"integer","minimum":0},"prevent_self_review":{"description":"The environment must prevent self-review. Default: true when required_reviewers > 0, else false.","type":"boolean"},"admin_bypass":{"description":"true: administrators may bypass the environment; false: the environment must refuse it (an absent setting counts as allowed). Default: true.","type":"boolean"},"wait_timer":{"description":"Minimum wait timer, in minutes. Default: 0.","type":"integer","minimum":0}}}]},"checks":{"description":"Tests the deployed commit must have passed, or false to not check them. Default: the defaults of each setting.","anyOf":[{"description":"Do not check check runs and statuses.","type":"boolean","const":false},{"description":"Tests the deployed commit must have passed.","type":"object","additionalProperties":false,"properties":{"required":{"description":"Check or status names that must have succeeded on the deployed commit or on the final head of the pull request that introduced it. Default: the required status checks of the branch's rules and protection.","type":"array","items":{"type":"string","minLength":1},"uniqueItems":true},"no_failures":{"description":"No check run or commit status on the deployed commit ended in failure, error, timed_out, cancelled or action_required (the gate's own status and the jobs of the current run excluded). Default: true.","type":"boolean"}}}]}}},"approvals":{"description":"Independent approvals each change and each run need.","type":"object","additionalProperties":false,"properties":{"pull_request":{"description":"Independent approving reviews each change needs. Default: 1.","type":"integer","minimum":0},"environment":{"description":"Independent environment approvals this run needs. Default: 0.","type":"integer","minimum":0},"independent_of":{"description":"Who may not approve: the pull request author, commit authors, committers, co-authors (Co-authored-by trailers) and, when listed, the deployers (who started the run and who re-ran it). GitHub's own web-flow committer is not a person. Default: author, commit_authors, committers, co_authors.","type":"array","items":{"description":"A kind of maker.","type":"string","enum":["author","commit_authors","committers","co_authors","deployer"]},"uniqueItems":true},"reviewers":{"description":"Users or org/team that may approve. Default: anyone with write access.","type":"array","items":{"type":"string","pattern":"^[A-Za-z0-9-]{1,39}(\\[bot\\]|/[A-Za-z0-9_.-]{1,255})?$"},"uniqueItems":true},"on_latest_commit":{"description":"A review counts only if it was given on the pull request's final head. Default: true.","type":"boolean"},"allow_bots":{"description":"Reviews by bots count. Default: false (they never count).","type":"boolean"},"unresolved_identities":{"description":"`block`: a commit whose author cannot be mapped to an account blocks; `ignore` allows it. Default: block.","type":"string","enum":["block","ignore"]},"direct_pushes":{"description":"Logins whose commits may reach the branch without a pull request. Default: [].","type":"array","items":{"type":"string","pattern":"^[A-Za-z0-9-]{1,39}(\\[bot\\])?$"},"uniqueItems":true},"require_verified_commits":{"description":"Every commit of every change must carry a signature GitHub shows as Verified, so the committer is authenticated rather than taken from a git email anyone can set. Default: false.","type":"boolean"}}}}};
const schema12 = {"description":"What a deployment to this environment requires.","type":"object","additionalProperties":false,"properties":{"after":{"description":"Environment (or list of environments, all of which must hold) the commit must have been deployed to successfully first. Transitive: the commit must have passed every environment up the chain. Default: none.","anyOf":[{"type":"string","minLength":1},{"type":"array","items":{"type":"string","minLength":1},"minItems":1,"uniqueItems":true}]},"soak":{"description":"Minimum time since the commit succeeded in each `after` environment (90s, 30m, 2h, 1d, 1h30m). Default: 0.","$ref":"#/definitions/duration"},"match":{"description":"`commit` requires the very same sha upstream; `tree` also accepts a commit with an identical tree (merge-based branch promotion). Default: commit.","type":"string","enum":["commit","tree"]},"trusted_deployers":{"description":"Creators whose deployment records count as evidence; a deployment record anyone could create by hand through the API proves nothing. Default: [github-actions[bot]].","type":"array","items":{"type":"string","pattern":"^[A-Za-z0-9-]{1,39}(\\[bot\\])?$"},"uniqueItems":true},"trusted_workflows":{"description":"Workflow files (path, optionally @ref) whose jobs' deployments count as evidence for this environment, e.g. .github/workflows/deploy.yml@refs/heads/main. A ref without refs/ is a branch; with a ref, the deployment must have been made for it. Default: any workflow of the repository.","type":"array","items":{"description":"A workflow file, optionally @ref.","type":"string","pattern":"^\\.github/workflows/[^@\\s]+\\.ya?ml(@[^@\\s]+)?$"},"minItems":1,"uniqueItems":true},"branches":{"description":"Branches (minimatch globs); the commit must be contained in one of them. Default: the repository's default branch.","type":"array","items":{"type":"string","minLength":1},"minItems":1,"uniqueItems":true},"allowed_events":{"description":"Events (github.event_name) that may trigger a run deploying to this environment. pull_request, pull_request_target, issue_comment and workflow_run are refused unless listed: since 2025-12 GitHub checks environment branch rules of pull_request_target runs against the default branch. Default: [push, workflow_dispatch, deployment, release, schedule, merge_group, repository_dispatch].","type":"array","items":{"type":"string","pattern":"^[a-z_]+$"},"minItems":1,"uniqueItems":true},"branch_protection":{"description":"Protection the branch must have (classic branch protection or rulesets), or false to not check it. Default: the defaults of each setting.","anyOf":[{"description":"Do not check branch protection.","type":"boolean","const":false},{"description":"Settings the branch protection or rulesets must enforce.","type":"object","additionalProperties":false,"properties":{"required_approvals":{"description":"Minimum number of approving reviews the protection requires. Default: 1.","type":"integer","minimum":0},"dismiss_stale_reviews":{"description":"New commits must dismiss earlier approvals. Default: true.","type":"boolean"},"require_last_push_approval":{"description":"The most recent push must be approved by someone other than its pusher. Default: false.","type":"boolean"},"require_code_owner_review":{"description":"Code owners must review. Default: false.","type":"boolean"},"block_force_pushes":{"description":"Force pushes must be blocked. Default: true.","type":"boolean"},"block_deletions":{"description":"Deleting the branch must be blocked. Default: true.","type":"boolean"},"required_status_checks":{"description":"Status check contexts the protection must require. Default: [].","type":"array","items":{"type":"string","minLength":1},"uniqueItems":true}}}]},"scope":{"description":"`range` checks every change since this environment's previous successful deployment; `head` only the change that introduced the deployed commit. Default: range.","type":"string","enum":["range","head"]},"approvals":{"description":"Independent approvals: how many each change and each run need, who may not give them and who may.","$ref":"#/definitions/approvals"},"deployer_independent":{"description":"The person who triggered the deployment may not be a maker of any change in it. Default: false.","type":"boolean"},"break_glass":{"description":"Emergency path: who may approve a deployment that skips the gate, and how soon it must be reviewed afterwards; false turns it off. Default: off.","anyOf":[{"description":"No break-glass path.","type":"boolean","const":false},{"description":"The emergency path.","type":"object","additionalProperties":false,"required":["approvers","review_within"],"properties":{"approvers":{"description":"Users or org/team who may approve a break-glass deployment.","type":"array","items":{"type":"string","pattern":"^[A-Za-z0-9-]{1,39}(\\[bot\\]|/[A-Za-z0-9_.-]{1,255})?$"},"minItems":1,"uniqueItems":true},"review_within":{"description":"How soon after a break-glass deployment it must be reviewed (90s, 30m, 2h, 1d, 1h30m).","$ref":"#/definitions/duration"}}}]},"environment_protection":{"description":"What the GitHub environment of the same name must itself enforce, or false to not check it. Default: the defaults of each setting.","anyOf":[{"description":"Do not check the environment settings.","type":"boolean","const":false},{"description":"Settings the GitHub environment must itself enforce.","type":"object","additionalProperties":false,"properties":{"deployment_branches":{"description":"`protected`: only protected branches, or custom branch policies whose every pattern falls within `branches`; `any`: not checked. Default: protected.","type":"string","enum":["protected","any"]},"required_reviewers":{"description":"Minimum number of configured required reviewers (users or teams). Default: 0.","type":"integer","minimum":0},"prevent_self_review":{"description":"The environment must prevent self-review. Default: true when required_reviewers > 0, else false.","type":"boolean"},"admin_bypass":{"description":"true: administrators may bypass the environment; false: the environment must refuse it (an absent setting counts as allowed). Default: true.","type":"boolean"},"wait_timer":{"description":"Minimum wait timer, in minutes. Default: 0.","type":"integer","minimum":0}}}]},"checks":{"description":"Tests the deployed commit must have passed, or false to not check them. Default: the defaults of each setting.","anyOf":[{"description":"Do not check check runs and statuses.","type":"boolean","const":false},{"description":"Tests the deployed commit must have passed.","type":"object","additionalProperties":false,"properties":{"required":{"description":"Check or status names that must have succeeded on the deployed commit or on the final head of the pull request that introduced it. Default: the required status checks of the branch's rules and protection.","type":"array","items":{"type":"string","minLength":1},"uniqueItems":true},"no_failures":{"description":"No check run or commit status on the deployed commit ended in failure, error, timed_out, cancelled or action_required (the gate's own status and the jobs of the current run excluded). Default: true.","type":"boolean"}}}]}}};
const schema13 = {"description":"A duration: 0, or whole numbers with units d, h, m, s, largest first (90s, 30m, 2h, 1d, 1h30m, 1d12h).","anyOf":[{"type":"string","pattern":"^(0|[0-9]+d([0-9]+h)?([0-9]+m)?([0-9]+s)?|[0-9]+h([0-9]+m)?([0-9]+s)?|[0-9]+m([0-9]+s)?|[0-9]+s)$"},{"type":"integer","const":0}]};
const schema14 = {"description":"Independent approvals each change and each run need.","type":"object","additionalProperties":false,"properties":{"pull_request":{"description":"Independent approving reviews each change needs. Default: 1.","type":"integer","minimum":0},"environment":{"description":"Independent environment approvals this run needs. Default: 0.","type":"integer","minimum":0},"independent_of":{"description":"Who may not approve: the pull request author, commit authors, committers, co-authors (Co-authored-by trailers) and, when listed, the deployers (who started the run and who re-ran it). GitHub's own web-flow committer is not a person. Default: author, commit_authors, committers, co_authors.","type":"array","items":{"description":"A kind of maker.","type":"string","enum":["author","commit_authors","committers","co_authors","deployer"]},"uniqueItems":true},"reviewers":{"description":"Users or org/team that may approve. Default: anyone with write access.","type":"array","items":{"type":"string","pattern":"^[A-Za-z0-9-]{1,39}(\\[bot\\]|/[A-Za-z0-9_.-]{1,255})?$"},"uniqueItems":true},"on_latest_commit":{"description":"A review counts only if it was given on the pull request's final head. Default: true.","type":"boolean"},"allow_bots":{"description":"Reviews by bots count. Default: false (they never count).","type":"boolean"},"unresolved_identities":{"description":"`block`: a commit whose author cannot be mapped to an account blocks; `ignore` allows it. Default: block.","type":"string","enum":["block","ignore"]},"direct_pushes":{"description":"Logins whose commits may reach the branch without a pull request. Default: [].","type":"array","items":{"type":"string","pattern":"^[A-Za-z0-9-]{1,39}(\\[bot\\])?$"},"uniqueItems":true},"require_verified_commits":{"description":"Every commit of every change must carry a signature GitHub shows as Verified, so the committer is authenticated rather than taken from a git email anyone can set. Default: false.","type":"boolean"}}};
const func2 = Object.prototype.hasOwnProperty;
const func3 = ucs2length/* default */.A;
const pattern0 = new RegExp("^(0|[0-9]+d([0-9]+h)?([0-9]+m)?([0-9]+s)?|[0-9]+h([0-9]+m)?([0-9]+s)?|[0-9]+m([0-9]+s)?|[0-9]+s)$", "u");
const pattern1 = new RegExp("^[A-Za-z0-9-]{1,39}(\\[bot\\])?$", "u");
const pattern2 = new RegExp("^\\.github/workflows/[^@\\s]+\\.ya?ml(@[^@\\s]+)?$", "u");
const pattern3 = new RegExp("^[a-z_]+$", "u");
const pattern4 = new RegExp("^[A-Za-z0-9-]{1,39}(\\[bot\\]|/[A-Za-z0-9_.-]{1,255})?$", "u");

function validate11(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func2.call(schema12.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.after !== undefined){
let data0 = data.after;
const _errs3 = errors;
let valid1 = false;
const _errs4 = errors;
if(typeof data0 === "string"){
if(func3(data0) < 1){
const err1 = {instancePath:instancePath+"/after",schemaPath:"#/properties/after/anyOf/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema12.properties.after.anyOf[0],data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/after",schemaPath:"#/properties/after/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.after.anyOf[0].type,parentSchema:schema12.properties.after.anyOf[0],data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
var _valid0 = _errs4 === errors;
valid1 = valid1 || _valid0;
if(!valid1){
const _errs6 = errors;
if(Array.isArray(data0)){
if(data0.length < 1){
const err3 = {instancePath:instancePath+"/after",schemaPath:"#/properties/after/anyOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema12.properties.after.anyOf[1],data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
let data1 = data0[i0];
if(typeof data1 === "string"){
if(func3(data1) < 1){
const err4 = {instancePath:instancePath+"/after/" + i0,schemaPath:"#/properties/after/anyOf/1/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema12.properties.after.anyOf[1].items,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/after/" + i0,schemaPath:"#/properties/after/anyOf/1/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.after.anyOf[1].items.type,parentSchema:schema12.properties.after.anyOf[1].items,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
let i1 = data0.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data0[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err6 = {instancePath:instancePath+"/after",schemaPath:"#/properties/after/anyOf/1/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema12.properties.after.anyOf[1],data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err7 = {instancePath:instancePath+"/after",schemaPath:"#/properties/after/anyOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.after.anyOf[1].type,parentSchema:schema12.properties.after.anyOf[1],data:data0};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
var _valid0 = _errs6 === errors;
valid1 = valid1 || _valid0;
}
if(!valid1){
const err8 = {instancePath:instancePath+"/after",schemaPath:"#/properties/after/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema12.properties.after.anyOf,parentSchema:schema12.properties.after,data:data0};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
else {
errors = _errs3;
if(vErrors !== null){
if(_errs3){
vErrors.length = _errs3;
}
else {
vErrors = null;
}
}
}
}
if(data.soak !== undefined){
let data2 = data.soak;
const _errs12 = errors;
let valid6 = false;
const _errs13 = errors;
if(typeof data2 === "string"){
if(!pattern0.test(data2)){
const err9 = {instancePath:instancePath+"/soak",schemaPath:"#/definitions/duration/anyOf/0/pattern",keyword:"pattern",params:{pattern: "^(0|[0-9]+d([0-9]+h)?([0-9]+m)?([0-9]+s)?|[0-9]+h([0-9]+m)?([0-9]+s)?|[0-9]+m([0-9]+s)?|[0-9]+s)$"},message:"must match pattern \""+"^(0|[0-9]+d([0-9]+h)?([0-9]+m)?([0-9]+s)?|[0-9]+h([0-9]+m)?([0-9]+s)?|[0-9]+m([0-9]+s)?|[0-9]+s)$"+"\"",schema:"^(0|[0-9]+d([0-9]+h)?([0-9]+m)?([0-9]+s)?|[0-9]+h([0-9]+m)?([0-9]+s)?|[0-9]+m([0-9]+s)?|[0-9]+s)$",parentSchema:schema13.anyOf[0],data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/soak",schemaPath:"#/definitions/duration/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.anyOf[0].type,parentSchema:schema13.anyOf[0],data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
var _valid1 = _errs13 === errors;
valid6 = valid6 || _valid1;
if(!valid6){
const _errs15 = errors;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err11 = {instancePath:instancePath+"/soak",schemaPath:"#/definitions/duration/anyOf/1/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema13.anyOf[1].type,parentSchema:schema13.anyOf[1],data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(0 !== data2){
const err12 = {instancePath:instancePath+"/soak",schemaPath:"#/definitions/duration/anyOf/1/const",keyword:"const",params:{allowedValue: 0},message:"must be equal to constant",schema:0,parentSchema:schema13.anyOf[1],data:data2};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
var _valid1 = _errs15 === errors;
valid6 = valid6 || _valid1;
}
if(!valid6){
const err13 = {instancePath:instancePath+"/soak",schemaPath:"#/definitions/duration/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema13.anyOf,parentSchema:schema13,data:data2};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
else {
errors = _errs12;
if(vErrors !== null){
if(_errs12){
vErrors.length = _errs12;
}
else {
vErrors = null;
}
}
}
}
if(data.match !== undefined){
let data3 = data.match;
if(typeof data3 !== "string"){
const err14 = {instancePath:instancePath+"/match",schemaPath:"#/properties/match/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.match.type,parentSchema:schema12.properties.match,data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(!((data3 === "commit") || (data3 === "tree"))){
const err15 = {instancePath:instancePath+"/match",schemaPath:"#/properties/match/enum",keyword:"enum",params:{allowedValues: schema12.properties.match.enum},message:"must be equal to one of the allowed values",schema:schema12.properties.match.enum,parentSchema:schema12.properties.match,data:data3};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.trusted_deployers !== undefined){
let data4 = data.trusted_deployers;
if(Array.isArray(data4)){
const len1 = data4.length;
for(let i2=0; i2<len1; i2++){
let data5 = data4[i2];
if(typeof data5 === "string"){
if(!pattern1.test(data5)){
const err16 = {instancePath:instancePath+"/trusted_deployers/" + i2,schemaPath:"#/properties/trusted_deployers/items/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9-]{1,39}(\\[bot\\])?$"},message:"must match pattern \""+"^[A-Za-z0-9-]{1,39}(\\[bot\\])?$"+"\"",schema:"^[A-Za-z0-9-]{1,39}(\\[bot\\])?$",parentSchema:schema12.properties.trusted_deployers.items,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/trusted_deployers/" + i2,schemaPath:"#/properties/trusted_deployers/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.trusted_deployers.items.type,parentSchema:schema12.properties.trusted_deployers.items,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
let i3 = data4.length;
let j1;
if(i3 > 1){
const indices1 = {};
for(;i3--;){
let item1 = data4[i3];
if(typeof item1 !== "string"){
continue;
}
if(typeof indices1[item1] == "number"){
j1 = indices1[item1];
const err18 = {instancePath:instancePath+"/trusted_deployers",schemaPath:"#/properties/trusted_deployers/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i3+" are identical)",schema:true,parentSchema:schema12.properties.trusted_deployers,data:data4};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
break;
}
indices1[item1] = i3;
}
}
}
else {
const err19 = {instancePath:instancePath+"/trusted_deployers",schemaPath:"#/properties/trusted_deployers/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.trusted_deployers.type,parentSchema:schema12.properties.trusted_deployers,data:data4};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.trusted_workflows !== undefined){
let data6 = data.trusted_workflows;
if(Array.isArray(data6)){
if(data6.length < 1){
const err20 = {instancePath:instancePath+"/trusted_workflows",schemaPath:"#/properties/trusted_workflows/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema12.properties.trusted_workflows,data:data6};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
const len2 = data6.length;
for(let i4=0; i4<len2; i4++){
let data7 = data6[i4];
if(typeof data7 === "string"){
if(!pattern2.test(data7)){
const err21 = {instancePath:instancePath+"/trusted_workflows/" + i4,schemaPath:"#/properties/trusted_workflows/items/pattern",keyword:"pattern",params:{pattern: "^\\.github/workflows/[^@\\s]+\\.ya?ml(@[^@\\s]+)?$"},message:"must match pattern \""+"^\\.github/workflows/[^@\\s]+\\.ya?ml(@[^@\\s]+)?$"+"\"",schema:"^\\.github/workflows/[^@\\s]+\\.ya?ml(@[^@\\s]+)?$",parentSchema:schema12.properties.trusted_workflows.items,data:data7};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/trusted_workflows/" + i4,schemaPath:"#/properties/trusted_workflows/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.trusted_workflows.items.type,parentSchema:schema12.properties.trusted_workflows.items,data:data7};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
let i5 = data6.length;
let j2;
if(i5 > 1){
const indices2 = {};
for(;i5--;){
let item2 = data6[i5];
if(typeof item2 !== "string"){
continue;
}
if(typeof indices2[item2] == "number"){
j2 = indices2[item2];
const err23 = {instancePath:instancePath+"/trusted_workflows",schemaPath:"#/properties/trusted_workflows/uniqueItems",keyword:"uniqueItems",params:{i: i5, j: j2},message:"must NOT have duplicate items (items ## "+j2+" and "+i5+" are identical)",schema:true,parentSchema:schema12.properties.trusted_workflows,data:data6};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
break;
}
indices2[item2] = i5;
}
}
}
else {
const err24 = {instancePath:instancePath+"/trusted_workflows",schemaPath:"#/properties/trusted_workflows/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.trusted_workflows.type,parentSchema:schema12.properties.trusted_workflows,data:data6};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.branches !== undefined){
let data8 = data.branches;
if(Array.isArray(data8)){
if(data8.length < 1){
const err25 = {instancePath:instancePath+"/branches",schemaPath:"#/properties/branches/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema12.properties.branches,data:data8};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
const len3 = data8.length;
for(let i6=0; i6<len3; i6++){
let data9 = data8[i6];
if(typeof data9 === "string"){
if(func3(data9) < 1){
const err26 = {instancePath:instancePath+"/branches/" + i6,schemaPath:"#/properties/branches/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema12.properties.branches.items,data:data9};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/branches/" + i6,schemaPath:"#/properties/branches/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.branches.items.type,parentSchema:schema12.properties.branches.items,data:data9};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
let i7 = data8.length;
let j3;
if(i7 > 1){
const indices3 = {};
for(;i7--;){
let item3 = data8[i7];
if(typeof item3 !== "string"){
continue;
}
if(typeof indices3[item3] == "number"){
j3 = indices3[item3];
const err28 = {instancePath:instancePath+"/branches",schemaPath:"#/properties/branches/uniqueItems",keyword:"uniqueItems",params:{i: i7, j: j3},message:"must NOT have duplicate items (items ## "+j3+" and "+i7+" are identical)",schema:true,parentSchema:schema12.properties.branches,data:data8};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
break;
}
indices3[item3] = i7;
}
}
}
else {
const err29 = {instancePath:instancePath+"/branches",schemaPath:"#/properties/branches/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.branches.type,parentSchema:schema12.properties.branches,data:data8};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data.allowed_events !== undefined){
let data10 = data.allowed_events;
if(Array.isArray(data10)){
if(data10.length < 1){
const err30 = {instancePath:instancePath+"/allowed_events",schemaPath:"#/properties/allowed_events/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema12.properties.allowed_events,data:data10};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
const len4 = data10.length;
for(let i8=0; i8<len4; i8++){
let data11 = data10[i8];
if(typeof data11 === "string"){
if(!pattern3.test(data11)){
const err31 = {instancePath:instancePath+"/allowed_events/" + i8,schemaPath:"#/properties/allowed_events/items/pattern",keyword:"pattern",params:{pattern: "^[a-z_]+$"},message:"must match pattern \""+"^[a-z_]+$"+"\"",schema:"^[a-z_]+$",parentSchema:schema12.properties.allowed_events.items,data:data11};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
else {
const err32 = {instancePath:instancePath+"/allowed_events/" + i8,schemaPath:"#/properties/allowed_events/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.allowed_events.items.type,parentSchema:schema12.properties.allowed_events.items,data:data11};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
let i9 = data10.length;
let j4;
if(i9 > 1){
const indices4 = {};
for(;i9--;){
let item4 = data10[i9];
if(typeof item4 !== "string"){
continue;
}
if(typeof indices4[item4] == "number"){
j4 = indices4[item4];
const err33 = {instancePath:instancePath+"/allowed_events",schemaPath:"#/properties/allowed_events/uniqueItems",keyword:"uniqueItems",params:{i: i9, j: j4},message:"must NOT have duplicate items (items ## "+j4+" and "+i9+" are identical)",schema:true,parentSchema:schema12.properties.allowed_events,data:data10};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
break;
}
indices4[item4] = i9;
}
}
}
else {
const err34 = {instancePath:instancePath+"/allowed_events",schemaPath:"#/properties/allowed_events/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.allowed_events.type,parentSchema:schema12.properties.allowed_events,data:data10};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data.branch_protection !== undefined){
let data12 = data.branch_protection;
const _errs36 = errors;
let valid19 = false;
const _errs37 = errors;
if(typeof data12 !== "boolean"){
const err35 = {instancePath:instancePath+"/branch_protection",schemaPath:"#/properties/branch_protection/anyOf/0/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema12.properties.branch_protection.anyOf[0].type,parentSchema:schema12.properties.branch_protection.anyOf[0],data:data12};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
if(false !== data12){
const err36 = {instancePath:instancePath+"/branch_protection",schemaPath:"#/properties/branch_protection/anyOf/0/const",keyword:"const",params:{allowedValue: false},message:"must be equal to constant",schema:false,parentSchema:schema12.properties.branch_protection.anyOf[0],data:data12};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
var _valid2 = _errs37 === errors;
valid19 = valid19 || _valid2;
if(!valid19){
const _errs39 = errors;
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
for(const key1 in data12){
if(!(((((((key1 === "required_approvals") || (key1 === "dismiss_stale_reviews")) || (key1 === "require_last_push_approval")) || (key1 === "require_code_owner_review")) || (key1 === "block_force_pushes")) || (key1 === "block_deletions")) || (key1 === "required_status_checks"))){
const err37 = {instancePath:instancePath+"/branch_protection",schemaPath:"#/properties/branch_protection/anyOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema12.properties.branch_protection.anyOf[1],data:data12};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data12.required_approvals !== undefined){
let data13 = data12.required_approvals;
if(!(((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13))) && (isFinite(data13)))){
const err38 = {instancePath:instancePath+"/branch_protection/required_approvals",schemaPath:"#/properties/branch_protection/anyOf/1/properties/required_approvals/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema12.properties.branch_protection.anyOf[1].properties.required_approvals.type,parentSchema:schema12.properties.branch_protection.anyOf[1].properties.required_approvals,data:data13};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if((typeof data13 == "number") && (isFinite(data13))){
if(data13 < 0 || isNaN(data13)){
const err39 = {instancePath:instancePath+"/branch_protection/required_approvals",schemaPath:"#/properties/branch_protection/anyOf/1/properties/required_approvals/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema12.properties.branch_protection.anyOf[1].properties.required_approvals,data:data13};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
}
if(data12.dismiss_stale_reviews !== undefined){
let data14 = data12.dismiss_stale_reviews;
if(typeof data14 !== "boolean"){
const err40 = {instancePath:instancePath+"/branch_protection/dismiss_stale_reviews",schemaPath:"#/properties/branch_protection/anyOf/1/properties/dismiss_stale_reviews/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema12.properties.branch_protection.anyOf[1].properties.dismiss_stale_reviews.type,parentSchema:schema12.properties.branch_protection.anyOf[1].properties.dismiss_stale_reviews,data:data14};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data12.require_last_push_approval !== undefined){
let data15 = data12.require_last_push_approval;
if(typeof data15 !== "boolean"){
const err41 = {instancePath:instancePath+"/branch_protection/require_last_push_approval",schemaPath:"#/properties/branch_protection/anyOf/1/properties/require_last_push_approval/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema12.properties.branch_protection.anyOf[1].properties.require_last_push_approval.type,parentSchema:schema12.properties.branch_protection.anyOf[1].properties.require_last_push_approval,data:data15};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data12.require_code_owner_review !== undefined){
let data16 = data12.require_code_owner_review;
if(typeof data16 !== "boolean"){
const err42 = {instancePath:instancePath+"/branch_protection/require_code_owner_review",schemaPath:"#/properties/branch_protection/anyOf/1/properties/require_code_owner_review/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema12.properties.branch_protection.anyOf[1].properties.require_code_owner_review.type,parentSchema:schema12.properties.branch_protection.anyOf[1].properties.require_code_owner_review,data:data16};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
if(data12.block_force_pushes !== undefined){
let data17 = data12.block_force_pushes;
if(typeof data17 !== "boolean"){
const err43 = {instancePath:instancePath+"/branch_protection/block_force_pushes",schemaPath:"#/properties/branch_protection/anyOf/1/properties/block_force_pushes/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema12.properties.branch_protection.anyOf[1].properties.block_force_pushes.type,parentSchema:schema12.properties.branch_protection.anyOf[1].properties.block_force_pushes,data:data17};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data12.block_deletions !== undefined){
let data18 = data12.block_deletions;
if(typeof data18 !== "boolean"){
const err44 = {instancePath:instancePath+"/branch_protection/block_deletions",schemaPath:"#/properties/branch_protection/anyOf/1/properties/block_deletions/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema12.properties.branch_protection.anyOf[1].properties.block_deletions.type,parentSchema:schema12.properties.branch_protection.anyOf[1].properties.block_deletions,data:data18};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
if(data12.required_status_checks !== undefined){
let data19 = data12.required_status_checks;
if(Array.isArray(data19)){
const len5 = data19.length;
for(let i10=0; i10<len5; i10++){
let data20 = data19[i10];
if(typeof data20 === "string"){
if(func3(data20) < 1){
const err45 = {instancePath:instancePath+"/branch_protection/required_status_checks/" + i10,schemaPath:"#/properties/branch_protection/anyOf/1/properties/required_status_checks/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema12.properties.branch_protection.anyOf[1].properties.required_status_checks.items,data:data20};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
else {
const err46 = {instancePath:instancePath+"/branch_protection/required_status_checks/" + i10,schemaPath:"#/properties/branch_protection/anyOf/1/properties/required_status_checks/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.branch_protection.anyOf[1].properties.required_status_checks.items.type,parentSchema:schema12.properties.branch_protection.anyOf[1].properties.required_status_checks.items,data:data20};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
let i11 = data19.length;
let j5;
if(i11 > 1){
const indices5 = {};
for(;i11--;){
let item5 = data19[i11];
if(typeof item5 !== "string"){
continue;
}
if(typeof indices5[item5] == "number"){
j5 = indices5[item5];
const err47 = {instancePath:instancePath+"/branch_protection/required_status_checks",schemaPath:"#/properties/branch_protection/anyOf/1/properties/required_status_checks/uniqueItems",keyword:"uniqueItems",params:{i: i11, j: j5},message:"must NOT have duplicate items (items ## "+j5+" and "+i11+" are identical)",schema:true,parentSchema:schema12.properties.branch_protection.anyOf[1].properties.required_status_checks,data:data19};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
break;
}
indices5[item5] = i11;
}
}
}
else {
const err48 = {instancePath:instancePath+"/branch_protection/required_status_checks",schemaPath:"#/properties/branch_protection/anyOf/1/properties/required_status_checks/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.branch_protection.anyOf[1].properties.required_status_checks.type,parentSchema:schema12.properties.branch_protection.anyOf[1].properties.required_status_checks,data:data19};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
}
else {
const err49 = {instancePath:instancePath+"/branch_protection",schemaPath:"#/properties/branch_protection/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.branch_protection.anyOf[1].type,parentSchema:schema12.properties.branch_protection.anyOf[1],data:data12};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
var _valid2 = _errs39 === errors;
valid19 = valid19 || _valid2;
}
if(!valid19){
const err50 = {instancePath:instancePath+"/branch_protection",schemaPath:"#/properties/branch_protection/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema12.properties.branch_protection.anyOf,parentSchema:schema12.properties.branch_protection,data:data12};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
else {
errors = _errs36;
if(vErrors !== null){
if(_errs36){
vErrors.length = _errs36;
}
else {
vErrors = null;
}
}
}
}
if(data.scope !== undefined){
let data21 = data.scope;
if(typeof data21 !== "string"){
const err51 = {instancePath:instancePath+"/scope",schemaPath:"#/properties/scope/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.scope.type,parentSchema:schema12.properties.scope,data:data21};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
if(!((data21 === "range") || (data21 === "head"))){
const err52 = {instancePath:instancePath+"/scope",schemaPath:"#/properties/scope/enum",keyword:"enum",params:{allowedValues: schema12.properties.scope.enum},message:"must be equal to one of the allowed values",schema:schema12.properties.scope.enum,parentSchema:schema12.properties.scope,data:data21};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
if(data.approvals !== undefined){
let data22 = data.approvals;
if(data22 && typeof data22 == "object" && !Array.isArray(data22)){
for(const key2 in data22){
if(!(func2.call(schema14.properties, key2))){
const err53 = {instancePath:instancePath+"/approvals",schemaPath:"#/definitions/approvals/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema14,data:data22};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
if(data22.pull_request !== undefined){
let data23 = data22.pull_request;
if(!(((typeof data23 == "number") && (!(data23 % 1) && !isNaN(data23))) && (isFinite(data23)))){
const err54 = {instancePath:instancePath+"/approvals/pull_request",schemaPath:"#/definitions/approvals/properties/pull_request/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema14.properties.pull_request.type,parentSchema:schema14.properties.pull_request,data:data23};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
if((typeof data23 == "number") && (isFinite(data23))){
if(data23 < 0 || isNaN(data23)){
const err55 = {instancePath:instancePath+"/approvals/pull_request",schemaPath:"#/definitions/approvals/properties/pull_request/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema14.properties.pull_request,data:data23};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
}
if(data22.environment !== undefined){
let data24 = data22.environment;
if(!(((typeof data24 == "number") && (!(data24 % 1) && !isNaN(data24))) && (isFinite(data24)))){
const err56 = {instancePath:instancePath+"/approvals/environment",schemaPath:"#/definitions/approvals/properties/environment/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema14.properties.environment.type,parentSchema:schema14.properties.environment,data:data24};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
if((typeof data24 == "number") && (isFinite(data24))){
if(data24 < 0 || isNaN(data24)){
const err57 = {instancePath:instancePath+"/approvals/environment",schemaPath:"#/definitions/approvals/properties/environment/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema14.properties.environment,data:data24};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
}
if(data22.independent_of !== undefined){
let data25 = data22.independent_of;
if(Array.isArray(data25)){
const len6 = data25.length;
for(let i12=0; i12<len6; i12++){
let data26 = data25[i12];
if(typeof data26 !== "string"){
const err58 = {instancePath:instancePath+"/approvals/independent_of/" + i12,schemaPath:"#/definitions/approvals/properties/independent_of/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.independent_of.items.type,parentSchema:schema14.properties.independent_of.items,data:data26};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
if(!(((((data26 === "author") || (data26 === "commit_authors")) || (data26 === "committers")) || (data26 === "co_authors")) || (data26 === "deployer"))){
const err59 = {instancePath:instancePath+"/approvals/independent_of/" + i12,schemaPath:"#/definitions/approvals/properties/independent_of/items/enum",keyword:"enum",params:{allowedValues: schema14.properties.independent_of.items.enum},message:"must be equal to one of the allowed values",schema:schema14.properties.independent_of.items.enum,parentSchema:schema14.properties.independent_of.items,data:data26};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
let i13 = data25.length;
let j6;
if(i13 > 1){
const indices6 = {};
for(;i13--;){
let item6 = data25[i13];
if(typeof item6 !== "string"){
continue;
}
if(typeof indices6[item6] == "number"){
j6 = indices6[item6];
const err60 = {instancePath:instancePath+"/approvals/independent_of",schemaPath:"#/definitions/approvals/properties/independent_of/uniqueItems",keyword:"uniqueItems",params:{i: i13, j: j6},message:"must NOT have duplicate items (items ## "+j6+" and "+i13+" are identical)",schema:true,parentSchema:schema14.properties.independent_of,data:data25};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
break;
}
indices6[item6] = i13;
}
}
}
else {
const err61 = {instancePath:instancePath+"/approvals/independent_of",schemaPath:"#/definitions/approvals/properties/independent_of/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema14.properties.independent_of.type,parentSchema:schema14.properties.independent_of,data:data25};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
if(data22.reviewers !== undefined){
let data27 = data22.reviewers;
if(Array.isArray(data27)){
const len7 = data27.length;
for(let i14=0; i14<len7; i14++){
let data28 = data27[i14];
if(typeof data28 === "string"){
if(!pattern4.test(data28)){
const err62 = {instancePath:instancePath+"/approvals/reviewers/" + i14,schemaPath:"#/definitions/approvals/properties/reviewers/items/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9-]{1,39}(\\[bot\\]|/[A-Za-z0-9_.-]{1,255})?$"},message:"must match pattern \""+"^[A-Za-z0-9-]{1,39}(\\[bot\\]|/[A-Za-z0-9_.-]{1,255})?$"+"\"",schema:"^[A-Za-z0-9-]{1,39}(\\[bot\\]|/[A-Za-z0-9_.-]{1,255})?$",parentSchema:schema14.properties.reviewers.items,data:data28};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
else {
const err63 = {instancePath:instancePath+"/approvals/reviewers/" + i14,schemaPath:"#/definitions/approvals/properties/reviewers/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.reviewers.items.type,parentSchema:schema14.properties.reviewers.items,data:data28};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
let i15 = data27.length;
let j7;
if(i15 > 1){
const indices7 = {};
for(;i15--;){
let item7 = data27[i15];
if(typeof item7 !== "string"){
continue;
}
if(typeof indices7[item7] == "number"){
j7 = indices7[item7];
const err64 = {instancePath:instancePath+"/approvals/reviewers",schemaPath:"#/definitions/approvals/properties/reviewers/uniqueItems",keyword:"uniqueItems",params:{i: i15, j: j7},message:"must NOT have duplicate items (items ## "+j7+" and "+i15+" are identical)",schema:true,parentSchema:schema14.properties.reviewers,data:data27};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
break;
}
indices7[item7] = i15;
}
}
}
else {
const err65 = {instancePath:instancePath+"/approvals/reviewers",schemaPath:"#/definitions/approvals/properties/reviewers/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema14.properties.reviewers.type,parentSchema:schema14.properties.reviewers,data:data27};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
if(data22.on_latest_commit !== undefined){
let data29 = data22.on_latest_commit;
if(typeof data29 !== "boolean"){
const err66 = {instancePath:instancePath+"/approvals/on_latest_commit",schemaPath:"#/definitions/approvals/properties/on_latest_commit/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema14.properties.on_latest_commit.type,parentSchema:schema14.properties.on_latest_commit,data:data29};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
if(data22.allow_bots !== undefined){
let data30 = data22.allow_bots;
if(typeof data30 !== "boolean"){
const err67 = {instancePath:instancePath+"/approvals/allow_bots",schemaPath:"#/definitions/approvals/properties/allow_bots/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema14.properties.allow_bots.type,parentSchema:schema14.properties.allow_bots,data:data30};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
if(data22.unresolved_identities !== undefined){
let data31 = data22.unresolved_identities;
if(typeof data31 !== "string"){
const err68 = {instancePath:instancePath+"/approvals/unresolved_identities",schemaPath:"#/definitions/approvals/properties/unresolved_identities/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.unresolved_identities.type,parentSchema:schema14.properties.unresolved_identities,data:data31};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
if(!((data31 === "block") || (data31 === "ignore"))){
const err69 = {instancePath:instancePath+"/approvals/unresolved_identities",schemaPath:"#/definitions/approvals/properties/unresolved_identities/enum",keyword:"enum",params:{allowedValues: schema14.properties.unresolved_identities.enum},message:"must be equal to one of the allowed values",schema:schema14.properties.unresolved_identities.enum,parentSchema:schema14.properties.unresolved_identities,data:data31};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
if(data22.direct_pushes !== undefined){
let data32 = data22.direct_pushes;
if(Array.isArray(data32)){
const len8 = data32.length;
for(let i16=0; i16<len8; i16++){
let data33 = data32[i16];
if(typeof data33 === "string"){
if(!pattern1.test(data33)){
const err70 = {instancePath:instancePath+"/approvals/direct_pushes/" + i16,schemaPath:"#/definitions/approvals/properties/direct_pushes/items/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9-]{1,39}(\\[bot\\])?$"},message:"must match pattern \""+"^[A-Za-z0-9-]{1,39}(\\[bot\\])?$"+"\"",schema:"^[A-Za-z0-9-]{1,39}(\\[bot\\])?$",parentSchema:schema14.properties.direct_pushes.items,data:data33};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
else {
const err71 = {instancePath:instancePath+"/approvals/direct_pushes/" + i16,schemaPath:"#/definitions/approvals/properties/direct_pushes/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.direct_pushes.items.type,parentSchema:schema14.properties.direct_pushes.items,data:data33};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
let i17 = data32.length;
let j8;
if(i17 > 1){
const indices8 = {};
for(;i17--;){
let item8 = data32[i17];
if(typeof item8 !== "string"){
continue;
}
if(typeof indices8[item8] == "number"){
j8 = indices8[item8];
const err72 = {instancePath:instancePath+"/approvals/direct_pushes",schemaPath:"#/definitions/approvals/properties/direct_pushes/uniqueItems",keyword:"uniqueItems",params:{i: i17, j: j8},message:"must NOT have duplicate items (items ## "+j8+" and "+i17+" are identical)",schema:true,parentSchema:schema14.properties.direct_pushes,data:data32};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
break;
}
indices8[item8] = i17;
}
}
}
else {
const err73 = {instancePath:instancePath+"/approvals/direct_pushes",schemaPath:"#/definitions/approvals/properties/direct_pushes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema14.properties.direct_pushes.type,parentSchema:schema14.properties.direct_pushes,data:data32};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
if(data22.require_verified_commits !== undefined){
let data34 = data22.require_verified_commits;
if(typeof data34 !== "boolean"){
const err74 = {instancePath:instancePath+"/approvals/require_verified_commits",schemaPath:"#/definitions/approvals/properties/require_verified_commits/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema14.properties.require_verified_commits.type,parentSchema:schema14.properties.require_verified_commits,data:data34};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
}
else {
const err75 = {instancePath:instancePath+"/approvals",schemaPath:"#/definitions/approvals/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema14.type,parentSchema:schema14,data:data22};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
if(data.deployer_independent !== undefined){
let data35 = data.deployer_independent;
if(typeof data35 !== "boolean"){
const err76 = {instancePath:instancePath+"/deployer_independent",schemaPath:"#/properties/deployer_independent/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema12.properties.deployer_independent.type,parentSchema:schema12.properties.deployer_independent,data:data35};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
if(data.break_glass !== undefined){
let data36 = data.break_glass;
const _errs91 = errors;
let valid35 = false;
const _errs92 = errors;
if(typeof data36 !== "boolean"){
const err77 = {instancePath:instancePath+"/break_glass",schemaPath:"#/properties/break_glass/anyOf/0/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema12.properties.break_glass.anyOf[0].type,parentSchema:schema12.properties.break_glass.anyOf[0],data:data36};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
if(false !== data36){
const err78 = {instancePath:instancePath+"/break_glass",schemaPath:"#/properties/break_glass/anyOf/0/const",keyword:"const",params:{allowedValue: false},message:"must be equal to constant",schema:false,parentSchema:schema12.properties.break_glass.anyOf[0],data:data36};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
var _valid3 = _errs92 === errors;
valid35 = valid35 || _valid3;
if(!valid35){
const _errs94 = errors;
if(data36 && typeof data36 == "object" && !Array.isArray(data36)){
if(data36.approvers === undefined){
const err79 = {instancePath:instancePath+"/break_glass",schemaPath:"#/properties/break_glass/anyOf/1/required",keyword:"required",params:{missingProperty: "approvers"},message:"must have required property '"+"approvers"+"'",schema:schema12.properties.break_glass.anyOf[1].required,parentSchema:schema12.properties.break_glass.anyOf[1],data:data36};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
if(data36.review_within === undefined){
const err80 = {instancePath:instancePath+"/break_glass",schemaPath:"#/properties/break_glass/anyOf/1/required",keyword:"required",params:{missingProperty: "review_within"},message:"must have required property '"+"review_within"+"'",schema:schema12.properties.break_glass.anyOf[1].required,parentSchema:schema12.properties.break_glass.anyOf[1],data:data36};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
for(const key3 in data36){
if(!((key3 === "approvers") || (key3 === "review_within"))){
const err81 = {instancePath:instancePath+"/break_glass",schemaPath:"#/properties/break_glass/anyOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema12.properties.break_glass.anyOf[1],data:data36};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
if(data36.approvers !== undefined){
let data37 = data36.approvers;
if(Array.isArray(data37)){
if(data37.length < 1){
const err82 = {instancePath:instancePath+"/break_glass/approvers",schemaPath:"#/properties/break_glass/anyOf/1/properties/approvers/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema12.properties.break_glass.anyOf[1].properties.approvers,data:data37};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
const len9 = data37.length;
for(let i18=0; i18<len9; i18++){
let data38 = data37[i18];
if(typeof data38 === "string"){
if(!pattern4.test(data38)){
const err83 = {instancePath:instancePath+"/break_glass/approvers/" + i18,schemaPath:"#/properties/break_glass/anyOf/1/properties/approvers/items/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9-]{1,39}(\\[bot\\]|/[A-Za-z0-9_.-]{1,255})?$"},message:"must match pattern \""+"^[A-Za-z0-9-]{1,39}(\\[bot\\]|/[A-Za-z0-9_.-]{1,255})?$"+"\"",schema:"^[A-Za-z0-9-]{1,39}(\\[bot\\]|/[A-Za-z0-9_.-]{1,255})?$",parentSchema:schema12.properties.break_glass.anyOf[1].properties.approvers.items,data:data38};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
}
else {
const err84 = {instancePath:instancePath+"/break_glass/approvers/" + i18,schemaPath:"#/properties/break_glass/anyOf/1/properties/approvers/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.break_glass.anyOf[1].properties.approvers.items.type,parentSchema:schema12.properties.break_glass.anyOf[1].properties.approvers.items,data:data38};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
let i19 = data37.length;
let j9;
if(i19 > 1){
const indices9 = {};
for(;i19--;){
let item9 = data37[i19];
if(typeof item9 !== "string"){
continue;
}
if(typeof indices9[item9] == "number"){
j9 = indices9[item9];
const err85 = {instancePath:instancePath+"/break_glass/approvers",schemaPath:"#/properties/break_glass/anyOf/1/properties/approvers/uniqueItems",keyword:"uniqueItems",params:{i: i19, j: j9},message:"must NOT have duplicate items (items ## "+j9+" and "+i19+" are identical)",schema:true,parentSchema:schema12.properties.break_glass.anyOf[1].properties.approvers,data:data37};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
break;
}
indices9[item9] = i19;
}
}
}
else {
const err86 = {instancePath:instancePath+"/break_glass/approvers",schemaPath:"#/properties/break_glass/anyOf/1/properties/approvers/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.break_glass.anyOf[1].properties.approvers.type,parentSchema:schema12.properties.break_glass.anyOf[1].properties.approvers,data:data37};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
}
if(data36.review_within !== undefined){
let data39 = data36.review_within;
const _errs103 = errors;
let valid41 = false;
const _errs104 = errors;
if(typeof data39 === "string"){
if(!pattern0.test(data39)){
const err87 = {instancePath:instancePath+"/break_glass/review_within",schemaPath:"#/definitions/duration/anyOf/0/pattern",keyword:"pattern",params:{pattern: "^(0|[0-9]+d([0-9]+h)?([0-9]+m)?([0-9]+s)?|[0-9]+h([0-9]+m)?([0-9]+s)?|[0-9]+m([0-9]+s)?|[0-9]+s)$"},message:"must match pattern \""+"^(0|[0-9]+d([0-9]+h)?([0-9]+m)?([0-9]+s)?|[0-9]+h([0-9]+m)?([0-9]+s)?|[0-9]+m([0-9]+s)?|[0-9]+s)$"+"\"",schema:"^(0|[0-9]+d([0-9]+h)?([0-9]+m)?([0-9]+s)?|[0-9]+h([0-9]+m)?([0-9]+s)?|[0-9]+m([0-9]+s)?|[0-9]+s)$",parentSchema:schema13.anyOf[0],data:data39};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
}
else {
const err88 = {instancePath:instancePath+"/break_glass/review_within",schemaPath:"#/definitions/duration/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.anyOf[0].type,parentSchema:schema13.anyOf[0],data:data39};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
var _valid4 = _errs104 === errors;
valid41 = valid41 || _valid4;
if(!valid41){
const _errs106 = errors;
if(!(((typeof data39 == "number") && (!(data39 % 1) && !isNaN(data39))) && (isFinite(data39)))){
const err89 = {instancePath:instancePath+"/break_glass/review_within",schemaPath:"#/definitions/duration/anyOf/1/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema13.anyOf[1].type,parentSchema:schema13.anyOf[1],data:data39};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
if(0 !== data39){
const err90 = {instancePath:instancePath+"/break_glass/review_within",schemaPath:"#/definitions/duration/anyOf/1/const",keyword:"const",params:{allowedValue: 0},message:"must be equal to constant",schema:0,parentSchema:schema13.anyOf[1],data:data39};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
var _valid4 = _errs106 === errors;
valid41 = valid41 || _valid4;
}
if(!valid41){
const err91 = {instancePath:instancePath+"/break_glass/review_within",schemaPath:"#/definitions/duration/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema13.anyOf,parentSchema:schema13,data:data39};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
else {
errors = _errs103;
if(vErrors !== null){
if(_errs103){
vErrors.length = _errs103;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err92 = {instancePath:instancePath+"/break_glass",schemaPath:"#/properties/break_glass/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.break_glass.anyOf[1].type,parentSchema:schema12.properties.break_glass.anyOf[1],data:data36};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
var _valid3 = _errs94 === errors;
valid35 = valid35 || _valid3;
}
if(!valid35){
const err93 = {instancePath:instancePath+"/break_glass",schemaPath:"#/properties/break_glass/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema12.properties.break_glass.anyOf,parentSchema:schema12.properties.break_glass,data:data36};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
else {
errors = _errs91;
if(vErrors !== null){
if(_errs91){
vErrors.length = _errs91;
}
else {
vErrors = null;
}
}
}
}
if(data.environment_protection !== undefined){
let data40 = data.environment_protection;
const _errs109 = errors;
let valid42 = false;
const _errs110 = errors;
if(typeof data40 !== "boolean"){
const err94 = {instancePath:instancePath+"/environment_protection",schemaPath:"#/properties/environment_protection/anyOf/0/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema12.properties.environment_protection.anyOf[0].type,parentSchema:schema12.properties.environment_protection.anyOf[0],data:data40};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
if(false !== data40){
const err95 = {instancePath:instancePath+"/environment_protection",schemaPath:"#/properties/environment_protection/anyOf/0/const",keyword:"const",params:{allowedValue: false},message:"must be equal to constant",schema:false,parentSchema:schema12.properties.environment_protection.anyOf[0],data:data40};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
var _valid5 = _errs110 === errors;
valid42 = valid42 || _valid5;
if(!valid42){
const _errs112 = errors;
if(data40 && typeof data40 == "object" && !Array.isArray(data40)){
for(const key4 in data40){
if(!(((((key4 === "deployment_branches") || (key4 === "required_reviewers")) || (key4 === "prevent_self_review")) || (key4 === "admin_bypass")) || (key4 === "wait_timer"))){
const err96 = {instancePath:instancePath+"/environment_protection",schemaPath:"#/properties/environment_protection/anyOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema12.properties.environment_protection.anyOf[1],data:data40};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
}
if(data40.deployment_branches !== undefined){
let data41 = data40.deployment_branches;
if(typeof data41 !== "string"){
const err97 = {instancePath:instancePath+"/environment_protection/deployment_branches",schemaPath:"#/properties/environment_protection/anyOf/1/properties/deployment_branches/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.environment_protection.anyOf[1].properties.deployment_branches.type,parentSchema:schema12.properties.environment_protection.anyOf[1].properties.deployment_branches,data:data41};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
if(!((data41 === "protected") || (data41 === "any"))){
const err98 = {instancePath:instancePath+"/environment_protection/deployment_branches",schemaPath:"#/properties/environment_protection/anyOf/1/properties/deployment_branches/enum",keyword:"enum",params:{allowedValues: schema12.properties.environment_protection.anyOf[1].properties.deployment_branches.enum},message:"must be equal to one of the allowed values",schema:schema12.properties.environment_protection.anyOf[1].properties.deployment_branches.enum,parentSchema:schema12.properties.environment_protection.anyOf[1].properties.deployment_branches,data:data41};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
}
if(data40.required_reviewers !== undefined){
let data42 = data40.required_reviewers;
if(!(((typeof data42 == "number") && (!(data42 % 1) && !isNaN(data42))) && (isFinite(data42)))){
const err99 = {instancePath:instancePath+"/environment_protection/required_reviewers",schemaPath:"#/properties/environment_protection/anyOf/1/properties/required_reviewers/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema12.properties.environment_protection.anyOf[1].properties.required_reviewers.type,parentSchema:schema12.properties.environment_protection.anyOf[1].properties.required_reviewers,data:data42};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
if((typeof data42 == "number") && (isFinite(data42))){
if(data42 < 0 || isNaN(data42)){
const err100 = {instancePath:instancePath+"/environment_protection/required_reviewers",schemaPath:"#/properties/environment_protection/anyOf/1/properties/required_reviewers/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema12.properties.environment_protection.anyOf[1].properties.required_reviewers,data:data42};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
}
}
if(data40.prevent_self_review !== undefined){
let data43 = data40.prevent_self_review;
if(typeof data43 !== "boolean"){
const err101 = {instancePath:instancePath+"/environment_protection/prevent_self_review",schemaPath:"#/properties/environment_protection/anyOf/1/properties/prevent_self_review/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema12.properties.environment_protection.anyOf[1].properties.prevent_self_review.type,parentSchema:schema12.properties.environment_protection.anyOf[1].properties.prevent_self_review,data:data43};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
}
if(data40.admin_bypass !== undefined){
let data44 = data40.admin_bypass;
if(typeof data44 !== "boolean"){
const err102 = {instancePath:instancePath+"/environment_protection/admin_bypass",schemaPath:"#/properties/environment_protection/anyOf/1/properties/admin_bypass/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema12.properties.environment_protection.anyOf[1].properties.admin_bypass.type,parentSchema:schema12.properties.environment_protection.anyOf[1].properties.admin_bypass,data:data44};
if(vErrors === null){
vErrors = [err102];
}
else {
vErrors.push(err102);
}
errors++;
}
}
if(data40.wait_timer !== undefined){
let data45 = data40.wait_timer;
if(!(((typeof data45 == "number") && (!(data45 % 1) && !isNaN(data45))) && (isFinite(data45)))){
const err103 = {instancePath:instancePath+"/environment_protection/wait_timer",schemaPath:"#/properties/environment_protection/anyOf/1/properties/wait_timer/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema12.properties.environment_protection.anyOf[1].properties.wait_timer.type,parentSchema:schema12.properties.environment_protection.anyOf[1].properties.wait_timer,data:data45};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
}
if((typeof data45 == "number") && (isFinite(data45))){
if(data45 < 0 || isNaN(data45)){
const err104 = {instancePath:instancePath+"/environment_protection/wait_timer",schemaPath:"#/properties/environment_protection/anyOf/1/properties/wait_timer/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema12.properties.environment_protection.anyOf[1].properties.wait_timer,data:data45};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
}
}
}
else {
const err105 = {instancePath:instancePath+"/environment_protection",schemaPath:"#/properties/environment_protection/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.environment_protection.anyOf[1].type,parentSchema:schema12.properties.environment_protection.anyOf[1],data:data40};
if(vErrors === null){
vErrors = [err105];
}
else {
vErrors.push(err105);
}
errors++;
}
var _valid5 = _errs112 === errors;
valid42 = valid42 || _valid5;
}
if(!valid42){
const err106 = {instancePath:instancePath+"/environment_protection",schemaPath:"#/properties/environment_protection/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema12.properties.environment_protection.anyOf,parentSchema:schema12.properties.environment_protection,data:data40};
if(vErrors === null){
vErrors = [err106];
}
else {
vErrors.push(err106);
}
errors++;
}
else {
errors = _errs109;
if(vErrors !== null){
if(_errs109){
vErrors.length = _errs109;
}
else {
vErrors = null;
}
}
}
}
if(data.checks !== undefined){
let data46 = data.checks;
const _errs126 = errors;
let valid44 = false;
const _errs127 = errors;
if(typeof data46 !== "boolean"){
const err107 = {instancePath:instancePath+"/checks",schemaPath:"#/properties/checks/anyOf/0/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema12.properties.checks.anyOf[0].type,parentSchema:schema12.properties.checks.anyOf[0],data:data46};
if(vErrors === null){
vErrors = [err107];
}
else {
vErrors.push(err107);
}
errors++;
}
if(false !== data46){
const err108 = {instancePath:instancePath+"/checks",schemaPath:"#/properties/checks/anyOf/0/const",keyword:"const",params:{allowedValue: false},message:"must be equal to constant",schema:false,parentSchema:schema12.properties.checks.anyOf[0],data:data46};
if(vErrors === null){
vErrors = [err108];
}
else {
vErrors.push(err108);
}
errors++;
}
var _valid6 = _errs127 === errors;
valid44 = valid44 || _valid6;
if(!valid44){
const _errs129 = errors;
if(data46 && typeof data46 == "object" && !Array.isArray(data46)){
for(const key5 in data46){
if(!((key5 === "required") || (key5 === "no_failures"))){
const err109 = {instancePath:instancePath+"/checks",schemaPath:"#/properties/checks/anyOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema12.properties.checks.anyOf[1],data:data46};
if(vErrors === null){
vErrors = [err109];
}
else {
vErrors.push(err109);
}
errors++;
}
}
if(data46.required !== undefined){
let data47 = data46.required;
if(Array.isArray(data47)){
const len10 = data47.length;
for(let i20=0; i20<len10; i20++){
let data48 = data47[i20];
if(typeof data48 === "string"){
if(func3(data48) < 1){
const err110 = {instancePath:instancePath+"/checks/required/" + i20,schemaPath:"#/properties/checks/anyOf/1/properties/required/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema12.properties.checks.anyOf[1].properties.required.items,data:data48};
if(vErrors === null){
vErrors = [err110];
}
else {
vErrors.push(err110);
}
errors++;
}
}
else {
const err111 = {instancePath:instancePath+"/checks/required/" + i20,schemaPath:"#/properties/checks/anyOf/1/properties/required/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.checks.anyOf[1].properties.required.items.type,parentSchema:schema12.properties.checks.anyOf[1].properties.required.items,data:data48};
if(vErrors === null){
vErrors = [err111];
}
else {
vErrors.push(err111);
}
errors++;
}
}
let i21 = data47.length;
let j10;
if(i21 > 1){
const indices10 = {};
for(;i21--;){
let item10 = data47[i21];
if(typeof item10 !== "string"){
continue;
}
if(typeof indices10[item10] == "number"){
j10 = indices10[item10];
const err112 = {instancePath:instancePath+"/checks/required",schemaPath:"#/properties/checks/anyOf/1/properties/required/uniqueItems",keyword:"uniqueItems",params:{i: i21, j: j10},message:"must NOT have duplicate items (items ## "+j10+" and "+i21+" are identical)",schema:true,parentSchema:schema12.properties.checks.anyOf[1].properties.required,data:data47};
if(vErrors === null){
vErrors = [err112];
}
else {
vErrors.push(err112);
}
errors++;
break;
}
indices10[item10] = i21;
}
}
}
else {
const err113 = {instancePath:instancePath+"/checks/required",schemaPath:"#/properties/checks/anyOf/1/properties/required/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.checks.anyOf[1].properties.required.type,parentSchema:schema12.properties.checks.anyOf[1].properties.required,data:data47};
if(vErrors === null){
vErrors = [err113];
}
else {
vErrors.push(err113);
}
errors++;
}
}
if(data46.no_failures !== undefined){
let data49 = data46.no_failures;
if(typeof data49 !== "boolean"){
const err114 = {instancePath:instancePath+"/checks/no_failures",schemaPath:"#/properties/checks/anyOf/1/properties/no_failures/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema12.properties.checks.anyOf[1].properties.no_failures.type,parentSchema:schema12.properties.checks.anyOf[1].properties.no_failures,data:data49};
if(vErrors === null){
vErrors = [err114];
}
else {
vErrors.push(err114);
}
errors++;
}
}
}
else {
const err115 = {instancePath:instancePath+"/checks",schemaPath:"#/properties/checks/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.checks.anyOf[1].type,parentSchema:schema12.properties.checks.anyOf[1],data:data46};
if(vErrors === null){
vErrors = [err115];
}
else {
vErrors.push(err115);
}
errors++;
}
var _valid6 = _errs129 === errors;
valid44 = valid44 || _valid6;
}
if(!valid44){
const err116 = {instancePath:instancePath+"/checks",schemaPath:"#/properties/checks/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema12.properties.checks.anyOf,parentSchema:schema12.properties.checks,data:data46};
if(vErrors === null){
vErrors = [err116];
}
else {
vErrors.push(err116);
}
errors++;
}
else {
errors = _errs126;
if(vErrors !== null){
if(_errs126){
vErrors.length = _errs126;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err117 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.type,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err117];
}
else {
vErrors.push(err117);
}
errors++;
}
validate11.errors = vErrors;
return errors === 0;
}

const pattern8 = new RegExp("^[A-Za-z0-9._ -]{1,255}$", "u");

function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://raw.githubusercontent.com/OWNER/promotion-gate/v1/schema/promotion-gate.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.version === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "version"},message:"must have required property '"+"version"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.environments === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "environments"},message:"must have required property '"+"environments"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "version") || (key0 === "defaults")) || (key0 === "environments"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.version !== undefined){
let data0 = data.version;
if(!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))){
const err3 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.version.type,parentSchema:schema11.properties.version,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(1 !== data0){
const err4 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/const",keyword:"const",params:{allowedValue: 1},message:"must be equal to constant",schema:1,parentSchema:schema11.properties.version,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.defaults !== undefined){
if(!(validate11(data.defaults, {instancePath:instancePath+"/defaults",parentData:data,parentDataProperty:"defaults",rootData}))){
vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
errors = vErrors.length;
}
}
if(data.environments !== undefined){
let data2 = data.environments;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
for(const key1 in data2){
const _errs7 = errors;
if(typeof key1 === "string"){
if(!pattern8.test(key1)){
const err5 = {instancePath:instancePath+"/environments",schemaPath:"#/properties/environments/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9._ -]{1,255}$"},message:"must match pattern \""+"^[A-Za-z0-9._ -]{1,255}$"+"\"",schema:"^[A-Za-z0-9._ -]{1,255}$",parentSchema:schema11.properties.environments.propertyNames,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/environments",schemaPath:"#/properties/environments/propertyNames/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.environments.propertyNames.type,parentSchema:schema11.properties.environments.propertyNames,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
var valid1 = _errs7 === errors;
if(!valid1){
const err7 = {instancePath:instancePath+"/environments",schemaPath:"#/properties/environments/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid",schema:schema11.properties.environments.propertyNames,parentSchema:schema11.properties.environments,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
for(const key2 in data2){
if(!(validate11(data2[key2], {instancePath:instancePath+"/environments/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data2,parentDataProperty:key2,rootData}))){
vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
errors = vErrors.length;
}
}
}
else {
const err8 = {instancePath:instancePath+"/environments",schemaPath:"#/properties/environments/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.environments.type,parentSchema:schema11.properties.environments,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
else {
const err9 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.type,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
validate10.errors = vErrors;
return errors === 0;
}


;// CONCATENATED MODULE: ./src/engine/policy/schema.ts
// The policy file of SPEC §4 as a JSON Schema (draft-07). It is the single
// source of truth for what the YAML may contain: the loader validates with it,
// and scripts/write-schemas.ts publishes it as
// schema/promotion-gate.schema.json for editors. Unknown keys are errors
// everywhere (`additionalProperties: false`): a typo in a security policy must
// not silently mean "no rule".


/**
 * Where editors fetch the schema (the README's yaml-language-server line):
 * the file as the release the README's `uses:` names serves it.
 */
const POLICY_SCHEMA_ID = 'https://raw.githubusercontent.com/OWNER/promotion-gate/v1/schema/promotion-gate.schema.json';
const ENVIRONMENT_NAME_PATTERN = '^[A-Za-z0-9._ -]{1,255}$';
const MAKER_KINDS = [
    'author',
    'commit_authors',
    'committers',
    'co_authors',
    'deployer'
];
/**
 * `independent_of` when the policy does not say: every maker, not the
 * deployer (SPEC v2 §4: a reviewer who also merges, and so triggers a push
 * deployment, is still a checker; `deployer` or `deployer_independent` on
 * request).
 */
const DEFAULT_INDEPENDENT_OF = [
    'author',
    'commit_authors',
    'committers',
    'co_authors'
];
/** Logins (`pattern`), e.g. `trusted_deployers`, `direct_pushes`. */
const loginList = (description) => ({
    description,
    type: 'array',
    items: { type: 'string', pattern: LOGIN_PATTERN },
    uniqueItems: true
});
/** Logins or `org/team`, e.g. `reviewers`; `minItems` 1 when `nonEmpty`. */
const loginOrTeamList = (description, nonEmpty = false) => ({
    description,
    type: 'array',
    items: { type: 'string', pattern: LOGIN_OR_TEAM_PATTERN },
    ...(nonEmpty ? { minItems: 1 } : {}),
    uniqueItems: true
});
const nameList = (description) => ({
    description,
    type: 'array',
    items: { type: 'string', minLength: 1 },
    uniqueItems: true
});
const nonEmptyNameList = (description) => ({
    description,
    type: 'array',
    items: { type: 'string', minLength: 1 },
    minItems: 1,
    uniqueItems: true
});
/**
 * SPEC §4 `allowed_events`' default: the events whose runs deploy what is on
 * a branch. A pull request's events, `issue_comment` and `workflow_run` are
 * left out: they run for changes nobody merged, and since 2025-12 GitHub
 * checks the environment branch rules of a `pull_request_target` run
 * against the default branch (github.blog/changelog/2025-11-07-actions-
 * pull_request_target-and-environment-branch-protections-changes).
 */
const DEFAULT_ALLOWED_EVENTS = [
    'push',
    'workflow_dispatch',
    'deployment',
    'release',
    'schedule',
    'merge_group',
    'repository_dispatch'
];
const count = (description) => ({ description, type: 'integer', minimum: 0 });
const flag = (description) => ({ description, type: 'boolean' });
const turnedOff = (description) => ({ description, type: 'boolean', const: false });
const policyJsonSchema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: POLICY_SCHEMA_ID,
    title: 'promotion-gate policy',
    description: 'Policy file of the promotion-gate deployment gate ' +
        '(.github/promotion-gate.yml): which environments exist, the order ' +
        'commits must be promoted through them, and the approvals, branch ' +
        'protection, environment settings and checks each one requires.',
    type: 'object',
    additionalProperties: false,
    required: ['version', 'environments'],
    properties: {
        version: {
            description: 'Version of the policy format. Always 1.',
            type: 'integer',
            const: 1
        },
        defaults: {
            description: 'Environment settings merged into every environment. A key set in ' +
                'an environment wins; approvals, branch_protection, ' +
                'environment_protection, checks and break_glass are merged one ' +
                'level deep, and false replaces the whole key.',
            $ref: '#/definitions/environment'
        },
        environments: {
            description: 'The environments the gate knows, by the name of their GitHub ' +
                'environment. Deploying to an environment not listed here is blocked.',
            type: 'object',
            propertyNames: {
                description: 'Name of the GitHub environment.',
                type: 'string',
                pattern: ENVIRONMENT_NAME_PATTERN
            },
            additionalProperties: { $ref: '#/definitions/environment' }
        }
    },
    definitions: {
        duration: {
            description: `A duration: 0, or whole numbers with units d, h, m, s, largest first (${duration/* DURATION_EXAMPLES */.rJ}, 1d12h).`,
            anyOf: [
                { type: 'string', pattern: duration/* DURATION_PATTERN */.Cq },
                { type: 'integer', const: 0 }
            ]
        },
        environment: {
            description: 'What a deployment to this environment requires.',
            type: 'object',
            additionalProperties: false,
            properties: {
                after: {
                    description: 'Environment (or list of environments, all of which must hold) ' +
                        'the commit must have been deployed to successfully first. ' +
                        'Transitive: the commit must have passed every environment up ' +
                        'the chain. Default: none.',
                    anyOf: [
                        { type: 'string', minLength: 1 },
                        {
                            type: 'array',
                            items: { type: 'string', minLength: 1 },
                            minItems: 1,
                            uniqueItems: true
                        }
                    ]
                },
                soak: {
                    description: 'Minimum time since the commit succeeded in each `after` ' +
                        `environment (${duration/* DURATION_EXAMPLES */.rJ}). Default: 0.`,
                    $ref: '#/definitions/duration'
                },
                match: {
                    description: '`commit` requires the very same sha upstream; `tree` also ' +
                        'accepts a commit with an identical tree (merge-based branch ' +
                        'promotion). Default: commit.',
                    type: 'string',
                    enum: ['commit', 'tree']
                },
                trusted_deployers: loginList('Creators whose deployment records count as evidence; a ' +
                    'deployment record anyone could create by hand through the API ' +
                    'proves nothing. Default: [github-actions[bot]].'),
                trusted_workflows: {
                    description: "Workflow files (path, optionally @ref) whose jobs' deployments " +
                        'count as evidence for this environment, e.g. ' +
                        '.github/workflows/deploy.yml@refs/heads/main. A ref without ' +
                        'refs/ is a branch; with a ref, the deployment must have been ' +
                        'made for it. Default: any workflow of the repository.',
                    type: 'array',
                    items: {
                        description: 'A workflow file, optionally @ref.',
                        type: 'string',
                        pattern: WORKFLOW_FILE_PATTERN
                    },
                    minItems: 1,
                    uniqueItems: true
                },
                branches: nonEmptyNameList('Branches (minimatch globs); the commit must be contained in one ' +
                    "of them. Default: the repository's default branch."),
                allowed_events: {
                    ...nonEmptyNameList('Events (github.event_name) that may trigger a run deploying to ' +
                        'this environment. pull_request, pull_request_target, ' +
                        'issue_comment and workflow_run are refused unless listed: ' +
                        'since 2025-12 GitHub checks environment branch rules of ' +
                        'pull_request_target runs against the default branch. Default: ' +
                        `[${DEFAULT_ALLOWED_EVENTS.join(', ')}].`),
                    items: { type: 'string', pattern: EVENT_NAME_PATTERN }
                },
                branch_protection: {
                    description: 'Protection the branch must have (classic branch protection or ' +
                        'rulesets), or false to not check it. Default: the defaults of ' +
                        'each setting.',
                    anyOf: [
                        turnedOff('Do not check branch protection.'),
                        {
                            description: 'Settings the branch protection or rulesets must enforce.',
                            type: 'object',
                            additionalProperties: false,
                            properties: {
                                required_approvals: count('Minimum number of approving reviews the protection requires. ' +
                                    'Default: 1.'),
                                dismiss_stale_reviews: flag('New commits must dismiss earlier approvals. Default: true.'),
                                require_last_push_approval: flag('The most recent push must be approved by someone other than its ' +
                                    'pusher. Default: false.'),
                                require_code_owner_review: flag('Code owners must review. Default: false.'),
                                block_force_pushes: flag('Force pushes must be blocked. Default: true.'),
                                block_deletions: flag('Deleting the branch must be blocked. Default: true.'),
                                required_status_checks: nameList('Status check contexts the protection must require. Default: [].')
                            }
                        }
                    ]
                },
                scope: {
                    description: "`range` checks every change since this environment's previous " +
                        'successful deployment; `head` only the change that introduced ' +
                        'the deployed commit. Default: range.',
                    type: 'string',
                    enum: ['range', 'head']
                },
                approvals: {
                    description: 'Independent approvals: how many each change and each run need, ' +
                        'who may not give them and who may.',
                    $ref: '#/definitions/approvals'
                },
                deployer_independent: flag('The person who triggered the deployment may not be a maker of ' +
                    'any change in it. Default: false.'),
                break_glass: {
                    description: 'Emergency path: who may approve a deployment that skips the ' +
                        'gate, and how soon it must be reviewed afterwards; false turns ' +
                        'it off. Default: off.',
                    anyOf: [
                        turnedOff('No break-glass path.'),
                        {
                            description: 'The emergency path.',
                            type: 'object',
                            additionalProperties: false,
                            required: ['approvers', 'review_within'],
                            properties: {
                                approvers: loginOrTeamList('Users or org/team who may approve a break-glass deployment.', true),
                                review_within: {
                                    description: 'How soon after a break-glass deployment it must be reviewed ' +
                                        `(${duration/* DURATION_EXAMPLES */.rJ}).`,
                                    $ref: '#/definitions/duration'
                                }
                            }
                        }
                    ]
                },
                environment_protection: {
                    description: 'What the GitHub environment of the same name must itself ' +
                        'enforce, or false to not check it. Default: the defaults of ' +
                        'each setting.',
                    anyOf: [
                        turnedOff('Do not check the environment settings.'),
                        {
                            description: 'Settings the GitHub environment must itself enforce.',
                            type: 'object',
                            additionalProperties: false,
                            properties: {
                                deployment_branches: {
                                    description: '`protected`: only protected branches, or custom branch policies ' +
                                        'whose every pattern falls within `branches`; `any`: not ' +
                                        'checked. Default: protected.',
                                    type: 'string',
                                    enum: ['protected', 'any']
                                },
                                required_reviewers: count('Minimum number of configured required reviewers (users or ' +
                                    'teams). Default: 0.'),
                                prevent_self_review: flag('The environment must prevent self-review. Default: true when ' +
                                    'required_reviewers > 0, else false.'),
                                admin_bypass: flag('true: administrators may bypass the environment; false: the ' +
                                    'environment must refuse it (an absent setting counts as ' +
                                    'allowed). Default: true.'),
                                wait_timer: count('Minimum wait timer, in minutes. Default: 0.')
                            }
                        }
                    ]
                },
                checks: {
                    description: 'Tests the deployed commit must have passed, or false to not ' +
                        'check them. Default: the defaults of each setting.',
                    anyOf: [
                        turnedOff('Do not check check runs and statuses.'),
                        {
                            description: 'Tests the deployed commit must have passed.',
                            type: 'object',
                            additionalProperties: false,
                            properties: {
                                required: nameList('Check or status names that must have succeeded on the deployed ' +
                                    'commit or on the final head of the pull request that ' +
                                    "introduced it. Default: the required status checks of the branch's " +
                                    'rules and protection.'),
                                no_failures: flag('No check run or commit status on the deployed commit ended in ' +
                                    'failure, error, timed_out, cancelled or action_required (the ' +
                                    "gate's own status and the jobs of the current run excluded). " +
                                    'Default: true.')
                            }
                        }
                    ]
                }
            }
        },
        approvals: {
            description: 'Independent approvals each change and each run need.',
            type: 'object',
            additionalProperties: false,
            properties: {
                pull_request: count('Independent approving reviews each change needs. Default: 1.'),
                environment: count('Independent environment approvals this run needs. Default: 0.'),
                independent_of: {
                    description: 'Who may not approve: the pull request author, commit authors, ' +
                        'committers, co-authors (Co-authored-by trailers) and, when ' +
                        'listed, the deployers (who started the run and who re-ran it). ' +
                        "GitHub's own web-flow committer is not a person. " +
                        'Default: author, commit_authors, committers, co_authors.',
                    type: 'array',
                    items: {
                        description: 'A kind of maker.',
                        type: 'string',
                        enum: MAKER_KINDS
                    },
                    uniqueItems: true
                },
                reviewers: loginOrTeamList('Users or org/team that may approve. Default: anyone with write ' +
                    'access.'),
                on_latest_commit: flag("A review counts only if it was given on the pull request's final " +
                    'head. Default: true.'),
                allow_bots: flag('Reviews by bots count. Default: false (they never count).'),
                unresolved_identities: {
                    description: '`block`: a commit whose author cannot be mapped to an account ' +
                        'blocks; `ignore` allows it. Default: block.',
                    type: 'string',
                    enum: ['block', 'ignore']
                },
                direct_pushes: loginList('Logins whose commits may reach the branch without a pull ' +
                    'request. Default: [].'),
                require_verified_commits: flag('Every commit of every change must carry a signature GitHub shows ' +
                    'as Verified, so the committer is authenticated rather than ' +
                    'taken from a git email anyone can set. Default: false.')
            }
        }
    }
};

;// CONCATENATED MODULE: ./src/engine/policy/resolve.ts
// Merges `defaults` into every environment and fills in SPEC §4's defaults:
// the document the schema accepted becomes the Policy the rules read.


/** The Policy of a valid document; `source` stays with it for messages. */
function resolvePolicy(document, source) {
    const defaults = document.defaults ?? {};
    const environments = Object.fromEntries(Object.entries(document.environments).map(([name, env]) => [
        name,
        resolveEnvironment({
            name,
            own: env,
            defaults,
            defaultBranch: source.defaultBranch
        })
    ]));
    return { version: 1, environments, source };
}
function resolveEnvironment({ name, own, defaults, defaultBranch }) {
    const pick = (key) => Object.hasOwn(own, key) ? own[key] : defaults[key];
    const after = pick('after');
    const branchProtection = mergeOneLevel(defaults.branch_protection, own.branch_protection);
    const approvals = mergeOneLevel(defaults.approvals, own.approvals) || {};
    const breakGlass = mergeOneLevel(defaults.break_glass, own.break_glass);
    const protection = mergeOneLevel(defaults.environment_protection, own.environment_protection);
    const checks = mergeOneLevel(defaults.checks, own.checks);
    const independentOf = [
        ...(approvals.independent_of ?? DEFAULT_INDEPENDENT_OF)
    ];
    return {
        name,
        after: after === undefined ? [] : [...new Set([after].flat())],
        soakSeconds: (0,duration/* parseDuration */.E9)(pick('soak') ?? 0),
        match: pick('match') ?? 'commit',
        trustedDeployers: [
            ...(pick('trusted_deployers') ?? ['github-actions[bot]'])
        ],
        trustedWorkflows: trustedWorkflows(pick('trusted_workflows')),
        branches: [...(pick('branches') ?? [defaultBranch])],
        allowedEvents: [...(pick('allowed_events') ?? DEFAULT_ALLOWED_EVENTS)],
        branchProtection: branchProtection === false
            ? false
            : {
                requiredApprovals: branchProtection?.required_approvals ?? 1,
                dismissStaleReviews: branchProtection?.dismiss_stale_reviews ?? true,
                requireLastPushApproval: branchProtection?.require_last_push_approval ?? false,
                requireCodeOwnerReview: branchProtection?.require_code_owner_review ?? false,
                blockForcePushes: branchProtection?.block_force_pushes ?? true,
                blockDeletions: branchProtection?.block_deletions ?? true,
                requiredStatusChecks: [
                    ...(branchProtection?.required_status_checks ?? [])
                ]
            },
        scope: pick('scope') ?? 'range',
        approvals: {
            pullRequest: approvals.pull_request ?? 1,
            environment: approvals.environment ?? 0,
            independentOf,
            reviewers: approvals.reviewers === undefined ? null : [...approvals.reviewers],
            onLatestCommit: approvals.on_latest_commit ?? true,
            allowBots: approvals.allow_bots ?? false,
            unresolvedIdentities: approvals.unresolved_identities ?? 'block',
            directPushes: [...(approvals.direct_pushes ?? [])],
            requireVerifiedCommits: approvals.require_verified_commits ?? false
        },
        deployerIndependent: pick('deployer_independent') ?? false,
        breakGlass: breakGlass === false || breakGlass === undefined
            ? null
            : {
                approvers: [...breakGlass.approvers],
                reviewWithinSeconds: (0,duration/* parseDuration */.E9)(breakGlass.review_within)
            },
        environmentProtection: protection === false
            ? false
            : {
                deploymentBranches: protection?.deployment_branches ?? 'protected',
                requiredReviewers: protection?.required_reviewers ?? 0,
                preventSelfReview: protection?.prevent_self_review ??
                    (protection?.required_reviewers ?? 0) > 0,
                adminBypass: protection?.admin_bypass ?? true,
                waitTimer: protection?.wait_timer ?? 0
            },
        ciRequirement: checks === false
            ? false
            : {
                required: checks?.required === undefined ? null : [...checks.required],
                noFailures: checks?.no_failures ?? true
            }
    };
}
/**
 * One level deep: the environment's fields win; `false` on either side means
 * the whole key is what the environment says (off, or its own mapping alone).
 */
function mergeOneLevel(base, own) {
    if (own === undefined)
        return base;
    if (own === false || base === undefined || base === false)
        return own;
    return { ...base, ...own };
}
/**
 * `path@ref` entries: a ref without `refs/` names a branch (`main` is
 * `refs/heads/main`), as GitHub's `job_workflow_ref` always spells it in full.
 */
function trustedWorkflows(entries) {
    if (entries === undefined)
        return null;
    return entries.map((text) => {
        const at = text.indexOf('@');
        if (at < 0)
            return { text, path: text, ref: null };
        const ref = text.slice(at + 1);
        return {
            text,
            path: text.slice(0, at),
            ref: ref.startsWith('refs/') ? ref : `refs/heads/${ref}`
        };
    });
}

;// CONCATENATED MODULE: ./src/engine/policy/yaml-text.ts
// The policy's YAML text: the parsed document, where each key and value sits
// (line and column), and the problems found so far, each placed at its node.

function hasRange(node) {
    if (typeof node !== 'object' || node === null || !('range' in node)) {
        return false;
    }
    const { range } = node;
    return Array.isArray(range) && typeof range[0] === 'number';
}
/** The parsed text, its nodes' positions, and the problems found so far. */
class PolicyText {
    text;
    lineCounter = new dist/* LineCounter */.HN();
    doc;
    problems = [];
    seen = new Set();
    constructor(text) {
        this.text = text;
        this.doc = (0,dist/* parseDocument */.Tp)(text, {
            lineCounter: this.lineCounter,
            uniqueKeys: true,
            prettyErrors: false
        });
    }
    /** Adds a problem once, however many checks find it. */
    addAt(problem) {
        const { path, line, column, message } = problem;
        const id = `${path}\u0000${line}\u0000${column}\u0000${message}`;
        if (this.seen.has(id))
            return;
        this.seen.add(id);
        this.problems.push({ path, line, column, message });
    }
    add(problem) {
        const { line, column } = this.position(problem.path, problem.at);
        this.addAt({
            path: formatPath(problem.path),
            line,
            column,
            message: problem.message
        });
    }
    addYamlError(error) {
        const [start, end] = error.pos;
        const { line, col } = this.lineCounter.linePos(start);
        if (error.code === 'DUPLICATE_KEY') {
            const path = this.pathAt(start);
            const key = path.at(-1) ?? this.text.slice(start, end);
            this.addAt({
                path: formatPath(path),
                line,
                column: col,
                message: `duplicate key ${JSON.stringify(String(key))} (a key may appear ` +
                    'only once in a mapping)'
            });
        }
        else {
            // After a syntax error the structure around it is a guess: no path.
            this.addAt({
                path: '',
                line,
                column: col,
                message: `invalid YAML: ${error.message}`
            });
        }
    }
    sortedProblems() {
        return [...this.problems].sort((a, b) => a.line - b.line ||
            a.column - b.column ||
            a.path.localeCompare(b.path) ||
            a.message.localeCompare(b.message));
    }
    /**
     * Line and column of the key (`key`) or the value (`value`) at `path`,
     * falling back to the nearest node that exists, then to 1:1.
     */
    position(path, at) {
        const node = this.nodeAt(path, at);
        if (node === undefined)
            return { line: 1, column: 1 };
        const { line, col } = this.lineCounter.linePos(node.range[0]);
        return { line, column: col };
    }
    nodeAt(path, at) {
        let node = this.doc.contents;
        let key = undefined;
        let best = hasRange(node) ? node : undefined;
        for (const segment of path) {
            if ((0,dist/* isAlias */.Vj)(node))
                node = node.resolve(this.doc);
            let next;
            if ((0,dist/* isMap */.jh)(node)) {
                const pair = node.items.findLast((item) => keyText(item.key) === String(segment));
                if (pair !== undefined)
                    next = { key: pair.key, value: pair.value };
            }
            else if ((0,dist/* isSeq */.oP)(node) && typeof segment === 'number') {
                const item = node.items[segment];
                if (item !== undefined)
                    next = { key: item, value: item };
            }
            if (next === undefined)
                return best;
            key = next.key;
            node = next.value;
            const anchor = hasRange(key) ? key : undefined;
            best = anchor ?? (hasRange(node) ? node : best);
        }
        if (at === 'key' && hasRange(key))
            return key;
        // An absent value (`soak:`) has an empty range at the end of the line;
        // its key is the more useful place to point at.
        if (hasRange(node) && node.range[1] > node.range[0])
            return node;
        return best;
    }
    /** Adds a problem for each mapping key that is a list or mapping. */
    addCollectionKeys() {
        let count = 0;
        (0,dist/* visit */.YR)(this.doc, {
            Pair: (_, pair) => {
                if ((0,dist/* isScalar */.jn)(pair.key) || pair.key === null || !hasRange(pair.key)) {
                    return;
                }
                const { line, col } = this.lineCounter.linePos(pair.key.range[0]);
                this.addAt({
                    path: '',
                    line,
                    column: col,
                    message: 'a key must be a plain string, not a list or mapping'
                });
                count++;
            }
        });
        return count;
    }
    /** Position of the first alias whose anchor is not defined before it. */
    unresolvedAlias() {
        const found = [];
        (0,dist/* visit */.YR)(this.doc, {
            Alias: (_, node) => {
                if (node.resolve(this.doc) !== undefined || !hasRange(node))
                    return;
                found.push(node.range[0]);
                return dist/* visit */.YR.BREAK;
            }
        });
        const [offset] = found;
        if (offset === undefined)
            return undefined;
        const { line, col } = this.lineCounter.linePos(offset);
        return { line, column: col };
    }
    /** Path of the innermost mapping key or sequence item around `offset`. */
    pathAt(offset) {
        const path = [];
        let node = this.doc.contents;
        for (;;) {
            if ((0,dist/* isMap */.jh)(node)) {
                const pair = node.items.find((item) => within(item.key, offset) ||
                    (within(item.value, offset) && !(0,dist/* isScalar */.jn)(item.value)));
                if (pair === undefined)
                    return path;
                path.push(keyText(pair.key));
                if (within(pair.key, offset))
                    return path;
                node = pair.value;
            }
            else if ((0,dist/* isSeq */.oP)(node)) {
                const index = node.items.findIndex((item) => within(item, offset) && !(0,dist/* isScalar */.jn)(item));
                if (index < 0)
                    return path;
                path.push(index);
                node = node.items[index];
            }
            else {
                return path;
            }
        }
    }
}
function within(node, offset) {
    return hasRange(node) && node.range[0] <= offset && offset < node.range[2];
}
function keyText(key) {
    if ((0,dist/* isScalar */.jn)(key))
        return String(key.value);
    return String(key);
}
/** `environments.production.soak`, `after[1]`, `environments["eu west"]` */
function formatPath(path) {
    let out = '';
    for (const segment of path) {
        if (typeof segment === 'number')
            out += `[${segment}]`;
        else if (/^[A-Za-z0-9_-]+$/.test(segment)) {
            out += out === '' ? segment : `.${segment}`;
        }
        else
            out += `[${JSON.stringify(segment)}]`;
    }
    return out;
}

;// CONCATENATED MODULE: ./src/engine/policy/load.ts
// Reads the policy file of SPEC §4: YAML → schema validation → semantic
// checks → defaults merged and filled in. Every problem found is reported at
// once, each with the key's dotted path and the line and column of the YAML
// node, so one round of fixes is enough.





// Compiled ahead of time from policyJsonSchema by scripts/write-schemas.ts
// (compiling at run time was most of a decision's CPU time); a test keeps
// the generated module in step with the schema.





/**
 * Parses, validates and resolves a policy. Throws a PolicyError naming every
 * problem (path, line, column) when the text is not a valid policy.
 */
function loadPolicy(text, source) {
    const file = new PolicyText(text);
    const failure = () => new errors/* PolicyError */.pn(source.path, file.sortedProblems(), `Fix ${source.path} on ${source.ref}: the gate reads the policy from ` +
        'there and blocks every deployment while it is invalid.');
    const fail = (message, at = { line: 1, column: 1 }) => {
        file.addAt({ path: '', ...at, message });
        return failure();
    };
    const { doc } = file;
    for (const error of doc.errors)
        file.addYamlError(error);
    for (const warning of doc.warnings)
        file.addYamlError(warning);
    // A duplicate key leaves a usable document (the last value wins), so keep
    // going and report the rest too; after a syntax error the shape is a guess.
    if (doc.errors.some((e) => e.code !== 'DUPLICATE_KEY'))
        throw failure();
    if (doc.contents === null) {
        throw fail('the policy file is empty: it needs at least "version: 1" and ' +
            '"environments:"');
    }
    if (!(0,dist/* isMap */.jh)(doc.contents)) {
        throw fail('the policy must be a mapping with the keys version and environments, ' +
            `not ${describeValue(doc.contents.toJSON())}`);
    }
    // `? [a, b]: ...` keys cannot become object keys without losing meaning.
    if (file.addCollectionKeys() > 0)
        throw failure();
    let data;
    try {
        data = doc.toJS({ maxAliasCount: 100 });
    }
    catch (error) {
        throw fail(`cannot read the YAML: ${errorText(error)}`, file.unresolvedAlias());
    }
    // Maps, Sets, buffers and dates from YAML tags look like objects with no
    // keys to a JSON Schema: a setting written that way would silently drop.
    const exotic = exoticValue(data, []);
    if (exotic !== null) {
        file.add({
            path: exotic.path,
            at: 'value',
            message: `a ${exotic.kind} (from a YAML tag such as !!omap or !!set) is not allowed here: write a plain mapping, list or value`
        });
        throw failure();
    }
    if (!policy_validator_generated(data)) {
        for (const problem of schemaProblems(policy_validator_generated.errors ?? [], data)) {
            file.add(problem);
        }
    }
    checkAfter(data, file);
    // Only once the shapes are right: a bad duration is already reported.
    if (file.problems.length === 0)
        checkDurations(data, file);
    if (file.problems.length > 0)
        throw failure();
    return resolvePolicy(data, source);
}
/**
 * The policy of one environment; throws a PolicyError listing the
 * environments the policy has when `name` is not one of them.
 */
function environmentPolicy(policy, name) {
    if (Object.hasOwn(policy.environments, name)) {
        const env = policy.environments[name];
        if (env !== undefined)
            return env;
    }
    const file = policy.source.path;
    const names = Object.keys(policy.environments);
    const known = names.length === 0 ? 'it has none' : `it has: ${names.join(', ')}`;
    const guess = closest(name, names);
    throw new errors/* PolicyError */.pn(file, [
        {
            path: 'environments',
            line: 0,
            column: 0,
            message: `environment ${JSON.stringify(name)} is not in the policy ` +
                `(${known})` +
                (guess === undefined
                    ? ''
                    : `; did you mean ${JSON.stringify(guess)}?`)
        }
    ], `Add ${JSON.stringify(name)} under environments: in ${file}, or deploy ` +
        'to an environment the policy names.');
}

;// CONCATENATED MODULE: ./src/engine/policy/index.ts
// The policy's one door: what code outside src/engine/policy/ may use. How
// the file is parsed, checked and resolved stays behind it.



;// CONCATENATED MODULE: ./src/engine/rules/makers.ts
// Who made a change (SPEC §4 `approvals`, §5.6 maker-checker, §5.7
// segregation). Which approvals of it are independent of them: approvers.ts.


/**
 * Everyone who deploys: who started the run (`github.actor`), who started
 * its current attempt (`github.triggering_actor`, a re-run), and the
 * request's deployer; case-insensitively distinct, in that order. "Re-run
 * workflows use the privileges of the actor who initially triggered the
 * workflow, not the privileges of the actor who initiated the re-run"
 * (docs.github.com/en/actions/how-tos/managing-workflow-runs-and-deployments/managing-workflow-runs/re-running-workflows-and-jobs):
 * the first trigger deploys as much as the re-runner does.
 */
function deployersOf(facts) {
    const found = new Map();
    for (const login of [
        facts.run.actor,
        facts.run.triggeringActor,
        facts.deployer
    ]) {
        if (login !== null && login !== '' && !found.has(loginKey(login))) {
            found.set(loginKey(login), login);
        }
    }
    return [...found.values()];
}
/**
 * A bot's identity in a commit: GitHub maps no `User` to its address, the
 * gatherer names the bot from it (parse.ts). The humans in a bot commit's
 * `Co-authored-by` are who the bot worked for: Copilot's coding agent
 * co-authors its commits with the person who asked it, whose approval
 * GitHub does not count ("your approval won't count toward the required
 * number of approvals", docs.github.com/en/copilot/how-tos/use-copilot-agents/coding-agent/review-copilot-prs).
 */
function isBotIdentity(identity) {
    return identity.login !== null && isBotLogin(identity.login);
}
/**
 * GitHub's "Update branch" merge on a pull request page: committed by GitHub
 * (web-flow), authored by whoever clicked, `Merge branch '<base>' into
 * <head>` (strands-labs/robots#3190). Its author is a maker like any other
 * (GitHub's own last-push rule makes them "the last pusher",
 * chipsalliance/Caliptra#28); knowing it only words the message.
 */
function isBranchUpdate(commit, pr) {
    return (commit.committer.isWebFlow &&
        (commit.parents === null || commit.parents.length === 2) &&
        commit.message.startsWith(`Merge branch '${pr.baseRefName}' into `));
}
/** For a bot's commit: the first of these kinds the policy asks for. */
const ON_BEHALF_KINDS = [
    'co_authors',
    'commit_authors',
    'author'
];
/**
 * The makers of one change, for the given kinds (by default the policy's
 * `approvals.independent_of`):
 * - `author`: the pull request's author; for a direct push, the commit's
 *   author (the person the change came from).
 * - `commit_authors`, `committers`, `co_authors`: of every commit of the pull
 *   request, or of the commit itself for a direct push. The merge or squash
 *   commit GitHub makes when the pull request is merged is not one of them:
 *   its author is whoever pressed "merge", typically the approver. An
 *   "Update branch" merge is one: whoever clicked authored it.
 * - the `Co-authored-by` humans of a bot's commit (Copilot's agent, a
 *   Dependabot commit someone amended) count as `co_authors`, or, when the
 *   policy does not ask for those, as the bot's own kind: they made it.
 * - `deployer`: everyone who deploys (deployersOf).
 * GitHub's `web-flow` committer is not a person and is skipped. A deleted
 * pull request author (null) cannot approve either, so it is not reported.
 */
function makersOf(change, facts, policy, kinds = policy.approvals.independentOf) {
    const wanted = new Set(kinds);
    const makers = new Map();
    const unresolved = [];
    const seenUnresolved = new Set();
    const addIdentity = (identity, kind, commit, branchUpdate = false) => {
        if (kind === undefined || !wanted.has(kind) || identity.isWebFlow)
            return;
        if (identity.login !== null) {
            record(makers, identity.login, {
                kind,
                where: shortSha(commit.oid),
                ...(branchUpdate ? { branchUpdate: true } : {})
            });
            return;
        }
        const key = `${(identity.email ?? '').toLowerCase()}|${identity.name ?? ''}`;
        if (seenUnresolved.has(key))
            return;
        seenUnresolved.add(key);
        unresolved.push({ ...identity, kind, commit: shortSha(commit.oid) });
    };
    const pr = change.pullRequest;
    if (pr === null) {
        addIdentity(change.commit.author, 'author', change.commit);
    }
    else if (wanted.has('author') && pr.author !== null) {
        record(makers, pr.author.login, {
            kind: 'author',
            where: `PR #${pr.number}`
        });
    }
    for (const commit of pr === null ? [change.commit] : pr.commits) {
        const update = pr !== null && isBranchUpdate(commit, pr);
        addIdentity(commit.author, 'commit_authors', commit, update);
        addIdentity(commit.committer, 'committers', commit);
        const forBot = isBotIdentity(commit.author)
            ? ON_BEHALF_KINDS.find((k) => wanted.has(k))
            : 'co_authors';
        for (const coAuthor of commit.coAuthors) {
            addIdentity(coAuthor, forBot, commit);
        }
    }
    if (wanted.has('deployer')) {
        for (const login of deployersOf(facts)) {
            record(makers, login, { kind: 'deployer', where: 'the deployment' });
        }
    }
    return { makers, unresolved };
}
function record(makers, login, role) {
    const key = loginKey(login);
    let maker = makers.get(key);
    if (maker === undefined) {
        maker = { login, kinds: [], roles: [] };
        makers.set(key, maker);
    }
    if (!maker.kinds.includes(role.kind))
        maker.kinds.push(role.kind);
    if (!maker.roles.some((r) => r.kind === role.kind && r.where === role.where)) {
        maker.roles.push(role);
    }
}
/** Merges the makers of several changes (e.g. every change in scope). */
function mergeMakers(all) {
    const makers = new Map();
    const unresolved = [];
    for (const one of all) {
        unresolved.push(...one.unresolved);
        for (const maker of one.makers.values()) {
            for (const role of maker.roles)
                record(makers, maker.login, role);
        }
    }
    return { makers, unresolved };
}
const PREFIX = {
    author: 'the author of',
    commit_authors: 'the author of',
    committers: 'the committer of',
    co_authors: 'a co-author of',
    deployer: 'the deployer'
};
const BRANCH_UPDATE = 'the one who updated the branch with';
/**
 * `the author of PR #12 and 5d6e7f8 and a co-author of 1a2b3c4`; an
 * "Update branch" merge reads `the one who updated the branch with 9f8e7d6`.
 */
function describeMaker(maker) {
    const groups = new Map();
    for (const role of maker.roles) {
        const prefix = role.branchUpdate === true ? BRANCH_UPDATE : PREFIX[role.kind];
        const where = groups.get(prefix) ?? [];
        groups.set(prefix, where);
        if (role.kind !== 'deployer' && !where.includes(role.where)) {
            where.push(role.where);
        }
    }
    return andList([...groups].map(([prefix, where]) => where.length === 0 ? prefix : `${prefix} ${shortList(where)}`));
}
/** The "Update branch" merges that alone make `maker` one: null if any other role does. */
function onlyBranchUpdates(maker) {
    if (maker.roles.some((r) => r.branchUpdate !== true))
        return null;
    return maker.roles.map((r) => r.where);
}
function shortList(items) {
    if (items.length <= 3)
        return andList(items);
    return `${items.slice(0, 3).join(', ')} and ${items.length - 3} more`;
}
/** How to name an identity without a login in a message. */
function describeIdentity(identity) {
    return identity.email ?? identity.name ?? 'an identity with no name or email';
}

;// CONCATENATED MODULE: ./src/engine/rules/approval-record.ts
// SPEC §5.5 `approval-record`: every change in scope entered the branch
// through a merged pull request with an approving review bound to its final
// head (or is a direct push by a login in `direct_pushes`), and, when the
// policy asks for environment approvals, this run carries one. Whether the
// approvals are independent of the makers is maker-checker's question.



function check(facts, policy, now) {
    const problems = [];
    const links = [];
    const branch = branchLabel(facts, policy);
    const seen = new Set();
    let directPushes = 0;
    for (const change of facts.changes) {
        const pr = change.pullRequest;
        if (pr === null) {
            const problem = directPushProblem(change, policy, branch);
            if (problem !== null) {
                problems.push(problem);
                continue;
            }
            directPushes += 1;
            const carried = change.carriedBy === undefined
                ? ''
                : ` carried in by ${shortSha(change.carriedBy)}`;
            links.push({
                kind: 'commit',
                url: change.commit.url,
                label: `direct push ${shortSha(change.commit.oid)}${carried} (approvals.direct_pushes)`
            });
            continue;
        }
        if (seen.has(pr.number))
            continue;
        seen.add(pr.number);
        links.push({ kind: 'pull_request', url: pr.url, label: `PR #${pr.number}` });
        const outcome = pullRequestRecord(pr, change.commit, policy, branch, now);
        if (typeof outcome === 'string')
            problems.push(outcome);
        else
            links.push(outcome);
    }
    const changeProblems = problems.length;
    let failed = changeProblems > 0;
    let unverified = false;
    if (policy.approvals.environment > 0) {
        const run = runRecord(facts.run, facts.environment, policy);
        if (run !== null) {
            problems.push(run.problem);
            if (run.unverified)
                unverified = true;
            else
                failed = true;
        }
    }
    const status = statusOf(failed, unverified);
    const direct = directPushes > 0
        ? ` (${plural(directPushes, 'allowed direct push', 'allowed direct pushes')})`
        : '';
    const count = plural(facts.changes.length, 'change');
    const summary = status === 'pass'
        ? `every change in scope has an approval record: ${count}${direct}`
        : changeProblems > 0
            ? `${plural(changeProblems, 'change')} without an approval record`
            : status === 'fail'
                ? 'this run carries no environment approval record'
                : 'could not read the environment approvals of this run';
    return result('approval-record', status, summary, problems, links);
}
function directPushProblem(change, policy, branch) {
    const commit = change.commit;
    const allowed = policy.approvals.directPushes;
    const ok = (identity) => identity.login !== null && includesLogin(allowed, identity.login);
    const offenders = [commit.author];
    if (!commit.committer.isWebFlow)
        offenders.push(commit.committer);
    const names = [
        ...new Set(offenders.filter((i) => !ok(i)).map((i) => approval_record_name(i)))
    ];
    if (names.length === 0)
        return null;
    const who = andList(names);
    if (change.carriedBy !== undefined) {
        // SPEC §5.5: only a pull request's own merge brings its commits in; a
        // commit another merge (a local merge pushed directly) carried in is a
        // change of its own, whatever pull request GitHub associates it with.
        const merge = shortSha(change.carriedBy);
        return `${shortSha(commit.oid)} (by ${who}) was carried into ${branch} by the merge ${merge}, not by a merged pull request of its own: every commit a merge brings in needs its own approval record; merge ${shortSha(commit.oid)} through an approved pull request, or list ${who} in approvals.direct_pushes`;
    }
    return `${shortSha(commit.oid)} reached ${branch} without a pull request (direct push by ${who}): merge changes through a pull request, or list ${who} in approvals.direct_pushes`;
}
function approval_record_name(identity) {
    return identity.login ?? `${describeIdentity(identity)} (no GitHub account)`;
}
/** The review that makes the record, or what is missing. */
function pullRequestRecord(pr, commit, policy, branch, now) {
    const sha = shortSha(commit.oid);
    const head = shortSha(pr.headRefOid);
    if (!pr.merged) {
        return `${sha} reached ${branch} outside PR #${pr.number}, which is not merged: merge changes through an approved pull request`;
    }
    if (!matchesBranch(pr.baseRefName, policy.branches)) {
        return `PR #${pr.number} was merged into ${pr.baseRefName}, not into ${orList(policy.branches)}: merge changes into ${orList(policy.branches)} through an approved pull request`;
    }
    const approvals = pr.reviews.filter((r) => r.state === 'APPROVED' &&
        r.author !== null &&
        (r.submittedAt === null || timeOf(r.submittedAt) <= now.getTime()));
    const bound = approvals.find((r) => r.commitOid === pr.headRefOid);
    if (bound !== undefined) {
        return {
            kind: 'review',
            url: bound.url,
            label: `approval of PR #${pr.number} on ${head}`
        };
    }
    const stale = approvals.filter((r) => r.commitOid !== null);
    const last = stale[stale.length - 1];
    if (last?.commitOid) {
        return `PR #${pr.number} was approved on ${shortSha(last.commitOid)} but its final head is ${head} (a push came after the approval): ask for an approving review of ${head}`;
    }
    if (approvals.length > 0) {
        return `PR #${pr.number} was approved, but GitHub no longer knows on which commit, so no approval is bound to its final head ${head}: ask for an approving review of ${head}`;
    }
    return `PR #${pr.number} was merged without an attributable approving review: merge changes only after someone approves them, and require approvals in the branch's protection`;
}
function runRecord(run, environment, policy) {
    const approvals = run.approvals;
    if (approvals === null) {
        return {
            unverified: false,
            problem: `no workflow run approvals available (the gate must run inside the deployment's workflow run): ${policy.name} needs ${plural(policy.approvals.environment, 'environment approval')}; run the gate in the job that deploys to ${environment}`
        };
    }
    if (isUnreadable(approvals)) {
        return {
            unverified: true,
            problem: `cannot read the environment approvals of this run: grant the token \`${approvals.permission}\` (GitHub said: ${approvals.detail})`
        };
    }
    const env = environment.toLowerCase();
    const approved = approvals.some((a) => a.state === 'approved' &&
        a.environments.some((e) => e.toLowerCase() === env));
    if (approved)
        return null;
    return {
        unverified: false,
        problem: `this run has no approval for the ${environment} environment, and ${policy.name} needs ${plural(policy.approvals.environment, 'environment approval')}: add required reviewers to the ${environment} environment so that every deployment waits for one`
    };
}

;// CONCATENATED MODULE: ./src/engine/protection.ts
// What a branch's protection amounts to: its active ruleset rules and its
// classic protection read as one set of settings, and whether those meet a
// policy's requirement. Facts-level, so gathering (which reads classic
// protection only when the rules fall short) and the `branch-protection`
// rule (which words the shortfall) share one reading.
const NO_PROTECTION = {
    requiredApprovals: 0,
    dismissStaleReviews: false,
    requireLastPushApproval: false,
    requireCodeOwnerReview: false,
    blockForcePushes: false,
    blockDeletions: false,
    requiredStatusChecks: []
};
function settingsOfRules(rules) {
    const settings = { ...NO_PROTECTION, requiredStatusChecks: [] };
    for (const rule of rules) {
        if (rule.type === 'pull_request' && rule.pullRequest !== undefined) {
            settings.requiredApprovals = Math.max(settings.requiredApprovals, rule.pullRequest.requiredApprovingReviewCount);
            settings.dismissStaleReviews ||=
                rule.pullRequest.dismissStaleReviewsOnPush;
            settings.requireLastPushApproval ||=
                rule.pullRequest.requireLastPushApproval;
            settings.requireCodeOwnerReview ||=
                rule.pullRequest.requireCodeOwnerReview;
        }
        if (rule.type === 'non_fast_forward')
            settings.blockForcePushes = true;
        if (rule.type === 'deletion')
            settings.blockDeletions = true;
        if (rule.type === 'required_status_checks') {
            settings.requiredStatusChecks.push(...(rule.requiredStatusChecks ?? []));
        }
    }
    return settings;
}
function settingsOfClassic(classic) {
    return {
        requiredApprovals: classic.requiredApprovingReviewCount ?? 0,
        dismissStaleReviews: classic.dismissStaleReviews,
        requireLastPushApproval: classic.requireLastPushApproval,
        requireCodeOwnerReview: classic.requireCodeOwnerReviews,
        blockForcePushes: !classic.allowForcePushes,
        blockDeletions: !classic.allowDeletions,
        requiredStatusChecks: [...classic.requiredStatusChecks]
    };
}
/** Rulesets and classic protection both apply: the stronger setting wins. */
function strongest(a, b) {
    return {
        requiredApprovals: Math.max(a.requiredApprovals, b.requiredApprovals),
        dismissStaleReviews: a.dismissStaleReviews || b.dismissStaleReviews,
        requireLastPushApproval: a.requireLastPushApproval || b.requireLastPushApproval,
        requireCodeOwnerReview: a.requireCodeOwnerReview || b.requireCodeOwnerReview,
        blockForcePushes: a.blockForcePushes || b.blockForcePushes,
        blockDeletions: a.blockDeletions || b.blockDeletions,
        requiredStatusChecks: [
            ...new Set([...a.requiredStatusChecks, ...b.requiredStatusChecks])
        ]
    };
}
/** The boolean settings in the order a shortfall is reported. */
const FLAGS = [
    'dismissStaleReviews',
    'requireLastPushApproval',
    'requireCodeOwnerReview',
    'blockForcePushes',
    'blockDeletions'
];
/** Every need of the requirement, in the order a shortfall is reported. */
function needsOf(req) {
    const list = [];
    if (req.requiredApprovals > 0) {
        list.push({ kind: 'approvals', count: req.requiredApprovals });
    }
    for (const setting of FLAGS) {
        if (req[setting])
            list.push({ kind: 'flag', setting });
    }
    for (const context of req.requiredStatusChecks) {
        list.push({ kind: 'statusCheck', context });
    }
    return list;
}
function provides(settings, need) {
    switch (need.kind) {
        case 'approvals':
            return settings.requiredApprovals >= need.count;
        case 'flag':
            return settings[need.setting];
        case 'statusCheck':
            return settings.requiredStatusChecks.includes(need.context);
    }
}
/** Whether the settings meet every requirement of the policy. */
function meets(settings, req) {
    return needsOf(req).every((need) => provides(settings, need));
}

;// CONCATENATED MODULE: ./src/engine/rules/bypass-note.ts
// What branch-protection says about ruleset bypass actors (SPEC §5.4, §7):
// an `exempt` actor is named, because "rules will not be run for that actor
// and a bypass audit entry will not be created"
// (docs.github.com/en/rest/repos/rules#create-a-repository-ruleset,
// `bypass_mode`): the branch's protection does not hold for it and nothing
// records its pushes. Bypass actors the token could not read are named too.
// A note, not a violation: SPEC §5.4's required settings say nothing of
// bypass actors, an `always` actor (whose bypasses are at least recorded)
// passes today, and a workflow token can never read them.


/** `; note: ...` for the summary, or '' when there is nothing to say. */
function bypassNote(facts, branches) {
    const rulesets = new Map();
    for (const b of branches) {
        for (const r of b.rulesetBypass ?? [])
            rulesets.set(r.id, r);
    }
    const all = [...rulesets.values()];
    const settings = `${facts.repository.url}/settings/rules`;
    const notes = [];
    for (const r of all) {
        if (isUnreadable(r.actors))
            continue;
        const exempt = r.actors.filter((a) => a.mode === 'exempt');
        if (exempt.length === 0)
            continue;
        const them = exempt.length === 1 ? 'it' : 'them';
        notes.push(`${rulesetName(r)} exempts ${andList(exempt.map(actorName))} (bypass mode "exempt"): GitHub does not run its rules for ${them} and creates no bypass audit entry, so ${them === 'it' ? 'its' : 'their'} pushes skip this protection without a trace; set the bypass mode to "always" or remove ${them} (${settings})`);
    }
    const unread = all.flatMap((r) => isUnreadable(r.actors) ? [{ name: rulesetName(r), why: r.actors }] : []);
    const first = unread[0];
    if (first !== undefined) {
        notes.push(`the bypass actors of ${andList(unread.map((u) => u.name))} cannot be read with this token (needs \`${first.why.permission}\` or a repository admin's token; a workflow's GITHUB_TOKEN never can): an exempt actor would bypass the rules without a trace; check them in the ruleset settings (${settings}) or run \`promotion-gate access\` with an admin token`);
    }
    return notes.length === 0 ? '' : `; note: ${notes.join('; ')}`;
}
function rulesetName(r) {
    return r.name === null ? `ruleset ${r.id}` : `ruleset "${r.name}" (${r.id})`;
}
// Repository roles by id: 2 maintain, 4 write, 5 admin
// (docs.github.com/en/rest/repos/rules, `actor_id`).
const ROLES = { 2: 'maintain', 4: 'write', 5: 'admin' };
/** As the access matrix names them (access/bypass.ts). */
function actorName(a) {
    if (a.actorType === 'OrganizationAdmin')
        return 'organization admins';
    if (a.actorType === 'DeployKey')
        return 'deploy keys';
    if (a.actorId === null)
        return a.actorType;
    if (a.actorType === 'RepositoryRole') {
        return `repository role ${ROLES[a.actorId] ?? String(a.actorId)}`;
    }
    return `${a.actorType} ${a.actorId}`;
}

;// CONCATENATED MODULE: ./src/engine/rules/branch-protection.ts
// SPEC §5.4 `branch-protection`: every policy branch holding the deployed
// commit is protected, by rulesets or classic protection, with at least the
// required settings. Rulesets in `evaluate` mode never reach Facts (the
// gatherer keeps active rules only). A 403 is "cannot tell", never
// "unprotected"; a 404 on classic protection (null) means none. Exempt
// ruleset bypass actors, and bypass actors the token cannot read, are
// noted in the message (bypass-note.ts).




const nothing = () => '';
const FLAG_WORDS = {
    dismissStaleReviews: {
        what: 'dismissal of stale approvals on push',
        fix: 'enable "Dismiss stale pull request approvals when new commits are pushed"'
    },
    requireLastPushApproval: {
        what: 'approval of the most recent push',
        fix: 'enable "Require approval of the most recent reviewable push"'
    },
    requireCodeOwnerReview: {
        what: 'code owner review',
        fix: 'enable "Require review from Code Owners"'
    },
    blockForcePushes: {
        what: 'blocked force pushes',
        fix: 'enable "Block force pushes" in a ruleset (or turn off "Allow force pushes" in branch protection)'
    },
    blockDeletions: {
        what: 'blocked deletion',
        fix: 'enable "Restrict deletions" in a ruleset (or turn off "Allow deletions" in branch protection)'
    }
};
function inWords(need) {
    const met = (s) => provides(s, need);
    switch (need.kind) {
        case 'approvals':
            return {
                what: plural(need.count, 'required approving review'),
                met,
                actual: (s) => ` (it requires ${s.requiredApprovals})`,
                fix: `set "Required approvals" to at least ${need.count} in the pull request rule of a ruleset (or in branch protection)`
            };
        case 'statusCheck':
            return {
                what: `the required status check "${need.context}"`,
                met,
                actual: nothing,
                fix: `add "${need.context}" to the required status checks`
            };
        case 'flag':
            return { ...FLAG_WORDS[need.setting], met, actual: nothing };
    }
}
function requirements(req) {
    return needsOf(req).map(inWords);
}
function evaluateBranch(branch, req) {
    const { rules, classic } = branch;
    const name = branch.name;
    let known = NO_PROTECTION;
    if (!isUnreadable(rules))
        known = strongest(known, settingsOfRules(rules));
    if (classic !== null && !isUnreadable(classic)) {
        known = strongest(known, settingsOfClassic(classic));
    }
    const wanted = requirements(req);
    const unmet = wanted.filter((r) => !r.met(known));
    const noRules = !isUnreadable(rules) && rules.length === 0;
    if (noRules && classic === null) {
        const needs = wanted.length > 0 ? ` with ${andList(wanted.map((r) => r.what))}` : '';
        return {
            status: 'fail',
            problems: [
                `branch ${name} is not protected: add a ruleset (or branch protection) targeting ${name}${needs}`
            ]
        };
    }
    const unreadable = [];
    if (isUnreadable(rules))
        unreadable.push(['rulesets', rules]);
    if (isUnreadable(classic)) {
        unreadable.push(['classic branch protection', classic]);
    }
    if (unreadable.length === 0) {
        return {
            status: unmet.length === 0 ? 'pass' : 'fail',
            problems: unmet.map((r) => `${name} does not have ${r.what}${r.actual(known)}: ${r.fix}`)
        };
    }
    const hasRules = !isUnreadable(rules) && rules.length > 0;
    const hasClassic = classic !== null && !isUnreadable(classic);
    if (unmet.length === 0 && (hasRules || hasClassic)) {
        return { status: 'pass', problems: [] };
    }
    const readPart = whatWasRead(rules, classic);
    const cannotRead = unreadable.map(([what, u]) => `its ${what} cannot be read (grant the token \`${u.permission}\`; GitHub said: ${u.detail})`);
    const needs = unmet.length > 0 ? andList(unmet.map((r) => r.what)) : 'any protection';
    return {
        status: 'error',
        problems: [
            `cannot tell whether ${name} has ${needs}: ${andList([...readPart, ...cannotRead])}; a 403 means "cannot tell", not "unprotected"`
        ]
    };
}
/** What the readable half says, next to the unreadable half. */
function whatWasRead(rules, classic) {
    if (!isUnreadable(rules)) {
        return [
            rules.length > 0
                ? 'its rulesets alone do not provide it'
                : 'it has no active ruleset'
        ];
    }
    if (classic === null)
        return ['it has no classic branch protection'];
    if (isUnreadable(classic))
        return [];
    return ['its classic branch protection alone does not provide it'];
}
function branch_protection_check(facts, policy, _now) {
    const req = policy.branchProtection;
    if (req === false) {
        return result('branch-protection', 'skipped', `branch protection is not required for ${policy.name} (branch_protection: false)`);
    }
    const branches = containingBranches(facts, policy);
    const globs = orList(policy.branches);
    if (branches.length === 0) {
        const sha = shortSha(facts.sha);
        return result('branch-protection', 'fail', `${sha} is on no branch matching ${globs}`, [
            `${sha} is on no branch matching ${globs}, so no protection applies to it: merge it into ${globs} through a pull request`
        ]);
    }
    const outcomes = branches.map((b) => evaluateBranch(b, req));
    const problems = outcomes.flatMap((o) => o.problems);
    const status = statusOf(outcomes.some((o) => o.status === 'fail'), outcomes.some((o) => o.status === 'error'));
    const names = andList(branches.map((b) => b.name));
    const summary = status === 'pass'
        ? `${names} protected with at least the required settings`
        : status === 'fail'
            ? `${names} not protected as ${policy.name} requires`
            : `could not verify the protection of ${names}`;
    return result('branch-protection', status, summary + bypassNote(facts, branches), problems);
}

;// CONCATENATED MODULE: ./src/engine/rules/pinned-checks.ts
// SPEC §5.9: a required check whose rule pins its source (a ruleset's
// `integration_id`, classic protection's `checks[].app_id`) is satisfied
// only by a check run of that app; for GitHub Actions only by the check run
// of a workflow job. A commit status never is: any token with
// `statuses: write` posts any context. Nor is a check run a token created
// through the Checks API: a workflow's GITHUB_TOKEN makes it as the GitHub
// Actions app, but it has no job (and so no steps) behind it.

/** GitHub Actions' app id, as rulesets name it (`integration_id`). */
const GITHUB_ACTIONS = 15368;
/**
 * The apps each required context is pinned to, by the readable rules and
 * classic protection of the policy's branches that hold the commit. Pins
 * apply to names the policy lists in `checks.required` too.
 */
function pinsOf(facts, policy) {
    const pins = new Map();
    for (const b of containingBranches(facts, policy)) {
        const sources = [
            ...('unreadable' in b.rules ? [] : b.rules),
            ...(b.classic === null || 'unreadable' in b.classic ? [] : [b.classic])
        ];
        for (const p of sources.flatMap((s) => s.pinnedChecks ?? [])) {
            const apps = pins.get(p.context) ?? [];
            if (!apps.includes(p.appId))
                pins.set(p.context, [...apps, p.appId]);
        }
    }
    return pins;
}
/**
 * Whether `r` comes from every app in `apps`: true, false, or Unreadable
 * when whether a GitHub Actions check run is a job could not be learned.
 */
function fromPinned(r, apps) {
    for (const app of apps) {
        if (r.kind !== 'check_run' || r.appId !== app)
            return false;
        if (app !== GITHUB_ACTIONS)
            continue;
        if (r.job === undefined) {
            return {
                unreadable: true,
                permission: 'checks: read',
                detail: 'whether it is the check run of a workflow job was not asked'
            };
        }
        if (r.job !== true)
            return r.job;
    }
    return true;
}
/** The app a pin names, in words. */
function appName(app) {
    return app === GITHUB_ACTIONS
        ? 'GitHub Actions (a workflow job)'
        : `the GitHub App with id ${app}`;
}
/** What a result that does not satisfy the pin is, in words. */
function whatItIs(r) {
    if (r.kind === 'status') {
        return `a commit status posted by ${r.by ?? 'an unknown account'}`;
    }
    if (r.appId === GITHUB_ACTIONS && r.job === false) {
        return 'a check run created through the Checks API (no workflow job behind it)';
    }
    return `a check run of ${r.by === null ? 'an unknown app' : `the app ${r.by}`}${r.appId === undefined || r.appId === null ? '' : ` (id ${r.appId})`}`;
}
/** The problem of a pinned check whose only successes come from elsewhere. */
function pinnedProblem(o) {
    const from = andList(o.apps.map(appName));
    const found = andList([...new Set(o.others.map(whatItIs))]);
    const fix = o.apps.includes(GITHUB_ACTIONS)
        ? `run \`${o.name}\` as a job of a workflow on ${o.where} (a status or a check run posted through the API by any token does not count)`
        : `have that app report \`${o.name}\` on ${o.where}`;
    return `the required check \`${o.name}\` must come from ${from}; the result on ${o.where} is ${found}: ${fix}, or change the required check's source in the ruleset or branch protection`;
}

;// CONCATENATED MODULE: ./src/engine/rules/checks.ts
// SPEC §5.9 `checks`: the deployed commit passed its tests. Every required
// name succeeded on the deployed commit, or on the final head of the pull
// request that introduced it; with `no_failures`, nothing on the deployed
// commit ended badly. The jobs of the current workflow run (the deploy job
// itself is still running) and the gate's own commit statuses never count.


/** The gate's own status contexts, `promotion-gate/<environment>`. */
const OWN_STATUS_PREFIX = 'promotion-gate/';
/**
 * What satisfies a required check: "required status checks must have a
 * successful, skipped, or neutral status" (docs.github.com/en/repositories/
 * configuring-branches-and-merges-in-your-repository/managing-protected-branches/
 * about-protected-branches#require-status-checks-before-merging).
 */
const SUCCEEDED = new Set(['success', 'neutral', 'skipped']);
/** SPEC §4 `no_failures`, plus `startup_failure`, a workflow that never ran. */
const FAILED = new Set([
    'failure',
    'error',
    'timed_out',
    'cancelled',
    'action_required',
    'startup_failure'
]);
/** The results that count: not the current run's jobs, not the gate's own status. */
function counted(results, runId) {
    const kept = results.filter((r) => !(r.kind === 'status' && r.name.startsWith(OWN_STATUS_PREFIX)) &&
        !(runId !== null && r.workflowRunId === runId));
    // The rollup keeps the latest run of a check per check suite, so a second
    // workflow run on the same commit lists its job beside the first one's
    // (a re-run replaces it). As for a required check on GitHub, the latest
    // run of a name by the same app is what counts.
    const key = (r) => JSON.stringify([r.by, r.name]);
    const latest = new Map();
    for (const r of kept) {
        if (r.kind !== 'check_run')
            continue;
        const seen = latest.get(key(r));
        if (seen === undefined || String(seen.at) < String(r.at))
            latest.set(key(r), r);
    }
    return kept.filter((r) => r.kind !== 'check_run' || latest.get(key(r)) === r);
}
function succeeded(r) {
    return r.completed && SUCCEEDED.has(r.state);
}
function failed(r) {
    return r.completed && FAILED.has(r.state);
}
/**
 * The required names: the policy's list, or else the required status checks
 * of the rulesets and classic protection of the policy's branches that hold
 * the commit. A string is a problem that keeps them from being known.
 */
function requiredChecks(facts, policy) {
    if (policy.ciRequirement === false)
        return { names: [], source: 'off' };
    if (policy.ciRequirement.required !== null) {
        return { names: [...policy.ciRequirement.required], source: 'the policy' };
    }
    const names = new Set();
    for (const b of containingBranches(facts, policy)) {
        if ('unreadable' in b.rules) {
            return {
                unknown: `the rules of branch ${b.name} could not be read, so its required checks are unknown (the token needs \`${b.rules.permission}\`); or list them in checks.required`
            };
        }
        for (const rule of b.rules) {
            for (const name of rule.requiredStatusChecks ?? [])
                names.add(name);
        }
        // Classic protection's required checks: from its full settings when
        // read, else from the rule non-admins see (GraphQL refUpdateRule).
        const classic = b.classic;
        if (classic !== null && !('unreadable' in classic)) {
            for (const name of classic.requiredStatusChecks)
                names.add(name);
        }
        else if (b.visibleClassic !== undefined) {
            for (const name of b.visibleClassic?.requiredStatusChecks ?? []) {
                names.add(name);
            }
        }
        else if (classic !== null) {
            return {
                unknown: `the classic protection of branch ${b.name} could not be read, so its required checks are unknown (the token needs \`${classic.permission}\`); or list them in checks.required`
            };
        }
    }
    return {
        names: [...names],
        source: "the required status checks of the branch's rules and protection"
    };
}
function checks_check(facts, policy, _now) {
    return judge(facts, policy).result;
}
/**
 * Every check run and status the decision relied on: those counted on the
 * deployed commit, and the required ones found on the pull request's head.
 */
function reliedOn(facts, policy) {
    return judge(facts, policy).relied;
}
function judge(facts, policy) {
    const done = (r, relied = []) => ({
        result: r,
        relied
    });
    const want = policy.ciRequirement;
    if (want === false) {
        return done(result('checks', 'skipped', 'test results are not checked (checks: false)'));
    }
    const short = shortSha(facts.sha);
    const read = facts.ciResults;
    if (read === null) {
        return done(result('checks', 'error', `the checks of ${short} were not read`, [
            `the checks of ${short} were not read, so whether its tests passed cannot be verified`
        ]));
    }
    const commit = read.commit;
    if ('unreadable' in commit.results) {
        return done(unreadable(short, commit));
    }
    const runId = facts.run.id;
    const here = counted(commit.results, runId);
    const required = requiredChecks(facts, policy);
    const problems = [];
    const links = [];
    let definite = false;
    let unverified = false;
    const fromHead = new Set();
    const relied = new Set();
    if ('unknown' in required) {
        problems.push(required.unknown);
        unverified = true;
    }
    else {
        const pins = pinsOf(facts, policy);
        for (const name of required.names) {
            const apps = pins.get(name) ?? [];
            // A success of the name from elsewhere than the pinned app, and one
            // whose being a job could not be learned (SPEC §5.9).
            const others = [];
            let cannotTell = null;
            const fits = (r) => {
                if (r.name !== name || !succeeded(r))
                    return false;
                const from = fromPinned(r, apps);
                if (from === true)
                    return true;
                if (from === false)
                    others.push(r);
                else
                    cannotTell ??= from;
                return false;
            };
            const ok = here.find(fits);
            if (ok !== undefined) {
                relied.add(ok);
                continue;
            }
            const head = read.pullRequestHead;
            if (head !== null && head.sha !== facts.sha) {
                if ('unreadable' in head.results) {
                    problems.push(`required check ${name} did not succeed on ${short}, and the checks of PR #${head.pullRequest}'s final head ${shortSha(head.sha)} could not be read (the token needs \`${head.results.permission}\`)`);
                    unverified = true;
                    continue;
                }
                const onHead = counted(head.results, runId).find(fits);
                if (onHead !== undefined) {
                    relied.add(onHead);
                    fromHead.add(onHead);
                    continue;
                }
            }
            const unsure = cannotTell;
            if (unsure !== null) {
                problems.push(`cannot tell whether the success of required check \`${name}\` comes from ${andList(apps.map(appName))}: ${unsure.detail} (the token needs \`${unsure.permission}\`)`);
                unverified = true;
                continue;
            }
            definite = true;
            if (others.length > 0) {
                problems.push(pinnedProblem({
                    name,
                    apps,
                    where: head === null || others.every((r) => here.includes(r))
                        ? short
                        : `${short} or PR #${head.pullRequest}'s final head`,
                    others
                }));
                continue;
            }
            // Reached only when head is null, unreadable (handled above) or the
            // commit itself, or the head had no success for the name.
            const other = head !== null &&
                head.sha !== facts.sha &&
                !('unreadable' in head.results)
                ? {
                    label: `PR #${head.pullRequest}'s final head`,
                    runs: counted(head.results, runId).filter((r) => r.name === name)
                }
                : null;
            const seen = [
                ...here.filter((r) => r.name === name),
                ...(other === null ? [] : other.runs)
            ];
            problems.push(seen.length === 0
                ? `required check ${name} has not run on ${short}${other === null ? '' : ` nor on ${other.label}`}: run it, or correct the name in checks.required or the branch's required status checks`
                : `required check ${name} did not succeed on ${short}${other !== null && other.runs.length > 0 ? ` or on ${other.label}` : ''}: it is ${andList(seen.map((r) => r.state))}`);
        }
    }
    if (want.noFailures) {
        for (const r of here.filter(failed)) {
            definite = true;
            relied.add(r);
            problems.push(`${r.kind === 'status' ? 'status' : 'check'} ${r.name} on ${short} ended in ${r.state}${r.url === null ? '' : ` (${r.url})`}: fix it and run it again before deploying`);
        }
    }
    for (const r of relied) {
        if (r.url !== null)
            links.push({ kind: 'check', url: r.url, label: `${r.name}: ${r.state}` });
    }
    const headSha = read.pullRequestHead?.sha ?? facts.sha;
    const all = [
        ...here.map((r) => ({ sha: facts.sha, result: r })),
        ...[...fromHead].map((r) => ({ sha: headSha, result: r }))
    ];
    const status = statusOf(definite, unverified);
    const names = 'names' in required ? required.names : [];
    if (status === 'pass') {
        return done(result('checks', 'pass', names.length === 0
            ? `${short}: no check is required and ${plural(here.length, 'check and status', 'checks and statuses')} show no failure`
            : `${short}: ${andList(names)} succeeded${want.noFailures ? ' and nothing failed' : ''}`, [], links), all);
    }
    return done(result('checks', status, status === 'fail'
        ? `the tests of ${short} did not all pass`
        : `the tests of ${short} could not be verified`, problems, links), all);
}
function unreadable(short, c) {
    const u = c.results;
    return result('checks', 'error', `the checks of ${short} could not be read`, [
        `the check runs and statuses of ${short} could not be read (${u.detail}): the token needs \`${u.permission}\``
    ]);
}

;// CONCATENATED MODULE: ./src/engine/rules/environment.ts
// SPEC §5.8 `environment`: the GitHub environment deployed to exists in the
// repository's settings and itself enforces `environment_protection`, so that
// no workflow, edited on any branch, can deploy around the gate.
//
// "Protected branches only" (`deployment_branch_policy.protected_branches`):
// GitHub lets a branch deploy when a branch protection rule covers it, and
// "if no branch protection rules are defined for any branch in the
// repository, then all branches can deploy" (docs.github.com/en/actions/
// reference/workflows-and-actions/deployments-and-environments, "Deployment
// branches and tags"; github.com/github/roadmap/issues/164: "all branches
// matching the Branch Protection Rules"). The documentation speaks of branch
// protection rules only, not of rulesets, so the gate accepts the setting
// only when classic protection is seen on the policy's branch that holds the
// commit; protected by rulesets alone, or not at all, it fails, and the
// message recommends selected branches instead, which do not depend on it.


function environment_check(facts, policy, _now) {
    const want = policy.environmentProtection;
    const env = policy.name;
    if (want === false) {
        return result('environment', 'skipped', `the settings of environment ${env} are not checked (environment_protection: false)`);
    }
    const read = facts.environmentSettings;
    if (read === null) {
        return result('environment', 'error', `the settings of environment ${env} were not read`, [
            `the settings of environment ${env} were not read, so whether it can be deployed to around the gate cannot be verified`
        ]);
    }
    if ('unreadable' in read) {
        return result('environment', 'error', `the settings of environment ${env} could not be read`, [
            `the settings of environment ${env} could not be read (${read.detail}): the token needs \`${read.permission}\``
        ]);
    }
    if (!read.exists) {
        return result('environment', 'fail', `environment ${env} does not exist in the repository's settings`, [
            `environment ${env} does not exist in the repository's settings: a workflow job that names it creates it with no rules, so a workflow edited on an unreviewed branch could deploy without the gate. Create it under Settings → Environments (${read.settingsUrl}), with deployment branches restricted to ${orList(policy.branches)}`
        ], [{ kind: 'settings', url: read.settingsUrl, label: 'environments' }]);
    }
    const s = read.settings;
    const link = {
        kind: 'settings',
        url: s.settingsUrl,
        label: `environment ${s.name}`
    };
    const { problems, failed, unverified } = settingsProblems(s, want, policy.branches);
    const status = statusOf(failed, unverified);
    if (status === 'pass') {
        return result('environment', 'pass', describe(s, want), [], [link]);
    }
    return result('environment', status, status === 'fail'
        ? `environment ${s.name} leaves a way around the gate`
        : `the settings of environment ${s.name} could not be verified`, problems, [link]);
}
/**
 * What the environment's settings leave open against the policy, each with
 * the setting that closes it. `failed`: something definitely open;
 * `unverified`: something that could not be read. Also used by the access
 * matrix to flag gaps.
 */
function settingsProblems(s, want, branches) {
    const problems = [];
    let failed = false;
    let unverified = false;
    const where = `under Settings → Environments → ${s.name} (${s.settingsUrl})`;
    if (want.deploymentBranches === 'protected') {
        const open = deploymentBranchProblems(s, branches, where);
        problems.push(...open.problems);
        if (open.unverified)
            unverified = true;
        else if (open.problems.length > 0)
            failed = true;
    }
    const before = problems.length;
    if (s.reviewers.length < want.requiredReviewers) {
        problems.push(`environment ${s.name} has ${plural(s.reviewers.length, 'required reviewer')}; the policy asks for ${want.requiredReviewers}: add reviewers ${where}, under "Required reviewers"`);
    }
    if (want.preventSelfReview && !s.preventSelfReview) {
        problems.push(`environment ${s.name} lets the person who started a deployment approve it: turn on "Prevent self-review" ${where}`);
    }
    if (!want.adminBypass && s.canAdminsBypass !== false) {
        problems.push(s.canAdminsBypass === null
            ? `GitHub did not say whether administrators can bypass the protection rules of ${s.name}, so they are taken to be able to: turn off "Allow administrators to bypass configured protection rules" ${where}`
            : `administrators can bypass the protection rules of ${s.name}: turn off "Allow administrators to bypass configured protection rules" ${where}`);
    }
    if (s.waitTimer < want.waitTimer) {
        problems.push(`environment ${s.name} waits ${plural(s.waitTimer, 'minute')} before a deployment; the policy asks for ${want.waitTimer}: set "Wait timer" ${where}`);
    }
    if (problems.length > before)
        failed = true;
    return { problems, failed, unverified };
}
function deploymentBranchProblems(s, branches, where) {
    const fix = `set "Deployment branches and tags" to "Selected branches and tags" with ${orList(branches)} ${where}`;
    const policy = s.deploymentBranchPolicy;
    if (policy === null) {
        return {
            problems: [
                `environment ${s.name} accepts deployments from every branch: a workflow edited on an unreviewed branch could deploy without the gate; ${fix}`
            ],
            unverified: false
        };
    }
    if (policy.protectedBranches) {
        const classic = s.classicProtection;
        if (classic === null ||
            (!('unreadable' in classic) && classic.length === 0)) {
            return {
                problems: [
                    `environment ${s.name} accepts "protected branches only", but no branch of the policy holding the commit was read: ${fix}`
                ],
                unverified: true
            };
        }
        if ('unreadable' in classic) {
            return {
                problems: [
                    `environment ${s.name} accepts "protected branches only", which GitHub applies to classic branch protection rules; whether any exists could not be read (the token needs \`${classic.permission}\`): ${fix}, which the gate can verify`
                ],
                unverified: true
            };
        }
        const bare = classic.filter((c) => !c.protected).map((c) => c.branch);
        if (bare.length > 0) {
            return {
                problems: [
                    `environment ${s.name} accepts "protected branches only", but ${andList(bare)} has no classic branch protection rule; protected by rulesets alone, GitHub lets every branch deploy: ${fix}`
                ],
                unverified: false
            };
        }
        return { problems: [], unverified: false };
    }
    const patterns = s.branchPolicies;
    if (patterns === null) {
        return {
            problems: [`the branch patterns of environment ${s.name} were not read`],
            unverified: true
        };
    }
    if ('unreadable' in patterns) {
        return {
            problems: [
                `the branch patterns of environment ${s.name} could not be read (${patterns.detail}): the token needs \`${patterns.permission}\``
            ],
            unverified: true
        };
    }
    const outside = patterns.filter((p) => p.type === 'tag' || !withinBranches(p.name, branches));
    if (outside.length > 0) {
        return {
            problems: [
                `environment ${s.name} accepts deployments from ${andList(outside.map((p) => `${p.type} ${p.name}`))}, outside the policy's branches ${orList(branches)}: a workflow edited there could deploy without the gate; remove ${outside.length === 1 ? 'that pattern' : 'those patterns'} ${where}`
            ],
            unverified: false
        };
    }
    return { problems: [], unverified: false };
}
/**
 * Every branch the environment pattern admits is one of the policy's
 * branches. GitHub's patterns are fnmatch-style and `*` does not cross `/`
 * (docs.github.com/en/actions/reference/workflows-and-actions/deployments-and-environments),
 * as in minimatch; so a pattern whose wildcards are `*` and `?` only is
 * within a policy glob whose only wildcard is `*` and that matches the
 * pattern's own text (a glob's `?`, class, escape or negation could match the
 * pattern's `*` as a character: `a*` is not within `a?`). A pattern without
 * wildcards names one branch, within a glob without `**` that matches it.
 * Anything more (`**`, classes, braces) must be one of the policy's globs
 * exactly.
 */
function withinBranches(pattern, branches) {
    if (branches.includes(pattern))
        return true;
    if (/\*\*|[[\]{}()!+@]/.test(pattern))
        return false;
    const wild = /[*?]/.test(pattern);
    return branches.some((glob) => !glob.includes('**') &&
        !(wild && /[?[\]{}()!+@\\]/.test(glob)) &&
        (0,esm/* minimatch */.xF)(pattern, glob));
}
function describe(s, want) {
    const parts = [];
    const policy = s.deploymentBranchPolicy;
    parts.push(policy === null
        ? 'any branch may deploy'
        : policy.protectedBranches
            ? 'protected branches only'
            : !Array.isArray(s.branchPolicies)
                ? 'custom branch patterns (not read)'
                : s.branchPolicies.length === 0
                    ? 'no branch may deploy'
                    : `branches ${orList(s.branchPolicies.map((p) => p.name))}`);
    if (want.requiredReviewers > 0 || s.reviewers.length > 0) {
        parts.push(plural(s.reviewers.length, 'required reviewer'));
    }
    if (s.preventSelfReview)
        parts.push('no self-review');
    if (s.canAdminsBypass === false)
        parts.push('no admin bypass');
    if (s.waitTimer > 0)
        parts.push(`wait ${plural(s.waitTimer, 'minute')}`);
    return `environment ${s.name}: ${parts.join(', ')}`;
}

;// CONCATENATED MODULE: ./src/engine/rules/approvers.ts
// Which approving reviews of a pull request count, as GitHub counts them
// (SPEC §4 `approvals`): still APPROVED, by someone who can push, not
// overruled by a later standing request for changes, and independent of the
// change's makers (makers.ts).



/** Review states that replace a reviewer's earlier verdict; COMMENTED does not. */
const STATE_BEARING = new Set([
    'APPROVED',
    'CHANGES_REQUESTED',
    'DISMISSED'
]);
/**
 * The approvals of a pull request that count under the policy: an APPROVED
 * review that is its reviewer's latest state-bearing review (a dismissed one
 * is DISMISSED), on the final head when `on_latest_commit`, not by a bot
 * unless `allow_bots`, not by a deleted account, by someone who could push
 * to the repository (GitHub ignores the others), by an allowed reviewer
 * (`reviewers` grants no write access), with no later request for changes
 * standing against it, and not by a maker. With `asOf`, reviews submitted
 * later are ignored (audit as of a past time). Every approval that does not
 * count is returned with the reason.
 */
function approversOf(pr, makers, policy, asOf, teams) {
    const approvers = [];
    const excluded = [];
    const histories = new Map();
    pr.reviews.forEach((review, at) => {
        if (!submittedBy(review, asOf))
            return;
        if (review.author === null) {
            if (review.state === 'APPROVED') {
                excluded.push({
                    login: null,
                    review,
                    message: 'an approval by a deleted account does not count (it cannot be attributed)'
                });
            }
            return;
        }
        const key = loginKey(review.author.login);
        const history = histories.get(key) ?? {
            actor: review.author,
            latest: null,
            at: -1,
            approved: false
        };
        histories.set(key, history);
        if (STATE_BEARING.has(review.state)) {
            history.latest = review;
            history.at = at;
        }
        if (review.state === 'APPROVED')
            history.approved = true;
    });
    const standing = standingChangeRequests(histories);
    for (const [key, { actor, latest, at, approved }] of histories) {
        const login = actor.login;
        if (latest === null)
            continue;
        if (latest.state === 'DISMISSED') {
            excluded.push({
                login,
                review: latest,
                message: `${login}'s review was dismissed; ${login} must approve again`
            });
            continue;
        }
        if (latest.state !== 'APPROVED') {
            if (approved) {
                excluded.push({
                    login,
                    review: latest,
                    message: `${login} approved but later requested changes`
                });
            }
            continue;
        }
        const reasons = [
            ...exclusionReasons(pr, latest, actor, policy, teams),
            ...overruledBy(pr, latest, at, standing),
            ...makerReasons(login, makers.get(key))
        ];
        if (reasons.length === 0) {
            approvers.push({ login, review: latest });
        }
        else {
            excluded.push({
                login,
                review: latest,
                message: `${login} approved but ${andList(reasons)}`
            });
        }
    }
    return { approvers, excluded };
}
/**
 * Whether the review existed at `asOf`. A time that cannot be read counts as
 * before: the review exists, and ignoring it could hide a later change of
 * mind (a CHANGES_REQUESTED that replaces an approval).
 */
function submittedBy(review, asOf) {
    if (asOf === undefined || review.submittedAt === null)
        return true;
    const at = timeOf(review.submittedAt);
    return Number.isNaN(at) || at <= asOf.getTime();
}
/**
 * Requests for changes that still stand: the reviewer's latest verdict (a
 * later approval by the same person replaces it, a dismissed one is
 * DISMISSED), by someone with write access. GitHub: "If a collaborator with
 * admin, owner, or write access to the repository submits a review requesting
 * changes, the pull request cannot be merged until the same collaborator
 * submits another review approving the changes"
 * (docs.github.com/en/pull-requests/how-tos/review-pull-requests/approving-a-pull-request-with-required-reviews);
 * approvals count only "from people with write or admin permissions" (same page).
 */
function standingChangeRequests(histories) {
    const found = [];
    for (const { actor, latest, at } of histories.values()) {
        if (latest?.state === 'CHANGES_REQUESTED' && latest.authorCanPush) {
            found.push({ login: actor.login, review: latest, at });
        }
    }
    return found;
}
/**
 * The standing requests for changes submitted after `approval` on the same
 * head: the commit it approved, or the final head (the change as merged). A
 * request whose commit GitHub no longer knows counts too: it cannot be shown
 * to be about another head.
 */
function overruledBy(pr, approval, approvalAt, standing) {
    return standing
        .filter((cr) => cr.at > approvalAt &&
        (cr.review.commitOid === null ||
            cr.review.commitOid === approval.commitOid ||
            cr.review.commitOid === pr.headRefOid))
        .map((cr) => `${cr.login} later requested changes${cr.review.commitOid === null ? '' : ` on ${shortSha(cr.review.commitOid)}`}, which stands until ${cr.login} approves or the review is dismissed`);
}
function exclusionReasons(pr, review, actor, policy, teams) {
    const { onLatestCommit, allowBots, reviewers } = policy.approvals;
    const reasons = [];
    const head = shortSha(pr.headRefOid);
    if (onLatestCommit && review.commitOid !== pr.headRefOid) {
        reasons.push(review.commitOid === null
            ? `GitHub no longer knows which commit it was given on, so it is not bound to the final head ${head}`
            : `gave it on ${shortSha(review.commitOid)}, not on the final head ${head}`);
    }
    if (!allowBots && isBot(actor)) {
        reasons.push('is a bot (approvals.allow_bots is false)');
    }
    if (reviewers !== null) {
        // A login listed, or a member of a listed `org/team` whose members the
        // token could read; a team it could not read never admits anyone.
        const entries = reviewers.filter((entry) => entry.includes('/'));
        const members = (entry) => {
            const read = teams?.[entry];
            return read === undefined || isUnreadable(read) ? null : read;
        };
        const allowed = reviewers.some((entry) => !entry.includes('/') && sameLogin(entry, actor.login)) ||
            entries.some((entry) => (members(entry) ?? []).some((m) => sameLogin(m, actor.login)));
        if (!allowed) {
            const unread = entries.filter((entry) => members(entry) === null);
            reasons.push(unread.length > 0
                ? `is not listed in approvals.reviewers, and the members of ${andList(unread)} could not be read (the token needs \`members: read\`, which a workflow token cannot have; list the logins instead)`
                : 'is not listed in approvals.reviewers');
        }
    }
    // GitHub counts only approving reviews "from people with write or admin
    // permissions" (GraphQL PullRequestReview.authorCanPushToRepository);
    // being listed in approvals.reviewers gives no write access.
    if (!review.authorCanPush) {
        reasons.push('had no write access to the repository (GitHub does not count approvals from people without it)');
    }
    return reasons;
}
function makerReasons(login, maker) {
    if (maker === undefined)
        return [];
    const updates = onlyBranchUpdates(maker);
    if (updates === null)
        return [`is ${describeMaker(maker)}`];
    return [
        `updated the branch with merge commit ${andList(updates)}, which makes ${login} a maker of this change: another reviewer must approve, or someone who does not review must update the branch`
    ];
}

;// CONCATENATED MODULE: ./src/engine/rules/maker-checker.ts
// SPEC §5.6 `maker-checker`: each pull request has enough approving reviewers
// outside its makers, and the run has enough environment approvers outside
// the makers of every change in scope.
//
// Direct pushes (no pull request) have no reviews to count: whether they were
// allowed at all is approval-record's question (`approvals.direct_pushes`).
// Their makers still count against the run's environment approvers.




const ROLE = {
    author: 'author',
    commit_authors: 'author',
    committers: 'committer',
    co_authors: 'co-author',
    deployer: 'deployer'
};
function maker_checker_check(facts, policy, now) {
    const needed = policy.approvals.pullRequest;
    const problems = [];
    const links = [];
    const everyChange = [];
    const seen = new Set();
    let failed = false;
    let pullRequests = 0;
    let directPushes = 0;
    for (const change of facts.changes) {
        const pr = change.pullRequest;
        if (pr !== null && seen.has(pr.number))
            continue;
        const makers = makersOf(change, facts, policy);
        everyChange.push(makers);
        const label = pr === null
            ? `direct push ${shortSha(change.commit.oid)}`
            : `PR #${pr.number}`;
        if (policy.approvals.unresolvedIdentities === 'block') {
            for (const identity of makers.unresolved) {
                failed = true;
                problems.push(`${label}: ${describeIdentity(identity)} (${ROLE[identity.kind]} of ${identity.commit}) is not linked to a GitHub account, so it cannot be told apart from the approvers: link the email to a GitHub account, or set approvals.unresolved_identities: ignore`);
            }
        }
        if (policy.approvals.requireVerifiedCommits) {
            for (const commit of pr === null ? [change.commit] : pr.commits) {
                const sig = commit.signature;
                if (sig?.valid === true)
                    continue;
                failed = true;
                const why = sig === null
                    ? 'is not signed'
                    : `has a signature GitHub does not verify (${sig.state})`;
                problems.push(`${label}: commit ${shortSha(commit.oid)} ${why}, so who made it is only what git says: approvals.require_verified_commits needs every commit signed with a key GitHub verifies for its committer`);
            }
        }
        if (pr === null) {
            directPushes += 1;
            continue;
        }
        seen.add(pr.number);
        pullRequests += 1;
        links.push({ kind: 'pull_request', url: pr.url, label });
        const { approvers, excluded } = approversOf(pr, makers.makers, policy, now, facts.reviewerTeams);
        for (const a of approvers) {
            links.push({
                kind: 'review',
                url: a.review.url,
                label: `approval of ${label} by ${a.login}`
            });
        }
        if (approvers.length < needed) {
            failed = true;
            const why = excluded.length > 0
                ? ` (${excluded.map((e) => e.message).join('; ')})`
                : '';
            problems.push(`${label} has ${plural(approvers.length, 'independent approval')}, ${policy.name} needs ${needed}${why}: ${approvalFix(excluded, makers, facts, policy.name)}`);
        }
    }
    let unverified = false;
    const envNeeded = policy.approvals.environment;
    if (envNeeded > 0) {
        const outcome = environmentApprovals(facts, policy, mergeMakers(everyChange));
        if (outcome !== null) {
            problems.push(outcome.problem);
            if (outcome.unverified)
                unverified = true;
            else
                failed = true;
        }
    }
    const status = statusOf(failed, unverified);
    const parts = [
        `${plural(pullRequests, 'pull request')} independently approved`
    ];
    if (directPushes > 0) {
        parts.push(`${plural(directPushes, 'direct push', 'direct pushes')} left to approval-record`);
    }
    if (envNeeded > 0)
        parts.push('the run independently approved');
    const summary = status === 'pass'
        ? parts.join('; ')
        : status === 'fail'
            ? `changes to ${policy.name} lack independent approval`
            : `could not verify the independent approval of this run`;
    return result('maker-checker', status, summary, problems, links);
}
function environmentApprovals(facts, policy, makers) {
    const needed = policy.approvals.environment;
    const env = facts.environment;
    const approvals = facts.run.approvals;
    if (approvals === null) {
        return {
            unverified: false,
            problem: `no workflow run approvals available (the gate must run inside the deployment's workflow run): ${policy.name} needs ${plural(needed, 'independent environment approval')}`
        };
    }
    if (isUnreadable(approvals)) {
        return {
            unverified: true,
            problem: `cannot read the environment approvals of this run: grant the token \`${approvals.permission}\` (GitHub said: ${approvals.detail})`
        };
    }
    const counted = new Set();
    const excluded = [];
    for (const approval of approvalsOf(approvals, env)) {
        const login = approval.user.login;
        const key = loginKey(login);
        const reasons = [];
        if (!policy.approvals.allowBots && isBot(approval.user)) {
            reasons.push('is a bot (approvals.allow_bots is false)');
        }
        const maker = makers.makers.get(key);
        if (maker !== undefined)
            reasons.push(`is ${describeMaker(maker)}`);
        if (reasons.length > 0) {
            excluded.push(`${login} approved the run but ${andList(reasons)}`);
        }
        else {
            counted.add(key);
        }
    }
    if (counted.size >= needed)
        return null;
    const why = excluded.length > 0 ? ` (${excluded.join('; ')})` : '';
    return {
        unverified: false,
        problem: `this run has ${plural(counted.size, 'independent environment approval')} for ${env}, ${policy.name} needs ${needed}${why}: ask a reviewer of the ${env} environment who made none of the changes${policy.approvals.independentOf.includes('deployer') ? ' and did not start this run' : ''} to approve the run`
    };
}
/**
 * What to do about a pull request short of independent approvals. A
 * reviewer who is left out only as the deployer (`deployer` in
 * `approvals.independent_of`) made none of the changes: the fix is a
 * deployment by someone else, or another approval.
 */
function approvalFix(excluded, makers, facts, env) {
    const deploying = excluded.flatMap((e) => {
        const kinds = e.login === null
            ? []
            : (makers.makers.get(loginKey(e.login))?.kinds ?? []);
        return kinds.length > 0 && kinds.every((k) => k === 'deployer')
            ? [e.login]
            : [];
    });
    if (deploying.length === 0) {
        return 'ask someone who made none of its changes to approve it';
    }
    const push = facts.run.event === 'push'
        ? 'a push deploys as whoever merged or pushed it, so '
        : '';
    return `approvals.independent_of lists deployer and ${andList(deploying)} ${deploying.length === 1 ? 'deploys' : 'deploy'} this run: ${push}someone who neither made nor approved the change must start a new run to deploy to ${env}, or someone else who made none of its changes must approve it`;
}

;// CONCATENATED MODULE: ./src/engine/deployments-bound.ts
// Whether a github-actions[bot] deployment record is the one GitHub made for
// a job (SPEC §4 `trusted_workflows`, §5.2). Every workflow token acts as
// github-actions[bot] and can create a deployment through the REST API and
// post a success whose log URL is any real job, so the record counts only
// when that job's check run, from the GitHub Actions app, names this very
// deployment (GraphQL `CheckRun.deployment`, "The corresponding deployment
// for this job, if any"). Pure: the check runs were read by gathering
// (gather/jobs.ts).
/** GitHub Actions' App: id 15368, slug github-actions. */
const GITHUB_ACTIONS_APP = { id: 15368, slug: 'github-actions' };
/**
 * The run and job of a job URL of this repository (host and owner/repo
 * case-insensitive, as GitHub treats them), optionally followed by a slash,
 * a query or a fragment; null for anything else.
 */
function jobOfThisRepository(url, ctx) {
    if (url === null)
        return null;
    const base = deployments_bound_escape(ctx.serverUrl.replace(/\/+$/, ''));
    const repo = `${deployments_bound_escape(ctx.owner)}/${deployments_bound_escape(ctx.repo)}`;
    const m = new RegExp(`^${base}/${repo}/actions/runs/(\\d+)/job/(\\d+)/?(?:[?#].*)?$`, 'i').exec(url);
    if (m === null)
        return null;
    return { runId: Number(m[1]), jobId: Number(m[2]) };
}
/**
 * `<serverUrl>/<owner>/<repo>/actions/runs/<id>`, optionally followed by
 * `/job/<id>` or `/attempts/<n>`, a slash, a query or a fragment.
 */
function isRunOfThisRepository(url, ctx) {
    if (url === null)
        return false;
    const base = deployments_bound_escape(ctx.serverUrl.replace(/\/+$/, ''));
    const repo = `${deployments_bound_escape(ctx.owner)}/${deployments_bound_escape(ctx.repo)}`;
    const pattern = new RegExp(`^${base}/${repo}/actions/runs/\\d+(?:/job/\\d+|/attempts/\\d+)?/?(?:[?#].*)?$`, 'i');
    return pattern.test(url);
}
function deployments_bound_escape(text) {
    return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
/**
 * The job a github-actions[bot] record's success links to, when its binding
 * depends on a check run the gate may not have read yet.
 */
function jobNeed(d, success, ctx) {
    const link = jobOfThisRepository(success.logUrl, ctx);
    if (link === null)
        return { kind: 'none' };
    return { kind: 'job', link, sha: d.sha };
}
/**
 * Why the record is not the one GitHub made for a job of a trusted
 * workflow, or null when it is. `name` names the record in the message.
 */
function bindingProblem(o) {
    const { deployment: d, success, ctx, name } = o;
    const fix = `${o.again} through the deployment workflow (a job with \`environment:\`), whose deployment GitHub makes itself`;
    const link = jobOfThisRepository(success.logUrl, ctx);
    if (link === null) {
        const url = success.logUrl === null ? 'no log url' : success.logUrl;
        const what = isRunOfThisRepository(success.logUrl, ctx)
            ? `links to a workflow run, not to a job of it (${url})`
            : `links to no job of a workflow run of ${ctx.owner}/${ctx.repo} (${url})`;
        return `${name} by github-actions[bot] ${what}, so it cannot be told from a record any workflow token can create through the API: ${fix}`;
    }
    const job = ctx.jobs?.checkRuns[String(link.jobId)];
    if (job === undefined)
        return unknownJob(d, link, ctx, name, fix);
    const problem = jobProblem(d, link, job);
    if (problem !== null) {
        return `${name} was not made by a job GitHub ran for ${d.environment}: ${problem}. It was created through the API; ${fix}`;
    }
    return workflowProblem(d, job, ctx, name, o.again);
}
function unknownJob(d, link, ctx, name, fix) {
    const blocked = ctx.jobs?.unreadable[d.sha];
    if (blocked !== undefined) {
        return `${name} links to job ${link.jobId}, whose check run could not be read, so whether GitHub made the record for that job cannot be verified: grant the token \`${blocked.permission}\` (GitHub said: ${blocked.detail})`;
    }
    if (ctx.jobs?.complete[d.sha] !== true) {
        return `${name} links to job ${link.jobId}, whose check run was not read, so whether GitHub made the record for that job cannot be verified`;
    }
    return `${name} was not made by a job GitHub ran for ${d.environment}: its log links to job ${link.jobId} of run ${link.runId}, which is no check run of ${d.sha.slice(0, 7)}. It was created through the API; ${fix}`;
}
/** Why the check run is not the job that made this record, or null. */
function jobProblem(d, link, job) {
    if (job.app?.id !== GITHUB_ACTIONS_APP.id) {
        const app = job.app?.slug ?? job.app?.id ?? 'no app';
        return `its log links to check run ${job.id}, made by ${String(app)}, not by a GitHub Actions job`;
    }
    if (job.run?.id !== link.runId) {
        const run = job.run === null ? 'no workflow run' : `run ${job.run.id}`;
        return `its log links to job ${job.id} of run ${link.runId}, but that job belongs to ${run}`;
    }
    if (job.deploymentId === null) {
        return `its log links to job ${job.id}, whose check run names no deployment`;
    }
    if (job.deploymentId !== d.id) {
        return `its log links to job ${job.id}, whose check run names deployment #${job.deploymentId}`;
    }
    return null;
}
/** `trusted_workflows`: the job's workflow file, and the record's ref. */
function workflowProblem(d, job, ctx, name, again) {
    const trusted = ctx.trustedWorkflows;
    if (trusted === null)
        return null;
    const path = job.run?.path ?? null;
    const ref = d.ref ?? null;
    const fits = trusted.some((w) => w.path === path && (w.ref === null || w.ref === ref));
    if (fits)
        return null;
    const list = trusted.map((w) => w.text).join(', ');
    const made = `${path ?? 'an unknown workflow file'}${ref === null ? '' : `@${ref}`}`;
    return `${name} was made by job ${job.id} of ${made}, not by a workflow in trusted_workflows (${list}): ${again} with one of them`;
}

;// CONCATENATED MODULE: ./src/engine/deployments.ts
// What makes a deployment record evidence (SPEC §4 trusted_deployers, §5.2).
// Shared by the promotion check and by gathering, which needs the previous
// successful deployment to know where the range of changes starts.


const deployments_GITHUB_ACTIONS = 'github-actions[bot]';
const deployments_short = (sha) => sha.slice(0, 7);
const deployments_sameLogin = (a, b) => a.toLowerCase() === b.toLowerCase();
function deployments_orList(items) {
    if (items.length <= 1)
        return items.join('');
    return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}
/**
 * The success a deployment counts for, or why it does not count, as of
 * `nowMs` (statuses created later are ignored). It counts when made by a
 * trusted deployer, it reached `success`, and it was not later marked
 * `failure` or `error` (a later `inactive` only means it was superseded). A
 * record made by github-actions[bot] counts only when GitHub made it for the
 * job its success links to (deployments-bound.ts): any workflow token can
 * create one by hand.
 */
function qualify(d, env, ctx, nowMs) {
    const name = `the deployment #${d.id} of ${deployments_short(d.sha)} to ${env}`;
    const again = `deploy ${deployments_short(ctx.sha)} to ${env} again`;
    const trusted = deployments_orList(ctx.trustedDeployers);
    if (d.creator === null) {
        return `${name} was created by a deleted account, not a trusted deployer (${trusted}): ${again} through the deployment workflow`;
    }
    const creator = d.creator.login;
    if (!ctx.trustedDeployers.some((t) => deployments_sameLogin(t, creator))) {
        return `${name} was created by ${creator}, not a trusted deployer (${trusted}): a record anyone can create by hand proves nothing; ${again} through the deployment workflow`;
    }
    // A status whose time cannot be read counts as already given: ignoring it
    // could hide a failure.
    const statuses = d.statuses.filter((s) => {
        const t = Date.parse(s.createdAt);
        return Number.isNaN(t) || t <= nowMs;
    });
    const index = statuses.findIndex((s) => s.state === 'success');
    const success = statuses[index];
    if (success === undefined) {
        const last = statuses[statuses.length - 1];
        const state = last === undefined ? 'no status' : `last state: ${last.state}`;
        return `${name} never reached success (${state}): ${again}`;
    }
    // A failure stamped the same instant as the success counts as later: the
    // order of equal timestamps is not evidence enough to allow.
    const at = Date.parse(success.createdAt);
    const failure = statuses.find((s, i) => (s.state === 'failure' || s.state === 'error') &&
        (i > index || Date.parse(s.createdAt) >= at));
    if (failure !== undefined) {
        return `${name} succeeded at ${success.createdAt} then was marked ${failure.state} at ${failure.createdAt}: ${again}`;
    }
    if (deployments_sameLogin(creator, deployments_GITHUB_ACTIONS)) {
        const problem = bindingProblem({
            deployment: d,
            success,
            ctx,
            name,
            again
        });
        if (problem !== null)
            return problem;
    }
    return { deployment: d, status: success, at };
}
/** Sha of the newest deployment in the list that counts as a success. */
function previousSuccess(list, env, ctx, nowMs) {
    let newest = null;
    for (const d of list) {
        const s = qualify(d, env, ctx, nowMs);
        if (typeof s !== 'string' && (newest === null || s.at > newest.at))
            newest = s;
    }
    return newest?.deployment.sha ?? null;
}

;// CONCATENATED MODULE: ./src/engine/rules/promotion.ts
// SPEC §5.2 `promotion`: the deployed commit (or its tree) succeeded in every
// upstream environment, in path order, by a trusted deployer, and soaked.



/**
 * The transitive `after` chain of `environment`, earliest first (every
 * environment comes after all of its predecessors), e.g. for production after
 * staging after development: development, staging. Cycles are cut (the policy
 * loader rejects them), unknown names have no predecessors.
 */
function upstreamChain(environments, environment) {
    const order = [];
    const seen = new Set([environment]);
    const visit = (name) => {
        if (seen.has(name))
            return;
        seen.add(name);
        const after = environments[name]?.after ?? [];
        after.forEach(visit);
        order.push({
            name,
            after: [...after],
            trustedWorkflows: environments[name]?.trustedWorkflows ?? null
        });
    };
    (environments[environment]?.after ?? []).forEach(visit);
    return order;
}
/**
 * `chain` is the transitive upstream, earliest first: either names, read as
 * one straight path (each after the one before it), or `upstreamChain()`'s
 * output, which also handles `after` lists. Direct `after` environments
 * missing from it are checked too.
 *
 * Evaluated as of `now`: deployments and statuses created later are ignored
 * (audit re-evaluates past deployments).
 *
 * Order: there must be one qualifying success per environment such that each
 * is no earlier than the chosen success of every predecessor. Choosing, in
 * path order, the earliest success no earlier than its predecessors' choices
 * finds such a choice whenever one exists.
 *
 * Soak: measured from that chosen success in each direct `after` environment,
 * i.e. the earliest in-order success. Measuring from the most recent one would
 * restart the soak on every redeploy of the same commit.
 */
function promotion_check(facts, policy, now, chain = []) {
    const steps = normalize(chain, policy.after);
    if (steps.length === 0) {
        return result('promotion', 'pass', 'no upstream environment required');
    }
    const nowMs = now.getTime();
    const sha = shortSha(facts.sha);
    const problems = [];
    let failed = false;
    let unverified = false;
    const chosen = new Map();
    for (const step of steps) {
        const upstream = evaluate(step, facts, policy, nowMs);
        if (!upstream.readable) {
            unverified = true;
            problems.push(upstream.problem);
            continue;
        }
        if (upstream.successes.length === 0) {
            failed = true;
            problems.push(...upstream.problems);
            continue;
        }
        let bound = { env: '', at: -Infinity };
        for (const env of step.after) {
            const pred = chosen.get(env);
            if (pred !== undefined && pred.at > bound.at)
                bound = { env, at: pred.at };
        }
        const min = bound.at;
        const pick = upstream.successes.find((s) => s.at >= min);
        if (pick === undefined) {
            failed = true;
            const last = Math.max(...upstream.successes.map((s) => s.at));
            problems.push(`${bound.env} succeeded after ${step.name}: promotion out of order ` +
                `(${sha} last succeeded in ${step.name} at ${iso(last)}, first in ` +
                `${bound.env} at ${iso(bound.at)}); deploy it to ${step.name} again`);
            continue;
        }
        chosen.set(step.name, pick);
    }
    const soakMs = policy.soakSeconds * 1000;
    for (const env of policy.after) {
        const success = chosen.get(env);
        if (success === undefined)
            continue;
        const age = nowMs - success.at;
        if (age < soakMs) {
            failed = true;
            problems.push(`${env} succeeded ${formatDuration(Math.floor(age / 1000))} ago; ` +
                `${policy.name} needs ${formatDuration(policy.soakSeconds)} soak ` +
                `(${formatDuration(Math.ceil((soakMs - age) / 1000))} to go)`);
        }
    }
    const links = [...chosen.entries()].map(([env, s]) => promotion_link(facts, env, s));
    const path = steps.map((s) => s.name).join(' → ');
    const status = statusOf(failed, unverified);
    const soak = policy.soakSeconds > 0
        ? ` and soaked ${formatDuration(policy.soakSeconds)}`
        : '';
    const summary = status === 'pass'
        ? `${sha} was promoted through ${path}${soak}`
        : status === 'fail'
            ? `${sha} did not come through ${path} as ${policy.name} requires`
            : `could not verify that ${sha} came through ${path}`;
    return result('promotion', status, summary, problems, links);
}
function normalize(chain, direct) {
    const steps = [];
    for (const item of chain) {
        if (typeof item === 'string') {
            const previous = steps[steps.length - 1];
            steps.push({ name: item, after: previous ? [previous.name] : [] });
        }
        else {
            steps.push({ ...item, after: [...item.after] });
        }
    }
    for (const name of direct) {
        if (!steps.some((s) => s.name === name))
            steps.push({ name, after: [] });
    }
    return steps;
}
function evaluate(step, facts, policy, nowMs) {
    const env = step.name;
    const deployments = facts.upstream[env];
    if (deployments === undefined) {
        return {
            readable: false,
            problem: `the deployments of ${env} were not gathered, so the promotion path cannot be verified`
        };
    }
    if (isUnreadable(deployments)) {
        return {
            readable: false,
            problem: `cannot read the deployments of ${env}: grant the token \`${deployments.permission}\` (GitHub said: ${deployments.detail})`
        };
    }
    const sha = shortSha(facts.sha);
    const candidates = deployments.filter((d) => isSameChange(d, facts, policy) && timeOf(d.createdAt) <= nowMs);
    if (candidates.length === 0) {
        const what = policy.match === 'tree'
            ? `neither ${sha} nor a commit with its tree (${shortSha(facts.commit.treeOid)}) was ever`
            : `${sha} was never`;
        return {
            readable: true,
            successes: [],
            problems: [
                `${what} deployed successfully to ${env}: deploy it to ${env} before ${policy.name}`
            ]
        };
    }
    const successes = [];
    const problems = [];
    for (const deployment of candidates) {
        const outcome = qualify(deployment, env, {
            ...deploymentContext(facts, policy),
            trustedWorkflows: step.trustedWorkflows === undefined
                ? policy.trustedWorkflows
                : step.trustedWorkflows
        }, nowMs);
        if (typeof outcome === 'string')
            problems.push(outcome);
        else
            successes.push(outcome);
    }
    successes.sort((a, b) => a.at - b.at);
    return { readable: true, successes, problems };
}
function isSameChange(d, facts, policy) {
    if (d.sha === facts.sha)
        return true;
    return (policy.match === 'tree' &&
        d.treeOid !== null &&
        d.treeOid === facts.commit.treeOid);
}
/**
 * `<serverUrl>/<owner>/<repo>/actions/runs/<id>` of this repository; see
 * deployments.ts.
 */
function promotion_isRunOfThisRepository(url, facts) {
    return linksToRun(url, {
        owner: facts.repository.owner,
        repo: facts.repository.name,
        serverUrl: facts.serverUrl
    });
}
function iso(ms) {
    return new Date(ms).toISOString();
}
function promotion_link(facts, env, s) {
    const { owner, name } = facts.repository;
    const url = s.status.logUrl ??
        `${facts.serverUrl.replace(/\/+$/, '')}/${owner}/${name}/deployments/${encodeURIComponent(env)}`;
    return {
        kind: 'deployment',
        url,
        label: `deployment #${s.deployment.id} to ${env} (success at ${s.status.createdAt})`
    };
}
function deploymentContext(facts, policy) {
    return {
        owner: facts.repository.owner,
        repo: facts.repository.name,
        serverUrl: facts.serverUrl,
        sha: facts.sha,
        trustedDeployers: policy.trustedDeployers,
        trustedWorkflows: policy.trustedWorkflows,
        ...(facts.jobs === undefined ? {} : { jobs: facts.jobs })
    };
}

;// CONCATENATED MODULE: ./src/engine/rules/segregation.ts
// SPEC §5.7 `segregation` (when `deployer_independent`): nobody who deploys
// made any of the changes in it, whatever `approvals.independent_of` says.
// The deployers of a run are who started it (`github.actor`) and who started
// its current attempt (`github.triggering_actor`): a re-run keeps the first
// trigger's privileges, so a maker who dispatches and lets someone else
// click "Re-run" still deploys their own change.


const MAKING = [
    'author',
    'commit_authors',
    'committers',
    'co_authors'
];
function segregation_check(facts, policy, _now) {
    if (!policy.deployerIndependent) {
        return result('segregation', 'skipped', `the deployer of ${policy.name} need not be independent (deployer_independent: false)`);
    }
    const deployers = deployersOf(facts);
    if (deployers.length === 0) {
        return result('segregation', 'error', 'the deployer is unknown', [
            `the deployer is unknown, so their independence from the changes cannot be verified: run the gate from the deployment's workflow run, or pass the deployment event`
        ]);
    }
    const problems = [];
    const links = [];
    const seen = new Set();
    const guilty = new Set();
    for (const change of facts.changes) {
        const pr = change.pullRequest;
        if (pr !== null && seen.has(pr.number))
            continue;
        if (pr !== null)
            seen.add(pr.number);
        const makers = makersOf(change, facts, policy, MAKING).makers;
        const sha = shortSha(change.commit.oid);
        const what = pr === null ? `the direct push ${sha}` : `PR #${pr.number}`;
        let linked = false;
        for (const deployer of deployers) {
            const maker = makers.get(loginKey(deployer));
            if (maker === undefined)
                continue;
            guilty.add(deployer);
            const { did, fix } = roleIn(deployer, facts, policy.name);
            problems.push(`${deployer} ${did} ${what} but is ${describeMaker(maker)}: ${fix}`);
            if (linked)
                continue;
            linked = true;
            links.push(pr === null
                ? { kind: 'commit', url: change.commit.url, label: `commit ${sha}` }
                : { kind: 'pull_request', url: pr.url, label: `PR #${pr.number}` });
        }
    }
    if (problems.length > 0) {
        return result('segregation', 'fail', `${andList([...guilty])} deployed changes they made`, problems, links);
    }
    return result('segregation', 'pass', `${andList(deployers)} made none of the changes in scope`);
}
/**
 * What a deployer did and what to do instead. The one who started a run
 * that someone else re-ran still deploys: a new run is the way out. A push
 * deploys as whoever pushed or merged, so the fix is another run, and next
 * time a merge by someone who made none of the changes.
 */
function roleIn(login, facts, env) {
    const { actor, triggeringActor } = facts.run;
    const rerun = actor !== null &&
        triggeringActor !== null &&
        !sameLogin(actor, triggeringActor);
    const fix = `ask someone who made none of the changes to deploy to ${env}`;
    if (rerun && sameLogin(login, actor)) {
        return {
            did: `started the run (github.actor) that ${triggeringActor} re-ran to deploy`,
            fix: `a re-run keeps the privileges of whoever started the run, so someone who made none of the changes must start a new run to deploy to ${env}`
        };
    }
    if (rerun && sameLogin(login, triggeringActor)) {
        return { did: 're-ran the run that deploys', fix };
    }
    if (facts.run.event === 'push') {
        // github.actor of a push is who pushed, or who merged the pull request
        return {
            did: 'merged or pushed, and so deployed,',
            fix: `a push deploys as whoever merged or pushed it, and a re-run still does: someone who made none of the changes must start a new run to deploy to ${env} (for example with workflow_dispatch); next time, let the reviewer merge`
        };
    }
    return { did: 'deployed', fix };
}

;// CONCATENATED MODULE: ./src/engine/rules/source-branch.ts
// SPEC §5.3 `source-branch`: the deployed commit is contained in one of the
// policy's `branches`, and the run that deploys it was triggered by one of
// the policy's `allowed_events` (SPEC §4). A run of `pull_request_target`
// deploys what the default branch holds, and since 2025-12 GitHub checks
// the environment's branch rules of such a run against the default branch
// (github.blog/changelog/2025-11-07-actions-pull_request_target-and-
// environment-branch-protections-changes): a `main`-only environment lets
// it through, so the event is judged here, beside the branch.

/** Why an event outside the list is dangerous, where it says more than the list. */
const WHY = {
    pull_request_target: "it runs for a pull request nobody merged, with the base repository's secrets, and since 2025-12 GitHub checks the environment's branch rules of such a run against the default branch, so a main-only environment does not stop it",
    pull_request: 'it runs for a change nobody merged',
    issue_comment: 'anyone who may comment can trigger it',
    workflow_run: 'it runs for whatever run triggered it, on any branch'
};
function source_branch_check(facts, policy, _now) {
    const sha = shortSha(facts.sha);
    const globs = orList(policy.branches);
    const commitLink = {
        kind: 'commit',
        url: facts.commit.url,
        label: `commit ${sha}`
    };
    const holding = containingBranches(facts, policy).map((b) => b.name);
    const event = eventOutcome(facts, policy);
    const problems = [];
    if (holding.length === 0) {
        const existing = facts.branches
            .filter((b) => matchesBranch(b.name, policy.branches))
            .map((b) => b.name);
        problems.push(existing.length === 0
            ? `no branch of the repository matches ${globs}, so ${sha} cannot come from one: create the branch or fix \`branches\` for ${policy.name}`
            : `${sha} is not contained in ${orList(existing)}: merge it into one of them (through a pull request) before deploying it to ${policy.name}`);
    }
    if (event.problem !== null)
        problems.push(event.problem);
    const status = statusOf(holding.length === 0 || event.status === 'fail', event.status === 'error');
    const summary = holding.length === 0
        ? `${sha} is not on ${globs}`
        : status === 'pass'
            ? `${sha} is on ${orList(holding)}${event.note}`
            : status === 'fail'
                ? `${event.summary} may not deploy to ${policy.name}`
                : `could not tell what triggered the run deploying ${sha}`;
    return result('source-branch', status, summary, problems, [commitLink]);
}
/** SPEC §4 `allowed_events`, against the event that triggered the run. */
function eventOutcome(facts, policy) {
    const { id, event } = facts.run;
    const allowed = policy.allowedEvents;
    // No run (the CLI outside Actions): nothing was triggered to judge.
    if (id === null) {
        return {
            status: 'pass',
            problem: null,
            note: '; no workflow run, so no triggering event to check',
            summary: ''
        };
    }
    if (event === null) {
        return {
            status: 'error',
            problem: `what triggered run ${id} is not known, so whether \`allowed_events\` (${andList(allowed)}) lets it deploy to ${policy.name} cannot be verified: run the gate in the deploying workflow, where GITHUB_EVENT_NAME says it`,
            note: '',
            summary: ''
        };
    }
    if (allowed.includes(event)) {
        return { status: 'pass', problem: null, note: '', summary: '' };
    }
    const why = WHY[event];
    return {
        status: 'fail',
        problem: `run ${id} was triggered by \`${event}\`, which \`allowed_events\` for ${policy.name} does not list (${andList(allowed)})${why === undefined ? '' : `: ${why}`}. Deploy from a run of one of those events, or add \`${event}\` to \`allowed_events\` of ${policy.name} if such runs are meant to deploy`,
        note: '',
        summary: `a run triggered by ${event}`
    };
}

;// CONCATENATED MODULE: ./src/engine/rules/index.ts
// The checks of SPEC §5 that read Facts, in SPEC order, and the one place a
// normal decision of `allow` is made (the break-glass allow of SPEC §5.7 is
// `breakGlassDecision` in break-glass.ts, and only overrides a `block` here).










/**
 * Runs every check of SPEC §5 that reads Facts, in SPEC order. The caller
 * adds the `policy` check (see `policyCheck`). `chain` is the transitive
 * `after` chain of the environment, earliest first (see `upstreamChain`).
 */
function runChecks(facts, policy, now, chain) {
    return [
        promotion_check(facts, policy, now, chain),
        source_branch_check(facts, policy, now),
        branch_protection_check(facts, policy, now),
        check(facts, policy, now),
        maker_checker_check(facts, policy, now),
        segregation_check(facts, policy, now),
        environment_check(facts, policy, now),
        checks_check(facts, policy, now)
    ];
}
/**
 * `allow` only when at least one check passed and every check that is not
 * skipped passed. No results, or only skipped ones, block: nothing was
 * verified. This is the only place a normal `allow` is produced.
 */
function decide(results) {
    let passed = 0;
    for (const r of results) {
        switch (r.status) {
            case 'pass':
                passed += 1;
                break;
            case 'skipped':
                break;
            case 'fail':
            case 'error':
                return 'block';
            default:
                return (0,types/* assertNever */.xb)(r.status);
        }
    }
    return passed > 0 ? 'allow' : 'block';
}
/**
 * The `policy` check (SPEC §5.1): `pass` when the policy was read from
 * `policy-ref`, is valid and names the environment; `fail` when it is missing
 * or invalid; `error` when it could not be read. `problems` default to the
 * summary for a non-passing check.
 */
function policyCheck(status, summary, problems = status === 'pass' ? [] : [summary]) {
    return result('policy', status, summary, problems);
}
/** A failed `policy` check from a (possibly multi-line) message. */
function policyFailure(message, status = 'fail') {
    const summary = message.split('\n', 1).join('');
    return policyCheck(status, summary, message.split('\n'));
}



;// CONCATENATED MODULE: ./src/engine/decision.ts
// What the engine answers, and the one builder of an answer it could not
// reach. Whatever fails, in whichever mode, the same fault gives the same
// checks and so the same `violations`.


/**
 * A `block` for a request whose checks could not all be verified, or whose
 * policy is missing or invalid (`failure` null: the `policy` check says why,
 * and no other check applies). A failure before the policy is known leaves
 * every check `error`: none was verified. After it, every check the policy
 * asks for is `error` with the failure's message, and those it turns off are
 * `skipped`.
 */
function cannotDecide(o) {
    const known = o.policy;
    const message = o.failure?.message ?? '';
    const first = known?.check ?? policyCheck('error', `not verified: ${message}`, [message]);
    const rest = o.failure === null ? [] : unverified(message, known?.environment ?? null);
    return {
        ...base(o.request, o.now, known, o.facts ?? null),
        results: [first, ...rest],
        failure: o.failure,
        decision: 'block'
    };
}
/** The decision on checks that all ran: `decide` alone says allow. */
function decided(o) {
    return {
        ...base(o.request, o.now, o.policy, o.facts),
        results: o.results,
        failure: null,
        decision: decide(o.results)
    };
}
function base(request, now, known, facts) {
    return {
        request,
        policy: known?.record ?? {
            path: request.policyPath,
            ref: request.policyRef,
            blobSha: null
        },
        environmentPolicy: known?.environment ?? null,
        chain: known?.chain ?? [],
        facts,
        breakGlass: null,
        breakGlassNote: null,
        followUp: null,
        warnings: [],
        evaluatedAt: now.toISOString()
    };
}
/** Every check the policy asks for, as `error`: none could be verified. */
function unverified(message, policy) {
    const off = (id) => policy !== null &&
        ((id === 'segregation' && !policy.deployerIndependent) ||
            (id === 'branch-protection' && policy.branchProtection === false) ||
            (id === 'environment' && policy.environmentProtection === false) ||
            (id === 'checks' && policy.ciRequirement === false));
    return types/* CHECK_IDS */.Sh.filter((id) => id !== 'policy').map((id) => ({
        id,
        status: off(id) ? 'skipped' : 'error',
        summary: off(id) ? 'turned off by the policy' : `not verified: ${message}`,
        problems: off(id) ? [] : [message],
        controls: [...types/* CONTROLS */.VH[id]],
        links: []
    }));
}

// EXTERNAL MODULE: ./src/engine/gather/shape.ts
var shape = __webpack_require__(41705);
;// CONCATENATED MODULE: ./src/engine/gather/support.ts


/**
 * Whether the active ruleset rules alone meet the requirement. Then classic
 * protection need not be read: it can only add to them (SPEC §9 budget).
 */
function rulesMeet(rules, need) {
    return rules.length > 0 && meets(settingsOfRules(rules), need);
}
function support_unreadable(permission, detail) {
    return { unreadable: true, permission, detail };
}
/**
 * A 403 or 404 becomes "cannot read, needs `permission`": GitHub answers
 * both when the token lacks a permission, and neither means "none". Any
 * other failure throws.
 */
async function readOr(permission, read) {
    try {
        return await read();
    }
    catch (error) {
        if (error instanceof errors/* GitHubApiError */.OS &&
            (error.status === 403 || error.status === 404)) {
            return support_unreadable(permission, error.message);
        }
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/engine/gather/teams.ts
// The members of `org/team` entries of `break_glass.approvers` (SPEC §5.7).
// GET /orgs/{org}/teams/{team_slug}/members needs the organization
// permission "Members" (read), which no workflow `permissions:` key grants:
// with the action's token a team is always unreadable, and the break-glass
// is refused with a message saying so.
// https://docs.github.com/en/rest/teams/members#list-team-members



const MEMBERS_PERMISSION = 'members: read';
/** More than this many pages (10,000 members) is not a team we can trust to list. */
const MAX_PAGES = 100;
/**
 * Each `org/team` entry's member logins, or Unreadable when GitHub refused
 * (403) or does not show the team to this token (404). Other errors throw.
 */
async function readTeams(port, entries) {
    const read = await Promise.all([...new Set(entries)].map(async (entry) => [entry, await readTeam(port, entry)]));
    return new Map(read);
}
async function readTeam(port, entry) {
    const at = entry.indexOf('/');
    const org = entry.slice(0, at);
    const slug = entry.slice(at + 1);
    return readOr(MEMBERS_PERMISSION, async () => {
        const logins = [];
        for (let page = 1; page <= MAX_PAGES; page++) {
            const r = await port.rest('GET /orgs/{org}/teams/{team_slug}/members', {
                org,
                team_slug: slug,
                per_page: 100,
                page
            });
            const path = `teams/${entry}/members`;
            const list = (0,shape/* arr */.QL)(r.data, path);
            list.forEach((m, i) => {
                logins.push((0,shape/* str */.gx)((0,shape/* obj */.WL)(m, `${path}[${i}]`).login, `${path}[${i}].login`));
            });
            const link = r.headers.link;
            if (typeof link !== 'string' || !/rel="next"/.test(link))
                return logins;
        }
        throw new errors/* GitHubApiError */.OS(`team ${entry} lists more than ${MAX_PAGES * 100} members; its membership cannot be verified`);
    });
}
/**
 * Members of the teams named in `approvals.reviewers` (the `org/team`
 * entries): they decide who may approve. Undefined, with no request, when it
 * names no team.
 */
function readReviewerTeams(port, reviewers) {
    const entries = (reviewers ?? []).filter((entry) => entry.includes('/'));
    return entries.length === 0
        ? Promise.resolve(undefined)
        : readTeams(port, entries).then((m) => Object.fromEntries(m));
}

;// CONCATENATED MODULE: ./src/engine/break-glass/marker.ts
// The follow-up issue of a break-glass deployment (SPEC §5.7), as both sides
// read it: the action writes the marker into the issue it opens, the audit
// finds the issue by its label, parses the marker and judges the review.
// Pure: no GitHub, no clock.
//
// The marker is one line of the issue body, an HTML comment (invisible when
// GitHub renders the issue) holding one JSON object on one line:
//
//   <!-- promotion-gate:break-glass {"environment":"production","sha":"…","run_id":123,"approved_by":"erin","deployer":"dave","makers":["alice","bob"],"due":"2024-05-04T12:00:00.000Z"} -->
//
// Anyone who can edit the issue can edit the marker: the audit should check
// that the issue's author is the token that opened it (github-actions[bot]
// for the action) and compare the marker with the deployment it names.
/** The label of every follow-up issue. */
const BREAK_GLASS_LABEL = 'promotion-gate:break-glass';
const MARKER_NAME = 'promotion-gate:break-glass';
/**
 * The marker line. `<`, `>` and `&` are written as JSON escapes, so no value
 * can end the HTML comment early; JSON.parse reads them back unchanged.
 */
function renderBreakGlassMarker(marker) {
    const json = JSON.stringify({
        environment: marker.environment,
        sha: marker.sha,
        run_id: marker.run_id,
        approved_by: marker.approved_by,
        deployer: marker.deployer,
        makers: marker.makers,
        due: marker.due
    }).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    return `<!-- ${MARKER_NAME} ${json} -->`;
}
const MARKER_LINE = /^[ \t]*<!-- promotion-gate:break-glass (.+) -->[ \t]*$/;
/**
 * The marker of an issue body, or null when the body has none, has more than
 * one (ambiguous), or its JSON is not a valid marker.
 */
function parseBreakGlassMarker(body) {
    if (typeof body !== 'string')
        return null;
    const found = body
        .split(/\r?\n/)
        .map((line) => MARKER_LINE.exec(line))
        .filter((m) => m !== null);
    if (found.length !== 1)
        return null;
    const [match] = found;
    let value;
    try {
        value = JSON.parse(match[1]);
    }
    catch {
        return null;
    }
    return asMarker(value);
}
function asMarker(value) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return null;
    }
    const v = value;
    const text = (x) => typeof x === 'string' && x.length > 0;
    if (!text(v.environment) ||
        typeof v.sha !== 'string' ||
        !/^[0-9a-f]{40}$/.test(v.sha) ||
        typeof v.run_id !== 'number' ||
        !Number.isSafeInteger(v.run_id) ||
        v.run_id < 1 ||
        !text(v.approved_by) ||
        !text(v.deployer) ||
        !Array.isArray(v.makers) ||
        !v.makers.every(text) ||
        !text(v.due) ||
        Number.isNaN(Date.parse(v.due))) {
        return null;
    }
    return {
        environment: v.environment,
        sha: v.sha,
        run_id: v.run_id,
        approved_by: v.approved_by,
        deployer: v.deployer,
        makers: [...v.makers],
        due: v.due
    };
}
/**
 * Whether `login` may do the independent review: not the deployer, not the
 * break-glass approver, not a maker of any change, and not a bot (a bot
 * closing an issue, e.g. a stale-issue bot, reviews nothing). Logins compare
 * case-insensitively, as GitHub's do.
 */
function isIndependentReviewer(marker, login) {
    if (login === null || login === '')
        return false;
    const key = login.toLowerCase();
    if (key.endsWith('[bot]'))
        return false;
    return ![marker.deployer, marker.approved_by, ...marker.makers].some((other) => other.toLowerCase() === key);
}
/**
 * The review of a break-glass deployment as of `now`. Only a closure as
 * `completed` by an independent reviewer is a review; a closure as not
 * planned or duplicate, or by the deployer, the approver, a maker or a bot,
 * counts as no review at all.
 */
function judgeReview(marker, closed, now) {
    const due = Date.parse(marker.due);
    if (closed !== null && isReview(marker, closed)) {
        return Date.parse(closed.at) <= due ? 'done' : 'late';
    }
    return now.getTime() <= due ? 'pending' : 'missing';
}
function isReview(marker, closed) {
    return ((closed.reason ?? '').toLowerCase() === 'completed' &&
        !Number.isNaN(Date.parse(closed.at)) &&
        isIndependentReviewer(marker, closed.by));
}

;// CONCATENATED MODULE: ./src/engine/break-glass/follow-up.ts
// The follow-up issue of a break-glass allow (SPEC §5.7): opened with the
// workflow token (`issues: write`), labelled `promotion-gate:break-glass`,
// with the machine-readable marker the audit reads (marker.ts).
// No issue, no break-glass: the caller turns a failure here into `block`.
// docs.github.com/en/rest/issues/issues#create-an-issue




const ISSUES_PERMISSION = 'issues: write';
/** GitHub's limits: a title of 256 characters, a body of 65,536. */
const TITLE_MAX = 256;
const BODY_BUDGET = 60_000;
const PROBLEMS_PER_CHECK = 10;
const PROBLEM_MAX = 600;
function followUpMarker(decision, grant) {
    const req = decision.request;
    return {
        environment: req.environment,
        sha: req.sha,
        run_id: req.run.id ?? 0,
        approved_by: grant.approvedBy,
        deployer: grant.deployer,
        makers: grant.makers,
        due: grant.reviewDue
    };
}
function followUpTitle(decision) {
    const req = decision.request;
    const title = `Break-glass review: ${req.environment} ${req.sha.slice(0, 7)} (run ${req.run.id ?? '?'})`;
    return title.length <= TITLE_MAX ? title : `${title.slice(0, TITLE_MAX - 1)}…`;
}
/** Text from inputs or GitHub, made inert: no HTML, so no second marker. */
function inert(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
function code(login) {
    return `\`${login.replace(/`/g, '')}\``;
}
function followUpBody(decision, grant) {
    const req = decision.request;
    const sha7 = req.sha.slice(0, 7);
    const repoUrl = `${req.serverUrl}/${req.owner}/${req.repo}`;
    const makers = grant.makers.length === 0 ? 'none found' : grant.makers.map(code).join(', ');
    const excluded = [grant.deployer, grant.approvedBy, ...grant.makers];
    const head = [
        renderBreakGlassMarker(followUpMarker(decision, grant)),
        '',
        `promotion-gate allowed \`${sha7}\` to **${inert(req.environment)}** by **break-glass**, overriding ${grant.overridden.map((id) => `\`${id}\``).join(', ')}.`,
        '',
        `**Independent review needed by ${grant.reviewDue}** (${formatDuration(grant.reviewWithin)} after the deployment): someone who is not ${[...new Set(excluded)].map(code).join(', ')} reviews what was deployed and closes this issue as **completed**. Closing it as not planned, or by any of them, is not a review.`,
        '',
        '**Reason given**',
        '',
        ...inert(grant.reason)
            .split(/\r?\n/)
            .map((line) => `> ${line}`),
        '',
        '| | |',
        '| --- | --- |',
        `| Approved by | ${code(grant.approvedBy)} (environment approval of the run, listed in \`break_glass.approvers\`) |`,
        `| Deployer | ${code(grant.deployer)} |`,
        `| Makers of the changes | ${makers} |`,
        `| Commit | [\`${sha7}\`](${repoUrl}/commit/${req.sha}) |`,
        `| Workflow run | ${req.run.url === null ? 'unknown' : `[run ${req.run.id ?? '?'}](${req.run.url})`} |`,
        `| Deployed at | ${decision.evaluatedAt} |`,
        `| Review due | ${grant.reviewDue} |`,
        '',
        '### Overridden checks',
        ''
    ];
    const checks = [];
    for (const check of decision.results) {
        if (!grant.overridden.includes(check.id))
            continue;
        checks.push(`- **\`${check.id}\`** (${check.status}): ${inert(check.summary)}`);
        for (const p of check.problems.slice(0, PROBLEMS_PER_CHECK)) {
            const text = p.length > PROBLEM_MAX ? `${p.slice(0, PROBLEM_MAX)}…` : p;
            checks.push(`  - ${inert(text.replace(/\r?\n/g, ' '))}`);
        }
        if (check.problems.length > PROBLEMS_PER_CHECK) {
            checks.push(`  - and ${check.problems.length - PROBLEMS_PER_CHECK} more (see the evidence record of the run)`);
        }
    }
    const foot = [
        '',
        `<sub>Opened by promotion-gate. The first line of this issue is read by \`promotion-gate audit\`: do not edit it.</sub>`,
        ''
    ];
    let body = [...head, ...checks, ...foot].join('\n');
    while (body.length > BODY_BUDGET && checks.length > 1) {
        checks.splice(-2, 2, '- … (cut to fit; see the evidence record of the run)');
        body = [...head, ...checks, ...foot].join('\n');
    }
    return body;
}
/**
 * Opens the follow-up issue. Never throws: a failure is a `problem` naming
 * `issues: write`, and the caller blocks.
 */
async function openFollowUpIssue(github, decision, grant) {
    const req = decision.request;
    const failed = (why) => ({
        problem: `break-glass was verified (approved by ${grant.approvedBy}) but its follow-up issue could not be opened, so the deployment is blocked: grant the job \`${ISSUES_PERMISSION}\` in its permissions (${why})`
    });
    if (req.run.id === null)
        return failed('the workflow run id is unknown');
    try {
        const r = await github.rest('POST /repos/{owner}/{repo}/issues', {
            owner: req.owner,
            repo: req.repo,
            title: followUpTitle(decision),
            body: followUpBody(decision, grant),
            labels: [BREAK_GLASS_LABEL]
        });
        const data = (0,shape/* obj */.WL)(r.data, 'issue');
        const issue = {
            number: (0,shape/* num */.bu)(data.number, 'issue.number'),
            url: (0,shape/* str */.gx)(data.html_url, 'issue.html_url')
        };
        const labels = (0,shape/* arr */.QL)(data.labels ?? [], 'issue.labels').map((l) => typeof l === 'string' ? l : String((0,shape/* obj */.WL)(l, 'issue.labels[]').name));
        const warning = labels.includes(BREAK_GLASS_LABEL)
            ? null
            : `the follow-up issue #${issue.number} was opened without the label ${BREAK_GLASS_LABEL} (GitHub dropped it): add the label to ${issue.url} so that the audit finds it`;
        return { issue, warning };
    }
    catch (error) {
        return failed(`GitHub said: ${(0,errors/* getErrorMessage */.u1)(error)}`);
    }
}

;// CONCATENATED MODULE: ./src/engine/break-glass/grant.ts
// SPEC §5.7 break-glass: when the checks block and a reason is given, an
// `approved` environment approval of this run by a `break_glass.approvers`
// member who made none of the changes and is not the deployer allows the
// deployment anyway. Besides `decide` (rules/index.ts), `breakGlassDecision` is
// the only place an `allow` is produced, and it never produces one on
// missing data: whatever it cannot verify refuses the break-glass.



/** Who counts as a maker for break-glass: everyone who made a change. */
const grant_MAKING = ['author', 'commit_authors', 'committers', 'co_authors'];
/**
 * The break-glass verdict for checks that block (`decide` gave `block`).
 * `allow` only when the `policy` check passed, the policy has `break_glass`
 * for the environment, the makers of every change are known, and this run
 * carries an approval for the environment by an approver who is listed (or
 * is a member of a listed team), is not a bot, not a maker and not the
 * deployer. Every `block` says why, starting `break-glass requested but`.
 */
function breakGlassDecision(input) {
    const outcome = verify(input);
    return outcome.verdict === 'allow'
        ? outcome
        : { verdict: 'block', message: outcome.message };
}
/**
 * The `org/team` entries of `break_glass.approvers` whose members decide the
 * verdict: read them (the organization permission `members: read`) only when
 * no listed login already grants the break-glass and an approver who is
 * otherwise eligible is not listed by login.
 */
function teamsToRead(input) {
    const outcome = verify({ ...input, teams: new Map() });
    return outcome.verdict === 'allow' ? [] : outcome.unreadTeams;
}
function verify(input) {
    const { results, facts, policy } = input;
    const refuse = (why, unreadTeams = []) => ({
        verdict: 'block',
        message: `break-glass requested but ${why}`,
        unreadTeams
    });
    const policyCheck = results.find((c) => c.id === 'policy');
    if (policyCheck?.status !== 'pass' || policy === null) {
        return refuse('the policy check did not pass: a missing, unreadable or invalid policy is never overridden');
    }
    const breakGlass = policy.breakGlass;
    if (breakGlass === null) {
        return refuse(`the policy gives ${policy.name} no break_glass: add break_glass (approvers, review_within) to environments.${policy.name} to allow it`);
    }
    const overridden = results
        .filter((c) => c.status === 'fail' || c.status === 'error')
        .map((c) => c.id);
    if (overridden.length === 0) {
        return refuse('no check failed, so there is nothing to override');
    }
    if (facts === null) {
        return refuse('the changes in this deployment could not be read, so their makers are unknown and the approver cannot be shown to be independent of them');
    }
    const deployer = facts.deployer;
    if (deployer === null) {
        return refuse('the deployer is unknown, so the approver cannot be shown to be someone else');
    }
    const makers = makersOfAll(facts, policy);
    if (policy.approvals.unresolvedIdentities === 'block' &&
        makers.unresolved.length > 0) {
        const names = [
            ...new Set(makers.unresolved.map((u) => `${describeIdentity(u)} (${u.commit})`))
        ];
        return refuse(`${andList(names)} ${names.length === 1 ? 'is' : 'are'} not linked to a GitHub account, so the approver cannot be shown to be independent of the changes: link the email to a GitHub account, or set approvals.unresolved_identities: ignore`);
    }
    const approvals = facts.run.approvals;
    const env = facts.environment;
    if (approvals === null) {
        return refuse(`this run carries no environment approvals (the gate must run in the job that deploys to ${env}, inside its workflow run)`);
    }
    if (isUnreadable(approvals)) {
        return refuse(`the environment approvals of this run cannot be read: grant the token \`${approvals.permission}\` (GitHub said: ${approvals.detail})`);
    }
    const candidates = [];
    for (const approval of approvalsOf(approvals, env)) {
        const login = approval.user.login;
        const problems = [];
        if (isBot(approval.user))
            problems.push('is a bot');
        const maker = makers.makers.get(loginKey(login));
        if (maker !== undefined)
            problems.push(`is ${describeMaker(maker)}`);
        if (sameLogin(login, deployer))
            problems.push('is the deployer');
        candidates.push({
            login,
            problems,
            membership: membership(login, breakGlass.approvers, input.teams)
        });
    }
    const granted = candidates.find((c) => c.problems.length === 0 && c.membership === 'listed');
    if (granted !== undefined) {
        return {
            verdict: 'allow',
            grant: {
                reason: input.reason,
                approvedBy: granted.login,
                deployer,
                makers: [...makers.makers.values()]
                    .map((m) => m.login)
                    .sort((a, b) => loginKey(a).localeCompare(loginKey(b))),
                overridden,
                reviewWithin: breakGlass.reviewWithinSeconds,
                reviewDue: new Date(input.now.getTime() + breakGlass.reviewWithinSeconds * 1000).toISOString()
            }
        };
    }
    const approvers = andList(breakGlass.approvers);
    if (candidates.length === 0) {
        return refuse(`this run has no approval for the ${env} environment: add ${approvers} as required reviewers of the ${env} environment, so that one of them approves the run`);
    }
    const unknownTeams = new Set();
    const reasons = candidates.map((c) => {
        const why = [...c.problems];
        if (c.membership === 'not-listed') {
            why.push(`is not in break_glass.approvers (${approvers})`);
        }
        else if (c.membership !== 'listed' && why.length === 0) {
            for (const team of c.membership.unknown)
                unknownTeams.add(team);
            why.push(`may be a member of ${andList(c.membership.unknown)}, which cannot be read`);
        }
        return `${c.login} approved the run but ${andList(why)}`;
    });
    if (unknownTeams.size > 0) {
        const teams = [...unknownTeams];
        const details = teams
            .map((t) => input.teams.get(t))
            .filter(isUnreadable)
            .map((u) => u.detail);
        const said = details.length > 0 ? ` (GitHub said: ${details[0]})` : '';
        return refuse(`it cannot be verified: ${reasons.join('; ')}. Reading the members of ${andList(teams)} needs the organization permission \`members: read\`, which a workflow token cannot have${said}: list the approvers' logins in break_glass.approvers instead of the team`, teams);
    }
    return refuse(`no approval of this run counts: ${reasons.join('; ')}. Ask one of ${approvers} who made none of the changes and is not the deployer to approve the run`);
}
function isTeam(entry) {
    return entry.includes('/');
}
function membership(login, approvers, teams) {
    const unknown = [];
    for (const entry of approvers) {
        if (!isTeam(entry)) {
            if (sameLogin(entry, login))
                return 'listed';
            continue;
        }
        const members = teams.get(entry);
        if (members === undefined || isUnreadable(members)) {
            unknown.push(entry);
        }
        else if (members.some((m) => sameLogin(m, login))) {
            return 'listed';
        }
    }
    return unknown.length > 0 ? { unknown } : 'not-listed';
}
function makersOfAll(facts, policy) {
    return mergeMakers(facts.changes.map((change) => makersOf(change, facts, policy, grant_MAKING)));
}

;// CONCATENATED MODULE: ./src/engine/break-glass/apply.ts
// The emergency path on a decision already made (SPEC §5.7): verify the
// grant, then open its follow-up issue. A break-glass allow stands only with
// its issue; anything that goes wrong here leaves the decision `block`.




async function applyBreakGlass(decision, reason, github, now) {
    if (decision.decision === 'allow') {
        return {
            ...decision,
            breakGlass: null,
            breakGlassNote: 'a break-glass reason was given, but every check passed: the deployment is allowed as usual, with no follow-up issue'
        };
    }
    let granted;
    try {
        const input = {
            reason,
            results: decision.results,
            facts: decision.facts,
            policy: decision.environmentPolicy,
            now
        };
        const teams = await readTeams(github, teamsToRead(input));
        const verdict = breakGlassDecision({ ...input, teams });
        if (verdict.verdict === 'block')
            return refuse(decision, verdict.message);
        granted = {
            ...decision,
            decision: 'allow',
            breakGlass: verdict.grant,
            breakGlassNote: null
        };
    }
    catch (error) {
        return refuse(decision, `break-glass requested but it could not be verified: ${(0,errors/* toFailure */.w2)(error).message}`);
    }
    const grant = granted.breakGlass;
    if (grant === null)
        return granted;
    const opened = await openFollowUpIssue(github, granted, grant);
    if ('problem' in opened)
        return refuse(granted, opened.problem);
    return {
        ...granted,
        followUp: opened.issue,
        warnings: opened.warning === null
            ? granted.warnings
            : [...granted.warnings, opened.warning]
    };
}
/** A decision that is `block`, with `note` saying why no break-glass stands. */
function refuse(decision, note) {
    return {
        ...decision,
        decision: 'block',
        breakGlass: null,
        breakGlassNote: note
    };
}

;// CONCATENATED MODULE: ./src/engine/gather/parse.ts
// GitHub answers -> Facts. Pure; every value narrowed (shape.ts).



const ACTOR_TYPES = {
    User: 'User',
    Bot: 'Bot',
    Organization: 'Organization',
    Mannequin: 'Mannequin'
};
/**
 * GraphQL Actor (`__typename login`) or REST simple-user (`login type`).
 * GraphQL names a bot without the `[bot]` suffix REST gives it
 * (`github-actions` vs `github-actions[bot]`); the REST form is used
 * throughout, as policies write it.
 */
function parseActor(value, path) {
    const a = (0,shape/* optObj */.vW)(value, path);
    if (a === null)
        return null;
    const raw = (0,shape/* str */.gx)(a.login, `${path}.login`);
    const isBotType = a.__typename === 'Bot' || a.type === 'Bot';
    const login = isBotType && !raw.endsWith('[bot]') ? `${raw}[bot]` : raw;
    const typename = typeof a.__typename === 'string'
        ? a.__typename
        : typeof a.type === 'string'
            ? a.type
            : 'Other';
    const type = ACTOR_TYPES[typename] ?? 'Other';
    return { login, type: login.endsWith('[bot]') ? 'Bot' : type };
}
// GitHub's own committer for merges and edits made on github.com.
// docs.github.com/en/authentication/managing-commit-signature-verification/about-commit-signature-verification
const WEB_FLOW_LOGIN = 'web-flow';
const WEB_FLOW_EMAIL = 'noreply@github.com';
/**
 * GitHub's committer for what it commits itself: the account web-flow, or
 * its address when GitHub gives no account for it. A forged address hides
 * only the committer (the author still counts), and cannot carry GitHub's
 * signature (approvals.require_verified_commits).
 */
function isWebFlow(login, email) {
    if (login !== null)
        return login.toLowerCase() === WEB_FLOW_LOGIN;
    return email?.toLowerCase() === WEB_FLOW_EMAIL;
}
// A bot's noreply address: `ID+NAME[bot]@users.noreply.github.com` (the ID
// is optional, as in the older noreply form of users).
const BOT_NOREPLY = /^(?:\d+\+)?([a-z0-9][a-z0-9-]*\[bot\])@users\.noreply\.github\.com$/i;
// Copilot's coding agent commits as `Copilot
// <198982749+Copilot@users.noreply.github.com>`
// (copilot-coding-agent/user-feedback#76); 198982749 is the Bot account whose
// REST login is `Copilot` (posit-dev/ark#1001), without a `[bot]` suffix.
const COPILOT_AGENT_NOREPLY = '198982749+copilot@users.noreply.github.com';
const COPILOT_AGENT_LOGIN = 'Copilot';
/**
 * The bot a commit e-mail names, when GitHub mapped it to no account.
 * GraphQL's `GitActor.user` is a `User`, "null if no such user exists", so a
 * bot's address, such as `49699333+dependabot[bot]@users.noreply.github.com`,
 * resolves to none (REST's commit `author` does give the bot): the address
 * itself names it. Anyone can write any address into a commit, as for a
 * person's; `approvals.require_verified_commits` is what authenticates one.
 */
function botOfEmail(email) {
    if (email === null)
        return null;
    if (email.toLowerCase() === COPILOT_AGENT_NOREPLY)
        return COPILOT_AGENT_LOGIN;
    return BOT_NOREPLY.exec(email)?.[1] ?? null;
}
function identity(value, path) {
    const g = (0,shape/* optObj */.vW)(value, path);
    if (g === null)
        return { name: null, email: null, login: null, isWebFlow: false };
    const user = (0,shape/* optObj */.vW)(g.user, `${path}.user`);
    const email = (0,shape/* optStr */.VK)(g.email, `${path}.email`);
    const login = user === null ? botOfEmail(email) : (0,shape/* str */.gx)(user.login, `${path}.user.login`);
    return {
        name: (0,shape/* optStr */.VK)(g.name, `${path}.name`),
        email,
        login,
        isWebFlow: isWebFlow(login, email)
    };
}
const TRAILER = /^co-authored-by:\s*(.*?)\s*<([^>]*)>\s*$/gim;
/** `Co-authored-by: Name <email>` trailers, as git writes them. */
function coAuthorTrailers(message) {
    const found = [];
    for (const m of message.matchAll(TRAILER)) {
        // both groups are mandatory in TRAILER: each match has them
        found.push({ name: m[1], email: m[2].trim() });
    }
    return found;
}
const sameEmail = (a, b) => a !== null && b !== null && a.toLowerCase() === b.toLowerCase();
/**
 * A commit's co-authors: those GitHub lists in `authors` after the author,
 * each mapped to an account by e-mail where it could, then any trailer it did
 * not list (no account: they block as unresolved identities rather than go
 * unseen). Without `authors` (not asked), the trailers alone.
 */
function coAuthorsOf(author, listed, message) {
    const coAuthors = listed.filter((p, i) => !(i === 0 && sameEmail(p.email, author.email)));
    for (const t of coAuthorTrailers(message)) {
        if (!coAuthors.some((p) => sameEmail(p.email, t.email))) {
            coAuthors.push({
                name: t.name,
                email: t.email,
                login: botOfEmail(t.email),
                isWebFlow: false
            });
        }
    }
    return coAuthors.filter((p) => !sameEmail(p.email, author.email));
}
/** GitHub's `authors` of a commit: the author first, then the co-authors. */
function parseAuthors(value, path) {
    return (0,shape/* connection */.FI)(value, path).nodes.map((n, i) => identity(n, `${path}.nodes[${i}]`));
}
function parseCommit(value, path) {
    const c = (0,shape/* obj */.WL)(value, path);
    const message = (0,shape/* str */.gx)(c.message, `${path}.message`);
    const author = identity(c.author, `${path}.author`);
    const authors = (0,shape/* optObj */.vW)(c.authors, `${path}.authors`);
    const parents = (0,shape/* optObj */.vW)(c.parents, `${path}.parents`);
    const tree = (0,shape/* obj */.WL)(c.tree, `${path}.tree`);
    const sig = (0,shape/* optObj */.vW)(c.signature, `${path}.signature`);
    return {
        oid: (0,shape/* str */.gx)(c.oid, `${path}.oid`),
        treeOid: (0,shape/* str */.gx)(tree.oid, `${path}.tree.oid`),
        url: (0,shape/* str */.gx)(c.url, `${path}.url`),
        message,
        author,
        committer: identity(c.committer, `${path}.committer`),
        coAuthors: coAuthorsOf(author, authors === null ? [] : parseAuthors(authors, `${path}.authors`), message),
        parents: parents === null
            ? null
            : (0,shape/* connection */.FI)(parents, `${path}.parents`).nodes.map((n, i) => (0,shape/* str */.gx)((0,shape/* obj */.WL)(n, `${path}.parents.nodes[${i}]`).oid, `${path}.parents.nodes[${i}].oid`)),
        committedDate: (0,shape/* date */.p6)(c.committedDate, `${path}.committedDate`),
        signature: sig === null
            ? null
            : {
                valid: sig.isValid === true,
                state: typeof sig.state === 'string' ? sig.state : 'UNKNOWN',
                byGitHub: sig.wasSignedByGitHub === true
            }
    };
}
const REVIEW_STATES = new Set([
    'APPROVED',
    'CHANGES_REQUESTED',
    'COMMENTED',
    'DISMISSED',
    'PENDING'
]);
function parseReview(value, path) {
    const r = (0,shape/* obj */.WL)(value, path);
    const state = (0,shape/* str */.gx)(r.state, `${path}.state`);
    if (!REVIEW_STATES.has(state)) {
        throw new errors/* ShapeError */.ym(`${path}.state: unknown review state ${state}`);
    }
    const commit = (0,shape/* optObj */.vW)(r.commit, `${path}.commit`);
    return {
        author: parseActor(r.author, `${path}.author`),
        state: state,
        commitOid: commit === null ? null : (0,shape/* optStr */.VK)(commit.oid, `${path}.commit.oid`),
        submittedAt: (0,shape/* optDate */.wE)(r.submittedAt, `${path}.submittedAt`),
        url: (0,shape/* str */.gx)(r.url, `${path}.url`),
        authorCanPush: r.authorCanPushToRepository === true
    };
}
function parsePullRequest(value, path) {
    const p = (0,shape/* obj */.WL)(value, path);
    const commits = (0,shape/* connection */.FI)(p.commits, `${path}.commits`);
    const reviews = (0,shape/* connection */.FI)(p.reviews, `${path}.reviews`);
    const merge = (0,shape/* optObj */.vW)(p.mergeCommit, `${path}.mergeCommit`);
    return {
        id: (0,shape/* str */.gx)(p.id, `${path}.id`),
        commitsCursor: commits.hasNextPage ? commits.endCursor : null,
        reviewsCursor: reviews.hasNextPage ? reviews.endCursor : null,
        commitsTotal: commits.totalCount,
        reviewsTotal: reviews.totalCount,
        fact: {
            number: (0,shape/* num */.bu)(p.number, `${path}.number`),
            url: (0,shape/* str */.gx)(p.url, `${path}.url`),
            author: parseActor(p.author, `${path}.author`),
            merged: (0,shape/* bool */.lc)(p.merged, `${path}.merged`),
            mergedAt: (0,shape/* optDate */.wE)(p.mergedAt, `${path}.mergedAt`),
            baseRefName: (0,shape/* str */.gx)(p.baseRefName, `${path}.baseRefName`),
            headRefOid: (0,shape/* str */.gx)(p.headRefOid, `${path}.headRefOid`),
            mergeCommitOid: merge === null ? null : (0,shape/* str */.gx)(merge.oid, `${path}.mergeCommit.oid`),
            commits: commits.nodes.map((n, i) => parseCommit((0,shape/* obj */.WL)(n, `${path}.commits.nodes[${i}]`).commit, `${path}.commits.nodes[${i}].commit`)),
            reviews: reviews.nodes.map((n, i) => parseReview(n, `${path}.reviews.nodes[${i}]`))
        }
    };
}
const DEPLOYMENT_STATE_SET = new Set(DEPLOYMENT_STATES);
function parseStatus(value, path) {
    const s = (0,shape/* obj */.WL)(value, path);
    const state = (0,shape/* str */.gx)(s.state, `${path}.state`).toLowerCase();
    if (!DEPLOYMENT_STATE_SET.has(state)) {
        throw new errors/* ShapeError */.ym(`${path}.state: unknown deployment state ${state}`);
    }
    return {
        state: state,
        createdAt: (0,shape/* date */.p6)(s.createdAt, `${path}.createdAt`),
        logUrl: (0,shape/* optStr */.VK)(s.logUrl, `${path}.logUrl`),
        environmentUrl: (0,shape/* optStr */.VK)(s.environmentUrl, `${path}.environmentUrl`)
    };
}
function parseDeployment(value, path) {
    const d = (0,shape/* obj */.WL)(value, path);
    const statuses = (0,shape/* connection */.FI)(d.statuses, `${path}.statuses`);
    const commit = (0,shape/* optObj */.vW)(d.commit, `${path}.commit`);
    const tree = commit === null ? null : (0,shape/* optObj */.vW)(commit.tree, `${path}.commit.tree`);
    return {
        id: (0,shape/* str */.gx)(d.id, `${path}.id`),
        statusesCursor: statuses.hasNextPage ? statuses.endCursor : null,
        statusesTotal: statuses.totalCount,
        fact: {
            id: (0,shape/* num */.bu)(d.databaseId, `${path}.databaseId`),
            environment: (0,shape/* optStr */.VK)(d.environment, `${path}.environment`) ?? '',
            sha: (0,shape/* str */.gx)(d.commitOid, `${path}.commitOid`),
            treeOid: tree === null ? null : (0,shape/* optStr */.VK)(tree.oid, `${path}.commit.tree.oid`),
            creator: parseActor(d.creator, `${path}.creator`),
            createdAt: (0,shape/* date */.p6)(d.createdAt, `${path}.createdAt`),
            statuses: statuses.nodes.map((n, i) => parseStatus(n, `${path}.statuses.nodes[${i}]`)),
            ...('ref' in d ? { ref: deploymentRef(d.ref, `${path}.ref`) } : {})
        }
    };
}
/** `Deployment.ref` fully qualified; null: a sha, or a ref GitHub lost. */
function deploymentRef(value, path) {
    const ref = (0,shape/* optObj */.vW)(value, path);
    if (ref === null)
        return null;
    return `${(0,shape/* str */.gx)(ref.prefix, `${path}.prefix`)}${(0,shape/* str */.gx)(ref.name, `${path}.name`)}`;
}
/**
 * Oldest first. GitHub lists deployment statuses newest first, so statuses
 * with the same timestamp keep the reverse of the listed order.
 */
function chronological(statuses) {
    return [...statuses]
        .reverse()
        .map((s, i) => ({ s, i }))
        .sort((a, b) => Date.parse(a.s.createdAt) - Date.parse(b.s.createdAt) || a.i - b.i)
        .map(({ s }) => s);
}

;// CONCATENATED MODULE: ./src/engine/gather/approvals.ts
// The run's environment approvals: the review history of the deployments
// this workflow run waited on (who approved or rejected, for which
// environments), which the approval rules count.




/**
 * `GET /repos/{o}/{r}/actions/runs/{run_id}/approvals`, read with
 * `actions: read`; null when there is no run to ask about.
 */
async function fetchApprovals(port, req) {
    const runId = req.run.id;
    if (runId === null)
        return null;
    return readOr('actions: read', async () => {
        const r = await port.rest('GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals', {
            owner: req.owner,
            repo: req.repo,
            run_id: runId
        });
        return (0,shape/* arr */.QL)(r.data, 'approvals').map((item, i) => {
            const a = (0,shape/* obj */.WL)(item, `approvals[${i}]`);
            const user = parseActor(a.user, `approvals[${i}].user`);
            if (user === null)
                throw new errors/* ShapeError */.ym(`approvals[${i}].user: missing`);
            const state = (0,shape/* str */.gx)(a.state, `approvals[${i}].state`);
            return {
                user,
                state: state === 'approved' ? 'approved' : 'rejected',
                environments: (0,shape/* arr */.QL)(a.environments, `approvals[${i}].environments`).map((e, j) => (0,shape/* str */.gx)((0,shape/* obj */.WL)(e, `approvals[${i}].environments[${j}]`).name, `approvals[${i}].environments[${j}].name`)),
                comment: typeof a.comment === 'string' ? a.comment : ''
            };
        });
    });
}

;// CONCATENATED MODULE: ./src/engine/gather/parse-protection.ts
// GitHub's answers about branch protection -> Facts: ruleset rules (REST and
// GraphQL `Ref.rules`), the classic rule GraphQL shows (`refUpdateRule`) and
// classic protection over REST. Pure; every value narrowed (shape.ts).

const RULE_TYPES = {
    pull_request: 'pull_request',
    non_fast_forward: 'non_fast_forward',
    deletion: 'deletion',
    required_status_checks: 'required_status_checks',
    update: 'update',
    creation: 'creation',
    required_linear_history: 'required_linear_history',
    required_signatures: 'required_signatures'
};
/** REST `GET /repos/{o}/{r}/rules/branches/{branch}` items. */
function parseRules(value, path) {
    return (0,shape/* arr */.QL)(value, path).map((item, i) => {
        const p = `${path}[${i}]`;
        const r = (0,shape/* obj */.WL)(item, p);
        const rawType = (0,shape/* str */.gx)(r.type, `${p}.type`);
        const params = (0,shape/* optObj */.vW)(r.parameters, `${p}.parameters`);
        const rule = {
            type: RULE_TYPES[rawType] ?? 'other',
            rawType,
            rulesetId: typeof r.ruleset_id === 'number' ? r.ruleset_id : null
        };
        if (rawType === 'pull_request' && params !== null) {
            rule.pullRequest = {
                requiredApprovingReviewCount: (0,shape/* num */.bu)(params.required_approving_review_count, `${p}.parameters.required_approving_review_count`),
                dismissStaleReviewsOnPush: params.dismiss_stale_reviews_on_push === true,
                requireCodeOwnerReview: params.require_code_owner_review === true,
                requireLastPushApproval: params.require_last_push_approval === true
            };
        }
        if (rawType === 'required_status_checks' && params !== null) {
            const checks = (0,shape/* arr */.QL)(params.required_status_checks, `${p}.parameters.required_status_checks`).map((c, j) => {
                const at = `${p}.parameters.required_status_checks[${j}]`;
                const check = (0,shape/* obj */.WL)(c, at);
                return {
                    context: (0,shape/* str */.gx)(check.context, `${at}.context`),
                    appId: appPin(check.integration_id, `${at}.integration_id`)
                };
            });
            rule.requiredStatusChecks = checks.map((c) => c.context);
            const pinned = checks.flatMap((c) => c.appId === null ? [] : [{ context: c.context, appId: c.appId }]);
            if (pinned.length > 0)
                rule.pinnedChecks = pinned;
        }
        return rule;
    });
}
/**
 * GraphQL `Ref.rules`, in the REST shape `parseRules` reads. Null when
 * GitHub gave no answer or more than a page: REST is asked instead.
 */
function parseRefRules(value, path) {
    const rules = (0,shape/* optObj */.vW)(value, path);
    if (rules === null)
        return null;
    const c = (0,shape/* connection */.FI)(rules, path);
    if (c.hasNextPage)
        return null;
    const rest = [];
    c.nodes.forEach((item, i) => {
        const p = `${path}.nodes[${i}]`;
        const r = (0,shape/* obj */.WL)(item, p);
        const ruleset = (0,shape/* optObj */.vW)(r.repositoryRuleset, `${p}.repositoryRuleset`);
        // Only active rulesets protect; `evaluate` only reports.
        if (ruleset !== null && ruleset.enforcement !== 'ACTIVE')
            return;
        const params = (0,shape/* optObj */.vW)(r.parameters, `${p}.parameters`);
        rest.push({
            type: (0,shape/* str */.gx)(r.type, `${p}.type`).toLowerCase(),
            ruleset_id: ruleset === null ? null : ruleset.databaseId,
            parameters: params === null
                ? null
                : {
                    required_approving_review_count: params.requiredApprovingReviewCount,
                    dismiss_stale_reviews_on_push: params.dismissStaleReviewsOnPush,
                    require_code_owner_review: params.requireCodeOwnerReview,
                    require_last_push_approval: params.requireLastPushApproval,
                    required_status_checks: Array.isArray(params.requiredStatusChecks)
                        ? params.requiredStatusChecks.map((c) => {
                            const check = (0,shape/* obj */.WL)(c, `${p}.parameters.requiredStatusChecks`);
                            return {
                                context: check.context,
                                integration_id: check.integrationId
                            };
                        })
                        : params.requiredStatusChecks
                }
        });
    });
    return parseRules(rest, path);
}
/** GraphQL `Ref.refUpdateRule`: the classic rule non-admins may see, if any. */
function parseRefUpdateRule(value, path) {
    const r = (0,shape/* optObj */.vW)(value, path);
    if (r === null)
        return null;
    return {
        pattern: (0,shape/* str */.gx)(r.pattern, `${path}.pattern`),
        requiredStatusChecks: (0,shape/* arr */.QL)(r.requiredStatusCheckContexts ?? [], `${path}.requiredStatusCheckContexts`).map((c, i) => (0,shape/* str */.gx)(c, `${path}.requiredStatusCheckContexts[${i}]`))
    };
}
/** REST `GET /repos/{o}/{r}/branches/{branch}/protection`. */
function parseClassicProtection(value, path) {
    const p = (0,shape/* obj */.WL)(value, path);
    const reviews = (0,shape/* optObj */.vW)(p.required_pull_request_reviews, `${path}.required_pull_request_reviews`);
    const checks = (0,shape/* optObj */.vW)(p.required_status_checks, `${path}.required_status_checks`);
    const flag = (key) => {
        const v = (0,shape/* optObj */.vW)(p[key], `${path}.${key}`);
        return v !== null && v.enabled === true;
    };
    const contexts = [];
    const pinned = [];
    if (checks !== null) {
        if (Array.isArray(checks.contexts)) {
            checks.contexts.forEach((c, i) => contexts.push((0,shape/* str */.gx)(c, `${path}.required_status_checks.contexts[${i}]`)));
        }
        if (Array.isArray(checks.checks)) {
            checks.checks.forEach((c, i) => {
                const at = `${path}.required_status_checks.checks[${i}]`;
                const check = (0,shape/* obj */.WL)(c, at);
                const context = (0,shape/* str */.gx)(check.context, `${at}.context`);
                if (!contexts.includes(context))
                    contexts.push(context);
                const appId = appPin(check.app_id, `${at}.app_id`);
                if (appId !== null)
                    pinned.push({ context, appId });
            });
        }
    }
    return {
        requiredApprovingReviewCount: reviews === null
            ? null
            : typeof reviews.required_approving_review_count === 'number'
                ? reviews.required_approving_review_count
                : 0,
        dismissStaleReviews: reviews?.dismiss_stale_reviews === true,
        requireLastPushApproval: reviews?.require_last_push_approval === true,
        requireCodeOwnerReviews: reviews?.require_code_owner_reviews === true,
        allowForcePushes: flag('allow_force_pushes'),
        allowDeletions: flag('allow_deletions'),
        requiredStatusChecks: contexts,
        ...(pinned.length > 0 ? { pinnedChecks: pinned } : {}),
        enforceAdmins: flag('enforce_admins')
    };
}
/**
 * The app a required check is pinned to, or null for any source: a
 * ruleset's `integration_id` is optional, and classic protection's `app_id`
 * -1 "explicitly allow[s] any app" (docs.github.com/en/rest/branches/
 * branch-protection#update-branch-protection, `checks[].app_id`).
 */
function appPin(value, path) {
    if (value === null || value === undefined)
        return null;
    const id = (0,shape/* num */.bu)(value, path);
    return id > 0 ? id : null;
}

;// CONCATENATED MODULE: ./src/engine/gather/protection.ts
// Branch protection as GitHub stores it: the active ruleset rules of a branch
// (REST, when GraphQL gave none) and classic protection, read only for
// branches holding the commit whose rules alone do not settle the question.




/** The active rules of one branch: `GET /repos/{o}/{r}/rules/branches/{b}`. */
function readBranchRules(port, req, branch) {
    return port
        .rest('GET /repos/{owner}/{repo}/rules/branches/{branch}', {
        owner: req.owner,
        repo: req.repo,
        branch,
        per_page: 100
    })
        .then((r) => parseRules(r.data, `rules/branches/${branch}`))
        .catch((error) => {
        if (error instanceof errors/* GitHubApiError */.OS &&
            (error.status === 403 || error.status === 404)) {
            return support_unreadable(error.permission ?? 'metadata: read', error.message);
        }
        throw error;
    });
}
async function classicProtection(port, req, branch) {
    try {
        const r = await port.rest('GET /repos/{owner}/{repo}/branches/{branch}/protection', {
            owner: req.owner,
            repo: req.repo,
            branch
        });
        return parseClassicProtection(r.data, `branches/${branch}/protection`);
    }
    catch (error) {
        if (error instanceof errors/* GitHubApiError */.OS && error.status === 404)
            return null;
        if (error instanceof errors/* GitHubApiError */.OS && error.status === 403) {
            // 403 is "cannot tell", never "unprotected" (SPEC §5.4).
            return support_unreadable('administration: read', error.message);
        }
        throw error;
    }
}
/**
 * Classic protection of each branch holding the commit, where the policy's
 * requirement or the environment's "protected branches only" setting needs
 * it; and what that setting then sees.
 */
async function readClassicProtection(input) {
    const { github, request, policy, branches, environmentSettings } = input;
    // "Protected branches only" counts classic protection alone (the
    // environment rule reads it so), so that setting needs the classic rules read.
    const settings = environmentSettings !== null &&
        'exists' in environmentSettings &&
        environmentSettings.exists
        ? environmentSettings.settings
        : null;
    const onlyProtected = settings?.deploymentBranchPolicy?.protectedBranches === true;
    await Promise.all(branches.map(async (b) => {
        if (!b.containsCommit)
            return;
        const forBranchProtection = policy.branchProtection !== false &&
            ('unreadable' in b.rules ||
                !rulesMeet(b.rules, policy.branchProtection));
        // A classic rule non-admins can see answers "is it protected?".
        const forEnvironment = onlyProtected && !b.visibleClassic;
        if (!forBranchProtection && !forEnvironment)
            return;
        b.classic = await classicProtection(github, request, b.name);
    }));
    if (settings === null || !onlyProtected)
        return;
    const holding = branches.filter((b) => b.containsCommit);
    const isProtected = (b) => b.visibleClassic
        ? true
        : isUnreadable(b.classic)
            ? b.classic
            : b.classic !== null;
    const unread = holding
        .map(isProtected)
        .find((p) => typeof p !== 'boolean');
    settings.classicProtection =
        unread !== undefined
            ? unread
            : holding.map((b) => ({
                branch: b.name,
                protected: isProtected(b) === true
            }));
}

;// CONCATENATED MODULE: ./src/engine/gather/branches.ts
// Branches: the policy's branches that exist, whether each contains the
// deployed commit, and their active ruleset rules. GraphQL answers most of
// it in the context round trip; REST fills in what it could not.





function refAnswer(ref, name, errors, path) {
    const failed = (field) => errors.some((e) => (e.path ?? []).includes(field));
    return {
        name,
        contains: contains(ref, name),
        rules: failed('rules') ? null : parseRefRules(ref.rules, `${path}.rules`),
        visibleClassic: failed('refUpdateRule') || !('refUpdateRule' in ref)
            ? undefined
            : parseRefUpdateRule(ref.refUpdateRule, `${path}.refUpdateRule`)
    };
}
/**
 * `ref.compare(headRef: sha)`: BEHIND or IDENTICAL means the branch contains
 * the sha. Null when GitHub gave no comparison.
 */
function contains(ref, name) {
    const cmp = (0,shape/* optObj */.vW)(ref.compare, `ref(${name}).compare`);
    if (cmp === null)
        return null;
    const status = (0,shape/* str */.gx)(cmp.status, `ref(${name}).compare.status`);
    return status === 'BEHIND' || status === 'IDENTICAL';
}
const isGlob = (pattern) => /[*?[\]{}()!+@]/.test(pattern);
/** What comes before the first glob character: `release/` of `release/*`. */
const globPrefix = (pattern) => pattern.replace(/[*?[\]{}()!+@].*$/s, '');
function planBranches(policy, defaultBranch) {
    const literal = policy.branches.filter((b) => !isGlob(b));
    const globs = policy.branches.filter(isGlob);
    const known = new Map();
    if (literal.includes(defaultBranch.name)) {
        known.set(defaultBranch.name, defaultBranch.ref);
    }
    const selections = [
        ...literal
            .filter((name) => !known.has(name))
            .map((name, i) => ({
            alias: `b${i}`,
            name,
            glob: false,
            after: null
        })),
        ...globs.map((g, i) => ({
            alias: `g${i}`,
            name: globPrefix(g),
            glob: true,
            after: null
        }))
    ];
    return { literal, known, selections };
}
/** Each policy branch that exists, once, with its containment and rules. */
async function branchFacts(input) {
    const { github, request, policy, plan, defaultBranch, defaultRules } = input;
    const seen = new Set();
    const matching = input.refs.filter((ref) => {
        if (seen.has(ref.name))
            return false;
        seen.add(ref.name);
        return policy.branches.some((g) => (0,esm/* minimatch */.xF)(ref.name, g));
    });
    return Promise.all(matching.map(async (ref) => {
        const containsCommit = ref.contains ?? (await containsByRest(github, request, ref.name));
        // GraphQL's rules when it gave them; else REST, for a branch that
        // holds the commit or that the policy names.
        const rules = ref.rules ??
            (ref.name === defaultBranch && defaultRules !== null
                ? await defaultRules
                : containsCommit || plan.literal.includes(ref.name)
                    ? await readBranchRules(github, request, ref.name)
                    : []);
        const branch = {
            name: ref.name,
            containsCommit,
            rules,
            classic: null
        };
        if (ref.visibleClassic !== undefined) {
            branch.visibleClassic = ref.visibleClassic;
        }
        return branch;
    }));
}
/**
 * The same question through REST, when GraphQL gave no comparison:
 * `GET /repos/{o}/{r}/compare/{branch}...{sha}` is `behind` or `identical`
 * when the branch contains the sha.
 * docs.github.com/en/rest/commits/commits#compare-two-commits
 */
async function containsByRest(port, req, branch) {
    try {
        const r = await port.rest('GET /repos/{owner}/{repo}/compare/{basehead}', {
            owner: req.owner,
            repo: req.repo,
            basehead: `${branch}...${req.sha}`,
            per_page: 1
        });
        const status = (0,shape/* str */.gx)((0,shape/* obj */.WL)(r.data, 'compare').status, 'compare.status');
        return status === 'behind' || status === 'identical';
    }
    catch (error) {
        if (error instanceof errors/* GitHubApiError */.OS && error.status === 404)
            return false;
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/engine/gather/bypass.ts
// Who may bypass the active rulesets of the branches holding the commit
// (SPEC §5.4: an `exempt` actor is named in branch-protection's message).
// Only REST `GET /repos/{o}/{r}/rulesets/{id}` shows `bypass_mode` with
// `exempt` (GraphQL's RepositoryRulesetBypassActorBypassMode has only ALWAYS
// and PULL_REQUEST), and GitHub returns `bypass_actors` "only if the user
// making the API request has write access to the ruleset"
// (docs.github.com/en/rest/repos/rules#get-a-repository-ruleset): never to a
// workflow's GITHUB_TOKEN, which cannot hold `administration`. So the
// rulesets are read only when the bootstrap's `viewerCanAdminister` says
// the token may see them; otherwise no request is spent (SPEC §9) and each
// ruleset's actors are Unreadable, which the rule turns into a note.




const PERMISSION = 'administration: read';
const MODES = {
    always: 'always',
    pull_request: 'pull_request',
    exempt: 'exempt'
};
async function readRulesetBypass(input) {
    // each branch holding the commit with the rulesets its rules come from
    const holding = input.branches.flatMap((b) => b.containsCommit && !isUnreadable(b.rules)
        ? [{ b, mine: rulesetIds(b.rules) }]
        : []);
    const ids = [...new Set(holding.flatMap((h) => h.mine))];
    if (ids.length === 0)
        return;
    const read = new Map();
    if (input.viewerCanAdminister === true) {
        const got = await Promise.all(ids.map((id) => readRuleset(input, id)));
        got.forEach((r) => read.set(r.id, r));
    }
    else {
        const why = support_unreadable(PERMISSION, input.viewerCanAdminister === false
            ? 'the token cannot administer the repository (GraphQL viewerCanAdminister is false), and GitHub shows bypass actors only to those who may edit the ruleset'
            : 'GitHub did not say whether the token can administer the repository');
        for (const id of ids)
            read.set(id, { id, name: null, actors: why });
    }
    for (const { b, mine } of holding) {
        if (mine.length === 0)
            continue;
        b.rulesetBypass = mine.map((id) => read.get(id));
    }
}
function rulesetIds(rules) {
    const ids = rules.map((r) => r.rulesetId);
    return [...new Set(ids.filter((id) => id !== null))];
}
async function readRuleset(input, id) {
    const got = await readOr(PERMISSION, async () => {
        const r = await input.github.rest('GET /repos/{owner}/{repo}/rulesets/{ruleset_id}', {
            owner: input.request.owner,
            repo: input.request.repo,
            ruleset_id: id
        });
        return (0,shape/* obj */.WL)(r.data, `rulesets/${id}`);
    });
    if (isUnreadable(got))
        return { id, name: null, actors: got };
    return {
        id,
        name: (0,shape/* optStr */.VK)(got.name, `rulesets/${id}.name`),
        actors: parseBypassActors(got, `rulesets/${id}`)
    };
}
/** `bypass_actors` of a ruleset; absent: the token may not see them. */
function parseBypassActors(ruleset, path) {
    if (ruleset.bypass_actors === undefined || ruleset.bypass_actors === null) {
        return support_unreadable(PERMISSION, 'GitHub returned the ruleset without its bypass actors: it shows them only to those who may edit the ruleset');
    }
    return (0,shape/* arr */.QL)(ruleset.bypass_actors, `${path}.bypass_actors`).map((v, i) => {
        const at = `${path}.bypass_actors[${i}]`;
        const a = (0,shape/* obj */.WL)(v, at);
        const rawMode = (0,shape/* optStr */.VK)(a.bypass_mode, `${at}.bypass_mode`) ?? 'always';
        const mode = MODES[rawMode];
        // An unknown mode may be one that bypasses without a trace: it is not
        // taken for a milder one.
        if (mode === undefined) {
            throw new errors/* ShapeError */.ym(`${at}.bypass_mode: expected always, pull_request or exempt, got ${JSON.stringify(rawMode)}`);
        }
        return {
            actorType: (0,shape/* optStr */.VK)(a.actor_type, `${at}.actor_type`) ?? 'unknown',
            actorId: a.actor_id === null || a.actor_id === undefined
                ? null
                : (0,shape/* num */.bu)(a.actor_id, `${at}.actor_id`),
            mode
        };
    });
}

// EXTERNAL MODULE: ./src/engine/gather/budget.ts
var budget = __webpack_require__(84907);
// EXTERNAL MODULE: ./src/engine/gather/queries.ts
var queries = __webpack_require__(80192);
;// CONCATENATED MODULE: ./src/engine/gather/pages.ts
// Further pages of connections the first answers left open, asked together
// in batches within the query limits, until none is left.


/**
 * Reads every page in `first` and whatever further pages `read` asks for,
 * round after round. `read` takes one batch's answer and returns the pages
 * still to read for it.
 */
async function readPages(port, repository, first, read) {
    let todo = first;
    while (todo.length > 0) {
        const next = [];
        await (0,budget/* askInBatches */.Ds)({
            items: todo,
            each: () => queries/* PAGE_COST */.SN,
            ask: async (batch) => {
                const { query, variables } = (0,queries/* pagesQuery */.vN)(batch, repository);
                const answer = await port.graphql(query, variables, {
                    splittable: true
                });
                next.push(...read(batch, answer));
            }
        });
        todo = next;
    }
}

;// CONCATENATED MODULE: ./src/engine/gather/ci-results.ts
// The deployed commit's test results: GraphQL `statusCheckRollup`, asked in
// the bootstrap round trip for the commit and for the final head of its pull
// request, paged through `node(id:)` when a commit has more than a page.



/**
 * GitHub nulls each context the token may not see and says why in an error
 * on its path, e.g. `...statusCheckRollup.contexts.nodes.14` without
 * `statuses: read` (github.com/philips-software/pull-request-report-action/issues/557)
 * and `...contexts.nodes.0.checkSuite.workflowRun` without `actions: read`
 * (the cli/cli report quoted in github.com/awesomestvi/navet/pull/187).
 * Any such error makes the whole commit's results unreadable: a hidden
 * failure must never read as "no failures".
 */
function rollupPermission(errors) {
    return errors.some((e) => e.path?.at(-1) === 'workflowRun')
        ? 'actions: read'
        : 'checks: read` and `statuses: read';
}
/**
 * A check run's `deployment` is read to bind deployment records to their
 * jobs (jobs.ts), not a test result: its error (no `deployments: read`)
 * hides no failure.
 */
function aboutResults(e) {
    return e.path?.at(-1) !== 'deployment';
}
function readRollup(commit, sha, path, all) {
    const errors = all.filter(aboutResults);
    if (errors.length > 0) {
        const permission = rollupPermission(errors);
        return {
            sha,
            results: {
                unreadable: true,
                permission,
                detail: errors.map((e) => e.message).join('; ')
            },
            more: null,
            total: null
        };
    }
    const rollup = commit === null
        ? null
        : (0,shape/* optObj */.vW)(commit.statusCheckRollup, `${path}.statusCheckRollup`);
    // No rollup: GitHub knows no check run and no status for the commit.
    if (rollup === null)
        return { sha, results: [], more: null, total: 0 };
    const c = (0,shape/* connection */.FI)(rollup.contexts, `${path}.statusCheckRollup.contexts`);
    return {
        sha,
        results: parseContexts(c.nodes, `${path}.statusCheckRollup.contexts`),
        more: c.hasNextPage && c.endCursor !== null
            ? {
                id: (0,shape/* str */.gx)(rollup.id, `${path}.statusCheckRollup.id`),
                after: c.endCursor
            }
            : null,
        total: c.totalCount
    };
}
function parseContexts(nodes, path) {
    return nodes.map((n, i) => parseContext(n, `${path}.nodes[${i}]`));
}
function parseContext(value, path) {
    const n = (0,shape/* obj */.WL)(value, path);
    switch (n.__typename) {
        case 'CheckRun': {
            const status = (0,shape/* str */.gx)(n.status, `${path}.status`).toLowerCase();
            const completed = status === 'completed';
            const conclusion = (0,shape/* optStr */.VK)(n.conclusion, `${path}.conclusion`);
            const suite = (0,shape/* optObj */.vW)(n.checkSuite, `${path}.checkSuite`);
            const app = suite === null ? null : (0,shape/* optObj */.vW)(suite.app, `${path}.checkSuite.app`);
            const run = suite === null
                ? null
                : (0,shape/* optObj */.vW)(suite.workflowRun, `${path}.checkSuite.workflowRun`);
            return {
                kind: 'check_run',
                name: (0,shape/* str */.gx)(n.name, `${path}.name`),
                state: completed && conclusion !== null ? conclusion.toLowerCase() : status,
                completed,
                url: (0,shape/* optStr */.VK)(n.detailsUrl, `${path}.detailsUrl`) ??
                    (0,shape/* optStr */.VK)(n.url, `${path}.url`),
                workflowRunId: run === null
                    ? null
                    : (0,shape/* num */.bu)(run.databaseId, `${path}.checkSuite.workflowRun.databaseId`),
                by: app === null ? null : (0,shape/* optStr */.VK)(app.slug, `${path}.checkSuite.app.slug`),
                ...(app === null || app.databaseId == null
                    ? {}
                    : {
                        appId: (0,shape/* num */.bu)(app.databaseId, `${path}.checkSuite.app.databaseId`)
                    }),
                ...(typeof n.id === 'string' ? { nodeId: n.id } : {}),
                at: (0,shape/* optStr */.VK)(n.startedAt, `${path}.startedAt`)
            };
        }
        case 'StatusContext': {
            const state = (0,shape/* str */.gx)(n.state, `${path}.state`).toLowerCase();
            const creator = (0,shape/* optObj */.vW)(n.creator, `${path}.creator`);
            return {
                kind: 'status',
                name: (0,shape/* str */.gx)(n.context, `${path}.context`),
                state,
                completed: state !== 'pending' && state !== 'expected',
                url: (0,shape/* optStr */.VK)(n.targetUrl, `${path}.targetUrl`),
                workflowRunId: null,
                by: creator === null
                    ? null
                    : (0,shape/* optStr */.VK)(creator.login, `${path}.creator.login`),
                at: (0,shape/* optStr */.VK)(n.createdAt, `${path}.createdAt`)
            };
        }
        default:
            throw new errors/* ShapeError */.ym(`${path}: expected a CheckRun or a StatusContext, got ${String(n.__typename)}`);
    }
}
/**
 * Reads the further pages of every rollup that has them and checks that
 * GitHub's total was reached, so a commit is never judged on part of its
 * results.
 */
async function completeRollups(port, repository, reads) {
    const results = reads.map((r) => r.results);
    const first = reads.flatMap((r, i) => r.more !== null && !('unreadable' in r.results)
        ? [
            {
                alias: `r${i}`,
                kind: 'contexts',
                id: r.more.id,
                after: r.more.after
            }
        ]
        : []);
    await readPages(port, repository, first, (batch, answer) => {
        const data = (0,shape/* obj */.WL)(answer.data, 'data');
        const next = [];
        for (const page of batch) {
            const alias = page.alias;
            const i = Number(alias.slice(1));
            const errors = answer.errors.filter((e) => e.path?.[0] === alias && aboutResults(e));
            if (errors.length > 0) {
                results[i] = {
                    unreadable: true,
                    permission: rollupPermission(errors),
                    detail: errors.map((e) => e.message).join('; ')
                };
                continue;
            }
            const node = (0,shape/* obj */.WL)(data[alias], alias);
            const c = (0,shape/* connection */.FI)(node.contexts, `${alias}.contexts`);
            results[i].push(...parseContexts(c.nodes, `${alias}.contexts`));
            if (c.hasNextPage && c.endCursor !== null) {
                next.push({ ...page, after: c.endCursor });
            }
        }
        return next;
    });
    return reads.map((r, i) => {
        const got = results[i];
        if (!('unreadable' in got) && r.total !== null && got.length < r.total) {
            throw new errors/* GitHubApiError */.OS(`GitHub listed ${got.length} of the ${r.total} checks and statuses of commit ${r.sha.slice(0, 7)}: whether any failed cannot be verified`);
        }
        return { sha: r.sha, results: got };
    });
}
/**
 * The deployed commit's results, and its pull request's final head's:
 * `rollups` as `completeRollups` returned them for the commit and then each
 * of `heads`, in that map's order.
 */
function checksFact(rollups, pullRequest, heads) {
    const [commit, ...headResults] = rollups;
    if (commit === undefined)
        throw new Error('no rollup for the deployed commit');
    if (pullRequest === null)
        return { commit, pullRequestHead: null };
    const numbers = [...heads.keys()];
    const i = numbers.indexOf(pullRequest.number);
    const head = i < 0 ? undefined : headResults[i];
    return {
        commit,
        pullRequestHead: head !== undefined && head.sha === pullRequest.headRefOid
            ? { ...head, pullRequest: pullRequest.number }
            : {
                sha: pullRequest.headRefOid,
                pullRequest: pullRequest.number,
                results: {
                    unreadable: true,
                    permission: 'pull-requests: read',
                    detail: `the checks of pull request #${pullRequest.number}'s final head were not returned`
                }
            }
    };
}

// EXTERNAL MODULE: ./src/engine/gather/errors.ts
var gather_errors = __webpack_require__(66853);
;// CONCATENATED MODULE: ./src/engine/gather/deployments.ts
// Deployments: which environments' deployments a decision needs, which of
// them the bootstrap's pages already settle, when a further page may hold the
// answer, and every status of each deployment read.






/** Pages read per environment before the gate stops. */
const deployments_MAX_PAGES = 50;
/** A deployments connection: its deployments, next cursor and status pages to read. */
function deploymentPage(value, label) {
    const page = {
        list: [],
        cursor: null,
        statusPages: [],
        statusTotals: new Map()
    };
    const c = (0,shape/* connection */.FI)(value, label);
    page.list = c.nodes.map((n, i) => {
        const parsed = parseDeployment(n, `${label}.nodes[${i}]`);
        page.statusTotals.set(parsed.fact.id, parsed.statusesTotal);
        if (parsed.statusesCursor !== null) {
            page.statusPages.push({
                alias: `s${parsed.fact.id}`,
                id: parsed.id,
                kind: 'statuses',
                after: parsed.statusesCursor
            });
        }
        return parsed.fact;
    });
    page.cursor = c.hasNextPage ? c.endCursor : null;
    return page;
}
/** The bootstrap's deployment pages: the target environment's and the commit's. */
function recentPages(recent) {
    const shipped = (0,shape/* optObj */.vW)(recent.shipped, 'recent.shipped');
    return {
        here: deploymentPage(recent.here, 'recent.here'),
        shipped: shipped === null || shipped.deployments === undefined
            ? null
            : deploymentPage(shipped.deployments, 'recent.shipped.deployments')
    };
}
/** What makes a deployment evidence for this decision, with the jobs read so far. */
function deploymentContextOf(request, policy, jobs) {
    return {
        owner: request.owner,
        repo: request.repo,
        serverUrl: request.serverUrl,
        sha: request.sha,
        trustedDeployers: policy.trustedDeployers,
        trustedWorkflows: policy.trustedWorkflows,
        jobs
    };
}
/**
 * Where the range of changes starts: the previous success to the target.
 * A record whose job was not read yet does not count here: bind it first
 * (jobs.ts `bindDeployments`), or more is read than needed, never less.
 */
function previousSuccessOf(ctx, environment, now) {
    return (list) => previousSuccess(list, environment, ctx, now.getTime());
}
/** The upstream environments, and the target itself when the range is asked. */
function environmentsToRead(need) {
    const envs = [...need.chain];
    if (need.policy.scope === 'range' &&
        !envs.includes(need.request.environment)) {
        envs.push(need.request.environment);
    }
    return envs;
}
/**
 * What the bootstrap already answered, ahead of knowing the policy: the
 * target environment's latest page settles it when the range's start (its
 * previous success) is on it; an upstream environment is settled by the
 * commit's own deployments when they all fit on one page and only the very
 * same commit counts (`match: commit`).
 */
function settledByBootstrap(recent, envs, need) {
    const read = {
        byEnvironment: new Map(),
        statusPages: [],
        statusTotals: new Map()
    };
    if (recent === null)
        return read;
    const settledBy = (env) => {
        if (isTarget(env, need)) {
            const here = recent.here;
            return here.cursor === null || need.previous(here.list) !== null
                ? here
                : null;
        }
        const shipped = recent.shipped;
        return need.policy.match === 'commit' &&
            shipped !== null &&
            shipped.cursor === null
            ? shipped
            : null;
    };
    for (const env of envs) {
        const page = settledBy(env);
        if (page === null)
            continue;
        const list = page.list.filter((d) => d.environment === env);
        read.byEnvironment.set(env, list);
        const ids = new Set(list.map((d) => d.id));
        read.statusPages.push(...page.statusPages.filter((p) => ids.has(Number(p.alias.slice(1)))));
        for (const [id, total] of page.statusTotals)
            if (ids.has(id))
                read.statusTotals.set(id, total);
    }
    return read;
}
/** The environments still to ask for, one alias each. */
function unsettled(envs, read) {
    return envs
        .filter((environment) => !read.byEnvironment.has(environment))
        .map((environment, i) => ({
        alias: `d${i}`,
        environment,
        after: null
    }));
}
/** The target environment, when it is not also upstream of itself. */
function isTarget(env, need) {
    return env === need.request.environment && !need.chain.includes(env);
}
/** Whether the answer may lie beyond the deployments read so far. */
function wantMore(env, list, need) {
    if (isTarget(env, need)) {
        // The range starts at the previous successful deployment: stop once found.
        return need.previous(list) === null;
    }
    if (need.policy.match === 'tree')
        return true;
    // Newest first: a deployment of this commit cannot predate the commit.
    // (A forged future commit date only makes the gate read less and block.)
    const oldest = list[list.length - 1];
    return (oldest !== undefined &&
        Date.parse(oldest.createdAt) >= Date.parse(need.committedDate));
}
/** Every status of every deployment read, oldest first. */
async function completeStatuses(port, req, pages, deployments, totals) {
    const byId = new Map();
    for (const list of deployments.values()) {
        if ('unreadable' in list)
            continue;
        for (const d of list)
            byId.set(d.id, d);
    }
    await readPages(port, { owner: req.owner, name: req.repo }, pages, (batch, answer) => {
        (0,gather_errors/* assertComplete */.Q9)(answer.errors, 'further pages');
        const data = (0,shape/* obj */.WL)(answer.data, 'data');
        const next = [];
        for (const p of batch) {
            const node = (0,shape/* obj */.WL)(data[p.alias], p.alias);
            const c = (0,shape/* connection */.FI)(node.statuses, `${p.alias}.statuses`);
            const d = byId.get(Number(p.alias.slice(1)));
            d?.statuses.push(...c.nodes.map((n, i) => parseStatus(n, `${p.alias}.statuses[${i}]`)));
            if (c.hasNextPage && c.endCursor !== null)
                next.push({ ...p, after: c.endCursor });
        }
        return next;
    });
    for (const d of byId.values()) {
        const total = totals.get(d.id) ?? null;
        if (total !== null && d.statuses.length < total) {
            throw new errors/* GitHubApiError */.OS(`GitHub listed ${d.statuses.length} of the ${total} statuses of deployment #${d.id}: whether it failed later cannot be verified`);
        }
        d.statuses = chronological(d.statuses);
    }
}

;// CONCATENATED MODULE: ./src/engine/gather/context.ts
// The context query: the deployments of several environments and the
// policy's branches in one GraphQL round trip, then further pages of either
// only where the answer may lie beyond the first.








async function runContext(port, req, deployments, refs) {
    const out = {
        deployments: new Map(),
        statusPages: [],
        statusTotals: new Map(),
        refs: [],
        globCursors: []
    };
    const items = [
        ...deployments.map((d) => ({ deployments: d })),
        ...refs.map((r) => ({ ref: r }))
    ];
    await (0,budget/* askInBatches */.Ds)({
        items,
        each: (i) => 'deployments' in i
            ? queries/* DEPLOYMENTS_COST */.zn
            : i.ref.glob
                ? queries/* GLOB_REF_COST */.Hu
                : queries/* REF_COST */.Ye,
        ask: async (batch) => {
            await readContext(port, req, out, {
                deployments: batch.flatMap((i) => 'deployments' in i ? [i.deployments] : []),
                refs: batch.flatMap((i) => ('ref' in i ? [i.ref] : []))
            });
        }
    });
    return out;
}
/** One context query's answer, added to `out`. */
async function readContext(port, req, out, { deployments, refs }) {
    const { query, variables } = (0,queries/* contextQuery */.UF)(deployments, refs, req.sha);
    const answer = await port.graphql(query, { owner: req.owner, name: req.repo, ...variables }, { splittable: true });
    const repo = (0,shape/* optObj */.vW)((0,shape/* obj */.WL)(answer.data, 'data').repository, 'repository');
    if (repo === null) {
        // `deployments` is non-null in GitHub's schema: an error on it nulls the
        // whole repository (GraphQL's null propagation), so name it here.
        const envs = deployments
            .filter((d) => (0,gather_errors/* errorAt */.Os)(answer.errors, d.alias) !== undefined)
            .map((d) => d.environment);
        if (envs.length > 0) {
            throw new errors/* GitHubApiError */.OS(`the deployments of ${envs.join(', ')} could not be read${(0,gather_errors/* errorText */.kc)(answer.errors)}: the token needs \`deployments: read\``, { permission: 'deployments: read' });
        }
        throw new errors/* GitHubApiError */.OS(`repository ${req.owner}/${req.repo} could not be read${(0,gather_errors/* errorText */.kc)(answer.errors)}`);
    }
    // Tolerated, because handled below: a whole environment's deployments
    // unreadable (reported per environment), and a branch comparison GitHub
    // could not make (asked again over REST).
    const aliases = new Set(deployments.map((d) => d.alias));
    (0,gather_errors/* assertComplete */.Q9)(answer.errors, 'the deployments and branches', (e) => {
        const path = e.path ?? [];
        const alias = path[1];
        return ((typeof alias === 'string' &&
            aliases.has(alias) &&
            path.length === 2 &&
            (repo[alias] === null || repo[alias] === undefined)) ||
            path.includes('compare') ||
            path.includes('rules') ||
            path.includes('refUpdateRule'));
    });
    for (const sel of deployments) {
        const value = repo[sel.alias];
        if (value === null || value === undefined) {
            const err = (0,gather_errors/* errorAt */.Os)(answer.errors, sel.alias);
            out.deployments.set(sel, support_unreadable('deployments: read', err?.message ?? 'GitHub returned no deployments'));
            continue;
        }
        const page = deploymentPage(value, `deployments(${sel.environment})`);
        out.statusPages.push(...page.statusPages);
        for (const [id, total] of page.statusTotals)
            out.statusTotals.set(id, total);
        out.deployments.set(sel, { list: page.list, cursor: page.cursor });
    }
    for (const sel of refs) {
        const value = repo[sel.alias];
        if (!sel.glob) {
            const ref = (0,shape/* optObj */.vW)(value, `ref(${sel.name})`);
            if (ref === null) {
                const err = (0,gather_errors/* errorAt */.Os)(answer.errors, sel.alias);
                if (err !== undefined) {
                    throw new errors/* GitHubApiError */.OS(`branch ${sel.name} could not be read: ${err.message}`, {
                        permission: 'contents: read'
                    });
                }
                continue; // the branch does not exist
            }
            out.refs.push(refAnswer(ref, sel.name, (0,gather_errors/* errorsAt */.hJ)(answer.errors, sel.alias), `ref(${sel.name})`));
            continue;
        }
        const c = (0,shape/* connection */.FI)(value, `refs(${sel.name})`);
        c.nodes.forEach((n, i) => {
            const ref = (0,shape/* obj */.WL)(n, `refs(${sel.name}).nodes[${i}]`);
            const name = (0,shape/* str */.gx)(ref.name, `refs(${sel.name}).nodes[${i}].name`);
            out.refs.push(refAnswer(ref, name, (0,gather_errors/* errorsAt */.hJ)(answer.errors, sel.alias).filter((e) => e.path?.[3] === i), `refs(${sel.name}).nodes[${i}]`));
        });
        if (c.hasNextPage && c.endCursor !== null) {
            out.globCursors.push({ ...sel, after: c.endCursor });
        }
    }
}
/** Further pages of deployments, only where the answer may lie beyond. */
async function readDeploymentPages(input) {
    const { github, request, logger, read } = input;
    const deployments = read.byEnvironment;
    /** pages read so far, by environment */
    const pages = new Map();
    let answer = input.first;
    addStatusPages(read, answer);
    for (;;) {
        const next = [];
        for (const [sel, got] of answer.deployments) {
            if ('unreadable' in got) {
                deployments.set(sel.environment, got);
                continue;
            }
            const list = [
                ...(deployments.get(sel.environment) ?? []),
                ...got.list
            ];
            deployments.set(sel.environment, list);
            const count = (pages.get(sel.environment) ?? 0) + 1;
            pages.set(sel.environment, count);
            if (got.cursor === null)
                continue;
            if (!input.wantMore(sel.environment, list))
                continue;
            if (count >= deployments_MAX_PAGES) {
                throw new errors/* GitHubApiError */.OS(`more than ${deployments_MAX_PAGES * 100} deployments to ${sel.environment}; the gate stops reading there`);
            }
            next.push({ ...sel, after: got.cursor });
        }
        if (next.length === 0)
            break;
        logger.debug(`reading further pages of deployments: ${next.map((sel) => sel.environment).join(', ')}`);
        answer = await runContext(github, request, next, []);
        addStatusPages(read, answer);
    }
}
function addStatusPages(read, answer) {
    read.statusPages.push(...answer.statusPages);
    for (const [id, total] of answer.statusTotals)
        read.statusTotals.set(id, total);
}
/** Every ref matching the policy's globs, all pages. */
async function readRefPages(github, request, first) {
    const refs = [...first.refs];
    let pending = first.globCursors;
    while (pending.length > 0) {
        const more = await runContext(github, request, [], pending);
        refs.push(...more.refs);
        pending = more.globCursors;
    }
    return refs;
}

;// CONCATENATED MODULE: ./src/engine/gather/jobs.ts
// The check runs that bind github-actions[bot] deployment records to the
// job GitHub ran for them (SPEC §5.2, ../deployments-bound.ts). A job's
// check run is on the commit its run built, which is the commit of the
// deployment the job made, so it is found in that commit's status check
// rollup: the bootstrap reads the deployed commit's and those of the latest
// deployments to the target environment; any other commit whose record must
// be bound is asked here, in batches, never skipped.







/** What one commit adds to GateJobs: its rollup's first page of contexts. */
const JOBS_COST = { nodes: queries/* PAGE */.KL, requests: 1 };
/** GateJobs batches in flight at once. */
const JOBS_CONCURRENCY = 2;
/** Commits asked per round when walking back to the previous success. */
const PREVIOUS_BATCH = 10;
function noJobs() {
    return {
        fact: { checkRuns: {}, complete: {}, unreadable: {} },
        more: new Map()
    };
}
/** The permission an error inside a rollup's check run names. */
function permissionOf(errors) {
    const last = (e) => e.path?.at(-1);
    if (errors.some((e) => last(e) === 'deployment'))
        return 'deployments: read';
    if (errors.some((e) => last(e) === 'workflowRun'))
        return 'actions: read';
    return 'checks: read';
}
/**
 * Adds one commit's `statusCheckRollup` (null: GitHub knows no check run on
 * it) as the bootstrap or GateJobs returned it, with the errors under it.
 */
function addRollup(o) {
    const { read, sha } = o;
    if (o.errors.length > 0) {
        read.fact.unreadable[sha] = support_unreadable(permissionOf(o.errors), o.errors.map((e) => e.message).join('; '));
        read.more.delete(sha);
        return;
    }
    if (o.rollup === null) {
        read.fact.complete[sha] = true;
        return;
    }
    const c = (0,shape/* connection */.FI)(o.rollup.contexts, `${o.path}.contexts`);
    addContexts(read, c.nodes, `${o.path}.contexts`);
    if (c.hasNextPage && c.endCursor !== null) {
        read.more.set(sha, {
            id: (0,shape/* str */.gx)(o.rollup.id, `${o.path}.id`),
            after: c.endCursor
        });
    }
    else {
        read.more.delete(sha);
        read.fact.complete[sha] = true;
    }
}
function addContexts(read, nodes, path) {
    nodes.forEach((n, i) => {
        const job = parseJob(n, `${path}.nodes[${i}]`);
        if (job !== null)
            read.fact.checkRuns[String(job.id)] = job;
    });
}
/** A rollup context that is a check run, as a job; null for a status. */
function parseJob(value, path) {
    const n = (0,shape/* obj */.WL)(value, path);
    if (n.__typename !== 'CheckRun')
        return null;
    const deployment = (0,shape/* optObj */.vW)(n.deployment, `${path}.deployment`);
    const suite = (0,shape/* optObj */.vW)(n.checkSuite, `${path}.checkSuite`);
    const app = suite === null ? null : (0,shape/* optObj */.vW)(suite.app, `${path}.checkSuite.app`);
    const run = suite === null
        ? null
        : (0,shape/* optObj */.vW)(suite.workflowRun, `${path}.checkSuite.workflowRun`);
    const file = run === null ? null : (0,shape/* optObj */.vW)(run.file, `${path}.file`);
    return {
        id: (0,shape/* num */.bu)(n.databaseId, `${path}.databaseId`),
        deploymentId: deployment === null
            ? null
            : (0,shape/* num */.bu)(deployment.databaseId, `${path}.deployment.databaseId`),
        app: app === null
            ? null
            : {
                id: app.databaseId === null || app.databaseId === undefined
                    ? null
                    : (0,shape/* num */.bu)(app.databaseId, `${path}.checkSuite.app.databaseId`),
                slug: (0,shape/* optStr */.VK)(app.slug, `${path}.checkSuite.app.slug`)
            },
        run: run === null
            ? null
            : {
                id: (0,shape/* num */.bu)(run.databaseId, `${path}.checkSuite.workflowRun.databaseId`),
                event: (0,shape/* optStr */.VK)(run.event, `${path}.checkSuite.workflowRun.event`),
                path: file === null ? null : (0,shape/* optStr */.VK)(file.path, `${path}.file.path`)
            }
    };
}
/**
 * The bootstrap's rollups: the deployed commit's (`repository.checks`) and
 * those of the latest deployments to the target (`recent.hereJobs`).
 */
function bootstrapJobs(o) {
    const read = noJobs();
    const under = (...prefix) => o.errors.filter((e) => {
        const path = e.path ?? [];
        return prefix.every((p, i) => path[i] === p) && path.includes('contexts');
    });
    const repo = (0,shape/* optObj */.vW)(o.data.repository, 'repository');
    const checks = repo === null ? null : (0,shape/* optObj */.vW)(repo.checks, 'repository.checks');
    if (checks !== null) {
        addRollup({
            read,
            sha: o.sha,
            rollup: (0,shape/* optObj */.vW)(checks.statusCheckRollup, 'repository.checks.statusCheckRollup'),
            errors: under('repository', 'checks'),
            path: 'repository.checks.statusCheckRollup'
        });
    }
    const recent = (0,shape/* optObj */.vW)(o.data.recent, 'recent');
    const here = recent === null ? null : (0,shape/* optObj */.vW)(recent.hereJobs, 'recent.hereJobs');
    if (here === null)
        return read;
    (0,shape/* connection */.FI)(here, 'recent.hereJobs').nodes.forEach((n, i) => {
        const at = `recent.hereJobs.nodes[${i}]`;
        const d = (0,shape/* obj */.WL)(n, at);
        const sha = (0,shape/* str */.gx)(d.commitOid, `${at}.commitOid`);
        if (read.fact.complete[sha] === true)
            return;
        const commit = (0,shape/* optObj */.vW)(d.commit, `${at}.commit`);
        addRollup({
            read,
            sha,
            rollup: commit === null
                ? null
                : (0,shape/* optObj */.vW)(commit.statusCheckRollup, `${at}.commit.statusCheckRollup`),
            errors: under('recent', 'hereJobs', 'nodes', i),
            path: `${at}.commit.statusCheckRollup`
        });
    });
    return read;
}
/** Whether a record's binding waits on check runs not read yet. */
function waitsOnJobs(d, read, ctx) {
    if (d.creator?.login.toLowerCase() !== 'github-actions[bot]')
        return false;
    if (read.fact.complete[d.sha] === true)
        return false;
    if (read.fact.unreadable[d.sha] !== undefined)
        return false;
    return d.statuses.some((s) => {
        if (s.state !== 'success')
            return false;
        const link = jobOfThisRepository(s.logUrl, ctx);
        return (link !== null && read.fact.checkRuns[String(link.jobId)] === undefined);
    });
}
/** The first success as of `nowMs`, as `qualify` takes it; NaN: none. */
function successAt(d, nowMs) {
    const s = d.statuses.find((x) => {
        const t = Date.parse(x.createdAt);
        return x.state === 'success' && (Number.isNaN(t) || t <= nowMs);
    });
    return s === undefined ? NaN : Date.parse(s.createdAt);
}
/**
 * Reads the check runs every record of `all` waits on, and, walking
 * `newest` from the newest success down, those of the records that could
 * be the previous success until one is found that counts (`counts`): the
 * range's start is never decided on a record not yet bound.
 */
async function bindDeployments(o) {
    const order = [...o.newest]
        .filter((d) => !Number.isNaN(successAt(d, o.nowMs)))
        .sort((a, b) => successAt(b, o.nowMs) - successAt(a, o.nowMs));
    for (;;) {
        const shas = new Set();
        for (const d of o.all)
            if (waitsOnJobs(d, o.read, o.ctx))
                shas.add(d.sha);
        const waiting = [];
        for (const d of order) {
            if (waitsOnJobs(d, o.read, o.ctx)) {
                if (!waiting.includes(d.sha))
                    waiting.push(d.sha);
                if (waiting.length >= PREVIOUS_BATCH)
                    break;
            }
            else if (o.counts(d))
                break;
        }
        waiting.forEach((sha) => shas.add(sha));
        if (shas.size === 0)
            return;
        await readJobs(o.github, o.request, o.read, [...shas]);
    }
}
/** Every check run of each commit: its rollup, all pages. */
async function readJobs(port, req, read, shas) {
    const unseen = shas.filter((sha) => !read.more.has(sha));
    await (0,budget/* askInBatches */.Ds)({
        items: unseen,
        each: () => JOBS_COST,
        // a decision needs one batch at most; the audit's population (a batch
        // per 100 commits) is asked a few at a time, not all at once
        concurrency: JOBS_CONCURRENCY,
        ask: async (batch) => {
            const { query, variables } = jobsQuery(batch);
            const answer = await port.graphql(query, { owner: req.owner, name: req.repo, ...variables }, { splittable: true });
            const repo = (0,shape/* optObj */.vW)((0,shape/* obj */.WL)(answer.data, 'data').repository, 'repository');
            if (repo === null) {
                throw new errors/* GitHubApiError */.OS(`the check runs of ${batch.length} commits could not be read: ${answer.errors.map((e) => e.message).join('; ')}`);
            }
            batch.forEach((sha, i) => {
                const alias = `j${i}`;
                const errors = answer.errors.filter((e) => {
                    const path = e.path ?? [];
                    return path[1] === alias && path.includes('contexts');
                });
                const commit = (0,shape/* optObj */.vW)(repo[alias], alias);
                if (commit === null && errors.length === 0) {
                    // GitHub knows no such commit: no job of it can be found
                    read.fact.complete[sha] = true;
                    return;
                }
                addRollup({
                    read,
                    sha,
                    rollup: commit === null
                        ? null
                        : (0,shape/* optObj */.vW)(commit.statusCheckRollup, `${alias}.statusCheckRollup`),
                    errors,
                    path: `${alias}.statusCheckRollup`
                });
            });
        }
    });
    await readRest(port, req, read, shas);
}
/** Further pages of the rollups that have them. */
async function readRest(port, req, read, shas) {
    const bySha = new Map();
    const first = shas.flatMap((sha, i) => {
        const more = read.more.get(sha);
        if (more === undefined)
            return [];
        bySha.set(`k${i}`, sha);
        return [
            { alias: `k${i}`, kind: 'contexts', id: more.id, after: more.after }
        ];
    });
    await readPages(port, { owner: req.owner, name: req.repo }, first, (batch, answer) => {
        const data = (0,shape/* obj */.WL)(answer.data, 'data');
        const next = [];
        for (const page of batch) {
            const sha = bySha.get(page.alias);
            const errors = answer.errors.filter((e) => e.path?.[0] === page.alias);
            const node = (0,shape/* optObj */.vW)(data[page.alias], page.alias);
            if (node === null && errors.length === 0) {
                // the rollup paged is gone: its further check runs are unknown
                // (kept in `more`, it would be asked for again and again)
                read.fact.unreadable[sha] = support_unreadable('checks: read', `GitHub did not return the further check runs of commit ${sha.slice(0, 7)}`);
                read.more.delete(sha);
                continue;
            }
            addRollup({
                read,
                sha,
                rollup: node === null ? null : { ...node, id: page.id },
                errors,
                path: page.alias
            });
            const more = read.more.get(sha);
            if (more !== undefined)
                next.push({ ...page, after: more.after });
        }
        return next;
    });
}
/** The first page of each commit's rollup: GateJobs. */
function jobsQuery(oids) {
    return (0,queries/* commitsQuery */.pd)({
        operation: 'GateJobs',
        alias: 'j',
        oids,
        selection: `... on Commit { statusCheckRollup { id contexts(first: ${queries/* PAGE */.KL}) { ${queries/* ROLLUP_CONTEXTS */.ys} } } }`,
        fragments: ''
    });
}

;// CONCATENATED MODULE: ./src/engine/gather/co-authors.ts
// Co-authors as GitHub maps them to accounts, asked only for the commits
// whose message names one. GitHub's `authors` is "the git author and the
// Co-authored-by message trailer" (docs.github.com/en/graphql/reference/objects#commit):
// a commit whose message has no such trailer has no co-author to map, and
// asking `authors` under every pull request commit would cost 100 requests
// per pull request (queries.ts, COMMIT_FIELDS).






/**
 * Wider than any trailer git or GitHub writes (any case, with or without the
 * hyphens), so that no co-author GitHub would list goes unasked.
 */
const NAMES_A_CO_AUTHOR = /co-?authored-?by/i;
/**
 * Sets the co-authors of every commit that names one to those GitHub lists,
 * with their accounts. A commit may appear more than once (as a change and
 * as a pull request's commit): each copy is set, and each oid asked once.
 */
async function resolveCoAuthors(port, repository, commits) {
    const byOid = new Map();
    for (const c of commits) {
        if (!NAMES_A_CO_AUTHOR.test(c.message))
            continue;
        byOid.set(c.oid, [...(byOid.get(c.oid) ?? []), c]);
    }
    await (0,budget/* askInBatches */.Ds)({
        items: [...byOid],
        each: () => queries/* CO_AUTHORS_COST */.Eh,
        ask: async (batch) => {
            const { query, variables } = (0,queries/* coAuthorsQuery */.DK)(batch.map(([oid]) => oid));
            const answer = await port.graphql(query, { owner: repository.owner, name: repository.repo, ...variables }, { splittable: true });
            (0,gather_errors/* assertComplete */.Q9)(answer.errors, 'the co-authors of commits');
            const repo = (0,shape/* obj */.WL)((0,shape/* obj */.WL)(answer.data, 'data').repository, 'repository');
            batch.forEach(([oid, copies], i) => {
                const at = `commit ${oid.slice(0, 7)}`;
                const node = (0,shape/* optObj */.vW)(repo[`a${i}`], at);
                if (node === null) {
                    throw new errors/* GitHubApiError */.OS(`${at} could not be read for its co-authors${(0,gather_errors/* errorText */.kc)(answer.errors)}`, { permission: 'contents: read' });
                }
                const authors = (0,shape/* obj */.WL)(node.authors, `${at}.authors`);
                const listed = parseAuthors(authors, `${at}.authors`);
                const total = (0,shape/* num */.bu)(authors.totalCount, `${at}.authors.totalCount`);
                // A co-author not listed could be an approver: judge none of it.
                if (listed.length < total) {
                    throw new errors/* GitHubApiError */.OS(`GitHub listed ${listed.length} of the ${total} authors of ${at}: the others cannot be verified as makers`);
                }
                for (const copy of copies) {
                    copy.coAuthors = coAuthorsOf(copy.author, listed, copy.message);
                }
            });
        }
    });
}

;// CONCATENATED MODULE: ./src/engine/gather/lineage.ts
// The shape of a range of history, as SPEC §4 `scope` defines it: every
// commit reachable from the deployed commit and not from the previous
// deployment, every parent followed (`git log base..head`), and for each
// commit the change that brought it onto the branch. The gate (from REST
// compare) and the audit (from the default branch's history) both build
// their ranges here, so they judge the same commits the same way.
const HEAD = 1;
const BASE = 2;
/**
 * The commits reachable from `head` and not from `base` among those
 * `parents` knows, newest first. `rank` orders commits newest first (0 the
 * newest), as `git log` lists them: the walk paints both sides in that
 * order, as git finds a merge base, and stops once only commits reachable
 * from `base` are left to visit. A commit `parents` does not know ends its
 * path: for the gate that is a commit below the range, for the audit one
 * older than the history it read.
 */
function rangeCommits(o) {
    const flags = new Map();
    const queue = new RankQueue(o.rank);
    // queued commits reachable from head alone: while any is left, the range
    // may still grow
    let pending = 0;
    const mark = (oid, flag) => {
        const before = flags.get(oid) ?? 0;
        const after = before | flag;
        if (after === before)
            return;
        flags.set(oid, after);
        if (!o.parents.has(oid))
            return;
        if (queue.has(oid) && before === HEAD)
            pending -= 1;
        queue.push(oid);
        if (after === HEAD)
            pending += 1;
    };
    mark(o.head, HEAD);
    if (o.base !== null)
        mark(o.base, BASE);
    const order = [];
    // Only a commit `parents` knows is queued, painted before it is; and
    // `pending` counts queued commits, so the queue is never empty here.
    while (pending > 0) {
        const oid = queue.pop();
        const flag = flags.get(oid);
        if (flag === HEAD) {
            pending -= 1;
            order.push(oid);
        }
        for (const p of o.parents.get(oid))
            mark(p, flag);
    }
    // A commit painted from base after it was listed (clock skew in the
    // order) is not in the range.
    return order.filter((oid) => flags.get(oid) === HEAD);
}
/** A small binary heap of oids, lowest rank first; an oid at most once queued. */
class RankQueue {
    rank;
    items = [];
    queued = new Set();
    constructor(rank) {
        this.rank = rank;
    }
    has(oid) {
        return this.queued.has(oid);
    }
    push(oid) {
        if (this.queued.has(oid))
            return;
        this.queued.add(oid);
        const a = this.items;
        a.push(oid);
        let i = a.length - 1;
        while (i > 0) {
            const up = (i - 1) >> 1;
            if (this.rank(a[up]) <= this.rank(oid))
                break;
            a[i] = a[up];
            i = up;
        }
        a[i] = oid;
    }
    /** The lowest-ranked oid; only called while one is queued. */
    pop() {
        const a = this.items;
        const top = a[0];
        this.queued.delete(top);
        const last = a.pop();
        if (a.length > 0) {
            let i = 0;
            for (;;) {
                const l = 2 * i + 1;
                if (l >= a.length)
                    break;
                const r = l + 1;
                const c = r < a.length && this.rank(a[r]) < this.rank(a[l])
                    ? r
                    : l;
                if (this.rank(a[c]) >= this.rank(last))
                    break;
                a[i] = a[c];
                i = c;
            }
            a[i] = last;
        }
        return top;
    }
}
function lineage(o) {
    const chain = [];
    for (let oid = o.head; oid !== undefined && o.range.has(oid) && !chain.includes(oid); oid = o.parents.get(oid)?.[0]) {
        chain.push(oid);
    }
    const onChain = new Set(chain);
    const carrier = new Map();
    // Oldest first: what an older merge brought in is not a newer one's.
    for (const merge of [...chain].reverse()) {
        const stack = [...(o.parents.get(merge) ?? []).slice(1)];
        while (stack.length > 0) {
            const oid = stack.pop();
            if (!o.range.has(oid) || onChain.has(oid) || carrier.has(oid))
                continue;
            carrier.set(oid, merge);
            stack.push(...(o.parents.get(oid) ?? []));
        }
    }
    return { chain, carrier };
}
/**
 * The commits of the range a merge brought in: reachable from its other
 * parents and not from its first (within the range, the part of history
 * that is not reachable from the previous deployment either).
 */
function sideOf(o) {
    const first = new Set();
    const walk = (starts, into) => {
        const stack = [...starts];
        while (stack.length > 0) {
            const oid = stack.pop();
            if (!o.range.has(oid) || into.has(oid) || first.has(oid))
                continue;
            into.add(oid);
            stack.push(...(o.parents.get(oid) ?? []));
        }
    };
    const parents = o.parents.get(o.merge) ?? [];
    walk(parents.slice(0, 1), first);
    const side = new Set();
    walk(parents.slice(1), side);
    return side;
}

;// CONCATENATED MODULE: ./src/engine/gather/pull-requests.ts
// Pull requests: those GitHub associates with a commit, the one the commit
// entered the branch through, and every page of its commits and reviews.







/** The pull requests GitHub associates with a commit node. */
function associated(commitNode, path) {
    const prs = (0,shape/* optObj */.vW)(commitNode.associatedPullRequests, `${path}.associatedPullRequests`);
    if (prs === null)
        return [];
    return (0,shape/* connection */.FI)(prs, `${path}.associatedPullRequests`).nodes.map((n, i) => parsePullRequest(n, `${path}.associatedPullRequests.nodes[${i}]`));
}
/**
 * The pull request a commit entered the branch through (SPEC §5.5), if any:
 * a merged pull request P into one of the policy's branches such that the
 * commit is
 * - P's merge or squash commit (`mergeCommit`, which for a rebase merge is
 *   the last rebased copy);
 * - one of P's own commits that P's merge commit brought in: reachable from
 *   its other parents, not from its first;
 * - one of P's rebased copies (or, when P's head was pushed to the base by
 *   hand, one of P's own commits): on the first-parent line below P's merge
 *   commit, no further than P has commits, every commit on the way
 *   associated with P (GitHub associates a rebase merge's copies with it).
 * Any other commit, a commit a direct pusher's local merge carried in for
 * one, entered through no pull request (whatever GitHub associates it with)
 * and needs an approval record of its own. Without a range (`view` null:
 * the deployed change alone is in scope) only the first holds.
 */
function choosePullRequest(commit, candidates, policy, view) {
    const merged = candidates.filter((c) => c.fact.merged &&
        policy.branches.some((g) => (0,esm/* minimatch */.xF)(c.fact.baseRefName, g)));
    return (merged.find((c) => c.fact.mergeCommitOid === commit.oid) ??
        (view === null
            ? undefined
            : merged.find((c) => broughtInBy(c, commit.oid, view) || copyOf(c, commit.oid, view))) ??
        null);
}
/** One of P's own commits, brought in by P's merge commit. */
function broughtInBy(pr, oid, view) {
    const merge = pr.fact.mergeCommitOid;
    if (merge === null || !view.range.has(merge))
        return false;
    if (!pr.fact.commits.some((c) => c.oid === oid))
        return false;
    return sideOf({ parents: view.parents, range: view.range, merge }).has(oid);
}
/** One of P's rebased copies, or of its commits pushed to the base by hand. */
function copyOf(pr, oid, view) {
    const merge = pr.fact.mergeCommitOid;
    if (merge === null)
        return false;
    const most = Math.max(pr.commitsTotal ?? 0, pr.fact.commits.length);
    let at = merge;
    for (let step = 0; step < most && at !== undefined; step++) {
        if (!view.range.has(at))
            return false;
        const ofPr = step === 0 ||
            (view.candidatesOf(at) ?? []).some((c) => c.fact.number === pr.fact.number);
        if (!ofPr)
            return false;
        if (at === oid)
            return true;
        at = view.parents.get(at)?.[0];
    }
    return false;
}
/** Every commit and review of the chosen pull requests, all pages. */
async function completePullRequests(port, req, prs) {
    const byNumber = new Map();
    // One parsed copy per commit that led to the pull request; each gets
    // every page, and none twice.
    for (const pr of new Set(prs)) {
        const n = pr.fact.number;
        byNumber.set(n, [...(byNumber.get(n) ?? []), pr]);
    }
    const todo = [];
    for (const [number, copies] of byNumber) {
        const pr = copies[0];
        const alias = () => `p${todo.length}`;
        if (pr.commitsCursor !== null) {
            todo.push({
                alias: alias(),
                number,
                kind: 'commits',
                after: pr.commitsCursor
            });
        }
        if (pr.reviewsCursor !== null) {
            todo.push({
                alias: alias(),
                number,
                kind: 'reviews',
                after: pr.reviewsCursor
            });
        }
    }
    const repository = { owner: req.owner, name: req.repo };
    await readPages(port, repository, todo, (batch, answer) => {
        (0,gather_errors/* assertComplete */.Q9)(answer.errors, 'further pages of pull requests');
        const repo = (0,shape/* obj */.WL)((0,shape/* obj */.WL)(answer.data, 'data').repository, 'repository');
        const next = [];
        for (const p of batch) {
            const node = (0,shape/* optObj */.vW)(repo[p.alias], p.alias);
            if (node === null) {
                throw new errors/* GitHubApiError */.OS(`pull request #${p.number} could not be read further${(0,gather_errors/* errorText */.kc)(answer.errors)}`, { permission: 'pull-requests: read' });
            }
            const c = (0,shape/* connection */.FI)(node[p.kind], `#${p.number}.${p.kind}`);
            // every page asked is of a pull request in byNumber
            for (const pr of byNumber.get(p.number)) {
                if (p.kind === 'commits') {
                    pr.fact.commits.push(...c.nodes.map((n, i) => parseCommit((0,shape/* obj */.WL)(n, `#${p.number}.commits[${i}]`).commit, `#${p.number}.commits[${i}].commit`)));
                }
                else {
                    pr.fact.reviews.push(...c.nodes.map((n, i) => parseReview(n, `#${p.number}.reviews[${i}]`)));
                }
            }
            if (c.hasNextPage && c.endCursor !== null) {
                next.push({ ...p, after: c.endCursor });
            }
        }
        return next;
    });
    // GitHub stops listing a pull request's commits at 250 (its REST docs say
    // so; "List commits on a pull request"). What was not listed cannot be
    // checked: a maker could hide there. Block rather than judge a part.
    for (const [number, copies] of byNumber) {
        const pr = copies[0];
        const read = {
            commits: pr.fact.commits.length,
            reviews: pr.fact.reviews.length
        };
        if (pr.commitsTotal !== null && read.commits < pr.commitsTotal) {
            throw new errors/* GitHubApiError */.OS(`GitHub listed ${read.commits} of the ${pr.commitsTotal} commits of pull request #${number}: the makers of the others cannot be verified`, { hint: 'Split the change into pull requests of at most 250 commits.' });
        }
        if (pr.reviewsTotal !== null && read.reviews < pr.reviewsTotal) {
            throw new errors/* GitHubApiError */.OS(`GitHub listed ${read.reviews} of the ${pr.reviewsTotal} reviews of pull request #${number}: a later review that withdraws an approval cannot be ruled out`);
        }
    }
}

;// CONCATENATED MODULE: ./src/engine/gather/range.ts
// The range of changes a decision covers: with `scope: range`, every commit
// that entered the branch since the previous successful deployment to the
// target, every parent followed (SPEC §4 `scope`), each with the pull
// request it entered through (SPEC §5.5); with `scope: head`, the deployed
// change alone.








function rangeStart(o) {
    if (o.scope === 'head')
        return { settled: { kind: 'head', since: null, note: null } };
    const previous = o.previous();
    if (previous === null ||
        previous === o.commit.oid ||
        // one parent, the previous deployment: nothing else can be in the
        // range. A merge's other parents can bring in anything.
        (o.commit.parents?.length === 1 && o.commit.parents[0] === previous)) {
        return {
            settled: {
                kind: 'range',
                since: previous,
                note: previous === null
                    ? `no earlier successful deployment to ${o.environment}: only the deployed change is in scope`
                    : null
            }
        };
    }
    return { walkFrom: previous };
}
async function changesInScope(input) {
    const { github: port, request: req, commit, policy, here } = input;
    const headOnly = async () => {
        const pr = choosePullRequest(commit, input.pullRequests, policy, null);
        await completePullRequests(port, req, pr === null ? [] : [pr]);
        return [{ commit, pullRequest: pr?.fact ?? null }];
    };
    const start = rangeStart({
        scope: policy.scope,
        environment: req.environment,
        commit,
        previous: () => {
            if ('unreadable' in here) {
                throw new errors/* GitHubApiError */.OS(`the deployments to ${req.environment} could not be read, so the changes since the last one are unknown: ${here.detail}`, { permission: here.permission });
            }
            return input.previousOf(here);
        }
    });
    if ('settled' in start)
        return { changes: await headOnly(), scope: start.settled };
    const previous = start.walkFrom;
    const since = { kind: 'range', since: previous, note: null };
    if (isGitHubMergeOnto(commit, previous, input.pullRequests, policy)) {
        return { changes: await headOnly(), scope: since };
    }
    const graph = await compareGraph(port, req, previous, commit.oid);
    if (graph === null) {
        return {
            changes: await headOnly(),
            scope: {
                ...since,
                note: `${commit.oid.slice(0, 7)} is not ahead of the previous deployment ${previous.slice(0, 7)} (a rollback): only the deployed change is in scope`
            }
        };
    }
    return {
        changes: await rangeChanges({ ...input, graph, previous }),
        scope: since
    };
}
/**
 * A merge commit GitHub made of P's final head onto the previous
 * deployment: committed by web-flow and signed by GitHub, so GitHub made it
 * (merge button, merge queue, merge API) with the base's tip of that moment
 * as its first parent, and P's commits, which GitHub lists against that
 * tip, are exactly what its second parent brings in. Nothing else is in the
 * range, and the typical decision needs no compare. A local merge (anyone
 * can choose its first parent) always takes the walk.
 */
function isGitHubMergeOnto(commit, previous, candidates, policy) {
    const pr = choosePullRequest(commit, candidates, policy, null);
    const parents = commit.parents ?? [];
    return (pr !== null &&
        parents.length === 2 &&
        parents[0] === previous &&
        parents[1] === pr.fact.headRefOid &&
        commit.committer.isWebFlow &&
        commit.signature?.byGitHub === true &&
        commit.signature.valid);
}
/**
 * Every change of the range: each commit of the first-parent chain, and each
 * commit some merge carried in that is not one of the merging pull
 * request's own commits. Read in two steps, so that what a merged pull
 * request brought in costs nothing: the chain first, then only the commits
 * its pull requests do not account for.
 */
async function rangeChanges(input) {
    const { github: port, request: req, commit, policy, graph } = input;
    const order = rangeCommits({
        parents: graph.parents,
        rank: graph.rank,
        head: commit.oid,
        base: input.previous
    });
    const range = new Set(order);
    const lines = lineage({ parents: graph.parents, range, head: commit.oid });
    const known = new Map([
        [commit.oid, { commit, candidates: input.pullRequests }]
    ]);
    const view = {
        parents: graph.parents,
        range,
        candidatesOf: (oid) => known.get(oid)?.candidates ?? null
    };
    const chosen = new Map();
    const choose = async (oids) => {
        await readChanges(port, req, oids, known);
        const prs = [];
        for (const oid of oids) {
            const k = known.get(oid);
            const pr = choosePullRequest(k.commit, k.candidates, policy, view);
            chosen.set(oid, pr);
            if (pr !== null)
                prs.push(pr);
        }
        await completePullRequests(port, req, prs);
    };
    await choose(lines.chain);
    // What a pull request's merge commit brought in of its own commits is
    // that pull request's: its makers and approvals already cover it.
    const carried = order.filter((oid) => {
        const merge = lines.carrier.get(oid);
        if (merge === undefined)
            return false;
        const pr = chosen.get(merge)?.fact;
        return !(pr !== undefined &&
            pr.mergeCommitOid === merge &&
            pr.commits.some((c) => c.oid === oid));
    });
    await choose(carried);
    const change = (oid) => ({
        commit: known.get(oid).commit,
        pullRequest: chosen.get(oid)?.fact ?? null
    });
    return [
        ...lines.chain.map(change),
        ...carried.map((oid) => ({
            ...change(oid),
            carriedBy: lines.carrier.get(oid)
        }))
    ];
}
/** Each commit not yet known, with the pull requests GitHub associates with it: one round trip. */
async function readChanges(port, req, oids, known) {
    await (0,budget/* askInBatches */.Ds)({
        items: oids.filter((oid) => !known.has(oid)),
        each: () => queries/* CHANGE_COST */.FP,
        ask: async (batch) => {
            const { query, variables } = (0,queries/* changesQuery */.SP)(batch);
            const answer = await port.graphql(query, { owner: req.owner, name: req.repo, ...variables }, { splittable: true });
            (0,gather_errors/* assertComplete */.Q9)(answer.errors, 'the changes since the previous deployment');
            const repo = (0,shape/* obj */.WL)((0,shape/* obj */.WL)(answer.data, 'data').repository, 'repository');
            batch.forEach((oid, j) => {
                const node = (0,shape/* obj */.WL)(repo[`c${j}`], `commit ${oid}`);
                known.set(oid, {
                    commit: parseCommit(node, `commit ${oid}`),
                    candidates: associated(node, `commit ${oid}`)
                });
            });
        }
    });
}
/**
 * Every commit in `base..head` with all its parents, from REST compare: "a
 * list of commits reachable from one commit but not reachable from another",
 * every page of it (github.blog/changelog/2021-03-22-compare-rest-api-now-supports-pagination;
 * docs.github.com/en/rest/commits/commits#compare-two-commits). Null when
 * head is not ahead of base. A list shorter than GitHub's own count would
 * hide commits from the walk: it blocks.
 */
async function compareGraph(port, req, base, head) {
    const route = 'GET /repos/{owner}/{repo}/compare/{basehead}';
    const params = {
        owner: req.owner,
        repo: req.repo,
        basehead: `${base}...${head}`,
        per_page: 100
    };
    const first = (0,shape/* obj */.WL)((await port.rest(route, { ...params, page: 1 })).data, 'compare');
    const status = (0,shape/* str */.gx)(first.status, 'compare.status');
    if (status !== 'ahead' && status !== 'diverged')
        return null;
    const total = (0,shape/* num */.bu)(first.total_commits, 'compare.total_commits');
    const pages = Math.ceil(total / 100);
    const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_v, i) => port
        .rest(route, { ...params, page: i + 2 })
        .then((r) => (0,shape/* obj */.WL)(r.data, 'compare'))));
    const parents = new Map();
    for (const page of [first, ...rest]) {
        (0,shape/* arr */.QL)(page.commits, 'compare.commits').forEach((c, i) => {
            const item = (0,shape/* obj */.WL)(c, `compare.commits[${i}]`);
            parents.set((0,shape/* str */.gx)(item.sha, `compare.commits[${i}].sha`), (0,shape/* arr */.QL)(item.parents, `compare.commits[${i}].parents`).map((p, j) => (0,shape/* str */.gx)((0,shape/* obj */.WL)(p, `compare.commits[${i}].parents[${j}]`).sha, `compare.commits[${i}].parents[${j}].sha`)));
        });
    }
    if (!parents.has(head)) {
        throw new errors/* ShapeError */.ym(`compare ${base.slice(0, 7)}...${head.slice(0, 7)} does not list the deployed commit`);
    }
    if (parents.size < total) {
        throw new errors/* GitHubApiError */.OS(`GitHub listed ${parents.size} of the ${total} commits since the previous deployment ${base.slice(0, 7)}: the others cannot be checked`, {
            hint: 'Deploy more often, so that fewer commits lie between two deployments.'
        });
    }
    // Compare lists parents before children: newest first is the reverse.
    const oids = [...parents.keys()];
    const rank = new Map(oids.map((oid, i) => [oid, oids.length - i]));
    // the walk ranks only commits `parents` knows: each has a rank
    return { parents, rank: (oid) => rank.get(oid) };
}

;// CONCATENATED MODULE: ./src/engine/gather/workflow-jobs.ts
// SPEC §5.9: a required check pinned to GitHub Actions counts only from the
// check run of a workflow job. The app alone proves nothing: a workflow's
// GITHUB_TOKEN creates check runs through the Checks API as the GitHub
// Actions app, and GitHub files them under the commit's first workflow run
// (bencherdev/bencher#536). A job has steps; the Checks API cannot create
// any. Asked only for check runs of GitHub Actions whose name a rule pins to
// it, in one query (one point) after the rules are known.




/** GitHub Actions' app id: `integration_id` 15368 in a ruleset. */
const GITHUB_ACTIONS_APP_ID = 15368;
/** The contexts the readable rules and protection of `branches` pin to GitHub Actions. */
function pinnedToActions(branches) {
    const names = new Set();
    for (const b of branches) {
        const pins = [
            ...('unreadable' in b.rules ? [] : b.rules),
            ...(b.classic === null || 'unreadable' in b.classic ? [] : [b.classic])
        ].flatMap((r) => r.pinnedChecks ?? []);
        for (const p of pins) {
            if (p.appId === GITHUB_ACTIONS_APP_ID)
                names.add(p.context);
        }
    }
    return names;
}
/**
 * Sets `job` on every GitHub Actions check run of `rollups` named in
 * `names`: true when it has steps, false when it has none, Unreadable when
 * GitHub would not say.
 */
async function proveJobs(port, rollups, names) {
    if (names.size === 0)
        return;
    const byId = new Map();
    for (const rollup of rollups) {
        if ('unreadable' in rollup.results)
            continue;
        for (const r of rollup.results) {
            if (r.kind !== 'check_run' ||
                r.appId !== GITHUB_ACTIONS_APP_ID ||
                !names.has(r.name)) {
                continue;
            }
            if (r.nodeId === undefined) {
                r.job = support_unreadable('checks: read', 'GitHub gave no id for the check run');
                continue;
            }
            byId.set(r.nodeId, [...(byId.get(r.nodeId) ?? []), r]);
        }
    }
    await (0,budget/* askInBatches */.Ds)({
        items: [...byId.entries()],
        each: () => STEP_COST,
        ask: async (batch) => {
            const { query, variables } = stepsQuery(batch.map(([id]) => id));
            const answer = await port.graphql(query, variables, {
                splittable: true
            });
            const data = (0,shape/* optObj */.vW)(answer.data, 'data') ?? {};
            batch.forEach(([, runs], i) => {
                const alias = `j${i}`;
                const errors = answer.errors.filter((e) => e.path?.[0] === alias);
                const node = (0,shape/* optObj */.vW)(data[alias], alias);
                const job = errors.length > 0 || node === null
                    ? support_unreadable('checks: read', errors.map((e) => e.message).join('; ') ||
                        'GitHub did not return the check run')
                    : (0,shape/* num */.bu)((0,shape/* obj */.WL)(node.steps, `${alias}.steps`).totalCount, `${alias}.steps.totalCount`) > 0;
                for (const r of runs)
                    r.job = job;
            });
        }
    });
}
/** What one check run adds to GateSteps: its first step, if any. */
const STEP_COST = { nodes: 1, requests: 1 };
/**
 * Whether check runs of GitHub Actions are workflow jobs: a job has steps
 * (the runner's "Set up job" at least), and the Checks API cannot create
 * any, so a check run a token made through it has none (SPEC §5.9).
 * docs.github.com/en/graphql/reference/objects#checkrun, `steps`.
 */
function stepsQuery(ids) {
    const variables = {};
    const declarations = [];
    const parts = ids.map((id, i) => {
        declarations.push(`$id${i}: ID!`);
        variables[`id${i}`] = id;
        return `j${i}: node(id: $id${i}) { ... on CheckRun { steps(first: 1) { totalCount } } }`;
    });
    return {
        query: `query GateSteps(${declarations.join(', ')}) {
  ${queries/* RATE_LIMIT */.jS}
  ${parts.join('\n  ')}
}`,
        variables
    };
}

// EXTERNAL MODULE: ./src/engine/gather/first-asks.ts
var first_asks = __webpack_require__(6053);
;// CONCATENATED MODULE: ./src/engine/gather/environment.ts
// The GitHub environment's own settings, read through the environments API.
// GraphQL's `Environment` lacks the deployment branch policy and the admin
// bypass, so this is REST: the environment and, asked alongside rather than
// after (SPEC §9: a typical decision in one round trip), the first page of
// its custom branch patterns, used only when the environment says it has
// them. The price: one REST request spent in vain on an environment without
// custom patterns.



/** Reading environments takes `actions: read` for GitHub App and workflow tokens. */
const ENVIRONMENT_PERMISSION = 'actions: read';
const environment_unreadable = (detail) => ({
    unreadable: true,
    permission: ENVIRONMENT_PERMISSION,
    detail
});
/** docs.github.com/en/rest/deployments/environments#get-an-environment */
async function readEnvironment(port, repo, name) {
    const listUrl = `${repo.url}/settings/environments`;
    // Settled now, so an answer nobody waits for is no unhandled rejection.
    const firstPolicies = branchPoliciesPage(port, repo, name, 1).then((page) => ({ page }), (error) => ({ error }));
    let data;
    try {
        const ask = (0,first_asks/* environmentAsk */.X2)(repo, name);
        const r = await port.rest(ask.route, ask.params);
        data = (0,shape/* obj */.WL)(r.data, `environments/${name}`);
    }
    catch (error) {
        if (error instanceof errors/* GitHubApiError */.OS && error.status === 404) {
            return { exists: false, name, settingsUrl: listUrl };
        }
        if (error instanceof errors/* GitHubApiError */.OS && error.status === 403) {
            return environment_unreadable(error.message);
        }
        throw error;
    }
    const settings = parseEnvironment(data, `environments/${name}`, listUrl);
    if (settings.deploymentBranchPolicy?.customBranchPolicies === true) {
        settings.branchPolicies = await readBranchPolicies(port, repo, name, await firstPolicies);
    }
    return { exists: true, settings };
}
function parseEnvironment(e, path, listUrl) {
    const id = (0,shape/* num */.bu)(e.id, `${path}.id`);
    const policy = (0,shape/* optObj */.vW)(e.deployment_branch_policy, `${path}.deployment_branch_policy`);
    const settings = {
        name: (0,shape/* str */.gx)(e.name, `${path}.name`),
        settingsUrl: `${listUrl}/${id}/edit`,
        deploymentBranchPolicy: policy === null
            ? null
            : {
                protectedBranches: (0,shape/* bool */.lc)(policy.protected_branches, `${path}.deployment_branch_policy.protected_branches`),
                customBranchPolicies: (0,shape/* bool */.lc)(policy.custom_branch_policies, `${path}.deployment_branch_policy.custom_branch_policies`)
            },
        branchPolicies: null,
        reviewers: [],
        preventSelfReview: false,
        // GitHub returns `can_admins_bypass`, but its OpenAPI description does
        // not promise it: when absent, administrators are taken to be able to
        // bypass, GitHub's default for a new environment.
        canAdminsBypass: typeof e.can_admins_bypass === 'boolean' ? e.can_admins_bypass : null,
        waitTimer: 0,
        classicProtection: null
    };
    const rules = e.protection_rules === undefined
        ? []
        : (0,shape/* arr */.QL)(e.protection_rules, `${path}.protection_rules`);
    rules.forEach((value, i) => {
        const rule = (0,shape/* obj */.WL)(value, `${path}.protection_rules[${i}]`);
        const at = `${path}.protection_rules[${i}]`;
        switch (rule.type) {
            case 'required_reviewers':
                settings.preventSelfReview = rule.prevent_self_review === true;
                settings.reviewers = (rule.reviewers === undefined
                    ? []
                    : (0,shape/* arr */.QL)(rule.reviewers, `${at}.reviewers`)).map((r, j) => parseReviewer((0,shape/* obj */.WL)(r, `${at}.reviewers[${j}]`), `${at}.reviewers[${j}]`));
                break;
            case 'wait_timer':
                settings.waitTimer = (0,shape/* num */.bu)(rule.wait_timer, `${at}.wait_timer`);
                break;
            default:
                // branch_policy mirrors deployment_branch_policy; others are unknown
                // to this version and change nothing the check relies on.
                break;
        }
    });
    return settings;
}
function parseReviewer(r, path) {
    const who = (0,shape/* obj */.WL)(r.reviewer, `${path}.reviewer`);
    if (r.type === 'Team') {
        const slug = (0,shape/* str */.gx)(who.slug, `${path}.reviewer.slug`);
        // A team's html_url is https://github.com/orgs/{org}/teams/{slug}.
        const org = /\/orgs\/([^/]+)\/teams\//.exec((0,shape/* optStr */.VK)(who.html_url, `${path}.reviewer.html_url`) ?? '')?.[1];
        return { type: 'Team', name: org === undefined ? slug : `${org}/${slug}` };
    }
    return { type: 'User', name: (0,shape/* str */.gx)(who.login, `${path}.reviewer.login`) };
}
/** A page of the environment's custom branch patterns. */
async function branchPoliciesPage(port, repo, name, page) {
    const ask = (0,first_asks/* branchPoliciesAsk */.Up)(repo, name, page);
    const r = await port.rest(ask.route, ask.params);
    return (0,shape/* obj */.WL)(r.data, 'deployment-branch-policies');
}
/** Every custom branch pattern, from the first page already asked. */
async function readBranchPolicies(port, repo, name, first) {
    const out = [];
    for (let page = 1; page <= 10; page++) {
        let data;
        try {
            if (page > 1)
                data = await branchPoliciesPage(port, repo, name, page);
            else if ('page' in first)
                data = first.page;
            else
                throw first.error;
        }
        catch (error) {
            if (error instanceof errors/* GitHubApiError */.OS &&
                (error.status === 403 || error.status === 404)) {
                return environment_unreadable(error.message);
            }
            throw error;
        }
        const items = (0,shape/* arr */.QL)(data.branch_policies, 'deployment-branch-policies.branch_policies');
        items.forEach((value, i) => {
            const p = (0,shape/* obj */.WL)(value, `branch_policies[${i}]`);
            out.push({
                name: (0,shape/* str */.gx)(p.name, `branch_policies[${i}].name`),
                // `type` came later; older answers mean branches.
                type: p.type === 'tag' ? 'tag' : 'branch'
            });
        });
        const total = (0,shape/* num */.bu)(data.total_count, 'deployment-branch-policies.total_count');
        if (out.length >= total || items.length === 0) {
            if (out.length < total) {
                throw new errors/* GitHubApiError */.OS(`GitHub listed ${out.length} of the ${total} deployment branch policies of ${name}`);
            }
            return out;
        }
    }
    throw new errors/* GitHubApiError */.OS(`environment ${name} has more than 1000 deployment branch policies; the gate stops reading there`);
}

// EXTERNAL MODULE: ./src/engine/gather/policy-file.ts
var policy_file = __webpack_require__(36539);
;// CONCATENATED MODULE: ./src/engine/gather/bootstrap.ts
// The first round trip, asked before the policy is known: the policy blob,
// the default branch, the deployed commit with its pull requests, their
// commits and reviews, checks, and the latest deployments; the environment's
// settings in parallel. SPEC §9: most decisions need little more.











/** Bootstrap fields whose errors are handled where they are used. */
const SPECULATIVE = new Set([
    'checks',
    'heads',
    'compare',
    'rules',
    'refUpdateRule'
]);
async function fetchBootstrap(port, req) {
    const environment = readEnvironment(port, {
        owner: req.owner,
        name: req.repo,
        url: `${req.serverUrl}/${req.owner}/${req.repo}`
    }, req.environment).then((fact) => fact, (failed) => ({ failed }));
    const { query, variables } = (0,first_asks/* firstAsks */.$e)(req).graphql;
    const answer = await port.graphql(query, variables);
    const data = (0,shape/* obj */.WL)(answer.data, 'data');
    if (data.repository === null || data.repository === undefined) {
        throw (0,gather_errors/* repositoryUnreadable */.uL)(req, answer.errors);
    }
    // The policy may simply be absent (NOT_FOUND); anything else is missing
    // data about the commit, reported once the policy is known.
    const incomplete = (0,gather_errors/* incompleteness */.C7)(answer.errors, `the deployed commit ${req.sha.slice(0, 7)} and its pull requests`, (e) => (e.type === 'NOT_FOUND' &&
        (e.path ?? []).some((p) => p === 'policy' || p === 'file')) ||
        e.path?.[0] === 'recent' ||
        (e.path ?? []).some((p) => typeof p === 'string' && SPECULATIVE.has(p)));
    const repo = (0,shape/* obj */.WL)(data.repository, 'repository');
    const defaultRef = (0,policy_file/* defaultBranchRef */.fe)(repo, req);
    const defaultBranch = (0,shape/* str */.gx)(defaultRef.name, 'repository.defaultBranchRef.name');
    const policy = (0,policy_file/* policyOf */.US)(repo, defaultRef, defaultBranch, req);
    const commitNode = (0,shape/* optObj */.vW)(repo.commit, 'repository.commit');
    const found = commitNode !== null && commitNode.oid !== undefined;
    const commit = found ? parseCommit(commitNode, 'repository.commit') : null;
    const pullRequests = found ? associated(commitNode, 'repository.commit') : [];
    const errorsUnder = (alias) => answer.errors.filter((e) => e.path?.[0] === 'repository' && e.path[1] === alias);
    const checksNode = (0,shape/* optObj */.vW)(repo.checks, 'repository.checks');
    const heads = headRollups((0,shape/* optObj */.vW)(repo.heads, 'repository.heads'), errorsUnder('heads'));
    const recent = (0,shape/* optObj */.vW)(data.recent, 'recent');
    return {
        repositoryUrl: (0,shape/* str */.gx)(repo.url, 'repository.url'),
        viewerCanAdminister: typeof repo.viewerCanAdminister === 'boolean'
            ? repo.viewerCanAdminister
            : null,
        defaultBranch,
        policy,
        commit,
        pullRequests,
        incomplete,
        defaultRef: refAnswer(defaultRef, defaultBranch, answer.errors.filter((e) => e.path?.[1] === 'defaultBranchRef'), 'repository.defaultBranchRef'),
        ciResults: readRollup(checksNode, req.sha, 'repository.checks', errorsUnder('checks')),
        heads,
        recent: recent === null ? null : recentPages(recent),
        jobs: bootstrapJobs({ data, errors: answer.errors, sha: req.sha }),
        environment
    };
}
/** The checks of each associated pull request's final head, by number. */
function headRollups(headsNode, errors) {
    const heads = new Map();
    const headPrs = headsNode === null
        ? null
        : (0,shape/* optObj */.vW)(headsNode.associatedPullRequests, 'repository.heads.associatedPullRequests');
    if (headPrs === null)
        return heads;
    (0,shape/* connection */.FI)(headPrs, 'repository.heads.associatedPullRequests').nodes.forEach((n, i) => {
        const at = `repository.heads.associatedPullRequests.nodes[${i}]`;
        const pr = (0,shape/* obj */.WL)(n, at);
        const number = (0,shape/* num */.bu)(pr.number, `${at}.number`);
        const last = (0,shape/* connection */.FI)(pr.headCommit, `${at}.headCommit`).nodes[0];
        const commitOf = last === undefined
            ? null
            : (0,shape/* optObj */.vW)((0,shape/* obj */.WL)(last, `${at}.headCommit.nodes[0]`).commit, `${at}.headCommit.nodes[0].commit`);
        if (commitOf === null)
            return;
        heads.set(number, readRollup(commitOf, (0,shape/* str */.gx)(commitOf.oid, `${at}.headCommit.oid`), `${at}.headCommit`, errors.filter((e) => e.path?.[4] === i)));
    });
    return heads;
}

;// CONCATENATED MODULE: ./src/engine/gather/index.ts
// Gathering: GitHub -> Facts in as few round trips as GitHub allows.
//   1. bootstrap (GraphQL): policy blob, default branch, the deployed commit
//      with its pull requests, their commits and reviews (bootstrap.ts);
//   2. context (GraphQL), in parallel with the rules of each named branch
//      (REST) and, when needed, the run's environment approvals (REST);
//   then only what the first answers show is missing: further pages, the
//   range since the previous deployment, classic protection.
// SPEC §9: a typical decision takes three requests. Each file here reads one
// thing; this one only orders the reads. Gathering never imports a rule:
// what a branch's protection amounts to is ../protection.ts.




















async function gatherFacts(input) {
    const { github, request, bootstrap: boot, commit, policy, chain } = input;
    // The jobs read so far, completed in place: what the previous success
    // counts on grows as more check runs are read.
    const jobs = boot.jobs;
    const ctx = deploymentContextOf(request, policy, jobs.fact);
    const previous = previousSuccessOf(ctx, request.environment, input.now);
    const bind = (o) => bindDeployments({
        github,
        request,
        read: jobs,
        ctx,
        ...o,
        counts: (d) => typeof qualify(d, request.environment, ctx, input.now.getTime()) !==
            'string',
        nowMs: input.now.getTime()
    });
    // The range's start on the bootstrap's page, bound before it is trusted
    // (the bootstrap read the latest records' jobs: usually nothing to ask).
    if (boot.recent !== null && policy.scope === 'range') {
        await bind({ all: [], newest: targetOnly(boot.recent.here.list, request) });
    }
    const need = {
        request,
        policy,
        chain,
        committedDate: commit.committedDate,
        previous
    };
    // Round trip 2, with everything that does not depend on its answer.
    // What the bootstrap already answered, ahead of knowing the policy, is not
    // asked again: an environment whose deployments the repository's latest
    // page settles, and the default branch's comparison with the commit.
    const envs = environmentsToRead(need);
    const read = settledByBootstrap(boot.recent, envs, need);
    const deploymentSel = unsettled(envs, read);
    const plan = planBranches(policy, {
        name: boot.defaultBranch,
        ref: boot.defaultRef
    });
    const defaultRules = plan.known.get(boot.defaultBranch)?.rules === null
        ? readBranchRules(github, request, boot.defaultBranch)
        : null;
    const needApprovals = policy.approvals.environment > 0 || request.breakGlassReason !== null;
    const [context, approvals, environmentSettings, rollups, reviewerTeams] = await Promise.all([
        runContext(github, request, deploymentSel, plan.selections),
        needApprovals ? fetchApprovals(github, request) : Promise.resolve(null),
        policy.environmentProtection === false
            ? Promise.resolve(null)
            : boot.environment.then((got) => {
                if ('failed' in got)
                    throw got.failed;
                return got;
            }),
        policy.ciRequirement === false
            ? Promise.resolve(null)
            : completeRollups(github, { owner: request.owner, name: request.repo }, [boot.ciResults, ...boot.heads.values()]),
        readReviewerTeams(github, policy.approvals.reviewers)
    ]);
    // Deployments: further pages only where the answer may lie beyond page one.
    await readDeploymentPages({
        github,
        request,
        logger: input.logger,
        first: context,
        read,
        wantMore: (env, list) => wantMore(env, list, need)
    });
    const deployments = read.byEnvironment;
    await completeStatuses(github, request, read.statusPages, deployments, read.statusTotals);
    // Branches: which exist, which contain the commit, their rules and protection.
    const branches = await branchFacts({
        github,
        request,
        policy,
        plan,
        refs: [
            ...plan.known.values(),
            ...(await readRefPages(github, request, context))
        ],
        defaultBranch: boot.defaultBranch,
        defaultRules
    });
    await Promise.all([
        readClassicProtection({
            github,
            request,
            policy,
            branches,
            environmentSettings
        }),
        policy.branchProtection === false
            ? null
            : readRulesetBypass({
                github,
                request,
                branches,
                viewerCanAdminister: boot.viewerCanAdminister
            })
    ]);
    // Scope: the changes since the previous successful deployment here.
    const upstream = {};
    // every environment of the chain was read (environmentsToRead, and
    // runContext answers every selection, readable or not)
    for (const env of chain) {
        upstream[env] = deployments.get(env);
    }
    // Every record that could be promotion evidence or the range's start is
    // bound to its job before it is judged (SPEC §5.2).
    const here = deployments.get(request.environment);
    await bind({
        all: sameChange(upstream, commit, policy),
        newest: policy.scope === 'range' && here !== undefined && !('unreadable' in here)
            ? here
            : []
    });
    // Alongside: whether the check runs a pinned required check may rely on
    // are workflow jobs (SPEC §5.9), asked only when a rule pins one.
    const [scope] = await Promise.all([
        changesInScope({
            github,
            request,
            commit,
            pullRequests: boot.pullRequests,
            policy,
            here: here ?? [],
            previousOf: previous
        }),
        rollups === null
            ? null
            : proveJobs(github, rollups, pinnedToActions(branches))
    ]);
    await resolveCoAuthors(github, request, [
        commit,
        ...scope.changes.flatMap((c) => [
            c.commit,
            ...(c.pullRequest?.commits ?? [])
        ])
    ]);
    return {
        repository: {
            owner: request.owner,
            name: request.repo,
            url: boot.repositoryUrl,
            defaultBranch: boot.defaultBranch
        },
        serverUrl: request.serverUrl,
        environment: request.environment,
        sha: request.sha,
        commit,
        deployer: request.deployer,
        changes: scope.changes,
        scope: scope.scope,
        upstream,
        jobs: jobs.fact,
        branches,
        run: { ...request.run, event: request.event ?? null, approvals },
        environmentSettings,
        ciResults: rollups === null
            ? null
            : checksFact(rollups, scope.changes[0]?.pullRequest ?? null, boot.heads),
        ...(reviewerTeams === undefined ? {} : { reviewerTeams })
    };
}
/** The target environment's records on the bootstrap's page. */
function targetOnly(list, request) {
    return list.filter((d) => d.environment === request.environment);
}
/** The upstream records of the deployed commit, or of its tree with `match: tree`. */
function sameChange(upstream, commit, policy) {
    return Object.values(upstream).flatMap((list) => 'unreadable' in list
        ? []
        : list.filter((d) => d.sha === commit.oid ||
            (policy.match === 'tree' &&
                d.treeOid !== null &&
                d.treeOid === commit.treeOid)));
}

;// CONCATENATED MODULE: ./src/engine/sources.ts
// Where a decision's data comes from. The pipeline asks a source for the
// policy file, then, once the policy says what matters, for the facts. The
// live source reads GitHub now; the audit's reads what it gathered for a
// past deployment (SPEC §7: the same pipeline, as of the deployment's time).


/** GitHub as it is now: one bootstrap query, then what the policy needs. */
function liveSource(request, deps) {
    return async () => {
        const boot = await fetchBootstrap(deps.github, request);
        const policy = 'missing' in boot.policy
            ? {
                missing: boot.policy.missing,
                ref: request.policyRef ?? boot.defaultBranch
            }
            : { ...boot.policy, defaultBranch: boot.defaultBranch };
        return {
            policy,
            facts: async ({ policy: envPolicy, chain, now }) => {
                if (boot.incomplete !== null)
                    throw boot.incomplete;
                if (boot.commit === null) {
                    throw new errors/* InputError */.dz(`commit ${request.sha} does not exist in ${request.owner}/${request.repo}`);
                }
                return gatherFacts({
                    github: deps.github,
                    request,
                    bootstrap: boot,
                    commit: boot.commit,
                    policy: envPolicy,
                    chain,
                    logger: deps.logger,
                    now
                });
            }
        };
    };
}

;// CONCATENATED MODULE: ./src/engine/pipeline.ts
// One decision, top-down, the same in every mode (SPEC §2):
//   request → policy → facts → rules → decision (break-glass included).
// The evidence record is the last step, `recordEvidence`, taken by the
// adapter once it knows where the record is kept.






/** A live decision: GitHub as it is now, and the emergency path if asked. */
async function pipeline_evaluate(request, deps) {
    const now = deps.now();
    const decision = await pipeline_judge(request, liveSource(request, deps), now);
    const reason = request.breakGlassReason;
    return reason === null
        ? decision
        : applyBreakGlass(decision, reason, deps.github, now);
}
/** The decision the gate would have made at `at`, from `source` (SPEC §7). */
function evaluateAsOf(request, source, at) {
    return pipeline_judge(request, source, at);
}
async function pipeline_judge(request, source, now) {
    // 1. the policy, as the source has it
    let read;
    try {
        read = await source();
    }
    catch (error) {
        const failure = (0,errors/* toFailure */.w2)(error);
        const check = policyCheck('error', `the policy could not be read: ${failure.message}`);
        return cannotDecide({
            request,
            failure,
            now,
            policy: unknown(request, check)
        });
    }
    const file = read.policy;
    if ('missing' in file) {
        const check = policyCheck('fail', `${file.missing}; the gate needs a policy (${request.policyPath}) on ${file.ref}`);
        const known = {
            ...unknown(request, check),
            record: pipeline_record(request, file.ref)
        };
        return cannotDecide({ request, failure: null, now, policy: known });
    }
    // 2. the environment's part of it, and its upstream chain
    const known = {
        record: pipeline_record(request, file.ref, file.blobSha),
        environment: null,
        chain: []
    };
    let chain;
    try {
        const all = loadPolicy(file.text, {
            path: request.policyPath,
            ref: file.ref,
            blobSha: file.blobSha,
            defaultBranch: file.defaultBranch
        });
        known.environment = environmentPolicy(all, request.environment);
        chain = upstreamChain(all.environments, request.environment);
    }
    catch (error) {
        const message = (0,errors/* toFailure */.w2)(error).message;
        const count = error instanceof errors/* PolicyError */.pn ? error.problems.length : 1;
        known.check = policyCheck('fail', `the policy on ${file.ref} is not valid (${count} problem${count === 1 ? '' : 's'})`, message.split('\n'));
        return cannotDecide({ request, failure: null, now, policy: known });
    }
    const policy = known.environment;
    known.chain = chain.map((e) => e.name);
    known.check = policyCheck('pass', `read ${request.policyPath} at ${file.ref} (blob ${file.blobSha.slice(0, 7)}); environment ${request.environment} is in it`);
    // 3. the facts the policy makes relevant
    let facts;
    try {
        facts = await read.facts({ policy, chain: known.chain, now });
    }
    catch (error) {
        const failure = (0,errors/* toFailure */.w2)(error);
        return cannotDecide({ request, failure, now, policy: known });
    }
    // 4. the rules, and the one place a normal `allow` is made
    const results = [known.check, ...runChecks(facts, policy, now, chain)];
    return decided({ request, now, policy: known, facts, results });
}
function pipeline_record(request, ref, blobSha = null) {
    return { path: request.policyPath, ref, blobSha };
}
function unknown(request, check) {
    return {
        record: pipeline_record(request, request.policyRef),
        environment: null,
        chain: [],
        check
    };
}

// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
;// CONCATENATED MODULE: ./src/engine/evidence/record.ts
// The evidence record of one decision (SPEC §6): a pure function of the
// Decision, validated against schema/evidence.schema.json before it is
// written. No evidence, no allow.




function environmentEvidence(name, read) {
    if (read === null)
        return null;
    const empty = {
        name,
        exists: null,
        url: null,
        deployment_branch_policy: null,
        branch_policies: null,
        reviewers: [],
        prevent_self_review: null,
        can_admins_bypass: null,
        wait_timer: null,
        unreadable: null
    };
    if ('unreadable' in read)
        return { ...empty, unreadable: read.permission };
    if (!read.exists)
        return { ...empty, exists: false, url: read.settingsUrl };
    const s = read.settings;
    const policies = s.branchPolicies;
    return {
        name: s.name,
        exists: true,
        url: s.settingsUrl,
        deployment_branch_policy: s.deploymentBranchPolicy === null
            ? null
            : {
                protected_branches: s.deploymentBranchPolicy.protectedBranches,
                custom_branch_policies: s.deploymentBranchPolicy.customBranchPolicies
            },
        branch_policies: policies === null || 'unreadable' in policies
            ? null
            : policies.map((p) => ({ name: p.name, type: p.type })),
        reviewers: s.reviewers.map((r) => ({ type: r.type, name: r.name })),
        prevent_self_review: s.preventSelfReview,
        can_admins_bypass: s.canAdminsBypass,
        wait_timer: s.waitTimer,
        unreadable: policies !== null && 'unreadable' in policies ? policies.permission : null
    };
}
const EVIDENCE_SCHEMA_ID = 'https://github.com/promotion-gate/promotion-gate/schema/evidence.schema.json';
function buildEvidence(decision, context) {
    const req = decision.request;
    const facts = decision.facts;
    const policy = decision.environmentPolicy;
    const changes = facts === null || policy === null
        ? []
        : facts.changes.map((change) => {
            const { makers, unresolved } = makersOf(change, facts, policy, [
                'author',
                'commit_authors',
                'committers',
                'co_authors'
            ]);
            const independent = makersOf(change, facts, policy);
            const pr = change.pullRequest;
            const counted = pr === null
                ? null
                : approversOf(pr, independent.makers, policy, new Date(decision.evaluatedAt), facts.reviewerTeams);
            return {
                sha: change.commit.oid,
                url: change.commit.url,
                pull_request: pr === null
                    ? null
                    : {
                        number: pr.number,
                        url: pr.url,
                        head_sha: pr.headRefOid,
                        merged_at: pr.mergedAt
                    },
                makers: [...makers.values()].map((m) => ({
                    login: m.login,
                    roles: [...new Set(m.roles.map((r) => r.kind))]
                })),
                unresolved_identities: unresolved.map((u) => ({
                    name: u.name,
                    email: u.email,
                    role: u.kind
                })),
                approvers: (counted?.approvers ?? []).map((a) => ({
                    login: a.login,
                    review_url: a.review.url,
                    submitted_at: a.review.submittedAt,
                    commit: a.review.commitOid
                })),
                excluded_approvals: (counted?.excluded ?? []).map((e) => ({
                    login: e.login,
                    review_url: e.review.url,
                    reason: e.message
                }))
            };
        });
    return {
        $schema: EVIDENCE_SCHEMA_ID,
        kind: 'promotion-gate/decision',
        tool: { name: 'promotion-gate', version: version/* VERSION */.x },
        time: decision.evaluatedAt,
        decision: decision.decision,
        mode: context.mode,
        repository: `${req.owner}/${req.repo}`,
        environment: req.environment,
        sha: req.sha,
        deployer: req.deployer,
        run: {
            id: req.run.id,
            attempt: req.run.attempt,
            url: req.run.url,
            actor: req.run.actor,
            triggering_actor: req.run.triggeringActor
        },
        policy: {
            path: decision.policy.path,
            ref: decision.policy.ref,
            blob_sha: decision.policy.blobSha
        },
        scope: facts === null ? null : facts.scope,
        checks: decision.results.map((c) => ({
            id: c.id,
            status: c.status,
            message: c.summary,
            problems: c.problems,
            controls: c.controls,
            links: c.links.map((l) => ({ kind: l.kind, url: l.url, label: l.label }))
        })),
        changes,
        environment_settings: facts === null
            ? null
            : environmentEvidence(req.environment, facts.environmentSettings),
        checks_relied_on: facts === null || policy === null
            ? []
            : reliedOn(facts, policy).map(({ sha, result: r }) => ({
                name: r.name,
                kind: r.kind,
                sha,
                conclusion: r.state,
                url: r.url,
                by: r.by
            })),
        break_glass: decision.breakGlass === null
            ? null
            : {
                reason: decision.breakGlass.reason,
                approved_by: decision.breakGlass.approvedBy,
                overridden_checks: [...decision.breakGlass.overridden],
                review_within: decision.breakGlass.reviewWithin,
                review_due: decision.breakGlass.reviewDue,
                follow_up_issue: context.followUpIssue === undefined ||
                    context.followUpIssue === null
                    ? null
                    : {
                        number: context.followUpIssue.number,
                        url: context.followUpIssue.url
                    }
            },
        failure: decision.failure === null
            ? null
            : {
                code: decision.failure.code,
                message: decision.failure.message,
                hint: decision.failure.hint ?? null
            },
        api_requests: context.requests,
        api: apiOf(context.usage ?? null),
        notes: context.notes
    };
}
/** A copy: the record must not change as the client goes on counting. */
function apiOf(usage) {
    if (usage === null)
        return null;
    return {
        requests: { rest: usage.requests.rest, graphql: usage.requests.graphql },
        points: usage.points,
        budgets: usage.budgets.map((b) => ({
            resource: b.resource,
            limit: b.limit,
            remaining: b.remaining,
            used: b.used,
            reset: b.reset
        }))
    };
}

;// CONCATENATED MODULE: ./src/engine/evidence/api.ts
// The API cost of a decision in its evidence (SPEC §6, §9): requests, GraphQL
// points and the budgets left, and the warning when a budget runs low.
/** Below this share of a budget left, the decision warns (SPEC §9). */
const LOW_BUDGET = 0.2;
const evidenceApiJsonSchema = {
    description: 'The API cost of the decision: HTTP requests (retries included), GraphQL points and the rate-limit budgets left; null when the client did not count.',
    anyOf: [
        { type: 'null' },
        {
            type: 'object',
            additionalProperties: false,
            required: ['requests', 'points', 'budgets'],
            properties: {
                requests: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['rest', 'graphql'],
                    properties: {
                        rest: { type: 'integer', minimum: 0 },
                        graphql: { type: 'integer', minimum: 0 }
                    }
                },
                points: {
                    type: ['integer', 'null'],
                    minimum: 0,
                    description: 'GraphQL points spent (rateLimit.cost summed); null: an answer did not say what it cost'
                },
                budgets: {
                    type: 'array',
                    items: {
                        type: 'object',
                        additionalProperties: false,
                        required: ['resource', 'limit', 'remaining', 'used', 'reset'],
                        properties: {
                            resource: {
                                type: 'string',
                                minLength: 1,
                                description: 'x-ratelimit-resource: core (REST requests), graphql (points), ...'
                            },
                            limit: { type: 'integer', minimum: 0 },
                            remaining: { type: 'integer', minimum: 0 },
                            used: { type: 'integer', minimum: 0 },
                            reset: { type: 'string', format: 'date-time' }
                        }
                    }
                }
            }
        }
    ]
};
const number = new Intl.NumberFormat('en-US');
/** What a budget counts: `1,000 GraphQL points`, `5,000 REST requests`. */
function budgetUnit(resource) {
    if (resource === 'graphql')
        return 'GraphQL points';
    if (resource === 'core')
        return 'REST requests';
    return `${resource} requests`;
}
/**
 * One warning per budget with less than LOW_BUDGET of it left, naming it:
 * what is left, when it refills, and that others draw on it too.
 */
function lowBudgetWarnings(usage) {
    if (usage === null)
        return [];
    return usage.budgets
        .filter((b) => b.limit > 0 && b.remaining / b.limit < LOW_BUDGET)
        .map((b) => `GitHub API budget low: ${number.format(b.remaining)} of ${number.format(b.limit)} ${budgetUnit(b.resource)} left this hour (resets ${b.reset.slice(11, 16)} UTC); everything using this token draws on it, and a GITHUB_TOKEN's is shared by every workflow of the repository`);
}

;// CONCATENATED MODULE: ./src/engine/evidence/schema.ts
// JSON Schema of the evidence record (SPEC §6), published as
// schema/evidence.schema.json by scripts/write-schemas.ts.



const nullableString = { type: ['string', 'null'] };
const nullableInt = { type: ['integer', 'null'] };
const sha = { type: 'string', pattern: '^[0-9a-f]{40}$' };
const nullableSha = { anyOf: [sha, { type: 'null' }] };
const strings = { type: 'array', items: { type: 'string' } };
const evidenceJsonSchema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: EVIDENCE_SCHEMA_ID,
    title: 'promotion-gate evidence record',
    description: 'One record per gate decision: what was decided, on what data, under which policy, and which controls it evidences.',
    type: 'object',
    additionalProperties: false,
    required: [
        '$schema',
        'kind',
        'tool',
        'time',
        'decision',
        'mode',
        'repository',
        'environment',
        'sha',
        'deployer',
        'run',
        'policy',
        'scope',
        'checks',
        'changes',
        'environment_settings',
        'checks_relied_on',
        'break_glass',
        'failure',
        'api_requests',
        'api',
        'notes'
    ],
    properties: {
        $schema: { const: EVIDENCE_SCHEMA_ID },
        kind: { const: 'promotion-gate/decision' },
        tool: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'version'],
            properties: {
                name: { const: 'promotion-gate' },
                version: { type: 'string' }
            }
        },
        time: {
            type: 'string',
            format: 'date-time',
            description: 'when the decision was made'
        },
        decision: { enum: ['allow', 'block'] },
        mode: { enum: ['enforce', 'report', 'audit', 'check', 'server'] },
        repository: { type: 'string', pattern: '^[^/]+/[^/]+$' },
        environment: { type: 'string', minLength: 1 },
        sha,
        deployer: nullableString,
        run: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'attempt', 'url', 'actor', 'triggering_actor'],
            properties: {
                id: nullableInt,
                attempt: nullableInt,
                url: nullableString,
                actor: nullableString,
                triggering_actor: nullableString
            }
        },
        policy: {
            type: 'object',
            additionalProperties: false,
            required: ['path', 'ref', 'blob_sha'],
            properties: {
                path: { type: 'string' },
                ref: nullableString,
                blob_sha: nullableString
            }
        },
        scope: {
            anyOf: [
                { type: 'null' },
                {
                    type: 'object',
                    additionalProperties: false,
                    required: ['kind', 'since', 'note'],
                    properties: {
                        kind: { enum: ['range', 'head'] },
                        since: nullableSha,
                        note: nullableString
                    }
                }
            ]
        },
        checks: {
            type: 'array',
            minItems: 1,
            items: {
                type: 'object',
                additionalProperties: false,
                required: ['id', 'status', 'message', 'problems', 'controls', 'links'],
                properties: {
                    id: {
                        enum: [
                            'policy',
                            'promotion',
                            'source-branch',
                            'branch-protection',
                            'approval-record',
                            'maker-checker',
                            'segregation',
                            'environment',
                            'checks'
                        ]
                    },
                    status: { enum: ['pass', 'fail', 'error', 'skipped'] },
                    message: { type: 'string' },
                    problems: strings,
                    controls: strings,
                    links: {
                        type: 'array',
                        items: {
                            type: 'object',
                            additionalProperties: false,
                            required: ['kind', 'url', 'label'],
                            properties: {
                                kind: { enum: [...types/* LINK_KINDS */.r9] },
                                url: { type: 'string' },
                                label: { type: 'string' }
                            }
                        }
                    }
                }
            }
        },
        changes: {
            type: 'array',
            items: {
                type: 'object',
                additionalProperties: false,
                required: [
                    'sha',
                    'url',
                    'pull_request',
                    'makers',
                    'unresolved_identities',
                    'approvers',
                    'excluded_approvals'
                ],
                properties: {
                    sha,
                    url: { type: 'string' },
                    pull_request: {
                        anyOf: [
                            { type: 'null' },
                            {
                                type: 'object',
                                additionalProperties: false,
                                required: ['number', 'url', 'head_sha', 'merged_at'],
                                properties: {
                                    number: { type: 'integer' },
                                    url: { type: 'string' },
                                    head_sha: sha,
                                    merged_at: nullableString
                                }
                            }
                        ]
                    },
                    makers: {
                        type: 'array',
                        items: {
                            type: 'object',
                            additionalProperties: false,
                            required: ['login', 'roles'],
                            properties: { login: { type: 'string' }, roles: strings }
                        }
                    },
                    unresolved_identities: {
                        type: 'array',
                        items: {
                            type: 'object',
                            additionalProperties: false,
                            required: ['name', 'email', 'role'],
                            properties: {
                                name: nullableString,
                                email: nullableString,
                                role: { type: 'string' }
                            }
                        }
                    },
                    approvers: {
                        type: 'array',
                        items: {
                            type: 'object',
                            additionalProperties: false,
                            required: ['login', 'review_url', 'submitted_at', 'commit'],
                            properties: {
                                login: { type: 'string' },
                                review_url: { type: 'string' },
                                submitted_at: nullableString,
                                commit: nullableString
                            }
                        }
                    },
                    excluded_approvals: {
                        type: 'array',
                        items: {
                            type: 'object',
                            additionalProperties: false,
                            required: ['login', 'review_url', 'reason'],
                            properties: {
                                login: nullableString,
                                review_url: { type: 'string' },
                                reason: { type: 'string' }
                            }
                        }
                    }
                }
            }
        },
        environment_settings: {
            description: "The GitHub environment's own settings as the gate read them; null when environment_protection is off or nothing was read.",
            anyOf: [
                { type: 'null' },
                {
                    type: 'object',
                    additionalProperties: false,
                    required: [
                        'name',
                        'exists',
                        'url',
                        'deployment_branch_policy',
                        'branch_policies',
                        'reviewers',
                        'prevent_self_review',
                        'can_admins_bypass',
                        'wait_timer',
                        'unreadable'
                    ],
                    properties: {
                        name: { type: 'string' },
                        exists: {
                            type: ['boolean', 'null'],
                            description: 'null: the settings could not be read'
                        },
                        url: nullableString,
                        deployment_branch_policy: {
                            anyOf: [
                                { type: 'null' },
                                {
                                    type: 'object',
                                    additionalProperties: false,
                                    required: ['protected_branches', 'custom_branch_policies'],
                                    properties: {
                                        protected_branches: { type: 'boolean' },
                                        custom_branch_policies: { type: 'boolean' }
                                    }
                                }
                            ]
                        },
                        branch_policies: {
                            anyOf: [
                                { type: 'null' },
                                {
                                    type: 'array',
                                    items: {
                                        type: 'object',
                                        additionalProperties: false,
                                        required: ['name', 'type'],
                                        properties: {
                                            name: { type: 'string' },
                                            type: { enum: ['branch', 'tag'] }
                                        }
                                    }
                                }
                            ]
                        },
                        reviewers: {
                            type: 'array',
                            items: {
                                type: 'object',
                                additionalProperties: false,
                                required: ['type', 'name'],
                                properties: {
                                    type: { enum: ['User', 'Team'] },
                                    name: { type: 'string' }
                                }
                            }
                        },
                        prevent_self_review: { type: ['boolean', 'null'] },
                        can_admins_bypass: {
                            type: ['boolean', 'null'],
                            description: 'null: GitHub did not say; counted as allowed'
                        },
                        wait_timer: nullableInt,
                        unreadable: {
                            ...nullableString,
                            description: 'the permission that would read what could not be read'
                        }
                    }
                }
            ]
        },
        checks_relied_on: {
            type: 'array',
            items: {
                type: 'object',
                additionalProperties: false,
                required: ['name', 'kind', 'sha', 'conclusion', 'url', 'by'],
                properties: {
                    name: { type: 'string' },
                    kind: { enum: ['check_run', 'status'] },
                    sha,
                    conclusion: { type: 'string' },
                    url: nullableString,
                    by: nullableString
                }
            }
        },
        break_glass: {
            description: 'Set when the decision is a break-glass allow (SPEC §5.7): the checks it overrode still read fail or error in `checks`.',
            anyOf: [
                { type: 'null' },
                {
                    type: 'object',
                    additionalProperties: false,
                    required: [
                        'reason',
                        'approved_by',
                        'overridden_checks',
                        'review_within',
                        'review_due',
                        'follow_up_issue'
                    ],
                    properties: {
                        reason: { type: 'string', minLength: 1 },
                        approved_by: {
                            type: 'string',
                            minLength: 1,
                            description: 'the login whose environment approval of the run granted the break-glass'
                        },
                        overridden_checks: {
                            type: 'array',
                            minItems: 1,
                            items: { enum: [...types/* CHECK_IDS */.Sh.filter((id) => id !== 'policy')] }
                        },
                        review_within: {
                            type: 'integer',
                            minimum: 0,
                            description: 'break_glass.review_within, in seconds'
                        },
                        review_due: {
                            type: 'string',
                            format: 'date-time',
                            description: 'the decision time plus review_within'
                        },
                        follow_up_issue: {
                            description: 'the issue asking for the independent review; null: not opened',
                            anyOf: [
                                { type: 'null' },
                                {
                                    type: 'object',
                                    additionalProperties: false,
                                    required: ['number', 'url'],
                                    properties: {
                                        number: { type: 'integer', minimum: 1 },
                                        url: { type: 'string' }
                                    }
                                }
                            ]
                        }
                    }
                }
            ]
        },
        failure: {
            anyOf: [
                { type: 'null' },
                {
                    type: 'object',
                    additionalProperties: false,
                    required: ['code', 'message', 'hint'],
                    properties: {
                        code: { type: 'string' },
                        message: { type: 'string' },
                        hint: nullableString
                    }
                }
            ]
        },
        api_requests: nullableInt,
        api: evidenceApiJsonSchema,
        notes: strings
    }
};

// EXTERNAL MODULE: ./node_modules/ajv-formats/dist/formats.js
var formats = __webpack_require__(10779);
;// CONCATENATED MODULE: ./src/engine/evidence/evidence-validator.generated.js
// Generated by scripts/write-schemas.ts from src/engine/evidence/schema.ts: do not edit.

const evidence_validator_generated_validate = (/* unused pure expression or super */ null && (evidence_validator_generated_validate10));
/* harmony default export */ const evidence_validator_generated = (evidence_validator_generated_validate10);
const evidence_validator_generated_schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://github.com/promotion-gate/promotion-gate/schema/evidence.schema.json","title":"promotion-gate evidence record","description":"One record per gate decision: what was decided, on what data, under which policy, and which controls it evidences.","type":"object","additionalProperties":false,"required":["$schema","kind","tool","time","decision","mode","repository","environment","sha","deployer","run","policy","scope","checks","changes","environment_settings","checks_relied_on","break_glass","failure","api_requests","api","notes"],"properties":{"$schema":{"const":"https://github.com/promotion-gate/promotion-gate/schema/evidence.schema.json"},"kind":{"const":"promotion-gate/decision"},"tool":{"type":"object","additionalProperties":false,"required":["name","version"],"properties":{"name":{"const":"promotion-gate"},"version":{"type":"string"}}},"time":{"type":"string","format":"date-time","description":"when the decision was made"},"decision":{"enum":["allow","block"]},"mode":{"enum":["enforce","report","audit","check","server"]},"repository":{"type":"string","pattern":"^[^/]+/[^/]+$"},"environment":{"type":"string","minLength":1},"sha":{"type":"string","pattern":"^[0-9a-f]{40}$"},"deployer":{"type":["string","null"]},"run":{"type":"object","additionalProperties":false,"required":["id","attempt","url","actor","triggering_actor"],"properties":{"id":{"type":["integer","null"]},"attempt":{"type":["integer","null"]},"url":{"type":["string","null"]},"actor":{"type":["string","null"]},"triggering_actor":{"type":["string","null"]}}},"policy":{"type":"object","additionalProperties":false,"required":["path","ref","blob_sha"],"properties":{"path":{"type":"string"},"ref":{"type":["string","null"]},"blob_sha":{"type":["string","null"]}}},"scope":{"anyOf":[{"type":"null"},{"type":"object","additionalProperties":false,"required":["kind","since","note"],"properties":{"kind":{"enum":["range","head"]},"since":{"anyOf":[{"type":"string","pattern":"^[0-9a-f]{40}$"},{"type":"null"}]},"note":{"type":["string","null"]}}}]},"checks":{"type":"array","minItems":1,"items":{"type":"object","additionalProperties":false,"required":["id","status","message","problems","controls","links"],"properties":{"id":{"enum":["policy","promotion","source-branch","branch-protection","approval-record","maker-checker","segregation","environment","checks"]},"status":{"enum":["pass","fail","error","skipped"]},"message":{"type":"string"},"problems":{"type":"array","items":{"type":"string"}},"controls":{"type":"array","items":{"type":"string"}},"links":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["kind","url","label"],"properties":{"kind":{"enum":["pull_request","review","deployment","commit","settings","check"]},"url":{"type":"string"},"label":{"type":"string"}}}}}}},"changes":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["sha","url","pull_request","makers","unresolved_identities","approvers","excluded_approvals"],"properties":{"sha":{"type":"string","pattern":"^[0-9a-f]{40}$"},"url":{"type":"string"},"pull_request":{"anyOf":[{"type":"null"},{"type":"object","additionalProperties":false,"required":["number","url","head_sha","merged_at"],"properties":{"number":{"type":"integer"},"url":{"type":"string"},"head_sha":{"type":"string","pattern":"^[0-9a-f]{40}$"},"merged_at":{"type":["string","null"]}}}]},"makers":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["login","roles"],"properties":{"login":{"type":"string"},"roles":{"type":"array","items":{"type":"string"}}}}},"unresolved_identities":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["name","email","role"],"properties":{"name":{"type":["string","null"]},"email":{"type":["string","null"]},"role":{"type":"string"}}}},"approvers":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["login","review_url","submitted_at","commit"],"properties":{"login":{"type":"string"},"review_url":{"type":"string"},"submitted_at":{"type":["string","null"]},"commit":{"type":["string","null"]}}}},"excluded_approvals":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["login","review_url","reason"],"properties":{"login":{"type":["string","null"]},"review_url":{"type":"string"},"reason":{"type":"string"}}}}}}},"environment_settings":{"description":"The GitHub environment's own settings as the gate read them; null when environment_protection is off or nothing was read.","anyOf":[{"type":"null"},{"type":"object","additionalProperties":false,"required":["name","exists","url","deployment_branch_policy","branch_policies","reviewers","prevent_self_review","can_admins_bypass","wait_timer","unreadable"],"properties":{"name":{"type":"string"},"exists":{"type":["boolean","null"],"description":"null: the settings could not be read"},"url":{"type":["string","null"]},"deployment_branch_policy":{"anyOf":[{"type":"null"},{"type":"object","additionalProperties":false,"required":["protected_branches","custom_branch_policies"],"properties":{"protected_branches":{"type":"boolean"},"custom_branch_policies":{"type":"boolean"}}}]},"branch_policies":{"anyOf":[{"type":"null"},{"type":"array","items":{"type":"object","additionalProperties":false,"required":["name","type"],"properties":{"name":{"type":"string"},"type":{"enum":["branch","tag"]}}}}]},"reviewers":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["type","name"],"properties":{"type":{"enum":["User","Team"]},"name":{"type":"string"}}}},"prevent_self_review":{"type":["boolean","null"]},"can_admins_bypass":{"type":["boolean","null"],"description":"null: GitHub did not say; counted as allowed"},"wait_timer":{"type":["integer","null"]},"unreadable":{"type":["string","null"],"description":"the permission that would read what could not be read"}}}]},"checks_relied_on":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["name","kind","sha","conclusion","url","by"],"properties":{"name":{"type":"string"},"kind":{"enum":["check_run","status"]},"sha":{"type":"string","pattern":"^[0-9a-f]{40}$"},"conclusion":{"type":"string"},"url":{"type":["string","null"]},"by":{"type":["string","null"]}}}},"break_glass":{"description":"Set when the decision is a break-glass allow (SPEC §5.7): the checks it overrode still read fail or error in `checks`.","anyOf":[{"type":"null"},{"type":"object","additionalProperties":false,"required":["reason","approved_by","overridden_checks","review_within","review_due","follow_up_issue"],"properties":{"reason":{"type":"string","minLength":1},"approved_by":{"type":"string","minLength":1,"description":"the login whose environment approval of the run granted the break-glass"},"overridden_checks":{"type":"array","minItems":1,"items":{"enum":["promotion","source-branch","branch-protection","approval-record","maker-checker","segregation","environment","checks"]}},"review_within":{"type":"integer","minimum":0,"description":"break_glass.review_within, in seconds"},"review_due":{"type":"string","format":"date-time","description":"the decision time plus review_within"},"follow_up_issue":{"description":"the issue asking for the independent review; null: not opened","anyOf":[{"type":"null"},{"type":"object","additionalProperties":false,"required":["number","url"],"properties":{"number":{"type":"integer","minimum":1},"url":{"type":"string"}}}]}}}]},"failure":{"anyOf":[{"type":"null"},{"type":"object","additionalProperties":false,"required":["code","message","hint"],"properties":{"code":{"type":"string"},"message":{"type":"string"},"hint":{"type":["string","null"]}}}]},"api_requests":{"type":["integer","null"]},"api":{"description":"The API cost of the decision: HTTP requests (retries included), GraphQL points and the rate-limit budgets left; null when the client did not count.","anyOf":[{"type":"null"},{"type":"object","additionalProperties":false,"required":["requests","points","budgets"],"properties":{"requests":{"type":"object","additionalProperties":false,"required":["rest","graphql"],"properties":{"rest":{"type":"integer","minimum":0},"graphql":{"type":"integer","minimum":0}}},"points":{"type":["integer","null"],"minimum":0,"description":"GraphQL points spent (rateLimit.cost summed); null: an answer did not say what it cost"},"budgets":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["resource","limit","remaining","used","reset"],"properties":{"resource":{"type":"string","minLength":1,"description":"x-ratelimit-resource: core (REST requests), graphql (points), ..."},"limit":{"type":"integer","minimum":0},"remaining":{"type":"integer","minimum":0},"used":{"type":"integer","minimum":0},"reset":{"type":"string","format":"date-time"}}}}}}]},"notes":{"type":"array","items":{"type":"string"}}}};
const evidence_validator_generated_func2 = Object.prototype.hasOwnProperty;
const evidence_validator_generated_func3 = ucs2length/* default */.A;
const formats0 = formats/* fullFormats */.U9["date-time"];
const evidence_validator_generated_pattern0 = new RegExp("^[^/]+/[^/]+$", "u");
const evidence_validator_generated_pattern1 = new RegExp("^[0-9a-f]{40}$", "u");

function evidence_validator_generated_validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://github.com/promotion-gate/promotion-gate/schema/evidence.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.$schema === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "$schema"},message:"must have required property '"+"$schema"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.kind === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.tool === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "tool"},message:"must have required property '"+"tool"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.time === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "time"},message:"must have required property '"+"time"+"'"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.decision === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "decision"},message:"must have required property '"+"decision"+"'"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data.mode === undefined){
const err5 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "mode"},message:"must have required property '"+"mode"+"'"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data.repository === undefined){
const err6 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "repository"},message:"must have required property '"+"repository"+"'"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data.environment === undefined){
const err7 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "environment"},message:"must have required property '"+"environment"+"'"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data.sha === undefined){
const err8 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "sha"},message:"must have required property '"+"sha"+"'"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data.deployer === undefined){
const err9 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "deployer"},message:"must have required property '"+"deployer"+"'"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data.run === undefined){
const err10 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "run"},message:"must have required property '"+"run"+"'"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(data.policy === undefined){
const err11 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "policy"},message:"must have required property '"+"policy"+"'"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(data.scope === undefined){
const err12 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "scope"},message:"must have required property '"+"scope"+"'"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(data.checks === undefined){
const err13 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "checks"},message:"must have required property '"+"checks"+"'"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(data.changes === undefined){
const err14 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "changes"},message:"must have required property '"+"changes"+"'"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(data.environment_settings === undefined){
const err15 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "environment_settings"},message:"must have required property '"+"environment_settings"+"'"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(data.checks_relied_on === undefined){
const err16 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "checks_relied_on"},message:"must have required property '"+"checks_relied_on"+"'"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(data.break_glass === undefined){
const err17 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "break_glass"},message:"must have required property '"+"break_glass"+"'"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(data.failure === undefined){
const err18 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "failure"},message:"must have required property '"+"failure"+"'"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(data.api_requests === undefined){
const err19 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "api_requests"},message:"must have required property '"+"api_requests"+"'"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(data.api === undefined){
const err20 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "api"},message:"must have required property '"+"api"+"'"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(data.notes === undefined){
const err21 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "notes"},message:"must have required property '"+"notes"+"'"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
for(const key0 in data){
if(!(evidence_validator_generated_func2.call(evidence_validator_generated_schema11.properties, key0))){
const err22 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.$schema !== undefined){
if("https://github.com/promotion-gate/promotion-gate/schema/evidence.schema.json" !== data.$schema){
const err23 = {instancePath:instancePath+"/$schema",schemaPath:"#/properties/%24schema/const",keyword:"const",params:{allowedValue: "https://github.com/promotion-gate/promotion-gate/schema/evidence.schema.json"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data.kind !== undefined){
if("promotion-gate/decision" !== data.kind){
const err24 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "promotion-gate/decision"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.tool !== undefined){
let data2 = data.tool;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(data2.name === undefined){
const err25 = {instancePath:instancePath+"/tool",schemaPath:"#/properties/tool/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if(data2.version === undefined){
const err26 = {instancePath:instancePath+"/tool",schemaPath:"#/properties/tool/required",keyword:"required",params:{missingProperty: "version"},message:"must have required property '"+"version"+"'"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
for(const key1 in data2){
if(!((key1 === "name") || (key1 === "version"))){
const err27 = {instancePath:instancePath+"/tool",schemaPath:"#/properties/tool/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data2.name !== undefined){
if("promotion-gate" !== data2.name){
const err28 = {instancePath:instancePath+"/tool/name",schemaPath:"#/properties/tool/properties/name/const",keyword:"const",params:{allowedValue: "promotion-gate"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data2.version !== undefined){
if(typeof data2.version !== "string"){
const err29 = {instancePath:instancePath+"/tool/version",schemaPath:"#/properties/tool/properties/version/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
else {
const err30 = {instancePath:instancePath+"/tool",schemaPath:"#/properties/tool/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data.time !== undefined){
let data5 = data.time;
if(typeof data5 === "string"){
if(!(formats0.validate(data5))){
const err31 = {instancePath:instancePath+"/time",schemaPath:"#/properties/time/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\""};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
else {
const err32 = {instancePath:instancePath+"/time",schemaPath:"#/properties/time/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data.decision !== undefined){
let data6 = data.decision;
if(!((data6 === "allow") || (data6 === "block"))){
const err33 = {instancePath:instancePath+"/decision",schemaPath:"#/properties/decision/enum",keyword:"enum",params:{allowedValues: evidence_validator_generated_schema11.properties.decision.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data.mode !== undefined){
let data7 = data.mode;
if(!(((((data7 === "enforce") || (data7 === "report")) || (data7 === "audit")) || (data7 === "check")) || (data7 === "server"))){
const err34 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/enum",keyword:"enum",params:{allowedValues: evidence_validator_generated_schema11.properties.mode.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data.repository !== undefined){
let data8 = data.repository;
if(typeof data8 === "string"){
if(!evidence_validator_generated_pattern0.test(data8)){
const err35 = {instancePath:instancePath+"/repository",schemaPath:"#/properties/repository/pattern",keyword:"pattern",params:{pattern: "^[^/]+/[^/]+$"},message:"must match pattern \""+"^[^/]+/[^/]+$"+"\""};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
else {
const err36 = {instancePath:instancePath+"/repository",schemaPath:"#/properties/repository/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data.environment !== undefined){
let data9 = data.environment;
if(typeof data9 === "string"){
if(evidence_validator_generated_func3(data9) < 1){
const err37 = {instancePath:instancePath+"/environment",schemaPath:"#/properties/environment/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
else {
const err38 = {instancePath:instancePath+"/environment",schemaPath:"#/properties/environment/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data.sha !== undefined){
let data10 = data.sha;
if(typeof data10 === "string"){
if(!evidence_validator_generated_pattern1.test(data10)){
const err39 = {instancePath:instancePath+"/sha",schemaPath:"#/properties/sha/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{40}$"},message:"must match pattern \""+"^[0-9a-f]{40}$"+"\""};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
else {
const err40 = {instancePath:instancePath+"/sha",schemaPath:"#/properties/sha/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data.deployer !== undefined){
let data11 = data.deployer;
if((typeof data11 !== "string") && (data11 !== null)){
const err41 = {instancePath:instancePath+"/deployer",schemaPath:"#/properties/deployer/type",keyword:"type",params:{type: evidence_validator_generated_schema11.properties.deployer.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data.run !== undefined){
let data12 = data.run;
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
if(data12.id === undefined){
const err42 = {instancePath:instancePath+"/run",schemaPath:"#/properties/run/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
if(data12.attempt === undefined){
const err43 = {instancePath:instancePath+"/run",schemaPath:"#/properties/run/required",keyword:"required",params:{missingProperty: "attempt"},message:"must have required property '"+"attempt"+"'"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
if(data12.url === undefined){
const err44 = {instancePath:instancePath+"/run",schemaPath:"#/properties/run/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
if(data12.actor === undefined){
const err45 = {instancePath:instancePath+"/run",schemaPath:"#/properties/run/required",keyword:"required",params:{missingProperty: "actor"},message:"must have required property '"+"actor"+"'"};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
if(data12.triggering_actor === undefined){
const err46 = {instancePath:instancePath+"/run",schemaPath:"#/properties/run/required",keyword:"required",params:{missingProperty: "triggering_actor"},message:"must have required property '"+"triggering_actor"+"'"};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
for(const key2 in data12){
if(!(((((key2 === "id") || (key2 === "attempt")) || (key2 === "url")) || (key2 === "actor")) || (key2 === "triggering_actor"))){
const err47 = {instancePath:instancePath+"/run",schemaPath:"#/properties/run/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data12.id !== undefined){
let data13 = data12.id;
if((!((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13)))) && (data13 !== null)){
const err48 = {instancePath:instancePath+"/run/id",schemaPath:"#/properties/run/properties/id/type",keyword:"type",params:{type: evidence_validator_generated_schema11.properties.run.properties.id.type},message:"must be integer,null"};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
if(data12.attempt !== undefined){
let data14 = data12.attempt;
if((!((typeof data14 == "number") && (!(data14 % 1) && !isNaN(data14)))) && (data14 !== null)){
const err49 = {instancePath:instancePath+"/run/attempt",schemaPath:"#/properties/run/properties/attempt/type",keyword:"type",params:{type: evidence_validator_generated_schema11.properties.run.properties.attempt.type},message:"must be integer,null"};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
if(data12.url !== undefined){
let data15 = data12.url;
if((typeof data15 !== "string") && (data15 !== null)){
const err50 = {instancePath:instancePath+"/run/url",schemaPath:"#/properties/run/properties/url/type",keyword:"type",params:{type: evidence_validator_generated_schema11.properties.run.properties.url.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
if(data12.actor !== undefined){
let data16 = data12.actor;
if((typeof data16 !== "string") && (data16 !== null)){
const err51 = {instancePath:instancePath+"/run/actor",schemaPath:"#/properties/run/properties/actor/type",keyword:"type",params:{type: evidence_validator_generated_schema11.properties.run.properties.actor.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
if(data12.triggering_actor !== undefined){
let data17 = data12.triggering_actor;
if((typeof data17 !== "string") && (data17 !== null)){
const err52 = {instancePath:instancePath+"/run/triggering_actor",schemaPath:"#/properties/run/properties/triggering_actor/type",keyword:"type",params:{type: evidence_validator_generated_schema11.properties.run.properties.triggering_actor.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
}
else {
const err53 = {instancePath:instancePath+"/run",schemaPath:"#/properties/run/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
if(data.policy !== undefined){
let data18 = data.policy;
if(data18 && typeof data18 == "object" && !Array.isArray(data18)){
if(data18.path === undefined){
const err54 = {instancePath:instancePath+"/policy",schemaPath:"#/properties/policy/required",keyword:"required",params:{missingProperty: "path"},message:"must have required property '"+"path"+"'"};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
if(data18.ref === undefined){
const err55 = {instancePath:instancePath+"/policy",schemaPath:"#/properties/policy/required",keyword:"required",params:{missingProperty: "ref"},message:"must have required property '"+"ref"+"'"};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
if(data18.blob_sha === undefined){
const err56 = {instancePath:instancePath+"/policy",schemaPath:"#/properties/policy/required",keyword:"required",params:{missingProperty: "blob_sha"},message:"must have required property '"+"blob_sha"+"'"};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
for(const key3 in data18){
if(!(((key3 === "path") || (key3 === "ref")) || (key3 === "blob_sha"))){
const err57 = {instancePath:instancePath+"/policy",schemaPath:"#/properties/policy/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
if(data18.path !== undefined){
if(typeof data18.path !== "string"){
const err58 = {instancePath:instancePath+"/policy/path",schemaPath:"#/properties/policy/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
if(data18.ref !== undefined){
let data20 = data18.ref;
if((typeof data20 !== "string") && (data20 !== null)){
const err59 = {instancePath:instancePath+"/policy/ref",schemaPath:"#/properties/policy/properties/ref/type",keyword:"type",params:{type: evidence_validator_generated_schema11.properties.policy.properties.ref.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
if(data18.blob_sha !== undefined){
let data21 = data18.blob_sha;
if((typeof data21 !== "string") && (data21 !== null)){
const err60 = {instancePath:instancePath+"/policy/blob_sha",schemaPath:"#/properties/policy/properties/blob_sha/type",keyword:"type",params:{type: evidence_validator_generated_schema11.properties.policy.properties.blob_sha.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
}
else {
const err61 = {instancePath:instancePath+"/policy",schemaPath:"#/properties/policy/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
if(data.scope !== undefined){
let data22 = data.scope;
const _errs45 = errors;
let valid4 = false;
const _errs46 = errors;
if(data22 !== null){
const err62 = {instancePath:instancePath+"/scope",schemaPath:"#/properties/scope/anyOf/0/type",keyword:"type",params:{type: "null"},message:"must be null"};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
var _valid0 = _errs46 === errors;
valid4 = valid4 || _valid0;
if(!valid4){
const _errs48 = errors;
if(data22 && typeof data22 == "object" && !Array.isArray(data22)){
if(data22.kind === undefined){
const err63 = {instancePath:instancePath+"/scope",schemaPath:"#/properties/scope/anyOf/1/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'"};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
if(data22.since === undefined){
const err64 = {instancePath:instancePath+"/scope",schemaPath:"#/properties/scope/anyOf/1/required",keyword:"required",params:{missingProperty: "since"},message:"must have required property '"+"since"+"'"};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
if(data22.note === undefined){
const err65 = {instancePath:instancePath+"/scope",schemaPath:"#/properties/scope/anyOf/1/required",keyword:"required",params:{missingProperty: "note"},message:"must have required property '"+"note"+"'"};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
for(const key4 in data22){
if(!(((key4 === "kind") || (key4 === "since")) || (key4 === "note"))){
const err66 = {instancePath:instancePath+"/scope",schemaPath:"#/properties/scope/anyOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
if(data22.kind !== undefined){
let data23 = data22.kind;
if(!((data23 === "range") || (data23 === "head"))){
const err67 = {instancePath:instancePath+"/scope/kind",schemaPath:"#/properties/scope/anyOf/1/properties/kind/enum",keyword:"enum",params:{allowedValues: evidence_validator_generated_schema11.properties.scope.anyOf[1].properties.kind.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
if(data22.since !== undefined){
let data24 = data22.since;
const _errs53 = errors;
let valid6 = false;
const _errs54 = errors;
if(typeof data24 === "string"){
if(!evidence_validator_generated_pattern1.test(data24)){
const err68 = {instancePath:instancePath+"/scope/since",schemaPath:"#/properties/scope/anyOf/1/properties/since/anyOf/0/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{40}$"},message:"must match pattern \""+"^[0-9a-f]{40}$"+"\""};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
else {
const err69 = {instancePath:instancePath+"/scope/since",schemaPath:"#/properties/scope/anyOf/1/properties/since/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
var _valid1 = _errs54 === errors;
valid6 = valid6 || _valid1;
if(!valid6){
const _errs56 = errors;
if(data24 !== null){
const err70 = {instancePath:instancePath+"/scope/since",schemaPath:"#/properties/scope/anyOf/1/properties/since/anyOf/1/type",keyword:"type",params:{type: "null"},message:"must be null"};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
var _valid1 = _errs56 === errors;
valid6 = valid6 || _valid1;
}
if(!valid6){
const err71 = {instancePath:instancePath+"/scope/since",schemaPath:"#/properties/scope/anyOf/1/properties/since/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
else {
errors = _errs53;
if(vErrors !== null){
if(_errs53){
vErrors.length = _errs53;
}
else {
vErrors = null;
}
}
}
}
if(data22.note !== undefined){
let data25 = data22.note;
if((typeof data25 !== "string") && (data25 !== null)){
const err72 = {instancePath:instancePath+"/scope/note",schemaPath:"#/properties/scope/anyOf/1/properties/note/type",keyword:"type",params:{type: evidence_validator_generated_schema11.properties.scope.anyOf[1].properties.note.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
}
else {
const err73 = {instancePath:instancePath+"/scope",schemaPath:"#/properties/scope/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
var _valid0 = _errs48 === errors;
valid4 = valid4 || _valid0;
}
if(!valid4){
const err74 = {instancePath:instancePath+"/scope",schemaPath:"#/properties/scope/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
else {
errors = _errs45;
if(vErrors !== null){
if(_errs45){
vErrors.length = _errs45;
}
else {
vErrors = null;
}
}
}
}
if(data.checks !== undefined){
let data26 = data.checks;
if(Array.isArray(data26)){
if(data26.length < 1){
const err75 = {instancePath:instancePath+"/checks",schemaPath:"#/properties/checks/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
const len0 = data26.length;
for(let i0=0; i0<len0; i0++){
let data27 = data26[i0];
if(data27 && typeof data27 == "object" && !Array.isArray(data27)){
if(data27.id === undefined){
const err76 = {instancePath:instancePath+"/checks/" + i0,schemaPath:"#/properties/checks/items/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'"};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
if(data27.status === undefined){
const err77 = {instancePath:instancePath+"/checks/" + i0,schemaPath:"#/properties/checks/items/required",keyword:"required",params:{missingProperty: "status"},message:"must have required property '"+"status"+"'"};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
if(data27.message === undefined){
const err78 = {instancePath:instancePath+"/checks/" + i0,schemaPath:"#/properties/checks/items/required",keyword:"required",params:{missingProperty: "message"},message:"must have required property '"+"message"+"'"};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
if(data27.problems === undefined){
const err79 = {instancePath:instancePath+"/checks/" + i0,schemaPath:"#/properties/checks/items/required",keyword:"required",params:{missingProperty: "problems"},message:"must have required property '"+"problems"+"'"};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
if(data27.controls === undefined){
const err80 = {instancePath:instancePath+"/checks/" + i0,schemaPath:"#/properties/checks/items/required",keyword:"required",params:{missingProperty: "controls"},message:"must have required property '"+"controls"+"'"};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
if(data27.links === undefined){
const err81 = {instancePath:instancePath+"/checks/" + i0,schemaPath:"#/properties/checks/items/required",keyword:"required",params:{missingProperty: "links"},message:"must have required property '"+"links"+"'"};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
for(const key5 in data27){
if(!((((((key5 === "id") || (key5 === "status")) || (key5 === "message")) || (key5 === "problems")) || (key5 === "controls")) || (key5 === "links"))){
const err82 = {instancePath:instancePath+"/checks/" + i0,schemaPath:"#/properties/checks/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
}
if(data27.id !== undefined){
let data28 = data27.id;
if(!(((((((((data28 === "policy") || (data28 === "promotion")) || (data28 === "source-branch")) || (data28 === "branch-protection")) || (data28 === "approval-record")) || (data28 === "maker-checker")) || (data28 === "segregation")) || (data28 === "environment")) || (data28 === "checks"))){
const err83 = {instancePath:instancePath+"/checks/" + i0+"/id",schemaPath:"#/properties/checks/items/properties/id/enum",keyword:"enum",params:{allowedValues: evidence_validator_generated_schema11.properties.checks.items.properties.id.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
}
if(data27.status !== undefined){
let data29 = data27.status;
if(!((((data29 === "pass") || (data29 === "fail")) || (data29 === "error")) || (data29 === "skipped"))){
const err84 = {instancePath:instancePath+"/checks/" + i0+"/status",schemaPath:"#/properties/checks/items/properties/status/enum",keyword:"enum",params:{allowedValues: evidence_validator_generated_schema11.properties.checks.items.properties.status.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
if(data27.message !== undefined){
if(typeof data27.message !== "string"){
const err85 = {instancePath:instancePath+"/checks/" + i0+"/message",schemaPath:"#/properties/checks/items/properties/message/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
}
if(data27.problems !== undefined){
let data31 = data27.problems;
if(Array.isArray(data31)){
const len1 = data31.length;
for(let i1=0; i1<len1; i1++){
if(typeof data31[i1] !== "string"){
const err86 = {instancePath:instancePath+"/checks/" + i0+"/problems/" + i1,schemaPath:"#/properties/checks/items/properties/problems/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
}
}
else {
const err87 = {instancePath:instancePath+"/checks/" + i0+"/problems",schemaPath:"#/properties/checks/items/properties/problems/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
}
if(data27.controls !== undefined){
let data33 = data27.controls;
if(Array.isArray(data33)){
const len2 = data33.length;
for(let i2=0; i2<len2; i2++){
if(typeof data33[i2] !== "string"){
const err88 = {instancePath:instancePath+"/checks/" + i0+"/controls/" + i2,schemaPath:"#/properties/checks/items/properties/controls/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
}
}
else {
const err89 = {instancePath:instancePath+"/checks/" + i0+"/controls",schemaPath:"#/properties/checks/items/properties/controls/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
}
if(data27.links !== undefined){
let data35 = data27.links;
if(Array.isArray(data35)){
const len3 = data35.length;
for(let i3=0; i3<len3; i3++){
let data36 = data35[i3];
if(data36 && typeof data36 == "object" && !Array.isArray(data36)){
if(data36.kind === undefined){
const err90 = {instancePath:instancePath+"/checks/" + i0+"/links/" + i3,schemaPath:"#/properties/checks/items/properties/links/items/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'"};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
if(data36.url === undefined){
const err91 = {instancePath:instancePath+"/checks/" + i0+"/links/" + i3,schemaPath:"#/properties/checks/items/properties/links/items/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'"};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
if(data36.label === undefined){
const err92 = {instancePath:instancePath+"/checks/" + i0+"/links/" + i3,schemaPath:"#/properties/checks/items/properties/links/items/required",keyword:"required",params:{missingProperty: "label"},message:"must have required property '"+"label"+"'"};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
for(const key6 in data36){
if(!(((key6 === "kind") || (key6 === "url")) || (key6 === "label"))){
const err93 = {instancePath:instancePath+"/checks/" + i0+"/links/" + i3,schemaPath:"#/properties/checks/items/properties/links/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
}
if(data36.kind !== undefined){
let data37 = data36.kind;
if(!((((((data37 === "pull_request") || (data37 === "review")) || (data37 === "deployment")) || (data37 === "commit")) || (data37 === "settings")) || (data37 === "check"))){
const err94 = {instancePath:instancePath+"/checks/" + i0+"/links/" + i3+"/kind",schemaPath:"#/properties/checks/items/properties/links/items/properties/kind/enum",keyword:"enum",params:{allowedValues: evidence_validator_generated_schema11.properties.checks.items.properties.links.items.properties.kind.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
}
if(data36.url !== undefined){
if(typeof data36.url !== "string"){
const err95 = {instancePath:instancePath+"/checks/" + i0+"/links/" + i3+"/url",schemaPath:"#/properties/checks/items/properties/links/items/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
}
if(data36.label !== undefined){
if(typeof data36.label !== "string"){
const err96 = {instancePath:instancePath+"/checks/" + i0+"/links/" + i3+"/label",schemaPath:"#/properties/checks/items/properties/links/items/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
}
}
else {
const err97 = {instancePath:instancePath+"/checks/" + i0+"/links/" + i3,schemaPath:"#/properties/checks/items/properties/links/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
}
}
else {
const err98 = {instancePath:instancePath+"/checks/" + i0+"/links",schemaPath:"#/properties/checks/items/properties/links/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
}
}
else {
const err99 = {instancePath:instancePath+"/checks/" + i0,schemaPath:"#/properties/checks/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
}
}
else {
const err100 = {instancePath:instancePath+"/checks",schemaPath:"#/properties/checks/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
}
if(data.changes !== undefined){
let data40 = data.changes;
if(Array.isArray(data40)){
const len4 = data40.length;
for(let i4=0; i4<len4; i4++){
let data41 = data40[i4];
if(data41 && typeof data41 == "object" && !Array.isArray(data41)){
if(data41.sha === undefined){
const err101 = {instancePath:instancePath+"/changes/" + i4,schemaPath:"#/properties/changes/items/required",keyword:"required",params:{missingProperty: "sha"},message:"must have required property '"+"sha"+"'"};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
if(data41.url === undefined){
const err102 = {instancePath:instancePath+"/changes/" + i4,schemaPath:"#/properties/changes/items/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'"};
if(vErrors === null){
vErrors = [err102];
}
else {
vErrors.push(err102);
}
errors++;
}
if(data41.pull_request === undefined){
const err103 = {instancePath:instancePath+"/changes/" + i4,schemaPath:"#/properties/changes/items/required",keyword:"required",params:{missingProperty: "pull_request"},message:"must have required property '"+"pull_request"+"'"};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
}
if(data41.makers === undefined){
const err104 = {instancePath:instancePath+"/changes/" + i4,schemaPath:"#/properties/changes/items/required",keyword:"required",params:{missingProperty: "makers"},message:"must have required property '"+"makers"+"'"};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
if(data41.unresolved_identities === undefined){
const err105 = {instancePath:instancePath+"/changes/" + i4,schemaPath:"#/properties/changes/items/required",keyword:"required",params:{missingProperty: "unresolved_identities"},message:"must have required property '"+"unresolved_identities"+"'"};
if(vErrors === null){
vErrors = [err105];
}
else {
vErrors.push(err105);
}
errors++;
}
if(data41.approvers === undefined){
const err106 = {instancePath:instancePath+"/changes/" + i4,schemaPath:"#/properties/changes/items/required",keyword:"required",params:{missingProperty: "approvers"},message:"must have required property '"+"approvers"+"'"};
if(vErrors === null){
vErrors = [err106];
}
else {
vErrors.push(err106);
}
errors++;
}
if(data41.excluded_approvals === undefined){
const err107 = {instancePath:instancePath+"/changes/" + i4,schemaPath:"#/properties/changes/items/required",keyword:"required",params:{missingProperty: "excluded_approvals"},message:"must have required property '"+"excluded_approvals"+"'"};
if(vErrors === null){
vErrors = [err107];
}
else {
vErrors.push(err107);
}
errors++;
}
for(const key7 in data41){
if(!(((((((key7 === "sha") || (key7 === "url")) || (key7 === "pull_request")) || (key7 === "makers")) || (key7 === "unresolved_identities")) || (key7 === "approvers")) || (key7 === "excluded_approvals"))){
const err108 = {instancePath:instancePath+"/changes/" + i4,schemaPath:"#/properties/changes/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err108];
}
else {
vErrors.push(err108);
}
errors++;
}
}
if(data41.sha !== undefined){
let data42 = data41.sha;
if(typeof data42 === "string"){
if(!evidence_validator_generated_pattern1.test(data42)){
const err109 = {instancePath:instancePath+"/changes/" + i4+"/sha",schemaPath:"#/properties/changes/items/properties/sha/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{40}$"},message:"must match pattern \""+"^[0-9a-f]{40}$"+"\""};
if(vErrors === null){
vErrors = [err109];
}
else {
vErrors.push(err109);
}
errors++;
}
}
else {
const err110 = {instancePath:instancePath+"/changes/" + i4+"/sha",schemaPath:"#/properties/changes/items/properties/sha/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err110];
}
else {
vErrors.push(err110);
}
errors++;
}
}
if(data41.url !== undefined){
if(typeof data41.url !== "string"){
const err111 = {instancePath:instancePath+"/changes/" + i4+"/url",schemaPath:"#/properties/changes/items/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err111];
}
else {
vErrors.push(err111);
}
errors++;
}
}
if(data41.pull_request !== undefined){
let data44 = data41.pull_request;
const _errs97 = errors;
let valid20 = false;
const _errs98 = errors;
if(data44 !== null){
const err112 = {instancePath:instancePath+"/changes/" + i4+"/pull_request",schemaPath:"#/properties/changes/items/properties/pull_request/anyOf/0/type",keyword:"type",params:{type: "null"},message:"must be null"};
if(vErrors === null){
vErrors = [err112];
}
else {
vErrors.push(err112);
}
errors++;
}
var _valid2 = _errs98 === errors;
valid20 = valid20 || _valid2;
if(!valid20){
const _errs100 = errors;
if(data44 && typeof data44 == "object" && !Array.isArray(data44)){
if(data44.number === undefined){
const err113 = {instancePath:instancePath+"/changes/" + i4+"/pull_request",schemaPath:"#/properties/changes/items/properties/pull_request/anyOf/1/required",keyword:"required",params:{missingProperty: "number"},message:"must have required property '"+"number"+"'"};
if(vErrors === null){
vErrors = [err113];
}
else {
vErrors.push(err113);
}
errors++;
}
if(data44.url === undefined){
const err114 = {instancePath:instancePath+"/changes/" + i4+"/pull_request",schemaPath:"#/properties/changes/items/properties/pull_request/anyOf/1/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'"};
if(vErrors === null){
vErrors = [err114];
}
else {
vErrors.push(err114);
}
errors++;
}
if(data44.head_sha === undefined){
const err115 = {instancePath:instancePath+"/changes/" + i4+"/pull_request",schemaPath:"#/properties/changes/items/properties/pull_request/anyOf/1/required",keyword:"required",params:{missingProperty: "head_sha"},message:"must have required property '"+"head_sha"+"'"};
if(vErrors === null){
vErrors = [err115];
}
else {
vErrors.push(err115);
}
errors++;
}
if(data44.merged_at === undefined){
const err116 = {instancePath:instancePath+"/changes/" + i4+"/pull_request",schemaPath:"#/properties/changes/items/properties/pull_request/anyOf/1/required",keyword:"required",params:{missingProperty: "merged_at"},message:"must have required property '"+"merged_at"+"'"};
if(vErrors === null){
vErrors = [err116];
}
else {
vErrors.push(err116);
}
errors++;
}
for(const key8 in data44){
if(!((((key8 === "number") || (key8 === "url")) || (key8 === "head_sha")) || (key8 === "merged_at"))){
const err117 = {instancePath:instancePath+"/changes/" + i4+"/pull_request",schemaPath:"#/properties/changes/items/properties/pull_request/anyOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err117];
}
else {
vErrors.push(err117);
}
errors++;
}
}
if(data44.number !== undefined){
let data45 = data44.number;
if(!((typeof data45 == "number") && (!(data45 % 1) && !isNaN(data45)))){
const err118 = {instancePath:instancePath+"/changes/" + i4+"/pull_request/number",schemaPath:"#/properties/changes/items/properties/pull_request/anyOf/1/properties/number/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err118];
}
else {
vErrors.push(err118);
}
errors++;
}
}
if(data44.url !== undefined){
if(typeof data44.url !== "string"){
const err119 = {instancePath:instancePath+"/changes/" + i4+"/pull_request/url",schemaPath:"#/properties/changes/items/properties/pull_request/anyOf/1/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err119];
}
else {
vErrors.push(err119);
}
errors++;
}
}
if(data44.head_sha !== undefined){
let data47 = data44.head_sha;
if(typeof data47 === "string"){
if(!evidence_validator_generated_pattern1.test(data47)){
const err120 = {instancePath:instancePath+"/changes/" + i4+"/pull_request/head_sha",schemaPath:"#/properties/changes/items/properties/pull_request/anyOf/1/properties/head_sha/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{40}$"},message:"must match pattern \""+"^[0-9a-f]{40}$"+"\""};
if(vErrors === null){
vErrors = [err120];
}
else {
vErrors.push(err120);
}
errors++;
}
}
else {
const err121 = {instancePath:instancePath+"/changes/" + i4+"/pull_request/head_sha",schemaPath:"#/properties/changes/items/properties/pull_request/anyOf/1/properties/head_sha/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err121];
}
else {
vErrors.push(err121);
}
errors++;
}
}
if(data44.merged_at !== undefined){
let data48 = data44.merged_at;
if((typeof data48 !== "string") && (data48 !== null)){
const err122 = {instancePath:instancePath+"/changes/" + i4+"/pull_request/merged_at",schemaPath:"#/properties/changes/items/properties/pull_request/anyOf/1/properties/merged_at/type",keyword:"type",params:{type: evidence_validator_generated_schema11.properties.changes.items.properties.pull_request.anyOf[1].properties.merged_at.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err122];
}
else {
vErrors.push(err122);
}
errors++;
}
}
}
else {
const err123 = {instancePath:instancePath+"/changes/" + i4+"/pull_request",schemaPath:"#/properties/changes/items/properties/pull_request/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err123];
}
else {
vErrors.push(err123);
}
errors++;
}
var _valid2 = _errs100 === errors;
valid20 = valid20 || _valid2;
}
if(!valid20){
const err124 = {instancePath:instancePath+"/changes/" + i4+"/pull_request",schemaPath:"#/properties/changes/items/properties/pull_request/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err124];
}
else {
vErrors.push(err124);
}
errors++;
}
else {
errors = _errs97;
if(vErrors !== null){
if(_errs97){
vErrors.length = _errs97;
}
else {
vErrors = null;
}
}
}
}
if(data41.makers !== undefined){
let data49 = data41.makers;
if(Array.isArray(data49)){
const len5 = data49.length;
for(let i5=0; i5<len5; i5++){
let data50 = data49[i5];
if(data50 && typeof data50 == "object" && !Array.isArray(data50)){
if(data50.login === undefined){
const err125 = {instancePath:instancePath+"/changes/" + i4+"/makers/" + i5,schemaPath:"#/properties/changes/items/properties/makers/items/required",keyword:"required",params:{missingProperty: "login"},message:"must have required property '"+"login"+"'"};
if(vErrors === null){
vErrors = [err125];
}
else {
vErrors.push(err125);
}
errors++;
}
if(data50.roles === undefined){
const err126 = {instancePath:instancePath+"/changes/" + i4+"/makers/" + i5,schemaPath:"#/properties/changes/items/properties/makers/items/required",keyword:"required",params:{missingProperty: "roles"},message:"must have required property '"+"roles"+"'"};
if(vErrors === null){
vErrors = [err126];
}
else {
vErrors.push(err126);
}
errors++;
}
for(const key9 in data50){
if(!((key9 === "login") || (key9 === "roles"))){
const err127 = {instancePath:instancePath+"/changes/" + i4+"/makers/" + i5,schemaPath:"#/properties/changes/items/properties/makers/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key9},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err127];
}
else {
vErrors.push(err127);
}
errors++;
}
}
if(data50.login !== undefined){
if(typeof data50.login !== "string"){
const err128 = {instancePath:instancePath+"/changes/" + i4+"/makers/" + i5+"/login",schemaPath:"#/properties/changes/items/properties/makers/items/properties/login/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err128];
}
else {
vErrors.push(err128);
}
errors++;
}
}
if(data50.roles !== undefined){
let data52 = data50.roles;
if(Array.isArray(data52)){
const len6 = data52.length;
for(let i6=0; i6<len6; i6++){
if(typeof data52[i6] !== "string"){
const err129 = {instancePath:instancePath+"/changes/" + i4+"/makers/" + i5+"/roles/" + i6,schemaPath:"#/properties/changes/items/properties/makers/items/properties/roles/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err129];
}
else {
vErrors.push(err129);
}
errors++;
}
}
}
else {
const err130 = {instancePath:instancePath+"/changes/" + i4+"/makers/" + i5+"/roles",schemaPath:"#/properties/changes/items/properties/makers/items/properties/roles/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err130];
}
else {
vErrors.push(err130);
}
errors++;
}
}
}
else {
const err131 = {instancePath:instancePath+"/changes/" + i4+"/makers/" + i5,schemaPath:"#/properties/changes/items/properties/makers/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err131];
}
else {
vErrors.push(err131);
}
errors++;
}
}
}
else {
const err132 = {instancePath:instancePath+"/changes/" + i4+"/makers",schemaPath:"#/properties/changes/items/properties/makers/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err132];
}
else {
vErrors.push(err132);
}
errors++;
}
}
if(data41.unresolved_identities !== undefined){
let data54 = data41.unresolved_identities;
if(Array.isArray(data54)){
const len7 = data54.length;
for(let i7=0; i7<len7; i7++){
let data55 = data54[i7];
if(data55 && typeof data55 == "object" && !Array.isArray(data55)){
if(data55.name === undefined){
const err133 = {instancePath:instancePath+"/changes/" + i4+"/unresolved_identities/" + i7,schemaPath:"#/properties/changes/items/properties/unresolved_identities/items/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err133];
}
else {
vErrors.push(err133);
}
errors++;
}
if(data55.email === undefined){
const err134 = {instancePath:instancePath+"/changes/" + i4+"/unresolved_identities/" + i7,schemaPath:"#/properties/changes/items/properties/unresolved_identities/items/required",keyword:"required",params:{missingProperty: "email"},message:"must have required property '"+"email"+"'"};
if(vErrors === null){
vErrors = [err134];
}
else {
vErrors.push(err134);
}
errors++;
}
if(data55.role === undefined){
const err135 = {instancePath:instancePath+"/changes/" + i4+"/unresolved_identities/" + i7,schemaPath:"#/properties/changes/items/properties/unresolved_identities/items/required",keyword:"required",params:{missingProperty: "role"},message:"must have required property '"+"role"+"'"};
if(vErrors === null){
vErrors = [err135];
}
else {
vErrors.push(err135);
}
errors++;
}
for(const key10 in data55){
if(!(((key10 === "name") || (key10 === "email")) || (key10 === "role"))){
const err136 = {instancePath:instancePath+"/changes/" + i4+"/unresolved_identities/" + i7,schemaPath:"#/properties/changes/items/properties/unresolved_identities/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key10},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err136];
}
else {
vErrors.push(err136);
}
errors++;
}
}
if(data55.name !== undefined){
let data56 = data55.name;
if((typeof data56 !== "string") && (data56 !== null)){
const err137 = {instancePath:instancePath+"/changes/" + i4+"/unresolved_identities/" + i7+"/name",schemaPath:"#/properties/changes/items/properties/unresolved_identities/items/properties/name/type",keyword:"type",params:{type: evidence_validator_generated_schema11.properties.changes.items.properties.unresolved_identities.items.properties.name.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err137];
}
else {
vErrors.push(err137);
}
errors++;
}
}
if(data55.email !== undefined){
let data57 = data55.email;
if((typeof data57 !== "string") && (data57 !== null)){
const err138 = {instancePath:instancePath+"/changes/" + i4+"/unresolved_identities/" + i7+"/email",schemaPath:"#/properties/changes/items/properties/unresolved_identities/items/properties/email/type",keyword:"type",params:{type: evidence_validator_generated_schema11.properties.changes.items.properties.unresolved_identities.items.properties.email.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err138];
}
else {
vErrors.push(err138);
}
errors++;
}
}
if(data55.role !== undefined){
if(typeof data55.role !== "string"){
const err139 = {instancePath:instancePath+"/changes/" + i4+"/unresolved_identities/" + i7+"/role",schemaPath:"#/properties/changes/items/properties/unresolved_identities/items/properties/role/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err139];
}
else {
vErrors.push(err139);
}
errors++;
}
}
}
else {
const err140 = {instancePath:instancePath+"/changes/" + i4+"/unresolved_identities/" + i7,schemaPath:"#/properties/changes/items/properties/unresolved_identities/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err140];
}
else {
vErrors.push(err140);
}
errors++;
}
}
}
else {
const err141 = {instancePath:instancePath+"/changes/" + i4+"/unresolved_identities",schemaPath:"#/properties/changes/items/properties/unresolved_identities/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err141];
}
else {
vErrors.push(err141);
}
errors++;
}
}
if(data41.approvers !== undefined){
let data59 = data41.approvers;
if(Array.isArray(data59)){
const len8 = data59.length;
for(let i8=0; i8<len8; i8++){
let data60 = data59[i8];
if(data60 && typeof data60 == "object" && !Array.isArray(data60)){
if(data60.login === undefined){
const err142 = {instancePath:instancePath+"/changes/" + i4+"/approvers/" + i8,schemaPath:"#/properties/changes/items/properties/approvers/items/required",keyword:"required",params:{missingProperty: "login"},message:"must have required property '"+"login"+"'"};
if(vErrors === null){
vErrors = [err142];
}
else {
vErrors.push(err142);
}
errors++;
}
if(data60.review_url === undefined){
const err143 = {instancePath:instancePath+"/changes/" + i4+"/approvers/" + i8,schemaPath:"#/properties/changes/items/properties/approvers/items/required",keyword:"required",params:{missingProperty: "review_url"},message:"must have required property '"+"review_url"+"'"};
if(vErrors === null){
vErrors = [err143];
}
else {
vErrors.push(err143);
}
errors++;
}
if(data60.submitted_at === undefined){
const err144 = {instancePath:instancePath+"/changes/" + i4+"/approvers/" + i8,schemaPath:"#/properties/changes/items/properties/approvers/items/required",keyword:"required",params:{missingProperty: "submitted_at"},message:"must have required property '"+"submitted_at"+"'"};
if(vErrors === null){
vErrors = [err144];
}
else {
vErrors.push(err144);
}
errors++;
}
if(data60.commit === undefined){
const err145 = {instancePath:instancePath+"/changes/" + i4+"/approvers/" + i8,schemaPath:"#/properties/changes/items/properties/approvers/items/required",keyword:"required",params:{missingProperty: "commit"},message:"must have required property '"+"commit"+"'"};
if(vErrors === null){
vErrors = [err145];
}
else {
vErrors.push(err145);
}
errors++;
}
for(const key11 in data60){
if(!((((key11 === "login") || (key11 === "review_url")) || (key11 === "submitted_at")) || (key11 === "commit"))){
const err146 = {instancePath:instancePath+"/changes/" + i4+"/approvers/" + i8,schemaPath:"#/properties/changes/items/properties/approvers/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key11},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err146];
}
else {
vErrors.push(err146);
}
errors++;
}
}
if(data60.login !== undefined){
if(typeof data60.login !== "string"){
const err147 = {instancePath:instancePath+"/changes/" + i4+"/approvers/" + i8+"/login",schemaPath:"#/properties/changes/items/properties/approvers/items/properties/login/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err147];
}
else {
vErrors.push(err147);
}
errors++;
}
}
if(data60.review_url !== undefined){
if(typeof data60.review_url !== "string"){
const err148 = {instancePath:instancePath+"/changes/" + i4+"/approvers/" + i8+"/review_url",schemaPath:"#/properties/changes/items/properties/approvers/items/properties/review_url/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err148];
}
else {
vErrors.push(err148);
}
errors++;
}
}
if(data60.submitted_at !== undefined){
let data63 = data60.submitted_at;
if((typeof data63 !== "string") && (data63 !== null)){
const err149 = {instancePath:instancePath+"/changes/" + i4+"/approvers/" + i8+"/submitted_at",schemaPath:"#/properties/changes/items/properties/approvers/items/properties/submitted_at/type",keyword:"type",params:{type: evidence_validator_generated_schema11.properties.changes.items.properties.approvers.items.properties.submitted_at.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err149];
}
else {
vErrors.push(err149);
}
errors++;
}
}
if(data60.commit !== undefined){
let data64 = data60.commit;
if((typeof data64 !== "string") && (data64 !== null)){
const err150 = {instancePath:instancePath+"/changes/" + i4+"/approvers/" + i8+"/commit",schemaPath:"#/properties/changes/items/properties/approvers/items/properties/commit/type",keyword:"type",params:{type: evidence_validator_generated_schema11.properties.changes.items.properties.approvers.items.properties.commit.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err150];
}
else {
vErrors.push(err150);
}
errors++;
}
}
}
else {
const err151 = {instancePath:instancePath+"/changes/" + i4+"/approvers/" + i8,schemaPath:"#/properties/changes/items/properties/approvers/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err151];
}
else {
vErrors.push(err151);
}
errors++;
}
}
}
else {
const err152 = {instancePath:instancePath+"/changes/" + i4+"/approvers",schemaPath:"#/properties/changes/items/properties/approvers/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err152];
}
else {
vErrors.push(err152);
}
errors++;
}
}
if(data41.excluded_approvals !== undefined){
let data65 = data41.excluded_approvals;
if(Array.isArray(data65)){
const len9 = data65.length;
for(let i9=0; i9<len9; i9++){
let data66 = data65[i9];
if(data66 && typeof data66 == "object" && !Array.isArray(data66)){
if(data66.login === undefined){
const err153 = {instancePath:instancePath+"/changes/" + i4+"/excluded_approvals/" + i9,schemaPath:"#/properties/changes/items/properties/excluded_approvals/items/required",keyword:"required",params:{missingProperty: "login"},message:"must have required property '"+"login"+"'"};
if(vErrors === null){
vErrors = [err153];
}
else {
vErrors.push(err153);
}
errors++;
}
if(data66.review_url === undefined){
const err154 = {instancePath:instancePath+"/changes/" + i4+"/excluded_approvals/" + i9,schemaPath:"#/properties/changes/items/properties/excluded_approvals/items/required",keyword:"required",params:{missingProperty: "review_url"},message:"must have required property '"+"review_url"+"'"};
if(vErrors === null){
vErrors = [err154];
}
else {
vErrors.push(err154);
}
errors++;
}
if(data66.reason === undefined){
const err155 = {instancePath:instancePath+"/changes/" + i4+"/excluded_approvals/" + i9,schemaPath:"#/properties/changes/items/properties/excluded_approvals/items/required",keyword:"required",params:{missingProperty: "reason"},message:"must have required property '"+"reason"+"'"};
if(vErrors === null){
vErrors = [err155];
}
else {
vErrors.push(err155);
}
errors++;
}
for(const key12 in data66){
if(!(((key12 === "login") || (key12 === "review_url")) || (key12 === "reason"))){
const err156 = {instancePath:instancePath+"/changes/" + i4+"/excluded_approvals/" + i9,schemaPath:"#/properties/changes/items/properties/excluded_approvals/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key12},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err156];
}
else {
vErrors.push(err156);
}
errors++;
}
}
if(data66.login !== undefined){
let data67 = data66.login;
if((typeof data67 !== "string") && (data67 !== null)){
const err157 = {instancePath:instancePath+"/changes/" + i4+"/excluded_approvals/" + i9+"/login",schemaPath:"#/properties/changes/items/properties/excluded_approvals/items/properties/login/type",keyword:"type",params:{type: evidence_validator_generated_schema11.properties.changes.items.properties.excluded_approvals.items.properties.login.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err157];
}
else {
vErrors.push(err157);
}
errors++;
}
}
if(data66.review_url !== undefined){
if(typeof data66.review_url !== "string"){
const err158 = {instancePath:instancePath+"/changes/" + i4+"/excluded_approvals/" + i9+"/review_url",schemaPath:"#/properties/changes/items/properties/excluded_approvals/items/properties/review_url/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err158];
}
else {
vErrors.push(err158);
}
errors++;
}
}
if(data66.reason !== undefined){
if(typeof data66.reason !== "string"){
const err159 = {instancePath:instancePath+"/changes/" + i4+"/excluded_approvals/" + i9+"/reason",schemaPath:"#/properties/changes/items/properties/excluded_approvals/items/properties/reason/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err159];
}
else {
vErrors.push(err159);
}
errors++;
}
}
}
else {
const err160 = {instancePath:instancePath+"/changes/" + i4+"/excluded_approvals/" + i9,schemaPath:"#/properties/changes/items/properties/excluded_approvals/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err160];
}
else {
vErrors.push(err160);
}
errors++;
}
}
}
else {
const err161 = {instancePath:instancePath+"/changes/" + i4+"/excluded_approvals",schemaPath:"#/properties/changes/items/properties/excluded_approvals/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err161];
}
else {
vErrors.push(err161);
}
errors++;
}
}
}
else {
const err162 = {instancePath:instancePath+"/changes/" + i4,schemaPath:"#/properties/changes/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err162];
}
else {
vErrors.push(err162);
}
errors++;
}
}
}
else {
const err163 = {instancePath:instancePath+"/changes",schemaPath:"#/properties/changes/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err163];
}
else {
vErrors.push(err163);
}
errors++;
}
}
if(data.environment_settings !== undefined){
let data70 = data.environment_settings;
const _errs158 = errors;
let valid36 = false;
const _errs159 = errors;
if(data70 !== null){
const err164 = {instancePath:instancePath+"/environment_settings",schemaPath:"#/properties/environment_settings/anyOf/0/type",keyword:"type",params:{type: "null"},message:"must be null"};
if(vErrors === null){
vErrors = [err164];
}
else {
vErrors.push(err164);
}
errors++;
}
var _valid3 = _errs159 === errors;
valid36 = valid36 || _valid3;
if(!valid36){
const _errs161 = errors;
if(data70 && typeof data70 == "object" && !Array.isArray(data70)){
if(data70.name === undefined){
const err165 = {instancePath:instancePath+"/environment_settings",schemaPath:"#/properties/environment_settings/anyOf/1/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err165];
}
else {
vErrors.push(err165);
}
errors++;
}
if(data70.exists === undefined){
const err166 = {instancePath:instancePath+"/environment_settings",schemaPath:"#/properties/environment_settings/anyOf/1/required",keyword:"required",params:{missingProperty: "exists"},message:"must have required property '"+"exists"+"'"};
if(vErrors === null){
vErrors = [err166];
}
else {
vErrors.push(err166);
}
errors++;
}
if(data70.url === undefined){
const err167 = {instancePath:instancePath+"/environment_settings",schemaPath:"#/properties/environment_settings/anyOf/1/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'"};
if(vErrors === null){
vErrors = [err167];
}
else {
vErrors.push(err167);
}
errors++;
}
if(data70.deployment_branch_policy === undefined){
const err168 = {instancePath:instancePath+"/environment_settings",schemaPath:"#/properties/environment_settings/anyOf/1/required",keyword:"required",params:{missingProperty: "deployment_branch_policy"},message:"must have required property '"+"deployment_branch_policy"+"'"};
if(vErrors === null){
vErrors = [err168];
}
else {
vErrors.push(err168);
}
errors++;
}
if(data70.branch_policies === undefined){
const err169 = {instancePath:instancePath+"/environment_settings",schemaPath:"#/properties/environment_settings/anyOf/1/required",keyword:"required",params:{missingProperty: "branch_policies"},message:"must have required property '"+"branch_policies"+"'"};
if(vErrors === null){
vErrors = [err169];
}
else {
vErrors.push(err169);
}
errors++;
}
if(data70.reviewers === undefined){
const err170 = {instancePath:instancePath+"/environment_settings",schemaPath:"#/properties/environment_settings/anyOf/1/required",keyword:"required",params:{missingProperty: "reviewers"},message:"must have required property '"+"reviewers"+"'"};
if(vErrors === null){
vErrors = [err170];
}
else {
vErrors.push(err170);
}
errors++;
}
if(data70.prevent_self_review === undefined){
const err171 = {instancePath:instancePath+"/environment_settings",schemaPath:"#/properties/environment_settings/anyOf/1/required",keyword:"required",params:{missingProperty: "prevent_self_review"},message:"must have required property '"+"prevent_self_review"+"'"};
if(vErrors === null){
vErrors = [err171];
}
else {
vErrors.push(err171);
}
errors++;
}
if(data70.can_admins_bypass === undefined){
const err172 = {instancePath:instancePath+"/environment_settings",schemaPath:"#/properties/environment_settings/anyOf/1/required",keyword:"required",params:{missingProperty: "can_admins_bypass"},message:"must have required property '"+"can_admins_bypass"+"'"};
if(vErrors === null){
vErrors = [err172];
}
else {
vErrors.push(err172);
}
errors++;
}
if(data70.wait_timer === undefined){
const err173 = {instancePath:instancePath+"/environment_settings",schemaPath:"#/properties/environment_settings/anyOf/1/required",keyword:"required",params:{missingProperty: "wait_timer"},message:"must have required property '"+"wait_timer"+"'"};
if(vErrors === null){
vErrors = [err173];
}
else {
vErrors.push(err173);
}
errors++;
}
if(data70.unreadable === undefined){
const err174 = {instancePath:instancePath+"/environment_settings",schemaPath:"#/properties/environment_settings/anyOf/1/required",keyword:"required",params:{missingProperty: "unreadable"},message:"must have required property '"+"unreadable"+"'"};
if(vErrors === null){
vErrors = [err174];
}
else {
vErrors.push(err174);
}
errors++;
}
for(const key13 in data70){
if(!(evidence_validator_generated_func2.call(evidence_validator_generated_schema11.properties.environment_settings.anyOf[1].properties, key13))){
const err175 = {instancePath:instancePath+"/environment_settings",schemaPath:"#/properties/environment_settings/anyOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key13},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err175];
}
else {
vErrors.push(err175);
}
errors++;
}
}
if(data70.name !== undefined){
if(typeof data70.name !== "string"){
const err176 = {instancePath:instancePath+"/environment_settings/name",schemaPath:"#/properties/environment_settings/anyOf/1/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err176];
}
else {
vErrors.push(err176);
}
errors++;
}
}
if(data70.exists !== undefined){
let data72 = data70.exists;
if((typeof data72 !== "boolean") && (data72 !== null)){
const err177 = {instancePath:instancePath+"/environment_settings/exists",schemaPath:"#/properties/environment_settings/anyOf/1/properties/exists/type",keyword:"type",params:{type: evidence_validator_generated_schema11.properties.environment_settings.anyOf[1].properties.exists.type},message:"must be boolean,null"};
if(vErrors === null){
vErrors = [err177];
}
else {
vErrors.push(err177);
}
errors++;
}
}
if(data70.url !== undefined){
let data73 = data70.url;
if((typeof data73 !== "string") && (data73 !== null)){
const err178 = {instancePath:instancePath+"/environment_settings/url",schemaPath:"#/properties/environment_settings/anyOf/1/properties/url/type",keyword:"type",params:{type: evidence_validator_generated_schema11.properties.environment_settings.anyOf[1].properties.url.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err178];
}
else {
vErrors.push(err178);
}
errors++;
}
}
if(data70.deployment_branch_policy !== undefined){
let data74 = data70.deployment_branch_policy;
const _errs171 = errors;
let valid38 = false;
const _errs172 = errors;
if(data74 !== null){
const err179 = {instancePath:instancePath+"/environment_settings/deployment_branch_policy",schemaPath:"#/properties/environment_settings/anyOf/1/properties/deployment_branch_policy/anyOf/0/type",keyword:"type",params:{type: "null"},message:"must be null"};
if(vErrors === null){
vErrors = [err179];
}
else {
vErrors.push(err179);
}
errors++;
}
var _valid4 = _errs172 === errors;
valid38 = valid38 || _valid4;
if(!valid38){
const _errs174 = errors;
if(data74 && typeof data74 == "object" && !Array.isArray(data74)){
if(data74.protected_branches === undefined){
const err180 = {instancePath:instancePath+"/environment_settings/deployment_branch_policy",schemaPath:"#/properties/environment_settings/anyOf/1/properties/deployment_branch_policy/anyOf/1/required",keyword:"required",params:{missingProperty: "protected_branches"},message:"must have required property '"+"protected_branches"+"'"};
if(vErrors === null){
vErrors = [err180];
}
else {
vErrors.push(err180);
}
errors++;
}
if(data74.custom_branch_policies === undefined){
const err181 = {instancePath:instancePath+"/environment_settings/deployment_branch_policy",schemaPath:"#/properties/environment_settings/anyOf/1/properties/deployment_branch_policy/anyOf/1/required",keyword:"required",params:{missingProperty: "custom_branch_policies"},message:"must have required property '"+"custom_branch_policies"+"'"};
if(vErrors === null){
vErrors = [err181];
}
else {
vErrors.push(err181);
}
errors++;
}
for(const key14 in data74){
if(!((key14 === "protected_branches") || (key14 === "custom_branch_policies"))){
const err182 = {instancePath:instancePath+"/environment_settings/deployment_branch_policy",schemaPath:"#/properties/environment_settings/anyOf/1/properties/deployment_branch_policy/anyOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key14},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err182];
}
else {
vErrors.push(err182);
}
errors++;
}
}
if(data74.protected_branches !== undefined){
if(typeof data74.protected_branches !== "boolean"){
const err183 = {instancePath:instancePath+"/environment_settings/deployment_branch_policy/protected_branches",schemaPath:"#/properties/environment_settings/anyOf/1/properties/deployment_branch_policy/anyOf/1/properties/protected_branches/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err183];
}
else {
vErrors.push(err183);
}
errors++;
}
}
if(data74.custom_branch_policies !== undefined){
if(typeof data74.custom_branch_policies !== "boolean"){
const err184 = {instancePath:instancePath+"/environment_settings/deployment_branch_policy/custom_branch_policies",schemaPath:"#/properties/environment_settings/anyOf/1/properties/deployment_branch_policy/anyOf/1/properties/custom_branch_policies/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err184];
}
else {
vErrors.push(err184);
}
errors++;
}
}
}
else {
const err185 = {instancePath:instancePath+"/environment_settings/deployment_branch_policy",schemaPath:"#/properties/environment_settings/anyOf/1/properties/deployment_branch_policy/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err185];
}
else {
vErrors.push(err185);
}
errors++;
}
var _valid4 = _errs174 === errors;
valid38 = valid38 || _valid4;
}
if(!valid38){
const err186 = {instancePath:instancePath+"/environment_settings/deployment_branch_policy",schemaPath:"#/properties/environment_settings/anyOf/1/properties/deployment_branch_policy/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err186];
}
else {
vErrors.push(err186);
}
errors++;
}
else {
errors = _errs171;
if(vErrors !== null){
if(_errs171){
vErrors.length = _errs171;
}
else {
vErrors = null;
}
}
}
}
if(data70.branch_policies !== undefined){
let data77 = data70.branch_policies;
const _errs182 = errors;
let valid40 = false;
const _errs183 = errors;
if(data77 !== null){
const err187 = {instancePath:instancePath+"/environment_settings/branch_policies",schemaPath:"#/properties/environment_settings/anyOf/1/properties/branch_policies/anyOf/0/type",keyword:"type",params:{type: "null"},message:"must be null"};
if(vErrors === null){
vErrors = [err187];
}
else {
vErrors.push(err187);
}
errors++;
}
var _valid5 = _errs183 === errors;
valid40 = valid40 || _valid5;
if(!valid40){
const _errs185 = errors;
if(Array.isArray(data77)){
const len10 = data77.length;
for(let i10=0; i10<len10; i10++){
let data78 = data77[i10];
if(data78 && typeof data78 == "object" && !Array.isArray(data78)){
if(data78.name === undefined){
const err188 = {instancePath:instancePath+"/environment_settings/branch_policies/" + i10,schemaPath:"#/properties/environment_settings/anyOf/1/properties/branch_policies/anyOf/1/items/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err188];
}
else {
vErrors.push(err188);
}
errors++;
}
if(data78.type === undefined){
const err189 = {instancePath:instancePath+"/environment_settings/branch_policies/" + i10,schemaPath:"#/properties/environment_settings/anyOf/1/properties/branch_policies/anyOf/1/items/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err189];
}
else {
vErrors.push(err189);
}
errors++;
}
for(const key15 in data78){
if(!((key15 === "name") || (key15 === "type"))){
const err190 = {instancePath:instancePath+"/environment_settings/branch_policies/" + i10,schemaPath:"#/properties/environment_settings/anyOf/1/properties/branch_policies/anyOf/1/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key15},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err190];
}
else {
vErrors.push(err190);
}
errors++;
}
}
if(data78.name !== undefined){
if(typeof data78.name !== "string"){
const err191 = {instancePath:instancePath+"/environment_settings/branch_policies/" + i10+"/name",schemaPath:"#/properties/environment_settings/anyOf/1/properties/branch_policies/anyOf/1/items/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err191];
}
else {
vErrors.push(err191);
}
errors++;
}
}
if(data78.type !== undefined){
let data80 = data78.type;
if(!((data80 === "branch") || (data80 === "tag"))){
const err192 = {instancePath:instancePath+"/environment_settings/branch_policies/" + i10+"/type",schemaPath:"#/properties/environment_settings/anyOf/1/properties/branch_policies/anyOf/1/items/properties/type/enum",keyword:"enum",params:{allowedValues: evidence_validator_generated_schema11.properties.environment_settings.anyOf[1].properties.branch_policies.anyOf[1].items.properties.type.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err192];
}
else {
vErrors.push(err192);
}
errors++;
}
}
}
else {
const err193 = {instancePath:instancePath+"/environment_settings/branch_policies/" + i10,schemaPath:"#/properties/environment_settings/anyOf/1/properties/branch_policies/anyOf/1/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err193];
}
else {
vErrors.push(err193);
}
errors++;
}
}
}
else {
const err194 = {instancePath:instancePath+"/environment_settings/branch_policies",schemaPath:"#/properties/environment_settings/anyOf/1/properties/branch_policies/anyOf/1/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err194];
}
else {
vErrors.push(err194);
}
errors++;
}
var _valid5 = _errs185 === errors;
valid40 = valid40 || _valid5;
}
if(!valid40){
const err195 = {instancePath:instancePath+"/environment_settings/branch_policies",schemaPath:"#/properties/environment_settings/anyOf/1/properties/branch_policies/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err195];
}
else {
vErrors.push(err195);
}
errors++;
}
else {
errors = _errs182;
if(vErrors !== null){
if(_errs182){
vErrors.length = _errs182;
}
else {
vErrors = null;
}
}
}
}
if(data70.reviewers !== undefined){
let data81 = data70.reviewers;
if(Array.isArray(data81)){
const len11 = data81.length;
for(let i11=0; i11<len11; i11++){
let data82 = data81[i11];
if(data82 && typeof data82 == "object" && !Array.isArray(data82)){
if(data82.type === undefined){
const err196 = {instancePath:instancePath+"/environment_settings/reviewers/" + i11,schemaPath:"#/properties/environment_settings/anyOf/1/properties/reviewers/items/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err196];
}
else {
vErrors.push(err196);
}
errors++;
}
if(data82.name === undefined){
const err197 = {instancePath:instancePath+"/environment_settings/reviewers/" + i11,schemaPath:"#/properties/environment_settings/anyOf/1/properties/reviewers/items/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err197];
}
else {
vErrors.push(err197);
}
errors++;
}
for(const key16 in data82){
if(!((key16 === "type") || (key16 === "name"))){
const err198 = {instancePath:instancePath+"/environment_settings/reviewers/" + i11,schemaPath:"#/properties/environment_settings/anyOf/1/properties/reviewers/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key16},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err198];
}
else {
vErrors.push(err198);
}
errors++;
}
}
if(data82.type !== undefined){
let data83 = data82.type;
if(!((data83 === "User") || (data83 === "Team"))){
const err199 = {instancePath:instancePath+"/environment_settings/reviewers/" + i11+"/type",schemaPath:"#/properties/environment_settings/anyOf/1/properties/reviewers/items/properties/type/enum",keyword:"enum",params:{allowedValues: evidence_validator_generated_schema11.properties.environment_settings.anyOf[1].properties.reviewers.items.properties.type.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err199];
}
else {
vErrors.push(err199);
}
errors++;
}
}
if(data82.name !== undefined){
if(typeof data82.name !== "string"){
const err200 = {instancePath:instancePath+"/environment_settings/reviewers/" + i11+"/name",schemaPath:"#/properties/environment_settings/anyOf/1/properties/reviewers/items/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err200];
}
else {
vErrors.push(err200);
}
errors++;
}
}
}
else {
const err201 = {instancePath:instancePath+"/environment_settings/reviewers/" + i11,schemaPath:"#/properties/environment_settings/anyOf/1/properties/reviewers/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err201];
}
else {
vErrors.push(err201);
}
errors++;
}
}
}
else {
const err202 = {instancePath:instancePath+"/environment_settings/reviewers",schemaPath:"#/properties/environment_settings/anyOf/1/properties/reviewers/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err202];
}
else {
vErrors.push(err202);
}
errors++;
}
}
if(data70.prevent_self_review !== undefined){
let data85 = data70.prevent_self_review;
if((typeof data85 !== "boolean") && (data85 !== null)){
const err203 = {instancePath:instancePath+"/environment_settings/prevent_self_review",schemaPath:"#/properties/environment_settings/anyOf/1/properties/prevent_self_review/type",keyword:"type",params:{type: evidence_validator_generated_schema11.properties.environment_settings.anyOf[1].properties.prevent_self_review.type},message:"must be boolean,null"};
if(vErrors === null){
vErrors = [err203];
}
else {
vErrors.push(err203);
}
errors++;
}
}
if(data70.can_admins_bypass !== undefined){
let data86 = data70.can_admins_bypass;
if((typeof data86 !== "boolean") && (data86 !== null)){
const err204 = {instancePath:instancePath+"/environment_settings/can_admins_bypass",schemaPath:"#/properties/environment_settings/anyOf/1/properties/can_admins_bypass/type",keyword:"type",params:{type: evidence_validator_generated_schema11.properties.environment_settings.anyOf[1].properties.can_admins_bypass.type},message:"must be boolean,null"};
if(vErrors === null){
vErrors = [err204];
}
else {
vErrors.push(err204);
}
errors++;
}
}
if(data70.wait_timer !== undefined){
let data87 = data70.wait_timer;
if((!((typeof data87 == "number") && (!(data87 % 1) && !isNaN(data87)))) && (data87 !== null)){
const err205 = {instancePath:instancePath+"/environment_settings/wait_timer",schemaPath:"#/properties/environment_settings/anyOf/1/properties/wait_timer/type",keyword:"type",params:{type: evidence_validator_generated_schema11.properties.environment_settings.anyOf[1].properties.wait_timer.type},message:"must be integer,null"};
if(vErrors === null){
vErrors = [err205];
}
else {
vErrors.push(err205);
}
errors++;
}
}
if(data70.unreadable !== undefined){
let data88 = data70.unreadable;
if((typeof data88 !== "string") && (data88 !== null)){
const err206 = {instancePath:instancePath+"/environment_settings/unreadable",schemaPath:"#/properties/environment_settings/anyOf/1/properties/unreadable/type",keyword:"type",params:{type: evidence_validator_generated_schema11.properties.environment_settings.anyOf[1].properties.unreadable.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err206];
}
else {
vErrors.push(err206);
}
errors++;
}
}
}
else {
const err207 = {instancePath:instancePath+"/environment_settings",schemaPath:"#/properties/environment_settings/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err207];
}
else {
vErrors.push(err207);
}
errors++;
}
var _valid3 = _errs161 === errors;
valid36 = valid36 || _valid3;
}
if(!valid36){
const err208 = {instancePath:instancePath+"/environment_settings",schemaPath:"#/properties/environment_settings/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err208];
}
else {
vErrors.push(err208);
}
errors++;
}
else {
errors = _errs158;
if(vErrors !== null){
if(_errs158){
vErrors.length = _errs158;
}
else {
vErrors = null;
}
}
}
}
if(data.checks_relied_on !== undefined){
let data89 = data.checks_relied_on;
if(Array.isArray(data89)){
const len12 = data89.length;
for(let i12=0; i12<len12; i12++){
let data90 = data89[i12];
if(data90 && typeof data90 == "object" && !Array.isArray(data90)){
if(data90.name === undefined){
const err209 = {instancePath:instancePath+"/checks_relied_on/" + i12,schemaPath:"#/properties/checks_relied_on/items/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err209];
}
else {
vErrors.push(err209);
}
errors++;
}
if(data90.kind === undefined){
const err210 = {instancePath:instancePath+"/checks_relied_on/" + i12,schemaPath:"#/properties/checks_relied_on/items/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'"};
if(vErrors === null){
vErrors = [err210];
}
else {
vErrors.push(err210);
}
errors++;
}
if(data90.sha === undefined){
const err211 = {instancePath:instancePath+"/checks_relied_on/" + i12,schemaPath:"#/properties/checks_relied_on/items/required",keyword:"required",params:{missingProperty: "sha"},message:"must have required property '"+"sha"+"'"};
if(vErrors === null){
vErrors = [err211];
}
else {
vErrors.push(err211);
}
errors++;
}
if(data90.conclusion === undefined){
const err212 = {instancePath:instancePath+"/checks_relied_on/" + i12,schemaPath:"#/properties/checks_relied_on/items/required",keyword:"required",params:{missingProperty: "conclusion"},message:"must have required property '"+"conclusion"+"'"};
if(vErrors === null){
vErrors = [err212];
}
else {
vErrors.push(err212);
}
errors++;
}
if(data90.url === undefined){
const err213 = {instancePath:instancePath+"/checks_relied_on/" + i12,schemaPath:"#/properties/checks_relied_on/items/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'"};
if(vErrors === null){
vErrors = [err213];
}
else {
vErrors.push(err213);
}
errors++;
}
if(data90.by === undefined){
const err214 = {instancePath:instancePath+"/checks_relied_on/" + i12,schemaPath:"#/properties/checks_relied_on/items/required",keyword:"required",params:{missingProperty: "by"},message:"must have required property '"+"by"+"'"};
if(vErrors === null){
vErrors = [err214];
}
else {
vErrors.push(err214);
}
errors++;
}
for(const key17 in data90){
if(!((((((key17 === "name") || (key17 === "kind")) || (key17 === "sha")) || (key17 === "conclusion")) || (key17 === "url")) || (key17 === "by"))){
const err215 = {instancePath:instancePath+"/checks_relied_on/" + i12,schemaPath:"#/properties/checks_relied_on/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key17},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err215];
}
else {
vErrors.push(err215);
}
errors++;
}
}
if(data90.name !== undefined){
if(typeof data90.name !== "string"){
const err216 = {instancePath:instancePath+"/checks_relied_on/" + i12+"/name",schemaPath:"#/properties/checks_relied_on/items/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err216];
}
else {
vErrors.push(err216);
}
errors++;
}
}
if(data90.kind !== undefined){
let data92 = data90.kind;
if(!((data92 === "check_run") || (data92 === "status"))){
const err217 = {instancePath:instancePath+"/checks_relied_on/" + i12+"/kind",schemaPath:"#/properties/checks_relied_on/items/properties/kind/enum",keyword:"enum",params:{allowedValues: evidence_validator_generated_schema11.properties.checks_relied_on.items.properties.kind.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err217];
}
else {
vErrors.push(err217);
}
errors++;
}
}
if(data90.sha !== undefined){
let data93 = data90.sha;
if(typeof data93 === "string"){
if(!evidence_validator_generated_pattern1.test(data93)){
const err218 = {instancePath:instancePath+"/checks_relied_on/" + i12+"/sha",schemaPath:"#/properties/checks_relied_on/items/properties/sha/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{40}$"},message:"must match pattern \""+"^[0-9a-f]{40}$"+"\""};
if(vErrors === null){
vErrors = [err218];
}
else {
vErrors.push(err218);
}
errors++;
}
}
else {
const err219 = {instancePath:instancePath+"/checks_relied_on/" + i12+"/sha",schemaPath:"#/properties/checks_relied_on/items/properties/sha/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err219];
}
else {
vErrors.push(err219);
}
errors++;
}
}
if(data90.conclusion !== undefined){
if(typeof data90.conclusion !== "string"){
const err220 = {instancePath:instancePath+"/checks_relied_on/" + i12+"/conclusion",schemaPath:"#/properties/checks_relied_on/items/properties/conclusion/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err220];
}
else {
vErrors.push(err220);
}
errors++;
}
}
if(data90.url !== undefined){
let data95 = data90.url;
if((typeof data95 !== "string") && (data95 !== null)){
const err221 = {instancePath:instancePath+"/checks_relied_on/" + i12+"/url",schemaPath:"#/properties/checks_relied_on/items/properties/url/type",keyword:"type",params:{type: evidence_validator_generated_schema11.properties.checks_relied_on.items.properties.url.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err221];
}
else {
vErrors.push(err221);
}
errors++;
}
}
if(data90.by !== undefined){
let data96 = data90.by;
if((typeof data96 !== "string") && (data96 !== null)){
const err222 = {instancePath:instancePath+"/checks_relied_on/" + i12+"/by",schemaPath:"#/properties/checks_relied_on/items/properties/by/type",keyword:"type",params:{type: evidence_validator_generated_schema11.properties.checks_relied_on.items.properties.by.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err222];
}
else {
vErrors.push(err222);
}
errors++;
}
}
}
else {
const err223 = {instancePath:instancePath+"/checks_relied_on/" + i12,schemaPath:"#/properties/checks_relied_on/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err223];
}
else {
vErrors.push(err223);
}
errors++;
}
}
}
else {
const err224 = {instancePath:instancePath+"/checks_relied_on",schemaPath:"#/properties/checks_relied_on/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err224];
}
else {
vErrors.push(err224);
}
errors++;
}
}
if(data.break_glass !== undefined){
let data97 = data.break_glass;
const _errs226 = errors;
let valid50 = false;
const _errs227 = errors;
if(data97 !== null){
const err225 = {instancePath:instancePath+"/break_glass",schemaPath:"#/properties/break_glass/anyOf/0/type",keyword:"type",params:{type: "null"},message:"must be null"};
if(vErrors === null){
vErrors = [err225];
}
else {
vErrors.push(err225);
}
errors++;
}
var _valid6 = _errs227 === errors;
valid50 = valid50 || _valid6;
if(!valid50){
const _errs229 = errors;
if(data97 && typeof data97 == "object" && !Array.isArray(data97)){
if(data97.reason === undefined){
const err226 = {instancePath:instancePath+"/break_glass",schemaPath:"#/properties/break_glass/anyOf/1/required",keyword:"required",params:{missingProperty: "reason"},message:"must have required property '"+"reason"+"'"};
if(vErrors === null){
vErrors = [err226];
}
else {
vErrors.push(err226);
}
errors++;
}
if(data97.approved_by === undefined){
const err227 = {instancePath:instancePath+"/break_glass",schemaPath:"#/properties/break_glass/anyOf/1/required",keyword:"required",params:{missingProperty: "approved_by"},message:"must have required property '"+"approved_by"+"'"};
if(vErrors === null){
vErrors = [err227];
}
else {
vErrors.push(err227);
}
errors++;
}
if(data97.overridden_checks === undefined){
const err228 = {instancePath:instancePath+"/break_glass",schemaPath:"#/properties/break_glass/anyOf/1/required",keyword:"required",params:{missingProperty: "overridden_checks"},message:"must have required property '"+"overridden_checks"+"'"};
if(vErrors === null){
vErrors = [err228];
}
else {
vErrors.push(err228);
}
errors++;
}
if(data97.review_within === undefined){
const err229 = {instancePath:instancePath+"/break_glass",schemaPath:"#/properties/break_glass/anyOf/1/required",keyword:"required",params:{missingProperty: "review_within"},message:"must have required property '"+"review_within"+"'"};
if(vErrors === null){
vErrors = [err229];
}
else {
vErrors.push(err229);
}
errors++;
}
if(data97.review_due === undefined){
const err230 = {instancePath:instancePath+"/break_glass",schemaPath:"#/properties/break_glass/anyOf/1/required",keyword:"required",params:{missingProperty: "review_due"},message:"must have required property '"+"review_due"+"'"};
if(vErrors === null){
vErrors = [err230];
}
else {
vErrors.push(err230);
}
errors++;
}
if(data97.follow_up_issue === undefined){
const err231 = {instancePath:instancePath+"/break_glass",schemaPath:"#/properties/break_glass/anyOf/1/required",keyword:"required",params:{missingProperty: "follow_up_issue"},message:"must have required property '"+"follow_up_issue"+"'"};
if(vErrors === null){
vErrors = [err231];
}
else {
vErrors.push(err231);
}
errors++;
}
for(const key18 in data97){
if(!((((((key18 === "reason") || (key18 === "approved_by")) || (key18 === "overridden_checks")) || (key18 === "review_within")) || (key18 === "review_due")) || (key18 === "follow_up_issue"))){
const err232 = {instancePath:instancePath+"/break_glass",schemaPath:"#/properties/break_glass/anyOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key18},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err232];
}
else {
vErrors.push(err232);
}
errors++;
}
}
if(data97.reason !== undefined){
let data98 = data97.reason;
if(typeof data98 === "string"){
if(evidence_validator_generated_func3(data98) < 1){
const err233 = {instancePath:instancePath+"/break_glass/reason",schemaPath:"#/properties/break_glass/anyOf/1/properties/reason/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err233];
}
else {
vErrors.push(err233);
}
errors++;
}
}
else {
const err234 = {instancePath:instancePath+"/break_glass/reason",schemaPath:"#/properties/break_glass/anyOf/1/properties/reason/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err234];
}
else {
vErrors.push(err234);
}
errors++;
}
}
if(data97.approved_by !== undefined){
let data99 = data97.approved_by;
if(typeof data99 === "string"){
if(evidence_validator_generated_func3(data99) < 1){
const err235 = {instancePath:instancePath+"/break_glass/approved_by",schemaPath:"#/properties/break_glass/anyOf/1/properties/approved_by/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err235];
}
else {
vErrors.push(err235);
}
errors++;
}
}
else {
const err236 = {instancePath:instancePath+"/break_glass/approved_by",schemaPath:"#/properties/break_glass/anyOf/1/properties/approved_by/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err236];
}
else {
vErrors.push(err236);
}
errors++;
}
}
if(data97.overridden_checks !== undefined){
let data100 = data97.overridden_checks;
if(Array.isArray(data100)){
if(data100.length < 1){
const err237 = {instancePath:instancePath+"/break_glass/overridden_checks",schemaPath:"#/properties/break_glass/anyOf/1/properties/overridden_checks/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err237];
}
else {
vErrors.push(err237);
}
errors++;
}
const len13 = data100.length;
for(let i13=0; i13<len13; i13++){
let data101 = data100[i13];
if(!((((((((data101 === "promotion") || (data101 === "source-branch")) || (data101 === "branch-protection")) || (data101 === "approval-record")) || (data101 === "maker-checker")) || (data101 === "segregation")) || (data101 === "environment")) || (data101 === "checks"))){
const err238 = {instancePath:instancePath+"/break_glass/overridden_checks/" + i13,schemaPath:"#/properties/break_glass/anyOf/1/properties/overridden_checks/items/enum",keyword:"enum",params:{allowedValues: evidence_validator_generated_schema11.properties.break_glass.anyOf[1].properties.overridden_checks.items.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err238];
}
else {
vErrors.push(err238);
}
errors++;
}
}
}
else {
const err239 = {instancePath:instancePath+"/break_glass/overridden_checks",schemaPath:"#/properties/break_glass/anyOf/1/properties/overridden_checks/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err239];
}
else {
vErrors.push(err239);
}
errors++;
}
}
if(data97.review_within !== undefined){
let data102 = data97.review_within;
if(!((typeof data102 == "number") && (!(data102 % 1) && !isNaN(data102)))){
const err240 = {instancePath:instancePath+"/break_glass/review_within",schemaPath:"#/properties/break_glass/anyOf/1/properties/review_within/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err240];
}
else {
vErrors.push(err240);
}
errors++;
}
if(typeof data102 == "number"){
if(data102 < 0 || isNaN(data102)){
const err241 = {instancePath:instancePath+"/break_glass/review_within",schemaPath:"#/properties/break_glass/anyOf/1/properties/review_within/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err241];
}
else {
vErrors.push(err241);
}
errors++;
}
}
}
if(data97.review_due !== undefined){
let data103 = data97.review_due;
if(typeof data103 === "string"){
if(!(formats0.validate(data103))){
const err242 = {instancePath:instancePath+"/break_glass/review_due",schemaPath:"#/properties/break_glass/anyOf/1/properties/review_due/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\""};
if(vErrors === null){
vErrors = [err242];
}
else {
vErrors.push(err242);
}
errors++;
}
}
else {
const err243 = {instancePath:instancePath+"/break_glass/review_due",schemaPath:"#/properties/break_glass/anyOf/1/properties/review_due/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err243];
}
else {
vErrors.push(err243);
}
errors++;
}
}
if(data97.follow_up_issue !== undefined){
let data104 = data97.follow_up_issue;
const _errs244 = errors;
let valid54 = false;
const _errs245 = errors;
if(data104 !== null){
const err244 = {instancePath:instancePath+"/break_glass/follow_up_issue",schemaPath:"#/properties/break_glass/anyOf/1/properties/follow_up_issue/anyOf/0/type",keyword:"type",params:{type: "null"},message:"must be null"};
if(vErrors === null){
vErrors = [err244];
}
else {
vErrors.push(err244);
}
errors++;
}
var _valid7 = _errs245 === errors;
valid54 = valid54 || _valid7;
if(!valid54){
const _errs247 = errors;
if(data104 && typeof data104 == "object" && !Array.isArray(data104)){
if(data104.number === undefined){
const err245 = {instancePath:instancePath+"/break_glass/follow_up_issue",schemaPath:"#/properties/break_glass/anyOf/1/properties/follow_up_issue/anyOf/1/required",keyword:"required",params:{missingProperty: "number"},message:"must have required property '"+"number"+"'"};
if(vErrors === null){
vErrors = [err245];
}
else {
vErrors.push(err245);
}
errors++;
}
if(data104.url === undefined){
const err246 = {instancePath:instancePath+"/break_glass/follow_up_issue",schemaPath:"#/properties/break_glass/anyOf/1/properties/follow_up_issue/anyOf/1/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'"};
if(vErrors === null){
vErrors = [err246];
}
else {
vErrors.push(err246);
}
errors++;
}
for(const key19 in data104){
if(!((key19 === "number") || (key19 === "url"))){
const err247 = {instancePath:instancePath+"/break_glass/follow_up_issue",schemaPath:"#/properties/break_glass/anyOf/1/properties/follow_up_issue/anyOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key19},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err247];
}
else {
vErrors.push(err247);
}
errors++;
}
}
if(data104.number !== undefined){
let data105 = data104.number;
if(!((typeof data105 == "number") && (!(data105 % 1) && !isNaN(data105)))){
const err248 = {instancePath:instancePath+"/break_glass/follow_up_issue/number",schemaPath:"#/properties/break_glass/anyOf/1/properties/follow_up_issue/anyOf/1/properties/number/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err248];
}
else {
vErrors.push(err248);
}
errors++;
}
if(typeof data105 == "number"){
if(data105 < 1 || isNaN(data105)){
const err249 = {instancePath:instancePath+"/break_glass/follow_up_issue/number",schemaPath:"#/properties/break_glass/anyOf/1/properties/follow_up_issue/anyOf/1/properties/number/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err249];
}
else {
vErrors.push(err249);
}
errors++;
}
}
}
if(data104.url !== undefined){
if(typeof data104.url !== "string"){
const err250 = {instancePath:instancePath+"/break_glass/follow_up_issue/url",schemaPath:"#/properties/break_glass/anyOf/1/properties/follow_up_issue/anyOf/1/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err250];
}
else {
vErrors.push(err250);
}
errors++;
}
}
}
else {
const err251 = {instancePath:instancePath+"/break_glass/follow_up_issue",schemaPath:"#/properties/break_glass/anyOf/1/properties/follow_up_issue/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err251];
}
else {
vErrors.push(err251);
}
errors++;
}
var _valid7 = _errs247 === errors;
valid54 = valid54 || _valid7;
}
if(!valid54){
const err252 = {instancePath:instancePath+"/break_glass/follow_up_issue",schemaPath:"#/properties/break_glass/anyOf/1/properties/follow_up_issue/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err252];
}
else {
vErrors.push(err252);
}
errors++;
}
else {
errors = _errs244;
if(vErrors !== null){
if(_errs244){
vErrors.length = _errs244;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err253 = {instancePath:instancePath+"/break_glass",schemaPath:"#/properties/break_glass/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err253];
}
else {
vErrors.push(err253);
}
errors++;
}
var _valid6 = _errs229 === errors;
valid50 = valid50 || _valid6;
}
if(!valid50){
const err254 = {instancePath:instancePath+"/break_glass",schemaPath:"#/properties/break_glass/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err254];
}
else {
vErrors.push(err254);
}
errors++;
}
else {
errors = _errs226;
if(vErrors !== null){
if(_errs226){
vErrors.length = _errs226;
}
else {
vErrors = null;
}
}
}
}
if(data.failure !== undefined){
let data107 = data.failure;
const _errs255 = errors;
let valid56 = false;
const _errs256 = errors;
if(data107 !== null){
const err255 = {instancePath:instancePath+"/failure",schemaPath:"#/properties/failure/anyOf/0/type",keyword:"type",params:{type: "null"},message:"must be null"};
if(vErrors === null){
vErrors = [err255];
}
else {
vErrors.push(err255);
}
errors++;
}
var _valid8 = _errs256 === errors;
valid56 = valid56 || _valid8;
if(!valid56){
const _errs258 = errors;
if(data107 && typeof data107 == "object" && !Array.isArray(data107)){
if(data107.code === undefined){
const err256 = {instancePath:instancePath+"/failure",schemaPath:"#/properties/failure/anyOf/1/required",keyword:"required",params:{missingProperty: "code"},message:"must have required property '"+"code"+"'"};
if(vErrors === null){
vErrors = [err256];
}
else {
vErrors.push(err256);
}
errors++;
}
if(data107.message === undefined){
const err257 = {instancePath:instancePath+"/failure",schemaPath:"#/properties/failure/anyOf/1/required",keyword:"required",params:{missingProperty: "message"},message:"must have required property '"+"message"+"'"};
if(vErrors === null){
vErrors = [err257];
}
else {
vErrors.push(err257);
}
errors++;
}
if(data107.hint === undefined){
const err258 = {instancePath:instancePath+"/failure",schemaPath:"#/properties/failure/anyOf/1/required",keyword:"required",params:{missingProperty: "hint"},message:"must have required property '"+"hint"+"'"};
if(vErrors === null){
vErrors = [err258];
}
else {
vErrors.push(err258);
}
errors++;
}
for(const key20 in data107){
if(!(((key20 === "code") || (key20 === "message")) || (key20 === "hint"))){
const err259 = {instancePath:instancePath+"/failure",schemaPath:"#/properties/failure/anyOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key20},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err259];
}
else {
vErrors.push(err259);
}
errors++;
}
}
if(data107.code !== undefined){
if(typeof data107.code !== "string"){
const err260 = {instancePath:instancePath+"/failure/code",schemaPath:"#/properties/failure/anyOf/1/properties/code/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err260];
}
else {
vErrors.push(err260);
}
errors++;
}
}
if(data107.message !== undefined){
if(typeof data107.message !== "string"){
const err261 = {instancePath:instancePath+"/failure/message",schemaPath:"#/properties/failure/anyOf/1/properties/message/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err261];
}
else {
vErrors.push(err261);
}
errors++;
}
}
if(data107.hint !== undefined){
let data110 = data107.hint;
if((typeof data110 !== "string") && (data110 !== null)){
const err262 = {instancePath:instancePath+"/failure/hint",schemaPath:"#/properties/failure/anyOf/1/properties/hint/type",keyword:"type",params:{type: evidence_validator_generated_schema11.properties.failure.anyOf[1].properties.hint.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err262];
}
else {
vErrors.push(err262);
}
errors++;
}
}
}
else {
const err263 = {instancePath:instancePath+"/failure",schemaPath:"#/properties/failure/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err263];
}
else {
vErrors.push(err263);
}
errors++;
}
var _valid8 = _errs258 === errors;
valid56 = valid56 || _valid8;
}
if(!valid56){
const err264 = {instancePath:instancePath+"/failure",schemaPath:"#/properties/failure/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err264];
}
else {
vErrors.push(err264);
}
errors++;
}
else {
errors = _errs255;
if(vErrors !== null){
if(_errs255){
vErrors.length = _errs255;
}
else {
vErrors = null;
}
}
}
}
if(data.api_requests !== undefined){
let data111 = data.api_requests;
if((!((typeof data111 == "number") && (!(data111 % 1) && !isNaN(data111)))) && (data111 !== null)){
const err265 = {instancePath:instancePath+"/api_requests",schemaPath:"#/properties/api_requests/type",keyword:"type",params:{type: evidence_validator_generated_schema11.properties.api_requests.type},message:"must be integer,null"};
if(vErrors === null){
vErrors = [err265];
}
else {
vErrors.push(err265);
}
errors++;
}
}
if(data.api !== undefined){
let data112 = data.api;
const _errs270 = errors;
let valid58 = false;
const _errs271 = errors;
if(data112 !== null){
const err266 = {instancePath:instancePath+"/api",schemaPath:"#/properties/api/anyOf/0/type",keyword:"type",params:{type: "null"},message:"must be null"};
if(vErrors === null){
vErrors = [err266];
}
else {
vErrors.push(err266);
}
errors++;
}
var _valid9 = _errs271 === errors;
valid58 = valid58 || _valid9;
if(!valid58){
const _errs273 = errors;
if(data112 && typeof data112 == "object" && !Array.isArray(data112)){
if(data112.requests === undefined){
const err267 = {instancePath:instancePath+"/api",schemaPath:"#/properties/api/anyOf/1/required",keyword:"required",params:{missingProperty: "requests"},message:"must have required property '"+"requests"+"'"};
if(vErrors === null){
vErrors = [err267];
}
else {
vErrors.push(err267);
}
errors++;
}
if(data112.points === undefined){
const err268 = {instancePath:instancePath+"/api",schemaPath:"#/properties/api/anyOf/1/required",keyword:"required",params:{missingProperty: "points"},message:"must have required property '"+"points"+"'"};
if(vErrors === null){
vErrors = [err268];
}
else {
vErrors.push(err268);
}
errors++;
}
if(data112.budgets === undefined){
const err269 = {instancePath:instancePath+"/api",schemaPath:"#/properties/api/anyOf/1/required",keyword:"required",params:{missingProperty: "budgets"},message:"must have required property '"+"budgets"+"'"};
if(vErrors === null){
vErrors = [err269];
}
else {
vErrors.push(err269);
}
errors++;
}
for(const key21 in data112){
if(!(((key21 === "requests") || (key21 === "points")) || (key21 === "budgets"))){
const err270 = {instancePath:instancePath+"/api",schemaPath:"#/properties/api/anyOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key21},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err270];
}
else {
vErrors.push(err270);
}
errors++;
}
}
if(data112.requests !== undefined){
let data113 = data112.requests;
if(data113 && typeof data113 == "object" && !Array.isArray(data113)){
if(data113.rest === undefined){
const err271 = {instancePath:instancePath+"/api/requests",schemaPath:"#/properties/api/anyOf/1/properties/requests/required",keyword:"required",params:{missingProperty: "rest"},message:"must have required property '"+"rest"+"'"};
if(vErrors === null){
vErrors = [err271];
}
else {
vErrors.push(err271);
}
errors++;
}
if(data113.graphql === undefined){
const err272 = {instancePath:instancePath+"/api/requests",schemaPath:"#/properties/api/anyOf/1/properties/requests/required",keyword:"required",params:{missingProperty: "graphql"},message:"must have required property '"+"graphql"+"'"};
if(vErrors === null){
vErrors = [err272];
}
else {
vErrors.push(err272);
}
errors++;
}
for(const key22 in data113){
if(!((key22 === "rest") || (key22 === "graphql"))){
const err273 = {instancePath:instancePath+"/api/requests",schemaPath:"#/properties/api/anyOf/1/properties/requests/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key22},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err273];
}
else {
vErrors.push(err273);
}
errors++;
}
}
if(data113.rest !== undefined){
let data114 = data113.rest;
if(!((typeof data114 == "number") && (!(data114 % 1) && !isNaN(data114)))){
const err274 = {instancePath:instancePath+"/api/requests/rest",schemaPath:"#/properties/api/anyOf/1/properties/requests/properties/rest/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err274];
}
else {
vErrors.push(err274);
}
errors++;
}
if(typeof data114 == "number"){
if(data114 < 0 || isNaN(data114)){
const err275 = {instancePath:instancePath+"/api/requests/rest",schemaPath:"#/properties/api/anyOf/1/properties/requests/properties/rest/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err275];
}
else {
vErrors.push(err275);
}
errors++;
}
}
}
if(data113.graphql !== undefined){
let data115 = data113.graphql;
if(!((typeof data115 == "number") && (!(data115 % 1) && !isNaN(data115)))){
const err276 = {instancePath:instancePath+"/api/requests/graphql",schemaPath:"#/properties/api/anyOf/1/properties/requests/properties/graphql/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err276];
}
else {
vErrors.push(err276);
}
errors++;
}
if(typeof data115 == "number"){
if(data115 < 0 || isNaN(data115)){
const err277 = {instancePath:instancePath+"/api/requests/graphql",schemaPath:"#/properties/api/anyOf/1/properties/requests/properties/graphql/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err277];
}
else {
vErrors.push(err277);
}
errors++;
}
}
}
}
else {
const err278 = {instancePath:instancePath+"/api/requests",schemaPath:"#/properties/api/anyOf/1/properties/requests/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err278];
}
else {
vErrors.push(err278);
}
errors++;
}
}
if(data112.points !== undefined){
let data116 = data112.points;
if((!((typeof data116 == "number") && (!(data116 % 1) && !isNaN(data116)))) && (data116 !== null)){
const err279 = {instancePath:instancePath+"/api/points",schemaPath:"#/properties/api/anyOf/1/properties/points/type",keyword:"type",params:{type: evidence_validator_generated_schema11.properties.api.anyOf[1].properties.points.type},message:"must be integer,null"};
if(vErrors === null){
vErrors = [err279];
}
else {
vErrors.push(err279);
}
errors++;
}
if(typeof data116 == "number"){
if(data116 < 0 || isNaN(data116)){
const err280 = {instancePath:instancePath+"/api/points",schemaPath:"#/properties/api/anyOf/1/properties/points/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err280];
}
else {
vErrors.push(err280);
}
errors++;
}
}
}
if(data112.budgets !== undefined){
let data117 = data112.budgets;
if(Array.isArray(data117)){
const len14 = data117.length;
for(let i14=0; i14<len14; i14++){
let data118 = data117[i14];
if(data118 && typeof data118 == "object" && !Array.isArray(data118)){
if(data118.resource === undefined){
const err281 = {instancePath:instancePath+"/api/budgets/" + i14,schemaPath:"#/properties/api/anyOf/1/properties/budgets/items/required",keyword:"required",params:{missingProperty: "resource"},message:"must have required property '"+"resource"+"'"};
if(vErrors === null){
vErrors = [err281];
}
else {
vErrors.push(err281);
}
errors++;
}
if(data118.limit === undefined){
const err282 = {instancePath:instancePath+"/api/budgets/" + i14,schemaPath:"#/properties/api/anyOf/1/properties/budgets/items/required",keyword:"required",params:{missingProperty: "limit"},message:"must have required property '"+"limit"+"'"};
if(vErrors === null){
vErrors = [err282];
}
else {
vErrors.push(err282);
}
errors++;
}
if(data118.remaining === undefined){
const err283 = {instancePath:instancePath+"/api/budgets/" + i14,schemaPath:"#/properties/api/anyOf/1/properties/budgets/items/required",keyword:"required",params:{missingProperty: "remaining"},message:"must have required property '"+"remaining"+"'"};
if(vErrors === null){
vErrors = [err283];
}
else {
vErrors.push(err283);
}
errors++;
}
if(data118.used === undefined){
const err284 = {instancePath:instancePath+"/api/budgets/" + i14,schemaPath:"#/properties/api/anyOf/1/properties/budgets/items/required",keyword:"required",params:{missingProperty: "used"},message:"must have required property '"+"used"+"'"};
if(vErrors === null){
vErrors = [err284];
}
else {
vErrors.push(err284);
}
errors++;
}
if(data118.reset === undefined){
const err285 = {instancePath:instancePath+"/api/budgets/" + i14,schemaPath:"#/properties/api/anyOf/1/properties/budgets/items/required",keyword:"required",params:{missingProperty: "reset"},message:"must have required property '"+"reset"+"'"};
if(vErrors === null){
vErrors = [err285];
}
else {
vErrors.push(err285);
}
errors++;
}
for(const key23 in data118){
if(!(((((key23 === "resource") || (key23 === "limit")) || (key23 === "remaining")) || (key23 === "used")) || (key23 === "reset"))){
const err286 = {instancePath:instancePath+"/api/budgets/" + i14,schemaPath:"#/properties/api/anyOf/1/properties/budgets/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key23},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err286];
}
else {
vErrors.push(err286);
}
errors++;
}
}
if(data118.resource !== undefined){
let data119 = data118.resource;
if(typeof data119 === "string"){
if(evidence_validator_generated_func3(data119) < 1){
const err287 = {instancePath:instancePath+"/api/budgets/" + i14+"/resource",schemaPath:"#/properties/api/anyOf/1/properties/budgets/items/properties/resource/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err287];
}
else {
vErrors.push(err287);
}
errors++;
}
}
else {
const err288 = {instancePath:instancePath+"/api/budgets/" + i14+"/resource",schemaPath:"#/properties/api/anyOf/1/properties/budgets/items/properties/resource/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err288];
}
else {
vErrors.push(err288);
}
errors++;
}
}
if(data118.limit !== undefined){
let data120 = data118.limit;
if(!((typeof data120 == "number") && (!(data120 % 1) && !isNaN(data120)))){
const err289 = {instancePath:instancePath+"/api/budgets/" + i14+"/limit",schemaPath:"#/properties/api/anyOf/1/properties/budgets/items/properties/limit/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err289];
}
else {
vErrors.push(err289);
}
errors++;
}
if(typeof data120 == "number"){
if(data120 < 0 || isNaN(data120)){
const err290 = {instancePath:instancePath+"/api/budgets/" + i14+"/limit",schemaPath:"#/properties/api/anyOf/1/properties/budgets/items/properties/limit/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err290];
}
else {
vErrors.push(err290);
}
errors++;
}
}
}
if(data118.remaining !== undefined){
let data121 = data118.remaining;
if(!((typeof data121 == "number") && (!(data121 % 1) && !isNaN(data121)))){
const err291 = {instancePath:instancePath+"/api/budgets/" + i14+"/remaining",schemaPath:"#/properties/api/anyOf/1/properties/budgets/items/properties/remaining/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err291];
}
else {
vErrors.push(err291);
}
errors++;
}
if(typeof data121 == "number"){
if(data121 < 0 || isNaN(data121)){
const err292 = {instancePath:instancePath+"/api/budgets/" + i14+"/remaining",schemaPath:"#/properties/api/anyOf/1/properties/budgets/items/properties/remaining/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err292];
}
else {
vErrors.push(err292);
}
errors++;
}
}
}
if(data118.used !== undefined){
let data122 = data118.used;
if(!((typeof data122 == "number") && (!(data122 % 1) && !isNaN(data122)))){
const err293 = {instancePath:instancePath+"/api/budgets/" + i14+"/used",schemaPath:"#/properties/api/anyOf/1/properties/budgets/items/properties/used/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err293];
}
else {
vErrors.push(err293);
}
errors++;
}
if(typeof data122 == "number"){
if(data122 < 0 || isNaN(data122)){
const err294 = {instancePath:instancePath+"/api/budgets/" + i14+"/used",schemaPath:"#/properties/api/anyOf/1/properties/budgets/items/properties/used/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err294];
}
else {
vErrors.push(err294);
}
errors++;
}
}
}
if(data118.reset !== undefined){
let data123 = data118.reset;
if(typeof data123 === "string"){
if(!(formats0.validate(data123))){
const err295 = {instancePath:instancePath+"/api/budgets/" + i14+"/reset",schemaPath:"#/properties/api/anyOf/1/properties/budgets/items/properties/reset/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\""};
if(vErrors === null){
vErrors = [err295];
}
else {
vErrors.push(err295);
}
errors++;
}
}
else {
const err296 = {instancePath:instancePath+"/api/budgets/" + i14+"/reset",schemaPath:"#/properties/api/anyOf/1/properties/budgets/items/properties/reset/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err296];
}
else {
vErrors.push(err296);
}
errors++;
}
}
}
else {
const err297 = {instancePath:instancePath+"/api/budgets/" + i14,schemaPath:"#/properties/api/anyOf/1/properties/budgets/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err297];
}
else {
vErrors.push(err297);
}
errors++;
}
}
}
else {
const err298 = {instancePath:instancePath+"/api/budgets",schemaPath:"#/properties/api/anyOf/1/properties/budgets/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err298];
}
else {
vErrors.push(err298);
}
errors++;
}
}
}
else {
const err299 = {instancePath:instancePath+"/api",schemaPath:"#/properties/api/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err299];
}
else {
vErrors.push(err299);
}
errors++;
}
var _valid9 = _errs273 === errors;
valid58 = valid58 || _valid9;
}
if(!valid58){
const err300 = {instancePath:instancePath+"/api",schemaPath:"#/properties/api/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err300];
}
else {
vErrors.push(err300);
}
errors++;
}
else {
errors = _errs270;
if(vErrors !== null){
if(_errs270){
vErrors.length = _errs270;
}
else {
vErrors = null;
}
}
}
}
if(data.notes !== undefined){
let data124 = data.notes;
if(Array.isArray(data124)){
const len15 = data124.length;
for(let i15=0; i15<len15; i15++){
if(typeof data124[i15] !== "string"){
const err301 = {instancePath:instancePath+"/notes/" + i15,schemaPath:"#/properties/notes/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err301];
}
else {
vErrors.push(err301);
}
errors++;
}
}
}
else {
const err302 = {instancePath:instancePath+"/notes",schemaPath:"#/properties/notes/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err302];
}
else {
vErrors.push(err302);
}
errors++;
}
}
}
else {
const err303 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err303];
}
else {
vErrors.push(err303);
}
errors++;
}
evidence_validator_generated_validate10.errors = vErrors;
return errors === 0;
}


;// CONCATENATED MODULE: ./src/engine/evidence/validate.ts

/**
 * Problems with the record, empty when it matches schema/evidence.schema.json.
 * The validator is compiled ahead of time by scripts/write-schemas.ts.
 */
function evidenceProblems(record) {
    if (evidence_validator_generated(record))
        return [];
    // ajv sets `errors`, each with a message, whenever it returns false: the
    // fallbacks are for its types
    return (evidence_validator_generated.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

;// CONCATENATED MODULE: ./src/engine/evidence/step.ts
// The last step of every decision: build the evidence record, check it
// against its schema, keep it. No evidence, no allow: when the record cannot
// be kept, the decision becomes `block` (a break-glass allow is withdrawn)
// and the record says why.





function recordEvidence(made, context, keep, 
/** what an operator can do when the record cannot be kept */
hint) {
    // The evidence step is where every adapter's decision passes once its
    // calls are made, so the budget is judged here, once for all of them.
    const warnings = lowBudgetWarnings(context.usage ?? null);
    const decision = warnings.length === 0
        ? made
        : { ...made, warnings: [...made.warnings, ...warnings] };
    const notes = [...decision.warnings, ...context.notes];
    if (decision.breakGlassNote !== null)
        notes.push(decision.breakGlassNote);
    const evidence = buildEvidence(decision, {
        mode: context.mode,
        requests: context.requests,
        usage: context.usage,
        notes,
        followUpIssue: decision.followUp
    });
    try {
        const problems = evidenceProblems(evidence);
        if (problems.length > 0) {
            throw new Error(`the evidence record does not match its schema: ${problems.join('; ')}`);
        }
        const file = keep(evidence, `${JSON.stringify(evidence, null, 2)}\n`);
        return { decision, evidence, file, problem: null, warnings };
    }
    catch (error) {
        const problem = `evidence could not be written: ${(0,errors/* getErrorMessage */.u1)(error)}`;
        const code = typeof error === 'object' && error !== null && 'code' in error
            ? ` (${String(error.code)})`
            : '';
        const blocked = decision.breakGlass === null
            ? { ...decision, decision: 'block' }
            : refuse(decision, `the break-glass allow was withdrawn: ${problem}`);
        return {
            decision: {
                ...blocked,
                // The failure names no path: it may be shown outside the machine.
                failure: blocked.failure ?? {
                    code: 'internal',
                    message: `the evidence record could not be written${code}`,
                    hint
                }
            },
            evidence: {
                ...evidence,
                decision: 'block',
                notes: [...evidence.notes, problem]
            },
            file: null,
            problem,
            warnings
        };
    }
}

;// CONCATENATED MODULE: ./src/engine/evidence/index.ts






;// CONCATENATED MODULE: ./src/engine/gather/run.ts
// Who started a workflow run and this attempt of it (`github.actor` and
// `github.triggering_actor`), for a caller that knows only the run's id: the
// App server, whose deployment_protection_rule event names the run but not
// who re-ran it. docs.github.com/en/rest/actions/workflow-runs#get-a-workflow-run

async function readRun(github, at) {
    const r = await github.rest('GET /repos/{owner}/{repo}/actions/runs/{run_id}', { owner: at.owner, repo: at.repo, run_id: at.run.id });
    const run = obj(r.data, 'run');
    const login = (v, path) => {
        const user = optObj(v, path);
        return user !== null && typeof user.login === 'string' ? user.login : null;
    };
    return {
        ...at.run,
        actor: login(run.actor, 'run.actor'),
        triggeringActor: login(run.triggering_actor, 'run.triggering_actor'),
        attempt: typeof run.run_attempt === 'number' &&
            Number.isSafeInteger(run.run_attempt)
            ? run.run_attempt
            : null,
        // what triggered it, for SPEC §4 `allowed_events`
        ...(typeof run.event === 'string' ? { event: run.event } : {})
    };
}

;// CONCATENATED MODULE: ./src/engine/port.ts
// The engine's view of GitHub: two calls, no Octokit. Adapters (action, CLI,
// server) construct the real client in src/github/client.ts; tests pass the
// same client pointed at the simulator.
const silentLogger = {
    debug: () => undefined,
    info: () => undefined,
    warning: () => undefined,
    error: () => undefined
};

;// CONCATENATED MODULE: ./src/engine/access/types.ts
// The access matrix an auditor asks for (SPEC §7), as data: what each
// environment and branch of the policy allows, who may push, and every gap
// against the policy. Whatever the token could not read is a `Cannot` naming
// the permission that would read it, never an empty list.

const isCannot = isUnreadable;
const cannot = (permission, detail) => ({
    unreadable: true,
    permission,
    detail
});

;// CONCATENATED MODULE: ./src/engine/access/bypass.ts
// Who may bypass a branch's rulesets, and the rulesets' names, from each
// ruleset the branch's active rules come from.



/**
 * docs.github.com/en/rest/repos/rules#get-a-repository-ruleset: GitHub shows
 * `bypass_actors` only to those who may edit the ruleset; without it the
 * bypass list is unknown, never empty.
 */
async function readRulesets(port, repo, ids) {
    const names = new Map();
    const out = [];
    let unread = null;
    for (const id of ids) {
        const got = await readOr('administration: read', async () => {
            const r = await port.rest('GET /repos/{owner}/{repo}/rulesets/{ruleset_id}', {
                owner: repo.owner,
                repo: repo.name,
                ruleset_id: id
            });
            return (0,shape/* obj */.WL)(r.data, `rulesets/${id}`);
        });
        // The names read so far still name their rulesets.
        if (isCannot(got))
            return { actors: got, names };
        if (typeof got.name === 'string')
            names.set(id, got.name);
        if (!Array.isArray(got.bypass_actors)) {
            unread ??= cannot('administration: read', `ruleset ${id} was read without its bypass actors`);
            continue;
        }
        got.bypass_actors.forEach((value, i) => {
            const a = (0,shape/* obj */.WL)(value, `rulesets/${id}.bypass_actors[${i}]`);
            const type = (0,shape/* optStr */.VK)(a.actor_type, `bypass_actors[${i}].actor_type`) ?? 'actor';
            const actorId = a.actor_id === null || a.actor_id === undefined
                ? ''
                : ` ${(0,shape/* num */.bu)(a.actor_id, `bypass_actors[${i}].actor_id`)}`;
            const mode = (0,shape/* optStr */.VK)(a.bypass_mode, `bypass_actors[${i}].bypass_mode`) ?? 'always';
            out.push(`${bypassName(type, actorId)} (${mode})`);
        });
    }
    return { actors: unread ?? out, names };
}
function bypassName(type, id) {
    // Repository roles by id in bypass actors: 2 maintain, 4 write, 5 admin
    // (docs.github.com/en/rest/repos/rules, `actor_id`); others shown by id.
    if (type === 'RepositoryRole') {
        const role = {
            ' 2': 'maintain',
            ' 4': 'write',
            ' 5': 'admin'
        };
        return `repository role ${role[id] ?? id.trim()}`;
    }
    if (type === 'OrganizationAdmin')
        return 'organization admins';
    if (type === 'DeployKey')
        return 'deploy keys';
    return `${type}${id}`;
}

;// CONCATENATED MODULE: ./src/engine/access/pages.ts
// REST lists read page by page up to a limit. The limits bound what one
// matrix spends of the repository's API budget (SPEC §9); where one stops a
// list that GitHub has more of, the list says so (SPEC §7).

/** The limits users get: 2,000 branches and collaborators, 100 teams and rules, 1,000 members. */
const ACCESS_LIMITS = {
    branches: { pages: 20, perPage: 100 },
    collaborators: { pages: 20, perPage: 100 },
    teams: { pages: 1, perPage: 100 },
    teamMembers: { pages: 10, perPage: 100 },
    branchRules: { pages: 1, perPage: 100 }
};
/**
 * Every page of `route` up to `limit`. A short page ends the list. A full
 * page at the limit is cut where GitHub links a next page, or sends no Link
 * header to tell (GitHub omits it on a single page, so exactly `perPage`
 * items on page 1 is reported as cut: the safe side).
 */
async function listPages(o) {
    const { limit } = o;
    const items = [];
    for (let page = 1; page <= limit.pages; page++) {
        const r = await o.port.rest(o.route, {
            ...o.params,
            per_page: limit.perPage,
            page
        });
        const got = (0,shape/* arr */.QL)(r.data, o.path ?? o.list);
        items.push(...got);
        if (got.length < limit.perPage)
            break;
        if (page === limit.pages && hasNext(r.headers.link)) {
            return {
                items,
                truncated: {
                    list: o.list,
                    read: items.length,
                    pages: limit.pages,
                    perPage: limit.perPage
                }
            };
        }
    }
    return { items, truncated: null };
}
function hasNext(link) {
    return typeof link === 'string' ? /rel="next"/.test(link) : true;
}
/** `2,000` */
const pages_count = (x) => x.toLocaleString('en-US');
/** `the list was cut at 20 pages of 100` */
function cutAt(t) {
    return `the list was cut at ${pages_count(t.pages)} page${t.pages === 1 ? '' : 's'} of ${pages_count(t.perPage)}`;
}
/** What a renderer prints next to a cut list: `first 2,000 collaborators read: the list was cut at 20 pages of 100` */
function truncatedNote(t) {
    return `first ${pages_count(t.read)} ${t.list} read: ${cutAt(t)}`;
}
/** A gap for a cut list: `could not read all collaborators: the list was cut at 20 pages of 100 (2,000 read)` */
function cutGap(t, what = t.list) {
    return `could not read all ${what}: ${cutAt(t)} (${pages_count(t.read)} read)`;
}

;// CONCATENATED MODULE: ./src/engine/access/branches.ts
// The branches the policy names, and for each what protects it now: the
// approvals its active rules and classic protection require, who may bypass
// its rulesets, and whether administrators are bound.








/** The existing branches each policy glob names; literal names even when absent. */
async function branchesOf(port, repo, o) {
    const literal = o.globs.filter((g) => !/[*?[\]{}()!+@]/.test(g));
    const patterns = o.globs.filter((g) => !literal.includes(g));
    // The default branch exists: a policy naming only it needs no listing
    // (a repository of a thousand branches would take ten pages).
    if (patterns.length === 0 && literal.every((b) => b === repo.defaultBranch)) {
        return {
            branches: literal.map((name) => ({ name, exists: true })),
            truncated: null
        };
    }
    const { items, truncated } = await listPages({
        port,
        route: 'GET /repos/{owner}/{repo}/branches',
        params: { owner: repo.owner, repo: repo.name },
        limit: o.limit,
        list: 'branches'
    });
    const existing = items.map((b, i) => (0,shape/* str */.gx)((0,shape/* obj */.WL)(b, `branches[${i}]`).name, `branches[${i}].name`));
    const names = new Set(literal);
    for (const name of existing) {
        if (patterns.some((g) => (0,esm/* minimatch */.xF)(name, g)))
            names.add(name);
    }
    return {
        branches: [...names].map((name) => ({
            name,
            exists: existing.includes(name)
        })),
        truncated
    };
}
async function readBranchAccess(port, repo, o) {
    const { branch } = o;
    const [rulesRead, classic] = await Promise.all([
        readOr('metadata: read', async () => {
            const { items, truncated } = await listPages({
                port,
                route: 'GET /repos/{owner}/{repo}/rules/branches/{branch}',
                params: { owner: repo.owner, repo: repo.name, branch: branch.name },
                limit: o.rulesLimit,
                list: 'rules',
                path: `rules/branches/${branch.name}`
            });
            return {
                rules: parseRules(items, `rules/branches/${branch.name}`),
                truncated
            };
        }),
        branches_classicProtection(port, repo, branch.name)
    ]);
    const rules = isCannot(rulesRead) ? rulesRead : rulesRead.rules;
    const rulesTruncated = isCannot(rulesRead) ? null : rulesRead.truncated;
    const protectedBy = [];
    let required = 0;
    if (!isCannot(rules)) {
        for (const rule of rules) {
            if (rule.pullRequest === undefined)
                continue;
            required = Math.max(required, rule.pullRequest.requiredApprovingReviewCount);
            protectedBy.push(String(rule.rulesetId ?? '?'));
        }
    }
    if (classic !== null && !isCannot(classic)) {
        required = Math.max(required, classic.requiredApprovingReviewCount ?? 0);
        protectedBy.push('classic branch protection');
    }
    const rulesetIds = isCannot(rules)
        ? []
        : [
            ...new Set(rules
                .map((r) => r.rulesetId)
                .filter((id) => id !== null))
        ];
    const { actors: bypass, names } = await readRulesets(port, repo, rulesetIds);
    // `ruleset "protect main" (1007)`: the name where the token could read it
    protectedBy.forEach((id, i) => {
        if (id === 'classic branch protection')
            return;
        const name = names.get(Number(id));
        protectedBy[i] =
            name === undefined ? `ruleset ${id}` : `ruleset "${name}" (${id})`;
    });
    // Classic protection binds administrators only with enforce_admins;
    // rulesets bind them unless the admin role is a bypass actor.
    const classicLets = classicLetsAdmins(classic);
    const rulesetsLet = isCannot(bypass)
        ? null
        : bypass.some((b) => /repository role admin|organization admins/.test(b));
    const adminsBypass = classicLets === true || rulesetsLet === true
        ? true
        : classicLets === null || rulesetsLet === null
            ? null
            : false;
    return {
        name: branch.name,
        exists: branch.exists,
        protectedBy,
        bypassActors: bypass,
        adminsBypass,
        rules,
        rulesTruncated,
        classic,
        required
    };
}
/** Whether classic protection lets administrators through; null: cannot tell. */
function classicLetsAdmins(classic) {
    if (classic === null)
        return false;
    return isCannot(classic) ? null : !classic.enforceAdmins;
}
/**
 * docs.github.com/en/rest/branches/branch-protection: a 404 is "no classic
 * protection", a 403 a token that may not read it.
 */
async function branches_classicProtection(port, repo, branch) {
    try {
        const r = await port.rest('GET /repos/{owner}/{repo}/branches/{branch}/protection', {
            owner: repo.owner,
            repo: repo.name,
            branch
        });
        return parseClassicProtection(r.data, `branches/${branch}/protection`);
    }
    catch (error) {
        if (error instanceof errors/* GitHubApiError */.OS && error.status === 404)
            return null;
        if (error instanceof errors/* GitHubApiError */.OS && error.status === 403) {
            return cannot('administration: read', error.message);
        }
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/engine/access/holders.ts
// Who holds access: the people and teams with write, maintain or admin on the
// repository, and the members of a team (for reviewer teams). Each list is
// read up to its limit and says when the limit cut it.




/** `readOr` for a paged list: a refused list is not a cut one. */
async function readListOr(permission, read) {
    const got = await readOr(permission, read);
    return isCannot(got) ? { value: got, truncated: null } : got;
}
/** docs.github.com/en/rest/teams/members#list-team-members (organization `members: read`) */
async function teamMembers(port, team, limit) {
    return readListOr('members: read (organization)', async () => {
        const { items, truncated } = await listPages({
            port,
            route: 'GET /orgs/{org}/teams/{team_slug}/members',
            params: { org: team.org, team_slug: team.slug },
            limit,
            list: `members of team ${team.org}/${team.slug}`,
            path: 'team members'
        });
        return {
            value: items.map((m, i) => (0,shape/* str */.gx)((0,shape/* obj */.WL)(m, `members[${i}]`).login, `members[${i}].login`)),
            truncated
        };
    });
}
/**
 * docs.github.com/en/rest/collaborators/collaborators#list-repository-collaborators
 * and docs.github.com/en/rest/repos/repos#list-repository-teams.
 */
async function writersOf(port, repo, limit) {
    return readListOr('administration: read (or a token of a repository writer)', async () => {
        const { items, truncated } = await listPages({
            port,
            route: 'GET /repos/{owner}/{repo}/collaborators',
            params: { owner: repo.owner, repo: repo.name, affiliation: 'all' },
            limit,
            list: 'collaborators'
        });
        const value = items.flatMap((item, i) => {
            const c = (0,shape/* obj */.WL)(item, `collaborators[${i}]`);
            const role = roleOf(c, `collaborators[${i}]`);
            return role === null
                ? []
                : [
                    {
                        login: (0,shape/* str */.gx)(c.login, `collaborators[${i}].login`),
                        type: 'User',
                        role
                    }
                ];
        });
        return { value, truncated };
    });
}
async function teamsOf(port, repo, limit) {
    return readListOr('administration: read', async () => {
        const { items, truncated } = await listPages({
            port,
            route: 'GET /repos/{owner}/{repo}/teams',
            params: { owner: repo.owner, repo: repo.name },
            limit,
            list: 'teams'
        });
        const value = items.flatMap((item, i) => {
            const t = (0,shape/* obj */.WL)(item, `teams[${i}]`);
            const permission = (0,shape/* optStr */.VK)(t.permission, `teams[${i}].permission`);
            if (permission === null ||
                !['push', 'maintain', 'admin'].includes(permission))
                return [];
            const org = /\/orgs\/([^/]+)\/teams\//.exec((0,shape/* optStr */.VK)(t.html_url, `teams[${i}].html_url`) ?? '')?.[1];
            const slug = (0,shape/* str */.gx)(t.slug, `teams[${i}].slug`);
            return [
                {
                    login: org === undefined ? slug : `${org}/${slug}`,
                    type: 'Team',
                    role: permission === 'push' ? 'write' : permission
                }
            ];
        });
        return { value, truncated };
    });
}
function roleOf(c, path) {
    const p = (0,shape/* optObj */.vW)(c.permissions, `${path}.permissions`);
    if (p === null)
        return null;
    if (p.admin === true)
        return 'admin';
    if (p.maintain === true)
        return 'maintain';
    if (p.push === true)
        return 'write';
    return null;
}

;// CONCATENATED MODULE: ./src/engine/access/environments.ts
// Who and what may deploy to an environment, as GitHub has it now: its
// settings as the gate reads them, the members of its reviewer teams, and the
// GitHub Apps whose custom protection rules it runs.





async function readEnvironmentAccess(port, repo, o) {
    const { name } = o;
    const fact = await readEnvironment(port, repo, name);
    const base = {
        name,
        exists: null,
        url: null,
        deploymentBranches: null,
        reviewers: [],
        preventSelfReview: null,
        adminBypass: null,
        waitTimer: null,
        customRules: null
    };
    if ('unreadable' in fact) {
        return {
            fact,
            access: {
                ...base,
                deploymentBranches: cannot(fact.permission, fact.detail)
            }
        };
    }
    if (!fact.exists) {
        return {
            fact,
            access: {
                ...base,
                exists: false,
                url: fact.settingsUrl,
                deploymentBranches: 'any'
            }
        };
    }
    const s = fact.settings;
    const customRules = await customRulesOf(port, repo, s.name);
    const reviewers = await Promise.all(s.reviewers.map(async (r) => {
        if (r.type === 'User')
            return { type: 'User', name: r.name, members: null };
        const [org, slug] = r.name.includes('/')
            ? r.name.split('/', 2)
            : [repo.owner, r.name];
        const members = await teamMembers(port, { org, slug }, o.membersLimit);
        return {
            type: 'Team',
            name: r.name,
            members: members.value,
            ...(members.truncated === null
                ? {}
                : { membersTruncated: members.truncated })
        };
    }));
    const policies = s.deploymentBranchPolicy;
    return {
        fact,
        access: {
            name: s.name,
            exists: true,
            url: s.settingsUrl,
            deploymentBranches: policies === null
                ? 'any'
                : policies.protectedBranches
                    ? 'protected'
                    : s.branchPolicies === null
                        ? cannot('actions: read', 'the branch patterns were not read')
                        : 'unreadable' in s.branchPolicies
                            ? cannot(s.branchPolicies.permission, s.branchPolicies.detail)
                            : s.branchPolicies.map((p) => p.type === 'tag' ? `tag:${p.name}` : p.name),
            reviewers,
            preventSelfReview: s.preventSelfReview,
            adminBypass: s.canAdminsBypass,
            waitTimer: s.waitTimer,
            customRules
        }
    };
}
/**
 * docs.github.com/en/rest/deployments/protection-rules: the slugs of the
 * Apps whose enabled rules the environment runs.
 */
async function customRulesOf(port, repo, environment) {
    return readOr('actions: read', async () => {
        const r = await port.rest('GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules', { owner: repo.owner, repo: repo.name, environment_name: environment });
        const body = (0,shape/* obj */.WL)(r.data, 'deployment_protection_rules');
        return (0,shape/* arr */.QL)(body.custom_deployment_protection_rules, 'custom_deployment_protection_rules')
            .map((item, i) => (0,shape/* obj */.WL)(item, `custom_deployment_protection_rules[${i}]`))
            .filter((rule) => rule.enabled !== false)
            .map((rule, i) => {
            const app = (0,shape/* obj */.WL)(rule.app, `custom_deployment_protection_rules[${i}].app`);
            return (0,shape/* str */.gx)(app.slug, `custom_deployment_protection_rules[${i}].app.slug`);
        });
    });
}

;// CONCATENATED MODULE: ./src/engine/access/gaps.ts
// The gaps of the access matrix: what is read, judged against the policy.
// The environment's settings are judged by the gate's own rule, so the
// matrix and the gate never disagree about what is open.




function environmentWithGaps(read, policy) {
    const { fact, access } = read;
    if ('unreadable' in fact) {
        return {
            ...access,
            gaps: [
                `its settings could not be read: the token needs \`${fact.permission}\``
            ]
        };
    }
    if (!fact.exists) {
        return {
            ...access,
            gaps: [
                'it does not exist in the repository settings: any workflow that names it creates it with no rules'
            ]
        };
    }
    const want = policy.environmentProtection;
    const gaps = want === false
        ? []
        : settingsProblems(fact.settings, want, policy.branches).problems.map(stripWhere);
    for (const r of access.reviewers) {
        if (isCannot(r.members)) {
            gaps.push(`the members of reviewer team ${r.name} could not be read: the token needs \`${r.members.permission}\``);
        }
        if (r.membersTruncated !== undefined) {
            gaps.push(cutGap(r.membersTruncated, `members of reviewer team ${r.name}`));
        }
    }
    if (isCannot(access.customRules)) {
        gaps.push(`its custom protection rules could not be read: the token needs \`${access.customRules.permission}\``);
    }
    return { ...access, gaps };
}
/** The messages of the checks end with where to fix them; the matrix links the page once. */
function stripWhere(problem) {
    return problem.replace(/ under Settings → Environments → [^(]+\([^)]+\)/g, '');
}
/** `wantApprovals`: the most any environment's policy asks of its branches. */
function branchWithGaps(read, wantApprovals) {
    const { required } = read;
    const gaps = [];
    const unread = [read.rules, read.classic].filter(isCannot);
    let requiredApprovals = required;
    const first = unread[0];
    if (first !== undefined && required < wantApprovals) {
        requiredApprovals = first;
        gaps.push(`its required approvals could not be read completely: the token needs \`${unread.map((u) => u.permission).join('` and `')}\``);
    }
    else if (required < wantApprovals && read.rulesTruncated !== null) {
        // A rule past the limit may require more: not known to be too few.
        gaps.push(`its required approvals could not be read completely: the rules read require ${required}; the policy asks for ${wantApprovals}`);
    }
    else if (required < wantApprovals) {
        gaps.push(`it requires ${required} approving review${required === 1 ? '' : 's'}; the policy asks for ${wantApprovals}`);
    }
    if (read.rulesTruncated !== null) {
        gaps.push(`${cutGap(read.rulesTruncated, 'its rules')}; the approvals, rulesets and bypass actors shown are those of the rules read`);
    }
    if (!read.exists)
        gaps.push('it does not exist');
    const bypass = read.bypassActors;
    if (isCannot(bypass)) {
        gaps.push(`who may bypass its rulesets could not be read: the token needs \`${bypass.permission}\``);
    }
    else if (bypass.length > 0) {
        gaps.push(`${bypass.length} actor${bypass.length === 1 ? '' : 's'} may bypass its rulesets: ${bypass.join(', ')}`);
        // `exempt`: "rules will not be run for that actor and a bypass audit
        // entry will not be created" (docs.github.com/en/rest/repos/rules#
        // create-a-repository-ruleset, `bypass_mode`): nothing records its pushes.
        const exempt = bypass.filter((a) => a.endsWith(' (exempt)'));
        if (exempt.length > 0) {
            gaps.push(`${andWords(exempt.map((a) => a.slice(0, -' (exempt)'.length)))} ${exempt.length === 1 ? 'is' : 'are'} exempt from its rulesets: the rules are not even evaluated for ${exempt.length === 1 ? 'it' : 'them'} and GitHub creates no bypass audit entry: set the bypass mode to "always" or remove ${exempt.length === 1 ? 'it' : 'them'}`);
        }
    }
    if (classicLetsAdmins(read.classic) === true) {
        gaps.push('administrators are not bound by its classic protection (enforce admins is off)');
    }
    return {
        name: read.name,
        exists: read.exists,
        requiredApprovals,
        protectedBy: read.protectedBy,
        bypassActors: bypass,
        adminsBypass: read.adminsBypass,
        ...(read.rulesTruncated === null
            ? {}
            : { rulesTruncated: read.rulesTruncated }),
        gaps
    };
}
function andWords(items) {
    return items.length < 2
        ? items.join('')
        : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}
/** Every gap of the matrix, prefixed with what it is about. */
function matrixGaps(m) {
    const gaps = [
        ...m.environments.flatMap((e) => e.gaps.map((g) => `environment ${e.name}: ${g}`)),
        ...m.branches.flatMap((b) => b.gaps.map((g) => `branch ${b.name}: ${g}`))
    ];
    if (isCannot(m.writers)) {
        gaps.push(`who holds write access could not be read: the token needs \`${m.writers.permission}\``);
    }
    if (isCannot(m.writerTeams)) {
        gaps.push(`which teams hold write access could not be read: the token needs \`${m.writerTeams.permission}\``);
    }
    // A cut list is not "nobody else": what it could not reach is a gap.
    if (m.writersTruncated !== undefined) {
        gaps.push(`${cutGap(m.writersTruncated)}; others may hold write access`);
    }
    if (m.writerTeamsTruncated !== undefined) {
        gaps.push(`${cutGap(m.writerTeamsTruncated, 'teams with access')}; other teams may hold write access`);
    }
    if (m.branchesTruncated !== undefined) {
        gaps.push(`${cutGap(m.branchesTruncated)}; branches past them that match the policy are not in the matrix`);
    }
    return gaps;
}

;// CONCATENATED MODULE: ./src/engine/access/matrix.ts
// The access matrix an auditor asks for (SPEC §7): for each environment in
// the policy, who and what may deploy to it; for each branch in `branches`,
// the approvals it requires, who may bypass them, and who may push. Every
// gap against the policy is flagged; whatever the token cannot read is named
// with the permission that would read it, never shown as "nobody", and a
// list cut at its page limit says so.





async function accessMatrix(o) {
    const { github: port, repository: repo, policy, now } = o;
    const limits = { ...ACCESS_LIMITS, ...o.limits };
    const envPolicies = Object.values(policy.environments);
    const globs = [...new Set(envPolicies.flatMap((e) => e.branches))];
    const [environments, listed, writers, writerTeams] = await Promise.all([
        Promise.all(envPolicies.map(async (e) => environmentWithGaps(await readEnvironmentAccess(port, repo, {
            name: e.name,
            membersLimit: limits.teamMembers
        }), e))),
        branchesOf(port, repo, { globs, limit: limits.branches }),
        writersOf(port, repo, limits.collaborators),
        teamsOf(port, repo, limits.teams)
    ]);
    const wantApprovals = Math.max(0, ...envPolicies.map((e) => e.branchProtection === false ? 0 : e.branchProtection.requiredApprovals));
    const branches = await Promise.all(listed.branches.map(async (branch) => branchWithGaps(await readBranchAccess(port, repo, {
        branch,
        rulesLimit: limits.branchRules
    }), wantApprovals)));
    // A marker only on a list that was cut: an absent one means all was read.
    const cut = (key, t) => (t === null ? {} : { [key]: t });
    const truncated = {
        ...cut('writersTruncated', writers.truncated),
        ...cut('writerTeamsTruncated', writerTeams.truncated),
        ...cut('branchesTruncated', listed.truncated)
    };
    return {
        repository: `${repo.owner}/${repo.name}`,
        generatedAt: now.toISOString(),
        environments,
        branches,
        writers: writers.value,
        writerTeams: writerTeams.value,
        ...truncated,
        gaps: matrixGaps({
            environments,
            branches,
            writers: writers.value,
            writerTeams: writerTeams.value,
            ...truncated
        })
    };
}

;// CONCATENATED MODULE: ./src/engine/access/index.ts
// The access matrix as the engine's door offers it: reading it, and the
// types those who render it need.




;// CONCATENATED MODULE: ./src/engine/break-glass/index.ts





;// CONCATENATED MODULE: ./src/engine/audit/break-glass-reviews.ts
// The break-glass register (SPEC §5.7, §7): every follow-up issue the gate
// opened for the audited environment in the period, with its independent
// review judged, and linked to the deployment it covers.




const BREAK_GLASS_ISSUES = `
query AuditBreakGlass($owner: String!, $name: String!, $labels: [String!], $since: DateTime, $after: String) {
  ${queries/* RATE_LIMIT */.jS}
  repository(owner: $owner, name: $name) {
    issues(labels: $labels, first: 100, after: $after, orderBy: {field: CREATED_AT, direction: DESC}, filterBy: {since: $since}) {
      pageInfo { hasNextPage endCursor }
      nodes {
        number url body createdAt closedAt stateReason
        author { login }
        timelineItems(itemTypes: [CLOSED_EVENT], last: 1) { nodes { ... on ClosedEvent { actor { login } createdAt } } }
      }
    }
  }
}`;
/** Pages of issues read before stopping: 5,000 break-glass issues. */
const MAX_ISSUE_PAGES = 50;
/** Issues with the break-glass label updated since `since`: one request per 100. */
async function breakGlassIssues(o) {
    const issues = [];
    let after = null;
    for (let pages = 0; pages < MAX_ISSUE_PAGES; pages++) {
        const answer = await o.github.graphql(BREAK_GLASS_ISSUES, {
            owner: o.repo.owner,
            name: o.repo.repo,
            labels: [BREAK_GLASS_LABEL],
            since: o.since.toISOString(),
            after
        });
        const repository = (0,shape/* optObj */.vW)((0,shape/* obj */.WL)(answer.data, 'data').repository, 'repository');
        const unreadable = answer.errors.find((e) => (e.path ?? []).includes('issues'));
        if (repository === null || unreadable !== undefined) {
            return {
                unreadable: true,
                permission: 'issues: read',
                detail: unreadable?.message ?? 'GitHub returned no issues'
            };
        }
        (0,gather_errors/* assertComplete */.Q9)(answer.errors, 'the break-glass issues');
        const c = (0,shape/* connection */.FI)(repository.issues, 'issues');
        c.nodes.forEach((n, i) => issues.push(parseIssue(n, `issues[${i}]`)));
        if (!c.hasNextPage || c.endCursor === null)
            break;
        after = c.endCursor;
    }
    return issues;
}
function parseIssue(value, at) {
    const issue = (0,shape/* obj */.WL)(value, at);
    const author = (0,shape/* optObj */.vW)(issue.author, `${at}.author`);
    const closedAt = (0,shape/* optStr */.VK)(issue.closedAt, `${at}.closedAt`);
    const event = (0,shape/* connection */.FI)(issue.timelineItems, `${at}.timelineItems`).nodes[0];
    const actor = event === undefined
        ? null
        : (0,shape/* optObj */.vW)((0,shape/* obj */.WL)(event, `${at}.closedEvent`).actor, `${at}.actor`);
    return {
        number: (0,shape/* num */.bu)(issue.number, `${at}.number`),
        url: (0,shape/* str */.gx)(issue.url, `${at}.url`),
        body: typeof issue.body === 'string' ? issue.body : '',
        createdAt: (0,shape/* str */.gx)(issue.createdAt, `${at}.createdAt`),
        author: author === null ? null : (0,shape/* str */.gx)(author.login, `${at}.author`),
        closed: closedAt === null
            ? null
            : {
                at: closedAt,
                by: actor === null ? null : (0,shape/* str */.gx)(actor.login, `${at}.actor`),
                reason: (0,shape/* optStr */.VK)(issue.stateReason, `${at}.stateReason`)
            }
    };
}
/** The issue authors the gate opens follow-up issues as (GraphQL shows the bot without `[bot]`). */
const GATE_AUTHORS = ['github-actions', 'github-actions[bot]'];
/**
 * The break-glass issues of the audited environment, each with its review
 * judged; each review of a record the gate made is attached to the entry of
 * the deployment it covers.
 */
function reviewBreakGlass(o) {
    const { issues, request: req } = o;
    if ('unreadable' in issues) {
        return {
            error: `the break-glass issues could not be read (${issues.detail}): the token needs \`${issues.permission}\``
        };
    }
    const byRun = new Map();
    for (const { entry, runId } of o.judged)
        if (runId !== null)
            byRun.set(`${entry.deployment.sha}/${runId}`, entry);
    const out = [];
    for (const issue of issues) {
        const marker = parseBreakGlassMarker(issue.body);
        if (marker === null || marker.environment !== req.environment)
            continue;
        const opened = Date.parse(issue.createdAt);
        if (opened < req.since.getTime() || opened > req.until.getTime())
            continue;
        const entry = byRun.get(`${marker.sha}/${marker.run_id}`);
        const problem = issue.author === null || !GATE_AUTHORS.includes(issue.author)
            ? `opened by ${issue.author ?? 'a deleted account'}, not by the gate's workflow token: not a record the gate made`
            : null;
        const review = {
            issue: { number: issue.number, url: issue.url },
            environment: marker.environment,
            sha: marker.sha,
            runId: marker.run_id,
            approvedBy: marker.approved_by,
            deployer: marker.deployer,
            due: marker.due,
            review: judgeReview(marker, issue.closed, o.now),
            closed: issue.closed,
            deployment: entry?.deployment.id ?? null,
            problem
        };
        if (entry !== undefined && problem === null)
            entry.breakGlass = review;
        out.push(review);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/engine/audit/batch.ts
// The audit reads in bulk: batches within the query limits, a few in flight
// at once.

/** Requests in flight at once: GitHub asks clients not to flood it. */
const CONCURRENCY = 4;
/** Runs `tasks` with at most CONCURRENCY in flight, results in order. */
function limited(tasks) {
    return (0,budget/* limited */.TJ)(tasks, CONCURRENCY);
}

;// CONCATENATED MODULE: ./src/engine/audit/commits.ts
// The commits the audit judges, in bulk: each deployed commit with its pull
// requests, their final heads' tests, its own tests and its deployments to
// every environment (the promotion path); then the other commits of the
// ranges, each with the pull requests it may have come through.







const DEPLOYED_PULL_REQUESTS = 3;
/** a deployed commit's deployments read: beyond them it is not judged */
const DEPLOYED_DEPLOYMENTS = 20;
/**
 * What one deployed commit adds to AuditCommits: its pull requests, their
 * first pages of commits and reviews and their final heads' tests, its own
 * tests, its deployments and their statuses (GitHub's counting: see
 * ../gather/budget.ts).
 */
const DEPLOYED_COST = (0,budget/* plus */.tY)((0,budget/* plus */.tY)({
    nodes: DEPLOYED_PULL_REQUESTS + queries/* PAGE */.KL + DEPLOYED_DEPLOYMENTS,
    requests: 3
}, (0,budget/* times */.Hn)(DEPLOYED_PULL_REQUESTS, { nodes: 3 * queries/* PAGE */.KL + 1, requests: 4 })), (0,budget/* times */.Hn)(DEPLOYED_DEPLOYMENTS, { nodes: queries/* PAGE */.KL, requests: 1 }));
/** A deployed commit: the change it is, its pull requests' heads' tests, its own deployments. */
const DEPLOYED = `... on Commit {
      ...GateCommit
      associatedPullRequests(first: ${DEPLOYED_PULL_REQUESTS}) { nodes { ...GatePullRequest
        headCommit: commits(last: 1) { nodes { commit { oid statusCheckRollup { ...GateRollup } } } } } }
      statusCheckRollup { ...GateRollup }
      deployments(first: ${DEPLOYED_DEPLOYMENTS}, orderBy: {field: CREATED_AT, direction: DESC}) { ...GateDeployments }
    }`;
function deployedQuery(oids) {
    return (0,queries/* commitsQuery */.pd)({
        operation: 'AuditCommits',
        alias: 'c',
        oids,
        selection: DEPLOYED,
        fragments: `${queries/* PULL_REQUEST_FIELDS */.Wi}\n${queries/* ROLLUP_FIELDS */.v9}\n${queries/* DEPLOYMENT_FIELDS */.wm}`
    });
}
/** The deployed commits, batched; null for an oid GitHub does not know. */
async function deployedCommits(o) {
    const found = new Map();
    const more = { pages: [], totals: new Map() };
    await (0,budget/* askInBatches */.Ds)({
        items: o.oids,
        each: () => DEPLOYED_COST,
        concurrency: CONCURRENCY,
        ask: async (batch) => {
            const { query, variables } = deployedQuery(batch);
            const answer = await o.github.graphql(query, { owner: o.repo.owner, name: o.repo.repo, ...variables }, { splittable: true });
            const repository = (0,shape/* obj */.WL)((0,shape/* obj */.WL)(answer.data, 'data').repository, 'repository');
            // Tests a token cannot read are reported per commit by readRollup.
            (0,gather_errors/* assertComplete */.Q9)(answer.errors, 'the deployed commits', (e) => (e.path ?? []).includes('statusCheckRollup') ||
                (e.type === 'NOT_FOUND' && (e.path ?? []).length === 2));
            batch.forEach((oid, i) => {
                const node = (0,shape/* optObj */.vW)(repository[`c${i}`], `commit ${oid.slice(0, 7)}`);
                const errors = answer.errors.filter((e) => e.path?.[1] === `c${i}`);
                found.set(oid, node === null || node.oid === undefined
                    ? null
                    : parseDeployed({ node, oid, errors, more }));
            });
        }
    });
    const byEnv = new Map();
    for (const d of found.values()) {
        if (d === null)
            continue;
        for (const dep of d.deployments)
            byEnv.set(dep.environment, [...(byEnv.get(dep.environment) ?? []), dep]);
    }
    await completeStatuses(o.github, o.repo, more.pages, byEnv, more.totals);
    return found;
}
/** One deployed commit of a batch's answer; notes where more statuses are. */
function parseDeployed(o) {
    const { node, oid, errors } = o;
    const at = `commit ${oid.slice(0, 7)}`;
    const page = deploymentPage(node.deployments, `${at}.deployments`);
    o.more.pages.push(...page.statusPages);
    for (const [id, total] of page.statusTotals)
        o.more.totals.set(id, total);
    return {
        commit: parseCommit(node, at),
        candidates: associated(node, at),
        ciResults: readRollup(node, oid, at, errors.filter((e) => e.path?.length === 3 && e.path[2] === 'statusCheckRollup')),
        heads: commits_headRollups(node, at, errors),
        deployments: page.list,
        moreDeployments: page.cursor !== null
    };
}
/** The tests of each of a commit's pull requests' final heads. */
function commits_headRollups(node, at, errors) {
    const heads = new Map();
    const prs = (0,shape/* optObj */.vW)(node.associatedPullRequests, `${at}.associatedPullRequests`);
    if (prs === null)
        return heads;
    (0,shape/* connection */.FI)(prs, `${at}.associatedPullRequests`).nodes.forEach((n, j) => {
        const pr = (0,shape/* obj */.WL)(n, `${at}.pr[${j}]`);
        const last = (0,shape/* connection */.FI)(pr.headCommit, `${at}.pr[${j}].head`).nodes[0];
        const head = last === undefined
            ? null
            : (0,shape/* optObj */.vW)((0,shape/* obj */.WL)(last, 'head').commit, 'head.commit');
        if (head === null)
            return;
        heads.set((0,shape/* num */.bu)(pr.number, `${at}.pr[${j}].number`), readRollup(head, (0,shape/* str */.gx)(head.oid, 'head.oid'), `${at}.pr[${j}].head`, errors.filter((e) => e.path?.[3] === j && (e.path ?? []).includes('statusCheckRollup'))));
    });
    return heads;
}
/** Commits of the ranges that were not deployed themselves. */
async function changeCommits(o) {
    const found = new Map();
    await (0,budget/* askInBatches */.Ds)({
        items: o.oids,
        each: () => queries/* CHANGE_COST */.FP,
        concurrency: CONCURRENCY,
        ask: async (batch) => {
            const { query, variables } = (0,queries/* changesQuery */.SP)(batch);
            const answer = await o.github.graphql(query, { owner: o.repo.owner, name: o.repo.repo, ...variables }, { splittable: true });
            (0,gather_errors/* assertComplete */.Q9)(answer.errors, 'the changes between deployments');
            const repository = (0,shape/* obj */.WL)((0,shape/* obj */.WL)(answer.data, 'data').repository, 'repository');
            batch.forEach((oid, j) => {
                const node = (0,shape/* obj */.WL)(repository[`c${j}`], `commit ${oid}`);
                found.set(oid, {
                    commit: parseCommit(node, `commit ${oid}`),
                    candidates: associated(node, `commit ${oid}`)
                });
            });
        }
    });
    return found;
}

;// CONCATENATED MODULE: ./src/engine/audit/completeness-read.ts
// The history of a branch in the audit's period, for completeness (SPEC §7):
// every commit GitHub lists on it, with its parents and the pull request
// GitHub says introduced it, a page of 100 commits a query.
//
// GitHub's `Commit.history(since:, until:)` lists every ancestor, all
// parents followed, "in the same order as git log" (Commit.history,
// docs.github.com/en/graphql/reference/objects#commit), and, as `git log
// --since/--until`, filters on the committer date, not the author date
// (isomorphic-git/isomorphic-git#227, git's own revision walk): a rebased or
// amended commit counts at the time it was rewritten. `associatedPullRequests`
// is "the merged Pull Request that introduced the commit to the repository"
// (its schema description), the squash or rebase copy included: one is read
// here, and a commit it does not explain is asked again with more
// (completeness.ts).





/** Pages of a branch's history read: beyond them completeness is not established. */
const MAX_BRANCH_PAGES = 100;
/**
 * 4 points a page: `history` 1 request, then per commit its parents, its
 * pull request, and that pull request's first pages of commits and reviews
 * (GitHub counts each connection once per parent node: 1 + 4 x 100 = 401
 * requests; 100 + 200 + 100 + 2 x 10,000 nodes).
 */
const BRANCH_HISTORY_COST = { nodes: 20_400, requests: 401 };
const BRANCH_HISTORY = `
query AuditBranchHistory($owner: String!, $name: String!, $branch: String!, $since: GitTimestamp!, $until: GitTimestamp!, $after: String) {
  ${queries/* RATE_LIMIT */.jS}
  repository(owner: $owner, name: $name) {
    ref(qualifiedName: $branch) { target { ... on Commit {
      history(first: 100, after: $after, since: $since, until: $until) {
        pageInfo { hasNextPage endCursor }
        nodes {
          ...GateCommit
          parents(first: 2) { totalCount nodes { oid } }
          associatedPullRequests(first: 1) { nodes { ...GatePullRequest } }
        }
      }
    } } }
  }
}
${queries/* PULL_REQUEST_FIELDS */.Wi}`;
/** Every commit of `branch` committed in the period, newest first. */
async function branchHistory(o) {
    const commits = [];
    let after = null;
    for (let page = 0;; page++) {
        if (page >= MAX_BRANCH_PAGES) {
            return {
                branch: o.branch,
                commits,
                truncated: `more than ${MAX_BRANCH_PAGES * 100} commits on ${o.branch} in the period: only the newest ${commits.length} were read; audit a shorter period`
            };
        }
        const answer = await o.github.graphql(BRANCH_HISTORY, {
            owner: o.repo.owner,
            name: o.repo.repo,
            branch: `refs/heads/${o.branch}`,
            since: o.since.toISOString(),
            until: o.until.toISOString(),
            after
        });
        (0,gather_errors/* assertComplete */.Q9)(answer.errors, `the history of ${o.branch}`);
        const repository = (0,shape/* obj */.WL)((0,shape/* obj */.WL)(answer.data, 'data').repository, 'repository');
        const ref = (0,shape/* optObj */.vW)(repository.ref, `ref(${o.branch})`);
        if (ref === null)
            return { branch: o.branch, missing: true };
        const target = (0,shape/* obj */.WL)(ref.target, `ref(${o.branch}).target`);
        if (target.history === undefined) {
            throw new errors/* GitHubApiError */.OS(`${o.branch} does not point at a commit: its history cannot be read`);
        }
        const c = (0,shape/* connection */.FI)(target.history, `${o.branch}.history`);
        c.nodes.forEach((n, i) => {
            const at = `${o.branch}.history[${i}]`;
            const node = (0,shape/* obj */.WL)(n, at);
            commits.push({
                commit: parseCommit(node, at),
                candidates: associated(node, at)
            });
        });
        if (!c.hasNextPage || c.endCursor === null) {
            return { branch: o.branch, commits, truncated: null };
        }
        after = c.endCursor;
    }
}

;// CONCATENATED MODULE: ./src/engine/audit/completeness.ts
// Completeness (SPEC §7): the commits on the branches the environment
// deploys from, committed in the period, that no merged pull request into
// the branch and no allowed direct push explains, deployed or not. Judged
// by the gate's own code: the pull request a commit entered through is
// `choosePullRequest`'s choice over the period's history (a merge, squash or
// rebase commit, or a pull request's own commit its merge brought in), and a
// commit with none is approval-record's direct push, allowed only for
// `approvals.direct_pushes`. So the audit and the gate call the same commit
// explained. Every commit GitHub lists is judged, not only the first-parent
// line: a commit a local merge carried in entered the branch as much as the
// merge did (SPEC §4 `scope`).








const completeness_isGlob = (pattern) => /[*?[\]{}()!+@]/.test(pattern);
/** The completeness of the period; never throws: what fails is an error of the report. */
async function readCompleteness(o) {
    const literal = o.policy.branches.filter((b) => !completeness_isGlob(b));
    const globs = o.policy.branches.filter(completeness_isGlob);
    const branches = [...new Set([o.defaultBranch, ...literal])];
    const out = {
        branches,
        missing: [],
        since: o.since.toISOString(),
        until: o.until.toISOString(),
        commitsRead: 0,
        unexplained: [],
        // Branches matching a glob are not listed by this audit: what was pushed
        // to them cannot be shown complete (fail closed, naming the pattern).
        errors: globs.map((g) => `the branches matching ${g} (environments.${o.policy.name}.branches) were not read: completeness is established for ${branches.join(', ')} only; list the branches the environment deploys from by name to have them read`)
    };
    const deployedAt = new Map();
    for (const m of o.members) {
        if (!deployedAt.has(m.deployment.sha))
            deployedAt.set(m.deployment.sha, m);
    }
    const read = await Promise.all(branches.map((branch) => branchHistory({ ...o, branch }).catch((error) => ({
        branch,
        failed: failureText(error)
    }))));
    for (const h of read) {
        if ('failed' in h) {
            out.errors.push(`the history of ${h.branch} in the period could not be read, so completeness is not established: ${h.failed}`);
            continue;
        }
        if ('missing' in h) {
            out.missing.push(h.branch);
            continue;
        }
        out.commitsRead += h.commits.length;
        if (h.truncated !== null)
            out.errors.push(h.truncated);
        try {
            const found = await unexplained({ ...o, history: h });
            out.unexplained.push(...found.map((u) => {
                const m = deployedAt.get(u.sha);
                return {
                    ...u,
                    deployment: m === undefined
                        ? null
                        : { id: m.deployment.id, succeededAt: m.succeededAt }
                };
            }));
        }
        catch (error) {
            out.errors.push(`the pull requests of ${h.branch}'s commits could not be read, so completeness is not established: ${failureText(error)}`);
        }
    }
    return out;
}
/** The commits of one branch's history that nothing explains. */
async function unexplained(o) {
    const { history: h } = o;
    const byOid = new Map(h.commits.map((c) => [c.commit.oid, c]));
    const parents = new Map(h.commits.map((c) => [c.commit.oid, c.commit.parents ?? []]));
    const view = {
        parents,
        range: new Set(byOid.keys()),
        candidatesOf: (oid) => byOid.get(oid)?.candidates ?? null
    };
    // Only this branch's pull requests explain its commits.
    const policy = { ...o.policy, branches: [h.branch] };
    const choose = (c) => choosePullRequest(c.commit, c.candidates, policy, view);
    // One associated pull request was read per commit; where it explains
    // nothing, the commit's others (as many as the gate asks) and every page
    // of their commits are read before it is called unexplained.
    const doubtful = h.commits.filter((c) => choose(c) === null && c.candidates.length > 0);
    if (doubtful.length > 0) {
        const again = await changeCommits({
            github: o.github,
            repo: o.repo,
            oids: doubtful.map((c) => c.commit.oid)
        });
        for (const [oid, c] of again) {
            const known = byOid.get(oid);
            known.candidates = c.candidates;
        }
        await completePullRequests(o.github, o.repo, doubtful.flatMap((c) => c.candidates.filter((p) => p.commitsCursor !== null &&
            p.fact.merged &&
            (0,esm/* minimatch */.xF)(p.fact.baseRefName, h.branch))));
    }
    const left = h.commits.filter((c) => choose(c) === null);
    if (left.length === 0)
        return [];
    // Which merge carried in a commit off the first-parent line: the branch's
    // newest commit in the period heads it, as git log lists it first.
    const head = h.commits[0];
    const { carrier } = lineage({
        parents,
        range: view.range,
        head: head.commit.oid
    });
    const found = [];
    for (const c of left) {
        const carriedBy = carrier.get(c.commit.oid);
        const change = {
            commit: c.commit,
            pullRequest: null,
            ...(carriedBy === undefined ? {} : { carriedBy })
        };
        const why = directPushProblem(change, o.policy, h.branch);
        if (why === null)
            continue;
        found.push({
            sha: c.commit.oid,
            url: c.commit.url,
            branch: h.branch,
            author: who(c.commit.author),
            committer: who(c.commit.committer),
            pusher: null,
            committedAt: c.commit.committedDate,
            carriedBy: carriedBy ?? null,
            why
        });
    }
    return found;
}
/** A failure's message, with its hint (the permission that would read it). */
function failureText(error) {
    const f = (0,errors/* toFailure */.w2)(error);
    return f.hint === undefined ? f.message : `${f.message} (${f.hint})`;
}
function who(identity) {
    if (identity.login !== null)
        return identity.login;
    return identity.name !== null && identity.email !== null
        ? `${identity.name} <${identity.email}>`
        : describeIdentity(identity);
}

;// CONCATENATED MODULE: ./src/engine/audit/facts-at.ts
// The facts the gate would have gathered for a deployment at its own time,
// from what the audit read in bulk (SPEC §7): reviews submitted, upstream
// statuses posted and tests finished after the deployment do not count.
// Handed to the pipeline as the deployment's FactSource for evaluateAsOf.


/** The pipeline's source for one deployment: the policy, and its facts as of then. */
function sourceAt(o) {
    const { facts } = o;
    return () => Promise.resolve({
        policy: o.policy,
        facts: () => {
            if ('unavailable' in facts)
                throw facts.unavailable;
            return Promise.resolve(facts);
        }
    });
}
const UNREAD = () => ({
    unavailable: new errors/* GitHubApiError */.OS('the deployed commit or a change in its range could not be read')
});
const TOO_MANY = (sha) => ({
    unavailable: new errors/* GitHubApiError */.OS(`commit ${sha.slice(0, 7)} has more deployments than the audit reads for one commit (${DEPLOYED_DEPLOYMENTS}, newest first): its upstream deployments may be among the others, so it is not judged`, {
        hint: 'Check its promotion path by hand.'
    })
});
const notAfter = (iso, at) => iso === null || Date.parse(iso) <= at.getTime();
/**
 * The facts the gate would have gathered at `at`. When what the audit reads
 * as it is now failed, every deployment meets that failure, as the gate did.
 */
function factsAt(o) {
    const { request: req, sha, at, reads } = o;
    if ('failed' in reads.now)
        return { unavailable: reads.now.failed };
    const deployed = reads.deployed.get(sha) ?? null;
    if (deployed === null)
        return UNREAD();
    // Only the commit's newest deployments were read: its older ones, the
    // upstream deployments the promotion path needs, may be among the rest.
    // Judged without them the deployment could be blocked or allowed
    // wrongly, so it fails closed and says why.
    if (deployed.moreDeployments)
        return TOO_MANY(sha);
    const changes = changesAt({ oids: o.range.oids, reads, at });
    if (changes === null)
        return UNREAD();
    const now = reads.now;
    return {
        repository: now.repository,
        serverUrl: req.serverUrl,
        environment: req.environment,
        sha,
        commit: deployed.commit,
        deployer: o.run.triggeringActor ?? o.run.actor,
        changes,
        scope: o.range.scope,
        upstream: upstreamAt({ deployed, chain: o.chain, at }),
        jobs: reads.jobs,
        branches: branchesAt(sha, now, reads),
        run: o.run,
        environmentSettings: now.environmentSettings,
        ciResults: checksAt({ sha, changes, rollups: reads.rollups, at }),
        ...(now.reviewerTeams === undefined
            ? {}
            : { reviewerTeams: now.reviewerTeams })
    };
}
/** Each change of the range with its pull request's reviews given by `at`. */
function changesAt(o) {
    const changes = [];
    for (const oid of o.oids) {
        const c = o.reads.commitOf(oid);
        if (c === null)
            return null;
        const pr = o.reads.chosen.get(oid)?.fact ?? null;
        const carriedBy = o.reads.carriedBy.get(oid);
        changes.push({
            commit: c.commit,
            ...(carriedBy === undefined ? {} : { carriedBy }),
            // Reviews given after the deployment do not count for it.
            pullRequest: pr === null
                ? null
                : {
                    ...pr,
                    reviews: pr.reviews.filter((r) => r.submittedAt !== null && notAfter(r.submittedAt, o.at))
                }
        });
    }
    return changes;
}
/** The commit's upstream deployments and their statuses as of `at`. */
function upstreamAt(o) {
    const upstream = {};
    for (const env of o.chain) {
        upstream[env] = o.deployed.deployments
            .filter((x) => x.environment === env && notAfter(x.createdAt, o.at))
            .map((x) => ({
            ...x,
            statuses: x.statuses.filter((s) => notAfter(s.createdAt, o.at))
        }));
    }
    return upstream;
}
/**
 * Which branches hold the commit is known for the newest deployment; for
 * the others, only the default branch's history was walked.
 */
function branchesAt(sha, now, reads) {
    return now.branches.map((b) => ({
        ...b,
        containsCommit: sha === now.sha
            ? b.containsCommit
            : b.name === now.repository.defaultBranch && reads.parents.has(sha)
    }));
}
/** The tests of the deployed commit and its pull request's head, finished by `at`. */
function checksAt(o) {
    const asOf = (sha) => {
        const c = o.rollups.get(sha);
        if (c === undefined) {
            return {
                sha,
                results: {
                    unreadable: true,
                    permission: 'checks: read` and `statuses: read',
                    detail: 'not read'
                }
            };
        }
        const results = 'unreadable' in c.results
            ? c.results
            : c.results.filter((r) => notAfter(r.at, o.at));
        return { sha, results };
    };
    const pr = o.changes[0]?.pullRequest ?? null;
    return {
        commit: asOf(o.sha),
        pullRequestHead: pr === null ? null : { ...asOf(pr.headRefOid), pullRequest: pr.number }
    };
}

;// CONCATENATED MODULE: ./src/engine/audit/policy-at.ts
// Which version of the policy judges a deployment (SPEC §7 "as of its own
// time"): the one that stood on the policy ref at its success. What the
// audit reads in bulk (ranges, upstream deployments, approvals) is driven
// by today's policy; a version that asks for more than that fails closed.

// as GitHub writes times: to the second
const policy_at_iso = (t) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
function named(v) {
    const blob = 'blobSha' in v.file ? `blob ${v.file.blobSha.slice(0, 7)}, ` : '';
    return `${blob}commit ${v.commit.slice(0, 7)}, on the ref from ${policy_at_iso(v.from)}`;
}
/**
 * The version that stood on the ref at `at`: the latest whose `from` is at
 * or before it. Before the first version, or where the version removed the
 * file, no policy stood: the deployment is judged without one and blocks.
 */
function policyAt(o) {
    const { history: h, at } = o;
    const standing = h.versions.filter((v) => Date.parse(v.from) <= at.getTime());
    const version = standing[standing.length - 1];
    if (version === undefined) {
        const first = h.versions[0];
        const missing = !h.complete
            ? `the history of ${h.path} on ${h.ref} was not read back to ${policy_at_iso(at)} (more versions than the audit reads); the oldest read is ${first === undefined ? 'none' : named(first)}`
            : `no policy stood at ${h.path} on ${h.ref} at ${policy_at_iso(at)}: its first version is ${first === undefined ? 'none' : named(first)}`;
        return { read: { missing, ref: h.ref }, version: null };
    }
    if ('missing' in version.file) {
        return {
            read: {
                missing: `no valid policy file stood on ${h.ref} at ${policy_at_iso(at)}: ${version.file.missing} (on the ref from ${policy_at_iso(version.from)})`,
                ref: h.ref
            },
            version
        };
    }
    return {
        read: {
            text: version.file.text,
            blobSha: version.file.blobSha,
            ref: h.ref,
            defaultBranch: o.defaultBranch
        },
        version
    };
}
/** The note each evidence record carries: which version judged it. */
function versionNote(p, at) {
    return p.version === null
        ? `no version of the policy stood on ${p.read.ref} at ${policy_at_iso(at)}`
        : `judged by the policy as it stood on ${p.read.ref} at ${policy_at_iso(at)}: ${named(p.version)}`;
}
/**
 * The source with a guard: the facts were read for today's policy's chain
 * and scope. A version that promotes through an environment the audit did
 * not read, or asks every change of a range where today's policy read the
 * deployed change alone, cannot be judged from them: it fails closed,
 * naming what was not read, instead of failing or passing on missing data.
 */
function withinReads(source, read) {
    return async () => {
        const got = await source();
        return {
            policy: got.policy,
            facts: async (question) => {
                const unread = question.chain.filter((e) => !read.chain.includes(e));
                if (unread.length > 0)
                    throw new errors/* GitHubApiError */.OS(`the policy of the deployment's time promotes through ${unread.join(', ')}, whose deployments the audit did not read: it reads the upstream chain of today's policy (${read.chain.length === 0 ? 'none' : read.chain.join(', ')})`, { hint: 'Check this deployment by hand.' });
                if (question.policy.scope === 'range' && read.scope === 'head')
                    throw new errors/* GitHubApiError */.OS("the policy of the deployment's time checks every change since the previous deployment (scope: range); the audit read only the deployed change, as today's policy asks (scope: head)", { hint: 'Check this deployment by hand.' });
                return got.facts(question);
            }
        };
    };
}
/**
 * The versions that judged the population, oldest first, each with the
 * deployments it judged; deployments judged when none stood are listed
 * under a version with no blob.
 */
function versionsUsed(o) {
    const used = new Map();
    for (const e of o.entries) {
        const { version } = policyAt({
            history: o.history,
            at: new Date(e.deployment.succeededAt),
            defaultBranch: o.defaultBranch
        });
        const key = version?.commit ?? '';
        const row = used.get(key) ?? {
            blobSha: version !== null && 'blobSha' in version.file
                ? version.file.blobSha
                : null,
            commit: version?.commit ?? null,
            committedAt: version?.committedAt ?? null,
            from: version?.from ?? null,
            deployments: []
        };
        row.deployments.push(e.deployment.id);
        used.set(key, row);
    }
    const t = (v) => v.from === null ? Number.NEGATIVE_INFINITY : Date.parse(v.from);
    return [...used.values()].sort((a, b) => t(a) < t(b) ? -1 : t(a) > t(b) ? 1 : 0);
}

;// CONCATENATED MODULE: ./src/engine/audit/request.ts
// The engine request for one deployment of the audit: the same constructor
// as every live decision's (`makeRequest`), never a break-glass.

function requestFor(req, deployment) {
    return (0,request/* makeRequest */.I)({
        owner: req.owner,
        repo: req.repo,
        environment: req.environment,
        sha: deployment.sha,
        policyPath: req.policyPath,
        policyRef: req.policyRef,
        deployer: deployment.deployer,
        run: deployment.run,
        serverUrl: req.serverUrl,
        breakGlassReason: null,
        event: deployment.run?.event ?? null
    });
}

;// CONCATENATED MODULE: ./src/engine/audit/runs.ts
// The workflow runs that made the deployments: who started each (the
// deployer the gate would have seen) and, when the policy asks for them,
// each run's environment approvals.



/** Workflows whose runs are listed before giving up on the rest. */
const MAX_WORKFLOWS = 5;
/**
 * Who started each deploying run. A run read by id names its workflow;
 * that workflow's runs in [from, to] are then listed 100 a page, which
 * usually covers every deployment of the period. Runs of another workflow
 * lead to that workflow, up to MAX_WORKFLOWS; any run still unknown is
 * left out of the answer (its deployer is then unknown).
 */
async function deploymentRuns(o) {
    const runs = new Map();
    return readOr('actions: read', async () => {
        for (let workflows = 0; workflows < MAX_WORKFLOWS; workflows++) {
            const missing = o.ids.find((id) => !runs.has(id));
            if (missing === undefined)
                break;
            const r = await o.github.rest('GET /repos/{owner}/{repo}/actions/runs/{run_id}', { owner: o.repo.owner, repo: o.repo.repo, run_id: missing });
            const run = (0,shape/* obj */.WL)(r.data, `run ${missing}`);
            runs.set(missing, runInfo(run, `run ${missing}`));
            const workflowId = (0,shape/* num */.bu)(run.workflow_id, `run ${missing}.workflow_id`);
            await listWorkflowRuns({ ...o, workflowId, runs });
        }
        return runs;
    });
}
function runInfo(value, at) {
    const run = (0,shape/* obj */.WL)(value, at);
    const login = (v) => {
        const user = (0,shape/* optObj */.vW)(v, `${at}.user`);
        return user === null ? null : (0,shape/* str */.gx)(user.login, `${at}.user.login`);
    };
    return {
        id: (0,shape/* num */.bu)(run.id, `${at}.id`),
        nodeId: typeof run.node_id === 'string' ? run.node_id : null,
        attempt: typeof run.run_attempt === 'number' ? run.run_attempt : null,
        url: (0,shape/* optStr */.VK)(run.html_url, `${at}.html_url`),
        actor: login(run.actor),
        triggeringActor: login(run.triggering_actor),
        event: typeof run.event === 'string' ? run.event : null
    };
}
/**
 * The runs of one workflow created in [from, to], into `runs`. GitHub
 * returns at most 1,000 runs per filtered search, so a window holding more
 * is halved until each half fits.
 */
async function listWorkflowRuns(o) {
    const route = 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs';
    const read = (page, a, b) => o.github
        .rest(route, {
        owner: o.repo.owner,
        repo: o.repo.repo,
        workflow_id: o.workflowId,
        created: `${a.toISOString()}..${b.toISOString()}`,
        per_page: 100,
        page
    })
        .then((r) => (0,shape/* obj */.WL)(r.data, 'workflow runs'));
    const add = (page) => {
        (0,shape/* arr */.QL)(page.workflow_runs, 'workflow_runs').forEach((x, i) => {
            const info = runInfo(x, `workflow_runs[${i}]`);
            o.runs.set(info.id, info);
        });
    };
    const windows = [[o.from, o.to]];
    while (windows.length > 0) {
        const [a, b] = windows.shift();
        const first = await read(1, a, b);
        const total = (0,shape/* num */.bu)(first.total_count, 'total_count');
        if (total > 1000 && b.getTime() - a.getTime() > 1000) {
            const mid = new Date(Math.floor((a.getTime() + b.getTime()) / 2));
            windows.push([a, mid], [new Date(mid.getTime() + 1), b]);
            continue;
        }
        add(first);
        const pages = Math.min(10, Math.ceil(total / 100));
        const rest = await limited(Array.from({ length: Math.max(0, pages - 1) }, (_v, i) => () => read(i + 2, a, b)));
        rest.forEach(add);
    }
}
/** The run a deployment's success links to, as the gate would have seen it. */
function runFact(o) {
    const { id } = o;
    const info = id === null || 'unreadable' in o.runs ? null : (o.runs.get(id) ?? null);
    return {
        id,
        attempt: info?.attempt ?? null,
        url: info?.url ?? null,
        actor: info?.actor ?? null,
        triggeringActor: info?.triggeringActor ?? null,
        event: info?.event ?? null,
        approvals: id === null ? null : (o.approvals.get(id) ?? null)
    };
}
/** What the record says when the runs could not be read. */
function runsNote(runs) {
    return 'unreadable' in runs
        ? `who started the deployment's run is unknown: the token needs \`${runs.permission}\``
        : null;
}

;// CONCATENATED MODULE: ./src/engine/audit/judge.ts
// One deployment of the population, judged as the gate would have judged it
// at its success: the same pipeline (evaluateAsOf) with the policy and the
// facts as of then, and the same evidence step (recordEvidence).






async function judgeDeployment(o) {
    const { member, reads } = o;
    const d = member.deployment;
    const at = new Date(member.succeededAt);
    const run = runFact({
        id: member.runId,
        runs: reads.runs,
        approvals: reads.approvals
    });
    const facts = factsAt({
        request: o.request,
        sha: d.sha,
        at,
        range: o.range,
        reads,
        run,
        chain: o.policy.chain.map((e) => e.name)
    });
    const known = 'unavailable' in facts ? null : facts;
    const request = requestFor(o.request, {
        sha: d.sha,
        deployer: known?.deployer ?? null,
        run: known?.run ?? run
    });
    // the policy file as it stood on the policy ref at the success, not today's
    const standing = policyAt({
        history: o.policy.history,
        at,
        defaultBranch: o.policy.defaultBranch
    });
    const judged = await evaluateAsOf(request, withinReads(sourceAt({ policy: standing.read, facts }), {
        chain: o.policy.chain.map((e) => e.name),
        scope: o.policy.environment.scope
    }), at);
    const notes = [
        versionNote(standing, at),
        o.range.scope.note,
        runsNote(reads.runs)
    ].filter((n) => n !== null);
    const { decision, evidence } = recordEvidence(judged, { mode: 'audit', requests: null, notes }, () => null);
    // how each change entered (the packet's changes.csv): the record keeps no such field
    const carriers = new Map((decision.facts?.changes ?? []).flatMap((c) => c.carriedBy === undefined ? [] : [[c.commit.oid, c.carriedBy]]));
    return {
        deployment: {
            id: d.id,
            sha: d.sha,
            createdAt: d.createdAt,
            succeededAt: member.succeededAt,
            creator: d.creator?.login ?? null
        },
        decision: decision.decision,
        violations: evidence.checks
            .filter((c) => c.status === 'fail' || c.status === 'error')
            .map((c) => c.id),
        evidence,
        summary: {
            deployer: evidence.run.triggering_actor ?? evidence.run.actor,
            runUrl: evidence.run.url,
            changes: evidence.changes.map((c) => {
                const carriedBy = carriers.get(c.sha);
                return {
                    sha: c.sha,
                    pullRequest: c.pull_request?.number ?? null,
                    ...(carriedBy === undefined ? {} : { carriedBy })
                };
            }),
            problems: evidence.checks
                .filter((c) => c.status === 'fail' || c.status === 'error')
                .map((c) => `${c.id}: ${c.problems[0] ?? c.message}`)
        },
        breakGlass: null
    };
}

;// CONCATENATED MODULE: ./src/engine/audit/policy-history.ts
// The policy file's history on the policy ref (SPEC §7 "as of its own
// time"): every version the file had, and from when it stood on the ref,
// read in one query a page of 100 versions (1 point a page: 1 request for
// the history and 100 for the pull requests inside it, rounded).
//
// `Commit.history(path:)` lists "commits touching files under this path",
// "in the same order as `git log`", and `Commit.file(path:)` is "the tree
// entry representing the file located at the given path" at that commit
// (docs.github.com/en/graphql/reference/objects#commit). Like `git log --
// <path>`, it follows only the side of a merge the file came from, so a
// change made on a pull request's branch is listed as that branch's commit,
// dated when it was committed there, not when it was merged.



/** Pages of 100 versions read at most; older versions are named as unread. */
const MAX_POLICY_PAGES = 10;
const POLICY_HISTORY = `
query AuditPolicyHistory($owner: String!, $name: String!, $ref: String!, $path: String!, $after: String) {
  ${queries/* RATE_LIMIT */.jS}
  repository(owner: $owner, name: $name) {
    defaultBranchRef { name }
    ref: object(expression: $ref) { ... on Commit {
      history(first: 100, path: $path, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes {
          oid committedDate
          file(path: $path) { object { ... on Blob { oid text isTruncated isBinary } } }
          associatedPullRequests(first: 5) { nodes { mergedAt baseRefName } }
        }
      }
    } }
  }
}`;
/**
 * The policy file's versions on the policy ref (or the default branch).
 * Throws when the ref's history cannot be read: then no deployment can be
 * judged by the policy of its time.
 */
async function readPolicyHistory(o) {
    const { request: req } = o;
    // HEAD is the default branch, as the gate reads the policy (gather's
    // policy-file.ts), so this runs beside that read, not after it
    const expression = req.policyRef ?? 'HEAD';
    let ref = expression;
    const found = [];
    let after = null;
    let complete = false;
    for (let page = 0; page < MAX_POLICY_PAGES; page++) {
        const answer = await o.github.graphql(POLICY_HISTORY, {
            owner: req.owner,
            name: req.repo,
            ref: expression,
            path: req.policyPath,
            after
        });
        const what = `the history of ${req.policyPath} on ${ref}`;
        (0,gather_errors/* assertComplete */.Q9)(answer.errors, what);
        const repository = (0,shape/* obj */.WL)((0,shape/* obj */.WL)(answer.data, 'data').repository, 'repository');
        if (req.policyRef === null) {
            const branch = (0,shape/* optObj */.vW)(repository.defaultBranchRef, 'defaultBranchRef');
            if (branch !== null)
                ref = (0,shape/* str */.gx)(branch.name, 'defaultBranchRef.name');
        }
        const target = (0,shape/* optObj */.vW)(repository.ref, 'repository.ref');
        if (target === null || target.history === undefined)
            throw new Error(`${what} cannot be read: ${ref} names no commit; the audit judges each deployment by the policy of its time`);
        const c = (0,shape/* connection */.FI)(target.history, 'history');
        c.nodes.forEach((n, i) => found.push((0,shape/* obj */.WL)(n, `history[${i}]`)));
        if (!c.hasNextPage || c.endCursor === null) {
            complete = true;
            break;
        }
        after = c.endCursor;
    }
    // newest first from GitHub; the sort is stable, so among versions that
    // stood from the same moment the newer (listed first) ends up last
    const branch = ref.replace(/^refs\/heads\//, '');
    const versions = found
        .map((node) => versionOf(node, branch))
        .reverse()
        .sort((a, b) => Date.parse(a.from) - Date.parse(b.from));
    return { ref, path: req.policyPath, versions, complete };
}
function versionOf(node, branch) {
    const commit = (0,shape/* str */.gx)(node.oid, 'history.oid');
    const committedAt = (0,shape/* date */.p6)(node.committedDate, 'history.committedDate');
    const merged = (0,shape/* connection */.FI)(node.associatedPullRequests, 'history.associatedPullRequests')
        .nodes.map((p) => (0,shape/* obj */.WL)(p, 'associatedPullRequests.node'))
        .filter((p) => (0,shape/* optStr */.VK)(p.baseRefName, 'baseRefName') === branch)
        .map((p) => (0,shape/* optDate */.wE)(p.mergedAt, 'mergedAt'))
        .filter((t) => t !== null);
    return {
        commit,
        committedAt,
        from: standsFrom(committedAt, merged),
        file: fileOf(node, commit)
    };
}
/**
 * When a version began to stand on the ref. GitHub keeps no time a commit
 * reached a branch (`Commit.pushedDate` is "no longer supported"), so this
 * is the latest of what it does keep: the commit's committer date, and the
 * earliest merge into the branch of a pull request that carried it (a
 * change made on a pull request's branch stood only once merged). A commit
 * pushed straight to the branch is dated when it was committed, which the
 * pusher's clock sets and may be earlier than the push: the limit of what
 * GitHub records.
 */
function standsFrom(committedAt, mergedAt) {
    const earliestMerge = [...mergedAt].sort((a, b) => Date.parse(a) - Date.parse(b))[0];
    return earliestMerge !== undefined &&
        Date.parse(earliestMerge) > Date.parse(committedAt)
        ? earliestMerge
        : committedAt;
}
function fileOf(node, commit) {
    const short = commit.slice(0, 7);
    const entry = (0,shape/* optObj */.vW)(node.file, 'history.file');
    const blob = entry === null ? null : (0,shape/* optObj */.vW)(entry.object, 'file.object');
    if (blob === null)
        return { missing: `commit ${short} removed the policy file` };
    if (typeof blob.text !== 'string')
        return { missing: `the policy file at commit ${short} is binary` };
    if (blob.isTruncated === true)
        return { missing: `the policy file at commit ${short} is too large` };
    return { text: blob.text, blobSha: (0,shape/* str */.gx)(blob.oid, 'file.object.oid') };
}

;// CONCATENATED MODULE: ./src/engine/audit/policy.ts
// The policy an audit reads by: the file on the policy ref today, the
// audited environment's part of it and its upstream chain, which drive what
// is read; and the file's history, whose version at each deployment's
// success judges that deployment (policy-at.ts).




/** Throws when there is no valid policy: then nothing can be judged. */
async function readAuditPolicy(github, req) {
    // one round trip: the file as it is, and its history on the ref
    const [got, history] = await Promise.all([
        (0,policy_file/* fetchPolicy */.BU)(github, req),
        readPolicyHistory({ github, request: req })
    ]);
    if ('missing' in got.policy) {
        throw new Error(`${got.policy.missing}; the audit judges deployments against it`);
    }
    const file = got.policy;
    const all = loadPolicy(file.text, {
        path: req.policyPath,
        ref: file.ref,
        blobSha: file.blobSha,
        defaultBranch: got.defaultBranch
    });
    return {
        repositoryUrl: got.repositoryUrl,
        defaultBranch: got.defaultBranch,
        read: { ...file, defaultBranch: got.defaultBranch },
        all,
        environment: environmentPolicy(all, req.environment),
        chain: upstreamChain(all.environments, req.environment),
        history
    };
}

;// CONCATENATED MODULE: ./src/engine/audit/checkpoint.ts
// Where a long audit stands (SPEC §9): the population it judges and the
// rows judged so far, saved after each chunk, so an audit stopped by
// GitHub's budget resumes where it stopped instead of asking again.

const CHECKPOINT_VERSION = 1;
function checkpointRequest(req) {
    return {
        repository: `${req.owner}/${req.repo}`,
        environment: req.environment,
        policyPath: req.policyPath,
        policyRef: req.policyRef,
        since: req.since.toISOString(),
        until: req.until.toISOString()
    };
}
/** Throws unless `c` was made for this request and policy. */
function checkResume(c, o) {
    if (c.version !== CHECKPOINT_VERSION)
        throw new errors/* InputError */.dz(`the checkpoint is of version ${c.version}; this audit reads version ${String(CHECKPOINT_VERSION)}`, { hint: 'Run the audit again without --resume.' });
    const want = checkpointRequest(o.request);
    const differ = Object.keys(want).filter((k) => want[k] !== c.request[k]);
    if (differ.length > 0)
        throw new errors/* InputError */.dz(`the checkpoint was made for another audit: ${differ
            .map((k) => `${k} ${String(c.request[k])}, not ${String(want[k])}`)
            .join('; ')}`, {
            hint: 'Resume with the options the audit was started with, or start it again without --resume.'
        });
    if (c.policyBlob !== o.policyBlob)
        throw new errors/* InputError */.dz(`the policy changed since the checkpoint was made (blob ${c.policyBlob.slice(0, 7)}, now ${o.policyBlob.slice(0, 7)})`, { hint: 'Start the audit again without --resume.' });
    if (c.policyVersions === undefined)
        throw new errors/* InputError */.dz("the checkpoint's deployments were judged by the policy of the day it was made, not by the policy of each deployment's time", { hint: 'Start the audit again without --resume.' });
    if (c.policyVersions.join() !== o.policyVersions.join())
        throw new errors/* InputError */.dz(`the policy's history on the ref changed since the checkpoint was made (${c.policyVersions.length} versions then, ${o.policyVersions.length} now): the deployments judged were judged by the versions read then`, { hint: 'Start the audit again without --resume.' });
    if (c.judged.length > c.members.length ||
        c.starts.length !== c.members.length)
        throw new errors/* InputError */.dz('the checkpoint is damaged: its counts disagree', {
            hint: 'Start the audit again without --resume.'
        });
}

;// CONCATENATED MODULE: ./src/engine/audit/pace.ts
// The audit within GitHub's GraphQL budget (SPEC §9): a GITHUB_TOKEN has
// 1,000 points an hour, so a long audit paces itself. Every answer states
// what is left and when it is refilled (`rateLimit { remaining resetAt }`,
// asked at every query's root); a query that would not fit what is left,
// counting the queries still in flight, waits for the refill when the
// audit may wait that long, and otherwise stops the audit with a
// BudgetSpentError (the caller keeps its checkpoint). A RATE_LIMITED
// answer (someone else spent the budget) is treated the same way.
// https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api

/** What every audit query may cost at most: each shape is held to it by a test. */
const MAX_QUERY_POINTS = 10;
/** How long past the stated reset to wait: GitHub's clock and ours differ. */
const RESET_MARGIN_MS = 1000;
/** The GraphQL budget is spent until `resetAt`, later than the audit may wait. */
class BudgetSpentError extends errors/* GateError */.ue {
    resetAt;
    constructor(o) {
        const hhmm = o.resetAt.toISOString().slice(11, 16);
        const perHour = o.limit === null
            ? ''
            : ` (${o.limit.toLocaleString('en-US')} points an hour for this token)`;
        super('github-api', `GitHub's GraphQL budget is spent until ${hhmm} UTC${perHour}; ${o.then ?? 'run again with --resume after then'}`, {
            hint: `Give the audit more time to wait for the budget (${o.wait ?? '--max-wait'}), or ${o.then === undefined ? 'resume it' : 'run it again'} after the reset.`,
            cause: o.cause
        });
        this.resetAt = o.resetAt;
    }
}
/** `port`, its GraphQL queries paced by the budget their answers state. */
function pacedPort(port, o) {
    const cost = o.reserve ?? MAX_QUERY_POINTS;
    let known = null;
    let reserved = 0;
    /** the refusal that emptied the budget, if one did */
    let refusal;
    const learn = (next) => {
        // Answers arrive out of order: within one window the least remaining
        // is the latest; a later window replaces an earlier one.
        if (known === null || next.resetAt > known.resetAt)
            known = next;
        else if (next.resetAt === known.resetAt)
            known = { ...known, remaining: Math.min(known.remaining, next.remaining) };
    };
    /**
     * Waits until `cost` fits what is left and reserves it (no await between
     * the two: concurrent callers see each other's reservations), or throws
     * when the refill is later than the audit may wait.
     */
    const room = async (cost) => {
        for (;;) {
            const k = known;
            if (k === null || o.now() >= k.resetAt) {
                known = null;
                reserved += cost;
                return;
            }
            if (k.remaining - reserved >= cost) {
                reserved += cost;
                return;
            }
            const until = k.resetAt + RESET_MARGIN_MS;
            if (until > o.waitUntil) {
                throw new BudgetSpentError({
                    resetAt: new Date(k.resetAt),
                    limit: k.limit,
                    then: o.then,
                    wait: o.wait,
                    cause: refusal
                });
            }
            await o.sleep(until - o.now());
        }
    };
    const graphql = async (query, variables, options) => {
        for (;;) {
            await room(cost);
            let answer;
            try {
                answer = await port.graphql(query, variables, options);
            }
            catch (error) {
                if (!rateLimited(error))
                    throw error;
                spent(error);
                continue;
            }
            finally {
                reserved -= cost;
            }
            if (answer.errors.some((e) => e.type === 'RATE_LIMITED')) {
                spent(answer);
                continue;
            }
            const rate = rateLimitOf(answer.data);
            if (rate !== null)
                learn(rate);
            return answer;
        }
    };
    /** Nothing is left until the reset GitHub stated (or, unstated, an hour). */
    const spent = (cause) => {
        const stated = graphqlReset(port);
        const resetAt = stated ?? known?.resetAt ?? o.now() + 3_600_000;
        known = { remaining: 0, resetAt, limit: known?.limit ?? null };
        refusal = cause;
    };
    const usage = port.usage?.bind(port);
    const paced = {
        rest: (route, params) => port.rest(route, params),
        graphql,
        ...(usage === undefined ? {} : { usage })
    };
    // the client's own log of requests, read by the report at the end
    Object.defineProperty(paced, 'requests', { get: () => port.requests });
    return paced;
}
/** An answer's `rateLimit`, when it asked. */
function rateLimitOf(data) {
    const rate = data?.rateLimit;
    if (typeof rate !== 'object' || rate === null)
        return null;
    const resetAt = typeof rate.resetAt === 'string' ? Date.parse(rate.resetAt) : NaN;
    if (typeof rate.remaining !== 'number' || Number.isNaN(resetAt))
        return null;
    return {
        remaining: rate.remaining,
        resetAt,
        limit: typeof rate.limit === 'number' ? rate.limit : null
    };
}
/** When the port last heard the GraphQL budget is refilled (`x-ratelimit-reset`). */
function graphqlReset(port) {
    const budget = port.usage?.().budgets.find((b) => b.resource === 'graphql');
    const at = budget === undefined ? NaN : Date.parse(budget.reset);
    return Number.isNaN(at) ? null : at;
}
/**
 * A call the client gave up on because the budget was spent: a RATE_LIMITED
 * answer, or a 403/429 saying the rate limit, anywhere in its causes.
 */
function rateLimited(error) {
    for (let e = error, depth = 0; depth < 5; depth++) {
        if (typeof e !== 'object' || e === null)
            return false;
        const { data, status, message } = e;
        const errors = Array.isArray(data?.errors) ? data.errors : [];
        if (errors.some((x) => x?.type === 'RATE_LIMITED'))
            return true;
        if ((status === 403 || status === 429) &&
            typeof message === 'string' &&
            /rate limit/i.test(message))
            return true;
        e = e.cause;
    }
    return false;
}

;// CONCATENATED MODULE: ./src/engine/audit/population.ts
// The audit's population (SPEC §7): every deployment to the environment that
// succeeded in the period, and where each one's range of changes starts (the
// previous deployment that counted, as the gate would have found it then).






/** Further pages of deployments to the audited environment: at most this many. */
const MAX_DEPLOYMENT_PAGES = 300;
const ENV_DEPLOYMENTS = `
query AuditDeployments($owner: String!, $name: String!, $environment: String!, $after: String) {
  ${queries/* RATE_LIMIT */.jS}
  repository(owner: $owner, name: $name) {
    deployments(environments: [$environment], first: 100, after: $after, orderBy: {field: CREATED_AT, direction: DESC}) { ...GateDeployments }
  }
}
${queries/* DEPLOYMENT_FIELDS */.wm}`;
/**
 * What makes a deployment to the audited environment count (SPEC §5.2),
 * with the jobs' check runs read so far (completed in place).
 */
function population_deploymentContext(req, policy, jobs) {
    return {
        owner: req.owner,
        repo: req.repo,
        serverUrl: req.serverUrl,
        sha: '',
        trustedDeployers: policy.trustedDeployers,
        trustedWorkflows: policy.trustedWorkflows,
        jobs
    };
}
/**
 * The deployments that succeeded in the period, and the older ones read
 * with them; every github-actions[bot] record among them bound to its job
 * in `jobs`, as the gate binds them, before it is judged.
 */
async function readPopulation(o) {
    const { request: req } = o;
    const bind = (all, nowMs) => bindDeployments({
        github: o.github,
        request: req,
        read: o.jobs,
        ctx: o.context,
        all,
        newest: [],
        counts: () => false,
        nowMs
    });
    const read = await environmentDeployments({
        github: o.github,
        request: req,
        enough: async (older) => {
            await bind(older, req.since.getTime());
            return (previousSuccess(older, req.environment, o.context, req.since.getTime()) !== null);
        }
    });
    await bind(read, req.until.getTime());
    const members = read
        .flatMap((d) => {
        const success = firstSuccess(d);
        if (success === null)
            return [];
        const at = Date.parse(success);
        const inPeriod = at >= req.since.getTime() && at <= req.until.getTime();
        if (!inPeriod)
            return [];
        return [{ deployment: d, succeededAt: success, runId: runIdOf(d) }];
    })
        .sort((a, b) => Date.parse(a.succeededAt) - Date.parse(b.succeededAt));
    return { read, members };
}
/**
 * The environment's deployments, newest first, down to the first one
 * created before the period that `enough` accepts (the deployment the
 * oldest range of the period starts at).
 */
async function environmentDeployments(o) {
    const { github: port, request: req } = o;
    const environment = req.environment;
    const list = [];
    const statusPages = [];
    const totals = new Map();
    let after = null;
    for (let pages = 0;; pages++) {
        if (pages >= MAX_DEPLOYMENT_PAGES) {
            throw new errors/* GitHubApiError */.OS(`more than ${MAX_DEPLOYMENT_PAGES * 100} deployments to ${environment}; the audit stops reading there: audit a shorter period`);
        }
        const answer = await port.graphql(ENV_DEPLOYMENTS, {
            owner: req.owner,
            name: req.repo,
            environment,
            after
        });
        const repository = (0,shape/* optObj */.vW)((0,shape/* obj */.WL)(answer.data, 'data').repository, 'repository');
        if (repository === null) {
            throw new errors/* GitHubApiError */.OS(`the deployments to ${environment} could not be read: the token needs \`deployments: read\``, { permission: 'deployments: read' });
        }
        (0,gather_errors/* assertComplete */.Q9)(answer.errors, `the deployments to ${environment}`);
        const page = deploymentPage(repository.deployments, `deployments(${environment})`);
        list.push(...page.list);
        statusPages.push(...page.statusPages);
        for (const [id, total] of page.statusTotals)
            totals.set(id, total);
        const older = list.filter((d) => Date.parse(d.createdAt) < req.since.getTime());
        if (page.cursor === null || (older.length > 0 && (await o.enough(older))))
            break;
        after = page.cursor;
    }
    const repo = { owner: req.owner, repo: req.repo };
    const byEnvironment = new Map([[environment, list]]);
    await completeStatuses(port, repo, statusPages, byEnvironment, totals);
    return list;
}
function firstSuccess(d) {
    return d.statuses.find((s) => s.state === 'success')?.createdAt ?? null;
}
/** The run a deployment's success links to. */
function runIdOf(d) {
    const success = d.statuses.find((s) => s.state === 'success');
    const m = /\/actions\/runs\/(\d+)/.exec(success?.logUrl ?? '');
    return m === null ? null : Number(m[1]);
}
/**
 * Where each member's range starts: the previous deployment that counted
 * just before its success (none with `scope: head`, which has no range).
 */
function startsOf(o) {
    const { members } = o.population;
    if (o.policy.scope === 'head')
        return members.map(() => null);
    return rangeStarts({
        list: o.population.read,
        times: members.map((m) => Date.parse(m.succeededAt)),
        environment: o.environment,
        context: o.context
    });
}
/**
 * For each time (ascending), the sha of the newest deployment that counted
 * as a success just before it: what `previousSuccess` answers as of
 * `time - 1`, for all the population in one pass instead of one scan each
 * (10,000 deployments would be 10^8 checks).
 *
 * A deployment counts as of t when it qualifies as of its own success (a
 * trusted deployer, a linked run, no failure stamped with the success) and
 * no failure or error status came after the success by t. Once that failure
 * has come it never counts again, so a stack ordered by success time can
 * drop it for good.
 */
function rangeStarts(o) {
    const candidates = successes(o);
    const stack = [];
    let next = 0;
    return o.times.map((time) => {
        const t = time - 1;
        while (next < candidates.length && (candidates[next]?.at ?? 0) <= t) {
            stack.push(candidates[next]);
            next++;
        }
        // the newest success still standing at t: one that failed by t is gone
        // for every later t too
        while (stack.length > 0 && (stack[stack.length - 1]?.failedAt ?? 0) <= t)
            stack.pop();
        // an older success hidden under a newer failed one stays reachable
        return stack[stack.length - 1]?.sha ?? null;
    });
}
/** The deployments that qualify as of their own success, oldest success first. */
function successes(o) {
    return (o.list
        .flatMap((d, index) => {
        const success = d.statuses.find((x) => x.state === 'success');
        if (success === undefined)
            return [];
        const at = Date.parse(success.createdAt);
        if (typeof qualify(d, o.environment, o.context, at) === 'string')
            return [];
        const failed = d.statuses.find((x) => (x.state === 'failure' || x.state === 'error') &&
            Date.parse(x.createdAt) > at);
        const failedAt = failed === undefined ? Infinity : Date.parse(failed.createdAt);
        return [{ sha: d.sha, index, at, failedAt }];
    })
        // on a tie previousSuccess keeps the first in the list: put it on top
        .sort((a, b) => a.at - b.at || b.index - a.index));
}

;// CONCATENATED MODULE: ./src/engine/audit/history.ts
// The default branch's history that links the deployments: each one's range
// is every commit reachable from it and not from where its range starts,
// every parent followed, as the gate's (gather/lineage.ts). Where a range
// starts is decided as the gate decides it (`rangeStart`), so the audit and
// the gate say the same scope for the same deployment. GitHub's `history`
// lists every parent's commits, "in the same order as git log" (the
// Commit.history field of docs.github.com/en/graphql/reference/objects#commit).





/** History pages walked to link the deployed commits: at most this many. */
const MAX_HISTORY_PAGES = 500;
const HISTORY = `
query AuditHistory($owner: String!, $name: String!, $until: GitTimestamp, $after: String) {
  ${queries/* RATE_LIMIT */.jS}
  repository(owner: $owner, name: $name) {
    defaultBranchRef { target { ... on Commit {
      history(first: 100, after: $after, until: $until) {
        pageInfo { hasNextPage endCursor }
        nodes { oid parents(first: 2) { nodes { oid } } }
      }
    } } }
  }
}`;
/**
 * Parents of the default branch's commits, newest first, until every oid
 * in `wanted` was seen (or the history ends): the links that make each
 * deployment's range of changes.
 */
async function history_history(o) {
    const parents = new Map();
    const missing = new Set(o.wanted);
    let after = null;
    for (let pages = 0; missing.size > 0; pages++) {
        if (pages >= MAX_HISTORY_PAGES)
            break;
        const answer = await o.github.graphql(HISTORY, {
            owner: o.repo.owner,
            name: o.repo.repo,
            until: o.until.toISOString(),
            after
        });
        (0,gather_errors/* assertComplete */.Q9)(answer.errors, 'the history of the default branch');
        const repository = (0,shape/* obj */.WL)((0,shape/* obj */.WL)(answer.data, 'data').repository, 'repository');
        const ref = (0,shape/* optObj */.vW)(repository.defaultBranchRef, 'defaultBranchRef');
        const target = ref === null ? null : (0,shape/* optObj */.vW)(ref.target, 'target');
        if (target === null || target.history === undefined)
            break;
        const c = (0,shape/* connection */.FI)(target.history, 'history');
        c.nodes.forEach((n, i) => {
            const node = (0,shape/* obj */.WL)(n, `history[${i}]`);
            const oid = (0,shape/* str */.gx)(node.oid, `history[${i}].oid`);
            parents.set(oid, (0,shape/* connection */.FI)(node.parents, `history[${i}].parents`).nodes.map((p, j) => (0,shape/* str */.gx)((0,shape/* obj */.WL)(p, `history[${i}].parents[${j}]`).oid, 'parent.oid')));
            missing.delete(oid);
        });
        if (!c.hasNextPage || c.endCursor === null)
            break;
        after = c.endCursor;
    }
    return parents;
}
/** Walks back further than this are not followed: a history gone astray. */
const MAX_RANGE = 10_000;
/** The commits from the deployed commit back to its range's start, every parent followed. */
function rangeOf(o) {
    const { sha } = o;
    const start = rangeStart({
        scope: o.policy.scope,
        environment: o.environment,
        commit: { oid: sha, parents: o.parents.get(sha) ?? [] },
        previous: () => o.start
    });
    if ('settled' in start)
        return { oids: [sha], scope: start.settled, lines: null };
    const base = start.walkFrom;
    const note = `${sha.slice(0, 7)} is not ahead of the previous deployment ${base.slice(0, 7)} on the default branch (a rollback, or another branch): only the deployed change is in scope`;
    const headOnly = {
        oids: [sha],
        scope: { kind: 'range', since: base, note },
        lines: null
    };
    // The history is read newest first, as git log lists it: its order paints the walk.
    if (!o.parents.has(base) || !o.parents.has(sha))
        return headOnly;
    const order = rangeCommits({
        parents: o.parents,
        rank: o.rank,
        head: sha,
        base
    });
    if (order.length === 0 || order.length > MAX_RANGE)
        return headOnly;
    const range = new Set(order);
    const lines = lineage({ parents: o.parents, range, head: sha });
    return {
        oids: lines.chain,
        scope: { kind: 'range', since: base, note: null },
        lines: { range, lineage: lines }
    };
}
/** Each commit's place in the history as read, newest first: once per history, for `rangeOf`. */
function historyRank(parents) {
    const rank = new Map([...parents.keys()].map((oid, i) => [oid, i]));
    return (oid) => rank.get(oid) ?? Number.MAX_SAFE_INTEGER;
}

;// CONCATENATED MODULE: ./src/engine/audit/read-now.ts
// What GitHub keeps no history of (SPEC §7): branch rules, classic
// protection and the environment's settings are read once, as they are now,
// through the gate's own gathering for the newest deployment, and applied
// to every deployment judged. The report says so.


/** What the report names as read as of now rather than as of each deployment. */
const READ_NOW = [
    'branch rules and classic protection',
    "the environment's settings",
    'collaborators, teams and bypass actors (the access matrix)'
];
async function readNowFacts(o) {
    const { request: req } = o;
    const request = requestFor(req, { sha: o.sha, deployer: null, run: null });
    const boot = await fetchBootstrap(o.github, request);
    if (boot.commit === null) {
        throw new Error(`the deployed commit ${o.sha.slice(0, 7)} does not exist in ${req.owner}/${req.repo}`);
    }
    const facts = await gatherFacts({
        github: o.github,
        request,
        bootstrap: boot,
        commit: boot.commit,
        // only what has no history: no range, no tests
        policy: { ...o.policy, scope: 'head', ciRequirement: false },
        chain: o.chain,
        logger: o.logger,
        now: o.now
    });
    return {
        sha: o.sha,
        repository: facts.repository,
        branches: facts.branches,
        environmentSettings: facts.environmentSettings,
        reviewerTeams: facts.reviewerTeams
    };
}

;// CONCATENATED MODULE: ./src/engine/audit/approvals.ts
// The runs' environment approvals in bulk: GitHub's GraphQL keeps the same
// review history REST's "Get the review history for a workflow run" does
// (WorkflowRun.deploymentReviews, docs.github.com/en/graphql/reference/objects#workflowrun),
// so 100 runs cost one query of 6 points instead of 100 REST requests. A
// run whose node id is not known, whose answer GitHub refused or whose
// reviews run past one page is asked the REST way, exactly as the gate asks.







/** Reviews per run, and environments per review, asked in one page. */
const REVIEWS = 5;
const ENVIRONMENTS = 5;
/** What one run adds to AuditApprovals (GitHub's counting: ../gather/budget.ts). */
const APPROVALS_COST = {
    nodes: REVIEWS + REVIEWS * ENVIRONMENTS,
    requests: 1 + REVIEWS
};
const REVIEW_FIELDS = `... on WorkflowRun {
      databaseId
      deploymentReviews(first: ${REVIEWS}) { totalCount nodes {
        state comment user { __typename login }
        environments(first: ${ENVIRONMENTS}) { totalCount nodes { name } } } }
    }`;
function approvalsQuery(nodeIds) {
    const variables = {};
    const declarations = [];
    const parts = nodeIds.map((id, i) => {
        declarations.push(`$r${i}: ID!`);
        variables[`r${i}`] = id;
        return `r${i}: node(id: $r${i}) { ${REVIEW_FIELDS} }`;
    });
    return {
        query: `query AuditApprovals(${declarations.join(', ')}) {
  ${queries/* RATE_LIMIT */.jS}
  ${parts.join('\n  ')}
}`,
        variables
    };
}
/** Each run's environment approvals: GraphQL where it can, REST where it must. */
async function runApprovals(o) {
    const approvals = new Map();
    const byNode = o.runs.filter((r) => r.nodeId !== null);
    await (0,budget/* askInBatches */.Ds)({
        items: byNode,
        each: () => APPROVALS_COST,
        concurrency: CONCURRENCY,
        ask: async (batch) => {
            const { query, variables } = approvalsQuery(batch.map((r) => r.nodeId));
            const answer = await o.github.graphql(query, variables, {
                splittable: true
            });
            const data = (0,shape/* obj */.WL)(answer.data, 'data');
            batch.forEach((run, i) => {
                const refused = answer.errors.some((e) => e.path?.[0] === `r${i}`);
                const node = (0,shape/* optObj */.vW)(data[`r${i}`], `run ${run.id}`);
                if (refused || node === null)
                    return;
                const got = parseReviews(node, `run ${run.id}`);
                if (got !== null)
                    approvals.set(run.id, got);
            });
        }
    });
    // the rest, one request each, as the gate reads them
    for (const run of o.runs) {
        if (approvals.has(run.id))
            continue;
        const got = await fetchApprovals(o.github, { ...o.repo, run });
        if (got === null)
            throw new Error('approvals of a run without an id');
        approvals.set(run.id, got);
    }
    return approvals;
}
/** A run's reviews as REST would list them; null when more than a page. */
function parseReviews(node, at) {
    const reviews = (0,shape/* connection */.FI)(node.deploymentReviews, `${at}.deploymentReviews`);
    if (reviews.nodes.length < (reviews.totalCount ?? 0))
        return null;
    const out = [];
    for (const [i, value] of reviews.nodes.entries()) {
        const r = (0,shape/* obj */.WL)(value, `${at}.reviews[${i}]`);
        const user = parseActor(r.user, `${at}.reviews[${i}].user`);
        if (user === null)
            throw new errors/* ShapeError */.ym(`${at}.reviews[${i}].user: missing`);
        const envs = (0,shape/* connection */.FI)(r.environments, `${at}.reviews[${i}].environments`);
        if (envs.nodes.length < (envs.totalCount ?? 0))
            return null;
        out.push({
            user,
            state: (0,shape/* str */.gx)(r.state, `${at}.reviews[${i}].state`) === 'APPROVED'
                ? 'approved'
                : 'rejected',
            environments: envs.nodes.map((e, j) => (0,shape/* str */.gx)((0,shape/* obj */.WL)(e, `${at}.environments[${j}]`).name, `${at}.environments[${j}].name`)),
            comment: typeof r.comment === 'string' ? r.comment : ''
        });
    }
    return out;
}

;// CONCATENATED MODULE: ./src/engine/audit/reads.ts
// Everything the audit reads to judge its population, in bulk and in as
// few round trips as the population's pages allow (SPEC §9: 1,000
// deployments in at most 300 requests): the history that links the
// deployments, the deployed commits, the runs that made them and what
// GitHub keeps no history of; then the other changes of the ranges, their
// pull requests' remaining pages, every test result, and the runs'
// environment approvals when the policy asks for them.









/** A day before the period: runs deploying early in it may have started then. */
const RUN_LEAD_MS = 86_400_000;
/** Reads what judging these members needs; their ranges with it. */
async function readForAudit(o) {
    const repo = { owner: o.request.owner, repo: o.request.repo };
    const linked = await readLinked(o, repo);
    const { parents } = o.shared;
    const rank = historyRank(parents);
    const chains = o.population.members.map((m, i) => rangeOf({
        sha: m.deployment.sha,
        start: o.starts[i] ?? null,
        parents,
        rank,
        policy: o.policy.environment,
        environment: o.request.environment
    }));
    // As the gate: the first-parent chains first, then only what merges
    // carried in that their pull requests do not account for.
    const found = new Map();
    const commitOf = (oid) => linked.deployed.get(oid) ?? found.get(oid) ?? null;
    const chosen = new Map();
    const step = { o, repo, parents, found, commitOf, chosen };
    await readAndChoose(step, chains);
    const carriedBy = new Map();
    const ranges = chains.map((r) => {
        const carried = uncovered(r, chosen);
        for (const [oid, merge] of carried)
            carriedBy.set(oid, merge);
        return { ...r, oids: [...r.oids, ...carried.keys()] };
    });
    await readAndChoose(step, ranges);
    const rollups = await readTests(o, linked.deployed);
    const approvals = await readApprovals(o, repo, linked.runs);
    await bindUpstream(o, linked.deployed);
    const reads = {
        ...o.shared,
        ...linked,
        commitOf,
        chosen,
        carriedBy,
        rollups,
        approvals,
        jobs: o.jobs.fact
    };
    return { reads, ranges };
}
/** The commits a range's merges carried in that are not their pull requests' own, with the merge. */
function uncovered(r, chosen) {
    const out = new Map();
    if (r.lines === null)
        return out;
    for (const oid of r.lines.range) {
        const merge = r.lines.lineage.carrier.get(oid);
        if (merge === undefined)
            continue;
        const pr = chosen.get(merge)?.fact;
        const own = pr !== undefined &&
            pr.mergeCommitOid === merge &&
            pr.commits.some((c) => c.oid === oid);
        if (!own)
            out.set(oid, merge);
    }
    return out;
}
/**
 * The history that links the members (all of them: its pages are read once,
 * newest first, not once a chunk) and what has no history, as it is now.
 */
async function readShared(o) {
    const repo = { owner: o.request.owner, repo: o.request.repo };
    const req = o.request;
    const deployed = new Set(o.members.map((m) => m.deployment.sha));
    const starts = o.starts.filter((s) => s !== null);
    o.progress(`reading the history of ${deployed.size} deployed commits`);
    const newest = o.members[o.members.length - 1];
    const [parents, now] = await Promise.all([
        history_history({
            github: o.github,
            repo,
            until: req.until,
            wanted: new Set([...deployed, ...starts])
        }),
        readNowFacts({
            github: o.github,
            request: req,
            policy: o.policy.environment,
            chain: o.policy.chain.map((e) => e.name),
            sha: newest.deployment.sha,
            logger: o.logger,
            now: o.now
        }).catch((failed) => ({ failed }))
    ]);
    return { parents, now };
}
/** Round trip one: the deployed commits and the runs. */
async function readLinked(o, repo) {
    const { members } = o.population;
    const deployedOids = [...new Set(members.map((m) => m.deployment.sha))];
    o.progress(`reading ${deployedOids.length} deployed commits`);
    const runIds = members
        .map((m) => m.runId)
        .filter((id) => id !== null);
    const [deployed, runs] = await Promise.all([
        deployedCommits({ github: o.github, repo, oids: deployedOids }),
        deploymentRuns({
            github: o.github,
            repo,
            ids: [...new Set(runIds)],
            from: o.runsIn.from,
            to: o.runsIn.to
        })
    ]);
    return { deployed, runs };
}
/**
 * The ranges' commits not read yet, then the pull request each entered
 * through, as the gate chooses it (in its range), all pages read.
 */
async function readAndChoose(step, ranges) {
    const { o, repo, found, commitOf, chosen } = step;
    const missing = [
        ...new Set(ranges.flatMap((r) => r.oids).filter((oid) => commitOf(oid) === null))
    ];
    if (missing.length > 0) {
        o.progress(`reading ${missing.length} further changes between deployments`);
        const read = await changeCommits({ github: o.github, repo, oids: missing });
        for (const [oid, c] of read)
            found.set(oid, c);
    }
    const prs = [];
    const fresh = [];
    for (const r of ranges) {
        const view = r.lines === null
            ? null
            : {
                parents: step.parents,
                range: r.lines.range,
                candidatesOf: (oid) => commitOf(oid)?.candidates ?? null
            };
        for (const oid of r.oids) {
            const c = commitOf(oid);
            if (c === null || chosen.has(oid))
                continue;
            const pr = choosePullRequest(c.commit, c.candidates, o.policy.environment, view);
            chosen.set(oid, pr);
            fresh.push(oid);
            if (pr !== null)
                prs.push(pr);
        }
    }
    await completePullRequests(o.github, repo, prs);
    await resolveCoAuthors(o.github, repo, [
        ...fresh.flatMap((oid) => {
            const c = commitOf(oid);
            return c === null ? [] : [c.commit];
        }),
        ...prs.flatMap((p) => p.fact.commits)
    ]);
}
/** Tests: every deployed commit's and its pull requests' heads', all pages. */
async function readTests(o, deployed) {
    const reads = [];
    for (const c of deployed.values()) {
        if (c === null)
            continue;
        reads.push(c.ciResults, ...c.heads.values());
    }
    const repository = { owner: o.request.owner, name: o.request.repo };
    const rollups = new Map();
    for (const r of await completeRollups(o.github, repository, reads))
        rollups.set(r.sha, r);
    return rollups;
}
/** Environment approvals, only when the policy asks for them: in bulk by the runs' node ids. */
async function readApprovals(o, repo, runs) {
    if (o.policy.environment.approvals.environment <= 0)
        return new Map();
    const ids = [
        ...new Set(o.population.members
            .map((m) => m.runId)
            .filter((id) => id !== null))
    ];
    o.progress(`reading the environment approvals of ${ids.length} runs`);
    const nodeId = (id) => 'unreadable' in runs ? null : (runs.get(id)?.nodeId ?? null);
    return runApprovals({
        github: o.github,
        repo,
        runs: ids.map((id) => ({ id, nodeId: nodeId(id) }))
    });
}
/**
 * The deployed commits' own upstream records bound to their jobs, as the
 * gate binds them (most were read with the population: same commits).
 */
async function bindUpstream(o, deployed) {
    const upstream = new Set(o.policy.chain.map((e) => e.name));
    await bindDeployments({
        github: o.github,
        request: o.request,
        read: o.jobs,
        ctx: population_deploymentContext(o.request, o.policy.environment, o.jobs.fact),
        all: [...deployed.values()].flatMap((d) => (d?.deployments ?? []).filter((x) => upstream.has(x.environment))),
        newest: [],
        counts: () => false,
        nowMs: o.now.getTime()
    });
}

;// CONCATENATED MODULE: ./src/engine/audit/report.ts
// The audit's report: how it starts, and what in it needs an auditor.

/** The report before any deployment is judged. */
function newReport(o) {
    const { request: req, policy } = o;
    return {
        repository: {
            owner: req.owner,
            name: req.repo,
            url: policy.repositoryUrl
        },
        environment: req.environment,
        period: { since: req.since.toISOString(), until: req.until.toISOString() },
        policy: {
            path: req.policyPath,
            ref: policy.read.ref,
            blobSha: policy.read.blobSha
        },
        policyVersions: [],
        generatedAt: o.now.toISOString(),
        readNow: [...READ_NOW],
        entries: [],
        breakGlass: [],
        access: { error: 'not read' },
        requests: null,
        completeness: {
            branches: [],
            missing: [],
            since: req.since.toISOString(),
            until: req.until.toISOString(),
            commitsRead: 0,
            unexplained: [],
            errors: ['not read']
        }
    };
}
/**
 * Deployments that need an auditor's attention: those that would not have
 * passed, unless a break-glass covers them and its review is done or not
 * yet due; every break-glass whose review is missing or late; and every
 * commit completeness found unexplained or could not read.
 */
function flagged(report) {
    const deployments = report.entries.filter((e) => e.decision === 'block' &&
        !(e.breakGlass !== null &&
            (e.breakGlass.review === 'done' || e.breakGlass.review === 'pending'))).length;
    const reviewsFlagged = 'error' in report.breakGlass
        ? 1
        : report.breakGlass.filter((r) => r.problem !== null || r.review === 'missing' || r.review === 'late').length;
    // Completeness (SPEC §7): each unexplained commit, and each reason it
    // could not be established, is an exception of its own.
    const completeness = report.completeness.unexplained.length + report.completeness.errors.length;
    return deployments + reviewsFlagged + completeness;
}

;// CONCATENATED MODULE: ./src/engine/audit/run.ts
// The audit (SPEC §7): every successful deployment to an environment in a
// period, each judged by the same pipeline as the gate, as of its own time:
// reviews submitted, upstream statuses posted and tests finished after the
// deployment do not count. What GitHub keeps no history of (branch rules,
// the environment's settings, who holds access) is read as it is now, and
// the report says so.















/**
 * Members judged together: their reads are dropped before the next ones'.
 * Three full queries of deployed commits. A chunk's parsed answers are held
 * until its members are judged, and that, more than what the audit keeps,
 * sets its peak memory: 250 members held about 65 MB at once, enough for V8
 * to grow its young generation for good (an audit of 1,000 peaked at 259 MiB
 * with 21 MB alive at the end; with 84, at about 190 MiB).
 */
const CHUNK = 3 *
    (0,budget/* batches */.Xy)(Array.from({ length: budget/* MAX_QUERY_ITEMS */.zH }, () => null), () => DEPLOYED_COST)[0].length;
/** The audit's population, judged; throws only when nothing can be judged. */
async function runAudit(req, deps) {
    const progress = deps.progress ?? (() => undefined);
    const repo = { owner: req.owner, repo: req.repo };
    const github = deps.pace === undefined ? deps.github : pacedPort(deps.github, deps.pace);
    const paced = { ...deps, github };
    // 1. The policy, and the population: the deployments that succeeded in
    //    the period, and where each one's range starts (or the checkpoint's).
    const policy = await readAuditPolicy(github, req);
    // the jobs' check runs that bind deployment records, read once for all
    const jobs = noJobs();
    const context = population_deploymentContext(req, policy.environment, jobs.fact);
    const start = await populationOf({
        request: req,
        policy,
        context,
        jobs,
        deps: paced
    });
    const count = start.members.length;
    progress(`${count} successful deployment${count === 1 ? '' : 's'} to ${req.environment} in the period${start.judged.length > 0 ? `, ${start.judged.length} judged before` : ''}`);
    // 2. Read alongside: the access matrix and the break-glass issues.
    const access = readAccess(req, policy, paced);
    const issues = breakGlassIssues({ github, repo, since: req.since });
    // Neither may reject unheard while the deployments are judged.
    issues.catch(() => undefined);
    // Completeness: what reached the deployed branches, deployed or not
    // (never rejects: what it cannot read is in its errors).
    const completeness = readCompleteness({
        github,
        repo,
        policy: policy.environment,
        defaultBranch: policy.defaultBranch,
        since: req.since,
        until: req.until,
        members: start.members
    });
    // 3. Each deployment judged as of its success, a chunk at a time.
    const report = newReport({ request: req, policy, now: deps.now() });
    const judged = await judgeAll({
        request: req,
        policy,
        start,
        jobs,
        deps: paced,
        progress
    });
    report.entries = judged.map((j) => j.entry);
    report.policyVersions = versionsUsed({
        history: policy.history,
        entries: report.entries,
        defaultBranch: policy.defaultBranch
    });
    // 4. The break-glass register, linked to the deployments it covers.
    report.breakGlass = reviewBreakGlass({
        issues: await issues,
        request: req,
        judged,
        now: deps.now()
    });
    report.access = await access;
    report.completeness = await completeness;
    report.requests = deps.github.requests?.length ?? null;
    return report;
}
/** The population and where each range starts: read, or the checkpoint's. */
async function populationOf(o) {
    const { request: req, policy, deps } = o;
    if (deps.resume !== undefined) {
        checkResume(deps.resume, {
            request: req,
            policyBlob: policy.read.blobSha,
            policyVersions: versionCommits(policy)
        });
        return deps.resume;
    }
    deps.progress?.(`reading the deployments to ${req.environment}`);
    const population = await readPopulation({
        github: deps.github,
        request: req,
        context: o.context,
        jobs: o.jobs
    });
    const starts = startsOf({
        population,
        policy: policy.environment,
        environment: req.environment,
        context: o.context
    });
    return {
        version: CHECKPOINT_VERSION,
        request: checkpointRequest(req),
        policyBlob: policy.read.blobSha,
        policyVersions: versionCommits(policy),
        members: population.members,
        starts,
        judged: []
    };
}
/** The policy's history as a checkpoint keeps it: its versions' commits. */
function versionCommits(policy) {
    return policy.history.versions.map((v) => v.commit);
}
function readAccess(req, policy, deps) {
    const repository = {
        owner: req.owner,
        name: req.repo,
        url: policy.repositoryUrl,
        defaultBranch: policy.defaultBranch
    };
    return accessMatrix({
        github: deps.github,
        repository,
        policy: policy.all,
        now: deps.now()
    }).catch((error) => ({ error: (0,errors/* toFailure */.w2)(error).message }));
}
/**
 * The members not yet judged, CHUNK at a time: each chunk's reads, its
 * members judged, their records to the sink, the checkpoint saved; only
 * the rows are kept.
 */
async function judgeAll(o) {
    const { request, policy, start, deps } = o;
    const { members, starts } = start;
    const judged = [...start.judged];
    if (judged.length === members.length)
        return judged;
    const shared = await readShared({
        github: deps.github,
        request,
        policy,
        members: members.slice(judged.length),
        starts: starts.slice(judged.length),
        logger: deps.logger,
        now: deps.now(),
        progress: o.progress
    });
    const size = Math.max(1, deps.chunkSize ?? CHUNK);
    while (judged.length < members.length) {
        const from = judged.length;
        const chunk = members.slice(from, from + size);
        const last = from + chunk.length === members.length;
        if (members.length > size)
            o.progress(`judging deployments ${from + 1}-${from + chunk.length} of ${members.length}`);
        const { reads, ranges } = await readForAudit({
            github: deps.github,
            request,
            policy,
            population: { members: chunk },
            starts: starts.slice(from, from + chunk.length),
            shared,
            jobs: o.jobs,
            runsIn: runsIn({ request, chunk, first: from === 0, last }),
            logger: deps.logger,
            now: deps.now(),
            progress: o.progress
        });
        for (const [i, member] of chunk.entries()) {
            const entry = await judgeDeployment({
                request,
                policy,
                member,
                range: ranges[i],
                reads
            });
            const sink = deps.evidence;
            if (sink !== undefined && entry.evidence !== null) {
                await sink(entry.deployment.id, entry.evidence);
                judged.push({
                    entry: { ...entry, evidence: null },
                    runId: member.runId
                });
            }
            else {
                judged.push({ entry, runId: member.runId });
            }
        }
        await deps.checkpoint?.({ ...start, judged });
        deps.chunkDone?.();
    }
    return judged;
}
/**
 * The window the chunk's runs were created in: the period's (from a day
 * before it) at its ends, the chunk's own deployments' between, so each
 * chunk lists only its own runs.
 */
function runsIn(o) {
    const oldest = o.chunk[0];
    const newest = o.chunk[o.chunk.length - 1];
    const lead = (iso) => new Date(Date.parse(iso) - RUN_LEAD_MS);
    return {
        from: o.first
            ? lead(o.request.since.toISOString())
            : lead(o.chunk.reduce((a, m) => (m.deployment.createdAt < a ? m.deployment.createdAt : a), oldest.deployment.createdAt)),
        to: o.last ? o.request.until : new Date(newest.succeededAt)
    };
}

;// CONCATENATED MODULE: ./src/engine/audit/index.ts
// The audit (SPEC §7), behind the engine's door: what adapters use, and the
// GraphQL documents it sends (checked against GitHub's limits by a test).











;// CONCATENATED MODULE: ./src/engine/index.ts
// The engine's one door: the only module code outside src/engine may import
// (enforced by eslint). One request in, one decision out, one evidence step;
// the adapters (action, CLI, App server, audit) only build the request and
// render what comes back. SPEC §2: same data, same decision.
// a decision: request → policy → facts → rules → decision → evidence





// what the results say

// the policy file on its own (validate, access)




// errors and the ports adapters implement


// the access matrix (SPEC §7): who may deploy, approve, bypass and push

// the audit (SPEC §7): every deployment of a period, judged as of its time



/***/ }),

/***/ 67915:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ makeRequest)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(17679);
// What the engine is asked: which commit, to which environment, under which
// policy, by whom. Every adapter (action, CLI, App server, audit) builds it
// through `makeRequest`, so the same question is asked the same way.

const SHA = /^[0-9a-f]{40}$/i;
/** The one constructor of an EngineRequest; refuses what no adapter may ask. */
function makeRequest(spec) {
    if (!SHA.test(spec.sha)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`the commit must be a full 40-character hex sha, not "${spec.sha.slice(0, 60)}"`);
    }
    if (spec.environment.trim() === '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('the environment must be named');
    }
    const serverUrl = (spec.serverUrl ?? 'https://github.com').replace(/\/+$/, '');
    const run = spec.run ?? null;
    const id = run?.id ?? null;
    const record = {
        id,
        attempt: id === null ? null : (run?.attempt ?? null),
        url: run?.url ??
            (id === null
                ? null
                : `${serverUrl}/${spec.owner}/${spec.repo}/actions/runs/${id}`),
        actor: run?.actor || null,
        triggeringActor: run?.triggeringActor || null
    };
    const deployer = spec.deployer === undefined
        ? (record.triggeringActor ?? record.actor)
        : spec.deployer || null;
    const reason = spec.breakGlassReason ?? null;
    return Object.freeze({
        owner: spec.owner,
        repo: spec.repo,
        environment: spec.environment,
        sha: spec.sha.toLowerCase(),
        policyPath: spec.policyPath,
        policyRef: spec.policyRef || null,
        deployer,
        run: Object.freeze(record),
        serverUrl,
        breakGlassReason: reason === '' ? null : reason,
        event: spec.event || null
    });
}


/***/ }),

/***/ 33867:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Sh: () => (/* binding */ CHECK_IDS),
/* harmony export */   VH: () => (/* binding */ CONTROLS),
/* harmony export */   r9: () => (/* binding */ LINK_KINDS),
/* harmony export */   xb: () => (/* binding */ assertNever)
/* harmony export */ });
/* unused harmony exports CHECK_STATUSES, CONTROL */
// The outcome of one check (SPEC §5). Checks are pure: they turn Facts, the
// resolved policy and a time into a CheckResult; `decide` in index.ts is the
// only place that turns results into `allow`.
/** The check ids SPEC §3 exposes in the `violations` output, in SPEC order. */
const CHECK_IDS = [
    'policy',
    'promotion',
    'source-branch',
    'branch-protection',
    'approval-record',
    'maker-checker',
    'segregation',
    'environment',
    'checks'
];
const CHECK_STATUSES = (/* unused pure expression or super */ null && (['pass', 'fail', 'error', 'skipped']));
const LINK_KINDS = [
    'pull_request',
    'review',
    'deployment',
    'commit',
    'settings',
    'check'
];
function assertNever(value) {
    throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
const CONTROL = {
    iso27001SeparationOfEnvironments: 'ISO/IEC 27001:2022 A.8.31',
    iso27001ChangeManagement: 'ISO/IEC 27001:2022 A.8.32',
    soc2ChangeManagement: 'SOC 2 CC8.1',
    nistChangeControl: 'NIST SP 800-53 CM-3',
    nistAccessRestrictionsForChange: 'NIST SP 800-53 CM-5',
    nistSeparationOfDuties: 'NIST SP 800-53 AC-5'
};
const C = CONTROL;
/** The controls each check evidences. */
const CONTROLS = {
    policy: [
        C.iso27001ChangeManagement,
        C.soc2ChangeManagement,
        C.nistChangeControl
    ],
    promotion: [
        C.iso27001SeparationOfEnvironments,
        C.iso27001ChangeManagement,
        C.soc2ChangeManagement,
        C.nistChangeControl
    ],
    'source-branch': [
        C.iso27001ChangeManagement,
        C.soc2ChangeManagement,
        C.nistChangeControl
    ],
    'branch-protection': [
        C.iso27001ChangeManagement,
        C.soc2ChangeManagement,
        C.nistChangeControl,
        C.nistAccessRestrictionsForChange
    ],
    'approval-record': [
        C.iso27001ChangeManagement,
        C.soc2ChangeManagement,
        C.nistChangeControl
    ],
    'maker-checker': [
        C.iso27001ChangeManagement,
        C.soc2ChangeManagement,
        C.nistChangeControl,
        C.nistSeparationOfDuties
    ],
    segregation: [
        C.iso27001SeparationOfEnvironments,
        C.iso27001ChangeManagement,
        C.soc2ChangeManagement,
        C.nistAccessRestrictionsForChange,
        C.nistSeparationOfDuties
    ],
    environment: [
        C.iso27001SeparationOfEnvironments,
        C.soc2ChangeManagement,
        C.nistAccessRestrictionsForChange
    ],
    checks: [
        C.iso27001ChangeManagement,
        C.soc2ChangeManagement,
        C.nistChangeControl
    ]
};


/***/ }),

/***/ 15945:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _O: () => (/* binding */ USER_AGENT),
/* harmony export */   rK: () => (/* binding */ DEFAULT_API_URL),
/* harmony export */   sd: () => (/* binding */ defaultGraphqlUrl)
/* harmony export */ });
// Where GitHub answers, and who the gate says it is: shared by the client and
// the requests sent before it loads (early.ts).
const USER_AGENT = 'promotion-gate';
const DEFAULT_API_URL = 'https://api.github.com';
/** GITHUB_GRAPHQL_URL when set; otherwise derived as GitHub does for GHES. */
function defaultGraphqlUrl(apiUrl) {
    const base = apiUrl.replace(/\/+$/, '');
    // GHES serves REST at /api/v3 and GraphQL at /api/graphql.
    if (base.endsWith('/api/v3'))
        return `${base.slice(0, -'v3'.length)}graphql`;
    return `${base}/graphql`;
}


/***/ }),

/***/ 311:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ VERSION)
/* harmony export */ });
// Kept in step with package.json by __tests__/version.test.ts.
const VERSION = '0.1.0';


/***/ })

};

//# sourceMappingURL=39.index.js.map