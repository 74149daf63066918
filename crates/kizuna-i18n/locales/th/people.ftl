# people: creating, editing, finding, merging and deleting people in the console
