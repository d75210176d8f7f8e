"""Chinese for the Women's Home page's new words at a county (to be merged into resources/locale)."""

TRANSLATIONS = {
    "Activities of the units below are recorded in their own ledgers and arrive with their packages; "
    "choose Own unit under Unit to record one of this unit's own.": (
        "下级单位的活动记在各自的台账里，随其数据包报送上来；要登记本单位自己的活动，请在“单位”中选择“本单位”。"
    ),
    "No activities from the units below yet": "还没有下级单位的活动",
    "The activity ledgers of the units below arrive with their packages: import their packages on the page {page}.": (
        "下级单位的活动台账随其数据包报送上来：请在“{page}”页导入它们的数据包。"
    ),
    "No activities from {unit} yet": "还没有{unit}的活动",
    "{unit} has sent no activities yet: import its packages on the page {page}.": (
        "{unit}还没有报送活动：请在“{page}”页导入它的数据包。"
    ),
    "No activities of this unit's own yet": "本单位还没有自己的活动",
    "Activities this federation holds itself are recorded here with New activity (Ctrl+N); "
    "those of the units below are shown with All units below under Unit.": (
        "本级妇联自己举办的活动在这里用“新建活动”（Ctrl+N）登记；下级单位的活动请在“单位”中选择“全部下级单位”查看。"
    ),
    "No Women's Home of {unit} yet": "还没有{unit}的妇女之家情况",
    "{unit} has not described its Women's Home yet, or its package has not been imported: "
    "it is filled in at {unit} and arrives with its package.": (
        "{unit}还没有填写妇女之家情况，或其数据包尚未导入：妇女之家情况由{unit}自己填写，随其数据包报送上来。"
    ),
}
