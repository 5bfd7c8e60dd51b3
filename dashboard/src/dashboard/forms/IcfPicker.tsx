import { useId, useState, type KeyboardEvent } from 'react'
import type { HubError } from '../../shared/graphql'
import { Field } from './kit'
import { icfTitle, searchIcf } from './icf'

/**
 * A МКФ-ДП code chosen by searching the list by code or by Russian words («речь», «d31», «ходьба»): a combobox whose
 * options are the matching categories; Enter or a click takes one. A full code the list lacks is taken as typed.
 */
export function IcfPicker({
  label,
  field,
  errors,
  value,
  onChange,
}: {
  label: string
  field: string
  errors: readonly HubError[]
  value: string
  onChange: (code: string) => void
}) {
  const listId = useId()
  const [query, setQuery] = useState('')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const found = searchIcf(query)
  const choose = (code: string) => {
    onChange(code)
    setQuery('')
    setOpen(false)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault()
      setOpen(true)
      setActive(Math.min(active + 1, found.length - 1))
    } else if (event.key === 'ArrowUp') {
      event.preventDefault()
      setActive(Math.max(active - 1, 0))
    } else if (event.key === 'Enter') {
      event.preventDefault()
      const picked = found[active]
      if (open && picked) choose(picked.code)
      else if (/^[bsde]\d{3,5}$/.test(query.trim())) choose(query.trim())
    } else if (event.key === 'Escape') {
      setOpen(false)
    }
  }
  const title = value ? icfTitle(value) : null
  return (
    <Field
      label={label}
      field={field}
      errors={errors}
      hint={
        value
          ? `Выбрано: ${value}${title ? ` — ${title}` : ''}`
          : 'Начните вводить код (d310) или слова названия («речь», «ходьба») и выберите из списка'
      }
    >
      {(control) => (
        <div className="picker">
          <input
            {...control}
            type="search"
            role="combobox"
            aria-expanded={open && found.length > 0}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={open && found[active] ? `${listId}-${active}` : undefined}
            autoComplete="off"
            placeholder={value ? `${value}${title ? ` — ${title}` : ''}` : 'Поиск по коду или названию'}
            value={query}
            onChange={(event) => {
              setQuery(event.target.value)
              setActive(0)
              setOpen(true)
            }}
            onKeyDown={onKeyDown}
            onBlur={() => setOpen(false)}
          />
          {open && found.length > 0 && (
            <ul id={listId} role="listbox" className="picker-options">
              {found.map((category, index) => (
                <li
                  key={category.code}
                  id={`${listId}-${index}`}
                  role="option"
                  aria-selected={index === active}
                  onMouseDown={(event) => {
                    event.preventDefault()
                    choose(category.code)
                  }}
                >
                  <code>{category.code}</code> {category.title}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Field>
  )
}
