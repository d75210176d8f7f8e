"""Chinese for the words of the printed list of units behind a cockpit figure."""

TRANSLATIONS = {
    "No units in this list.": "清单中没有单位。",
}
