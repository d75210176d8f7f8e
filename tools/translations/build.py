"""zh_CN translations of the self-test's new lines: python tools/translate.py tools/translations/build.py"""

TRANSLATIONS = {
    "names sort by pinyin and by surname strokes": "姓名可按拼音和姓氏笔画排序",
    "the window system started ({platform}); interface fonts, icons and photos load": (
        "窗口系统已启动（{platform}）；界面字体、图标和照片可以显示"
    ),
}
