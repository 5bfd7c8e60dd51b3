import { useState, type FormEvent } from 'react'
import {
  AcceptChildFindSignalDocument,
  ChildFindSignalDocument,
  DismissChildFindSignalDocument,
  type ChildFindSignalFieldsFragment,
} from '../../../../schema/__generated__/operations'
import { Facts } from '../ChildCardPage'
import { CLOCK_STATUS, CRITERION, formatDate, SIDE, SIGNAL_STATUS } from '../labels'
import { Link, navigate } from '../navigation'
import { signalFact } from '../queues'
import { Pending } from '../Status'
import { useOperation } from '../useOperation'
import { ErrorSummary, FormPage, useMutation } from './kit'
import { cardPath, mayCoordinate, TextField } from './registry-parts'
import type { FormRoute } from './routes'

/** A child-find signal of health or education: the coordinator accepts it into a criterion or dismisses it. */

const SIGNALS_QUEUE = '/dashboard/queues/signals'

function SignalFacts({ signal }: { signal: ChildFindSignalFieldsFragment }) {
  const decision = [
    SIGNAL_STATUS[signal.status],
    signal.decidedAt && `, ${formatDate(signal.decidedAt)}`,
    signal.dismissReason && `: ${signal.dismissReason}`,
    signal.criterion && `: ${CRITERION[signal.criterion.code]} (источник — ${SIDE[signal.criterion.source]})`,
  ]
  return (
    <Facts
      items={[
        [
          'Ребёнок',
          <>
            <Link to={cardPath(signal.child.id)}>{signal.child.fullName}</Link>, {signal.child.municipality.name}
          </>,
        ],
        ['Что внесено', signalFact(signal)],
        ['Предлагаемый критерий', CRITERION[signal.proposedCriterion]],
        ['Сигнал поступил', formatDate(signal.receivedAt)],
        [
          'Срок рассмотрения',
          signal.clock
            ? `до ${formatDate(signal.clock.dueOn)} — ${CLOCK_STATUS[signal.clock.status].toLowerCase()}`
            : 'не установлен',
        ],
        ['Состояние', decision.filter(Boolean).join('')],
      ]}
    />
  )
}

function Decide({ token, signal }: { token: string; signal: ChildFindSignalFieldsFragment }) {
  const accept = useMutation(AcceptChildFindSignalDocument, token)
  const dismiss = useMutation(DismissChildFindSignalDocument, token)
  const [reason, setReason] = useState('')
  const sendAcceptance = async () => {
    if (await accept.submit({ input: { signalId: signal.id } })) navigate(cardPath(signal.child.id))
  }
  const sendDismissal = async (event: FormEvent) => {
    event.preventDefault()
    if (dismiss.pending) return
    if (await dismiss.submit({ input: { signalId: signal.id, reason } })) navigate(SIGNALS_QUEUE)
  }
  return (
    <>
      <FormPage
        title="Сигнал выявления"
        back={{ to: SIGNALS_QUEUE, label: 'к списку сигналов' }}
        onSubmit={() => void sendAcceptance()}
        pending={accept.pending}
        submitLabel="Принять"
      >
        <SignalFacts signal={signal} />
        <p>
          «Принять» устанавливает ребёнку критерий «{CRITERION[signal.proposedCriterion]}» с источником «
          {SIDE[signal.source]}» и датой внесённых сведений; если такой критерий уже действует, второй не создаётся.
        </p>
        <p className="muted">
          Содержание записи ведомства (например, диагноз) в сигнал не передаётся: только вид сведений и дата.
        </p>
        <ErrorSummary errors={accept.errors} fields={[]} />
      </FormPage>
      <section className="form-page">
        <h2>Отклонить сигнал</h2>
        <form onSubmit={(event) => void sendDismissal(event)} noValidate>
          <TextField
            label="Причина отклонения"
            field="input.reason"
            errors={dismiss.errors}
            value={reason}
            onChange={setReason}
            hint="Например: «Сведения уже учтены по решению МСЭ» или «Группа здоровья пересмотрена»"
          />
          <ErrorSummary errors={dismiss.errors} fields={['input.reason']} />
          <div className="form-buttons">
            <button type="submit" disabled={dismiss.pending}>
              Отклонить
            </button>
          </div>
        </form>
      </section>
    </>
  )
}

/** A signal from the coordinator's queue: its facts, and the decision while none is made. */
export function SignalPage({ token, signalId }: { token: string; signalId: string }) {
  const state = useOperation(ChildFindSignalDocument, { id: signalId }, token)
  if (state.status !== 'done') return <Pending state={state} />
  const signal = state.result.data?.childFindSignal
  if (!signal) {
    return (
      <section className="form-page">
        <p>
          <Link to={SIGNALS_QUEUE}>← к списку сигналов</Link>
        </p>
        <ErrorSummary errors={state.result.errors ?? []} fields={[]} />
        <p role="alert">Сигнал не найден.</p>
      </section>
    )
  }
  if (signal.status !== 'NEW') {
    return (
      <section className="form-page">
        <p>
          <Link to={SIGNALS_QUEUE}>← к списку сигналов</Link>
        </p>
        <h1>Сигнал выявления</h1>
        <SignalFacts signal={signal} />
      </section>
    )
  }
  return <Decide token={token} signal={signal} />
}

/** Social's gate for deciding a signal: its own staff and the regional coordinator. */
export const SIGNAL_ROUTES: readonly FormRoute[] = [
  {
    pattern: /^\/dashboard\/signals\/([^/]+)$/,
    allowed: mayCoordinate,
    render: (match, { token }) => <SignalPage key={match[1]} token={token} signalId={decodeURIComponent(match[1]!)} />,
  },
]
