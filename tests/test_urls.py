"""Links are relative to the page, so the site works at a domain root and under a sub-path."""

from urllib.parse import quote, unquote, urljoin

from hypothesis import given
from hypothesis import strategies as st

from generator.core import urls


def test_links_between_directory_pages_are_relative():
    assert urls.relative("", "datasets/") == "datasets/"
    assert urls.relative("datasets/", "") == "../"
    assert urls.relative("datasets/gdp/", "datasets/") == "../"
    assert urls.relative("datasets/gdp/", "datasets/gdp/") == "./"
    assert urls.relative("datasets/gdp/data/", "datasets/gdp/") == "../"


def test_links_to_files_are_relative():
    assert urls.relative("datasets/gdp/", "assets/site.css") == "../../assets/site.css"
    assert urls.relative("", "downloads/gdp.zip") == "downloads/gdp.zip"


def test_unsafe_characters_in_file_names_are_escaped():
    assert urls.relative("", "downloads/p/my data#1.csv") == "downloads/p/my%20data%231.csv"


def test_the_404_page_uses_paths_under_the_base_path():
    assert urls.absolute("/repo/", "datasets/") == "/repo/datasets/"
    assert urls.absolute("/", "") == "/"


def test_directory_urls_are_served_by_index_files():
    assert urls.output_file("") == "index.html"
    assert urls.output_file("datasets/gdp/") == "datasets/gdp/index.html"
    assert urls.output_file("404.html") == "404.html"


segment = st.text(alphabet="abc-é", min_size=1, max_size=3)
page_url = st.lists(segment, max_size=4).map(lambda parts: "".join(p + "/" for p in parts))
file_url = st.tuples(page_url, segment).map(lambda pair: f"{pair[0]}{pair[1]}.html")


@given(source=st.one_of(page_url, file_url), target=st.one_of(page_url, file_url))
def test_a_relative_link_leads_from_its_page_to_its_target(source, target):
    link = urls.relative(source, target)
    base = "https://example.org/site/"
    assert unquote(urljoin(base + quote(source), link)) == base + target
