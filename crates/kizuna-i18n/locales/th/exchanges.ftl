# exchanges (issue 13)
