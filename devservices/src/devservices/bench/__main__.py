import sys

from devservices.bench.costs import main

sys.exit(main())
