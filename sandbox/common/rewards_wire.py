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
  {"h": 7}                           opaque handle: an object that stays in the callee
  {"n": "math:sqrt"}                 judge to callee only: a builtin or standard-library object, by name
  {"cb": 0}                          judge to callee only: a function of the tests; calling it sends
                                     {"callback": 0, "args": [..], "kwargs": [[name, value], ..]} to the judge, which
                                     runs it and answers {"ok": value} or {"raised": {..}}

Both sides bound what they read: a line of at most MAX_LINE bytes, nesting of at most MAX_DEPTH, MAX_NODES values.
"""
import base64
import json
import os
import re

MAX_LINE = 8 << 20
MAX_DEPTH = 200
MAX_NODES = 1_000_000
SMALL_INT = 10 ** 18
MAX_INT_DIGITS = 100_000
MAX_INT_BITS = 332_000

_INT = re.compile(r"-?[0-9]+\Z")
_FLOAT = re.compile(r"-?(?:nan|inf|[0-9]+(?:\.[0-9]*)?(?:e[-+]?[0-9]+)?)\Z")
_B64 = re.compile(r"[A-Za-z0-9+/]*={0,2}\Z")


class WireError(Exception):
    """A value that cannot cross (too big, too deep, cyclic) or a message that is not valid wire data."""


class Budget:
    """Counts the values of one message."""
    __slots__ = ("nodes",)

    def __init__(self):
        self.nodes = 0

    def take(self):
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise WireError("more than %d values" % MAX_NODES)


def encode(value, handle_of, plain_subclasses=False):
    """Tagged form of value. handle_of(obj) gives the tagged form of a value that is not plain data ({"h": n} or
    {"n": name}), or raises WireError. With plain_subclasses, instances of subclasses of plain types (namedtuple, Counter, IntEnum …) and numpy
    scalars cross as their plain base value; otherwise only exact types are plain."""
    return _encode(value, handle_of, plain_subclasses, Budget(), set(), 0)


def _encode(value, handle_of, lenient, budget, path, depth):
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
        return _container(kind, value, handle_of, lenient, budget, path, depth)
    if kind is bytes:
        return {"b": base64.b64encode(value).decode("ascii")}
    if kind is bytearray:
        return {"ba": base64.b64encode(bytes(value)).decode("ascii")}
    if kind is complex:
        return {"c": [float.__repr__(value.real), float.__repr__(value.imag)]}
    if lenient:
        base = _plain_base(value)
        if base is not None:
            return _encode(base, handle_of, lenient, budget, path, depth)
    return handle_of(value)


_CONTAINERS = {list: "l", tuple: "t", set: "s", frozenset: "fs", dict: "d"}


def _container(kind, value, handle_of, lenient, budget, path, depth):
    marker = id(value)
    if marker in path:
        raise WireError("cyclic value")
    path.add(marker)
    try:
        if kind is dict:
            return {"d": [[_encode(k, handle_of, lenient, budget, path, depth + 1),
                           _encode(v, handle_of, lenient, budget, path, depth + 1)] for k, v in dict.items(value)]}
        items = list.__iter__(value) if kind is list else value
        if kind is list and len(value) > 16 and all(type(v) is float for v in items):
            budget.nodes += len(value)
            if budget.nodes > MAX_NODES:
                raise WireError("more than %d values" % MAX_NODES)
            return {"lf": " ".join(map(float.__repr__, list.__iter__(value)))}
        items = list.__iter__(value) if kind is list else value
        return {_CONTAINERS[kind]: [_encode(v, handle_of, lenient, budget, path, depth + 1) for v in items]}
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

    def __init__(self, handle, named=None, callback=None):
        self.handle = handle
        self.named = named
        self.callback = callback

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
        if tag == "n" and self.named is not None and type(payload) is str:
            return self.named(payload)
        if tag == "cb" and self.callback is not None and type(payload) is int and payload >= 0:
            return self.callback(payload)
        raise WireError("unknown tag")


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
