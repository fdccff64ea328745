package site

import (
	"net/http"

	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/place"
)

// tile places a subdivision on the diagram's grid, roughly where it lies.
type tile struct{ Col, Row int }

// tilesCN is a tile-grid layout of China's subdivisions: each one square,
// neighbours next to each other, so no province is too small to see.
var tilesCN = map[string]tile{
	"CN-HL": {7, 0},
	"CN-XJ": {0, 1}, "CN-NM": {4, 1}, "CN-JL": {7, 1},
	"CN-GS": {2, 2}, "CN-NX": {3, 2}, "CN-SX": {4, 2}, "CN-HE": {5, 2}, "CN-BJ": {6, 2}, "CN-LN": {7, 2},
	"CN-QH": {1, 3}, "CN-SN": {3, 3}, "CN-HA": {4, 3}, "CN-SD": {5, 3}, "CN-TJ": {6, 3},
	"CN-XZ": {0, 4}, "CN-SC": {2, 4}, "CN-CQ": {3, 4}, "CN-HB": {4, 4}, "CN-AH": {5, 4}, "CN-JS": {6, 4},
	"CN-YN": {2, 5}, "CN-GZ": {3, 5}, "CN-HN": {4, 5}, "CN-JX": {5, 5}, "CN-ZJ": {6, 5}, "CN-SH": {7, 5},
	"CN-GX": {3, 6}, "CN-GD": {4, 6}, "CN-FJ": {5, 6}, "CN-TW": {7, 6},
	"CN-HI": {3, 7}, "CN-MO": {4, 7}, "CN-HK": {5, 7},
}

// Tile geometry of the diagram, in SVG user units.
const (
	tileSize = 64
	tileGap  = 6
)

// palette colours the missions; light fills keep dark labels readable.
var palette = []string{"#c6dbef", "#fdd0a2", "#c7e9c0", "#dadaeb", "#fcbba1", "#f2f0a8"}

// districtRow is one subdivision on the map and in the table beside it.
type districtRow struct {
	Subdivision place.Subdivision
	Answer      mission.Answer
	Colour      string
	X, Y        int
	Disputed    bool
}

// districtMapPage is the diagram of which mission serves each subdivision.
type districtMapPage struct {
	Rows    []districtRow
	Legend  []legendItem
	Width   int
	Height  int
	Day     string
	Sending string
}

type legendItem struct {
	Mission mission.Mission
	Colour  string
	Count   int
}

func (s *Server) districtMap(w http.ResponseWriter, r *http.Request) {
	n, err := s.Network(r.Context())
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := districtMapPage{Sending: "BY", Day: s.Today(n.HostZone("BY", "CN"))}
	colours := map[string]string{}
	counts := map[string]int{}
	for _, sd := range place.Subdivisions("CN") {
		a, err := mission.Serve(n.Missions, n.Members, n.Claims, place.Geography{}, p.Sending, sd.Code, p.Day)
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		c, ok := colours[a.Mission.ID]
		if !ok {
			c = palette[len(colours)%len(palette)]
			colours[a.Mission.ID] = c
			p.Legend = append(p.Legend, legendItem{Mission: a.Mission, Colour: c})
		}
		counts[a.Mission.ID]++
		t := tilesCN[sd.Code]
		p.Rows = append(p.Rows, districtRow{Subdivision: sd, Answer: a, Colour: c,
			X: t.Col * (tileSize + tileGap), Y: t.Row * (tileSize + tileGap),
			Disputed: a.Entry.Disputed() || len(a.Elsewhere) > 0})
	}
	for i := range p.Legend {
		p.Legend[i].Count = counts[p.Legend[i].Mission.ID]
	}
	p.Width, p.Height = 8*(tileSize+tileGap), 8*(tileSize+tileGap)
	s.Render(w, r, "districts", p)
}
