import { isScalarType } from 'graphql'
import { DateScalar, DateTimeScalar } from '@hub/platform/scalars'
import type { Resolvers } from '../__generated__/resolvers-types.js'
import { families } from '../modules/families/index.js'
import { merges } from '../modules/merges/index.js'
import { monitoring } from '../modules/monitoring/index.js'
import { pathway } from '../modules/pathway/index.js'
import { providers } from '../modules/providers/index.js'
import { registry } from '../modules/registry/index.js'
import { Attachment } from './Attachment.js'
import { Mutation } from './Mutation.js'
import { Query } from './Query.js'

/** What the modules share: the scalars, the event feed and webhooks, the access audit, the signed scans. */
const shared: Resolvers = { Date: DateScalar, DateTime: DateTimeScalar, Query, Mutation, Attachment }

/** Social's resolvers by where they are written: the shared ones, then each module's (modules/README.md). */
export const RESOLVER_PARTS: Readonly<Record<string, Resolvers>> = {
  shared,
  registry,
  families,
  providers,
  pathway,
  merges,
  monitoring,
}

/**
 * One resolver map from the parts, each type's fields gathered from every part that resolves some of them. A field
 * (or a scalar) that two parts both resolve is refused at start, rather than one of them silently shadowing the other.
 */
export function assembleResolvers(parts: Readonly<Record<string, Resolvers>>): Resolvers {
  const assembled: Record<string, object> = {}
  const owners = new Map<string, string>()
  const claim = (name: string, part: string) => {
    const owner = owners.get(name)
    if (owner !== undefined) throw new Error(`${name} is resolved both in ${owner} and in ${part}`)
    owners.set(name, part)
  }
  for (const [part, resolvers] of Object.entries(parts)) {
    for (const [type, value] of Object.entries(resolvers) as [string, object][]) {
      if (isScalarType(value)) {
        claim(type, part)
        assembled[type] = value
        continue
      }
      for (const field of Object.keys(value)) claim(`${type}.${field}`, part)
      assembled[type] = { ...assembled[type], ...value }
    }
  }
  return assembled as Resolvers
}

export const resolvers = assembleResolvers(RESOLVER_PARTS)
