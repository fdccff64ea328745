package site

import (
	"net/http"

	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/matchmaking"
	"github.com/chancery-platform/chancery/web/ui"
)

// publicSuggestions is how many suggestions the public sectors page shows.
const publicSuggestions = 20

// sectorRow is one HS section on the public page: who of one country
// offers it and who seeks it.
type sectorRow struct {
	Section       matchmaking.Section
	Offers, Seeks []string // entity ids
}

// sectorCountry is one country's sections on the public page.
type sectorCountry struct {
	Country string
	Rows    []sectorRow
}

// matchSectorsPage is the public page of what Belarus and China offer and
// seek, with the profiles behind it and the best suggestions.
type matchSectorsPage struct {
	Countries   []sectorCountry
	Profiles    []matchmaking.Profile
	Entities    map[string]cooperation.Entity
	Suggestions []ui.SuggestionRow
}

func (s *Server) matchSectors(w http.ResponseWriter, r *http.Request) {
	ctx, lang := r.Context(), ui.VisitOf(r).Lang
	ps, err := s.DB.MatchProfiles(ctx)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	es, err := s.DB.CoopEntities(ctx, ui.ProfileIDs(ps))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := matchSectorsPage{Profiles: ps, Entities: es}
	for _, c := range matchmaking.Countries {
		sc := sectorCountry{Country: c}
		for _, info := range matchmaking.Sections() {
			row := sectorRow{Section: info.Section}
			for _, pr := range ps {
				if pr.Country != c {
					continue
				}
				if pr.Offers.Has(info.Section) {
					row.Offers = append(row.Offers, pr.EntityID)
				}
				if pr.Seeks.Has(info.Section) {
					row.Seeks = append(row.Seeks, pr.EntityID)
				}
			}
			if len(row.Offers)+len(row.Seeks) > 0 {
				sc.Rows = append(sc.Rows, row)
			}
		}
		p.Countries = append(p.Countries, sc)
	}
	for _, sg := range matchmaking.Suggest(ps, matchmaking.Query{Limit: publicSuggestions}) {
		row := ui.SuggestionRow{Pair: sg.Pair, A: ui.EntityName(es, sg.A, lang), B: ui.EntityName(es, sg.B, lang), Score: sg.Score, Mutual: sg.Mutual}
		for _, reason := range sg.Reasons {
			row.Reasons = append(row.Reasons, s.ReasonText(lang, es, reason))
		}
		p.Suggestions = append(p.Suggestions, row)
	}
	s.Render(w, r, "match_sectors", p)
}
