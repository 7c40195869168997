-- ecdreport schema, version 1.
-- Dates are ISO text (YYYY-MM-DD), timestamps ISO text in UTC (YYYY-MM-DDTHH:MM:SSZ).

-- Administrative units: an official code plus the dates it was valid, because
-- codes are reused after mergers (30037 was Thị trấn Mỹ An, then Xã Tháp Mười).
CREATE TABLE unit (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,              -- with its kind: "Xã Mỹ Hòa"
    kind        TEXT NOT NULL DEFAULT '',   -- the official "Cấp": Xã, Phường, Huyện…
    level       TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
    parent_id   INTEGER REFERENCES unit(id),
    valid_from  TEXT,                       -- NULL: since before the first list
    valid_to    TEXT,                       -- NULL: still valid; else its last day
    UNIQUE (code, valid_from)
);
CREATE INDEX unit_code ON unit(code, valid_to);
CREATE INDEX unit_parent ON unit(parent_id);

-- Closure of the unit tree: every (ancestor, unit) pair, depth 0 for the unit
-- itself. Rebuilt from unit.parent_id whenever units change.
CREATE TABLE unit_tree (
    ancestor_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
    unit_id     INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
    depth       INTEGER NOT NULL,
    PRIMARY KEY (ancestor_id, unit_id)
) WITHOUT ROWID;
CREATE INDEX unit_tree_unit ON unit_tree(unit_id);

-- Old commune -> new commune after a merger, with the resolution that did it.
CREATE TABLE unit_succession (
    old_unit_id INTEGER NOT NULL REFERENCES unit(id),
    new_unit_id INTEGER NOT NULL REFERENCES unit(id),
    basis       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (old_unit_id, new_unit_id)
);

-- What a unit prints at the foot of its reports, and the office that reviews.
CREATE TABLE unit_setting (
    unit_id      INTEGER PRIMARY KEY REFERENCES unit(id),
    office       TEXT NOT NULL DEFAULT '',  -- "Phòng Lao động - Thương binh và Xã hội"
    authority    TEXT NOT NULL DEFAULT '',  -- "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"
    signer_title TEXT NOT NULL DEFAULT '',  -- "PHÓ CHỦ TỊCH"
    signer_name  TEXT NOT NULL DEFAULT '',
    recipients   TEXT NOT NULL DEFAULT ''   -- one per line
);

-- The form definition: sections, elements, checks. Loaded from sql/form_*.sql.
CREATE TABLE form (
    id    INTEGER PRIMARY KEY,
    code  TEXT NOT NULL UNIQUE,             -- "ecd-appendix"
    title TEXT NOT NULL
);

CREATE TABLE form_section (
    id       INTEGER PRIMARY KEY,
    form_id  INTEGER NOT NULL REFERENCES form(id),
    code     TEXT NOT NULL,
    position INTEGER NOT NULL,
    numeral  TEXT NOT NULL,                 -- "I"
    title    TEXT NOT NULL,
    UNIQUE (form_id, code)
);

-- One value of the form. kind: count (whole number), money (whole đồng),
-- yesno, text. section_id NULL: a header item above the table.
-- parent_code: the row this is a "trong đó" sub-row of. scope: who enters it.
CREATE TABLE form_element (
    id                INTEGER PRIMARY KEY,
    form_id           INTEGER NOT NULL REFERENCES form(id),
    section_id        INTEGER REFERENCES form_section(id),
    position          INTEGER NOT NULL,
    code              TEXT NOT NULL,
    label             TEXT NOT NULL,        -- as in the district/province table
    commune_label     TEXT,                 -- the question as a commune reads it, if different
    kind              TEXT NOT NULL CHECK (kind IN ('count', 'money', 'yesno', 'text')),
    denominator_code  TEXT,
    parent_code       TEXT,
    supporting        INTEGER NOT NULL DEFAULT 0,
    scope             TEXT NOT NULL DEFAULT 'commune' CHECK (scope IN ('commune', 'district')),
    max_value         INTEGER,              -- counts and money; max characters for text
    UNIQUE (form_id, code)
);

-- Cross-row checks. kind:
--   le_denominator  every element with a denominator is at most its denominator
--   sum_le          sum(terms) <= target
--   sum_eq          sum(terms) =  target
--   change_pct      target changed by more than threshold % from the previous year
--   ratio_drop      a ratio fell by more than threshold percentage points
-- terms: space-separated element codes; message: Vietnamese, shown at the rows.
CREATE TABLE form_check (
    id        INTEGER PRIMARY KEY,
    form_id   INTEGER NOT NULL REFERENCES form(id),
    code      TEXT NOT NULL,
    severity  TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
    kind      TEXT NOT NULL CHECK (kind IN ('le_denominator', 'sum_le', 'sum_eq', 'change_pct', 'ratio_drop')),
    terms     TEXT NOT NULL DEFAULT '',
    target    TEXT,
    threshold REAL,
    message   TEXT NOT NULL DEFAULT '',
    UNIQUE (form_id, code)
);

-- Reporting periods: 2024, 2024S1, 2024S2 (DHIS2 notation).
CREATE TABLE period (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    form_id    INTEGER NOT NULL REFERENCES form(id),
    start_date TEXT NOT NULL,
    end_date   TEXT NOT NULL,
    due_date   TEXT NOT NULL,
    locked_at  TEXT
);

CREATE TABLE user (
    id         INTEGER PRIMARY KEY,
    username   TEXT NOT NULL UNIQUE,
    full_name  TEXT NOT NULL DEFAULT '',
    pw_hash    TEXT NOT NULL,               -- argon2id, libsodium's string format
    role       TEXT NOT NULL CHECK (role IN ('commune', 'district', 'province', 'admin')),
    unit_id    INTEGER REFERENCES unit(id), -- NULL only for an installation-wide admin
    disabled   INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

-- Sessions: the cookie holds a random token; only its hash is stored.
CREATE TABLE session (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    seen_at    TEXT NOT NULL                -- last activity, for the idle timeout
);

-- One report of one unit for one period. No row: status "empty".
CREATE TABLE report (
    id            INTEGER PRIMARY KEY,
    unit_id       INTEGER NOT NULL REFERENCES unit(id),
    period_id     INTEGER NOT NULL REFERENCES period(id),
    status        TEXT NOT NULL DEFAULT 'draft'
                  CHECK (status IN ('draft', 'submitted', 'returned', 'approved')),
    version       INTEGER NOT NULL DEFAULT 1,
    explanation   TEXT NOT NULL DEFAULT '', -- the officer's note on warnings
    return_reason TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL,
    updated_by    INTEGER REFERENCES user(id),
    submitted_at  TEXT,
    approved_at   TEXT,
    UNIQUE (unit_id, period_id)
);
CREATE INDEX report_period ON report(period_id, status);

-- Values as typed (raw, so that nothing typed is lost) and as understood (num,
-- NULL when raw is not a valid value of its kind; yes/no is 1 or 0).
CREATE TABLE report_value (
    report_id  INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
    element_id INTEGER NOT NULL REFERENCES form_element(id),
    raw        TEXT NOT NULL,
    num        INTEGER,
    PRIMARY KEY (report_id, element_id)
) WITHOUT ROWID;

-- Every value change: who, when, old, new.
CREATE TABLE value_audit (
    id         INTEGER PRIMARY KEY,
    report_id  INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
    element_id INTEGER NOT NULL REFERENCES form_element(id),
    old_raw    TEXT,
    new_raw    TEXT,
    user_id    INTEGER REFERENCES user(id),
    at         TEXT NOT NULL
);
CREATE INDEX value_audit_report ON value_audit(report_id);

-- Every step of a report: submit, approve, return, reopen (with its reason).
CREATE TABLE report_event (
    id        INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
    action    TEXT NOT NULL,
    reason    TEXT NOT NULL DEFAULT '',
    user_id   INTEGER REFERENCES user(id),
    at        TEXT NOT NULL
);
CREATE INDEX report_event_report ON report_event(report_id);

-- Indicators: numerator ÷ denominator over rolled-up elements. kind:
--   ratio       numerator_code ÷ denominator_code
--   yes_share   communes answering yes to numerator_code ÷ all communes
--   unmeasured  no element measures it: shown as "chưa có số liệu"
CREATE TABLE indicator (
    id               INTEGER PRIMARY KEY,
    form_id          INTEGER NOT NULL REFERENCES form(id),
    code             TEXT NOT NULL,
    name             TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('ratio', 'yes_share', 'unmeasured')),
    numerator_code   TEXT,
    denominator_code TEXT,
    position         INTEGER NOT NULL DEFAULT 0,
    UNIQUE (form_id, code)
);

-- A plan issued by a unit (NULL: the whole country), with targets per year.
CREATE TABLE plan (
    id         INTEGER PRIMARY KEY,
    unit_id    INTEGER REFERENCES unit(id),
    name       TEXT NOT NULL,
    doc_number TEXT NOT NULL DEFAULT '',
    year_from  INTEGER NOT NULL,
    year_to    INTEGER NOT NULL
);

CREATE TABLE target (
    id           INTEGER PRIMARY KEY,
    plan_id      INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    indicator_id INTEGER NOT NULL REFERENCES indicator(id),
    year         INTEGER NOT NULL,
    op           TEXT NOT NULL DEFAULT '>=' CHECK (op IN ('>=', '<=')),
    value        REAL NOT NULL,             -- a fraction: 0.8 is 80 %
    UNIQUE (plan_id, indicator_id, year)
);

-- Administrative actions: who, when, what.
CREATE TABLE admin_log (
    id      INTEGER PRIMARY KEY,
    user_id INTEGER REFERENCES user(id),
    at      TEXT NOT NULL,
    action  TEXT NOT NULL,
    detail  TEXT NOT NULL DEFAULT ''
);
