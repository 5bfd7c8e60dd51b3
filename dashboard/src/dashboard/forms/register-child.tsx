import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { useEffect, useState } from 'react'
import {
  ChildLookupDocument,
  FamilySearchDocument,
  RegisterChildDocument,
  type ChildFilter,
  type CriterionCode,
  type CriterionInput,
  type RegisterChildMutation,
  type Sex,
  type Side,
} from '../../../../schema/__generated__/operations'
import { runOperation } from '../../shared/graphql'
import { optionsOf, useMunicipalityOptions } from '../Choice'
import { enumLabels } from '../../shared/__generated__/enum-labels'
import { CRITERION, formatDate, SEX, SIDE } from '../labels'
import { Link, navigate } from '../navigation'
import { audienceOf, type Claims } from '../roles'
import { ErrorSummary, FormPage, idempotencyKey, useMutation } from './kit'
import { cardPath, NameFields, optional, SelectField, TextField, today } from './registry-parts'

/**
 * Runs a look-up while the user types, a moment after the last key, and keeps the answer of the last one; `null`
 * variables look nothing up.
 */
function useLookup<R, V>(document: TypedDocumentNode<R, V>, variables: V | null, token: string) {
  const [data, setData] = useState<R | null>(null)
  const key = variables ? JSON.stringify(variables) : ''
  useEffect(() => {
    if (!key) {
      setData(null)
      return
    }
    let current = true
    const timer = setTimeout(() => {
      void runOperation(document, JSON.parse(key) as V, token).then(
        (result) => current && setData(result.data ?? null),
        () => current && setData(null),
      )
    }, 400)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [document, key, token])
  return data
}

/** Registry records like the one being registered: by words of the name and birth date, or by СНИЛС. */
function useChildLookup(filter: ChildFilter | null, token: string) {
  const data = useLookup(ChildLookupDocument, filter && { filter }, token)
  return data?.children.edges.map((edge) => edge.node) ?? []
}

/** The family a child is registered into, found by the name of a member or a child of it, a phone or an e-mail. */
export function FamilyPicker({
  token,
  value,
  onChange,
  field,
  errors,
}: {
  token: string
  value: string
  onChange: (familyId: string) => void
  field: string
  errors: Parameters<typeof SelectField>[0]['errors']
}) {
  const [search, setSearch] = useState('')
  const found = useLookup(
    FamilySearchDocument,
    search.trim().length >= 2 ? { filter: { search: search.trim() } } : null,
    token,
  )
  const options = (found?.families.edges ?? []).map(({ node: family }) => {
    const members = family.members.map((m) => `${m.fullName} (${enumLabels.Kinship[m.kinship].toLowerCase()})`)
    const children = family.children.map((child) => child.fullName)
    const people = [...members, ...children].join(', ') || 'члены не указаны'
    return { value: family.id, label: `Семья: ${people}${family.address ? `; ${family.address}` : ''}` }
  })
  return (
    <fieldset>
      <legend>Семья</legend>
      <TextField
        label="Поиск семьи"
        field={`${field}.search`}
        errors={[]}
        required={false}
        value={search}
        onChange={setSearch}
        hint="Фамилия, имя или отчество члена семьи или ребёнка, телефон или адрес электронной почты"
      />
      <SelectField
        label="Семья из реестра"
        field={field}
        errors={errors}
        value={value}
        onChange={onChange}
        none="Без семьи (семья не внесена в реестр)"
        options={options}
      />
    </fieldset>
  )
}

export interface CriterionDraft {
  code: string
  evidenceDocument: string
  evidenceDate: string
  validFrom: string
  validTo: string
}

export const emptyCriterion = (code = ''): CriterionDraft => ({
  code,
  evidenceDocument: '',
  evidenceDate: '',
  validFrom: today(),
  validTo: '',
})

export const criterionInput = (draft: CriterionDraft): CriterionInput => ({
  code: draft.code as CriterionCode,
  evidenceDocument: draft.evidenceDocument,
  evidenceDate: draft.evidenceDate,
  validFrom: draft.validFrom,
  validTo: optional(draft.validTo),
})

/** One target-group criterion with its evidence: the fields of `CriterionInput` at `field`. */
export function CriterionFields({
  field,
  draft,
  onChange,
  errors,
}: {
  field: string
  draft: CriterionDraft
  onChange: (draft: CriterionDraft) => void
  errors: Parameters<typeof SelectField>[0]['errors']
}) {
  const set = (key: keyof CriterionDraft) => (value: string) => onChange({ ...draft, [key]: value })
  return (
    <>
      <SelectField
        label="Критерий"
        field={`${field}.code`}
        errors={errors}
        value={draft.code}
        onChange={set('code')}
        none="— выберите критерий —"
        options={optionsOf(CRITERION)}
      />
      <TextField
        label="Подтверждающий документ"
        field={`${field}.evidenceDocument`}
        errors={errors}
        value={draft.evidenceDocument}
        onChange={set('evidenceDocument')}
        hint="Вид, номер и кем выдан, например «Справка МСЭ № 123»"
      />
      <div className="field-row">
        <TextField
          label="Дата документа"
          type="date"
          field={`${field}.evidenceDate`}
          errors={errors}
          value={draft.evidenceDate}
          onChange={set('evidenceDate')}
        />
        <TextField
          label="Действует с"
          type="date"
          field={`${field}.validFrom`}
          errors={errors}
          value={draft.validFrom}
          onChange={set('validFrom')}
        />
        <TextField
          label="Действует по"
          type="date"
          required={false}
          field={`${field}.validTo`}
          errors={errors}
          value={draft.validTo}
          onChange={set('validTo')}
          hint="Пусто — бессрочно"
        />
      </div>
    </>
  )
}

/** The Russian name of a field of the registration, for what the existing record did not take. */
const REGISTRATION_FIELD: Record<string, string> = {
  'input.lastName': 'Фамилия',
  'input.firstName': 'Имя',
  'input.patronymic': 'Отчество',
  'input.birthDate': 'Дата рождения',
  'input.sex': 'Пол',
  'input.municipality': 'Муниципальное образование',
  'input.familyId': 'Семья',
  'input.continuationReason': 'Основание продолжения ранней помощи',
}

/** Why the existing record did not take a field, by the field the server names (never by its English message). */
function whyNotApplied(field: string) {
  if (field.startsWith('input.criteria')) return 'запись объединена с другой: вносите сведения в основную запись'
  if (field === 'input.familyId')
    return 'ребёнок уже в другой семье; переход в семью вносится на карточке («Семья: отнести к семье»)'
  if (field === 'input.municipality') return 'в записи другое; переезд вносится сменой адреса семьи'
  return 'в записи реестра указано другое; регистрация запись не меняет'
}

function fieldName(field: string) {
  const criterion = /^input\.criteria\[(\d+)\]/.exec(field)
  if (criterion) return `Критерий ${Number(criterion[1]) + 1}`
  return REGISTRATION_FIELD[field] ?? field
}

/** What a registration that found the child already in the registry did and did not change, in Russian. */
function ExistingChild({ payload, sent }: { payload: RegisterChildMutation['registerChild']; sent: number }) {
  const { child, notApplied } = payload
  const criteriaRefused = notApplied.filter((item) => item.field.startsWith('input.criteria')).length
  return (
    <div role="status" className="notice registration-result">
      <p>
        <strong>{enumLabels.RegistrationOutcome[payload.outcome]}.</strong> Новая запись не создана:{' '}
        <Link to={cardPath(child.id)}>
          {child.fullName}, {formatDate(child.birthDate)}
        </Link>
        .
      </p>
      {sent > criteriaRefused && (
        <p>Внесено в существующую запись: критерии, которых в ней не было, а также семья и СНИЛС, если их не было.</p>
      )}
      {notApplied.length > 0 ? (
        <>
          <p>Не внесено:</p>
          <ul>
            {notApplied.map((item) => (
              <li key={item.field}>
                {fieldName(item.field)} — {whyNotApplied(item.field)}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>Все сведения совпадают с записью или дополнили её.</p>
      )}
    </div>
  )
}

const FIELDS = [
  'input.lastName',
  'input.firstName',
  'input.patronymic',
  'input.birthDate',
  'input.sex',
  'input.snils',
  'input.municipality',
  'input.source',
  'input.familyId',
  'input.criteria',
]

/** «Зарегистрировать ребёнка»: a child into the registry, warned of look-alikes before it is sent. */
export function RegisterChildForm({ token, claims }: { token: string; claims: Claims | null }) {
  const municipalities = useMunicipalityOptions(token)
  const { submit, errors, pending, state } = useMutation(RegisterChildDocument, token)
  const [person, setPerson] = useState({ lastName: '', firstName: '', patronymic: '', birthDate: '', snils: '' })
  const [sex, setSex] = useState('')
  const [municipality, setMunicipality] = useState('')
  const [source, setSource] = useState('')
  const [familyId, setFamilyId] = useState('')
  const [criteria, setCriteria] = useState<CriterionDraft[]>([emptyCriterion()])
  const regional = audienceOf(claims) === 'coordination' && claims?.side === 'regional'
  const setText = (key: keyof typeof person) => (value: string) => setPerson({ ...person, [key]: value })

  const name = [person.lastName, person.firstName].map((part) => part.trim()).filter(Boolean)
  const lookAlikes = useChildLookup(
    person.lastName.trim().length >= 2 && /^\d{4}-\d{2}-\d{2}$/.test(person.birthDate)
      ? { search: name.join(' '), bornOnOrAfter: person.birthDate, bornOnOrBefore: person.birthDate }
      : null,
    token,
  )
  const sameSnils = useChildLookup(
    person.snils.replace(/\D/g, '').length === 11 ? { search: person.snils } : null,
    token,
  )
  const similar = [...new Map([...lookAlikes, ...sameSnils].map((child) => [child.id, child])).values()]

  const send = async () => {
    const data = await submit({
      input: {
        lastName: person.lastName,
        firstName: person.firstName,
        patronymic: optional(person.patronymic),
        birthDate: person.birthDate,
        sex: sex as Sex,
        snils: optional(person.snils),
        municipality,
        familyId: optional(familyId),
        source: regional ? (optional(source) as Side | null) : null,
        criteria: criteria.filter((draft) => draft.code !== '').map(criterionInput),
        idempotencyKey: idempotencyKey(),
      },
    })
    const outcome = data?.registerChild.outcome
    if (outcome === 'CREATED' || outcome === 'CREATED_WITH_POSSIBLE_DUPLICATE') {
      navigate(cardPath(data!.registerChild.child.id))
    }
  }

  if (state.status === 'done') {
    return (
      <section className="form-page">
        <p>
          <Link to="/dashboard/registry">← к реестру</Link>
        </p>
        <h1>Зарегистрировать ребёнка</h1>
        <ExistingChild payload={state.data.registerChild} sent={criteria.filter((draft) => draft.code !== '').length} />
      </section>
    )
  }

  return (
    <FormPage
      title="Зарегистрировать ребёнка"
      back={{ to: '/dashboard/registry', label: 'к реестру' }}
      onSubmit={() => void send()}
      pending={pending}
      submitLabel="Зарегистрировать"
    >
      <fieldset>
        <legend>Ребёнок</legend>
        <NameFields field="input" errors={errors} value={person} onChange={(key, value) => setText(key)(value)} />
        <div className="field-row">
          <TextField
            label="Дата рождения"
            type="date"
            field="input.birthDate"
            errors={errors}
            value={person.birthDate}
            onChange={setText('birthDate')}
          />
          <SelectField
            label="Пол"
            field="input.sex"
            errors={errors}
            value={sex}
            onChange={setSex}
            none="— выберите —"
            options={optionsOf(SEX)}
          />
          <TextField
            label="СНИЛС"
            field="input.snils"
            errors={errors}
            required={false}
            value={person.snils}
            onChange={setText('snils')}
            hint="XXX-XXX-XXX YY; пусто, пока не оформлен"
          />
        </div>
        {similar.length > 0 && (
          <div role="status" className="notice look-alikes" aria-label="Похожие записи в реестре">
            <p>
              <strong>Похоже, ребёнок уже в реестре.</strong> Проверьте, прежде чем регистрировать:
            </p>
            <ul>
              {similar.map((child) => (
                <li key={child.id}>
                  <Link to={cardPath(child.id)}>{child.fullName}</Link>, {formatDate(child.birthDate)},{' '}
                  {SEX[child.sex].toLowerCase()}, {child.municipality.name}
                  {child.snils ? `, СНИЛС ${child.snils}` : ''}
                </li>
              ))}
            </ul>
          </div>
        )}
        <SelectField
          label="Муниципальное образование проживания"
          field="input.municipality"
          errors={errors}
          value={municipality}
          onChange={setMunicipality}
          none="— выберите —"
          options={municipalities}
        />
        {regional && (
          <SelectField
            label="От имени ведомства"
            field="input.source"
            errors={errors}
            value={source}
            onChange={setSource}
            none="— выберите ведомство —"
            options={optionsOf(SIDE)}
            hint="Ведомство, чьи сведения вы вносите"
          />
        )}
      </fieldset>
      <FamilyPicker token={token} value={familyId} onChange={setFamilyId} field="input.familyId" errors={errors} />
      {criteria.map((draft, index) => (
        <fieldset key={index}>
          <legend>Критерий целевой группы {criteria.length > 1 ? index + 1 : ''}</legend>
          <CriterionFields
            field={`input.criteria[${index}]`}
            draft={draft}
            errors={errors}
            onChange={(changed) => setCriteria(criteria.map((item, i) => (i === index ? changed : item)))}
          />
          {criteria.length > 1 && (
            <button type="button" onClick={() => setCriteria(criteria.filter((_item, i) => i !== index))}>
              Убрать критерий
            </button>
          )}
        </fieldset>
      ))}
      <p>
        <button type="button" onClick={() => setCriteria([...criteria, emptyCriterion()])}>
          Добавить ещё критерий
        </button>
      </p>
      <ErrorSummary errors={errors} fields={FIELDS} />
    </FormPage>
  )
}
