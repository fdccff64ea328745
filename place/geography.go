package place

import (
	"math"
	"strings"
)

// capital is a subdivision's seat of government, the point from which
// distances between subdivisions are measured.
type capital struct {
	City     string
	Lat, Lon float64 // degrees, to a tenth
}

// capitalsCN holds the capital of each subdivision of China.
//
// Basis: the approximate coordinates of each capital city as public
// gazetteers (GeoNames, for example) give them, rounded to a tenth of a
// degree (about 10 km). They serve only to suggest the nearest mission where
// no source describes a district, so this precision is ample; they are not
// shown as facts.
var capitalsCN = map[string]capital{
	"CN-AH": {"Hefei", 31.8, 117.3}, "CN-BJ": {"Beijing", 39.9, 116.4}, "CN-CQ": {"Chongqing", 29.6, 106.5},
	"CN-FJ": {"Fuzhou", 26.1, 119.3}, "CN-GD": {"Guangzhou", 23.1, 113.3}, "CN-GS": {"Lanzhou", 36.1, 103.8},
	"CN-GX": {"Nanning", 22.8, 108.3}, "CN-GZ": {"Guiyang", 26.6, 106.7}, "CN-HA": {"Zhengzhou", 34.7, 113.6},
	"CN-HB": {"Wuhan", 30.6, 114.3}, "CN-HE": {"Shijiazhuang", 38.0, 114.5}, "CN-HI": {"Haikou", 20.0, 110.3},
	"CN-HK": {"Hong Kong", 22.3, 114.2}, "CN-HL": {"Harbin", 45.8, 126.6}, "CN-HN": {"Changsha", 28.2, 113.0},
	"CN-JL": {"Changchun", 43.9, 125.3}, "CN-JS": {"Nanjing", 32.1, 118.8}, "CN-JX": {"Nanchang", 28.7, 115.9},
	"CN-LN": {"Shenyang", 41.8, 123.4}, "CN-MO": {"Macao", 22.2, 113.5}, "CN-NM": {"Hohhot", 40.8, 111.7},
	"CN-NX": {"Yinchuan", 38.5, 106.3}, "CN-QH": {"Xining", 36.6, 101.8}, "CN-SC": {"Chengdu", 30.7, 104.1},
	"CN-SD": {"Jinan", 36.7, 117.0}, "CN-SH": {"Shanghai", 31.2, 121.5}, "CN-SN": {"Xi'an", 34.3, 108.9},
	"CN-SX": {"Taiyuan", 37.9, 112.5}, "CN-TJ": {"Tianjin", 39.1, 117.2}, "CN-TW": {"Taipei", 25.0, 121.5},
	"CN-XJ": {"Urumqi", 43.8, 87.6}, "CN-XZ": {"Lhasa", 29.7, 91.1}, "CN-YN": {"Kunming", 25.0, 102.7},
	"CN-ZJ": {"Hangzhou", 30.3, 120.2},
}

// Geography answers where a mission's city lies and how far apart two
// subdivisions are; the jurisdiction answer uses it to suggest a mission.
type Geography struct{}

// Seat is the subdivision of host in which the city lies, found by its name.
func (Geography) Seat(host, city string) (string, bool) {
	if !knownCountry(host) || strings.TrimSpace(city) == "" {
		return "", false
	}
	m, err := Find(host, city)
	if err != nil {
		return "", false
	}
	return m.Subdivision.Code, true
}

// Distance is the great-circle distance in kilometres between the capitals
// of two subdivisions.
func (Geography) Distance(a, b string) (float64, bool) {
	ca, okA := capitalsCN[strings.ToUpper(a)]
	cb, okB := capitalsCN[strings.ToUpper(b)]
	if !okA || !okB {
		return 0, false
	}
	const earthKM = 6371.0
	rad := math.Pi / 180
	dLat, dLon := (cb.Lat-ca.Lat)*rad, (cb.Lon-ca.Lon)*rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(ca.Lat*rad)*math.Cos(cb.Lat*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthKM * math.Asin(math.Sqrt(h)), true
}
