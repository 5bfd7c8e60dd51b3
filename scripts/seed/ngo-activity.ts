import type { NgoSeedRows } from '../../subgraphs/ngo/src/db/seed.js'
import { DAY_MS, isoOf } from './days.js'
import type { Random } from './random.js'
import type { Topic } from './region.js'

type Format = NonNullable<NgoSeedRows['parentGroups'][number]['format']>
type Activity = NgoSeedRows['volunteerHours'][number]['activity']

const ACTIVITIES: readonly Activity[] = ['FAMILY_SUPPORT', 'CHILD_LEISURE', 'TRANSPORT', 'EVENTS', 'PARENT_GROUPS']

const MEETING_TOPICS: Readonly<Record<Topic, readonly string[]>> = {
  PREMATURE: [
    'Выхаживание недоношенного ребёнка дома: первые месяцы',
    'Кормление и прибавка в весе у недоношенных детей',
    'Скорректированный возраст и развитие движений',
  ],
  DOWN: [
    'Раннее развитие ребёнка с синдромом Дауна',
    'Альтернативная коммуникация: жесты и карточки',
    'Опыт семей: детский сад для особого ребёнка',
  ],
  HEARING: [
    'Слуховые аппараты и кохлеарная имплантация: вопросы родителей',
    'Развитие слухового восприятия в повседневной жизни',
    'Общение с ребёнком с нарушением слуха в семье',
  ],
  MOTOR: [
    'Позиционирование и технические средства реабилитации дома',
    'Права семьи ребёнка-инвалида: ИПРА и льготы',
    'Игры для развития движений',
  ],
  SPEECH: ['Как помочь ребёнку заговорить: игры дома', 'Когда обращаться к логопеду', 'Чтение книг с малышом'],
  GENERAL: [
    'Режим дня и сон ребёнка раннего возраста',
    'Эмоциональное выгорание родителей: как себе помочь',
    'Права семьи и меры социальной поддержки',
    'Игра как основа развития ребёнка',
    'Адаптация к детскому саду',
  ],
}

/**
 * The non-state providers' own activity, the same whatever the number of children: the parent groups' format, start
 * and monthly meetings, and the volunteers with the hours they gave. It draws on a random stream of its own, so that
 * adding it left every other row as it was.
 */
export function addNgoActivity(
  random: Random,
  ngo: NgoSeedRows,
  groups: readonly { id: string; topic: Topic; online: boolean }[],
  providerIds: readonly string[],
  today: number,
) {
  for (const group of ngo.parentGroups) {
    const spec = groups.find((candidate) => candidate.id === group.id)
    if (!spec) throw new Error(`The parent group ${group.id} has no topic`)
    const format: Format = spec.online
      ? 'REMOTE'
      : random.weighted<Format>([
          ['IN_PERSON', 70],
          ['MIXED', 30],
        ])
    // Started before the oldest child of the region was born, so that every family joins a group already running.
    const started = today - random.int(1200, 3300)
    group.format = format
    group.started_on = isoOf(started)
    for (let day = started + random.int(7, 30); day <= today; day += random.int(26, 35)) {
      // The groups take a summer break in July and August.
      const month = new Date(day * DAY_MS).getUTCMonth()
      if (month === 6 || month === 7) continue
      ngo.parentGroupMeetings.push({
        id: random.uuid(),
        parent_group_id: group.id,
        held_on: isoOf(day),
        topic: random.pick(MEETING_TOPICS[spec.topic]),
        format:
          format === 'MIXED'
            ? random.weighted<Format>([
                ['IN_PERSON', 50],
                ['REMOTE', 20],
                ['MIXED', 30],
              ])
            : format,
        attending_families: spec.online ? random.int(4, 20) : random.int(2, 12),
      })
    }
  }

  for (const providerId of providerIds) {
    let number = random.int(1, 30)
    for (let count = random.int(4, 10); count > 0; count--) {
      const kinds = ACTIVITIES.filter(() => random.chance(0.35))
      const activities = kinds.length > 0 ? kinds : [random.pick(ACTIVITIES)]
      const started = today - random.int(20, 6 * 365)
      const ended = random.chance(0.25) && started + 30 < today ? random.int(started + 30, today) : null
      const id = random.uuid()
      ngo.volunteers.push({
        id,
        provider_id: providerId,
        registration_number: `В-${String(number++).padStart(3, '0')}`,
        activity_kinds: activities,
        started_on: isoOf(started),
        ended_on: ended === null ? null : isoOf(ended),
      })
      // A day every one to three weeks over the last year of the volunteer's work, in quarter hours.
      const last = ended ?? today
      for (let day = Math.max(started, last - 365) + random.int(0, 14); day <= last; day += random.int(7, 21)) {
        ngo.volunteerHours.push({
          id: random.uuid(),
          volunteer_id: id,
          worked_on: isoOf(day),
          minutes: 15 * random.int(4, 24),
          activity: random.pick(activities),
        })
      }
    }
  }
}
