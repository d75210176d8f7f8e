"""zh_CN translations of the rare-character finder's words (python tools/translate.py tools/translations/finder.py)."""

TRANSLATIONS = {
    "Rare character": "生僻字",
    "Type a reading (lan or lǎn), a code (U+21484) or a radical and its remaining strokes (土13).": (
        "输入读音（lan 或 lǎn）、编码（U+21484），或部首加其余笔画数（土13）。"
    ),
    "Insert": "插入",
    "No character found.": "没有找到这个字。",
    "Only the first {count} are shown: type more to narrow the search.": "只列出前 {count} 个：多输入一些可缩小范围。",
    "{code} (no reading or strokes known)": "{code}（读音和笔画不详）",
    "{count} strokes": "{count} 画",
    "radical {radical} + {rest}": "部首 {radical} + {rest} 画",
    "Type a rare character (生僻字) by reading, code or radical ({key})": "输入生僻字：按读音、编码或部首查找（{key}）",
}
