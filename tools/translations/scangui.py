"""Chinese of the screens that read sign-in sheets and ballots back from scans (读取签到表, 用扫描的选票复核)."""

TRANSLATIONS = {
    # choosing and reading the files
    "Read sign-in sheets…": "读取签到表…",
    "Read sign-in sheets": "读取签到表",
    "Read the signed sign-in sheets of the selected training from scans or phone photos (PDF, JPEG, PNG, TIFF) "
    "and confirm the attendance they show; the arrow offers a whole folder": "从扫描件或手机照片读取"
    "所选培训已签名的签到表，逐行确认出勤；点箭头可选整个文件夹",
    "Choose files…": "选择文件…",
    "Choose a folder…": "选择文件夹…",
    "Choose the scans or photos": "选择扫描件或照片",
    "Choose a folder of scans or photos": "选择存放扫描件或照片的文件夹",
    "Scans and photos (PDF, JPEG, PNG, TIFF)": "扫描件和照片",
    "Reading the scanned sheets…": "正在读取扫描的纸张…",
    "Reading scans": "读取扫描件",
    "The files could not be read: {reason}. Scan them again, or choose other files.": "文件无法读取：{reason}。"
    "请重新扫描，或选择其他文件。",
    "(no picture)": "（无图像）",
    # the sign-in confirmation
    "Read sign-in sheets — {training}": "读取签到表——{training}",
    "Check each signature against what was read. Keys: 1 present · 2 absent · Enter takes the proposal and goes "
    "to the next row. Rows marked “please check” must be answered before saving.": "请对照签名图像逐行确认。"
    "按键：1 实到 · 2 缺勤 · 回车 采纳识别结果并转到下一行。标为“请确认”的行须先作答才能保存。",
    "{day} page {page}/{pages}": "{day} 第{page}/{pages}页",
    "Trainee": "学员",
    "Signature cell": "签名格",
    "Read as": "识别结果",
    "Decision": "确认",
    "Signed": "已签",
    "Blank": "空白",
    "Please check": "请确认",
    "? press 1 or 2": "？请按 1 或 2",
    "This cell is unclear: press 1 if she signed, 2 if not.": "此格看不清：已签名请按 1，未签名请按 2。",
    "{present} present · {absent} absent · {checked} of {rows} rows confirmed by key": "实到 {present} · "
    "缺勤 {absent} · 已按键确认 {checked}/{rows} 行",
    "{n} unclear cell still to answer": "还有 {n} 个看不清的格待确认",
    "No signature of this training's list was read.": "没有读到本培训名单上的签名。",
    "Signatures ({n})": "签名（{n}）",
    "Walk-ins ({n})": "现场加入（{n}）",
    "Not read ({n})": "未读到（{n}）",
    "Names written on the spare rows: type each name as written; a row left empty is not added.": "空白行上写的姓名："
    "请照图像输入姓名；留空的行不添加。",
    "Name as written": "手写姓名",
    "Signed at": "签到场次",
    "Type the name": "输入姓名",
    "No session signed": "未签任何场次",
    "Every page of every day was read; no sheet was refused.": "每天的每一页都已读到，没有被拒收的纸张。",
    "{day}: no page of this day was read.": "{day}：这一天的签到表一页也没有读到。",
    "{day}: page {numbers} of {pages} was not read.": "{day}：共{pages}页，第{numbers}页没有读到。",
    "{file}, page {page}: {reason}": "{file} 第{page}页：{reason}",
    "not a sign-in page of this training": "不是本培训的签到表",
    "{name}: not read for {sessions}.": "{name}：{sessions} 的签名格没有读到。",
    "Save attendance": "保存出勤",
    "Not saved yet": "尚未保存",
    "{n} signature cell is unclear: look at it and press 1 (present) or 2 (absent), then save.": "有 {n} 个签名格"
    "看不清：请查看图像，按 1（实到）或 2（缺勤）后再保存。",
    "Marks typed earlier": "此前录入的考勤",
    "{n} mark typed earlier says otherwise than the sheet. Tick it to use what the sheet shows; left unticked, the "
    "typed mark stays.": "有 {n} 条此前录入的考勤与签到表不一致。勾选的按签到表改正；不勾选的保留已录入的。",
    "Typed earlier": "此前录入",
    "The sheet shows": "签到表显示",
    "Use the sheet": "按签到表",
    "Tick all": "全部勾选",
    "Untick all": "全部不勾选",
    "Back": "返回",
    "Attendance saved: {written} marks written, {unchanged} already so, {walk_ins} walk-ins added. The page images "
    "are kept with the training.": "出勤已保存：写入 {written} 条，{unchanged} 条原已相同，现场加入 {walk_ins} 人。"
    "签到表图像已作为佐证材料随培训保存。",
    # the ballots' cross-check
    "Cross-check with scanned ballots…": "用扫描的选票复核…",
    "Cross-check with scanned ballots": "用扫描的选票复核",
    "Cross-check with scanned ballots — {round}": "用扫描的选票复核——{round}",
    "Read the ballots of a vote from scans or phone photos and set their totals beside the scrutineers' hand "
    "count; the hand count stays the official result": "从扫描件或手机照片读取一轮投票的选票，"
    "与计票人员的手工计票逐格对照；以手工计票为准",
    "The election has no vote yet: add one first.": "本次选举还没有投票轮次，请先添加。",
    "{round}…": "{round}…",
    "{round}, a whole folder…": "{round}（整个文件夹）…",
    "The scrutineers' hand count stays the official result: the ballots read here only check it, and no number of "
    "the count is changed.": "选举结果以计票人员的手工计票为准：这里读取的选票只用于复核，不改动计票的任何数字。",
    "{n} ballot read": "读取选票 {n} 张",
    "{valid} valid, {invalid} invalid": "有效 {valid} 张，无效 {invalid} 张",
    "{n} cell differs from the hand count": "有 {n} 处与手工计票不一致",
    "they agree with the hand count": "与手工计票一致",
    "No ballot of this round was read: choose the scans of this round's ballots.": "没有读到这一轮的选票："
    "请选择这一轮选票的扫描件。",
    "Written-in names, For": "另选他人（赞成）",
    "hand count": "手工",
    "ballots read": "读取",
    "Unclear": "看不清",
    "No name was written on the spare rows of the pages read.": "读到的签到表空白行上没有写姓名。",
    "The hand count and the ballots read differ here.": "此处手工计票与读取的选票不一致。",
    "The read ballots agree with the hand count in every cell.": "读取的选票与手工计票每一格都一致。",
    "{name}, {column}": "{name}，{column}",
    "{what}: hand count {hand}, ballots read {read}": "{what}：手工计票 {hand}，读取选票 {read}",
    "Select a difference to see the ballots that show it; double-click a ballot to see it large.": "选中一处差异，"
    "可看到相关的选票；双击选票可放大查看。",
    "counted so": "按此计入",
    "may explain it": "可能的原因",
    "Ballot {n}": "第{n}张选票",
    "{file}, page {page}": "{file} 第{page}页",
    "Names written in and marked For: read each name; the hand count's written-in names are beside them.": "另写姓名并"
    "划了赞成的：请辨认每个姓名，与手工计票的另选他人对照。",
    "No ballot has a name written in and marked For.": "没有另写姓名并划赞成的选票。",
    "Invalid ballots, rows with more than one box marked, and marks the reader was unsure of. Double-click a ballot "
    "to see it large.": "无效票、一行划了不止一格的票，以及识别不确定的标记。双击选票可放大查看。",
    "Every ballot was read clearly.": "每张选票都读得清楚。",
    "invalid: too many For": "无效：赞成超过应选人数",
    "more than one box in a row": "一行划了不止一格",
    "a mark to check": "有待确认的标记",
    "not a ballot of this round": "不是这一轮的选票",
    "Every sheet chosen was a ballot of this round and was read.": "所选的每一张都是这一轮的选票，且都已读取。",
    "Differences ({n})": "差异（{n}）",
    "Write-ins ({n})": "另选他人（{n}）",
    "Ballots to look at ({n})": "待查看的选票（{n}）",
    "Record cross-check": "记录复核",
    "The cross-check is recorded: the ballots read agree with the hand count.": "已记录复核："
    "读取的选票与手工计票一致。",
    "The cross-check is recorded with {n} difference; the hand count stays the official result.": "已记录复核，有 {n} "
    "处差异；选举结果仍以手工计票为准。",
}
