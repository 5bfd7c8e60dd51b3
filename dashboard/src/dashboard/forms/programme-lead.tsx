import { useState } from 'react'
import {
  AssignProgrammeLeadDocument,
  ProgrammeLeadsDocument,
  StaffMembersDocument,
} from '../../../../schema/__generated__/operations'
import { formatDate, PROGRAMME_STATUS } from '../labels'
import { navigate } from '../navigation'
import type { Claims } from '../roles'
import { Pending } from '../Status'
import { useOperation } from '../useOperation'
import { ErrorSummary, Field, FormPage, useMutation } from './kit'
import type { ChildAction, FormRoute } from './routes'

/**
 * The lead specialist (куратор) of a child's ИПРП: who may assign one mirrors social's rule for
 * `assignProgrammeLead` — a coordinator of social or of the region (any programme), or a provider's coordinator (its
 * own programmes; the server refuses another's).
 */
export function mayAssignProgrammeLead(claims: Claims | null) {
  if (claims?.role !== 'coordinator') return false
  return claims.side === 'social' || claims.side === 'regional' || Boolean(claims.org)
}

const FIELDS = ['input.programmeId', 'input.subject']

/** Only a programme in force or a draft has a lead to assign. */
const CURRENT = new Set(['SIGNED', 'DRAFT'])

function StaffChoice({
  provider,
  token,
  value,
  onChange,
  control,
}: {
  provider: string
  token: string
  value: string
  onChange: (value: string) => void
  control: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true }
}) {
  const state = useOperation(StaffMembersDocument, { provider }, token)
  const staff = state.status === 'done' ? (state.result.data?.staffMembers ?? []) : []
  return (
    <select {...control} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{state.status === 'loading' ? 'Загрузка…' : '— выберите сотрудника —'}</option>
      {staff.map((member) => (
        <option key={member.subject} value={member.subject}>
          {member.name}
          {member.organisation ? '' : ' (орган соцзащиты или региональный центр)'}
        </option>
      ))}
    </select>
  )
}

function ProgrammeLeadForm({ childId, token }: { childId: string; token: string }) {
  const state = useOperation(ProgrammeLeadsDocument, { id: childId }, token)
  const { submit, errors, pending } = useMutation(AssignProgrammeLeadDocument, token)
  const [programmeId, setProgrammeId] = useState('')
  const [subject, setSubject] = useState('')
  const back = { to: `/dashboard/children/${childId}`, label: 'к карточке ребёнка' }
  if (state.status !== 'done') return <Pending state={state} />
  const child = state.result.data?.child
  const programmes = (child?.programmes ?? []).filter((programme) => CURRENT.has(programme.status))
  const chosen = programmes.find((programme) => programme.id === programmeId) ?? programmes[0]
  const onSubmit = async () => {
    const done = await submit({ input: { programmeId: chosen?.id ?? '', subject } })
    if (done) navigate(`/dashboard/children/${done.assignProgrammeLead.child.id}`)
  }
  return (
    <FormPage
      title={`Назначить куратора ИПРП${child ? `: ${child.fullName}` : ''}`}
      back={back}
      onSubmit={() => void onSubmit()}
      pending={pending}
      submitLabel="Назначить куратора"
    >
      {!chosen ? (
        <p className="notice">У ребёнка нет действующей ИПРП или проекта ИПРП: назначать куратора некому.</p>
      ) : (
        <>
          <Field
            label="ИПРП"
            field="input.programmeId"
            errors={errors}
            hint="Куратор ведёт программу ребёнка у этого поставщика во всех её версиях."
          >
            {(control) => (
              <select
                {...control}
                value={chosen.id}
                onChange={(event) => {
                  setProgrammeId(event.target.value)
                  setSubject('')
                }}
              >
                {programmes.map((programme) => (
                  <option key={programme.id} value={programme.id}>
                    {`Версия ${programme.version}, ${PROGRAMME_STATUS[programme.status]} — ${programme.provider.name}`}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <p>
            Куратор сейчас:{' '}
            <strong>{chosen.lead ? `${chosen.lead.name}, с ${formatDate(chosen.lead.since)}` : 'не назначен'}</strong>
          </p>
          <Field
            label="Куратор"
            field="input.subject"
            errors={errors}
            hint="Сотрудники поставщика, входившие в систему; для государственного поставщика — также специалисты органа соцзащиты."
          >
            {(control) => (
              <StaffChoice
                provider={chosen.provider.id}
                token={token}
                value={subject}
                onChange={setSubject}
                control={control}
              />
            )}
          </Field>
          {chosen.leadHistory.length > 0 && (
            <table>
              <caption>Кураторы программы</caption>
              <thead>
                <tr>
                  <th scope="col">Куратор</th>
                  <th scope="col">С</th>
                  <th scope="col">По</th>
                  <th scope="col">Назначил</th>
                </tr>
              </thead>
              <tbody>
                {chosen.leadHistory.map((lead) => (
                  <tr key={`${lead.subject}-${String(lead.since)}`}>
                    <td>{lead.name}</td>
                    <td>{formatDate(lead.since)}</td>
                    <td>{lead.until ? formatDate(lead.until) : 'по настоящее время'}</td>
                    <td>{lead.assignedByName ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      <ErrorSummary errors={errors} fields={FIELDS} />
    </FormPage>
  )
}

export const PROGRAMME_LEAD_ROUTES: readonly FormRoute[] = [
  {
    pattern: /^\/dashboard\/children\/([^/]+)\/lead$/,
    allowed: mayAssignProgrammeLead,
    render: (match, { token }) => <ProgrammeLeadForm childId={decodeURIComponent(match[1]!)} token={token} />,
  },
]

export const PROGRAMME_LEAD_ACTIONS: readonly ChildAction[] = [
  {
    label: 'Назначить куратора',
    path: (childId) => `/dashboard/children/${encodeURIComponent(childId)}/lead`,
    allowed: mayAssignProgrammeLead,
  },
]
