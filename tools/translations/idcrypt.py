"""zh_CN for ID numbers encrypted at rest, the recovery code and the reveal on the people page.

Apply with: python tools/update_catalog.py && python tools/translate.py tools/translations/idcrypt.py
&& python tools/update_catalog.py
"""

TRANSLATIONS = {
    # models/
    "Showed a full ID number on screen": "在屏幕上显示了完整身份证号",
    "Person {name} ({unit}): the lookup key of the ID number is out of date; save the person again.": (
        "人员 {name}（{unit}）：身份证号的查找码已过期，请重新保存此人。"
    ),
    "The ID numbers in this database are encrypted and the password has not been given. Type the start-up "
    "password to go on (on the command line: in the terminal, or in the environment variable "
    "FULIAN_LEDGER_PASSWORD).": (
        "本数据库的身份证号已加密，尚未输入密码。请输入启动密码后继续"
        "（命令行：在终端中输入，或通过环境变量 FULIAN_LEDGER_PASSWORD 提供）。"
    ),
    "An encrypted ID number in this database cannot be read: it was changed outside Fulian Ledger or copied "
    "from another database. Restore a backup, or run a check.": (
        "本数据库中有一个加密的身份证号无法读取：它在妇联工作台账之外被改动过，或是从别的数据库复制来的。"
        "请从备份恢复，或运行检查。"
    ),
    "A recovery code has {n} letters and digits in groups of four, like ABCD-EFGH-JKLM-NPQR-STUV-WXYZ.": (
        "恢复码由 {n} 个字母和数字组成，每四个一组，例如 ABCD-EFGH-JKLM-NPQR-STUV-WXYZ。"
    ),
    "The key of the ID numbers cannot be opened with this password; use the recovery code.": (
        "用这个密码无法打开身份证号的密钥，请使用恢复码。"
    ),
    "This database has no recovery code: its password was set before ID numbers were encrypted. Without the "
    "password it cannot be opened; restore a backup made before the password was set.": (
        "本数据库没有恢复码：它的密码是在身份证号加密之前设置的。没有密码就无法打开它；请恢复设置密码之前的备份。"
    ),
    "The recovery code is not right. Check it against the paper and type it again.": (
        "恢复码不对。请对照纸上的恢复码重新输入。"
    ),
    # forms/recovery_sheet.py
    "Recovery code of the ID numbers": "身份证号恢复码",
    "This code opens the encrypted ID numbers of Fulian Ledger when the start-up password is forgotten: at the "
    "password prompt, choose “Use the recovery code”, type this code and set a new password.": (
        "忘记启动密码时，用此恢复码可以重新打开妇联工作台账中加密的身份证号："
        "在输入密码的窗口点“用恢复码”，输入此码，再设置新密码。"
    ),
    "Database": "数据库",
    "Keep this sheet locked away, apart from the computer: whoever has it and the database can read the ID "
    "numbers.": "请把这张纸锁好，不要和电脑放在一起：同时拿到它和数据库的人就能读取身份证号。",
    "Do not keep it as a file: once it is printed, delete this PDF (and empty the recycle bin).": (
        "不要以文件形式保存：打印后请删除这个 PDF 文件（并清空回收站）。"
    ),
    "Changing the password does not change this code. Removing the password and setting a new one makes a new "
    "code.": "修改密码不会改变此恢复码。取消密码后重新设置密码，会生成新的恢复码。",
    "If both the password and this code are lost, nobody can read the ID numbers and the program will not open "
    "this database: only a backup made before the password was set can be restored.": (
        "如果密码和恢复码都丢失了，任何人都无法读取身份证号，程序也打不开这个数据库：只能恢复设置密码之前的备份。"
    ),
    # gui/
    "Use the recovery code…": "用恢复码…",
    "Encrypting the ID numbers…": "正在加密身份证号…",
    "Decrypting the ID numbers…": "正在解密身份证号…",
    "The restored database is protected by its own password. Type it to go on.": (
        "恢复的数据库有它自己的密码。请输入该密码后继续。"
    ),
    "Recovery code": "恢复码",
    "The ID numbers in this database are now encrypted with the password. If the password is forgotten, only "
    "this recovery code opens them again. It is shown this once and cannot be looked up later.": (
        "本数据库的身份证号现已用密码加密。忘记密码时，只有这个恢复码能重新打开它们。"
        "恢复码只显示这一次，以后无法再查看。"
    ),
    "Write it down on paper or print it, and keep it locked away, apart from this computer: whoever has it and "
    "the database can read the ID numbers. Do not save it in a file on this computer.": (
        "请抄在纸上或打印出来，锁好保管，不要和这台电脑放在一起：同时拿到它和数据库的人就能读取身份证号。"
        "不要把它存成这台电脑上的文件。"
    ),
    "Print the recovery code…": "打印恢复码…",
    "I have written down or printed the recovery code and will keep it safe": "我已抄下或打印恢复码，并会妥善保管",
    "Done": "完成",
    "Print the recovery code": "打印恢复码",
    "Writing the PDF…": "正在生成 PDF…",
    "The recovery code was saved to {path}. Open it now to print it? Once it is printed, delete the file: the "
    "code should not stay on this computer.": (
        "恢复码已保存到 {path}。现在打开它进行打印吗？打印后请删除该文件：恢复码不应留在这台电脑上。"
    ),
    "Use the recovery code": "用恢复码",
    "Type the recovery code from the paper you were given when the password was set, then choose a new "
    "password. The records and ID numbers stay as they are.": (
        "请输入设置密码时抄下或打印的恢复码，然后设置新密码。所有记录和身份证号保持不变。"
    ),
    "Recovery code:": "恢复码：",
    "Set the new password": "设置新密码",
    "Show the full ID number": "显示完整身份证号",
    "Asks the password (when one is set); every reveal is logged": "需要输入密码（如已设置）；每次显示都记入访问记录",
    "A password has at least {n} characters. It is asked when the program starts, after a time without use "
    "and before ID numbers are shown in full, and it encrypts the ID numbers stored. Write it down and keep it "
    "safe: nobody can look it up.": (
        "密码至少 {n} 个字符。启动程序时、一段时间未操作后以及显示完整身份证号前都要输入密码，"
        "保存的身份证号也会用它加密。请记下并妥善保管：任何人都查不到它。"
    ),
    "Every export of a data package, every print with full ID numbers and every full ID number shown on screen "
    "is logged here, newest first.": (
        "每次导出数据包、每次打印完整身份证号以及每次在屏幕上显示完整身份证号都记录在这里，最新的在前。"
    ),
    "On a shared office PC, a password keeps others out: it is asked at start, after a time without use and "
    "before ID numbers are shown in full. While it is set, the ID numbers are stored encrypted, in the database "
    "and in its backups.": (
        "在多人共用的办公电脑上，密码可以挡住其他人：启动时、一段时间未操作后以及显示完整身份证号前都要输入。"
        "设置密码期间，数据库及其备份中的身份证号都加密保存。"
    ),
    "set, ID numbers encrypted": "已设置，身份证号已加密",
    # cli.py
    "The password in {variable} is not right; nothing was done.": "{variable} 中的密码不对，未做任何操作。",
    "This database is protected by a start-up password. Run the command in a terminal to type it, or give it "
    "to a script in the environment variable {variable}; nothing was done.": (
        "本数据库设有启动密码。请在终端中运行命令并输入密码，或在脚本中通过环境变量 {variable} 提供；未做任何操作。"
    ),
    "Start-up password: ": "启动密码：",
    "The password is not right.": "密码不对。",
    "The password was not right {n} times; nothing was done.": "密码连续 {n} 次不对，未做任何操作。",
}
