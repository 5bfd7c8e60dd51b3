import { useState, type ReactNode } from 'react'
import {
  AcceptReferralDocument,
  PauseReferralClockDocument,
  RecordNeedDeterminationDocument,
  ReferralDecisionDocument,
  RejectReferralDocument,
  ResumeReferralClockDocument,
  type NeedOutcome,
  type PauseReason,
  type ReferralDecisionQuery,
  type ReferralRejectionReason,
} from '../../../../schema/__generated__/operations'
import { enumLabels } from '../../shared/__generated__/enum-labels'
import type { HubError } from '../../shared/graphql'
import { formatDate, NEED_OUTCOME, REFERRAL_STATUS, SIDE } from '../labels'
import { navigate } from '../navigation'
import { useOperation } from '../useOperation'
import { ErrorSummary, FormPage, useMutation } from './kit'
import { DateField, labelled, Loaded, SelectField, TextField } from './pathway-fields'
import { today } from './registry-parts'

type Referral = NonNullable<ReferralDecisionQuery['referral']>

const cardOf = (referral: Referral) => `/dashboard/children/${referral.child.id}`

/** A reason from a closed list and its note, which the list's «Иная причина» requires. */
function ReasonAndNote<Reason extends string>(props: {
  label: string
  labels: Readonly<Record<Reason, string>>
  errors: readonly HubError[]
  reason: Reason | ''
  onReason: (reason: Reason) => void
  note: string
  onNote: (note: string) => void
}) {
  return (
    <>
      <SelectField
        label={props.label}
        field="input.reason"
        errors={props.errors}
        value={props.reason}
        onChange={(value) => props.onReason(value as Reason)}
        placeholder="Выберите причину"
        options={labelled(props.labels)}
      />
      <TextField
        label="Пояснение"
        field="input.note"
        errors={props.errors}
        hint="Обязательно при причине «Иная причина»"
        multiline
        value={props.note}
        onChange={props.onNote}
      />
    </>
  )
}

/** What the decision is about: the child, the sender, the day of receipt and the state. */
function About({ referral }: { referral: Referral }) {
  return (
    <p className="muted">
      {referral.child.fullName}: направление от {formatDate(referral.receivedOn)} ({SIDE[referral.fromSide]},{' '}
      {referral.fromOrganisation}) к поставщику «{referral.provider.name}» — {REFERRAL_STATUS[referral.status]}.
      Основание: {referral.reason}
    </p>
  )
}

function WithReferral({
  id,
  token,
  children,
}: {
  id: string
  token: string
  children: (referral: Referral) => ReactNode
}) {
  const state = useOperation(ReferralDecisionDocument, { id }, token)
  return (
    <Loaded state={state}>{({ referral }) => (referral ? children(referral) : <p>Направление не найдено.</p>)}</Loaded>
  )
}

function DecideFields({ referral, token }: { referral: Referral; token: string }) {
  const accept = useMutation(AcceptReferralDocument, token)
  const reject = useMutation(RejectReferralDocument, token)
  const [decision, setDecision] = useState<'accept' | 'reject'>('accept')
  const [decidedOn, setDecidedOn] = useState(today)
  const [reason, setReason] = useState<ReferralRejectionReason | ''>('')
  const [note, setNote] = useState('')
  const { errors, pending } = decision === 'accept' ? accept : reject
  const onSubmit = async () => {
    const done =
      decision === 'accept'
        ? await accept.submit({ input: { referralId: referral.id, decidedOn } })
        : await reject.submit({
            input: {
              referralId: referral.id,
              decidedOn,
              reason: reason as ReferralRejectionReason,
              note: note || null,
            },
          })
    if (done) navigate(cardOf(referral))
  }
  return (
    <FormPage
      title="Решение по направлению"
      back={{ to: cardOf(referral), label: 'к карточке ребёнка' }}
      onSubmit={() => void onSubmit()}
      pending={pending}
      submitLabel={decision === 'accept' ? 'Принять направление' : 'Отказать'}
    >
      <About referral={referral} />
      <fieldset>
        <legend>Решение</legend>
        <label className="inline">
          <input type="radio" checked={decision === 'accept'} onChange={() => setDecision('accept')} /> Принять
        </label>
        <label className="inline">
          <input type="radio" checked={decision === 'reject'} onChange={() => setDecision('reject')} /> Отказать
        </label>
      </fieldset>
      <DateField
        label="Дата решения"
        field="input.decidedOn"
        errors={errors}
        hint={`Не раньше получения направления (${formatDate(referral.receivedOn)}) и не позже сегодняшнего дня`}
        value={decidedOn}
        max={today()}
        onChange={setDecidedOn}
      />
      {decision === 'reject' && (
        <ReasonAndNote
          label="Причина отказа"
          labels={enumLabels.ReferralRejectionReason}
          errors={errors}
          reason={reason}
          onReason={setReason}
          note={note}
          onNote={setNote}
        />
      )}
      <ErrorSummary errors={errors} fields={['input.decidedOn', 'input.reason', 'input.note']} />
    </FormPage>
  )
}

/** Accept or reject a referral (acceptReferral, rejectReferral). */
export function DecideReferralForm({ id, token }: { id: string; token: string }) {
  return (
    <WithReferral id={id} token={token}>
      {(referral) => <DecideFields referral={referral} token={token} />}
    </WithReferral>
  )
}

function ClockFields({ referral, token }: { referral: Referral; token: string }) {
  const open = referral.pauses.find((pause) => pause.endedOn === null)
  const pause = useMutation(PauseReferralClockDocument, token)
  const resume = useMutation(ResumeReferralClockDocument, token)
  const [reason, setReason] = useState<PauseReason | ''>('')
  const [note, setNote] = useState('')
  const [day, setDay] = useState(today)
  const { errors, pending } = open ? resume : pause
  const onSubmit = async () => {
    const done = open
      ? await resume.submit({ input: { referralId: referral.id, endedOn: day } })
      : await pause.submit({
          input: { referralId: referral.id, reason: reason as PauseReason, note: note || null, startedOn: day },
        })
    if (done) navigate(cardOf(referral))
  }
  return (
    <FormPage
      title={open ? 'Возобновление сроков по направлению' : 'Приостановление сроков по направлению'}
      back={{ to: cardOf(referral), label: 'к карточке ребёнка' }}
      onSubmit={() => void onSubmit()}
      pending={pending}
      submitLabel={open ? 'Возобновить сроки' : 'Приостановить сроки'}
    >
      <About referral={referral} />
      {open ? (
        <>
          <p>
            Сроки приостановлены с {formatDate(open.startedOn)}: {enumLabels.PauseReason[open.reason]}
            {open.note ? ` (${open.note})` : ''}.
          </p>
          <DateField
            label="Последний день приостановления"
            field="input.endedOn"
            errors={errors}
            hint="Сроки снова идут со следующего дня"
            value={day}
            max={today()}
            onChange={setDay}
          />
        </>
      ) : (
        <>
          <ReasonAndNote
            label="Причина приостановления"
            labels={enumLabels.PauseReason}
            errors={errors}
            reason={reason}
            onReason={setReason}
            note={note}
            onNote={setNote}
          />
          <DateField label="С какого дня" field="input.startedOn" errors={errors} value={day} onChange={setDay} />
        </>
      )}
      <ErrorSummary errors={errors} fields={['input.reason', 'input.note', 'input.startedOn', 'input.endedOn']} />
    </FormPage>
  )
}

/** Pause the referral's clocks, or resume them when a pause is open (pauseReferralClock, resumeReferralClock). */
export function ReferralClockForm({ id, token }: { id: string; token: string }) {
  return (
    <WithReferral id={id} token={token}>
      {(referral) => <ClockFields referral={referral} token={token} />}
    </WithReferral>
  )
}

function NeedFields({ referral, token }: { referral: Referral; token: string }) {
  const { submit, errors, pending } = useMutation(RecordNeedDeterminationDocument, token)
  const [outcome, setOutcome] = useState<NeedOutcome | ''>('')
  const [determinedOn, setDeterminedOn] = useState(today)
  const [note, setNote] = useState('')
  const onSubmit = async () => {
    const done = await submit({
      input: { referralId: referral.id, outcome: outcome as NeedOutcome, determinedOn, note: note || null },
    })
    if (done) navigate(cardOf(referral))
  }
  return (
    <FormPage
      title="Определение нуждаемости"
      back={{ to: cardOf(referral), label: 'к карточке ребёнка' }}
      onSubmit={() => void onSubmit()}
      pending={pending}
      submitLabel="Внести результат"
    >
      <About referral={referral} />
      <SelectField
        label="Результат"
        field="input.outcome"
        errors={errors}
        value={outcome}
        onChange={(value) => setOutcome(value as NeedOutcome)}
        placeholder="Выберите результат"
        options={labelled(NEED_OUTCOME)}
      />
      <DateField
        label="Дата определения нуждаемости"
        field="input.determinedOn"
        errors={errors}
        hint={`Не раньше получения направления (${formatDate(referral.receivedOn)}) и не позже сегодняшнего дня`}
        value={determinedOn}
        max={today()}
        onChange={setDeterminedOn}
      />
      <TextField label="Пояснение" field="input.note" errors={errors} multiline value={note} onChange={setNote} />
      <ErrorSummary errors={errors} fields={['input.outcome', 'input.determinedOn', 'input.note']} />
    </FormPage>
  )
}

/** The need determination on an accepted referral (recordNeedDetermination). */
export function NeedDeterminationForm({ id, token }: { id: string; token: string }) {
  return (
    <WithReferral id={id} token={token}>
      {(referral) => <NeedFields referral={referral} token={token} />}
    </WithReferral>
  )
}
