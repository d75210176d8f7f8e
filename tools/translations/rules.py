"""zh_CN translations of the strings added for issue 10 (field rules everywhere, trusted installations).

Applied with: python tools/translate.py tools/translations/rules.py (after tools/update_catalog.py).
"""

TRANSLATIONS = {
    # --- one set of rules for every stored text ---
    "Period name": "报送期名称",
    "Reason for returning": "退回原因",
    "{field} holds only invisible characters; type the text or leave the field empty.": (
        "{field}只有不可见的字符，请填写内容，或者留空。"
    ),
    "The photo is not attached to this record any more.": "这张照片已不在这条记录上。",
    "{part}: {problem}": "{part}：{problem}",
    # --- the import log: key and phones ---
    "masked": "已遮蔽",
    "in full": "完整",
    "in full (not stated: an older version)": "完整（旧版本未注明）",
    "unsigned": "未签名",
    "{fingerprint} (trusted from this package on)": "{fingerprint}（由此开始信任）",
    "{fingerprint} (confirmed with this package)": "{fingerprint}（由此确认信任）",
    "Signing key": "签名密钥",
    "key: {key}; phones: {phones}": "密钥：{key}；电话：{phones}",
    # --- rolling back takes trust back ---
    "The installation key {fingerprints}, trusted by that import, is trusted no more: a package signed with it "
    "needs its fingerprint confirmed again.": (
        "该次导入所信任的安装密钥{fingerprints}已不再受信任：用它签名的数据包需重新确认指纹。"
    ),
    # --- trusted installations ---
    "its unit's first package": "该单位的第一个数据包",
    "fingerprint confirmed": "已核对指纹",
    "No installation with the key {fingerprint} is trusted for {code}; nothing was changed.": (
        "没有为{code}信任密钥为{fingerprint}的安装；未作任何更改。"
    ),
    "No installation with the key {fingerprint} is trusted here; nothing was changed.": (
        "本机没有信任密钥为{fingerprint}的安装；未作任何更改。"
    ),
    "Trusted installations": "受信任的安装",
    "Packages signed by these computers are imported without asking. Stop trusting a computer that was lost, "
    "stolen or given away: its next package is then imported only after you compare its key fingerprint with the "
    "stamped cover sheet. What was imported from it stays.": (
        "这些电脑签名的数据包导入时不再询问。电脑丢失、被盗或转给他人时，请撤销对它的信任：此后它的数据包"
        "须先与盖章的报送封面核对密钥指纹才能导入。已从它导入的数据保持不变。"
    ),
    "Trusted since": "开始信任",
    "How": "方式",
    "Last package": "最近数据包",
    "No installation is trusted here yet: a unit's first package makes its key trusted.": (
        "还没有受信任的安装：导入某单位的第一个数据包时，会开始信任它的密钥。"
    ),
    "Revoke trust…": "撤销信任…",
    "Revoke trust": "撤销信任",
    "First trusted from {file}": "首次信任自{file}",
    "Stop trusting the computer of {unit} ({code}) with the key {fingerprint}?\n\nIts next package is imported "
    "only after you compare its fingerprint with the stamped cover sheet and type it in. What was imported from "
    "it stays.": (
        "撤销对{unit}（{code}）密钥为{fingerprint}的电脑的信任吗？\n\n"
        "此后它的数据包须先与盖章的报送封面核对指纹并输入后才能导入。已从它导入的数据保持不变。"
    ),
    # --- the command line ---
    "list the installations trusted to send packages, per unit, or stop trusting one (--revoke)": (
        "按单位列出受信任、可报送数据包的安装，或撤销对其中一个的信任（--revoke）"
    ),
    "stop trusting the installation with this key fingerprint: its next package is imported only with "
    "--trust-new-installation": ("撤销对该密钥指纹的安装的信任：此后它的数据包须加 --trust-new-installation 才能导入"),
    "the unit whose installation to stop trusting (its 12-digit code)": "要撤销信任的安装所属的单位（12位代码）",
    "--unit goes with --revoke.": "--unit 须与 --revoke 一起使用。",
    "{code}  {name}  {fingerprint}  trusted since {since} ({how}, {file})  last package: {last}": (
        "{code}  {name}  {fingerprint}  自{since}起信任（{how}，{file}）  最近数据包：{last}"
    ),
    "The key {fingerprint} is trusted for several units ({codes}); name one with --unit.": (
        "密钥{fingerprint}受到多个单位（{codes}）的信任；请用 --unit 指定一个。"
    ),
    "The installation of {name} ({code}) with the key {fingerprint} is trusted no more. Its next package is "
    'imported only with: --trust-new-installation "{fingerprint}"': (
        '已撤销对{name}（{code}）密钥为{fingerprint}的安装的信任。此后它的数据包须加以下参数才能导入：'
        '--trust-new-installation "{fingerprint}"'
    ),
}
