"""Turn .docx files into PDF with LibreOffice running headless, as a component of its own.

Design:

* Inputs are split into at most ``settings.workers`` batches; each batch runs in a thread
  that starts one ``soffice --convert-to`` process for many files at a time (a start costs
  about a second, a small document a fraction of that).
* Every soffice start gets a private, throwaway user profile (so runs never share or
  corrupt the user's own LibreOffice profile, and never hand work to a running instance),
  pre-seeded with ``registrymodifications.xcu``: macros disabled, links never updated on
  load, VBA not imported, untrusted external links blocked.
* Inputs are copied into a private folder under neutral names (``0000.docx``, ...): two
  inputs with the same name cannot overwrite each other's PDF, odd characters in file
  names never reach the command line, and LibreOffice's lock files stay out of the
  user's folders. The docx import filter is forced, so a damaged .docx fails instead of
  being "converted" as plain text.
* soffice converts a batch in order. Each document has ``settings.timeout`` seconds,
  counted from the previous document's end (a PDF or an error line appearing). When a
  document exceeds it, the whole process group is killed, that document is reported as
  timed out, and a fresh soffice with a fresh profile converts the rest of the batch.
* PDFs are written into the private folder and then moved atomically beside the .docx
  (or into ``outdir``): a half-written PDF is never visible at the destination. A document
  submitted with a ``finish`` step (signature fields) has its PDF finished in the private
  folder, by the worker that converted it, before the move.
* A missing, disabled or failing LibreOffice never raises: every result says why, in
  Spanish, naming the file, and the .docx is still delivered by the caller.
"""


from .batch import ConversionResult, Finish
from .converter import PdfConverter
from .scheduler import ConversionStream
from .soffice import find_soffice, missing_soffice_help

__all__ = ["ConversionResult", "ConversionStream", "Finish", "PdfConverter", "find_soffice", "missing_soffice_help"]
