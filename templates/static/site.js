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
