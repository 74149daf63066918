-- Places of the Muslim-friendly map. A place is identified by its source
-- and its id there, so that re-importing a source updates its places
-- rather than duplicating them. Positions are WGS 84 in fixed-point
-- 1e-7 degrees (OpenStreetMap's precision). The halal assurance never
-- blurs: certificate details exist exactly when a place is certified.
CREATE TABLE places (
    id                      INTEGER PRIMARY KEY,
    source                  TEXT NOT NULL,
    source_id               TEXT NOT NULL,
    name_ja                 TEXT,
    name_en                 TEXT,
    name_th                 TEXT,
    name_ms                 TEXT,
    name_ar                 TEXT,
    name_id                 TEXT,
    category                TEXT NOT NULL,
    chain                   TEXT,
    branch                  TEXT,
    address                 TEXT,
    phone                   TEXT,
    website                 TEXT,
    locality_id             INTEGER REFERENCES localities(id) ON DELETE RESTRICT,
    lat_e7                  INTEGER NOT NULL CHECK (lat_e7 BETWEEN -900000000 AND 900000000),
    lon_e7                  INTEGER NOT NULL CHECK (lon_e7 BETWEEN -1800000000 AND 1800000000),
    assurance               TEXT NOT NULL,
    certifier               TEXT,
    certificate_number      TEXT,
    certificate_valid_from  TEXT,
    certificate_valid_until TEXT,
    alcohol_served          INTEGER,
    prayer_space            INTEGER NOT NULL,
    wudu                    INTEGER NOT NULL,
    women_space             INTEGER NOT NULL,
    qibla_marked            INTEGER NOT NULL,
    prayer_mats             INTEGER NOT NULL,
    opening_hours           TEXT,
    attribution             TEXT,
    last_verified           TEXT,
    UNIQUE (source, source_id),
    CHECK (name_ja IS NOT NULL OR name_en IS NOT NULL OR name_th IS NOT NULL
           OR name_ms IS NOT NULL OR name_ar IS NOT NULL OR name_id IS NOT NULL),
    CHECK ((assurance = 'certified') = (certifier IS NOT NULL AND certificate_number IS NOT NULL
           AND certificate_valid_from IS NOT NULL AND certificate_valid_until IS NOT NULL)),
    CHECK (assurance = 'certified' OR (certifier IS NULL AND certificate_number IS NULL
           AND certificate_valid_from IS NULL AND certificate_valid_until IS NULL))
);
CREATE INDEX places_locality ON places(locality_id);
CREATE INDEX places_category ON places(category);
