#!/usr/bin/python3
"""Write the fixtures for tests/unit/test_npy.c:

  tests/fixtures/npy/*.npy   arrays written by NumPy 1.24: np.save (format
                             1.0) for every dtype nnsh has and several shapes,
                             np.lib.format.write_array with version (2, 0)
                             and (3, 0), and a Fortran-order array
  tests/unit/npy_ref.h       their expected values; hand-made files with
                             unusual but valid headers (each checked with
                             np.load); and damaged files with the error each
                             must give

Run from the repository root:  /usr/bin/python3 tests/tools/gen_npy_fixtures.py
"""
import io
import os
import struct

import numpy as np

FIX = "tests/fixtures/npy"
DT = {"bool": "DT_BOOL", "uint8": "DT_UINT8", "int64": "DT_INT64",
      "float32": "DT_FLOAT32", "float64": "DT_FLOAT64"}


def values(shape, dtype, seed):
    rng = np.random.default_rng(seed)
    n = int(np.prod(shape)) if shape else 1
    if dtype == np.bool_:
        v = rng.integers(0, 2, n).astype(np.bool_)
    elif dtype == np.uint8:
        v = rng.integers(0, 256, n).astype(np.uint8)
    elif dtype == np.int64:
        v = rng.integers(-2 ** 62, 2 ** 62, n, dtype=np.int64)
    else:
        v = (rng.standard_normal(n) * 10).astype(dtype)
    return v.reshape(shape)


def good_arrays():
    """(file, array, writer): writer is None for np.save, else a version."""
    out = []
    shapes = [(), (0,), (3,), (2, 3), (2, 0), (2, 3, 4), (1, 2, 1, 3), (1234,), (123, 2)]
    seed = 1
    for dt in (np.float32, np.float64, np.int64, np.uint8, np.bool_):
        for shp in shapes:
            if (shp == (1234,) and dt != np.uint8) or (shp == (123, 2) and dt != np.float32):
                continue
            name = np.dtype(dt).name + "_" + ("x".join(map(str, shp)) or "scalar") + ".npy"
            out.append((name, values(shp, dt, seed), None))
            seed += 1
    special = np.array([0.0, -0.0, np.inf, -np.inf, 1e-45, 3.4028235e38], np.float32)
    out.append(("float32_special.npy", special, None))
    # long headers: zero-size arrays with many-digit axes (the first axis
    # also changes NumPy's spare growth spaces)
    out.append(("float64_long_header.npy", np.zeros((1, 0, 10 ** 9, 10 ** 9)), None))
    out.append(("uint8_long_first_axis.npy", np.zeros((123456789012345, 0), np.uint8), None))
    out.append(("float64_v2.npy", values((4, 5), np.float64, 99), (2, 0)))
    out.append(("int64_v3.npy", values((3, 2), np.int64, 98), (3, 0)))
    out.append(("uint8_v2.npy", values((7,), np.uint8, 97), (2, 0)))
    out.append(("float32_fortran.npy",
                np.asfortranarray(values((3, 4, 2), np.float32, 96)), None))
    return out


def write_file(path, a, version):
    with open(path, "wb") as f:
        if version is None:
            np.save(f, a)
        else:
            np.lib.format.write_array(f, a, version=version)


def c_vals(a):
    flat = np.ascontiguousarray(a).reshape(-1)
    if a.dtype == np.float32 or a.dtype == np.float64:
        return ", ".join(repr(float(v)) if np.isfinite(v) else
                         ("INFINITY" if v > 0 else "-INFINITY") for v in flat.astype(np.float64))
    return ", ".join(str(int(v)) + ("LL" if a.dtype == np.int64 else "") for v in flat)


def c_bytes(b):
    if not b:
        return '""'
    parts = []
    for i in range(0, len(b), 32):
        parts.append('"' + "".join(f"\\x{x:02x}" for x in b[i:i + 32]) + '"')
    return "\n        ".join(parts)


def cesc(s):
    return s.replace("\\", "\\\\").replace('"', '\\"')


def npy(header, data=b"", version=(1, 0), hlen=None):
    """A .npy file with a hand-written header (no padding added)."""
    h = header.encode("utf-8" if version[0] == 3 else "latin1") if isinstance(header, str) else header
    n = len(h) if hlen is None else hlen
    size = struct.pack("<H", n) if version[0] == 1 else struct.pack("<I", n)
    return b"\x93NUMPY" + bytes(version) + size + h + data


F8 = np.arange(3.0).tobytes()


def odd_cases():
    """Valid but unusual files; np.load must read each."""
    c = []
    c.append(("keys_reordered", npy("{'shape': (3,), 'fortran_order': False, 'descr': '<f8'}\n", F8)))
    c.append(("double_quotes", npy('{"descr": "<f8", "fortran_order": False, "shape": (3,)}', F8)))
    c.append(("no_trailing_comma_no_newline",
              npy("{'descr':'<f8','fortran_order':False,'shape':(3,)}", F8)))
    c.append(("python2_long", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3L,), }\n", F8)))
    c.append(("tabs_and_newlines",
              npy("{\n\t'descr' : '<f8' ,\n\t'fortran_order' : False ,\n\t'shape' : ( 3 , ) ,\n}\n", F8)))
    c.append(("u1_little_endian", npy("{'descr': '<u1', 'fortran_order': False, 'shape': (2, 2), }",
                                      bytes([1, 2, 250, 255]))))
    c.append(("b1_nonzero_bytes", npy("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }",
                                      bytes([0, 1, 7]))))
    c.append(("fortran_2d_i8", npy("{'descr': '<i8', 'fortran_order': True, 'shape': (2, 3), }",
                                   np.arange(6, dtype=np.int64).tobytes())))
    c.append(("v3_utf8_padding", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"
                                     "            \n", F8, version=(3, 0))))
    return c


def bad_cases():
    """(name, bytes, needle1, needle2): ERR_FORMAT with both needles."""
    good = "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"
    c = []
    c.append(("empty", b"", "not a .npy file", "\\x93NUMPY"))
    c.append(("wrong_magic", b"\x93NUMPZ\x01\x00" + b"\x00" * 60, "not a .npy file", ""))
    c.append(("pickle_not_npy", b"\x80\x03}q\x00.", "not a .npy file", ""))
    c.append(("only_magic", b"\x93NUMPY", "ends inside the version", ""))
    c.append(("version_4", npy(good, F8, version=(4, 0)), "version 4.0 is not supported", ""))
    c.append(("version_1_1", npy(good, F8, version=(1, 1)), "version 1.1 is not supported", ""))
    c.append(("version_0", npy(good, F8, version=(0, 0)), "version 0.0", ""))
    c.append(("short_header_len", b"\x93NUMPY\x01\x00\x10", "ends inside the header length", ""))
    c.append(("header_len_lies", npy(good, b"", hlen=200), "ends inside the header",
              "200 bytes announced"))
    c.append(("header_huge_v2", npy(good, F8, version=(2, 0), hlen=0x7fffffff),
              "refuses headers over 10000", "2147483647"))
    c.append(("big_endian", npy(good.replace("<f8", ">f8"), F8), "big-endian", "'>f8'"))
    c.append(("int32", npy(good.replace("<f8", "<i4"), F8[:12]), "unsupported dtype '<i4'", ""))
    c.append(("float16", npy(good.replace("<f8", "<f2"), F8[:6]), "unsupported dtype '<f2'", ""))
    c.append(("object", npy(good.replace("<f8", "|O"), F8), "unsupported dtype '|O'", ""))
    c.append(("structured", npy("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (3,), }",
                                F8), "structured dtypes are not supported", "character 10"))
    c.append(("code_in_header", npy("{'descr': __import__('os').system('echo pwned'), "
                                    "'fortran_order': False, 'shape': (3,), }", F8),
              "not a simple dtype string", ""))
    c.append(("fortran_not_bool", npy(good.replace("False", "1"), F8),
              "fortran_order must be True or False", ""))
    c.append(("fortran_truthy_name", npy(good.replace("False", "Falsey"), F8),
              "fortran_order must be True or False", ""))
    c.append(("shape_not_tuple", npy(good.replace("(3,)", "(3)"), F8), "is not a tuple", ""))
    c.append(("shape_list", npy(good.replace("(3,)", "[3]"), F8), "expected a tuple for shape", ""))
    c.append(("shape_negative", npy(good.replace("(3,)", "(-3,)"), F8),
              "expected a non-negative integer", ""))
    c.append(("shape_leading_zero", npy(good.replace("(3,)", "(03,)"), F8), "leading zero", ""))
    c.append(("shape_5_axes", npy(good.replace("(3,)", "(3, 1, 1, 1, 1)"), F8),
              "more than 4 axes", ""))
    c.append(("shape_overflow", npy(good.replace("(3,)", "(4611686018427387904, 4)"), F8),
              "too large", ""))
    c.append(("shape_digits_overflow", npy(good.replace("(3,)", "(99999999999999999999,)"), F8),
              "number too large", ""))
    c.append(("missing_shape", npy("{'descr': '<f8', 'fortran_order': False}", F8),
              "the key 'shape' is missing", ""))
    c.append(("extra_key", npy(good.replace("}", "'foo': 1, }"), F8), "unexpected key 'foo'", ""))
    c.append(("duplicate_key", npy(good.replace("}", "'shape': (3,), }"), F8),
              "key 'shape' appears twice", ""))
    c.append(("not_a_dict", npy("['descr', '<f8']", F8), "expected '{'", ""))
    c.append(("text_after_dict", npy(good + " x", F8), "unexpected text after the dict", ""))
    c.append(("unterminated_string", npy("{'descr': '<f8", F8), "unterminated string", ""))
    c.append(("escape_in_string", npy(good.replace("<f8", "<f\\x38"), F8),
              "unsupported character", ""))
    c.append(("non_ascii_v1", npy(good.replace("'shape'", "'sh\u00e9pe'"), F8), "non-ASCII", ""))
    c.append(("long_in_v3", npy(good.replace("(3,)", "(3L,)"), F8, version=(3, 0)),
              "expected ',' or ')'", ""))
    c.append(("missing_colon", npy(good.replace("'descr':", "'descr'"), F8), "expected ':'", ""))
    c.append(("truncated_data", npy(good, F8[:-1]), "truncated",
              "needs 24 bytes of data, the file has 23"))
    c.append(("no_data", npy(good), "truncated", "has 0"))
    c.append(("extra_data", npy(good, F8 + b"\0"), "1 bytes follow the data", ""))
    c.append(("shape_lies_big", npy(good.replace("(3,)", "(100,)"), F8), "truncated",
              "shape (100,) of float64 needs 800 bytes"))
    c.append(("shape_lies_small", npy(good.replace("(3,)", "(2,)"), F8), "8 bytes follow", ""))
    return c


def main():
    os.makedirs(FIX, exist_ok=True)
    out = ["/* npy_ref.h - generated by tests/tools/gen_npy_fixtures.py; do not edit. */",
           "#ifndef NNSH_NPY_REF_H", "#define NNSH_NPY_REF_H", "#include <math.h>",
           "#include <stdbool.h>", "#include <stddef.h>", "#include <stdint.h>",
           '#include "arr.h"', ""]

    out.append("/* Files written by NumPy. vals: C-order values as doubles; ivals: int64")
    out.append(" * values exactly. same_as_np_save: npy_save must reproduce the file. */")
    out.append("typedef struct RefNpy {\n    const char *file;\n    DType dtype;\n    int ndim;\n"
               "    int64_t shape[4];\n    int64_t size;\n    const double *vals;\n"
               "    const int64_t *ivals;\n    bool same_as_np_save;\n} RefNpy;\n")
    rows = []
    for i, (name, a, version) in enumerate(good_arrays()):
        path = os.path.join(FIX, name)
        write_file(path, a, version)
        assert os.path.getsize(path) < 100_000
        back = np.load(path)
        assert back.dtype == a.dtype and np.array_equal(back, a)
        flat = np.ascontiguousarray(a).reshape(-1)
        if a.dtype == np.int64:
            out.append(f"static const int64_t ref_npy_i{i}[] = {{{c_vals(a) or '0'}}};")
        dv = ", ".join(repr(float(v)) if np.isfinite(v) else
                       ("INFINITY" if v > 0 else "-INFINITY") for v in flat.astype(np.float64))
        out.append(f"static const double ref_npy_v{i}[] = {{{dv or '0'}}};")
        same = version is None and a.flags.c_contiguous
        shape = ", ".join(str(s) for s in a.shape) or "0"
        iv = f"ref_npy_i{i}" if a.dtype == np.int64 else "NULL"
        rows.append(f'    {{"{name}", {DT[a.dtype.name]}, {a.ndim}, {{{shape}}}, {a.size}, '
                    f"ref_npy_v{i}, {iv}, {'true' if same else 'false'}}},")
    out.append("static const RefNpy ref_npy_files[] = {")
    out.extend(rows)
    out.append("};")
    out.append(f"#define REF_N_NPY_FILES {len(rows)}\n")

    out.append("/* Unusual but valid headers, with what np.load reads (<= 8 values). */")
    out.append("typedef struct OddNpy {\n    const char *name;\n    const char *bytes;\n"
               "    size_t len;\n    DType dtype;\n    int ndim;\n    int64_t shape[4];\n"
               "    int64_t size;\n    double vals[8];\n} OddNpy;\n")
    out.append("static const OddNpy ref_odd_npy[] = {")
    for name, b in odd_cases():
        a = np.load(io.BytesIO(b))
        flat = np.ascontiguousarray(a).reshape(-1).astype(np.float64)
        assert flat.size <= 8
        shape = ", ".join(str(s) for s in a.shape) or "0"
        vals = ", ".join(repr(float(v)) for v in flat) or "0"
        out.append(f'    {{"{name}", {c_bytes(b)},\n        {len(b)}, {DT[a.dtype.name]}, '
                   f"{a.ndim}, {{{shape}}}, {a.size}, {{{vals}}}}},")
    out.append("};")
    out.append(f"#define REF_N_ODD_NPY {len(odd_cases())}\n")

    out.append("/* Damaged files: each must fail with ERR_FORMAT, both needles in the message. */")
    out.append("typedef struct BadNpy {\n    const char *name;\n    const char *bytes;\n"
               "    size_t len;\n    const char *needle;\n    const char *needle2;\n} BadNpy;\n")
    out.append("static const BadNpy ref_bad_npy[] = {")
    for name, b, n1, n2 in bad_cases():
        out.append(f'    {{"{name}", {c_bytes(b)},\n        {len(b)}, "{cesc(n1)}", "{cesc(n2)}"}},')
    out.append("};")
    out.append(f"#define REF_N_BAD_NPY {len(bad_cases())}\n")
    out.append("#endif")
    with open("tests/unit/npy_ref.h", "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
