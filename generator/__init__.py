import logging as _logging

# cddgen logs under "generator"; a command chooses where the records go (generator/logs.py).
# Used as a library, nothing is printed unless the caller configures logging.
_logging.getLogger(__name__).addHandler(_logging.NullHandler())
