# The ripple pages.
