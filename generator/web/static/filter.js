// Find a model: search and filters for the models index (table#models), as a progressive enhancement. Without
// this script the form stays hidden and the table lists every model. The state lives in the URL query
// (?q=…&author=…&tools=1…), so a filtered view can be linked and survives a reload. No dependencies, no network.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var table = document.getElementById("models");
  var status = document.getElementById("filters-status");
  if (!form || !table || !table.tBodies.length) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var fields = ["q", "author", "in", "out", "cost", "ctx", "max", "tools", "reasoning"];

  function num(cell) {
    var n = parseFloat(cell ? cell.getAttribute("data-v") : "");
    return isNaN(n) ? null : n;
  }
  function value(name) {
    var el = form.elements[name];
    if (!el) return "";
    if (el.type === "checkbox") return el.checked ? "1" : "";
    return el.value.trim();
  }
  function words(row, attr) {
    return (row.getAttribute(attr) || "").split(" ");
  }
  function matches(row, f) {
    if (f.q) {
      var hay = (row.cells[0].textContent + " " + row.getAttribute("data-id")).toLowerCase();
      var terms = f.q.toLowerCase().split(/\s+/);
      for (var i = 0; i < terms.length; i++) if (terms[i] && hay.indexOf(terms[i]) < 0) return false;
    }
    if (f.author && row.getAttribute("data-author") !== f.author) return false;
    if (f.in && words(row, "data-in").indexOf(f.in) < 0) return false;
    if (f.out && words(row, "data-out").indexOf(f.out) < 0) return false;
    if (f.tools && row.getAttribute("data-tools") !== "1") return false;
    if (f.reasoning && row.getAttribute("data-reasoning") !== "1") return false;
    if (f.cost === "free" && row.getAttribute("data-free") !== "1") return false;
    if (f.cost === "paid" && row.getAttribute("data-free") !== "0") return false;
    if (f.ctx) {
      var ctx = num(row.cells[4]);
      if (ctx === null || ctx < parseFloat(f.ctx)) return false;
    }
    if (f.max) {
      var limit = parseFloat(f.max), p = num(row.cells[2]), c = num(row.cells[3]);
      if (p === null || c === null || p > limit || c > limit) return false;
    }
    return true;
  }
  function apply(write) {
    var f = {}, params = new URLSearchParams(location.search);
    fields.forEach(function (name) {
      f[name] = value(name);
      if (f[name]) params.set(name, f[name]); else params.delete(name);
    });
    var shown = 0;
    rows.forEach(function (row) {
      row.hidden = !matches(row, f);
      if (!row.hidden) shown++;
    });
    status.textContent = shown === rows.length ? rows.length + " models" : shown + " of " + rows.length + " models match";
    if (write) {
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
  }
  var start = new URLSearchParams(location.search);
  fields.forEach(function (name) {
    var el = form.elements[name], v = start.get(name);
    if (!el || v === null) return;
    if (el.type === "checkbox") el.checked = v === "1"; else el.value = v;
  });
  form.hidden = false;
  form.addEventListener("input", function () { apply(true); });
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(true); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
  apply(false);
})();
