"""Build step that pyproject.toml cannot declare: ship templates/ and forms/ inside the wheel.

The repository's top-level ``templates/`` (Word templates) and ``forms/`` (blank forms and the
filled examples of ``forms/ejemplos/``) are the sources; a regular (non-editable) install must
carry them, so ``build_py`` copies them into the built package as ``generator/bundled/``,
where ``generator/bundled.py`` looks first. Everything else is in pyproject.toml.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
SHIPPED = {"templates": ("*.docx",), "forms": ("*.xlsx", "*.docx", "*.pdf")}


class BuildWithBundledFiles(build_py):
    def run(self):
        super().run()
        if self.editable_mode:  # an editable install reads templates/ and forms/ where they are
            return
        target = Path(self.build_lib) / "generator" / "bundled"
        for folder, patterns in SHIPPED.items():
            for pattern in patterns:
                for source in sorted((HERE / folder).rglob(pattern)):
                    if source.name.startswith(("~$", ".")):  # Office lock files, hidden files
                        continue
                    destination = target / source.relative_to(HERE)
                    self.mkpath(str(destination.parent))
                    self.copy_file(str(source), str(destination))


setup(cmdclass={"build_py": BuildWithBundledFiles})
