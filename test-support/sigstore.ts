// Sigstore offline, for the round trip of signed decisions: @sigstore/mock's
// Fulcio (with its CT log), Rekor and timestamp authority answer at the
// addresses @actions/attest signs with (Sigstore's public-good instance and
// GitHub's, endpoints.js of @actions/attest), intercepted in process by nock,
// and the job's OIDC token comes from a stand-in of the runner's token
// service. The trusted root is built from the mocks' own keys, as
// @sigstore/mock's trust-root.js lays it out, so @sigstore/verify checks
// real signatures, certificates, SCTs, log entries and timestamps.

import { generateKeyPairSync, createHash, type KeyObject } from 'node:crypto'
import nock from 'nock'
import {
  fulcioHandler,
  initializeCA,
  initializeCTLog,
  initializeTLog,
  initializeTSA,
  tsaHandler,
  type HandlerFn
} from '@sigstore/mock'

export const TOKEN_URL =
  'https://pipelines.actions.test/idtoken?api-version=2.0'
const PUBLIC_GOOD = {
  fulcio: 'https://fulcio.sigstore.dev',
  rekor: 'https://rekor.sigstore.dev'
}
// GitHub's instance for github.com (endpoints.js: fulcio./timestamp. + githubapp.com)
const GITHUB = {
  fulcio: 'https://fulcio.githubapp.com',
  tsa: 'https://timestamp.githubapp.com'
}

const keyPair = (): { publicKey: KeyObject; privateKey: KeyObject } =>
  generateKeyPairSync('ec', { namedCurve: 'prime256v1' })

const der = (bytes: ArrayBufferView<ArrayBuffer>): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(
    'base64'
  )

/** An unsigned JWT: the mock Fulcio reads claims without checking them. */
export function oidcToken(claims: Record<string, string>): string {
  const part = (o: object): string =>
    Buffer.from(JSON.stringify(o)).toString('base64url')
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.c2ln`
}

/** The claims of a job token whose certificate names `workflowRef`. */
export function jobClaims(o: {
  repository: string
  workflowRef: string
}): Record<string, string> {
  return {
    iss: 'https://token.actions.githubusercontent.com',
    // the mock takes the SAN from `sub`; Fulcio from job_workflow_ref
    sub: `https://github.com/${o.workflowRef}`,
    job_workflow_ref: o.workflowRef,
    repository: o.repository,
    ref: 'refs/heads/main',
    event_name: 'deployment'
  }
}

function intercept(base: string, path: string, fn: HandlerFn): void {
  nock(base)
    .persist()
    .post(path)
    .reply(async (_uri, body) => {
      const r = await fn(typeof body === 'string' ? body : JSON.stringify(body))
      return [
        r.statusCode,
        typeof r.response === 'string'
          ? r.response
          : Buffer.from(r.response.buffer),
        { 'Content-Type': r.contentType ?? 'text/plain' }
      ]
    })
}

type TLog = Awaited<ReturnType<typeof initializeTLog>>

/**
 * Rekor's POST /api/v1/log/entries for a `dsse` entry, stored as Rekor
 * stores it: not the proposed envelope but its hashes and signatures
 * (rekor pkg/types/dsse/v0.0.1/entry.go, Canonicalize). @sigstore/mock's own
 * handler logs the proposed entry as sent, which @sigstore/verify rightly
 * refuses ("signature count mismatch").
 */
function dsseRekorHandler(tlog: TLog): { path: string; fn: HandlerFn } {
  const sha256 = (b: Buffer | string): string =>
    createHash('sha256').update(b).digest('hex')
  return {
    path: '/api/v1/log/entries',
    fn: async (body) => {
      const proposed = JSON.parse(body)
      const { envelope, verifiers } = proposed.spec.proposedContent
      const env = JSON.parse(envelope)
      const entry = await tlog.log({
        apiVersion: '0.0.1',
        kind: 'dsse',
        spec: {
          envelopeHash: { algorithm: 'sha256', value: sha256(envelope) },
          payloadHash: {
            algorithm: 'sha256',
            value: sha256(Buffer.from(env.payload, 'base64'))
          },
          signatures: env.signatures.map((sig: { sig: string }) => ({
            signature: sig.sig,
            verifier: verifiers[0]
          }))
        }
      })
      return {
        statusCode: 201,
        response: JSON.stringify(entry),
        contentType: 'application/json'
      }
    }
  }
}

export interface MockSigstore {
  /** public-good: Fulcio + CT log + Rekor + TSA; github: Fulcio + TSA */
  trustedRoot: { publicGood: object; github: object }
  /** the next job token's claims */
  setClaims(claims: Record<string, string>): void
  stop(): void
}

export async function mockSigstore(): Promise<MockSigstore> {
  const since = new Date(Date.now() - 86_400_000).toISOString()
  const ctlog = await initializeCTLog(keyPair())
  const ca = await initializeCA(keyPair(), ctlog)
  const tlog = await initializeTLog(PUBLIC_GOOD.rekor, keyPair())
  const tsa = await initializeTSA(keyPair())
  // The mock TSA writes genTime with milliseconds as pkijs encodes them,
  // trailing zeros dropped (".97Z"), which DER's GeneralizedTime and
  // @sigstore/core's parser do not accept: its clock, and so the Fulcio
  // certificates it must fall within, is held on a whole second.
  //
  // The mocks keep the Date they are given and read it at each signing, and
  // date their own root and intermediate certificates by the real clock as
  // they are made (X.509 to the second). So the held second is set only once
  // they exist, rounded up: a timestamp before those certificates' notBefore
  // (a second that ticked over while they were made) would not verify.
  const second = new Date()
  const githubCa = await initializeCA(keyPair(), undefined, second)
  const githubTsa = await initializeTSA(keyPair(), second)
  second.setTime(Math.ceil(Date.now() / 1000) * 1000)

  for (const [base, handler] of [
    [PUBLIC_GOOD.fulcio, fulcioHandler(ca)],
    [PUBLIC_GOOD.rekor, dsseRekorHandler(tlog)],
    [GITHUB.fulcio, fulcioHandler(githubCa)],
    [GITHUB.tsa, tsaHandler(githubTsa)]
  ] as const) {
    intercept(base, handler.path, handler.fn)
  }
  let claims: Record<string, string> = {}
  nock('https://pipelines.actions.test')
    .persist()
    .get('/idtoken')
    .query(true)
    .reply(() => [200, { value: oidcToken(claims) }])

  const authority = (cert: ArrayBufferView<ArrayBuffer>, uri: string) => ({
    subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
    uri,
    certChain: { certificates: [{ rawBytes: der(cert) }] },
    validFor: { start: since }
  })
  const tsaAuthority = (
    t: Awaited<ReturnType<typeof initializeTSA>>,
    uri: string
  ) => ({
    subject: { organization: 'sigstore.mock', commonName: 'tsa' },
    uri,
    certChain: {
      certificates: [
        { rawBytes: der(t.intCertificate) },
        { rawBytes: der(t.rootCertificate) }
      ]
    },
    validFor: { start: since }
  })
  const log = (publicKey: Buffer, keyId: Buffer, baseUrl: string) => ({
    baseUrl,
    hashAlgorithm: 'SHA2_256',
    publicKey: {
      rawBytes: publicKey.toString('base64'),
      keyDetails: 'PKIX_ECDSA_P256_SHA_256',
      validFor: { start: since }
    },
    logId: { keyId: keyId.toString('base64') }
  })
  const mediaType = 'application/vnd.dev.sigstore.trustedroot+json;version=0.1'
  return {
    trustedRoot: {
      publicGood: {
        mediaType,
        tlogs: [
          log(
            tlog.publicKey,
            createHash('sha256').update(tlog.publicKey).digest(),
            PUBLIC_GOOD.rekor
          )
        ],
        certificateAuthorities: [
          authority(ca.rootCertificate, PUBLIC_GOOD.fulcio)
        ],
        ctlogs: [
          log(
            ctlog.publicKey,
            Buffer.from(ctlog.logID.buffer),
            'https://ctfe.sigstore.dev'
          )
        ],
        timestampAuthorities: [
          tsaAuthority(tsa, 'https://timestamp.sigstore.dev')
        ]
      },
      github: {
        mediaType,
        tlogs: [],
        certificateAuthorities: [
          authority(githubCa.rootCertificate, GITHUB.fulcio)
        ],
        ctlogs: [],
        timestampAuthorities: [tsaAuthority(githubTsa, GITHUB.tsa)]
      }
    },
    setClaims: (next) => {
      claims = next
    },
    stop: () => {
      nock.cleanAll()
    }
  }
}
