// GitHub's OpenAPI description (api.github.com, dereferenced) as ajv
// validators. The 73 MB file is read once per test file; only the response
// schemas of the operations asked for are kept.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
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

export interface OpenApi {
  /** validate a body; returns ajv's errors (empty when valid) */
  check(method: string, path: string, status: number, body: unknown): string[]
}

/** Load the description and compile the response schemas of `ops`. */
export function loadOpenApi(
  ops: [method: string, path: string, status: number][]
): OpenApi {
  const require = createRequire(import.meta.url)
  const file =
    require.resolve('@octokit/openapi/generated/api.github.com.deref.json')
  let spec: { paths: Record<string, Record<string, Json>> } | null = JSON.parse(
    readFileSync(file, 'utf8')
  )
  const picked = new Map<string, unknown>()
  for (const [method, path, status] of ops) {
    const op = spec?.paths[path]?.[method.toLowerCase()]
    const responses = op?.responses as Record<string, Json> | undefined
    const content = responses?.[String(status)]?.content as
      Record<string, Json> | undefined
    const schema = content?.['application/json']?.schema
    if (schema === undefined)
      throw new Error(`no schema for ${method} ${path} ${status}`)
    picked.set(
      `${method.toUpperCase()} ${path} ${status}`,
      convertNullable(schema)
    )
  }
  spec = null // drop the rest
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
      const key = `${method.toUpperCase()} ${path} ${status}`
      let v = compiled.get(key)
      if (v === undefined) {
        const schema = picked.get(key)
        if (schema === undefined) throw new Error(`not loaded: ${key}`)
        v = ajv.compile(schema as Json)
        compiled.set(key, v)
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
