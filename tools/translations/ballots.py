"""Chinese for the ballot cross-check's words: a check made stale by an edited hand count, ballots read in two
batches (python tools/translate.py tools/translations/ballots.py)."""

TRANSLATIONS = {
    # The ballot dialog's column of rows read unclear (its word was never extracted: it sat in an f-string).
    "Unclear": "不清楚",
    # The elections page's toolbar.
    "Read the ballots of a vote from scans or phone photos (all of them in one go: several files or a whole "
    "folder) and set their totals beside the scrutineers' hand count; the hand count stays the official result": (
        "从扫描件或手机照片读取一轮投票的选票（须一次全部读取：多个文件或整个文件夹），"
        "与计票人员的手工计票逐格对照；以手工计票为准"
    ),
    # A recorded cross-check, on the elections page and in the ballot dialog.
    "Cross-checked on {when} with {n} scanned ballot": "已于{when}用扫描的选票复核（共{n}张）",
    "{check}, but the hand count was changed since: the result report no longer mentions the cross-check. "
    "Cross-check again to have it there.": (
        "{check}，但此后手工计票有改动：选举结果报告不再提及这次复核。如需在报告中写明，请重新复核。"
    ),
    "they agreed with the hand count": "与手工计票一致",
    "{k} figure differed from the hand count": "有{k}处与手工计票不一致",
    "{check}: {result}.": "{check}：{result}。",
    # Ballot images kept already, which the ballots read now replace.
    "This round already has {n} ballot image kept as evidence, read on {when}.": (
        "这一轮已保存{n}张选票图像作为佐证材料，读取于{when}。"
    ),
    "Recording this cross-check keeps the {read} ballot read now in their place, not beside them: read all of "
    "the round's ballots together, in one go (several files or a whole folder at once).": (
        "记录这次复核，会用现在读取的{read}张选票替换已保存的图像，而不是与之合在一起："
        "这一轮的选票须一次全部读取（一次选择多个文件或整个文件夹）。"
    ),
    "More ballots were read ({read}) than the hand count's ballots returned ({hand}): a ballot may have been "
    "scanned twice, or the ballots returned were miscounted.": (
        "读取的选票（{read}张）多于手工计票的收回选票数（{hand}张）：可能有选票被扫描了两次，或收回选票数点错了。"
    ),
    "Only {read} of the {hand} ballots returned were read; {missing} was not, so the other figures cannot agree "
    "either. Read all of the round's ballots together, in one go (several files or a whole folder at once).": (
        "收回的{hand}张选票只读取了{read}张，还有{missing}张没有读取，因此其他数字也不可能一致。"
        "这一轮的选票须一次全部读取（一次选择多个文件或整个文件夹）。"
    ),
    "The {kept} ballot images kept on {when} will be replaced by the {read} read now: {lost} image fewer. "
    "Ballots read in two batches are not added together; read all of the round's ballots in one go. Record "
    "this cross-check anyway?": (
        "{when}保存的{kept}张选票图像将被现在读取的{read}张替换，少了{lost}张。"
        "分两批读取的选票不会合在一起；这一轮的选票请一次全部读取。仍要记录这次复核吗？"
    ),
    # main.py scan.
    "{election}, {round}": "{election}，{round}",
    "{round}: the {kept} ballot image kept on {when} was replaced by the {read} read now. A round's ballots "
    "read in two batches are not added together: read them all in one go.": (
        "{round}：{when}保存的{kept}张选票图像已被现在读取的{read}张替换。"
        "一轮投票的选票分两批读取不会合在一起：请一次全部读取。"
    ),
}
