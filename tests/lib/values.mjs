// A complete, valid set of commune values (every check passes, no warnings
// against the demo's previous year are guaranteed only for Xã Mỹ Hòa's own
// numbers, so tests that need "no warnings" read the previous year first).
export function validValues(total = 1000) {
  const under6 = Math.round(total * 0.7), older = total - under6;
  return {
    narrative: 'Xã đã tổ chức truyền thông và tập huấn cho cha mẹ.',
    budget_vnd: 12500000,
    children_0_8: total, children_under6: under6, children_6_8: older,
    birth_registered: total - 5, vaccinated_under6: under6 - 10,
    living_with_parents: total - 100, selfprotect_6_8: older - 50,
    schooling_6_8: older - 2, insured_under6: under6 - 3, insured_6_8: older - 30,
    radio_commune: true, radio_commune_times: 24, child_friendly_models: 2, posters: 8,
    staff_trained: 40, staff_trained_province: 5, staff_trained_district: 10,
    families_0_8: 600, families_trained: 240, pregnant_counselled: 55,
    referral_network: true, needs_monitoring: true, pilot_model: false,
  };
}

// The same values as the HTML form posts them (v_<code>, yes/no as 1/0).
export function formValues(values) {
  const out = {};
  for (const [k, v] of Object.entries(values)) out[`v_${k}`] = v === true ? '1' : v === false ? '0' : String(v);
  return out;
}
