package storetest

import (
	"context"
	"testing"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/store"
)

// StartApplication starts a draft of the Chongqing mission's case type for
// email, as an applicant would (no mail), and returns its reference and
// the token of its private link.
func StartApplication(t testing.TB, db *store.DB, caseType, email string) (reference, token string) {
	t.Helper()
	token, hash := booking.NewToken()
	_, code := booking.NewToken()
	a, err := db.CreateApplication(context.Background(), store.NewApplication{Mission: "by-cg-chongqing", CaseType: caseType,
		Email: email, Lang: "en", TokenHash: hash, VerifyHash: code}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return a.Reference, token
}
