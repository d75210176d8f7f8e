"""zh_CN for the strings of the screen-fit work (python tools/translate.py tools/translations/fit.py)."""

TRANSLATIONS = {
    "Without photos only": "只看没有照片的",
}
