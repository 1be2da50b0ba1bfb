"""The submission's side of a judged test: loads solution.py and serves the judge's requests.

Runs as the submission (its uid, its limits, its stdout/stderr), reads requests on fd 3 and writes replies on fd 4
(see rewards_wire.py). Nothing here is trusted: the judge decodes every reply with its own types and compares with
its own code, so whatever the submission does to this process only changes the values it answers with.

solution.py is loaded as module "solution" (so `if __name__ == "__main__":` blocks do not run) in a namespace of
its own. Names LeetCode-style code uses without importing them (List, Optional, defaultdict, heappush, gcd, inf, the
modules math, collections, …) resolve through the module's builtins, after the real builtins: they never shadow a
builtin (pow stays the built-in pow) and never count as names the solution defines (fn_name "gcd" is not math.gcd).
"""
import builtins
import os
import sys
import types

if sys.path and os.path.abspath(sys.path[0] or ".") == os.path.dirname(os.path.abspath(__file__)):
    import rewards_wire as wire
    from syntax_check import compile_as_script
    del sys.path[0]
else:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import rewards_wire as wire
    from syntax_check import compile_as_script
    del sys.path[0]

REQUESTS_FD = 3
REPLIES_FD = 4
MESSAGE_CHARS = 300
# The environment LeetCode and the LiveCodeBench/verl call harnesses give solutions, in their import order.
STAR_MODULES = ("typing", "collections", "itertools", "functools", "heapq", "bisect", "math", "string", "operator")
PLAIN_MODULES = ("math", "collections", "itertools", "functools", "heapq", "bisect", "string", "re", "random",
                 "operator", "copy")


def solution_builtins():
    names = {}
    for module_name in STAR_MODULES:
        module = __import__(module_name)
        public = getattr(module, "__all__", None) or [n for n in dir(module) if not n.startswith("_")]
        for name in public:
            if hasattr(module, name):
                names[name] = getattr(module, name)
    for module_name in PLAIN_MODULES:
        names[module_name] = __import__(module_name)
    names.update(vars(builtins))
    return names


def describe(error):
    try:
        kind = type(error).__name__
        kind = kind if type(kind) is str else "Exception"
    except BaseException:
        kind = "Exception"
    try:
        text = str.__str__(str(error))[:MESSAGE_CHARS]
    except BaseException:
        text = ""
    if isinstance(error, MemoryError):
        # The service reads a MemoryError at the end of stderr as the memory limit.
        try:
            os.write(2, b"\nMemoryError\n")
        except OSError:
            pass
    return {"raised": {"type": kind[:100], "message": text}}


class JudgeError(Exception):
    """A function of the tests raised while the solution called it."""


def named(text):
    """A builtin ("int") or standard-library object ("math:sqrt") the tests pass as an argument."""
    module_name, _, qualname = text.rpartition(":")
    target = __import__(module_name) if module_name else builtins
    for part in qualname.split("."):
        target = getattr(target, part)
    return target


def standard_name(value):
    """"int", "collections:Counter": the name under which the judge finds its own copy of a class of the builtins or
    of a module both sides may name (wire.TYPE_MODULES); None for anything else."""
    if not isinstance(value, type):
        return None
    try:
        module_name = value.__module__
        qualname = value.__qualname__
    except BaseException:
        return None
    if type(module_name) is not str or type(qualname) is not str or "<" in qualname:
        return None
    if module_name == "builtins":
        return qualname if getattr(builtins, qualname, None) is value else None
    module = sys.modules.get(module_name)
    if module is None or module_name not in wire.TYPE_MODULES:
        return None
    target = module
    for part in qualname.split("."):
        target = getattr(target, part, None)
    return module_name + ":" + qualname if target is value else None


# Objects of the solution's own classes that compare by value travel with their state (the judge compares states,
# never running their __eq__); nested ones up to this depth, and this many per message.
STATE_DEPTH = 40
STATE_OBJECTS = 20_000
# Values in the states of one message: beyond, objects cross as bare handles (a big object graph would otherwise
# make a reply larger than the judge reads).
STATE_NODES = 200_000


def compared_state(value):
    """[(name, value)] the judge compares for an object of a class the solution defines that compares by value (a
    dataclass with eq, or a class defining __eq__), else None."""
    cls = type(value)
    if getattr(cls, "__module__", None) != "solution" or isinstance(value, (type, types.FunctionType,
                                                                           types.MethodType, types.ModuleType)):
        return None
    fields = getattr(cls, "__dataclass_fields__", None)
    params = getattr(cls, "__dataclass_params__", None)
    if type(fields) is dict and params is not None and getattr(params, "eq", False):
        return [(f.name, getattr(value, f.name)) for f in fields.values()
                if getattr(f, "compare", True) and getattr(f, "_field_type", None) is not None
                and getattr(f._field_type, "name", "") == "_FIELD"]
    if getattr(cls, "__eq__", object.__eq__) is object.__eq__:
        return None
    state = []
    try:
        attributes = object.__getattribute__(value, "__dict__")
    except AttributeError:
        attributes = {}
    if type(attributes) is dict:
        state.extend((k, v) for k, v in dict.items(attributes) if type(k) is str)
    for klass in cls.__mro__:
        slots = klass.__dict__.get("__slots__", ())
        for slot in ((slots,) if type(slots) is str else slots):
            if type(slot) is str and slot not in ("__dict__", "__weakref__"):
                descriptor = klass.__dict__.get(slot)
                if type(descriptor).__name__ == "member_descriptor":
                    try:
                        state.append((slot, descriptor.__get__(value)))
                    except AttributeError:
                        pass
    return state


class Server:
    def __init__(self):
        self.objects = {}
        self.numbers = {}
        self.module = None
        self.decoder = wire.Decoder(self.resolve, named, self.stub)
        self.channel = wire.Channel(REQUESTS_FD, REPLIES_FD)
        self.callbacks_open = 0
        self.stating = set()
        self.stated = 0
        self.state_budget = wire.Budget(STATE_NODES)
        # The state last sent of each object sent with its state: an operation's reply repeats it only if changed.
        self.sent_states = {}

    def stub(self, number):
        def call_the_tests(*args, **kwargs):
            return self.callback(number, args, kwargs)
        return call_the_tests

    def resolve(self, number):
        if number not in self.objects:
            raise wire.WireError("unknown handle")
        return self.objects[number]

    def number_of(self, value):
        number = self.numbers.get(id(value))
        if number is None or self.objects[number] is not value:
            number = len(self.objects)
            self.objects[number] = value
            self.numbers[id(value)] = number
        return number

    def handle_of(self, value):
        name = standard_name(value)
        if name is not None:
            return {"n": name}
        number = self.number_of(value)
        if id(value) in self.stating or len(self.stating) >= STATE_DEPTH or self.stated >= STATE_OBJECTS:
            return {"h": number}
        try:
            state = compared_state(value)
        except Exception:
            state = None
        if state is None:
            return {"h": number}
        self.stated += 1
        self.stating.add(id(value))
        try:
            pairs = [[name, wire.encode(item, self.handle_of, plain_subclasses=True, budget=self.state_budget)]
                     for name, item in state]
            self.sent_states.setdefault(number, pairs)
            return {"o": [number, self.handle_of(type(value)), pairs]}
        except (wire.WireError, RecursionError):
            return {"h": number}
        finally:
            self.stating.discard(id(value))

    def encode(self, value):
        self.stated = 0
        self.state_budget = wire.Budget(STATE_NODES)
        try:
            return wire.encode(value, self.handle_of, plain_subclasses=True)
        except (wire.WireError, RecursionError):
            return {"h": self.number_of(value)}

    def states(self, objects):
        """The current state of the objects an operation may have changed (its target, the target's __self__, its
        arguments), for those the judge compares by state."""
        found = []
        for value in objects:
            try:
                if compared_state(value) is None:
                    continue
                encoded = self.encode(value)
                if type(encoded) is dict and "o" in encoded:
                    number, _, pairs = encoded["o"]
                    if self.sent_states.get(number) != pairs:
                        self.sent_states[number] = pairs
                        found.append(encoded)
            except Exception:
                pass
        return found

    def serve(self):
        """Answers requests until the judge is done; inside a callback, until the callback's answer arrives."""
        while True:
            request = self.channel.receive()
            if request is None:
                if self.callbacks_open:
                    raise wire.WireError("the judge ended during a callback")
                return None
            if "op" not in request:
                if not self.callbacks_open:
                    raise wire.WireError("an answer nobody asked for")
                return request
            try:
                reply = self.dispatch(request)
            except wire.WireError:
                raise
            except BaseException as error:
                reply = describe(error)
            self.channel.send(reply)

    def callback(self, number, args, kwargs):
        """Calls a function of the tests (it runs in the judge) and waits for its answer."""
        self.channel.send({"callback": number, "args": [self.encode(a) for a in args],
                           "kwargs": [[str(k), self.encode(v)] for k, v in kwargs.items()]})
        self.callbacks_open += 1
        try:
            answer = self.serve()
        finally:
            self.callbacks_open -= 1
        if "ok" in answer:
            return self.decoder.decode(answer["ok"])
        raised = answer.get("raised") or {}
        raise JudgeError("%s: %s" % (raised.get("type"), raised.get("message")))

    def dispatch(self, request):
        op = request.get("op")
        if op == "load":
            return self.load()
        if op == "global":
            return self.global_name(request["name"])
        if op == "names":
            # `from solution import *`: the public names the solution defines or imported.
            return {"ok": {"l": [n for n in list(self.module.__dict__) if type(n) is str and n.isidentifier()
                                 and not n.startswith("_")]}}
        target = self.decoder.decode(request["target"])
        if op == "call":
            return self.call(target, request["args"], request["kwargs"])
        try:
            if op == "getattr":
                result = getattr(target, request["name"])
            elif op == "setattr":
                setattr(target, request["name"], self.decoder.decode(request["value"]))
                return {"ok": None, "states": self.states([target])}
            elif op == "getitem":
                result = target[self.decoder.decode(request["key"])]
            elif op == "setitem":
                target[self.decoder.decode(request["key"])] = self.decoder.decode(request["value"])
                return {"ok": None, "states": self.states([target])}
            elif op == "len":
                result = len(target)
            elif op == "iter":
                result = iter(target)
            elif op == "next_batch":
                return self.next_batch(target, request["count"])
            elif op == "next":
                try:
                    result = next(target)
                except StopIteration:
                    return {"stop": True}
            elif op == "bool":
                result = bool(target)
            elif op == "isinstance":
                result = isinstance(self.decoder.decode(request["value"]), target)
            elif op == "issubclass":
                result = issubclass(self.decoder.decode(request["value"]), target)
            elif op == "str":
                result = str(target)
            elif op == "repr":
                result = repr(target)
            else:
                raise wire.WireError("unknown request")
        except wire.WireError:
            raise
        except BaseException as error:
            return describe(error)
        return {"ok": self.encode(result)}

    def next_batch(self, iterator, count):
        if type(count) is not int or not 0 < count <= 4096:
            raise wire.WireError("bad batch size")
        items, end = [], None
        for _ in range(count):
            try:
                items.append(next(iterator))
            except StopIteration:
                end = "stop"
                break
            except BaseException as error:
                end = describe(error)
                break
        reply = {"ok": {"l": [self.encode(item) for item in items]}}
        if end is not None:
            reply["end"] = end
        return reply

    def load(self):
        path = os.path.join(os.getcwd(), "solution.py")
        module = types.ModuleType("solution")
        module.__file__ = path
        module.__dict__["__builtins__"] = solution_builtins()
        sys.modules["solution"] = module
        sys.argv = [path]
        self.module = module
        try:
            with open(path, "rb") as source:
                # As the syntax check compiled it: with the recursion budget of `python3 solution.py`, not this
                # harness's frames' less (a deeply nested expression the check accepted must load).
                code = compile_as_script(source.read(), path)
            exec(code, module.__dict__)
        except BaseException as error:
            return describe(error)
        return {"ok": None}

    def global_name(self, name):
        namespace = self.module.__dict__
        if type(name) is not str or name.startswith("__") or name not in namespace:
            return {"missing": True}
        value = namespace[name]
        if isinstance(value, types.ModuleType):
            return {"module": str(getattr(value, "__name__", ""))}
        if callable(value):
            # A function or class of the solution stays the solution's, also one it imported (`from math import
            # gcd as f`): calls of it are calls into the solution.
            return {"ok": {"h": self.number_of(value)}}
        return {"ok": self.encode(value)}

    def call(self, target, wire_args, wire_kwargs):
        args = [self.decoder.decode(a) for a in wire_args]
        kwargs = {}
        for name, value in wire_kwargs:
            kwargs[name] = self.decoder.decode(value)
        try:
            result = target(*args, **kwargs)
            reply = {"ok": self.encode(result)}
        except BaseException as error:
            return describe(error)
        # Arguments the solution changed in place travel back, so tests that check an in-place result work.
        mutated = []
        for index, (before, value) in enumerate(zip(wire_args, args)):
            if type(value) in (list, dict, set, bytearray):
                after = self.encode(value)
                if after != before:
                    mutated.append([index, after])
        for name, before in wire_kwargs:
            value = kwargs[name]
            if type(value) in (list, dict, set, bytearray):
                after = self.encode(value)
                if after != before:
                    mutated.append([name, after])
        if mutated:
            reply["mutated"] = mutated
        try:
            owner = getattr(target, "__self__", None)
        except BaseException:
            owner = None
        states = self.states([target, owner] + args + list(kwargs.values()))
        if states:
            reply["states"] = states
        return reply


def main():
    if hasattr(sys, "set_int_max_str_digits"):
        sys.set_int_max_str_digits(0)
    try:
        Server().serve()
    except (wire.WireError, OSError, KeyError, TypeError, ValueError):
        os._exit(1)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:
        pass
    # Threads or atexit hooks of the solution have no say once the judge is done.
    os._exit(0)


if __name__ == "__main__":
    main()
