import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { useState, type ReactNode } from 'react'
import { ChildCardDocument, type ChildCardQuery } from '../../../../schema/__generated__/operations'
import type { HubError } from '../../shared/graphql'
import { formatDate } from '../labels'
import { navigate } from '../navigation'
import type { Claims } from '../roles'
import { Pending } from '../Status'
import { useOperation } from '../useOperation'
import { cardPath, ErrorSummary, Field, FormPage, idempotencyKey, today, useFieldNotes, useMutation } from './kit'
import type { ChildAction, FormRoute } from './routes'

/**
 * The sides' forms are lists of fields, each drawn on the kit's `Field` (labelled, the refusals of its field under
 * it). A form's values are strings as the inputs hold them, keyed by the input's field name; the form converts them
 * once, when it submits.
 */

export { cardPath, today }

export interface Option {
  value: string
  label: string
}

export type Values = Record<string, string>

interface Common {
  /** The input's field (`input.<name>`), which is also the key of its value. */
  name: string
  label: string
  hint?: string
}

export type Spec =
  | (Common & { kind: 'date' })
  | (Common & { kind: 'text' | 'multiline'; maxLength?: number })
  | (Common & { kind: 'number'; min: number; max: number; step?: number })
  | (Common & { kind: 'select'; options: readonly Option[]; placeholder?: string })
  | {
      kind: 'custom'
      name: string
      render: (value: string, onChange: (value: string) => void, errors: readonly HubError[]) => ReactNode
    }

/** Options of a label table (value → Russian label), in the table's order. */
export function labelled(labels: Record<string, string>): Option[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }))
}

export const date = (name: string, label: string, hint?: string): Spec => ({ kind: 'date', name, label, hint })
export const text = (name: string, label: string, more: { hint?: string; maxLength?: number } = {}): Spec => ({
  kind: 'text',
  name,
  label,
  ...more,
})
export const multiline = (name: string, label: string, more: { hint?: string; maxLength?: number } = {}): Spec => ({
  kind: 'multiline',
  name,
  label,
  ...more,
})
export const number = (
  name: string,
  label: string,
  range: { min: number; max: number; step?: number; hint?: string },
): Spec => ({ kind: 'number', name, label, ...range })
/** A choice among options, or among a label table's values; with `placeholder`, nothing is chosen at first. */
export const select = (
  name: string,
  label: string,
  options: readonly Option[] | Record<string, string>,
  more: { hint?: string; placeholder?: string } = {},
): Spec => ({
  kind: 'select',
  name,
  label,
  options: isOptions(options) ? options : labelled(options),
  ...more,
})

function isOptions(options: readonly Option[] | Record<string, string>): options is readonly Option[] {
  return Array.isArray(options)
}

/**
 * Several of a list as check boxes under one legend, with a hint and the refusals of the field (or of one of its
 * values, `input.eventTypes[2]`) under them; the value is the chosen options' values joined by commas.
 */
export function CheckboxesField({
  legend,
  field,
  options,
  hint,
  errors,
  value,
  onChange,
}: {
  legend: string
  field: string
  options: readonly Option[]
  hint?: string
  errors: readonly HubError[]
  value: string
  onChange: (value: string) => void
}) {
  const { own, described, notes } = useFieldNotes(field, errors, hint)
  const chosen = value.split(',').filter(Boolean)
  return (
    <fieldset className={own.length ? 'field invalid' : 'field'} aria-describedby={described}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="check">
          <input
            type="checkbox"
            checked={chosen.includes(option.value)}
            onChange={(event) =>
              onChange(
                (event.target.checked ? [...chosen, option.value] : chosen.filter((one) => one !== option.value)).join(
                  ',',
                ),
              )
            }
          />
          {option.label}
        </label>
      ))}
      {notes}
    </fieldset>
  )
}

/** A choice of several options (`CheckboxesField`) as a form's field; its value lists them, joined by commas. */
export const checkboxes = (name: string, legend: string, options: readonly Option[], hint?: string): Spec => ({
  kind: 'custom',
  name,
  render: (value, onChange, errors) => (
    <CheckboxesField
      legend={legend}
      field={`input.${name}`}
      options={options}
      hint={hint}
      errors={errors}
      value={value}
      onChange={onChange}
    />
  ),
})

/** The values a `checkboxes` field holds. */
export const chosenOf = (value: string | undefined) => (value ?? '').split(',').filter(Boolean)

/** A yes/no question as a choice of two Russian answers; its value is `yes` or `no`. */
export const yesNo = (name: string, label: string): Spec =>
  select(name, label, [
    { value: 'yes', label: 'Да' },
    { value: 'no', label: 'Нет' },
  ])

function Control({
  spec,
  value,
  onChange,
  errors,
}: {
  spec: Spec
  value: string
  onChange: (value: string) => void
  errors: readonly HubError[]
}) {
  if (spec.kind === 'custom') return <>{spec.render(value, onChange, errors)}</>
  const change = (event: { target: { value: string } }) => onChange(event.target.value)
  return (
    <Field label={spec.label} field={`input.${spec.name}`} errors={errors} hint={spec.hint}>
      {(control) => {
        switch (spec.kind) {
          case 'date':
            return <input {...control} type="date" required value={value} onChange={change} />
          case 'text':
            return <input {...control} type="text" maxLength={spec.maxLength} value={value} onChange={change} />
          case 'multiline':
            return <textarea {...control} rows={3} maxLength={spec.maxLength} value={value} onChange={change} />
          case 'number':
            return (
              <input
                {...control}
                type="number"
                inputMode="decimal"
                min={spec.min}
                max={spec.max}
                step={spec.step ?? 1}
                value={value}
                onChange={change}
              />
            )
          case 'select':
            return (
              <select {...control} value={value} onChange={change}>
                {spec.placeholder !== undefined && <option value="">{spec.placeholder}</option>}
                {spec.options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            )
        }
      }}
    </Field>
  )
}

/** A form's values and the way to change one of them. */
export function useDraft(initial: Values) {
  const [values, setValues] = useState(initial)
  return { values, set: (name: string) => (value: string) => setValues((old) => ({ ...old, [name]: value })) }
}

export type Draft = ReturnType<typeof useDraft>

/** A number the user typed, or NaN when the field is empty, so that the server names the field it refuses. */
export function numberOf(value: string | undefined) {
  return !value || value.trim() === '' ? Number.NaN : Number(value.replace(',', '.'))
}

/** The value of an optional field: null when left empty. */
export function optional(value: string | undefined) {
  return value && value.trim() !== '' ? value : null
}

/**
 * A form's page from its fields: the kit's page, the fields (or, when the form has nothing to act on, why), and the
 * refusals no field names above the buttons.
 */
export function SpecForm({
  title,
  subtitle,
  back,
  submitLabel,
  mutation,
  draft,
  specs,
  unavailable,
  onSubmit,
}: {
  title: string
  subtitle?: string
  back: { to: string; label: string }
  submitLabel: string
  mutation: { errors: readonly HubError[]; pending: boolean }
  draft: Draft
  specs: readonly Spec[]
  /** Why the form cannot be filled in (nothing to act on); its fields are not shown. */
  unavailable?: string | null
  onSubmit: () => void
}) {
  const { errors, pending } = mutation
  return (
    <FormPage title={title} back={back} onSubmit={onSubmit} pending={pending} submitLabel={submitLabel}>
      {subtitle && <p className="form-subject">{subtitle}</p>}
      {unavailable ? (
        <p className="notice">{unavailable}</p>
      ) : (
        specs.map((spec) => (
          <Control
            key={spec.name}
            spec={spec}
            value={draft.values[spec.name] ?? ''}
            onChange={draft.set(spec.name)}
            errors={errors}
          />
        ))
      )}
      <ErrorSummary errors={errors} fields={specs.map((spec) => `input.${spec.name}`)} />
    </FormPage>
  )
}

export type CardChild = NonNullable<ChildCardQuery['child']>

/**
 * The child a form acts for, read with the card's own operation: its name heads the form, and its planned services,
 * episodes, applications and participations are what the form offers to choose from.
 */
export function ForChild({
  id,
  token,
  children,
}: {
  id: string
  token: string
  children: (child: CardChild) => ReactNode
}) {
  const state = useOperation(ChildCardDocument, { id }, token)
  if (state.status !== 'done') return <Pending state={state} />
  const child = state.result.data?.child
  if (!child) return <p className="notice notice-error">Ребёнок не найден в реестре или недоступен.</p>
  return <>{children(child)}</>
}

/** Where a form returns to and leads after success: the child's card, whose sections show the new fact. */

/** What a form built on one mutation is given: its page, its fields, and how its values make the input. */
export interface MutationFormProps<R, I> {
  document: TypedDocumentNode<R, { input: I }>
  token: string
  title: string
  submitLabel: string
  /** The values the fields start at, by field name. */
  initial: Values
  /** The mutation's input from the values; `key` is the submission's idempotency key, for those that take one. */
  input: (values: Values, key: string) => I
  /** The fields, which may follow the values (a reason asked only when a session did not take place). */
  specs: (values: Values) => readonly Spec[]
  /** Why the form cannot be filled in (nothing to act on); its fields are not shown. */
  unavailable?: string | null
}

/** A form that runs one mutation with the values of its fields, and leads on with `after` when it succeeded. */
export function MutationForm<R, I>({
  document,
  token,
  initial,
  input,
  specs,
  after,
  ...page
}: MutationFormProps<R, I> & {
  subtitle?: string
  back: { to: string; label: string }
  after: (result: R | null) => void
}) {
  const mutation = useMutation(document, token)
  const [key] = useState(idempotencyKey)
  const draft = useDraft(initial)
  return (
    <SpecForm
      {...page}
      mutation={mutation}
      draft={draft}
      specs={specs(draft.values)}
      onSubmit={() => void mutation.submit({ input: input(draft.values, key) }).then(after)}
    />
  )
}

/** A form about one child: named under the title, back to the card, and there after success to show the new fact. */
export function ChildForm<R, I>({ child, ...form }: MutationFormProps<R, I> & { child: CardChild }) {
  return (
    <MutationForm
      {...form}
      subtitle={`${child.fullName ?? 'Ребёнок'}, ${formatDate(child.birthDate)}`}
      back={{ to: cardPath(child.id), label: 'Карточка ребёнка' }}
      after={(result) => {
        if (result) navigate(cardPath(child.id))
      }}
    />
  )
}

/**
 * The items of the child's signed programmes that a side delivers, by the catalogue's Russian name and provider:
 * a session is recorded against one of them.
 */
export function plannedServices(child: CardChild, side: 'HEALTH' | 'EDUCATION' | 'NGO', provider?: string | null) {
  return (child.programmes ?? [])
    .filter((programme) => programme.status === 'SIGNED')
    .flatMap((programme) =>
      programme.services
        .filter((service) => service.responsibleSide === side && (!provider || service.provider?.id === provider))
        .map((service) => ({
          value: service.id,
          code: service.serviceType.code,
          provider: service.provider?.id ?? null,
          label: `${service.serviceType.name} (ИПРП, версия ${programme.version}${
            service.provider ? `, ${service.provider.name}` : ''
          })`,
        })),
    )
}

export type Planned = ReturnType<typeof plannedServices>

/** The first value of a list of options, or nothing: what a choice starts at. */
export const first = (options: readonly Option[]) => options[0]?.value ?? ''

/** What an early-help session of education or ngo starts at. */
export function sessionStart(planned: Planned): Values {
  return {
    programmeServiceId: first(planned),
    deliveredOn: today(),
    durationMinutes: '45',
    mode: 'IN_CENTRE',
    specialistRole: '',
    attended: 'yes',
    cancellationReason: 'CHILD_ILL',
  }
}

/**
 * The fields of a session delivered against an item of the child's ИПРП: the item by its service's Russian name, the
 * day, duration, form, the specialist's role, and whether it took place or why not.
 */
export function sessionSpecs(
  values: Values,
  planned: Planned,
  labels: { modes: Record<string, string>; roles: Record<string, string>; reasons: Record<string, string> },
): Spec[] {
  return [
    select('programmeServiceId', 'Услуга ИПРП', planned, {
      hint: 'Услуги подписанной ИПРП ребёнка, которые оказываете вы',
    }),
    date('deliveredOn', 'Дата проведения'),
    number('durationMinutes', 'Продолжительность, минут', { min: 1, max: 480 }),
    select('mode', 'Форма проведения', labels.modes),
    select('specialistRole', 'Должность специалиста', labels.roles, { placeholder: '— не указана —' }),
    yesNo('attended', 'Занятие состоялось'),
    ...(values.attended === 'no' ? [select('cancellationReason', 'Причина отмены', labels.reasons)] : []),
  ]
}

/** The session's input as both sides' mutations take it, typed by the caller's enums. */
export function sessionInput<Mode, Role, Reason>(values: Values, planned: Planned) {
  const attended = values.attended === 'yes'
  return {
    programmeServiceId: values.programmeServiceId ?? '',
    serviceCode: planned.find((item) => item.value === values.programmeServiceId)?.code ?? '',
    deliveredOn: values.deliveredOn ?? '',
    durationMinutes: numberOf(values.durationMinutes),
    mode: values.mode as Mode,
    specialistRole: optional(values.specialistRole) as Role | null,
    attended,
    cancellationReason: attended ? null : (values.cancellationReason as Reason),
  }
}

/** The gate of health's and education's mutations (`Mutation: { only: ['owner'] }`): that side's own staff. */
export function sideStaff(side: 'health' | 'education') {
  return (claims: Claims | null) =>
    claims?.side === side && (claims.role === 'specialist' || claims.role === 'coordinator')
}

/**
 * The ngo gate of its mutations: a provider's staff (NGO staff with an organisation) for their own organisation, and
 * ngo's own staff for any provider.
 */
export function ngoProviderStaff(claims: Claims | null) {
  return claims?.side === 'ngo' && (claims.role === 'specialist' || claims.role === 'coordinator')
}

/** A side's forms about one child: each at `/dashboard/children/<id>/<side>/<slug>`, and a link to it on the card. */
export function childForms(
  side: string,
  allowed: (claims: Claims | null) => boolean,
  forms: readonly {
    slug: string
    label: string
    Form: (props: { child: CardChild; token: string; claims: Claims | null }) => ReactNode
  }[],
): { routes: FormRoute[]; actions: ChildAction[] } {
  return {
    routes: forms.map(({ slug, Form }) => ({
      pattern: new RegExp(`^/dashboard/children/([^/]+)/${side}/${slug}$`),
      allowed,
      render: (match, { token, claims }) => {
        const id = decodeURIComponent(match[1]!)
        return (
          <ForChild key={id} id={id} token={token}>
            {(child) => <Form child={child} token={token} claims={claims} />}
          </ForChild>
        )
      },
    })),
    actions: forms.map(({ slug, label }) => ({
      label,
      path: (childId) => `${cardPath(childId)}/${side}/${slug}`,
      allowed,
    })),
  }
}
