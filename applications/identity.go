package applications

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/mrz"
)

// IdentityCheck reads a machine-readable zone (typed by the applicant, or
// by a document reader at the counter) and compares it with the
// application's answers: what the zone says and every difference, for a
// person to judge. A malformed zone is an EINVALID error naming the line
// and position, with Field "mrz". today is the date two-digit years are
// read against. The desk calls it with the application and its case
// type's version as it reads them.
func IdentityCheck(t casework.CaseType, a casework.Application, zone string, today time.Time) (mrz.Document, []casework.Mismatch, error) {
	d, err := readZone(zone, today)
	if err != nil {
		return mrz.Document{}, nil, err
	}
	return d, casework.CompareMRZ(t, a.Answers, d), nil
}

// readZone is mrz.Parse with the field a form shows its fault at.
func readZone(zone string, today time.Time) (mrz.Document, error) {
	d, err := mrz.Parse(zone, today)
	var e *chancery.Error
	if errors.As(err, &e) && e.Data != nil {
		e.Data["Field"] = "mrz"
	}
	return d, err
}

// identity fills the view's comparison of the zone the applicant typed
// with the answers; nothing when none was typed.
func (v *View) identity(today time.Time) {
	if v.Application.MRZ == "" {
		return
	}
	d, mismatches, err := IdentityCheck(v.Type, v.Application, v.Application.MRZ, today)
	if err != nil {
		return // kept only once read; a zone the parser no longer reads is shown as typed
	}
	v.MRZ, v.Mismatches = &d, mismatches
}

// SaveMRZ keeps the machine-readable zone of the applicant's passport as
// typed ("" removes it), once it reads as a zone; the view then lists
// where it and the answers differ. Differences never stop a submission:
// a person at the mission judges them.
func (as *Applications) SaveMRZ(ctx context.Context, reference, token, zone string) (View, error) {
	return as.edit(ctx, reference, token, nil, zone)
}

// SaveForm keeps the answers and the zone of the application's page at
// once, every fault of both reported together and nothing saved while
// any is left.
func (as *Applications) SaveForm(ctx context.Context, reference, token string, answers casework.Answers, zone string) (View, error) {
	return as.edit(ctx, reference, token, &answers, zone)
}

// edit keeps the zone, and the answers unless nil.
func (as *Applications) edit(ctx context.Context, reference, token string, answers *casework.Answers, zone string) (View, error) {
	zone = strings.TrimSpace(zone)
	if zone != "" {
		if _, err := readZone(zone, as.db.Now()); err != nil {
			if answers == nil {
				return View{}, err
			}
			_, t, err2 := as.db.ApplicationByToken(ctx, reference, token)
			if err2 != nil {
				return View{}, err2
			}
			return View{}, errors.Join(t.CheckAnswers(*answers, false), err)
		}
	}
	if _, err := as.db.EditApplication(ctx, reference, token, answers, &zone); err != nil {
		return View{}, err
	}
	return as.Show(ctx, reference, token)
}
