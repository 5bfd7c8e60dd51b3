import { readCodedRows, type ReferenceKind } from '@hub/subgraph-kit/reference/kinds'
import { referenceResolvers } from '@hub/subgraph-kit/reference/resolvers'

/** A code of the МКБ-10 dictionary: a diagnosis's code (G80.1), or a block or class of its hierarchy (A00-B99). */
export const ICD10_ENTRY = /^[A-Z][0-9]{2}(\.[0-9]{1,2})?$|^[A-Z][0-9]{2}-[A-Z][0-9]{2}$/

/**
 * МКБ-10 as the Минздрав НСИ publishes it (dictionary OID 1.2.643.5.1.13.13.11.1005): records with `ID`, `MKB_CODE`,
 * `MKB_NAME`, `ID_PARENT` (the parent's `ID`) and `ACTUAL` (1 in force, 0 not); its other columns (`REC_CODE`,
 * `NODE_COUNT`, `ADDITIONAL_INFO`, `DATE`) are read past.
 */
export const ICD10_KIND: ReferenceKind = {
  code: 'icd10',
  name: 'МКБ-10',
  title: 'Международная статистическая классификация болезней и проблем, связанных со здоровьем (10-й пересмотр)',
  source:
    'НСИ Минздрава России (nsi.rosminzdrav.ru), справочник OID 1.2.643.5.1.13.13.11.1005: выгрузка JSON или CSV со столбцами ID, MKB_CODE, MKB_NAME, ID_PARENT, ACTUAL',
  formats: ['JSON', 'CSV'],
  read: (table) =>
    readCodedRows(table, {
      code: 'MKB_CODE',
      name: 'MKB_NAME',
      id: 'ID',
      parent: 'ID_PARENT',
      active: 'ACTUAL',
      format: { pattern: ICD10_ENTRY, rule: 'ICD10_ENTRY_CODE', letters: 'upper' },
    }),
}

/** The dictionaries health keeps, and their root fields under health's names. */
export const HEALTH_REFERENCE_KINDS = [ICD10_KIND]
export const healthReference = referenceResolvers('health', HEALTH_REFERENCE_KINDS)
