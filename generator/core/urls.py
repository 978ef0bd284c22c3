"""Every URL of the site, built in one place.

Site URLs are paths relative to the site root without a leading slash: ``""`` is the home
page, ``"datasets/gdp/"`` a dataset page, ``"assets/site.css"`` a file. Directory URLs end in
``/`` and are written as ``…/index.html``. Links are made relative to the page that shows them
(:func:`relative`), so the site works at a domain root and under a sub-path on any static file
server; the 404 page, which a server shows at any path, uses :func:`absolute` instead.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote, urlsplit

HOME = ""
CATALOGUE = "datasets/"
NOT_FOUND = "404.html"
STYLESHEET = "assets/site.css"
SCRIPT = "assets/site.js"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
DCAT_CATALOGUE = "catalog.jsonld"
DATASETS_INDEX = "datasets/index.json"
SEARCH = "search/"
BUNDLE = "pagefind/"  # the search index Pagefind writes
BUNDLE_SCRIPT = BUNDLE + "pagefind.js"


WEB_SCHEMES = ("http", "https")


def web_address(url: str) -> str:
    """``url`` if it is an http(s) address with a host, else "": what the site may link to
    outside itself (never ``javascript:``, ``data:``, ``file:``…)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    return url if parts.scheme.lower() in WEB_SCHEMES and parts.netloc else ""


def asset(name: str) -> str:
    """A file of the templates' static folder, published under ``assets/``."""
    return f"assets/{name}"


def sitemap_part(number: int) -> str:
    """One part of a sitemap too big for one file (50,000 URLs each)."""
    return f"sitemaps/sitemap-{number}.xml"


def dataset(package: str) -> str:
    return f"datasets/{package}/"


def resource(package: str, resource_name: str) -> str:
    return f"datasets/{package}/{resource_name}/"


AREAS = "areas/"
RESOURCES = "resources/"


def resource_tag(name: str) -> str:
    """The resources carrying one tag (the filter without JavaScript)."""
    return f"resources/tags/{name}/"


ARCHIVE = "insights/archive/"
FEED = "insights/feed.xml"


def insights(page: int = 1) -> str:
    """A page of the Insights list (newest first)."""
    return "insights/" if page == 1 else f"insights/page-{page}/"


def post(slug: str) -> str:
    return f"insights/{slug}/"


def tag(name: str) -> str:
    return f"insights/tags/{name}/"


def author(author_id: str) -> str:
    return f"insights/authors/{author_id}/"


FOR_LANDLORDS = "for-landlords/"


def page(slug: str) -> str:
    """A community page from ``pages/<slug>.md``."""
    return f"{slug}/"


def overview(package: str) -> str:
    """The landlord overview of an ODX package."""
    return f"datasets/{package}/overview/"


def pilot(package: str) -> str:
    """How the pilot of an ODX package goes (only with ``odx.pilot``)."""
    return f"datasets/{package}/pilot/"


def satisfaction(package: str) -> str:
    return f"datasets/{package}/overview/satisfaction/"


THANKS = "thanks/"  # where a "Have your say" form service may send the tenant back to
SAY = "have-your-say/"  # the one "Have your say" form, for every home
CORRECT = "correct-your-home/"  # the one form that corrects the data about a home
HOMES = "homes/"  # every home's page and the home-ref lookup are under it


def home(ref: str) -> str:
    """A home's page; home refs are unique across the site."""
    return f"homes/{ref}/"


def home_json(ref: str) -> str:
    """A home's page as JSON (``odx.home_json``)."""
    return f"homes/{ref}.json"


def rows(package: str, resource_name: str, page: int = 1) -> str:
    """A page of a table's rows as JSON: ``rows/index.json``, then ``rows/2.json``…"""
    name = "index" if page == 1 else str(page)
    return f"{resource(package, resource_name)}rows/{name}.json"


API = "api/"


def lookup_shard(key: str) -> str:
    """The part of the home-ref index holding refs that start with ``key``."""
    return f"homes/lookup/{key}.json"


@lru_cache(maxsize=65_536)
def slug(text: str) -> str:
    """``'LS6 2'`` → ``'ls6-2'``: a path segment from a label (labels repeat: remembered)."""
    cleaned = "".join(c if c.isalnum() else "-" for c in text.strip().lower())
    return "-".join(part for part in cleaned.split("-") if part) or "unknown"


def authority(code: str) -> str:
    return f"areas/{slug(code)}/"


def area(code: str, area_name: str, page: int = 1) -> str:
    """A page of the homes in one postcode sector (or district) of a local authority."""
    base = f"areas/{slug(code)}/{slug(area_name)}/"
    return base if page == 1 else f"{base}page-{page}/"


def download(package: str, relative_path: str) -> str:
    """Where a package's original file (descriptor or data) is published, unchanged."""
    return f"downloads/{package}/{relative_path}"


def package_zip(package: str) -> str:
    return f"downloads/{package}.zip"


def output_file(url: str) -> str:
    """The file (relative to the output folder) that serves ``url``."""
    if url == "" or url.endswith("/"):
        return url + "index.html"
    return url


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at ``from_url`` to ``to_url`` that needs no knowledge of the host."""
    first = from_url.find("/")
    if first < 0 or not to_url.startswith(from_url[: first + 1]):  # no folder in common
        link = "../" * from_url.count("/") + to_url
        return _quote(link) if link else "./"
    from_parts = from_url.split("/")[:-1]  # the page's folder: "a/b/" and "a/b/x.html" -> a, b
    to_parts = to_url.split("/")
    common = 0
    for here, there in zip(from_parts, to_parts[:-1], strict=False):
        if here != there:
            break
        common += 1
    link = "../" * (len(from_parts) - common) + "/".join(to_parts[common:])
    if not link:
        return "./"
    return _quote(link)


@lru_cache(maxsize=4096)
def _quote(link: str) -> str:
    return quote(link, safe="/.-_~")


def full(site_url: str, to_url: str) -> str:
    """``to_url`` with scheme and host, e.g. ``https://org.github.io/repo/datasets/``;
    ``""`` when no ``site_url`` is configured. An address of another host is kept."""
    if "://" in to_url:
        return to_url
    if not site_url:
        return ""
    root = site_url if site_url.endswith("/") else site_url + "/"
    return root + _quote(to_url)


def absolute(base_path: str, to_url: str) -> str:
    """``to_url`` as a path from the host root, under ``base_path`` (e.g. ``/repo/``)."""
    return quote(base_path + to_url, safe="/.-_~")


FACET_KINDS = ("licence", "format", "publisher", "keyword")  # datasets/<kind>/: no package's


def facet(kind: str, value: str) -> str:
    """The catalogue narrowed to the datasets with one value of a facet (a licence, a
    format, a publisher or a keyword), ``value`` a safe slug."""
    return f"datasets/{kind}/{value}/"
