import { readCodedRows, type ReferenceKind } from '@hub/subgraph-kit/reference/kinds'
import { referenceResolvers } from '@hub/subgraph-kit/reference/resolvers'
import { BOUNDARIES_KIND } from './modules/providers/services/boundaries.js'
import { CALENDAR_KIND } from './modules/pathway/calendar-kind.js'
import { PROVIDERS_KIND } from './modules/providers/services/provider-registry-file.js'
import { OKTMO_KIND, POPULATION_KIND } from './modules/providers/municipality-reference.js'

/** A code of the МКФ-ДП dictionary: a component (d), a chapter (d3) or a category (d310, d4154). */
export const ICF_ENTRY = /^[bsde]([0-9]|[0-9]{3,5})?$/

/**
 * МКФ-ДП (ICF-CY, «Международная классификация функционирования, ограничений жизнедеятельности и здоровья детей и
 * подростков») as a CSV or JSON of `CODE`, `NAME`, `PARENT` (the parent's code; empty for a component) and `ACTUAL`
 * (1 in force, 0 not): there is no official machine-readable Russian file, so a region prepares it from the ВОЗ
 * publication in this shape (`samples/reference/icf-cy.csv`).
 */
export const ICF_KIND: ReferenceKind = {
  code: 'icf',
  name: 'МКФ-ДП',
  title:
    'Международная классификация функционирования, ограничений жизнедеятельности и здоровья детей и подростков (ICF-CY)',
  source:
    'Русский текст МКФ-ДП (ВОЗ), подготовленный регионом как CSV или JSON со столбцами CODE, NAME, PARENT, ACTUAL',
  formats: ['CSV', 'JSON'],
  read: (table) =>
    readCodedRows(table, {
      code: 'CODE',
      name: 'NAME',
      parent: 'PARENT',
      active: 'ACTUAL',
      format: { pattern: ICF_ENTRY, rule: 'ICF_ENTRY_CODE', letters: 'lower' },
    }),
}

/** The dictionaries social keeps, and their root fields under social's names. */
export const SOCIAL_REFERENCE_KINDS = [
  ICF_KIND,
  OKTMO_KIND,
  POPULATION_KIND,
  BOUNDARIES_KIND,
  PROVIDERS_KIND,
  CALENDAR_KIND,
]
export const socialReference = referenceResolvers('social', SOCIAL_REFERENCE_KINDS)
