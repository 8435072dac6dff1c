#!/usr/bin/python3
"""Write the fixtures for tests/unit/test_pkl.c:

  tests/fixtures/pkl/p2.pkl .. p5.pkl   one dict of test arrays, pickled by
                                        Python's pickle + NumPy 1.24 with
                                        protocols 2, 3, 4 and 5
  tests/fixtures/pkl/core2_p3.pkl       the same dict as NumPy 2 names it
  tests/fixtures/pkl/core2_p5.pkl       (numpy._core.*), for protocols 3, 5
  tests/fixtures/pkl/lone_p3.pkl        a single top-level array
  tests/unit/pkl_ref.h                  the arrays' expected values, facts
                                        about ../shared/mnist/sample_weight.pkl
                                        and a table of damaged or malicious
                                        pickles with the error each must give

The malicious pickles are assembled here byte by byte and are never loaded
by Python. Run from the repository root:
    /usr/bin/python3 tests/tools/gen_pkl_fixtures.py
"""
import math
import os
import pickle
import struct
import sys
import types

import numpy as np

DATA = os.environ.get("NNSH_TEST_DATA", "../shared/mnist")
FIX = "tests/fixtures/pkl"

DT = {"bool": "DT_BOOL", "uint8": "DT_UINT8", "int64": "DT_INT64",
      "float32": "DT_FLOAT32", "float64": "DT_FLOAT64"}


# --- the good fixtures ---------------------------------------------------------

def test_arrays():
    """The dict pickled into every good fixture (insertion order matters)."""
    same = np.array([1.0, 2.0, 4.0], dtype=np.float32)
    d = {}
    d["f8"] = np.array([[1.5, -2.25, 3.0], [1e300, -0.0, 2.0 ** -1074]])
    d["f4"] = np.array([0.1, -3.5, np.inf, 65504.0], dtype=np.float32)
    d["i8"] = np.array([[-(2 ** 62), 7], [2 ** 53 + 1, -1], [0, 123456789012]],
                       dtype=np.int64)
    d["u1"] = np.array([0, 1, 127, 128, 255], dtype=np.uint8)
    d["b1"] = np.array([[True, False], [False, True]])
    d["scalar"] = np.array(42.5)
    d["empty"] = np.zeros((0,), dtype=np.uint8)
    d["empty2"] = np.zeros((2, 0), dtype=np.float32)
    d["fort3"] = np.asfortranarray(np.arange(24, dtype=np.float32).reshape(2, 3, 4))
    d["fort2"] = np.asfortranarray(np.arange(6, dtype=np.float64).reshape(2, 3) * 1.5)
    d["fortb"] = np.asfortranarray(np.array([[True, False, True], [False, False, True]]))
    d["d4"] = np.arange(12, dtype=np.int64).reshape(2, 1, 3, 2) - 5
    d["strided"] = np.arange(10, dtype=np.float64)[::3]
    d["same1"] = same
    d["same2"] = same
    return d


def numpy2_pickle(obj, proto):
    """Pickle obj as NumPy 2 would name its helpers (numpy._core.*): stand-in
    modules hold forwarding functions under the new names, and a
    reducer_override swaps them in. NumPy 1.24 itself cannot write these."""
    mods = {}
    for modname, fname, real in [
            ("numpy._core.multiarray", "_reconstruct", np.core.multiarray._reconstruct),
            ("numpy._core.numeric", "_frombuffer", np.core.numeric._frombuffer)]:
        m = sys.modules.get(modname) or types.ModuleType(modname)

        def fwd(*a, _real=real):
            return _real(*a)
        fwd.__module__ = modname
        fwd.__name__ = fwd.__qualname__ = fname
        setattr(m, fname, fwd)
        sys.modules[modname] = m
        mods[real] = fwd

    class P(pickle.Pickler):
        def reducer_override(self, o):
            if type(o) is np.ndarray:
                r = o.__reduce_ex__(proto)
                if r[0] in mods:
                    return (mods[r[0]],) + tuple(r[1:])
            return NotImplemented

    import io
    buf = io.BytesIO()
    P(buf, protocol=proto).dump(obj)
    data = buf.getvalue()
    assert b"numpy._core." in data and b"numpy.core." not in data
    back = pickle.loads(data)
    for k in obj:
        assert np.array_equal(back[k], obj[k]) and back[k].dtype == obj[k].dtype
    return data


def write_good(out):
    os.makedirs(FIX, exist_ok=True)
    d = test_arrays()
    files = []
    for p in (2, 3, 4, 5):
        files.append((f"p{p}.pkl", pickle.dumps(d, protocol=p)))
    files.append(("core2_p3.pkl", numpy2_pickle(d, 3)))
    files.append(("core2_p5.pkl", numpy2_pickle(d, 5)))
    files.append(("lone_p3.pkl", pickle.dumps(d["fort2"], protocol=3)))
    for name, data in files:
        assert len(data) < 20000
        with open(os.path.join(FIX, name), "wb") as f:
            f.write(data)
    # protocol 5 must really use _frombuffer, protocol 2 _codecs.encode
    assert b"_frombuffer" in files[3][1] and b"_codecs" in files[0][1]

    out.append("/* The arrays pickled into tests/fixtures/pkl/p*.pkl, core2_*.pkl, in")
    out.append(" * order; values in C order (int64 also exactly, in ivals). */")
    out.append("typedef struct RefArr {\n    const char *name;\n    DType dtype;\n"
               "    int ndim;\n    int64_t shape[4];\n    int64_t size;\n"
               "    const double *vals;\n    const int64_t *ivals;\n} RefArr;\n")
    for k, a in d.items():
        flat = np.ascontiguousarray(a).reshape(-1)
        vals = ", ".join(repr(float(v)) if np.isfinite(v) else
                         ("INFINITY" if v > 0 else "-INFINITY")
                         for v in flat.astype(np.float64))
        out.append(f"static const double ref_{k}_vals[] = {{{vals or '0'}}};")
        if a.dtype == np.int64:
            iv = ", ".join(f"{int(v)}LL" if v != -(2 ** 63) else "INT64_MIN" for v in flat)
            out.append(f"static const int64_t ref_{k}_ivals[] = {{{iv}}};")
    out.append("static const RefArr ref_fixture_arrays[] = {")
    for k, a in d.items():
        shape = ", ".join(str(s) for s in a.shape) or "0"
        iv = f"ref_{k}_ivals" if a.dtype == np.int64 else "NULL"
        out.append(f'    {{"{k}", {DT[a.dtype.name]}, {a.ndim}, {{{shape}}}, {a.size}, '
                   f"ref_{k}_vals, {iv}}},")
    out.append("};")
    out.append(f"#define REF_N_FIXTURE_ARRAYS {len(d)}\n")


# --- the real weights ----------------------------------------------------------

def write_real(out):
    path = os.path.join(DATA, "sample_weight.pkl")
    with open(path, "rb") as f:
        w = pickle.load(f)
    out.append("/* ../shared/mnist/sample_weight.pkl, in the dict's own order. sum is")
    out.append(" * math.fsum of the values as doubles; wsum weights C-order element i by")
    out.append(" * (i % 97) + 1 (so it sees the layout); samples are C-order flat indices. */")
    out.append("typedef struct RefWeight {\n    const char *name;\n    int ndim;\n"
               "    int64_t shape[2];\n    double sum;\n    double wsum;\n"
               "    double abssum;\n    int64_t at[5];\n    double val[5];\n} RefWeight;\n")
    out.append("static const RefWeight ref_weights[] = {")
    for k, a in w.items():
        assert a.dtype == np.float32
        flat = np.ascontiguousarray(a).reshape(-1).astype(np.float64)
        n = flat.size
        at = [0, 1, a.shape[-1] if a.ndim == 2 else 2, n // 2 + 3, n - 1]
        s = math.fsum(flat)
        ws = math.fsum(float(v) * (i % 97 + 1) for i, v in enumerate(flat))
        ab = math.fsum(abs(float(v)) * (i % 97 + 1) for i, v in enumerate(flat))
        shape = ", ".join(str(x) for x in a.shape)
        out.append(f'    {{"{k}", {a.ndim}, {{{shape}}}, {s!r}, {ws!r}, {ab!r},\n'
                   f"     {{{', '.join(str(i) for i in at)}}},\n"
                   f"     {{{', '.join(repr(float(flat[i])) for i in at)}}}}},")
    out.append("};")
    out.append(f"#define REF_N_WEIGHTS {len(w)}\n")


# --- a tiny assembler for hand-made pickles -------------------------------------

def u(s):
    b = s.encode("utf-8", "surrogatepass") if isinstance(s, str) else s
    return b"X" + struct.pack("<I", len(b)) + b


def by(b):
    return (b"C" + bytes([len(b)]) if len(b) < 256 else b"B" + struct.pack("<I", len(b))) + b


def glob(m, n):
    return b"c" + m.encode() + b"\n" + n.encode() + b"\n"


def k1(v):
    return b"K" + bytes([v])


def i4(v):
    return b"J" + struct.pack("<i", v)


def tup(*parts):
    return b"(" + b"".join(parts) + b"t"


RECON = (glob("numpy.core.multiarray", "_reconstruct") + glob("numpy", "ndarray")
         + k1(0) + b"\x85" + by(b"b") + b"\x87R")


def dtype(code="f8", endian="<", state=None):
    st = state if state is not None else tup(k1(3), u(endian), b"NNN", i4(-1), i4(-1), k1(0))
    return glob("numpy", "dtype") + u(code) + b"\x89\x88\x87R" + st + b"b"


def array(shape=(3,), dt=None, fortran=b"\x89", data=None, recon=RECON, version=k1(1)):
    dt = dt if dt is not None else dtype()
    if data is None:
        data = by(np.arange(3.0).tobytes())
    shp = tup(*[k1(s) if 0 <= s < 256 else i4(s) for s in shape])
    return recon + tup(version, shp, dt, fortran, data) + b"b"


def pdict(*items, proto=3):
    body = b"".join(u(k) + v for k, v in items)
    return b"\x80" + bytes([proto]) + b"}(" + body + b"u."


GOOD = pdict(("a", array()))


def bad_cases():
    """(name, bytes, needle1, needle2): each must fail with ERR_FORMAT and a
    message containing both needles."""
    assert np.array_equal(pickle.loads(GOOD)["a"], np.arange(3.0))  # the assembler works
    cmd = u("echo pwned") + b"\x85R"
    c = []
    c.append(("empty", b"", "empty", ""))
    c.append(("not_a_pickle", b"hello, world\n", "not a pickle of protocol 2 to 5",
              "starts with 0x68"))
    c.append(("protocol_1", pickle.dumps({"a": 1}, protocol=1),
              "not a pickle of protocol 2 to 5", "starts with 0x7d"))
    c.append(("protocol_9", b"\x80\x09}.", "protocol 9", "PROTO (0x80)"))
    c.append(("unknown_opcode", b"\x80\x03}\xff.", "not a pickle opcode", "0xff"))
    c.append(("inst_opcode", b"\x80\x03(ios\nsystem\n" + u("echo pwned") + b".",
              "INST (0x69)", "not supported"))
    c.append(("os_system_global", b"\x80\x03" + glob("os", "system") + cmd + b".",
              "refusing global 'os.system'", "GLOBAL (0x63)"))
    c.append(("os_system_stack_global",
              b"\x80\x04\x8c\x02os\x94\x8c\x06system\x94\x93" + cmd + b".",
              "refusing global 'os.system'", "STACK_GLOBAL (0x93)"))
    c.append(("builtins_eval", b"\x80\x03" + glob("builtins", "eval")
              + u("__import__('os').system('echo pwned')") + b"\x85R.",
              "refusing global 'builtins.eval'", "never runs code"))
    c.append(("py2_builtin_eval", b"\x80\x02" + glob("__builtin__", "eval") + cmd + b".",
              "refusing global 'builtins.eval'", "byte 2"))
    c.append(("posix_system", b"\x80\x03" + glob("posix", "system") + cmd + b".",
              "refusing global 'posix.system'", "GLOBAL"))
    c.append(("subprocess_in_dict", pdict(("a", glob("subprocess", "check_output")
                                           + u("id") + b"\x85R")),
              "refusing global 'subprocess.check_output'", "GLOBAL"))
    c.append(("global_name_escape", b"\x80\x03" + glob("os\x1b[2J", "sys\ttem") + b".",
              "refusing global 'os\\x1b[2J.sys\\x09tem'", ""))
    c.append(("numpy_matrix", pickle.dumps({"m": np.matrix([[1.0, 2.0]])}, protocol=3),
              "refusing global 'numpy.matrix'", "GLOBAL"))
    c.append(("masked_array", pickle.dumps({"m": np.ma.array([1.0, 2.0])}, protocol=3),
              "refusing global 'numpy.ma.core._mareconstruct'", "GLOBAL"))
    c.append(("reconstruct_dtype_class", pdict(("a", glob("numpy.core.multiarray", "_reconstruct")
                                                + glob("numpy", "dtype") + k1(0) + b"\x85"
                                                + by(b"b") + b"\x87R")),
              "may only make a numpy.ndarray, not numpy.dtype", "REDUCE (0x52)"))
    c.append(("ndarray_called", pdict(("a", glob("numpy", "ndarray") + k1(3) + b"\x85R")),
              "numpy.ndarray may not be called directly", "REDUCE"))
    c.append(("object_array", pickle.dumps({"o": np.array([1, "x"], dtype=object)}, protocol=3),
              "unsupported dtype 'O8'", "REDUCE"))
    c.append(("int32_array", pickle.dumps({"i": np.arange(3, dtype=np.int32)}, protocol=3),
              "unsupported dtype 'i4'", "REDUCE"))
    c.append(("big_endian", pickle.dumps({"b": np.arange(3.0).astype(">f8")}, protocol=3),
              "big-endian float64", "BUILD (0x62)"))
    c.append(("dtype_metadata", pdict(("a", array(dt=dtype(state=tup(
        k1(4), u("<"), b"NNN", i4(-1), i4(-1), k1(0), b"}"))))),
              "unsupported dtype state", "BUILD"))
    c.append(("structured_dtype", pdict(("a", array(dt=dtype(state=tup(
        k1(3), u("<"), b"N", tup(u("x")), b"N", i4(-1), i4(-1), k1(0)))))),
              "structured", "BUILD"))
    c.append(("shape_bytes_mismatch", pdict(("a", array(shape=(4,)))),
              "shape (4,) with dtype float64 needs 32 bytes, but its data has 24", "BUILD"))
    c.append(("shape_bytes_short", pdict(("a", array(shape=(2,)))),
              "needs 16 bytes, but its data has 24", "BUILD"))
    c.append(("long1_negative_shape", pdict(("a", array().replace(
        b"(K\x01(K\x03t", b"(K\x01(\x8a\x01\xfdt", 1))), "negative", "BUILD"))
    c.append(("shape_negative", pdict(("a", array(shape=(-3,)))), "negative", "BUILD"))
    c.append(("shape_5_axes", pdict(("a", array(shape=(1, 1, 3, 1, 1)))),
              "5 axes", "BUILD"))
    c.append(("shape_huge", pdict(("a", array(shape=(2 ** 31 - 1, 2 ** 31 - 1, 2 ** 31 - 1)))),
              "too large", "BUILD"))
    c.append(("shape_not_tuple", pdict(("a", array(shape=(3,)).replace(
        b"(K\x01(K\x03t", b"(K\x01K\x03", 1))), "shape is an int", "BUILD"))
    c.append(("fortran_not_bool", pdict(("a", array(fortran=b"N"))),
              "is_fortran flag is None", "BUILD"))
    c.append(("data_is_str", pdict(("a", array(data=u("abcdefghijklmnopqrstuvwx")))),
              "data is a str", "BUILD"))
    c.append(("state_version_2", pdict(("a", array(version=k1(2)))),
              "unsupported ndarray state", "BUILD"))
    c.append(("build_twice", pdict(("a", array() + tup(k1(1)) + b"b")),
              "numpy.ndarray twice", "BUILD"))
    c.append(("build_on_dict", b"\x80\x03}" + tup(k1(1)) + b"b.",
              "cannot set the state of a dict", "BUILD"))
    c.append(("never_filled", pdict(("a", RECON)), "empty ndarray shell (no BUILD)", "key 'a'"))
    c.append(("value_not_array", pdict(("a", k1(1))), "value of key 'a' is an int", ""))
    c.append(("int_key", b"\x80\x03}" + k1(1) + array() + b"s.", "str keys", "SETITEM (0x73)"))
    c.append(("nul_in_key", pdict(("a\0b", array())), "NUL", "a\\x00b"))
    c.append(("top_is_list_opcode", b"\x80\x03].", "EMPTY_LIST (0x5d)", "not supported"))
    c.append(("top_is_int", b"\x80\x03K\x05.", "holds an int, not a dict", ""))
    c.append(("lying_binunicode", b"\x80\x03X\xff\xff\xff\x7fabc.",
              "length 2147483647 runs past the end", "BINUNICODE (0x58)"))
    c.append(("lying_short_binunicode", b"\x80\x04\x8c\x10abc.",
              "length 16 runs past the end", "SHORT_BINUNICODE (0x8c)"))
    c.append(("lying_binbytes", pdict(("a", array(data=b"B\x40\x00\x00\x00"
                                                  + np.arange(3.0).tobytes()))),
              "length 64 runs past the end", "BINBYTES (0x42)"))
    c.append(("lying_binbytes8", b"\x80\x04\x8e" + struct.pack("<Q", 2 ** 63) + b"x.",
              "length 9223372036854775808 runs past", "BINBYTES8 (0x8e)"))
    c.append(("lying_bytearray8", b"\x80\x05\x96" + struct.pack("<Q", 2 ** 64 - 1) + b".",
              "runs past the end", "BYTEARRAY8 (0x96)"))
    c.append(("lying_frame", b"\x80\x04\x95" + struct.pack("<Q", 1000) + b"}.",
              "frame of 1000 bytes runs past", "FRAME (0x95)"))
    c.append(("bad_utf8", b"\x80\x03X\x02\x00\x00\x00\xc3\x28.", "not valid UTF-8",
              "BINUNICODE"))
    c.append(("memo_get_missing", b"\x80\x03}h\x05.", "memo index 5 was never stored",
              "BINGET (0x68)"))
    c.append(("long_binget_missing", b"\x80\x03}q\x00j\xff\xff\xff\xff.",
              "memo index 4294967295 was never stored", "LONG_BINGET (0x6a)"))
    c.append(("long_binput_huge", b"\x80\x03}r\xff\xff\xff\x7f.",
              "memo index 2147483647 is too large", "LONG_BINPUT (0x72)"))
    c.append(("binput_empty_stack", b"\x80\x03q\x00.", "stack underflow", "BINPUT (0x71)"))
    c.append(("reduce_underflow", b"\x80\x03R.", "stack underflow", "REDUCE (0x52)"))
    c.append(("tuple1_over_mark", b"\x80\x03N(\x85.", "stack underflow", "TUPLE1 (0x85)"))
    c.append(("tuple_without_mark", b"\x80\x03Nt.", "no open MARK", "TUPLE (0x74)"))
    c.append(("setitems_odd", b"\x80\x03}(Nu.", "odd number", "SETITEMS (0x75)"))
    c.append(("setitems_no_dict", b"\x80\x03(NNu.", "no dict below the MARK", "SETITEMS"))
    c.append(("setitem_on_tuple", b"\x80\x03)" + u("a") + b"Ns.", "SETITEM on a tuple", ""))
    c.append(("stop_with_mark", b"\x80\x03}(.", "MARK still open", "STOP (0x2e)"))
    c.append(("stop_two_values", b"\x80\x03}}.", "2 values", "STOP"))
    c.append(("stop_empty", b"\x80\x03.", "0 values", "STOP"))
    c.append(("deep_marks", b"\x80\x03" + b"(" * 100 + b".", "more than 64 MARKs", "MARK (0x28)"))
    c.append(("long1_too_big", b"\x80\x03\x8a\x09" + b"\x01" * 9 + b".",
              "integer of 9 bytes", "LONG1 (0x8a)"))
    c.append(("out_of_band_buffer", b"\x80\x05\x97.", "out-of-band", "NEXT_BUFFER (0x97)"))
    c.append(("readonly_buffer", b"\x80\x05N\x98.", "out-of-band", "READONLY_BUFFER (0x98)"))
    c.append(("proto_twice", b"\x80\x03}\x80\x03.", "only appear first", "byte 3"))
    c.append(("global_unterminated", b"\x80\x02cnumpy\nndarr", "inside the global's name",
              "GLOBAL"))
    c.append(("global_too_long", b"\x80\x02c" + b"a" * 300 + b"\nb\n.", "longer than 256",
              "GLOBAL"))
    c.append(("codecs_rot13", pdict(("a", array(data=glob("_codecs", "encode") + u("x" * 24)
                                               + u("rot13") + b"\x86R"))),
              "only allowed as encode(str, 'latin1')", "REDUCE"))
    c.append(("codecs_not_latin1", pdict(("a", array(data=glob("_codecs", "encode")
                                                     + u("\u20ac" * 24) + u("latin1")
                                                     + b"\x86R"))),
              "does not fit latin1", "REDUCE"))
    c.append(("bytes_with_args", b"\x80\x02" + glob("__builtin__", "bytes") + k1(5)
              + b"\x85R.", "bytes() is only allowed with no arguments", "REDUCE"))
    c.append(("frombuffer_bad_order",
              pdict(("a", glob("numpy.core.numeric", "_frombuffer")
                     + tup(by(np.arange(3.0).tobytes()), dtype(), tup(k1(3), b""),
                           u("K")) + b"R")),
              "_frombuffer called with unexpected arguments", "REDUCE"))
    c.append(("frombuffer_mismatch",
              pdict(("a", glob("numpy.core.numeric", "_frombuffer")
                     + tup(by(np.arange(3.0).tobytes()), dtype(), k1(5) + b"\x85", u("C"))
                     + b"R")),
              "needs 40 bytes, but its data has 24", "REDUCE"))
    c.append(("trailing_bytes", GOOD + b"junk", "4 bytes follow the end", "STOP"))
    c.append(("no_stop", GOOD[:-1], "without a STOP", "truncated"))
    # one 1000-byte buffer fanned out into 16 arrays through the memo
    blob = np.zeros(125).tobytes()
    first = array(shape=(125,), data=by(blob) + b"q\x07")
    rest = [array(shape=(125,), data=b"h\x07") for _ in range(15)]
    c.append(("inflate_by_memo", pdict(("a0", first), *[(f"a{i + 1}", r)
                                                          for i, r in enumerate(rest)]),
              "inflate", "BUILD"))
    return c


def odd_cases():
    """(name, bytes): unusual but valid hand-made pickles; Python must agree
    with the C reader on the keys and the first array's values."""
    c = []
    c.append(("duplicate_key", pdict(("a", array()), ("b", array(shape=(1,), data=by(b"\0" * 8))),
                                     ("a", array(data=by((np.arange(3.0) + 10).tobytes()))))))
    c.append(("single_setitem", b"\x80\x03}" + u("w") + array() + b"s."))
    c.append(("long1_shape", pdict(("a", array().replace(b"(K\x01(K\x03t",
                                                         b"(K\x01(\x8a\x01\x03t", 1)))))
    c.append(("binunicode8_binbytes8",
              b"\x80\x04}(\x8d" + struct.pack("<Q", 3) + b"key"
              + array(data=b"\x8e" + struct.pack("<Q", 24) + np.arange(3.0).tobytes())
              + b"u."))
    c.append(("unicode_key", pdict(("\u00e9t\u00e9 \u6f22", array()))))
    c.append(("binint2_memo_reuse", b"\x80\x03}(" + u("x") + array(shape=(3,)) + b"q\x09"
              + u("y") + b"h\x09" + b"u."))
    c.append(("empty_dict", b"\x80\x02}."))
    return c


def write_odd(out):
    out.append("/* Unusual but valid pickles and what Python's pickle.loads gives. */")
    out.append("typedef struct OddPkl {\n    const char *name;\n    const char *bytes;\n"
               "    size_t len;\n    int n;\n    const char *keys[3];\n"
               "    int64_t size0;\n    double vals0[3];\n} OddPkl;\n")
    out.append("static const OddPkl ref_odd_pickles[] = {")
    for name, b in odd_cases():
        d = pickle.loads(b)
        keys = list(d.keys())
        assert len(keys) <= 3
        first = d[keys[0]].reshape(-1) if keys else np.zeros(0)
        vals = [repr(float(v)) for v in first[:3]] or ["0"]
        kc = ", ".join('"' + "".join(f"\\x{x:02x}" for x in k.encode()) + '"' for k in keys)
        out.append(f'    {{"{name}", {c_bytes(b)},\n        {len(b)}, {len(keys)}, '
                   f"{{{kc or 'NULL'}}}, {first.size}, {{{', '.join(vals)}}}}},")
    out.append("};")
    out.append(f"#define REF_N_ODD_PICKLES {len(odd_cases())}\n")


def c_bytes(b):
    if not b:
        return '""'
    parts = []
    for i in range(0, len(b), 32):
        parts.append('"' + "".join(f"\\x{x:02x}" for x in b[i:i + 32]) + '"')
    return "\n        ".join(parts)


def write_bad(out):
    cases = bad_cases()
    out.append("/* Damaged and malicious pickles: each must fail with ERR_FORMAT and a")
    out.append(" * message holding both needles. */")
    out.append("typedef struct BadPkl {\n    const char *name;\n    const char *bytes;\n"
               "    size_t len;\n    const char *needle;\n    const char *needle2;\n} BadPkl;\n")
    out.append("static const BadPkl ref_bad_pickles[] = {")
    for name, b, n1, n2 in cases:
        out.append(f'    {{"{name}", {c_bytes(b)},\n        {len(b)}, '
                   f'"{cesc(n1)}", "{cesc(n2)}"}},')
    out.append("};")
    out.append(f"#define REF_N_BAD_PICKLES {len(cases)}\n")


def cesc(s):
    return s.replace("\\", "\\\\").replace('"', '\\"')


def main():
    out = ["/* pkl_ref.h - generated by tests/tools/gen_pkl_fixtures.py; do not edit. */",
           "#ifndef NNSH_PKL_REF_H", "#define NNSH_PKL_REF_H",
           "#include <math.h>", "#include <stddef.h>", "#include <stdint.h>",
           '#include "arr.h"', ""]
    write_good(out)
    write_real(out)
    write_bad(out)
    write_odd(out)
    out.append("#endif")
    with open("tests/unit/pkl_ref.h", "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
