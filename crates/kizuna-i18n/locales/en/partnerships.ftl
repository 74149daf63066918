# The partnerships pages.
