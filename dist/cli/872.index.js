export const id = 872;
export const ids = [872];
export const modules = {

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


/***/ })

};

//# sourceMappingURL=872.index.js.map