import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AddFamilyMemberDocument,
  AddLegalRepresentativeDocument,
  AttachChildToFamilyDocument,
  ChangeFamilyAddressDocument,
  ChildCardDocument,
  EndRepresentationDocument,
  FamilyCardDocument,
  RecordConsentDocument,
  RecordFamilySituationDocument,
  RegisterChildDocument,
  RegisterFamilyDocument,
} from '../../schema/__generated__/operations.js'
import { backends } from '@hub/testing/databases'
import { insertMunicipality, MUNICIPALITY } from '../../subgraphs/social/test/support/factories.js'
import { startHub, type Hub } from '../support/hub.js'
import { daysFromToday, expectRejected, snapshot } from '@hub/testing/writes'

const BIRTH = daysFromToday(-400)

/**
 * A family's life in the registry through the gateway with the committed operations: opened with its mother, a child
 * registered into it, found in СОП, the mother's parental rights ended and the grandmother appointed guardian, and a
 * second child placed with it, and the family's move.
 */
describe.each(backends)('a family through the gateway (%s)', (backend) => {
  let hub: Hub
  let familyId: string
  let motherRepresentationId: string
  let grandmotherId: string
  let childId: string

  beforeAll(async () => {
    hub = await startHub(backend)
    await insertMunicipality(hub.databases.social.db)
  })
  afterAll(() => hub?.stop())

  it('opens a family with the mother as representative, and registers the child into it', async () => {
    const { registerFamily } = await hub.run(RegisterFamilyDocument, {
      input: {
        municipality: MUNICIPALITY.oktmo,
        address: 'с. Тестовое, ул. Луговая, д. 3',
        members: [
          {
            lastName: 'Белова',
            firstName: 'Ольга',
            patronymic: 'Сергеевна',
            kinship: 'PARENT',
            birthDate: '2001-07-19',
            representation: { relation: 'MOTHER', documentBasis: 'Свидетельство о рождении', validFrom: BIRTH },
            contacts: [
              { kind: 'PHONE', value: '+7 (924) 100-20-30' },
              { kind: 'EMAIL', value: 'olga.belova@example.ru' },
            ],
          },
        ],
      },
    })
    familyId = registerFamily.id
    motherRepresentationId = registerFamily.members[0]!.representations[0]!.id
    expect(registerFamily).toMatchObject({
      municipality: { oktmo: MUNICIPALITY.oktmo, name: MUNICIPALITY.name },
      members: [{ kinship: 'PARENT', contacts: [{ value: '+79241002030' }, { value: 'olga.belova@example.ru' }] }],
    })

    const { addFamilyMember } = await hub.run(AddFamilyMemberDocument, {
      input: {
        familyId,
        member: { lastName: 'Белова', firstName: 'Галина', kinship: 'GRANDPARENT', birthDate: '1962-02-01' },
      },
    })
    grandmotherId = addFamilyMember.id

    const { registerChild } = await hub.run(RegisterChildDocument, {
      input: {
        lastName: 'Белов',
        firstName: 'Артём',
        birthDate: BIRTH,
        sex: 'MALE',
        municipality: MUNICIPALITY.oktmo,
        familyId,
        source: 'SOCIAL',
        criteria: [
          {
            code: 'PARENT_CONCERN',
            evidenceDocument: 'Заявление матери',
            evidenceDate: daysFromToday(-30),
            validFrom: daysFromToday(-30),
          },
        ],
      },
    })
    childId = registerChild.child.id

    // Entering early help, the mother agrees that the regional coordinator may see the child's health, ПМПК and
    // family data.
    const { recordConsent } = await hub.run(RecordConsentDocument, {
      input: {
        childId,
        representativeId: motherRepresentationId,
        purpose: 'EARLY_HELP',
        recipientSide: 'REGIONAL',
        scopes: ['HEALTH', 'PMPK', 'FAMILY'],
        document: 'Согласие на обмен сведениями от ' + daysFromToday(0),
      },
    })
    expect(recordConsent).toMatchObject({
      recipientSide: 'REGIONAL',
      scopes: ['FAMILY', 'HEALTH', 'PMPK'],
      inForce: true,
      representative: { id: motherRepresentationId, fullName: 'Белова Ольга Сергеевна' },
    })
  })

  it('gives the child FAMILY_SOP when the family is found in СОП', async () => {
    await hub.run(RecordFamilySituationDocument, {
      input: { familyId, kind: 'SOP', decisionNumber: 'КДН-2026/41', decidedOn: daysFromToday(-20) },
    })
    const { child } = await hub.run(ChildCardDocument, { id: childId })
    expect(child?.criteria.map((criterion) => criterion.code).sort()).toEqual(['FAMILY_SOP', 'PARENT_CONCERN'])
    expect(child?.family).toMatchObject({ id: familyId, inSop: true })
  })

  it('ends the mother’s representation and appoints the grandmother guardian, refusing an overlap', async () => {
    await hub.run(EndRepresentationDocument, {
      input: { representativeId: motherRepresentationId, endedOn: daysFromToday(-11) },
    })
    const { addLegalRepresentative } = await hub.run(AddLegalRepresentativeDocument, {
      input: {
        memberId: grandmotherId,
        relation: 'GUARDIAN',
        documentBasis: 'Распоряжение органа опеки и попечительства № 77-р',
        validFrom: daysFromToday(-10),
      },
    })
    expect(addLegalRepresentative).toMatchObject({ relation: 'GUARDIAN', inForce: true, member: { id: grandmotherId } })

    const before = await snapshot(hub.databases.social.db)
    const overlap = await hub.query(AddLegalRepresentativeDocument, {
      input: {
        memberId: grandmotherId,
        relation: 'GUARDIAN',
        documentBasis: 'Распоряжение № 78-р',
        validFrom: daysFromToday(-5),
      },
    })
    expectRejected(overlap, { code: 'CONFLICT', field: 'input.validFrom', rule: 'already a legal representative' })
    expect(await snapshot(hub.databases.social.db)).toEqual(before)

    const today = await hub.run(FamilyCardDocument, { id: familyId })
    expect(today.family?.legalRepresentatives).toEqual([
      { id: addLegalRepresentative.id, fullName: 'Белова Галина', relation: 'GUARDIAN' },
    ])
    const earlier = await hub.run(FamilyCardDocument, { id: familyId, inForceOn: daysFromToday(-15) })
    expect(earlier.family?.legalRepresentatives).toEqual([
      { id: motherRepresentationId, fullName: 'Белова Ольга Сергеевна', relation: 'MOTHER' },
    ])
    expect(today.family?.members.map((member) => [member.fullName, member.representations.length])).toEqual([
      ['Белова Галина', 1],
      ['Белова Ольга Сергеевна', 1],
    ])
  })

  it('places a child registered without a family with it, and the СОП criterion follows', async () => {
    const { registerChild } = await hub.run(RegisterChildDocument, {
      input: {
        lastName: 'Белова',
        firstName: 'Дарья',
        birthDate: daysFromToday(-200),
        sex: 'FEMALE',
        municipality: MUNICIPALITY.oktmo,
        source: 'SOCIAL',
        criteria: [
          {
            code: 'ORPHAN_INSTITUTION',
            evidenceDocument: 'Акт об оставлении ребёнка',
            evidenceDate: daysFromToday(-150),
            validFrom: daysFromToday(-150),
          },
        ],
      },
    })
    const { attachChildToFamily } = await hub.run(AttachChildToFamilyDocument, {
      input: { childId: registerChild.child.id, familyId, on: daysFromToday(-3) },
    })
    expect(attachChildToFamily).toMatchObject({
      family: { id: familyId, inSop: true },
      criteria: [
        { code: 'ORPHAN_INSTITUTION', active: true },
        { code: 'FAMILY_SOP', validFrom: daysFromToday(-3), validTo: null, active: true },
      ],
    })
    const { family } = await hub.run(FamilyCardDocument, { id: familyId })
    expect(family?.children.map((child) => child.fullName).sort()).toEqual(['Белов Артём', 'Белова Дарья'])
    expect(family?.situations).toMatchObject([{ kind: 'SOP', decisionNumber: 'КДН-2026/41', endedOn: null }])
  })

  it('moves the family with both children to another municipality', async () => {
    const other = { oktmo: '71900000', name: 'Соседний муниципальный округ' }
    await insertMunicipality(hub.databases.social.db, other)
    const { changeFamilyAddress } = await hub.run(ChangeFamilyAddressDocument, {
      input: { familyId, municipality: other.oktmo, address: 'п. Новый, ул. Речная, д. 7' },
    })
    expect(changeFamilyAddress.municipality).toEqual(other)
    expect(changeFamilyAddress.children.map((child) => child.municipality.oktmo)).toEqual([other.oktmo, other.oktmo])
    const { child } = await hub.run(ChildCardDocument, { id: childId })
    expect(child?.municipality.oktmo).toBe(other.oktmo)
  })
})
