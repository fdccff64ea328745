package mission_test

import (
	"testing"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/place"
)

// defaultNetwork flattens the default dataset into what Serve takes.
func defaultNetwork(t *testing.T) ([]mission.Mission, []mission.Membership, []mission.Claim) {
	t.Helper()
	ds, err := dataset.Default()
	if err != nil {
		t.Fatal(err)
	}
	var ms []mission.Mission
	var members []mission.Membership
	var claims []mission.Claim
	for i, m := range ds.Missions {
		ms = append(ms, m.Mission)
		members = append(members, m.District...)
		for j, c := range m.Claims {
			c.ID = int64(i*100 + j + 1)
			claims = append(claims, c)
		}
	}
	return ms, members, claims
}

// TestEverySubdivisionOfChina names the mission answered for each of China's
// 34 subdivisions under the default dataset, on what basis, and whether
// sources disagree. Where no source describes a district, the answer is only
// a suggestion: the mission located there, or else the nearest.
func TestEverySubdivisionOfChina(t *testing.T) {
	const (
		cq, embassy, sh, gz, hk = "by-cg-chongqing", "by-embassy-beijing", "by-cg-shanghai", "by-cg-guangzhou", "by-office-hong-kong"
		src, sug                = mission.Sourced, mission.Suggested
	)
	cases := map[string]struct {
		mission  string
		basis    mission.Basis
		here     bool // a suggested mission lies in the subdivision itself
		disputed bool // some source about the serving mission leaves it out
		reading  bool // a source's spelling of it needs explaining
		literal  bool // a source writes its name but is read as another
	}{
		"CN-CQ": {cq, src, false, false, false, false}, "CN-SC": {cq, src, false, false, false, false},
		"CN-GS": {cq, src, false, false, false, false},
		"CN-SN": {cq, src, false, false, true, false},      // "Shanxi" in English texts is read as Shaanxi
		"CN-HB": {cq, src, false, true, false, false},      // iChongqing 2021 leaves Hubei out
		"CN-YN": {cq, src, false, true, false, false},      // CQ Currents leaves Yunnan out
		"CN-SX": {embassy, sug, false, false, false, true}, // two English texts write "Shanxi"
		"CN-HK": {hk, src, false, false, false, false}, "CN-MO": {hk, src, false, false, false, false},
		"CN-BJ": {embassy, sug, true, false, false, false}, "CN-SH": {sh, sug, true, false, false, false},
		"CN-GD": {gz, sug, true, false, false, false},
		"CN-AH": {sh, sug, false, false, false, false}, "CN-FJ": {sh, sug, false, false, false, false},
		"CN-GX": {gz, sug, false, false, false, false}, "CN-GZ": {gz, sug, false, false, false, false},
		"CN-HA": {embassy, sug, false, false, false, false}, "CN-HE": {embassy, sug, false, false, false, false},
		"CN-HI": {gz, sug, false, false, false, false}, "CN-HL": {embassy, sug, false, false, false, false},
		"CN-HN": {gz, sug, false, false, false, false}, "CN-JL": {embassy, sug, false, false, false, false},
		"CN-JS": {sh, sug, false, false, false, false}, "CN-JX": {sh, sug, false, false, false, false},
		"CN-LN": {embassy, sug, false, false, false, false}, "CN-NM": {embassy, sug, false, false, false, false},
		"CN-NX": {embassy, sug, false, false, false, false}, "CN-QH": {embassy, sug, false, false, false, false},
		"CN-SD": {embassy, sug, false, false, false, false}, "CN-TJ": {embassy, sug, false, false, false, false},
		"CN-TW": {sh, sug, false, false, false, false}, "CN-XJ": {embassy, sug, false, false, false, false},
		"CN-XZ": {gz, sug, false, false, false, false}, "CN-ZJ": {sh, sug, false, false, false, false},
	}
	all := place.Subdivisions("CN")
	if len(all) != len(cases) || len(all) != 34 {
		t.Fatalf("%d subdivisions in the gazetteer, %d cases; want 34", len(all), len(cases))
	}
	ms, members, claims := defaultNetwork(t)
	for _, sd := range all {
		want, ok := cases[sd.Code]
		if !ok {
			t.Errorf("no case for %s", sd.Code)
			continue
		}
		t.Run(sd.Code, func(t *testing.T) {
			a, err := mission.Serve(ms, members, claims, place.Geography{}, "BY", sd.Code, "2026-11-23")
			if err != nil {
				t.Fatal(err)
			}
			if a.Mission.ID != want.mission || a.Basis != want.basis {
				t.Fatalf("answered %s (%s), want %s (%s)", a.Mission.ID, a.Basis, want.mission, want.basis)
			}
			if a.LocatedHere != want.here {
				t.Errorf("located here %v, want %v", a.LocatedHere, want.here)
			}
			if a.Suggested() && !a.LocatedHere && a.DistanceKM <= 0 {
				t.Errorf("a nearest-mission suggestion must say how far: %d km", a.DistanceKM)
			}
			if a.Entry.Disputed() != want.disputed {
				t.Errorf("disputed %v, want %v", a.Entry.Disputed(), want.disputed)
			}
			if want.disputed && a.Entry.Membership.Note["en"] == "" {
				t.Error("a disputed subdivision must say why it is read as part of the district")
			}
			if (len(a.Entry.Readings) > 0) != want.reading {
				t.Errorf("readings %v", a.Entry.Readings)
			}
			if want.literal != (len(a.Literal) == 2) || (!want.literal && len(a.Literal) > 0) {
				t.Errorf("want two texts that literally write its name, got %d", len(a.Literal))
			}
			if !a.Suggested() && len(a.Entry.Supporting) == 0 {
				t.Error("a sourced answer must cite at least one source")
			}
			if a.Suggested() && len(a.Undescribed) != 2 {
				t.Errorf("want the two other posts with undescribed districts named, got %d", len(a.Undescribed))
			}
		})
	}
}

// TestServeSuggests covers the answers where no district is known.
func TestServeSuggests(t *testing.T) {
	embassy := mission.Mission{ID: "e", Country: "HU", Host: "CN", Kind: mission.Embassy, City: mission.Text{"en": "Beijing"}}
	sh := mission.Mission{ID: "sh", Country: "HU", Host: "CN", Kind: mission.ConsulateGeneral, City: mission.Text{"en": "Shanghai"}}
	cq := mission.Mission{ID: "cq", Country: "HU", Host: "CN", Kind: mission.ConsulateGeneral, City: mission.Text{"en": "Chongqing"}, DistrictKnown: true}
	configured := []mission.Membership{{MissionID: "sh", Subdivision: "CN-ZJ", ValidFrom: "2020-01-01"}}
	cases := []struct {
		name    string
		geo     mission.Geography
		code    string
		want    string
		basis   mission.Basis
		here    bool
		members []mission.Membership
	}{
		{"the mission located in the subdivision", place.Geography{}, "CN-SH", "sh", mission.Suggested, true, nil},
		{"else the nearest post whose district is not described", place.Geography{}, "CN-JS", "sh", mission.Suggested, false, nil},
		{"never a post whose known district leaves it out", place.Geography{}, "CN-SC", "e", mission.Suggested, false, nil},
		{"the embassy when nothing can be placed", nil, "CN-JS", "e", mission.Suggested, false, nil},
		{"a district the mission set itself is configured", place.Geography{}, "CN-ZJ", "sh", mission.Configured, false, configured},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, err := mission.Serve([]mission.Mission{embassy, sh, cq}, c.members, nil, c.geo, "HU", c.code, "2022-06-01")
			if err != nil {
				t.Fatal(err)
			}
			if a.Mission.ID != c.want || a.Basis != c.basis || a.LocatedHere != c.here {
				t.Fatalf("got %s (%s, here %v), want %s (%s, here %v)", a.Mission.ID, a.Basis, a.LocatedHere, c.want, c.basis, c.here)
			}
		})
	}
}

func TestServeRules(t *testing.T) {
	embassy := mission.Mission{ID: "e", Country: "HU", Host: "CN", Kind: mission.Embassy}
	cg := mission.Mission{ID: "cg", Country: "HU", Host: "CN", Kind: mission.ConsulateGeneral, DistrictKnown: true}
	members := []mission.Membership{{MissionID: "cg", Subdivision: "CN-CQ", ValidFrom: "2022-01-01", ValidTo: "2022-12-31"}}
	cases := []struct {
		name     string
		missions []mission.Mission
		sending  string
		code     string
		day      string
		want     string
		errCode  string
	}{
		{"in the district while it is in force", []mission.Mission{embassy, cg}, "HU", "CN-CQ", "2022-06-01", "cg", ""},
		{"before the membership starts", []mission.Mission{embassy, cg}, "HU", "CN-CQ", "2021-12-31", "e", ""},
		{"after the membership ends", []mission.Mission{embassy, cg}, "HU", "CN-CQ", "2023-01-01", "e", ""},
		{"sending country with no mission", []mission.Mission{embassy, cg}, "JP", "CN-CQ", "2022-06-01", "", chancery.ENOTFOUND},
		{"no embassy to fall back on", []mission.Mission{cg}, "HU", "CN-BJ", "2022-06-01", "", chancery.ENOTFOUND},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, err := mission.Serve(c.missions, members, nil, place.Geography{}, c.sending, c.code, c.day)
			if chancery.ErrorCode(err) != c.errCode {
				t.Fatalf("error %v, want code %q", err, c.errCode)
			}
			if a.Mission.ID != c.want {
				t.Fatalf("served by %q, want %q", a.Mission.ID, c.want)
			}
		})
	}
}

func TestDistrictShowsEveryDisagreement(t *testing.T) {
	ms, members, claims := defaultNetwork(t)
	var cq mission.Mission
	for _, m := range ms {
		if m.ID == "by-cg-chongqing" {
			cq = m
		}
	}
	d := mission.DistrictOf(cq, members, claims, "2026-11-23")
	if len(d.Entries) != 6 || !d.Disputed() || len(d.Unlisted) != 0 {
		t.Fatalf("district %d entries, disputed %v, unlisted %v", len(d.Entries), d.Disputed(), d.Unlisted)
	}
	// Seven statements: iChongqing, the interview's English and Chinese texts,
	// its republication, Radio Belarus, Xinhua and the ambassador in People's Daily.
	if len(d.Claims) != 7 {
		t.Errorf("every source's statement must be kept: %d claims", len(d.Claims))
	}
}
