export const id = 277;
export const ids = [277];
export const modules = {

/***/ 24277:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runAuditProcess: () => (/* binding */ runAuditProcess)
/* harmony export */ });
/* unused harmony exports AUDIT_PROCESS, YOUNG_GENERATION */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
// `mode: audit` in a node process of its own, started with a small young
// generation. A long audit parses hundreds of large GraphQL answers, each
// garbage a moment later; V8 sizes its young generation by how much
// survives, grows it under such bursts and keeps it grown, and an action
// cannot pass node flags to the process the runner starts. Measured on
// 10,000 deployments against the simulator: peak memory 331 MiB in the
// runner's process, <see BENCHMARKS.md> with `--max-semi-space-size=1`
// (SPEC §9: under 300 MB), at no measurable cost in time, since what
// survives a scavenge is small. The child is this same bundle, with the
// same environment (the inputs, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY) and the
// same stdout and stderr; no shell, and nothing from the event payload
// among its arguments.

/** Set in the child: it runs the audit itself (../action/index.ts reads it). */
const AUDIT_PROCESS = 'PROMOTION_GATE_AUDIT_PROCESS';
/** V8's young generation at its smallest (MiB per semi-space). */
const YOUNG_GENERATION = '--max-semi-space-size=1';
/**
 * The audit run by `script` in a child node; resolves to the exit code it
 * ends with, or rejects saying why it did not end by itself.
 */
function runAuditProcess(o) {
    return new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(o.execPath ?? process.execPath, [...(o.execArgv ?? process.execArgv), YOUNG_GENERATION, o.script], { env: { ...o.env, [AUDIT_PROCESS]: '1' }, stdio: 'inherit' });
        child.on('error', (error) => {
            reject(new Error(`the audit process could not start: ${error.message}`));
        });
        child.on('exit', (code, signal) => {
            if (code !== null)
                resolve(code);
            else
                reject(new Error(`the audit process was stopped by ${signal ?? 'a signal'} before it finished (out of memory?): no packet was made`));
        });
    });
}


/***/ })

};

//# sourceMappingURL=277.index.js.map