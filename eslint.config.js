import { existsSync, readFileSync } from 'node:fs'
import js from '@eslint/js'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'
import tseslint from 'typescript-eslint'

const root = import.meta.dirname
const SIDES = ['social', 'health', 'education', 'ngo']

/**
 * Who may import whom, the boundaries of the workspaces written as code: each folder, and what of the repository its
 * code may import besides its own files (npm packages are free). A ministry's subgraph imports the shared packages and
 * never another ministry; the platform imports nothing of the hub; the subgraph kit, the framework every ministry
 * builds on, imports the platform alone; the side contract the platform and the kit; the test harness those three; the
 * gateway the platform, and of `@hub/schema` the typed documents generated from the committed operations it serves
 * (`schema/__generated__`), which are its own contract with the screens. A ministry's tests also take the harness and
 * those operations, which its sources never import (TESTS_ONLY).
 */
const BOUNDARIES = {
  'packages/platform': [],
  'packages/subgraph-kit': ['packages/platform'],
  'packages/side-contract': ['packages/platform', 'packages/subgraph-kit'],
  'packages/testing': ['packages/platform', 'packages/subgraph-kit', 'packages/side-contract'],
  ...Object.fromEntries(
    SIDES.map((side) => [
      `subgraphs/${side}`,
      [
        'packages/platform',
        'packages/subgraph-kit',
        'packages/side-contract',
        'packages/testing',
        'schema/__generated__',
      ],
    ]),
  ),
  gateway: ['packages/platform', 'schema/__generated__'],
}

/**
 * What a ministry's tests use and its sources, what its service runs, never import: the test harness, and the
 * committed operations the screens send (a test sends them to the subgraph alone).
 */
const TESTS_ONLY = [
  { folder: 'packages/testing', name: '@hub/testing' },
  { folder: 'schema', name: '@hub/schema' },
]
const testsOnlyMessage =
  "A subgraph's sources (src/) import neither the test harness nor the screens' operations: only its tests (test/) do."

/** Every folder of the repository that holds code, which a boundary may open or close. */
const CODE_FOLDERS = [...Object.keys(BOUNDARIES), 'schema', 'dashboard', 'idp', 'devmail', 'scripts', 'bench', 'tests']

/** What a refused import is told: who may import what. */
function messageOf(target, allowed) {
  return `${target} may import, of the repository, only its own files${allowed.length > 0 ? ` and ${allowed.join(', ')}` : ''}.`
}

/** One `import-x/no-restricted-paths` zone per folder a bounded folder may not import from (its exceptions opened). */
const zones = Object.entries(BOUNDARIES).flatMap(([target, allowed]) =>
  CODE_FOLDERS.filter((from) => from !== target && !allowed.includes(from)).map((from) => ({
    target,
    from,
    except: allowed.filter((path) => path.startsWith(`${from}/`)).map((path) => path.slice(from.length + 1)),
    message: messageOf(target, allowed),
  })),
)

/** A ministry's sources may not import what only its tests use. */
const testsOnlyZones = SIDES.flatMap((side) =>
  TESTS_ONLY.map(({ folder }) => ({ target: `subgraphs/${side}/src`, from: folder, message: testsOnlyMessage })),
)

/** The package a folder is, by its package.json; none for a folder that is no workspace (the dashboard, scripts). */
function packageOf(folder) {
  const manifest = `${root}/${folder}/package.json`
  return existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).name : undefined
}

/**
 * The hub's packages each bounded folder may not import by name, refused even where the name resolves to no file
 * (a ministry's package exports nothing), which the path rule cannot see. A package of which a part is open (the
 * gateway's `schema/__generated__`) may be named; the path rule holds the import to that part.
 */
/**
 * The hub's packages each bounded folder may not import by name, refused even where the name resolves to no file
 * (a ministry's package exports nothing), which the path rule cannot see. A package of which a part is open (the
 * gateway's `schema/__generated__`) may be named; the path rule holds the import to that part.
 */
const packageRules = Object.entries(BOUNDARIES).flatMap(([target, allowed]) => {
  const forbidden = CODE_FOLDERS.filter(
    (folder) => folder !== target && !allowed.some((path) => path === folder || path.startsWith(`${folder}/`)),
  )
    .map(packageOf)
    .filter((name) => name !== undefined)
  const patterns = [{ group: forbidden.flatMap((name) => [name, `${name}/**`]), message: messageOf(target, allowed) }]
  const rule = (files, more = []) => ({
    files,
    rules: { 'no-restricted-imports': ['error', { patterns: [...patterns, ...more] }] },
  })
  if (!SIDES.some((side) => target === `subgraphs/${side}`)) return [rule([`${target}/**/*.{ts,tsx}`])]
  // A ministry's sources are refused what only its tests use besides (a later rule replaces an earlier one's patterns).
  const testsOnly = { group: TESTS_ONLY.flatMap(({ name }) => [name, `${name}/**`]), message: testsOnlyMessage }
  return [rule([`${target}/**/*.{ts,tsx}`]), rule([`${target}/src/**/*.{ts,tsx}`], [testsOnly])]
})

const SIDE = `/^(${SIDES.join('|')})$/`

/**
 * The ways code names a side (`viewer.side === 'social'`, `case 'health':`, `{ ngo: … }`, `ports.education`,
 * `config('social')`), which the subgraph kit must not: a ministry's name and constants come from its subgraph's
 * definition or from `@hub/platform/sides` (`REGISTRY_SIDE`, `PROVIDERS_SIDE`). The data categories of the access
 * policies (`CATEGORIES`) include `health` and `education` as kinds of data, not sides.
 */
const NAMING_A_SIDE = [
  `BinaryExpression[operator=/^[!=]==?$/] > Literal[value=${SIDE}]`,
  `SwitchCase > Literal.test[value=${SIDE}]`,
  `TSLiteralType > Literal[value=${SIDE}]`,
  `Property > Literal.key[value=${SIDE}]`,
  `Property:not(VariableDeclarator[id.name="CATEGORIES"] Property) > Identifier.key[name=${SIDE}]`,
  `TSPropertySignature > :matches(Identifier.key[name=${SIDE}], Literal.key[value=${SIDE}])`,
  `MemberExpression > :matches(Identifier.property[name=${SIDE}], Literal.property[value=${SIDE}])`,
  `:matches(CallExpression, NewExpression) > Literal.arguments[value=${SIDE}]`,
  `:matches(VariableDeclarator > Literal.init, AssignmentPattern > Literal.right)[value=${SIDE}]`,
].map((selector) => ({
  selector,
  message:
    'The subgraph kit names no ministry: take the side from the subgraph that uses the kit, or from @hub/platform/sides.',
}))

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', '**/__generated__/', '**/dist/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    // Migrations are frozen in time and typed Kysely<any>, as Kysely recommends.
    files: ['subgraphs/*/src/db/migrations/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Imports are resolved as Node resolves them, `@hub/*` through the workspaces' links to their folders and a
    // TypeScript source imported by its `.js` name, so that a boundary holds however a file is named.
    files: Object.keys(BOUNDARIES).map((folder) => `${folder}/**/*.{ts,tsx}`),
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
          extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
        }),
      ],
    },
    rules: { 'import-x/no-restricted-paths': ['error', { basePath: root, zones: [...zones, ...testsOnlyZones] }] },
  },
  ...packageRules,
  {
    files: ['packages/subgraph-kit/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...NAMING_A_SIDE] },
  },
)
