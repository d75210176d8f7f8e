"""zh_CN for the self-test's check of the QR code reader (merged into resources/locale by tools/translate.py)."""

TRANSLATIONS = {
    "QR codes of printed sheets are read back": "能读回打印表格上的二维码",
}
