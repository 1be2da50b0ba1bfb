"""Wire format between the trusted judge (judge.py) and the submission's process (callee.py).

One JSON object per line. Values are tagged plain data, so that the receiver rebuilds them with its own, pristine
types and never runs code or unpickles anything it received:

  null, true, false, "text"          None, bools, str (JSON strings; lone surrogates survive as escapes)
  12, {"i": "-1234…"}                int: a JSON number up to 18 digits, else a decimal string
  {"f": "1.5" | "nan" | "-inf"}      float, repr() text
  {"c": ["1.0", "-2.0"]}             complex
  {"b": "<base64>"}, {"ba": ...}     bytes, bytearray
  {"l": [..]}, {"t": [..]}           list, tuple
  {"lf": "0.5 -1e-09 nan"}           a list of floats only, packed (keeps big float results small in memory)
  {"s": [..]}, {"fs": [..]}          set, frozenset
  {"d": [[key, value], ..]}          dict (keys may be any hashable value)
  {"fr": [1, 3]}                     fractions.Fraction (numerator and denominator as int values)
  {"dec": "-1.50E+3"}                decimal.Decimal, its str() text
  {"rg": [0, 10, 2]}                 range
  {"dq": [[..], maxlen | null]}      collections.deque
  {"ctr": [[k, v], ..]}, {"od": ..}  collections.Counter, collections.OrderedDict (in order)
  {"dd": [factory, [[k, v], ..]]}    collections.defaultdict; factory null, a name or a handle
  {"nt": ["P", ["x", "y"], [..], cls]}  a namedtuple: type name, fields, values, its class (a handle, or null)
  {"arr": ["i", [..]]}               array.array
  {"nd": ["<i8", [2, 3], [..]]}      numpy.ndarray of bools or numbers: dtype, shape, items in C order
  {"h": 7}                           opaque handle: an object that stays in the callee
  {"o": [7, cls, [[name, value], ..]]}  callee to judge only: handle 7, an object of a class of the solution that
                                     compares by value (a dataclass, or a class defining __eq__), with its class (a
                                     handle) and its state as the judge compares it (its compared fields or attributes)
  {"n": "math:sqrt"}                 a builtin or standard-library object, by name (from the callee: a class of the
                                     builtins or of TYPE_MODULES only, which the judge resolves to its own)
  {"cb": 0}                          judge to callee only: a function of the tests; calling it sends
                                     {"callback": 0, "args": [..], "kwargs": [[name, value], ..]} to the judge, which
                                     runs it and answers {"ok": value} or {"raised": {..}}

Both sides bound what they read: a line of at most MAX_LINE bytes, nesting of at most MAX_DEPTH, MAX_NODES values.
"""
import base64
import json
import os
import re
import sys

MAX_LINE = 8 << 20
MAX_DEPTH = 200
MAX_NODES = 1_000_000
SMALL_INT = 10 ** 18
MAX_INT_DIGITS = 100_000
MAX_INT_BITS = 332_000

_INT = re.compile(r"-?[0-9]+\Z")
_FLOAT = re.compile(r"-?(?:nan|inf|[0-9]+(?:\.[0-9]*)?(?:e[-+]?[0-9]+)?)\Z")
_B64 = re.compile(r"[A-Za-z0-9+/]*={0,2}\Z")


# Modules whose classes and builtin functions cross by name ({"n": "collections:Counter"}), and which a solution's
# import may lend to the tests (mbpp/596's tests use the solution's `import sys`). The judge imports its own copy, and
# only of these: importing a module the submission names could run its import-time code there (this, antigravity …).
NAMED_MODULES = frozenset((
    "array", "base64", "bisect", "calendar", "cmath", "collections", "collections.abc", "copy", "datetime",
    "decimal", "fractions", "functools", "hashlib", "heapq", "itertools", "json", "math", "numbers", "operator",
    "os", "os.path", "random", "re", "statistics", "string", "struct", "sys", "textwrap", "time", "typing",
    "unicodedata", "numpy", "sortedcontainers"))


# Modules whose classes the callee may name to the judge ({"n": "collections:Counter"}, besides the builtin types).
# Classes only, never functions: the tests may call what a solution returned with what another call returned, and a
# name is resolved to the judge's own object (exec, os.system or numpy's file-reading classes would run there).
TYPE_MODULES = frozenset(("collections", "collections.abc", "fractions", "decimal", "datetime", "array", "numbers",
                          "typing", "itertools", "functools", "enum"))


class WireError(Exception):
    """A value that cannot cross (too big, too deep, cyclic) or a message that is not valid wire data."""


class Budget:
    """Counts the values of one message (or of a part of it, with a limit of its own)."""
    __slots__ = ("nodes", "limit")

    def __init__(self, limit=MAX_NODES):
        self.nodes = 0
        self.limit = limit

    def take(self):
        self.nodes += 1
        if self.nodes > self.limit:
            raise WireError("more than %d values" % self.limit)


def encode(value, handle_of, plain_subclasses=False, class_ref=None, budget=None):
    """Tagged form of value. handle_of(obj) gives the tagged form of a value that is not plain data ({"h": n} or
    {"n": name}), or raises WireError. With plain_subclasses, instances of subclasses of plain types (namedtuple, Counter, IntEnum …) and numpy
    scalars cross as their plain base value, read through the base type's own methods; otherwise only exact types
    are plain. class_ref(cls) gives the class reference of a namedtuple (default: handle_of(cls))."""
    encoder = _Encoder(handle_of, plain_subclasses, class_ref)
    if budget is not None:
        encoder.budget = budget
    return encoder.encode(value, set(), 0)


class _Encoder:
    __slots__ = ("handle_of", "lenient", "class_ref", "budget")

    def __init__(self, handle_of, lenient, class_ref):
        self.handle_of = handle_of
        self.lenient = lenient
        self.class_ref = class_ref
        self.budget = Budget()

    def encode(self, value, path, depth):
        return _encode(value, self.handle_of, self.lenient, self.budget, path, depth, self)


def _encode(value, handle_of, lenient, budget, path, depth, encoder=None):
    budget.take()
    if depth > MAX_DEPTH:
        raise WireError("nested deeper than %d" % MAX_DEPTH)
    kind = type(value)
    if value is None or kind is bool or kind is str:
        return value
    if kind is int:
        if int.bit_length(value) > MAX_INT_BITS:
            raise WireError("an int of more than %d digits" % MAX_INT_DIGITS)
        if -SMALL_INT < value < SMALL_INT:
            return int(value)
        return {"i": int.__repr__(value)}
    if kind is float:
        return {"f": float.__repr__(value)}
    if kind in _CONTAINERS:
        return _container(kind, value, handle_of, lenient, budget, path, depth, encoder)
    if kind is bytes:
        return {"b": base64.b64encode(value).decode("ascii")}
    if kind is bytearray:
        return {"ba": base64.b64encode(bytes(value)).decode("ascii")}
    if kind is complex:
        return {"c": [float.__repr__(value.real), float.__repr__(value.imag)]}
    if encoder is None:
        encoder = _Encoder(handle_of, lenient, None)
        encoder.budget = budget
    tagged = _value_type(value, kind, encoder, path, depth)
    if tagged is not None:
        return tagged
    if lenient:
        base = _plain_base(value)
        if base is not None:
            return _encode(base, handle_of, lenient, budget, path, depth, encoder)
    return handle_of(value)


# Standard-library value types that cross as their value (both ways). A subclass (callee side only) crosses as its
# base value, read through the base type's own methods and slots: whatever it overrides plays no part.
_VALUE_MODULES = ("fractions", "decimal", "collections", "array", "numpy")
_value_types_cache = [None, None]


def _value_types():
    key = tuple(id(sys.modules.get(name)) for name in _VALUE_MODULES)
    if _value_types_cache[0] != key:
        types = {range: "rg"}
        fractions, decimal = sys.modules.get("fractions"), sys.modules.get("decimal")
        collections, array = sys.modules.get("collections"), sys.modules.get("array")
        numpy = sys.modules.get("numpy")
        for module, name, tag in ((fractions, "Fraction", "fr"), (decimal, "Decimal", "dec"), (numpy, "ndarray", "nd"),
                                  (collections, "deque", "dq"), (collections, "Counter", "ctr"),
                                  (collections, "OrderedDict", "od"), (collections, "defaultdict", "dd"),
                                  (array, "array", "arr")):
            cls = getattr(module, name, None) if module is not None else None
            if isinstance(cls, type):
                types[cls] = tag
        _value_types_cache[0], _value_types_cache[1] = key, types
    return _value_types_cache[1]


def _is_namedtuple_class(cls):
    fields = cls.__dict__.get("_fields") if isinstance(cls, type) else None
    return tuple in cls.__bases__ and type(fields) is tuple and all(type(f) is str for f in fields)


def _value_type(value, kind, encoder, path, depth):
    types = _value_types()
    for cls in (kind.__mro__ if encoder.lenient else (kind,)):
        tag = types.get(cls)
        if tag is not None:
            return _value_of(tag, cls, value, encoder, path, depth)
        if _is_namedtuple_class(cls):
            return _namedtuple_of(cls, value, encoder, path, depth)
        if cls in _CONTAINERS or cls in (int, float, str, bytes, bytearray, complex):
            return None
    return None


def _items(pairs, encoder, path, depth):
    return [[encoder.encode(k, path, depth + 1), encoder.encode(v, path, depth + 1)] for k, v in pairs]


def _value_of(tag, cls, value, encoder, path, depth):
    marker = id(value)
    if marker in path:
        raise WireError("cyclic value")
    path.add(marker)
    try:
        if tag == "rg":
            return {"rg": [encoder.encode(range.start.__get__(value), path, depth + 1),
                           encoder.encode(range.stop.__get__(value), path, depth + 1),
                           encoder.encode(range.step.__get__(value), path, depth + 1)]}
        if tag == "fr":
            numerator = cls.__dict__["_numerator"].__get__(value) if "_numerator" in cls.__dict__ else None
            denominator = cls.__dict__["_denominator"].__get__(value) if "_denominator" in cls.__dict__ else None
            if type(numerator) is not int or type(denominator) is not int or denominator <= 0:
                raise WireError("a malformed Fraction")
            return {"fr": [encoder.encode(numerator, path, depth + 1), encoder.encode(denominator, path, depth + 1)]}
        if tag == "dec":
            text = cls.__str__(value)
            if type(text) is not str or len(text) > MAX_INT_DIGITS + 40:
                raise WireError("a Decimal too long")
            return {"dec": text}
        if tag == "dq":
            maxlen = cls.maxlen.__get__(value)
            return {"dq": [[encoder.encode(v, path, depth + 1) for v in list(cls.__iter__(value))],
                           encoder.encode(maxlen, path, depth + 1)]}
        if tag in ("ctr", "od"):
            # The base dict's items: a subclass's __iter__/items play no part. An OrderedDict keeps its own order.
            pairs = list(cls.items(value)) if tag == "od" else list(dict.items(value))
            return {tag: _items(pairs, encoder, path, depth)}
        if tag == "dd":
            factory = cls.default_factory.__get__(value)
            factory = None if factory is None else encoder.handle_of(factory)
            return {"dd": [factory, _items(list(dict.items(value)), encoder, path, depth)]}
        if tag == "arr":
            return {"arr": [cls.typecode.__get__(value), [encoder.encode(v, path, depth + 1)
                                                          for v in cls.tolist(value)]]}
        if tag == "nd":
            dtype = cls.dtype.__get__(value)
            shape = cls.shape.__get__(value)
            if getattr(dtype, "kind", None) not in ("b", "i", "u", "f", "c") or type(dtype.str) is not str \
                    or not _NDARRAY_DTYPE.match(dtype.str):
                # Objects, strings, records: the array stays in the program.
                return encoder.handle_of(value)
            flat = cls.tolist(cls.ravel(value))
            if type(flat) is not list or type(shape) is not tuple:
                raise WireError("a malformed array")
            return {"nd": [dtype.str, [encoder.encode(n, path, depth + 1) for n in shape],
                           [encoder.encode(v, path, depth + 1) for v in flat]]}
    finally:
        path.discard(marker)
    raise WireError("unknown value type")


def _namedtuple_of(cls, value, encoder, path, depth):
    marker = id(value)
    if marker in path:
        raise WireError("cyclic value")
    path.add(marker)
    try:
        values = [encoder.encode(v, path, depth + 1) for v in tuple.__iter__(value)]
    finally:
        path.discard(marker)
    fields = list(cls.__dict__["_fields"])
    if len(fields) != len(values):
        raise WireError("a malformed namedtuple")
    try:
        ref = encoder.class_ref(cls) if encoder.class_ref is not None else encoder.handle_of(cls)
    except (WireError, TypeError):
        ref = None
    name = type.__dict__["__name__"].__get__(cls)
    return {"nt": [name, fields, values, ref]}


_CONTAINERS = {list: "l", tuple: "t", set: "s", frozenset: "fs", dict: "d"}


def _container(kind, value, handle_of, lenient, budget, path, depth, encoder=None):
    marker = id(value)
    if marker in path:
        raise WireError("cyclic value")
    path.add(marker)
    try:
        if kind is dict:
            return {"d": [[_encode(k, handle_of, lenient, budget, path, depth + 1, encoder),
                           _encode(v, handle_of, lenient, budget, path, depth + 1, encoder)] for k, v in dict.items(value)]}
        items = list.__iter__(value) if kind is list else value
        if kind is list and len(value) > 16 and all(type(v) is float for v in items):
            budget.nodes += len(value)
            if budget.nodes > budget.limit:
                raise WireError("more than %d values" % budget.limit)
            return {"lf": " ".join(map(float.__repr__, list.__iter__(value)))}
        items = list.__iter__(value) if kind is list else value
        return {_CONTAINERS[kind]: [_encode(v, handle_of, lenient, budget, path, depth + 1, encoder) for v in items]}
    finally:
        path.discard(marker)


def _plain_base(value):
    """The plain value under a subclass of a plain type, read through the base type's own methods so that overridden
    methods of the subclass play no part; None when value is not such a subclass."""
    if isinstance(value, int):
        return int(int.__repr__(value))
    if isinstance(value, float):
        return float(float.__repr__(value))
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, list):
        return list(list.__iter__(value))
    if isinstance(value, tuple):
        return tuple(tuple.__iter__(value))
    if isinstance(value, dict):
        return dict(dict.items(value))
    if isinstance(value, frozenset):
        return frozenset(frozenset.__iter__(value))
    if isinstance(value, set):
        return set(set.__iter__(value))
    if isinstance(value, bytes):
        return bytes(memoryview(value))
    if type(value).__module__ == "numpy" and getattr(value, "ndim", None) == 0 and hasattr(value, "item"):
        item = value.item()
        if type(item) in (bool, int, float, complex, str, bytes):
            return item
    return None


class Decoder:
    """Rebuilds tagged values with exact types. handle(n) makes the local stand-in of handle n;
    named(text) and callback(n) resolve {"n": …} and {"cb": n} tags; without them (the judge) those are invalid."""

    def __init__(self, handle, named=None, callback=None, stateful=None):
        self.handle = handle
        self.named = named
        self.callback = callback
        self.stateful = stateful

    def decode(self, data):
        return self._decode(data, Budget(), 0)

    def _decode(self, data, budget, depth):
        budget.take()
        if depth > MAX_DEPTH:
            raise WireError("nested deeper than %d" % MAX_DEPTH)
        kind = type(data)
        if data is None or kind is bool or kind is str or kind is int:
            return data
        if kind is not dict or len(data) != 1:
            raise WireError("not a tagged value: %s" % kind.__name__)
        (tag, payload), = data.items()
        if tag == "i":
            if type(payload) is not str or len(payload) > MAX_INT_DIGITS + 1 or not _INT.match(payload):
                raise WireError("bad int")
            return int(payload)
        if tag == "f":
            return _float(payload)
        if tag == "c":
            if type(payload) is not list or len(payload) != 2:
                raise WireError("bad complex")
            return complex(_float(payload[0]), _float(payload[1]))
        if tag in ("l", "t", "s", "fs"):
            if type(payload) is not list:
                raise WireError("bad sequence")
            items = [self._decode(v, budget, depth + 1) for v in payload]
            if tag == "l":
                return items
            if tag == "t":
                return tuple(items)
            try:
                result = set(items) if tag == "s" else frozenset(items)
            except TypeError:
                raise WireError("unhashable set element") from None
            if len(result) != len(items):
                raise WireError("duplicate set element")
            return result
        if tag == "d":
            if type(payload) is not list:
                raise WireError("bad dict")
            result = {}
            for pair in payload:
                if type(pair) is not list or len(pair) != 2:
                    raise WireError("bad dict entry")
                key = self._decode(pair[0], budget, depth + 1)
                try:
                    if key in result:
                        raise WireError("duplicate dict key")
                    result[key] = self._decode(pair[1], budget, depth + 1)
                except TypeError:
                    raise WireError("unhashable dict key") from None
            return result
        if tag == "lf":
            if type(payload) is not str:
                raise WireError("bad float list")
            texts = payload.split(" ")
            budget.nodes += len(texts)
            if budget.nodes > MAX_NODES:
                raise WireError("more than %d values" % MAX_NODES)
            return [_float(t) for t in texts]
        if tag in ("b", "ba"):
            if type(payload) is not str or len(payload) % 4 or not _B64.match(payload):
                raise WireError("bad bytes")
            raw = base64.b64decode(payload)
            return raw if tag == "b" else bytearray(raw)
        if tag == "h":
            if type(payload) is not int or payload < 0:
                raise WireError("bad handle")
            return self.handle(payload)
        if tag in _VALUE_TAGS:
            return self._value(tag, payload, budget, depth)
        if tag == "o" and self.stateful is not None:
            if type(payload) is not list or len(payload) != 3 or type(payload[0]) is not int or payload[0] < 0 \
                    or type(payload[2]) is not list:
                raise WireError("bad object")
            cls = self._decode(payload[1], budget, depth + 1)
            state = {}
            for pair in payload[2]:
                if type(pair) is not list or len(pair) != 2 or type(pair[0]) is not str or pair[0] in state:
                    raise WireError("bad object state")
                state[pair[0]] = self._decode(pair[1], budget, depth + 1)
            return self.stateful(payload[0], cls, state)
        if tag == "n" and self.named is not None and type(payload) is str:
            return self.named(payload)
        if tag == "cb" and self.callback is not None and type(payload) is int and payload >= 0:
            return self.callback(payload)
        raise WireError("unknown tag")


    def _pairs(self, payload, budget, depth):
        if type(payload) is not list:
            raise WireError("bad pairs")
        pairs = []
        for pair in payload:
            if type(pair) is not list or len(pair) != 2:
                raise WireError("bad pair")
            pairs.append((self._decode(pair[0], budget, depth + 1), self._decode(pair[1], budget, depth + 1)))
        return pairs

    def _mapping(self, cls, pairs):
        result = cls()
        try:
            for key, value in pairs:
                if key in result:
                    raise WireError("duplicate key")
                result[key] = value
        except TypeError:
            raise WireError("unhashable key") from None
        return result

    def _value(self, tag, payload, budget, depth):
        if tag == "dec":
            if type(payload) is not str or len(payload) > MAX_INT_DIGITS + 40 or not _DECIMAL.match(payload):
                raise WireError("bad Decimal")
            import decimal
            return decimal.Decimal(payload)
        if tag == "od":
            import collections
            return self._mapping(collections.OrderedDict, self._pairs(payload, budget, depth))
        if tag == "ctr":
            import collections
            return self._mapping(collections.Counter, self._pairs(payload, budget, depth))
        if type(payload) is not list:
            raise WireError("bad value")
        if tag == "dd":
            if len(payload) != 2:
                raise WireError("bad defaultdict")
            import collections
            factory = None if payload[0] is None else self._decode(payload[0], budget, depth + 1)
            if factory is not None and not callable(factory):
                raise WireError("bad defaultdict factory")
            result = self._mapping(dict, self._pairs(payload[1], budget, depth))
            return collections.defaultdict(factory, result)
        if tag == "nt":
            if len(payload) != 4 or type(payload[0]) is not str or type(payload[1]) is not list \
                    or type(payload[2]) is not list or len(payload[1]) != len(payload[2]) \
                    or not all(type(f) is str for f in payload[1]):
                raise WireError("bad namedtuple")
            values = [self._decode(v, budget, depth + 1) for v in payload[2]]
            origin = None if payload[3] is None else self._decode(payload[3], budget, depth + 1)
            if isinstance(origin, type) and issubclass(origin, tuple):
                # The callee's side: the solution's own class (its fields are read through tuple's methods).
                return tuple.__new__(origin, values)
            return tuple.__new__(_namedtuple_class(payload[0], tuple(payload[1]), origin), values)
        if tag == "dq":
            if len(payload) != 2 or type(payload[0]) is not list:
                raise WireError("bad deque")
            items = [self._decode(v, budget, depth + 1) for v in payload[0]]
            maxlen = self._decode(payload[1], budget, depth + 1)
            if not (maxlen is None or type(maxlen) is int and maxlen >= len(items)):
                raise WireError("bad deque")
            import collections
            return collections.deque(items, maxlen)
        if tag == "arr":
            if len(payload) != 2 or type(payload[0]) is not str or payload[0] not in _ARRAY_CODES \
                    or type(payload[1]) is not list:
                raise WireError("bad array")
            items = [self._decode(v, budget, depth + 1) for v in payload[1]]
            import array
            try:
                return array.array(payload[0], items)
            except (TypeError, ValueError, OverflowError):
                raise WireError("bad array items") from None
        if tag == "nd":
            if len(payload) != 3 or type(payload[0]) is not str or not _NDARRAY_DTYPE.match(payload[0]) \
                    or type(payload[1]) is not list or type(payload[2]) is not list or len(payload[1]) > 32:
                raise WireError("bad ndarray")
            shape = [self._decode(n, budget, depth + 1) for n in payload[1]]
            items = [self._decode(v, budget, depth + 1) for v in payload[2]]
            size = 1
            for n in shape:
                if type(n) is not int or n < 0:
                    raise WireError("bad ndarray shape")
                size *= n
            if size != len(items) or not all(type(v) in (bool, int, float, complex) for v in items):
                raise WireError("bad ndarray items")
            try:
                import numpy
                return numpy.array(items, dtype=numpy.dtype(payload[0])).reshape(shape)
            except ImportError:
                raise WireError("an ndarray where numpy is missing") from None
            except (TypeError, ValueError, OverflowError):
                raise WireError("bad ndarray items") from None
        values = [self._decode(v, budget, depth + 1) for v in payload]
        if tag == "fr":
            if len(values) != 2 or type(values[0]) is not int or type(values[1]) is not int or values[1] <= 0:
                raise WireError("bad Fraction")
            import fractions
            return fractions.Fraction(values[0], values[1])
        if tag == "rg":
            if len(values) != 3 or not all(type(v) is int for v in values) or values[2] == 0:
                raise WireError("bad range")
            return range(*values)
        raise WireError("unknown tag")


_VALUE_TAGS = frozenset(("fr", "dec", "rg", "dq", "ctr", "od", "dd", "nt", "arr", "nd"))
_NDARRAY_DTYPE = re.compile(r"[<>|=]?[biufc][0-9]{1,2}\Z")
_ARRAY_CODES = frozenset("bBuhHiIlLqQfd")
_DECIMAL = re.compile(r"[-+]?(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|Infinity|s?NaN[0-9]*)\Z")
_namedtuple_classes = {}


def _namedtuple_class(typename, fields, origin):
    """A namedtuple class of the receiver's own, one per (name, fields, origin); origin (the sender's class: a
    handle, or None) is kept on it as _rw_origin, so that the value goes back as an instance of that class."""
    key = (typename, fields, origin)
    cls = _namedtuple_classes.get(key)
    if cls is None:
        import collections
        import keyword
        name = typename if typename.isidentifier() and not keyword.iskeyword(typename) else "namedtuple"
        try:
            # rename: a field name namedtuple itself refuses (from rename=True on the sender's side) becomes _<i>.
            cls = collections.namedtuple(name, fields, rename=True)
        except (ValueError, TypeError):
            raise WireError("bad namedtuple names") from None
        cls._rw_origin = origin
        if len(_namedtuple_classes) < 10_000:
            _namedtuple_classes[key] = cls
    return cls


def _float(text):
    if type(text) is not str or len(text) > 40 or not _FLOAT.match(text):
        raise WireError("bad float")
    return float(text)


class Channel:
    """Line-oriented JSON messages over two raw file descriptors."""

    def __init__(self, read_fd, write_fd):
        self.read_fd = read_fd
        self.write_fd = write_fd
        self.buffer = bytearray()
        self.eof = False
        self.received = 0

    def send(self, message):
        data = (json.dumps(message, ensure_ascii=True, separators=(",", ":"), allow_nan=False) + "\n").encode("ascii")
        view = memoryview(data)
        while view:
            written = os.write(self.write_fd, view)
            view = view[written:]

    def receive(self):
        """The next message (a JSON object), or None at end of file. WireError for an oversized or invalid line."""
        while True:
            end = self.buffer.find(b"\n")
            if end >= 0:
                line = bytes(self.buffer[:end])
                del self.buffer[:end + 1]
                return _parse(line)
            if len(self.buffer) > MAX_LINE:
                raise WireError("a message longer than %d bytes" % MAX_LINE)
            if self.eof:
                if self.buffer:
                    raise WireError("a message without its end of line")
                return None
            chunk = os.read(self.read_fd, 1 << 16)
            self.received += len(chunk)
            if not chunk:
                self.eof = True
            self.buffer += chunk


def _small_int(text):
    # Raw JSON numbers only count things (handle numbers); values are tagged. Long digit strings would cost
    # quadratic time to convert.
    if len(text) > 18:
        raise ValueError("number too long")
    return int(text)


def _no_raw_number(text):
    raise ValueError("raw number")


def _parse(line):
    try:
        message = json.loads(line.decode("utf-8"), parse_int=_small_int, parse_float=_no_raw_number,
                             parse_constant=_no_raw_number)
    except (ValueError, RecursionError, UnicodeDecodeError):
        raise WireError("a message that is not JSON") from None
    if type(message) is not dict:
        raise WireError("a message that is not an object")
    return message
