import { Fragment, useState } from 'react'
import { ServiceCatalogueDocument, type ServiceCatalogueQuery } from '../../../schema/__generated__/operations'
import { keepsCatalogue, SERVICES_PAGE, servicePath } from './forms/catalogue'
import { today } from './forms/kit'
import { formatDate, formatDateTime, SERVICE_KIND, SPECIALIST_ROLE } from './labels'
import { Link } from './navigation'
import { DownloadButtons } from './print'
import type { Claims } from './roles'
import { Outcome } from './Status'
import { useOperation } from './useOperation'

type Service = ServiceCatalogueQuery['serviceTypes'][number]
type Edition = Service['versions'][number]

const roles = (list: readonly Edition['requiredRoles'][number][]) =>
  list.map((role) => SPECIALIST_ROLE[role]).join(', ')

/** A service's editions, from the first: what each said and from when, the retirement among them. */
function History({ service }: { service: Service }) {
  return (
    <table aria-label={`История редакций услуги ${service.code}`}>
      <thead>
        <tr>
          <th>Действует с</th>
          <th>Редакция</th>
          <th>Продолжительность, мин</th>
          <th>Периодичность</th>
          <th>Дистанционно</th>
          <th>Обязательные специалисты</th>
          <th>Внесена</th>
        </tr>
      </thead>
      <tbody>
        {service.versions.map((edition) => (
          <tr key={edition.effectiveFrom}>
            <td>{formatDate(edition.effectiveFrom)}</td>
            <td>{edition.retired ? <strong>Исключена из перечня</strong> : edition.name}</td>
            <td>{edition.standardDurationMinutes ?? '—'}</td>
            <td>{edition.standardFrequency ?? '—'}</td>
            <td>{edition.remoteAllowed ? 'допускается' : 'нет'}</td>
            <td>{roles(edition.requiredRoles)}</td>
            <td>{formatDateTime(edition.recordedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/**
 * The regional list of early-help services (ServiceCatalogue) in force on a chosen day, each service with its
 * editions; its downloads for the region's official site; and, for those who keep the list, its forms.
 */
export function ServicesPage({ token, claims }: { token: string; claims: Claims | null }) {
  const [on, setOn] = useState(today)
  // The service whose editions are shown under its row, across the whole table.
  const [opened, setOpened] = useState<string | null>(null)
  const state = useOperation(ServiceCatalogueDocument, { on }, token)
  const result = state.status === 'done' ? state.result : undefined
  const keeps = keepsCatalogue(claims)
  return (
    <section>
      <h1>Региональный перечень услуг ранней помощи</h1>
      <div className="filters">
        <label>
          Действует на дату
          <input type="date" value={on} onChange={(event) => event.target.value && setOn(event.target.value)} />
        </label>
        <DownloadButtons
          path={(format) => `/catalogue/services.${format}?on=${on}`}
          name="perechen-uslug"
          token={token}
        >
          {keeps && <Link to={`${SERVICES_PAGE}/new`}>Добавить услугу</Link>}
        </DownloadButtons>
      </div>
      <Outcome state={state} />
      {result?.data && (
        <table aria-label={`Перечень услуг на ${formatDate(on)}`}>
          <thead>
            <tr>
              <th>Код</th>
              <th>Услуга</th>
              <th>Вид</th>
              <th>Продолжительность, мин</th>
              <th>Периодичность</th>
              <th>Дистанционно</th>
              <th>Обязательные специалисты</th>
              <th>Редакция</th>
            </tr>
          </thead>
          <tbody>
            {result.data.serviceTypes.map((s) => (
              <Fragment key={s.code}>
                <tr>
                  <td>{s.code}</td>
                  <td>
                    <strong>{s.name}</strong>
                    <br />
                    <span className="muted">{s.description}</span>
                    <br />
                    <button
                      type="button"
                      aria-expanded={opened === s.code}
                      onClick={() => setOpened(opened === s.code ? null : s.code)}
                    >
                      История редакций ({s.versions.length})
                    </button>
                  </td>
                  <td>{SERVICE_KIND[s.kind]}</td>
                  <td>{s.standardDurationMinutes ?? '—'}</td>
                  <td>{s.standardFrequency ?? '—'}</td>
                  <td>{s.remoteAllowed ? 'допускается' : 'нет'}</td>
                  <td>{roles(s.requiredRoles)}</td>
                  <td>
                    с {formatDate(s.effectiveFrom)}
                    {s.retiredFrom && (
                      <>
                        <br />
                        <strong>исключается с {formatDate(s.retiredFrom)}</strong>
                      </>
                    )}
                    {keeps && (
                      <>
                        <br />
                        <Link to={servicePath(s.code, 'change', on)}>Изменить</Link>
                        {!s.retiredFrom && (
                          <>
                            {' · '}
                            <Link to={servicePath(s.code, 'retire', on)}>Исключить</Link>
                          </>
                        )}
                      </>
                    )}
                  </td>
                </tr>
                {opened === s.code && (
                  <tr>
                    <td colSpan={8}>
                      <History service={s} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
