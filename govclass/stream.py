"""``govclass.stream`` is ``govclass.adapters.stream`` (moved in 0.2.0, issue 22: the adapters stand in one
package); this name stays for the programs that import it.  It is the same module object."""

import sys

from govclass.adapters import stream as _adapter

sys.modules[__name__] = _adapter
