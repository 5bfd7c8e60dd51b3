/**
 * What graphql-codegen generates: each subgraph's resolver types, by the codegen entry in its folder
 * (`subgraphs/<name>/codegen.ts`, which a ministry runs there), and the root's own targets: typed documents for the
 * public operations and, for the services' metrics, their names alone, and the screens' Russian labels of every enum
 * value from the schema's descriptions. Run by `npm run codegen` (scripts/codegen.ts).
 */
import { SCALAR_TYPES } from '@hub/platform/scalars'
import type { SubgraphCodegen } from '@hub/subgraph-kit/codegen/subgraph'
import education from './subgraphs/education/codegen.js'
import health from './subgraphs/health/codegen.js'
import ngo from './subgraphs/ngo/codegen.js'
import social from './subgraphs/social/codegen.js'

export interface CodegenTarget {
  /** The committed supergraph, whose API schema the target is generated from. */
  supergraph: string
  documents?: string
  plugins: string[]
  config: Record<string, unknown>
}

const subgraphs: readonly SubgraphCodegen[] = [social, health, education, ngo]

/** The supergraph's scalars: the platform's, and those a subgraph defines of its own. */
const scalars = Object.assign({}, SCALAR_TYPES, ...subgraphs.map((subgraph) => subgraph.scalars))

const config: { subgraphs: readonly SubgraphCodegen[]; generates: Record<string, CodegenTarget> } = {
  subgraphs,
  generates: {
    'schema/__generated__/operations.ts': {
      supergraph: 'schema/supergraph.graphql',
      documents: 'schema/operations',
      plugins: ['typescript-operations', 'typed-document-node'],
      config: { useTypeImports: true, enumsAsTypes: true, scalars },
    },
    // The operations' names alone, for every service's metrics: the platform package keeps to its own folder.
    'packages/platform/src/__generated__/operation-names.ts': {
      supergraph: 'schema/supergraph.graphql',
      documents: 'schema/operations',
      plugins: ['operation-names'],
      config: {},
    },
    // One source for the labels screens show: a value without a Russian description fails the generation.
    'dashboard/src/shared/__generated__/enum-labels.ts': {
      supergraph: 'schema/supergraph.graphql',
      plugins: ['enum-labels'],
      config: {},
    },
  },
}

export default config
