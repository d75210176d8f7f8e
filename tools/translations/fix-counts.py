TRANSLATIONS = {
    (
        "{month} was reported as none this month. Report {month} again as a normal report first, then add the case."
    ): "{month}已按“本月无”报送。请先将{month}重新按正常月报报送，再添加此案件。",
}
