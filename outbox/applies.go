package outbox

import (
	"time"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/store"
)

// Applies reports whether message m about booking b, as b stands at now,
// should still go out. A cancellation (by its holder, a closed day, or an
// unconfirmed address) is the last word and always goes. A confirmation
// (also one sent again), a new time or a reminder goes only while the
// booking is confirmed at the time the message was written for (a later
// move or cancel raises the sequence), and a reminder only before the
// appointment; a request to
// confirm the address only while the booking waits for it. Messages
// about no booking (an event's registration) always go.
func Applies(m store.Message, b booking.Booking, now time.Time) bool {
	if m.BookingID == 0 {
		return true
	}
	switch m.Kind {
	case Cancellation, Closure, Expired:
		return b.Status == booking.Cancelled
	case Confirmation, Moved, Resent:
		return b.Status == booking.Confirmed && m.Sequence == b.Sequence
	case Reminder:
		return b.Status == booking.Confirmed && m.Sequence == b.Sequence && b.Start.After(now)
	case Verification:
		return b.Status == booking.Pending && m.Sequence == b.Sequence
	}
	return true
}
