"""zh_CN translations of the strings added for issue 10 (field rules everywhere, trusted installations).

Applied with: python tools/translate.py tools/translations/rules.py (after tools/update_catalog.py).
"""

TRANSLATIONS = {
    # --- one set of rules for every stored text ---
    "Period name": "报送期名称",
    "Reason for returning": "退回原因",
    "{field} holds only invisible characters; type the text or leave the field empty.": "{field}只有不可见的字符，请填写内容，或者留空。",  # noqa: E501
    "The photo is not attached to this record any more.": "这张照片已不在这条记录上。",
    "{part}: {problem}": "{part}：{problem}",
}
