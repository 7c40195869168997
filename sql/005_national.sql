-- The national level and roll-ups that do not grow with the communes below.
--
-- 1. The country is the root unit: code VN, level 'country', the parent of
--    every province in both trees (three-tier to 30/06/2025, two-tier since).
--    The level and role CHECKs gain 'country' and 'national'. They are only
--    widened (every row satisfies the new ones), so the table text is edited
--    in place, as SQLite's ALTER TABLE page describes for CHECK changes; the
--    CREATE statements below change the schema cookie, so every connection
--    reloads the schema.
-- 2. rollup_sum and rollup_tally hold, for every unit and period, the sums of
--    each element over the reports below it that count, and the completeness
--    counts of its communes; triggers keep them exact as values, reports,
--    periods, units and the tree change, whoever writes. rollup.c reads them
--    instead of summing the communes at every request.
-- 3. An index for "which communes merged into this one" (a commune's home).

PRAGMA writable_schema = ON;
UPDATE sqlite_master
   SET sql = replace(sql, 'CHECK (level IN (''province'', ''district'', ''commune''))',
                          'CHECK (level IN (''country'', ''province'', ''district'', ''commune''))')
 WHERE type = 'table' AND name = 'unit';
UPDATE sqlite_master
   SET sql = replace(sql, 'CHECK (role IN (''commune'', ''district'', ''province'', ''admin''))',
                          'CHECK (role IN (''commune'', ''district'', ''province'', ''admin'', ''national''))')
 WHERE type = 'table' AND name = 'user';
PRAGMA writable_schema = RESET;

CREATE INDEX unit_succession_new ON unit_succession(new_unit_id);

-- The country exists as soon as a province does (here for a database that
-- has units; the trigger below for one that gets them later).
INSERT INTO unit (code, name, kind, level, parent_id)
  SELECT 'VN', 'Việt Nam', 'Quốc gia', 'country', NULL
  WHERE NOT EXISTS (SELECT 1 FROM unit WHERE level = 'country')
    AND EXISTS (SELECT 1 FROM unit WHERE level = 'province');
UPDATE unit SET parent_id = (SELECT id FROM unit WHERE level = 'country')
 WHERE level = 'province' AND parent_id IS NULL;
-- A province written without a parent (an import, the demo, an old tool)
-- belongs to the country, created with the first province.
CREATE TRIGGER unit_province_root_insert AFTER INSERT ON unit
WHEN NEW.level = 'province' AND NEW.parent_id IS NULL
BEGIN
  INSERT INTO unit (code, name, kind, level, parent_id)
    SELECT 'VN', 'Việt Nam', 'Quốc gia', 'country', NULL
    WHERE NOT EXISTS (SELECT 1 FROM unit WHERE level = 'country');
  UPDATE unit SET parent_id = (SELECT id FROM unit WHERE level = 'country' ORDER BY id LIMIT 1)
   WHERE id = NEW.id;
END;

CREATE TRIGGER unit_province_root_update AFTER UPDATE OF parent_id, level ON unit
WHEN NEW.level = 'province' AND NEW.parent_id IS NULL
BEGIN
  UPDATE unit SET parent_id = (SELECT id FROM unit WHERE level = 'country' ORDER BY id LIMIT 1)
   WHERE id = NEW.id;
END;

DELETE FROM unit_tree;
WITH RECURSIVE up(unit_id, ancestor_id, depth) AS (
  SELECT id, id, 0 FROM unit
  UNION ALL
  SELECT up.unit_id, u.parent_id, up.depth + 1 FROM up JOIN unit u ON u.id = up.ancestor_id
  WHERE u.parent_id IS NOT NULL AND up.depth < 16)
INSERT INTO unit_tree (ancestor_id, unit_id, depth) SELECT ancestor_id, unit_id, depth FROM up;

-- Per unit, period and element: the sum and the number of values of the
-- reports at or below the unit that count, for "submitted or approved"
-- (_all) and "approved only" (_approved). A commune's report counts by its
-- status; a report of a unit above the communes (its own rows) always.
CREATE TABLE rollup_sum (
    unit_id      INTEGER NOT NULL,
    period_id    INTEGER NOT NULL,
    element_id   INTEGER NOT NULL,
    sum_all      INTEGER NOT NULL DEFAULT 0,
    n_all        INTEGER NOT NULL DEFAULT 0,
    sum_approved INTEGER NOT NULL DEFAULT 0,
    n_approved   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_id, period_id, element_id)
) WITHOUT ROWID;

-- Per unit and period, over the communes at or below it: how many are valid
-- in the period (expected), how many reports count (included_all,
-- included_approved), how many are sent (submitted or approved) and how many
-- of those were sent after the due date (in Vietnam's time). "Late" adds the
-- communes not sent once the due date is past (rollup.c, from the date).
CREATE TABLE rollup_tally (
    unit_id           INTEGER NOT NULL,
    period_id         INTEGER NOT NULL,
    expected          INTEGER NOT NULL DEFAULT 0,
    included_all      INTEGER NOT NULL DEFAULT 0,
    included_approved INTEGER NOT NULL DEFAULT 0,
    sent              INTEGER NOT NULL DEFAULT 0,
    sent_late         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_id, period_id)
) WITHOUT ROWID;

-- What one report contributes: its weights in the sums (1 when it counts:
-- a commune's by its status, any other unit's always) and, for a commune
-- valid in the period, its completeness flags (t_*).
CREATE VIEW rollup_weight AS
  SELECT r.id AS report_id, r.unit_id, r.period_id,
         (m.level = 'commune' AND (m.valid_from IS NULL OR m.valid_from <= p.end_date) AND (m.valid_to IS NULL OR m.valid_to >= p.start_date)) AS commune,
         (m.level <> 'commune' OR r.status IN ('submitted', 'approved')) AS w_all,
         (m.level <> 'commune' OR r.status = 'approved') AS w_approved,
         (m.level = 'commune' AND (m.valid_from IS NULL OR m.valid_from <= p.end_date) AND (m.valid_to IS NULL OR m.valid_to >= p.start_date) AND r.status IN ('submitted', 'approved')) AS t_all,
         (m.level = 'commune' AND (m.valid_from IS NULL OR m.valid_from <= p.end_date) AND (m.valid_to IS NULL OR m.valid_to >= p.start_date) AND r.status = 'approved') AS t_approved,
         (m.level = 'commune' AND (m.valid_from IS NULL OR m.valid_from <= p.end_date) AND (m.valid_to IS NULL OR m.valid_to >= p.start_date) AND r.status IN ('submitted', 'approved')
          AND date(r.submitted_at, '+7 hours') > p.due_date) AS t_late
  FROM report r JOIN unit m ON m.id = r.unit_id JOIN period p ON p.id = r.period_id;

-- The reports whose values count in some table (w_all: a commune's submitted
-- or approved report, any report of a unit above the communes): what the
-- value triggers look up, one key, before doing anything.
CREATE TABLE rollup_counting (report_id INTEGER PRIMARY KEY);
INSERT INTO rollup_counting SELECT report_id FROM rollup_weight WHERE w_all;

INSERT INTO rollup_sum (unit_id, period_id, element_id, sum_all, n_all, sum_approved, n_approved)
  SELECT t.ancestor_id, w.period_id, v.element_id, SUM(v.num * w.w_all), SUM(w.w_all),
         SUM(v.num * w.w_approved), SUM(w.w_approved)
  FROM rollup_weight w JOIN report_value v ON v.report_id = w.report_id
  JOIN unit_tree t ON t.unit_id = w.unit_id
  WHERE v.num IS NOT NULL AND (w.w_all OR w.w_approved)
  GROUP BY t.ancestor_id, w.period_id, v.element_id;

INSERT INTO rollup_tally (unit_id, period_id, expected)
  SELECT t.ancestor_id, p.id, COUNT(*)
  FROM period p JOIN unit m ON m.level = 'commune'
   AND (m.valid_from IS NULL OR m.valid_from <= p.end_date) AND (m.valid_to IS NULL OR m.valid_to >= p.start_date)
  JOIN unit_tree t ON t.unit_id = m.id
  GROUP BY t.ancestor_id, p.id;

INSERT INTO rollup_tally (unit_id, period_id, included_all, included_approved, sent, sent_late)
  SELECT t.ancestor_id, w.period_id, SUM(w.t_all), SUM(w.t_approved), SUM(w.t_all), SUM(w.t_late)
  FROM rollup_weight w JOIN unit_tree t ON t.unit_id = w.unit_id
  WHERE w.commune
  GROUP BY t.ancestor_id, w.period_id
  ON CONFLICT (unit_id, period_id) DO UPDATE SET
    included_all = included_all + excluded.included_all,
    included_approved = included_approved + excluded.included_approved,
    sent = sent + excluded.sent, sent_late = sent_late + excluded.sent_late;

-- A value written, changed or cleared: its report's weights, at every
-- ancestor of its unit (the unit itself included). The WHEN clauses skip,
-- with one lookup in rollup_counting, the values of reports that count
-- nowhere (a commune's draft).
CREATE TRIGGER rollup_value_insert AFTER INSERT ON report_value
WHEN NEW.num IS NOT NULL AND EXISTS (SELECT 1 FROM rollup_counting WHERE report_id = NEW.report_id)
BEGIN
  INSERT INTO rollup_sum (unit_id, period_id, element_id, sum_all, n_all, sum_approved, n_approved)
    SELECT t.ancestor_id, w.period_id, NEW.element_id, NEW.num * w.w_all, w.w_all,
           NEW.num * w.w_approved, w.w_approved
    FROM rollup_weight w JOIN unit_tree t ON t.unit_id = w.unit_id
    WHERE w.report_id = NEW.report_id AND (w.w_all OR w.w_approved)
  ON CONFLICT (unit_id, period_id, element_id) DO UPDATE SET
    sum_all = sum_all + excluded.sum_all, n_all = n_all + excluded.n_all,
    sum_approved = sum_approved + excluded.sum_approved, n_approved = n_approved + excluded.n_approved;
END;

CREATE TRIGGER rollup_value_delete AFTER DELETE ON report_value
WHEN OLD.num IS NOT NULL AND EXISTS (SELECT 1 FROM rollup_counting WHERE report_id = OLD.report_id)
BEGIN
  INSERT INTO rollup_sum (unit_id, period_id, element_id, sum_all, n_all, sum_approved, n_approved)
    SELECT t.ancestor_id, w.period_id, OLD.element_id, -OLD.num * w.w_all, -w.w_all,
           -OLD.num * w.w_approved, -w.w_approved
    FROM rollup_weight w JOIN unit_tree t ON t.unit_id = w.unit_id
    WHERE w.report_id = OLD.report_id AND (w.w_all OR w.w_approved)
  ON CONFLICT (unit_id, period_id, element_id) DO UPDATE SET
    sum_all = sum_all + excluded.sum_all, n_all = n_all + excluded.n_all,
    sum_approved = sum_approved + excluded.sum_approved, n_approved = n_approved + excluded.n_approved;
END;

-- A value changed in place (a save): one statement with the difference.
CREATE TRIGGER rollup_value_update AFTER UPDATE OF num ON report_value
WHEN OLD.num IS NOT NEW.num AND OLD.report_id = NEW.report_id AND OLD.element_id = NEW.element_id
  AND EXISTS (SELECT 1 FROM rollup_counting WHERE report_id = NEW.report_id)
BEGIN
  INSERT INTO rollup_sum (unit_id, period_id, element_id, sum_all, n_all, sum_approved, n_approved)
    SELECT t.ancestor_id, w.period_id, NEW.element_id,
           (COALESCE(NEW.num, 0) - COALESCE(OLD.num, 0)) * w.w_all,
           ((NEW.num IS NOT NULL) - (OLD.num IS NOT NULL)) * w.w_all,
           (COALESCE(NEW.num, 0) - COALESCE(OLD.num, 0)) * w.w_approved,
           ((NEW.num IS NOT NULL) - (OLD.num IS NOT NULL)) * w.w_approved
    FROM rollup_weight w JOIN unit_tree t ON t.unit_id = w.unit_id
    WHERE w.report_id = NEW.report_id AND (w.w_all OR w.w_approved)
  ON CONFLICT (unit_id, period_id, element_id) DO UPDATE SET
    sum_all = sum_all + excluded.sum_all, n_all = n_all + excluded.n_all,
    sum_approved = sum_approved + excluded.sum_approved, n_approved = n_approved + excluded.n_approved;
END;

-- A value moved to another report or element (nothing does this today).
CREATE TRIGGER rollup_value_move AFTER UPDATE OF report_id, element_id ON report_value
WHEN OLD.report_id <> NEW.report_id OR OLD.element_id <> NEW.element_id
BEGIN
  INSERT INTO rollup_sum (unit_id, period_id, element_id, sum_all, n_all, sum_approved, n_approved)
    SELECT t.ancestor_id, w.period_id, OLD.element_id, -OLD.num * w.w_all, -w.w_all,
           -OLD.num * w.w_approved, -w.w_approved
    FROM rollup_weight w JOIN unit_tree t ON t.unit_id = w.unit_id
    WHERE OLD.num IS NOT NULL AND w.report_id = OLD.report_id AND (w.w_all OR w.w_approved)
  ON CONFLICT (unit_id, period_id, element_id) DO UPDATE SET
    sum_all = sum_all + excluded.sum_all, n_all = n_all + excluded.n_all,
    sum_approved = sum_approved + excluded.sum_approved, n_approved = n_approved + excluded.n_approved;
  INSERT INTO rollup_sum (unit_id, period_id, element_id, sum_all, n_all, sum_approved, n_approved)
    SELECT t.ancestor_id, w.period_id, NEW.element_id, NEW.num * w.w_all, w.w_all,
           NEW.num * w.w_approved, w.w_approved
    FROM rollup_weight w JOIN unit_tree t ON t.unit_id = w.unit_id
    WHERE NEW.num IS NOT NULL AND w.report_id = NEW.report_id AND (w.w_all OR w.w_approved)
  ON CONFLICT (unit_id, period_id, element_id) DO UPDATE SET
    sum_all = sum_all + excluded.sum_all, n_all = n_all + excluded.n_all,
    sum_approved = sum_approved + excluded.sum_approved, n_approved = n_approved + excluded.n_approved;
END;

-- A report created (a commune's counts; its values follow with their own
-- triggers), its status or submission time changed (submit, approve, return,
-- reopen), or deleted (its values first, while the report still says whose
-- they are).
CREATE TRIGGER rollup_report_insert AFTER INSERT ON report
BEGIN
  INSERT INTO rollup_counting SELECT report_id FROM rollup_weight WHERE report_id = NEW.id AND w_all;
  INSERT INTO rollup_tally (unit_id, period_id, included_all, included_approved, sent, sent_late)
    SELECT t.ancestor_id, w.period_id, w.t_all, w.t_approved, w.t_all, w.t_late
    FROM rollup_weight w JOIN unit_tree t ON t.unit_id = w.unit_id
    WHERE w.report_id = NEW.id AND w.commune
  ON CONFLICT (unit_id, period_id) DO UPDATE SET
    included_all = included_all + excluded.included_all,
    included_approved = included_approved + excluded.included_approved,
    sent = sent + excluded.sent, sent_late = sent_late + excluded.sent_late;
END;

CREATE TRIGGER rollup_report_update AFTER UPDATE OF status, submitted_at, unit_id, period_id ON report
WHEN OLD.status IS NOT NEW.status OR OLD.submitted_at IS NOT NEW.submitted_at
  OR OLD.unit_id <> NEW.unit_id OR OLD.period_id <> NEW.period_id
BEGIN
  DELETE FROM rollup_counting WHERE report_id = OLD.id;
  INSERT INTO rollup_counting SELECT report_id FROM rollup_weight WHERE report_id = NEW.id AND w_all;
  -- the old contribution out, computed from OLD's fields …
  INSERT INTO rollup_tally (unit_id, period_id, included_all, included_approved, sent, sent_late)
    SELECT t.ancestor_id, OLD.period_id,
           -(OLD.status IN ('submitted', 'approved')), -(OLD.status = 'approved'),
           -(OLD.status IN ('submitted', 'approved')),
           -(OLD.status IN ('submitted', 'approved') AND date(OLD.submitted_at, '+7 hours') > p.due_date)
    FROM unit m JOIN period p ON p.id = OLD.period_id JOIN unit_tree t ON t.unit_id = m.id
    WHERE m.id = OLD.unit_id AND m.level = 'commune' AND (m.valid_from IS NULL OR m.valid_from <= p.end_date) AND (m.valid_to IS NULL OR m.valid_to >= p.start_date)
  ON CONFLICT (unit_id, period_id) DO UPDATE SET
    included_all = included_all + excluded.included_all,
    included_approved = included_approved + excluded.included_approved,
    sent = sent + excluded.sent, sent_late = sent_late + excluded.sent_late;
  INSERT INTO rollup_sum (unit_id, period_id, element_id, sum_all, n_all, sum_approved, n_approved)
    SELECT t.ancestor_id, OLD.period_id, v.element_id,
           -v.num * w.w_all, -w.w_all, -v.num * w.w_approved, -w.w_approved
    FROM (SELECT m.id AS unit_id,
                 (m.level <> 'commune' OR OLD.status IN ('submitted', 'approved')) AS w_all,
                 (m.level <> 'commune' OR OLD.status = 'approved') AS w_approved
          FROM unit m WHERE m.id = OLD.unit_id) w
    JOIN report_value v ON v.report_id = OLD.id AND v.num IS NOT NULL
    JOIN unit_tree t ON t.unit_id = w.unit_id
    WHERE w.w_all OR w.w_approved
  ON CONFLICT (unit_id, period_id, element_id) DO UPDATE SET
    sum_all = sum_all + excluded.sum_all, n_all = n_all + excluded.n_all,
    sum_approved = sum_approved + excluded.sum_approved, n_approved = n_approved + excluded.n_approved;
  -- … and the new one in, from the row as it is now.
  INSERT INTO rollup_tally (unit_id, period_id, included_all, included_approved, sent, sent_late)
    SELECT t.ancestor_id, w.period_id, w.t_all, w.t_approved, w.t_all, w.t_late
    FROM rollup_weight w JOIN unit_tree t ON t.unit_id = w.unit_id
    WHERE w.report_id = NEW.id AND w.commune
  ON CONFLICT (unit_id, period_id) DO UPDATE SET
    included_all = included_all + excluded.included_all,
    included_approved = included_approved + excluded.included_approved,
    sent = sent + excluded.sent, sent_late = sent_late + excluded.sent_late;
  INSERT INTO rollup_sum (unit_id, period_id, element_id, sum_all, n_all, sum_approved, n_approved)
    SELECT t.ancestor_id, w.period_id, v.element_id,
           v.num * w.w_all, w.w_all, v.num * w.w_approved, w.w_approved
    FROM rollup_weight w JOIN report_value v ON v.report_id = w.report_id AND v.num IS NOT NULL
    JOIN unit_tree t ON t.unit_id = w.unit_id
    WHERE w.report_id = NEW.id AND (w.w_all OR w.w_approved)
  ON CONFLICT (unit_id, period_id, element_id) DO UPDATE SET
    sum_all = sum_all + excluded.sum_all, n_all = n_all + excluded.n_all,
    sum_approved = sum_approved + excluded.sum_approved, n_approved = n_approved + excluded.n_approved;
END;

CREATE TRIGGER rollup_report_delete BEFORE DELETE ON report
BEGIN
  DELETE FROM report_value WHERE report_id = OLD.id;
  DELETE FROM rollup_counting WHERE report_id = OLD.id;
  INSERT INTO rollup_tally (unit_id, period_id, included_all, included_approved, sent, sent_late)
    SELECT t.ancestor_id, w.period_id, -w.t_all, -w.t_approved, -w.t_all, -w.t_late
    FROM rollup_weight w JOIN unit_tree t ON t.unit_id = w.unit_id
    WHERE w.report_id = OLD.id AND w.commune
  ON CONFLICT (unit_id, period_id) DO UPDATE SET
    included_all = included_all + excluded.included_all,
    included_approved = included_approved + excluded.included_approved,
    sent = sent + excluded.sent, sent_late = sent_late + excluded.sent_late;
END;

-- A pair (ancestor, unit) entering or leaving the tree: everything the
-- unit's own reports contribute, and the unit itself in "expected" for the
-- periods it is valid in when it is a commune.
CREATE TRIGGER rollup_tree_insert AFTER INSERT ON unit_tree
BEGIN
  INSERT INTO rollup_sum (unit_id, period_id, element_id, sum_all, n_all, sum_approved, n_approved)
    SELECT NEW.ancestor_id, w.period_id, v.element_id,
           v.num * w.w_all, w.w_all, v.num * w.w_approved, w.w_approved
    FROM rollup_weight w JOIN report_value v ON v.report_id = w.report_id AND v.num IS NOT NULL
    WHERE w.unit_id = NEW.unit_id AND (w.w_all OR w.w_approved)
  ON CONFLICT (unit_id, period_id, element_id) DO UPDATE SET
    sum_all = sum_all + excluded.sum_all, n_all = n_all + excluded.n_all,
    sum_approved = sum_approved + excluded.sum_approved, n_approved = n_approved + excluded.n_approved;
  INSERT INTO rollup_tally (unit_id, period_id, expected, included_all, included_approved, sent, sent_late)
    SELECT NEW.ancestor_id, p.id, 1, COALESCE(w.t_all, 0), COALESCE(w.t_approved, 0),
           COALESCE(w.t_all, 0), COALESCE(w.t_late, 0)
    FROM unit m JOIN period p
      ON (m.valid_from IS NULL OR m.valid_from <= p.end_date) AND (m.valid_to IS NULL OR m.valid_to >= p.start_date)
    LEFT JOIN rollup_weight w ON w.unit_id = m.id AND w.period_id = p.id
    WHERE m.id = NEW.unit_id AND m.level = 'commune'
  ON CONFLICT (unit_id, period_id) DO UPDATE SET
    expected = expected + excluded.expected, included_all = included_all + excluded.included_all,
    included_approved = included_approved + excluded.included_approved,
    sent = sent + excluded.sent, sent_late = sent_late + excluded.sent_late;
END;

CREATE TRIGGER rollup_tree_delete AFTER DELETE ON unit_tree
BEGIN
  INSERT INTO rollup_sum (unit_id, period_id, element_id, sum_all, n_all, sum_approved, n_approved)
    SELECT OLD.ancestor_id, w.period_id, v.element_id,
           -v.num * w.w_all, -w.w_all, -v.num * w.w_approved, -w.w_approved
    FROM rollup_weight w JOIN report_value v ON v.report_id = w.report_id AND v.num IS NOT NULL
    WHERE w.unit_id = OLD.unit_id AND (w.w_all OR w.w_approved)
  ON CONFLICT (unit_id, period_id, element_id) DO UPDATE SET
    sum_all = sum_all + excluded.sum_all, n_all = n_all + excluded.n_all,
    sum_approved = sum_approved + excluded.sum_approved, n_approved = n_approved + excluded.n_approved;
  INSERT INTO rollup_tally (unit_id, period_id, expected, included_all, included_approved, sent, sent_late)
    SELECT OLD.ancestor_id, p.id, -1, 0, 0, 0, 0
    FROM unit m JOIN period p
      ON (m.valid_from IS NULL OR m.valid_from <= p.end_date) AND (m.valid_to IS NULL OR m.valid_to >= p.start_date)
    WHERE m.id = OLD.unit_id AND m.level = 'commune'
  ON CONFLICT (unit_id, period_id) DO UPDATE SET expected = expected + excluded.expected;
  INSERT INTO rollup_tally (unit_id, period_id, included_all, included_approved, sent, sent_late)
    SELECT OLD.ancestor_id, w.period_id, -w.t_all, -w.t_approved, -w.t_all, -w.t_late
    FROM rollup_weight w WHERE w.unit_id = OLD.unit_id AND w.commune
  ON CONFLICT (unit_id, period_id) DO UPDATE SET
    included_all = included_all + excluded.included_all,
    included_approved = included_approved + excluded.included_approved,
    sent = sent + excluded.sent, sent_late = sent_late + excluded.sent_late;
END;

-- A commune's dates of validity changed (an import ends it, or a new version
-- starts): "expected" of every period at every ancestor, old dates out and
-- new ones in.
CREATE TRIGGER rollup_unit_dates AFTER UPDATE OF valid_from, valid_to ON unit
WHEN NEW.level = 'commune' AND (OLD.valid_from IS NOT NEW.valid_from OR OLD.valid_to IS NOT NEW.valid_to)
BEGIN
  INSERT INTO rollup_tally (unit_id, period_id, expected)
    SELECT t.ancestor_id, p.id,
           ((NEW.valid_from IS NULL OR NEW.valid_from <= p.end_date) AND (NEW.valid_to IS NULL OR NEW.valid_to >= p.start_date))
         - ((OLD.valid_from IS NULL OR OLD.valid_from <= p.end_date) AND (OLD.valid_to IS NULL OR OLD.valid_to >= p.start_date))
    FROM unit_tree t JOIN period p ON 1
    WHERE t.unit_id = NEW.id
  ON CONFLICT (unit_id, period_id) DO UPDATE SET expected = expected + excluded.expected;
  INSERT INTO rollup_tally (unit_id, period_id, included_all, included_approved, sent, sent_late)
    SELECT t.ancestor_id, r.period_id, d.k * (r.status IN ('submitted', 'approved')),
           d.k * (r.status = 'approved'), d.k * (r.status IN ('submitted', 'approved')),
           d.k * (r.status IN ('submitted', 'approved') AND date(r.submitted_at, '+7 hours') > p.due_date)
    FROM report r JOIN period p ON p.id = r.period_id
    JOIN (SELECT p2.id AS pid,
           ((NEW.valid_from IS NULL OR NEW.valid_from <= p2.end_date) AND (NEW.valid_to IS NULL OR NEW.valid_to >= p2.start_date))
         - ((OLD.valid_from IS NULL OR OLD.valid_from <= p2.end_date) AND (OLD.valid_to IS NULL OR OLD.valid_to >= p2.start_date)) AS k
          FROM period p2) d ON d.pid = r.period_id AND d.k <> 0
    JOIN unit_tree t ON t.unit_id = NEW.id
    WHERE r.unit_id = NEW.id
  ON CONFLICT (unit_id, period_id) DO UPDATE SET
    included_all = included_all + excluded.included_all,
    included_approved = included_approved + excluded.included_approved,
    sent = sent + excluded.sent, sent_late = sent_late + excluded.sent_late;
END;

-- A unit's level changed (rare: an import that reclassifies a unit): its
-- own pairs leave the tree under the old level and come back under the new.
CREATE TRIGGER rollup_unit_level_out BEFORE UPDATE OF level ON unit WHEN OLD.level IS NOT NEW.level
BEGIN
  DELETE FROM unit_tree WHERE unit_id = OLD.id;
END;

CREATE TRIGGER rollup_unit_level_in AFTER UPDATE OF level ON unit WHEN OLD.level IS NOT NEW.level
BEGIN
  INSERT INTO unit_tree (ancestor_id, unit_id, depth)
  WITH RECURSIVE up(ancestor_id, depth) AS (
    SELECT NEW.id, 0
    UNION ALL
    SELECT u.parent_id, up.depth + 1 FROM up JOIN unit u ON u.id = up.ancestor_id
    WHERE u.parent_id IS NOT NULL AND up.depth < 16)
  SELECT ancestor_id, NEW.id, depth FROM up;
  DELETE FROM rollup_counting WHERE report_id IN (SELECT id FROM report WHERE unit_id = NEW.id);
  INSERT INTO rollup_counting SELECT report_id FROM rollup_weight WHERE unit_id = NEW.id AND w_all;
END;

-- A new period: "expected" of every unit. Its dates or due date changed:
-- its tallies are counted again.
CREATE TRIGGER rollup_period_insert AFTER INSERT ON period
BEGIN
  INSERT INTO rollup_tally (unit_id, period_id, expected)
    SELECT t.ancestor_id, NEW.id, COUNT(*)
    FROM unit m JOIN unit_tree t ON t.unit_id = m.id
    WHERE m.level = 'commune' AND (m.valid_from IS NULL OR m.valid_from <= NEW.end_date)
      AND (m.valid_to IS NULL OR m.valid_to >= NEW.start_date)
    GROUP BY t.ancestor_id
  ON CONFLICT (unit_id, period_id) DO UPDATE SET expected = expected + excluded.expected;
END;

CREATE TRIGGER rollup_period_update AFTER UPDATE OF start_date, end_date, due_date ON period
WHEN OLD.start_date IS NOT NEW.start_date OR OLD.end_date IS NOT NEW.end_date
  OR OLD.due_date IS NOT NEW.due_date
BEGIN
  DELETE FROM rollup_tally WHERE period_id = NEW.id;
  INSERT INTO rollup_tally (unit_id, period_id, expected)
    SELECT t.ancestor_id, NEW.id, COUNT(*)
    FROM unit m JOIN unit_tree t ON t.unit_id = m.id
    WHERE m.level = 'commune' AND (m.valid_from IS NULL OR m.valid_from <= NEW.end_date)
      AND (m.valid_to IS NULL OR m.valid_to >= NEW.start_date)
    GROUP BY t.ancestor_id;
  INSERT INTO rollup_tally (unit_id, period_id, included_all, included_approved, sent, sent_late)
    SELECT t.ancestor_id, w.period_id, SUM(w.t_all), SUM(w.t_approved), SUM(w.t_all), SUM(w.t_late)
    FROM rollup_weight w JOIN unit_tree t ON t.unit_id = w.unit_id
    WHERE w.period_id = NEW.id AND w.commune
    GROUP BY t.ancestor_id
  ON CONFLICT (unit_id, period_id) DO UPDATE SET
    included_all = included_all + excluded.included_all,
    included_approved = included_approved + excluded.included_approved,
    sent = sent + excluded.sent, sent_late = sent_late + excluded.sent_late;
END;

CREATE TRIGGER rollup_period_delete AFTER DELETE ON period
BEGIN
  DELETE FROM rollup_tally WHERE period_id = OLD.id;
  DELETE FROM rollup_sum WHERE period_id = OLD.id;
END;
