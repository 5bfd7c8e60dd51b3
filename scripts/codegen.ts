import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Supergraph } from '@apollo/federation-internals'
import type { CodegenPlugin } from '@graphql-codegen/plugin-helpers'
import * as typedDocumentNode from '@graphql-codegen/typed-document-node'
import * as typescriptOperations from '@graphql-codegen/typescript-operations'
import { parse } from 'graphql'
import { reportDrift, writeGenerated } from '@hub/subgraph-kit/codegen/generated-file'
import { generateModule, resolverTypesFile } from '@hub/subgraph-kit/codegen/subgraph'
import { assembleSubgraphSdl } from '@hub/subgraph-kit/codegen/subgraph-schema'
import config, { type CodegenTarget } from '../codegen.js'
import { enumLabelsPlugin } from './enum-labels.js'
import { operationNamesPlugin } from './operation-names.js'

const root = fileURLToPath(new URL('..', import.meta.url))

const plugins: Record<string, CodegenPlugin> = {
  'typescript-operations': typescriptOperations,
  'typed-document-node': typedDocumentNode,
  'enum-labels': enumLabelsPlugin,
  'operation-names': operationNamesPlugin,
}

function loadDocuments(folder: string | undefined) {
  if (!folder) return []
  return readdirSync(`${root}${folder}`)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => ({
      location: `${folder}/${file}`,
      document: parse(readFileSync(`${root}${folder}/${file}`, 'utf8')),
    }))
}

function generateTarget(filename: string, target: CodegenTarget) {
  return generateModule({
    filename,
    schema: Supergraph.build(readFileSync(`${root}${target.supergraph}`, 'utf8'))
      .apiSchema()
      .toGraphQLJSSchema(),
    documents: loadDocuments(target.documents),
    plugins: Object.fromEntries(target.plugins.map((name) => [name, plugins[name]!])),
    config: target.config,
  })
}

/** Every file codegen writes: each subgraph's resolver types from its complete SDL, then the root's targets. */
export async function generateAll() {
  const outputs: { path: string; content: string }[] = []
  for (const subgraph of config.subgraphs) {
    outputs.push(await resolverTypesFile(subgraph, assembleSubgraphSdl(subgraph)))
  }
  for (const [filename, target] of Object.entries(config.generates)) {
    outputs.push({ path: `${root}${filename}`, content: await generateTarget(filename, target) })
  }
  return outputs
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check')
  const outputs = await generateAll()
  reportDrift(outputs.map(({ path, content }) => writeGenerated(path, content, check)))
  if (!check) console.log(`generated ${outputs.length} files`)
}
