// Real git object ids: a blob, a tree and a commit hash exactly as `git
// hash-object` would, so identical file content gives identical trees and a
// commit's oid changes with any of its fields.
// Object format: https://git-scm.com/book/en/v2/Git-Internals-Git-Objects
import { createHash } from 'node:crypto'

export interface GitSignature {
  name: string
  email: string
  date: Date
}

/** path -> file content (utf-8 text) */
export type FileMap = ReadonlyMap<string, string>

function hashObject(type: string, body: Buffer): string {
  const header = Buffer.from(`${type} ${body.length}\0`, 'utf8')
  return createHash('sha1')
    .update(Buffer.concat([header, body]))
    .digest('hex')
}

export function blobOid(content: string): string {
  return hashObject('blob', Buffer.from(content, 'utf8'))
}

interface TreeNode {
  files: Map<string, string>
  dirs: Map<string, TreeNode>
}

/** Every tree object of a snapshot: oid -> entries, plus the root oid. */
export interface TreeBuild {
  root: string
  trees: Map<string, TreeEntry[]>
}

export interface TreeEntry {
  mode: '100644' | '40000'
  type: 'blob' | 'tree'
  name: string
  oid: string
}

export function buildTree(files: FileMap): TreeBuild {
  const root: TreeNode = { files: new Map(), dirs: new Map() }
  for (const [path, content] of files) {
    const parts = path.split('/')
    let node = root
    for (const dir of parts.slice(0, -1)) {
      let next = node.dirs.get(dir)
      if (next === undefined) {
        next = { files: new Map(), dirs: new Map() }
        node.dirs.set(dir, next)
      }
      node = next
    }
    node.files.set(parts[parts.length - 1] ?? path, content)
  }
  const trees = new Map<string, TreeEntry[]>()
  const write = (node: TreeNode): string => {
    const entries: TreeEntry[] = []
    for (const [name, content] of node.files) {
      entries.push({
        mode: '100644',
        type: 'blob',
        name,
        oid: blobOid(content)
      })
    }
    for (const [name, child] of node.dirs) {
      entries.push({ mode: '40000', type: 'tree', name, oid: write(child) })
    }
    // git sorts entries by name, comparing a tree's name as if it ended in '/'
    const key = (e: TreeEntry) => (e.type === 'tree' ? `${e.name}/` : e.name)
    entries.sort((a, b) =>
      Buffer.compare(Buffer.from(key(a)), Buffer.from(key(b)))
    )
    const body = Buffer.concat(
      entries.map((e) =>
        Buffer.concat([
          Buffer.from(`${e.mode} ${e.name}\0`, 'utf8'),
          Buffer.from(e.oid, 'hex')
        ])
      )
    )
    const oid = hashObject('tree', body)
    trees.set(oid, entries)
    return oid
  }
  return { root: write(root), trees }
}

function signature(s: GitSignature): string {
  const seconds = Math.floor(s.date.getTime() / 1000)
  return `${s.name} <${s.email}> ${seconds} +0000`
}

export function commitOid(commit: {
  tree: string
  parents: readonly string[]
  author: GitSignature
  committer: GitSignature
  message: string
}): string {
  const lines = [`tree ${commit.tree}`]
  for (const p of commit.parents) lines.push(`parent ${p}`)
  lines.push(`author ${signature(commit.author)}`)
  lines.push(`committer ${signature(commit.committer)}`)
  const body = `${lines.join('\n')}\n\n${commit.message}`
  return hashObject('commit', Buffer.from(body, 'utf8'))
}

/** `Key: value` trailers of the message's last paragraph, as git reads them. */
export function parseTrailers(
  message: string
): { key: string; value: string }[] {
  const paragraphs = message.trimEnd().split(/\n\s*\n/)
  if (paragraphs.length < 2) return []
  const last = paragraphs[paragraphs.length - 1] ?? ''
  const out: { key: string; value: string }[] = []
  for (const line of last.split('\n')) {
    const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line.trim())
    if (m === null) return []
    out.push({ key: m[1] ?? '', value: m[2] ?? '' })
  }
  return out
}

/**
 * People named by `Co-authored-by: Name <email>` trailers.
 * https://docs.github.com/en/pull-requests/committing-changes-to-your-project/creating-and-editing-commits/creating-a-commit-with-multiple-authors
 */
export function coAuthors(message: string): { name: string; email: string }[] {
  const out: { name: string; email: string }[] = []
  for (const t of parseTrailers(message)) {
    if (t.key.toLowerCase() !== 'co-authored-by') continue
    const m = /^(.*?)\s*<([^>]+)>$/.exec(t.value)
    if (m !== null) out.push({ name: m[1] ?? '', email: m[2] ?? '' })
  }
  return out
}

/**
 * Glob matching as GitHub uses for branch protection patterns and ruleset
 * ref conditions: fnmatch with FNM_PATHNAME, so `*` does not cross `/` and
 * `**` does.
 * https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/creating-rulesets-for-a-repository#using-fnmatch-syntax
 */
export function fnmatch(pattern: string, name: string): boolean {
  let re = '^'
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? ''
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        re += '.*'
        i++
        if (pattern[i + 1] === '/') {
          // `**/` also matches no directory at all
          re += '(?:/)?'
          i++
          re = re.replace(/\.\*\(\?:\/\)\?$/, '(?:.*/)?')
        }
      } else re += '[^/]*'
    } else if (c === '?') re += '[^/]'
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1)
      if (end === -1) re += '\\['
      else {
        let cls = pattern.slice(i + 1, end)
        if (cls.startsWith('!')) cls = `^${cls.slice(1)}`
        re += `[${cls.replace(/\\/g, '\\\\')}]`
        i = end
      }
    } else re += c.replace(/[.+^${}()|\\/]/g, '\\$&')
  }
  return new RegExp(`${re}$`).test(name)
}
