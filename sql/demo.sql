-- Demo units: the places of the seeds, with codes from the official list of
-- 01/03/2025 (three tiers). Loaded by `ecdreport init --demo`.
INSERT INTO unit (code, name, kind, level) VALUES
  ('12', 'Tỉnh Lai Châu', 'Tỉnh', 'province'),
  ('72', 'Tỉnh Tây Ninh', 'Tỉnh', 'province'),
  ('87', 'Tỉnh Đồng Tháp', 'Tỉnh', 'province');
INSERT INTO unit (code, name, kind, level, parent_id) VALUES
  ('106', 'Huyện Tam Đường', 'Huyện', 'district', (SELECT id FROM unit WHERE code = '12')),
  ('703', 'Thành phố Tây Ninh', 'Thành phố', 'district', (SELECT id FROM unit WHERE code = '72')),
  ('872', 'Huyện Tháp Mười', 'Huyện', 'district', (SELECT id FROM unit WHERE code = '87'));
INSERT INTO unit (code, name, kind, level, parent_id) VALUES
  ('03390', 'Thị trấn Tam Đường', 'Thị trấn', 'commune', (SELECT id FROM unit WHERE code = '106')),
  ('03394', 'Xã Thèn Sin', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '106')),
  ('03400', 'Xã Tả Lèng', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '106')),
  ('03405', 'Xã Giang Ma', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '106')),
  ('03406', 'Xã Hồ Thầu', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '106')),
  ('03412', 'Xã Bình Lư', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '106')),
  ('03413', 'Xã Sơn Bình', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '106')),
  ('03415', 'Xã Nùng Nàng', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '106')),
  ('03418', 'Xã Bản Giang', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '106')),
  ('03421', 'Xã Bản Hon', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '106')),
  ('03424', 'Xã Bản Bo', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '106')),
  ('03427', 'Xã Nà Tăm', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '106')),
  ('03430', 'Xã Khun Há', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '106')),
  ('25456', 'Phường 1', 'Phường', 'commune', (SELECT id FROM unit WHERE code = '703')),
  ('25459', 'Phường 3', 'Phường', 'commune', (SELECT id FROM unit WHERE code = '703')),
  ('25462', 'Phường 4', 'Phường', 'commune', (SELECT id FROM unit WHERE code = '703')),
  ('25465', 'Phường Hiệp Ninh', 'Phường', 'commune', (SELECT id FROM unit WHERE code = '703')),
  ('25468', 'Phường 2', 'Phường', 'commune', (SELECT id FROM unit WHERE code = '703')),
  ('25471', 'Xã Thạnh Tân', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '703')),
  ('25474', 'Xã Tân Bình', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '703')),
  ('25477', 'Xã Bình Minh', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '703')),
  ('25480', 'Phường Ninh Sơn', 'Phường', 'commune', (SELECT id FROM unit WHERE code = '703')),
  ('25483', 'Phường Ninh Thạnh', 'Phường', 'commune', (SELECT id FROM unit WHERE code = '703')),
  ('30037', 'Thị trấn Mỹ An', 'Thị trấn', 'commune', (SELECT id FROM unit WHERE code = '872')),
  ('30040', 'Xã Thạnh Lợi', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '872')),
  ('30043', 'Xã Hưng Thạnh', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '872')),
  ('30046', 'Xã Trường Xuân', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '872')),
  ('30049', 'Xã Tân Kiều', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '872')),
  ('30052', 'Xã Mỹ Hòa', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '872')),
  ('30055', 'Xã Mỹ Quý', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '872')),
  ('30058', 'Xã Mỹ Đông', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '872')),
  ('30061', 'Xã Đốc Binh Kiều', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '872')),
  ('30064', 'Xã Mỹ An', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '872')),
  ('30067', 'Xã Phú Điền', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '872')),
  ('30070', 'Xã Láng Biển', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '872')),
  ('30073', 'Xã Thanh Mỹ', 'Xã', 'commune', (SELECT id FROM unit WHERE code = '872'));

-- Annual periods; the seeds' communes report before 20 November.
INSERT INTO period (code, form_id, start_date, end_date, due_date) VALUES
  ('2023', (SELECT id FROM form WHERE code = 'ecd-appendix'), '2023-01-01', '2023-12-31', '2023-11-20'),
  ('2024', (SELECT id FROM form WHERE code = 'ecd-appendix'), '2024-01-01', '2024-12-31', '2024-11-20');

-- What each office prints under its reports (print.md), from the seeds.
INSERT INTO unit_setting (unit_id, office, authority, signer_title, signer_name, recipients)
  SELECT id, 'Phòng Lao động - Thương binh và Xã hội',
         'TM. ỦY BAN NHÂN DÂN' || char(10) || 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn Hiệp',
         'Sở LĐ-TB&XH;' || char(10) || 'CT, PCT UBND huyện;' || char(10) || 'Các đơn vị tại mục V;'
           || char(10) || 'LĐVP;' || char(10) || 'Lưu: VT, NC.'
  FROM unit WHERE code = '872';
INSERT INTO unit_setting (unit_id, office, authority, signer_title, signer_name, recipients)
  SELECT id, 'Sở Lao động - Thương binh và Xã hội', 'TM. ỦY BAN NHÂN DÂN' || char(10) || 'KT. CHỦ TỊCH',
         'PHÓ CHỦ TỊCH', '', 'Bộ LĐ-TB&XH;' || char(10) || 'TT. UBND tỉnh;' || char(10) || 'Lưu: VT.'
  FROM unit WHERE level = 'province';
INSERT INTO unit_setting (unit_id, office, authority, signer_title, signer_name, recipients)
  SELECT c.id, '', 'TM. ỦY BAN NHÂN DÂN' || char(10) || 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', '',
         'Phòng LĐ-TB&XH ' || lower(substr(d.name, 1, 1)) || substr(d.name, 2) || ';' || char(10) || 'Lưu: VT.'
  FROM unit c JOIN unit d ON d.id = c.parent_id WHERE c.level = 'commune';

-- The seeds' plans, each with the unit that issued it (appendix.md, "Indicators
-- and targets"). Seed 001 belongs to an unnamed Quảng Trị district, which is not
-- a demo unit, so it is not loaded; staff can attach it to a district of theirs.
INSERT INTO plan (unit_id, name, doc_number, year_from, year_to) VALUES
  (NULL, 'Đề án chăm sóc vì sự phát triển toàn diện trẻ em trong những năm đầu đời tại gia đình và cộng đồng giai đoạn 2018 - 2025', '1437/QĐ-TTg', 2018, 2025),
  ((SELECT id FROM unit WHERE code = '87'), 'Kế hoạch triển khai thực hiện Chương trình hành động vì trẻ em giai đoạn 2021 - 2030 trên địa bàn tỉnh Đồng Tháp', '', 2021, 2030),
  ((SELECT id FROM unit WHERE code = '872'), 'Kế hoạch thực hiện Đề án chăm sóc vì sự phát triển toàn diện trẻ em trong những năm đầu đời tại gia đình và cộng đồng huyện Tháp Mười năm 2024', '/KH-UBND', 2024, 2024),
  ((SELECT id FROM unit WHERE code = '106'), 'Kế hoạch thực hiện công tác bảo vệ, chăm sóc trẻ em trên địa bàn huyện Tam Đường năm 2021', '', 2021, 2021);

CREATE TEMP TABLE t (plan_unit TEXT, plan_year INTEGER, indicator TEXT, year INTEGER, value REAL);
INSERT INTO t VALUES
  (NULL, 2018, 'reached_services', 2020, 0.70),
  (NULL, 2018, 'reached_services', 2025, 0.90),
  ('87', 2021, 'reached_services', 2025, 0.90),
  ('87', 2021, 'reached_services', 2030, 0.95),
  ('872', 2024, 'reached_services', 2024, 0.80),
  ('872', 2024, 'carers_trained', 2024, 0.80),
  ('106', 2021, 'insured_under6', 2021, 1.00);
INSERT INTO target (plan_id, indicator_id, year, op, value)
  SELECT p.id, i.id, t.year, '>=', t.value
  FROM t JOIN plan p ON p.year_from = t.plan_year
         AND p.unit_id IS (SELECT id FROM unit WHERE code = t.plan_unit)
         JOIN indicator i ON i.code = t.indicator;
DROP TABLE t;

-- Today's Vietnam: since 01/07/2025 communes sit directly under 34 provinces.
-- The same places after the merges, with their codes and names from the
-- two-tier list (sql/units/dvhc-2026-two-tier.csv) and the merges of
-- sql/units/thapmuoi-tayninh-2025-merges.csv (Tháp Mười, Tây Ninh) and
-- vn-2025-merges.csv (Tam Đường): the old units end on 30/06/2025 (Tỉnh Lai
-- Châu, 12, goes on unchanged), the new ones start on 01/07/2025. Codes are
-- reused: 30037 is Thị trấn Mỹ An until 30/06/2025, Xã Tháp Mười from
-- 01/07/2025. The periods from 2025 on, with dates relative to the day of
-- `init --demo`, and their reports are made by src/demo.c.
UPDATE unit SET valid_to = '2025-06-30'
  WHERE valid_from IS NULL AND (code IN ('72', '87', '106', '703', '872') OR (level = 'commune'
    AND parent_id IN (SELECT id FROM unit WHERE code IN ('106', '703', '872'))));
INSERT INTO unit (code, name, kind, level, valid_from) VALUES
  ('80', 'Tỉnh Tây Ninh', 'Tỉnh', 'province', '2025-07-01'),
  ('82', 'Tỉnh Đồng Tháp', 'Tỉnh', 'province', '2025-07-01');
CREATE TEMP TABLE n (code TEXT, name TEXT, kind TEXT, province TEXT);
INSERT INTO n VALUES
  ('03390', 'Xã Bình Lư', 'Xã', '12'),
  ('03394', 'Xã Sin Suối Hồ', 'Xã', '12'),
  ('03405', 'Xã Tả Lèng', 'Xã', '12'),
  ('03408', 'Phường Tân Phong', 'Phường', '12'),
  ('03424', 'Xã Bản Bo', 'Xã', '12'),
  ('03430', 'Xã Khun Há', 'Xã', '12'),
  ('25459', 'Phường Tân Ninh', 'Phường', '80'),
  ('25480', 'Phường Bình Minh', 'Phường', '80'),
  ('25567', 'Phường Ninh Thạnh', 'Phường', '80'),
  ('30037', 'Xã Tháp Mười', 'Xã', '82'),
  ('30043', 'Xã Phương Thịnh', 'Xã', '82'),
  ('30046', 'Xã Trường Xuân', 'Xã', '82'),
  ('30055', 'Xã Mỹ Quí', 'Xã', '82'),
  ('30061', 'Xã Đốc Binh Kiều', 'Xã', '82'),
  ('30073', 'Xã Thanh Mỹ', 'Xã', '82');
INSERT INTO unit (code, name, kind, level, parent_id, valid_from)
  SELECT n.code, n.name, n.kind, 'commune', p.id, '2025-07-01'
  FROM n JOIN unit p ON p.code = n.province AND p.valid_to IS NULL ORDER BY n.code;
DROP TABLE n;
CREATE TEMP TABLE m (old TEXT, new TEXT, basis TEXT);
INSERT INTO m VALUES
  ('25456', '25459', '1682/NQ-UBTVQH15'),
  ('25459', '25459', '1682/NQ-UBTVQH15'),
  ('25462', '25459', '1682/NQ-UBTVQH15'),
  ('25465', '25459', '1682/NQ-UBTVQH15'),
  ('25468', '25459', '1682/NQ-UBTVQH15'),
  ('25471', '25480', '1682/NQ-UBTVQH15'),
  ('25474', '25480', '1682/NQ-UBTVQH15'),
  ('25477', '25480', '1682/NQ-UBTVQH15'),
  ('25480', '25480', '1682/NQ-UBTVQH15'),
  ('25483', '25567', '1682/NQ-UBTVQH15'),
  ('30037', '30037', '1663/NQ-UBTVQH15'),
  ('30040', '30046', '1663/NQ-UBTVQH15'),
  ('30043', '30043', '1663/NQ-UBTVQH15'),
  ('30046', '30046', '1663/NQ-UBTVQH15'),
  ('30049', '30061', '1663/NQ-UBTVQH15'),
  ('30052', '30037', '1663/NQ-UBTVQH15'),
  ('30055', '30055', '1663/NQ-UBTVQH15'),
  ('30058', '30055', '1663/NQ-UBTVQH15'),
  ('30061', '30061', '1663/NQ-UBTVQH15'),
  ('30064', '30037', '1663/NQ-UBTVQH15'),
  ('30067', '30073', '1663/NQ-UBTVQH15'),
  ('30070', '30055', '1663/NQ-UBTVQH15'),
  ('30073', '30073', '1663/NQ-UBTVQH15'),
  ('03390', '03390', 'Nghị quyết của UBTVQH khóa XV về sắp xếp ĐVHC cấp xã năm 2025'),
  ('03394', '03394', 'Nghị quyết của UBTVQH khóa XV về sắp xếp ĐVHC cấp xã năm 2025'),
  ('03400', '03405', 'Nghị quyết của UBTVQH khóa XV về sắp xếp ĐVHC cấp xã năm 2025'),
  ('03405', '03405', 'Nghị quyết của UBTVQH khóa XV về sắp xếp ĐVHC cấp xã năm 2025'),
  ('03406', '03405', 'Nghị quyết của UBTVQH khóa XV về sắp xếp ĐVHC cấp xã năm 2025'),
  ('03412', '03390', 'Nghị quyết của UBTVQH khóa XV về sắp xếp ĐVHC cấp xã năm 2025'),
  ('03413', '03390', 'Nghị quyết của UBTVQH khóa XV về sắp xếp ĐVHC cấp xã năm 2025'),
  ('03415', '03408', 'Nghị quyết của UBTVQH khóa XV về sắp xếp ĐVHC cấp xã năm 2025'),
  ('03418', '03408', 'Nghị quyết của UBTVQH khóa XV về sắp xếp ĐVHC cấp xã năm 2025'),
  ('03421', '03430', 'Nghị quyết của UBTVQH khóa XV về sắp xếp ĐVHC cấp xã năm 2025'),
  ('03424', '03424', 'Nghị quyết của UBTVQH khóa XV về sắp xếp ĐVHC cấp xã năm 2025'),
  ('03427', '03424', 'Nghị quyết của UBTVQH khóa XV về sắp xếp ĐVHC cấp xã năm 2025'),
  ('03430', '03430', 'Nghị quyết của UBTVQH khóa XV về sắp xếp ĐVHC cấp xã năm 2025');
INSERT INTO unit_succession (old_unit_id, new_unit_id, basis)
  SELECT o.id, n.id, m.basis FROM m
  JOIN unit o ON o.code = m.old AND o.level = 'commune' AND o.valid_to = '2025-06-30'
  JOIN unit n ON n.code = m.new AND n.valid_from = '2025-07-01';
DROP TABLE m;

-- Since 03/2025 the Sở Y tế (health) holds the care of children; a commune
-- reports to its province.
INSERT INTO unit_setting (unit_id, office, authority, signer_title, signer_name, recipients)
  SELECT id, 'Sở Y tế', 'TM. ỦY BAN NHÂN DÂN' || char(10) || 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', '',
         'Bộ Y tế;' || char(10) || 'TT. UBND tỉnh;' || char(10) || 'Lưu: VT.'
  FROM unit WHERE level = 'province' AND valid_from = '2025-07-01';
INSERT INTO unit_setting (unit_id, office, authority, signer_title, signer_name, recipients)
  SELECT c.id, '', 'TM. ỦY BAN NHÂN DÂN' || char(10) || 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', '',
         'Sở Y tế ' || lower(substr(p.name, 1, 1)) || substr(p.name, 2) || ';' || char(10) || 'Lưu: VT.'
  FROM unit c JOIN unit p ON p.id = c.parent_id WHERE c.level = 'commune' AND c.valid_from = '2025-07-01';

-- The 2025 annual period, the first of the two-tier tree (reviewed by the
-- provinces).
INSERT INTO period (code, form_id, start_date, end_date, due_date) VALUES
  ('2025', (SELECT id FROM form WHERE code = 'ecd-appendix'), '2025-01-01', '2025-12-31', '2025-11-20');
