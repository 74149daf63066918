# volunteers (issue 13)
