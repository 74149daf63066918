-- Kizuna's basemap: which OpenStreetMap objects go into which layer of the
-- vector tiles `kizuna basemap build` makes with tilemaker, and with which
-- attributes. The style Kizuna serves (/basemap/style.json) reads these
-- layers and attributes; change both together.
--
-- Layers: water, waterway, landuse, park, building, road, rail, station,
-- place, housenumber. Named features carry name, name_en, name_ja, name_th
-- and name_ms (each only when tagged), so labels follow the reader.

node_keys = { "place", "railway", "public_transport", "addr:housenumber" }

local LANGS = { "en", "ja", "th", "ms" }

local function names(obj)
	local name = obj:Find("name")
	if name ~= "" then obj:Attribute("name", name) end
	for _, l in ipairs(LANGS) do
		local v = obj:Find("name:" .. l)
		if v ~= "" then obj:Attribute("name_" .. l, v) end
	end
end

-- highway=* → road class and the first zoom it is drawn at.
local ROADS = {
	motorway = { "motorway", 10 }, motorway_link = { "motorway", 12 },
	trunk = { "trunk", 10 }, trunk_link = { "trunk", 12 },
	primary = { "primary", 10 }, primary_link = { "primary", 12 },
	secondary = { "secondary", 11 }, secondary_link = { "secondary", 12 },
	tertiary = { "tertiary", 12 }, tertiary_link = { "tertiary", 13 },
	residential = { "minor", 13 }, unclassified = { "minor", 13 },
	living_street = { "minor", 13 }, road = { "minor", 13 },
	service = { "service", 14 },
	pedestrian = { "pedestrian", 13 },
	footway = { "path", 14 }, path = { "path", 14 }, cycleway = { "path", 14 },
	steps = { "path", 14 }, track = { "path", 14 }, bridleway = { "path", 14 },
}

local RAILS = { rail = 10, subway = 11, light_rail = 11, tram = 12, narrow_gauge = 11, monorail = 11, funicular = 12 }

local PLACES = { city = 10, town = 10, village = 11, suburb = 12, quarter = 13, neighbourhood = 14, hamlet = 13, island = 12, square = 14 }

local PARKS = {
	park = true, garden = true, playground = true, pitch = true, recreation_ground = true,
	grass = true, forest = true, wood = true, meadow = true, scrub = true, grassland = true,
	village_green = true, cemetery = true, golf_course = true, nature_reserve = true, heath = true,
}

local LANDUSE = {
	residential = true, commercial = true, retail = true, industrial = true, railway = true,
	construction = true, farmland = true, farmyard = true, allotments = true, military = true,
	education = true, religious = true, brownfield = true, garages = true,
}

local WATER = { water = true, bay = true, reservoir = true, basin = true, riverbank = true, dock = true, wetland = true }

function node_function(node)
	local place = node:Find("place")
	if PLACES[place] then
		node:Layer("place", false)
		node:Attribute("class", place)
		node:MinZoom(PLACES[place])
		names(node)
		return
	end
	local railway = node:Find("railway")
	local pt = node:Find("public_transport")
	if railway == "station" or railway == "halt" or railway == "tram_stop" or railway == "subway_entrance" or pt == "station" then
		node:Layer("station", false)
		local class = railway
		if class == "" then class = "station" end
		node:Attribute("class", class)
		if class == "tram_stop" or class == "subway_entrance" then node:MinZoom(14) end
		names(node)
		return
	end
	local number = node:Find("addr:housenumber")
	if number ~= "" then
		node:Layer("housenumber", false)
		node:Attribute("housenumber", number)
	end
end

function way_function(way)
	local highway = way:Find("highway")
	local railway = way:Find("railway")
	local building = way:Find("building")
	local natural = way:Find("natural")
	local waterway = way:Find("waterway")
	local landuse = way:Find("landuse")
	local leisure = way:Find("leisure")
	local area = way:IsClosed() or way:Find("type") == "multipolygon"

	if highway ~= "" and highway ~= "construction" and highway ~= "proposed" then
		local r = ROADS[highway]
		if r then
			local pedestrian_area = area and way:Find("area") == "yes"
			way:Layer("road", pedestrian_area)
			way:Attribute("class", r[1])
			if r[1] == "path" then way:Attribute("subclass", highway) end
			if way:Find("bridge") ~= "" and way:Find("bridge") ~= "no" then way:AttributeNumeric("bridge", 1) end
			if way:Find("tunnel") ~= "" and way:Find("tunnel") ~= "no" then way:AttributeNumeric("tunnel", 1) end
			way:MinZoom(r[2])
			names(way)
		end
	end

	if RAILS[railway] then
		way:Layer("rail", false)
		way:Attribute("class", railway)
		if way:Find("service") ~= "" then way:Attribute("service", way:Find("service")) end
		if way:Find("tunnel") ~= "" and way:Find("tunnel") ~= "no" then way:AttributeNumeric("tunnel", 1) end
		way:MinZoom(RAILS[railway])
		names(way)
	end
	if railway == "station" or way:Find("public_transport") == "station" then
		way:LayerAsCentroid("station")
		way:Attribute("class", "station")
		names(way)
	end

	if waterway == "river" or waterway == "canal" or waterway == "stream" or waterway == "ditch" then
		way:Layer("waterway", false)
		way:Attribute("class", waterway)
		names(way)
	end

	if not area then return end

	if natural == "water" or WATER[natural] or waterway == "riverbank" or waterway == "dock" or landuse == "reservoir" or landuse == "basin" then
		way:Layer("water", true)
		local class = natural
		if class == "" then class = "water" end
		way:Attribute("class", class)
		names(way)
	elseif PARKS[leisure] or PARKS[landuse] or PARKS[natural] then
		way:Layer("park", true)
		local class = leisure
		if class == "" then class = landuse end
		if class == "" then class = natural end
		way:Attribute("class", class)
		if way:Area() < 20000 then way:MinZoom(13) end
		names(way)
	elseif LANDUSE[landuse] then
		way:Layer("landuse", true)
		way:Attribute("class", landuse)
		if way:Area() < 20000 then way:MinZoom(13) end
	end

	if building ~= "" and building ~= "no" then
		way:Layer("building", true)
		local number = way:Find("addr:housenumber")
		if number ~= "" then
			way:LayerAsCentroid("housenumber")
			way:Attribute("housenumber", number)
		end
	end
end
