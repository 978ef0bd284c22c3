"""The build never touches the network, whatever a descriptor points at."""

from __future__ import annotations

import socket

import pytest
from helpers import table


@pytest.fixture
def no_network(monkeypatch):
    attempts = []

    def refuse(self, address, *args, **kwargs):
        attempts.append(address)
        raise OSError("network access in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


@pytest.mark.parametrize(
    ("resource", "expected"),
    [
        ({"name": "t", "path": "https://example.org/t.csv"}, "t.path: remote URL"),
        (
            {**table("t", [("id", "integer")]), "schema": "https://example.org/s.json"},
            "t.schema: 'https://example.org/s.json' cannot be read",
        ),
        (
            {**table("t", [("id", "integer")]), "dialect": "https://example.org/d.json"},
            "t.dialect: 'https://example.org/d.json' cannot be read",
        ),
    ],
)
def test_remote_references_are_refused_without_a_connection(
    project, no_network, resource, expected
):
    project.package("p", {"t.csv": "id\n1\n"}, [resource])
    run = project.build()
    assert run.code == 1
    assert expected in run.err
    assert no_network == []


def test_a_remote_profile_is_refused_without_a_connection(project, no_network):
    descriptor = {
        "name": "p",
        "profile": "https://example.org/profile.json",
        "resources": [table("t", [("id", "integer")])],
    }
    project.package("p", {"t.csv": "id\n1\n"}, descriptor=descriptor)
    run = project.build()
    assert "profile: custom profile 'https://example.org/profile.json' cannot be checked" in run.err
    assert no_network == []


def test_an_allowed_remote_resource_is_linked_without_a_connection(project, no_network):
    project.write_config(allow_remote=True)
    project.package("p", {}, [{"name": "t", "path": "https://example.org/t.csv", "format": "csv"}])
    assert project.build().code == 0
    assert no_network == []


def test_a_local_schema_file_is_used(project):
    project.package(
        "p",
        {"t.csv": "id\nx\n", "schema.json": '{"fields": [{"name": "id", "type": "integer"}]}'},
        [{"name": "t", "path": "t.csv", "schema": "schema.json"}],
    )
    run = project.build()
    assert 'datapackages/p/t.csv:2: id: "x" is not a valid integer' in run.err
