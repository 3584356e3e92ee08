import type { Kysely } from 'kysely';
import { runStatements } from './run.ts';

/**
 * Issue 14 (hardening).
 *
 * 1. Versions of the data that remembered results are keyed on: `audit` for the responses of
 *    core/http/response-cache.ts (every write is audited), `imports` for the results OutcomesService keeps
 *    until the next import. They were `max(audit_events.id)` and `max(import_runs.id)`, which can go stale on
 *    PostgreSQL: a transaction holding a lower id that commits after one holding a higher id adds rows
 *    without moving the maximum. Each row of `data_versions` is bumped by a deferred constraint trigger, so
 *    the bump runs at commit and its row lock is held only from there to the end of the commit. Each bump
 *    waits for the one before it to commit and adds to its committed value, so a version moves forward in
 *    commit order and is seen when the change is.
 * 2. Outbox messages are claimed before they are sent (`claimed_until`, a lease): two processes never send
 *    one message, and a process that dies mid-send leaves its claim to lapse so the message is tried again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE data_versions (
       scope text PRIMARY KEY,
       version bigint NOT NULL
     )`,
    `INSERT INTO data_versions (scope, version) VALUES ('audit', 0), ('imports', 0)`,
    `CREATE FUNCTION cairn_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       UPDATE data_versions SET version = version + 1 WHERE scope = TG_ARGV[0];
       RETURN NULL;
     END $$`,
    `CREATE CONSTRAINT TRIGGER audit_events_bump_data_version AFTER INSERT ON audit_events
       DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION cairn_bump_data_version('audit')`,
    `CREATE CONSTRAINT TRIGGER import_runs_bump_data_version AFTER INSERT OR UPDATE OR DELETE ON import_runs
       DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION cairn_bump_data_version('imports')`,
    `ALTER TABLE outbox ADD COLUMN claimed_until timestamptz`,
    `CREATE INDEX outbox_pending_idx ON outbox (id) WHERE sent_at IS NULL`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `DROP INDEX outbox_pending_idx`,
    `ALTER TABLE outbox DROP COLUMN claimed_until`,
    `DROP TRIGGER import_runs_bump_data_version ON import_runs`,
    `DROP TRIGGER audit_events_bump_data_version ON audit_events`,
    `DROP FUNCTION cairn_bump_data_version()`,
    `DROP TABLE data_versions`,
  ]);
}
