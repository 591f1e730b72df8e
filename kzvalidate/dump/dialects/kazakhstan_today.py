"""Kazakhstan Today (kt.kz), the format of the bundled dumps::

03.03.2026, 14:12 11421
Kazakh Interior Ministry says crimes down 8% in two months of 2026
Images | Kazakhstan Today
One line per body paragraph ...
This information may not be reproduced without reference to Kazakhstan Today. Copyright of materials of News Agency Kazakhstan Today.
"""

from __future__ import annotations

from kzvalidate.dump.dialect import Dialect

FOOTER = (
    "This information may not be reproduced without reference to Kazakhstan Today. "
    "Copyright of materials of News Agency Kazakhstan Today."
)

KAZAKHSTAN_TODAY = Dialect(name="kazakhstan-today", agency="Kazakhstan Today", footers=(FOOTER,))
