// The search page: looks words up in the Pagefind index that `odx build` writes to pagefind/.
// A module script, so browsers too old for Pagefind never run it; they, and browsers without
// JavaScript, keep the plain message that links to the lists to browse instead.
const box = document.querySelector("[data-search]");
const fallback = document.querySelector("[data-search-fallback]");
const SHOWN = 20; // results shown; more words narrow the rest
const SECTIONS = 3; // matching sections shown under a result
const WAIT = 300; // ms after the last key before searching as you type

if (box && fallback && typeof WebAssembly === "object" && window.fetch) {
  start();
}

function start() {
  const form = box.querySelector("[data-search-form]");
  const input = box.querySelector("[data-search-input]");
  const status = box.querySelector("[data-search-status]");
  const list = box.querySelector("[data-search-results]");
  const bundle = new URL(box.getAttribute("data-bundle"), document.baseURI).href;
  const loading = import(bundle).then(async (pagefind) => {
    await pagefind.init();
    return pagefind;
  });
  loading.catch(() => {
    // No index, or a browser Pagefind cannot run in: the plain message again.
    box.hidden = true;
    fallback.hidden = false;
  });
  box.hidden = false;
  fallback.hidden = true;

  let latest = 0;
  let timer = 0;

  async function run(words) {
    const ticket = ++latest;
    const query = words.trim();
    if (!query) {
      list.textContent = "";
      status.textContent = "";
      return;
    }
    let found, total;
    try {
      const pagefind = await loading;
      const search = await pagefind.search(query);
      total = search.results.length;
      found = await Promise.all(search.results.slice(0, SHOWN).map((r) => r.data()));
    } catch (error) {
      if (ticket === latest) status.textContent = "Search failed. Please try again.";
      return;
    }
    if (ticket !== latest) return; // a newer search is on its way
    list.textContent = "";
    found.forEach((data) => list.appendChild(result(data)));
    status.textContent = summary(found.length, total, query);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    remember(input.value.trim());
    run(input.value);
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value), WAIT);
  });

  const asked = new URLSearchParams(window.location.search).get("q");
  if (asked) {
    input.value = asked;
    run(asked);
  }
}

// Keep the words in the address (?q=…), so a search can be shared or come back to.
function remember(query) {
  const address = new URL(window.location.href);
  if (query) {
    address.searchParams.set("q", query);
  } else {
    address.searchParams.delete("q");
  }
  window.history.replaceState(null, "", address.href);
}

function summary(shown, total, query) {
  if (total === 0) return "No results for “" + query + "”.";
  const count = total === 1 ? "1 result" : total + " results";
  const more = shown < total ? "; the first " + shown + " are shown" : "";
  return count + " for “" + query + "”" + more + ".";
}

function element(name, className, text) {
  const made = document.createElement(name);
  if (className) made.className = className;
  if (text) made.textContent = text;
  return made;
}

function link(url, text) {
  const made = element("a", "", text);
  made.href = url;
  return made;
}

// One result: its title as a link, what it is, an excerpt with the words marked, and the
// sections of the page that match.
function result(data) {
  const item = element("li", "card");
  const heading = element("h2", "card-title");
  heading.appendChild(link(data.url, data.meta.title || data.url));
  item.appendChild(heading);
  if (data.meta.type) {
    const of = data.meta.dataset ? " of " + data.meta.dataset : "";
    item.appendChild(element("p", "meta", data.meta.type + of));
  }
  const excerpt = element("p");
  marked(excerpt, data.excerpt);
  item.appendChild(excerpt);
  const sections = (data.sub_results || [])
    .filter((sub) => sub.url !== data.url && sub.url.indexOf("#") !== -1)
    .slice(0, SECTIONS);
  if (sections.length) {
    const more = element("ul");
    sections.forEach((sub) => {
      const entry = element("li");
      entry.appendChild(link(sub.url, sub.title));
      more.appendChild(entry);
    });
    item.appendChild(more);
  }
  return item;
}

// Pagefind's excerpt is text with <mark> around the words found: rebuilt from text nodes,
// so nothing else in it can become markup.
function marked(target, excerpt) {
  const parsed = new DOMParser().parseFromString(excerpt || "", "text/html");
  parsed.body.childNodes.forEach((node) => {
    if (node.nodeName === "MARK") {
      target.appendChild(element("mark", "", node.textContent));
    } else {
      target.appendChild(document.createTextNode(node.textContent));
    }
  });
}
