package mission

import "testing"

// TestVersionsCountOnce: the two versions of one interview are one source
// where support is counted; a statement set by the mission is none.
func TestVersionsCountOnce(t *testing.T) {
	bilingual := &Source{ID: "interview"}
	english := &Source{ID: "interview-en", VersionOf: "interview"}
	other := &Source{ID: "report"}
	claim := func(s *Source, subs ...string) Claim {
		return Claim{MissionID: "cg", Citation: Citation{SourceID: s.ID, Quote: "q", Source: s}, Subdivisions: subs}
	}
	set := Claim{MissionID: "cg", Citation: Citation{SetByMission: true, Note: Text{"en": "set"}}, Subdivisions: []string{"CN-CQ"}}
	d := DistrictOf(Mission{ID: "cg"}, []Membership{{MissionID: "cg", Subdivision: "CN-CQ", ValidFrom: "2021-01-28"},
		{MissionID: "cg", Subdivision: "CN-YN", ValidFrom: "2021-01-28"}},
		[]Claim{claim(bilingual, "CN-CQ"), claim(english, "CN-CQ"), claim(other, "CN-CQ", "CN-YN"), set}, "2024-01-01")
	for _, e := range d.Entries {
		switch e.Membership.Subdivision {
		case "CN-CQ":
			if got := e.SupportingSources(); got != 2 {
				t.Errorf("Chongqing named by %d sources, want 2 (one interview in two versions, one report)", got)
			}
		case "CN-YN":
			if got := e.DissentingSources(); got != 1 {
				t.Errorf("Yunnan left out by %d sources, want 1 (the interview once, the mission's word not at all)", got)
			}
		}
	}
	if n := CountWorks([]Citation{{SourceID: "interview-en"}, {SourceID: "interview"}}, func(id string) (Source, bool) {
		if id == "interview-en" {
			return *english, true
		}
		return Source{}, false
	}); n != 1 {
		t.Errorf("looked up, the versions count %d times, want once", n)
	}
}
