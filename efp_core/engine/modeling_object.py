"""ModelingObject: named objects whose inputs come from their constructor and whose calculated attributes
are declared next to their formula; reads are tracked so that the dependency graph builds itself."""
from __future__ import annotations

import functools
import inspect
import logging
import typing
import uuid
from typing import Any, Callable, ClassVar, Iterable

from efp_core.engine import runtime
from efp_core.engine.array_pool import POOL
from efp_core.engine.inputs import InputSpec, check_input, spec_from_annotation
from efp_core.engine.link_list import ListLinkedToModelingObj
from efp_core.engine.tracking import TRACKER
from efp_core.errors import ModelingInputError, StructureError
from efp_core.values import (
    EmptyExplainableObject,
    ExplainableHourlyQuantities,
    ExplainableObject,
    ExplainableObjectDict,
)

logger = logging.getLogger("efp_core")
CONTAINERS = "modeling_obj_containers"


class CalculatedAttribute:
    """A calculated attribute: its formula is the decorated method; its value is cached and kept fresh."""

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        node = (obj, self.name)
        TRACKER.record(node)
        if self.name in obj._stale:
            runtime.compute(obj, self.name)
        value = obj._values[self.name]
        return value if TRACKER.read_filter is None else TRACKER.read_filter(node, value)

    def __set__(self, obj: Any, value: Any) -> None:
        raise AttributeError(f"{type(obj).__name__} '{obj.name}': '{self.name}' is calculated from other "
                             "attributes; change one of its inputs instead")


def calculated(func: Callable[[Any], Any]) -> CalculatedAttribute:
    """Declare a calculated attribute; its dependencies are recorded from what the formula reads."""
    return CalculatedAttribute(func)


class InputAttribute:
    """An input given to the constructor; assigning it later runs a ModelingUpdate."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        node = (obj, self.name)
        TRACKER.record(node)
        try:
            value = obj._values[self.name]
        except KeyError:
            raise AttributeError(f"{type(obj).__name__} '{obj.name}' has no value for '{self.name}' yet") from None
        return value if TRACKER.read_filter is None else TRACKER.read_filter(node, value)

    def __set__(self, obj: Any, value: Any) -> None:
        if not obj._initialized:
            obj._init_input(self.name, value)
        else:
            from efp_core.engine.modeling_update import AttributeRef, ModelingUpdate
            ModelingUpdate([[AttributeRef(obj, self.name), value]])


def archetype(func: Callable[..., Any]) -> classmethod:  # type: ignore[type-arg]
    """Mark a classmethod as an archetype (a named set of default values), listed by `Class.archetypes()`."""
    func._efp_archetype = True  # type: ignore[attr-defined]
    return classmethod(func)


class ModelingObject:
    """Base of every object of a model.

    Subclasses declare inputs as `__init__` parameters (type hints say what each accepts) and calculated
    attributes with `@calculated`. Values read inside a formula become its dependencies.
    """

    default_values: ClassVar[dict[str, Any]] = {}
    list_values: ClassVar[dict[str, list[Any]]] = {}
    conditional_list_values: ClassVar[dict[str, dict[str, Any]]] = {}
    # Units of inputs that have no default value to learn them from.
    input_units: ClassVar[dict[str, Any]] = {}
    # Inputs that may hold negative values (storage needs write and delete data); every other number must be ≥ 0.
    signed_inputs: ClassVar[frozenset[str]] = frozenset()
    # Explicit calculated-attribute order when the default (own first, then inherited) is not wanted.
    calculated_attributes_order: ClassVar[tuple[str, ...] | None] = None
    excluded_calculated_attributes: ClassVar[tuple[str, ...]] = ()
    # Calculated attributes computed when first read after an update invalidates them, instead of during the
    # update: values no footprint depends on (impact repartitions), which only analysis views read.
    on_demand_attributes: ClassVar[frozenset[str]] = frozenset()
    is_system_root: ClassVar[bool] = False
    _input_names: ClassVar[tuple[str, ...]] = ()
    _calculated_names: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = [name for name, attr in cls.__dict__.items() if isinstance(attr, CalculatedAttribute)]
        inherited = [n for n in getattr(cls, "_calculated_names", ()) if n not in own]
        names = cls.calculated_attributes_order or tuple(own + inherited)
        cls._calculated_names = tuple(n for n in names if n not in cls.excluded_calculated_attributes)
        if "__init__" in cls.__dict__:
            original = cls.__dict__["__init__"]
            params = [p for p in inspect.signature(original).parameters.values()
                      if p.name not in ("self", "name") and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
            cls._input_names = tuple(p.name for p in params)
            cls.__init__ = _wrap_init(original)  # type: ignore[method-assign]
        for name in cls._input_names:
            if not isinstance(inspect.getattr_static(cls, name, None), (CalculatedAttribute, property)):
                if not isinstance(cls.__dict__.get(name), InputAttribute):
                    setattr(cls, name, InputAttribute(name))
        cls._spec_cache = None  # type: ignore[attr-defined]

    def __init__(self, name: str) -> None:
        if not isinstance(name, str):
            raise TypeError(f"{type(self).__name__}: the first argument is the object's name (a str), "
                            f"received {name!r}")
        d = self.__dict__
        d["_initialized"] = False
        d["_values"] = {}
        d["_dependents"] = {}
        d["_dependencies"] = {}
        d["_stale"] = set(type(self)._calculated_names)
        d["_containers"] = {}
        d["name"] = name
        d["id"] = uuid.uuid4().hex[:6]

    # ---- class-level facts ----------------------------------------------------------------------
    @classmethod
    def input_specs(cls) -> dict[str, InputSpec]:
        if cls.__dict__.get("_spec_cache") is None:
            try:
                hints = typing.get_type_hints(cls.__init__, localns=_class_namespace())
            except Exception:  # unresolved forward references: fall back to the raw annotations
                hints = getattr(cls.__init__, "__annotations__", {})
            cls._spec_cache = {n: spec_from_annotation(hints.get(n, Any)) for n in cls._input_names}
        return cls._spec_cache  # type: ignore[return-value]

    @classmethod
    def expected_unit(cls, attr: str) -> Any:
        if attr in cls.input_units:
            return cls.input_units[attr]
        default = cls.default_values.get(attr)
        unit = getattr(default, "unit", None)
        if unit is None and default is not None and hasattr(getattr(default, "value", None), "units"):
            unit = default.value.units
        return unit

    @classmethod
    def from_defaults(cls, name: str, **overrides: Any) -> "ModelingObject":
        """An object built from `default_values`, with `overrides` replacing some of them."""
        kwargs = {k: _fresh_copy(v) for k, v in cls.default_values.items()}
        kwargs.update(overrides)
        return cls(name, **kwargs)

    @classmethod
    def archetypes(cls) -> list[Callable[..., Any]]:
        """The archetype factories of this class (bound classmethods)."""
        return [getattr(cls, n) for n, attr in inspect.getmembers(cls)
                if getattr(getattr(attr, "__func__", None), "_efp_archetype", False)]

    @property
    def calculated_attributes(self) -> list[str]:
        return list(type(self)._calculated_names)

    @property
    def input_attributes(self) -> list[str]:
        return list(type(self)._input_names)

    # ---- construction ---------------------------------------------------------------------------
    def _init_input(self, attr: str, value: Any) -> None:
        value = self.validated_input(attr, value)
        changed = self._store_input(attr, value)
        runtime.invalidate(changed)

    def validated_input(self, attr: str, value: Any, pending: dict[tuple[Any, str], Any] | None = None) -> Any:
        """The value as it will be stored, or a typed error if it does not fit `attr`."""
        cls = type(self)
        spec = cls.input_specs()[attr]
        if value is None and spec.kind not in ("link", "links"):
            value = EmptyExplainableObject()
        if isinstance(value, tuple) and spec.kind == "links":
            value = list(value)
        check_input(self, attr, spec, value, cls.expected_unit(attr), self._choices(attr, pending),
                    allow_negative=attr in cls.signed_inputs)
        if cls.is_system_root and spec.is_link:
            self._check_not_in_other_system(attr, value)
        return value

    def _check_not_in_other_system(self, attr: str, value: Any) -> None:
        """A root may only link objects (and what they link to) that belong to no other root."""
        seen: set[int] = set()
        stack = list(_link_targets(value))
        while stack:
            obj = stack.pop()
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            others = [root for root in obj.systems if root is not self]
            if others:
                raise StructureError(self, attr, "objects that belong to no other system", obj,
                                     f"'{obj.name}' is already in system '{others[0].name}'")
            stack.extend(obj.linked_objects)

    def _choices(self, attr: str, pending: dict[tuple[Any, str], Any] | None) -> list[Any] | None:
        cls = type(self)
        if attr in cls.list_values:
            return list(cls.list_values[attr])
        conditional = cls.conditional_list_values.get(attr)
        if conditional is None:
            return None
        depends_on = conditional["depends_on"]
        condition = (pending or {}).get((self, depends_on), self._values.get(depends_on))
        key = getattr(condition, "value", condition)
        options = conditional["conditional_list_values"]
        for option_key, values in options.items():
            if getattr(option_key, "value", option_key) == key:
                return list(values)
        return None

    def _store_input(self, attr: str, value: Any) -> list[tuple[Any, str]]:
        """Store without recomputing; return the nodes whose value changed (the input, containers of links)."""
        journal = runtime.current_journal()
        old = self._values.get(attr)
        if journal is not None:
            journal.record_input(self, attr, old)
        old_targets = _link_targets(old)
        if isinstance(value, list):
            if isinstance(old, ListLinkedToModelingObj):
                old._set_contents(value)
                value = old
            else:
                value = ListLinkedToModelingObj(value)
        elif isinstance(value, ExplainableObject):
            if value.modeling_obj_container is not None and (
                    value.modeling_obj_container is not self or value.attr_name_in_mod_obj_container != attr):
                value = value.copy()
            if not value.label:
                value.label = f"{_humanize(attr)} of {self.name}"
            if isinstance(value, ExplainableHourlyQuantities):
                value.magnitude = POOL.shared(value.magnitude)  # computed copies of it will share this array
        if isinstance(value, (ExplainableObject, ListLinkedToModelingObj)):
            value.modeling_obj_container = self
            value.attr_name_in_mod_obj_container = attr
        if isinstance(old, ExplainableObject) and old is not value:
            old.modeling_obj_container = None
        self._values[attr] = value
        new_targets = _link_targets(value)
        changed: list[tuple[Any, str]] = [(self, attr)]
        for target in _counts_diff(old_targets, new_targets):
            changed.append((target, CONTAINERS))
        for target in old_targets:
            target._unlink_container(self, attr)
        for target in new_targets:
            target._link_container(self, attr)
        return changed

    def _link_container(self, container: "ModelingObject", attr: str) -> None:
        runtime.STATS.link_changes += 1
        key = (container, attr)
        self._containers[key] = self._containers.get(key, 0) + 1

    def _unlink_container(self, container: "ModelingObject", attr: str) -> None:
        runtime.STATS.link_changes += 1
        key = (container, attr)
        count = self._containers.get(key, 0) - 1
        if count > 0:
            self._containers[key] = count
        else:
            self._containers.pop(key, None)

    def _after_init(self) -> None:
        missing = [n for n in type(self)._input_names if n not in self._values and n not in self.__dict__]
        if missing:
            raise TypeError(f"{type(self).__name__} '{self.name}': inputs {missing} were not set by the constructor")
        self.__dict__["_initialized"] = True
        self.after_init()

    def entangled_changes(self, attr: str, new_value: Any) -> list[tuple["ModelingObject", str, Any]]:
        """Other input changes that changing `attr` to `new_value` implies, applied in the same update."""
        return []

    def after_init(self) -> None:
        """Hook for subclasses run once the constructor has set every input (a System computes here)."""

    # ---- links ----------------------------------------------------------------------------------
    @property
    def modeling_obj_containers(self) -> list["ModelingObject"]:
        """Objects that link to this one, in linking order (tracked: formulas that read it follow links)."""
        node = (self, CONTAINERS)
        TRACKER.record(node)
        return list(dict.fromkeys(container for container, _ in self._containers))

    def container_count(self, container: "ModelingObject") -> int:
        """How many times `container` links to this object (a step listed twice counts twice)."""
        TRACKER.record((self, CONTAINERS))
        return sum(n for (c, _), n in self._containers.items() if c is container)

    def containers_of_type(self, cls: type) -> list[Any]:
        return [c for c in self.modeling_obj_containers if isinstance(c, cls)]

    @property
    def linked_objects(self) -> list["ModelingObject"]:
        """Objects this one links to through its inputs, in input order."""
        out: list[ModelingObject] = []
        for attr in type(self)._input_names:
            out.extend(_link_targets(self._values.get(attr)))
        return list(dict.fromkeys(out))

    @property
    def systems(self) -> list["ModelingObject"]:
        """The root objects (systems) this object belongs to, found by following containers upwards."""
        seen: set[int] = set()
        roots: list[ModelingObject] = []
        stack: list[ModelingObject] = [self]
        while stack:
            obj = stack.pop()
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            if obj.is_system_root:
                roots.append(obj)
            stack.extend(obj.modeling_obj_containers)
        return roots

    def local_timezone(self) -> Any:
        """Time zone in which this object's naive hourly inputs are expressed (None: UTC)."""
        return None

    # ---- updates --------------------------------------------------------------------------------
    def __getattr__(self, name: str) -> Any:
        if name.startswith("update_") and name[7:] in type(self)._calculated_names:
            attr = name[7:]

            def update() -> None:
                runtime.compute(self, attr)
            return update
        raise AttributeError(f"{type(self).__name__} '{self.__dict__.get('name', '?')}' has no attribute '{name}'")

    def __setattr__(self, key: str, value: Any) -> None:
        if (key.startswith("_") or key == "name" or not self.__dict__.get("_initialized", False)
                or hasattr(type(self), key)):
            object.__setattr__(self, key, value)
            return
        raise AttributeError(f"{type(self).__name__} '{self.name}' has no input '{key}' (inputs: "
                             f"{', '.join(type(self)._input_names)})")

    # ---- display --------------------------------------------------------------------------------
    def __str__(self) -> str:
        lines = [f"{type(self).__name__} {self.id}", f"name: {self.name}"]
        for attr in type(self)._input_names:
            value = self._values.get(attr, self.__dict__.get(attr))
            lines.append(f"{attr}: {_display(value)}")
        lines.append("calculated_attributes:")
        for attr in type(self)._calculated_names:
            lines.append(f"  {attr}: {_display(getattr(self, attr))}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r}, id={self.id})"

    def object_relationship_graph_to_file(self, filename: Any = None, width: str = "800px", height: str = "500px",
                                          classes_to_ignore: Any = None, notebook: bool = False) -> Any:
        """Write the objects linked from this one as an HTML graph (see efp_core.analysis.relationship_file)."""
        from efp_core.analysis.relationship_file import object_relationship_graph_to_file
        return object_relationship_graph_to_file(self, filename, width, height, classes_to_ignore, notebook)

    def calculated_attributes_dataframe(self) -> Any:
        """One row per calculated attribute with its unit and values (efp_core.analysis.dataframes)."""
        from efp_core.analysis.dataframes import calculated_attributes_dataframe
        return calculated_attributes_dataframe(self)

    # Identity semantics, with object's C implementations: every tracked read hashes an (object, attribute)
    # pair, and a Python-level __hash__ was a tenth of an update's time.
    __hash__ = object.__hash__
    __eq__ = object.__eq__


def _class_namespace() -> dict[str, type]:
    """Every modeling class by name, to resolve string annotations such as "List[JobBase]"."""
    found: dict[str, type] = {}
    stack: list[type] = [ModelingObject]
    while stack:
        cls = stack.pop()
        found.setdefault(cls.__name__, cls)
        stack.extend(cls.__subclasses__())
    return found


def _wrap_init(original: Callable[..., None]) -> Callable[..., None]:
    @functools.wraps(original)
    def init(self: ModelingObject, *args: Any, **kwargs: Any) -> None:
        depth = self.__dict__.get("_init_depth", 0)
        self.__dict__["_init_depth"] = depth + 1
        # A constructor that fails half-way must not leave the object linked into the model (a machine
        # would count a task that has no weight): construction is journalled and undone on failure.
        journal = runtime.push_journal() if depth == 0 else None
        try:
            try:
                original(self, *args, **kwargs)
            finally:
                self.__dict__["_init_depth"] = depth
            if depth == 0:
                self._after_init()
        except BaseException:
            if journal is not None:
                journal.previous_state().apply()
            raise
        finally:
            if journal is not None:
                runtime.pop_journal()
                parent = runtime.current_journal()
                if parent is not None:
                    parent.absorb(journal)
    return init


def _link_targets(value: Any) -> list[ModelingObject]:
    if isinstance(value, ModelingObject):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, ModelingObject)]
    return []


def _counts_diff(old: list[ModelingObject], new: list[ModelingObject]) -> list[ModelingObject]:
    """Objects whose number of occurrences differs between two link lists."""
    counts: dict[ModelingObject, int] = {}
    for obj in old:
        counts[obj] = counts.get(obj, 0) + 1
    for obj in new:
        counts[obj] = counts.get(obj, 0) - 1
    return [obj for obj, n in counts.items() if n != 0]


def _fresh_copy(value: Any) -> Any:
    if isinstance(value, ExplainableObject):
        return value.copy()
    if isinstance(value, list):
        return list(value)
    return value


def _humanize(attr: str) -> str:
    text = attr.replace("_", " ")
    return text[:1].upper() + text[1:]


def _display(value: Any) -> str:
    if isinstance(value, ModelingObject):
        return f"{value.name} ({value.id})"
    if isinstance(value, list):
        return "[" + ", ".join(_display(v) for v in value) + "]"
    if isinstance(value, ExplainableObjectDict):
        if not value:
            return "{}"
        return "{\n" + "\n".join(f"    {getattr(k, 'name', k)}: {v}" for k, v in value.items()) + "\n  }"
    return str(value)


def human_label(obj: ModelingObject, attr: str) -> str:
    return f"{_humanize(attr)} of {obj.name}"


def iter_calculated(objects: Iterable[ModelingObject]) -> Iterable[tuple[ModelingObject, str]]:
    for obj in objects:
        for attr in type(obj)._calculated_names:
            yield obj, attr


# ModelingInputError is re-exported for domain modules raising input errors from formulas.
__all__ = ["CalculatedAttribute", "InputAttribute", "ModelingInputError", "ModelingObject", "archetype",
           "calculated", "human_label", "iter_calculated"]
