"""zh_CN words for the privacy of packages, the access log and the start-up password."""

TRANSLATIONS = {
    "Activity involving privacy ({category})": "涉及隐私的活动（{category}）",
    "privacy.phones is neither masked nor full": "privacy.phones 既不是 masked 也不是 full",
    "masked (138****5678)": "已遮盖（138****5678）",
    "Phone numbers": "电话号码",
    "in full (not stated)": "完整（包中未注明）",
    "send phone numbers in full (by default they travel masked: 138****5678)": (
        "完整发送电话号码（默认遮盖：138****5678）"
    ),
    "Phone numbers are in the package in full: whoever gets the file can read them. Send it only by a safe way.": (
        "数据包中的电话号码是完整的：拿到文件的人都能看到。请只通过安全的方式发送。"
    ),
    "Masked (138****5678, recommended)": "遮盖（138****5678，推荐）",
    "Phone numbers are personal data. Whoever gets this file can read them and call the women concerned; send them "
    "in full only if the township or county needs to reach them and the file travels safely.\n\n"
    "Put full phone numbers in the package?": (
        "电话号码属于个人信息。拿到这个文件的人都能看到并拨打给相关妇女；只有乡镇或县里确需联系她们、"
        "且文件能安全传递时，才发送完整号码。\n\n在数据包中放入完整电话号码吗？"
    ),
    "Phone numbers in the package": "数据包中的电话号码",
    "Exported a data package": "导出了数据包",
    "Printed a form with full ID numbers": "打印了含完整身份证号的报表",
    "ID numbers left out": "不含身份证号",
    "ID numbers masked": "身份证号已遮盖",
    "full ID numbers": "完整身份证号",
    "phones masked": "电话已遮盖",
    "full phone numbers": "完整电话号码",
    "{what}: {details}": "{what}：{details}",
    "When": "时间",
    "Computer user": "电脑用户",
    "What": "操作",
    "Every export of a data package and every print with full ID numbers is logged here, newest first.": (
        "每次导出数据包、每次打印完整身份证号都记录在这里，最新的在前。"
    ),
    "Privacy": "隐私",
    "Access log:": "访问记录：",
}
