"""zh_CN translations of the words added to the printed forms (python tools/translate.py this file)."""

TRANSLATIONS = {
    "{title} (continued)": "{title}（续表）",
}
