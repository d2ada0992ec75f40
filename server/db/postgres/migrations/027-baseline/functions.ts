import { TRIGGER_FUNCTIONS } from '../triggers'

/**
 * SQLite's built-in functions the schema's CHECKs and triggers call, as PostgreSQL functions that
 * accept and refuse the same values. JSON stays text (the app hashes and parses the exact bytes),
 * so these parse it as `json`, not `jsonb`: `json` only checks the syntax, as SQLite's json_valid
 * does, where `jsonb` also refuses what it cannot store (a "\u0000" escape).
 */
export const FUNCTIONS = `
-- SQLite's JSON parser refuses arrays and objects nested deeper than 1000 (JSON_MAX_DEPTH);
-- PostgreSQL's goes on until its stack runs out. Walked only when there are that many brackets.
CREATE FUNCTION gatecast_json_depth_ok(value text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  depth integer := 0;
  quoted boolean := false;
  escaped boolean := false;
  c text;
BEGIN
  IF length(value) - length(translate(value, '[{', '')) <= 1000 THEN
    RETURN true;
  END IF;
  FOREACH c IN ARRAY regexp_split_to_array(value, '') LOOP
    IF quoted THEN
      IF escaped THEN
        escaped := false;
      ELSIF c = '\\' THEN
        escaped := true;
      ELSIF c = '"' THEN
        quoted := false;
      END IF;
    ELSIF c = '"' THEN
      quoted := true;
    ELSIF c = '[' OR c = '{' THEN
      depth := depth + 1;
      IF depth > 1000 THEN
        RETURN false;
      END IF;
    ELSIF c = ']' OR c = '}' THEN
      depth := depth - 1;
    END IF;
  END LOOP;
  RETURN true;
END $$;

-- json_valid(x): well-formed JSON text; NULL for NULL, so a CHECK lets NULL through as SQLite's does.
CREATE FUNCTION gatecast_is_json(value text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF value IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM value::json;
  RETURN gatecast_json_depth_ok(value);
EXCEPTION WHEN others THEN
  RETURN false;
END $$;

-- json_type(x[, path]) under SQLite's names ('object', 'array', 'text', 'integer', 'real', 'true',
-- 'false', 'null'); NULL when the path leads nowhere or x is not JSON. Paths: '$' or '$.key.key…',
-- the only ones the schema uses; any other is refused rather than misread.
CREATE FUNCTION gatecast_json_type(value text, path text DEFAULT '$') RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  doc json;
BEGIN
  IF path !~ '^\\$(\\.[A-Za-z_][A-Za-z0-9_]*)*$' THEN
    RAISE EXCEPTION 'gatecast_json_type: unsupported path %', path;
  END IF;
  BEGIN
    doc := value::json;
  EXCEPTION WHEN others THEN
    RETURN NULL;
  END;
  IF path <> '$' THEN
    doc := doc #> string_to_array(substr(path, 3), '.');
  END IF;
  RETURN CASE json_typeof(doc)
    WHEN 'string' THEN 'text'
    WHEN 'boolean' THEN btrim(doc::text, E' \\t\\r\\n')
    WHEN 'number' THEN
      CASE WHEN btrim(doc::text, E' \\t\\r\\n') ~ '^-?[0-9]+$' THEN 'integer' ELSE 'real' END
    ELSE json_typeof(doc)
  END;
END $$;

-- CAST(round(unixepoch(x, 'subsec') * 1000) AS INTEGER): an ISO 8601 instant in milliseconds since
-- 1970, NULL when it is not one. A time without a zone is UTC, as in SQLite (hence SET timezone);
-- only the forms SQLite reads as a date and time are read (PostgreSQL would also take 'now',
-- 'yesterday' or 'Jan 1 2024').
CREATE FUNCTION gatecast_unix_ms(value text) RETURNS bigint LANGUAGE plpgsql IMMUTABLE
SET timezone = 'UTC' AS $$
BEGIN
  IF value !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?)?\\s*(Z|[+-][0-9]{2}:[0-9]{2})?$' THEN
    RETURN NULL;
  END IF;
  RETURN round(extract(epoch FROM value::timestamptz) * 1000);
EXCEPTION WHEN others THEN
  RETURN NULL;
END $$;
${TRIGGER_FUNCTIONS}`
