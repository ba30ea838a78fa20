"""The database's shape is the model's: every field reaches a column or a table of its own, and every column is
described in English and Chinese (the Datasette metadata reads the same descriptions)."""
from __future__ import annotations

import pytest
from pydantic import Field

from mlakb.api.metadata import metadata
from mlakb.outputs import shape
from mlakb.records import models

MODEL_TABLES = [t for t in shape.TABLES if t.model is not None]


@pytest.mark.parametrize("table", MODEL_TABLES, ids=[t.name for t in MODEL_TABLES])
def test_every_field_reaches_a_column_or_a_table_of_its_own(table):
    columns = {c.name for c in shape.columns(table.name)}
    tables_below = {t.path[-1] for t in shape.TABLES if t.path[:-1] == table.path and t.path} | {"sources", "provisions"}
    for name in table.model.model_fields:
        if name in table.skip:
            assert name in tables_below or name == "sources" and table.owner == "jurisdiction", f"{table.name}.{name} is skipped but no table holds it"
        else:
            assert name in columns or any(c.startswith(name + "_") for c in columns), f"{table.model.__name__}.{name} reaches no column of {table.name}"


@pytest.mark.parametrize("table", shape.TABLES, ids=[t.name for t in shape.TABLES])
def test_every_column_is_described_in_both_languages(table):
    for column in shape.columns(table.name):
        assert column.en.strip(), f"{table.name}.{column.name} has no English description"
        assert column.zh.strip(), f"{table.name}.{column.name} has no Chinese description"


def test_the_datasette_metadata_describes_every_column():
    described = metadata()["databases"]["mlakb"]["tables"]
    for table in shape.TABLES:
        assert set(described[table.name]["columns"]) == {c.name for c in shape.columns(table.name)}


def test_a_new_field_reaches_the_database_with_no_other_edit():
    class Contact(models.Contact):
        video_conference: bool | None = Field(None, description="whether the authority takes testimony by video link")

    [column] = [c for c in shape.model_columns(Contact) if c.name == "video_conference"]
    assert column.type is int and column.en.startswith("whether the authority")
