// Package booking holds the rules of appointments at a mission: the
// services it offers with their capacity and booking window, the slots a
// service's day is cut into, who may book (a valid applicant, one active
// booking per person and service) and when (an open day, within office
// hours, not too soon and not too far ahead). It decides; the store keeps
// the promises (capacity, uniqueness, idempotency) with constraints and
// conditional writes.
package booking

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"time"

	"github.com/chancery-platform/chancery/mission"
)

// Mode is how a service's slots are given out.
type Mode string

// Release modes.
const (
	FirstCome Mode = "open"    // the first valid request for a free place gets it
	Lottery   Mode = "lottery" // requests are collected in a window and drawn at random
)

// Service is something a mission does by appointment.
type Service struct {
	ID            string // e.g. "cq-visa"
	MissionID     string
	Name          mission.Text
	Duration      int  // minutes a slot lasts
	Capacity      int  // counters: people served at once in one slot
	WindowDays    int  // how many days ahead one may book
	MinNotice     int  // hours between booking and the appointment, at least
	DailyQuota    int  // most bookings a day; 0 = no quota beyond the slots
	NeedsPassport bool // the applicant must give a passport number
	VerifyEmail   bool // a booking is pending until its email is confirmed
	Mode          Mode
	Active        bool
	Position      int // order in lists
	// Catalogue is what the service's page tells a person before they book.
	Catalogue
}

// Status is where a booking stands.
type Status string

// Booking states. Pending and Confirmed hold a place; the others do not.
const (
	Pending   Status = "pending" // awaiting email verification
	Confirmed Status = "confirmed"
	Cancelled Status = "cancelled"
	CheckedIn Status = "checked_in"
	NoShow    Status = "no_show"
)

// Holds reports whether a booking in this state holds a place.
func (s Status) Holds() bool { return s == Pending || s == Confirmed }

// Booking is one person's appointment.
type Booking struct {
	ID        int64
	Reference string
	ServiceID string
	MissionID string
	SlotID    int64
	Start     time.Time
	End       time.Time
	Status    Status
	Applicant Applicant
	Sequence  int // raised on every change the applicant's calendar must follow
	CreatedAt time.Time
	UpdatedAt time.Time

	// VerifyBy is when a pending booking's place goes back unless its
	// email is confirmed first; zero when there is nothing to verify.
	VerifyBy time.Time
	// CancelReason says why a cancelled booking ended.
	CancelReason CancelReason
}

// CancelReason is why a booking was cancelled.
type CancelReason string

// Why bookings end before their time.
const (
	ByHolder   CancelReason = "holder"     // its holder cancelled it
	Unverified CancelReason = "unverified" // its email was not confirmed in time
	ByClosure  CancelReason = "closed"     // the mission closed that day
)

// VerifyWithin is how long an applicant has to confirm their email before
// a pending booking's place goes back to others.
const VerifyWithin = time.Hour

// Slot is one bookable time of a service, with its places.
type Slot struct {
	ServiceID string
	Start     time.Time
	End       time.Time
	Capacity  int
	Held      int // held back by staff for walk-ins or phone bookings
	Booked    int
	// Refused is the limit that refuses a booking of the slot now
	// (ErrSlotFull, ErrDayFull, …; see Usage.Apply), nil when none does.
	Refused error
}

// Available is the number of places a person can still book: none when a
// limit refuses the slot.
func (s Slot) Available() int {
	if s.Refused != nil {
		return 0
	}
	return max(0, s.Capacity-s.Held-s.Booked)
}

// referenceAlphabet is Crockford's base 32: no I, L, O or U to misread.
const referenceAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// NewReference returns a booking reference such as "7F3K-9QXA": eight
// characters a person can read out on the phone; 40 random bits.
func NewReference() string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	out := make([]byte, 0, 9)
	for i, c := range b {
		if i == 4 {
			out = append(out, '-')
		}
		out = append(out, referenceAlphabet[c&31])
	}
	return string(out)
}

// NewToken returns the secret of a booking's manage link and the hash the
// store keeps in its place.
func NewToken() (token, hash string) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token)
}

// HashToken is the stored form of a manage-link token.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// TokenMatches reports, in constant time, whether token is the one whose
// hash the store keeps.
func TokenMatches(hash, token string) bool {
	return subtle.ConstantTimeCompare([]byte(hash), []byte(HashToken(token))) == 1
}
