import sys

from aura.cli.main import main

sys.exit(main())
