"""Chinese for the words of sign-in sheets and ballots printed to be read back."""

TRANSLATIONS = {
    "Ballot (continued), sheet {sheet} of {sheets}": "选票（续），第{sheet}张，共{sheets}张",
    "A candidate's name is too long for a row of the ballot; shorten it and print again.": (
        "有候选人姓名过长，选票一行放不下；请缩短后重新打印。"
    ),
}
