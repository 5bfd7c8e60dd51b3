-- 2026_11_23_1600_create_registry up
create table "municipality" ("oktmo" text primary key check (oktmo ~ '^[0-9]{8}$'), "name" text not null);
create table "family" ("id" uuid default gen_random_uuid() primary key, "municipality_oktmo" text not null references "municipality" ("oktmo"), "address" text, "created_at" timestamptz default now() not null);
create index "family_municipality_idx" on "family" ("municipality_oktmo");
create table "legal_representative" ("id" uuid default gen_random_uuid() primary key, "family_id" uuid not null references "family" ("id"), "last_name" text not null, "first_name" text not null, "patronymic" text, "relation" text not null check (relation in ('MOTHER','FATHER','GUARDIAN','FOSTER_PARENT','ADOPTIVE_PARENT','OTHER')), "document_basis" text, "phone" text, "email" text);
create index "legal_representative_family_idx" on "legal_representative" ("family_id");
create table "family_situation" ("id" uuid default gen_random_uuid() primary key, "family_id" uuid not null references "family" ("id"), "kind" text not null check (kind in ('TJS','SOP')), "decision_number" text not null, "decided_on" date not null, "ended_on" date, constraint "family_situation_dates" check (ended_on is null or ended_on >= decided_on));
create index "family_situation_family_idx" on "family_situation" ("family_id");
create table "child" ("id" uuid default gen_random_uuid() primary key, "family_id" uuid references "family" ("id"), "last_name" text not null, "first_name" text not null, "patronymic" text, "birth_date" date not null, "sex" text not null check (sex in ('MALE','FEMALE')), "snils" text unique check (snils ~ '^[0-9]{11}$'), "municipality_oktmo" text not null references "municipality" ("oktmo"), "registry_status" text not null check (registry_status in ('POTENTIALLY_IN_NEED','REFERRED','IN_NEED','NOT_IN_NEED','CONSULTATION_ONLY','PROGRAMME_ACTIVE','COMPLETED','EXITED')), "registered_at" timestamptz default now() not null);
create index "child_family_idx" on "child" ("family_id");
create index "child_municipality_idx" on "child" ("municipality_oktmo", "id");
create index "child_registry_status_idx" on "child" ("registry_status", "id");
create table "child_criterion" ("id" uuid default gen_random_uuid() primary key, "child_id" uuid not null references "child" ("id"), "code" text not null check (code in ('DISABLED_CHILD','HEALTH_GROUP_IV_V','ORPHAN_INSTITUTION','FAMILY_TJS','FAMILY_SOP','DEVELOPMENTAL_PARTICULARITY','PARENT_CONCERN','SCREENING_POSITIVE','GENETIC_DISORDER','OVZ_PMPK')), "source" text not null check (source in ('SOCIAL','HEALTH','EDUCATION','NGO')), "evidence_document" text, "evidence_date" date, "valid_from" date not null, "valid_to" date, constraint "child_criterion_validity" check (valid_to is null or valid_to >= valid_from));
create index "child_criterion_child_idx" on "child_criterion" ("child_id");
create index "child_criterion_code_idx" on "child_criterion" ("code", "child_id");
create table "provider" ("id" uuid default gen_random_uuid() primary key, "name" text not null, "side" text not null check (side in ('SOCIAL','HEALTH','EDUCATION','NGO')), "inn" text not null unique check (inn ~ '^[0-9]{10}$'), "ogrn" text not null unique check (ogrn ~ '^[0-9]{13}$'), "municipality_oktmo" text not null references "municipality" ("oktmo"), "remote_delivery" boolean default false not null);
create index "provider_municipality_idx" on "provider" ("municipality_oktmo");
create table "service_type" ("code" text primary key, "name" text not null);

-- 2026_11_23_1730_add_registration up
alter table "child" add column "name_key" text;
select "id", "last_name", "first_name", "patronymic" from "child";
alter table "child" alter column "name_key" set not null;
create index "child_name_birth_idx" on "child" ("name_key", "birth_date");
create table "registry_status_change" ("id" uuid default gen_random_uuid() primary key, "child_id" uuid not null references "child" ("id"), "from_status" text, "to_status" text not null, "changed_at" timestamptz default now() not null, "reason" text);
create index "registry_status_change_child_idx" on "registry_status_change" ("child_id", "changed_at");

    insert into registry_status_change (child_id, from_status, to_status, changed_at, reason)
    select id, null, registry_status, registered_at, 'Состояние на момент ведения истории статусов' from child
  ;
create table "possible_duplicate" ("id" uuid default gen_random_uuid() primary key, "child_id" uuid not null references "child" ("id"), "candidate_child_id" uuid not null references "child" ("id"), "reason" text not null, "status" text default 'OPEN' not null check (status in ('OPEN','DISMISSED','MERGED')), "detected_at" timestamptz default now() not null, "resolved_at" timestamptz, "resolution_note" text, constraint "possible_duplicate_distinct" check (child_id <> candidate_child_id));
create index "possible_duplicate_child_idx" on "possible_duplicate" ("child_id");
create index "possible_duplicate_candidate_idx" on "possible_duplicate" ("candidate_child_id");
create index "possible_duplicate_status_idx" on "possible_duplicate" ("status");
alter table "child_criterion" add column "family_situation_id" uuid references "family_situation" ("id");
create index "child_criterion_family_situation_idx" on "child_criterion" ("family_situation_id");

-- 2026_11_23_1740_add_catalogue_and_provider_registry up
alter table "service_type" add column "kind" text default 'PROGRAMME' not null check (kind in ('NEED_DETERMINATION','PROGRAMME_PLANNING','CONSULTATION','PROGRAMME')), add column "description" text default '' not null, add column "standard_duration_minutes" integer check (standard_duration_minutes between 5 and 480), add column "standard_frequency" text, add column "remote_allowed" boolean default false not null, add column "required_roles" text[] default '{}' not null;
insert into "service_type" ("code", "kind", "name", "description", "standard_duration_minutes", "standard_frequency", "remote_allowed", "required_roles") values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict ("code") do update set "code" = $9, "kind" = $10, "name" = $11, "description" = $12, "standard_duration_minutes" = $13, "standard_frequency" = $14, "remote_allowed" = $15, "required_roles" = $16;
-- parameters: ["NEED_DETERMINATION","NEED_DETERMINATION","Определение нуждаемости ребёнка и семьи в услугах ранней помощи","Первичный приём: оценка развития ребёнка и запросов семьи, решение о нуждаемости в услугах ранней помощи.",90,"Однократно",false,["PSYCHOLOGIST","DEFECTOLOGIST"],"NEED_DETERMINATION","NEED_DETERMINATION","Определение нуждаемости ребёнка и семьи в услугах ранней помощи","Первичный приём: оценка развития ребёнка и запросов семьи, решение о нуждаемости в услугах ранней помощи.",90,"Однократно",false,["PSYCHOLOGIST","DEFECTOLOGIST"]]
insert into "service_type" ("code", "kind", "name", "description", "standard_duration_minutes", "standard_frequency", "remote_allowed", "required_roles") values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict ("code") do update set "code" = $9, "kind" = $10, "name" = $11, "description" = $12, "standard_duration_minutes" = $13, "standard_frequency" = $14, "remote_allowed" = $15, "required_roles" = $16;
-- parameters: ["IPRP_DEVELOPMENT","PROGRAMME_PLANNING","Разработка индивидуальной программы ранней помощи (ИПРП)","Оценочные процедуры функционирования (МКФ-ДП), постановка целей с семьёй, согласование ИПРП с законным представителем.",120,"Однократно",false,["PSYCHOLOGIST","DEFECTOLOGIST","SPEECH_THERAPIST"],"IPRP_DEVELOPMENT","PROGRAMME_PLANNING","Разработка индивидуальной программы ранней помощи (ИПРП)","Оценочные процедуры функционирования (МКФ-ДП), постановка целей с семьёй, согласование ИПРП с законным представителем.",120,"Однократно",false,["PSYCHOLOGIST","DEFECTOLOGIST","SPEECH_THERAPIST"]]
insert into "service_type" ("code", "kind", "name", "description", "standard_duration_minutes", "standard_frequency", "remote_allowed", "required_roles") values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict ("code") do update set "code" = $9, "kind" = $10, "name" = $11, "description" = $12, "standard_duration_minutes" = $13, "standard_frequency" = $14, "remote_allowed" = $15, "required_roles" = $16;
-- parameters: ["IPRP_REVIEW","PROGRAMME_PLANNING","Промежуточная и итоговая оценка реализации ИПРП","Оценка достижения целей ИПРП и функционирования ребёнка, пересмотр программы.",90,"Не реже 1 раза в 6 месяцев",true,["PSYCHOLOGIST","DEFECTOLOGIST"],"IPRP_REVIEW","PROGRAMME_PLANNING","Промежуточная и итоговая оценка реализации ИПРП","Оценка достижения целей ИПРП и функционирования ребёнка, пересмотр программы.",90,"Не реже 1 раза в 6 месяцев",true,["PSYCHOLOGIST","DEFECTOLOGIST"]]
insert into "service_type" ("code", "kind", "name", "description", "standard_duration_minutes", "standard_frequency", "remote_allowed", "required_roles") values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict ("code") do update set "code" = $9, "kind" = $10, "name" = $11, "description" = $12, "standard_duration_minutes" = $13, "standard_frequency" = $14, "remote_allowed" = $15, "required_roles" = $16;
-- parameters: ["CONSULTATION","CONSULTATION","Консультирование родителей (законных представителей) без разработки ИПРП","Консультирование семьи по вопросам развития, воспитания и ухода без разработки ИПРП.",60,"По обращению",true,["PSYCHOLOGIST"],"CONSULTATION","CONSULTATION","Консультирование родителей (законных представителей) без разработки ИПРП","Консультирование семьи по вопросам развития, воспитания и ухода без разработки ИПРП.",60,"По обращению",true,["PSYCHOLOGIST"]]
insert into "service_type" ("code", "kind", "name", "description", "standard_duration_minutes", "standard_frequency", "remote_allowed", "required_roles") values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict ("code") do update set "code" = $9, "kind" = $10, "name" = $11, "description" = $12, "standard_duration_minutes" = $13, "standard_frequency" = $14, "remote_allowed" = $15, "required_roles" = $16;
-- parameters: ["DAILY_ROUTINES","PROGRAMME","Содействие развитию функционирования ребёнка и семьи в естественных жизненных ситуациях","Занятия в повседневных ситуациях семьи: кормление, одевание, игра, прогулка.",60,"1–2 раза в неделю",true,["DEFECTOLOGIST","PSYCHOLOGIST"],"DAILY_ROUTINES","PROGRAMME","Содействие развитию функционирования ребёнка и семьи в естественных жизненных ситуациях","Занятия в повседневных ситуациях семьи: кормление, одевание, игра, прогулка.",60,"1–2 раза в неделю",true,["DEFECTOLOGIST","PSYCHOLOGIST"]]
insert into "service_type" ("code", "kind", "name", "description", "standard_duration_minutes", "standard_frequency", "remote_allowed", "required_roles") values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict ("code") do update set "code" = $9, "kind" = $10, "name" = $11, "description" = $12, "standard_duration_minutes" = $13, "standard_frequency" = $14, "remote_allowed" = $15, "required_roles" = $16;
-- parameters: ["COMMUNICATION_SPEECH","PROGRAMME","Содействие развитию общения и речи ребёнка","Развитие коммуникации, в том числе с альтернативными и дополнительными средствами.",45,"1–2 раза в неделю",true,["SPEECH_THERAPIST"],"COMMUNICATION_SPEECH","PROGRAMME","Содействие развитию общения и речи ребёнка","Развитие коммуникации, в том числе с альтернативными и дополнительными средствами.",45,"1–2 раза в неделю",true,["SPEECH_THERAPIST"]]
insert into "service_type" ("code", "kind", "name", "description", "standard_duration_minutes", "standard_frequency", "remote_allowed", "required_roles") values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict ("code") do update set "code" = $9, "kind" = $10, "name" = $11, "description" = $12, "standard_duration_minutes" = $13, "standard_frequency" = $14, "remote_allowed" = $15, "required_roles" = $16;
-- parameters: ["MOBILITY","PROGRAMME","Содействие развитию мобильности ребёнка","Развитие движений и передвижения, позиционирование, подбор средств передвижения.",45,"1–2 раза в неделю",false,["ADAPTIVE_PE_INSTRUCTOR"],"MOBILITY","PROGRAMME","Содействие развитию мобильности ребёнка","Развитие движений и передвижения, позиционирование, подбор средств передвижения.",45,"1–2 раза в неделю",false,["ADAPTIVE_PE_INSTRUCTOR"]]
insert into "service_type" ("code", "kind", "name", "description", "standard_duration_minutes", "standard_frequency", "remote_allowed", "required_roles") values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict ("code") do update set "code" = $9, "kind" = $10, "name" = $11, "description" = $12, "standard_duration_minutes" = $13, "standard_frequency" = $14, "remote_allowed" = $15, "required_roles" = $16;
-- parameters: ["SELF_CARE","PROGRAMME","Содействие развитию самообслуживания и бытовых навыков ребёнка","Навыки еды, питья, одевания, гигиены с учётом возраста.",45,"1 раз в неделю",true,["DEFECTOLOGIST","OCCUPATIONAL_THERAPIST"],"SELF_CARE","PROGRAMME","Содействие развитию самообслуживания и бытовых навыков ребёнка","Навыки еды, питья, одевания, гигиены с учётом возраста.",45,"1 раз в неделю",true,["DEFECTOLOGIST","OCCUPATIONAL_THERAPIST"]]
insert into "service_type" ("code", "kind", "name", "description", "standard_duration_minutes", "standard_frequency", "remote_allowed", "required_roles") values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict ("code") do update set "code" = $9, "kind" = $10, "name" = $11, "description" = $12, "standard_duration_minutes" = $13, "standard_frequency" = $14, "remote_allowed" = $15, "required_roles" = $16;
-- parameters: ["COGNITIVE","PROGRAMME","Содействие развитию познавательной активности ребёнка","Развитие внимания, восприятия, игры и познавательной активности.",45,"1–2 раза в неделю",true,["DEFECTOLOGIST"],"COGNITIVE","PROGRAMME","Содействие развитию познавательной активности ребёнка","Развитие внимания, восприятия, игры и познавательной активности.",45,"1–2 раза в неделю",true,["DEFECTOLOGIST"]]
insert into "service_type" ("code", "kind", "name", "description", "standard_duration_minutes", "standard_frequency", "remote_allowed", "required_roles") values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict ("code") do update set "code" = $9, "kind" = $10, "name" = $11, "description" = $12, "standard_duration_minutes" = $13, "standard_frequency" = $14, "remote_allowed" = $15, "required_roles" = $16;
-- parameters: ["SOCIAL_EMOTIONAL","PROGRAMME","Содействие социально-эмоциональному развитию ребёнка","Развитие взаимодействия с близкими взрослыми и сверстниками, эмоциональной регуляции.",45,"1 раз в неделю",true,["PSYCHOLOGIST"],"SOCIAL_EMOTIONAL","PROGRAMME","Содействие социально-эмоциональному развитию ребёнка","Развитие взаимодействия с близкими взрослыми и сверстниками, эмоциональной регуляции.",45,"1 раз в неделю",true,["PSYCHOLOGIST"]]
insert into "service_type" ("code", "kind", "name", "description", "standard_duration_minutes", "standard_frequency", "remote_allowed", "required_roles") values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict ("code") do update set "code" = $9, "kind" = $10, "name" = $11, "description" = $12, "standard_duration_minutes" = $13, "standard_frequency" = $14, "remote_allowed" = $15, "required_roles" = $16;
-- parameters: ["ASSISTIVE_TECHNOLOGY","PROGRAMME","Подбор технических средств реабилитации (ассистивных технологий) и обучение их использованию","Подбор и адаптация технических средств, обучение семьи их использованию.",60,"По потребности",false,["OCCUPATIONAL_THERAPIST","ADAPTIVE_PE_INSTRUCTOR"],"ASSISTIVE_TECHNOLOGY","PROGRAMME","Подбор технических средств реабилитации (ассистивных технологий) и обучение их использованию","Подбор и адаптация технических средств, обучение семьи их использованию.",60,"По потребности",false,["OCCUPATIONAL_THERAPIST","ADAPTIVE_PE_INSTRUCTOR"]]
insert into "service_type" ("code", "kind", "name", "description", "standard_duration_minutes", "standard_frequency", "remote_allowed", "required_roles") values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict ("code") do update set "code" = $9, "kind" = $10, "name" = $11, "description" = $12, "standard_duration_minutes" = $13, "standard_frequency" = $14, "remote_allowed" = $15, "required_roles" = $16;
-- parameters: ["FAMILY_PSYCHOLOGICAL_SUPPORT","PROGRAMME","Психологическое консультирование и поддержка семьи","Поддержка родителей и других членов семьи, в том числе в кризисных ситуациях.",60,"1 раз в 2 недели",true,["PSYCHOLOGIST"],"FAMILY_PSYCHOLOGICAL_SUPPORT","PROGRAMME","Психологическое консультирование и поддержка семьи","Поддержка родителей и других членов семьи, в том числе в кризисных ситуациях.",60,"1 раз в 2 недели",true,["PSYCHOLOGIST"]]
insert into "service_type" ("code", "kind", "name", "description", "standard_duration_minutes", "standard_frequency", "remote_allowed", "required_roles") values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict ("code") do update set "code" = $9, "kind" = $10, "name" = $11, "description" = $12, "standard_duration_minutes" = $13, "standard_frequency" = $14, "remote_allowed" = $15, "required_roles" = $16;
-- parameters: ["PARENT_GROUP","PROGRAMME","Организация групп поддержки (взаимопомощи) родителей","Встречи родительских групп взаимной поддержки под руководством специалиста.",90,"1 раз в месяц",true,["PSYCHOLOGIST","SOCIAL_WORKER"],"PARENT_GROUP","PROGRAMME","Организация групп поддержки (взаимопомощи) родителей","Встречи родительских групп взаимной поддержки под руководством специалиста.",90,"1 раз в месяц",true,["PSYCHOLOGIST","SOCIAL_WORKER"]]
alter table "provider" add column "kind" text default 'OTHER' not null check (kind in ('EARLY_HELP_CENTRE','SOCIAL_SERVICE_CENTRE','REHABILITATION_CENTRE','MEDICAL_ORGANISATION','PPMS_CENTRE','PRESCHOOL','NON_PROFIT','OTHER')), add column "address" text, add column "moderation_status" text default 'APPROVED' not null check (moderation_status in ('PENDING','APPROVED','REJECTED','SUSPENDED')), add column "moderation_note" text;
create index "provider_side_idx" on "provider" ("side");
create index "provider_moderation_idx" on "provider" ("moderation_status");
create table "provider_municipality" ("provider_id" uuid not null references "provider" ("id"), "municipality_oktmo" text not null references "municipality" ("oktmo"), constraint "provider_municipality_pk" primary key ("provider_id", "municipality_oktmo"));
create index "provider_municipality_oktmo_idx" on "provider_municipality" ("municipality_oktmo");
insert into provider_municipality (provider_id, municipality_oktmo) select id, municipality_oktmo from provider;
create table "provider_service" ("provider_id" uuid not null references "provider" ("id"), "service_code" text not null references "service_type" ("code"), constraint "provider_service_pk" primary key ("provider_id", "service_code"));
create index "provider_service_code_idx" on "provider_service" ("service_code");

-- 2026_11_23_1750_add_referrals_and_clocks up
create table "deadline_clock" ("code" text primary key check (code in ('REFERRAL_TO_NEED_DETERMINATION','REFERRAL_TO_PROGRAMME','PROGRAMME_REVIEW','TRANSITION_NOTICE')), "days" integer not null check (days between 1 and 366), "day_kind" text not null check (day_kind in ('CALENDAR','WORKING')));
insert into "deadline_clock" ("code", "days", "day_kind") values ($1, $2, $3), ($4, $5, $6), ($7, $8, $9), ($10, $11, $12);
-- parameters: ["REFERRAL_TO_NEED_DETERMINATION",10,"WORKING","REFERRAL_TO_PROGRAMME",45,"CALENDAR","PROGRAMME_REVIEW",180,"CALENDAR","TRANSITION_NOTICE",90,"CALENDAR"]
create table "non_working_day" ("day" date primary key, "note" text);
create table "referral" ("id" uuid default gen_random_uuid() primary key, "child_id" uuid not null references "child" ("id"), "from_side" text not null check (from_side in ('SOCIAL','HEALTH','EDUCATION','NGO')), "from_organisation" text not null, "provider_id" uuid not null references "provider" ("id"), "reason" text not null, "received_on" date not null, "status" text default 'RECEIVED' not null check (status in ('RECEIVED','ACCEPTED','REJECTED')), "decided_on" date, "rejection_reason" text check (rejection_reason in ('NOT_TARGET_GROUP','OUTSIDE_SERVICE_AREA','SERVICE_NOT_OFFERED','NO_CAPACITY','FAMILY_DECLINED','DUPLICATE','OTHER')), "rejection_note" text, "need_determined_on" date, "programme_signed_on" date, constraint "referral_decision" check ((status = 'RECEIVED') = (decided_on is null)), constraint "referral_rejection" check ((status = 'REJECTED') = (rejection_reason is not null)), constraint "referral_decided_after_receipt" check (decided_on is null or decided_on >= received_on));
create index "referral_child_idx" on "referral" ("child_id");
create index "referral_provider_idx" on "referral" ("provider_id", "status");
create index "referral_status_idx" on "referral" ("status");
create table "referral_pause" ("id" uuid default gen_random_uuid() primary key, "referral_id" uuid not null references "referral" ("id"), "reason" text not null check (reason in ('FAMILY_UNAVAILABLE','CHILD_ILL','FAMILY_REQUEST','CHILD_HOSPITALISED','OTHER')), "note" text, "started_on" date not null, "ended_on" date, constraint "referral_pause_dates" check (ended_on is null or ended_on >= started_on));
create index "referral_pause_referral_idx" on "referral_pause" ("referral_id");
create unique index referral_pause_one_open_idx on referral_pause (referral_id) where ended_on is null;

-- 2026_11_23_1800_add_programmes up
alter table "referral" add column "need_outcome" text check (need_outcome in ('IN_NEED','NOT_IN_NEED','CONSULTATION_ONLY')), add column "need_note" text;
alter table referral add constraint referral_need_outcome check ((need_outcome is null) = (need_determined_on is null));
create table "programme" ("id" uuid default gen_random_uuid() primary key, "child_id" uuid not null references "child" ("id"), "referral_id" uuid not null references "referral" ("id"), "provider_id" uuid not null references "provider" ("id"), "version" integer not null check (version >= 1), "status" text default 'DRAFT' not null check (status in ('DRAFT','SIGNED','SUPERSEDED','CLOSED')), "lead_specialist_role" text, "created_at" timestamptz default now() not null, "signed_on" date, "signed_by_representative_id" uuid references "legal_representative" ("id"), "closed_on" date, "exit_reason" text check (exit_reason in ('TRANSITION_TO_PRESCHOOL','OTHER_SERVICES','CONTINUED_HELP','GOALS_ACHIEVED','MOVED','DECLINED','LOST_CONTACT','DIED')), constraint "programme_child_version_unique" unique ("child_id", "version"), constraint "programme_signature" check ((status = 'DRAFT') = (signed_on is null)), constraint "programme_closure" check ((status = 'CLOSED') = (closed_on is not null)));
create index "programme_referral_idx" on "programme" ("referral_id");
create index "programme_provider_idx" on "programme" ("provider_id");
create index "programme_representative_idx" on "programme" ("signed_by_representative_id");
create index "programme_status_idx" on "programme" ("status");
create unique index programme_one_signed_idx on programme (child_id) where status = 'SIGNED';
create table "programme_goal" ("id" uuid default gen_random_uuid() primary key, "programme_id" uuid not null references "programme" ("id"), "position" integer not null, "icf_code" text not null check (icf_code ~ '^[bsde][0-9]{3,5}$'), "baseline_qualifier" integer not null check (baseline_qualifier between 0 and 4), "target_qualifier" integer not null check (target_qualifier between 0 and 4), "description" text not null);
create index "programme_goal_programme_idx" on "programme_goal" ("programme_id");
create table "programme_service" ("id" uuid default gen_random_uuid() primary key, "programme_id" uuid not null references "programme" ("id"), "position" integer not null, "service_code" text not null references "service_type" ("code"), "sessions_per_month" integer not null check (sessions_per_month between 1 and 31), "duration_minutes" integer not null check (duration_minutes between 5 and 480), "mode" text not null check (mode in ('IN_CENTRE','AT_HOME','GROUP','REMOTE')), "responsible_side" text not null check (responsible_side in ('SOCIAL','HEALTH','EDUCATION','NGO')), "provider_id" uuid not null references "provider" ("id"));
create index "programme_service_programme_idx" on "programme_service" ("programme_id");
create index "programme_service_code_idx" on "programme_service" ("service_code");
create index "programme_service_provider_idx" on "programme_service" ("provider_id");
create table "programme_review" ("id" uuid default gen_random_uuid() primary key, "programme_id" uuid not null references "programme" ("id"), "kind" text not null check (kind in ('INTERMEDIATE','FINAL')), "reviewed_on" date not null, "note" text);
create index "programme_review_programme_idx" on "programme_review" ("programme_id");
create table "programme_review_rating" ("id" uuid default gen_random_uuid() primary key, "review_id" uuid not null references "programme_review" ("id"), "position" integer not null, "icf_code" text not null check (icf_code ~ '^[bsde][0-9]{3,5}$'), "qualifier" integer not null check (qualifier between 0 and 4));
create index "programme_review_rating_review_idx" on "programme_review_rating" ("review_id");

-- 2026_11_23_1910_index_child_birth_date up
create index "child_birth_date_idx" on "child" ("birth_date");

-- 2026_11_23_2000_add_child_merges up
create table "child_merge_step" ("merge_id" uuid primary key, "survivor_id" uuid not null, "merged_id" uuid not null, "applied_at" timestamptz, "undone_at" timestamptz);
create table "child_merge_move" ("merge_id" uuid not null references "child_merge_step" ("merge_id"), "moved_table" text not null, "row_id" uuid not null, constraint "child_merge_move_pkey" primary key ("merge_id", "moved_table", "row_id"));
alter table "child" add column "merged_into_id" uuid references "child" ("id");
create index "child_merged_into_idx" on "child" ("merged_into_id");
create table "child_merge" ("id" uuid primary key references "child_merge_step" ("merge_id"), "survivor_id" uuid not null references "child" ("id"), "merged_id" uuid not null references "child" ("id"), "possible_duplicate_id" uuid references "possible_duplicate" ("id"), "reason" text not null, "merged_at" timestamptz default now() not null, "moved_snils" text, "undone_at" timestamptz, "undo_reason" text, constraint "child_merge_distinct" check (survivor_id <> merged_id), constraint "child_merge_undo_reason" check ((undone_at is null) = (undo_reason is null)));
create index "child_merge_survivor_idx" on "child_merge" ("survivor_id");
create index "child_merge_merged_idx" on "child_merge" ("merged_id");
create table "child_merge_delivery" ("merge_id" uuid not null references "child_merge" ("id"), "side" text not null check (side in ('HEALTH','EDUCATION','NGO')), "action" text not null check (action in ('APPLY','UNDO')), "requested_at" timestamptz default now() not null, "delivered_at" timestamptz, "moved_records" integer, "attempts" integer default 0 not null, "last_attempt_at" timestamptz, "last_error" text, constraint "child_merge_delivery_pkey" primary key ("merge_id", "side", "action"));
create index child_merge_delivery_pending_idx on child_merge_delivery (requested_at) where delivered_at is null;

-- 2026_11_23_2100_create_staffing up
create table "specialist" ("id" uuid default gen_random_uuid() primary key, "provider_id" uuid not null, "personnel_number" text not null check (char_length(personnel_number) between 1 and 32), "role" text not null check (role in ('SOCIAL_WORKER','PSYCHOLOGIST','DEFECTOLOGIST','SPEECH_THERAPIST','ADAPTIVE_PE_INSTRUCTOR','PAEDIATRICIAN','NEONATOLOGIST','NEUROLOGIST','OCCUPATIONAL_THERAPIST','TYPHLOPEDAGOGUE','SURDOPEDAGOGUE','EDUCATOR','NURSE')), "employed_from" date not null, "employed_until" date, constraint "specialist_dates" check (employed_until is null or employed_until >= employed_from));
create index "specialist_provider_idx" on "specialist" ("provider_id");
create unique index "specialist_current_number_uq" on "specialist" ("provider_id", "personnel_number") where "employed_until" is null;
create table "specialist_training" ("id" uuid default gen_random_uuid() primary key, "specialist_id" uuid not null references "specialist" ("id"), "course" text not null check (char_length(course) between 1 and 300), "hours" integer not null check (hours between 1 and 2000), "completed_on" date not null, "certificate_number" text not null check (char_length(certificate_number) between 1 and 64));
create unique index "specialist_training_certificate_uq" on "specialist_training" ("specialist_id", "certificate_number");
alter table "specialist" add constraint "specialist_provider_fk" foreign key ("provider_id") references "provider" ("id");

-- 2026_11_24_0900_add_social_sessions up
create table "social_session" ("id" uuid default gen_random_uuid() primary key, "programme_service_id" uuid not null references "programme_service" ("id"), "delivered_on" date not null, "duration_minutes" integer not null check (duration_minutes between 1 and 480), "mode" text not null check (mode in ('IN_CENTRE','AT_HOME','GROUP','REMOTE')), "specialist_role" text not null check (specialist_role in ('SOCIAL_WORKER','PSYCHOLOGIST','DEFECTOLOGIST','SPEECH_THERAPIST','ADAPTIVE_PE_INSTRUCTOR','PAEDIATRICIAN','NEONATOLOGIST','NEUROLOGIST','OCCUPATIONAL_THERAPIST','TYPHLOPEDAGOGUE','SURDOPEDAGOGUE','EDUCATOR','NURSE')), "attended" boolean not null, "cancellation_reason" text check (cancellation_reason in ('CHILD_ILL','FAMILY_REQUEST','FAMILY_NO_SHOW','SPECIALIST_UNAVAILABLE','ORGANISATION_CLOSED','OTHER')), constraint "social_session_cancellation_check" check ((attended and cancellation_reason is null) or (not attended and cancellation_reason is not null)));
create index "social_session_programme_service_idx" on "social_session" ("programme_service_id");

-- 2026_11_24_1000_add_session_specialists up
alter table "social_session" add column "specialist_id" uuid references "specialist" ("id");
create index "social_session_specialist_idx" on "social_session" ("specialist_id");

-- 2026_11_24_1100_add_family_members up
create table "family_member" ("id" uuid default gen_random_uuid() primary key, "family_id" uuid not null references "family" ("id"), "last_name" text not null, "first_name" text not null, "patronymic" text, "kinship" text not null check (kinship in ('PARENT','STEP_PARENT','GRANDPARENT','SIBLING','OTHER_RELATIVE','NOT_RELATED','OTHER')), "birth_date" date, "left_on" date, "created_at" timestamptz default now() not null, constraint "family_member_dates" check (left_on is null or birth_date is null or left_on >= birth_date));
create index "family_member_family_idx" on "family_member" ("family_id");
create table "member_contact" ("id" uuid default gen_random_uuid() primary key, "member_id" uuid not null references "family_member" ("id"), "kind" text not null check (kind in ('PHONE','EMAIL')), "value" text not null, "created_at" timestamptz default now() not null, constraint "member_contact_unique" unique ("member_id", "kind", "value"));

    insert into family_member (id, family_id, last_name, first_name, patronymic, kinship)
    select id, family_id, last_name, first_name, patronymic,
           case when relation in ('MOTHER', 'FATHER', 'ADOPTIVE_PARENT') then 'PARENT' else 'OTHER' end
    from legal_representative;

    insert into member_contact (member_id, kind, value)
    select id, 'PHONE', phone from legal_representative where phone is not null
    union all
    select id, 'EMAIL', email from legal_representative where email is not null;
alter table "legal_representative" add column "member_id" uuid references "family_member" ("id"), add column "valid_from" date, add column "valid_to" date;

    update legal_representative r
    set member_id = r.id,
        valid_from = coalesce(
          (select min(c.birth_date) from child c where c.family_id = r.family_id),
          (select f.created_at::date from family f where f.id = r.family_id));
alter table "legal_representative" alter column "member_id" set not null, alter column "valid_from" set not null;
alter table "legal_representative" add constraint "legal_representative_term" check (valid_to is null or valid_to >= valid_from);
drop index "legal_representative_family_idx";
alter table "legal_representative" drop column "family_id";
alter table "legal_representative" drop column "last_name";
alter table "legal_representative" drop column "first_name";
alter table "legal_representative" drop column "patronymic";
alter table "legal_representative" drop column "phone";
alter table "legal_representative" drop column "email";
create index "legal_representative_member_idx" on "legal_representative" ("member_id");

-- 2026_11_24_1200_create_access_audit up
create table "access_audit" ("id" bigint generated always as identity primary key, "read_at" timestamptz default now() not null, "subject" text not null, "side" text, "organisation" text, "role" text not null, "child_id" uuid not null, "categories" text[] not null, "operation" text, "purpose" text not null);
create index "access_audit_child_id_idx" on "access_audit" ("child_id", "read_at");
create index "access_audit_subject_idx" on "access_audit" ("subject", "read_at");
create index "access_audit_read_at_idx" on "access_audit" ("read_at");

    create function access_audit_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'access_audit is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end
    $$
  ;

    create trigger access_audit_no_change before update or delete on access_audit
    for each row execute function access_audit_append_only()
  ;

    create trigger access_audit_no_truncate before truncate on access_audit
    for each statement execute function access_audit_append_only()
  ;

-- 2026_11_24_1210_add_consents up
create table "consent" ("id" uuid default gen_random_uuid() primary key, "child_id" uuid not null references "child" ("id"), "representative_id" uuid not null references "legal_representative" ("id"), "purpose" text not null check (purpose in ('EARLY_HELP','NEED_DETERMINATION','TRANSITION')), "recipient_side" text check (recipient_side in ('SOCIAL','HEALTH','EDUCATION','NGO','REGIONAL')), "recipient_provider_id" uuid references "provider" ("id"), "scopes" text[] not null check (cardinality(scopes) > 0 and scopes <@ array['HEALTH','PMPK','FAMILY']), "document" text not null, "given_at" timestamptz not null, "revoked_at" timestamptz, "revocation_note" text, "recorded_at" timestamptz default now() not null, constraint "consent_one_recipient" check ((recipient_side is null) <> (recipient_provider_id is null)), constraint "consent_revoked_after_given" check (revoked_at is null or revoked_at >= given_at));
create index "consent_child_idx" on "consent" ("child_id", "purpose");
create index "consent_representative_idx" on "consent" ("representative_id");
create index "consent_provider_idx" on "consent" ("recipient_provider_id");

-- 2026_11_24_1300_add_quarterly_reports up
create table "quarterly_report" ("id" uuid default gen_random_uuid() primary key, "year" integer not null, "quarter" integer not null check (quarter between 1 and 4), "period_from" date not null, "period_to" date not null, "definition_version" text not null, "coverage_rule" text not null check (coverage_rule in ('PROGRAMME_IN_FORCE','ANY_SERVICE')), "filed_at" timestamptz default now() not null, "filed_by_side" text not null, "filed_by_organisation" text, "filed_by_subject" text not null, "municipalities" text[] not null, constraint "quarterly_report_once" unique ("year", "quarter", "definition_version", "coverage_rule"));
create table "indicator_snapshot" ("report_id" uuid not null references "quarterly_report" ("id"), "territory" text not null, "figure" text not null, "key" text not null, "count" integer not null, "child_ids" uuid[] not null, constraint "indicator_snapshot_pkey" primary key ("report_id", "territory", "figure", "key"));

    create function quarterly_report_frozen() returns trigger language plpgsql as $$
    begin
      raise exception '% is frozen: % refused', tg_table_name, tg_op;
    end
    $$
  ;

    create trigger quarterly_report_no_change before update or delete on "quarterly_report"
    for each row execute function quarterly_report_frozen()
  ;

    create trigger quarterly_report_no_truncate before truncate on "quarterly_report"
    for each statement execute function quarterly_report_frozen()
  ;

    create function indicator_snapshot_frozen() returns trigger language plpgsql as $$
    begin
      raise exception '% is frozen: % refused', tg_table_name, tg_op;
    end
    $$
  ;

    create trigger indicator_snapshot_no_change before update or delete on "indicator_snapshot"
    for each row execute function indicator_snapshot_frozen()
  ;

    create trigger indicator_snapshot_no_truncate before truncate on "indicator_snapshot"
    for each statement execute function indicator_snapshot_frozen()
  ;

-- 2026_11_24_1310_create_staffing_indicator_snapshot up
create table "staffing_indicator_snapshot" ("report_id" uuid not null, "territory" text not null, "figures" jsonb not null, "frozen_at" timestamptz default now() not null, constraint "staffing_indicator_snapshot_pkey" primary key ("report_id", "territory"));

    create function staffing_indicator_snapshot_frozen() returns trigger language plpgsql as $$
    begin
      raise exception '% is frozen: % refused', tg_table_name, tg_op;
    end
    $$
  ;

    create trigger staffing_indicator_snapshot_no_change before update or delete on "staffing_indicator_snapshot"
    for each row execute function staffing_indicator_snapshot_frozen()
  ;

    create trigger staffing_indicator_snapshot_no_truncate before truncate on "staffing_indicator_snapshot"
    for each statement execute function staffing_indicator_snapshot_frozen()
  ;

-- 2026_11_24_1320_add_municipality_boundaries up
alter table "municipality" add column "boundary" jsonb;

-- 2026_11_24_1330_index_child_name_prefix up
create index "child_name_key_prefix_idx" on "child" (name_key text_pattern_ops);

-- 2026_11_24_1400_notify_figure_changes up

    create function notify_figures_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('social_figures', '');
      return null;
    end
    $$
  ;

      create trigger "child_figures_changed"
      after insert or update or delete or truncate on "child"
      for each statement execute function notify_figures_changed()
    ;

      create trigger "child_criterion_figures_changed"
      after insert or update or delete or truncate on "child_criterion"
      for each statement execute function notify_figures_changed()
    ;

      create trigger "deadline_clock_figures_changed"
      after insert or update or delete or truncate on "deadline_clock"
      for each statement execute function notify_figures_changed()
    ;

      create trigger "family_situation_figures_changed"
      after insert or update or delete or truncate on "family_situation"
      for each statement execute function notify_figures_changed()
    ;

      create trigger "non_working_day_figures_changed"
      after insert or update or delete or truncate on "non_working_day"
      for each statement execute function notify_figures_changed()
    ;

      create trigger "programme_figures_changed"
      after insert or update or delete or truncate on "programme"
      for each statement execute function notify_figures_changed()
    ;

      create trigger "programme_goal_figures_changed"
      after insert or update or delete or truncate on "programme_goal"
      for each statement execute function notify_figures_changed()
    ;

      create trigger "programme_review_figures_changed"
      after insert or update or delete or truncate on "programme_review"
      for each statement execute function notify_figures_changed()
    ;

      create trigger "programme_review_rating_figures_changed"
      after insert or update or delete or truncate on "programme_review_rating"
      for each statement execute function notify_figures_changed()
    ;

      create trigger "programme_service_figures_changed"
      after insert or update or delete or truncate on "programme_service"
      for each statement execute function notify_figures_changed()
    ;

      create trigger "provider_figures_changed"
      after insert or update or delete or truncate on "provider"
      for each statement execute function notify_figures_changed()
    ;

      create trigger "referral_figures_changed"
      after insert or update or delete or truncate on "referral"
      for each statement execute function notify_figures_changed()
    ;

      create trigger "referral_pause_figures_changed"
      after insert or update or delete or truncate on "referral_pause"
      for each statement execute function notify_figures_changed()
    ;

      create trigger "registry_status_change_figures_changed"
      after insert or update or delete or truncate on "registry_status_change"
      for each statement execute function notify_figures_changed()
    ;

-- 2026_11_24_1410_index_child_merge_possible_duplicate up
create index "child_merge_possible_duplicate_idx" on "child_merge" ("possible_duplicate_id");

-- 2026_11_24_1700_create_idempotent_request up
create table "idempotent_request" ("subject" text not null, "key" text not null, "field" text not null, "input_hash" text not null, "result" jsonb, "created_at" timestamptz default now() not null, constraint "idempotent_request_pkey" primary key ("subject", "key"));
create index "idempotent_request_created_at_idx" on "idempotent_request" ("created_at");

-- 2026_12_06_2300_chain_access_audit up
alter table access_audit alter column child_id drop not null;
alter table access_audit add column family_id uuid;

    alter table access_audit add constraint access_audit_names_child_or_family
    check (child_id is not null or family_id is not null)
  ;
create index "access_audit_family_id_idx" on "access_audit" ("family_id", "read_at");

    alter table access_audit
      add column chain_position bigint,
      add column previous_hash bytea,
      add column row_hash bytea
  ;

    create function access_audit_field(value text) returns text language sql immutable as $$
      select case when value is null then 'N' else octet_length(value) || ':' || value end
    $$
  ;

    create function access_audit_row_hash(
      previous bytea, chain_position bigint, id bigint, read_at timestamptz, subject text, side text,
      organisation text, role text, child_id uuid, family_id uuid, categories text[], operation text, purpose text
    ) returns bytea language sql immutable as $$
      select sha256(previous || convert_to(
        access_audit_field(chain_position::text) || access_audit_field(id::text)
        || access_audit_field(to_char(read_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
        || access_audit_field(subject) || access_audit_field(side) || access_audit_field(organisation)
        || access_audit_field(role) || access_audit_field(child_id::text) || access_audit_field(family_id::text)
        || access_audit_field(cardinality(categories)::text)
        || coalesce((select string_agg(access_audit_field(category), '' order by place)
                     from unnest(categories) with ordinality as listed (category, place)), '')
        || access_audit_field(operation) || access_audit_field(purpose),
        'UTF8'))
    $$
  ;

    create table access_audit_head (
      singleton boolean primary key default true check (singleton),
      chain_position bigint not null,
      row_hash bytea not null
    )
  ;
alter table access_audit disable trigger access_audit_no_change;

    do $$
    declare
      written record;
      previous bytea := decode(repeat('00', 32), 'hex');
      place bigint := 0;
    begin
      for written in select * from access_audit order by id loop
        place := place + 1;
        update access_audit
        set chain_position = place,
            previous_hash = previous,
            row_hash = access_audit_row_hash(previous, place, written.id, written.read_at, written.subject,
              written.side, written.organisation, written.role, written.child_id, written.family_id,
              written.categories, written.operation, written.purpose)
        where id = written.id
        returning row_hash into previous;
      end loop;
      insert into access_audit_head (chain_position, row_hash) values (place, previous);
    end
    $$
  ;
alter table access_audit enable trigger access_audit_no_change;

    alter table access_audit
      alter column chain_position set not null,
      alter column previous_hash set not null,
      alter column row_hash set not null
  ;
create unique index "access_audit_chain_position_idx" on "access_audit" ("chain_position");
select current_schema() as schema;

    create function access_audit_chain() returns trigger language plpgsql
    security definer set search_path = pg_catalog, "public", pg_temp as $$
    declare
      head access_audit_head%rowtype;
    begin
      select * into strict head from access_audit_head for update;
      new.chain_position := head.chain_position + 1;
      new.previous_hash := head.row_hash;
      new.row_hash := access_audit_row_hash(new.previous_hash, new.chain_position, new.id, new.read_at, new.subject,
        new.side, new.organisation, new.role, new.child_id, new.family_id, new.categories, new.operation, new.purpose);
      update access_audit_head set chain_position = new.chain_position, row_hash = new.row_hash;
      return new;
    end
    $$
  ;

    create trigger access_audit_chain before insert on access_audit
    for each row execute function access_audit_chain()
  ;

-- 2026_12_07_0300_add_programme_leads up
create table "staff_member" ("subject" text primary key, "name" text not null check (length(name) between 1 and 200), "side" text not null check (side in ('health','education','social','ngo','regional')), "organisation" text, "first_seen_at" timestamptz default now() not null, "last_seen_at" timestamptz default now() not null);
create index "staff_member_organisation_idx" on "staff_member" ("organisation");
create table "programme_lead" ("id" uuid default gen_random_uuid() primary key, "programme_id" uuid not null references "programme" ("id"), "subject" text not null references "staff_member" ("subject"), "assigned_at" timestamptz default now() not null, "assigned_by" text not null, "ended_at" timestamptz, constraint "programme_lead_term" check (ended_at is null or ended_at >= assigned_at));
create index "programme_lead_programme_idx" on "programme_lead" ("programme_id");
create index "programme_lead_subject_idx" on "programme_lead" ("subject");
create index programme_lead_current_idx on programme_lead (programme_id) where ended_at is null;

-- 2026_12_08_0900_index_child_name_words up
create extension if not exists pg_trgm;
create index "child_name_words_idx" on "child" using gin ((' ' || name_key) gin_trgm_ops);

-- 2026_12_08_0910_add_family_member_name_key up
alter table "family_member" add column "name_key" text;
select "id", "last_name", "first_name", "patronymic" from "family_member";
create index "family_member_name_words_idx" on "family_member" using gin ((' ' || name_key) gin_trgm_ops);
create index "member_contact_value_idx" on "member_contact" (lower(value));

-- 2026_12_08_1100_add_deadline_notifications up
create table "deadline_notification" ("id" uuid default gen_random_uuid() primary key, "item_kind" text not null check (item_kind in ('REFERRAL','PROGRAMME')), "item_id" uuid not null, "child_id" uuid not null references "child" ("id"), "provider_id" uuid not null references "provider" ("id"), "clock" text not null, "started_on" date not null, "due_on" date not null, "crossing" text not null check (crossing in ('DUE_SOON','BREACHED')), "created_at" timestamptz default now() not null, constraint "deadline_notification_crossing_key" unique ("item_id", "clock", "started_on", "crossing"));
create index "deadline_notification_provider_idx" on "deadline_notification" ("provider_id", "created_at");
create index "deadline_notification_child_idx" on "deadline_notification" ("child_id");
create index "deadline_notification_created_idx" on "deadline_notification" ("created_at");
create table "notification_read" ("notification_id" uuid not null references "deadline_notification" ("id"), "subject" text not null, "read_at" timestamptz default now() not null, constraint "notification_read_pkey" primary key ("notification_id", "subject"));
create index "notification_read_subject_idx" on "notification_read" ("subject");
create table "notification_recipient" ("subject" text primary key, "name" text check (length(name) between 1 and 200), "email" text check (length(email) between 3 and 254), "side" text not null check (side in ('health','education','social','ngo','regional')), "role" text not null check (role in ('specialist','coordinator')), "organisation" text, "digest" boolean default true not null, "last_digest_on" date, "updated_at" timestamptz default now() not null);
create index notification_recipient_digest_idx on notification_recipient (last_digest_on)
    where digest and email is not null;

-- 2026_12_09_1000_add_child_find_signals up
create table "child_find_signal" ("id" uuid primary key, "child_id" uuid not null references "child" ("id"), "source" text not null check (source in ('HEALTH','EDUCATION')), "kind" text not null check (kind in ('HEALTH_GROUP_IV','HEALTH_GROUP_V','LISTED_DIAGNOSIS','NEONATAL_SCREENING_CONFIRMED','AUDIOLOGY_SCREENING_CONFIRMED','PMPK_SPECIAL_CONDITIONS')), "proposed_criterion" text not null, "source_record_id" uuid not null, "recorded_on" date not null, "received_at" timestamptz default now() not null, "status" text default 'NEW' not null check (status in ('NEW','ACCEPTED','DISMISSED')), "decided_by" text, "decided_at" timestamptz, "dismiss_reason" text, "criterion_id" uuid references "child_criterion" ("id"), constraint "child_find_signal_decision" check ((status = 'NEW' and decided_at is null and decided_by is null and dismiss_reason is null and criterion_id is null)
        or (status = 'ACCEPTED' and decided_at is not null and decided_by is not null and criterion_id is not null)
        or (status = 'DISMISSED' and decided_at is not null and decided_by is not null and dismiss_reason is not null)));
create index "child_find_signal_child_idx" on "child_find_signal" ("child_id");
create index "child_find_signal_status_idx" on "child_find_signal" ("status", "id");
create index "child_find_signal_criterion_idx" on "child_find_signal" ("criterion_id");
alter table deadline_clock drop constraint deadline_clock_code_check;

    alter table deadline_clock add constraint deadline_clock_code_check check (code in
      ('REFERRAL_TO_NEED_DETERMINATION','REFERRAL_TO_PROGRAMME','PROGRAMME_REVIEW','TRANSITION_NOTICE','SIGNAL_HANDLING'))
  ;
insert into deadline_clock (code, days, day_kind) values ('SIGNAL_HANDLING', 5, 'WORKING');

-- 2026_12_10_1500_create_domain_events up
create table "domain_event" ("seq" bigint generated always as identity primary key, "id" uuid default gen_random_uuid() not null unique, "type" text not null check (type ~ '^[a-z_]+\.[a-z_]+$'), "occurred_at" timestamptz default now() not null, "subject" jsonb not null check (jsonb_typeof(subject) = 'object'));
create table "webhook_subscription" ("id" uuid default gen_random_uuid() primary key, "url" text not null check (char_length(url) between 8 and 2000), "secret" text not null, "event_types" text[] default '{}' not null, "description" text default '' not null check (char_length(description) <= 500), "active" boolean default true not null, "created_by" text not null, "created_at" timestamptz default now() not null);
create table "webhook_delivery" ("id" uuid default gen_random_uuid() primary key, "subscription_id" uuid not null references "webhook_subscription" ("id") on delete cascade, "event_seq" bigint not null references "domain_event" ("seq"), "status" text default 'PENDING' not null check (status in ('PENDING', 'DELIVERED', 'DEAD')), "attempts" integer default 0 not null, "next_attempt_at" timestamptz default now() not null, "last_status" integer, "last_error" text, "delivered_at" timestamptz, constraint "webhook_delivery_subscription_event_uq" unique ("subscription_id", "event_seq"));
create index "webhook_delivery_event_idx" on "webhook_delivery" ("event_seq");
create index "webhook_delivery_pending_idx" on "webhook_delivery" ("subscription_id", "event_seq") where "status" = 'PENDING';
create index "webhook_delivery_dead_idx" on "webhook_delivery" ("subscription_id", "event_seq") where "status" = 'DEAD';

-- 2026_12_10_1600_create_attachment up
create table "attachment" ("id" uuid default gen_random_uuid() primary key, "kind" text not null, "record_id" uuid not null, "child_id" uuid not null, "media_type" text not null, "size" integer not null check (size > 0), "sha256" text not null, "content" bytea, "object_key" text, "uploaded_at" timestamptz default now() not null, "uploaded_by" text not null, "uploaded_by_side" text, "uploaded_by_organisation" text, "file_name" text not null, "uploaded_by_name" text, constraint "attachment_stored_once" check ((content is null) <> (object_key is null)));
create index "attachment_record_id_idx" on "attachment" ("record_id");
create index "attachment_child_id_idx" on "attachment" ("child_id");

-- 2026_12_10_1700_notify_signal_handling up
alter table deadline_notification drop constraint deadline_notification_item_kind_check;

    alter table deadline_notification add constraint deadline_notification_item_kind_check
      check (item_kind in ('REFERRAL','PROGRAMME','SIGNAL'))
  ;
alter table deadline_notification alter column provider_id drop not null;

    alter table deadline_notification add constraint deadline_notification_provider_check
      check ((item_kind = 'SIGNAL') = (provider_id is null))
  ;

-- 2026_12_11_0900_version_service_catalogue up
create table "service_type_version" ("code" text not null references "service_type" ("code"), "effective_from" date not null, "name" text not null, "description" text default '' not null, "standard_duration_minutes" integer check (standard_duration_minutes between 5 and 480), "standard_frequency" text, "remote_allowed" boolean not null, "required_roles" text[] default '{}' not null, "retired" boolean default false not null, "recorded_at" timestamptz default now() not null, constraint "service_type_version_pk" primary key ("code", "effective_from"));

    insert into service_type_version
      (code, effective_from, name, description, standard_duration_minutes, standard_frequency, remote_allowed,
       required_roles)
    select code, date '2000-01-01', name, description, standard_duration_minutes, standard_frequency, remote_allowed,
       required_roles
    from service_type
  ;
alter table "service_type" drop column "name";
alter table "service_type" drop column "description";
alter table "service_type" drop column "standard_duration_minutes";
alter table "service_type" drop column "standard_frequency";
alter table "service_type" drop column "remote_allowed";
alter table "service_type" drop column "required_roles";

-- 2026_12_11_0910_add_registry_imports up
create table "registry_import" ("id" uuid default gen_random_uuid() primary key, "file_name" text not null, "file_sha256" text not null check (file_sha256 ~ '^[0-9a-f]{64}$'), "total_rows" integer not null check (total_rows > 0), "rows_done" integer default 0 not null, "created" integer default 0 not null, "merged" integer default 0 not null, "refused" integer default 0 not null, "started_by" text not null, "started_at" timestamptz default now() not null, "finished_at" timestamptz, constraint "registry_import_progress" check (rows_done between 0 and total_rows));
create unique index "registry_import_unfinished_file_idx" on "registry_import" ("file_sha256") where "finished_at" is null;
create table "registry_import_row" ("import_id" uuid not null references "registry_import" ("id"), "line" integer not null, "outcome" text not null check (outcome in ('CREATED','MERGED','REFUSED')), "child_id" uuid references "child" ("id"), "errors" jsonb default '[]'::jsonb not null, constraint "registry_import_row_pkey" primary key ("import_id", "line"), constraint "registry_import_row_child" check ((outcome = 'REFUSED') = (child_id is null)));
create index "registry_import_row_child_idx" on "registry_import_row" ("child_id");

-- 2026_12_11_1000_create_reference_dictionaries up
create table "reference_import" ("id" uuid default gen_random_uuid() primary key, "kind" text not null, "file_name" text not null check (char_length(file_name) between 1 and 255), "sha256" text not null check (sha256 ~ '^[0-9a-f]{64}$'), "imported_by" text not null, "imported_at" timestamptz default now() not null, "valid_from" date not null, "added" integer not null check (added >= 0), "changed" integer not null check (changed >= 0), "retired" integer not null check (retired >= 0), "unchanged" integer not null check (unchanged >= 0));
create index "reference_import_kind_idx" on "reference_import" ("kind", "imported_at");
create table "reference_entry" ("kind" text not null, "code" text not null check (char_length(code) between 1 and 64), "name" text not null check (char_length(name) >= 1), "parent_code" text, "active" boolean not null, constraint "reference_entry_pkey" primary key ("kind", "code"));
create table "reference_entry_version" ("id" bigint generated always as identity primary key, "kind" text not null, "code" text not null, "name" text not null, "parent_code" text, "valid_from" date, "valid_to" date, "import_id" uuid references "reference_import" ("id"), constraint "reference_entry_version_entry_fkey" foreign key ("kind", "code") references "reference_entry" ("kind", "code"), constraint "reference_entry_version_period_check" check (valid_from is null or valid_to is null or valid_to >= valid_from));
create index "reference_entry_version_entry_idx" on "reference_entry_version" ("kind", "code", "valid_from");
create index "reference_entry_version_import_idx" on "reference_entry_version" ("import_id");

-- 2026_12_12_0900_add_reference_attributes up
alter table "reference_entry" add column "attributes" jsonb default '{}'::jsonb not null;
alter table "reference_entry_version" add column "attributes" jsonb default '{}'::jsonb not null;

-- 2026_12_12_1040_add_working_calendar_days up
create table "working_calendar_day" ("day" date primary key, "kind" text not null check (kind in ('SHORTENED','WORKING_WEEKEND')), "note" text);

    create trigger working_calendar_day_figures_changed
    after insert or update or delete or truncate on working_calendar_day
    for each statement execute function notify_figures_changed()
  ;

-- 2026_12_12_1420_add_provider_contacts up
alter table provider drop constraint "provider_inn_check";
alter table provider add constraint "provider_inn_check" check ("inn" ~ '^([0-9]{10}|[0-9]{12})$');
alter table provider drop constraint "provider_ogrn_check";
alter table provider add constraint "provider_ogrn_check" check ("ogrn" ~ '^([0-9]{13}|[0-9]{15})$');
alter table "provider" add column "phone" text check (phone ~ '^[+]7[0-9]{10}$'), add column "email" text, add column "website" text;

-- 2026_12_13_1000_add_municipality_population up
alter table "municipality" add column "remote" boolean default false not null, add column "retired_on" date;
create table "municipality_population" ("municipality_oktmo" text not null references "municipality" ("oktmo"), "year" integer not null check (year between 1990 and 2100), "children_0_3" integer not null check (children_0_3 >= 0), constraint "municipality_population_pk" primary key ("municipality_oktmo", "year"));
create index "municipality_population_year_idx" on "municipality_population" ("year");

-- 2026_12_13_1000_add_municipality_population down
drop table "municipality_population";
alter table "municipality" drop column "retired_on", drop column "remote";

-- 2026_12_12_1420_add_provider_contacts down
alter table "provider" drop column "phone", drop column "email", drop column "website";
alter table provider drop constraint "provider_inn_check";
alter table provider add constraint "provider_inn_check" check ("inn" ~ '^[0-9]{10}$');
alter table provider drop constraint "provider_ogrn_check";
alter table provider add constraint "provider_ogrn_check" check ("ogrn" ~ '^[0-9]{13}$');

-- 2026_12_12_1040_add_working_calendar_days down
drop table "working_calendar_day";

-- 2026_12_12_0900_add_reference_attributes down
alter table "reference_entry" drop column "attributes";
alter table "reference_entry_version" drop column "attributes";

-- 2026_12_11_1000_create_reference_dictionaries down
drop table "reference_entry_version";
drop table "reference_entry";
drop table "reference_import";

-- 2026_12_11_0910_add_registry_imports down
drop table "registry_import_row";
drop table "registry_import";

-- 2026_12_11_0900_version_service_catalogue down
alter table "service_type" add column "name" text, add column "description" text default '' not null, add column "standard_duration_minutes" integer check (standard_duration_minutes between 5 and 480), add column "standard_frequency" text, add column "remote_allowed" boolean default false not null, add column "required_roles" text[] default '{}' not null;

    update service_type set name = v.name, description = v.description,
      standard_duration_minutes = v.standard_duration_minutes, standard_frequency = v.standard_frequency,
      remote_allowed = v.remote_allowed, required_roles = v.required_roles
    from (select distinct on (code) * from service_type_version order by code, effective_from desc) v
    where v.code = service_type.code
  ;
alter table "service_type" alter column "name" set not null;
drop table "service_type_version";

-- 2026_12_10_1700_notify_signal_handling down
delete from "deadline_notification" where "item_kind" = $1;
-- parameters: ["SIGNAL"]
alter table deadline_notification drop constraint deadline_notification_provider_check;
alter table deadline_notification alter column provider_id set not null;
alter table deadline_notification drop constraint deadline_notification_item_kind_check;

    alter table deadline_notification add constraint deadline_notification_item_kind_check
      check (item_kind in ('REFERRAL','PROGRAMME'))
  ;

-- 2026_12_10_1600_create_attachment down
drop table "attachment";

-- 2026_12_10_1500_create_domain_events down
drop table "webhook_delivery";
drop table "webhook_subscription";
drop table "domain_event";

-- 2026_12_09_1000_add_child_find_signals down
delete from "deadline_clock" where "code" = $1;
-- parameters: ["SIGNAL_HANDLING"]
alter table deadline_clock drop constraint deadline_clock_code_check;

    alter table deadline_clock add constraint deadline_clock_code_check check (code in
      ('REFERRAL_TO_NEED_DETERMINATION','REFERRAL_TO_PROGRAMME','PROGRAMME_REVIEW','TRANSITION_NOTICE'))
  ;
drop table "child_find_signal";

-- 2026_12_08_1100_add_deadline_notifications down
drop table "notification_recipient";
drop table "notification_read";
drop table "deadline_notification";

-- 2026_12_08_0910_add_family_member_name_key down
drop index "member_contact_value_idx";
drop index "family_member_name_words_idx";
alter table "family_member" drop column "name_key";

-- 2026_12_08_0900_index_child_name_words down
drop index "child_name_words_idx";
drop extension if exists pg_trgm;

-- 2026_12_07_0300_add_programme_leads down
drop table "programme_lead";
drop table "staff_member";

-- 2026_12_06_2300_chain_access_audit down
drop trigger access_audit_chain on access_audit;
drop function access_audit_chain();
drop table access_audit_head;
drop index access_audit_chain_position_idx;
drop index access_audit_family_id_idx;

    alter table access_audit
      drop column chain_position, drop column previous_hash, drop column row_hash,
      drop constraint access_audit_names_child_or_family, drop column family_id
  ;
drop function access_audit_row_hash(bytea, bigint, bigint, timestamptz, text, text, text, text, uuid, uuid, text[], text, text);
drop function access_audit_field(text);

-- 2026_11_24_1700_create_idempotent_request down
drop table "idempotent_request";

-- 2026_11_24_1410_index_child_merge_possible_duplicate down
drop index "child_merge_possible_duplicate_idx";

-- 2026_11_24_1400_notify_figure_changes down
drop trigger "child_figures_changed" on "child";
drop trigger "child_criterion_figures_changed" on "child_criterion";
drop trigger "deadline_clock_figures_changed" on "deadline_clock";
drop trigger "family_situation_figures_changed" on "family_situation";
drop trigger "non_working_day_figures_changed" on "non_working_day";
drop trigger "programme_figures_changed" on "programme";
drop trigger "programme_goal_figures_changed" on "programme_goal";
drop trigger "programme_review_figures_changed" on "programme_review";
drop trigger "programme_review_rating_figures_changed" on "programme_review_rating";
drop trigger "programme_service_figures_changed" on "programme_service";
drop trigger "provider_figures_changed" on "provider";
drop trigger "referral_figures_changed" on "referral";
drop trigger "referral_pause_figures_changed" on "referral_pause";
drop trigger "registry_status_change_figures_changed" on "registry_status_change";
drop function notify_figures_changed();

-- 2026_11_24_1330_index_child_name_prefix down
drop index "child_name_key_prefix_idx";

-- 2026_11_24_1320_add_municipality_boundaries down
alter table "municipality" drop column "boundary";

-- 2026_11_24_1310_create_staffing_indicator_snapshot down
drop function staffing_indicator_snapshot_frozen() cascade;
drop table "staffing_indicator_snapshot";

-- 2026_11_24_1300_add_quarterly_reports down
drop function indicator_snapshot_frozen() cascade;
drop function quarterly_report_frozen() cascade;
drop table "indicator_snapshot";
drop table "quarterly_report";

-- 2026_11_24_1210_add_consents down
drop table "consent";

-- 2026_11_24_1200_create_access_audit down
drop table "access_audit";
drop function access_audit_append_only();

-- 2026_11_24_1100_add_family_members down
alter table "legal_representative" add column "family_id" uuid references "family" ("id"), add column "last_name" text, add column "first_name" text, add column "patronymic" text, add column "phone" text, add column "email" text;

    update legal_representative r
    set family_id = m.family_id, last_name = m.last_name, first_name = m.first_name, patronymic = m.patronymic,
        phone = (select min(value) from member_contact c where c.member_id = m.id and c.kind = 'PHONE'),
        email = (select min(value) from member_contact c where c.member_id = m.id and c.kind = 'EMAIL')
    from family_member m
    where m.id = r.member_id;
alter table "legal_representative" alter column "family_id" set not null, alter column "last_name" set not null, alter column "first_name" set not null;
drop index "legal_representative_member_idx";
alter table "legal_representative" drop constraint "legal_representative_term";
alter table "legal_representative" drop column "member_id";
alter table "legal_representative" drop column "valid_from";
alter table "legal_representative" drop column "valid_to";
create index "legal_representative_family_idx" on "legal_representative" ("family_id");
drop table "member_contact";
drop table "family_member";

-- 2026_11_24_1000_add_session_specialists down
alter table "social_session" drop column "specialist_id";

-- 2026_11_24_0900_add_social_sessions down
drop table "social_session";

-- 2026_11_23_2100_create_staffing down
drop table "specialist_training";
drop table "specialist";

-- 2026_11_23_2000_add_child_merges down
drop table "child_merge_delivery";
drop table "child_merge";
alter table "child" drop column "merged_into_id";
drop table "child_merge_move";
drop table "child_merge_step";

-- 2026_11_23_1910_index_child_birth_date down
drop index "child_birth_date_idx";

-- 2026_11_23_1800_add_programmes down
drop table "programme_review_rating";
drop table "programme_review";
drop table "programme_service";
drop table "programme_goal";
drop table "programme";
alter table referral drop constraint referral_need_outcome;
alter table "referral" drop column "need_note", drop column "need_outcome";

-- 2026_11_23_1750_add_referrals_and_clocks down
drop table "referral_pause";
drop table "referral";
drop table "non_working_day";
drop table "deadline_clock";

-- 2026_11_23_1740_add_catalogue_and_provider_registry down
drop table "provider_service";
drop table "provider_municipality";
alter table "provider" drop column "moderation_note";
alter table "provider" drop column "moderation_status";
alter table "provider" drop column "address";
alter table "provider" drop column "kind";
alter table "service_type" drop column "required_roles";
alter table "service_type" drop column "remote_allowed";
alter table "service_type" drop column "standard_frequency";
alter table "service_type" drop column "standard_duration_minutes";
alter table "service_type" drop column "description";
alter table "service_type" drop column "kind";

-- 2026_11_23_1730_add_registration down
alter table "child_criterion" drop column "family_situation_id";
drop table "possible_duplicate";
drop table "registry_status_change";
alter table "child" drop column "name_key";

-- 2026_11_23_1600_create_registry down
drop table "service_type";
drop table "provider";
drop table "child_criterion";
drop table "child";
drop table "family_situation";
drop table "legal_representative";
drop table "family";
drop table "municipality";
