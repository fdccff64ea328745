package booking

import (
	"errors"
	"regexp"

	"github.com/chancery-platform/chancery"
)

var serviceID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,47}$`)

// Validate checks a service's settings. Errors are EINVALID with the key
// "error.service_invalid" and the field at fault in Data["Field"], one for
// each field in error, joined in the form's order (chancery.Errors lists
// them; errors.As finds the first).
func (s Service) Validate() error {
	var errs []error
	bad := func(field string) {
		errs = append(errs, chancery.Errorf(chancery.EINVALID, "error.service_invalid", "Field", field))
	}
	if !serviceID.MatchString(s.ID) {
		bad("id")
	}
	if s.MissionID == "" {
		bad("mission")
	}
	if s.Name["en"] == "" {
		bad("name")
	}
	if s.Capacity < 1 || s.Capacity > 1000 {
		bad("capacity")
	}
	if s.Duration < 5 || s.Duration > 480 {
		bad("duration_minutes")
	}
	if s.WindowDays < 1 || s.WindowDays > 366 {
		bad("window_days")
	}
	if s.MinNotice < 0 || s.MinNotice > 720 {
		bad("min_notice_hours")
	}
	if s.DailyQuota < 0 {
		bad("daily_quota")
	}
	if s.Mode != FirstCome && s.Mode != Lottery {
		bad("mode")
	}
	return errors.Join(append(errs, s.Catalogue.Validate())...)
}
