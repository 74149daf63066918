-- A place's chain and branch in English, Japanese, Thai and Malay, like its
-- names and description. The text kept in the one column before goes to
-- the language its script shows, the rule of
-- kizuna_domain::common::guess_language (which reads older files the same
-- way): any Thai letter (U+0E00 to U+0E7F) makes it Thai; else any kana,
-- kanji or full-width form (U+3000 to U+9FFF, U+F900 to U+FAFF, U+FF00 to
-- U+FFEF) Japanese; else (Latin, accented or not, digits, emoji) English. The PostgreSQL migration says the same with regular
-- expressions; crates/kizuna-store/tests/schema.rs holds both to the
-- domain's answers. No index, constraint or view names the old columns.
ALTER TABLE places ADD COLUMN chain_en TEXT;
ALTER TABLE places ADD COLUMN chain_ja TEXT;
ALTER TABLE places ADD COLUMN chain_th TEXT;
ALTER TABLE places ADD COLUMN chain_ms TEXT;
ALTER TABLE places ADD COLUMN branch_en TEXT;
ALTER TABLE places ADD COLUMN branch_ja TEXT;
ALTER TABLE places ADD COLUMN branch_th TEXT;
ALTER TABLE places ADD COLUMN branch_ms TEXT;

-- GLOB compares characters by code point in its [ranges]: char(3584) is
-- U+0E00, char(3711) U+0E7F; 12288 to 40959 is U+3000 to U+9FFF, 63744 to
-- 64255 U+F900 to U+FAFF, 65280 to 65519 U+FF00 to U+FFEF.
UPDATE places SET chain_th = chain
 WHERE chain GLOB ('*[' || char(3584) || '-' || char(3711) || ']*');
UPDATE places SET chain_ja = chain
 WHERE chain_th IS NULL AND chain GLOB ('*' || '[' || char(12288) || '-' || char(40959) || char(63744) || '-' || char(64255) || char(65280) || '-' || char(65519) || ']' || '*');
UPDATE places SET chain_en = chain
 WHERE chain IS NOT NULL AND chain_th IS NULL AND chain_ja IS NULL;

UPDATE places SET branch_th = branch
 WHERE branch GLOB ('*[' || char(3584) || '-' || char(3711) || ']*');
UPDATE places SET branch_ja = branch
 WHERE branch_th IS NULL AND branch GLOB ('*' || '[' || char(12288) || '-' || char(40959) || char(63744) || '-' || char(64255) || char(65280) || '-' || char(65519) || ']' || '*');
UPDATE places SET branch_en = branch
 WHERE branch IS NOT NULL AND branch_th IS NULL AND branch_ja IS NULL;

ALTER TABLE places DROP COLUMN chain;
ALTER TABLE places DROP COLUMN branch;
