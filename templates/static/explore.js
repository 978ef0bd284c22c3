// Progressive enhancement of a resource page's preview: explore every row. Reads the table's
// published CSV download from this site when the page offers it (data-explore-csv: small,
// UTF-8, commas, one header row), parsed here by RFC 4180 and typed by the page's schema
// (data-explore-fields); otherwise, or when the file is not what the schema says, the rows
// as JSON (rows/index.json, then each "next" page). Then sorts by any column, filters by a
// column's value and by free text, and pages through the rows. Counts go to a live region;
// the sorted column carries aria-sort. Without JavaScript the preview table stays as the
// server wrote it.
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

  function failed() {
    say("The rows could not be loaded; the preview above still shows the first rows.");
    start.disabled = false;
  }

  function load(url, done) {
    fetch(url).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (data) {
      fields = data.schema.fields;
      Array.prototype.push.apply(rows, data.rows);
      say("Loaded " + count(rows.length) + " of " + count(data.total) + " rows…");
      if (data.next) load(new URL(data.next, url).href, done); else done();
    }).catch(failed);
  }

  // RFC 4180: fields separated by commas, records by CRLF or LF; a quoted field may hold
  // commas, line breaks and doubled quotes. Returns null for text that is not such a CSV.
  function parseCsv(source) {
    var records = [], record = [], end = source.length;
    var at = source.charCodeAt(0) === 0xfeff ? 1 : 0, begin = at, value, c, stop;
    while (at < end) {
      if (source.charAt(at) === '"') {
        value = "";
        for (;;) {
          stop = source.indexOf('"', at + 1);
          if (stop < 0) return null;  // a quote never closed
          value += source.slice(at + 1, stop);
          at = stop + 1;
          if (source.charAt(at) !== '"') break;
          value += '"';  // a doubled quote
        }
      } else {
        stop = at;
        while (stop < end && (c = source.charAt(stop)) !== "," && c !== "\r" && c !== "\n") stop++;
        value = source.slice(at, stop);
        if (value.indexOf('"') >= 0) return null;  // a quote inside an unquoted field
        at = stop;
      }
      record.push(value);
      c = source.charAt(at);
      if (c === ",") {
        at++;
        if (at === end) record.push("");
        continue;
      }
      if (at < end && c !== "\r" && c !== "\n") return null;  // text after a closing quote
      if (!(record.length === 1 && at === begin)) records.push(record);  // not a blank line
      record = [];
      at += c === "\r" && source.charAt(at + 1) === "\n" ? 2 : 1;
      begin = at;
    }
    if (record.length) records.push(record);
    return records;
  }

  function typed(cell, type) {
    if (cell === "") return null;
    if (type === "integer" || type === "number" || type === "year") {
      var number = Number(cell);
      return isFinite(number) ? number : null;
    }
    return cell;
  }

  // The published CSV as rows typed like the JSON's, or null when it is not exactly the
  // table the page describes (then the JSON is read instead).
  function csvRows(source, expected) {
    var records = parseCsv(source);
    if (!records || !records.length) return null;
    var header = records[0], width = fields.length;
    if (header.length !== width || records.length - 1 !== expected) return null;
    for (var i = 0; i < width; i++) if (header[i] !== fields[i].name) return null;
    var result = [];
    for (var r = 1; r < records.length; r++) {
      var record = records[r];
      if (record.length !== width) return null;
      var row = new Array(width);
      for (var k = 0; k < width; k++) row[k] = typed(record[k], fields[k].type);
      result.push(row);
    }
    return result;
  }

  function loadCsv(url, json, done) {
    say("Loading the rows…");
    fetch(url).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.text();
    }).then(function (source) {
      var parsed = csvRows(source, Number(box.getAttribute("data-explore-rows")));
      if (!parsed) { fallBack(json, done); return; }
      rows = parsed;
      done();
    }).catch(function () { fallBack(json, done); });
  }

  // The CSV could not be read as it should: the JSON pages instead, when the table has them.
  function fallBack(json, done) {
    if (json) { load(json, done); return; }
    say("The rows could not be loaded; the preview above still shows the first rows.");
    start.disabled = false;
  }

  // Integers and numbers are right-aligned as in the server's preview; years sort as numbers too.
  function numeric(index) {
    var type = fields[index] && fields[index].type;
    return type === "integer" || type === "number";
  }
  function sortsAsNumber(index) {
    return numeric(index) || (fields[index] && fields[index].type === "year");
  }

  function compare(a, b) {
    var x = a[sortBy], y = b[sortBy];
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    var order = sortsAsNumber(sortBy) ? x - y : text(x).localeCompare(text(y), "en-GB", { numeric: true });
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
    var pages = box.getAttribute("data-explore");  // "" when the table has no rows as JSON
    var json = pages ? new URL(pages, location.href).href : "";
    var csv = box.getAttribute("data-explore-csv");
    var ready = function () {
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
    };
    if (csv) {
      fields = JSON.parse(box.getAttribute("data-explore-fields"));
      loadCsv(new URL(csv, location.href).href, json, ready);
    } else {
      load(json, ready);
    }
  });
  [columnSelect, valueInput, textInput].forEach(function (input) {
    input.addEventListener("input", apply);
  });
  prev.addEventListener("click", function () { page -= 1; draw(); });
  next.addEventListener("click", function () { page += 1; draw(); });
})();
