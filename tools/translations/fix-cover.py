TRANSLATIONS = {
    "These records are protected. Choose the kind again and type the start-up password to show them.": (
        "这些记录受保护。请再次选择该类别并输入启动密码后显示。"
    ),
}
