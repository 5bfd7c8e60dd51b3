import type { RegistryImportResolvers } from '../../../__generated__/resolvers-types.js'

export const RegistryImport: RegistryImportResolvers = {
  refusals: (parent, _args, { loaders }) => loaders.refusedRowsByImportId.load(parent.id),
}
