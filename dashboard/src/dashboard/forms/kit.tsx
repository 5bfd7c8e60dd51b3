import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { useId, useState, type FormEvent, type ReactNode } from 'react'
import { regionDay } from '@hub/platform/region-time'
import { describeError } from '../../shared/errors'
import { runOperation, type GraphQLResult, type HubError } from '../../shared/graphql'
import { Link } from '../navigation'

/**
 * The parts every form of the dashboard is made of: a mutation run once per submission with an idempotency key, the
 * server's refusals shown next to the field they name, and the page a form sits on. The subgraphs decide and validate;
 * a form only collects the input and says in Russian what the server answered.
 */

/**
 * The text of a refusal for the user, in Russian from the rule the server named (`extensions.rule`, the catalogue in
 * `packages/platform/src/error-rules.ts`). One place, so that every form says the server's rules the same way; the field
 * it names is the label the text stands under.
 */
export function errorText(error: HubError) {
  return describeError(error).text
}

/** Today in the region's time zone, as the subgraphs count it and a date input takes it (YYYY-MM-DD). */
export function today() {
  return regionDay()
}

/** The card of a child, where a form about the child returns to show what it recorded. */
export function cardPath(childId: string) {
  return `/dashboard/children/${encodeURIComponent(childId)}`
}

/** A new key for one submission: a retry of the same submission (a lost answer) writes nothing twice. */
export function idempotencyKey() {
  return crypto.randomUUID()
}

export type Submission<R> =
  | { status: 'idle' }
  | { status: 'pending' }
  | { status: 'refused'; errors: readonly HubError[] }
  | { status: 'done'; data: R }

/**
 * Runs one committed mutation. `submit` resolves to its data when every part succeeded; otherwise the refusals are in
 * `state.errors` (a mutation is one transaction: a refusal wrote nothing).
 */
export function useMutation<R, V>(document: TypedDocumentNode<R, V>, token: string, url?: string) {
  const [state, setState] = useState<Submission<R>>({ status: 'idle' })
  const submit = async (variables: V): Promise<R | null> => {
    setState({ status: 'pending' })
    let result: GraphQLResult<R>
    try {
      result = await runOperation(document, variables, token, url)
    } catch (error) {
      setState({ status: 'refused', errors: [{ message: (error as Error).message }] })
      return null
    }
    if (result.errors?.length || !result.data) {
      setState({ status: 'refused', errors: result.errors ?? [{ message: 'Шлюз не вернул ответа' }] })
      return null
    }
    setState({ status: 'done', data: result.data })
    return result.data
  }
  const errors = state.status === 'refused' ? state.errors : []
  return { state, submit, errors, pending: state.status === 'pending' }
}

/** The refusals naming a field (`extensions.field`, e.g. `input.birthDate`), or a field inside it. */
export function errorsFor(errors: readonly HubError[], field: string) {
  return errors.filter((error) => {
    const named = error.extensions?.field
    return (
      typeof named === 'string' && (named === field || named.startsWith(`${field}.`) || named.startsWith(`${field}[`))
    )
  })
}

/** One labelled input and the refusals of its field under it, tied to it for screen readers. */
export function Field({
  label,
  field,
  errors,
  hint,
  children,
}: {
  label: string
  /** The input's path as the server names it in a refusal, e.g. `input.birthDate`. */
  field: string
  errors: readonly HubError[]
  hint?: string
  /** Renders the control with the id, description and invalid state it must carry. */
  children: (control: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true }) => ReactNode
}) {
  const { id, own, described, notes } = useFieldNotes(field, errors, hint)
  return (
    <div className={own.length ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': described, 'aria-invalid': own.length ? true : undefined })}
      {notes}
    </div>
  )
}

/**
 * What stands under a field's control: its hint and the refusals of its field, with the ids the control names in
 * `aria-describedby` (`described`), and `own`, those refusals.
 */
export function useFieldNotes(field: string, errors: readonly HubError[], hint?: string) {
  const id = useId()
  const own = errorsFor(errors, field)
  const described = [hint ? `${id}-hint` : null, own.length ? `${id}-error` : null].filter(Boolean).join(' ')
  const notes = (
    <>
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {own.length > 0 && (
        <p id={`${id}-error`} className="field-error">
          {own.map(errorText).join('; ')}
        </p>
      )}
    </>
  )
  return { id, own, described: described || undefined, notes }
}

/** The refusals no field on the form names (a rule of the record, an unavailable side), above the buttons. */
export function ErrorSummary({ errors, fields }: { errors: readonly HubError[]; fields: readonly string[] }) {
  const rest = errors.filter((error) => !fields.some((field) => errorsFor([error], field).length > 0))
  if (rest.length === 0) return null
  return (
    <div role="alert" className="notice notice-error">
      {rest.map((error, index) => (
        <p key={index}>{errorText(error)}</p>
      ))}
    </div>
  )
}

/** A form's page: its title, the way back, and the form, submitted once at a time. */
export function FormPage({
  title,
  back,
  onSubmit,
  pending,
  submitLabel,
  children,
}: {
  title: string
  back: { to: string; label: string }
  onSubmit: () => void
  pending: boolean
  submitLabel: string
  children: ReactNode
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!pending) onSubmit()
  }
  return (
    <section className="form-page">
      <p>
        <Link to={back.to}>← {back.label}</Link>
      </p>
      <h1>{title}</h1>
      <form onSubmit={submit} noValidate>
        {children}
        <div className="form-buttons">
          <button type="submit" disabled={pending}>
            {pending ? 'Сохранение…' : submitLabel}
          </button>
          <Link to={back.to}>Отмена</Link>
        </div>
      </form>
    </section>
  )
}
