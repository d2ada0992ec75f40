/**
 * SQLite's JSON functions (json_extract, json_each, json_group_array), as PostgreSQL functions of
 * the same names, for the statements that
 * read inside the JSON the tables keep as text (a version's body, a list of screens): with them
 * those statements are written once for both engines. They answer as SQLite does for the values
 * Gatecast stores, with one difference: every value comes back as text (a number as its digits),
 * since a PostgreSQL function has one type. A statement that computes with a number it read from
 * JSON is written per engine (documents.ts `screensWithFormatBelow`).
 *
 * Made again on every start (CREATE OR REPLACE, postgres/migrate.ts), like the change trigger's
 * function: they are the engine's, not the schema's.
 */
export const SQLITE_FUNCTIONS = `
-- '$.a.b[0]' as PostgreSQL's path array {a,b,0}; '$' is the whole document.
CREATE OR REPLACE FUNCTION gatecast_json_path(path text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(coalesce(m[1], m[2]) ORDER BY n), '{}')
  FROM regexp_matches(path, '\\.([^.\\[]+)|\\[(\\d+)\\]', 'g') WITH ORDINALITY AS t(m, n)
$$;

-- A string without its quotes, a number or boolean as its text, an object or array as JSON text.
CREATE OR REPLACE FUNCTION json_extract(doc text, path text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT (doc::json) #>> gatecast_json_path(path)
$$;

-- The members of the array (or object) at path: key (the index, from 0), value as json_extract
-- gives it, and its JSON type. As json, not jsonb: an object comes back as it was written.
CREATE OR REPLACE FUNCTION json_each(doc text, path text DEFAULT '$')
RETURNS TABLE (key text, value text, type text)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  WITH t AS (SELECT (doc::json) #> gatecast_json_path(path) AS j)
  SELECT (a.ord - 1)::text, a.v #>> '{}', json_typeof(a.v)
    FROM t, json_array_elements(CASE WHEN json_typeof(t.j) = 'array' THEN t.j ELSE '[]'::json END)
      WITH ORDINALITY AS a(v, ord)
  UNION ALL
  SELECT o.key, o.value #>> '{}', json_typeof(o.value)
    FROM t, json_each(CASE WHEN json_typeof(t.j) = 'object' THEN t.j ELSE '{}'::json END) AS o
$$;

-- The values of a group as a JSON array's text ('[]' for none, as SQLite answers); a json value
-- (json(x)) goes in as JSON, anything else as a JSON string or number.
CREATE OR REPLACE FUNCTION gatecast_json_array_add(state json[], item anyelement) RETURNS json[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT array_append(state, to_json(item)) $$;
CREATE OR REPLACE FUNCTION gatecast_json_array_text(state json[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT '[' || array_to_string(state, ',') || ']' $$;
CREATE OR REPLACE AGGREGATE json_group_array(anyelement) (
  SFUNC = gatecast_json_array_add, STYPE = json[], INITCOND = '{}', FINALFUNC = gatecast_json_array_text
);
`
