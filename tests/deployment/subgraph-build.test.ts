import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '@hub/subgraph-kit/database'
import { migrateToLatest } from '@hub/subgraph-kit/migrate'
import {
  BUILD_SCRIPT,
  buildInputsOf,
  checkGatewayAlone,
  checkSubgraphAlone,
  stageService,
  SubgraphBuildError,
} from '../../scripts/check-subgraph-build.js'
import { ROOT } from '../../scripts/workspaces.js'
import type { DB as HealthDB } from '../../subgraphs/health/src/db/database.js'
import { migrations as healthMigrations } from '../../subgraphs/health/src/db/migrations/index.js'
import { insertHealthGroup } from '../../subgraphs/health/test/support/factories.js'

// A ministry takes its subgraph's folder and the packages it declares, and builds and runs it without the rest of the
// repository, as an operator does the gateway's: these tests run the check CI runs (`npm run check:subgraphs`) on
// health and the gateway, and on copies of the repository where health reaches into education and the gateway into
// the subgraph kit.

const folders: string[] = []

function temporaryFolder(prefix: string) {
  const folder = mkdtempSync(join(tmpdir(), prefix))
  folders.push(folder)
  return folder
}

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true })
})

/** A copy of the repository's workspaces and package files, with the repository's installed npm packages. */
function copyOfRepository() {
  const copy = temporaryFolder('hub-repository-')
  for (const file of ['package.json', 'package-lock.json', '.npmrc', BUILD_SCRIPT]) {
    cpSync(join(ROOT, file), join(copy, file))
  }
  for (const folder of ['packages', 'subgraphs', 'schema', 'gateway']) {
    cpSync(join(ROOT, folder), join(copy, folder), {
      recursive: true,
      filter: (source) => !['node_modules', 'dist'].includes(basename(source)),
    })
  }
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'))
  return copy
}

async function buildError(run: () => unknown) {
  try {
    await run()
  } catch (error) {
    if (error instanceof SubgraphBuildError) return error.message
    throw error
  }
  throw new Error('the check passed')
}

describe('npm run check:subgraphs', () => {
  it('builds health from its folder and the packages it declares, migrates with its migration bundle, and answers _service and _entities from its database', async () => {
    const dataDir = temporaryFolder('hub-health-data-')
    const childId = randomUUID()
    const database = openDatabase<HealthDB>({ dataDir })
    await migrateToLatest(database.db, healthMigrations)
    await insertHealthGroup(database.db, childId, { health_group: 'V', assessed_on: '2025-09-15' })
    await database.close()

    const result = await checkSubgraphAlone('health', {
      database: { dataDir },
      entities: {
        representations: [{ __typename: 'Child', id: childId }],
        selection: '... on Child { id health { healthGroup { group assessedOn } } }',
      },
    })

    expect(result.inputs).toEqual({
      files: ['package.json', 'package-lock.json', '.npmrc', 'scripts/build-services.ts'],
      folders: ['packages/platform', 'packages/side-contract', 'packages/subgraph-kit', 'subgraphs/health'],
    })
    expect(result.sdl).toContain('type ChildHealth')
    expect(result.entities).toEqual([
      { __typename: 'Child', id: childId, health: { healthGroup: { group: 'V', assessedOn: '2025-09-15' } } },
    ])
  }, 180_000)

  it("fails naming each import of another ministry's folder or package, although the repository holds it", async () => {
    const copy = copyOfRepository()
    appendFileSync(
      join(copy, 'subgraphs/health/src/main.ts'),
      "\nexport * from '../../education/src/policy.js'\nexport * from '@hub/education/events'\n",
    )

    const message = await buildError(() => checkSubgraphAlone('health', { root: copy }))

    expect(message).toContain(
      'health does not build from packages/platform, packages/side-contract, packages/subgraph-kit, subgraphs/health',
    )
    expect(message).toMatch(
      /\n {2}subgraphs\/health\/src\/main\.ts:\d+:\d+: Could not resolve "\.\.\/\.\.\/education\/src\/policy\.js"\n/,
    )
    expect(message).toMatch(
      /\n {2}subgraphs\/health\/src\/main\.ts:\d+:\d+: Could not resolve "@hub\/education\/events"$/,
    )
  }, 120_000)

  it("refuses a subgraph that declares another ministry's package", async () => {
    const copy = copyOfRepository()
    const manifestPath = join(copy, 'subgraphs/ngo/package.json')
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { dependencies: Record<string, string> }
    writeFileSync(
      manifestPath,
      JSON.stringify({ ...manifest, dependencies: { ...manifest.dependencies, '@hub/social': '0.1.0' } }),
    )

    expect(await buildError(() => buildInputsOf('ngo', copy))).toBe(
      "subgraphs/ngo/package.json declares @hub/social, another ministry's package (directly or through a package it declares)",
    )
    expect(buildInputsOf('health', copy).folders).not.toContain('subgraphs/social')
  })

  it("runs health's own tests from its folder and the packages it declares, the harness and the operations included", () => {
    const staged = temporaryFolder('hub-health-tests-')
    const inputs = stageService('health', staged, ROOT, { tests: true })
    expect(inputs.folders).toEqual([
      'packages/platform',
      'packages/side-contract',
      'packages/subgraph-kit',
      'packages/testing',
      'schema',
      'subgraphs/health',
    ])
    const vitest = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs')
    // This file sends a committed operation of the screens (`@hub/schema/operations`) to health alone.
    const run = spawnSync(process.execPath, [vitest, 'run', 'test/idempotency.test.ts'], {
      cwd: join(staged, 'subgraphs', 'health'),
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    })
    expect(run.stderr + run.stdout).toMatch(/Test Files +1 passed \(1\)/)
    expect(run.status).toBe(0)
  }, 240_000)

  it('builds the gateway from its folder, the platform and the schema, and its bundle gets ready on the committed supergraph with no subgraph running', async () => {
    const result = await checkGatewayAlone()

    expect(result.inputs).toEqual({
      files: ['package.json', 'package-lock.json', '.npmrc', 'scripts/build-services.ts'],
      folders: ['packages/platform', 'schema', 'gateway'],
    })
  }, 120_000)

  it('fails naming an import of the subgraph kit by the gateway, although the repository holds it', async () => {
    const copy = copyOfRepository()
    appendFileSync(join(copy, 'gateway/src/main.ts'), "\nexport * from '@hub/subgraph-kit/sql'\n")

    const message = await buildError(() => checkGatewayAlone({ root: copy }))

    expect(message).toContain('gateway does not build from packages/platform, schema, gateway')
    expect(message).toMatch(/\n {2}gateway\/src\/main\.ts:\d+:\d+: Could not resolve "@hub\/subgraph-kit\/sql"$/)
  }, 120_000)
})
