-- Paper (issue 11): the data cut-off of a period (Nghị định 09/2019/NĐ-CP,
-- Điều 12, "thời gian chốt số liệu"), set by the admin beside the due date.
-- NULL means the decree's rule (sheet_cutoff in src/sheet.c): a year from
-- 15/12 of the year before to 14/12; a first half from 15/12 to 14/06; a
-- second half from 15/06 to 14/12. Printed under the title and shown on the
-- form.
ALTER TABLE period ADD COLUMN cutoff_from TEXT;
ALTER TABLE period ADD COLUMN cutoff_to TEXT;
