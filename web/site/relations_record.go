package site

import (
	"net/http"
	"slices"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/events"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/web/ui"
)

// recordPage is one record of the relationship on its own page, where a
// search result leads: its title, what the record says of it, the
// records it names (linked) and every citation with its source.
type recordPage struct {
	Kind, ID    string
	Title       mission.Text
	Description mission.Text // about, outcome or wording
	// One of these is set, by Kind.
	Entity      *cooperation.Entity
	Event       *cooperation.Event
	Agreement   *cooperation.Agreement
	Partnership *cooperation.Partnership
	Corridor    *cooperation.Corridor
	Trade       *cooperation.TradeFigure
	Role        *cooperation.Role
	Named       map[string]*namedEntity // the entities it names that the record holds, by ID
	Citations   []mission.Citation
	Registers   bool // an event that takes registration at /events/{id}
}

// namedEntity is an entity a record names, with its page. A name that is
// no entity of the record (a place as the source writes it) has none.
type namedEntity struct {
	Name mission.Text
	Path string
}

func (s *Server) relationsRecord(w http.ResponseWriter, r *http.Request) {
	kind, id := r.PathValue("kind"), r.PathValue("id")
	if !slices.Contains(cooperation.RecordKinds, kind) {
		s.NotFound(w, r)
		return
	}
	rec, err := s.DB.CoopRecord(r.Context(), kind, id)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	dec, err := cooperation.DecodeRecord(kind, rec.Doc)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := recordPage{Kind: kind, ID: id, Named: map[string]*namedEntity{}}
	entities := map[string]cooperation.Entity{}
	var named []string
	switch v := dec.(type) {
	case cooperation.Entity:
		p.Entity, p.Title, p.Description, p.Citations = &v, v.Name, v.About, v.Citations
	case cooperation.Event:
		p.Event, p.Title, p.Description, p.Citations = &v, v.Title, v.Outcome, v.Citations
		named = []string{v.Place}
	case cooperation.Agreement:
		p.Agreement, p.Title, p.Citations = &v, v.Title, v.Citations
		named = append([]string{v.Place}, v.Parties...)
	case cooperation.Partnership:
		p.Partnership, p.Citations = &v, v.Citations
		named = []string{v.A, v.B}
	case cooperation.Corridor:
		p.Corridor, p.Title, p.Description, p.Citations = &v, v.Name, v.About, v.Citations
		named = v.Route
	case cooperation.TradeFigure:
		p.Trade, p.Description, p.Citations = &v, v.Wording, []mission.Citation{v.Citation}
	case cooperation.Role:
		p.Role, p.Title, p.Citations = &v, v.Title, v.Citations
		named = []string{v.Person, v.Organisation}
	}
	for _, n := range named {
		if n == "" {
			continue
		}
		if e, err := s.DB.CoopRecord(r.Context(), cooperation.KindEntity, n); err == nil {
			var ent cooperation.Entity
			if e.Decode(&ent) == nil {
				entities[n] = ent
				p.Named[n] = &namedEntity{Name: ent.Name, Path: ui.RecordPath(cooperation.KindEntity, n)}
			}
		} else if chancery.ErrorCode(err) != chancery.ENOTFOUND {
			s.Fail(w, r, err)
			return
		}
	}
	if p.Partnership != nil {
		p.Title = s.partnershipTitle(*p.Partnership, entities)
	}
	if p.Event != nil {
		regs, err := s.DB.EventRegistrations(r.Context())
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		p.Registers = slices.ContainsFunc(regs, func(e events.Event) bool { return e.ID == id })
	}
	srcs, err := s.DB.Sources(r.Context())
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	for i := range p.Citations {
		for _, src := range srcs {
			if src.ID == p.Citations[i].SourceID {
				p.Citations[i].Source = &src
			}
		}
	}
	s.Render(w, r, "relations_record", p)
}
