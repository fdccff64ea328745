package store_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/seal"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
)

// decidedApplication starts a return-certificate application in db and
// marks it decided with SQL, as the consul's decision will.
func decidedApplication(t *testing.T, db *store.DB) (casework.Application, casework.CaseType) {
	t.Helper()
	ctx := context.Background()
	_, tokenHash := booking.NewToken()
	_, codeHash := booking.NewToken()
	app, err := db.CreateApplication(ctx, store.NewApplication{Mission: "by-cg-chongqing", CaseType: "return-certificate",
		Email: "a@example.org", Lang: "be", TokenHash: tokenHash, VerifyHash: codeHash}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := storetest.Raw(t, db, db.DSN).Exec(`UPDATE applications SET stage = 'decided' WHERE id = ` + strconv.FormatInt(app.ID, 10)); err != nil {
		t.Fatal(err)
	}
	app.Stage = casework.Decided
	ct, err := db.CaseType(ctx, app.Mission, app.CaseType, app.Version)
	if err != nil {
		t.Fatal(err)
	}
	return app, ct
}

func issue(t *testing.T, db *store.DB, key seal.Key, app casework.Application, ct casework.CaseType, f store.DocumentFacts) (seal.Document, error) {
	t.Helper()
	tx, err := db.Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	d, err := tx.IssueDocument(context.Background(), key, app, ct, f)
	if err != nil {
		return d, err
	}
	return d, tx.Commit()
}

// TestIssueDocument: the first instance generates the seal key and the
// next reads the same one; a decided application's document is signed
// and verifies with the published keys; a second document for the same
// result is refused, as is one for an application not decided or with a
// reason the type does not list; revoking is once, audited, and kept;
// after a key rotation the old document still verifies, the new key
// signs, and both keys are published.
func TestIssueDocument(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.OpenSeeded(t)
	key, created, err := db.SealKey(ctx, nil)
	if err != nil || !created || key.Private == nil {
		t.Fatalf("first start: %v %v", created, err)
	}
	again, created, err := db.SealKey(ctx, nil)
	if err != nil || created || again.ID != key.ID || !again.Private.Equal(key.Private) {
		t.Fatalf("second instance: %s %v %v, want %s", again.ID, created, err, key.ID)
	}
	app, ct := decidedApplication(t, db)
	d, err := issue(t, db, key, app, ct, store.DocumentFacts{Result: "issued", Holder: " IVANOV   I. I. "})
	if err != nil {
		t.Fatal(err)
	}
	keys := func() map[string][]byte {
		ks, err := db.SealKeys(ctx)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string][]byte{}
		for _, k := range ks {
			if k.Private != nil {
				t.Errorf("published key %s carries its private half", k.ID)
			}
			out[k.ID] = k.Public
		}
		return out
	}
	verify := func(code string) (seal.Record, error) {
		set := seal.KeySet{}
		ks, _ := db.SealKeys(ctx)
		for _, k := range ks {
			set.Keys = append(set.Keys, k.Publish("by-cg-chongqing"))
		}
		return seal.Verify(code, set.Map())
	}
	if r, err := verify(d.Code); err != nil || r.Holder != "IVANOV I. I." || r.Ref != app.Reference || r.Result != "issued" {
		t.Errorf("verify: %+v %v", r, err)
	}
	if got, err := db.IssuedDocument(ctx, d.Code); err != nil || got.ID != d.ID || !got.Revoked.IsZero() {
		t.Errorf("read back: %+v %v", got, err)
	}
	if _, err := issue(t, db, key, app, ct, store.DocumentFacts{Result: "issued"}); !errors.Is(err, seal.ErrAlreadyIssued) {
		t.Errorf("second document: %v", err)
	}
	if _, err := issue(t, db, key, app, ct, store.DocumentFacts{Result: "refused", Reasons: []string{"no-such-reason"}}); !errors.Is(err, seal.ErrReason) {
		t.Errorf("unknown reason: %v", err)
	}
	_, tokenHash := booking.NewToken()
	draft, err := db.CreateApplication(ctx, store.NewApplication{Mission: "by-cg-chongqing", CaseType: "return-certificate",
		Email: "b@example.org", Lang: "en", TokenHash: tokenHash, VerifyHash: tokenHash}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := issue(t, db, key, draft, ct, store.DocumentFacts{Result: "issued"}); !errors.Is(err, seal.ErrNotDecided) {
		t.Errorf("a draft: %v", err)
	}

	consul := store.Actor{Name: "consul"}
	if _, err := db.RevokeDocument(ctx, consul, d.Code, " "); !errors.Is(err, seal.ErrRevokeReason) {
		t.Errorf("revoke without a reason: %v", err)
	}
	if r, err := db.RevokeDocument(ctx, consul, d.Code, "issued in error"); err != nil || r.Revoked.IsZero() {
		t.Fatalf("revoke: %v", err)
	}
	if _, err := db.RevokeDocument(ctx, consul, d.Code, "again"); !errors.Is(err, seal.ErrAlreadyRevoked) {
		t.Errorf("revoke twice: %v", err)
	}
	if got, _ := db.IssuedDocument(ctx, d.Code); got.Revoked.IsZero() || got.RevokeReason != "issued in error" || got.RevokedBy != "consul" {
		t.Errorf("revocation not kept: %+v", got)
	}
	if dump := storetest.Dump(t, db, db.DSN, "audit_log"); !strings.Contains(dump, "document.revoke") {
		t.Errorf("revocation not audited")
	}

	// Rotation: the old document still verifies; the new key signs.
	newKey, err := db.RotateSealKey(ctx)
	if err != nil || newKey.ID == key.ID || newKey.Private == nil {
		t.Fatalf("rotate: %v", err)
	}
	if _, err := verify(d.Code); err != nil {
		t.Errorf("the old key's document after rotation: %v", err)
	}
	app2, _ := decidedApplication(t, db)
	d2, err := issue(t, db, newKey, app2, ct, store.DocumentFacts{Result: "refused", Reasons: []string{ct.Refusals[0].ID}})
	if err != nil || d2.KeyID != newKey.ID {
		t.Fatalf("after rotation: %+v %v", d2, err)
	}
	if _, err := verify(d2.Code); err != nil {
		t.Errorf("the new key's document: %v", err)
	}
	if ks := keys(); len(ks) != 2 {
		t.Errorf("published keys: %d", len(ks))
	}
	// Another instance started now reads the rotated key.
	if k, _, err := db.SealKey(ctx, nil); err != nil || k.ID != newKey.ID {
		t.Errorf("after rotation an instance signs with %s (%v)", k.ID, err)
	}

	// A configured key takes over, keeps its private half out of the
	// database, and the generated keys stay published.
	conf := seal.NewKey()
	k, _, err := db.SealKey(ctx, &conf)
	if err != nil || k.ID != conf.ID || k.Private == nil {
		t.Fatalf("configured key: %v", err)
	}
	if _, _, err := db.SealKey(ctx, nil); !errors.Is(err, seal.ErrNoSigningKey) {
		t.Errorf("an instance without the configured key: %v", err)
	}
	if dump := storetest.Dump(t, db, db.DSN, "seal_keys"); len(keys()) != 3 || strings.Contains(dump, fmt.Sprintf("%x", conf.Private.Seed())) {
		t.Errorf("configured key: %d keys published", len(keys()))
	}
}
