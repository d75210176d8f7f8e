"""zh_CN for the print preview's strings (gui/printing/preview.py and the pages' Print buttons)."""

TRANSLATIONS = {
    "Print preview: {title}": "打印预览：{title}",
    "the print preview draws pages and printing loads": "打印预览能显示页面，打印功能可用",
    "Print {title}": "打印{title}",
    "Printing {title}…": "正在打印{title}…",
    "Preview and print…": "预览并打印…",
    "Open with another program": "用系统程序打开",
    "Open the PDF in the computer's own PDF reader": "用电脑上的PDF阅读器打开",
    "Previous page": "上一页",
    "Next page": "下一页",
    "Page number": "页码",
    "of {count}": "/ 共{count}页",
    "Page": "页面",
    "Page {page} of {count}": "第{page}页，共{count}页",
    "landscape": "横向",
    "portrait": "纵向",
    "Fit width": "适合宽度",
    "Whole page": "整页",
    "Smaller": "缩小",
    "Larger": "放大",
    "The form has no pages.": "这张表没有内容页。",
    "The form could not be printed: {error}": "表格没能打印：{error}",
    "Pages sent to the printer: {count}.": "已送往打印机：{count}页。",
    "Saved {path}.": "已保存 {path}。",
    "No program on this computer opens PDF files. The file is {path}.": (
        "这台电脑上没有能打开PDF文件的程序。文件在 {path}。"
    ),
    "Cannot write {path}: {error}": "无法写入 {path}：{error}",
    "The form is made from the records as they are now. Preview it to check it and print it, "
    "or save it as a file.": "表格按现有记录生成。先预览核对再打印，也可以另存为文件。",
    "Preview and print the facility sheet (Ctrl+P)": "预览并打印基本情况表（Ctrl+P）",
    "Preview and print the roster (Ctrl+P)": "预览并打印名册（Ctrl+P）",
    "Preview and print the ledger of the year chosen (else the latest) (Ctrl+P); "
    "the arrow offers Excel, the record sheet and the statistics": (
        "预览并打印所选年度（未选则最近一年）的活动台账（Ctrl+P）；箭头菜单里有Excel、活动记录表和统计表"
    ),
    "Preview and print the sign-in sheets of the selected training (Ctrl+P); "
    "the arrow offers the attendance summary and the yearly table": (
        "预览并打印所选培训的签到表（Ctrl+P）；箭头菜单里有出勤汇总和年度培训表"
    ),
}
