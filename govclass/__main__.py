import sys

from govclass.cli import main

sys.exit(main())
