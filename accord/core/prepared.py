"""Reads on every act's path whose SQL Django builds once per database, not once per act or per connection.

Django builds a queryset's SQL again each time it runs it: for the one-row reads every signed act makes (the
signing key with its person and member, the person an act concerns, the actor's membership history), building
and compiling the query costs several times what the database takes to answer it (docs/performance.md, "SQL
built once"). A `Prepared` read is written as an ordinary queryset of named parameters; the first run on a
database compiles it with a stand-in for each parameter, and every later run sends the same SQL with the
parameters' values and turns the rows into model instances (or tuples, for `values_list`) exactly as the
queryset would, converters and `select_related` included. It goes through the connection's cursor, so the
statement is seen by everything that watches queries (the write guard, query counts, the debug log).

`insert(model, fields, rows)` is the same for the rows an act adds to a table of its own (the search index's):
Django's `bulk_create` with its INSERT built once per database, from the rows' plain values (texts, numbers),
no model instance made and the rows' primary keys not read back.

`save(instance, fields)` is `instance.save(update_fields=fields)` with its UPDATE built once per database and
model and fields: the same signals before and after (the write guard, the columns' limits, a drill's mark and
the audit's record of who wrote what all listen to them), the same values written, the same error when no row
has the instance's key. Django builds a queryset for each such save and compiles it: about four fifths of the
save's time in an act that changes one row (docs/performance.md, "An act's rows saved, a request's session,
person and log version read, with SQL built once").

A plan is kept per database (its alias), not per connection: the SQL and the compiler's description of the
rows depend on the database's backend only, and under the server every request has a connection object of
its own (Django keeps them per request), so a plan kept per connection was built again on every request.
Once built, a plan is only read, so the requests of several threads share it.

Only plain reads qualify: a queryset with extra select columns, or a parameter that Django does not pass to the
database as given (it would be cast or folded into the SQL), is refused when it is first compiled rather than
answered wrongly.

A parameter may also be a list of values for an `__in` lookup (its type `list[int]` or `list[str]`): the
read is compiled for lists of a length that is a power of two, and a list given is sent padded to the next one
with its last value repeated (a value twice in `IN (...)` finds the same rows), so that a read of lists of any
length has a few plans. Django leaves out the None values of such a list, and answers an empty one without
asking the database; a prepared read does the same (an empty list, or one longer than LONGEST_LIST, is read as
the queryset reads it).

A model read in the drill in scope (its manager a `drill.ScopedManager`) has two plans per database: the real
records' (those of no drill), and a drill's, whose number is passed with each read as the manager's filter
passes it; so a prepared read answers what its manager would in every scope.
"""

from __future__ import annotations

import inspect
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, get_args, get_origin

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import DatabaseError, connections, router, transaction
from django.db.models import Field, Model, QuerySet
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators
from django.db.models.signals import post_save, pre_save
from django.db.models.sql import InsertQuery
from django.db.models.sql.compiler import SQLCompiler

from accord.core import drill

T = TypeVar("T")

# A stand-in of each type a parameter may have, distinct from the constants of the reads that are prepared (and
# without a NUL, which PostgreSQL would refuse in a text should it ever be sent).
_STAND_INS: dict[type, Callable[[int], Any]] = {
    str: lambda index: f"accord.prepared.stand-in.{index}",
    int: lambda index: -(2**62) + index,
}
# The longest list a list parameter is prepared for; a longer one is read as its queryset reads it.
LONGEST_LIST = 512
_IN_A_LIST = 1024  # a list parameter's values' stand-ins: index * _IN_A_LIST + their place (above LONGEST_LIST)


# The parameter that carries the drill in scope, for a model read in it: no read's own parameter is so named.
_DRILL = "accord.prepared.drill"
_DRILL_STAND_IN = 2**31 - 7  # a drill's number, as its column (a positive 32-bit integer) holds it


@dataclass(frozen=True)
class _Plan:
    sql: str
    constants: tuple[Any, ...]  # the compiled parameters, a parameter's slot holding its name (`slots`)
    # (position in the parameters, the parameter's name, and for a list parameter the value's place in it)
    slots: tuple[tuple[int, str, int | None], ...]
    compiler: SQLCompiler  # as set up by compiling: its select, klass_info and converters describe the rows
    tuples: bool  # a values_list read: tuples of its values, else model instances
    converters: dict[int, Any]  # each column's converters, found once (Django's results_iter finds them per read)
    # For model instances, found once as Django's ModelIterable finds them per read: the model, where its
    # columns lie in a row and their attribute names, and the populators of its select_related instances
    # (they keep nothing between rows).
    made: tuple[type[Model], int, int, list[str], list[Any]] | None

    def converted(self, rows: list[Any]) -> Iterator[Any]:
        """The rows read, their values converted as Django's results_iter converts them."""
        if self.converters:
            return self.compiler.apply_converters(rows, self.converters)
        return iter(rows)

    def parameters(self, values: dict[str, Any]) -> list[Any]:
        given = list(self.constants)
        for position, name, place in self.slots:
            given[position] = values[name] if place is None else values[name][place]
        return given


class Prepared(Generic[T]):
    """`build(**parameters)`'s queryset, its SQL compiled once per database.

    `types` gives each parameter's type (str or int, or a list of either for an `__in` lookup), from which its
    stand-in is made; call the read with the parameters' values by name.
    """

    def __init__(self, build: Callable[..., QuerySet[Any, T]], **types: Any) -> None:
        names = tuple(inspect.signature(build).parameters)
        if set(names) != set(types):
            raise TypeError(f"give the type of each parameter of the read: {', '.join(names)}")
        self._build = build
        # Each parameter's type, and for a list parameter its values' type (`_lists`).
        self._types: dict[str, type] = {}
        self._lists: dict[str, type] = {}
        for name, kind in types.items():
            if get_origin(kind) is list and get_args(kind)[0] in _STAND_INS:
                self._lists[name] = get_args(kind)[0]
            elif kind not in _STAND_INS:
                raise TypeError(f"a parameter of a prepared read is a str, an int or a list of either, not {kind}")
            self._types[name] = kind
        self._model: type[Model] | None = None  # the model read, known once the read has been built
        self._scoped = False  # a model read in the drill in scope (accord.core.drill), known with the model
        # By database alias; for a model read in the drill in scope, whether a drill is in scope (the real
        # records' plan reads those of no drill, a drill's reads those of the drill given as a parameter); and
        # the length each list parameter is compiled for.
        self._plans: dict[tuple[str, bool, tuple[int, ...]], _Plan] = {}

    def __call__(self, **values: Any) -> list[T]:
        if self._model is None:
            model = self._build(**self._stand_ins(dict.fromkeys(self._lists, 1))).model
            self._scoped = isinstance(model._default_manager, drill.ScopedManager)
            self._model = model
        lengths: tuple[int, ...] = ()
        if self._lists:
            values = {**values, **{name: [value for value in values[name] if value is not None]
                                   for name in self._lists}}
            if not all(0 < len(values[name]) <= LONGEST_LIST for name in self._lists):
                return list(self._build(**values))
            for name in self._lists:
                given = values[name]
                length = 1 << (len(given) - 1).bit_length()  # the next power of two
                values[name] = given + given[-1:] * (length - len(given))
                lengths += (length,)
        connection = connections[router.db_for_read(self._model)]
        in_drill = drill.current() if self._scoped else None
        key = (connection.alias, in_drill is not None, lengths)
        plan = self._plans.get(key) or self._plan(connection, key)
        if in_drill is not None:
            values = {**values, _DRILL: in_drill}
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, plan.parameters(values))
            rows = cursor.fetchall()
        if plan.tuples:
            return list(map(tuple, plan.converted(rows)))  # type: ignore[arg-type]
        return list(_instances(plan, rows, connection.alias))

    def _stand_ins(self, lengths: dict[str, int]) -> dict[str, Any]:
        """A stand-in for each parameter, all distinct; a list of `lengths[name]` of them for a list parameter."""
        stand_ins: dict[str, Any] = {}
        for index, name in enumerate(self._types):
            if name in self._lists:
                make = _STAND_INS[self._lists[name]]
                stand_ins[name] = [make(index * _IN_A_LIST + place) for place in range(lengths[name])]
            else:
                stand_ins[name] = _STAND_INS[self._types[name]](index * _IN_A_LIST)
        return stand_ins

    def _plan(self, connection: Any, key: tuple[str, bool, tuple[int, ...]]) -> _Plan:
        stand_ins = self._stand_ins(dict(zip(self._lists, key[2], strict=True)))
        in_drill = key[1]
        if in_drill:
            # The drill's number a parameter too, as its manager filters by it: a stand-in in its column's range
            # (Django finds no row, without asking, for a number out of it).
            stand_ins[_DRILL] = _DRILL_STAND_IN
        with drill.scope(stand_ins[_DRILL] if in_drill else None):
            queryset = self._build(**{name: value for name, value in stand_ins.items() if name != _DRILL})
        if queryset._iterable_class not in (ModelIterable, ValuesListIterable):
            raise TypeError("a prepared read gives model instances or tuples of values")
        compiler = queryset.query.get_compiler(connection=connection)
        sql, constants = compiler.as_sql()
        if compiler.has_extra_select:
            raise TypeError("a prepared read selects no extra columns")
        slots = []
        for name, stand_in in stand_ins.items():
            for place, each in enumerate(stand_in) if name in self._lists else [(None, stand_in)]:
                found = [position for position, value in enumerate(constants) if value == each]
                if len(found) != 1:
                    raise TypeError(f"the parameter {name} does not reach the database as given, once")
                slots.append((found[0], name, place))
        fields = [column[0] for column in compiler.select[0:compiler.col_count]]
        if compiler.has_composite_fields(fields):
            raise TypeError("a prepared read selects no composite field")
        tuples = queryset._iterable_class is ValuesListIterable
        plan = _Plan(sql, tuple(constants), tuple(slots), compiler, tuples=tuples,
                     converters=compiler.get_converters(fields),
                     made=None if tuples else _made(compiler, connection.alias))
        self._plans[key] = plan
        return plan


def _made(compiler: SQLCompiler, alias: str) -> tuple[type[Model], int, int, list[str], list[Any]]:
    """What makes instances of a read's rows, as Django's ModelIterable finds it."""
    select, klass_info = compiler.select, compiler.klass_info
    assert klass_info is not None
    first, last = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    attributes = [column[0].target.attname for column in itertools.islice(select, first, last)]
    related = get_related_populators(klass_info, select, alias)  # type: ignore[call-arg]  # stubs of Django 6
    return klass_info["model"], first, last, attributes, related


def _instances(plan: _Plan, rows: list[Any], alias: str) -> Iterator[Any]:
    """The rows as model instances, as Django's ModelIterable makes them from the rows it has read.

    Django's own steps, as of the version the lock pins (5.2): tests/core/test_prepared.py compares every
    prepared read with its queryset's answer, so that an upgrade which changes them fails there first.
    """
    assert plan.made is not None
    model, first, last, attributes, related = plan.made
    annotations = plan.compiler.annotation_col_map
    for row in plan.converted(rows):
        instance = model.from_db(alias, attributes, row[first:last])
        for populator in related:
            populator.populate(row, instance)
        for name, position in (annotations or {}).items():
            setattr(instance, name, row[position])
        yield instance


# The INSERT of each model's columns, built once per database.
_inserts: dict[str, dict[tuple[type[Model], tuple[str, ...]], str]] = {}  # by database alias
# The values `insert` passes to the database as given: they need no field's preparation.
_PLAIN = (str, int, type(None))


def insert(model: type[Model], fields: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Insert `rows` into `model`'s table, each the values of `fields` in order, as `bulk_create` would insert
    such instances, but neither their keys read back nor signals sent, and no model instance made: a value
    must be a text, a whole number or None, which every field of those kinds takes as given."""
    if not rows:
        return
    if model._meta.auto_field is None:
        raise TypeError(f"{model.__name__}'s primary key is not the database's to give")
    for row in rows:
        if len(row) != len(fields) or not all(isinstance(value, _PLAIN) for value in row):
            raise TypeError(f"a row of {', '.join(fields)}, each a text, a whole number or None: {row!r}")
    connection = connections[router.db_for_write(model)]
    built = _inserts.setdefault(connection.alias, {})
    sql = built.get((model, fields))
    if sql is None:
        concrete = {field.name: field for field in model._meta.concrete_fields}
        query = InsertQuery(model)
        first = model(**dict(zip(fields, rows[0], strict=True)))
        query.insert_values([concrete[name] for name in fields], [first])
        [(sql, _)] = query.get_compiler(connection=connection).as_sql()
        built[(model, fields)] = sql
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


# The UPDATE of each model's fields, built once per database: its SQL and the fields it sets, in order.
_updates: dict[str, dict[tuple[type[Model], frozenset[str]], tuple[str, list[Field[Any, Any]]]]] = {}


def save(instance: Model, fields: Iterable[str]) -> None:
    """`instance.save(update_fields=fields)`, its UPDATE built once per database: the same `pre_save` and
    `post_save` signals, each field's value prepared as Django prepares it, and Django's own error when no row
    has the instance's key. What it would not build the same (a field with a placeholder of its own, a model of
    several tables or a proxy, a model whose save does more than save the row) is saved by `instance.save`
    itself; a value that is an expression or a related instance is refused."""
    model = type(instance)
    names = frozenset(fields)
    if not names:
        raise ValueError("name the fields to save")
    alias = router.db_for_write(model, instance=instance)
    connection = connections[alias]
    built = _updates.setdefault(alias, {})
    plan = built.get((model, names))
    if plan is None:
        plan = built[(model, names)] = _update_plan(model, names, connection)
    sql, targets = plan
    if not sql or _saves_more(instance):
        instance.save(update_fields=names)
        return
    # As Model.save: a related instance assigned before it was saved gives its key now, or the save is refused.
    instance._prepare_related_fields_for_save(operation_name="save", fields=targets)  # type: ignore[attr-defined]
    pre_save.send(sender=model, instance=instance, raw=False, using=alias, update_fields=names)
    values = [field.pre_save(instance, False) for field in targets]
    if any(hasattr(value, "resolve_expression") or hasattr(value, "prepare_database_save") for value in values):
        raise TypeError(f"{model.__name__}: save an expression or a related instance with instance.save()")
    meta = model._meta
    parameters = [field.get_db_prep_save(value, connection=connection)
                  for field, value in zip(targets, values, strict=True)]
    parameters.append(meta.pk.get_db_prep_value(instance.pk, connection))
    with transaction.mark_for_rollback_on_error(using=alias), connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        if cursor.rowcount == 0:
            raise DatabaseError("Save with update_fields did not affect any rows.")
    instance._state.db = alias
    instance._state.adding = False
    post_save.send(sender=model, instance=instance, created=False, update_fields=names, raw=False, using=alias)


def _update_plan(model: type[Model], names: frozenset[str], connection: Any) -> tuple[str, list[Field[Any, Any]]]:
    """The UPDATE of `names` by the primary key, as Django's compiler writes it; no SQL (only the fields) for a
    save it does not build the same."""
    meta = model._meta
    targets = [field for field in meta.local_concrete_fields
               if not field.primary_key and (field.name in names or field.attname in names)]
    if len(targets) != len(names):
        unknown = names - {name for field in targets for name in (field.name, field.attname)}
        raise ValueError(f"{model.__name__} has no field to save named {', '.join(sorted(unknown))}")
    if meta.parents or meta.proxy or any(hasattr(field, "get_placeholder") for field in targets):
        return "", targets
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    columns = ", ".join(f"{quote(field.column)} = %s" for field in targets)
    # Only the model's own table and column names, quoted by the backend, are written into the SQL; values are
    # parameters.
    return f"UPDATE {table} SET {columns} WHERE {table}.{quote(meta.pk.column)} = %s", targets  # noqa: S608


def _saves_more(instance: Model) -> bool:
    """The model's save does more than save the row: its own override, or Django's user model's when a password
    was set since the instance was read (it then tells the password validators)."""
    own = type(instance).save
    if own is Model.save:
        return False
    return own is not AbstractBaseUser.save or getattr(instance, "_password", None) is not None
