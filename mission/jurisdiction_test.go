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

// TestEverySubdivisionOfChina names the serving mission for each of China's
// 34 subdivisions under the default dataset, and whether sources disagree.
func TestEverySubdivisionOfChina(t *testing.T) {
	const cq, embassy = "by-cg-chongqing", "by-embassy-beijing"
	cases := map[string]struct {
		mission  string
		disputed bool // some source about the serving mission leaves it out
		reading  bool // a source's spelling of it needs explaining
	}{
		"CN-CQ": {cq, false, false}, "CN-SC": {cq, false, false}, "CN-GS": {cq, false, false},
		"CN-SN": {cq, false, true},       // "Shanxi" in English texts is read as Shaanxi
		"CN-HB": {cq, true, false},       // iChongqing 2021 leaves Hubei out
		"CN-YN": {cq, true, false},       // CQ Currents leaves Yunnan out
		"CN-SX": {embassy, false, false}, // Shanxi proper is not in the district
		"CN-AH": {embassy, false, false}, "CN-BJ": {embassy, false, false}, "CN-FJ": {embassy, false, false},
		"CN-GD": {embassy, false, false}, "CN-GX": {embassy, false, false}, "CN-GZ": {embassy, false, false},
		"CN-HA": {embassy, false, false}, "CN-HE": {embassy, false, false}, "CN-HI": {embassy, false, false},
		"CN-HK": {embassy, false, false}, "CN-HL": {embassy, false, false}, "CN-HN": {embassy, false, false},
		"CN-JL": {embassy, false, false}, "CN-JS": {embassy, false, false}, "CN-JX": {embassy, false, false},
		"CN-LN": {embassy, false, false}, "CN-MO": {embassy, false, false}, "CN-NM": {embassy, false, false},
		"CN-NX": {embassy, false, false}, "CN-QH": {embassy, false, false}, "CN-SD": {embassy, false, false},
		"CN-SH": {embassy, false, false}, "CN-TJ": {embassy, false, false}, "CN-TW": {embassy, false, false},
		"CN-XJ": {embassy, false, false}, "CN-XZ": {embassy, false, false}, "CN-ZJ": {embassy, false, false},
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
			a, err := mission.Serve(ms, members, claims, "BY", sd.Code, "2026-11-23")
			if err != nil {
				t.Fatal(err)
			}
			if a.Mission.ID != want.mission {
				t.Fatalf("served by %s, want %s", a.Mission.ID, want.mission)
			}
			if a.ByDefault != (want.mission == embassy) {
				t.Errorf("ByDefault %v", a.ByDefault)
			}
			if a.Entry.Disputed() != want.disputed {
				t.Errorf("disputed %v, want %v", a.Entry.Disputed(), want.disputed)
			}
			if (len(a.Entry.Readings) > 0) != want.reading {
				t.Errorf("readings %v", a.Entry.Readings)
			}
			if !a.ByDefault && len(a.Entry.Supporting) == 0 {
				t.Error("an answer from a district must cite at least one source")
			}
			if a.ByDefault && len(a.Undescribed) != 3 {
				t.Errorf("want the three posts with undescribed districts named, got %d", len(a.Undescribed))
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
			a, err := mission.Serve(c.missions, members, nil, c.sending, c.code, c.day)
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
