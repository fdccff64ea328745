package dataset

import (
	"fmt"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/matchmaking"
	"github.com/chancery-platform/chancery/mission"
)

// fileMatchmaking is the file's matchmaking section: what organisations,
// regions or groups of the record offer and seek, by HS section.
type fileMatchmaking struct {
	Profiles []struct {
		Entity    string         `yaml:"entity"`
		Offers    string         `yaml:"offers"`
		Seeks     string         `yaml:"seeks"`
		Detail    mission.Text   `yaml:"detail"`
		Citations []fileCitation `yaml:"citations"`
	} `yaml:"profiles"`
}

// profiles checks the profiles against the record's entities: each names
// an organisation or place of Belarus or China, once, lists its sections
// as "IV, IX, X", and cites the sources it rests on.
func (fm *fileMatchmaking) profiles(c *Cooperation, cite func(string, fileCitation) (mission.Citation, error)) ([]matchmaking.Profile, error) {
	entities := map[string]cooperation.Entity{}
	if c != nil {
		for _, e := range c.Entities {
			entities[e.ID] = e
		}
	}
	chk := coopCheck{cite: cite}
	seen := map[string]bool{}
	var out []matchmaking.Profile
	for i, fp := range fm.Profiles {
		where := fmt.Sprintf("matchmaking.profiles[%d]", i)
		e, ok := entities[fp.Entity]
		switch {
		case fp.Entity == "":
			return nil, problem(where+".entity", "an entity id is required")
		case !ok:
			return nil, problem(where+".entity", "unknown entity "+fp.Entity+" (profiles name entities of the cooperation section)")
		case seen[fp.Entity]:
			return nil, problem(where+".entity", "a second profile of "+fp.Entity)
		}
		seen[fp.Entity] = true
		p := matchmaking.Profile{EntityID: e.ID, Country: e.Country, Detail: fp.Detail}
		var err error
		if p.Offers, err = matchmaking.ParseSections(fp.Offers); err != nil {
			return nil, problem(where+".offers", describeSections(err))
		}
		if p.Seeks, err = matchmaking.ParseSections(fp.Seeks); err != nil {
			return nil, problem(where+".seeks", describeSections(err))
		}
		if err := checkText(where+".detail", fp.Detail, false); err != nil {
			return nil, err
		}
		if p.Citations, err = chk.citations(where, fp.Citations); err != nil {
			return nil, err
		}
		if err := p.Entity(e); err != nil {
			return nil, problem(where+".entity", fp.Entity+" is a "+string(e.Kind)+" of "+orNone(e.Country)+": profiles are of organisations or places of Belarus or China")
		}
		if err := p.Check(); err != nil {
			return nil, problem(where, describeProfile(err))
		}
		out = append(out, p)
	}
	return out, nil
}

func describeSections(err error) string {
	_, data := chancery.ErrorKey(err)
	return fmt.Sprintf("not a list of HS sections such as \"IV, IX, XVI\" (I to XXI, or 1 to 21): %q", fmt.Sprint(data["Value"]))
}

func describeProfile(err error) string {
	switch k, _ := chancery.ErrorKey(err); k {
	case "error.match_country":
		return "the entity is not of Belarus (BY) or China (CN)"
	case "error.match_empty":
		return "a profile offers or seeks at least one section"
	case "error.match_language":
		return "the detail is in a language other than en, zh, ru or be"
	case "error.match_detail_long":
		return fmt.Sprintf("the detail is longer than %d characters", matchmaking.MaxDetail)
	}
	return describe(err)
}

func orNone(country string) string {
	if country == "" {
		return "no country"
	}
	return country
}
