"""Tables in and out of the database a column at a time (no Python loop over rows).

* Into PostgreSQL: ``COPY … FROM STDIN`` of a CSV that pyarrow writes from the columns.
* Into SQLite: ``executemany`` of the rows, in chunks, on the transaction's own connection
  (the tuples are made by ``zip`` over whole columns).
* Out of PostgreSQL: ``COPY (SELECT …) TO STDOUT`` as CSV, parsed by pyarrow.
* Out of SQLite: one ``fetchall``, turned into columns by ``zip``.

All of it runs on the caller's connection, so inside the caller's transaction. The
measurements behind these choices are in ``docs/benchmarks.md`` ("The store").
"""

from __future__ import annotations

import io

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import sqlalchemy as sa

CHUNK_ROWS = 50_000


def _column_values(series: pd.Series) -> list:
    """The values of a column as Python objects, missing values as None."""
    if pd.api.types.is_integer_dtype(series) and not series.hasnans:
        return series.astype("int64").tolist()
    values = series.astype(object)
    return values.where(series.notna(), None).tolist()


def _arrow_types(table: sa.Table | list) -> dict[str, pa.DataType]:
    columns = table.columns if isinstance(table, sa.Table) else table
    return {c.name: _arrow_type(c.type) for c in columns}


def insert_frame(conn: sa.Connection, table: sa.Table, frame: pd.DataFrame) -> int:
    """Insert every row of ``frame`` (one column per column of ``table``) into ``table``.

    Returns the number of rows written. Raises what the database raises (the caller's
    transaction is then rolled back whole).
    """
    if frame.empty:
        return 0
    names = [c.name for c in table.columns]
    quoted = ", ".join(f'"{n}"' for n in names)
    if conn.dialect.name == "postgresql":
        data = io.BytesIO()
        types = _arrow_types(table)
        arrow = pa.Table.from_pandas(frame[names], preserve_index=False)
        arrow = arrow.cast(pa.schema([(n, types[n]) for n in names]))
        pacsv.write_csv(arrow, data,
                        pacsv.WriteOptions(include_header=False, quoting_style="needed"))
        with conn.connection.cursor() as cursor, cursor.copy(
                f'COPY "{table.name}" ({quoted}) FROM STDIN (FORMAT csv)') as copy:
            copy.write(data.getvalue())
        return len(frame)
    statement = f'INSERT INTO "{table.name}" ({quoted}) VALUES ({", ".join("?" * len(names))})'
    cursor = conn.connection.cursor()
    try:
        for start in range(0, len(frame), CHUNK_ROWS):
            part = frame.iloc[start:start + CHUNK_ROWS]
            cursor.executemany(statement, zip(*(_column_values(part[n]) for n in names),
                                              strict=True))
    finally:
        cursor.close()
    return len(frame)


def read_arrow(conn: sa.Connection, query: sa.Select) -> pa.Table:
    """The rows of ``query`` as an Arrow table: text as strings, integers ``int64``, reals
    ``float64`` (missing values null)."""
    columns = list(query.selected_columns)
    types = _arrow_types(columns)
    schema = pa.schema(list(types.items()))
    if conn.dialect.name == "postgresql":
        sql = str(query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
        data = io.BytesIO()
        with conn.connection.cursor() as cursor, cursor.copy(
                f"COPY ({sql}) TO STDOUT (FORMAT csv)") as copy:
            for block in copy:
                data.write(block)
        return pacsv.read_csv(
            io.BytesIO(data.getvalue()), read_options=pacsv.ReadOptions(
                column_names=list(types)), convert_options=pacsv.ConvertOptions(
                column_types=types, null_values=[""], strings_can_be_null=True,
                quoted_strings_can_be_null=False, true_values=["t"], false_values=["f"]))
    rows = conn.execute(query).fetchall()
    if not rows:
        return schema.empty_table()
    values = zip(*rows, strict=True)
    return pa.Table.from_arrays([pa.array(v, type=types[name])
                                 for name, v in zip(types, values, strict=True)], schema=schema)


def read_frame(conn: sa.Connection, query: sa.Select) -> pd.DataFrame:
    """The rows of ``query`` as a frame: text ``str``, integers ``int64`` (``Int64`` where
    a value is missing), reals ``float64``, booleans ``bool``."""
    frame = read_arrow(conn, query).to_pandas()
    for column in query.selected_columns:
        if isinstance(column.type, sa.Integer):
            frame[column.name] = frame[column.name].astype(
                "Int64" if frame[column.name].isna().any() else "int64")
        elif not isinstance(column.type, sa.Float | sa.Boolean):
            frame[column.name] = frame[column.name].astype("str")
    return frame


def _arrow_type(kind: sa.types.TypeEngine) -> pa.DataType:
    if isinstance(kind, sa.Integer):
        return pa.int64()
    if isinstance(kind, sa.Float):
        return pa.float64()
    if isinstance(kind, sa.Boolean):
        return pa.bool_()
    return pa.string()
