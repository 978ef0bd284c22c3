// Progressive enhancement: the catalogue filter. Without JavaScript every dataset is listed.
(function () {
  "use strict";
  var box = document.querySelector("[data-filter-box]");
  var list = document.querySelector("[data-filter-list]");
  if (!box || !list) return;
  var input = box.querySelector("[data-filter-input]");
  var status = box.querySelector("[data-filter-status]");
  var items = Array.prototype.slice.call(list.querySelectorAll("[data-filter-text]"));
  box.hidden = false;
  function apply() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (item) {
      var text = item.getAttribute("data-filter-text");
      var match = words.every(function (word) { return text.indexOf(word) !== -1; });
      item.hidden = !match;
      if (match) shown += 1;
    });
    status.textContent = words.length
      ? shown + " of " + items.length + " datasets match"
      : "";
  }
  input.addEventListener("input", apply);
})();

// Progressive enhancement: "go to my home". Reads one shard of the home-ref index
// (homes/lookup/<first two characters>.json). Without JavaScript the area pages get you there.
(function () {
  "use strict";
  var form = document.querySelector("[data-home-lookup]");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input");
  var status = form.querySelector("[data-lookup-status]");
  var root = form.getAttribute("data-root");
  form.hidden = false;
  function say(text) { status.textContent = text; }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var ref = input.value.toUpperCase().replace(/[^A-Z0-9]/g, "");
    if (!/^[A-Z0-9]{8,12}$/.test(ref)) {
      say("A home reference has 8 to 12 letters and numbers, like AB12CD34EF. Please check it.");
      input.focus();
      return;
    }
    say("Looking for " + ref + "…");
    fetch(root + "homes/lookup/" + ref.slice(0, 2) + ".json")
      .then(function (response) { return response.ok ? response.json() : {}; })
      .catch(function () { return {}; })
      .then(function (index) {
        var found = Object.prototype.hasOwnProperty.call(index, ref) ? index[ref] : null;
        if (typeof found === "string") {
          window.location.href = root + found;
        } else if (found && typeof found.area === "string") {
          // A home not in the pilot yet: its page comes later; its area page is there now.
          status.textContent = "Home " + ref + " is not in the pilot yet, so its page is not published. ";
          var link = document.createElement("a");
          link.href = root + found.area;
          link.textContent = "See the homes of its area";
          status.appendChild(link);
          input.focus();
        } else {
          say("No home with the reference " + ref + " is published here. Check the reference on your letter, or find your home by area.");
          input.focus();
        }
      });
  });
})();

// Progressive enhancement: the resources tag filter. Without JavaScript each tag is a page of
// its own (resources/tags/<tag>/); with it, a tag filters the list in place.
(function () {
  "use strict";
  var filter = document.querySelector("[data-resource-filter]");
  if (!filter) return;
  var links = Array.prototype.slice.call(filter.querySelectorAll("[data-tag]"));
  var status = filter.querySelector("[data-filter-status]");
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-tags]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-resource-group]"));
  links.forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var tag = link.getAttribute("data-tag");
      var shown = 0;
      items.forEach(function (item) {
        var match = !tag || (" " + item.getAttribute("data-tags") + " ").indexOf(" " + tag + " ") !== -1;
        item.hidden = !match;
        if (match) shown += 1;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("[data-tags]:not([hidden])");
      });
      links.forEach(function (other) { other.removeAttribute("aria-current"); });
      link.setAttribute("aria-current", "true");
      status.textContent = tag ? shown + " resources about " + tag : "All " + shown + " resources";
    });
  });
})();

// "Have your say": with the kinds of the home's parts in the address, the form offers only
// those parts (without script, or without the list, it offers every kind).
(function () {
  var box = document.querySelector("[data-parts-from-query]");
  if (!box || !window.URLSearchParams) return;
  var listed = new URLSearchParams(window.location.search).get(box.getAttribute("data-parts-from-query"));
  if (!listed || !/^[a-z-]+( [a-z-]+)*$/.test(listed)) return;
  var parts = listed.split(" ");
  var choices = box.querySelectorAll("input[data-part]");
  for (var i = 0; i < choices.length; i++) {
    if (parts.indexOf(choices[i].value) < 0) choices[i].parentNode.hidden = true;
  }
})();

// "Have your say" and the correction form: the home's reference (and, for a correction, the
// field and the part of the home) come in the address from the home's page. A list takes only
// one of its own choices; a text field only a reference.
(function () {
  if (!window.URLSearchParams) return;
  var query = new URLSearchParams(window.location.search);
  var fields = document.querySelectorAll("[data-from-query]");
  for (var i = 0; i < fields.length; i++) {
    var field = fields[i];
    var value = query.get(field.getAttribute("data-from-query"));
    if (!value) continue;
    if (field.tagName === "SELECT") {
      for (var j = 0; j < field.options.length; j++) {
        if (field.options[j].value === value) field.value = value;
      }
    } else if (/^[A-Za-z0-9-]{1,40}$/.test(value)) {
      field.value = value;
    }
  }
})();
