-- The staff list's text search on SQLite (issue 17: `/console/places?q=…`,
-- crate::place_list): "one of the text columns contains the lowercased
-- needle" read through an index instead of every place. places_text is an
-- FTS5 table over the same columns with the trigram tokenizer, holding no
-- copy of the text (content = places): for a needle of 3 characters or
-- more, the places whose columns hold every trigram of the needle in a row
-- are the candidates, and the list's own LIKE condition is then checked on
-- each, so the list finds exactly what it found by reading every place
-- (the tokenizer folds more letters than SQLite's LIKE: it may propose a
-- place the LIKE refuses, never miss one the LIKE accepts). Shorter
-- needles, and those matched in Rust, read every place as before.
-- The triggers keep the index as places are inserted, updated (only when a
-- text column changes) and deleted; `kizuna import all` loads places with
-- triggers off and rebuilds it from the places (crate::dump). The index is
-- SQLite's own: the store file carries neither it nor its shadow tables
-- (Store::table_names lists plain tables only).
-- PostgreSQL's text search has its trigram index since migration 30; its
-- migration 32 only keeps the two schema versions equal.
-- The tokenizer folds case one character for one and keeps every character
-- (no diacritic removed), so a text holding the needle holds its trigrams.
-- columnsize = 0: no per-place sizes (they only serve ranking, not asked for).
CREATE VIRTUAL TABLE places_text USING fts5(
    name_ja, name_en, name_th, name_ms,
    name_ar, name_id, chain_en, chain_ja,
    chain_th, chain_ms, branch_en, branch_ja,
    branch_th, branch_ms,
    content = 'places', content_rowid = 'id',
    tokenize = 'trigram case_sensitive 0 remove_diacritics 0', columnsize = 0
);

CREATE TRIGGER places_text_insert AFTER INSERT ON places BEGIN
    INSERT INTO places_text (rowid, name_ja, name_en, name_th, name_ms,
        name_ar, name_id, chain_en, chain_ja,
        chain_th, chain_ms, branch_en, branch_ja,
        branch_th, branch_ms)
    VALUES (new.id, new.name_ja, new.name_en, new.name_th, new.name_ms,
        new.name_ar, new.name_id, new.chain_en, new.chain_ja,
        new.chain_th, new.chain_ms, new.branch_en, new.branch_ja,
        new.branch_th, new.branch_ms);
END;

CREATE TRIGGER places_text_delete AFTER DELETE ON places BEGIN
    INSERT INTO places_text (places_text, rowid, name_ja, name_en, name_th, name_ms,
        name_ar, name_id, chain_en, chain_ja,
        chain_th, chain_ms, branch_en, branch_ja,
        branch_th, branch_ms)
    VALUES ('delete', old.id, old.name_ja, old.name_en, old.name_th, old.name_ms,
        old.name_ar, old.name_id, old.chain_en, old.chain_ja,
        old.chain_th, old.chain_ms, old.branch_en, old.branch_ja,
        old.branch_th, old.branch_ms);
END;

CREATE TRIGGER places_text_update AFTER UPDATE ON places
WHEN old.id IS NOT new.id
    OR old.name_ja IS NOT new.name_ja
    OR old.name_en IS NOT new.name_en
    OR old.name_th IS NOT new.name_th
    OR old.name_ms IS NOT new.name_ms
    OR old.name_ar IS NOT new.name_ar
    OR old.name_id IS NOT new.name_id
    OR old.chain_en IS NOT new.chain_en
    OR old.chain_ja IS NOT new.chain_ja
    OR old.chain_th IS NOT new.chain_th
    OR old.chain_ms IS NOT new.chain_ms
    OR old.branch_en IS NOT new.branch_en
    OR old.branch_ja IS NOT new.branch_ja
    OR old.branch_th IS NOT new.branch_th
    OR old.branch_ms IS NOT new.branch_ms
BEGIN
    INSERT INTO places_text (places_text, rowid, name_ja, name_en, name_th, name_ms,
        name_ar, name_id, chain_en, chain_ja,
        chain_th, chain_ms, branch_en, branch_ja,
        branch_th, branch_ms)
    VALUES ('delete', old.id, old.name_ja, old.name_en, old.name_th, old.name_ms,
        old.name_ar, old.name_id, old.chain_en, old.chain_ja,
        old.chain_th, old.chain_ms, old.branch_en, old.branch_ja,
        old.branch_th, old.branch_ms);
    INSERT INTO places_text (rowid, name_ja, name_en, name_th, name_ms,
        name_ar, name_id, chain_en, chain_ja,
        chain_th, chain_ms, branch_en, branch_ja,
        branch_th, branch_ms)
    VALUES (new.id, new.name_ja, new.name_en, new.name_th, new.name_ms,
        new.name_ar, new.name_id, new.chain_en, new.chain_ja,
        new.chain_th, new.chain_ms, new.branch_en, new.branch_ja,
        new.branch_th, new.branch_ms);
END;

-- The places already recorded.
INSERT INTO places_text (places_text) VALUES ('rebuild');
