-- The appendix report of the early-childhood plans (appendix.md), as data.
-- Applied by every `ecdreport init`; upserts keyed on codes, so editing a label
-- here and running init again updates it. Codes never change once released.

INSERT INTO form (code, title) VALUES ('ecd-appendix',
  'Báo cáo tổng hợp kết quả thực hiện Kế hoạch chăm sóc vì sự phát triển toàn diện trẻ em trong những năm đầu đời tại gia đình và cộng đồng')
ON CONFLICT (code) DO UPDATE SET title = excluded.title;

CREATE TEMP TABLE f AS SELECT id FROM form WHERE code = 'ecd-appendix';

INSERT INTO form_section (form_id, code, position, numeral, title) VALUES
  ((SELECT id FROM f), 'children',      1, 'I',   'Trẻ em từ 0-8 tuổi'),
  ((SELECT id FROM f), 'communication', 2, 'II',  'Hoạt động truyền thông'),
  ((SELECT id FROM f), 'capacity',      3, 'III', 'Hoạt động nâng cao năng lực'),
  ((SELECT id FROM f), 'network',       4, 'IV',  'Mạng lưới kết nối và mô hình')
ON CONFLICT (form_id, code) DO UPDATE SET
  position = excluded.position, numeral = excluded.numeral, title = excluded.title;

CREATE TEMP TABLE e (section TEXT, position INTEGER, code TEXT, label TEXT,
  commune_label TEXT, kind TEXT, denominator TEXT, parent TEXT, supporting INTEGER,
  scope TEXT, max_value INTEGER);

INSERT INTO e VALUES
  (NULL, 1, 'narrative', 'Tình hình thực hiện', NULL, 'text', NULL, NULL, 0, 'commune', 20000),
  (NULL, 2, 'budget_vnd', 'Tổng kinh phí thực hiện (đồng)', NULL, 'money', NULL, NULL, 0, 'commune', 10000000000000),

  ('children', 10, 'children_0_8', 'Số trẻ em đến 8 tuổi', NULL, 'count', NULL, NULL, 0, 'commune', 10000000),
  ('children', 11, 'children_under6', 'trong đó: Số trẻ em dưới 6 tuổi', NULL, 'count', 'children_0_8', 'children_0_8', 1, 'commune', 10000000),
  ('children', 12, 'children_6_8', 'trong đó: Số trẻ em từ 6-8 tuổi', NULL, 'count', 'children_0_8', 'children_0_8', 1, 'commune', 10000000),
  ('children', 13, 'birth_registered', 'Số trẻ em đến 8 tuổi được đăng ký khai sinh', NULL, 'count', 'children_0_8', NULL, 0, 'commune', 10000000),
  ('children', 14, 'vaccinated_under6', 'Số trẻ em dưới 6 tuổi được tiêm chủng đủ các loại vacxin theo chương trình tiêm chủng mở rộng', NULL, 'count', 'children_under6', NULL, 0, 'commune', 10000000),
  ('children', 15, 'living_with_parents', 'Số trẻ em dưới 8 tuổi sống chung với cha mẹ ruột, cha hoặc mẹ ruột', NULL, 'count', 'children_0_8', NULL, 0, 'commune', 10000000),
  ('children', 16, 'selfprotect_6_8', 'Số trẻ em từ 6-8 tuổi được hướng dẫn một số kỹ năng cơ bản về tự bảo vệ bản thân trước một số tình huống có nguy cơ bị xâm hại, tai nạn thương tích…', NULL, 'count', 'children_6_8', NULL, 0, 'commune', 10000000),
  ('children', 17, 'schooling_6_8', 'Số trẻ em từ 6-8 tuổi được đi học', NULL, 'count', 'children_6_8', NULL, 0, 'commune', 10000000),
  ('children', 18, 'insured_under6', 'Số trẻ em dưới 6 tuổi có bảo hiểm y tế', NULL, 'count', 'children_under6', NULL, 0, 'commune', 10000000),
  ('children', 19, 'insured_6_8', 'Số trẻ em 6-8 tuổi có bảo hiểm y tế', NULL, 'count', 'children_6_8', NULL, 0, 'commune', 10000000),

  ('communication', 20, 'radio_commune', 'Số xã có tổ chức truyền thanh trên hệ thống Trạm truyền thanh của xã', 'Xã có tổ chức truyền thanh trên Trạm truyền thanh của xã không?', 'yesno', NULL, NULL, 0, 'commune', NULL),
  ('communication', 21, 'radio_commune_times', 'Tổng số lần truyền thanh trên Trạm truyền thanh cấp xã trong toàn huyện', 'Số lần truyền thanh trên Trạm truyền thanh của xã', 'count', NULL, NULL, 0, 'commune', 10000000),
  ('communication', 22, 'radio_district_times', 'Số lần truyền thanh trên Đài phát thanh của huyện', NULL, 'count', NULL, NULL, 0, 'district', 10000000),
  ('communication', 23, 'child_friendly_models', 'Số mô hình: "Dịch vụ thân thiện với trẻ em"', NULL, 'count', NULL, NULL, 0, 'commune', 10000000),
  ('communication', 24, 'posters', 'Số pano, áp phích tuyên truyền trong huyện về chăm sóc toàn diện trẻ em', 'Số pano, áp phích tuyên truyền trong xã về chăm sóc toàn diện trẻ em', 'count', NULL, NULL, 0, 'commune', 10000000),

  ('capacity', 30, 'staff_trained', 'Số lượt cán bộ làm công tác liên quan đến trẻ em tại các cơ sở khám chữa bệnh, cơ sở giáo dục, cơ sở nuôi dưỡng trẻ em, cơ sở cung cấp dịch vụ bảo vệ trẻ em, cán bộ tại cộng đồng được cung cấp kiến thức, kỹ năng liên quan để hỗ trợ, chăm sóc toàn diện trẻ em', NULL, 'count', NULL, NULL, 0, 'commune', 10000000),
  ('capacity', 31, 'staff_trained_province', 'trong đó: do cấp tỉnh tổ chức', NULL, 'count', NULL, 'staff_trained', 0, 'commune', 10000000),
  ('capacity', 32, 'staff_trained_district', 'trong đó: do huyện tổ chức', NULL, 'count', NULL, 'staff_trained', 0, 'commune', 10000000),
  ('capacity', 33, 'families_0_8', 'Số gia đình có trẻ em từ 0-8 tuổi', NULL, 'count', NULL, NULL, 1, 'commune', 10000000),
  ('capacity', 34, 'families_trained', 'Số gia đình có trẻ em từ 0-8 tuổi được tham gia các lớp tập huấn, truyền thông về kỹ năng chăm sóc, giáo dục trẻ em do cấp tỉnh, huyện tổ chức', NULL, 'count', 'families_0_8', NULL, 0, 'commune', 10000000),
  ('capacity', 35, 'pregnant_counselled', 'Số lượt bà mẹ đang mang thai được tư vấn, truyền thông chuẩn bị các kiến thức, kỹ năng trước trong và sau khi sinh do ngành huyện, xã tổ chức', NULL, 'count', NULL, NULL, 0, 'commune', 10000000),

  ('network', 40, 'referral_network', 'Số xã xây dựng mạng lưới kết nối và chuyển tuyến các dịch vụ chăm sóc phát triển toàn diện trẻ em', 'Xã có xây dựng mạng lưới kết nối và chuyển tuyến các dịch vụ chăm sóc phát triển toàn diện trẻ em không?', 'yesno', NULL, NULL, 0, 'commune', NULL),
  ('network', 41, 'needs_monitoring', 'Số xã triển khai theo dõi, đánh giá nhu cầu của trẻ em đến 8 tuổi', 'Xã có triển khai theo dõi, đánh giá nhu cầu của trẻ em đến 8 tuổi không?', 'yesno', NULL, NULL, 0, 'commune', NULL),
  ('network', 42, 'pilot_model', 'Số xã thí điểm mô hình chăm sóc phát triển toàn diện trẻ em tại gia đình và cộng đồng', 'Xã có thí điểm mô hình chăm sóc phát triển toàn diện trẻ em tại gia đình và cộng đồng không?', 'yesno', NULL, NULL, 0, 'commune', NULL);

INSERT INTO form_element (form_id, section_id, position, code, label, commune_label,
    kind, denominator_code, parent_code, supporting, scope, max_value)
  SELECT (SELECT id FROM f),
         (SELECT s.id FROM form_section s WHERE s.form_id = (SELECT id FROM f) AND s.code = e.section),
         position, code, label, commune_label, kind, denominator, parent, supporting, scope, max_value
  FROM e WHERE true
ON CONFLICT (form_id, code) DO UPDATE SET
  section_id = excluded.section_id, position = excluded.position, label = excluded.label,
  commune_label = excluded.commune_label, kind = excluded.kind,
  denominator_code = excluded.denominator_code, parent_code = excluded.parent_code,
  supporting = excluded.supporting, scope = excluded.scope, max_value = excluded.max_value;

-- Checks. Placeholders in messages: {value} {target} {target_label} {sum}
-- {previous} {change} {drop} {current}, filled with Vietnamese-formatted numbers.
INSERT INTO form_check (form_id, code, severity, kind, terms, target, threshold, message) VALUES
  ((SELECT id FROM f), 'numerator_le_denominator', 'error', 'le_denominator', '', NULL, NULL,
   'Số lượng ({value}) lớn hơn «{target_label}» ({target}).'),
  ((SELECT id FROM f), 'age_bands_le_total', 'error', 'sum_le', 'children_under6 children_6_8', 'children_0_8', NULL,
   'Số trẻ em dưới 6 tuổi cộng số trẻ em từ 6-8 tuổi ({sum}) lớn hơn số trẻ em đến 8 tuổi ({target}).'),
  ((SELECT id FROM f), 'trainings_le_total', 'error', 'sum_le', 'staff_trained_province staff_trained_district', 'staff_trained', NULL,
   'Số lượt do cấp tỉnh tổ chức cộng số lượt do huyện tổ chức ({sum}) lớn hơn tổng số lượt cán bộ được cung cấp kiến thức ({target}).'),
  ((SELECT id FROM f), 'age_bands_partition', 'warning', 'sum_eq', 'children_under6 children_6_8', 'children_0_8', NULL,
   'Số trẻ em dưới 6 tuổi cộng số trẻ em từ 6-8 tuổi ({sum}) khác số trẻ em đến 8 tuổi ({target}); hai nhóm tuổi thường cộng lại bằng tổng số.'),
  ((SELECT id FROM f), 'children_change', 'warning', 'change_pct', '', 'children_0_8', 30,
   'Số trẻ em đến 8 tuổi thay đổi {change} so với năm trước ({previous}); xin kiểm tra lại hoặc giải trình.'),
  ((SELECT id FROM f), 'ratio_drop', 'warning', 'ratio_drop', '', NULL, 20,
   'Tỷ lệ giảm {drop} điểm phần trăm so với năm trước ({previous} xuống {current}).')
ON CONFLICT (form_id, code) DO UPDATE SET
  severity = excluded.severity, kind = excluded.kind, terms = excluded.terms,
  target = excluded.target, threshold = excluded.threshold, message = excluded.message;

-- Indicators: every ratio row, every "% of communes" row, and the plans' targets
-- that no element of the appendix measures.
INSERT INTO indicator (form_id, code, name, kind, numerator_code, denominator_code, position) VALUES
  ((SELECT id FROM f), 'birth_registered', 'Tỷ lệ trẻ em đến 8 tuổi được đăng ký khai sinh', 'ratio', 'birth_registered', 'children_0_8', 1),
  ((SELECT id FROM f), 'vaccinated_under6', 'Tỷ lệ trẻ em dưới 6 tuổi được tiêm chủng đủ các loại vacxin', 'ratio', 'vaccinated_under6', 'children_under6', 2),
  ((SELECT id FROM f), 'living_with_parents', 'Tỷ lệ trẻ em dưới 8 tuổi sống chung với cha mẹ ruột, cha hoặc mẹ ruột', 'ratio', 'living_with_parents', 'children_0_8', 3),
  ((SELECT id FROM f), 'selfprotect_6_8', 'Tỷ lệ trẻ em từ 6-8 tuổi được hướng dẫn kỹ năng tự bảo vệ', 'ratio', 'selfprotect_6_8', 'children_6_8', 4),
  ((SELECT id FROM f), 'schooling_6_8', 'Tỷ lệ trẻ em từ 6-8 tuổi được đi học', 'ratio', 'schooling_6_8', 'children_6_8', 5),
  ((SELECT id FROM f), 'insured_under6', 'Tỷ lệ trẻ em dưới 6 tuổi có bảo hiểm y tế', 'ratio', 'insured_under6', 'children_under6', 6),
  ((SELECT id FROM f), 'insured_6_8', 'Tỷ lệ trẻ em 6-8 tuổi có bảo hiểm y tế', 'ratio', 'insured_6_8', 'children_6_8', 7),
  ((SELECT id FROM f), 'families_trained', 'Tỷ lệ gia đình có trẻ em từ 0-8 tuổi được tham gia tập huấn, truyền thông', 'ratio', 'families_trained', 'families_0_8', 8),
  ((SELECT id FROM f), 'radio_commune', 'Tỷ lệ xã có tổ chức truyền thanh trên Trạm truyền thanh của xã', 'yes_share', 'radio_commune', NULL, 9),
  ((SELECT id FROM f), 'referral_network', 'Tỷ lệ xã xây dựng mạng lưới kết nối và chuyển tuyến các dịch vụ chăm sóc phát triển toàn diện trẻ em', 'yes_share', 'referral_network', NULL, 10),
  ((SELECT id FROM f), 'needs_monitoring', 'Tỷ lệ xã triển khai theo dõi, đánh giá nhu cầu của trẻ em đến 8 tuổi', 'yes_share', 'needs_monitoring', NULL, 11),
  ((SELECT id FROM f), 'pilot_model', 'Tỷ lệ xã thí điểm mô hình chăm sóc phát triển toàn diện trẻ em tại gia đình và cộng đồng', 'yes_share', 'pilot_model', NULL, 12),
  ((SELECT id FROM f), 'reached_services', 'Tỷ lệ trẻ em đến 8 tuổi được tiếp cận các dịch vụ hỗ trợ chăm sóc phát triển toàn diện', 'unmeasured', NULL, NULL, 13),
  ((SELECT id FROM f), 'carers_trained', 'Tỷ lệ cán bộ, cha mẹ, người chăm sóc trẻ em được cung cấp kiến thức, kỹ năng chăm sóc phát triển toàn diện trẻ em', 'unmeasured', NULL, NULL, 14)
ON CONFLICT (form_id, code) DO UPDATE SET
  name = excluded.name, kind = excluded.kind, numerator_code = excluded.numerator_code,
  denominator_code = excluded.denominator_code, position = excluded.position;

DROP TABLE e;
DROP TABLE f;
