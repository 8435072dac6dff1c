"""Write tests/fixtures/evil_os_system.pkl: a protocol-2 pickle that, loaded
by Python's pickle, would call os.system('echo pwned'). nnsh's `load` must
refuse it without running anything (tests/transcripts/mnist_load.nns).

usage: python3 tests/tools/gen_evil_pickle.py   (from the repository root)
The bytes are assembled opcode by opcode, never by pickling a real object.
"""
import pickle
import pickletools

cmd = b"echo pwned"
data = (pickle.PROTO + b"\x02"
        + pickle.GLOBAL + b"os\nsystem\n"
        + pickle.BINUNICODE + len(cmd).to_bytes(4, "little") + cmd
        + pickle.TUPLE1
        + pickle.REDUCE
        + pickle.STOP)
pickletools.dis(data)  # shows what the file asks for, without running it
with open("tests/fixtures/evil_os_system.pkl", "wb") as f:
    f.write(data)
