// copydesk's index: sort the documents by a column (click its header again to reverse), filter by path.
// Rows are sorted as an array and put back in one fragment, so that thousands of rows stay quick.
(function () {
  "use strict";
  var table = document.getElementById("documents");
  if (!table) return;
  var body = table.tBodies[0];
  var headers = table.tHead.rows[0].cells;
  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  function sortBy(index) {
    var th = headers[index];
    var numeric = th.getAttribute("data-type") === "number";
    // Counts sort largest first on the first click; text A to Z.
    var current = th.getAttribute("aria-sort");
    var ascending = current ? current === "descending" : !numeric;
    var keyed = Array.prototype.map.call(body.rows, function (row) {
      var text = row.cells[index].textContent;
      return { row: row, key: numeric ? parseFloat(text) || 0 : text };
    });
    keyed.sort(function (a, b) {
      var order = numeric ? a.key - b.key : collator.compare(a.key, b.key);
      return ascending ? order : -order;
    });
    var fragment = document.createDocumentFragment();
    keyed.forEach(function (k) { fragment.appendChild(k.row); });
    body.appendChild(fragment);
    Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  Array.prototype.forEach.call(headers, function (th, index) {
    var button = th.querySelector("button");
    if (button) button.addEventListener("click", function () { sortBy(index); });
  });

  var filter = document.getElementById("filter");
  var shown = document.getElementById("shown");
  function applyFilter() {
    var needle = filter.value.toLowerCase();
    var count = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var match = row.cells[0].textContent.toLowerCase().indexOf(needle) !== -1;
      row.hidden = !match;
      if (match) count++;
    });
    shown.textContent = needle ? count + " of " + body.rows.length + " shown" : "";
  }
  if (filter) filter.addEventListener("input", applyFilter);
}());
