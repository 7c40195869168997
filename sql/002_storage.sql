-- Storage (issue 13 point 11): the audit of text values is chained. A row
-- with old_chained = 1 stores no old_raw: the old value is the new_raw of the
-- row before it for the same report and element, so a long narrative saved
-- many times is kept once per save, not twice. value_audit_full gives every
-- row with its old value, whichever way it is stored: read the audit from it.
ALTER TABLE value_audit ADD COLUMN old_chained INTEGER NOT NULL DEFAULT 0;
CREATE INDEX value_audit_chain ON value_audit(report_id, element_id, id);
CREATE VIEW value_audit_full AS
  SELECT a.id, a.report_id, a.element_id,
         CASE WHEN a.old_chained THEN
           (SELECT p.new_raw FROM value_audit p
             WHERE p.report_id = a.report_id AND p.element_id = a.element_id AND p.id < a.id
             ORDER BY p.id DESC LIMIT 1)
         ELSE a.old_raw END AS old_raw,
         a.new_raw, a.user_id, a.at
  FROM value_audit a;
