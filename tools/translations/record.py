"""zh_CN for what the program does with read sign-in pages and ballots: evidence kept, attendance, cross-check."""

TRANSLATIONS = {
    "Sheet images kept as evidence": "留存的佐证材料图像",
    "Sheet": "材料",
    "Read on": "读入日期",
    "A confirmed mark is not of a trainee and session of this training.": (
        "有一条确认的考勤不属于本次培训的学员和场次。"
    ),
    "A walk-in was signed at a session not of this training.": "有一名临时参训人员的签到不属于本次培训的场次。",
    "The image of page {page} of {file} is larger than {mb} MB and was not kept; "
    "scan it again at a lower resolution.": "{file}第{page}页的图像大于{mb} MB，未予保存，请用较低的分辨率重新扫描。",
    "{training}, page {page} of {pages}": "{training}，第{page}页 共{pages}页",
    "Ballot {page} of {pages}": "选票第{page}张 共{pages}张",
    "This page was read again since; the newer image is kept in its place.": "此页此后已重新读入，保留的是新的图像。",
    "Cross-checked against the {n} scanned ballot: it agrees with the count.": (
        "经扫描选票复核（共{n}张），与计票结果一致。"
    ),
    "Cross-checked against the {n} scanned ballots: {k} figure differs from the count.": (
        "经扫描选票复核（共{n}张），有{k}处与计票结果不一致。"
    ),
    "Signed sign-in sheets (evidence)": "签到表佐证材料",
    "{training}, {day}, page {page} of {pages}, read on {read_on}": (
        "{training}，{day}，第{page}页 共{pages}页，{read_on}读入"
    ),
    "No signed sign-in sheet of {training} has been read back yet; scan its signed pages first.": (
        "{training}还没有读入已签到的签到表，请先扫描签过字的签到表。"
    ),
}
