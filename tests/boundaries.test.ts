import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'
import { SUBGRAPH_NAMES } from '@hub/platform/sides'

// The boundaries between the workspaces are ESLint rules (eslint.config.js): `import-x/no-restricted-paths` for who
// imports whom, `no-restricted-syntax` for the subgraph kit naming a ministry. Each is run here through ESLint's own
// API on a file it has not seen, as if written in the folder it is about.

const root = fileURLToPath(new URL('..', import.meta.url))
const eslint = new ESLint({ cwd: root })

/** The boundary rules' messages for a source written at `path` (relative to the repository). */
async function boundaryMessages(path: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: `${root}${path}` })
  const messages = result!.messages.filter(
    (message) =>
      message.ruleId === 'import-x/no-restricted-paths' ||
      message.ruleId === 'no-restricted-imports' ||
      message.ruleId === 'no-restricted-syntax',
  )
  const others = result!.messages.filter((message) => !messages.includes(message))
  expect(others, 'the probe breaks no other rule').toEqual([])
  return messages.map((message) => `${message.ruleId}: ${message.message}`)
}

const reexport = (specifier: string) => `export * from '${specifier}'\n`

/** Each folder's probe file, where it is linted, and imports it may and may not make. */
const imports: { folder: string; file: string; allowed: string[]; forbidden: string[] }[] = [
  ...SUBGRAPH_NAMES.map((name, index) => {
    const other = SUBGRAPH_NAMES[(index + 1) % SUBGRAPH_NAMES.length]!
    return {
      folder: `subgraphs/${name}`,
      file: `subgraphs/${name}/src/boundary-probe.ts`,
      allowed: ['./policy.js', '@hub/platform/sides', '@hub/subgraph-kit/sql', '@hub/side-contract/sessions', 'kysely'],
      forbidden: [`@hub/${other}/policy`, `../../${other}/src/policy.js`, '@hub/gateway/server'],
    }
  }),
  {
    folder: 'packages/platform',
    file: 'packages/platform/src/boundary-probe.ts',
    allowed: ['./sides.js', 'graphql'],
    forbidden: [
      '@hub/subgraph-kit/sql',
      '@hub/side-contract/sessions',
      '@hub/health/policy',
      '../../../subgraphs/social/src/policy.js',
      '../../../schema/__generated__/operations.js',
      '@hub/schema/operations',
    ],
  },
  {
    folder: 'packages/subgraph-kit',
    file: 'packages/subgraph-kit/src/boundary-probe.ts',
    allowed: ['./sql.js', '@hub/platform/sides'],
    forbidden: ['@hub/side-contract/sessions', '@hub/education/policy', '../../../subgraphs/ngo/src/policy.js'],
  },
  {
    folder: 'packages/side-contract',
    file: 'packages/side-contract/src/boundary-probe.ts',
    allowed: ['./sessions.js', '@hub/platform/sides', '@hub/subgraph-kit/sql'],
    forbidden: ['@hub/social/policy', '../../../subgraphs/health/src/policy.js'],
  },
  {
    folder: 'gateway',
    file: 'gateway/src/boundary-probe.ts',
    allowed: ['./config.js', '@hub/platform/sides', '@hub/schema/operations', '@apollo/gateway'],
    forbidden: [
      '@hub/subgraph-kit/sql',
      '@hub/side-contract/sessions',
      '@hub/ngo/policy',
      '../../subgraphs/education/src/policy.js',
      '../../scripts/build-services.js',
      '../../schema/operations/ChildCard.graphql',
    ],
  },
]

describe.each(imports)('the boundary of $folder', ({ folder, file, allowed, forbidden }) => {
  it.each(forbidden)(`refuses an import of %s`, async (specifier) => {
    const messages = await boundaryMessages(file, reexport(specifier))
    // A name is refused as a name (no-restricted-imports) and, where it resolves, by where it leads (import-x).
    expect(messages).not.toEqual([])
    for (const message of messages) {
      expect(message).toMatch(
        new RegExp(
          `^(import-x/no-restricted-paths|no-restricted-imports): .*${folder} may import, of the repository, only its own files`,
        ),
      )
    }
    if (specifier.startsWith('.')) expect(messages[0]).toMatch(/^import-x\/no-restricted-paths: /)
    else expect(messages).toContainEqual(expect.stringMatching(/^no-restricted-imports: /))
  })

  it(`lets it import ${allowed.join(', ')}`, async () => {
    expect(await boundaryMessages(file, allowed.map(reexport).join(''))).toEqual([])
  })
})

describe('the subgraph kit', () => {
  const file = 'packages/subgraph-kit/src/access/boundary-probe.ts'
  const namings = {
    'a comparison with a side': "export const isRegistry = (side: string) => side === 'social'\n",
    'a case of a side':
      "export function port(side: string) {\n  switch (side) {\n    case 'health':\n      return 4002\n  }\n  return 0\n}\n",
    'a side as a key': 'export const ports = { ngo: 4004 }\n',
    'a side as a type': "export type Side = 'education'\n",
    'a side as a member': 'export const port = (ports: Record<string, number>) => ports.social\n',
    'a side as an argument': "export const load = (config: (side: string) => number) => config('health')\n",
    'a side as a constant': "export const REGISTRY = 'social'\n",
  }

  it.each(Object.entries(namings))('refuses naming a ministry by %s', async (_label, code) => {
    const messages = await boundaryMessages(file, code)
    expect(messages).toEqual([
      'no-restricted-syntax: The subgraph kit names no ministry: take the side from the subgraph that uses the kit, or from @hub/platform/sides.',
    ])
  })

  it("lets it compare with the platform's side constants and keep the data categories health and education", async () => {
    const code = [
      "import { REGISTRY_SIDE } from '@hub/platform/sides'",
      'export const isRegistry = (side: string) => side === REGISTRY_SIDE',
      "export const CATEGORIES = { health: 'Сведения о здоровье', education: 'Образование' } as const",
      "export const PERSONAL = new Set(['health', 'education'])",
      '',
    ].join('\n')
    expect(await boundaryMessages(file, code)).toEqual([])
  })

  it('lets a subgraph name its own side', async () => {
    expect(
      await boundaryMessages('subgraphs/social/src/boundary-probe.ts', namings['a comparison with a side']),
    ).toEqual([])
  })
})

describe("what only a ministry's tests import: the test harness and the screens' operations", () => {
  const harness =
    "A subgraph's sources (src/) import neither the test harness nor the screens' operations: only its tests (test/) do."

  it.each([
    '@hub/testing/subgraph',
    '../../../packages/testing/src/subgraph.js',
    '@hub/schema/operations',
    '../../../schema/__generated__/operations.js',
  ])("refuses %s in a subgraph's sources", async (specifier) => {
    const messages = await boundaryMessages('subgraphs/health/src/boundary-probe.ts', reexport(specifier))
    expect(messages).not.toEqual([])
    for (const message of messages) expect(message.endsWith(harness)).toBe(true)
  })

  it("lets a subgraph's tests import the harness, the operations, its own sources and the shared packages", async () => {
    const allowed = [
      '@hub/testing/subgraph',
      '@hub/schema/operations',
      '../src/db/database.js',
      './support/subgraph.js',
      '@hub/side-contract/sessions',
    ]
    expect(await boundaryMessages('subgraphs/ngo/test/boundary-probe.ts', allowed.map(reexport).join(''))).toEqual([])
  })

  it.each(['../../social/test/support/factories.js', '@hub/social/policy', '../../../tests/support/hub.js'])(
    "refuses %s in a subgraph's tests: another ministry or the suites across the hub",
    async (specifier) => {
      const messages = await boundaryMessages('subgraphs/ngo/test/boundary-probe.ts', reexport(specifier))
      expect(messages).not.toEqual([])
      for (const message of messages) {
        expect(message).toMatch(/subgraphs\/ngo may import, of the repository, only its own files/)
      }
    },
  )

  it.each([
    '@hub/education/policy',
    '../../../subgraphs/social/test/support/subgraph.js',
    '../../../tests/support/hub.js',
  ])('refuses %s in the harness, which knows no ministry', async (specifier) => {
    const messages = await boundaryMessages('packages/testing/src/boundary-probe.ts', reexport(specifier))
    expect(messages).not.toEqual([])
    for (const message of messages) {
      expect(message).toMatch(/packages\/testing may import, of the repository, only its own files/)
    }
  })
})
