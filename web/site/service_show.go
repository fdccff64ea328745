package site

import (
	"context"
	"net/http"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/entry"
	"github.com/chancery-platform/chancery/mission"
)

// serviceStartPage is a service's start page (GOV.UK's "start page"
// pattern): before a person chooses a time, what the service is for, the
// documents to bring, the fee with its source or the mission's mark, the
// processing time, where and how long, then the button that starts.
type serviceStartPage struct {
	Journey bookingJourney
	Fee     ServiceFee
}

// ServiceFee is a service's fee as the pages show it: the fee table's rows
// in force, each with its source, or a text with its source, or the
// mission's mark. Sourced is false unless a source backs what is shown.
type ServiceFee struct {
	booking.Fee
	Rows   []feeRow       // the fee table's rows in force today (Kind FeeTable)
	Common *feeRow        // of Rows, the one shown first (entry.CommonFee), nil when none
	Host   string         // the country whose citizens Common is for
	Source mission.Source // the source of a text fee (Kind FeeText)
}

// feeRow is one row of the fee table with its source.
type feeRow struct {
	Applicant, VisaType, Entries, Amount, Currency, ValidFrom string
	Source                                                    mission.Source // ID only when not in the database; empty when set by the mission
}

// serviceShow is the start page of one service of a mission.
func (s *Server) serviceShow(w http.ResponseWriter, r *http.Request) {
	j, err := s.journey(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	fee, err := s.serviceFee(r.Context(), j)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.Render(w, r, "service", serviceStartPage{Journey: j, Fee: fee})
}

// serviceFee reads what a service's fee rests on: the fee table's rows in
// force on the mission's today for its country's visas, or the source of
// a text fee.
func (s *Server) serviceFee(ctx context.Context, j bookingJourney) (ServiceFee, error) {
	out := ServiceFee{Fee: j.Service.Fee}
	switch j.Service.Fee.Kind {
	case booking.FeeTable:
		today := calendar.DateOf(j.Now, j.Cal.Zone).String()
		rows, err := s.DB.FeesInForce(ctx, j.Mission.Country, today)
		if err != nil {
			return out, err
		}
		fees := make([]entry.Fee, len(rows))
		for i, f := range rows {
			fees[i] = entry.Fee(f)
		}
		common := entry.CommonFee(fees, j.Mission.Country, j.Mission.Host, today)
		for _, f := range rows {
			row := feeRow{Applicant: f.Applicant, VisaType: f.VisaType, Entries: f.Entries, Amount: f.Amount, Currency: f.Currency, ValidFrom: f.ValidFrom}
			if f.Source != "" {
				row.Source = s.sourceOrID(ctx, f.Source)
			}
			if common != nil && entry.Fee(f) == *common {
				out.Common, out.Host = &row, j.Mission.Host
			}
			out.Rows = append(out.Rows, row)
		}
	case booking.FeeText:
		out.Source = s.sourceOrID(ctx, j.Service.Fee.Citation.SourceID)
		out.Fee.Citation.Source = &out.Source
	}
	return out, nil
}

// sourceOrID is the source with id, or a source that has its id only when
// the database does not hold it.
func (s *Server) sourceOrID(ctx context.Context, id string) mission.Source {
	if src, err := s.DB.Source(ctx, id); err == nil {
		return src
	}
	return mission.Source{ID: id}
}
