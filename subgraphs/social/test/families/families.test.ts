import { print } from 'graphql'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AddFamilyMemberDocument,
  AddLegalRepresentativeDocument,
  AttachChildToFamilyDocument,
  ChangeFamilyAddressDocument,
  EndRepresentationDocument,
  FamilyMemberFieldsFragmentDoc,
} from '@hub/schema/operations'
import type { DB } from '../../src/db/database.js'
import { requireEmail, requirePhone } from '../../src/modules/families/services/families.js'
import { backends } from '@hub/testing/databases'
import {
  insertChild,
  insertFamily,
  insertMunicipality,
  insertProgramme,
  insertProvider,
  insertRepresentative,
  insertSituation,
  MUNICIPALITY,
} from '../support/factories.js'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { daysAfter, daysFromToday, expectRefusedWithoutWriting, FUTURE } from '@hub/testing/writes'
import { socialSubgraph } from '../support/subgraph.js'

const ADD_MEMBER = print(AddFamilyMemberDocument)
const ADD_REPRESENTATIVE = print(AddLegalRepresentativeDocument)
const END_REPRESENTATION = print(EndRepresentationDocument)
const ATTACH = print(AttachChildToFamilyDocument)
const REGISTER_FAMILY = /* GraphQL */ `
  mutation ($input: RegisterFamilyInput!) {
    registerFamily(input: $input) {
      id
      address
      municipality {
        oktmo
      }
      members {
        ...FamilyMemberFields
      }
      legalRepresentatives {
        id
        fullName
        relation
        member {
          id
        }
      }
      contacts {
        kind
        value
        member {
          fullName
        }
      }
    }
  }
  ${print(FamilyMemberFieldsFragmentDoc)}
`
const END_MEMBERSHIP = /* GraphQL */ `
  mutation ($input: EndFamilyMembershipInput!) {
    endFamilyMembership(input: $input) {
      id
      leftOn
    }
  }
`
const ADD_CONTACT = /* GraphQL */ `
  mutation ($input: AddFamilyContactInput!) {
    addFamilyContact(input: $input) {
      id
      kind
      value
      member {
        id
      }
    }
  }
`
const REMOVE_CONTACT = /* GraphQL */ `
  mutation ($input: RemoveFamilyContactInput!) {
    removeFamilyContact(input: $input) {
      id
      contacts {
        id
      }
    }
  }
`
const FAMILY = /* GraphQL */ `
  query ($id: ID!, $on: Date, $includeFormer: Boolean) {
    family(id: $id) {
      members(includeFormer: $includeFormer) {
        id
      }
      legalRepresentatives(inForceOn: $on) {
        id
      }
      representationHistory {
        id
      }
      children {
        id
      }
    }
  }
`

interface Member {
  id: string
  fullName: string
  kinship: string
  birthDate: string | null
  leftOn: string | null
  representations: { id: string; relation: string; validFrom: string; validTo: string | null; inForce: boolean }[]
  contacts: { id: string; kind: string; value: string }[]
}

const mother = {
  lastName: 'Соколова',
  firstName: 'Анна',
  patronymic: 'Игоревна',
  kinship: 'PARENT',
  birthDate: '1994-03-08',
  representation: {
    relation: 'MOTHER',
    documentBasis: 'Свидетельство о рождении I-ЗО № 123456',
    validFrom: '2025-06-01',
  },
  contacts: [
    { kind: 'PHONE', value: '8 (912) 345-67-89' },
    { kind: 'EMAIL', value: 'Anna.Sokolova@Example.RU' },
  ],
}
const grandmother = { lastName: 'Соколова', firstName: 'Нина', kinship: 'GRANDPARENT', birthDate: '1960-11-02' }

describe('phone numbers and e-mail addresses', () => {
  it('writes a Russian phone number as +7 and ten digits, however it was typed', () => {
    for (const written of ['+7 912 345-67-89', '8 (912) 345-67-89', '+7(912)3456789', '89123456789']) {
      expect(requirePhone('input.value', written)).toBe('+79123456789')
    }
  })

  it('refuses numbers that are not Russian phone numbers, naming the field and the rule', () => {
    for (const written of ['912 345-67-89', '+1 212 555 0100', '+7 912 345-67-8', 'телефон', '']) {
      expect(() => requirePhone('input.value', written)).toThrow(/^input\.value: must be a Russian phone number/)
    }
  })

  it('keeps the mailbox as written and the domain in lower case, and refuses what is not an address', () => {
    expect(requireEmail('input.value', ' Anna.Sokolova@Example.RU ')).toBe('Anna.Sokolova@example.ru')
    for (const written of ['anna', 'anna@', '@example.ru', 'anna@example', 'an na@example.ru', 'a@b@example.ru']) {
      expect(() => requireEmail('input.value', written)).toThrow(/^input\.value: must be an e-mail address/)
    }
  })
})

describe.each(backends)('families (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  const registerFamily = async (members: object[] = [mother]) => {
    const response = await social.query<{ registerFamily: { id: string; members: Member[] } }>(REGISTER_FAMILY, {
      input: { municipality: MUNICIPALITY.oktmo, address: 'г. Тестов, ул. Лесная, д. 4', members },
    })
    expect(response.errors).toBeUndefined()
    return response.data!.registerFamily
  }

  const addMember = async (familyId: string, member: object) => {
    const response = await social.query<{ addFamilyMember: Member }>(ADD_MEMBER, { input: { familyId, member } })
    expect(response.errors).toBeUndefined()
    return response.data!.addFamilyMember
  }

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>(socialSubgraph, backend)
    await insertFamily(social.db)
  })
  afterAll(() => social?.stop())

  describe('registering a family', () => {
    it('opens a family with its members, the representation of each representative and their contacts', async () => {
      const response = await social.query(REGISTER_FAMILY, {
        input: {
          municipality: MUNICIPALITY.oktmo,
          address: '  г. Тестов, ул. Лесная, д. 4 ',
          members: [mother, grandmother],
        },
      })
      expect(response.errors).toBeUndefined()
      expect(response.data?.registerFamily).toMatchObject({
        address: 'г. Тестов, ул. Лесная, д. 4',
        municipality: { oktmo: MUNICIPALITY.oktmo },
        members: [
          {
            fullName: 'Соколова Нина',
            kinship: 'GRANDPARENT',
            birthDate: '1960-11-02',
            leftOn: null,
            representations: [],
            contacts: [],
          },
          {
            fullName: 'Соколова Анна Игоревна',
            kinship: 'PARENT',
            birthDate: '1994-03-08',
            representations: [
              {
                relation: 'MOTHER',
                documentBasis: 'Свидетельство о рождении I-ЗО № 123456',
                validFrom: '2025-06-01',
                validTo: null,
                inForce: true,
              },
            ],
            contacts: [
              { kind: 'PHONE', value: '+79123456789' },
              { kind: 'EMAIL', value: 'Anna.Sokolova@example.ru' },
            ],
          },
        ],
        legalRepresentatives: [{ fullName: 'Соколова Анна Игоревна', relation: 'MOTHER' }],
        contacts: [
          { kind: 'PHONE', value: '+79123456789', member: { fullName: 'Соколова Анна Игоревна' } },
          { kind: 'EMAIL', value: 'Anna.Sokolova@example.ru', member: { fullName: 'Соколова Анна Игоревна' } },
        ],
      })
    })

    it('refuses a family without members, an unknown municipality and a bad member, and writes nothing', async () => {
      const register = (input: object) =>
        social.query(REGISTER_FAMILY, { input: { municipality: MUNICIPALITY.oktmo, members: [mother], ...input } })
      await expectRefusedWithoutWriting(social.db, () => register({ members: [] }), {
        code: 'BAD_USER_INPUT',
        field: 'input.members',
        rule: 'at least one member',
      })
      await expectRefusedWithoutWriting(social.db, () => register({ municipality: '99999999' }), {
        code: 'BAD_USER_INPUT',
        field: 'input.municipality',
        rule: 'ОКТМО',
      })
      const cases: [object, string, string][] = [
        [{ lastName: 'Соколова1' }, 'input.members[1].lastName', 'letters'],
        [{ firstName: ' ' }, 'input.members[1].firstName', 'must not be empty'],
        [{ birthDate: FUTURE }, 'input.members[1].birthDate', 'future'],
        [{ birthDate: '1899-12-31' }, 'input.members[1].birthDate', '1900-01-01'],
        [{ contacts: [{ kind: 'PHONE', value: '123' }] }, 'input.members[1].contacts[0].value', 'phone number'],
        [{ contacts: [{ kind: 'EMAIL', value: 'anna@' }] }, 'input.members[1].contacts[0].value', 'e-mail'],
        [
          { representation: { ...mother.representation, documentBasis: '' } },
          'input.members[1].representation.documentBasis',
          'must not be empty',
        ],
        [
          { representation: { ...mother.representation, validFrom: FUTURE } },
          'input.members[1].representation.validFrom',
          'future',
        ],
        [
          { representation: { ...mother.representation, validTo: '2025-05-31' } },
          'input.members[1].representation.validTo',
          'validFrom',
        ],
        [{ kinship: 'GRANDPARENT' }, 'input.members[1].representation.relation', 'kinship PARENT'],
        [{ birthDate: '2010-01-01' }, 'input.members[1].representation.validFrom', 'at least 16 years old'],
        [
          {
            kinship: 'GRANDPARENT',
            birthDate: '2008-01-01',
            representation: { ...mother.representation, relation: 'GUARDIAN', validFrom: '2025-12-31' },
          },
          'input.members[1].representation.validFrom',
          'at least 18 years old',
        ],
      ]
      for (const [change, field, rule] of cases) {
        await expectRefusedWithoutWriting(
          social.db,
          () => register({ members: [grandmother, { ...mother, ...change }] }),
          {
            code: 'BAD_USER_INPUT',
            field,
            rule,
          },
        )
      }
    })

    it('refuses a relation outside the list by the schema, before anything runs', async () => {
      const response = await social.query(REGISTER_FAMILY, {
        input: { municipality: MUNICIPALITY.oktmo, members: [{ ...mother, kinship: 'AUNT' }] },
      })
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
      expect(response.errors?.[0]?.message).toContain('AUNT')
    })
  })

  describe('members and their contacts', () => {
    it('adds a member, records that they left, and keeps them on record for includeFormer', async () => {
      const family = await registerFamily()
      const stepfather = await addMember(family.id, {
        lastName: 'Петров',
        firstName: 'Олег',
        kinship: 'STEP_PARENT',
        contacts: [{ kind: 'PHONE', value: '+7 999 000-11-22' }],
      })
      expect(stepfather).toMatchObject({ fullName: 'Петров Олег', kinship: 'STEP_PARENT', representations: [] })

      const left = await social.query(END_MEMBERSHIP, { input: { memberId: stepfather.id, leftOn: daysFromToday(-1) } })
      expect(left.errors).toBeUndefined()
      expect(left.data?.endFamilyMembership).toEqual({ id: stepfather.id, leftOn: daysFromToday(-1) })

      const current = await social.query<{ family: { members: { id: string }[] } }>(FAMILY, { id: family.id })
      expect(current.data?.family.members.map((member) => member.id)).toEqual([family.members[0]!.id])
      const all = await social.query<{ family: { members: { id: string }[] } }>(FAMILY, {
        id: family.id,
        includeFormer: true,
      })
      expect(all.data?.family.members.map((member) => member.id).sort()).toEqual(
        [family.members[0]!.id, stepfather.id].sort(),
      )

      await expectRefusedWithoutWriting(
        social.db,
        () => social.query(END_MEMBERSHIP, { input: { memberId: stepfather.id, leftOn: daysFromToday(0) } }),
        { code: 'CONFLICT', field: 'input.memberId', rule: 'already left' },
      )
    })

    it('refuses to add a member to a family that does not exist, or to end a membership before birth', async () => {
      const missing = '00000000-0000-4000-8000-000000000000'
      await expectRefusedWithoutWriting(
        social.db,
        () => social.query(ADD_MEMBER, { input: { familyId: missing, member: grandmother } }),
        { code: 'NOT_FOUND', field: 'input.familyId' },
      )
      await expectRefusedWithoutWriting(
        social.db,
        () => social.query(ADD_MEMBER, { input: { familyId: 'семья', member: grandmother } }),
        { code: 'BAD_USER_INPUT', field: 'input.familyId', rule: 'UUID' },
      )
      const family = await registerFamily([grandmother])
      const memberId = family.members[0]!.id
      for (const [leftOn, rule] of [
        ['1960-11-01', 'birth date'],
        [FUTURE, 'future'],
      ]) {
        await expectRefusedWithoutWriting(
          social.db,
          () => social.query(END_MEMBERSHIP, { input: { memberId, leftOn } }),
          { code: 'BAD_USER_INPUT', field: 'input.leftOn', rule },
        )
      }
    })

    it('adds a contact once, normalised, and removes it', async () => {
      const family = await registerFamily()
      const memberId = family.members[0]!.id
      const add = (value: string) =>
        social.query<{ addFamilyContact: { id: string; value: string } }>(ADD_CONTACT, {
          input: { memberId, kind: 'PHONE', value },
        })
      const first = await add('8 (900) 111-22-33')
      expect(first.errors).toBeUndefined()
      expect(first.data?.addFamilyContact).toMatchObject({
        kind: 'PHONE',
        value: '+79001112233',
        member: { id: memberId },
      })
      const again = await add('+7 900 111 22 33')
      expect(again.data?.addFamilyContact.id).toBe(first.data?.addFamilyContact.id)

      await expectRefusedWithoutWriting(social.db, () => add('112'), {
        code: 'BAD_USER_INPUT',
        field: 'input.value',
        rule: 'Russian phone number',
      })

      const removed = await social.query<{ removeFamilyContact: { contacts: { id: string }[] } }>(REMOVE_CONTACT, {
        input: { contactId: first.data!.addFamilyContact.id },
      })
      expect(removed.errors).toBeUndefined()
      expect(removed.data?.removeFamilyContact.contacts.map((contact) => contact.id)).toEqual(
        family.members[0]!.contacts.map((contact) => contact.id),
      )
      await expectRefusedWithoutWriting(
        social.db,
        () => social.query(REMOVE_CONTACT, { input: { contactId: first.data!.addFamilyContact.id } }),
        { code: 'NOT_FOUND', field: 'input.contactId' },
      )
    })
  })

  describe('legal representatives', () => {
    it('gives a member a representation for a term, lists it by the day it is in force, and ends it', async () => {
      const family = await registerFamily([mother, grandmother])
      const granny = family.members.find((member) => member.kinship === 'GRANDPARENT')!
      const guardianship = await social.query<{ addLegalRepresentative: { id: string } }>(ADD_REPRESENTATIVE, {
        input: {
          memberId: granny.id,
          relation: 'GUARDIAN',
          documentBasis: 'Распоряжение органа опеки № 15-р',
          validFrom: daysFromToday(-30),
          validTo: daysFromToday(30),
        },
      })
      expect(guardianship.errors).toBeUndefined()
      expect(guardianship.data?.addLegalRepresentative).toMatchObject({
        fullName: 'Соколова Нина',
        relation: 'GUARDIAN',
        validFrom: daysFromToday(-30),
        validTo: daysFromToday(30),
        inForce: true,
        member: { id: granny.id },
      })
      const guardianId = guardianship.data!.addLegalRepresentative.id
      const motherId = family.members.find((member) => member.kinship === 'PARENT')!.representations[0]!.id

      const onDay = async (on?: string) => {
        const response = await social.query<{ family: { legalRepresentatives: { id: string }[] } }>(FAMILY, {
          id: family.id,
          on,
        })
        return response.data!.family.legalRepresentatives.map((representative) => representative.id).sort()
      }
      expect(await onDay()).toEqual([guardianId, motherId].sort())
      expect(await onDay(daysFromToday(31))).toEqual([motherId])
      expect(await onDay('2025-05-31')).toEqual([])

      const ended = await social.query(END_REPRESENTATION, {
        input: { representativeId: guardianId, endedOn: daysFromToday(-1) },
      })
      expect(ended.errors).toBeUndefined()
      expect(ended.data?.endRepresentation).toMatchObject({
        id: guardianId,
        validTo: daysFromToday(-1),
        inForce: false,
      })
      expect(await onDay()).toEqual([motherId])
      const history = await social.query<{ family: { representationHistory: { id: string }[] } }>(FAMILY, {
        id: family.id,
      })
      expect(history.data?.family.representationHistory.map((row) => row.id).sort()).toEqual(
        [guardianId, motherId].sort(),
      )
    })

    it('lets terms of one member follow each other but refuses an overlap', async () => {
      const family = await registerFamily([
        { ...grandmother, representation: { ...mother.representation, relation: 'GUARDIAN', validTo: '2025-12-31' } },
      ])
      const memberId = family.members[0]!.id
      const add = (validFrom: string, validTo: string | null = null) =>
        social.query(ADD_REPRESENTATIVE, {
          input: { memberId, relation: 'GUARDIAN', documentBasis: 'Распоряжение № 2-р', validFrom, validTo },
        })
      await expectRefusedWithoutWriting(social.db, () => add('2025-12-31'), {
        code: 'CONFLICT',
        field: 'input.validFrom',
        rule: 'from 2025-06-01 to 2025-12-31',
      })
      await expectRefusedWithoutWriting(social.db, () => add('2025-01-01', '2025-06-01'), {
        code: 'CONFLICT',
        field: 'input.validFrom',
      })
      const next = await add('2026-01-01')
      expect(next.errors).toBeUndefined()
    })

    it('refuses an end before the first day, a second end and an unknown representative', async () => {
      const family = await registerFamily()
      const representativeId = family.members[0]!.representations[0]!.id
      const end = (endedOn: string, id = representativeId) =>
        social.query(END_REPRESENTATION, { input: { representativeId: id, endedOn } })
      await expectRefusedWithoutWriting(social.db, () => end('2025-05-31'), {
        code: 'BAD_USER_INPUT',
        field: 'input.endedOn',
        rule: 'first day of the representation',
      })
      expect((await end(daysFromToday(-2))).errors).toBeUndefined()
      await expectRefusedWithoutWriting(social.db, () => end(daysFromToday(-1)), {
        code: 'CONFLICT',
        field: 'input.representativeId',
        rule: `already ends on ${daysFromToday(-2)}`,
      })
      await expectRefusedWithoutWriting(social.db, () => end('2026-01-01', '00000000-0000-4000-8000-000000000000'), {
        code: 'NOT_FOUND',
        field: 'input.representativeId',
      })
    })

    it('refuses to end a representation before the day the representative signed a programme', async () => {
      const family = await insertFamily(social.db)
      const representative = await insertRepresentative(social.db, family.id, { valid_from: '2025-01-01' })
      const child = await insertChild(social.db, { family_id: family.id })
      const provider = await insertProvider(social.db, { moderation_status: 'APPROVED' })
      await insertProgramme(social.db, child.id, provider.id, {
        signed_on: '2026-09-01',
        signed_by_representative_id: representative.id,
      })
      await expectRefusedWithoutWriting(
        social.db,
        () =>
          social.query(END_REPRESENTATION, { input: { representativeId: representative.id, endedOn: '2026-08-31' } }),
        { code: 'BAD_USER_INPUT', field: 'input.endedOn', rule: 'signed version 1 of a programme' },
      )
      const ended = await social.query(END_REPRESENTATION, {
        input: { representativeId: representative.id, endedOn: '2026-09-01' },
      })
      expect(ended.errors).toBeUndefined()
    })
  })

  describe('moving a family', () => {
    const MOVE = print(ChangeFamilyAddressDocument)

    it('moves the family and its children on the registry, not a merged record (no longer listed) nor another family’s child', async () => {
      const other = { oktmo: '71900000', name: 'Соседний муниципальный округ' }
      await insertMunicipality(social.db, other)
      const family = await insertFamily(social.db)
      const child = await insertChild(social.db, { family_id: family.id })
      const survivor = await insertChild(social.db)
      const merged = await insertChild(social.db, { family_id: family.id, merged_into_id: survivor.id })
      const neighbour = await insertChild(social.db, { family_id: (await insertFamily(social.db)).id })

      const moved = await social.query(MOVE, {
        input: { familyId: family.id, municipality: other.oktmo, address: ' п. Новый, ул. Речная, д. 7 ' },
      })
      expect(moved.errors).toBeUndefined()
      expect(moved.data?.changeFamilyAddress).toEqual({
        id: family.id,
        address: 'п. Новый, ул. Речная, д. 7',
        municipality: other,
        children: [{ id: child.id, municipality: { oktmo: other.oktmo } }],
      })
      const { rows } = await sql<{ id: string; municipality_oktmo: string }>`
        select id, municipality_oktmo from child where id in (${merged.id}, ${neighbour.id})
      `.execute(social.db)
      expect(rows.every((row) => row.municipality_oktmo === MUNICIPALITY.oktmo)).toBe(true)
    })

    it('refuses an unknown family or municipality and an empty address, and writes nothing', async () => {
      const family = await insertFamily(social.db)
      const cases: [object, string, string][] = [
        [{ familyId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND', 'input.familyId'],
        [{ municipality: '12345678' }, 'BAD_USER_INPUT', 'input.municipality'],
        [{ address: '  ' }, 'BAD_USER_INPUT', 'input.address'],
      ]
      for (const [change, code, field] of cases) {
        await expectRefusedWithoutWriting(
          social.db,
          () =>
            social.query(MOVE, {
              input: { familyId: family.id, municipality: MUNICIPALITY.oktmo, address: 'ул. Новая, д. 1', ...change },
            }),
          { code: code as 'NOT_FOUND', field },
        )
      }
    })
  })

  describe('attaching a child to a family', () => {
    it('moves a child from a family in СОП to one in ТЖС: the old criterion ends the day before, the new one starts', async () => {
      const from = await insertFamily(social.db)
      const sop = await insertSituation(social.db, from.id, { kind: 'SOP', decided_on: daysFromToday(-200) })
      const child = await insertChild(social.db, { family_id: from.id, birth_date: daysFromToday(-400) })
      await social.db
        .insertInto('child_criterion')
        .values({
          child_id: child.id,
          code: 'FAMILY_SOP',
          source: 'SOCIAL',
          evidence_document: `Решение № ${sop.decision_number}`,
          evidence_date: sop.decided_on,
          valid_from: sop.decided_on,
          family_situation_id: sop.id,
        })
        .execute()
      const to = await insertFamily(social.db)
      await insertSituation(social.db, to.id, { kind: 'TJS', decided_on: daysFromToday(-100) })
      await insertSituation(social.db, to.id, {
        kind: 'SOP',
        decided_on: daysFromToday(-300),
        ended_on: daysFromToday(-50),
      })

      const moved = await social.query(ATTACH, {
        input: { childId: child.id, familyId: to.id, on: daysFromToday(-20) },
      })
      expect(moved.errors).toBeUndefined()
      expect(moved.data?.attachChildToFamily).toMatchObject({
        id: child.id,
        family: { id: to.id },
        criteria: [
          { code: 'FAMILY_SOP', validFrom: daysFromToday(-200), validTo: daysFromToday(-21) },
          { code: 'FAMILY_TJS', validFrom: daysFromToday(-20), validTo: null },
        ],
      })
      const family = await social.query<{ family: { children: { id: string }[] } }>(FAMILY, { id: to.id })
      expect(family.data?.family.children).toEqual([{ id: child.id }])

      const again = await social.query(ATTACH, { input: { childId: child.id, familyId: to.id, on: daysFromToday(-1) } })
      expect(again.data?.attachChildToFamily).toEqual(moved.data?.attachChildToFamily)
    })

    it('gives no family criterion to a child who is 3 or older on the day it joins', async () => {
      const family = await insertFamily(social.db)
      await insertSituation(social.db, family.id, { kind: 'SOP', decided_on: daysFromToday(-10) })
      const child = await insertChild(social.db, {
        family_id: null,
        birth_date: daysAfter(daysFromToday(-20), -3 * 366),
      })
      const moved = await social.query(ATTACH, {
        input: { childId: child.id, familyId: family.id, on: daysFromToday(-5) },
      })
      expect(moved.errors).toBeUndefined()
      expect(moved.data?.attachChildToFamily).toMatchObject({ family: { id: family.id }, criteria: [] })
    })

    it('refuses an unknown child or family, a merged record and a day before birth or in the future', async () => {
      const family = await insertFamily(social.db)
      const child = await insertChild(social.db, { family_id: null, birth_date: daysFromToday(-100) })
      const survivor = await insertChild(social.db)
      const merged = await insertChild(social.db, { merged_into_id: survivor.id })
      const missing = '00000000-0000-4000-8000-000000000000'
      const cases: [object, string, string, string?][] = [
        [{ childId: missing }, 'NOT_FOUND', 'input.childId'],
        [{ familyId: missing }, 'NOT_FOUND', 'input.familyId'],
        [{ childId: merged.id }, 'CONFLICT', 'input.childId', survivor.id],
        [{ on: daysFromToday(-101) }, 'BAD_USER_INPUT', 'input.on', 'birth date'],
        [{ on: FUTURE }, 'BAD_USER_INPUT', 'input.on', 'future'],
      ]
      for (const [change, code, field, rule] of cases) {
        await expectRefusedWithoutWriting(
          social.db,
          () =>
            social.query(ATTACH, {
              input: { childId: child.id, familyId: family.id, on: daysFromToday(-1), ...change },
            }),
          { code: code as 'NOT_FOUND', field, rule },
        )
      }
    })
  })
})
