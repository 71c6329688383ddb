"""The numbering registry: correlative document numbers kept in SQLite.

One series per document type (``acta-instalacion``, ``oficio-comite``, ...), office and
year; each series counts 1, 2, 3, ... with no gap and no repeat. A number belongs to a
*key*, the caller's stable identity of one document (for example the input file, the kind
of document and the person it is about): rendering the same document again returns the
same number instead of drawing a new one.

Life of a number, designed so that a crash at any moment never loses or repeats one::

    reserve()  -> "reservado"   committed before any output file is written
    confirm()  -> "emitido"     after the files are in outbox/ (the files are recorded)
    annul()    -> "anulado"     the document will not be issued; the number stays used

A number is also given to a *subject*: who or what the document is about (a CETPRO's name and
code, a postulante's DNI and name). Reserving a key already numbered for another subject (a
ficha copied to another CETPRO with the código local left unchanged) raises SubjectConflict
instead of handing the number over: one number never stands for two subjects. Subjects
are compared ignoring case, accents and punctuation.

Who signs what (schema version 3): each issued document's expected signers (``signers``), the
PDF it was issued as (``issued_pdfs``: SHA-256 and size, so that a signed copy is recognised by
its exact prefix), a fingerprint of its content (``contents``), and every signed copy received
(``signed_copies``) with the signatures it carries (``signatures``).

After a crash, ``pending()`` lists the numbers reserved but never confirmed: re-processing
the same document reserves the same key and gets the same number back; a document that can
no longer be produced is annulled with a reason. A number is never handed to another key.

Concurrency: every operation opens its own connection (so threads share nothing) and
allocates inside ``BEGIN IMMEDIATE``, which takes SQLite's write lock before reading the
last number, so two processes never see the same "last". ``UNIQUE`` constraints on
(series, office, year, number) and (series, office, year, key) are the final guard, and
triggers forbid deleting a row or changing a number once given.

The registry must live on a **local disk**, not on an SMB/NFS share: SQLite's file locks
(and WAL's shared memory) are unreliable over network file systems, and two machines
writing the same file there can corrupt it or repeat numbers. To back it up, copy it while
no cddgen is running (the ``-wal`` file beside it holds the latest numbers until cddgen
closes it) or use ``sqlite3 numeracion.sqlite ".backup copia.sqlite"``.

Modules: ``schema`` (its tables, version by version), ``entries`` (``NumberEntry``, subjects,
patterns), ``signing`` (who signs what: the signing tables' records and queries),
``registry`` (``NumberingRegistry``: reserving, confirming, annulling, finding numbers).
"""

from ...errors import NumberingError, SubjectConflict
from .entries import NumberEntry, comparable_label, comparable_subject, format_number, subject_conflict
from .registry import BUSY_TIMEOUT_SECONDS, REISSUE_MARK, NumberingRegistry
from .schema import ANNULLED, CURRENT_COPY, ISSUED, REPLACED_COPY, RESERVED, SCHEMA_VERSION
from .signing import ExpectedSigner, IssuedPdf, IssueRecord, RecordedSignature, SignedCopy, SigningRecord

__all__ = [
    "ANNULLED", "BUSY_TIMEOUT_SECONDS", "CURRENT_COPY", "ISSUED", "REISSUE_MARK", "REPLACED_COPY", "RESERVED",
    "SCHEMA_VERSION", "ExpectedSigner", "IssueRecord", "IssuedPdf", "NumberEntry", "NumberingError",
    "NumberingRegistry", "RecordedSignature", "SignedCopy", "SigningRecord", "SubjectConflict", "comparable_label",
    "comparable_subject", "format_number", "subject_conflict",
]
