-- The registry schema version 1, exactly as modelreg 0.1.0 (before aliases)
-- created it: store_schema_v1 in src/store.c, copied from the main branch's
-- src/store.c before issue 11, then the three pragmas its store_create()
-- and store_begin() set.  tests/cli/upgrade.sh builds a schema-1 file from
-- this and runs the new modelreg on it.
CREATE TABLE stages(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE);
INSERT INTO stages VALUES (0, 'None'), (1, 'Staging'),
  (2, 'Production'), (3, 'Archived');
CREATE TABLE settings(
  id INTEGER PRIMARY KEY CHECK (id = 1),
  one_per_stage INTEGER NOT NULL CHECK (one_per_stage IN (0, 1)));
INSERT INTO settings VALUES (1, 0);
CREATE TABLE models(
  name TEXT PRIMARY KEY CHECK (name <> ''),
  next_version INTEGER NOT NULL CHECK (next_version >= 1),
  updated_ms INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE versions(
  model TEXT NOT NULL REFERENCES models(name),
  number INTEGER NOT NULL CHECK (number >= 1),
  stage INTEGER NOT NULL REFERENCES stages(id),
  updated_ms INTEGER NOT NULL,
  PRIMARY KEY (model, number)) WITHOUT ROWID;
CREATE TABLE history(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  model TEXT NOT NULL REFERENCES models(name),
  version INTEGER NOT NULL,
  from_stage INTEGER NOT NULL REFERENCES stages(id),
  to_stage INTEGER NOT NULL REFERENCES stages(id),
  at_ms INTEGER NOT NULL,
  is_cascade INTEGER NOT NULL CHECK (is_cascade IN (0, 1)),
  cause INTEGER);
CREATE INDEX versions_by_stage ON versions(model, stage, updated_ms);
CREATE INDEX history_by_model ON history(model, seq);
PRAGMA application_id = 1297237319;
PRAGMA user_version = 1;
PRAGMA journal_mode = WAL;
