import type { Kysely } from 'kysely';
import { runStatements } from './run.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE areas (
       code text PRIMARY KEY,
       name text NOT NULL,
       level text NOT NULL CHECK (level IN ('country','council_area','locality','intermediate_zone','data_zone','ward','health_board')),
       parent_code text REFERENCES areas(code) DEFERRABLE,
       partnership_id integer,
       fictional boolean NOT NULL DEFAULT false,
       source text,
       created_at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE INDEX areas_parent_idx ON areas (parent_code)`,
    `CREATE INDEX areas_level_idx ON areas (level)`,
    `CREATE TABLE area_name_variants (
       id serial PRIMARY KEY,
       area_code text NOT NULL REFERENCES areas(code) ON DELETE CASCADE,
       name text NOT NULL,
       source text
     )`,
    `CREATE UNIQUE INDEX area_name_variants_name_idx ON area_name_variants (lower(name))`,
    `CREATE TABLE area_code_aliases (
       old_code text PRIMARY KEY,
       area_code text NOT NULL REFERENCES areas(code) ON DELETE CASCADE,
       changed_in text,
       source text
     )`,
    `CREATE TABLE partnerships (
       id serial PRIMARY KEY,
       code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9-]*$'),
       name text NOT NULL,
       council_area_code text NOT NULL UNIQUE REFERENCES areas(code),
       fictional boolean NOT NULL DEFAULT false,
       created_at timestamptz NOT NULL DEFAULT now(),
       updated_at timestamptz NOT NULL DEFAULT now()
     )`,
    `ALTER TABLE areas ADD CONSTRAINT areas_partnership_fk FOREIGN KEY (partnership_id) REFERENCES partnerships(id) DEFERRABLE`,
    `ALTER TABLE areas ADD CONSTRAINT areas_locality_has_partnership CHECK ((level = 'locality') = (partnership_id IS NOT NULL))`,
    `CREATE INDEX areas_partnership_idx ON areas (partnership_id)`,
    `CREATE TABLE locality_components (
       locality_code text NOT NULL REFERENCES areas(code) ON DELETE CASCADE,
       component_code text NOT NULL REFERENCES areas(code),
       PRIMARY KEY (locality_code, component_code)
     )`,
    `CREATE TABLE organisation_types (
       code text PRIMARY KEY,
       name text NOT NULL,
       category text NOT NULL CHECK (category IN ('statutory_partner','community','third_sector','business','national','other')),
       legal_basis text,
       note text,
       sort_order integer NOT NULL
     )`,
    `CREATE TABLE organisations (
       id serial PRIMARY KEY,
       name text NOT NULL,
       type_code text NOT NULL REFERENCES organisation_types(code),
       website text,
       owner_partnership_id integer REFERENCES partnerships(id),
       fictional boolean NOT NULL DEFAULT false,
       created_at timestamptz NOT NULL DEFAULT now(),
       updated_at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE UNIQUE INDEX organisations_name_idx ON organisations (lower(name))`,
    `CREATE TABLE partnership_organisations (
       partnership_id integer NOT NULL REFERENCES partnerships(id),
       organisation_id integer NOT NULL REFERENCES organisations(id),
       kind text NOT NULL CHECK (kind IN ('statutory_partner','partner','community','observer')),
       joined_on date,
       created_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (partnership_id, organisation_id)
     )`,
    `CREATE TABLE users (
       id serial PRIMARY KEY,
       email text NOT NULL,
       display_name text NOT NULL,
       password_hash text NOT NULL,
       organisation_id integer REFERENCES organisations(id),
       active boolean NOT NULL DEFAULT true,
       must_change_password boolean NOT NULL DEFAULT false,
       fictional boolean NOT NULL DEFAULT false,
       last_login_at timestamptz,
       created_at timestamptz NOT NULL DEFAULT now(),
       updated_at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE UNIQUE INDEX users_email_idx ON users (lower(email))`,
    `CREATE TABLE user_national_roles (
       user_id integer NOT NULL REFERENCES users(id),
       role text NOT NULL CHECK (role IN ('national_analyst','administrator')),
       created_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (user_id, role)
     )`,
    `CREATE TABLE partnership_roles (
       user_id integer NOT NULL REFERENCES users(id),
       partnership_id integer NOT NULL REFERENCES partnerships(id),
       role text NOT NULL CHECK (role IN ('viewer','partner_officer','partnership_manager')),
       created_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (user_id, partnership_id)
     )`,
    `CREATE INDEX partnership_roles_partnership_idx ON partnership_roles (partnership_id)`,
    `CREATE TABLE sessions (
       id text PRIMARY KEY,
       user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
       created_at timestamptz NOT NULL DEFAULT now(),
       expires_at timestamptz NOT NULL,
       last_seen_at timestamptz NOT NULL,
       ip text,
       user_agent text
     )`,
    `CREATE INDEX sessions_user_idx ON sessions (user_id)`,
    `CREATE TABLE login_attempts (
       id bigserial PRIMARY KEY,
       at timestamptz NOT NULL,
       email text NOT NULL,
       ip text,
       outcome text NOT NULL CHECK (outcome IN ('success','failure','reset'))
     )`,
    `CREATE INDEX login_attempts_email_idx ON login_attempts (lower(email), at)`,
    `CREATE INDEX login_attempts_ip_idx ON login_attempts (ip, at)`,
    `CREATE TABLE audit_events (
       id bigserial PRIMARY KEY,
       at timestamptz NOT NULL,
       actor_user_id integer REFERENCES users(id),
       actor_label text NOT NULL,
       partnership_id integer REFERENCES partnerships(id),
       action text NOT NULL,
       resource_type text NOT NULL,
       resource_id text,
       before jsonb,
       after jsonb,
       ip text,
       request_id text
     )`,
    `CREATE INDEX audit_events_partnership_idx ON audit_events (partnership_id, id)`,
    // The audit trail is append-only: no UPDATE, DELETE or TRUNCATE, whoever asks.
    `CREATE FUNCTION cairn_audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
     END $$`,
    `CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
       FOR EACH ROW EXECUTE FUNCTION cairn_audit_is_append_only()`,
    `CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
       FOR EACH STATEMENT EXECUTE FUNCTION cairn_audit_is_append_only()`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'DROP TABLE audit_events',
    'DROP FUNCTION cairn_audit_is_append_only()',
    'DROP TABLE login_attempts',
    'DROP TABLE sessions',
    'DROP TABLE partnership_roles',
    'DROP TABLE user_national_roles',
    'DROP TABLE users',
    'DROP TABLE partnership_organisations',
    'DROP TABLE organisations',
    'DROP TABLE organisation_types',
    'DROP TABLE locality_components',
    'ALTER TABLE areas DROP CONSTRAINT areas_partnership_fk',
    'DROP TABLE partnerships',
    'DROP TABLE area_code_aliases',
    'DROP TABLE area_name_variants',
    'DROP TABLE areas',
  ]);
}
