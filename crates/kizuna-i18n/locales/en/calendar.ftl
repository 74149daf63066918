# calendar (issue 13)
