// GitHub's OpenAPI description (api.github.com, dereferenced) as ajv
// validators. Only the response schemas of the operations asked for are kept,
// and cached under node_modules/.cache: reading and parsing the 73 MB file
// costs about a second of CPU in every test file that asks.
import { createHash } from 'node:crypto'
import {
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'

type Json = Record<string, unknown>

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv

/** OpenAPI 3.0 `nullable: true` -> JSON Schema `null` alternatives. */
export function convertNullable(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(convertNullable)
  if (typeof schema !== 'object' || schema === null) return schema
  const out: Json = {}
  for (const [k, v] of Object.entries(schema as Json)) {
    if (k === 'example' || k === 'examples' || k === 'description') continue
    out[k] = k === 'properties' ? convertProps(v) : convertNullable(v)
  }
  if (out.nullable === true) {
    delete out.nullable
    if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null]
    if (
      typeof out.type === 'string' &&
      out.oneOf === undefined &&
      out.anyOf === undefined &&
      out.allOf === undefined
    ) {
      out.type = [out.type, 'null']
      return out
    }
    return { anyOf: [out, { type: 'null' }] }
  }
  delete out.nullable
  return out
}

function convertProps(props: unknown): unknown {
  if (typeof props !== 'object' || props === null) return props
  const out: Json = {}
  for (const [k, v] of Object.entries(props as Json))
    out[k] = convertNullable(v)
  return out
}

type Op = [method: string, path: string, status: number]

const key = (method: string, path: string, status: number): string =>
  `${method.toUpperCase()} ${path} ${status}`

/** The response schemas of `ops`, converted, from the cache when it has them. */
function pickSchemas(ops: Op[]): Map<string, unknown> {
  const require = createRequire(import.meta.url)
  const file =
    require.resolve('@octokit/openapi/generated/api.github.com.deref.json')
  // what the picked schemas depend on: the description, this converter, `ops`
  const id = createHash('sha256')
    .update(`${file}\0${statSync(file).size}\0${statSync(file).mtimeMs}\0`)
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .update(JSON.stringify(ops))
    .digest('hex')
    .slice(0, 32)
  const modules = file.slice(0, file.lastIndexOf('node_modules') + 12)
  const cached = join(modules, '.cache', 'promotion-gate-openapi', `${id}.json`)
  try {
    return new Map(
      Object.entries(JSON.parse(readFileSync(cached, 'utf8')) as Json)
    )
  } catch {
    // not cached yet: read the description
  }
  const spec = JSON.parse(readFileSync(file, 'utf8')) as {
    paths: Record<string, Record<string, Json>>
  }
  const picked = new Map<string, unknown>()
  for (const [method, path, status] of ops) {
    const op = spec.paths[path]?.[method.toLowerCase()]
    const responses = op?.responses as Record<string, Json> | undefined
    const content = responses?.[String(status)]?.content as
      Record<string, Json> | undefined
    const schema = content?.['application/json']?.schema
    if (schema === undefined)
      throw new Error(`no schema for ${method} ${path} ${status}`)
    picked.set(key(method, path, status), convertNullable(schema))
  }
  // written whole, then renamed: a parallel test file reads all or nothing
  mkdirSync(dirname(cached), { recursive: true })
  const partial = `${cached}.${process.pid}`
  writeFileSync(partial, JSON.stringify(Object.fromEntries(picked)))
  renameSync(partial, cached)
  return picked
}

export interface OpenApi {
  /** validate a body; returns ajv's errors (empty when valid) */
  check(method: string, path: string, status: number, body: unknown): string[]
}

/** Load the description and compile the response schemas of `ops`. */
export function loadOpenApi(ops: Op[]): OpenApi {
  const picked = pickSchemas(ops)
  const ajv = new Ajv({ strict: false, allErrors: true })
  addFormats(ajv)
  // GitHub sends "" for unset URLs whose documented default is "" (e.g. a
  // deployment status's environment_url and log_url), which the `uri`
  // format alone would reject.
  const uri = /^[a-z][a-z0-9+.-]*:[^\s]*$/i
  ajv.addFormat('uri', (s: string) => s === '' || uri.test(s))
  const compiled = new Map<string, ValidateFunction>()
  return {
    check(method, path, status, body) {
      const k = key(method, path, status)
      let v = compiled.get(k)
      if (v === undefined) {
        const schema = picked.get(k)
        if (schema === undefined) throw new Error(`not loaded: ${k}`)
        v = ajv.compile(schema as Json)
        compiled.set(k, v)
      }
      if (v(body)) return []
      return (v.errors ?? [])
        .slice(0, 10)
        .map(
          (e) =>
            `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`
        )
    }
  }
}
