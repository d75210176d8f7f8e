"""zh_CN translations of the messages of the field rules and input limits."""

TRANSLATIONS = {
    "[{n} more characters not shown]": "[另有{n}个字符未显示]",
    "Record {uuid} of {unit}: {problem}": "{unit}的记录{uuid}：{problem}",
    "Nothing was exported: {problem}. Correct the record (a check lists them all) and export again.": (
        "未导出任何内容：{problem}。请修改该记录（运行检查可列出全部问题）后再导出。"
    ),
    "record {uuid}: {problem}": "记录{uuid}：{problem}",
    "Shared with": "共用场所",
    "Confirmed warnings": "已确认的提示",
    "Lecturers": "授课人",
    "Caption": "照片说明",
    "More than {n} people cannot be right; check the number.": "人数超过{n}不合常理，请核对。",
    "More than {n} yuan cannot be right; check the amount.": "金额超过{n}元不合常理，请核对。",
    "{field} holds an invisible control character ({code}); delete it and type the text again.": (
        "{field}中含有不可见的控制字符（{code}），请删除后重新输入。"
    ),
    "{field} has {n} characters; at most {limit} fit. Shorten it.": "{field}有{n}个字符，最多{limit}个，请删减。",
    "{field} holds only invisible characters; type the name.": "{field}只有不可见的字符，请填写名称。",
    "The date {value} does not exist; check the day, or write only the year and month.": (
        "日期{value}不存在，请核对日，或只填写年月。"
    ),
    "{file} is {size} MB; a spreadsheet to import may be at most {limit} MB. Split it into smaller files.": (
        "{file}有{size} MB，导入的表格最大{limit} MB，请拆分成几个较小的文件。"
    ),
    "{file} unpacks to {size} MB; a workbook to import may unpack to at most {limit} MB. "
    "Copy the rows into a new workbook and save it again.": (
        "{file}解压后有{size} MB，导入的工作簿解压后最大{limit} MB。请把数据行复制到新工作簿中重新保存。"
    ),
    "{file} has more than {limit} rows; split it into smaller files.": "{file}超过{limit}行，请拆分成几个较小的文件。",
    "{file}, row {row}, column {column}: a cell holds {n} characters; at most {limit} are read.": (
        "{file}第{row}行{column}列：单元格有{n}个字符，最多读取{limit}个。"
    ),
    "{file}: a cell holds more than {limit} characters; at most {limit} are read.": (
        "{file}：有单元格超过{limit}个字符，最多读取{limit}个。"
    ),
    "A unit code starts with a province code (11 to 82); {digits} is none.": (
        "单位代码以省级代码（11至82）开头，{digits}不是省级代码。"
    ),
}
