import { regionDay } from '@hub/platform/region-time'
import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import {
  ConsentQueueDocument,
  DraftQueueDocument,
  DuplicateQueueDocument,
  ExpiredCriteriaQueueDocument,
  MergeQueueDocument,
  OverdueProgrammeReviewsDocument,
  ProgrammeExitsDueDocument,
  ReferralQueueDocument,
  SignalQueueDocument,
  TransitionsDueDocument,
  type ChildFindSignalFieldsFragment,
  type ProgrammeExitsDueQuery,
  type QueueChildFieldsFragment,
  type TransitionsDueQuery,
} from '../../../schema/__generated__/operations'
import { runOperation, type HubError } from '../shared/graphql'
import { CLOCK_STATUS, CONSENT_RECIPIENT, CRITERION, DEADLINE_CLOCK, formatDate, SIDE, SIGNAL_KIND } from './labels'
import type { Column } from './export'
import type { QueueId } from './roles'

/** One item of a work queue, the same shape for every queue: what the table, the filters and the exports show. */
export interface QueueRow {
  id: string
  childId: string
  child: string
  municipality: string
  provider: string
  status: string
  /** The day the item falls due or fell due (ISO), by which the queue is sorted; null when it has none. */
  dueOn: string | null
  details: string
  /** The form that resolves the item, where there is one: the row leads there too. */
  action?: { label: string; path: string }
}

/** The columns of every queue's table and of its downloads, with their Russian headings. */
export const QUEUE_COLUMNS: readonly Column<QueueRow>[] = [
  { heading: 'Ребёнок', value: (row) => row.child },
  { heading: 'Муниципальное образование', value: (row) => row.municipality },
  { heading: 'Поставщик', value: (row) => row.provider },
  { heading: 'Состояние', value: (row) => row.status },
  { heading: 'Срок', value: (row) => row.dueOn, day: true },
  { heading: 'Подробности', value: (row) => row.details },
]

export interface QueueAnswer {
  rows: QueueRow[]
  errors: HubError[]
}

interface Queue {
  title: string
  /** What the queue holds, for the home page and the queue's page. */
  description: string
  load: (token: string, provider: string | null) => Promise<QueueAnswer>
}

/** How many days before a clock runs out a referral joins the queue. */
export const NEAR_DAYS = 5

function dayAfter(days: number) {
  return regionDay(new Date(Date.now() + days * 86_400_000))
}

async function run<R, V>(
  document: TypedDocumentNode<R, V>,
  variables: V,
  token: string,
  rows: (data: R) => QueueRow[],
): Promise<QueueAnswer> {
  const result = await runOperation(document, variables, token)
  return { rows: result.data ? rows(result.data) : [], errors: result.errors ?? [] }
}

/** The row's child: the link to the card and the municipality to filter by. */
function about(child: QueueChildFieldsFragment) {
  return { childId: child.id, child: child.fullName, municipality: child.municipality.name }
}

const workFilter = (provider: string | null) => (provider ? { filter: { provider } } : {})

/** The step that moves an open referral on: the provider's decision, the need determination, then the ИПРП. */
function referralAction(referral: { id: string; status: string; needOutcome?: string | null; child: { id: string } }) {
  if (referral.status === 'RECEIVED') {
    return { label: 'Принять или отказать', path: `/dashboard/referrals/${referral.id}/decision` }
  }
  if (!referral.needOutcome) {
    return { label: 'Определение нуждаемости', path: `/dashboard/referrals/${referral.id}/need` }
  }
  return { label: 'Разработать проект ИПРП', path: `/dashboard/children/${referral.child.id}/programmes/new` }
}

/** Children whose transition is being planned or overdue: education places the child, from the queue application on. */
function transitionRows(data: TransitionsDueQuery): QueueRow[] {
  return data.transitionsDue.map((programme) => ({
    id: programme.id,
    ...about(programme.child),
    provider: programme.provider.name,
    status: programme.transitionClock ? CLOCK_STATUS[programme.transitionClock.status] : '—',
    dueOn: programme.transitionClock?.dueOn ?? null,
    details: `Дата рождения ${formatDate(programme.child.birthDate)}; планирование с ${formatDate(programme.transitionClock?.startedOn)}`,
    // The link shows to those who may use the form.
    action: {
      label: 'Поставить в очередь в детский сад',
      path: `/dashboard/children/${programme.child.id}/education/preschool-application`,
    },
  }))
}

/** Programmes of children enrolled in a kindergarten: the provider ends them, the transition being the reason. */
function exitRows(data: ProgrammeExitsDueQuery): QueueRow[] {
  return (data.programmeExitsDue.programmes ?? []).map(({ programme, enrolledOn }) => ({
    id: programme.id,
    ...about(programme.child),
    provider: programme.provider.name,
    status: 'ИПРП к завершению: ребёнок зачислен в детский сад',
    dueOn: enrolledOn,
    details: `Зачислен в детский сад ${formatDate(enrolledOn)}; ИПРП, версия ${programme.version}, подписана ${formatDate(programme.signedOn)}`,
    action: {
      label: 'Завершить ИПРП',
      path: `/dashboard/children/${programme.child.id}/programme-exit?reason=TRANSITION_TO_PRESCHOOL&on=${enrolledOn}`,
    },
  }))
}

/** What a side recorded, as a sentence: «Здравоохранение: установлена V группа здоровья, 05.12.2026». */
export function signalFact(signal: Pick<ChildFindSignalFieldsFragment, 'source' | 'kind' | 'recordedOn'>) {
  const kind = SIGNAL_KIND[signal.kind]
  return `${SIDE[signal.source]}: ${kind.charAt(0).toLowerCase()}${kind.slice(1)}, ${formatDate(signal.recordedOn)}`
}

/** The path of a signal's page, where the coordinator accepts or dismisses it. */
export function signalPath(signalId: string) {
  return `/dashboard/signals/${encodeURIComponent(signalId)}`
}

export const QUEUES: Record<QueueId, Queue> = {
  signals: {
    title: 'Сигналы',
    description:
      'Сведения здравоохранения и образования, отвечающие критерию целевой группы: принять критерий или отклонить сигнал',
    load: (token) =>
      run(SignalQueueDocument, { first: 1000 }, token, (data) =>
        data.childFindSignals.edges.map(({ node: signal }) => ({
          id: signal.id,
          ...about(signal.child),
          provider: '—',
          status: signal.clock ? CLOCK_STATUS[signal.clock.status] : 'Не рассмотрен',
          dueOn: signal.clock?.dueOn ?? null,
          details: `${signalFact(signal)}; предлагается критерий «${CRITERION[signal.proposedCriterion]}»; поступил ${formatDate(signal.receivedAt)}`,
          action: { label: 'Принять или отклонить', path: signalPath(signal.id) },
        })),
      ),
  },
  referrals: {
    title: 'Направления: срок подходит или истёк',
    description: `Открытые направления, у которых срок истёк или истекает в ближайшие ${NEAR_DAYS} дней`,
    load: (token, provider) =>
      run(ReferralQueueDocument, { provider }, token, (data) => {
        const near = dayAfter(NEAR_DAYS)
        return data.openReferrals.flatMap((referral) => {
          const urgent = referral.clocks
            .filter((clock) => clock.status === 'OVERDUE' || (clock.status === 'RUNNING' && clock.dueOn <= near))
            .sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0]
          if (!urgent) return []
          return [
            {
              id: referral.id,
              ...about(referral.child),
              provider: referral.provider.name,
              status: CLOCK_STATUS[urgent.status],
              dueOn: urgent.dueOn,
              details: `${DEADLINE_CLOCK[urgent.code]}; направление от ${formatDate(referral.receivedOn)}, ${referral.fromOrganisation}`,
              action: referralAction(referral),
            },
          ]
        })
      }),
  },
  reviews: {
    title: 'Просроченная промежуточная оценка ИПРП',
    description: 'Действующие ИПРП, промежуточная оценка которых просрочена',
    load: (token, provider) =>
      run(OverdueProgrammeReviewsDocument, { provider }, token, (data) =>
        data.overdueProgrammeReviews.map((programme) => ({
          id: programme.id,
          ...about(programme.child),
          provider: programme.provider.name,
          status: programme.reviewClock ? CLOCK_STATUS[programme.reviewClock.status] : '—',
          dueOn: programme.reviewClock?.dueOn ?? null,
          details: `ИПРП, версия ${programme.version}, подписана ${formatDate(programme.signedOn)}`,
          action: {
            label: 'Внести оценку',
            path: `/dashboard/children/${programme.child.id}/programmes/${programme.id}/review`,
          },
        })),
      ),
  },
  transitions: {
    title: 'Переход в дошкольную организацию',
    description:
      'Дети с действующей ИПРП, у которых начался период планирования перехода или срок истёк, и ИПРП к завершению: ребёнок зачислен в детский сад',
    load: async (token, provider) => {
      const [exits, transitions] = await Promise.all([
        run(ProgrammeExitsDueDocument, { provider }, token, exitRows),
        run(TransitionsDueDocument, { provider, clockStatus: null }, token, transitionRows),
      ])
      // A child enrolled in a kindergarten needs no more planning of the transition: the programme's exit is due.
      const ending = new Set(exits.rows.map((row) => row.id))
      return {
        rows: [...exits.rows, ...transitions.rows.filter((row) => !ending.has(row.id))],
        errors: [...exits.errors, ...transitions.errors],
      }
    },
  },
  drafts: {
    title: 'Проекты ИПРП на подписании',
    description: 'Проекты индивидуальных программ, ещё не подписанные законным представителем',
    load: (token, provider) =>
      run(DraftQueueDocument, workFilter(provider), token, (data) =>
        data.programmeDraftsAwaitingSignature.items.map((programme) => ({
          id: programme.id,
          ...about(programme.child),
          provider: programme.provider.name,
          status: 'Проект, не подписан',
          dueOn: String(programme.createdAt).slice(0, 10),
          details: `Версия ${programme.version}, проект от ${formatDate(programme.createdAt)}`,
          action: {
            label: 'Подписать ИПРП',
            path: `/dashboard/children/${programme.child.id}/programmes/${programme.id}/sign`,
          },
        })),
      ),
  },
  criteria: {
    title: 'Истёк срок действия критерия',
    description: 'Критерии целевой группы, срок действия которых истёк, а нового нет',
    load: (token, provider) =>
      run(ExpiredCriteriaQueueDocument, workFilter(provider), token, (data) =>
        data.expiredCriteria.items.map((criterion) => ({
          id: criterion.id,
          ...about(criterion.child),
          provider: '—',
          status: CRITERION[criterion.code],
          dueOn: criterion.validTo ?? null,
          details: `${SIDE[criterion.source]}; ${criterion.evidenceDocument ?? 'без документа'}; действовал с ${formatDate(criterion.validFrom)}`,
          action: {
            label: 'Продлить: новый критерий',
            path: `/dashboard/children/${criterion.child.id}/criteria/new?code=${criterion.code}`,
          },
        })),
      ),
  },
  consents: {
    title: 'Согласия: отозваны или истекают полномочия',
    description: 'Согласия, отозванные за 30 дней, и согласия, полномочия подписавшего которые истекают',
    load: (token, provider) =>
      run(ConsentQueueDocument, workFilter(provider), token, (data) =>
        data.consentsRequiringAttention.items.map((consent) => ({
          id: consent.id,
          ...about(consent.child),
          provider: consent.recipientProvider?.name ?? '—',
          status: consent.revokedAt ? 'Отозвано' : 'Истекают полномочия представителя',
          dueOn: consent.revokedAt ? String(consent.revokedAt).slice(0, 10) : (consent.representative.validTo ?? null),
          details: `${consent.representative.fullName}; получатель: ${
            consent.recipientProvider?.name ?? (consent.recipientSide ? CONSENT_RECIPIENT[consent.recipientSide] : '—')
          }`,
          action: { label: 'Внести новое согласие', path: `/dashboard/children/${consent.child.id}/consents/new` },
        })),
      ),
  },
  duplicates: {
    title: 'Возможные дубликаты записей',
    description: 'Записи реестра, которые могут описывать одного ребёнка',
    load: (token) =>
      run(DuplicateQueueDocument, {}, token, (data) =>
        data.possibleDuplicates.map((duplicate) => ({
          id: duplicate.id,
          ...about(duplicate.child),
          provider: '—',
          status: 'Не разобран',
          dueOn: String(duplicate.detectedAt).slice(0, 10),
          details: `Похожая запись: ${duplicate.candidate.fullName}, ${formatDate(duplicate.candidate.birthDate)}`,
          action: { label: 'Сравнить и решить', path: `/dashboard/duplicates/${duplicate.id}` },
        })),
      ),
  },
  merges: {
    title: 'Объединения записей в пути',
    description: 'Объединения и их отмены, которые ещё не подтвердил хотя бы один подграф',
    load: (token) =>
      run(MergeQueueDocument, {}, token, (data) =>
        data.pendingChildMerges.map((merge) => ({
          id: merge.id,
          ...about(merge.survivor),
          provider: '—',
          status: merge.undoneAt ? 'Отмена не доставлена' : 'Объединение не доставлено',
          dueOn: String(merge.undoneAt ?? merge.mergedAt).slice(0, 10),
          details: `Объединённая запись: ${merge.merged.fullName}; ждут: ${merge.deliveries
            .filter((delivery) => delivery.deliveredAt === null)
            .map((delivery) => SIDE[delivery.side])
            .join(', ')}`,
          action: { label: 'Открыть объединение', path: `/dashboard/merges/${merge.id}` },
        })),
      ),
  },
}

/** Most urgent first: the earliest day, then by name. */
export function byUrgency(a: QueueRow, b: QueueRow) {
  return (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || a.child.localeCompare(b.child, 'ru')
}
