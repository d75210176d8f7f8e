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

TRANSLATIONS.update(
    {
        "The current password is not right; type it again.": "当前密码不对，请重新输入。",
        "A password needs at least {n} characters.": "密码至少需要{n}个字符。",
        "A password may have at most {n} characters.": "密码最多{n}个字符。",
        "The two new passwords differ; type the same one twice.": "两次输入的新密码不一致，请输入两次相同的密码。",
        "Password": "密码",
        "OK": "确定",
        "The password is not right. Type it again (capital letters count).": "密码不对，请重新输入（区分大小写）。",
        "This computer's Fulian Ledger is protected. Type the password to open it.": (
            "这台电脑上的妇联工作台账设有密码。请输入密码打开。"
        ),
        "Quit": "退出",
        "Full ID numbers are protected. Type the password to go on.": "完整身份证号受密码保护。请输入密码继续。",
        "Fulian Ledger was locked after a time without use. Type the password to go on; nothing was lost.": (
            "妇联工作台账因一段时间无人使用已锁定。请输入密码继续；没有丢失任何内容。"
        ),
        "Remove the password": "取消密码",
        "Change the password": "修改密码",
        "Set a password": "设置密码",
        "Current password:": "当前密码：",
        "New password:": "新密码：",
        "New password again:": "再次输入新密码：",
        "A password has at least {n} characters. It is asked when the program starts, after a time without use "
        "and before ID numbers are shown in full. Write it down and keep it safe: nobody can look it up.": (
            "密码至少{n}个字符。启动程序时、一段时间无人使用后以及显示完整身份证号前都会要求输入。"
            "请记下来并妥善保管：没有人能查到它。"
        ),
        "Remove": "取消",
        "Save": "保存",
        "Set a password…": "设置密码…",
        "Remove the password…": "取消密码…",
        "Change the password…": "修改密码…",
        "On a shared office PC, a password keeps others out: it is asked at start, after a time without use and "
        "before ID numbers are shown in full.": (
            "在多人共用的办公电脑上，密码能防止他人进入：启动时、一段时间无人使用后以及显示完整身份证号前都会要求输入。"
        ),
        " min": " 分钟",
        "Start-up password:": "启动密码：",
        "Lock after no use for:": "无人使用多久后锁定：",
        "set": "已设置",
        "none": "未设置",
    }
)
