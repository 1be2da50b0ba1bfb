"""Trusted judge of call-based and assert-based Python tests.

Runs as a uid of its own, next to the submission's process (callee.py), and talks to it over fd 3 (replies in) and
fd 4 (requests out) — see rewards_wire.py. The test data (expected values, assert code) arrive on stdin and never
leave this process; the submission only ever receives the arguments of the calls the tests make.

judge_input (stdin, one JSON object):
  {"mode": "call", "fn_name": "f", "args": [..] | {..}, "expected": <json>, "float_tolerance": 1e-9}
  {"mode": "assert", "test_code": "...", "entry_point": "f" | "Solution().f" | null}
verdict (stdout, one JSON line, exit status 0):
  {"passed": bool, "checks": n, "failed_check": str | null,
   "error": null | {"kind": "wrong_answer" | "runtime_error" | "no_reply" | "bad_test", "message": str}}
"bad_test" is the one verdict the submission cannot cause: the judge input itself is unusable (the test code does
not compile, a field is missing). Any other failure of this script exits non-zero: the judge itself failed.

Assert mode runs the dataset's test code here, with pristine builtins. Names the test code does not define come
from the solution, resolved on first use: a function or class becomes a Handle whose calls and attribute reads are
requests to the callee; a module the solution imported becomes this process's own copy of that module; plain data
becomes its decoded value. Builtins always stay this process's builtins, and a name of a standard-library module
is always the pristine module. The test code is rewritten (AST) so that ==, !=, in and not in compare type-strictly
(strict_equal) and every assert statement is counted and judged here. Arguments cross as plain data, builtins and
standard-library objects by name, Handles as themselves, and functions of the tests as callbacks the solution may
call (they run here). Lists, dicts and sets the solution changed in place are updated here after the call.
"""
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rewards_wire as wire  # noqa: E402

del sys.path[0]

REPLIES_FD = 3
REQUESTS_FD = 4
# The judge's own exit, kept before the tests may replace os._exit.
_EXIT = os._exit
TEXT_CHARS = 300
# All replies of one test together; keeps this process's memory bounded whatever the program sends.
MAX_RECEIVED_BYTES = 128 << 20
LENDABLE_MODULES = wire.NAMED_MODULES


class Stop(BaseException):
    """Ends the tests with a verdict. A BaseException, so that test code catching Exception cannot swallow it."""

    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind
        self.message = message


class BadTest(Exception):
    pass


class SolutionRaised(Exception):
    """Mixed into the exception a call into the solution raised, rebuilt here from its type name and message."""


_RAISED_TYPES = {}


def raised_type(name):
    base = getattr(__import__("builtins"), name, None)
    if not (isinstance(base, type) and issubclass(base, Exception)) or issubclass(base, SolutionRaised):
        base = Exception
    elif issubclass(base, (StopIteration, StopAsyncIteration)):
        # Here a StopIteration would end whatever iterator of the tests is running the call (map(f, cases) under
        # all() would pass with the checks left unmade): it becomes an error, as PEP 479 makes it in generators.
        base = RuntimeError
    key = base.__name__
    if key not in _RAISED_TYPES:
        try:
            _RAISED_TYPES[key] = type(key, (SolutionRaised, base), {})
        except TypeError:
            _RAISED_TYPES[key] = type(key, (SolutionRaised, Exception), {})
    return _RAISED_TYPES[key]


def short(text):
    text = str(text)
    return text if len(text) <= TEXT_CHARS else text[:TEXT_CHARS] + "…"


# ---------------------------------------------------------------------------------------------------------------
# The callee and the objects that stay in it


class Callee:
    """Requests to the submission's process. Once it stops answering (or answers nonsense), every later request
    raises Stop again, so that test code catching everything cannot hide it."""

    def __init__(self, read_fd, write_fd):
        self.channel = wire.Channel(read_fd, write_fd)
        self.handles = {}
        self.callbacks = []
        self.calls = 0
        self.dead = None
        self.decoder = wire.Decoder(self.handle, named=judge_named, stateful=self.stateful)
        # Handles whose state the reply being read may renew: the ones the operation worked on.
        self.renewable = frozenset()

    def handle(self, number):
        proxy = self.handles.get(number)
        if proxy is None:
            proxy = Handle(self, number)
            self.handles[number] = proxy
        return proxy

    def stateful(self, number, cls, state):
        """An object of the solution that compares by value, with its state. The state is taken when the judge first
        sees the object and renewed only by operations on it: an object returned earlier cannot take on the state of
        one the tests build later (whose arguments the solution sees)."""
        fresh = number not in self.handles
        proxy = self.handle(number)
        if fresh or number in self.renewable:
            object.__setattr__(proxy, "_rw_state", (cls, state) if isinstance(cls, Handle) else None)
        return proxy

    def request(self, message):
        if self.dead is not None:
            raise self.dead
        self.transmit(message)
        while True:
            reply = self.receive()
            if "callback" not in reply:
                return reply
            # The solution calls a function the tests passed to it (a key= or a lambda): run here, answer, go on.
            self.transmit(self.run_callback(reply))

    def run_callback(self, message):
        number, args, kwargs = message.get("callback"), message.get("args"), message.get("kwargs")
        if type(number) is not int or not 0 <= number < len(self.callbacks) or type(args) is not list \
                or type(kwargs) is not list:
            self.fail("a malformed callback")
        try:
            values = [self.decode(a) for a in args]
            keywords = {}
            for entry in kwargs:
                if type(entry) is not list or len(entry) != 2 or type(entry[0]) is not str:
                    self.fail("a malformed callback")
                keywords[entry[0]] = self.decode(entry[1])
            return {"ok": self.encode(self.callbacks[number](*values, **keywords))}
        except Stop:
            raise
        except Exception as error:
            return {"raised": {"type": type(error).__name__, "message": short(error)}}

    def transmit(self, message):
        try:
            self.channel.send(message)
        except (OSError, ValueError) as error:
            self.dead = Stop("no_reply", "the program stopped answering (%s)" % type(error).__name__)
            raise self.dead from None

    def receive(self):
        try:
            reply = self.channel.receive()
        except (OSError, ValueError) as error:
            self.dead = Stop("no_reply", "the program stopped answering (%s)" % type(error).__name__)
            raise self.dead from None
        except wire.WireError as error:
            self.dead = Stop("runtime_error", "the program sent an invalid reply: %s" % error)
            raise self.dead from None
        if reply is None:
            self.dead = Stop("no_reply", "the program ended before answering")
            raise self.dead
        if self.channel.received > MAX_RECEIVED_BYTES:
            self.dead = Stop("runtime_error", "the program sent more than %d MiB" % (MAX_RECEIVED_BYTES >> 20))
            raise self.dead
        return reply

    def value(self, reply, allow_stop=False, touched=()):
        keys = set(reply)
        if keys <= {"ok", "mutated", "states"} and "ok" in keys:
            states = reply.get("states", [])
            if type(states) is not list or len(states) > len(touched) + 2:
                self.fail("a malformed report of states")
            self.renewable = frozenset(h._rw_number for h in touched if isinstance(h, Handle))
            try:
                for state in states:
                    self.decode(state)
            finally:
                self.renewable = frozenset()
            return self.decode(reply["ok"])
        if keys == {"raised"} and type(reply["raised"]) is dict:
            raised = reply["raised"]
            name, message = raised.get("type"), raised.get("message")
            if type(name) is not str or type(message) is not str:
                self.fail("a malformed exception report")
            try:
                error = raised_type(name)(short(message))
            except Exception:
                error = raised_type("Exception")(short(message))
            raise error
        if allow_stop and reply == {"stop": True}:
            raise StopIteration
        self.fail("an unexpected reply")

    def decode(self, data):
        try:
            return self.decoder.decode(data)
        except (wire.WireError, RecursionError) as error:
            self.fail("an invalid value: %s" % error)

    def fail(self, what):
        self.dead = Stop("runtime_error", "the program sent " + what)
        raise self.dead

    def encode(self, value):
        def handle_of(obj):
            if isinstance(obj, Handle) and obj._rw_callee is self:
                return {"h": obj._rw_number}
            name = standard_name(obj)
            if name is not None:
                return {"n": name}
            if callable(obj) and not isinstance(obj, Handle):
                self.callbacks.append(obj)
                return {"cb": len(self.callbacks) - 1}
            raise TypeError("a %s cannot be passed to the solution" % type(obj).__name__)

        def class_ref(cls):
            # A namedtuple the solution sent goes back as an instance of its own class; one of the tests as a
            # namedtuple of the callee's making.
            origin = cls.__dict__.get("_rw_origin")
            return {"h": origin._rw_number} if isinstance(origin, Handle) and origin._rw_callee is self else None
        try:
            return wire.encode(value, handle_of, class_ref=class_ref)
        except wire.WireError as error:
            raise TypeError("argument cannot be passed to the solution: %s" % error) from None

    def load(self):
        reply = self.request({"op": "load"})
        self.value(reply)

    def names(self):
        reply = self.request({"op": "names"})
        names = self.value(reply)
        if type(names) is not list or not all(type(n) is str and n.isidentifier() for n in names):
            self.fail("a malformed list of names")
        return names

    def lookup(self, name):
        """('missing'|'module'|'value', payload) of a global name of the solution."""
        reply = self.request({"op": "global", "name": name})
        if reply == {"missing": True}:
            return "missing", None
        if set(reply) == {"module"} and type(reply["module"]) is str:
            return "module", reply["module"]
        return "value", self.value(reply)

    def call(self, target, args, kwargs):
        self.calls += 1
        wire_args = [self.encode(a) for a in args]
        wire_kwargs = [[str(k), self.encode(v)] for k, v in kwargs.items()]
        reply = self.request({"op": "call", "target": self.encode(target), "args": wire_args,
                              "kwargs": wire_kwargs})
        touched = [target, getattr(target, "_rw_owner", None) if isinstance(target, Handle) else None]
        result = self.value(reply, touched=touched + list(args) + list(kwargs.values()))
        mutated = reply.get("mutated", [])
        if type(mutated) is not list or len(mutated) > len(args) + len(kwargs):
            self.fail("a malformed report of changed arguments")
        for entry in mutated:
            if type(entry) is not list or len(entry) != 2 or type(entry[0]) not in (int, str):
                self.fail("a malformed report of changed arguments")
            where, data = entry
            original = args[where] if type(where) is int and 0 <= where < len(args) else kwargs.get(where)
            update_in_place(original, self.decode(data))
        return result

    def next_batch(self, iterator, count):
        """Up to count items of an iterator of the program and, if it ended, how: (items, None | StopIteration() |
        the exception it raised)."""
        reply = self.request({"op": "next_batch", "target": self.encode(iterator), "count": count})
        if set(reply) - {"ok", "end"} or "ok" not in reply:
            self.fail("an unexpected reply")
        items = self.value({"ok": reply["ok"]})
        if type(items) is not list or len(items) > count:
            self.fail("a malformed batch")
        end = reply.get("end")
        if end is None:
            return items, None
        if end == "stop":
            return items, StopIteration()
        try:
            self.value(end if type(end) is dict else {})
        except Stop:
            raise
        except Exception as error:
            return items, error
        self.fail("a malformed end of iteration")

    def op(self, op_name, target, allow_stop=False, **fields):
        message = {"op": op_name, "target": self.encode(target)}
        for key, value in fields.items():
            message[key] = value if key == "name" else self.encode(value)
        return self.value(self.request(message), allow_stop, (target,))


def judge_named(text):
    """A class the solution sent by name: this process's own, from the builtins or wire.TYPE_MODULES (imported here
    if need be: they are the standard library's). Never a function: see wire.TYPE_MODULES."""
    import builtins

    module_name, _, qualname = text.rpartition(":") if type(text) is str else ("", "", "")
    parts = qualname.split(".")
    if not all(part.isidentifier() and not part.startswith("_") for part in parts) \
            or (module_name and module_name not in wire.TYPE_MODULES):
        raise wire.WireError("a name the judge does not know")
    if module_name:
        __import__(module_name)
    target = sys.modules[module_name] if module_name else builtins
    for part in parts:
        target = getattr(target, part, None)
    if not isinstance(target, type):
        raise wire.WireError("a name the judge does not know")
    return target


def standard_name(obj):
    """"int", "math:sqrt": the name under which the callee finds the same builtin or standard-library object."""
    import builtins

    module_name = getattr(obj, "__module__", None)
    qualname = getattr(obj, "__qualname__", None)
    if type(module_name) is not str or type(qualname) is not str or "<" in qualname:
        return None
    if module_name == "builtins":
        return qualname if getattr(builtins, qualname, None) is obj else None
    module = sys.modules.get(module_name)
    if module is None or module_name.split(".")[0] not in stdlib_names():
        return None
    target = module
    for part in qualname.split("."):
        target = getattr(target, part, None)
    return module_name + ":" + qualname if target is obj else None


def update_in_place(original, new):
    if type(original) is list and type(new) is list:
        original[:] = new
    elif type(original) is dict and type(new) is dict:
        original.clear()
        original.update(new)
    elif type(original) is set and type(new) is set:
        original.clear()
        original.update(new)
    elif type(original) is bytearray and type(new) is bytearray:
        original[:] = new


class Handle:
    """An object that stays in the submission's process. Calls, attributes, items, iteration, len, bool and str
    are requests; equality is identity only and a Handle is never equal to plain data."""
    __slots__ = ("_rw_callee", "_rw_number", "_rw_state", "_rw_owner", "__weakref__")

    def __init__(self, callee, number):
        object.__setattr__(self, "_rw_callee", callee)
        object.__setattr__(self, "_rw_number", number)
        object.__setattr__(self, "_rw_state", None)
        object.__setattr__(self, "_rw_owner", None)

    def __call__(self, *args, **kwargs):
        return self._rw_callee.call(self, args, kwargs)

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__") or name.startswith("_rw_"):
            raise AttributeError(name)
        value = self._rw_callee.op("getattr", self, name=name)
        if isinstance(value, Handle) and value is not self:
            # A bound method: calling it may change this object, whose state the reply then renews.
            object.__setattr__(value, "_rw_owner", self)
        return value

    def __setattr__(self, name, value):
        if name.startswith("_rw_"):
            raise AttributeError(name)
        self._rw_callee.op("setattr", self, name=name, value=value)

    def __copy__(self):
        # The object stays in the solution's process; a copy here could only be a second name for it.
        return self

    def __deepcopy__(self, memo):
        return self

    def __getitem__(self, key):
        return self._rw_callee.op("getitem", self, key=key)

    def __setitem__(self, key, value):
        self._rw_callee.op("setitem", self, key=key, value=value)

    def __len__(self):
        n = self._rw_callee.op("len", self)
        if type(n) is not int or n < 0:
            raise TypeError("len() of a solution object is not a non-negative int")
        return n

    def __instancecheck__(self, instance):
        # isinstance(node, Node) in the tests, Node a class of the solution: its process answers for its own class.
        return self._rw_truth("isinstance", instance)

    def __subclasscheck__(self, subclass):
        return self._rw_truth("issubclass", subclass)

    def _rw_truth(self, op_name, value):
        truth = self._rw_callee.op(op_name, self, value=value)
        if type(truth) is not bool:
            raise TypeError("%s() of a solution class is not a bool" % op_name)
        return truth

    def __next__(self):
        # next(gen) in the tests, on a generator or iterator the solution returned.
        return self._rw_callee.op("next", self, allow_stop=True)

    def __iter__(self):
        iterator = self._rw_callee.op("iter", self)
        if not isinstance(iterator, Handle):
            raise TypeError("iter() of a solution object is not an iterator")
        return HandleIterator(iterator)

    def __contains__(self, item):
        return any(strict_equal(item, element) for element in self)

    def __bool__(self):
        truth = self._rw_callee.op("bool", self)
        if type(truth) is not bool:
            raise TypeError("bool() of a solution object is not a bool")
        return truth

    def __str__(self):
        text = self._rw_callee.op("str", self)
        if type(text) is not str:
            raise TypeError("str() of a solution object is not a str")
        return text

    def __repr__(self):
        if _QUIET[0]:
            return "<object of the solution #%d>" % self._rw_number
        text = self._rw_callee.op("repr", self)
        if type(text) is not str:
            raise TypeError("repr() of a solution object is not a str")
        return text

    def __eq__(self, other):
        return self is other

    def __ne__(self, other):
        return self is not other

    __hash__ = object.__hash__


_QUIET = [False]


def shown(value):
    """repr() for a verdict's text, without asking the program (which may be dead, slow or lying)."""
    _QUIET[0] = True
    try:
        return short(repr(value))
    except Exception:
        return "<%s>" % type(value).__name__
    finally:
        _QUIET[0] = False


class HandleIterator:
    """Iteration over an object of the program (list(f(x)), for x in f(x) …): items come in batches of 1, 2, 4 …
    up to BATCH, so that a long iteration costs the program few requests, and a short one (islice, break, zip)
    advances its iterator at most about twice as far as Python would."""
    __slots__ = ("handle", "buffer", "size", "end")
    BATCH = 1024

    def __init__(self, handle):
        import collections

        self.handle = handle
        self.buffer = collections.deque()
        self.size = 1
        self.end = None

    def __iter__(self):
        return self

    def __next__(self):
        if not self.buffer:
            if self.end is not None:
                raise self.end
            items, self.end = self.handle._rw_callee.next_batch(self.handle, self.size)
            self.size = min(self.size * 2, self.BATCH)
            self.buffer.extend(items)
            if not self.buffer:
                raise self.end
        return self.buffer.popleft()


# ---------------------------------------------------------------------------------------------------------------
# Type-strict comparison

def _numeric_rank(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return 0
    if isinstance(value, float):
        return 1
    if isinstance(value, complex):
        return 2
    return None


def strict_equal(a, b, depth=0):
    """Python's == without its coercions: bool equals only bool, None only None, str only str, a list only a list,
    a tuple only a tuple, a dict only a mapping, a set only a set; containers element by element with the same rules.
    Numbers (int, float, complex) compare exactly, as Python does (240.0 == 240, but no tolerance: 2e12 is not
    2000000000001). A Handle equals nothing but itself."""
    if depth > wire.MAX_DEPTH * 2:
        raise RecursionError("values nested too deeply to compare")
    if isinstance(a, Approx) or isinstance(b, Approx):
        return b.matches(a) if isinstance(b, Approx) else a.matches(b)
    if isinstance(a, Handle) or isinstance(b, Handle):
        if a is b:
            return True
        if not (isinstance(a, Handle) and isinstance(b, Handle)) or a._rw_state is None or b._rw_state is None:
            return False
        # Two objects of one class of the solution that compares by value: their states, compared here (as a
        # dataclass's __eq__ compares its fields), never by the solution's __eq__.
        (class_a, state_a), (class_b, state_b) = a._rw_state, b._rw_state
        return class_a is class_b and strict_equal(state_a, state_b, depth + 1)
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    ra, rb = _numeric_rank(a), _numeric_rank(b)
    if ra is not None and rb is not None:
        return bool(a == b)
    if ra is not None or rb is not None:
        other = b if ra is not None else a
        if _plain(other):
            return False
        return bool(a == b)
    if a is None or b is None:
        return a is b
    if isinstance(a, str) or isinstance(b, str):
        return isinstance(a, str) and isinstance(b, str) and str.__eq__(a, b)
    if isinstance(a, (bytes, bytearray)) or isinstance(b, (bytes, bytearray)):
        return isinstance(a, (bytes, bytearray)) and isinstance(b, (bytes, bytearray)) and bytes(a) == bytes(b)
    if isinstance(a, (list, tuple)) or isinstance(b, (list, tuple)):
        if not (isinstance(a, list) and isinstance(b, list) or isinstance(a, tuple) and isinstance(b, tuple)):
            return False
        return len(a) == len(b) and all(strict_equal(x, y, depth + 1) for x, y in zip(a, b))
    if isinstance(a, dict) or isinstance(b, dict):
        if not (isinstance(a, dict) and isinstance(b, dict)):
            return False
        counter = _collections_type("Counter")
        if counter is not None and isinstance(a, counter) and isinstance(b, counter):
            # Counter == Counter leaves out zero counts (Python 3.10+).
            a = {k: v for k, v in a.items() if not (_numeric_rank(v) is not None and v == 0)}
            b = {k: v for k, v in b.items() if not (_numeric_rank(v) is not None and v == 0)}
        ordered = _collections_type("OrderedDict")
        if ordered is not None and isinstance(a, ordered) and isinstance(b, ordered):
            # OrderedDict == OrderedDict is order-sensitive.
            return len(a) == len(b) and all(strict_equal(x, y, depth + 1) for x, y in zip(a.items(), b.items()))
        if len(a) != len(b):
            return False
        keys_of_b = {k: k for k in b}
        for key, value in a.items():
            if key not in keys_of_b:
                return False
            other_key = keys_of_b[key]
            if not strict_equal(key, other_key, depth + 1) or not strict_equal(value, b[other_key], depth + 1):
                return False
        return True
    if isinstance(a, (set, frozenset)) or isinstance(b, (set, frozenset)):
        if not (isinstance(a, (set, frozenset)) and isinstance(b, (set, frozenset))) or len(a) != len(b):
            return False
        elements_of_b = {e: e for e in b}
        return all(x in elements_of_b and strict_equal(x, elements_of_b[x], depth + 1) for x in a)
    deque = _collections_type("deque")
    if deque is not None and (isinstance(a, deque) or isinstance(b, deque)):
        return isinstance(a, deque) and isinstance(b, deque) and len(a) == len(b) and all(
            strict_equal(x, y, depth + 1) for x, y in zip(a, b))
    # Two objects of the judge's own (Fraction, Decimal, range, array, numpy arrays …): their own equality is
    # trusted — values from the solution arrive as this process's own types.
    return _truth(a == b)


def _ndarray_operand(a, b):
    """True when == in the tests is numpy's elementwise comparison (`(f(x) == expected).all()`): an array on either
    side — this process's own, rebuilt from the program's values — and no object of the program."""
    numpy = sys.modules.get("numpy")
    if numpy is None or isinstance(a, Handle) or isinstance(b, Handle):
        return False
    return isinstance(a, numpy.ndarray) or isinstance(b, numpy.ndarray)


def _collections_type(name):
    collections = sys.modules.get("collections")
    return getattr(collections, name, None) if collections is not None else None


def _plain(value):
    return value is None or isinstance(value, (str, bytes, bytearray, list, tuple, dict, set, frozenset))


def _truth(value):
    if isinstance(value, Handle):
        raise AssertionError("an object of the solution is not a truth value")
    return bool(value)


def strict_in(item, container):
    if isinstance(container, Handle):
        return any(strict_equal(item, element) for element in container)
    if isinstance(container, (str, bytes, bytearray)):
        if isinstance(container, str) != isinstance(item, str):
            return False
        return item in container
    if isinstance(container, dict):
        keys = {k: k for k in container}
        try:
            return item in keys and strict_equal(item, keys[item])
        except TypeError:
            return False
    if isinstance(container, (set, frozenset)):
        elements = {e: e for e in container}
        try:
            return item in elements and strict_equal(item, elements[item])
        except TypeError:
            return False
    if isinstance(container, (list, tuple, range)) or hasattr(container, "__iter__"):
        return any(strict_equal(item, element) for element in container)
    return item in container


# ---------------------------------------------------------------------------------------------------------------
# Assert mode


class Checks:
    """The checks of a test suite. Asserts (and unittest assert methods) are counted; so are the strict comparisons
    the tests make, since `if f(x) != y: raise …` checks too. A check that failed fails the suite even when the
    test code caught its AssertionError (a bare except, unittest's own runner, `except AssertionError: print(…)`)."""

    def __init__(self):
        self.count = 0
        self.compared = 0
        self.failed = None
        self.unittest_problems = []

    def raise_unittest_problem(self):
        if self.unittest_problems:
            raise self.unittest_problems[0]

    def check(self, value, text):
        self.count += 1
        if not _truth(value):
            self.fail(text)

    def fail(self, text):
        if self.failed is None:
            self.failed = text
        raise AssertionError(text)

    def counted(self, function):
        self.count += 1
        return function

    def eq(self, a, b):
        self.compared += 1
        if _ndarray_operand(a, b):
            return a == b
        return strict_equal(a, b)

    def ne(self, a, b):
        self.compared += 1
        if _ndarray_operand(a, b):
            return a != b
        return not strict_equal(a, b)

    def contains(self, a, b):
        self.compared += 1
        return strict_in(a, b)

    def not_contains(self, a, b):
        self.compared += 1
        return not strict_in(a, b)

    def eq_bool_literal(self, value, literal):
        self.compared += 1
        return equal_to_bool_literal(value, literal)

    def unittest_assert(self, method, text, *args, **kwargs):
        """self.assertEqual(a, b) and the other assert methods of unittest, judged strictly here."""
        self.count += 1
        if not _unittest_truth(method, args, kwargs):
            self.fail(text)

    @staticmethod
    def negate(value):
        return not _truth(value)

    def chain(self, left, *steps):
        self.compared += 1
        for op, thunk in steps:
            right = thunk()
            if not _compare(op, left, right):
                return False
            left = right
        return True


_UNITTEST_EQUAL = frozenset(("assertEqual", "assertEquals", "failUnlessEqual", "assertListEqual", "assertTupleEqual",
                             "assertDictEqual", "assertSetEqual", "assertSequenceEqual", "assertMultiLineEqual"))
_UNITTEST_TYPES = {"assertListEqual": (list,), "assertTupleEqual": (tuple,), "assertDictEqual": (dict,),
                   "assertSetEqual": (set, frozenset), "assertMultiLineEqual": (str,)}
_UNITTEST_ORDER = {"assertGreater": ">", "assertGreaterEqual": ">=", "assertLess": "<", "assertLessEqual": "<="}
_UNITTEST_METHODS = _UNITTEST_EQUAL | frozenset(_UNITTEST_ORDER) | frozenset((
    "assertNotEqual", "assertNotEquals", "failIfEqual", "assertTrue", "assert_", "failUnless", "assertFalse",
    "failIf", "assertIs", "assertIsNot", "assertIsNone", "assertIsNotNone", "assertIn", "assertNotIn",
    "assertIsInstance", "assertNotIsInstance", "assertAlmostEqual", "assertAlmostEquals", "failUnlessAlmostEqual",
    "assertNotAlmostEqual", "assertNotAlmostEquals", "failIfAlmostEqual", "assertCountEqual", "assertItemsEqual",
    "assertRegex", "assertNotRegex", "assertRegexpMatches"))
# The ones that check by running code of the tests (a callable or a with-block): unittest's own, counted.
_UNITTEST_RUNNERS = frozenset(("assertRaises", "assertRaisesRegex", "assertRaisesRegexp", "assertWarns",
                               "assertWarnsRegex"))


def _unittest_truth(method, args, kwargs):
    def arg(index, name):
        if len(args) > index:
            return args[index]
        if name in kwargs:
            return kwargs[name]
        raise TypeError("missing argument %s" % name)

    if method in _UNITTEST_EQUAL:
        first, second = arg(0, "first"), arg(1, "second")
        types = _UNITTEST_TYPES.get(method)
        if types is not None and not (isinstance(first, types) and isinstance(second, types)):
            return False
        if method == "assertSequenceEqual" and isinstance(first, (list, tuple)) and isinstance(second, (list, tuple)):
            return len(first) == len(second) and all(strict_equal(a, b) for a, b in zip(first, second))
        return strict_equal(first, second)
    if method in ("assertNotEqual", "assertNotEquals", "failIfEqual"):
        return not strict_equal(arg(0, "first"), arg(1, "second"))
    if method in ("assertTrue", "assert_", "failUnless"):
        return _truth(arg(0, "expr"))
    if method in ("assertFalse", "failIf"):
        return not _truth(arg(0, "expr"))
    if method == "assertIs":
        return arg(0, "expr1") is arg(1, "expr2")
    if method == "assertIsNot":
        return arg(0, "expr1") is not arg(1, "expr2")
    if method == "assertIsNone":
        return arg(0, "obj") is None
    if method == "assertIsNotNone":
        return arg(0, "obj") is not None
    if method == "assertIn":
        return strict_in(arg(0, "member"), arg(1, "container"))
    if method == "assertNotIn":
        return not strict_in(arg(0, "member"), arg(1, "container"))
    if method == "assertIsInstance":
        return isinstance(arg(0, "obj"), arg(1, "cls"))
    if method == "assertNotIsInstance":
        return not isinstance(arg(0, "obj"), arg(1, "cls"))
    if method in _UNITTEST_ORDER:
        return _compare(_UNITTEST_ORDER[method], arg(0, "a"), arg(1, "b"))
    if "Almost" in method:
        first, second = arg(0, "first"), arg(1, "second")
        places = args[2] if len(args) > 2 else kwargs.get("places")
        delta = kwargs.get("delta")
        close = strict_equal(first, second) or _almost(first, second, places, delta)
        return close if "Not" not in method and "If" not in method else not close
    if method in ("assertCountEqual", "assertItemsEqual"):
        rest = list(arg(1, "second"))
        for item in arg(0, "first"):
            for index, other in enumerate(rest):
                if strict_equal(item, other):
                    del rest[index]
                    break
            else:
                return False
        return not rest
    if method in ("assertRegex", "assertRegexpMatches", "assertNotRegex"):
        import re

        text, pattern = arg(0, "text"), arg(1, "expected_regex")
        if not isinstance(text, str):
            return False
        found = (re.compile(pattern) if isinstance(pattern, str) else pattern).search(text) is not None
        return found if method != "assertNotRegex" else not found
    raise TypeError("unknown assert method")


def _almost(first, second, places, delta):
    for value in (first, second):
        if _numeric_rank(value) is None and not isinstance(value, (__import__("fractions").Fraction,
                                                                  __import__("decimal").Decimal)):
            return False
    difference = abs(first - second)
    if delta is not None:
        return difference <= delta
    return round(difference, 7 if places is None else places) == 0


def _compare(op, a, b):
    if op == "==":
        return strict_equal(a, b)
    if op == "!=":
        return not strict_equal(a, b)
    if op == "in":
        return strict_in(a, b)
    if op == "not in":
        return not strict_in(a, b)
    if op == "<":
        return a < b
    if op == "<=":
        return a <= b
    if op == ">":
        return a > b
    if op == ">=":
        return a >= b
    if op == "is":
        return a is b
    return a is not b


def rewrite(test_code):
    import ast

    ops = {ast.Eq: "==", ast.NotEq: "!=", ast.In: "in", ast.NotIn: "not in", ast.Lt: "<", ast.LtE: "<=",
           ast.Gt: ">", ast.GtE: ">=", ast.Is: "is", ast.IsNot: "is not"}
    strict = {ast.Eq: "__rw_eq__", ast.NotEq: "__rw_ne__", ast.In: "__rw_in__", ast.NotIn: "__rw_not_in__"}

    def name(identifier):
        return ast.Name(id=identifier, ctx=ast.Load())

    class Strict(ast.NodeTransformer):
        def __init__(self):
            self.in_assert = 0

        def visit_Compare(self, node):
            self.generic_visit(node)
            if not any(type(op) in strict for op in node.ops):
                return node
            if len(node.ops) == 1:
                left, right, op = node.left, node.comparators[0], type(node.ops[0])
                if op in (ast.Eq, ast.NotEq) and (is_bool_literal(left) or is_bool_literal(right)):
                    # `== True` written in the test also takes 1 (mbpp/414's reference returns 0 and 1).
                    literal, other = (left, right) if is_bool_literal(left) else (right, left)
                    call = ast.Call(func=name("__rw_eq_bool_literal__"), args=[other, literal], keywords=[])
                    return call if op is ast.Eq else ast.UnaryOp(op=ast.Not(), operand=call)
                return ast.Call(func=name(strict[op]), args=[left, right], keywords=[])
            steps = [ast.Tuple(elts=[ast.Constant(ops[type(op)]),
                                     ast.Lambda(args=ast.arguments(posonlyargs=[], args=[], kwonlyargs=[],
                                                                   kw_defaults=[], defaults=[]), body=right)],
                               ctx=ast.Load())
                     for op, right in zip(node.ops, node.comparators)]
            return ast.Call(func=name("__rw_chain__"), args=[node.left] + steps, keywords=[])

        def visit_Call(self, node):
            self.generic_visit(node)
            function = node.func
            if isinstance(function, ast.Attribute) and function.attr in _UNITTEST_METHODS:
                # self.assertEqual(a, b): judged strictly here, whatever object it is called on.
                text = ast.get_source_segment(test_code, node) or function.attr
                return ast.Call(func=name("__rw_unittest__"), args=[ast.Constant(function.attr),
                                                                  ast.Constant(short(text))] + node.args,
                                keywords=node.keywords)
            if isinstance(function, ast.Attribute) and function.attr == "fail" \
                    and isinstance(function.value, ast.Name) and function.value.id == "self":
                text = ast.get_source_segment(test_code, node) or "self.fail()"
                return ast.Call(func=name("__rw_fail__"), args=[ast.Constant(short(text))], keywords=[])
            if isinstance(function, ast.Attribute) and function.attr in _UNITTEST_RUNNERS:
                node.func = ast.Call(func=name("__rw_counted__"), args=[function], keywords=[])
            return node

        def visit_UnaryOp(self, node):
            self.generic_visit(node)
            if self.in_assert and isinstance(node.op, ast.Not):
                return ast.Call(func=name("__rw_not__"), args=[node.operand], keywords=[])
            return node

        def visit_Lambda(self, node):
            depth, self.in_assert = self.in_assert, 0
            self.generic_visit(node)
            self.in_assert = depth
            return node

        def visit_Assert(self, node):
            subject = node.test
            if isinstance(subject, ast.UnaryOp) and isinstance(subject.op, ast.Not):
                subject = subject.operand
            compared = []
            if isinstance(subject, ast.Compare):
                subject, compared = subject.left, subject.comparators
            if is_builtin_call_on_literals(subject) and all(is_literal(c) for c in compared):
                # `assert sum(10, 15) == 6` tests the solution's own sum (mbpp/126); anywhere else (abs(f(x) - e),
                # sorted(f(x)), len(r) …) a builtin is checking logic and stays the builtin — also when it is the
                # reference a call of the solution is compared with (`sorted([3, 1]) == sort_list([3, 1])`).
                subject.func = ast.Call(func=name("__rw_defined_or_builtin__"), args=[ast.Constant(subject.func.id)],
                                        keywords=[])
            self.in_assert += 1
            test = self.visit(node.test)
            self.in_assert -= 1
            text = ast.get_source_segment(test_code, node) or "assert"
            return ast.Expr(value=ast.Call(func=name("__rw_check__"), args=[test, ast.Constant(short(text))],
                                           keywords=[]))

    try:
        tree = ast.parse(test_code, "<tests>", "exec")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        raise BadTest("the test code does not parse: %s" % error)
    calls_check = calls_at_top_level(tree, "check")
    called = frozenset(node.func.id for node in ast.walk(tree)
                       if isinstance(node, ast.Call) and isinstance(node.func, ast.Name))
    module_uses = frozenset(node.value.id for node in ast.walk(tree)
                            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name))
    tree = ast.fix_missing_locations(Strict().visit(tree))
    try:
        # The last statement apart: a `sys.exit(0)` there (or unittest.main()'s) ends the tests as passed; one
        # before it would skip the checks after it.
        codes = tuple(compile(ast.Module(body=part, type_ignores=[]), "<tests>", "exec")
                      for part in (tree.body[:-1], tree.body[-1:]))
        return codes, calls_check, module_uses, called
    except (SyntaxError, ValueError, RecursionError) as error:
        raise BadTest("the test code does not compile: %s" % error)


def _required_parameters(function):
    """The names of the parameters of a function (a bound method: without self) that have no default."""
    import inspect

    return [p.name for p in inspect.signature(function).parameters.values()
            if p.default is p.empty and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]


# ---------------------------------------------------------------------------------------------------------------
# pytest-style tests: `def test_x(): assert …` the test code never calls, `class TestX:` methods, @pytest.fixture,
# @pytest.mark.parametrize, pytest.raises, pytest.approx — run here as pytest would (pytest is not installed, and
# would run in this process anyway).


class Approx:
    """pytest.approx: numbers within max(rel·|expected|, abs) (defaults 1e-6 and 1e-12), element by element in lists,
    tuples and dicts; a bool only equals a bool, NaN nothing unless nan_ok, an object of the program nothing."""

    def __init__(self, expected, rel=None, abs=None, nan_ok=False):
        self.expected, self.rel, self.abs, self.nan_ok = expected, rel, abs, nan_ok

    def matches(self, actual, expected=None, depth=0):
        expected = self.expected if depth == 0 else expected
        if depth > wire.MAX_DEPTH:
            raise RecursionError("values nested too deeply to compare")
        if isinstance(actual, Handle):
            return False
        if isinstance(expected, (list, tuple)):
            return type(actual) is type(expected) and len(actual) == len(expected) and all(
                self.matches(a, e, depth + 1) for a, e in zip(actual, expected))
        if isinstance(expected, dict):
            return isinstance(actual, dict) and set(actual) == set(expected) and all(
                self.matches(actual[k], expected[k], depth + 1) for k in expected)
        if _numeric_rank(expected) is None or _numeric_rank(actual) is None:
            return strict_equal(actual, expected)
        if isinstance(expected, complex) or isinstance(actual, complex):
            difference = abs(complex(actual) - complex(expected))
        else:
            if math.isnan(expected) or math.isnan(actual):
                return self.nan_ok and math.isnan(expected) and math.isnan(actual)
            if math.isinf(expected) or math.isinf(actual):
                return actual == expected
            difference = abs(actual - expected)
        tolerance = max((1e-6 if self.rel is None else self.rel) * abs(expected), 1e-12 if self.abs is None
                        else self.abs)
        return difference <= tolerance

    def __eq__(self, other):
        return self.matches(other)

    def __ne__(self, other):
        return not self.matches(other)

    __hash__ = None

    def __repr__(self):
        return "approx(%s)" % shown(self.expected)


class Raises:
    """pytest.raises as a context manager (and `pytest.raises(E, f, *args)`); counted as a check."""

    def __init__(self, checks, expected, match=None):
        self.checks, self.expected, self.match, self.value = checks, expected, match, None

    def __enter__(self):
        self.checks.count += 1
        return self

    def __exit__(self, kind, error, traceback):
        if kind is None:
            self.checks.fail("DID NOT RAISE %s" % shown(self.expected))
        if not issubclass(kind, self.expected) or issubclass(kind, Stop):
            return False
        if self.match is not None:
            import re

            if re.search(self.match, text_of(error)) is None:
                self.checks.fail("the exception's text does not match %r" % (self.match,))
        self.value = error
        self.type = kind
        return True


class Param:
    def __init__(self, values):
        self.values = values


def pytest_shim(checks):
    import types

    module = types.ModuleType("pytest")

    def raises(expected, *args, match=None, **kwargs):
        context = Raises(checks, expected, match)
        if not args:
            return context
        with context:
            args[0](*args[1:], **kwargs)
        return context

    def fixture(function=None, **options):
        def mark(target):
            target._rw_fixture = True
            return target
        return mark(function) if callable(function) else mark

    def parametrize(names, values, **options):
        if isinstance(names, str):
            names = [n.strip() for n in names.split(",") if n.strip()]
        cases = []
        for value in values:
            value = value.values if isinstance(value, Param) else value
            cases.append(dict(zip(names, value if len(names) > 1 else (value,))))

        def mark(target):
            target._rw_parametrize = getattr(target, "_rw_parametrize", []) + [cases]
            return target
        return mark

    def skip(reason=""):
        raise BadTest("the tests skip themselves: %s" % reason)

    def passthrough(*args, **kwargs):
        if len(args) == 1 and callable(args[0]) and not kwargs:
            return args[0]
        return lambda target: target

    module.raises = raises
    module.approx = Approx
    module.fixture = fixture
    module.param = lambda *values, **options: Param(values)
    module.fail = lambda reason="", pytrace=True: checks.fail("pytest.fail: %s" % reason)
    module.skip = skip
    module.mark = types.SimpleNamespace(parametrize=parametrize, timeout=passthrough, slow=passthrough,
                                        filterwarnings=passthrough)
    return module


def run_pytest_style(namespace, called):
    fixtures = {name: value for name, value in list(dict.items(namespace))
                if callable(value) and getattr(value, "_rw_fixture", False) is True}
    for name, value in list(dict.items(namespace)):
        if not name.startswith("test") and not name.startswith("Test") or name in called \
                or getattr(value, "__module__", None) != "__main__" or getattr(value, "_rw_fixture", False):
            continue
        if type(value).__name__ == "function" and name.startswith("test"):
            _run_test_function(value, fixtures)
        elif isinstance(value, type) and name.startswith("Test") and not _is_unittest_case(value):
            for method_name in [m for m in dir(value) if m.startswith("test")]:
                instance = value()
                setup = getattr(instance, "setup_method", None)
                if callable(setup):
                    setup(getattr(instance, method_name))
                _run_test_function(getattr(instance, method_name), fixtures)


def _is_unittest_case(cls):
    import unittest

    return issubclass(cls, unittest.TestCase)


def _run_test_function(function, fixtures):
    import itertools

    grids = getattr(function, "_rw_parametrize", [])
    for combination in itertools.product(*grids) if grids else [()]:
        arguments = {}
        for cases in combination:
            arguments.update(cases)
        for parameter in _required_parameters(function):
            if parameter not in arguments:
                arguments[parameter] = _fixture_value(parameter, fixtures, 0)
        function(**arguments)


def _fixture_value(name, fixtures, depth):
    import inspect

    fixture = fixtures.get(name)
    if fixture is None or depth > 20:
        raise BadTest("the tests need the pytest fixture %s" % name)
    arguments = {parameter: _fixture_value(parameter, fixtures, depth + 1)
                 for parameter in _required_parameters(fixture)}
    value = fixture(**arguments)
    return next(value) if inspect.isgenerator(value) else value


class SuiteRunner:
    """Runs the unittest.TestCase classes the test code defines, in place of unittest.main(); the first failure or
    error is raised again here, so that it decides the verdict (a failure of the program's making stays a runtime
    error, an assert method's failure a wrong answer)."""

    def __init__(self, namespace, checks):
        self.namespace = namespace
        self.checks = checks
        self.ran = False

    def main(self, *args, **kwargs):
        # No SystemExit(0) afterwards, wherever the call stands: the tests go on to their end (and pass there).
        self.run_test_cases()

    def run_test_cases(self):
        import unittest

        self.ran = True
        classes = [value for value in list(dict.values(self.namespace))
                   if isinstance(value, type) and issubclass(value, unittest.TestCase)
                   and getattr(value, "__module__", None) == "__main__"]
        if not classes:
            return
        loader = unittest.TestLoader()
        unittest.TestSuite(loader.loadTestsFromTestCase(cls) for cls in classes).run(unittest.TestResult())
        self.checks.raise_unittest_problem()


def record_unittest_problems(checks):
    """Every failure or error any unittest runner meets (ours, or a TextTestRunner the test code runs and whose
    result it ignores) is kept; the first decides the verdict."""
    import unittest

    result = unittest.TestResult
    original = {name: getattr(result, name) for name in ("addError", "addFailure", "addSubTest",
                                                         "addUnexpectedSuccess")}

    def add_error(self, test, err):
        checks.unittest_problems.append(err[1])
        original["addError"](self, test, err)

    def add_failure(self, test, err):
        checks.unittest_problems.append(err[1])
        original["addFailure"](self, test, err)

    def add_sub_test(self, test, subtest, err):
        if err is not None:
            checks.unittest_problems.append(err[1])
        original["addSubTest"](self, test, subtest, err)

    def add_unexpected_success(self, test):
        checks.unittest_problems.append(AssertionError("unexpected success of %s" % test))
        original["addUnexpectedSuccess"](self, test)

    result.addError, result.addFailure = add_error, add_failure
    result.addSubTest, result.addUnexpectedSuccess = add_sub_test, add_unexpected_success


def install_test_environment(callee, runner):
    """What test code may import or call that would otherwise reach outside this process: `from solution import f`
    (the solution's module, through the callee), unittest.main (runs here, see SuiteRunner), os._exit (an exit of
    the tests, not of the judge)."""
    import types
    import unittest

    solution = types.ModuleType("solution")

    def solution_attribute(attribute):
        if attribute == "__all__":
            return callee.names()
        kind, payload = callee.lookup(attribute)
        if kind == "missing":
            raise AttributeError(attribute)
        if kind == "module":
            value = pristine_module(payload)
            if value is None:
                raise AttributeError(attribute)
            return value
        return payload

    solution.__getattr__ = solution_attribute
    sys.modules["solution"] = solution
    sys.modules["pytest"] = pytest_shim(runner.checks)
    unittest.main = runner.main

    def exit_tests(status):
        raise SystemExit(status)
    os._exit = exit_tests


def is_bool_literal(node):
    import ast

    return isinstance(node, ast.Constant) and type(node.value) is bool


def equal_to_bool_literal(value, literal):
    if type(value) is bool:
        return value is literal
    return type(value) is int and value == int(literal)


def is_builtin_call_on_literals(node):
    import ast
    import builtins

    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and hasattr(builtins, node.func.id)):
        return False
    arguments = list(node.args) + [k.value for k in node.keywords if k.arg is not None]
    if len(arguments) != len(node.args) + len(node.keywords):
        return False
    return all(is_literal(argument) for argument in arguments)


def is_literal(node):
    import ast

    try:
        ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return True


def calls_at_top_level(tree, function):
    """True when code outside any function body calls `function` by name."""
    import ast

    pending = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == function:
            return True
        pending.extend(ast.iter_child_nodes(node))
    return False


class TestNamespace(dict):
    """Globals of the test code. A name the test code has not bound is looked up, once, among the solution's
    globals — after the builtins, which the solution cannot replace."""

    def __init__(self, callee, builtin_names, stdlib, module_uses):
        super().__init__()
        self.callee = callee
        self.builtin_names = builtin_names
        self.stdlib = stdlib
        self.module_uses = module_uses

    def __missing__(self, name):
        if name in self.builtin_names or name.startswith("__"):
            raise KeyError(name)
        kind, payload = self.callee.lookup(name)
        if kind == "missing":
            raise KeyError(name)
        as_module = name in self.stdlib and (kind == "module" or name in self.module_uses)
        if as_module or kind == "module":
            # Never the solution's object: a stand-in for math could answer isclose() with True. (A solution's
            # function that merely shares a module's name, `def copy(x)` called as copy(x), stays the solution's.)
            value = pristine_module(name if as_module else payload)
            if value is None:
                raise KeyError(name)
        else:
            value = payload
        self[name] = value
        return value


def defined_or_builtin(callee, name):
    kind, payload = callee.lookup(name)
    if kind == "value" and isinstance(payload, Handle):
        return payload
    import builtins

    return getattr(builtins, name)


def pristine_module(name):
    if name not in LENDABLE_MODULES:
        return None
    try:
        __import__(name)
        return sys.modules[name]
    except Exception:
        return None


def stdlib_names():
    names = getattr(sys, "stdlib_module_names", None)
    return names if names is not None else frozenset(sys.builtin_module_names)


def resolve_entry(callee, expression, namespace):
    """The object an entry point names ("f" or "Solution().f"), always taken from the solution (even when it is also
    the name of a builtin)."""
    import ast

    try:
        node = ast.parse(expression, "<entry_point>", "eval").body
    except SyntaxError:
        raise BadTest("entry_point is not a Python expression")
    return _entry(callee, node)


def _entry(callee, node):
    import ast

    if isinstance(node, ast.Name):
        kind, payload = callee.lookup(node.id)
        if kind != "value":
            raise Stop("wrong_answer", "the solution does not define %s" % node.id)
        return payload
    if isinstance(node, ast.Attribute):
        return getattr(_entry(callee, node.value), node.attr)
    if isinstance(node, ast.Call) and not node.args and not node.keywords:
        return _entry(callee, node.func)()
    raise BadTest("entry_point must be a name, an attribute or a call without arguments")


def run_asserts(callee, spec, checks):
    test_code = spec.get("test_code")
    entry_point = spec.get("entry_point")
    prelude = spec.get("prelude")
    if type(test_code) is not str or (entry_point is not None and type(entry_point) is not str) \
            or (prelude is not None and type(prelude) is not str):
        raise BadTest("assert mode needs test_code (str), entry_point (str or null) and prelude (str or null)")
    code, calls_check, module_uses, called = rewrite(test_code)
    prelude_code = None
    if prelude:
        try:
            prelude_code = compile(prelude, "<prelude>", "exec")
        except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
            raise BadTest("the prelude does not compile: %s" % error)
    import builtins

    namespace = TestNamespace(callee, frozenset(vars(builtins)), stdlib_names(), module_uses)
    namespace.update({"__name__": "__main__", "__builtins__": builtins, "__rw_check__": checks.check,
                      "__rw_not__": checks.negate, "__rw_chain__": checks.chain, "__rw_eq__": checks.eq,
                      "__rw_ne__": checks.ne, "__rw_in__": checks.contains, "__rw_not_in__": checks.not_contains,
                      "__rw_eq_bool_literal__": checks.eq_bool_literal, "__rw_unittest__": checks.unittest_assert,
                      "__rw_counted__": checks.counted, "__rw_fail__": checks.fail,
                      "__rw_defined_or_builtin__": lambda name: defined_or_builtin(callee, name)})
    runner = SuiteRunner(namespace, checks)
    install_test_environment(callee, runner)
    record_unittest_problems(checks)
    callee.load()
    if prelude_code is not None:
        # The prompt's helpers the tests call (HumanEval/32's poly, /38's encode_cyclic) are the tests' own: a
        # solution that redefines them could make any answer check out. Its stub of the entry point is not.
        exec(prelude_code, namespace)
        if entry_point is not None:
            dict.pop(namespace, entry_point.split(".")[0].split("(")[0].strip(), None)
    exec(code[0], namespace)
    try:
        exec(code[1], namespace)
    except SystemExit as error:
        # `sys.exit(0)` / `exit()` after the checks ends the tests; any other status fails them.
        if not (error.code is None or type(error.code) in (int, bool) and error.code == 0):
            raise
        return
    if entry_point is not None and not calls_check and callable(dict.get(namespace, "check")):
        namespace["check"](resolve_entry(callee, entry_point, namespace))
    # Tests written for a runner (unittest's TestCase classes, pytest's test_* functions) that the code defines
    # but never runs itself: run here, as `python -m unittest` / pytest would.
    if not runner.ran:
        runner.run_test_cases()
    checks.raise_unittest_problem()
    run_pytest_style(namespace, called)


# ---------------------------------------------------------------------------------------------------------------
# Call mode


def json_equal(actual, expected, tolerance):
    """A call's result against its expected JSON value, as the JSON text of the result would compare (verl's and
    LiveCodeBench's harnesses compare json.dumps output): a list also matches a tuple, an object key also an int
    written the same; a float is compared within the tolerance (absolute or relative) and NaN equals NaN; an int
    expects an int, never a float (240.0 is not 240) or a bool; a bool only a bool."""
    if isinstance(actual, Handle):
        return False
    if type(expected) is bool or expected is None:
        return actual is expected
    if type(expected) is int:
        return type(actual) is int and actual == expected
    if type(expected) is float:
        if type(actual) is int:
            actual = float(actual) if abs(actual) < 1 << 1000 else math.inf
        elif type(actual) is not float:
            return False
        if math.isnan(expected) or math.isnan(actual):
            return math.isnan(expected) and math.isnan(actual)
        if math.isinf(expected) or math.isinf(actual):
            return actual == expected
        difference = abs(actual - expected)
        return difference <= tolerance or difference <= tolerance * max(abs(actual), abs(expected))
    if type(expected) is str:
        return type(actual) is str and actual == expected
    if type(expected) is list:
        # A namedtuple is written as a JSON array, a Counter, OrderedDict or defaultdict as an object.
        return isinstance(actual, (list, tuple)) and len(actual) == len(expected) and all(
            json_equal(a, e, tolerance) for a, e in zip(actual, expected))
    if type(expected) is dict:
        if not isinstance(actual, dict) or len(actual) != len(expected):
            return False
        keys = set()
        for key, value in actual.items():
            # JSON keys are strings: json.dumps writes an int key as its digits, so that is what "1" expects.
            text = key if type(key) is str else str(key) if type(key) is int else None
            if text is None or text in keys or text not in expected or not json_equal(value, expected[text],
                                                                                      tolerance):
                return False
            keys.add(text)
        return True
    return False


def run_call(callee, spec, checks):
    fn_name, args, tolerance = spec.get("fn_name"), spec.get("args"), spec.get("float_tolerance", 1e-9)
    if type(fn_name) is not str or not fn_name.isidentifier() or type(args) not in (list, dict) \
            or "expected" not in spec or type(tolerance) not in (int, float):
        raise BadTest("call mode needs fn_name, args (list or object), expected and a numeric float_tolerance")
    callee.load()
    target = None
    kind, solution_class = callee.lookup("Solution")
    if kind == "value" and isinstance(solution_class, Handle):
        try:
            target = getattr(solution_class(), fn_name)
        except AttributeError:
            target = None
    if target is None:
        kind, function = callee.lookup(fn_name)
        if kind != "value" or not isinstance(function, Handle):
            raise Stop("wrong_answer", "the solution defines no function or Solution method %s" % fn_name)
        target = function
    result = target(**args) if type(args) is dict else target(*args)
    checks.check(json_equal(result, spec["expected"], float(tolerance)),
                 "%s(…) returned %s" % (fn_name, shown(result)))


# ---------------------------------------------------------------------------------------------------------------


def verdict(passed, checks, failed_check=None, kind=None, message=None):
    return {"passed": passed, "checks": checks, "failed_check": failed_check,
            "error": None if kind is None else {"kind": kind, "message": short(message or "")}}


def judge(spec, callee):
    mode = spec.get("mode") if type(spec) is dict else None
    if mode not in ("call", "assert"):
        raise BadTest("mode must be call or assert")
    checks = Checks()
    failed = classify(lambda: (run_call if mode == "call" else run_asserts)(callee, spec, checks), callee)
    if failed is None and checks.failed is not None:
        # A check failed and the test code caught its AssertionError.
        failed = checks.failed, "wrong_answer", "a check failed"
    if failed is None and mode == "assert":
        if checks.count == 0 and checks.compared == 0:
            failed = None, "wrong_answer", "the tests checked nothing"
        elif callee.calls == 0:
            failed = None, "wrong_answer", "the tests never called the solution"
    count = checks.count or checks.compared
    if failed is None:
        return verdict(True, count)
    return verdict(False, count, *failed)


def classify(run, callee):
    """None when the tests ran to their end, else (failed_check, kind, message)."""
    try:
        run()
    except BadTest:
        raise
    except Stop as stop:
        return None, stop.kind, stop.message
    except SolutionRaised as error:
        failed = None, "runtime_error", "%s: %s" % (type(error).__name__, text_of(error))
    except AssertionError as error:
        failed = text_of(error), "wrong_answer", "a check failed"
    except SystemExit as error:
        # Tests pass by running to their end, never by exiting early.
        failed = None, "wrong_answer", "the tests exited (status %s)" % text_of(error.code)
    except Exception as error:
        failed = None, "wrong_answer", "%s: %s" % (type(error).__name__, text_of(error))
    else:
        failed = None
    # A dead callee outranks what the tests made of it (they may even have caught the error).
    if callee.dead is not None:
        return None, callee.dead.kind, callee.dead.message
    return failed


def text_of(value):
    """short(str(value)) for the verdict. str() of an object of the solution (`raise ValueError(result)` in the
    tests) is a request to the program, which may die or answer nonsense meanwhile: that may cost the text, never
    the verdict."""
    try:
        return short(value)
    except BaseException:
        return "<%s>" % type(value).__name__


def undumpable():
    """Closes /proc/<pid>/{mem,environ,fd} to other processes of the same uid (the runner also does this and
    runs the judge as a uid of its own; this covers a runner that does not)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE
    except (OSError, AttributeError):
        pass


def main():
    undumpable()
    if hasattr(sys, "set_int_max_str_digits"):
        sys.set_int_max_str_digits(0)
    # The verdict goes to the real stdout; whatever the test code (or an import) prints goes nowhere.
    verdict_fd = os.dup(1)
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 1)
    os.close(null)
    sys.stdout = open(os.devnull, "w")
    try:
        spec = json.loads(sys.stdin.buffer.read().decode("utf-8"))
        result = judge(spec, Callee(REPLIES_FD, REQUESTS_FD))
    except (BadTest, ValueError, UnicodeDecodeError) as error:
        result = verdict(False, 0, None, "bad_test", "%s: %s" % (type(error).__name__, error))
    except Stop as stop:
        # Only the program stops answering: its failure, wherever the judge noticed it.
        result = verdict(False, 0, None, stop.kind, stop.message)
    data = (json.dumps(result, ensure_ascii=True) + "\n").encode("ascii")
    os.write(verdict_fd, data)
    _EXIT(0)


if __name__ == "__main__":
    main()
