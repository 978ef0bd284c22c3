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
        if (Object.prototype.hasOwnProperty.call(index, ref)) {
          window.location.href = root + index[ref];
        } else {
          say("No home with the reference " + ref + " is published here. Check the reference on your letter, or find your home by area.");
          input.focus();
        }
      });
  });
})();
