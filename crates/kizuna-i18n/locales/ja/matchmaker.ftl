# The matchmaker's page.
