package booking

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"sort"
)

// A lottery release gives out scarce places fairly: requests are collected
// during a window, then drawn at random, one per identity, so neither speed
// nor bots win. The draw is reproducible from its seed, which is recorded
// (and may be published) so that anyone can check it.

// Entry is one request in a lottery.
type Entry struct {
	ID       int64
	Identity string // the person: a normalized email or passport number
}

// NewSeed returns a fresh random seed for a draw, as hex.
func NewSeed() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

// rank is an entry's place in the draw: HMAC-SHA256 of its identity keyed
// by the seed, so the order is uniform, depends on nothing a requester
// controls once the seed is secret, and is the same every time it is
// computed from the same seed.
func rank(seed, identity string) string {
	m := hmac.New(sha256.New, []byte(seed))
	m.Write([]byte(identity))
	return hex.EncodeToString(m.Sum(nil))
}

// Draw allocates places among entries: each identity counts once (its
// first entry), identities are ordered by rank, and the first places win.
// It returns winners in draw order and the rest.
func Draw(seed string, entries []Entry, places int) (winners, losers []Entry) {
	seen := map[string]bool{}
	type ranked struct {
		e Entry
		r string
	}
	var pool []ranked
	for _, e := range entries {
		if seen[e.Identity] {
			losers = append(losers, e)
			continue
		}
		seen[e.Identity] = true
		pool = append(pool, ranked{e, rank(seed, e.Identity)})
	}
	sort.Slice(pool, func(i, j int) bool { return pool[i].r < pool[j].r })
	for i, p := range pool {
		if i < places {
			winners = append(winners, p.e)
		} else {
			losers = append(losers, p.e)
		}
	}
	return winners, losers
}

// LotteryOnly reports whether a slot of svc can be had only through the
// draw: the service gives out places by lottery and a release of the slot
// is not drawn yet (undrawn). Its places are then neither listed as free
// nor booked or moved into directly; once the release is drawn, places
// the draw left free are open to anyone. A service switched back to open
// booking gives out all its places directly again.
func LotteryOnly(svc Service, undrawn bool) bool { return svc.Mode == Lottery && undrawn }
