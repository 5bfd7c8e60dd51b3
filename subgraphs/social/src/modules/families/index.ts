import type { Resolvers } from '../../__generated__/resolvers-types.js'
import { Consent } from './resolvers/Consent.js'
import { Family } from './resolvers/Family.js'
import { FamilyConnection } from './resolvers/FamilyConnection.js'
import { FamilyContact } from './resolvers/FamilyContact.js'
import { FamilyMember } from './resolvers/FamilyMember.js'
import { LegalRepresentative } from './resolvers/LegalRepresentative.js'
import { Mutation } from './resolvers/Mutation.js'
import { Query } from './resolvers/Query.js'

/** Families: members, contacts, legal representatives, ТЖС/СОП decisions, and the consents that open a child's data. */
export const families: Resolvers = {
  Query,
  Mutation,
  Family,
  FamilyConnection,
  FamilyMember,
  FamilyContact,
  LegalRepresentative,
  Consent,
}
