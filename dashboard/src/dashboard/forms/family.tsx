import { useState } from 'react'
import {
  AddFamilyContactDocument,
  AddFamilyMemberDocument,
  AddLegalRepresentativeDocument,
  AttachChildToFamilyDocument,
  EndFamilyMembershipDocument,
  EndRepresentationDocument,
  RegisterFamilyDocument,
  RemoveFamilyContactDocument,
  type ContactKind,
  type Kinship,
  type NewFamilyMemberInput,
  type RegisterFamilyMutation,
  type RepresentativeRelation,
} from '../../../../schema/__generated__/operations'
import { enumLabels } from '../../shared/__generated__/enum-labels'
import type { HubError } from '../../shared/graphql'
import { optionsOf, useMunicipalityOptions } from '../Choice'
import { termText } from '../labels'
import { Link, navigate } from '../navigation'
import { ErrorSummary, FormPage, idempotencyKey, useMutation } from './kit'
import { FamilyPicker } from './register-child'
import {
  backTo,
  cardPath,
  NameFields,
  optional,
  SelectField,
  TextField,
  today,
  WithChild,
  type ChildRecord,
} from './registry-parts'

/** The family's forms: open a family with its members, add a member, a representation or a contact, and end them. */

const KINSHIP = enumLabels.Kinship
const RELATION = enumLabels.RepresentativeRelation
const CONTACT = enumLabels.ContactKind

interface MemberDraft {
  lastName: string
  firstName: string
  patronymic: string
  kinship: string
  birthDate: string
  representative: boolean
  relation: string
  documentBasis: string
  validFrom: string
  validTo: string
  phone: string
  email: string
}

const emptyMember = (): MemberDraft => ({
  lastName: '',
  firstName: '',
  patronymic: '',
  kinship: '',
  birthDate: '',
  representative: false,
  relation: '',
  documentBasis: '',
  validFrom: today(),
  validTo: '',
  phone: '',
  email: '',
})

function memberInput(draft: MemberDraft): NewFamilyMemberInput {
  const contacts = [
    ...(draft.phone.trim() ? [{ kind: 'PHONE' as ContactKind, value: draft.phone.trim() }] : []),
    ...(draft.email.trim() ? [{ kind: 'EMAIL' as ContactKind, value: draft.email.trim() }] : []),
  ]
  return {
    lastName: draft.lastName,
    firstName: draft.firstName,
    patronymic: optional(draft.patronymic),
    kinship: draft.kinship as Kinship,
    birthDate: optional(draft.birthDate),
    representation: draft.representative
      ? {
          relation: draft.relation as RepresentativeRelation,
          documentBasis: draft.documentBasis,
          validFrom: draft.validFrom,
          validTo: optional(draft.validTo),
        }
      : null,
    contacts,
  }
}

/** The representation's fields (`RepresentationInput` or the representation of `AddLegalRepresentativeInput`). */
function RepresentationFields({
  field,
  errors,
  value,
  onChange,
}: {
  field: string
  errors: readonly HubError[]
  value: Pick<MemberDraft, 'relation' | 'documentBasis' | 'validFrom' | 'validTo'>
  onChange: (key: 'relation' | 'documentBasis' | 'validFrom' | 'validTo', value: string) => void
}) {
  return (
    <>
      <SelectField
        label="Основание представительства"
        field={`${field}relation`}
        errors={errors}
        value={value.relation}
        onChange={(v) => onChange('relation', v)}
        none="— выберите —"
        options={optionsOf(RELATION)}
        hint="Мать и отец — родители не моложе 16 лет; опекун, приёмный родитель, усыновитель — совершеннолетние"
      />
      <TextField
        label="Документ — основание"
        field={`${field}documentBasis`}
        errors={errors}
        value={value.documentBasis}
        onChange={(v) => onChange('documentBasis', v)}
        hint="Свидетельство о рождении, распоряжение органа опеки, договор о приёмной семье, решение суда"
      />
      <div className="field-row">
        <TextField
          label="Полномочия с"
          type="date"
          field={`${field}validFrom`}
          errors={errors}
          value={value.validFrom}
          onChange={(v) => onChange('validFrom', v)}
        />
        <TextField
          label="Полномочия по"
          type="date"
          required={false}
          field={`${field}validTo`}
          errors={errors}
          value={value.validTo}
          onChange={(v) => onChange('validTo', v)}
          hint="Пусто — без срока"
        />
      </div>
    </>
  )
}

/** One new member of a family (`NewFamilyMemberInput` at `field`): name, kinship, representation, phone, e-mail. */
function MemberFields({
  field,
  draft,
  onChange,
  errors,
}: {
  field: string
  draft: MemberDraft
  onChange: (draft: MemberDraft) => void
  errors: readonly HubError[]
}) {
  const set = (key: keyof MemberDraft) => (value: string) => onChange({ ...draft, [key]: value })
  return (
    <>
      <NameFields field={field} errors={errors} value={draft} onChange={(key, value) => set(key)(value)} />
      <div className="field-row">
        <SelectField
          label="Кем приходится детям"
          field={`${field}.kinship`}
          errors={errors}
          value={draft.kinship}
          onChange={set('kinship')}
          none="— выберите —"
          options={optionsOf(KINSHIP)}
        />
        <TextField
          label="Дата рождения"
          type="date"
          required={false}
          field={`${field}.birthDate`}
          errors={errors}
          value={draft.birthDate}
          onChange={set('birthDate')}
        />
      </div>
      <div className="field-row">
        <TextField
          label="Телефон"
          type="tel"
          required={false}
          field={`${field}.contacts[0]`}
          errors={errors}
          value={draft.phone}
          onChange={set('phone')}
          hint="+7 XXX XXX-XX-XX или 8 XXX XXX-XX-XX"
        />
        <TextField
          label="Электронная почта"
          type="email"
          required={false}
          field={`${field}.contacts[${draft.phone.trim() ? 1 : 0}]`}
          errors={draft.email.trim() ? errors : []}
          value={draft.email}
          onChange={set('email')}
        />
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.representative}
          onChange={(event) => onChange({ ...draft, representative: event.target.checked })}
        />
        Законный представитель детей семьи
      </label>
      {draft.representative && (
        <RepresentationFields
          field={`${field}.representation.`}
          errors={errors}
          value={draft}
          onChange={(key, value) => onChange({ ...draft, [key]: value })}
        />
      )}
    </>
  )
}

/** Members of the family who live with it, as choices by name. */
function memberOptions(child: ChildRecord) {
  return (child.family?.members ?? [])
    .filter((member) => member.leftOn === null)
    .map((member) => ({ value: member.id, label: `${member.fullName} (${KINSHIP[member.kinship].toLowerCase()})` }))
}

/** The member a representation or a contact is about (`input.memberId`). */
function MemberChoice({
  child,
  errors,
  value,
  onChange,
}: {
  child: ChildRecord
  errors: readonly HubError[]
  value: string
  onChange: (memberId: string) => void
}) {
  return (
    <SelectField
      label="Член семьи"
      field="input.memberId"
      errors={errors}
      value={value}
      onChange={onChange}
      none="— выберите —"
      options={memberOptions(child)}
    />
  )
}

function Registered({ family }: { family: RegisterFamilyMutation['registerFamily'] }) {
  return (
    <section className="form-page">
      <h1>Семья внесена в реестр</h1>
      <div role="status" className="notice">
        <p>
          {family.municipality.name}
          {family.address ? `, ${family.address}` : ''}
        </p>
        <ul>
          {family.members.map((member) => (
            <li key={member.id}>
              {member.fullName} — {KINSHIP[member.kinship].toLowerCase()}
              {member.representations.length > 0 ? ', законный представитель' : ''}
              {member.contacts.map((contact) => `, ${contact.value}`).join('')}
            </li>
          ))}
        </ul>
      </div>
      <p>
        <Link to="/dashboard/children/new">Зарегистрировать ребёнка в эту семью</Link> (найдите её по фамилии)
      </p>
    </section>
  )
}

/**
 * «Зарегистрировать семью»: a family with its members, representatives and contacts. From a child's card the child
 * is put into the new family from today.
 */
export function RegisterFamilyForm({ token, child }: { token: string; child: ChildRecord | null }) {
  const municipalities = useMunicipalityOptions(token)
  const register = useMutation(RegisterFamilyDocument, token)
  const attach = useMutation(AttachChildToFamilyDocument, token)
  const [municipality, setMunicipality] = useState(child?.municipality.oktmo ?? '')
  const [address, setAddress] = useState('')
  const [members, setMembers] = useState<MemberDraft[]>([emptyMember()])
  const [registered, setRegistered] = useState<RegisterFamilyMutation['registerFamily'] | null>(null)
  const errors = [...register.errors, ...attach.errors]
  const back = child ? { to: cardPath(child.id), label: `к карточке: ${child.fullName}` } : null

  const attachChild = async (familyId: string) => {
    if (!child) return
    if (await attach.submit({ input: { childId: child.id, familyId, on: today() } })) navigate(cardPath(child.id))
  }
  const send = async () => {
    if (registered) return attachChild(registered.id)
    const data = await register.submit({
      input: {
        municipality,
        address: optional(address),
        members: members.map(memberInput),
        idempotencyKey: idempotencyKey(),
      },
    })
    if (!data) return
    setRegistered(data.registerFamily)
    await attachChild(data.registerFamily.id)
  }

  if (registered && !child) return <Registered family={registered} />
  return (
    <FormPage
      title={child ? `Зарегистрировать семью ребёнка: ${child.fullName}` : 'Зарегистрировать семью'}
      back={back ?? { to: '/dashboard/registry', label: 'к реестру' }}
      onSubmit={() => void send()}
      pending={register.pending || attach.pending}
      submitLabel={registered ? 'Отнести ребёнка к семье' : 'Зарегистрировать семью'}
    >
      <SelectField
        label="Муниципальное образование проживания"
        field="input.municipality"
        errors={errors}
        value={municipality}
        onChange={setMunicipality}
        none="— выберите —"
        options={municipalities}
      />
      <TextField
        label="Адрес проживания"
        required={false}
        field="input.address"
        errors={errors}
        value={address}
        onChange={setAddress}
      />
      {members.map((draft, index) => (
        <fieldset key={index}>
          <legend>Член семьи {index + 1}</legend>
          <MemberFields
            field={`input.members[${index}]`}
            draft={draft}
            errors={errors}
            onChange={(changed) => setMembers(members.map((item, i) => (i === index ? changed : item)))}
          />
          {members.length > 1 && (
            <button type="button" onClick={() => setMembers(members.filter((_item, i) => i !== index))}>
              Убрать члена семьи
            </button>
          )}
        </fieldset>
      ))}
      <p>
        <button type="button" onClick={() => setMembers([...members, emptyMember()])}>
          Добавить члена семьи
        </button>
      </p>
      <ErrorSummary errors={errors} fields={['input.municipality', 'input.address', 'input.members']} />
    </FormPage>
  )
}

/** A form about a child's family that has none yet: say so and lead to registering one. */
function NoFamily({ child }: { child: ChildRecord }) {
  return (
    <section className="form-page">
      <p>
        <Link to={cardPath(child.id)}>← к карточке: {child.fullName}</Link>
      </p>
      <p role="alert">
        Ребёнок ещё не отнесён к семье. <Link to={`${cardPath(child.id)}/family/new`}>Зарегистрировать семью</Link> или{' '}
        <Link to={`${cardPath(child.id)}/family/attach`}>отнести к семье из реестра</Link>.
      </p>
    </section>
  )
}

/** «Семья: добавить члена семьи». */
function AddMember({ token, child }: { token: string; child: ChildRecord }) {
  const { submit, errors, pending } = useMutation(AddFamilyMemberDocument, token)
  const [draft, setDraft] = useState(emptyMember)
  if (!child.family) return <NoFamily child={child} />
  const familyId = child.family.id
  const send = async () => {
    const input = { familyId, member: memberInput(draft), idempotencyKey: idempotencyKey() }
    if (await submit({ input })) navigate(cardPath(child.id))
  }
  return (
    <FormPage
      title="Добавить члена семьи"
      back={backTo(child)}
      onSubmit={() => void send()}
      pending={pending}
      submitLabel="Добавить"
    >
      <MemberFields field="input.member" draft={draft} onChange={setDraft} errors={errors} />
      <ErrorSummary errors={errors} fields={['input.member']} />
    </FormPage>
  )
}

/** «Семья: законный представитель»: a member's term of representation on a document. */
function AddRepresentative({ token, child }: { token: string; child: ChildRecord }) {
  const { submit, errors, pending } = useMutation(AddLegalRepresentativeDocument, token)
  const [memberId, setMemberId] = useState('')
  const [term, setTerm] = useState({ relation: '', documentBasis: '', validFrom: today(), validTo: '' })
  if (!child.family) return <NoFamily child={child} />
  const send = async () => {
    const input = {
      memberId,
      relation: term.relation as RepresentativeRelation,
      documentBasis: term.documentBasis,
      validFrom: term.validFrom,
      validTo: optional(term.validTo),
      idempotencyKey: idempotencyKey(),
    }
    if (await submit({ input })) navigate(cardPath(child.id))
  }
  const fields = ['input.memberId', 'input.relation', 'input.documentBasis', 'input.validFrom', 'input.validTo']
  return (
    <FormPage
      title="Законный представитель"
      back={backTo(child)}
      onSubmit={() => void send()}
      pending={pending}
      submitLabel="Внести полномочия"
    >
      <MemberChoice child={child} errors={errors} value={memberId} onChange={setMemberId} />
      <RepresentationFields
        field="input."
        errors={errors}
        value={term}
        onChange={(key, value) => setTerm({ ...term, [key]: value })}
      />
      <ErrorSummary errors={errors} fields={fields} />
    </FormPage>
  )
}

/** «Семья: добавить телефон или почту». */
function AddContact({ token, child }: { token: string; child: ChildRecord }) {
  const { submit, errors, pending } = useMutation(AddFamilyContactDocument, token)
  const [memberId, setMemberId] = useState('')
  const [kind, setKind] = useState('PHONE')
  const [value, setValue] = useState('')
  if (!child.family) return <NoFamily child={child} />
  const send = async () => {
    if (await submit({ input: { memberId, kind: kind as ContactKind, value } })) navigate(cardPath(child.id))
  }
  return (
    <FormPage
      title="Контакт члена семьи"
      back={backTo(child)}
      onSubmit={() => void send()}
      pending={pending}
      submitLabel="Добавить контакт"
    >
      <MemberChoice child={child} errors={errors} value={memberId} onChange={setMemberId} />
      <SelectField
        label="Вид контакта"
        field="input.kind"
        errors={errors}
        value={kind}
        onChange={setKind}
        options={optionsOf(CONTACT)}
      />
      <TextField
        label={kind === 'PHONE' ? 'Номер телефона' : 'Адрес электронной почты'}
        type={kind === 'PHONE' ? 'tel' : 'email'}
        field="input.value"
        errors={errors}
        value={value}
        onChange={setValue}
        hint={kind === 'PHONE' ? '+7 XXX XXX-XX-XX или 8 XXX XXX-XX-XX' : undefined}
      />
      <ErrorSummary errors={errors} fields={['input.memberId', 'input.kind', 'input.value']} />
    </FormPage>
  )
}

/** «Семья: отнести к семье»: the child into a family of the registry from a day. */
function AttachToFamily({ token, child }: { token: string; child: ChildRecord }) {
  const { submit, errors, pending } = useMutation(AttachChildToFamilyDocument, token)
  const [familyId, setFamilyId] = useState('')
  const [on, setOn] = useState(today())
  const send = async () => {
    if (await submit({ input: { childId: child.id, familyId, on } })) navigate(cardPath(child.id))
  }
  return (
    <FormPage
      title="Отнести ребёнка к семье"
      back={backTo(child)}
      onSubmit={() => void send()}
      pending={pending}
      submitLabel="Отнести к семье"
    >
      <FamilyPicker token={token} value={familyId} onChange={setFamilyId} field="input.familyId" errors={errors} />
      <TextField
        label="С какой даты в семье"
        type="date"
        field="input.on"
        errors={errors}
        value={on}
        onChange={setOn}
      />
      <ErrorSummary errors={errors} fields={['input.familyId', 'input.on']} />
    </FormPage>
  )
}

type Ending = 'membership' | 'representation' | 'contact'

const ENDINGS: Record<Ending, string> = {
  membership: 'Член семьи больше не проживает с семьёй',
  representation: 'Прекратить полномочия законного представителя',
  contact: 'Удалить телефон или почту, которые больше не действуют',
}

/** «Семья: прекратить»: a member who left, a representation that ended, a contact that no longer works. */
function EndFamilyFacts({ token, child }: { token: string; child: ChildRecord }) {
  const membership = useMutation(EndFamilyMembershipDocument, token)
  const representation = useMutation(EndRepresentationDocument, token)
  const contact = useMutation(RemoveFamilyContactDocument, token)
  const [ending, setEnding] = useState<Ending>('membership')
  const [chosen, setChosen] = useState('')
  const [on, setOn] = useState(today())
  if (!child.family) return <NoFamily child={child} />
  const members = child.family.members
  const choices: Record<Ending, { value: string; label: string }[]> = {
    membership: memberOptions(child),
    representation: members.flatMap((member) =>
      member.representations
        .filter((term) => term.validTo === null || term.validTo >= today())
        .map((term) => ({
          value: term.id,
          label: `${member.fullName}: ${RELATION[term.relation].toLowerCase()}, ${termText(term.validFrom, term.validTo)}`,
        })),
    ),
    contact: members.flatMap((member) =>
      member.contacts.map((item) => ({ value: item.id, label: `${member.fullName}: ${item.value}` })),
    ),
  }
  const field = { membership: 'input.memberId', representation: 'input.representativeId', contact: 'input.contactId' }[
    ending
  ]
  const dateField = ending === 'membership' ? 'input.leftOn' : 'input.endedOn'
  const used = { membership, representation, contact }[ending]
  const send = async () => {
    const done =
      ending === 'membership'
        ? await membership.submit({ input: { memberId: chosen, leftOn: on } })
        : ending === 'representation'
          ? await representation.submit({ input: { representativeId: chosen, endedOn: on } })
          : await contact.submit({ input: { contactId: chosen } })
    if (done) navigate(cardPath(child.id))
  }
  return (
    <FormPage
      title="Семья: прекратить"
      back={backTo(child)}
      onSubmit={() => void send()}
      pending={used.pending}
      submitLabel="Сохранить"
    >
      <SelectField
        label="Что изменилось"
        field="ending"
        errors={[]}
        value={ending}
        onChange={(value) => {
          setEnding(value as Ending)
          setChosen('')
        }}
        options={optionsOf(ENDINGS)}
      />
      <SelectField
        label={ending === 'membership' ? 'Член семьи' : ending === 'representation' ? 'Полномочия' : 'Контакт'}
        field={field}
        errors={used.errors}
        value={chosen}
        onChange={setChosen}
        none="— выберите —"
        options={choices[ending]}
      />
      {ending !== 'contact' && (
        <TextField
          label={ending === 'membership' ? 'С какой даты не проживает с семьёй' : 'Последний день полномочий'}
          type="date"
          field={dateField}
          errors={used.errors}
          value={on}
          onChange={setOn}
        />
      )}
      <ErrorSummary errors={used.errors} fields={[field, dateField]} />
    </FormPage>
  )
}

/** The family forms reached from a child's card, by the last part of their path. */
export function ChildFamilyForm({ token, childId, form }: { token: string; childId: string; form: string }) {
  return (
    <WithChild id={childId} token={token}>
      {(child) => {
        switch (form) {
          case 'new':
            return <RegisterFamilyForm token={token} child={child} />
          case 'attach':
            return <AttachToFamily token={token} child={child} />
          case 'members/new':
            return <AddMember token={token} child={child} />
          case 'representatives/new':
            return <AddRepresentative token={token} child={child} />
          case 'contacts/new':
            return <AddContact token={token} child={child} />
          default:
            return <EndFamilyFacts token={token} child={child} />
        }
      }}
    </WithChild>
  )
}
