-- Comments on one value of a report (issue 10, point 8): written by the
-- reviewer (page_can_review) or by the unit's own officer, shown at the row
-- of the report page and in its history. Kept for good: a comment is never
-- edited or deleted, like report_event.
CREATE TABLE IF NOT EXISTS review_comment (
    id         INTEGER PRIMARY KEY,
    report_id  INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
    element_id INTEGER NOT NULL REFERENCES form_element(id),
    user_id    INTEGER REFERENCES user(id),
    at         TEXT NOT NULL,          -- UTC, as report_event.at
    text       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS review_comment_report ON review_comment(report_id, element_id);
