/* The appendix form, made friendlier when JavaScript runs (it works without):
 * ratios recomputed while typing; the server's own checks run as each field
 * is left, from the form definition (its script /form-checks/{scope}.js: the
 * elements, the checks and the messages of src/form.c, never a second copy of
 * the rules; the page's data-checks: last year's values), with the message at
 * the row and in the index at the top; Enter moves to the next field instead
 * of sending; a save comes back to the row the officer was at; a warning
 * before leaving with unsaved changes; and a copy of what is typed kept in
 * this browser until the server has it, so an expired session or a dropped
 * link loses nothing. The server stays the judge: it checks everything again
 * on every save. */
(function () {
  "use strict";
  /* Just logged out (the login page marks this script): forget every copy
   * kept here, so the next person at a shared computer sees nothing. */
  if (document.querySelector("script[data-forget-typed]")) {
    try {
      for (var k = localStorage.length - 1; k >= 0; k--)
        if (localStorage.key(k).indexOf("ecdreport:") === 0) localStorage.removeItem(localStorage.key(k));
    } catch (e) {}
  }
  var form = document.getElementById("report-form");
  if (!form) return;
  var key = "ecdreport:" + form.dataset.unit + "/" + form.dataset.period;
  var dirty = false;
  /* the form's own part (elements, checks, messages) from its script, which
   * the browser keeps (window.ecdreportForm); the page adds prev and submit */
  var def = { elements: [], checks: [], messages: {}, prev: {}, submit: false };
  var page = null;
  try { page = JSON.parse(form.dataset.checks || "null"); } catch (e) {}
  [window.ecdreportForm, page].forEach(function (part) {
    for (var k in part || {}) if (Object.prototype.hasOwnProperty.call(part, k)) def[k] = part[k];
  });
  var byCode = {};
  def.elements.forEach(function (e, i) { e.index = i; byCode[e.code] = e; });

  /* ---- numbers written the Vietnamese way (src/fmt.c) ---- */
  function formatCount(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "."); }
  function hundredths(h) {
    var frac = String(h % 100);
    return formatCount(Math.floor(h / 100)) + "," + (frac.length < 2 ? "0" + frac : frac);
  }
  /* 0.20432 -> "20,43%" (two decimals, comma, dots between thousands) */
  function formatRatio(num, den) {
    if (den <= 0 || num < 0) return "—";
    return hundredths(Math.floor((num * 20000 + den) / (den * 2))) + "%";
  }
  function formatPoints(p) {
    var h = Math.trunc(p * 100 + (p >= 0 ? 0.5 : -0.5));
    return (h < 0 ? "-" : "") + hundredths(Math.abs(h));
  }

  /* ---- parsing, as form_parse in src/form.c ---- */
  var NAMES = ["value", "target", "target_label", "sum", "previous", "change", "drop", "current", "max", "fixed"];
  function fill(msg, values) {
    return (msg || "").replace(/\{([a-z_]+)\}/g, function (m, k) {
      return NAMES.indexOf(k) >= 0 ? (values[k] == null ? "" : values[k]) : m;
    });
  }
  function message(k, values) { return fill(def.messages[k], values || {}); }
  function isDigit(c) { return c >= "0" && c <= "9"; }
  function blank(s) { return !s || !/[^ \t\n\r]/.test(s); }
  function trim(s) { return s.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, ""); }

  /* [1-3 digits](sep 3 digits)+ */
  function groupedBy(s, sep) {
    var re = sep === "," ? /^\d{1,3}(,\d{3})+$/ : /^\d{1,3}( \d{3})+$/;
    return re.test(s);
  }
  function digitsValue(s) { return Number(s.replace(/\D/g, "")); }
  var INT64_MAX = 9223372036854775807;

  /* -> { r: result, n: number } with r one of ok, not_number, negative,
   * decimal, too_large, comma_thousands, spaces, percent */
  function parseWhole(s) {
    var i;
    if (s.charAt(0) === "-") {
      for (i = 1; i < s.length; i++)
        if (!isDigit(s[i]) && s[i] !== "." && s[i] !== ",") return { r: "not_number", n: 0 };
      return { r: s.length > 1 ? "negative" : "not_number", n: 0 };
    }
    if (s.charAt(s.length - 1) === "%") {
      var digit = false, other = false;
      for (i = 0; i < s.length - 1; i++) {
        digit = digit || isDigit(s[i]);
        other = other || (!isDigit(s[i]) && s[i] !== "." && s[i] !== "," && s[i] !== " ");
      }
      return { r: digit && !other ? "percent" : "not_number", n: 0 };
    }
    if (groupedBy(s, ",")) { var c = digitsValue(s); return c > INT64_MAX ? { r: "too_large", n: 0 } : { r: "comma_thousands", n: c }; }
    if (groupedBy(s, " ")) { var sp = digitsValue(s); return sp > INT64_MAX ? { r: "too_large", n: 0 } : { r: "spaces", n: sp }; }
    var digits = 0, group = 0, dots = 0, groupedOk = true, v = "";
    for (i = 0; i < s.length; i++) {
      if (isDigit(s[i])) { v += s[i]; digits++; group++; }
      else if (s[i] === ".") {
        if (group === 0 || (dots === 0 ? group > 3 : group !== 3)) groupedOk = false;
        dots++;
        group = 0;
      } else if (s[i] === ",") return { r: "decimal", n: 0 };
      else return { r: "not_number", n: 0 };
    }
    if (digits === 0) return { r: "not_number", n: 0 };
    if (dots > 0 && (group !== 3 || !groupedOk)) return { r: "decimal", n: 0 };
    var n = Number(v);
    return n > INT64_MAX ? { r: "too_large", n: 0 } : { r: "ok", n: n };
  }

  function asciiLower(s) { return s.replace(/[A-Z]/g, function (c) { return c.toLowerCase(); }); }
  var YES = ["1", "có", "Có", "CÓ", "co", "yes", "true"], NO = ["0", "không", "Không", "KHÔNG", "khong", "no", "false"];
  function inWords(t, words) {
    for (var i = 0; i < words.length; i++) if (asciiLower(t) === asciiLower(words[i])) return true;
    return false;
  }

  /* -> { ok, num, msg } for element e and raw as typed */
  function parse(e, raw) {
    if (blank(raw)) return { ok: false, num: 0, msg: null };
    if (e.kind === "text") {
      var chars = Array.from(raw).length;
      return chars > e.max ? { ok: false, num: chars, msg: message("too_long", { max: formatCount(e.max) }) }
                           : { ok: true, num: chars, msg: null };
    }
    var t = trim(raw);
    if (e.kind === "yesno") {
      if (inWords(t, YES)) return { ok: true, num: 1, msg: null };
      if (inWords(t, NO)) return { ok: true, num: 0, msg: null };
      return { ok: false, num: 0, msg: message("yesno") };
    }
    var p = parseWhole(t);
    if (p.r === "ok" && p.n <= e.max) return { ok: true, num: p.n, msg: null };
    var k = p.r === "ok" || p.r === "too_large" ? (e.kind === "money" ? "too_large_money" : "too_large") : p.r;
    return { ok: false, num: 0, msg: message(k, {
      value: Array.from(t).slice(0, 40).join(""), max: formatCount(e.max), fixed: formatCount(p.n) }) };
  }

  /* ---- the checks, as form_check in src/form.c, over the page's values ---- */
  function field(code) { return form.elements["v_" + code]; }
  function currentValues() {
    return def.elements.map(function (e) {
      var el = field(e.code);
      var v = parse(e, el ? el.value : "");
      v.raw = el ? el.value : "";
      return v;
    });
  }
  function prevValues() {
    return def.elements.map(function (e) {
      var p = def.prev[e.code];
      return p == null ? { ok: false, num: 0 } : { ok: true, num: p };
    });
  }
  function label(code) { return (byCode[code] && byCode[code].label) || ""; }
  function ratioOf(vals, e) {
    var d = e.denominator != null ? byCode[e.denominator] : null;
    if (!d || !vals[e.index].ok || !vals[d.index].ok) return null;
    return [vals[e.index].num, vals[d.index].num];
  }

  function runChecks(submit) {
    var vals = currentValues(), prev = prevValues(), out = [];
    function add(isError, codes, msg) { out.push({ error: isError, codes: codes, message: msg }); }
    def.elements.forEach(function (e, i) {
      var v = vals[i];
      if (v.msg) add(true, [e.code], v.msg);
      else if (submit && !v.ok && e.kind === "yesno") add(true, [e.code], message("blank_yesno"));
      else if (submit && !v.ok && e.kind !== "text") add(true, [e.code], message("blank_count"));
    });
    def.checks.forEach(function (c) {
      var err = c.severity === "error";
      if (c.kind === "le_denominator") {
        def.elements.forEach(function (e, i) {
          var d = e.denominator != null ? byCode[e.denominator] : null;
          if (!d || !vals[i].ok || !vals[d.index].ok || vals[i].num <= vals[d.index].num) return;
          add(err, [e.code, d.code], fill(c.message, {
            value: formatCount(vals[i].num), target: formatCount(vals[d.index].num), target_label: label(d.code) }));
        });
      } else if (c.kind === "sum_le" || c.kind === "sum_eq") {
        var t = byCode[c.target];
        if (!t || !vals[t.index].ok) return;
        var sum = 0, codes = [];
        for (var k = 0; k < c.terms.length; k++) {
          var term = byCode[c.terms[k]];
          if (!term || !vals[term.index].ok) return;
          sum += vals[term.index].num;
          codes.push(term.code);
        }
        var target = vals[t.index].num;
        if (c.kind === "sum_le" ? sum <= target : sum === target) return;
        add(err, codes.concat([t.code]), fill(c.message, {
          sum: formatCount(sum), target: formatCount(target), target_label: label(t.code) }));
      } else if (c.kind === "change_pct") {
        var g = byCode[c.target];
        if (!g || !vals[g.index].ok || !prev[g.index].ok || prev[g.index].num <= 0) return;
        var pct = 100.0 * (vals[g.index].num - prev[g.index].num) / prev[g.index].num;
        if (pct <= c.threshold && -pct <= c.threshold) return;
        add(err, [g.code], fill(c.message, {
          previous: formatCount(prev[g.index].num),
          change: (pct < 0 ? "-" : "+") + formatPoints(pct < 0 ? -pct : pct) + "%" }));
      } else if (c.kind === "ratio_drop") {
        def.elements.forEach(function (e) {
          var now = ratioOf(vals, e), before = ratioOf(prev, e);
          if (!now || now[1] <= 0 || !before || before[1] <= 0) return;
          var n = 100.0 * now[0] / now[1], b = 100.0 * before[0] / before[1];
          if (b - n <= c.threshold) return;
          add(err, [e.code], fill(c.message, {
            drop: formatPoints(b - n), previous: formatRatio(before[0], before[1]), current: formatRatio(now[0], now[1]) }));
        });
      }
    });
    return out;
  }

  /* ---- showing the issues: at their first row, and in the index ---- */
  function rowLabel(code) {
    var l = document.querySelector('label[for="f_' + code + '"]');
    return l ? l.textContent.replace(/^\s*-\s*/, "").trim() : code;
  }
  function showIssues(issues) {
    var errors = 0, warnings = 0;
    def.elements.forEach(function (e) {
      var box = document.getElementById("m_" + e.code), row = document.getElementById("row_" + e.code);
      if (!box) return;
      box.textContent = "";
      var hasError = false;
      issues.forEach(function (is) {
        if (is.codes[0] !== e.code) return;
        var p = document.createElement("p");
        p.className = "msg " + (is.error ? "error" : "warning");
        p.textContent = is.message;
        box.appendChild(p);
        hasError = hasError || is.error;
      });
      if (row) row.classList.toggle("has-error", hasError);
      var el = field(e.code);
      if (el) el.setAttribute("aria-invalid", hasError ? "true" : "false");
    });
    var summary = document.getElementById("issues");
    if (!summary) return;
    var list = summary.querySelector("ul");
    list.textContent = "";
    issues.forEach(function (is) {
      var li = document.createElement("li"), a = document.createElement("a");
      li.className = is.error ? "error" : "warning";
      a.href = "#row_" + is.codes[0];
      a.textContent = rowLabel(is.codes[0]);
      li.appendChild(a);
      li.appendChild(document.createTextNode(": " + is.message));
      list.appendChild(li);
      if (is.error) errors++; else warnings++;
    });
    summary.querySelector(".issues-heading").textContent = errors ? summary.dataset.errors : summary.dataset.warnings;
    summary.hidden = issues.length === 0;
    var explain = document.getElementById("explain");
    if (explain && warnings) explain.hidden = false;
  }
  function check() { if (def.elements.length) showIssues(runChecks(def.submit)); }

  /* ---- ratios and progress ---- */
  function updateRatios() {
    var outs = form.querySelectorAll("output[data-den]");
    for (var i = 0; i < outs.length; i++) {
      var num = byCode[outs[i].dataset.num], den = byCode[outs[i].dataset.den];
      var n = num && parse(num, field(num.code).value), d = den && parse(den, field(den.code).value);
      outs[i].textContent = n && d && n.ok && d.ok && d.num > 0 ? formatRatio(n.num, d.num) : "—";
    }
  }
  function updateProgress() {
    var filled = form.parentNode.querySelector(".form-index .filled");
    if (!filled) return;
    var n = 0;
    def.elements.forEach(function (e) { var el = field(e.code); if (el && !blank(el.value)) n++; });
    filled.textContent = String(n);
  }

  /* ---- the copy kept in this browser ---- */
  function snapshot() {
    var data = {};
    for (var i = 0; i < form.elements.length; i++) {
      var el = form.elements[i];
      if (el.name && el.name.indexOf("v_") === 0 || el.name === "explanation") data[el.name] = el.value;
    }
    return data;
  }

  function keep() {
    try {
      localStorage.setItem(key, JSON.stringify({ version: form.dataset.version, values: snapshot() }));
    } catch (e) { /* storage full or disabled: the warning on leaving still protects */ }
  }

  /* After a save the page comes back with ?msg=: the server has everything. */
  if (/[?&]msg=/.test(location.search)) {
    try { localStorage.removeItem(key); } catch (e) {}
  } else {
    try {
      var kept = JSON.parse(localStorage.getItem(key) || "null");
      var now = snapshot(), restored = false;
      if (kept && kept.version === form.dataset.version) {
        for (var name in kept.values) {
          if (form.elements[name] && kept.values[name] !== now[name]) {
            form.elements[name].value = kept.values[name];
            restored = true;
          }
        }
      }
      if (restored) {
        dirty = true;
        var note = document.createElement("p");
        note.className = "notice";
        note.setAttribute("role", "status");
        note.textContent = "Đã khôi phục số liệu bạn nhập trước đó nhưng chưa lưu. Bấm «Lưu nháp» để lưu.";
        form.parentNode.insertBefore(note, form);
      }
    } catch (e) {}
  }

  /* The server could not save what is shown (saved elsewhere meanwhile, or
   * an error): it is still only here, so keep it and warn before leaving. */
  if (form.dataset.unsaved) { dirty = true; keep(); }

  /* ---- typing, leaving a field, Enter ---- */
  function valueField(el) { return el && el.name && el.name.indexOf("v_") === 0; }
  form.addEventListener("input", function (ev) {
    dirty = true;
    updateRatios();
    keep();
    var el = ev.target;
    if (valueField(el)) { /* typed after choosing on the page of differences: what is typed now counts */
      var typed = form.querySelector('input[name="keep_' + el.name.slice(2) + '"][value="typed"]');
      if (typed && !typed.checked && ev.isTrusted) typed.checked = true;
    }
  });
  form.addEventListener("change", function (ev) {
    var el = ev.target;
    if (el.type === "radio" && el.name.indexOf("keep_") === 0) { /* keep saved or typed, row by row */
      var f = field(el.dataset.code);
      if (f) f.value = el.dataset.value;
      updateRatios();
    } else if (el.classList && el.classList.contains("num")) { /* 1234 becomes 1.234 */
      var e = byCode[el.dataset.code], p = e && parse(e, el.value);
      if (p && p.ok) el.value = formatCount(p.num);
    }
    dirty = true;
    keep();
    updateProgress();
  });
  /* A screen reader hears the message of the field just left, once. */
  var live = document.createElement("p");
  live.className = "sr-only";
  live.setAttribute("aria-live", "polite");
  form.appendChild(live);
  form.addEventListener("focusout", function (ev) {
    if (!valueField(ev.target)) return;
    var code = ev.target.name.slice(2), box = document.getElementById("m_" + code);
    var before = box ? box.textContent : "";
    check();
    updateProgress();
    var after = box ? box.textContent : "";
    if (after && after !== before) live.textContent = rowLabel(code) + ": " + after;
  });
  var at = form.elements.at;
  form.addEventListener("focusin", function (ev) {
    if (valueField(ev.target) && at) at.value = ev.target.name.slice(2);
  });
  /* Enter goes to the next field (the officer's habit from paper forms and
   * spreadsheets); sending stays a deliberate button. */
  form.addEventListener("keydown", function (ev) {
    var el = ev.target;
    if (ev.key !== "Enter" || ev.isComposing || el.tagName === "TEXTAREA" || el.tagName === "BUTTON" ||
        el.tagName === "A") return;
    ev.preventDefault();
    if (!valueField(el) && el.name !== "explanation") return; /* a choice on the page of differences */
    var fields = Array.prototype.filter.call(form.elements, function (f) {
      return (valueField(f) || f.name === "explanation") && !f.disabled && f.offsetParent !== null;
    });
    var next = fields[fields.indexOf(el) + 1] || form.querySelector('button[value="save"]');
    if (next) next.focus();
  });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (ev) {
    if (!dirty) return;
    ev.preventDefault();
    ev.returnValue = "Bạn có số liệu chưa lưu.";
    return ev.returnValue;
  });

  /* ---- where the officer lands ---- */
  function focusRow(code) {
    var el = field(code);
    if (!el) return false;
    el.focus({ preventScroll: true });
    el.closest("tr, .head-item").scrollIntoView({ block: "center" });
    return true;
  }
  var hash = /^#row_([a-z0-9_]+)$/.exec(location.hash);
  var conflict = document.getElementById("conflict-title");
  if (hash) { /* after the browser's own move to the fragment, which takes the focus away */
    focusRow(hash[1]);
    window.addEventListener("load", function () { setTimeout(function () { focusRow(hash[1]); }, 0); });
  }
  else if (conflict) conflict.focus();
  else if (document.querySelector(".explain.confirm")) document.getElementById("explanation").focus();
  else if (document.querySelector(".notice.error") && !document.getElementById("issues").hidden) {
    var summary = document.getElementById("issues"); /* a submission refused: the list of rows to fix */
    summary.tabIndex = -1;
    summary.focus();
  }

  updateRatios();
  updateProgress();
})();
