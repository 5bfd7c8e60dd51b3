import { useState, type ReactNode } from 'react'
import { ChildCardDocument, type ChildCardQuery } from '../../../../schema/__generated__/operations'
import type { HubError } from '../../shared/graphql'
import { formatDate } from '../labels'
import { navigate } from '../navigation'
import type { Claims } from '../roles'
import { Pending } from '../Status'
import { useOperation } from '../useOperation'
import { ErrorSummary, Field, FormPage } from './kit'
import type { ChildAction, FormRoute } from './routes'

/**
 * The controls the sides' forms are made of, on the kit's `Field`: each one labelled, with the refusals of its field
 * under it. Values are strings as the inputs hold them; a form converts them once, when it submits.
 */

/** Today in the user's calendar, as a date input and the API write it (YYYY-MM-DD). */
export function today() {
  const now = new Date()
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000)
  return local.toISOString().slice(0, 10)
}

interface ControlProps {
  label: string
  field: string
  errors: readonly HubError[]
  hint?: string
  value: string
  onChange: (value: string) => void
}

export function DateField(props: ControlProps) {
  const { value, onChange, ...field } = props
  return (
    <Field {...field}>
      {(control) => (
        <input {...control} type="date" required value={value} onChange={(event) => onChange(event.target.value)} />
      )}
    </Field>
  )
}

export function TextField(props: ControlProps & { multiline?: boolean; maxLength?: number }) {
  const { value, onChange, multiline, maxLength, ...field } = props
  return (
    <Field {...field}>
      {(control) =>
        multiline ? (
          <textarea
            {...control}
            rows={3}
            maxLength={maxLength}
            value={value}
            onChange={(event) => onChange(event.target.value)}
          />
        ) : (
          <input
            {...control}
            type="text"
            maxLength={maxLength}
            value={value}
            onChange={(event) => onChange(event.target.value)}
          />
        )
      }
    </Field>
  )
}

export function NumberField(props: ControlProps & { min: number; max: number; step?: number }) {
  const { value, onChange, min, max, step, ...field } = props
  return (
    <Field {...field}>
      {(control) => (
        <input
          {...control}
          type="number"
          inputMode="decimal"
          min={min}
          max={max}
          step={step ?? 1}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  )
}

export interface Option {
  value: string
  label: string
}

/** A choice among named options; with `placeholder`, nothing is chosen until the user chooses. */
export function SelectField(props: ControlProps & { options: readonly Option[]; placeholder?: string }) {
  const { value, onChange, options, placeholder, ...field } = props
  return (
    <Field {...field}>
      {(control) => (
        <select {...control} value={value} onChange={(event) => onChange(event.target.value)}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}

/** A yes/no question as a choice of two Russian answers, so that the form shows what is chosen in words. */
export function YesNoField(
  props: Omit<ControlProps, 'value' | 'onChange'> & { value: boolean; onChange: (value: boolean) => void },
) {
  const { value, onChange, ...field } = props
  return (
    <SelectField
      {...field}
      value={value ? 'yes' : 'no'}
      onChange={(chosen) => onChange(chosen === 'yes')}
      options={[
        { value: 'yes', label: 'Да' },
        { value: 'no', label: 'Нет' },
      ]}
    />
  )
}

/** A number the user typed, or NaN when the field is empty, so that the server names the field it refuses. */
export function numberOf(value: string) {
  return value.trim() === '' ? Number.NaN : Number(value.replace(',', '.'))
}

/** Options of a label table (value → Russian label), in the table's order. */
export function labelled(labels: Record<string, string>): Option[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }))
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

/** The child's name and birth date, as a form's subtitle. */
export function childTitle(child: CardChild) {
  return `${child.fullName ?? 'Ребёнок'}, ${formatDate(child.birthDate)}`
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
          label: `${service.serviceType.name} (ИПРП, версия ${programme.version}${
            service.provider ? `, ${service.provider.name}` : ''
          })`,
        })),
    )
}

/** Where a form returns to and leads after success: the child's card, whose sections show the new fact. */
export function cardPath(childId: string) {
  return `/dashboard/children/${encodeURIComponent(childId)}`
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

/**
 * A form about one child: the kit's page with the child named under the title, back to the card, and the refusals
 * no shown field names above the buttons.
 */
export function ChildForm({
  title,
  child,
  submitLabel,
  errors,
  pending,
  fields,
  onSubmit,
  children,
}: {
  title: string
  child: CardChild
  submitLabel: string
  errors: readonly HubError[]
  pending: boolean
  /** The input paths the form shows a field for; a refusal naming another goes to the summary. */
  fields: readonly string[]
  onSubmit: () => void
  children: ReactNode
}) {
  return (
    <FormPage
      title={title}
      back={{ to: cardPath(child.id), label: 'Карточка ребёнка' }}
      onSubmit={onSubmit}
      pending={pending}
      submitLabel={submitLabel}
    >
      <p className="form-subject">{childTitle(child)}</p>
      {children}
      <ErrorSummary errors={errors} fields={fields} />
    </FormPage>
  )
}

/** What an early-help session of education or ngo records, as the form holds it. */
export interface SessionDraft {
  programmeServiceId: string
  deliveredOn: string
  duration: string
  mode: string
  specialistRole: string
  attended: boolean
  cancellationReason: string
}

export function useSessionDraft(planned: readonly Option[]) {
  return useState<SessionDraft>({
    programmeServiceId: planned[0]?.value ?? '',
    deliveredOn: today(),
    duration: '45',
    mode: 'IN_CENTRE',
    specialistRole: '',
    attended: true,
    cancellationReason: 'CHILD_ILL',
  })
}

export const SESSION_FIELDS = [
  'input.programmeServiceId',
  'input.serviceCode',
  'input.deliveredOn',
  'input.durationMinutes',
  'input.mode',
  'input.specialistRole',
  'input.attended',
  'input.cancellationReason',
] as const

/**
 * The fields of a session delivered against an item of the child's ИПРП: the item by its service's Russian name, the
 * day, duration, form, the specialist's role, and whether it took place or why not.
 */
export function SessionFields({
  draft,
  onChange,
  errors,
  planned,
  modes,
  roles,
  reasons,
}: {
  draft: SessionDraft
  onChange: (draft: SessionDraft) => void
  errors: readonly HubError[]
  planned: readonly Option[]
  modes: Record<string, string>
  roles: Record<string, string>
  reasons: Record<string, string>
}) {
  const set =
    <K extends keyof SessionDraft>(name: K) =>
    (value: SessionDraft[K]) =>
      onChange({ ...draft, [name]: value })
  return (
    <>
      <SelectField
        label="Услуга ИПРП"
        field="input.programmeServiceId"
        errors={errors}
        hint="Услуги подписанной ИПРП ребёнка, которые оказывает ваше ведомство"
        value={draft.programmeServiceId}
        onChange={set('programmeServiceId')}
        options={planned}
      />
      <DateField
        label="Дата проведения"
        field="input.deliveredOn"
        errors={errors}
        value={draft.deliveredOn}
        onChange={set('deliveredOn')}
      />
      <NumberField
        label="Продолжительность, минут"
        field="input.durationMinutes"
        errors={errors}
        min={1}
        max={480}
        value={draft.duration}
        onChange={set('duration')}
      />
      <SelectField
        label="Форма проведения"
        field="input.mode"
        errors={errors}
        value={draft.mode}
        onChange={set('mode')}
        options={labelled(modes)}
      />
      <SelectField
        label="Должность специалиста"
        field="input.specialistRole"
        errors={errors}
        value={draft.specialistRole}
        onChange={set('specialistRole')}
        placeholder="— не указана —"
        options={labelled(roles)}
      />
      <YesNoField
        label="Занятие состоялось"
        field="input.attended"
        errors={errors}
        value={draft.attended}
        onChange={set('attended')}
      />
      {!draft.attended && (
        <SelectField
          label="Причина отмены"
          field="input.cancellationReason"
          errors={errors}
          value={draft.cancellationReason}
          onChange={set('cancellationReason')}
          options={labelled(reasons)}
        />
      )}
    </>
  )
}

/** The session's input as both sides' mutations take it, typed by the caller's enums. */
export function sessionInput<Mode, Role, Reason>(draft: SessionDraft, planned: readonly (Option & { code: string })[]) {
  return {
    programmeServiceId: draft.programmeServiceId,
    serviceCode: planned.find((item) => item.value === draft.programmeServiceId)?.code ?? '',
    deliveredOn: draft.deliveredOn,
    durationMinutes: numberOf(draft.duration),
    mode: draft.mode as Mode,
    specialistRole: draft.specialistRole === '' ? null : (draft.specialistRole as Role),
    attended: draft.attended,
    cancellationReason: draft.attended ? null : (draft.cancellationReason as Reason),
  }
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

/** After a successful submission: the child's card, whose sections show the new fact. */
export const toCard = (child: CardChild) => (result: unknown) => {
  if (result) navigate(cardPath(child.id))
}
