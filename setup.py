"""Ships layouts/ inside the installed package (as publish/layouts), so that an installed
publish finds its layouts. The layouts stay at the top of the checkout, where designers
edit them; everything else about the package is in pyproject.toml."""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

LAYOUTS = Path(__file__).resolve().parent / "layouts"


class BuildWithLayouts(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "publish" / "layouts"
        shutil.copytree(LAYOUTS, target, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", ".*", "*~"))


setup(cmdclass={"build_py": BuildWithLayouts})
