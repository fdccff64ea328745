package site

import (
	"context"

	"github.com/chancery-platform/chancery/cooperation"
)

// registrableEvents fills in the relations page's events that take
// registration, from the record's events read already.
func (s *Server) registrableEvents(ctx context.Context, p *relationsPage, recs []cooperation.Event) error {
	regs, err := s.DB.EventRegistrations(ctx)
	if err != nil {
		return err
	}
	byID := make(map[string]cooperation.Event, len(recs))
	for _, rec := range recs {
		byID[rec.ID] = rec
	}
	p.Registers = make(map[string]bool, len(regs))
	for _, e := range regs {
		if rec, ok := byID[e.ID]; ok {
			p.Registrable = append(p.Registrable, rec)
			p.Registers[e.ID] = true
		}
	}
	return nil
}
