import { useState, type FormEvent } from 'react'
import {
  ChildMergeDocument,
  ChildRecordDocument,
  DismissPossibleDuplicateDocument,
  MergeChildrenDocument,
  PossibleDuplicatesDocument,
  UndoChildMergeDocument,
  type ChildMergeFieldsFragment,
} from '../../../../schema/__generated__/operations'
import { enumLabels } from '../../shared/__generated__/enum-labels'
import { CRITERION, formatDate, REGISTRY_STATUS, SEX } from '../labels'
import { Link, navigate } from '../navigation'
import { Pending } from '../Status'
import { useOperation } from '../useOperation'
import { ErrorSummary, FormPage, useMutation } from './kit'
import { cardPath, Confirmation, TextField, today, type ChildRecord } from './registry-parts'

/** Two records of one child: a possible duplicate merged or dismissed, and a merge undone. */

const DUPLICATES_QUEUE = '/dashboard/queues/duplicates'

/** The order of the registry statuses along the pathway: the record further along survives a merge. */
const STAGE = Object.keys(REGISTRY_STATUS)

function facts(child: ChildRecord): [string, string][] {
  const members = child.family?.members.filter((member) => member.leftOn === null) ?? []
  return [
    ['ФИО', child.fullName],
    ['Дата рождения', formatDate(child.birthDate)],
    ['Пол', SEX[child.sex]],
    ['СНИЛС', child.snils ?? 'не указан'],
    ['Муниципальное образование', child.municipality.name],
    ['Статус в реестре', REGISTRY_STATUS[child.registryStatus]],
    ['Внесён в реестр', formatDate(child.registeredAt)],
    ['Критерии', child.criteria.map((criterion) => CRITERION[criterion.code]).join(', ') || 'нет'],
    ['Семья', members.map((member) => member.fullName).join(', ') || 'не указана'],
    ['Направления', String(child.referrals.length)],
    ['ИПРП (версий)', String(child.programmes.length)],
  ]
}

/** The two records side by side, a row per fact, differences marked. */
function SideBySide({ left, right }: { left: ChildRecord; right: ChildRecord }) {
  const a = facts(left)
  const b = facts(right)
  return (
    <table className="side-by-side">
      <thead>
        <tr>
          <th scope="col">Сведения</th>
          <th scope="col">
            <Link to={cardPath(left.id)}>Запись, при внесении которой найдено совпадение</Link>
          </th>
          <th scope="col">
            <Link to={cardPath(right.id)}>Ранее внесённая запись</Link>
          </th>
        </tr>
      </thead>
      <tbody>
        {a.map(([label, value], index) => {
          const other = b[index]![1]
          return (
            <tr key={label} className={value === other ? undefined : 'differs'}>
              <th scope="row">{label}</th>
              <td>{value}</td>
              <td>
                {other}
                {value !== other && <span className="visually-hidden"> (различается)</span>}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

function useRecord(id: string, token: string) {
  return useOperation(ChildRecordDocument, { id, inForceOn: today() }, token)
}

function Resolve({
  token,
  duplicateId,
  child,
  candidate,
}: {
  token: string
  duplicateId: string
  child: ChildRecord
  candidate: ChildRecord
}) {
  const merge = useMutation(MergeChildrenDocument, token)
  const dismiss = useMutation(DismissPossibleDuplicateDocument, token)
  // The record further along the pathway survives; on a par, the one registered earlier.
  const further =
    STAGE.indexOf(child.registryStatus) > STAGE.indexOf(candidate.registryStatus) ? child.id : candidate.id
  const which = (record: ChildRecord) =>
    record.id === child.id ? 'новая запись, при внесении которой найдено совпадение' : 'ранее внесённая запись'
  const [survivorId, setSurvivorId] = useState(further)
  const [mergeReason, setMergeReason] = useState('')
  const [note, setNote] = useState('')
  const [asking, setAsking] = useState(false)
  const survivor = survivorId === child.id ? child : candidate
  const merged = survivorId === child.id ? candidate : child
  const sendMerge = async () => {
    const input = { survivorId, mergedId: merged.id, reason: mergeReason, possibleDuplicateId: duplicateId }
    if (await merge.submit({ input })) navigate(cardPath(survivorId))
    else setAsking(false)
  }
  const sendDismissal = async (event: FormEvent) => {
    event.preventDefault()
    if (await dismiss.submit({ input: { possibleDuplicateId: duplicateId, note } })) navigate(DUPLICATES_QUEUE)
  }
  return (
    <>
      <FormPage
        title="Возможный дубль записи"
        back={{ to: DUPLICATES_QUEUE, label: 'к списку возможных дублей' }}
        onSubmit={() => setAsking(true)}
        pending={merge.pending}
        submitLabel="Объединить"
      >
        <p>Совпадают ФИО и дата рождения, другие сведения расходятся: они отмечены в таблице.</p>
        <SideBySide left={child} right={candidate} />
        <fieldset>
          <legend>Какая запись сохраняется</legend>
          {[child, candidate].map((record) => (
            <label key={record.id} className="check">
              <input
                type="radio"
                name="survivor"
                checked={survivorId === record.id}
                onChange={() => setSurvivorId(record.id)}
              />
              {which(record)}: {SEX[record.sex].toLowerCase()} пол,{' '}
              {REGISTRY_STATUS[record.registryStatus].toLowerCase()}
              {record.id === further ? ' (рекомендуется: запись дальше по маршруту или внесена раньше)' : ''}
            </label>
          ))}
        </fieldset>
        <TextField
          label="Основание объединения"
          field="input.reason"
          errors={merge.errors}
          value={mergeReason}
          onChange={setMergeReason}
          hint="Например: «Сверено со свидетельством о рождении»"
        />
        {asking && (
          <Confirmation
            confirmLabel="Да, объединить"
            onConfirm={() => void sendMerge()}
            onCancel={() => setAsking(false)}
            pending={merge.pending}
          >
            <p>
              {which(merged).replace(/^./, (letter) => letter.toUpperCase())} «{merged.fullName}» будет скрыта из
              реестра, а её критерии, направления и сведения всех ведомств перейдут в {which(survivor)} «
              {survivor.fullName}». Объединение можно отменить с карточки ребёнка.
            </p>
          </Confirmation>
        )}
        <ErrorSummary errors={merge.errors} fields={['input.reason']} />
      </FormPage>
      <section className="form-page">
        <h2>Это разные дети</h2>
        <form onSubmit={(event) => void sendDismissal(event)} noValidate>
          <TextField
            label="Почему записи относятся к разным детям"
            field="input.note"
            errors={dismiss.errors}
            value={note}
            onChange={setNote}
          />
          <ErrorSummary errors={dismiss.errors} fields={['input.note']} />
          <div className="form-buttons">
            <button type="submit" disabled={dismiss.pending}>
              Это разные дети
            </button>
          </div>
        </form>
      </section>
    </>
  )
}

/** A possible duplicate from the coordinator's queue: the two records side by side, merged or dismissed. */
export function PossibleDuplicatePage({ token, duplicateId }: { token: string; duplicateId: string }) {
  const list = useOperation(PossibleDuplicatesDocument, { status: null }, token)
  const duplicate =
    list.status === 'done' ? list.result.data?.possibleDuplicates.find((item) => item.id === duplicateId) : undefined
  const child = useRecord(duplicate?.child.id ?? '', token)
  const candidate = useRecord(duplicate?.candidate.id ?? '', token)
  if (list.status !== 'done') return <Pending state={list} />
  if (!duplicate) {
    return (
      <section className="form-page">
        <p>
          <Link to={DUPLICATES_QUEUE}>← к списку возможных дублей</Link>
        </p>
        <p role="alert">Этот возможный дубль уже решён или не найден.</p>
      </section>
    )
  }
  if (child.status !== 'done') return <Pending state={child} />
  if (candidate.status !== 'done') return <Pending state={candidate} />
  const a = child.result.data?.child
  const b = candidate.result.data?.child
  if (!a || !b) return <p role="alert">Одна из записей не найдена в реестре.</p>
  return <Resolve token={token} duplicateId={duplicateId} child={a} candidate={b} />
}

function MergeFacts({ merge }: { merge: ChildMergeFieldsFragment }) {
  return (
    <dl className="facts">
      <dt>Сохранённая запись</dt>
      <dd>
        <Link to={cardPath(merge.survivor.id)}>{merge.survivor.fullName}</Link>, {formatDate(merge.survivor.birthDate)}
      </dd>
      <dt>Объединённая запись</dt>
      <dd>
        <Link to={cardPath(merge.merged.id)}>{merge.merged.fullName}</Link>, {formatDate(merge.merged.birthDate)}
      </dd>
      <dt>Объединено</dt>
      <dd>
        {formatDate(merge.mergedAt)}: {merge.reason}
      </dd>
      {merge.undoneAt && (
        <>
          <dt>Отменено</dt>
          <dd>
            {formatDate(merge.undoneAt)}: {merge.undoReason}
          </dd>
        </>
      )}
      <dt>Передача в ведомства</dt>
      <dd>
        <ul className="plain">
          {merge.deliveries.map((delivery) => (
            <li key={`${delivery.side}-${delivery.action}`}>
              {enumLabels.MergeSide[delivery.side]}, {enumLabels.ChildMergeAction[delivery.action].toLowerCase()}:{' '}
              {delivery.deliveredAt
                ? `подтверждено ${formatDate(delivery.deliveredAt)}`
                : `ещё не подтверждено (попыток: ${delivery.attempts})`}
            </li>
          ))}
        </ul>
      </dd>
    </dl>
  )
}

function UndoMerge({ token, merge }: { token: string; merge: ChildMergeFieldsFragment }) {
  const { submit, errors, pending } = useMutation(UndoChildMergeDocument, token)
  const [reason, setReason] = useState('')
  const [asking, setAsking] = useState(false)
  const back = { to: cardPath(merge.survivor.id), label: `к карточке: ${merge.survivor.fullName}` }
  const send = async () => {
    if (await submit({ input: { mergeId: merge.id, reason } })) navigate(cardPath(merge.survivor.id))
    else setAsking(false)
  }
  if (merge.undoneAt) {
    return (
      <section className="form-page">
        <p>
          <Link to={back.to}>← {back.label}</Link>
        </p>
        <h1>Объединение отменено</h1>
        <MergeFacts merge={merge} />
      </section>
    )
  }
  return (
    <FormPage
      title="Отменить объединение записей"
      back={back}
      onSubmit={() => setAsking(true)}
      pending={pending}
      submitLabel="Отменить объединение"
    >
      <MergeFacts merge={merge} />
      <TextField
        label="Основание отмены"
        field="input.reason"
        errors={errors}
        value={reason}
        onChange={setReason}
        hint="Например: «Объединены ошибочно: разные дети»"
      />
      {asking && (
        <Confirmation
          confirmLabel="Да, отменить объединение"
          onConfirm={() => void send()}
          onCancel={() => setAsking(false)}
          pending={pending}
        >
          <p>
            Записи «{merge.survivor.fullName}» и «{merge.merged.fullName}» снова станут отдельными: объединённая запись
            вернётся в реестр, и к ней вернутся сведения, перенесённые при объединении. Внесённое в сохранённую запись
            после объединения останется в ней.
          </p>
        </Confirmation>
      )}
      <ErrorSummary errors={errors} fields={['input.reason']} />
    </FormPage>
  )
}

/** A merge from the card or the merges queue: what was merged, its delivery, and the way to undo it. */
export function MergePage({ token, mergeId }: { token: string; mergeId: string }) {
  const state = useOperation(ChildMergeDocument, { id: mergeId }, token)
  if (state.status !== 'done') return <Pending state={state} />
  const merge = state.result.data?.childMerge
  if (!merge) return <p role="alert">Объединение не найдено.</p>
  return <UndoMerge token={token} merge={merge} />
}
