-- 2026_11_23_1600_create_health_records up
create table "icd10_code" ("code" text primary key check (code ~ '^[A-Z][0-9]{2}(\.[0-9]{1,2})?$'), "name" text not null);
create table "health_group_assessment" ("id" uuid default gen_random_uuid() primary key, "child_id" uuid not null, "health_group" text not null check (health_group in ('I','II','III','IV','V')), "assessed_on" date not null);
create index "health_group_assessment_child_idx" on "health_group_assessment" ("child_id", "assessed_on");
create table "detection_event" ("id" uuid default gen_random_uuid() primary key, "child_id" uuid not null, "kind" text not null check (kind in ('NEONATAL_SCREENING','AUDIOLOGY_SCREENING','PAEDIATRIC_VISIT','SPECIALIST_VISIT')), "result" text check (result in ('NEGATIVE','POSITIVE','CONFIRMED')), "occurred_on" date not null, "organisation" text);
create index "detection_event_child_idx" on "detection_event" ("child_id");
create table "diagnosis" ("id" uuid default gen_random_uuid() primary key, "child_id" uuid not null, "icd10_code" text not null references "icd10_code" ("code"), "diagnosed_on" date not null, "is_primary" boolean default false not null);
create index "diagnosis_child_idx" on "diagnosis" ("child_id");
create index "diagnosis_icd10_idx" on "diagnosis" ("icd10_code");
create table "risk_factor" ("id" uuid default gen_random_uuid() primary key, "child_id" uuid not null, "kind" text not null check (kind in ('PREMATURITY','LOW_BIRTH_WEIGHT','PERINATAL_CNS_LESION','HEREDITARY_BURDEN','INTRAUTERINE_INFECTION','BIRTH_ASPHYXIA')), "noted_on" date not null, "details" text);
create index "risk_factor_child_idx" on "risk_factor" ("child_id");

-- 2026_11_23_1610_insert_icd10_codes up
insert into "icd10_code" ("code", "name") values ($1, $2), ($3, $4), ($5, $6), ($7, $8), ($9, $10), ($11, $12), ($13, $14), ($15, $16), ($17, $18), ($19, $20), ($21, $22), ($23, $24), ($25, $26), ($27, $28), ($29, $30), ($31, $32), ($33, $34), ($35, $36), ($37, $38), ($39, $40), ($41, $42), ($43, $44), ($45, $46), ($47, $48), ($49, $50), ($51, $52), ($53, $54), ($55, $56), ($57, $58), ($59, $60), ($61, $62), ($63, $64), ($65, $66), ($67, $68), ($69, $70);
-- parameters: ["P07.0","Крайне малая масса тела при рождении","P07.1","Другие случаи малой массы тела при рождении","P07.2","Крайняя незрелость","P07.3","Другие случаи недоношенности","P91.0","Ишемия мозга у новорождённого","P91.1","Перивентрикулярные кисты (приобретённые) у новорождённого","P91.2","Церебральная лейкомаляция у новорождённого","P91.3","Церебральная возбудимость у новорождённого","P91.4","Церебральная депрессия у новорождённого","P91.6","Гипоксическая ишемическая энцефалопатия новорождённого","P52.1","Внутрижелудочковое кровоизлияние 2-й степени у плода и новорождённого","P52.2","Внутрижелудочковое кровоизлияние 3-й степени у плода и новорождённого","Q90.0","Трисомия 21, мейотическое нерасхождение","Q90.9","Синдром Дауна неуточнённый","G80.0","Спастический церебральный паралич","G80.1","Спастическая диплегия","G80.2","Детская гемиплегия","G80.3","Дискинетический церебральный паралич","H90.3","Нейросенсорная потеря слуха двусторонняя","H90.5","Нейросенсорная потеря слуха неуточнённая","H35.1","Ретинопатия недоношенных","Q21.0","Дефект межжелудочковой перегородки","Q21.1","Дефект предсердной перегородки","Q24.9","Врождённый порок сердца неуточнённый","Q03.9","Врождённая гидроцефалия неуточнённая","Q05.9","Spina bifida неуточнённая","G40.9","Эпилепсия неуточнённая","E70.0","Классическая фенилкетонурия","E03.1","Врождённый гипотиреоз без зоба","E84.9","Кистозный фиброз неуточнённый","G12.0","Детская спинальная мышечная атрофия, I тип (Верднига — Гоффмана)","F80.1","Расстройство экспрессивной речи","F80.2","Расстройство рецептивной речи","F84.0","Детский аутизм","R62.0","Задержка этапов развития"]

-- 2026_11_23_1800_create_observation_and_rehabilitation up
create table "dispensary_observation" ("id" uuid default gen_random_uuid() primary key, "child_id" uuid not null, "icd10_code" text not null references "icd10_code" ("code"), "specialty" text not null check (specialty in ('PAEDIATRICS','NEONATOLOGY','NEUROLOGY','PAEDIATRIC_CARDIOLOGY','OPHTHALMOLOGY','AUDIOLOGY_OTORHINOLARYNGOLOGY','PAEDIATRIC_ENDOCRINOLOGY','MEDICAL_GENETICS','TRAUMATOLOGY_ORTHOPAEDICS','PAEDIATRIC_SURGERY','PSYCHIATRY','PULMONOLOGY','PHYSICAL_REHABILITATION_MEDICINE')), "started_on" date not null, "ended_on" date, "end_reason" text check (end_reason in ('RECOVERED','STABLE_REMISSION','TRANSFERRED','REFUSED','DIED')), constraint "dispensary_observation_end_check" check ((ended_on is null) = (end_reason is null)), constraint "dispensary_observation_period_check" check (ended_on is null or ended_on >= started_on));
create index "dispensary_observation_child_idx" on "dispensary_observation" ("child_id");
create index "dispensary_observation_icd10_idx" on "dispensary_observation" ("icd10_code");
create unique index "dispensary_observation_open_key" on "dispensary_observation" ("child_id", "icd10_code", "specialty") where ended_on is null;
create table "rehabilitation_episode" ("id" uuid default gen_random_uuid() primary key, "child_id" uuid not null, "organisation" text not null check (btrim(organisation) <> '' and char_length(organisation) <= 300), "goal" text not null check (btrim(goal) <> '' and char_length(goal) <= 2000), "started_on" date not null, "ended_on" date, constraint "rehabilitation_episode_period_check" check (ended_on is null or ended_on >= started_on));
create index "rehabilitation_episode_child_idx" on "rehabilitation_episode" ("child_id");
create table "rehabilitation_session" ("id" uuid default gen_random_uuid() primary key, "episode_id" uuid not null references "rehabilitation_episode" ("id"), "held_on" date not null, "duration_minutes" integer not null check (duration_minutes between 1 and 480), "mode" text not null check (mode in ('IN_CENTRE','AT_HOME','REMOTE')), "specialist_role" text not null check (specialist_role in ('REHABILITATION_PHYSICIAN','PHYSICAL_THERAPIST','OCCUPATIONAL_THERAPIST','SPEECH_THERAPIST','MEDICAL_PSYCHOLOGIST','EXERCISE_THERAPY_PHYSICIAN','EXERCISE_THERAPY_INSTRUCTOR','PHYSIOTHERAPIST','NEUROLOGIST','PAEDIATRICIAN','REHABILITATION_NURSE','MASSAGE_NURSE')), "attended" boolean not null, "cancellation_reason" text check (char_length(cancellation_reason) <= 500), constraint "rehabilitation_session_cancellation_check" check ((attended and cancellation_reason is null) or (not attended and cancellation_reason is not null and btrim(cancellation_reason) <> '')));
create index "rehabilitation_session_episode_idx" on "rehabilitation_session" ("episode_id", "held_on");

-- 2026_11_23_2000_add_child_merges up
create table "child_merge_step" ("merge_id" uuid primary key, "survivor_id" uuid not null, "merged_id" uuid not null, "applied_at" timestamptz, "undone_at" timestamptz);
create table "child_merge_move" ("merge_id" uuid not null references "child_merge_step" ("merge_id"), "moved_table" text not null, "row_id" uuid not null, constraint "child_merge_move_pkey" primary key ("merge_id", "moved_table", "row_id"));

-- 2026_11_23_2100_create_staffing up
create table "specialist" ("id" uuid default gen_random_uuid() primary key, "provider_id" uuid not null, "personnel_number" text not null check (char_length(personnel_number) between 1 and 32), "role" text not null check (role in ('SOCIAL_WORKER','PSYCHOLOGIST','DEFECTOLOGIST','SPEECH_THERAPIST','ADAPTIVE_PE_INSTRUCTOR','PAEDIATRICIAN','NEONATOLOGIST','NEUROLOGIST','OCCUPATIONAL_THERAPIST','TYPHLOPEDAGOGUE','SURDOPEDAGOGUE','EDUCATOR','NURSE')), "employed_from" date not null, "employed_until" date, constraint "specialist_dates" check (employed_until is null or employed_until >= employed_from));
create index "specialist_provider_idx" on "specialist" ("provider_id");
create unique index "specialist_current_number_uq" on "specialist" ("provider_id", "personnel_number") where "employed_until" is null;
create table "specialist_training" ("id" uuid default gen_random_uuid() primary key, "specialist_id" uuid not null references "specialist" ("id"), "course" text not null check (char_length(course) between 1 and 300), "hours" integer not null check (hours between 1 and 2000), "completed_on" date not null, "certificate_number" text not null check (char_length(certificate_number) between 1 and 64));
create unique index "specialist_training_certificate_uq" on "specialist_training" ("specialist_id", "certificate_number");

-- 2026_11_24_0900_link_sessions_to_programme_services up
alter table "rehabilitation_session" add column "programme_service_id" uuid;
create index "rehabilitation_session_programme_service_idx" on "rehabilitation_session" ("programme_service_id");

-- 2026_11_24_1000_add_session_specialists up
alter table "rehabilitation_session" add column "specialist_id" uuid references "specialist" ("id");
create index "rehabilitation_session_specialist_idx" on "rehabilitation_session" ("specialist_id");

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

-- 2026_12_09_1000_create_signal_outbox up
create table "signal_outbox" ("id" uuid default gen_random_uuid() primary key, "child_id" uuid not null, "kind" text not null, "proposed_criterion" text not null, "source_record_id" uuid not null unique, "recorded_on" date not null, "created_at" timestamptz default now() not null, "delivered_at" timestamptz, "attempts" integer default 0 not null, "last_error" text);
create index "signal_outbox_child_id_idx" on "signal_outbox" ("child_id");
create index "signal_outbox_undelivered_idx" on "signal_outbox" ("created_at", "id") where "delivered_at" is null;

-- 2026_12_10_1500_create_domain_events up
create table "domain_event" ("seq" bigint generated always as identity primary key, "id" uuid default gen_random_uuid() not null unique, "type" text not null check (type ~ '^[a-z_]+\.[a-z_]+$'), "occurred_at" timestamptz default now() not null, "subject" jsonb not null check (jsonb_typeof(subject) = 'object'));
create table "webhook_subscription" ("id" uuid default gen_random_uuid() primary key, "url" text not null check (char_length(url) between 8 and 2000), "secret" text not null, "event_types" text[] default '{}' not null, "description" text default '' not null check (char_length(description) <= 500), "active" boolean default true not null, "created_by" text not null, "created_at" timestamptz default now() not null);
create table "webhook_delivery" ("id" uuid default gen_random_uuid() primary key, "subscription_id" uuid not null references "webhook_subscription" ("id") on delete cascade, "event_seq" bigint not null references "domain_event" ("seq"), "status" text default 'PENDING' not null check (status in ('PENDING', 'DELIVERED', 'DEAD')), "attempts" integer default 0 not null, "next_attempt_at" timestamptz default now() not null, "last_status" integer, "last_error" text, "delivered_at" timestamptz, constraint "webhook_delivery_subscription_event_uq" unique ("subscription_id", "event_seq"));
create index "webhook_delivery_event_idx" on "webhook_delivery" ("event_seq");
create index "webhook_delivery_pending_idx" on "webhook_delivery" ("subscription_id", "event_seq") where "status" = 'PENDING';
create index "webhook_delivery_dead_idx" on "webhook_delivery" ("subscription_id", "event_seq") where "status" = 'DEAD';

-- 2026_12_10_1700_add_signal_refusal up
alter table "signal_outbox" add column "refused_at" timestamptz;
drop index "signal_outbox_undelivered_idx";
create index signal_outbox_undelivered_idx on signal_outbox (created_at, id)
    where delivered_at is null and refused_at is null;

-- 2026_12_11_1000_create_reference_dictionaries up
create table "reference_import" ("id" uuid default gen_random_uuid() primary key, "kind" text not null, "file_name" text not null check (char_length(file_name) between 1 and 255), "sha256" text not null check (sha256 ~ '^[0-9a-f]{64}$'), "imported_by" text not null, "imported_at" timestamptz default now() not null, "valid_from" date not null, "added" integer not null check (added >= 0), "changed" integer not null check (changed >= 0), "retired" integer not null check (retired >= 0), "unchanged" integer not null check (unchanged >= 0));
create index "reference_import_kind_idx" on "reference_import" ("kind", "imported_at");
create table "reference_entry" ("kind" text not null, "code" text not null check (char_length(code) between 1 and 64), "name" text not null check (char_length(name) >= 1), "parent_code" text, "active" boolean not null, constraint "reference_entry_pkey" primary key ("kind", "code"));
create table "reference_entry_version" ("id" bigint generated always as identity primary key, "kind" text not null, "code" text not null, "name" text not null, "parent_code" text, "valid_from" date, "valid_to" date, "import_id" uuid references "reference_import" ("id"), constraint "reference_entry_version_entry_fkey" foreign key ("kind", "code") references "reference_entry" ("kind", "code"), constraint "reference_entry_version_period_check" check (valid_from is null or valid_to is null or valid_to >= valid_from));
create index "reference_entry_version_entry_idx" on "reference_entry_version" ("kind", "code", "valid_from");
create index "reference_entry_version_import_idx" on "reference_entry_version" ("import_id");
insert into reference_entry (kind, code, name, parent_code, active)
    select 'icd10', code, name, null, true from icd10_code;
insert into reference_entry_version (kind, code, name, parent_code, valid_from, valid_to)
    select 'icd10', code, name, null, null, null from icd10_code;
alter table "diagnosis" drop constraint "diagnosis_icd10_code_fkey";
alter table "diagnosis" add column icd10_kind text not null generated always as ('icd10') stored;
alter table "diagnosis" add constraint "diagnosis_icd10_code_fkey"
      foreign key (icd10_kind, icd10_code) references reference_entry (kind, code);
alter table "dispensary_observation" drop constraint "dispensary_observation_icd10_code_fkey";
alter table "dispensary_observation" add column icd10_kind text not null generated always as ('icd10') stored;
alter table "dispensary_observation" add constraint "dispensary_observation_icd10_code_fkey"
      foreign key (icd10_kind, icd10_code) references reference_entry (kind, code);
drop index "diagnosis_icd10_idx";
create index "diagnosis_icd10_idx" on "diagnosis" ("icd10_kind", "icd10_code");
drop index "dispensary_observation_icd10_idx";
create index "dispensary_observation_icd10_idx" on "dispensary_observation" ("icd10_kind", "icd10_code");
drop table "icd10_code";
create view icd10_code as
    select code, name, parent_code, active from reference_entry where kind = 'icd10';

-- 2026_12_12_0900_add_reference_attributes up
alter table "reference_entry" add column "attributes" jsonb default '{}'::jsonb not null;
alter table "reference_entry_version" add column "attributes" jsonb default '{}'::jsonb not null;

-- 2026_12_12_0900_add_reference_attributes down
alter table "reference_entry" drop column "attributes";
alter table "reference_entry_version" drop column "attributes";

-- 2026_12_11_1000_create_reference_dictionaries down
drop view icd10_code;
create table "icd10_code" ("code" text primary key, "name" text not null);
insert into icd10_code (code, name)
    select code, name from reference_entry where kind = 'icd10';
alter table "diagnosis" drop constraint "diagnosis_icd10_code_fkey";
alter table "diagnosis" drop column icd10_kind;
create index "diagnosis_icd10_idx" on "diagnosis" ("icd10_code");
alter table "diagnosis" add constraint "diagnosis_icd10_code_fkey"
      foreign key (icd10_code) references icd10_code (code);
alter table "dispensary_observation" drop constraint "dispensary_observation_icd10_code_fkey";
alter table "dispensary_observation" drop column icd10_kind;
create index "dispensary_observation_icd10_idx" on "dispensary_observation" ("icd10_code");
alter table "dispensary_observation" add constraint "dispensary_observation_icd10_code_fkey"
      foreign key (icd10_code) references icd10_code (code);
drop table "reference_entry_version";
drop table "reference_entry";
drop table "reference_import";

-- 2026_12_10_1700_add_signal_refusal down
drop index "signal_outbox_undelivered_idx";
create index signal_outbox_undelivered_idx on signal_outbox (created_at, id)
    where delivered_at is null;
alter table "signal_outbox" drop column "refused_at";

-- 2026_12_10_1500_create_domain_events down
drop table "webhook_delivery";
drop table "webhook_subscription";
drop table "domain_event";

-- 2026_12_09_1000_create_signal_outbox down
drop table "signal_outbox";

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

-- 2026_11_24_1310_create_staffing_indicator_snapshot down
drop function staffing_indicator_snapshot_frozen() cascade;
drop table "staffing_indicator_snapshot";

-- 2026_11_24_1200_create_access_audit down
drop table "access_audit";
drop function access_audit_append_only();

-- 2026_11_24_1000_add_session_specialists down
alter table "rehabilitation_session" drop column "specialist_id";

-- 2026_11_24_0900_link_sessions_to_programme_services down
drop index "rehabilitation_session_programme_service_idx";
alter table "rehabilitation_session" drop column "programme_service_id";

-- 2026_11_23_2100_create_staffing down
drop table "specialist_training";
drop table "specialist";

-- 2026_11_23_2000_add_child_merges down
drop table "child_merge_move";
drop table "child_merge_step";

-- 2026_11_23_1800_create_observation_and_rehabilitation down
drop table "rehabilitation_session";
drop table "rehabilitation_episode";
drop table "dispensary_observation";

-- 2026_11_23_1610_insert_icd10_codes down
delete from "icd10_code" where "code" in ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35);
-- parameters: ["P07.0","P07.1","P07.2","P07.3","P91.0","P91.1","P91.2","P91.3","P91.4","P91.6","P52.1","P52.2","Q90.0","Q90.9","G80.0","G80.1","G80.2","G80.3","H90.3","H90.5","H35.1","Q21.0","Q21.1","Q24.9","Q03.9","Q05.9","G40.9","E70.0","E03.1","E84.9","G12.0","F80.1","F80.2","F84.0","R62.0"]

-- 2026_11_23_1600_create_health_records down
drop table "risk_factor";
drop table "diagnosis";
drop table "detection_event";
drop table "health_group_assessment";
drop table "icd10_code";
