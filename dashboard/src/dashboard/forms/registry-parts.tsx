import { useState, type ReactNode } from 'react'
import { ChildRecordDocument, type ChildRecordQuery } from '../../../../schema/__generated__/operations'
import type { HubError } from '../../shared/graphql'
import { audienceOf, type Claims } from '../roles'
import { Pending } from '../Status'
import { useOperation } from '../useOperation'
import { cardPath, Field, today } from './kit'

/**
 * What the registry's and the family's forms share: who may use them (social's gates), the child they act on, and the
 * controls they are made of.
 */

/** Social's staff and the regional coordinator: social's gate for every registry mutation but registration. */
export const mayCoordinate = (claims: Claims | null) => audienceOf(claims) === 'coordination'

/** Social's gate for `registerChild`: the coordination and the health and education sides, which detect children. */
export const mayRegister = (claims: Claims | null) => {
  const audience = audienceOf(claims)
  return audience === 'coordination' || audience === 'otherSide'
}

/** The kit's day and card path, for the registry's forms that import their parts from here. */
export { cardPath, today }

export type ChildRecord = NonNullable<ChildRecordQuery['child']>

/** The way back from a form about a child: the child's card. */
export const backTo = (child: { id: string; fullName: string }) => ({
  to: cardPath(child.id),
  label: `к карточке: ${child.fullName}`,
})

/** Loads the child a form acts on (ChildRecord) and renders the form once it is there. */
export function WithChild({
  id,
  token,
  inForceOn,
  children,
}: {
  id: string
  token: string
  inForceOn?: string
  children: (child: ChildRecord, reload: () => void) => ReactNode
}) {
  const [revision, setRevision] = useState(0)
  const state = useOperation(ChildRecordDocument, { id, inForceOn: inForceOn ?? today() }, token, revision)
  if (state.status !== 'done') return <Pending state={state} />
  const child = state.result.data?.child
  if (!child) return <p role="alert">Ребёнок не найден в реестре.</p>
  return <>{children(child, () => setRevision(revision + 1))}</>
}

/** A labelled text input bound to a field of the input. */
export function TextField({
  label,
  field,
  errors,
  value,
  onChange,
  hint,
  required = true,
  type = 'text',
}: {
  label: string
  field: string
  errors: readonly HubError[]
  value: string
  onChange: (value: string) => void
  hint?: string
  required?: boolean
  type?: 'text' | 'date' | 'tel' | 'email'
}) {
  return (
    <Field label={required ? label : `${label} (необязательно)`} field={field} errors={errors} hint={hint}>
      {(control) => (
        <input
          {...control}
          type={type}
          value={value}
          required={required}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  )
}

/** A labelled select of Russian names; `none` adds a first, empty choice with that text. */
export function SelectField({
  label,
  field,
  errors,
  value,
  onChange,
  options,
  none,
  hint,
}: {
  label: string
  field: string
  errors: readonly HubError[]
  value: string
  onChange: (value: string) => void
  options: readonly { value: string; label: string }[]
  none?: string
  hint?: string
}) {
  return (
    <Field label={label} field={field} errors={errors} hint={hint}>
      {(control) => (
        <select {...control} value={value} onChange={(event) => onChange(event.target.value)}>
          {none !== undefined && <option value="">{none}</option>}
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

export interface FullName {
  lastName: string
  firstName: string
  patronymic: string
}

/** Surname, name and patronymic of a person (`<field>.lastName`, …), side by side. */
export function NameFields({
  field,
  errors,
  value,
  onChange,
}: {
  field: string
  errors: readonly HubError[]
  value: FullName
  onChange: (key: keyof FullName, value: string) => void
}) {
  const parts: [keyof FullName, string][] = [
    ['lastName', 'Фамилия'],
    ['firstName', 'Имя'],
    ['patronymic', 'Отчество'],
  ]
  return (
    <div className="field-row">
      {parts.map(([key, label]) => (
        <TextField
          key={key}
          label={label}
          required={key !== 'patronymic'}
          field={`${field}.${key}`}
          errors={errors}
          value={value[key]}
          onChange={(text) => onChange(key, text)}
        />
      ))}
    </div>
  )
}

/** A text that may be left empty, as the API wants it: null rather than ''. */
export const optional = (value: string) => (value.trim() === '' ? null : value.trim())

/**
 * The last step before an action that cannot be taken back quietly: what will happen, and the buttons to go on or
 * not. Shown in place of the form's own submit until the user decides.
 */
export function Confirmation({
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  pending,
}: {
  children: ReactNode
  confirmLabel: string
  onConfirm: () => void
  onCancel: () => void
  pending: boolean
}) {
  return (
    <div role="alertdialog" aria-label="Подтверждение" className="notice confirmation">
      {children}
      <div className="form-buttons">
        <button type="button" onClick={onConfirm} disabled={pending}>
          {pending ? 'Сохранение…' : confirmLabel}
        </button>
        <button type="button" onClick={onCancel} disabled={pending}>
          Не выполнять
        </button>
      </div>
    </div>
  )
}
