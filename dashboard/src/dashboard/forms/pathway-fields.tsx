import type { ReactNode } from 'react'
import type { HubError } from '../../shared/graphql'
import { Outcome } from '../Status'
import type { OperationState } from '../useOperation'
import { Field } from './kit'

/** A form's data once it has arrived; loading, failure and errors of the read otherwise. */
export function Loaded<R>({ state, children }: { state: OperationState<R>; children: (data: R) => ReactNode }) {
  if (state.status !== 'done' || !state.result.data) return <Outcome state={state} />
  return (
    <>
      <Outcome state={state} />
      {children(state.result.data)}
    </>
  )
}

interface Common {
  label: string
  field: string
  errors: readonly HubError[]
  hint?: string
  value: string
  onChange: (value: string) => void
}

export function DateField({ max, ...props }: Common & { max?: string }) {
  return (
    <Field label={props.label} field={props.field} errors={props.errors} hint={props.hint}>
      {(control) => (
        <input
          type="date"
          {...control}
          value={props.value}
          max={max}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
    </Field>
  )
}

export function TextField({ multiline, ...props }: Common & { multiline?: boolean }) {
  return (
    <Field label={props.label} field={props.field} errors={props.errors} hint={props.hint}>
      {(control) =>
        multiline ? (
          <textarea
            {...control}
            rows={3}
            value={props.value}
            onChange={(event) => props.onChange(event.target.value)}
          />
        ) : (
          <input
            type="text"
            {...control}
            value={props.value}
            onChange={(event) => props.onChange(event.target.value)}
          />
        )
      }
    </Field>
  )
}

export function NumberField({ min, max, ...props }: Common & { min: number; max: number }) {
  return (
    <Field label={props.label} field={props.field} errors={props.errors} hint={props.hint}>
      {(control) => (
        <input
          type="number"
          {...control}
          min={min}
          max={max}
          value={props.value}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
    </Field>
  )
}

/** A select of Russian names; `placeholder` is a first, empty choice that asks to choose. */
export function SelectField({
  options,
  placeholder,
  ...props
}: Common & {
  options: readonly { value: string; label: string; group?: string }[]
  placeholder?: string
}) {
  const groups = [...new Set(options.map((option) => option.group))]
  const render = (list: readonly { value: string; label: string }[]) =>
    list.map((option) => (
      <option key={option.value} value={option.value}>
        {option.label}
      </option>
    ))
  return (
    <Field label={props.label} field={props.field} errors={props.errors} hint={props.hint}>
      {(control) => (
        <select {...control} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {groups.length === 1 && groups[0] === undefined
            ? render(options)
            : groups.map((group) => (
                <optgroup key={group ?? ''} label={group ?? ''}>
                  {render(options.filter((option) => option.group === group))}
                </optgroup>
              ))}
        </select>
      )}
    </Field>
  )
}

/** The options of a generated label map (value → Russian name), optionally only some of its values. */
export function labelled<V extends string>(labels: Readonly<Record<V, string>>, only?: readonly V[]) {
  return (only ?? (Object.keys(labels) as V[])).map((value) => ({ value, label: labels[value] }))
}

/** A whole number typed in a field, or NaN, which the server refuses next to the field. */
export const whole = (text: string) => (text.trim() === '' ? Number.NaN : Number(text))
