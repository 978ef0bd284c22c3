// Progressive enhancement of a resource page's preview: explore every row. Reads the table's
// rows as JSON from this site (rows/index.json, then each "next" page), then sorts by any
// column, filters by a column's value and by free text, and pages through the rows. Counts
// go to a live region; the sorted column carries aria-sort. Without JavaScript the preview
// table stays as the server wrote it.
(function () {
  "use strict";
  var box = document.querySelector("[data-explore]");
  if (!box || !window.fetch || !window.URL) return;
  var table = document.querySelector("table.preview");
  if (!table) return;
  var start = box.querySelector("[data-explore-start]");
  var controls = box.querySelector("[data-explore-controls]");
  var status = box.querySelector("[data-explore-status]");
  var columnSelect = box.querySelector("[data-explore-column]");
  var valueInput = box.querySelector("[data-explore-value]");
  var textInput = box.querySelector("[data-explore-text]");
  var prev = box.querySelector("[data-explore-prev]");
  var next = box.querySelector("[data-explore-next]");
  var caption = table.querySelector("caption");
  var heads = Array.prototype.slice.call(table.querySelectorAll("thead th"));
  var body = table.querySelector("tbody");
  var PER_PAGE = 50;
  var fields = [], rows = [], shown = [], page = 0, sortBy = -1, ascending = true;
  box.hidden = false;

  function say(text) { status.textContent = text; }
  function count(n) { return n.toLocaleString("en-GB"); }
  function text(cell) { return cell === null ? "" : String(cell); }

  function load(url, done) {
    fetch(url).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (data) {
      fields = data.schema.fields;
      Array.prototype.push.apply(rows, data.rows);
      say("Loaded " + count(rows.length) + " of " + count(data.total) + " rows…");
      if (data.next) load(new URL(data.next, url).href, done); else done();
    }).catch(function () {
      say("The rows could not be loaded; the preview above still shows the first rows.");
      start.disabled = false;
    });
  }

  function numeric(index) {
    var type = fields[index] && fields[index].type;
    return type === "integer" || type === "number";
  }

  function compare(a, b) {
    var x = a[sortBy], y = b[sortBy];
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    var order = numeric(sortBy) ? x - y : text(x).localeCompare(text(y), "en-GB", { numeric: true });
    return ascending ? order : -order;
  }

  function apply() {
    var column = Number(columnSelect.value);
    var value = valueInput.value.trim().toLowerCase();
    var words = textInput.value.toLowerCase().split(/\s+/).filter(Boolean);
    shown = rows.filter(function (row) {
      if (value && (column < 0
        ? !row.some(function (cell) { return text(cell).toLowerCase() === value; })
        : text(row[column]).toLowerCase() !== value)) return false;
      if (!words.length) return true;
      var all = row.map(text).join(" ").toLowerCase();
      return words.every(function (word) { return all.indexOf(word) !== -1; });
    });
    if (sortBy >= 0) shown.sort(compare);
    page = 0;
    draw();
  }

  function draw() {
    var first = page * PER_PAGE;
    var slice = shown.slice(first, first + PER_PAGE);
    body.textContent = "";
    slice.forEach(function (row) {
      var tr = document.createElement("tr");
      row.forEach(function (cell, index) {
        var td = document.createElement("td");
        if (cell === null) { td.className = "empty"; td.innerHTML = '<span class="empty-mark">empty</span>'; }
        else { td.textContent = text(cell); if (numeric(index)) td.className = "num"; }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    var range = shown.length ? count(first + 1) + "–" + count(first + slice.length) : "0";
    var summary = "Rows " + range + " of " + count(shown.length) +
      (shown.length < rows.length ? " matching, of " + count(rows.length) + " in all" : "");
    caption.textContent = summary;
    say(summary);
    prev.disabled = page === 0;
    next.disabled = first + PER_PAGE >= shown.length;
  }

  function sortable() {
    heads.forEach(function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        ascending = sortBy === index ? !ascending : true;
        sortBy = index;
        heads.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        apply();
      });
    });
  }

  start.addEventListener("click", function () {
    start.disabled = true;
    load(new URL(box.getAttribute("data-explore"), location.href).href, function () {
      fields.forEach(function (field, index) {
        var option = document.createElement("option");
        option.value = String(index);
        option.textContent = field.name;
        columnSelect.appendChild(option);
      });
      sortable();
      start.hidden = true;
      controls.hidden = false;
      shown = rows.slice();
      draw();
      textInput.focus();
    });
  });
  [columnSelect, valueInput, textInput].forEach(function (input) {
    input.addEventListener("input", apply);
  });
  prev.addEventListener("click", function () { page -= 1; draw(); });
  next.addEventListener("click", function () { page += 1; draw(); });
})();
