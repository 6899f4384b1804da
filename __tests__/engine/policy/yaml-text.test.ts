import { describe, expect, it } from '@jest/globals'
import { problems } from './helpers.js'

describe('loadPolicy: YAML problems, at their line and column', () => {
  it('points at an alias whose anchor does not exist', () => {
    expect(problems('version: 1\nenvironments:\n  a: *missing\n')).toEqual([
      {
        path: '',
        line: 3,
        column: 6,
        message: expect.stringMatching(
          /^cannot read the YAML: Unresolved alias/
        )
      }
    ])
  })
  it('rejects a mapping key that is a list', () => {
    expect(problems('version: 1\nenvironments:\n  ? [a, b]\n  : {}\n')).toEqual(
      [
        {
          path: '',
          line: 3,
          column: 5,
          message: 'a key must be a plain string, not a list or mapping'
        }
      ]
    )
  })
  it('finds the path of a duplicate key inside a list', () => {
    const text = [
      'version: 1',
      'environments:',
      '  a:',
      '    branches:',
      '      - main',
      '      - {x: 1, x: 2}',
      '      - ""',
      ''
    ].join('\n')
    expect(problems(text)).toEqual([
      {
        path: 'environments.a.branches[1]',
        line: 6,
        column: 9,
        message: 'must be a string (got a mapping)'
      },
      {
        path: 'environments.a.branches[1].x',
        line: 6,
        column: 16,
        message: 'duplicate key "x" (a key may appear only once in a mapping)'
      },
      {
        path: 'environments.a.branches[2]',
        line: 7,
        column: 9,
        message: 'must not be empty'
      }
    ])
  })
  it('treats YAML warnings (an unknown tag) as problems', () => {
    expect(problems('version: 1\nenvironments:\n  a: !custom {}\n')).toEqual([
      {
        path: '',
        line: 3,
        column: 6,
        message: 'invalid YAML: Unresolved tag: !custom'
      }
    ])
  })
  it('reports several duplicate keys and the other problems with them', () => {
    const text = [
      'version: 1',
      'environments:',
      '  a: {}',
      '  a: {}',
      '  b:',
      '    soka: 1',
      ''
    ].join('\n')
    expect(problems(text).map((p) => [p.path, p.line, p.column])).toEqual([
      ['environments.a', 4, 3],
      ['environments.b.soka', 6, 5]
    ])
  })
})
