"""zh_CN translations of the messages about an election's own counting rules (选举办法)."""

TRANSLATIONS = {
    # models/elections/tally.py: the rules and their presets
    "More than two thirds present": "到会超过应到的三分之二",
    "At least two thirds present": "到会达到应到的三分之二以上",
    "Fewer votes against, then a run-off": "反对票少者当选，仍相等的另行选举",
    "Straight to a run-off": "得票相等的另行选举",
    "Rounded up": "小数进位（不足1人按1人计）",
    "Rounded down": "小数舍去（至少多1人）",
    "More than two thirds; fewer against; 10% rounded up": "超过三分之二；反对票少者当选；差额10%进位",
    "Two thirds or more; fewer against; 10% rounded down": "三分之二以上；反对票少者当选；差额10%舍去",
    "More than two thirds; run-off on ties; 10% rounded up": "超过三分之二；得票相等另行选举；差额10%进位",
    "Two thirds or more; run-off on ties; 10% rounded up": "三分之二以上；得票相等另行选举；差额10%进位",
    "Fewer than two thirds of those entitled are present; voting needs at least two thirds.": (
        "实到人数不足应到人数的三分之二；须达到三分之二以上方可进行选举。"
    ),
    "There must be at least {percent}% more candidates than seats in a competitive election, "
    "a part of a person counting as one, and at least one more.": (
        "差额选举的候选人数应多于应选人数{percent}%以上（小数部分进为1人，至少多1人）。"
    ),
    "There must be at least {percent}% more candidates than seats in a competitive election, "
    "a part of a person not counting, and at least one more.": (
        "差额选举的候选人数应多于应选人数{percent}%以上（小数部分舍去，至少多1人）。"
    ),
    # models/elections/records.py: refused rules
    "Election rules: the quorum rule “{value}” is unknown.": "选举办法：到会人数规则“{value}”无法识别。",
    "Election rules: the rule for a tie for the last seat “{value}” is unknown.": (
        "选举办法：末位得票相等的规则“{value}”无法识别。"
    ),
    "Election rules: the rounding of the candidate surplus “{value}” is unknown.": (
        "选举办法：差额人数的取整方式“{value}”无法识别。"
    ),
    "Election rules: the candidate surplus is a whole percent from 0 to 100, not {value}.": (
        "选举办法：差额比例应为0到100之间的整数百分比，不能是{value}。"
    ),
    "Election rules adopted": "选举办法",
    # models/checks.py
    "Election {title} ({unit}): {problem}": "选举 {title}（{unit}）：{problem}",
    # forms/election_common.py: the printed sentence
    "the vote is valid only when more than two thirds of those entitled are present": (
        "到会人数超过应到人数的三分之二方为有效"
    ),
    "the vote is valid only when at least two thirds of those entitled are present": (
        "到会人数达到应到人数的三分之二以上方为有效"
    ),
    "a competitive vote has at least {percent}% more candidates than seats "
    "(a part of a person counts as one; at least one more)": (
        "差额选举的候选人数多于应选人数{percent}%以上（小数部分进为1人，不足1人的按1人计）"
    ),
    "a competitive vote has at least {percent}% more candidates than seats "
    "(a part of a person is dropped; at least one more)": (
        "差额选举的候选人数多于应选人数{percent}%以上（小数部分舍去，不足1人的按1人计）"
    ),
    "when the last seat is tied on votes for, the one with fewer votes against is elected, "
    "and those still tied go to a run-off vote": "末位赞成票相等时，反对票少者当选，反对票仍相等的另行投票选举",
    "when the last seat is tied on votes for, the tied go to a run-off vote": (
        "末位赞成票相等时，对得票相等的候选人另行投票选举"
    ),
    "The rules of this election: {quorum}; {surplus}; {tie}.": "本次选举办法：{quorum}；{surplus}；{tie}。",
    "“{title}”": "《{title}》",
    "This election follows {title}: {quorum}; {surplus}; {tie}.": "本次选举按{title}：{quorum}；{surplus}；{tie}。",
    # forms/election_report.py
    "{share}, at least two thirds: the meeting may vote": "{share}，达到三分之二以上，可以进行选举",
    "{share}, less than two thirds: the meeting may not vote": "{share}，不足三分之二，不能进行选举",
    # gui/elections/election_pages.py
    "The election's own rules": "本次选举自定",
    "The congress that votes the executive committee, and the election rules it adopted "
    "(quorum, ties, candidates). No candidate may count or watch the vote.": (
        "选举执行委员会的大会，以及大会通过的选举办法（到会人数、末位票数相等、候选人差额）。"
        "候选人不得担任计票人或监票人。"
    ),
    "e.g. “Village federation election rules of the county”": "例如：《长沙县村级妇联换届选举办法》",
    "Election rules (选举办法)": "选举办法",
    "Title of the rules": "办法名称",
    "Rules as in": "常用办法",
    "Quorum": "到会人数",
    "Tie for the last seat": "末位票数相等",
    "More candidates than seats": "候选人差额",
}
