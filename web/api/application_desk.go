package api

import (
	"time"

	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/casework"
)

// addDeskWork adds what the desk did with the application: the day a
// decision is expected while the case runs, what the mission asked for
// while it waits, and the decision with a refusal's reasons and appeal.
func addDeskWork(out *apiApplication, a casework.Application, t casework.CaseType, zone *time.Location) {
	day := func(d calendar.Date) *string {
		if !d.IsValid() {
			return nil
		}
		s := d.String()
		return &s
	}
	if a.Running() {
		out.Due = day(a.Due)
	}
	if a.Stage == casework.Waiting {
		out.Request = &apiRequest{Message: a.Request, By: day(a.RequestBy)}
	}
	if a.Result == "" {
		return
	}
	r, _ := t.Result(a.Result)
	d := &apiDecision{Result: a.Result, ResultName: r.Name, DecidedAt: a.Decided.In(zone).Format(time.RFC3339), Reasons: []casework.Reason{}}
	for _, id := range a.Reasons {
		if reason, ok := t.Reason(id); ok {
			d.Reasons = append(d.Reasons, reason)
		}
	}
	if len(a.Reasons) > 0 {
		d.Appeal = t.Appeal
	}
	out.Decision = d
}
