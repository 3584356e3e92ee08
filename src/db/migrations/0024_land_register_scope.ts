import { sql, type Kysely } from 'kysely';
import { runStatements } from './run.ts';

/**
 * Issue 14, defect 2 (docs/adr/0013-land-register-per-partnership.md): a natural key of a partnership's
 * rows is unique inside that partnership, never across partnerships, so that one partnership's write can
 * neither land on another's row nor be refused because of it.
 *
 * - land_assets: a register of land per partnership. The key was (owner, reference), so a national body
 *   that is an authority in two partnerships had one key space for both, and one partnership's import
 *   (ON CONFLICT … DO UPDATE) rewrote the other's entry. Now (partnership, owner, reference).
 * - organisations: a partnership's own organisations had one name space for all of Cairn, so a name
 *   another partnership had used was refused ("already exists") and told who had it. Now national bodies'
 *   names are unique among national bodies, and a partnership's own names among that partnership's own.
 *
 * Both new keys are weaker than the old ones, so `up` holds for any data the old keys allowed. `down`
 * puts the old keys back, and refuses (naming the clashes) when partnerships have since used the same
 * key, instead of failing half-way with a bare unique violation.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'ALTER TABLE land_assets DROP CONSTRAINT land_assets_owner_organisation_id_reference_key',
    'ALTER TABLE land_assets ADD CONSTRAINT land_assets_partnership_owner_reference_key UNIQUE (partnership_id, owner_organisation_id, reference)',
    // The new key leads with partnership_id, so it serves the register's lookups by partnership too.
    'DROP INDEX land_assets_partnership_idx',
    'DROP INDEX organisations_name_idx',
    'CREATE UNIQUE INDEX organisations_national_name_idx ON organisations (lower(name)) WHERE owner_partnership_id IS NULL',
    'CREATE UNIQUE INDEX organisations_own_name_idx ON organisations (owner_partnership_id, lower(name)) WHERE owner_partnership_id IS NOT NULL',
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const land = await sql<{ owner_organisation_id: number; reference: string; partnerships: string }>`
    SELECT owner_organisation_id, reference, string_agg(partnership_id::text, ', ' ORDER BY partnership_id) AS partnerships
    FROM land_assets GROUP BY owner_organisation_id, reference HAVING count(*) > 1 ORDER BY 1, 2 LIMIT 10`.execute(db);
  const names = await sql<{ name: string }>`
    SELECT lower(name) AS name FROM organisations GROUP BY lower(name) HAVING count(*) > 1 ORDER BY 1 LIMIT 10`.execute(
    db,
  );
  const clashes = [
    ...land.rows.map(
      (r) =>
        `land reference ${r.reference} of organisation ${r.owner_organisation_id} is on the registers of partnerships ${r.partnerships}`,
    ),
    ...names.rows.map((r) => `organisation name “${r.name}” is used more than once`),
  ];
  if (clashes.length) {
    throw new Error(
      `cannot restore the keys shared by all partnerships while partnerships use the same key: ${clashes.join('; ')}`,
    );
  }
  await runStatements(db, [
    'DROP INDEX organisations_own_name_idx',
    'DROP INDEX organisations_national_name_idx',
    'CREATE UNIQUE INDEX organisations_name_idx ON organisations (lower(name))',
    'CREATE INDEX land_assets_partnership_idx ON land_assets (partnership_id)',
    'ALTER TABLE land_assets DROP CONSTRAINT land_assets_partnership_owner_reference_key',
    'ALTER TABLE land_assets ADD CONSTRAINT land_assets_owner_organisation_id_reference_key UNIQUE (owner_organisation_id, reference)',
  ]);
}
