import { GraphQLScalarType } from 'graphql'
import { badUserInput } from '@hub/platform/errors'

/** Boundaries are only ever read through the API (a region loads them into the database), never sent in. */
export const GeoJSONGeometryScalar = new GraphQLScalarType({
  name: 'GeoJSONGeometry',
  serialize: (value) => value,
  parseValue: () => {
    throw badUserInput('GeoJSONGeometry', 'OUTPUT_ONLY', 'is an output type only')
  },
  parseLiteral: () => {
    throw badUserInput('GeoJSONGeometry', 'OUTPUT_ONLY', 'is an output type only')
  },
})
