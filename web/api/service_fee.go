package api

import (
	"context"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/mission"
)

// apiServiceFee is what a service costs: kind "fee_table" with the table's
// rows in force today (each row's source, or basis "configured"), "text"
// with its citation, or "set_by_mission" (sourced false, perhaps a text).
type apiServiceFee struct {
	Kind     string       `json:"kind"`
	Sourced  bool         `json:"sourced"`
	Text     apiText      `json:"text,omitempty"`
	Citation *apiCitation `json:"citation,omitempty"`
	Table    []apiFeeRow  `json:"table,omitempty"`
}

// apiFeeRow is one row of the fee table.
type apiFeeRow struct {
	Applicant string `json:"applicant"`
	VisaType  string `json:"visa_type"`
	Entries   string `json:"entries,omitempty"`
	Amount    string `json:"amount"`
	Currency  string `json:"currency"`
	ValidFrom string `json:"valid_from"`
	ValidTo   string `json:"valid_to,omitempty"`
	Source    string `json:"source,omitempty"` // the source's id; absent when the row is set by the mission
	Basis     string `json:"basis"`            // "sourced", or "configured": set by the mission
}

// feeGrounds fills in what a service's fee rests on: the fee table's rows
// in force today for the mission's country, or the citation of its text.
func (s *Server) feeGrounds(ctx context.Context, m mission.Mission, f booking.Fee, out *apiServiceFee) error {
	switch f.Kind {
	case booking.FeeTable:
		rows, err := s.DB.FeesInForce(ctx, m.Country, s.DB.Now().In(mission.Zone(m.TimeZone)).Format("2006-01-02"))
		if err != nil {
			return err
		}
		out.Table = []apiFeeRow{}
		for _, r := range rows {
			basis := "sourced"
			if r.Source == "" {
				basis = "configured"
			}
			out.Table = append(out.Table, apiFeeRow{Applicant: r.Applicant, VisaType: r.VisaType, Entries: r.Entries, Amount: r.Amount,
				Currency: r.Currency, ValidFrom: r.ValidFrom, ValidTo: r.ValidTo, Source: r.Source, Basis: basis})
		}
	case booking.FeeText:
		c := f.Citation
		if src, err := s.DB.Source(ctx, c.SourceID); err == nil {
			c.Source = &src
		}
		ac := toAPICitation(c)
		out.Citation = &ac
	default:
		if f.Citation.SetByMission {
			ac := toAPICitation(f.Citation)
			out.Citation = &ac
		}
	}
	return nil
}

// orEmpty is t, or an empty text rather than null.
func orEmpty(t mission.Text) mission.Text {
	if t == nil {
		return mission.Text{}
	}
	return t
}
