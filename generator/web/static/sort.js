// Sortable tables, as a progressive enhancement: each header of a table.sortable becomes a button; the page is
// complete without this script. Cells may carry data-v (the sort key); headers data-type="num" sort numerically,
// with empty keys last in either direction. A table with data-url-state keeps its sort in the URL query
// (?sort=<column number>&dir=asc|desc), applied again on load. No dependencies, no network.
(function () {
  "use strict";
  function key(cell, numeric) {
    var raw = cell.hasAttribute("data-v") ? cell.getAttribute("data-v") : cell.textContent.trim();
    if (!numeric) return raw.toLowerCase();
    var n = parseFloat(raw);
    return isNaN(n) ? null : n;
  }
  function sortBy(table, th, index, wanted) {
    var numeric = th.getAttribute("data-type") === "num";
    var dir = wanted || (th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending");
    var heads = table.tHead.rows[0].cells;
    for (var i = 0; i < heads.length; i++) heads[i].removeAttribute("aria-sort");
    th.setAttribute("aria-sort", dir);
    var body = table.tBodies[0];
    var rows = Array.prototype.map.call(body.rows, function (row, pos) {
      return { row: row, pos: pos, k: key(row.cells[index], numeric) };
    });
    var sign = dir === "ascending" ? 1 : -1;
    rows.sort(function (a, b) {
      if (a.k === null || b.k === null) return a.k === b.k ? a.pos - b.pos : (a.k === null ? 1 : -1);
      var c = numeric ? a.k - b.k : a.k.localeCompare(b.k);
      return c !== 0 ? sign * c : a.pos - b.pos;
    });
    rows.forEach(function (r) { body.appendChild(r.row); });
    if (table.hasAttribute("data-url-state") && !wanted) {
      var params = new URLSearchParams(location.search);
      params.set("sort", String(index + 1));
      params.set("dir", dir === "ascending" ? "asc" : "desc");
      history.replaceState(null, "", location.pathname + "?" + params.toString() + location.hash);
    }
  }
  var tables = document.querySelectorAll("table.sortable");
  Array.prototype.forEach.call(tables, function (table) {
    if (!table.tHead || !table.tBodies.length) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      if (th.hasAttribute("data-nosort")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, th, index); });
    });
    if (table.hasAttribute("data-url-state")) {
      var params = new URLSearchParams(location.search);
      var th = table.tHead.rows[0].cells[parseInt(params.get("sort"), 10) - 1];
      var dir = { asc: "ascending", desc: "descending" }[params.get("dir") || "asc"];
      if (th && dir && !th.hasAttribute("data-nosort")) sortBy(table, th, th.cellIndex, dir);
    }
  });
})();
