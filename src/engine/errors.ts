// Coded errors. Every failure the gate reports is one of these; `toFailure`
// turns anything thrown (including non-Error values) into one shape, so no
// adapter can fail open on an unexpected throw.

export type ErrorCode =
  'input' | 'policy' | 'github-api' | 'shape' | 'timeout' | 'internal'

export class GateError extends Error {
  readonly code: ErrorCode
  /** what the user can do about it */
  readonly hint: string | undefined

  constructor(
    code: ErrorCode,
    message: string,
    options: { hint?: string; cause?: unknown } = {}
  ) {
    super(message, { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.hint = options.hint
  }
}

/** A mistake in what the user passed: inputs, event payload, CLI arguments. */
export class InputError extends GateError {
  constructor(message: string, options: { hint?: string } = {}) {
    super('input', message, options)
  }
}

export interface PolicyProblem {
  /** dotted path of the key, e.g. `environments.production.soak` */
  path: string
  /** 1-based; 0 when the problem has no position (e.g. the file is missing) */
  line: number
  column: number
  message: string
}

/** The policy could not be read, parsed or validated. */
export class PolicyError extends GateError {
  readonly file: string
  readonly problems: PolicyProblem[]

  constructor(file: string, problems: PolicyProblem[], hint?: string) {
    super('policy', formatProblems(file, problems), { hint })
    this.file = file
    this.problems = problems
  }
}

function formatProblems(file: string, problems: PolicyProblem[]): string {
  return problems
    .map((p) => {
      const where = p.line > 0 ? `${file}:${p.line}:${p.column}` : file
      const key = p.path === '' ? '' : ` ${p.path}:`
      return `${where}:${key} ${p.message}`
    })
    .join('\n')
}

/** GitHub answered with an error, or not at all. */
export class GitHubApiError extends GateError {
  readonly status: number | undefined
  readonly requestId: string | undefined
  /** the token permission that would probably let the call through */
  readonly permission: string | undefined

  constructor(
    message: string,
    options: {
      status?: number
      requestId?: string
      permission?: string
      hint?: string
      cause?: unknown
    } = {}
  ) {
    super('github-api', message, options)
    this.status = options.status
    this.requestId = options.requestId
    this.permission = options.permission
  }
}

/** A GitHub answer did not have the shape we rely on. */
export class ShapeError extends GateError {
  constructor(message: string) {
    super('shape', message, {
      hint: 'GitHub answered in an unexpected shape; the gate blocks rather than guess.'
    })
  }
}

export interface Failure {
  code: ErrorCode
  message: string
  hint: string | undefined
}

/**
 * An error's message, read by shape: errors thrown by node itself (fs,
 * parseArgs) may come from another realm, where `instanceof Error` fails.
 */
export function getErrorMessage(error: unknown): string {
  if (
    typeof error === 'object' &&
    error !== null &&
    'message' in error &&
    typeof error.message === 'string'
  ) {
    return error.message
  }
  if (typeof error === 'string') return error
  try {
    return JSON.stringify(error) ?? String(error)
  } catch {
    return String(error)
  }
}

export function toFailure(error: unknown): Failure {
  if (error instanceof GateError) {
    return { code: error.code, message: error.message, hint: error.hint }
  }
  return {
    code: 'internal',
    message: `unexpected error: ${getErrorMessage(error)}`,
    hint: undefined
  }
}
