// The runner's artifact storage, as @actions/artifact 6 speaks to it: the
// Actions results service's Twirp API (CreateArtifact, FinalizeArtifact;
// node_modules/@actions/artifact/lib/internal/shared/artifact-twirp-client.js)
// and the Azure blob its signed URL names, written block by block ("Put
// Block" then "Put Block List", learn.microsoft.com/rest/api/storageservices/put-block-list;
// lib/internal/upload/blob-upload.js). Only on 127.0.0.1.
//
// As GitHub does, a second artifact of the same name in one workflow run is
// refused with 409 ("an artifact with this name already exists on the
// workflow run", github.com/actions/upload-artifact/issues/478).

import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService/'

export interface StoredArtifact {
  id: number
  name: string
  runBackendId: string
  mimeType: string | null
  expiresAt: string | null
  content: Buffer
  finalized: boolean
}

export interface ResultsService {
  /** ACTIONS_RESULTS_URL */
  url: string
  /** ACTIONS_RUNTIME_TOKEN: a JWT naming the run's and job's backend ids */
  token: string
  artifacts: StoredArtifact[]
  /** refuse CreateArtifact with this status, as a broken service would */
  refuseWith: number | null
  close(): Promise<void>
}

function jwt(claims: Record<string, unknown>): string {
  const part = (o: unknown): string =>
    Buffer.from(JSON.stringify(o)).toString('base64url')
  // @actions/artifact decodes the token (jwt-decode) and does not verify it
  return `${part({ typ: 'JWT', alg: 'RS256' })}.${part(claims)}.c2ln`
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

export async function startResultsService(
  o: { runBackendId?: string; jobBackendId?: string } = {}
): Promise<ResultsService> {
  const runBackendId = o.runBackendId ?? 'run-backend-1'
  const jobBackendId = o.jobBackendId ?? 'job-backend-1'
  const blocks = new Map<string, Buffer>()
  let nextId = 4242
  const service: ResultsService = {
    url: '',
    token: jwt({
      scp: `Actions.GenericRead:00000000 Actions.Results:${runBackendId}:${jobBackendId}`
    }),
    artifacts: [],
    refuseWith: null,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
  const server = createServer((req, res) => {
    const send = (status: number, json?: unknown): void => {
      res.writeHead(status, {
        'content-type': 'application/json',
        'x-ms-request-id': 'fake'
      })
      res.end(json === undefined ? '' : JSON.stringify(json))
    }
    void body(req).then((data) => {
      const url = new URL(req.url ?? '/', service.url)
      if (req.method === 'POST' && url.pathname.startsWith(SERVICE)) {
        if (req.headers.authorization !== `Bearer ${service.token}`) {
          send(401, { code: 'unauthenticated', msg: 'bad token' })
          return
        }
        // the client sends proto field names (CreateArtifactRequest.toJson
        // with useProtoFieldName); protobuf's JSON also allows lowerCamel
        const sent = JSON.parse(data.toString('utf8')) as Record<
          string,
          unknown
        >
        const field = (proto: string): unknown =>
          sent[proto] ??
          sent[proto.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase())]
        const call = {
          name: field('name'),
          workflowRunBackendId: field('workflow_run_backend_id'),
          mimeType: field('mime_type'),
          expiresAt: field('expires_at')
        }
        const name = String(call.name)
        const method = url.pathname.slice(SERVICE.length)
        if (method === 'CreateArtifact') {
          if (service.refuseWith !== null) {
            send(service.refuseWith, { code: 'internal', msg: 'refused' })
            return
          }
          if (
            service.artifacts.some(
              (a) =>
                a.name === name && a.runBackendId === call.workflowRunBackendId
            )
          ) {
            send(409, {
              code: 'already_exists',
              msg: 'an artifact with this name already exists on the workflow run'
            })
            return
          }
          service.artifacts.push({
            id: nextId++,
            name,
            runBackendId: String(call.workflowRunBackendId),
            mimeType: typeof call.mimeType === 'string' ? call.mimeType : null,
            expiresAt:
              typeof call.expiresAt === 'string' ? call.expiresAt : null,
            content: Buffer.alloc(0),
            finalized: false
          })
          send(200, {
            ok: true,
            signedUploadUrl: `${service.url}/blob/${encodeURIComponent(name)}?sig=fake`
          })
          return
        }
        if (method === 'FinalizeArtifact') {
          const a = service.artifacts.find((x) => x.name === name)
          if (a === undefined) {
            send(404, { code: 'not_found', msg: 'no such artifact' })
            return
          }
          a.finalized = true
          send(200, { ok: true, artifactId: String(a.id) })
          return
        }
        send(404, { code: 'bad_route', msg: method })
        return
      }
      if (req.method === 'PUT' && url.pathname.startsWith('/blob/')) {
        const name = decodeURIComponent(url.pathname.slice('/blob/'.length))
        const a = service.artifacts.find((x) => x.name === name)
        if (a === undefined) {
          send(404)
          return
        }
        const comp = url.searchParams.get('comp')
        if (comp === 'block') {
          blocks.set(`${name}:${url.searchParams.get('blockid') ?? ''}`, data)
        } else if (comp === 'blocklist') {
          const ids = [
            ...data
              .toString('utf8')
              .matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)</g)
          ].map((m) => m[1] ?? '')
          a.content = Buffer.concat(
            ids.map((id) => blocks.get(`${name}:${id}`) ?? Buffer.alloc(0))
          )
        } else {
          a.content = data
        }
        res.writeHead(201, {
          etag: '"0x1"',
          'last-modified': new Date().toUTCString(),
          'x-ms-request-id': 'fake',
          'x-ms-version': '2025-01-05'
        })
        res.end()
        return
      }
      send(404)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  service.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return service
}
