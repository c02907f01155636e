// Sorts the tables marked "sortable" when a column heading is clicked. Reads only cell text and
// the numeric data-sort attribute; never builds HTML from page content.
(function () {
  "use strict";
  function keyOf(cell, numeric) {
    if (numeric) {
      var raw = cell.getAttribute("data-sort");
      return raw === null || raw === "" ? null : Number(raw);
    }
    var s = cell.textContent.trim();
    return s === "" || s === "\u2013" ? null : s.toLocaleLowerCase();
  }
  function sortBy(table, index, numeric, ascending) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).map(function (row, i) {
      return { row: row, key: keyOf(row.cells[index], numeric), i: i };
    });
    rows.sort(function (a, b) {
      if (a.key === null || b.key === null) {
        return a.key === b.key ? a.i - b.i : (a.key === null ? 1 : -1);
      }
      var c = numeric ? a.key - b.key : a.key.localeCompare(b.key);
      if (c === 0) { return a.i - b.i; }
      return ascending ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r.row); });
  }
  // folded flag groups must not vanish from the printed report
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) {
      d.setAttribute("open", "");
    });
  });
  var tables = document.querySelectorAll("table.sortable");
  Array.prototype.forEach.call(tables, function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, index) {
      var button = th.querySelector("button");
      if (!button) { return; }
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        sortBy(table, index, th.classList.contains("num"), ascending);
      });
    });
  });
}());
