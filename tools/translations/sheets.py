"""zh_CN translations of the messages about spreadsheet formats (.xls, .et, .ods and files of other kinds)."""

TRANSLATIONS = {
    "{file} is {what}, which the program cannot read as a spreadsheet. "
    "Open it in Excel or WPS, save it as .xlsx (Save As), and import that file.": (
        "{file} 是{what}，本程序不能把它当作表格读取。请用Excel或WPS打开，“另存为”.xlsx格式，再导入另存的文件。"
    ),
    "{file} is not a spreadsheet the program can read (.xlsx, .xls, .ods or .csv). "
    "If it opens in Excel or WPS, save it there as .xlsx (Save As) and import that file.": (
        "{file} 不是本程序能读取的表格（.xlsx、.xls、.ods或.csv）。"
        "如果它能用Excel或WPS打开，请“另存为”.xlsx格式，再导入另存的文件。"
    ),
    "{file} is protected by a password. Open it in Excel or WPS, remove the password and save it as .xlsx.": (
        "{file} 设有打开密码。请用Excel或WPS打开，取消密码后“另存为”.xlsx格式。"
    ),
    "{file} is a WPS spreadsheet (.et) that the program cannot read. "
    "Open it in WPS, save it as .xlsx (Save As), and import that file.": (
        "{file} 是本程序无法读取的WPS表格（.et）。请用WPS打开，“另存为”.xlsx格式，再导入另存的文件。"
    ),
    "{file} is not a readable {kind} workbook (damaged, or another kind of file renamed). "
    "Open it in Excel or WPS and save it as .xlsx.": (
        "{file} 不是可读取的{kind}工作簿（文件已损坏，或是其他类型的文件改了扩展名）。"
        "请用Excel或WPS打开，“另存为”.xlsx格式。"
    ),
    "{file} spans {rows} rows and {columns} columns; a sheet to import may hold at most {limit} cells. "
    "Copy the rows into a new workbook and save it as .xlsx.": (
        "{file} 的工作表占{rows}行、{columns}列，导入的工作表最多{limit}个单元格。"
        "请把数据行复制到新的工作簿，“另存为”.xlsx格式。"
    ),
    "a PDF file": "PDF文件",
    "a picture": "图片",
    "a document in rich text format (.rtf)": "RTF格式的文档（.rtf）",
    "an Excel 2003 XML spreadsheet": "Excel 2003 XML表格",
    "a web page (HTML) with a spreadsheet's name": "网页（HTML）文件，只是扩展名像表格",
    "a Word or WPS text document": "Word或WPS文字文档",
    "a PowerPoint presentation": "PowerPoint演示文稿",
    "an Office file that holds no workbook": "不含工作簿的Office文件",
    "an Excel binary workbook (.xlsb)": "Excel二进制工作簿（.xlsb）",
    "an OpenDocument text (.odt)": "OpenDocument文本文档（.odt）",
    "an OpenDocument file that is not a spreadsheet": "不是表格的OpenDocument文件",
    "a Word document (.docx)": "Word文档（.docx）",
    "a PowerPoint presentation (.pptx)": "PowerPoint演示文稿（.pptx）",
    "an Apple Numbers spreadsheet (.numbers)": "苹果Numbers表格（.numbers）",
    "a zip archive": "zip压缩包",
    "a text file without columns (not CSV)": "没有分列的文本文件（不是CSV）",
}
