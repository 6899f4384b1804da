export const id = 477;
export const ids = [477,387];
export const modules = {

/***/ 4866:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $2: () => (/* binding */ readSigner)
/* harmony export */ });
/* unused harmony exports OID, derUtf8, extensionText */
// Who signed a decision, read from the Fulcio certificate that sigstore-js
// (@sigstore/verify) has already verified: its chain, its CT proof and the
// signature it carries. Nothing here checks a signature; it compares what the
// verified certificate says with what the deploy target expects.
//
// Fulcio's certificate for a GitHub Actions job (sigstore/fulcio
// docs/oid-info.md, and the templates of its github-workflow CI provider,
// config/identity/config.yaml):
// - the SAN and Build Signer URI (1.3.6.1.4.1.57264.1.9) are
//   `{server_url}/{job_workflow_ref}`: the workflow whose job signed. For a
//   reusable workflow that is the *called* workflow, e.g.
//   https://github.com/OWNER/promotion-gate/.github/workflows/gate.yml@refs/tags/v1,
//   whatever repository called it;
// - Source Repository URI (1.3.6.1.4.1.57264.1.12) is
//   `{server_url}/{repository}`: the repository whose run it was, the caller;
// - Build Config URI (1.3.6.1.4.1.57264.1.18) is `{server_url}/{workflow_ref}`:
//   the caller's top-level workflow.
// A reusable workflow anyone may call proves nothing on its own: every
// repository on GitHub can run it and get a certificate with the same SAN. So
// the source repository is always compared too.
const OID = {
    buildSignerUri: '1.3.6.1.4.1.57264.1.9',
    sourceRepositoryUri: '1.3.6.1.4.1.57264.1.12',
    buildConfigUri: '1.3.6.1.4.1.57264.1.18'
};
/**
 * An extension's value as Fulcio writes 1.3.6.1.4.1.57264.1.8 and later: a
 * DER UTF8String (oid-info.md, "Extension values"). sigstore-js hands over
 * the extension's raw extnValue; anything but one whole UTF8String is
 * unreadable (null), never guessed at.
 */
function derUtf8(value) {
    if (value.length < 2 || value[0] !== 0x0c)
        return null;
    const first = value[1] ?? 0;
    let length = first;
    let start = 2;
    if (first >= 0x80) {
        // long form: 0x81 or 0x82 and that many length bytes
        const bytes = first - 0x80;
        if (bytes < 1 || bytes > 2 || value.length < 2 + bytes)
            return null;
        length = value.readUIntBE(2, bytes);
        start = 2 + bytes;
    }
    if (value.length !== start + length)
        return null;
    return value.subarray(start).toString('utf8');
}
/** The text of the verified certificate's extension `oid`, or null. */
function extensionText(identity, oid) {
    const found = (identity?.oids ?? []).filter((o) => o.oid?.id.join('.') === oid);
    // a certificate carrying an extension twice is not read either way
    if (found.length !== 1 || found[0] === undefined)
        return null;
    return derUtf8(found[0].value);
}
function pinned(e) {
    const s = e.signer;
    return `${e.serverUrl}/${s.repository}/${s.workflow}@${s.ref ?? '<any ref>'}`;
}
/** The SAN against --signer-workflow [OWNER/NAME/]PATH[@REF]. */
function signerProblem(san, e) {
    const prefix = `${e.serverUrl}/${e.signer.repository}/`;
    // GitHub's owner and repository names ignore case; paths and refs do not
    const head = san.slice(0, prefix.length);
    const rest = san.slice(prefix.length);
    const at = rest.indexOf('@');
    const workflow = at < 0 ? rest : rest.slice(0, at);
    const ref = at < 0 ? '' : rest.slice(at + 1);
    const ok = head.toLowerCase() === prefix.toLowerCase() &&
        workflow === e.signer.workflow &&
        ref !== '' &&
        (e.signer.ref === null || ref === e.signer.ref);
    return ok
        ? null
        : `signed by ${san}, not by the expected workflow ${pinned(e)}`;
}
/** Who signed, or why that signer is not the one expected. */
function readSigner(signer, e) {
    const identity = signer.identity;
    const san = identity?.subjectAlternativeName ?? '';
    const issuer = identity?.extensions?.issuer ?? '';
    if (issuer !== e.issuer) {
        return `the certificate was issued for tokens of ${issuer || 'an unnamed issuer'}, not of ${e.issuer}`;
    }
    const wrongSigner = signerProblem(san, e);
    if (wrongSigner !== null)
        return wrongSigner;
    const expected = `${e.serverUrl}/${e.repository}`;
    const source = extensionText(identity, OID.sourceRepositoryUri);
    if (source === null) {
        return `the certificate names no source repository (extension ${OID.sourceRepositoryUri}), so the run that signed cannot be tied to ${expected}`;
    }
    if (source.toLowerCase() !== expected.toLowerCase()) {
        const shared = e.signer.repository.toLowerCase() !== e.repository.toLowerCase();
        return `signed in a run of ${source}, not of ${expected}${shared ? ` (a workflow of ${e.signer.repository} signs for every repository that calls it)` : ''}`;
    }
    return {
        signer: san,
        issuer,
        source,
        caller: extensionText(identity, OID.buildConfigUri)
    };
}


/***/ }),

/***/ 9477:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   judgePacket: () => (/* binding */ judgePacket)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _certificate_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4866);
/* harmony import */ var _packet_statement_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9289);
/* harmony import */ var _statement_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(872);
/* harmony import */ var _verify_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(768);
// `promotion-gate verify --packet DIR`: for an auditor handed an audit
// packet (SPEC §7). The packet's manifest.json was signed by the audit's
// workflow (../action/attest-packet.ts); this checks that signature with
// sigstore-js as a decision's is checked (./verify.ts: the signature, the
// certificate, its log entry or timestamp, the signer workflow and the
// repository whose run signed), that the signed subject is this very
// manifest.json, and then every file the manifest lists against its
// sha256, and that no file was added beside them. Nothing here checks a
// signature by hand.





const sha256 = (data) => (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(data).digest('hex');
/** The packet's bundle against its manifest and files. Never throws. */
function judgePacket(bundle, roots, packet, e) {
    const refuse = (reason) => ({ ok: false, reason });
    const signed = (0,_verify_js__WEBPACK_IMPORTED_MODULE_4__/* .verifySignature */ .Od)(bundle, roots);
    if (typeof signed === 'string')
        return refuse(signed);
    const who = (0,_certificate_js__WEBPACK_IMPORTED_MODULE_1__/* .readSigner */ .$2)(signed.signer, e);
    if (typeof who === 'string')
        return refuse(who);
    const s = (0,_verify_js__WEBPACK_IMPORTED_MODULE_4__/* .readStatement */ .cO)(signed.payload);
    if (typeof s === 'string')
        return refuse(s);
    if (s._type !== _statement_js__WEBPACK_IMPORTED_MODULE_3__/* .STATEMENT_TYPE */ .zG) {
        return refuse('the statement is not an in-toto Statement v1');
    }
    if (s.predicateType !== _packet_statement_js__WEBPACK_IMPORTED_MODULE_2__/* .PACKET_PREDICATE_TYPE */ .SU) {
        return refuse(`the statement's predicate is ${String(s.predicateType)}, not an audit packet's (${_packet_statement_js__WEBPACK_IMPORTED_MODULE_2__/* .PACKET_PREDICATE_TYPE */ .SU})`);
    }
    const digest = sha256(packet.manifest);
    const subjects = (0,_verify_js__WEBPACK_IMPORTED_MODULE_4__/* .subjectsOf */ .Z6)(s);
    if (subjects.length !== 1 || subjects[0]?.digest.sha256 !== digest) {
        return refuse(`the signature is over another manifest: manifest.json's sha256 is ${digest}, the statement names ${subjects.map((x) => x.digest.sha256 ?? '?').join(', ') || 'none'}`);
    }
    let m;
    try {
        m = JSON.parse(packet.manifest.toString('utf8'));
    }
    catch {
        return refuse('manifest.json is not JSON');
    }
    if (typeof m.repository !== 'string' ||
        m.repository.toLowerCase() !== e.repository.toLowerCase()) {
        return refuse(`the packet is an audit of ${String(m.repository)}, not of ${e.repository}`);
    }
    const environment = typeof m.environment === 'string' ? m.environment : '';
    if (e.environment !== null && environment !== e.environment) {
        return refuse(`the packet is an audit of environment "${environment}", not "${e.environment}"`);
    }
    const problem = filesProblem(m.files, packet.files);
    if (problem !== null)
        return refuse(problem);
    const listed = packet.files;
    return {
        ok: true,
        verified: {
            ...who,
            witnessed: signed.witnessed,
            repository: m.repository,
            environment,
            period: { since: text(m.period?.since), until: text(m.period?.until) },
            generatedAt: text(m.generated_at),
            toolVersion: text(m.tool?.version),
            files: listed.length,
            bytes: listed.reduce((n, f) => n + f.bytes, 0)
        }
    };
}
/** Each file as the manifest lists it, and nothing else; null when all hold. */
function filesProblem(listed, found) {
    if (!Array.isArray(listed))
        return 'the manifest lists no files';
    const want = new Map();
    for (const f of listed) {
        if (typeof f.path === 'string' && typeof f.sha256 === 'string') {
            want.set(f.path, f.sha256);
        }
    }
    const have = new Map(found.map((f) => [f.path, f.sha256]));
    const missing = [...want.keys()].filter((p) => !have.has(p));
    const changed = [...want].filter(([p, d]) => have.has(p) && have.get(p) !== d);
    const added = [...have.keys()].filter((p) => !want.has(p));
    const parts = [
        changed.length > 0
            ? `changed since it was signed: ${list(changed.map(([p]) => p))}`
            : null,
        missing.length > 0 ? `missing: ${list(missing)}` : null,
        added.length > 0 ? `not in the manifest: ${list(added)}` : null
    ].filter((p) => p !== null);
    return parts.length === 0
        ? null
        : `the packet is not as signed: ${parts.join('; ')}`;
}
const text = (v) => (typeof v === 'string' ? v : '?');
function list(paths) {
    const shown = paths.slice(0, 5).join(', ');
    return paths.length > 5 ? `${shown} and ${paths.length - 5} more` : shown;
}


/***/ }),

/***/ 768:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ACTIONS_ISSUER: () => (/* binding */ ACTIONS_ISSUER),
/* harmony export */   Od: () => (/* binding */ verifySignature),
/* harmony export */   Z6: () => (/* binding */ subjectsOf),
/* harmony export */   cO: () => (/* binding */ readStatement),
/* harmony export */   judgeAll: () => (/* binding */ judgeAll),
/* harmony export */   parseTrustedRoots: () => (/* binding */ parseTrustedRoots)
/* harmony export */ });
/* unused harmony export judge */
/* harmony import */ var _sigstore_bundle__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1040);
/* harmony import */ var _sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9654);
/* harmony import */ var _sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(_sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _sigstore_verify__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4187);
/* harmony import */ var _engine_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4372);
/* harmony import */ var _certificate_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4866);
/* harmony import */ var _statement_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(872);
// `promotion-gate verify`'s judgement of signed decisions (SPEC §10): each
// Sigstore bundle is verified by sigstore-js (@sigstore/verify: the
// signature, the certificate chain to a trusted Fulcio, its CT log
// proof, the transparency-log entry or timestamp), then its signer (the
// workflow and the repository whose run signed, ./certificate.ts) and its
// statement are compared with what the deploy target expects. Nothing here
// checks a signature by hand.
//
// Of several signed decisions for the same artifact, the latest one whose
// signature, signer, environment and subject hold is the one that counts:
// a later block (an approval withdrawn, a check that failed on a re-run)
// must not be outvoted by an earlier pass.






/** The OIDC issuer of GitHub Actions' job tokens on github.com. */
const ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com';
const IN_TOTO = 'application/vnd.in-toto+json';
/** how far a signer's clock may run ahead of ours */
const SKEW_MS = 5 * 60_000;
/** Trusted roots from JSON: one object, or one per line (gh attestation trusted-root). */
function parseTrustedRoots(text) {
    const trimmed = text.trim();
    const docs = [];
    try {
        docs.push(JSON.parse(trimmed));
    }
    catch {
        for (const line of trimmed.split('\n')) {
            if (line.trim() !== '')
                docs.push(JSON.parse(line));
        }
    }
    return docs.map((d) => _sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_1__.TrustedRoot.fromJSON(d));
}
function verifySignature(json, roots) {
    let bundle;
    try {
        bundle = (0,_sigstore_bundle__WEBPACK_IMPORTED_MODULE_0__/* .bundleFromJSON */ .vw)(json);
    }
    catch (error) {
        return `not a Sigstore bundle: ${(0,_engine_index_js__WEBPACK_IMPORTED_MODULE_3__/* .getErrorMessage */ .u1)(error)}`;
    }
    if (bundle.content.$case !== 'dsseEnvelope') {
        return 'the bundle signs a blob, not an in-toto statement';
    }
    const envelope = bundle.content.dsseEnvelope;
    if (envelope.payloadType !== IN_TOTO) {
        return `the bundle signs ${envelope.payloadType}, not an in-toto statement`;
    }
    const entity = (0,_sigstore_verify__WEBPACK_IMPORTED_MODULE_2__/* .toSignedEntity */ .DC)(bundle);
    const problems = [];
    for (const root of roots) {
        // The trusted root decides what is required, never the bundle: a root
        // with transparency logs (Sigstore's public-good instance) requires an
        // entry in one, and a root without (GitHub's instance) a timestamp.
        const verifier = new _sigstore_verify__WEBPACK_IMPORTED_MODULE_2__/* .Verifier */ .BL((0,_sigstore_verify__WEBPACK_IMPORTED_MODULE_2__/* .toTrustMaterial */ .jO)(root), {
            tlogThreshold: root.tlogs.length > 0 ? 1 : 0,
            ctlogThreshold: root.ctlogs.length > 0 ? 1 : 0,
            timestampThreshold: 1
        });
        try {
            const signer = verifier.verify(entity);
            const tlog = bundle.verificationMaterial.tlogEntries.length;
            const witnessed = root.tlogs.length > 0 && tlog > 0
                ? `transparency log entry ${bundle.verificationMaterial.tlogEntries[0]?.logIndex ?? '?'}`
                : 'timestamp authority';
            return { signer, payload: envelope.payload, witnessed };
        }
        catch (error) {
            problems.push((0,_engine_index_js__WEBPACK_IMPORTED_MODULE_3__/* .getErrorMessage */ .u1)(error));
        }
    }
    return `the signature does not verify against the trusted root: ${[...new Set(problems)].join('; ')}`;
}
function readStatement(payload) {
    try {
        const value = JSON.parse(payload.toString('utf8'));
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
            return 'the signed statement is not a JSON object';
        }
        return value;
    }
    catch {
        return 'the signed statement is not JSON';
    }
}
function subjectsOf(s) {
    if (!Array.isArray(s.subject))
        return [];
    return s.subject.flatMap((x) => {
        const o = x;
        if (typeof o?.digest !== 'object' || o.digest === null)
            return [];
        const digest = Object.fromEntries(Object.entries(o.digest).filter((e) => typeof e[1] === 'string'));
        return [{ name: typeof o.name === 'string' ? o.name : '', digest }];
    });
}
const ago = (ms) => {
    const minutes = Math.round(ms / 60_000);
    return minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
};
/** One bundle against what the deploy target expects. Never throws. */
function judge(json, roots, e) {
    const refuse = (reason, candidate = null) => ({
        ok: false,
        reason,
        candidate
    });
    const signed = verifySignature(json, roots);
    if (typeof signed === 'string')
        return refuse(signed);
    const who = (0,_certificate_js__WEBPACK_IMPORTED_MODULE_4__/* .readSigner */ .$2)(signed.signer, e);
    if (typeof who === 'string')
        return refuse(who);
    const s = readStatement(signed.payload);
    if (typeof s === 'string')
        return refuse(s);
    if (s._type !== _statement_js__WEBPACK_IMPORTED_MODULE_5__/* .STATEMENT_TYPE */ .zG) {
        return refuse(`the statement is not an in-toto Statement v1`);
    }
    if (s.predicateType !== _statement_js__WEBPACK_IMPORTED_MODULE_5__.VSA_PREDICATE_TYPE) {
        return refuse(`the statement's predicate is ${String(s.predicateType)}, not a SLSA verification summary (${_statement_js__WEBPACK_IMPORTED_MODULE_5__.VSA_PREDICATE_TYPE})`);
    }
    const p = s.predicate ?? {};
    const verifier = p.verifier;
    if (verifier?.id !== _statement_js__WEBPACK_IMPORTED_MODULE_5__/* .VERIFIER_ID */ .HV) {
        return refuse(`the summary was made by ${String(verifier?.id)}, not by promotion-gate (${_statement_js__WEBPACK_IMPORTED_MODULE_5__/* .VERIFIER_ID */ .HV})`);
    }
    const resource = typeof p.resourceUri === 'string' ? (0,_statement_js__WEBPACK_IMPORTED_MODULE_5__/* .parseResourceUri */ .Me)(p.resourceUri) : null;
    if (resource === null) {
        return refuse(`the summary's resourceUri ${JSON.stringify(p.resourceUri)} does not name a repository, commit and environment`);
    }
    if (resource.repository.toLowerCase() !== e.repository.toLowerCase() ||
        resource.serverUrl !== e.serverUrl) {
        return refuse(`the decision is about ${resource.serverUrl}/${resource.repository}, not ${e.serverUrl}/${e.repository}`);
    }
    if (resource.environment !== e.environment) {
        return refuse(`the decision is for environment "${resource.environment}", not "${e.environment}"`);
    }
    const subjects = subjectsOf(s);
    const commits = subjects.flatMap((x) => x.digest.gitCommit ?? []);
    if (commits.length !== 1 || commits[0] !== resource.sha) {
        return refuse(`the statement's commit subject does not match its resourceUri (${resource.sha})`);
    }
    if (e.commit !== null && resource.sha !== e.commit) {
        return refuse(`the decision is about commit ${resource.sha}, not ${e.commit}`);
    }
    if (e.digest !== null &&
        !subjects.some((x) => x.digest.sha256 === e.digest)) {
        return refuse(`the decision does not name the artifact sha256:${e.digest}`);
    }
    const time = typeof p.timeVerified === 'string' ? Date.parse(p.timeVerified) : NaN;
    if (Number.isNaN(time)) {
        return refuse(`the summary has no valid timeVerified`);
    }
    const policy = p.policy;
    const candidate = {
        ...who,
        resource,
        timeVerified: new Date(time).toISOString(),
        ageMs: e.now.getTime() - time,
        levels: Array.isArray(p.verifiedLevels)
            ? p.verifiedLevels.map((l) => String(l))
            : [],
        subjects,
        policy: {
            uri: typeof policy?.uri === 'string' ? policy.uri : '',
            digest: typeof policy?.digest === 'object' && policy.digest !== null
                ? policy.digest
                : null
        },
        witnessed: signed.witnessed
    };
    if (p.verificationResult !== 'PASSED') {
        const record = p[_statement_js__WEBPACK_IMPORTED_MODULE_5__/* .EVIDENCE_FIELD */ .rO];
        const failing = Array.isArray(record?.checks)
            ? record.checks
                .filter((c) => c.status === 'fail' || c.status === 'error')
                .map((c) => String(c.id))
            : [];
        return refuse(`the gate blocked this deployment (verificationResult ${String(p.verificationResult)}${failing.length > 0 ? `: ${failing.join(', ')}` : ''}) at ${candidate.timeVerified}`, candidate);
    }
    if (candidate.ageMs < -SKEW_MS) {
        return refuse(`the decision is dated ${candidate.timeVerified}, in the future`, candidate);
    }
    if (candidate.ageMs > e.maxAgeMs) {
        return refuse(`the decision is ${ago(candidate.ageMs)} old (${candidate.timeVerified}), more than --max-age ${ago(e.maxAgeMs)}: run the gate again`, candidate);
    }
    return { ok: true, verified: candidate };
}
/**
 * Several bundles (GitHub's attestations of one digest): the latest
 * decision that is really about this deployment counts.
 */
function judgeAll(bundles, roots, e) {
    const judged = bundles.map((b) => judge(b, roots, e));
    const relevant = judged
        .map((j) => ({ j, v: j.ok ? j.verified : j.candidate }))
        .filter((x) => x.v !== null)
        .sort((a, b) => Date.parse(b.v.timeVerified) - Date.parse(a.v.timeVerified));
    const refused = judged.flatMap((j) => (j.ok ? [] : [j.reason]));
    const latest = relevant[0];
    if (latest !== undefined)
        return { ...latest.j, refused };
    return {
        ok: false,
        reason: judged.length === 0
            ? 'no signed decision was found'
            : judged.length === 1
                ? (refused[0] ?? '')
                : `none of the ${judged.length} signed decisions holds: ${[...new Set(refused)].join('; ')}`,
        candidate: null,
        refused
    };
}


/***/ })

};

//# sourceMappingURL=477.index.js.map