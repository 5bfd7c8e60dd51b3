import { useState } from 'react'
import { AddCriterionDocument, EndCriterionDocument, type Side } from '../../../../schema/__generated__/operations'
import { optionsOf } from '../Choice'
import { CRITERION, SIDE, termText } from '../labels'
import { navigate } from '../navigation'
import { ErrorSummary, FormPage, idempotencyKey, useMutation } from './kit'
import { criterionInput, CriterionFields, emptyCriterion } from './register-child'
import { backTo, cardPath, SelectField, TextField, today, WithChild, type ChildRecord } from './registry-parts'

/** The criteria forms: a target-group criterion added with its evidence, or ended on its last day. */

/** «Критерии: добавить»; `code` chooses the criterion in advance (renewing one whose term ran out). */
function AddCriterion({ token, child, code }: { token: string; child: ChildRecord; code: string }) {
  const { submit, errors, pending } = useMutation(AddCriterionDocument, token)
  const [draft, setDraft] = useState(() => emptyCriterion(code))
  const [source, setSource] = useState('')
  const send = async () => {
    const input = {
      childId: child.id,
      source: source as Side,
      criterion: criterionInput(draft),
      idempotencyKey: idempotencyKey(),
    }
    if (await submit({ input })) navigate(cardPath(child.id))
  }
  return (
    <FormPage
      title="Добавить критерий целевой группы"
      back={backTo(child)}
      onSubmit={() => void send()}
      pending={pending}
      submitLabel="Добавить критерий"
    >
      <p className="muted">Ребёнок: {child.fullName}</p>
      <SelectField
        label="Ведомство — источник сведений"
        field="input.source"
        errors={errors}
        value={source}
        onChange={setSource}
        none="— выберите —"
        options={optionsOf(SIDE)}
        hint="Чей документ подтверждает критерий"
      />
      <CriterionFields field="input.criterion" draft={draft} onChange={setDraft} errors={errors} />
      <ErrorSummary errors={errors} fields={['input.source', 'input.criterion']} />
    </FormPage>
  )
}

/** «Критерии: прекратить»: the last day a criterion in force applies. */
function EndCriterion({ token, child }: { token: string; child: ChildRecord }) {
  const { submit, errors, pending } = useMutation(EndCriterionDocument, token)
  const open = child.criteria.filter((criterion) => criterion.validTo === null || criterion.validTo >= today())
  const [criterionId, setCriterionId] = useState(open.length === 1 ? open[0]!.id : '')
  const [validTo, setValidTo] = useState(today())
  const send = async () => {
    if (await submit({ input: { criterionId, validTo } })) navigate(cardPath(child.id))
  }
  return (
    <FormPage
      title="Прекратить действие критерия"
      back={backTo(child)}
      onSubmit={() => void send()}
      pending={pending}
      submitLabel="Прекратить"
    >
      <p className="muted">Ребёнок: {child.fullName}</p>
      <SelectField
        label="Критерий"
        field="input.criterionId"
        errors={errors}
        value={criterionId}
        onChange={setCriterionId}
        none={open.length ? '— выберите —' : 'Действующих критериев нет'}
        options={open.map((criterion) => ({
          value: criterion.id,
          label: `${CRITERION[criterion.code]} (${SIDE[criterion.source].toLowerCase()}, ${termText(criterion.validFrom, criterion.validTo)})`,
        }))}
      />
      <TextField
        label="Последний день действия"
        type="date"
        field="input.validTo"
        errors={errors}
        value={validTo}
        onChange={setValidTo}
      />
      <ErrorSummary errors={errors} fields={['input.criterionId', 'input.validTo']} />
    </FormPage>
  )
}

/** The criteria forms reached from a child's card and the expired-criteria queue (`?code=` renews a criterion). */
export function ChildCriterionForm({ token, childId, form }: { token: string; childId: string; form: 'new' | 'end' }) {
  const code = new URLSearchParams(location.search).get('code') ?? ''
  return (
    <WithChild id={childId} token={token}>
      {(child) =>
        form === 'new' ? (
          <AddCriterion token={token} child={child} code={code in CRITERION ? code : ''} />
        ) : (
          <EndCriterion token={token} child={child} />
        )
      }
    </WithChild>
  )
}
