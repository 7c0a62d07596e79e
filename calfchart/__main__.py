import sys

from calfchart.cli import main

sys.exit(main())
