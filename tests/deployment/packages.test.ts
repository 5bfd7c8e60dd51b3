import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkPackages } from '../../scripts/check-packages.js'
import { hubDependencies, listWorkspaces } from '../../scripts/workspaces.js'

const fixtures: string[] = []

/** A repository of its own under the temporary folder, from its files' paths and contents. */
function repository(files: Record<string, unknown>) {
  const root = mkdtempSync(join(tmpdir(), 'hub-packages-'))
  fixtures.push(root)
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), typeof content === 'string' ? content : JSON.stringify(content, null, 2))
  }
  return root
}

afterAll(() => {
  for (const root of fixtures) rmSync(root, { recursive: true, force: true })
})

const rootManifest = {
  name: 'fixture',
  version: '0.1.0',
  workspaces: ['packages/*'],
  dependencies: { kysely: '~0.28.18', pg: '^8.23.1' },
  devDependencies: { typescript: '~5.9' },
}

describe('npm run check:packages', () => {
  it('finds every workspace declaring exactly what its sources import', () => {
    expect(checkPackages()).toEqual([])
  })

  it('names an undeclared import, an unused declaration, a range other than the root’s and a path out of the folder', () => {
    const root = repository({
      'package.json': rootManifest,
      'packages/base/package.json': { name: '@hub/base', version: '0.1.0', dependencies: { pg: '^8.0.0' } },
      'packages/base/src/index.ts': "import pg from 'pg'\nexport const pool = pg.Pool\n",
      'packages/app/package.json': {
        name: '@hub/app',
        version: '0.1.0',
        dependencies: { '@hub/base': '*', typescript: '~5.9' },
      },
      'packages/app/src/db/query.ts': [
        "import { sql } from 'kysely'",
        "import type { Pool } from 'pg'",
        "import { readFileSync } from 'node:fs'",
        "import { pool } from '@hub/base/index'",
        "import { other } from '../../../base/src/index.js'",
        'export { sql, pool, other, readFileSync, type Pool }',
      ].join('\n'),
    })
    expect(checkPackages(root)).toEqual([
      'packages/app/src/db/query.ts imports "../../../base/src/index.js", outside packages/app: import it by its package\'s name',
      'packages/app/src/db/query.ts imports "kysely", which packages/app/package.json does not declare in dependencies',
      'packages/app/src/db/query.ts imports "pg", which packages/app/package.json does not declare in dependencies',
      'packages/app/package.json declares "@hub/base" as "*": give its version, "0.1.0"',
      'packages/app/package.json declares "typescript" in dependencies, which nothing under packages/app/src imports',
      'packages/base/package.json declares "pg" as "^8.0.0", the root package.json as "^8.23.1"',
    ])
  })

  it('passes a workspace that declares what it imports, and counts the packages its schema is generated from', () => {
    const root = repository({
      'package.json': rootManifest,
      'packages/base/package.json': { name: '@hub/base', version: '0.1.0' },
      'packages/base/schema/shared.graphql': 'type Query { ping: String }\n',
      'packages/app/package.json': {
        name: '@hub/app',
        version: '0.1.0',
        hub: { schema: ['src/schema.graphql', '@hub/base/schema/shared.graphql'] },
        dependencies: { '@hub/base': '0.1.0', kysely: '~0.28.18' },
      },
      'packages/app/src/index.ts': "export { sql } from 'kysely'\nexport const load = () => import('./lazy.js')\n",
      'packages/app/src/lazy.ts': 'export const lazy = true\n',
    })
    expect(checkPackages(root)).toEqual([])
  })
  it('counts generated code at the top of a package as its sources, whose imports are dependencies', () => {
    const root = repository({
      'package.json': rootManifest,
      'packages/contract/package.json': {
        name: '@hub/contract',
        version: '0.1.0',
        exports: { './operations': './__generated__/operations.ts' },
        devDependencies: { kysely: '~0.28.18' },
      },
      'packages/contract/__generated__/operations.ts': "export type { Kysely } from 'kysely'\n",
    })
    expect(checkPackages(root)).toEqual([
      'packages/contract/__generated__/operations.ts imports "kysely", which packages/contract/package.json does not declare in dependencies',
      'packages/contract/package.json declares "kysely" in devDependencies, which nothing under packages/contract (its tests and tools) imports',
    ])
  })

  it('holds tests and tools to devDependencies, declared apart from what the sources import', () => {
    const root = repository({
      'package.json': rootManifest,
      'packages/base/package.json': { name: '@hub/base', version: '0.1.0' },
      'packages/base/src/index.ts': 'export const base = 1\n',
      'packages/app/package.json': {
        name: '@hub/app',
        version: '0.1.0',
        dependencies: { kysely: '~0.28.18' },
        devDependencies: { '@hub/base': '0.1.0', kysely: '~0.28.18', typescript: '~5.9' },
      },
      'packages/app/src/index.ts': "export { sql } from 'kysely'\n",
      'packages/app/test/index.test.ts': [
        "import { it } from 'vitest'",
        "import { sql } from 'kysely'",
        "import { base } from '@hub/base/index'",
        "import { other } from '../../other/test/support.js'",
        "import { own } from '../src/index.js'",
        'export default [sql, base, other, own, it]',
      ].join('\n'),
    })
    expect(checkPackages(root)).toEqual([
      'packages/app/test/index.test.ts imports "../../other/test/support.js", outside packages/app: import it by its package\'s name',
      'packages/app/test/index.test.ts imports "vitest", which packages/app/package.json does not declare in devDependencies',
      'packages/app/package.json declares "kysely" in devDependencies, which nothing under packages/app (its tests and tools) imports',
      'packages/app/package.json declares "typescript" in devDependencies, which nothing under packages/app (its tests and tools) imports',
    ])
  })

  it('holds the commands its scripts run to devDependencies, by the package that installs each', () => {
    const root = repository({
      'package.json': { ...rootManifest, devDependencies: { tsx: '^4.23.15', typescript: '~5.9' } },
      'node_modules/tsx/dist/cli.mjs': '',
      'node_modules/typescript/bin/tsc': '',
      'packages/app/package.json': {
        name: '@hub/app',
        version: '0.1.0',
        scripts: { codegen: 'tsx codegen.ts', typecheck: 'NODE_ENV=test tsc --noEmit && echo done' },
        devDependencies: { tsx: '^4.23.15' },
      },
    })
    mkdirSync(join(root, 'node_modules/.bin'))
    symlinkSync('../tsx/dist/cli.mjs', join(root, 'node_modules/.bin/tsx'))
    symlinkSync('../typescript/bin/tsc', join(root, 'node_modules/.bin/tsc'))
    expect(checkPackages(root)).toEqual([
      'packages/app/package.json (scripts.typecheck) runs `tsc` of "typescript", which packages/app/package.json does not declare in devDependencies',
    ])
  })
})

describe('the workspaces', () => {
  it('give each subgraph the platform, the kit and the side contract, and no other ministry', () => {
    const workspaces = listWorkspaces()
    for (const name of ['social', 'health', 'education', 'ngo']) {
      expect(
        hubDependencies(workspaces, `@hub/${name}`).map((workspace) => workspace.folder),
        name,
      ).toEqual(['packages/platform', 'packages/side-contract', 'packages/subgraph-kit'])
    }
    expect(hubDependencies(workspaces, '@hub/platform')).toEqual([])
  })

  it('give the gateway the platform and the schema, and no subgraph or the kit', () => {
    const workspaces = listWorkspaces()
    expect(hubDependencies(workspaces, '@hub/gateway').map((workspace) => workspace.folder)).toEqual([
      'packages/platform',
      'schema',
    ])
    expect(hubDependencies(workspaces, '@hub/schema')).toEqual([])
  })

  it('are the package folders under a <folder>/* pattern and each plain folder entry, sorted by folder', () => {
    const root = repository({
      'package.json': { ...rootManifest, workspaces: ['packages/*', 'gateway'] },
      'packages/base/package.json': { name: '@hub/base', version: '0.1.0' },
      'packages/notes/README.md': 'no package here\n',
      'gateway/package.json': { name: '@hub/gateway', version: '0.1.0' },
    })
    expect(listWorkspaces(root).map(({ name, folder }) => [name, folder])).toEqual([
      ['@hub/gateway', 'gateway'],
      ['@hub/base', 'packages/base'],
    ])
  })

  it('refuses a plain folder entry without a package.json and any other pattern', () => {
    const missing = repository({ 'package.json': { ...rootManifest, workspaces: ['gateway'] } })
    expect(() => listWorkspaces(missing)).toThrow('package.json: workspace "gateway" has no package.json')
    const nested = repository({ 'package.json': { ...rootManifest, workspaces: ['subgraphs/*/src'] } })
    expect(() => listWorkspaces(nested)).toThrow(
      'package.json: workspace pattern "subgraphs/*/src" is neither <folder>/* nor a folder',
    )
  })
})
