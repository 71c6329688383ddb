"""The shared inbox: take each dropped form once, process it, put it away; never lose one.

Folders (inside the inbox, so every move is a rename on one file system, a share too)::

    inbox/                      where anyone drops forms
    inbox/.procesando/<toma>/   a claimed file, with the lock of the process working on it
    inbox/procesados/<fecha>/   processed inputs, each with «<nombre>.recibo.txt»
    inbox/observados/<fecha>/   rejected inputs, each with «<nombre>.LEAME.txt» and, for a
                                workbook, «<nombre>.observado.xlsx» with the problems marked

A pass (``run_pass``): recover claims left by dead processes, scan the inbox, claim each
file whose size and modification time have been stable for ``estabilidad_segundos`` (and
that is not empty, nor an Office lock or temporary file, nor a dot-file), process it with
``process_file``, put it away, log it, and finally write the «LISTOS-PARA-FIRMA» index.

Claiming is an atomic rename into a fresh folder under ``.procesando/`` whose lock file
the claimer holds (``flock``): two watchers never take the same file, and a claim whose
lock can be taken belongs to a dead process and is finished by whoever finds it. The
order of the steps makes every crash recoverable:

1. claim (rename) — a crash leaves the file in ``.procesando/``, re-processed later;
2. process: numbers reserved and recorded in the ledger, documents written atomically,
   numbers confirmed — re-processing gives the same numbers (same document keys);
3. reserve the destination name, write the receipt or explanation, mark the ledger row
   final — a crash here is finished from the ledger by the next pass;
4. move the input, log it, release the claim.

No file can stop the inbox:

- a claimed file records each attempt in its claim folder; one whose processing crashed or
  killed the process twice is put in ``observados/`` with a LEAME saying so, unprocessed;
- a form whose documents need another form (an Ascenso workbook needs the committee's) is
  tried again after the other files of its pass, then set aside once with a LEAME for the
  operator, never retried forever;
- a name that is not valid text (UTF-8; what unzipping a Windows zip gives) is claimed under
  a readable name, and the receipt or LEAME gives the one it came with;
- whatever takes the name of one of cddgen's folders (a file called «observados», a link to
  another place) is moved aside, never written through.

A configured inbox that does not exist (an unmounted share, a typo) is an error; only the
installation's own default folder is created.

Settings: ``[bandeja]`` in cddgen.toml (``InboxConfig``).

Modules: ``names`` (what a dropped file is called, which files count, free names), ``settings``,
``stability`` (when a file has been copied), ``claims`` (taking a file, attempts), ``box`` (the
``Inbox``: folders, claiming, handling one file, the end of a pass), ``passes`` (``run_pass``),
``audit`` (``check_outbox``).
"""

from .audit import check_outbox
from .box import Inbox
from .claims import ATTEMPTS_NAME, MAX_ATTEMPTS, Claim
from .names import (
    CLAIMS_DIR,
    EXPLANATION_SUFFIX,
    LOG_NAME,
    MARKED_SUFFIX,
    OBSERVED_DIR,
    PROCESSED_DIR,
    RECEIPT_SUFFIX,
    append_line,
    is_ignored,
    readable_name,
)
from .passes import PassReport, run_pass
from .settings import InboxConfig
from .stability import StabilityTracker

__all__ = [
    "ATTEMPTS_NAME", "CLAIMS_DIR", "EXPLANATION_SUFFIX", "LOG_NAME", "MARKED_SUFFIX", "MAX_ATTEMPTS",
    "OBSERVED_DIR", "PROCESSED_DIR", "RECEIPT_SUFFIX", "Claim", "Inbox", "InboxConfig", "PassReport",
    "StabilityTracker", "append_line", "check_outbox", "is_ignored", "readable_name", "run_pass",
]
