# partner: a partner organisation's own page
