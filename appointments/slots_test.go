package appointments

import (
	"testing"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/calendar"
)

// TestAbuse22ListingsBounded: listings of days a client chooses never keep
// more than maxListings listings or maxListedSlots slots.
func TestAbuse22ListingsBounded(t *testing.T) {
	var c listings
	day := calendar.Date{Year: 2026, Month: 12, Day: 1}
	for i := range 3 * maxListings {
		c.put(listingKey{service: "svc", from: day.AddDays(i), to: day.AddDays(i)}, &Listing{Slots: make([]booking.Slot, 300)})
		if len(c.m) > maxListings || c.slots > maxListedSlots {
			t.Fatalf("after %d listings: %d kept with %d slots", i+1, len(c.m), c.slots)
		}
	}
	total := 0
	for _, l := range c.m {
		total += len(l.Slots)
	}
	if total != c.slots || len(c.m) == 0 {
		t.Fatalf("%d listings, %d slots counted, %d kept", len(c.m), c.slots, total)
	}
}
