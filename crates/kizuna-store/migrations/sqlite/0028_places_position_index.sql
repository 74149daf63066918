-- The searches answered from the store while the map's index loads
-- (Store::places_in_box: a latitude band, then a longitude range) read
-- only the places in the band through this index instead of scanning
-- every place. The longitude is in the index too, so a place outside the
-- box is passed over without reading its row.
CREATE INDEX places_position ON places(lat_e7, lon_e7);
