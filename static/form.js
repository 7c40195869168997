/* The appendix form, made friendlier when JavaScript runs (it works without):
 * ratios recomputed while typing, a warning before leaving with unsaved
 * changes, and a copy of what is typed kept in this browser until the
 * server has it, so an expired session or a dropped link loses nothing. */
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

  /* "1.234" or "1234" -> 1234; anything else -> null (same rule as the server) */
  function parseCount(s) {
    s = (s || "").trim();
    if (!/^(\d{1,3}(\.\d{3})+|\d+)$/.test(s)) return null;
    return parseInt(s.replace(/\./g, ""), 10);
  }

  /* 0.20432 -> "20,43%" (two decimals, comma, dots between thousands) */
  function formatRatio(num, den) {
    var h = Math.floor((num * 20000 + den) / (den * 2));
    var whole = String(Math.floor(h / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    var frac = String(h % 100);
    return whole + "," + (frac.length < 2 ? "0" + frac : frac) + "%";
  }

  function value(code) {
    var el = form.elements["v_" + code];
    return el ? parseCount(el.value) : null;
  }

  function updateRatios() {
    var outs = form.querySelectorAll("output[data-den]");
    for (var i = 0; i < outs.length; i++) {
      var num = value(outs[i].dataset.num), den = value(outs[i].dataset.den);
      outs[i].textContent = num !== null && den !== null && den > 0 ? formatRatio(num, den) : "—";
    }
  }

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

  form.addEventListener("input", function () { dirty = true; updateRatios(); keep(); });
  /* 1234 becomes 1.234 when the officer leaves the field */
  function formatCount(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "."); }
  form.addEventListener("change", function (ev) {
    dirty = true;
    var el = ev.target;
    if (el.classList && el.classList.contains("num")) {
      var n = parseCount(el.value);
      if (n !== null) el.value = formatCount(n);
    }
    keep();
  });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (ev) {
    if (!dirty) return;
    ev.preventDefault();
    ev.returnValue = "Bạn có số liệu chưa lưu.";
    return ev.returnValue;
  });
  updateRatios();
})();
