"""The 两癌检查 page: a year's screening round, its women, sign-up and examination dates, progress."""
