package mission

import (
	"sync"
	"time"
)

// zones holds the time zones loaded so far: loading one parses its file.
var zones sync.Map // name → *time.Location

// Zone is the named time zone (a mission's TimeZone), or UTC when the
// name is not one.
func Zone(name string) *time.Location {
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	zones.Store(name, loc)
	return loc
}
