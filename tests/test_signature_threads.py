"""Signature fields are placed in the PDF converter's worker threads (one per soffice), and PDFium,
which reads where each block is, is not thread-safe: concurrent use crashed the process (a
1 000-acta expediente died with SIGSEGV) or made a page fail to open, leaving a PDF without its
fields. Run in a child process, so that a crash is this test's failure, not the suite's end."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from .conftest import EXAMPLES, REPO

CONCURRENT_READS = textwrap.dedent("""
    import sys, threading
    from pathlib import Path

    from generator.render.signature_fields import locate_blocks
    from generator.render.signers import Signer

    data = Path(sys.argv[1]).read_bytes()
    signers = [Signer(role="Presidente", name="Nadie Que Figure", dni="99999999")]
    failures = []

    def read_many():
        for _ in range(150):
            try:
                locate_blocks(data, signers)
            except Exception as exc:  # reported below: the test names what went wrong
                failures.append(repr(exc))

    threads = [threading.Thread(target=read_many) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(failures[:3] or "ok")
""")


def test_blocks_are_located_from_several_threads_at_once_without_crashing_or_failing():
    pdf = EXAMPLES / "resolucion-conformacion.pdf"
    done = subprocess.run([sys.executable, "-c", CONCURRENT_READS, str(pdf)], cwd=REPO, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    assert done.stdout.strip() == "ok", done.stdout
