-- 2026_11_23_1600_create_education_records up
create table "kindergarten" ("id" uuid default gen_random_uuid() primary key, "name" text not null, "municipality_oktmo" text not null check (municipality_oktmo ~ '^[0-9]{8}$'));
create index "kindergarten_municipality_idx" on "kindergarten" ("municipality_oktmo");
create table "pmpk_conclusion" ("id" uuid default gen_random_uuid() primary key, "child_id" uuid not null, "number" text not null, "commission" text not null, "concluded_on" date not null, "needs_special_conditions" boolean not null, "recommended_programme" text not null check (recommended_programme in ('GENERAL','ADAPTED')), "recommended_conditions" text[] default '{}' not null);
create index "pmpk_conclusion_child_idx" on "pmpk_conclusion" ("child_id");
create table "preschool_application" ("id" uuid default gen_random_uuid() primary key, "child_id" uuid not null, "applied_on" date not null, "desired_start_on" date not null, "status" text not null check (status in ('QUEUED','DIRECTED','ENROLLED','WITHDRAWN')), "kindergarten_id" uuid references "kindergarten" ("id"), "enrolled_on" date, "group_type" text check (group_type in ('GENERAL','COMPENSATORY','COMBINED','SHORT_STAY')), constraint "preschool_application_enrolment" check ((status = 'ENROLLED') = (enrolled_on is not null) and (status in ('QUEUED','WITHDRAWN') or kindergarten_id is not null)));
create index "preschool_application_child_idx" on "preschool_application" ("child_id");
create index "preschool_application_kindergarten_idx" on "preschool_application" ("kindergarten_id");
create index "preschool_application_status_idx" on "preschool_application" ("status");

-- 2026_11_23_1900_add_early_help_and_queue_rules up
create table "early_help_unit" ("id" uuid default gen_random_uuid() primary key, "kindergarten_id" uuid not null references "kindergarten" ("id"), "kind" text not null check (kind in ('CONSULTATION_POINT','LEKOTEKA','SHORT_STAY_GROUP','EARLY_HELP_SERVICE')), "title" text not null check (btrim(title) <> '' and char_length(title) <= 300));
create index "early_help_unit_kindergarten_idx" on "early_help_unit" ("kindergarten_id");
create table "education_session" ("id" uuid default gen_random_uuid() primary key, "child_id" uuid not null, "unit_id" uuid not null references "early_help_unit" ("id"), "service_code" text not null check (service_code ~ '^[A-Za-z0-9_.-]{1,64}$'), "delivered_on" date not null, "duration_minutes" integer not null check (duration_minutes between 1 and 480), "mode" text not null check (mode in ('IN_CENTRE','AT_HOME','GROUP','REMOTE')), "attended" boolean not null, "cancellation_reason" text check (cancellation_reason in ('CHILD_ILL','FAMILY_REQUEST','FAMILY_NO_SHOW','SPECIALIST_UNAVAILABLE','ORGANISATION_CLOSED','OTHER')), constraint "education_session_cancellation_check" check ((attended and cancellation_reason is null) or (not attended and cancellation_reason is not null)));
create index "education_session_child_idx" on "education_session" ("child_id");
create index "education_session_unit_idx" on "education_session" ("unit_id");
alter table "preschool_application" add column "withdrawal_reason" text check (withdrawal_reason in ('PARENTS_REQUEST','MOVED_AWAY','PLACED_ELSEWHERE','FAMILY_EDUCATION','OTHER'));
alter table "preschool_application" add constraint "preschool_application_withdrawal_check" check (withdrawal_reason is null or status = 'WITHDRAWN');
create unique index "preschool_application_active_key" on "preschool_application" ("child_id") where status in ('QUEUED','DIRECTED');
create unique index "pmpk_conclusion_number_key" on "pmpk_conclusion" ("commission", "number");

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
alter table "education_session" add column "programme_service_id" uuid;
create index "education_session_programme_service_idx" on "education_session" ("programme_service_id");

-- 2026_11_24_1000_add_session_specialists up
alter table "education_session" add column "specialist_id" uuid references "specialist" ("id");
create index "education_session_specialist_idx" on "education_session" ("specialist_id");
alter table "education_session" add column "specialist_role" text check (specialist_role in ('SOCIAL_WORKER','PSYCHOLOGIST','DEFECTOLOGIST','SPEECH_THERAPIST','ADAPTIVE_PE_INSTRUCTOR','PAEDIATRICIAN','NEONATOLOGIST','NEUROLOGIST','OCCUPATIONAL_THERAPIST','TYPHLOPEDAGOGUE','SURDOPEDAGOGUE','EDUCATOR','NURSE'));
alter table "education_session" add constraint "education_session_named_specialist_role_check" check (specialist_id is null or specialist_role is not null);

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

-- 2026_11_24_1320_create_preschool_indicator_snapshot up
create table "preschool_indicator_snapshot" ("report_id" uuid not null, "territory" text not null, "figures" jsonb not null, "frozen_at" timestamptz default now() not null, constraint "preschool_indicator_snapshot_pkey" primary key ("report_id", "territory"));

    create function preschool_indicator_snapshot_frozen() returns trigger language plpgsql as $$
    begin
      raise exception '% is frozen: % refused', tg_table_name, tg_op;
    end
    $$
  ;

    create trigger preschool_indicator_snapshot_no_change before update or delete on "preschool_indicator_snapshot"
    for each row execute function preschool_indicator_snapshot_frozen()
  ;

    create trigger preschool_indicator_snapshot_no_truncate before truncate on "preschool_indicator_snapshot"
    for each statement execute function preschool_indicator_snapshot_frozen()
  ;

-- 2026_11_24_1400_keep_preschool_snapshot_children up
alter table "preschool_indicator_snapshot" add column "children" jsonb;

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

-- 2026_12_10_1600_create_attachment up
create table "attachment" ("id" uuid default gen_random_uuid() primary key, "kind" text not null, "record_id" uuid not null, "child_id" uuid not null, "media_type" text not null, "size" integer not null check (size > 0), "sha256" text not null, "content" bytea, "object_key" text, "uploaded_at" timestamptz default now() not null, "uploaded_by" text not null, "uploaded_by_side" text, "uploaded_by_organisation" text, constraint "attachment_stored_once" check ((content is null) <> (object_key is null)));
create index "attachment_record_id_idx" on "attachment" ("record_id");
create index "attachment_child_id_idx" on "attachment" ("child_id");

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

-- 2026_12_12_0900_add_reference_attributes up
alter table "reference_entry" add column "attributes" jsonb default '{}'::jsonb not null;
alter table "reference_entry_version" add column "attributes" jsonb default '{}'::jsonb not null;

-- 2026_12_12_1000_add_kindergarten_codes up
alter table "kindergarten" add column "code" text unique check (code ~ '^[0-9A-Za-zА-ЯЁа-яё._-]{1,32}$'), add column "address" text check (char_length(address) <= 500), add column "closed_on" date;
create table "kindergarten_group" ("id" uuid default gen_random_uuid() primary key, "kindergarten_id" uuid not null references "kindergarten" ("id"), "code" text not null check (code ~ '^[0-9A-Za-zА-ЯЁа-яё._-]{1,32}$'), "title" text not null check (btrim(title) <> '' and char_length(title) <= 300), "age_from_months" integer not null check (age_from_months between 0 and 96), "age_to_months" integer not null check (age_to_months between 1 and 96), "focus" text not null check (focus in ('GENERAL','COMPENSATORY','COMBINED','HEALTH_IMPROVING')), "places" integer not null check (places between 1 and 500), "closed_on" date, constraint "kindergarten_group_code_key" unique ("kindergarten_id", "code"), constraint "kindergarten_group_ages_check" check (age_from_months < age_to_months));
alter table "early_help_unit" add column "code" text check (code ~ '^[0-9A-Za-zА-ЯЁа-яё._-]{1,32}$'), add column "opened_on" date, add column "closed_on" date;
create unique index "early_help_unit_code_key" on "early_help_unit" ("kindergarten_id", "code");

-- 2026_12_12_1000_add_kindergarten_codes down
drop index "early_help_unit_code_key";
alter table "early_help_unit" drop column "closed_on";
alter table "early_help_unit" drop column "opened_on";
alter table "early_help_unit" drop column "code";
drop table "kindergarten_group";
alter table "kindergarten" drop column "closed_on";
alter table "kindergarten" drop column "address";
alter table "kindergarten" drop column "code";

-- 2026_12_12_0900_add_reference_attributes down
alter table "reference_entry" drop column "attributes";
alter table "reference_entry_version" drop column "attributes";

-- 2026_12_11_1000_create_reference_dictionaries down
drop table "reference_entry_version";
drop table "reference_entry";
drop table "reference_import";

-- 2026_12_10_1700_add_signal_refusal down
drop index "signal_outbox_undelivered_idx";
create index signal_outbox_undelivered_idx on signal_outbox (created_at, id)
    where delivered_at is null;
alter table "signal_outbox" drop column "refused_at";

-- 2026_12_10_1600_create_attachment down
drop table "attachment";

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

-- 2026_11_24_1400_keep_preschool_snapshot_children down
alter table "preschool_indicator_snapshot" drop column "children";

-- 2026_11_24_1320_create_preschool_indicator_snapshot down
drop function preschool_indicator_snapshot_frozen() cascade;
drop table "preschool_indicator_snapshot";

-- 2026_11_24_1310_create_staffing_indicator_snapshot down
drop function staffing_indicator_snapshot_frozen() cascade;
drop table "staffing_indicator_snapshot";

-- 2026_11_24_1200_create_access_audit down
drop table "access_audit";
drop function access_audit_append_only();

-- 2026_11_24_1000_add_session_specialists down
alter table "education_session" drop column "specialist_role";
alter table "education_session" drop column "specialist_id";

-- 2026_11_24_0900_link_sessions_to_programme_services down
drop index "education_session_programme_service_idx";
alter table "education_session" drop column "programme_service_id";

-- 2026_11_23_2100_create_staffing down
drop table "specialist_training";
drop table "specialist";

-- 2026_11_23_2000_add_child_merges down
drop table "child_merge_move";
drop table "child_merge_step";

-- 2026_11_23_1900_add_early_help_and_queue_rules down
drop index "pmpk_conclusion_number_key";
drop index "preschool_application_active_key";
alter table "preschool_application" drop constraint "preschool_application_withdrawal_check";
alter table "preschool_application" drop column "withdrawal_reason";
drop table "education_session";
drop table "early_help_unit";

-- 2026_11_23_1600_create_education_records down
drop table "preschool_application";
drop table "pmpk_conclusion";
drop table "kindergarten";
