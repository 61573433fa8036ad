# pyarg.mojo - how the mojo rung's extension modules read their one integer
# argument from Python: shared by every problem module (each imports it at
# build time; it is compiled into each module, not a module of its own).
from std.python import Python, PythonObject


def int_argument(
    arg: PythonObject, name: StaticString, low: Int, high: Int
) raises -> Int:
    """The argument as an Int from `low` to `high`; raises an Error (an
    Exception in Python) naming `name` otherwise.

    An int only, as the C extensions take it: Int(py=...) alone would call
    int() on it, and take 2.5 or "7". The check is the C API's PyLong_Check
    on the object, a tenth of a microsecond; Python's isinstance() through
    the bindings takes 2.5 us, 6% of n-body's 1,000 steps.
    """
    if not Python().cpython().PyLong_Check(arg._obj_ptr):
        raise Error(name, " must be an int")
    var value = Int(py=arg)
    if value < low or value > high:
        raise Error(name, " must be from ", low, " to ", high, ", not ", value)
    return value
