# work: an edition's participations, sessions and awards made and changed in the console
