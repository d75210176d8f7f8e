"""zh_CN translations of the strings the elections feature added (merged into the catalog by the maintainer)."""

TRANSLATIONS = {
    "This form is about one vote: choose a round of the election.": "此表针对一轮投票：请选择该次选举的一轮投票。",
}
