def __rewards_guard_TOKEN_NAME():
    import os as _os, sys as _sys
    token = _sys.stdin.buffer.readline().rstrip(b"\n")
    def finish():
        try:
            _sys.stdout.flush()
        except Exception:
            pass
        _os.write(1, b"\n" + token + b"\n")
    return finish
__rewards_finish_TOKEN_NAME = __rewards_guard_TOKEN_NAME()
del __rewards_guard_TOKEN_NAME
