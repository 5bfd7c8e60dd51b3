import { sql, type Kysely } from 'kysely'

// Frozen in time: the regional catalogue every deployment starts from (the services of the recommended Standard);
// a region edits its own through later migrations or the catalogue mutations.
const CATALOGUE = [
  [
    'NEED_DETERMINATION',
    'NEED_DETERMINATION',
    'Определение нуждаемости ребёнка и семьи в услугах ранней помощи',
    'Первичный приём: оценка развития ребёнка и запросов семьи, решение о нуждаемости в услугах ранней помощи.',
    90,
    'Однократно',
    false,
    ['PSYCHOLOGIST', 'DEFECTOLOGIST'],
  ],
  [
    'IPRP_DEVELOPMENT',
    'PROGRAMME_PLANNING',
    'Разработка индивидуальной программы ранней помощи (ИПРП)',
    'Оценочные процедуры функционирования (МКФ-ДП), постановка целей с семьёй, согласование ИПРП с законным представителем.',
    120,
    'Однократно',
    false,
    ['PSYCHOLOGIST', 'DEFECTOLOGIST', 'SPEECH_THERAPIST'],
  ],
  [
    'IPRP_REVIEW',
    'PROGRAMME_PLANNING',
    'Промежуточная и итоговая оценка реализации ИПРП',
    'Оценка достижения целей ИПРП и функционирования ребёнка, пересмотр программы.',
    90,
    'Не реже 1 раза в 6 месяцев',
    true,
    ['PSYCHOLOGIST', 'DEFECTOLOGIST'],
  ],
  [
    'CONSULTATION',
    'CONSULTATION',
    'Консультирование родителей (законных представителей) без разработки ИПРП',
    'Консультирование семьи по вопросам развития, воспитания и ухода без разработки ИПРП.',
    60,
    'По обращению',
    true,
    ['PSYCHOLOGIST'],
  ],
  [
    'DAILY_ROUTINES',
    'PROGRAMME',
    'Содействие развитию функционирования ребёнка и семьи в естественных жизненных ситуациях',
    'Занятия в повседневных ситуациях семьи: кормление, одевание, игра, прогулка.',
    60,
    '1–2 раза в неделю',
    true,
    ['DEFECTOLOGIST', 'PSYCHOLOGIST'],
  ],
  [
    'COMMUNICATION_SPEECH',
    'PROGRAMME',
    'Содействие развитию общения и речи ребёнка',
    'Развитие коммуникации, в том числе с альтернативными и дополнительными средствами.',
    45,
    '1–2 раза в неделю',
    true,
    ['SPEECH_THERAPIST'],
  ],
  [
    'MOBILITY',
    'PROGRAMME',
    'Содействие развитию мобильности ребёнка',
    'Развитие движений и передвижения, позиционирование, подбор средств передвижения.',
    45,
    '1–2 раза в неделю',
    false,
    ['ADAPTIVE_PE_INSTRUCTOR'],
  ],
  [
    'SELF_CARE',
    'PROGRAMME',
    'Содействие развитию самообслуживания и бытовых навыков ребёнка',
    'Навыки еды, питья, одевания, гигиены с учётом возраста.',
    45,
    '1 раз в неделю',
    true,
    ['DEFECTOLOGIST', 'OCCUPATIONAL_THERAPIST'],
  ],
  [
    'COGNITIVE',
    'PROGRAMME',
    'Содействие развитию познавательной активности ребёнка',
    'Развитие внимания, восприятия, игры и познавательной активности.',
    45,
    '1–2 раза в неделю',
    true,
    ['DEFECTOLOGIST'],
  ],
  [
    'SOCIAL_EMOTIONAL',
    'PROGRAMME',
    'Содействие социально-эмоциональному развитию ребёнка',
    'Развитие взаимодействия с близкими взрослыми и сверстниками, эмоциональной регуляции.',
    45,
    '1 раз в неделю',
    true,
    ['PSYCHOLOGIST'],
  ],
  [
    'ASSISTIVE_TECHNOLOGY',
    'PROGRAMME',
    'Подбор технических средств реабилитации (ассистивных технологий) и обучение их использованию',
    'Подбор и адаптация технических средств, обучение семьи их использованию.',
    60,
    'По потребности',
    false,
    ['OCCUPATIONAL_THERAPIST', 'ADAPTIVE_PE_INSTRUCTOR'],
  ],
  [
    'FAMILY_PSYCHOLOGICAL_SUPPORT',
    'PROGRAMME',
    'Психологическое консультирование и поддержка семьи',
    'Поддержка родителей и других членов семьи, в том числе в кризисных ситуациях.',
    60,
    '1 раз в 2 недели',
    true,
    ['PSYCHOLOGIST'],
  ],
  [
    'PARENT_GROUP',
    'PROGRAMME',
    'Организация групп поддержки (взаимопомощи) родителей',
    'Встречи родительских групп взаимной поддержки под руководством специалиста.',
    90,
    '1 раз в месяц',
    true,
    ['PSYCHOLOGIST', 'SOCIAL_WORKER'],
  ],
] as const

export async function up(db: Kysely<any>) {
  await db.schema
    .alterTable('service_type')
    .addColumn('kind', 'text', (col) =>
      col
        .notNull()
        .defaultTo('PROGRAMME')
        .check(sql`kind in ('NEED_DETERMINATION','PROGRAMME_PLANNING','CONSULTATION','PROGRAMME')`),
    )
    .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('standard_duration_minutes', 'integer', (col) =>
      col.check(sql`standard_duration_minutes between 5 and 480`),
    )
    .addColumn('standard_frequency', 'text')
    .addColumn('remote_allowed', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('required_roles', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .execute()
  for (const [code, kind, name, description, duration, frequency, remote, roles] of CATALOGUE) {
    const row = {
      code,
      kind,
      name,
      description,
      standard_duration_minutes: duration,
      standard_frequency: frequency,
      remote_allowed: remote,
      required_roles: [...roles],
    }
    await db
      .insertInto('service_type')
      .values(row)
      .onConflict((oc) => oc.column('code').doUpdateSet(row))
      .execute()
  }

  await db.schema
    .alterTable('provider')
    .addColumn('kind', 'text', (col) =>
      col
        .notNull()
        .defaultTo('OTHER')
        .check(
          sql`kind in ('EARLY_HELP_CENTRE','SOCIAL_SERVICE_CENTRE','REHABILITATION_CENTRE','MEDICAL_ORGANISATION','PPMS_CENTRE','PRESCHOOL','NON_PROFIT','OTHER')`,
        ),
    )
    .addColumn('address', 'text')
    .addColumn('moderation_status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('APPROVED')
        .check(sql`moderation_status in ('PENDING','APPROVED','REJECTED','SUSPENDED')`),
    )
    .addColumn('moderation_note', 'text')
    .execute()
  await db.schema.createIndex('provider_side_idx').on('provider').column('side').execute()
  await db.schema.createIndex('provider_moderation_idx').on('provider').column('moderation_status').execute()

  await db.schema
    .createTable('provider_municipality')
    .addColumn('provider_id', 'uuid', (col) => col.notNull().references('provider.id'))
    .addColumn('municipality_oktmo', 'text', (col) => col.notNull().references('municipality.oktmo'))
    .addPrimaryKeyConstraint('provider_municipality_pk', ['provider_id', 'municipality_oktmo'])
    .execute()
  await db.schema
    .createIndex('provider_municipality_oktmo_idx')
    .on('provider_municipality')
    .column('municipality_oktmo')
    .execute()
  await sql`insert into provider_municipality (provider_id, municipality_oktmo) select id, municipality_oktmo from provider`.execute(
    db,
  )

  await db.schema
    .createTable('provider_service')
    .addColumn('provider_id', 'uuid', (col) => col.notNull().references('provider.id'))
    .addColumn('service_code', 'text', (col) => col.notNull().references('service_type.code'))
    .addPrimaryKeyConstraint('provider_service_pk', ['provider_id', 'service_code'])
    .execute()
  await db.schema.createIndex('provider_service_code_idx').on('provider_service').column('service_code').execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('provider_service').execute()
  await db.schema.dropTable('provider_municipality').execute()
  for (const column of ['moderation_note', 'moderation_status', 'address', 'kind']) {
    await db.schema.alterTable('provider').dropColumn(column).execute()
  }
  for (const column of [
    'required_roles',
    'remote_allowed',
    'standard_frequency',
    'standard_duration_minutes',
    'description',
    'kind',
  ]) {
    await db.schema.alterTable('service_type').dropColumn(column).execute()
  }
}
