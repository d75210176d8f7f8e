"""zh_CN for reading sheets back from pictures (paper/): files refused, codes and marks not found."""

TRANSLATIONS = {
    "The file {name} could not be opened.": "无法打开文件{name}。",
    "The file {name} is empty.": "文件{name}是空的。",
    "The picture in {name} is far too large to be a scanned page.": "{name}中的图片太大，不像是扫描的纸页。",
    "The file {name} is neither a picture ({formats}) nor a PDF, or it is damaged.": (
        "文件{name}既不是图片（{formats}）也不是PDF，或者已损坏。"
    ),
    "The PDF file {name} is damaged or protected by a password.": "PDF文件{name}已损坏或设有密码。",
    "The PDF file {name} has no pages.": "PDF文件{name}没有页面。",
    "The corner marks of this sheet could not all be found (a corner cut off, covered or outside "
    "the picture?). Take the picture again with the whole sheet in it.": (
        "找不到这张纸的全部四角定位标记（某个角被裁掉、被遮住或不在画面内？）。请重新拍摄，让整张纸都在画面内。"
    ),
    "No code was found in this picture: it is not a sheet printed by this program, or the code is "
    "covered, out of focus or too small. Scan it again, or photograph it from closer.": (
        "这张图片中没有找到二维码：它不是本程序打印的表，或者二维码被遮住、模糊或太小。请重新扫描，或靠近一些再拍。"
    ),
    "This page was already read in this batch (a second copy).": "这一页在本批中已经读过（重复的一份）。",
    "This sheet is not the one printed for this code.": "这张纸与其二维码所对应的打印内容不符。",
}
