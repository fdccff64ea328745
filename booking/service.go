package booking

import (
	"regexp"

	"github.com/chancery-platform/chancery"
)

var serviceID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,47}$`)

// Validate checks a service's settings. Errors are EINVALID with the key
// "error.service_invalid" and the field at fault in Data["Field"].
func (s Service) Validate() error {
	bad := func(field string) error {
		return chancery.Errorf(chancery.EINVALID, "error.service_invalid", "Field", field)
	}
	switch {
	case !serviceID.MatchString(s.ID):
		return bad("id")
	case s.MissionID == "":
		return bad("mission")
	case s.Name["en"] == "":
		return bad("name")
	case s.Duration < 5 || s.Duration > 480:
		return bad("duration_minutes")
	case s.Capacity < 1 || s.Capacity > 1000:
		return bad("capacity")
	case s.WindowDays < 1 || s.WindowDays > 366:
		return bad("window_days")
	case s.MinNotice < 0 || s.MinNotice > 720:
		return bad("min_notice_hours")
	case s.DailyQuota < 0:
		return bad("daily_quota")
	case s.Mode != FirstCome && s.Mode != Lottery:
		return bad("mode")
	}
	return s.Catalogue.Validate()
}
