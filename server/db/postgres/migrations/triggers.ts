/**
 * The trigger families of SQLite's schema, written for PostgreSQL once. SQLite states each trigger
 * whole (`BEGIN SELECT RAISE(ABORT, …); END`); PostgreSQL runs a trigger through a function, so a
 * family shares one function and each trigger passes it what differs (a kind, a message) as
 * arguments. The trigger keeps SQLite's name and refuses with the same message text, in class 23
 * (integrity_constraint_violation) so a refusal reads like a constraint's, as SQLITE_CONSTRAINT_TRIGGER
 * does on SQLite.
 */

/** A SQL string literal: the text between single quotes, any quote doubled. */
export function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`
}

/** Now, UTC, to the millisecond, as SQLite's strftime('%Y-%m-%dT%H:%M:%fZ') writes it. */
export const NOW_ISO = `to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`

/** The functions the families below call; created once, before any table's triggers. */
export const TRIGGER_FUNCTIONS = `
-- RAISE(ABORT, message): refuses the row with the trigger's first argument as the message.
CREATE FUNCTION gatecast_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING MESSAGE = TG_ARGV[0], ERRCODE = 'integrity_constraint_violation';
END $$;

-- <table>_deleted: records a deleted object's id under its kind (first argument), once.
CREATE FUNCTION gatecast_id_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO deleted_ids (kind, id, deleted_at) VALUES (TG_ARGV[0], OLD.id, ${NOW_ISO})
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

-- <table>_id_unused: refuses a new object whose id a deleted one of its kind had.
CREATE FUNCTION gatecast_id_unused() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM deleted_ids WHERE kind = TG_ARGV[0] AND id = NEW.id) THEN
    RAISE EXCEPTION USING MESSAGE = TG_ARGV[1], ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
`

export interface Refusal {
  name: string
  /** `BEFORE UPDATE`, `BEFORE DELETE`, `BEFORE UPDATE OF a, b`… */
  when: string
  table: string
  message: string
  /** The trigger's WHEN condition (no subqueries: PostgreSQL evaluates it without a query). */
  condition?: string
}

/** A trigger that refuses every row it fires for (or those meeting its condition). */
export function refusal({ name, when, table, message, condition }: Refusal): string {
  const only = condition === undefined ? '' : ` WHEN (${condition})`
  return `CREATE TRIGGER ${name} ${when} ON ${table} FOR EACH ROW${only}
  EXECUTE FUNCTION gatecast_refuse(${literal(message)});`
}

/**
 * TRUNCATE skips row triggers, and SQLite has no TRUNCATE: on PostgreSQL a table that refuses
 * DELETE refuses TRUNCATE too, or its refusal could be walked around. Not in SQLite's schema, so
 * the parity test names these as PostgreSQL's own.
 */
export function truncateRefusal(table: string, message: string): string {
  return `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT
  EXECUTE FUNCTION gatecast_refuse(${literal(message)});`
}

/**
 * Migration 014's pair for an object whose id people choose: its deletion is recorded in
 * `deleted_ids`, and that id is refused to any later object of the kind.
 */
export function deletedIdTriggers(table: string, kind: string, label: string): string {
  return `CREATE TRIGGER ${table}_deleted AFTER DELETE ON ${table} FOR EACH ROW
  EXECUTE FUNCTION gatecast_id_deleted(${literal(kind)});
CREATE TRIGGER ${table}_id_unused BEFORE INSERT ON ${table} FOR EACH ROW
  EXECUTE FUNCTION gatecast_id_unused(${literal(kind)}, ${literal(`this id belonged to a deleted ${label}: ids are never reused`)});`
}
