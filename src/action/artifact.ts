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

import { readdirSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { getErrorMessage } from '../engine/index.js'

export type UploadOutcome =
  | { kind: 'uploaded'; url: string; name: string }
  | { kind: 'skipped'; why: string }
  | { kind: 'failed'; why: string }

export interface UploadRequest {
  /** one file, uploaded as it is and named after it */
  file: string
  retentionDays: number | null
  env: Record<string, string | undefined>
  /** the run's page: <server>/<owner>/<repo>/actions/runs/<id> */
  runUrl: string | null
  /** longest the upload may take, retries included */
  timeoutMs: number
}

/** What to upload: one file as it is, or a directory's files zipped. */
export interface Upload {
  name: string
  files: string[]
  root: string
  /** true: the one file as it is, not zipped */
  direct: boolean
  retentionDays?: number
}

/** The upload itself, injected by tests that run in process. */
export type Uploader = (upload: Upload) => Promise<{ id: number }>

export async function uploadEvidence(
  r: UploadRequest,
  upload: Uploader = artifactUpload
): Promise<UploadOutcome> {
  return uploadArtifact(
    { ...r, name: basename(r.file), files: [r.file], root: dirname(r.file) },
    upload
  )
}

/** A directory's files (the audit's packet), zipped into one artifact. */
export async function uploadDirectory(
  r: Omit<UploadRequest, 'file'> & { name: string; dir: string },
  upload: Uploader = artifactUpload
): Promise<UploadOutcome> {
  return uploadArtifact(
    { ...r, files: filesBelow(r.dir), root: r.dir, direct: false },
    upload
  )
}

async function uploadArtifact(
  r: Omit<UploadRequest, 'file'> & {
    name: string
    files: string[]
    root: string
    direct?: boolean
  },
  upload: Uploader
): Promise<UploadOutcome> {
  // Every job on GitHub's runners has both; without them there is no
  // artifact storage to write to (a local run, act, a test).
  const missing = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL'].filter(
    (k) => (r.env[k] ?? '') === ''
  )
  if (missing.length > 0 || r.runUrl === null) {
    return {
      kind: 'skipped',
      why: `no artifact storage on this runner (${missing.length > 0 ? `${missing.join(' and ')} unset` : 'no workflow run'})`
    }
  }
  const name = r.name
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${r.timeoutMs / 1000}s`)),
      r.timeoutMs
    )
  })
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
    ])
    return { kind: 'uploaded', name, url: `${r.runUrl}/artifacts/${id}` }
  } catch (error) {
    return { kind: 'failed', why: getErrorMessage(error) }
  } finally {
    clearTimeout(timer)
  }
}

/** What to tell the user when the record stayed on the runner. */
export function uploadProblem(
  outcome: UploadOutcome,
  file: string,
  what = 'the evidence record',
  output = 'evidence-file'
): string | null {
  if (outcome.kind !== 'failed') return null
  return `${what} was not uploaded as an artifact (${outcome.why}); it is at ${file} on the runner only: keep it with actions/upload-artifact and the ${output} output, or set evidence-artifact: false`
}

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort()
}

/** @actions/artifact, loaded only when something is uploaded. */
const artifactUpload: Uploader = async (u) => {
  const { DefaultArtifactClient } = await import('@actions/artifact')
  const result = await new DefaultArtifactClient().uploadArtifact(
    u.name,
    u.files,
    u.root,
    {
      skipArchive: u.direct,
      ...(u.retentionDays === undefined
        ? {}
        : { retentionDays: u.retentionDays })
    }
  )
  if (result.id === undefined) throw new Error('GitHub returned no artifact id')
  return { id: result.id }
}
