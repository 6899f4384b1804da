export const id = 994;
export const ids = [994];
export const modules = {

/***/ 32994:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  attestPacket: () => (/* binding */ attestPacket)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/audit/manifest.ts
var audit_manifest = __webpack_require__(76918);
// EXTERNAL MODULE: ./src/attest/statement.ts
var statement = __webpack_require__(60872);
;// CONCATENATED MODULE: ./src/attest/packet-statement.ts
// The audit packet signed (SPEC §7, §10; issue 17 item 6): an in-toto
// Statement v1 whose one subject is the packet's manifest.json and whose
// predicate is that manifest. The manifest holds the sha256 of every other
// file of the packet (population.csv, changes.csv, report.html, each
// evidence record), so one signature over it covers the whole packet: an
// auditor verifies the signature, then each file against its digest
// (`promotion-gate verify --packet DIR`).
//
// The predicate type is the gate's own URI: no SLSA or in-toto predicate
// describes "a population of deployments and how it was produced", and
// in-toto lets producers name their own types (in-toto attestation
// framework, spec/v1/predicate.md: "predicateType: URI").

const PACKET_PREDICATE_TYPE = `${statement/* VERIFIER_ID */.HV}/audit-packet/v1`;
/** the bundle's name beside manifest.json in the packet */
const PACKET_BUNDLE = 'manifest.sigstore.json';
/** manifest.json's bytes as the statement to sign. Pure. */
function buildPacketStatement(o) {
    const manifest = JSON.parse(o.manifestText);
    if (typeof manifest !== 'object' || manifest === null) {
        throw new Error(`${o.manifestName} is not a JSON object`);
    }
    return {
        _type: statement/* STATEMENT_TYPE */.zG,
        subject: [{ name: o.manifestName, digest: { sha256: o.sha256 } }],
        predicateType: PACKET_PREDICATE_TYPE,
        predicate: manifest
    };
}

// EXTERNAL MODULE: ./src/action/attest.ts
var attest = __webpack_require__(64565);
// EXTERNAL MODULE: ./src/action/inputs.ts + 1 modules
var inputs = __webpack_require__(69695);
;// CONCATENATED MODULE: ./src/action/attest-packet.ts
// `mode: audit` with `attest: true` (SPEC §7: the manifest "signed when
// attest is on"; issue 17 item 6): the packet's manifest.json signed the way
// a decision is (./attest.ts), its bundle kept in the packet beside it as
// manifest.sigstore.json, so it travels with the uploaded artifact, and
// stored as an attestation of the repository where GitHub keeps them.
// Loaded only then.






/** The manifest signed; the problem when it could not be, else null. */
async function attestPacket(o) {
    const r = o.inputs.request;
    const manifest = (0,external_node_path_.join)(o.dir, audit_manifest/* MANIFEST */.e0);
    const outcome = await (0,attest/* signAndStore */.ki)({
        what: 'the audit manifest',
        statement: () => buildPacketStatement({
            manifestName: audit_manifest/* MANIFEST */.e0,
            manifestText: (0,external_node_fs_.readFileSync)(manifest, 'utf8'),
            sha256: (0,attest/* sha256Of */.Bj)(manifest)
        }),
        bundleFile: (0,external_node_path_.join)(o.dir, PACKET_BUNDLE),
        owner: r.owner,
        repo: r.repo,
        serverUrl: r.serverUrl,
        token: o.inputs.token,
        env: o.env,
        github: o.github
    }, o.sign);
    const { io } = o;
    io.setOutput(inputs/* OUTPUTS */.py.attestationId, outcome.kind === 'stored' ? outcome.id : '');
    io.setOutput(inputs/* OUTPUTS */.py.attestationUrl, outcome.kind === 'stored' ? outcome.url : '');
    io.setOutput(inputs/* OUTPUTS */.py.attestationBundle, outcome.kind === 'failed' ? '' : outcome.bundleFile);
    switch (outcome.kind) {
        case 'stored':
            io.info(`signed audit manifest stored as attestation ${outcome.url}`);
            return null;
        case 'kept':
            io.warning(`${outcome.why}: the signed audit manifest is kept in the packet as ${PACKET_BUNDLE}; promotion-gate verify --packet checks it`);
            return null;
        case 'failed': {
            const problem = `${outcome.problem}${outcome.hint === undefined ? '' : `. ${outcome.hint}`}`;
            io.error(problem);
            return problem;
        }
    }
}


/***/ }),

/***/ 64565:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bj: () => (/* binding */ sha256Of),
/* harmony export */   a5: () => (/* binding */ attestDecision),
/* harmony export */   ki: () => (/* binding */ signAndStore)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _engine_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(91727);
/* harmony import */ var _attest_statement_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(60872);
// `attest: true` (SPEC §10): the decision, allow and block, signed as an
// in-toto statement with a SLSA Verification Summary predicate
// (../attest/statement.ts) and stored as an artifact attestation of the
// repository, so a deploy target outside GitHub can check it
// (`promotion-gate verify`).
//
// Signing is @actions/attest's: the job's OIDC token for a Fulcio
// certificate, then Rekor (public repositories, Sigstore's public-good
// instance) or GitHub's timestamp authority (private and internal ones,
// GitHub's instance), as actions/attest chooses by the event's
// repository.visibility. It is loaded only here, and this module only when
// `attest: true`: the decision's bundle stays under SPEC §9's size.
//
// Storing goes through the gate's own client (POST
// /repos/{owner}/{repo}/attestations, docs.github.com/en/rest/repos/attestations)
// so that the signed bundle is in hand whatever GitHub answers: GitHub stores
// no attestations for private repositories outside GitHub Enterprise Cloud
// and answers "Feature not available for user-owned private repositories.
// To enable this feature, please make this repository public."
// (github.com/github/docs/issues/35835, github.com/actions/attest/issues/193);
// the bundle is then kept as a file and named in the output.
//
// Fail closed: with `attest: true` an allow that could not be signed is no
// allow (the deploy target would refuse it anyway). The decision becomes a
// block that says what was missing; a block stays a block.





const ID_TOKEN_HINT = 'Give the job `permissions: id-token: write` (and `attestations: write`), or set attest: false.';
const STORE_HINT = 'Give the job `permissions: attestations: write` (and `id-token: write`), or set attest: false.';
async function attestDecision(r, sign = actionsAttest) {
    const statement = () => (0,_attest_statement_js__WEBPACK_IMPORTED_MODULE_4__/* .buildStatement */ .Y5)({
        evidence: r.evidence,
        evidenceFile: {
            name: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)(r.evidenceFile),
            sha256: sha256Of(r.evidenceFile)
        },
        serverUrl: r.serverUrl,
        artifact: r.artifact
    });
    return signAndStore({
        ...r,
        what: 'the decision',
        statement,
        bundleFile: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(r.evidenceFile), (0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)(r.evidenceFile).replace(/\.json$/, '.sigstore.json'))
    }, sign);
}
function sha256Of(file) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(file)).digest('hex');
}
/** Signed with the job's identity, kept as a file, stored as an attestation. */
async function signAndStore(r, sign = actionsAttest) {
    // The runner sets both only for a job with `id-token: write`
    // (docs.github.com/en/actions/reference/security/oidc); actions/attest
    // checks the same variable first (src/main.ts).
    if ((r.env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '') === '') {
        return {
            kind: 'failed',
            problem: `${r.what} could not be signed: the job has no OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL is unset), which the \`id-token: write\` permission gives`,
            hint: ID_TOKEN_HINT
        };
    }
    let bundle;
    try {
        ;
        ({ bundle } = await sign({ statement: r.statement(), token: r.token }));
    }
    catch (error) {
        return {
            kind: 'failed',
            problem: `${r.what} could not be signed: ${(0,_engine_index_js__WEBPACK_IMPORTED_MODULE_3__/* .getErrorMessage */ .u1)(error)}`,
            hint: /id.?token|oidc|403/i.test((0,_engine_index_js__WEBPACK_IMPORTED_MODULE_3__/* .getErrorMessage */ .u1)(error))
                ? ID_TOKEN_HINT
                : 'Check the Sigstore status page and run the job again, or set attest: false.'
        };
    }
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync)(r.bundleFile, `${JSON.stringify(bundle)}\n`, { mode: 0o644 });
    return store(r, bundle, r.bundleFile);
}
async function store(r, bundle, bundleFile) {
    try {
        const { data } = await r.github.rest('POST /repos/{owner}/{repo}/attestations', { owner: r.owner, repo: r.repo, bundle });
        if (typeof data.id !== 'number' && typeof data.id !== 'string') {
            throw new Error('GitHub returned no attestation id');
        }
        const id = String(data.id);
        return {
            kind: 'stored',
            id,
            // as actions/attest links it (src/main.ts attestationURL)
            url: `${r.serverUrl.replace(/\/+$/, '')}/${r.owner}/${r.repo}/attestations/${id}`,
            bundleFile
        };
    }
    catch (error) {
        const message = (0,_engine_index_js__WEBPACK_IMPORTED_MODULE_3__/* .getErrorMessage */ .u1)(error);
        if (/feature not available/i.test(message)) {
            return {
                kind: 'kept',
                bundleFile,
                why: `GitHub stores no attestations for this repository (${message.replace(/^.*?failed with \d+: /, '')})`
            };
        }
        const status = error instanceof _engine_index_js__WEBPACK_IMPORTED_MODULE_3__/* .GitHubApiError */ .OS ? error.status : undefined;
        return {
            kind: 'failed',
            problem: `the signed ${r.what.replace(/^the /, '')} could not be stored as an attestation${status === 403 ? ' (the token lacks `attestations: write`)' : ''}: ${message}`,
            hint: status === 403 || status === 404 ? STORE_HINT : undefined
        };
    }
}
/** @actions/attest, loaded only when a decision is signed. */
const actionsAttest = async ({ statement, token }) => {
    const { attest } = await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(779), __webpack_require__.e(208), __webpack_require__.e(842)]).then(__webpack_require__.bind(__webpack_require__, 49842));
    const attestation = await attest({
        subjects: statement.subject,
        predicateType: statement.predicateType,
        predicate: statement.predicate,
        token,
        // stored by store() above, so the bundle outlives a refusal
        skipWrite: true
    });
    return { bundle: attestation.bundle };
};


/***/ }),

/***/ 60872:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HV: () => (/* binding */ VERIFIER_ID),
/* harmony export */   Y5: () => (/* binding */ buildStatement),
/* harmony export */   zG: () => (/* binding */ STATEMENT_TYPE)
/* harmony export */ });
/* unused harmony exports VSA_PREDICATE_TYPE, EVIDENCE_FIELD, LEVELS, SHA256_DIGEST, resourceUri, parseResourceUri, verificationResult */
// The signed form of a decision (SPEC §10): an in-toto Statement v1 whose
// predicate is a SLSA Verification Summary (VSA v1,
// slsa.dev/spec/v1.0/verification_summary). The action builds it here and
// `promotion-gate verify` reads it back here, so writer and reader cannot
// disagree on a field.
//
// Decisions where the VSA leaves a choice:
// - resourceUri names the repository, the commit AND the environment, in
//   SPDX download-location form with the environment as the fragment:
//   git+https://github.com/OWNER/REPO@<40-hex sha>#environment=<name,
//   percent-encoded>. A PASSED for staging names staging: verify compares
//   the environment exactly, so it never passes for production.
// - policy is the policy file at the ref it was read from, with its git
//   blob id as digest (in-toto DigestSet `gitBlob`); no digest when the
//   policy could not be read (the decision is then FAILED anyway).
// - verifiedLevels: the SLSA levels are build levels, which the gate does not
//   judge; custom values are allowed when they do not start with SLSA_ (VSA
//   v1, SlsaResult): PROMOTION_GATE_ALLOW, PROMOTION_GATE_BREAK_GLASS (an
//   allow that overrode failing checks), or FAILED as the VSA asks.
// - the evidence record travels inside the predicate under an extension
//   field whose name is the record's schema URI: VSA v1 lets producers add
//   fields named by URIs and tells consumers to ignore fields they do not
//   know ("Parsing rules"), so VSA readers are not disturbed. The record's
//   file is a subject too (its sha256), so the file kept as an artifact can
//   be matched to the signed statement.
const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
const VSA_PREDICATE_TYPE = 'https://slsa.dev/verification_summary/v1';
const VERIFIER_ID = 'https://github.com/promotion-gate/promotion-gate';
/** The evidence record's own $schema (src/engine/evidence/record.ts). */
const EVIDENCE_FIELD = 'https://github.com/promotion-gate/promotion-gate/schema/evidence.schema.json';
const LEVELS = {
    allow: 'PROMOTION_GATE_ALLOW',
    breakGlass: 'PROMOTION_GATE_BREAK_GLASS',
    failed: 'FAILED'
};
/** `sha256:<64 hex>`, as GitHub's attestations API and OCI name digests. */
const SHA256_DIGEST = /^sha256:([0-9a-f]{64})$/;
function repoUrl(serverUrl, repository) {
    return `git+${serverUrl.replace(/\/+$/, '')}/${repository}`;
}
function resourceUri(o) {
    return `${repoUrl(o.serverUrl, o.repository)}@${o.sha}#environment=${encodeURIComponent(o.environment)}`;
}
const RESOURCE = /^git\+(https?:\/\/[^/@#?]+(?:\/[^/@#?]+)*?)\/([^/@#?]+\/[^/@#?]+)@([0-9a-f]{40})#environment=([^#&]+)$/;
/** resourceUri read back; null when it is not the gate's form. */
function parseResourceUri(uri) {
    const m = RESOURCE.exec(uri);
    if (m === null)
        return null;
    const [, serverUrl = '', repository = '', sha = '', encoded = ''] = m;
    let environment;
    try {
        environment = decodeURIComponent(encoded);
    }
    catch {
        return null;
    }
    return { serverUrl, repository, sha, environment };
}
function verificationResult(evidence) {
    return evidence.decision === 'allow' ? 'PASSED' : 'FAILED';
}
/** The decision and its evidence as the statement to sign. Pure. */
function buildStatement(o) {
    const e = o.evidence;
    const repository = repoUrl(o.serverUrl, e.repository);
    const policyRef = e.policy.ref === null ? '' : `@${e.policy.ref}`;
    const result = verificationResult(e);
    const subject = [
        { name: `${repository}@${e.sha}`, digest: { gitCommit: e.sha } },
        { name: o.evidenceFile.name, digest: { sha256: o.evidenceFile.sha256 } }
    ];
    if (o.artifact !== null) {
        subject.push({
            name: o.artifact.name,
            digest: { sha256: o.artifact.sha256 }
        });
    }
    return {
        _type: STATEMENT_TYPE,
        subject,
        predicateType: VSA_PREDICATE_TYPE,
        predicate: {
            verifier: {
                id: VERIFIER_ID,
                version: { [e.tool.name]: e.tool.version }
            },
            timeVerified: e.time,
            resourceUri: resourceUri({
                serverUrl: o.serverUrl,
                repository: e.repository,
                sha: e.sha,
                environment: e.environment
            }),
            policy: {
                uri: `${repository}${policyRef}#${e.policy.path}`,
                ...(e.policy.blob_sha === null
                    ? {}
                    : { digest: { gitBlob: e.policy.blob_sha } })
            },
            verificationResult: result,
            verifiedLevels: [
                result === 'FAILED'
                    ? LEVELS.failed
                    : e.break_glass === null
                        ? LEVELS.allow
                        : LEVELS.breakGlass
            ],
            slsaVersion: '1.0',
            [EVIDENCE_FIELD]: e
        }
    };
}


/***/ })

};

//# sourceMappingURL=994.index.js.map