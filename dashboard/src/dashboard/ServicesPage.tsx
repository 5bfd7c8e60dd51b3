import { ServiceCatalogueDocument } from '../../../schema/__generated__/operations'
import { SERVICE_KIND, SPECIALIST_ROLE } from './labels'
import { Outcome } from './Status'
import { useOperation } from './useOperation'

/** The regional catalogue of early-help services (ServiceCatalogue). */
export function ServicesPage({ token }: { token: string }) {
  const state = useOperation(ServiceCatalogueDocument, {}, token)
  const result = state.status === 'done' ? state.result : undefined
  return (
    <section>
      <h1>Региональный перечень услуг ранней помощи</h1>
      <Outcome state={state} />
      {result?.data && (
        <table>
          <thead>
            <tr>
              <th>Код</th>
              <th>Услуга</th>
              <th>Вид</th>
              <th>Продолжительность, мин</th>
              <th>Периодичность</th>
              <th>Дистанционно</th>
              <th>Обязательные специалисты</th>
            </tr>
          </thead>
          <tbody>
            {result.data.serviceTypes.map((s) => (
              <tr key={s.code}>
                <td>{s.code}</td>
                <td>
                  <strong>{s.name}</strong>
                  <br />
                  <span className="muted">{s.description}</span>
                </td>
                <td>{SERVICE_KIND[s.kind]}</td>
                <td>{s.standardDurationMinutes ?? '—'}</td>
                <td>{s.standardFrequency ?? '—'}</td>
                <td>{s.remoteAllowed ? 'допускается' : 'нет'}</td>
                <td>{s.requiredRoles.map((role) => SPECIALIST_ROLE[role]).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
