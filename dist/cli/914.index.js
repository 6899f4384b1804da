export const id = 914;
export const ids = [914,872];
export const modules = {

/***/ 9289:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O1: () => (/* binding */ PACKET_BUNDLE),
/* harmony export */   SU: () => (/* binding */ PACKET_PREDICATE_TYPE)
/* harmony export */ });
/* unused harmony export buildPacketStatement */
/* harmony import */ var _statement_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(872);
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

const PACKET_PREDICATE_TYPE = `${_statement_js__WEBPACK_IMPORTED_MODULE_0__/* .VERIFIER_ID */ .HV}/audit-packet/v1`;
/** the bundle's name beside manifest.json in the packet */
const PACKET_BUNDLE = 'manifest.sigstore.json';
/** manifest.json's bytes as the statement to sign. Pure. */
function buildPacketStatement(o) {
    const manifest = JSON.parse(o.manifestText);
    if (typeof manifest !== 'object' || manifest === null) {
        throw new Error(`${o.manifestName} is not a JSON object`);
    }
    return {
        _type: STATEMENT_TYPE,
        subject: [{ name: o.manifestName, digest: { sha256: o.sha256 } }],
        predicateType: PACKET_PREDICATE_TYPE,
        predicate: manifest
    };
}


/***/ }),

/***/ 872:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HV: () => (/* binding */ VERIFIER_ID),
/* harmony export */   Me: () => (/* binding */ parseResourceUri),
/* harmony export */   VSA_PREDICATE_TYPE: () => (/* binding */ VSA_PREDICATE_TYPE),
/* harmony export */   rO: () => (/* binding */ EVIDENCE_FIELD),
/* harmony export */   zG: () => (/* binding */ STATEMENT_TYPE)
/* harmony export */ });
/* unused harmony exports LEVELS, SHA256_DIGEST, resourceUri, verificationResult, buildStatement */
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


/***/ }),

/***/ 1914:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   verifyPacket: () => (/* binding */ verifyPacket)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _engine_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4372);
/* harmony import */ var _audit_manifest_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6918);
/* harmony import */ var _attest_packet_statement_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9289);
/* harmony import */ var _command_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3567);
/* harmony import */ var _endpoints_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3568);
/* harmony import */ var _output_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(6657);
/* harmony import */ var _verify_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(7254);
// `promotion-gate verify --packet DIR` (./verify.ts's second form): an
// auditor's check of a signed audit packet (../attest/verify-packet.ts).
// Exit 0 only when the signature, the signer and every file hold.









const usage = (message) => new _command_js__WEBPACK_IMPORTED_MODULE_5__/* .UsageError */ .e('verify', message);
async function verifyPacket(values, ctx) {
    const dir = values.get('packet') ?? '';
    for (const name of ['digest', 'commit', 'max-age']) {
        if (values.has(name)) {
            throw usage(`--${name} is about a deployment; --packet verifies an audit packet, whose files the signed manifest names`);
        }
    }
    const { repository, signer } = (0,_verify_js__WEBPACK_IMPORTED_MODULE_8__/* .parseSigner */ .cm)(values);
    const bundleFile = values.get('bundle') ?? (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, _attest_packet_statement_js__WEBPACK_IMPORTED_MODULE_4__/* .PACKET_BUNDLE */ .O1);
    let manifest;
    try {
        manifest = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, _audit_manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .MANIFEST */ .e0));
    }
    catch (error) {
        throw usage(`--packet ${(0,_output_js__WEBPACK_IMPORTED_MODULE_7__/* .printable */ .g$)(dir)} has no readable ${_audit_manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .MANIFEST */ .e0}: ${(0,_engine_index_js__WEBPACK_IMPORTED_MODULE_2__/* .getErrorMessage */ .u1)(error)}`);
    }
    let bundle;
    try {
        bundle = JSON.parse((0,_verify_js__WEBPACK_IMPORTED_MODULE_8__/* .readText */ .yR)('the bundle', bundleFile));
    }
    catch (error) {
        if (error instanceof _command_js__WEBPACK_IMPORTED_MODULE_5__/* .UsageError */ .e)
            throw error;
        throw usage(`${(0,_output_js__WEBPACK_IMPORTED_MODULE_7__/* .printable */ .g$)(bundleFile)} is not JSON`);
    }
    const roots = await (0,_verify_js__WEBPACK_IMPORTED_MODULE_8__/* .trustedRoots */ .Ve)(values.get('trusted-root') ?? null);
    const { serverUrl } = (0,_endpoints_js__WEBPACK_IMPORTED_MODULE_6__/* .endpoints */ .vZ)('verify', values, ctx.env);
    // sigstore-js is loaded only by this command
    const { ACTIONS_ISSUER } = await Promise.all(/* import() */[__webpack_require__.e(654), __webpack_require__.e(168), __webpack_require__.e(387)]).then(__webpack_require__.bind(__webpack_require__, 768));
    const { judgePacket } = await Promise.all(/* import() */[__webpack_require__.e(654), __webpack_require__.e(168), __webpack_require__.e(477)]).then(__webpack_require__.bind(__webpack_require__, 9477));
    const bundlePath = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, _attest_packet_statement_js__WEBPACK_IMPORTED_MODULE_4__/* .PACKET_BUNDLE */ .O1);
    const result = judgePacket(bundle, roots, {
        manifest,
        // the bundle was made after the manifest, so the manifest cannot list it
        files: (0,_audit_manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .digests */ .cI)(dir).filter((f) => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, f.path) !== bundlePath)
    }, {
        repository: `${repository.owner}/${repository.repo}`,
        serverUrl,
        signer,
        issuer: ACTIONS_ISSUER,
        environment: values.get('environment') ?? null
    });
    if (!result.ok) {
        ctx.stdout.write(`refused: ${(0,_output_js__WEBPACK_IMPORTED_MODULE_7__/* .printable */ .g$)(result.reason)}\n`);
        return _command_js__WEBPACK_IMPORTED_MODULE_5__/* .EXIT */ .d.block;
    }
    ctx.stdout.write(describe(result.verified));
    return _command_js__WEBPACK_IMPORTED_MODULE_5__/* .EXIT */ .d.ok;
}
function describe(v) {
    const lines = [
        `verified: the audit packet of ${v.repository} (${v.environment}, ${v.period.since} to ${v.period.until}) is as signed`,
        `  signer     ${v.signer}`,
        `  issuer     ${v.issuer}`,
        `  run of     ${v.source}${v.caller === null ? '' : ` (${v.caller})`}`,
        `  signature  valid (${v.witnessed})`,
        `  made       ${v.generatedAt} by promotion-gate ${v.toolVersion}`,
        `  files      ${v.files} listed in ${_audit_manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .MANIFEST */ .e0}, each matching its sha256 (${v.bytes} bytes); none added`
    ];
    return `${lines.map(_output_js__WEBPACK_IMPORTED_MODULE_7__/* .printable */ .g$).join('\n')}\n`;
}


/***/ })

};

//# sourceMappingURL=914.index.js.map