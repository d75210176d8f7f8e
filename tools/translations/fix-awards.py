TRANSLATIONS = {
    "Listed: the nominations of the units below marked {outcomes}.": "本表列入下级单位推荐结果为{outcomes}的推荐户。",
    "、": "、",
    "The committee; untick (Space) whoever was absent and type the reason beside her name; "
    "Delete takes off the list someone who was not expected.": (
        "执委名单；缺席者取消勾选（空格键）并在其姓名旁填写缺席原因；不应出席者可按Delete键移出名单。"
    ),
}
