import { useState } from 'react'
import {
  ProviderRegistryDocument,
  ServiceCatalogueDocument,
  type ProviderFilter,
  type ProviderRegistryQuery,
  type Side,
} from '../../../schema/__generated__/operations'
import { PROVIDER_KIND, SIDE } from './labels'
import { Choice, optionsOf, useMunicipalityOptions } from './Choice'
import { Downloads } from './Downloads'
import type { Column } from './export'
import { Outcome } from './Status'
import { useOperation } from './useOperation'

/** A list folded under its count when it is long, as a provider's services and municipalities often are. */
function Listed({ items }: { items: string[] }) {
  if (items.length <= 2) return <>{items.join(', ')}</>
  return (
    <details>
      <summary>{items.length}</summary>
      <ul>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </details>
  )
}

type Provider = ProviderRegistryQuery['providers'][number]

const addressOf = (p: Provider) => [p.municipality.name, p.address].filter(Boolean).join(', ')

/** The table's columns in the downloads: ИНН and ОГРН apart, and every municipality and service in full. */
const PROVIDER_COLUMNS: readonly Column<Provider>[] = [
  { heading: 'Наименование', value: (p) => p.name },
  { heading: 'Тип', value: (p) => PROVIDER_KIND[p.kind] },
  { heading: 'Ведомство', value: (p) => SIDE[p.side] },
  { heading: 'Адрес', value: addressOf },
  { heading: 'ИНН', value: (p) => p.inn },
  { heading: 'ОГРН', value: (p) => p.ogrn },
  { heading: 'Обслуживает', value: (p) => p.municipalitiesServed.map((m) => m.name).join('; ') },
  { heading: 'Услуги', value: (p) => p.services.map((s) => s.name).join('; ') },
  { heading: 'Дистанционно', value: (p) => (p.remoteDelivery ? 'да' : 'нет') },
]

/** The public registry of early-help providers (ProviderRegistry), filtered as ProviderFilter allows. */
export function ProvidersPage({ token }: { token: string }) {
  const [filter, setFilter] = useState<ProviderFilter>({})
  const providers = useOperation(ProviderRegistryDocument, { filter }, token)
  const municipalities = useMunicipalityOptions(token)
  const services = useOperation(ServiceCatalogueDocument, {}, token)
  const set = (change: ProviderFilter) =>
    setFilter(
      Object.fromEntries(
        Object.entries({ ...filter, ...change }).filter(([, value]) => value !== undefined && value !== ''),
      ),
    )
  const result = providers.status === 'done' ? providers.result : undefined

  return (
    <section>
      <h1>Реестр поставщиков услуг ранней помощи</h1>
      <div className="filters">
        <Choice
          label="Оказывает услуги жителям"
          value={String(filter.municipality ?? '')}
          onChange={(municipality) => set({ municipality })}
          any="всех муниципальных образований"
          options={municipalities}
        />
        <Choice
          label="Ведомство"
          value={filter.side ?? ''}
          onChange={(side) => set({ side: side as Side })}
          any="все"
          options={optionsOf(SIDE)}
        />
        <Choice
          label="Услуга"
          value={String(filter.service ?? '')}
          onChange={(service) => set({ service })}
          any="любая"
          options={
            services.status === 'done'
              ? (services.result.data?.serviceTypes ?? []).map((s) => ({ value: s.code, label: s.name }))
              : []
          }
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={filter.remoteDelivery === true}
            onChange={(event) => set({ remoteDelivery: event.target.checked || undefined })}
          />
          оказывает дистанционно
        </label>
      </div>
      <Outcome state={providers} />
      {result?.data && (
        <Downloads title="Реестр поставщиков" columns={PROVIDER_COLUMNS} source={{ rows: result.data.providers }} />
      )}
      {result?.data && (
        <table>
          <thead>
            <tr>
              <th>Наименование</th>
              <th>Тип</th>
              <th>Ведомство</th>
              <th>Адрес</th>
              <th>ИНН / ОГРН</th>
              <th>Обслуживает</th>
              <th>Услуги</th>
              <th>Дистанционно</th>
            </tr>
          </thead>
          <tbody>
            {result.data.providers.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>{PROVIDER_KIND[p.kind]}</td>
                <td>{SIDE[p.side]}</td>
                <td>{addressOf(p)}</td>
                <td>
                  {p.inn} / {p.ogrn}
                </td>
                <td>
                  <Listed items={p.municipalitiesServed.map((m) => m.name)} />
                </td>
                <td>
                  <Listed items={p.services.map((s) => s.name)} />
                </td>
                <td>{p.remoteDelivery ? 'да' : 'нет'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
