# alumni (issue 13)
