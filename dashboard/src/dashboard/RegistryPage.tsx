import { useState, type FormEvent } from 'react'
import {
  RegistryPageDocument,
  type ChildFilter,
  type CriterionCode,
  type RegistryPageQuery,
  type RegistryStatus,
} from '../../../schema/__generated__/operations'
import { runOperation, type HubError } from '../shared/graphql'
import { readClaims } from '../shared/session'
import { mayRegister } from './forms/registry-parts'
import { CRITERION, formatDate, REGISTRY_STATUS } from './labels'
import { Link } from './navigation'
import { Choice, optionsOf, useMunicipalityOptions } from './Choice'
import { Downloads, EXPORT_PAGE_SIZE, listOf } from './Downloads'
import type { Column } from './export'
import { Refusals, unavailableSides } from './notices'
import { importsRegistry } from './roles'
import { Outcome } from './Status'
import { useOperation } from './useOperation'

const PAGE_SIZE = 50

type Row = RegistryPageQuery['children']['edges'][number]
type SidePart = 'health' | 'education' | 'ngo'

interface FilterForm {
  search: string
  municipality: string
  registryStatus: string
  criterion: string
  bornOnOrAfter: string
  bornOnOrBefore: string
}

const EMPTY_FORM: FilterForm = {
  search: '',
  municipality: '',
  registryStatus: '',
  criterion: '',
  bornOnOrAfter: '',
  bornOnOrBefore: '',
}

/** ChildFilter from the form: an empty field filters nothing. */
function toFilter(form: FilterForm): ChildFilter {
  return {
    ...(form.search.trim() && { search: form.search.trim() }),
    ...(form.municipality && { municipality: [form.municipality] }),
    ...(form.registryStatus && { registryStatus: [form.registryStatus as RegistryStatus] }),
    ...(form.criterion && { criterion: [form.criterion as CriterionCode] }),
    ...(form.bornOnOrAfter && { bornOnOrAfter: form.bornOnOrAfter }),
    ...(form.bornOnOrBefore && { bornOnOrBefore: form.bornOnOrBefore }),
  }
}

/** A side's part of one row in a few words, or null when the side gave none. */
function summary(node: Row['node'], side: SidePart) {
  switch (side) {
    case 'health':
      return (
        node.health &&
        ([
          node.health.healthGroup && `группа ${node.health.healthGroup.group}`,
          ...node.health.diagnoses.map((d) => d.icd10),
        ]
          .filter(Boolean)
          .join(', ') ||
          '—')
      )
    case 'education':
      return (
        node.education &&
        `ПМПК: ${node.education.pmpkConclusions?.length ?? 'скрыто'}; заявлений в ДОО: ${node.education.preschoolApplications.length}`
      )
    case 'ngo':
      return node.ngo && `занятий: ${node.ngo.sessions.filter((session) => session.attended).length}`
  }
}

/** One side's part of a row: its summary, or why it is empty (the side is down, or the viewer may not see it). */
interface SideText {
  text: string
  muted: boolean
  refusal?: string
}

function sideText(row: Row, index: number, side: SidePart, errors: readonly HubError[], down: string[]): SideText {
  const text = summary(row.node, side)
  if (text !== null) return { text, muted: false }
  if (down.includes(side)) return { text: 'недоступно', muted: true }
  const refusal = errors.find((error) => error.path?.[2] === index && error.path?.[4] === side)
  return { text: refusal ? 'скрыто' : '—', muted: true, refusal: refusal?.message }
}

/** One child of the registry as its table and its downloads show it. */
interface RegistryRow {
  id: string
  fullName: string
  inSop: boolean
  birthDate: string
  municipality: string
  status: string
  criteria: string
  sides: Record<SidePart, SideText>
}

const SIDES: readonly { side: SidePart; heading: string }[] = [
  { side: 'health', heading: 'Здравоохранение' },
  { side: 'education', heading: 'Образование' },
  { side: 'ngo', heading: 'НКО' },
]

/** The rows of one answer of RegistryPage, each side's part read against that answer's errors. */
function registryRows(connection: RegistryPageQuery['children'], errors: readonly HubError[]): RegistryRow[] {
  const down = unavailableSides(errors)
  return connection.edges.map((row, index) => ({
    id: row.node.id,
    fullName: row.node.fullName,
    inSop: row.node.family?.inSop ?? false,
    birthDate: row.node.birthDate,
    municipality: row.node.municipality.name,
    status: REGISTRY_STATUS[row.node.registryStatus],
    criteria:
      row.node.criteria
        ?.filter((c) => c.active)
        .map((c) => CRITERION[c.code])
        .join('; ') ?? 'скрыто',
    sides: Object.fromEntries(SIDES.map(({ side }) => [side, sideText(row, index, side, errors, down)])) as Record<
      SidePart,
      SideText
    >,
  }))
}

/** The registry's columns in its downloads: the table's, with the СОП mark of the name in a column of its own. */
const REGISTRY_COLUMNS: readonly Column<RegistryRow>[] = [
  { heading: 'ФИО', value: (row) => row.fullName },
  { heading: 'Семья в СОП', value: (row) => (row.inSop ? 'да' : 'нет') },
  { heading: 'Дата рождения', value: (row) => row.birthDate, day: true },
  { heading: 'Муниципальное образование', value: (row) => row.municipality },
  { heading: 'Статус', value: (row) => row.status },
  { heading: 'Критерии', value: (row) => row.criteria },
  ...SIDES.map(({ side, heading }) => ({ heading, value: (row: RegistryRow) => row.sides[side].text })),
]

/** The registry of children: filters of ChildFilter, a page of 50 at a time, every side's part in a column. */
export function RegistryPage({ token }: { token: string }) {
  const [form, setForm] = useState<FilterForm>(EMPTY_FORM)
  const [filter, setFilter] = useState<ChildFilter>({})
  const [after, setAfter] = useState<string | null>(null)
  const municipalities = useMunicipalityOptions(token)
  const page = useOperation(RegistryPageDocument, { filter, first: PAGE_SIZE, after }, token)

  const apply = (event: FormEvent) => {
    event.preventDefault()
    setAfter(null)
    setFilter(toFilter(form))
  }
  const field = (name: keyof FilterForm) => ({
    value: form[name],
    onChange: (value: string) => setForm({ ...form, [name]: value }),
  })
  const inputField = (name: keyof FilterForm) => ({
    value: form[name],
    onChange: (event: { target: { value: string } }) => field(name).onChange(event.target.value),
  })

  const result = page.status === 'done' ? page.result : undefined
  const errors = result?.errors ?? []
  const connection = result?.data?.children
  const rows = connection ? registryRows(connection, errors) : []
  // A download runs the same operation with the filter of the page shown, from the first page to the last.
  const exportPage = async (cursor: string | null) => {
    const answer = await runOperation(RegistryPageDocument, { filter, first: EXPORT_PAGE_SIZE, after: cursor }, token)
    const children = listOf(answer, (data) => data.children)
    return { ...children.pageInfo, totalCount: children.totalCount, rows: registryRows(children, answer.errors ?? []) }
  }
  const claims = readClaims(token)

  return (
    <section>
      <h1>Реестр детей целевой группы</h1>
      {(mayRegister(claims) || importsRegistry(claims)) && (
        <p className="actions">
          {mayRegister(claims) && <Link to="/dashboard/children/new">Зарегистрировать ребёнка</Link>}
          {importsRegistry(claims) && <Link to="/dashboard/registry/import">Импорт реестра из файла</Link>}
        </p>
      )}
      <form className="filters" onSubmit={apply}>
        <label>
          Фамилия, имя, СНИЛС или дата рождения
          <input
            type="search"
            placeholder="например: Иван Петр 12.03.2025"
            size={32}
            minLength={2}
            maxLength={100}
            {...inputField('search')}
          />
        </label>
        <Choice label="Муниципальное образование" {...field('municipality')} any="все" options={municipalities} />
        <Choice
          label="Статус в реестре"
          {...field('registryStatus')}
          any="любой"
          options={optionsOf(REGISTRY_STATUS)}
        />
        <Choice label="Критерий целевой группы" {...field('criterion')} any="любой" options={optionsOf(CRITERION)} />
        <label>
          Родился не раньше
          <input type="date" {...inputField('bornOnOrAfter')} />
        </label>
        <label>
          Родился не позже
          <input type="date" {...inputField('bornOnOrBefore')} />
        </label>
        <button type="submit">Найти</button>
        <button
          type="button"
          onClick={() => {
            setForm(EMPTY_FORM)
            setFilter({})
            setAfter(null)
          }}
        >
          Сбросить
        </button>
      </form>
      <Outcome state={page} />
      <Refusals errors={errors.filter((error) => error.extensions?.code === 'FORBIDDEN')} />
      {connection && (
        <>
          <p>
            Найдено: <strong>{connection.totalCount}</strong>
          </p>
          <Downloads
            title="Реестр детей"
            columns={REGISTRY_COLUMNS}
            source={{ total: connection.totalCount, page: exportPage }}
          />
          <table className="registry">
            <thead>
              <tr>
                <th>ФИО</th>
                <th>Дата рождения</th>
                <th>Муниципальное образование</th>
                <th>Статус</th>
                <th>Критерии</th>
                {SIDES.map(({ side, heading }) => (
                  <th key={side}>{heading}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <Link to={`/dashboard/children/${row.id}`}>{row.fullName}</Link>
                    {row.inSop && <span className="tag">СОП</span>}
                  </td>
                  <td>{formatDate(row.birthDate)}</td>
                  <td>{row.municipality}</td>
                  <td>{row.status}</td>
                  <td>{row.criteria}</td>
                  {SIDES.map(({ side }) => (
                    <td
                      key={side}
                      className={row.sides[side].muted ? 'muted' : undefined}
                      title={row.sides[side].refusal}
                    >
                      {row.sides[side].text}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            {after && <button onClick={() => setAfter(null)}>В начало</button>}
            {connection.pageInfo.hasNextPage && (
              <button onClick={() => setAfter(connection.pageInfo.endCursor ?? null)}>Следующие {PAGE_SIZE}</button>
            )}
          </div>
        </>
      )}
    </section>
  )
}
