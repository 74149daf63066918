# Statistics pages.
