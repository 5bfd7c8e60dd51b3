import { MunicipalitiesDocument } from '../../../schema/__generated__/operations'
import { useOperation } from './useOperation'

/** A labelled select; with `any`, a first option valued '' that filters nothing. */
export function Choice({
  label,
  value,
  onChange,
  any,
  options,
}: {
  label: string
  value: string
  onChange: (value: string) => void
  any?: string
  options: readonly { value: string; label: string }[]
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        {any !== undefined && <option value="">{any}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  )
}

/** The options of a label table (labels.ts): its codes with their Russian names. */
export function optionsOf(labels: Record<string, string>) {
  return Object.entries(labels).map(([value, label]) => ({ value, label }))
}

/** The region's municipalities as options, by ОКТМО; none until they arrive. */
export function useMunicipalityOptions(token: string) {
  const state = useOperation(MunicipalitiesDocument, {}, token)
  const municipalities = state.status === 'done' ? (state.result.data?.municipalities ?? []) : []
  return municipalities.map((municipality) => ({ value: municipality.oktmo, label: municipality.name }))
}
